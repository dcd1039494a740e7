//! `pobox history`: one item's timeline from git history.

use std::io::Write;

use clap::{Args, ValueEnum};

use pobox::history::{Entry, Event};
use pobox::render::Table;
use pobox::text::json::{VERSION, to_json_string};
use pobox::workspace::LoadOptions;

use super::error::{CommandError, CommandResult};
use super::exit::OK;
use super::output::Out;
use super::session::Session;

/// `pobox history` arguments.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The item's id (e.g. S-42, SP-3); deleted items keep their history.
    pub id: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
    pub format: HistoryFormat,
}

/// Formats of `history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// Aligned columns.
    Table,
    /// One versioned JSON document.
    Json,
}

/// `pobox history ID`.
pub fn run(session: &Session, args: &HistoryArgs, out: &mut Out) -> CommandResult<u8> {
    let (asked, format) = (args.id.as_str(), args.format);
    let history = session.history(out)?;
    // An id from another tool (an imported item's `aliases`) is looked up as `show` looks it
    // up; an id with a timeline (a deleted item's too) needs no workspace.
    let resolved;
    let id = if history.timeline(asked).is_some() || history.ambiguous(asked).is_some() {
        asked
    } else {
        let ws = session.load(LoadOptions::default(), out)?;
        resolved = ws.find(asked).map(|i| i.id.clone()).unwrap_or_else(|_| asked.to_owned());
        resolved.as_str()
    };
    // Two files with the id (committed after a merge): their versions would be one mixed
    // timeline.
    if let Some(e) = history.ambiguous(id) {
        return Err(e.into());
    }
    let Some(t) = history.timeline(id) else {
        return Err(
            CommandError::msg(format!("{id} has no history: no commit has a backlog file with this id"))
                .hint(format!("commit the item's file first, or check the id with `pobox show {id}`")),
        );
    };
    match format {
        HistoryFormat::Json => {
            let doc = serde_json::json!({
                "version": VERSION,
                "id": t.id,
                "kind": t.kind,
                "title": t.title,
                "deleted": t.is_deleted(),
                "entries": t.entries,
            });
            writeln!(out.data(), "{}", to_json_string(&doc))?;
        }
        HistoryFormat::Table => {
            let mut table = Table::new(["DATE", "AUTHOR", "STATUS", "PTS", "SPRINT", "CHANGE"]).flexible(5);
            for e in &t.entries {
                table.push_row([
                    e.date.to_string(),
                    e.author.clone(),
                    dash(e.state.status.as_deref()),
                    dash(e.state.points.map(|p| p.to_string()).as_deref()),
                    dash(e.state.sprint.as_deref()),
                    describe(e),
                ]);
            }
            let mut w = out.data();
            let deleted = if t.is_deleted() { " (deleted)" } else { "" };
            writeln!(w, "{} {}{deleted}", t.id, pobox::text::control::escape(&t.title))?;
            writeln!(w)?;
            w.write_all(table.render(out.width()).as_bytes())?;
        }
    }
    Ok(OK)
}

fn dash(v: Option<&str>) -> String {
    v.unwrap_or("-").to_owned()
}

/// What an entry changed, in words: `status ready → in-progress, points 3 → 5`.
fn describe(e: &Entry) -> String {
    match e.event {
        Event::Added => format!("added as {}", e.path),
        Event::Deleted => format!("deleted {}", e.path),
        Event::Changed => e
            .changes
            .iter()
            .map(|c| {
                let v = |x: &Option<String>| x.clone().unwrap_or_else(|| "-".to_owned());
                let field = if c.field == "path" { "moved" } else { c.field };
                format!("{field} {} → {}", v(&c.from), v(&c.to))
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}
