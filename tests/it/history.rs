//! History from git: timelines, sprint metrics and flow metrics, read from the demo's 36
//! scripted commits (fixed dates, known content: see `src/demo/`) and from small scripted
//! repositories with pinned commit dates.

use std::path::Path;

use jiff::civil::{Date, date};
use pobox::history::sprints::{self, ChangeKind, SprintReport};
use pobox::history::{Event, History, metrics};
use pobox::workspace::{LoadOptions, Workspace};

use crate::support::{self, git};

/// The demo's last commit day: its "today".
const DEMO_TODAY: Date = date(2026, 10, 14);

fn pobox(dir: &Path, args: &[&str]) -> (i32, String, String) {
    support::pobox_on(dir, &DEMO_TODAY.to_string(), args)
}

fn demo() -> (tempfile::TempDir, History) {
    let dir = tempfile::tempdir().unwrap();
    let demo = pobox::demo::build(&dir.path().join("shop"), pobox::demo::LAST_DAY).unwrap();
    let ws = Workspace::load(&demo.root, LoadOptions::without_bodies()).unwrap();
    let history = History::open(&ws).unwrap();
    (dir, history)
}

fn report(h: &History, id: &str) -> SprintReport {
    sprints::report(h, id, DEMO_TODAY).unwrap()
}

fn ids(scope: &sprints::Scope) -> Vec<&str> {
    scope.stories.iter().map(|s| s.id.as_str()).collect()
}

fn remaining(r: &SprintReport) -> Vec<Option<u32>> {
    r.days.iter().map(|d| d.remaining).collect()
}

#[test]
fn one_walk_reads_every_commit_and_timeline() {
    let (_d, h) = demo();
    assert_eq!(h.commits.len(), 36);
    assert_eq!(h.commits[0].date, date(2026, 9, 1));
    assert_eq!(h.commits[35].date, DEMO_TODAY);
    let s5 = h.timeline("S-5").unwrap();
    type Row<'a> = (Date, Option<&'a str>, Option<u32>, Option<&'a str>);
    let rows: Vec<Row<'_>> = s5
        .entries
        .iter()
        .map(|e| (e.date, e.state.status.as_deref(), e.state.points, e.state.sprint.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            (date(2026, 9, 1), Some("draft"), Some(3), None),
            (date(2026, 9, 4), Some("ready"), Some(3), None),
            (date(2026, 9, 7), Some("ready"), Some(3), Some("SP-1")),
            (date(2026, 9, 9), Some("ready"), Some(5), Some("SP-1")),
            (date(2026, 9, 15), Some("in-progress"), Some(5), Some("SP-1")),
            (date(2026, 9, 17), Some("review"), Some(5), Some("SP-1")),
            (date(2026, 9, 18), Some("done"), Some(5), Some("SP-1")),
        ]
    );
    assert_eq!(s5.entries[0].event, Event::Added);
    assert_eq!(s5.entries[3].changes.len(), 1);
    assert_eq!(s5.entries[3].changes[0].field, "points");
    assert_eq!(s5.entries[3].author, "Pat Product");
    // Body-only commits (review notes on S-3, ticked criteria) make no entry.
    assert_eq!(h.timeline("S-3").unwrap().entries.len(), 6);
}

