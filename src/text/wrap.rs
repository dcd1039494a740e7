//! Word wrapping by display width, for terminal text: reports' paragraphs and the board's
//! cards. One algorithm, so a paragraph and a card break the same way.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What to do with a word wider than the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongWords {
    /// Leave it whole on its own line, past the width (a path or a link stays copyable).
    Keep,
    /// Cut it into pieces that fit, so no line is wider than the width (a board column).
    Break,
}

/// `text` wrapped at spaces into lines of at most `first` display columns for the first
/// line and `rest` for the others (at least 1 each), each line without trailing spaces.
#[must_use]
pub fn wrap(text: &str, first: usize, rest: usize, long: LongWords) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // The display width of `line`, kept as it grows: a title of a megabyte stays linear.
    let mut used = 0;
    let mut empty = true;
    let limit = |lines: &Vec<String>| if lines.is_empty() { first.max(1) } else { rest.max(1) };
    let end_line = |lines: &mut Vec<String>, line: &mut String, used: &mut usize| {
        lines.push(line.trim_end().to_owned());
        line.clear();
        *used = 0;
    };
    for word in text.split(' ') {
        if !empty && used + 1 + word.width() > limit(&lines) {
            end_line(&mut lines, &mut line, &mut used);
            empty = true;
        }
        if !empty {
            line.push(' ');
            used += 1;
        }
        if long == LongWords::Break {
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if used + w > limit(&lines) && !line.trim_end().is_empty() {
                    end_line(&mut lines, &mut line, &mut used);
                }
                line.push(c);
                used += w;
            }
        } else {
            line.push_str(word);
            used += word.width();
        }
        empty = false;
    }
    end_line(&mut lines, &mut line, &mut used);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_and_long_ones_break_only_when_asked() {
        let text = "Mark an item as substituted or unavailable";
        assert_eq!(
            wrap(text, 20, 18, LongWords::Break),
            ["Mark an item as", "substituted or", "unavailable"]
        );
        assert_eq!(
            wrap("a supercalifragilistic b", 8, 8, LongWords::Keep),
            ["a", "supercalifragilistic", "b"]
        );
        assert_eq!(
            wrap("a supercalifragilistic b", 8, 8, LongWords::Break),
            ["a", "supercal", "ifragili", "stic b"]
        );
        assert_eq!(wrap("日本語のタイトル", 6, 6, LongWords::Break), ["日本語", "のタイ", "トル"]);
        assert_eq!(wrap("", 5, 5, LongWords::Break), [""]);
        for line in wrap("x ".repeat(50).as_str(), 7, 7, LongWords::Break) {
            assert!(line.width() <= 7);
        }
    }
}
