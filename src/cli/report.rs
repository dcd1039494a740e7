//! `pobox report`: reports for stakeholders, built from the workspace (and, for a sprint, its git
//! history).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};

use pobox::generated::Destinations;
use pobox::outlook::{Forecaster, Settings};
use pobox::report::{self, Format, Report, sprint::SprintReportDoc};
use pobox::workspace::LoadOptions;

use super::error::{CommandError, CommandResult};
use super::exit::OK;
use super::output::Out;
use super::prioritize::{self, MethodArg};
use super::session::Session;

/// The reports.
#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// One sprint, as Jira's sprint report shows it: goal, commitment vs completed, scope
    /// change, burndown, velocity, stories, open action items, decisions and risks.
    Sprint(SprintReportArgs),
    /// The ordered backlog (as `pobox prioritize` orders it) with each story's readiness, and
    /// the stories missing inputs for the method.
    Backlog(BacklogReportArgs),
    /// Open action items of all meetings, by owner with the overdue ones first, and those
    /// that need an owner or a due date.
    Actions(OwnerReportArgs),
    /// Open risks on a 5×5 likelihood × impact matrix, then by score with band, owner and
    /// mitigation.
    Risks(ReportArgs),
    /// Stakeholders on the power/interest grid, with last contact against their cadence and
    /// the stories they asked for.
    Stakeholders(ReportArgs),
    /// Epics by horizon (Now, Next, Later), then a timeline of their target dates, each with
    /// its progress.
    Roadmap(ReportArgs),
    /// Each epic's done stories and points, and a forecast date from the velocity of the last
    /// 3 closed sprints (needs the git history).
    Epics(OwnerReportArgs),
    /// Several products (workspaces, each in its own git repository or not) on one page:
    /// per product its epics with progress and forecast, velocity and high risks, and totals.
    Portfolio(PortfolioArgs),
}

