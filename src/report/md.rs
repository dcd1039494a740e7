//! The reports (sprint, action items, risks, stakeholders, roadmap) as GitHub/GitLab Markdown: headings, tables and Mermaid `xychart-beta`
//! charts, for a job summary, a wiki page or a merge request.
//!
//! User text never shapes the page: in prose and table cells every character Markdown or
//! HTML gives a meaning to is escaped (so a title cannot open a link, a tag or a new table
//! cell), and in Mermaid blocks labels lose the characters that would end a string, a
//! block or the code fence.

use std::fmt::Write as _;

use super::actions::ActionsReportDoc;
use super::backlog::BacklogReportDoc;
use super::epics::EpicsReportDoc;
use super::risks::RisksReportDoc;
use super::roadmap::{EpicRow, RoadmapReportDoc};
use super::sprint::{SprintReportDoc, StoryRow};
use super::stakeholders::{Quadrant, StakeholdersReportDoc};
use super::{axis_max, days_ago, decimal, estimate, percent, readiness, score, short_date};
use crate::history::sprints::ChangeKind;
use crate::text::markdown::escape;
use crate::text::mermaid::{gantt_label, label as mermaid_label};

/// The whole report as Markdown, ending with a newline.
#[must_use]
pub fn sprint(doc: &SprintReportDoc) -> String {
    let mut s = String::new();
    header(&mut s, doc);
    summary(&mut s, doc);
    burndown(&mut s, doc);
    velocity(&mut s, doc);
    scope_changes(&mut s, doc);
    stories(&mut s, doc);
    meetings(&mut s, doc);
    risks(&mut s, doc);
    s
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not recorded",
    }
}

fn header(s: &mut String, doc: &SprintReportDoc) {
    let sp = &doc.sprint;
    let _ = writeln!(s, "# Sprint report: {} {}\n", escape(&sp.id), escape(&sp.title));
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
    let _ = writeln!(s, "{}\n", facts.join(" · "));
    if let Some(goal) = &sp.goal {
        let _ = writeln!(s, "**Sprint goal:** {}\n", escape(goal));
    }
    let _ = writeln!(s, "**Goal met:** {}\n", yes_no(sp.goal_met));
}

fn summary(s: &mut String, doc: &SprintReportDoc) {
    let p = &doc.points;
    let _ = writeln!(s, "## Summary\n");
    let _ = writeln!(s, "| Measure | Points |\n|---|---:|");
    let rows: [(&str, String); 8] = [
        ("Committed at the start", p.committed.to_string()),
        ("Added after the start", p.added.to_string()),
        ("Removed after the start", p.removed.to_string()),
        ("Re-estimated (sum of changes)", p.reestimated.to_string()),
        ("Final scope", p.final_scope.to_string()),
        ("Completed", p.completed.to_string()),
        ("Not completed", p.not_completed.to_string()),
        ("Committed and completed", p.committed_done.to_string()),
    ];
    for (name, value) in rows {
        let _ = writeln!(s, "| {name} | {value} |");
    }
    if let Some(c) = doc.sprint.capacity {
        let _ = writeln!(s, "| Capacity | {c} |");
    }
    let _ = writeln!(
        s,
        "\nCommitment reliability **{}** ({} of {} committed points done) · completion rate **{}** ({} of {} points) · scope change **{}** of the commitment.\n",
        percent(p.commitment_reliability),
        p.committed_done,
        p.committed,
        percent(p.completion_rate),
        p.completed,
        p.final_scope,
        percent(p.scope_change_ratio),
    );
}

