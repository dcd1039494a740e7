//! How an import writes (issue 14): every file created exclusively and whole, with one flush
//! to disk for the import rather than one per file, no temp file left behind, and a failure
//! half-way naming the files written; and the loose ends the migration guide found in what
//! an import leaves for the numbers after it.

use std::path::Path;

use crate::support::Session;

/// A Backlog.md project in `src/` of the session: a milestone and three tasks.
fn source(s: &Session) {
    s.write("src/backlog/config.yml", "statuses: [\"To Do\", \"In Progress\", \"Done\"]\n");
    s.write("src/backlog/milestones/m-1 - Launch.md", "---\nid: m-1\ntitle: Launch\n---\n");
    for (n, status) in [(1, "Done"), (2, "In Progress"), (3, "To Do")] {
        s.write(
            &format!("src/backlog/tasks/task-{n} - Task-{n}.md"),
            &format!(
                "---\nid: task-{n}\ntitle: Task {n}\nstatus: {status}\nmilestone: m-1\ncreated_date: '2026-10-0{n} 09:00'\n---\n\n## Description\n\nTask {n}.\n"
            ),
        );
    }
}

/// The hidden temp files (`.pobox-*.tmp`) under `dir`.
fn temps(dir: &Path) -> Vec<String> {
    walk(dir)
        .into_iter()
        .filter(|p| p.rsplit('/').next().is_some_and(|n| n.starts_with(".pobox-")))
        .collect()
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path.to_string_lossy().replace('\\', "/"));
        }
    }
    out
}

#[test]
fn an_import_creates_every_file_whole_and_leaves_no_temp_file() {
    let s = Session::new();
    source(&s);
    let out = s.ok(&["import", "backlog-md", "src"]);
    assert!(out.contains("created 4 file(s)"), "{out}");
    for rel in [
        "backlog/epics/E-1.md",
        "backlog/stories/S-1.md",
        "backlog/stories/S-2.md",
        "backlog/stories/S-3.md",
    ] {
        let text = s.read(rel);
        assert!(text.starts_with("---\nid: ") && text.contains("\n---\n"), "{rel}: {text}");
    }
    assert!(s.read("backlog/stories/S-2.md").contains("Task 2."));
    assert_eq!(temps(&s.path().join("backlog")), Vec::<String>::new());
    // Exclusively: a second run creates nothing and changes nothing.
    let before = s.read("backlog/stories/S-1.md");
    let again = s.ok(&["import", "backlog-md", "src"]);
    assert!(again.contains("created 0 file(s)") || again.contains("Nothing"), "{again}");
    assert_eq!(s.read("backlog/stories/S-1.md"), before);
}

/// A file that another program creates at a planned path while the import writes is kept,
/// the import stops there and names what it wrote, and nothing after it nor any temp file
/// exists; the same import run again finishes the job, skipping what was written.
#[test]
fn a_file_created_meanwhile_stops_the_import_and_it_names_what_it_wrote() {
    let s = Session::new();
    source(&s);
    let (code, out, err) = s
        .pobox(&["import", "backlog-md", "src"])
        .env("POBOX_FAULT_CREATE_BEFORE_RENAME", "S-2.md")
        .output()
        .map(crate::support::outcome)
        .unwrap();
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains(
            "backlog/stories/S-2.md already exists; 2 of the 4 planned files were written before it: backlog/epics/E-1.md, backlog/stories/S-1.md"
        ),
        "{err}"
    );
    assert!(err.contains("run the same import again"), "{err}");
    assert_eq!(
        s.read("backlog/stories/S-2.md"),
        "Written by another program.\n",
        "never overwritten"
    );
    assert!(!s.path().join("backlog/stories/S-3.md").exists(), "nothing after it");
    assert!(s.read("backlog/stories/S-1.md").contains("Task 1."), "what was written is whole");
    assert_eq!(temps(&s.path().join("backlog")), Vec::<String>::new());

    std::fs::remove_file(s.path().join("backlog/stories/S-2.md")).unwrap();
    let again = s.ok(&["import", "backlog-md", "src"]);
    assert!(again.contains("created 2 file(s)"), "{again}");
    assert!(again.contains("Already imported, skipped (2)"), "{again}");
}

fn commit_on(s: &Session, when: &str, message: &str) {
    crate::support::commit_all(s.path(), when, message);
}

/// A workspace whose `pobox init` is committed on 1 October, before the test's import.
fn committed_workspace() -> Session {
    let s = Session::new();
    commit_on(&s, "2026-10-01T10:00:00Z", "pobox init");
    s
}

