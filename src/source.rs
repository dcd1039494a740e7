//! Where a workspace's files come from — the working tree or the git index — and how a
//! file is read through the parse cache.

use std::collections::HashMap;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use crate::cache::ParseCache;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::git::links::{self, Node, Resolved};
use crate::git::{BlobId, Repo, Stat};
use crate::model::read::{ReadOptions, Record, item_from_record, read_item_recorded};
use crate::model::{Item, Kind};

/// Which version of the files to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// The files on disk.
    WorkTree,
    /// What is staged for the next commit.
    Staged,
}

/// The git index as a reader needs it: blob id and stat data per file (relative to the
/// workspace root), and the instant from which entries may be stale.
///
/// Symbolic links are kept apart: their blobs hold a target, not an item, and their stat
/// data is the link's, which says nothing about the file it names (a file read through a
/// link has no blob known without reading it). [`GitIndex::follow_links`] adds the files
/// the staged links lead to.
#[derive(Debug, Clone, Default)]
pub struct GitIndex {
    files: HashMap<PathBuf, (BlobId, Stat)>,
    /// Links, relative to the workspace root, and the blobs holding their targets.
    links: HashMap<PathBuf, BlobId>,
    /// The workspace root relative to the work tree's root, with `/` (empty at the root).
    prefix: String,
    racy_from: (i64, u32),
}

/// A file or folder of the index that the staged workspace reads under another name,
/// through links: its [`GitIndex`] holds the files below `real` below `seen` too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedPath {
    /// Where the workspace sees it (relative to the workspace root).
    pub seen: PathBuf,
    /// Where it is in the index (relative to the workspace root).
    pub real: PathBuf,
}

/// A link of the staged backlog that is not followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    /// It leads outside the workspace: where to (its target as written, or the path it
    /// leads to relative to the work tree's root).
    Outside(PathBuf, String),
    /// It leads to a folder above it, or goes round in circles.
    Loop(PathBuf),
    /// What it names is not staged.
    Dangling(PathBuf),
    /// Past [`MAX_LINKED_PATHS`] links: not followed.
    TooMany(PathBuf),
}

/// How many links of one staged backlog are followed: links to folders holding links can
/// multiply the paths to read, so past this many the rest are reported instead.
pub const MAX_LINKED_PATHS: usize = 10_000;

/// What following the links of a staged backlog found ([`GitIndex::follow_links`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StagedLinks {
    /// The files and folders read through links.
    pub linked: Vec<LinkedPath>,
    /// The links not followed, and why.
    pub problems: Vec<LinkProblem>,
}

impl StagedLinks {
    /// Every path (relative to the workspace root) under which the staged workspace reads
    /// the index's file `real`: itself, and the names links give it. Works for a file no
    /// longer staged too (a deletion), from the folders it was under.
    #[must_use]
    pub fn names_of(&self, real: &Path) -> Vec<PathBuf> {
        let mut names = vec![real.to_path_buf()];
        for l in &self.linked {
            if let Ok(rest) = real.strip_prefix(&l.real) {
                names.push(if rest.as_os_str().is_empty() {
                    l.seen.clone()
                } else {
                    l.seen.join(rest)
                });
            }
        }
        names
    }
}

impl GitIndex {
    /// Read the index of `repo` for the workspace at `root`.
    #[must_use]
    pub fn read(repo: &Repo, root: &Path) -> Self {
        let mut files = HashMap::new();
        let mut links = HashMap::new();
        let Some(prefix) = crate::git::relative_to_workdir(repo, root) else {
            return GitIndex::default();
        };
        let prefix = prefix.to_string_lossy().replace('\\', "/");
        let _ = repo.each_index_file(|f| {
            let rel = if prefix.is_empty() {
                Some(f.path.as_str())
            } else {
                f.path.strip_prefix(&prefix).and_then(|p| p.strip_prefix('/'))
            };
            if let Some(rel) = rel {
                if f.link {
                    links.insert(PathBuf::from(rel), f.blob);
                } else {
                    files.insert(PathBuf::from(rel), (f.blob, f.stat));
                }
            }
        });
        GitIndex {
            files,
            links,
            prefix,
            racy_from: repo.index_mtime().unwrap_or((i64::MIN, 0)),
        }
    }

