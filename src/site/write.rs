//! Putting a site in place without ever leaving half of one, and without touching a folder
//! pobox did not write: the files go into a fresh folder beside the target, which then takes
//! the target's place by renaming; an earlier site is moved aside first and removed last.

use std::path::{Path, PathBuf};

use super::SiteFile;

/// The file that marks a folder as a site `pobox site` wrote (and may replace).
pub const MARKER: &str = ".pobox-site";

/// Why a site could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// The target (this path) holds something else.
    #[error(
        "{} exists and is not a site pobox wrote (it has no {MARKER} file), so pobox will not replace it",
        .0.display()
    )]
    NotASite(PathBuf),
    /// A file operation failed.
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        /// What pobox was doing.
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> SiteError + use<> {
    let path = path.to_path_buf();
    move |source| SiteError::Io { action, path, source }
}

/// Write `files` as the folder `out`, replacing an earlier site there.
///
/// # Errors
/// [`SiteError::NotASite`] when `out` exists, is not empty and has no [`MARKER`] (or is not
/// a folder); [`SiteError::Io`] when a file cannot be written or renamed. On an error the
/// earlier site, if any, is still in place.
pub fn write(out: &Path, files: &[SiteFile]) -> Result<(), SiteError> {
    let existing = match std::fs::symlink_metadata(out) {
        Ok(meta) => {
            let ours = meta.is_dir() && out.join(MARKER).is_file();
            let empty = meta.is_dir() && std::fs::read_dir(out).map_err(io("read", out))?.next().is_none();
            if !ours && !empty {
                return Err(SiteError::NotASite(out.to_path_buf()));
            }
            true
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(io("read", out)(e)),
    };
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io("create", &parent))?;
    let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(io("create a folder in", &parent))?;
    for f in files {
        let path = staging.path().join(&f.name);
        std::fs::write(&path, &f.content).map_err(io("write", &path))?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // tempfile makes the folder private; a site is for reading.
        std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755))
            .map_err(io("set permissions of", staging.path()))?;
    }
    if !existing {
        let staged = staging.keep();
        return std::fs::rename(&staged, out).map_err(|e| {
            let _ = std::fs::remove_dir_all(&staged);
            io("rename the new site to", out)(e)
        });
    }
    // Move the earlier site aside, put the new one in its place, then remove the old one.
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(&parent)
        .map_err(io("create a folder in", &parent))?
        .keep();
    // The rename needs the name free: the empty folder tempfile made goes first.
    std::fs::remove_dir(&old).map_err(io("remove", &old))?;
    std::fs::rename(out, &old).map_err(io("move aside", out))?;
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, out) {
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir_all(&staged);
        return Err(io("rename the new site to", out)(e));
    }
    std::fs::remove_dir_all(&old).map_err(io("remove the earlier site at", &old))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(text: &str) -> Vec<SiteFile> {
        vec![
            SiteFile {
                name: MARKER.to_owned(),
                content: String::new(),
            },
            SiteFile {
                name: "index.html".to_owned(),
                content: text.to_owned(),
            },
        ]
    }

    #[test]
    fn replaces_its_own_site_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write(&out, &files("one")).unwrap();
        std::fs::write(out.join("stale.html"), "old").unwrap();
        write(&out, &files("two")).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("stale.html").exists(), "the earlier site is replaced whole");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["site"], "no staging or old folder is left behind");

        let mine = dir.path().join("mine");
        std::fs::create_dir(&mine).unwrap();
        std::fs::write(mine.join("notes.txt"), "keep me").unwrap();
        assert!(matches!(write(&mine, &files("x")), Err(SiteError::NotASite(_))));
        assert_eq!(std::fs::read_to_string(mine.join("notes.txt")).unwrap(), "keep me");
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(write(&file, &files("x")), Err(SiteError::NotASite(_))));

        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        write(&empty, &files("three")).unwrap();
        assert_eq!(std::fs::read_to_string(empty.join("index.html")).unwrap(), "three");
    }
}
