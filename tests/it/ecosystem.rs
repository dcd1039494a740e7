//! pobox among a user's tools: shell completions, manual pages, global flags (`--color`,
//! `-q`, `-v`, `--workspace`, `--version`) and JSON Schemas.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support;

/// pobox in `dir` with exactly `env` on top of a clean environment for colours.
fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = support::pobox(dir, "2026-11-22");
    c.args(args).env_remove("NO_COLOR").env_remove("CLICOLOR").envs(env.iter().copied());
    support::outcome(c.output().unwrap())
}

/// A program when installed; without it the test says so and passes, except under
/// `CI=true`, where `.ci/run` must have installed it.
fn tool(name: &'static str, install: &str) -> Option<&'static str> {
    if Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Some(name);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "`{name}` is not on PATH, and CI=true requires it: {install}"
    );
    let _ = writeln!(std::io::stderr(), "SKIPPED: `{name}` is not on PATH ({install})");
    None
}

/// The top-level subcommands, as `pobox --help` lists them (without `help`).
fn subcommands() -> Vec<String> {
    let (code, help, _) = run_env(Path::new("."), &["--help"], &[]);
    assert_eq!(code, 0);
    let section = help.split("Commands:").nth(1).unwrap().split("Options:").next().unwrap();
    let names: Vec<String> = section
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|n| n != "help")
        .collect();
    assert!(names.len() > 20, "{names:?}");
    names
}

