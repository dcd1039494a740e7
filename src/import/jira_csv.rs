//! Reading a CSV file of issues, as Jira exports them (and as `pobox export csv` writes
//! them), into [`Record`]s.
//!
//! Jira's "Export CSV (all fields)" repeats a header for every value of a multi-valued
//! field (`Labels,Labels,Labels`, `Sprint,Sprint`), names custom fields
//! `Custom field (Story Points)`, links a story to its epic by `Custom field (Epic Link)`
//! (older sites) or by `Parent` (the parent's issue id) and `Parent key`, and quotes
//! descriptions that span lines. Columns are mapped to pobox fields by a built-in table of
//! Jira's and pobox's headers; `--map COLUMN=field` overrides it, and every other column is
//! kept under a field named after it.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use jiff::civil::Date;

use super::{ImportError, Record, StatusMap, Value, handle, leading_date};
use crate::config::Config;
use crate::model::{Item, Kind};
use crate::workflow::{Category, SprintStatus};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The item's id in the source (its alias): `Issue key`.
    Key,
    /// Jira's numeric issue id, which `Parent` refers to.
    IssueId,
    /// The title: `Summary`.
    Title,
    /// The status, mapped through the status table.
    Status,
    /// The kind: `Issue Type` (`Epic` → epic, `Sprint` → sprint, `Risk` → risk, anything
    /// else → story).
    Kind,
    /// Story points.
    Points,
    /// The epic's key: `Epic Link`.
    Epic,
    /// The parent's issue id or key: an epic becomes `epic`, anything else `parent`.
    Parent,
    /// A sprint's name or key; repeated columns hold earlier sprints.
    Sprint,
    /// Labels; repeated columns or `;`-separated.
    Labels,
    /// A person, made a handle.
    Assignee,
    /// The created date.
    Created,
    /// The Markdown body: `Description`.
    Body,
    /// Jira's epic name, the title of an epic without a summary.
    EpicName,
    /// A comment (`Comment`, repeated): `date;author;text`, written into the body.
    Comment,
    /// An issue link (`Outward issue link (Blocks)`): the link type in lower case, and
    /// whether the row is the link's outward end (`blocks`) or its inward end
    /// (`is blocked by`).
    Link {
        /// The link type: `blocks`, `relates`, `cloners`, `duplicate`, ….
        kind: String,
        /// Whether the row is the outward end.
        outward: bool,
    },
    /// Left out.
    Ignore,
    /// Kept under this front-matter name (`a.b` makes a group `a` with field `b`).
    Field(String),
    /// A user's own field as `pobox export csv` writes it (`field:team`): kept under exactly
    /// that name, the cell's JSON read as its value ([`crate::export::field_value`]).
    UserField(String),
}

/// The built-in column table: a header (lower case) → what it holds.
fn default_target(header: &str) -> Option<Target> {
    Some(match header {
        "issue key" | "key" | "id" => Target::Key,
        "issue id" => Target::IssueId,
        "summary" | "title" => Target::Title,
        "status" => Target::Status,
        "issue type" | "kind" => Target::Kind,
        "custom field (story points)" | "story points" | "custom field (story point estimate)" | "story point estimate" | "points" => {
            Target::Points
        }
        "custom field (epic link)" | "epic link" | "epic" => Target::Epic,
        "parent" | "parent id" | "parent key" | "parent link" => Target::Parent,
        "sprint" | "custom field (sprint)" => Target::Sprint,
        "labels" | "label" => Target::Labels,
        "assignee" => Target::Assignee,
        "created" => Target::Created,
        "description" | "body" => Target::Body,
        "custom field (epic name)" | "epic name" => Target::EpicName,
        "comment" | "comments" => Target::Comment,
        "path" | "broken" | "parent summary" => Target::Ignore,
        _ => return link_target(header),
    })
}

/// An issue-link column: `outward issue link (blocks)`, `inward issue link (relates)`.
fn link_target(header: &str) -> Option<Target> {
    let (end, rest) = header.split_once(" issue link (")?;
    let outward = match end {
        "outward" => true,
        "inward" => false,
        _ => return None,
    };
    let kind = rest.strip_suffix(')')?.trim().to_owned();
    Some(Target::Link { kind, outward })
}

/// A target named in `--map`.
fn named_target(name: &str) -> Target {
    match name.trim().to_lowercase().as_str() {
        "key" | "alias" => Target::Key,
        "issue-id" | "issue_id" => Target::IssueId,
        "title" | "summary" => Target::Title,
        "status" => Target::Status,
        "kind" | "type" | "issue-type" => Target::Kind,
        "points" => Target::Points,
        "epic" => Target::Epic,
        "parent" => Target::Parent,
        "sprint" => Target::Sprint,
        "labels" => Target::Labels,
        "assignee" => Target::Assignee,
        "created" => Target::Created,
        "body" | "description" => Target::Body,
        "ignore" | "-" | "" => Target::Ignore,
        _ => Target::Field(name.trim().to_owned()),
    }
}

/// The workflow status for an issue whose status the workflow does not know, from the
/// export's `Status Category` column (`To Do`, `In Progress`, `Done`; Jira's own keys `new`,
/// `indeterminate`, `done`; or a pobox category name): the first status of that category.
/// Only for kinds that follow the workflow (stories, epics); (category as written, status).
fn by_status_category(issue: &Issue, config: &Config) -> Option<(String, String)> {
    if issue.kind.own_statuses().is_some() {
        return None;
    }
    let written = issue
        .kept
        .iter()
        .find(|(name, _)| name == "status_category")
        .and_then(|(_, cells)| cells.first())?;
    let category = Category::from_foreign(written)?;
    let status = config.workflow.first_of(category)?;
    Some((written.trim().to_owned(), status.to_owned()))
}