fn burndown(s: &mut String, doc: &SprintReportDoc) {
    let _ = writeln!(s, "## Burndown\n");
    if doc.days.is_empty() {
        let _ = writeln!(s, "No burndown: the sprint has no start date.\n");
        return;
    }
    let top = doc
        .days
        .iter()
        .map(|d| d.scope.unwrap_or(0).max(d.remaining.unwrap_or(0)))
        .map(f64::from)
        .fold(doc.days[0].ideal, f64::max);
    let labels: Vec<String> = doc
        .days
        .iter()
        .map(|d| if d.day == 0 { "start".to_owned() } else { short_date(d.date) })
        .map(|l| format!("\"{}\"", mermaid_label(&l)))
        .collect();
    let remaining: Vec<String> = doc.days.iter().map_while(|d| d.remaining).map(|v| v.to_string()).collect();
    let ideal: Vec<String> = doc.days.iter().map(|d| decimal(d.ideal)).collect();
    let _ = writeln!(s, "```mermaid\nxychart-beta");
    let _ = writeln!(
        s,
        "    title \"{}\"",
        mermaid_label(&format!("{} {}: points remaining vs ideal", doc.sprint.id, doc.sprint.title))
    );
    let _ = writeln!(s, "    x-axis [{}]", labels.join(", "));
    let _ = writeln!(s, "    y-axis \"Points\" 0 --> {}", decimal(axis_max(top)));
    let _ = writeln!(s, "    line [{}]", remaining.join(", "));
    let _ = writeln!(s, "    line [{}]", ideal.join(", "));
    let _ = writeln!(s, "```\n");
    let _ = writeln!(
        s,
        "The first line is the work remaining at the end of each working day, the second the ideal line; work added after the start shows as a step up.\n"
    );
    let _ = writeln!(
        s,
        "| Day | Date | Remaining | Ideal | Completed | Scope | Scope change |\n|---:|---|---:|---:|---:|---:|---|"
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
            "| {} | {} | {} | {} | {} | {} | {} |",
            d.day,
            d.date,
            dash(d.remaining),
            decimal(d.ideal),
            dash(d.completed),
            dash(d.scope),
            change.join(", ")
        );
    }
    let _ = writeln!(s);
}

fn velocity(s: &mut String, doc: &SprintReportDoc) {
    let v = &doc.velocity;
    let _ = writeln!(s, "## Velocity\n");
    if v.sprints.is_empty() {
        let _ = writeln!(s, "No closed sprint yet, so no velocity.\n");
        return;
    }
    let top = v.sprints.iter().map(|x| x.completed.max(x.commitment)).max().unwrap_or(0);
    let ids: Vec<String> = v.sprints.iter().map(|x| format!("\"{}\"", mermaid_label(&x.id))).collect();
    let completed: Vec<String> = v.sprints.iter().map(|x| x.completed.to_string()).collect();
    let committed: Vec<String> = v.sprints.iter().map(|x| x.commitment.to_string()).collect();
    let _ = writeln!(s, "```mermaid\nxychart-beta");
    let _ = writeln!(s, "    title \"Velocity: completed points per sprint (bars), commitment (line)\"");
    let _ = writeln!(s, "    x-axis [{}]", ids.join(", "));
    let _ = writeln!(s, "    y-axis \"Points\" 0 --> {}", decimal(axis_max(f64::from(top))));
    let _ = writeln!(s, "    bar [{}]", completed.join(", "));
    let _ = writeln!(s, "    line [{}]", committed.join(", "));
    let _ = writeln!(s, "```\n");
    let _ = writeln!(
        s,
        "| Sprint | Start | Committed | Completed | Reliability | Completion |\n|---|---|---:|---:|---:|---:|"
    );
    for x in &v.sprints {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            escape(&x.id),
            x.start.map(|d| d.to_string()).unwrap_or_default(),
            x.commitment,
            x.completed,
            percent(x.commitment_reliability),
            percent(x.completion_rate)
        );
    }
    if let (Some(mean), Some(min), Some(max)) = (v.mean, v.min, v.max) {
        let _ = writeln!(
            s,
            "\nMean velocity of the last {}: **{mean:.1} points** (min {min}, max {max}).",
            v.window
        );
    }
    let _ = writeln!(s);
}

