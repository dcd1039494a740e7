//! Importing a folder of architecture decision records (`docs/adr/0005-use-postgres.md`)
//! as decisions.
//!
//! Two shapes are read, as the ADR tools write them: MADR's YAML front-matter (`status`,
//! `date`, `decision-makers` or `deciders`, `consulted`, `informed`) and Michael Nygard's
//! older form (`# 1. Title`, a `Date: …` line, a `## Status` section saying `Accepted`,
//! `Superseded by [5. …](0005-….md)` or `Supersedes [3. …](0003-….md)`). Links between
//! ADRs become `supersedes` and `related` references to the new ids; the title comes from
//! the `# ` heading; the body is kept as written, and front-matter pobox does not know is
//! kept under its own name. Each record keeps its file name as an alias, and `adr-<number>`
//! when no other file has its number, so a second run skips what it imported.
//!
//! Real folders reuse numbers (two people add `0037-…` on two branches): every file is
//! imported, a link to a file name finds exactly that file, and a link by number alone
//! (`ADR-0037`) that several files share is reported as ambiguous instead of guessed.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use super::{ImportError, Record, StatusMap, Value, kept_name, leading_date, yaml_texts, yaml_value};
use crate::config::Config;
use crate::model::Kind;
use crate::parse::frontmatter;
use crate::parse::yaml::{self, Entry};
use crate::workflow::DecisionStatus;

/// The folders, under a project, where ADR tools keep their records, in the order looked at.
pub const FOLDERS: [&str; 4] = ["docs/adr", "docs/decisions", "doc/adr", "docs/architecture/decisions"];

/// An ADR's file name: its number, a dash, its slug.
static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d+)-.+\.md$").expect("valid regex"));
/// A link to another ADR's file in the same folder: `[5. Help](0005-help.md)`,
/// `(./0005-help.md)`; the file's name without `.md` is captured.
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\]\((?:\./)?(\d+-[^)\s#/]*)\.md(?:#[^)]*)?\)").expect("valid regex"));
/// An ADR named by its number in text: `ADR-0005`, `ADR 5`.
static NAMED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bADR[-\s_]?0*(\d+)\b").expect("valid regex"));
/// Nygard's title: `# 1. Record architecture decisions`, or `# ADR 3: Queue`.
static NUMBERED_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:ADR[-\s_]?)?\d+[.:]?\s+(?:[-–—:]\s*)?").expect("valid regex"));
/// A `Status: accepted` line under the title, before the first section: bare, bold or
/// underlined (`**Status:**`, `__Status__:`), as some teams write it.
static STATUS_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^[*_]{0,2}status[*_]{0,2}\s*:\s*[*_]{0,2}\s*(.*)$").expect("valid regex"));
/// A `Date: 2016-02-12` line, bold or listed as some tools write it.
static DATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*[-*]?\s*\**date\**:?\**\s*(\d{4}-\d{2}-\d{2})").expect("valid regex"));

/// What [`read`] found in an ADR folder.
#[derive(Debug, Default)]
pub struct Source {
    /// The folder read.
    pub folder: PathBuf,
    /// The decisions, in the order of their numbers.
    pub records: Vec<Record>,
    /// Things the user should know (links to ADRs that are not in the folder, files left out).
    pub notes: Vec<String>,
    /// ADR files read.
    pub files_read: usize,
    /// Other Markdown files of the folder (an index, the template), not imported.
    pub not_imported: Vec<String>,
}

/// The ADR folder of `dir`: `dir` itself when it holds `NNNN-*.md` files, else the first of
/// [`FOLDERS`] under it that does.
#[must_use]
pub fn adr_folder(dir: &Path) -> Option<PathBuf> {
    std::iter::once(dir.to_path_buf())
        .chain(FOLDERS.iter().map(|f| dir.join(f)))
        .find(|d| !adr_files(d).is_empty())
}

/// The ADR files of `dir`, by number then name.
fn adr_files(dir: &Path) -> Vec<(u64, PathBuf)> {
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(u64, PathBuf)> = read
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let n = FILE_NAME.captures(name)?.get(1)?.as_str().parse().ok()?;
            Some((n, p))
        })
        .collect();
    out.sort();
    out
}