/// A field name from a header: `Custom field (Story Points)` → `story_points`.
#[must_use]
pub fn field_name(header: &str) -> String {
    let h = header.trim();
    let h = h.strip_prefix("Custom field (").and_then(|r| r.strip_suffix(')')).unwrap_or(h);
    let mut out = String::new();
    for c in h.chars() {
        if c.is_alphanumeric() || c == '.' {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_matches('_').to_owned();
    if out.is_empty() { "column".to_owned() } else { out }
}

/// The field a column is kept under: its header when that is already a field name (as in
/// `pobox export csv`), else the header made a name, prefixed `jira_` when pobox has a field
/// of that name (`Custom field (Rank)` → `jira_rank`).
fn column_field(header: &str) -> String {
    let name = field_name(header);
    if name == header {
        return name;
    }
    let pobox_key = Kind::ALL.iter().any(|k| k.key_order().contains(&name.as_str()))
        || ["labels", "owner", "created", "aliases"].contains(&name.as_str());
    if pobox_key { format!("jira_{name}") } else { name }
}

/// The line a byte offset of a CSV file is on, counted as an editor counts it: after each
/// `\n`, `\r\n` or lone `\r`. (The csv crate's own line numbers, and the offsets of its
/// records, which point at the `\n` of the `\r\n` before them, run one low in a file with
/// `\r\n` line ends.) Offsets are asked in increasing order, so each call counts
/// only from the last one.
#[derive(Default)]
struct LineCounter {
    /// The offset counted up to, and the line it is on (0-based).
    at: usize,
    breaks: u64,
}

impl LineCounter {
    /// The 1-based line of `offset` in `bytes`.
    fn line_at(&mut self, bytes: &[u8], offset: u64) -> u64 {
        let mut offset = usize::try_from(offset).unwrap_or(usize::MAX).min(bytes.len());
        // The csv crate starts a record after a `\r\n` at its `\n`: the record is on the next line.
        if offset > 0 && bytes.get(offset) == Some(&b'\n') && bytes[offset - 1] == b'\r' {
            offset += 1;
        }
        if offset < self.at {
            *self = LineCounter::default();
        }
        for i in self.at..offset {
            // `\r\n` counts once, at its `\n`.
            if bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                self.breaks += 1;
            }
        }
        self.at = offset;
        self.breaks + 1
    }
}

/// Front-matter fields that hold lists.
const LIST_FIELDS: &[&str] = &["labels", "stakeholders", "attendees", "aliases"];
/// Front-matter fields that hold lists of ids.
const ID_LIST_FIELDS: &[&str] = &["depends_on", "related"];

/// The moments of one issue its history is built from, as the export gives them
/// (`import csv --with-history`): seconds since the Unix epoch, a time without a zone taken
/// as UTC (history counts days in UTC, so each keeps its day); `None` when the column is
/// missing, empty or not a date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueDates {
    /// The issue key (the record's key).
    pub key: String,
    /// `Created`.
    pub created: Option<i64>,
    /// `Status Category Changed`: when the issue last moved to another status category.
    pub status_changed: Option<i64>,
    /// `Resolved`.
    pub resolved: Option<i64>,
    /// Who made the issue: `Reporter`, else `Creator` (a display name).
    pub reporter: Option<String>,
}

/// What a Jira CSV file holds for an import with its history: the records and notes of
/// [`read`], and the dates of each issue.
#[derive(Debug, Clone, Default)]
pub struct Dated {
    /// The records, as [`read`] gives them.
    pub records: Vec<Record>,
    /// The notes, as [`read`] gives them.
    pub notes: Vec<String>,
    /// The dates of each issue, in the order of the file.
    pub dates: Vec<IssueDates>,
}

/// The field names the plain import keeps the history's columns under (a column's field
/// name): `Resolved`, `Status Category Changed`, `Reporter`, `Creator`.
pub const RESOLVED_FIELD: &str = "resolved";
/// See [`RESOLVED_FIELD`].
pub const STATUS_CHANGED_FIELD: &str = "status_category_changed";

/// Read `bytes` (a CSV file shown as `path`) into records. `existing` are the workspace's
/// items, whose sprints are matched by id or title.
///
/// # Errors
/// When the file is not CSV, a column mapping names no column, a row has no key, or a status
/// cannot be mapped.
pub fn read(
    path: &Path,
    bytes: &[u8],
    maps: &[String],
    config: &Config,
    statuses: &StatusMap,
    existing: &[Item],
) -> Result<(Vec<Record>, Vec<String>), ImportError> {
    let dated = read_dated(path, bytes, maps, config, statuses, existing)?;
    Ok((dated.records, dated.notes))
}

