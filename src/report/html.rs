//! Each report (sprint, action items, risks, stakeholders, roadmap) as one self-contained HTML file: inline CSS (print-friendly), SVG
//! charts drawn by pobox, no JavaScript, nothing fetched from the network.
//!
//! The page is safe to open whatever the backlog says: a Content-Security-Policy meta tag
//! allows no script, no connection and no outside resource; every piece of user text is
//! HTML-escaped; and the page has no links at all, so text such as `javascript:` stays
//! text.

use std::fmt::Write as _;

use super::actions::ActionsReportDoc;
use super::backlog::BacklogReportDoc;
use super::epics::EpicsReportDoc;
use super::risks::RisksReportDoc;
use super::roadmap::RoadmapReportDoc;
use super::sprint::{SprintReportDoc, StoryRow};
use super::stakeholders::{Quadrant, StakeholdersReportDoc};
use super::{decimal, estimate, percent, readiness, score, svg};
use crate::history::sprints::ChangeKind;
use crate::text::html::escape;

/// The page's Content-Security-Policy: nothing but its own inline styles (and `data:`
/// images, which it does not use today).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

pub(crate) const STYLE: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0969da; --good: #1a7f37; --warn: #9a6700; --bad: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 980px; padding: 24px; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05em; margin: 20px 0 6px; }
.meta, .note, footer { color: var(--muted); }
.goal { font-size: 1.1em; margin: 12px 0; padding: 8px 12px; border-left: 4px solid var(--accent); background: #f6f8fa; }
.verdict { font-weight: 600; }
.verdict.yes { color: var(--good); } .verdict.no { color: var(--bad); }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 8px; margin: 16px 0; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.kpi .value { display: block; font-size: 1.5em; font-weight: 600; }
.kpi .label { color: var(--muted); font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 0.95em; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.overdue { color: var(--bad); font-weight: 600; }
.star { color: var(--warn); font-weight: 600; }
figure { margin: 8px 0; }
svg.chart { width: 100%; height: auto; max-width: 720px; font-size: 11px; }
svg .grid { stroke: #eaeef2; stroke-width: 1; }
svg .tick, svg .legend, svg .value { fill: var(--muted); }
svg .legend { fill: var(--ink); }
svg path, svg line { fill: none; }
svg .remaining { stroke: var(--accent); stroke-width: 2.5; }
svg .ideal { stroke: #8c959f; stroke-width: 1.5; stroke-dasharray: 6 4; }
svg .scope { stroke: var(--warn); stroke-width: 1.5; stroke-dasharray: 2 2; }
svg .completed { stroke: var(--good); stroke-width: 2; stroke-dasharray: 10 3 2 3; }
svg .end { stroke: var(--bad); stroke-width: 1; stroke-dasharray: 3 3; }
svg .dot { fill: var(--accent); } svg .dot.change { fill: var(--warn); }
svg rect.bar-committed { fill: #fff; stroke: #57606a; stroke-width: 1.5; }
svg line.bar-committed { stroke: #57606a; stroke-width: 6; }
svg rect.bar-completed { fill: var(--accent); }
svg line.bar-completed { stroke: var(--accent); stroke-width: 6; }
svg .mean { stroke: var(--bad); stroke-width: 1.5; stroke-dasharray: 6 3; }
caption { text-align: left; }
.band-low { background: #dafbe1; } .band-medium { background: #fff8c5; } .band-high { background: #ffe2cc; } .band-critical { background: #ffcecb; }
table.matrix td { width: 16%; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.grid3 { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 8px; }
.quadrant { border: 1px solid var(--line); border-radius: 6px; padding: 4px 12px; }
.quadrant h3 { margin-top: 6px; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; }
  figure, tr, .kpi { break-inside: avoid; }
  thead { display: table-header-group; }
  .goal, th { background: none; }
  svg.chart { max-width: 100%; }
}
"#;

/// Open a report's self-contained page: doctype, CSP, styles, `<title>` (escaped here) and
/// `<body>`. [`page_end`] closes it.
pub(crate) fn page_start(s: &mut String, title: &str) {
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"pobox\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
}

/// Close a page opened by [`page_start`] with a footer saying what it was made from
/// (`source`, `note`: pobox's own words, not escaped) and as of when.
pub(crate) fn page_end(s: &mut String, source: &str, as_of: jiff::civil::Date, note: &str) {
    let _ = write!(
        s,
        "<footer><p>Made by pobox {source} as of {as_of}{note}.</p></footer>\n</body>\n</html>\n"
    );
}

/// The whole report as an HTML document.
#[must_use]
pub fn sprint(doc: &SprintReportDoc) -> String {
    let sp = &doc.sprint;
    let mut s = String::new();
    let title = format!("Sprint report: {} {}", sp.id, sp.title);
    page_start(&mut s, &title);
    header(&mut s, doc, &title);
    kpis(&mut s, doc);
    burndown(&mut s, doc);
    velocity(&mut s, doc);
    scope_changes(&mut s, doc);
    stories(&mut s, doc);
    meetings(&mut s, doc);
    risks(&mut s, doc);
    page_end(
        &mut s,
        "from the backlog's git history",
        doc.as_of,
        "; dates are commit dates in UTC",
    );
    s
}

fn header(s: &mut String, doc: &SprintReportDoc, title: &str) {
    let sp = &doc.sprint;
    let _ = write!(s, "<header>\n<h1>{}</h1>\n", escape(title));
    let mut facts = Vec::new();
    if !doc.product.is_empty() {
        facts.push(escape(&doc.product));
    }
    match (sp.start, sp.end) {
        (Some(a), Some(b)) => facts.push(format!("{a} to {b}")),
        (Some(a), None) => facts.push(format!("from {a}")),
        _ => {}
    }
    facts.push(format!("status {}", escape(sp.status.as_deref().unwrap_or("unknown"))));
    if let Some(d) = sp.closed_on.filter(|_| sp.closed) {
        facts.push(format!("closed on {d}"));
    }
    facts.push(format!("as of {}", doc.as_of));
    let _ = writeln!(s, "<p class=\"meta\">{}</p>", facts.join(" · "));
    if let Some(goal) = &sp.goal {
        let _ = writeln!(s, "<p class=\"goal\"><strong>Sprint goal:</strong> {}</p>", escape(goal));
    }
    let (class, word) = match sp.goal_met {
        Some(true) => ("yes", "yes"),
        Some(false) => ("no", "no"),
        None => ("", "not recorded"),
    };
    let _ = writeln!(s, "<p>Goal met: <span class=\"verdict {class}\">{word}</span></p>\n</header>");
}

fn kpis(s: &mut String, doc: &SprintReportDoc) {
    let p = &doc.points;
    let cards = [
        (p.committed.to_string(), "points committed".to_owned()),
        (p.completed.to_string(), format!("points completed of {}", p.final_scope)),
        (
            percent(p.commitment_reliability),
            format!("commitment reliability ({} of {})", p.committed_done, p.committed),
        ),
        (percent(p.completion_rate), "completion rate".to_owned()),
        (
            percent(p.scope_change_ratio),
            format!("scope change (+{} −{} ±{})", p.added, p.removed, p.reestimated),
        ),
    ];
    let _ = writeln!(s, "<section>\n<h2>Summary</h2>\n<div class=\"kpis\">");
    for (value, label) in cards {
        let _ = writeln!(
            s,
            "<div class=\"kpi\"><span class=\"value\">{value}</span><span class=\"label\">{label}</span></div>"
        );
    }
    let _ = writeln!(s, "</div>");
    let _ = writeln!(
        s,
        "<table>\n<caption class=\"note\">Points</caption>\n<tbody>\n{}</tbody>\n</table>",
        [
            ("Committed at the start", p.committed),
            ("Added after the start", p.added),
            ("Removed after the start", p.removed),
            ("Re-estimated (sum of changes)", p.reestimated),
            ("Final scope", p.final_scope),
            ("Completed", p.completed),
            ("Not completed", p.not_completed),
            ("Committed and completed", p.committed_done),
        ]
        .iter()
        .chain(doc.sprint.capacity.as_ref().map(|c| ("Capacity", *c)).iter())
        .map(|(k, v)| format!("<tr><th scope=\"row\">{k}</th><td class=\"num\">{v}</td></tr>\n"))
        .collect::<String>()
    );
    let _ = writeln!(s, "</section>");
}

fn burndown(s: &mut String, doc: &SprintReportDoc) {
    let _ = writeln!(s, "<section>\n<h2>Burndown</h2>");
    if doc.days.is_empty() {
        let _ = writeln!(s, "<p>No burndown: the sprint has no start date.</p>\n</section>");
        return;
    }
    let _ = writeln!(s, "<figure>{}</figure>", svg::burndown(doc));
    let _ = writeln!(
        s,
        "<p class=\"note\">Remaining work at the end of each working day against the ideal line; the scope line steps up when work is added.</p>"
    );
    let _ = writeln!(
        s,
        "<table>\n<caption class=\"note\">Values per working day</caption>\n<thead><tr><th class=\"num\">Day</th><th>Date</th><th class=\"num\">Remaining</th><th class=\"num\">Ideal</th><th class=\"num\">Completed</th><th class=\"num\">Scope</th><th>Scope change</th></tr></thead>\n<tbody>"
    );
    let dash = |v: Option<u32>| v.map_or_else(|| "-".to_owned(), |v| v.to_string());
    for d in &doc.days {
        let mut change = Vec::new();
        if d.added > 0 {
            change.push(format!("+{} added", d.added));
        }
        if d.removed > 0 {
            change.push(format!("−{} removed", d.removed));
        }
        if d.reestimated != 0 {
            change.push(format!("{:+} re-estimated", d.reestimated));
        }
        let _ = writeln!(
            s,
            "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            d.day,
            d.date,
            dash(d.remaining),
            decimal(d.ideal),
            dash(d.completed),
            dash(d.scope),
            change.join(", ")
        );
    }
    let _ = writeln!(s, "</tbody>\n</table>\n</section>");
}

fn velocity(s: &mut String, doc: &SprintReportDoc) {
    let v = &doc.velocity;
    let _ = writeln!(s, "<section>\n<h2>Velocity</h2>");
    if v.sprints.is_empty() {
        let _ = writeln!(s, "<p>No closed sprint yet, so no velocity.</p>\n</section>");
        return;
    }
    let _ = writeln!(s, "<figure>{}</figure>", svg::velocity(doc));
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th>Sprint</th><th>Start</th><th class=\"num\">Committed</th><th class=\"num\">Completed</th><th class=\"num\">Reliability</th><th class=\"num\">Completion</th></tr></thead>\n<tbody>"
    );
    for x in &v.sprints {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&x.id),
            x.start.map(|d| d.to_string()).unwrap_or_default(),
            x.commitment,
            x.completed,
            percent(x.commitment_reliability),
            percent(x.completion_rate)
        );
    }
    let _ = writeln!(s, "</tbody>\n</table>");
    if let (Some(mean), Some(min), Some(max)) = (v.mean, v.min, v.max) {
        let _ = writeln!(
            s,
            "<p>Mean velocity of the last {}: <strong>{mean:.1} points</strong> (min {min}, max {max}).</p>",
            v.window
        );
    }
    let _ = writeln!(s, "</section>");
}

fn scope_changes(s: &mut String, doc: &SprintReportDoc) {
    let _ = writeln!(s, "<section>\n<h2>Scope changes</h2>");
    if doc.scope_changes.is_empty() {
        let _ = writeln!(s, "<p>None: the sprint ended with the scope it started with.</p>\n</section>");
        return;
    }
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th>Date</th><th>Story</th><th>Title</th><th>Change</th></tr></thead>\n<tbody>"
    );
    for c in &doc.scope_changes {
        let change = match c.kind {
            ChangeKind::Added => format!("added, {}", super::points(c.to)),
            ChangeKind::Removed => format!("removed, {}", super::points(c.from)),
            ChangeKind::ReEstimated => format!("re-estimated {} → {}", c.from, c.to),
        };
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{change}</td></tr>",
            c.date,
            escape(&c.id),
            escape(&c.title)
        );
    }
    let _ = writeln!(s, "</tbody>\n</table>\n</section>");
}

fn story_table(s: &mut String, heading: &str, rows: &[StoryRow], note: impl Fn(&StoryRow) -> String) {
    let points: u32 = rows.iter().map(|r| r.points).sum();
    let n = rows.len();
    let plural = if n == 1 { "story" } else { "stories" };
    let _ = writeln!(s, "<h3>{heading} ({n} {plural}, {})</h3>", super::points(points));
    if rows.is_empty() {
        let _ = writeln!(s, "<p>None.</p>");
        return;
    }
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th>Story</th><th>Title</th><th class=\"num\">Points</th><th>Status</th><th>Note</th></tr></thead>\n<tbody>"
    );
    for r in rows {
        let star = if r.added_after_start {
            "<span class=\"star\" title=\"added after the sprint started\">*</span>"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "<tr><td>{}{star}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            escape(&r.id),
            escape(&r.title),
            estimate(r),
            escape(r.status.as_deref().unwrap_or("-")),
            note(r)
        );
    }
    let _ = writeln!(s, "</tbody>\n</table>");
}

fn stories(s: &mut String, doc: &SprintReportDoc) {
    let g = &doc.stories;
    let _ = writeln!(s, "<section>\n<h2>Stories</h2>");
    let _ = writeln!(
        s,
        "<p class=\"note\"><span class=\"star\">*</span> added after the sprint started; <code>3 → 5</code> re-estimated during the sprint.</p>"
    );
    story_table(s, "Completed", &g.completed, |_| String::new());
    let open = if doc.sprint.closed { "Not completed" } else { "Not completed yet" };
    story_table(s, open, &g.not_completed, |r| {
        if !r.carried_over {
            String::new()
        } else if let Some(to) = &r.moved_to {
            format!("carried over to {}", escape(to))
        } else {
            "back to the backlog".to_owned()
        }
    });
    story_table(s, "Added after the start", &g.added_after_start, |r| {
        r.date.map(|d| format!("added {d}")).unwrap_or_default()
    });
    story_table(s, "Removed", &g.removed, |r| {
        let when = r.date.map(|d| format!("removed {d}")).unwrap_or_default();
        match &r.moved_to {
            Some(to) => format!("{when}, moved to {}", escape(to)),
            None => when,
        }
    });
    let _ = writeln!(s, "</section>");
}

fn meetings(s: &mut String, doc: &SprintReportDoc) {
    let _ = writeln!(s, "<section>\n<h2>Meetings</h2>");
    let _ = writeln!(s, "<h3>Open action items ({})</h3>", doc.action_items.len());
    if doc.action_items.is_empty() {
        let _ = writeln!(s, "<p>None: every action item from this sprint's meetings is done.</p>");
    } else {
        let _ = writeln!(
            s,
            "<table>\n<thead><tr><th>Owner</th><th>Action</th><th>Due</th><th>Meeting</th></tr></thead>\n<tbody>"
        );
        for a in &doc.action_items {
            let owner = a
                .owner
                .as_deref()
                .map_or_else(|| "no owner".to_owned(), |o| format!("@{}", escape(o)));
            let due = match (&a.due, a.overdue) {
                (Some(d), true) => format!("{} <span class=\"overdue\">overdue</span>", escape(d)),
                (Some(d), false) => escape(d),
                (None, _) => "no due date".to_owned(),
            };
            let meeting = match a.meeting_date {
                Some(d) => format!("{d} {}", escape(&a.meeting_title)),
                None => escape(&a.meeting_title),
            };
            let _ = writeln!(
                s,
                "<tr><td>{owner}</td><td>{}</td><td>{due}</td><td>{meeting}</td></tr>",
                escape(&a.text)
            );
        }
        let _ = writeln!(s, "</tbody>\n</table>");
    }
    let _ = writeln!(s, "<h3>Decisions ({})</h3>", doc.decisions.len());
    if doc.decisions.is_empty() {
        let _ = writeln!(s, "<p>None recorded.</p>");
    } else {
        let _ = writeln!(s, "<ul>");
        for d in &doc.decisions {
            let when = d.meeting_date.map(|d| format!("{d} ")).unwrap_or_default();
            let _ = writeln!(
                s,
                "<li>{} <span class=\"note\">({when}{})</span></li>",
                escape(&d.text),
                escape(&d.meeting_title)
            );
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(s, "</section>");
}

fn risks(s: &mut String, doc: &SprintReportDoc) {
    let _ = writeln!(
        s,
        "<section>\n<h2>Open risks (score {} or more)</h2>",
        super::sprint::RISK_SCORE_THRESHOLD
    );
    if doc.risks.is_empty() {
        let _ = writeln!(s, "<p>None.</p>\n</section>");
        return;
    }
    risk_table(s, &doc.risks);
    let _ = writeln!(s, "</section>");
}

/// Open risks as a table: score, band (coloured), owner and mitigation.
fn risk_table(s: &mut String, risks: &[super::sprint::RiskRow]) {
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th>Risk</th><th>Title</th><th class=\"num\">Likelihood × impact</th><th>Band</th><th>Owner</th><th>Mitigation</th></tr></thead>\n<tbody>"
    );
    for r in risks {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{} × {} = {}</td><td class=\"band-{band}\">{band}</td><td>{}</td><td>{}</td></tr>",
            escape(&r.id),
            escape(&r.title),
            r.likelihood,
            r.impact,
            r.score,
            r.owner.as_deref().map(escape).unwrap_or_default(),
            r.mitigation.as_deref().map(escape).unwrap_or_default(),
            band = r.band.as_str(),
        );
    }
    let _ = writeln!(s, "</tbody>\n</table>");
}

/// The `<header>` of a report about today's files: heading, product and day.
fn simple_header(s: &mut String, title: &str, product: &str, as_of: jiff::civil::Date) {
    let mut facts = Vec::new();
    if !product.is_empty() {
        facts.push(escape(product));
    }
    facts.push(format!("as of {as_of}"));
    let _ = writeln!(
        s,
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n</header>",
        escape(title),
        facts.join(" · ")
    );
}

/// A meeting cell: `2026-10-02 Sprint review`.
fn meeting_cell(date: Option<jiff::civil::Date>, title: &str) -> String {
    match date {
        Some(d) => format!("{d} {}", escape(title)),
        None => escape(title),
    }
}

/// The action-items report as an HTML document.
#[must_use]
pub fn actions(doc: &ActionsReportDoc) -> String {
    let mut s = String::new();
    page_start(&mut s, "Action items");
    simple_header(
        &mut s,
        "Action items",
        &super::with_owner(&doc.product, doc.owner.as_deref()),
        doc.as_of,
    );
    let cards = [
        (doc.open, format!("open of {} ({} done)", doc.total, doc.done)),
        (doc.overdue, "overdue".to_owned()),
        (doc.needs_owner_or_due.len(), "need an owner or a due date".to_owned()),
    ];
    let _ = writeln!(s, "<div class=\"kpis\">");
    for (value, label) in cards {
        let _ = writeln!(
            s,
            "<div class=\"kpi\"><span class=\"value\">{value}</span><span class=\"label\">{label}</span></div>"
        );
    }
    let _ = writeln!(s, "</div>\n<section>\n<h2>By owner</h2>");
    if doc.owners.is_empty() {
        let _ = writeln!(s, "<p>None: no open action item has an owner and a due date.</p>");
    }
    for g in &doc.owners {
        let _ = writeln!(s, "<h3>@{} ({} open, {} overdue)</h3>", escape(&g.owner), g.items.len(), g.overdue);
        let _ = writeln!(
            s,
            "<table>\n<thead><tr><th>Action</th><th>Due</th><th class=\"num\">Overdue</th><th>Meeting</th></tr></thead>\n<tbody>"
        );
        for a in &g.items {
            let due = a.due.as_deref().map(escape).unwrap_or_default();
            let late = a.days_overdue.map_or_else(String::new, |d| {
                format!("<span class=\"overdue\">{d} {}</span>", if d == 1 { "day" } else { "days" })
            });
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{due}</td><td class=\"num\">{late}</td><td>{}</td></tr>",
                escape(&a.text),
                meeting_cell(a.meeting_date, &a.meeting_title)
            );
        }
        let _ = writeln!(s, "</tbody>\n</table>");
    }
    let _ = writeln!(
        s,
        "</section>\n<section>\n<h2>Needs an owner/due date ({})</h2>",
        doc.needs_owner_or_due.len()
    );
    if doc.needs_owner_or_due.is_empty() {
        let _ = writeln!(s, "<p>None: every open action item has an owner and a due date.</p>");
    } else {
        let _ = writeln!(
            s,
            "<table>\n<thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Meeting</th></tr></thead>\n<tbody>"
        );
        for a in &doc.needs_owner_or_due {
            let owner = a
                .owner
                .as_deref()
                .map_or_else(|| "no owner".to_owned(), |o| format!("@{}", escape(o)));
            let due = a.due.as_deref().map_or_else(|| "no due date".to_owned(), escape);
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{owner}</td><td>{due}</td><td>{}</td></tr>",
                escape(&a.text),
                meeting_cell(a.meeting_date, &a.meeting_title)
            );
        }
        let _ = writeln!(s, "</tbody>\n</table>");
    }
    let _ = writeln!(s, "</section>");
    page_end(&mut s, "from the backlog's meeting notes", doc.as_of, "");
    s
}

