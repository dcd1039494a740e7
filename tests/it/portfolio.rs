//! `pobox report portfolio`: two products, each its own git repository with one closed
//! sprint of history at pinned dates, rolled up on one page; and `--owner` on the portfolio
//! and on the backlog, epics and action-items reports.

use std::path::Path;

use serde_json::Value;

use crate::support::{self, git, pobox_on, write_file};

const TODAY: &str = "2026-09-20";

fn story(id: &str, points: u32, epic: &str, status: &str, sprint: Option<&str>, owner: &str) -> String {
    let sprint = sprint.map_or_else(String::new, |s| format!("sprint: {s}\n"));
    format!(
        "---\nid: {id}\ntitle: Story {id}\nstatus: {status}\nepic: {epic}\npoints: {points}\n{sprint}owner: {owner}\n---\n\n## Acceptance criteria\n\n- [ ] Given a, when b, then c.\n"
    )
}

/// A product in its own git repository: epic E-1 (owned by `epic_owner`) with a done
/// story of `done` points in sprint SP-1 (2026-09-01 to 2026-09-14, closed) and an open one of
/// `open` points; epic E-2 (owned by `other`) with one open story of 2 points; a risk
/// scored 12 (owner `epic_owner`) and one scored 4.
fn product(dir: &Path, name: &str, epic_owner: &str, other: &str, done: u32, open: u32) {
    std::fs::create_dir_all(dir).unwrap();
    git(dir, "2026-08-31T09:00:00Z", &["init", "-q", "-b", "main"]);
    write_file(dir, "pobox.yaml", &format!("product: {name}\nsprint_length_days: 14\n"));
    write_file(
        dir,
        "backlog/epics/E-1.md",
        &format!("---\nid: E-1\ntitle: {name} first epic\nstatus: in-progress\nowner: {epic_owner}\n---\n"),
    );
    write_file(
        dir,
        "backlog/epics/E-2.md",
        &format!("---\nid: E-2\ntitle: {name} second epic\nstatus: draft\nowner: {other}\n---\n"),
    );
    write_file(
        dir,
        "backlog/sprints/SP-1.md",
        "---\nid: SP-1\ntitle: Sprint 1\nstart: 2026-09-01\nend: 2026-09-14\nstatus: active\ngoal: Ship it\n---\n",
    );
    write_file(
        dir,
        "backlog/stories/S-1.md",
        &story("S-1", done, "E-1", "ready", Some("SP-1"), epic_owner),
    );
    write_file(dir, "backlog/stories/S-2.md", &story("S-2", open, "E-1", "ready", None, epic_owner));
    write_file(dir, "backlog/stories/S-3.md", &story("S-3", 2, "E-2", "draft", None, other));
    write_file(
        dir,
        "backlog/risks/R-1.md",
        &format!(
            "---\nid: R-1\ntitle: {name} big risk\nlikelihood: 3\nimpact: 4\nstatus: open\nowner: {epic_owner}\nmitigation: Watch it\n---\n"
        ),
    );
    write_file(
        dir,
        "backlog/risks/R-2.md",
        &format!("---\nid: R-2\ntitle: {name} small risk\nlikelihood: 2\nimpact: 2\nstatus: open\nowner: {other}\n---\n"),
    );
    write_file(
        dir,
        "backlog/meetings/2026-09-14-sprint-review.md",
        &format!(
            "---\nid: 2026-09-14-sprint-review\ntitle: Review\ntype: sprint-review\ndate: 2026-09-14\n---\n\n## Action items\n\n- [ ] @{epic_owner} Send the notes (due: 2026-09-15)\n- [ ] @{other} Book the room (due: 2026-09-30)\n"
        ),
    );
    git(dir, "2026-09-01T09:00:00Z", &["add", "-A"]);
    git(dir, "2026-09-01T09:00:00Z", &["commit", "-q", "-m", "Start SP-1"]);
    write_file(
        dir,
        "backlog/stories/S-1.md",
        &story("S-1", done, "E-1", "done", Some("SP-1"), epic_owner),
    );
    git(dir, "2026-09-10T09:00:00Z", &["commit", "-qam", "S-1 done"]);
    write_file(
        dir,
        "backlog/sprints/SP-1.md",
        "---\nid: SP-1\ntitle: Sprint 1\nstart: 2026-09-01\nend: 2026-09-14\nstatus: closed\ngoal: Ship it\n---\n",
    );
    git(dir, "2026-09-14T17:00:00Z", &["commit", "-qam", "Close SP-1"]);
}

