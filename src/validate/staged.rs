//! What a commit is responsible for: `pobox validate --staged` reports the problems in the
//! staged files, and the problems elsewhere that the staged changes cause (deleting an epic
//! that unchanged stories still name, say). [`touched_workspaces`] finds which workspaces
//! of the repository a commit changes, so that one hook checks them all.

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
        // A link the backlog is read through: the backlog itself or a folder above it, a
        // link in it, or one a link of it leads to. Other links (a `README.md` linking to
        // the docs) change nothing the backlog holds.
        a_link_changed |= change.link && (rel.starts_with(backlog) || backlog.starts_with(&rel) || ws.names_of(&rel).len() > 1);
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
    // A backlog link added, removed or pointed elsewhere changes what every file behind it
    // is, or whether it is there: the commit answers for all of them.
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
        || matches!(
            code,
            Code::SupersededWithoutSuccessor | Code::SupersedesNotSuperseded | Code::SupersedesCycle | Code::DeciderNotStakeholder
        )
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

/// The workspaces of the repository that the staged changes touch, so that one pre-commit
/// hook checks every workspace of the repository and needs no list of them: for each
/// changed file (added, modified, deleted or renamed compared with HEAD), the nearest
/// folder above it that holds a `pobox.yaml`, staged or on disk, as pobox finds a
/// workspace from a folder. A workspace the commit does not change has nothing the commit
/// could break (links out of a workspace are not followed). Absolute, sorted, each once;
/// none in a repository without a work tree.
///
/// # Errors
/// When git cannot read the index or compare it with HEAD.
pub fn touched_workspaces(repo: &Repo) -> Result<Vec<PathBuf>, crate::git::GitError> {
    let Some(work_tree) = repo.workdir().map(Path::to_path_buf) else {
        return Ok(Vec::new());
    };
    let mut staged_configs: HashSet<PathBuf> = HashSet::new();
    repo.each_index_file(|f| {
        let path = Path::new(&f.path);
        if path.file_name().is_some_and(|n| n == crate::config::FILE_NAME) {
            staged_configs.insert(path.parent().map(Path::to_path_buf).unwrap_or_default());
        }
    })?;
    let mut known: std::collections::HashMap<PathBuf, bool> = std::collections::HashMap::new();
    let mut is_workspace = |dir: &Path| -> bool {
        *known
            .entry(dir.to_path_buf())
            .or_insert_with(|| staged_configs.contains(dir) || work_tree.join(dir).join(crate::config::FILE_NAME).is_file())
    };
    let mut found = std::collections::BTreeSet::new();
    for change in repo.staged_changes()? {
        let path = Path::new(&change.path);
        let folder = path.parent().unwrap_or(Path::new(""));
        if let Some(dir) = folder.ancestors().find(|d| is_workspace(d)) {
            found.insert(work_tree.join(dir).components().collect::<PathBuf>());
        }
    }
    Ok(found.into_iter().collect())
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
