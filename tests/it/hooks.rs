//! The pre-commit hook as a user meets it: `pobox hooks install`, then real `git commit`s in
//! temporary repositories, and the same check run by the pre-commit framework.
//!
//! The hook is a `sh` script, so these tests run where git hooks do: on Unix.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{self, POBOX, python_tool};

const GOOD_STORY: &str = "---\nid: S-1\ntitle: Pay by card\nstatus: draft\n---\n\
    As a shopper, I want to pay by card, so that I need no cash.\n";
const BROKEN_STORY: &str = "---\nid: S-1\ntitle: Pay by card\npoints: [oops\n---\n";

/// A git repository with a committed pobox workspace, its own home folder, and `pobox` on
/// `PATH` the way a user who installed it has it.
struct Repo {
    dir: tempfile::TempDir,
    home: tempfile::TempDir,
    /// Where `pobox.yaml` is, relative to the work tree.
    workspace: PathBuf,
}

impl Repo {
    fn new() -> Self {
        Self::with_workspace_in("")
    }

    /// A repository whose workspace is the folder `sub` of the work tree.
    fn with_workspace_in(sub: &str) -> Self {
        let r = Repo {
            dir: tempfile::tempdir().unwrap(),
            home: tempfile::tempdir().unwrap(),
            workspace: PathBuf::from(sub),
        };
        r.git(&["init", "-q", "-b", "main"]);
        r.git(&["config", "user.name", "Pat Product"]);
        r.git(&["config", "user.email", "pat@example.com"]);
        r.git(&["config", "commit.gpgsign", "false"]);
        let ws = r.path().join(sub);
        std::fs::create_dir_all(&ws).unwrap();
        r.run_in(&ws, POBOX, &["init", "--product", "Corner Shop"]).success();
        r.git(&["add", "-A"]);
        r.git(&["commit", "-q", "--no-verify", "-m", "Start the backlog"]);
        r
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `rel` inside the workspace.
    fn ws(&self, rel: &str) -> PathBuf {
        self.path().join(&self.workspace).join(rel)
    }

    /// A command with the pinned environment: no system or user git configuration, a
    /// pinned date, no colours, and nothing from a git hook that may be running the tests.
    fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        support::pin(&mut c, self.home.path(), "2026-11-22")
            .current_dir(self.path())
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"))
            .env("XDG_CACHE_HOME", self.home.path().join(".cache"))
            .env("GIT_AUTHOR_DATE", "2026-11-22T10:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-11-22T10:00:00Z")
            .env("PATH", path_with_pobox())
            .env_remove("POBOX_SKIP")
            .env_remove("PRE_COMMIT_HOME")
            .env_remove("SKIP");
        c
    }

    fn run_in(&self, dir: &Path, program: &str, args: &[&str]) -> Ran {
        Ran(
            self.command(program).current_dir(dir).args(args).output().unwrap(),
            format!("{program} {args:?}"),
        )
    }

    fn git(&self, args: &[&str]) -> String {
        self.run_in(self.path(), "git", args).success()
    }

    /// `pobox` run from the workspace.
    fn pobox(&self, args: &[&str]) -> Ran {
        self.run_in(&self.ws(""), POBOX, args)
    }

    /// `git commit` of everything staged, hooks and all.
    fn commit(&self, message: &str) -> Ran {
        self.run_in(self.path(), "git", &["commit", "-m", message])
    }

    fn commit_with(&self, env: &[(&str, &str)], message: &str) -> Ran {
        let mut c = self.command("git");
        c.args(["commit", "-m", message]);
        for (k, v) in env {
            c.env(k, v);
        }
        Ran(c.output().unwrap(), "git commit".into())
    }

    fn commits(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"]).trim().parse().unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn story(&self, text: &str) {
        let p = self.ws("backlog/stories/S-1.md");
        std::fs::write(p, text).unwrap();
    }

    fn stage_story(&self, text: &str) {
        self.story(text);
        self.git(&["add", "-A"]);
    }

    /// A hook that is not pobox's: it appends a line to `ran` in the home folder, then exits
    /// with `code`.
    fn foreign_hook(&self, at: &Path, code: i32) -> String {
        let text = format!("#!/bin/sh\necho foreign >> \"$HOME/ran\"\nexit {code}\n");
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::fs::write(at, &text).unwrap();
        std::fs::set_permissions(at, std::fs::Permissions::from_mode(0o755)).unwrap();
        text
    }

