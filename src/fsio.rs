//! Writing files so that a crash or a concurrent editor never leaves a torn or lost file.
//!
//! Every write goes to a temp file in the same folder, is flushed and then renamed into
//! place, so a reader or a crash sees the old file or the new one. Editing a file someone
//! else may edit too is a read-modify-write: [`lock`] takes an advisory lock on the file's
//! folder, held from pobox's read of the file to the rename, so two pobox processes never
//! both write a version made from the same old one; and [`WriteLock::replace`] checks that
//! the file still holds what pobox read, for writers that take no lock (an editor). Where
//! the system can, the new file takes the old one's place by an atomic exchange, so the
//! check also covers a save made between the check and the rename.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// Why a write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file already exists (for create-exclusive writes).
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    /// The file changed on disk since pobox read it.
    #[error("{} changed on disk while pobox was editing it; nothing was written, run the command again", .0.display())]
    Changed(PathBuf),
    /// The folder could not be locked for writing.
    #[error("cannot lock {} to write {} in it: {source}", .folder.display(), .path.display())]
    Lock {
        /// The folder.
        folder: PathBuf,
        /// The file to be written.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The operating system refused.
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// What a write does once its file is in place: make the rename itself durable (the folder's
/// entry is on disk, not only the file's bytes), and clear away what an earlier, killed
/// pobox left behind.
fn after_rename(path: &Path) {
    settle_folder(folder_of(path));
}

/// Make the renames into `dir` durable, and sweep what a killed pobox left there.
fn settle_folder(dir: &Path) {
    // Opening a folder to fsync it is how POSIX makes a rename durable; where a file system
    // refuses, the file is still whole, so this is best effort.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    sweep_stale_temps(dir);
}

/// How old a `.pobox-*.tmp` file must be before it counts as left behind by a pobox that
/// was killed, rather than one being written right now by another pobox.
const STALE_TEMP_AGE: Duration = Duration::from_secs(3600);

/// Remove `.pobox-*.tmp` files older than [`STALE_TEMP_AGE`] from `dir`, once per folder
/// per run (a folder of stories can hold thousands of files). Loading already ignores them
/// (hidden names); this only keeps folders tidy after a crash.
fn sweep_stale_temps(dir: &Path) {
    static SWEPT: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    let Ok(mut swept) = SWEPT.lock() else { return };
    if !swept.get_or_insert_with(HashSet::new).insert(dir.to_path_buf()) {
        return;
    }
    drop(swept);
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".pobox-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age >= STALE_TEMP_AGE);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn temp_in_same_folder(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    let tmp = unsynced_temp_in_same_folder(path, bytes)?;
    tmp.as_file().sync_all().map_err(io(path))?;
    Ok(tmp)
}

/// A temp file beside `path` holding `bytes`, not yet flushed to disk: the caller syncs it
/// (alone, or with many others in one step) before it takes its name.
fn unsynced_temp_in_same_folder(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    let dir = folder_of(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pobox-").suffix(".tmp");
    // A temp file is private (0600) by default; a new item file should get the ordinary
    // permissions the user's umask gives (`replace` then copies the old file's).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // tempfile's error names the random temp path; say what failed in the user's terms.
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        let kind = e.kind();
        let why = std::io::Error::from(kind).to_string();
        io(path)(std::io::Error::new(
            kind,
            format!(
                "{why} (cannot create a temporary file in {}, to write it atomically)",
                dir.display()
            ),
        ))
    })?;
    tmp.write_all(bytes).map_err(io(path))?;
    Ok(tmp)
}

