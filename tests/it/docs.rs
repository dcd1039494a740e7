//! `docs/rules.md` kept in step with the rules and with what pobox really prints.
//!
//! - every rule has its `## <CODE> <name>` section and a table row with its default
//!   severity and summary, and no heading or link names a rule or anchor that does not exist;
//! - every quoted `path:line:col: severity[CODE]: message` line is a line of that rule's
//!   catalogue case (`tests/catalogue/<CODE>-*/expected.txt`), and every `**Help:**` line a
//!   help pobox gives for it;
//! - every **Bad** example is an excerpt of a catalogue file, and every **Fixed** example is
//!   either an excerpt of a catalogue file that is not reported, or a corrected file that,
//!   put into a copy of the case, makes the rule go quiet;
//! - the `pobox validate` command lines and `pobox.yaml` examples run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use pobox::diag::Code;
use regex::Regex;

use crate::support;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rules_md() -> String {
    std::fs::read_to_string(root().join("docs/rules.md")).expect("docs/rules.md exists")
}

/// A fenced block of the page.
#[derive(Debug)]
struct Block {
    /// The info string: `markdown`, `text`, `sh`, …
    lang: String,
    /// The paragraph just above the opening fence, lines joined with spaces.
    label: String,
    lines: Vec<String>,
    /// The rule whose section holds the block.
    section: Option<Code>,
    /// 1-based line of the opening fence.
    at: usize,
}

/// A line of the page outside fenced blocks, with the rule whose section holds it.
#[derive(Debug)]
struct Prose {
    text: String,
    section: Option<Code>,
    at: usize,
}

struct Page {
    blocks: Vec<Block>,
    prose: Vec<Prose>,
}

/// The rule a `## PO123 name` heading opens, if it is one.
fn rule_heading(line: &str) -> Option<Code> {
    let rest = line.strip_prefix("## ")?;
    let (code, _) = rest.split_once(' ')?;
    Code::parse(code).filter(|c| c.as_str() == code)
}