    fn foreign_runs(&self) -> usize {
        std::fs::read_to_string(self.home.path().join("ran")).map_or(0, |s| s.lines().count())
    }

    fn hook(&self) -> PathBuf {
        self.path().join(".git/hooks/pre-commit")
    }
}

/// `PATH` with the `pobox` under test first.
pub(crate) fn path_with_pobox() -> std::ffi::OsString {
    let dir = Path::new(POBOX).parent().unwrap().to_path_buf();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(dir).chain(std::env::split_paths(&rest))).unwrap()
}

/// `PATH` without any folder that has a `pobox`.
fn path_without_pobox() -> std::ffi::OsString {
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::env::split_paths(&rest).filter(|d| !d.join("pobox").exists())).unwrap()
}

/// A finished process, with what ran for messages.
struct Ran(Output, String);

impl Ran {
    fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    fn all(&self) -> String {
        format!("{}{}", self.stdout(), self.stderr())
    }
    #[track_caller]
    fn success(&self) -> String {
        assert_eq!(self.code(), 0, "{} failed:\n{}", self.1, self.all());
        self.stdout()
    }
    #[track_caller]
    fn failure(&self, code: i32) -> String {
        assert_eq!(self.code(), code, "{}: expected exit {code}:\n{}", self.1, self.all());
        self.all()
    }
}

#[test]
fn a_broken_story_stops_the_commit_and_a_good_one_goes_through() {
    let r = Repo::new();
    let out = r.pobox(&["hooks", "install"]).success();
    assert!(out.contains("Installed the pobox pre-commit hook: .git/hooks/pre-commit"), "{out}");
    assert!(out.contains("POBOX_SKIP=1"), "{out}");
    assert_eq!(std::fs::metadata(r.hook()).unwrap().permissions().mode() & 0o777, 0o755);
    let before = r.commits();

    r.stage_story(BROKEN_STORY);
    let out = r.commit("Add S-1").failure(1);
    assert!(out.contains("error[PO004]"), "{out}");
    assert!(out.contains("backlog/stories/S-1.md:4:9"), "{out}");
    assert_eq!(r.commits(), before, "nothing was committed");
    assert!(
        r.git(&["diff", "--cached", "--name-only"]).contains("backlog/stories/S-1.md"),
        "still staged"
    );

    r.stage_story(GOOD_STORY);
    r.commit("Add S-1").success();
    assert_eq!(r.commits(), before + 1);
    assert_eq!(r.git(&["show", "HEAD:backlog/stories/S-1.md"]), GOOD_STORY);
}

/// Needs `validate --staged` to read the index.
#[test]
fn the_hook_checks_what_is_staged_not_the_working_tree() {
    let r = Repo::new();
    r.pobox(&["hooks", "install"]).success();
    let before = r.commits();

    // Broken in the index, fixed only in the working tree: the commit would record the
    // broken file, so it is refused.
    r.stage_story(BROKEN_STORY);
    r.story(GOOD_STORY);
    let out = r.commit("Add S-1").failure(1);
    assert!(out.contains("error[PO004]"), "{out}");
    assert_eq!(r.commits(), before);

    // Good in the index, broken only in the working tree: the commit records the good file.
    r.stage_story(GOOD_STORY);
    r.story(BROKEN_STORY);
    r.commit("Add S-1").success();
    assert_eq!(r.git(&["show", "HEAD:backlog/stories/S-1.md"]), GOOD_STORY);
}

/// Needs `validate --staged` to read the index git hands the hook in `GIT_INDEX_FILE`:
/// `commit -a` and `commit <path>` build a temporary index, and `.git/index` is not what
/// they commit.
#[test]
fn commit_all_and_commit_of_paths_check_what_they_commit() {
    let r = Repo::new();
    r.pobox(&["hooks", "install"]).success();
    r.stage_story(GOOD_STORY);
    r.commit("Add S-1").success();
    let before = r.commits();

    // Broken in the working tree only: `-a` and `-- path` would commit it.
    r.story(BROKEN_STORY);
    let out = r.run_in(r.path(), "git", &["commit", "-a", "-m", "Break S-1"]).failure(1);
    assert!(out.contains("error[PO004]"), "{out}");
    let out = r
        .run_in(r.path(), "git", &["commit", "-m", "Break S-1", "--", "backlog/stories/S-1.md"])
        .failure(1);
    assert!(out.contains("error[PO004]"), "{out}");
    assert_eq!(r.commits(), before);

    // Broken in the index, good in the working tree: `-a` commits the good one.
    r.stage_story(BROKEN_STORY);
    r.story(&GOOD_STORY.replace("Pay by card", "Pay by phone"));
    r.run_in(r.path(), "git", &["commit", "-a", "-m", "Retitle S-1"]).success();
    assert_eq!(r.commits(), before + 1);
}

