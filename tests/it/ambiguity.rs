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

/// An item file: `kind_fields` are the front-matter lines after `id` and `title`.
fn item(id: &str, title: &str, fields: &str) -> String {
    format!("---\nid: {id}\ntitle: {title}\n{fields}---\n")
}

/// A workspace where two files have S-2 (as after merging two branches that each added
/// "the next" story), two have E-1 and two have SP-3, committed.
fn duplicated() -> Session {
    let s = Session::new();
    let sprint = |status: &str, start: &str, end: &str| format!("status: {status}\nstart: {start}\nend: {end}\ncapacity: 20\n");
    s.write(
        "backlog/sprints/SP-1.md",
        &item("SP-1", "Sprint 1", &sprint("active", "2026-11-09", "2026-11-22")),
    );
    s.write(
        "backlog/sprints/SP-2.md",
        &item("SP-2", "Sprint 2", &sprint("planned", "2026-11-23", "2026-12-06")),
    );
    s.write(
        "backlog/sprints/SP-3.md",
        &item("SP-3", "Sprint 3", &sprint("planned", "2026-12-07", "2026-12-20")),
    );
    s.write(
        "backlog/sprints/SP-3-spare.md",
        &item("SP-3", "Spare", &sprint("planned", "2026-12-07", "2026-12-20")),
    );
    s.write("backlog/epics/E-1.md", &item("E-1", "Payments", "status: ready\n"));
    s.write("backlog/epics/E-1-mobile.md", &item("E-1", "Mobile", "status: ready\n"));
    let story = |fields: &str| format!("{fields}moscow: must\n");
    s.write(
        "backlog/stories/S-1.md",
        &item("S-1", "Saved card", &story("status: in-progress\npoints: 3\nsprint: SP-1\n")),
    );
    s.write(
        "backlog/stories/S-2.md",
        &item("S-2", "Invoices", &story("status: ready\npoints: 3\nepic: E-1\n")),
    );
    s.write(
        "backlog/stories/S-2-receipts.md",
        &item("S-2", "Receipts", &story("status: ready\npoints: 5\nsprint: SP-1\n")),
    );
    s.commit("two branches merged");
    s
}

