//! Every file of the committed fuzz corpora replayed through the fuzz targets' checks,
//! without libFuzzer, so a regression fails a plain `cargo test` too (CI also runs the
//! fuzzers briefly, see `docs/fuzzing.md`).
//!
//! The `item` target's check is shared through `#[path]`; the `workspace` target's input is
//! an `arbitrary`-encoded structure, so its corpus is replayed by `cargo fuzz run` in CI and
//! each of its findings gets its own test in `tests/hostile.rs`.

#[path = "../fuzz/src/item.rs"]
mod item;

use std::path::Path;

#[test]
fn the_item_corpus_replays_without_a_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/item");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 50, "the corpus has only {} files", files.len());
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let run = std::panic::catch_unwind(|| item::check(&data));
        assert!(run.is_ok(), "{} fails the item check", f.display());
    }
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
