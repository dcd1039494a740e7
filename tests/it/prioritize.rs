//! `pobox prioritize` as a user drives it: the real binary in a temporary git repository,
//! with a pinned date.

use crate::support::Session;

/// Fixtures this file's tests share.
trait PrioritizeFixtures {
    /// A story with WSJF inputs (value, time criticality, risk reduction) and points.
    fn story(&self, id: &str, title: &str, wsjf: (u32, u32, u32), points: u32, extra: &str);
    /// Every story file's bytes, by name.
    fn snapshot(&self) -> Vec<(String, String)>;
}

impl PrioritizeFixtures for Session {
    fn story(&self, id: &str, title: &str, wsjf: (u32, u32, u32), points: u32, extra: &str) {
        let (v, tc, rr) = wsjf;
        self.write(
            &format!("backlog/stories/{id}.md"),
            &format!(
                "---\nid: {id}\ntitle: {title}\nstatus: ready\npoints: {points}\n# scored in refinement\nwsjf:\n  value: {v}\n  time_criticality: {tc}\n  risk_reduction: {rr}\n{extra}created: 2026-11-01\n---\n\nAs a shopper, I want it.\n"
            ),
        );
    }

    fn snapshot(&self) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = std::fs::read_dir(self.path().join("backlog/stories"))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    }
}

/// A small backlog: S-1 (WSJF 16/5 = 3.2), S-2 (6/2 = 3, waits for S-3), S-3 (3/3 = 1),
/// S-4 without inputs.
fn shop() -> Session {
    let s = Session::new();
    s.story("S-1", "Pay with a saved card", (8, 5, 3), 5, "");
    s.story("S-2", "Remember the card", (3, 2, 1), 2, "depends_on: [S-3]\n");
    s.story("S-3", "Store cards safely", (1, 1, 1), 3, "");
    s.write("backlog/stories/S-4.md", "---\nid: S-4\ntitle: Gift cards\nstatus: draft\n---\n");
    s.write(
        "backlog/stories/S-5.md",
        "---\nid: S-5\ntitle: Old checkout\nstatus: done\npoints: 1\nwsjf: {value: 20, time_criticality: 20, risk_reduction: 20}\n---\n",
    );
    s
}

#[test]
fn table_lists_the_order_and_what_is_missing() {
    let s = shop();
    let out = s.ok(&["prioritize"]);
    assert_eq!(
        out,
        "3 stories by wsjf, prerequisites first:\n\n\
         POS  ID   SCORE  VALUE  TC  RR  SIZE  TITLE\n\
         1    S-1  3.2    8      5   3   5     Pay with a saved card\n\
         2↑   S-3  1      1      1   1   3     Store cards safely\n\
         3    S-2  3      3      2   1   2     Remember the card\n\
         \n\
         ↑ S-3 pulled ahead of S-2, which depends on it\n\
         \n\
         Not ordered, inputs missing (1):\n  \
         ID   MISSING                                                                            TITLE\n  \
         S-4  wsjf.value, wsjf.time_criticality, wsjf.risk_reduction, wsjf.job_size (or points)  Gift cards\n\
         \n\
         3 rank(s) differ from this order; `--write` stores them.\n"
    );
}

#[test]
fn explain_shows_inputs_and_arithmetic() {
    let s = shop();
    let out = s.ok(&["prioritize", "--explain"]);
    assert!(
        out.contains(
            "How each score was computed:\n  \
             S-1  wsjf.value 8, wsjf.time_criticality 5, wsjf.risk_reduction 3, points 5\n       \
             CoD = 8 + 5 + 3 = 16; WSJF = 16 / 5 = 3.2\n"
        ),
        "{out}"
    );
    let md = s.ok(&["prioritize", "--format", "md", "--explain"]);
    assert!(
        md.starts_with("| # | ID | SCORE | VALUE | TC | RR | SIZE | TITLE | EXPLAIN |\n|---:|---|---:|"),
        "{md}"
    );
    assert!(
        md.contains("| 1 | S-1 | 3.2 | 8 | 5 | 3 | 5 | Pay with a saved card | CoD = 8 + 5 + 3 = 16; WSJF = 16 / 5 = 3.2 |"),
        "{md}"
    );
    assert!(
        md.contains("**Not ordered, inputs missing:**\n\n- S-4 Gift cards: wsjf.value"),
        "{md}"
    );
}

