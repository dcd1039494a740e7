//! `pobox meeting`: new meetings, each from its meeting type's template, and list them.

use clap::Args;

use pobox::model::Kind;

use super::error::CommandResult;
use super::items::{CommonNew, Fields, RecordCmd, date_arg, list, new_item, run_record_cmd, text};
use super::output::Out;
use super::session::Session;

/// `pobox meeting`'s subcommands.
pub type MeetingCmd = RecordCmd<MeetingNew>;

/// `pobox meeting new`.
#[derive(Debug, Args)]
pub struct MeetingNew {
    /// The meeting type: kickoff, requirements, user-research, stakeholder, sprint-planning,
    /// daily-standup, sprint-review, retrospective, backlog-refinement, demo, status-update,
    /// acceptance-testing, post-launch, technical.
    #[arg(value_name = "TYPE")]
    pub meeting_type: String,
    /// Its date (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// Its title (default: the type's name).
    #[arg(long)]
    pub title: Option<String>,
    /// Who attended (handles).
    #[arg(long = "attendee", value_delimiter = ',')]
    pub attendees: Vec<String>,
    /// The sprint it belongs to.
    #[arg(long)]
    pub sprint: Option<String>,
    #[command(flatten)]
    pub common: CommonNew,
}

/// `pobox meeting …`.
pub fn run(session: &Session, cmd: &MeetingCmd, out: &mut Out) -> CommandResult<u8> {
    run_record_cmd(session, Kind::Meeting, cmd, out, |a, out| {
        let mut f = Fields::new();
        list(&mut f, "attendees", &a.attendees);
        text(&mut f, "sprint", a.sprint.as_ref());
        let date = a.date.as_deref().map(|d| date_arg("date", d)).transpose()?;
        let title = a
            .title
            .clone()
            .unwrap_or_else(|| pobox::templates::meeting_type_title(&a.meeting_type));
        new_item(
            session,
            Kind::Meeting,
            &title,
            None,
            Some(a.meeting_type.clone()),
            date,
            f,
            &a.common,
            out,
        )
    })
}
