//! Monte Carlo forecasts from daily throughput (domain reference §3, "Monte Carlo").
//!
//! Two questions, both answered by replaying past days at random:
//!
//! - [`when`]: when will N items be done? Each trial draws days with replacement from the
//!   [`Samples`] and sums their throughput until it reaches N; the day count is the trial's
//!   result. P85 is the date by which 85% of trials had finished.
//! - [`how_many`]: how many items by a date? Each trial sums the draws of that many days.
//!   P85 is the count that 85% of trials meet or exceed.
//!
//! The module is pure: samples in, sorted results and percentiles out, nothing printed and
//! nothing read from git. The same inputs and seed give the same result on every machine.
//! Percentiles are nearest-rank, defined at [`nearest_rank`]; docs/forecasting.md explains how
//! to read them.

mod calendar;
mod draws;
mod syntax;
#[cfg(test)]
mod tests;

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

pub use calendar::Calendar;
use draws::Draws;
pub use syntax::{ValueSyntaxError, parse_item_count, parse_split_rate};

/// A window shorter than this many days is too little history to forecast from.
pub const MIN_DAYS: usize = 10;

/// A window with fewer days than this on which at least one item was finished is too little
/// history: three good days and seven empty ones already say little about the future.
pub const MIN_NONZERO_DAYS: usize = 3;

/// The fewest trials a forecast may run.
pub const MIN_TRIALS: u32 = 1;

/// The most trials a forecast may run; 1,000 to 10,000 is the usual range (domain §3).
pub const MAX_TRIALS: u32 = 1_000_000;

/// The number of trials to run when the user names none.
pub const DEFAULT_TRIALS: u32 = 10_000;

/// The seed of the random draws when the user names none: fixed, so a report re-run on the
/// same history gives the same figures (domain §3: "use a seeded RNG so reports reproduce").
pub const DEFAULT_SEED: u64 = 1;

/// The working days of history sampled when the user names no window (about three months).
pub const DEFAULT_WINDOW_DAYS: u32 = 60;

/// The percentile a forecast's headline states: 85% is the usual level to commit at
/// (domain §3).
pub const HEADLINE_PERCENT: u8 = 85;

/// The longest a single trial may run, in counted days (about 100 years of calendar days). A
/// `when` trial still short of its items by then counts as not finished.
pub const MAX_TRIAL_DAYS: u32 = 36_525;

/// The percentiles every forecast reports.
pub const PERCENTS: [u8; 4] = [50, 70, 85, 95];

/// What a forecast cannot be made from, or an input out of range.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ForecastError {
    /// The window is too short or has too few days on which something was finished.
    #[error(
        "too little history to forecast: the window has {days} days, {nonzero_days} of them with a finished item; \
         a forecast needs {needed}. Widen the window or wait until more items are done"
    )]
    TooLittleHistory {
        /// Days in the window.
        days: usize,
        /// Days in the window with at least one finished item.
        nonzero_days: usize,
        /// What the window would need.
        needed: HistoryNeeded,
    },
    /// Every day of the window finished nothing, so no number of days ever finishes an item.
    #[error(
        "no item was ever finished in the window ({days} days of zero throughput): there is nothing to forecast from. \
         Widen the window or check which status counts as done"
    )]
    NothingFinished {
        /// Days in the window.
        days: usize,
    },
    /// The trial count is outside [`MIN_TRIALS`]..=[`MAX_TRIALS`].
    #[error("{trials} trials is out of range: run 1 to 1,000,000 (1,000 to 10,000 is usual)")]
    Trials {
        /// The trial count asked for.
        trials: u32,
    },
    /// A range of remaining items whose low end exceeds its high end.
    #[error("the item range {low}..{high} is empty: the low end must not exceed the high end")]
    ItemRange {
        /// The low end given.
        low: u32,
        /// The high end given.
        high: u32,
    },
    /// A split-rate range that is not finite, not above 0, or upside down.
    #[error("the split rate {low}..{high} is invalid: both ends must be finite numbers above 0 and low must not exceed high")]
    SplitRate {
        /// The low end given.
        low: f64,
        /// The high end given.
        high: f64,
    },
    /// A `how_many` horizon beyond [`MAX_TRIAL_DAYS`].
    #[error("{days} days is beyond the forecast horizon of {max} days (about 100 years)")]
    Horizon {
        /// The days asked for.
        days: u64,
        /// [`MAX_TRIAL_DAYS`].
        max: u32,
    },
    /// A `how_many` end date before its start.
    #[error("the end date {end} is before the start date {start}")]
    EndBeforeStart {
        /// The start date.
        start: Date,
        /// The end date.
        end: Date,
    },
    /// A finish date past the last date that can be represented.
    #[error("{days} days after {start} is past the last representable date")]
    DateOutOfRange {
        /// The start date.
        start: Date,
        /// The days counted from it.
        days: u32,
    },
}