fn scope_changes(s: &mut String, doc: &SprintReportDoc) {
    let _ = writeln!(s, "## Scope changes\n");
    if doc.scope_changes.is_empty() {
        let _ = writeln!(s, "None: the sprint ended with the scope it started with.\n");
        return;
    }
    let _ = writeln!(s, "| Date | Story | Title | Change |\n|---|---|---|---|");
    for c in &doc.scope_changes {
        let change = match c.kind {
            ChangeKind::Added => format!("added, {}", super::points(c.to)),
            ChangeKind::Removed => format!("removed, {}", super::points(c.from)),
            ChangeKind::ReEstimated => format!("re-estimated {} → {}", c.from, c.to),
        };
        let _ = writeln!(s, "| {} | {} | {} | {change} |", c.date, escape(&c.id), escape(&c.title));
    }
    let _ = writeln!(s);
}

fn story_id(row: &StoryRow) -> String {
    let star = if row.added_after_start { "\\*" } else { "" };
    format!("{}{star}", escape(&row.id))
}

fn story_table(s: &mut String, heading: &str, rows: &[StoryRow], empty: &str, note: impl Fn(&StoryRow) -> String) {
    let points: u32 = rows.iter().map(|r| r.points).sum();
    let n = rows.len();
    let plural = if n == 1 { "story" } else { "stories" };
    let _ = writeln!(s, "### {heading} ({n} {plural}, {})\n", super::points(points));
    if rows.is_empty() {
        let _ = writeln!(s, "{empty}\n");
        return;
    }
    let _ = writeln!(s, "| Story | Title | Points | Status | Note |\n|---|---|---:|---|---|");
    for r in rows {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            story_id(r),
            escape(&r.title),
            estimate(r),
            escape(r.status.as_deref().unwrap_or("-")),
            note(r)
        );
    }
    let _ = writeln!(s);
}

fn stories(s: &mut String, doc: &SprintReportDoc) {
    let g = &doc.stories;
    let _ = writeln!(s, "## Stories\n");
    let _ = writeln!(s, "`*` added after the sprint started; `3 → 5` re-estimated during the sprint.\n");
    story_table(s, "Completed", &g.completed, "None.", |_| String::new());
    let open = if doc.sprint.closed { "Not completed" } else { "Not completed yet" };
    story_table(s, open, &g.not_completed, "None.", |r| {
        if !r.carried_over {
            String::new()
        } else if let Some(to) = &r.moved_to {
            format!("carried over to {}", escape(to))
        } else {
            "back to the backlog".to_owned()
        }
    });
    story_table(s, "Added after the start", &g.added_after_start, "None.", |r| {
        r.date.map(|d| format!("added {d}")).unwrap_or_default()
    });
    story_table(s, "Removed", &g.removed, "None.", |r| {
        let when = r.date.map(|d| format!("removed {d}")).unwrap_or_default();
        match &r.moved_to {
            Some(to) => format!("{when}, moved to {}", escape(to)),
            None => when,
        }
    });
}