/// One ADR file, parsed.
struct Adr {
    number: u64,
    /// Its file name without `.md`: unique in its folder, unlike its number.
    stem: String,
    key: String,
    rel: String,
    entries: Vec<Entry>,
    body: String,
}

/// How an ADR names another: by its file (exact) or by its number alone.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    /// `[5. Help](0005-help.md)`: the file's name without `.md`.
    File(String),
    /// `ADR-0005`, `supersedes: 5`.
    Number(u64),
}

/// The ADRs of a folder by file name and by number, to resolve what records name.
struct Index {
    by_stem: HashMap<String, usize>,
    by_number: HashMap<u64, Vec<usize>>,
}

/// Why a name found no single record.
enum Unresolved {
    /// No file has that name or number.
    Missing,
    /// Several files have that number: their names.
    Ambiguous(Vec<String>),
}

impl Index {
    fn new(adrs: &[Adr]) -> Index {
        let mut by_number: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, a) in adrs.iter().enumerate() {
            by_number.entry(a.number).or_default().push(i);
        }
        Index {
            by_stem: adrs.iter().enumerate().map(|(i, a)| (a.stem.clone(), i)).collect(),
            by_number,
        }
    }

    /// The one record `target` names. A link to a file name that is not in the folder
    /// falls back to its number, since files get renamed when titles change.
    fn resolve(&self, target: &Target, adrs: &[Adr]) -> Result<usize, Unresolved> {
        let number = match target {
            Target::File(stem) => match self.by_stem.get(stem) {
                Some(i) => return Ok(*i),
                None => FILE_NAME.captures(&format!("{stem}.md")).and_then(|c| c[1].parse().ok()),
            },
            Target::Number(n) => Some(*n),
        };
        match number.and_then(|n| self.by_number.get(&n)).map(Vec::as_slice) {
            Some([one]) => Ok(*one),
            Some(many) if !many.is_empty() => Err(Unresolved::Ambiguous(many.iter().map(|i| adrs[*i].stem.clone()).collect())),
            _ => Err(Unresolved::Missing),
        }
    }
}

impl Target {
    /// How a note names it.
    fn shown(&self) -> String {
        match self {
            Target::File(stem) => format!("{stem}.md"),
            Target::Number(n) => format!("ADR {n}"),
        }
    }
}