/// The history a forecast needs: at least `days` days of which at least `nonzero_days`
/// finished an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HistoryNeeded {
    /// The fewest days in the window.
    pub days: usize,
    /// The fewest days with a finished item.
    pub nonzero_days: usize,
}

impl HistoryNeeded {
    /// The defaults, [`MIN_DAYS`] and [`MIN_NONZERO_DAYS`].
    pub const DEFAULT: HistoryNeeded = HistoryNeeded {
        days: MIN_DAYS,
        nonzero_days: MIN_NONZERO_DAYS,
    };
}

impl fmt::Display for HistoryNeeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "at least {} day{} of history with at least {} day{} on which an item was finished",
            self.days,
            s(self.days),
            self.nonzero_days,
            s(self.nonzero_days)
        )
    }
}

/// Daily throughput over a window: items finished per day, one entry per (work)day, zero
/// days included (domain §3). Dropping the zero days would make every forecast too hopeful.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Samples {
    days: Vec<u32>,
}

impl Samples {
    /// Samples that pass the default honesty rule, [`HistoryNeeded::DEFAULT`].
    ///
    /// # Errors
    /// [`ForecastError::TooLittleHistory`] when the window is empty, shorter than
    /// [`MIN_DAYS`] or has fewer than [`MIN_NONZERO_DAYS`] non-zero days;
    /// [`ForecastError::NothingFinished`] instead when it has days but all of them are 0.
    pub fn new(days: Vec<u32>) -> Result<Samples, ForecastError> {
        Samples::with_minimum(days, HistoryNeeded::DEFAULT)
    }

    /// Samples that pass a caller-chosen honesty rule, for a user who lowers or raises the
    /// bar on purpose. A window of only zero days is refused whatever the rule, since no
    /// number of such days ever finishes an item.
    ///
    /// # Errors
    /// As [`Samples::new`], with `needed` in place of the defaults.
    pub fn with_minimum(days: Vec<u32>, needed: HistoryNeeded) -> Result<Samples, ForecastError> {
        let nonzero_days = days.iter().filter(|&&n| n > 0).count();
        let too_little = ForecastError::TooLittleHistory {
            days: days.len(),
            nonzero_days,
            needed,
        };
        if days.is_empty() {
            return Err(too_little);
        }
        if nonzero_days == 0 {
            return Err(ForecastError::NothingFinished { days: days.len() });
        }
        if days.len() < needed.days || nonzero_days < needed.nonzero_days {
            return Err(too_little);
        }
        Ok(Samples { days })
    }

    /// The daily counts, in the order given.
    #[must_use]
    pub fn days(&self) -> &[u32] {
        &self.days
    }

    /// The number of days with at least one finished item.
    #[must_use]
    pub fn nonzero_days(&self) -> usize {
        self.days.iter().filter(|&&n| n > 0).count()
    }

    /// All items finished over the window.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.days.iter().map(|&n| u64::from(n)).sum()
    }
}

/// The work left for a `when` forecast: a count or a range, optionally times a split rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ItemsToDo {
    low: u32,
    high: u32,
    split_rate: Option<(f64, f64)>,
}

