//! pobox: a product owner's working set — stories, epics, stakeholders, meetings, sprints
//! and risks — as Markdown files with YAML front-matter in git.
//!
//! The library holds everything but printing: it loads a workspace into typed items and
//! diagnostics, validates, creates and edits items, and reads git. The `pobox` binary parses
//! arguments, calls it, prints and picks exit codes.

pub mod cache;
pub mod change;
pub mod clock;
pub mod config;
pub mod create;
pub mod demo;
pub mod diag;
pub mod edit;
pub mod export;
pub mod forecast;
pub mod fsio;
pub mod git;
pub mod history;
pub mod hooks;
pub mod import;
pub mod init;
pub mod model;
pub mod parse;
pub mod prioritize;
pub mod query;
pub mod render;
pub mod report;
pub mod schema;
pub mod site;
pub mod source;
pub mod sprint;
pub mod templates;
pub mod validate;
pub mod workspace;
