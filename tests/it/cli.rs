//! pobox as a user drives it: the real binary in temporary git repositories, with a pinned
//! date and git identity.

use std::process::Command as StdCommand;

use crate::support::{self, Session};

#[test]
fn init_scaffolds_once_and_never_overwrites() {
    let s = Session::bare_git();
    let out = s.ok(&["init", "--product", "Corner Shop"]);
    assert!(out.contains("created pobox.yaml"), "{out}");
    assert!(out.contains("created backlog/templates/meeting-retrospective.md"), "{out}");
    assert!(s.read("backlog/product.md").contains("## Product goal"));
    s.write(
        "backlog/templates/story.md",
        "---\nid:\ntitle:\nstatus: draft\nteam: blue\n---\nOur own template.\n",
    );
    let out = s.ok(&["init"]);
    assert_eq!(
        out,
        format!("Nothing to do: . is already a pobox workspace; no file was changed.\n")
    );
    assert!(s.read("backlog/templates/story.md").contains("Our own template."));
    assert_eq!(s.ok(&["story", "new", "Custom"]), "Created S-1 backlog/stories/S-1.md\n");
    assert_eq!(
        s.read("backlog/stories/S-1.md"),
        "---\nid: S-1\ntitle: Custom\nstatus: draft\nteam: blue\nowner: Pat Product\ncreated: 2026-11-22\n---\nOur own template.\n"
    );
}

