//! Text made safe or tidy for one kind of output: the bottom of the module graph.
//!
//! Every piece of text that comes from a file (a title, a goal, an action item) passes
//! through one of these before it reaches a terminal, a Markdown page, an HTML page or a
//! Mermaid chart. Each submodule knows one output and nothing of pobox: they import no
//! other module of the crate, so configuration, the workspace, diagnostics, reports and the
//! site can all use them without importing each other.
//!
//! - [`control`]: control characters and bidirectional overrides made visible, for terminals
//!   and as the first step of every other escape.
//! - [`markdown`]: inline text that cannot open a link, a tag, a list or a table cell.
//! - [`html`]: text for HTML elements and quoted attributes.
//! - [`mermaid`]: labels that cannot end a Mermaid string, block or code fence.
//! - [`json`]: pretty JSON documents that never panic.
//! - [`csv`]: cells a spreadsheet will not run as formulas.
//! - [`number`]: percentages and one-decimal figures, formatted the same everywhere.
//! - [`path`]: file paths with `/` on every platform.
//! - [`wrap`]: word wrapping by display width, for terminal text.

pub mod control;
pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub mod number;
pub mod path;
pub mod wrap;
