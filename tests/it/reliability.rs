//! Reliability and safety on hostile input, driving the real binary in temporary git
//! repositories: links and permissions, writes that are atomic and never lose a concurrent
//! edit (also under SIGKILL), ids and titles that never escape the workspace, reports that
//! are injection-safe, concurrent runs, and git repositories of every odd shape.
//! `docs/reliability.md` lists each guarantee with the test here that proves it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use crate::support::{self, pobox_on};

const TODAY: &str = "2026-11-22";

/// A git repository (or a plain folder) holding a pobox workspace.
struct Ws {
    dir: tempfile::TempDir,
}

impl Ws {
    /// `pobox init` in a new git repository.
    fn new() -> Self {
        let ws = Self::plain();
        ws.git(&["init", "-q", "-b", "main"]);
        ws.pobox_ok(&["init", "--product", "Hostile Shop"]);
        ws
    }

    /// `pobox init` in a folder that is not a git repository.
    fn plain() -> Self {
        Ws {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn pobox(&self, args: &[&str]) -> (i32, String, String) {
        pobox_on(self.path(), TODAY, args)
    }

    fn pobox_ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.pobox(args);
        assert_eq!(code, 0, "pobox {args:?} failed:\n{out}\n{err}");
        out
    }

    fn git(&self, args: &[&str]) {
        support::git(self.path(), "2026-11-02T10:00:00Z", args);
    }

    fn commit(&self, when: &str, msg: &str) {
        support::git(self.path(), when, &["add", "-A"]);
        support::git(self.path(), when, &["commit", "-q", "-m", msg]);
    }

    fn write(&self, rel: &str, text: &str) {
        support::write_file(self.path(), rel, text);
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// Every file under the workspace (outside `.git`), relative path → bytes.
    fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        snapshot(self.path())
    }
}

fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(root).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// pobox's temp files (`.pobox-*.tmp`) anywhere under `root`, outside `.git`.
fn temp_files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".pobox-"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

fn story(id: &str, title: &str, extra: &str) -> String {
    format!("---\nid: {id}\ntitle: {title}\nstatus: draft\n{extra}---\nAs a shopper, I want {title}, so that I can shop.\n")
}

// ---------------------------------------------------------------------------------------
// File system: links, permissions, read-only folders, vanishing files.

#[cfg(unix)]
#[test]
fn links_outside_the_workspace_are_reported_and_not_read() {
    let ws = Ws::new();
    ws.write("backlog/stories/S-1.md", &story("S-1", "Pay by card", ""));
    // Inside the workspace: a linked file and a linked folder are read as before.
    ws.write("archive/S-2.md", &story("S-2", "Linked inside", ""));
    std::os::unix::fs::symlink("../../archive/S-2.md", ws.path().join("backlog/stories/S-2.md")).unwrap();
    // Outside: a file and a folder somewhere else on the machine, with a secret title.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("S-3.md"), story("S-3", "SECRET-OUTSIDE-FILE", "")).unwrap();
    std::fs::create_dir(outside.path().join("more")).unwrap();
    std::fs::write(outside.path().join("more/S-4.md"), story("S-4", "SECRET-OUTSIDE-FOLDER", "")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("S-3.md"), ws.path().join("backlog/stories/S-3.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("more"), ws.path().join("backlog/stories/more")).unwrap();
    // A relative link that climbs out.
    std::os::unix::fs::symlink("../../../../../../../../etc/passwd", ws.path().join("backlog/stories/S-5.md")).unwrap();

    let (code, out, err) = ws.pobox(&["validate", "--format", "short"]);
    assert_eq!(code, 1, "{out}{err}");
    for link in ["backlog/stories/S-3.md", "backlog/stories/more", "backlog/stories/S-5.md"] {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{link}: error[PO016]"))),
            "{link} not reported:\n{out}"
        );
    }
    assert!(!out.contains("S-2.md"), "the link inside the workspace is fine:\n{out}");
    let list = ws.pobox(&["story", "list", "--format", "json"]).1;
    assert!(list.contains("Linked inside"), "{list}");
    assert!(!list.contains("SECRET"), "read a file outside the workspace:\n{list}");
    let (code, _, err) = ws.pobox(&["show", "S-3"]);
    assert_eq!(code, 2, "{err}");
    // A report reads nothing outside either.
    let report = ws.pobox(&["report", "backlog", "--format", "json"]).1;
    assert!(!report.contains("SECRET"), "{report}");

    // The backlog folder itself linked elsewhere: nothing in it is read.
    let ws2 = Ws::new();
    std::fs::remove_dir_all(ws2.path().join("backlog/stories")).unwrap();
    std::os::unix::fs::symlink(outside.path(), ws2.path().join("backlog/stories")).unwrap();
    let (code, out, _) = ws2.pobox(&["validate", "--format", "short"]);
    assert_eq!(code, 1);
    assert!(out.contains("backlog/stories: error[PO016]"), "{out}");
    assert!(!ws2.pobox(&["story", "list"]).1.contains("SECRET"));
}

#[cfg(unix)]
#[test]
fn link_loops_never_hang() {
    let ws = Ws::new();
    ws.write("backlog/stories/S-1.md", &story("S-1", "Pay by card", ""));
    let stories = ws.path().join("backlog/stories");
    std::os::unix::fs::symlink("S-7.md", stories.join("S-7.md")).unwrap(); // itself
    std::os::unix::fs::symlink("S-9.md", stories.join("S-8.md")).unwrap(); // a pair
    std::os::unix::fs::symlink("S-8.md", stories.join("S-9.md")).unwrap();
    std::os::unix::fs::symlink("..", stories.join("up")).unwrap(); // a folder loop
    std::os::unix::fs::symlink(".", stories.join("here")).unwrap();
    let started = Instant::now();
    let o = support::pobox(ws.path(), TODAY)
        .args(["validate", "--format", "short"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(30), "validate hung on a link loop");
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(1), "{out}");
    for link in ["S-7.md", "S-8.md", "S-9.md", "up", "here"] {
        assert!(
            out.contains(&format!("backlog/stories/{link}: error[PO014]")),
            "{link} not reported:\n{out}"
        );
    }
    // Every other command still runs.
    assert!(ws.pobox_ok(&["story", "list"]).contains("Pay by card"));
}

/// Whether this process runs as root, where permission bits do not stop reads or writes.
fn is_root() -> bool {
    StdCommand::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Runs pobox as an unprivileged user: as root, through `setpriv` as `nobody` (65534), so
/// that permission bits mean what they say; else as ourselves.
struct Unprivileged {
    bin: PathBuf,
    as_nobody: bool,
    /// A copy of the binary that `nobody` can run, when the build folder is closed to it.
    _copy: Option<tempfile::TempDir>,
}

impl Unprivileged {
    /// `None` when running as root without `setpriv` (a failure under `CI=true`).
    fn new() -> Option<Self> {
        let bin = PathBuf::from(support::POBOX);
        if !is_root() {
            return Some(Unprivileged {
                bin,
                as_nobody: false,
                _copy: None,
            });
        }
        if StdCommand::new("setpriv").arg("--version").output().is_err() {
            assert!(std::env::var("CI").is_err(), "setpriv (util-linux) is missing under CI=true");
            return None;
        }
        let nobody_can_run = StdCommand::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "test", "-x"])
            .arg(&bin)
            .status()
            .is_ok_and(|s| s.success());
        if nobody_can_run {
            return Some(Unprivileged {
                bin,
                as_nobody: true,
                _copy: None,
            });
        }
        use std::os::unix::fs::PermissionsExt;
        let copy = tempfile::tempdir().unwrap();
        std::fs::set_permissions(copy.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let to = copy.path().join("pobox");
        std::fs::copy(&bin, &to).unwrap();
        std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o755)).unwrap();
        Some(Unprivileged {
            bin: to,
            as_nobody: true,
            _copy: Some(copy),
        })
    }

