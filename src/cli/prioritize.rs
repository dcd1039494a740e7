//! `pobox prioritize`.

use std::io::Write;

use clap::{Args, ValueEnum};
use serde::Serialize;

use pobox::model::Kind;
use pobox::prioritize::{self, Entry, IceMode, Method, Options, PULLED_MARK, Prioritized, num, pulled_note};
use pobox::render::Table;
use pobox::text::markdown;
use pobox::workspace::LoadOptions;

use super::error::CommandResult;
use super::exit::OK;
use super::output::Out;
use super::session::Session;

/// `pobox prioritize` options.
#[derive(Debug, Args)]
pub struct PrioritizeArgs {
    /// The method (default: `prioritization` in pobox.yaml, else wsjf).
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Only stories of these epics (comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    pub epic: Vec<String>,
    /// Only these statuses (default: every status but done and dropped).
    #[arg(long, value_delimiter = ',')]
    pub status: Vec<String>,
    /// Only items for which EXPR holds too (the filter language of `list --where`,
    /// docs/queries.md), e.g. `label = payments and points <= 8`.
    #[arg(long = "where", value_name = "EXPR")]
    pub condition: Option<String>,
    /// Order stories or epics.
    #[arg(long, value_enum, default_value_t = RankKind::Story)]
    pub kind: RankKind,
    /// How ICE combines impact, confidence and ease.
    #[arg(long, value_enum, default_value_t = IceArg::Product)]
    pub ice: IceArg,
    /// Show every input and the arithmetic per item.
    #[arg(long)]
    pub explain: bool,
    /// Store the order as `rank:` in the files whose rank changes.
    #[arg(long)]
    pub write: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PrioritizeFormat::Table)]
    pub format: PrioritizeFormat,
}

/// `--method` (also of `pobox report backlog`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// Weighted Shortest Job First: Cost of Delay / job size.
    Wsjf,
    /// Reach × Impact × Confidence / Effort.
    Rice,
    /// Impact × Confidence × Ease.
    Ice,
    /// Must, Should, Could, Won't.
    Moscow,
    /// Quick wins, Big bets, Fill-ins, Time sinks.
    ValueEffort,
    /// Cost of Delay Divided by Duration.
    Cd3,
}

/// `--kind` of `prioritize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RankKind {
    /// Stories.
    Story,
    /// Epics.
    Epic,
}

/// `--ice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IceArg {
    /// Impact × Confidence × Ease.
    Product,
    /// (Impact + Confidence + Ease) / 3.
    Mean,
}

/// Formats of `prioritize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PrioritizeFormat {
    /// Aligned columns, then items with missing inputs and warnings.
    Table,
    /// One versioned JSON document.
    Json,
    /// A Markdown table.
    Md,
}

/// The library's method for `--method`.
pub fn method(m: MethodArg) -> Method {
    match m {
        MethodArg::Wsjf => Method::Wsjf,
        MethodArg::Rice => Method::Rice,
        MethodArg::Ice => Method::Ice,
        MethodArg::Moscow => Method::Moscow,
        MethodArg::ValueEffort => Method::ValueEffort,
        MethodArg::Cd3 => Method::Cd3,
    }
}

/// `pobox prioritize`.
pub fn run(session: &Session, args: &PrioritizeArgs, out: &mut Out) -> CommandResult<u8> {
    let condition = super::items::where_arg(args.condition.as_deref())?;
    let ws = session.load(LoadOptions::without_bodies(), out)?;
    super::items::warn_field_typos(&ws, condition.as_ref(), [], out)?;
    let opts = Options {
        method: args.method.map(method),
        kind: match args.kind {
            RankKind::Story => Kind::Story,
            RankKind::Epic => Kind::Epic,
        },
        statuses: args.status.clone(),
        epics: args.epic.clone(),
        ice: match args.ice {
            IceArg::Product => IceMode::Product,
            IceArg::Mean => IceMode::Mean,
        },
        condition,
    };
    // A dependency cycle is a finding (exit 1), as in `pobox validate`: see error.rs.
    let p = prioritize::prioritize(&ws, &opts)?;
    let written = if args.write {
        Some(prioritize::write_ranks(&ws, &p)?)
    } else {
        None
    };
    let written: Option<Vec<String>> = written.map(|w| w.iter().map(|p| pobox::text::path::slash(p)).collect());
    let mut w = out.data();
    match args.format {
        PrioritizeFormat::Json => {
            #[derive(Serialize)]
            struct Document<'a> {
                version: u32,
                #[serde(flatten)]
                prioritized: &'a Prioritized,
                #[serde(skip_serializing_if = "Option::is_none")]
                written: Option<&'a [String]>,
            }
            let doc = Document {
                version: 1,
                prioritized: &p,
                written: written.as_deref(),
            };
            pobox::text::json::to_writer(&mut w, &doc)?;
            writeln!(w)?;
        }
        PrioritizeFormat::Table => table(&mut w, &p, args.explain, written.as_deref(), out.width())?,
        PrioritizeFormat::Md => markdown(&mut w, &p, args.explain, written.as_deref())?,
    }
    w.flush()?;
    Ok(OK)
}

