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
}

/// Create `pobox.yaml`, the backlog folders, `backlog/product.md` and the templates in
/// `root`, skipping whatever exists. Running it twice changes nothing.
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