fn two_products() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    product(&dir.path().join("shop"), "Harbor Shop", "dana", "omar", 5, 8);
    product(&dir.path().join("admin"), "Harbor Admin", "omar", "dana", 10, 30);
    dir
}

fn ok(dir: &Path, args: &[&str]) -> String {
    support::pobox_ok(dir, TODAY, args)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).unwrap()
}

#[test]
fn rolls_up_two_repositories_in_markdown() {
    let dir = two_products();
    let md = ok(dir.path(), &["report", "portfolio", "shop", "admin"]);
    insta::assert_snapshot!(md);
}

#[test]
fn json_has_forecasts_velocity_risks_and_totals() {
    let dir = two_products();
    let v = json(dir.path(), &["report", "portfolio", "shop", "admin", "--format", "json"]);
    assert_eq!((v["version"].as_u64(), v["report"].as_str()), (Some(1), Some("portfolio")));
    let shop = &v["products"][0];
    assert_eq!(shop["name"], "Harbor Shop");
    assert_eq!(shop["velocity"].as_f64(), Some(5.0));
    // One story finished in the whole window is too little to forecast from, here as in
    // `pobox forecast --epic`: the epic says so instead of guessing a date.
    let e1 = &shop["epics"][0];
    assert_eq!((e1["id"].as_str(), e1["remaining_points"].as_u64()), (Some("E-1"), Some(8)));
    assert_eq!(e1["outlook"]["open_stories"], 1);
    assert_eq!(e1["outlook"]["p85"], Value::Null);
    assert_eq!(e1["outlook"]["unavailable"], "too little history");
    let (code, _, err) = support::pobox_on(&dir.path().join("shop"), TODAY, &["forecast", "--epic", "E-1"]);
    assert_eq!(code, 2);
    assert!(err.contains("too little history to forecast"), "{err}");
    assert_eq!(shop["risks"].as_array().unwrap().len(), 1, "only the risk scored 12");
    assert_eq!(shop["risks"][0]["id"], "R-1");
    let admin = &v["products"][1];
    assert_eq!(admin["velocity"].as_f64(), Some(10.0));
    assert_eq!(admin["epics"][0]["remaining_points"].as_u64(), Some(30));
    let t = &v["totals"];
    assert_eq!(t["products"], 2);
    assert_eq!(t["epics"], 4);
    assert_eq!((t["points_done"].as_u64(), t["points"].as_u64()), (Some(15), Some(57)));
    assert_eq!(t["velocity"].as_f64(), Some(15.0));
    assert_eq!(t["high_risks"], 2);
    assert_eq!(t["last_forecast"], Value::Null, "no epic has a forecast");
    insta::assert_snapshot!(serde_json::to_string_pretty(&v).unwrap());
}