/// [`read`], with each issue's dates ([`IssueDates`]) for its history.
///
/// # Errors
/// As [`read`].
pub fn read_dated(
    path: &Path,
    bytes: &[u8],
    maps: &[String],
    config: &Config,
    statuses: &StatusMap,
    existing: &[Item],
) -> Result<Dated, ImportError> {
    let shown = path.display().to_string();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut rows = Vec::new();
    let mut lines = LineCounter::default();
    for r in reader.records() {
        let r = r.map_err(|e| ImportError::Source {
            at: format!(
                "{shown}{}",
                e.position()
                    .map_or(String::new(), |p| format!(" line {}", lines.line_at(bytes, p.byte())))
            ),
            message: format!("not readable as CSV: {e}"),
            help: "save it as UTF-8 CSV with a header row (Jira: Export > Export CSV (all fields))".to_owned(),
        })?;
        let line = r.position().map_or(0, |p| lines.line_at(bytes, p.byte()));
        rows.push((line, r));
    }
    let Some((_, header)) = rows.first().cloned() else {
        return Err(ImportError::Source {
            at: shown,
            message: "the file is empty".to_owned(),
            help: "export the issues with a header row".to_owned(),
        });
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    let mut targets: Vec<Target> = headers
        .iter()
        .map(|h| match h.strip_prefix(crate::export::FIELD_PREFIX) {
            Some(name) => Target::UserField(name.to_owned()),
            None => default_target(&h.to_lowercase()).unwrap_or_else(|| Target::Field(column_field(h))),
        })
        .collect();
    for m in maps {
        let Some((column, field)) = m.rsplit_once('=') else {
            return Err(ImportError::ColumnMapping(m.clone()));
        };
        let hits: Vec<usize> = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| h.eq_ignore_ascii_case(column.trim()))
            .map(|(i, _)| i)
            .collect();
        if hits.is_empty() {
            return Err(ImportError::UnknownColumn {
                at: shown,
                mapping: m.clone(),
                column: column.to_owned(),
                columns: dedup(&headers),
            });
        }
        for i in hits {
            targets[i] = named_target(field);
        }
    }
    if !targets.contains(&Target::Key) {
        return Err(ImportError::NoKeyColumn(shown));
    }

    let mut notes = Vec::new();
    let mut issues = Vec::new();
    for (line, row) in rows.iter().skip(1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        issues.push(read_row(&shown, *line, row, &headers, &targets)?);
    }

    // Parents are named by issue id or key; whether they are epics decides the field.
    let by_issue_id: HashMap<&str, &str> = issues
        .iter()
        .filter_map(|i| i.issue_id.as_deref().map(|id| (id, i.key.as_str())))
        .collect();
    let kinds: HashMap<String, Kind> = issues.iter().map(|i| (i.key.to_lowercase(), i.kind)).collect();
    let sprint_rows: Vec<(&str, &str)> = issues
        .iter()
        .filter(|i| i.kind == Kind::Sprint)
        .map(|i| (i.key.as_str(), i.title.as_str()))
        .collect();
    let existing_sprints: Vec<&Item> = existing.iter().filter(|i| i.kind == Kind::Sprint).collect();

    let dates: Vec<IssueDates> = issues.iter().map(IssueDates::of).collect();
    let mut links = link_fields(&issues);
    let mut records = Vec::new();
    let mut new_sprints: Vec<(String, bool)> = Vec::new();
    // Statuses the workflow does not know, placed by their `Status Category`: (status,
    // category, workflow status) → issues.
    let mut by_category: std::collections::BTreeMap<(String, String, String), usize> = std::collections::BTreeMap::new();
    for issue in &issues {
        let at = format!("{shown}:{}", issue.line);
        let mut fields: Vec<(String, Value)> = Vec::new();
        if issue.kind.has_status() {
            let raw = issue.status.clone().unwrap_or_default();
            if raw.is_empty() {
                if matches!(issue.kind, Kind::Story | Kind::Epic) {
                    fields.push(("status".to_owned(), Value::Text(config.workflow.start_status().to_owned())));
                }
            } else {
                let mapped = match statuses.map(config, issue.kind, &raw, &at) {
                    Err(e @ ImportError::Status { .. }) => {
                        let (category, mapped) = by_status_category(issue, config).ok_or(e)?;
                        *by_category.entry((raw.clone(), category, mapped.clone())).or_default() += 1;
                        mapped
                    }
                    other => other?,
                };
                let same = super::slug_status(&raw) == mapped;
                fields.push(("status".to_owned(), Value::Text(mapped)));
                if !same {
                    fields.push(("jira_status".to_owned(), Value::Text(raw)));
                }
            }
        }
        if let Some(t) = &issue.issue_type
            && Kind::parse(&t.to_lowercase()).is_none()
        {
            fields.push(("issue_type".to_owned(), Value::Text(t.clone())));
        }
        if let Some(p) = &issue.points {
            match p.parse::<f64>() {
                #[allow(clippy::cast_possible_truncation)]
                Ok(f) if f >= 0.0 && f.fract() == 0.0 && f <= f64::from(u32::MAX) => {
                    fields.push(("points".to_owned(), Value::Int(f as i64)))
                }
                Ok(f) => {
                    notes.push(format!("{at}: {f} story points is not a whole number; kept as `jira_points`"));
                    fields.push(("jira_points".to_owned(), Value::Number(f)));
                }
                Err(_) => fields.push(("jira_points".to_owned(), Value::Text(p.clone()))),
            }
        }
        if let Some(e) = &issue.epic {
            fields.push(("epic".to_owned(), Value::Ref(e.clone())));
        }
        if let Some(p) = &issue.parent {
            let key = by_issue_id.get(p.as_str()).map_or(p.as_str(), |k| *k).to_owned();
            let epic = kinds.get(&key.to_lowercase()) == Some(&Kind::Epic);
            if issue.kind == Kind::Story && epic && issue.epic.is_none() {
                fields.push(("epic".to_owned(), Value::Ref(key)));
            } else {
                fields.push(("parent".to_owned(), Value::Ref(key)));
            }
        }
        if let Some(last) = issue.sprints.last()
            && matches!(issue.kind, Kind::Story | Kind::Meeting)
        {
            let done = fields
                .iter()
                .any(|(k, v)| k == "status" && matches!(v, Value::Text(s) if config.workflow.is_done(s)));
            let value = if let Some((key, _)) = sprint_rows
                .iter()
                .find(|(k, t)| k.eq_ignore_ascii_case(last) || t.eq_ignore_ascii_case(last))
            {
                Value::Ref((*key).to_owned())
            } else if let Some(s) = existing_sprints
                .iter()
                .find(|s| s.id.eq_ignore_ascii_case(last) || s.title.eq_ignore_ascii_case(last))
            {
                Value::Text(s.id.clone())
            } else {
                match new_sprints.iter_mut().find(|(n, _)| n == last) {
                    Some((_, all_done)) => *all_done &= done,
                    None => new_sprints.push((last.clone(), done)),
                }
                Value::Ref(format!("sprint:{last}"))
            };
            fields.push(("sprint".to_owned(), value));
            if issue.sprints.len() > 1 {
                fields.push(("sprints".to_owned(), Value::List(issue.sprints.clone())));
            }
        } else if let Some(last) = issue.sprints.last() {
            // pobox plans sprints with stories only: an epic (or a risk) has no `sprint`.
            notes.push(format!(
                "{at}: {} has no sprint in pobox (a sprint holds stories); its Jira sprint `{last}` is kept as `jira_sprint`",
                issue.kind.with_article()
            ));
            let value = if issue.sprints.len() > 1 {
                Value::List(issue.sprints.clone())
            } else {
                Value::Text(last.clone())
            };
            fields.push(("jira_sprint".to_owned(), value));
        }
        if !issue.labels.is_empty() {
            fields.push(("labels".to_owned(), Value::List(issue.labels.clone())));
        }
        if let Some(a) = &issue.assignee {
            fields.push(("assignee".to_owned(), Value::Text(a.clone())));
        }
        let mut created = None;
        if let Some(c) = &issue.created {
            match jira_date(c) {
                Some(d) => created = Some(d),
                None => fields.push(("jira_created".to_owned(), Value::Text(c.clone()))),
            }
        }
        let mut title = issue.title.clone();
        if let Some(name) = &issue.epic_name {
            if title.is_empty() {
                title.clone_from(name);
            } else if name != &title {
                fields.push(("epic_name".to_owned(), Value::Text(name.clone())));
            }
        }
        if title.is_empty() {
            notes.push(format!("{at}: `{}` has no title; its key is its title", issue.key));
            title.clone_from(&issue.key);
        }
        fields.extend(kept_fields(&issue.kept));
        for (name, keys) in links.remove(&issue.key.to_lowercase()).unwrap_or_default() {
            match fields.iter_mut().find(|(n, _)| *n == name) {
                Some((_, Value::Refs(have))) => have.extend(keys.into_iter().filter(|k| !have.contains(k)).collect::<Vec<_>>()),
                _ => fields.push((name, Value::Refs(keys))),
            }
        }
        fields.extend(issue.own.iter().cloned());
        records.push(Record {
            kind: issue.kind,
            key: issue.key.clone(),
            title,
            source: at,
            created,
            fields,
            body: body_of(&issue.body, &issue.comments),
        });
    }
    if !new_sprints.is_empty() {
        notes.push(format!(
            "{} new sprint(s) have no dates (the CSV names sprints but gives no dates): give each its `start` and `end`, e.g. `pobox set SP-n start=YYYY-MM-DD end=YYYY-MM-DD`",
            new_sprints.len()
        ));
    }
    // In the order of their names, numbers as numbers: Sprint 2 before Sprint 10.
    new_sprints.sort_by_cached_key(|(name, _)| {
        let digits: String = name
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        (digits.parse::<u64>().unwrap_or(u64::MAX), name.clone())
    });
    for (name, all_done) in new_sprints {
        let status = if all_done { SprintStatus::Closed } else { SprintStatus::Planned }.as_str();
        records.push(Record {
            kind: Kind::Sprint,
            key: format!("sprint:{name}"),
            title: name,
            source: format!("{shown} (sprint names)"),
            created: None,
            fields: vec![("status".to_owned(), Value::Text(status.to_owned()))],
            body: String::new(),
        });
    }
    for ((status, category, mapped), n) in by_category {
        let issues = if n == 1 { "1 issue".to_owned() } else { format!("{n} issues") };
        notes.push(format!(
            "status `{status}` is not in the workflow; {issues} mapped by its Status Category `{category}` to `{mapped}` (kept as `jira_status`); to choose another, import with `--status \"{status}=<status>\"`"
        ));
    }
    // Sprints first, then epics, so the ids they get read in order of their use.
    records.sort_by_key(|r| match r.kind {
        Kind::Sprint => 0,
        Kind::Epic => 1,
        _ => 2,
    });
    Ok(Dated { records, notes, dates })
}

