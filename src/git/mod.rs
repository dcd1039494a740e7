//! Everything pobox asks of git. The only module that uses git2.

pub mod links;
mod tree;
mod write;

pub use write::{ChainWriter, Replayed};

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// A git failure, with git's own message.
#[derive(Debug, thiserror::Error)]
#[error("git: {0}")]
pub struct GitError(String);

impl From<git2::Error> for GitError {
    fn from(e: git2::Error) -> Self {
        GitError(e.message().to_owned())
    }
}

/// An open repository.
pub struct Repo {
    repo: git2::Repository,
}

/// An author or committer, and when.
#[derive(Debug, Clone)]
pub struct Signature {
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Seconds since the Unix epoch.
    pub time: i64,
}

/// What git records of a working-tree file when staging it: (mtime seconds, mtime
/// nanoseconds, size, inode), the sizes and inodes truncated to 32 bits as in the index.
pub type Stat = (i64, u32, u64, u64);

/// A file as the git index records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    /// Path relative to the work tree root, with `/`.
    pub path: String,
    /// The staged content's blob id.
    pub blob: BlobId,
    /// What the working-tree file looked like when it was staged: (mtime seconds,
    /// mtime nanoseconds, size, inode). Equal stat data means the file still holds `blob`.
    pub stat: Stat,
    /// Whether it is a symbolic link: its blob holds the target, not a file's content.
    pub link: bool,
}

/// A blob id (git's content hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlobId(pub [u8; 20]);

impl BlobId {
    /// The id git gives `bytes` as a blob, computed without a repository.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Option<BlobId> {
        git2::Oid::hash_object(git2::ObjectType::Blob, bytes)
            .ok()
            .and_then(|o| o.as_bytes().try_into().ok().map(BlobId))
    }

    /// Hex form.
    #[must_use]
    pub fn to_hex(self) -> String {
        use std::fmt::Write as _;
        self.0.iter().fold(String::with_capacity(40), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
    }

    /// From the hex form.
    #[must_use]
    pub fn from_hex(hex: &str) -> Option<BlobId> {
        git2::Oid::from_str(hex).ok().and_then(|o| o.as_bytes().try_into().ok().map(BlobId))
    }
}

/// A path changed between HEAD and the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedChange {
    /// The path in the index (for deletions: the path that was deleted).
    pub path: String,
    /// The blob at HEAD, if the path existed there.
    pub old: Option<BlobId>,
    /// The staged blob, unless the change deletes the file.
    pub new: Option<BlobId>,
    /// Whether it is, or was, a symbolic link.
    pub link: bool,
}

/// The file mode git gives a symbolic link.
const LINK_MODE: u32 = 0o120_000;

/// One commit of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    /// Its id, in hex.
    pub id: String,
    /// Commit time, seconds since the Unix epoch.
    pub time: i64,
    /// Author.
    pub author: (String, String),
    /// Committer.
    pub committer: (String, String),
    /// The first line of its message.
    pub summary: String,
}

