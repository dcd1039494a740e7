//! `pobox site` on the demo workspace (with its three sprints of git history): every link
//! of every page leads to a file of the site (and to an element with that id for a
//! `#fragment`), hostile Markdown cannot run, the folder is written whole and never over a
//! user's folder, and in headless Chromium every page renders under its CSP and can be used
//! with the keyboard.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use scraper::{Html, Selector};

use crate::support::{self, pobox_on};

const TODAY: &str = "2026-10-14";

const NAV: [&str; 9] = [
    "Home",
    "Backlog",
    "Roadmap",
    "Stories",
    "Epics",
    "Sprints",
    "Meetings",
    "Stakeholders",
    "Risks",
];

fn demo_site() -> (tempfile::TempDir, PathBuf) {
    let dir = support::demo();
    let out = dir.path().join("public");
    let (code, stdout, stderr) = pobox_on(dir.path(), TODAY, &["site", "--out", "public"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    // As docs/commands.md shows it.
    assert_eq!(
        stdout,
        "Wrote a site of 67 pages to public\nOpen public/index.html in a browser; no server is needed.\n"
    );
    (dir, out)
}

fn pages(site: &Path) -> BTreeMap<String, Html> {
    std::fs::read_dir(site)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".html"))
        .map(|n| {
            let text = std::fs::read_to_string(site.join(&n)).unwrap();
            (n, Html::parse_document(&text))
        })
        .collect()
}

fn ids(doc: &Html) -> BTreeSet<String> {
    let sel = Selector::parse("[id]").unwrap();
    doc.select(&sel).filter_map(|e| e.value().attr("id")).map(str::to_owned).collect()
}

