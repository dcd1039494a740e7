//! One truth (issue 12): what pobox cannot tell apart it refuses instead of guessing. Markdown
//! that looks like one marker of a merge conflict is Markdown.

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
