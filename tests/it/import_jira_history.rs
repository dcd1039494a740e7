//! `pobox import csv FILE --with-history` (issue 14): the history a Jira export allows,
//! one commit per event (created by its reporter, status category changed, resolved) with
//! the export's moments, ending with exactly the plain import. The export is written here
//! with the columns of a real "Export CSV (all fields)": a story resolved after it was
//! started, one in progress, one with no `Created`, one resolved the moment its category
//! changed, one in progress since an unknown moment, and one in two sprints.

use std::path::{Path, PathBuf};

use pobox::workflow::Category;

use crate::import_history::{backlog_files, commit, finished, git_out, log};
use crate::support::{git, pobox_on, write_file};

const TODAY: &str = "2026-02-01";
const ANN: &str = "Ann Lee <ann@example.com>";

const EXPORT: &str = "Summary,Issue key,Issue id,Issue Type,Status,Reporter,Creator,Created,Resolved,Sprint,Sprint,Status Category,Status Category Changed\n\
Pay,SHOP-1,101,Story,Done,Ann Lee,Ann Lee,05/Jan/26 9:00 AM,12/Jan/26 3:30 PM,Sprint 1,,Done,07/Jan/26 10:00 AM\n\
Search,SHOP-2,102,Story,In Progress,,Bob Ray,06/Jan/26 11:00 AM,,Sprint 1,Sprint 2,In Progress,09/Jan/26 2:00 PM\n\
Refunds,SHOP-3,103,Story,To Do,Cy Vo,Cy Vo,,,,,To Do,\n\
Old idea,SHOP-4,104,Story,Closed,Ann Lee,Ann Lee,05/Jan/26 9:30 AM,08/Jan/26 4:00 PM,,,Done,08/Jan/26 4:00 PM\n\
Audit,SHOP-5,105,Story,In Progress,Ann Lee,Ann Lee,06/Jan/26 12:00 PM,,,,In Progress,\n\
Later,SHOP-6,106,Story,To Do,Cy Vo,Cy Vo,08/Jan/26 4:00 PM,,,,To Do,08/Jan/26 4:00 PM\n";

/// A workspace with one commit in `dir/<name>`, and the export beside it.
fn workspace(dir: &Path, name: &str) -> PathBuf {
    write_file(dir, "jira.csv", EXPORT);
    let ws = dir.join(name);
    std::fs::create_dir(&ws).unwrap();
    git(&ws, "2026-01-20T10:00:00Z", &["init", "-q", "-b", "main"]);
    let (code, _, err) = pobox_on(&ws, TODAY, &["init", "--product", "Shop"]);
    assert_eq!(code, 0, "{err}");
    commit(&ws, "2026-01-20T10:00:00Z", ANN, "Workspace");
    ws
}

fn import(ws: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["import", "csv", "../jira.csv"];
    args.extend_from_slice(extra);
    pobox_on(ws, TODAY, &args)
}

