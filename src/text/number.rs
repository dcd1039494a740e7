//! Numbers as every report and table prints them, and ids ordered by the numbers in them
//! ([`natural_cmp`]: `S-2` before `S-10`).

use std::cmp::Ordering;

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

/// Compare two ids the way people read them: `S-2` before `S-10`.
#[must_use]
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let db = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (na, nb) = (&a[..da], &b[..db]);
                let strip = |s: &[u8]| -> usize { s.iter().take_while(|c| **c == b'0').count() };
                let (ta, tb) = (&na[strip(na)..], &nb[strip(nb)..]);
                let c = ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb)).then_with(|| da.cmp(&db));
                if c != Ordering::Equal {
                    return c;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_compare_as_people_read_them() {
        assert_eq!(natural_cmp("S-2", "S-10"), Ordering::Less);
        assert_eq!(natural_cmp("S-10", "S-10"), Ordering::Equal);
        assert_eq!(natural_cmp("E-1", "S-1"), Ordering::Less);
        assert_eq!(natural_cmp("S-02", "S-2"), Ordering::Greater);
    }

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
