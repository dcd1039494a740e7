//! `pobox risk`: new, list and move risks.

use clap::Args;

use pobox::model::Kind;

use super::error::CommandResult;
use super::items::{CommonNew, Fields, ItemCmd, count, list, new_item, run_item_cmd, text};
use super::output::Out;
use super::session::Session;

/// `pobox risk`'s subcommands.
pub type RiskCmd = ItemCmd<RiskNew>;

/// `pobox risk new`.
#[derive(Debug, Args)]
pub struct RiskNew {
    /// The risk, in a few words.
    pub title: String,
    /// 1 (rare) to 5 (almost certain).
    #[arg(long)]
    pub likelihood: Option<u32>,
    /// 1 (minor) to 5 (severe).
    #[arg(long)]
    pub impact: Option<u32>,
    /// What is done about it.
    #[arg(long)]
    pub mitigation: Option<String>,
    /// Items it concerns (ids).
    #[arg(long, value_delimiter = ',')]
    pub related: Vec<String>,
    #[command(flatten)]
    pub common: CommonNew,
}

/// `pobox risk …`.
pub fn run(session: &Session, cmd: &RiskCmd, out: &mut Out) -> CommandResult<u8> {
    run_item_cmd(session, Kind::Risk, cmd, out, |a, out| {
        let mut f = Fields::new();
        count(&mut f, "likelihood", a.likelihood);
        count(&mut f, "impact", a.impact);
        text(&mut f, "mitigation", a.mitigation.as_ref());
        list(&mut f, "related", &a.related);
        new_item(session, Kind::Risk, &a.title, None, None, None, f, &a.common, out)
    })
}
