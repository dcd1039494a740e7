//! `pobox report actions` (and the other reports built from today's files), as a user runs
//! them: on the demo (its last day 2026-10-14 pinned as "today") and on a small hostile
//! workspace whose titles try to break out of Markdown, Mermaid and HTML.

use std::path::Path;

use serde_json::Value;

use crate::support::{self, demo};

const CSP_META: &str =
    r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">"#;

/// Run pobox on 2026-10-14 and expect success; its stdout.
fn ok(dir: &Path, args: &[&str]) -> String {
    support::pobox_ok(dir, "2026-10-14", args)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).unwrap()
}

/// A workspace whose every user text is an attack on one output format or another.
fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |path: &str, text: &str| support::write_file(d, path, text);
    write("pobox.yaml", "product: 'Hostile <b>Shop</b>'\n");
    write(
        "backlog/meetings/2026-10-01-stakeholder.md",
        "---\nid: 2026-10-01-stakeholder\ntitle: '<script>alert(1)</script> | cell'\ntype: stakeholder\ndate: 2026-10-01\nattendees: [x]\n---\n\n\
         ## Action items\n\n- [ ] @x <script>alert(2)</script> [here](javascript:alert(3)) (due: 2026-10-02)\n\
         - [ ] nobody's job `code` <b>bold</b>\n- [ ] @x no date yet\n",
    );
    write(
        "backlog/risks/R-1.md",
        "---\nid: R-1\ntitle: '<script>alert(1)</script> | cell'\nlikelihood: 5\nimpact: 4\nstatus: open\nowner: '<b>x</b>'\nmitigation: '\"><script>alert(4)</script> [a](javascript:x)'\n---\n",
    );
    write(
        "backlog/stakeholders/x.md",
        "---\nid: x\ntitle: '<script>alert(1)</script> | cell'\nrole: '<i>r</i>'\npower: high\ninterest: low\ncadence_days: 7\n---\n",
    );
    write(
        "backlog/stakeholders/yz.md",
        "---\nid: yz\ntitle: YZ\npower: medium\ninterest: high\n---\n",
    );
    write(
        "backlog/stories/S-1.md",
        "---\nid: S-1\ntitle: '<img src=x onerror=alert(5)>'\nstatus: ready\nstakeholders: [x]\n---\n",
    );
    write(
        "backlog/epics/E-1.md",
        "---\nid: E-1\ntitle: '<script>alert(1)</script> | cell: t9, 2020-01-01 ```\\n%%{init}%% #x; \"a\"'\nhorizon: now\ntarget: 2026-10-10\ncreated: 2026-09-01\n---\n",
    );
    write(
        "backlog/stories/S-2.md",
        "---\nid: S-2\ntitle: Two\nstatus: done\npoints: 3\nepic: E-1\n---\n",
    );
    write(
        "backlog/stories/S-3.md",
        "---\nid: S-3\ntitle: Three\nstatus: ready\npoints: 1\nepic: E-1\n---\n",
    );
    write("backlog/risks/R-2.md", "---\nid: R-2\ntitle: Unscored\n---\n");
    dir
}

/// The HTML promises: the CSP meta, no script anywhere, the title escaped.
fn assert_safe_html(html: &str) {
    assert!(html.contains(CSP_META), "{html}");
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
}

