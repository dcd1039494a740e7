//! Reading a Backlog.md project (<https://github.com/MrLesk/Backlog.md>): its tasks,
//! drafts, completed and archived tasks and its milestones, as [`Record`]s.
//!
//! Backlog.md keeps one Markdown file per task, `backlog/tasks/task-42 - Title.md`, with
//! YAML front-matter (`id`, `title`, `status`, `assignee`, `created_date`, `labels`,
//! `milestone`, `dependencies`, `parent_task_id`, `priority`, `ordinal`, …) and a body of
//! `##` sections whose content may sit between `<!-- SECTION:…:BEGIN -->` markers; the
//! acceptance criteria are a task list `- [ ] #1 …` between `<!-- AC:BEGIN -->` markers.
//! Milestones are files in `backlog/milestones/` (`m-3 - Title.md`).
//!
//! Real backlogs carry history: files with the same id, references to tasks that are
//! gone, statuses of the project's own `config.yml`, files written by hand. The reader
//! takes what Backlog.md itself takes and reports the rest file by file ([`Finding`]),
//! so that one file never stops the import of the others.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use std::sync::LazyLock;

use regex::Regex;

use super::{ImportError, Record, StatusMap, Value, handle, kept_name, leading_date, yaml_texts, yaml_value};
use crate::config::Config;
use crate::model::Kind;
use crate::parse::frontmatter;
use crate::parse::yaml::{self, Entry, Value as Yaml};
use crate::workflow::Category;

/// Backlog.md's markers around section content and checklists.
static MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*<!--\s*(?:SECTION:[A-Z_]+|AC|DOD):(?:BEGIN|END)\s*-->\s*$").expect("valid regex"));
/// A checklist item with Backlog.md's stable index: `- [x] #3 text`.
static NUMBERED_ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\s*[-*] \[[ xX]\] )#\d+ ").expect("valid regex"));

/// The `backlog/` folder of `dir`: `dir/backlog` when it exists, else `dir` itself.
#[must_use]
pub fn backlog_folder(dir: &Path) -> PathBuf {
    let inner = dir.join("backlog");
    if inner.join("tasks").is_dir() || inner.join("config.yml").is_file() {
        inner
    } else {
        dir.to_path_buf()
    }
}

/// One task file read from the source.
struct Task {
    rel: String,
    file: Arc<ParsedFile>,
    folder: Folder,
}

/// A file's front-matter entries, and its body as the import keeps it (Backlog.md's markers
/// dropped, the front-matter's YAML comments after it).
#[derive(Debug)]
struct ParsedFile {
    entries: Vec<Entry>,
    body: String,
}

/// Files parsed so far, by path and text: the history import reads hundreds of versions of
/// one backlog, most files unchanged from one to the next, and parses each text once.
#[derive(Debug, Default)]
pub struct ReadMemo {
    files: HashMap<String, Result<Arc<ParsedFile>, Finding>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Folder {
    Tasks,
    Drafts,
    Completed,
    Archived,
}

/// What [`read`] found in a Backlog.md project.
#[derive(Debug, Default)]
pub struct Source {
    /// The records to plan: milestones (as epics) first, then tasks in the order of their
    /// numbers.
    pub records: Vec<Record>,
    /// Notes for the plan.
    pub notes: Vec<String>,
    /// Task, draft and milestone files read, the skipped ones among them.
    pub files_read: usize,
    /// What the user should know about the source, file by file; some files were skipped
    /// ([`Finding::skipped`]).
    pub findings: Vec<Finding>,
    /// Decision files (`decisions/decision-N - Title.md`) read; they become decisions.
    pub decisions_read: usize,
    /// Documents (`docs/**/doc-N - Title.md`): no item kind, copied as they are by
    /// [`write_documents`].
    pub documents: Vec<Document>,
}

/// A Backlog.md document, copied byte for byte under the workspace's backlog folder as
/// `docs/<path>`, where pobox keeps it without reading it as an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its path under the source's `docs/` folder (`doc-1 - Architecture.md`,
    /// `guides/doc-4 - Setup.md`).
    pub path: PathBuf,
    /// Its content, exactly.
    pub bytes: Vec<u8>,
}

/// What [`write_documents`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentsWritten {
    /// Created, relative to the workspace root.
    pub created: Vec<PathBuf>,
    /// Already there with the same content (an earlier import).
    pub present: Vec<PathBuf>,
    /// There with other content: left as they are.
    pub differing: Vec<PathBuf>,
}

/// Something about one source file: why it was skipped, or how a value was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What kind of finding.
    pub code: FindingCode,
    /// The file, or `file:line`.
    pub at: String,
    /// What happened and what to do.
    pub message: String,
}

impl Finding {
    /// Whether the file was left out of the import.
    #[must_use]
    pub fn skipped(&self) -> bool {
        self.code.skips()
    }
}

/// The kinds of [`Finding`], each with a stable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingCode {
    /// The file cannot be read as text; skipped.
    Unreadable,
    /// The file has no front-matter, or it is not closed; skipped.
    NoFrontMatter,
    /// The front-matter is not valid YAML; skipped.
    InvalidYaml,
    /// The task has no `id`; skipped.
    NoId,
    /// `config.yml` cannot be read; its statuses and task prefix are not known.
    Config,
    /// A status was mapped by the category its name says (`Wontfix` → dropped).
    StatusByName,
    /// A status with no counterpart and no telling name got the workflow's first status.
    UnknownStatus,
    /// Another task has the same id: this one got an id of its own.
    DuplicateId,
}

impl FindingCode {
    /// Its stable name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::Unreadable => "unreadable",
            FindingCode::NoFrontMatter => "no-front-matter",
            FindingCode::InvalidYaml => "invalid-yaml",
            FindingCode::NoId => "no-id",
            FindingCode::Config => "config",
            FindingCode::StatusByName => "status-by-name",
            FindingCode::UnknownStatus => "unknown-status",
            FindingCode::DuplicateId => "duplicate-id",
        }
    }

    /// Whether a finding of this kind leaves its file out.
    #[must_use]
    pub fn skips(self) -> bool {
        matches!(
            self,
            FindingCode::Unreadable | FindingCode::NoFrontMatter | FindingCode::InvalidYaml | FindingCode::NoId
        )
    }
}

