//! Importing items from other tools: a source is read into [`Record`]s, which are planned
//! (new ids, references resolved, files rendered and read back) and then written, each file
//! created exclusively.
//!
//! Every imported item keeps its id in the source as an alias (`aliases: [task-42]`), so a
//! second run of the same import skips what is already there instead of duplicating it.

pub mod adr;
pub mod backlog_md;
pub mod history;
pub mod jira_csv;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::Config;
use crate::create::highest_number;
use crate::edit::{FormatSettings, NewValue};
use crate::fsio::{self, WriteError};
use crate::git::Repo;
use crate::model::read::{ReadOptions, is_handle, read_item};
use crate::model::{Item, Kind};
use crate::workspace::{UnreadableFile, UnreadableScope};

/// The front-matter key that holds an item's ids in other tools.
pub const ALIASES: &str = crate::model::item::ALIASES;

/// A field value as read from the source.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number.
    Number(f64),
    /// true / false.
    Bool(bool),
    /// A list of texts.
    List(Vec<String>),
    /// Any other value (a mapping, a list of mappings), written as one-line YAML.
    Json(serde_json::Value),
    /// The source key of another record (or of an item imported before), replaced by its
    /// pobox id.
    Ref(String),
    /// Source keys of other records, replaced by their pobox ids.
    Refs(Vec<String>),
}

/// One item read from the source, before it has a pobox id.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The kind it becomes. Numbered kinds get new ids; stakeholders and meetings keep
    /// their key as their id.
    pub kind: Kind,
    /// Its id in the source; kept as its alias.
    pub key: String,
    /// Its title.
    pub title: String,
    /// Where it came from (`backlog/tasks/task-3 - x.md`, `row 12`), for messages.
    pub source: String,
    /// Its `created` day.
    pub created: Option<Date>,
    /// Other front-matter fields, in order.
    pub fields: Vec<(String, Value)>,
    /// The Markdown body.
    pub body: String,
}

/// An item the import would create.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    /// Its kind.
    pub kind: Kind,
    /// Its new id.
    pub id: String,
    /// Its file, relative to the workspace root.
    pub path: PathBuf,
    /// Its id in the source.
    pub alias: String,
    /// Its title.
    pub title: String,
    /// Its status, if any.
    pub status: Option<String>,
    /// Where it came from.
    pub source: String,
    /// The whole file.
    pub text: String,
}

/// An item already imported by an earlier run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its id in the source.
    pub alias: String,
    /// The pobox item that has that alias.
    pub id: String,
    /// Where it came from.
    pub source: String,
}

/// What an import would do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Files to create, in order.
    pub items: Vec<Planned>,
    /// Records skipped because an item already has their alias.
    pub skipped: Vec<Skipped>,
    /// Things the user should know: values kept under another name, references that name
    /// nothing, parts of the source that have no pobox kind.
    pub notes: Vec<String>,
    /// Files of the workspace pobox cannot read: their aliases are unknown, so a record they
    /// already hold would be imported twice; [`write`] refuses while there are any.
    pub unreadable: Vec<UnreadableFile>,
    /// How the references of the new items resolved.
    pub references: References,
}

/// How the references between records (an epic, a parent, a dependency) resolved, one
/// count per name referred to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct References {
    /// Names that are exactly one item, of the import or of the workspace.
    pub resolved: usize,
    /// Names of nothing, or of the item itself; kept as `unresolved_<field>`.
    pub unresolved: usize,
    /// Names of more than one item (two source files with the same id); kept as
    /// `unresolved_<field>`.
    pub ambiguous: usize,
}