#[test]
fn actions_json_counts_the_demo() {
    let dir = demo();
    let v = json(dir.path(), &["report", "actions", "--format", "json"]);
    assert_eq!((v["version"].as_u64(), v["report"].as_str()), (Some(1), Some("actions")));
    assert_eq!(v["as_of"], "2026-10-14");
    assert_eq!(
        (v["total"].as_u64(), v["done"].as_u64(), v["open"].as_u64()),
        (Some(22), Some(17), Some(5))
    );
    assert_eq!(v["overdue"].as_u64(), Some(3));
    let items: Vec<&Value> = v["owners"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["items"].as_array().unwrap())
        .collect();
    assert_eq!(items.len(), 5);
    assert_eq!(items.iter().filter(|a| a["days_overdue"].as_i64() == Some(5)).count(), 3);
    assert_eq!(
        items.iter().filter(|a| a["days_overdue"].is_null()).count(),
        2,
        "2 open, not yet due"
    );
    let owners: Vec<&str> = v["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["owner"].as_str().unwrap())
        .collect();
    assert_eq!(owners, ["li", "omar", "pat", "priya"], "overdue owners first");
    let pat = &v["owners"][2]["items"];
    assert_eq!(
        (pat[0]["days_overdue"].as_i64(), pat[1]["due"].as_str()),
        (Some(5), Some("2026-10-21"))
    );
    assert_eq!(pat[0]["meeting"], "2026-10-02-retrospective");
    assert_eq!(v["needs_owner_or_due"].as_array().unwrap().len(), 0);
}

#[test]
fn actions_markdown() {
    let dir = demo();
    insta::assert_snapshot!("demo_actions_md", ok(dir.path(), &["report", "actions"]));
}

#[test]
fn actions_html_is_self_contained_and_out_writes_a_file() {
    let dir = demo();
    let out = dir.path().join("actions.html");
    let said = ok(
        dir.path(),
        &["report", "actions", "--format", "html", "--out", out.to_str().unwrap()],
    );
    assert!(said.starts_with("Wrote the action-items report to "), "{said}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains(CSP_META));
    assert!(!html.contains("<script"));
    assert!(html.contains("<span class=\"overdue\">5 days</span>"), "{html}");
}

#[test]
fn actions_escape_hostile_text_and_list_items_needing_an_owner_or_date() {
    let dir = hostile();
    let md = ok(dir.path(), &["report", "actions"]);
    assert!(!md.contains("<script"), "{md}");
    assert!(
        md.contains("| &lt;script&gt;alert(2)&lt;/script&gt; here | 2026-10-02 | **12 days** |"),
        "{md}"
    );
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| cell"), "{md}");
    assert!(md.contains("## Needs an owner/due date (2)"), "{md}");
    assert!(md.contains("| no owner | no due date |"), "{md}");
    assert_safe_html(&ok(dir.path(), &["report", "actions", "--format", "html"]));
    let v = json(dir.path(), &["report", "actions", "--format", "json"]);
    assert_eq!(v["owners"][0]["items"][0]["days_overdue"].as_i64(), Some(12));
    assert_eq!(
        v["owners"][0]["items"][0]["text"], "<script>alert(2)</script> here",
        "the notes keep a link's text only"
    );
}

/// The excerpt after `$ {command}` in docs/commands.md is what pobox prints: each part
/// between `[…]` lines is a piece of the real report.
fn assert_docs_excerpt(command: &str) {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/commands.md")).unwrap();
    let head = format!("$ {command}");
    let lines: Vec<&str> = docs.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == head)
        .unwrap_or_else(|| panic!("{head} is in docs/commands.md"));
    // The block's own fence: a longer one when the output has fenced blocks of its own.
    let fence = lines[at - 1].trim_end_matches("console");
    let excerpt: Vec<&str> = lines[at + 1..].iter().copied().take_while(|l| *l != fence).collect();
    assert!(excerpt.len() > 5, "the example of {command} is in docs/commands.md");
    let dir = demo();
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let out = ok(dir.path(), &args);
    assert!(out.starts_with(excerpt[0]), "{out}");
    for part in excerpt.split(|l| *l == "[…]") {
        let part = part.join("\n");
        assert!(out.contains(&part), "not in the output of {command}:\n{part}");
    }
}

#[test]
fn the_excerpts_in_docs_commands_md_are_what_pobox_prints() {
    assert_docs_excerpt("pobox report actions");
    assert_docs_excerpt("pobox report risks");
    assert_docs_excerpt("pobox report stakeholders");
    assert_docs_excerpt("pobox report roadmap");
    assert_docs_excerpt("pobox report epics");
    assert_docs_excerpt("pobox report backlog");
    assert_docs_excerpt("pobox report sprint SP-2 --format text");
}

#[test]
fn risks_json_has_the_matrix_and_the_open_risks() {
    let dir = demo();
    let v = json(dir.path(), &["report", "risks", "--format", "json"]);
    assert_eq!((v["version"].as_u64(), v["report"].as_str()), (Some(1), Some("risks")));
    assert_eq!((v["total"].as_u64(), v["open"].as_u64()), (Some(3), Some(1)));
    assert_eq!(
        v["not_open"],
        serde_json::json!([{"status": "closed", "count": 1}, {"status": "mitigated", "count": 1}])
    );
    let matrix = v["matrix"].as_array().unwrap();
    assert_eq!(matrix.len(), 5);
    assert_eq!(matrix[0]["impact"], 5, "impact 5 on top");
    assert!(matrix.iter().all(|r| r["cells"].as_array().unwrap().len() == 5));
    // Impact 4 is the second row; likelihood 3 the third cell.
    let cell = &matrix[1]["cells"][2];
    assert_eq!(
        (cell["likelihood"].as_u64(), cell["impact"].as_u64(), cell["score"].as_u64()),
        (Some(3), Some(4), Some(12))
    );
    assert_eq!(
        (cell["band"].as_str(), cell["risks"].clone()),
        (Some("high"), serde_json::json!(["R-3"]))
    );
    assert_eq!(matrix[0]["cells"][4]["band"], "critical");
    assert_eq!(matrix[4]["cells"][0]["band"], "low");
    assert_eq!(matrix[2]["cells"][2]["band"], "medium");
    let placed: usize = matrix
        .iter()
        .flat_map(|r| r["cells"].as_array().unwrap())
        .map(|c| c["risks"].as_array().unwrap().len())
        .sum();
    assert_eq!(placed, 1);
    let r = &v["risks"][0];
    assert_eq!(
        (r["id"].as_str(), r["score"].as_u64(), r["band"].as_str(), r["owner"].as_str()),
        (Some("R-3"), Some(12), Some("high"), Some("omar"))
    );
    assert_eq!(v["risks"].as_array().unwrap().len(), 1);
}

#[test]
fn risks_markdown() {
    let dir = demo();
    insta::assert_snapshot!("demo_risks_md", ok(dir.path(), &["report", "risks"]));
}

#[test]
fn risks_html_colours_the_bands() {
    let dir = demo();
    let html = ok(dir.path(), &["report", "risks", "--format", "html"]);
    assert!(html.contains(CSP_META));
    assert!(!html.contains("<script"));
    assert_eq!(html.matches("<td class=\"band-").count(), 25 + 1, "25 cells and one risk's band");
    assert!(
        html.contains("<td class=\"band-high\"><span class=\"note\">12 high</span> <strong>R-3</strong></td>"),
        "{html}"
    );
    assert!(html.contains(".band-critical {"), "the bands have colours");
}

#[test]
fn risks_escape_hostile_text() {
    let dir = hostile();
    let md = ok(dir.path(), &["report", "risks"]);
    assert!(!md.contains("<script") && !md.contains("<b>"), "{md}");
    assert!(
        md.contains("| R-1 | &lt;script&gt;alert(1)&lt;/script&gt; \\| cell | 5 × 4 = 20 | critical |"),
        "{md}"
    );
    assert!(md.contains("\\[a\\](javascript:x)"), "{md}");
    assert!(md.contains("without a likelihood or an impact, so not placed: R-2."), "{md}");
    assert_safe_html(&ok(dir.path(), &["report", "risks", "--format", "html"]));
    let v = json(dir.path(), &["report", "risks", "--format", "json"]);
    assert_eq!(v["risks"][0]["title"], "<script>alert(1)</script> | cell");
    assert_eq!(v["unscored"], serde_json::json!(["R-2"]));
}

#[test]
fn stakeholders_json_has_the_grid_contact_and_requests() {
    let dir = demo();
    let v = json(dir.path(), &["report", "stakeholders", "--format", "json"]);
    assert_eq!((v["version"].as_u64(), v["report"].as_str()), (Some(1), Some("stakeholders")));
    assert_eq!((v["total"].as_u64(), v["overdue"].as_u64()), (Some(8), Some(2)));
    let quadrants: Vec<(&str, Vec<&str>)> = v["quadrants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["quadrant"].as_str().unwrap(),
                q["stakeholders"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["id"].as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        quadrants,
        [
            ("key_players", vec!["dana", "pat"]),
            ("keep_satisfied", vec!["li"]),
            ("keep_informed", vec!["kai", "omar", "priya", "rosa"]),
            ("monitor", vec!["sam"]),
        ],
        "all four quadrants"
    );
    assert_eq!(v["unclassified"].as_array().unwrap().len(), 0);
    let dana = &v["quadrants"][0]["stakeholders"][0];
    assert_eq!(
        (dana["last_contact"].as_str(), dana["days_since_contact"].as_i64()),
        (Some("2026-10-02"), Some(12))
    );
    assert_eq!((dana["cadence_days"].as_u64(), dana["overdue"].as_bool()), (Some(7), Some(true)));
    assert_eq!(dana["stories"].as_array().unwrap().len(), 15);
    assert_eq!(dana["stories"][0]["id"], "S-1");
    let li = &v["quadrants"][1]["stakeholders"][0];
    assert_eq!(
        (
            li["last_contact"].as_str(),
            li["days_since_contact"].as_i64(),
            li["overdue"].as_bool()
        ),
        (Some("2026-09-24"), Some(20), Some(false))
    );
    assert_eq!(li["last_meeting"], "Stakeholder check-in on the soft launch");
    let sam = &v["quadrants"][3]["stakeholders"][0];
    assert_eq!(
        (sam["last_contact"].is_null(), sam["overdue"].as_bool()),
        (true, Some(true)),
        "never met, cadence 90 days"
    );
    let ids: Vec<&str> = sam["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["S-4", "S-10"]);
}

#[test]
fn stakeholders_markdown() {
    let dir = demo();
    insta::assert_snapshot!("demo_stakeholders_md", ok(dir.path(), &["report", "stakeholders"]));
}

#[test]
fn stakeholders_html_is_a_2x2_grid() {
    let dir = demo();
    let html = ok(dir.path(), &["report", "stakeholders", "--format", "html"]);
    assert!(html.contains(CSP_META));
    assert!(!html.contains("<script"));
    assert!(html.contains("<div class=\"grid2\">"));
    assert_eq!(html.matches("<div class=\"quadrant\">").count(), 4);
    let order: Vec<usize> = ["Keep Satisfied", "Key Players", "Monitor", "Keep Informed"]
        .iter()
        .map(|q| html.find(&format!("<h3>{q} ")).unwrap())
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "high power on top, high interest on the right"
    );
}

#[test]
fn stakeholders_escape_hostile_text() {
    let dir = hostile();
    let md = ok(dir.path(), &["report", "stakeholders"]);
    assert!(!md.contains("<script") && !md.contains("<i>"), "{md}");
    assert!(
        md.contains("**Keep Satisfied** (a monthly summary): &lt;script&gt;alert(1)&lt;/script&gt; \\| cell (overdue)"),
        "{md}"
    );
    assert_safe_html(&ok(dir.path(), &["report", "stakeholders", "--format", "html"]));
    let v = json(dir.path(), &["report", "stakeholders", "--format", "json"]);
    let x = &v["quadrants"][1]["stakeholders"][0];
    assert_eq!(
        (x["days_since_contact"].as_i64(), x["overdue"].as_bool()),
        (Some(13), Some(true)),
        "attended on 2026-10-01"
    );
    assert_eq!(x["stories"][0]["title"], "<img src=x onerror=alert(5)>");
    assert_eq!(v["unclassified"][0]["id"], "yz", "power medium is on no quadrant");
}

#[test]
fn roadmap_json_has_horizons_timeline_and_progress() {
    let dir = demo();
    let v = json(dir.path(), &["report", "roadmap", "--format", "json"]);
    assert_eq!((v["version"].as_u64(), v["report"].as_str()), (Some(1), Some("roadmap")));
    let horizons: Vec<(&str, Vec<&str>)> = v["horizons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["horizon"].as_str().unwrap(),
                h["epics"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect(),
            )
        })
        .collect();
    assert_eq!(horizons, [("now", vec!["E-1"]), ("next", vec!["E-2"]), ("later", vec!["E-3"])]);
    assert_eq!(v["unplanned"].as_array().unwrap().len(), 0);
    let timeline: Vec<(&str, &str)> = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["target"].as_str().unwrap()))
        .collect();
    assert_eq!(timeline, [("E-1", "2026-10-16"), ("E-2", "2026-11-13"), ("E-3", "2027-01-29")]);
    let nums = |e: &Value| {
        (
            e["points_done"].as_u64(),
            e["points"].as_u64(),
            e["stories_done"].as_u64(),
            e["stories"].as_u64(),
        )
    };
    // E-1's dropped story (S-12, 3 points) is on neither side: 11 of 12, 41 of 46.
    assert_eq!(nums(&v["timeline"][0]), (Some(41), Some(46), Some(11), Some(12)));
    assert_eq!(
        (
            v["timeline"][0]["dropped_stories"].as_u64(),
            v["timeline"][0]["dropped_points"].as_u64()
        ),
        (Some(1), Some(3))
    );
    assert_eq!(v["timeline"][0]["remaining_points"], 5);
    assert_eq!(nums(&v["timeline"][1]), (Some(5), Some(21), Some(2), Some(7)));
    assert_eq!(nums(&v["timeline"][2]), (Some(0), Some(10), Some(0), Some(5)));
    assert!((v["timeline"][0]["progress"].as_f64().unwrap() - 41.0 / 46.0).abs() < 1e-9);
}

