//! `pobox import backlog-md` on a backlog with the history real teams bring (issue 14): ids
//! used twice, references that match nothing exactly, files and statuses the importer once
//! stopped on, comments in front-matter. The fixture is `tests/fixtures/backlog-md/migration`
//! (its README says what each file is for).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support::{self, git, pobox_on};

const TODAY: &str = "2026-11-22";
const WHEN: &str = "2026-11-22T10:00:00Z";
const SOURCE: &str = "../migration";

/// The files that stopped the whole import before issue 14: a test of something else leaves
/// them out, so that it fails for its own reason without its fix.
const STOPPERS: &[&str] = &[
    "tasks/task-9 - Drop-IE11-support.md",
    "tasks/task-10 - Gift-wrapping.md",
    "tasks/task-11 - Loyalty-points.md",
    "tasks/task-14 - Newsletter-signup.md",
    "tasks/task-15 - Refund-flow.md",
    "tasks/notes.md",
];

/// A git repository with a fresh workspace in `dir/ws` and the fixture in `dir/migration`,
/// without the files of `backlog/` named in `leave_out`.
fn workspace(leave_out: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    std::fs::create_dir(&ws).unwrap();
    git(&ws, WHEN, &["init", "-q"]);
    let (code, _, err) = pobox_on(&ws, TODAY, &["init", "--product", "Shop"]);
    assert_eq!(code, 0, "{err}");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backlog-md/migration");
    let copy = dir.path().join("migration");
    support::copy_dir(&fixture, &copy);
    for rel in leave_out {
        std::fs::remove_file(copy.join("backlog").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    }
    (dir, ws)
}

/// `pobox import backlog-md ../migration`, which must succeed; its output.
fn import(ws: &Path) -> String {
    let (code, out, err) = pobox_on(ws, TODAY, &["import", "backlog-md", SOURCE]);
    assert_eq!(code, 0, "{out}{err}");
    out
}

/// The file of the item that `alias` finds.
fn file_of(ws: &Path, alias: &str) -> String {
    let (code, out, err) = pobox_on(ws, TODAY, &["show", alias, "--format", "json"]);
    assert_eq!(code, 0, "{alias}: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let path = v["item"]["path"].as_str().unwrap();
    std::fs::read_to_string(ws.join(path)).unwrap()
}

fn field<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let fm = text.split("\n---\n").next().unwrap();
    fm.lines().find_map(|l| l.strip_prefix(&format!("{key}: ")))
}

fn id(text: &str) -> &str {
    field(text, "id").unwrap()
}

/// The story file whose title is `title`.
fn titled(ws: &Path, title: &str) -> String {
    let found: Vec<String> = stories(ws)
        .iter()
        .map(|n| std::fs::read_to_string(ws.join("backlog/stories").join(n)).unwrap())
        .filter(|t| field(t, "title") == Some(title))
        .collect();
    assert_eq!(found.len(), 1, "{title}: {found:?}");
    found[0].clone()
}

fn stories(ws: &Path) -> BTreeSet<String> {
    std::fs::read_dir(ws.join("backlog/stories"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect()
}

#[test]
fn a_reference_without_an_exact_match_stays_unresolved_and_nothing_depends_on_itself() {
    let (_dir, ws) = workspace(STOPPERS);
    let out = import(&ws);

    // `task-8` does not exist: it is neither `draft-8` (the draft itself) nor any other item.
    for draft in ["draft-8", "draft-13"] {
        let text = file_of(&ws, draft);
        assert_eq!(field(&text, "depends_on"), None, "{text}");
        assert_eq!(field(&text, "unresolved_depends_on"), Some("[task-8]"), "{text}");
    }
    // `task-13` is not `draft-13`; `task-7` naming itself is no dependency.
    let search = file_of(&ws, "task-7");
    let checkbox = file_of(&ws, "task-5.1");
    assert_eq!(field(&search, "depends_on"), Some(format!("[{}]", id(&checkbox)).as_str()));
    assert_eq!(field(&search, "unresolved_depends_on"), Some("[task-7, task-13]"), "{search}");
    assert!(
        out.contains(
            "`depends_on` names `task-7`, the item itself, `task-13`, which is not in the import; kept as `unresolved_depends_on`"
        ),
        "{out}"
    );

    // No cycle, so what needs the dependency graph works for the whole workspace.
    for args in [&["report", "backlog"][..], &["prioritize"][..]] {
        let (code, out, err) = pobox_on(&ws, TODAY, args);
        assert_eq!(code, 0, "{args:?}: {out}{err}");
    }
}

#[test]
fn two_files_with_one_id_are_both_imported_and_references_to_it_are_ambiguous() {
    let (_dir, ws) = workspace(STOPPERS);
    let out = import(&ws);
    assert!(out.starts_with("Imported ../migration: created 9 file(s).\n"), "{out}");

    let login = file_of(&ws, "backlog/tasks/task-5 - Login-page.md");
    assert!(login.contains("title: Login page\n"), "{login}");
    let export = titled(&ws, "Export orders as CSV");
    assert_ne!(id(&login), id(&export));
    // The first keeps the id as its alias; the second is known by its path, then the id.
    assert_eq!(field(&export, "aliases"), Some("[task-5]"), "{export}");
    assert_eq!(
        field(&login, "aliases"),
        Some("[backlog/tasks/task-5 - Login-page.md, task-5]"),
        "{login}"
    );
    assert!(
        out.contains(
            "backlog/tasks/task-5 - Login-page.md [duplicate-id]: `task-5` is also the id of backlog/tasks/task-5 - Export-orders-as-CSV.md"
        ),
        "{out}"
    );

    // Which `task-5` is the subtask's parent cannot be told: it is not guessed.
    let checkbox = file_of(&ws, "task-5.1");
    assert_eq!(field(&checkbox, "parent"), None, "{checkbox}");
    assert_eq!(field(&checkbox, "unresolved_parent"), Some("task-5"), "{checkbox}");
    assert!(
        out.contains(&format!(
            "`parent` names `task-5`, which is ambiguous: it is {} and {}",
            id(&export),
            id(&login)
        )),
        "{out}"
    );
    assert!(out.contains("References: 1 resolved, 4 unresolved, 1 ambiguous.\n"), "{out}");

    // Running it again finds both by their aliases.
    git(&ws, WHEN, &["add", "-A"]);
    git(&ws, WHEN, &["commit", "-qm", "import"]);
    let again = import(&ws);
    assert!(again.starts_with("Imported ../migration: created 0 file(s).\n"), "{again}");
    assert!(
        again.contains(&format!(
            "\n  task-5 is {} (backlog/tasks/task-5 - Export-orders-as-CSV.md)\n",
            id(&export)
        )),
        "{again}"
    );
    assert!(
        again.contains(&format!(
            "\n  backlog/tasks/task-5 - Login-page.md is {} (backlog/tasks/task-5 - Login-page.md)\n",
            id(&login)
        )),
        "{again}"
    );
}

#[test]
fn a_file_or_status_the_importer_cannot_take_is_reported_and_the_rest_imported() {
    let (_dir, ws) = workspace(&[]);
    let out = import(&ws);
    // 13 task and draft files are read (not `notes.md`); two are skipped. The 12th file is
    // the decision.
    assert!(out.starts_with("Imported ../migration: created 12 file(s).\n"), "{out}");
    assert_eq!(stories(&ws).len(), 11);
    assert!(
        out.contains(
            "Files: 13 task, draft and milestone file(s) read, 2 skipped; 1 decision file(s) read; 1 document(s) in docs/, copied as they are.\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "\nSkipped (2):\n  backlog/tasks/task-14 - Newsletter-signup.md [no-front-matter]: its first line is not `---`; skipped:"
        ),
        "{out}"
    );
    assert!(
        out.contains("\n  backlog/tasks/task-15 - Refund-flow.md:4 [invalid-yaml]: its front-matter is not valid YAML"),
        "{out}"
    );
    assert!(
        out.contains("By code: duplicate-id 1, invalid-yaml 1, no-front-matter 1, unknown-status 1.\n"),
        "{out}"
    );

    // The statuses of the project's config.yml: `Wontfix` and `Skipped` are dropped work.
    for (alias, status) in [("task-9", "Wontfix"), ("task-10", "Skipped")] {
        let text = file_of(&ws, alias);
        assert_eq!(field(&text, "status"), Some("dropped"), "{text}");
        assert_eq!(field(&text, "backlog_status"), Some(status), "{text}");
    }
    // A status that says nothing: the first status, the original kept, and how to choose.
    let parked = file_of(&ws, "task-11");
    assert_eq!(field(&parked, "status"), Some("draft"), "{parked}");
    assert_eq!(field(&parked, "backlog_status"), Some("Parked"), "{parked}");
    assert!(
        out.contains("backlog/tasks/task-11 - Loyalty-points.md [unknown-status]: status `Parked` (not one of config.yml's statuses) has no pobox story status; imported as `draft`"),
        "{out}"
    );
    assert!(out.contains("--status \"Parked=<status>\""), "{out}");
    // Only Backlog.md's own documents are copied (`doc-*.md`, not `readme.md`).
    assert!(out.contains("\nDocuments: 1 copied, 0 already there.\n"), "{out}");
}

#[test]
fn imported_files_are_in_fmt_order_and_validate_finds_only_what_the_source_lacks() {
    let (_dir, ws) = workspace(STOPPERS);
    import(&ws);
    let (code, out, err) = pobox_on(&ws, TODAY, &["fmt", "--check"]);
    assert_eq!(code, 0, "{out}{err}");

    let (_, out, _) = pobox_on(&ws, TODAY, &["validate", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: BTreeSet<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    // Backlog.md has no estimates and this source no criteria: the import's notes say so.
    assert!(errors.is_subset(&BTreeSet::from(["PO301", "PO302"])), "{out}");
}

#[test]
fn comments_in_front_matter_are_kept_in_the_body_not_in_values() {
    let (_dir, ws) = workspace(STOPPERS);
    import(&ws);
    let text = file_of(&ws, "task-12");
    assert_eq!(field(&text, "assignee"), Some("lee"), "{text}");
    assert_eq!(field(&text, "labels"), Some("[payments]"), "{text}");
    assert!(
        text.ends_with(
            "Pick a payment provider.\n\n## Comments in the Backlog.md front-matter\n\n    # chosen at the 2025-06-10 review\n    assignee: … # interim, until Dana is back\n    labels: … # see the RFC\n"
        ),
        "{text}"
    );
}

#[test]
fn task_files_in_subfolders_backlog_md_does_not_read_are_named_not_lost_silently() {
    // A real project keeps 568 of its tasks in `tasks/epics/epic-N-…/`, which Backlog.md
    // itself does not read: the import reads what Backlog.md reads and says what it left.
    let (dir, ws) = workspace(STOPPERS);
    let sub = dir.path().join("migration/backlog/tasks/epics/epic-2-search");
    std::fs::create_dir_all(&sub).unwrap();
    for n in [40, 41] {
        std::fs::write(
            sub.join(format!("task-{n} - Filed-under-an-epic.md")),
            format!("---\nid: task-{n}\ntitle: Filed under an epic {n}\nstatus: To Do\n---\n"),
        )
        .unwrap();
    }
    // Files Backlog.md does not list as decisions or documents are named too; a Markdown
    // file in docs/ is a document whatever its name, as Backlog.md lists it.
    let backlog = dir.path().join("migration/backlog");
    std::fs::create_dir_all(backlog.join("decisions")).unwrap();
    std::fs::write(backlog.join("decisions/naming-convention.md"), "# Naming\n\n**Status**: Accepted\n").unwrap();
    std::fs::create_dir_all(backlog.join("docs")).unwrap();
    std::fs::write(backlog.join("docs/analysis.yaml"), "a: 1\n").unwrap();
    std::fs::write(backlog.join("docs/MCP_GUIDE.md"), "# Guide\n").unwrap();
    let out = import(&ws);
    assert!(
        out.contains("1 file(s) in decisions/ (decisions/naming-convention.md) were not read: Backlog.md reads only `decision-N - Title.md` files as decisions")
            && out.contains("2 file(s) in docs/ (docs/analysis.yaml, docs/readme.md) were not read"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(ws.join("backlog/docs/MCP_GUIDE.md")).unwrap(),
        "# Guide\n",
        "a Markdown file in docs/ is copied whatever its name"
    );
    assert!(
        out.contains("2 Markdown file(s) in subfolders of tasks/ (tasks/epics/epic-2-search/) were not read: Backlog.md reads only the files directly in tasks/; move them there to import them"),
        "{out}"
    );
    let imported = stories(&ws)
        .iter()
        .map(|n| std::fs::read_to_string(ws.join("backlog/stories").join(n)).unwrap())
        .filter(|t| field(t, "title").is_some_and(|t| t.starts_with("Filed under an epic")))
        .count();
    assert_eq!(imported, 0, "not imported, as Backlog.md does not read it");
}