/// Why an import cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The source is not what the importer expects.
    #[error("{at}: {message}")]
    Source {
        /// File, file:line or `FILE row N`.
        at: String,
        /// What is wrong.
        message: String,
        /// What would make the source importable, said of the source itself (its format,
        /// the tool that wrote it), whatever front-end shows it.
        help: String,
    },
    /// A status has no counterpart in the workflow: it needs a mapping `status=<status>`.
    #[error("{at}: status `{status}` has no pobox {kind} status")]
    Status {
        /// Where.
        at: String,
        /// The source's status.
        status: String,
        /// The kind.
        kind: Kind,
        /// The workspace's statuses for that kind.
        allowed: String,
    },
    /// A status mapping (`FROM=TO`, e.g. `To Do=ready`) has no `=`.
    #[error("`{0}` is not FROM=TO")]
    StatusMapping(String),
    /// A column mapping (`COLUMN=FIELD`, e.g. `Custom field (Team)=team`) has no `=`.
    #[error("`{0}` is not FROM=TO")]
    ColumnMapping(String),
    /// A column mapping names a column the file does not have.
    #[error("{at}: the mapping `{mapping}` names the column `{column}`, but the file has no such column")]
    UnknownColumn {
        /// The file.
        at: String,
        /// The mapping as given.
        mapping: String,
        /// The column it names.
        column: String,
        /// The file's columns, each once.
        columns: Vec<String>,
    },
    /// No column holds the issues' keys; one must be mapped to `key`.
    #[error("{0}: no column holds the issues' keys (`Issue key` in a Jira export, `id` in pobox's)")]
    NoKeyColumn(String),
    /// A row (file:line) has no key in the key column.
    #[error("{0}: the row has no key")]
    NoKey(String),
    /// A file that would be written does not read back cleanly (a bug in the importer).
    #[error("{}: the imported file would not read cleanly: {message}", .path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The first problem.
        message: String,
        /// The record's source.
        source_item: String,
    },
    /// A file could not be written before any was, or its id was taken before the import
    /// began: nothing was written.
    #[error("{0}")]
    Write(#[from] WriteError),
    /// A file could not be written, or its id was taken while importing; `written` were
    /// written before it, are complete, and are skipped by their alias when the same import
    /// runs again. No other file of the import exists.
    #[error("{source}; {} of the {planned} planned files were written before it{}", .written.len(), written_list(.written))]
    PartlyWritten {
        /// The files written, relative to the workspace root, in the plan's order.
        written: Vec<PathBuf>,
        /// How many files the import planned.
        planned: usize,
        /// Why it stopped.
        source: WriteError,
    },
    /// A file of the workspace cannot be read, so whether it already holds a record is
    /// unknown: nothing is written.
    #[error(transparent)]
    UnreadableItems(#[from] UnreadableScope),
}

/// The files an import wrote before it stopped, as its error names them: every one when
/// few, else the first and the last (they are written in the plan's order, so the rest lie
/// between).
fn written_list(written: &[PathBuf]) -> String {
    let shown = |p: &PathBuf| crate::text::path::slash(p);
    match written {
        [] => String::new(),
        [first, .., last] if written.len() > 10 => format!(": {}, …, {}", shown(first), shown(last)),
        all => format!(": {}", all.iter().map(shown).collect::<Vec<_>>().join(", ")),
    }
}

/// A status table from the source's names to the workspace's statuses: the user's
/// `--status FROM=TO` entries first, then the workspace's own names (any case), then
/// [`DEFAULT_STATUSES`].
#[derive(Debug, Clone, Default)]
pub struct StatusMap {
    entries: Vec<(String, String)>,
}

/// The built-in status table, source name (lower case) → status of the default workflow. A
/// workspace with its own workflow gets the status of the same meaning
/// ([`crate::workflow::Workflow::counterpart`]).
pub const DEFAULT_STATUSES: &[(&str, &str)] = &[
    ("to do", "draft"),
    ("todo", "draft"),
    ("open", "draft"),
    ("new", "draft"),
    ("backlog", "draft"),
    ("draft", "draft"),
    ("proposed", "draft"),
    ("selected for development", "ready"),
    ("ready", "ready"),
    ("in progress", "in-progress"),
    ("doing", "in-progress"),
    ("blocked", "in-progress"),
    ("in review", "review"),
    ("review", "review"),
    ("code review", "review"),
    ("done", "done"),
    ("closed", "done"),
    ("resolved", "done"),
    ("complete", "done"),
    ("completed", "done"),
    ("won't do", "dropped"),
    ("wont do", "dropped"),
    ("won't fix", "dropped"),
    ("wontfix", "dropped"),
    ("skipped", "dropped"),
    ("cancelled", "dropped"),
    ("canceled", "dropped"),
    ("rejected", "dropped"),
    ("duplicate", "dropped"),
];

impl StatusMap {
    /// A table from `FROM=TO` options.
    ///
    /// # Errors
    /// [`ImportError::StatusMapping`] for an entry without `=`.
    pub fn from_options(options: &[String]) -> Result<Self, ImportError> {
        let mut entries = Vec::new();
        for o in options {
            let Some((from, to)) = o.split_once('=') else {
                return Err(ImportError::StatusMapping(o.clone()));
            };
            entries.push((from.trim().to_lowercase(), to.trim().to_owned()));
        }
        Ok(StatusMap { entries })
    }

    /// Whether the user's `--status` options map `status`.
    #[must_use]
    pub fn maps(&self, status: &str) -> bool {
        let lower = status.trim().to_lowercase();
        self.entries.iter().any(|(from, _)| *from == lower)
    }

    /// The workspace status for the source's `status` of an item of `kind`.
    ///
    /// # Errors
    /// [`ImportError::Status`] when nothing matches.
    pub fn map(&self, config: &Config, kind: Kind, status: &str, at: &str) -> Result<String, ImportError> {
        let allowed = config.statuses_for(kind);
        let lower = status.trim().to_lowercase();
        let found = self
            .entries
            .iter()
            .find(|(from, _)| *from == lower)
            .map(|(_, to)| to.as_str())
            .or_else(|| allowed.iter().find(|s| s.to_lowercase() == lower).copied())
            .or_else(|| {
                let slug = slug_status(&lower);
                allowed.iter().find(|s| s.to_lowercase() == slug).copied()
            })
            .or_else(|| {
                // The built-in table names the default workflow's statuses; a team's own
                // workflow gets the status of the same meaning.
                DEFAULT_STATUSES
                    .iter()
                    .find(|(from, _)| *from == lower)
                    .and_then(|(_, to)| config.workflow.counterpart(to))
                    .filter(|to| allowed.contains(to))
            });
        match found {
            Some(s) if allowed.contains(&s) => Ok(s.to_owned()),
            _ => Err(ImportError::Status {
                at: at.to_owned(),
                status: status.to_owned(),
                kind,
                allowed: allowed.join(", "),
            }),
        }
    }
}

/// A status written as pobox writes statuses: `In Progress` → `in-progress`.
#[must_use]
pub fn slug_status(status: &str) -> String {
    status.trim().to_lowercase().split_whitespace().collect::<Vec<_>>().join("-")
}

/// A handle from a person's name or `@handle`: lower-case letters, digits and `-`.
#[must_use]
pub fn handle(name: &str) -> String {
    let name = name.trim().trim_start_matches('@');
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if matches!(c, '.' | '_' | '-') {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    // A handle ends with a letter or digit (`is_handle`).
    out.trim_end_matches(['-', '.', '_']).to_owned()
}

/// The ids other tools give each existing item: its `aliases` field, lower-cased → its id.
/// An item's first alias is its key in the source, and wins over the same name later in
/// another item's list (two source files with one id: the second is known by its path
/// first, the shared id after).
#[must_use]
pub fn alias_index(items: &[Item]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let lists: Vec<Vec<String>> = items.iter().map(aliases).collect();
    for (item, list) in items.iter().zip(&lists) {
        if let Some(first) = list.first() {
            out.entry(first.to_lowercase()).or_insert_with(|| item.id.clone());
        }
    }
    for (item, list) in items.iter().zip(&lists) {
        for alias in list.iter().skip(1) {
            out.entry(alias.to_lowercase()).or_insert_with(|| item.id.clone());
        }
    }
    out
}

/// An item's `aliases`: [`Item::aliases`].
#[must_use]
pub fn aliases(item: &Item) -> Vec<String> {
    item.aliases()
}

/// Plan the import of `records` into the workspace at `root`, whose items are `existing`:
/// records whose key is already an alias are skipped, the others get the next free ids (over
/// the working tree and every branch), references are resolved, and every file is rendered
/// and read back as pobox would read it.
///
/// # Errors
/// [`ImportError::Source`] if a record's text (its body, copied as it is) would not
/// read cleanly, e.g. holding a merge-conflict block; [`ImportError::Unreadable`] if anything
/// else of a rendered file would not (a bug in the importer).
pub fn plan(
    root: &Path,
    config: &Config,
    repo: Option<&Repo>,
    existing: &[Item],
    records: Vec<Record>,
    notes: Vec<String>,
) -> Result<Plan, ImportError> {
    plan_with_ids(root, config, repo, existing, records, notes, &mut Replay::default())
}

/// What the history import brings to [`plan_with_ids`] for each past version of the source.
#[derive(Debug, Default)]
pub struct Replay {
    /// Source key (lower case) → the id its item was given, once, at its first appearance.
    pub ids: HashMap<String, String>,
    /// Files rendered so far → how they read back: most files of one version are the same
    /// in the next, and are read back once.
    checked: HashMap<(Kind, String), Checked>,
    /// Values written as YAML so far, by field: writing one checks how YAML reads it back,
    /// and most values are the same in every version.
    yaml: HashMap<(String, String), String>,
}

/// A rendered file in `pobox fmt`'s order, and how pobox reads it.
#[derive(Debug, Clone)]
struct Checked {
    text: String,
    error: Option<crate::diag::Diagnostic>,
    unestimated: bool,
    without_criteria: bool,
}

/// [`plan`], where a record whose key (lower case) is in `replay.ids` gets that id rather
/// than the next free one: the history import plans every past version of the source with
/// the ids its items were given once, at their first appearance.
///
/// # Errors
/// As [`plan`].
pub fn plan_with_ids(
    root: &Path,
    config: &Config,
    repo: Option<&Repo>,
    existing: &[Item],
    records: Vec<Record>,
    mut notes: Vec<String>,
    replay: &mut Replay,
) -> Result<Plan, ImportError> {
    let given = &replay.ids;
    let known = alias_index(existing);
    let mut ids: HashMap<String, String> = HashMap::new();
    // Further names of records (`aliases` in a record's fields) → their ids: a name that is
    // the key or alias of two records is ambiguous.
    let mut also: HashMap<String, Vec<String>> = HashMap::new();
    let mut next: HashMap<Kind, Option<u64>> = HashMap::new();
    let mut skipped = Vec::new();
    let mut fresh = Vec::new();
    for record in records {
        let lower = record.key.to_lowercase();
        if let Some(id) = known.get(&lower) {
            ids.insert(lower, id.clone());
            for alias in record_aliases(&record) {
                also.entry(alias.to_lowercase()).or_default().push(id.clone());
            }
            skipped.push(Skipped {
                alias: record.key,
                id: id.clone(),
                source: record.source,
            });
            continue;
        }
        if ids.contains_key(&lower) {
            notes.push(format!(
                "{}: `{}` appears twice in the source; only its first item is imported",
                record.source, record.key
            ));
            continue;
        }
        let Some(prefix) = config.prefix(record.kind) else {
            // Stakeholders and meetings keep their id (a handle, a dated slug): an item
            // that already has it was imported before, or is the same person.
            if let Some(item) = existing.iter().find(|i| i.kind == record.kind && i.id == record.key) {
                ids.insert(lower, item.id.clone());
                skipped.push(Skipped {
                    alias: record.key,
                    id: item.id.clone(),
                    source: record.source,
                });
                continue;
            }
            let valid = match record.kind {
                Kind::Stakeholder => is_handle(&record.key),
                _ => record.key.get(..10).is_some_and(|d| d.parse::<Date>().is_ok()) && is_handle(&record.key),
            };
            if !valid {
                return Err(ImportError::Source {
                    at: record.source,
                    message: format!("`{}` cannot be {} id", record.key, record.kind.with_article()),
                    help: if record.kind == Kind::Stakeholder {
                        "a stakeholder's id is a handle: lower-case letters, digits, `.`, `_` or `-`, starting and ending with a letter or digit".to_owned()
                    } else {
                        "a meeting's id is its date and a slug, like `2026-03-13-sprint-review`".to_owned()
                    },
                });
            }
            ids.insert(lower, record.key.clone());
            fresh.push((record.key.clone(), record));
            continue;
        };
        if let Some(id) = given.get(&lower) {
            ids.insert(lower, id.clone());
            for alias in record_aliases(&record) {
                also.entry(alias.to_lowercase()).or_default().push(id.clone());
            }
            fresh.push((id.clone(), record));
            continue;
        }
        let n = next
            .entry(record.kind)
            .or_insert_with(|| highest_number(root, config, record.kind, repo).checked_add(1));
        let Some(number) = *n else {
            return Err(ImportError::Source {
                at: record.source.clone(),
                message: format!(
                    "`{prefix}-{}` has the largest number an id can have, so this record has no number after it",
                    u64::MAX
                ),
                help: "give that item a smaller id, then import again".to_owned(),
            });
        };
        let id = format!("{prefix}-{number}");
        *n = number.checked_add(1);
        ids.insert(lower, id.clone());
        for alias in record_aliases(&record) {
            also.entry(alias.to_lowercase()).or_default().push(id.clone());
        }
        fresh.push((id, record));
    }

    // A reference that is no key of the import may name an existing item by its id.
    for item in existing {
        ids.entry(item.id.to_lowercase()).or_insert_with(|| item.id.clone());
    }
    let prefixes = config.prefixes();
    let names = Names { ids, also };
    let mut references = References::default();
    let style = FormatSettings::from_config(config).unwrap_or_default();
    let mut items = Vec::with_capacity(fresh.len());
    let (mut unestimated, mut without_criteria) = (0_usize, 0_usize);
    // Rendering a file, putting it in pobox.yaml's order and reading it back (most of a
    // plan's time: YAML written and parsed again) is each file's own, so a plain import runs
    // it on every core; its reference counts and notes are added up in the records' order
    // after. A replay plans the same records again and again, one version after another, so
    // it remembers each rendered file's check instead (`Replay`), one version at a time.
    let check = |id: &str, kind: Kind, path: &Path, rendered: &str| -> Checked {
        // Keys in `pobox fmt`'s order, so that `pobox fmt --check` passes on what was just
        // imported; `render` already writes the built-in order, this adds pobox.yaml's.
        let text = crate::edit::canonical(rendered, &style.style(kind)).unwrap_or_else(|_| rendered.to_owned());
        let (item, diags) = read_item(
            kind,
            path,
            text.as_bytes(),
            ReadOptions {
                prefix: config.prefix(kind),
                mention_prefixes: &prefixes,
                body: true,
            },
        );
        debug_assert_eq!(item.id, id);
        let ready = item
            .as_story()
            .filter(|story| story.status.as_deref().is_some_and(|s| config.workflow.is_ready_or_later(s)));
        Checked {
            unestimated: ready.is_some_and(|story| story.points.is_none()),
            without_criteria: ready.is_some() && item.body().criteria_count() == 0,
            error: diags.into_iter().find(|d| d.severity == crate::diag::Severity::Error),
            text,
        }
    };
    let path_of = |id: &str, kind: Kind| Path::new(&config.backlog_dir).join(kind.folder()).join(format!("{id}.md"));
    let checked: Vec<_> = if given.is_empty() {
        fresh
            .into_par_iter()
            .map(|(id, record)| {
                let (mut found, mut said) = (References::default(), Vec::new());
                let (rendered, status) = render(&id, &record, &names, &mut found, &mut said, None);
                let path = path_of(&id, record.kind);
                let checked = check(&id, record.kind, &path, &rendered);
                (id, record, path, status, checked, found, said)
            })
            .collect()
    } else {
        fresh
            .into_iter()
            .map(|(id, record)| {
                let (mut found, mut said) = (References::default(), Vec::new());
                let (rendered, status) = render(&id, &record, &names, &mut found, &mut said, Some(&mut replay.yaml));
                let path = path_of(&id, record.kind);
                let checked = replay
                    .checked
                    .entry((record.kind, rendered.clone()))
                    .or_insert_with(|| check(&id, record.kind, &path, &rendered))
                    .clone();
                (id, record, path, status, checked, found, said)
            })
            .collect()
    };
    for (id, record, path, status, checked, found, said) in checked {
        references.resolved += found.resolved;
        references.unresolved += found.unresolved;
        references.ambiguous += found.ambiguous;
        notes.extend(said);
        let Checked {
            text,
            error,
            unestimated: no_estimate,
            without_criteria: no_criteria,
        } = checked;
        if let Some(d) = error {
            // The body is the source's own text (a description), copied as it is: what is
            // wrong there is the source's to fix, not a fault of the importer.
            // (`render` puts a blank line between the front-matter and the description.)
            let blank = crate::parse::frontmatter::split(&text).map_or(u32::MAX, |s| s.body_line);
            if d.line > blank {
                let line = d.line - blank;
                return Err(ImportError::Source {
                    at: record.source,
                    message: format!(
                        "its text (what becomes the item's body) cannot be imported as it is: line {line} of it: {}",
                        d.message
                    ),
                    help: if d.code == crate::diag::Code::MergeConflict {
                        "it holds a whole merge-conflict block (a `<<<<<<<`, a `=======` and a `>>>>>>>` line), which pobox \
                         refuses to read: keep one version in the source, delete the marker lines, and import again"
                            .to_owned()
                    } else {
                        "change the description in the source, and import again".to_owned()
                    },
                });
            }
            return Err(ImportError::Unreadable {
                path,
                message: format!("line {}: {}", d.line, d.message),
                source_item: record.source,
            });
        }
        unestimated += usize::from(no_estimate);
        without_criteria += usize::from(no_criteria);
        items.push(Planned {
            kind: record.kind,
            id,
            path,
            alias: record.key,
            title: record.title,
            status,
            source: record.source,
            text,
        });
    }
    let ready = config.workflow.ready_status();
    let stories = |n: usize| {
        if n == 1 {
            "1 imported story is".to_owned()
        } else {
            format!("{n} imported stories are")
        }
    };
    if unestimated > 0 {
        notes.push(format!(
            "{} `{ready}` or later without an estimate: the source gave them no story points, so none was imported. `pobox validate` reports them (PO302): estimate them (`pobox set <id> points=<n>`), or set `rules: {{ready-without-estimate: warning}}` in pobox.yaml while you migrate",
            stories(unestimated)
        ));
    }
    if without_criteria > 0 {
        notes.push(format!(
            "{} `{ready}` or later but without acceptance criteria: `pobox validate` reports them (PO301); add criteria, or set `rules: {{ready-without-criteria: warning}}` in pobox.yaml while you migrate",
            stories(without_criteria)
        ));
    }
    Ok(Plan {
        items,
        skipped,
        notes,
        unreadable: existing.iter().filter_map(UnreadableFile::of).collect(),
        references,
    })
}

/// A record's further names: its `aliases` field.
fn record_aliases(record: &Record) -> Vec<String> {
    record
        .fields
        .iter()
        .filter(|(name, _)| name == ALIASES)
        .flat_map(|(_, value)| match value {
            Value::List(more) | Value::Refs(more) => more.clone(),
            Value::Text(one) | Value::Ref(one) => vec![one.clone()],
            _ => Vec::new(),
        })
        .collect()
}

/// What a reference names.
enum Named {
    /// One item.
    One(String),
    /// Nothing.
    Nothing,
    /// Several items.
    Several(Vec<String>),
}

/// The names a reference may use: records' keys and existing items' ids (`ids`), records'
/// further aliases (`also`).
struct Names {
    ids: HashMap<String, String>,
    also: HashMap<String, Vec<String>>,
}

impl Names {
    fn resolve(&self, key: &str) -> Named {
        let lower = key.to_lowercase();
        let mut found: Vec<String> = self.ids.get(&lower).into_iter().cloned().collect();
        for id in self.also.get(&lower).into_iter().flatten() {
            if !found.contains(id) {
                found.push(id.clone());
            }
        }
        match found.len() {
            0 => Named::Nothing,
            1 => Named::One(found.remove(0)),
            _ => Named::Several(found),
        }
    }
}

/// Field names pobox knows for a kind, which a kept source field must not take.
fn known_keys(kind: Kind) -> Vec<&'static str> {
    let mut keys = kind.key_order().to_vec();
    keys.extend(["labels", "owner", "created", ALIASES]);
    keys
}

/// A source's front-matter value as an import keeps it: scalars as themselves, a list of
/// texts as a list, anything else as one-line YAML.
#[must_use]
pub fn yaml_value(v: &crate::parse::yaml::Value) -> Value {
    use crate::parse::yaml::Value as Yaml;
    match v {
        Yaml::Str(s) => Value::Text(s.clone()),
        Yaml::Int(i) => Value::Int(*i),
        Yaml::Float(f) => Value::Number(*f),
        Yaml::Bool(b) => Value::Bool(*b),
        Yaml::Seq(s) if s.iter().all(|n| matches!(n.value, Yaml::Str(_))) => Value::List(yaml_texts(v)),
        other => Value::Json(other.to_json()),
    }
}

/// A source's list of texts, or one text as a list of one, blanks left out.
#[must_use]
pub fn yaml_texts(v: &crate::parse::yaml::Value) -> Vec<String> {
    use crate::parse::yaml::Value as Yaml;
    match v {
        Yaml::Seq(s) => s
            .iter()
            .filter_map(|n| n.value.scalar_text())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        Yaml::Null => Vec::new(),
        other => other.scalar_text().into_iter().filter(|s| !s.trim().is_empty()).collect(),
    }
}

/// A source field name that does not clash with pobox's own fields for `kind`.
#[must_use]
pub fn kept_name(kind: Kind, name: &str, prefix: &str) -> String {
    if known_keys(kind).contains(&name) {
        format!("{prefix}_{name}")
    } else {
        name.to_owned()
    }
}

/// The file of `record` as item `id`, and its status; `yaml` keeps the values written
/// before, by field and value.
fn render(
    id: &str,
    record: &Record,
    names: &Names,
    references: &mut References,
    notes: &mut Vec<String>,
    mut yaml: Option<&mut HashMap<(String, String), String>>,
) -> (String, Option<String>) {
    // A name of the item itself is no reference: an item never depends on itself.
    let mut resolve = |key: &str| match names.resolve(key) {
        Named::One(found) if found == id => {
            references.unresolved += 1;
            Err(format!("`{key}`, the item itself"))
        }
        Named::One(found) => {
            references.resolved += 1;
            Ok(found)
        }
        Named::Nothing => {
            references.unresolved += 1;
            Err(format!("`{key}`, which is not in the import"))
        }
        Named::Several(ids) => {
            references.ambiguous += 1;
            Err(format!("`{key}`, which is ambiguous: it is {}", ids.join(" and ")))
        }
    };
    let mut fields: Vec<(String, NewValue)> = Vec::new();
    let mut status = None;
    let mut alias_list = vec![record.key.clone()];
    for (name, value) in &record.fields {
        if name == ALIASES {
            if let Value::List(more) | Value::Refs(more) = value {
                alias_list.extend(more.iter().filter(|a| !alias_list.contains(a)).cloned().collect::<Vec<_>>());
            }
            continue;
        }
        let value = match value {
            Value::Text(s) => NewValue::Text(s.clone()),
            Value::Int(i) => NewValue::Int(*i),
            Value::Number(f) => NewValue::Number(*f),
            Value::Bool(b) => NewValue::Bool(*b),
            Value::List(l) => NewValue::List(l.clone()),
            Value::Json(v) => NewValue::Raw(v.to_string()),
            Value::Ref(key) => match resolve(key) {
                Ok(id) => NewValue::Text(id),
                Err(why) => {
                    notes.push(format!("{}: `{name}` names {why}; kept as `unresolved_{name}`", record.source));
                    fields.push((format!("unresolved_{name}"), NewValue::Text(key.clone())));
                    continue;
                }
            },
            Value::Refs(keys) => {
                let (mut found, mut missing, mut why) = (Vec::new(), Vec::new(), Vec::new());
                for key in keys {
                    match resolve(key) {
                        Ok(id) if !found.contains(&id) => found.push(id),
                        Ok(_) => {}
                        Err(w) => {
                            missing.push(key.clone());
                            why.push(w);
                        }
                    }
                }
                if !missing.is_empty() {
                    notes.push(format!(
                        "{}: `{name}` names {}; kept as `unresolved_{name}`",
                        record.source,
                        why.join(", ")
                    ));
                    fields.push((format!("unresolved_{name}"), NewValue::List(missing)));
                }
                if found.is_empty() {
                    continue;
                }
                NewValue::List(found)
            }
        };
        if name == "status"
            && let NewValue::Text(s) = &value
        {
            status = Some(s.clone());
        }
        fields.push((name.clone(), value));
    }
    if let Some(created) = record.created {
        fields.push(("created".to_owned(), NewValue::Text(created.to_string())));
    }
    // An item that keeps its source id (a stakeholder, a meeting) needs no alias for it.
    alias_list.retain(|a| a != id);
    if !alias_list.is_empty() {
        fields.push((ALIASES.to_owned(), NewValue::List(alias_list)));
    }
    // Known keys in the kind's order, then `aliases`, then the rest as the source gave
    // them: `pobox fmt`'s order.
    let order = record.kind.key_order();
    let rank = |k: &str| match order.iter().position(|o| *o == k) {
        Some(i) => (i, 0),
        None => (order.len(), usize::from(k != ALIASES)),
    };
    fields.sort_by_key(|(k, _)| rank(k));

    let mut text = String::from("---\n");
    // A key is memoized with an empty value, which no value's `Debug` text is.
    let mut to_yaml = |name: &str, value: Option<&NewValue>| {
        let write = || value.map_or_else(|| crate::edit::key_to_yaml(name), |v| v.to_yaml_for(name));
        match yaml.as_deref_mut() {
            Some(memo) => memo
                .entry((name.to_owned(), value.map(|v| format!("{v:?}")).unwrap_or_default()))
                .or_insert_with(write)
                .clone(),
            None => write(),
        }
    };
    let _ = writeln!(text, "id: {}", to_yaml("id", Some(&NewValue::Text(id.to_owned()))));
    let _ = writeln!(text, "title: {}", to_yaml("title", Some(&NewValue::Text(record.title.clone()))));
    for (name, value) in &fields {
        let key = to_yaml(name, None);
        let _ = writeln!(text, "{key}: {}", to_yaml(name, Some(value)));
    }
    text.push_str("---\n");
    let body = record.body.trim_matches('\n');
    if !body.is_empty() {
        text.push('\n');
        text.push_str(body);
        text.push('\n');
    }
    (text, status)
}

/// Whether [`write`] can write `plan`: no file of the workspace it cannot read (whose
/// aliases are unknown), and none of the planned files there already.
///
/// # Errors
/// As [`write`], before anything is written.
pub fn check_writable(root: &Path, plan: &Plan) -> Result<(), ImportError> {
    if !plan.unreadable.is_empty() {
        return Err(ImportError::UnreadableItems(UnreadableScope {
            action: "import".to_owned(),
            why: "a file pobox cannot read may already hold one of these records (its aliases are unknown), which would then be imported twice",
            files: plan.unreadable.clone(),
        }));
    }
    if let Some(taken) = plan.items.iter().find(|p| root.join(&p.path).exists()) {
        return Err(WriteError::Exists(taken.path.clone()).into());
    }
    Ok(())
}

/// Write the planned files, each created exclusively and never half-written, with one
/// flush to disk for them all ([`fsio::create_all_new`]). Nothing is written when one of
/// the files already exists.
///
/// # Errors
/// [`ImportError::UnreadableItems`] while the plan could not check files of the workspace
/// for aliases, before anything is written; [`ImportError::Write`] when a file exists
/// before anything is written or a folder cannot be made; [`ImportError::PartlyWritten`]
/// when a file cannot be written (one that appeared meanwhile, a full disk): the files
/// written before it stay, complete, and a second run skips them by alias.
pub fn write(root: &Path, plan: &Plan) -> Result<(), ImportError> {
    check_writable(root, plan)?;
    let mut folders: Vec<&Path> = Vec::new();
    for p in &plan.items {
        if let Some(dir) = p.path.parent().filter(|d| !folders.contains(d)) {
            folders.push(dir);
            let dir = root.join(dir);
            std::fs::create_dir_all(&dir).map_err(|source| WriteError::Io { path: dir, source })?;
        }
    }
    let files: Vec<(PathBuf, &[u8])> = plan.items.iter().map(|p| (root.join(&p.path), p.text.as_bytes())).collect();
    fsio::create_all_new(&files).map_err(|e| ImportError::PartlyWritten {
        written: plan.items[..e.created.len()].iter().map(|p| p.path.clone()).collect(),
        planned: plan.items.len(),
        source: e.error,
    })
}

/// A date at the start of `text`: `2026-08-17`, `2026-08-17 07:26`, `2026-08-17T07:26:00Z`.
#[must_use]
pub fn leading_date(text: &str) -> Option<Date> {
    let t = text.trim();
    t.get(..10).and_then(|d| d.parse::<Date>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_through_options_workflow_and_defaults() {
        let config = Config::default();
        let map = StatusMap::from_options(&["Selected=ready".to_owned()]).unwrap();
        assert_eq!(map.map(&config, Kind::Story, "To Do", "x").unwrap(), "draft");
        assert_eq!(map.map(&config, Kind::Story, "selected", "x").unwrap(), "ready");
        assert_eq!(map.map(&config, Kind::Story, "In Progress", "x").unwrap(), "in-progress");
        assert_eq!(map.map(&config, Kind::Story, "DONE", "x").unwrap(), "done");
        assert_eq!(map.map(&config, Kind::Story, "Won't Do", "x").unwrap(), "dropped");
        assert_eq!(map.map(&config, Kind::Sprint, "closed", "x").unwrap(), "closed");
        let e = map.map(&config, Kind::Story, "Parked", "row 3").unwrap_err();
        assert_eq!(e.to_string(), "row 3: status `Parked` has no pobox story status");
        let ImportError::Status { allowed, .. } = e else { panic!("{e}") };
        assert_eq!(allowed, "draft, ready, in-progress, review, done, dropped");
        assert!(matches!(
            StatusMap::from_options(&["nope".to_owned()]),
            Err(ImportError::StatusMapping(o)) if o == "nope"
        ));
        let bad = StatusMap::from_options(&["To Do=later".to_owned()]).unwrap();
        assert!(bad.map(&config, Kind::Story, "To Do", "x").is_err());
    }

    #[test]
    fn handles() {
        assert_eq!(handle("@codex"), "codex");
        assert_eq!(handle("Jane Doe"), "jane-doe");
        assert_eq!(handle("  Li Wei (QA) "), "li-wei-qa");
    }

    #[test]
    fn dates_at_the_start() {
        assert_eq!(leading_date("2026-08-17 07:26"), Some(jiff::civil::date(2026, 8, 17)));
        assert_eq!(leading_date("'2026-08-17'"), None);
        assert_eq!(leading_date("17/Aug/26"), None);
    }

    fn record(kind: Kind, key: &str, fields: Vec<(&str, Value)>) -> Record {
        Record {
            kind,
            key: key.to_owned(),
            title: format!("Title: {key}"),
            source: format!("src/{key}"),
            created: Some(jiff::civil::date(2026, 1, 2)),
            fields: fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            body: "Body text.\n".to_owned(),
        }
    }

    #[test]
    fn plans_ids_references_and_skips() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::default();
        std::fs::create_dir_all(dir.path().join("backlog/stories")).unwrap();
        std::fs::write(dir.path().join("backlog/stories/S-4.md"), "x").unwrap();
        let mut old = Item::bare(Kind::Story, "S-4".into(), "backlog/stories/S-4.md".into());
        old.extra.insert(ALIASES.into(), serde_json::json!(["T-9"]));
        let records = vec![
            record(Kind::Epic, "m-1", vec![]),
            record(
                Kind::Story,
                "t-1",
                vec![
                    ("status", Value::Text("done".into())),
                    ("epic", Value::Ref("M-1".into())),
                    ("depends_on", Value::Refs(vec!["t-9".into(), "t-2".into(), "gone".into()])),
                    ("team", Value::Json(serde_json::json!({"a": [1, 2]}))),
                ],
            ),
            record(Kind::Story, "t-2", vec![("parent", Value::Ref("nowhere".into()))]),
            record(Kind::Story, "T-9", vec![]),
        ];
        let plan = plan(dir.path(), &config, None, &[old], records, vec![]).unwrap();
        let ids: Vec<&str> = plan.items.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["E-1", "S-5", "S-6"]);
        assert_eq!(plan.skipped[0].id, "S-4");
        assert_eq!(
            plan.items[1].text,
            "---\nid: S-5\ntitle: \"Title: t-1\"\nstatus: done\nepic: E-1\ndepends_on: [S-4, S-6]\ncreated: 2026-01-02\naliases: [t-1]\nunresolved_depends_on: [gone]\nteam: {\"a\":[1,2]}\n---\n\nBody text.\n"
        );
        assert!(
            plan.items[2].text.contains("unresolved_parent: nowhere\n"),
            "{}",
            plan.items[2].text
        );
        assert_eq!(plan.notes.len(), 4, "{:?}", plan.notes);
        assert!(
            plan.notes[2].starts_with("1 imported story is `ready` or later without an estimate"),
            "{:?}",
            plan.notes
        );
        assert!(
            plan.notes[3].starts_with("1 imported story is `ready` or later but without acceptance criteria"),
            "{:?}",
            plan.notes
        );
        write(dir.path(), &plan).unwrap();
        assert!(dir.path().join("backlog/epics/E-1.md").is_file());
        assert!(matches!(write(dir.path(), &plan), Err(ImportError::Write(WriteError::Exists(_)))));
    }
}