/// The risk report as an HTML document.
#[must_use]
pub fn risk_register(doc: &RisksReportDoc) -> String {
    let mut s = String::new();
    page_start(&mut s, "Risks");
    simple_header(&mut s, "Risks", &doc.product, doc.as_of);
    let others: Vec<String> = doc.not_open.iter().map(|c| format!("{} {}", c.count, escape(&c.status))).collect();
    let others = if others.is_empty() {
        String::new()
    } else {
        format!(" ({})", others.join(", "))
    };
    let _ = writeln!(s, "<p><strong>{}</strong> open of {} risks{others}.</p>", doc.open, doc.total);
    let _ = writeln!(s, "<section>\n<h2>Likelihood × impact</h2>");
    let _ = writeln!(
        s,
        "<table class=\"matrix\">\n<caption class=\"note\">Open risks by likelihood (columns) and impact (rows); each cell shows its score and band: low 1–4, medium 5–9, high 10–15, critical 16–25.</caption>"
    );
    let _ = writeln!(
        s,
        "<thead><tr><th scope=\"col\">Impact ↓ · Likelihood →</th>{}</tr></thead>\n<tbody>",
        (1..=5)
            .map(|l| format!("<th scope=\"col\" class=\"num\">{l}</th>"))
            .collect::<String>()
    );
    for row in &doc.matrix {
        let _ = write!(s, "<tr><th scope=\"row\" class=\"num\">{}</th>", row.impact);
        for c in &row.cells {
            let ids: Vec<String> = c.risks.iter().map(|r| format!("<strong>{}</strong>", escape(r))).collect();
            let _ = write!(
                s,
                "<td class=\"band-{}\"><span class=\"note\">{} {}</span> {}</td>",
                c.band.as_str(),
                c.score,
                c.band.as_str(),
                ids.join(", ")
            );
        }
        let _ = writeln!(s, "</tr>");
    }
    let _ = writeln!(s, "</tbody>\n</table>\n</section>");
    let _ = writeln!(s, "<section>\n<h2>Open risks by score ({})</h2>", doc.risks.len());
    if doc.risks.is_empty() {
        let _ = writeln!(s, "<p>None.</p>");
    } else {
        risk_table(&mut s, &doc.risks);
    }
    if !doc.unscored.is_empty() {
        let ids: Vec<String> = doc.unscored.iter().map(|r| escape(r)).collect();
        let _ = writeln!(
            s,
            "<p class=\"note\">Open but without a likelihood or an impact, so not placed: {}.</p>",
            ids.join(", ")
        );
    }
    let _ = writeln!(s, "</section>");
    page_end(&mut s, "from the backlog's risk register", doc.as_of, "");
    s
}

