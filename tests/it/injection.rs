//! Terminal and CI injection (issue 13): text from a file never reaches a terminal, a CI log
//! or a page as anything but text. No command prints a raw escape, bell, lone carriage
//! return, C1 control or bidirectional override taken from a file, and none lets a user's
//! text start a line with `::` (a GitHub workflow command: the runner reads one at the start
//! of any line, after leading spaces) or hold `##[` (the older form, read anywhere in a
//! line), except the annotations `validate --format github` writes on purpose.
//!
//! One workspace, [`workspace`], puts the tricks into every text pobox reads: `pobox.yaml`'s
//! `product`, titles, goals, bodies (raw), labels, names, meeting notes, values that end up
//! in diagnostics, file names (with ESC, BEL and a line break, where the file system allows),
//! a file pobox cannot read, and a git author. The walk of every command
//! ([`every_command_prints_file_text_only_as_text`]) runs each leaf command of the command
//! line against it: the entries of `src/cli/every_command.rs` (which the binary's own test
//! checks against the clap definition), with more formats and the commands that table
//! exempts from its own walk, and checks stdout, stderr and the files a command writes.

// `unreadable.rs` loads this table too, as a private module; loading it here as well keeps
// that file as it is.
#[allow(clippy::duplicate_mod)]
#[path = "../../src/cli/every_command.rs"]
mod every_command;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{self, Session, commit_all as commit, copy_dir, git, outcome, pobox, replace_in as replace, write_file};
use every_command::{ENTRIES, Entry};

/// The day the commands run as: SP-2's last day.
const TODAY: &str = "2026-11-20";

/// Every trick for a terminal and a CI log: a lone carriage return that makes
/// "APPROVED" overwrite itself with "REJECTED", a right-to-left override and an isolate,
/// CSI sequences (clear the screen, move up, recolour) in 7-bit and 8-bit (C1) form, an OSC 8
/// hyperlink ended by a bell, NEL (a C1 line break), DEL, a line separator, and line breaks
/// followed by GitHub workflow commands, one indented and one in the older `##[…]` form.
const TRICKS: &str = "APPROVED\rREJECTED \u{202e}DEVORPPA\u{202c} \u{2067}isolate\u{2069} \u{1b}[2J\u{1b}[1A\u{1b}[31mRED\u{1b}[0m \u{9b}2J \u{1b}]8;;http://evil.example\u{7}link\u{1b}]8;;\u{7} \u{7}bell \u{85}nel \u{7f}del \u{2028}ls\n::error file=x.md,line=1::INJECTED\n  ::add-mask::INJECTED\r\n##[warning]INJECTED ##[group]INJECTED";

/// Text that starts with a workflow command: where a view puts a text at the start of a
/// line (a product name, a paragraph), the line would be one.
fn starts_as_command() -> String {
    format!("::error file=x.md::INJECTED {TRICKS}")
}

