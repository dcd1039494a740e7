//! A newcomer's first run: `pobox demo` on any day, the commands it suggests typed exactly as
//! printed (with pobox on the `PATH` or not), a second `pobox demo`, and the warning a sprint
//! made on days already gone gets.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{self, POBOX};

/// A day long after the demo's written history (2026-10-14): a Friday.
const LATER: &str = "2026-12-04";

/// `PATH` without any folder that holds a `pobox`, so the test sees what a fresh machine sees.
fn path_without_pobox() -> String {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).filter(|d| !d.join("pobox").exists()).collect();
    std::env::join_paths(dirs).unwrap().into_string().unwrap()
}

/// Run `pobox demo` in `dir` with this `PATH`; its stdout.
fn demo(dir: &Path, path: &str, today: &str) -> String {
    let mut c = Command::new(POBOX);
    support::pin(c.current_dir(dir), dir, today).env("PATH", path).arg("demo");
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// The commands under "Try:", as printed.
fn suggestions(out: &str) -> Vec<String> {
    let (_, tail) = out.split_once("Try:\n").expect(out);
    tail.lines().map(|l| l.trim_start().to_owned()).collect()
}

/// Type each suggestion into `sh` as printed, in order, from `dir`; each must exit 0.
fn run_each(dir: &Path, path: &str, today: &str, commands: &[String]) {
    let (cd, rest) = commands.split_first().unwrap();
    assert!(cd.starts_with("cd "), "{cd}");
    assert!(rest.len() >= 10, "{commands:?}");
    for command in rest {
        let mut c = Command::new("sh");
        support::pin(c.current_dir(dir), dir, today)
            .env("PATH", path)
            .args(["-c", &format!("{cd} && {command}")]);
        let o = c.output().unwrap();
        assert!(
            o.status.success(),
            "`{command}` failed:\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn every_suggestion_runs_as_printed_when_pobox_is_not_on_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = path_without_pobox();
    let out = demo(dir.path(), &path, LATER);
    let exe = Path::new(POBOX).canonicalize().unwrap();
    assert!(out.contains("pobox is not on your PATH"), "{out}");
    assert!(out.contains("`cargo install --path .`"), "{out}");
    let commands = suggestions(&out);
    let pobox_commands: Vec<_> = commands.iter().filter(|c| c.contains(" status") || c.contains(" board")).collect();
    assert_eq!(pobox_commands.len(), 2, "{out}");
    for c in pobox_commands {
        assert!(c.starts_with(exe.to_str().unwrap()), "{c}");
    }
    run_each(dir.path(), &path, LATER, &commands);
    // The last pobox suggestion changed a real line, which `git diff` showed.
    let diff = Command::new("git")
        .arg("-C")
        .arg(dir.path().join("pobox-demo"))
        .args(["diff", "--stat"])
        .output()
        .unwrap();
    let diff = String::from_utf8(diff.stdout).unwrap();
    assert!(diff.contains("backlog/stories/S-11.md | 2"), "{diff}");
}

#[test]
fn every_suggestion_runs_as_printed_when_pobox_is_on_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(POBOX, bin.join("pobox")).unwrap();
    let path = format!("{}:{}", bin.display(), path_without_pobox());
    let out = demo(dir.path(), &path, LATER);
    assert!(!out.contains("not on your PATH"), "{out}");
    let commands = suggestions(&out);
    assert_eq!(commands[..3], ["cd pobox-demo", "pobox status", "pobox story list --sprint SP-3"]);
    assert!(commands.contains(&"pobox story move S-11 done && git diff".to_owned()), "{out}");
    run_each(dir.path(), &path, LATER, &commands);
}

/// Built on a later day, the demo ends that week: its last commit on the Wednesday before,
/// its sprint still running, and `validate` finds what it finds on the pinned demo's own day.
#[test]
fn the_demo_ends_on_the_week_it_is_built_and_looks_as_fresh_as_on_its_own_day() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = support::pobox_on(dir.path(), LATER, &["demo", "later"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("from 2026-10-20 to 2026-12-02 (its today)"), "{out}");
    let log = Command::new("git")
        .arg("-C")
        .arg(dir.path().join("later"))
        .args(["log", "-1", "--format=%ad", "--date=short"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(log.stdout).unwrap(), "2026-12-02\n");
    let (code, _, err) = support::pobox_on(dir.path(), "2026-10-14", &["demo", "pinned", "--date", "2026-10-14"]);
    assert_eq!(code, 0, "{err}");

    let codes = |ws: &str, today: &str| {
        let (_, out, _) = support::pobox_on(&dir.path().join(ws), today, &["validate", "--format", "short"]);
        let mut codes: Vec<String> = out
            .lines()
            .filter_map(|l| Some(l.split_once("[PO")?.1.split_once(']')?.0.to_owned()))
            .collect();
        codes.sort();
        codes
    };
    let on_its_day = codes("pinned", "2026-10-14");
    assert!(!on_its_day.is_empty(), "the demo shows overdue action items on purpose");
    assert_eq!(codes("later", LATER), on_its_day, "no staleness beyond the pinned demo's own");
    // Without --date the old demo, viewed today, is stale: the comparison can fail.
    assert_ne!(codes("pinned", LATER), on_its_day);

    let board = support::pobox_ok(&dir.path().join("later"), LATER, &["board"]);
    assert!(board.starts_with("SP-3 · Sprint 3 · active · 2026-11-23 – 2026-12-06\n"), "{board}");
}

#[test]
fn a_second_demo_says_how_to_build_another() {
    let dir = tempfile::tempdir().unwrap();
    support::pobox_ok(dir.path(), LATER, &["demo"]);
    let (code, _, err) = support::pobox_on(dir.path(), LATER, &["demo"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("pobox-demo is not empty"), "{err}");
    assert!(err.contains("`pobox demo DIR`"), "{err}");
    let (code, _, err) = support::pobox_on(dir.path(), LATER, &["demo", "--date", "14 October"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--date"), "{err}");
}

#[test]
fn a_sprint_on_days_already_gone_gets_a_warning() {
    let s = support::Session::new(); // today is 2026-11-22
    let (code, out, err) = s.run(&["sprint", "new", "--start", "2026-11-02"]);
    assert_eq!((code, out.as_str()), (0, "Created SP-1 backlog/sprints/SP-1.md\n"), "{err}");
    assert_eq!(
        err,
        "warning: the new sprint runs from 2026-11-02 to 2026-11-15, all in the past: its last day was 7 days ago \
         (today is 2026-11-22); if that is not what you meant, give `--start` a day from today on\n"
    );
    let (code, _, err) = s.run(&["sprint", "new", "--start", "2026-11-16"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("the new sprint started on 2026-11-16, 6 days ago"), "{err}");
    let (code, _, err) = s.run(&["sprint", "start", "SP-1"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with("warning: SP-1 runs from 2026-11-02 to 2026-11-15, all in the past"),
        "{err}"
    );
    assert!(err.contains("`pobox set SP-1 start=YYYY-MM-DD end=YYYY-MM-DD`"), "{err}");
    // Today or later: nothing to say.
    for start in ["2026-11-22", "2026-11-30"] {
        let (code, _, err) = s.run(&["sprint", "new", "--start", start]);
        assert_eq!((code, err.as_str()), (0, ""));
    }
}

/// `pobox <command> --help` as a newcomer reads it.
fn help(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    support::pobox_ok(dir.path(), LATER, args)
}

#[test]
fn each_kind_s_move_help_shows_its_own_example() {
    for (kind, example) in [
        ("story", "`pobox story move S-42 done`"),
        ("epic", "`pobox epic move E-3 done`"),
        ("risk", "`pobox risk move R-3 mitigated`"),
        ("sprint", "`pobox sprint move SP-3 active`"),
    ] {
        let list = help(&[kind, "--help"]);
        assert!(list.contains(&format!("Change the status: {example}")), "{list}");
        let own = help(&[kind, "move", "--help"]);
        assert!(own.starts_with(&format!("Change the status: {example}\n")), "{own}");
    }
    assert!(!help(&["epic", "--help"]).contains("story"));
}

#[test]
fn global_options_have_their_own_heading() {
    for args in [&["board", "--help"][..], &["story", "new", "-h"], &["-h"]] {
        let text = help(args);
        let (own, global) = text.split_once("\nGlobal options:\n").expect(&text);
        for option in ["--workspace <DIR>", "--color <COLOR>", "-q, --quiet", "-v, --verbose"] {
            assert!(global.contains(option) && !own.contains(option), "{args:?}: {option}\n{text}");
        }
    }
}

#[test]
fn the_forecast_points_at_help_the_user_has() {
    let dir = tempfile::tempdir().unwrap();
    support::pobox_ok(dir.path(), "2026-10-14", &["demo", "shop", "--date", "2026-10-14"]);
    let out = support::pobox_ok(&dir.path().join("shop"), "2026-10-14", &["forecast", "--epic", "E-2"]);
    assert!(out.ends_with("How to read this: `pobox forecast --help`.\n"), "{out}");
    assert!(!out.contains("docs/"), "{out}");
    let help = help(&["forecast", "--help"]);
    assert!(help.contains("\nHow to read a forecast:\n"), "{help}");
    assert!(help.contains("85% likely done on or before"), "{help}");
}