/// The advisory lock on a folder that pobox holds while it edits one file in it: from
/// reading the file, through checking it is unchanged, to renaming the new version over it.
/// Every pobox that edits a file takes it first, so edits of the same file by two pobox
/// processes happen one after the other, each on the other's result.
///
/// The lock is per folder (a kind's folder: all stories, all epics), not per file: a file
/// is replaced by a rename, so a lock on the file itself would stay with the old version
/// while the next writer locked the new one; a lock file per item would litter the
/// backlog. A folder is never renamed by a write, is locked without creating anything in
/// it, and is held for milliseconds, so writers of different files queue only briefly. The
/// operating system releases the lock when the process ends, however it ends: a killed
/// pobox never leaves a folder locked. The lock is released when this value is dropped.
#[derive(Debug)]
pub struct WriteLock {
    /// The file to edit (the target, when the path given was a symbolic link).
    path: PathBuf,
    /// The locked folder; `None` where the file system has no locks.
    _folder: Option<std::fs::File>,
}

/// Lock the folder of `path` for editing `path` (see [`WriteLock`]); waits while another
/// pobox holds it.
///
/// Where the file system offers no advisory locks (some network file systems), this
/// returns an unlocked `WriteLock`: the write then relies on [`WriteLock::replace`]'s check
/// alone, which refuses rather than loses a concurrent change but may refuse more often.
///
/// # Errors
/// [`WriteError::Lock`] when the folder cannot be opened or locked; I/O errors resolving a
/// symbolic link.
pub fn lock(path: &Path) -> Result<WriteLock, WriteError> {
    // Through a symbolic link, the file it names is replaced, not the link by a copy.
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(io(path))?,
        _ => path.to_path_buf(),
    };
    let folder = folder_of(&target).to_path_buf();
    let locked = lock_folder(&folder).map_err(|source| WriteError::Lock {
        folder,
        path: target.clone(),
        source,
    })?;
    Faults::from_env().after_lock(&target);
    Ok(WriteLock {
        path: target,
        _folder: locked,
    })
}

