//! `pobox search TEXT`: the items that hold a text, best first, each with its matching line
//! (the match highlighted on a terminal); files pobox cannot read are searched as text and
//! named. The search itself is [`pobox::query::search`].

use std::io::Write;

use clap::{Args, ValueEnum};

use pobox::query::Filter;
use pobox::query::search::{self, Found, SearchOptions, SearchResults};
use pobox::render::unreadable;
use pobox::text::control::escape;
use pobox::workspace::LoadOptions;

use super::error::CommandResult;
use super::exit::{FINDINGS, OK};
use super::output::Out;
use super::session::Session;

/// `pobox search` options.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to find, in any case: every word must occur; an argument in quotes with spaces
    /// (`'saved card'`) is one exact phrase.
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,
    /// Only these kinds (story, epic, stakeholder, meeting, sprint, risk); comma-separated or
    /// repeated.
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    pub kind: Vec<String>,
    /// Only items for which EXPR holds (the filter language of `list --where`,
    /// docs/queries.md).
    #[arg(long = "where", value_name = "EXPR")]
    pub condition: Option<String>,
    /// Show only the N best.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
    pub format: SearchFormat,
}

/// Formats of search results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// Each item with its line, the match highlighted on a terminal.
    Text,
    /// One versioned JSON document.
    Json,
}

/// The escape that starts a highlighted match, and the one that ends it.
const MATCH_ON: &str = "\u{1b}[1;31m";
const MATCH_OFF: &str = "\u{1b}[0m";

/// `pobox search TEXT`: exit 0 when something matches, 1 when nothing does (as grep).
pub fn run(session: &Session, args: &SearchArgs, out: &mut Out) -> CommandResult<u8> {
    let kinds = super::export::kinds_arg(&args.kind)?;
    let condition = super::items::where_arg(args.condition.as_deref())?;
    let terms = search::terms_of_args(&args.text);
    if terms.is_empty() {
        return Err(super::error::CommandError::msg("search needs a text to find").hint("`pobox search saved card`"));
    }
    let ws = session.load(LoadOptions::without_bodies(), out)?;
    super::items::warn_field_typos(&ws, condition.as_ref(), [], out)?;
    let opts = SearchOptions {
        terms,
        kinds,
        filter: Filter {
            condition,
            ..Filter::default()
        },
        limit: args.limit,
    };
    let results = search::run(&ws, &opts);
    match args.format {
        SearchFormat::Json => {
            let mut w = out.data();
            pobox::text::json::to_writer(&mut w, &results)?;
            writeln!(w)?;
            w.flush()?;
        }
        SearchFormat::Text => print_text(&results, out)?,
    }
    if !results.unreadable.is_empty() {
        writeln!(
            out.stderr(),
            "note: {} file(s) pobox cannot read were searched as text:",
            results.unreadable.len()
        )?;
        write!(out.stderr(), "{}", unreadable::lines(&results.unreadable, "  "))?;
    }
    Ok(if results.count == 0 { FINDINGS } else { OK })
}

/// Each item (`S-4  story  Pay by card`, or `BROKEN (why)` for a file pobox cannot read)
/// and its line, then how many matched.
fn print_text(results: &SearchResults, out: &Out) -> CommandResult<()> {
    let styled = out.styled_stdout();
    let colored = styled.is_some();
    let mut text = String::new();
    for found in &results.items {
        text.push_str(&item_lines(found, colored));
    }
    match styled {
        Some(mut w) => {
            w.write_all(text.as_bytes())?;
            w.flush()?;
        }
        None => {
            let mut w = out.data();
            w.write_all(text.as_bytes())?;
            w.flush()?;
        }
    }
    let shown = if results.items.len() < results.count {
        format!(" (showing the best {})", results.items.len())
    } else {
        String::new()
    };
    let summary = match results.count {
        0 => "No item matches.".to_owned(),
        1 => format!("1 item matches, {} hit(s){shown}.", results.hits),
        n => format!("{n} items match, {} hits{shown}.", results.hits),
    };
    writeln!(out.info(), "{summary}")?;
    Ok(())
}

/// One result as text: with `colored`, user text is made safe here and matches are
/// wrapped in colour escapes; without, it is plain (and made safe by the stream).
fn item_lines(found: &Found, colored: bool) -> String {
    let safe = |s: &str| if colored { escape(s).into_owned() } else { s.to_owned() };
    let what = match &found.broken {
        Some(why) => format!("BROKEN ({why})"),
        None => found.title.clone(),
    };
    let mut s = format!("{}  {}  {}\n", safe(&found.id), found.kind, safe(&what));
    if let Some(line) = &found.line {
        s.push_str(&format!("  {}: ", line.number));
        let mut at = 0;
        for &(start, end) in &line.matches {
            let (Some(before), Some(matched)) = (line.text.get(at..start), line.text.get(start..end)) else {
                continue;
            };
            s.push_str(&safe(before));
            if colored {
                s.push_str(MATCH_ON);
                s.push_str(&safe(matched));
                s.push_str(MATCH_OFF);
            } else {
                s.push_str(matched);
            }
            at = end;
        }
        s.push_str(&safe(line.text.get(at..).unwrap_or_default()));
        s.push('\n');
    }
    s
}
