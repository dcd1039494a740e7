//! `pobox history` and `pobox metrics`: what git's history says about items and the flow.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use pobox::history::sprints;
use pobox::history::summary::Summary;
use pobox::history::{Entry, Event, History, HistoryError};
use pobox::render::Table;
use pobox::text::json::{VERSION, to_json_string};
use pobox::text::number::percent;
use pobox::workspace::Workspace;

use super::args::{Cli, HistoryFormat, MetricsArgs};
use super::{OK, Out};

/// Read the history of the workspace's backlog, with a progress line on a terminal when
/// the walk takes longer than a second.
pub(super) fn read_history(cli: &Cli, out: &mut Out) -> Result<History> {
    let (root, config) = super::config(cli, out)?;
    let ws = Workspace::empty(root, config);
    let repo = pobox::git::Repo::discover(&ws.root).ok_or_else(|| HistoryError::NotGit(ws.root.clone()))?;
    let mut bar = ProgressLine::new();
    bar.enabled &= !out.is_quiet();
    let started = std::time::Instant::now();
    let history = History::read_with_progress(&ws, &repo, |done, total| bar.update(done, total));
    bar.finish();
    let history = history?;
    out.verbose(1, || format!("read the git history in {} ms", started.elapsed().as_millis()));
    if history.commits.is_empty() {
        bail!(
            "{} is in a git repository with no commits yet, so it has no history\nhelp: commit the backlog first: `git add -A && git commit -m \"Backlog\"`",
            ws.root.display()
        );
    }
    Ok(history)
}

/// A progress bar on stderr (indicatif): only on a terminal, and only once a scan has run
/// for a second, so short scans stay silent. `POBOX_PROGRESS_AFTER_MS` changes that second
/// (tests set it to 0 to see the bar on a pseudo-terminal).
struct ProgressLine {
    started: Instant,
    after: Duration,
    bar: Option<ProgressBar>,
    enabled: bool,
}

