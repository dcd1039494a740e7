//! What several integration-test binaries share: running pobox and git in a temporary
//! repository with a pinned day, identity and dates.

#![allow(dead_code)] // each test binary uses its own subset

use std::path::Path;
use std::process::Command as StdCommand;

use assert_cmd::Command;

/// Run the real binary in `dir` with "today" pinned to `today`, no colours, no terminal
/// width and no user git configuration; returns (exit code, stdout, stderr).
pub fn pobox_on(dir: &Path, today: &str, args: &[&str]) -> (i32, String, String) {
    let o = Command::cargo_bin("pobox")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .env("POBOX_TODAY", today)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// Run git in `dir` as "Rosa Dev" with author and commit dates `when`; fails the test when
/// git fails.
pub fn git(dir: &Path, when: &str, args: &[&str]) {
    let o = StdCommand::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "Rosa Dev")
        .env("GIT_AUTHOR_EMAIL", "rosa@example.com")
        .env("GIT_COMMITTER_NAME", "Rosa Dev")
        .env("GIT_COMMITTER_EMAIL", "rosa@example.com")
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

/// Write `text` to `path` below `dir`, creating the folders on the way.
pub fn write_file(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Debian's Chromium, when installed. `.ci/run` installs it, so under `CI=true` a missing
/// browser fails the test; elsewhere the test is skipped with a note.
pub fn chromium() -> Option<std::path::PathBuf> {
    let chromium = std::path::PathBuf::from("/usr/bin/chromium");
    if chromium.exists() {
        return Some(chromium);
    }
    assert!(std::env::var("CI").is_err(), "/usr/bin/chromium is missing under CI=true");
    println!("skipped: /usr/bin/chromium is not installed (apt-get install chromium to run this test)");
    None
}

/// Headless Chromium with a fresh profile in `profile`, and none of the background traffic
/// a closed network refuses; add the page and what to do with it.
pub fn headless(chromium: &Path, profile: &Path) -> StdCommand {
    let mut c = StdCommand::new(chromium);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .env("HOME", profile);
    c
}

/// A temporary git repository driven like a user's session: `pobox` with "today" pinned to
/// 2026-11-22, no colours, no editor and no user configuration; git as "Pat Product" with
/// commit dates pinned to that day.
pub struct Session {
    dir: tempfile::TempDir,
}

impl Session {
    /// A git repository with a pobox workspace in it (`pobox init --product "Corner Shop"`).
    pub fn new() -> Self {
        let s = Self::bare_git();
        s.ok(&["init", "--product", "Corner Shop"]);
        s
    }

    /// A git repository without a workspace.
    pub fn bare_git() -> Self {
        let s = Session {
            dir: tempfile::tempdir().unwrap(),
        };
        s.git(&["init", "-q", "-b", "main"]);
        s.git(&["config", "user.name", "Pat Product"]);
        s.git(&["config", "user.email", "pat@example.com"]);
        s.git(&["config", "commit.gpgsign", "false"]);
        s
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The pobox command, ready to run in the session.
    pub fn pobox(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("pobox").unwrap();
        c.current_dir(self.path())
            .args(args)
            .env("POBOX_TODAY", "2026-11-22")
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path());
        c
    }

    /// Run pobox and return (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let o = self.pobox(args).output().unwrap();
        (
            o.status.code().unwrap_or(-1),
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    }

    /// Run pobox, expect success, return its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "pobox {args:?} failed:\n{out}\n{err}");
        out
    }

    /// Run git, expect success, return its stdout.
    pub fn git(&self, args: &[&str]) -> String {
        let o = StdCommand::new("git")
            .current_dir(self.path())
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.path())
            .env("GIT_AUTHOR_DATE", "2026-11-22T10:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-11-22T10:00:00Z")
            .output()
            .unwrap();
        assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    }

    /// `git add -A` and commit everything.
    pub fn commit(&self, msg: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", msg]);
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    pub fn write(&self, rel: &str, text: &str) {
        write_file(self.path(), rel, text);
    }
}
