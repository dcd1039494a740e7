//! Importing a source with its history (`pobox import backlog-md DIR --with-history`): every
//! commit of the source that changes what the import writes becomes one commit here, with
//! the source commit's author, e-mail and dates, so `history`, `metrics`, `forecast` and
//! `report sprint` tell what really happened rather than that everything was made on the
//! day of the import.
//!
//! Each past version of the source's backlog is read by the same reader as the folder on
//! disk ([`backlog_md::read_files`] over the commit's tree) and planned by the same
//! [`super::plan_with_ids`], so a past version is imported exactly as it would have been
//! then; the last commit written is followed by one joining commit whose tree is exactly
//! the plain import of the source as it is now.
//!
//! - **Order**: every commit reachable from the source's HEAD, parents before children,
//!   the dates ordering branches that ran side by side ([`Repo::walk_changes`]). Each commit
//!   brings the files it changed against its first parent, so work on a branch counts on
//!   the day it was done, and a merge brings only what differs from the branch it joins.
//! - **Identity**: an item is its source id, wherever its file is (Backlog.md renames a
//!   file when its title changes and moves it to `completed/` or `archive/`). When, from one
//!   commit to the next, an id disappears and an id of the same kind with the same numbers
//!   appears (`task-90` → `back-90`, Backlog.md's change of prefix), it is the same item
//!   ([`backlog_md::same_task`]); a draft promoted to a task is a new item. An id that comes
//!   back after it was gone is the same item again.
//! - **Ids**: an item gets its pobox id once, at its first appearance: the id the plain
//!   import gives it when it is still in the source, else the next free number after those.
//! - **Deletions**: an item the source deletes is deleted here in the same commit, and comes
//!   back if the source brings it back. When part of the source was imported before (a
//!   second run), items it deleted are left out: they were written then, or were lost to an
//!   import without history.
//!
//! A Jira CSV export (`pobox import csv FILE --with-history`, [`plan_jira_csv`]) has no
//! history to replay, only moments of each issue (`Created`, `Status Category Changed`,
//! `Resolved`): each becomes one commit, planned by the same [`super::plan_with_ids`] with
//! the plain import's ids and written by the same chain; both planners turn each version
//! into a commit by one piece (`Versions`).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::backlog_md::{self, BacklogFiles};
use super::{ImportError, Plan, Record, StatusMap};
use crate::config::Config;
use crate::git::{BlobId, ChainWriter, GitError, HistoryWalkError, Replayed, Repo, Signature};
use crate::model::{Item, Kind};

/// Why a history cannot be imported.
#[derive(Debug, thiserror::Error)]
pub enum HistoryImportError {
    /// The source is not in a git repository.
    #[error("{} is not in a git repository, so it has no history to import", .0.display())]
    SourceNotGit(PathBuf),
    /// The source is a shallow clone: its oldest commits are missing.
    #[error("{} is a shallow clone: its oldest commits are missing, so its history would start in the middle", .0.display())]
    SourceShallow(PathBuf),
    /// The workspace is not in a git repository, where the history is written.
    #[error("{} is not in a git repository, where the history would be written as commits", .0.display())]
    WorkspaceNotGit(PathBuf),
    /// The workspace's backlog folder has changes not committed: the import commits, and
    /// would commit them too or leave them behind.
    #[error("the backlog folder has changes that are not committed: {}", .0.join(", "))]
    Uncommitted(Vec<String>),
    /// The import itself failed.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// git failed.
    #[error(transparent)]
    Git(#[from] GitError),
}

impl From<HistoryWalkError> for HistoryImportError {
    fn from(e: HistoryWalkError) -> Self {
        match e {
            HistoryWalkError::Shallow => HistoryImportError::SourceShallow(PathBuf::new()),
            HistoryWalkError::Git(g) => HistoryImportError::Git(g),
        }
    }
}

/// The commits a history import writes, and what it found.
#[derive(Debug, Clone, Default)]
pub struct HistoryPlan {
    /// The commits to write, oldest first.
    pub commits: Vec<Replayed>,
    /// Commits of the source that change its backlog folder.
    pub source_commits: usize,
    /// Items whose status changed in at least one commit written.
    pub status_changed: usize,
    /// Items followed across a change of id.
    pub id_changes: usize,
    /// Items the source deleted and does not have now: deleted in the history too.
    pub deleted: usize,
    /// Files of past versions left out of their commit, and why.
    pub notes: Vec<String>,
    /// For a Jira CSV export, the events it gave (its `source_commits` is then 0).
    pub jira: Option<JiraEvents>,
    /// The workspace's root, relative to its repository's work tree.
    rel_root: PathBuf,
}

/// The files of a `backlog/` folder in one commit of the source, read from git objects.
struct TreeFiles<'r> {
    repo: &'r Repo,
    shown: String,
    /// Path below the folder → blob.
    files: BTreeMap<String, BlobId>,
    /// Texts read so far, each blob once (`Err`: why it is not text).
    texts: RefCell<HashMap<BlobId, Result<String, String>>>,
}

