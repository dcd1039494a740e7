//! `pobox site`: the workspace as a static HTML site.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use pobox::history::{History, HistoryError};
use pobox::model::Kind;
use pobox::render::unreadable::paragraph;
use pobox::workspace::LoadOptions;

use super::error::CommandResult;
use super::exit::OK;
use super::output::Out;
use super::session::Session;

/// `pobox site` arguments.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The folder to write (replaced whole when pobox wrote it before; any other existing
    /// folder is refused).
    #[arg(long, value_name = "DIR", default_value = "site")]
    pub out: PathBuf,
}

/// `pobox site [--out DIR]`.
pub fn run(session: &Session, args: &SiteArgs, out: &mut Out) -> CommandResult<u8> {
    let dir = args.out.as_path();
    let ws = session.load(LoadOptions::default(), out)?;
    // Sprint reports need the history; a workspace outside git still gets every other page.
    let history = match History::open(&ws) {
        Ok(h) => Some(h),
        Err(HistoryError::NotGit(_)) => None,
        Err(e) => return Err(e.into()),
    };
    if let Some(history) = &history {
        super::session::warn_skewed(history, out)?;
    }
    // The one rule of every `--out` first: never into the backlog, `.git` or onto pobox.yaml.
    pobox::generated::Destinations::for_workspace(&ws.root, &ws.config.backlog_dir).check_place(dir)?;
    let files = pobox::site::build(&ws, history.as_ref(), pobox::clock::today());
    pobox::site::write(dir, &files)?;
    let pages = files.iter().filter(|f| f.name.ends_with(".html")).count();
    let mut w = out.info();
    writeln!(w, "Wrote a site of {pages} pages to {}", dir.display())?;
    writeln!(w, "Open {} in a browser; no server is needed.", dir.join("index.html").display())?;
    if history.is_none() {
        writeln!(w, "No sprint reports: the workspace is not in a git repository.")?;
    }
    drop(w);
    let unreadable = ws.unreadable(&Kind::ALL);
    if !unreadable.is_empty() {
        // The home page names them too; a build log should not look clean either, even
        // under `--quiet`: it is a finding, not a progress message.
        write!(out.stdout(), "{}", paragraph(&unreadable))?;
    }
    Ok(OK)
}
