//! Any report page as plain text for a terminal: underlined headings, aligned tables fitted
//! to the terminal's width, and charts drawn with block characters, so a report reads
//! without a browser or a Markdown viewer (`pobox report sprint --format text`).
//!
//! Text from files goes through [`user`], the one place it is written: control characters
//! and bidirectional overrides become visible symbols, so a title cannot move the cursor,
//! recolour the terminal or reorder what it shows.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::figure::{EpicMark, Figure, Horizons, Quadrant, TargetState, Timeline, quadrant_at};
use super::figure::{burndown_top, short_date};
use super::page::{Block, Cell, Column, Kpi, Medium, Page, Span, Table, verdict_word};
use crate::history::sprints::SprintDay;
use crate::render::Table as TextTable;
use crate::text::control;
use crate::text::number::{decimal, percent};
use crate::text::wrap::{LongWords, wrap};

/// The widest a bar of a chart is drawn, in columns.
const BAR_WIDTH: usize = 40;

/// The page as text, ending with a newline: blocks one blank line apart, paragraphs wrapped
/// to `width` when given.
#[must_use]
pub fn render(page: &Page<'_>, width: Option<usize>) -> String {
    let out = Out { width };
    let title = spans(&page.title);
    let mut parts = vec![format!("{title}\n{}\n", "=".repeat(title.width().max(1)))];
    let facts: Vec<String> = page.facts.iter().map(|f| spans(f)).collect();
    parts.push(out.wrap(&facts.join(" · ")));
    out.blocks(&mut parts, &page.intro);
    out.blocks(&mut parts, &page.blocks);
    parts.join("\n")
}