#[test]
fn roadmap_markdown() {
    let dir = demo();
    insta::assert_snapshot!("demo_roadmap_md", ok(dir.path(), &["report", "roadmap"]));
}

#[test]
fn roadmap_html_has_no_dates_in_the_horizons() {
    let dir = demo();
    let html = ok(dir.path(), &["report", "roadmap", "--format", "html"]);
    assert!(html.contains(CSP_META));
    assert!(!html.contains("<script"));
    let grid = &html[html.find("<div class=\"grid3\">").unwrap()..html.find("<h2>Timeline</h2>").unwrap()];
    assert_eq!(grid.matches("<div class=\"quadrant\">").count(), 3);
    assert!(
        !grid.contains("2026-") && !grid.contains("2027-"),
        "no dates in Now/Next/Later: {grid}"
    );
    assert!(
        html.contains("<meter min=\"0\" max=\"1\" value=\"0.891\">89%</meter> 89%"),
        "{html}"
    );
}

#[test]
fn roadmap_escapes_hostile_text() {
    let dir = hostile();
    let md = ok(dir.path(), &["report", "roadmap"]);
    assert!(!md.contains("<script"), "{md}");
    let fences: Vec<&str> = md.lines().filter(|l| l.starts_with("```")).collect();
    assert_eq!(fences, ["```mermaid", "```"], "{md}");
    let gantt = &md[md.find("```mermaid").unwrap()..md.rfind("```").unwrap()];
    let task = gantt.lines().find(|l| l.contains("E-1")).unwrap();
    assert_eq!(task.matches(':').count(), 1, "one colon, pobox's own: {task}");
    assert!(
        task.ends_with(":crit, t1, 2026-09-01, 2026-10-10"),
        "past its target and not done: {task}"
    );
    for bad in ['"', '#', ';', '%', '<', '>', '`'] {
        assert!(!task.contains(bad), "{bad:?} in {task}");
    }
    assert!(md.contains("| E-1 | &lt;script&gt;alert(1)&lt;/script&gt; \\| cell"), "{md}");
    assert_safe_html(&ok(dir.path(), &["report", "roadmap", "--format", "html"]));
    let v = json(dir.path(), &["report", "roadmap", "--format", "json"]);
    assert_eq!(
        (v["timeline"][0]["points_done"].as_u64(), v["timeline"][0]["points"].as_u64()),
        (Some(3), Some(4))
    );
}