fn meetings(s: &mut String, doc: &SprintReportDoc) {
    let _ = writeln!(s, "## Meetings\n");
    let _ = writeln!(s, "### Open action items ({})\n", doc.action_items.len());
    if doc.action_items.is_empty() {
        let _ = writeln!(s, "None: every action item from this sprint's meetings is done.\n");
    } else {
        let _ = writeln!(s, "| Owner | Action | Due | Meeting |\n|---|---|---|---|");
        for a in &doc.action_items {
            let owner = a
                .owner
                .as_deref()
                .map_or_else(|| "no owner".to_owned(), |o| format!("@{}", escape(o)));
            let due = match (&a.due, a.overdue) {
                (Some(d), true) => format!("{} **overdue**", escape(d)),
                (Some(d), false) => escape(d),
                (None, _) => "no due date".to_owned(),
            };
            let meeting = match a.meeting_date {
                Some(d) => format!("{d} {}", escape(&a.meeting_title)),
                None => escape(&a.meeting_title),
            };
            let _ = writeln!(s, "| {owner} | {} | {due} | {meeting} |", escape(&a.text));
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "### Decisions ({})\n", doc.decisions.len());
    if doc.decisions.is_empty() {
        let _ = writeln!(s, "None recorded.\n");
        return;
    }
    for d in &doc.decisions {
        let when = d.meeting_date.map(|d| format!("{d} ")).unwrap_or_default();
        let _ = writeln!(s, "- {} ({when}{})", escape(&d.text), escape(&d.meeting_title));
    }
    let _ = writeln!(s);
}

fn risks(s: &mut String, doc: &SprintReportDoc) {
    let _ = writeln!(s, "## Open risks (score {} or more)\n", super::sprint::RISK_SCORE_THRESHOLD);
    if doc.risks.is_empty() {
        let _ = writeln!(s, "None.");
        return;
    }
    risk_table(s, &doc.risks);
}

/// Open risks as a table: score, band, owner and mitigation.
fn risk_table(s: &mut String, risks: &[super::sprint::RiskRow]) {
    let _ = writeln!(
        s,
        "| Risk | Title | Likelihood × impact | Band | Owner | Mitigation |\n|---|---|---|---|---|---|"
    );
    for r in risks {
        let _ = writeln!(
            s,
            "| {} | {} | {} × {} = {} | {} | {} | {} |",
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
}

/// `as of …` line of a report about today's files: product and day.
fn facts_line(s: &mut String, product: &str, as_of: jiff::civil::Date) {
    let mut facts = Vec::new();
    if !product.is_empty() {
        facts.push(escape(product));
    }
    facts.push(format!("as of {as_of}"));
    let _ = writeln!(s, "{}\n", facts.join(" · "));
}

/// A meeting cell: `2026-10-02 Sprint review`.
fn meeting_cell(date: Option<jiff::civil::Date>, title: &str) -> String {
    match date {
        Some(d) => format!("{d} {}", escape(title)),
        None => escape(title),
    }
}

/// The action-items report as Markdown, ending with a newline.
#[must_use]
pub fn actions(doc: &ActionsReportDoc) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Action items\n");
    facts_line(&mut s, &super::with_owner(&doc.product, doc.owner.as_deref()), doc.as_of);
    let _ = writeln!(
        s,
        "**{}** open of {} ({} done) · **{}** overdue · {} need an owner or a due date.\n",
        doc.open,
        doc.total,
        doc.done,
        doc.overdue,
        doc.needs_owner_or_due.len()
    );
    let _ = writeln!(s, "## By owner\n");
    if doc.owners.is_empty() {
        let _ = writeln!(s, "None: no open action item has an owner and a due date.\n");
    }
    for g in &doc.owners {
        let n = g.items.len();
        let _ = writeln!(s, "### @{} ({n} open, {} overdue)\n", escape(&g.owner), g.overdue);
        let _ = writeln!(s, "| Action | Due | Overdue | Meeting |\n|---|---|---:|---|");
        for a in &g.items {
            let due = a.due.as_deref().map(escape).unwrap_or_default();
            let late = a
                .days_overdue
                .map_or_else(String::new, |d| format!("**{d} {}**", if d == 1 { "day" } else { "days" }));
            let _ = writeln!(
                s,
                "| {} | {due} | {late} | {} |",
                escape(&a.text),
                meeting_cell(a.meeting_date, &a.meeting_title)
            );
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "## Needs an owner/due date ({})\n", doc.needs_owner_or_due.len());
    if doc.needs_owner_or_due.is_empty() {
        let _ = writeln!(s, "None: every open action item has an owner and a due date.");
        return s;
    }
    let _ = writeln!(s, "| Action | Owner | Due | Meeting |\n|---|---|---|---|");
    for a in &doc.needs_owner_or_due {
        let owner = a
            .owner
            .as_deref()
            .map_or_else(|| "no owner".to_owned(), |o| format!("@{}", escape(o)));
        let due = a.due.as_deref().map_or_else(|| "no due date".to_owned(), escape);
        let _ = writeln!(
            s,
            "| {} | {owner} | {due} | {} |",
            escape(&a.text),
            meeting_cell(a.meeting_date, &a.meeting_title)
        );
    }
    s
}

/// The risk report as Markdown, ending with a newline.
#[must_use]
pub fn risk_register(doc: &RisksReportDoc) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Risks\n");
    facts_line(&mut s, &doc.product, doc.as_of);
    let others: Vec<String> = doc.not_open.iter().map(|c| format!("{} {}", c.count, escape(&c.status))).collect();
    let others = if others.is_empty() {
        String::new()
    } else {
        format!(" ({})", others.join(", "))
    };
    let _ = writeln!(s, "**{}** open of {} risks{others}.\n", doc.open, doc.total);
    let _ = writeln!(s, "## Likelihood × impact\n");
    let _ = writeln!(s, "| Impact ↓ · Likelihood → | 1 | 2 | 3 | 4 | 5 |\n|---:|---|---|---|---|---|");
    for row in &doc.matrix {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| {
                if c.risks.is_empty() {
                    format!("{} {}", c.score, c.band.as_str())
                } else {
                    let ids: Vec<String> = c.risks.iter().map(|r| escape(r)).collect();
                    format!("**{} {}: {}**", c.score, c.band.as_str(), ids.join(", "))
                }
            })
            .collect();
        let _ = writeln!(s, "| **{}** | {} |", row.impact, cells.join(" | "));
    }
    let _ = writeln!(
        s,
        "\nEach cell is its score (likelihood × impact) and band: low 1–4, medium 5–9, high 10–15, critical 16–25.\n"
    );
    let _ = writeln!(s, "## Open risks by score ({})\n", doc.risks.len());
    if doc.risks.is_empty() {
        let _ = writeln!(s, "None.");
    } else {
        risk_table(&mut s, &doc.risks);
    }
    if !doc.unscored.is_empty() {
        let ids: Vec<String> = doc.unscored.iter().map(|r| escape(r)).collect();
        let _ = writeln!(
            s,
            "\nOpen but without a likelihood or an impact, so not placed: {}.",
            ids.join(", ")
        );
    }
    s
}

/// The stakeholder report as Markdown, ending with a newline.
#[must_use]
pub fn stakeholders(doc: &StakeholdersReportDoc) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Stakeholders\n");
    facts_line(&mut s, &doc.product, doc.as_of);
    let _ = writeln!(s, "**{}** stakeholders · **{}** overdue for contact.\n", doc.total, doc.overdue);
    let _ = writeln!(s, "## Power/interest grid\n");
    let cell = |q: Quadrant| -> String {
        let Some(g) = doc.quadrants.iter().find(|g| g.quadrant == q) else {
            return String::new();
        };
        let names: Vec<String> = g
            .stakeholders
            .iter()
            .map(|r| format!("{}{}", escape(&r.name), if r.overdue { " (overdue)" } else { "" }))
            .collect();
        let names = if names.is_empty() { "nobody".to_owned() } else { names.join(", ") };
        format!("**{}** ({}): {names}", g.name, g.advice)
    };
    let _ = writeln!(s, "| Power ↓ · Interest → | Low interest | High interest |\n|---|---|---|");
    let _ = writeln!(
        s,
        "| **High power** | {} | {} |",
        cell(Quadrant::KeepSatisfied),
        cell(Quadrant::KeyPlayers)
    );
    let _ = writeln!(
        s,
        "| **Low power** | {} | {} |\n",
        cell(Quadrant::Monitor),
        cell(Quadrant::KeepInformed)
    );
    let _ = writeln!(s, "## Contact and requests\n");
    let _ = writeln!(
        s,
        "| Stakeholder | Quadrant | Cadence | Last contact | Contact | Asked for |\n|---|---|---|---|---|---|"
    );
    let rows = doc
        .quadrants
        .iter()
        .flat_map(|g| g.stakeholders.iter().map(move |r| (g.name, r)))
        .chain(doc.unclassified.iter().map(|r| ("unclassified", r)));
    for (quadrant, r) in rows {
        let who = match &r.role {
            Some(role) => format!("{} (@{}, {})", escape(&r.name), escape(&r.id), escape(role)),
            None => format!("{} (@{})", escape(&r.name), escape(&r.id)),
        };
        let cadence = r.cadence_days.map_or_else(|| "-".to_owned(), |c| format!("every {c} days"));
        let last = match (r.last_contact, &r.last_meeting, r.days_since_contact) {
            (Some(d), Some(m), Some(n)) => format!("{d} {} ({})", escape(m), days_ago(n)),
            _ => "never".to_owned(),
        };
        let state = if r.overdue {
            "**overdue**"
        } else if r.cadence_days.is_some() {
            "on time"
        } else {
            "-"
        };
        let stories: Vec<String> = r.stories.iter().map(|x| escape(&x.id)).collect();
        let _ = writeln!(s, "| {who} | {quadrant} | {cadence} | {last} | {state} | {} |", stories.join(", "));
    }
    s
}

