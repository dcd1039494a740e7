//! `pobox show`: one item's file, followed by everything that mentions it, and the files
//! pobox cannot read, which might mention it too (domain §8).

use std::io::Write;

use clap::{Args, ValueEnum};

use pobox::model::Kind;
use pobox::query;
use pobox::render::unreadable;
use pobox::workspace::LoadOptions;

use super::error::CommandResult;
use super::exit::OK;
use super::output::Out;
use super::session::Session;

/// `pobox show` arguments.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The item's id (e.g. S-42, E-3, dana, 2026-11-20-sprint-review).
    pub id: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Md)]
    pub format: ShowFormat,
}

/// Formats of `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// The file followed by its backlinks.
    Md,
    /// One versioned JSON document.
    Json,
}

/// `pobox show ID`.
pub fn run(session: &Session, args: &ShowArgs, out: &mut Out) -> CommandResult<u8> {
    let (id, format) = (args.id.as_str(), args.format);
    let ws = session.load(LoadOptions::default(), out)?;
    // An id from another tool (an imported item's `aliases`) finds the item too.
    let item = ws.find(id)?;
    let id = item.id.as_str();
    let links = query::backlinks(&ws, id);
    // Any item can mention any other, and what these say is unknown.
    let mut unsearched = ws.unreadable(&Kind::ALL);
    let own = pobox::text::path::slash(&item.path);
    unsearched.retain(|f| f.path != own);
    match format {
        ShowFormat::Md => {
            let text = std::fs::read_to_string(ws.root.join(&item.path)).unwrap_or_default();
            let mut w = out.stdout();
            writeln!(w, "<!-- {} -->", pobox::text::path::slash(&item.path))?;
            // The file's own text, line breaks and all; `Out` shows its control characters,
            // lone carriage returns and bidirectional overrides as visible symbols.
            write!(w, "{text}")?;
            if !text.ends_with('\n') {
                writeln!(w)?;
            }
            writeln!(w, "\n## Backlinks\n")?;
            if links.is_empty() {
                writeln!(w, "Nothing mentions {id} yet.")?;
            }
            for l in &links {
                writeln!(w, "- {} {} ({})", l.id, pobox::text::control::escape(&l.title), l.via.join(", "))?;
            }
            if !unsearched.is_empty() {
                writeln!(w, "\nNot searched: {}:", unreadable::cannot_read(unsearched.len()))?;
                write!(w, "{}", unreadable::lines(&unsearched, "- "))?;
            }
        }
        ShowFormat::Json => {
            let mut doc = serde_json::json!({
                "version": 1,
                "item": item,
                "body": item.body(),
                "backlinks": links,
                "diagnostics": ws.diagnostics_for(&item.path).collect::<Vec<_>>(),
            });
            if !unsearched.is_empty() {
                doc["unreadable"] = serde_json::to_value(&unsearched)?;
            }
            writeln!(out.stdout(), "{}", pobox::text::json::to_json_string(&doc))?;
        }
    }
    out.diagnostics(&ws.diagnostics_for(&item.path).cloned().collect::<Vec<_>>(), &ws.root)?;
    Ok(OK)
}
