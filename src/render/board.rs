//! `pobox board`: a sprint as a terminal kanban board, one column per workflow status that
//! holds a story (the empty ones are named in one line above the board).
//!
//! The columns share the terminal's width, the ones with long cards taking what the
//! others do not need; a card's title wraps within its column (up to [`CARD_LINES`] lines)
//! rather than being cut, so no line is wider than the terminal. A story file pobox cannot read may be in the sprint (its `sprint:` is
//! unknown): the points line says how many were not counted and names each file below it,
//! so the board never looks complete when it is not (domain §8). Below [`MIN_COLUMN_WIDTH`] a card says too little to be worth a
//! column, so a narrow terminal gets the same stories as a list grouped by status instead.

use unicode_width::UnicodeWidthStr;

use super::table::push_truncated;
use super::unreadable::{lines, not_counted};
use crate::model::item::{KindData, saturating_sum};
use crate::model::{Item, Kind};
use crate::text::control;
use crate::text::wrap::{LongWords, wrap};
use crate::workspace::Workspace;

/// The narrowest a column gets before the board turns into a list.
pub const MIN_COLUMN_WIDTH: usize = 12;

/// The most lines a card takes; a longer title ends in `…` on the last.
pub const CARD_LINES: usize = 3;

/// How far a card's second and later lines are indented, so cards stay apart.
const CARD_INDENT: &str = "  ";

/// Spaces between two columns.
const GAP: usize = 2;

/// The widest a column gets, whatever the width: wider cards are cut with `…`. Every row
/// pads each column to its width, so without it one story with a title of a megabyte in a
/// column beside a long one would make a board of gigabytes.
pub const MAX_COLUMN_WIDTH: usize = 200;

/// One column: a status and its cards.
struct Column<'a> {
    status: String,
    stories: Vec<&'a Item>,
}

impl Column<'_> {
    fn points(&self) -> u32 {
        saturating_sum(self.stories.iter().filter_map(|s| s.points()))
    }

    /// `2 · 10pt`, or `0` for an empty column.
    fn summary(&self) -> String {
        if self.stories.is_empty() {
            "0".to_owned()
        } else {
            format!("{} · {}pt", self.stories.len(), self.points())
        }
    }
}

/// A card: `S-4 5pt Pay by card` (`?pt` when the story has no estimate), escaped.
fn card(story: &Item) -> String {
    let points = story.points().map_or_else(|| "?".to_owned(), |p| p.to_string());
    control::escape(&format!("{} {points}pt {}", story.id, story.title)).into_owned()
}

/// The board of `sprint_id`, fitted to `width` display columns (`None`: no limit, each
/// column as wide as its widest card up to [`MAX_COLUMN_WIDTH`], and never narrower than
/// [`MIN_COLUMN_WIDTH`] when a width is given). Each line ends in `\n` and has no trailing spaces.
///
/// Columns follow the workflow in `pobox.yaml`, `dropped` left out; stories whose status is
/// not in the workflow get a last column of their own, so none goes missing. Cards are in
/// `rank` order, then by id.
#[must_use]
pub fn board(ws: &Workspace, sprint_id: &str, width: Option<usize>) -> String {
    let mut stories: Vec<&Item> = crate::sprint::stories_of(ws, sprint_id).collect();
    stories.sort_by(|a, b| card_order(a, b));
    let workflow = &ws.config.workflow;
    let mut columns: Vec<Column<'_>> = workflow
        .statuses()
        .filter(|s| !workflow.is_dropped(s))
        .map(|s| Column {
            status: s.to_owned(),
            stories: Vec::new(),
        })
        .collect();
    let mut other = Column {
        status: "other".to_owned(),
        stories: Vec::new(),
    };
    let mut dropped = 0;
    for story in stories {
        let status = story.status().unwrap_or("");
        if workflow.is_dropped(status) {
            dropped += 1;
        } else if let Some(c) = columns.iter_mut().find(|c| c.status == status) {
            c.stories.push(story);
        } else {
            other.stories.push(story);
        }
    }
    if !other.stories.is_empty() {
        columns.push(other);
    }
    let (columns, empty): (Vec<_>, Vec<_>) = columns.into_iter().partition(|c| !c.stories.is_empty());

    let mut out = String::new();
    let unreadable = ws.unreadable(&[Kind::Story]);
    for line in heading(ws, sprint_id, &columns, dropped, unreadable.len()) {
        push_line(&mut out, &line, width);
    }
    // Paths are not cut to the width: a file to fix must be named whole.
    out.push_str(&lines(&unreadable, "  "));
    if !empty.is_empty() && !columns.is_empty() {
        let names: Vec<&str> = empty.iter().map(|c| c.status.as_str()).collect();
        push_line(&mut out, &format!("No stories in {}", names.join(", ")), width);
    }
    out.push('\n');
    let n = columns.len();
    let available = width.map(|w| w.saturating_sub(GAP * n.saturating_sub(1)));
    match available {
        _ if columns.is_empty() => list(&mut out, &columns, width),
        Some(a) if a < MIN_COLUMN_WIDTH * n => list(&mut out, &columns, width),
        _ => grid(&mut out, &columns, available),
    }
    out
}