/// The status of the item `alias` names, as `pobox show` gives it.
fn status_of(s: &Session, alias: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(&s.ok(&["show", alias, "--format", "json"])).unwrap();
    v["item"]["status"].as_str().unwrap_or("(none)").to_owned()
}

/// A story imported in progress has no known start: its work item age is not counted from
/// the import's day, and the metrics say it is left out and why.
#[test]
fn a_story_imported_in_progress_has_no_age_from_the_import_day() {
    let s = committed_workspace();
    s.write(
        "backlog/stories/S-1.md",
        "---\nid: S-1\ntitle: Imported in progress\nstatus: in-progress\ncreated: 2026-01-05\n---\n",
    );
    s.write("backlog/stories/S-2.md", "---\nid: S-2\ntitle: Started here\nstatus: ready\n---\n");
    commit_on(&s, "2026-11-01T10:00:00Z", "Import");
    s.write(
        "backlog/stories/S-2.md",
        "---\nid: S-2\ntitle: Started here\nstatus: in-progress\n---\n",
    );
    commit_on(&s, "2026-11-12T10:00:00Z", "Start S-2");

    let v: serde_json::Value = serde_json::from_str(&s.ok(&["metrics", "--format", "json"])).unwrap();
    let wip = &v["wip"]["items"];
    assert_eq!(v["wip"]["count"], 2, "both are in progress: {wip}");
    assert_eq!(wip[0]["id"], "S-2");
    assert_eq!(wip[0]["age_days"], 10, "S-2 started on 11-12");
    assert_eq!(wip[1]["id"], "S-1");
    assert!(wip[1]["age_days"].is_null(), "not 21 days from the import: {wip}");
    assert!(wip[1]["started"].is_null(), "{wip}");
    assert_eq!(v["left_out"]["count"], 1, "{}", v["left_out"]);
    assert_eq!(v["left_out"]["by_reason"][0]["reason"], "start_unknown");

    let text = s.ok(&["metrics"]);
    assert!(
        text.contains("1 item left out: first seen already started (start unknown) (not in cycle time and work item age)"),
        "{text}"
    );
    let row = text.lines().find(|l| l.starts_with("S-1 ")).unwrap_or_default();
    assert!(row.ends_with(" -"), "no age for S-1: {text}");
}

/// A sprint imported already closed, with its stories imported done, has no history of its
/// own: velocity leaves it out and says so, and `sprint plan` takes no velocity from it
/// either (metrics and plans share one velocity).
#[test]
fn a_sprint_imported_closed_is_left_out_of_velocity() {
    let s = committed_workspace();
    s.write(
        "backlog/sprints/SP-1.md",
        "---\nid: SP-1\ntitle: Sprint 1\nstatus: closed\nstart: 2026-09-01\nend: 2026-09-14\n---\n",
    );
    s.write(
        "backlog/sprints/SP-2.md",
        "---\nid: SP-2\ntitle: Sprint 2\nstatus: planned\nstart: 2026-11-23\nend: 2026-12-06\n---\n",
    );
    for n in 1..=3 {
        s.write(
            &format!("backlog/stories/S-{n}.md"),
            &format!("---\nid: S-{n}\ntitle: Story {n}\nstatus: done\nsprint: SP-1\npoints: 3\n---\n"),
        );
    }
    s.write(
        "backlog/stories/S-4.md",
        "---\nid: S-4\ntitle: Story 4\nstatus: ready\npoints: 3\n---\n",
    );
    commit_on(&s, "2026-11-01T10:00:00Z", "Import");

    let v: serde_json::Value = serde_json::from_str(&s.ok(&["metrics", "--format", "json"])).unwrap();
    assert_eq!(v["velocity"]["sprints"], serde_json::json!([]), "{}", v["velocity"]);
    assert_eq!(v["velocity"]["left_out"], serde_json::json!(["SP-1"]));
    assert!(v["velocity"]["mean_last_3"].is_null());
    let reasons = &v["left_out"]["by_reason"];
    assert!(
        reasons
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["reason"] == "first_seen_closed" && r["count"] == 1),
        "{reasons}"
    );
    let text = s.ok(&["metrics"]);
    assert!(text.contains("No closed sprint counted: SP-1 left out"), "{text}");
    assert!(
        text.contains("1 item left out: sprint first seen already closed (imported) (not in velocity)"),
        "{text}"
    );
    // The plan takes no velocity from SP-1 either: it asks for a capacity.
    let (code, out, err) = s.run(&["sprint", "plan", "SP-2"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("no closed sprint to take a velocity from"), "{err}");
}

