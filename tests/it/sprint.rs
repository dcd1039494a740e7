//! Sprint planning, the sprint life cycle and the board, as a user drives them: the real
//! binary in temporary git repositories, with a pinned date and git identity.

use std::path::{Path, PathBuf};

use crate::support::{self, Session};

/// Fixtures this file's tests share.
trait SprintFixtures {
    /// A story with a sentence and one acceptance criterion, `front` added to its
    /// front-matter.
    fn story(&self, id: &str, title: &str, front: &str);
}

impl SprintFixtures for Session {
    fn story(&self, id: &str, title: &str, front: &str) {
        self.write(
            &format!("backlog/stories/{id}.md"),
            &format!(
                "---\nid: {id}\ntitle: {title}\n{front}created: 2026-11-01\n---\nAs a shopper, I want it, so that I have it.\n\n## Acceptance criteria\n\n- [ ] Given a basket, when I pay, then it is charged\n"
            ),
        );
    }
}

/// A backlog to plan: SP-1 with a capacity of 8, ready stories in and out of rank order.
fn backlog() -> Session {
    let s = Session::new();
    s.ok(&["sprint", "new", "--start", "2026-12-01", "--capacity", "8", "--goal", "Pay by card"]);
    s.story("S-1", "Pay by card", "status: ready\npoints: 3\nrank: 1\ndepends_on: [S-2]\n");
    s.story("S-2", "Card provider account", "status: ready\npoints: 2\nrank: 5\n");
    s.story("S-3", "Refunds", "status: ready\npoints: 5\nrank: 2\n");
    s.story("S-4", "Receipts", "status: draft\npoints: 1\nrank: 3\n");
    s.story("S-5", "Gift cards", "status: ready\n");
    s.story("S-6", "Saved cards", "status: ready\npoints: 3\n");
    s.story("S-7", "Apple Pay", "status: ready\npoints: 1\nrank: 4\ndepends_on: [S-4]\n");
    s
}

#[test]
fn plan_prints_stories_totals_skipped_and_risks() {
    let s = backlog();
    let out = s.ok(&["sprint", "plan"]);
    assert_eq!(
        out,
        "Plan for SP-1: capacity 8 pts (SP-1's capacity)
Goal: Pay by card

ID   PTS  WHY                    TITLE
S-2  2    prerequisite of S-1    Card provider account
S-1  3    next in backlog order  Pay by card
S-6  3    next in backlog order  Saved cards

Total: 8 of 8 pts, 0 left.

Skipped:
  S-3: 5 pts doesn't fit the 3 pts left
  S-7 waits for S-4, which is draft
  S-5: no estimate

2 ready stories have no rank and came last, by id: run `pobox prioritize --write` to rank them.

Nothing written. Run `pobox sprint plan SP-1 --write` to set `sprint: SP-1` on S-2, S-1, S-6.
"
    );
    let out = s.ok(&["sprint", "plan", "SP-1", "--capacity", "20"]);
    assert!(out.contains("capacity 20 pts (from --capacity)"), "{out}");
    assert!(out.contains("S-3  5    next in backlog order  Refunds\n"), "{out}");
    assert!(
        out.contains("  S-7 waits for S-4, which is draft\n"),
        "a draft prerequisite is never pulled in: {out}"
    );

    let json: serde_json::Value = serde_json::from_str(&s.ok(&["sprint", "plan", "--format", "json"])).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["plan"]["total"], 8);
    assert_eq!(
        json["plan"]["stories"][0]["why"],
        serde_json::json!({"kind": "prerequisite", "of": "S-1"})
    );
    assert_eq!(json["plan"]["skipped"][1]["reason"]["blocker"]["status"], "draft");
    assert_eq!(json["written"], serde_json::json!([]));
}

#[test]
fn plan_write_changes_only_the_sprint_line_of_the_planned_stories() {
    let s = backlog();
    s.story(
        "S-2",
        "Card provider account",
        "status: ready\n# the provider's sandbox first\npoints: 2\nrank: 5\nteam:   blue\n",
    );
    s.ok(&[
        "story",
        "new",
        "Already planned",
        "--status",
        "ready",
        "--points",
        "1",
        "--sprint",
        "SP-1",
    ]);
    let ids = ["S-1", "S-2", "S-3", "S-4", "S-5", "S-6", "S-7", "S-8"];
    let before: Vec<Vec<u8>> = ids
        .iter()
        .map(|id| std::fs::read(s.path().join(format!("backlog/stories/{id}.md"))).unwrap())
        .collect();
    let out = s.ok(&["sprint", "plan", "--write"]);
    assert!(out.contains("S-8  1    already planned"), "{out}");
    assert!(out.ends_with("\nWrote `sprint: SP-1` to S-2, S-1.\n"), "{out}");
    for (id, before) in ids.iter().zip(before) {
        let after = std::fs::read(s.path().join(format!("backlog/stories/{id}.md"))).unwrap();
        let before = String::from_utf8(before).unwrap();
        // The one new line goes where the story's key order puts it: after `points`.
        let expected = if ["S-1", "S-2"].contains(id) {
            let points = before.lines().find(|l| l.starts_with("points:")).unwrap();
            before.replacen(&format!("{points}\n"), &format!("{points}\nsprint: SP-1\n"), 1)
        } else {
            before
        };
        assert_eq!(String::from_utf8(after).unwrap(), expected, "{id}");
    }
    let out = s.ok(&["sprint", "plan", "--write"]);
    assert!(out.contains("Nothing to write"), "{out}");
}

