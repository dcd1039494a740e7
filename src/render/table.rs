//! A plain text table: left-aligned columns two spaces apart, like `gh issue list` or
//! `kubectl get`, fitted to the terminal by shortening the columns that can take it.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text::control;

/// The narrowest a flexible column is shrunk to: narrower, a title stops saying anything.
pub const MIN_FLEXIBLE_WIDTH: usize = 10;

/// Spaces between two columns.
const GAP: usize = 2;

/// The most spaces a cell is padded to: a column wider than this (a label of a megabyte)
/// lines up only to here, its wide cells pushing the rest of their own row right. Every row
/// pads every column, so padding to such a width would make a table of rows × that width.
pub const MAX_PADDED_WIDTH: usize = 200;

/// A table of text cells with a header row.
///
/// Cells are stored with control characters already made harmless (see
/// [`control::escape`]), so a hostile title cannot move the cursor or recolour the terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    flexible: Vec<bool>,
    right: Vec<bool>,
}

impl Table {
    /// A table with these column headers and no rows.
    #[must_use]
    pub fn new<S: AsRef<str>>(headers: impl IntoIterator<Item = S>) -> Self {
        let headers: Vec<String> = headers.into_iter().map(|h| control::escape(h.as_ref()).into_owned()).collect();
        let flexible = vec![false; headers.len()];
        let right = vec![false; headers.len()];
        Table {
            headers,
            rows: Vec::new(),
            flexible,
            right,
        }
    }

    /// Marks a column (0-based) as one that may be shortened, with `…`, to fit a width.
    /// Out-of-range columns are ignored.
    #[must_use]
    pub fn flexible(mut self, column: usize) -> Self {
        if let Some(f) = self.flexible.get_mut(column) {
            *f = true;
        }
        self
    }

    /// Aligns a column (0-based) to the right, as numbers read best. Out-of-range columns are
    /// ignored.
    #[must_use]
    pub fn right(mut self, column: usize) -> Self {
        if let Some(r) = self.right.get_mut(column) {
            *r = true;
        }
        self
    }

    /// Appends a row. Missing cells are left empty and cells beyond the headers dropped, so
    /// a row can never shift the columns of the rows after it.
    pub fn push_row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let mut row: Vec<String> = cells
            .into_iter()
            .take(self.headers.len())
            .map(|c| control::escape(c.as_ref()).into_owned())
            .collect();
        row.resize(self.headers.len(), String::new());
        self.rows.push(row);
    }

    /// The column headers.
    #[must_use]
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The rows, as stored (control characters already escaped).
    #[must_use]
    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }

    /// True when the table has no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as text: the header line, then one line per row, each ending in `\n`,
    /// with no trailing spaces.
    ///
    /// With `Some(width)`, flexible columns are shortened (never below
    /// [`MIN_FLEXIBLE_WIDTH`], nor below their natural width) until each line fits in
    /// `width` display columns; if the other columns alone are too wide, lines stay wider
    /// than `width` rather than wrap. `None` means no limit.
    #[must_use]
    pub fn render(&self, width: Option<usize>) -> String {
        let widths = self.fit(width);
        let mut out = String::new();
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            let start = out.len();
            for (i, (cell, &w)) in row.iter().zip(&widths).enumerate() {
                if i > 0 {
                    out.extend(std::iter::repeat_n(' ', GAP));
                }
                let padded = w.min(MAX_PADDED_WIDTH);
                if self.right[i] {
                    out.extend(std::iter::repeat_n(' ', padded.saturating_sub(cell.width())));
                    push_truncated(&mut out, cell, w);
                } else {
                    let used = push_truncated(&mut out, cell, w);
                    out.extend(std::iter::repeat_n(' ', padded.saturating_sub(used)));
                }
            }
            let kept = out[start..].trim_end().len();
            out.truncate(start + kept);
            out.push('\n');
        }
        out
    }

    /// Column widths after fitting into `width`.
    fn fit(&self, width: Option<usize>) -> Vec<usize> {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        let Some(limit) = width else { return widths };
        let total = widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1);
        if total <= limit {
            return widths;
        }
        let excess = total - limit;
        let floors: Vec<usize> = widths
            .iter()
            .zip(&self.flexible)
            .map(|(&w, &flex)| if flex { w.min(MIN_FLEXIBLE_WIDTH) } else { w })
            .collect();
        // Shrink the widest flexible columns first ("water level"): with two long columns
        // both keep as much as possible instead of one of them losing everything.
        let saved_at = |level: usize| -> usize { widths.iter().zip(&floors).map(|(&w, &f)| w - w.min(level.max(f))).sum() };
        let level = if saved_at(0) <= excess {
            0
        } else {
            // Largest level that still saves enough; saved_at is non-increasing in level.
            let (mut lo, mut hi) = (0, widths.iter().copied().max().unwrap_or(0));
            while lo < hi {
                let mid = (lo + hi).div_ceil(2);
                if saved_at(mid) >= excess {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            lo
        };
        let mut give_back = saved_at(level).saturating_sub(excess);
        for (w, &f) in widths.iter_mut().zip(&floors) {
            let capped = (*w).min(level.max(f));
            // Columns cut exactly at the level can each take one column back when the
            // level overshot the excess.
            if capped < *w && give_back > 0 && capped == level {
                *w = capped + 1;
                give_back -= 1;
            } else {
                *w = capped;
            }
        }
        widths
    }
}