/// A YAML double-quoted scalar holding `s` exactly.
fn yaml_dq(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// File names with an escape, a bell, a line break and a workflow command in them, where the
/// file system allows them (not on Windows): one readable story and one pobox cannot read.
#[cfg(unix)]
const ODD_NAMES: [&str; 2] = [
    "backlog/stories/S-8-\u{1b}[2J\u{7}\n::error file=y::NAME.md",
    "backlog/stories/S-9-\u{1b}]0;title\u{7}\r\u{202e}.md",
];
#[cfg(not(unix))]
const ODD_NAMES: [&str; 2] = ["backlog/stories/S-8-odd.md", "backlog/stories/S-9-odd.md"];

/// The hostile workspace, in a git repository with four weeks of pinned history, shaped
/// like the walk of `unreadable.rs` expects (E-1; SP-1 closed, SP-2 active, SP-3 planned;
/// S-1 to S-7; dana; R-1; a meeting) so that every entry of `every_command.rs` has
/// something to act on, and every text in it hostile.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let h = yaml_dq(TRICKS);
    let first = yaml_dq(&starts_as_command());
    git(d, "2026-10-19T09:00:00Z", &["init", "-q", "-b", "main"]);
    write_file(d, "pobox.yaml", &format!("product: {first}\n"));
    write_file(
        d,
        "backlog/product.md",
        &format!("# Vision\n\n{TRICKS}\n\n# Product goal\n\n{TRICKS}\n"),
    );
    let body = format!(
        "As a shopper, I want {TRICKS}, so that I can buy.\n\n## Acceptance criteria\n\n- [x] Given {TRICKS}, when I act, then it works.\n\n{TRICKS}\n"
    );
    write_file(
        d,
        "backlog/epics/E-1.md",
        &format!(
            "---\nid: E-1\ntitle: {first}\nstatus: in-progress\nhorizon: now\ntarget: 2026-12-18\nowner: dana\nbenefit_hypothesis: {h}\nlabels: [{h}]\n---\n{body}"
        ),
    );
    write_file(
        d,
        "backlog/stakeholders/dana.md",
        &format!(
            "---\nid: dana\ntitle: {first}\nrole: {h}\norganization: {h}\npower: high\ninterest: high\ncadence_days: 14\ncontact: {h}\n---\n{TRICKS}\n"
        ),
    );
    write_file(
        d,
        "backlog/risks/R-1.md",
        &format!(
            "---\nid: R-1\ntitle: {first}\nlikelihood: 4\nimpact: 4\nstatus: open\nowner: dana\nmitigation: {h}\nrelated: [S-3]\n---\n{TRICKS}\n"
        ),
    );
    for (n, start, end) in [
        (1, "2026-10-26", "2026-11-06"),
        (2, "2026-11-09", "2026-11-20"),
        (3, "2026-11-23", "2026-12-04"),
    ] {
        let text = format!(
            "---\nid: SP-{n}\ntitle: {first}\nstart: {start}\nend: {end}\ngoal: {first}\ncapacity: 13\nstatus: planned\n---\n{TRICKS}\n"
        );
        write_file(d, &format!("backlog/sprints/SP-{n}.md"), &text);
    }
    for (n, status, points, sprint) in [
        (1, "ready", 3, "SP-1"),
        (2, "ready", 2, "SP-1"),
        (3, "ready", 5, "SP-2"),
        (4, "ready", 5, "SP-2"),
        (5, "ready", 3, "SP-2"),
        (6, "ready", 2, ""),
        (7, "draft", 3, ""),
    ] {
        let sprint = if sprint.is_empty() {
            String::new()
        } else {
            format!("sprint: {sprint}\n")
        };
        let text = format!(
            "---\nid: S-{n}\ntitle: {first}\nstatus: {status}\nepic: E-1\npoints: {points}\n{sprint}stakeholders: [dana]\n\
             labels: [{h}]\nassignee: {h}\nmoscow: must\nwsjf: {{value: 8, time_criticality: 5, risk_reduction: 3, job_size: 3}}\n\
             custom: {h}\n---\n{body}"
        );
        write_file(d, &format!("backlog/stories/S-{n}.md"), &text);
    }
    support::play_first_sprint(d);
    write_file(
        d,
        "backlog/meetings/2026-11-09-sprint-planning.md",
        &format!(
            "---\nid: 2026-11-09-sprint-planning\ntitle: {first}\ntype: sprint-planning\ndate: 2026-11-09\nattendees: [dana]\nsprint: SP-2\n---\n\n\
             ## Notes\n\n{TRICKS}\n\n## Decisions\n\n- {TRICKS}\n\n## Action items\n\n- [ ] @dana {TRICKS} (due: 2026-11-30)\n"
        ),
    );
    commit(d, "2026-11-09T09:00:00Z", "Start SP-2");
    replace(d, "backlog/stories/S-4.md", "status: ready", "status: done");
    replace(d, "backlog/stories/S-3.md", "status: ready", "status: in-progress");
    // A git author's name is text from outside too (`history` prints it).
    git(d, "2026-11-11T15:00:00Z", &["add", "-A"]);
    git(
        d,
        "2026-11-11T15:00:00Z",
        &[
            "commit",
            "-q",
            "-m",
            "S-4 done, S-3 started",
            "--author=Mallory \u{1b}[2J\u{7}\u{202e} <mallory@example.com>",
        ],
    );
    replace(d, "backlog/stories/S-5.md", "status: ready", "status: done");
    commit(d, "2026-11-13T15:00:00Z", "S-5 done");
    // Values that end up inside diagnostics' messages, and the odd file names: one story
    // reads, the other cannot be read (its problem is said with its name).
    write_file(
        d,
        "backlog/stories/S-20.md",
        &format!(
            "---\nid: S-20\ntitle: {h}\nstatus: {first}\nepic: {h}\ndepends_on: [{h}]\nsprint: {h}\npoints: {h}\nstakeholders: [{h}]\n---\n{TRICKS}\n"
        ),
    );
    write_file(
        d,
        ODD_NAMES[0],
        &format!("---\nid: S-8\ntitle: {h}\nstatus: draft\n---\n{TRICKS}\n"),
    );
    write_file(d, ODD_NAMES[1], &format!("---\nid: S-9\ntitle: [{TRICKS}\nstatus: draft\n---\n"));
    commit(d, "2026-11-16T10:00:00Z", "More stories");
    dir
}

