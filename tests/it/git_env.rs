//! git as users really run it: a repository named by `GIT_DIR` and `GIT_WORK_TREE` (a bare
//! repository with its work tree elsewhere, and what git hands its hooks),
//! `GIT_CEILING_DIRECTORIES`, a backlog folder that is a link to another folder of the
//! repository, and two workspaces in one repository under one pre-commit hook. Each case is a
//! real repository driven by real `git` commands, hooks and all.
//!
//! Links and the `sh` hook need Unix.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::hooks::path_with_pobox;
use crate::support::{self, POBOX, outcome};

const TODAY: &str = "2026-11-22";
const GOOD_STORY: &str = "---\nid: S-1\ntitle: Pay by card\nstatus: draft\n---\n\
    As a shopper, I want to pay by card, so that I need no cash.\n";
const READY_STORY: &str = "---\nid: S-1\ntitle: Pay by card\nstatus: ready\n---\n\
    As a shopper, I want to pay by card, so that I need no cash.\n";
const BROKEN_STORY: &str = "---\nid: S-1\ntitle: Pay by card\npoints: [oops\n---\n";

/// A finished run: (exit code, stdout, stderr), with what ran for messages.
struct Ran {
    code: i32,
    out: String,
    err: String,
    what: String,
}

impl Ran {
    fn all(&self) -> String {
        format!("{}{}", self.out, self.err)
    }

    #[track_caller]
    fn success(&self) -> String {
        assert_eq!(self.code, 0, "{} failed:\n{}", self.what, self.all());
        self.out.clone()
    }

    #[track_caller]
    fn failure(&self, code: i32) -> String {
        assert_eq!(self.code, code, "{}: expected exit {code}:\n{}", self.what, self.all());
        self.all()
    }
}

/// A temporary folder with a home folder of its own, where pobox and git run as a user's
/// would: pinned dates and identity, no system or user git configuration, none of git's
/// variables unless a test sets them, and `pobox` on `PATH` for hooks.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Self {
        let p = Place {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(p.home()).unwrap();
        p
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn home(&self) -> PathBuf {
        self.path().join("home")
    }

    /// `program` in `cwd` (relative to the place) with the environment `env` on top of the
    /// pinned one.
    fn run(&self, cwd: &str, env: &[(&str, &Path)], program: &str, args: &[&str]) -> Ran {
        let mut c = Command::new(program);
        support::pin(&mut c, &self.home(), TODAY)
            .current_dir(self.path().join(cwd))
            .env("PATH", path_with_pobox())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("GIT_AUTHOR_NAME", "Pat Product")
            .env("GIT_AUTHOR_EMAIL", "pat@example.com")
            .env("GIT_COMMITTER_NAME", "Pat Product")
            .env("GIT_COMMITTER_EMAIL", "pat@example.com")
            .env("GIT_AUTHOR_DATE", "2026-11-22T10:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-11-22T10:00:00Z")
            .env_remove("POBOX_SKIP")
            .args(args);
        for (k, v) in env {
            c.env(k, v);
        }
        let (code, out, err) = outcome(c.output().unwrap());
        Ran {
            code,
            out,
            err,
            what: format!("{program} {args:?} in {cwd} with {env:?}"),
        }
    }

    fn write(&self, rel: &str, text: &str) {
        support::write_file(self.path(), rel, text);
    }

    fn exists(&self, rel: &str) -> bool {
        self.path().join(rel).exists()
    }

    /// A symbolic link at `rel` naming `target`, in place of the folder there if any.
    fn link(&self, target: &str, rel: &str) {
        let at = self.path().join(rel);
        if at.is_dir() && !at.is_symlink() {
            std::fs::remove_dir_all(&at).unwrap();
        }
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, at).unwrap();
    }

    fn git(&self, cwd: &str, args: &[&str]) -> String {
        self.run(cwd, &[], "git", args).success()
    }

    /// `git add -A` and `git commit`, hooks and all.
    fn commit(&self, cwd: &str, message: &str) -> Ran {
        self.git(cwd, &["add", "-A"]);
        self.run(cwd, &[], "git", &["commit", "-q", "-m", message])
    }

    fn pobox(&self, cwd: &str, args: &[&str]) -> Ran {
        self.run(cwd, &[], POBOX, args)
    }
}