/// Appends `cell` cut to `width` display columns (ending in `…` when cut) and returns the
/// display width appended. Shared with the board, whose cards are cut the same way.
pub(crate) fn push_truncated(out: &mut String, cell: &str, width: usize) -> usize {
    let full = cell.width();
    if full <= width {
        out.push_str(cell);
        return full;
    }
    if width == 0 {
        return 0;
    }
    let start = out.len();
    let mut used = 0;
    for c in cell.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    // "Pay with …" reads worse than "Pay with…".
    let kept = start + out[start..].trim_end().len();
    out.truncate(kept);
    out.push('…');
    out[start..].width()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new(["ID", "STATUS", "TITLE"]).flexible(2);
        t.push_row(["S-1", "draft", "Pay with a saved card at checkout"]);
        t.push_row(["S-10", "in-progress", "Refunds"]);
        t
    }

    #[test]
    fn right_aligned_columns_pad_on_the_left() {
        let mut t = Table::new(["ID", "PTS", "TITLE"]).right(1);
        t.push_row(["S-1", "3", "Pay"]);
        t.push_row(["S-10", "13", "Refunds"]);
        assert_eq!(t.render(None), "ID    PTS  TITLE\nS-1     3  Pay\nS-10   13  Refunds\n");
    }

    #[test]
    fn aligns_columns_and_trims_lines() {
        assert_eq!(
            table().render(None),
            "ID    STATUS       TITLE\nS-1   draft        Pay with a saved card at checkout\nS-10  in-progress  Refunds\n"
        );
    }

    #[test]
    fn truncates_the_flexible_column_to_exactly_the_width() {
        let out = table().render(Some(41));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "S-1   draft        Pay with a saved card…");
        assert_eq!(lines[1].width(), 41);
        assert!(lines.iter().all(|l| l.width() <= 41), "{out}");
    }

    #[test]
    fn never_shrinks_below_the_minimum() {
        let out = table().render(Some(5));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "S-1   draft        Pay with…");
        assert_eq!(lines[0], "ID    STATUS       TITLE");
        assert_eq!(lines[2], "S-10  in-progress  Refunds");
    }

    #[test]
    fn wide_characters_count_by_display_width() {
        let mut t = Table::new(["ID", "TITLE"]).flexible(1);
        t.push_row(["S-1", "日本語のタイトルがとても長い"]);
        let out = t.render(Some(17));
        let line = out.lines().nth(1).unwrap();
        assert!(line.width() <= 17, "{line}");
        assert!(line.ends_with('…'), "{line}");
    }

    #[test]
    fn shares_the_shrinking_between_flexible_columns() {
        let mut t = Table::new(["A", "B"]).flexible(0).flexible(1);
        t.push_row(["x".repeat(30), "y".repeat(20)]);
        let out = t.render(Some(32));
        let line = out.lines().nth(1).unwrap();
        assert_eq!(line.width(), 32);
        assert_eq!(line, format!("{}…  {}…", "x".repeat(14), "y".repeat(14)));
    }

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        let mut t = Table::new(["ID", "TITLE"]);
        t.push_row(["S-1", "evil\u{1b}[2Jtitle\r\nnext\tcol\u{9b}31m\u{202e}"]);
        let out = t.render(None);
        let line = out.lines().nth(1).unwrap();
        assert_eq!(line, "S-1  evil\u{241b}[2Jtitle  next col\u{fffd}31m\u{fffd}");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    }

    #[test]
    fn short_rows_are_padded() {
        let mut t = Table::new(["A", "B", "C"]);
        t.push_row(["1"]);
        t.push_row(["1", "2", "3", "4"]);
        assert_eq!(t.render(None), "A  B  C\n1\n1  2  3\n");
    }
}