fn sh(program: &str, script: &str) -> (bool, String, String) {
    let o = Command::new(program)
        .args(["-c", script])
        .env("HOME", "/nonexistent")
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn completion_script(shell: &str, dir: &Path) -> PathBuf {
    let (code, script, err) = run_env(dir, &["completions", shell], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(script.len() > 2000, "{shell}: {script}");
    for sub in subcommands() {
        assert!(script.contains(&sub), "{shell} completion does not mention `{sub}`");
    }
    let path = dir.join(format!("pobox.{shell}"));
    std::fs::write(&path, script).unwrap();
    path
}

#[test]
fn completion_scripts_name_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        completion_script(shell, dir.path());
    }
    let (code, _, err) = run_env(dir.path(), &["completions", "tcsh"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn bash_completes_subcommands_and_options() {
    let Some(bash) = tool("bash", "apt-get install bash") else { return };
    let dir = tempfile::tempdir().unwrap();
    let script = completion_script("bash", dir.path());
    let complete = |line: &str| {
        let words: Vec<&str> = line.split(' ').collect();
        let (ok, out, err) = sh(
            bash,
            &format!(
                "source {}; complete -p pobox >&2; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT={}; _pobox pobox '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                script.display(),
                words.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" "),
                words.len() - 1,
                line.len(),
                words[words.len() - 1],
                words[words.len() - 2],
            ),
        );
        assert!(ok, "{err}");
        assert!(err.contains("-F _pobox pobox"), "{err}");
        let mut got: Vec<String> = out.lines().map(str::to_owned).collect();
        got.sort();
        got
    };
    assert_eq!(complete("pobox st"), ["stakeholder", "status", "story"]);
    assert_eq!(complete("pobox sprint p"), ["plan"]);
    assert!(complete("pobox validate --for").contains(&"--format".to_owned()));
    assert_eq!(complete("pobox validate --format s"), ["sarif", "short"]);
}

#[test]
fn zsh_loads_the_completion() {
    let Some(zsh) = tool("zsh", "apt-get install zsh") else { return };
    let dir = tempfile::tempdir().unwrap();
    let script = completion_script("zsh", dir.path());
    let (ok, _, err) = sh(zsh, &format!("zsh -n {}", script.display()));
    assert!(ok, "{err}");
    // Loaded into compinit, the script registers `_pobox` for `pobox`.
    let (ok, out, err) = sh(
        zsh,
        &format!(
            "autoload -U compinit && compinit -u -d {}/zcd && source {} && print -r -- ${{_comps[pobox]}}",
            dir.path().display(),
            script.display()
        ),
    );
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "_pobox", "{err}");
}

#[test]
fn fish_completes_subcommands() {
    let Some(fish) = tool("fish", "apt-get install fish") else { return };
    let dir = tempfile::tempdir().unwrap();
    let script = completion_script("fish", dir.path());
    let (ok, out, err) = sh(fish, &format!("source {}; complete -C 'pobox st'", script.display()));
    assert!(ok, "{err}");
    let mut got: Vec<&str> = out.lines().filter_map(|l| l.split('\t').next()).collect();
    got.sort_unstable();
    assert_eq!(got, ["stakeholder", "status", "story"], "{out}");
}

#[test]
fn man_pages_render_and_cover_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let (code, roff, err) = run_env(dir.path(), &["man"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(roff.starts_with(".ie \\n(.g .ds Aq") || roff.contains(".TH pobox 1"), "{roff}");
    let subs = subcommands();
    for sub in &subs {
        assert!(
            roff.contains(&format!("{sub}(1)")) || roff.contains(&format!("pobox\\-{sub}")),
            "`{sub}` missing from pobox.1"
        );
    }

    let (code, _, err) = run_env(dir.path(), &["man", "--out", "man"], &[]);
    assert_eq!(code, 0, "{err}");
    let mut pages: Vec<String> = std::fs::read_dir(dir.path().join("man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    for sub in &subs {
        assert!(pages.contains(&format!("pobox-{sub}.1")), "no page for {sub}: {pages:?}");
    }
    for page in ["pobox.1", "pobox-story-new.1", "pobox-report-sprint.1", "pobox-hooks-install.1"] {
        assert!(pages.contains(&page.to_owned()), "{page} missing: {pages:?}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("man/pobox.1")).unwrap(),
        roff,
        "--out writes what stdout shows"
    );

    let Some(groff) = tool("groff", "apt-get install groff-base") else {
        return;
    };
    let rendered = |page: &str| {
        let o = Command::new(groff)
            .args(["-k", "-man", "-Tutf8", "-ww"])
            .arg(dir.path().join("man").join(page))
            .env("GROFF_NO_SGR", "1")
            .output()
            .unwrap();
        assert!(o.status.success());
        let warnings = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(warnings.is_empty(), "groff warns about {page}: {warnings}");
        // Strip overstriking (bold, underline) that groff uses on a terminal.
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        let mut plain = String::new();
        for c in text.chars() {
            if c == '\u{8}' {
                plain.pop();
            } else {
                plain.push(c);
            }
        }
        plain
    };
    let main = rendered("pobox.1");
    assert!(
        main.contains("NAME") && main.contains("SYNOPSIS") && main.contains("--workspace"),
        "{main}"
    );
    for sub in &subs {
        assert!(
            main.contains(&format!("pobox-{sub}(1)")),
            "`{sub}` missing from the rendered pobox.1"
        );
    }
    let story = rendered("pobox-story-new.1");
    assert!(story.contains("--epic") && story.contains("pobox-story-new"), "{story}");
}

/// A workspace whose one story has a wrong value, so `validate` prints a diagnostic.
fn broken_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    support::git(dir.path(), "2026-11-01T10:00:00", &["init", "-q", "-b", "main"]);
    let (code, _, err) = support::pobox_on(dir.path(), "2026-11-22", &["init", "--product", "Shop"]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(
        dir.path().join("backlog/stories/S-1.md"),
        "---\nid: S-1\ntitle: Pay\nstatus: draft\npoints: five\n---\nAs a shopper I want to pay so that I can leave.\n",
    )
    .unwrap();
    dir
}

#[test]
fn colours_follow_the_flag_then_no_color_and_clicolor_force() {
    let ws = broken_workspace();
    let colored = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["validate"];
        all.extend(args);
        let (code, _, err) = run_env(ws.path(), &all, env);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("PO009"), "{err}");
        err.contains('\u{1b}')
    };
    // Not a terminal: no colour by default.
    assert!(!colored(&[], &[]));
    assert!(!colored(&["--color", "auto"], &[("NO_COLOR", "1")]));
    assert!(colored(&["--color", "auto"], &[("CLICOLOR_FORCE", "1")]));
    assert!(!colored(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]));
    assert!(colored(&["--color", "always"], &[("NO_COLOR", "1")]));
    assert!(colored(&["--color", "always"], &[]));
    // NO_COLOR wins over CLICOLOR_FORCE when the flag leaves it to them.
    assert!(!colored(&[], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]));
}