/// Options of the reports that can be limited to one person's items.
#[derive(Debug, Args)]
pub struct OwnerReportArgs {
    /// Only the items this person owns (`owner:`; for action items the `@name`).
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// `pobox report portfolio` options.
#[derive(Debug, Args)]
pub struct PortfolioArgs {
    /// The products' workspace folders (default: the products of `--portfolio`, else of
    /// portfolio.yaml in the current folder). The global `--workspace` is not used here.
    #[arg(value_name = "WORKSPACE")]
    pub workspaces: Vec<PathBuf>,
    /// A portfolio file: `products:`, each with `name:` and `path:` (relative to the file).
    #[arg(long, value_name = "FILE", conflicts_with = "workspaces")]
    pub portfolio: Option<PathBuf>,
    /// Only the epics and risks this person owns, and the products where they own any.
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Options of the reports built from today's files (`pobox report actions`, …).
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write the report to FILE (atomically) instead of standard output; an existing FILE
    /// only when pobox wrote it (unchanged since), or with --force.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// With --out, replace FILE even when pobox did not write it.
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// `pobox report backlog` options.
#[derive(Debug, Args)]
pub struct BacklogReportArgs {
    /// The method (default: `prioritization` in pobox.yaml, else wsjf).
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Only the stories this person owns or is assigned.
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// `pobox report sprint` options.
#[derive(Debug, Args)]
pub struct SprintReportArgs {
    /// The sprint (default: as `--current`).
    #[arg(value_name = "SPRINT")]
    pub sprint: Option<String>,
    /// The active sprint, else the one closed last.
    #[arg(long, conflicts_with = "sprint")]
    pub current: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write the report to FILE (atomically) instead of standard output; an existing FILE
    /// only when pobox wrote it (unchanged since), or with --force.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// With --out, replace FILE even when pobox did not write it.
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Also append the Markdown report to the file named by GITHUB_STEP_SUMMARY, when set.
    #[arg(long)]
    pub summary: bool,
}

/// Formats of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// GitHub/GitLab Markdown with Mermaid charts.
    Md,
    /// One self-contained HTML file with SVG charts, no JavaScript.
    Html,
    /// One versioned JSON document.
    Json,
    /// Plain text for the terminal, fitted to its width: tables, and charts drawn with
    /// characters.
    Text,
}

/// The file GitHub Actions renders as the job's summary page.
const STEP_SUMMARY_VAR: &str = "GITHUB_STEP_SUMMARY";

/// `pobox report …`.
pub fn run(session: &Session, cmd: &ReportCmd, out: &mut Out) -> CommandResult<u8> {
    match cmd {
        ReportCmd::Sprint(args) => sprint(session, args, out),
        ReportCmd::Backlog(args) => {
            let ws = session.load(LoadOptions::default(), out)?;
            let mut doc = report::backlog::build(&ws, args.method.map(prioritize::method), pobox::clock::today())?;
            if let Some(owner) = &args.owner {
                doc.retain_owner(&ws, owner);
            }
            let args = &args.report;
            emit(args, "backlog report", &doc, &places(&ws), out)
        }
        ReportCmd::Actions(args) => {
            let ws = session.load(LoadOptions::default(), out)?;
            let doc = report::actions::build_for(&ws, pobox::clock::today(), args.owner.as_deref());
            let args = &args.report;
            emit(args, "action-items report", &doc, &places(&ws), out)
        }
        ReportCmd::Risks(args) => {
            let ws = session.load(LoadOptions::default(), out)?;
            let doc = report::risks::build(&ws, pobox::clock::today());
            emit(args, "risk report", &doc, &places(&ws), out)
        }
        ReportCmd::Stakeholders(args) => {
            let ws = session.load(LoadOptions::default(), out)?;
            let doc = report::stakeholders::build(&ws, pobox::clock::today());
            emit(args, "stakeholder report", &doc, &places(&ws), out)
        }
        ReportCmd::Roadmap(args) => {
            // Without git history the roadmap is still made, its forecasts saying why not.
            let history = session.history(out).map_err(|e| e.message());
            let ws = session.load(LoadOptions::default(), out)?;
            let today = pobox::clock::today();
            let forecaster = Forecaster::new(history.as_ref().map_err(String::as_str), today, Settings::default());
            let doc = report::roadmap::build(&ws, &forecaster, today);
            emit(args, "roadmap report", &doc, &places(&ws), out)
        }
        ReportCmd::Epics(args) => {
            // History first: a shallow clone fails here, before anything is written.
            let history = session.history(out)?;
            let ws = session.load(LoadOptions::default(), out)?;
            let today = pobox::clock::today();
            let forecaster = Forecaster::new(Ok(&history), today, Settings::default());
            let mut doc = report::epics::build(&ws, &forecaster, today);
            if let Some(owner) = &args.owner {
                doc.retain_owner(owner);
            }
            let args = &args.report;
            emit(args, "epics report", &doc, &places(&ws), out)
        }
        ReportCmd::Portfolio(args) => portfolio(args, out),
    }
}

/// `pobox report portfolio`: load each product's workspace and history, then roll them up.
fn portfolio(args: &PortfolioArgs, out: &mut Out) -> CommandResult<u8> {
    use pobox::report::portfolio::{self as pf, ProductInput, ProductSource};
    let sources: Vec<ProductSource> = if !args.workspaces.is_empty() {
        args.workspaces
            .iter()
            .map(|p| ProductSource {
                name: None,
                path: p.clone(),
            })
            .collect()
    } else if let Some(file) = &args.portfolio {
        pf::read_file(file)?
    } else if Path::new(pf::FILE_NAME).is_file() {
        pf::read_file(Path::new(pf::FILE_NAME))?
    } else {
        return Err(CommandError::msg(format!(
            "no products to report on: name their workspaces (`pobox report portfolio ../shop ../admin`), or write a {} here",
            pf::FILE_NAME
        ))
        .hint("see `pobox report portfolio --help`"));
    };
    let mut loaded = Vec::new();
    for source in &sources {
        if !source.path.join(pobox::config::FILE_NAME).is_file() {
            let path = source.path.display();
            return Err(
                CommandError::msg(format!("no pobox workspace at {path}: it has no {}", pobox::config::FILE_NAME))
                    .hint(format!("fix the path, or run `pobox init {path}`")),
            );
        }
        let ws = match pobox::workspace::Workspace::load(&source.path, LoadOptions::default()) {
            Ok(ws) => ws,
            Err(pobox::workspace::WorkspaceError::Config(diags)) => {
                out.diagnostics(&diags, &source.path)?;
                let file = source.path.join(pobox::config::FILE_NAME);
                return Err(CommandError::msg(format!(
                    "{} has errors; fix them and run the command again",
                    file.display()
                )));
            }
            Err(e) => return Err(e.into()),
        };
        // Without a history the product is still reported, with why in a note.
        let history = pobox::history::History::open(&ws).map_err(|e| CommandError::from(e).message());
        loaded.push((source, ws, history));
    }
    // Once per repository, however many of its workspaces the portfolio names.
    let mut warned = std::collections::BTreeSet::new();
    for warning in loaded.iter().filter_map(|(_, _, h)| super::session::skew_warning(h.as_ref().ok()?)) {
        if warned.insert(warning.clone()) {
            writeln!(out.stderr(), "{warning}")?;
        }
    }
    let inputs: Vec<ProductInput<'_>> = loaded
        .iter()
        .map(|(source, ws, history)| ProductInput {
            name: source.name.clone().unwrap_or_else(|| {
                if ws.config.product.is_empty() {
                    source.path.display().to_string()
                } else {
                    ws.config.product.clone()
                }
            }),
            path: source.path.clone(),
            ws,
            history: history.as_ref().map_err(Clone::clone),
        })
        .collect();
    let doc = pf::build(&inputs, args.owner.as_deref(), pobox::clock::today());
    // Not into any product's backlog or git folder.
    let mut places = Destinations::default();
    for (_, ws, _) in &loaded {
        places.add_workspace(&ws.root, &ws.config.backlog_dir);
    }
    emit(&args.report, "portfolio report", &doc, &places, out)
}

/// Write a report in `--format` to `--out` (atomically, saying so) or to standard output.
fn emit<R: Report>(args: &ReportArgs, what: &str, doc: &R, places: &Destinations, out: &mut Out) -> CommandResult<u8> {
    let text = report::render(doc, format(args.format, args.out.as_deref(), out));
    write_report(args.out.as_deref(), args.force, places, what, &text, out)?;
    Ok(OK)
}

/// Where `--out` may write for the workspace `ws` (see [`pobox::generated`]).
fn places(ws: &pobox::workspace::Workspace) -> Destinations {
    Destinations::for_workspace(&ws.root, &ws.config.backlog_dir)
}

/// The library's format for `--format`: text fits the terminal unless it goes to a file.
fn format(format: ReportFormat, path: Option<&Path>, out: &Out) -> Format {
    match format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Json => Format::Json,
        ReportFormat::Text => Format::Text {
            width: if path.is_some() { None } else { out.width() },
        },
    }
}

fn write_report(path: Option<&Path>, force: bool, places: &Destinations, what: &str, text: &str, out: &mut Out) -> CommandResult<()> {
    match path {
        Some(path) => {
            places.write(path, text.as_bytes(), force)?;
            writeln!(out.info(), "Wrote the {what} to {}", path.display())?;
        }
        None => {
            let mut w = out.data();
            w.write_all(text.as_bytes())?;
            w.flush()?;
        }
    }
    Ok(())
}

fn sprint(session: &Session, args: &SprintReportArgs, out: &mut Out) -> CommandResult<u8> {
    // History first: a shallow clone fails here, before anything is written.
    let history = session.history(out)?;
    let ws = session.load(LoadOptions::default(), out)?;
    let id = match &args.sprint {
        Some(id) => pobox::sprint::find(&ws, id)?.id.clone(),
        None => match report::sprint::current_sprint(&ws) {
            Some(s) => s.id.clone(),
            None => {
                return Err(CommandError::msg("there is no active or closed sprint to report on")
                    .hint("name one (`pobox report sprint SP-n`), or start one with `pobox sprint start SP-n`"));
            }
        },
    };
    let doc = report::sprint::build(&ws, &history, &id, pobox::clock::today())?;
    let text = report::render(&doc, format(args.format, args.out.as_deref(), out));
    write_report(
        args.out.as_deref(),
        args.force,
        &places(&ws),
        &format!("sprint report of {id}"),
        &text,
        out,
    )?;
    if args.summary {
        append_step_summary(&doc, (args.format == ReportFormat::Md).then_some(text.as_str()))?;
    }
    Ok(OK)
}

/// Append the Markdown report to `$GITHUB_STEP_SUMMARY` when it names a file; outside
/// GitHub Actions there is nothing to do, and nothing is said.
fn append_step_summary(doc: &SprintReportDoc, markdown: Option<&str>) -> CommandResult<()> {
    let Some(path) = std::env::var_os(STEP_SUMMARY_VAR).filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let path = Path::new(&path);
    let text = markdown.map_or_else(|| report::render(doc, Format::Markdown), str::to_owned);
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open {STEP_SUMMARY_VAR} ({})", path.display()))?;
    file.write_all(format!("{text}\n").as_bytes())
        .with_context(|| format!("cannot write {STEP_SUMMARY_VAR} ({})", path.display()))?;
    Ok(())
}
