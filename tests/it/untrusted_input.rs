//! Input that must not be trusted (issue 13, second round of hardening): words that YAML 1.1
//! readers take for something other than text, dates and counts in files that drive loops,
//! user fields named like pobox's CSV columns, ids at the end of the number range, special
//! files named like items, non-finite numbers, and the messages for wrong values. Each test
//! is named after what it guards; `docs/reliability.md` lists them.

use std::io::Write as _;
use std::path::Path;

use pobox::config::Config;
use pobox::edit::{self, NewValue};
use pobox::export::{self, Exported};
use pobox::import::{self, StatusMap, jira_csv};
use proptest::prelude::*;
use serde_json::Value;

use crate::support::{Session, git, read_story};

const STORY_BODY: &str = "As a shopper, I want to pay by card, so that I can shop.\n";

fn story(s: &Session, id: &str, front: &str) {
    s.write(
        &format!("backlog/stories/{id}.md"),
        &format!("---\nid: {id}\ntitle: Pay by card\nstatus: draft\n{front}---\n{STORY_BODY}"),
    );
}

fn json(s: &Session, args: &[&str]) -> Value {
    serde_json::from_str(&s.ok(args)).unwrap()
}

// ---------------------------------------------------------------------------------------
// YAML 1.1 readers.

#[test]
fn yaml_1_1_words_in_text_fields_read_as_written() {
    let s = Session::new();
    story(&s, "S-1", "labels: [se, no, dk, on]\nassignee: no\nowner: Yes\n");
    let list = json(&s, &["story", "list", "--label", "no", "--format", "json"]);
    assert!(list.to_string().contains("\"S-1\""), "`--label no` finds the story: {list}");
    let item = json(&s, &["show", "S-1", "--format", "json"]);
    let text = item.to_string();
    assert!(text.contains(r#""labels":["se","no","dk","on"]"#), "{text}");
    assert!(text.contains(r#""assignee":"no""#), "{text}");
    assert!(text.contains(r#""owner":"Yes""#), "{text}");
    let (code, out, err) = s.run(&["validate"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn values_yaml_1_1_readers_would_retype_are_written_quoted() {
    let s = Session::new();
    s.ok(&["story", "new", "Pay by card"]);
    s.ok(&[
        "set",
        "S-1",
        "assignee=no",
        "labels=on,se,no",
        "meet=12:30",
        "sign==",
        "due=2026-01-05",
        "count=1_000",
        "created=2026-11-01",
    ]);
    let text = s.read("backlog/stories/S-1.md");
    for line in [
        "assignee: \"no\"",
        "labels: [\"on\", se, \"no\"]",
        "meet: \"12:30\"",
        "sign: \"=\"",
        "due: \"2026-01-05\"",
        "count: \"1_000\"",
        // pobox's own date fields are dates on purpose.
        "created: 2026-11-01",
    ] {
        assert!(text.lines().any(|l| l == line), "`{line}` in\n{text}");
    }
    let item = json(&s, &["show", "S-1", "--format", "json"]).to_string();
    assert!(item.contains(r#""assignee":"no""#), "{item}");
}

/// The front-matter of `text` as PyYAML (a YAML 1.1 reader) reads it, each value as
/// `[type name, text]` (lists as lists of those); `None` when PyYAML is not installed.
fn pyyaml(text: &str) -> Option<Value> {
    const SCRIPT: &str = r#"
import json, sys, yaml
front = sys.stdin.read().split("---\n")[1]
def typed(v):
    return [typed(x) for x in v] if isinstance(v, list) else [type(v).__name__, str(v)]
print(json.dumps({str(k): typed(v) for k, v in yaml.safe_load(front).items()}))
"#;
    let mut child = std::process::Command::new("python3")
        .args(["-c", SCRIPT])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("No module named 'yaml'"), "{err}");
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: PyYAML is not installed (python3 -m pip install pyyaml)"
        );
        return None;
    }
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn what_pobox_writes_reads_as_the_same_text_in_pyyaml() {
    let s = Session::new();
    s.ok(&["story", "new", "Pay by card"]);
    let values = [
        ("assignee", "no"),
        ("meet", "12:30"),
        ("sign", "="),
        ("due", "2026-01-05"),
        ("count", "1_000"),
        ("hex", "0x1F"),
        ("octal", "017"),
        ("sexagesimal", "1:30.5"),
        ("tilde", "~"),
        ("answer", "y"),
        ("switch", "On"),
        ("no", "a key YAML 1.1 reads as false"),
    ];
    let args: Vec<String> = values.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut set = vec!["set", "S-1", "labels=on,off,yes"];
    set.extend(args.iter().map(String::as_str));
    s.ok(&set);
    let Some(read) = pyyaml(&s.read("backlog/stories/S-1.md")) else {
        return;
    };
    for (key, text) in values {
        assert_eq!(read[key], serde_json::json!(["str", text]), "{key}: {read}");
    }
    assert_eq!(
        read["labels"],
        serde_json::json!([["str", "on"], ["str", "off"], ["str", "yes"]]),
        "{read}"
    );
    assert_eq!(read["created"][0], "date", "pobox's own date fields stay dates: {read}");
}

#[test]
fn a_rule_turned_off_with_a_yaml_1_1_word_stays_off() {
    let s = Session::new();
    story(&s, "S-1", "");
    let config = s.read("pobox.yaml");
    for off in ["Off", "no", "OFF", "off"] {
        s.write(
            "pobox.yaml",
            &format!("{config}rules:\n  missing-story-sentence: {off}\n  PO301: {off}\n  PO302: {off}\n"),
        );
        s.write(
            "backlog/stories/S-1.md",
            "---\nid: S-1\ntitle: Pay by card\nstatus: ready\n---\nNo sentence here.\n",
        );
        let (code, out, err) = s.run(&["validate"]);
        assert_eq!(code, 0, "{off}: {out}{err}");
    }
}

#[test]
fn a_status_written_yes_is_named_as_written() {
    let s = Session::new();
    story(&s, "S-1", "");
    s.write(
        "backlog/stories/S-1.md",
        &s.read("backlog/stories/S-1.md").replace("status: draft", "status: yes"),
    );
    let (code, _, err) = s.run(&["validate"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`yes` is not a story status"), "{err}");
    assert!(!err.contains("`true`"), "{err}");
}

// ---------------------------------------------------------------------------------------
// Non-finite numbers and the messages for wrong values.

#[test]
fn an_infinite_number_in_a_user_field_never_stops_a_read_or_an_edit() {
    let s = Session::new();
    story(&s, "S-1", "sla_hours: .inf\nx_a: 1e310\nx_b: .nan\n");
    let (code, out, err) = s.run(&["validate"]);
    assert_eq!(code, 0, "{out}{err}");
    s.ok(&["set", "S-1", "status=done"]);
    let text = s.read("backlog/stories/S-1.md");
    assert!(text.contains("status: done\n"), "{text}");
    for kept in ["sla_hours: .inf\n", "x_a: 1e310\n", "x_b: .nan\n"] {
        assert!(text.contains(kept), "{kept} kept in\n{text}");
    }
}

#[test]
fn a_non_finite_rank_is_refused_naming_the_rank() {
    let s = Session::new();
    s.ok(&["story", "new", "Pay by card"]);
    for rank in ["NaN", "inf", "1e309"] {
        let (code, _, err) = s.run(&["set", "S-1", &format!("rank={rank}")]);
        assert_eq!(code, 2, "{rank}: {err}");
        assert!(err.contains(&format!("`rank` must be a finite number, not `{rank}`")), "{err}");
        assert!(!err.contains("cannot safely rewrite"), "{err}");
    }
}

#[test]
fn a_field_given_twice_is_refused_naming_it() {
    let s = Session::new();
    s.ok(&["story", "new", "Pay by card"]);
    let before = s.read("backlog/stories/S-1.md");
    let (code, _, err) = s.run(&["set", "S-1", "labels=a", "labels=b"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`labels` is given more than once"), "{err}");
    assert!(!err.contains("cannot safely rewrite"), "{err}");
    assert_eq!(s.read("backlog/stories/S-1.md"), before);
}

#[test]
fn two_empty_keys_are_a_duplicate_key_not_an_unsafe_rewrite() {
    let s = Session::new();
    story(&s, "S-1", "~: a\n\"\": b\n");
    let (code, _, err) = s.run(&["validate"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("two keys of the front-matter are empty"), "{err}");
    assert!(err.contains("backlog/stories/S-1.md:6:"), "at the second key: {err}");
}

#[test]
fn negative_and_huge_counts_say_what_is_wrong() {
    let s = Session::new();
    story(&s, "S-1", "points: -3\n");
    s.write(
        "backlog/sprints/SP-1.md",
        "---\nid: SP-1\ntitle: Sprint 1\nstart: 2026-12-01\nend: 2026-12-14\nstatus: planned\ncapacity: 4294967296\n---\n",
    );
    let (code, _, err) = s.run(&["validate"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`points` should be a whole number of 0 or more, not `-3`"), "{err}");
    assert!(
        err.contains("`capacity` should be a whole number up to 4294967295, not `4294967296`"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// Bounded work on any input.

fn huge_sprint(s: &Session, start: &str, end: &str) {
    s.write(
        "backlog/sprints/SP-1.md",
        &format!("---\nid: SP-1\ntitle: Sprint 1\nstart: {start}\nend: {end}\nstatus: active\ncapacity: 8\n---\n"),
    );
    story(s, "S-1", "points: 3\nsprint: SP-1\n");
    s.commit("A sprint of centuries");
}

#[test]
fn a_sprint_longer_than_a_year_is_a_validation_error() {
    let s = Session::new();
    huge_sprint(&s, "0001-01-01", "9999-12-31");
    let (code, _, err) = s.run(&["validate"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[PO112]"), "{err}");
    assert!(err.contains("the sprint runs 3652059 days"), "{err}");
    assert!(err.contains("a sprint is at most 366 days"), "{err}");
}

#[test]
fn a_sprint_length_over_a_year_is_a_config_error() {
    let s = Session::new();
    let config = s.read("pobox.yaml").replace("sprint_length_days: 14", "sprint_length_days: 100000");
    s.write("pobox.yaml", &config);
    let (code, _, err) = s.run(&["sprint", "new", "--start", "2026-12-01"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("error[PO090]: `sprint_length_days: 100000` is more than the 366 days a sprint may run"),
        "{err}"
    );
    assert!(!s.path().join("backlog/sprints/SP-1.md").exists());
}

#[test]
fn a_sprint_length_on_the_command_line_is_bounded() {
    let s = Session::new();
    for length in ["100000000", "367", "0"] {
        let (code, _, err) = s.run(&["sprint", "new", "--start", "2026-12-01", "--length", length]);
        assert_eq!(code, 2, "{length}: {err}");
        assert!(err.contains(&format!("invalid value '{length}' for '--length <LENGTH>'")), "{err}");
        assert!(err.contains("1..=366"), "{err}");
    }
    assert!(!s.path().join("backlog/sprints/SP-1.md").exists());
    s.ok(&["sprint", "new", "--start", "2026-12-01", "--length", "366"]);
    assert!(s.read("backlog/sprints/SP-1.md").contains("\nend: 2027-12-01\n"));
}

#[test]
fn a_sprint_of_centuries_makes_a_small_report() {
    let s = Session::new();
    huge_sprint(&s, "1926-01-01", "2126-12-31");
    let doc = json(&s, &["report", "sprint", "SP-1", "--format", "json"]);
    let days = doc["days"].as_array().unwrap();
    assert!(days.len() <= 366, "{} days", days.len());
    assert_eq!(doc["days_cut"], true);
    let md = s.ok(&["report", "sprint", "SP-1"]);
    assert!(md.len() < 200_000, "{} bytes of Markdown", md.len());
    assert!(md.contains("the burndown shows its first 366 days"), "{md}");
}

#[test]
fn a_megabyte_title_beside_a_long_column_makes_a_small_board() {
    let s = Session::new();
    s.ok(&["sprint", "new", "--start", "2026-12-01"]);
    let title = "Pay ".repeat(50_000);
    s.write(
        "backlog/stories/S-1.md",
        &format!("---\nid: S-1\ntitle: {title}\nstatus: draft\nsprint: SP-1\n---\n"),
    );
    for n in 2..=300 {
        s.write(
            &format!("backlog/stories/S-{n}.md"),
            &format!("---\nid: S-{n}\ntitle: Pay by card\nstatus: ready\npoints: 1\nsprint: SP-1\n---\n"),
        );
    }
    let board = s.ok(&["board", "SP-1"]);
    assert!(board.len() < 200_000, "{} bytes", board.len());
    assert!(board.contains("S-1 ?pt Pay Pay"), "the card is there, cut short");
    assert!(board.contains("S-300 1pt Pay by card"), "every card is there");
}

#[test]
fn a_huge_cell_beside_many_rows_makes_a_small_list() {
    let s = Session::new();
    let big = format!("E-{}", "1".repeat(200_000));
    story(&s, "S-1", &format!("epic: {big}\n"));
    for n in 2..=300 {
        story(&s, &format!("S-{n}"), "");
    }
    let list = s.ok(&["story", "list"]);
    assert!(list.len() < 1_000_000, "{} bytes", list.len());
    assert!(list.contains(&big), "the wide cell is written whole");
    assert_eq!(list.lines().count(), 301, "a header and every story");
}

#[test]
fn metrics_series_cover_at_most_ten_years_of_commits() {
    let s = Session::new();
    story(&s, "S-1", "");
    s.git(&["add", "-A"]);
    git(s.path(), "1971-01-04T10:00:00Z", &["commit", "-q", "-m", "A commit from 1971"]);
    s.write(
        "backlog/stories/S-1.md",
        &s.read("backlog/stories/S-1.md").replace("status: draft", "status: done"),
    );
    s.commit("Done");
    let doc = json(&s, &["metrics", "--format", "json"]);
    let per_day = doc["wip"]["per_day"].as_array().unwrap();
    assert_eq!(per_day.len(), 3660, "ten years of days, to today");
    assert_eq!(doc["series_from"], "2016-11-15");
}

// ---------------------------------------------------------------------------------------
// CSV export: user fields named like its columns.

fn csv_rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|row| {
            headers
                .iter()
                .map(str::to_owned)
                .zip(row.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

#[test]
fn user_fields_named_like_csv_columns_keep_their_own_columns() {
    let a = Session::new();
    story(&a, "S-1", "");
    a.ok(&[
        "set",
        "S-1",
        "kind=customer-kind",
        "path=/docs/x",
        "broken=no-its-fine",
        "body=short-body",
    ]);
    let out = a.ok(&["export", "csv", "--body"]);
    let rows = csv_rows(&out);
    let row = &rows[0];
    assert_eq!(row["kind"], "story", "{out}");
    assert_eq!(row["path"], "backlog/stories/S-1.md", "{out}");
    assert!(row.get("broken").is_none_or(String::is_empty), "not broken: {out}");
    assert_eq!(row["body"], STORY_BODY, "{out}");
    assert_eq!(row["field:kind"], "customer-kind");
    assert_eq!(row["field:path"], "/docs/x");
    assert_eq!(row["field:broken"], "no-its-fine");
    assert_eq!(row["field:body"], "short-body");

    let b = Session::new();
    b.write("items.csv", &out);
    b.ok(&["import", "csv", "items.csv"]);
    let text = b.read("backlog/stories/S-1.md");
    for line in ["kind: customer-kind", "path: /docs/x", "broken: no-its-fine", "body: short-body"] {
        assert!(text.lines().any(|l| l == line), "`{line}` in\n{text}");
    }
    assert!(text.ends_with(STORY_BODY), "the real body comes back:\n{text}");
}

/// User field names: pobox's CSV columns, names that need quoting, and plain ones.
fn user_field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "kind",
            "path",
            "broken",
            "body",
            "type",
            "date",
            "key",
            "summary",
            "Sprint",
            "field:x",
            "x y",
            "no",
            "1",
            "=",
            "Team",
            "wsjf.value",
            "jira_rank",
            "aliases2",
        ])
        .prop_map(str::to_owned),
        "x_[a-z0-9_]{0,6}",
    ]
}

/// A user field's value as pobox writes it, and as JSON.
fn user_value() -> impl Strategy<Value = (NewValue, Value)> {
    let text = prop_oneof![
        "[ -~]{0,12}",
        prop::sample::select(vec![
            "no",
            "On",
            "12:30",
            "=",
            "~",
            "null",
            "true",
            "12",
            "1.50",
            "2026-01-05",
            "'=x",
            "=1+1",
            "-3",
            "[a]",
            "\"q\"",
            " lead",
            "",
            "a;b",
            "{}",
            "0x1F",
        ])
        .prop_map(str::to_owned),
    ];
    prop_oneof![
        4 => text.prop_map(|t| (NewValue::Text(t.clone()), Value::String(t))),
        1 => any::<i32>().prop_map(|i| (NewValue::Int(i.into()), Value::from(i))),
        1 => any::<bool>().prop_map(|b| (NewValue::Bool(b), Value::Bool(b))),
        1 => Just((NewValue::Raw("null".to_owned()), Value::Null)),
        1 => proptest::collection::vec("[a-z ;]{1,5}", 0..3).prop_map(|l| {
            let json = Value::Array(l.iter().cloned().map(Value::String).collect());
            (NewValue::List(l), json)
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn user_fields_round_trip_through_csv_export_and_import(
        fields in proptest::collection::btree_map(user_field_name(), user_value(), 1..5),
    ) {
        // Written as pobox writes a field it creates (`import` does the same).
        let front: String = fields.iter().map(|(k, (v, _))| format!("{}: {}\n", edit::key_to_yaml(k), v.to_yaml_for(k))).collect();
        let text = format!("---\nid: S-1\ntitle: Pay by card\nstatus: draft\n{front}---\n{STORY_BODY}");
        let (item, diags) = read_story(&text);
        prop_assert!(diags.is_empty(), "{:?}\n{}", diags, text);
        let expected: serde_json::Map<String, Value> = fields.iter().map(|(k, (_, j))| (k.clone(), j.clone())).collect();
        prop_assert_eq!(&item.extra, &expected, "written and read back:\n{}", text);

        let csv = export::csv(&[Exported { item: &item, body: Some(export::body_of(&text)) }]).unwrap();
        let config = Config::default();
        let (records, _) = jira_csv::read(
            Path::new("items.csv"),
            csv.as_bytes(),
            &[],
            &config,
            &StatusMap::from_options(&[]).unwrap(),
            &[],
        )
        .unwrap();
        let root = tempfile::tempdir().unwrap();
        let plan = import::plan(root.path(), &config, None, &[], records, Vec::new()).unwrap();
        prop_assert_eq!(plan.items.len(), 1);
        let (back, diags) = read_story(&plan.items[0].text);
        prop_assert!(diags.is_empty(), "{:?}\n{}", diags, plan.items[0].text);
        let mut extra = back.extra.clone();
        extra.remove("aliases");
        prop_assert_eq!(&extra, &expected, "CSV:\n{}\nimported:\n{}", csv, plan.items[0].text);
        prop_assert!(plan.items[0].text.ends_with(STORY_BODY), "{}", plan.items[0].text);
    }
}

// ---------------------------------------------------------------------------------------
// Ids, handles, special files, configured statuses.

#[test]
fn the_largest_id_number_is_never_wrapped_to_zero() {
    let s = Session::new();
    story(&s, "S-18446744073709551615", "");
    let (code, _, err) = s.run(&["story", "new", "Next"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`S-18446744073709551615` has the largest number an id can have"),
        "{err}"
    );
    assert!(!s.path().join("backlog/stories/S-0.md").exists());
}

#[test]
fn a_handle_ending_in_a_dot_is_refused() {
    let s = Session::new();
    let (code, _, err) = s.run(&["stakeholder", "new", "x."]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("starting and ending with a letter or digit"), "{err}");
    s.write("backlog/stakeholders/x..md", "---\nid: x.\ntitle: X\n---\n");
    let (code, _, err) = s.run(&["validate"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[PO015]"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_a_socket_or_a_folder_named_like_an_item_is_reported() {
    let s = Session::new();
    story(&s, "S-1", "");
    let fifo = s.path().join("backlog/stories/S-2.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let _socket = std::os::unix::net::UnixListener::bind(s.path().join("backlog/stories/S-3.md")).unwrap();
    std::fs::create_dir(s.path().join("backlog/stories/S-4.md")).unwrap();
    let (code, _, err) = s.run(&["validate"]);
    assert_eq!(code, 1, "{err}");
    for (file, what) in [("S-2.md", "a named pipe (FIFO)"), ("S-3.md", "a socket"), ("S-4.md", "a folder")] {
        assert!(
            err.lines()
                .any(|l| l.contains("error[PO014]") && l.contains(&format!("it is {what}, not a file"))),
            "{file}: {err}"
        );
        assert!(err.contains(&format!("backlog/stories/{file}")), "{file}: {err}");
    }
}

#[test]
fn a_new_story_starts_in_the_first_configured_status() {
    let s = Session::new();
    let config = s.read("pobox.yaml");
    let line = config.lines().find(|l| l.starts_with("statuses:")).unwrap();
    s.write("pobox.yaml", &config.replace(line, "statuses: [a, b]"));
    s.ok(&["story", "new", "Pay by card"]);
    let text = s.read("backlog/stories/S-1.md");
    assert!(text.contains("\nstatus: a\n"), "{text}");
    let (code, out, err) = s.run(&["validate"]);
    assert_eq!(code, 0, "{out}{err}");
}