/// What `backlog/config.yml` says that the import uses.
struct SourceConfig {
    /// `task_prefix` (Backlog.md's default is `task`), lower case.
    task_prefix: String,
    /// `statuses`, the project's own.
    statuses: Vec<String>,
}

/// Read the Backlog.md project at `dir` (its root or its `backlog/` folder).
///
/// Milestones become epics (also milestones that tasks name but that have no file); tasks,
/// drafts, completed and archived tasks become stories. Only the files Backlog.md itself
/// reads count: `<prefix>-N - Title.md` (the project's `task_prefix`, `task`, `draft`) and
/// `m-N - Title.md`. A file that cannot be read (no front-matter, invalid YAML, no id) is
/// skipped with a [`Finding`]; a status the workflow has no counterpart for is mapped by
/// what its name says, else to the workflow's first status, with a finding.
///
/// # Errors
/// [`ImportError::Source`] when `dir` is not a Backlog.md project;
/// [`ImportError::Status`] when a `--status` option maps a status to none of the workflow.
pub fn read(dir: &Path, config: &Config, statuses: &StatusMap) -> Result<Source, ImportError> {
    let root = backlog_folder(dir);
    let files = DiskFiles::new(root.clone());
    if !is_project(&files) {
        return Err(not_a_project(&dir.display().to_string()));
    }
    let mut source = read_files(&files, config, statuses, &mut ReadMemo::default())?;
    // Documents are copied as they are, not imported as items: only the work tree's copy
    // matters, so a replay of the history does not read them.
    source.documents = documents(&root);
    source.notes.extend(unread_subfolders(&root));
    Ok(source)
}

/// How Backlog.md names a task's file when its config sets no prefix (`task-3 - Title.md`).
const TASK_FILE_PREFIX: &str = "task";
/// How Backlog.md names a draft's file (`draft-3 - Title.md`): a file name, not a status.
const DRAFT_FILE_PREFIX: &str = "draft";

/// The folders Backlog.md reads items from, each only at its top: a file in a subfolder
/// (`tasks/epics/task-3 - X.md`) is no task to Backlog.md, nor to the import.
const ITEM_FOLDERS: [&str; 7] = [
    "tasks",
    "drafts",
    "completed",
    "archive/tasks",
    "archive/drafts",
    "milestones",
    "decisions",
];

/// A note for each item folder with Markdown files in its subfolders, and for files in
/// `decisions/` and `docs/` not named as Backlog.md names them: none of these is read (as
/// Backlog.md does not read them), and none goes missing without a word.
fn unread_subfolders(root: &Path) -> Vec<String> {
    let mut notes = Vec::new();
    for folder in ITEM_FOLDERS {
        let base = root.join(folder);
        let mut below: Vec<PathBuf> = walkdir::WalkDir::new(&base)
            .min_depth(2)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
            .filter_map(|e| e.path().parent()?.strip_prefix(root).ok().map(Path::to_path_buf))
            .collect();
        if below.is_empty() {
            continue;
        }
        let files = below.len();
        below.sort();
        below.dedup();
        let shown: Vec<String> = below.iter().take(3).map(|p| format!("{}/", crate::text::path::slash(p))).collect();
        let more = if below.len() > 3 {
            format!(" and {} more", below.len() - 3)
        } else {
            String::new()
        };
        notes.push(format!(
            "{files} Markdown file(s) in subfolders of {folder}/ ({}{more}) were not read: Backlog.md reads only the files directly in {folder}/; move them there to import them",
            shown.join(", ")
        ));
    }
    // Decisions and documents Backlog.md does not read by their names.
    let decision = |n: &str| item_number(n, "decision").is_some();
    for (folder, depth, read, what) in [
        (
            "decisions",
            1,
            &decision as &dyn Fn(&str) -> bool,
            "only `decision-N - Title.md` files as decisions",
        ),
        (
            "docs",
            usize::MAX,
            &is_document,
            "only Markdown files other than a README as documents",
        ),
    ] {
        let mut other: Vec<String> = walkdir::WalkDir::new(root.join(folder))
            .min_depth(1)
            .max_depth(depth)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .filter(|e| e.file_name().to_str().is_some_and(|n| !read(n)))
            .filter_map(|e| e.path().strip_prefix(root).ok().map(crate::text::path::slash))
            .collect();
        if other.is_empty() {
            continue;
        }
        let files = other.len();
        let more = if files > 3 {
            format!(" and {} more", files - 3)
        } else {
            String::new()
        };
        other.truncate(3);
        notes.push(format!(
            "{files} file(s) in {folder}/ ({}{more}) were not read: Backlog.md reads {what}; copy them by hand if you need them",
            other.join(", ")
        ));
    }
    notes
}

/// Whether `files` are a Backlog.md project's: it has a `tasks`, `completed` or `drafts`
/// folder.
#[must_use]
pub fn is_project(files: &dyn BacklogFiles) -> bool {
    ["tasks", "completed", "drafts"].iter().any(|f| files.has_folder(f))
}

/// The error for a source at `at` that is not a Backlog.md project.
#[must_use]
pub fn not_a_project(at: &str) -> ImportError {
    ImportError::Source {
        at: at.to_owned(),
        message: "this is not a Backlog.md project: it has no backlog/tasks, backlog/completed or backlog/drafts folder".to_owned(),
        help: "pass the folder that holds Backlog.md's `backlog/` folder (or that folder itself)".to_owned(),
    }
}

