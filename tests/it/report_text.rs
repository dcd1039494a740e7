//! `pobox report … --format text`: every report as plain text for a terminal, written from
//! the same page as its Markdown and HTML, on the demo with its last day (2026-10-14)
//! pinned as today.

use std::path::Path;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::support::{self, demo};

const TODAY: &str = "2026-10-14";

fn ok(dir: &Path, args: &[&str]) -> String {
    support::pobox_ok(dir, TODAY, args)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, &[args, &["--format", "json"]].concat())).unwrap()
}

/// The value at the end of the text line that starts with `label`.
fn value_after<'t>(text: &'t str, label: &str) -> &'t str {
    let line = text
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no line starts with {label:?}:\n{text}"));
    line.split_whitespace().last().unwrap()
}

#[test]
fn the_sprint_report_in_text_says_what_its_json_says() {
    let dir = demo();
    let text = ok(dir.path(), &["report", "sprint", "SP-2", "--format", "text"]);
    let v = json(dir.path(), &["report", "sprint", "SP-2"]);
    assert!(
        text.starts_with("Sprint report: SP-2 Sprint 2\n============================\n"),
        "{text}"
    );
    for (label, key) in [
        ("Committed at the start", "committed"),
        ("Added after the start", "added"),
        ("Final scope", "final_scope"),
        ("Completed ", "completed"),
        ("Committed and completed", "committed_done"),
    ] {
        assert_eq!(value_after(&text, label), v["points"][key].to_string(), "{label}");
    }
    // One burndown bar per day of the JSON, each ending with that day's remaining work.
    let days = v["days"].as_array().unwrap();
    let bars: Vec<&str> = text.lines().filter(|l| l.contains(" (ideal ")).collect();
    assert_eq!(bars.len(), days.len(), "{text}");
    for (bar, day) in bars.iter().zip(days) {
        assert!(bar.contains(&format!("  {} (ideal ", day["remaining"])), "{bar} vs {day}");
    }
    for heading in ["Summary", "Burndown", "Velocity", "Scope changes", "Stories", "Meetings"] {
        assert!(
            text.contains(&format!("\n{heading}\n{}\n", "-".repeat(heading.len()))),
            "{heading} is an underlined heading:\n{text}"
        );
    }
    // The Markdown-only sentence is there, the HTML-only cards are not.
    assert!(text.contains("Commitment reliability 52% (11 of 21 committed points done)"));
    assert!(!text.contains("points committed"), "no figure cards in text");
    insta::assert_snapshot!("demo_sprint_2_text", text);
}

#[test]
fn every_report_has_a_text_form() {
    let dir = demo();
    let reports: [(&[&str], &str, &[&str]); 7] = [
        (&["report", "backlog"], "Backlog", &["Order", "Missing inputs (2)"]),
        (&["report", "actions"], "Action items", &["By owner", "Needs an owner/due date (0)"]),
        (&["report", "risks"], "Risks", &["Likelihood × impact", "Open risks by score (1)"]),
        (
            &["report", "stakeholders"],
            "Stakeholders",
            &["Power/interest grid", "Contact and requests"],
        ),
        (&["report", "roadmap"], "Roadmap", &["Now, Next, Later", "Timeline"]),
        (&["report", "epics"], "Epics", &["Progress and forecast"]),
        (
            &["report", "sprint", "--current"],
            "Sprint report: SP-3 Sprint 3",
            &["Summary", "Burndown"],
        ),
    ];
    for (args, title, sections) in reports {
        let text = ok(dir.path(), &[args, &["--format", "text"]].concat());
        assert!(
            text.starts_with(&format!("{title}\n{}\n", "=".repeat(title.width()))),
            "{args:?}:\n{text}"
        );
        assert!(text.contains("as of 2026-10-14"), "{args:?}");
        for s in sections {
            assert!(text.contains(&format!("\n{s}\n")), "{args:?} has no section {s}:\n{text}");
        }
        assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{args:?}");
        assert!(!text.contains('<') || args[1] == "risks", "{args:?}: no markup:\n{text}");
        assert!(!text.contains("**") && !text.contains("```"), "{args:?}: no Markdown:\n{text}");
    }
    let roadmap = ok(dir.path(), &["report", "roadmap", "--format", "text"]);
    insta::assert_snapshot!("demo_roadmap_text", roadmap);
}

#[test]
fn text_fits_the_terminal_and_a_file_is_not_fitted() {
    let dir = demo();
    let narrow = support::pobox(dir.path(), TODAY)
        .env("COLUMNS", "60")
        .args(["report", "actions", "--format", "text"])
        .output()
        .unwrap();
    assert!(narrow.status.success());
    let narrow = String::from_utf8(narrow.stdout).unwrap();
    for line in narrow.lines() {
        assert!(line.width() <= 60, "wider than 60 columns: {line:?}");
    }
    assert!(narrow.contains('…'), "long cells are shortened:\n{narrow}");
    let out = dir.path().join("actions.txt");
    let said = support::pobox(dir.path(), TODAY)
        .env("COLUMNS", "60")
        .args(["report", "actions", "--format", "text", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(said.status.success());
    assert!(
        !String::from_utf8_lossy(&said.stdout).contains("Action items\n"),
        "the report goes to the file"
    );
    let file = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        file,
        ok(dir.path(), &["report", "actions", "--format", "text"]),
        "a file keeps whole lines"
    );
    assert!(!file.contains('…'));
}

#[test]
fn portfolio_has_a_text_form() {
    let dir = demo();
    let text = ok(dir.path(), &["report", "portfolio", ".", "--format", "text"]);
    assert!(text.starts_with("Portfolio\n=========\n"), "{text}");
    // The totals are a table in text, as in Markdown (the page shows cards).
    assert!(text.contains("PRODUCTS  EPICS"), "{text}");
    assert!(text.contains("\nCorner Shop Online\n------------------\n"), "{text}");
}