/// Read the ADR folder at `dir` (the folder itself, or a project holding one of [`FOLDERS`]).
///
/// # Errors
/// [`ImportError::Source`] when no ADR files are there, or a file's front-matter is not
/// valid YAML; [`ImportError::Read`] when a file cannot be read; [`ImportError::Status`]
/// when a status means no decision status and no `--status` option maps it.
pub fn read(dir: &Path, config: &Config, statuses: &StatusMap) -> Result<Source, ImportError> {
    let Some(folder) = adr_folder(dir) else {
        return Err(ImportError::Source {
            at: dir.display().to_string(),
            message: "no architecture decision records here".to_owned(),
            help: format!(
                "ADR files are named `NNNN-title.md` (like `0001-record-architecture-decisions.md`); name their folder, or a project with one of {}",
                FOLDERS.join(", ")
            ),
        });
    };
    let files = adr_files(&folder);
    let mut source = Source {
        folder: folder.clone(),
        ..Source::default()
    };
    if let Ok(read) = std::fs::read_dir(&folder) {
        let mut others: Vec<String> = read
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.ends_with(".md") && !FILE_NAME.is_match(n))
            .collect();
        others.sort();
        source.not_imported = others;
    }
    let shown = folder.file_name().map_or_else(PathBuf::new, PathBuf::from);
    let mut shared: HashMap<u64, usize> = HashMap::new();
    for (number, _) in &files {
        *shared.entry(*number).or_default() += 1;
    }
    let mut adrs = Vec::with_capacity(files.len());
    for (number, path) in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let rel = crate::text::path::slash(&shown.join(&name));
        let text = std::fs::read_to_string(&path).map_err(|source| ImportError::Read {
            path: path.clone(),
            source,
        })?;
        let stem = name.trim_end_matches(".md").to_owned();
        let digits = name.split('-').next().unwrap_or_default();
        let sharing = shared.get(&number).copied().unwrap_or(1);
        // A number several files share cannot stand for one of them: the file name can.
        let key = if sharing > 1 { stem.clone() } else { format!("adr-{digits}") };
        let (entries, body) = split(&rel, &text)?;
        adrs.push(Adr {
            number,
            stem,
            key,
            rel,
            entries,
            body,
        });
    }
    source.files_read = adrs.len();
    let index = Index::new(&adrs);
    let mut shared: Vec<(&u64, &Vec<usize>)> = index.by_number.iter().filter(|(_, files)| files.len() > 1).collect();
    shared.sort();
    for (number, files) in shared {
        let names: Vec<&str> = files.iter().map(|i| adrs[*i].rel.as_str()).collect();
        source.notes.push(format!(
            "ADR {number} is the number of {} files ({}): each is imported, with its file name as its alias, and a reference to ADR {number} by number alone is reported as ambiguous",
            files.len(),
            names.join(", ")
        ));
    }
    let mut notes = Vec::new();
    // What each record names, resolved to records; a name that finds none (or several) is
    // noted once, under the field it was written in.
    let mut resolve = |from: usize, targets: &BTreeSet<Target>, field: &str| -> BTreeSet<usize> {
        let mut found = BTreeSet::new();
        for t in targets {
            match index.resolve(t, &adrs) {
                Ok(i) if i != from => {
                    found.insert(i);
                }
                Ok(_) => {}
                Err(Unresolved::Missing) => notes.push(format!(
                    "{}: `{field}` names {}, which is not in the folder; left out",
                    adrs[from].rel,
                    t.shown()
                )),
                Err(Unresolved::Ambiguous(stems)) => notes.push(format!(
                    "{}: `{field}` names {}, which is ambiguous: it is {}; left out (link to the file instead)",
                    adrs[from].rel,
                    t.shown(),
                    stems.join(" and ")
                )),
            }
        }
        found
    };
    let links: Vec<Links> = adrs.iter().map(links).collect();
    let mut supersedes: Vec<BTreeSet<usize>> = Vec::with_capacity(adrs.len());
    let mut superseded_by: Vec<BTreeSet<usize>> = Vec::with_capacity(adrs.len());
    let mut related: Vec<BTreeSet<usize>> = Vec::with_capacity(adrs.len());
    for (i, l) in links.iter().enumerate() {
        supersedes.push(resolve(i, &l.supersedes, "supersedes"));
        superseded_by.push(resolve(i, &l.superseded_by, "superseded by"));
        related.push(resolve(i, &l.related, "related"));
    }
    // Superseded-by links point backwards: the later ADR supersedes this one.
    for (older, later) in superseded_by.iter().enumerate() {
        for l in later {
            supersedes[*l].insert(older);
        }
    }
    source.notes.append(&mut notes);
    for (i, (adr, l)) in adrs.iter().zip(links).enumerate() {
        let keys = |set: &BTreeSet<usize>| -> Vec<String> { set.iter().map(|j| adrs[*j].key.clone()).collect() };
        let rel: BTreeSet<usize> = related[i]
            .iter()
            .filter(|j| !supersedes[i].contains(j) && !superseded_by[i].contains(j))
            .copied()
            .collect();
        source
            .records
            .push(record(adr, l.status, keys(&supersedes[i]), keys(&rel), config, statuses)?);
    }
    Ok(source)
}