/// The stakeholder report as an HTML document.
#[must_use]
pub fn stakeholders(doc: &StakeholdersReportDoc) -> String {
    let mut s = String::new();
    page_start(&mut s, "Stakeholders");
    simple_header(&mut s, "Stakeholders", &doc.product, doc.as_of);
    let _ = writeln!(
        s,
        "<p><strong>{}</strong> stakeholders · <strong>{}</strong> overdue for contact.</p>",
        doc.total, doc.overdue
    );
    let _ = writeln!(
        s,
        "<section>\n<h2>Power/interest grid</h2>\n<p class=\"note\">Power rises from bottom to top, interest from left to right.</p>\n<div class=\"grid2\">"
    );
    for q in [
        Quadrant::KeepSatisfied,
        Quadrant::KeyPlayers,
        Quadrant::Monitor,
        Quadrant::KeepInformed,
    ] {
        let Some(g) = doc.quadrants.iter().find(|g| g.quadrant == q) else {
            continue;
        };
        let _ = writeln!(
            s,
            "<div class=\"quadrant\">\n<h3>{} <span class=\"note\">({})</span></h3>\n<ul>",
            g.name, g.advice
        );
        if g.stakeholders.is_empty() {
            let _ = writeln!(s, "<li class=\"note\">nobody</li>");
        }
        for r in &g.stakeholders {
            let late = if r.overdue { " <span class=\"overdue\">overdue</span>" } else { "" };
            let _ = writeln!(s, "<li>{}{late}</li>", escape(&r.name));
        }
        let _ = writeln!(s, "</ul>\n</div>");
    }
    let _ = writeln!(s, "</div>\n</section>\n<section>\n<h2>Contact and requests</h2>");
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th>Stakeholder</th><th>Quadrant</th><th>Cadence</th><th>Last contact</th><th>Contact</th><th>Asked for</th></tr></thead>\n<tbody>"
    );
    let rows = doc
        .quadrants
        .iter()
        .flat_map(|g| g.stakeholders.iter().map(move |r| (g.name, r)))
        .chain(doc.unclassified.iter().map(|r| ("unclassified", r)));
    for (quadrant, r) in rows {
        let role = r.role.as_deref().map(|x| format!(", {}", escape(x))).unwrap_or_default();
        let cadence = r.cadence_days.map_or_else(|| "-".to_owned(), |c| format!("every {c} days"));
        let last = match (r.last_contact, &r.last_meeting, r.days_since_contact) {
            (Some(d), Some(m), Some(n)) => format!("{d} {} <span class=\"note\">({})</span>", escape(m), super::days_ago(n)),
            _ => "never".to_owned(),
        };
        let state = if r.overdue {
            "<span class=\"overdue\">overdue</span>"
        } else if r.cadence_days.is_some() {
            "on time"
        } else {
            "-"
        };
        let stories: String = r
            .stories
            .iter()
            .map(|x| format!("<li>{} {}</li>", escape(&x.id), escape(&x.title)))
            .collect();
        let stories = if stories.is_empty() {
            String::new()
        } else {
            format!("<ul>{stories}</ul>")
        };
        let _ = writeln!(
            s,
            "<tr><td>{} <span class=\"note\">(@{}{role})</span></td><td>{quadrant}</td><td>{cadence}</td><td>{last}</td><td>{state}</td><td>{stories}</td></tr>",
            escape(&r.name),
            escape(&r.id)
        );
    }
    let _ = writeln!(s, "</tbody>\n</table>\n</section>");
    page_end(&mut s, "from the backlog's stakeholder and meeting files", doc.as_of, "");
    s
}

