//! History in a defined order (issue 12): the walk follows the commit graph, not the clock.
//! A commit dated before its parent (a clock that was behind) is counted at its parent's
//! date by every number built on dates, and the user is told once.

use std::path::Path;

use jiff::civil::{Date, date};
use pobox::history::History;
use pobox::workspace::{LoadOptions, Workspace};

use crate::support::{self, commit_all as commit, git};

const TODAY: &str = "2026-09-23";

fn story(dir: &Path, id: &str, status: &str) {
    support::write_file(
        dir,
        &format!("backlog/stories/{id}.md"),
        &format!("---\nid: {id}\ntitle: Story {id}\nstatus: {status}\npoints: 3\n---\n"),
    );
}

/// A backlog over three weeks whose last commit's clock was three and a half months behind:
/// it records 2026-06-01 although it came after the commit of 2026-09-15.
fn skewed_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, "2026-09-01T09:00:00Z", &["init", "-q", "-b", "main"]);
    std::fs::write(d.join("pobox.yaml"), "product: Clocks\n").unwrap();
    for id in ["S-1", "S-2", "S-3"] {
        story(d, id, "draft");
    }
    commit(d, "2026-09-01T09:00:00Z", "backlog");
    story(d, "S-1", "in-progress");
    commit(d, "2026-09-08T09:00:00Z", "start S-1");
    story(d, "S-1", "done");
    story(d, "S-2", "in-progress");
    commit(d, "2026-09-15T09:00:00Z", "S-1 done, start S-2");
    story(d, "S-2", "done");
    story(d, "S-3", "in-progress");
    commit(d, "2026-06-01T09:00:00Z", "S-2 done, start S-3");
    dir
}

/// The commit of HEAD, abbreviated as git does.
fn head(dir: &Path) -> String {
    let o = std::process::Command::new("git")
        .current_dir(dir)
        .args(["rev-parse", "--short=7", "HEAD"])
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap().trim().to_owned()
}

fn warnings(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("warning:")).collect()
}

