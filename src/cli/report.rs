//! `pobox report`: reports for stakeholders, built from the workspace (and, for a sprint, its git
//! history).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use pobox::report::{self, sprint::SprintReportDoc};
use pobox::workspace::LoadOptions;

use super::args::{Cli, ReportArgs, ReportCmd, ReportFormat, SprintReportArgs};
use super::{OK, Out, load};

/// The file GitHub Actions renders as the job's summary page.
const STEP_SUMMARY_VAR: &str = "GITHUB_STEP_SUMMARY";

/// `pobox report …`.
pub fn run(cli: &Cli, cmd: &ReportCmd, out: &mut Out) -> Result<u8> {
    match cmd {
        ReportCmd::Sprint(args) => sprint(cli, args, out),
        ReportCmd::Backlog(args) => {
            let ws = load(cli, LoadOptions::default(), out)?;
            let doc = report::backlog::build(&ws, args.method.map(super::prioritize::method), pobox::clock::today())?;
            let args = &args.report;
            let text = match args.format {
                ReportFormat::Md => report::md::backlog(&doc),
                ReportFormat::Html => report::html::backlog(&doc),
                ReportFormat::Json => report::json::backlog(&doc) + "\n",
            };
            emit(args, "backlog report", &text, out)
        }
        ReportCmd::Actions(args) => {
            let ws = load(cli, LoadOptions::default(), out)?;
            let doc = report::actions::build(&ws, pobox::clock::today());
            let text = match args.format {
                ReportFormat::Md => report::md::actions(&doc),
                ReportFormat::Html => report::html::actions(&doc),
                ReportFormat::Json => report::json::actions(&doc) + "\n",
            };
            emit(args, "action-items report", &text, out)
        }
        ReportCmd::Risks(args) => {
            let ws = load(cli, LoadOptions::default(), out)?;
            let doc = report::risks::build(&ws, pobox::clock::today());
            let text = match args.format {
                ReportFormat::Md => report::md::risk_register(&doc),
                ReportFormat::Html => report::html::risk_register(&doc),
                ReportFormat::Json => report::json::risk_register(&doc) + "\n",
            };
            emit(args, "risk report", &text, out)
        }
        ReportCmd::Stakeholders(args) => {
            let ws = load(cli, LoadOptions::default(), out)?;
            let doc = report::stakeholders::build(&ws, pobox::clock::today());
            let text = match args.format {
                ReportFormat::Md => report::md::stakeholders(&doc),
                ReportFormat::Html => report::html::stakeholders(&doc),
                ReportFormat::Json => report::json::stakeholders(&doc) + "\n",
            };
            emit(args, "stakeholder report", &text, out)
        }
        ReportCmd::Roadmap(args) => {
            let ws = load(cli, LoadOptions::default(), out)?;
            let doc = report::roadmap::build(&ws, pobox::clock::today());
            let text = match args.format {
                ReportFormat::Md => report::md::roadmap(&doc),
                ReportFormat::Html => report::html::roadmap(&doc),
                ReportFormat::Json => report::json::roadmap(&doc) + "\n",
            };
            emit(args, "roadmap report", &text, out)
        }
        ReportCmd::Epics(args) => {
            // History first: a shallow clone fails here, before anything is written.
            let history = super::history::read_history(cli, out)?;
            let ws = load(cli, LoadOptions::default(), out)?;
            let doc = report::epics::build(&ws, &history, pobox::clock::today());
            let text = match args.format {
                ReportFormat::Md => report::md::epics(&doc),
                ReportFormat::Html => report::html::epics(&doc),
                ReportFormat::Json => report::json::epics(&doc) + "\n",
            };
            emit(args, "epics report", &text, out)
        }
    }
}

/// Write a report to `--out` (atomically, saying so) or to standard output.
fn emit(args: &ReportArgs, what: &str, text: &str, out: &mut Out) -> Result<u8> {
    write_report(args.out.as_deref(), what, text, out)?;
    Ok(OK)
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
    let text = match args.format {
        ReportFormat::Md => report::md::sprint(&doc),
        ReportFormat::Html => report::html::sprint(&doc),
        ReportFormat::Json => report::json::sprint(&doc) + "\n",
    };
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
    let text = markdown.map_or_else(|| report::md::sprint(doc), str::to_owned);
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open {STEP_SUMMARY_VAR} ({})", path.display()))?;
    file.write_all(format!("{text}\n").as_bytes())
        .with_context(|| format!("cannot write {STEP_SUMMARY_VAR} ({})", path.display()))?;
    Ok(())
}
