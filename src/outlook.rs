//! When work will be done: the one Monte Carlo forecast of an epic that `pobox forecast
//! --epic`, the epics report, the roadmap, the portfolio and the site all show (domain
//! reference §3 and §8; docs/forecasting.md).
//!
//! The samples are the backlog's own throughput: stories finished on each of the last
//! `window_days` working days up to today ([`Window`]). The work is the epic's open stories
//! ([`WorkLeft::of_epic`]). [`crate::forecast::when`] replays the past with a fixed seed, so
//! the same history and settings give the same dates in every command. An outlook states
//! the dates at P50 and P85 and whether P85 falls after the epic's `target`.

use std::cell::RefCell;
use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::forecast::{self, ForecastError, Samples, WhenForecast};
use crate::history::History;
use crate::history::metrics::{self, DayCount};
use crate::model::KindData;
use crate::work_left::{WorkLeft, WorkLeftError};
use crate::workspace::Workspace;

/// How a forecast samples the past: the same defaults for every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// Working days of throughput sampled, up to today.
    pub window_days: u32,
    /// Trials run.
    pub trials: u32,
    /// Seed of the random draws.
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_days: forecast::DEFAULT_WINDOW_DAYS,
            trials: forecast::DEFAULT_TRIALS,
            seed: forecast::DEFAULT_SEED,
        }
    }
}

/// The throughput a forecast samples: stories finished on each working day of the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Window {
    /// The working days asked for.
    pub requested_days: u32,
    /// The days there are (never before the backlog's first commit), oldest first.
    pub days: Vec<DayCount>,
}

impl Window {
    /// The last `days` working days up to `today` of `history`.
    #[must_use]
    pub fn of(history: &History, today: Date, days: u32) -> Window {
        Window {
            requested_days: days,
            days: metrics::throughput_per_workday(history, today, days as usize),
        }
    }

    /// The first day.
    #[must_use]
    pub fn from(&self) -> Option<Date> {
        self.days.first().map(|d| d.date)
    }

    /// The last day.
    #[must_use]
    pub fn to(&self) -> Option<Date> {
        self.days.last().map(|d| d.date)
    }

    /// Stories finished in the window.
    #[must_use]
    pub fn finished(&self) -> u64 {
        self.days.iter().map(|d| u64::from(d.count)).sum()
    }

    /// Days on which at least one story was finished.
    #[must_use]
    pub fn nonzero(&self) -> usize {
        self.days.iter().filter(|d| d.count > 0).count()
    }

    /// The samples a forecast draws from.
    ///
    /// # Errors
    /// [`ForecastError::TooLittleHistory`] when the window is too short or too empty.
    pub fn samples(&self) -> Result<Samples, ForecastError> {
        Samples::new(self.days.iter().map(|d| d.count).collect())
    }
}

/// An epic's forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpicOutlook {
    /// The open stories counted.
    pub open_stories: u32,
    /// The date by which half the trials finished.
    pub p50: Option<Date>,
    /// The date by which 85% of the trials finished: the date to commit to.
    pub p85: Option<Date>,
    /// The epic's target date.
    pub target: Option<Date>,
    /// Whether P85 falls after the target.
    pub past_target: bool,
    /// Why there are no dates while stories are open (no history, too little of it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<String>,
}

impl EpicOutlook {
    /// The forecast as a cell: `done`, `P85 2026-11-20` (with `, after the target` when it
    /// is), or why there is none. "done" only when the epic has stories and none is open:
    /// an epic without stories has no forecast, as its JSON (`p85: null`, `unavailable`) says.
    #[must_use]
    pub fn text(&self) -> String {
        match (self.open_stories, self.p85, &self.unavailable) {
            (_, None, Some(why)) => format!("no forecast: {why}"),
            (0, _, _) => "done".to_owned(),
            (_, Some(p85), _) if self.past_target => format!("P85 {p85}, after the target"),
            (_, Some(p85), _) => format!("P85 {p85}"),
            (_, None, None) => "not done within 100 years".to_owned(),
        }
    }
}

/// Why an epic without stories (none in scope: every one dropped, or none yet) has no
/// forecast: nothing says it is done.
const NO_STORIES: &str = "the epic has no stories";

/// An epic's P50 and P85, or why there are none.
type Dates = Result<(Option<Date>, Option<Date>), String>;