#[test]
fn sprint_1_commitment_reestimate_and_burndown() {
    let (_d, h) = demo();
    let r = report(&h, "SP-1");
    assert_eq!(r.commitment.points, 21);
    assert_eq!(ids(&r.commitment), ["S-1", "S-2", "S-3", "S-4", "S-5", "S-6"]);
    // S-5 re-estimated 3 → 5 on 2026-09-09: a scope change, not part of the commitment.
    assert_eq!(r.scope_changes.len(), 1);
    let c = &r.scope_changes[0];
    assert_eq!(
        (c.id.as_str(), c.kind, c.from, c.to, c.date),
        ("S-5", ChangeKind::ReEstimated, 3, 5, date(2026, 9, 9))
    );
    assert_eq!((r.added_points, r.removed_points, r.reestimated_points), (0, 0, 2));
    assert_eq!(r.final_scope.points, 23);
    assert_eq!(r.completed.points, 23);
    assert_eq!(r.committed_done_points, 21);
    assert_eq!(r.commitment_reliability, Some(1.0));
    assert_eq!(r.completion_rate, Some(1.0));
    assert_eq!(r.scope_change_ratio, Some(2.0 / 21.0));
    assert!(r.closed);
    assert_eq!(r.closed_on, Some(date(2026, 9, 18)));
    // Day 0 and ten working days (Mon 7 to Fri 18 September); the re-estimate steps up.
    let some = |v: &[u32]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
    assert_eq!(remaining(&r), some(&[21, 21, 21, 23, 20, 20, 18, 8, 8, 5, 0]));
    let dates: Vec<Date> = r.days.iter().map(|d| d.date).collect();
    assert_eq!(dates[1], date(2026, 9, 7));
    assert_eq!(dates[6], date(2026, 9, 14));
    assert_eq!(dates[10], date(2026, 9, 18));
    assert_eq!(r.days[3].reestimated, 2);
    let ideal: Vec<f64> = r.days.iter().map(|d| d.ideal).collect();
    assert_eq!(ideal[0], 21.0);
    assert!((ideal[5] - 10.5).abs() < 1e-9);
    assert_eq!(ideal[10], 0.0);
    // Burnup: completed and scope lines.
    let completed: Vec<Option<u32>> = r.days.iter().map(|d| d.completed).collect();
    assert_eq!(completed, some(&[0, 0, 0, 0, 3, 3, 5, 15, 15, 18, 23]));
    let scope: Vec<Option<u32>> = r.days.iter().map(|d| d.scope).collect();
    assert_eq!(scope, some(&[21, 21, 21, 23, 23, 23, 23, 23, 23, 23, 23]));
}

#[test]
fn sprint_2_scope_addition_and_carry_over() {
    let (_d, h) = demo();
    let r = report(&h, "SP-2");
    assert_eq!(ids(&r.commitment), ["S-7", "S-8", "S-9", "S-10", "S-11"]);
    assert_eq!(r.commitment.points, 21);
    // S-25 (2 points) added mid-sprint on 2026-09-24.
    assert_eq!(r.scope_changes.len(), 1);
    let c = &r.scope_changes[0];
    assert_eq!(
        (c.id.as_str(), c.kind, c.to, c.date),
        ("S-25", ChangeKind::Added, 2, date(2026, 9, 24))
    );
    // S-10 and S-11 move to SP-3 in the closing commit: carried over, so still in the final
    // scope as not done, never "removed".
    assert_eq!(r.removed_points, 0);
    assert_eq!(ids(&r.final_scope), ["S-7", "S-8", "S-9", "S-10", "S-11", "S-25"]);
    assert_eq!(r.final_scope.points, 23);
    assert_eq!(ids(&r.completed), ["S-7", "S-8", "S-9", "S-25"]);
    assert_eq!(r.completed.points, 13);
    assert_eq!(r.committed_done_points, 11);
    assert_eq!(r.commitment_reliability, Some(11.0 / 21.0));
    assert_eq!(r.completion_rate, Some(13.0 / 23.0));
    let some = |v: &[u32]| v.iter().map(|x| Some(*x)).collect::<Vec<_>>();
    // The addition shows as a step up on 24 September (S-7 done the same day: 21 + 2 − 3).
    assert_eq!(remaining(&r), some(&[21, 21, 21, 21, 20, 20, 13, 13, 10, 10, 10]));
    assert_eq!(r.days[4].added, 2);
    assert_eq!(r.days[4].scope, Some(23));
}

#[test]
fn sprint_3_commits_carried_stories_and_stops_at_today() {
    let (_d, h) = demo();
    let r = report(&h, "SP-3");
    assert!(!r.closed);
    assert_eq!(ids(&r.commitment), ["S-10", "S-11", "S-13", "S-14", "S-15"]);
    assert_eq!(r.commitment.points, 20);
    assert_eq!(r.completed.points, 10);
    // Days after "today" have no values yet; the guideline still runs to the last day.
    assert_eq!(r.days.len(), 11);
    assert_eq!(r.days[8].date, DEMO_TODAY);
    assert_eq!(r.days[8].remaining, Some(10));
    assert_eq!(r.days[9].remaining, None);
    assert_eq!(r.days[10].ideal, 0.0);
}

#[test]
fn velocity_of_closed_sprints() {
    let (_d, h) = demo();
    let reports = sprints::sprint_reports(&h, DEMO_TODAY);
    let order: Vec<&str> = reports.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(order, ["SP-1", "SP-2", "SP-3"]);
    let v = sprints::velocity(&reports);
    let each: Vec<(&str, u32, u32)> = v.sprints.iter().map(|s| (s.id.as_str(), s.commitment, s.completed)).collect();
    assert_eq!(each, [("SP-1", 21, 23), ("SP-2", 21, 13)]);
    assert_eq!(v.mean_last_3, Some(18.0));
    assert_eq!((v.min_last_3, v.max_last_3), (Some(13), Some(23)));
}

