//! Every `--format` of `pobox validate` on one broken workspace, compared with reviewed
//! snapshots; the exit codes; the escaping that keeps a hostile value from forging a GitHub
//! workflow command; SARIF checked against the official schema; and the YAML examples of
//! `docs/ci.md` checked as what they claim to be.
//!
//! One fixture file name has a `:`, which Windows does not allow: Unix only.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{self, python_tool};

/// A git repository holding a pobox workspace, with its own home folder.
struct Ws {
    dir: tempfile::TempDir,
    home: tempfile::TempDir,
}

/// What a run printed and how it ended.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Ws {
    /// A freshly initialised workspace: no problems.
    fn clean() -> Self {
        let ws = Ws {
            dir: tempfile::tempdir().unwrap(),
            home: tempfile::tempdir().unwrap(),
        };
        support::git(ws.path(), "2026-11-22T10:00:00Z", &["init", "-q", "-b", "main"]);
        let init = ws.run(&["init", "--product", "Corner Shop"], &[]);
        assert_eq!(init.code, 0, "{init:?}");
        ws
    }

    /// Only a warning: a Markdown file outside the kind folders, whose name has the
    /// characters a GitHub property must escape.
    fn with_warning() -> Self {
        let ws = Self::clean();
        ws.write("backlog/odd, 100%: notes.md", "Some notes.\n");
        ws
    }

    /// Four broken stories and the warning.
    fn broken() -> Self {
        let ws = Self::with_warning();
        let body = "\nAs a shopper, I want to pay by card, so that I need no cash.\n\n## Acceptance criteria\n\n- [ ] Given a card, when I pay, then I get a receipt.\n";
        ws.write(
            "backlog/stories/S-1.md",
            &format!("---\nid: S-1\ntitle: Pay by card\npoints: [oops\n---\n{body}"),
        );
        ws.write(
            "backlog/stories/S-2.md",
            &format!("---\nid: S-2\ntitle: Refund\nstatus: draft\npoints: many\n---\n{body}"),
        );
        ws.write(
            "backlog/stories/S-3.md",
            &format!("---\nid: S-3\ntitle: Receipts\n<<<<<<< HEAD\nstatus: ready\n=======\nstatus: draft\n>>>>>>> other\n---\n{body}"),
        );
        // An id with `%`, `,`, `:`, an ANSI escape, CR and LF: it is quoted in a message.
        ws.write(
            "backlog/stories/S-9.md",
            &format!("---\nid: \"S-9%, x: \\e[31mred\\r\\nline two\"\ntitle: \"50%, off: now\"\nstatus: draft\n---\n{body}"),
        );
        ws
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        support::write_file(self.path(), rel, text);
    }

    /// pobox in the workspace, with a pinned date, no colours and not on GitHub Actions
    /// (CI may well be), its own home folder, plus `env`.
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut c = support::pobox(self.path(), "2026-11-22");
        c.args(args).env("HOME", self.home.path()).envs(env.iter().copied());
        let (code, stdout, stderr) = support::outcome(c.output().unwrap());
        Run { code, stdout, stderr }
    }

    fn validate(&self, format: &str) -> Run {
        self.run(&["validate", "--format", format], &[])
    }
}

#[test]
fn human_format() {
    let r = Ws::broken().validate("human");
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "", "human output goes to stderr");
    assert!(!r.stderr.contains('\u{1b}'), "no colour and no raw escape from the file");
    insta::assert_snapshot!("human", r.stderr);
}

#[test]
fn short_format() {
    let r = Ws::broken().validate("short");
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr, "");
    for line in r.stdout.lines() {
        assert!(!line.contains(['\u{1b}', '\r']), "{line:?}");
    }
    insta::assert_snapshot!("short", r.stdout);
}

#[test]
fn json_format() {
    let r = Ws::broken().validate("json");
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["warnings"], 1);
    assert_eq!(
        v["summary"]["errors"].as_u64().unwrap() as usize,
        v["diagnostics"].as_array().unwrap().len() - 1
    );
    insta::assert_snapshot!("json", r.stdout);
}

#[test]
fn github_format() {
    let r = Ws::broken().validate("github");
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("github", r.stdout);
}

#[test]
fn sarif_format() {
    let r = Ws::broken().validate("sarif");
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "pobox");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "{result}");
    }
    // The rules are every rule pobox has and grow with it; the results are this fixture's.
    insta::assert_snapshot!("sarif_results", serde_json::to_string_pretty(results).unwrap());
}