impl ItemsToDo {
    /// Exactly `count` items.
    #[must_use]
    pub fn exact(count: u32) -> ItemsToDo {
        ItemsToDo {
            low: count,
            high: count,
            split_rate: None,
        }
    }

    /// Between `low` and `high` items inclusive, drawn uniformly for each trial (Magennis).
    ///
    /// # Errors
    /// [`ForecastError::ItemRange`] when `low > high`.
    pub fn range(low: u32, high: u32) -> Result<ItemsToDo, ForecastError> {
        if low > high {
            return Err(ForecastError::ItemRange { low, high });
        }
        Ok(ItemsToDo {
            low,
            high,
            split_rate: None,
        })
    }

    /// The same items, each trial multiplied by a split rate drawn uniformly from
    /// `low..high` and rounded up (Magennis: stories split as they are worked on; 1.0 to 1.5
    /// is a common range). `low == high` is a fixed multiplier.
    ///
    /// # Errors
    /// [`ForecastError::SplitRate`] unless both ends are finite, above 0 and `low <= high`.
    pub fn with_split_rate(self, low: f64, high: f64) -> Result<ItemsToDo, ForecastError> {
        if !(low.is_finite() && high.is_finite() && low > 0.0 && low <= high) {
            return Err(ForecastError::SplitRate { low, high });
        }
        Ok(ItemsToDo {
            split_rate: Some((low, high)),
            ..self
        })
    }

    /// The low and high item counts (equal for an exact count).
    #[must_use]
    pub fn count_range(&self) -> (u32, u32) {
        (self.low, self.high)
    }

    /// The split-rate range, if any.
    #[must_use]
    pub fn split_rate(&self) -> Option<(f64, f64)> {
        self.split_rate
    }

    /// One trial's item count. Draws from the stream only for what varies, in this order:
    /// the count (when a range), then the split rate (when one is set and not fixed).
    fn draw(&self, draws: &mut Draws) -> u64 {
        let span = u64::from(self.high - self.low) + 1;
        let count = if span == 1 {
            u64::from(self.low)
        } else {
            u64::from(self.low) + draws.below(span)
        };
        match self.split_rate {
            None => count,
            Some((low, high)) => {
                let rate = if low == high { low } else { low + draws.unit() * (high - low) };
                round_up(count as f64 * rate)
            }
        }
    }
}

/// `x` rounded up, except that a product a hair above a whole number through binary
/// rounding (10 × 1.1 = 11.000000000000002) counts as that number. Saturates for absurd
/// rates rather than wrapping.
fn round_up(x: f64) -> u64 {
    let nearest = x.round();
    if (x - nearest).abs() <= 1e-9 * nearest.max(1.0) {
        nearest as u64
    } else {
        x.ceil() as u64
    }
}

/// The 1-based nearest rank of the `percent`th percentile among `n` sorted values:
/// `ceil(percent × n / 100)`, at least 1. The value at that rank is the smallest one that at
/// least `percent`% of the values are at or below. For `n = 10_000`, P85 is the 8,500th value.
#[must_use]
pub fn nearest_rank(percent: u8, n: usize) -> usize {
    (usize::from(percent) * n).div_ceil(100).max(1)
}

fn check_trials(trials: u32) -> Result<(), ForecastError> {
    if (MIN_TRIALS..=MAX_TRIALS).contains(&trials) {
        Ok(())
    } else {
        Err(ForecastError::Trials { trials })
    }
}

/// A day count and its date on the forecast's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Finish {
    /// Counted days after the start.
    pub days: u32,
    /// The date of the last of those days.
    pub date: Date,
}

/// One percentile of a `when` forecast: `percent`% of trials were done on or before
/// `finish`. `None` when more than `100 - percent`% of trials did not finish within
/// [`MAX_TRIAL_DAYS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WhenPercentile {
    /// 50, 70, 85 or 95.
    pub percent: u8,
    /// The day count and date, if that share of trials finished at all.
    pub finish: Option<Finish>,
}

