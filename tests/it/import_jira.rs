//! `pobox import csv` of a Jira export as a team migrating with its history sends it
//! (issue 14): criteria written as a paragraph, issue links, an epic's sprint and comments
//! arrive as pobox reads them, and the imported items are found by their Jira keys.

use crate::support::Session;

/// A Jira export as Jira writes one: repeated `Comment` and link columns, an epic with a
/// sprint, "Acceptance Criteria:" paragraphs with ✅ and `*` bullets.
const EXPORT: &str = "Summary,Issue key,Issue Type,Status,Sprint,Custom field (Epic Link),Description,Comment,Comment,Outward issue link (Blocks),Inward issue link (Blocks)\n\
Checkout,UN-1,Epic,In Progress,Sprint 4,,,,,,\n\
Pay by card,UN-2,Story,In Progress,Sprint 4,UN-1,\"Shoppers pay.\n\nAcceptance Criteria:\n✅ The receipt shows <date> as the shopper writes it\n✅ A declined card says why\n\nNotes\n\n* ask finance\",\"15/Feb/26 4:37 PM;557058:dana;Looks good\",\"16/Feb/26 9:00 AM;557058:lee;Ship it\",UN-3,\n\
Refund,UN-3,Story,To Do,,UN-1,,,,,UN-2\n\
Audit,UN-4,Story,Done,,UN-1,\"*Acceptance criteria*\n\n* [x] Logged\",,,UN-99,\n";

fn imported() -> Session {
    let s = Session::new();
    s.write("jira.csv", EXPORT);
    s.ok(&["import", "csv", "jira.csv"]);
    s
}

/// The file of the item whose alias is `key`.
fn file_of(s: &Session, key: &str) -> String {
    let out = s.ok(&["show", key, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    s.read(v["item"]["path"].as_str().unwrap())
}

fn id_of(s: &Session, key: &str) -> String {
    let text = file_of(s, key);
    text.lines().find_map(|l| l.strip_prefix("id: ")).unwrap().to_owned()
}

#[test]
fn criteria_paragraphs_become_the_checklist_validate_reads() {
    let s = imported();
    let story = file_of(&s, "UN-2");
    assert!(
        story.contains(
            "Shoppers pay.\n\nNotes\n\n* ask finance\n\n## Acceptance Criteria\n\n- [ ] The receipt shows <date> as the shopper writes it\n- [ ] A declined card says why\n"
        ),
        "{story}"
    );
    s.write(
        "pobox.yaml",
        &format!("{}rules:\n  ready-without-estimate: warning\n", s.read("pobox.yaml")),
    );
    let (_, out, _) = s.run(&["validate", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_owned(), d["path"].as_str().unwrap_or("").to_owned()))
        .collect();
    let id = id_of(&s, "UN-2");
    assert!(
        !codes.iter().any(|(c, p)| c == "PO301" && p.contains(&id)),
        "a criterion naming <date> is a criterion: {codes:?}"
    );
}

#[test]
fn links_comments_and_an_epics_sprint_are_kept_where_pobox_reads_them() {
    let s = imported();
    let un2 = id_of(&s, "UN-2");
    let refund = file_of(&s, "UN-3");
    assert!(refund.contains(&format!("depends_on: [{un2}]\n")), "UN-2 blocks UN-3: {refund}");
    assert!(!refund.contains("issue_link"), "{refund}");
    let audit = file_of(&s, "UN-4");
    assert!(audit.contains("unresolved_blocks: [UN-99]\n"), "{audit}");
    let pay = file_of(&s, "UN-2");
    let front = pay.split("\n---\n").next().unwrap();
    assert!(!front.contains("comment") && !front.contains("blocks"), "{front}");
    assert!(
        pay.ends_with(
            "## Comments\n\n### 557058:dana, 2026-02-15 4:37 PM\n\nLooks good\n\n### 557058:lee, 2026-02-16 9:00 AM\n\nShip it\n"
        ),
        "{pay}"
    );
    let epic = file_of(&s, "UN-1");
    assert!(epic.contains("jira_sprint: Sprint 4\n"), "{epic}");
    // The import says what it could not link and what it kept.
    let s2 = Session::new();
    s2.write("jira.csv", EXPORT);
    let out = s2.ok(&["import", "csv", "jira.csv", "--dry-run"]);
    assert!(
        out.contains("`blocks` names `UN-99`, which is not in the import; kept as `unresolved_blocks`"),
        "{out}"
    );
    assert!(out.contains("an epic has no sprint in pobox"), "{out}");
}

#[test]
fn history_finds_an_imported_item_by_its_jira_key_as_show_does() {
    let s = imported();
    s.commit("Import from Jira");
    let id = id_of(&s, "UN-2");
    let by_key = s.ok(&["history", "UN-2", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&by_key).unwrap();
    assert_eq!(v["id"], id.as_str());
    assert_eq!(by_key, s.ok(&["history", &id, "--format", "json"]));
    // `forecast --epic` takes the key too.
    let (code, out, err) = s.run(&["forecast", "--epic", "UN-1"]);
    assert!(!err.contains("there is no epic"), "{code} {out}{err}");
}

#[test]
fn an_epic_without_stories_is_not_forecast_done_in_any_format() {
    let s = Session::new();
    s.write("jira.csv", "Issue key,Issue Type,Status,Summary\nUN-1,Epic,To Do,Empty\n");
    s.ok(&["import", "csv", "jira.csv"]);
    s.commit("Import from Jira");
    let json: serde_json::Value = serde_json::from_str(&s.ok(&["report", "epics", "--format", "json"])).unwrap();
    let outlook = &json["epics"][0]["outlook"];
    assert_eq!(outlook["p85"], serde_json::Value::Null);
    assert_eq!(outlook["unavailable"], "the epic has no stories");
    for format in ["md", "text", "html"] {
        let out = s.ok(&["report", "epics", "--format", format]);
        assert!(out.contains("no forecast: the epic has no stories"), "{format}: {out}");
        assert!(
            !out.contains(">done<") && !out.contains("| done |") && !out.contains(" done\n"),
            "{format}: {out}"
        );
    }
}