#[test]
fn json_is_versioned() {
    let s = shop();
    let out = s.ok(&["prioritize", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["method"], "wsjf");
    assert_eq!(v["kind"], "story");
    let order: Vec<&str> = v["order"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(order, ["S-1", "S-3", "S-2"]);
    assert_eq!(v["order"][0]["score"], 3.2);
    assert_eq!(v["order"][0]["arithmetic"], "CoD = 8 + 5 + 3 = 16; WSJF = 16 / 5 = 3.2");
    assert_eq!(v["order"][0]["rank"], 1000.0);
    assert_eq!(v["order"][0]["inputs"][3]["name"], "points");
    assert_eq!(v["missing"][0]["id"], "S-4");
    assert_eq!(v["warnings"], serde_json::json!([]));
    // S-2 waits for S-3; with S-3 filtered out it is listed as blocked.
    let out = s.ok(&["prioritize", "--format", "json", "--method", "rice"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["order"], serde_json::json!([]));
    assert_eq!(v["missing"].as_array().unwrap().len(), 4);
}

#[test]
fn write_touches_only_the_rank_line_of_changed_files() {
    let s = shop();
    let before = s.snapshot();
    let out = s.ok(&["prioritize", "--write"]);
    assert!(
        out.ends_with("Wrote rank to 3 file(s):\n  backlog/stories/S-1.md\n  backlog/stories/S-3.md\n  backlog/stories/S-2.md\n"),
        "{out}"
    );
    let after = s.snapshot();
    for ((name, a), (_, b)) in before.iter().zip(&after) {
        let rank = match name.as_str() {
            "S-1.md" => "1000",
            "S-3.md" => "2000",
            "S-2.md" => "3000",
            _ => {
                assert_eq!(a, b, "{name} must not change");
                continue;
            }
        };
        // The rank goes in at its place in the key order (after the wsjf block), and
        // nothing else changes: comments, the body, the other keys.
        let expected = a.replace("created: 2026-11-01\n", &format!("rank: {rank}\ncreated: 2026-11-01\n"));
        assert_eq!(b, &expected, "{name}");
    }
    assert_eq!(
        s.ok(&["prioritize", "--write"]).lines().last(),
        Some("Ranks are up to date; no file was changed.")
    );

    // A new story with the best score: only its file is written (rank 500, above S-1).
    s.story("S-6", "Apple Pay", (20, 20, 20), 1, "");
    let before = s.snapshot();
    let out = s.ok(&["prioritize", "--write"]);
    assert!(out.ends_with("Wrote rank to 1 file(s):\n  backlog/stories/S-6.md\n"), "{out}");
    let after = s.snapshot();
    let changed: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert_eq!(changed, ["S-6.md"]);
    assert!(s.read("backlog/stories/S-6.md").contains("\nrank: 500\n"));
    // The validator agrees with the ranks written.
    let (_, out, err) = s.run(&["validate", "--format", "short"]);
    assert!(!out.contains("PO205") && !err.contains("PO205"), "{out}{err}");
}

#[test]
fn a_pinned_rank_is_kept_and_reported() {
    let s = shop();
    s.story("S-3", "Store cards safely", (1, 1, 1), 3, "rank: 1\nrank_pinned: true\n");
    let out = s.ok(&["prioritize", "--write"]);
    assert!(out.contains("\n1    S-3  1 "), "{out}");
    assert!(out.contains("Pinned (rank_pinned: true, rank kept): S-3 (rank 1)"), "{out}");
    assert!(s.read("backlog/stories/S-3.md").contains("\nrank: 1\nrank_pinned: true\n"));
    // Pinning S-2 above its prerequisite S-3 is allowed, with a warning.
    s.story(
        "S-2",
        "Remember the card",
        (3, 2, 1),
        2,
        "depends_on: [S-3]\nrank: 0.5\nrank_pinned: true\n",
    );
    let out = s.ok(&["prioritize"]);
    assert!(
        out.contains("warning: S-2 is pinned at rank 0.5, which puts S-2 above its prerequisite S-3, which is not done"),
        "{out}"
    );
}

#[test]
fn a_cycle_is_a_finding_that_names_it() {
    let s = Session::new();
    s.story("S-3", "Three", (1, 1, 1), 1, "depends_on: [S-7]\n");
    s.story("S-7", "Seven", (1, 1, 1), 1, "depends_on: [S-3]\n");
    let (code, out, err) = s.run(&["prioritize", "--write"]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(out, "");
    assert!(err.starts_with("error: dependency cycle: S-3 → S-7 → S-3\n"), "{err}");
    assert!(!s.read("backlog/stories/S-3.md").contains("rank:"));
}

#[test]
fn methods_from_the_command_line_and_pobox_yaml() {
    let s = Session::new();
    s.write(
        "backlog/stories/S-1.md",
        "---\nid: S-1\ntitle: A\nstatus: ready\npoints: 2\ncod: 10\nduration: 2\n---\n",
    );
    s.write(
        "backlog/stories/S-2.md",
        "---\nid: S-2\ntitle: B\nstatus: ready\npoints: 3\ncod: 30\nduration: 4\n---\n",
    );
    let yaml = s.read("pobox.yaml").replace("prioritization: wsjf", "prioritization: cd3");
    s.write("pobox.yaml", &yaml);
    let out = s.ok(&["prioritize", "--explain"]);
    assert!(
        out.contains("1    S-2  7.5    30   4         B\n2    S-1  5      10   2         A\n"),
        "{out}"
    );
    assert!(out.contains("CD3 = 30 / 4 = 7.5"), "{out}");
    let (code, _, err) = s.run(&["prioritize", "--method", "kano"]);
    assert_eq!(code, 2, "{err}");
}
