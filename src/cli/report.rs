//! `pobox report`: reports for stakeholders, built from the workspace (and, for a sprint, its git
//! history).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use pobox::report::{self, Format, Report, sprint::SprintReportDoc};
use pobox::workspace::LoadOptions;

use super::args::{Cli, PortfolioArgs, ReportArgs, ReportCmd, ReportFormat, SprintReportArgs};
use super::{OK, Out, load};

/// The file GitHub Actions renders as the job's summary page.
const STEP_SUMMARY_VAR: &str = "GITHUB_STEP_SUMMARY";

/// `pobox report …`.
pub fn run(cli: &Cli, cmd: &ReportCmd, out: &mut Out) -> Result<u8> {
    match cmd {
        ReportCmd::Sprint(args) => sprint(cli, args, out),
        ReportCmd::Backlog(args) => {
            let ws = load(cli, LoadOptions::default(), out)?;
            let mut doc = match report::backlog::build(&ws, args.method.map(super::prioritize::method), pobox::clock::today()) {
                Ok(doc) => doc,
                Err(e) => return super::prioritize::unorderable(e, out),
            };
            if let Some(owner) = &args.owner {
                doc.retain_owner(&ws, owner);
            }
            let args = &args.report;
            emit(args, "backlog report", &doc, out)
        }
        ReportCmd::Actions(args) => {
            let ws = load(cli, LoadOptions::default(), out)?;
            let doc = report::actions::build_for(&ws, pobox::clock::today(), args.owner.as_deref());
            let args = &args.report;
            emit(args, "action-items report", &doc, out)
        }
        ReportCmd::Risks(args) => {
            let ws = load(cli, LoadOptions::default(), out)?;
            let doc = report::risks::build(&ws, pobox::clock::today());
            emit(args, "risk report", &doc, out)
        }
        ReportCmd::Stakeholders(args) => {
            let ws = load(cli, LoadOptions::default(), out)?;
            let doc = report::stakeholders::build(&ws, pobox::clock::today());
            emit(args, "stakeholder report", &doc, out)
        }
        ReportCmd::Roadmap(args) => {
            let ws = load(cli, LoadOptions::default(), out)?;
            let doc = report::roadmap::build(&ws, pobox::clock::today());
            emit(args, "roadmap report", &doc, out)
        }
        ReportCmd::Epics(args) => {
            // History first: a shallow clone fails here, before anything is written.
            let history = super::history::read_history(cli, out)?;
            let ws = load(cli, LoadOptions::default(), out)?;
            let mut doc = report::epics::build(&ws, &history, pobox::clock::today());
            if let Some(owner) = &args.owner {
                doc.retain_owner(owner);
            }
            let args = &args.report;
            emit(args, "epics report", &doc, out)
        }
        ReportCmd::Portfolio(args) => portfolio(args, out),
    }
}

/// `pobox report portfolio`: load each product's workspace and history, then roll them up.
fn portfolio(args: &PortfolioArgs, out: &mut Out) -> Result<u8> {
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
        bail!(
            "no products to report on: name their workspaces (`pobox report portfolio ../shop ../admin`), or write a {} here\nhelp: see `pobox report portfolio --help`",
            pf::FILE_NAME
        )
    };
    let mut loaded = Vec::new();
    for source in &sources {
        if !source.path.join(pobox::config::FILE_NAME).is_file() {
            bail!(
                "no pobox workspace at {}: it has no {}\nhelp: fix the path, or run `pobox init {}`",
                source.path.display(),
                pobox::config::FILE_NAME,
                source.path.display()
            );
        }
        let ws = match pobox::workspace::Workspace::load(&source.path, LoadOptions::default()) {
            Ok(ws) => ws,
            Err(pobox::workspace::WorkspaceError::Config(diags)) => {
                out.diagnostics(&diags, &source.path)?;
                bail!(
                    "{} has errors; fix them and run the command again",
                    source.path.join(pobox::config::FILE_NAME).display()
                )
            }
            Err(e) => return Err(e.into()),
        };
        let history = pobox::history::History::open(&ws).map_err(|e| e.to_string().lines().next().unwrap_or_default().to_owned());
        loaded.push((source, ws, history));
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
    emit(&args.report, "portfolio report", &doc, out)
}

/// Write a report in `--format` to `--out` (atomically, saying so) or to standard output.
fn emit<R: Report>(args: &ReportArgs, what: &str, doc: &R, out: &mut Out) -> Result<u8> {
    let text = report::render(doc, format(args.format, args.out.as_deref(), out));
    write_report(args.out.as_deref(), what, &text, out)?;
    Ok(OK)
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

fn write_report(path: Option<&Path>, what: &str, text: &str, out: &mut Out) -> Result<()> {
    match path {
        Some(path) => {
            pobox::fsio::write(path, text.as_bytes())?;
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

fn sprint(cli: &Cli, args: &SprintReportArgs, out: &mut Out) -> Result<u8> {
    // History first: a shallow clone fails here, before anything is written.
    let history = super::history::read_history(cli, out)?;
    let ws = load(cli, LoadOptions::default(), out)?;
    let id = match &args.sprint {
        Some(id) => pobox::sprint::find(&ws, id)?.id.clone(),
        None => match report::sprint::current_sprint(&ws) {
            Some(s) => s.id.clone(),
            None => bail!(
                "there is no active or closed sprint to report on\nhelp: name one (`pobox report sprint SP-n`), or start one with `pobox sprint start SP-n`"
            ),
        },
    };
    let doc = report::sprint::build(&ws, &history, &id, pobox::clock::today())?;
    let text = report::render(&doc, format(args.format, args.out.as_deref(), out));
    write_report(args.out.as_deref(), &format!("sprint report of {id}"), &text, out)?;
    if args.summary {
        append_step_summary(&doc, (args.format == ReportFormat::Md).then_some(text.as_str()))?;
    }
    Ok(OK)
}

/// Append the Markdown report to `$GITHUB_STEP_SUMMARY` when it names a file; outside
/// GitHub Actions there is nothing to do, and nothing is said.
fn append_step_summary(doc: &SprintReportDoc, markdown: Option<&str>) -> Result<()> {
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