/// The result of [`when`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhenForecast {
    calendar: Calendar,
    trials: u32,
    days: Vec<u32>,
    unfinished: u32,
    percentiles: Vec<WhenPercentile>,
}

impl WhenForecast {
    /// The calendar the day counts were turned into dates with.
    #[must_use]
    pub fn calendar(&self) -> Calendar {
        self.calendar
    }

    /// The number of trials run.
    #[must_use]
    pub fn trials(&self) -> u32 {
        self.trials
    }

    /// The day counts of the trials that finished, ascending.
    #[must_use]
    pub fn days(&self) -> &[u32] {
        &self.days
    }

    /// Trials still short of their items after [`MAX_TRIAL_DAYS`].
    #[must_use]
    pub fn unfinished(&self) -> u32 {
        self.unfinished
    }

    /// P50, P70, P85 and P95, in that order.
    #[must_use]
    pub fn percentiles(&self) -> &[WhenPercentile] {
        &self.percentiles
    }

    /// The reported percentile `percent` (one of [`PERCENTS`]).
    #[must_use]
    pub fn percentile(&self, percent: u8) -> Option<&WhenPercentile> {
        self.percentiles.iter().find(|p| p.percent == percent)
    }

    /// The day count at any percentile from 1 to 100 (nearest rank over all trials, the
    /// unfinished ones last), or `None` when that rank fell among the unfinished trials.
    #[must_use]
    pub fn days_at(&self, percent: u8) -> Option<u32> {
        let rank = nearest_rank(percent.min(100), self.trials as usize);
        self.days.get(rank - 1).copied()
    }

    /// The share of trials done on or before `date`, from 0.0 to 1.0 (Magennis's
    /// likelihood). 0.0 before the start; never decreases as the date moves later.
    #[must_use]
    pub fn likelihood_by(&self, date: Date) -> f64 {
        let days = self.calendar.days_until(date);
        if days < 0 {
            return 0.0;
        }
        let done = self.days.partition_point(|&d| i64::from(d) <= days);
        done as f64 / f64::from(self.trials)
    }
}

/// When will the items be done? Runs `trials` trials seeded with `seed`; each draws the
/// items to do, then draws days from `samples` with replacement and sums their throughput
/// until it reaches the items; the number of days drawn is the trial's result (0 for no
/// items). Day counts become dates on `Calendar { start, workdays_only }`.
///
/// # Errors
/// [`ForecastError::Trials`] outside 1..=1,000,000; [`ForecastError::DateOutOfRange`] when a
/// reported date is past 9999-12-31.
pub fn when(
    samples: &Samples,
    items: ItemsToDo,
    trials: u32,
    seed: u64,
    start: Date,
    workdays_only: bool,
) -> Result<WhenForecast, ForecastError> {
    check_trials(trials)?;
    let calendar = Calendar { start, workdays_only };
    let mut draws = Draws::new(seed);
    let mut days = Vec::with_capacity(trials as usize);
    let mut unfinished = 0;
    for _ in 0..trials {
        let target = items.draw(&mut draws);
        let mut done = 0u64;
        let mut elapsed = 0u32;
        while done < target && elapsed < MAX_TRIAL_DAYS {
            done += u64::from(samples.days[draws.index(samples.days.len())]);
            elapsed += 1;
        }
        if done >= target {
            days.push(elapsed);
        } else {
            unfinished += 1;
        }
    }
    days.sort_unstable();
    let mut forecast = WhenForecast {
        calendar,
        trials,
        days,
        unfinished,
        percentiles: Vec::with_capacity(PERCENTS.len()),
    };
    for percent in PERCENTS {
        let finish = match forecast.days_at(percent) {
            Some(days) => Some(Finish {
                days,
                date: calendar.date_after(days)?,
            }),
            None => None,
        };
        forecast.percentiles.push(WhenPercentile { percent, finish });
    }
    Ok(forecast)
}

