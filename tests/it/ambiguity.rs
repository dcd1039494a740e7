//! One truth (issue 12): what pobox cannot tell apart it refuses instead of guessing. Markdown
//! that looks like one marker of a merge conflict is Markdown; two kinds numbered with one
//! prefix are a settings error.

use crate::support::Session;

/// A story file with `body` after its front-matter.
fn story(id: &str, title: &str, extra: &str, body: &str) -> String {
    format!("---\nid: {id}\ntitle: {title}\nstatus: draft\npoints: 3\n{extra}---\n{body}")
}

/// Regression: a setext heading (`=======` under a line of text) in a body, or in a block of
/// front-matter text, was taken for a merge conflict (PO006) and the story became
/// unreadable: listed as BROKEN and refused by `set`.
#[test]
fn a_setext_heading_is_markdown_not_a_merge_conflict() {
    let s = Session::new();
    let body = "As a shopper, I want a receipt, so that I can claim expenses.\n\nNotes\n=======\n\nAsk finance.\n";
    s.write("backlog/stories/S-1.md", &story("S-1", "Receipts", "", body));
    let notes = "notes: |\n  Open questions\n  =======\n  none yet\n";
    s.write(
        "backlog/stories/S-2.md",
        &story(
            "S-2",
            "Invoices",
            notes,
            "As a shopper, I want an invoice, so that I can file it.\n",
        ),
    );
    let (code, out, err) = s.run(&["validate", "--format", "short"]);
    assert!(!out.contains("PO006") && !err.contains("PO006"), "{out}{err}");
    assert!(code < 2, "{out}{err}");
    let list = s.ok(&["story", "list"]);
    assert!(!list.contains("BROKEN"), "{list}");
    for id in ["S-1", "S-2"] {
        assert_eq!(s.ok(&["set", id, "points=5"]), format!("Updated {id} backlog/stories/{id}.md\n"));
        let text = s.read(&format!("backlog/stories/{id}.md"));
        assert!(text.contains("points: 5\n") && text.contains("=======\n"), "{text}");
    }
}

/// A real conflict block is still one, wherever a heading stands before it.
#[test]
fn a_whole_conflict_block_is_still_a_conflict() {
    let s = Session::new();
    let body = "Notes\n=======\n\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n";
    let text = story("S-1", "Receipts", "", body);
    s.write("backlog/stories/S-1.md", &text);
    let (code, out, _) = s.run(&["validate", "--format", "short"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("backlog/stories/S-1.md:10:1: error[PO006]: unresolved git merge conflict"),
        "{out}"
    );
    let (code, _, err) = s.run(&["set", "S-1", "points=5"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(s.read("backlog/stories/S-1.md"), text);
}

/// Regression: with `story: X` and `epic: x` (file names ignore case on macOS and Windows),
/// `story new` and `epic new` both created `X-1`. The settings are refused (PO090, exit 2)
/// and nothing is created.
#[test]
fn two_kinds_with_one_id_prefix_are_a_settings_error() {
    let s = Session::new();
    s.write("pobox.yaml", "product: Corner Shop\nid_prefixes:\n  story: X\n  epic: x\n");
    for kind in ["story", "epic"] {
        let (code, out, err) = s.run(&[kind, "new", "Receipts"]);
        assert_eq!(code, 2, "{kind} new:\n{out}{err}");
        assert!(err.contains("the epic id prefix `x` is also the story id prefix"), "{err}");
        assert!(err.contains("PO090"), "{err}");
    }
    for folder in ["stories", "epics"] {
        let dir = s.path().join("backlog").join(folder);
        let files = std::fs::read_dir(&dir).map_or(0, |d| {
            d.filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "md"))
                .count()
        });
        assert_eq!(files, 0, "nothing created in {folder}");
    }
    let (code, out, _) = s.run(&["validate", "--format", "short"]);
    assert_eq!(code, 2);
    assert_eq!(
        out,
        "pobox.yaml:4:9: error[PO090]: the epic id prefix `x` is also the story id prefix (`X`: file names ignore case)\n"
    );
    s.write("pobox.yaml", "product: Corner Shop\nid_prefixes:\n  story: X\n  epic: E\n");
    assert_eq!(s.ok(&["story", "new", "Receipts"]), "Created X-1 backlog/stories/X-1.md\n");
    assert_eq!(s.ok(&["epic", "new", "Payments"]), "Created E-1 backlog/epics/E-1.md\n");
}