/// [`read`] from the files of a `backlog/` folder wherever they are kept: on disk, or in
/// one commit of the source's history. One reader serves both, so a
/// snapshot of the past reads exactly as the current folder does.
///
/// # Errors
/// [`ImportError::Status`] when a `--status` option maps a status to none of the workflow.
pub fn read_files(root: &dyn BacklogFiles, config: &Config, statuses: &StatusMap, memo: &mut ReadMemo) -> Result<Source, ImportError> {
    let mut out = Source::default();
    let source_config = source_config(root, &mut out.findings);
    let task_file = |name: &str| {
        item_number(name, &source_config.task_prefix).is_some()
            || item_number(name, TASK_FILE_PREFIX).is_some()
            || item_number(name, DRAFT_FILE_PREFIX).is_some()
    };

    let mut milestones = Vec::new();
    for (folder, archived) in [("milestones", false), ("archive/milestones", true)] {
        let files = markdown_files(root, folder, |name| item_number(name, "m").is_some());
        parse_ahead(&files, memo);
        for file in files {
            out.files_read += 1;
            let Some(parsed) = parse_file(&file, &mut out.findings, memo) else {
                continue;
            };
            let entries = parsed.entries.clone();
            let id = text_of(&entries, "id").unwrap_or_default();
            let title = text_of(&entries, "title").unwrap_or_else(|| id.clone());
            if id.is_empty() {
                out.findings.push(Finding {
                    code: FindingCode::NoId,
                    at: file.rel,
                    message: "the milestone has no `id`, so no task can name it; skipped: give it the id of its file name (e.g. `id: m-3`) and import again".to_owned(),
                });
                continue;
            }
            milestones.push(Milestone {
                id,
                title,
                rel: file.rel,
                body: parsed.body.clone(),
                archived,
                entries,
            });
        }
    }

    let mut tasks = Vec::new();
    for (folder, kind) in [
        ("tasks", Folder::Tasks),
        ("drafts", Folder::Drafts),
        ("completed", Folder::Completed),
        ("archive/tasks", Folder::Archived),
        ("archive/drafts", Folder::Archived),
    ] {
        let files = markdown_files(root, folder, task_file);
        parse_ahead(&files, memo);
        for file in files {
            out.files_read += 1;
            let Some(parsed) = parse_file(&file, &mut out.findings, memo) else {
                continue;
            };
            if text_of(&parsed.entries, "id").is_none() {
                out.findings.push(Finding {
                    code: FindingCode::NoId,
                    at: file.rel,
                    message: "the task has no `id`, so nothing can name it; skipped: give it the id of its file name (e.g. `id: task-42`) and import again".to_owned(),
                });
                continue;
            }
            tasks.push(Task {
                rel: file.rel,
                file: parsed,
                folder: kind,
            });
        }
    }
    // Stable: tasks with the same id keep the order of their folders and names.
    tasks.sort_by_cached_key(|t| id_key(&text_of(&t.file.entries, "id").unwrap_or_default()));

    // Milestones that tasks name by title but that have no file become epics too.
    for t in &tasks {
        if let Some(m) = text_of(&t.file.entries, "milestone")
            && !m.is_empty()
            && find_milestone(&milestones, &m).is_none()
        {
            milestones.push(Milestone {
                id: format!("milestone:{m}"),
                title: m.clone(),
                rel: t.rel.clone(),
                body: String::new(),
                archived: false,
                entries: Vec::new(),
            });
        }
    }

    out.records = milestones.iter().map(|m| milestone_record(m, config)).collect();
    let ids: Vec<String> = tasks.iter().filter_map(|t| text_of(&t.file.entries, "id")).collect();
    let ids = TaskIds::new(&ids, &source_config.task_prefix);
    let mut first_of: HashMap<String, String> = HashMap::new();
    for t in &tasks {
        let mut record = task_record(t, &milestones, &ids, &source_config, config, statuses, &mut out.findings)?;
        let lower = record.key.to_lowercase();
        if let Some(first) = first_of.get(&lower) {
            // Two files, one id: in Backlog.md's own backlog nearly always two different
            // tasks. Both are imported; this one is known by its path, and keeps the id as
            // an alias, so a reference to the id is ambiguous rather than silently the first.
            out.findings.push(Finding {
                code: FindingCode::DuplicateId,
                at: t.rel.clone(),
                message: format!(
                    "`{}` is also the id of {first}; both are imported, this one with its path and the id as aliases, and references to `{}` are reported as ambiguous",
                    record.key, record.key
                ),
            });
            record
                .fields
                .push((super::ALIASES.to_owned(), Value::List(vec![record.key.clone()])));
            record.key = t.rel.clone();
        } else {
            first_of.insert(lower, t.rel.clone());
        }
        out.records.push(record);
    }
    milestone_statuses(&mut out.records, milestones.len(), config);

    let decisions = decision_records(root, config, statuses, &mut out.findings, memo)?;
    out.decisions_read = decisions.len();
    out.records.extend(decisions);
    Ok(out)
}

/// `task_prefix` and `statuses` from `backlog/config.yml`; a file that cannot be read is a finding, and
/// the defaults hold.
fn source_config(root: &dyn BacklogFiles, findings: &mut Vec<Finding>) -> SourceConfig {
    let mut out = SourceConfig {
        task_prefix: TASK_FILE_PREFIX.to_owned(),
        statuses: Vec::new(),
    };
    let Some(Ok(text)) = root.read_text("config.yml") else { return out };
    let at = format!("{}/config.yml", root.shown_root());
    match yaml::parse(&text) {
        Ok(node) => {
            if let Yaml::Map(entries) = node.value {
                if let Some(prefix) = text_of(&entries, "task_prefix") {
                    out.task_prefix = prefix.to_lowercase();
                }
                if let Some(e) = entries.iter().find(|e| e.key == "statuses") {
                    out.statuses = yaml_texts(&e.node.value);
                }
            }
        }
        Err(e) => findings.push(Finding {
            code: FindingCode::Config,
            at: format!("{at}:{}", e.pos.line),
            message: format!(
                "not valid YAML ({}); read with Backlog.md's defaults (task prefix `task`)",
                e.message
            ),
        }),
    }
    out
}

/// The number part of a file name `<prefix>-<number>…` (`back-24.1 - Title.md` with prefix
/// `back` → `24.1`), as Backlog.md names its files.
fn item_number<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = name
        .get(..prefix.len())
        .filter(|p| p.eq_ignore_ascii_case(prefix))
        .map(|_| &name[prefix.len()..])?;
    let rest = rest.strip_prefix('-')?;
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
    let number = rest[..end].trim_end_matches('.');
    (!number.is_empty() && number.starts_with(|c: char| c.is_ascii_digit())).then_some(number)
}

