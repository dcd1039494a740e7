//! The checks behind the fuzz targets, kept apart from libFuzzer so that a plain
//! `cargo test` (tests/it/fuzz_corpus.rs) can replay the committed corpus through them.

pub mod item;
pub mod workspace;
pub mod write;
