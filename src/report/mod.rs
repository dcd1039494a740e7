//! Reports for the people around the backlog: what a report contains ([`sprint`], [`backlog`], [`actions`], [`risks`], [`stakeholders`], [`roadmap`], [`epics`]) kept apart
//! from how it is written ([`md`], [`html`], [`json`]).
//!
//! A report is data built from the workspace and its git history; each renderer turns that
//! data into text and never looks at the workspace itself. Every piece of user text (titles,
//! goals, action items) reaches the renderers raw, and each renderer escapes it for its own
//! format.

pub mod actions;
pub mod backlog;
pub mod epics;
pub mod html;
pub mod json;
pub mod md;
pub mod portfolio;
pub mod risks;
pub mod roadmap;
pub mod sprint;
pub mod stakeholders;
mod svg;

use sprint::StoryRow;

/// The product's name with the `--owner` a report was limited to: `Harbor · owner dana`.
fn with_owner(product: &str, owner: Option<&str>) -> String {
    match owner {
        Some(o) if product.is_empty() => format!("owner {o}"),
        Some(o) => format!("{product} · owner {o}"),
        None => product.to_owned(),
    }
}

use crate::text::number::{decimal, percent};

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

/// A backlog row's readiness: `ready`, or `not ready: no criteria, no estimate`.
fn readiness(row: &backlog::BacklogRow) -> String {
    if row.ready {
        "ready".to_owned()
    } else {
        format!("not ready: {}", row.not_ready.join(", "))
    }
}

/// A backlog row's score: `3.2`, or `must 3.2` for the methods with groups.
fn score(row: &backlog::BacklogRow) -> String {
    let n = crate::prioritize::num(row.score);
    row.class.map_or_else(|| n.clone(), |c| format!("{c} {n}"))
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
