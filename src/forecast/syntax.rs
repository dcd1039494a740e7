//! The written form of a forecast's inputs: a count of items `N` or `LOW-HIGH`, a split rate
//! `RATE` or `LOW-HIGH`. Every front-end that takes them as text reads them here, so they
//! mean the same everywhere; the messages say what a valid value looks like.

/// A count or a rate that is not written the way a forecast reads it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValueSyntaxError {
    /// Not `N` or `LOW-HIGH` with whole numbers.
    #[error("`{0}` is not a number of stories: write N or LOW-HIGH, e.g. 20-30")]
    NotACount(String),
    /// A count range whose low end is above its high end.
    #[error("`{text}` runs backwards: write the lower count first, e.g. {high}-{low}")]
    CountBackwards {
        /// The text given.
        text: String,
        /// Its first number.
        low: u32,
        /// Its second number.
        high: u32,
    },
    /// Not `RATE` or `LOW-HIGH` with numbers above 0.
    #[error("`{0}` is not a split rate: write a number above 0 or LOW-HIGH, e.g. 1.0-1.5")]
    NotARate(String),
    /// A rate range whose low end is above its high end.
    #[error("`{text}` runs backwards: write the lower rate first, e.g. {high}-{low}")]
    RateBackwards {
        /// The text given.
        text: String,
        /// Its first rate.
        low: f64,
        /// Its second rate.
        high: f64,
    },
}

/// Read a count of items: `N`, or `LOW-HIGH` (e.g. `20-30`) for a count drawn per trial.
/// Returns `(low, high)`, equal for a single number.
///
/// # Errors
/// [`ValueSyntaxError::NotACount`] when it is neither form, [`ValueSyntaxError::CountBackwards`]
/// when LOW is above HIGH.
pub fn parse_item_count(s: &str) -> Result<(u32, u32), ValueSyntaxError> {
    let number = |t: &str| t.trim().parse::<u32>().map_err(|_| ValueSyntaxError::NotACount(s.to_owned()));
    match s.split_once('-') {
        None => number(s).map(|n| (n, n)),
        Some((low, high)) => {
            let (low, high) = (number(low)?, number(high)?);
            if low > high {
                return Err(ValueSyntaxError::CountBackwards {
                    text: s.to_owned(),
                    low,
                    high,
                });
            }
            Ok((low, high))
        }
    }
}

/// Read a split rate: `RATE`, or `LOW-HIGH` (e.g. `1.0-1.5`) for a rate drawn per trial, each
/// a finite number above 0. Returns `(low, high)`, equal for a single rate.
///
/// # Errors
/// [`ValueSyntaxError::NotARate`] when it is neither form or a rate is not above 0,
/// [`ValueSyntaxError::RateBackwards`] when LOW is above HIGH.
pub fn parse_split_rate(s: &str) -> Result<(f64, f64), ValueSyntaxError> {
    let rate = |t: &str| match t.trim().parse::<f64>() {
        Ok(r) if r.is_finite() && r > 0.0 => Ok(r),
        _ => Err(ValueSyntaxError::NotARate(s.to_owned())),
    };
    let (low, high) = match s.split_once('-') {
        None => rate(s).map(|r| (r, r))?,
        Some((low, high)) => (rate(low)?, rate(high)?),
    };
    if low > high {
        return Err(ValueSyntaxError::RateBackwards {
            text: s.to_owned(),
            low,
            high,
        });
    }
    Ok((low, high))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_is_one_number_or_a_range() {
        assert_eq!(parse_item_count("12"), Ok((12, 12)));
        assert_eq!(parse_item_count(" 20 - 30 "), Ok((20, 30)));
        assert_eq!(parse_item_count("0"), Ok((0, 0)));
        assert_eq!(parse_item_count("5-5"), Ok((5, 5)));
    }

    #[test]
    fn a_count_that_is_not_one_says_how_to_write_it() {
        for bad in ["", "x", "1.5", "-3", "3-", "1-2-3"] {
            assert_eq!(parse_item_count(bad), Err(ValueSyntaxError::NotACount(bad.to_owned())), "{bad}");
        }
        let e = parse_item_count("30-20").unwrap_err();
        assert_eq!(e.to_string(), "`30-20` runs backwards: write the lower count first, e.g. 20-30");
        assert_eq!(
            parse_item_count("many").unwrap_err().to_string(),
            "`many` is not a number of stories: write N or LOW-HIGH, e.g. 20-30"
        );
    }

    #[test]
    fn a_rate_is_above_zero_and_may_be_a_range() {
        assert_eq!(parse_split_rate("1.5"), Ok((1.5, 1.5)));
        assert_eq!(parse_split_rate("1.0-1.5"), Ok((1.0, 1.5)));
        for bad in ["0", "-1", "0-1", "x", "inf", "NaN", "1.0-"] {
            assert_eq!(parse_split_rate(bad), Err(ValueSyntaxError::NotARate(bad.to_owned())), "{bad}");
        }
        assert_eq!(
            parse_split_rate("2-1.5").unwrap_err().to_string(),
            "`2-1.5` runs backwards: write the lower rate first, e.g. 1.5-2"
        );
    }
}