#[test]
fn story_new_writes_a_clean_file() {
    let s = Session::new();
    let out = s.ok(&[
        "story",
        "new",
        "Checkout with a saved card",
        "--epic",
        "E-3",
        "--points",
        "5",
        "--label",
        "payments",
        "--stakeholder",
        "dana",
        "--depends-on",
        "S-40",
    ]);
    assert_eq!(out, "Created S-1 backlog/stories/S-1.md\n");
    let text = s.read("backlog/stories/S-1.md");
    let fm = text.split("---\n").nth(1).unwrap();
    assert_eq!(
        fm,
        "id: S-1\ntitle: Checkout with a saved card\nstatus: draft\nepic: E-3\npoints: 5\nlabels: [payments]\nstakeholders: [dana]\ndepends_on: [S-40]\nowner: Pat Product\ncreated: 2026-11-22\n"
    );
    assert!(text.contains("## Acceptance criteria"));
    assert_eq!(
        s.ok(&["story", "new", "Second", "--status", "ready"]),
        "Created S-2 backlog/stories/S-2.md\n"
    );
    let (code, _, err) = s.run(&["story", "new", "Bad", "--status", "redy"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `ready`?"), "{err}");
    let (code, _, err) = s.run(&["story", "new", "Bad", "--points", "4"]);
    assert_eq!(code, 2);
    assert!(err.contains("use one of 1, 2, 3, 5, 8, 13, 20"), "{err}");
}

#[test]
fn every_kind_and_every_meeting_type_can_be_created() {
    let s = Session::new();
    s.ok(&["epic", "new", "Checkout", "--horizon", "now", "--target", "2027-01-31"]);
    s.ok(&[
        "stakeholder",
        "new",
        "dana",
        "--name",
        "Dana Ruiz",
        "--role",
        "sponsor",
        "--power",
        "high",
        "--interest",
        "high",
    ]);
    assert_eq!(
        s.ok(&[
            "sprint",
            "new",
            "--start",
            "2026-12-01",
            "--goal",
            "Pay by card",
            "--capacity",
            "30"
        ]),
        "Created SP-1 backlog/sprints/SP-1.md\n"
    );
    let sprint = s.read("backlog/sprints/SP-1.md");
    assert!(
        sprint.contains("title: Sprint 1\nstart: 2026-12-01\nend: 2026-12-14\ngoal: Pay by card\ncapacity: 30\nstatus: planned\n"),
        "{sprint}"
    );
    s.ok(&[
        "risk",
        "new",
        "Card provider outage",
        "--likelihood",
        "2",
        "--impact",
        "5",
        "--related",
        "E-1",
    ]);
    for t in pobox::templates::MEETING_TYPES {
        let out = s.ok(&["meeting", "new", t, "--attendee", "dana", "--sprint", "SP-1"]);
        assert_eq!(out, format!("Created 2026-11-22-{t} backlog/meetings/2026-11-22-{t}.md\n"));
    }
    let retro = s.read("backlog/meetings/2026-11-22-retrospective.md");
    for section in ["## Start", "## Stop", "## Continue", "## Action items"] {
        assert!(retro.contains(section), "{retro}");
    }
    assert!(s.read("backlog/meetings/2026-11-22-sprint-review.md").contains("## Feedback"));
    let (code, _, err) = s.run(&["meeting", "new", "retro"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown meeting type `retro`"), "{err}");
    let (code, _, err) = s.run(&["stakeholder", "new", "../../etc/passwd"]);
    assert_eq!(code, 2, "{err}");
    assert!(!s.path().join("../etc").exists());
    let status = s.ok(&["status"]);
    assert!(status.contains("Every file reads cleanly."), "{status}");
}

#[test]
fn lists_filter_and_format() {
    let s = Session::new();
    s.ok(&["story", "new", "Pay by card", "--points", "5", "--epic", "E-1", "--label", "pay"]);
    s.ok(&[
        "story",
        "new",
        "Pay by voucher",
        "--points",
        "3",
        "--status",
        "ready",
        "--sprint",
        "SP-1",
    ]);
    s.ok(&[
        "story",
        "new",
        "A story with a rather long title that will not fit a narrow terminal",
        "--status",
        "ready",
    ]);
    let out = s.ok(&["story", "list", "--status", "ready"]);
    assert!(out.contains("S-2") && out.contains("S-3") && !out.contains("S-1 "), "{out}");
    let narrow = s.pobox(&["story", "list"]).env("COLUMNS", "60").output().unwrap();
    let narrow = String::from_utf8(narrow.stdout).unwrap();
    assert!(narrow.lines().all(|l| l.chars().count() <= 60), "{narrow}");
    assert!(narrow.contains('…'), "{narrow}");
    let json: serde_json::Value = serde_json::from_str(&s.ok(&["story", "list", "--label", "pay", "--format", "json"])).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["items"].as_array().unwrap().len(), 1);
    assert_eq!(json["items"][0]["id"], "S-1");
    assert_eq!(json["items"][0]["points"], 5);
    let csv = s.ok(&["story", "list", "--sprint", "SP-1", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.lines().nth(1).unwrap().starts_with("S-2,"), "{csv}");
    assert_eq!(s.ok(&["risk", "list"]), "No risks found.\n");
}

#[test]
fn ids_never_collide_across_branches() {
    let s = Session::new();
    s.commit("workspace");
    s.git(&["checkout", "-q", "-b", "alice"]);
    assert_eq!(s.ok(&["story", "new", "Alice's story"]), "Created S-1 backlog/stories/S-1.md\n");
    s.commit("alice");
    s.git(&["checkout", "-q", "main"]);
    s.git(&["checkout", "-q", "-b", "bob"]);
    assert!(!s.path().join("backlog/stories/S-1.md").exists());
    assert_eq!(s.ok(&["story", "new", "Bob's story"]), "Created S-2 backlog/stories/S-2.md\n");
    s.commit("bob");
    s.git(&["checkout", "-q", "main"]);
    s.git(&["merge", "-q", "alice", "bob", "-m", "merge"]);
    let json: serde_json::Value = serde_json::from_str(&s.ok(&["story", "list", "--format", "json"])).unwrap();
    let ids: Vec<_> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["S-1", "S-2"]);
}

#[test]
fn concurrent_creation_gives_distinct_ids() {
    let s = Session::new();
    let n = 20;
    let children: Vec<_> = (0..n)
        .map(|i| {
            let mut c = support::pobox_std(s.path(), "2026-11-22");
            c.args([
                "story",
                "new",
                &format!("Story {i}"),
                "--points",
                "3",
                "--label",
                &format!("run-{i}"),
            ]);
            c.stdout(std::process::Stdio::piped()).spawn().unwrap()
        })
        .collect();
    let mut created: Vec<(String, usize)> = children
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let o = c.wait_with_output().unwrap();
            assert!(o.status.success());
            (
                String::from_utf8(o.stdout).unwrap().split_whitespace().nth(1).unwrap().to_owned(),
                i,
            )
        })
        .collect();
    created.sort_by_key(|(id, _)| id[2..].parse::<u32>().unwrap());
    let ids: Vec<&str> = created.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, (1..=n).map(|n| format!("S-{n}")).collect::<Vec<_>>());
    // Each file is whole: its own id, the title and label of the run that made it, and
    // the template's body, and the backlog validates without a read error.
    for (id, i) in &created {
        let text = s.read(&format!("backlog/stories/{id}.md"));
        assert!(text.starts_with(&format!("---\nid: {id}\ntitle: Story {i}\n")), "{text}");
        assert!(
            text.contains(&format!("labels: [run-{i}]\n")) && text.contains("points: 3\n"),
            "{text}"
        );
        assert!(text.contains("## Acceptance criteria") && text.ends_with('\n'), "{text}");
    }
    let out = s.pobox(&["validate", "--format", "short"]).output().unwrap();
    let short = String::from_utf8(out.stdout).unwrap();
    assert!(!short.contains("error["), "{short}");
    assert_eq!(
        std::fs::read_dir(s.path().join("backlog/stories")).unwrap().count(),
        n + 1,
        "20 stories and .gitkeep, no temp file"
    );
}