impl TreeFiles<'_> {
    fn below<'a>(&'a self, folder: &str) -> impl Iterator<Item = &'a str> + 'a {
        let prefix = format!("{folder}/");
        self.files
            .range(prefix.clone()..)
            .map(|(k, _)| k.as_str())
            .take_while(move |k| k.starts_with(&prefix))
    }
}

impl BacklogFiles for TreeFiles<'_> {
    fn shown_root(&self) -> &str {
        &self.shown
    }

    fn has_folder(&self, folder: &str) -> bool {
        self.below(folder).next().is_some()
    }

    fn file_names(&self, folder: &str) -> Vec<String> {
        let skip = folder.len() + 1;
        self.below(folder)
            .map(|k| &k[skip..])
            .filter(|rest| !rest.contains('/'))
            .map(str::to_owned)
            .collect()
    }

    fn read_text(&self, path: &str) -> Option<Result<String, std::io::Error>> {
        let id = *self.files.get(path)?;
        let mut texts = self.texts.borrow_mut();
        let text = texts.entry(id).or_insert_with(|| match self.repo.blob(id) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| "stream did not contain valid UTF-8".to_owned()),
            Err(e) => Err(e.to_string()),
        });
        Some(text.clone().map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
    }
}

/// Whether a file below the backlog folder is one the reader reads.
fn read_by_importer(path: &str) -> bool {
    path == "config.yml"
        || ["tasks/", "drafts/", "completed/", "archive/", "milestones/"]
            .iter()
            .any(|f| path.starts_with(f))
}

/// A source commit that changed files the reader reads.
struct SourceCommit {
    id: String,
    summary: String,
    author: Signature,
    committer_time: i64,
    /// Path below the backlog folder → new blob (`None`: deleted).
    changes: Vec<(String, Option<BlobId>)>,
}

/// The id a record had in the source, for following it across id changes: its key, or for
/// the second file with an id (known by its path) that id.
fn source_id(record: &Record) -> &str {
    if !record.key.contains('/') {
        return &record.key;
    }
    record
        .fields
        .iter()
        .find_map(|(name, value)| match value {
            super::Value::List(l) if name == super::ALIASES => l.first().map(String::as_str),
            _ => None,
        })
        .unwrap_or(&record.key)
}

/// Items across time: which item each record of each version is.
#[derive(Default)]
struct Identities {
    /// Each item's kind, in order of first appearance.
    kinds: Vec<Kind>,
    /// Key (lower case) → item, at the last version read.
    live: HashMap<String, usize>,
    /// Every key an item ever had → that item.
    ever: HashMap<(Kind, String), usize>,
    id_changes: usize,
}