/// Forecasts of epics as of one day, from one window of history: what every view that
/// shows an epic's forecast asks.
#[derive(Debug, Clone)]
pub struct Forecaster {
    window: Result<Window, String>,
    today: Date,
    settings: Settings,
    /// Dates (P50, P85) or why none, by number of open stories: the same count, samples
    /// and seed give the same dates, so an epic with as many open stories as another costs
    /// nothing more.
    memo: RefCell<HashMap<u32, Dates>>,
}

impl Forecaster {
    /// Forecasts as of `today` from `history` (or the reason there is none) with `settings`.
    #[must_use]
    pub fn new(history: Result<&History, &str>, today: Date, settings: Settings) -> Forecaster {
        Forecaster {
            window: history.map(|h| Window::of(h, today, settings.window_days)).map_err(str::to_owned),
            today,
            settings,
            memo: RefCell::new(HashMap::new()),
        }
    }

    /// The window sampled, when there is history.
    #[must_use]
    pub fn window(&self) -> Option<&Window> {
        self.window.as_ref().ok()
    }

    /// The settings.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The forecast of `epic`'s open stories. The same inputs give the same outlook in every
    /// command.
    ///
    /// # Errors
    /// [`WorkLeftError`] when `epic` is not an epic.
    pub fn epic(&self, ws: &Workspace, epic: &str) -> Result<EpicOutlook, WorkLeftError> {
        let work = WorkLeft::of_epic(ws, epic)?;
        let target = ws.get(epic).and_then(|i| match &i.data {
            KindData::Epic(e) => e.target,
            _ => None,
        });
        let mut outlook = EpicOutlook {
            open_stories: work.count,
            p50: None,
            p85: None,
            target,
            past_target: false,
            unavailable: None,
        };
        if work.is_nothing() {
            if crate::progress::Progress::of_epic(ws, work.id.as_deref().unwrap_or(epic)).stories == 0 {
                outlook.unavailable = Some(NO_STORIES.to_owned());
            }
            return Ok(outlook);
        }
        let dates = self.memo.borrow().get(&work.count).cloned();
        let dates = dates.unwrap_or_else(|| {
            let dates = match &self.window {
                Err(why) => Err(why.clone()),
                Ok(window) => match when(&work, window, self.today, &self.settings) {
                    Ok(f) => {
                        let at = |percent| f.percentile(percent).and_then(|p| p.finish).map(|f| f.date);
                        Ok((at(50), at(forecast::HEADLINE_PERCENT)))
                    }
                    Err(e) => Err(short_reason(&e)),
                },
            };
            self.memo.borrow_mut().insert(work.count, dates.clone());
            dates
        });
        match dates {
            Ok((p50, p85)) => {
                outlook.p50 = p50;
                outlook.p85 = p85;
                outlook.past_target = p85.zip(target).is_some_and(|(p, t)| p > t);
            }
            Err(why) => outlook.unavailable = Some(why),
        }
        Ok(outlook)
    }
}

/// The "when" forecast of `work` from `window`'s throughput, counting working days from
/// `today`: the one every front-end runs.
///
/// # Errors
/// [`ForecastError`] when the window is too little history or the work is out of range.
pub fn when(work: &WorkLeft, window: &Window, today: Date, settings: &Settings) -> Result<WhenForecast, ForecastError> {
    when_split(work, None, window, today, settings)
}

/// [`when`] with the work multiplied by a split rate drawn from `(low, high)`.
///
/// # Errors
/// As [`when`], and [`ForecastError::SplitRate`] for a rate out of range.
pub fn when_split(
    work: &WorkLeft,
    split_rate: Option<(f64, f64)>,
    window: &Window,
    today: Date,
    settings: &Settings,
) -> Result<WhenForecast, ForecastError> {
    let samples = window.samples()?;
    forecast::when(&samples, work.to_do(split_rate)?, settings.trials, settings.seed, today, true)
}

/// A reason short enough for a table cell.
fn short_reason(e: &ForecastError) -> String {
    match e {
        ForecastError::TooLittleHistory { .. } => "too little history".to_owned(),
        ForecastError::NothingFinished { .. } => "no story finished in the window".to_owned(),
        other => other.to_string(),
    }
}