#[test]
fn every_link_resolves_to_a_file_and_fragment_of_the_site() {
    let (_dir, site) = demo_site();
    let pages = pages(&site);
    // One page per item of the demo, the section pages and a report per started sprint.
    assert!(pages.contains_key("index.html") && pages.contains_key("story-S-1.html"));
    assert!(pages.contains_key("sprint-SP-2-report.html") && pages.contains_key("stakeholder-dana.html"));
    assert!(pages.len() > 60, "{} pages", pages.len());
    for f in [".nojekyll", ".pobox-site", "style.css"] {
        assert!(site.join(f).is_file(), "{f}");
    }
    let ids: BTreeMap<&String, BTreeSet<String>> = pages.iter().map(|(n, d)| (n, ids(d))).collect();
    let linking = Selector::parse("[href], [src]").unwrap();
    let mut checked = 0;
    for (name, doc) in &pages {
        for el in doc.select(&linking) {
            for attr in ["href", "src"] {
                let Some(target) = el.value().attr(attr) else { continue };
                if target.starts_with("https://") || target.starts_with("http://") || target.starts_with("mailto:") {
                    continue;
                }
                assert!(!target.contains(':'), "{name}: {attr}=\"{target}\" is not a relative link");
                assert!(!target.starts_with('/'), "{name}: {attr}=\"{target}\" is absolute");
                let (file, fragment) = target.split_once('#').map_or((target, None), |(f, h)| (f, Some(h)));
                let file = if file.is_empty() { name.as_str() } else { file };
                assert!(site.join(file).is_file(), "{name}: {attr}=\"{target}\": no file {file}");
                if let Some(fragment) = fragment {
                    let known = ids.get(&file.to_owned()).unwrap_or_else(|| panic!("{name}: {target}: not a page"));
                    assert!(known.contains(fragment), "{name}: {target}: no element with id {fragment}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
    // Backlinks: the meetings that mention S-1 link to it, and its page links back.
    let s1 = std::fs::read_to_string(site.join("story-S-1.html")).unwrap();
    assert!(s1.contains("<a href=\"meeting-2026-09-07-sprint-planning.html\">"), "{s1}");
    assert!(s1.contains("<a href=\"epic-E-1.html\">E-1</a>"), "{s1}");
}

#[test]
fn every_page_has_the_csp_the_skip_link_and_the_shared_stylesheet() {
    let (_dir, site) = demo_site();
    for (name, doc) in pages(&site) {
        let csp = Selector::parse("meta[http-equiv=\"Content-Security-Policy\"]").unwrap();
        let meta = doc.select(&csp).next().unwrap_or_else(|| panic!("{name}: no CSP"));
        assert_eq!(meta.value().attr("content"), Some(pobox::site::CONTENT_SECURITY_POLICY), "{name}");
        let first_link = doc.select(&Selector::parse("body a").unwrap()).next().unwrap();
        assert_eq!(first_link.value().attr("href"), Some("#main"), "{name}: the skip link comes first");
        assert_eq!(doc.select(&Selector::parse("main#main").unwrap()).count(), 1, "{name}");
        assert_eq!(doc.select(&Selector::parse("h1").unwrap()).count(), 1, "{name}");
        assert_eq!(doc.select(&Selector::parse("script, style, [style]").unwrap()).count(), 0, "{name}");
        let css = Selector::parse("link[rel=stylesheet]").unwrap();
        assert_eq!(
            doc.select(&css).next().and_then(|l| l.value().attr("href")),
            Some("style.css"),
            "{name}"
        );
    }
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("<h1>Corner Shop Online</h1>"), "{index}");
    assert!(index.contains("150 households"), "the vision from product.md: {index}");
    let backlog = std::fs::read_to_string(site.join("backlog.html")).unwrap();
    assert!(
        backlog.contains("<td class=\"num\">1</td><td><a href=\"story-S-13.html\">S-13</a>"),
        "{backlog}"
    );
}

#[test]
fn hostile_markdown_cannot_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |path: &str, text: &str| support::write_file(d, path, text);
    write("pobox.yaml", "product: '<script>alert(0)</script>'\n");
    write(
        "backlog/product.md",
        "# P\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2))\n",
    );
    write(
        "backlog/stories/S-1.md",
        "---\nid: S-1\ntitle: '<img src=x onerror=alert(3)>'\nstatus: draft\nnote: '<b onclick=alert(4)>'\n---\n\n\
         <iframe src=\"javascript:alert(5)\"></iframe>\n\n[click](JAVASCRIPT:alert(6)) [d](data:text/html;base64,PHNjcmlwdD4=) \
         ![img](javascript:alert(7)) <a href=\"javascript:alert(8)\">a</a> [ok](S-2.md)\n",
    );
    write("backlog/stories/S-2.md", "---\nid: S-2\ntitle: Two\n---\n");
    let (code, stdout, stderr) = pobox_on(d, TODAY, &["site"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("No sprint reports: the workspace is not in a git repository."),
        "{stdout}"
    );
    let site = d.join("site");
    for (name, doc) in pages(&site) {
        let html = doc.html().to_lowercase();
        assert!(!html.contains("<script"), "{name}: {html}");
        assert_eq!(
            doc.select(&Selector::parse("iframe, img, [onerror], [onclick]").unwrap()).count(),
            0,
            "{name}"
        );
        for a in doc.select(&Selector::parse("[href]").unwrap()) {
            let href = a.value().attr("href").unwrap().to_lowercase();
            assert!(!href.contains("javascript") && !href.starts_with("data:"), "{name}: {href}");
        }
    }
    let s1 = std::fs::read_to_string(site.join("story-S-1.html")).unwrap();
    assert!(s1.contains("&lt;iframe"), "raw HTML shows as text: {s1}");
    assert!(
        s1.contains("<a href=\"story-S-2.html\">ok</a>"),
        "a link to an item's file leads to its page: {s1}"
    );
}

#[test]
fn the_site_is_replaced_whole_but_a_users_folder_is_refused() {
    let (dir, site) = demo_site();
    std::fs::write(site.join("leftover.html"), "x").unwrap();
    let (code, _, stderr) = pobox_on(dir.path(), TODAY, &["site", "--out", "public"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!site.join("leftover.html").exists(), "a second run replaces the whole site");
    let mine = dir.path().join("docs-by-hand");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.md"), "mine").unwrap();
    let (code, _, stderr) = pobox_on(dir.path(), TODAY, &["site", "--out", "docs-by-hand"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a site pobox wrote"), "{stderr}");
    assert_eq!(std::fs::read_to_string(mine.join("notes.md")).unwrap(), "mine");
    let stray: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".new-") || n.contains(".old-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

/// Where playwright-core is installed: `POBOX_TEST_NODE_MODULES` (set by .ci/run), else the
/// folder .ci/run installs it to.
fn node_modules() -> Option<PathBuf> {
    let dir = std::env::var_os("POBOX_TEST_NODE_MODULES").map(PathBuf::from).or_else(|| {
        let cache = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
        Some(cache.join("pobox-test-npm/node_modules"))
    })?;
    dir.join("playwright-core").is_dir().then_some(dir)
}

/// Every page in headless Chromium (driven by tests/site/site-check.js with playwright-core):
/// no CSP violation or other error, the stylesheet applies, landmarks and headings in order,
/// and keyboard navigation: skip link first, then the navigation with a visible focus, and
/// the skip link moves focus to the content.
#[test]
fn every_page_renders_and_works_by_keyboard_in_chromium() {
    let chromium = PathBuf::from("/usr/bin/chromium");
    let modules = node_modules();
    let node_ok = StdCommand::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    if !chromium.exists() || modules.is_none() || !node_ok {
        // .ci/run installs all three, so under CI a missing one is a failure, not a skip.
        assert!(
            std::env::var("CI").is_err(),
            "under CI=true the site check needs /usr/bin/chromium, node and playwright-core (see .ci/run)"
        );
        println!("skipped: needs /usr/bin/chromium, node and playwright-core (bash .ci/run installs them)");
        return;
    }
    let (_dir, site) = demo_site();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/site/site-check.js");
    let o = StdCommand::new("node")
        .arg(&script)
        .arg(&chromium)
        .arg(&site)
        .arg(serde_json::to_string(&NAV).unwrap())
        .env("NODE_PATH", modules.unwrap())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let failures: Vec<&str> = stdout.lines().filter(|l| l.contains("\"failures\":[\"")).collect();
    assert!(
        o.status.success(),
        "{}\n{}",
        failures.join("\n"),
        String::from_utf8_lossy(&o.stderr)
    );
    let pages = std::fs::read_dir(&site)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".html"))
        .count();
    assert!(stdout.contains(&format!("{pages} passed, 0 failed")), "{stdout}");
}