impl IssueDates {
    /// The dates of a row, from its `Created` cell and the kept columns the plain import
    /// writes as fields.
    fn of(issue: &Issue) -> IssueDates {
        let kept = |name: &str| {
            issue
                .kept
                .iter()
                .find(|(n, _)| n == name)
                .and_then(|(_, cells)| cells.first())
                .map(String::as_str)
        };
        IssueDates {
            key: issue.key.clone(),
            created: issue.created.as_deref().and_then(jira_time),
            status_changed: kept(STATUS_CHANGED_FIELD).and_then(jira_time),
            resolved: kept(RESOLVED_FIELD).and_then(jira_time),
            reporter: kept("reporter").or_else(|| kept("creator")).map(str::to_owned),
        }
    }
}

/// One row, read by column role.
#[derive(Debug)]
struct Issue {
    line: u64,
    key: String,
    issue_id: Option<String>,
    kind: Kind,
    issue_type: Option<String>,
    title: String,
    status: Option<String>,
    points: Option<String>,
    epic: Option<String>,
    parent: Option<String>,
    sprints: Vec<String>,
    labels: Vec<String>,
    assignee: Option<String>,
    created: Option<String>,
    body: String,
    epic_name: Option<String>,
    /// `Comment` cells, in column order.
    comments: Vec<String>,
    /// Issue links: (link type, outward end, the other issue's key).
    links: Vec<(String, bool, String)>,
    /// Other columns: field name → non-empty cells, in column order.
    kept: Vec<(String, Vec<String>)>,
    /// The user's own fields, from `field:` columns.
    own: Vec<(String, Value)>,
}

fn read_row(shown: &str, line: u64, row: &csv::StringRecord, headers: &[String], targets: &[Target]) -> Result<Issue, ImportError> {
    let mut issue = Issue {
        line,
        key: String::new(),
        issue_id: None,
        kind: Kind::Story,
        issue_type: None,
        title: String::new(),
        status: None,
        points: None,
        epic: None,
        parent: None,
        sprints: Vec::new(),
        labels: Vec::new(),
        assignee: None,
        created: None,
        body: String::new(),
        epic_name: None,
        comments: Vec::new(),
        links: Vec::new(),
        kept: Vec::new(),
        own: Vec::new(),
    };
    let first = |slot: &mut Option<String>, v: &str| {
        if slot.is_none() {
            *slot = Some(v.to_owned());
        }
    };
    for (i, cell) in row.iter().enumerate() {
        let cell = crate::export::undefuse(cell);
        let Some(target) = targets.get(i) else {
            if !cell.trim().is_empty() {
                return Err(ImportError::Source {
                    at: format!("{shown}:{line}"),
                    message: format!("the row has {} cells, but the header only {}", row.len(), headers.len()),
                    help: "check the row's quoting: a value with a comma or a line break must be in double quotes".to_owned(),
                });
            }
            continue;
        };
        let v = cell.trim();
        if v.is_empty() {
            continue;
        }
        match target {
            // The first of repeated columns counts, as for pobox's own fields.
            Target::UserField(name) => {
                if !issue.own.iter().any(|(n, _)| n == name) {
                    issue.own.push((name.clone(), json_value(crate::export::field_value(v))));
                }
            }
            Target::Key => issue.key = v.to_owned(),
            Target::IssueId => first(&mut issue.issue_id, v),
            Target::Title => {
                if issue.title.is_empty() {
                    issue.title = v.to_owned();
                }
            }
            Target::Status => first(&mut issue.status, v),
            Target::Kind => {
                first(&mut issue.issue_type, v);
                issue.kind = match v.to_lowercase().as_str() {
                    "epic" => Kind::Epic,
                    "sprint" => Kind::Sprint,
                    "risk" => Kind::Risk,
                    "stakeholder" => Kind::Stakeholder,
                    "meeting" => Kind::Meeting,
                    _ => Kind::Story,
                };
            }
            Target::Points => first(&mut issue.points, v),
            Target::Epic => first(&mut issue.epic, v),
            Target::Parent => first(&mut issue.parent, v),
            Target::Sprint => issue.sprints.extend(split_list(v)),
            Target::Labels => issue.labels.extend(split_list(v)),
            Target::Assignee => {
                let h = handle(v);
                if !h.is_empty() {
                    first(&mut issue.assignee, &h);
                }
            }
            Target::Created => first(&mut issue.created, v),
            Target::Body => {
                if issue.body.is_empty() {
                    issue.body = cell.replace("\r\n", "\n");
                }
            }
            Target::EpicName => first(&mut issue.epic_name, v),
            Target::Comment => issue.comments.push(cell.replace("\r\n", "\n")),
            Target::Link { kind, outward } => issue.links.push((kind.to_lowercase(), *outward, v.to_owned())),
            Target::Ignore => {}
            Target::Field(name) => match issue.kept.iter_mut().find(|(n, _)| n == name) {
                Some((_, values)) => values.push(v.to_owned()),
                None => issue.kept.push((name.clone(), vec![v.to_owned()])),
            },
        }
    }
    if issue.key.is_empty() {
        return Err(ImportError::NoKey(format!("{shown}:{line}")));
    }
    Ok(issue)
}