/// Regression: the skewed commit made "the end of every day since 2026-06-01" its state, so
/// the cumulative flow showed today's counts in every week, and the header read "from
/// 2026-09-01 to 2026-06-01". Now it counts on its parent's day, 2026-09-15.
#[test]
fn a_commit_dated_before_its_parent_counts_on_its_parents_date() {
    let dir = skewed_repo();
    let d = dir.path();
    let warning = format!(
        "warning: commit {} is dated 2026-06-01, before its parent (2026-09-15): a clock was wrong; history counts it on 2026-09-15",
        head(d)
    );
    let (code, out, err) = support::pobox_on(d, TODAY, &["metrics"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("4 commits from 2026-09-01 to 2026-09-15; dates are commit dates in UTC.\n"),
        "{out}"
    );
    let flow = out
        .split("Cumulative flow (stories per status at each week's end)\n")
        .nth(1)
        .unwrap();
    let flow: Vec<&str> = flow.lines().take(5).collect();
    assert_eq!(
        flow,
        [
            "WEEK OF     DRAFT  IN-PROGRESS  DONE",
            "2026-08-31  3      0            0",
            "2026-09-07  2      1            0",
            "2026-09-14  0      1            2",
            "2026-09-21  0      1            2",
        ],
        "{out}"
    );
    let throughput = out.split("Throughput (stories finished per week)\n").nth(1).unwrap();
    assert!(
        throughput.starts_with("WEEK OF     DONE\n2026-08-31  0\n2026-09-07  0\n2026-09-14  2\n2026-09-21  0\nTotal: 2 in 4 weeks\n"),
        "{out}"
    );
    assert_eq!(warnings(&err), [warning.as_str()], "one warning:\n{err}");
    // S-2 went from in-progress to done on the 15th: a cycle time of 0 days, not -106.
    let (_, json, _) = support::pobox_on(d, TODAY, &["metrics", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        (&json["first_commit"], &json["last_commit"]),
        (&"2026-09-01".into(), &"2026-09-15".into())
    );
    let s2 = json["finished"].as_array().unwrap().iter().find(|f| f["id"] == "S-2").unwrap();
    assert_eq!((&s2["done"], &s2["cycle_time_days"]), (&"2026-09-15".into(), &0.into()), "{s2}");

    // The timeline in graph order, its dates never going back; the warning said once.
    let (code, out, err) = support::pobox_on(d, TODAY, &["history", "S-2"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(warnings(&err), [warning.as_str()], "{err}");
    let rows: Vec<&str> = out.lines().skip(3).map(|l| l.split("  Rosa").next().unwrap()).collect();
    assert_eq!(rows, ["2026-09-01", "2026-09-15", "2026-09-15"], "{out}");
    assert!(out.lines().last().unwrap().ends_with("status in-progress → done"), "{out}");
}

/// pobox dates a commit by when it reached the branch (the committer's date), as before: an
/// author date from long ago (a rebased or cherry-picked commit keeps its author's) is not
/// a wrong clock, and no warning is given.
#[test]
fn the_committer_date_counts_not_the_author_date() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, "2026-09-01T09:00:00Z", &["init", "-q", "-b", "main"]);
    std::fs::write(d.join("pobox.yaml"), "product: Clocks\n").unwrap();
    story(d, "S-1", "draft");
    commit(d, "2026-09-01T09:00:00Z", "backlog");
    story(d, "S-1", "done");
    git(d, "2026-09-10T09:00:00Z", &["add", "-A"]);
    let o = std::process::Command::new("git")
        .current_dir(d)
        .args(["commit", "-q", "-m", "S-1 done (rebased)"])
        .env("HOME", d)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Rosa Dev")
        .env("GIT_AUTHOR_EMAIL", "rosa@example.com")
        .env("GIT_COMMITTER_NAME", "Rosa Dev")
        .env("GIT_COMMITTER_EMAIL", "rosa@example.com")
        .env("GIT_AUTHOR_DATE", "2026-05-01T09:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-09-10T09:00:00Z")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (code, out, err) = support::pobox_on(d, TODAY, &["history", "S-1"]);
    assert_eq!(code, 0, "{err}");
    assert!(warnings(&err).is_empty(), "{err}");
    let dates: Vec<&str> = out.lines().skip(3).map(|l| &l[..10]).collect();
    assert_eq!(dates, ["2026-09-01", "2026-09-10"], "{out}");
}

/// On a merged branch too, a commit comes after its parent whatever its date, and the dates
/// of the walk never go back, so "the end of a day" is one point of the walk.
#[test]
fn a_skewed_commit_on_a_merged_branch_comes_after_its_parent() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, "2026-09-01T09:00:00Z", &["init", "-q", "-b", "main"]);
    std::fs::write(d.join("pobox.yaml"), "product: Clocks\n").unwrap();
    story(d, "S-1", "draft");
    story(d, "S-2", "draft");
    commit(d, "2026-09-01T09:00:00Z", "backlog");
    git(d, "2026-09-01T09:00:00Z", &["checkout", "-q", "-b", "work"]);
    story(d, "S-2", "in-progress");
    // The laptop's clock says August, before the commit it builds on.
    commit(d, "2026-08-20T09:00:00Z", "start S-2");
    story(d, "S-2", "done");
    commit(d, "2026-09-09T09:00:00Z", "S-2 done");
    git(d, "2026-09-09T09:00:00Z", &["checkout", "-q", "main"]);
    story(d, "S-1", "in-progress");
    commit(d, "2026-09-03T09:00:00Z", "start S-1");
    git(d, "2026-09-10T09:00:00Z", &["merge", "-q", "--no-ff", "-m", "merge work", "work"]);

    let ws = Workspace::load(d, LoadOptions::without_bodies()).unwrap();
    let h = History::open(&ws).unwrap();
    let dates: Vec<Date> = h.commits.iter().map(|c| c.date).collect();
    assert_eq!(
        dates,
        [
            date(2026, 9, 1),
            date(2026, 9, 1),
            date(2026, 9, 3),
            date(2026, 9, 9),
            date(2026, 9, 10)
        ],
        "the branch's first commit counts on its parent's day, and the walk's dates never go back"
    );
    assert_eq!(h.skewed.len(), 1, "{:?}", h.skewed);
    assert_eq!((h.skewed[0].recorded, h.skewed[0].counted), (date(2026, 8, 20), date(2026, 9, 1)));
    assert_eq!(h.commits[1].id, h.skewed[0].id);
    let s2: Vec<(Date, Option<&str>)> = h
        .timeline("S-2")
        .unwrap()
        .entries
        .iter()
        .map(|e| (e.date, e.state.status.as_deref()))
        .collect();
    assert_eq!(
        s2,
        [
            (date(2026, 9, 1), Some("draft")),
            (date(2026, 9, 1), Some("in-progress")),
            (date(2026, 9, 9), Some("done")),
        ]
    );
    // S-2 was in progress at the end of 2 September, whatever the branch's clock said.
    let wip: Vec<String> = pobox::history::metrics::wip_on(&h, date(2026, 9, 2))
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(wip, ["S-2"]);
}