/// The key of a file's text in a [`ReadMemo`].
fn memo_key(file: &SourceFile, text: &str) -> String {
    format!("{}\0{text}", file.rel)
}

/// A file's text parsed: its front-matter entries and its body as pobox writes it.
fn parse_text(file: &SourceFile, text: &str) -> Result<Arc<ParsedFile>, Finding> {
    split(&file.rel, text).map(|(entries, body, comments)| {
        Arc::new(ParsedFile {
            entries,
            body: with_comments(clean_body(&body), &comments),
        })
    })
}

/// Parse the files of `files` the memo has not seen, on every core: parsing is most of a
/// read's time, and each file's own. [`parse_file`] then finds them in the memo, in order.
fn parse_ahead(files: &[SourceFile], memo: &mut ReadMemo) {
    let fresh: Vec<(String, &SourceFile, &str)> = files
        .iter()
        .filter_map(|f| f.text.as_ref().ok().map(|t| (memo_key(f, t), f, t.as_str())))
        .filter(|(key, _, _)| !memo.files.contains_key(key))
        .collect();
    let parsed: Vec<(String, Result<Arc<ParsedFile>, Finding>)> =
        fresh.into_par_iter().map(|(key, f, t)| (key, parse_text(f, t))).collect();
    memo.files.extend(parsed);
}

/// A file's front-matter entries and body; `None`, with a finding, when it cannot be read.
fn parse_file(file: &SourceFile, findings: &mut Vec<Finding>, memo: &mut ReadMemo) -> Option<Arc<ParsedFile>> {
    let text = match &file.text {
        Ok(text) => text,
        Err(e) => {
            findings.push(Finding {
                code: FindingCode::Unreadable,
                at: file.rel.clone(),
                message: format!("cannot be read as text ({e}); skipped: save it as UTF-8 and import again"),
            });
            return None;
        }
    };
    let parsed = memo.files.entry(memo_key(file, text)).or_insert_with(|| parse_text(file, text));
    match parsed {
        Ok(parsed) => Some(Arc::clone(parsed)),
        Err(finding) => {
            findings.push(finding.clone());
            None
        }
    }
}
struct Milestone {
    id: String,
    title: String,
    rel: String,
    body: String,
    archived: bool,
    entries: Vec<Entry>,
}

/// A task's `milestone`: a milestone's id (`m-3`), its title, or `M3 - Title`.
fn find_milestone<'a>(milestones: &'a [Milestone], name: &str) -> Option<&'a Milestone> {
    let name = name.trim();
    milestones
        .iter()
        .find(|m| m.id.eq_ignore_ascii_case(name) || m.title.eq_ignore_ascii_case(name))
        .or_else(|| {
            let (num, _) = name.strip_prefix(['M', 'm'])?.split_once(" - ")?;
            let id = format!("m-{}", num.trim());
            milestones.iter().find(|m| m.id.eq_ignore_ascii_case(&id))
        })
}

fn milestone_record(m: &Milestone, config: &Config) -> Record {
    let mut fields = Vec::new();
    if m.archived
        && let Some(done) = config.workflow.done_status()
    {
        fields.push(("status".to_owned(), Value::Text(done.to_owned())));
    }
    for e in &m.entries {
        match e.key.as_str() {
            "id" | "title" => {}
            "due_date" => match e.node.value.scalar_text().as_deref().and_then(leading_date) {
                Some(d) => fields.push(("target".to_owned(), Value::Text(d.to_string()))),
                None => fields.push(kept(Kind::Epic, e)),
            },
            _ => fields.push(kept(Kind::Epic, e)),
        }
    }
    Record {
        kind: Kind::Epic,
        key: m.id.clone(),
        title: m.title.clone(),
        source: m.rel.clone(),
        created: None,
        fields,
        body: m.body.clone(),
    }
}

/// A status for each open milestone (the first `count` records), which Backlog.md does not
/// give one, asked of the workflow from its tasks: done when it has tasks and all of them
/// are done (or dropped, not all), in progress when one of them has started, else the
/// workflow's first status. An archived milestone is already done.
fn milestone_statuses(records: &mut [Record], count: usize, config: &Config) {
    let workflow = &config.workflow;
    let status_of = |r: &Record| {
        r.fields.iter().find_map(|(name, value)| match (name.as_str(), value) {
            ("status", Value::Text(s)) => Some(s.clone()),
            _ => None,
        })
    };
    let (milestones, tasks) = records.split_at_mut(count.min(records.len()));
    for m in milestones.iter_mut().filter(|m| status_of(m).is_none()) {
        let of_it: Vec<String> = tasks
            .iter()
            .filter(|t| t.fields.iter().any(|(name, v)| name == "epic" && *v == Value::Ref(m.key.clone())))
            .filter_map(status_of)
            .collect();
        let open: Vec<&String> = of_it.iter().filter(|s| !workflow.is_dropped(s)).collect();
        let status = if !open.is_empty() && open.iter().all(|s| workflow.is_done(s)) {
            workflow.done_status()
        } else if of_it.iter().any(|s| workflow.is_started(s)) {
            workflow.first_of(Category::InProgress)
        } else {
            None
        }
        .unwrap_or_else(|| workflow.first_status());
        m.fields.insert(0, ("status".to_owned(), Value::Text(status.to_owned())));
    }
}