// ---- GIT_DIR and GIT_WORK_TREE --------------------------------------------------------------

/// A bare repository `repo.git` whose work tree is `wt`, the layout people use to keep a
/// repository apart from its files (`git init --bare`, then `git --git-dir=repo.git
/// --work-tree=wt …`): the work tree has no `.git`, so only `GIT_DIR` and `GIT_WORK_TREE`
/// lead to the repository. It holds a committed workspace.
struct Split {
    place: Place,
}

impl Split {
    fn new() -> Self {
        let s = Split { place: Place::new() };
        s.place
            .run("", &[], "git", &["init", "-q", "--bare", "-b", "main", "repo.git"])
            .success();
        std::fs::create_dir_all(s.place.path().join("wt")).unwrap();
        s.pobox(&[], &["init", "--product", "Corner Shop"]).success();
        s.commit("Start the backlog").success();
        s
    }

    fn git_dir(&self) -> PathBuf {
        self.place.path().join("repo.git")
    }

    fn work_tree(&self) -> PathBuf {
        self.place.path().join("wt")
    }

    /// `GIT_DIR` and `GIT_WORK_TREE`, absolute.
    fn env(&self) -> [(&'static str, PathBuf); 2] {
        [("GIT_DIR", self.git_dir()), ("GIT_WORK_TREE", self.work_tree())]
    }

    /// git in the work tree with `--git-dir` and `--work-tree`, as a user of the layout runs it.
    fn git(&self, args: &[&str]) -> Ran {
        let git_dir = format!("--git-dir={}", self.git_dir().display());
        let work_tree = format!("--work-tree={}", self.work_tree().display());
        let all: Vec<&str> = [git_dir.as_str(), work_tree.as_str()]
            .into_iter()
            .chain(args.iter().copied())
            .collect();
        self.place.run("wt", &[], "git", &all)
    }

    /// Stage everything and `git commit`, hooks and all.
    fn commit(&self, message: &str) -> Ran {
        self.git(&["add", "-A"]).success();
        self.git(&["commit", "-q", "-m", message])
    }

    /// pobox in the work tree with `env`.
    fn pobox(&self, env: &[(&str, &Path)], args: &[&str]) -> Ran {
        self.place.run("wt", env, POBOX, args)
    }

    /// pobox in the work tree with `GIT_DIR` and `GIT_WORK_TREE` set, absolute.
    fn pobox_env(&self, args: &[&str]) -> Ran {
        let env = self.env();
        let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
        self.pobox(&env, args)
    }

    fn commits(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"]).success().trim().parse().unwrap()
    }
}

#[test]
fn history_reads_the_repository_git_dir_and_git_work_tree_name() {
    let s = Split::new();
    s.place.write("wt/backlog/stories/S-1.md", GOOD_STORY);
    s.commit("Add S-1").success();
    s.place.write("wt/backlog/stories/S-1.md", READY_STORY);
    s.commit("S-1 is ready").success();

    // Without the variables git finds no repository either.
    let out = s.pobox(&[], &["history", "S-1"]).failure(2);
    assert!(out.contains("is not in a git repository"), "{out}");
    s.place.run("wt", &[], "git", &["status"]).failure(128);

    let out = s.pobox_env(&["history", "S-1"]).success();
    assert!(out.contains("status draft → ready"), "{out}");
    // As git hands them to a hook: relative to the work tree's root.
    let relative = [("GIT_DIR", Path::new("../repo.git")), ("GIT_WORK_TREE", Path::new("."))];
    assert_eq!(s.pobox(&relative, &["history", "S-1"]).success(), out);
    // From a folder inside the work tree, as git reads them.
    std::fs::create_dir_all(s.work_tree().join("notes")).unwrap();
    let from_notes = [("GIT_DIR", Path::new("../../repo.git")), ("GIT_WORK_TREE", Path::new(".."))];
    assert_eq!(s.place.run("wt/notes", &from_notes, POBOX, &["history", "S-1"]).success(), out);
    let metrics = s.pobox_env(&["metrics"]);
    assert_eq!(metrics.code, 0, "{}", metrics.all());
}

#[test]
fn a_git_dir_alone_makes_the_current_folder_the_work_tree_as_git_does() {
    let s = Split::new();
    s.place.write("wt/backlog/stories/S-1.md", GOOD_STORY);
    s.commit("Add S-1").success();
    let git_dir = [("GIT_DIR", s.git_dir())];
    let git_dir: Vec<(&str, &Path)> = git_dir.iter().map(|(k, v)| (*k, v.as_path())).collect();
    // `git init --bare` says `core.bare = true`: without a work tree named, git has none.
    s.place.run("wt", &git_dir, "git", &["status"]).failure(128);
    let out = s.pobox(&git_dir, &["history", "S-1"]).failure(2);
    assert!(out.contains("is not in a git repository"), "{out}");
    // Not bare: the current folder is the work tree.
    s.git(&["config", "core.bare", "false"]).success();
    s.place.run("wt", &git_dir, "git", &["status"]).success();
    let out = s.pobox(&git_dir, &["history", "S-1"]).success();
    assert!(out.contains("added as backlog/stories/S-1.md"), "{out}");
}

#[test]
fn story_new_counts_the_ids_on_every_branch_of_a_git_dir_repository() {
    let s = Split::new();
    s.git(&["checkout", "-q", "-b", "alice"]).success();
    assert_eq!(
        s.pobox_env(&["story", "new", "Alice's story"]).success(),
        "Created S-1 backlog/stories/S-1.md\n"
    );
    s.commit("Alice's story").success();
    s.git(&["checkout", "-q", "main"]).success();
    assert!(!s.place.exists("wt/backlog/stories/S-1.md"));
    assert_eq!(
        s.pobox_env(&["story", "new", "Bob's story"]).success(),
        "Created S-2 backlog/stories/S-2.md\n"
    );
}

#[test]
fn the_hook_installs_into_and_checks_a_git_dir_repository() {
    let s = Split::new();
    let out = s.pobox_env(&["hooks", "install"]).success();
    assert!(out.contains("Installed the pobox pre-commit hook"), "{out}");
    assert!(s.git_dir().join("hooks/pre-commit").is_file(), "{out}");
    let before = s.commits();

    s.place.write("wt/backlog/stories/S-1.md", BROKEN_STORY);
    let out = s.commit("Add S-1").failure(1);
    assert!(out.contains("error[PO004]"), "{out}");
    assert!(out.contains("backlog/stories/S-1.md:4:9"), "{out}");
    assert_eq!(s.commits(), before);
    let out = s.pobox_env(&["validate", "--staged", "--format", "short"]).failure(1);
    assert!(out.contains("backlog/stories/S-1.md:4:9: error[PO004]"), "{out}");

    s.place.write("wt/backlog/stories/S-1.md", GOOD_STORY);
    s.commit("Add S-1").success();
    assert_eq!(s.commits(), before + 1);
    let out = s.pobox_env(&["hooks", "uninstall"]).success();
    assert!(out.contains("Removed the pobox pre-commit hook"), "{out}");
    assert!(!s.git_dir().join("hooks/pre-commit").exists());
}

#[test]
fn git_ceiling_directories_stop_the_search_for_the_repository_as_in_git() {
    let p = Place::new();
    p.run("", &[], "git", &["init", "-q", "-b", "main", "repo"]).success();
    std::fs::create_dir_all(p.path().join("repo/product")).unwrap();
    p.run("repo/product", &[], POBOX, &["init", "--product", "Corner Shop"]).success();
    p.write("repo/product/backlog/stories/S-1.md", GOOD_STORY);
    p.run("repo", &[], "git", &["add", "-A"]).success();
    p.run("repo", &[], "git", &["commit", "-q", "-m", "Start"]).success();
    p.run("repo/product", &[], POBOX, &["history", "S-1"]).success();

    let repo = p.path().join("repo");
    let ceiling = [("GIT_CEILING_DIRECTORIES", repo.as_path())];
    p.run("repo/product", &ceiling, "git", &["status"]).failure(128);
    let out = p.run("repo/product", &ceiling, POBOX, &["history", "S-1"]).failure(2);
    assert!(out.contains("is not in a git repository"), "{out}");
    // What needs no git still works.
    p.run("repo/product", &ceiling, POBOX, &["validate"]).success();
}

// ---- a backlog that is a link -------------------------------------------------------------

/// A git repository `repo` with a workspace at its root whose `backlog` is a link to
/// `docs/backlog`, committed: git records the link, and the files under `docs/backlog`.
fn linked_backlog() -> Place {
    let p = Place::new();
    p.git("", &["init", "-q", "-b", "main", "repo"]);
    p.pobox("repo", &["init", "--product", "Corner Shop"]).success();
    std::fs::create_dir_all(p.path().join("repo/docs")).unwrap();
    std::fs::rename(p.path().join("repo/backlog"), p.path().join("repo/docs/backlog")).unwrap();
    p.link("docs/backlog", "repo/backlog");
    p.commit("repo", "Start the backlog").success();
    p
}

const BROKEN_LINE: &str = "backlog/stories/S-1.md:4:9: error[PO004]";

#[test]
fn validate_staged_reads_a_backlog_that_is_a_link_inside_the_repository() {
    let p = linked_backlog();
    p.write("repo/backlog/stories/S-1.md", BROKEN_STORY);
    p.git("repo", &["add", "-A"]);
    assert!(p.git("repo", &["ls-files", "--stage", "backlog"]).starts_with("120000 "));
    let on_disk = p.pobox("repo", &["validate", "--format", "short"]).failure(1);
    assert!(on_disk.contains(BROKEN_LINE), "{on_disk}");
    let staged = p.pobox("repo", &["validate", "--staged", "--format", "short"]).failure(1);
    assert_eq!(staged, on_disk);
    // The human format shows the staged line.
    let out = p.pobox("repo", &["validate", "--staged"]).failure(1);
    assert!(out.contains("4 | points: [oops"), "{out}");
}

#[test]
fn the_hook_stops_a_broken_story_behind_a_backlog_link() {
    let p = linked_backlog();
    p.pobox("repo", &["hooks", "install"]).success();
    p.write("repo/backlog/stories/S-1.md", BROKEN_STORY);
    let out = p.commit("repo", "Add S-1").failure(1);
    assert!(out.contains("error[PO004]"), "{out}");
    assert!(!out.contains("No problems found"), "{out}");
    p.write("repo/backlog/stories/S-1.md", GOOD_STORY);
    p.commit("repo", "Add S-1").success();
    assert_eq!(p.git("repo", &["show", "HEAD:docs/backlog/stories/S-1.md"]), GOOD_STORY);
}

#[test]
fn history_reads_the_stories_behind_a_backlog_link() {
    let p = Place::new();
    p.git("", &["init", "-q", "-b", "main", "repo"]);
    p.pobox("repo", &["init", "--product", "Corner Shop"]).success();
    p.write("repo/backlog/stories/S-1.md", GOOD_STORY);
    p.commit("repo", "Add S-1").success();
    // The backlog moves to docs/backlog and a link keeps its old name: seen through the
    // link nothing changed, so the timeline goes on without a move.
    std::fs::create_dir_all(p.path().join("repo/docs")).unwrap();
    std::fs::rename(p.path().join("repo/backlog"), p.path().join("repo/docs/backlog")).unwrap();
    p.link("docs/backlog", "repo/backlog");
    p.commit("repo", "Keep the backlog with the docs").success();
    p.write("repo/backlog/stories/S-1.md", READY_STORY);
    p.commit("repo", "S-1 is ready").success();

    let out = p.pobox("repo", &["history", "S-1", "--format", "json"]).success();
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows: Vec<(String, String, String)> = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (s("event"), s("status"), s("path"))
        })
        .collect();
    let row = |event: &str, status: &str| (event.to_owned(), status.to_owned(), "backlog/stories/S-1.md".to_owned());
    assert_eq!(rows, [row("added", "draft"), row("changed", "ready")], "{out}");
}

