//! `pobox decision`: new, list and move decision records (the ADR convention).

use clap::Args;

use pobox::model::Kind;

use super::error::CommandResult;
use super::items::{CommonNew, Fields, ItemCmd, date_arg, list, new_item, run_item_cmd, text};
use super::output::Out;
use super::session::Session;

/// `pobox decision`'s subcommands.
pub type DecisionCmd = ItemCmd<DecisionNew>;

/// `pobox decision new`.
#[derive(Debug, Args)]
pub struct DecisionNew {
    /// The decision, in a few words: "Use Postgres for orders".
    pub title: String,
    /// Status (default: the template's, normally proposed).
    #[arg(long)]
    pub status: Option<String>,
    /// When it was decided (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Who decides: stakeholder handles, or names (comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    pub deciders: Vec<String>,
    /// The decisions it replaces (ids).
    #[arg(long, value_delimiter = ',')]
    pub supersedes: Vec<String>,
    /// Items it concerns (ids).
    #[arg(long, value_delimiter = ',')]
    pub related: Vec<String>,
    #[command(flatten)]
    pub common: CommonNew,
}

/// `pobox decision …`.
pub fn run(session: &Session, cmd: &DecisionCmd, out: &mut Out) -> CommandResult<u8> {
    run_item_cmd(session, Kind::Decision, cmd, out, |a, out| {
        let mut f = Fields::new();
        text(&mut f, "status", a.status.as_ref());
        if let Some(d) = &a.date {
            let date = date_arg("date", d)?.to_string();
            text(&mut f, "date", Some(&date));
        }
        list(&mut f, "deciders", &a.deciders);
        list(&mut f, "supersedes", &a.supersedes);
        list(&mut f, "related", &a.related);
        new_item(session, Kind::Decision, &a.title, None, None, None, f, &a.common, out)
    })
}