/// The headers of the input columns of a method.
fn input_headers(m: Method) -> &'static [&'static str] {
    match m {
        Method::Wsjf => &["VALUE", "TC", "RR", "SIZE"],
        Method::Rice => &["REACH", "IMPACT", "CONF", "EFFORT"],
        Method::Ice => &["I", "C", "E"],
        Method::Moscow => &["CLASS", "SIZE"],
        Method::ValueEffort => &["QUADRANT", "VALUE", "EFFORT"],
        Method::Cd3 => &["COD", "DURATION"],
    }
}

/// The input cells of one entry, matching [`input_headers`].
fn input_cells(m: Method, e: &Entry) -> Vec<String> {
    let s = &e.score;
    let size = s.size.map(num).unwrap_or_default();
    match m {
        Method::Moscow => vec![s.class.unwrap_or("").to_owned(), size],
        Method::ValueEffort => {
            let n = s.inputs.len();
            vec![
                s.class.unwrap_or("").to_owned(),
                num(s.inputs[n - 2].value),
                num(s.inputs[n - 1].value),
            ]
        }
        _ => s.inputs.iter().map(|i| num(i.value)).collect(),
    }
}

/// The place in the order, marked when a dependent pulled the item there.
fn position_cell(e: &Entry) -> String {
    match e.pulled_by {
        Some(_) => format!("{}{PULLED_MARK}", e.position),
        None => e.position.to_string(),
    }
}

/// `S-1 pulled ahead of S-2, which depends on it`, for an item that was.
fn pulled_line(e: &Entry) -> Option<String> {
    Some(format!("{} {}", e.id, pulled_note(e.pulled_by.as_deref()?)))
}

fn score_cell(e: &Entry) -> String {
    // MoSCoW items without WSJF inputs are ordered by points only: no score to show.
    if e.score.class.is_some() && e.score.group % 2 == 1 && e.score.inputs.iter().all(|i| i.name == "points") {
        "–".to_owned()
    } else {
        num(e.score.value)
    }
}

