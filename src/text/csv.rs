//! Cells for CSV files that spreadsheets open, and that a terminal or CI log may show.

use std::borrow::Cow;

/// A cell as pobox writes it: control characters and bidirectional overrides made visible
/// (line breaks kept, since a quoted cell may hold them: see
/// [`super::control::show_controls_keep_lines`]), then defused as a formula
/// ([`defuse_formula`]). A text starting `::` stays as written, so it survives an export and
/// import; printed, it passes the terminal's sanitizer like every other output.
#[must_use]
pub fn cell(value: &str) -> Cow<'_, str> {
    match super::control::show_controls_keep_lines(value) {
        Cow::Borrowed(v) => defuse_formula(v),
        Cow::Owned(v) => Cow::Owned(defuse_formula(&v).into_owned()),
    }
}

/// Prefixes `'` to a cell a spreadsheet would run as a formula (OWASP "CSV injection"):
/// one starting with `=`, `+`, `-`, `@`, a tab or a carriage return. Numbers such as `-3`
/// or `2.5` are left alone so they stay numbers.
#[must_use]
pub fn defuse_formula(value: &str) -> Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !is_plain_number(value) => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

/// `-12`, `3`, `-0.5`: digits with an optional leading minus and at most one decimal point.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit()) && !digits.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_not_formulas() {
        for n in ["-1", "-0.5", "12", "3.25"] {
            assert_eq!(defuse_formula(n), n);
        }
        for f in ["-", "-1+2", "+1", "-.5", "-1.", "@SUM(A1)", "\tx", "=1"] {
            assert_eq!(defuse_formula(f), format!("'{f}"), "{f:?}");
        }
        assert_eq!(defuse_formula(""), "");
    }

    #[test]
    fn cells_keep_line_breaks_and_show_control_characters() {
        assert!(matches!(cell("plain, \"quoted\"\nsecond line"), Cow::Borrowed(_)));
        // A line starting `::` is the text's own: printing defuses it, a file keeps it.
        assert_eq!(cell("=1\u{1b}[2J\r\n::error::x"), "'=1\u{241b}[2J\r\n::error::x");
    }
}
