//! Timelines and metrics from git commits: git is the database of change (format.md,
//! "History").
//!
//! [`History::read`] walks the commits reachable from HEAD once, oldest first, and reads
//! only the backlog files each commit changed (front-matter only, each blob once). For every
//! item id it keeps a [`Timeline`]: an [`Entry`] at every commit that changed the item's
//! status, points, sprint or file (added, moved, deleted). The metrics in [`metrics`] and
//! [`sprints`] are computed from those timelines.
//!
//! Dates are the commit time (the committer's, when the change reached the branch) taken in
//! UTC, so a report is the same in every time zone. The walk follows the commit graph, not
//! the clock ([`crate::git::Repo::walk_changes`]): a commit dated before its parent (a clock
//! that was behind) is counted at its parent's date, for timelines and every number built
//! on them, and listed in [`History::skewed`] so the user can be told. Dates therefore never
//! go back along the walk, and "the end of day D" is the state after the last commit, in
//! walk order, whose UTC date is D or earlier.

pub mod metrics;
pub mod sprints;
pub mod summary;
pub mod uncommitted;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Serialize;

use crate::config::Config;
use crate::git::{BlobId, CommitChanges, HistoryWalkError, Repo};
use crate::model::Kind;
use crate::model::read::{ReadOptions, read_item};
use crate::workspace::{AmbiguousId, Workspace, classify};

/// Why the history could not be read.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The workspace (this folder) is not in a git repository.
    #[error("{} is not in a git repository, so it has no history", .0.display())]
    NotGit(PathBuf),
    /// A shallow clone: reports would count from the cut, so none is made.
    #[error("history is missing: this is a shallow clone")]
    Shallow,
    /// git failed.
    #[error(transparent)]
    Git(#[from] crate::git::GitError),
}

impl From<HistoryWalkError> for HistoryError {
    fn from(e: HistoryWalkError) -> Self {
        match e {
            HistoryWalkError::Shallow => HistoryError::Shallow,
            HistoryWalkError::Git(g) => HistoryError::Git(g),
        }
    }
}

/// One commit of the walk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commit {
    /// Its id, in hex.
    pub id: String,
    /// Commit time, seconds since the Unix epoch; for a commit dated before its parent, the
    /// parent's ([`crate::git::CommitChanges::time`], [`History::skewed`]).
    pub time: i64,
    /// That time's date in UTC.
    pub date: Date,
    /// The author's name.
    pub author: String,
}

/// A commit dated before one of its parents: history counts it at its parent's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkewedCommit {
    /// Its id, in hex.
    pub id: String,
    /// The UTC date the commit records.
    pub recorded: Date,
    /// The UTC date history counts it at: its latest parent's.
    pub counted: Date,
}

impl SkewedCommit {
    /// The id as git abbreviates it (7 hex digits).
    #[must_use]
    pub fn short_id(&self) -> &str {
        self.id.get(..7).unwrap_or(&self.id)
    }
}

/// What happened to an item at an [`Entry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Event {
    /// The item appeared (first commit of its file, or back after a deletion).
    Added,
    /// Its status, points, sprint or path changed.
    Changed,
    /// Its file was deleted and no other file has its id: the timeline ends here.
    Deleted,
}

/// One value that changed at an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// `status`, `points`, `sprint` or `path`.
    pub field: &'static str,
    /// The value before (`None`: not set).
    pub from: Option<String>,
    /// The value after (`None`: not set).
    pub to: Option<String>,
}

/// The tracked values of an item after a commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct State {
    /// `status`.
    pub status: Option<String>,
    /// `points` (stories).
    pub points: Option<u32>,
    /// `sprint` (stories, meetings).
    pub sprint: Option<String>,
}

/// An item at a commit that changed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Index of the commit in [`History::commits`].
    #[serde(skip)]
    pub commit: usize,
    /// The commit's id.
    pub commit_id: String,
    /// The commit's UTC date.
    pub date: Date,
    /// The commit's author.
    pub author: String,
    /// What happened.
    pub event: Event,
    /// The values after the commit (for a deletion: the last values).
    #[serde(flatten)]
    pub state: State,
    /// The file, relative to the workspace root, with `/`.
    pub path: String,
    /// What changed compared with the entry before (empty for [`Event::Added`] and
    /// [`Event::Deleted`]).
    pub changes: Vec<FieldChange>,
}

