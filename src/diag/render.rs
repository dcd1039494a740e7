//! Reporters: diagnostics as text for people (`human`), for editors and grep (`short`) and
//! for programs (`json`). Chosen by `--format`; the binary prints what they return.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::rc::Rc;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use super::{Diagnostic, Severity};
use crate::text::{control, path};

/// The `version` of the JSON report. Raised only when a field changes meaning or
/// disappears.
pub const JSON_VERSION: u32 = 1;

/// rustc-style reports: `error[PO004]: message`, ` --> path:line:col`, the line with the
/// value at the column underlined, and `= help: …`; a blank line between diagnostics and a
/// newline at the end (empty when there are none).
///
/// Files are read from `root.join(&d.path)`, each once however many diagnostics it has.
/// When a file cannot be read, or the diagnostic has no line, the report keeps its
/// location line and goes without the snippet. `color` adds ANSI styles.
#[must_use]
pub fn human(diags: &[Diagnostic], root: &Path, color: bool) -> String {
    human_from(diags, |path| read_text(&root.join(path)), color)
}

/// [`human`], reading each file's text with `read` (e.g. from the git index for
/// `--staged`, so snippets show what is checked, not what is on disk).
#[must_use]
pub fn human_from(diags: &[Diagnostic], read: impl Fn(&Path) -> Option<String>, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    // A file's text is kept only until its last diagnostic: read once, yet with sorted
    // diagnostics (the usual case) one file in memory at a time.
    let mut pending: HashMap<&Path, usize> = HashMap::new();
    for d in diags.iter().filter(|d| d.line > 0) {
        *pending.entry(d.path.as_path()).or_default() += 1;
    }
    let mut files: HashMap<&Path, Option<Rc<str>>> = HashMap::new();
    let mut out = String::new();
    for d in diags {
        let text = if d.line == 0 {
            None
        } else {
            let key = d.path.as_path();
            let left = pending.get_mut(key).map_or(0, |n| {
                *n -= 1;
                *n
            });
            let text = files.entry(key).or_insert_with(|| read(key).map(Rc::from)).clone();
            if left == 0 {
                files.remove(key);
            }
            text
        };
        let path = control::escape(&path::slash(&d.path)).into_owned();
        let message = control::escape(&d.message);
        let help = d.help.as_deref().map(|h| control::escape(h).into_owned());
        let mut group = Group::with_title(level(d.severity).primary_title(message).id(d.code.as_str()));
        if let Some(line) = text.as_deref().and_then(|t| source_line(t, d.line)) {
            let (shown, col) = window(line, d.col);
            let cut = shown.len() != line.len();
            let shown = control::escape(&shown).into_owned();
            let span = underline(&shown, col);
            let snippet = Snippet::source(shown)
                .line_start(d.line as usize)
                .annotation(AnnotationKind::Primary.span(span));
            group = if cut {
                // The snippet would count the column in the cut line: name the real one.
                let mut origin = Origin::path(path).line(d.line as usize);
                if d.col > 0 {
                    origin = origin.char_column(d.col as usize);
                }
                group.element(origin).element(snippet)
            } else {
                group.element(snippet.path(path))
            };
        } else {
            let mut origin = Origin::path(path);
            if d.line > 0 {
                origin = origin.line(d.line as usize);
                if d.col > 0 {
                    origin = origin.char_column(d.col as usize);
                }
            }
            group = group.element(origin);
        }
        if let Some(help) = help {
            group = group.element(Level::HELP.message(help));
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&renderer.render(&[group]));
        out.push('\n');
    }
    out
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// A file's text; invalid UTF-8 shown as `�` so a PO001 diagnostic can still point into it.
fn read_text(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    Some(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// The 1-based line's text without its line ending (`\n` or `\r\n`); `None` past the end.
fn source_line(text: &str, line: u32) -> Option<&str> {
    let l = text.split('\n').nth((line as usize).checked_sub(1)?)?;
    Some(l.strip_suffix('\r').unwrap_or(l))
}

/// The byte range to underline: from the 1-based character column to the next whitespace
/// (at least one character). Column 0 (unknown) underlines the line's text; a column past
/// the end points just after the last character.
/// Characters of a source line shown in a snippet; a longer line (a pasted log, a minified
/// blob) is cut to this many around the column, with `…` where it was cut, so the snippet
/// stays readable and rendering it stays cheap.
const SNIPPET_CHARS: usize = 200;

/// `line` cut to [`SNIPPET_CHARS`] around the 1-based character column `col` (0: the start),
/// and the column within the cut line.
fn window(line: &str, col: u32) -> (std::borrow::Cow<'_, str>, u32) {
    if line.len() <= SNIPPET_CHARS {
        return (line.into(), col);
    }
    let from = (col as usize).saturating_sub(1).saturating_sub(SNIPPET_CHARS / 3);
    let mut chars = line.chars().skip(from);
    let mut cut: String = chars.by_ref().take(SNIPPET_CHARS).collect();
    if chars.next().is_some() {
        cut.push('…');
    }
    if from == 0 {
        return (cut.into(), col);
    }
    cut.insert(0, '…');
    let col = if col == 0 {
        0
    } else {
        u32::try_from(col as usize - from + 1).unwrap_or(u32::MAX)
    };
    (cut.into(), col)
}

fn underline(line: &str, col: u32) -> std::ops::Range<usize> {
    let start = if col == 0 {
        line.len() - line.trim_start().len()
    } else {
        line.char_indices().nth(col as usize - 1).map_or(line.len(), |(i, _)| i)
    };
    let rest = &line[start..];
    let end = if col == 0 {
        start + rest.trim_end().len()
    } else {
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        // A column on a space still gets one caret.
        start
            + if word == 0 {
                rest.chars().next().map_or(0, char::len_utf8)
            } else {
                word
            }
    };
    start..end.max(start)
}

/// One line per diagnostic: `path:line:col: severity[CODE]: message`, leaving out a line or
/// column that is 0; a newline after each.
#[must_use]
pub fn short(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&control::escape(&path::slash(&d.path)));
        // Writing into a String cannot fail.
        if d.line > 0 {
            let _ = write!(out, ":{}", d.line);
            if d.col > 0 {
                let _ = write!(out, ":{}", d.col);
            }
        }
        let _ = writeln!(out, ": {}[{}]: {}", d.severity.as_str(), d.code, control::escape(&d.message));
    }
    out
}

/// How many diagnostics of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub info: usize,
}

