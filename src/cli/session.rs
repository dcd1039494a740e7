//! What every command gets from the global options: which workspace to work on, and the
//! ways to read it (its settings, its items, its git history), each saying under
//! `--verbose` what it read.

use std::io::Write;
use std::path::{Path, PathBuf};

use pobox::history::{History, HistoryError};
use pobox::workspace::{LoadOptions, Workspace, WorkspaceError};

use super::error::{CommandError, CommandResult};
use super::output::Out;
use super::progress::ProgressLine;

/// What a command says after printing pobox.yaml's errors.
const CONFIG_ERRORS: &str = "pobox.yaml has errors; fix them and run the command again";

/// One run of pobox: the workspace the global `--workspace` names (or none, to search).
#[derive(Debug, Clone)]
pub struct Session {
    workspace: Option<PathBuf>,
}

impl Session {
    /// A run on the workspace at `workspace`, or on the one found above the current folder.
    pub fn new(workspace: Option<PathBuf>) -> Self {
        Session { workspace }
    }

    /// `--workspace DIR`, when given.
    pub fn workspace_option(&self) -> Option<&Path> {
        self.workspace.as_deref()
    }

    /// The workspace root: exactly `--workspace DIR` when given, else the nearest folder at
    /// or above the current one that holds `pobox.yaml`.
    pub fn root(&self) -> CommandResult<PathBuf> {
        match &self.workspace {
            Some(dir) if dir.join(pobox::config::FILE_NAME).is_file() => Ok(dir.clone()),
            Some(dir) => {
                let dir = dir.display();
                Err(
                    CommandError::msg(format!("no pobox workspace at {dir}: it has no {}", pobox::config::FILE_NAME))
                        .hint(format!("run `pobox init {dir}` to create one")),
                )
            }
            None => pobox::workspace::discover(Path::new("."))
                .map_err(|e| CommandError::new(e).hint("run `pobox init` to create one here, or pass --workspace DIR")),
        }
    }

