//! Nothing vanishes (issue 12, domain §8): a file pobox cannot read is never silently
//! absent. Every view that lists or counts items names it and says how many files it did not
//! count; every write whose scope may hold it refuses, names it and changes nothing.
//!
//! One workspace, [`workspace`], is the case the issue reports: a story with broken
//! front-matter in the active sprint. The walk of every command
//! ([`every_command_that_lists_or_counts_names_the_file_it_cannot_read`]) runs the entries
//! of `src/cli/every_command.rs`, which the binary's own tests check against the clap
//! definition; the other tests pin each defect the issue lists.

#[path = "../../src/cli/every_command.rs"]
mod every_command;

use std::path::Path;

use serde_json::Value;

use crate::support::{self, commit_all as commit, copy_dir, git, outcome, pobox, replace_in as replace, write_file};
use every_command::{ENTRIES, Entry};

/// The day the commands run as: SP-2's last day.
const TODAY: &str = "2026-11-20";

/// The file pobox cannot read, as every output names it.
const BROKEN: &str = "backlog/stories/S-3.md";

/// S-3 as committed last: its title opens a YAML list that never closes.
const BROKEN_TEXT: &str = "---\nid: S-3\ntitle: [Pay by card\nstatus: in-progress\nepic: E-1\npoints: 5\nsprint: SP-2\n---\n";

/// Why pobox cannot read it, as it says.
const PROBLEM: &str = "YAML error at line 4";

/// The workspace of the issue, in a git repository with four weeks of pinned history.
///
/// Epic E-1 has seven stories (S-1 to S-7). SP-1 (S-1, S-2) ran and closed; SP-2
/// (capacity 13) is active with S-3, S-4 and S-5, and S-4 and S-5 are done (8 points). Then
/// S-3 (5 points, in progress) was committed with broken front-matter: what pobox can read
/// is 8 of 13 points in SP-2 and 4 done of 6 stories in E-1. A planned SP-3, a stakeholder,
/// a sprint-planning meeting (an action item, a decision) and an open risk give every report
/// something to show.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, "2026-10-19T09:00:00Z", &["init", "-q", "-b", "main"]);
    write_file(d, "pobox.yaml", "product: Corner Shop\n");
    write_file(
        d,
        "backlog/epics/E-1.md",
        "---\nid: E-1\ntitle: Checkout\nstatus: in-progress\nhorizon: now\ntarget: 2026-12-18\nowner: dana\n---\n",
    );
    write_file(
        d,
        "backlog/stakeholders/dana.md",
        "---\nid: dana\ntitle: Dana\nrole: customer\npower: high\ninterest: high\ncadence_days: 14\n---\n",
    );
    write_file(
        d,
        "backlog/risks/R-1.md",
        "---\nid: R-1\ntitle: The card provider is late\nlikelihood: 4\nimpact: 4\nstatus: open\nowner: dana\n---\n",
    );
    for (n, start, end) in [
        (1, "2026-10-26", "2026-11-06"),
        (2, "2026-11-09", "2026-11-20"),
        (3, "2026-11-23", "2026-12-04"),
    ] {
        let text = format!("---\nid: SP-{n}\ntitle: Sprint {n}\nstart: {start}\nend: {end}\ncapacity: 13\nstatus: planned\n---\n");
        write_file(d, &format!("backlog/sprints/SP-{n}.md"), &text);
    }
    for (n, title, status, points, sprint) in [
        (1, "Add to basket", "ready", 3, "SP-1"),
        (2, "Basket page", "ready", 2, "SP-1"),
        (3, "Pay by card", "ready", 5, "SP-2"),
        (4, "Delivery address", "ready", 5, "SP-2"),
        (5, "Order confirmation", "ready", 3, "SP-2"),
        (6, "Saved cards", "ready", 2, ""),
        (7, "Gift wrapping", "draft", 3, ""),
    ] {
        let sprint = if sprint.is_empty() {
            String::new()
        } else {
            format!("sprint: {sprint}\n")
        };
        let text = format!(
            "---\nid: S-{n}\ntitle: {title}\nstatus: {status}\nepic: E-1\npoints: {points}\n{sprint}stakeholders: [dana]\n---\n\
             As a shopper, I want this, so that I can buy.\n\n## Acceptance criteria\n\n- [x] Given a basket, when I act, then it works.\n"
        );
        write_file(d, &format!("backlog/stories/S-{n}.md"), &text);
    }
    support::play_first_sprint(d);
    write_file(
        d,
        "backlog/meetings/2026-11-09-sprint-planning.md",
        "---\nid: 2026-11-09-sprint-planning\ntitle: Sprint 2 planning\ntype: sprint-planning\ndate: 2026-11-09\nattendees: [dana]\nsprint: SP-2\n---\n\n\
         ## Decisions\n\n- Cards before wallets.\n\n## Action items\n\n- [ ] @dana send the card provider's contract (due: 2026-11-30)\n",
    );
    commit(d, "2026-11-09T09:00:00Z", "Start SP-2");
    replace(d, "backlog/stories/S-4.md", "status: ready", "status: done");
    replace(d, "backlog/stories/S-3.md", "status: ready", "status: in-progress");
    commit(d, "2026-11-11T15:00:00Z", "S-4 done, S-3 started");
    replace(d, "backlog/stories/S-5.md", "status: ready", "status: done");
    commit(d, "2026-11-13T15:00:00Z", "S-5 done");
    write_file(d, BROKEN, BROKEN_TEXT);
    commit(d, "2026-11-16T10:00:00Z", "S-3: rename");
    dir
}

