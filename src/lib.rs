//! pobox: a product owner's working set as plain text in git.
pub mod change;
pub mod clock;
pub mod config;
pub mod create;
pub mod demo;
pub mod diag;
pub mod edit;
pub mod fsio;
pub mod git;
pub mod init;
pub mod model;
pub mod parse;
pub mod query;
pub mod render;
pub mod templates;
pub mod workspace;