/// `E-1 Checkout (62%)`, escaped.
fn epic_line(e: &EpicRow) -> String {
    format!("{} {} ({})", escape(&e.id), escape(&e.title), percent(e.progress))
}

/// The roadmap report as Markdown, ending with a newline.
#[must_use]
pub fn roadmap(doc: &RoadmapReportDoc) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Roadmap\n");
    facts_line(&mut s, &doc.product, doc.as_of);
    let _ = writeln!(s, "## Now, Next, Later\n");
    let names: Vec<&str> = doc.horizons.iter().map(|h| h.name).collect();
    let _ = writeln!(s, "| {} |\n|{}", names.join(" | "), "---|".repeat(names.len()));
    let depth = doc.horizons.iter().map(|h| h.epics.len()).max().unwrap_or(0).max(1);
    for i in 0..depth {
        let cells: Vec<String> = doc
            .horizons
            .iter()
            .map(|h| h.epics.get(i).map(epic_line).unwrap_or_default())
            .collect();
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    let _ = writeln!(
        s,
        "\nNo dates here: certainty falls from Now to Later. The percentage is the done share of each epic's story points.\n"
    );
    if !doc.unplanned.is_empty() {
        let list: Vec<String> = doc.unplanned.iter().map(epic_line).collect();
        let _ = writeln!(s, "Not on a horizon: {}.\n", list.join(", "));
    }
    let _ = writeln!(s, "## Timeline\n");
    if doc.timeline.is_empty() {
        let _ = writeln!(s, "No epic has a target date.");
        return s;
    }
    let _ = writeln!(s, "```mermaid\ngantt\n    title Epic target dates\n    dateFormat YYYY-MM-DD");
    let sections = doc
        .horizons
        .iter()
        .map(|h| (h.name, h.horizon))
        .chain(std::iter::once(("Not on a horizon", "")));
    let mut n = 0;
    for (name, h) in sections {
        let tasks: Vec<&EpicRow> = doc
            .timeline
            .iter()
            .filter(|e| {
                let eh = e.horizon.as_deref().map(|x| x.trim().to_ascii_lowercase()).unwrap_or_default();
                if h.is_empty() {
                    !doc.horizons.iter().any(|g| g.horizon == eh)
                } else {
                    eh == h
                }
            })
            .collect();
        if tasks.is_empty() {
            continue;
        }
        let _ = writeln!(s, "    section {name}");
        for e in tasks {
            let Some(target) = e.target else { continue };
            n += 1;
            let done = e.progress.is_some_and(|p| p >= 1.0);
            let tag = if done {
                "done, "
            } else if target < doc.as_of {
                "crit, "
            } else {
                ""
            };
            let label = gantt_label(&format!("{} {} {}", e.id, e.title, percent(e.progress)));
            match e.created.filter(|c| *c < target) {
                Some(start) => {
                    let _ = writeln!(s, "    {label} :{tag}t{n}, {start}, {target}");
                }
                None => {
                    let _ = writeln!(s, "    {label} :{tag}milestone, t{n}, {target}, 0d");
                }
            }
        }
    }
    let _ = writeln!(s, "```\n");
    let _ = writeln!(
        s,
        "| Target | Epic | Title | Horizon | Status | Progress | Points done | Stories done |\n|---|---|---|---|---|---:|---:|---:|"
    );
    for e in &doc.timeline {
        let target = e.target.map(|d| d.to_string()).unwrap_or_default();
        let _ = writeln!(
            s,
            "| {target} | {} | {} | {} | {} | {} | {} of {} | {} of {} |",
            escape(&e.id),
            escape(&e.title),
            escape(e.horizon.as_deref().unwrap_or("-")),
            escape(e.status.as_deref().unwrap_or("-")),
            percent(e.progress),
            e.points_done,
            e.points,
            e.stories_done,
            e.stories
        );
    }
    s
}