#[test]
fn the_install_example_in_docs_ci_md_is_what_pobox_prints() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci.md")).unwrap();
    let start = docs
        .find("```console\n$ pobox hooks install\n")
        .expect("the example is in docs/ci.md");
    let example = &docs[start + "```console\n$ pobox hooks install\n".len()..];
    let example = &example[..example.find("```").unwrap()];
    let r = Repo::new();
    assert_eq!(r.pobox(&["hooks", "install"]).success(), example);
}

#[test]
fn skipping_and_a_missing_pobox_are_explained() {
    let r = Repo::new();
    r.pobox(&["hooks", "install"]).success();
    r.stage_story(BROKEN_STORY);
    let before = r.commits();

    let binding = path_without_pobox();
    let path = binding.to_str().unwrap();
    let out = r.commit_with(&[("PATH", path)], "Add S-1").failure(1);
    assert!(out.contains("`pobox` is not on PATH"), "{out}");
    assert!(out.contains("POBOX_SKIP=1 git commit"), "{out}");
    assert!(out.contains("--no-verify"), "{out}");
    assert_eq!(r.commits(), before);

    let out = r.commit_with(&[("POBOX_SKIP", "1")], "Add S-1 anyway").success();
    assert_eq!(r.commits(), before + 1, "{out}");
    r.stage_story(GOOD_STORY);
    r.commit_with(&[("POBOX_SKIP", "0")], "Fix S-1").success();
}

#[test]
fn core_hooks_path_is_honoured() {
    let r = Repo::new();
    r.git(&["config", "core.hooksPath", ".githooks"]);
    let out = r.pobox(&["hooks", "install"]).success();
    assert!(out.contains(".githooks/pre-commit"), "{out}");
    assert!(r.path().join(".githooks/pre-commit").is_file());
    assert!(!r.hook().exists());
    r.stage_story(BROKEN_STORY);
    let out = r.commit("Add S-1").failure(1);
    assert!(out.contains("error[PO004]"), "{out}");

    // An absolute hooks path, outside the work tree.
    let elsewhere = r.home.path().join("hooks");
    r.git(&["config", "core.hooksPath", elsewhere.to_str().unwrap()]);
    r.pobox(&["hooks", "install"]).success();
    assert!(elsewhere.join("pre-commit").is_file());
    r.commit("Add S-1").failure(1);
    r.pobox(&["hooks", "uninstall"]).success();
    assert!(!elsewhere.join("pre-commit").exists());
    r.commit("Add S-1").success();
}

#[test]
fn a_workspace_below_the_work_tree_root_is_found_by_the_hook() {
    let r = Repo::with_workspace_in("product/backlog-ws");
    r.pobox(&["hooks", "install"]).success();
    let hook = std::fs::read_to_string(r.hook()).unwrap();
    // The hook names no workspace: it finds the ones each commit changes.
    assert!(hook.contains("pobox validate --staged --all-workspaces\n"), "{hook}");
    r.stage_story(BROKEN_STORY);
    let out = r.commit("Add S-1").failure(1);
    assert!(out.contains("error[PO004]"), "{out}");
    r.stage_story(GOOD_STORY);
    r.commit("Add S-1").success();
}

#[test]
fn linked_worktrees_share_the_repository_hook() {
    let r = Repo::new();
    let wt = r.home.path().join("feature-wt");
    r.git(&["worktree", "add", "-q", "-b", "feature", wt.to_str().unwrap()]);
    let out = r.run_in(&wt, POBOX, &["hooks", "install"]).success();
    assert!(out.contains("Installed"), "{out}");
    assert!(r.hook().is_file(), "the hook is in the main repository's hooks folder:\n{out}");
    std::fs::write(wt.join("backlog/stories/S-1.md"), BROKEN_STORY).unwrap();
    r.run_in(&wt, "git", &["add", "-A"]).success();
    let out = r.run_in(&wt, "git", &["commit", "-m", "Add S-1"]).failure(1);
    assert!(out.contains("error[PO004]"), "{out}");
}