/// The front-matter entries (none for Nygard's form) and the body of a file.
fn split(rel: &str, text: &str) -> Result<(Vec<Entry>, String), ImportError> {
    let Ok(s) = frontmatter::split(text) else {
        return Ok((Vec::new(), text.trim_start_matches('\u{feff}').to_owned()));
    };
    let node = yaml::parse(&text[s.yaml.clone()]).map_err(|e| ImportError::Source {
        at: format!("{rel}:{}", e.pos.line + s.yaml_line.saturating_sub(1)),
        message: format!("its front-matter is not valid YAML: {}", e.message),
        help: "fix the YAML between the `---` lines (MADR's tools would not read it either) and import again".to_owned(),
    })?;
    let entries = match node.value {
        yaml::Value::Map(m) => m,
        _ => Vec::new(),
    };
    Ok((entries, text[s.body..].to_owned()))
}

/// What an ADR says about others, and its status as written.
#[derive(Default)]
struct Links {
    status: Option<String>,
    supersedes: BTreeSet<Target>,
    superseded_by: BTreeSet<Target>,
    related: BTreeSet<Target>,
}

/// The links of a line to ADR files.
fn linked(line: &str) -> impl Iterator<Item = Target> + '_ {
    LINK.captures_iter(line).map(|c| Target::File(c[1].to_owned()))
}

/// The ADRs a line names: links to ADR files, else `ADR-0005` in text.
fn targets_in(line: &str) -> Vec<Target> {
    let files: Vec<Target> = linked(line).collect();
    if !files.is_empty() {
        return files;
    }
    NAMED
        .captures_iter(line)
        .filter_map(|c| c[1].parse().ok())
        .map(Target::Number)
        .collect()
}

/// Read the status and the links of an ADR: the front-matter's `status` (MADR) or the
/// `## Status` section's first line (Nygard); lines saying "Supersedes …" or "Superseded
/// by …" anywhere in front-matter or status; every other link to an ADR file is related.
fn links(adr: &Adr) -> Links {
    let mut out = Links::default();
    let classify = |line: &str, out: &mut Links| {
        let lower = line.trim().to_lowercase();
        let n = targets_in(line);
        if lower.contains("superseded by") || lower.contains("superceded by") || lower.contains("replaced by") {
            out.superseded_by.extend(n);
        } else if lower.starts_with("supersedes") || lower.starts_with("supercedes") || lower.starts_with("replaces") {
            out.supersedes.extend(n);
        } else {
            out.related.extend(n);
        }
    };
    for e in &adr.entries {
        match e.key.as_str() {
            "status" => {
                let s = e.node.value.scalar_text().unwrap_or_default();
                classify(&s, &mut out);
                out.status = Some(s.trim().to_owned()).filter(|s| !s.is_empty());
            }
            "supersedes" => out
                .supersedes
                .extend(yaml_texts(&e.node.value).iter().flat_map(|t| plain_targets(t))),
            "superseded-by" | "superseded_by" => {
                out.superseded_by
                    .extend(yaml_texts(&e.node.value).iter().flat_map(|t| plain_targets(t)));
            }
            _ => {}
        }
    }
    let mut in_status = false;
    // Before the first section: where a `Status: …` line under the title is written (a
    // line like it further down is an example in the text, as in MADR's own records).
    let mut in_head = true;
    for line in adr.body.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix("## ") {
            in_status = h.trim().eq_ignore_ascii_case("status");
            in_head = false;
            continue;
        }
        if t.starts_with('#') {
            in_status = false;
        }
        if t.is_empty() {
            continue;
        }
        if in_status {
            if out.status.is_none() {
                out.status = Some(t.trim_matches(['*', '_', '-', ' ']).to_owned());
            }
            classify(t, &mut out);
        } else if let Some(rest) = STATUS_LINE.captures(t).and_then(|c| c.get(1)).filter(|_| in_head) {
            let rest = rest.as_str();
            if out.status.is_none() {
                out.status = Some(rest.trim().to_owned()).filter(|s| !s.is_empty());
            }
            classify(rest, &mut out);
        } else {
            out.related.extend(linked(t));
        }
    }
    out
}