/// The backlog report as Markdown, ending with a newline.
#[must_use]
pub fn backlog(doc: &BacklogReportDoc) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Backlog\n");
    facts_line(&mut s, &super::with_owner(&doc.product, doc.owner.as_deref()), doc.as_of);
    let ready = doc.order.iter().filter(|r| r.ready).count();
    let _ = writeln!(
        s,
        "**{}** stories ordered by {} · **{ready}** ready · {} missing inputs.\n",
        doc.order.len(),
        doc.method.as_str(),
        doc.missing.len()
    );
    if doc.order.is_empty() {
        let _ = writeln!(s, "No story to order.\n");
    } else {
        let _ = writeln!(
            s,
            "| # | Story | Title | Status | Points | Score | Readiness |\n|---:|---|---|---|---:|---:|---|"
        );
        for r in &doc.order {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} |",
                r.position,
                escape(&r.id),
                escape(&r.title),
                escape(r.status.as_deref().unwrap_or("-")),
                r.points.map_or_else(|| "-".to_owned(), |p| p.to_string()),
                escape(&score(r)),
                readiness(r)
            );
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "## Missing inputs ({})\n", doc.missing.len());
    if doc.missing.is_empty() {
        let _ = writeln!(s, "None: every story has what {} needs.", doc.method.as_str());
        return s;
    }
    let _ = writeln!(s, "| Story | Title | Missing |\n|---|---|---|");
    for m in &doc.missing {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            escape(&m.id),
            escape(&m.title),
            escape(&m.missing.join(", "))
        );
    }
    s
}

