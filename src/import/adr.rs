//! Importing a folder of architecture decision records (`docs/adr/0005-use-postgres.md`)
//! as decisions.
//!
//! Two shapes are read, as the ADR tools write them: MADR's YAML front-matter (`status`,
//! `date`, `decision-makers` or `deciders`, `consulted`, `informed`) and Michael Nygard's
//! older form (`# 1. Title`, a `Date: …` line, a `## Status` section saying `Accepted`,
//! `Superseded by [5. …](0005-….md)` or `Supersedes [3. …](0003-….md)`). Links between
//! ADRs become `supersedes` and `related` references to the new ids; the title comes from
//! the `# ` heading; the body is kept as written, and front-matter pobox does not know is
//! kept under its own name. Each record keeps `adr-<number>` as its alias, so a second run
//! skips what it imported.

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
/// A link to another ADR's file: `[5. Help](0005-help.md)`, `(./0005-help.md)`.
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\]\((?:\./)?(\d+)-[^)\s]*\.md(?:#[^)]*)?\)").expect("valid regex"));
/// An ADR named by its number in text: `ADR-0005`, `ADR 5`.
static NAMED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bADR[-\s_]?0*(\d+)\b").expect("valid regex"));
/// Nygard's title: `# 1. Record architecture decisions`, or `# ADR 3: Queue`.
static NUMBERED_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:ADR[-\s_]?)?\d+[.:]?\s+(?:[-–—:]\s*)?").expect("valid regex"));
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
    key: String,
    rel: String,
    entries: Vec<Entry>,
    body: String,
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
    let mut adrs = Vec::with_capacity(files.len());
    let mut keys: HashMap<u64, String> = HashMap::new();
    for (number, path) in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let rel = crate::text::path::slash(&shown.join(&name));
        let text = std::fs::read_to_string(&path).map_err(|source| ImportError::Read {
            path: path.clone(),
            source,
        })?;
        let digits = name.split('-').next().unwrap_or_default();
        let key = format!("adr-{digits}");
        if keys.contains_key(&number) {
            source
                .notes
                .push(format!("{rel}: another ADR has the number {number}; only the first is imported"));
            continue;
        }
        keys.insert(number, key.clone());
        let (entries, body) = split(&rel, &text)?;
        adrs.push(Adr {
            number,
            key,
            rel,
            entries,
            body,
        });
    }
    source.files_read = adrs.len();
    // Superseded-by links point backwards: the later ADR supersedes this one.
    let mut superseded_by: HashMap<u64, Vec<u64>> = HashMap::new();
    let links: Vec<Links> = adrs.iter().map(links).collect();
    for (adr, l) in adrs.iter().zip(&links) {
        for later in &l.superseded_by {
            superseded_by.entry(*later).or_default().push(adr.number);
        }
    }
    for (adr, l) in adrs.iter().zip(links) {
        let mut supersedes: BTreeSet<u64> = l.supersedes;
        supersedes.extend(superseded_by.remove(&adr.number).unwrap_or_default());
        let related: BTreeSet<u64> = l
            .related
            .into_iter()
            .filter(|n| !supersedes.contains(n) && !l.superseded_by.contains(n))
            .collect();
        let named = |numbers: &BTreeSet<u64>, notes: &mut Vec<String>, field: &str| -> Vec<String> {
            numbers
                .iter()
                .filter(|n| **n != adr.number)
                .filter_map(|n| match keys.get(n) {
                    Some(k) => Some(k.clone()),
                    None => {
                        notes.push(format!(
                            "{}: `{field}` names ADR {n}, which is not in the folder; left out",
                            adr.rel
                        ));
                        None
                    }
                })
                .collect()
        };
        let supersedes = named(&supersedes, &mut source.notes, "supersedes");
        let related = named(&related, &mut source.notes, "related");
        source.records.push(record(adr, l.status, supersedes, related, config, statuses)?);
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

/// What an ADR says about others, by number, and its status as written.
#[derive(Default)]
struct Links {
    status: Option<String>,
    supersedes: BTreeSet<u64>,
    superseded_by: BTreeSet<u64>,
    related: BTreeSet<u64>,
}

/// The numbers a line names: links to ADR files, else `ADR-0005` in text.
fn numbers_in(line: &str) -> Vec<u64> {
    let linked: Vec<u64> = LINK.captures_iter(line).filter_map(|c| c[1].parse().ok()).collect();
    if !linked.is_empty() {
        return linked;
    }
    NAMED.captures_iter(line).filter_map(|c| c[1].parse().ok()).collect()
}

/// Read the status and the links of an ADR: the front-matter's `status` (MADR) or the
/// `## Status` section's first line (Nygard); lines saying "Supersedes …" or "Superseded
/// by …" anywhere in front-matter or status; every other link to an ADR file is related.
fn links(adr: &Adr) -> Links {
    let mut out = Links::default();
    let classify = |line: &str, out: &mut Links| {
        let lower = line.trim().to_lowercase();
        let n = numbers_in(line);
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
                .extend(yaml_texts(&e.node.value).iter().flat_map(|t| plain_numbers(t))),
            "superseded-by" | "superseded_by" => {
                out.superseded_by
                    .extend(yaml_texts(&e.node.value).iter().flat_map(|t| plain_numbers(t)));
            }
            _ => {}
        }
    }
    let mut in_status = false;
    for line in adr.body.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix("## ") {
            in_status = h.trim().eq_ignore_ascii_case("status");
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
        } else if let Some(rest) = t.strip_prefix("Status:").or_else(|| t.strip_prefix("**Status:**")) {
            if out.status.is_none() {
                out.status = Some(rest.trim().to_owned());
            }
            classify(rest, &mut out);
        } else {
            out.related.extend(LINK.captures_iter(t).filter_map(|c| c[1].parse::<u64>().ok()));
        }
    }
    out
}