impl Identities {
    /// The item of each record of the next version.
    fn next(&mut self, records: &[Record]) -> Vec<usize> {
        let keys: Vec<String> = records.iter().map(|r| r.key.to_lowercase()).collect();
        let present: HashSet<&str> = keys.iter().map(String::as_str).collect();
        let mut vanished: Vec<(String, usize)> = self
            .live
            .iter()
            .filter(|(k, _)| !present.contains(k.as_str()))
            .map(|(k, i)| (k.clone(), *i))
            .collect();
        vanished.sort();
        let mut taken: HashSet<usize> = HashSet::new();
        let mut out = Vec::with_capacity(records.len());
        let mut live = HashMap::with_capacity(records.len());
        for (record, key) in records.iter().zip(&keys) {
            let item = if let Some(&i) = self.live.get(key) {
                i
            } else if let Some(pos) = vanished
                .iter()
                .position(|(old, i)| self.kinds[*i] == record.kind && !taken.contains(i) && backlog_md::same_task(old, source_id(record)))
            {
                self.id_changes += 1;
                vanished.remove(pos).1
            } else if let Some(&i) = self.ever.get(&(record.kind, key.clone())).filter(|i| !taken.contains(i)) {
                i
            } else {
                self.kinds.push(record.kind);
                self.kinds.len() - 1
            };
            taken.insert(item);
            self.ever.insert((record.kind, key.clone()), item);
            live.insert(key.clone(), item);
            out.push(item);
        }
        self.live = live;
        out
    }
}