#[test]
fn story_new_counts_the_ids_behind_a_backlog_link_on_other_branches() {
    let p = linked_backlog();
    p.git("repo", &["checkout", "-q", "-b", "alice"]);
    assert_eq!(
        p.pobox("repo", &["story", "new", "Alice's story"]).success(),
        "Created S-1 backlog/stories/S-1.md\n"
    );
    p.commit("repo", "Alice's story").success();
    p.git("repo", &["checkout", "-q", "main"]);
    assert!(!p.exists("repo/docs/backlog/stories/S-1.md"));
    assert_eq!(
        p.pobox("repo", &["story", "new", "Bob's story"]).success(),
        "Created S-2 backlog/stories/S-2.md\n"
    );
}

#[test]
fn a_staged_link_out_of_the_workspace_is_reported_as_on_disk_and_not_read() {
    let p = Place::new();
    p.git("", &["init", "-q", "-b", "main", "repo"]);
    std::fs::create_dir_all(p.path().join("repo/product")).unwrap();
    p.pobox("repo/product", &["init", "--product", "Corner Shop"]).success();
    p.write("repo/shared/stories/S-1.md", BROKEN_STORY);
    p.link("../../shared/stories", "repo/product/backlog/epics");
    p.link("../../../shared/stories/S-1.md", "repo/product/backlog/stories/S-1.md");
    p.git("repo", &["add", "-A"]);
    let on_disk = p.pobox("repo/product", &["validate", "--format", "short"]).failure(1);
    assert!(on_disk.contains("backlog/epics: error[PO016]"), "{on_disk}");
    assert!(on_disk.contains("backlog/stories/S-1.md: error[PO016]"), "{on_disk}");
    assert!(!on_disk.contains("PO004"), "{on_disk}");
    let staged = p.pobox("repo/product", &["validate", "--staged", "--format", "short"]).failure(1);
    let codes = |out: &str| -> Vec<String> { out.lines().map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": ")).collect() };
    assert_eq!(codes(&staged), codes(&on_disk), "{staged}");
    p.pobox("repo/product", &["hooks", "install"]).success();
    let out = p.commit("repo", "Share stories").failure(1);
    assert!(out.contains("error[PO016]") && !out.contains("PO004"), "{out}");
}

