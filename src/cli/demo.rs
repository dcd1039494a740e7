//! `pobox demo`: build the sample workspace and say what to try in it.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::error::CommandResult;
use super::exit::OK;
use super::output::Out;

/// `pobox demo` arguments.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to build it (must not exist or be empty).
    #[arg(default_value = "pobox-demo")]
    pub dir: PathBuf,
}

/// `pobox demo [DIR]`.
pub fn run(args: &DemoArgs, out: &mut Out) -> CommandResult<u8> {
    let dir = &args.dir;
    let demo = pobox::demo::build(dir)?;
    let mut w = out.info();
    writeln!(w, "Built a demo workspace in {}:", demo.root.display())?;
    writeln!(
        w,
        "  {} stories in 3 epics, {} sprints, with {} commits of history.\n",
        demo.stories,
        demo.sprints.len(),
        demo.commits
    )?;
    writeln!(w, "Try:")?;
    let ws = dir.display();
    for cmd in [
        format!("cd {ws}"),
        "pobox status".to_owned(),
        "pobox story list --sprint SP-3".to_owned(),
        "pobox story list --status done --format json".to_owned(),
        "pobox show E-1".to_owned(),
        "pobox meeting list".to_owned(),
        "pobox validate".to_owned(),
        "pobox prioritize --method wsjf".to_owned(),
        "pobox board".to_owned(),
        "pobox metrics".to_owned(),
        "pobox forecast --epic E-2".to_owned(),
        "pobox report sprint SP-2 --format html --out sprint.html".to_owned(),
        "pobox site --out site".to_owned(),
        "pobox story move S-1 done && git diff".to_owned(),
        "git log --oneline".to_owned(),
    ] {
        writeln!(w, "  {cmd}")?;
    }
    Ok(OK)
}