/// Plan the history of the Backlog.md project at `dir` (its root or its `backlog/`
/// folder), imported into the workspace at `root`, whose items are `existing`, held in
/// `repo`; `now` is the plain import of the project as it is now (what [`super::plan`] gave
/// for [`backlog_md::read`]), which the history ends with.
///
/// # Errors
/// [`HistoryImportError::SourceNotGit`], [`HistoryImportError::SourceShallow`],
/// [`HistoryImportError::WorkspaceNotGit`], a `--status` option that maps to nothing, and
/// git failures.
pub fn plan_backlog_md(
    dir: &Path,
    root: &Path,
    config: &Config,
    repo: Option<&Repo>,
    existing: &[Item],
    statuses: &StatusMap,
    now: &Plan,
) -> Result<HistoryPlan, HistoryImportError> {
    let (repo, rel_root) = workspace_repo(repo, root)?;
    let folder = backlog_md::backlog_folder(dir);
    let source = Repo::discover(&folder).ok_or_else(|| HistoryImportError::SourceNotGit(dir.to_path_buf()))?;
    if source.is_shallow() {
        return Err(HistoryImportError::SourceShallow(dir.to_path_buf()));
    }
    let in_source = crate::git::relative_to_workdir(&source, &folder).ok_or_else(|| HistoryImportError::SourceNotGit(dir.to_path_buf()))?;
    let prefix = crate::text::path::slash(&in_source);
    let mut commits: Vec<SourceCommit> = Vec::new();
    let mut source_commits = 0;
    source
        .walk_changes(&in_source, Path::new(""), |c, _, _| {
            if c.changes.is_empty() {
                return;
            }
            source_commits += 1;
            let changes: Vec<(String, Option<BlobId>)> = c
                .changes
                .iter()
                .filter_map(|f| {
                    let below = if prefix.is_empty() {
                        f.path.as_str()
                    } else {
                        f.path.strip_prefix(&prefix)?.strip_prefix('/')?
                    };
                    read_by_importer(below).then(|| (below.to_owned(), f.new))
                })
                .collect();
            if !changes.is_empty() {
                commits.push(SourceCommit {
                    id: c.id,
                    summary: c.summary,
                    author: Signature {
                        name: c.author,
                        email: c.email,
                        time: c.author_time,
                    },
                    committer_time: c.recorded_time,
                    changes,
                });
            }
        })
        .map_err(|e| match HistoryImportError::from(e) {
            HistoryImportError::SourceShallow(_) => HistoryImportError::SourceShallow(dir.to_path_buf()),
            other => other,
        })?;

    let shown = folder.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut files = TreeFiles {
        repo: &source,
        shown,
        files: BTreeMap::new(),
        texts: RefCell::new(HashMap::new()),
    };
    let apply = |files: &mut TreeFiles<'_>, c: &SourceCommit| {
        for (path, blob) in &c.changes {
            match blob {
                Some(b) => files.files.insert(path.clone(), *b),
                None => files.files.remove(path),
            };
        }
    };

    let mut memo = backlog_md::ReadMemo::default();
    // First pass: which item each record of each version is.
    let mut identities = Identities::default();
    let mut items_of: Vec<Vec<usize>> = Vec::with_capacity(commits.len());
    for c in &commits {
        apply(&mut files, c);
        let records = if backlog_md::is_project(&files) {
            backlog_md::read_files(&files, config, statuses, &mut memo)?.records
        } else {
            Vec::new()
        };
        items_of.push(identities.next(&records));
    }

    // Ids: the plain import's for the items the source has now, then the next numbers in
    // order of first appearance.
    let mut id_of: Vec<Option<String>> = vec![None; identities.kinds.len()];
    let mut skip: HashSet<usize> = HashSet::new();
    for p in &now.items {
        if let Some(&i) = identities.live.get(&p.alias.to_lowercase()) {
            id_of[i] = Some(p.id.clone());
        }
    }
    for s in &now.skipped {
        if let Some(&i) = identities.live.get(&s.alias.to_lowercase()) {
            skip.insert(i);
        }
    }
    let mut next: HashMap<Kind, u64> = HashMap::new();
    let mut deleted = 0;
    for (i, kind) in identities.kinds.iter().enumerate() {
        if id_of[i].is_some() || skip.contains(&i) {
            continue;
        }
        // Part of the source was imported before, with its past or without it: either way
        // an item deleted back then is not brought back now.
        if !now.skipped.is_empty() {
            skip.insert(i);
            continue;
        }
        let Some(prefix) = config.prefix(*kind) else { continue };
        let n = next.entry(*kind).or_insert_with(|| {
            let planned = now
                .items
                .iter()
                .filter(|p| p.kind == *kind)
                .filter_map(|p| p.id.rsplit_once('-').and_then(|(_, n)| n.parse::<u64>().ok()))
                .max()
                .unwrap_or(0);
            crate::create::highest_number(root, config, *kind, Some(repo)).max(planned) + 1
        });
        id_of[i] = Some(format!("{prefix}-{n}"));
        *n += 1;
        deleted += 1;
    }

    // Second pass: each version planned with those ids; a commit for each that changes
    // the files.
    files.files.clear();
    let mut out = HistoryPlan {
        source_commits,
        id_changes: identities.id_changes,
        deleted,
        rel_root: rel_root.clone(),
        ..HistoryPlan::default()
    };
    let mut chain = Versions::new(rel_root);
    let mut left_out: HashSet<(String, String)> = HashSet::new();
    let mut replay = super::Replay::default();
    for (c, items) in commits.iter().zip(&items_of) {
        apply(&mut files, c);
        // A record whose text cannot be imported (a merge-conflict block committed by
        // mistake) is left out of that version, and said, rather than stopping the history;
        // the version is read again without it (rare, so nothing is kept for it).
        let mut dropped: Vec<String> = Vec::new();
        let version = loop {
            let mut records = if backlog_md::is_project(&files) {
                backlog_md::read_files(&files, config, statuses, &mut memo)?.records
            } else {
                Vec::new()
            };
            let wanted: Vec<bool> = records
                .iter()
                .zip(items)
                .map(|(r, i)| !skip.contains(i) && id_of[*i].is_some() && !dropped.contains(&r.source))
                .collect();
            replay.ids.clear();
            for ((r, i), want) in records.iter().zip(items).zip(&wanted) {
                if let (true, Some(id)) = (want, &id_of[*i]) {
                    replay.ids.insert(r.key.to_lowercase(), id.clone());
                }
            }
            let mut want = wanted.into_iter();
            records.retain(|_| want.next().unwrap_or(false));
            match super::plan_with_ids(root, config, Some(repo), existing, records, Vec::new(), &mut replay) {
                Err(
                    ImportError::Source { at, message, .. }
                    | ImportError::Unreadable {
                        source_item: at, message, ..
                    },
                ) if !dropped.contains(&at) => {
                    if left_out.insert((at.clone(), message.clone())) {
                        out.notes
                            .push(format!("{at} at {}: left out of that commit: {message}", short(&c.id)));
                    }
                    dropped.push(at);
                }
                other => break other?,
            }
        };
        let committer = Signature {
            time: c.committer_time,
            ..c.author.clone()
        };
        let message = format!("Import {}: {}", short(&c.id), c.summary);
        out.commits.extend(chain.next(&version, c.author.clone(), committer, message));
    }
    out.status_changed = chain.status_changed.len();
    Ok(out)
}