#[test]
fn start_and_close_a_sprint() {
    let s = backlog();
    s.ok(&["sprint", "plan", "--write"]);
    assert_eq!(
        s.ok(&["sprint", "start", "SP-1"]),
        "Started SP-1: 3 stories, 8 pts committed (capacity 8).\n"
    );
    s.ok(&["sprint", "new", "--start", "2026-12-15"]);
    let (code, _, err) = s.run(&["sprint", "start", "SP-2"]);
    assert_eq!(code, 2);
    assert_eq!(err, "error: SP-1 is still active; close it first: `pobox sprint close SP-1`\n");
    s.ok(&["story", "move", "S-1", "done"]);
    s.ok(&["story", "move", "S-2", "done"]);
    s.ok(&["story", "move", "S-6", "in-progress"]);
    // Nothing is committed yet: without history the commitment at the start is not known,
    // and the final scope is not called the commitment.
    assert_eq!(
        s.ok(&["sprint", "close", "SP-1"]),
        "Closed SP-1: carried S-6 to SP-2.\n\n\
         Without git history the commitment at the start is not known: the final scope was 8 pts, of which 5 pts were completed (63%).\n\n\
         Was the sprint goal met? Record it: `pobox set SP-1 goal_met=true` (or false).\n"
    );
    assert!(s.read("backlog/stories/S-6.md").contains("sprint: SP-2\n"));
    assert!(s.read("backlog/sprints/SP-1.md").contains("status: closed\n"));
    let (code, _, err) = s.run(&["sprint", "close", "SP-1"]);
    assert_eq!((code, err.as_str()), (2, "error: SP-1 is already closed\n"));
    assert_eq!(s.ok(&["sprint", "start", "SP-2"]), "Started SP-2: 1 story, 3 pts committed.\n");
    // SP-2 has no capacity: planning falls back on SP-1's velocity, 5 pts.
    s.ok(&["sprint", "new", "--start", "2026-12-29"]);
    let out = s.ok(&["sprint", "plan"]);
    assert!(
        out.starts_with("Plan for SP-3: capacity 5 pts (mean velocity 5.0 of SP-1 5, from today's files)\n"),
        "{out}"
    );
    // Closing with nowhere to go sends stories back to the backlog.
    assert!(
        s.ok(&["sprint", "close", "SP-2", "--carry-to", "SP-3"])
            .starts_with("Closed SP-2: carried S-6 to SP-3.\n")
    );
    assert!(s.ok(&["sprint", "close", "SP-3"]).contains("carried S-6 back to the backlog"));
    assert!(!s.read("backlog/stories/S-6.md").contains("sprint:"));
    // The list, new and move commands work as before.
    assert!(s.ok(&["sprint", "list"]).starts_with("ID    STATUS  START"));
    assert_eq!(
        s.ok(&["sprint", "move", "SP-3", "planned"]),
        "Updated SP-3 backlog/sprints/SP-3.md\n"
    );
}

#[test]
fn plan_explains_what_is_missing() {
    let s = Session::new();
    let (code, _, err) = s.run(&["sprint", "plan"]);
    assert_eq!(code, 2);
    assert!(err.contains("pobox sprint new --start"), "{err}");
    s.ok(&["sprint", "new", "--start", "2026-12-01"]);
    let (code, _, err) = s.run(&["sprint", "plan"]);
    assert_eq!(code, 2);
    assert!(err.contains("SP-1 has no capacity") && err.contains("--capacity N"), "{err}");
    let (_, _, err) = s.run(&["board"]);
    assert!(err.is_empty(), "the planned sprint is shown: {err}");
    let (code, _, err) = s.run(&["board", "SP-9"]);
    assert_eq!(
        (code, err.as_str()),
        (2, "error: no sprint has the id `SP-9` (did you mean `SP-1`?)\n")
    );
}

/// The demo workspace: SP-3 is active, nothing is planned after it.
fn demo() -> (Session, PathBuf) {
    let s = Session::bare_git();
    s.ok(&["demo", "shop", "--date", "2026-10-14"]);
    let dir = s.path().join("shop");
    (s, dir)
}

