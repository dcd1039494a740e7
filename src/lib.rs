//! pobox: a product owner's working set — stories, epics, stakeholders, meetings, sprints
//! and risks — as Markdown files with YAML front-matter in git.
//!
//! The library holds everything but printing: it loads a workspace into typed items and
//! diagnostics, validates, creates and edits items, and reads git. The `pobox` binary parses
//! arguments, calls it, prints and picks exit codes.
//!
//! # Layers
//!
//! Modules import only from their own layer or the layers below, never from above, and no
//! module imports a module that imports it (`docs/architecture.md` draws the graph):
//!
//! 1. **text**: [`text`], escaping and number formats for each kind of output; it imports
//!    nothing of pobox.
//! 2. **core**: [`model`], [`parse`], [`config`] (with [`workflow`], what each status means),
//!    [`diag`], [`workspace`] (with [`source`]
//!    and [`cache`]), [`git`], [`fsio`] (with [`generated`], where `--out` may write),
//!    [`clock`], [`templates`], [`forecast`] (the Monte
//!    Carlo engine): reading files and history into typed items and diagnostics.
//! 3. **operations**: [`create`], [`edit`], [`change`], [`init`], [`sprint`], [`prioritize`],
//!    [`validate`], [`query`], [`import`], [`export`], [`history`], [`hooks`], [`schema`],
//!    [`demo`], [`work_left`], [`progress`], [`outlook`]: what a command does to or learns
//!    from a workspace.
//! 4. **views**: [`render`] (lists, tables, the board), [`report`] (every report as one page
//!    model, written as Markdown, HTML, text or JSON) and [`site`].

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
pub mod generated;
pub mod git;
pub mod history;
pub mod hooks;
pub mod import;
pub mod init;
pub mod model;
pub mod outlook;
pub mod parse;
pub mod prioritize;
pub mod progress;
pub mod query;
pub mod render;
pub mod report;
pub mod schema;
pub mod site;
pub mod source;
pub mod sprint;
pub mod templates;
pub mod text;
pub mod validate;
pub mod work_left;
pub mod workflow;
pub mod workspace;