#[test]
fn exit_codes() {
    let clean = Ws::clean();
    for format in ["human", "short", "json", "github", "sarif"] {
        let r = clean.validate(format);
        assert_eq!(r.code, 0, "{format}: {r:?}");
    }
    assert_eq!(clean.run(&["validate"], &[]).stderr, "No problems found.\n");
    assert_eq!(clean.validate("short").stdout, "");
    assert_eq!(clean.validate("github").stdout, "");

    let broken = Ws::broken();
    for format in ["human", "short", "json", "github", "sarif"] {
        assert_eq!(broken.validate(format).code, 1, "{format}");
    }

    let warned = Ws::with_warning();
    let r = warned.run(&["validate"], &[]);
    assert_eq!(r.code, 0, "a warning alone passes: {r:?}");
    assert!(r.stderr.contains("warning[PO012]"), "{r:?}");
    let r = warned.run(&["validate", "--deny", "warnings"], &[]);
    assert_eq!(r.code, 1, "--deny warnings fails on it: {r:?}");
    let r = warned.run(&["validate", "--deny", "warnings", "--format", "github"], &[]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("::warning "), "{r:?}");

    let r = broken.run(&["validate", "--format", "xml"], &[]);
    assert_eq!(r.code, 2, "a wrong option is a usage error: {r:?}");
}

#[test]
fn github_is_the_default_on_github_actions() {
    let ws = Ws::broken();
    let github = ws.validate("github");
    let on_actions = ws.run(&["validate"], &[("GITHUB_ACTIONS", "true")]);
    assert_eq!(on_actions.code, 1);
    assert_eq!(on_actions.stdout, github.stdout);
    assert_eq!(on_actions.stderr, "");
    let chosen = ws.run(&["validate", "--format", "short"], &[("GITHUB_ACTIONS", "true")]);
    assert_eq!(chosen.stdout, ws.validate("short").stdout, "--format wins");
    let elsewhere = ws.run(&["validate"], &[("GITHUB_ACTIONS", "false")]);
    assert_eq!(elsewhere.stdout, "");
    assert!(elsewhere.stderr.contains("error[PO004]"));
}

/// The Actions toolkit's `toCommandValue` escaping, undone: `%25` `%0D` `%0A`, and in
/// properties also `%3A` `%2C`.
fn unescape(s: &str, property: bool) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 3).unwrap_or_else(|| panic!("bare % in {s:?}"));
        out.push(match code {
            "25" => '%',
            "0D" => '\r',
            "0A" => '\n',
            "3A" if property => ':',
            "2C" if property => ',',
            _ => panic!("unknown escape %{code} in {s:?}"),
        });
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

/// Text as the other reporters show it: control characters as visible symbols.
fn visible(s: &str) -> String {
    s.split('\n')
        .map(|l| {
            l.chars()
                .map(|c| match c {
                    '\r' | '\t' => ' ',
                    c if u32::from(c) < 0x20 => char::from_u32(0x2400 + u32::from(c)).unwrap(),
                    c => c,
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn github_escapes_like_the_actions_toolkit() {
    let ws = Ws::broken();
    let github = ws.validate("github").stdout;
    let json: serde_json::Value = serde_json::from_str(&ws.validate("json").stdout).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    let lines: Vec<&str> = github.split('\n').filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), diags.len(), "one command per diagnostic, each on one line:\n{github}");
    assert!(!github.contains('\r') && !github.contains('\u{1b}'), "{github:?}");
    let shape = regex::Regex::new(r"^::(error|warning|notice) (file=[^:,]*(?:,line=\d+(?:,col=\d+)?)?,title=PO\d{3})::(.*)$").unwrap();
    for (line, d) in lines.iter().zip(diags) {
        let caps = shape.captures(line).unwrap_or_else(|| panic!("not a workflow command: {line:?}"));
        let level = match d["severity"].as_str().unwrap() {
            "info" => "notice",
            other => other,
        };
        assert_eq!(&caps[1], level);
        let props: Vec<(&str, String)> = caps[2]
            .split(',')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k, unescape(v, true))
            })
            .collect();
        assert_eq!(props[0], ("file", d["path"].as_str().unwrap().to_owned()), "{line}");
        assert_eq!(props.last().unwrap(), &("title", d["code"].as_str().unwrap().to_owned()));
        let data = unescape(&caps[3], false);
        let message = visible(d["message"].as_str().unwrap());
        assert!(data.starts_with(&format!("{message} (")), "{data:?} should start with {message:?}");
        if let Some(help) = d["help"].as_str() {
            assert!(data.ends_with(&format!("\nhelp: {}", visible(help))), "{data:?}");
        }
    }
    // The hostile ones, spelled out.
    assert!(
        github.contains("::warning file=backlog/odd%2C 100%25%3A notes.md,title=PO012::"),
        "{github}"
    );
    assert!(
        github.contains("`S-9%25, x: \u{241b}[31mred %0Aline two` is not a valid story id"),
        "{github}"
    );
}

/// `check-jsonschema` with these arguments on `file`; panics with its report when the
/// file does not validate.
fn check_jsonschema(tool: &str, schema_args: &[&str], file: &Path) {
    let o = Command::new(tool).args(schema_args).arg(file).output().unwrap();
    assert!(
        o.status.success(),
        "{} does not validate:\n{}{}\n{}",
        file.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
        std::fs::read_to_string(file).unwrap_or_default()
    );
}

