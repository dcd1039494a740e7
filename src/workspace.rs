//! Finding a workspace and loading every item in it, and the one question every view and
//! every write asks of it about the files it could not read ([`Workspace::unreadable`]):
//! a file pobox cannot read is kept as a broken item, never silently dropped (domain §8).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cache::ParseCache;
use crate::config::{self, Config};
use crate::diag::{self, Code, Diagnostic};
use crate::git::{BlobId, Repo};
use crate::model::read::{ReadOptions, read_item};
use crate::model::{Item, Kind};
use crate::source::{FileReader, GitIndex, LinkProblem, StagedLinks, Version, fingerprint};

/// Why a workspace could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// No `pobox.yaml` in the folder or above it.
    #[error("no pobox workspace here: no pobox.yaml in {} or any folder above it", .0.display())]
    NotFound(PathBuf),
    /// A file or folder could not be read.
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        /// What could not be read.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `--staged` outside a git repository.
    #[error("{} is not in a git repository, so there is nothing staged", .0.display())]
    NotGit(PathBuf),
    /// `pobox.yaml` has errors.
    #[error("pobox.yaml is invalid")]
    Config(Vec<Diagnostic>),
}

/// Why an id does not name exactly one item ([`Workspace::find`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// No item has the id.
    #[error("no item has the id `{id}`{}", .suggestion.as_ref().map_or(String::new(), |s| format!(" (did you mean `{s}`?)")))]
    NotFound {
        /// The id asked for.
        id: String,
        /// The nearest id there is, when one is near.
        suggestion: Option<String>,
    },
    /// Several files claim the id.
    #[error(transparent)]
    Ambiguous(#[from] AmbiguousId),
}

/// An id that more than one readable file claims (what `pobox validate` reports as PO201):
/// pobox cannot tell which of them a command means, so it refuses rather than pick one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{} files {} `{}`: {}",
    .paths.len(),
    if *.alias { "list among their aliases" } else { "have the id" },
    crate::text::control::escape(.id),
    shown_paths(.paths)
)]
pub struct AmbiguousId {
    /// The id.
    pub id: String,
    /// Every file that has it, relative to the workspace root, in path order.
    pub paths: Vec<PathBuf>,
    /// No file has it as its id, but these list it among their `aliases` (after an import
    /// of two source items with one id): not a PO201, and fixed in the aliases.
    pub alias: bool,
}

/// Paths as messages show them: with `/`, control characters visible, `a and b` or `a, b
/// and c`.
fn shown_paths(paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths
        .iter()
        .map(|p| crate::text::control::escape(&crate::text::path::slash(p)).into_owned())
        .collect();
    match shown.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => shown.join(""),
    }
}

/// What to read while loading.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Parse bodies (criteria, action items, mentions). Listing does not need them.
    pub bodies: bool,
    /// Use the parse cache in the git directory (see [`crate::cache`]).
    pub cache: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { bodies: true, cache: true }
    }
}

impl LoadOptions {
    /// Without bodies (for listing).
    #[must_use]
    pub fn without_bodies() -> Self {
        LoadOptions {
            bodies: false,
            ..LoadOptions::default()
        }
    }
}

/// A loaded workspace: its settings, every item and every problem found while reading.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder holding `pobox.yaml`.
    pub root: PathBuf,
    /// Its settings.
    pub config: Config,
    /// Every item, sorted by kind then id.
    pub items: Vec<Item>,
    /// Problems found while reading, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Which version of the files this is.
    pub version: Version,
    /// For a staged workspace: the blob of each file, relative to the root.
    staged_blobs: HashMap<PathBuf, BlobId>,
    /// For a staged workspace: the files and folders it reads through links.
    staged_links: StagedLinks,
    /// Files read from the parse cache while loading; `None` without the cache.
    cache_hits: Option<usize>,
}

/// A backlog file pobox could not read as an item, as every view that lists or counts items
/// names it: what it holds (its epic, sprint, status, points) is unknown, so no count can
/// include it and none may guess where it belongs (domain §8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnreadableFile {
    /// The file, relative to the workspace root, with `/`.
    pub path: String,
    /// The kind its folder gives it.
    pub kind: Kind,
    /// The id its file name gives it.
    pub id: String,
    /// Why it cannot be read (`YAML error at line 4`, `merge conflict (line 7)`).
    pub problem: String,
}