fn task_record(
    t: &Task,
    milestones: &[Milestone],
    ids: &TaskIds<'_>,
    source: &SourceConfig,
    config: &Config,
    statuses: &StatusMap,
    findings: &mut Vec<Finding>,
) -> Result<Record, ImportError> {
    // `read` skips tasks without an id.
    let id = text_of(&t.file.entries, "id").unwrap_or_default();
    let title = text_of(&t.file.entries, "title").unwrap_or_else(|| id.clone());
    let mut fields: Vec<(String, Value)> = Vec::new();
    let mut created = None;

    let source_status = text_of(&t.file.entries, "status").unwrap_or_default();
    let mut map = |status: &str| map_status(status, &t.rel, source, config, statuses, findings);
    let status = match t.folder {
        // A draft, and a task without a status, are work not started yet.
        Folder::Drafts => config.workflow.start_status().to_owned(),
        _ if source_status.is_empty() => config.workflow.start_status().to_owned(),
        Folder::Archived => {
            let mapped = map(&source_status)?;
            match config.workflow.dropped_status() {
                Some(dropped) if !config.workflow.is_done(&mapped) => dropped.to_owned(),
                _ => mapped,
            }
        }
        _ => map(&source_status)?,
    };
    let same = super::slug_status(&source_status) == status;
    fields.push(("status".to_owned(), Value::Text(status)));
    if t.folder == Folder::Archived {
        fields.push(("archived".to_owned(), Value::Bool(true)));
    }
    if !source_status.is_empty() && !same {
        fields.push(("backlog_status".to_owned(), Value::Text(source_status)));
    }

    for e in &t.file.entries {
        let v = &e.node.value;
        match e.key.as_str() {
            "id" | "title" | "status" => {}
            "assignee" => {
                let people: Vec<String> = yaml_texts(v).iter().map(|p| handle(p)).filter(|h| !h.is_empty()).collect();
                if let Some(first) = people.first() {
                    fields.push(("assignee".to_owned(), Value::Text(first.clone())));
                }
                if people.len() > 1 {
                    fields.push(("assignees".to_owned(), Value::List(people)));
                }
            }
            "created_date" | "created" if created.is_none() => match v.scalar_text().as_deref().and_then(leading_date) {
                Some(d) => created = Some(d),
                None => fields.push(kept(Kind::Story, e)),
            },
            "labels" => {
                let labels = yaml_texts(v);
                if !labels.is_empty() {
                    fields.push(("labels".to_owned(), Value::List(labels)));
                }
            }
            "milestone" => {
                if let Some(name) = v.scalar_text().filter(|s| !s.trim().is_empty()) {
                    let key = find_milestone(milestones, &name).map_or_else(|| format!("milestone:{name}"), |m| m.id.clone());
                    fields.push(("epic".to_owned(), Value::Ref(key)));
                }
            }
            "dependencies" => {
                let deps: Vec<String> = yaml_texts(v).iter().map(|d| ids.resolve(d)).collect();
                if !deps.is_empty() {
                    fields.push(("depends_on".to_owned(), Value::Refs(deps)));
                }
            }
            "parent_task_id" | "parent" => {
                if let Some(p) = v.scalar_text().filter(|s| !s.trim().is_empty()) {
                    fields.push(("parent".to_owned(), Value::Ref(ids.resolve(&p))));
                }
            }
            _ => {
                if *v != Yaml::Null && !matches!(v, Yaml::Seq(s) if s.is_empty()) {
                    fields.push(kept(Kind::Story, e));
                }
            }
        }
    }
    Ok(Record {
        kind: Kind::Story,
        key: id,
        title,
        source: t.rel.clone(),
        created,
        fields,
        body: t.file.body.clone(),
    })
}

/// The body with the front-matter's comments after it, which a YAML reader would drop.
fn with_comments(mut body: String, comments: &[String]) -> String {
    if comments.is_empty() {
        return body;
    }
    if !body.is_empty() {
        body.push_str("\n\n");
    }
    body.push_str("## Comments in the Backlog.md front-matter\n\n");
    for c in comments {
        body.push_str("    ");
        body.push_str(c);
        body.push('\n');
    }
    body.trim_end().to_owned()
}

/// The workflow status for a task's Backlog.md `status`: through the status table; else by
/// the category its name says (`Cancelled by client` → dropped), else the workflow's first
/// status, each with a finding, so that one status does not stop the import.
///
/// # Errors
/// [`ImportError::Status`] when the user's own `--status` mapping names no status.
fn map_status(
    status: &str,
    at: &str,
    source: &SourceConfig,
    config: &Config,
    statuses: &StatusMap,
    findings: &mut Vec<Finding>,
) -> Result<String, ImportError> {
    match statuses.map(config, Kind::Story, status, at) {
        Ok(s) => return Ok(s),
        Err(e) if statuses.maps(status) => return Err(e),
        Err(_) => {}
    }
    let listed = if source.statuses.iter().any(|s| s.eq_ignore_ascii_case(status)) {
        "one of config.yml's statuses"
    } else {
        "not one of config.yml's statuses"
    };
    let allowed = config.statuses_for(Kind::Story);
    let by_name = Category::from_foreign(status)
        .and_then(|c| config.workflow.first_of(c))
        .filter(|s| allowed.contains(s));
    let (code, mapped, why) = match by_name {
        Some(s) => (FindingCode::StatusByName, s.to_owned(), "by what its name says"),
        None => (
            FindingCode::UnknownStatus,
            config.workflow.first_status().to_owned(),
            "the workflow's first status, since its name says nothing pobox can map",
        ),
    };
    findings.push(Finding {
        code,
        at: at.to_owned(),
        message: format!(
            "status `{status}` ({listed}) has no pobox story status; imported as `{mapped}`, {why}, and kept as `backlog_status`; to choose, import with `--status \"{status}=<status>\"` (the story statuses are {})",
            allowed.join(", ")
        ),
    });
    Ok(mapped)
}

/// A source field kept under its own name (prefixed `backlog_` when pobox uses the name).
fn kept(kind: Kind, e: &Entry) -> (String, Value) {
    (kept_name(kind, &e.key, "backlog"), yaml_value(&e.node.value))
}

/// The sort key of a task id: its numbers (`task-24.1` → [24, 1]), so tasks go in
/// Backlog.md's order and get pobox ids in that order.
fn id_key(id: &str) -> (Vec<u64>, String) {
    (numbers(id).unwrap_or_default(), id.to_lowercase())
}

/// Whether two ids name one task across Backlog.md's id changes: the same id in any case,
/// or the same numbers after the prefix (`task-90` became `back-90` when the project took
/// a prefix of its own; `task-24.1` and `task-24.01` alike).
/// A draft is never the task of its number: promoting a draft gives it a new task id.
#[must_use]
pub fn same_task(a: &str, b: &str) -> bool {
    let draft = |id: &str| id.to_lowercase().starts_with("draft-");
    a.eq_ignore_ascii_case(b) || (draft(a) == draft(b) && numbers(a).is_some_and(|n| Some(n) == numbers(b)))
}