#[test]
fn set_changes_only_the_lines_it_must() {
    let s = Session::new();
    let original = "---\n# Owned by the payments squad\nid: S-7\ntitle: 'Pay: saved card'   # quoted on purpose\nstatus: draft  # triaged 2026-11-01\npoints: 3\nsquad: payments\nlabels:\n  - pay\n  - web\n---\nAs a shopper, I want to pay with a saved card, so that checkout is quick.\n\n## Acceptance criteria\n\n- [ ] Given a saved card, when I pay, then it is charged\n";
    s.write("backlog/stories/S-7-saved-card.md", original);
    assert_eq!(
        s.ok(&["set", "S-7", "points=8", "status=ready"]),
        "Updated S-7 backlog/stories/S-7-saved-card.md\n"
    );
    let expected = original
        .replace("status: draft  # triaged", "status: ready  # triaged")
        .replace("points: 3\n", "points: 8\n");
    assert_eq!(s.read("backlog/stories/S-7-saved-card.md"), expected);
    assert_eq!(
        s.ok(&["story", "move", "S-7", "done"]),
        "Updated S-7 backlog/stories/S-7-saved-card.md\n"
    );
    assert_eq!(
        s.read("backlog/stories/S-7-saved-card.md"),
        expected.replace("status: ready ", "status: done ")
    );
    assert_eq!(
        s.ok(&["story", "move", "S-7", "done"]),
        "S-7 already has those values; nothing changed\n"
    );
    s.ok(&["set", "S-7", "labels=pay,mobile", "sprint=SP-2"]);
    let text = s.read("backlog/stories/S-7-saved-card.md");
    assert!(
        text.contains("points: 8\nsquad: payments\nsprint: SP-2\nlabels: [pay, mobile]\n---\n"),
        "a new key takes its place in the kind's key order:\n{text}"
    );
    let (code, _, err) = s.run(&["story", "move", "S-7", "Done!"]);
    assert_eq!(code, 2);
    assert!(err.contains("allowed: draft, ready, in-progress, review, done, dropped"), "{err}");
    let (code, _, err) = s.run(&["set", "S-8", "points=1"]);
    assert_eq!(code, 2);
    assert!(err.contains("no item has the id `S-8` (did you mean `S-7`?)"), "{err}");
    s.write(
        "backlog/stories/S-9.md",
        "---\nid: S-9\ntitle: x\n<<<<<<< HEAD\nstatus: ready\n=======\nstatus: done\n>>>>>>> other\n---\n",
    );
    let before = s.read("backlog/stories/S-9.md");
    let (code, _, err) = s.run(&["set", "S-9", "points=1"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(s.read("backlog/stories/S-9.md"), before);
}

#[test]
fn show_lists_backlinks() {
    let s = Session::new();
    s.ok(&["epic", "new", "Checkout"]);
    s.ok(&["story", "new", "Pay by card", "--epic", "E-1"]);
    s.ok(&["story", "new", "Refunds", "--depends-on", "S-1"]);
    s.write(
        "backlog/risks/R-1.md",
        "---\nid: R-1\ntitle: Provider outage\nlikelihood: 2\nimpact: 4\nstatus: open\n---\nWould block S-1 and all of E-1.\n",
    );
    let out = s.ok(&["show", "S-1"]);
    assert!(out.starts_with("<!-- backlog/stories/S-1.md -->\n---\nid: S-1\n"), "{out}");
    assert!(
        out.ends_with("## Backlinks\n\n- S-2 Refunds (depends_on)\n- R-1 Provider outage (body)\n"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&s.ok(&["show", "E-1", "--format", "json"])).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["item"]["id"], "E-1");
    let links: Vec<_> = json["backlinks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(links, ["S-1", "R-1"]);
}

#[test]
fn broken_files_are_listed_and_located() {
    let s = Session::new();
    s.ok(&["story", "new", "Fine"]);
    s.write("backlog/stories/S-2.md", "---\nid: S-2\ntitle: Broken\nstatus: [ready\n---\n");
    s.write("backlog/stories/S-3.md", "---\nid: S-3\ntitle: Wrong type\npoints: five\n---\n");
    s.write("backlog/notes.md", "stray\n");
    let (code, out, err) = s.run(&["story", "list"]);
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l.starts_with("S-2") && l.contains("BROKEN")), "{out}");
    assert!(err.contains("backlog/stories/S-2.md:4:"), "{err}");
    assert!(err.contains("1 file(s) could not be read"), "{err}");
    let (code, out, err) = s.run(&["status"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("error[PO009]: `points` should be a whole number, not text"), "{err}");
    assert!(err.contains("backlog/stories/S-3.md:4:9"), "{err}");
    assert!(err.contains("warning[PO012]"), "{err}");
    let json: serde_json::Value = serde_json::from_str(&s.ok(&["story", "list", "--format", "json"])).unwrap();
    assert!(json["items"][1]["broken"].as_str().unwrap().contains("YAML"), "{json}");
}

#[test]
fn outside_a_workspace_says_what_to_do() {
    let s = Session::bare_git();
    let (code, _, err) = s.run(&["story", "list"]);
    assert_eq!(code, 2);
    assert!(err.contains("no pobox workspace here") && err.contains("pobox init"), "{err}");
    let (code, _, err) = s.run(&["story", "new", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("pobox init"), "{err}");
}

#[test]
fn workspace_flag_and_bad_config() {
    let s = Session::new();
    std::fs::create_dir(s.path().join("elsewhere")).unwrap();
    let out = s
        .pobox(&["--workspace", "..", "story", "new", "From a subfolder"])
        .current_dir(s.path().join("elsewhere"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let (code, _, err) = s.run(&["--workspace", "backlog", "story", "new", "Not here"]);
    assert_eq!(code, 2);
    assert!(err.contains("no pobox workspace at backlog: it has no pobox.yaml"), "{err}");
    let (code, _, err) = s.run(&["--workspace", "backlog", "story", "list"]);
    assert_eq!(code, 2, "--workspace names the workspace itself, for every command: {err}");
    s.write("pobox.yaml", "product: Shop\nsprint_length_days: two\n");
    let (code, _, err) = s.run(&["story", "list"]);
    assert_eq!(code, 2);
    assert!(err.contains("pobox.yaml:2:21"), "{err}");
}

#[test]
fn demo_builds_a_workspace_with_history() {
    let s = Session::bare_git();
    let out = s.ok(&["demo", "shop"]);
    assert!(out.contains("Try:"), "{out}");
    let log = s.git(&["-C", "shop", "log", "--format=%ad", "--date=short"]);
    assert!(log.lines().count() >= 10, "{log}");
    assert!(log.lines().all(|d| d.starts_with("2026-")), "{log}");
    let status = s.pobox(&["status"]).current_dir(s.path().join("shop")).output().unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let (code, _, err) = s.run(&["demo", "shop"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn broken_pipe_exits_quietly() {
    let s = Session::new();
    for i in 0..300 {
        s.write(
            &format!("backlog/stories/S-{i}.md"),
            &format!("---\nid: S-{i}\ntitle: Story {i}\n---\n"),
        );
    }
    let script = format!(
        "for f in table json csv; do '{}' story list --format $f | head -n 1 >/dev/null; echo ${{PIPESTATUS[0]}}; done",
        support::POBOX
    );
    let out = StdCommand::new("bash")
        .current_dir(s.path())
        .arg("-c")
        .arg(script)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "0\n0\n0\n");
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn edit_opens_the_editor_and_checks_the_result() {
    let s = Session::new();
    s.write(
        "fake-editor.sh",
        "#!/bin/sh\nprintf 'As a shopper, I want to pay, so that I can leave.\\n' >> \"$1\"\n",
    );
    let editor = format!("sh {}", s.path().join("fake-editor.sh").display());
    let out = s
        .pobox(&["story", "new", "Edited", "--edit"])
        .env("EDITOR", &editor)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        s.read("backlog/stories/S-1.md")
            .ends_with("As a shopper, I want to pay, so that I can leave.\n")
    );
    s.write(
        "break.sh",
        "#!/bin/sh\nprintf -- '---\\nid: S-2\\ntitle: [oops\\n---\\n' > \"$1\"\n",
    );
    let editor = format!("sh {}", s.path().join("break.sh").display());
    let out = s
        .pobox(&["story", "new", "Broken by hand", "--edit"])
        .env("VISUAL", &editor)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a file broken in the editor is reported");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("backlog/stories/S-2.md:3:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, _, err) = s.run(&["story", "new", "No editor", "--edit"]);
    assert_eq!(code, 2);
    assert!(err.contains("$VISUAL or $EDITOR"), "{err}");
    assert!(
        !s.path().join("backlog/stories/S-3.md").exists(),
        "nothing is created when the editor cannot run"
    );
}

/// The demo is deterministic, so its views are compared with reviewed snapshots.
#[test]
fn demo_views_match_their_snapshots() {
    let s = Session::bare_git();
    s.ok(&["demo", "shop", "--date", "2026-10-14"]);
    let run = |args: &[&str]| {
        let o = s
            .pobox(args)
            .current_dir(s.path().join("shop"))
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    insta::assert_snapshot!("demo_status", run(&["status"]));
    insta::assert_snapshot!("demo_story_list", run(&["story", "list"]));
    insta::assert_snapshot!("demo_meeting_list", run(&["meeting", "list"]));
    insta::assert_snapshot!("demo_stakeholder_list", run(&["stakeholder", "list"]));
    insta::assert_snapshot!("demo_show_s4", run(&["show", "S-4"]));
    insta::assert_snapshot!("demo_sprint_csv", run(&["sprint", "list", "--format", "csv"]));
}

#[test]
fn validate_staged_checks_what_will_be_committed() {
    let s = Session::new();
    s.ok(&["epic", "new", "Checkout"]);
    s.ok(&["story", "new", "Pay by card", "--epic", "E-1"]);
    s.commit("backlog");
    let (code, _, err) = s.run(&["validate", "--staged"]);
    assert_eq!(code, 0, "{err}");
    // Broken on disk but not staged: the commit is fine.
    let good = s.read("backlog/stories/S-1.md");
    s.write(
        "backlog/stories/S-1.md",
        &good.replace("title: Pay by card\n", "title: Pay by card\npoints: five\n"),
    );
    let (code, _, err) = s.run(&["validate", "--staged"]);
    assert_eq!(code, 0, "unstaged edits are not judged: {err}");
    // Staged: the commit is refused.
    s.git(&["add", "backlog/stories/S-1.md"]);
    let (code, _, err) = s.run(&["validate", "--staged"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("backlog/stories/S-1.md:4:9"), "{err}");
    // Fixed on disk but not staged: still refused, and the snippet shows the staged text.
    s.write("backlog/stories/S-1.md", &good);
    let (code, _, err) = s.run(&["validate", "--staged"]);
    assert_eq!(code, 1, "what is staged is still broken");
    assert!(err.contains("4 | points: five"), "{err}");
    s.git(&["add", "backlog/stories/S-1.md"]);
    assert_eq!(s.run(&["validate", "--staged"]).0, 0);
}

#[test]
fn validate_staged_reports_only_what_the_change_is_responsible_for() {
    let s = Session::new();
    s.ok(&["epic", "new", "Checkout"]);
    s.ok(&["story", "new", "Pay by card", "--epic", "E-1"]);
    s.write("backlog/stories/S-2.md", "---\nid: S-2\ntitle: Old problem\npoints: five\n---\n");
    s.commit("backlog with an old problem");
    s.write("backlog/stories/S-3.md", "---\nid: S-3\ntitle: [new problem\n---\n");
    s.git(&["add", "backlog/stories/S-3.md"]);
    let (code, out, _) = s.run(&["validate", "--staged", "--format", "short"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("backlog/stories/S-3.md") && !out.contains("S-2.md"),
        "old problems are not this commit's: {out}"
    );
    s.git(&["reset", "-q"]);
    std::fs::remove_file(s.path().join("backlog/stories/S-3.md")).unwrap();
    // Deleting an epic that a committed story still names breaks that story.
    s.git(&["rm", "-q", "backlog/epics/E-1.md"]);
    let (code, out, _) = s.run(&["validate", "--staged", "--format", "short"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("backlog/stories/S-1.md") && out.contains("PO202"), "{out}");
}

#[test]
fn the_parse_cache_never_changes_a_result() {
    let s = Session::bare_git();
    s.ok(&["demo", "shop"]);
    let shop = s.path().join("shop");
    let run = |cache: bool| {
        let mut c = s.pobox(&["validate", "--format", "json"]);
        c.current_dir(&shop);
        if !cache {
            c.env("POBOX_NO_CACHE", "1");
        }
        let o = c.output().unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    let list = |cache: bool| {
        let mut c = s.pobox(&["story", "list", "--format", "json"]);
        c.current_dir(&shop);
        if !cache {
            c.env("POBOX_NO_CACHE", "1");
        }
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    let uncached = (run(false), list(false));
    let cold = (run(true), list(true));
    assert!(shop.join(".git/pobox/parse-cache-bodies").exists() && shop.join(".git/pobox/parse-cache").exists());
    let warm = (run(true), list(true));
    assert_eq!(uncached, cold);
    assert_eq!(uncached, warm);
    // A file changed on disk (same size, same second) is read again, not taken from the cache.
    let path = shop.join("backlog/stories/S-23.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replacen("status: draft", "status: drfat", 1);
    assert_eq!(text.len(), changed.len());
    std::fs::write(&path, changed).unwrap();
    let after = run(true);
    assert!(after.contains("drfat"), "{after}");
    assert_eq!(after, run(false));
}

#[test]
fn validate_paths_name_files_however_they_are_written() {
    let s = Session::new();
    s.write("backlog/stories/S-1.md", "---\nid: S-1\ntitle: Broken\npoints: five\n---\n");
    s.write("backlog/stories/S-2.md", "---\nid: S-2\ntitle: Also broken\npoints: six\n---\n");
    let out = s
        .pobox(&["validate", "--format", "short", "../../backlog/stories/S-1.md"])
        .current_dir(s.path().join("backlog/stories"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.contains("backlog/stories/S-1.md:4:9") && !stdout.contains("S-2"), "{stdout}");
    let (code, _, err) = s.run(&["validate", "backlog/stories/S-99.md"]);
    assert_eq!(code, 2, "a path that names nothing is a mistake, not a clean file");
    assert!(err.contains("backlog/stories/S-99.md: no such file or folder"), "{err}");
}

#[test]
fn annotations_name_files_from_the_repository_root() {
    let s = Session::bare_git();
    std::fs::create_dir(s.path().join("product")).unwrap();
    s.pobox(&["init", "product", "--product", "Shop"]).assert().success();
    s.write("product/backlog/stories/S-1.md", "---\nid: S-1\ntitle: x\npoints: five\n---\n");
    let run = |format: &str| {
        let o = s
            .pobox(&["validate", "--format", format])
            .current_dir(s.path().join("product"))
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    assert!(
        run("github").contains("::error file=product/backlog/stories/S-1.md,line=4,col=9,"),
        "{}",
        run("github")
    );
    assert!(
        run("sarif").contains("\"uri\": \"product/backlog/stories/S-1.md\""),
        "{}",
        run("sarif")
    );
    assert!(
        run("short").contains("\nbacklog/stories/S-1.md:4:9: error[PO009]"),
        "workspace-relative: {}",
        run("short")
    );
}