/// Some blocks of a page as text, one blank line apart: for a command that shows a part of a
/// report (`pobox sprint close` prints the sprint report's summary).
#[must_use]
pub fn render_blocks(blocks: &[Block<'_>], width: Option<usize>) -> String {
    let mut parts = Vec::new();
    Out { width }.blocks(&mut parts, blocks);
    parts.join("\n")
}

/// Text from a file, made harmless for a terminal: the only place user text is written.
fn user(text: &str) -> String {
    control::escape(text).into_owned()
}

fn spans(spans: &[Span<'_>]) -> String {
    let mut s = String::new();
    for span in spans {
        match span {
            Span::Own(t) | Span::Code(t) => s.push_str(t),
            Span::User(t) => s.push_str(&user(t)),
            // Without bold or colour: every overdue mark's words say it already.
            Span::Strong(inner) | Span::Mark(_, inner) => s.push_str(&self::spans(inner)),
            Span::AddedMarker | Span::AddedMarkerKey => s.push('*'),
            Span::Items(items) => {
                let ids: Vec<String> = items.iter().map(|(id, _)| user(id)).collect();
                s.push_str(&ids.join(", "));
            }
        }
    }
    s
}

/// How the text is laid out.
struct Out {
    width: Option<usize>,
}

impl Out {
    fn blocks(&self, parts: &mut Vec<String>, list: &[Block<'_>]) {
        for b in list {
            self.block(parts, b);
        }
    }

    fn block(&self, parts: &mut Vec<String>, b: &Block<'_>) {
        match b {
            Block::Section { title, blocks, .. } => {
                let title = spans(title);
                parts.push(format!("{title}\n{}\n", "-".repeat(title.width().max(1))));
                self.blocks(parts, blocks);
            }
            Block::Subheading(title) => parts.push(format!("{}\n", spans(title))),
            Block::Paragraph(_, text) => parts.push(self.wrap(&spans(text))),
            Block::Verdict(label, verdict) => {
                parts.push(format!("{label}: {}\n", verdict_word(*verdict)));
            }
            Block::Kpis { kpis, .. } => parts.push(self.wrap(&kpi_line(kpis))),
            Block::Table(t) => parts.push(self.table(t)),
            Block::Values { name, value, rows, .. } => {
                let mut t = TextTable::new([name.to_uppercase(), value.to_uppercase()]).right(1);
                for (k, v) in rows {
                    t.push_row([*k, v.as_str()]);
                }
                parts.push(t.render(self.width));
            }
            Block::List(items) => {
                let mut s = String::new();
                for item in items {
                    s.push_str(&self.wrap_with(&spans(item), "- ", "  "));
                }
                parts.push(s);
            }
            Block::Figure(f) => self.figure(parts, f),
            Block::Only(Medium::Text, inner) => self.blocks(parts, inner),
            Block::Only(Medium::Page, _) => {}
        }
    }

    /// A paragraph wrapped at word boundaries to the width, if any.
    fn wrap(&self, text: &str) -> String {
        self.wrap_with(text, "", "")
    }

    /// Wrapped, with `first` before the first line and `rest` before the others.
    fn wrap_with(&self, text: &str, first: &str, rest: &str) -> String {
        let Some(width) = self.width.filter(|w| *w > first.width() + 10) else {
            return format!("{first}{text}\n");
        };
        let (first_width, rest_width) = (width - first.width(), width.saturating_sub(rest.width()));
        let mut out = String::new();
        for (n, line) in wrap(text, first_width, rest_width, LongWords::Keep).iter().enumerate() {
            let prefix = if n == 0 { first } else { rest };
            out.push_str(format!("{prefix}{line}").trim_end());
            out.push('\n');
        }
        out
    }

    fn table(&self, t: &Table<'_>) -> String {
        let mut headers = Vec::new();
        let mut layout = Vec::new();
        for c in &t.columns {
            // (header, may be shortened, right-aligned)
            let (h, flex, right) = match c {
                Column::Text(h) | Column::Item(h) => (*h, true, false),
                Column::Number(h) | Column::Progress(h) | Column::Score(h) => (*h, false, true),
                Column::Band(h) | Column::Product(h) => (*h, false, false),
            };
            headers.push(h.to_uppercase());
            layout.push((flex, right));
        }
        let mut table = TextTable::new(headers);
        for (i, (flex, right)) in layout.into_iter().enumerate() {
            if flex {
                table = table.flexible(i);
            }
            if right {
                table = table.right(i);
            }
        }
        for row in &t.rows {
            table.push_row(row.iter().map(cell));
        }
        table.render(self.width)
    }

    fn figure(&self, parts: &mut Vec<String>, f: &Figure<'_>) {
        match f {
            Figure::Burndown(b) => parts.push(burndown(b.days)),
            Figure::Velocity(v) => {
                let top = v.sprints.iter().map(|x| x.completed.max(x.commitment)).max().unwrap_or(0);
                let label = v.sprints.iter().map(|x| user(x.id).width()).max().unwrap_or(0);
                let mut s = String::new();
                for x in &v.sprints {
                    let id = user(x.id);
                    let _ = writeln!(
                        s,
                        "{id}{}  {}  {} of {} committed",
                        " ".repeat(label - id.width()),
                        padded_bar(f64::from(x.completed), f64::from(top)),
                        x.completed,
                        x.commitment
                    );
                }
                if let Some(mean) = v.mean {
                    let _ = writeln!(s, "Mean of the last {}: {} points.", v.window, decimal(mean));
                }
                parts.push(s);
            }
            Figure::RiskMatrix(matrix) => {
                let mut t = TextTable::new(["IMPACT ↓ · LIKELIHOOD →", "1", "2", "3", "4", "5"]);
                for row in matrix {
                    let mut cells = vec![row.impact.to_string()];
                    cells.extend(row.cells.iter().map(|c| {
                        if c.risks.is_empty() {
                            format!("{} {}", c.score, c.band)
                        } else {
                            let ids: Vec<String> = c.risks.iter().map(|r| user(r)).collect();
                            format!("{} {}: {}", c.score, c.band, ids.join(", "))
                        }
                    }));
                    t.push_row(cells);
                }
                parts.push(t.render(self.width));
                parts.push(
                    self.wrap("Each cell is its score (likelihood × impact) and band: low 1–4, medium 5–9, high 10–15, critical 16–25."),
                );
            }
            Figure::PowerInterest(grid) => parts.push(self.power_interest(grid)),
            Figure::Horizons(h) => self.horizons(parts, h),
            Figure::Timeline(t) => parts.push(timeline(t)),
        }
    }

    /// Each quadrant of the power/interest grid as a line: its name, where it sits, what to
    /// do, and who is in it; the key players first.
    fn power_interest(&self, grid: &[Quadrant<'_>]) -> String {
        let mut s = String::new();
        for (high_power, high_interest) in [(true, true), (true, false), (false, true), (false, false)] {
            let Some(q) = quadrant_at(grid, high_power, high_interest) else {
                continue;
            };
            let line = format!("{} ({}; {}): {}", q.name, q.place(), q.advice, q.names(user));
            s.push_str(&self.wrap_with(&line, "", "  "));
        }
        s
    }

    /// Now, Next and Later side by side, then the epics on no horizon.
    fn horizons(&self, parts: &mut Vec<String>, h: &Horizons<'_>) {
        let mut t = TextTable::new(h.columns.iter().map(|(name, _)| name.to_uppercase()));
        for i in 0..h.columns.len() {
            t = t.flexible(i);
        }
        let depth = h.columns.iter().map(|(_, epics)| epics.len()).max().unwrap_or(0);
        for i in 0..depth {
            t.push_row(h.columns.iter().map(|(_, epics)| epics.get(i).map(epic_line).unwrap_or_default()));
        }
        parts.push(t.render(self.width));
        parts.push(
            self.wrap("No dates here: certainty falls from Now to Later. The percentage is the done share of each epic's story points."),
        );
        if !h.unplanned.is_empty() {
            let list: Vec<String> = h.unplanned.iter().map(epic_line).collect();
            parts.push(self.wrap(&format!("Not on a horizon: {}.", list.join(", "))));
        }
    }
}

/// `**12** stories ordered by wsjf · …` without the bold.
fn kpi_line(kpis: &[Kpi<'_>]) -> String {
    let items: Vec<String> = kpis.iter().map(|k| format!("{} {}", k.value, k.label)).collect();
    format!("{}.", items.join(" · "))
}

fn cell(c: &Cell<'_>) -> String {
    match c {
        Cell::Spans(s) => spans(s),
        Cell::Item(id, title) => format!("{} {}", user(id), user(title)),
        Cell::Progress(p) => percent(*p),
        Cell::Band(b) => (*b).to_owned(),
        Cell::Score(score, band) => format!("{score} {band}"),
    }
}

/// `E-1 Checkout (62%)`.
fn epic_line(e: &EpicMark<'_>) -> String {
    format!("{} {} ({})", user(e.id), user(e.title), percent(e.progress))
}

/// A bar of `value` out of `top`, [`BAR_WIDTH`] columns at the most; a value above zero is
/// never drawn as nothing.
fn bar(value: f64, top: f64) -> String {
    if top <= 0.0 || value <= 0.0 {
        return String::new();
    }
    let n = ((value / top) * BAR_WIDTH as f64).round().max(1.0) as usize;
    "█".repeat(n.min(BAR_WIDTH))
}

/// A [`bar`] padded to [`BAR_WIDTH`], so what follows it lines up.
fn padded_bar(value: f64, top: f64) -> String {
    let b = bar(value, top);
    let n = b.chars().count();
    b + &" ".repeat(BAR_WIDTH - n)
}

/// One line per working day: the remaining work as a bar, with the ideal beside it.
fn burndown(days: &[SprintDay]) -> String {
    let top = burndown_top(days);
    let mut s = String::new();
    for d in days {
        let label = if d.day == 0 { "start".to_owned() } else { short_date(d.date) };
        match d.remaining {
            Some(r) => {
                let _ = writeln!(s, "{label:<5}  {}  {r} (ideal {})", padded_bar(f64::from(r), top), decimal(d.ideal));
            }
            None => {
                let _ = writeln!(s, "{label:<5}  {}  - (ideal {})", " ".repeat(BAR_WIDTH), decimal(d.ideal));
            }
        }
    }
    s.push_str("Each bar is the work remaining at the end of the day; the ideal line falls evenly to 0.\n");
    s
}

/// The epics' target dates on a common scale, one line each: `├───┤` from the day the epic
/// started to its target, `◆` for an epic with no earlier start; late ones say so.
fn timeline(t: &Timeline<'_>) -> String {
    let Some(first) = t.epics.iter().map(|e| e.start.unwrap_or(e.target)).min() else {
        return String::new();
    };
    let last = t.epics.iter().map(|e| e.target).max().unwrap_or(first);
    let span = (last - first).get_days().max(1) as f64;
    let col = |d: jiff::civil::Date| (((d - first).get_days() as f64 / span) * (BAR_WIDTH - 1) as f64).round() as usize;
    let labels: Vec<String> = t
        .epics
        .iter()
        .map(|e| format!("{} {} {}", user(e.epic.id), user(e.epic.title), percent(e.epic.progress)))
        .collect();
    let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0);
    let mut s = String::new();
    for (e, label) in t.epics.iter().zip(&labels) {
        let mut line: Vec<char> = vec![' '; BAR_WIDTH];
        let end = col(e.target).min(BAR_WIDTH - 1);
        match e.start {
            Some(start) => {
                let from = col(start).min(end);
                for c in line.iter_mut().take(end).skip(from + 1) {
                    *c = '─';
                }
                line[from] = '├';
                line[end] = '┤';
            }
            None => line[end] = '◆',
        }
        let state = match e.state {
            TargetState::Done => " done",
            TargetState::Late => " late",
            TargetState::Open => "",
        };
        let bar: String = line.into_iter().collect();
        let _ = writeln!(s, "{label}{}  {bar}  {}{state}", " ".repeat(label_width - label.width()), e.target);
    }
    let _ = writeln!(s, "From {first} to {last}.");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_underlined_and_control_characters_shown() {
        let p = Page::sample(
            vec![Span::own("Risks")],
            Span::user("Shop\u{1b}[31m"),
            vec![Block::section(
                vec![Span::own("Open")],
                vec![
                    Block::para(vec![Span::strong("2"), Span::own(" open")]),
                    Block::Only(Medium::Page, vec![Block::words("page only")]),
                ],
            )],
        );
        assert_eq!(render(&p, None), "Risks\n=====\n\nShop\u{241b}[31m\n\nOpen\n----\n\n2 open\n");
    }

    #[test]
    fn paragraphs_wrap_to_the_width() {
        let out = Out { width: Some(20) };
        assert_eq!(out.wrap("one two three four five six"), "one two three four\nfive six\n");
        assert_eq!(Out { width: None }.wrap("a b"), "a b\n");
    }

    #[test]
    fn bars_scale_and_never_vanish() {
        assert_eq!(bar(0.0, 10.0), "");
        assert_eq!(bar(10.0, 10.0).chars().count(), BAR_WIDTH);
        assert_eq!(bar(0.01, 10.0).chars().count(), 1);
    }
}
