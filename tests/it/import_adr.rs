//! `pobox import adr` (issue 14): folders of architecture decision records become
//! decisions. The real folders are `tests/fixtures/adr/` (MADR's own records and
//! Brighter's Nygard-form ones with front-matter and a shared number, see its README);
//! records superseded by others are written here, as neither source has one.

use std::path::{Path, PathBuf};

use crate::support::Session;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/adr").join(name)
}

/// The decisions of the workspace as (alias, status, supersedes, related), by id.
fn decisions(s: &Session) -> Vec<(String, String, String, String, String)> {
    let out = s.ok(&["decision", "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = |x: &serde_json::Value| match x {
        serde_json::Value::Null => "-".to_owned(),
        serde_json::Value::Array(a) => a.iter().map(|v| v.as_str().unwrap_or("?")).collect::<Vec<_>>().join(","),
        v => v.as_str().map_or_else(|| v.to_string(), str::to_owned),
    };
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_owned(),
                text(&i["extra"]["aliases"][0]),
                text(&i["status"]),
                text(&i["supersedes"]),
                text(&i["related"]),
            )
        })
        .collect()
}

fn row(id: &str, alias: &str, status: &str, supersedes: &str, related: &str) -> (String, String, String, String, String) {
    (id.into(), alias.into(), status.into(), supersedes.into(), related.into())
}

#[test]
fn madr_records_import_with_their_links_and_unknown_front_matter() {
    let s = Session::new();
    let dir = fixture("madr");
    let out = s.ok(&["import", "adr", dir.to_str().unwrap()]);
    assert!(out.contains("created 5 file(s)"), "{out}");
    assert!(
        out.contains("5 ADR file(s) read in") && out.contains("not imported (not `NNNN-title.md`): adr-template.md, index.md"),
        "{out}"
    );
    assert_eq!(
        decisions(&s),
        [
            row("D-1", "adr-0000", "-", "-", "-"),
            row("D-2", "adr-0003", "proposed", "-", "-"),
            row("D-3", "adr-0008", "-", "-", "D-5"),
            row("D-4", "adr-0009", "-", "-", "D-3"),
            row("D-5", "adr-0013", "-", "-", "D-3"),
        ]
    );
    let d2 = s.read("backlog/decisions/D-2.md");
    assert!(d2.contains("title: Write Own MADR Tooling\n"), "{d2}");
    assert!(
        d2.contains("parent: Decisions\n") && d2.contains("nav_order: 3\n"),
        "unknown keys are kept: {d2}"
    );
    let source = std::fs::read_to_string(dir.join("0003-provide-own-madr-tools.md")).unwrap();
    let body = &source[source.find("# Write Own MADR Tooling").unwrap()..];
    assert!(d2.ends_with(body), "the body is kept as written:\n{d2}");
    let (code, out, err) = s.run(&["validate"]);
    assert_eq!(code, 0, "{out}{err}");
    // A second run finds every record by its alias.
    let again = s.ok(&["import", "adr", dir.to_str().unwrap()]);
    assert!(
        again.contains("created 0 file(s)") && again.contains("Already imported, skipped (5)"),
        "{again}"
    );
}

#[test]
fn nygard_records_import_from_a_project_folder_and_shared_numbers_keep_every_file() {
    let s = Session::new();
    let out = s.ok(&["import", "adr", fixture("brighter").to_str().unwrap()]);
    assert!(out.contains("created 6 file(s)") && out.contains("6 ADR file(s) read in"), "{out}");
    assert!(
        out.contains("ADR 37 is the number of 2 files (adr/0037-reject-message-on-error-handler.md, adr/0037-universal-scheduler-delay.md): each is imported"),
        "a shared number is said once, and both files are imported: {out}"
    );
    assert_eq!(
        decisions(&s),
        [
            row("D-1", "adr-0001", "accepted", "-", "-"),
            row("D-2", "adr-0003", "proposed", "-", "D-3"),
            row("D-3", "adr-0004", "proposed", "-", "-"),
            row("D-4", "0037-reject-message-on-error-handler", "accepted", "-", "-"),
            row("D-5", "0037-universal-scheduler-delay", "accepted", "-", "-"),
            // 0038 links to `0037-reject-message-on-error-handler.md`: the file, not the number.
            row("D-6", "adr-0038", "accepted", "-", "D-4"),
        ]
    );
    let d1 = s.read("backlog/decisions/D-1.md");
    assert!(
        d1.contains("title: Record architecture decisions\n") && d1.contains("date: 2019-08-01\n"),
        "the number leaves the title; the date line is read: {d1}"
    );
    let d5 = s.read("backlog/decisions/D-5.md");
    assert!(
        d5.contains("adr_id: 0037-universal-scheduler-delay\n") && d5.contains("tags: [scheduling, messaging, transports, message-pump]\n"),
        "front-matter pobox does not know is kept: {d5}"
    );
    let (code, out, err) = s.run(&["validate"]);
    assert_eq!(code, 0, "{out}{err}");
    let again = s.ok(&["import", "adr", fixture("brighter").to_str().unwrap()]);
    assert!(
        again.contains("created 0 file(s)"),
        "every file, shared number or not, is skipped the second time: {again}"
    );
}