#[test]
fn epics_json_has_progress_without_dropped_work_and_the_forecast_of_forecast_epic() {
    let dir = demo();
    let v = json(dir.path(), &["report", "epics", "--format", "json"]);
    assert_eq!(v["report"], "epics");
    assert_eq!(
        v["forecast"]["settings"],
        serde_json::json!({"window_days": 60, "trials": 10000, "seed": 1})
    );
    assert_eq!(
        (v["forecast"]["from"].as_str(), v["forecast"]["to"].as_str()),
        (Some("2026-09-01"), Some("2026-10-14"))
    );
    let e1 = &v["epics"][0];
    assert_eq!(e1["id"], "E-1");
    // S-12 (3 points) is dropped: out of both sides, counted apart.
    assert_eq!((e1["points_done"].as_u64(), e1["points"].as_u64()), (Some(41), Some(46)));
    assert_eq!((e1["stories_done"].as_u64(), e1["stories"].as_u64()), (Some(11), Some(12)));
    assert_eq!((e1["dropped_stories"].as_u64(), e1["dropped_points"].as_u64()), (Some(1), Some(3)));
    assert_eq!(e1["remaining_points"], 5);
    // The same forecast as `pobox forecast --epic E-1`, and flagged past the target.
    let f = json(dir.path(), &["forecast", "--epic", "E-1", "--format", "json"]);
    let p85 = f["percentiles"].as_array().unwrap().iter().find(|p| p["percent"] == 85).unwrap();
    assert_eq!(e1["outlook"]["p85"], p85["date"]);
    assert_eq!(e1["outlook"]["target"], "2026-10-16");
    assert_eq!(e1["outlook"]["past_target"], true);
    assert_eq!(v["epics"][1]["points_done"], 5);
    assert_eq!(v["epics"][1]["points"], 21);
    assert_eq!(v["epics"][2]["unestimated"], 2, "E-3's stories without points are not zero work");
}

