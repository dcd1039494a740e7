//! List the stories of a pobox workspace with the library, the way `pobox story list` starts.
//!
//! ```text
//! cargo run --example list_stories -- examples/corner-shop
//! ```
//!
//! `Workspace::open` finds the workspace at or above DIR (default: the current folder), reads
//! every item in parallel and collects what it could not read as diagnostics instead of
//! failing, so the listing shows whatever is readable and then says how many problems there were.

use std::path::PathBuf;

use pobox::model::Kind;
use pobox::workspace::{LoadOptions, Workspace};

fn main() -> anyhow::Result<()> {
    let dir = std::env::args_os().nth(1).map_or_else(|| PathBuf::from("."), PathBuf::from);
    // Listing needs only the front-matter, so skip parsing the Markdown bodies.
    let workspace = Workspace::open(&dir, LoadOptions::without_bodies())?;
    for story in workspace.of_kind(Kind::Story) {
        let status = story.status().unwrap_or("-");
        let points = story.points().map_or_else(|| "-".to_owned(), |p| p.to_string());
        println!("{:<6} {status:<12} {points:>2} pts  {}", story.id, story.title);
    }
    println!("{} diagnostics", workspace.diagnostics.len());
    Ok(())
}