/// The workspace's repository, where a history is written, and the workspace's root
/// relative to its work tree.
fn workspace_repo<'r>(repo: Option<&'r Repo>, root: &Path) -> Result<(&'r Repo, PathBuf), HistoryImportError> {
    let not_git = || HistoryImportError::WorkspaceNotGit(root.to_path_buf());
    let repo = repo.ok_or_else(not_git)?;
    let rel_root = crate::git::relative_to_workdir(repo, root).ok_or_else(not_git)?;
    Ok((repo, rel_root))
}

/// The files of the workspace as the history has written them so far: each next version
/// of the import (a [`Plan`]) becomes one commit of what changed, whatever the source.
struct Versions {
    rel_root: PathBuf,
    /// Path from the work tree's root → text, as the last commit left it.
    written: BTreeMap<String, String>,
    /// Each item's status in the last commit that had it.
    status: HashMap<String, Option<String>>,
    /// Items whose status changed in a commit.
    status_changed: HashSet<String>,
}

impl Versions {
    fn new(rel_root: PathBuf) -> Versions {
        Versions {
            rel_root,
            written: BTreeMap::new(),
            status: HashMap::new(),
            status_changed: HashSet::new(),
        }
    }

    /// The commit that makes the files `version`'s, by `author`; `None` when they are
    /// already (nothing to commit).
    fn next(&mut self, version: &Plan, author: Signature, committer: Signature, message: String) -> Option<Replayed> {
        let state: BTreeMap<String, String> = version
            .items
            .iter()
            .map(|p| (crate::text::path::slash(&self.rel_root.join(&p.path)), p.text.clone()))
            .collect();
        let mut changes: Vec<(String, Option<Vec<u8>>)> = Vec::new();
        for (path, text) in &state {
            if self.written.get(path) != Some(text) {
                changes.push((path.clone(), Some(text.as_bytes().to_vec())));
            }
        }
        for path in self.written.keys().filter(|p| !state.contains_key(*p)) {
            changes.push((path.clone(), None));
        }
        if changes.is_empty() {
            return None;
        }
        for p in &version.items {
            if let Some(before) = self.status.insert(p.id.clone(), p.status.clone())
                && before != p.status
            {
                self.status_changed.insert(p.id.clone());
            }
        }
        self.written = state;
        Some(Replayed {
            author,
            committer,
            message,
            changes,
        })
    }
}

/// What a Jira CSV export gave for its history, in counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JiraEvents {
    /// Issues in the export (rows).
    pub issues: usize,
    /// Issues made at their `Created` moment.
    pub created: usize,
    /// Moves at `Status Category Changed`: to the issue's status when it is in progress,
    /// or to the first in-progress status when it was resolved later.
    pub status_changed: usize,
    /// Moves to the issue's done or dropped status at `Resolved`.
    pub resolved: usize,
    /// Issues with no `Created` date: they appear in the last commit, the plain import's.
    pub undated: usize,
    /// Issues in a sprint: their membership is written from their first commit on, as the
    /// export gives no date of joining or leaving a sprint.
    pub in_sprints: usize,
}

/// Who made a change the export does not name (a move between statuses, a resolution: the
/// `Assignee` is only a guess): this importer.
pub const IMPORTER_NAME: &str = "pobox import";
/// The e-mail address of [`IMPORTER_NAME`].
pub const IMPORTER_EMAIL: &str = "import@pobox.invalid";
/// The e-mail domain given to a Jira reporter, whom the export names without an e-mail
/// address (git needs one): `<handle>@jira.invalid`.
pub const REPORTER_DOMAIN: &str = "jira.invalid";

/// One event of a Jira issue, which becomes one commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Created,
    StatusChanged,
    Resolved,
}

/// An event: when, which, of which record, the status it leaves the item in.
struct Event {
    time: i64,
    step: Step,
    key: String,
    record: usize,
    status: Option<String>,
}