fn run_in(s: &Session, dir: &Path, columns: &str, args: &[&str]) -> String {
    let o = s.pobox(args).current_dir(dir).env("COLUMNS", columns).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn demo_board_and_plan() {
    let (s, dir) = demo();
    insta::assert_snapshot!("demo_board", run_in(&s, &dir, "100", &["board"]));
    insta::assert_snapshot!("demo_board_narrow", run_in(&s, &dir, "40", &["board"]));
    run_in(&s, &dir, "100", &["sprint", "new", "--start", "2026-10-19"]);
    insta::assert_snapshot!("demo_plan", run_in(&s, &dir, "100", &["sprint", "plan"]));
    let board = run_in(&s, &dir, "100", &["board", "SP-4"]);
    assert!(
        board.starts_with("SP-4 · Sprint 4 · planned · 2026-10-19 – 2026-11-01\n0 pts, 0 done\n"),
        "{board}"
    );
}

#[test]
fn moving_a_sprint_to_active_follows_the_one_active_sprint_rule() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let o = support::pobox(dir.path(), "2026-11-22").args(args).output().unwrap();
        (
            o.status.code(),
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    assert_eq!(run(&["init", "--product", "Shop"]).0, Some(0));
    assert_eq!(run(&["sprint", "new", "--start", "2026-11-02"]).0, Some(0));
    assert_eq!(run(&["sprint", "new", "--start", "2026-11-16"]).0, Some(0));
    assert_eq!(run(&["sprint", "move", "SP-1", "active"]).0, Some(0));
    let (code, _, err) = run(&["sprint", "move", "SP-2", "active"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("SP-1"), "the message names the running sprint: {err}");
    let (code, _, err) = run(&["epic", "move", "SP-1", "done"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("SP-1 is a sprint, not an epic"), "{err}");
}

/// The velocity a plan falls back on is git's: points completed by each sprint's close. A
/// story finished after its sprint closed raises today's files' count, not the history's.
#[test]
fn plan_takes_velocity_from_git_history() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |path: &str, text: &str| support::write_file(d, path, text);
    let sprint = |id: &str, start: &str, end: &str, status: &str| {
        format!("---\nid: {id}\ntitle: Sprint\nstart: {start}\nend: {end}\nstatus: {status}\n---\n")
    };
    let story = |id: &str, status: &str, points: u32, sprint: &str| {
        format!("---\nid: {id}\ntitle: Story {id}\nstatus: {status}\npoints: {points}\n{sprint}---\n")
    };
    support::git(d, "2026-11-02T09:00:00Z", &["init", "-q", "-b", "main"]);
    write("pobox.yaml", "product: Shop\n");
    write("backlog/sprints/SP-1.md", &sprint("SP-1", "2026-11-02", "2026-11-13", "active"));
    write("backlog/stories/S-1.md", &story("S-1", "in-progress", 5, "sprint: SP-1\n"));
    write("backlog/stories/S-2.md", &story("S-2", "in-progress", 3, "sprint: SP-1\n"));
    write("backlog/stories/S-3.md", &story("S-3", "ready", 2, ""));
    support::git(d, "2026-11-02T09:00:00Z", &["add", "-A"]);
    support::git(d, "2026-11-02T09:00:00Z", &["commit", "-q", "-m", "start SP-1"]);
    write("backlog/stories/S-1.md", &story("S-1", "done", 5, "sprint: SP-1\n"));
    support::git(d, "2026-11-10T09:00:00Z", &["commit", "-q", "-am", "S-1 done"]);
    write("backlog/sprints/SP-1.md", &sprint("SP-1", "2026-11-02", "2026-11-13", "closed"));
    write("backlog/sprints/SP-2.md", &sprint("SP-2", "2026-11-16", "2026-11-27", "planned"));
    support::git(d, "2026-11-13T16:00:00Z", &["add", "-A"]);
    support::git(d, "2026-11-13T16:00:00Z", &["commit", "-q", "-m", "close SP-1"]);
    // S-2 is finished the week after, still naming SP-1.
    write("backlog/stories/S-2.md", &story("S-2", "done", 3, "sprint: SP-1\n"));
    support::git(d, "2026-11-17T09:00:00Z", &["commit", "-q", "-am", "S-2 done late"]);

    let (code, out, err) = support::pobox_on(d, "2026-11-18", &["sprint", "plan"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Plan for SP-2: capacity 5 pts (mean velocity 5.0 of SP-1 5, from git history)\n"),
        "{out}"
    );
    let (_, json, _) = support::pobox_on(d, "2026-11-18", &["sprint", "plan", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["plan"]["capacity_source"]["basis"], "history");
    // A shallow clone has no history to read: today's files count S-2 as well, and say so.
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", d.display());
    support::git(clone.path(), "2026-11-18T09:00:00Z", &["clone", "-q", "--depth", "1", &url, "shop"]);
    let (code, out, err) = support::pobox_on(&clone.path().join("shop"), "2026-11-18", &["sprint", "plan"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Plan for SP-2: capacity 8 pts (mean velocity 8.0 of SP-1 8, from today's files)\n"),
        "{out}"
    );
}