impl UnreadableFile {
    /// The file of a broken item; `None` for an item that was read.
    #[must_use]
    pub fn of(item: &Item) -> Option<Self> {
        let problem = item.broken.as_ref()?;
        Some(UnreadableFile {
            path: crate::text::path::slash(&item.path),
            kind: item.kind,
            id: item.id.clone(),
            problem: problem.clone(),
        })
    }
}

/// A write refused because the items it would act on may include files pobox cannot read:
/// acting on what it can read would act on a wrong picture (domain §8).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {action} while {}", cannot_be_read(.files))]
pub struct UnreadableScope {
    /// What was refused, as a verb and its object: `close SP-2`, `write ranks`.
    pub action: String,
    /// Why those files matter to it: `their sprint and points are unknown`.
    pub why: &'static str,
    /// The files, in kind then id order.
    pub files: Vec<UnreadableFile>,
}

/// `backlog/stories/S-3.md cannot be read (YAML error at line 4)`, or `2 files cannot be
/// read: a (…), b (…)`.
fn cannot_be_read(files: &[UnreadableFile]) -> String {
    match files {
        [one] => format!("{} cannot be read ({})", one.path, one.problem),
        _ => {
            let each: Vec<String> = files.iter().map(|f| format!("{} ({})", f.path, f.problem)).collect();
            format!("{} files cannot be read: {}", files.len(), each.join(", "))
        }
    }
}

/// The workspace root at or above `start`: the nearest folder with a `pobox.yaml`.
///
/// # Errors
/// [`WorkspaceError::NotFound`] when there is none.
pub fn discover(start: &Path) -> Result<PathBuf, WorkspaceError> {
    let start = std::path::absolute(start).map_err(|source| WorkspaceError::Io {
        path: start.to_path_buf(),
        source,
    })?;
    start
        .ancestors()
        .find(|dir| dir.join(config::FILE_NAME).is_file())
        .map(Path::to_path_buf)
        .ok_or(WorkspaceError::NotFound(start))
}

/// The largest `pobox.yaml` pobox reads (1 MiB, like a front-matter).
pub const CONFIG_MAX_BYTES: u64 = crate::parse::MAX_FRONT_MATTER_BYTES as u64;

/// Read `pobox.yaml` of the workspace at `root`.
///
/// # Errors
/// I/O errors, and [`WorkspaceError::Config`] when it has error-level problems.
pub fn read_config(root: &Path) -> Result<(Config, Vec<Diagnostic>), WorkspaceError> {
    let path = root.join(config::FILE_NAME);
    let io = |source| WorkspaceError::Io {
        path: path.clone(),
        source,
    };
    // Settings are a few lines; a huge file is a mistake, refused before it is read.
    let size = std::fs::metadata(&path).map_err(io)?.len();
    if size > CONFIG_MAX_BYTES {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "it is {}, more than the {} pobox reads for its settings",
                crate::parse::megabytes(size),
                crate::parse::megabytes(CONFIG_MAX_BYTES)
            ),
        )));
    }
    let text = std::fs::read_to_string(&path).map_err(io)?;
    parse_config(&text)
}

/// The settings in `text` (a `pobox.yaml`), refused when they have error-level problems.
fn parse_config(text: &str) -> Result<(Config, Vec<Diagnostic>), WorkspaceError> {
    let (config, diags) = Config::parse(text, Path::new(config::FILE_NAME));
    if diags.iter().any(Diagnostic::is_error) {
        return Err(WorkspaceError::Config(diags));
    }
    Ok((config, diags))
}

/// A file that belongs to the backlog, with the kind its folder gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFile {
    /// Relative to the workspace root.
    pub path: PathBuf,
    /// `None` for a Markdown file outside the kind folders.
    pub kind: Option<Kind>,
}

