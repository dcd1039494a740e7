//! `pobox import` and `pobox export` on real exported data: a Backlog.md project's own
//! `backlog/` folder and two Jira Cloud CSV exports (see `tests/fixtures/*/README.md`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::support::{self, git, pobox_on};

const TODAY: &str = "2026-11-22";
const WHEN: &str = "2026-11-22T10:00:00Z";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A git repository with a fresh workspace in `dir/ws`, and a copy of fixture `name` in
/// `dir/name`, so commands can name it by a relative path.
fn workspace_with(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    std::fs::create_dir(&ws).unwrap();
    git(&ws, WHEN, &["init", "-q"]);
    let (code, _, err) = pobox_on(&ws, TODAY, &["init", "--product", "Imports"]);
    assert_eq!(code, 0, "{err}");
    support::copy_dir(&fixture(name), &dir.path().join(name));
    (dir, ws)
}

/// The files under `dir`, outside `.git` (`pobox init` puts a `.gitkeep` in each empty
/// folder, which does not count).
fn files_in(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name() != ".gitkeep")
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect()
}

fn read(ws: &Path, rel: &str) -> String {
    std::fs::read_to_string(ws.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The item files whose `aliases` hold `alias`.
fn file_of(ws: &Path, alias: &str) -> String {
    let (code, out, err) = pobox_on(ws, TODAY, &["show", alias, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    read(ws, v["item"]["path"].as_str().unwrap())
}

fn field<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let fm = text.split("\n---\n").next().unwrap();
    fm.lines().find_map(|l| l.strip_prefix(&format!("{key}: ")))
}

/// Rule codes of `pobox validate`'s errors.
fn error_codes(ws: &Path) -> (i32, BTreeSet<String>) {
    let (code, out, _) = pobox_on(ws, TODAY, &["validate", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    (code, codes)
}

fn allow_unestimated_history(ws: &Path) {
    let mut config = read(ws, "pobox.yaml");
    assert!(!config.contains("rules:"), "{config}");
    config.push_str("rules:\n  ready-without-estimate: warning\n  ready-without-criteria: warning\n");
    std::fs::write(ws.join("pobox.yaml"), config).unwrap();
}

#[test]
fn backlog_md_dry_run_writes_nothing_and_shows_every_file() {
    let (_dir, ws) = workspace_with("backlog-md");
    let before = files_in(&ws);
    let (code, out, err) = pobox_on(&ws, TODAY, &["import", "backlog-md", "../backlog-md", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(files_in(&ws), before, "a dry run writes nothing");
    insta::assert_snapshot!("backlog_md_dry_run", out);
    let (code, out, _) = pobox_on(&ws, TODAY, &["import", "backlog-md", "../backlog-md", "--dry-run", "--print"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("<!-- backlog/stories/S-15.md -->\n---\nid: S-15\ntitle: Show parent and subtask hierarchy"),
        "{out}"
    );
    assert_eq!(files_in(&ws), before);
}

#[test]
fn backlog_md_import_maps_fields_and_passes_validate() {
    let (_dir, ws) = workspace_with("backlog-md");
    let (code, out, err) = pobox_on(&ws, TODAY, &["import", "backlog-md", "../backlog-md"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Imported ../backlog-md: created 46 file(s).\n"), "{out}");
    let stories = files_in(&ws.join("backlog/stories"));
    assert_eq!(stories.len(), 39, "{stories:?}");
    assert_eq!(files_in(&ws.join("backlog/epics")).len(), 6);

    // A subtask: its parent task is its `parent`, its criteria are pobox's, markers gone.
    let child = file_of(&ws, "BACK-222.1");
    assert_eq!(field(&child, "aliases"), Some("[BACK-222.1]"));
    assert_eq!(field(&child, "status"), Some("done"));
    assert_eq!(field(&child, "assignee"), Some("codex"));
    assert_eq!(field(&child, "created"), Some("2026-08-17"));
    assert_eq!(field(&child, "ordinal"), Some("272000"));
    let parent = file_of(&ws, "BACK-222");
    assert_eq!(field(&child, "parent"), field(&parent, "id"));
    assert!(
        child.contains("\n## Acceptance criteria\n- [x] The task details modal shows a Parent section"),
        "{child}"
    );
    assert!(!child.contains("<!--"), "markers are dropped: {child}");
    assert!(!child.contains("- [x] #1"), "indexes are dropped: {child}");
    assert!(child.contains("## Implementation Notes\n"), "other sections are kept");

    // Dependencies named with the old `task-` prefix resolve to the new ids.
    let dependent = file_of(&ws, "BACK-355.02");
    let prerequisite = file_of(&ws, "BACK-355.01");
    assert_eq!(
        field(&dependent, "depends_on"),
        Some(format!("[{}]", field(&prerequisite, "id").unwrap()).as_str())
    );
    // A milestone file becomes an epic, and tasks in it point at that epic.
    let composer = file_of(&ws, "BACK-430");
    let milestone = file_of(&ws, "m-8");
    assert!(milestone.contains("title: TUI Task Composer"), "{milestone}");
    assert_eq!(field(&composer, "epic"), field(&milestone, "id"));
    assert_eq!(field(&composer, "labels"), Some("[tui, enhancement]"));
    assert_eq!(field(&composer, "priority"), Some("medium"));
    // Drafts are drafts; archived "Won't Do" tasks are dropped and keep their status.
    assert_eq!(field(&file_of(&ws, "DRAFT-4"), "status"), Some("draft"));
    let archived = file_of(&ws, "BACK-76.2");
    assert_eq!(field(&archived, "status"), Some("dropped"));
    assert_eq!(field(&archived, "backlog_status"), Some("Won't Do"));
    assert_eq!(field(&archived, "archived"), Some("true"));
    // `assignee: @MrLesk` (unquoted, as Backlog.md allows) and a dependency on a task that
    // is not in the folder.
    let first = file_of(&ws, "BACK-1");
    assert_eq!(field(&first, "assignee"), Some("mrlesk"));
    assert_eq!(field(&first, "unresolved_depends_on"), Some("[task-0]"));

    // Every file reads cleanly: the only errors are the readiness rules, since Backlog.md
    // has no estimates, and the import said so.
    assert!(
        out.contains("24 imported stories are `ready` or later without an estimate"),
        "{out}"
    );
    let (code, codes) = error_codes(&ws);
    assert_eq!(code, 1);
    assert_eq!(codes, BTreeSet::from(["PO301".to_owned(), "PO302".to_owned()]));
    allow_unestimated_history(&ws);
    let (code, out, err) = pobox_on(&ws, TODAY, &["validate"]);
    assert_eq!(code, 0, "{out}{err}");

    // Running it again creates nothing and says what it skipped.
    git(&ws, WHEN, &["add", "-A"]);
    git(&ws, WHEN, &["commit", "-qm", "import"]);
    let before = files_in(&ws);
    let (code, out, _) = pobox_on(&ws, TODAY, &["import", "backlog-md", "../backlog-md"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Imported ../backlog-md: created 0 file(s).\n"), "{out}");
    assert!(
        out.contains("Already imported, skipped (46):\n  m-6 is E-1 (backlog/milestones/m-6 - new-milestones-ui.md)\n"),
        "{out}"
    );
    assert_eq!(files_in(&ws), before);
}

#[test]
fn ids_continue_after_existing_items_and_branches() {
    let (_dir, ws) = workspace_with("backlog-md");
    let (code, _, err) = pobox_on(&ws, TODAY, &["story", "new", "Already here"]);
    assert_eq!(code, 0, "{err}");
    git(&ws, WHEN, &["add", "-A"]);
    git(&ws, WHEN, &["commit", "-qm", "one story"]);
    git(&ws, WHEN, &["checkout", "-qb", "other"]);
    let (code, _, _) = pobox_on(&ws, TODAY, &["story", "new", "On another branch"]);
    assert_eq!(code, 0);
    git(&ws, WHEN, &["add", "-A"]);
    git(&ws, WHEN, &["commit", "-qm", "second story"]);
    git(&ws, WHEN, &["checkout", "-q", "-"]);
    let (code, out, err) = pobox_on(&ws, TODAY, &["import", "backlog-md", "../backlog-md", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("backlog/stories/S-3.md    S-3   BACK-1 "),
        "S-2 is taken on a branch: {out}"
    );
}

#[test]
fn import_errors_name_the_place_and_the_fix() {
    let (dir, ws) = workspace_with("backlog-md");
    let (code, _, err) = pobox_on(&ws, TODAY, &["import", "backlog-md", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("this is not a Backlog.md project"), "{err}");

    // A status the workflow has no counterpart for imports (see `import_backlog_md`); a
    // mapping the user gives must name a status, and stops the import when it does not.
    let task = dir.path().join("backlog-md/backlog/tasks/back-1000 - Parked.md");
    std::fs::write(&task, "---\nid: BACK-1000\ntitle: Parked\nstatus: Parked\n---\n").unwrap();
    let (code, _, err) = pobox_on(&ws, TODAY, &["import", "backlog-md", "../backlog-md", "--status", "Parked=later"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("backlog/tasks/back-1000 - Parked.md: status `Parked` has no pobox story status"),
        "{err}"
    );
    assert!(err.contains("--status \"Parked=<status>\""), "{err}");
    assert!(
        files_in(&ws.join("backlog/stories")).is_empty(),
        "nothing is written when the source has an error"
    );
    let (code, out, err) = pobox_on(
        &ws,
        TODAY,
        &["import", "backlog-md", "../backlog-md", "--status", "Parked=draft", "--dry-run"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("BACK-1000"), "{out}");
}

#[test]
fn jira_csv_import_links_epics_parents_and_sprints() {
    let (_dir, ws) = workspace_with("jira-csv");
    let csv = "../jira-csv/cs4483-teamworkflow.csv";
    let (code, out, err) = pobox_on(&ws, TODAY, &["import", "csv", csv, "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(files_in(&ws.join("backlog/stories")).is_empty());
    insta::assert_snapshot!("jira_csv_dry_run", out);

    let (code, out, err) = pobox_on(&ws, TODAY, &["import", "csv", csv]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(&format!("Imported {csv}: created 50 file(s).")), "{out}");
    // Sprints in the order of their numbers, before epics and stories.
    let sprint0 = read(&ws, "backlog/sprints/SP-1.md");
    assert!(sprint0.contains("title: Sprint 0 — Setup & Planning\n"), "{sprint0}");
    assert_eq!(field(&sprint0, "status"), Some("closed"), "all its stories are done");
    // A story whose `Parent` is an epic's issue id belongs to that epic.
    let epic = file_of(&ws, "CS4483-28");
    let story = file_of(&ws, "CS4483-54");
    assert_eq!(field(&story, "epic"), field(&epic, "id"));
    assert_eq!(field(&story, "issue_type"), None, "a Story is a story");
    // A sub-task's parent is a story: it becomes `parent`.
    let sub = file_of(&ws, "CS4483-57");
    assert_eq!(field(&sub, "parent"), field(&story, "id"));
    assert_eq!(field(&sub, "issue_type"), Some("Sub-task"));
    assert_eq!(field(&sub, "jira_status"), Some("To Do"));
    assert_eq!(field(&sub, "status"), Some("draft"));
    assert_eq!(field(&sub, "created"), Some("2026-02-15"));
    assert_eq!(field(&sub, "assignee"), Some("bella"));
    assert_eq!(field(&sub, "jira_rank"), Some("\"0|i000fb:\""), "Jira's Rank is not pobox's rank");
    assert!(
        sub.ends_with("---\n\nImplement adjustments based on grouped feedback.\nDocument before/after changes.\n"),
        "{sub}"
    );
    // Five `Labels` columns make one list.
    let epic_d2 = field(&epic, "labels").unwrap();
    assert!(epic_d2.starts_with('['), "{epic_d2}");

    let (code, codes) = error_codes(&ws);
    assert_eq!(code, 1);
    assert_eq!(codes, BTreeSet::from(["PO112".to_owned(), "PO301".to_owned(), "PO302".to_owned()]));
    allow_unestimated_history(&ws);
    for (n, start, end) in [
        (1, "2026-01-05", "2026-01-18"),
        (2, "2026-01-19", "2026-02-01"),
        (3, "2026-02-02", "2026-02-15"),
        (4, "2026-02-16", "2026-03-01"),
        (5, "2026-03-02", "2026-03-15"),
    ] {
        let id = format!("SP-{n}");
        let (code, _, err) = pobox_on(&ws, TODAY, &["set", &id, &format!("start={start}"), &format!("end={end}")]);
        assert_eq!(code, 0, "{err}");
    }
    let (code, out, err) = pobox_on(&ws, TODAY, &["validate"]);
    assert_eq!(code, 0, "{out}{err}");

    // Again: nothing new, and sprints are matched by name.
    let before = files_in(&ws);
    let (code, out, _) = pobox_on(&ws, TODAY, &["import", "csv", csv]);
    assert_eq!(code, 0);
    assert!(out.contains("Already imported, skipped (45):"), "{out}");
    assert_eq!(files_in(&ws), before);

    // The second export links by `Epic Link` and reuses nothing of the first.
    let (code, out, err) = pobox_on(&ws, TODAY, &["import", "csv", "../jira-csv/retail-sprint-1.csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("created 21 file(s)"), "{out}");
    let epic = file_of(&ws, "RETAIL-1");
    assert_eq!(field(&epic, "title"), Some("Reviews and Add Reviews"));
    let story = file_of(&ws, "RETAIL-70");
    assert_eq!(field(&story, "epic"), field(&epic, "id"));
    assert_eq!(field(&story, "sprint"), Some("SP-6"));
    // Links to issues of the export name their pobox ids; the others stay as they were.
    let related: Vec<String> = ["RETAIL-73", "RETAIL-74"]
        .iter()
        .map(|k| field(&file_of(&ws, k), "id").unwrap().to_owned())
        .collect();
    assert_eq!(field(&story, "relates_to"), Some(format!("[{}]", related.join(", ")).as_str()));
    assert_eq!(field(&story, "unresolved_relates_to"), Some("[RETAIL-71, RETAIL-72]"));
}

#[test]
fn csv_map_and_errors() {
    let (dir, ws) = workspace_with("jira-csv");
    let file = dir.path().join("team.csv");
    std::fs::write(
        &file,
        "\u{feff}Ticket,Name,State,Estimate,Team\nT-1,\"First, with a comma\",Open,3,Blue\nT-2,Second,In Review,5,Red\n",
    )
    .unwrap();
    let (code, _, err) = pobox_on(&ws, TODAY, &["import", "csv", "../team.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("no column holds the issues' keys"), "{err}");
    assert!(err.contains("--map COLUMN=key"), "{err}");
    let (code, _, err) = pobox_on(
        &ws,
        TODAY,
        &["import", "csv", "../team.csv", "--map", "Ticket=key", "--map", "Size=points"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("names the column `Size`, but the file has no such column"), "{err}");
    assert!(err.contains("the columns are: Ticket, Name, State, Estimate, Team"), "{err}");
    let (code, out, err) = pobox_on(
        &ws,
        TODAY,
        &[
            "import",
            "csv",
            "../team.csv",
            "--map",
            "Ticket=key",
            "--map",
            "Name=title",
            "--map",
            "State=status",
            "--map",
            "Estimate=points",
            "--map",
            "Team=squad",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("created 2 file(s)"), "{out}");
    let first = read(&ws, "backlog/stories/S-1.md");
    assert_eq!(
        first,
        "---\nid: S-1\ntitle: First, with a comma\nstatus: draft\npoints: 3\naliases: [T-1]\njira_status: Open\nsquad: Blue\n---\n"
    );
    assert_eq!(field(&read(&ws, "backlog/stories/S-2.md"), "status"), Some("review"));
}

/// A value of an exported item with every id it names replaced by the alias of the item
/// with that id, so two workspaces with different ids compare.
fn normalized(items: &[serde_json::Value]) -> BTreeMap<String, serde_json::Value> {
    let alias_of: BTreeMap<String, String> = items
        .iter()
        .map(|i| {
            let id = i["id"].as_str().unwrap().to_owned();
            let alias = i["extra"]["aliases"][0].as_str().map_or_else(|| id.clone(), str::to_owned);
            (id, alias)
        })
        .collect();
    let rename = |v: &serde_json::Value| -> serde_json::Value {
        match v {
            serde_json::Value::String(s) => alias_of.get(s).cloned().unwrap_or_else(|| s.clone()).into(),
            serde_json::Value::Array(a) => a
                .iter()
                .map(|x| {
                    x.as_str()
                        .map_or_else(|| x.clone(), |s| alias_of.get(s).cloned().unwrap_or_else(|| s.to_owned()).into())
                })
                .collect(),
            other => other.clone(),
        }
    };
    items
        .iter()
        .map(|i| {
            let mut i = i.clone();
            let m = i.as_object_mut().unwrap();
            let key = alias_of[m["id"].as_str().unwrap()].clone();
            m.remove("id");
            m.remove("path");
            if let Some(extra) = m.get_mut("extra").and_then(|e| e.as_object_mut()) {
                extra.remove("aliases");
                if extra.is_empty() {
                    m.remove("extra");
                }
            }
            for f in ["epic", "sprint", "depends_on", "related"] {
                if let Some(v) = m.get(f).map(&rename) {
                    m.insert(f.to_owned(), v);
                }
            }
            if let Some(body) = m.get_mut("body") {
                *body = body.as_str().unwrap().trim_end().into();
            }
            (key, i)
        })
        .collect()
}

fn export_json(ws: &Path, kinds: &str) -> Vec<serde_json::Value> {
    let (code, out, err) = pobox_on(ws, TODAY, &["export", "json", "--kind", kinds, "--body"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["export"], "items");
    v["items"].as_array().unwrap().clone()
}

#[test]
fn export_csv_imports_back_to_the_same_items() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = pobox_on(dir.path(), "2026-10-14", &["demo", "a"]);
    assert_eq!(code, 0, "{err}");
    let a = dir.path().join("a");
    // A field pobox does not know, a list of them, and a value a spreadsheet would run.
    let s1 = read(&a, "backlog/stories/S-1.md").replacen("\n---\n", "\nteam: blue\ncustomers: [acme, \"b; c\"]\nnote: \"=1+1\"\n---\n", 1);
    std::fs::write(a.join("backlog/stories/S-1.md"), s1).unwrap();
    let (code, _, err) = pobox_on(&a, TODAY, &["export", "csv", "--body", "--out", "../items.csv"]);
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(dir.path().join("items.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("kind,id,title,status,epic,points,sprint,labels,"), "{header}");
    assert!(
        header.ends_with(",field:customers,field:note,field:team,body"),
        "known columns, then the user's own fields sorted, then the body: {header}"
    );
    assert!(csv.contains(",'=1+1,"), "formulas are defused");

    let b = dir.path().join("b");
    std::fs::create_dir(&b).unwrap();
    git(&b, WHEN, &["init", "-q"]);
    let (code, _, _) = pobox_on(&b, TODAY, &["init", "--product", "Corner Shop Online"]);
    assert_eq!(code, 0);
    let (code, out, err) = pobox_on(&b, TODAY, &["import", "csv", "../items.csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("Notes"), "nothing to report: {out}");
    let kinds = "story,epic,stakeholder,meeting,sprint,risk";
    let before = normalized(&export_json(&a, kinds));
    let after = normalized(&export_json(&b, kinds));
    assert_eq!(before.len(), after.len());
    for (key, item) in &before {
        assert_eq!(Some(item), after.get(key), "{key}");
    }
    let (code, out, _) = pobox_on(&b, TODAY, &["validate"]);
    let (code_a, out_a, _) = pobox_on(&a, TODAY, &["validate"]);
    assert_eq!((code, out.lines().last()), (code_a, out_a.lines().last()), "{out}");
}

#[test]
fn export_selects_kinds_and_writes_files() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, _) = pobox_on(dir.path(), "2026-10-14", &["demo", "a"]);
    assert_eq!(code, 0);
    let a = dir.path().join("a");
    let (code, out, _) = pobox_on(&a, TODAY, &["export", "csv", "--kind", "stakeholder"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("kind,id,title,"), "{out}");
    assert!(out.lines().skip(1).all(|l| l.starts_with("stakeholder,")), "{out}");
    let (code, _, err) = pobox_on(&a, TODAY, &["export", "json", "--kind", "stories"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = pobox_on(&a, TODAY, &["export", "json", "--kind", "tasks"]);
    assert_eq!(code, 2);
    assert!(err.contains("`--kind tasks` is not a kind"), "{err}");
    let (code, _, err) = pobox_on(&a, TODAY, &["export", "json", "--out", "all.json"]);
    assert_eq!(code, 0);
    assert!(err.starts_with("Exported "), "{err}");
    let v: serde_json::Value = serde_json::from_str(&read(&a, "all.json")).unwrap();
    let kinds: BTreeSet<&str> = v["items"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.len(), 6, "{kinds:?}");
}
