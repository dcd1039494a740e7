//! `pobox import backlog-md DIR --with-history` (issue 14): the source's commits replayed
//! with their authors and dates. The source is a Backlog.md repository built here, with
//! pinned dates and three authors: a task created, renamed when its title changes, started
//! on a branch that is merged, moved to `completed/`, given a new id by a change of
//! prefix, its estimate changed, a task deleted, and a commit that changes nothing the
//! import writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pobox::workflow::Category;

use crate::support::{git, pobox_on, write_file};

const TODAY: &str = "2026-02-01";
const ANN: &str = "Ann Lee <ann@example.com>";
const BOB: &str = "Bob Ray <bob@example.com>";
const CY: &str = "Cy Vo <cy@example.com>";

fn task(id: &str, title: &str, status: &str, extra: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: {title}\nstatus: {status}\nassignee: []\ncreated_date: '2026-01-05 09:00'\nlabels: []\ndependencies: []\n{extra}---\n\n## Description\n\n{title}.\n"
    )
}

/// Write the task file `rel` below `dir` ([`task`]).
fn put(dir: &Path, rel: &str, id: &str, title: &str, status: &str, extra: &str) {
    write_file(dir, rel, &task(id, title, status, extra));
}

/// `git add -A` and a commit by `author` at `when`.
pub(crate) fn commit(dir: &Path, when: &str, author: &str, message: &str) {
    git(dir, when, &["add", "-A"]);
    git(dir, when, &["commit", "-q", "--author", author, "-m", message]);
}

fn remove(dir: &Path, rel: &str) {
    std::fs::remove_file(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
}

/// The source repository in `dir/source`, and a fresh workspace with one commit in
/// `dir/ws`.
fn fixture() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("source");
    std::fs::create_dir(&src).unwrap();
    git(&src, "2026-01-05T09:00:00Z", &["init", "-q", "-b", "main"]);
    write_file(
        &src,
        "backlog/config.yml",
        "project_name: Shop\nstatuses: [To Do, In Progress, Done]\n",
    );
    put(&src, "backlog/tasks/task-1 - Login.md", "task-1", "Login", "To Do", "");
    put(
        &src,
        "backlog/tasks/task-2 - Search.md",
        "task-2",
        "Search",
        "To Do",
        "estimate: 3\n",
    );
    put(&src, "backlog/tasks/task-3 - Old idea.md", "task-3", "Old idea", "To Do", "");
    commit(&src, "2026-01-05T09:00:00Z", ANN, "Backlog");
    // Started, and renamed with its new title.
    remove(&src, "backlog/tasks/task-1 - Login.md");
    put(&src, "backlog/tasks/task-1 - Sign in.md", "task-1", "Sign in", "In Progress", "");
    commit(&src, "2026-01-07T10:00:00Z", BOB, "Start sign-in");
    // Nothing the import writes.
    write_file(&src, "README.md", "# Shop\n");
    write_file(&src, "backlog/docs/doc-1 - Notes.md", "---\nid: doc-1\ntitle: Notes\n---\n");
    commit(&src, "2026-01-08T10:00:00Z", ANN, "Notes");
    // Search is started on a branch, merged later.
    git(&src, "2026-01-09T10:00:00Z", &["checkout", "-q", "-b", "search"]);
    put(
        &src,
        "backlog/tasks/task-2 - Search.md",
        "task-2",
        "Search",
        "In Progress",
        "estimate: 5\n",
    );
    commit(&src, "2026-01-09T10:00:00Z", CY, "Start search, estimate 5");
    git(&src, "2026-01-10T10:00:00Z", &["checkout", "-q", "main"]);
    remove(&src, "backlog/tasks/task-1 - Sign in.md");
    put(&src, "backlog/completed/task-1 - Sign in.md", "task-1", "Sign in", "Done", "");
    commit(&src, "2026-01-10T10:00:00Z", BOB, "Sign-in done");
    git(
        &src,
        "2026-01-12T10:00:00Z",
        &["merge", "-q", "--no-ff", "search", "-m", "Merge search"],
    );
    remove(&src, "backlog/tasks/task-3 - Old idea.md");
    commit(&src, "2026-01-13T10:00:00Z", ANN, "Drop the old idea");
    // The project takes a prefix of its own: every id changes.
    write_file(
        &src,
        "backlog/config.yml",
        "project_name: Shop\ntask_prefix: back\nstatuses: [To Do, In Progress, Done]\n",
    );
    remove(&src, "backlog/completed/task-1 - Sign in.md");
    put(&src, "backlog/completed/back-1 - Sign in.md", "BACK-1", "Sign in", "Done", "");
    remove(&src, "backlog/tasks/task-2 - Search.md");
    put(
        &src,
        "backlog/tasks/back-2 - Search.md",
        "BACK-2",
        "Search",
        "In Progress",
        "estimate: 5\n",
    );
    commit(&src, "2026-01-14T10:00:00Z", BOB, "Prefix back");
    put(
        &src,
        "backlog/tasks/back-2 - Search.md",
        "BACK-2",
        "Search",
        "Done",
        "estimate: 5\n",
    );
    commit(&src, "2026-01-16T10:00:00Z", CY, "Search done");

    let ws = dir.path().join("ws");
    std::fs::create_dir(&ws).unwrap();
    git(&ws, "2026-01-20T10:00:00Z", &["init", "-q", "-b", "main"]);
    let (code, _, err) = pobox_on(&ws, TODAY, &["init", "--product", "Shop"]);
    assert_eq!(code, 0, "{err}");
    commit(&ws, "2026-01-20T10:00:00Z", ANN, "Workspace");
    (dir, src, ws)
}

