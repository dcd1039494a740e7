//! `pobox epic`: new, list and move epics.

use clap::Args;

use pobox::model::Kind;

use super::error::CommandResult;
use super::items::{CommonNew, Fields, ItemCmd, date_arg, new_item, run_item_cmd, text};
use super::output::Out;
use super::session::Session;

/// `pobox epic`'s subcommands.
pub type EpicCmd = ItemCmd<EpicNew>;

/// `pobox epic new`.
#[derive(Debug, Args)]
pub struct EpicNew {
    /// The epic's title.
    pub title: String,
    /// now, next or later.
    #[arg(long)]
    pub horizon: Option<String>,
    /// Target date (YYYY-MM-DD).
    #[arg(long)]
    pub target: Option<String>,
    /// Status (default: draft).
    #[arg(long)]
    pub status: Option<String>,
    #[command(flatten)]
    pub common: CommonNew,
}

/// `pobox epic …`.
pub fn run(session: &Session, cmd: &EpicCmd, out: &mut Out) -> CommandResult<u8> {
    run_item_cmd(session, Kind::Epic, cmd, out, |a, out| {
        let mut f = Fields::new();
        text(&mut f, "status", a.status.as_ref());
        text(&mut f, "horizon", a.horizon.as_ref());
        if let Some(t) = &a.target {
            date_arg("target", t)?;
        }
        text(&mut f, "target", a.target.as_ref());
        new_item(session, Kind::Epic, &a.title, None, None, None, f, &a.common, out)
    })
}
