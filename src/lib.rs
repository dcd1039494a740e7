//! pobox: a product owner's working set as plain text in git.
pub mod parse;
pub mod diag;
pub mod model;
pub mod config;
pub mod workspace;
pub mod templates;
pub mod fsio;
pub mod edit;
pub mod git;
pub mod clock;
pub mod create;