fn import(ws: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["import", "backlog-md", "../source"];
    args.extend_from_slice(extra);
    pobox_on(ws, TODAY, &args)
}

/// What git prints in `dir`, which must succeed.
pub(crate) fn git_out(dir: &Path, args: &[&str]) -> String {
    let o = std::process::Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}");
    String::from_utf8(o.stdout).unwrap()
}

/// `git log` of the workspace, oldest first, one line per commit in `format`.
pub(crate) fn log(ws: &Path, format: &str) -> Vec<String> {
    let format = format!("--format={format}");
    git_out(ws, &["log", "--reverse", "--topo-order", &format])
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Every file below `backlog/` of `dir`, path → text.
pub(crate) fn backlog_files(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, &dir.join("backlog"), &mut out);
    out
}

/// The stories `metrics --format json` counts finished: (id, cycle time, lead time), by id.
pub(crate) fn finished(metrics: &serde_json::Value) -> Vec<(String, i64, i64)> {
    let mut out: Vec<(String, i64, i64)> = metrics["finished"]
        .as_array()
        .unwrap_or_else(|| panic!("{metrics}"))
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_owned(),
                f["cycle_time_days"].as_i64().unwrap(),
                f["lead_time_days"].as_i64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_history_is_replayed_with_its_authors_and_dates() {
    let (_d, _src, ws) = fixture();
    let (code, out, err) = import(&ws, &["--with-history"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("History: 9 source commit(s) change the backlog; 7 commit(s) written"),
        "{out}"
    );
    assert!(
        out.contains("Items: 2 changed status; 2 followed across a change of id; 1 deleted in the source"),
        "{out}"
    );
    let commits = log(&ws, "%an|%ae|%aI|%cI|%s");
    let replayed: Vec<&String> = commits
        .iter()
        .filter(|c| c.contains("|Import ") && !c.ends_with("with its history"))
        .collect();
    let expect = [
        ("Ann Lee", "2026-01-05", "Backlog"),
        ("Bob Ray", "2026-01-07", "Start sign-in"),
        ("Cy Vo", "2026-01-09", "Start search, estimate 5"),
        ("Bob Ray", "2026-01-10", "Sign-in done"),
        ("Ann Lee", "2026-01-13", "Drop the old idea"),
        ("Bob Ray", "2026-01-14", "Prefix back"),
        ("Cy Vo", "2026-01-16", "Search done"),
    ];
    assert_eq!(replayed.len(), expect.len(), "{commits:#?}");
    for (c, (name, day, subject)) in replayed.iter().zip(expect) {
        let f: Vec<&str> = c.split('|').collect();
        assert_eq!(f[0], name, "{c}");
        assert!(f[1].ends_with("@example.com"), "{c}");
        assert!(
            f[2].starts_with(&format!("{day}T10:00:00")) || f[2].starts_with(&format!("{day}T09:00:00")),
            "{c}"
        );
        assert_eq!(f[2], f[3], "the committer date is the source's: {c}");
        assert!(f[4].starts_with("Import ") && f[4].ends_with(&format!(": {subject}")), "{c}");
    }
    // The merge brought only what the branch had already brought: no commit of its own.
    assert!(!commits.iter().any(|c| c.ends_with(": Merge search")), "{commits:#?}");
    let last = commits.last().unwrap();
    assert!(last.contains("|Import ../source with its history"), "{last}");
    let status = git_out(&ws, &["status", "--porcelain"]);
    assert_eq!(status, "", "the work tree and index match the new commit");

    // S-1 is task-1 then BACK-1, through a rename and a move.
    let history = pobox_on(&ws, TODAY, &["history", "S-1", "--format", "json"]).1;
    let v: serde_json::Value = serde_json::from_str(&history).unwrap();
    let entries = v["entries"].as_array().unwrap_or_else(|| panic!("{history}"));
    // Statuses are asked of the workspace's workflow, by category.
    let text = std::fs::read_to_string(ws.join("pobox.yaml")).unwrap();
    let (config, _) = pobox::config::Config::parse(&text, Path::new("pobox.yaml"));
    let days: Vec<(&str, Option<Category>)> = entries
        .iter()
        .map(|e| {
            let status = e["status"].as_str().unwrap_or_else(|| panic!("{history}"));
            (e["date"].as_str().unwrap(), config.workflow.category(status))
        })
        .collect();
    assert_eq!(
        days[..3],
        [
            ("2026-01-05", Some(Category::NotStarted)),
            ("2026-01-07", Some(Category::InProgress)),
            ("2026-01-10", Some(Category::Done))
        ],
        "{history}"
    );
    assert_eq!(entries[1]["author"], "Bob Ray", "{history}");

    // Cycle and lead times from the source's dates: sign-in started 01-07, done 01-10;
    // search started 01-09 (on its branch), done 01-16; both created 01-05.
    let metrics = pobox_on(&ws, TODAY, &["metrics", "--format", "json"]).1;
    let v: serde_json::Value = serde_json::from_str(&metrics).unwrap();
    let finished = finished(&v);
    assert_eq!(finished, [("S-1".to_owned(), 3, 5), ("S-2".to_owned(), 7, 11)], "{metrics}");
    assert_eq!(v["left_out"]["count"], 0, "{metrics}");
}

#[test]
fn the_final_tree_is_the_plain_import() {
    let (d, _src, ws) = fixture();
    let (code, out, err) = import(&ws, &["--with-history"]);
    assert_eq!(code, 0, "{out}{err}");
    let plain = d.path().join("plain");
    std::fs::create_dir(&plain).unwrap();
    git(&plain, "2026-01-20T10:00:00Z", &["init", "-q", "-b", "main"]);
    assert_eq!(pobox_on(&plain, TODAY, &["init", "--product", "Shop"]).0, 0);
    commit(&plain, "2026-01-20T10:00:00Z", ANN, "Workspace");
    let (code, out, err) = import(&plain, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(backlog_files(&ws), backlog_files(&plain));
    // The task deleted in the source was in the history, with the next id after the
    // others, and is gone at the end.
    let subjects = git_out(&ws, &["log", "--full-history", "--format=%s", "--", "backlog/stories/S-3.md"]);
    assert!(
        subjects.contains(": Drop the old idea") && subjects.contains(": Backlog"),
        "{subjects}"
    );
    assert!(!ws.join("backlog/stories/S-3.md").exists());

    // A second run finds every item imported and writes nothing.
    let before = log(&ws, "%H");
    let (code, out, err) = import(&ws, &["--with-history"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Already imported, skipped (2)"), "{out}");
    assert!(
        out.contains("History: nothing to write, so no commit was made: every item was imported before.") && !out.contains("joining them"),
        "a second run does not speak of a commit it did not make: {out}"
    );
    assert_eq!(log(&ws, "%H"), before);
}

#[test]
fn a_dry_run_counts_the_commits_and_writes_nothing() {
    let (_d, _src, ws) = fixture();
    let before = log(&ws, "%H");
    let (code, out, err) = import(&ws, &["--with-history", "--dry-run"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("7 commit(s) would be written"), "{out}");
    assert_eq!(log(&ws, "%H"), before);
    assert!(!ws.join("backlog/stories/S-1.md").exists());
}

#[test]
fn a_dirty_backlog_a_source_without_git_or_a_shallow_clone_is_refused() {
    let (d, src, ws) = fixture();
    write_file(&ws, "backlog/stories/S-9.md", "---\nid: S-9\ntitle: Mine\nstatus: draft\n---\n");
    let before = log(&ws, "%H");
    let (code, out, err) = import(&ws, &["--with-history"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("the backlog folder has changes that are not committed: backlog/stories/S-9.md"),
        "{err}"
    );
    assert!(err.contains("git stash -u"), "{err}");
    assert_eq!(log(&ws, "%H"), before);
    assert!(!ws.join("backlog/stories/S-1.md").exists(), "nothing written");
    remove(&ws, "backlog/stories/S-9.md");

    let plain = d.path().join("copy");
    crate::support::copy_dir(&src.join("backlog"), &plain.join("backlog"));
    let (code, out, err) = pobox_on(&ws, TODAY, &["import", "backlog-md", "../copy", "--with-history"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("is not in a git repository, so it has no history to import"), "{err}");
    assert!(err.contains("without --with-history"), "{err}");

    let url = format!("file://{}", src.display());
    git(d.path(), "2026-01-20T10:00:00Z", &["clone", "-q", "--depth", "1", &url, "shallow"]);
    let (code, out, err) = pobox_on(&ws, TODAY, &["import", "backlog-md", "../shallow", "--with-history"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("is a shallow clone"), "{err}");
    assert!(err.contains("git fetch --unshallow"), "{err}");
    assert!(!ws.join("backlog/stories/S-1.md").exists(), "nothing written");
}
