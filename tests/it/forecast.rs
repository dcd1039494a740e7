//! `pobox forecast`: Monte Carlo forecasts from the demo's history (36 commits with fixed
//! dates, 2026-09-01 to 2026-10-14: 13 stories finished in 32 working days) and from small
//! scripted repositories with too little history.
//!
//! The pinned figures were computed once with seed 1 and checked against the demo's pace:
//! 13 stories in 32 working days is about 0.41 a day, so 5 stories take about 12 working
//! days at the median (P50 2026-10-30, 12 working days after Wednesday 2026-10-14), and the
//! 12 working days to 2026-10-30 finish about 5 at the median.

use std::path::Path;

use crate::support::{self, demo, git};

const TODAY: &str = "2026-10-14";

fn pobox(dir: &Path, args: &[&str]) -> (i32, String, String) {
    support::pobox_on(dir, TODAY, args)
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (code, out, err) = pobox(dir, &all);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

/// `(percent, working days, date)` of a "when" document.
fn when_rows(doc: &serde_json::Value) -> Vec<(u64, u64, String)> {
    doc["percentiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["percent"].as_u64().unwrap(),
                p["working_days"].as_u64().unwrap(),
                p["date"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

const SAMPLES: &str =
    "Samples: daily throughput of the 32 working days (Mon–Fri) from 2026-09-01 to 2026-10-14: 13 stories finished, 21 days with none.
The backlog's history starts on 2026-09-01, so the window is shorter than --window-days 60.
10000 trials, seed 1: re-run with --seed 1 to reproduce. Dates count working days after 2026-10-14.
How to read this: `pobox forecast --help`.
";

#[test]
fn when_will_5_stories_be_done() {
    let dir = demo();
    let (code, out, err) = pobox(dir.path(), &["forecast", "--items", "5"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "\
When will 5 more stories be done?
85% likely done on or before 2026-11-09

CHANCE  DONE ON OR BEFORE  WORKING DAYS
50%     2026-10-30         12
70%     2026-11-04         15
85%     2026-11-09         18
95%     2026-11-13         22

{SAMPLES}"
        )
    );
    let doc = json(dir.path(), &["forecast", "--items", "5"]);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["question"], "when");
    assert_eq!(doc["as_of"], TODAY);
    assert_eq!(doc["headline"], "85% likely done on or before 2026-11-09");
    assert_eq!(doc["work"]["source"], "items");
    assert_eq!(doc["work"]["count"], 5);
    assert_eq!(
        when_rows(&doc),
        [
            (50, 12, "2026-10-30".to_owned()),
            (70, 15, "2026-11-04".to_owned()),
            (85, 18, "2026-11-09".to_owned()),
            (95, 22, "2026-11-13".to_owned()),
        ]
    );
    assert_eq!(doc["calendar"]["start"], TODAY);
    assert_eq!(doc["calendar"]["workdays_only"], true);
    assert_eq!(doc["trials"], 10_000);
    assert_eq!(doc["seed"], 1);
    assert_eq!(doc["unfinished_trials"], 0);
    let w = &doc["window"];
    assert_eq!((w["from"].as_str(), w["to"].as_str()), (Some("2026-09-01"), Some(TODAY)));
    assert_eq!((w["requested_days"].as_u64(), w["days"].as_u64()), (Some(60), Some(32)));
    assert_eq!(w["items_finished"], 13);
    assert_eq!((w["nonzero_days"].as_u64(), w["zero_days"].as_u64()), (Some(11), Some(21)));
    let samples = w["throughput"].as_array().unwrap();
    assert_eq!(samples.len(), 32);
    // Working days only: Friday 4 September is followed by Monday the 7th.
    assert_eq!(
        (samples[3]["date"].as_str(), samples[4]["date"].as_str()),
        (Some("2026-09-04"), Some("2026-09-07"))
    );
    assert_eq!(samples.iter().map(|d| d["count"].as_u64().unwrap()).sum::<u64>(), 13);
}

#[test]
fn how_many_stories_by_the_end_of_october() {
    let dir = demo();
    let (code, out, err) = pobox(dir.path(), &["forecast", "--by", "2026-10-30"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "\
How many stories will be done by 2026-10-30? (12 working days after 2026-10-14)
85% likely: at least 3 stories

CHANCE  STORIES DONE
50%     at least 5
70%     at least 4
85%     at least 3
95%     at least 2

{SAMPLES}"
        )
    );
    let doc = json(dir.path(), &["forecast", "--by", "2026-10-30"]);
    assert_eq!(doc["question"], "how_many");
    assert_eq!(doc["by"], "2026-10-30");
    assert_eq!(doc["working_days"], 12);
    let rows: Vec<(u64, u64)> = doc["percentiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["percent"].as_u64().unwrap(), p["at_least"].as_u64().unwrap()))
        .collect();
    assert_eq!(rows, [(50, 5), (70, 4), (85, 3), (95, 2)]);
    assert_eq!(doc["window"]["items_finished"], 13);
    // No working day left to count: refused rather than "at least 0".
    for by in ["2026-10-14", "2026-10-01"] {
        let (code, out, err) = pobox(dir.path(), &["forecast", "--by", by]);
        assert_eq!(code, 2, "{by}: {out}");
        assert!(err.contains("leaves no working day after today (2026-10-14)"), "{err}");
    }
}

#[test]
fn the_same_seed_gives_the_same_forecast_and_another_seed_differs() {
    let dir = demo();
    let args = ["forecast", "--items", "5", "--format", "json"];
    let (_, first, _) = pobox(dir.path(), &args);
    let (_, again, _) = pobox(dir.path(), &args);
    assert_eq!(first, again);
    let (_, explicit, _) = pobox(dir.path(), &["forecast", "--items", "5", "--seed", "1", "--format", "json"]);
    assert_eq!(first, explicit, "the default seed is 1");
    let first: serde_json::Value = serde_json::from_str(&first).unwrap();
    // With 100 trials another seed draws other days and lands elsewhere...
    let few = |seed: &str| when_rows(&json(dir.path(), &["forecast", "--items", "5", "--trials", "100", "--seed", seed]));
    let days = |rows: Vec<(u64, u64, String)>| rows.into_iter().map(|r| r.1).collect::<Vec<_>>();
    assert_eq!(days(few("1")), [12, 14, 18, 24]);
    assert_eq!(days(few("2")), [12, 15, 19, 26]);
    assert_eq!(few("2"), few("2"));
    // ...while 10,000 trials are steady: seed 2 gives the same percentiles as seed 1.
    let other = json(dir.path(), &["forecast", "--items", "5", "--seed", "2"]);
    assert_eq!(other["seed"], 2);
    assert_ne!(other, first);
    assert_eq!(when_rows(&other), when_rows(&first));
    assert_eq!(first["window"], other["window"], "the same history, so the same samples");
    let (code, out, _) = pobox(dir.path(), &["forecast", "--items", "5", "--seed", "2"]);
    assert_eq!(code, 0);
    assert!(out.contains("10000 trials, seed 2: re-run with --seed 2 to reproduce."), "{out}");
}

#[test]
fn an_epic_counts_its_stories_that_are_not_done_or_dropped() {
    let dir = demo();
    let (code, out, err) = pobox(dir.path(), &["forecast", "--epic", "E-2"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("When will the 5 open stories of E-2 be done?\n85% likely done on or before "),
        "{out}"
    );
    assert!(
        out.contains(
            "Counted as open (any status but done and dropped): S-13 (review), S-16 (draft), S-17 (draft), S-18 (ready), S-19 (ready)\n"
        ),
        "{out}"
    );
    let doc = json(dir.path(), &["forecast", "--epic", "E-2"]);
    assert_eq!(doc["work"]["source"], "epic");
    assert_eq!(doc["work"]["id"], "E-2");
    assert_eq!(doc["work"]["count"], 5);
    assert_eq!(
        doc["work"]["counted_statuses"],
        serde_json::json!(["draft", "ready", "in-progress", "review"])
    );
    assert_eq!(doc["work"]["stories"][0], serde_json::json!({"id": "S-13", "status": "review"}));
    // Five stories, the same samples and seed: the same dates as `--items 5`.
    assert_eq!(when_rows(&doc), when_rows(&json(dir.path(), &["forecast", "--items", "5"])));
    // E-1 has one open story left (S-12 is dropped, S-11 in review).
    let doc = json(dir.path(), &["forecast", "--epic", "E-1"]);
    assert_eq!(doc["work"]["stories"], serde_json::json!([{"id": "S-11", "status": "review"}]));

    let (code, _, err) = pobox(dir.path(), &["forecast", "--epic", "E-9"]);
    assert_eq!(
        (code, err.as_str()),
        (2, "error: there is no epic E-9\nhelp: `pobox epic list` shows the epics\n")
    );
    let (code, _, err) = pobox(dir.path(), &["forecast", "--epic", "S-1"]);
    assert_eq!((code, err.as_str()), (2, "error: S-1 is a story, not an epic\n"));
    let (code, _, err) = pobox(dir.path(), &["forecast", "--epic", "E-2", "--items", "3"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn without_a_question_the_active_sprint_is_forecast() {
    let dir = demo();
    let doc = json(dir.path(), &["forecast"]);
    assert_eq!(doc["work"]["source"], "sprint");
    assert_eq!(doc["work"]["id"], "SP-3");
    assert_eq!(doc["work"]["count"], 2);
    let ids: Vec<&str> = doc["work"]["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["S-11", "S-13"]);
    let (code, out, _) = pobox(dir.path(), &["forecast"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("When will the 2 open stories of sprint SP-3 be done?\n"), "{out}");
    // A narrower window samples fewer days; trials are counted as asked.
    let doc = json(dir.path(), &["forecast", "--window-days", "20", "--trials", "1000"]);
    assert_eq!(doc["window"]["days"], 20);
    assert_eq!(doc["window"]["from"], "2026-09-17");
    assert_eq!(doc["trials"], 1000);
}

/// A new repository: S-1 and S-2 written on Monday 12 October, S-1 done on the 13th.
fn young_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, "2026-10-12T09:00:00Z", &["init", "-q", "-b", "main"]);
    std::fs::write(d.join("pobox.yaml"), "product: Young\n").unwrap();
    std::fs::create_dir_all(d.join("backlog/stories")).unwrap();
    let story = |id: &str, status: &str| format!("---\nid: {id}\ntitle: Story {id}\nstatus: {status}\n---\n");
    std::fs::write(d.join("backlog/stories/S-1.md"), story("S-1", "in-progress")).unwrap();
    std::fs::write(d.join("backlog/stories/S-2.md"), story("S-2", "ready")).unwrap();
    git(d, "2026-10-12T09:00:00Z", &["add", "-A"]);
    git(d, "2026-10-12T09:00:00Z", &["commit", "-q", "-m", "start"]);
    std::fs::write(d.join("backlog/stories/S-1.md"), story("S-1", "done")).unwrap();
    git(d, "2026-10-13T09:00:00Z", &["commit", "-q", "-am", "S-1 done"]);
    dir
}

#[test]
fn too_little_history_is_refused_with_exit_2() {
    let dir = young_repo();
    let (code, out, err) = pobox(dir.path(), &["forecast", "--items", "5"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.is_empty(), "no numbers from three days: {out}");
    assert_eq!(
        err,
        "error: too little history to forecast: the window has 3 days, 1 of them with a finished item; \
         a forecast needs at least 10 days of history with at least 3 days on which an item was finished. \
         Widen the window or wait until more items are done\n\
         help: the window was the 3 working days (Mon–Fri) from 2026-10-12 to 2026-10-14: --window-days 60, never before the backlog's first commit\n"
    );
    let (code, _, err) = pobox(dir.path(), &["forecast", "--by", "2026-10-30", "--format", "json"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: too little history to forecast"), "{err}");
    // No sprint is running, so the default question has nothing to count.
    let (code, _, err) = pobox(dir.path(), &["forecast"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: there is no active sprint to forecast\n"), "{err}");

    // Nothing committed at all.
    let empty = tempfile::tempdir().unwrap();
    git(empty.path(), "2026-10-12T09:00:00Z", &["init", "-q", "-b", "main"]);
    std::fs::write(empty.path().join("pobox.yaml"), "product: Empty\n").unwrap();
    let (code, _, err) = pobox(empty.path(), &["forecast", "--items", "1"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("in a git repository with no commits yet, so it has no history"),
        "{err}"
    );
    assert!(err.contains("help: commit the backlog first"), "{err}");
}

#[test]
fn a_window_without_a_finished_story_is_refused() {
    let dir = young_repo();
    // Only today, Wednesday the 14th, on which nothing was finished.
    let (code, out, err) = pobox(dir.path(), &["forecast", "--items", "1", "--window-days", "1"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.starts_with("error: no item was ever finished in the window (1 days of zero throughput)"),
        "{err}"
    );
    assert!(
        err.contains("help: the window was the 1 working day (Mon–Fri) from 2026-10-14 to 2026-10-14"),
        "{err}"
    );
}

#[test]
fn a_shallow_clone_is_refused_with_the_same_message_as_metrics() {
    let src = demo();
    let dst = tempfile::tempdir().unwrap();
    let url = format!("file://{}", src.path().display());
    let clone = dst.path().join("clone");
    git(
        dst.path(),
        "2026-10-14T12:00:00Z",
        &["clone", "-q", "--depth", "1", &url, clone.to_str().unwrap()],
    );
    let shallow = "error: history is missing: this is a shallow clone; run `git fetch --unshallow` (in GitHub Actions: `fetch-depth: 0`)\n";
    let (code, _, err) = pobox(&clone, &["metrics"]);
    assert_eq!((code, err.as_str()), (2, shallow));
    for args in [
        &["forecast"][..],
        &["forecast", "--items", "5"],
        &["forecast", "--by", "2026-10-30", "--format", "json"],
    ] {
        let (code, out, err) = pobox(&clone, args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(out.is_empty(), "no numbers from a cut history: {out}");
        assert_eq!(err, shallow);
    }
}

/// `--by` with work to do: how likely that work is done by the date, beside the usual 85%.
#[test]
fn how_likely_an_epic_is_done_by_a_date() {
    let dir = demo();
    let (code, out, err) = pobox(dir.path(), &["forecast", "--epic", "E-2", "--by", "2026-11-06"]);
    assert_eq!(code, 0, "{err}");
    let head: Vec<&str> = out.lines().take(3).collect();
    assert_eq!(
        head,
        [
            "When will the 5 open stories of E-2 be done?",
            "83% likely done on or before 2026-11-06",
            "(85% likely done on or before 2026-11-09)"
        ]
    );
    let doc = json(dir.path(), &["forecast", "--epic", "E-2", "--by", "2026-11-06"]);
    assert_eq!(doc["by"]["date"], "2026-11-06");
    let likelihood = doc["by"]["likelihood"].as_f64().unwrap();
    // The same trials as without --by: the likelihood sits between the percentiles around it.
    let rows = when_rows(&doc);
    assert_eq!(rows, when_rows(&json(dir.path(), &["forecast", "--epic", "E-2"])));
    assert_eq!((rows[1].2.as_str(), rows[2].2.as_str()), ("2026-11-04", "2026-11-09"));
    assert!((0.70..0.85).contains(&likelihood), "{likelihood}");
    assert_eq!((likelihood * 100.0).floor(), 83.0);
    // On or after the P95 date it is at least 95%; before tomorrow nothing is done.
    let late = json(dir.path(), &["forecast", "--epic", "E-2", "--by", &rows[3].2]);
    assert!(late["by"]["likelihood"].as_f64().unwrap() >= 0.95);
    let soon = json(dir.path(), &["forecast", "--items", "5", "--by", "2026-10-15"]);
    assert!(soon["by"]["likelihood"].as_f64().unwrap() < 0.05);
}

/// Magennis's additions: a range of stories left and a split rate, drawn per trial.
#[test]
fn a_range_of_stories_and_a_split_rate_push_the_dates_out() {
    let dir = demo();
    let days = |args: &[&str]| -> Vec<u64> { when_rows(&json(dir.path(), args)).iter().map(|r| r.1).collect() };
    let exact_20 = days(&["forecast", "--items", "20"]);
    let exact_30 = days(&["forecast", "--items", "30"]);
    let range = days(&["forecast", "--items", "20-30"]);
    for i in 0..4 {
        assert!(
            exact_20[i] <= range[i] && range[i] <= exact_30[i],
            "{exact_20:?} {range:?} {exact_30:?}"
        );
    }
    // A fixed rate of 1.5 on 20 stories is 30 stories.
    assert_eq!(days(&["forecast", "--items", "20", "--split-rate", "1.5"]), exact_30);
    let split = days(&["forecast", "--items", "20-30", "--split-rate", "1.0-1.5"]);
    assert!(split.iter().zip(&range).all(|(s, r)| s >= r), "{split:?} {range:?}");
    let doc = json(dir.path(), &["forecast", "--items", "20-30", "--split-rate", "1.0-1.5"]);
    assert_eq!(doc["work"]["count"], 20);
    assert_eq!(doc["work"]["count_high"], 30);
    assert_eq!(doc["split_rate"], serde_json::json!({"low": 1.0, "high": 1.5}));
    let (code, out, _) = pobox(dir.path(), &["forecast", "--items", "20-30", "--split-rate", "1.0-1.5"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(
            "When will 20 to 30 more stories be done?\nEach trial multiplies them by a split rate of 1.0 to 1.5, rounded up.\n"
        ),
        "{out}"
    );
}

#[test]
fn bad_ranges_and_rates_are_usage_errors() {
    let dir = demo();
    for (args, message) in [
        (
            &["forecast", "--items", "30-20"][..],
            "`30-20` runs backwards: write the lower count first, e.g. 20-30",
        ),
        (
            &["forecast", "--items", "many"],
            "`many` is not a number of stories: write N or LOW-HIGH, e.g. 20-30",
        ),
        (&["forecast", "--items", "5", "--split-rate", "0"], "`0` is not a split rate"),
        (&["forecast", "--items", "5", "--split-rate", "1.5-1.0"], "`1.5-1.0` runs backwards"),
        (
            &["forecast", "--by", "2026-11-06", "--split-rate", "1.2"],
            "error: --split-rate multiplies the stories left, and `--by` alone counts stories done instead\nhelp: add `--items N` or `--epic E-n` to ask how likely they are done by 2026-11-06\n",
        ),
    ] {
        let (code, out, err) = pobox(dir.path(), args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.contains(message), "{args:?}: {err}");
    }
}
