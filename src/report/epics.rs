//! What the epics report contains (domain reference §7, Jira's epic burndown): each epic's
//! done stories and points, and when its remaining points would be done at the team's
//! velocity (the mean completed points of the last 3 closed sprints).

use jiff::civil::Date;
use serde::Serialize;

use super::page::{self, Block, Cell, Column, Page, Span};
use super::roadmap::{EpicRow, epic_rows};
use crate::history::History;
use crate::history::sprints::{sprint_reports, velocity};
use crate::model::Kind;
use crate::text::number::decimal;
use crate::workspace::{UnreadableFile, Workspace};

/// The epics report: data only; its [`Page`] is written by every format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpicsReportDoc {
    /// The product's name (`product` in `pobox.yaml`).
    pub product: String,
    /// The day the report was made.
    pub as_of: Date,
    /// `--owner`: only what this person owns (`None`: everyone's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Mean completed points of the last 3 closed sprints; `None` before the first closes.
    pub velocity: Option<f64>,
    /// The last closed sprint's end: where forecasts start.
    pub last_sprint_end: Option<Date>,
    /// `sprint_length_days` from `pobox.yaml`.
    pub sprint_length_days: u32,
    /// The epics, by rank then id.
    pub epics: Vec<EpicForecast>,
    /// Every file of the backlog pobox cannot read: counted nowhere in it, so listed here
    /// (domain §8; see [`super::unreadable`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableFile>,
}

/// One epic, its progress and forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpicForecast {
    /// The epic and its progress.
    #[serde(flatten)]
    pub epic: EpicRow,
    /// points - points_done.
    pub remaining_points: u32,
    /// remaining points / velocity; `None` without a velocity.
    pub sprints_remaining: Option<f64>,
    /// The last closed sprint's end plus the remaining sprints (rounded up) of
    /// `sprint_length_days`; `None` without a velocity.
    pub forecast: Option<Date>,
}

impl EpicForecast {
    /// The forecast as a report cell: `done`, `2026-10-18 (0.4 sprints)` or `no velocity
    /// yet`. Plain text: each renderer escapes it.
    #[must_use]
    pub fn forecast_text(&self) -> String {
        match (self.remaining_points, self.forecast, self.sprints_remaining) {
            (0, _, _) => "done".to_owned(),
            (_, Some(d), Some(n)) => format!("{d} ({} sprints)", decimal(n)),
            _ => "no velocity yet".to_owned(),
        }
    }
}

impl EpicsReportDoc {
    /// Keep only the epics `owner` owns.
    pub fn retain_owner(&mut self, owner: &str) {
        self.epics.retain(|e| e.epic.owner.as_deref() == Some(owner));
        self.owner = Some(owner.to_owned());
    }
}

/// Build the report from `ws` and its `history` as of `as_of`.
#[must_use]
pub fn build(ws: &Workspace, history: &History, as_of: Date) -> EpicsReportDoc {
    let reports = sprint_reports(history, as_of);
    let velocity = velocity(&reports).mean_last_3.filter(|v| *v > 0.0);
    let last_sprint_end = reports.iter().filter(|r| r.closed).filter_map(|r| r.end.or(r.closed_on)).max();
    let length = ws.config.sprint_length_days.max(1);
    let epics = epic_rows(ws)
        .into_iter()
        .map(|epic| {
            let remaining_points = epic.points.saturating_sub(epic.points_done);
            let sprints_remaining = velocity.map(|v| f64::from(remaining_points) / v);
            let forecast = sprints_remaining.zip(last_sprint_end).and_then(|(n, end)| {
                // Whole sprints: a sprint started is a sprint spent.
                let days = i64::from(length) * (n.ceil() as i64);
                end.checked_add(jiff::Span::new().days(days)).ok()
            });
            EpicForecast {
                epic,
                remaining_points,
                sprints_remaining,
                forecast,
            }
        })
        .collect();
    EpicsReportDoc {
        product: ws.config.product.clone(),
        as_of,
        owner: None,
        velocity,
        last_sprint_end,
        sprint_length_days: length,
        epics,
        unreadable: ws.unreadable(&Kind::ALL),
    }
}

impl super::Report for EpicsReportDoc {
    const NAME: &'static str = "epics";

    fn page(&self) -> Page<'_> {
        let velocity = match (self.velocity, self.last_sprint_end) {
            (Some(v), Some(end)) => Block::note(vec![
                Span::own("Velocity "),
                Span::strong(decimal(v)),
                Span::own(format!(
                    " points a sprint (mean of the last 3 closed sprints); forecasts count {}-day sprints from {end}, the end of the last closed sprint.",
                    self.sprint_length_days
                )),
            ]),
            _ => Block::note(vec![Span::own("No velocity yet: no sprint has closed, so there is no forecast.")]),
        };
        let epics = epic_table(&self.epics, EpicDetail::Status);
        Page {
            title: vec![Span::own("Epics")],
            facts: page::facts(&self.product, self.owner.as_deref(), self.as_of),
            intro: Vec::new(),
            blocks: vec![Block::Section {
                title: vec![Span::own("Progress and forecast")],
                titled_in_text: false,
                blocks: vec![velocity, epics],
            }],
            source: "from the backlog's epic and story files and their git history",
            source_note: "",
            as_of: self.as_of,
        }
        .with_unreadable(&self.unreadable)
    }
}

/// What an epics table shows beside each epic's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EpicDetail {
    /// Its status and remaining points (one product's epics report).
    Status,
    /// Its owner (the portfolio, where owners differ across products).
    Owner,
}

/// Epics as a table: each with its stories and points done, its progress and its forecast.
pub(super) fn epic_table(epics: &[EpicForecast], detail: EpicDetail) -> Block<'_> {
    if epics.is_empty() {
        return Block::words("No epics.");
    }
    let rows = epics
        .iter()
        .map(|e| {
            let r = &e.epic;
            let mut row = vec![Cell::Item((&r.id).into(), (&r.title).into())];
            row.push(match detail {
                EpicDetail::Status => Cell::user(r.status.as_deref().unwrap_or("-")),
                EpicDetail::Owner => Cell::user(r.owner.as_deref().unwrap_or("-")),
            });
            row.extend([
                Cell::own(format!("{} of {}", r.stories_done, r.stories)),
                Cell::own(format!("{} of {}", r.points_done, r.points)),
                Cell::Progress(r.progress),
            ]);
            if detail == EpicDetail::Status {
                row.push(Cell::own(e.remaining_points.to_string()));
            }
            row.push(Cell::own(e.forecast_text()));
            row
        })
        .collect();
    let mut columns = vec![
        Column::Item("Epic"),
        match detail {
            EpicDetail::Status => Column::Text("Status"),
            EpicDetail::Owner => Column::Text("Owner"),
        },
        Column::Number("Stories done"),
        Column::Number("Points done"),
        Column::Progress("Progress"),
    ];
    if detail == EpicDetail::Status {
        columns.push(Column::Number("Remaining"));
    }
    columns.push(Column::Text("Forecast"));
    Block::table(None, columns, rows)
}
