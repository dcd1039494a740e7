//! Control characters made visible, one character for one: what a terminal, a CI log and
//! every other escape in [`super`] start from.

use std::borrow::Cow;

/// Makes text safe to print on a terminal, one character for one: tabs and line breaks
/// become spaces, other C0 controls and DEL their visible Unicode "control picture" (`␛`),
/// and C1 controls and bidirectional overrides `�`.
///
/// Keeping one character per character matters: diagnostics point at character columns,
/// and they must still point at the same character after escaping.
#[must_use]
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                '\u{7f}' => '\u{2421}',
                // C0 controls map onto U+2400..U+241F in order.
                c if u32::from(c) < 0x20 => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
                c if needs_escape(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// [`escape`] line by line, keeping the line breaks: for messages of several lines (a
/// diagnostic and its help) whose other control characters must still not reach a log.
#[must_use]
pub fn escape_keep_lines(s: &str) -> String {
    s.split('\n').map(|l| escape(l).into_owned()).collect::<Vec<_>>().join("\n")
}

/// Control characters, plus the bidirectional formatting characters that can make text
/// display in another order than it reads ("Trojan Source").
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_one_character_for_one() {
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        let s = "a\u{0}b\u{1b}c\u{7f}d\u{85}e\u{202e}f\tg";
        let e = escape(s);
        assert_eq!(e, "a\u{2400}b\u{241b}c\u{2421}d\u{fffd}e\u{fffd}f g");
        assert_eq!(e.chars().count(), s.chars().count());
    }

    #[test]
    fn keeps_line_breaks_only_when_asked() {
        assert_eq!(escape_keep_lines("a\u{1b}\nb\rc"), "a\u{241b}\nb c");
    }
}