#[test]
fn sarif_matches_the_official_schema() {
    let Some(tool) = python_tool("check-jsonschema") else { return };
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json");
    let schema = schema.to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    for (name, ws) in [("broken", Ws::broken()), ("clean", Ws::clean())] {
        let file = out.path().join(format!("{name}.sarif"));
        std::fs::write(&file, ws.validate("sarif").stdout).unwrap();
        check_jsonschema(tool, &["--schemafile", schema], &file);
    }
    // The check can fail: a SARIF log with a level SARIF does not have is refused.
    let bad = out.path().join("bad.sarif");
    let text = std::fs::read_to_string(out.path().join("broken.sarif")).unwrap();
    std::fs::write(&bad, text.replacen("\"level\": \"error\"", "\"level\": \"fatal\"", 1)).unwrap();
    let o = Command::new(tool).args(["--schemafile", schema]).arg(&bad).output().unwrap();
    assert!(!o.status.success(), "the schema check accepts anything");
}

/// The fenced ```yaml blocks of a Markdown file.
fn yaml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_end() == "```yaml" => current = Some(String::new()),
            Some(block) if line.trim_end() == "```" => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    assert!(current.is_none(), "an unclosed ```yaml block");
    blocks
}

#[test]
fn the_yaml_in_docs_ci_md_is_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let blocks = yaml_blocks(&std::fs::read_to_string(root.join("docs/ci.md")).unwrap());
    let manifest: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap()).unwrap();
    let hook_ids: Vec<&str> = manifest.as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();

    let dir = tempfile::tempdir().unwrap();
    let mut checks: Vec<(&str, PathBuf)> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let doc: serde_json::Value = serde_saphyr::from_str(block).unwrap_or_else(|e| panic!("block {i} is not YAML: {e}\n{block}"));
        let file = dir.path().join(format!("block-{i}.yml"));
        std::fs::write(&file, block).unwrap();
        if doc["jobs"].get("report").is_some() {
            // The sprint report workflow: whole history, the documented command, the page kept.
            let steps = doc["jobs"]["report"]["steps"].as_array().unwrap();
            assert!(steps[0]["uses"].as_str().unwrap().starts_with("actions/checkout@"), "{block}");
            assert_eq!(steps[0]["with"]["fetch-depth"], 0, "{block}");
            assert!(
                block.contains("pobox report sprint --current --format html --out sprint.html --summary"),
                "{block}"
            );
            let upload = steps
                .iter()
                .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/upload-artifact@")))
                .unwrap_or_else(|| panic!("no upload-artifact step:\n{block}"));
            assert_eq!(upload["with"]["path"], "sprint.html");
            checks.push(("github-report", file));
        } else if doc.get("jobs").is_some() {
            let steps = doc["jobs"]["validate"]["steps"].as_array().unwrap();
            let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
            assert!(uses.iter().any(|u| u.starts_with("actions/checkout@")), "{block}");
            assert!(uses.iter().any(|u| u.starts_with("github/codeql-action/upload-sarif@")), "{block}");
            assert_eq!(steps[0]["with"]["fetch-depth"], 0, "{block}");
            assert!(block.contains("pobox validate --format github"), "{block}");
            assert!(block.contains("pobox validate --format sarif > pobox.sarif"), "{block}");
            checks.push(("github", file));
        } else if let Some(repos) = doc.get("repos") {
            for hook in repos[0]["hooks"].as_array().unwrap() {
                let id = hook["id"].as_str().unwrap();
                assert!(hook_ids.contains(&id), "`{id}` is not a hook of .pre-commit-hooks.yaml");
            }
            checks.push(("pre-commit", file));
        } else if let Some(job) = doc.get("pobox-validate") {
            assert!(job["script"][0].as_str().unwrap().starts_with("pobox validate"), "{block}");
            assert_eq!(job["artifacts"]["when"], "always");
            checks.push(("gitlab", file));
        } else {
            panic!("block {i} is not a GitHub workflow, a GitLab job or a pre-commit config:\n{block}");
        }
    }
    let kinds: Vec<&str> = checks.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, ["github", "github-report", "gitlab", "pre-commit", "pre-commit"]);

    if let Some(tool) = python_tool("check-jsonschema") {
        for (kind, file) in &checks {
            match *kind {
                "github" | "github-report" => check_jsonschema(tool, &["--builtin-schema", "vendor.github-workflows"], file),
                "gitlab" => check_jsonschema(tool, &["--builtin-schema", "vendor.gitlab-ci"], file),
                _ => {}
            }
        }
    }
    if let Some(tool) = python_tool("pre-commit") {
        for (_, file) in checks.iter().filter(|(k, _)| *k == "pre-commit") {
            let o = Command::new(tool).arg("validate-config").arg(file).output().unwrap();
            assert!(
                o.status.success(),
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }
}