/// Replace `from` (which must be there) by `to` in the file `rel`.
/// Sources for the importers, outside the workspace, as hostile as the workspace: a Jira
/// CSV with CRLF line ends and a backlog.md project.
fn import_sources(root: &Path) {
    let cell = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let csv = format!(
        "Summary,Issue key,Issue Type,Status,Labels,Assignee,Description\r\n\
         {},EVIL-1,Story,To Do,{},{},{}\r\n",
        cell(&starts_as_command()),
        cell(TRICKS),
        cell(TRICKS),
        cell(TRICKS)
    );
    write_file(root, "evil.csv", &csv);
    let h = yaml_dq(TRICKS);
    write_file(
        root,
        "evil-md/backlog/tasks/task-1 - Evil.md",
        &format!(
            "---\nid: task-1\ntitle: {}\nstatus: To Do\nlabels: [{h}]\nassignee: [{h}]\n---\n\n## Description\n\n{TRICKS}\n",
            yaml_dq(&starts_as_command())
        ),
    );
}

/// What the walk runs besides the entries of `every_command.rs`: the commands that table
/// exempts (it walks only what lists or counts items; this walk is about everything that
/// prints), and more formats of the others. Each starts with its command's words;
/// `{sources}` is the folder [`import_sources`] fills, `{out}` a new folder outside the
/// workspace for files a command writes.
const MORE: &[(&str, &[&[&str]])] = &[
    (
        "init",
        &[&["init", "{out}/new", "--product", "::error::x\u{1b}[2J\r\u{202e}"], &["init"]],
    ),
    ("demo", &[&["demo", "{out}/demo"]]),
    ("story new", &[&["story", "new", "::error::x\u{1b}[2J\r\u{202e}", "--epic", "E-1"]]),
    (
        "story list",
        &[&["story", "list", "--format", "csv"], &["story", "list", "--status", "ready"]],
    ),
    ("epic new", &[&["epic", "new", "::error::x\u{1b}[2J\r\u{202e}"]]),
    ("epic move", &[&["epic", "move", "E-1", "{done}"]]),
    (
        "stakeholder new",
        &[&["stakeholder", "new", "eve", "--name", "::error::x\u{1b}[2J\r\u{202e}"]],
    ),
    ("meeting new", &[&["meeting", "new", "demo", "--date", "2026-11-20"]]),
    (
        "sprint new",
        &[&["sprint", "new", "--start", "2026-12-07", "--goal", "::error::x\u{1b}[2J\r\u{202e}"]],
    ),
    ("risk new", &[&["risk", "new", "::error::x\u{1b}[2J\r\u{202e}"]]),
    ("risk move", &[&["risk", "move", "R-1", "{mitigated}"]]),
    (
        "decision new",
        &[&[
            "decision",
            "new",
            "::error::x\u{1b}[2J\r\u{202e}",
            "--deciders",
            "::error::y\u{1b}[2J",
        ]],
    ),
    ("decision move", &[&["decision", "move", "D-1", "{accepted}"]]),
    (
        "show",
        &[
            &["show", "S-8"],
            &["show", "dana"],
            &["show", "R-1"],
            &["show", "SP-2"],
            &["show", "2026-11-09-sprint-planning"],
            &["show", "S-20"],
            &["show", "S-3", "--format", "json"],
        ],
    ),
    (
        "validate",
        &[
            &["validate", "--format", "short"],
            &["validate", "--format", "json"],
            &["validate", "--format", "sarif"],
            &["validate", "--format", "github"],
        ],
    ),
    (
        "prioritize",
        &[
            &["prioritize", "--method", "moscow", "--format", "md"],
            &["prioritize", "--kind", "epic"],
        ],
    ),
    (
        "report sprint",
        &[
            &["report", "sprint", "SP-1"],
            &["report", "sprint", "SP-2", "--out", "{out}/sprint.html", "--format", "html"],
            &["report", "sprint", "SP-2", "--out", "{out}/sprint.md", "--format", "md"],
        ],
    ),
    (
        "report backlog",
        &[&["report", "backlog", "--out", "{out}/backlog.md", "--format", "md"]],
    ),
    ("hooks install", &[&["hooks", "install"]]),
    ("hooks uninstall", &[&["hooks", "uninstall"]]),
    (
        "history",
        &[&["history", "S-1"], &["history", "SP-2"], &["history", "S-3", "--format", "json"]],
    ),
    ("metrics", &[&["metrics", "--since", "2026-10-01"]]),
    (
        "import backlog-md",
        &[
            &["import", "backlog-md", "{sources}/evil-md", "--dry-run"],
            &["import", "backlog-md", "{sources}/evil-md"],
        ],
    ),
    (
        "import csv",
        &[
            &["import", "csv", "{sources}/evil.csv", "--dry-run"],
            &["import", "csv", "{sources}/evil.csv"],
        ],
    ),
    (
        "export",
        &[
            &["export", "csv", "--body"],
            &["export", "json", "--body"],
            &["export", "csv", "--body", "--out", "{out}/items.csv"],
        ],
    ),
    ("status", &[&["status", "--format", "json"]]),
    ("completions", &[&["completions", "bash"]]),
    ("man", &[&["man"]]),
    ("schema", &[&["schema"], &["schema", "story"]]),
    ("set", &[&["set", "S-20", "points=3"]]),
];