/// What a front-matter reference names: `5`, `0005`, `ADR-0005` (by number),
/// `0005-x.md`, `0005-x` (by file).
fn plain_targets(text: &str) -> Vec<Target> {
    let t = text.trim();
    if let Ok(n) = t.parse() {
        return vec![Target::Number(n)];
    }
    let found = targets_in(t);
    if !found.is_empty() {
        return found;
    }
    let name = t.rsplit('/').next().unwrap_or(t);
    let name = name.strip_suffix(".md").unwrap_or(name);
    if FILE_NAME.is_match(&format!("{name}.md")) {
        return vec![Target::File(name.to_owned())];
    }
    Vec::new()
}

/// The decision status an ADR's status text means: a `--status` option first, then what the
/// words say ([`DecisionStatus::from_foreign`]).
///
/// # Errors
/// [`ImportError::Status`] when neither gives a decision status.
pub fn decision_status(config: &Config, statuses: &StatusMap, status: &str, at: &str) -> Result<String, ImportError> {
    if statuses.maps(status) {
        return statuses.map(config, Kind::Decision, status, at);
    }
    match DecisionStatus::from_foreign(status) {
        Some(s) => Ok(s.as_str().to_owned()),
        None => statuses.map(config, Kind::Decision, status, at),
    }
}

