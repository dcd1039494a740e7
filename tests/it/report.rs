//! `pobox report sprint`, as a user runs it: on the demo's history (36 scripted commits, its
//! last day 2026-10-14 pinned as "today") and on a small hostile repository whose titles,
//! goals and action items try to break out of Markdown, Mermaid and HTML.

use std::path::Path;

use jiff::civil::{Date, date};
use pobox::history::History;
use pobox::history::sprints;
use pobox::workspace::{LoadOptions, Workspace};
use serde_json::Value;

use crate::support::{self, demo, git};

/// The demo's last commit day: its "today".
const DEMO_TODAY: Date = date(2026, 10, 14);

const CSP_META: &str =
    r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">"#;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn pobox_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut c = support::pobox(dir, &DEMO_TODAY.to_string());
    let (code, stdout, stderr) = support::outcome(c.args(args).envs(env.iter().copied()).output().unwrap());
    Run { code, stdout, stderr }
}

fn pobox(dir: &Path, args: &[&str]) -> Run {
    pobox_env(dir, args, &[])
}

/// Run pobox and expect success; its stdout.
fn ok(dir: &Path, args: &[&str]) -> String {
    support::pobox_ok(dir, &DEMO_TODAY.to_string(), args)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).unwrap()
}

fn ids(rows: &Value) -> Vec<&str> {
    rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect()
}