#[test]
fn quiet_keeps_data_and_errors_and_verbose_says_what_was_read() {
    let ws = broken_workspace();
    let dir = ws.path();
    let (code, out, err) = run_env(dir, &["-q", "story", "new", "Refunds"], &[]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    assert!(dir.join("backlog/stories/S-2.md").is_file());
    let (code, out, _) = run_env(dir, &["story", "new", "Receipts"], &[]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Created S-3 "), "{out}");

    let (code, out, _) = run_env(dir, &["set", "S-2", "points=3", "--quiet"], &[]);
    assert_eq!((code, out.as_str()), (0, ""));
    // Data is still printed, errors still shown.
    let (code, out, _) = run_env(dir, &["-q", "story", "list", "--format", "csv"], &[]);
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l.starts_with("S-2,") && l.contains(",Refunds,")), "{out}");
    let (code, _, err) = run_env(dir, &["-q", "show", "S-99"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("S-99"), "{err}");
    let (code, _, err) = run_env(dir, &["-q", "validate"], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("PO009"), "{err}");
    assert!(run_env(dir, &["-q", "-v", "status"], &[]).2.contains("cannot be used with"));

    // The parse cache keys files by their git blob: stage them, read them once to fill it.
    support::git(dir, "2026-11-22T10:00:00", &["add", "-A"]);
    run_env(dir, &["status"], &[]);
    let (code, out, err) = run_env(dir, &["-v", "status"], &[]);
    assert_eq!(code, 1, "status finds the broken story: {err}");
    assert!(!out.contains("pobox:"), "verbose output goes to stderr: {out}");
    let root = std::path::absolute(dir).unwrap();
    assert!(
        err.contains(&format!(
            "pobox: workspace {} (found above the current folder); settings ",
            root.display()
        )),
        "{err}"
    );
    assert!(err.contains("pobox: read 3 item(s) from the working tree in "), "{err}");
    // The run before cached the two good files (the broken one is never cached).
    assert!(err.contains("1 diagnostic(s); 2 from the parse cache)"), "{err}");
    let (_, _, err) = run_env(dir, &["-v", "status"], &[("POBOX_NO_CACHE", "1")]);
    assert!(err.contains("1 diagnostic(s); parse cache off)"), "{err}");
    assert!(!err.contains("items per kind"), "{err}");
    let (_, _, err) = run_env(dir, &["-vv", "status"], &[]);
    assert!(err.contains("pobox: items per kind: stories=3 epics=0"), "{err}");
}

#[test]
fn version_names_the_git_revision_it_was_built_from() {
    let (code, out, _) = run_env(Path::new("."), &["--version"], &[]);
    assert_eq!(code, 0);
    let re = regex::Regex::new(r"^pobox (\d+\.\d+\.\d+)(?: \(([0-9a-f]{7,})(-dirty)? (\d{4}-\d{2}-\d{2})\))?\n$").unwrap();
    let caps = re.captures(&out).unwrap_or_else(|| panic!("unexpected --version: {out:?}"));
    assert_eq!(&caps[1], env!("CARGO_PKG_VERSION"));
    // Built from a git checkout (as tests are), the revision is there and is this one's.
    let manifest = env!("CARGO_MANIFEST_DIR");
    let head = Command::new("git").args(["-C", manifest, "rev-parse", "HEAD"]).output().unwrap();
    if head.status.success() {
        let head = String::from_utf8(head.stdout).unwrap();
        let rev = caps.get(2).unwrap_or_else(|| panic!("no revision in {out:?}")).as_str();
        assert!(head.starts_with(rev), "{rev} is not {head}");
    }
    let (_, sub, _) = run_env(Path::new("."), &["story", "--version"], &[]);
    assert_eq!(sub, out.replacen("pobox", "pobox-story", 1));
}

/// Every command that works on a workspace, run from an unrelated folder with
/// `--workspace`; the test fails when a new subcommand is not in the table.
#[test]
fn workspace_flag_works_for_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = support::pobox_on(tmp.path(), "2026-11-22", &["demo", "shop"]);
    assert_eq!(code, 0, "{err}");
    let ws = tmp.path().join("shop");
    let ws_arg = ws.to_str().unwrap();
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let elsewhere = elsewhere.as_path();

    let no_workspace = ["demo", "completions", "man", "schema"];
    let jira = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jira-csv/retail-sprint-1.csv");
    let jira = jira.to_str().unwrap().to_owned();
    let site = tmp.path().join("site-out").to_str().unwrap().to_owned();
    let table: &[(&str, &[&[&str]])] = &[
        (
            "story",
            &[
                &["story", "list"],
                &["story", "new", "From afar"],
                &["story", "move", "S-1", "done"],
            ],
        ),
        ("epic", &[&["epic", "list"], &["epic", "new", "Far epic"]]),
        ("stakeholder", &[&["stakeholder", "list"], &["stakeholder", "new", "faraway"]]),
        ("meeting", &[&["meeting", "list"], &["meeting", "new", "retrospective"]]),
        (
            "sprint",
            &[
                &["sprint", "list"],
                &["sprint", "new", "--start", "2026-11-30"],
                &["sprint", "plan"],
            ],
        ),
        ("risk", &[&["risk", "list"], &["risk", "new", "Far risk"]]),
        ("decision", &[&["decision", "list"], &["decision", "new", "Far decision"]]),
        ("show", &[&["show", "E-1"]]),
        ("search", &[&["search", "card"]]),
        ("set", &[&["set", "S-2", "points=3"]]),
        ("validate", &[&["validate"]]),
        ("prioritize", &[&["prioritize"]]),
        ("report", &[&["report", "sprint"], &["report", "actions"], &["report", "epics"]]),
        ("hooks", &[&["hooks", "install"], &["hooks", "uninstall"]]),
        ("board", &[&["board"]]),
        ("history", &[&["history", "S-1"]]),
        ("metrics", &[&["metrics"]]),
        ("forecast", &[&["forecast", "--items", "5"]]),
        ("status", &[&["status"]]),
        ("fmt", &[&["fmt", "--check"]]),
        ("import", &[&["import", "csv", &jira, "--dry-run"]]),
        ("export", &[&["export", "json"]]),
        ("site", &[&["site", "--out", &site]]),
        // Last: it makes the unrelated folder a workspace.
        ("init", &[&["init"]]),
    ];
    for sub in subcommands() {
        assert!(
            no_workspace.contains(&sub.as_str()) || table.iter().any(|(s, _)| *s == sub),
            "`pobox {sub}` is not in this test's table; add it"
        );
    }
    for (_, runs) in table {
        for args in *runs {
            let mut all = vec!["--workspace", ws_arg];
            all.extend_from_slice(args);
            let (code, _, err) = support::pobox_on(elsewhere, "2026-11-22", &all);
            assert!(
                code == 0 || (code == 1 && args[0] == "validate"),
                "pobox {args:?} exited {code}: {err}"
            );
            // The same without --workspace fails: nothing was found by accident.
            let (code, _, err) = support::pobox_on(elsewhere, "2026-11-22", args);
            if args[0] != "init" {
                assert_eq!(code, 2, "pobox {args:?} without --workspace: {err}");
                assert!(err.contains("pobox init"), "{err}");
            }
        }
    }
    // Nothing was created in the unrelated folder but what `init` without --workspace made.
    let made_here = |e: std::io::Result<std::fs::DirEntry>| e.unwrap().path().extension().is_some_and(|x| x == "md");
    assert!(!elsewhere.join("backlog/stories").read_dir().unwrap().any(made_here));
    let mentions = |e: std::io::Result<std::fs::DirEntry>| std::fs::read_to_string(e.unwrap().path()).unwrap().contains("title: Far epic");
    assert!(
        ws.join("backlog/epics").read_dir().unwrap().any(mentions),
        "the epic was created in the workspace"
    );
}

