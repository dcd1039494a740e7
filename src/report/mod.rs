//! Reports for the people around the backlog. What a report contains ([`sprint`],
//! [`backlog`], [`actions`], [`risks`], [`stakeholders`], [`roadmap`], [`epics`],
//! [`portfolio`]) is kept apart from how it is written ([`markdown`], [`html`], [`text`],
//! [`json`]).
//!
//! A report is data built from the workspace and its git history (a `*ReportDoc`, which is
//! also its JSON). Each report builds one [`page::Page`] from that data ([`Report::page`]),
//! and one backend per format writes any page; [`render`] is the one call that writes any
//! report in any [`Format`]. Every piece of user text (titles, goals, action items) reaches
//! the backends raw, marked as the user's, and each backend escapes it for its own format.
//!
//! Files a report could not read are never left out unsaid: each doc holds the unreadable
//! files of the kinds it reads, and its page shows them through [`unreadable`].

pub mod actions;
pub mod backlog;
pub mod epic;
pub mod epics;
pub mod figure;
pub mod html;
pub mod json;
pub mod markdown;
pub mod page;
pub mod portfolio;
pub mod risks;
pub mod roadmap;
pub mod sprint;
pub mod stakeholders;
pub mod text;
pub mod unreadable;

use serde::Serialize;

use page::Page;

/// A report: data that serializes to its JSON document and builds its page.
pub trait Report: Serialize {
    /// Its name in the JSON envelope (`{"report": "sprint", …}`).
    const NAME: &'static str;

    /// The report as a page, for every format but JSON.
    fn page(&self) -> Page<'_>;
}

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// GitHub/GitLab Markdown with Mermaid charts: for job summaries, wikis and merge
    /// requests.
    Markdown,
    /// One self-contained HTML page with SVG charts.
    Html,
    /// Plain text for a terminal, fitted to `width` columns when given.
    Text {
        /// The terminal's width, if known.
        width: Option<usize>,
    },
    /// One versioned JSON document with every number.
    Json,
}

/// The report written in `format`, ending with a newline.
#[must_use]
pub fn render<R: Report>(report: &R, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(&report.page()),
        Format::Html => html::render(&report.page()),
        Format::Text { width } => text::render(&report.page(), width),
        Format::Json => json::document(R::NAME, report) + "\n",
    }
}