    /// Follow the staged links in and below the folder `backlog` (relative to the
    /// workspace root) as the working tree's reader does ([`crate::workspace::item_files`]):
    /// add each file read through a link under the name the link gives it, so that the
    /// staged backlog holds the files the committed one will show. A link that leads
    /// outside the workspace, goes round in circles or names nothing staged is not followed
    /// and is returned as a problem. Without links this costs nothing.
    pub fn follow_links(&mut self, repo: &Repo, backlog: &Path) -> StagedLinks {
        let mut found = StagedLinks::default();
        if self.links.is_empty() {
            return found;
        }
        let work_tree = repo.workdir().and_then(|w| w.canonicalize().ok());
        let dirs = self.folders();
        let targets: HashMap<&Path, Vec<u8>> = self
            .links
            .iter()
            .map(|(p, b)| (p.as_path(), repo.blob(*b).unwrap_or_default()))
            .collect();
        // The files and folders the links make visible, and the links below them to follow
        // next; with the real folders above each, to tell a link back up from a link across.
        let mut pending: Vec<(PathBuf, Vec<PathBuf>)> = vec![(backlog.to_path_buf(), Vec::new())];
        let mut followed = 0;
        while let Some((seen, above)) = pending.pop() {
            followed += 1;
            if followed > MAX_LINKED_PATHS {
                found.problems.push(LinkProblem::TooMany(seen));
                continue;
            }
            let in_repo = self.in_repo(&seen);
            let node = |path: &str| -> Result<Node, std::convert::Infallible> { Ok(self.node(path, &dirs, &targets)) };
            let Ok(resolved) = links::resolve(&in_repo, work_tree.as_deref(), node);
            let real = resolved.path().and_then(|p| self.in_workspace(p));
            match (&resolved, real) {
                (Resolved::Dir(_), Some(real)) => {
                    if above.iter().any(|a| a.starts_with(&real)) {
                        found.problems.push(LinkProblem::Loop(seen));
                        continue;
                    }
                    let mut below: Vec<&PathBuf> = self.links.keys().filter(|l| l.starts_with(&real) && **l != real).collect();
                    below.sort();
                    let mut chain = above.clone();
                    chain.push(real.clone());
                    for link in below.into_iter().rev() {
                        let rest = link.strip_prefix(&real).unwrap_or(link);
                        pending.push((seen.join(rest), chain.clone()));
                    }
                    if real != seen {
                        found.linked.push(LinkedPath { seen, real });
                    }
                }
                (Resolved::File(_), Some(real)) => {
                    if real != seen {
                        found.linked.push(LinkedPath { seen, real });
                    }
                }
                // No backlog folder staged: nothing to read, as in the working tree.
                (Resolved::Missing(_), Some(_)) if seen == backlog => {}
                (Resolved::Missing(_), Some(_)) => found.problems.push(LinkProblem::Dangling(seen)),
                (Resolved::Loop, _) => found.problems.push(LinkProblem::Loop(seen)),
                (Resolved::Outside(target), _) => found.problems.push(LinkProblem::Outside(seen, target.clone())),
                (_, None) => {
                    let to = resolved.path().unwrap_or_default().to_owned();
                    found.problems.push(LinkProblem::Outside(seen, to));
                }
            }
        }
        // Each linked path holds what its real one holds; files first, folders then, so a
        // folder seen through two links gets both names.
        let mut added: Vec<(PathBuf, (BlobId, Stat))> = Vec::new();
        for l in &found.linked {
            if let Some(entry) = self.files.get(&l.real) {
                added.push((l.seen.clone(), *entry));
            } else {
                for (path, entry) in &self.files {
                    if let Ok(rest) = path.strip_prefix(&l.real) {
                        added.push((l.seen.join(rest), *entry));
                    }
                }
            }
        }
        self.files.extend(added);
        found
    }