/// The numbers of a task id after its prefix: `BACK-355.01` → [355, 1].
fn numbers(id: &str) -> Option<Vec<u64>> {
    let rest = id.rsplit_once('-').map_or(id, |(_, r)| r);
    rest.split('.').map(|n| n.trim().parse().ok()).collect()
}

/// The task ids of one read, which find the id of the task a reference names
/// ([`TaskIds::resolve`]): the same id in any case; else, between task
/// ids only, the id with the same numbers (Backlog.md renamed its prefix from `task-` to a
/// project prefix, and writes `24.1` and `24.01` alike): `task-355.1` is `BACK-355.01`
/// when the project's `task_prefix` is `back`. A draft is named by its own id only: a
/// reference to `task-8` is never `DRAFT-8`. A reference that matches nothing, or two
/// task ids alike, comes back as it is (and is reported unresolved).
///
/// The ids are indexed once per read, so a reference costs a look-up, not a pass over every
/// id (the history import resolves every reference of hundreds of versions).
struct TaskIds<'a> {
    task_prefix: &'a str,
    /// Id, lower case → the first id so written.
    exact: HashMap<String, &'a String>,
    /// Numbers → the task ids with them, in order.
    by_numbers: HashMap<Vec<u64>, Vec<&'a String>>,
}

impl<'a> TaskIds<'a> {
    fn new(ids: &'a [String], task_prefix: &'a str) -> TaskIds<'a> {
        let mut out = TaskIds {
            task_prefix,
            exact: HashMap::new(),
            by_numbers: HashMap::new(),
        };
        for id in ids {
            out.exact.entry(id.to_ascii_lowercase()).or_insert(id);
            if out.is_task(id)
                && let Some(n) = numbers(id)
            {
                out.by_numbers.entry(n).or_default().push(id);
            }
        }
        out
    }

    fn is_task(&self, id: &str) -> bool {
        let prefix = id.rsplit_once('-').map_or("", |(p, _)| p);
        prefix.is_empty() || prefix.eq_ignore_ascii_case(TASK_FILE_PREFIX) || prefix.eq_ignore_ascii_case(self.task_prefix)
    }

    fn resolve(&self, reference: &str) -> String {
        let reference = reference.trim();
        if let Some(id) = self.exact.get(&reference.to_ascii_lowercase()) {
            return (*id).clone();
        }
        if !self.is_task(reference) {
            return reference.to_owned();
        }
        if let Some(same) = numbers(reference).and_then(|n| self.by_numbers.get(&n)) {
            let mut same = same.clone();
            same.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
            if let [id] = same[..] {
                return id.clone();
            }
        }
        reference.to_owned()
    }
}

/// The body as pobox reads it: Backlog.md's markers dropped, `## Acceptance Criteria`
/// spelled as pobox's section, and the `#n` indexes of checklist items dropped (pobox's
/// criteria are the items themselves). Everything else is kept as written.
fn clean_body(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut blank_run = 0;
    for line in body.lines() {
        if MARKER.is_match(line) {
            continue;
        }
        let line = if line.trim_end().eq_ignore_ascii_case("## acceptance criteria") {
            "## Acceptance criteria".to_owned()
        } else {
            NUMBERED_ITEM.replace(line, "$1").into_owned()
        };
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end().to_owned()
}

/// Text of a scalar field.
fn text_of(entries: &[Entry], key: &str) -> Option<String> {
    entries
        .iter()
        .find(|e| e.key == key)
        .and_then(|e| e.node.value.scalar_text())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// Front-matter entries, body and YAML comments of a file; a [`Finding`] that skips it when
/// it has no front-matter or its YAML is not valid.
fn split(rel: &str, text: &str) -> Result<(Vec<Entry>, String, Vec<String>), Finding> {
    let s = frontmatter::split(text).map_err(|e| Finding {
        code: FindingCode::NoFrontMatter,
        at: rel.to_owned(),
        message: format!(
            "{}; skipped: a Backlog.md file starts with a `---` line, its YAML fields and another `---` line",
            match e {
                frontmatter::SplitError::NoFrontMatter => "its first line is not `---`",
                frontmatter::SplitError::Unclosed { .. } => "its front-matter has no closing `---` line",
            }
        ),
    })?;
    let yaml_text = &text[s.yaml.clone()];
    let node = yaml::parse(&tolerant(yaml_text)).map_err(|e| Finding {
        code: FindingCode::InvalidYaml,
        at: format!("{rel}:{}", e.pos.line + s.yaml_line.saturating_sub(1)),
        message: format!(
            "its front-matter is not valid YAML: {}; skipped: fix the YAML (Backlog.md would not read it either) and import again",
            e.message
        ),
    })?;
    let entries = match node.value {
        Yaml::Map(m) => m,
        _ => Vec::new(),
    };
    Ok((entries, text[s.body..].to_owned(), yaml_comments(yaml_text)))
}

/// The comments of a front-matter, each as written with the line it is on (`status: To Do
/// # waiting on legal` gives `status: … # waiting on legal`); a YAML reader drops them,
/// so the importer keeps them in the body. Text inside quotes and block scalars is no
/// comment.
fn yaml_comments(yaml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None;
    for line in yaml.lines() {
        let indent = line.len() - line.trim_start().len();
        if let Some(at) = block {
            if line.trim().is_empty() || indent > at {
                continue;
            }
            block = None;
        }
        let Some(i) = comment_start(line) else {
            if let Some(v) = line
                .split_once(": ")
                .map(|(_, v)| v.trim())
                .or_else(|| line.trim_end().strip_suffix(':').map(|_| ""))
                && (v.starts_with('|') || v.starts_with('>'))
            {
                block = Some(indent);
            }
            continue;
        };
        let before = line[..i].trim_end();
        let comment = line[i..].trim_end();
        if before.is_empty() {
            out.push(comment.to_owned());
        } else {
            let key = before.split_once(':').map_or(before, |(k, _)| k).trim();
            out.push(format!("{key}: … {comment}"));
        }
    }
    out
}

/// Where a YAML comment starts in `line`: a `#` at its start or after a space, outside
/// quoted text. A quote opens quoted text only where a value starts (`title: 'a # b'`),
/// not inside plain text (`title: Don't # why`).
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let (mut prev, mut last) = (' ', None::<char>);
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some('\'') if c == '\'' => {
                // `''` is a quote inside single-quoted text.
                if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some('"') if c == '"' && prev != '\\' => quote = None,
            Some(_) => {}
            None if matches!(c, '\'' | '"') && last.is_none_or(|l| matches!(l, ':' | '[' | '{' | ',' | '-' | '?')) => {
                quote = Some(c);
            }
            None if c == '#' && prev.is_whitespace() => return Some(i),
            None => {}
        }
        if !c.is_whitespace() {
            last = Some(c);
        }
        prev = c;
    }
    None
}

