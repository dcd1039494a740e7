//! Reading one item file: bytes in, an [`Item`] and its file-level diagnostics out.

use std::path::Path;

use super::Kind;
use super::fields::Fields;
use super::item::{Decision, Epic, Ice, Item, KindData, Meeting, Rice, Risk, Scores, Sprint, Stakeholder, Story, Wsjf, file_stem};
use crate::diag::{Code, Diagnostic};
use crate::parse::frontmatter::{self, SplitError};
use crate::parse::markdown::{self, Body, LineIndex};
use crate::parse::yaml::{self, Value};

/// What reading a file needs to know about the workspace.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions<'a> {
    /// The id prefix of the file's kind (`S`), for checking the id's form.
    pub prefix: Option<&'a str>,
    /// Every kind's id prefix, for finding mentions in bodies.
    pub mention_prefixes: &'a [&'a str],
    /// Whether to parse the body (listing does not need it).
    pub body: bool,
}

/// Read an item of `kind` from `bytes`; `path` is relative to the workspace root.
/// Never fails: what cannot be read becomes a diagnostic and a `broken` item.
#[must_use]
pub fn read_item(kind: Kind, path: &Path, bytes: &[u8], opts: ReadOptions<'_>) -> (Item, Vec<Diagnostic>) {
    let (item, diags, _) = read_item_recorded(kind, path, bytes, opts);
    (item, diags)
}

/// What reading a clean file produced that does not depend on its path or the workspace's
/// settings beyond id prefixes: its front-matter values and body facts. A parse cache keeps
/// these by content hash, so an unchanged file is not parsed again.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The front-matter, without positions.
    pub front_matter: yaml::Node,
    /// The body facts, when the body was parsed.
    pub body: Option<Body>,
}

