//! Flow metrics without history (issue 14, domain reference §8): an item that first appears
//! already done (an import, a bulk add) has no known finish, so throughput, cycle time and
//! lead time leave it out; one that first appears already started has no known start, so
//! cycle time leaves it out. `pobox metrics` says how many and why.

use crate::support::{Session, git};

fn story(id: &str, status: &str, created: &str) -> String {
    format!("---\nid: {id}\ntitle: Story {id}\nstatus: {status}\ncreated: {created}\n---\n")
}

fn commit(s: &Session, when: &str, message: &str) {
    git(s.path(), when, &["add", "-A"]);
    git(s.path(), when, &["commit", "-q", "-m", message]);
}

/// A backlog whose second commit imports 40 stories already done (created a year before)
/// and one already in progress, and one story that then flows through git on its own.
fn imported_backlog() -> Session {
    let s = Session::new();
    s.write("backlog/stories/S-1.md", &story("S-1", "ready", "2026-10-01"));
    commit(&s, "2026-10-05T10:00:00Z", "Backlog");
    for n in 2..42 {
        s.write(
            &format!("backlog/stories/S-{n}.md"),
            &story(&format!("S-{n}"), "done", "2025-10-01"),
        );
    }
    s.write("backlog/stories/S-42.md", &story("S-42", "in-progress", "2025-10-01"));
    commit(&s, "2026-10-12T10:00:00Z", "Import from Jira");
    s.write("backlog/stories/S-1.md", &story("S-1", "in-progress", "2026-10-01"));
    commit(&s, "2026-10-13T10:00:00Z", "Start S-1");
    s.write("backlog/stories/S-1.md", &story("S-1", "done", "2026-10-01"));
    s.write("backlog/stories/S-42.md", &story("S-42", "done", "2025-10-01"));
    commit(&s, "2026-10-15T10:00:00Z", "Finish S-1 and S-42");
    s
}

#[test]
fn an_import_of_done_items_is_not_a_week_of_finished_work() {
    let s = imported_backlog();
    let v: serde_json::Value = serde_json::from_str(&s.ok(&["metrics", "--format", "json"])).unwrap();
    // S-1 and S-42 finished in git, not the 40 imported ones; S-42's start is unknown, so
    // only S-1 has a cycle time.
    assert_eq!(v["throughput"]["total"], 2, "{}", v["throughput"]);
    assert_eq!(v["cycle_time_days"]["count"], 1);
    assert_eq!(v["cycle_time_days"]["p50"], 2, "S-1 started 10-13 and finished 10-15");
    assert_eq!(v["lead_time_days"]["count"], 2);
    assert_eq!(v["lead_time_days"]["p50"], 14, "S-1 was created 10-01");
    let finished: Vec<&str> = v["finished"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(finished, ["S-1", "S-42"]);
    assert_eq!(v["left_out"]["count"], 41);
    let reasons: Vec<(String, u64)> = v["left_out"]["by_reason"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["reason"].as_str().unwrap().to_owned(), r["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(reasons, [("first_seen_done".to_owned(), 40), ("start_unknown".to_owned(), 1)]);

    let text = s.ok(&["metrics"]);
    assert!(text.contains("40 items left out: first seen already done (imported)"), "{text}");
    assert!(
        text.contains("1 item left out: first seen already started (start unknown) (not in cycle time and work item age)"),
        "{text}"
    );
    assert!(text.contains("Total: 2 in "), "{text}");
}

#[test]
fn the_forecast_samples_the_same_throughput() {
    let s = imported_backlog();
    // The forecast samples the days' throughput: the import day (40 stories "finished")
    // is no finished work, so only the day S-1 and S-42 finished has any.
    let (code, _, err) = s.run(&["forecast", "--items", "5"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("the window has 35 days, 1 of them with a finished item"), "{err}");
}
