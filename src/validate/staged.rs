//! What a commit is responsible for: `pobox validate --staged` reports the problems in the
//! staged files, and the problems elsewhere that the staged changes cause (deleting an epic
//! that unchanged stories still name, say).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic};
use crate::git::Repo;
use crate::model::read::{ReadOptions, read_item};
use crate::workspace::{Workspace, classify};

/// The staged changes of a workspace: the files they touch and the ids those files hold
/// now or held at HEAD.
#[derive(Debug, Clone, Default)]
pub struct StagedScope {
    /// Changed files, relative to the workspace root.
    pub paths: HashSet<PathBuf>,
    /// Ids defined by the changed files, before or after the change.
    pub ids: HashSet<String>,
}

/// The scope of what is staged in the workspace `ws` (loaded from the index).
///
/// # Errors
/// When git cannot compare the index with HEAD.
pub fn scope(ws: &Workspace, repo: &Repo) -> Result<StagedScope, crate::git::GitError> {
    let prefix = crate::git::relative_to_workdir(repo, &ws.root)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let mut out = StagedScope::default();
    let prefixes = ws.config.prefixes();
    let backlog = Path::new(&ws.config.backlog_dir);
    let mut a_link_changed = false;
    for change in repo.staged_changes()? {
        let rel = if prefix.is_empty() {
            Some(change.path.as_str())
        } else {
            change.path.strip_prefix(&prefix).and_then(|p| p.strip_prefix('/'))
        };
        let Some(rel) = rel.map(PathBuf::from) else { continue };
        a_link_changed |= change.link;
        // A file the backlog reads through a link changes under the link's name too.
        for rel in ws.names_of(&rel) {
            if let Some(item) = ws.items.iter().find(|i| i.path == rel) {
                out.ids.insert(item.id.clone());
            }
            // The version at HEAD may define an id the staged one no longer does.
            if let (Some(old), Some(Some(kind))) = (change.old, rel.strip_prefix(backlog).ok().and_then(classify))
                && let Ok(bytes) = repo.blob(old)
            {
                let opts = ReadOptions {
                    prefix: ws.config.prefix(kind),
                    mention_prefixes: &prefixes,
                    body: false,
                };
                out.ids.insert(read_item(kind, &rel, &bytes, opts).0.id);
            }
            out.paths.insert(rel);
        }
    }
    // A link added, removed or pointed elsewhere changes what every file behind it is, or
    // whether it is there: the commit answers for all of them.
    if a_link_changed {
        for item in &ws.items {
            out.paths.insert(item.path.clone());
            out.ids.insert(item.id.clone());
        }
    }
    Ok(out)
}

/// Whether a rule judges relations between files (so a change in one file can break
/// another).
pub(crate) fn is_cross_file(code: Code) -> bool {
    code.as_str().starts_with("PO2")
}

/// Keep the diagnostics the staged changes are responsible for.
#[must_use]
pub fn caused_by(diags: Vec<Diagnostic>, scope: &StagedScope) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .filter(|d| {
            scope.paths.contains(&d.path)
                || (is_cross_file(d.code)
                    && d.message
                        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
                        .any(|word| scope.ids.contains(word.trim_end_matches('.'))))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_staged_files_and_what_they_break() {
        let d = |code, path: &str, msg: &str| Diagnostic::new(code, path, 1, 1, msg);
        let scope = StagedScope {
            paths: [PathBuf::from("backlog/epics/E-3.md")].into(),
            ids: ["E-3".to_owned()].into(),
        };
        let kept = caused_by(
            vec![
                d(Code::MissingTitle, "backlog/epics/E-3.md", "no title"),
                d(Code::DanglingReference, "backlog/stories/S-1.md", "`epic: E-3` names no epic"),
                d(Code::DanglingReference, "backlog/stories/S-2.md", "`epic: E-30` names no epic"),
                d(Code::MissingTitle, "backlog/stories/S-4.md", "no title, mentions E-3"),
            ],
            &scope,
        );
        let paths: Vec<_> = kept.iter().map(|d| d.path.to_string_lossy().into_owned()).collect();
        assert_eq!(paths, ["backlog/epics/E-3.md", "backlog/stories/S-1.md"]);
    }
}
