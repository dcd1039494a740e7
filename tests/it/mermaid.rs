//! Every Mermaid block pobox writes into a Markdown report parses with the real Mermaid
//! parser: the npm package `mermaid`, loaded into headless Chromium, runs `mermaid.parse` on
//! each block of the demo's reports and of a workspace whose titles attack Mermaid's syntax.
//!
//! `.ci/run` installs both (`mermaid` into `target/ci-npm`); elsewhere the test says how to
//! get them and is skipped, except under `CI=true`, where a missing tool is a failure.

use std::path::{Path, PathBuf};

use crate::support::{self, git, pobox_ok};

/// Where `.ci/run` puts the Mermaid bundle, unless `POBOX_MERMAID_JS` names another copy.
fn mermaid_js() -> Option<PathBuf> {
    let path = std::env::var_os("POBOX_MERMAID_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-npm/node_modules/mermaid/dist/mermaid.min.js"));
    path.exists().then_some(path)
}

fn tools() -> Option<(PathBuf, PathBuf)> {
    let chromium = PathBuf::from("/usr/bin/chromium");
    match (chromium.exists(), mermaid_js()) {
        (true, Some(js)) => Some((chromium, js)),
        _ => {
            assert!(
                std::env::var("CI").is_err(),
                "under CI=true, /usr/bin/chromium and the mermaid npm package must be installed (.ci/run does both)"
            );
            println!("skipped: needs /usr/bin/chromium and `npm install --prefix target/ci-npm mermaid@11` (or POBOX_MERMAID_JS)");
            None
        }
    }
}

/// The body of every ```` ```mermaid ```` block in a Markdown document.
fn mermaid_blocks(md: &str) -> Vec<String> {
    md.split("```mermaid\n")
        .skip(1)
        .map(|b| b.split("\n```").next().unwrap_or(b).to_string())
        .collect()
}

/// Parse each block with `mermaid.parse` in headless Chromium; for each, `Ok` or the parser's
/// message.
fn parse_all(chromium: &Path, js: &Path, blocks: &[String]) -> Vec<Result<(), String>> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(js, dir.path().join("mermaid.min.js")).unwrap();
    let page = dir.path().join("parse.html");
    let script = format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><script src="mermaid.min.js"></script></head>
<body><pre id="out">pending</pre><script>
const blocks = {};
(async () => {{
  const results = [];
  for (const block of blocks) {{
    try {{ await mermaid.parse(block); results.push("ok"); }}
    catch (e) {{ results.push("error: " + String((e && e.message) || e).split("\n").join(" ")); }}
  }}
  document.getElementById("out").textContent = JSON.stringify(results);
}})();
</script></body></html>"#,
        serde_json::to_string(blocks).unwrap()
    );
    std::fs::write(&page, script).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let o = support::headless(chromium, profile.path())
        .args(["--allow-file-access-from-files", "--virtual-time-budget=20000", "--dump-dom"])
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&o.stdout);
    let out = dom
        .split("<pre id=\"out\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("no result in the page: {dom}\n{}", String::from_utf8_lossy(&o.stderr)));
    let out = out
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let results: Vec<String> = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(results.len(), blocks.len(), "{out}");
    results.into_iter().map(|r| if r == "ok" { Ok(()) } else { Err(r) }).collect()
}

/// A workspace whose sprint, story and epic titles try to break Mermaid's syntax.
fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |path: &str, text: &str| support::write_file(d, path, text);
    let nasty = r#"'a "q" %%{init: {}}%% ``` [x] {y} (z) <b> ; : # --> end &amp; `t`'"#;
    let sprint = |id: &str, start: &str, end: &str, status: &str| {
        format!("---\nid: {id}\ntitle: {nasty}\nstart: {start}\nend: {end}\nstatus: {status}\n---\n")
    };
    git(d, "2026-03-02T09:00:00Z", &["init", "-q", "-b", "main"]);
    write("pobox.yaml", "product: 'Shop: \"x\" %% [y]'\n");
    write("backlog/sprints/SP-1.md", &sprint("SP-1", "2026-03-02", "2026-03-13", "active"));
    write(
        "backlog/stories/S-1.md",
        &format!("---\nid: S-1\ntitle: {nasty}\nstatus: ready\npoints: 3\nsprint: SP-1\n---\n"),
    );
    write(
        "backlog/stories/S-2.md",
        "---\nid: S-2\ntitle: b\nstatus: ready\npoints: 5\nsprint: SP-1\n---\n",
    );
    for (id, horizon, target) in [
        ("E-1", "now", "2026-04-30"),
        ("E-2", "next", "2026-06-30"),
        ("E-3", "later", "2026-12-31"),
    ] {
        write(
            &format!("backlog/epics/{id}.md"),
            &format!("---\nid: {id}\ntitle: {nasty}\nstatus: in-progress\nhorizon: {horizon}\ntarget: {target}\n---\n"),
        );
    }
    git(d, "2026-03-02T09:00:00Z", &["add", "-A"]);
    git(d, "2026-03-02T09:00:00Z", &["commit", "-q", "-m", "start SP-1"]);
    write(
        "backlog/stories/S-1.md",
        &format!("---\nid: S-1\ntitle: {nasty}\nstatus: done\npoints: 3\nsprint: SP-1\n---\n"),
    );
    git(d, "2026-03-04T10:00:00Z", &["commit", "-q", "-am", "S-1 done"]);
    write("backlog/sprints/SP-1.md", &sprint("SP-1", "2026-03-02", "2026-03-13", "closed"));
    write("backlog/sprints/SP-2.md", &sprint("SP-2", "2026-03-16", "2026-03-27", "active"));
    git(d, "2026-03-13T16:00:00Z", &["add", "-A"]);
    git(d, "2026-03-13T16:00:00Z", &["commit", "-q", "-m", "close SP-1, start SP-2"]);
    dir
}

#[test]
fn every_mermaid_block_parses_with_the_real_mermaid_parser() {
    let Some((chromium, js)) = tools() else { return };
    let mut blocks = Vec::new();
    let demo = support::demo();
    for args in [
        &["report", "sprint", "SP-1"][..],
        &["report", "sprint", "SP-2"],
        &["report", "sprint", "--current"],
        &["report", "roadmap"],
        &["report", "stakeholders"],
        &["report", "risks"],
        &["report", "epics"],
    ] {
        blocks.extend(mermaid_blocks(&pobox_ok(demo.path(), "2026-10-14", args)));
    }
    let bad = hostile();
    for args in [
        &["report", "sprint", "SP-1"][..],
        &["report", "sprint", "SP-2"],
        &["report", "roadmap"],
    ] {
        blocks.extend(mermaid_blocks(&pobox_ok(bad.path(), "2026-03-20", args)));
    }
    // Burndown and velocity per sprint report, a gantt per roadmap.
    assert!(blocks.len() >= 11, "{} blocks", blocks.len());
    for kind in ["xychart-beta", "gantt"] {
        assert!(blocks.iter().any(|b| b.starts_with(kind)), "no {kind} block");
    }
    // A block the parser must refuse, so that a parser that accepts anything fails the test.
    blocks.push("xychart-beta\n    title \"a\"b\"\n    line [1, 2]".to_string());
    let results = parse_all(&chromium, &js, &blocks);
    let (last, ours) = results.split_last().unwrap();
    assert!(last.is_err(), "the control block parsed: the parser is not checking anything");
    for (block, result) in blocks.iter().zip(ours) {
        assert!(result.is_ok(), "{}\n--- in ---\n{block}", result.as_ref().unwrap_err());
    }
}
