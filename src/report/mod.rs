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

pub mod actions;
pub mod backlog;
pub mod epics;
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

use serde::Serialize;

use page::Page;
use sprint::StoryRow;

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

/// The facts under the title of a report about today's files: the product's name with the
/// `--owner` the report was limited to (`Harbor · owner dana`), if any, and the day.
fn facts<'a>(product: &'a str, owner: Option<&str>, as_of: jiff::civil::Date) -> Vec<Vec<page::Span<'a>>> {
    let product: std::borrow::Cow<'a, str> = match owner {
        Some(o) if product.is_empty() => format!("owner {o}").into(),
        Some(o) => format!("{product} · owner {o}").into(),
        None => product.into(),
    };
    let mut facts = Vec::new();
    if !product.is_empty() {
        facts.push(vec![page::Span::User(product)]);
    }
    facts.push(vec![page::Span::own(format!("as of {as_of}"))]);
    facts
}

/// A story's estimate: `5`, or `3 → 5` when it changed during the sprint (Jira's notation).
fn estimate(row: &StoryRow) -> String {
    if row.reestimated() {
        format!("{} → {}", row.points_at_start, row.points)
    } else {
        row.points.to_string()
    }
}

/// `1 point`, `5 points`.
fn points(n: u32) -> String {
    if n == 1 { "1 point".to_owned() } else { format!("{n} points") }
}

/// `12 days ago`, `1 day ago`, `today`.
fn days_ago(d: i32) -> String {
    match d {
        0 => "today".to_owned(),
        1 => "1 day ago".to_owned(),
        d => format!("{d} days ago"),
    }
}

/// `MM-DD` of a date, for chart axes.
fn short_date(d: jiff::civil::Date) -> String {
    format!("{:02}-{:02}", d.month(), d.day())
}

/// The step between a chart's y-axis gridlines: 1, 2 or 5 times a power of ten, giving at
/// most five steps up to `v`.
fn axis_step(v: f64) -> f64 {
    let v = v.max(1.0);
    let mut magnitude = 1.0;
    loop {
        for f in [1.0, 2.0, 5.0] {
            if v / (f * magnitude) <= 5.0 {
                return f * magnitude;
            }
        }
        magnitude *= 10.0;
    }
}

/// A round number at or above `v` for the top of a chart's y axis: a whole number of
/// [`axis_step`]s.
fn axis_max(v: f64) -> f64 {
    let step = axis_step(v);
    (v.max(1.0) / step).ceil() * step
}

/// The highest value a burndown shows: its scope, its remaining work or its ideal start.
fn burndown_top(days: &[crate::history::sprints::SprintDay]) -> f64 {
    days.iter()
        .map(|d| f64::from(d.scope.unwrap_or(0).max(d.remaining.unwrap_or(0))))
        .fold(days.first().map_or(0.0, |d| d.ideal), f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(axis_max(0.0), 1.0);
        assert_eq!((axis_step(7.0), axis_max(7.0)), (2.0, 8.0));
        assert_eq!((axis_step(23.0), axis_max(23.0)), (5.0, 25.0));
        assert_eq!(axis_max(50.0), 50.0);
        assert_eq!((axis_step(123.0), axis_max(123.0)), (50.0, 150.0));
    }
}
