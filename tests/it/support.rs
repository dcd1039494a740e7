//! What every area's tests share: pobox and git run the way a user runs them, in temporary
//! folders and repositories with a pinned day, identity and dates, and the browsers and
//! Python tools some tests need when they are installed.

#[cfg(unix)]
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output};

use assert_cmd::Command;

/// The pobox under test.
pub const POBOX: &str = env!("CARGO_BIN_EXE_pobox");

/// What a test may inherit that would change what pobox prints: a terminal width, an
/// editor, GitHub Actions (annotations by default, a step summary) and forced colours.
const INHERITED: [&str; 6] = [
    "COLUMNS",
    "VISUAL",
    "EDITOR",
    "GITHUB_ACTIONS",
    "GITHUB_STEP_SUMMARY",
    "CLICOLOR_FORCE",
];

/// What git sets for a hook, which would point pobox and git at the repository and index
/// of a commit that runs the tests rather than at the test's own.
const GIT_HOOK: [&str; 6] = [
    "GIT_DIR",
    "GIT_INDEX_FILE",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_PREFIX",
    "GIT_EDITOR",
];

/// Pin what pobox reads from the environment, for a command that runs pobox itself or
/// through another program: "today" is `today`, no colours, none of [`INHERITED`] or
/// [`GIT_HOOK`], and `home` is the home folder, with no system git configuration, so no
/// user setting counts.
pub fn pin<'c>(c: &'c mut StdCommand, home: &Path, today: &str) -> &'c mut StdCommand {
    pin_day(c, today).env("HOME", home).env("GIT_CONFIG_NOSYSTEM", "1")
}

fn pin_day<'c>(c: &'c mut StdCommand, today: &str) -> &'c mut StdCommand {
    c.env("POBOX_TODAY", today).env("NO_COLOR", "1");
    for var in INHERITED.iter().chain(&GIT_HOOK) {
        c.env_remove(var);
    }
    c
}

/// pobox in `dir`, a test's own folder, which is also its home folder (see [`pin`]); add the
/// arguments.
pub fn pobox(dir: &Path, today: &str) -> Command {
    Command::from_std(pobox_std(dir, today))
}

/// [`pobox`] as a `std` command, for a test that spawns it.
pub fn pobox_std(dir: &Path, today: &str) -> StdCommand {
    let mut c = StdCommand::new(POBOX);
    pin(c.current_dir(dir), dir, today);
    c
}

/// pobox in `dir`, a folder of pobox's own source tree (a catalogue case): pinned like
/// [`pobox`] except for the home folder and git configuration, which stay the developer's,
/// so that git opens this repository as it does for them.
pub fn pobox_in_source(dir: &Path, today: &str) -> Command {
    let mut c = StdCommand::new(POBOX);
    pin_day(c.current_dir(dir), today);
    Command::from_std(c)
}

/// How a run ended: (exit code, stdout, stderr).
pub fn outcome(o: Output) -> (i32, String, String) {
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// Run [`pobox`] with `args`: (exit code, stdout, stderr).
pub fn pobox_on(dir: &Path, today: &str, args: &[&str]) -> (i32, String, String) {
    outcome(pobox(dir, today).args(args).output().unwrap())
}

/// Run [`pobox`] with `args`, expect success, return its stdout.
#[track_caller]
pub fn pobox_ok(dir: &Path, today: &str, args: &[&str]) -> String {
    let (code, out, err) = pobox_on(dir, today, args);
    assert_eq!(code, 0, "pobox {args:?} failed:\n{out}\n{err}");
    out
}

/// git in `dir` with author and commit dates `when`, `dir` as its home folder, and no
/// system configuration or [`GIT_HOOK`] variables.
fn git_command(dir: &Path, when: &str) -> StdCommand {
    let mut c = StdCommand::new("git");
    c.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when);
    for var in GIT_HOOK {
        c.env_remove(var);
    }
    c
}

