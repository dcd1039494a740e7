//! `pobox demo`: build the sample workspace and say what to try in it.
//!
//! The commands it suggests must work as printed, however pobox was started: when the
//! running executable is the `pobox` found on `PATH` they read `pobox …`; otherwise (right
//! after `cargo run --release -- demo`, or a binary unpacked somewhere) they name the
//! executable by its full path, the way `rustup` and `cargo install` name a binary that is
//! not on `PATH` yet, and say how to put it there.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use pobox::model::fields::parse_date;

use super::error::CommandResult;
use super::exit::OK;
use super::output::Out;

/// `pobox demo` arguments.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to build it (must not exist or be empty).
    #[arg(default_value = "pobox-demo")]
    pub dir: PathBuf,
    /// End the history on this day's week (the last Wednesday on or before it) instead of
    /// today's; `--date 2026-10-14` builds the workspace the documentation shows, byte for
    /// byte.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
}

/// `pobox demo [DIR] [--date DAY]`.
pub fn run(args: &DemoArgs, out: &mut Out) -> CommandResult<u8> {
    let dir = &args.dir;
    let demo = pobox::demo::build(dir, args.date.unwrap_or_else(pobox::clock::today))?;
    let pobox = Invocation::current();
    let mut w = out.info();
    writeln!(w, "Built a demo workspace in {}:", demo.root.display())?;
    writeln!(
        w,
        "  {} stories in 3 epics, {} sprints, with {} commits of history from {} to {} (its today).\n",
        demo.stories,
        demo.sprints.len(),
        demo.commits,
        demo.first_day,
        demo.today,
    )?;
    if let Invocation::Path(exe) = &pobox {
        writeln!(
            w,
            "pobox is not on your PATH, so these commands name it by its path ({}); `cargo install --path .` in pobox's source folder puts it there.\n",
            exe.display()
        )?;
    }
    writeln!(w, "Try:")?;
    for cmd in suggestions(&demo, &pobox) {
        writeln!(w, "  {cmd}")?;
    }
    Ok(OK)
}

/// The commands to try in the demo workspace, in order, as the user types them.
fn suggestions(demo: &pobox::demo::Demo, pobox: &Invocation) -> Vec<String> {
    let p = pobox.command();
    let (active, closed, story) = (&demo.active_sprint, &demo.last_closed_sprint, &demo.example_story);
    vec![
        format!("cd {}", shell_word(&demo.root.display().to_string())),
        format!("{p} status"),
        format!("{p} story list --sprint {active}"),
        format!("{p} story list --status done --format json"),
        format!("{p} show E-1"),
        format!("{p} meeting list"),
        format!("{p} validate"),
        format!("{p} prioritize --method wsjf"),
        format!("{p} board"),
        format!("{p} metrics"),
        format!("{p} forecast --epic E-2"),
        format!("{p} report sprint {closed} --format html --out sprint.html"),
        format!("{p} site --out site"),
        // A story of the running sprint still in review: accepting it changes a real line.
        format!("{p} story move {story} done && git diff"),
        "git log --oneline".to_owned(),
    ]
}

/// How the user can run this pobox again.
enum Invocation {
    /// As `pobox`: the `pobox` on `PATH` is this executable.
    OnPath,
    /// By this path only.
    Path(PathBuf),
}

impl Invocation {
    /// How this process can be started again. When the executable's own path cannot be
    /// read, `pobox` is the best guess.
    fn current() -> Invocation {
        let Ok(exe) = std::env::current_exe().and_then(|p| p.canonicalize()) else {
            return Invocation::OnPath;
        };
        let name = format!("pobox{}", std::env::consts::EXE_SUFFIX);
        let on_path = std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(&name))
                .find(|p| p.is_file())
                .and_then(|p| p.canonicalize().ok())
                .is_some_and(|p| p == exe)
        });
        if on_path { Invocation::OnPath } else { Invocation::Path(exe) }
    }

    /// The first word of a suggested command.
    fn command(&self) -> String {
        match self {
            Invocation::OnPath => "pobox".to_owned(),
            Invocation::Path(exe) => shell_word(&exe.display().to_string()),
        }
    }
}

/// `word` as one word for a POSIX shell: as it is when it holds only characters no shell
/// reads specially, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@%=".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(
            shell_word("/home/pat/pobox/target/release/pobox"),
            "/home/pat/pobox/target/release/pobox"
        );
        assert_eq!(shell_word("/home/pat/my tools/pobox"), "'/home/pat/my tools/pobox'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
    }
}