// ---- JSON Schemas ----

const KINDS: [&str; 7] = ["story", "epic", "stakeholder", "meeting", "sprint", "risk", "decision"];
/// Every schema: the kinds, then pobox.yaml's.
const NAMES: [&str; 8] = ["story", "epic", "stakeholder", "meeting", "sprint", "risk", "decision", "config"];

#[test]
fn committed_schemas_are_up_to_date() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema");
    let update = std::env::var_os("UPDATE_SCHEMA").is_some_and(|v| v == "1");
    let (code, list, _) = run_env(Path::new("."), &["schema"], &[]);
    assert_eq!(code, 0);
    assert_eq!(list.lines().collect::<Vec<_>>(), NAMES);
    for kind in NAMES {
        let (code, schema, err) = run_env(Path::new("."), &["schema", kind], &[]);
        assert_eq!(code, 0, "{err}");
        let path = docs.join(format!("{kind}.schema.json"));
        if update {
            std::fs::create_dir_all(&docs).unwrap();
            std::fs::write(&path, &schema).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == schema,
            "{} differs from `pobox schema {kind}`; rerun `pobox schema --out docs/schema` (or UPDATE_SCHEMA=1 cargo test --test it ecosystem::) and commit it",
            path.display()
        );
    }
    let out = tempfile::tempdir().unwrap();
    let (code, _, err) = run_env(out.path(), &["schema", "--out", "s"], &[]);
    assert_eq!(code, 0, "{err}");
    for kind in NAMES {
        assert_eq!(
            std::fs::read(out.path().join(format!("s/{kind}.schema.json"))).unwrap(),
            std::fs::read(docs.join(format!("{kind}.schema.json"))).unwrap()
        );
    }
    let (code, _, err) = run_env(Path::new("."), &["schema", "sprints-and-more"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("choose one of story, epic"), "{err}");
}