/// Run git in `dir` as "Rosa Dev" with author and commit dates `when`; fails the test when
/// git fails.
#[track_caller]
pub fn git(dir: &Path, when: &str, args: &[&str]) {
    let o = git_command(dir, when)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Rosa Dev")
        .env("GIT_AUTHOR_EMAIL", "rosa@example.com")
        .env("GIT_COMMITTER_NAME", "Rosa Dev")
        .env("GIT_COMMITTER_EMAIL", "rosa@example.com")
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

/// Copy a folder, links as links.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        let kind = e.file_type().unwrap();
        if kind.is_dir() {
            copy_dir(&src, &dst);
        } else if kind.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(std::fs::read_link(&src).unwrap(), &dst).unwrap();
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// A story file's text read as pobox reads `backlog/stories/S-1.md` with the default
/// prefixes: the item and its diagnostics.
pub fn read_story(text: &str) -> (pobox::model::Item, Vec<pobox::diag::Diagnostic>) {
    use pobox::model::read::{ReadOptions, read_item};
    read_item(
        pobox::model::Kind::Story,
        Path::new("backlog/stories/S-1.md"),
        text.as_bytes(),
        ReadOptions {
            prefix: Some("S"),
            mention_prefixes: &["S", "E", "SP", "R"],
            body: true,
        },
    )
}

/// Replace the first `from` in the file `rel` under `dir` with `to`; the file must hold it.
pub fn replace_in(dir: &Path, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    write_file(dir, rel, &text.replacen(from, to, 1));
}

/// `git add -A`, then a commit dated `when`.
pub fn commit_all(dir: &Path, when: &str, message: &str) {
    git(dir, when, &["add", "-A"]);
    git(dir, when, &["commit", "-q", "-m", message]);
}

/// The command walks' checkout history, on a backlog with sprints SP-1 and SP-2 planned and
/// stories S-1 and S-2 ready: it commits the backlog, starts SP-1, finishes S-1 and S-2,
/// closes SP-1, and leaves SP-2 active but not yet committed.
pub fn play_first_sprint(d: &Path) {
    commit_all(d, "2026-10-19T09:00:00Z", "Backlog for the checkout");
    replace_in(d, "backlog/sprints/SP-1.md", "status: planned", "status: active");
    commit_all(d, "2026-10-26T09:00:00Z", "Start SP-1");
    replace_in(d, "backlog/stories/S-1.md", "status: ready", "status: done");
    commit_all(d, "2026-10-28T15:00:00Z", "S-1 done");
    replace_in(d, "backlog/stories/S-2.md", "status: ready", "status: done");
    commit_all(d, "2026-11-04T15:00:00Z", "S-2 done");
    replace_in(d, "backlog/sprints/SP-1.md", "status: active", "status: closed");
    commit_all(d, "2026-11-06T17:00:00Z", "Close SP-1");
    replace_in(d, "backlog/sprints/SP-2.md", "status: planned", "status: active");
}

/// The placeholders of the command walk (`src/cli/every_command.rs`, and the runs the
/// injection walk adds) for one workspace: `{fixtures}`, the folder `tests/fixtures`; and the
/// status a `move` goes to, asked of the models rather than named by its text: `{done}`, the
/// first done status of the workspace's own workflow (stories and epics), `{active}`,
/// `{mitigated}` and `{accepted}`, states of the sprint, risk and decision life cycles.
pub struct WalkArgs {
    fixtures: String,
    done: String,
}

impl WalkArgs {
    /// The placeholders' values for the workspace at `root`.
    pub fn of(root: &Path) -> Self {
        let text = std::fs::read_to_string(root.join("pobox.yaml")).unwrap_or_default();
        let (config, _) = pobox::config::Config::parse(&text, Path::new("pobox.yaml"));
        let done = config.workflow.done_status().expect("the walk's workspace has a done status");
        WalkArgs {
            fixtures: Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .to_string_lossy()
                .into_owned(),
            done: done.to_owned(),
        }
    }

    /// `arg` with its placeholders filled in.
    pub fn fill(&self, arg: &str) -> String {
        use pobox::workflow::{DecisionStatus, RiskStatus, SprintStatus};
        arg.replace("{fixtures}", &self.fixtures)
            .replace("{done}", &self.done)
            .replace("{active}", SprintStatus::Active.as_str())
            .replace("{mitigated}", RiskStatus::Mitigated.as_str())
            .replace("{accepted}", DecisionStatus::Accepted.as_str())
    }
}

/// The demo workspace (`pobox::demo::build`: 36 commits with fixed dates, the last on
/// 2026-10-14) in a new temporary folder.
pub fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    pobox::demo::build(dir.path(), pobox::demo::LAST_DAY).unwrap();
    dir
}

/// Debian's Chromium, when installed. `.ci/run` installs it, so under `CI=true` a missing
/// browser fails the test; elsewhere the test is skipped with a note.
pub fn chromium() -> Option<PathBuf> {
    let chromium = PathBuf::from("/usr/bin/chromium");
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

/// A Python tool from PyPI (`pre-commit`, `check-jsonschema`) when installed. Without it the
/// test says so on the terminal and passes, except under `CI=true`, where a missing tool
/// must not let a test pass unseen. (Only the Unix-only areas, formats and hooks, use it.)
#[cfg(unix)]
pub fn python_tool(name: &'static str) -> Option<&'static str> {
    if StdCommand::new(name).arg("--version").output().is_ok_and(|o| o.status.success()) {
        return Some(name);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "`{name}` is not on PATH, and CI=true requires it: python3 -m pip install pre-commit check-jsonschema"
    );
    // Straight to the terminal: the test harness captures `eprintln!`.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: `{name}` is not on PATH (python3 -m pip install pre-commit check-jsonschema)"
    );
    None
}

/// A temporary git repository driven like a user's session: `pobox` with "today" pinned to
/// 2026-11-22 (see [`pobox`]); git as "Pat Product" with commit dates pinned to that day.
pub struct Session {
    dir: tempfile::TempDir,
}

impl Session {
    const TODAY: &str = "2026-11-22";
    const WHEN: &str = "2026-11-22T10:00:00Z";

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
        let mut c = pobox(self.path(), Self::TODAY);
        c.args(args);
        c
    }

    /// Run pobox and return (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        outcome(self.pobox(args).output().unwrap())
    }

    /// Run pobox, expect success, return its stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "pobox {args:?} failed:\n{out}\n{err}");
        out
    }

    /// Run git, expect success, return its stdout.
    #[track_caller]
    pub fn git(&self, args: &[&str]) -> String {
        let o = git_command(self.path(), Self::WHEN).args(args).output().unwrap();
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