impl Repo {
    /// Every commit reachable from HEAD, oldest first.
    ///
    /// # Errors
    /// When there is no HEAD or the history cannot be read.
    pub fn head_commits(&self) -> Result<Vec<CommitInfo>, GitError> {
        let mut walk = self.repo.revwalk()?;
        walk.push_head()?;
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
        let who = |s: git2::Signature<'_>| {
            (
                String::from_utf8_lossy(s.name_bytes()).into_owned(),
                String::from_utf8_lossy(s.email_bytes()).into_owned(),
            )
        };
        walk.map(|id| {
            let c = self.repo.find_commit(id?)?;
            Ok(CommitInfo {
                id: c.id().to_string(),
                time: c.time().seconds(),
                author: who(c.author()),
                committer: who(c.committer()),
                summary: String::from_utf8_lossy(c.summary_bytes().unwrap_or_default()).into_owned(),
            })
        })
        .collect()
    }

    /// The `.git` folder (for a worktree, its own git dir).
    #[must_use]
    pub fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    /// The git folder the work trees of this repository share (for a linked worktree, the
    /// main repository's), which holds the hooks.
    #[must_use]
    pub fn common_dir(&self) -> &Path {
        self.repo.commondir()
    }

    /// The index a commit in progress will record: the file git names in `GIT_INDEX_FILE`
    /// (git sets it for hooks, e.g. `.git/index.lock` during `git commit -a`), else the
    /// repository's index.
    ///
    /// The file is opened on its own rather than through the repository, which would keep
    /// it in memory for as long as the repository is open.
    fn staging_index(&self) -> Result<git2::Index, GitError> {
        let path = self.staging_index_path();
        if path.exists() {
            Ok(git2::Index::open(&path)?)
        } else {
            Ok(self.repo.index()?)
        }
    }

    /// Path of the index file [`Repo::each_index_file`] reads.
    fn staging_index_path(&self) -> PathBuf {
        std::env::var_os("GIT_INDEX_FILE")
            .filter(|v| !v.is_empty())
            .map_or_else(|| self.repo.path().join("index"), PathBuf::from)
    }

    /// Call `each` with every file in the index (stage 0), without collecting them first
    /// (an index of 100k files is large).
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn each_index_file(&self, mut each: impl FnMut(IndexFile)) -> Result<(), GitError> {
        let index = self.staging_index()?;
        for e in index.iter().filter(|e| (e.flags >> 12) & 0x3 == 0) {
            let (Ok(path), Ok(blob)) = (String::from_utf8(e.path), <[u8; 20]>::try_from(e.id.as_bytes())) else {
                continue;
            };
            let stat = (
                i64::from(e.mtime.seconds()),
                e.mtime.nanoseconds(),
                u64::from(e.file_size),
                u64::from(e.ino),
            );
            each(IndexFile {
                path,
                blob: BlobId(blob),
                stat,
                link: e.mode & 0o170_000 == LINK_MODE,
            });
        }
        Ok(())
    }

    /// When the index file was last written (seconds, nanoseconds): entries whose mtime is
    /// not older than this may have changed within the same clock tick ("racy git").
    #[must_use]
    pub fn index_mtime(&self) -> Option<(i64, u32)> {
        let meta = std::fs::metadata(self.staging_index_path()).ok()?;
        let t = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some((i64::try_from(t.as_secs()).ok()?, t.subsec_nanos()))
    }

    /// A blob's content.
    ///
    /// # Errors
    /// When the blob is missing.
    pub fn blob(&self, id: BlobId) -> Result<Vec<u8>, GitError> {
        Ok(self.repo.find_blob(git2::Oid::from_bytes(&id.0)?)?.content().to_vec())
    }

    /// A blob's size in bytes, read from its header without loading its content.
    ///
    /// # Errors
    /// When the blob is missing.
    pub fn blob_size(&self, id: BlobId) -> Result<u64, GitError> {
        let (size, _) = self.repo.odb()?.read_header(git2::Oid::from_bytes(&id.0)?)?;
        Ok(size as u64)
    }

    /// Paths whose staged content differs from HEAD (all index files when there is no HEAD).
    ///
    /// # Errors
    /// When git cannot compute the difference.
    pub fn staged_changes(&self) -> Result<Vec<StagedChange>, GitError> {
        let head = self.repo.head().ok().and_then(|h| h.peel_to_tree().ok());
        let index = self.staging_index()?;
        let mut opts = git2::DiffOptions::new();
        opts.include_typechange(true);
        let diff = self.repo.diff_tree_to_index(head.as_ref(), Some(&index), Some(&mut opts))?;
        let blob = |f: git2::DiffFile<'_>| (!f.id().is_zero()).then(|| f.id().as_bytes().try_into().ok().map(BlobId)).flatten();
        Ok(diff
            .deltas()
            .filter_map(|d| {
                let path = d.new_file().path().or_else(|| d.old_file().path())?.to_str()?.replace('\\', "/");
                Some(StagedChange {
                    path,
                    old: blob(d.old_file()),
                    new: blob(d.new_file()),
                    link: [d.old_file(), d.new_file()].iter().any(|f| f.mode() == git2::FileMode::Link),
                })
            })
            .collect())
    }

    /// The branch HEAD points at (`None` when detached or unborn).
    #[must_use]
    pub fn head_branch(&self) -> Option<String> {
        self.repo
            .head()
            .ok()
            .filter(git2::Reference::is_branch)
            .map(|h| String::from_utf8_lossy(h.shorthand_bytes()).into_owned())
    }

    /// Whether the work tree and index match HEAD (untracked files count as changes).
    ///
    /// # Errors
    /// When git cannot compute the status.
    pub fn is_clean(&self) -> Result<bool, GitError> {
        Ok(self.repo.statuses(None)?.is_empty())
    }

    /// The repository holding `path`, found the way git finds it (`git help git`,
    /// "ENVIRONMENT VARIABLES"), so that pobox sees the repository every git command run
    /// in the same environment sees; `None` when there is none. Every repository pobox
    /// reads is opened here.
    ///
    /// - `GIT_DIR` names the repository, relative to the current folder; nothing is
    ///   searched. Without it, the search goes up from `path`, stopping below the folders
    ///   in `GIT_CEILING_DIRECTORIES`, and at a file-system boundary unless
    ///   `GIT_DISCOVERY_ACROSS_FILESYSTEM` is true.
    /// - The work tree is `GIT_WORK_TREE` (relative to the current folder) when set. With
    ///   `GIT_DIR` and without it: none when `core.bare` is true, else `core.worktree`,
    ///   else the current folder.
    /// - `GIT_INDEX_FILE` names the index ([`Repo::each_index_file`]).
    ///
    /// libgit2's own `open_from_env` is not used: it reads a relative `GIT_WORK_TREE`
    /// against the git folder (git hands hooks `GIT_WORK_TREE=.`, meaning the work tree
    /// root the hook runs in), takes the git folder's parent for the work tree where git
    /// takes the current folder, and drops `GIT_WORK_TREE` when `core.bare` is set, which
    /// is how a "bare repository plus work tree" layout is usually made.
    #[must_use]
    pub fn discover(path: &Path) -> Option<Repo> {
        relax_hash_checks();
        open_as_git_does(path).ok().map(|repo| Repo { repo })
    }

    /// Create a repository at `path` whose first branch is `main`.
    ///
    /// # Errors
    /// When git cannot create it.
    pub fn init(path: &Path) -> Result<Repo, GitError> {
        let mut opts = git2::RepositoryInitOptions::new();
        opts.initial_head("main");
        Ok(Repo {
            repo: git2::Repository::init_opts(path, &opts)?,
        })
    }

    /// The work tree's root (`None` for a bare repository).
    #[must_use]
    pub fn workdir(&self) -> Option<&Path> {
        self.repo.workdir()
    }

    /// Names of every file below `dir` (a path relative to the work tree root) in the tip of
    /// every local and remote-tracking branch, following links on the way to `dir` in each.
    /// Reads tree listings only, never file contents; trees shared by many branches are
    /// listed once.
    ///
    /// # Errors
    /// When git cannot read the references.
    pub fn file_names_in_branches(&self, dir: &Path) -> Result<HashSet<String>, GitError> {
        let mut names = HashSet::new();
        let mut seen_trees = HashSet::new();
        let mut pending = Vec::new();
        let work_tree = self.canonical_workdir();
        let dir = slash(dir);
        // Links on the way are followed as far as they stay in the repository: a number
        // seen through one is taken, which costs nothing.
        let folder = LinkedDir {
            path: &dir,
            within: "",
            work_tree: work_tree.as_deref(),
        };
        for reference in self.repo.references()? {
            let Ok(reference) = reference else { continue };
            if !(reference.is_branch() || reference.is_remote()) {
                continue;
            }
            let Ok(tree) = reference.peel_to_tree() else { continue };
            let Ok(Some(sub)) = self.resolved_tree(&tree, &folder) else {
                continue;
            };
            pending.push(sub.id());
            // Branches mostly share their folders, or differ in a file or two: every tree
            // (the folder and the folders in it) is listed once, and a name is copied only
            // the first time it is seen, so 1000 branches cost little more than one.
            while let Some(id) = pending.pop() {
                if !seen_trees.insert(id) {
                    continue;
                }
                let Ok(sub) = self.repo.find_tree(id) else { continue };
                for e in &sub {
                    match e.kind() {
                        Some(git2::ObjectType::Blob) => {
                            if let Ok(n) = std::str::from_utf8(e.name_bytes())
                                && !names.contains(n)
                            {
                                names.insert(n.to_owned());
                            }
                        }
                        Some(git2::ObjectType::Tree) => pending.push(e.id()),
                        _ => {}
                    }
                }
            }
        }
        Ok(names)
    }

    /// Stage every change in the work tree (like `git add -A`) and commit it on HEAD.
    ///
    /// # Errors
    /// When git cannot write the commit.
    pub fn commit_all(&self, message: &str, author: &Signature) -> Result<(), GitError> {
        let mut index = self.repo.index()?;
        index.add_all(["*"].iter(), git2::IndexAddOption::DEFAULT, None)?;
        index.update_all(["*"].iter(), None)?;
        index.write()?;
        let tree = self.repo.find_tree(index.write_tree()?)?;
        let sig = git2::Signature::new(&author.name, &author.email, &git2::Time::new(author.time, 0))?;
        let parent = self.repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        self.repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)?;
        Ok(())
    }

    /// Create branch `name` at HEAD.
    ///
    /// # Errors
    /// When there is no HEAD commit or the branch exists.
    pub fn branch(&self, name: &str) -> Result<(), GitError> {
        let head = self.repo.head()?.peel_to_commit()?;
        self.repo.branch(name, &head, false)?;
        Ok(())
    }
}