/// One percentile of a `how_many` forecast: `percent`% of trials finished at least
/// `at_least` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HowManyPercentile {
    /// 50, 70, 85 or 95.
    pub percent: u8,
    /// The item count that share of trials met or exceeded.
    pub at_least: u64,
}

/// The result of [`how_many`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HowManyForecast {
    days: u32,
    trials: u32,
    sums: Vec<u64>,
    percentiles: Vec<HowManyPercentile>,
}

impl HowManyForecast {
    /// The counted days each trial summed.
    #[must_use]
    pub fn days(&self) -> u32 {
        self.days
    }

    /// The number of trials run.
    #[must_use]
    pub fn trials(&self) -> u32 {
        self.trials
    }

    /// Each trial's items finished, ascending.
    #[must_use]
    pub fn sums(&self) -> &[u64] {
        &self.sums
    }

    /// P50, P70, P85 and P95, in that order; the counts never increase along it.
    #[must_use]
    pub fn percentiles(&self) -> &[HowManyPercentile] {
        &self.percentiles
    }

    /// The reported percentile `percent` (one of [`PERCENTS`]).
    #[must_use]
    pub fn percentile(&self, percent: u8) -> Option<&HowManyPercentile> {
        self.percentiles.iter().find(|p| p.percent == percent)
    }

    /// The largest count that at least `percent`% of trials (1 to 100) met or exceeded: the
    /// nearest rank counted from the top of the sums.
    #[must_use]
    pub fn at_least_at(&self, percent: u8) -> u64 {
        let rank = nearest_rank(percent.min(100), self.sums.len());
        self.sums[self.sums.len() - rank]
    }

    /// The share of trials that finished at least `items`, from 0.0 to 1.0.
    #[must_use]
    pub fn likelihood_of_at_least(&self, items: u64) -> f64 {
        let below = self.sums.partition_point(|&s| s < items);
        (self.sums.len() - below) as f64 / f64::from(self.trials)
    }
}

/// How many items in the next `days` counted days? Runs `trials` trials seeded with `seed`;
/// each sums the throughput of `days` days drawn from `samples` with replacement.
///
/// # Errors
/// [`ForecastError::Trials`] outside 1..=1,000,000; [`ForecastError::Horizon`] beyond
/// [`MAX_TRIAL_DAYS`].
pub fn how_many(samples: &Samples, days: u32, trials: u32, seed: u64) -> Result<HowManyForecast, ForecastError> {
    check_trials(trials)?;
    if days > MAX_TRIAL_DAYS {
        return Err(ForecastError::Horizon {
            days: u64::from(days),
            max: MAX_TRIAL_DAYS,
        });
    }
    let mut draws = Draws::new(seed);
    let mut sums: Vec<u64> = (0..trials)
        .map(|_| (0..days).map(|_| u64::from(samples.days[draws.index(samples.days.len())])).sum())
        .collect();
    sums.sort_unstable();
    let mut forecast = HowManyForecast {
        days,
        trials,
        sums,
        percentiles: Vec::with_capacity(PERCENTS.len()),
    };
    forecast.percentiles = PERCENTS
        .iter()
        .map(|&percent| HowManyPercentile {
            percent,
            at_least: forecast.at_least_at(percent),
        })
        .collect();
    Ok(forecast)
}

/// How many items by `end`? [`how_many`] over the counted days after `start` up to and
/// including `end` on `Calendar { start, workdays_only }`.
///
/// # Errors
/// [`ForecastError::EndBeforeStart`], and those of [`how_many`].
pub fn how_many_by(
    samples: &Samples,
    start: Date,
    end: Date,
    workdays_only: bool,
    trials: u32,
    seed: u64,
) -> Result<HowManyForecast, ForecastError> {
    let days = Calendar { start, workdays_only }.days_until(end);
    if days < 0 {
        return Err(ForecastError::EndBeforeStart { start, end });
    }
    let days = u32::try_from(days).map_err(|_| ForecastError::Horizon {
        days: days.unsigned_abs(),
        max: MAX_TRIAL_DAYS,
    })?;
    how_many(samples, days, trials, seed)
}