/// The folder under the backlog folder for plain documents (guides, notes an importer
/// brings): Markdown pobox keeps in git but does not read as items.
pub const DOCUMENTS_FOLDER: &str = "docs";

/// Which kind a backlog-relative path belongs to; `None` for paths pobox does not read
/// (templates, documents, `product.md`, hidden and non-Markdown files), `Some(None)` for a Markdown
/// file outside every kind folder.
#[must_use]
pub fn classify(rel_to_backlog: &Path) -> Option<Option<Kind>> {
    let mut parts = rel_to_backlog.components().map(|c| c.as_os_str().to_str().unwrap_or(""));
    let first = parts.next()?;
    let is_md = rel_to_backlog.extension().is_some_and(|e| e == "md");
    if !is_md
        || rel_to_backlog
            .components()
            .any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.')))
    {
        return None;
    }
    let nested = parts.next().is_some();
    if !nested {
        return if first == "product.md" || first.eq_ignore_ascii_case("readme.md") {
            None
        } else {
            Some(None)
        };
    }
    if first == "templates" || first == DOCUMENTS_FOLDER {
        return None;
    }
    Some(Kind::from_folder(first))
}

/// Every backlog file under `root`, in path order, plus problems walking the folders.
#[must_use]
pub fn item_files(root: &Path, config: &Config) -> (Vec<ItemFile>, Vec<Diagnostic>) {
    let backlog = root.join(&config.backlog_dir);
    let mut files = Vec::new();
    let mut diags = Vec::new();
    if !backlog.is_dir() {
        return (files, diags);
    }
    // Links are followed so a linked item is read like any other, but only while they stay
    // inside the workspace: a link whose target resolves outside it is reported (PO016) and
    // neither read nor descended into. A dangling link or a loop becomes a PO014
    // diagnostic instead of a silently skipped file.
    let inside = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut outside = Vec::new();
    let walk = walkdir::WalkDir::new(&backlog)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if !e.path_is_symlink() {
                return true;
            }
            match std::fs::canonicalize(e.path()) {
                Ok(target) if target.starts_with(&inside) => true,
                Ok(target) => {
                    let rel = e.path().strip_prefix(root).unwrap_or(e.path()).to_path_buf();
                    outside.push(link_outside(&rel, &target));
                    false
                }
                // Dangling links and loops: the walk reports them as errors (PO014).
                Err(_) => true,
            }
        });
    for entry in walk {
        match entry {
            // A folder, named pipe, socket or device named like an item file is listed too:
            // reading it fails without opening it (`parse::read_item_bytes`; a pipe would
            // wait for a writer), so it shows as a file pobox cannot read instead of going
            // missing. The walk still reads the files inside such a folder.
            Ok(e) => {
                let Ok(rel) = e.path().strip_prefix(&backlog) else { continue };
                if let Some(kind) = classify(rel) {
                    files.push(ItemFile {
                        path: Path::new(&config.backlog_dir).join(rel),
                        kind,
                    });
                }
            }
            Err(e) => {
                let path = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map_or_else(|| PathBuf::from(&config.backlog_dir), Path::to_path_buf);
                let d = if e.loop_ancestor().is_some() {
                    link_loop(path)
                } else {
                    let io = e.io_error().map_or_else(
                        || std::io::Error::other(e.to_string()),
                        |io| std::io::Error::new(io.kind(), io.to_string()),
                    );
                    Diagnostic::unreadable(&path, &io)
                };
                diags.push(d);
            }
        }
    }
    diags.append(&mut outside);
    (files, diags)
}

/// The diagnostic for a link in the backlog that leads back to a folder above it.
fn link_loop(path: PathBuf) -> Diagnostic {
    Diagnostic::new(
        Code::Unreadable,
        path,
        0,
        0,
        "this folder links back to a folder above it, so pobox does not read it twice",
    )
    .help("remove the link, or point it somewhere outside the backlog")
}

