//! Everything pobox asks of git. The only module that uses git2.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

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
}

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

    /// The repository containing `path`, if any.
    #[must_use]
    pub fn discover(path: &Path) -> Option<Repo> {
        relax_hash_checks();
        git2::Repository::discover(path).ok().map(|repo| Repo { repo })
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
    /// every local and remote-tracking branch. Reads tree listings only, never file
    /// contents; trees shared by many branches are listed once.
    ///
    /// # Errors
    /// When git cannot read the references.
    pub fn file_names_in_branches(&self, dir: &Path) -> Result<HashSet<String>, GitError> {
        let mut names = HashSet::new();
        let mut seen_trees = HashSet::new();
        for reference in self.repo.references()? {
            let Ok(reference) = reference else { continue };
            if !(reference.is_branch() || reference.is_remote()) {
                continue;
            }
            let Ok(tree) = reference.peel_to_tree() else { continue };
            let Ok(entry) = tree.get_path(dir) else { continue };
            if seen_trees.insert(entry.id()) {
                let Ok(sub) = self.repo.find_tree(entry.id()) else { continue };
                sub.walk(git2::TreeWalkMode::PreOrder, |_, e| {
                    if e.kind() == Some(git2::ObjectType::Blob)
                        && let Ok(n) = e.name()
                    {
                        names.insert(n.to_owned());
                    }
                    git2::TreeWalkResult::Ok
                })?;
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
    /// Commit (committer) time, seconds since the Unix epoch: when the change reached the
    /// branch, which is what history reports measure.
    pub time: i64,
    /// The author's name.
    pub author: String,
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

    /// Walk every commit reachable from HEAD once, oldest first (topological order, ties by
    /// time), calling `each` with the commit's changes below `dir` (relative to the work
    /// tree root; empty for the whole tree) and the commit's position and the total count,
    /// for progress. A commit is compared with its first parent only, so a merge shows what
    /// it brought into the branch; commits that change nothing below `dir` are still
    /// passed on, with no changes, so positions count every commit. An unborn HEAD has no
    /// commits.
    ///
    /// # Errors
    /// [`HistoryWalkError::Shallow`] for a shallow clone (checked first: its walk would stop
    /// at the cut without an error), and git failures.
    pub fn walk_changes(&self, dir: &Path, mut each: impl FnMut(CommitChanges, usize, usize)) -> Result<(), HistoryWalkError> {
        if self.repo.is_shallow() {
            return Err(HistoryWalkError::Shallow);
        }
        if self.repo.head().is_err() {
            return Ok(());
        }
        let mut walk = self.repo.revwalk()?;
        walk.push_head()?;
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME | git2::Sort::REVERSE)?;
        // Ids first (cheap), so progress can say how far along the walk is.
        let ids = walk.collect::<Result<Vec<_>, _>>()?;
        let total = ids.len();
        let dir = dir.to_string_lossy().replace('\\', "/");
        let dir = dir.trim_matches('/');
        let blob = |f: git2::DiffFile<'_>| (!f.id().is_zero()).then(|| f.id().as_bytes().try_into().ok().map(BlobId)).flatten();
        for (n, id) in ids.into_iter().enumerate() {
            let commit = self.repo.find_commit(id)?;
            let tree = commit.tree()?;
            let parent_tree = match commit.parent(0) {
                Ok(p) => Some(p.tree()?),
                Err(_) => None,
            };
            let mut opts = git2::DiffOptions::new();
            // Literal prefix matching: a backlog folder named `a*b` means just that folder.
            opts.skip_binary_check(true).disable_pathspec_match(true);
            if !dir.is_empty() {
                opts.pathspec(dir);
            }
            let diff = self.repo.diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut opts))?;
            let changes = diff
                .deltas()
                .filter_map(|d| {
                    let path = d.new_file().path().or_else(|| d.old_file().path())?.to_str()?.replace('\\', "/");
                    Some(FileChange {
                        path,
                        old: blob(d.old_file()),
                        new: blob(d.new_file()),
                    })
                })
                .collect();
            let author = String::from_utf8_lossy(commit.author().name_bytes()).into_owned();
            each(
                CommitChanges {
                    id: id.to_string(),
                    time: commit.time().seconds(),
                    author,
                    changes,
                },
                n,
                total,
            );
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

/// A setting from git's configuration (repository, then global and system), e.g.
/// `user.name`.
#[must_use]
pub fn config_value(repo_path: Option<&Path>, key: &str) -> Option<String> {
    let config = repo_path
        .and_then(|p| git2::Repository::discover(p).ok())
        .and_then(|r| r.config().ok())
        .or_else(|| git2::Config::open_default().ok())?;
    config.get_string(key).ok().filter(|s| !s.trim().is_empty())
}

/// `path` relative to the work tree of the repository at `repo`, if inside it.
#[must_use]
pub fn relative_to_workdir(repo: &Repo, path: &Path) -> Option<PathBuf> {
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let path = path.canonicalize().ok()?;
    path.strip_prefix(workdir).ok().map(Path::to_path_buf)
}