/// The front-matter as Backlog.md reads it: it accepts `assignee: @name` and
/// `reporter: [@a, @b]` unquoted (YAML reserves `@`), and quotes them before parsing; so
/// does this, line for line, so line numbers stay right.
fn tolerant(yaml: &str) -> String {
    static PERSON: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\s*(?:assignee|reporter):\s*)(.*?)\s*$").expect("valid regex"));
    let quote = |v: &str| serde_json::Value::String(v.trim().to_owned()).to_string();
    let mut out = String::with_capacity(yaml.len() + 16);
    for line in yaml.split_inclusive('\n') {
        let (content, end) = line.strip_suffix('\n').map_or((line, ""), |c| (c, "\n"));
        let content = content.strip_suffix('\r').unwrap_or(content);
        // A comment after the value stays a comment, out of the quotes.
        let (content, comment) = match comment_start(content) {
            Some(i) => (&content[..i], format!(" {}", &content[i..])),
            None => (content, String::new()),
        };
        let end = format!("{comment}{end}");
        if let Some(c) = PERSON.captures(content) {
            let (prefix, value) = (&c[1], &c[2]);
            if value.starts_with('@') {
                out.push_str(&format!("{prefix}{}{end}", quote(value)));
                continue;
            }
            if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']'))
                && inner.contains('@')
            {
                let items: Vec<String> = inner
                    .split(',')
                    .map(str::trim)
                    .filter(|i| !i.is_empty())
                    .map(|i| if i.starts_with(['"', '\'']) { i.to_owned() } else { quote(i) })
                    .collect();
                out.push_str(&format!("{prefix}[{}]{end}", items.join(", ")));
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// A file of the source: its path relative to the `backlog/` folder's parent
/// (`backlog/tasks/…`) and its text, or why it cannot be read.
struct SourceFile {
    rel: String,
    text: Result<String, std::io::Error>,
}

/// The `*.md` files of `root/folder` whose names Backlog.md reads (`wanted`), sorted by
/// name.
fn markdown_files(root: &dyn BacklogFiles, folder: &str, wanted: impl Fn(&str) -> bool) -> Vec<SourceFile> {
    let mut names: Vec<String> = root
        .file_names(folder)
        .into_iter()
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "md") && wanted(n))
        .collect();
    names.sort();
    let shown = root.shown_root();
    names
        .into_iter()
        .map(|name| {
            let path = format!("{folder}/{name}");
            SourceFile {
                rel: if shown.is_empty() {
                    path.clone()
                } else {
                    format!("{shown}/{path}")
                },
                text: root.read_text(&path).unwrap_or_else(|| Err(std::io::ErrorKind::NotFound.into())),
            }
        })
        .collect()
}

/// The files of a Backlog.md `backlog/` folder, wherever they are kept: on disk
/// ([`DiskFiles`]) or in a commit of the source's history. Paths are relative to the
/// folder, with `/`.
pub trait BacklogFiles {
    /// The folder's own name, as messages show it (`backlog`); empty when it has none.
    fn shown_root(&self) -> &str;
    /// Whether `folder` is a folder.
    fn has_folder(&self, folder: &str) -> bool;
    /// The names of the files directly in `folder` (none when it is no folder).
    fn file_names(&self, folder: &str) -> Vec<String>;
    /// The text of the file at `path`: `None` when there is none, an error when it cannot
    /// be read as UTF-8 text.
    fn read_text(&self, path: &str) -> Option<Result<String, std::io::Error>>;
}

/// The `backlog/` folder on disk.
#[derive(Debug, Clone)]
pub struct DiskFiles {
    root: PathBuf,
    shown: String,
}

impl DiskFiles {
    /// The files below `root`, the `backlog/` folder itself.
    #[must_use]
    pub fn new(root: PathBuf) -> DiskFiles {
        let shown = root.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        DiskFiles { root, shown }
    }
}

impl BacklogFiles for DiskFiles {
    fn shown_root(&self) -> &str {
        &self.shown
    }

    fn has_folder(&self, folder: &str) -> bool {
        self.root.join(folder).is_dir()
    }

    fn file_names(&self, folder: &str) -> Vec<String> {
        let Ok(read) = std::fs::read_dir(self.root.join(folder)) else {
            return Vec::new();
        };
        // The entry's own type (no further look-up on most file systems); a link is
        // followed, as Backlog.md follows it.
        read.flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || (t.is_symlink() && e.path().is_file())))
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .collect()
    }

    fn read_text(&self, path: &str) -> Option<Result<String, std::io::Error>> {
        match std::fs::read_to_string(self.root.join(path)) {
            Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::IsADirectory) => None,
            read => Some(read),
        }
    }
}