/// The diagnostic for a staged link that is not followed, as the working tree's reader
/// reports the same link.
fn link_problem(problem: &LinkProblem) -> Diagnostic {
    match problem {
        LinkProblem::Outside(path, target) => link_outside(path, Path::new(target)),
        LinkProblem::Loop(path) => link_loop(path.clone()),
        LinkProblem::Dangling(path) => Diagnostic::unreadable(
            path,
            &std::io::Error::new(std::io::ErrorKind::NotFound, "what it names is not staged"),
        ),
        LinkProblem::TooMany(path) => Diagnostic::new(
            Code::Unreadable,
            path.clone(),
            0,
            0,
            format!(
                "the backlog has more than {} links to follow, so pobox does not follow this one",
                crate::source::MAX_LINKED_PATHS
            ),
        )
        .help("link folders rather than single files, or move the files into the backlog"),
    }
}

/// The diagnostic for a link in the backlog whose target is outside the workspace.
#[must_use]
pub fn link_outside(path: &Path, target: &Path) -> Diagnostic {
    Diagnostic::new(
        Code::LinkOutsideWorkspace,
        path,
        0,
        0,
        format!(
            "this is a link to {}, outside the workspace, so pobox does not follow it",
            crate::text::control::escape(&target.display().to_string())
        ),
    )
    .help("move the file into the backlog and commit it there, or remove the link")
}

/// Turn a workspace's severity overrides onto diagnostics, dropping rules turned off.
#[must_use]
pub fn apply_severity(config: &Config, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if config.rules.is_empty() {
        return diags;
    }
    diags
        .into_iter()
        .filter_map(|mut d| {
            d.severity = config.severity(d.code)?;
            Some(d)
        })
        .collect()
}

/// The diagnostic for a Markdown file outside every kind folder.
#[must_use]
pub fn outside_kind_folder(config: &Config, path: &Path) -> Diagnostic {
    let folders = Kind::ALL.map(Kind::folder).join(", ");
    Diagnostic::new(
        Code::OutsideKindFolder,
        path,
        0,
        0,
        "this file is not in a kind folder, so pobox does not read it",
    )
    .help(format!("move it into one of {}/{{{folders}}}", config.backlog_dir))
}

/// Read one item file (`path` relative to `root`); never fails, see [`read_item`].
#[must_use]
pub fn read_item_file(root: &Path, config: &Config, kind: Kind, path: &Path, bodies: bool) -> (Item, Vec<Diagnostic>) {
    match crate::parse::read_item_bytes(&root.join(path)) {
        Ok(bytes) => {
            let prefixes = config.prefixes();
            let opts = ReadOptions {
                prefix: config.prefix(kind),
                mention_prefixes: &prefixes,
                body: bodies,
            };
            read_item(kind, path, &bytes, opts)
        }
        Err(e) => {
            let mut item = Item::bare(kind, crate::model::item::file_stem(path).to_owned(), path.to_path_buf());
            item.broken = Some(format!("cannot read: {e}"));
            (item, vec![Diagnostic::unreadable(path, &e)])
        }
    }
}

impl Workspace {
    /// Find the workspace at or above `start` and load it.
    ///
    /// # Errors
    /// See [`WorkspaceError`].
    pub fn open(start: &Path, opts: LoadOptions) -> Result<Self, WorkspaceError> {
        Self::load(&discover(start)?, opts)
    }

    /// Load the workspace whose root is `root`, reading files in parallel.
    ///
    /// # Errors
    /// See [`WorkspaceError`].
    pub fn load(root: &Path, opts: LoadOptions) -> Result<Self, WorkspaceError> {
        let (config, mut diagnostics) = read_config(root)?;
        let (files, mut walk_diags) = item_files(root, &config);
        diagnostics.append(&mut walk_diags);
        let repo = if opts.cache { Repo::discover(root) } else { None };
        let cache = match &repo {
            Some(r) if opts.cache => ParseCache::open(r.git_dir(), &fingerprint(&config), opts.bodies),
            _ => ParseCache::disabled(),
        };
        let reader = FileReader::new(root, &config, opts.bodies, Version::WorkTree, repo.as_ref(), &cache);
        let (items, diagnostics) = read_all(&config, files, diagnostics, &reader, None);
        drop(reader);
        let cache_hits = cache.hits();
        cache.save();
        Ok(Workspace {
            root: root.to_path_buf(),
            config,
            items,
            diagnostics,
            version: Version::WorkTree,
            staged_blobs: HashMap::new(),
            staged_links: StagedLinks::default(),
            cache_hits,
        })
    }

