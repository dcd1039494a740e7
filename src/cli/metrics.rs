//! `pobox metrics`: flow and sprint metrics from git history (velocity, throughput, cycle
//! and lead time, work in progress, cumulative flow), as [`Summary`] measures them.
//!
//! History skips a version of a file that cannot be read, so what a story or sprint file
//! pobox cannot read says now is in none of these numbers: the output names such files
//! (domain §8).

use std::fmt::Write as _;
use std::io::Write;

use clap::{Args, ValueEnum};

use pobox::history::History;
use pobox::history::metrics::{FlowItem, LeftOut};
use pobox::history::sprints;
use pobox::history::summary::{self, Summary};
use pobox::model::Kind;
use pobox::render::Table;
use pobox::render::unreadable::paragraph;
use pobox::text::json::{VERSION, to_json_string};
use pobox::text::number::percent;
use pobox::workspace::{LoadOptions, UnreadableFile};

use super::error::{CommandError, CommandResult};
use super::exit::OK;
use super::output::Out;
use super::session::Session;

/// `metrics` options.
#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// Count only stories finished, and sprints started, on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = pobox::model::fields::parse_date)]
    pub since: Option<jiff::civil::Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MetricsFormat::Table)]
    pub format: MetricsFormat,
}

/// Formats of `metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricsFormat {
    /// Aligned columns.
    Table,
    /// One versioned JSON document.
    Json,
}

/// `pobox metrics`.
pub fn run(session: &Session, args: &MetricsArgs, out: &mut Out) -> CommandResult<u8> {
    let history = session.history(out)?;
    let unreadable = session
        .load(LoadOptions::without_bodies(), out)?
        .unreadable(&[Kind::Story, Kind::Sprint]);
    let Some(report) = Summary::of(&history, pobox::clock::today(), args.since) else {
        return Err(
            CommandError::msg("the repository has no commits yet, so there is no history to measure").hint("commit the backlog first"),
        );
    };
    let (first, last) = (&history.commits[0], &history.commits[history.commits.len() - 1]);
    match args.format {
        MetricsFormat::Json => {
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
            let mut doc = serde_json::json!({
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
                "left_out": left_out_json(
                    &report.left_out_counts(),
                    left_out_items(&report.left_out)
                        .chain(report.velocity.left_out.iter().map(|id| serde_json::json!({
                            "id": id, "reason": LeftOut::FirstSeenClosed,
                        })))
                        .collect(),
                ),
                "wip": { "count": report.wip.len(), "items": report.wip, "per_day": report.wip_per_day },
                "cumulative_flow": report.flow,
            });
            if report.series_from > report.from {
                doc["series_from"] = serde_json::to_value(report.series_from)?;
            }
            if !unreadable.is_empty() {
                doc["unreadable"] = serde_json::to_value(&unreadable)?;
            }
            writeln!(out.data(), "{}", to_json_string(&doc))?;
        }
        MetricsFormat::Table => {
            let text = metrics_table(&history, &report, out.width(), &unreadable);
            out.data().write_all(text.as_bytes())?;
        }
    }
    Ok(OK)
}

/// The items some numbers leave out, as JSON: how many, by reason, and each one
/// (`items`, from [`left_out_items`] and any others). `forecast` says it the same way.
pub(super) fn left_out_json(counts: &[(LeftOut, usize)], items: Vec<serde_json::Value>) -> serde_json::Value {
    serde_json::json!({
        "count": counts.iter().map(|(_, n)| n).sum::<usize>(),
        "by_reason": counts.iter().map(|(why, n)| serde_json::json!({
            "reason": why, "text": why.reason(), "left_out_of": why.numbers(), "count": n,
        })).collect::<Vec<_>>(),
        "items": items,
    })
}

/// Stories left out, each as JSON: its id, first commit and reason.
pub(super) fn left_out_items(stories: &[FlowItem]) -> impl Iterator<Item = serde_json::Value> + '_ {
    stories
        .iter()
        .map(|f| serde_json::json!({ "id": f.id, "first_seen": f.first_seen, "reason": f.left_out }))
}

/// One line per reason items are left out: "40 items left out: first seen already done
/// (imported) (not in throughput, cycle time and lead time)".
pub(super) fn left_out_lines(counts: &[(LeftOut, usize)]) -> String {
    let mut s = String::new();
    for (why, n) in counts {
        let items = if *n == 1 { "item" } else { "items" };
        let _ = writeln!(s, "{n} {items} left out: {} (not in {})", why.reason(), why.numbers());
    }
    s
}

fn days(p: Option<i64>) -> String {
    p.map_or_else(|| "-".to_owned(), |d| d.to_string())
}

fn metrics_table(history: &History, r: &Summary, width: Option<usize>, unreadable: &[UnreadableFile]) -> String {
    let mut s = String::new();
    let (first, last) = (&history.commits[0], &history.commits[history.commits.len() - 1]);
    let since = r.since.map(|d| format!(", counting from {d}")).unwrap_or_default();
    let _ = writeln!(
        s,
        "{} commits from {} to {}{since}; dates are commit dates in UTC.",
        history.commits.len(),
        first.date,
        last.date
    );
    if r.series_from > r.from {
        let _ = writeln!(
            s,
            "Throughput, work in progress and cumulative flow cover the last {} days, from {}: the commits' dates span more than that.",
            summary::MAX_SERIES_DAYS,
            r.series_from
        );
    }
    s.push_str(&paragraph(unreadable));
    s.push('\n');

    let _ = writeln!(s, "Velocity (closed sprints)");
    if r.velocity.sprints.is_empty() && !r.velocity.left_out.is_empty() {
        let _ = writeln!(
            s,
            "No closed sprint counted: {} left out (see below).",
            r.velocity.left_out.join(", ")
        );
    } else if r.velocity.sprints.is_empty() {
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
    s.push_str(&left_out_lines(&r.left_out_counts()));

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
            let unknown = || "-".to_owned();
            t.push_row([
                a.id.clone(),
                a.status.clone(),
                a.started.map_or_else(unknown, |d| d.to_string()),
                a.age_days.map_or_else(unknown, |d| d.to_string()),
            ]);
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
