//! Today's date, which tests and scripts can pin.

use jiff::civil::Date;

/// The environment variable that pins "today" (`YYYY-MM-DD`), for reproducible scripts,
/// demos and tests.
pub const TODAY_VAR: &str = "POBOX_TODAY";

/// Today in the local time zone, or the date in `POBOX_TODAY` when it is set and valid.
#[must_use]
pub fn today() -> Date {
    std::env::var(TODAY_VAR)
        .ok()
        .and_then(|s| crate::model::fields::parse_date(s.trim()).ok())
        .unwrap_or_else(|| jiff::Zoned::now().date())
}