#[test]
fn a_reference_by_a_shared_number_is_ambiguous_and_a_status_line_under_the_title_is_read() {
    let s = Session::new();
    s.write(
        "docs/adr/0007-use-a.md",
        "# 7. Use A\n\n__Status__: Implemented in [!12](https://example.org/mr/12)\n\n## Context\n",
    );
    s.write("docs/adr/0007-use-b.md", "# 7. Use B\n\n**Status:** proposed\n\n## Context\n");
    s.write(
        "docs/adr/0008-use-c.md",
        "---\nstatus: accepted\nsupersedes: ADR-0007\n---\n# Use C\n\nSee [B](0007-use-b.md).\n",
    );
    let out = s.ok(&["import", "adr"]);
    assert!(
        out.contains("adr/0008-use-c.md: `supersedes` names ADR 7, which is ambiguous: it is 0007-use-a and 0007-use-b; left out"),
        "a number two files share is never guessed: {out}"
    );
    assert_eq!(
        decisions(&s),
        [
            row("D-1", "0007-use-a", "accepted", "-", "-"),
            row("D-2", "0007-use-b", "proposed", "-", "-"),
            row("D-3", "adr-0008", "accepted", "-", "D-2"),
        ]
    );
}

#[test]
fn superseding_records_link_both_ways_and_validate_clean() {
    let s = Session::new();
    s.ok(&["stakeholder", "new", "dana"]);
    // Nygard's form, as `adr new -s 1` writes it: the old record says who replaced it, the
    // new one says what it replaces; and a MADR record that only names its successor.
    s.write(
        "docs/adr/0001-use-mysql.md",
        "# 1. Use MySQL\n\nDate: 2024-01-02\n\n## Status\n\nSuperseded by [2. Use Postgres](0002-use-postgres.md)\n\n## Context\n\nOrders.\n",
    );
    s.write(
        "docs/adr/0002-use-postgres.md",
        "# 2. Use Postgres\n\nDate: 2024-03-04\n\n## Status\n\nAccepted\n\nSupersedes [1. Use MySQL](0001-use-mysql.md)\n\n## Context\n\nOrders.\n",
    );
    s.write(
        "docs/adr/0003-use-redis.md",
        "---\nstatus: superseded by ADR-0004\ndate: 2024-04-01\ndecision-makers: dana\nteam: core\n---\n# Use Redis\n",
    );
    s.write(
        "docs/adr/0004-use-valkey.md",
        "---\nstatus: accepted\ndate: 2024-05-01\ndecision-makers: [dana, Li Ng]\n---\n# Use Valkey\n\nSee [ADR-0002](0002-use-postgres.md).\n",
    );
    s.ok(&["import", "adr"]);
    assert_eq!(
        decisions(&s),
        [
            row("D-1", "adr-0001", "superseded", "-", "-"),
            row("D-2", "adr-0002", "accepted", "D-1", "-"),
            row("D-3", "adr-0003", "superseded", "-", "-"),
            row("D-4", "adr-0004", "accepted", "D-3", "D-2"),
        ]
    );
    let d4 = s.read("backlog/decisions/D-4.md");
    assert!(d4.contains("deciders: [dana, Li Ng]\n"), "{d4}");
    let d3 = s.read("backlog/decisions/D-3.md");
    assert!(d3.contains("deciders: [dana]\n") && d3.contains("team: core\n"), "{d3}");
    let (code, out, err) = s.run(&["validate"]);
    assert_eq!(code, 0, "{out}{err}");
    // Supersedes links hold both ways; Nygard's form has no deciders, which PO404 says.
    let all = format!("{out}{err}");
    assert!(["PO401", "PO402", "PO403"].iter().all(|c| !all.contains(c)), "{all}");
    assert!(all.contains("PO404]: D-2 is accepted but has no deciders"), "{all}");
}