#[test]
fn sprint_1_json_has_the_history_engines_numbers() {
    let dir = demo();
    let doc = json(dir.path(), &["report", "sprint", "SP-1", "--format", "json"]);
    let ws = Workspace::load(dir.path(), LoadOptions::without_bodies()).unwrap();
    let h = History::open(&ws).unwrap();
    let r = sprints::report(&h, "SP-1", DEMO_TODAY).unwrap();

    assert_eq!(doc["version"], 1);
    assert_eq!(doc["report"], "sprint");
    assert_eq!(doc["as_of"], "2026-10-14");
    assert_eq!(doc["sprint"]["id"], "SP-1");
    assert_eq!(doc["sprint"]["goal_met"], true);
    assert_eq!(doc["sprint"]["closed_on"], "2026-09-18");
    let p = &doc["points"];
    assert_eq!((p["committed"].as_u64(), p["completed"].as_u64()), (Some(21), Some(23)));
    assert_eq!(p["committed"], r.commitment.points);
    assert_eq!(p["completed"], r.completed.points);
    assert_eq!(p["final_scope"], r.final_scope.points);
    assert_eq!(p["reestimated"], 2);
    assert_eq!(p["commitment_reliability"], 1.0);
    // serde_json reads floats to within an ulp or so.
    assert!((p["scope_change_ratio"].as_f64().unwrap() - r.scope_change_ratio.unwrap()).abs() < 1e-12);
    // S-5: re-estimated 3 → 5, a scope change and a mark on its row.
    let c = &doc["scope_changes"][0];
    assert_eq!(
        (c["id"].as_str(), c["kind"].as_str(), c["from"].as_u64(), c["to"].as_u64()),
        (Some("S-5"), Some("re-estimated"), Some(3), Some(5))
    );
    assert_eq!(doc["scope_changes"].as_array().unwrap().len(), 1);
    let s5 = doc["stories"]["completed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "S-5")
        .unwrap();
    assert_eq!((s5["points_at_start"].as_u64(), s5["points"].as_u64()), (Some(3), Some(5)));
    assert_eq!(ids(&doc["stories"]["completed"]), ["S-1", "S-2", "S-3", "S-4", "S-5", "S-6"]);
    assert!(doc["stories"]["not_completed"].as_array().unwrap().is_empty());
    // Every day of the burndown, as the engine computed it.
    let days = doc["days"].as_array().unwrap();
    assert_eq!(days.len(), r.days.len());
    for (d, e) in days.iter().zip(&r.days) {
        assert_eq!(d["remaining"].as_u64(), e.remaining.map(u64::from));
        assert_eq!(d["scope"].as_u64(), e.scope.map(u64::from));
        assert_eq!(d["ideal"].as_f64(), Some(e.ideal));
    }
    // Velocity stops at the reported sprint.
    assert_eq!(ids(&doc["velocity"]["sprints"]), ["SP-1"]);
    assert_eq!(doc["velocity"]["mean"], 23.0);
}

#[test]
fn sprint_2_json_groups_stories_like_jira() {
    let dir = demo();
    let doc = json(dir.path(), &["report", "sprint", "SP-2", "--format", "json"]);
    let p = &doc["points"];
    assert_eq!(p["committed"], 21);
    assert_eq!(p["added"], 2);
    assert_eq!(p["completed"], 13);
    assert_eq!(p["not_completed"], 10);
    assert_eq!(p["committed_done"], 11);
    assert_eq!(p["commitment_reliability"].as_f64(), Some(11.0 / 21.0));
    assert_eq!(p["completion_rate"].as_f64(), Some(13.0 / 23.0));
    assert_eq!(doc["sprint"]["goal_met"], false);
    let g = &doc["stories"];
    assert_eq!(ids(&g["completed"]), ["S-7", "S-8", "S-9", "S-25"]);
    assert_eq!(ids(&g["not_completed"]), ["S-10", "S-11"]);
    assert_eq!(ids(&g["added_after_start"]), ["S-25"]);
    assert!(g["removed"].as_array().unwrap().is_empty());
    let s25 = &g["added_after_start"][0];
    assert_eq!(s25["date"], "2026-09-24");
    assert_eq!(s25["added_after_start"], true);
    assert_eq!(s25["done"], true);
    assert_eq!(g["completed"][3]["added_after_start"], true);
    for carried in g["not_completed"].as_array().unwrap() {
        assert_eq!(carried["carried_over"], true, "{carried}");
        assert_eq!(carried["moved_to"], "SP-3", "{carried}");
    }
    assert_eq!(ids(&doc["velocity"]["sprints"]), ["SP-1", "SP-2"]);
    assert_eq!(doc["velocity"]["mean"], 18.0);
    assert_eq!(doc["velocity"]["window"], 2);
    // Meetings of SP-2: open action items (all three overdue on 14 October) and decisions.
    let actions = doc["action_items"].as_array().unwrap();
    assert_eq!(actions.len(), 3);
    assert!(actions.iter().all(|a| a["overdue"] == true && a["due"] == "2026-10-09"));
    assert_eq!(actions[0]["owner"], "li");
    assert_eq!(doc["decisions"].as_array().unwrap().len(), 7);
    // Open risks scoring 10 or more: R-3 (3 × 4); R-1 is closed, R-2 mitigated.
    assert_eq!(ids(&doc["risks"]), ["R-3"]);
    assert_eq!(doc["risks"][0]["score"], 12);
    assert_eq!(doc["risks"][0]["band"], "high");
}

#[test]
fn sprint_2_markdown() {
    let dir = demo();
    let md = ok(dir.path(), &["report", "sprint", "SP-2"]);
    insta::assert_snapshot!("demo_sprint_2_md", md);
}

#[test]
fn current_is_the_active_sprint() {
    let dir = demo();
    let by_flag = json(dir.path(), &["report", "sprint", "--current", "--format", "json"]);
    assert_eq!(by_flag["sprint"]["id"], "SP-3");
    assert_eq!(by_flag["sprint"]["closed"], false);
    // Days after "today" have no values yet.
    assert_eq!(by_flag["days"][8]["remaining"], 10);
    assert_eq!(by_flag["days"][9]["remaining"], Value::Null);
    let by_default = json(dir.path(), &["report", "sprint", "--format", "json"]);
    assert_eq!(by_default, by_flag);
    let md = ok(dir.path(), &["report", "sprint", "--current"]);
    assert!(md.contains("### Not completed yet (2 stories, 10 points)"), "{md}");

    let r = pobox(dir.path(), &["report", "sprint", "SP-9"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    let r = pobox(dir.path(), &["report", "sprint", "SP-1", "--current"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn html_is_one_self_contained_file_with_svg_charts() {
    let dir = demo();
    let out = dir.path().join("sprint.html");
    let said = ok(
        dir.path(),
        &["report", "sprint", "SP-2", "--format", "html", "--out", out.to_str().unwrap()],
    );
    assert_eq!(said, format!("Wrote the sprint report of SP-2 to {}\n", out.display()));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains(CSP_META), "no CSP meta");
    let lower = html.to_lowercase();
    for banned in [
        "<script",
        "javascript:",
        "href=",
        "src=",
        "<link",
        "@import",
        "url(",
        "http://",
        "https://",
    ] {
        let hit = lower
            .match_indices(banned)
            .map(|(i, _)| i)
            // The SVG namespace is a name, not a fetch.
            .find(|&i| !lower[..i].ends_with("xmlns=\"") && !lower[i..].starts_with("http://www.w3.org/2000/svg"));
        assert!(hit.is_none(), "{banned} in the page");
    }
    assert!(html.contains("@media print"));
    // Two charts, each an accessible image with a title, and drawn from the data.
    assert_eq!(html.matches("<svg ").count(), 2);
    assert_eq!(html.matches(r#"role="img""#).count(), 2);
    assert!(html.contains(r#"<title id="burndown-title">Burndown of SP-2</title>"#));
    assert!(html.contains(r#"<title id="velocity-title">Velocity per closed sprint</title>"#));
    let remaining = html
        .split(r#"<path class="remaining" d=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a remaining line");
    // Day 0 to day 10: eleven points, the first a move.
    assert!(remaining.starts_with('M'), "{remaining}");
    assert_eq!(remaining.matches(" L").count(), 10, "{remaining}");
    assert!(html.contains(r#"<path class="ideal" d="M"#));
    assert!(html.contains(r#"<path class="scope" d="M"#), "scope steps");
    assert!(html.contains(r#"<rect class="bar-completed""#));
    assert!(html.contains("<title>SP-2: 13 points completed</title>"));
    assert!(html.contains("2026-09-24: 20 remaining, 2 added"));
    assert!(html.contains("S-25<span class=\"star\""));
    assert!(html.contains("<td class=\"num\">21</td>"));
}

#[test]
fn summary_appends_markdown_to_github_step_summary() {
    let dir = demo();
    let summary = dir.path().join("step-summary.md");
    std::fs::write(&summary, "## Earlier step\n\n").unwrap();
    let out = dir.path().join("sprint.html");
    let r = pobox_env(
        dir.path(),
        &[
            "report",
            "sprint",
            "--current",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
            "--summary",
        ],
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let md = ok(dir.path(), &["report", "sprint", "--current"]);
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), format!("## Earlier step\n\n{md}\n"));
    assert!(std::fs::read_to_string(&out).unwrap().contains(CSP_META));

    // Outside GitHub Actions: the report as usual, and not a word about the summary.
    let r = pobox(dir.path(), &["report", "sprint", "--current", "--summary"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, md.as_str(), ""));
}

#[test]
fn a_shallow_clone_is_refused_with_exit_2() {
    let src = demo();
    let dst = tempfile::tempdir().unwrap();
    let url = format!("file://{}", src.path().display());
    let clone = dst.path().join("clone");
    git(
        dst.path(),
        "2026-10-14T00:00:00Z",
        &["clone", "-q", "--depth", "1", &url, clone.to_str().unwrap()],
    );
    let out = clone.join("sprint.html");
    let r = pobox(
        &clone,
        &["report", "sprint", "--current", "--format", "html", "--out", out.to_str().unwrap()],
    );
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.is_empty());
    assert_eq!(
        r.stderr,
        "error: history is missing: this is a shallow clone; run `git fetch --unshallow` (in GitHub Actions: `fetch-depth: 0`)\n"
    );
    assert!(!out.exists(), "no report from a cut history");
}

/// A repository whose every user text is an attack on one output format or another.
fn hostile_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |path: &str, text: &str| support::write_file(d, path, text);
    let sprint = |status: &str| {
        format!(
            "---\nid: SP-1\ntitle: 'Sprint \"1\" %%{{init: {{}}}}%% ``` [x] <i>x</i>'\nstart: 2026-03-02\nend: 2026-03-13\ngoal: '<img src=x onerror=alert(1)> | cell'\nstatus: {status}\n---\n"
        )
    };
    let story = |id: &str, title: &str, status: &str, points: u32| {
        format!("---\nid: {id}\ntitle: '{title}'\nstatus: {status}\npoints: {points}\nsprint: SP-1\n---\n")
    };
    git(d, "2026-03-02T09:00:00Z", &["init", "-q", "-b", "main"]);
    write("pobox.yaml", "product: 'Hostile <b>Shop</b>'\n");
    write("backlog/sprints/SP-1.md", &sprint("active"));
    write(
        "backlog/sprints/SP-2.md",
        "---\nid: SP-2\ntitle: Later\nstart: 2027-01-04\nend: 2027-01-15\nstatus: planned\n---\n",
    );
    write("backlog/stories/S-1.md", &story("S-1", "<script>alert(1)</script>", "ready", 3));
    write(
        "backlog/stories/S-2.md",
        &story("S-2", "a | b [link](javascript:alert(1))", "in-progress", 2),
    );
    write(
        "backlog/meetings/2026-03-03-sprint-planning.md",
        "---\nid: 2026-03-03-sprint-planning\ntitle: 'Planning </td><script>x</script>'\ntype: sprint-planning\ndate: 2026-03-03\nsprint: SP-1\n---\n\n\
         ## Decisions\n\n- Ship `now` | <script>alert(2)</script>\n\n\
         ## Action items\n\n- [ ] @pat click javascript:alert(3) or [here](javascript:alert(3)) \"quoted\" <b>bold</b> (due: 2026-03-04)\n- [x] @rosa done already (due: 2026-03-03)\n",
    );
    write(
        "backlog/risks/R-1.md",
        "---\nid: R-1\ntitle: '<svg onload=alert(1)>'\nlikelihood: 5\nimpact: 3\nstatus: open\nmitigation: '\"><script>alert(4)</script>'\n---\n",
    );
    git(d, "2026-03-02T09:00:00Z", &["add", "-A"]);
    git(d, "2026-03-02T09:00:00Z", &["commit", "-q", "-m", "start SP-1"]);
    write("backlog/stories/S-1.md", &story("S-1", "<script>alert(1)</script>", "done", 3));
    git(d, "2026-03-04T10:00:00Z", &["commit", "-q", "-am", "S-1 done"]);
    write("backlog/stories/S-3.md", &story("S-3", "```\\n%%{init}%% \"]) <x>", "ready", 1));
    git(d, "2026-03-05T10:00:00Z", &["add", "-A"]);
    git(d, "2026-03-05T10:00:00Z", &["commit", "-q", "-m", "add S-3"]);
    write("backlog/sprints/SP-1.md", &sprint("closed"));
    git(d, "2026-03-13T16:00:00Z", &["commit", "-q", "-am", "close SP-1"]);
    dir
}

/// The lines that open or close a fenced block.
fn fences(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with("```")).collect()
}

#[test]
fn hostile_text_is_escaped_in_markdown() {
    let dir = hostile_repo();
    let md = ok(dir.path(), &["report", "sprint", "--current"]);
    assert!(md.starts_with("# Sprint report: SP-1 "), "the last closed sprint: {md}");
    for raw in ["<script", "<img", "<b>", "<i>", "<svg", "</td>", "<x>"] {
        assert!(!md.contains(raw), "{raw} reached the Markdown:\n{md}");
    }
    // No link syntax survives: every `](` has its `]` escaped.
    assert!(md.match_indices("](").all(|(i, _)| md[..i].ends_with('\\')), "{md}");
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{md}");
    assert!(
        md.contains("| click javascript:alert(3) or here \"quoted\" &lt;b&gt;bold&lt;/b&gt; |"),
        "{md}"
    );
    assert!(md.contains("\\[link\\](javascript:alert(1))"), "{md}");
    assert!(md.contains("Hostile &lt;b&gt;Shop&lt;/b&gt;"), "{md}");
    // Code fences open and close in pairs: no title ends a Mermaid block early.
    let f = fences(&md);
    assert_eq!(f, ["```mermaid", "```", "```mermaid", "```"], "{md}");
    let blocks: Vec<&str> = md.split("```mermaid\n").skip(1).map(|b| b.split("\n```").next().unwrap()).collect();
    let mermaid: Vec<&str> = blocks.iter().flat_map(|b| b.lines()).collect();
    for line in &mermaid {
        assert!(!line.contains("%%"), "{line}");
        assert!(!line.contains('<') && !line.contains('>') || line.contains("-->"), "{line}");
        assert_eq!(line.matches('"').count() % 2, 0, "{line}");
    }
    let title = mermaid.iter().find(|l| l.trim_start().starts_with("title")).unwrap();
    assert_eq!(title.matches('"').count(), 2, "{title}");
    assert!(!title.contains('[') && !title.contains('{') && !title.contains('`'), "{title}");
    // Table rows keep their cells: a `|` in a title is escaped.
    let header_cells = "| Story | Title | Points | Status | Note |".matches('|').count();
    for row in md.lines().filter(|l| l.starts_with("| S-")) {
        let unescaped = row.match_indices('|').filter(|(i, _)| !row[..*i].ends_with('\\')).count();
        assert_eq!(unescaped, header_cells, "{row}");
    }
    assert!(md.contains("a \\| b"), "{md}");
    // S-3 came in after the start and was not done at the close.
    assert!(md.contains("| S-3\\* |"), "{md}");
}

#[test]
fn hostile_text_is_escaped_in_html() {
    let dir = hostile_repo();
    let html = ok(dir.path(), &["report", "sprint", "SP-1", "--format", "html"]);
    assert!(html.contains(CSP_META));
    let lower = html.to_lowercase();
    for raw in ["<script", "<img", "<b>", "<i>", "<svg onload", "</td><script", "href", "<x>"] {
        assert!(!lower.contains(raw), "{raw} reached the HTML");
    }
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt; | cell",
        "click javascript:alert(3) or here &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;",
        "a | b [link](javascript:alert(1))",
        "&lt;svg onload=alert(1)&gt;",
        "&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;",
        "Ship now | &lt;script&gt;alert(2)&lt;/script&gt;",
        "Planning &lt;/td&gt;&lt;script&gt;x&lt;/script&gt;",
        "<title>Sprint report: SP-1 Sprint &quot;1&quot; %%{init: {}}%% ``` [x] &lt;i&gt;x&lt;/i&gt;</title>",
    ] {
        assert!(html.contains(escaped), "missing {escaped}");
    }
    assert!(html.contains("2026-03-04 <span class=\"overdue\">overdue</span>"));
}

#[test]
fn a_sprint_not_started_has_no_report() {
    let dir = hostile_repo();
    let r = pobox(dir.path(), &["report", "sprint", "SP-2"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.starts_with("error: SP-2 has not started yet"), "{}", r.stderr);
    // A sprint file no commit has yet.
    std::fs::write(
        dir.path().join("backlog/sprints/SP-3.md"),
        "---\nid: SP-3\ntitle: New\nstart: 2026-03-16\nend: 2026-03-27\nstatus: active\n---\n",
    )
    .unwrap();
    let r = pobox(dir.path(), &["report", "sprint", "SP-3"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: SP-3 has no history"), "{}", r.stderr);
}

/// Debian's chromium, when installed, renders the page headless: the file opens in a real
/// browser under its own Content-Security-Policy and draws something.
#[test]
fn html_renders_in_headless_chromium() {
    let Some(chromium) = support::chromium() else { return };
    let dir = demo();
    let page = dir.path().join("sprint.html");
    ok(
        dir.path(),
        &["report", "sprint", "SP-2", "--format", "html", "--out", page.to_str().unwrap()],
    );
    let profile = tempfile::tempdir().unwrap();
    let png = dir.path().join("sprint.png");
    let o = support::headless(&chromium, profile.path())
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1200,1600")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(png.exists(), "no screenshot: {}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    // A blank 1200×1600 page compresses to a few kilobytes; the report draws far more.
    assert!(bytes.len() > 20_000, "the screenshot looks blank: {} bytes", bytes.len());
}

/// The excerpt in docs/commands.md is what pobox prints: each part between `[…]` lines is a
/// piece of the real report.
#[test]
fn the_excerpt_in_docs_commands_md_is_what_pobox_prints() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/commands.md")).unwrap();
    let excerpt: Vec<&str> = docs
        .lines()
        .skip_while(|l| *l != "$ pobox report sprint SP-2")
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .collect();
    assert!(excerpt.len() > 20, "the example is in docs/commands.md");
    let dir = demo();
    let md = ok(dir.path(), &["report", "sprint", "SP-2"]);
    assert!(md.starts_with(excerpt[0]), "{md}");
    for part in excerpt.split(|l| *l == "[…]") {
        let part = part.join("\n");
        assert!(md.contains(&part), "not in the report:\n{part}");
    }
}
