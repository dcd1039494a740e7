//! `pobox completions`: a shell completion script, generated from the command line's
//! definition.

use std::io::Write;

use clap::Args;

use super::error::CommandResult;
use super::exit::OK;
use super::output::Out;

/// `pobox completions` arguments.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `pobox completions SHELL`: the script for `cli` (pobox's whole command line) on stdout.
pub fn run(mut cli: clap::Command, args: &CompletionsArgs, out: &mut Out) -> CommandResult<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cli, "pobox", &mut buf);
    out.data().write_all(&buf)?;
    Ok(OK)
}