#[test]
fn links_inside_the_staged_backlog_are_followed_as_on_disk() {
    let p = linked_backlog();
    // A kind folder that is a link, a story that is a link, a link to a folder above
    // (a loop) and a link that names nothing.
    p.write("repo/docs/epics/E-1.md", "---\nid: E-1\ntitle: Payments\nstatus: oops\n---\n");
    p.link("../epics", "repo/docs/backlog/epics");
    p.write("repo/docs/S-2.md", "---\nid: S-2\ntitle: Refunds\nstatus: draft\nepic: E-9\n---\n");
    p.link("../../S-2.md", "repo/docs/backlog/stories/S-2.md");
    p.link("..", "repo/docs/backlog/stories/up");
    p.link("nothing.md", "repo/docs/backlog/stories/S-3.md");
    p.git("repo", &["add", "-A"]);
    let on_disk = p.pobox("repo", &["validate", "--format", "short"]).failure(1);
    for expected in [
        "backlog/epics/E-1.md:4:9: error[PO101]",
        "backlog/stories/S-2.md:5:7: error[PO202]",
        "backlog/stories/up: error[PO014]",
        "backlog/stories/S-3.md: error[PO014]",
    ] {
        assert!(on_disk.contains(expected), "{expected}:\n{on_disk}");
    }
    let staged = p.pobox("repo", &["validate", "--staged", "--format", "short"]).failure(1);
    let codes = |out: &str| -> Vec<String> { out.lines().map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": ")).collect() };
    assert_eq!(codes(&staged), codes(&on_disk), "staged:\n{staged}\non disk:\n{on_disk}");
}

