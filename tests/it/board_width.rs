//! What fits a terminal: `pobox board` at 40, 80, 120 and 200 columns (no line wider than
//! the terminal, counted in display columns, no story missing, empty columns named once),
//! and `pobox prioritize` saying which stories it pulled ahead of the order and why.

use std::path::Path;

use unicode_width::UnicodeWidthStr;

use crate::support::Session;

const WIDTHS: [usize; 4] = [40, 80, 120, 200];

/// A sprint whose stories have long, wide (CJK) and unbreakable titles, in three of the six
/// statuses.
fn sprint_with_long_titles() -> Session {
    let s = Session::new();
    s.write(
        "backlog/sprints/SP-1.md",
        "---\nid: SP-1\ntitle: Sprint 1\nstart: 2026-11-16\nend: 2026-11-29\ncapacity: 20\nstatus: active\ngoal: Customers can pay with a saved card, see their past orders and choose a delivery slot\n---\n",
    );
    let stories = [
        (
            "S-1",
            "in-progress",
            "Pay with a card saved at an earlier checkout, without typing the number again",
        ),
        (
            "S-2",
            "in-progress",
            "配達時間帯を選んで注文を確定できるようにする（夕方の枠を含む）",
        ),
        ("S-3", "done", "See my past orders"),
        ("S-4", "review", &"Unbreakable".repeat(30)),
        ("S-5", "done", "Refunds"),
    ];
    for (id, status, title) in stories {
        s.write(
            &format!("backlog/stories/{id}.md"),
            &format!("---\nid: {id}\ntitle: \"{title}\"\nstatus: {status}\npoints: 3\nsprint: SP-1\n---\n"),
        );
    }
    s
}

/// `pobox board` in the session's workspace at this `COLUMNS`.
fn board_at(s: &Session, columns: &str) -> String {
    board_in(s, s.path(), columns)
}

