//! The binary's commands: parse arguments, call the library, print, choose an exit code.
//!
//! `args.rs` holds the global options and the list of command groups; each group's file
//! (named after the command: `story.rs`, `sprint.rs`, `forecast.rs`, …) holds its clap types
//! and its handler. Handlers read the workspace through [`session::Session`], print
//! through [`output::Out`] and fail with an [`error::CommandError`], which says what went
//! wrong, what to do and the exit code; they never import `args.rs` or this module.

pub mod args;
mod board;
mod completions;
mod decision;
mod demo;
mod epic;
mod error;
#[cfg(test)]
mod every_command;
mod exit;
mod export;
mod fmt;
mod forecast;
mod history;
mod hooks;
mod import;
mod init;
mod items;
mod man;
mod meeting;
mod metrics;
mod output;
mod prioritize;
mod progress;
mod report;
mod risk;
mod schema;
mod search;
mod session;
mod set;
mod show;
mod site;
mod sprint;
mod stakeholder;
mod status;
mod story;
mod validate;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use args::{Cli, Command};
use error::CommandResult;
use output::Out;
use session::Session;

/// Run pobox with these arguments (the first is the program name) and return the exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { exit::FAILURE } else { exit::OK });
        }
    };
    let mut out = Out::new(cli.color.choice()).with_verbosity(cli.quiet, cli.verbose);
    let session = Session::new(cli.workspace.clone());
    match dispatch(&cli.command, &session, &mut out) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => ExitCode::from(exit::OK),
        Err(e) => {
            let _ = writeln!(out.stderr(), "{}", e.render());
            ExitCode::from(e.exit_code())
        }
    }
}

/// Run one command.
fn dispatch(command: &Command, session: &Session, out: &mut Out) -> CommandResult {
    match command {
        Command::Init(args) => init::run(session, args, out),
        Command::Demo(args) => demo::run(args, out),
        Command::Story(cmd) => story::run(session, cmd, out),
        Command::Epic(cmd) => epic::run(session, cmd, out),
        Command::Stakeholder(cmd) => stakeholder::run(session, cmd, out),
        Command::Meeting(cmd) => meeting::run(session, cmd, out),
        Command::Sprint(cmd) => sprint::run(session, cmd, out),
        Command::Risk(cmd) => risk::run(session, cmd, out),
        Command::Decision(cmd) => decision::run(session, cmd, out),
        Command::Show(args) => show::run(session, args, out),
        Command::Search(args) => search::run(session, args, out),
        Command::Set(args) => set::run(session, args, out),
        Command::Status(args) => status::run(session, args, out),
        Command::History(args) => history::run(session, args, out),
        Command::Metrics(args) => metrics::run(session, args, out),
        Command::Forecast(args) => forecast::run(session, args, out),
        Command::Board(args) => board::run(session, args, out),
        Command::Validate(args) => validate::run(session, args, out),
        Command::Prioritize(args) => prioritize::run(session, args, out),
        Command::Report(cmd) => report::run(session, cmd, out),
        Command::Hooks(cmd) => hooks::run(session, cmd, out),
        Command::Site(args) => site::run(session, args, out),
        Command::Import(cmd) => import::run(session, cmd, out),
        Command::Export(args) => export::run(session, args, out),
        Command::Completions(args) => completions::run(Cli::command(), args, out),
        Command::Man(args) => man::run(Cli::command(), args, out),
        Command::Schema(args) => schema::run(args, out),
        Command::Fmt(args) => fmt::run(session, args, out),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::every_command::{ENTRIES, Entry};

    /// The leaf commands under `cmd`, each as its words after `pobox`.
    fn leaves(cmd: &clap::Command, words: &str, out: &mut Vec<String>) {
        let mut any = false;
        for sub in cmd.get_subcommands() {
            any = true;
            let name = if words.is_empty() {
                sub.get_name().to_owned()
            } else {
                format!("{words} {}", sub.get_name())
            };
            leaves(sub, &name, out);
        }
        if !any && !words.is_empty() {
            out.push(words.to_owned());
        }
    }

    /// Nothing vanishes from a new command: the walk of `tests/it/unreadable.rs` runs every
    /// entry of `every_command.rs`, and every leaf of the command line must have one.
    #[test]
    fn every_command_has_an_entry_in_the_walk() {
        let mut all = Vec::new();
        leaves(&super::Cli::command(), "", &mut all);
        assert!(all.len() > 40, "the walk found only {all:?}");
        let mut problems = Vec::new();
        for leaf in &all {
            if !ENTRIES.iter().any(|(name, _)| name == leaf) {
                problems.push(format!(
                    "`pobox {leaf}` has no entry in src/cli/every_command.rs: give it arguments that make it list or \
                     count the backlog, or exempt it with the reason it neither lists nor counts items"
                ));
            }
        }
        for (name, entry) in ENTRIES {
            if !all.iter().any(|l| l == name) {
                problems.push(format!("`pobox {name}` has an entry in src/cli/every_command.rs but is no command"));
            }
            let words: Vec<&str> = name.split(' ').collect();
            match entry {
                Entry::Runs(runs) if runs.is_empty() || runs.iter().any(|r| !r.starts_with(&words)) => {
                    problems.push(format!("every run of `pobox {name}` must start with `{name}`: {runs:?}"));
                }
                Entry::Exempt(reason) if reason.trim().is_empty() => problems.push(format!("`pobox {name}` is exempt without a reason")),
                _ => {}
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