/// Bidirectional formatting characters, which make text display in another order than it
/// reads ("Trojan Source").
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// What is wrong with `text` on a terminal or in a CI log; empty when nothing is.
/// `own_styles`: pobox's own colours (`ESC [ … m`, from `--color always`) are taken out
/// first. `annotations`: lines starting with `::` are pobox's own, and must each be one
/// well-formed workflow command. `log`: it may be read as a CI log (what pobox prints, not
/// the pages it writes), so workflow commands count too.
fn problems(text: &str, own_styles: bool, annotations: bool, log: bool) -> Vec<String> {
    let styles = regex::Regex::new("\u{1b}\\[[0-9;]*m").unwrap();
    let text = if own_styles {
        styles.replace_all(text, "").into_owned()
    } else {
        text.to_owned()
    };
    let annotation =
        regex::Regex::new(r"^::(error|warning|notice) file=[^,:\r\n]*(,line=\d+(,col=\d+)?)?,title=PO\d{3}::[^\r\n]*$").unwrap();
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let bad = match c {
            '\n' | '\t' => false,
            '\r' => chars.get(i + 1) != Some(&'\n'),
            c => c.is_control() || is_bidi(c),
        };
        if bad {
            let from = i.saturating_sub(30);
            let around: String = chars[from..(i + 30).min(chars.len())].iter().collect();
            found.push(format!("raw {c:?} in …{around:?}…"));
        }
    }
    if !log {
        return found;
    }
    // The runner reads a command at the start of a line after leading white space, and the
    // older form anywhere; a lone carriage return ends a line in some log viewers.
    for line in text.split(['\n', '\r']) {
        // A command has a name: `:::` (a Markdown admonition, a snippet's margin) is none.
        let start = line.trim_start();
        let command = start.starts_with("::") && start[2..].starts_with(|c: char| c.is_ascii_alphabetic());
        if command && !(annotations && annotation.is_match(line)) {
            found.push(format!("a line that is a workflow command: {line:?}"));
        }
        if line.contains("##[") {
            found.push(format!("a line with an old-style workflow command: {line:?}"));
        }
    }
    found
}