#[test]
fn deleting_an_epic_behind_a_backlog_link_reports_the_stories_naming_it() {
    let p = linked_backlog();
    p.write("repo/backlog/epics/E-1.md", "---\nid: E-1\ntitle: Payments\nstatus: active\n---\n");
    p.write(
        "repo/backlog/stories/S-1.md",
        &GOOD_STORY.replace("status: draft\n", "status: draft\nepic: E-1\n"),
    );
    p.commit("repo", "Payments").success();
    p.pobox("repo", &["validate", "--staged"]).success();
    p.git("repo", &["rm", "-q", "docs/backlog/epics/E-1.md"]);
    let out = p.pobox("repo", &["validate", "--staged", "--format", "short"]).failure(1);
    assert!(out.contains("backlog/stories/S-1.md:5:7: error[PO202]"), "{out}");
}

#[test]
fn pointing_the_backlog_link_elsewhere_checks_every_file_behind_it() {
    let p = linked_backlog();
    // A second folder, committed while nothing read it.
    p.write("repo/docs/next/stories/S-1.md", BROKEN_STORY);
    p.commit("repo", "Draft the next backlog").success();
    std::fs::remove_file(p.path().join("repo/backlog")).unwrap();
    p.link("docs/next", "repo/backlog");
    p.git("repo", &["add", "-A"]);
    let out = p.pobox("repo", &["validate", "--staged", "--format", "short"]).failure(1);
    assert!(out.contains(BROKEN_LINE), "{out}");
}