impl Counts {
    /// Counts the diagnostics by severity.
    #[must_use]
    pub fn of(diags: &[Diagnostic]) -> Self {
        let mut c = Counts::default();
        for d in diags {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.info += 1,
            }
        }
        c
    }
}

/// `2 errors, 1 warning`, `1 error, 3 warnings, 2 infos`, `no problems`: severities with
/// none are left out.
#[must_use]
pub fn summary(diags: &[Diagnostic]) -> String {
    let c = Counts::of(diags);
    let parts: Vec<String> = [
        (c.errors, "error", "errors"),
        (c.warnings, "warning", "warnings"),
        (c.info, "info", "infos"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect();
    if parts.is_empty() {
        "no problems".to_owned()
    } else {
        parts.join(", ")
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Counts,
}

/// [`Diagnostic`]'s own serialization, but with `/` in the path on every platform.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: super::Code,
    severity: Severity,
    path: String,
    line: u32,
    col: u32,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

/// `{"version":1,"diagnostics":[…],"summary":{"errors":n,"warnings":n,"info":n}}`, pretty,
/// without a final newline (like every JSON document of pobox). Each diagnostic has
/// `code`, `severity`, `path` (with `/`), `line`, `col` (0 when unknown), `message` and,
/// when there is one, `help`.
#[must_use]
pub fn json(diags: &[Diagnostic]) -> String {
    let report = JsonReport {
        version: JSON_VERSION,
        diagnostics: diags
            .iter()
            .map(|d| JsonDiagnostic {
                code: d.code,
                severity: d.severity,
                path: path::slash(&d.path),
                line: d.line,
                col: d.col,
                message: &d.message,
                help: d.help.as_deref(),
            })
            .collect(),
        summary: Counts::of(diags),
    };
    crate::text::json::to_json_string(&report)
}

/// GitHub Actions workflow commands, one per diagnostic:
/// `::error file=…,line=…,col=…,title=PO012::message`, escaped as the Actions toolkit does
/// (`%`, CR and LF in the message; also `:` and `,` in properties), after control
/// characters in the message and the file name are made visible. Info becomes `notice`.
#[must_use]
pub fn github(diags: &[Diagnostic]) -> String {
    fn data(s: &str) -> String {
        s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
    }
    fn property(s: &str) -> String {
        data(s).replace(':', "%3A").replace(',', "%2C")
    }
    // Each line of a message as one line of the annotation's text: a carriage return or a
    // tab reads as a space, as in every other format.
    fn lines(s: &str) -> String {
        s.split('\n').map(control::escape).collect::<Vec<_>>().join("\n")
    }
    let mut out = String::new();
    for d in diags {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        // A file name is text from the disk too: an escape or a bell in it stays visible.
        let _ = write!(out, "::{level} file={}", property(&control::escape(&path::slash(&d.path))));
        if d.line > 0 {
            let _ = write!(out, ",line={}", d.line);
            if d.col > 0 {
                let _ = write!(out, ",col={}", d.col);
            }
        }
        let mut message = format!("{} ({})", lines(&d.message), d.code.name());
        if let Some(help) = &d.help {
            let _ = write!(message, "\nhelp: {}", lines(help));
        }
        let _ = writeln!(out, ",title={}::{}", property(d.code.as_str()), data(&message));
    }
    out
}

/// SARIF 2.1.0 (the format GitHub code scanning uploads): one run of the `pobox` tool with
/// every rule pobox has, and one result per diagnostic. Paths are relative to the
/// repository (`%SRCROOT%`). Without a final newline.
#[must_use]
pub fn sarif(diags: &[Diagnostic]) -> String {
    use super::Code;
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let rules: Vec<serde_json::Value> = Code::ALL
        .iter()
        .map(|c| {
            serde_json::json!({
                "id": c.as_str(),
                "name": c.name(),
                "shortDescription": {"text": c.summary()},
                "defaultConfiguration": {"level": level(c.default_severity())},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                let _ = write!(text, "\nhelp: {help}");
            }
            let mut location = serde_json::json!({
                "physicalLocation": {"artifactLocation": {"uri": path::slash(&d.path), "uriBaseId": "%SRCROOT%"}}
            });
            if d.line > 0 {
                let mut region = serde_json::json!({"startLine": d.line});
                if d.col > 0 {
                    region["startColumn"] = d.col.into();
                }
                location["physicalLocation"]["region"] = region;
            }
            serde_json::json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0),
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [location],
            })
        })
        .collect();
    let doc = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pobox",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    crate::text::json::to_json_string(&doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    /// A workspace with a LF file, a CRLF file and a file with multibyte characters.
    fn fixture() -> (tempfile::TempDir, Vec<Diagnostic>) {
        let dir = tempfile::tempdir().unwrap();
        let stories = dir.path().join("backlog/stories");
        std::fs::create_dir_all(&stories).unwrap();
        std::fs::write(stories.join("S-3.md"), "---\nid: S-3\ntitle: Pay\npoints: [oops\n---\n").unwrap();
        std::fs::write(stories.join("S-4.md"), "---\r\nid: S-4\r\nstatus: redy\r\n---\r\n").unwrap();
        std::fs::write(
            stories.join("S-5.md"),
            "---\nid: S-5\ntitle: Ünïcödé café\nsprint: SP-9 later\n---\n",
        )
        .unwrap();
        let diags = vec![
            Diagnostic::new(
                Code::YamlSyntax,
                "backlog/stories/S-3.md",
                4,
                9,
                "invalid YAML: unclosed flow sequence",
            )
            .help("close the list with `]`"),
            Diagnostic::new(Code::WrongType, "backlog/stories/S-4.md", 3, 9, "`status: redy` is not a status")
                .help("did you mean `ready`?"),
            Diagnostic::new(Code::WrongType, "backlog/stories/S-5.md", 3, 16, "`café` is not allowed here"),
            Diagnostic::new(
                Code::OutsideKindFolder,
                "backlog/notes.md",
                0,
                0,
                "this file is not in a kind folder",
            )
            .help("move it"),
            Diagnostic::new(Code::Unreadable, "backlog/stories/S-9.md", 2, 3, "cannot read: permission denied"),
        ];
        (dir, diags)
    }

    #[test]
    fn short_is_one_line_each() {
        let (_dir, diags) = fixture();
        assert_eq!(
            short(&diags),
            "backlog/stories/S-3.md:4:9: error[PO004]: invalid YAML: unclosed flow sequence\n\
             backlog/stories/S-4.md:3:9: error[PO009]: `status: redy` is not a status\n\
             backlog/stories/S-5.md:3:16: error[PO009]: `café` is not allowed here\n\
             backlog/notes.md: warning[PO012]: this file is not in a kind folder\n\
             backlog/stories/S-9.md:2:3: error[PO014]: cannot read: permission denied\n"
        );
        assert_eq!(short(&[]), "");
    }

    #[test]
    fn json_is_versioned_with_a_summary() {
        let (_dir, diags) = fixture();
        let out = json(&diags[2..4]);
        assert_eq!(
            out,
            r#"{
  "version": 1,
  "diagnostics": [
    {
      "code": "PO009",
      "severity": "error",
      "path": "backlog/stories/S-5.md",
      "line": 3,
      "col": 16,
      "message": "`café` is not allowed here"
    },
    {
      "code": "PO012",
      "severity": "warning",
      "path": "backlog/notes.md",
      "line": 0,
      "col": 0,
      "message": "this file is not in a kind folder",
      "help": "move it"
    }
  ],
  "summary": {
    "errors": 1,
    "warnings": 1,
    "info": 0
  }
}"#
        );
        let v: serde_json::Value = serde_json::from_str(&json(&diags)).unwrap();
        assert_eq!(v["diagnostics"][0]["help"], "close the list with `]`");
        assert_eq!(v["summary"]["errors"], 4);
    }

    #[test]
    fn human_shows_snippets_with_carets() {
        let (dir, diags) = fixture();
        let out = human(&diags, dir.path(), false);
        assert!(out.contains("error[PO004]: invalid YAML: unclosed flow sequence\n"), "{out}");
        assert!(out.contains(" --> backlog/stories/S-3.md:4:9\n"), "{out}");
        assert!(out.contains("4 | points: [oops\n"), "{out}");
        assert!(out.contains("  |         ^^^^^\n"), "{out}");
        assert!(out.contains("= help: close the list with `]`"), "{out}");
        // CRLF: no `\r` in the output, the caret under `redy`.
        assert!(!out.contains('\r'), "{out:?}");
        assert!(out.contains(" --> backlog/stories/S-4.md:3:9\n"), "{out}");
        assert!(out.contains("3 | status: redy\n  |         ^^^^\n"), "{out}");
        // Multibyte: column 16 is `c` of `café` in characters, not in bytes.
        assert!(out.contains(" --> backlog/stories/S-5.md:3:16\n"), "{out}");
        assert!(out.contains("3 | title: Ünïcödé café\n  |                ^^^^\n"), "{out}");
        // No line: the location alone; unreadable file: location with line and column.
        assert!(
            out.contains("warning[PO012]: this file is not in a kind folder\n--> backlog/notes.md\n"),
            "{out}"
        );
        assert!(out.contains("--> backlog/stories/S-9.md:2:3"), "{out}");
        assert!(!out.contains('\u{1b}'), "plain output has no styles");
        assert!(out.ends_with('\n') && !out.ends_with("\n\n"), "{out:?}");
        assert!(human(&diags, dir.path(), true).contains('\u{1b}'));
        assert_eq!(human(&[], dir.path(), false), "");
    }

    #[test]
    fn underlines_words_in_characters() {
        assert_eq!(underline("a: bb cc", 4), 3..5);
        assert_eq!(underline("é: ü", 4), 4..6);
        assert_eq!(underline("a: b", 3), 2..3, "a space gets one caret");
        assert_eq!(underline("ab", 9), 2..2, "past the end");
        assert_eq!(underline("  key: v  ", 0), 2..8);
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}S-404{}", "z".repeat(1000), "y".repeat(1000));
        let (cut, col) = window(&line, 1001);
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert_eq!(cut.chars().count(), SNIPPET_CHARS + 2);
        assert_eq!(cut.chars().skip(col as usize - 1).take(5).collect::<String>(), "S-404");
        assert_eq!(window("short", 3), ("short".into(), 3));
        let accents = "é".repeat(500);
        let (cut, col) = window(&accents, 2);
        assert_eq!((cut.chars().count(), col), (SNIPPET_CHARS + 1, 2));
    }

    #[test]
    fn github_annotations_show_controls_in_a_file_name() {
        let d = Diagnostic::new(
            Code::YamlSyntax,
            "backlog/stories/S-9-\u{1b}]0;t\u{7}\r\n::error::x.md",
            2,
            1,
            "bad\r\n::error::y",
        );
        let out = github(&[d]);
        assert_eq!(
            out,
            "::error file=backlog/stories/S-9-\u{241b}]0;t\u{2407}  %3A%3Aerror%3A%3Ax.md,line=2,col=1,title=PO004::bad %0A\u{2236}:error::y (yaml-syntax)\n"
        );
    }

    #[test]
    fn summaries() {
        let (_dir, diags) = fixture();
        assert_eq!(summary(&diags), "4 errors, 1 warning");
        assert_eq!(summary(&diags[3..4]), "1 warning");
        assert_eq!(summary(&[]), "no problems");
    }
}
