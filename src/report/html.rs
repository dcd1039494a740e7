//! The sprint report as one self-contained HTML file: inline CSS (print-friendly), SVG
//! charts drawn by pobox, no JavaScript, nothing fetched from the network.
//!
//! The page is safe to open whatever the backlog says: a Content-Security-Policy meta tag
//! allows no script, no connection and no outside resource; every piece of user text is
//! HTML-escaped; and the page has no links at all, so text such as `javascript:` stays
//! text.

use std::fmt::Write as _;

use super::sprint::{SprintReportDoc, StoryRow};
use super::{decimal, estimate, percent, svg};
use crate::history::sprints::ChangeKind;

/// The page's Content-Security-Policy: nothing but its own inline styles (and `data:`
/// images, which it does not use today).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Text made safe inside an HTML element or a quoted attribute: `&`, `<`, `>`, `"` and `'`
/// become character references, and control characters visible symbols or spaces.
#[must_use]
pub fn escape(text: &str) -> String {
    let text = crate::render::escape_control(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
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

/// The whole report as an HTML document.
#[must_use]
pub fn sprint(doc: &SprintReportDoc) -> String {
    let sp = &doc.sprint;
    let mut s = String::new();
    let title = format!("Sprint report: {} {}", sp.id, sp.title);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"pobox\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    header(&mut s, doc, &title);
    kpis(&mut s, doc);
    burndown(&mut s, doc);
    velocity(&mut s, doc);
    scope_changes(&mut s, doc);
    stories(&mut s, doc);
    meetings(&mut s, doc);
    risks(&mut s, doc);
    let _ = write!(
        s,
        "<footer><p>Made by pobox from the backlog's git history as of {}; dates are commit dates in UTC.</p></footer>\n</body>\n</html>\n",
        doc.as_of
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
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th>Risk</th><th>Title</th><th class=\"num\">Likelihood × impact</th><th>Band</th><th>Owner</th><th>Mitigation</th></tr></thead>\n<tbody>"
    );
    for r in &doc.risks {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{} × {} = {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&r.id),
            escape(&r.title),
            r.likelihood,
            r.impact,
            r.score,
            r.band.as_str(),
            r.owner.as_deref().map(escape).unwrap_or_default(),
            r.mitigation.as_deref().map(escape).unwrap_or_default()
        );
    }
    let _ = writeln!(s, "</tbody>\n</table>\n</section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{1b}b"), "a\u{241b}b");
    }
}
