//! Every file of the committed fuzz corpora replayed through the fuzz targets' checks,
//! without libFuzzer, so a regression fails a plain `cargo test` too (CI also runs the
//! fuzzers briefly, see `docs/fuzzing.md`).
//! The targets' checks are shared through `#[path]`.

#[path = "../fuzz/src/item.rs"]
mod item;
#[path = "../fuzz/src/workspace.rs"]
mod workspace;

use std::path::{Path, PathBuf};

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
