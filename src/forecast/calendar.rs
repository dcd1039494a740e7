//! Turning simulated day counts into dates and back.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::Serialize;

use super::ForecastError;

/// Which days a forecast counts, starting after `start`.
///
/// Day 1 is the (work)day after `start`; day 0 is `start` itself. With `workdays_only`,
/// Saturdays and Sundays are skipped, so a Friday start plus 1 day is the Monday after. The
/// samples should then be workday samples too: throughput of weekdays only, or the weekend
/// zeros make every forecast too slow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Calendar {
    /// The day the forecast starts from, usually today.
    pub start: Date,
    /// Count Monday to Friday only.
    pub workdays_only: bool,
}

impl Calendar {
    /// The date `days` counted days after the start.
    ///
    /// # Errors
    /// [`ForecastError::DateOutOfRange`] past the last date jiff can represent (9999-12-31).
    pub fn date_after(&self, days: u32) -> Result<Date, ForecastError> {
        let out_of_range = || ForecastError::DateOutOfRange { start: self.start, days };
        if !self.workdays_only {
            return self.start.checked_add(i64::from(days).days()).map_err(|_| out_of_range());
        }
        if days == 0 {
            return Ok(self.start);
        }
        // Every 7 calendar days hold exactly 5 workdays whatever the weekday we start on; jump
        // whole weeks but keep 1 to 5 workdays to step, so the result is never a weekend.
        let weeks = (days - 1) / 5;
        let mut date = self.start.checked_add((i64::from(weeks) * 7).days()).map_err(|_| out_of_range())?;
        let mut left = days - weeks * 5;
        while left > 0 {
            date = date.tomorrow().map_err(|_| out_of_range())?;
            if !is_weekend(date) {
                left -= 1;
            }
        }
        Ok(date)
    }

    /// How many counted days lie after the start up to and including `date`; negative when
    /// `date` is before the start (then it is minus the calendar days between them).
    #[must_use]
    pub fn days_until(&self, date: Date) -> i64 {
        let calendar_days = i64::from(date.since(self.start).map_or(0, |span| span.get_days()));
        if !self.workdays_only || calendar_days <= 0 {
            return calendar_days;
        }
        let weeks = calendar_days / 7;
        let mut count = weeks * 5;
        let mut day = self.start.checked_add((weeks * 7).days()).unwrap_or(date);
        while day < date {
            day = day.tomorrow().unwrap_or(date);
            if !is_weekend(day) {
                count += 1;
            }
        }
        count
    }
}

fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}