#[test]
fn reinstalling_updates_pobox_hook_only() {
    let r = Repo::new();
    r.pobox(&["hooks", "install"]).success();
    let out = r.pobox(&["hooks", "install"]).success();
    assert!(out.contains("already installed and up to date"), "{out}");
    // An older version of pobox's hook is replaced without a question.
    std::fs::write(r.hook(), "#!/bin/sh\n# pobox-managed-hook v0\nexit 0\n").unwrap();
    let out = r.pobox(&["hooks", "install"]).success();
    assert!(out.starts_with("Updated the pobox pre-commit hook"), "{out}");
    assert!(std::fs::read_to_string(r.hook()).unwrap().contains("# pobox-managed-hook v2\n"));
    assert!(!r.path().join(".git/hooks/pre-commit.pobox-backup").exists());
}

#[test]
fn a_foreign_hook_is_refused_and_left_alone() {
    let r = Repo::new();
    let theirs = r.foreign_hook(&r.hook(), 0);
    let out = r.pobox(&["hooks", "install"]).failure(2);
    assert!(out.contains(".git/hooks/pre-commit exists and was not installed by pobox"), "{out}");
    assert!(out.contains("--chain") && out.contains("--force"), "{out}");
    let out = r.pobox(&["hooks", "uninstall"]).failure(2);
    assert!(out.contains("was not installed by pobox; it was left alone"), "{out}");
    assert_eq!(std::fs::read_to_string(r.hook()).unwrap(), theirs);
    let out = r.pobox(&["hooks", "install", "--force", "--chain"]).failure(2);
    assert!(out.contains("cannot be used with"), "{out}");
}

#[test]
fn force_keeps_a_backup_that_uninstall_puts_back() {
    let r = Repo::new();
    let theirs = r.foreign_hook(&r.hook(), 0);
    let out = r.pobox(&["hooks", "install", "--force"]).success();
    assert!(out.contains("kept as .git/hooks/pre-commit.pobox-backup"), "{out}");
    let backup = r.path().join(".git/hooks/pre-commit.pobox-backup");
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), theirs);

    r.stage_story(BROKEN_STORY);
    r.commit("Add S-1").failure(1);
    r.stage_story(GOOD_STORY);
    r.commit("Add S-1").success();
    assert_eq!(r.foreign_runs(), 0, "a replaced hook does not run");

    let out = r.pobox(&["hooks", "uninstall"]).success();
    assert!(out.contains("put back"), "{out}");
    assert_eq!(std::fs::read_to_string(r.hook()).unwrap(), theirs);
    assert_eq!(std::fs::metadata(r.hook()).unwrap().permissions().mode() & 0o777, 0o755);
    assert!(!backup.exists());
    r.stage_story(BROKEN_STORY);
    r.commit("Break S-1 without pobox").success();
    assert_eq!(r.foreign_runs(), 1);
}

#[test]
fn chain_runs_the_foreign_hook_first_and_needs_both_to_pass() {
    let r = Repo::new();
    let theirs = r.foreign_hook(&r.hook(), 0);
    let out = r.pobox(&["hooks", "install", "--chain"]).success();
    assert!(out.contains(".git/hooks/pre-commit.pobox-chained and runs first"), "{out}");
    let chained = r.path().join(".git/hooks/pre-commit.pobox-chained");

    r.stage_story(GOOD_STORY);
    r.commit("Add S-1").success();
    assert_eq!(r.foreign_runs(), 1);

    r.stage_story(BROKEN_STORY);
    let out = r.commit("Break S-1").failure(1);
    assert!(out.contains("error[PO004]"), "{out}");
    assert_eq!(r.foreign_runs(), 2);

    // The chained hook fails: the commit stops there, whatever the backlog.
    r.foreign_hook(&chained, 3);
    r.stage_story(GOOD_STORY.replace("Pay by card", "Pay by phone").as_str());
    let out = r.commit("Retitle S-1").failure(1);
    assert!(!out.contains("No problems found"), "pobox did not run after the failure:\n{out}");
    assert_eq!(r.foreign_runs(), 3);
    std::fs::write(&chained, &theirs).unwrap();

    let out = r.pobox(&["hooks", "uninstall"]).success();
    assert!(out.contains("put back"), "{out}");
    assert_eq!(std::fs::read_to_string(r.hook()).unwrap(), theirs);
    assert!(!chained.exists());
    let out = r.pobox(&["hooks", "uninstall"]).failure(2);
    assert!(out.contains("not installed by pobox"), "{out}");
}