/// Like [`read_item`], also returning the [`Record`] of a file that had no problem at all.
#[must_use]
pub fn read_item_recorded(kind: Kind, path: &Path, bytes: &[u8], opts: ReadOptions<'_>) -> (Item, Vec<Diagnostic>, Option<Record>) {
    let mut diags = Vec::new();
    let stem = file_stem(path);
    let guessed_id = guess_id(stem, kind, opts.prefix);
    let mut item = Item::bare(kind, guessed_id, path.to_path_buf());

    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let (line, col) = frontmatter::line_col(valid, valid.len());
            diags.push(
                Diagnostic::new(Code::NotUtf8, path, line, col, "the file is not UTF-8 text")
                    .help("save the file as UTF-8 (most editors have an \"encoding\" option)"),
            );
            item.broken = Some(format!("not UTF-8 text (line {line})"));
            return (item, diags, None);
        }
    };
    if let Some(line) = frontmatter::conflict_marker(text) {
        diags.push(Diagnostic::merge_conflict(path, line));
        item.broken = Some(format!("merge conflict (line {line})"));
        // Markers inside the front-matter would also be read as YAML errors: one report is
        // enough.
        if frontmatter::split(text).map_or(true, |s| (line as usize) < s.body_line as usize) {
            return (item, diags, None);
        }
    }
    let split = match frontmatter::split(text) {
        Ok(s) => s,
        Err(SplitError::NoFrontMatter) => {
            diags.push(
                Diagnostic::new(Code::NoFrontMatter, path, 1, 1, "the file has no front-matter").help(format!(
                    "start the file with a `---` line, then `id: {}` and `title: …`, then another `---` line",
                    item.id
                )),
            );
            item.broken.get_or_insert_with(|| "no front-matter".to_owned());
            return (item, diags, None);
        }
        Err(SplitError::Unclosed { line }) => {
            diags.push(
                Diagnostic::new(Code::UnclosedFrontMatter, path, line, 1, "the front-matter is never closed")
                    .help("add a line with just `---` after the last front-matter field"),
            );
            item.broken.get_or_insert_with(|| "front-matter not closed".to_owned());
            return (item, diags, None);
        }
    };
    if split.yaml.len() > crate::parse::MAX_FRONT_MATTER_BYTES {
        let size = crate::parse::megabytes(split.yaml.len() as u64);
        diags.push(
            Diagnostic::new(
                Code::Unreadable,
                path,
                1,
                1,
                format!(
                    "cannot read: the front-matter is {size}, more than the {} pobox reads",
                    crate::parse::megabytes(crate::parse::MAX_FRONT_MATTER_BYTES as u64)
                ),
            )
            .help("keep the front-matter to short `key: value` lines and move long text into the body"),
        );
        item.broken.get_or_insert_with(|| format!("front-matter too large ({size})"));
        return (item, diags, None);
    }
    let line_offset = split.yaml_line - 1;
    let yaml_text = &text[split.yaml.clone()];
    let node = match yaml::parse_without_positions(yaml_text) {
        Ok(n) => n,
        Err(e) => {
            let (line, col) = if e.pos.line == 0 {
                (split.yaml_line, 1)
            } else {
                (line_offset + e.pos.line, e.pos.col)
            };
            let d = if e.duplicate_key.as_deref() == Some("") {
                Diagnostic::new(
                    Code::DuplicateKey,
                    path,
                    line,
                    col,
                    "two keys of the front-matter are empty (`\"\"`, `~`, `null` or nothing before the `:`), so pobox cannot tell them apart",
                )
                .help("give each field a name of its own, or delete one of them")
            } else if let Some(key) = &e.duplicate_key {
                Diagnostic::new(
                    Code::DuplicateKey,
                    path,
                    line,
                    col,
                    format!("`{key}` appears twice in the front-matter"),
                )
                .help(format!("keep one `{key}:` line and delete the other"))
            } else if e.limit {
                Diagnostic::new(Code::YamlSyntax, path, line, col, e.message.clone())
                    .help("write the values out plainly: a few `key: value` lines, without deep nesting or chains of aliases")
            } else {
                Diagnostic::new(Code::YamlSyntax, path, line, col, format!("invalid YAML: {}", e.message))
                    .help("check indentation (spaces, not tabs), and quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `@` or `%`")
            };
            item.broken.get_or_insert_with(|| {
                format!(
                    "{} at line {line}",
                    if e.duplicate_key.is_some() { "duplicate key" } else { "YAML error" }
                )
            });
            diags.push(d);
            return (item, diags, None);
        }
    };
    // Positions cost a fifth of the parse and are only needed to report a problem or to
    // read a text field YAML took for a number (`1.50`): type the fields without them, and
    // parse again with them only when there is something to report or to read as written.
    let mut node = node;
    let mut typed = type_fields(kind, path, &node, split.yaml_line, opts, item.id.clone());
    let approximate = typed.0.as_ref().is_some_and(|t| t.approximate);
    if (!typed.1.is_empty() || approximate)
        && let Ok(with_positions) = yaml::parse(yaml_text)
    {
        node = with_positions;
        typed = type_fields(kind, path, &node, split.yaml_line, opts, item.id.clone());
    }
    let (fields, mut typing_diags) = typed;
    diags.append(&mut typing_diags);
    let Some(fields) = fields else {
        item.broken.get_or_insert_with(|| "front-matter is not key: value lines".to_owned());
        return (item, diags, None);
    };
    fields.apply_to(&mut item);
    if opts.body {
        let index = LineIndex::new(text);
        item.body = Some(Box::new(markdown::parse_body(text, split.body, &index, opts.mention_prefixes)));
    }
    // A record keeps no written forms (`1.50`), so a file that needs them is not cached.
    let clean = diags.is_empty() && item.broken.is_none() && !approximate;
    let record = clean.then(|| Record {
        front_matter: node,
        body: item.body.as_deref().cloned(),
    });
    (item, diags, record)
}

