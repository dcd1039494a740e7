//! `pobox set`: change fields of one item, keeping the rest of its file as it is.

use clap::Args;

use pobox::change::{self, parse_assignment};
use pobox::model::Kind;
use pobox::workspace::{LoadOptions, LookupError};

use super::error::CommandResult;
use super::items::report_change;
use super::output::Out;
use super::session::Session;

/// `pobox set` arguments.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The item's id.
    pub id: String,
    /// `field=value` pairs; `field=` removes the field; lists are comma-separated.
    #[arg(required = true, value_name = "FIELD=VALUE")]
    pub assignments: Vec<String>,
}

/// `pobox set ID FIELD=VALUE…`.
pub fn run(session: &Session, args: &SetArgs, out: &mut Out) -> CommandResult<u8> {
    let (id, assignments) = (args.id.as_str(), &args.assignments);
    let ws = session.load(LoadOptions::without_bodies(), out)?;
    // The item's kind says which values fit; an unknown id is reported by `set` itself,
    // after the values (a typo in either is found in one run).
    let kind = match ws.find(id) {
        Ok(item) => item.kind,
        Err(LookupError::Ambiguous(e)) => return Err(e.into()),
        Err(LookupError::NotFound { .. }) => Kind::Story,
    };
    let changes = assignments
        .iter()
        .map(|a| parse_assignment(&ws.config, kind, a))
        .collect::<Result<Vec<_>, _>>()?;
    report_change(id, change::set(&ws, id, &changes)?, out)
}
