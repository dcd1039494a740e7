//! `pobox board`: the sprint as a kanban board.

use std::io::Write;

use clap::Args;

use pobox::workspace::LoadOptions;

use super::error::{CommandError, CommandResult};
use super::exit::OK;
use super::output::Out;
use super::session::Session;

/// `pobox board` arguments.
#[derive(Debug, Args)]
pub struct BoardArgs {
    /// The sprint (default: the active one, else the next planned one).
    pub sprint: Option<String>,
}

/// Print the board of `sprint`, or of the active sprint, else the next planned one.
pub fn run(session: &Session, args: &BoardArgs, out: &mut Out) -> CommandResult<u8> {
    let ws = session.load(LoadOptions::without_bodies(), out)?;
    let id = match args.sprint.as_deref() {
        Some(id) => pobox::sprint::find(&ws, id)?.id.clone(),
        None => match pobox::sprint::current(&ws) {
            Some(s) => s.id.clone(),
            None => {
                return Err(CommandError::msg("there is no active or planned sprint to show")
                    .hint("name one (`pobox board SP-n`), or create one with `pobox sprint new --start YYYY-MM-DD`"));
            }
        },
    };
    let text = pobox::render::board::board(&ws, &id, out.width());
    out.stdout().write_all(text.as_bytes())?;
    Ok(OK)
}
