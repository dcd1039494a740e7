//! Any report page as one self-contained HTML file: inline CSS (print-friendly, from
//! `report.css`), SVG charts drawn by pobox ([`svg`]), no JavaScript, nothing fetched from the
//! network. [`body`] is the same page without its document around it, and [`fragment`] some
//! blocks alone, for the site.
//!
//! The page is safe to open whatever the backlog says: a Content-Security-Policy meta tag
//! allows no script, no connection and no outside resource; every piece of user text is
//! escaped by [`user`], the one place it is written; and the page has no links at all, so
//! text such as `javascript:` stays text.

mod svg;

use std::fmt::Write as _;

use super::figure::{Figure, Horizons, Quadrant, quadrant_at};
use super::page::{Block, Cell, Column, Kpi, Mark, Medium, Page, Span, Table, Tone, verdict_word};
use crate::text::html;
use crate::text::number::percent;

/// The page's Content-Security-Policy: nothing but its own inline styles (and `data:`
/// images, which it does not use today).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The reports' stylesheet, which the site shares.
pub const STYLE: &str = include_str!("report.css");

/// The page as a whole HTML document.
#[must_use]
pub fn render(page: &Page<'_>) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"pobox\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        user(&Span::plain(&page.title)),
        body(page)
    )
}

/// What the page's `<body>` holds: its header, sections and footer.
#[must_use]
pub fn body(page: &Page<'_>) -> String {
    let facts: Vec<String> = page.facts.iter().map(|f| spans(f, Tone::Plain)).collect();
    let mut s = format!(
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n",
        spans(&page.title, Tone::Plain),
        facts.join(" · ")
    );
    blocks(&mut s, &page.intro);
    s.push_str("</header>\n");
    blocks(&mut s, &page.blocks);
    let _ = writeln!(
        s,
        "<footer><p>Made by pobox {} as of {}{}.</p></footer>",
        page.source, page.as_of, page.source_note
    );
    s
}