/// One file a commit changed, compared with its first parent. Renames are not paired up:
/// a moved file is a deletion and an addition, which the caller matches by what the files
/// say (pobox matches them by item id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Path relative to the work tree root, with `/`.
    pub path: String,
    /// The blob before the commit; `None` when the commit added the file.
    pub old: Option<BlobId>,
    /// The blob after the commit; `None` when the commit deleted the file.
    pub new: Option<BlobId>,
}

/// A commit and the files it changed below one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitChanges {
    /// Its id, in hex.
    pub id: String,
    /// When history counts the commit, seconds since the Unix epoch: its commit
    /// (committer) time, when the change reached the branch, which is what history reports
    /// measure; or, when that is before the time of a parent (a clock that was wrong), the
    /// latest parent's. So time never goes back from a commit to its children.
    pub time: i64,
    /// The commit time as the commit records it: `time` unless the clock was wrong.
    pub recorded_time: i64,
    /// The author's name.
    pub author: String,
    /// The author's e-mail address.
    pub email: String,
    /// The author time as the commit records it, seconds since the Unix epoch.
    pub author_time: i64,
    /// The first line of its message.
    pub summary: String,
    /// Files changed below the folder, in path order.
    pub changes: Vec<FileChange>,
}

/// Why the history below a folder could not be walked.
#[derive(Debug, thiserror::Error)]
pub enum HistoryWalkError {
    /// A shallow clone: the oldest commits are missing, so any count taken from the history
    /// would be wrong.
    #[error("the repository is a shallow clone")]
    Shallow,
    /// git failed.
    #[error(transparent)]
    Git(#[from] GitError),
}

impl From<git2::Error> for HistoryWalkError {
    fn from(e: git2::Error) -> Self {
        HistoryWalkError::Git(e.into())
    }
}

impl Repo {
    /// Whether this is a shallow clone (`git clone --depth N`), whose history is cut off.
    #[must_use]
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// Walk every commit reachable from HEAD once, oldest first, in the order of the commit
    /// graph (parents before children, whatever the dates say; see `graph_order`), calling
    /// `each` with the commit's changes below `dir` (relative to the work tree root; empty
    /// for the whole tree) and the commit's position and the total count, for progress. A
    /// commit is compared with its first parent only, so a merge shows what it brought into
    /// the branch; commits that change nothing below `dir` are still passed on, with no
    /// changes, so positions count every commit. An unborn HEAD has no commits.
    ///
    /// Links on the way to `dir` are followed in each commit, as the file system follows
    /// them in the working tree ([`links`]), as long as they lead to a folder within
    /// `within` (the workspace); the changes are named below `dir` as given. So a `backlog`
    /// that is a link to `docs/backlog` has the history of the files there, and a commit
    /// that turns the folder into a link (or points it elsewhere) changes what is seen
    /// through it.
    ///
    /// # Errors
    /// [`HistoryWalkError::Shallow`] for a shallow clone (checked first: its walk would stop
    /// at the cut without an error), and git failures.
    pub fn walk_changes(
        &self,
        dir: &Path,
        within: &Path,
        mut each: impl FnMut(CommitChanges, usize, usize),
    ) -> Result<(), HistoryWalkError> {
        if self.repo.is_shallow() {
            return Err(HistoryWalkError::Shallow);
        }
        if self.repo.head().is_err() {
            return Ok(());
        }
        let mut walk = self.repo.revwalk()?;
        walk.push_head()?;
        // The graph alone, oldest first: no time sorting, which would trust the clocks.
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
        // Ids first (cheap), so progress can say how far along the walk is.
        let ids = walk.collect::<Result<Vec<_>, _>>()?;
        let order = graph_order(&self.repo, &ids)?;
        let total = order.len();
        let work_tree = self.canonical_workdir();
        let (dir, within) = (slash(dir), slash(within));
        let folder = LinkedDir {
            path: &dir,
            within: &within,
            work_tree: work_tree.as_deref(),
        };
        let mut trees = TreeReader::new(&self.repo)?;
        for (n, GraphCommit { id, time, recorded_time }) in order.into_iter().enumerate() {
            let commit = self.repo.find_commit(id)?;
            let parent_tree = match commit.parent(0) {
                Ok(p) => Some(p.tree_id()),
                Err(_) => None,
            };
            let changes = match trees.changes_below(parent_tree, commit.tree_id(), &folder) {
                Ok(changes) => changes,
                // A tree pobox cannot read byte by byte (another object format): libgit2's
                // own diff, which gives the same changes more slowly.
                Err(TreeReadError::Malformed) => self.libgit2_changes(parent_tree, commit.tree_id(), &folder)?,
                Err(TreeReadError::Git(e)) => return Err(e.into()),
            };
            trees.next_commit();
            let signature = commit.author();
            each(
                CommitChanges {
                    id: id.to_string(),
                    time,
                    recorded_time,
                    author: String::from_utf8_lossy(signature.name_bytes()).into_owned(),
                    email: String::from_utf8_lossy(signature.email_bytes()).into_owned(),
                    author_time: signature.when().seconds(),
                    summary: String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).into_owned(),
                    changes,
                },
                n,
                total,
            );
        }
        Ok(())
    }
}

