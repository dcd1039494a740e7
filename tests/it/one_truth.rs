//! Regression tests of issue "one truth": a team's own workflow means the same in every
//! command, the sprint report keeps the action items of meetings that name no sprint, the
//! velocity says how many sprints it is the mean of, and a plan with `--capacity` suggests a
//! command that works. (The demo's epic figures, the one epic forecast and the sprint close
//! summary are checked in `consistency`, and in `reports_more`.)

use std::path::Path;

use serde_json::Value;

use crate::support::{self, Session, demo};

fn json(s: &Session, args: &[&str]) -> Value {
    serde_json::from_str(&s.ok(args)).unwrap()
}

/// A workspace whose workflow is its own: `accepted` is done, `won't do` dropped, `qa` in
/// progress, none of them default names. Epic E-1 has one story in each status, with
/// history.
fn own_workflow() -> Session {
    let s = Session::new();
    s.write(
        "pobox.yaml",
        "product: Own\nstatuses: [backlog, refined, build, qa, accepted, won't do]\nstatus_categories:\n  qa: in-progress\n  won't do: dropped\n",
    );
    s.write("backlog/epics/E-1.md", "---\nid: E-1\ntitle: Checkout\nstatus: build\n---\n");
    s.write(
        "backlog/sprints/SP-1.md",
        "---\nid: SP-1\ntitle: One\nstart: 2026-11-16\nend: 2026-11-27\nstatus: active\n---\n",
    );
    for (id, status, points) in [
        ("S-1", "backlog", 1),
        ("S-2", "refined", 2),
        ("S-3", "build", 3),
        ("S-4", "qa", 5),
        ("S-5", "accepted", 8),
        ("S-6", "won't do", 13),
    ] {
        s.write(
            &format!("backlog/stories/{id}.md"),
            &format!("---\nid: {id}\ntitle: Story {id}\nstatus: \"{status}\"\nepic: E-1\npoints: {points}\nsprint: SP-1\n---\n"),
        );
    }
    s.commit("Own workflow");
    s
}

#[test]
fn a_workflow_of_its_own_counts_as_the_default_one_does() {
    let s = own_workflow();
    let (code, out, err) = s.run(&["validate"]);
    assert!(code == 0 || code == 1, "{out}{err}");
    assert!(!out.contains("PO101"), "every status is known: {out}");
    // Progress: accepted is done, won't do is on neither side.
    let v = json(&s, &["report", "epics", "--format", "json"]);
    let e1 = &v["epics"][0];
    assert_eq!((e1["stories_done"].as_u64(), e1["stories"].as_u64()), (Some(1), Some(5)));
    assert_eq!((e1["points_done"].as_u64(), e1["points"].as_u64()), (Some(8), Some(19)));
    assert_eq!((e1["dropped_stories"].as_u64(), e1["dropped_points"].as_u64()), (Some(1), Some(13)));
    assert_eq!(e1["remaining_points"], 11);
    // The forecast counts the open stories: backlog, refined, build and qa (one commit is
    // too little history for dates, and the report says so).
    assert_eq!(e1["outlook"]["open_stories"], 4);
    assert_eq!(e1["outlook"]["unavailable"], "too little history");
    // The board has no won't-do column and counts accepted as done.
    let board = s.ok(&["board"]);
    assert!(board.contains("19 pts, 8 done"), "{board}");
    assert!(!board.contains("won't do"), "{board}");
    // Work in progress is build and qa.
    let m = json(&s, &["metrics", "--format", "json"]);
    assert_eq!(m["wip"]["count"], 2, "{}", m["wip"]);
    // Sprint planning takes stories at the ready status: the last not started one.
    s.write(
        "backlog/stories/S-7.md",
        "---\nid: S-7\ntitle: Next\nstatus: refined\npoints: 1\n---\nAs a shopper, I want it, so that I have it.\n\n## Acceptance criteria\n\n- [ ] Given x, when y, then z\n",
    );
    s.write(
        "backlog/sprints/SP-2.md",
        "---\nid: SP-2\ntitle: Two\nstart: 2026-11-30\nend: 2026-12-11\nstatus: planned\ncapacity: 5\n---\n",
    );
    let plan = s.ok(&["sprint", "plan", "SP-2"]);
    assert!(plan.contains("S-7  1"), "{plan}");
}

