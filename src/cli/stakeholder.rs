//! `pobox stakeholder`: new and list stakeholders.

use clap::Args;

use pobox::model::Kind;

use super::error::CommandResult;
use super::items::{CommonNew, Fields, RecordCmd, count, new_item, run_record_cmd, text};
use super::output::Out;
use super::session::Session;

/// `pobox stakeholder`'s subcommands.
pub type StakeholderCmd = RecordCmd<StakeholderNew>;

/// `pobox stakeholder new`.
#[derive(Debug, Args)]
pub struct StakeholderNew {
    /// Their handle: lower-case letters, digits, `.`, `_`, `-`, starting and ending with a
    /// letter or digit (e.g. dana).
    pub handle: String,
    /// Their full name.
    #[arg(long)]
    pub name: Option<String>,
    /// Their role (sponsor, customer, user, …).
    #[arg(long)]
    pub role: Option<String>,
    /// Organisation or department.
    #[arg(long)]
    pub organization: Option<String>,
    /// Power over the product: high or low.
    #[arg(long)]
    pub power: Option<String>,
    /// Interest in the product: high or low.
    #[arg(long)]
    pub interest: Option<String>,
    /// How often to meet them, in days.
    #[arg(long)]
    pub cadence_days: Option<u32>,
    /// How to reach them.
    #[arg(long)]
    pub contact: Option<String>,
    #[command(flatten)]
    pub common: CommonNew,
}

/// `pobox stakeholder …`.
pub fn run(session: &Session, cmd: &StakeholderCmd, out: &mut Out) -> CommandResult<u8> {
    run_record_cmd(session, Kind::Stakeholder, cmd, out, |a, out| {
        let mut f = Fields::new();
        text(&mut f, "role", a.role.as_ref());
        text(&mut f, "organization", a.organization.as_ref());
        text(&mut f, "power", a.power.as_ref());
        text(&mut f, "interest", a.interest.as_ref());
        count(&mut f, "cadence_days", a.cadence_days);
        text(&mut f, "contact", a.contact.as_ref());
        let name = a.name.clone().unwrap_or_else(|| a.handle.clone());
        new_item(
            session,
            Kind::Stakeholder,
            &name,
            Some(a.handle.clone()),
            None,
            None,
            f,
            &a.common,
            out,
        )
    })
}