/// Backlog.md gives an open milestone no status; its epic gets one from the workflow, by
/// its tasks: started, all done, or not started.
#[test]
fn milestones_become_epics_with_a_status_from_their_tasks() {
    let s = Session::new();
    source(&s);
    for (m, task, status) in [(2, 4, "Done"), (3, 5, "To Do")] {
        s.write(
            &format!("src/backlog/milestones/m-{m} - M{m}.md"),
            &format!("---\nid: m-{m}\ntitle: M{m}\n---\n"),
        );
        s.write(
            &format!("src/backlog/tasks/task-{task} - Task-{task}.md"),
            &format!("---\nid: task-{task}\ntitle: Task {task}\nstatus: {status}\nmilestone: m-{m}\n---\n"),
        );
    }
    s.ok(&["import", "backlog-md", "src"]);
    let status = |id: &str| status_of(&s, id);
    assert_eq!(status("m-1"), "in-progress", "one task done, one in progress, one to do");
    assert_eq!(status("m-2"), "done", "all its tasks done");
    assert_eq!(status("m-3"), "draft", "nothing started: the workflow's first status");
}

/// A Jira status the workflow does not know is placed by the export's `Status Category`
/// column, and the summary says so.
#[test]
fn jira_statuses_unknown_by_name_map_by_their_status_category() {
    let s = Session::new();
    s.write(
        "issues.csv",
        "Issue key,Summary,Issue Type,Status,Status Category\n\
         SHOP-1,Parked idea,Story,Parked,To Do\n\
         SHOP-2,Waiting on QA,Story,Waiting for QA,In Progress\n\
         SHOP-3,Shipped one,Story,Shipped to prod,Done\n\
         SHOP-4,Shipped two,Story,Shipped to prod,Done\n",
    );
    let out = s.ok(&["import", "csv", "issues.csv"]);
    assert!(
        out.contains("status `Shipped to prod` is not in the workflow; 2 issues mapped by its Status Category `Done` to `done`"),
        "{out}"
    );
    let status = |alias: &str| status_of(&s, alias);
    assert_eq!(status("SHOP-1"), "draft");
    assert_eq!(status("SHOP-2"), "in-progress");
    assert_eq!(status("SHOP-3"), "done");
    assert!(s.read("backlog/stories/S-1.md").contains("jira_status: Parked"));
}

/// `forecast` says how many stories its samples leave out and why, as `metrics` does.
#[test]
fn forecast_says_how_many_items_it_left_out() {
    let story = |n: u32, status: &str| format!("---\nid: S-{n}\ntitle: Story {n}\nstatus: {status}\n---\n");
    let s = Session::new();
    for n in 1..=3 {
        s.write(&format!("backlog/stories/S-{n}.md"), &story(n, "done"));
    }
    for n in 4..=7 {
        s.write(&format!("backlog/stories/S-{n}.md"), &story(n, "in-progress"));
    }
    for n in 8..=9 {
        s.write(&format!("backlog/stories/S-{n}.md"), &story(n, "ready"));
    }
    commit_on(&s, "2026-11-02T10:00:00Z", "Import");
    for (n, day) in [(8, "03"), (9, "05"), (4, "10"), (5, "12"), (6, "17")] {
        s.write(&format!("backlog/stories/S-{n}.md"), &story(n, "in-progress"));
        s.write(&format!("backlog/stories/S-{n}.md"), &story(n, "done"));
        commit_on(&s, &format!("2026-11-{day}T10:00:00Z"), &format!("Finish S-{n}"));
    }
    let v: serde_json::Value = serde_json::from_str(&s.ok(&["forecast", "--items", "5", "--format", "json"])).unwrap();
    let left_out = &v["window"]["left_out"];
    assert_eq!(left_out["count"], 3, "{left_out}");
    assert_eq!(left_out["by_reason"][0]["reason"], "first_seen_done");
    assert_eq!(v["window"]["items_finished"], 5);
    let text = s.ok(&["forecast", "--items", "5"]);
    assert!(
        text.contains("3 items left out: first seen already done (imported) (not in throughput, cycle time and lead time)"),
        "{text}"
    );
}

/// The note on stories imported ready without an estimate says plainly what happened and
/// what to do.
#[test]
fn the_note_on_missing_estimates_says_what_happened_and_what_to_do() {
    let s = Session::new();
    s.write("issues.csv", "Issue key,Summary,Issue Type,Status\nSHOP-1,Ready one,Story,Ready\n");
    let out = s.ok(&["import", "csv", "issues.csv"]);
    assert!(
        out.contains(
            "1 imported story is `ready` or later without an estimate: the source gave them no story points, so none was imported. `pobox validate` reports them (PO302): estimate them (`pobox set <id> points=<n>`)"
        ),
        "{out}"
    );
}