/// The link fields of every issue (lower-case key → (field, other keys)), from both ends of
/// each link.
///
/// "X blocks Y" makes Y depend on X: `depends_on: [X]` on Y, written there whether the row
/// says it as X's outward link or as Y's inward one. When Y is not in the export, X keeps
/// it as `blocks`. Other links keep their meaning as a field: `relates_to`, `clones`,
/// `is_cloned_by`, `duplicates`, `is_duplicated_by`, or `outward_<type>` / `inward_<type>`
/// for a link type of the site's own. Every key becomes the other item's pobox id at
/// planning; a key that is not in the export is kept under `unresolved_<field>`, and the
/// notes say so.
fn link_fields(issues: &[Issue]) -> HashMap<String, Vec<(String, Vec<String>)>> {
    let keys: HashSet<String> = issues.iter().map(|i| i.key.to_lowercase()).collect();
    let mut out: HashMap<String, Vec<(String, Vec<String>)>> = HashMap::new();
    let mut add = |on: &str, field: String, key: &str| {
        let fields = out.entry(on.to_lowercase()).or_default();
        match fields.iter_mut().find(|(f, _)| *f == field) {
            Some((_, ks)) if ks.iter().any(|k| k.eq_ignore_ascii_case(key)) => {}
            Some((_, ks)) => ks.push(key.to_owned()),
            None => fields.push((field, vec![key.to_owned()])),
        }
    };
    for issue in issues {
        for (kind, outward, other) in &issue.links {
            let field = match (kind.as_str(), *outward) {
                ("blocks", true) if keys.contains(&other.to_lowercase()) => {
                    add(other, "depends_on".to_owned(), &issue.key);
                    continue;
                }
                ("blocks", true) => "blocks".to_owned(),
                ("blocks", false) => "depends_on".to_owned(),
                ("relates", _) => "relates_to".to_owned(),
                ("cloners", true) => "clones".to_owned(),
                ("cloners", false) => "is_cloned_by".to_owned(),
                ("duplicate", true) => "duplicates".to_owned(),
                ("duplicate", false) => "is_duplicated_by".to_owned(),
                (other_kind, true) => format!("outward_{}", field_name(other_kind)),
                (other_kind, false) => format!("inward_{}", field_name(other_kind)),
            };
            add(&issue.key, field, other);
        }
    }
    out
}

/// The body of an item: its description, with an "Acceptance Criteria" paragraph and the
/// list after it made pobox's `## Acceptance criteria` checklist (see
/// [`criteria_section`]), then its comments under `## Comments`.
fn body_of(description: &str, comments: &[String]) -> String {
    let mut body = match criteria_section(description) {
        Some((rest, section)) => {
            let rest = rest.trim_end();
            if rest.is_empty() { section } else { format!("{rest}\n\n{section}") }
        }
        None => description.to_owned(),
    };
    if !comments.is_empty() {
        let mut section = String::from("## Comments\n");
        for c in comments {
            let (heading, text) = comment_parts(c);
            section.push_str(&format!("\n### {heading}\n\n{}\n", text.trim()));
        }
        let kept = body.trim_end();
        body = if kept.is_empty() { section } else { format!("{kept}\n\n{section}") };
    }
    body
}

/// A Jira comment cell, `15/Feb/26 4:37 PM;712020:bc18…;The text`, as a heading (author
/// and date) and its text. A cell in no such form is all text, from an unknown author.
fn comment_parts(cell: &str) -> (String, &str) {
    let mut parts = cell.splitn(3, ';');
    if let (Some(when), Some(author), Some(text)) = (parts.next(), parts.next(), parts.next())
        && let Some(day) = jira_date(when)
    {
        let time = when.trim().split_once(char::is_whitespace).map_or("", |(_, t)| t.trim());
        let when = if time.is_empty() {
            day.to_string()
        } else {
            format!("{day} {time}")
        };
        let author = author.trim();
        let author = if author.is_empty() { "unknown author" } else { author };
        return (format!("{author}, {when}"), text);
    }
    ("unknown author, undated".to_owned(), cell)
}

/// A line that opens acceptance criteria in a Jira description: `Acceptance Criteria:`,
/// `*Acceptance Criteria*`, `h3. Acceptance criteria`, `Acceptance Criteria (AC)`, in any
/// case. Returns the heading's words without the markup (`Acceptance Criteria (AC)`).
fn criteria_heading(line: &str) -> Option<&str> {
    let mut t = line.trim();
    if let Some(rest) = t
        .strip_prefix('h')
        .and_then(|r| r.strip_prefix(|c: char| ('1'..='6').contains(&c)))
        .and_then(|r| r.strip_prefix(". "))
    {
        t = rest;
    }
    let t = t.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let t = t.strip_suffix(':').unwrap_or(t).trim_end_matches(['*', '_']).trim();
    let t = t.strip_suffix(':').unwrap_or(t).trim();
    let rest = t
        .get(..19)
        .filter(|h| h.eq_ignore_ascii_case("acceptance criteria"))
        .map(|_| t[19..].trim())?;
    (rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')'))).then_some(t)
}