    /// Load what is staged for the next commit (the git index) of the workspace at `root`:
    /// `pobox.yaml` and every backlog file as staged; files not staged do not exist here.
    ///
    /// # Errors
    /// [`WorkspaceError::NotGit`] outside a git repository, and see [`WorkspaceError`].
    pub fn load_staged(root: &Path, opts: LoadOptions) -> Result<Self, WorkspaceError> {
        let repo = Repo::discover(root).ok_or_else(|| WorkspaceError::NotGit(root.to_path_buf()))?;
        let (disk_config, _) = read_config(root)?;
        let cache = if opts.cache {
            ParseCache::open(repo.git_dir(), &fingerprint(&disk_config), opts.bodies)
        } else {
            ParseCache::disabled()
        };
        let mut index = GitIndex::read(&repo, root);
        let staged_config = index
            .blob(Path::new(config::FILE_NAME))
            .and_then(|b| repo.blob(b).ok())
            .and_then(|b| String::from_utf8(b).ok());
        let (config, mut diagnostics) = match staged_config {
            Some(text) => parse_config(&text)?,
            None => (disk_config.clone(), Vec::new()),
        };
        // Links are followed as in the working tree, so the commit is checked as it will
        // read once checked out.
        let mut staged_links = index.follow_links(&repo, Path::new(&config.backlog_dir));
        diagnostics.extend(staged_links.problems.drain(..).map(|p| link_problem(&p)));
        let reader = FileReader::with_index(root, &config, opts.bodies, Version::Staged, index, &cache);
        let backlog = Path::new(&config.backlog_dir);
        let files: Vec<ItemFile> = reader
            .staged_paths()
            .into_iter()
            .filter_map(|path| {
                let kind = classify(path.strip_prefix(backlog).ok()?)?;
                Some(ItemFile { path, kind })
            })
            .collect();
        let (items, diagnostics) = read_all(&config, files, diagnostics, &reader, Some(root));
        let staged_blobs = reader.into_blobs();
        let cache_hits = cache.hits();
        cache.save();
        Ok(Workspace {
            root: root.to_path_buf(),
            config,
            items,
            diagnostics,
            version: Version::Staged,
            staged_blobs,
            staged_links,
            cache_hits,
        })
    }

    /// Every path (relative to the root) under which this workspace reads the file at
    /// `real` (relative to the root): itself, and for a staged workspace the names links
    /// give it (see [`StagedLinks::names_of`]).
    #[must_use]
    pub fn names_of(&self, real: &Path) -> Vec<PathBuf> {
        self.staged_links.names_of(real)
    }

    /// Read the bodies of the items at `paths` (for a workspace loaded without bodies), so
    /// body rules can judge those files without every body in memory.
    pub fn read_bodies_of(&mut self, paths: &std::collections::HashSet<PathBuf>) {
        let repo = if self.version == Version::Staged {
            Repo::discover(&self.root)
        } else {
            None
        };
        let cache = ParseCache::disabled();
        // No index needed: each staged file's blob is known.
        let reader = FileReader::with_index(&self.root, &self.config, true, self.version, GitIndex::default(), &cache);
        for item in self.items.iter_mut().filter(|i| paths.contains(&i.path) && i.broken.is_none()) {
            let blob = self.staged_blobs.get(&item.path).copied();
            let (with_body, _) = reader.read(item.kind, &item.path, blob, repo.as_ref());
            item.body = with_body.body;
        }
    }

    /// A workspace with no items, for building one by hand (tests, tools).
    #[must_use]
    pub fn empty(root: PathBuf, config: Config) -> Self {
        Workspace {
            root,
            config,
            items: Vec::new(),
            diagnostics: Vec::new(),
            version: Version::WorkTree,
            staged_blobs: HashMap::new(),
            staged_links: StagedLinks::default(),
            cache_hits: None,
        }
    }