impl ProgressLine {
    fn new() -> Self {
        let after = std::env::var("POBOX_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(Duration::from_secs(1), Duration::from_millis);
        ProgressLine {
            started: Instant::now(),
            after,
            bar: None,
            enabled: std::io::stderr().is_terminal(),
        }
    }

    fn update(&mut self, done: usize, total: usize) {
        if !self.enabled || self.started.elapsed() < self.after {
            return;
        }
        let bar = self.bar.get_or_insert_with(|| {
            let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("reading history [{bar:30}] {pos}/{len} commits ({eta} left)") {
                bar.set_style(style.progress_chars("#>-"));
            }
            bar
        });
        bar.set_position(done as u64);
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// `pobox history ID`.
pub fn timeline(cli: &Cli, id: &str, format: HistoryFormat, out: &mut Out) -> Result<u8> {
    let history = read_history(cli, out)?;
    let Some(t) = history.timeline(id) else {
        bail!(
            "{id} has no history: no commit has a backlog file with this id\nhelp: commit the item's file first, or check the id with `pobox show {id}`"
        )
    };
    match format {
        HistoryFormat::Json => {
            let doc = serde_json::json!({
                "version": VERSION,
                "id": t.id,
                "kind": t.kind,
                "title": t.title,
                "deleted": t.is_deleted(),
                "entries": t.entries,
            });
            writeln!(out.data(), "{}", to_json_string(&doc))?;
        }
        HistoryFormat::Table => {
            let mut table = Table::new(["DATE", "AUTHOR", "STATUS", "PTS", "SPRINT", "CHANGE"]).flexible(5);
            for e in &t.entries {
                table.push_row([
                    e.date.to_string(),
                    e.author.clone(),
                    dash(e.state.status.as_deref()),
                    dash(e.state.points.map(|p| p.to_string()).as_deref()),
                    dash(e.state.sprint.as_deref()),
                    describe(e),
                ]);
            }
            let mut w = out.data();
            let deleted = if t.is_deleted() { " (deleted)" } else { "" };
            writeln!(w, "{} {}{deleted}", t.id, pobox::text::control::escape(&t.title))?;
            writeln!(w)?;
            w.write_all(table.render(out.width()).as_bytes())?;
        }
    }
    Ok(OK)
}

fn dash(v: Option<&str>) -> String {
    v.unwrap_or("-").to_owned()
}

/// What an entry changed, in words: `status ready → in-progress, points 3 → 5`.
fn describe(e: &Entry) -> String {
    match e.event {
        Event::Added => format!("added as {}", e.path),
        Event::Deleted => format!("deleted {}", e.path),
        Event::Changed => e
            .changes
            .iter()
            .map(|c| {
                let v = |x: &Option<String>| x.clone().unwrap_or_else(|| "-".to_owned());
                let field = if c.field == "path" { "moved" } else { c.field };
                format!("{field} {} → {}", v(&c.from), v(&c.to))
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// `pobox metrics`.
pub fn metrics(cli: &Cli, args: &MetricsArgs, out: &mut Out) -> Result<u8> {
    let history = read_history(cli, out)?;
    let Some(report) = Summary::of(&history, pobox::clock::today(), args.since) else {
        bail!("the repository has no commits yet, so there is no history to measure\nhelp: commit the backlog first")
    };
    let (first, last) = (&history.commits[0], &history.commits[history.commits.len() - 1]);
    match args.format {
        HistoryFormat::Json => {
            let total: u32 = report.weeks.iter().map(|w| w.count).sum();
            let finished: Vec<_> = report
                .finished
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "id": f.id, "requested": f.requested, "started": f.started, "done": f.done,
                        "cycle_time_days": f.cycle_time(), "lead_time_days": f.lead_time(),
                    })
                })
                .collect();
            let doc = serde_json::json!({
                "version": VERSION,
                "as_of": report.as_of,
                "since": report.since,
                "commits": history.commits.len(),
                "first_commit": first.date,
                "last_commit": last.date,
                "velocity": report.velocity,
                "throughput": { "per_week": report.weeks, "total": total },
                "cycle_time_days": report.cycle,
                "lead_time_days": report.lead,
                "finished": finished,
                "wip": { "count": report.wip.len(), "items": report.wip, "per_day": report.wip_per_day },
                "cumulative_flow": report.flow,
            });
            writeln!(out.data(), "{}", to_json_string(&doc))?;
        }
        HistoryFormat::Table => {
            let text = metrics_table(&history, &report, out.width());
            out.data().write_all(text.as_bytes())?;
        }
    }
    Ok(OK)
}

fn days(p: Option<i64>) -> String {
    p.map_or_else(|| "-".to_owned(), |d| d.to_string())
}

fn metrics_table(history: &History, r: &Summary, width: Option<usize>) -> String {
    let mut s = String::new();
    let (first, last) = (&history.commits[0], &history.commits[history.commits.len() - 1]);
    let since = r.since.map(|d| format!(", counting from {d}")).unwrap_or_default();
    let _ = writeln!(
        s,
        "{} commits from {} to {}{since}; dates are commit dates in UTC.\n",
        history.commits.len(),
        first.date,
        last.date
    );

    let _ = writeln!(s, "Velocity (closed sprints)");
    if r.velocity.sprints.is_empty() {
        let _ = writeln!(s, "No closed sprint yet.");
    } else {
        let mut t = Table::new(["SPRINT", "START", "COMMITTED", "COMPLETED", "RELIABILITY", "COMPLETION"]);
        for v in &r.velocity.sprints {
            t.push_row([
                v.id.clone(),
                v.start.map(|d| d.to_string()).unwrap_or_default(),
                v.commitment.to_string(),
                v.completed.to_string(),
                percent(v.commitment_reliability),
                percent(v.completion_rate),
            ]);
        }
        s.push_str(&t.render(width));
        if let (Some(mean), Some(min), Some(max)) = (r.velocity.mean_last_3, r.velocity.min_last_3, r.velocity.max_last_3) {
            let n = r.velocity.sprints.len().min(sprints::VELOCITY_WINDOW);
            let _ = writeln!(s, "Mean velocity of the last {n}: {mean:.1} points (min {min}, max {max})");
        }
    }

    let total: u32 = r.weeks.iter().map(|w| w.count).sum();
    let _ = writeln!(s, "\nThroughput (stories finished per week)");
    let mut t = Table::new(["WEEK OF", "DONE"]);
    for w in &r.weeks {
        t.push_row([w.week_start.to_string(), w.count.to_string()]);
    }
    s.push_str(&t.render(width));
    let _ = writeln!(s, "Total: {total} in {} weeks", r.weeks.len());

    let _ = writeln!(s);
    for (name, p) in [("Cycle time", r.cycle), ("Lead time", r.lead)] {
        let _ = writeln!(
            s,
            "{name} (calendar days, {} stories): P50 {}, P85 {}, P95 {}",
            p.count,
            days(p.p50),
            days(p.p85),
            days(p.p95)
        );
    }

    let _ = writeln!(s, "\nCumulative flow (stories per status at each week's end)");
    s.push_str(&flow_table(r, width));

    let _ = writeln!(s, "\nWork in progress on {}: {}", r.as_of, r.wip.len());
    if !r.wip.is_empty() {
        let mut t = Table::new(["ID", "STATUS", "STARTED", "AGE (DAYS)"]);
        for a in &r.wip {
            t.push_row([a.id.clone(), a.status.clone(), a.started.to_string(), a.age_days.to_string()]);
        }
        s.push_str(&t.render(width));
    }
    s
}

/// The cumulative flow at the end of each week of the throughput table (the last day for
/// the current week), one column per status that any story had in the period.
fn flow_table(r: &Summary, width: Option<usize>) -> String {
    // Workflow statuses come first on every day, others after: first seen is workflow order.
    let mut statuses: Vec<&str> = Vec::new();
    for c in r.flow.iter().flat_map(|d| &d.counts) {
        if !statuses.contains(&c.status.as_str()) {
            statuses.push(&c.status);
        }
    }
    statuses.retain(|s| r.flow.iter().flat_map(|d| &d.counts).any(|c| c.status == *s && c.count > 0));
    let mut header = vec!["WEEK OF".to_owned()];
    header.extend(statuses.iter().map(|s| s.to_uppercase()));
    let mut t = Table::new(header);
    for w in &r.weeks {
        let Some(day) = r
            .flow
            .iter()
            .rev()
            .find(|d| d.date >= w.week_start && (d.date - w.week_start).get_days() < 7)
        else {
            continue;
        };
        let count = |s: &str| day.counts.iter().find(|c| c.status == s).map_or(0, |c| c.count);
        let mut row = vec![w.week_start.to_string()];
        row.extend(statuses.iter().map(|s| count(s).to_string()));
        t.push_row(row);
    }
    t.render(width)
}