/// Rebuild an item from a cached [`Record`] of an unchanged file. `None` when the record
/// no longer reads cleanly (the settings changed in a way that matters): read the file then.
#[must_use]
pub fn item_from_record(kind: Kind, path: &Path, record: Record, opts: ReadOptions<'_>) -> Option<Item> {
    if opts.body && record.body.is_none() {
        return None;
    }
    let guessed_id = guess_id(file_stem(path), kind, opts.prefix);
    let (fields, diags) = type_fields(kind, path, &record.front_matter, 2, opts, guessed_id.clone());
    if !diags.is_empty() || fields.as_ref().is_some_and(|f| f.approximate) {
        return None;
    }
    let mut item = Item::bare(kind, guessed_id, path.to_path_buf());
    fields?.apply_to(&mut item);
    if opts.body {
        item.body = record.body.map(Box::new);
    }
    Some(item)
}

/// The typed front-matter of one file.
struct Typed {
    id: Option<String>,
    title: Option<String>,
    created: Option<jiff::civil::Date>,
    owner: Option<String>,
    labels: Vec<String>,
    data: KindData,
    extra: serde_json::Map<String, serde_json::Value>,
    /// Whether a text came from a number or true/false read without its written form
    /// ([`Fields::approximate`]).
    approximate: bool,
}

impl Typed {
    /// Fill `item` with these fields; an id or title the file lacks keeps the item's.
    fn apply_to(self, item: &mut Item) {
        if let Some(id) = self.id {
            item.id = id;
        }
        if let Some(title) = self.title {
            item.title = title;
        }
        item.created = self.created;
        item.owner = self.owner;
        item.labels = self.labels;
        item.data = self.data;
        item.extra = self.extra;
    }
}

/// Type the front-matter `node` and check id and title; `None` when it is not a mapping.
fn type_fields(
    kind: Kind,
    path: &Path,
    node: &yaml::Node,
    yaml_line: u32,
    opts: ReadOptions<'_>,
    guessed_id: String,
) -> (Option<Typed>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let line_offset = yaml_line - 1;
    let Value::Map(entries) = &node.value else {
        diags.push(
            Diagnostic::new(
                Code::FrontMatterNotMapping,
                path,
                yaml_line,
                1,
                format!("the front-matter is {}, not `key: value` lines", node.value.type_name()),
            )
            .help("write one `key: value` per line, e.g. `id: S-1` and `title: …`"),
        );
        return (None, diags);
    };
    let mut f = Fields::new(entries, path, line_offset, &mut diags);
    let id = f.text("id");
    let title = f.text("title");
    let created = f.date("created");
    let owner = f.text("owner");
    let labels = f.text_list("labels");
    let data = read_kind(kind, &mut f);
    let approximate = f.approximate();
    let extra = f.rest();
    let id = match id {
        Some(id) if !id.trim().is_empty() => {
            check_id(&mut diags, path, kind, &id, opts.prefix, entries, line_offset);
            Some(id)
        }
        _ => {
            diags.push(
                Diagnostic::new(Code::MissingId, path, 1, 1, "the item has no `id`")
                    .help(format!("add `id: {guessed_id}` to the front-matter")),
            );
            None
        }
    };
    let title = match title {
        Some(t) if !t.trim().is_empty() => Some(t),
        _ => {
            diags.push(
                Diagnostic::new(Code::MissingTitle, path, 1, 1, "the item has no `title`")
                    .help("add `title: …`, a short name people will recognise"),
            );
            None
        }
    };
    (
        Some(Typed {
            id,
            title,
            created,
            owner,
            labels,
            data,
            extra,
            approximate,
        }),
        diags,
    )
}