fn parse(doc: &str) -> Page {
    let mut blocks = Vec::new();
    let mut prose = Vec::new();
    let mut section = None;
    // The paragraph being read, and the last one finished: a block's label is the
    // paragraph above it, blank lines between them or not.
    let mut paragraph: Vec<&str> = Vec::new();
    let mut last_paragraph = String::new();
    let mut open: Option<Block> = None;
    for (i, line) in doc.lines().enumerate() {
        if let Some(block) = open.as_mut() {
            if line.starts_with("```") {
                blocks.push(open.take().unwrap());
            } else {
                block.lines.push(line.to_owned());
            }
            continue;
        }
        if let Some(lang) = line.strip_prefix("```") {
            let label = if paragraph.is_empty() {
                std::mem::take(&mut last_paragraph)
            } else {
                paragraph.join(" ")
            };
            open = Some(Block {
                lang: lang.trim().to_owned(),
                label,
                lines: Vec::new(),
                section,
                at: i + 1,
            });
            paragraph.clear();
            last_paragraph.clear();
            continue;
        }
        if line.starts_with('#') {
            section = if line.starts_with("## ") { rule_heading(line) } else { section };
            if line.starts_with("# ") {
                section = None;
            }
        }
        if line.trim().is_empty() {
            if !paragraph.is_empty() {
                last_paragraph = paragraph.join(" ");
                paragraph.clear();
            }
        } else {
            paragraph.push(line);
        }
        prose.push(Prose {
            text: line.to_owned(),
            section,
            at: i + 1,
        });
    }
    assert!(open.is_none(), "docs/rules.md: a fenced block is never closed");
    Page { blocks, prose }
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as `-`.
fn anchor(heading: &str) -> String {
    heading
        .trim_start_matches('#')
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Every `PO` followed by three digits in `text`.
fn code_like(text: &str) -> Vec<&str> {
    let re = Regex::new(r"\bPO\d{3}\b").unwrap();
    re.find_iter(text).map(|m| m.as_str()).collect()
}

#[test]
fn every_rule_has_a_section_and_a_table_row() {
    let doc = rules_md();
    let page = parse(&doc);
    let mut failures = Vec::new();

    let headings: Vec<&Prose> = page.prose.iter().filter(|p| p.text.starts_with('#')).collect();
    for h in &headings {
        for code in code_like(&h.text) {
            if Code::parse(code).is_none() {
                failures.push(format!("line {}: heading names {code}, which is not a rule: {}", h.at, h.text));
            }
        }
        if h.text.starts_with("## PO") && rule_heading(&h.text).is_none_or(|c| h.text != format!("## {c} {}", c.name())) {
            failures.push(format!("line {}: a rule heading is `## <CODE> <name>`: {}", h.at, h.text));
        }
    }
    let rule_order: Vec<Code> = headings.iter().filter_map(|h| rule_heading(&h.text)).collect();
    let mut sorted = rule_order.clone();
    sorted.sort();
    sorted.dedup();
    if rule_order != sorted {
        failures.push("the rule sections are not in code order, or a rule has two sections".to_owned());
    }

    for code in Code::ALL {
        let heading = format!("## {code} {}", code.name());
        if !headings.iter().any(|h| h.text == heading) {
            failures.push(format!("no section `{heading}`"));
        }
        let link = format!("[{code}](#{})", anchor(&heading));
        let rows: Vec<&Prose> = page
            .prose
            .iter()
            .filter(|p| p.text.starts_with('|') && p.text.split('|').nth(1).is_some_and(|c| c.trim() == link))
            .collect();
        match rows.as_slice() {
            [row] => {
                let cells: Vec<&str> = row.text.split('|').map(str::trim).collect();
                let want = [
                    link.as_str(),
                    &format!("`{}`", code.name()),
                    code.default_severity().as_str(),
                    code.summary(),
                ];
                if cells.len() != 6 || cells[1..5] != want {
                    failures.push(format!(
                        "line {}: the row of {code} should be `| {} |`, is `{}`",
                        row.at,
                        want.join(" | "),
                        row.text
                    ));
                }
            }
            _ => failures.push(format!("{} table rows start with {link}, want 1", rows.len())),
        }
    }

    // Links within the page lead to a heading.
    let anchors: Vec<String> = headings.iter().map(|h| anchor(&h.text)).collect();
    let link = Regex::new(r"\]\(#([^)]*)\)").unwrap();
    for p in &page.prose {
        for c in link.captures_iter(&p.text) {
            if !anchors.iter().any(|a| *a == c[1]) {
                failures.push(format!("line {}: no heading has the anchor #{}", p.at, &c[1]));
            }
        }
    }
    assert!(failures.is_empty(), "docs/rules.md:\n{}", failures.join("\n"));
}

/// The catalogue cases of a rule: `tests/catalogue/<CODE>-*`, sorted.
fn cases(code: Code) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root().join("tests/catalogue"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && p.file_name().unwrap().to_string_lossy().starts_with(&format!("{code}-")))
        .collect();
    found.sort();
    found
}

fn expected(case: &Path) -> String {
    std::fs::read_to_string(case.join("expected.txt")).unwrap_or_default()
}

fn short_line() -> Regex {
    Regex::new(r"^(\S+?):(?:\d+:(?:\d+:)?)? (error|warning|info)\[(PO\d{3})\]: .+$").unwrap()
}

#[test]
fn quoted_messages_are_lines_of_the_catalogue() {
    let doc = rules_md();
    let page = parse(&doc);
    let re = short_line();
    let mut failures = Vec::new();
    for (n, line) in doc.lines().enumerate() {
        let Some(c) = re.captures(line) else { continue };
        let Some(code) = Code::parse(&c[3]) else {
            failures.push(format!("line {}: {} is not a rule: {line}", n + 1, &c[3]));
            continue;
        };
        if !cases(code).iter().any(|case| expected(case).lines().any(|l| l == line)) {
            failures.push(format!(
                "line {}: not a line of tests/catalogue/{code}-*/expected.txt:\n  {line}",
                n + 1
            ));
        }
    }
    // Each rule's section quotes its own message, in a `text` block.
    for code in Code::ALL {
        let own = page
            .blocks
            .iter()
            .filter(|b| b.section == Some(*code) && b.lang == "text")
            .flat_map(|b| &b.lines)
            .any(|l| re.captures(l).is_some_and(|c| &c[3] == code.as_str()));
        if !own {
            failures.push(format!("the section of {code} quotes no message of {code}"));
        }
    }
    assert!(failures.is_empty(), "docs/rules.md:\n{}", failures.join("\n"));
}

/// pobox in a catalogue case or a copy of one, without the parse cache (the cases are in
/// pobox's own repository).
fn pobox(dir: &Path, args: &[&str]) -> Output {
    support::pobox_in_source(dir, "2026-11-22")
        .args(args)
        .env("POBOX_NO_CACHE", "1")
        .output()
        .unwrap()
}

/// (code, help) of every diagnostic pobox gives in a catalogue case.
fn helps(case: &Path) -> Vec<(String, String)> {
    let out = pobox(case, &["validate", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: no JSON ({e}): {}", case.display(), String::from_utf8_lossy(&out.stderr)));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| Some((d["code"].as_str()?.to_owned(), d["help"].as_str()?.to_owned())))
        .collect()
}

#[test]
fn help_lines_are_what_pobox_says() {
    let doc = rules_md();
    let page = parse(&doc);
    let mut failures = Vec::new();
    let mut by_code: HashMap<Code, Vec<String>> = HashMap::new();
    for code in Code::ALL {
        for case in cases(*code) {
            by_code
                .entry(*code)
                .or_default()
                .extend(helps(&case).into_iter().filter(|(c, _)| c == code.as_str()).map(|(_, h)| h));
        }
    }
    for code in Code::ALL {
        let lines: Vec<&Prose> = page
            .prose
            .iter()
            .filter(|p| p.section == Some(*code) && p.text.starts_with("**Help:**"))
            .collect();
        if lines.is_empty() {
            failures.push(format!("the section of {code} has no **Help:** line"));
        }
        for p in lines {
            let help = p.text.trim_start_matches("**Help:**").trim();
            if !by_code.get(code).is_some_and(|hs| hs.iter().any(|h| h == help)) {
                failures.push(format!(
                    "line {}: pobox gives no such help for {code} in its catalogue cases:\n  {help}\n  it gives: {:?}",
                    p.at,
                    by_code.get(code)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "docs/rules.md:\n{}", failures.join("\n"));
}

/// Whether `excerpt` (without its `…` lines) appears in `text` line by line, in order.
fn is_excerpt(excerpt: &[String], text: &str) -> bool {
    let mut lines = text.lines();
    excerpt.iter().filter(|l| l.as_str() != "…").all(|want| lines.any(|l| l == want))
}

/// The first backticked word of a label, and the one after "moved from"/"renamed from".
fn label_paths(label: &str) -> (Option<String>, Option<String>) {
    let first = Regex::new(r"`([^`]+)`").unwrap();
    let from = Regex::new(r"\((?:moved|renamed) from `([^`]+)`\)").unwrap();
    (
        first.captures(label).map(|c| c[1].to_owned()),
        from.captures(label).map(|c| c[1].to_owned()),
    )
}

/// A corrected file: `lines` as they are, or, when they end with `…` after the closing
/// `---` of a front-matter, those lines followed by the body of `original`.
fn corrected(lines: &[String], original: Option<&str>) -> Result<String, String> {
    match lines.split_last() {
        Some((last, front)) if last == "…" => {
            if front.iter().any(|l| l == "…") || front.last().is_none_or(|l| l != "---") {
                return Err("a corrected file may leave out only the body, after its front-matter".to_owned());
            }
            let original = original.ok_or("no original file to take the body from")?;
            let mut seen = 0;
            let mut body_at = None;
            let mut offset = 0;
            for l in original.split_inclusive('\n') {
                offset += l.len();
                if l.trim_end() == "---" {
                    seen += 1;
                    if seen == 2 {
                        body_at = Some(offset);
                        break;
                    }
                }
            }
            let body_at = body_at.ok_or("the original file has no closed front-matter")?;
            Ok(format!("{}\n{}", front.join("\n"), &original[body_at..]))
        }
        _ if lines.iter().any(|l| l == "…") => Err("a corrected file may leave out only the body".to_owned()),
        _ => Ok(format!("{}\n", lines.join("\n"))),
    }
}

/// Corrected files to put into a copy of one case: (path, moved-from path, content).
struct Fix {
    case: PathBuf,
    code: Code,
    files: Vec<(String, Option<String>, String)>,
    at: usize,
}

fn check_fix(fix: &Fix, failures: &mut Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    support::copy_dir(&fix.case, dir.path());
    for (path, from, content) in &fix.files {
        if let Some(from) = from {
            std::fs::remove_file(dir.path().join(from)).unwrap();
        }
        let dst = dir.path().join(path);
        std::fs::create_dir_all(dst.parent().unwrap()).unwrap();
        if std::fs::symlink_metadata(&dst).is_ok() {
            std::fs::remove_file(&dst).unwrap();
        }
        std::fs::write(dst, content).unwrap();
    }
    let out = pobox(dir.path(), &["validate", "--format", "short"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let tag = format!("[{}]", fix.code);
    let still: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(&tag) || fix.files.iter().any(|(p, ..)| l.starts_with(&format!("{p}:"))))
        .collect();
    if !still.is_empty() || out.status.code() == Some(2) {
        failures.push(format!(
            "line {}: with the Fixed file(s) in {}, pobox still reports:\n  {}{}",
            fix.at,
            fix.case.file_name().unwrap().to_string_lossy(),
            still.join("\n  "),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
}

#[test]
fn bad_and_fixed_examples_are_real() {
    let doc = rules_md();
    let page = parse(&doc);
    let mut failures = Vec::new();
    let mut fixes: Vec<Fix> = Vec::new();
    let mut role = "";
    let mut current: Option<(Code, PathBuf)> = None;
    // A Bad example starts a new group of fixes: the Fixed files after it go together.
    let mut new_group = true;
    let mut verified: HashMap<Code, usize> = HashMap::new();
    for b in &page.blocks {
        let Some(code) = b.section else { continue };
        if b.lang != "markdown" && b.lang != "yaml" {
            continue;
        }
        if current.as_ref().is_some_and(|(c, _)| *c != code) {
            current = None;
            new_group = true;
        }
        if b.label.starts_with("**Bad**") {
            role = "Bad";
        } else if b.label.starts_with("**Fixed**") {
            role = "Fixed";
        } else if !b.label.starts_with("and ") {
            failures.push(format!("line {}: an example that is neither **Bad** nor **Fixed**", b.at));
            continue;
        }
        let (Some(path), from) = label_paths(&b.label) else {
            failures.push(format!("line {}: the example does not name its file", b.at));
            continue;
        };
        let all = cases(code);
        let matching = all
            .iter()
            .find(|case| std::fs::read_to_string(case.join(&path)).is_ok_and(|t| is_excerpt(&b.lines, &t)));
        if role == "Bad" {
            new_group = true;
            match matching {
                Some(case) => current = Some((code, case.clone())),
                None => failures.push(format!(
                    "line {}: this Bad example is not an excerpt of {path} in tests/catalogue/{code}-*",
                    b.at
                )),
            }
            continue;
        }
        *verified.entry(code).or_default() += 1;
        // An excerpt of a catalogue file that pobox does not report is a good example as it is.
        let reported = |case: &Path| expected(case).lines().any(|l| l.starts_with(&format!("{path}:")));
        if matching.is_some_and(|case| !reported(case)) {
            continue;
        }
        // Else a corrected file, checked in a copy of the case the Bad example came from.
        let case = match &current {
            Some((_, case)) => case.clone(),
            None if all.len() == 1 => all[0].clone(),
            None => {
                failures.push(format!("line {}: which case of {code} does this Fixed example fix?", b.at));
                continue;
            }
        };
        let original = std::fs::read_to_string(case.join(from.as_deref().unwrap_or(&path))).ok();
        match corrected(&b.lines, original.as_deref()) {
            Ok(content) => match fixes.last_mut() {
                Some(f) if !new_group && f.case == case && f.code == code => f.files.push((path, from, content)),
                _ => {
                    new_group = false;
                    fixes.push(Fix {
                        case,
                        code,
                        files: vec![(path, from, content)],
                        at: b.at,
                    });
                }
            },
            Err(why) => failures.push(format!("line {}: {why}", b.at)),
        }
    }
    for fix in &fixes {
        check_fix(fix, &mut failures);
    }
    for code in Code::ALL {
        if code_needs_fixed_example(*code) && !verified.contains_key(code) {
            failures.push(format!("the section of {code} has no checked Fixed example"));
        }
    }
    assert!(failures.is_empty(), "docs/rules.md:\n{}", failures.join("\n"));
}

/// Every rule shows its fix as a file, except PO014 and PO016, whose fix is replacing or
/// deleting a link.
fn code_needs_fixed_example(code: Code) -> bool {
    !matches!(code, Code::Unreadable | Code::LinkOutsideWorkspace)
}

#[test]
fn command_lines_and_settings_run() {
    let doc = rules_md();
    let page = parse(&doc);
    let case = cases(Code::UnknownStatus).remove(0);
    let dir = tempfile::tempdir().unwrap();
    support::copy_dir(&case, dir.path());
    for args in [&["init", "-q"][..], &["add", "-A"]] {
        support::git(dir.path(), "2026-11-22T10:00:00Z", args);
    }
    let mut failures = Vec::new();
    let mut ran = 0;
    for b in page.blocks.iter().filter(|b| b.lang == "sh") {
        if !b.lines.first().is_some_and(|l| l.starts_with("pobox validate")) {
            continue;
        }
        for line in b.lines.iter().filter(|l| l.starts_with("pobox validate")) {
            let args: Vec<&str> = line.split_whitespace().skip(1).collect();
            let out = pobox(dir.path(), &args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            ran += 1;
            if !matches!(out.status.code(), Some(0 | 1)) || stderr.contains("Usage:") {
                failures.push(format!("line {}: `{line}` exits with {:?}:\n{stderr}", b.at, out.status.code()));
            }
        }
    }
    assert!(ran > 0, "docs/rules.md has no `pobox validate` command lines");
    // The pobox.yaml examples outside the rule sections are valid settings.
    for b in page.blocks.iter().filter(|b| b.lang == "yaml" && b.section.is_none()) {
        std::fs::write(dir.path().join("pobox.yaml"), format!("{}\n", b.lines.join("\n"))).unwrap();
        let out = pobox(dir.path(), &["validate", "--format", "short"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        if out.status.code() == Some(2) || stdout.lines().any(|l| l.starts_with("pobox.yaml:")) {
            failures.push(format!("line {}: this pobox.yaml is refused:\n{stdout}", b.at));
        }
    }
    assert!(failures.is_empty(), "docs/rules.md:\n{}", failures.join("\n"));
}