/// Blocks alone, as HTML, for a page built elsewhere (the site's pages show a report's
/// blocks, such as the files it could not read, among their own).
#[must_use]
pub fn fragment(list: &[Block<'_>]) -> String {
    let mut s = String::new();
    blocks(&mut s, list);
    s
}

/// Text from a file, made safe in an element or a quoted attribute: the only place user
/// text is written.
fn user(text: &str) -> String {
    html::escape(text)
}

/// Spans in a paragraph of `tone`: a note is small print and takes no bold.
fn spans(spans: &[Span<'_>], tone: Tone) -> String {
    let mut s = String::new();
    for span in spans {
        match span {
            Span::Own(t) => s.push_str(t),
            Span::User(t) => s.push_str(&user(t)),
            Span::Strong(inner) if tone == Tone::Note => s.push_str(&self::spans(inner, tone)),
            Span::Strong(inner) => {
                let _ = write!(s, "<strong>{}</strong>", self::spans(inner, tone));
            }
            Span::Code(t) => {
                let _ = write!(s, "<code>{t}</code>");
            }
            Span::Mark(mark, inner) => {
                let class = match mark {
                    Mark::Note => "note",
                    Mark::Overdue | Mark::Late => "overdue",
                };
                let _ = write!(s, "<span class=\"{class}\">{}</span>", self::spans(inner, tone));
            }
            Span::AddedMarker => s.push_str("<span class=\"star\" title=\"added after the sprint started\">*</span>"),
            Span::AddedMarkerKey => s.push_str("<span class=\"star\">*</span>"),
            Span::Items(items) if items.is_empty() => {}
            Span::Items(items) => {
                s.push_str("<ul>");
                for (id, title) in items {
                    let _ = write!(s, "<li>{} {}</li>", user(id), user(title));
                }
                s.push_str("</ul>");
            }
        }
    }
    s
}

fn blocks(s: &mut String, list: &[Block<'_>]) {
    for b in list {
        block(s, b);
    }
}

fn block(s: &mut String, b: &Block<'_>) {
    match b {
        Block::Section { title, blocks: inner, .. } => {
            let _ = writeln!(s, "<section>\n<h2>{}</h2>", spans(title, Tone::Plain));
            blocks(s, inner);
            s.push_str("</section>\n");
        }
        Block::Subheading(title) => {
            let _ = writeln!(s, "<h3>{}</h3>", spans(title, Tone::Plain));
        }
        Block::Paragraph(tone, text) => {
            let class = match tone {
                Tone::Plain => "",
                Tone::Note => " class=\"note\"",
                Tone::Goal => " class=\"goal\"",
            };
            let _ = writeln!(s, "<p{class}>{}</p>", spans(text, *tone));
        }
        Block::Verdict(label, verdict) => {
            let word = verdict_word(*verdict);
            let class = if verdict.is_some() { word } else { "" };
            let _ = writeln!(s, "<p>{label}: <span class=\"verdict {class}\">{word}</span></p>");
        }
        Block::Kpis { label, kpis } => kpi_cards(s, *label, kpis),
        Block::Table(t) => table(s, t),
        Block::Values { caption, rows, .. } => {
            let _ = writeln!(s, "<table>\n<caption class=\"note\">{caption}</caption>\n<tbody>");
            for (k, v) in rows {
                let _ = writeln!(s, "<tr><th scope=\"row\">{k}</th><td class=\"num\">{v}</td></tr>");
            }
            s.push_str("</tbody>\n</table>\n");
        }
        Block::List(items) => {
            s.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(s, "<li>{}</li>", spans(item, Tone::Plain));
            }
            s.push_str("</ul>\n");
        }
        Block::Figure(f) => figure(s, f),
        Block::Only(Medium::Page, inner) => blocks(s, inner),
        Block::Only(Medium::Text, _) => {}
    }
}

/// Headline figures as cards; a named group is a section of its own.
fn kpi_cards(s: &mut String, label: Option<&str>, kpis: &[Kpi<'_>]) {
    let (open, close) = match label {
        Some(l) => (format!("<section class=\"kpis\" aria-label=\"{l}\">"), "</section>"),
        None => ("<div class=\"kpis\">".to_owned(), "</div>"),
    };
    let _ = writeln!(s, "{open}");
    for k in kpis {
        let _ = writeln!(
            s,
            "<div class=\"kpi\"><span class=\"value\">{}</span><span class=\"label\">{}</span></div>",
            k.value, k.label
        );
    }
    let _ = writeln!(s, "{close}");
}

/// A column's header cells: a score column is two, the score and its band.
fn header_cells(c: Column) -> String {
    match c {
        Column::Text(h) | Column::Item(h) | Column::Progress(h) | Column::Band(h) => format!("<th>{h}</th>"),
        Column::Number(h) | Column::Product(h) => format!("<th class=\"num\">{h}</th>"),
        Column::Score(h) => format!("<th class=\"num\">{h}</th><th>Band</th>"),
    }
}

fn cells(c: &Cell<'_>, column: Column) -> String {
    let class = match column {
        Column::Number(_) | Column::Product(_) => " class=\"num\"",
        _ => "",
    };
    match c {
        Cell::Spans(sp) => format!("<td{class}>{}</td>", spans(sp, Tone::Plain)),
        Cell::Item(id, title) => format!("<td{class}>{} {}</td>", user(id), user(title)),
        Cell::Progress(p) => format!("<td{class}>{}</td>", meter(*p)),
        Cell::Band(band) => format!("<td class=\"band-{band}\">{band}</td>"),
        Cell::Score(score, band) => format!("<td class=\"num\">{score}</td><td class=\"band-{band}\">{band}</td>"),
    }
}

fn table(s: &mut String, t: &Table<'_>) {
    s.push_str("<table>\n");
    if let Some(caption) = t.caption {
        let _ = writeln!(s, "<caption class=\"note\">{caption}</caption>");
    }
    let heads: String = t.columns.iter().map(|c| header_cells(*c)).collect();
    let _ = writeln!(s, "<thead><tr>{heads}</tr></thead>\n<tbody>");
    for row in &t.rows {
        let tds: String = row.iter().zip(&t.columns).map(|(c, col)| cells(c, *col)).collect();
        let _ = writeln!(s, "<tr>{tds}</tr>");
    }
    s.push_str("</tbody>\n</table>\n");
}

/// A done share as a `<meter>` and a percentage.
fn meter(p: Option<f64>) -> String {
    match p {
        Some(v) => format!("<meter min=\"0\" max=\"1\" value=\"{v:.3}\">{}</meter> {}", percent(p), percent(p)),
        None => "-".to_owned(),
    }
}

fn figure(s: &mut String, f: &Figure<'_>) {
    match f {
        Figure::Burndown(b) => {
            let _ = writeln!(s, "<figure>{}</figure>", svg::burndown(b.id, b.end, b.days));
            s.push_str(
                "<p class=\"note\">Remaining work at the end of each working day against the ideal line; the scope line steps up when work is added.</p>\n",
            );
        }
        Figure::Velocity(v) => {
            let _ = writeln!(s, "<figure>{}</figure>", svg::velocity(v));
        }
        Figure::RiskMatrix(matrix) => {
            s.push_str("<table class=\"matrix\">\n<caption class=\"note\">Open risks by likelihood (columns) and impact (rows); each cell shows its score and band: low 1–4, medium 5–9, high 10–15, critical 16–25.</caption>\n");
            let heads: String = (1..=5).map(|l| format!("<th scope=\"col\" class=\"num\">{l}</th>")).collect();
            let _ = writeln!(
                s,
                "<thead><tr><th scope=\"col\">Impact ↓ · Likelihood →</th>{heads}</tr></thead>\n<tbody>"
            );
            for row in matrix {
                let _ = write!(s, "<tr><th scope=\"row\" class=\"num\">{}</th>", row.impact);
                for c in &row.cells {
                    let ids: Vec<String> = c.risks.iter().map(|r| format!("<strong>{}</strong>", user(r))).collect();
                    let _ = write!(
                        s,
                        "<td class=\"band-{band}\"><span class=\"note\">{} {band}</span> {}</td>",
                        c.score,
                        ids.join(", "),
                        band = c.band
                    );
                }
                s.push_str("</tr>\n");
            }
            s.push_str("</tbody>\n</table>\n");
        }
        Figure::PowerInterest(grid) => power_interest(s, grid),
        Figure::Horizons(h) => horizons(s, h),
        // The timeline's table right after the figure holds the same dates, late ones in
        // red: a page needs no second drawing of them.
        Figure::Timeline(_) => {}
    }
}

/// The power/interest grid as four boxes, high power on top, high interest on the right.
fn power_interest(s: &mut String, grid: &[Quadrant<'_>]) {
    s.push_str("<p class=\"note\">Power rises from bottom to top, interest from left to right.</p>\n<div class=\"grid2\">\n");
    for (high_power, high_interest) in [(true, false), (true, true), (false, false), (false, true)] {
        let Some(q) = quadrant_at(grid, high_power, high_interest) else {
            continue;
        };
        let _ = writeln!(
            s,
            "<div class=\"quadrant\">\n<h3>{} <span class=\"note\">({})</span></h3>\n<ul>",
            q.name, q.advice
        );
        if q.people.is_empty() {
            s.push_str("<li class=\"note\">nobody</li>\n");
        }
        for (name, overdue) in &q.people {
            let late = if *overdue { " <span class=\"overdue\">overdue</span>" } else { "" };
            let _ = writeln!(s, "<li>{}{late}</li>", user(name));
        }
        s.push_str("</ul>\n</div>\n");
    }
    s.push_str("</div>\n");
}

/// Now, Next and Later as three boxes of epics with their progress, then the epics on no
/// horizon.
fn horizons(s: &mut String, h: &Horizons<'_>) {
    s.push_str("<p class=\"note\">No dates here: certainty falls from Now to Later.</p>\n<div class=\"grid3\">\n");
    for (name, epics) in &h.columns {
        let _ = writeln!(s, "<div class=\"quadrant\">\n<h3>{name}</h3>\n<ul>");
        if epics.is_empty() {
            s.push_str("<li class=\"note\">nothing</li>\n");
        }
        for e in epics {
            let _ = writeln!(s, "<li>{} {}<br>{}</li>", user(e.id), user(e.title), meter(e.progress));
        }
        s.push_str("</ul>\n</div>\n");
    }
    s.push_str("</div>\n");
    if !h.unplanned.is_empty() {
        let list: Vec<String> = h.unplanned.iter().map(|e| format!("{} {}", user(e.id), user(e.title))).collect();
        let _ = writeln!(s, "<p>Not on a horizon: {}.</p>", list.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped_and_own_words_are_not() {
        let p = Page::sample(
            vec![Span::own("Risks")],
            Span::user("<Shop>"),
            vec![
                Block::note(vec![Span::own("It's "), Span::strong("plain"), Span::user(" & <b>")]),
                Block::Only(Medium::Text, vec![Block::words("not on a page")]),
            ],
        );
        assert_eq!(
            body(&p),
            "<header>\n<h1>Risks</h1>\n<p class=\"meta\">&lt;Shop&gt;</p>\n</header>\n\
             <p class=\"note\">It's plain &amp; &lt;b&gt;</p>\n\
             <footer><p>Made by pobox from the backlog's risk register as of 2026-11-02.</p></footer>\n"
        );
        assert!(render(&p).contains("<title>Risks</title>"));
    }
}
