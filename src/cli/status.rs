//! `pobox status`: items per kind and status, and which files have problems.

use std::io::Write;

use clap::{Args, ValueEnum};

use pobox::workspace::LoadOptions;

use super::error::CommandResult;
use super::exit::{FINDINGS, OK};
use super::output::Out;
use super::session::Session;

/// `pobox status` arguments.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,
}

/// Formats of `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// A table per kind.
    Table,
    /// One versioned JSON document.
    Json,
}

/// `pobox status`.
pub fn run(session: &Session, args: &StatusArgs, out: &mut Out) -> CommandResult<u8> {
    let format = args.format;
    let ws = session.load(LoadOptions::without_bodies(), out)?;
    let counts = pobox::render::status_counts(&ws);
    let problems = pobox::diag::render::Counts::of(&ws.diagnostics);
    let errors = problems.errors;
    match format {
        StatusFormat::Json => {
            let doc = serde_json::json!({
                "version": 1,
                "product": ws.config.product,
                "kinds": counts,
                "problems": problems,
            });
            writeln!(out.stdout(), "{}", pobox::text::json::to_json_string(&doc))?;
        }
        StatusFormat::Table => {
            let mut w = out.stdout();
            writeln!(
                w,
                "{}\n",
                if ws.config.product.is_empty() {
                    "(no product name in pobox.yaml)".into()
                } else {
                    // A heading of one line, whatever line breaks the name holds.
                    pobox::text::control::escape(&ws.config.product)
                }
            )?;
            w.write_all(pobox::render::status_counts_table(&ws, out.width()).as_bytes())?;
            drop(w);
            if ws.diagnostics.is_empty() {
                writeln!(
                    out.stdout(),
                    "\nEvery file reads cleanly. `pobox validate` checks values, references and readiness too."
                )?;
            } else {
                writeln!(out.stdout())?;
                out.diagnostics(&ws.diagnostics, &ws.root)?;
            }
        }
    }
    Ok(if errors > 0 { FINDINGS } else { OK })
}
