//! Where pobox may write a file the user names with `--out` (a report, an export, the
//! site), and which existing file it may replace there.
//!
//! One rule for every `--out`: never inside a `.git` folder or the repository's git dir,
//! never inside the backlog folder and never onto `pobox.yaml` (an output there breaks the
//! repository or turns into a backlog file); and never over a file pobox did not write,
//! unless the user says `--force`.
//!
//! pobox knows it wrote a file when the file still holds exactly the bytes pobox last wrote
//! to that path: after each write it records the path and the git blob id of the bytes in
//! `pobox/outputs` inside the git dir (beside the parse cache, never committed). A file the
//! user wrote, or edited after pobox wrote it, matches no record and is refused; so is one
//! written in another clone (in CI, pass `--force`). An empty file holds nothing to lose and
//! may be written. Outside a git repository there is no record, so only a new or empty file
//! may be written without `--force`. The site keeps its own mark, a marker file in its
//! folder (`site::write`), since it replaces a folder, not a file; it shares the first rule.

use std::path::{Component, Path, PathBuf};

use crate::fsio::{self, WriteError};

/// Why an output was not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The path is inside `.git`, the backlog folder, or is `pobox.yaml`.
    #[error("{} is {what}; pobox does not write its output there", .path.display())]
    Protected {
        /// The path asked for.
        path: PathBuf,
        /// What is there (`inside the git folder …`).
        what: String,
    },
    /// A file exists at the path that pobox did not write, or that changed since.
    #[error(
        "{} exists and is not a file pobox wrote (or it changed since pobox wrote it), so pobox will not overwrite it",
        .0.display()
    )]
    NotWritten(PathBuf),
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// The places outputs may not go, and the record of the files pobox wrote.
#[derive(Debug, Clone, Default)]
pub struct Destinations {
    /// Resolved paths an output may neither be nor lie inside, each with what it is.
    protected: Vec<(PathBuf, String)>,
    /// The record of outputs written (`pobox/outputs` in the git dir); `None` outside git.
    record: Option<PathBuf>,
}

impl Destinations {
    /// The rules for outputs of the workspace at `root` whose items live in `backlog_dir`.
    #[must_use]
    pub fn for_workspace(root: &Path, backlog_dir: &str) -> Self {
        let mut rules = Destinations::default();
        rules.add_workspace(root, backlog_dir);
        rules
    }

    /// Protect another workspace too (a portfolio report reads several); the first one with
    /// a git repository keeps the record.
    pub fn add_workspace(&mut self, root: &Path, backlog_dir: &str) {
        let root = resolve(root);
        let repo = crate::git::Repo::discover(&root);
        if let Some(repo) = &repo {
            self.protected
                .push((resolve(repo.git_dir()), "inside the repository's git folder".to_owned()));
            if self.record.is_none() {
                self.record = Some(resolve(repo.git_dir()).join("pobox").join("outputs"));
            }
        }
        self.protected.push((
            root.join(backlog_dir),
            format!("inside the backlog folder {}", root.join(backlog_dir).display()),
        ));
        self.protected.push((
            root.join(crate::config::FILE_NAME),
            format!("the workspace's settings file {}", crate::config::FILE_NAME),
        ));
    }

    /// Refuse `path` when it is or lies inside a protected place (any `.git` folder, the
    /// git dir, the backlog folder, `pobox.yaml`), after following symbolic links.
    ///
    /// # Errors
    /// [`OutputError::Protected`].
    pub fn check_place(&self, path: &Path) -> Result<PathBuf, OutputError> {
        let resolved = resolve(path);
        let protected = |what: String| OutputError::Protected {
            path: path.to_path_buf(),
            what,
        };
        if resolved.components().any(|c| c.as_os_str() == ".git") {
            return Err(protected("inside a git folder (.git)".to_owned()));
        }
        if let Some((_, what)) = self.protected.iter().find(|(p, _)| resolved.starts_with(p)) {
            return Err(protected(what.clone()));
        }
        Ok(resolved)
    }

    /// Write `bytes` to `path` atomically ([`fsio::write`]) if [`Self::check_place`] allows
    /// it and the file there is new, empty, or still what pobox last wrote there (or
    /// `force`); then record what was written.
    ///
    /// # Errors
    /// [`OutputError::Protected`], [`OutputError::NotWritten`], and write errors.
    pub fn write(&self, path: &Path, bytes: &[u8], force: bool) -> Result<(), OutputError> {
        let resolved = self.check_place(path)?;
        if !force {
            match std::fs::metadata(&resolved) {
                Ok(meta) if meta.is_file() && meta.len() == 0 => {}
                Ok(meta) if meta.is_file() => {
                    let now = std::fs::read(&resolved).map_err(|source| WriteError::Io {
                        path: path.to_path_buf(),
                        source,
                    })?;
                    if self.recorded(&resolved).is_none_or(|id| id != blob_id(&now)) {
                        return Err(OutputError::NotWritten(path.to_path_buf()));
                    }
                }
                Ok(_) => return Err(OutputError::NotWritten(path.to_path_buf())),
                Err(_) => {}
            }
        }
        fsio::write(&resolved, bytes)?;
        // Losing the record only makes the next write ask for `--force`.
        let _ = self.record(&resolved, &blob_id(bytes));
        Ok(())
    }

    /// The blob id recorded for `resolved`, if any.
    fn recorded(&self, resolved: &Path) -> Option<String> {
        let text = std::fs::read_to_string(self.record.as_ref()?).ok()?;
        text.lines().find_map(|line| {
            let (id, p) = line.split_once(' ')?;
            (Path::new(p) == resolved).then(|| id.to_owned())
        })
    }

    /// Record that `resolved` now holds the bytes with blob id `id`.
    fn record(&self, resolved: &Path, id: &str) -> Result<(), WriteError> {
        let Some(record) = &self.record else { return Ok(()) };
        // A path with a line break cannot be one line of the record: it is not recorded.
        let Some(shown) = resolved.to_str().filter(|p| !p.contains(['\n', '\r'])) else {
            return Ok(());
        };
        if let Some(folder) = record.parent() {
            std::fs::create_dir_all(folder).map_err(|source| WriteError::Io {
                path: folder.to_path_buf(),
                source,
            })?;
        }
        // Two pobox writing outputs at once must not drop each other's line.
        let lock = fsio::lock(record)?;
        let old = std::fs::read_to_string(lock.path()).unwrap_or_default();
        let mut text: String = old
            .lines()
            .filter(|line| line.split_once(' ').is_none_or(|(_, p)| p != shown))
            .map(|line| format!("{line}\n"))
            .collect();
        text.push_str(&format!("{id} {shown}\n"));
        fsio::write(lock.path(), text.as_bytes())
    }
}

/// The git blob id of `bytes`: a stable digest that needs no crate of its own.
fn blob_id(bytes: &[u8]) -> String {
    git2::Oid::hash_object(git2::ObjectType::Blob, bytes).map_or_else(|_| String::new(), |id| id.to_string())
}

/// `path` made absolute and with every symbolic link of the part that exists followed, so
/// that a link or `..` cannot lead an output into a protected place unseen.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // The longest part that exists is canonicalised; the rest is appended as written, with
    // `.` and `..` applied (nothing there exists, so no link can intervene).
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let mut out = real;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other.as_os_str()),
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_through_links_and_dots() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(real.join("a")).unwrap();
        assert_eq!(resolve(&real.join("a/../b/./c.md")), real.join("b/c.md"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(real.join("a"), real.join("link")).unwrap();
            assert_eq!(resolve(&real.join("link/x.md")), real.join("a/x.md"));
        }
    }
}