#[test]
fn a_story_read_through_a_link_is_never_stale() {
    let p = Place::new();
    p.git("", &["init", "-q", "-b", "main", "repo"]);
    p.pobox("repo", &["init", "--product", "Corner Shop"]).success();
    p.write("repo/docs/S-1.md", GOOD_STORY);
    p.link("../../docs/S-1.md", "repo/backlog/stories/S-1.md");
    p.commit("repo", "Add S-1").success();
    let list = || p.pobox("repo", &["story", "list", "--format", "csv"]).success();
    assert!(list().contains("S-1,draft"), "{}", list());
    // The file changes; the link, all git and the parse cache see of it, does not.
    p.write("repo/docs/S-1.md", READY_STORY);
    assert!(list().contains("S-1,ready"), "{}", list());
}

// ---- two workspaces in one repository ------------------------------------------------------

/// A git repository holding two committed workspaces, `shop` and `cafe`.
fn two_workspaces() -> Place {
    let p = Place::new();
    p.git("", &["init", "-q", "-b", "main", "repo"]);
    for ws in ["shop", "cafe"] {
        std::fs::create_dir_all(p.path().join("repo").join(ws)).unwrap();
        p.pobox(&format!("repo/{ws}"), &["init", "--product", ws]).success();
    }
    p.commit("repo", "Start two backlogs").success();
    p
}

#[test]
fn installing_the_hook_in_a_second_workspace_keeps_the_first_checked() {
    let p = two_workspaces();
    p.pobox("repo/shop", &["hooks", "install"]).success();
    p.pobox("repo/cafe", &["hooks", "install"]).success();
    p.write("repo/shop/backlog/stories/S-1.md", BROKEN_STORY);
    let out = p.commit("repo", "Add a shop story").failure(1);
    assert!(out.contains("error[PO004]") && out.contains("backlog/stories/S-1.md:4:9"), "{out}");
    p.write("repo/shop/backlog/stories/S-1.md", GOOD_STORY);
    p.commit("repo", "Add a shop story").success();
}