#[test]
fn each_event_of_the_export_is_a_commit_with_its_moment_and_author() {
    let d = tempfile::tempdir().unwrap();
    let ws = workspace(d.path(), "ws");
    let (code, out, err) = import(&ws, &["--with-history"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("History: 6 issue(s); events: 5 created, 2 status category changed, 2 resolved; 9 commit(s) written"),
        "{out}"
    );
    assert!(out.contains("1 with no date (no `Created`)"), "{out}");
    assert!(
        out.contains("sprint scope changes of 2 issue(s) in sprints could not be dated"),
        "{out}"
    );
    assert!(out.contains("the Assignee would be a guess"), "{out}");

    let commits = log(&ws, "%an|%ae|%aI|%cI|%s");
    let importer = "pobox import|import@pobox.invalid";
    let expect = [
        ("Ann Lee|ann-lee@jira.invalid", "2026-01-05T09:00:00Z", "SHOP-1: created"),
        ("Ann Lee|ann-lee@jira.invalid", "2026-01-05T09:30:00Z", "SHOP-4: created"),
        // No Reporter: the Creator.
        ("Bob Ray|bob-ray@jira.invalid", "2026-01-06T11:00:00Z", "SHOP-2: created"),
        ("Ann Lee|ann-lee@jira.invalid", "2026-01-06T12:00:00Z", "SHOP-5: created"),
        (importer, "2026-01-07T10:00:00Z", "SHOP-1: status category changed to in-progress"),
        // At one moment: created before resolved, whatever the keys.
        ("Cy Vo|cy-vo@jira.invalid", "2026-01-08T16:00:00Z", "SHOP-6: created"),
        (importer, "2026-01-08T16:00:00Z", "SHOP-4: resolved to done"),
        (importer, "2026-01-09T14:00:00Z", "SHOP-2: status category changed to in-progress"),
        (importer, "2026-01-12T15:30:00Z", "SHOP-1: resolved to done"),
    ];
    let got: Vec<String> = commits[1..commits.len() - 1].to_vec();
    let want: Vec<String> = expect
        .iter()
        .map(|(who, when, what)| format!("{who}|{when}|{when}|Import {what}"))
        .collect();
    assert_eq!(got, want, "{commits:#?}");
    assert!(
        commits.last().unwrap().ends_with("|Import ../jira.csv with its history"),
        "{commits:#?}"
    );
    assert_eq!(git_out(&ws, &["status", "--porcelain"]), "");

    // Statuses are asked of the workspace's workflow, by category.
    let text = std::fs::read_to_string(ws.join("pobox.yaml")).unwrap();
    let (config, _) = pobox::config::Config::parse(&text, Path::new("pobox.yaml"));
    let history = |id: &str| -> Vec<(String, Option<Category>, String)> {
        let out = pobox_on(&ws, TODAY, &["history", id, "--format", "json"]).1;
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        v["entries"]
            .as_array()
            .unwrap_or_else(|| panic!("{out}"))
            .iter()
            .map(|e| {
                (
                    e["date"].as_str().unwrap().to_owned(),
                    config.workflow.category(e["status"].as_str().unwrap()),
                    e["author"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let s = |day: &str, c: Category, who: &str| (day.to_owned(), Some(c), who.to_owned());
    assert_eq!(
        history("S-1"),
        [
            s("2026-01-05", Category::NotStarted, "Ann Lee"),
            s("2026-01-07", Category::InProgress, "pobox import"),
            s("2026-01-12", Category::Done, "pobox import")
        ]
    );
    // No Created: first seen in the import's own commit, as without history.
    let refunds = history("S-3");
    let joined = git_out(&ws, &["log", "-1", "--format=%aI", "HEAD"]);
    assert_eq!(refunds.len(), 1, "{refunds:?}");
    assert_eq!(refunds[0].0, joined[..10], "{refunds:?}");
    // Two sprints: in its last from its first commit on, the other kept as a list.
    let search = std::fs::read_to_string(ws.join("backlog/stories/S-2.md")).unwrap();
    assert!(search.contains("sprint: SP-2\n"), "{search}");
    let first = git_out(&ws, &["log", "--format=%H", "--reverse", "--", "backlog/stories/S-2.md"]);
    let first = first.lines().next().unwrap();
    let then = git_out(&ws, &["show", &format!("{first}:backlog/stories/S-2.md")]);
    assert!(then.contains("sprint: SP-2\n"), "{then}");

    // Fields of a moment appear at it; `jira_status` names the exported status and is
    // left out while the status is another.
    let versions = git_out(&ws, &["log", "--format=%H", "--reverse", "--", "backlog/stories/S-4.md"]);
    let versions: Vec<String> = versions
        .lines()
        .map(|c| git_out(&ws, &["show", &format!("{c}:backlog/stories/S-4.md")]))
        .collect();
    assert_eq!(versions.len(), 2, "{versions:#?}");
    for field in ["jira_status:", "resolved:", "status_category_changed:"] {
        assert!(!versions[0].contains(field), "{}", versions[0]);
        assert!(versions[1].contains(field), "{}", versions[1]);
    }

    // Cycle time from Status Category Changed to Resolved, lead time from Created: S-1
    // started 01-07, done 01-12, created 01-05; S-4 resolved the moment its category
    // changed (no start of its own: it starts when it is done), created 01-05, done 01-08.
    // S-5 is in progress since an unknown moment: left out. (Epics and sprints aside.)
    let metrics = pobox_on(&ws, TODAY, &["metrics", "--format", "json"]).1;
    let v: serde_json::Value = serde_json::from_str(&metrics).unwrap();
    let finished = finished(&v);
    assert_eq!(finished, [("S-1".to_owned(), 5, 7), ("S-4".to_owned(), 0, 3)], "{metrics}");
    assert_eq!(v["left_out"]["count"], 1, "{metrics}");
    assert_eq!(v["left_out"]["items"][0]["id"], "S-5", "{metrics}");
}

#[test]
fn the_final_tree_is_the_plain_import_and_a_second_run_writes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let ws = workspace(d.path(), "ws");
    let (code, out, err) = import(&ws, &["--with-history"]);
    assert_eq!(code, 0, "{out}{err}");
    let plain = workspace(d.path(), "plain");
    let (code, out, err) = import(&plain, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(backlog_files(&ws), backlog_files(&plain));
    // The last event already left every dated item as the plain import writes it: the
    // joining commit brings only the issue with no date.
    let joined = git_out(
        &ws,
        &[
            "diff",
            "--name-only",
            "HEAD^2",
            "HEAD",
            "--",
            "backlog/stories/*.md",
            "backlog/sprints/*.md",
        ],
    );
    assert_eq!(joined.trim(), "backlog/stories/S-3.md", "{joined}");

    let before = log(&ws, "%H");
    let (code, out, err) = import(&ws, &["--with-history"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Already imported, skipped (6)"), "{out}");
    assert!(out.contains("History: nothing to write, so no commit was made"), "{out}");
    assert_eq!(log(&ws, "%H"), before);
}

#[test]
fn a_dry_run_counts_the_commits_and_a_dirty_backlog_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let ws = workspace(d.path(), "ws");
    let before = log(&ws, "%H");
    let (code, out, err) = import(&ws, &["--with-history", "--dry-run"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("9 commit(s) would be written"), "{out}");
    assert_eq!(log(&ws, "%H"), before);
    assert!(!ws.join("backlog/stories/S-1.md").exists());

    write_file(&ws, "backlog/stories/S-9.md", "---\nid: S-9\ntitle: Mine\nstatus: draft\n---\n");
    let (code, out, err) = import(&ws, &["--with-history"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("the backlog folder has changes that are not committed: backlog/stories/S-9.md"),
        "{err}"
    );
    assert_eq!(log(&ws, "%H"), before);
    assert!(!ws.join("backlog/stories/S-1.md").exists(), "nothing written");
}