/// Replace `from` (which must be there) by `to` in the file `rel`.
/// pobox in `dir` on [`TODAY`]: (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(pobox(dir, TODAY).args(args).output().unwrap())
}

/// pobox, expecting exit 0; its stdout.
#[track_caller]
fn ok(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(dir, args);
    assert_eq!(code, 0, "pobox {args:?}:\n{out}\n{err}");
    out
}

/// What `git status` says changed in the working tree (nothing, after a refused write).
fn changes(dir: &Path) -> String {
    let o = std::process::Command::new("git")
        .current_dir(dir)
        .args(["status", "--porcelain", "--untracked-files=all"])
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap()
}

/// The JSON `unreadable` entry every document gives the broken story.
fn unreadable_entry() -> Value {
    serde_json::json!({"path": BROKEN, "kind": "story", "id": "S-3", "problem": PROBLEM})
}

#[test]
fn every_command_that_lists_or_counts_names_the_file_it_cannot_read() {
    let built = workspace();
    let walk = support::WalkArgs::of(built.path());
    let mut problems = Vec::new();
    let mut walked = 0;
    for (name, entry) in ENTRIES {
        let runs = match entry {
            Entry::Runs(runs) => runs,
            Entry::Exempt(reason) => {
                assert!(!reason.is_empty(), "{name}");
                continue;
            }
        };
        let mut all: Vec<Vec<String>> = runs.iter().map(|r| r.iter().map(|a| walk.fill(a)).collect()).collect();
        if name.starts_with("report ") {
            all = all
                .iter()
                .flat_map(|r| ["md", "html", "json", "text"].map(|f| [r.clone(), vec!["--format".to_owned(), f.to_owned()]].concat()))
                .collect();
        }
        for args in all {
            // A fresh copy each time: a command that writes must not change what the next reads.
            let dir = tempfile::tempdir().unwrap();
            copy_dir(built.path(), dir.path());
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (code, out, err) = run(dir.path(), &args);
            walked += 1;
            let shown = args.join(" ");
            if !(0..=2).contains(&code) {
                problems.push(format!("`pobox {shown}` crashed (exit {code}):\n{out}{err}"));
            } else if !format!("{out}{err}").contains(BROKEN) {
                problems.push(format!("`pobox {shown}` (exit {code}) does not name {BROKEN}:\n{out}{err}"));
            }
        }
    }
    assert!(walked > 60, "only {walked} runs");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn the_board_says_its_points_leave_out_the_file_and_names_it() {
    let ws = workspace();
    let out = ok(ws.path(), &["board"]);
    let head: Vec<&str> = out.lines().take(3).collect();
    assert_eq!(
        head,
        [
            "SP-2 · Sprint 2 · active · 2026-11-09 – 2026-11-20",
            "8 pts of 13 capacity, 8 done; 1 file not counted:",
            &format!("  {BROKEN}: {PROBLEM}"),
        ],
        "{out}"
    );
}

#[test]
fn every_report_in_every_format_lists_the_file_and_says_how_many_were_not_counted() {
    let ws = workspace();
    let reports: [&[&str]; 8] = [
        &["report", "sprint", "SP-2"],
        &["report", "backlog"],
        &["report", "actions"],
        &["report", "risks"],
        &["report", "stakeholders"],
        &["report", "roadmap"],
        &["report", "epics"],
        &["report", "portfolio", "."],
    ];
    for report in reports {
        let md = ok(ws.path(), &[report, &["--format", "md"]].concat());
        assert!(md.contains(" · **1 file not counted**\n"), "{report:?}:\n{md}");
        assert!(md.contains("## Not counted: 1 file pobox cannot read\n"), "{report:?}:\n{md}");
        assert!(md.contains(&format!("| {BROKEN} | {PROBLEM} |")), "{report:?}:\n{md}");

        let html = ok(ws.path(), &[report, &["--format", "html"]].concat());
        assert!(
            html.contains("<span class=\"overdue\">1 file not counted</span>"),
            "{report:?}:\n{html}"
        );
        assert!(
            html.contains(&format!("<tr><td>{BROKEN}</td><td>{PROBLEM}</td></tr>")),
            "{report:?}:\n{html}"
        );

        let text = ok(ws.path(), &[report, &["--format", "text"]].concat());
        assert!(text.contains(" · 1 file not counted\n"), "{report:?}:\n{text}");
        assert!(text.contains(&format!("{BROKEN}  {PROBLEM}")), "{report:?}:\n{text}");

        let json: Value = serde_json::from_str(&ok(ws.path(), &[report, &["--format", "json"]].concat())).unwrap();
        let listed = if report[1] == "portfolio" {
            assert_eq!(json["totals"]["unreadable"], 1, "{json}");
            &json["products"][0]["unreadable"]
        } else {
            &json["unreadable"]
        };
        assert_eq!(listed, &Value::Array(vec![unreadable_entry()]), "{report:?}: {json}");
    }
}

#[test]
fn the_epics_report_counts_what_it_can_read_and_says_one_file_was_not_counted() {
    let ws = workspace();
    let md = ok(ws.path(), &["report", "epics"]);
    // S-3 may be E-1's seventh story, but pobox cannot know: it counts six and says so.
    assert!(md.contains("| E-1 | Checkout | in-progress | 4 of 6 | 13 of 18 |"), "{md}");
    assert!(md.contains("Corner Shop · as of 2026-11-20 · **1 file not counted**"), "{md}");
    assert!(md.contains(&format!("| {BROKEN} | {PROBLEM} |")), "{md}");
}

#[test]
fn a_forecast_of_an_epic_says_its_count_is_partial() {
    let ws = workspace();
    let out = ok(ws.path(), &["forecast", "--epic", "E-1"]);
    assert!(
        out.starts_with(&format!(
            "When will the 2 open stories of E-1 be done? Partial count: 1 file not counted:\n  {BROKEN}: {PROBLEM}\n"
        )),
        "{out}"
    );
    assert!(
        out.contains("Counted as open (any status but done and dropped): S-6 (ready), S-7 (draft)"),
        "{out}"
    );
    let json: Value = serde_json::from_str(&ok(ws.path(), &["forecast", "--epic", "E-1", "--format", "json"])).unwrap();
    assert_eq!(json["work"]["count"], 2);
    assert_eq!(json["unreadable"], Value::Array(vec![unreadable_entry()]), "{json}");
    // Stories counted from history: what the file says now is in no sample.
    let out = ok(ws.path(), &["forecast", "--items", "5"]);
    assert!(
        out.contains(&format!("Not counted: 1 file pobox cannot read:\n  {BROKEN}: {PROBLEM}\n")),
        "{out}"
    );
}

#[test]
fn a_sprint_plan_counts_what_it_can_read_and_will_not_write() {
    let ws = workspace();
    let out = ok(ws.path(), &["sprint", "plan", "SP-3"]);
    assert!(
        out.contains(&format!(
            "Total: 2 of 13 pts, 11 left; 1 file not counted:\n  {BROKEN}: {PROBLEM}\n"
        )),
        "{out}"
    );
    assert!(
        out.contains("Nothing written: `--write` waits until pobox can read the files above."),
        "{out}"
    );
    let (code, _, err) = run(ws.path(), &["sprint", "plan", "SP-3", "--write"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with(&format!(
            "error: cannot write the plan of SP-3 while {BROKEN} cannot be read ({PROBLEM})"
        )),
        "{err}"
    );
    assert_eq!(changes(ws.path()), "");
}

#[test]
fn sprint_close_refuses_names_the_file_to_fix_and_changes_nothing() {
    let ws = workspace();
    let (code, out, err) = run(ws.path(), &["sprint", "close", "SP-2"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert_eq!(
        err,
        format!(
            "error: cannot close SP-2 while {BROKEN} cannot be read ({PROBLEM})\n\
             help: a story file pobox cannot read may be in the sprint: its sprint, status and points are unknown; \
             fix {BROKEN} first (`pobox validate` shows what is wrong in it), then run the command again\n"
        )
    );
    assert_eq!(changes(ws.path()), "", "SP-2 stays active and no story moves");
}

#[test]
fn every_write_over_a_scope_with_the_file_refuses_and_changes_nothing() {
    let ws = workspace();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backlog-md");
    let fixtures = fixtures.to_string_lossy();
    let writes: [&[&str]; 6] = [
        &["sprint", "start", "SP-2"],
        &["sprint", "move", "SP-2", "active"],
        &["prioritize", "--write"],
        &["import", "backlog-md", &fixtures],
        &["set", "S-3", "points=8"],
        &["story", "move", "S-3", "done"],
    ];
    for args in writes {
        let (code, out, err) = run(ws.path(), args);
        assert_eq!(code, 2, "{args:?}:\n{out}{err}");
        assert!(err.contains(BROKEN), "{args:?}: {err}");
        assert_eq!(changes(ws.path()), "", "{args:?}");
    }
}

#[test]
fn once_the_file_is_fixed_nothing_is_said_and_the_writes_go_through() {
    let ws = workspace();
    write_file(
        ws.path(),
        BROKEN,
        "---\nid: S-3\ntitle: Pay by card\nstatus: in-progress\nepic: E-1\npoints: 5\nsprint: SP-2\n---\n",
    );
    let board = ok(ws.path(), &["board"]);
    assert!(board.contains("13 pts of 13 capacity, 8 done\n"), "{board}");
    for args in [
        &["report", "epics"][..],
        &["report", "sprint", "SP-2"],
        &["forecast", "--epic", "E-1"],
        &["metrics"],
    ] {
        let out = ok(ws.path(), args);
        assert!(!out.contains("not counted") && !out.contains("Not counted"), "{args:?}:\n{out}");
    }
    let json: Value = serde_json::from_str(&ok(ws.path(), &["report", "epics", "--format", "json"])).unwrap();
    assert!(json.get("unreadable").is_none(), "{json}");
    assert!(ok(ws.path(), &["report", "epics"]).contains("| 4 of 7 |"));
    ok(ws.path(), &["sprint", "close", "SP-2"]);
    assert!(
        std::fs::read_to_string(ws.path().join(BROKEN)).unwrap().contains("sprint: SP-3\n"),
        "S-3 is carried on"
    );
}

#[test]
fn the_site_counts_the_file_apart_and_names_it() {
    let ws = workspace();
    let out = ok(ws.path(), &["site", "--out", "site"]);
    assert!(
        out.contains(&format!("Not counted: 1 file pobox cannot read:\n  {BROKEN}: {PROBLEM}\n")),
        "{out}"
    );
    let page = |name: &str| std::fs::read_to_string(ws.path().join("site").join(name)).unwrap();
    let home = page("index.html");
    assert!(home.contains("<span class=\"overdue\">cannot be read 1</span>"), "{home}");
    assert!(home.contains(&format!("<tr><td>{BROKEN}</td><td>{PROBLEM}</td></tr>")), "{home}");
    let stories = page("stories.html");
    assert!(
        stories.contains(&format!("<span class=\"overdue\">cannot be read: {PROBLEM}</span>")),
        "{stories}"
    );
    for name in [
        "backlog.html",
        "roadmap.html",
        "epic-E-1.html",
        "sprint-SP-2.html",
        "sprint-SP-2-report.html",
    ] {
        assert!(page(name).contains(&format!("<td>{BROKEN}</td>")), "{name}");
    }
}

/// The example under "Nothing vanishes" in docs/commands.md is what pobox prints on this
/// workspace: after each `$ pobox …` line, each part between `[…]` lines is a piece of its
/// output (stdout, then stderr).
#[test]
fn the_example_in_docs_commands_md_is_what_pobox_prints() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/commands.md")).unwrap();
    let section = &docs[docs.find("### Nothing vanishes").expect("the section is in docs/commands.md")..];
    let block = &section[section.find("```console\n").unwrap() + "```console\n".len()..];
    let block = &block[..block.find("\n```\n").unwrap()];
    let mut examples: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in block.lines() {
        match line.strip_prefix("$ pobox ") {
            Some(command) => examples.push((command, Vec::new())),
            None => examples.last_mut().expect("the block starts with a command").1.push(line),
        }
    }
    assert_eq!(examples.len(), 3, "{block}");
    let ws = workspace();
    for (command, expected) in examples {
        let (_, out, err) = run(ws.path(), &command.split(' ').collect::<Vec<_>>());
        let out = out + &err;
        assert!(out.starts_with(expected[0]), "{command}:\n{out}");
        for part in expected.split(|l| *l == "[…]") {
            let part = part.join("\n");
            assert!(out.contains(&part), "not in the output of {command}:\n{part}\n---\n{out}");
        }
    }
}