/// An epic's progress as a `<meter>` and a percentage.
fn progress_meter(p: Option<f64>) -> String {
    match p {
        Some(v) => format!("<meter min=\"0\" max=\"1\" value=\"{v:.3}\">{}</meter> {}", percent(p), percent(p)),
        None => "-".to_owned(),
    }
}

/// The roadmap report as an HTML document.
#[must_use]
pub fn roadmap(doc: &RoadmapReportDoc) -> String {
    let mut s = String::new();
    page_start(&mut s, "Roadmap");
    simple_header(&mut s, "Roadmap", &doc.product, doc.as_of);
    let _ = writeln!(
        s,
        "<section>\n<h2>Now, Next, Later</h2>\n<p class=\"note\">No dates here: certainty falls from Now to Later.</p>\n<div class=\"grid3\">"
    );
    for h in &doc.horizons {
        let _ = writeln!(s, "<div class=\"quadrant\">\n<h3>{}</h3>\n<ul>", h.name);
        if h.epics.is_empty() {
            let _ = writeln!(s, "<li class=\"note\">nothing</li>");
        }
        for e in &h.epics {
            let _ = writeln!(
                s,
                "<li>{} {}<br>{}</li>",
                escape(&e.id),
                escape(&e.title),
                progress_meter(e.progress)
            );
        }
        let _ = writeln!(s, "</ul>\n</div>");
    }
    let _ = writeln!(s, "</div>");
    if !doc.unplanned.is_empty() {
        let list: Vec<String> = doc
            .unplanned
            .iter()
            .map(|e| format!("{} {}", escape(&e.id), escape(&e.title)))
            .collect();
        let _ = writeln!(s, "<p>Not on a horizon: {}.</p>", list.join(", "));
    }
    let _ = writeln!(s, "</section>\n<section>\n<h2>Timeline</h2>");
    if doc.timeline.is_empty() {
        let _ = writeln!(s, "<p>No epic has a target date.</p>");
    } else {
        let _ = writeln!(
            s,
            "<table>\n<thead><tr><th>Target</th><th>Epic</th><th>Horizon</th><th>Status</th><th>Progress</th><th class=\"num\">Points done</th><th class=\"num\">Stories done</th></tr></thead>\n<tbody>"
        );
        for e in &doc.timeline {
            let target = e.target.map(|d| d.to_string()).unwrap_or_default();
            let late = e.target.is_some_and(|t| t < doc.as_of) && e.progress.is_none_or(|p| p < 1.0);
            let target = if late {
                format!("<span class=\"overdue\">{target}</span>")
            } else {
                target
            };
            let _ = writeln!(
                s,
                "<tr><td>{target}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{} of {}</td><td class=\"num\">{} of {}</td></tr>",
                escape(&e.id),
                escape(&e.title),
                escape(e.horizon.as_deref().unwrap_or("-")),
                escape(e.status.as_deref().unwrap_or("-")),
                progress_meter(e.progress),
                e.points_done,
                e.points,
                e.stories_done,
                e.stories
            );
        }
        let _ = writeln!(s, "</tbody>\n</table>");
    }
    let _ = writeln!(s, "</section>");
    page_end(&mut s, "from the backlog's epic and story files", doc.as_of, "");
    s
}

