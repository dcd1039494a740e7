//! The git pre-commit hook that runs `pobox validate --staged`: where git looks for hooks,
//! and putting pobox's hook there (or taking it away) without losing anybody else's.
//!
//! pobox's hook is a short POSIX `sh` script recognised by its [`MARKER`] line. A hook
//! that is not pobox's is never overwritten or deleted: it is refused, or, when asked,
//! kept as [`BACKUP_NAME`] (replaced) or [`CHAINED_NAME`] (run before pobox's), and put back
//! by [`uninstall`].

use std::path::{Path, PathBuf};

use crate::git;

/// The line that marks a hook as written by pobox; a version follows it (` v1`).
pub const MARKER: &str = "# pobox-managed-hook";
/// The version of the script [`script`] writes, raised when its behaviour changes.
pub const SCRIPT_VERSION: u32 = 2;
/// The hook's file name.
pub const HOOK_NAME: &str = "pre-commit";
/// Where a replaced foreign hook is kept (`install --force`).
pub const BACKUP_NAME: &str = "pre-commit.pobox-backup";
/// Where a foreign hook that pobox's hook runs first is kept (`install --chain`).
pub const CHAINED_NAME: &str = "pre-commit.pobox-chained";

/// Why a hook could not be installed or removed.
#[derive(Debug, thiserror::Error)]
pub enum HookError {
    /// The folder is not inside a git work tree.
    #[error("{} is not inside a git work tree, so there is no commit to hook into", .0.display())]
    NoWorkTree(PathBuf),
    /// A pre-commit hook that pobox did not write is in the way.
    #[error("{} exists and was not installed by pobox", .0.display())]
    Foreign(PathBuf),
    /// The place pobox would move a foreign hook to is taken.
    #[error("{} is in the way: {} already exists", .hook.display(), .taken.display())]
    Taken {
        /// The hook that would be moved.
        hook: PathBuf,
        /// The file already at the place it would be moved to.
        taken: PathBuf,
    },
    /// The file system refused.
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> HookError + '_ {
    move |source| HookError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Where git runs the hooks of the repository holding a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookSite {
    /// The work tree's root, where git runs hooks.
    pub work_tree: PathBuf,
    /// The hooks folder: `core.hooksPath` when set (relative to the work tree), else
    /// `hooks` in the repository's common git folder.
    pub dir: PathBuf,
}

impl HookSite {
    /// The hooks folder of the repository that holds `start`, found as git finds it
    /// (honouring `GIT_DIR`, `GIT_WORK_TREE` and the rest, see [`git::Repo::discover`]).
    ///
    /// # Errors
    /// [`HookError::NoWorkTree`] outside a work tree (or in a bare repository).
    pub fn locate(start: &Path) -> Result<HookSite, HookError> {
        let repo = git::Repo::discover(start).ok_or_else(|| HookError::NoWorkTree(start.to_path_buf()))?;
        let work_tree = repo.workdir().ok_or_else(|| HookError::NoWorkTree(start.to_path_buf()))?;
        let work_tree = strip_trailing_separator(work_tree);
        let dir = match repo.config_value("core.hooksPath") {
            Some(configured) => resolve_hooks_path(&work_tree, &configured),
            // Linked worktrees share the main repository's hooks, as git does.
            None => repo.common_dir().join("hooks"),
        };
        Ok(HookSite { work_tree, dir })
    }

    /// The hook's path.
    #[must_use]
    pub fn hook(&self) -> PathBuf {
        self.dir.join(HOOK_NAME)
    }

    /// `path` relative to the work tree when inside it, for messages.
    #[must_use]
    pub fn display<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.work_tree).unwrap_or(path)
    }
}

fn strip_trailing_separator(p: &Path) -> PathBuf {
    p.components().collect()
}

/// `core.hooksPath` as git reads it: `~/` is the home folder, a relative path is relative
/// to the work tree's root.
fn resolve_hooks_path(work_tree: &Path, configured: &str) -> PathBuf {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    let path = match (configured.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(configured),
    };
    if path.is_absolute() { path } else { work_tree.join(path) }
}

