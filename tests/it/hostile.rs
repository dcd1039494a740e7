//! Hostile files: each gives a diagnostic with its code, file and line, in bounded time and
//! memory, and the rest of the workspace still loads — the good story beside it is listed
//! and validated clean. Big files are made in temporary folders (the 200 MB one is sparse,
//! so it costs no disk); time and memory are measured in `docs/fuzzing.md`, not asserted.

use std::path::Path;

use serde_json::Value;

use crate::support;

const TODAY: &str = "2026-11-22";
const GOOD: &str = "backlog/stories/S-1-good.md";
const BAD: &str = "backlog/stories/S-2-hostile.md";

/// A workspace with one good story and `bad` as `backlog/stories/S-2-hostile.md`.
fn workspace(bad: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pobox.yaml"), "product: Hostile\n").unwrap();
    std::fs::create_dir_all(dir.path().join("backlog/stories")).unwrap();
    std::fs::write(
        dir.path().join(GOOD),
        "---\nid: S-1\ntitle: Pay by card\nstatus: ready\npoints: 3\n---\nAs a shopper, I want to pay by card, so that I can leave.\n\n## Acceptance criteria\n\n- [ ] the card is charged\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(BAD), bad).unwrap();
    dir
}

/// `pobox validate --format json` and `pobox story list --format json` on `dir`: the
/// diagnostics about the hostile file as (code, line, col), after checking that the good
/// story is listed, not broken, and has no diagnostic.
fn run(dir: &Path) -> Vec<(String, u64, u64)> {
    let (code, out, err) = support::pobox_on(dir, TODAY, &["validate", "--format", "json"]);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(
        !diags.iter().any(|d| d["path"] == GOOD),
        "the good story has diagnostics: {diags:?}"
    );
    let (code, out, err) = support::pobox_on(dir, TODAY, &["story", "list", "--format", "json"]);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    let list: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    let items = list["items"].as_array().unwrap();
    let good = items
        .iter()
        .find(|i| i["path"] == GOOD)
        .unwrap_or_else(|| panic!("good story not listed: {out}"));
    assert_eq!(good["id"], "S-1");
    assert_eq!(good["status"], "ready");
    assert!(good.get("broken").is_none());
    assert!(items.iter().any(|i| i["path"] == BAD), "the hostile file is not listed: {out}");
    diags
        .iter()
        .filter(|d| d["path"] == BAD)
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["col"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// The diagnostic about the hostile file with `code`, which must be on one of `lines`.
fn expect(bad: &[u8], code: &str, lines: std::ops::RangeInclusive<u64>) -> (String, u64, u64) {
    let dir = workspace(bad);
    let diags = run(dir.path());
    diags
        .iter()
        .find(|d| d.0 == code && lines.contains(&d.1))
        .cloned()
        .unwrap_or_else(|| panic!("want {code} on lines {lines:?}, got {diags:?}"))
}

/// A story with `yaml` after its id and title (so from line 4 on).
fn front(yaml: &str) -> Vec<u8> {
    format!("---\nid: S-2\ntitle: Hostile\n{yaml}---\nBody.\n").into_bytes()
}

/// Grow a file to `len` bytes without writing them (a sparse file on most file systems).
fn grow(path: &Path, len: u64) {
    std::fs::OpenOptions::new().write(true).open(path).unwrap().set_len(len).unwrap();
}

#[test]
fn billion_laughs_is_refused() {
    // Nine levels of ten aliases each: 10^9 "lol"s once expanded.
    let mut y = String::from("lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        y.push_str(&format!("lol{i}: &a{i} [{refs}]\n"));
    }
    expect(&front(&y), "PO004", 4..=13);
}

#[test]
fn ten_thousand_nested_flow_lists_are_refused() {
    let y = format!("deep: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    expect(&front(&y), "PO004", 4..=4);
}

#[test]
fn ten_thousand_nested_block_lists_are_refused() {
    let y = format!("deep:\n{}x\n", "- ".repeat(10_000));
    expect(&front(&y), "PO004", 4..=5);
}

#[test]
fn deeply_indented_block_mappings_are_refused() {
    // 200 levels of `k:` each indented one more space than the last (20 kB).
    let mut y = String::from("deep:\n");
    for i in 1..200 {
        y.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
    }
    expect(&front(&y), "PO004", 4..=204);
}

#[test]
fn a_50_mb_front_matter_is_refused_from_its_size() {
    let dir = workspace(b"---\nid: S-2\ntitle: Hostile\nnotes: \"");
    grow(&dir.path().join(BAD), 50 * 1024 * 1024);
    let diags = run(dir.path());
    assert_eq!(diags, [("PO014".to_owned(), 0, 0)]);
    let (_, out, _) = support::pobox_on(dir.path(), TODAY, &["validate", "--format", "short"]);
    assert!(
        out.contains(
            "backlog/stories/S-2-hostile.md: error[PO014]: cannot read: the file is 50 MB, more than the 16 MB pobox reads for one item"
        ),
        "{out}"
    );
}

#[test]
fn a_2_mb_front_matter_is_refused_at_its_first_line() {
    let y = format!("notes: \"{}\"\n", "x".repeat(2 * 1024 * 1024));
    let dir = workspace(&front(&y));
    assert_eq!(run(dir.path()), [("PO014".to_owned(), 1, 1)]);
    let (_, out, _) = support::pobox_on(dir.path(), TODAY, &["validate", "--format", "short"]);
    assert!(
        out.contains(
            "backlog/stories/S-2-hostile.md:1:1: error[PO014]: cannot read: the front-matter is 2 MB, more than the 1 MB pobox reads"
        ),
        "{out}"
    );
}

#[test]
fn a_200_mb_body_is_refused_from_its_size() {
    let dir = workspace(&front(""));
    grow(&dir.path().join(BAD), 200 * 1024 * 1024);
    assert_eq!(run(dir.path()), [("PO014".to_owned(), 0, 0)]);
}

#[test]
fn a_10_mb_line_in_the_front_matter_is_refused() {
    let y = format!("title2: {}\n", "y".repeat(10_000_000));
    expect(&front(&y), "PO014", 1..=1);
}

#[test]
fn a_10_mb_line_in_the_body_is_read() {
    // Within the limits, so the item is read, and its mention on line 7 is still found.
    let text = format!(
        "---\nid: S-2\ntitle: Long line\nstatus: draft\n---\n{}\nSee S-404.\n",
        "z".repeat(10_000_000)
    );
    let diags = expect(text.as_bytes(), "PO203", 7..=7);
    assert_eq!(diags.2, 5);
}

#[test]
fn nul_bytes_in_the_front_matter_are_a_yaml_error() {
    expect(&front("notes: a\0b\n"), "PO004", 4..=4);
}

#[test]
fn nul_bytes_in_the_body_are_read() {
    let text = b"---\nid: S-2\ntitle: Nul\nstatus: draft\n---\na\0b\nSee S-404.\n";
    expect(text, "PO203", 7..=7);
}

#[test]
fn invalid_utf8_is_reported_at_its_line_and_column() {
    let (_, _, col) = expect(b"---\nid: S-2\ntitle: caf\xe9\n---\n", "PO001", 3..=3);
    assert_eq!(col, 11);
}

#[test]
fn a_bom_and_crlf_keep_line_numbers() {
    expect(
        b"\xef\xbb\xbf---\r\nid: S-2\r\ntitle: Crlf\r\nlabels: [a\r\n---\r\n",
        "PO004",
        4..=5,
    );
    // And without the mistake, the file reads clean.
    expect(
        b"\xef\xbb\xbf---\r\nid: S-2\r\ntitle: Crlf\r\nstatus: draft\r\n---\r\nSee S-404.\r\n",
        "PO203",
        6..=6,
    );
}

#[test]
fn crlf_keeps_line_and_column_numbers() {
    expect(b"---\r\nid: S-2\r\ntitle: Crlf\r\npoints: many\r\n---\r\n", "PO009", 4..=4);
    let (_, _, col) = expect(
        b"---\r\nid: S-2\r\ntitle: Crlf\r\nstatus: draft\r\n---\r\nx\r\nSee S-404.\r\n",
        "PO203",
        7..=7,
    );
    assert_eq!(col, 5);
}

#[test]
fn mixed_line_endings_keep_line_numbers() {
    // \n, \r\n and a lone \r (which YAML also reads as a line break) in one file.
    let text = b"---\nid: S-2\r\ntitle: Mixed\rstatus: draft\n---\r\nSee S-404.\n\rSee S-405.\r\n";
    let dir = workspace(text);
    let diags = run(dir.path());
    assert!(diags.iter().all(|d| d.1 <= 7), "{diags:?}");
    assert!(diags.iter().any(|d| d.0 == "PO203" && d.1 == 6), "{diags:?}");
}

#[test]
fn a_lone_carriage_return_before_a_yaml_error_points_inside_the_file() {
    let text = b"---\nid: S-2\rtitle: Cr\rlabels: [a\n---\n";
    // The file has three lines; the mistake is on the second.
    expect(text, "PO004", 2..=2);
}

#[test]
fn tabs_in_indentation_are_a_yaml_error_at_their_line() {
    expect(&front("wsjf:\n\tvalue: 3\n"), "PO004", 4..=5);
}

#[test]
fn nesting_just_past_the_depth_limit_is_refused_not_a_stack_overflow() {
    // 60 levels passed the old limit of 64 and overflowed the stack of the thread reading
    // the file (debug build); the limit is now 16.
    let y = format!("deep: {}{}\n", "[".repeat(60), "]".repeat(60));
    expect(&front(&y), "PO004", 4..=4);
}

#[test]
fn nesting_within_the_limit_with_a_wrong_type_is_reported_at_its_line() {
    // A wrong type makes pobox parse again with positions, the deeper of its two parses.
    let y = format!("points: {}1{}\n", "[".repeat(14), "]".repeat(14));
    let (_, _, col) = expect(&front(&y), "PO009", 4..=4);
    assert_eq!(col, 9);
}

#[test]
fn deeply_nested_markdown_in_the_body_is_read() {
    // 10 000 nested block quotes and 1 000 nested list items (1 MB), then a mention.
    let mut body = ">".repeat(10_000);
    body.push_str(" quoted\n\n");
    for i in 0..1_000 {
        body.push_str(&" ".repeat(2 * i));
        body.push_str("- x\n");
    }
    body.push_str("\nSee S-404.\n");
    let text = format!("---\nid: S-2\ntitle: Nested\nstatus: draft\n---\n{body}");
    let lines = text.lines().count() as u64;
    expect(text.as_bytes(), "PO203", lines..=lines);
}

#[test]
fn a_diagnostic_on_a_10_mb_line_shows_a_short_snippet() {
    let text = format!("---\nid: S-2\ntitle: Long\nstatus: draft\n---\n{}S-404\n", "z ".repeat(5_000_000));
    let (_, _, col) = expect(text.as_bytes(), "PO203", 6..=6);
    assert_eq!(col, 10_000_001);
    let dir = workspace(text.as_bytes());
    let (code, out, err) = support::pobox_on(dir.path(), TODAY, &["validate"]);
    assert_eq!(code, 0, "{err}");
    let shown = format!("{out}{err}");
    assert!(shown.contains("S-2-hostile.md:6:10000001"), "{}", &shown[..shown.len().min(2000)]);
    assert!(
        shown.contains("6 | …z z z") && shown.contains("z z S-404\n"),
        "{}",
        &shown[..shown.len().min(2000)]
    );
    assert!(shown.len() < 5_000, "{} bytes of output", shown.len());
}

#[test]
fn a_staged_file_over_the_size_limit_is_refused_from_its_size() {
    // `validate --staged` reads blobs from git: their size is read from the object header,
    // so a 20 MB staged file is refused without being loaded.
    let dir = workspace(&front(""));
    let bad = dir.path().join(BAD);
    let mut text = front("");
    text.extend(std::iter::repeat_n(b'x', 20 * 1024 * 1024));
    std::fs::write(&bad, text).unwrap();
    support::git(dir.path(), "2026-11-20T10:00:00", &["init", "-q"]);
    support::git(dir.path(), "2026-11-20T10:00:00", &["add", "-A"]);
    // The working-tree file is small again; the staged one is still 20 MB.
    std::fs::write(&bad, front("")).unwrap();
    let (code, out, err) = support::pobox_on(dir.path(), TODAY, &["validate", "--staged", "--format", "short"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(
            "backlog/stories/S-2-hostile.md: error[PO014]: cannot read: the file is 20 MB, more than the 16 MB pobox reads for one item"
        ),
        "{out}{err}"
    );
    assert!(!out.contains("S-1-good"), "{out}");
}

/// A `pobox.yaml` over 1 MB is refused from its size, before it is read: a clear error
/// (exit 2) that names the file and the limit.
#[test]
fn a_huge_pobox_yaml_is_refused_from_its_size() {
    let dir = workspace(b"---\nid: S-2\ntitle: Fine\n---\n");
    let config = dir.path().join("pobox.yaml");
    let file = std::fs::OpenOptions::new().append(true).open(&config).unwrap();
    // Sparse: 50 MB that cost no disk.
    file.set_len(50 * 1024 * 1024).unwrap();
    let (code, out, err) = support::pobox_on(dir.path(), TODAY, &["story", "list"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty());
    assert!(
        err.starts_with("error: cannot read ") && err.contains("pobox.yaml: it is 50 MB, more than the 1 MB pobox reads for its settings"),
        "{err}"
    );
}
