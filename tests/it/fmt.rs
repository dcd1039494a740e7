//! `pobox fmt`: canonical front-matter, on the example workspace and on messy files.

use std::path::Path;

use crate::support::{self, pobox_on};

const TODAY: &str = "2026-11-22";

fn snapshot(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir.join("backlog"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read_to_string(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_example_workspace_is_already_formatted() {
    let tmp = tempfile::tempdir().unwrap();
    support::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corner-shop"), tmp.path());
    let before = snapshot(tmp.path());
    let (code, out, err) = pobox_on(tmp.path(), TODAY, &["fmt", "--check"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let (code, out, _) = pobox_on(tmp.path(), TODAY, &["fmt"]);
    assert_eq!((code, out.as_str()), (0, ""));
    assert_eq!(snapshot(tmp.path()), before);
}

const MESSY: &str = "---\n# Written by hand.\ntitle: 'Pay by card'\ncustom_b: 2   # team field\nlabels:\n  - pay\n  - \"web\"\n\nstatus: \"ready\"\nid: S-1\ncustom_a: x\ncreated: '2026-11-02'\n# agreed in refinement\npoints: 5\n---\nAs a shopper I want to pay by card so that I can check out quickly.\n\n## Acceptance criteria\n- [ ] it works\n";

const FORMATTED: &str = "---\n# Written by hand.\nid: S-1\ntitle: Pay by card\nstatus: ready\n# agreed in refinement\npoints: 5\nlabels: [pay, web]\ncreated: 2026-11-02\ncustom_b: 2   # team field\ncustom_a: x\n---\nAs a shopper I want to pay by card so that I can check out quickly.\n\n## Acceptance criteria\n- [ ] it works\n";

fn workspace() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = pobox_on(tmp.path(), TODAY, &["init", "--product", "Shop"]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(tmp.path().join("backlog/stories/S-1.md"), MESSY).unwrap();
    std::fs::write(
        tmp.path().join("backlog/risks/R-1.md"),
        "---\nstatus: open\nid: R-1\ntitle: Card provider outage\nrelated: [S-1]\n---\nBody.\n",
    )
    .unwrap();
    tmp
}

#[test]
fn check_lists_and_diffs_then_fmt_writes_canonical_files() {
    let ws = workspace();
    let dir = ws.path();
    let (_, validate_before, _) = pobox_on(dir, TODAY, &["validate", "--format", "json"]);

    let (code, out, err) = pobox_on(dir, TODAY, &["fmt", "--check"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("--- backlog/stories/S-1.md\n+++ backlog/stories/S-1.md\n"), "{out}");
    assert!(
        out.contains("-title: 'Pay by card'\n") && out.contains("+labels: [pay, web]\n"),
        "{out}"
    );
    assert_eq!(
        err,
        "2 file(s) are not formatted:\n  backlog/risks/R-1.md\n  backlog/stories/S-1.md\nhelp: run `pobox fmt` to format them\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("backlog/stories/S-1.md")).unwrap(),
        MESSY,
        "--check changes nothing"
    );

    // Only the paths asked for.
    let (code, out, _) = pobox_on(dir, TODAY, &["fmt", "backlog/risks"]);
    assert_eq!((code, out.as_str()), (0, "Formatted backlog/risks/R-1.md\n"));
    assert_eq!(
        std::fs::read_to_string(dir.join("backlog/risks/R-1.md")).unwrap(),
        "---\nid: R-1\ntitle: Card provider outage\nstatus: open\nrelated: [S-1]\n---\nBody.\n"
    );

    let (code, out, _) = pobox_on(dir, TODAY, &["fmt"]);
    assert_eq!((code, out.as_str()), (0, "Formatted backlog/stories/S-1.md\n"));
    assert_eq!(std::fs::read_to_string(dir.join("backlog/stories/S-1.md")).unwrap(), FORMATTED);
    // Twice is once.
    let (code, out, err) = pobox_on(dir, TODAY, &["fmt", "--check"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let (code, out, _) = pobox_on(dir, TODAY, &["-q", "fmt"]);
    assert_eq!((code, out.as_str()), (0, ""));
    // pobox reads the same items as before.
    let (_, validate_after, _) = pobox_on(dir, TODAY, &["validate", "--format", "json"]);
    let strip_lines = |s: &str| {
        regex::Regex::new(r#""(line|column|end_line|end_column)": ?\d+"#)
            .unwrap()
            .replace_all(s, "")
            .into_owned()
    };
    assert_eq!(strip_lines(&validate_after), strip_lines(&validate_before));
}

#[test]
fn files_pobox_cannot_read_are_skipped_and_named() {
    let ws = workspace();
    let dir = ws.path();
    let broken = "---\nid: S-2\ntitle: [unclosed\n---\nbody\n";
    let conflict = "---\nid: S-3\n<<<<<<< HEAD\ntitle: A\n=======\ntitle: B\n>>>>>>> other\n---\n";
    std::fs::write(dir.join("backlog/stories/S-2.md"), broken).unwrap();
    std::fs::write(dir.join("backlog/stories/S-3.md"), conflict).unwrap();
    let (code, out, err) = pobox_on(dir, TODAY, &["fmt"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("warning: skipped backlog/stories/S-2.md:3: the front-matter is not valid YAML"),
        "{err}"
    );
    assert!(
        err.contains("warning: skipped backlog/stories/S-3.md:3: the file has unresolved merge-conflict markers"),
        "{err}"
    );
    // The others are still formatted; the skipped ones are untouched.
    assert!(out.contains("Formatted backlog/stories/S-1.md"), "{out}");
    assert_eq!(std::fs::read_to_string(dir.join("backlog/stories/S-2.md")).unwrap(), broken);
    assert_eq!(std::fs::read_to_string(dir.join("backlog/stories/S-3.md")).unwrap(), conflict);

    let (code, _, err) = pobox_on(dir, TODAY, &["fmt", "nowhere.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("nowhere.md: no such file or folder"), "{err}");
    let (code, _, err) = pobox_on(dir, TODAY, &["fmt", "pobox.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("holds no item files"), "{err}");
}

#[test]
fn pobox_yaml_sets_the_key_order_and_list_style() {
    let ws = workspace();
    let dir = ws.path();
    let config = std::fs::read_to_string(dir.join("pobox.yaml")).unwrap();
    std::fs::write(
        dir.join("pobox.yaml"),
        format!("{config}format:\n  key_order:\n    story: [id, status, custom_a, title]\n  list_style: block\n  date_format: iso\n"),
    )
    .unwrap();
    let (code, _, err) = pobox_on(dir, TODAY, &["fmt", "backlog/stories/S-1.md"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("backlog/stories/S-1.md")).unwrap(),
        "---\n# Written by hand.\nid: S-1\nstatus: ready\ncustom_a: x\ntitle: Pay by card\n# agreed in refinement\npoints: 5\nlabels:\n  - pay\n  - web\ncreated: 2026-11-02\ncustom_b: 2   # team field\n---\nAs a shopper I want to pay by card so that I can check out quickly.\n\n## Acceptance criteria\n- [ ] it works\n"
    );

    for (bad, says) in [
        (
            "format: {list_style: compact}\n",
            "`format.list_style: \"compact\"` in pobox.yaml should be `flow` or `block`",
        ),
        ("format: {key_order: {task: [id]}}\n", "`task` is not a kind"),
        ("format: {date_format: us}\n", "only `iso`"),
        ("format: {indent: 2}\n", "`format.indent` in pobox.yaml is not a format setting"),
    ] {
        std::fs::write(dir.join("pobox.yaml"), format!("{config}{bad}")).unwrap();
        let (code, _, err) = pobox_on(dir, TODAY, &["fmt"]);
        assert_eq!(code, 2, "{bad}");
        assert!(err.contains(says), "{bad}: {err}");
    }
}
