//! `pobox story`: new, list and move stories.

use clap::Args;

use pobox::model::Kind;

use super::error::CommandResult;
use super::items::{CommonNew, Fields, ItemCmd, count, list, new_item, run_item_cmd, text};
use super::output::Out;
use super::session::Session;

/// `pobox story`'s subcommands.
pub type StoryCmd = ItemCmd<StoryNew>;

/// `pobox story new`.
#[derive(Debug, Args)]
pub struct StoryNew {
    /// The story's title.
    pub title: String,
    /// The epic it belongs to.
    #[arg(long)]
    pub epic: Option<String>,
    /// Estimate, on the workspace's scale.
    #[arg(long)]
    pub points: Option<u32>,
    /// Status (default: the template's, normally draft).
    #[arg(long)]
    pub status: Option<String>,
    /// Sprint to plan it into.
    #[arg(long)]
    pub sprint: Option<String>,
    /// Stakeholders who asked for it (handles).
    #[arg(long = "stakeholder", value_delimiter = ',')]
    pub stakeholders: Vec<String>,
    /// Items it waits for (ids).
    #[arg(long = "depends-on", value_delimiter = ',')]
    pub depends_on: Vec<String>,
    /// Who works on it.
    #[arg(long)]
    pub assignee: Option<String>,
    #[command(flatten)]
    pub common: CommonNew,
}

/// `pobox story …`.
pub fn run(session: &Session, cmd: &StoryCmd, out: &mut Out) -> CommandResult<u8> {
    run_item_cmd(session, Kind::Story, cmd, out, |a, out| {
        let mut f = Fields::new();
        text(&mut f, "status", a.status.as_ref());
        text(&mut f, "epic", a.epic.as_ref());
        count(&mut f, "points", a.points);
        text(&mut f, "sprint", a.sprint.as_ref());
        list(&mut f, "stakeholders", &a.stakeholders);
        list(&mut f, "depends_on", &a.depends_on);
        text(&mut f, "assignee", a.assignee.as_ref());
        new_item(session, Kind::Story, &a.title, None, None, None, f, &a.common, out)
    })
}
