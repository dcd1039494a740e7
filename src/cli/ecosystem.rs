//! Fitting pobox into a user's tools: shell completions, manual pages, JSON Schemas.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use clap::CommandFactory;

use super::args::{Cli, SchemaArgs};
use super::{OK, Out};

/// `pobox completions SHELL`: the script on stdout.
pub(super) fn completions(shell: clap_complete::Shell, out: &mut Out) -> Result<u8> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "pobox", &mut buf);
    out.data().write_all(&buf)?;
    Ok(OK)
}

/// `pobox man [--out DIR]`: pobox.1 on stdout, or every page written into DIR.
pub(super) fn man(dir: Option<&Path>, out: &mut Out) -> Result<u8> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = dir else {
        let mut buf = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut buf)?;
        out.data().write_all(&buf)?;
        return Ok(OK);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut pages = Vec::new();
    collect_pages(cmd, &mut pages)?;
    for (name, text) in &pages {
        let path = dir.join(name);
        pobox::fsio::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    writeln!(out.info(), "Wrote {} manual pages to {}", pages.len(), dir.display())?;
    Ok(OK)
}

/// The page of `cmd` and of every subcommand below it, as (file name, roff).
fn collect_pages(cmd: clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
        collect_pages(sub, pages)?;
    }
    let man = clap_mangen::Man::new(cmd);
    let mut buf = Vec::new();
    man.render(&mut buf)?;
    pages.push((man.get_filename(), buf));
    Ok(())
}

/// `pobox schema [KIND] [--out DIR]`.
pub(super) fn schema(args: &SchemaArgs, out: &mut Out) -> Result<u8> {
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
            None => bail!(
                "there is no schema named `{kind}`\nhelp: choose one of {}",
                pobox::schema::names().join(", ")
            ),
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