    /// How many files loading read from the parse cache instead of parsing them; `None`
    /// when the cache was off (or outside git).
    #[must_use]
    pub fn cache_hits(&self) -> Option<usize> {
        self.cache_hits
    }

    /// The text of a file of this workspace (relative path), in the version it was loaded
    /// from: the working tree, or the staged blob.
    #[must_use]
    pub fn file_text(&self, path: &Path) -> Option<String> {
        let bytes = match self.version {
            Version::WorkTree => crate::parse::read_item_bytes(&self.root.join(path)).ok()?,
            Version::Staged => Repo::discover(&self.root)?.blob(*self.staged_blobs.get(path)?).ok()?,
        };
        Some(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }

    /// The item with this id (exact match), the first one when ids are duplicated: for views
    /// that list what there is. A command that acts on the item an id names uses
    /// [`Workspace::find`], which refuses to pick one of two.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The one item with this id (exact match), or else the one whose `aliases` hold it (any
    /// case: `BACK-430` finds the story imported from it). Every command that takes an id
    /// looks it up here, so an id that `show` finds, `history` and `set` find too.
    ///
    /// Two readable files with one id (PO201, e.g. after a merge) are refused: pobox cannot
    /// tell which one is meant, and acting on the first would silently edit or show the
    /// wrong file. A file pobox cannot read has no id of its own, only the one its name
    /// suggests; it is returned only when no readable file has the id (so that the command
    /// can say why it cannot use it).
    ///
    /// # Errors
    /// [`LookupError::NotFound`] with the nearest id there is, [`LookupError::Ambiguous`]
    /// naming every file that has the id.
    pub fn find(&self, id: &str) -> Result<&Item, LookupError> {
        let mut readable = self.items.iter().filter(|i| i.id == id && i.broken.is_none());
        match (readable.next(), readable.next()) {
            (Some(item), None) => Ok(item),
            (Some(_), Some(_)) => Err(self.ambiguous(id).into()),
            (None, _) => self.get(id).map_or_else(|| self.find_alias(id), Ok),
        }
    }

    /// The one readable item whose `aliases` hold `id`, for [`Workspace::find`].
    fn find_alias(&self, id: &str) -> Result<&Item, LookupError> {
        let mut named = self
            .items
            .iter()
            .filter(|i| i.broken.is_none() && i.aliases().iter().any(|a| a.eq_ignore_ascii_case(id)));
        match (named.next(), named.next()) {
            (Some(item), None) => Ok(item),
            (Some(first), Some(second)) => {
                let mut paths = vec![first.path.clone(), second.path.clone()];
                paths.extend(named.map(|i| i.path.clone()));
                paths.sort();
                Err(AmbiguousId {
                    id: id.to_owned(),
                    paths,
                    alias: true,
                }
                .into())
            }
            (None, _) => Err(LookupError::NotFound {
                id: id.to_owned(),
                suggestion: crate::diag::suggest(id, self.items.iter().map(|i| i.id.as_str())).map(str::to_owned),
            }),
        }
    }

    /// Refuse the first of `ids` that more than one readable file has, as [`Workspace::find`]
    /// would; for commands that write many items, checked before the first write. One pass
    /// over the items, whatever the number of ids.
    ///
    /// # Errors
    /// [`AmbiguousId`] for the first such id.
    pub fn refuse_ambiguous<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Result<(), AmbiguousId> {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for item in self.items.iter().filter(|i| i.broken.is_none()) {
            *count.entry(item.id.as_str()).or_default() += 1;
        }
        match ids.into_iter().find(|id| count.get(id).is_some_and(|n| *n > 1)) {
            Some(id) => Err(self.ambiguous(id)),
            None => Ok(()),
        }
    }

    /// The error for an id more than one readable file has.
    fn ambiguous(&self, id: &str) -> AmbiguousId {
        let mut paths: Vec<PathBuf> = self
            .items
            .iter()
            .filter(|i| i.id == id && i.broken.is_none())
            .map(|i| i.path.clone())
            .collect();
        paths.sort();
        AmbiguousId {
            id: id.to_owned(),
            paths,
            alias: false,
        }
    }

    /// The files of these kinds that could not be read, in kind then id order: what a view
    /// that lists or counts items of these kinds shows as not counted.
    #[must_use]
    pub fn unreadable(&self, kinds: &[Kind]) -> Vec<UnreadableFile> {
        self.items
            .iter()
            .filter(|i| kinds.contains(&i.kind))
            .filter_map(UnreadableFile::of)
            .collect()
    }

    /// Refuse to `action` when a file of these kinds could not be read (`why` says what is
    /// unknown about them), so a write never acts on part of its scope.
    ///
    /// # Errors
    /// [`UnreadableScope`] naming those files.
    pub fn refuse_unreadable(&self, kinds: &[Kind], action: impl Into<String>, why: &'static str) -> Result<(), UnreadableScope> {
        let files = self.unreadable(kinds);
        if files.is_empty() {
            return Ok(());
        }
        Err(UnreadableScope {
            action: action.into(),
            why,
            files,
        })
    }

    /// Items of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.kind == kind)
    }

