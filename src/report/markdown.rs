//! Any report page as GitHub/GitLab Markdown: headings, tables and Mermaid `xychart-beta` and
//! `gantt` charts, for a job summary, a wiki page or a merge request.
//!
//! User text never shapes the page: [`user`] is the one place it is written, escaped so that
//! no character Markdown or HTML gives a meaning to survives (a title cannot open a link, a
//! tag or a new table cell), and inside Mermaid blocks labels lose the characters that would
//! end a string, a block or the code fence.

use std::fmt::Write as _;

use super::figure::{EpicMark, Figure, Horizons, Quadrant, TargetState, Timeline, TimelineEpic, quadrant_at};
use super::figure::{axis_max, burndown_top, short_date};
use super::page::{Block, Cell, Column, Kpi, Mark, Medium, Page, Span, Table, verdict_word};
use crate::text::number::{decimal, percent};
use crate::text::{markdown, mermaid};

/// The page as Markdown, ending with a newline: blocks apart by one blank line.
#[must_use]
pub fn render(page: &Page<'_>) -> String {
    let mut parts = vec![format!("# {}\n", spans(&page.title))];
    let facts: Vec<String> = page.facts.iter().map(|f| spans(f)).collect();
    parts.push(format!("{}\n", facts.join(" · ")));
    blocks(&mut parts, &page.intro);
    blocks(&mut parts, &page.blocks);
    parts.join("\n")
}

/// Text from a file, made inert: the only place user text is written.
fn user(text: &str) -> String {
    markdown::escape(text)
}

