//! Numbers as every report and table prints them.

/// A ratio as a whole percentage, rounded half up as `pobox sprint close` counts it (5 of 8
/// is `63%`), or `-` when there is none. Every report and table prints percentages with it,
/// so one sprint never shows two different figures.
#[must_use]
pub fn percent(r: Option<f64>) -> String {
    r.map_or_else(|| "-".to_owned(), |r| format!("{}%", (r * 100.0).round()))
}

/// A value with one decimal, without a trailing `.0` (`10.5`, `21`).
#[must_use]
pub fn decimal(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or_else(|| s.clone(), str::to_owned)
}

/// A whole number with a comma between thousands (`10,000`).
#[must_use]
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_like_sprint_close() {
        assert_eq!(percent(Some(5.0 / 8.0)), "63%");
        assert_eq!(percent(Some(26.0 / 34.0)), "76%");
        assert_eq!(percent(Some(0.0)), "0%");
        assert_eq!(percent(Some(1.0)), "100%");
        assert_eq!(percent(None), "-");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn decimals_drop_a_trailing_zero() {
        assert_eq!(decimal(21.0), "21");
        assert_eq!(decimal(10.5), "10.5");
        assert_eq!(decimal(18.9), "18.9");
    }
}