/// Take the exclusive advisory lock on `folder`; `None` where its file system has none.
fn lock_folder(folder: &Path) -> std::io::Result<Option<std::fs::File>> {
    // On Unix a folder opens for reading and takes a lock itself (flock), so nothing is
    // created in the user's folder.
    #[cfg(unix)]
    let file = std::fs::File::open(folder)?;
    // Elsewhere a folder cannot be opened as a file: a lock file stands for it (hidden,
    // never read as an item, kept so that every writer locks the same file).
    #[cfg(not(unix))]
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(folder.join(".pobox-write.lock"))?;
    match file.lock() {
        Ok(()) => Ok(Some(file)),
        Err(e) if locks_unsupported(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether a lock failed because the file system has no advisory locks, rather than for a
/// reason the user should hear about.
fn locks_unsupported(e: &std::io::Error) -> bool {
    if e.kind() == std::io::ErrorKind::Unsupported {
        return true;
    }
    // NFS emulates flock with byte-range locks, which a folder opened for reading cannot
    // take (EBADF); ENOLCK: the lock manager is missing.
    #[cfg(unix)]
    if matches!(e.raw_os_error(), Some(code) if code == rustix::io::Errno::BADF.raw_os_error() || code == rustix::io::Errno::NOLCK.raw_os_error())
    {
        return true;
    }
    false
}

impl WriteLock {
    /// The file this lock is for: the path given to [`lock`], or the file its symbolic link
    /// names. Read it through this path.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replace the file with `bytes` atomically (temp file in the same folder, fsync,
    /// rename), keeping its permissions, but only if it still holds `expected`: a change
    /// made since pobox read it is refused rather than overwritten.
    ///
    /// The check and the rename are one step against other pobox processes (they wait for
    /// the lock). Against a writer that takes no lock, such as an editor saving by rename,
    /// the new file takes the old one's place by an atomic exchange where the system has
    /// one (Linux, macOS), and what it displaced is compared with `expected` once more: a
    /// save that landed after the check is put back in place, and the write is refused. For
    /// a moment a reader may see pobox's version before the editor's returns; should someone
    /// read it and save on top of it in that instant, that save is kept beside the file as
    /// `<file>.pobox-kept-<n>` and the error names it: no save is ever deleted. A program
    /// that reads the file in that instant and saves much later without reading it again
    /// builds on pobox's version and drops its own earlier save. What no check can cover: a save that lands after the exchange
    /// replaces pobox's version (the editor's own lost update), and an editor writing into
    /// the file in place after the check.
    ///
    /// # Errors
    /// [`WriteError::Changed`] when the file no longer holds `expected`; I/O errors.
    pub fn replace(&self, expected: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
        self.replace_with_faults(expected, bytes, &Faults::from_env())
    }

    fn replace_with_faults(&self, expected: &[u8], bytes: &[u8], faults: &Faults) -> Result<(), WriteError> {
        let path = self.path.as_path();
        let tmp = temp_in_same_folder(path, bytes)?;
        let meta = std::fs::metadata(path).map_err(io(path))?;
        tmp.as_file().set_permissions(meta.permissions()).map_err(io(path))?;
        faults.before_check(path);
        if std::fs::read(path).map_err(io(path))? != expected {
            return Err(WriteError::Changed(path.to_path_buf()));
        }
        faults.before_rename(path);
        swap_in(tmp, path, expected, bytes)
    }
}

/// Replace `path` with `bytes` atomically, keeping its permissions, but only if it still
/// holds `expected`: [`lock`] then [`WriteLock::replace`]. To edit a file, take the lock
/// before reading it instead, so that no other pobox writes in between.
///
/// # Errors
/// [`WriteError::Changed`] when the file no longer holds `expected`; I/O errors.
pub fn replace(path: &Path, expected: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    lock(path)?.replace(expected, bytes)
}

/// Put the checked temp file in place of `path`, which held `expected` at the check.
fn swap_in(tmp: tempfile::NamedTempFile, path: &Path, expected: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    match exchange(tmp.path(), path) {
        Ok(()) => {
            // The temp file's name now holds what `path` held the instant before.
            if std::fs::read(tmp.path()).is_ok_and(|displaced| displaced == expected) {
                // Dropping the temp file removes the old version by its name.
                drop(tmp);
                after_rename(path);
                return Ok(());
            }
            // Saved after the check: put that save back and refuse.
            return match exchange(tmp.path(), path) {
                // What the swap back displaced is pobox's version, unless someone read and
                // saved on top of it in the instant it was in place: then that save is
                // kept beside the file, never deleted.
                Ok(()) if std::fs::read(tmp.path()).is_ok_and(|displaced| displaced == bytes) => {
                    Err(WriteError::Changed(path.to_path_buf()))
                }
                Ok(()) => Err(keep_aside(tmp, path)),
                Err(source) => {
                    // Unreachable short of the folder vanishing; then keep the other
                    // version where the user can find it rather than delete it.
                    let kept = match tmp.into_temp_path().keep() {
                        Ok(kept) => format!("the other version is kept as {}", kept.display()),
                        Err(e) => {
                            let shown = format!("the other version is kept as {}", e.path.display());
                            // Not dropped, which would delete it.
                            std::mem::forget(e.path);
                            shown
                        }
                    };
                    Err(WriteError::Io {
                        path: path.to_path_buf(),
                        source: std::io::Error::new(
                            source.kind(),
                            format!("{source}; the file changed on disk while pobox wrote it, and {kept}"),
                        ),
                    })
                }
            };
        }
        // Deleted or renamed away since the check.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(WriteError::Changed(path.to_path_buf())),
        // The file system cannot exchange: a plain rename below.
        Err(e) if exchange_unsupported(&e) => {}
        Err(e) => return Err(io(path)(e)),
    }
    persist(tmp, path)
}

/// Keep `tmp`, a save made on top of pobox's version in the instant it was in place, as
/// `<file>.pobox-kept-<n>` beside `path` (not a temp file, so never swept; not `.md`, so
/// never read as an item), and say so in the error.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn keep_aside(tmp: tempfile::NamedTempFile, path: &Path) -> WriteError {
    let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let stamp = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let kept = path.with_file_name(format!("{name}.pobox-kept-{stamp}"));
    let shown = match tmp.persist_noclobber(&kept) {
        Ok(_) => kept,
        Err(e) => e.file.into_temp_path().keep().unwrap_or(kept),
    };
    WriteError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(format!(
            "it changed on disk twice while pobox was editing it; nothing of pobox's was written, and a save made meanwhile is kept as {}",
            shown.display()
        )),
    }
}

/// Swap two names in one atomic step (`renameat2(RENAME_EXCHANGE)` on Linux,
/// `renameatx_np(RENAME_SWAP)` on macOS).
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// Whether an exchange failed because the kernel or the file system cannot do it.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange_unsupported(e: &std::io::Error) -> bool {
    use rustix::io::Errno;
    e.kind() == std::io::ErrorKind::Unsupported
        || [Errno::INVAL, Errno::NOSYS, Errno::NOTSUP, Errno::OPNOTSUPP]
            .iter()
            .any(|n| e.raw_os_error() == Some(n.raw_os_error()))
}