    /// Every folder that holds a staged file or link, relative to the workspace root.
    fn folders(&self) -> std::collections::HashSet<PathBuf> {
        let mut dirs = std::collections::HashSet::new();
        for path in self.files.keys().chain(self.links.keys()) {
            for dir in path.ancestors().skip(1) {
                if !dirs.insert(dir.to_path_buf()) {
                    break;
                }
            }
        }
        dirs
    }

    /// A path relative to the workspace root, relative to the work tree's root instead.
    fn in_repo(&self, path: &Path) -> String {
        let path = crate::text::path::slash(path);
        match (self.prefix.is_empty(), path.is_empty()) {
            (true, _) => path,
            (false, true) => self.prefix.clone(),
            (false, false) => format!("{}/{path}", self.prefix),
        }
    }

    /// A path relative to the work tree's root, relative to the workspace root instead, when
    /// it is inside the workspace.
    fn in_workspace(&self, path: &str) -> Option<PathBuf> {
        if !links::is_within(path, &self.prefix) {
            return None;
        }
        let rest = if self.prefix.is_empty() { path } else { &path[self.prefix.len()..] };
        Some(PathBuf::from(rest.trim_start_matches('/')))
    }

    /// What `path` (relative to the work tree's root) names in the index. Outside the
    /// workspace only its own folders are known: anything else is missing (and a link
    /// that leads there is not followed anyway).
    fn node(&self, path: &str, dirs: &std::collections::HashSet<PathBuf>, targets: &HashMap<&Path, Vec<u8>>) -> Node {
        let Some(rel) = self.in_workspace(path) else {
            return if links::is_within(&self.prefix, path) {
                Node::Dir
            } else {
                Node::Missing
            };
        };
        if let Some(target) = targets.get(rel.as_path()) {
            Node::Link(target.clone())
        } else if self.files.contains_key(&rel) {
            Node::File
        } else if dirs.contains(&rel) {
            Node::Dir
        } else {
            Node::Missing
        }
    }

    /// The staged blob of a file.
    #[must_use]
    pub fn blob(&self, rel: &Path) -> Option<BlobId> {
        self.files.get(rel).map(|(b, _)| *b)
    }
}

/// Reads item files of one workspace, through the cache when it can.
pub struct FileReader<'a> {
    root: &'a Path,
    config: &'a Config,
    bodies: bool,
    version: Version,
    cache: &'a ParseCache,
    /// Index entries by path relative to the workspace root: blob id and stat data.
    index: HashMap<PathBuf, (BlobId, Stat)>,
    /// Index entries modified at or after this instant may be stale ("racy git").
    racy_from: (i64, u32),
}

/// The cache fingerprint: what changes how a file reads, beyond its content.
#[must_use]
pub fn fingerprint(config: &Config) -> String {
    let mut prefixes: Vec<String> = config.id_prefixes.iter().map(|(k, p)| format!("{k}={p}")).collect();
    prefixes.sort();
    prefixes.join(",")
}

impl<'a> FileReader<'a> {
    /// A reader of `version` of the workspace at `root`. `repo` gives the index (needed for
    /// `Version::Staged`; without it, every file is read from disk).
    #[must_use]
    pub fn new(root: &'a Path, config: &'a Config, bodies: bool, version: Version, repo: Option<&'a Repo>, cache: &'a ParseCache) -> Self {
        let index = match repo {
            Some(repo) if cache.is_enabled() || version == Version::Staged => GitIndex::read(repo, root),
            _ => GitIndex::default(),
        };
        Self::with_index(root, config, bodies, version, index, cache)
    }