/// Each item file's front-matter as a JSON file named after it in `into`, by kind.
fn front_matter_as_json(backlog: &Path, into: &Path) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for kind in KINDS {
        let folder = backlog.join(pobox::model::kind::Kind::parse(kind).unwrap().folder());
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for e in entries {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let split = pobox::parse::frontmatter::split(&text).unwrap();
            let node = pobox::parse::yaml::parse(&text[split.yaml]).unwrap();
            let json = into.join(format!("{kind}-{}.json", path.file_stem().unwrap().to_string_lossy()));
            std::fs::write(&json, serde_json::to_string_pretty(&node.value.to_json()).unwrap()).unwrap();
            files.push((kind.to_owned(), json));
        }
    }
    files
}

fn check_jsonschema(tool: &str, schema: &Path, files: &[&PathBuf]) -> (bool, String) {
    let o = Command::new(tool).arg("--schemafile").arg(schema).args(files).output().unwrap();
    (
        o.status.success(),
        format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)),
    )
}

#[test]
fn example_workspace_matches_the_schemas_by_an_independent_validator() {
    let Some(tool) = tool("check-jsonschema", "python3 -m pip install check-jsonschema") else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = root.join("docs/schema");
    let o = Command::new(tool)
        .arg("--check-metaschema")
        .args(NAMES.map(|k| docs.join(format!("{k}.schema.json"))))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));

    let tmp = tempfile::tempdir().unwrap();
    let mut files = front_matter_as_json(&root.join("examples/corner-shop/backlog"), tmp.path());
    // The demo's example has no decisions (its history is a script of its own); a
    // catalogue case's sound pair stands in.
    files.extend(front_matter_as_json(
        &root.join("tests/catalogue/PO402-supersedes-not-superseded/backlog"),
        tmp.path(),
    ));
    for kind in KINDS {
        let of_kind: Vec<&PathBuf> = files.iter().filter(|(k, _)| k == kind).map(|(_, p)| p).collect();
        assert!(!of_kind.is_empty(), "the example has no {kind}");
        let (ok, report) = check_jsonschema(tool, &docs.join(format!("{kind}.schema.json")), &of_kind);
        assert!(ok, "{kind}: {report}");
    }

    // pobox.yaml: the example's, the one `pobox init` writes, and wrong ones (YAML, read by
    // check-jsonschema itself).
    let config_schema = docs.join("config.schema.json");
    let init = tmp.path().join("init");
    let (code, _, err) = support::pobox_on(tmp.path(), "2026-11-22", &["init", "init", "--product", "Shop"]);
    assert_eq!(code, 0, "{err}");
    for file in [root.join("examples/corner-shop/pobox.yaml"), init.join("pobox.yaml")] {
        let (ok, report) = check_jsonschema(tool, &config_schema, &[&file]);
        assert!(ok, "{}: {report}", file.display());
    }
    for (yaml, ok) in [
        (
            "product: Shop\nformat: {key_order: {story: [id, title]}, list_style: block}\nteam: x\n",
            true,
        ),
        ("product: Shop\nrules: {PO305: error, missing-title: off}\nformat:\n", true),
        ("product: Shop\nrules: {PO999: off}\n", false),
        ("product: Shop\nrules: {PO305: loud}\n", false),
        ("product: Shop\nformat: {list_style: compact}\n", false),
        ("product: Shop\nformat: {indent: 2}\n", false),
        ("product: Shop\nestimate_scale: [1, two]\n", false),
        ("product: Shop\nstatuses: todo\n", false),
        (
            "product: Shop\nstatuses: [todo, qa, accepted]\nstatus_categories: {qa: in-progress, accepted: done}\n",
            true,
        ),
        ("product: Shop\nstatus_categories: {qa: testing}\n", false),
    ] {
        let file = tmp.path().join("pobox.yaml");
        std::fs::write(&file, yaml).unwrap();
        let (valid, report) = check_jsonschema(tool, &config_schema, &[&file]);
        assert_eq!(valid, ok, "{yaml}: {report}");
        // pobox agrees.
        std::fs::write(init.join("pobox.yaml"), yaml).unwrap();
        let (code, _, err) = support::pobox_on(&init, "2026-11-22", &["fmt", "--check"]);
        assert_eq!(code == 0, ok, "pobox on {yaml}: {err}");
    }

    // And the schemas refuse what pobox refuses, while allowing unknown fields.
    let bad = tmp.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    for (kind, yaml, ok) in [
        ("story", "id: S-1\ntitle: T\npoints: five\n", false),
        ("story", "id: S-1\ntitle: T\nlabels: web\n", false),
        ("story", "title: T\n", false),
        ("story", "id: S-1\ntitle: T\ncreated: 2026-13-45x\n", false),
        ("story", "id: S-1\ntitle: T\nmoscow: Must\n", false),
        ("story", "id: S-1\ntitle: T\nteam: blue\npoints:\n", true),
        ("risk", "id: R-1\ntitle: T\nlikelihood: 6\n", false),
        ("sprint", "id: SP-1\ntitle: T\ngoal_met: yes please\n", false),
        ("meeting", "id: m\ntitle: T\ntype: sprint-review\ndate: 2026-11-02\n", true),
    ] {
        let file = bad.join("item.json");
        let node = pobox::parse::yaml::parse(yaml).unwrap();
        std::fs::write(&file, node.value.to_json().to_string()).unwrap();
        let (valid, report) = check_jsonschema(tool, &docs.join(format!("{kind}.schema.json")), &[&file]);
        assert_eq!(valid, ok, "{kind} {yaml}: {report}");
    }
}
