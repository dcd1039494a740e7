//! pobox's integration tests, in one test binary (`cargo test --test it`): one module per
//! area, all sharing `support` to run pobox and git with a pinned day, identity and dates.
//!
//! One binary links pobox and its dependencies once, where a binary per file linked them
//! 22 times. A file under `tests/it/` that no `mod` declares is never compiled, and a new
//! `tests/*.rs` would become a binary of its own: `forgotten_files` fails on either.
//!
//! Run one area with `cargo test --test it cli::`, one test with its full name
//! (`cargo test --test it -- --exact cli::show_lists_backlinks`).

mod support;

mod ambiguity;
mod architecture;
mod board_width;
mod catalogue;
mod cli;
mod consistency;
mod decisions;
mod docs;
mod ecosystem;
mod first_run;
mod fmt;
mod forecast;
mod forgotten_files;
#[cfg(unix)]
mod formats;
mod fuzz_corpus;
mod getting_started;
#[cfg(unix)]
mod git_env;
mod history;
mod history_order;
mod honest_metrics;
#[cfg(unix)]
mod hooks;
mod hostile;
mod import;
mod import_adr;
mod import_backlog_md;
mod import_history;
mod import_jira;
mod import_jira_history;
mod import_write;
mod injection;
mod mermaid;
mod messages;
mod one_truth;
mod portfolio;
mod prioritize;
mod properties;
mod reliability;
mod report;
mod report_text;
mod reports_more;
mod search;
mod site;
mod sprint;
mod unreadable;
mod untrusted_input;
mod writes;

// The fuzz targets' checks, shared with `fuzz/` through `#[path]` so that the committed
// corpora replay in a plain `cargo test` (`fuzz_corpus`) and the property tests reuse the
// `item` oracle (`properties`). They keep these names at the crate root: `workspace` calls
// `crate::item`.
#[path = "../../fuzz/src/item.rs"]
mod item;
#[path = "../../fuzz/src/workspace.rs"]
mod workspace;
#[path = "../../fuzz/src/write.rs"]
mod write;