    fn run(&self, dir: &Path, args: &[&str]) -> (i32, String, String) {
        let mut cmd = if self.as_nobody {
            let mut c = StdCommand::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(&self.bin);
            c
        } else {
            StdCommand::new(&self.bin)
        };
        let o = support::pin(&mut cmd, dir, TODAY).current_dir(dir).args(args).output().unwrap();
        support::outcome(o)
    }
}

/// A workspace an unprivileged user can enter (the temp folder is 0700 by default).
#[cfg(unix)]
fn open_to_others(ws: &Ws) {
    use std::os::unix::fs::PermissionsExt;
    for e in walkdir::WalkDir::new(ws.path()).into_iter().flatten() {
        let mode = if e.file_type().is_dir() { 0o755 } else { 0o644 };
        let _ = std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode));
    }
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_diagnostics_not_aborts() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Ws::new();
    ws.write("backlog/stories/S-1.md", &story("S-1", "Readable story", ""));
    ws.write("backlog/stories/S-2.md", &story("S-2", "Locked story", ""));
    ws.write("backlog/epics/E-1.md", "---\nid: E-1\ntitle: Locked epic\n---\n");
    open_to_others(&ws);
    std::fs::set_permissions(ws.path().join("backlog/stories/S-2.md"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(ws.path().join("backlog/epics"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let Some(user) = Unprivileged::new() else {
        println!("skipped: running as root without setpriv, so chmod 000 does not deny reads");
        std::fs::set_permissions(ws.path().join("backlog/epics"), std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    };
    let (code, out, err) = user.run(ws.path(), &["validate", "--format", "short"]);
    std::fs::set_permissions(ws.path().join("backlog/epics"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 1, "a finding, not an abort:\n{out}{err}");
    assert!(
        out.contains("backlog/stories/S-2.md: error[PO014]: cannot read: permission denied"),
        "{out}{err}"
    );
    assert!(
        out.contains("backlog/epics: error[PO014]: cannot read: permission denied"),
        "{out}{err}"
    );
    let (code, out, err) = user.run(ws.path(), &["story", "list"]);
    assert!(out.contains("Readable story"), "the rest is listed: {code}\n{out}{err}");
    assert!(out.contains("BROKEN"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_read_only_workspace_gives_a_clear_error_and_writes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Ws::new();
    ws.write(
        "backlog/stories/S-1.md",
        &story("S-1", "Pay by card", "points: 3\nmoscow: must\nsprint: SP-1\n"),
    );
    ws.write(
        "backlog/sprints/SP-1.md",
        "---\nid: SP-1\ntitle: Sprint 1\nstart: 2026-11-16\nend: 2026-11-27\nstatus: planned\n---\n",
    );
    ws.commit("2026-11-02T10:00:00Z", "start");
    open_to_others(&ws);
    let stories = ws.path().join("backlog/stories");
    for e in walkdir::WalkDir::new(ws.path().join("backlog")).into_iter().flatten() {
        let mode = if e.file_type().is_dir() { 0o555 } else { 0o444 };
        std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let before = ws.snapshot();
    let attempts: [&[&str]; 5] = [
        &["set", "S-1", "status=ready"],
        &["story", "move", "S-1", "in-progress"],
        &["story", "new", "Another"],
        &["prioritize", "--method", "moscow", "--write"],
        &["sprint", "start", "SP-1"],
    ];
    let user = Unprivileged::new();
    for args in attempts {
        let Some(user) = &user else { break };
        let (code, out, err) = user.run(ws.path(), args);
        assert_eq!(code, 2, "pobox {args:?}:\n{out}{err}");
        assert!(
            err.contains("backlog/stories") || err.contains("backlog/sprints"),
            "the error names the file or folder: {err}"
        );
        assert!(err.to_lowercase().contains("permission denied"), "{err}");
    }
    for e in walkdir::WalkDir::new(ws.path().join("backlog")).into_iter().flatten() {
        let mode = if e.file_type().is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    if user.is_none() {
        println!("skipped: running as root without setpriv, so read-only bits do not deny writes");
        return;
    }
    assert_eq!(ws.snapshot(), before, "nothing was half-written");
    assert!(temp_files(ws.path()).is_empty(), "temp files left: {:?}", temp_files(ws.path()));
    assert!(stories.join("S-1.md").exists());
}

#[test]
fn a_file_vanishing_between_listing_and_reading_is_a_diagnostic() {
    let ws = Ws::new();
    ws.write("backlog/stories/S-1.md", &story("S-1", "Stays", ""));
    ws.write("backlog/stories/S-2.md", &story("S-2", "Vanishes", ""));
    let (config, _) = pobox::workspace::read_config(ws.path()).unwrap();
    let (files, diags) = pobox::workspace::item_files(ws.path(), &config);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(files.len(), 2);
    std::fs::remove_file(ws.path().join("backlog/stories/S-2.md")).unwrap();
    let mut read = Vec::new();
    for f in &files {
        let kind = f.kind.unwrap();
        read.push(pobox::workspace::read_item_file(ws.path(), &config, kind, &f.path, true));
    }
    assert_eq!(read[0].0.title, "Stays");
    assert!(read[0].1.is_empty());
    let (gone, diags) = &read[1];
    assert!(gone.broken.is_some(), "the vanished file is shown as broken");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, pobox::diag::Code::Unreadable);
    assert!(diags[0].message.contains("vanished"), "{}", diags[0].message);
    // The same through the parallel reader the commands use.
    let cache = pobox::cache::ParseCache::disabled();
    let reader = pobox::source::FileReader::new(ws.path(), &config, true, pobox::source::Version::WorkTree, None, &cache);
    let list: Vec<_> = files.iter().map(|f| (f.kind.unwrap(), f.path.clone())).collect();
    let (items, diags) = reader.read_all(&list, None);
    assert_eq!(items.len(), 2);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, pobox::diag::Code::Unreadable);
}

// ---------------------------------------------------------------------------------------
// Never lose data on write.

/// A workspace with `n` open stories scored with MoSCoW, all in the active sprint SP-1,
/// and a planned sprint SP-2 to carry them to.
fn many_stories(n: usize) -> Ws {
    let ws = Ws::new();
    ws.write(
        "backlog/sprints/SP-1.md",
        "---\nid: SP-1\ntitle: Sprint 1\nstart: 2026-11-09\nend: 2026-11-20\nstatus: active\n---\n",
    );
    ws.write(
        "backlog/sprints/SP-2.md",
        "---\nid: SP-2\ntitle: Sprint 2\nstart: 2026-11-23\nend: 2026-12-04\nstatus: planned\n---\n",
    );
    let moscow = ["must", "should", "could"];
    for i in 1..=n {
        ws.write(
            &format!("backlog/stories/S-{i}.md"),
            &story(
                &format!("S-{i}"),
                &format!("Story number {i}"),
                &format!("points: 3\nsprint: SP-1\nmoscow: {}\n", moscow[i % 3]),
            ),
        );
    }
    ws.commit("2026-11-09T10:00:00Z", "sprint 1");
    ws
}

fn run_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    support::outcome(support::pobox(dir, TODAY).args(args).envs(env.iter().copied()).output().unwrap())
}

/// Every write command re-reads the file just before replacing it and refuses when it
/// changed since pobox read it. The edit is made by a fault-injection point compiled into
/// debug builds only (`POBOX_FAULT_EDIT_BEFORE_REPLACE` in src/fsio.rs), at the last moment
/// before the check, as an editor saving then would.
#[test]
fn a_file_changed_on_disk_since_it_was_read_is_never_overwritten() {
    let cases: [(&[&str], &str); 5] = [
        (&["set", "S-2", "points=5"], "S-2.md"),
        (&["story", "move", "S-2", "ready"], "S-2.md"),
        (&["prioritize", "--method", "moscow", "--write"], "S-2.md"),
        (&["sprint", "close", "SP-1", "--carry-to", "SP-2"], "S-2.md"),
        (&["sprint", "close", "SP-1", "--carry-to", "SP-2"], "SP-1.md"),
    ];
    for (args, victim) in cases {
        let ws = many_stories(4);
        let rel = if victim.starts_with("SP") {
            format!("backlog/sprints/{victim}")
        } else {
            format!("backlog/stories/{victim}")
        };
        let before = ws.read(&rel);
        let (code, out, err) = run_with_env(ws.path(), args, &[("POBOX_FAULT_EDIT_BEFORE_REPLACE", victim)]);
        assert_eq!(code, 2, "pobox {args:?} must refuse:\n{out}{err}");
        assert!(
            err.contains(&format!("{victim} changed on disk while pobox was editing it")),
            "pobox {args:?}: {err}"
        );
        let after = ws.read(&rel);
        assert_eq!(
            after,
            format!("{before}\nEdited in another window.\n"),
            "the other edit is kept whole"
        );
        assert!(temp_files(ws.path()).is_empty());
        // Run again without the concurrent edit: it goes through.
        let (code, out, err) = ws.pobox(args);
        assert_eq!(code, 0, "pobox {args:?} after the refusal:\n{out}{err}");
        assert!(ws.read(&rel).contains("Edited in another window."), "still there after the rerun");
    }
}

#[test]
fn files_with_merge_conflict_markers_are_never_edited() {
    let ws = many_stories(2);
    let conflicted = "---\nid: S-1\ntitle: Story number 1\nstatus: draft\n<<<<<<< HEAD\npoints: 3\n=======\npoints: 5\n>>>>>>> other\nsprint: SP-1\n---\nBody.\n";
    ws.write("backlog/stories/S-1.md", conflicted);
    let body_conflict = "---\nid: S-2\ntitle: Story number 2\nstatus: draft\npoints: 3\nsprint: SP-1\n---\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n";
    ws.write("backlog/stories/S-2.md", body_conflict);
    for (id, text) in [("S-1", conflicted), ("S-2", body_conflict)] {
        for args in [vec!["set", id, "points=8"], vec!["story", "move", id, "ready"]] {
            let (code, out, err) = ws.pobox(&args);
            assert_eq!(code, 2, "pobox {args:?}:\n{out}{err}");
            assert!(err.contains("merge conflict") || err.contains("merge-conflict"), "{err}");
            assert!(err.contains(&format!("backlog/stories/{id}.md")), "names the file: {err}");
        }
        assert_eq!(ws.read(&format!("backlog/stories/{id}.md")), text);
    }
    // Multi-file writes skip nothing silently: the conflicted files are left as they are.
    let _ = ws.pobox(&["sprint", "close", "SP-1", "--carry-to", "SP-2"]);
    let _ = ws.pobox(&["prioritize", "--method", "moscow", "--write"]);
    assert_eq!(ws.read("backlog/stories/S-1.md"), conflicted);
    assert_eq!(ws.read("backlog/stories/S-2.md"), body_conflict);
    let (code, out, _) = ws.pobox(&["validate", "--format", "short"]);
    assert_eq!(code, 1);
    assert!(out.contains("backlog/stories/S-1.md:5:1: error[PO006]"), "{out}");
}

/// SIGKILL at random moments during multi-file writes: afterwards every file holds exactly
/// its old bytes or exactly its new bytes, and the temp files a kill may leave are never
/// read as items.
#[cfg(unix)]
#[test]
fn killing_pobox_mid_write_never_tears_a_file() {
    let n = 50;
    let commands: [&[&str]; 2] = [
        &["sprint", "close", "SP-1", "--carry-to", "SP-2"],
        &["prioritize", "--method", "moscow", "--write"],
    ];
    let iterations: u64 = std::env::var("POBOX_CRASH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(25);
    let template = many_stories(n);
    let old = template.snapshot();
    for args in commands {
        // The expected new bytes: the command run to completion on a copy.
        let done = copy_workspace(template.path());
        let o = support::pobox_std(done.path(), TODAY).args(args).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let new = snapshot(done.path());
        let changed = old.iter().filter(|(p, b)| new.get(*p) != Some(*b)).count();
        assert!(changed >= n, "{args:?} changes {changed} files");
        // How long a whole run takes, to spread the kills over it.
        let started = Instant::now();
        let probe = copy_workspace(template.path());
        support::pobox_std(probe.path(), TODAY).args(args).output().unwrap();
        let full = started.elapsed().as_micros().max(1000) as u64;
        let mut torn_runs = 0;
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for i in 0..iterations {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let delay = Duration::from_micros(seed % full + i);
            let ws = copy_workspace(template.path());
            let mut child = support::pobox_std(ws.path(), TODAY)
                .args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(delay);
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
            let now = snapshot(ws.path());
            let mut old_files = 0;
            let mut new_files = 0;
            for (path, bytes) in &now {
                if path.file_name().unwrap().to_string_lossy().starts_with(".pobox-") {
                    continue;
                }
                match (old.get(path), new.get(path)) {
                    (Some(o), _) if o == bytes => old_files += 1,
                    (_, Some(n)) if n == bytes => new_files += 1,
                    _ => panic!(
                        "{args:?} killed after {delay:?}: {} is torn:\n{}",
                        path.display(),
                        String::from_utf8_lossy(bytes)
                    ),
                }
            }
            assert_eq!(now.len() - temp_files(ws.path()).len(), old.len(), "no file lost or added");
            if old_files > 0 && new_files > 0 {
                torn_runs += 1;
            }
            // Leftover temp files are never read as items, and a rerun finishes the job.
            let (code, out, err) = pobox_on(ws.path(), TODAY, &["validate", "--format", "short"]);
            assert!(code == 0 || code == 1, "{out}{err}");
            assert!(!out.contains(".pobox-"), "a temp file was read: {out}");
            let finished = now
                .iter()
                .filter(|(p, _)| !p.file_name().unwrap().to_string_lossy().starts_with(".pobox-"))
                .eq(new.iter());
            if finished {
                continue; // killed after the last write: nothing left to finish
            }
            let (code, out, err) = pobox_on(ws.path(), TODAY, args);
            assert_eq!(code, 0, "the rerun after a kill finishes the job:\n{out}{err}");
            let after: BTreeMap<_, _> = snapshot(ws.path())
                .into_iter()
                .filter(|(p, _)| !p.file_name().unwrap().to_string_lossy().starts_with(".pobox-"))
                .collect();
            assert_eq!(after, new, "{args:?}: the rerun after a kill at {delay:?} gives the same files");
        }
        assert!(torn_runs > 0, "no kill landed between two writes: the test proved nothing");
        println!("{args:?}: {iterations} kills, {torn_runs} of them in the middle of the writes (whole run {full} µs)");
    }
}

/// A copy of a workspace (with its `.git`) in a new temp folder.
fn copy_workspace(from: &Path) -> tempfile::TempDir {
    let to = tempfile::tempdir().unwrap();
    let o = StdCommand::new("cp")
        .arg("-a")
        .arg(format!("{}/.", from.display()))
        .arg(to.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    to
}

// ---------------------------------------------------------------------------------------
// Reports and terminal output are injection-safe.

/// Text that tries every trick: HTML and script, a `javascript:` link, Markdown and
/// Mermaid metacharacters, ANSI colour and OSC 8 hyperlink escapes, a bell, a line break
/// followed by a heading, a table row and a GitHub workflow command.
const HOSTILE: &str = "<script>document.title='PWNED'</script> \"><img src=x onerror=document.body.dataset.pwned=1> [click](javascript:alert(1)) | * _ [ ] ( ) # ``` %% { } ; : A-->B \u{1b}[31mRED\u{1b}]8;;http://evil.example\u{7}link\u{1b}]8;;\u{7} \u{9b}2J\r\n# INJECTED heading\n| INJECTED | row |\n::error file=x.md::INJECTED";

/// Mermaid's metacharacters first, so that they fall inside the part of a label a chart
/// keeps (labels are cut at 60 characters).
const MERMAID_FIRST: &str = "Q\" : ; %% {x} [y] A-->B #35; ``` `x` <br> \\ \nnext line %%{init: {}}%% ";

/// A YAML double-quoted scalar holding `s` exactly.
fn yaml_dq(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A workspace whose every piece of user text is hostile, with a sprint in git history so
/// every report has something to show.
fn hostile_workspace() -> Ws {
    let ws = Ws::new();
    let h = yaml_dq(HOSTILE);
    let m = yaml_dq(&format!("{MERMAID_FIRST}{HOSTILE}"));
    // Raw control bytes in bodies, where YAML escaping does not apply.
    let body =
        format!("As a shopper, I want {HOSTILE}, so that {HOSTILE}.\n\n## Acceptance criteria\n\n- [ ] Given {HOSTILE}, when x, then y.\n");
    ws.write(
        "backlog/epics/E-1.md",
        &format!("---\nid: E-1\ntitle: {m}\nstatus: in-progress\nhorizon: now\ntarget: 2026-12-20\n---\n{body}"),
    );
    ws.write(
        "backlog/stakeholders/dana.md",
        &format!(
            "---\nid: dana\ntitle: {h}\nrole: {h}\norganization: {h}\npower: high\ninterest: high\ncadence_days: 14\n---\n{HOSTILE}\n"
        ),
    );
    ws.write(
        "backlog/sprints/SP-1.md",
        &format!(
            "---\nid: SP-1\ntitle: {m}\nstart: 2026-11-09\nend: 2026-11-20\ngoal: {h}\ncapacity: 20\nstatus: active\n---\n{HOSTILE}\n"
        ),
    );
    for (i, status) in [(1, "in-progress"), (2, "in-progress"), (3, "ready")] {
        ws.write(
            &format!("backlog/stories/S-{i}.md"),
            &format!(
                "---\nid: S-{i}\ntitle: {h}\nstatus: {status}\nepic: E-1\npoints: 3\nsprint: SP-1\nstakeholders: [dana]\nlabels: [{h}]\nassignee: {h}\nmoscow: must\n---\n{body}"
            ),
        );
    }
    ws.write(
        "backlog/risks/R-1.md",
        &format!("---\nid: R-1\ntitle: {h}\nstatus: open\nlikelihood: 4\nimpact: 5\nowner: {h}\nmitigation: {h}\n---\n{HOSTILE}\n"),
    );
    ws.write(
        "backlog/meetings/2026-11-12-sprint-review.md",
        &format!(
            "---\nid: 2026-11-12-sprint-review\ntitle: {h}\ntype: sprint-review\ndate: 2026-11-12\nattendees: [dana]\nsprint: SP-1\n---\n\n## Decisions\n\n- {HOSTILE}\n\n## Action items\n\n- [ ] @dana {HOSTILE} (due: 2026-11-13)\n- [ ] @dana <b>bold</b> | pipe `tick` \u{1b}[2J (due: 2026-12-30)\n"
        ),
    );
    ws.commit("2026-11-09T09:00:00Z", "sprint 1 starts");
    let s1 = ws.read("backlog/stories/S-1.md").replace("status: in-progress", "status: done");
    ws.write("backlog/stories/S-1.md", &s1);
    ws.commit("2026-11-12T09:00:00Z", "S-1 done");
    // Values that end up inside diagnostic messages, and a file name with `,`, `:` and `%`.
    ws.write(
        "backlog/stories/S-20.md",
        &format!("---\nid: S-20\ntitle: Values in messages\nstatus: {h}\nepic: {h}\ndepends_on: [{h}]\n---\nNo sentence.\n"),
    );
    ws.write(
        "backlog/stories/S-21-a,b:c%d.md",
        "---\nid: S-21\ntitle: Odd file name\nstatus: draft\n---\nNo sentence.\n",
    );
    ws
}

/// Terminal text: no escape, bell or other control character but line breaks.
fn assert_no_control(what: &str, text: &str) {
    for (n, line) in text.lines().enumerate() {
        if let Some(c) = line.chars().find(|c| c.is_control()) {
            panic!("{what}: line {} has control character {:?}:\n{line}", n + 1, c);
        }
    }
}

/// Terminal text with no control characters, where user text never starts a line of its own.
fn assert_terminal_safe(what: &str, text: &str) {
    assert_no_control(what, text);
    for line in text.lines() {
        assert!(
            !line.starts_with("# INJECTED") && !line.starts_with("::error file=x.md"),
            "{what}: injected line: {line}"
        );
    }
}

/// Pipes that end a Markdown table cell: those not escaped by a backslash.
fn cell_pipes(line: &str) -> usize {
    let mut n = 0;
    let mut backslashes = 0;
    for c in line.chars() {
        if c == '|' && backslashes % 2 == 0 {
            n += 1;
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    n
}

fn assert_markdown_safe(what: &str, md: &str) {
    assert_terminal_safe(what, md);
    let mut in_fence: Option<String> = None;
    let mut table_pipes: Option<usize> = None;
    let live_js_link = regex::Regex::new(r"(^|[^\\])\]\(javascript:").unwrap();
    for line in md.lines() {
        if let Some(lang) = line.strip_prefix("```") {
            in_fence = match in_fence {
                Some(_) => None,
                None => Some(lang.to_owned()),
            };
            continue;
        }
        match &in_fence {
            Some(lang) if lang == "mermaid" => {
                assert!(
                    !line.contains("%%") && !line.contains("INJECTED heading"),
                    "{what}: Mermaid line: {line}"
                );
                assert!(line.matches('"').count() % 2 == 0, "{what}: unbalanced quote in Mermaid: {line}");
                assert!(
                    !line.contains('<') && !line.contains('>') || line.contains("-->") && !line.contains("A-->B"),
                    "{what}: {line}"
                );
                continue;
            }
            Some(_) => continue,
            None => {}
        }
        assert!(
            !line.contains("<script") && !line.contains("<img") && !line.contains("<b>"),
            "{what}: raw HTML: {line}"
        );
        assert!(!live_js_link.is_match(line), "{what}: a live javascript: link: {line}");
        if line.starts_with('|') {
            let pipes = cell_pipes(line);
            match table_pipes {
                None => table_pipes = Some(pipes),
                Some(p) => assert_eq!(pipes, p, "{what}: a cell broke the table:\n{line}"),
            }
        } else {
            table_pipes = None;
        }
    }
    assert!(in_fence.is_none(), "{what}: a code fence was left open");
}

fn assert_html_safe(what: &str, html: &str) {
    assert!(html.contains("Content-Security-Policy"), "{what}: no CSP");
    let tag = regex::Regex::new(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)([^>]*)>").unwrap();
    let handler = regex::Regex::new(r"\son[a-z]+\s*=").unwrap();
    for c in tag.captures_iter(html) {
        let name = c[2].to_ascii_lowercase();
        let attrs = c[3].to_ascii_lowercase();
        assert!(
            !matches!(
                name.as_str(),
                "script" | "img" | "iframe" | "a" | "object" | "embed" | "link" | "b" | "form" | "base"
            ),
            "{what}: <{name}> tag from user text: {}",
            &c[0]
        );
        assert!(!handler.is_match(&attrs), "{what}: event handler: {}", &c[0]);
        assert!(!attrs.contains("javascript:"), "{what}: {}", &c[0]);
    }
    assert!(
        !html.contains('\u{1b}') && !html.contains('\u{7}'),
        "{what}: control characters in HTML"
    );
}

#[test]
fn reports_and_terminal_output_are_injection_safe() {
    let ws = hostile_workspace();
    let today = "2026-11-16";
    let run = |args: &[&str]| -> String {
        let (code, out, err) = pobox_on(ws.path(), today, args);
        assert!(code == 0 || code == 1, "pobox {args:?} exited {code}:\n{out}{err}");
        assert_terminal_safe(&format!("stderr of {args:?}"), &err);
        out
    };
    // Terminal views.
    for args in [
        &["story", "list"][..],
        &["epic", "list"],
        &["stakeholder", "list"],
        &["meeting", "list"],
        &["sprint", "list"],
        &["risk", "list"],
        &["show", "S-1"],
        &["show", "dana"],
        &["show", "R-1"],
        &["show", "2026-11-12-sprint-review"],
        &["board", "SP-1"],
        &["status"],
        &["history", "S-1"],
        &["metrics"],
        &["prioritize", "--method", "moscow"],
        &["prioritize", "--method", "moscow", "--format", "md"],
        &["sprint", "plan", "SP-1"],
        &["validate"],
        &["validate", "--format", "short"],
    ] {
        let out = run(args);
        if args.contains(&"md") {
            assert_markdown_safe(&format!("{args:?}"), &out);
        } else if args[0] == "show" {
            // `show` prints the file itself, line breaks of the body included.
            assert_no_control(&format!("{args:?}"), &out);
        } else {
            assert_terminal_safe(&format!("{args:?}"), &out);
        }
    }
    // CSV: every record has the header's number of fields.
    let csv_text = run(&["story", "list", "--format", "csv"]);
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let width = rdr.headers().unwrap().len();
    let records: Vec<_> = rdr.records().map(Result::unwrap).collect();
    assert!(records.len() >= 4 && records.iter().all(|r| r.len() == width), "{csv_text}");
    // GitHub annotations: one command per line, data and properties escaped.
    let gh = run(&["validate", "--format", "github"]);
    let line_re = regex::Regex::new(r"^::(error|warning|notice) file=[^,:\r\n]*(,line=\d+(,col=\d+)?)?,title=PO\d{3}::[^\r\n]*$").unwrap();
    assert!(!gh.is_empty());
    for line in gh.lines() {
        assert!(line_re.is_match(line), "not one well-formed workflow command: {line}");
        assert!(!line.chars().any(char::is_control), "{line}");
    }
    assert!(gh.contains("file=backlog/stories/S-21-a%2Cb%3Ac%25d.md"), "{gh}");
    assert!(
        gh.contains("%0A") || gh.contains("\u{240a}"),
        "the hostile line breaks show as escapes: {gh}"
    );
    // SARIF and JSON parse, and keep the text exactly.
    let sarif: serde_json::Value = serde_json::from_str(&run(&["validate", "--format", "sarif"])).unwrap();
    assert!(sarif["runs"][0]["results"].as_array().is_some_and(|r| !r.is_empty()));
    let json: serde_json::Value = serde_json::from_str(&run(&["story", "list", "--format", "json"])).unwrap();
    assert!(
        json.to_string().contains(&serde_json::to_string(HOSTILE).unwrap()[1..20]),
        "JSON keeps the text"
    );
    // Every report in every format.
    let reports: [&[&str]; 7] = [
        &["report", "sprint", "SP-1"],
        &["report", "actions"],
        &["report", "risks"],
        &["report", "stakeholders"],
        &["report", "roadmap"],
        &["report", "epics"],
        &["report", "backlog"],
    ];
    for report in reports {
        let md = run(&[report, &["--format", "md"]].concat());
        if let Ok(d) = std::env::var("POBOX_DUMP_DIR") {
            std::fs::write(Path::new(&d).join(format!("{}.md", report[1])), &md).unwrap();
            std::fs::write(
                Path::new(&d).join(format!("{}.html", report[1])),
                run(&[report, &["--format", "html"]].concat()),
            )
            .unwrap();
        }
        assert_markdown_safe(&format!("{report:?} md"), &md);
        let html = run(&[report, &["--format", "html"]].concat());
        assert_html_safe(&format!("{report:?} html"), &html);
        let text = run(&[report, &["--format", "text"]].concat());
        assert_terminal_safe(&format!("{report:?} text"), &text);
        let json = run(&[report, &["--format", "json"]].concat());
        let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{report:?} json: {e}"));
        assert!(!v.is_null());
    }
}

/// Chromium opens each hostile HTML report and runs whatever it would run: the payloads
/// would retitle the page or mark the body, and neither happens. The same payload pasted
/// raw into a page without a CSP does both, so the check can see a script that ran.
#[test]
fn hostile_html_reports_run_no_script_in_chromium() {
    let Some(chromium) = support::chromium() else { return };
    let dump = |page: &Path| -> String {
        let profile = tempfile::tempdir().unwrap();
        let o = support::headless(&chromium, profile.path())
            .args(["--virtual-time-budget=2000", "--dump-dom"])
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap();
        let dom = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(
            dom.contains("<body"),
            "chromium gave no DOM: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        dom
    };
    let ws = hostile_workspace();
    let out = tempfile::tempdir().unwrap();
    // The control: the payload as raw HTML, without a CSP, runs.
    let raw = out.path().join("raw.html");
    std::fs::write(
        &raw,
        format!("<!doctype html><html><head><title>raw</title></head><body><p>{HOSTILE}</p></body></html>"),
    )
    .unwrap();
    let dom = dump(&raw);
    assert!(
        dom.contains("<title>PWNED</title>") && dom.contains("data-pwned=\"1\""),
        "the control did not run:\n{dom}"
    );
    for report in ["sprint", "actions", "risks", "stakeholders", "roadmap", "epics", "backlog"] {
        let page = out.path().join(format!("{report}.html"));
        let (code, o, err) = pobox_on(
            ws.path(),
            "2026-11-16",
            &["report", report, "--format", "html", "--out", page.to_str().unwrap()],
        );
        assert_eq!(code, 0, "{o}{err}");
        let dom = dump(&page);
        assert!(!dom.contains("<title>PWNED</title>"), "{report}: a script retitled the page");
        assert!(!dom.contains("data-pwned=\"1\""), "{report}: an event handler ran");
        assert!(
            !dom.contains("<script") && !dom.contains("<img"),
            "{report}: a tag from user text reached the DOM"
        );
        assert!(dom.contains("PWNED"), "{report}: the hostile text is shown, as text");
    }
}

// ---------------------------------------------------------------------------------------
// Ids, titles and names from input never escape the workspace.

#[test]
fn titles_ids_and_names_never_escape_the_workspace() {
    let parent = tempfile::tempdir().unwrap();
    let root = parent.path().join("repo");
    std::fs::create_dir(&root).unwrap();
    support::git(&root, "2026-11-02T10:00:00Z", &["init", "-q", "-b", "main"]);
    assert_eq!(pobox_on(&root, TODAY, &["init"]).0, 0);
    let run = |args: &[&str]| pobox_on(&root, TODAY, args);
    let outside = || {
        snapshot(parent.path())
            .into_keys()
            .filter(|p| !p.starts_with("repo"))
            .collect::<Vec<_>>()
    };

    // Titles are data, never paths: each story gets its numbered file, the title kept exactly.
    let long = "x".repeat(10_000);
    let titles = [
        "../../../etc/evil",
        "/etc/passwd",
        "C:\\Windows\\System32\\evil",
        ".git",
        "CON",
        "NUL.md",
        "bell\u{7} esc\u{1b}[31m red\r\nline two",
        long.as_str(),
    ];
    for (i, title) in titles.iter().enumerate() {
        let (code, out, err) = run(&["story", "new", title]);
        assert_eq!(code, 0, "{title:?}: {err}");
        let id = format!("S-{}", i + 1);
        assert_eq!(out.trim(), format!("Created {id} backlog/stories/{id}.md"), "{title:?}");
    }
    let list: serde_json::Value = serde_json::from_str(&run(&["story", "list", "--format", "json"]).1).unwrap();
    let stored: Vec<String> = list["items"]
        .as_array()
        .or(list.as_array())
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect();
    for title in titles {
        assert!(stored.iter().any(|s| s == title), "title {title:?} not kept exactly");
    }
    // Handles name files: anything that is not a plain handle is refused, nothing written.
    let before = snapshot(&root);
    for handle in [
        "../x",
        "/etc/passwd",
        ".git",
        ".",
        "..",
        "a/b",
        "a\\b",
        "con",
        "NUL",
        "com1",
        "lpt9",
        "Dana",
        "\u{1b}[31m",
        long.as_str(),
        "",
    ] {
        let (code, out, err) = run(&["stakeholder", "new", handle]);
        assert_eq!(code, 2, "handle {handle:?} accepted: {out}");
        assert!(err.starts_with("error: "), "{err}");
        assert!(!err.contains('\u{1b}'), "{err}");
    }
    // Meeting types pick a template and name the file: only the known ones.
    for t in ["../x", "../../templates/story", "/etc/passwd", "retrospective/../../x"] {
        let (code, _, err) = run(&["meeting", "new", t]);
        assert_eq!(code, 2, "meeting type {t:?}: {err}");
        assert!(err.contains("unknown meeting type"), "{err}");
    }
    let (code, out, _) = run(&["meeting", "new", "retrospective", "--title", "../../../x/.git/CON"]);
    assert_eq!(code, 0);
    assert!(out.contains("backlog/meetings/2026-11-22-retrospective.md"), "{out}");
    let (code, out, _) = run(&["sprint", "new", "--start", "2026-11-23", "--title", "../../x"]);
    assert_eq!(code, 0);
    assert!(out.contains("backlog/sprints/SP-1.md"), "{out}");
    let (code, out, _) = run(&["risk", "new", "/etc/passwd"]);
    assert_eq!(code, 0);
    assert!(out.contains("backlog/risks/R-1.md"), "{out}");
    // Ids given to look-ups are only ever matched against the items read.
    for args in [
        &["show", "../../../etc/passwd"][..],
        &["show", "/etc/passwd"],
        &["history", "../../etc/passwd"],
        &["set", "../S-1", "status=ready"],
        &["story", "move", "/etc/passwd", "ready"],
        &["sprint", "close", "../SP-1"],
        &["sprint", "close", "SP-1", "--carry-to", "../../x"],
        &["sprint", "plan", "/etc/passwd"],
        &["report", "sprint", "../SP-1"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(!out.contains("root:"), "{args:?} read /etc/passwd");
    }
    // A numbering prefix from pobox.yaml is part of file names: one that could climb out is
    // a configuration error, not a path.
    let config = std::fs::read_to_string(root.join("pobox.yaml")).unwrap();
    std::fs::write(root.join("pobox.yaml"), format!("{config}id_prefixes: {{story: \"../../S\"}}\n")).unwrap();
    let (code, _, err) = run(&["story", "new", "Escape"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("id prefix"), "{err}");
    std::fs::write(root.join("pobox.yaml"), format!("{config}backlog_dir: ../elsewhere\n")).unwrap();
    assert_eq!(run(&["story", "new", "Escape"]).0, 2);
    std::fs::write(root.join("pobox.yaml"), &config).unwrap();

    assert!(outside().is_empty(), "files written outside the repository: {:?}", outside());
    let after = snapshot(&root);
    let new_files: Vec<_> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    for p in &new_files {
        let p = p.to_string_lossy();
        assert!(
            p == "backlog/meetings/2026-11-22-retrospective.md" || p == "backlog/sprints/SP-1.md" || p == "backlog/risks/R-1.md",
            "unexpected file {p}"
        );
    }
    for p in after.keys() {
        assert!(p.to_string_lossy().len() < 120, "a file name grew with its title: {}", p.display());
    }
}

// ---------------------------------------------------------------------------------------
// Concurrency.

/// `pobox validate` (and `list`) in a loop while another thread writes, truncates, renames
/// and deletes backlog files: every run ends with 0 or 1, never 2 from an I/O abort or 101
/// from a panic.
#[test]
fn validate_survives_files_changing_under_it() {
    let ws = many_stories(40);
    let root = ws.path().to_path_buf();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let root = root.clone();
        std::thread::spawn(move || {
            let stories = root.join("backlog/stories");
            let mut n: usize = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                let k = n % 40 + 1;
                let path = stories.join(format!("S-{k}.md"));
                let text = story(&format!("S-{k}"), &format!("Rewritten {n}"), "points: 5\n");
                match n % 5 {
                    // Rewritten in place: a reader may see it empty or half-written.
                    0 => {
                        let _ = std::fs::write(&path, &text[..text.len() / 2]);
                        let _ = std::fs::write(&path, &text);
                    }
                    // Replaced by rename, as editors and pobox do.
                    1 => {
                        let tmp = stories.join(format!(".tmp-{n}"));
                        let _ = std::fs::write(&tmp, &text);
                        let _ = std::fs::rename(&tmp, &path);
                    }
                    // Renamed away and back.
                    2 => {
                        let other = stories.join(format!("S-{k}-moved.md"));
                        let _ = std::fs::rename(&path, &other);
                        let _ = std::fs::rename(&other, &path);
                    }
                    // Deleted and recreated.
                    3 => {
                        let _ = std::fs::remove_file(&path);
                        let _ = std::fs::write(&path, &text);
                    }
                    // A folder appears and goes.
                    _ => {
                        let dir = stories.join("nested");
                        let _ = std::fs::create_dir_all(&dir);
                        let _ = std::fs::write(
                            dir.join(format!("S-{}.md", 100 + k)),
                            story(&format!("S-{}", 100 + k), "Nested", ""),
                        );
                        let _ = std::fs::remove_dir_all(&dir);
                    }
                }
            }
            n
        })
    };
    let mut codes = BTreeMap::new();
    for i in 0..30 {
        let args: &[&str] = match i % 3 {
            0 => &["validate", "--format", "short"],
            1 => &["story", "list"],
            _ => &["validate"],
        };
        let (code, out, err) = pobox_on(&root, TODAY, args);
        assert!(
            code == 0 || code == 1,
            "pobox {args:?} exited {code} while files changed:\n{out}\n{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        *codes.entry(code).or_insert(0) += 1;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let writes = writer.join().unwrap();
    assert!(writes > 30, "the writer hardly ran ({writes} changes)");
    println!("30 runs during {writes} file changes, exit codes {codes:?}");
}

// ---------------------------------------------------------------------------------------
// Git edge cases.

const HISTORY_COMMANDS: [&[&str]; 4] = [
    &["history", "S-1"],
    &["metrics"],
    &["forecast", "--items", "3"],
    &["report", "sprint", "SP-1"],
];
const PLAIN_COMMANDS: [&[&str]; 6] = [
    &["story", "list"],
    &["validate", "--format", "short"],
    &["prioritize"],
    &["status"],
    &["report", "backlog"],
    &["story", "new", "Works anywhere"],
];

fn assert_history_refused(dir: &Path, today: &str, why: &str, fix: &str) {
    for args in HISTORY_COMMANDS {
        let (code, out, err) = pobox_on(dir, today, args);
        assert_eq!(code, 2, "pobox {args:?}:\n{out}{err}");
        assert!(
            err.starts_with("error: ") && err.contains(why),
            "pobox {args:?} does not say why: {err}"
        );
        assert!(err.contains(fix), "pobox {args:?} does not say how to fix it: {err}");
    }
}

fn assert_plain_commands_work(dir: &Path, today: &str) {
    for args in PLAIN_COMMANDS {
        let (code, out, err) = pobox_on(dir, today, args);
        assert!(code == 0 || code == 1, "pobox {args:?} exited {code}:\n{out}{err}");
    }
}

fn small_backlog(ws: &Ws) {
    ws.write("backlog/stories/S-1.md", &story("S-1", "Pay by card", "points: 3\nmoscow: must\n"));
    ws.write(
        "backlog/sprints/SP-1.md",
        "---\nid: SP-1\ntitle: Sprint 1\nstart: 2026-11-16\nend: 2026-11-27\nstatus: active\n---\n",
    );
}

#[test]
fn without_git_history_commands_say_why_and_the_rest_works() {
    let ws = Ws::plain();
    ws.pobox_ok(&["init"]);
    small_backlog(&ws);
    assert_history_refused(ws.path(), TODAY, "is not in a git repository", "git init");
    assert_plain_commands_work(ws.path(), TODAY);
}

#[test]
fn in_an_empty_repository_history_commands_say_why_and_the_rest_works() {
    let ws = Ws::new();
    small_backlog(&ws);
    assert_history_refused(ws.path(), TODAY, "no commits yet", "git commit");
    assert_plain_commands_work(ws.path(), TODAY);
}

/// The demo workspace (a repository with 36 commits of history), for history commands.
fn demo() -> tempfile::TempDir {
    let parent = tempfile::tempdir().unwrap();
    let (code, out, err) = pobox_on(parent.path(), "2026-10-14", &["demo", "shop"]);
    assert_eq!(code, 0, "{out}{err}");
    parent
}

#[test]
fn on_a_detached_head_everything_works() {
    let parent = demo();
    let dir = parent.path().join("shop");
    support::git(&dir, "2026-10-14T10:00:00Z", &["checkout", "-q", "--detach", "HEAD~1"]);
    for args in HISTORY_COMMANDS.iter().chain(PLAIN_COMMANDS.iter()) {
        let args: Vec<&str> = args.iter().map(|a| if *a == "SP-1" { "SP-2" } else { a }).collect();
        let (code, out, err) = pobox_on(&dir, "2026-10-14", &args);
        assert!(
            code == 0 || code == 1,
            "pobox {args:?} on a detached HEAD exited {code}:\n{out}{err}"
        );
        assert!(!out.is_empty(), "pobox {args:?} printed nothing");
    }
}

#[test]
fn in_a_shallow_clone_history_commands_say_why_and_the_rest_works() {
    let parent = demo();
    let clone = parent.path().join("clone");
    let url = format!("file://{}", parent.path().join("shop").display());
    support::git(
        parent.path(),
        "2026-10-14T10:00:00Z",
        &["clone", "-q", "--depth", "3", &url, "clone"],
    );
    assert_history_refused(&clone, "2026-10-14", "shallow clone", "git fetch --unshallow");
    assert_plain_commands_work(&clone, "2026-10-14");
}