/// The hook script: skip when `POBOX_SKIP` is set, run a chained hook first, then
/// `pobox validate --staged --all-workspaces`, which checks every workspace of the
/// repository the commit changes. The script names no workspace, so one hook serves every
/// workspace of a repository, and installing it from a second workspace changes nothing.
/// `pobox` is looked up on `PATH` when the hook runs; when it is missing the hook fails and
/// says how to get it or skip the check.
#[must_use]
pub fn script() -> String {
    format!(
        r#"#!/bin/sh
{MARKER} v{SCRIPT_VERSION}
# Written by `pobox hooks install`; `pobox hooks uninstall` removes it, and a reinstall
# overwrites it. It checks, as they are staged for the commit, the backlogs of every pobox
# workspace of the repository that the commit changes.
# Skip it for one commit: POBOX_SKIP=1 git commit ...  (git commit --no-verify skips every hook)

if [ -n "${{POBOX_SKIP:-}}" ] && [ "$POBOX_SKIP" != 0 ]; then
    echo "pobox: POBOX_SKIP is set, so the backlog was not checked" >&2
    exit 0
fi

# The hook that was here before pobox's (`pobox hooks install --chain`) runs first.
chained="$(dirname "$0")/{CHAINED_NAME}"
if [ -x "$chained" ]; then
    "$chained" "$@" || exit $?
fi

if ! command -v pobox >/dev/null 2>&1; then
    echo "pobox pre-commit hook: \`pobox\` is not on PATH, so the backlog cannot be checked." >&2
    echo "Install pobox (see its README) and put it on PATH, or skip the check for one commit:" >&2
    echo "  POBOX_SKIP=1 git commit ...   (or git commit --no-verify, which skips every hook)" >&2
    exit 1
fi

exec pobox validate --staged --all-workspaces
"#
    )
}

/// Whether a hook's text is pobox's.
#[must_use]
pub fn is_pobox_hook(text: &[u8]) -> bool {
    text.split(|b| *b == b'\n').any(|l| l.starts_with(MARKER.as_bytes()))
}

/// What to do with a pre-commit hook that is not pobox's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnForeign {
    /// Leave it and fail.
    #[default]
    Refuse,
    /// Move it to [`BACKUP_NAME`] and put pobox's in its place.
    Replace,
    /// Move it to [`CHAINED_NAME`], where pobox's hook runs it first.
    Chain,
}

/// What [`install`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// There was no pre-commit hook; pobox's was written.
    Created,
    /// pobox's hook was there, older or edited, and was rewritten.
    Updated,
    /// pobox's hook was there and up to date.
    Unchanged,
    /// A foreign hook was moved to this backup and pobox's written.
    Replaced(PathBuf),
    /// A foreign hook was moved here, and pobox's hook runs it first.
    Chained(PathBuf),
}

/// Write `script` as the pre-commit hook in `site`, creating the hooks folder if needed.
///
/// # Errors
/// [`HookError::Foreign`] when a hook that is not pobox's is there and `on_foreign` is
/// [`OnForeign::Refuse`]; [`HookError::Taken`] when the backup or chained name is taken;
/// I/O errors.
pub fn install(site: &HookSite, script: &str, on_foreign: OnForeign) -> Result<Installed, HookError> {
    std::fs::create_dir_all(&site.dir).map_err(io(&site.dir))?;
    let hook = site.hook();
    let existing = match std::fs::read(&hook) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && std::fs::symlink_metadata(&hook).is_err() => None,
        Err(e) => return Err(HookError::Io { path: hook, source: e }),
    };
    let done = match existing {
        None => Installed::Created,
        Some(text) if text == script.as_bytes() && is_executable(&hook) => return Ok(Installed::Unchanged),
        Some(text) if is_pobox_hook(&text) => Installed::Updated,
        Some(_) => {
            let (name, done): (_, fn(PathBuf) -> Installed) = match on_foreign {
                OnForeign::Refuse => return Err(HookError::Foreign(hook)),
                OnForeign::Replace => (BACKUP_NAME, Installed::Replaced),
                OnForeign::Chain => (CHAINED_NAME, Installed::Chained),
            };
            let moved = site.dir.join(name);
            if std::fs::symlink_metadata(&moved).is_ok() {
                return Err(HookError::Taken { hook, taken: moved });
            }
            std::fs::rename(&hook, &moved).map_err(io(&hook))?;
            done(moved)
        }
    };
    write_executable(&hook, script.as_bytes())?;
    Ok(done)
}

/// What [`uninstall`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Uninstalled {
    /// There was no pre-commit hook.
    NotInstalled,
    /// pobox's hook was deleted; nothing was put back.
    Removed,
    /// pobox's hook was deleted and the hook kept here (chained or backed up) put back.
    /// The second path is a backup left where it was, when there were both.
    Restored(PathBuf, Option<PathBuf>),
}

/// Delete pobox's pre-commit hook from `site` and put back the hook it displaced: the
/// chained one if there is one (it was running on every commit), else the backup.
///
/// # Errors
/// [`HookError::Foreign`] when the pre-commit hook is not pobox's; I/O errors.
pub fn uninstall(site: &HookSite) -> Result<Uninstalled, HookError> {
    let hook = site.hook();
    let text = match std::fs::read(&hook) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && std::fs::symlink_metadata(&hook).is_err() => {
            return Ok(Uninstalled::NotInstalled);
        }
        Err(e) => return Err(HookError::Io { path: hook, source: e }),
    };
    if !is_pobox_hook(&text) {
        return Err(HookError::Foreign(hook));
    }
    let chained = site.dir.join(CHAINED_NAME);
    let backup = site.dir.join(BACKUP_NAME);
    let exists = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    let put_back = [&chained, &backup].into_iter().find(|p| exists(p)).cloned();
    match put_back {
        None => {
            std::fs::remove_file(&hook).map_err(io(&hook))?;
            Ok(Uninstalled::Removed)
        }
        Some(from) => {
            // A rename over the hook replaces it in one step: there is never a moment
            // without either hook.
            std::fs::rename(&from, &hook).map_err(io(&from))?;
            let left = (from == chained && exists(&backup)).then_some(backup);
            Ok(Uninstalled::Restored(from, left))
        }
    }
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(_: &Path) -> bool {
    true
}