#[test]
fn portfolio_yaml_names_products_and_is_found_in_the_current_folder() {
    let dir = two_products();
    write_file(
        dir.path(),
        "portfolio.yaml",
        "products:\n  - name: The shop\n    path: shop\n  - path: admin\n",
    );
    let v = json(dir.path(), &["report", "portfolio", "--format", "json"]);
    let names: Vec<&str> = v["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["The shop", "Harbor Admin"]);
    // From elsewhere, with --portfolio: paths stay relative to the file.
    let elsewhere = tempfile::tempdir().unwrap();
    let file = dir.path().join("portfolio.yaml");
    let v2 = json(
        elsewhere.path(),
        &["report", "portfolio", "--portfolio", file.to_str().unwrap(), "--format", "json"],
    );
    let without_paths = |v: &Value| -> Vec<Value> {
        let mut products = v["products"].as_array().unwrap().clone();
        for p in &mut products {
            p.as_object_mut().unwrap().remove("path");
        }
        products
    };
    assert_eq!(without_paths(&v2), without_paths(&v));
    assert_eq!(v2["products"][0]["path"], file.parent().unwrap().join("shop").to_str().unwrap());
}

#[test]
fn owner_keeps_their_epics_risks_and_products() {
    let dir = two_products();
    let v = json(
        dir.path(),
        &["report", "portfolio", "shop", "admin", "--owner", "dana", "--format", "json"],
    );
    assert_eq!(v["owner"], "dana");
    let epics: Vec<(String, String)> = v["products"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            p["epics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| (p["name"].as_str().unwrap().to_owned(), e["id"].as_str().unwrap().to_owned()))
        })
        .collect();
    assert_eq!(
        epics,
        [
            ("Harbor Shop".to_owned(), "E-1".to_owned()),
            ("Harbor Admin".to_owned(), "E-2".to_owned())
        ]
    );
    assert_eq!(v["totals"]["high_risks"], 1, "dana owns the shop's big risk only");
    // Someone who owns nothing there: no product, and the page says so.
    let md = ok(dir.path(), &["report", "portfolio", "shop", "admin", "--owner", "zed"]);
    assert!(md.contains("No product has epics or risks of this owner."), "{md}");
}

#[test]
fn html_is_self_contained_and_escaped() {
    let dir = two_products();
    write_file(
        &dir.path().join("shop"),
        "backlog/epics/E-1.md",
        "---\nid: E-1\ntitle: '<script>alert(1)</script>'\nowner: dana\n---\n",
    );
    let html = ok(dir.path(), &["report", "portfolio", "shop", "admin", "--format", "html"]);
    assert!(html.contains("Content-Security-Policy"), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("<h2>Harbor Admin</h2>"));
}

#[test]
fn a_product_without_git_has_no_velocity_and_says_why() {
    let dir = two_products();
    let plain = dir.path().join("plain");
    write_file(&plain, "pobox.yaml", "product: Plain\n");
    write_file(&plain, "backlog/epics/E-1.md", "---\nid: E-1\ntitle: Only epic\nowner: dana\n---\n");
    // Its parent folder is no repository either (a temporary folder).
    let v = json(dir.path(), &["report", "portfolio", "plain", "--format", "json"]);
    assert!(v["products"][0]["velocity"].is_null());
    let note = v["products"][0]["history_note"].as_str().unwrap();
    assert!(note.contains("not in a git repository"), "{note}");
}

#[test]
fn nothing_to_report_on_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = pobox_on(dir.path(), TODAY, &["report", "portfolio"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no products to report on"), "{stderr}");
    let (code, _, stderr) = pobox_on(dir.path(), TODAY, &["report", "portfolio", "missing"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no pobox workspace at missing"), "{stderr}");
}

#[test]
fn owner_filters_backlog_epics_and_actions() {
    let dir = two_products();
    let shop = dir.path().join("shop");
    let backlog = json(&shop, &["report", "backlog", "--owner", "omar", "--format", "json"]);
    // Neither story has WSJF inputs but points, so the method lists them apart: both lists are
    // filtered.
    let listed = |v: &Value| -> Vec<String> {
        ["order", "missing"]
            .iter()
            .flat_map(|k| v[k].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()))
            .collect()
    };
    assert_eq!(listed(&backlog), ["S-3"]);
    let all = json(&shop, &["report", "backlog", "--format", "json"]);
    assert_eq!(listed(&all).len(), 2, "S-2 and S-3 are open");
    assert_eq!(backlog["owner"], "omar");
    let epics = json(&shop, &["report", "epics", "--owner", "dana", "--format", "json"]);
    let ids: Vec<&str> = epics["epics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["E-1"]);
    let actions = json(&shop, &["report", "actions", "--owner", "@omar", "--format", "json"]);
    assert_eq!((actions["total"].as_u64(), actions["open"].as_u64()), (Some(1), Some(1)));
    assert_eq!(actions["owners"][0]["owner"], "omar");
    let md = ok(&shop, &["report", "actions", "--owner", "omar"]);
    assert!(md.contains("owner omar"), "{md}");
    // Without --owner, nothing changes: no owner key in the JSON.
    let all = json(&shop, &["report", "actions", "--format", "json"]);
    assert!(all.get("owner").is_none());
    assert_eq!(all["total"], 2);
}

/// The excerpt in docs/commands.md is what pobox prints for two copies of the demo.
#[test]
fn the_excerpt_in_docs_commands_md_is_what_pobox_prints() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/commands.md")).unwrap();
    let excerpt: Vec<&str> = docs
        .lines()
        .skip_while(|l| *l != "$ pobox report portfolio --owner dana")
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .collect();
    assert!(excerpt.len() > 10, "the example is in docs/commands.md");
    let dir = tempfile::tempdir().unwrap();
    pobox::demo::build(&dir.path().join("shop"), pobox::demo::LAST_DAY).unwrap();
    pobox::demo::build(&dir.path().join("admin"), pobox::demo::LAST_DAY).unwrap();
    write_file(
        dir.path(),
        "portfolio.yaml",
        "products:\n  - name: Corner Shop Online\n    path: shop\n  - name: Corner Shop Admin\n    path: admin\n",
    );
    let (code, md, stderr) = pobox_on(dir.path(), "2026-10-14", &["report", "portfolio", "--owner", "dana"]);
    assert_eq!(code, 0, "{stderr}");
    for part in excerpt.split(|l| *l == "[…]") {
        let part = part.join("\n");
        assert!(md.contains(&part), "not in the report:\n{part}\n\nreport:\n{md}");
    }
}