#[test]
fn one_hook_checks_every_workspace_the_commit_changes() {
    let p = two_workspaces();
    // Installed once, from one workspace: the hook is the repository's.
    p.pobox("repo/shop", &["hooks", "install"]).success();
    p.write("repo/cafe/backlog/stories/S-1.md", BROKEN_STORY);
    let out = p.commit("repo", "Add a cafe story").failure(1);
    assert!(out.contains("error[PO004]"), "{out}");

    // Both broken: both are reported, each under its workspace, in one run.
    p.write("repo/shop/backlog/stories/S-1.md", BROKEN_STORY);
    let out = p.commit("repo", "Add two stories").failure(1);
    assert!(out.contains("workspace cafe") && out.contains("workspace shop"), "{out}");
    assert_eq!(out.matches("error[PO004]").count(), 2, "{out}");
    let short = p
        .pobox("repo", &["validate", "--staged", "--all-workspaces", "--format", "short"])
        .failure(1);
    assert!(short.contains("cafe/backlog/stories/S-1.md:4:9: error[PO004]"), "{short}");
    assert!(short.contains("shop/backlog/stories/S-1.md:4:9: error[PO004]"), "{short}");

    // A commit outside every workspace has nothing to check.
    p.write("repo/cafe/backlog/stories/S-1.md", GOOD_STORY);
    p.write("repo/shop/backlog/stories/S-1.md", GOOD_STORY);
    p.commit("repo", "Add two stories").success();
    p.write("repo/README.md", "Two backlogs.\n");
    p.commit("repo", "Say what is here").success();

    // Uninstalling removes the repository's one hook: nothing is checked any more.
    let out = p.pobox("repo/cafe", &["hooks", "uninstall"]).success();
    assert!(out.contains("Removed the pobox pre-commit hook"), "{out}");
    p.write("repo/shop/backlog/stories/S-2.md", BROKEN_STORY);
    p.commit("repo", "Unchecked").success();
}

#[test]
fn the_hook_checks_a_workspace_whose_settings_are_not_staged() {
    let p = two_workspaces();
    p.pobox("repo/shop", &["hooks", "install"]).success();
    // A third workspace, its `pobox.yaml` not added: the story staged in it is still checked.
    std::fs::create_dir_all(p.path().join("repo/wiki")).unwrap();
    p.pobox("repo/wiki", &["init", "--product", "wiki"]).success();
    p.write("repo/wiki/backlog/stories/S-1.md", BROKEN_STORY);
    p.git("repo", &["add", "wiki/backlog/stories/S-1.md"]);
    let out = p.run("repo", &[], "git", &["commit", "-q", "-m", "Add a wiki story"]).failure(1);
    assert!(out.contains("error[PO004]"), "{out}");
    // Only the human and short formats can hold several workspaces.
    let out = p
        .pobox("repo", &["validate", "--staged", "--all-workspaces", "--format", "json"])
        .failure(2);
    assert!(out.contains("--all-workspaces prints the human or the short format"), "{out}");
}

#[test]
fn a_link_outside_the_backlog_does_not_make_the_commit_answer_for_old_problems() {
    let p = linked_backlog();
    // A broken story committed unchecked (no hook).
    p.write("repo/backlog/stories/S-1.md", BROKEN_STORY);
    p.commit("repo", "Add S-1").success();
    // A link that has nothing to do with the backlog: not this commit's business.
    p.write("repo/docs/README.md", "Our backlog.\n");
    p.link("docs/README.md", "repo/README.md");
    p.git("repo", &["add", "-A"]);
    let out = p.pobox("repo", &["validate", "--staged"]);
    assert_eq!(out.code, 0, "{}", out.all());
    // Re-pointing the backlog link is: see
    // `pointing_the_backlog_link_elsewhere_checks_every_file_behind_it`.
}