/// A criterion line after such a heading: `✅ …`, `✔ …`, `* …`, `- …`, `# …`, `- [ ] …`,
/// `* [x] …`. Returns whether it is ticked and its text.
fn criterion_line(line: &str) -> Option<(bool, &str)> {
    let t = line.trim();
    let rest = ["✅", "✔️", "✔", "☑", "* ", "- ", "# "]
        .iter()
        .find_map(|m| t.strip_prefix(m))?
        .trim_start();
    for (mark, ticked) in [("[ ]", false), ("[x]", true), ("[X]", true)] {
        if let Some(text) = rest.strip_prefix(mark) {
            return Some((ticked, text.trim()));
        }
    }
    (!rest.is_empty()).then_some((false, rest))
}

/// The first "Acceptance Criteria" paragraph of a description followed by a list, taken out
/// of it and written as a `## Acceptance criteria` section: the description without them,
/// and the section. The list runs to the first line that is neither blank nor a list item;
/// it moves to the end, so the rest of the description (more lists of its own, like
/// "Evidence to collect") does not become criteria. Items are unticked (`- [ ]`) unless the
/// source ticks them (`[x]`): a check mark in a description is a bullet, not a verdict.
/// A description that is already Markdown with such a heading is left as it is.
fn criteria_section(description: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = description.lines().collect();
    let start = lines
        .iter()
        .position(|l| !l.trim_start().starts_with('#') && criteria_heading(l).is_some())?;
    let heading = criteria_heading(lines[start])?;
    let mut items = Vec::new();
    let mut end = start + 1;
    while let Some(line) = lines.get(end) {
        if line.trim().is_empty() {
            end += 1;
            continue;
        }
        let Some((ticked, text)) = criterion_line(line) else { break };
        items.push(format!("- [{}] {text}", if ticked { 'x' } else { ' ' }));
        end += 1;
    }
    if items.is_empty() {
        return None;
    }
    let mut rest: Vec<&str> = lines[..start].to_vec();
    rest.extend(&lines[end..]);
    Some((rest.join("\n"), format!("## {heading}\n\n{}", items.join("\n"))))
}

/// A cell of a list column: a JSON list, or values separated by `;`.
fn split_list(v: &str) -> Vec<String> {
    if v.starts_with('[')
        && let Ok(serde_json::Value::Array(a)) = serde_json::from_str::<serde_json::Value>(v)
    {
        return a
            .into_iter()
            .map(|x| match x {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            })
            .collect();
    }
    v.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// Kept columns as fields: lists for list fields and repeated columns, typed scalars
/// otherwise, and `group.field` columns gathered into one group.
fn kept_fields(kept: &[(String, Vec<String>)]) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    let mut groups: Vec<(String, serde_json::Map<String, serde_json::Value>)> = Vec::new();
    for (name, values) in kept {
        if let Some((group, field)) = name.split_once('.') {
            let v = json_scalar(&values[0]);
            match groups.iter_mut().find(|(g, _)| g == group) {
                Some((_, m)) => {
                    m.insert(field.to_owned(), v);
                }
                None => {
                    let mut m = serde_json::Map::new();
                    m.insert(field.to_owned(), v);
                    groups.push((group.to_owned(), m));
                }
            }
            continue;
        }
        let value = if ID_LIST_FIELDS.contains(&name.as_str()) {
            Value::Refs(values.iter().flat_map(|v| split_list(v)).collect())
        } else if LIST_FIELDS.contains(&name.as_str()) {
            Value::List(values.iter().flat_map(|v| split_list(v)).collect())
        } else if values.len() > 1 {
            Value::List(values.clone())
        } else {
            typed(&values[0])
        };
        out.push((name.clone(), value));
    }
    for (group, map) in groups {
        out.push((group, Value::Json(serde_json::Value::Object(map))));
    }
    out
}

/// A cell as the value it looks like: a number, true/false, a JSON list or mapping, or text.
fn typed(v: &str) -> Value {
    if let Ok(i) = v.parse::<i64>() {
        return Value::Int(i);
    }
    if v.contains('.')
        && let Ok(f) = v.parse::<f64>()
        && f.is_finite()
    {
        return Value::Number(f);
    }
    match v {
        "true" => return Value::Bool(true),
        "false" => return Value::Bool(false),
        _ => {}
    }
    if (v.starts_with('[') || v.starts_with('{'))
        && let Ok(j) = serde_json::from_str::<serde_json::Value>(v)
    {
        return match j {
            serde_json::Value::Array(a) if a.iter().all(serde_json::Value::is_string) => {
                Value::List(a.into_iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
            }
            other => Value::Json(other),
        };
    }
    Value::Text(v.to_owned())
}

/// A JSON value as a field's value: a list of texts as a list (so `aliases` stays a list),
/// scalars as themselves, anything else as JSON.
fn json_value(j: serde_json::Value) -> Value {
    match j {
        serde_json::Value::String(s) => Value::Text(s),
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) if n.is_i64() => n.as_i64().map_or(Value::Json(serde_json::Value::Number(n)), Value::Int),
        serde_json::Value::Number(n) if n.is_f64() => n.as_f64().map_or(Value::Json(serde_json::Value::Number(n)), Value::Number),
        serde_json::Value::Array(a) if a.iter().all(serde_json::Value::is_string) => {
            Value::List(a.into_iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
        }
        other => Value::Json(other),
    }
}

fn json_scalar(v: &str) -> serde_json::Value {
    match typed(v) {
        Value::Int(i) => i.into(),
        Value::Number(f) => serde_json::Number::from_f64(f).map_or_else(|| v.into(), Into::into),
        Value::Bool(b) => b.into(),
        Value::Json(j) => j,
        _ => v.into(),
    }
}

/// A date as Jira writes it (`15/Feb/26 4:37 PM`, `15/Feb/2026`, `2026-02-15 16:37`).
#[must_use]
pub fn jira_date(text: &str) -> Option<Date> {
    if let Some(d) = leading_date(text) {
        return Some(d);
    }
    let first = text.split_whitespace().next()?;
    let mut parts = first.split('/');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let day: i8 = day.parse().ok()?;
    let month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|m| month.get(..3).is_some_and(|x| x.eq_ignore_ascii_case(m)))?;
    let year: i16 = match year.parse::<i16>().ok()? {
        y if y < 100 => 2000 + y,
        y => y,
    };
    Date::new(year, i8::try_from(month + 1).ok()?, day).ok()
}