/// Rename the temp file over `path`, then make that durable and tidy.
fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<(), WriteError> {
    tmp.persist(path).map_err(|e| WriteError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    after_rename(path);
    Ok(())
}

/// Edits made at the two moments a concurrent editor could save, for the tests: just
/// before [`WriteLock::replace`] checks the file, and just after the check passed.
#[derive(Default)]
struct Faults {
    /// Append a line to the file with this name just before the check, as an editor writing
    /// in place would.
    append_before_check: Option<std::ffi::OsString>,
    /// Save the file with this name by rename (with a line appended) just after the check,
    /// as an editor saving at that very moment would.
    save_before_rename: Option<std::ffi::OsString>,
    /// Stop for a minute holding the lock for the file with this name, as a pobox that hangs
    /// or is killed while writing it would.
    stall_after_lock: Option<std::ffi::OsString>,
    /// Wait this long between the check and the rename, widening the moment an editor's
    /// save must be caught in (a slow disk, a busy machine).
    pause_before_rename: Option<Duration>,
    /// Create a file with this name just before [`create_all_new`] gives a temp file that
    /// name, as another program creating the same file at that moment would.
    create_before_rename: Option<std::ffi::OsString>,
}

impl Faults {
    /// From `POBOX_FAULT_EDIT_BEFORE_REPLACE`, `POBOX_FAULT_SAVE_BEFORE_RENAME`,
    /// `POBOX_FAULT_STALL_AFTER_LOCK` and `POBOX_FAULT_CREATE_BEFORE_RENAME` (file names) and
    /// `POBOX_FAULT_PAUSE_BEFORE_RENAME_MS`,
    /// read in debug builds only: a release build has no faults.
    fn from_env() -> Self {
        if cfg!(debug_assertions) {
            Faults {
                append_before_check: std::env::var_os("POBOX_FAULT_EDIT_BEFORE_REPLACE"),
                save_before_rename: std::env::var_os("POBOX_FAULT_SAVE_BEFORE_RENAME"),
                stall_after_lock: std::env::var_os("POBOX_FAULT_STALL_AFTER_LOCK"),
                pause_before_rename: std::env::var("POBOX_FAULT_PAUSE_BEFORE_RENAME_MS")
                    .ok()
                    .and_then(|ms| ms.parse().ok())
                    .map(Duration::from_millis),
                create_before_rename: std::env::var_os("POBOX_FAULT_CREATE_BEFORE_RENAME"),
            }
        } else {
            Faults::default()
        }
    }

    fn after_lock(&self, path: &Path) {
        if self.stall_after_lock.as_deref().is_some_and(|name| Some(name) == path.file_name()) {
            std::thread::sleep(Duration::from_secs(60));
        }
    }

    fn before_check(&self, path: &Path) {
        if self
            .append_before_check
            .as_deref()
            .is_some_and(|name| Some(name) == path.file_name())
            && let Ok(mut f) = std::fs::OpenOptions::new().append(true).open(path)
        {
            let _ = f.write_all(EDITED);
        }
    }

    fn before_create(&self, path: &Path) {
        if self
            .create_before_rename
            .as_deref()
            .is_some_and(|name| Some(name) == path.file_name())
        {
            let _ = std::fs::write(path, b"Written by another program.\n");
        }
    }

    fn before_rename(&self, path: &Path) {
        if let Some(pause) = self.pause_before_rename {
            std::thread::sleep(pause);
        }
        if self
            .save_before_rename
            .as_deref()
            .is_some_and(|name| Some(name) == path.file_name())
            && let Ok(mut text) = std::fs::read(path)
        {
            text.extend_from_slice(EDITED);
            let saved = folder_of(path).join(".editor-save");
            if std::fs::write(&saved, text).is_ok() {
                let _ = std::fs::rename(&saved, path);
            }
        }
    }
}

/// What the faults add to a file.
const EDITED: &[u8] = b"\nEdited in another window.\n";

/// The temp files (`.pobox-*.tmp`) under `root`'s own folder and its backlog folder
/// `backlog_dir` (at any depth), sorted: what a pobox killed while writing left, or one
/// writing right now. Never items (their names start with `.`); `validate` names them so
/// that they can be removed.
#[must_use]
pub fn stray_temp_files(root: &Path, backlog_dir: &str) -> Vec<PathBuf> {
    let top = walkdir::WalkDir::new(root).min_depth(1).max_depth(1);
    let backlog = walkdir::WalkDir::new(root.join(backlog_dir)).min_depth(1);
    let mut found: Vec<PathBuf> = top
        .into_iter()
        .chain(backlog)
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(".pobox-") && n.ends_with(".tmp"))
        })
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    found.sort();
    found
}