/// Everything the history says about one item id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// The id.
    pub id: String,
    /// The kind its folder gave it (the latest one).
    pub kind: Kind,
    /// Title in the latest version of the file.
    pub title: String,
    /// `created` in the latest version of the file.
    pub created: Option<Date>,
    /// A sprint's `start` in the latest version of its file.
    pub start: Option<Date>,
    /// A sprint's `end` in the latest version of its file.
    pub end: Option<Date>,
    /// Entries, oldest first (walk order).
    pub entries: Vec<Entry>,
}

impl Timeline {
    /// The values after commit `commit` (an index into [`History::commits`]); `None` when
    /// the item did not exist then (not yet added, or deleted).
    #[must_use]
    pub fn state_after(&self, commit: usize) -> Option<&State> {
        let n = self.entries.partition_point(|e| e.commit <= commit);
        let e = self.entries[..n].last()?;
        (e.event != Event::Deleted).then_some(&e.state)
    }

    /// Like [`Timeline::state_after`] for an optional commit: `None` means before the first
    /// commit, when nothing existed.
    #[must_use]
    pub fn state_at(&self, point: Option<usize>) -> Option<&State> {
        point.and_then(|c| self.state_after(c))
    }

    /// Whether the item's timeline has ended with a deletion.
    #[must_use]
    pub fn is_deleted(&self) -> bool {
        self.entries.last().is_some_and(|e| e.event == Event::Deleted)
    }
}

/// The backlog's history: every commit and every item's timeline.
#[derive(Debug, Clone)]
pub struct History {
    /// Every commit reachable from HEAD, in walk order (oldest first): parents before
    /// children, dates never going back (see the module's notes).
    pub commits: Vec<Commit>,
    /// Commits whose recorded date is before a parent's, in walk order; each is counted at
    /// its parent's date in [`History::commits`].
    pub skewed: Vec<SkewedCommit>,
    /// Timelines, in the order the items first appeared.
    pub timelines: Vec<Timeline>,
    /// The workspace's settings the statuses are judged by (the current ones: history is
    /// read through today's workflow).
    pub config: Config,
    by_id: HashMap<String, usize>,
    /// Ids that more than one file has at the newest commit, with those files (relative to
    /// the workspace root, with `/`, in path order).
    shared: HashMap<String, Vec<String>>,
}

/// What one blob says, for the fields history tracks.
#[derive(Debug, Clone)]
struct Parsed {
    id: String,
    title: String,
    created: Option<Date>,
    start: Option<Date>,
    end: Option<Date>,
    state: State,
}

impl History {
    /// A history without commits: what a workspace outside git has (reports built on it
    /// show no velocity and no forecast).
    #[must_use]
    pub fn empty(config: Config) -> History {
        History {
            commits: Vec::new(),
            skewed: Vec::new(),
            timelines: Vec::new(),
            config,
            by_id: HashMap::new(),
            shared: HashMap::new(),
        }
    }

    /// Read the history of `ws`'s backlog from `repo` (the repository holding it).
    ///
    /// # Errors
    /// [`HistoryError::Shallow`] for a shallow clone, [`HistoryError::NotGit`] when the
    /// workspace is outside the repository's work tree, git failures.
    pub fn read(ws: &Workspace, repo: &Repo) -> Result<History, HistoryError> {
        Self::read_with_progress(ws, repo, |_, _| {})
    }

    /// Find the repository holding `ws` and read its history.
    ///
    /// # Errors
    /// As [`History::read`]; [`HistoryError::NotGit`] when there is no repository.
    pub fn open(ws: &Workspace) -> Result<History, HistoryError> {
        let repo = Repo::discover(&ws.root).ok_or_else(|| HistoryError::NotGit(ws.root.clone()))?;
        Self::read(ws, &repo)
    }

