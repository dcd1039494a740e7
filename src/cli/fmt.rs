//! `pobox fmt [--check] [PATHS…]`: canonical front-matter.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use pobox::edit::{EditError, FormatSettings};
use pobox::model::kind::Kind;

use super::error::{CommandError, CommandResult};
use super::exit::{FAILURE, FINDINGS, OK};
use super::output::Out;
use super::session::Session;

/// `pobox fmt` options.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or folders to format (default: every item file of the workspace).
    pub paths: Vec<PathBuf>,
    /// Change nothing; list the files that are not formatted, with a diff, and exit 1.
    #[arg(long)]
    pub check: bool,
}

/// `pobox fmt [--check] [PATHS…]`: exit 1 when `--check` finds unformatted files or files
/// could not be formatted, 2 when a file could not be read.
pub fn run(session: &Session, args: &FmtArgs, out: &mut Out) -> CommandResult<u8> {
    let (root, config) = session.config(out)?;
    let settings = FormatSettings::from_config(&config).map_err(|e| CommandError::msg(e.to_string()))?;
    let files = files(&root, &config, &args.paths)?;
    out.verbose(1, || format!("{} item file(s) to format", files.len()));

    let (mut changed, mut skipped, mut unreadable) = (Vec::new(), 0usize, 0usize);
    for (kind, rel) in &files {
        let path = root.join(rel);
        // Held from this read to the rename, so a `set` running meanwhile is not undone.
        let lock = if args.check { None } else { Some(pobox::fsio::lock(&path)?) };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                // Reported as any error is, and the other files are still formatted.
                let error = CommandError::msg(format!("cannot read {}: {e}", rel.display()));
                writeln!(out.stderr(), "{}", error.render())?;
                unreadable += 1;
                continue;
            }
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            writeln!(
                out.stderr(),
                "warning: skipped {}: it is not UTF-8 text (run `pobox validate`)",
                rel.display()
            )?;
            skipped += 1;
            continue;
        };
        let new = match pobox::edit::canonical(text, &settings.style(*kind)) {
            Ok(new) => new,
            Err(e) => {
                let at = match &e {
                    EditError::InvalidYaml { line, .. } | EditError::Conflict(line) => format!(":{line}"),
                    _ => String::new(),
                };
                writeln!(out.stderr(), "warning: skipped {}{at}: {e}", rel.display())?;
                skipped += 1;
                continue;
            }
        };
        if new == text {
            continue;
        }
        if args.check {
            let diff = similar::TextDiff::from_lines(text, &new);
            let shown = rel.display().to_string();
            let mut w = out.data();
            write!(w, "{}", diff.unified_diff().context_radius(2).header(&shown, &shown))?;
        } else if let Some(lock) = &lock {
            lock.replace(&bytes, new.as_bytes())?;
            writeln!(out.info(), "Formatted {}", rel.display())?;
        }
        changed.push(rel.clone());
    }

    if args.check && !changed.is_empty() {
        let mut w = out.stderr();
        writeln!(w, "{} file(s) are not formatted:", changed.len())?;
        for p in &changed {
            writeln!(w, "  {}", p.display())?;
        }
        writeln!(w, "help: run `pobox fmt` to format them")?;
    } else if !args.check {
        out.verbose(1, || format!("formatted {} of {} file(s)", changed.len(), files.len()));
    }
    Ok(if unreadable > 0 {
        FAILURE
    } else if skipped > 0 || (args.check && !changed.is_empty()) {
        FINDINGS
    } else {
        OK
    })
}

/// The item files to format, relative to the workspace root: every one, or those at or
/// under `paths`.
fn files(root: &Path, config: &pobox::config::Config, paths: &[PathBuf]) -> CommandResult<Vec<(Kind, PathBuf)>> {
    let (all, _) = pobox::workspace::item_files(root, config);
    let all: Vec<(Kind, PathBuf)> = all.into_iter().filter_map(|f| Some((f.kind?, f.path))).collect();
    if paths.is_empty() {
        return Ok(all);
    }
    let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut picked = Vec::new();
    for p in paths {
        let abs = p
            .canonicalize()
            .with_context(|| format!("{}: no such file or folder", p.display()))?;
        let Ok(rel) = abs.strip_prefix(&root_abs) else {
            return Err(CommandError::msg(format!(
                "{} is not inside the workspace at {}",
                p.display(),
                root.display()
            )));
        };
        let before = picked.len();
        picked.extend(all.iter().filter(|(_, f)| f.starts_with(rel)).cloned());
        if picked.len() == before {
            return Err(CommandError::msg(format!(
                "{} holds no item files (stories, epics, … under {}/)",
                p.display(),
                config.backlog_dir
            )));
        }
    }
    picked.sort();
    picked.dedup();
    Ok(picked)
}