/// Plan the history of a Jira CSV export: `read` is what [`super::jira_csv::read_dated`]
/// gave, `now` the plain import of its records (what [`super::plan`] gave), which the
/// history ends with; the workspace at `root`, whose items are `existing`, is held in
/// `repo`.
///
/// Each issue is made at its `Created` moment by its reporter, with the first not-started
/// status of the workflow when a later event moves it (else with its exported status, so
/// an issue finished at an unknown moment is first seen finished, as without history); at
/// `Status Category Changed` it moves to its exported status when that is in progress, or
/// to the first in-progress status when it is done and was resolved later; at `Resolved` to
/// its exported done or dropped status (at `Status Category Changed` when it has no
/// `Resolved`). Events are ordered by time, then created before status change before
/// resolved, then by key. Every version is planned by [`super::plan_with_ids`] with the
/// plain import's ids. Other fields are the exported (current) values throughout, except
/// `resolved` and `status_category_changed`, which appear from their moment on, and
/// `jira_status`, which names the exported status and is left out while the status is
/// another. A reference to an issue not made yet waits for it; a sprint (which has no
/// date) appears with the first issue in it.
///
/// # Errors
/// [`HistoryImportError::WorkspaceNotGit`]; what planning a version returns.
pub fn plan_jira_csv(
    root: &Path,
    config: &Config,
    repo: Option<&Repo>,
    existing: &[Item],
    read: &super::jira_csv::Dated,
    now: &Plan,
) -> Result<HistoryPlan, HistoryImportError> {
    use super::jira_csv::{RESOLVED_FIELD, STATUS_CHANGED_FIELD};
    use crate::workflow::Category;

    let (repo, rel_root) = workspace_repo(repo, root)?;
    let workflow = &config.workflow;
    let known = super::alias_index(existing);
    let mut replay = super::Replay::default();
    for p in &now.items {
        replay.ids.insert(p.alias.to_lowercase(), p.id.clone());
    }
    let dates: HashMap<String, &super::jira_csv::IssueDates> = read.dates.iter().map(|d| (d.key.to_lowercase(), d)).collect();
    let status_of = |r: &Record| {
        r.fields.iter().find_map(|(n, v)| match v {
            super::Value::Text(s) if n == "status" => Some(s.clone()),
            _ => None,
        })
    };

    let mut counts = JiraEvents {
        issues: read.dates.len(),
        ..JiraEvents::default()
    };
    let mut events: Vec<Event> = Vec::new();
    for (i, r) in read.records.iter().enumerate() {
        let key = r.key.to_lowercase();
        let Some(d) = dates.get(&key) else { continue };
        if !replay.ids.contains_key(&key) {
            continue;
        }
        let Some(created) = d.created else {
            counts.undated += 1;
            continue;
        };
        let exported = status_of(r);
        let category = exported.as_deref().and_then(|s| workflow.category(s));
        let follows = r.kind.has_status() && r.kind.own_statuses().is_none();
        let after = |t: Option<i64>| t.filter(|t| *t >= created);
        let mut later: Vec<(i64, Step, Option<String>)> = Vec::new();
        match category.filter(|_| follows) {
            Some(Category::InProgress) => {
                if let Some(t) = after(d.status_changed) {
                    later.push((t, Step::StatusChanged, exported.clone()));
                }
            }
            Some(c @ (Category::Done | Category::Dropped)) => {
                let close = after(d.resolved)
                    .map(|t| (t, Step::Resolved))
                    .or_else(|| after(d.status_changed).map(|t| (t, Step::StatusChanged)));
                if let Some((t, step)) = close {
                    if let (Category::Done, Step::Resolved, Some(start)) = (c, step, after(d.status_changed))
                        && start < t
                    {
                        later.push((
                            start,
                            Step::StatusChanged,
                            workflow.first_of(Category::InProgress).map(str::to_owned),
                        ));
                    }
                    later.push((t, step, exported.clone()));
                }
            }
            _ => {}
        }
        let first = if later.is_empty() {
            exported.clone()
        } else {
            workflow.first_of(Category::NotStarted).map(str::to_owned)
        };
        counts.created += 1;
        events.push(Event {
            time: created,
            step: Step::Created,
            key: r.key.clone(),
            record: i,
            status: first,
        });
        for (time, step, status) in later {
            match step {
                Step::Resolved => counts.resolved += 1,
                _ => counts.status_changed += 1,
            }
            events.push(Event {
                time,
                step,
                key: r.key.clone(),
                record: i,
                status,
            });
        }
        if r.fields.iter().any(|(n, _)| n == "sprint" || n == "jira_sprint") {
            counts.in_sprints += 1;
        }
    }
    events.sort_by(|a, b| (a.time, a.step, &a.key).cmp(&(b.time, b.step, &b.key)));

    // Records already imported are there from the start; sprints come with their first issue.
    let keys: HashMap<String, usize> = read.records.iter().enumerate().map(|(i, r)| (r.key.to_lowercase(), i)).collect();
    let reporter = |d: Option<&&super::jira_csv::IssueDates>, time: i64| {
        let named = d
            .and_then(|d| d.reporter.as_deref())
            .map(|n| n.replace(['<', '>'], ""))
            .filter(|n| !n.trim().is_empty());
        match named {
            Some(name) => Signature {
                email: format!("{}@{REPORTER_DOMAIN}", super::handle(&name)),
                name,
                time,
            },
            None => importer(time),
        }
    };
    let mut state: Vec<Option<(Option<String>, i64)>> = vec![None; read.records.len()];
    let mut moments: Vec<Vec<i64>> = vec![Vec::new(); read.records.len()];
    for e in &events {
        moments[e.record].push(e.time);
    }
    let mut chain = Versions::new(rel_root.clone());
    let mut commits = Vec::new();
    for e in &events {
        state[e.record] = Some((e.status.clone(), e.time));
        let mut present: Vec<bool> = read
            .records
            .iter()
            .zip(&state)
            .map(|(r, s)| s.is_some() || known.contains_key(&r.key.to_lowercase()))
            .collect();
        for (i, r) in read.records.iter().enumerate() {
            if !present[i] || known.contains_key(&r.key.to_lowercase()) {
                continue;
            }
            for key in references(r) {
                if let Some(&j) = keys.get(&key.to_lowercase())
                    && read.records[j].kind == crate::model::Kind::Sprint
                    && !dates.contains_key(&key.to_lowercase())
                {
                    present[j] = true;
                }
            }
        }
        let version: Vec<Record> = read
            .records
            .iter()
            .enumerate()
            .filter(|(i, _)| present[*i])
            .map(|(i, r)| {
                let mut r = r.clone();
                let d = dates.get(&r.key.to_lowercase());
                if let Some((status, _)) = &state[i]
                    && status_of(&r) != *status
                    && let Some(status) = status
                {
                    r.fields.retain(|(n, _)| n != "jira_status");
                    for (n, v) in &mut r.fields {
                        if n == "status" {
                            *v = super::Value::Text(status.clone());
                        }
                    }
                }
                // A moment that is one of the record's events is shown from that event on
                // (another record's event at the same moment comes first or after by
                // order), any other from its time on.
                let own = state[i].as_ref().map_or(e.time, |(_, t)| *t);
                let later = |t: Option<i64>| t.is_some_and(|t| t > own && (t > e.time || moments[i].contains(&t)));
                r.fields.retain(|(n, _)| {
                    !((n == RESOLVED_FIELD && later(d.and_then(|d| d.resolved)))
                        || (n == STATUS_CHANGED_FIELD && later(d.and_then(|d| d.status_changed))))
                });
                r.fields.retain_mut(|(_, v)| match v {
                    super::Value::Ref(k) => !waits(k, &keys, &present),
                    super::Value::Refs(ks) => {
                        ks.retain(|k| !waits(k, &keys, &present));
                        !ks.is_empty()
                    }
                    _ => true,
                });
                r
            })
            .collect();
        let planned = super::plan_with_ids(root, config, Some(repo), existing, version, Vec::new(), &mut replay)?;
        let (author, message) = match e.step {
            Step::Created => (
                reporter(dates.get(&e.key.to_lowercase()), e.time),
                format!("Import {}: created", e.key),
            ),
            Step::StatusChanged => (
                importer(e.time),
                format!(
                    "Import {}: status category changed{}",
                    e.key,
                    category_said(config, e.status.as_deref())
                ),
            ),
            Step::Resolved => (
                importer(e.time),
                format!("Import {}: resolved{}", e.key, category_said(config, e.status.as_deref())),
            ),
        };
        commits.extend(chain.next(&planned, author.clone(), author, message));
    }
    Ok(HistoryPlan {
        commits,
        status_changed: chain.status_changed.len(),
        jira: Some(counts),
        rel_root,
        ..HistoryPlan::default()
    })
}