/// Backlog.md's decisions (`decisions/decision-N - Title.md`) as decision records: the
/// status through [`super::adr::decision_status`] (Backlog.md writes the ADR convention's
/// four), `date` as it is, other fields kept, the body as written. A file that cannot be
/// read is skipped with a finding, as a task is.
fn decision_records(
    root: &dyn BacklogFiles,
    config: &Config,
    statuses: &StatusMap,
    findings: &mut Vec<Finding>,
    memo: &mut ReadMemo,
) -> Result<Vec<Record>, ImportError> {
    let mut out = Vec::new();
    let files = markdown_files(root, "decisions", |name| item_number(name, "decision").is_some());
    parse_ahead(&files, memo);
    for file in files {
        let Some(parsed) = parse_file(&file, findings, memo) else {
            continue;
        };
        let entries = &parsed.entries;
        let Some(id) = text_of(entries, "id") else {
            findings.push(Finding {
                code: FindingCode::NoId,
                at: file.rel,
                message: "the decision has no `id`; skipped: give it the id of its file name (e.g. `id: decision-3`) and import again"
                    .to_owned(),
            });
            continue;
        };
        let mut fields = Vec::new();
        let date = text_of(entries, "date").and_then(|d| leading_date(&d));
        for e in entries {
            match e.key.as_str() {
                "id" | "title" => {}
                "status" => {
                    if let Some(st) = text_of(entries, "status") {
                        let mapped = super::adr::decision_status(config, statuses, &st, &file.rel)?;
                        fields.push(("status".to_owned(), Value::Text(mapped)));
                    }
                }
                "date" if date.is_some() => fields.push(("date".to_owned(), Value::Text(date.map(|d| d.to_string()).unwrap_or_default()))),
                _ => fields.push(kept(Kind::Decision, e)),
            }
        }
        out.push(Record {
            kind: Kind::Decision,
            title: text_of(entries, "title").unwrap_or_else(|| id.clone()),
            key: id,
            source: file.rel,
            created: date,
            fields,
            body: parsed.body.trim_start_matches('\n').trim_end().to_owned(),
        });
    }
    Ok(out)
}

/// Whether Backlog.md lists a file of `docs/` (or a subfolder) as a document: every
/// Markdown file but a README (its `listDocuments`), whatever its name; `doc-N - Title.md` is
/// only how it names the ones it creates.
fn is_document(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(".md") && lower != "readme.md"
}

/// Backlog.md's documents ([`is_document`]) under `docs/`, subfolders included, in path
/// order. A file that cannot be read is left out (it is not an item: nothing names it).
fn documents(root: &Path) -> Vec<Document> {
    let base = root.join("docs");
    let mut out: Vec<Document> = walkdir::WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.file_name().to_str().is_some_and(is_document))
        .filter_map(|e| {
            let path = e.path().strip_prefix(&base).ok()?.to_path_buf();
            Some(Document {
                bytes: std::fs::read(e.path()).ok()?,
                path,
            })
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Copy `documents` into `<backlog>/docs/` of the workspace at `root`, each created
/// exclusively and atomically; one already there is never overwritten.
///
/// # Errors
/// [`ImportError::Write`] when a file cannot be written.
pub fn write_documents(root: &Path, config: &Config, documents: &[Document]) -> Result<DocumentsWritten, ImportError> {
    let mut done = DocumentsWritten::default();
    for d in documents {
        let rel = Path::new(&config.backlog_dir)
            .join(crate::workspace::DOCUMENTS_FOLDER)
            .join(&d.path);
        let path = root.join(&rel);
        match std::fs::read(&path) {
            Ok(there) if there == d.bytes => done.present.push(rel),
            Ok(_) => done.differing.push(rel),
            Err(_) => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|source| crate::fsio::WriteError::Io {
                        path: dir.to_path_buf(),
                        source,
                    })?;
                }
                crate::fsio::create_new(&path, &d.bytes)?;
                done.created.push(rel);
            }
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_lose_markers_and_indexes() {
        let body = "\n## Description\n\n<!-- SECTION:DESCRIPTION:BEGIN -->\nDo it.\n<!-- SECTION:DESCRIPTION:END -->\n\n## Acceptance Criteria\n<!-- AC:BEGIN -->\n- [x] #1 First\n- [ ] #2 Second #2\n<!-- AC:END -->\n";
        assert_eq!(
            clean_body(body),
            "## Description\n\nDo it.\n\n## Acceptance criteria\n- [x] First\n- [ ] Second #2"
        );
    }

    #[test]
    fn front_matter_comments_are_found_outside_quotes_and_block_text() {
        let yaml = "# about the task\ntitle: Don't stop # why not\nnote: 'a # b' # c\nquote: \"x \\\" # y\"\nbody: |\n  # a heading, not a comment\n  text # kept\nlabels: [a, b] # both\n";
        assert_eq!(
            yaml_comments(yaml),
            ["# about the task", "title: … # why not", "note: … # c", "labels: … # both"]
        );
        assert_eq!(comment_start("url: http://x#y"), None);
        assert_eq!(comment_start("it: 'a '' # x'"), None);
        assert_eq!(tolerant("assignee: @lee # interim\n"), "assignee: \"@lee\" # interim\n");
    }

    #[test]
    fn unquoted_handles_are_quoted() {
        assert_eq!(
            tolerant("id: A\nassignee: @MrLesk\nreporter: [@a, \"@b\"]\nlabels: [x]\n"),
            "id: A\nassignee: \"@MrLesk\"\nreporter: [\"@a\", \"@b\"]\nlabels: [x]\n"
        );
    }

    #[test]
    fn task_ids_match_across_prefixes() {
        let ids: Vec<String> = ["BACK-24.1", "BACK-355.01", "BACK-7", "DRAFT-8", "DRAFT-13", "OTHER-9"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(TaskIds::new(&ids, "back").resolve("task-24.1"), "BACK-24.1");
        assert_eq!(TaskIds::new(&ids, "back").resolve("task-355.1"), "BACK-355.01");
        assert_eq!(TaskIds::new(&ids, "back").resolve("back-7"), "BACK-7");
        // A task reference is never a draft, nor an id of another prefix.
        assert_eq!(TaskIds::new(&ids, "back").resolve("task-8"), "task-8");
        assert_eq!(TaskIds::new(&ids, "back").resolve("task-13"), "task-13");
        assert_eq!(TaskIds::new(&ids, "back").resolve("task-9"), "task-9");
        assert_eq!(TaskIds::new(&ids, "back").resolve("draft-8"), "DRAFT-8");
        assert_eq!(TaskIds::new(&ids, "back").resolve("draft-7"), "draft-7");
        assert!(id_key("BACK-24.1") < id_key("BACK-200"));
    }
}