/// Every file of the backlog and its bytes.
fn snapshot(s: &Session) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(s.path().join("backlog"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(s.path()).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Regression: when two files had one id, `set S-2` silently edited the first of them,
/// `show S-2` showed it, and `history S-2` mixed both files' versions into one timeline.
/// Now every command that acts on the item an id names, every write to an item by id and
/// every new item linking to the id stops with both paths, the fix and exit 2, and writes
/// nothing.
#[test]
fn an_id_two_files_have_is_refused_by_every_command_that_acts_on_it() {
    let s = duplicated();
    let before = snapshot(&s);
    let s2 = "error: 2 files have the id `S-2`: backlog/stories/S-2-receipts.md and backlog/stories/S-2.md\n\
              help: keep the id on one file: give the other a new id and rename its file to match; \
              `pobox validate` reports this as PO201\n";
    let e1 = "error: 2 files have the id `E-1`: backlog/epics/E-1-mobile.md and backlog/epics/E-1.md\n";
    let sp3 = "error: 2 files have the id `SP-3`: backlog/sprints/SP-3-spare.md and backlog/sprints/SP-3.md\n";
    let refusals: [(&[&str], &str); 15] = [
        (&["set", "S-2", "points=8"], s2),
        (&["story", "move", "S-2", "done"], s2),
        (&["show", "S-2"], s2),
        (&["show", "S-2", "--format", "json"], s2),
        (&["history", "S-2"], s2),
        // Stories to write by id: S-2 (the one in SP-1) is carried, S-2 (both) planned and ranked.
        (&["sprint", "close", "SP-1"], s2),
        (&["sprint", "plan", "SP-2", "--write"], s2),
        (&["prioritize", "--method", "moscow", "--write"], s2),
        (&["epic", "move", "E-1", "done"], e1),
        (&["forecast", "--epic", "E-1"], e1),
        (&["sprint", "start", "SP-3"], sp3),
        (&["sprint", "close", "SP-1", "--carry-to", "SP-3"], sp3),
        (&["report", "sprint", "SP-3"], sp3),
        // A new item linking to such an id is not created.
        (&["story", "new", "Refunds", "--epic", "E-1"], e1),
        (&["story", "new", "Refunds", "--depends-on", "S-1,S-2"], s2),
    ];
    for (args, message) in refusals {
        let (code, out, err) = s.run(args);
        assert_eq!(code, 2, "pobox {args:?}:\n{out}{err}");
        assert!(err.starts_with(message), "pobox {args:?}:\n{err}");
        assert!(out.is_empty(), "pobox {args:?} printed:\n{out}");
        assert_eq!(snapshot(&s), before, "pobox {args:?} wrote");
    }
    // Views that list everything show both files, as before.
    let list = s.ok(&["story", "list"]);
    assert!(list.contains("Invoices") && list.contains("Receipts"), "{list}");
    let (code, out, _) = s.run(&["validate", "--format", "short"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("backlog/stories/S-2.md:2:5: error[PO201]: S-2 is also the id of backlog/stories/S-2-receipts.md"),
        "{out}"
    );
    // The fix the error names: the other file gets a new id and its name.
    std::fs::remove_file(s.path().join("backlog/stories/S-2-receipts.md")).unwrap();
    s.write(
        "backlog/stories/S-3-receipts.md",
        &item("S-3", "Receipts", "status: ready\npoints: 5\nsprint: SP-1\nmoscow: must\n"),
    );
    assert_eq!(s.ok(&["set", "S-2", "points=8"]), "Updated S-2 backlog/stories/S-2.md\n");
    assert!(s.read("backlog/stories/S-2.md").contains("points: 8\n"));
    assert!(s.ok(&["show", "S-2"]).starts_with("<!-- backlog/stories/S-2.md -->\n"));
}

/// `history` reads what is committed: an id two committed files have is refused until the
/// fix is committed. Then the timeline goes on in the file that kept the id (its title, its
/// status), where it used to read "deleted" when the other file left the id.
#[test]
fn history_refuses_an_id_two_committed_files_have_until_the_fix_is_committed() {
    let s = Session::new();
    s.write("backlog/stories/S-1.md", &item("S-1", "Saved card", "status: draft\n"));
    s.commit("start");
    s.git(&["checkout", "-q", "-b", "invoices"]);
    s.write("backlog/stories/S-2.md", &item("S-2", "Invoices", "status: draft\n"));
    s.commit("invoices");
    s.git(&["checkout", "-q", "main"]);
    s.write("backlog/stories/S-2-receipts.md", &item("S-2", "Receipts", "status: ready\n"));
    s.commit("receipts");
    s.git(&["merge", "-q", "--no-edit", "invoices"]);
    s.write("backlog/stories/S-2-receipts.md", &item("S-2", "Receipts", "status: in-progress\n"));
    s.commit("receipts started");
    let (code, _, err) = s.run(&["history", "S-2"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("error: 2 files have the id `S-2`: backlog/stories/S-2-receipts.md and backlog/stories/S-2.md\n"),
        "{err}"
    );
    // Fixed in the working tree only: history still reads the commit that has both.
    std::fs::remove_file(s.path().join("backlog/stories/S-2-receipts.md")).unwrap();
    s.write("backlog/stories/S-3-receipts.md", &item("S-3", "Receipts", "status: ready\n"));
    assert_eq!(s.run(&["history", "S-2"]).0, 2);
    s.commit("S-3: the receipts story's own id");
    let history = s.ok(&["history", "S-2"]);
    assert!(
        history.starts_with("S-2 Invoices\n"),
        "S-2 lives on in backlog/stories/S-2.md:\n{history}"
    );
    assert!(!history.contains("deleted"), "{history}");
    let json: serde_json::Value = serde_json::from_str(&s.ok(&["history", "S-2", "--format", "json"])).unwrap();
    assert_eq!(json["deleted"], false);
    let last = json["entries"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (&last["path"], &last["status"], &last["event"]),
        (&"backlog/stories/S-2.md".into(), &"draft".into(), &"changed".into()),
        "{json}"
    );
    assert!(s.ok(&["history", "S-3"]).contains("added as backlog/stories/S-3-receipts.md"));
}

/// Two items listing one alias (an import of two source tasks with one id) are refused by
/// name as aliases, with the fix in the aliases: before, the message said two files had the
/// id and sent the user to a PO201 that `pobox validate` does not report.
#[test]
fn an_alias_two_items_list_is_refused_as_an_alias_not_an_id() {
    let s = Session::new();
    s.write("backlog/stories/S-2.md", &story("S-2", "Login page", "aliases: [task-5]\n", ""));
    s.write(
        "backlog/stories/S-3.md",
        &story("S-3", "Logout", "aliases: [x/task-5.md, task-5]\n", ""),
    );
    let (code, _, err) = s.run(&["show", "task-5"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("2 files list among their aliases `task-5`: backlog/stories/S-2.md and backlog/stories/S-3.md"),
        "{err}"
    );
    assert!(err.contains("pobox set ID aliases=") && !err.contains("PO201"), "{err}");
    // Their own ids still find each of them.
    s.ok(&["show", "S-3"]);
}
