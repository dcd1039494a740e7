//! Messages that say what is so (issue 13): each case is one message that misled, run as
//! a user runs pobox, and named after what it guards.

use crate::support::{Session, outcome};

/// A story file as a user wrote it.
fn story(id: &str, title: &str) -> String {
    format!("---\nid: {id}\ntitle: {title}\nstatus: draft\n---\nAs a shopper, I want this, so that I can buy.\n")
}

#[test]
fn fmt_names_what_it_cannot_reorder_instead_of_an_empty_field() {
    let s = Session::new();
    // In pobox's order `title` comes before `extra`, and its alias before the anchor.
    let text = "---\nextra: &t Pay by card\nid: S-1\ntitle: *t\nstatus: draft\n---\nBody.\n";
    s.write("backlog/stories/S-1.md", text);
    for args in [&["fmt"][..], &["fmt", "--check"]] {
        let (code, _, err) = s.run(args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(!err.contains("``"), "{args:?} names an empty field: {err}");
        assert!(
            err.contains("warning: skipped backlog/stories/S-1.md: putting its fields in pobox's order would change what they say"),
            "{args:?}: {err}"
        );
        assert!(err.contains("order them by hand"), "{args:?}: {err}");
    }
    assert_eq!(s.read("backlog/stories/S-1.md"), text, "nothing is written");
}

#[test]
fn a_merge_conflict_in_pobox_yaml_is_reported_as_one_at_its_line() {
    let s = Session::new();
    s.write(
        "pobox.yaml",
        "product: Corner Shop\n<<<<<<< HEAD\nsprint_length_days: 10\n=======\nsprint_length_days: 7\n>>>>>>> other\n",
    );
    for args in [&["story", "list"][..], &["validate"], &["status"], &["story", "new", "Pay"]] {
        let (code, _, err) = s.run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("error[PO006]: unresolved git merge conflict"), "{args:?}: {err}");
        assert!(err.contains("--> pobox.yaml:2:1"), "{args:?}: {err}");
        assert!(err.contains("delete the <<<<<<< ======= >>>>>>> lines"), "{args:?}: {err}");
        assert!(!err.to_lowercase().contains("yaml error"), "{args:?} calls it a YAML error: {err}");
    }
}

#[test]
fn csv_import_line_numbers_are_an_editors_with_crlf_line_ends() {
    let s = Session::new();
    // The row without a key is on line 4: a header, a row whose description spans two
    // lines, then the row.
    let csv = "Summary,Issue key,Status,Description\r\nFirst,A-1,To Do,\"two\r\nlines\"\r\nSecond,,To Do,x\r\n";
    s.write("jira.csv", csv);
    s.write("jira-lf.csv", &csv.replace("\r\n", "\n"));
    for file in ["jira.csv", "jira-lf.csv"] {
        let (code, _, err) = s.run(&["import", "csv", file, "--dry-run"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(&format!("error: {file}:4: the row has no key")), "{file}: {err}");
    }
}

#[test]
fn a_merge_conflict_in_an_imported_description_is_the_sources_not_a_bug_in_pobox() {
    let s = Session::new();
    let conflict = "Before\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\nafter";
    s.write(
        "jira.csv",
        &format!("Summary,Issue key,Status,Description\nFirst,A-1,To Do,\"{conflict}\"\n"),
    );
    s.write(
        "md/backlog/tasks/task-1 - First.md",
        &format!("---\nid: task-1\ntitle: First\nstatus: To Do\n---\n\n## Description\n\n{conflict}\n"),
    );
    // The line is the text's: the description's in the CSV, the task's body in backlog.md.
    for (args, line) in [(&["import", "csv", "jira.csv"][..], 2), (&["import", "backlog-md", "md"], 4)] {
        let (code, out, err) = s.run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(!err.contains("bug"), "{args:?} blames pobox: {err}");
        let said = format!(
            "its text (what becomes the item's body) cannot be imported as it is: line {line} of it: unresolved git merge conflict"
        );
        assert!(err.contains(&said), "{args:?}: {err}");
        assert!(err.contains("help: it holds a whole merge-conflict block"), "{args:?}: {err}");
        assert!(!s.path().join("backlog/stories/S-1.md").exists(), "{args:?} wrote nothing");
    }
    let (code, _, err) = s.run(&["import", "csv", "jira.csv", "--dry-run"]);
    assert!(code == 2 && err.contains("error: jira.csv:2: its text"), "{err}");
}

#[test]
fn quiet_silences_site_and_export_to_a_file() {
    let s = Session::new();
    s.write("backlog/stories/S-1.md", &story("S-1", "Pay by card"));
    s.commit("a story");
    for args in [
        &["-q", "site", "--out", "site"][..],
        &["-q", "export", "csv", "--out", "items.csv"],
        &["-q", "export", "json", "--out", "items.json"],
        &["-q", "report", "backlog", "--out", "backlog.md"],
    ] {
        let (code, out, err) = s.run(args);
        assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""), "{args:?}");
    }
    assert!(s.path().join("site/index.html").exists() && s.read("items.csv").contains("Pay by card"));
    // Without it they say what they wrote.
    assert!(s.ok(&["site", "--out", "site"]).starts_with("Wrote a site of "));
    let (_, _, err) = s.run(&["export", "csv", "--out", "items.csv"]);
    assert!(err.starts_with("Exported 1 item(s) to items.csv"), "{err}");
}

