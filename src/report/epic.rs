//! One epic as every report that lists epics shows it (epics, roadmap, portfolio, and the
//! site through them): its progress from [`crate::progress`] and its forecast from
//! [`crate::outlook`], computed once per epic, and the table, cells and notes that show them.

use jiff::civil::Date;
use serde::Serialize;

use super::figure::{EpicMark, TargetState};
use super::page::{Block, Cell, Column, Mark, Span};
use super::sprint::id_key;
use crate::model::{Kind, KindData};
use crate::outlook::{EpicOutlook, Forecaster, Settings};
use crate::progress::Progress;
use crate::workspace::Workspace;

/// One epic and its progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpicRow {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: Option<String>,
    /// Its horizon as written.
    pub horizon: Option<String>,
    /// Its target date.
    pub target: Option<Date>,
    /// The day it was created (the timeline's start for it).
    pub created: Option<Date>,
    /// Its owner.
    pub owner: Option<String>,
    /// Its stories' progress: done, remaining and dropped ([`Progress`]).
    #[serde(flatten)]
    pub progress: Progress,
    /// When its open stories will be done ([`crate::outlook`]).
    pub outlook: EpicOutlook,
}

impl EpicRow {
    /// Where it stands against its target on `as_of`.
    #[must_use]
    pub fn target_state(&self, as_of: Date) -> TargetState {
        if self.progress.is_done() {
            TargetState::Done
        } else if self.target.is_some_and(|t| t < as_of) {
            TargetState::Late
        } else {
            TargetState::Open
        }
    }

    /// It and its progress, for a figure.
    pub(super) fn mark(&self) -> EpicMark<'_> {
        EpicMark {
            id: &self.id,
            title: &self.title,
            progress: self.progress.progress,
        }
    }
}

/// Every epic with its progress and forecast, by rank then id.
pub(crate) fn epic_rows(ws: &Workspace, forecaster: &Forecaster) -> Vec<EpicRow> {
    let mut epics: Vec<(Option<f64>, EpicRow)> = ws
        .of_kind(Kind::Epic)
        .filter(|i| i.broken.is_none())
        .filter_map(|i| {
            let KindData::Epic(e) = &i.data else { return None };
            let outlook = forecaster.epic(ws, &i.id).ok()?;
            Some((
                e.rank,
                EpicRow {
                    id: i.id.clone(),
                    title: i.title.clone(),
                    status: e.status.clone(),
                    horizon: e.horizon.clone(),
                    target: e.target,
                    created: i.created,
                    owner: i.owner.clone(),
                    progress: Progress::of_epic(ws, &i.id),
                    outlook,
                },
            ))
        })
        .collect();
    epics.sort_by(|a, b| {
        a.0.unwrap_or(f64::INFINITY)
            .total_cmp(&b.0.unwrap_or(f64::INFINITY))
            .then_with(|| id_key(&a.1.id).cmp(&id_key(&b.1.id)))
    });
    epics.into_iter().map(|e| e.1).collect()
}

/// What the forecasts of a report were made from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastBasis {
    /// Window, trials and seed.
    pub settings: Settings,
    /// The first working day sampled, when there is history.
    pub from: Option<Date>,
    /// The last.
    pub to: Option<Date>,
    /// Stories finished in the window.
    pub finished: u64,
}

impl ForecastBasis {
    /// What `forecaster` samples.
    #[must_use]
    pub fn of(forecaster: &Forecaster) -> ForecastBasis {
        let window = forecaster.window();
        ForecastBasis {
            settings: *forecaster.settings(),
            from: window.and_then(crate::outlook::Window::from),
            to: window.and_then(crate::outlook::Window::to),
            finished: window.map_or(0, crate::outlook::Window::finished),
        }
    }

    /// The note under a table of forecasts: what they are made from and how to read them.
    pub(super) fn note(&self) -> Block<'static> {
        let s = &self.settings;
        let text = match (self.from, self.to) {
            (Some(from), Some(to)) => format!(
                "Forecasts replay the stories finished on each working day from {from} to {to} ({} stories; the last {} working days at most), {} times (seed {}): P85 is the day by which 85% of the runs had finished an epic's open stories.",
                self.finished,
                s.window_days,
                crate::text::number::thousands(u64::from(s.trials)),
                s.seed
            ),
            _ => "No forecasts: there is no git history to sample.".to_owned(),
        };
        Block::note(vec![Span::own(text)])
    }
}

/// How progress is counted, said once under every table of epics.
pub(super) fn progress_note() -> Block<'static> {
    Block::note(vec![Span::own(
        "Progress is the done share of each epic's story points; dropped stories count on neither side and are shown apart, and stories without an estimate are counted apart, never as zero.",
    )])
}

/// What an epics table shows beside each epic's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EpicDetail {
    /// Its status and remaining points (one product's epics report).
    Status,
    /// Its owner (the portfolio, where owners differ across products).
    Owner,
}

/// Epics as a table: each with its stories and points done, its progress, what is left and
/// dropped, and its forecast.
pub(super) fn epic_table(epics: &[EpicRow], detail: EpicDetail) -> Block<'_> {
    if epics.is_empty() {
        return Block::words("No epics.");
    }
    let rows = epics
        .iter()
        .map(|e| {
            let p = &e.progress;
            let mut row = vec![Cell::Item((&e.id).into(), (&e.title).into())];
            row.push(match detail {
                EpicDetail::Status => Cell::user(e.status.as_deref().unwrap_or("-")),
                EpicDetail::Owner => Cell::user(e.owner.as_deref().unwrap_or("-")),
            });
            row.extend([
                Cell::own(format!("{} of {}", p.stories_done, p.stories)),
                Cell::own(format!("{} of {}", p.points_done, p.points)),
                Cell::Progress(p.progress),
                Cell::own(remaining(p)),
                Cell::own(dropped(p)),
            ]);
            row.push(forecast_cell(e));
            row
        })
        .collect();
    let columns = vec![
        Column::Item("Epic"),
        match detail {
            EpicDetail::Status => Column::Text("Status"),
            EpicDetail::Owner => Column::Text("Owner"),
        },
        Column::Number("Stories done"),
        Column::Number("Points done"),
        Column::Progress("Progress"),
        Column::Number("Remaining"),
        Column::Number("Dropped"),
        Column::Text("Forecast"),
    ];
    Block::table(None, columns, rows)
}

/// An epic's forecast as a cell, marked when its P85 falls after the target.
pub(super) fn forecast_cell(e: &EpicRow) -> Cell<'static> {
    let text = e.outlook.text();
    if e.outlook.past_target {
        Cell::Spans(vec![Span::mark(Mark::Overdue, vec![Span::own(text)])])
    } else {
        Cell::own(text)
    }
}

/// Points left, and the open stories without an estimate: `5`, `5 + 2 unestimated`.
fn remaining(p: &crate::progress::Progress) -> String {
    match p.unestimated {
        0 => p.remaining_points.to_string(),
        n => format!("{} + {n} unestimated", p.remaining_points),
    }
}

/// Dropped stories and their points: `1 (3 points)`, or `-`.
fn dropped(p: &crate::progress::Progress) -> String {
    match (p.dropped_stories, p.dropped_points) {
        (0, _) => "-".to_owned(),
        (n, 1) => format!("{n} (1 point)"),
        (n, pts) => format!("{n} ({pts} points)"),
    }
}