    /// The backlog folder, absolute.
    #[must_use]
    pub fn backlog(&self) -> PathBuf {
        self.root.join(&self.config.backlog_dir)
    }

    /// Diagnostics about one file.
    pub fn diagnostics_for<'a>(&'a self, path: &'a Path) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.path == path)
    }
}

/// Read `files` in parallel with `reader` (each thread opens its own repository handle
/// when `repo_root` is given, for staged blobs); items sorted, diagnostics with the
/// workspace's severities and sorted.
fn read_all(
    config: &Config,
    files: Vec<ItemFile>,
    mut diagnostics: Vec<Diagnostic>,
    reader: &FileReader<'_>,
    repo_root: Option<&Path>,
) -> (Vec<Item>, Vec<Diagnostic>) {
    let mut kinded = Vec::with_capacity(files.len());
    for f in files {
        match f.kind {
            Some(kind) => kinded.push((kind, f.path)),
            None => diagnostics.push(outside_kind_folder(config, &f.path)),
        }
    }
    let (mut items, diags) = reader.read_all(&kinded, repo_root);
    diagnostics.extend(diags);
    items.sort_by(|a, b| item_order(a).cmp(&item_order(b)));
    let mut diagnostics = apply_severity(config, diagnostics);
    diag::sort(&mut diagnostics);
    (items, diagnostics)
}

/// Sort key: kind, then the number of numbered ids (so S-2 comes before S-10), then id.
fn item_order(item: &Item) -> (Kind, u64, &str, &Path) {
    let n = item.id.rsplit_once('-').and_then(|(_, n)| n.parse().ok()).unwrap_or(0);
    let n = if matches!(item.kind, Kind::Meeting | Kind::Stakeholder) {
        0
    } else {
        n
    };
    (item.kind, n, &item.id, &item.path)
}

/// Test support: workspaces written to temporary folders.
#[cfg(test)]
pub(crate) mod testing {
    use std::path::Path;

    use super::{LoadOptions, Workspace};