/// Every file under `dir` that pobox wrote, relative path → text (a site's pages, an
/// export, a report).
fn files_under(dir: &Path) -> BTreeMap<PathBuf, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            Some((
                e.path().strip_prefix(dir).ok()?.to_path_buf(),
                std::fs::read_to_string(e.path()).ok()?,
            ))
        })
        .collect()
}

#[test]
fn every_command_prints_file_text_only_as_text() {
    let built = workspace();
    let sources = tempfile::tempdir().unwrap();
    import_sources(sources.path());
    let walk = support::WalkArgs::of(built.path());
    // Every leaf: the runs of the walk of unreadable files, and those above.
    let mut all: Vec<(&str, Vec<&str>)> = Vec::new();
    for (name, entry) in ENTRIES {
        let more = MORE.iter().find(|(n, _)| n == name).map(|(_, runs)| *runs).unwrap_or_default();
        match entry {
            Entry::Runs(runs) => all.extend(runs.iter().chain(more).map(|r| (*name, r.to_vec()))),
            Entry::Exempt(reason) => {
                assert!(
                    !more.is_empty(),
                    "`pobox {name}` prints something but this walk does not run it (the unreadable walk exempts it: {reason}); add it to MORE"
                );
                all.extend(more.iter().map(|r| (*name, r.to_vec())));
            }
        }
    }
    for (name, _) in MORE {
        assert!(ENTRIES.iter().any(|(n, _)| n == name), "MORE names `{name}`, which is no command");
    }
    let mut found = Vec::new();
    let mut walked = 0;
    for (name, args) in &all {
        let extra_formats: &[&str] = if name.starts_with("report ") && !args.contains(&"--format") {
            &["md", "html", "json", "text"]
        } else {
            &[""]
        };
        for format in extra_formats {
            // A fresh copy each time: a command that writes must not change what the next reads.
            let dir = tempfile::tempdir().unwrap();
            copy_dir(built.path(), dir.path());
            let out_dir = tempfile::tempdir().unwrap();
            let mut args: Vec<String> = args
                .iter()
                .map(|a| {
                    walk.fill(a)
                        .replace("{sources}", &sources.path().to_string_lossy())
                        .replace("{out}", &out_dir.path().to_string_lossy())
                })
                .collect();
            if !format.is_empty() {
                args.extend(["--format".to_owned(), (*format).to_owned()]);
            }
            // `always`: no stream strips what pobox writes, so nothing hides what it lets through.
            args.extend(["--color".to_owned(), "always".to_owned()]);
            let shown = args.join(" ");
            let (code, out, err) = outcome(pobox(dir.path(), TODAY).args(&args).output().unwrap());
            walked += 1;
            if !(0..=2).contains(&code) {
                found.push(format!("`pobox {shown}` crashed (exit {code}):\n{err}"));
            }
            let github = args.iter().any(|a| a == "github");
            for (stream, text) in [("stdout", &out), ("stderr", &err)] {
                for p in problems(text, true, github && stream == "stdout", true) {
                    found.push(format!("`pobox {shown:?}` {stream}: {p}"));
                }
            }
            // What it wrote: the site, an export, a report, a new workspace.
            // Markdown files in a workspace (this one, or one `init` or `demo` made) hold the
            // user's own text as given; the others outside it are reports pobox wrote.
            let in_workspace = files_under(dir.path()).into_iter().map(|f| (false, f));
            for (outside, (path, text)) in in_workspace.chain(files_under(out_dir.path()).into_iter().map(|f| (true, f))) {
                let ext = |e: &str| path.extension().is_some_and(|x| x == e);
                let written = ext("html")
                    || ext("csv")
                    || ext("json")
                    || (outside && ext("md") && !path.starts_with("new") && !path.starts_with("demo"));
                if written {
                    for p in problems(&text, false, false, false) {
                        found.push(format!("`pobox {shown:?}` wrote {}: {p}", path.display()));
                    }
                }
            }
        }
    }
    assert!(walked > 90, "only {walked} runs");
    found.dedup();
    assert!(found.is_empty(), "{} problems:\n{}", found.len(), found.join("\n"));
}