/// `pobox board` in `dir` at this `COLUMNS`.
fn board_in(s: &Session, dir: &Path, columns: &str) -> String {
    let o = s.pobox(&["board"]).current_dir(dir).env("COLUMNS", columns).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn the_board_fits_every_width_and_shows_every_story() {
    let s = sprint_with_long_titles();
    for width in WIDTHS {
        let board = board_at(&s, &width.to_string());
        for line in board.lines() {
            assert!(line.width() <= width, "{width}: {} columns in {line:?}\n{board}", line.width());
        }
        for id in ["S-1 ", "S-2 ", "S-3 ", "S-4 ", "S-5 "] {
            assert!(board.contains(id), "{width}: {id} missing\n{board}");
        }
        assert_eq!(
            board.matches("No stories in draft, ready").count(),
            1,
            "{width}: the empty columns are named once\n{board}"
        );
        assert!(!board.contains("\ndraft "), "{width}: no empty column\n{board}");
        // Titles wrap rather than being cut: a word of a short title is never lost.
        for word in ["See", "my", "past", "orders", "Refunds"] {
            assert!(board.contains(word), "{width}: {word}\n{board}");
        }
    }
    // Three columns of 12 fit in 40; the cards wrap within them, continued lines indented.
    let narrow = board_at(&s, "40");
    assert!(narrow.contains("\nin-progress   review        done\n"), "{narrow}");
    assert!(
        narrow.contains("\nS-1 3pt Pay   S-4 3pt       S-3 3pt See\n  with a        Unbreakabl"),
        "{narrow}"
    );
    // Where they cannot, a list grouped by status.
    let list = board_at(&s, "30");
    assert!(
        list.contains("\nin-progress · 2 · 6pt\n  S-1 3pt Pay with a card\n    saved at an earlier\n"),
        "{list}"
    );
}

#[test]
fn an_unusable_width_gives_the_whole_board() {
    let s = sprint_with_long_titles();
    for columns in ["0", "", "wide", "-3"] {
        let board = board_at(&s, columns);
        assert!(
            board.contains("S-1 3pt Pay with a card saved at an earlier checkout, without typing the number again"),
            "{columns:?}\n{board}"
        );
        assert!(board.contains("S-5 3pt Refunds"), "{columns:?}\n{board}");
    }
}

#[test]
fn the_demo_board_fits_every_width() {
    let s = Session::bare_git();
    s.ok(&["demo", "shop", "--date", "2026-10-14"]);
    for width in WIDTHS {
        let board = board_in(&s, &s.path().join("shop"), &width.to_string());
        assert!(board.lines().all(|l| l.width() <= width), "{width}\n{board}");
        for id in ["S-10 ", "S-11 ", "S-13 ", "S-14 ", "S-15 "] {
            assert!(board.contains(id), "{width}: {id}\n{board}");
        }
    }
}

/// S-10 scores 8, S-2 6 and S-1 4.8, but S-2 depends on S-1: the order is S-10, S-1, S-2.
fn pulled_backlog() -> Session {
    let s = Session::new();
    let story = |id: &str, value: u32, points: u32, depends: &str| {
        format!(
            "---\nid: {id}\ntitle: Story {id}\nstatus: ready\npoints: {points}\nwsjf: {{value: {value}, time_criticality: 1, risk_reduction: 1}}\n{depends}---\n\nAs a shopper, I want {id}, so that I can buy.\n\n## Acceptance criteria\n\n- [ ] Given a basket, when I pay, then it works.\n"
        )
    };
    s.write("backlog/stories/S-10.md", &story("S-10", 14, 2, ""));
    s.write("backlog/stories/S-1.md", &story("S-1", 22, 5, ""));
    s.write("backlog/stories/S-2.md", &story("S-2", 16, 3, "depends_on: [S-1]\n"));
    s.commit("three stories");
    s
}

#[test]
fn a_story_pulled_ahead_of_its_score_is_marked_and_explained_everywhere() {
    let s = pulled_backlog();
    let table = s.ok(&["prioritize"]);
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip_while(|l| !l.starts_with("POS"))
        .skip(1)
        .take(3)
        .map(|l| l.split_whitespace().take(3).collect())
        .collect();
    assert_eq!(rows, [["1", "S-10", "8"], ["2↑", "S-1", "4.8"], ["3", "S-2", "6"]], "{table}");
    assert!(table.contains("\n↑ S-1 pulled ahead of S-2, which depends on it\n"), "{table}");

    let explain = s.ok(&["prioritize", "--explain"]);
    assert!(
        explain.contains("↑ placed at 2, above stories that score higher: pulled ahead of S-2, which depends on it"),
        "{explain}"
    );

    let json: serde_json::Value = serde_json::from_str(&s.ok(&["prioritize", "--format", "json"])).unwrap();
    let pulled: Vec<(String, Option<String>)> = json["order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap().to_owned(), e["pulled_by"].as_str().map(str::to_owned)))
        .collect();
    assert_eq!(
        pulled,
        [("S-10".into(), None), ("S-1".into(), Some("S-2".into())), ("S-2".into(), None)]
    );

    s.ok(&["site", "--out", "site"]);
    let page = s.read("site/backlog.html");
    assert!(page.contains("<td class=\"num\">2↑</td>"), "{page}");
    assert!(page.contains("↑ S-1 pulled ahead of S-2, which depends on it"), "{page}");
    let report = s.ok(&["report", "backlog"]);
    assert!(report.contains("↑ S-1 pulled ahead of S-2, which depends on it"), "{report}");
}

#[test]
fn nothing_is_marked_when_the_order_is_the_scores() {
    let s = pulled_backlog();
    // S-1 now outscores S-2, which depends on it: its place is its own.
    s.write(
        "backlog/stories/S-1.md",
        &s.read("backlog/stories/S-1.md").replace("value: 22", "value: 40"),
    );
    let table = s.ok(&["prioritize", "--explain"]);
    assert!(!table.contains('↑'), "{table}");
    let json = s.ok(&["prioritize", "--format", "json"]);
    assert!(!json.contains("pulled_by"), "{json}");
}