#[test]
fn the_sprint_report_keeps_action_items_of_meetings_that_name_no_sprint() {
    let s = own_workflow();
    // Held during SP-1 and naming no sprint; its item is overdue on 2026-11-22.
    s.write(
        "backlog/meetings/2026-11-18-stakeholder.md",
        "---\nid: 2026-11-18-stakeholder\ntitle: Check-in\ntype: stakeholder\ndate: 2026-11-18\n---\n\n## Decisions\n\n- Keep the scope.\n\n## Action items\n\n- [ ] @dana send the numbers (due: 2026-11-20)\n",
    );
    // Held after the sprint: not its meeting.
    s.write(
        "backlog/meetings/2026-12-02-review.md",
        "---\nid: 2026-12-02-review\ntitle: Later\ntype: sprint-review\ndate: 2026-12-02\n---\n\n## Action items\n\n- [ ] @dana later thing (due: 2026-12-03)\n",
    );
    s.commit("Meetings");
    let v = json(&s, &["report", "sprint", "SP-1", "--format", "json"]);
    let items = v["action_items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(
        (items[0]["text"].as_str(), items[0]["overdue"].as_bool()),
        (Some("send the numbers"), Some(true))
    );
    assert_eq!(v["decisions"][0]["text"], "Keep the scope.");
}

#[test]
fn velocity_says_how_many_sprints_it_is_the_mean_of() {
    let dir = demo();
    let today = "2026-10-14";
    // Two sprints have closed: the mean is of the last 2, and every view says so.
    let md = support::pobox_ok(dir.path(), today, &["report", "sprint", "SP-2"]);
    assert!(md.contains("Mean velocity of the last 2: **18.0 points**"), "{md}");
    assert!(!md.contains("last 3"), "{md}");
    let metrics = support::pobox_ok(dir.path(), today, &["metrics"]);
    assert!(metrics.contains("Mean velocity of the last 2: 18.0 points"), "{metrics}");
    let v: Value = serde_json::from_str(&support::pobox_ok(dir.path(), today, &["metrics", "--format", "json"])).unwrap();
    assert_eq!(v["velocity"]["window"], 2);
}

#[test]
fn a_plan_with_a_capacity_suggests_a_command_that_works() {
    let s = Session::new();
    s.ok(&["sprint", "new", "--start", "2026-12-01"]);
    s.write(
        "backlog/stories/S-1.md",
        "---\nid: S-1\ntitle: Pay\nstatus: ready\npoints: 3\n---\nAs a shopper, I want it, so that I have it.\n\n## Acceptance criteria\n\n- [ ] Given x, when y, then z\n",
    );
    let plan = s.ok(&["sprint", "plan", "SP-1", "--capacity", "10"]);
    let suggested = plan
        .lines()
        .find_map(|l| l.split('`').nth(1).filter(|c| c.starts_with("pobox sprint plan")))
        .unwrap_or_else(|| panic!("no command suggested:\n{plan}"));
    assert_eq!(suggested, "pobox sprint plan SP-1 --capacity 10 --write");
    let args: Vec<&str> = suggested.split_whitespace().skip(1).collect();
    let written = s.ok(&args);
    assert!(written.contains("Wrote `sprint: SP-1` to S-1."), "{written}");
}

/// The sprint close example of docs/commands.md is what pobox prints on the demo.
#[test]
fn the_sprint_close_example_in_the_docs_is_what_pobox_prints() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/commands.md")).unwrap();
    let example: Vec<&str> = docs
        .lines()
        .skip_while(|l| *l != "$ pobox sprint close SP-3")
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .collect();
    assert!(example.len() > 10, "the example is in docs/commands.md");
    let dir = demo();
    let out = support::pobox_ok(dir.path(), "2026-10-14", &["sprint", "close", "SP-3"]);
    assert_eq!(out, example.join("\n") + "\n");
}
