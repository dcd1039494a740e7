//! `pobox export`: every item with all its fields, as CSV or JSON.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use pobox::export::{self, Exported};
use pobox::model::Kind;
use pobox::query::Filter;
use pobox::workspace::LoadOptions;

use super::error::{CommandError, CommandResult};
use super::exit::OK;
use super::output::Out;
use super::session::Session;

/// `pobox export` options.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format.
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// Only these kinds (story, epic, stakeholder, meeting, sprint, risk); comma-separated or repeated.
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    pub kind: Vec<String>,
    /// Only items for which EXPR holds (the filter language of `list --where`,
    /// docs/queries.md), e.g. `kind = story and status != done`.
    #[arg(long = "where", value_name = "EXPR")]
    pub condition: Option<String>,
    /// Include each item's Markdown body.
    #[arg(long)]
    pub body: bool,
    /// Write to FILE (atomically) instead of standard output; an existing FILE only when
    /// pobox wrote it (unchanged since), or with --force.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// With --out, replace FILE even when pobox did not write it.
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per item; known fields first, then the others sorted.
    Csv,
    /// One versioned JSON document.
    Json,
}

/// The kinds a `--kind` names (`story` or `stories`); empty when none is given.
pub fn kinds_arg(names: &[String]) -> CommandResult<Vec<Kind>> {
    let mut kinds = Vec::new();
    for k in names {
        match Kind::parse(k.trim()) {
            Some(kind) => kinds.push(kind),
            None => {
                let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                return Err(CommandError::msg(format!("`--kind {k}` is not a kind")).hint(format!("the kinds are {}", kinds.join(", "))));
            }
        }
    }
    Ok(kinds)
}

/// `pobox export csv|json`.
pub fn run(session: &Session, args: &ExportArgs, out: &mut Out) -> CommandResult<u8> {
    let kinds = kinds_arg(&args.kind)?;
    let condition = super::items::where_arg(args.condition.as_deref())?;
    let ws = session.load(LoadOptions::without_bodies(), out)?;
    super::items::warn_field_typos(&ws, condition.as_ref(), [], out)?;
    let filter = Filter {
        condition,
        ..Filter::default()
    };
    let items = pobox::query::select(&ws, export::ordered(&ws.items, &kinds), &filter);
    let texts: Vec<Option<String>> = items.iter().map(|i| if args.body { ws.file_text(&i.path) } else { None }).collect();
    let rows: Vec<Exported<'_>> = items
        .iter()
        .zip(&texts)
        .map(|(item, text)| Exported {
            item,
            body: text.as_deref().map(export::body_of),
        })
        .collect();
    let text = match args.format {
        ExportFormat::Csv => export::csv(&rows)?,
        ExportFormat::Json => export::json(&ws.config.product, &rows) + "\n",
    };
    match &args.out {
        Some(path) => {
            let places = pobox::generated::Destinations::for_workspace(&ws.root, &ws.config.backlog_dir);
            places.write(path, text.as_bytes(), args.force)?;
            // On stderr, so that stdout holds nothing but data; not under `--quiet`.
            if !out.is_quiet() {
                writeln!(out.stderr(), "Exported {} item(s) to {}", rows.len(), path.display())?;
            }
        }
        None => out.data().write_all(text.as_bytes())?,
    }
    Ok(OK)
}