    /// A reader over an index already read (so one command reads it once).
    #[must_use]
    pub fn with_index(root: &'a Path, config: &'a Config, bodies: bool, version: Version, index: GitIndex, cache: &'a ParseCache) -> Self {
        let GitIndex {
            files: index, racy_from, ..
        } = index;
        FileReader {
            root,
            config,
            bodies,
            version,
            cache,
            index,
            racy_from,
        }
    }

    /// The blob id of every indexed file, relative to the root (the reader is done).
    #[must_use]
    pub fn into_blobs(self) -> HashMap<PathBuf, BlobId> {
        self.index.into_iter().map(|(p, (b, _))| (p, b)).collect()
    }

    /// Markdown files under the backlog folder in this version, relative to the root.
    #[must_use]
    pub fn staged_paths(&self) -> Vec<PathBuf> {
        let backlog = Path::new(&self.config.backlog_dir);
        let mut paths: Vec<PathBuf> = self.index.keys().filter(|p| p.starts_with(backlog)).cloned().collect();
        paths.sort();
        paths
    }

    /// The blob id of a file, when known without reading it: the staged one, or the index's
    /// when the working-tree file still has the size and times git recorded.
    #[must_use]
    pub fn known_blob(&self, path: &Path) -> Option<BlobId> {
        let &(blob, stat_then) = self.index.get(path)?;
        if self.version == Version::Staged {
            return Some(blob);
        }
        let meta = std::fs::symlink_metadata(self.root.join(path)).ok()?;
        let stat = stat_of(&meta)?;
        let (secs, nanos, size, ino) = stat_then;
        let same = stat.0 == secs && stat.1 == nanos && stat.2 == size && (ino == 0 || stat.3 == ino);
        (same && (secs, nanos) < self.racy_from).then_some(blob)
    }

    fn bytes(&self, path: &Path, blob: Option<BlobId>, repo: Option<&Repo>) -> std::io::Result<Vec<u8>> {
        match (self.version, repo, blob) {
            (Version::Staged, Some(repo), Some(id)) => match repo.blob_size(id).map_err(std::io::Error::other)? {
                size if size > crate::parse::MAX_ITEM_BYTES => Err(crate::parse::too_large(size)),
                _ => repo.blob(id).map_err(std::io::Error::other),
            },
            _ => crate::parse::read_item_bytes(&self.root.join(path)),
        }
    }

