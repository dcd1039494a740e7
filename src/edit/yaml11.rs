//! Plain scalars that YAML 1.1 readers take for something other than text.
//!
//! pobox reads YAML 1.2, where `no`, `on`, `12:30` and `2026-01-05` are text. Many readers of
//! the same files do not: PyYAML (and so pre-commit hooks and scripts), Ruby's Psych, Go's
//! yaml.v2 and yaml-language-server in 1.1 mode read `no` as false, `12:30` as the number
//! 750, `0o17`-style and `017` as octal, `2026-01-05` as a date object and `=` as a special
//! key. A value pobox writes must read as the same text in all of them, so such a value is
//! quoted (pobox's own date fields aside, which are dates on purpose).

use std::sync::LazyLock;

use regex::Regex;

/// The plain scalars YAML 1.1's type repository (bool, null, int, float, timestamp, value,
/// merge) resolves to something other than a string, matched whole.
static NOT_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:",
        // bool and null (any case, wider than the spec's three spellings: quoting more is
        // harmless)
        r"(?i:y|yes|n|no|true|false|on|off|null)|~",
        // int: binary, octal, decimal, hexadecimal, sexagesimal
        r"|[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+",
        r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+",
        // float: decimal, sexagesimal, infinity, not-a-number
        r"|[-+]?(?:[0-9][0-9_]*\.[0-9._]*|\.[0-9][0-9._]*)(?:[eE][-+]?[0-9]+)?",
        r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*",
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        // timestamp: a date, or a date and time
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
        r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?",
        // value and merge keys
        r"|=|<<",
        r")$"
    ))
    .expect("the YAML 1.1 pattern is valid")
});

/// Whether a YAML 1.1 reader would read the plain scalar `s` as something other than the
/// text `s`.
pub(super) fn reads_as_other_than_text(s: &str) -> bool {
    NOT_TEXT.is_match(s)
}

/// Whether `s` is a `YYYY-MM-DD` date, as pobox writes its own date fields.
pub(super) fn is_plain_date(s: &str) -> bool {
    crate::model::fields::parse_date(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_yaml_1_1_reads_as_other_than_text() {
        for s in [
            "no",
            "No",
            "NO",
            "yes",
            "y",
            "n",
            "on",
            "Off",
            "true",
            "FALSE",
            "null",
            "~",
            "12:30",
            "1:30:00",
            "190:20:30.15",
            "0b101",
            "017",
            "0x1F",
            "1_000",
            "+5",
            "-3",
            "1.5",
            "1.",
            ".5",
            "1.2.3",
            "6.8523015e+5",
            ".inf",
            "-.Inf",
            ".NaN",
            "2026-01-05",
            "2026-1-5",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14 21:59:43.10 -5",
            "=",
            "<<",
        ] {
            assert!(reads_as_other_than_text(s), "{s}");
        }
        for s in [
            "",
            "noon",
            "yes please",
            "draft",
            "S-12",
            "12:60",
            "1e3",
            "v1.2",
            ".",
            "-",
            "2026-01-05x",
            "2026-01",
            "==",
            "<",
            "E-1",
            "1-2",
        ] {
            assert!(!reads_as_other_than_text(s), "{s}");
        }
    }
}