/// The backlog report as an HTML document.
#[must_use]
pub fn backlog(doc: &BacklogReportDoc) -> String {
    let mut s = String::new();
    page_start(&mut s, "Backlog");
    simple_header(&mut s, "Backlog", &super::with_owner(&doc.product, doc.owner.as_deref()), doc.as_of);
    let cards = [
        (doc.order.len(), format!("stories ordered by {}", doc.method.as_str())),
        (doc.order.iter().filter(|r| r.ready).count(), "ready".to_owned()),
        (doc.missing.len(), "missing inputs".to_owned()),
    ];
    let _ = writeln!(s, "<div class=\"kpis\">");
    for (value, label) in cards {
        let _ = writeln!(
            s,
            "<div class=\"kpi\"><span class=\"value\">{value}</span><span class=\"label\">{label}</span></div>"
        );
    }
    let _ = writeln!(s, "</div>\n<section>\n<h2>Order</h2>");
    if doc.order.is_empty() {
        let _ = writeln!(s, "<p>No story to order.</p>");
    } else {
        let _ = writeln!(
            s,
            "<table>\n<thead><tr><th class=\"num\">#</th><th>Story</th><th>Status</th><th class=\"num\">Points</th><th class=\"num\">Score</th><th>Readiness</th></tr></thead>\n<tbody>"
        );
        for r in &doc.order {
            let _ = writeln!(
                s,
                "<tr><td class=\"num\">{}</td><td>{} {}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                r.position,
                escape(&r.id),
                escape(&r.title),
                escape(r.status.as_deref().unwrap_or("-")),
                r.points.map_or_else(|| "-".to_owned(), |p| p.to_string()),
                escape(&score(r)),
                readiness(r)
            );
        }
        let _ = writeln!(s, "</tbody>\n</table>");
    }
    let _ = writeln!(s, "</section>\n<section>\n<h2>Missing inputs ({})</h2>", doc.missing.len());
    if doc.missing.is_empty() {
        let _ = writeln!(s, "<p>None: every story has what {} needs.</p>", doc.method.as_str());
    } else {
        let _ = writeln!(s, "<table>\n<thead><tr><th>Story</th><th>Missing</th></tr></thead>\n<tbody>");
        for m in &doc.missing {
            let _ = writeln!(
                s,
                "<tr><td>{} {}</td><td>{}</td></tr>",
                escape(&m.id),
                escape(&m.title),
                escape(&m.missing.join(", "))
            );
        }
        let _ = writeln!(s, "</tbody>\n</table>");
    }
    let _ = writeln!(s, "</section>");
    page_end(&mut s, "from the backlog's story files", doc.as_of, "");
    s
}

