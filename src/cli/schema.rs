//! `pobox schema`: the JSON Schemas of each kind's front-matter and of pobox.yaml, for
//! editors and CI.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::error::{CommandError, CommandResult};
use super::exit::OK;
use super::output::Out;

/// `pobox schema` options.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// story, epic, stakeholder, meeting, sprint, risk, or config for pobox.yaml (default: list
    /// them).
    pub kind: Option<String>,
    /// Write every schema as DIR/<kind>.schema.json instead of printing.
    #[arg(long, value_name = "DIR", conflicts_with = "kind")]
    pub out: Option<PathBuf>,
}

/// `pobox schema [KIND] [--out DIR]`.
pub fn run(args: &SchemaArgs, out: &mut Out) -> CommandResult<u8> {
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for name in pobox::schema::names() {
            let path = dir.join(format!("{name}.schema.json"));
            let text = pobox::schema::by_name(name).unwrap_or_default();
            pobox::fsio::write(&path, text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
            writeln!(out.info(), "Wrote {}", path.display())?;
        }
        return Ok(OK);
    }
    match &args.kind {
        Some(kind) => match pobox::schema::by_name(kind) {
            Some(text) => out.data().write_all(text.as_bytes())?,
            None => {
                return Err(CommandError::msg(format!("there is no schema named `{kind}`"))
                    .hint(format!("choose one of {}", pobox::schema::names().join(", "))));
            }
        },
        None => {
            let mut w = out.data();
            for name in pobox::schema::names() {
                writeln!(w, "{name}")?;
            }
        }
    }
    Ok(OK)
}