/// The epics report as Markdown, ending with a newline.
#[must_use]
pub fn epics(doc: &EpicsReportDoc) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Epics\n");
    facts_line(&mut s, &super::with_owner(&doc.product, doc.owner.as_deref()), doc.as_of);
    match (doc.velocity, doc.last_sprint_end) {
        (Some(v), Some(end)) => {
            let _ = writeln!(
                s,
                "Velocity **{}** points a sprint (mean of the last 3 closed sprints); forecasts count {}-day sprints from {end}, the end of the last closed sprint.\n",
                decimal(v),
                doc.sprint_length_days
            );
        }
        _ => {
            let _ = writeln!(s, "No velocity yet: no sprint has closed, so there is no forecast.\n");
        }
    }
    if doc.epics.is_empty() {
        let _ = writeln!(s, "No epics.");
        return s;
    }
    let _ = writeln!(
        s,
        "| Epic | Title | Status | Stories done | Points done | Progress | Remaining | Forecast |\n|---|---|---|---:|---:|---:|---:|---|"
    );
    for e in &doc.epics {
        let r = &e.epic;
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} of {} | {} of {} | {} | {} | {} |",
            escape(&r.id),
            escape(&r.title),
            escape(r.status.as_deref().unwrap_or("-")),
            r.stories_done,
            r.stories,
            r.points_done,
            r.points,
            percent(r.progress),
            e.remaining_points,
            e.forecast_text()
        );
    }
    s
}