// ---------------------------------------------------------------------------------------
// The cases the issue reports, one by one.

/// A session whose `pobox.yaml` product and S-1 (title in YAML, body raw) hold [`TRICKS`].
fn small() -> Session {
    let s = Session::new();
    s.write("pobox.yaml", &format!("product: {}\n", yaml_dq(&starts_as_command())));
    s.write(
        "backlog/stories/S-1.md",
        &format!("---\nid: S-1\ntitle: {}\nstatus: draft\n---\n{TRICKS}\n", yaml_dq(TRICKS)),
    );
    s
}

/// [`problems`] of what pobox printed, as a CI log reads it.
#[track_caller]
fn assert_safe(what: &str, text: &str) {
    let found = problems(text, false, false, true);
    assert!(found.is_empty(), "{what}:\n{}\n{text}", found.join("\n"));
}

#[test]
fn status_prints_the_product_name_as_one_line_of_text() {
    let s = small();
    let (_, out, err) = s.run(&["status"]);
    assert_safe("status", &format!("{out}{err}"));
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("\u{2236}:error file=x.md::INJECTED APPROVED REJECTED \u{fffd}DEVORPPA\u{fffd}") && first.contains("\u{241b}[2J"),
        "the name on its first line, its controls visible: {first}"
    );
    assert!(out.lines().nth(1).is_some_and(str::is_empty), "the name is one line:\n{out}");
}

#[test]
fn show_keeps_the_files_lines_but_a_lone_carriage_return_and_bidi_overrides_are_visible() {
    let s = small();
    let out = s.ok(&["show", "S-1"]);
    assert_safe("show", &out);
    // "APPROVED\rREJECTED" no longer overwrites itself, and no override reorders the text.
    assert!(
        out.contains("APPROVED\u{240d}REJECTED \u{fffd}DEVORPPA\u{fffd} \u{fffd}isolate\u{fffd}"),
        "{out}"
    );
    assert!(out.contains("\u{241b}]8;;http://evil.example\u{2407}link"), "{out}");
    // The body's lines stay lines; those that were workflow commands are text.
    assert!(
        out.contains("\n\u{2236}:error file=x.md,line=1::INJECTED\n  \u{2236}:add-mask::INJECTED\r\n##\u{ff3b}warning]"),
        "{out:?}"
    );
}