fn read_scores(f: &mut Fields<'_>) -> Box<Scores> {
    Box::new(Scores {
        moscow: f.text("moscow"),
        wsjf: f.nested("wsjf", |w| Wsjf {
            value: w.number("value", "8"),
            time_criticality: w.number("time_criticality", "5"),
            risk_reduction: w.number("risk_reduction", "3"),
            job_size: w.number("job_size", "5"),
        }),
        rice: f.nested("rice", |r| Rice {
            reach: r.number("reach", "2000"),
            impact: r.number("impact", "2"),
            confidence: r.number("confidence", "0.8"),
            effort: r.number("effort", "4"),
        }),
        ice: f.nested("ice", |i| Ice {
            impact: i.number("impact", "7"),
            confidence: i.number("confidence", "6"),
            ease: i.number("ease", "8"),
        }),
    })
}

fn read_kind(kind: Kind, f: &mut Fields<'_>) -> KindData {
    match kind {
        Kind::Story => KindData::Story(Story {
            status: f.text("status"),
            epic: f.text("epic"),
            points: f.count("points", "5"),
            sprint: f.text("sprint"),
            scores: read_scores(f),
            stakeholders: f.text_list("stakeholders"),
            depends_on: f.text_list("depends_on"),
            assignee: f.text("assignee"),
            rank: f.number("rank", "1000"),
            accepted_by: f.text("accepted_by"),
        }),
        Kind::Epic => KindData::Epic(Epic {
            status: f.text("status"),
            horizon: f.text("horizon"),
            target: f.date("target"),
            benefit_hypothesis: f.text("benefit_hypothesis"),
            scores: read_scores(f),
            depends_on: f.text_list("depends_on"),
            rank: f.number("rank", "1000"),
        }),
        Kind::Stakeholder => KindData::Stakeholder(Stakeholder {
            role: f.text("role"),
            organization: f.text("organization"),
            power: f.text("power"),
            interest: f.text("interest"),
            cadence_days: f.count("cadence_days", "14"),
            contact: f.text("contact"),
        }),
        Kind::Meeting => KindData::Meeting(Meeting {
            meeting_type: f.text("type"),
            date: f.date("date"),
            attendees: f.text_list("attendees"),
            sprint: f.text("sprint"),
        }),
        Kind::Sprint => KindData::Sprint(Sprint {
            start: f.date("start"),
            end: f.date("end"),
            goal: f.text("goal"),
            capacity: f.count("capacity", "30"),
            status: f.text("status"),
            goal_met: f.boolean("goal_met"),
        }),
        Kind::Risk => KindData::Risk(Risk {
            likelihood: f.count("likelihood", "3"),
            impact: f.count("impact", "4"),
            status: f.text("status"),
            mitigation: f.text("mitigation"),
            related: f.text_list("related"),
        }),
        Kind::Decision => KindData::Decision(Decision {
            status: f.text("status"),
            date: f.date("date"),
            deciders: f.text_list("deciders"),
            consulted: f.text_list("consulted"),
            informed: f.text_list("informed"),
            supersedes: f.text_list("supersedes"),
            related: f.text_list("related"),
        }),
    }
}

/// The id a file name suggests: `S-42` for `S-42-saved-card.md`, the whole stem otherwise.
fn guess_id(stem: &str, kind: Kind, prefix: Option<&str>) -> String {
    if let Some(p) = prefix
        && let Some(rest) = stem.strip_prefix(p).and_then(|r| r.strip_prefix('-'))
    {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            return format!("{p}-{digits}");
        }
    }
    let _ = kind;
    stem.to_owned()
}

/// Whether `id` has the form of a numbered id with `prefix` (`S-42`).
#[must_use]
pub fn numbered_id(id: &str, prefix: &str) -> Option<u64> {
    let n = id.strip_prefix(prefix)?.strip_prefix('-')?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || (n.len() > 1 && n.starts_with('0')) {
        return None;
    }
    n.parse().ok()
}

/// Whether `s` is a usable handle: lower-case letters, digits, `.`, `_`, `-`, starting and
/// ending with a letter or digit. (A mention `@dana.` at the end of a sentence is `dana`, so
/// a handle `dana.` could never be mentioned.)
#[must_use]
pub fn is_handle(s: &str) -> bool {
    let mut b = s.bytes();
    let end = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    matches!(b.next(), Some(c) if end(c))
        && b.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-'))
        && s.bytes().last().is_some_and(end)
        && s.len() <= 64
}