#[test]
fn cycle_lead_throughput_and_wip() {
    let (_d, h) = demo();
    let items = metrics::flow_items(&h);
    let get = |id: &str| items.iter().find(|f| f.id == id).unwrap();
    assert_eq!(get("S-1").cycle_time(), Some(2)); // in-progress 09-08, done 09-10
    assert_eq!(get("S-4").cycle_time(), Some(7));
    assert_eq!(get("S-10").cycle_time(), Some(8)); // carried over: 09-28 → 10-06
    assert_eq!(get("S-25").lead_time(), Some(4)); // created 09-24, done 09-28
    assert_eq!(get("S-1").lead_time(), Some(9));
    assert_eq!(get("S-12").cycle_time(), None); // dropped, never started
    let cycle: Vec<i64> = items.iter().filter_map(metrics::FlowItem::cycle_time).collect();
    let lead: Vec<i64> = items.iter().filter_map(metrics::FlowItem::lead_time).collect();
    let p = metrics::Percentiles::of(&cycle);
    assert_eq!((p.count, p.p50, p.p85, p.p95), (13, Some(4), Some(7), Some(8)));
    let p = metrics::Percentiles::of(&lead);
    assert_eq!((p.count, p.p50, p.p85, p.p95), (13, Some(17), Some(37), Some(41)));

    let weeks: Vec<(Date, u32)> = metrics::throughput_per_week(&h, date(2026, 9, 1), DEMO_TODAY)
        .iter()
        .map(|w| (w.week_start, w.count))
        .collect();
    assert_eq!(
        weeks,
        [
            (date(2026, 8, 31), 0),
            (date(2026, 9, 7), 1),
            (date(2026, 9, 14), 5),
            (date(2026, 9, 21), 1),
            (date(2026, 9, 28), 3),
            (date(2026, 10, 5), 2),
            (date(2026, 10, 12), 1),
        ]
    );
    let days = metrics::throughput_per_day(&h, date(2026, 9, 14), date(2026, 9, 15));
    assert_eq!(days.iter().map(|d| d.count).collect::<Vec<_>>(), [1, 2]);

    let wip: Vec<(String, Option<i64>)> = metrics::wip_on(&h, DEMO_TODAY).into_iter().map(|a| (a.id, a.age_days)).collect();
    assert_eq!(wip, [("S-11".to_owned(), Some(15)), ("S-13".to_owned(), Some(6))]);
    // 8–15 September: S-1 and S-4 start, S-2 and S-3 join (3 from the 11th, over the
    // weekend), S-2 finishes on the 14th, S-3 and S-4 on the 15th as S-5 and S-6 start.
    let per_day = metrics::wip_per_day(&h, date(2026, 9, 8), date(2026, 9, 15));
    assert_eq!(per_day.iter().map(|d| d.count).collect::<Vec<_>>(), [2, 2, 2, 3, 3, 3, 2, 2]);
}