/// The portfolio report as Markdown, ending with a newline.
#[must_use]
pub fn portfolio(doc: &super::portfolio::PortfolioReportDoc) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Portfolio\n");
    let mut facts = vec![format!("as of {}", doc.as_of)];
    if let Some(owner) = &doc.owner {
        facts.push(format!("owner {}", escape(owner)));
    }
    let _ = writeln!(s, "{}\n", facts.join(" · "));
    let t = &doc.totals;
    let _ = writeln!(
        s,
        "| Products | Epics | Stories done | Points done | Progress | Velocity | High risks | All done by |\n|---:|---:|---:|---:|---:|---:|---:|---|"
    );
    let _ = writeln!(
        s,
        "| {} | {} | {} of {} | {} of {} | {} | {} | {} | {} |\n",
        t.products,
        t.epics,
        t.stories_done,
        t.stories,
        t.points_done,
        t.points,
        percent(t.progress),
        t.velocity.map_or_else(|| "-".to_owned(), decimal),
        t.high_risks,
        t.last_forecast.map_or_else(|| "-".to_owned(), |d| d.to_string())
    );
    if doc.products.is_empty() {
        let _ = writeln!(s, "No product has epics or risks of this owner.");
        return s;
    }
    for p in &doc.products {
        let _ = writeln!(s, "## {}\n", escape(&p.name));
        let sprints: Vec<String> = p
            .last_sprints
            .iter()
            .map(|v| format!("{} {}", escape(&v.id), v.completed))
            .collect();
        match (&p.history_note, p.velocity) {
            (Some(note), _) => {
                let _ = writeln!(s, "No velocity: {}\n", escape(note));
            }
            (None, Some(v)) => {
                let _ = writeln!(
                    s,
                    "Velocity **{}** points a sprint (last sprints: {}).\n",
                    decimal(v),
                    sprints.join(", ")
                );
            }
            (None, None) => {
                let _ = writeln!(s, "No velocity yet: no sprint has closed.\n");
            }
        }
        if p.epics.is_empty() {
            let _ = writeln!(s, "No epics.\n");
        } else {
            let _ = writeln!(
                s,
                "| Epic | Title | Owner | Stories done | Points done | Progress | Forecast |\n|---|---|---|---:|---:|---:|---|"
            );
            for e in &p.epics {
                let r = &e.epic;
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} of {} | {} of {} | {} | {} |",
                    escape(&r.id),
                    escape(&r.title),
                    escape(r.owner.as_deref().unwrap_or("-")),
                    r.stories_done,
                    r.stories,
                    r.points_done,
                    r.points,
                    percent(r.progress),
                    e.forecast_text()
                );
            }
            let _ = writeln!(s);
        }
        if p.risks.is_empty() {
            let whose = doc.owner.as_deref().map(|o| format!(" of {}", escape(o))).unwrap_or_default();
            let _ = writeln!(s, "No open risk{whose} scores {} or more.\n", super::portfolio::HIGH_RISK_SCORE);
        } else {
            let _ = writeln!(s, "| Risk | Title | Score | Owner | Mitigation |\n|---|---|---:|---|---|");
            for r in &p.risks {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} {} | {} | {} |",
                    escape(&r.id),
                    escape(&r.title),
                    r.score,
                    r.band.as_str(),
                    escape(r.owner.as_deref().unwrap_or("-")),
                    escape(r.mitigation.as_deref().unwrap_or("-"))
                );
            }
            let _ = writeln!(s);
        }
    }
    s
}
