//! `pobox init`: scaffold a workspace without ever overwriting a user's file.

use std::path::{Path, PathBuf};

use crate::config::FILE_NAME;
use crate::fsio::{self, WriteError};
use crate::model::Kind;
use crate::templates;

/// One file or folder `init` looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scaffolded {
    /// Relative to the workspace root.
    pub path: PathBuf,
    /// False when it was already there and was left alone.
    pub created: bool,
    /// True when it was there and a line was added to it (the ignore rule in an existing
    /// `.gitignore`); `created` is then false.
    pub added_to: bool,
}

/// The `.gitignore` line that keeps the temp files a killed pobox may leave
/// (`.pobox-*.tmp`, see [`crate::fsio`]) out of `git add -A`.
pub const IGNORE_RULE: &str = ".pobox-*.tmp";

/// Create `pobox.yaml`, the backlog folders, `backlog/product.md` and the templates in
/// `root`, skipping whatever exists, and make `.gitignore` ignore pobox's temp files
/// ([`IGNORE_RULE`]). Running it twice changes nothing.
///
/// # Errors
/// When a file or folder cannot be created.
pub fn init(root: &Path, product: &str) -> Result<Vec<Scaffolded>, WriteError> {
    let mut done = Vec::new();
    let config = format!(
        "# pobox workspace settings; every key but `product` is optional (see docs/format.md).\nproduct: {}\nbacklog_dir: backlog\nsprint_length_days: 14\nstatuses: [draft, ready, in-progress, review, done, dropped]\nestimate_scale: [1, 2, 3, 5, 8, 13, 20]\nprioritization: wsjf\n",
        crate::edit::NewValue::Text(product.to_owned()).to_yaml()
    );
    file(root, Path::new(FILE_NAME), config.as_bytes(), &mut done)?;
    for kind in Kind::ALL {
        let dir = Path::new("backlog").join(kind.folder());
        let abs = root.join(&dir);
        let existed = abs.is_dir();
        std::fs::create_dir_all(&abs).map_err(|source| WriteError::Io { path: abs.clone(), source })?;
        // git keeps no empty folders; the marker keeps the layout in a fresh clone.
        if !existed {
            file(root, &dir.join(".gitkeep"), b"", &mut Vec::new())?;
        }
        done.push(Scaffolded {
            path: dir,
            created: !existed,
            added_to: false,
        });
    }
    let product_md = format!(
        "# {product}\n\n## Vision\n\n<For whom, what need, what product, and why it is better — the Product Vision Board's Vision, Target Group, Needs, Product and Business Goals.>\n\n## Product goal\n\n<One future state of the product the team works towards now (Scrum Guide 2020). Fulfil or abandon it before taking the next.>\n"
    );
    file(root, Path::new("backlog/product.md"), product_md.as_bytes(), &mut done)?;
    std::fs::create_dir_all(root.join("backlog/templates")).map_err(|source| WriteError::Io {
        path: root.join("backlog/templates"),
        source,
    })?;
    for (name, text) in templates::builtin() {
        file(root, &Path::new("backlog/templates").join(name), text.as_bytes(), &mut done)?;
    }
    ignore_temp_files(root, &mut done)?;
    Ok(done)
}

/// The product's name when none is given: the name of the workspace's folder, else
/// "My product".
#[must_use]
pub fn default_product(root: &Path) -> String {
    std::path::absolute(root)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "My product".to_owned())
}

fn file(root: &Path, rel: &Path, bytes: &[u8], done: &mut Vec<Scaffolded>) -> Result<(), WriteError> {
    let created = match fsio::create_new(&root.join(rel), bytes) {
        Ok(()) => true,
        Err(WriteError::Exists(_)) => false,
        Err(e) => return Err(e),
    };
    done.push(Scaffolded {
        path: rel.to_path_buf(),
        created,
        added_to: false,
    });
    Ok(())
}

/// Make `.gitignore` in `root` hold [`IGNORE_RULE`]: create it, or add the line to the
/// user's file (keeping every byte of it, and its line ending), or leave it when the line
/// is there.
fn ignore_temp_files(root: &Path, done: &mut Vec<Scaffolded>) -> Result<(), WriteError> {
    let rel = Path::new(".gitignore");
    let path = root.join(rel);
    let block = |nl: &str| format!("# Temp files of a pobox killed while writing; never items.{nl}{IGNORE_RULE}{nl}");
    let mut added_to = false;
    let created = match fsio::create_new(&path, block("\n").as_bytes()) {
        Ok(()) => true,
        Err(WriteError::Exists(_)) => {
            // Locked from the read to the rename, as every edit of a user's file.
            let lock = fsio::lock(&path)?;
            let before = std::fs::read(lock.path()).map_err(|source| WriteError::Io {
                path: path.clone(),
                source,
            })?;
            let text = String::from_utf8_lossy(&before);
            if !text.lines().any(|l| l.trim() == IGNORE_RULE) {
                let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
                let mut after = before.clone();
                if !after.is_empty() && !after.ends_with(b"\n") {
                    after.extend_from_slice(nl.as_bytes());
                }
                after.extend_from_slice(block(nl).as_bytes());
                lock.replace(&before, &after)?;
                added_to = true;
            }
            false
        }
        Err(e) => return Err(e),
    };
    done.push(Scaffolded {
        path: rel.to_path_buf(),
        created,
        added_to,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_run_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let first = init(dir.path(), "Shop: online").unwrap();
        assert!(first.iter().all(|s| s.created));
        std::fs::write(dir.path().join("backlog/templates/story.md"), "mine").unwrap();
        let second = init(dir.path(), "Other").unwrap();
        assert!(second.iter().all(|s| !s.created));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("backlog/templates/story.md")).unwrap(),
            "mine"
        );
        let ws = crate::workspace::Workspace::load(dir.path(), crate::workspace::LoadOptions::default()).unwrap();
        assert_eq!(ws.config.product, "Shop: online");
        assert!(ws.diagnostics.is_empty(), "{:?}", ws.diagnostics);
    }

    #[test]
    fn the_product_is_named_after_its_folder() {
        assert_eq!(default_product(Path::new("/work/corner-shop")), "corner-shop");
        assert_eq!(default_product(Path::new("/")), "My product");
    }
}