/// Replace `path` with `bytes`, mode 0755, atomically (a temporary file in the same folder
/// renamed over it), so git never runs a half-written hook.
fn write_executable(path: &Path, bytes: &[u8]) -> Result<(), HookError> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".pobox-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io(path))?;
    tmp.write_all(bytes).map_err(io(path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o755))
            .map_err(io(path))?;
    }
    tmp.as_file().sync_all().map_err(io(path))?;
    tmp.persist(path).map_err(|e| HookError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, HookSite) {
        let dir = tempfile::tempdir().unwrap();
        let site = HookSite {
            work_tree: dir.path().to_path_buf(),
            dir: dir.path().join(".git/hooks"),
        };
        (dir, site)
    }

    #[test]
    fn script_is_marked_and_names_no_workspace() {
        let s = script();
        assert!(s.starts_with("#!/bin/sh\n# pobox-managed-hook v2\n"), "{s}");
        assert!(s.ends_with("exec pobox validate --staged --all-workspaces\n"), "{s}");
        assert!(is_pobox_hook(s.as_bytes()));
        assert!(!is_pobox_hook(b"#!/bin/sh\nexit 0\n"));
    }

    #[test]
    fn hooks_path_is_relative_to_the_work_tree() {
        let wt = Path::new("/repo");
        assert_eq!(resolve_hooks_path(wt, ".githooks"), Path::new("/repo/.githooks"));
        assert_eq!(resolve_hooks_path(wt, "/etc/hooks"), Path::new("/etc/hooks"));
    }

    #[test]
    fn install_and_uninstall_keep_foreign_hooks() {
        let (_d, site) = site();
        let ours = script();
        assert_eq!(install(&site, &ours, OnForeign::Refuse).unwrap(), Installed::Created);
        assert_eq!(install(&site, &ours, OnForeign::Refuse).unwrap(), Installed::Unchanged);
        assert_eq!(
            install(&site, &format!("{ours}# edited\n"), OnForeign::Refuse).unwrap(),
            Installed::Updated
        );
        assert_eq!(uninstall(&site).unwrap(), Uninstalled::Removed);
        assert_eq!(uninstall(&site).unwrap(), Uninstalled::NotInstalled);

        let foreign = "#!/bin/sh\necho theirs\n";
        std::fs::write(site.hook(), foreign).unwrap();
        assert!(matches!(install(&site, &ours, OnForeign::Refuse), Err(HookError::Foreign(_))));
        assert!(matches!(uninstall(&site), Err(HookError::Foreign(_))));
        assert_eq!(std::fs::read_to_string(site.hook()).unwrap(), foreign);

        let backup = site.dir.join(BACKUP_NAME);
        assert_eq!(
            install(&site, &ours, OnForeign::Replace).unwrap(),
            Installed::Replaced(backup.clone())
        );
        assert_eq!(std::fs::read_to_string(&backup).unwrap(), foreign);
        assert_eq!(uninstall(&site).unwrap(), Uninstalled::Restored(backup.clone(), None));
        assert_eq!(std::fs::read_to_string(site.hook()).unwrap(), foreign);

        let chained = site.dir.join(CHAINED_NAME);
        assert_eq!(
            install(&site, &ours, OnForeign::Chain).unwrap(),
            Installed::Chained(chained.clone())
        );
        // A second foreign hook cannot be chained over the first.
        std::fs::write(site.hook(), foreign).unwrap();
        assert!(matches!(install(&site, &ours, OnForeign::Chain), Err(HookError::Taken { .. })));
        std::fs::write(site.hook(), &ours).unwrap();
        std::fs::write(&backup, "old backup").unwrap();
        assert_eq!(
            uninstall(&site).unwrap(),
            Uninstalled::Restored(chained.clone(), Some(backup.clone()))
        );
        assert_eq!(std::fs::read_to_string(site.hook()).unwrap(), foreign);
        assert!(!chained.exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_hook_is_executable() {
        use std::os::unix::fs::PermissionsExt;
        let (_d, site) = site();
        install(&site, &script(), OnForeign::Refuse).unwrap();
        let mode = std::fs::metadata(site.hook()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o755);
        // Made non-executable by hand: a reinstall fixes it.
        std::fs::set_permissions(site.hook(), std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(install(&site, &script(), OnForeign::Refuse).unwrap(), Installed::Updated);
        assert_eq!(std::fs::metadata(site.hook()).unwrap().permissions().mode() & 0o777, 0o755);
    }
}