/// A commit in the order of the history walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct GraphCommit {
    id: git2::Oid,
    /// See [`CommitChanges::time`].
    time: i64,
    /// See [`CommitChanges::recorded_time`].
    recorded_time: i64,
}

/// The commits `ids` (every commit reachable from HEAD, parents before children, as a
/// topological revwalk gives them) in the order history reads them, each with the time
/// history counts it at.
///
/// - **The graph decides the order**: a commit always comes after its parents, whatever
///   its date says. A commit dated before its parent (made where the clock was behind)
///   counts at its latest parent's time, so time never goes back along the graph.
/// - **Dates only order commits the graph leaves unordered** (on branches that were merged):
///   the earliest of the commits whose parents have all come goes next, the walk's order
///   breaking ties. Each commit's time is at least its parents', so the times never go
///   back along the walk either, and "the last commit on or before a day" is the state at
///   that day's end.
fn graph_order(repo: &git2::Repository, ids: &[git2::Oid]) -> Result<Vec<GraphCommit>, git2::Error> {
    use std::cmp::Reverse;
    let place: HashMap<git2::Oid, usize> = ids.iter().enumerate().map(|(n, id)| (*id, n)).collect();
    let mut recorded = Vec::with_capacity(ids.len());
    let mut parents: Vec<Vec<usize>> = Vec::with_capacity(ids.len());
    for id in ids {
        let commit = repo.find_commit(*id)?;
        recorded.push(commit.time().seconds());
        parents.push(commit.parent_ids().filter_map(|p| place.get(&p).copied()).collect());
    }
    // Parents come before children in `ids`, so each parent's time is final when read.
    let mut time = recorded.clone();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    for (n, ps) in parents.iter().enumerate() {
        for &p in ps {
            time[n] = time[n].max(time[p]);
            children[p].push(n);
        }
    }
    let mut waiting: Vec<usize> = parents.iter().map(Vec::len).collect();
    let mut ready: std::collections::BinaryHeap<Reverse<(i64, usize)>> =
        (0..ids.len()).filter(|&n| waiting[n] == 0).map(|n| Reverse((time[n], n))).collect();
    let mut order = Vec::with_capacity(ids.len());
    while let Some(Reverse((_, n))) = ready.pop() {
        order.push(GraphCommit {
            id: ids[n],
            time: time[n],
            recorded_time: recorded[n],
        });
        for &c in &children[n] {
            waiting[c] -= 1;
            if waiting[c] == 0 {
                ready.push(Reverse((time[c], c)));
            }
        }
    }
    Ok(order)
}

