//! `pobox man`: manual pages (roff), generated from the command line's definition.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::error::CommandResult;
use super::exit::OK;
use super::output::Out;

/// `pobox man` arguments.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write pobox.1 and a page per subcommand (pobox-story.1, …) into DIR.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `pobox man [--out DIR]`: the page of `cli` (pobox's whole command line) on stdout, or
/// every page written into DIR.
pub fn run(cli: clap::Command, args: &ManArgs, out: &mut Out) -> CommandResult<u8> {
    let mut cmd = cli.disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = args.out.as_deref() else {
        let mut buf = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut buf)?;
        out.data().write_all(&buf)?;
        return Ok(OK);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut pages = Vec::new();
    collect_pages(cmd, &mut pages)?;
    for (name, text) in &pages {
        let path = dir.join(name);
        pobox::fsio::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    writeln!(out.info(), "Wrote {} manual pages to {}", pages.len(), dir.display())?;
    Ok(OK)
}

/// The page of `cmd` and of every subcommand below it, as (file name, roff).
fn collect_pages(cmd: clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> CommandResult<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
        collect_pages(sub, pages)?;
    }
    let man = clap_mangen::Man::new(cmd);
    let mut buf = Vec::new();
    man.render(&mut buf)?;
    pages.push((man.get_filename(), buf));
    Ok(())
}