/// A moment as Jira writes it, in seconds since the Unix epoch: the day as [`jira_date`]
/// reads it, and the time of day after it when there is one (`4:37 PM`, `16:37`,
/// `16:37:05`, ISO's `T16:37:05.000+0100`); a time without a zone is taken as UTC, a day
/// without a time as its midnight.
#[must_use]
pub fn jira_time(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Some(t.as_second());
    }
    let day = jira_date(text)?;
    // What follows the day: ISO's `T` or a space, then the time and an AM/PM.
    let rest = if leading_date(text).is_some() {
        text.get(10..).unwrap_or("").trim_start_matches(['T', ' '])
    } else {
        text.split_once(char::is_whitespace).map_or("", |(_, r)| r.trim())
    };
    let time = time_of_day(rest).unwrap_or_default();
    let at = day.to_datetime(time).to_zoned(jiff::tz::TimeZone::UTC).ok()?;
    Some(at.timestamp().as_second())
}

/// `4:37 PM`, `16:37`, `16:37:05.000`: the time of day, `None` for anything else.
fn time_of_day(text: &str) -> Option<jiff::civil::Time> {
    let mut words = text.split_whitespace();
    let clock = words.next()?;
    let meridiem = words.next().map(str::to_ascii_uppercase);
    let clock = clock.split(['.', '+', 'Z']).next()?;
    let mut parts = clock.split(':');
    let mut hour: i8 = parts.next()?.parse().ok()?;
    let minute: i8 = parts.next()?.parse().ok()?;
    let second: i8 = parts.next().map_or(Some(0), |s| s.parse().ok())?;
    match meridiem.as_deref() {
        Some("AM") if hour == 12 => hour = 0,
        Some("PM") if hour < 12 => hour += 12,
        Some("AM" | "PM") | None => {}
        Some(_) => return None,
    }
    jiff::civil::Time::new(hour, minute, second, 0).ok()
}