#[cfg(unix)]
#[test]
fn github_annotations_show_an_escape_and_a_bell_in_a_file_name() {
    let s = small();
    s.write(ODD_NAMES[1], "---\nid: S-9\ntitle: [open\nstatus: draft\n---\n");
    let (code, out, _) = s.run(&["validate", "--format", "github"]);
    assert_eq!(code, 1);
    let line = out.lines().find(|l| l.contains("S-9")).unwrap_or_else(|| panic!("{out}"));
    assert!(
        // On one line, as every diagnostic format shows a file name: the carriage return as a space.
        line.starts_with("::error file=backlog/stories/S-9-\u{241b}]0;title\u{2407} \u{fffd}.md,line=4,col="),
        "{line:?}"
    );
    // Every line that starts with `::` is one well-formed annotation of pobox's own.
    let found = problems(&out, false, true, true);
    assert!(found.is_empty(), "{}\n{out}", found.join("\n"));
    // And in the GitHub Actions default format, chosen from the environment.
    let o = s.pobox(&["validate"]).env("GITHUB_ACTIONS", "true").output().unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains(line), "{o:?}");
}

#[test]
fn the_site_shows_control_characters_of_bodies_as_symbols() {
    let s = small();
    s.ok(&["site", "--out", "site"]);
    let page = s.read("site/story-S-1.html");
    let found = problems(&page, false, false, false);
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert!(page.contains("\u{241b}[2J\u{241b}[1A\u{241b}[31mRED"), "{page}");
    assert!(page.contains("\u{2407}bell"), "{page}");
}

#[test]
fn json_escapes_what_a_terminal_acts_on_and_keeps_the_text_exactly() {
    let s = small();
    for args in [
        &["story", "list", "--format", "json"][..],
        &["export", "json"],
        &["show", "S-1", "--format", "json"],
    ] {
        let out = s.ok(args);
        assert_safe(&format!("{args:?}"), &out);
        assert!(
            out.contains("\\u009b2J") && out.contains("\\u202eDEVORPPA") && out.contains("##\\u005bwarning]"),
            "{args:?}: {out}"
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let title = if args[0] == "show" {
            &v["item"]["title"]
        } else {
            &v["items"][0]["title"]
        };
        assert_eq!(title.as_str(), Some(TRICKS), "{args:?}");
    }
}

#[test]
fn csv_cells_keep_their_line_breaks_and_show_the_rest() {
    let s = small();
    // Printed, and written to a file (which `cat` or a CI step may print as well).
    for args in [
        &["story", "list", "--format", "csv"][..],
        &["export", "csv", "--body"],
        &["export", "csv", "--body", "--out", "items.csv"],
    ] {
        let file = args.contains(&"--out");
        let out = if file {
            s.ok(args);
            s.read("items.csv")
        } else {
            s.ok(args)
        };
        // A file keeps a line starting `::` as written, so export and import lose nothing;
        // printed, the terminal's sanitizer defuses it as it does every output.
        let found = problems(&out, false, false, !file);
        assert!(found.is_empty(), "{args:?}:\n{}\n{out}", found.join("\n"));
        let mut rows = csv::Reader::from_reader(out.as_bytes());
        let headers = rows.headers().unwrap().clone();
        let row = rows.records().next().unwrap().unwrap();
        let title = row.get(headers.iter().position(|h| h == "title").unwrap()).unwrap();
        let command = if file { "\n::error" } else { "\n\u{2236}:error" };
        assert!(
            title.starts_with("APPROVED\u{240d}REJECTED") && title.contains(&format!("{command} file=x.md,line=1::INJECTED\n")),
            "{args:?}: {title:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn errors_show_the_controls_of_a_file_name() {
    let s = small();
    s.write(
        "backlog/sprints/SP-1.md",
        "---\nid: SP-1\ntitle: Sprint 1\nstart: 2026-11-16\nend: 2026-11-27\nstatus: planned\n---\n",
    );
    s.write(ODD_NAMES[1], "---\nid: S-9\ntitle: [open\nstatus: draft\n---\n");
    let (code, _, err) = s.run(&["sprint", "start", "SP-1"]);
    assert_eq!(code, 2);
    assert_safe("sprint start", &err);
    assert!(
        err.contains("backlog/stories/S-9-\u{241b}]0;title\u{2407}\u{240d}\u{fffd}.md cannot be read"),
        "{err}"
    );
}