#[test]
fn columns_zero_is_an_unknown_width_not_a_blank_board() {
    let s = Session::new();
    s.write(
        "backlog/sprints/SP-1.md",
        "---\nid: SP-1\ntitle: Sprint 1\nstart: 2026-11-16\nend: 2026-11-27\ncapacity: 8\nstatus: active\n---\n",
    );
    s.write(
        "backlog/stories/S-1.md",
        "---\nid: S-1\ntitle: Pay by card\nstatus: in-progress\npoints: 3\nsprint: SP-1\n---\nAs a shopper, I want this, so that I can buy.\n",
    );
    let unset = s.ok(&["board"]);
    assert!(unset.contains("S-1 3pt Pay by card"), "{unset}");
    for args in [
        &["board"][..],
        &["story", "list"],
        &["report", "sprint", "SP-1", "--format", "text"],
    ] {
        let run = |columns: Option<&str>| {
            let mut c = s.pobox(args);
            if let Some(columns) = columns {
                c.env("COLUMNS", columns);
            }
            outcome(c.output().unwrap())
        };
        let (code, zero, err) = run(Some("0"));
        let (_, none, _) = run(None);
        // `report sprint` needs history: what matters is the same answer as without COLUMNS.
        assert!(code == 0 || code == 2, "{args:?}: {err}");
        assert_eq!(zero, none, "{args:?} with COLUMNS=0");
        assert!(code != 0 || zero.contains("Pay by card"), "{args:?}: {zero}");
    }
}

#[test]
fn set_keeps_white_space_in_text_exactly_or_says_why_it_cannot() {
    let s = Session::new();
    s.write("backlog/stories/S-1.md", &story("S-1", "Pay by card"));
    let title = |s: &Session| -> String {
        let v: serde_json::Value = serde_json::from_str(&s.ok(&["show", "S-1", "--format", "json"])).unwrap();
        v["item"]["title"].as_str().unwrap().to_owned()
    };
    // Leading and trailing white space, and the characters some readers take for line breaks
    // (NEL, LINE SEPARATOR), are the title's own.
    for wanted in [" Pay by card", "Pay by card ", "Pay\u{85}", "\u{2028}Pay", "Pay\u{2029}", "\tPay"] {
        s.ok(&["set", "S-1", &format!("title={wanted}")]);
        assert_eq!(title(&s), wanted, "{:?}", s.read("backlog/stories/S-1.md"));
        s.ok(&["validate"]);
    }
    // Blank text is refused, saying why; an empty value still removes a field.
    let (code, _, err) = s.run(&["set", "S-1", "title= \u{2028} "]);
    assert_eq!(code, 2);
    assert!(
        err.contains("an item needs a title, and ` \\u{2028} ` is only white space"),
        "{err}"
    );
    let (code, _, err) = s.run(&["set", "S-1", "owner=  "]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`owner` would be only white space (`  `); write `owner=` to remove the field"),
        "{err}"
    );
    // A value read as a number, a date or a list loses the white space around it; a status
    // with it is no status, and is refused with the nearest one.
    s.ok(&["set", "S-1", "points= 3 ", "labels= a , b", "created= 2026-11-02"]);
    let file = s.read("backlog/stories/S-1.md");
    assert!(
        file.contains("points: 3\n") && file.contains("labels: [a, b]\n") && file.contains("created: 2026-11-02\n"),
        "{file}"
    );
    let (code, _, err) = s.run(&["set", "S-1", "status= ready"]);
    assert_eq!(code, 2);
    assert!(err.contains("` ready` is not a story status (did you mean `ready`?)"), "{err}");
}