/// Column widths that share `available` display columns: a column narrower than its share
/// (an empty one, say) keeps only what it needs, and the rest is split evenly between the
/// wider ones, none below [`MIN_COLUMN_WIDTH`].
fn share(natural: &[usize], available: usize) -> Vec<usize> {
    let natural: Vec<usize> = natural.iter().map(|w| (*w).max(MIN_COLUMN_WIDTH)).collect();
    let used_at = |level: usize| -> usize { natural.iter().map(|w| (*w).min(level)).sum() };
    if used_at(usize::MAX) <= available {
        return natural;
    }
    // The highest level whose columns fit; used_at grows with the level.
    let (mut lo, mut hi) = (MIN_COLUMN_WIDTH, natural.iter().copied().max().unwrap_or(MIN_COLUMN_WIDTH));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if used_at(mid) <= available {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut widths: Vec<usize> = natural.iter().map(|w| (*w).min(lo)).collect();
    // Columns cut at the level share what the level leaves over, one column each.
    let mut spare = available.saturating_sub(used_at(lo));
    for (w, n) in widths.iter_mut().zip(&natural) {
        if spare > 0 && *w == lo && *n > lo {
            *w += 1;
            spare -= 1;
        }
    }
    widths
}

/// Rank first (ranked before unranked), then the id's number.
fn card_order(a: &Item, b: &Item) -> std::cmp::Ordering {
    let rank = |i: &Item| match &i.data {
        KindData::Story(s) => s.rank,
        _ => None,
    };
    let num = |i: &Item| i.id.rsplit_once('-').and_then(|(_, n)| n.parse::<u64>().ok()).unwrap_or(u64::MAX);
    match (rank(a), rank(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
    .then_with(|| num(a).cmp(&num(b)))
    .then_with(|| a.id.cmp(&b.id))
}

/// The lines above the board: the sprint, its goal, its points.
fn heading(ws: &Workspace, sprint_id: &str, columns: &[Column<'_>], dropped: usize, unreadable: usize) -> Vec<String> {
    let mut first = vec![sprint_id.to_owned()];
    let mut goal = None;
    let mut capacity = None;
    if let Some(item) = ws.get(sprint_id) {
        if !item.title.is_empty() {
            first.push(item.title.clone());
        }
        if let KindData::Sprint(s) = &item.data {
            first.extend(s.status.clone());
            match (s.start, s.end) {
                (Some(a), Some(b)) => first.push(format!("{a} – {b}")),
                (Some(a), None) => first.push(format!("from {a}")),
                _ => {}
            }
            goal = s.goal.clone();
            capacity = s.capacity;
        }
    }
    let mut lines = vec![first.join(" · ")];
    if let Some(goal) = goal.filter(|g| !g.trim().is_empty()) {
        lines.push(format!("Goal: {goal}"));
    }
    let total = saturating_sum(columns.iter().map(Column::points));
    let done = saturating_sum(columns.iter().filter(|c| ws.config.workflow.is_done(&c.status)).map(Column::points));
    let mut points = format!("{total} pts");
    if let Some(c) = capacity {
        points.push_str(&format!(" of {c} capacity"));
    }
    points.push_str(&format!(", {done} done"));
    if dropped > 0 {
        points.push_str(&format!("; {dropped} dropped not shown"));
    }
    if unreadable > 0 {
        points.push_str(&format!("; {}:", not_counted(unreadable)));
    }
    lines.push(points);
    lines
}

/// Append `text` escaped, wrapped to `width` (later lines indented by [`CARD_INDENT`]), each
/// line ending in a newline.
fn push_line(out: &mut String, text: &str, width: Option<usize>) {
    let text = control::escape(text);
    let lines = match width {
        Some(w) => wrap(&text, w, w.saturating_sub(CARD_INDENT.len()), LongWords::Break),
        None => vec![text.into_owned()],
    };
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            out.push_str(CARD_INDENT);
        }
        out.push_str(line);
        trim_line_end(out);
        out.push('\n');
    }
}

/// A card's lines within `width` display columns: its text wrapped, the second and later
/// lines indented, at most [`CARD_LINES`], the last cut with `…` when more would follow.
fn card_lines(card: &str, width: usize) -> Vec<String> {
    let rest = width.saturating_sub(CARD_INDENT.len()).max(1);
    let mut lines = wrap(card, width, rest, LongWords::Break);
    if lines.len() > CARD_LINES {
        let more = lines.split_off(CARD_LINES).join(" ");
        let last = lines.pop().unwrap_or_default();
        let mut cut = String::new();
        push_truncated(&mut cut, &format!("{last} {more}"), rest);
        lines.push(cut);
    }
    for line in lines.iter_mut().skip(1) {
        line.insert_str(0, CARD_INDENT);
    }
    lines
}

fn trim_line_end(out: &mut String) {
    let start = out.rfind('\n').map_or(0, |i| i + 1);
    let kept = start + out[start..].trim_end().len();
    out.truncate(kept);
}

/// Columns side by side: status, `count · points`, a rule, then the cards.
fn grid(out: &mut String, columns: &[Column<'_>], available: Option<usize>) {
    let cards: Vec<Vec<String>> = columns.iter().map(|c| c.stories.iter().map(|s| card(s)).collect()).collect();
    let natural: Vec<usize> = columns
        .iter()
        .zip(&cards)
        .map(|(c, cards)| {
            cards
                .iter()
                .map(|s| s.width())
                .chain([control::escape(&c.status).width(), c.summary().width()])
                .max()
                .unwrap_or(0)
                .min(MAX_COLUMN_WIDTH)
        })
        .collect();
    let widths = match available {
        Some(a) => share(&natural, a),
        None => natural,
    };
    let cells: Vec<Vec<String>> = cards
        .iter()
        .zip(&widths)
        .map(|(cards, w)| cards.iter().flat_map(|c| card_lines(c, *w)).collect())
        .collect();
    let rows = cells.iter().map(Vec::len).max().unwrap_or(0);
    let mut lines: Vec<Vec<String>> = vec![
        columns.iter().map(|c| control::escape(&c.status).into_owned()).collect(),
        columns.iter().map(Column::summary).collect(),
        widths.iter().map(|w| "─".repeat(*w)).collect(),
    ];
    for r in 0..rows {
        lines.push(cells.iter().map(|c| c.get(r).cloned().unwrap_or_default()).collect());
    }
    for cells in lines {
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                out.extend(std::iter::repeat_n(' ', GAP));
            }
            let used = push_truncated(out, cell, *w);
            out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
        }
        trim_line_end(out);
        out.push('\n');
    }
}

/// The narrow-terminal form: each status with cards, then its cards indented.
fn list(out: &mut String, columns: &[Column<'_>], width: Option<usize>) {
    for c in columns {
        push_line(out, &format!("{} · {}", c.status, c.summary()), width);
        for s in &c.stories {
            let lines = match width {
                Some(w) => card_lines(&card(s), w.saturating_sub(CARD_INDENT.len()).max(1)),
                None => vec![card(s)],
            };
            for line in lines {
                out.push_str(CARD_INDENT);
                out.push_str(&line);
                trim_line_end(out);
                out.push('\n');
            }
        }
    }
    if columns.is_empty() {
        out.push_str("No stories in this sprint.\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(files: &[(&str, &str)]) -> (tempfile::TempDir, Workspace) {
        crate::workspace::testing::load(files, false)
    }

    fn files() -> Vec<(&'static str, &'static str)> {
        vec![
            (
                "sprints/SP-1.md",
                "---\nid: SP-1\ntitle: Sprint 1\nstart: 2026-11-02\nend: 2026-11-15\ngoal: Pay by card\ncapacity: 20\nstatus: active\n---\n",
            ),
            (
                "stories/S-1.md",
                "---\nid: S-1\ntitle: Pay with a saved card at checkout\nstatus: in-progress\npoints: 5\nsprint: SP-1\n---\n",
            ),
            (
                "stories/S-2.md",
                "---\nid: S-2\ntitle: Refunds\nstatus: done\npoints: 3\nsprint: SP-1\nrank: 2\n---\n",
            ),
            (
                "stories/S-3.md",
                "---\nid: S-3\ntitle: \"Evil \\e[2J title\"\nstatus: done\nsprint: SP-1\nrank: 1\n---\n",
            ),
            (
                "stories/S-4.md",
                "---\nid: S-4\ntitle: Gone\nstatus: dropped\npoints: 8\nsprint: SP-1\n---\n",
            ),
            (
                "stories/S-5.md",
                "---\nid: S-5\ntitle: Elsewhere\nstatus: ready\npoints: 8\nsprint: SP-2\n---\n",
            ),
        ]
    }

    #[test]
    fn columns_share_the_width_titles_wrap_and_empty_columns_are_named() {
        let (_d, ws) = workspace(&files());
        let out = board(&ws, "SP-1", Some(50));
        assert_eq!(
            out,
            "SP-1 · Sprint 1 · active · 2026-11-02 – 2026-11-15\n\
             Goal: Pay by card\n\
             8 pts of 20 capacity, 3 done; 1 dropped not shown\n\
             No stories in draft, ready, review\n\
             \n\
             in-progress                done\n\
             1 · 5pt                    2 · 3pt\n\
             ─────────────────────────  ───────────────────────\n\
             S-1 5pt Pay with a saved   S-3 ?pt Evil ␛[2J title\n\
             \u{20} card at checkout         S-2 3pt Refunds\n"
        );
        assert!(out.lines().all(|l| l.width() <= 50), "{out}");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        let wide = board(&ws, "SP-1", None);
        assert!(
            wide.contains("\nS-1 5pt Pay with a saved card at checkout  S-3 ?pt Evil ␛[2J title\n"),
            "{wide}"
        );
    }

    #[test]
    fn a_long_title_takes_at_most_three_lines() {
        let long = format!("{}{}", "word ".repeat(40), "x".repeat(300));
        assert_eq!(
            card_lines(&long, 20),
            ["word word word word", "  word word word", "  word word word wo…"]
        );
        let lines = card_lines(&long, 20);
        assert_eq!(lines.len(), CARD_LINES);
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        assert!(lines[2].ends_with('…'), "{lines:?}");
    }

    #[test]
    fn the_points_line_says_how_many_files_were_not_counted_and_names_them() {
        let mut files = files();
        files.push(("stories/S-6.md", "---\nid: S-6\ntitle: [broken\nsprint: SP-1\npoints: 5\n---\n"));
        let (_d, ws) = workspace(&files);
        let out = board(&ws, "SP-1", Some(40));
        let head: Vec<&str> = out.lines().take(7).collect();
        assert_eq!(
            head,
            [
                "SP-1 · Sprint 1 · active · 2026-11-02 –",
                "  2026-11-15",
                "Goal: Pay by card",
                "8 pts of 20 capacity, 3 done; 1 dropped",
                "  not shown; 1 file not counted:",
                "  backlog/stories/S-6.md: YAML error at line 4",
                "No stories in draft, ready, review",
            ]
        );
        let wide = board(&ws, "SP-1", None);
        assert!(
            wide.contains("8 pts of 20 capacity, 3 done; 1 dropped not shown; 1 file not counted:\n"),
            "{wide}"
        );
    }

    #[test]
    fn wide_columns_take_what_narrow_ones_leave() {
        assert_eq!(share(&[5, 30, 40], 60), [12, 24, 24]);
        assert_eq!(share(&[5, 20, 40], 60), [12, 20, 28]);
        assert_eq!(share(&[5, 30, 41], 61), [12, 25, 24]);
        assert_eq!(share(&[5, 10], 60), [12, 12]);
    }

    #[test]
    fn a_narrow_terminal_gets_a_list() {
        let (_d, ws) = workspace(&files());
        let out = board(&ws, "SP-1", Some(24));
        assert_eq!(
            out,
            "SP-1 · Sprint 1 · active\n\
             \u{20} · 2026-11-02 –\n\
             \u{20} 2026-11-15\n\
             Goal: Pay by card\n\
             8 pts of 20 capacity, 3\n\
             \u{20} done; 1 dropped not\n\
             \u{20} shown\n\
             No stories in draft,\n\
             \u{20} ready, review\n\
             \n\
             in-progress · 1 · 5pt\n\
             \u{20} S-1 5pt Pay with a\n\
             \u{20}   saved card at\n\
             \u{20}   checkout\n\
             done · 2 · 3pt\n\
             \u{20} S-3 ?pt Evil ␛[2J\n\
             \u{20}   title\n\
             \u{20} S-2 3pt Refunds\n"
        );
        assert!(out.lines().all(|l| l.width() <= 24), "{out}");
    }

    #[test]
    fn a_sprint_without_stories_says_so() {
        let (_d, ws) = workspace(&files()[..1]);
        let out = board(&ws, "SP-1", Some(80));
        assert!(
            out.ends_with("0 pts of 20 capacity, 0 done\n\nNo stories in this sprint.\n"),
            "{out}"
        );
    }
}
