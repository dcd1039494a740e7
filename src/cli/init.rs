//! `pobox init`: set up a workspace in a folder, leaving every existing file alone.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;

use super::error::CommandResult;
use super::exit::OK;
use super::output::Out;
use super::session::Session;

/// `pobox init` arguments.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where (default: the current folder).
    pub dir: Option<PathBuf>,
    /// The product's name (default: the folder's name).
    #[arg(long)]
    pub product: Option<String>,
}

/// `pobox init [DIR] [--product NAME]`.
pub fn run(session: &Session, args: &InitArgs, out: &mut Out) -> CommandResult<u8> {
    let dir = args
        .dir
        .as_deref()
        .or_else(|| session.workspace_option())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = args
        .product
        .as_deref()
        .map_or_else(|| pobox::init::default_product(&dir), str::to_owned);
    let done = pobox::init::init(&dir, &name)?;
    let created: Vec<_> = done.iter().filter(|s| s.created).collect();
    let added_to: Vec<_> = done.iter().filter(|s| s.added_to).collect();
    for s in &added_to {
        writeln!(out.info(), "added `{}` to {}", pobox::init::IGNORE_RULE, s.path.display())?;
    }
    if created.is_empty() && added_to.is_empty() {
        writeln!(
            out.info(),
            "Nothing to do: {} is already a pobox workspace; no file was changed.",
            dir.display()
        )?;
        return Ok(OK);
    }
    for s in &created {
        writeln!(out.info(), "created {}", s.path.display())?;
    }
    let kept = done.len() - created.len() - added_to.len();
    if kept > 0 {
        writeln!(out.info(), "kept {kept} existing file(s) unchanged")?;
    }
    writeln!(
        out.info(),
        "\nNext: write the vision in backlog/product.md, then `pobox story new \"Your first story\"`."
    )?;
    Ok(OK)
}