/// The importer's signature at `time` ([`IMPORTER_NAME`]).
fn importer(time: i64) -> Signature {
    Signature {
        name: IMPORTER_NAME.to_owned(),
        email: IMPORTER_EMAIL.to_owned(),
        time,
    }
}

/// ` to <category>` for a commit message: the category of `status` in the workflow.
fn category_said(config: &Config, status: Option<&str>) -> String {
    status
        .and_then(|s| config.workflow.category(s))
        .map_or_else(String::new, |c| format!(" to {}", c.as_str()))
}

/// The keys a record refers to.
fn references(r: &Record) -> Vec<&str> {
    r.fields
        .iter()
        .flat_map(|(_, v)| match v {
            super::Value::Ref(k) => vec![k.as_str()],
            super::Value::Refs(ks) => ks.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// Whether a reference to `key` waits for its record: one of the export, not there yet.
fn waits(key: &str, keys: &HashMap<String, usize>, present: &[bool]) -> bool {
    keys.get(&key.to_lowercase()).is_some_and(|&j| !present[j])
}

/// A commit id as `git log --oneline` shows it.
fn short(id: &str) -> &str {
    id.get(..7).unwrap_or(id)
}

/// Write the history: its commits on a chain of their own, then the files of `now` (the
/// plain import) into the workspace at `root`, then whatever `also` writes there (files
/// that are no items, like the documents a Backlog.md import copies; it returns their
/// paths, relative to `root`), and one commit (its message and author) that joins the chain to HEAD
/// with them all (see [`crate::git::ChainWriter`]), so the work tree is clean after it.
/// Returns the joining commit's id; `None`, with nothing written, when there is nothing to
/// write (a second run).
///
/// # Errors
/// As [`super::write`] for files that exist or cannot be written and for workspace files
/// pobox cannot read; [`HistoryImportError::Uncommitted`] when the backlog folder has
/// changes not committed; git failures. Nothing is written when a check fails.
pub fn write(
    root: &Path,
    config: &Config,
    repo: &Repo,
    now: &Plan,
    history: &HistoryPlan,
    (message, author): (&str, &Signature),
    also: impl FnOnce() -> Result<Vec<PathBuf>, ImportError>,
) -> Result<Option<String>, HistoryImportError> {
    super::check_writable(root, now)?;
    if now.items.is_empty() && history.commits.is_empty() {
        return Ok(None);
    }
    let dirty = repo.changes_below(&history.rel_root.join(&config.backlog_dir))?;
    if !dirty.is_empty() {
        return Err(HistoryImportError::Uncommitted(dirty));
    }
    let mut chain = ChainWriter::new(repo)?;
    for c in &history.commits {
        chain.commit(c)?;
    }
    super::write(root, now)?;
    let mut files: Vec<(String, Vec<u8>)> = now
        .items
        .iter()
        .map(|p| {
            (
                crate::text::path::slash(&history.rel_root.join(&p.path)),
                p.text.as_bytes().to_vec(),
            )
        })
        .collect();
    for rel in also()? {
        let bytes = std::fs::read(root.join(&rel)).map_err(|source| ImportError::Read {
            path: root.join(&rel),
            source,
        })?;
        files.push((crate::text::path::slash(&history.rel_root.join(&rel)), bytes));
    }
    Ok(Some(chain.join(&files, message, author)?))
}
