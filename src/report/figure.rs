//! The charts and diagrams of a [`super::page::Page`]: each [`Figure`] holds the numbers
//! and names it draws, taken from a report's data by the report's page builder, and each
//! backend draws it its own way (Mermaid in Markdown, SVG in HTML, characters in text).
//!
//! The figures know nothing of the reports, so the page model and the backends sit below
//! every report module and import none of them.

use jiff::civil::Date;

use crate::history::sprints::SprintDay;

/// A chart or diagram.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure<'a> {
    /// A sprint's remaining work per working day against the ideal line.
    Burndown(Burndown<'a>),
    /// Completed points per closed sprint beside the commitment.
    Velocity(Velocity<'a>),
    /// Open risks on the 5×5 likelihood × impact matrix, the highest impact first.
    RiskMatrix(Vec<MatrixRow<'a>>),
    /// Stakeholders on the power/interest grid, one group per quadrant.
    PowerInterest(Vec<Quadrant<'a>>),
    /// Epics on the Now / Next / Later horizons, and those on none.
    Horizons(Horizons<'a>),
    /// Epics' target dates on a timeline, by horizon.
    Timeline(Timeline<'a>),
}

/// A sprint's burndown.
#[derive(Debug, Clone, PartialEq)]
pub struct Burndown<'a> {
    /// The sprint's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its planned last day.
    pub end: Option<Date>,
    /// Day 0 (the start), then one per working day.
    pub days: &'a [SprintDay],
}

/// Velocity per closed sprint.
#[derive(Debug, Clone, PartialEq)]
pub struct Velocity<'a> {
    /// The sprints, oldest first.
    pub sprints: Vec<VelocityBar<'a>>,
    /// How many sprints the mean covers.
    pub window: usize,
    /// The mean completed points of the last `window` sprints.
    pub mean: Option<f64>,
}

/// One sprint's commitment and completed points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VelocityBar<'a> {
    /// The sprint's id.
    pub id: &'a str,
    /// Points committed at its start.
    pub commitment: u32,
    /// Points completed.
    pub completed: u32,
}

/// One impact's row of the risk matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow<'a> {
    /// 1–5.
    pub impact: u32,
    /// Likelihood 1 to 5.
    pub cells: Vec<MatrixCell<'a>>,
}

/// One cell of the risk matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixCell<'a> {
    /// Likelihood × impact.
    pub score: u32,
    /// The score's band: `low`, `medium`, `high` or `critical`.
    pub band: &'static str,
    /// The ids of the open risks in it.
    pub risks: Vec<&'a str>,
}

/// One quadrant of the power/interest grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quadrant<'a> {
    /// `Key Players`, …
    pub name: &'static str,
    /// What to do with its stakeholders.
    pub advice: &'static str,
    /// Whether it is the high-power half.
    pub high_power: bool,
    /// Whether it is the high-interest half.
    pub high_interest: bool,
    /// Its stakeholders: name, and whether they are overdue for contact.
    pub people: Vec<(&'a str, bool)>,
}

impl Quadrant<'_> {
    /// Who is in the quadrant, each name written by `write` (the format's escape):
    /// `Dana (overdue), Omar`, or `nobody`.
    pub fn names(&self, write: impl Fn(&str) -> String) -> String {
        if self.people.is_empty() {
            return "nobody".to_owned();
        }
        let names: Vec<String> = self
            .people
            .iter()
            .map(|(name, overdue)| format!("{}{}", write(name), if *overdue { " (overdue)" } else { "" }))
            .collect();
        names.join(", ")
    }

    /// `high power, low interest`.
    #[must_use]
    pub fn place(&self) -> String {
        let level = |high: bool| if high { "high" } else { "low" };
        format!("{} power, {} interest", level(self.high_power), level(self.high_interest))
    }
}

/// The quadrant at `(high_power, high_interest)`, if the grid has it.
#[must_use]
pub fn quadrant_at<'q, 'a>(grid: &'q [Quadrant<'a>], high_power: bool, high_interest: bool) -> Option<&'q Quadrant<'a>> {
    grid.iter().find(|q| q.high_power == high_power && q.high_interest == high_interest)
}

/// An epic with its progress.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpicMark<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its done share of points, 0 to 1.
    pub progress: Option<f64>,
}

/// The Now / Next / Later horizons.
#[derive(Debug, Clone, PartialEq)]
pub struct Horizons<'a> {
    /// Each horizon's name and its epics, in order.
    pub columns: Vec<(&'static str, Vec<EpicMark<'a>>)>,
    /// Epics on no horizon.
    pub unplanned: Vec<EpicMark<'a>>,
}

/// Where an epic with a target date stands against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetState {
    /// All its points are done.
    Done,
    /// Not done, and the target is past.
    Late,
    /// Not done, and the target is still ahead.
    Open,
}

/// Epics' target dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline<'a> {
    /// The sections in order: each horizon's name, then the one for epics on none.
    pub sections: Vec<&'static str>,
    /// The epics with a target, soonest first.
    pub epics: Vec<TimelineEpic<'a>>,
}

/// One epic on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEpic<'a> {
    /// The epic and its progress.
    pub epic: EpicMark<'a>,
    /// Its section (a horizon's name).
    pub section: &'static str,
    /// The day it started, when before its target.
    pub start: Option<Date>,
    /// Its target date.
    pub target: Date,
    /// Where it stands against the target.
    pub state: TargetState,
}

/// `MM-DD` of a date, for chart axes.
pub(super) fn short_date(d: jiff::civil::Date) -> String {
    format!("{:02}-{:02}", d.month(), d.day())
}

/// The step between a chart's y-axis gridlines: 1, 2 or 5 times a power of ten, giving at
/// most five steps up to `v`.
pub(super) fn axis_step(v: f64) -> f64 {
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
pub(super) fn axis_max(v: f64) -> f64 {
    let step = axis_step(v);
    (v.max(1.0) / step).ceil() * step
}

/// The highest value a burndown shows: its scope, its remaining work or its ideal start.
pub(super) fn burndown_top(days: &[SprintDay]) -> f64 {
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