#[test]
fn history_command_prints_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    pobox::demo::build(dir.path(), pobox::demo::LAST_DAY).unwrap();
    let (code, out, err) = pobox(dir.path(), &["history", "S-5"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "\
S-5 Email an order confirmation

DATE        AUTHOR       STATUS       PTS  SPRINT  CHANGE
2026-09-01  Pat Product  draft        3    -       added as backlog/stories/S-5.md
2026-09-04  Pat Product  ready        3    -       status draft → ready
2026-09-07  Pat Product  ready        3    SP-1    sprint - → SP-1
2026-09-09  Pat Product  ready        5    SP-1    points 3 → 5
2026-09-15  Pat Product  in-progress  5    SP-1    status ready → in-progress
2026-09-17  Pat Product  review       5    SP-1    status in-progress → review
2026-09-18  Pat Product  done         5    SP-1    status review → done
"
    );
    let (code, out, _) = pobox(dir.path(), &["history", "S-5", "--format", "json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["entries"].as_array().unwrap().len(), 7);
    assert_eq!(doc["entries"][3]["points"], 5);
    assert_eq!(doc["entries"][3]["changes"][0]["from"], "3");
    let (code, _, err) = pobox(dir.path(), &["history", "S-99"]);
    assert_eq!(code, 2);
    assert!(err.contains("S-99 has no history"), "{err}");
}

#[test]
fn metrics_command_shows_every_number_in_json_too() {
    let dir = tempfile::tempdir().unwrap();
    pobox::demo::build(dir.path(), pobox::demo::LAST_DAY).unwrap();
    let (code, out, err) = pobox(dir.path(), &["metrics"]);
    assert_eq!(code, 0, "{err}");
    for line in [
        "SP-1    2026-09-07  21         23         100%         100%",
        "SP-2    2026-09-21  21         13         52%          57%",
        "Mean velocity of the last 2: 18.0 points (min 13, max 23)",
        "2026-09-14  5",
        "Total: 13 in 7 weeks",
        "Cycle time (calendar days, 13 stories): P50 4, P85 7, P95 8",
        "Lead time (calendar days, 13 stories): P50 17, P85 37, P95 41",
        "Work in progress on 2026-10-14: 2",
        "S-11  review  2026-09-29  15",
        "S-13  review  2026-10-08  6",
        "WEEK OF     DRAFT  READY  IN-PROGRESS  REVIEW  DONE  DROPPED",
        "2026-10-12  7      2      0            2       13    1",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    let (code, out, _) = pobox(dir.path(), &["metrics", "--format", "json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["commits"], 36);
    assert_eq!(doc["velocity"]["sprints"][0]["commitment"], 21);
    assert_eq!(doc["velocity"]["sprints"][0]["completed"], 23);
    assert_eq!(doc["velocity"]["sprints"][1]["completed"], 13);
    assert_eq!(doc["velocity"]["mean_last_3"], 18.0);
    assert_eq!(doc["throughput"]["total"], 13);
    assert_eq!(doc["throughput"]["per_week"][2]["count"], 5);
    assert_eq!(doc["cycle_time_days"]["p85"], 7);
    assert_eq!(doc["lead_time_days"]["p95"], 41);
    assert_eq!(doc["wip"]["count"], 2);
    assert_eq!(doc["wip"]["items"][0]["age_days"], 15);
    // One day each from the first commit to today, in both series.
    let per_day = doc["wip"]["per_day"].as_array().unwrap();
    let flow = doc["cumulative_flow"].as_array().unwrap();
    assert_eq!((per_day.len(), flow.len()), (44, 44));
    assert_eq!(flow[43]["date"], "2026-10-14");
    assert_eq!(flow[43]["counts"][4], serde_json::json!({"status": "done", "count": 13}));
    assert_eq!(per_day[43]["count"], 2);
    // --since keeps the stories finished, and the sprints started, from that day.
    let (code, out, _) = pobox(dir.path(), &["metrics", "--since", "2026-09-21", "--format", "json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["velocity"]["sprints"].as_array().unwrap().len(), 1);
    assert_eq!(doc["throughput"]["total"], 7);
    assert_eq!(doc["cycle_time_days"]["count"], 7);
    let (code, _, err) = pobox(dir.path(), &["metrics", "--since", "21.09.2026"]);
    assert_eq!(code, 2, "{err}");
}

const STORY: &str = "---\nid: S-1\ntitle: Checkout\ncreated: 2026-03-01\nstatus: STATUS\npoints: 3\n---\nAs a shopper, I want to pay.\n";

fn write_story(dir: &Path, path: &str, status: &str) {
    support::write_file(dir, path, &STORY.replace("STATUS", status));
}

/// A small repository: S-1 is written, started, renamed with `git mv` (and moved to review
/// in the same commit), then done; S-2 is added and deleted.
fn renamed_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, "2026-03-02T09:00:00Z", &["init", "-q", "-b", "main"]);
    std::fs::write(d.join("pobox.yaml"), "product: Renames\n").unwrap();
    write_story(d, "backlog/stories/S-1.md", "ready");
    std::fs::write(d.join("backlog/stories/S-2.md"), "---\nid: S-2\ntitle: Gone\nstatus: draft\n---\n").unwrap();
    git(d, "2026-03-02T09:00:00Z", &["add", "-A"]);
    git(d, "2026-03-02T09:00:00Z", &["commit", "-q", "-m", "start"]);
    write_story(d, "backlog/stories/S-1.md", "in-progress");
    git(d, "2026-03-03T10:00:00Z", &["commit", "-q", "-am", "start S-1"]);
    git(
        d,
        "2026-03-05T10:00:00Z",
        &["mv", "backlog/stories/S-1.md", "backlog/stories/S-1-checkout.md"],
    );
    write_story(d, "backlog/stories/S-1-checkout.md", "review");
    git(d, "2026-03-05T10:00:00Z", &["rm", "-q", "backlog/stories/S-2.md"]);
    git(
        d,
        "2026-03-05T10:00:00Z",
        &["commit", "-q", "-am", "rename S-1, review; delete S-2"],
    );
    write_story(d, "backlog/stories/S-1-checkout.md", "done");
    git(d, "2026-03-09T23:30:00+02:00", &["commit", "-q", "-am", "S-1 done"]);
    dir
}

#[test]
fn a_renamed_file_keeps_its_timeline_and_a_deleted_one_ends() {
    let dir = renamed_repo();
    let ws = Workspace::load(dir.path(), LoadOptions::without_bodies()).unwrap();
    let h = History::open(&ws).unwrap();
    assert_eq!(h.commits.len(), 4);
    let t = h.timeline("S-1").unwrap();
    let rows: Vec<(Date, Event, Option<&str>, &str)> = t
        .entries
        .iter()
        .map(|e| (e.date, e.event, e.state.status.as_deref(), e.path.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (date(2026, 3, 2), Event::Added, Some("ready"), "backlog/stories/S-1.md"),
            (date(2026, 3, 3), Event::Changed, Some("in-progress"), "backlog/stories/S-1.md"),
            (date(2026, 3, 5), Event::Changed, Some("review"), "backlog/stories/S-1-checkout.md"),
            // 23:30 at +02:00 is 21:30 UTC: still the 9th.
            (date(2026, 3, 9), Event::Changed, Some("done"), "backlog/stories/S-1-checkout.md"),
        ]
    );
    let fields: Vec<&str> = t.entries[2].changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, ["status", "path"]);
    assert_eq!(t.entries[2].author, "Rosa Dev");
    let f = metrics::flow_items(&h).into_iter().find(|f| f.id == "S-1").unwrap();
    assert_eq!(f.cycle_time(), Some(6));
    assert_eq!(f.lead_time(), Some(8)); // created 2026-03-01, before the first commit
    let s2 = h.timeline("S-2").unwrap();
    assert!(s2.is_deleted());
    assert_eq!(s2.entries.last().unwrap().date, date(2026, 3, 5));
    assert_eq!(s2.state_after(3), None);
    assert!(s2.state_after(0).is_some());

    let (code, out, err) = pobox(dir.path(), &["history", "S-1"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("status in-progress → review, moved backlog/stories/S-1.md → backlog/stories/S-1-checkout.md"),
        "{out}"
    );
    let (code, out, _) = pobox(dir.path(), &["history", "S-2"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("S-2 Gone (deleted)\n"), "{out}");
    assert!(out.contains("deleted backlog/stories/S-2.md"), "{out}");
}

#[test]
fn a_shallow_clone_is_refused_with_exit_2() {
    let src = renamed_repo();
    let dst = tempfile::tempdir().unwrap();
    let url = format!("file://{}", src.path().display());
    let clone = dst.path().join("clone");
    git(
        dst.path(),
        "2026-03-10T00:00:00Z",
        &["clone", "-q", "--depth", "1", &url, clone.to_str().unwrap()],
    );
    for args in [&["metrics"][..], &["history", "S-1"], &["metrics", "--format", "json"]] {
        let (code, out, err) = pobox(&clone, args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(out.is_empty(), "no numbers from a cut history: {out}");
        assert_eq!(
            err,
            "error: history is missing: this is a shallow clone; run `git fetch --unshallow` (in GitHub Actions: `fetch-depth: 0`)\n"
        );
    }
    let ws = Workspace::load(&clone, LoadOptions::without_bodies()).unwrap();
    assert!(matches!(History::open(&ws), Err(pobox::history::HistoryError::Shallow)));
}

#[test]
fn outside_git_history_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pobox.yaml"), "product: No git\n").unwrap();
    let (code, _, err) = pobox(dir.path(), &["metrics"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not in a git repository"), "{err}");
}

#[test]
fn a_merged_branch_keeps_its_dates_and_main_stale_copies_add_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, "2026-03-02T09:00:00Z", &["init", "-q", "-b", "main"]);
    std::fs::write(d.join("pobox.yaml"), "product: Merges\n").unwrap();
    write_story(d, "backlog/stories/S-1.md", "ready");
    git(d, "2026-03-02T09:00:00Z", &["add", "-A"]);
    git(d, "2026-03-02T09:00:00Z", &["commit", "-q", "-m", "start"]);
    git(d, "2026-03-02T09:00:00Z", &["checkout", "-q", "-b", "work"]);
    write_story(d, "backlog/stories/S-1.md", "in-progress");
    git(d, "2026-03-03T10:00:00Z", &["commit", "-q", "-am", "start S-1"]);
    write_story(d, "backlog/stories/S-1.md", "done");
    git(d, "2026-03-05T10:00:00Z", &["commit", "-q", "-am", "S-1 done"]);
    git(d, "2026-03-05T10:00:00Z", &["checkout", "-q", "main"]);
    // main edits only S-1's body: its copy still says `ready`, which is no change.
    let path = d.join("backlog/stories/S-1.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("pay.", "pay by card.")).unwrap();
    git(d, "2026-03-04T10:00:00Z", &["commit", "-q", "-am", "wording"]);
    git(d, "2026-03-06T10:00:00Z", &["merge", "-q", "--no-ff", "-m", "merge work", "work"]);
    let ws = Workspace::load(d, LoadOptions::without_bodies()).unwrap();
    let h = History::open(&ws).unwrap();
    assert_eq!(h.commits.len(), 5);
    let t = h.timeline("S-1").unwrap();
    let rows: Vec<(Date, Option<&str>)> = t.entries.iter().map(|e| (e.date, e.state.status.as_deref())).collect();
    assert_eq!(
        rows,
        [
            (date(2026, 3, 2), Some("ready")),
            (date(2026, 3, 3), Some("in-progress")),
            (date(2026, 3, 5), Some("done")),
        ]
    );
    let f = metrics::flow_items(&h).into_iter().next().unwrap();
    assert_eq!(f.cycle_time(), Some(2));
}

/// On a terminal, a scan that runs past `POBOX_PROGRESS_AFTER_MS` (a second by default) shows
/// a progress bar on stderr and clears it before the output; piped, nothing is drawn.
#[test]
fn a_progress_bar_shows_on_a_terminal_only() {
    let (dir, _) = demo();
    let shop = dir.path().join("shop");
    // `script` runs the command on a pseudo-terminal and records what it drew.
    let log = dir.path().join("typescript");
    let o = std::process::Command::new("script")
        .arg("-qec")
        .arg(format!("{} history S-1", support::POBOX))
        .arg(&log)
        .current_dir(&shop)
        .env("POBOX_TODAY", DEMO_TODAY.to_string())
        .env("POBOX_PROGRESS_AFTER_MS", "0")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .output()
        .expect("script(1) from util-linux runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let drawn = String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned();
    assert!(drawn.contains("reading history ["), "{drawn}");
    assert!(drawn.contains("/36 commits"), "{drawn}");
    assert!(drawn.contains("S-1 "), "the timeline follows: {drawn}");
    // Piped, with the same setting: no bar.
    let o = support::pobox(&shop, &DEMO_TODAY.to_string())
        .args(["history", "S-1"])
        .env("POBOX_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Cumulative flow: stories per status at each day's end, workflow statuses in order with
/// zeros, agreeing with WIP per day and with the stories finished so far.
#[test]
fn cumulative_flow_counts_each_status_per_day() {
    let (_dir, h) = demo();
    let (from, to) = (date(2026, 9, 8), date(2026, 9, 15));
    let flow = metrics::cumulative_flow(&h, from, to);
    assert_eq!(flow.len(), 8);
    let wip = metrics::wip_per_day(&h, from, to);
    let done_by = |day| metrics::flow_items(&h).iter().filter(|f| f.done.is_some_and(|d| d <= day)).count();
    for (day, wip) in flow.iter().zip(&wip) {
        let statuses: Vec<&str> = day.counts.iter().map(|c| c.status.as_str()).collect();
        assert_eq!(
            statuses[..6],
            ["draft", "ready", "in-progress", "review", "done", "dropped"],
            "{statuses:?}"
        );
        let count = |s: &str| day.counts.iter().find(|c| c.status == s).map_or(0, |c| c.count);
        assert_eq!(count("in-progress") + count("review"), wip.count, "{}", day.date);
        assert_eq!(count("done") as usize, done_by(day.date), "{}", day.date);
    }
    let last: Vec<(&str, u32)> = flow[7].counts.iter().map(|c| (c.status.as_str(), c.count)).collect();
    // 15 September: 24 stories so far; S-5 and S-6 in progress, four done.
    assert_eq!(
        last,
        [
            ("draft", 18),
            ("ready", 0),
            ("in-progress", 2),
            ("review", 0),
            ("done", 4),
            ("dropped", 0)
        ]
    );
}
