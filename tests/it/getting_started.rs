//! docs/getting-started.md is what a new user sees: its `console` blocks run in order in one
//! temporary folder, as the reader would type them (`pobox` from this build on the `PATH`,
//! git with a fresh configuration), with "today" and commit dates set by the page's
//! `<!-- today: YYYY-MM-DD -->` comments, and each command prints exactly the lines shown
//! (`…` stands for lines left out). A block after `<!-- file: PATH -->` is a file the reader
//! writes by hand: the test writes it.

use std::path::Path;
use std::process::Command;

use crate::support;

enum Step {
    Today(String),
    File { path: String, text: String },
    Run { command: String, expected: Vec<String>, at: usize },
}

fn steps(doc: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut lines = doc.lines().enumerate().peekable();
    let mut file: Option<String> = None;
    while let Some((i, line)) = lines.next() {
        if let Some(day) = line.strip_prefix("<!-- today: ").and_then(|l| l.strip_suffix(" -->")) {
            steps.push(Step::Today(day.to_owned()));
        } else if let Some(path) = line.strip_prefix("<!-- file: ").and_then(|l| l.strip_suffix(" -->")) {
            file = Some(path.to_owned());
        } else if line.starts_with("```") && line.len() > 3 {
            let mut block = Vec::new();
            for (_, l) in lines.by_ref() {
                if l.starts_with("```") {
                    break;
                }
                block.push((i, l));
            }
            if let Some(path) = file.take() {
                let text: Vec<&str> = block.iter().map(|(_, l)| *l).collect();
                steps.push(Step::File {
                    path,
                    text: text.join("\n") + "\n",
                });
            } else if line == "```console" {
                for (n, (_, l)) in block.iter().enumerate() {
                    if let Some(command) = l.strip_prefix("$ ") {
                        let expected = block[n + 1..]
                            .iter()
                            .map(|(_, l)| *l)
                            .take_while(|l| !l.starts_with("$ "))
                            .map(str::to_owned)
                            .collect();
                        steps.push(Step::Run {
                            command: command.to_owned(),
                            expected,
                            at: i + 1 + n + 1,
                        });
                    }
                }
            }
        }
    }
    steps
}

/// Whether `actual` is `expected` with each `…` line standing for any lines (none or more).
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "…" => (0..=actual.len()).any(|skip| matches(rest, &actual[skip..])),
        Some((first, rest)) => actual.first().is_some_and(|a| a == first) && matches(rest, &actual[1..]),
    }
}

#[test]
fn every_command_of_the_guide_runs_and_prints_what_it_shows() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/getting-started.md")).unwrap();
    let steps = steps(&doc);
    assert!(
        steps.iter().filter(|s| matches!(s, Step::Run { .. })).count() > 20,
        "the guide's commands are found"
    );
    let home = tempfile::tempdir().unwrap();
    let bin = Path::new(support::POBOX);
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let mut cwd = home.path().to_path_buf();
    let mut today = String::from("2026-11-02");
    for step in steps {
        match step {
            Step::Today(day) => today = day,
            Step::File { path, text } => std::fs::write(cwd.join(path), text).unwrap(),
            Step::Run { command, expected, at } => {
                if let Some(dir) = command.strip_prefix("cd ") {
                    cwd = cwd.join(dir);
                    assert!(cwd.is_dir(), "line {at}: no folder {dir}");
                    continue;
                }
                let when = format!("{today}T12:00:00Z");
                let o = support::pin(&mut Command::new("sh"), home.path(), &today)
                    .arg("-c")
                    .arg(&command)
                    .current_dir(&cwd)
                    .env("PATH", &path)
                    .env_remove("XDG_CONFIG_HOME")
                    .env("GIT_AUTHOR_DATE", &when)
                    .env("GIT_COMMITTER_DATE", &when)
                    .output()
                    .unwrap();
                let stdout = String::from_utf8_lossy(&o.stdout);
                let stderr = String::from_utf8_lossy(&o.stderr);
                // What a terminal shows: both streams (pobox writes findings to stderr).
                let shown = format!("{stdout}{stderr}");
                let actual: Vec<&str> = shown.lines().collect();
                assert!(o.status.success(), "line {at}: `{command}` failed:\n{shown}");
                assert!(
                    matches(&expected, &actual),
                    "line {at}: `{command}` printed:\n{shown}\nbut the guide shows:\n{}",
                    expected.join("\n")
                );
            }
        }
    }
    // The reader ends with a report and a site on disk.
    let shop = home.path().join("harbor-shop");
    assert!(shop.join("sprint-1.html").is_file());
    assert!(shop.join("site/index.html").is_file());
}

#[test]
fn an_elision_matches_any_lines() {
    let e = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert!(matches(&e(&["a", "…", "d"]), &["a", "b", "c", "d"]));
    assert!(matches(&e(&["a", "…"]), &["a"]));
    assert!(!matches(&e(&["a", "…", "d"]), &["a", "b"]));
    assert!(!matches(&e(&["a"]), &["a", "b"]));
}