    /// Like [`History::read`], calling `progress(done, total)` after each commit (for a
    /// progress bar; the library itself never prints).
    ///
    /// # Errors
    /// As [`History::read`].
    pub fn read_with_progress(ws: &Workspace, repo: &Repo, mut progress: impl FnMut(usize, usize)) -> Result<History, HistoryError> {
        if repo.is_shallow() {
            return Err(HistoryError::Shallow);
        }
        let rel_root = crate::git::relative_to_workdir(repo, &ws.root).ok_or_else(|| HistoryError::NotGit(ws.root.clone()))?;
        let backlog_in_repo = rel_root.join(&ws.config.backlog_dir);
        let mut reader = Reader {
            config: &ws.config,
            repo,
            rel_root: &rel_root,
            history: History {
                commits: Vec::new(),
                skewed: Vec::new(),
                timelines: Vec::new(),
                config: ws.config.clone(),
                by_id: HashMap::new(),
                shared: HashMap::new(),
            },
            parsed: HashMap::new(),
            path_ids: HashMap::new(),
            holders: HashMap::new(),
        };
        let mut failure = None;
        repo.walk_changes(&backlog_in_repo, &rel_root, |commit, n, total| {
            if failure.is_none()
                && let Err(e) = reader.apply(commit)
            {
                failure = Some(e);
            }
            progress(n + 1, total);
        })?;
        if let Some(e) = failure {
            return Err(e);
        }
        reader.note_shared_ids();
        Ok(reader.history)
    }

    /// The timeline of an item id.
    #[must_use]
    pub fn timeline(&self, id: &str) -> Option<&Timeline> {
        self.by_id.get(id).map(|&i| &self.timelines[i])
    }

    /// The files that have `id` at the newest commit, when more than one does (committed
    /// after a merge, say). Its timeline then mixes their versions, so a command showing
    /// "the" timeline of `id` refuses it with this error instead.
    #[must_use]
    pub fn ambiguous(&self, id: &str) -> Option<AmbiguousId> {
        let paths = self.shared.get(id)?;
        Some(AmbiguousId {
            id: id.to_owned(),
            paths: paths.iter().map(PathBuf::from).collect(),
            alias: false,
        })
    }

    /// Timelines of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Timeline> {
        self.timelines.iter().filter(move |t| t.kind == kind)
    }

    /// The commit whose state is "the end of `day`": the last commit in walk order dated
    /// `day` or earlier; `None` when every commit is later.
    #[must_use]
    pub fn end_of_day(&self, day: Date) -> Option<usize> {
        self.commits.iter().rposition(|c| c.date <= day)
    }

    /// The newest commit, if any.
    #[must_use]
    pub fn last_commit(&self) -> Option<usize> {
        self.commits.len().checked_sub(1)
    }
}

/// What a backlog file holds at a commit: an item id, in this blob, read as this kind.
struct Held {
    id: String,
    blob: BlobId,
    kind: Kind,
}

/// The UTC date of a time in seconds since the Unix epoch.
fn utc_date(seconds: i64) -> Date {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
        .unwrap_or(Date::MIN)
}

/// The walk's working state.
struct Reader<'a> {
    config: &'a Config,
    repo: &'a Repo,
    rel_root: &'a Path,
    history: History,
    /// Blobs read so far (each read once, whatever path it appears under).
    parsed: HashMap<(BlobId, Kind), Option<Parsed>>,
    /// What each backlog file holds at the current commit.
    path_ids: HashMap<String, Held>,
    /// How many backlog files hold each id at the current commit.
    holders: HashMap<String, usize>,
}

