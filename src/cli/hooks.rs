//! `pobox hooks install` and `pobox hooks uninstall`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;

use pobox::hooks::{self, BACKUP_NAME, CHAINED_NAME, HookError, HookSite, Installed, OnForeign, Uninstalled};

use super::error::{CommandError, CommandResult};
use super::exit::OK;
use super::output::Out;
use super::session::Session;

/// `pobox hooks`.
#[derive(Debug, Subcommand)]
pub enum HooksCmd {
    /// Install the pre-commit hook (in core.hooksPath when set, else .git/hooks); it checks
    /// every workspace of the repository a commit changes.
    Install {
        /// Replace a pre-commit hook pobox did not write, keeping it as pre-commit.pobox-backup.
        #[arg(long, conflicts_with = "chain")]
        force: bool,
        /// Keep a pre-commit hook pobox did not write, as pre-commit.pobox-chained, and run it
        /// before pobox's.
        #[arg(long)]
        chain: bool,
    },
    /// Remove pobox's pre-commit hook and put back the hook it displaced.
    Uninstall,
}

/// `pobox hooks install|uninstall`.
pub fn run(session: &Session, cmd: &HooksCmd, out: &mut Out) -> CommandResult<u8> {
    let workspace = session.root()?;
    let site = HookSite::locate(&workspace)?;
    match cmd {
        HooksCmd::Install { force, chain } => {
            let on_foreign = if *force {
                OnForeign::Replace
            } else if *chain {
                OnForeign::Chain
            } else {
                OnForeign::Refuse
            };
            install(&site, &workspace, on_foreign, out)
        }
        HooksCmd::Uninstall => uninstall(&site, out),
    }
}

fn install(site: &HookSite, workspace: &Path, on_foreign: OnForeign, out: &mut Out) -> CommandResult<u8> {
    // The hook checks every workspace of the repository; this one must be in it to be.
    workspace_in(site, workspace)?;
    let script = hooks::script();
    let hook = site.hook();
    let shown = site.display(&hook).display().to_string();
    let done = match hooks::install(site, &script, on_foreign) {
        Ok(done) => done,
        Err(HookError::Foreign(path)) => {
            return Err(CommandError::msg(format!(
                "{} exists and was not installed by pobox; it was left alone",
                site.display(&path).display()
            ))
            .hint(format!(
                "`pobox hooks install --chain` keeps it as {CHAINED_NAME} and runs it before pobox's check;\n\
                 `pobox hooks install --force` replaces it, keeping a copy as {BACKUP_NAME}"
            )));
        }
        Err(e @ HookError::Taken { .. }) => {
            let e = anyhow::Error::new(e).context("nothing was changed; move that file away (or delete it) and run the command again");
            return Err(CommandError::new(e));
        }
        Err(e) => return Err(e.into()),
    };
    let mut w = out.info();
    match &done {
        Installed::Created => writeln!(w, "Installed the pobox pre-commit hook: {shown}")?,
        Installed::Updated => writeln!(w, "Updated the pobox pre-commit hook: {shown}")?,
        Installed::Unchanged => writeln!(w, "The pobox pre-commit hook is already installed and up to date: {shown}")?,
        Installed::Replaced(backup) => writeln!(
            w,
            "Installed the pobox pre-commit hook: {shown}\nThe hook that was there is kept as {}; `pobox hooks uninstall` puts it back.",
            site.display(backup).display()
        )?,
        Installed::Chained(chained) => writeln!(
            w,
            "Installed the pobox pre-commit hook: {shown}\nThe hook that was there is now {} and runs first; \
             a commit goes ahead only when both pass.",
            site.display(chained).display()
        )?,
    }
    if done != Installed::Unchanged {
        writeln!(
            w,
            "Every `git commit` now runs `pobox validate --staged` and stops on errors.\n\
             Skip it once with `POBOX_SKIP=1 git commit …` (or `git commit --no-verify`, which skips every hook)."
        )?;
    }
    Ok(OK)
}

/// The workspace's folder relative to the work tree, where git runs hooks; an error when it
/// is outside the work tree, where no commit changes it.
fn workspace_in(site: &HookSite, workspace: &Path) -> CommandResult<PathBuf> {
    let canonical = |p: &Path| p.canonicalize().with_context(|| format!("cannot read {}", p.display()));
    let work_tree = canonical(&site.work_tree)?;
    let ws = canonical(workspace)?;
    match ws.strip_prefix(&work_tree) {
        Ok(rel) => Ok(rel.to_path_buf()),
        Err(_) => Err(CommandError::msg(format!(
            "the workspace {} is not inside the git work tree {}, so a commit there cannot change it",
            workspace.display(),
            site.work_tree.display()
        ))),
    }
}

fn uninstall(site: &HookSite, out: &mut Out) -> CommandResult<u8> {
    let hook = site.hook();
    let shown = site.display(&hook).display().to_string();
    let done = match hooks::uninstall(site) {
        Ok(done) => done,
        Err(HookError::Foreign(path)) => {
            let path = site.display(&path).display().to_string();
            return Err(CommandError::msg(format!("{path} was not installed by pobox; it was left alone")));
        }
        Err(e) => return Err(e.into()),
    };
    let mut w = out.info();
    match done {
        Uninstalled::NotInstalled => writeln!(w, "No pre-commit hook is installed ({shown} does not exist); nothing to do.")?,
        Uninstalled::Removed => writeln!(w, "Removed the pobox pre-commit hook: {shown}")?,
        Uninstalled::Restored(from, left) => {
            writeln!(
                w,
                "Removed the pobox pre-commit hook and put back the one it replaced: {} is {shown} again.",
                site.display(&from).display()
            )?;
            if let Some(left) = left {
                writeln!(
                    w,
                    "An older hook is still kept as {}; delete it if you do not need it.",
                    site.display(&left).display()
                )?;
            }
        }
    }
    Ok(OK)
}