    /// The options for reading an item of `kind`.
    fn options<'p>(&self, kind: Kind, prefixes: &'p [&'p str]) -> ReadOptions<'p>
    where
        'a: 'p,
    {
        ReadOptions {
            prefix: self.config.prefix(kind),
            mention_prefixes: prefixes,
            body: self.bodies,
        }
    }

    /// Rebuild an item from the cached record of its content.
    #[must_use]
    pub fn from_record(&self, kind: Kind, path: &Path, record: Record) -> Option<Item> {
        let prefixes = self.config.prefixes();
        item_from_record(kind, path, record, self.options(kind, &prefixes))
    }

    /// Read one item file; never fails (see [`read_item_recorded`]). `blob` is its blob id
    /// when known; `repo` reads staged blobs (git2 handles are per thread, so each thread
    /// passes its own). A clean file's record goes into the cache.
    #[must_use]
    pub fn read(&self, kind: Kind, path: &Path, blob: Option<BlobId>, repo: Option<&Repo>) -> (Item, Vec<Diagnostic>) {
        let prefixes = self.config.prefixes();
        let opts = self.options(kind, &prefixes);
        let bytes = match self.bytes(path, blob, repo) {
            Ok(b) => b,
            Err(e) => {
                let mut item = Item::bare(kind, crate::model::item::file_stem(path).to_owned(), path.to_path_buf());
                item.broken = Some(format!("cannot read: {e}"));
                return (item, vec![Diagnostic::unreadable(path, &e)]);
            }
        };
        let (item, diags, record) = read_item_recorded(kind, path, &bytes, opts);
        if let Some(record) = record
            && self.cache.is_enabled()
            && let Some(id) = blob.or_else(|| BlobId::of(&bytes))
        {
            self.cache.put(id, &record);
        }
        (item, diags)
    }

    /// Read every file (kind, path): first whatever the cache holds for the blobs known
    /// without reading, in one pass over the cache file, then the rest from disk or the
    /// index, in parallel. `repo_root` opens a repository per thread for staged blobs.
    #[must_use]
    pub fn read_all(&self, files: &[(Kind, PathBuf)], repo_root: Option<&Path>) -> (Vec<Item>, Vec<Diagnostic>) {
        let blobs: Vec<Option<BlobId>> = if self.cache.is_enabled() || self.version == Version::Staged {
            files.par_iter().map(|(_, p)| self.known_blob(p)).collect()
        } else {
            vec![None; files.len()]
        };
        // Blob → the first file holding it; files with the same content as another (rare)
        // are listed apart, so the common case costs no allocation per file.
        let mut wanted: HashMap<BlobId, usize> = HashMap::new();
        let mut copies: HashMap<BlobId, Vec<usize>> = HashMap::new();
        if self.cache.is_enabled() {
            wanted.reserve(files.len());
            for (i, b) in blobs.iter().enumerate() {
                if let Some(b) = b
                    && wanted.insert(*b, i).is_some()
                {
                    copies.entry(*b).or_default().push(i);
                }
            }
        }
        let hits: Vec<(usize, Item)> = self.cache.stream(&wanted, |id, record| {
            let mut out = Vec::with_capacity(1);
            for &i in copies.get(&id).map_or(&[][..], Vec::as_slice) {
                out.extend(self.from_record(files[i].0, &files[i].1, record.clone()).map(|item| (i, item)));
            }
            if let Some(&i) = wanted.get(&id) {
                out.extend(self.from_record(files[i].0, &files[i].1, record).map(|item| (i, item)));
            }
            out
        });
        if hits.is_empty() {
            // Nothing cached (a first run, or no repository): read every file directly.
            // Indexing through a list of misses here cost 27 MB of peak memory at 100k files.
            let (items, diags): (Vec<Item>, Vec<Vec<Diagnostic>>) = match repo_root {
                None => files
                    .par_iter()
                    .zip(&blobs)
                    .map(|((kind, path), blob)| self.read(*kind, path, *blob, None))
                    .unzip(),
                Some(root) => files
                    .par_iter()
                    .zip(&blobs)
                    .map_init(
                        || Repo::discover(root),
                        |repo, ((kind, path), blob)| self.read(*kind, path, *blob, repo.as_ref()),
                    )
                    .unzip(),
            };
            return (items, diags.into_iter().flatten().collect());
        }
        let mut done = vec![false; files.len()];
        for (i, _) in &hits {
            done[*i] = true;
        }
        // Moved in place (the allocation is reused), so items are never held twice.
        let mut items: Vec<Item> = hits.into_iter().map(|(_, item)| item).collect();
        let misses: Vec<usize> = (0..files.len()).filter(|&i| !done[i]).collect();
        let (read, diags): (Vec<Item>, Vec<Vec<Diagnostic>>) = misses
            .par_iter()
            .map_init(
                || repo_root.and_then(Repo::discover),
                |repo, &i| self.read(files[i].0, &files[i].1, blobs[i], repo.as_ref()),
            )
            .unzip();
        if items.is_empty() {
            items = read;
        } else {
            items.extend(read);
        }
        (items, diags.into_iter().flatten().collect())
    }
}

#[cfg(unix)]
fn stat_of(meta: &std::fs::Metadata) -> Option<Stat> {
    use std::os::unix::fs::MetadataExt;
    // The index keeps 32-bit sizes and inode numbers.
    Some((
        meta.mtime(),
        u32::try_from(meta.mtime_nsec()).ok()?,
        meta.size() & 0xffff_ffff,
        meta.ino() & 0xffff_ffff,
    ))
}

#[cfg(not(unix))]
fn stat_of(_meta: &std::fs::Metadata) -> Option<Stat> {
    None
}
