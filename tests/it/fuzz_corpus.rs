//! Every file of the committed fuzz corpora replayed through the fuzz targets' checks,
//! without libFuzzer, so a regression fails a plain `cargo test` too (CI also runs the
//! fuzzers briefly, see `docs/fuzzing.md`).
//! The targets' checks are shared through `#[path]` (see `main.rs`).

use std::path::{Path, PathBuf};

use crate::{item, workspace, write};

/// The files of `fuzz/corpus/<target>`, sorted.
fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn the_item_corpus_replays_without_a_panic() {
    let files = corpus("item");
    assert!(files.len() >= 50, "the corpus has only {} files", files.len());
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let run = std::panic::catch_unwind(|| item::check(&data));
        assert!(run.is_ok(), "{} fails the item check", f.display());
    }
}

/// Each input a fuzzer found crashing pobox (`fuzz/regressions/<target>/`, named after the
/// bug), through the check that found it.
#[test]
fn fuzz_findings_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    assert!(dir.join("item/meeting-id-char-boundary").is_file(), "a finding went missing");
    for target in ["item", "workspace", "write"] {
        let Ok(entries) = std::fs::read_dir(dir.join(target)) else {
            continue;
        };
        for f in entries {
            let f = f.unwrap().path();
            let data = std::fs::read(&f).unwrap();
            let run = std::panic::catch_unwind(|| match target {
                "item" => item::check(&data),
                "write" => write::check(&data),
                _ => workspace::check(&data),
            });
            assert!(run.is_ok(), "{} panics again", f.display());
        }
    }
}

#[test]
fn a_meeting_id_with_a_multi_byte_character_at_byte_ten_is_an_id_form_error() {
    // The `item` target's first crash: the meeting-id check sliced `&id[..10]`, which panics
    // when byte 10 falls inside a character. Through the whole workspace path here.
    let data = b"pobox.yaml\nproduct: P\n\n%%%%\nmeetings/m.md\n---\nid: S-s a sho\xd8\x92k out\ntitle: T\n---\n";
    workspace::check(data);
    let (_, diags) = pobox::model::read::read_item(
        pobox::model::Kind::Meeting,
        Path::new("backlog/meetings/m.md"),
        "---\nid: S-s a sho\u{612}k out\ntitle: T\n---\n".as_bytes(),
        pobox::model::read::ReadOptions {
            prefix: None,
            mention_prefixes: &[],
            body: true,
        },
    );
    assert!(
        diags.iter().any(|d| d.code == pobox::diag::Code::IdForm && d.line == 2),
        "{diags:?}"
    );
}

#[test]
fn the_workspace_corpus_replays_without_a_panic() {
    let files = corpus("workspace");
    assert!(files.len() >= 20, "the corpus has only {} files", files.len());
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let run = std::panic::catch_unwind(|| workspace::check(&data));
        assert!(run.is_ok(), "{} fails the workspace check", f.display());
    }
}

#[test]
fn fuzzed_paths_stay_inside_the_workspace() {
    let files = workspace::Files::parse(b"../../etc/passwd\nx\n%%%%\n/abs/../x.md\ny\n%%%%\npobox.yaml\nproduct: P\n");
    assert_eq!(files.config.as_deref(), Some(&b"product: P\n"[..]));
    let paths: Vec<&Path> = files.files.iter().map(|(p, _)| p.as_path()).collect();
    assert_eq!(paths, [Path::new("backlog/etc/passwd"), Path::new("backlog/abs/x.md")]);
}

#[test]
fn the_item_check_finds_a_position_outside_the_file() {
    // The oracle itself can fail: a diagnostic two lines past the end is outside.
    let d = pobox::diag::Diagnostic::new(pobox::diag::Code::YamlSyntax, "x.md", 4, 1, "m");
    assert!(!item::inside("a\nb\n", &d));
    let d = pobox::diag::Diagnostic::new(pobox::diag::Code::YamlSyntax, "x.md", 2, 2, "m");
    assert!(item::inside("a\nb\n", &d));
    let d = pobox::diag::Diagnostic::new(pobox::diag::Code::YamlSyntax, "x.md", 2, 3, "m");
    assert!(!item::inside("a\nb\n", &d));
}

#[test]
fn the_write_corpus_replays_without_a_panic() {
    let files = corpus("write");
    assert!(files.len() >= 50, "the corpus has only {} files", files.len());
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let run = std::panic::catch_unwind(|| write::check(&data));
        assert!(run.is_ok(), "{} fails the write check", f.display());
    }
}

#[test]
fn a_write_script_is_taken_apart_as_documented() {
    let s = write::Script::parse(b"---\nid: S-1\n---\n\n%%%%\n\x01\x00points=8\x00\x02\x00\x03abc\x00\x04\x00\x04x");
    assert_eq!(s.kind, pobox::model::Kind::ALL[1]);
    assert_eq!(s.file, b"---\nid: S-1\n---\n\n");
    assert_eq!(
        s.ops,
        [
            write::Op::Set("points=8".to_owned()),
            write::Op::Move(String::new()),
            write::Op::RemoveNth(3),
            write::Op::Fmt(pobox::edit::ListStyle::Flow),
            write::Op::Fmt(pobox::edit::ListStyle::Block),
        ]
    );
    // Without a script: the three default edits.
    assert_eq!(write::Script::parse(b"---\nid: S-1\n---\n").ops.len(), 3);
}

#[test]
fn the_write_check_catches_an_edit_that_changes_another_line() {
    // The oracle itself can fail: a file where a `set` would have to touch a line of another
    // field is refused by pobox, and the check's own comparison sees such a change.
    let run = std::panic::catch_unwind(|| {
        write::assert_set_kept(
            "---\nid: S-1\ntitle: A\nstatus: draft\n---\n",
            "---\nid: S-1\ntitle: B\nstatus: ready\n---\n",
            "status",
            &pobox::edit::NewValue::Text("ready".to_owned()),
        );
    });
    assert!(run.is_err(), "a changed title went unnoticed");
}