fn record(
    adr: &Adr,
    status: Option<String>,
    supersedes: Vec<String>,
    related: Vec<String>,
    config: &Config,
    statuses: &StatusMap,
) -> Result<Record, ImportError> {
    let mut fields: Vec<(String, Value)> = Vec::new();
    if let Some(s) = &status {
        fields.push(("status".to_owned(), Value::Text(decision_status(config, statuses, s, &adr.rel)?)));
    }
    let entry = |keys: &[&str]| adr.entries.iter().find(|e| keys.contains(&e.key.as_str()));
    let date = entry(&["date"])
        .and_then(|e| e.node.value.scalar_text())
        .and_then(|d| leading_date(&d))
        .or_else(|| {
            adr.body
                .lines()
                .take_while(|l| !l.trim_start().starts_with("## ") || l.trim().eq_ignore_ascii_case("## status"))
                .find_map(|l| DATE_LINE.captures(l).and_then(|c| c[1].parse().ok()))
        });
    if let Some(d) = date {
        fields.push(("date".to_owned(), Value::Text(d.to_string())));
    }
    let people = |keys: &[&str]| -> Vec<String> {
        entry(keys)
            .map(|e| yaml_texts(&e.node.value))
            .unwrap_or_default()
            .iter()
            .flat_map(|t| t.split(','))
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect()
    };
    for (field, keys) in [
        ("deciders", &["decision-makers", "deciders", "decision_makers"][..]),
        ("consulted", &["consulted"][..]),
        ("informed", &["informed"][..]),
    ] {
        let p = people(keys);
        if !p.is_empty() {
            fields.push((field.to_owned(), Value::List(p)));
        }
    }
    if !supersedes.is_empty() {
        fields.push(("supersedes".to_owned(), Value::Refs(supersedes)));
    }
    if !related.is_empty() {
        fields.push(("related".to_owned(), Value::Refs(related)));
    }
    const READ: [&str; 10] = [
        "status",
        "date",
        "decision-makers",
        "deciders",
        "decision_makers",
        "consulted",
        "informed",
        "supersedes",
        "superseded-by",
        "superseded_by",
    ];
    let title_entry = entry(&["title"]).and_then(|e| e.node.value.scalar_text());
    for e in adr.entries.iter().filter(|e| !READ.contains(&e.key.as_str()) && e.key != "title") {
        fields.push((kept_name(Kind::Decision, &e.key, "adr"), yaml_value(&e.node.value)));
    }
    // The file's name too, so links written by file name find the decision (the key is the
    // file name already when the number is shared).
    let stem = adr.stem.clone();
    if adr.key != stem {
        fields.push((super::ALIASES.to_owned(), Value::List(vec![stem.clone()])));
    }
    let heading = adr.body.lines().find_map(|l| l.strip_prefix("# ")).map(str::trim);
    let title = title_entry
        .filter(|t| !t.trim().is_empty())
        .or_else(|| heading.map(|h| NUMBERED_TITLE.replace(h, "").trim().to_owned()))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| stem.split_once('-').map_or(stem.as_str(), |x| x.1).replace('-', " "));
    Ok(Record {
        kind: Kind::Decision,
        key: adr.key.clone(),
        title,
        source: adr.rel.clone(),
        created: date,
        fields,
        body: adr.body.trim_start_matches('\n').to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adr(name: &str, text: &str) -> Adr {
        let (entries, body) = split(name, text).unwrap();
        Adr {
            number: FILE_NAME.captures(name).unwrap()[1].parse().unwrap(),
            stem: name.trim_end_matches(".md").to_owned(),
            key: String::new(),
            rel: name.to_owned(),
            entries,
            body,
        }
    }

    fn file(stem: &str) -> Target {
        Target::File(stem.to_owned())
    }

    #[test]
    fn a_status_line_under_the_title_is_read_bare_bold_or_underlined() {
        for line in [
            "Status: proposed",
            "**Status:** proposed",
            "__Status__: proposed",
            "*Status*: proposed",
        ] {
            let a = adr("0004-x.md", &format!("# ADR: X\n\n> Summary.\n\n{line}\n\n## Context\n"));
            assert_eq!(links(&a).status.as_deref(), Some("proposed"), "{line}");
        }
    }

    #[test]
    fn nygard_status_sections_say_status_and_links() {
        let a = adr(
            "0003-x.md",
            "# 3. X\n\nDate: 2016-02-12\n\n## Status\n\nSuperseded by [5. Y](0005-y.md)\n\nAmends [2. Z](0002-z.md)\n\n## Context\n\nSee [ADR 1](0001-a.md).\n",
        );
        let l = links(&a);
        assert_eq!(l.status.as_deref(), Some("Superseded by [5. Y](0005-y.md)"));
        assert_eq!(l.superseded_by.into_iter().collect::<Vec<_>>(), [file("0005-y")]);
        assert_eq!(l.related.into_iter().collect::<Vec<_>>(), [file("0001-a"), file("0002-z")]);
        let b = adr("0005-y.md", "# 5. Y\n\n## Status\n\nAccepted\n\nSupersedes [3. X](0003-x.md)\n");
        let l = links(&b);
        assert_eq!(
            (l.status.as_deref(), l.supersedes.into_iter().collect::<Vec<_>>()),
            (Some("Accepted"), vec![file("0003-x")])
        );
    }

    #[test]
    fn madr_front_matter_says_status() {
        let a = adr("0007-x.md", "---\nstatus: superseded by ADR-0009\ndate: 2024-05-06\n---\n# Use X\n");
        let l = links(&a);
        assert_eq!(l.superseded_by.into_iter().collect::<Vec<_>>(), [Target::Number(9)]);
        assert_eq!(
            DecisionStatus::from_foreign(l.status.as_deref().unwrap()),
            Some(DecisionStatus::Superseded)
        );
        assert_eq!(plain_targets("0005-help.md"), [file("0005-help")]);
        assert_eq!(plain_targets("ADR-0012"), [Target::Number(12)]);
        assert_eq!(plain_targets("7"), [Target::Number(7)]);
        assert_eq!(
            NUMBERED_TITLE.replace("1. Record architecture decisions", ""),
            "Record architecture decisions"
        );
        assert_eq!(NUMBERED_TITLE.replace("ADR 3: Queue", ""), "Queue");
        assert_eq!(NUMBERED_TITLE.replace("Use YAML front matter", ""), "Use YAML front matter");
    }
}