fn dedup(headers: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    headers.iter().filter(|h| seen.insert(h.to_lowercase())).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_become_field_names() {
        assert_eq!(field_name("Custom field (Story Points)"), "story_points");
        assert_eq!(field_name("Σ Time Spent"), "σ_time_spent");
        assert_eq!(field_name("Outward issue link (Relates)"), "outward_issue_link_relates");
        assert_eq!(field_name("wsjf.value"), "wsjf.value");
    }

    #[test]
    fn jira_dates() {
        assert_eq!(jira_date("15/Feb/26 4:37 PM"), Some(jiff::civil::date(2026, 2, 15)));
        assert_eq!(jira_date("01/sep/2021"), Some(jiff::civil::date(2021, 9, 1)));
        assert_eq!(jira_date("2026-02-15 16:37"), Some(jiff::civil::date(2026, 2, 15)));
        assert_eq!(jira_date("31/Feb/26"), None);
        assert_eq!(jira_date("yesterday"), None);
    }

    #[test]
    fn jira_times_keep_the_time_of_day() {
        let at = |s: &str| jiff::Timestamp::from_second(jira_time(s).unwrap()).unwrap().to_string();
        assert_eq!(at("15/Feb/26 4:37 PM"), "2026-02-15T16:37:00Z");
        assert_eq!(at("15/Feb/26 12:05 AM"), "2026-02-15T00:05:00Z");
        assert_eq!(at("15/Feb/26 12:05 PM"), "2026-02-15T12:05:00Z");
        assert_eq!(at("14/Mar/2024 10:21"), "2024-03-14T10:21:00Z");
        assert_eq!(at("2026-02-15 16:37"), "2026-02-15T16:37:00Z");
        assert_eq!(at("2026-02-15T16:37:05.000"), "2026-02-15T16:37:05Z");
        assert_eq!(at("2026-02-15T16:37:05+01:00"), "2026-02-15T15:37:05Z");
        assert_eq!(at("15/Feb/2026"), "2026-02-15T00:00:00Z");
        assert_eq!(jira_time("yesterday"), None);
    }

    fn run(csv: &str, maps: &[&str]) -> Result<(Vec<Record>, Vec<String>), ImportError> {
        let maps: Vec<String> = maps.iter().map(|s| (*s).to_owned()).collect();
        read(
            Path::new("x.csv"),
            csv.as_bytes(),
            &maps,
            &Config::default(),
            &StatusMap::default(),
            &[],
        )
    }

    #[test]
    fn a_jira_export_with_bom_repeats_and_multiline_cells() {
        let csv = "\u{feff}Summary,Issue key,Issue id,Issue Type,Status,Sprint,Sprint,Custom field (Story Points),Custom field (Epic Link),Labels,Labels,Description,Custom field (Team)\n\
                   Checkout,SHOP-1,100,Epic,In Progress,,,,,pay,,,Blue\n\
                   \"Pay, fast\",SHOP-2,101,Story,Done,Sprint 1,Sprint 2,5,SHOP-1,pay,web,\"h1. Why\nline two\",Blue\n\
                   Half,SHOP-3,102,Bug,To Do,Sprint 2,,0.5,,,,,\n";
        let (records, notes) = run(csv, &[]).unwrap();
        let keys: Vec<(&str, Kind)> = records.iter().map(|r| (r.key.as_str(), r.kind)).collect();
        assert_eq!(
            keys,
            [
                ("sprint:Sprint 2", Kind::Sprint),
                ("SHOP-1", Kind::Epic),
                ("SHOP-2", Kind::Story),
                ("SHOP-3", Kind::Story)
            ]
        );
        let story = &records[2];
        assert_eq!(story.title, "Pay, fast");
        assert_eq!(story.body, "h1. Why\nline two");
        let f: HashMap<&str, &Value> = story.fields.iter().map(|(k, v)| (k.as_str(), v)).collect();
        assert_eq!(f["status"], &Value::Text("done".into()));
        assert_eq!(f["points"], &Value::Int(5));
        assert_eq!(f["epic"], &Value::Ref("SHOP-1".into()));
        assert_eq!(f["sprint"], &Value::Ref("sprint:Sprint 2".into()));
        assert_eq!(f["sprints"], &Value::List(vec!["Sprint 1".into(), "Sprint 2".into()]));
        assert_eq!(f["labels"], &Value::List(vec!["pay".into(), "web".into()]));
        assert_eq!(f["team"], &Value::Text("Blue".into()));
        let bug: HashMap<&str, &Value> = records[3].fields.iter().map(|(k, v)| (k.as_str(), v)).collect();
        assert_eq!(bug["issue_type"], &Value::Text("Bug".into()));
        assert_eq!(bug["jira_points"], &Value::Number(0.5));
        assert!(notes.iter().any(|n| n.contains("0.5 story points")), "{notes:?}");
        assert_eq!(records[0].fields, [("status".to_owned(), Value::Text("planned".into()))]);
    }

    #[test]
    fn maps_override_and_errors_say_what_is_wrong() {
        let csv = "Ticket,Name,State\nA-1,One,Open\n";
        let e = run(csv, &[]).unwrap_err();
        assert!(matches!(&e, ImportError::NoKeyColumn(at) if at == "x.csv"), "{e}");
        let (records, _) = run(csv, &["Ticket=key", "name=title", "State=status"]).unwrap();
        assert_eq!(records[0].key, "A-1");
        assert_eq!(records[0].title, "One");
        assert_eq!(records[0].fields[0], ("status".to_owned(), Value::Text("draft".into())));
        let e = run(csv, &["Nope=title"]).unwrap_err();
        let ImportError::UnknownColumn { column, columns, .. } = e else {
            panic!("{e}")
        };
        assert_eq!(
            (column.as_str(), columns),
            ("Nope", vec!["Ticket".to_owned(), "Name".to_owned(), "State".to_owned()])
        );
        let e = run("Issue key,Status\nA-1,Parked\n", &[]).unwrap_err().to_string();
        assert!(e.starts_with("x.csv:2: status `Parked`"), "{e}");
        let e = run("Issue key,Summary\n,No key\n", &[]).unwrap_err().to_string();
        assert!(e.starts_with("x.csv:2: the row has no key"), "{e}");
    }

    #[test]
    fn line_numbers_are_an_editors_whatever_the_line_ends() {
        // The row without a key is on line 5: after a header, a row, and a row whose quoted
        // cell spans two lines.
        for end in ["\n", "\r\n", "\r"] {
            let csv = ["Issue key,Summary", "A-1,One", "A-2,\"Two", "lines\"", ",No key", ""].join(end);
            let e = run(&csv, &[]).unwrap_err().to_string();
            assert!(e.starts_with("x.csv:5: the row has no key"), "{end:?}: {e}");
        }
        let e = run("\u{feff}Issue key,Status\r\nA-1,Open\r\nA-2,Parked\r\n", &[])
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.csv:3: status `Parked`"), "{e}");
    }

    #[test]
    fn acceptance_criteria_paragraphs_become_the_criteria_section() {
        for (description, heading) in [
            (
                "Why.\n\nAcceptance Criteria:\n\n* Pays\n* [x] Masks the card\n\n*Evidence*\n\n* Screenshots\n",
                "Acceptance Criteria",
            ),
            (
                "Why.\n\n*acceptance criteria*\n✅ Pays\n✔️ [x] Masks the card\n\n*Evidence*\n\n* Screenshots\n",
                "acceptance criteria",
            ),
            (
                "Why.\n\nh2. Acceptance Criteria (AC)\n- [ ] Pays\n* [X] Masks the card\n*Evidence*\n\n* Screenshots\n",
                "Acceptance Criteria (AC)",
            ),
        ] {
            let body = body_of(description, &[]);
            let want = format!("Why.\n\n*Evidence*\n\n* Screenshots\n\n## {heading}\n\n- [ ] Pays\n- [x] Masks the card");
            assert_eq!(body, want, "{description:?}");
        }
        // A paragraph that only mentions criteria, or a heading without a list, stays.
        for text in [
            "Acceptance criteria are in Confluence.\n* one\n",
            "Acceptance Criteria:\nSee the spec.\n",
            "## Acceptance criteria\n\n* Pays\n",
        ] {
            assert_eq!(body_of(text, &[]), text);
        }
    }

    #[test]
    fn comments_go_into_the_body_and_links_become_fields() {
        let csv = "Issue key,Issue Type,Status,Sprint,Description,Comment,Comment,Outward issue link (Blocks),Inward issue link (Blocks),Outward issue link (Relates)\n\
                   UN-1,Epic,To Do,Sprint 4,,,,,,\n\
                   UN-2,Story,To Do,,Why.,\"15/Feb/26 4:37 PM;557058:dana;Looks good\nto me\",odd comment,UN-3,UN-9,UN-1\n\
                   UN-3,Story,To Do,,,,,,UN-2,\n\
                   UN-4,Story,To Do,,,,,UN-8,,\n";
        let (records, notes) = run(csv, &[]).unwrap();
        let by_key = |k: &str| records.iter().find(|r| r.key == k).unwrap();
        let f = |k: &str, name: &str| by_key(k).fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        assert_eq!(
            by_key("UN-2").body,
            "Why.\n\n## Comments\n\n### 557058:dana, 2026-02-15 4:37 PM\n\nLooks good\nto me\n\n### unknown author, undated\n\nodd comment\n"
        );
        assert!(
            !by_key("UN-2").fields.iter().any(|(n, _)| n.contains("comment")),
            "{:?}",
            by_key("UN-2").fields
        );
        // UN-2 blocks UN-3 (said at both ends): UN-3 depends on UN-2, once.
        assert_eq!(f("UN-3", "depends_on"), Some(Value::Refs(vec!["UN-2".into()])));
        // UN-2 is blocked by UN-9, not in the export: planning keeps it unresolved.
        assert_eq!(f("UN-2", "depends_on"), Some(Value::Refs(vec!["UN-9".into()])));
        assert_eq!(f("UN-2", "relates_to"), Some(Value::Refs(vec!["UN-1".into()])));
        assert_eq!(f("UN-4", "blocks"), Some(Value::Refs(vec!["UN-8".into()])));
        assert!(by_key("UN-2").fields.iter().all(|(n, _)| !n.contains("issue_link")));
        // An epic has no sprint: its sprint is kept, and said.
        assert_eq!(f("UN-1", "jira_sprint"), Some(Value::Text("Sprint 4".into())));
        assert!(
            notes.iter().any(|n| n.contains("x.csv:2: an epic has no sprint in pobox")),
            "{notes:?}"
        );
    }
}