fn check_id(
    diags: &mut Vec<Diagnostic>,
    path: &Path,
    kind: Kind,
    id: &str,
    prefix: Option<&str>,
    entries: &[yaml::Entry],
    line_offset: u32,
) {
    let pos = entries
        .iter()
        .find(|e| e.key == "id")
        .map_or((1, 1), |e| (line_offset + e.node.pos.line, e.node.pos.col));
    let ok = match (kind, prefix) {
        (Kind::Stakeholder, _) => is_handle(id),
        (Kind::Meeting, _) => {
            // Sliced with `get`: a multi-byte character may straddle byte 10 of any id.
            id.get(..10).is_some_and(|d| crate::model::fields::parse_date(d).is_ok())
                && id.get(10..11) == Some("-")
                && id.get(11..).is_some_and(|slug| !slug.is_empty() && is_handle(slug))
        }
        (_, Some(p)) => numbered_id(id, p).is_some(),
        (_, None) => true,
    };
    if !ok {
        let form = match (kind, prefix) {
            (Kind::Stakeholder, _) => {
                "a handle of lower-case letters, digits, `.`, `_` or `-` that starts and ends with a letter or digit, like `dana`"
                    .to_owned()
            }
            (Kind::Meeting, _) => "`<date>-<slug>`, like `2026-12-01-sprint-review`".to_owned(),
            (_, p) => format!("`{}-<number>`, like `{}-42`", p.unwrap_or("?"), p.unwrap_or("?")),
        };
        diags.push(
            Diagnostic::new(Code::IdForm, path, pos.0, pos.1, format!("`{id}` is not a valid {kind} id"))
                .help(format!("a {kind} id is {form}")),
        );
        return;
    }
    let stem = file_stem(path);
    let matches = stem == id || stem.strip_prefix(id).is_some_and(|rest| rest.starts_with('-'));
    if !matches {
        diags.push(
            Diagnostic::new(
                Code::FileNameMismatch,
                path,
                pos.0,
                pos.1,
                format!("the file name `{stem}.md` does not match the id `{id}`"),
            )
            .help(format!("rename the file to `{id}.md` (or `{id}-<slug>.md`), or fix the id")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTS: ReadOptions<'static> = ReadOptions {
        prefix: Some("S"),
        mention_prefixes: &["S", "E"],
        body: true,
    };

    fn read(name: &str, text: &[u8]) -> (Item, Vec<Diagnostic>) {
        read_item(Kind::Story, Path::new(name), text, OPTS)
    }

    fn codes(d: &[Diagnostic]) -> Vec<(Code, u32, u32)> {
        d.iter().map(|d| (d.code, d.line, d.col)).collect()
    }

    #[test]
    fn a_good_story() {
        let (item, diags) = read(
            "backlog/stories/S-4-pay.md",
            b"---\nid: S-4\ntitle: Pay\nstatus: ready\npoints: 3\nlabels: [pay]\nteam: blue # ours\n---\nAs a shopper, I want to pay, so that I can leave.\n\nNeeds E-1.\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(item.id, "S-4");
        assert_eq!(item.status(), Some("ready"));
        assert_eq!(item.points(), Some(3));
        assert_eq!(item.extra["team"], "blue");
        assert_eq!(item.body().mentions[0].target, "E-1");
        assert_eq!(item.body().mentions[0].line, 11);
    }

    #[test]
    fn crlf_bom_and_tabs() {
        let (item, diags) = read("S-1.md", b"\xef\xbb\xbf---\r\nid: S-1\r\ntitle: T\r\n---\r\nbody\r\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(item.title, "T");
        let (item, diags) = read("S-1.md", b"---\nid: S-1\ntitle: T\nwsjf:\n\tvalue: 3\n---\n");
        assert_eq!(codes(&diags)[0].0, Code::YamlSyntax);
        assert!(diags[0].line >= 4, "{diags:?}");
        assert!(item.broken.is_some());
    }

    #[test]
    fn empty_and_unclosed_and_not_utf8() {
        assert_eq!(codes(&read("S-1.md", b"").1), [(Code::NoFrontMatter, 1, 1)]);
        assert_eq!(codes(&read("S-1.md", b"---\nid: S-1\n").1), [(Code::UnclosedFrontMatter, 1, 1)]);
        let (item, d) = read("S-7-x.md", b"---\nid: S-7\ntitle: caf\xe9\n---\n");
        assert_eq!(codes(&d), [(Code::NotUtf8, 3, 11)]);
        assert_eq!(item.id, "S-7");
        assert!(item.broken.is_some());
    }

    #[test]
    fn duplicate_keys_and_missing_fields() {
        let (_, d) = read("S-1.md", b"---\nid: S-1\ntitle: A\ntitle: B\n---\n");
        assert_eq!(codes(&d), [(Code::DuplicateKey, 4, 1)]);
        assert_eq!(d[0].message, "`title` appears twice in the front-matter");
        let (_, d) = read("S-1.md", b"---\nstatus: draft\n---\n");
        assert_eq!(codes(&d), [(Code::MissingId, 1, 1), (Code::MissingTitle, 1, 1)]);
    }

    #[test]
    fn id_form_and_file_name() {
        let (_, d) = read("S-2.md", b"---\nid: S-3\ntitle: A\n---\n");
        assert_eq!(codes(&d), [(Code::FileNameMismatch, 2, 5)]);
        let (_, d) = read("S-2.md", b"---\nid: story2\ntitle: A\n---\n");
        assert_eq!(codes(&d), [(Code::IdForm, 2, 5)]);
        assert!(read("S-20.md", b"---\nid: S-2\ntitle: A\n---\n").1.len() == 1, "S-20 is not S-2");
    }

    #[test]
    fn conflict_markers() {
        let (item, d) = read(
            "S-1.md",
            b"---\nid: S-1\ntitle: A\n---\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> main\n",
        );
        assert_eq!(codes(&d), [(Code::MergeConflict, 5, 1)]);
        assert!(item.broken.is_some());
    }

    /// Regression (issue 12): a setext heading (`=======` under a line of text) in the body
    /// is Markdown, not a merge conflict: the story reads cleanly.
    #[test]
    fn a_setext_heading_is_not_a_conflict() {
        let (item, d) = read(
            "S-1.md",
            b"---\nid: S-1\ntitle: A\n---\nAs a shopper, I want a receipt, so that I can claim it.\n\nNotes\n=======\n\n- [ ] Given a sale, then a receipt\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!((item.broken, item.title.as_str()), (None, "A"));
    }

    #[test]
    fn a_meeting_id_with_a_multi_byte_character_at_byte_ten() {
        // Found by the `item` fuzz target: `&id[..10]` panicked inside `ؒ`.
        let opts = ReadOptions { prefix: None, ..OPTS };
        for id in ["S-s a shoؒk out", "2026-01-0é-x", "2026-01-01é", "2026-01-01-", "2026-01-01-ok"] {
            let text = format!("---\nid: {id}\ntitle: T\n---\n");
            let (_, d) = read_item(Kind::Meeting, Path::new("m.md"), text.as_bytes(), opts);
            let form = d.iter().any(|d| d.code == Code::IdForm);
            assert_eq!(form, id != "2026-01-01-ok", "{id}: {d:?}");
        }
    }

    #[test]
    fn not_a_mapping() {
        let (_, d) = read("S-1.md", b"---\n- a\n- b\n---\n");
        assert_eq!(codes(&d), [(Code::FrontMatterNotMapping, 2, 1)]);
    }
}
