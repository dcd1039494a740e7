//! What the epics report contains (domain reference §7, Jira's epic burndown): each epic's
//! done stories and points, and when its remaining points would be done at the team's
//! velocity (the mean completed points of the last 3 closed sprints).

use jiff::civil::Date;
use serde::Serialize;

use super::roadmap::{EpicRow, epic_rows};
use crate::history::History;
use crate::history::sprints::{sprint_reports, velocity};
use crate::workspace::Workspace;

/// The epics report: data only; [`super::md`], [`super::html`] and [`super::json`] write it.
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
            (_, Some(d), Some(n)) => format!("{d} ({} sprints)", crate::text::number::decimal(n)),
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
    }
}