/// The epics report as an HTML document.
#[must_use]
pub fn epics(doc: &EpicsReportDoc) -> String {
    let mut s = String::new();
    page_start(&mut s, "Epics");
    simple_header(&mut s, "Epics", &super::with_owner(&doc.product, doc.owner.as_deref()), doc.as_of);
    let _ = writeln!(s, "<section>\n<h2>Progress and forecast</h2>");
    match (doc.velocity, doc.last_sprint_end) {
        (Some(v), Some(end)) => {
            let _ = writeln!(
                s,
                "<p class=\"note\">Velocity {} points a sprint (mean of the last 3 closed sprints); forecasts count {}-day sprints from {end}, the end of the last closed sprint.</p>",
                decimal(v),
                doc.sprint_length_days
            );
        }
        _ => {
            let _ = writeln!(
                s,
                "<p class=\"note\">No velocity yet: no sprint has closed, so there is no forecast.</p>"
            );
        }
    }
    if doc.epics.is_empty() {
        let _ = writeln!(s, "<p>No epics.</p>");
    } else {
        let _ = writeln!(
            s,
            "<table>\n<thead><tr><th>Epic</th><th>Status</th><th class=\"num\">Stories done</th><th class=\"num\">Points done</th><th>Progress</th><th class=\"num\">Remaining</th><th>Forecast</th></tr></thead>\n<tbody>"
        );
        for e in &doc.epics {
            let r = &e.epic;
            let forecast = escape(&e.forecast_text());
            let _ = writeln!(
                s,
                "<tr><td>{} {}</td><td>{}</td><td class=\"num\">{} of {}</td><td class=\"num\">{} of {}</td><td>{}</td><td class=\"num\">{}</td><td>{forecast}</td></tr>",
                escape(&r.id),
                escape(&r.title),
                escape(r.status.as_deref().unwrap_or("-")),
                r.stories_done,
                r.stories,
                r.points_done,
                r.points,
                progress_meter(r.progress),
                e.remaining_points
            );
        }
        let _ = writeln!(s, "</tbody>\n</table>");
    }
    let _ = writeln!(s, "</section>");
    page_end(
        &mut s,
        "from the backlog's epic and story files and their git history",
        doc.as_of,
        "",
    );
    s
}

