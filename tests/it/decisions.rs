//! Decision records, the seventh kind (issue 14): `pobox decision new/list/move`, `show`,
//! the rules PO401–PO405, the site's pages, the stakeholder report and meetings whose
//! `## Decisions` name a record.

use crate::support::Session;

/// A meeting whose `## Decisions` names D-1.
const MEETING: &str = "---\nid: 2026-01-05-architecture\ntitle: Architecture\ntype: technical\ndate: 2026-01-05\nattendees: [dana]\n---\n\n## Decisions\n\n- Orders go to MySQL (D-1)\n";

/// A workspace with a stakeholder `dana`, an accepted D-1 and a D-2 that supersedes it.
fn decided() -> Session {
    let s = Session::new();
    s.ok(&["stakeholder", "new", "dana"]);
    s.ok(&["story", "new", "Pay by card"]);
    s.ok(&[
        "decision",
        "new",
        "Use MySQL",
        "--status",
        "accepted",
        "--date",
        "2026-01-05",
        "--deciders",
        "dana",
    ]);
    s.ok(&[
        "decision",
        "new",
        "Use Postgres",
        "--supersedes",
        "D-1",
        "--deciders",
        "dana,Li Ng",
        "--related",
        "S-1",
    ]);
    s
}

#[test]
fn new_list_show_and_the_life_cycle() {
    let s = decided();
    let d2 = s.read("backlog/decisions/D-2.md");
    assert!(
        d2.starts_with("---\nid: D-2\ntitle: Use Postgres\nstatus: proposed\ndeciders: [dana, Li Ng]\nsupersedes: [D-1]\nrelated: [S-1]\n"),
        "{d2}"
    );
    assert!(
        d2.contains("\n## Considered options\n") && d2.contains("\n## Decision outcome\n"),
        "{d2}"
    );
    let list = s.ok(&["decision", "list"]);
    assert!(
        list.contains("D-1  accepted  2026-01-05  dana         -           Use MySQL"),
        "{list}"
    );
    assert!(
        list.contains("D-2  proposed  -           dana, Li Ng  D-1         Use Postgres"),
        "{list}"
    );
    let show = s.ok(&["show", "D-1"]);
    assert!(show.contains("- D-2 Use Postgres (supersedes)"), "{show}");
    let show = s.ok(&["show", "S-1"]);
    assert!(show.contains("- D-2 Use Postgres (related)"), "{show}");

    // proposed → accepted; accepted → superseded; never back.
    let (code, _, err) = s.run(&["decision", "move", "D-1", "proposed"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("D-1 is accepted, so it cannot move to proposed: from accepted it moves to superseded"),
        "{err}"
    );
    let (code, _, err) = s.run(&["decision", "move", "D-2", "done"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`done` is not a decision status"), "{err}");
    s.ok(&["decision", "move", "D-2", "accepted"]);
    s.ok(&["set", "D-2", "date=2026-02-01"]);
    s.ok(&["decision", "move", "D-1", "superseded"]);
    let (code, out, err) = s.run(&["validate"]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let (code, _, err) = s.run(&["decision", "move", "D-1", "accepted"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("it stays as it is; record a new decision that supersedes it"), "{err}");
}

#[test]
fn validate_keeps_the_adr_promises() {
    let s = decided();
    s.ok(&["decision", "move", "D-2", "accepted"]);
    s.write(
        "backlog/decisions/D-3.md",
        "---\nid: D-3\ntitle: Cache\nstatus: superseded\ndeciders: [bob]\nsupersedes: [S-1, D-9]\n---\n",
    );
    let (code, out, err) = s.run(&["validate", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().starts_with("backlog/decisions/"))
        .map(|d| {
            format!(
                "{} {} {}",
                d["path"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "backlog/decisions/D-2.md PO404 D-2 is accepted but has no date",
            "backlog/decisions/D-2.md PO402 D-2 supersedes D-1, but D-1 is accepted, not superseded",
            "backlog/decisions/D-3.md PO401 D-3 is superseded, but no decision supersedes it",
            "backlog/decisions/D-3.md PO405 decider `bob` is not a stakeholder's handle",
            "backlog/decisions/D-3.md PO202 `supersedes` names `S-1`, which is a story, not a decision",
            "backlog/decisions/D-3.md PO202 `supersedes` names `D-9`, but no decision has that id",
        ]
    );
}

#[test]
fn meetings_name_decisions_and_unknown_ones_are_found() {
    let s = decided();
    s.write(
        "backlog/meetings/2026-01-05-architecture.md",
        &format!("{MEETING}- Cache later, see D-7\n"),
    );
    let (code, out, err) = s.run(&["validate"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("warning[PO203]") && err.contains("`D-7`"), "{err}");
    let show = s.ok(&["show", "D-1"]);
    assert!(show.contains("- 2026-01-05-architecture Architecture (body)"), "{show}");
}

#[test]
fn the_site_and_the_stakeholder_report_show_decisions() {
    let s = decided();
    s.write("backlog/meetings/2026-01-05-architecture.md", MEETING);
    s.ok(&["site", "--out", "public"]);
    let list = s.read("public/decisions.html");
    assert!(
        list.contains("<h1>Decisions</h1>") && list.contains("<a href=\"decision-D-1.html\">D-1</a>"),
        "{list}"
    );
    let index = s.read("public/index.html");
    assert!(index.contains("href=\"decisions.html\""), "every page links the decisions: {index}");
    let d1 = s.read("public/decision-D-1.html");
    assert!(
        d1.contains("<a href=\"decision-D-2.html\">D-2</a>") && d1.contains("(decision, in supersedes)"),
        "{d1}"
    );
    let d2 = s.read("public/decision-D-2.html");
    assert!(d2.contains("<a href=\"story-S-1.html\">S-1</a>"), "related items are linked: {d2}");
    let meeting = s.read("public/meeting-2026-01-05-architecture.html");
    assert!(
        meeting.contains("<li>Orders go to MySQL (D-1) <span class=\"note\">(<a href=\"decision-D-1.html\">D-1</a>)</span></li>"),
        "{meeting}"
    );
    let report = s.ok(&["report", "stakeholders"]);
    assert!(report.contains("## Decisions taken"), "{report}");
    assert!(report.contains("| dana (@dana) | D-1, D-2 |"), "{report}");
    let json = s.ok(&["report", "stakeholders", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let dana = &v["unclassified"][0];
    assert_eq!(dana["decided"][1]["title"], "Use Postgres", "{json}");
    assert_eq!(dana["decided"][1]["status"], "proposed", "{json}");
}

#[test]
fn the_schema_and_every_kind_wide_report_know_decisions() {
    let s = decided();
    let schema = s.ok(&["schema", "decision"]);
    assert!(schema.contains("\"enum\": [\n") && schema.contains("\"superseded\""), "{schema}");
    let export = s.ok(&["export", "json"]);
    assert!(export.contains("\"kind\": \"decision\""), "{export}");
    let status = s.ok(&["status"]);
    assert!(status.contains("decision"), "{status}");
    s.ok(&["report", "backlog"]);
    s.ok(&["fmt", "--check"]);
}