fn spans(spans: &[Span<'_>]) -> String {
    let mut s = String::new();
    for span in spans {
        match span {
            Span::Own(t) => s.push_str(t),
            Span::User(t) => s.push_str(&user(t)),
            Span::Strong(inner) | Span::Mark(Mark::Overdue, inner) => {
                let _ = write!(s, "**{}**", self::spans(inner));
            }
            Span::Mark(Mark::Note | Mark::Late, inner) => s.push_str(&self::spans(inner)),
            Span::Code(t) => {
                let _ = write!(s, "`{t}`");
            }
            Span::AddedMarker => s.push_str("\\*"),
            Span::AddedMarkerKey => s.push_str("`*`"),
            Span::Items(items) => {
                let ids: Vec<String> = items.iter().map(|(id, _)| user(id)).collect();
                s.push_str(&ids.join(", "));
            }
        }
    }
    s
}

/// Each block as one part (a paragraph, a table…), each ending with a newline.
fn blocks(parts: &mut Vec<String>, list: &[Block<'_>]) {
    for b in list {
        block(parts, b);
    }
}

fn block(parts: &mut Vec<String>, b: &Block<'_>) {
    match b {
        Block::Section {
            title,
            titled_in_text,
            blocks: inner,
        } => {
            if *titled_in_text {
                parts.push(format!("## {}\n", spans(title)));
            }
            blocks(parts, inner);
        }
        Block::Subheading(title) => parts.push(format!("### {}\n", spans(title))),
        Block::Paragraph(_, text) => parts.push(format!("{}\n", spans(text))),
        Block::Verdict(label, verdict) => {
            parts.push(format!("**{label}:** {}\n", verdict_word(*verdict)));
        }
        Block::Kpis { kpis, .. } => parts.push(kpi_line(kpis)),
        Block::Table(t) => parts.push(table(t)),
        Block::Values { name, value, rows, .. } => {
            let mut s = format!("| {name} | {value} |\n|---|---:|\n");
            for (k, v) in rows {
                let _ = writeln!(s, "| {k} | {v} |");
            }
            parts.push(s);
        }
        Block::List(items) => {
            let mut s = String::new();
            for item in items {
                let _ = writeln!(s, "- {}", spans(item));
            }
            parts.push(s);
        }
        Block::Figure(f) => figure(parts, f),
        Block::Only(Medium::Text, inner) => blocks(parts, inner),
        Block::Only(Medium::Page, _) => {}
    }
}

/// `**12** stories ordered by wsjf · **5** ready · 2 missing inputs.`
fn kpi_line(kpis: &[Kpi<'_>]) -> String {
    let items: Vec<String> = kpis
        .iter()
        .map(|k| {
            if k.strong {
                format!("**{}** {}", k.value, k.label)
            } else {
                format!("{} {}", k.value, k.label)
            }
        })
        .collect();
    format!("{}.\n", items.join(" · "))
}

/// A column's headers and alignments: an item column is two, its id and its title.
fn headers(c: Column) -> Vec<(&'static str, &'static str)> {
    match c {
        Column::Text(h) | Column::Band(h) | Column::Product(h) => vec![(h, "---")],
        Column::Number(h) | Column::Progress(h) | Column::Score(h) => vec![(h, "---:")],
        Column::Item(h) => vec![(h, "---"), ("Title", "---")],
    }
}

fn cell(c: &Cell<'_>) -> Vec<String> {
    match c {
        Cell::Spans(s) => vec![spans(s)],
        Cell::Item(id, title) => vec![user(id), user(title)],
        Cell::Progress(p) => vec![percent(*p)],
        Cell::Band(b) => vec![(*b).to_owned()],
        Cell::Score(score, band) => vec![format!("{score} {band}")],
    }
}

fn table(t: &Table<'_>) -> String {
    let (names, aligns): (Vec<_>, Vec<_>) = t.columns.iter().flat_map(|c| headers(*c)).unzip();
    let mut s = format!("| {} |\n|{}|\n", names.join(" | "), aligns.join("|"));
    for row in &t.rows {
        let cells: Vec<String> = row.iter().flat_map(cell).collect();
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    s
}

fn figure(parts: &mut Vec<String>, f: &Figure<'_>) {
    match f {
        Figure::Burndown(b) => {
            let labels: Vec<String> = b
                .days
                .iter()
                .map(|d| if d.day == 0 { "start".to_owned() } else { short_date(d.date) })
                .map(|l| format!("\"{}\"", mermaid::label(&l)))
                .collect();
            let remaining: Vec<String> = b.days.iter().map_while(|d| d.remaining).map(|v| v.to_string()).collect();
            let ideal: Vec<String> = b.days.iter().map(|d| decimal(d.ideal)).collect();
            let mut s = String::from("```mermaid\nxychart-beta\n");
            let _ = writeln!(
                s,
                "    title \"{}\"",
                mermaid::label(&format!("{} {}: points remaining vs ideal", b.id, b.title))
            );
            let _ = writeln!(s, "    x-axis [{}]", labels.join(", "));
            let _ = writeln!(s, "    y-axis \"Points\" 0 --> {}", decimal(axis_max(burndown_top(b.days))));
            let _ = writeln!(s, "    line [{}]", remaining.join(", "));
            let _ = writeln!(s, "    line [{}]", ideal.join(", "));
            s.push_str("```\n");
            parts.push(s);
            parts.push(
                "The first line is the work remaining at the end of each working day, the second the ideal line; work added after the start shows as a step up.\n"
                    .to_owned(),
            );
        }
        Figure::Velocity(v) => {
            let top = v.sprints.iter().map(|x| x.completed.max(x.commitment)).max().unwrap_or(0);
            let ids: Vec<String> = v.sprints.iter().map(|x| format!("\"{}\"", mermaid::label(x.id))).collect();
            let completed: Vec<String> = v.sprints.iter().map(|x| x.completed.to_string()).collect();
            let committed: Vec<String> = v.sprints.iter().map(|x| x.commitment.to_string()).collect();
            let mut s = String::from("```mermaid\nxychart-beta\n");
            s.push_str("    title \"Velocity: completed points per sprint (bars), commitment (line)\"\n");
            let _ = writeln!(s, "    x-axis [{}]", ids.join(", "));
            let _ = writeln!(s, "    y-axis \"Points\" 0 --> {}", decimal(axis_max(f64::from(top))));
            let _ = writeln!(s, "    bar [{}]", completed.join(", "));
            let _ = writeln!(s, "    line [{}]", committed.join(", "));
            s.push_str("```\n");
            parts.push(s);
        }
        Figure::RiskMatrix(matrix) => {
            let mut s = String::from("| Impact ↓ · Likelihood → | 1 | 2 | 3 | 4 | 5 |\n|---:|---|---|---|---|---|\n");
            for row in matrix {
                let cells: Vec<String> = row
                    .cells
                    .iter()
                    .map(|c| {
                        if c.risks.is_empty() {
                            format!("{} {}", c.score, c.band)
                        } else {
                            let ids: Vec<String> = c.risks.iter().map(|r| user(r)).collect();
                            format!("**{} {}: {}**", c.score, c.band, ids.join(", "))
                        }
                    })
                    .collect();
                let _ = writeln!(s, "| **{}** | {} |", row.impact, cells.join(" | "));
            }
            parts.push(s);
            parts.push(
                "Each cell is its score (likelihood × impact) and band: low 1–4, medium 5–9, high 10–15, critical 16–25.\n".to_owned(),
            );
        }
        Figure::PowerInterest(grid) => parts.push(power_interest(grid)),
        Figure::Horizons(h) => horizons(parts, h),
        Figure::Timeline(t) => parts.push(gantt(t)),
    }
}

/// The 2×2 power/interest grid as a table, each quadrant's stakeholders in its cell.
fn power_interest(grid: &[Quadrant<'_>]) -> String {
    let cell = |high_power: bool, high_interest: bool| -> String {
        quadrant_at(grid, high_power, high_interest)
            .map_or_else(String::new, |q| format!("**{}** ({}): {}", q.name, q.advice, q.names(user)))
    };
    format!(
        "| Power ↓ · Interest → | Low interest | High interest |\n|---|---|---|\n| **High power** | {} | {} |\n| **Low power** | {} | {} |\n",
        cell(true, false),
        cell(true, true),
        cell(false, false),
        cell(false, true)
    )
}

/// `E-1 Checkout (62%)`.
fn epic_line(e: &EpicMark<'_>) -> String {
    format!("{} {} ({})", user(e.id), user(e.title), percent(e.progress))
}

/// Now, Next and Later as the columns of a table, then the epics on no horizon.
fn horizons(parts: &mut Vec<String>, h: &Horizons<'_>) {
    let names: Vec<&str> = h.columns.iter().map(|(name, _)| *name).collect();
    let mut s = format!("| {} |\n|{}\n", names.join(" | "), "---|".repeat(names.len()));
    let depth = h.columns.iter().map(|(_, epics)| epics.len()).max().unwrap_or(0).max(1);
    for i in 0..depth {
        let cells: Vec<String> = h
            .columns
            .iter()
            .map(|(_, epics)| epics.get(i).map(epic_line).unwrap_or_default())
            .collect();
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    parts.push(s);
    parts.push(
        "No dates here: certainty falls from Now to Later. The percentage is the done share of each epic's story points.\n".to_owned(),
    );
    if !h.unplanned.is_empty() {
        let list: Vec<String> = h.unplanned.iter().map(epic_line).collect();
        parts.push(format!("Not on a horizon: {}.\n", list.join(", ")));
    }
}

/// The epics' target dates as a Mermaid `gantt`, one section per horizon: done epics
/// marked done, late ones critical, epics without a start day as milestones.
fn gantt(t: &Timeline<'_>) -> String {
    let mut s = String::from("```mermaid\ngantt\n    title Epic target dates\n    dateFormat YYYY-MM-DD\n");
    let mut n = 0;
    for name in &t.sections {
        let tasks: Vec<&TimelineEpic<'_>> = t.epics.iter().filter(|e| e.section == *name).collect();
        if tasks.is_empty() {
            continue;
        }
        let _ = writeln!(s, "    section {name}");
        for e in tasks {
            n += 1;
            let tag = match e.state {
                TargetState::Done => "done, ",
                TargetState::Late => "crit, ",
                TargetState::Open => "",
            };
            let label = mermaid::gantt_label(&format!("{} {} {}", e.epic.id, e.epic.title, percent(e.epic.progress)));
            let target = e.target;
            match e.start {
                Some(start) => {
                    let _ = writeln!(s, "    {label} :{tag}t{n}, {start}, {target}");
                }
                None => {
                    let _ = writeln!(s, "    {label} :{tag}milestone, t{n}, {target}, 0d");
                }
            }
        }
    }
    s.push_str("```\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::page::Block;

    fn page<'a>(blocks: Vec<Block<'a>>) -> Page<'a> {
        Page::sample(vec![Span::own("T "), Span::user("-x")], Span::own("as of 2026-11-02"), blocks)
    }

    #[test]
    fn blocks_are_one_blank_line_apart_and_user_text_is_escaped() {
        let p = page(vec![
            Block::section(
                vec![Span::own("A")],
                vec![Block::words("one"), Block::para(vec![Span::user("<b>|")])],
            ),
            Block::Only(Medium::Page, vec![Block::words("page only")]),
            Block::Only(Medium::Text, vec![Block::words("text only")]),
        ]);
        assert_eq!(
            render(&p),
            "# T \\-x\n\nas of 2026-11-02\n\n## A\n\none\n\n&lt;b&gt;\\|\n\ntext only\n"
        );
    }

    #[test]
    fn item_columns_are_an_id_and_a_title() {
        let t = Table {
            caption: Some("not in Markdown"),
            columns: vec![Column::Number("#"), Column::Item("Story"), Column::Progress("Progress")],
            rows: vec![vec![
                Cell::own("1"),
                Cell::Item("S-1".into(), "A *b*".into()),
                Cell::Progress(Some(0.625)),
            ]],
        };
        assert_eq!(
            table(&t),
            "| # | Story | Title | Progress |\n|---:|---|---|---:|\n| 1 | S-1 | A \\*b\\* | 63% |\n"
        );
    }
}