/// Write `path` with `bytes` atomically (temp file in the same folder, fsync, rename),
/// whether or not it exists: a reader sees the old file or the new one, never half of
/// one. An existing file keeps its permissions. For generated files such as reports.
///
/// # Errors
/// I/O errors.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let tmp = temp_in_same_folder(path, bytes)?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions()).map_err(io(path))?;
    }
    persist(tmp, path)
}

/// Create `path` with `bytes`, atomically, failing if it exists (even when another process
/// creates it at the same moment).
///
/// # Errors
/// [`WriteError::Exists`] when the file exists; I/O errors.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let tmp = temp_in_same_folder(path, bytes)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {
            after_rename(path);
            Ok(())
        }
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(WriteError::Exists(path.to_path_buf())),
        Err(e) => Err(WriteError::Io {
            path: path.to_path_buf(),
            source: e.error,
        }),
    }
}

/// A batch of new files that [`create_all_new`] stopped writing part-way.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct PartlyCreated {
    /// The files created before it stopped, in the order given: complete and durable.
    /// Every other file of the batch is absent.
    pub created: Vec<PathBuf>,
    /// Why it stopped.
    pub error: WriteError,
}

/// Create every file of `files` (path, bytes), in order, each atomically and failing if
/// it exists, with one flush to disk for the whole batch instead of one per file.
///
/// Each file is written to a temp file beside it; once all are written, one `syncfs` (on
/// Linux; elsewhere an fsync per temp file) makes their contents durable; then each takes
/// its name by a rename that never replaces (a file that appeared there meanwhile stops
/// the batch), and each folder is fsynced once. A crash at any moment leaves each file
/// absent or complete, never torn: at worst hidden `.pobox-*.tmp` files, which loading
/// ignores and a later write sweeps. For an import of thousands of files, where a flush
/// per file costs most of the time.
///
/// # Errors
/// [`PartlyCreated`], naming the files created before the one that failed (none when
/// writing or flushing the temp files failed): [`WriteError::Exists`] when a file exists,
/// I/O errors. The files after it are not created, and no temp file stays.
pub fn create_all_new(files: &[(PathBuf, &[u8])]) -> Result<(), PartlyCreated> {
    let faults = Faults::from_env();
    let none = |error| PartlyCreated {
        created: Vec::new(),
        error,
    };
    // Closed once written (a batch can outnumber the open files a process may hold); the
    // paths delete their temp files when dropped, so a failure leaves none.
    let mut temps = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        temps.push(unsynced_temp_in_same_folder(path, bytes).map_err(none)?.into_temp_path());
    }
    sync_all_of(files.iter().map(|(p, _)| p.as_path()).zip(&temps)).map_err(none)?;
    let mut created = Vec::with_capacity(files.len());
    let mut folders: Vec<&Path> = Vec::new();
    let mut failed = None;
    for ((path, _), tmp) in files.iter().zip(temps) {
        faults.before_create(path);
        match tmp.persist_noclobber(path) {
            Ok(()) => {
                created.push(path.clone());
                let folder = folder_of(path);
                if !folders.contains(&folder) {
                    folders.push(folder);
                }
            }
            Err(e) => {
                failed = Some(if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    WriteError::Exists(path.clone())
                } else {
                    io(path)(e.error)
                });
                // The temp files still unnamed are deleted as the loop ends.
                break;
            }
        }
    }
    // What was created stays, durably, also when the batch stopped.
    for folder in folders {
        settle_folder(folder);
    }
    match failed {
        None => Ok(()),
        Some(error) => Err(PartlyCreated { created, error }),
    }
}