/// The numbers of a front-matter reference: `5`, `0005`, `ADR-0005`, `0005-x.md`.
fn plain_numbers(text: &str) -> Vec<u64> {
    let t = text.trim();
    if let Ok(n) = t.parse() {
        return vec![n];
    }
    let n = numbers_in(t);
    if !n.is_empty() {
        return n;
    }
    FILE_NAME.captures(t).and_then(|c| c[1].parse().ok()).into_iter().collect()
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
    // The file's name too, so links written by file name find the decision.
    let stem = adr.rel.rsplit('/').next().unwrap_or(&adr.rel).trim_end_matches(".md").to_owned();
    fields.push((super::ALIASES.to_owned(), Value::List(vec![stem.clone()])));
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
            key: String::new(),
            rel: name.to_owned(),
            entries,
            body,
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
        assert_eq!(l.superseded_by.into_iter().collect::<Vec<_>>(), [5]);
        assert_eq!(l.related.into_iter().collect::<Vec<_>>(), [1, 2]);
        let b = adr("0005-y.md", "# 5. Y\n\n## Status\n\nAccepted\n\nSupersedes [3. X](0003-x.md)\n");
        let l = links(&b);
        assert_eq!(
            (l.status.as_deref(), l.supersedes.into_iter().collect::<Vec<_>>()),
            (Some("Accepted"), vec![3])
        );
    }

    #[test]
    fn madr_front_matter_says_status() {
        let a = adr("0007-x.md", "---\nstatus: superseded by ADR-0009\ndate: 2024-05-06\n---\n# Use X\n");
        let l = links(&a);
        assert_eq!(l.superseded_by.into_iter().collect::<Vec<_>>(), [9]);
        assert_eq!(
            DecisionStatus::from_foreign(l.status.as_deref().unwrap()),
            Some(DecisionStatus::Superseded)
        );
        assert_eq!(plain_numbers("0005-help.md"), [5]);
        assert_eq!(plain_numbers("ADR-0012"), [12]);
        assert_eq!(
            NUMBERED_TITLE.replace("1. Record architecture decisions", ""),
            "Record architecture decisions"
        );
        assert_eq!(NUMBERED_TITLE.replace("ADR 3: Queue", ""), "Queue");
        assert_eq!(NUMBERED_TITLE.replace("Use YAML front matter", ""), "Use YAML front matter");
    }
}