    /// A temporary workspace holding `pobox.yaml` with `config` and `files` (paths relative
    /// to its `backlog/` folder).
    pub(crate) fn folder<P: AsRef<Path>, T: AsRef<str>>(config: &str, files: &[(P, T)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("pobox.yaml"), config).unwrap();
        for (path, text) in files {
            let p = dir.path().join("backlog").join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text.as_ref()).unwrap();
        }
        dir
    }

    /// [`folder`] with `product: Test`, loaded without the parse cache.
    pub(crate) fn load<P: AsRef<Path>, T: AsRef<str>>(files: &[(P, T)], bodies: bool) -> (tempfile::TempDir, Workspace) {
        let dir = folder("product: Test\n", files);
        let ws = Workspace::load(dir.path(), LoadOptions { bodies, cache: false }).unwrap();
        (dir, ws)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 12): two files with one id are refused by name, not resolved to the
    /// first; an unreadable file only stands in when no readable one has the id.
    #[test]
    fn find_refuses_an_id_two_files_have() {
        let story = |id: &str, title: &str| format!("---\nid: {id}\ntitle: {title}\n---\n");
        let (_dir, ws) = testing::load(
            &[
                ("stories/S-2.md", story("S-2", "Invoices")),
                ("stories/S-2-receipts.md", story("S-2", "Receipts")),
                ("stories/S-3.md", story("S-3", "Refunds")),
                ("stories/S-4-old.md", "---\nid: [\n---\n".to_owned()),
                ("stories/S-4.md", story("S-4", "Vouchers")),
                ("stories/S-5.md", "no front-matter\n".to_owned()),
            ],
            false,
        );
        let ambiguous = AmbiguousId {
            id: "S-2".to_owned(),
            paths: vec![
                PathBuf::from("backlog/stories/S-2-receipts.md"),
                PathBuf::from("backlog/stories/S-2.md"),
            ],
            alias: false,
        };
        assert_eq!(ws.find("S-2"), Err(LookupError::Ambiguous(ambiguous.clone())));
        assert_eq!(
            ambiguous.to_string(),
            "2 files have the id `S-2`: backlog/stories/S-2-receipts.md and backlog/stories/S-2.md"
        );
        assert_eq!(ws.find("S-3").map(|i| i.title.as_str()), Ok("Refunds"));
        assert_eq!(ws.find("S-4").map(|i| i.title.as_str()), Ok("Vouchers"));
        assert!(ws.find("S-5").is_ok_and(|i| i.broken.is_some()));
        let missing = ws.find("S-33").unwrap_err();
        assert_eq!(missing.to_string(), "no item has the id `S-33` (did you mean `S-3`?)");
        assert_eq!(ws.refuse_ambiguous(["S-3", "S-4"]), Ok(()));
        assert_eq!(ws.refuse_ambiguous(["S-3", "S-2"]), Err(ambiguous));
        // `get` is for listing: it still answers with the first.
        assert!(ws.get("S-2").is_some());
    }

    #[test]
    fn unreadable_files_are_named_by_kind_with_their_problem() {
        let (_dir, ws) = testing::load(
            &[
                ("stories/S-1.md", "---\nid: S-1\ntitle: Fine\n---\n"),
                ("stories/S-3.md", "---\nid: S-3\ntitle: [oops\n---\n"),
                ("risks/R-1.md", "no front-matter\n"),
            ],
            false,
        );
        let stories = ws.unreadable(&[Kind::Story]);
        assert_eq!(
            stories,
            [UnreadableFile {
                path: "backlog/stories/S-3.md".to_owned(),
                kind: Kind::Story,
                id: "S-3".to_owned(),
                problem: "YAML error at line 3".to_owned(),
            }]
        );
        assert_eq!(ws.unreadable(&[Kind::Story, Kind::Risk]).len(), 2);
        assert!(ws.unreadable(&[Kind::Epic]).is_empty());
        assert!(ws.refuse_unreadable(&[Kind::Epic], "x", "y").is_ok());
        let e = ws.refuse_unreadable(&[Kind::Story], "close SP-2", "unknown").unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot close SP-2 while backlog/stories/S-3.md cannot be read (YAML error at line 3)"
        );
        let e = ws
            .refuse_unreadable(&[Kind::Story, Kind::Risk], "write ranks", "unknown")
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("cannot write ranks while 2 files cannot be read: backlog/stories/S-3.md (YAML"),
            "{e}"
        );
    }

    #[test]
    fn classifies_paths() {
        assert_eq!(classify(Path::new("stories/S-1.md")), Some(Some(Kind::Story)));
        assert_eq!(classify(Path::new("stories/payments/S-1.md")), Some(Some(Kind::Story)));
        assert_eq!(classify(Path::new("templates/story.md")), None);
        assert_eq!(classify(Path::new("docs/guides/doc-4 - Setup.md")), None);
        assert_eq!(classify(Path::new("product.md")), None);
        assert_eq!(classify(Path::new("stories/.S-1.md.swp")), None);
        assert_eq!(classify(Path::new("stories/image.png")), None);
        assert_eq!(classify(Path::new("notes.md")), Some(None));
        assert_eq!(classify(Path::new("ideas/x.md")), Some(None));
    }
}