/// Flush the contents of `temps` (each beside its file) to disk: one `syncfs` of their
/// file system on Linux, an fsync of each elsewhere or when syncfs is refused.
fn sync_all_of<'a>(mut temps: impl ExactSizeIterator<Item = (&'a Path, &'a tempfile::TempPath)>) -> Result<(), WriteError> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if temps.len() > 1 {
        // Every temp file of a batch sits in the backlog's folders, on one file system (a
        // folder mounted from another one is synced below, file by file).
        // The file system of each folder (a file is on its folder's), looked up once a folder.
        let mut devs: Vec<(&Path, u64)> = Vec::new();
        let mut by_fs: Vec<(&Path, &tempfile::TempPath, u64)> = Vec::new();
        for (path, tmp) in temps.by_ref() {
            let folder = tmp.parent().unwrap_or(Path::new("."));
            let dev = match devs.iter().find(|(f, _)| *f == folder) {
                Some((_, d)) => *d,
                None => {
                    let d = std::os::unix::fs::MetadataExt::dev(&std::fs::metadata(tmp).map_err(io(path))?);
                    devs.push((folder, d));
                    d
                }
            };
            by_fs.push((path, tmp, dev));
        }
        let first_dev = by_fs.first().map(|(_, _, d)| *d);
        if let Some((path, tmp, _)) = by_fs.first()
            && rustix::fs::syncfs(std::fs::File::open(tmp).map_err(io(path))?).is_ok()
        {
            for (path, tmp, dev) in &by_fs {
                if Some(*dev) != first_dev {
                    std::fs::File::open(tmp).and_then(|f| f.sync_all()).map_err(io(path))?;
                }
            }
            return Ok(());
        }
        for (path, tmp, _) in &by_fs {
            std::fs::File::open(tmp).and_then(|f| f.sync_all()).map_err(io(path))?;
        }
        return Ok(());
    }
    for (path, tmp) in temps {
        std::fs::File::open(tmp).and_then(|f| f.sync_all()).map_err(io(path))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temp file a killed pobox left an hour ago goes at the next write into its folder;
    /// a fresh one (another pobox writing right now) and other hidden files stay.
    #[test]
    fn stale_temp_files_are_swept_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".pobox-abc123.tmp");
        let fresh = dir.path().join(".pobox-def456.tmp");
        let other = dir.path().join(".notes.tmp");
        for p in [&stale, &fresh, &other] {
            std::fs::write(p, "half a story").unwrap();
        }
        let two_hours_ago = SystemTime::now() - Duration::from_secs(7200);
        for p in [&stale, &other] {
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(two_hours_ago)
                .unwrap();
        }
        write(&dir.path().join("S-1.md"), b"---\nid: S-1\n---\n").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists() && other.exists());
    }

    #[test]
    fn create_new_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("S-1.md");
        create_new(&p, b"one").unwrap();
        assert!(matches!(create_new(&p, b"two"), Err(WriteError::Exists(_))));
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left behind");
    }

    #[test]
    fn write_creates_or_overwrites_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.html");
        write(&p, b"one").unwrap();
        write(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left behind");
    }

    #[test]
    fn replace_refuses_a_concurrent_change() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("S-1.md");
        std::fs::write(&p, b"old").unwrap();
        assert!(matches!(replace(&p, b"stale", b"new"), Err(WriteError::Changed(_))));
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        replace(&p, b"old", b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }

    /// An editor's save by rename that lands after the check, just before pobox's rename,
    /// is not replaced: it is put back in place and the write refused.
    #[test]
    fn a_save_by_rename_after_the_check_is_kept_and_the_write_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("S-1.md");
        std::fs::write(&p, b"old").unwrap();
        let faults = Faults {
            save_before_rename: Some("S-1.md".into()),
            ..Faults::default()
        };
        let result = lock(&p).unwrap().replace_with_faults(b"old", b"new", &faults);
        assert!(matches!(result, Err(WriteError::Changed(_))), "{result:?}");
        assert_eq!(std::fs::read(&p).unwrap(), b"old\nEdited in another window.\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file left behind");
    }

    /// While one writer holds the lock of a folder, another waits for it.
    #[test]
    fn a_second_writer_waits_for_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("S-1.md");
        std::fs::write(&p, b"0").unwrap();
        let held = lock(&p).unwrap();
        let start = std::time::Instant::now();
        let waiter = std::thread::spawn({
            let p = p.clone();
            move || {
                let _second = lock(&p.with_file_name("S-2.md")).unwrap();
                start.elapsed()
            }
        });
        std::thread::sleep(Duration::from_millis(300));
        held.replace(b"0", b"1").unwrap();
        drop(held);
        let waited = waiter.join().unwrap();
        assert!(waited >= Duration::from_millis(300), "the second lock came after {waited:?}");
    }

    /// Read-modify-write under the lock: 8 threads adding 1 to one number 25 times each
    /// lose no addition.
    #[test]
    fn locked_edits_lose_no_update() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("count.md");
        std::fs::write(&p, b"0").unwrap();
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let p = p.clone();
                std::thread::spawn(move || {
                    for _ in 0..25 {
                        let lock = lock(&p).unwrap();
                        let before = std::fs::read(lock.path()).unwrap();
                        let n: u32 = std::str::from_utf8(&before).unwrap().parse().unwrap();
                        lock.replace(&before, (n + 1).to_string().as_bytes()).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "200");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("S-1.md");
        create_new(&p, b"x").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o044, 0o044 & mode, "{mode:o}");
        assert_ne!(mode, 0o600, "group and others may read, as the umask allows");
    }

    #[cfg(unix)]
    #[test]
    fn replace_writes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("S-1-real.md");
        let link = dir.path().join("S-1.md");
        std::fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink("S-1-real.md", &link).unwrap();
        replace(&link, b"old", b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
            "the link stays a link"
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no temp file left behind");
    }

    #[cfg(unix)]
    #[test]
    fn replace_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("S-1.md");
        std::fs::write(&p, b"old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace(&p, b"old", b"new").unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
    }
}