impl Reader<'_> {
    /// `path` holds `held` from this commit on (instead of what it held before).
    fn hold(&mut self, path: &str, held: Held) {
        if let Some(h) = self.path_ids.get_mut(path)
            && h.id == held.id
        {
            *h = held;
            return;
        }
        self.release(path);
        *self.holders.entry(held.id.clone()).or_default() += 1;
        self.path_ids.insert(path.to_owned(), held);
    }

    /// `path` holds no id from this commit on.
    fn release(&mut self, path: &str) {
        let Some(held) = self.path_ids.remove(path) else { return };
        if let Some(n) = self.holders.get_mut(&held.id) {
            *n -= 1;
            if *n == 0 {
                self.holders.remove(&held.id);
            }
        }
    }

    /// After the walk: the ids more than one file holds at the newest commit.
    fn note_shared_ids(&mut self) {
        for (path, held) in &self.path_ids {
            if self.holders.get(&held.id).is_some_and(|n| *n > 1) {
                self.history.shared.entry(held.id.clone()).or_default().push(path.clone());
            }
        }
        for paths in self.history.shared.values_mut() {
            paths.sort();
        }
    }

    /// What `blob` says, as a `kind` file at `path`; `None` when it cannot be read as an
    /// item (broken front-matter): such a version adds nothing to the timeline.
    fn parse(&mut self, blob: BlobId, kind: Kind, path: &Path) -> Result<Option<Parsed>, HistoryError> {
        if let Some(p) = self.parsed.get(&(blob, kind)) {
            return Ok(p.clone());
        }
        let bytes = self.repo.blob(blob)?;
        let opts = ReadOptions {
            prefix: self.config.prefix(kind),
            mention_prefixes: &[],
            body: false,
        };
        let (item, _) = read_item(kind, path, &bytes, opts);
        let parsed = item.broken.is_none().then(|| {
            let (start, end) = match &item.data {
                crate::model::KindData::Sprint(s) => (s.start, s.end),
                _ => (None, None),
            };
            Parsed {
                state: State {
                    status: item.status().map(str::to_owned),
                    points: item.points(),
                    sprint: item.sprint().map(str::to_owned),
                },
                id: item.id,
                title: item.title,
                created: item.created,
                start,
                end,
            }
        });
        self.parsed.insert((blob, kind), parsed.clone());
        Ok(parsed)
    }

    /// Take in one commit.
    fn apply(&mut self, commit: CommitChanges) -> Result<(), HistoryError> {
        let index = self.history.commits.len();
        let date = utc_date(commit.time);
        let recorded = utc_date(commit.recorded_time);
        if recorded < date {
            self.history.skewed.push(SkewedCommit {
                id: commit.id.clone(),
                recorded,
                counted: date,
            });
        }
        self.history.commits.push(Commit {
            id: commit.id,
            time: commit.time,
            date,
            author: commit.author,
        });
        // Deletions are settled after additions, so a file moved (or renamed) in one commit
        // keeps its timeline: the id lives on at the new path.
        let mut gone: Vec<(String, String)> = Vec::new();
        let mut upserts: Vec<(String, Kind, Parsed, Option<Parsed>)> = Vec::new();
        for change in commit.changes {
            let Ok(ws_rel) = Path::new(&change.path).strip_prefix(self.rel_root) else {
                continue;
            };
            let ws_rel = ws_rel.to_path_buf();
            let Ok(backlog_rel) = ws_rel.strip_prefix(&self.config.backlog_dir) else {
                continue;
            };
            let Some(Some(kind)) = classify(backlog_rel) else { continue };
            let path = crate::text::path::slash(&ws_rel);
            let old_id = self.path_ids.get(&path).map(|h| h.id.clone());
            let Some(new_blob) = change.new else {
                if let Some(id) = old_id {
                    self.release(&path);
                    gone.push((id, path));
                }
                continue;
            };
            let Some(new) = self.parse(new_blob, kind, &ws_rel)? else {
                continue;
            };
            let old = match change.old {
                Some(b) => self.parse(b, kind, &ws_rel)?,
                None => None,
            };
            if let Some(id) = old_id.filter(|id| *id != new.id) {
                // The file now holds another id: the old one left this path.
                gone.push((id, path.clone()));
            }
            self.hold(
                &path,
                Held {
                    id: new.id.clone(),
                    blob: new_blob,
                    kind,
                },
            );
            let old = old.filter(|o| o.id == new.id);
            upserts.push((path, kind, new, old));
        }
        let touched: HashSet<String> = upserts.iter().map(|u| u.2.id.clone()).collect();
        for (path, kind, new, old) in upserts {
            self.upsert(index, &path, kind, new, old);
        }
        for (id, path) in gone {
            if !touched.contains(&id) {
                self.delete(index, &id, &path)?;
            }
        }
        Ok(())
    }

    /// Record a version of an item. `old` is the same file's version before the commit,
    /// when it held the same id.
    fn upsert(&mut self, index: usize, path: &str, kind: Kind, new: Parsed, old: Option<Parsed>) {
        let commit = &self.history.commits[index];
        let slot = match self.history.by_id.get(&new.id) {
            Some(&i) => i,
            None => {
                self.history.timelines.push(Timeline {
                    id: new.id.clone(),
                    kind,
                    title: String::new(),
                    created: None,
                    start: None,
                    end: None,
                    entries: Vec::new(),
                });
                self.history.by_id.insert(new.id.clone(), self.history.timelines.len() - 1);
                self.history.timelines.len() - 1
            }
        };
        let t = &mut self.history.timelines[slot];
        t.kind = kind;
        t.title = new.title;
        t.created = new.created;
        t.start = new.start;
        t.end = new.end;
        let entry = |event, changes| Entry {
            commit: index,
            commit_id: commit.id.clone(),
            date: commit.date,
            author: commit.author.clone(),
            event,
            state: new.state.clone(),
            path: path.to_owned(),
            changes,
        };
        let last = t.entries.last().filter(|e| e.event != Event::Deleted);
        let Some(last) = last else {
            t.entries.push(entry(Event::Added, Vec::new()));
            return;
        };
        // A commit whose own diff leaves the values alone records nothing, even when they
        // differ from the timeline: that is a branch's older copy meeting the walk (main's
        // side of a merge), not a change anyone made.
        if old.as_ref().is_some_and(|o| o.state == new.state) && last.path == path {
            return;
        }
        let mut changes = Vec::new();
        let mut push = |field, from: Option<String>, to: Option<String>| {
            if from != to {
                changes.push(FieldChange { field, from, to });
            }
        };
        let (a, b) = (&last.state, &new.state);
        push("status", a.status.clone(), b.status.clone());
        push("points", a.points.map(|p| p.to_string()), b.points.map(|p| p.to_string()));
        push("sprint", a.sprint.clone(), b.sprint.clone());
        push("path", Some(last.path.clone()), Some(path.to_owned()));
        if !changes.is_empty() {
            t.entries.push(entry(Event::Changed, changes));
        }
    }

    /// End an item's timeline, unless it lives on in another file: a move, or one of two
    /// files with the id leaving it (the fix of a duplicate id), when the timeline goes on
    /// with the version of the file that keeps it.
    fn delete(&mut self, index: usize, id: &str, path: &str) -> Result<(), HistoryError> {
        if self.holders.contains_key(id) {
            let keeper = self.path_ids.iter().filter(|(_, h)| h.id == id).min_by(|a, b| a.0.cmp(b.0));
            if let Some((keeper, held)) = keeper.map(|(p, h)| (p.clone(), (h.blob, h.kind)))
                && let Some(version) = self.parse(held.0, held.1, Path::new(&keeper))?
            {
                self.upsert(index, &keeper, held.1, version.clone(), Some(version));
            }
            return Ok(());
        }
        let Some(&slot) = self.history.by_id.get(id) else { return Ok(()) };
        let commit = &self.history.commits[index];
        let t = &mut self.history.timelines[slot];
        let Some(last) = t.entries.last().filter(|e| e.event != Event::Deleted && e.path == path) else {
            return Ok(());
        };
        let entry = Entry {
            commit: index,
            commit_id: commit.id.clone(),
            date: commit.date,
            author: commit.author.clone(),
            event: Event::Deleted,
            state: last.state.clone(),
            path: path.to_owned(),
            changes: Vec::new(),
        };
        t.entries.push(entry);
        Ok(())
    }
}

/// Test support: histories built in memory.
#[cfg(test)]
pub(crate) mod testing {
    use jiff::civil::Date;

    use super::{Entry, Event, State, Timeline};
    use crate::model::Kind;

    /// A story's timeline from its status changes `(commit, date, status)`, the first of them
    /// the commit that added it.
    pub(crate) fn story_timeline(id: &str, changes: &[(usize, Date, &str)]) -> Timeline {
        Timeline {
            id: id.to_owned(),
            kind: Kind::Story,
            title: String::new(),
            created: None,
            start: None,
            end: None,
            entries: changes
                .iter()
                .enumerate()
                .map(|(i, &(commit, date, status))| Entry {
                    commit,
                    commit_id: String::new(),
                    date,
                    author: String::new(),
                    event: if i == 0 { Event::Added } else { Event::Changed },
                    state: State {
                        status: Some(status.to_owned()),
                        ..State::default()
                    },
                    path: format!("backlog/stories/{id}.md"),
                    changes: Vec::new(),
                })
                .collect(),
        }
    }
}