#[test]
fn a_status_that_means_nothing_asks_for_a_mapping() {
    let s = Session::new();
    s.write("docs/adr/0001-x.md", "---\nstatus: parked\n---\n# X\n");
    let (code, _, err) = s.run(&["import", "adr"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("status `parked` has no pobox decision status"), "{err}");
    s.ok(&["import", "adr", "--status", "parked=proposed"]);
    assert_eq!(decisions(&s), [row("D-1", "adr-0001", "proposed", "-", "-")]);
}

#[test]
fn a_folder_without_records_is_an_error_that_says_where_they_are_looked_for() {
    let s = Session::new();
    let (code, _, err) = s.run(&["import", "adr"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("no architecture decision records here") && err.contains("docs/adr"),
        "{err}"
    );
}

#[test]
fn backlog_md_decisions_become_decisions_and_documents_are_copied_as_they_are() {
    let s = Session::new();
    s.write(
        "bmd/backlog/tasks/task-1 - Checkout.md",
        "---\nid: task-1\ntitle: Checkout\nstatus: To Do\n---\n",
    );
    s.write(
        "bmd/backlog/decisions/decision-1 - Use-MySQL.md",
        "---\nid: decision-1\ntitle: Use MySQL\ndate: '2025-06-02'\nstatus: superseded\n---\n## Context\n\nOrders.\n",
    );
    s.write(
        "bmd/backlog/decisions/decision-2 - Use-Postgres.md",
        "---\nid: decision-2\ntitle: Use Postgres\ndate: '2025-07-01 10:00'\nstatus: proposed\nreviewers: [li]\n---\n## Context\n\nBetter.\n",
    );
    let doc = "---\nid: doc-1\ntitle: Setup\ntype: guide\n---\n# Setup\n\nRun `make`.  \n";
    s.write("bmd/backlog/docs/doc-1 - Setup.md", doc);
    s.write("bmd/backlog/docs/guides/doc-2 - Deploy.md", "no front-matter at all\n");
    s.write("bmd/backlog/docs/readme.md", "Backlog.md's own readme\n");
    let out = s.ok(&["import", "backlog-md", "bmd"]);
    assert!(
        out.contains("; 2 decision file(s) read; 2 document(s) in docs/, copied as they are.\n"),
        "{out}"
    );
    assert!(out.contains("\nDocuments: 2 copied, 0 already there.\n"), "{out}");
    assert_eq!(
        decisions(&s),
        [
            row("D-1", "decision-1", "superseded", "-", "-"),
            row("D-2", "decision-2", "proposed", "-", "-"),
        ]
    );
    let d2 = s.read("backlog/decisions/D-2.md");
    assert!(
        d2.contains("date: 2025-07-01\n") && d2.contains("reviewers: [li]\n") && d2.ends_with("## Context\n\nBetter.\n"),
        "{d2}"
    );
    assert_eq!(s.read("backlog/docs/doc-1 - Setup.md"), doc, "byte for byte");
    assert_eq!(s.read("backlog/docs/guides/doc-2 - Deploy.md"), "no front-matter at all\n");
    assert!(!s.path().join("backlog/docs/readme.md").exists());
    // Documents are not items: no finding about them; the superseded decision without a
    // successor is the source's own gap, said as a warning.
    let (code, out, err) = s.run(&["validate"]);
    assert_eq!(code, 0, "{out}{err}");
    let all = format!("{out}{err}");
    assert!(!all.contains("docs/"), "{all}");
    assert!(all.contains("PO401]: D-1 is superseded, but no decision supersedes it"), "{all}");
    let again = s.ok(&["import", "backlog-md", "bmd"]);
    assert!(
        again.contains("created 0 file(s)") && again.contains("\nDocuments: 0 copied, 2 already there.\n"),
        "{again}"
    );
}