#[test]
fn epics_markdown() {
    let dir = demo();
    insta::assert_snapshot!("demo_epics_md", ok(dir.path(), &["report", "epics"]));
}

#[test]
fn epics_html_is_self_contained() {
    let dir = demo();
    let html = ok(dir.path(), &["report", "epics", "--format", "html"]);
    assert!(html.contains(CSP_META));
    assert!(!html.contains("<script"));
    assert!(
        html.contains("<td><span class=\"overdue\">P85 2026-10-21, after the target</span></td>"),
        "{html}"
    );
}

#[test]
fn backlog_json_is_the_prioritized_order_with_readiness() {
    let dir = demo();
    let v = json(dir.path(), &["report", "backlog", "--format", "json"]);
    assert_eq!((v["report"].as_str(), v["method"].as_str()), (Some("backlog"), Some("wsjf")));
    let order = v["order"].as_array().unwrap();
    assert_eq!(order.len(), 9);
    assert_eq!(order[0]["id"], "S-13");
    assert_eq!(order[0]["position"], 1);
    assert_eq!(order[0]["score"], 4.8);
    assert_eq!(order[0]["points"], 5);
    assert_eq!(order[0]["ready"], true);
    let missing: Vec<&str> = v["missing"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(missing, ["S-23", "S-24"]);
    let m = json(dir.path(), &["report", "backlog", "--method", "moscow", "--format", "json"]);
    assert_eq!(m["method"], "moscow");
}

#[test]
fn backlog_markdown() {
    let dir = demo();
    insta::assert_snapshot!("demo_backlog_md", ok(dir.path(), &["report", "backlog"]));
}

#[test]
fn backlog_html_is_self_contained() {
    let dir = demo();
    let html = ok(dir.path(), &["report", "backlog", "--format", "html"]);
    assert!(html.contains(CSP_META));
    assert!(!html.contains("<script"));
    assert!(html.contains("<h2>Missing inputs (2)</h2>"), "{html}");
}

#[test]
fn backlog_says_why_a_story_is_not_ready_and_escapes_hostile_text() {
    let dir = hostile();
    std::fs::write(
        dir.path().join("backlog/stories/S-4.md"),
        "---\nid: S-4\ntitle: '<script>alert(1)</script> | cell'\nstatus: ready\nwsjf: {value: 3, time_criticality: 2, risk_reduction: 1, job_size: 2}\n---\n",
    )
    .unwrap();
    let v = json(dir.path(), &["report", "backlog", "--method", "wsjf", "--format", "json"]);
    let s4 = v["order"].as_array().unwrap().iter().find(|r| r["id"] == "S-4").unwrap();
    assert_eq!(s4["ready"], false);
    assert_eq!(s4["not_ready"], serde_json::json!(["no criteria", "no estimate"]));
    let md = ok(dir.path(), &["report", "backlog", "--method", "wsjf"]);
    // Named so it cannot be read as the `ready` status the story is in.
    assert!(md.contains("| Criteria and estimate |"), "{md}");
    assert!(md.contains("| ready | - | 3 | neither |"), "{md}");
    assert!(!md.contains("not ready"), "{md}");
    assert!(!md.contains("<script"), "{md}");
    assert_safe_html(&ok(dir.path(), &["report", "backlog", "--method", "wsjf", "--format", "html"]));
}

#[test]
fn epics_say_why_there_is_no_forecast() {
    let dir = hostile();
    let git = |args: &[&str]| support::git(dir.path(), "2026-10-14T09:00:00Z", args);
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x"]);
    let md = ok(dir.path(), &["report", "epics"]);
    assert!(
        md.contains("| 1 of 2 | 3 of 4 | 75% | 1 | - | no forecast: no story finished in the window |"),
        "{md}"
    );
    assert!(!md.contains("<script"), "{md}");
    assert_safe_html(&ok(dir.path(), &["report", "epics", "--format", "html"]));
}

/// A dependency cycle stops the backlog report as it stops `pobox prioritize`: a finding
/// (exit 1) with the cycle and how to break it, and no report.
#[test]
fn backlog_with_a_cycle_is_a_finding_like_prioritize() {
    let dir = demo();
    let story = dir.path().join("backlog/stories/S-18.md");
    let text = std::fs::read_to_string(&story).unwrap();
    std::fs::write(&story, text.replacen("\nstatus:", "\ndepends_on: [S-19]\nstatus:", 1)).unwrap();
    let story = dir.path().join("backlog/stories/S-19.md");
    let text = std::fs::read_to_string(&story).unwrap();
    std::fs::write(&story, text.replacen("\nstatus:", "\ndepends_on: [S-18]\nstatus:", 1)).unwrap();
    let report = support::pobox_on(dir.path(), "2026-10-14", &["report", "backlog"]);
    let prioritize = support::pobox_on(dir.path(), "2026-10-14", &["prioritize"]);
    assert_eq!(report.0, 1, "{}", report.2);
    assert!(report.1.is_empty(), "{}", report.1);
    assert!(
        report.2.contains("S-18 → S-19 → S-18") || report.2.contains("S-19 → S-18 → S-19"),
        "{}",
        report.2
    );
    assert!(report.2.contains("remove one of these `depends_on` entries"), "{}", report.2);
    assert_eq!((report.0, &report.2), (prioritize.0, &prioritize.2));
}
