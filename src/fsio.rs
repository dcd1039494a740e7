//! Writing files so that a crash or a concurrent editor never leaves a torn or lost file.

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
    let dir = folder_of(path);
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
    tmp.as_file().sync_all().map_err(io(path))?;
    Ok(tmp)
}

/// Replace `path` with `bytes` atomically (temp file in the same folder, fsync, rename),
/// keeping its permissions, but only if it still holds `expected`: a concurrent edit is
/// refused rather than overwritten.
///
/// # Errors
/// [`WriteError::Changed`] when the file no longer holds `expected`; I/O errors.
pub fn replace(path: &Path, expected: &[u8], bytes: &[u8]) -> Result<(), WriteError> {
    // Through a symbolic link, the file it names is replaced, not the link by a copy.
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(io(path))?,
        _ => path.to_path_buf(),
    };
    let path = target.as_path();
    let tmp = temp_in_same_folder(path, bytes)?;
    let meta = std::fs::metadata(path).map_err(io(path))?;
    tmp.as_file().set_permissions(meta.permissions()).map_err(io(path))?;
    #[cfg(debug_assertions)]
    fault_edit_before_replace(path);
    if std::fs::read(path).map_err(io(path))? != expected {
        return Err(WriteError::Changed(path.to_path_buf()));
    }
    persist(tmp, path)
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

/// Fault injection for the integration tests, compiled into debug builds only: with
/// `POBOX_FAULT_EDIT_BEFORE_REPLACE=<file name>`, a line is appended to that file just
/// before [`replace`] checks it, as an editor saving at that very moment would.
#[cfg(debug_assertions)]
fn fault_edit_before_replace(path: &Path) {
    let Some(name) = std::env::var_os("POBOX_FAULT_EDIT_BEFORE_REPLACE") else {
        return;
    };
    if path.file_name() == Some(name.as_os_str())
        && let Ok(mut f) = std::fs::OpenOptions::new().append(true).open(path)
    {
        let _ = f.write_all(b"\nEdited in another window.\n");
    }
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