/// A folder to read below a commit's tree: its path, relative to the work tree's root,
/// and the folder links on the way must stay in (see [`Repo::walk_changes`]).
#[derive(Debug, Clone, Copy)]
struct LinkedDir<'a> {
    /// With `/`, no leading or trailing one; empty for the root.
    path: &'a str,
    /// The folder the links must lead into, like `path`.
    within: &'a str,
    /// The work tree's root as the file system names it, for absolute link targets.
    work_tree: Option<&'a Path>,
}

/// A path relative to the work tree's root as git writes it: `/` between names, none
/// around them.
fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/").trim_matches('/').to_owned()
}

impl Repo {
    /// The work tree's root as the file system names it (links resolved).
    fn canonical_workdir(&self) -> Option<PathBuf> {
        self.repo.workdir()?.canonicalize().ok()
    }

    /// The tree `folder` leads to below `root`, following links (see [`links`]), when it is
    /// a folder within `folder.within`.
    fn resolved_tree<'r>(&'r self, root: &git2::Tree<'r>, folder: &LinkedDir<'_>) -> Result<Option<git2::Tree<'r>>, git2::Error> {
        let node = |path: &str| -> Result<links::Node, git2::Error> {
            let entry = match root.get_path(Path::new(path)) {
                Ok(entry) => entry,
                Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(links::Node::Missing),
                Err(e) => return Err(e),
            };
            Ok(match entry.kind() {
                Some(git2::ObjectType::Tree) => links::Node::Dir,
                _ if u32::try_from(entry.filemode()).is_ok_and(|m| m == LINK_MODE) => {
                    links::Node::Link(self.repo.find_blob(entry.id())?.content().to_vec())
                }
                _ => links::Node::File,
            })
        };
        match links::resolve(folder.path, folder.work_tree, node)? {
            links::Resolved::Dir(real) if links::is_within(&real, folder.within) => {
                if real.is_empty() {
                    return Ok(Some(root.clone()));
                }
                let id = root.get_path(Path::new(&real))?.id();
                Ok(Some(self.repo.find_tree(id)?))
            }
            _ => Ok(None),
        }
    }

    /// The files that changed below `folder` between two trees, by libgit2's tree diff.
    fn libgit2_changes(&self, old: Option<git2::Oid>, new: git2::Oid, folder: &LinkedDir<'_>) -> Result<Vec<FileChange>, git2::Error> {
        let blob = |f: git2::DiffFile<'_>| (!f.id().is_zero()).then(|| f.id().as_bytes().try_into().ok().map(BlobId)).flatten();
        let old_root = old.map(|o| self.repo.find_tree(o)).transpose()?;
        let old = match &old_root {
            Some(root) => self.resolved_tree(root, folder)?,
            None => None,
        };
        let new_root = self.repo.find_tree(new)?;
        let new = self.resolved_tree(&new_root, folder)?;
        let mut opts = git2::DiffOptions::new();
        opts.skip_binary_check(true);
        let diff = self.repo.diff_tree_to_tree(old.as_ref(), new.as_ref(), Some(&mut opts))?;
        let mut changes: Vec<FileChange> = diff
            .deltas()
            .filter_map(|d| {
                let path = d.new_file().path().or_else(|| d.old_file().path())?.to_str()?.replace('\\', "/");
                Some(FileChange {
                    old: blob(d.old_file()),
                    new: blob(d.new_file()),
                    // Named below the folder as given, whatever links led to it.
                    path: if folder.path.is_empty() {
                        path
                    } else {
                        format!("{}/{path}", folder.path)
                    },
                })
            })
            .collect();
        changes.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(changes)
    }
}