#[test]
fn uninstall_without_a_hook_does_nothing() {
    let r = Repo::new();
    let out = r.pobox(&["hooks", "uninstall"]).success();
    assert!(out.contains("nothing to do"), "{out}");
    r.pobox(&["hooks", "install"]).success();
    let out = r.pobox(&["hooks", "uninstall"]).success();
    assert_eq!(out, "Removed the pobox pre-commit hook: .git/hooks/pre-commit\n");
    assert!(!r.hook().exists());
}

#[test]
fn outside_git_there_is_nothing_to_hook() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        support::pobox(dir.path(), "2026-11-22")
            .args(args)
            .env("HOME", home.path())
            .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
            .output()
            .unwrap()
    };
    assert!(run(&["init"]).status.success());
    let o = run(&["hooks", "install"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is not inside a git work tree"), "{err}");
}

// ---- the pre-commit framework -------------------------------------------------------------

/// The repository's `.pre-commit-hooks.yaml`, as pre-commit reads it.
fn manifest() -> serde_json::Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

#[test]
fn the_pre_commit_manifest_declares_pobox_validate() {
    let hooks = manifest();
    let hook = &hooks[0];
    assert_eq!(hook["id"], "pobox-validate");
    assert_eq!(hook["name"], "pobox validate");
    assert_eq!(hook["language"], "rust", "pre-commit builds pobox from the repository with cargo");
    assert_eq!(hook["entry"], "pobox validate");
    assert_eq!(hook["pass_filenames"], true);
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    for path in ["backlog/stories/S-1.md", "pobox.yaml", "x.yml"] {
        assert!(files.is_match(path), "{path}");
    }
    assert!(!files.is_match("src/main.rs"));

    let Some(pre_commit) = python_tool("pre-commit") else { return };
    let o = Command::new(pre_commit)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["validate-manifest", ".pre-commit-hooks.yaml"])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The manifest's hook as a `repo: local` hook that runs the pobox under test instead of
/// building one with cargo: everything else (files, pass_filenames, …) as published.
fn local_pre_commit_config() -> String {
    let mut hook = manifest()[0].clone();
    let entry = hook["entry"].as_str().unwrap().strip_prefix("pobox").unwrap().to_owned();
    hook["entry"] = format!("{POBOX}{entry}").into();
    hook["language"] = "system".into();
    let config = serde_json::json!({"repos": [{"repo": "local", "hooks": [hook]}]});
    // JSON is YAML.
    serde_json::to_string_pretty(&config).unwrap()
}

#[test]
fn the_pre_commit_framework_runs_pobox_validate() {
    let Some(pre_commit) = python_tool("pre-commit") else { return };
    let r = Repo::new();
    r.write(".pre-commit-config.yaml", &local_pre_commit_config());
    r.run_in(r.path(), pre_commit, &["validate-config", ".pre-commit-config.yaml"])
        .success();
    r.git(&["add", "-A"]);
    r.git(&["commit", "-q", "--no-verify", "-m", "Use pre-commit"]);
    r.run_in(r.path(), pre_commit, &["install"]).success();
    let before = r.commits();

    r.stage_story(BROKEN_STORY);
    let out = r.commit("Add S-1").failure(1);
    assert!(out.contains("pobox validate"), "{out}");
    assert!(out.contains("Failed"), "{out}");
    assert!(out.contains("error[PO004]"), "{out}");
    assert!(out.contains("backlog/stories/S-1.md:4:9"), "{out}");
    assert_eq!(r.commits(), before);

    // pre-commit stashes what is not staged, so here too the staged file is what counts.
    r.story(GOOD_STORY);
    r.commit("Add S-1").failure(1);

    r.stage_story(GOOD_STORY);
    let out = r.commit("Add S-1").success();
    assert_eq!(r.commits(), before + 1, "{out}");

    // A commit without backlog files does not run pobox at all.
    r.write("notes.txt", "hello\n");
    r.git(&["add", "notes.txt"]);
    let out = r.commit("Notes").all();
    assert!(out.contains("(no files to check)Skipped"), "{out}");
}