/// The portfolio report as an HTML document.
#[must_use]
pub fn portfolio(doc: &super::portfolio::PortfolioReportDoc) -> String {
    let mut s = String::new();
    page_start(&mut s, "Portfolio");
    let mut facts = vec![format!("as of {}", doc.as_of)];
    if let Some(owner) = &doc.owner {
        facts.push(format!("owner {}", escape(owner)));
    }
    let _ = writeln!(
        s,
        "<header>\n<h1>Portfolio</h1>\n<p class=\"meta\">{}</p>\n</header>",
        facts.join(" · ")
    );
    let t = &doc.totals;
    let kpi = |s: &mut String, value: String, label: &str| {
        let _ = writeln!(
            s,
            "<div class=\"kpi\"><span class=\"value\">{value}</span><span class=\"label\">{label}</span></div>"
        );
    };
    let _ = writeln!(s, "<section class=\"kpis\" aria-label=\"Totals\">");
    kpi(&mut s, t.products.to_string(), "products");
    kpi(&mut s, t.epics.to_string(), "epics");
    kpi(&mut s, format!("{} of {}", t.points_done, t.points), "points done");
    kpi(&mut s, percent(t.progress), "progress");
    kpi(&mut s, t.velocity.map_or_else(|| "-".to_owned(), decimal), "points a sprint");
    kpi(&mut s, t.high_risks.to_string(), "high risks");
    kpi(
        &mut s,
        t.last_forecast.map_or_else(|| "-".to_owned(), |d| d.to_string()),
        "all done by",
    );
    let _ = writeln!(s, "</section>");
    if doc.products.is_empty() {
        let _ = writeln!(s, "<p>No product has epics or risks of this owner.</p>");
    }
    for p in &doc.products {
        let _ = writeln!(s, "<section>\n<h2>{}</h2>", escape(&p.name));
        match (&p.history_note, p.velocity) {
            (Some(note), _) => {
                let _ = writeln!(s, "<p class=\"note\">No velocity: {}</p>", escape(note));
            }
            (None, Some(v)) => {
                let sprints: Vec<String> = p
                    .last_sprints
                    .iter()
                    .map(|v| format!("{} {}", escape(&v.id), v.completed))
                    .collect();
                let _ = writeln!(
                    s,
                    "<p class=\"note\">Velocity {} points a sprint (last sprints: {}).</p>",
                    decimal(v),
                    sprints.join(", ")
                );
            }
            (None, None) => {
                let _ = writeln!(s, "<p class=\"note\">No velocity yet: no sprint has closed.</p>");
            }
        }
        if p.epics.is_empty() {
            let _ = writeln!(s, "<p>No epics.</p>");
        } else {
            let _ = writeln!(
                s,
                "<table>\n<thead><tr><th>Epic</th><th>Owner</th><th class=\"num\">Stories done</th><th class=\"num\">Points done</th><th>Progress</th><th>Forecast</th></tr></thead>\n<tbody>"
            );
            for e in &p.epics {
                let r = &e.epic;
                let forecast = escape(&e.forecast_text());
                let _ = writeln!(
                    s,
                    "<tr><td>{} {}</td><td>{}</td><td class=\"num\">{} of {}</td><td class=\"num\">{} of {}</td><td>{}</td><td>{forecast}</td></tr>",
                    escape(&r.id),
                    escape(&r.title),
                    escape(r.owner.as_deref().unwrap_or("-")),
                    r.stories_done,
                    r.stories,
                    r.points_done,
                    r.points,
                    progress_meter(r.progress)
                );
            }
            let _ = writeln!(s, "</tbody>\n</table>");
        }
        if p.risks.is_empty() {
            let whose = doc.owner.as_deref().map(|o| format!(" of {}", escape(o))).unwrap_or_default();
            let _ = writeln!(
                s,
                "<p class=\"note\">No open risk{whose} scores {} or more.</p>",
                super::portfolio::HIGH_RISK_SCORE
            );
        } else {
            let _ = writeln!(
                s,
                "<table>\n<thead><tr><th>Risk</th><th class=\"num\">Score</th><th>Band</th><th>Owner</th><th>Mitigation</th></tr></thead>\n<tbody>"
            );
            for r in &p.risks {
                let _ = writeln!(
                    s,
                    "<tr><td>{} {}</td><td class=\"num\">{}</td><td class=\"band-{band}\">{band}</td><td>{}</td><td>{}</td></tr>",
                    escape(&r.id),
                    escape(&r.title),
                    r.score,
                    escape(r.owner.as_deref().unwrap_or("-")),
                    escape(r.mitigation.as_deref().unwrap_or("-")),
                    band = r.band.as_str()
                );
            }
            let _ = writeln!(s, "</tbody>\n</table>");
        }
        let _ = writeln!(s, "</section>");
    }
    page_end(
        &mut s,
        "from each product's epic, story and risk files and their git history",
        doc.as_of,
        "",
    );
    s
}