fn inputs_text(e: &Entry) -> String {
    e.score
        .inputs
        .iter()
        .map(|i| format!("{} {}", i.name, num(i.value)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn table(w: &mut impl Write, p: &Prioritized, explain: bool, written: Option<&[String]>, width: Option<usize>) -> std::io::Result<()> {
    let mut headers = vec!["POS", "ID", "SCORE"];
    headers.extend(input_headers(p.method));
    headers.push("TITLE");
    let title_col = headers.len() - 1;
    let mut t = Table::new(&headers).flexible(title_col);
    for e in &p.order {
        let mut row = vec![position_cell(e), e.id.clone(), score_cell(e)];
        row.extend(input_cells(p.method, e));
        row.push(e.title.clone());
        t.push_row(row);
    }
    let kinds = if p.kind == Kind::Epic { "epics" } else { "stories" };
    if p.order.is_empty() {
        writeln!(w, "No {kinds} to order by {}.", p.method)?;
    } else {
        writeln!(w, "{} {kinds} by {}, prerequisites first:\n", p.order.len(), p.method)?;
        w.write_all(t.render(width).as_bytes())?;
        let pulled: Vec<String> = p.order.iter().filter_map(pulled_line).collect();
        if !pulled.is_empty() {
            writeln!(w)?;
            for line in pulled {
                writeln!(w, "{PULLED_MARK} {line}")?;
            }
        }
    }
    let pinned: Vec<String> = p
        .order
        .iter()
        .filter(|e| e.pinned)
        .map(|e| format!("{} (rank {})", e.id, num(e.rank)))
        .collect();
    if !pinned.is_empty() {
        writeln!(w, "\nPinned (rank_pinned: true, rank kept): {}", pinned.join(", "))?;
    }
    let blocked: Vec<String> = p
        .order
        .iter()
        .filter(|e| !e.blocked_by.is_empty())
        .map(|e| format!("{} waits for {}", e.id, e.blocked_by.join(", ")))
        .collect();
    if !blocked.is_empty() {
        writeln!(w, "\nWaiting for unfinished items not listed here: {}", blocked.join("; "))?;
    }
    if explain && !p.order.is_empty() {
        writeln!(w, "\nHow each score was computed:")?;
        for e in &p.order {
            writeln!(w, "  {}  {}", e.id, inputs_text(e))?;
            let indent = " ".repeat(e.id.chars().count());
            writeln!(w, "  {indent}  {}", e.score.arithmetic)?;
            if let Some(by) = &e.pulled_by {
                writeln!(
                    w,
                    "  {indent}  {PULLED_MARK} placed at {}, above stories that score higher: {}",
                    e.position,
                    pulled_note(by)
                )?;
            }
        }
    }
    if !p.missing.is_empty() {
        writeln!(w, "\nNot ordered, inputs missing ({}):", p.missing.len())?;
        let mut t = Table::new(["ID", "MISSING", "TITLE"]).flexible(2);
        for m in &p.missing {
            t.push_row([m.id.clone(), m.missing.join(", "), m.title.clone()]);
        }
        for line in t.render(width.map(|w| w.saturating_sub(2))).lines() {
            writeln!(w, "  {line}")?;
        }
    }
    if !p.warnings.is_empty() {
        writeln!(w)?;
        for warning in &p.warnings {
            writeln!(w, "warning: {warning}")?;
        }
    }
    write_summary(w, p, written)
}

fn write_summary(w: &mut impl Write, p: &Prioritized, written: Option<&[String]>) -> std::io::Result<()> {
    match written {
        Some([]) => writeln!(w, "\nRanks are up to date; no file was changed."),
        Some(files) => {
            writeln!(w, "\nWrote rank to {} file(s):", files.len())?;
            for f in files {
                writeln!(w, "  {f}")?;
            }
            Ok(())
        }
        None => {
            let changes = p.order.iter().filter(|e| e.rank_changes()).count();
            if changes == 0 {
                Ok(())
            } else {
                writeln!(w, "\n{changes} rank(s) differ from this order; `--write` stores them.")
            }
        }
    }
}

/// A table cell of pobox's own text for Markdown: `|` escaped, one line.
fn md_cell(s: &str) -> String {
    pobox::text::control::escape(s).replace('|', "\\|").replace('\n', " ")
}

fn markdown(w: &mut impl Write, p: &Prioritized, explain: bool, written: Option<&[String]>) -> std::io::Result<()> {
    let mut headers = vec!["#", "ID", "SCORE"];
    headers.extend(input_headers(p.method));
    headers.push("TITLE");
    if explain {
        headers.push("EXPLAIN");
    }
    writeln!(w, "| {} |", headers.join(" | "))?;
    let align: Vec<&str> = headers
        .iter()
        .map(|h| {
            if matches!(*h, "ID" | "TITLE" | "EXPLAIN" | "CLASS" | "QUADRANT") {
                "---"
            } else {
                "---:"
            }
        })
        .collect();
    writeln!(w, "|{}|", align.join("|"))?;
    for e in &p.order {
        // User text is made inert: no HTML, links or emphasis, and no `|` to break the row.
        let mut row = vec![position_cell(e), markdown::escape(&e.id), score_cell(e)];
        row.extend(input_cells(p.method, e));
        row.push(markdown::escape(&e.title));
        if explain {
            row.push(md_cell(&e.score.arithmetic));
        }
        writeln!(w, "| {} |", row.join(" | "))?;
    }
    let pulled: Vec<String> = p.order.iter().filter_map(pulled_line).collect();
    if !pulled.is_empty() {
        writeln!(w)?;
        for line in pulled {
            writeln!(w, "{PULLED_MARK} {}  ", markdown::escape(&line))?;
        }
    }
    if !p.missing.is_empty() {
        writeln!(w, "\n**Not ordered, inputs missing:**\n")?;
        for m in &p.missing {
            writeln!(
                w,
                "- {} {}: {}",
                markdown::escape(&m.id),
                markdown::escape(&m.title),
                m.missing.join(", ")
            )?;
        }
    }
    if !p.warnings.is_empty() {
        writeln!(w, "\n**Warnings:**\n")?;
        for warning in &p.warnings {
            writeln!(w, "- {}", markdown::escape(warning))?;
        }
    }
    write_summary(w, p, written)
}