/// Why two trees could not be compared byte by byte.
#[derive(Debug)]
enum TreeReadError {
    Malformed,
    Git(git2::Error),
}

impl From<git2::Error> for TreeReadError {
    fn from(e: git2::Error) -> Self {
        TreeReadError::Git(e)
    }
}

impl From<tree::MalformedTree> for TreeReadError {
    fn from(_: tree::MalformedTree) -> Self {
        TreeReadError::Malformed
    }
}

/// Raw tree objects for the history walk. The trees a commit has are usually the trees its
/// child's parent has, so the last commit's trees are kept for the next.
struct TreeReader<'r> {
    odb: git2::Odb<'r>,
    previous: HashMap<git2::Oid, Rc<[u8]>>,
    current: HashMap<git2::Oid, Rc<[u8]>>,
}

impl<'r> TreeReader<'r> {
    fn new(repo: &'r git2::Repository) -> Result<TreeReader<'r>, git2::Error> {
        Ok(TreeReader {
            odb: repo.odb()?,
            previous: HashMap::new(),
            current: HashMap::new(),
        })
    }

    fn read(&mut self, id: git2::Oid) -> Result<Rc<[u8]>, TreeReadError> {
        if let Some(data) = self.current.get(&id).or_else(|| self.previous.get(&id)) {
            let data = Rc::clone(data);
            self.current.insert(id, Rc::clone(&data));
            return Ok(data);
        }
        let object = self.odb.read(id)?;
        if object.kind() != git2::ObjectType::Tree {
            return Err(TreeReadError::Malformed);
        }
        let data: Rc<[u8]> = Rc::from(object.data());
        self.current.insert(id, Rc::clone(&data));
        Ok(data)
    }

    /// Done with a commit: its trees are the ones the next commit's parent has.
    fn next_commit(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }

    /// What `path` (components split by `/`, no link on the way) names below the tree
    /// `root`.
    fn node(&mut self, root: git2::Oid, path: &str) -> Result<links::Node, TreeReadError> {
        let mut at = root;
        let mut names = path.split('/').filter(|c| !c.is_empty()).peekable();
        while let Some(name) = names.next() {
            let data = self.read(at)?;
            let Some(entry) = tree::entry(&data, at.as_bytes().len(), name.as_bytes())? else {
                return Ok(links::Node::Missing);
            };
            let last = names.peek().is_none();
            match entry.kind() {
                tree::EntryKind::Tree => at = git2::Oid::from_bytes(entry.id)?,
                _ if last && entry.is_link() => {
                    let target = self.odb.read(git2::Oid::from_bytes(entry.id)?)?;
                    return Ok(links::Node::Link(target.data().to_vec()));
                }
                _ => return Ok(if last { links::Node::File } else { links::Node::Missing }),
            }
        }
        Ok(links::Node::Dir)
    }

    /// The tree `folder` leads to below the tree `root`, following links (see [`links`]),
    /// when it is a folder within `folder.within`.
    fn resolved(&mut self, root: git2::Oid, folder: &LinkedDir<'_>) -> Result<Option<git2::Oid>, TreeReadError> {
        match links::resolve(folder.path, folder.work_tree, |path| self.node(root, path))? {
            links::Resolved::Dir(real) if links::is_within(&real, folder.within) => self.subtree(root, &real),
            _ => Ok(None),
        }
    }

    /// The tree at `dir` (components split by `/`) below the tree `root`, if there is one.
    fn subtree(&mut self, root: git2::Oid, dir: &str) -> Result<Option<git2::Oid>, TreeReadError> {
        let mut at = root;
        for name in dir.split('/').filter(|c| !c.is_empty()) {
            let data = self.read(at)?;
            match tree::subtree(&data, at.as_bytes().len(), name.as_bytes())? {
                Some(id) => at = git2::Oid::from_bytes(id)?,
                None => return Ok(None),
            }
        }
        Ok(Some(at))
    }

    /// The files that changed below `folder` from `old` (no parent: `None`) to `new`, in
    /// path order, named below `folder.path` whatever links led there.
    fn changes_below(&mut self, old: Option<git2::Oid>, new: git2::Oid, folder: &LinkedDir<'_>) -> Result<Vec<FileChange>, TreeReadError> {
        let old = match old {
            Some(o) => self.resolved(o, folder)?,
            None => None,
        };
        let new = self.resolved(new, folder)?;
        let mut out = Vec::new();
        self.compare(old, new, folder.path, &mut out)?;
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    fn compare(
        &mut self,
        old: Option<git2::Oid>,
        new: Option<git2::Oid>,
        path: &str,
        out: &mut Vec<FileChange>,
    ) -> Result<(), TreeReadError> {
        if old == new {
            return Ok(());
        }
        let id_len = old.or(new).map_or(20, |o| o.as_bytes().len());
        let empty: Rc<[u8]> = Rc::from(&[][..]);
        let old_data = old.map(|o| self.read(o)).transpose()?.unwrap_or_else(|| Rc::clone(&empty));
        let new_data = new.map(|o| self.read(o)).transpose()?.unwrap_or(empty);
        let join = |name: &[u8]| {
            let name = std::str::from_utf8(name).ok()?;
            Some(if path.is_empty() {
                name.to_owned()
            } else {
                format!("{path}/{name}")
            })
        };
        let blob = |id: Option<&[u8]>| id.and_then(|id| id.try_into().ok()).map(BlobId);
        for step in tree::differences(&old_data, &new_data, id_len)? {
            match step {
                tree::Step::File { name, old, new } => {
                    // Names that are not UTF-8 cannot be backlog items (libgit2's diff skipped
                    // them too).
                    if let Some(path) = join(name) {
                        out.push(FileChange {
                            path,
                            old: blob(old),
                            new: blob(new),
                        });
                    }
                }
                tree::Step::Tree { name, old, new } => {
                    if let Some(path) = join(name) {
                        let old = old.map(git2::Oid::from_bytes).transpose()?;
                        let new = new.map(git2::Oid::from_bytes).transpose()?;
                        self.compare(old, new, &path, out)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// pobox only reads objects git wrote; re-hashing every object read (libgit2's default
/// strict verification, SHA-1 with collision detection) was a third of a history walk's
/// time. git itself does not verify on read either; `git fsck` is the tool for that.
fn relax_hash_checks() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| git2::opts::strict_hash_verification(false));
}

/// See [`Repo::discover`].
fn open_as_git_does(path: &Path) -> Result<git2::Repository, git2::Error> {
    use git2::RepositoryOpenFlags as Flags;
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let absolute = |p: PathBuf| std::path::absolute(&p).map_err(|e| git2::Error::from_str(&format!("{}: {e}", p.display())));
    let git_dir = set("GIT_DIR");
    let repo = match &git_dir {
        Some(dir) => git2::Repository::open_ext(absolute(dir.clone())?, Flags::NO_SEARCH | Flags::NO_DOTGIT, [] as [&Path; 0])?,
        None => {
            let ceilings: Vec<PathBuf> = std::env::var_os("GIT_CEILING_DIRECTORIES")
                .map(|v| std::env::split_paths(&v).filter(|p| p.is_absolute()).collect())
                .unwrap_or_default();
            let across = std::env::var("GIT_DISCOVERY_ACROSS_FILESYSTEM")
                .is_ok_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on"));
            let flags = if across { Flags::CROSS_FS } else { Flags::empty() };
            git2::Repository::open_ext(path, flags, &ceilings)?
        }
    };
    let work_tree = match set("GIT_WORK_TREE") {
        Some(tree) => Some(absolute(tree)?),
        // git's setup.c: an explicit GIT_DIR makes the current folder the work tree,
        // unless the repository says it is bare or where its work tree is.
        None if git_dir.is_some() && !repo.is_bare() && repo.config()?.get_path("core.worktree").is_err() => {
            Some(absolute(PathBuf::from("."))?)
        }
        None => None,
    };
    if let Some(tree) = work_tree {
        repo.set_workdir(&tree, false)?;
    }
    Ok(repo)
}

/// A setting from git's configuration (repository, then global and system), e.g.
/// `user.name`.
#[must_use]
pub fn config_value(repo_path: Option<&Path>, key: &str) -> Option<String> {
    match repo_path.and_then(Repo::discover) {
        Some(repo) => repo.config_value(key),
        None => non_blank(&git2::Config::open_default().ok()?, key),
    }
}

fn non_blank(config: &git2::Config, key: &str) -> Option<String> {
    config.get_string(key).ok().filter(|s| !s.trim().is_empty())
}

impl Repo {
    /// A setting from this repository's configuration (then the global and system ones).
    #[must_use]
    pub fn config_value(&self, key: &str) -> Option<String> {
        match self.repo.config() {
            Ok(config) => non_blank(&config, key),
            Err(_) => non_blank(&git2::Config::open_default().ok()?, key),
        }
    }
}

/// `path` relative to the work tree of the repository at `repo`, if inside it.
#[must_use]
pub fn relative_to_workdir(repo: &Repo, path: &Path) -> Option<PathBuf> {
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let path = path.canonicalize().ok()?;
    path.strip_prefix(workdir).ok().map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn git(dir: &Path, args: &[&str]) {
        let o = Command::new("git")
            .current_dir(dir)
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir)
            .env("GIT_AUTHOR_NAME", "T")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "T")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap();
        assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    }

    /// The byte-level tree comparison gives exactly libgit2's changes, commit by commit:
    /// edits, additions, removals, nested folders, a file turned into a folder, renames, a
    /// sibling folder whose name starts like the backlog's, and a whole folder removed.
    #[test]
    fn raw_tree_changes_match_libgit2s_diff() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let write = |path: &str, text: &str| {
            let p = d.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        git(d, &["init", "-q", "-b", "main"]);
        let mut steps: Vec<Box<dyn Fn()>> = Vec::new();
        steps.push(Box::new(|| {
            for i in 1..=30 {
                write(&format!("backlog/stories/S-{i}.md"), &format!("id: S-{i}\n"));
            }
            write("backlog/epics/E-1.md", "id: E-1\n");
            write("backlog2/x.md", "x\n");
            write("README.md", "r\n");
        }));
        steps.push(Box::new(|| write("backlog/stories/S-7.md", "id: S-7\nstatus: done\n")));
        steps.push(Box::new(|| write("README.md", "outside the backlog\n")));
        steps.push(Box::new(|| {
            std::fs::remove_file(d.join("backlog/stories/S-3.md")).unwrap();
            write("backlog/stories/S-31.md", "id: S-31\n");
            write("backlog/stories/deep/er/S-40.md", "id: S-40\n");
            write("backlog2/y.md", "y\n");
        }));
        steps.push(Box::new(|| {
            std::fs::rename(d.join("backlog/stories/S-1.md"), d.join("backlog/stories/S-1-moved.md")).unwrap();
            std::fs::remove_dir_all(d.join("backlog/epics")).unwrap();
            write("backlog/epics", "now a file\n");
        }));
        steps.push(Box::new(|| {
            std::fs::remove_file(d.join("backlog/epics")).unwrap();
            write("backlog/epics/E-1.md", "id: E-1\n");
            std::fs::remove_dir_all(d.join("backlog/stories/deep")).unwrap();
        }));
        for (n, step) in steps.iter().enumerate() {
            step();
            git(d, &["add", "-A"]);
            git(d, &["commit", "-q", "--allow-empty", "-m", &format!("step {n}")]);
        }
        let repo = Repo::discover(d).unwrap();
        let mut walk = repo.repo.revwalk().unwrap();
        walk.push_head().unwrap();
        walk.set_sorting(git2::Sort::REVERSE).unwrap();
        let mut trees = TreeReader::new(&repo.repo).unwrap();
        let mut seen = 0;
        for id in walk {
            let commit = repo.repo.find_commit(id.unwrap()).unwrap();
            let parent = commit.parent(0).ok().map(|p| p.tree_id());
            for dir in ["backlog", "backlog/stories", ""] {
                let folder = LinkedDir {
                    path: dir,
                    within: "",
                    work_tree: None,
                };
                let ours = trees.changes_below(parent, commit.tree_id(), &folder).unwrap();
                let theirs = repo.libgit2_changes(parent, commit.tree_id(), &folder).unwrap();
                assert_eq!(ours, theirs, "{:?} below {dir:?}", commit.summary());
                seen += ours.len();
            }
            trees.next_commit();
        }
        assert!(seen > 90, "{seen} changes compared");
    }

    /// Both readers follow a link on the way to the folder, in each commit, and name the
    /// changes below the folder as given: moving the backlog behind a link changes nothing
    /// seen through it, an edit through it is an edit of `backlog/…`, and a link that leaves
    /// the folder the links must stay in shows nothing.
    #[cfg(unix)]
    #[test]
    fn both_tree_readers_follow_links_to_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let write = |path: &str, text: &str| {
            let p = d.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        git(d, &["init", "-q", "-b", "main"]);
        let mut steps: Vec<Box<dyn Fn()>> = Vec::new();
        steps.push(Box::new(|| write("ws/backlog/stories/S-1.md", "id: S-1\n")));
        steps.push(Box::new(|| {
            std::fs::rename(d.join("ws/backlog"), d.join("ws/docs")).unwrap();
            std::os::unix::fs::symlink("docs", d.join("ws/backlog")).unwrap();
        }));
        steps.push(Box::new(|| write("ws/docs/stories/S-1.md", "id: S-1\nstatus: done\n")));
        steps.push(Box::new(|| {
            write("elsewhere/stories/S-2.md", "id: S-2\n");
            std::fs::remove_file(d.join("ws/backlog")).unwrap();
            std::os::unix::fs::symlink("../elsewhere", d.join("ws/backlog")).unwrap();
        }));
        let repo = Repo::discover(d).unwrap();
        let folder = LinkedDir {
            path: "ws/backlog",
            within: "ws",
            work_tree: None,
        };
        let mut seen = Vec::new();
        for (n, step) in steps.iter().enumerate() {
            step();
            git(d, &["add", "-A"]);
            git(d, &["commit", "-q", "-m", &format!("step {n}")]);
            let head = repo.repo.head().unwrap().peel_to_commit().unwrap();
            let parent = head.parent(0).ok().map(|p| p.tree_id());
            let ours = TreeReader::new(&repo.repo)
                .unwrap()
                .changes_below(parent, head.tree_id(), &folder)
                .unwrap();
            let theirs = repo.libgit2_changes(parent, head.tree_id(), &folder).unwrap();
            assert_eq!(ours, theirs, "step {n}");
            seen.push(
                ours.iter()
                    .map(|c| (c.path.clone(), c.old.is_some(), c.new.is_some()))
                    .collect::<Vec<_>>(),
            );
        }
        let s1 = "ws/backlog/stories/S-1.md".to_owned();
        assert_eq!(
            seen,
            [
                vec![(s1.clone(), false, true)],
                vec![],
                vec![(s1.clone(), true, true)],
                vec![(s1, true, false)],
            ]
        );
    }
}