    /// The workspace's settings, for commands that do not need its items.
    pub fn config(&self, out: &mut Out) -> CommandResult<(PathBuf, pobox::config::Config)> {
        let root = self.root()?;
        self.say_root(&root, out);
        match pobox::workspace::read_config(&root) {
            Ok((config, _)) => Ok((root, config)),
            Err(WorkspaceError::Config(diags)) => {
                out.diagnostics(&diags, &root)?;
                Err(CommandError::msg(CONFIG_ERRORS))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Load the workspace. `POBOX_NO_CACHE=1` turns the parse cache off.
    pub fn load(&self, opts: LoadOptions, out: &mut Out) -> CommandResult<Workspace> {
        self.load_version(opts, false, out)
    }

    /// Load the working tree, or with `staged` what is staged for the next commit.
    pub fn load_version(&self, mut opts: LoadOptions, staged: bool, out: &mut Out) -> CommandResult<Workspace> {
        let root = self.root()?;
        self.say_root(&root, out);
        opts.cache &= std::env::var_os("POBOX_NO_CACHE").is_none_or(|v| v.is_empty() || v == "0");
        let started = std::time::Instant::now();
        let loaded = if staged {
            Workspace::load_staged(&root, opts)
        } else {
            Workspace::load(&root, opts)
        };
        match loaded {
            Ok(ws) => {
                out.verbose(1, || {
                    format!(
                        "read {} item(s) from the {} in {} ms ({} diagnostic(s); {})",
                        ws.items.len(),
                        if staged { "git index" } else { "working tree" },
                        started.elapsed().as_millis(),
                        ws.diagnostics.len(),
                        ws.cache_hits()
                            .map_or_else(|| "parse cache off".to_owned(), |n| format!("{n} from the parse cache"))
                    )
                });
                out.verbose(2, || {
                    let mut per_kind = String::new();
                    for kind in pobox::model::kind::Kind::ALL {
                        let n = ws.of_kind(kind).count();
                        per_kind.push_str(&format!(" {}={n}", kind.folder()));
                    }
                    format!("items per kind:{per_kind}")
                });
                Ok(ws)
            }
            Err(WorkspaceError::Config(diags)) => {
                out.diagnostics(&diags, &root)?;
                Err(CommandError::msg(CONFIG_ERRORS))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Read the history of the workspace's backlog, with a progress line on a terminal when
    /// the walk takes longer than a second.
    pub fn history(&self, out: &mut Out) -> CommandResult<History> {
        let (root, config) = self.config(out)?;
        let ws = Workspace::empty(root, config);
        let repo = pobox::git::Repo::discover(&ws.root).ok_or_else(|| HistoryError::NotGit(ws.root.clone()))?;
        let mut bar = ProgressLine::new(out.is_quiet());
        let started = std::time::Instant::now();
        let history = History::read_with_progress(&ws, &repo, |done, total| bar.update(done, total));
        bar.finish();
        let history = history?;
        out.verbose(1, || format!("read the git history in {} ms", started.elapsed().as_millis()));
        warn_skewed(&history, out)?;
        if history.commits.is_empty() {
            let root = ws.root.display();
            return Err(
                CommandError::msg(format!("{root} is in a git repository with no commits yet, so it has no history"))
                    .hint("commit the backlog first: `git add -A && git commit -m \"Backlog\"`"),
            );
        }
        Ok(history)
    }

    /// Under `--verbose`, say which workspace and settings file are used and how it was found.
    fn say_root(&self, root: &Path, out: &Out) {
        out.verbose(1, || {
            let how = if self.workspace.is_some() {
                "from --workspace"
            } else {
                "found above the current folder"
            };
            let shown = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
            format!(
                "workspace {} ({how}); settings {}",
                shown.display(),
                shown.join(pobox::config::FILE_NAME).display()
            )
        });
    }
}

/// The one warning for commits dated before their parents, which the history counts on
/// their parents' dates (`None` when there are none): the first one's short id and both
/// dates, and how many more there are.
pub fn skew_warning(history: &History) -> Option<String> {
    let first = history.skewed.first()?;
    let more = match history.skewed.len() - 1 {
        0 => format!("history counts it on {}", first.counted),
        1 => "1 more commit is dated before its parent too; history counts each on its parent's date".to_owned(),
        n => format!("{n} more commits are dated before their parents too; history counts each on its parent's date"),
    };
    Some(format!(
        "warning: commit {} is dated {}, before its parent ({}): a clock was wrong; {more}",
        first.short_id(),
        first.recorded,
        first.counted
    ))
}

/// Print [`skew_warning`] on stderr, when there is one.
pub fn warn_skewed(history: &History, out: &Out) -> CommandResult<()> {
    if let Some(warning) = skew_warning(history) {
        writeln!(out.stderr(), "{warning}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use pobox::history::{History, SkewedCommit};

    use super::skew_warning;

    #[test]
    fn commits_dated_before_their_parents_make_one_warning() {
        let mut h = History::empty(pobox::config::Config::default());
        assert_eq!(skew_warning(&h), None);
        let skewed = |id: &str| SkewedCommit {
            id: id.to_owned(),
            recorded: date(2026, 6, 1),
            counted: date(2026, 9, 15),
        };
        h.skewed = vec![skewed("0123456789abcdef")];
        assert_eq!(
            skew_warning(&h).as_deref(),
            Some(
                "warning: commit 0123456 is dated 2026-06-01, before its parent (2026-09-15): a clock was wrong; \
                 history counts it on 2026-09-15"
            )
        );
        h.skewed.extend([skewed("fedcba9876543210"), skewed("abc")]);
        assert_eq!(
            skew_warning(&h).as_deref(),
            Some(
                "warning: commit 0123456 is dated 2026-06-01, before its parent (2026-09-15): a clock was wrong; \
                 2 more commits are dated before their parents too; history counts each on its parent's date"
            )
        );
    }
}
