//! Flow metrics of stories (domain reference §3, "Flow"): lead time, cycle time, work item
//! age, WIP and throughput, in calendar days of the commits' UTC dates, plus the
//! nearest-rank percentiles reports quote them with.

use jiff::civil::Date;
use serde::Serialize;

use super::{History, State, Timeline};
use crate::config::Config;
use crate::model::Kind;

/// Whether a status means work has started: in progress or done (domain §8; cycle time
/// starts at the first such status).
#[must_use]
pub fn is_started(config: &Config, status: &str) -> bool {
    config.workflow.is_started(status)
}

/// Whether a state is work in progress: in progress, not done and not dropped.
#[must_use]
pub fn is_wip(config: &Config, state: &State) -> bool {
    state.status.as_deref().is_some_and(|s| config.workflow.is_in_progress(s))
}

/// Why an item is not counted in some numbers (domain reference §8): history does not say
/// when a story finished, or when it started, or what a sprint did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeftOut {
    /// Its first commit has it already done (an import, a bulk add): it finished before it
    /// came into git, on a day history does not know. Left out of throughput, cycle time
    /// and lead time.
    FirstSeenDone,
    /// Its first commit has it already started (in progress) or dropped: when it started
    /// is unknown. Left out of cycle time and, while in progress, of work item age (counted
    /// from the first commit, its age would be the history's): its finish, in git, is known.
    StartUnknown,
    /// A sprint whose first commit has it already closed (an import): its stories were done
    /// before history starts, so neither its commitment nor what it completed is known.
    /// Left out of velocity.
    FirstSeenClosed,
}

impl LeftOut {
    /// Why, as the reports say it.
    #[must_use]
    pub fn reason(self) -> &'static str {
        match self {
            LeftOut::FirstSeenDone => "first seen already done (imported)",
            LeftOut::StartUnknown => "first seen already started (start unknown)",
            LeftOut::FirstSeenClosed => "sprint first seen already closed (imported)",
        }
    }

    /// The numbers it is left out of.
    #[must_use]
    pub fn numbers(self) -> &'static str {
        match self {
            LeftOut::FirstSeenDone => "throughput, cycle time and lead time",
            LeftOut::StartUnknown => "cycle time and work item age",
            LeftOut::FirstSeenClosed => "velocity",
        }
    }
}

/// One story's flow dates, from its timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowItem {
    /// The story's id.
    pub id: String,
    /// When it was requested: the earlier of its `created` date and the date of the first
    /// commit that has it (an item can be older than the repository, never younger than its
    /// first commit).
    pub requested: Date,
    /// The date of the first commit where its status was started ([`is_started`]).
    pub started: Option<Date>,
    /// The date of the first commit where its status was done.
    pub done: Option<Date>,
    /// Its status at the newest commit (`None` when deleted or never set).
    pub status: Option<String>,
    /// The date of the first commit that has it.
    pub first_seen: Date,
    /// Why it is not counted in throughput, cycle time and lead time, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_out: Option<LeftOut>,
}

impl FlowItem {
    /// Lead time = first done − requested, in calendar days (domain §3 [34][35]).
    #[must_use]
    pub fn lead_time(&self) -> Option<i64> {
        self.finished().map(|d| days(self.requested, d))
    }

    /// The day it counts as finished in throughput: its first done, unless it was first
    /// seen already done ([`LeftOut::FirstSeenDone`]).
    #[must_use]
    pub fn finished(&self) -> Option<Date> {
        self.done.filter(|_| self.left_out != Some(LeftOut::FirstSeenDone))
    }

    /// Cycle time = first done − first started, in calendar days (domain §3, Kanban Guide).
    /// A story that went straight to done started and finished the same day: 0.
    #[must_use]
    pub fn cycle_time(&self) -> Option<i64> {
        if self.left_out.is_some() {
            return None;
        }
        let done = self.done?;
        Some(days(self.started.unwrap_or(done), done))
    }
}

/// How many items are left out for each reason, in the order of [`LeftOut`]: what every
/// view of the numbers says beside them.
#[must_use]
pub fn count_by_reason(reasons: impl IntoIterator<Item = LeftOut>) -> Vec<(LeftOut, usize)> {
    let mut counts: std::collections::BTreeMap<LeftOut, usize> = std::collections::BTreeMap::new();
    for why in reasons {
        *counts.entry(why).or_default() += 1;
    }
    counts.into_iter().collect()
}

/// The stories first seen already done on a day from `from` to `to` (inclusive): what a
/// throughput over those days leaves out ([`LeftOut::FirstSeenDone`]), so that a view of it
/// can say how many.
#[must_use]
pub fn first_seen_done_between(history: &History, from: Date, to: Date) -> Vec<FlowItem> {
    flow_items(history)
        .into_iter()
        .filter(|f| f.left_out == Some(LeftOut::FirstSeenDone) && (from..=to).contains(&f.first_seen))
        .collect()
}

/// Calendar days from `a` to `b` (no inclusive +1: domain §3 marks that as optional).
fn days(a: Date, b: Date) -> i64 {
    (b - a).get_days().into()
}

/// The flow dates of every story the history has seen, in the order they appeared.
#[must_use]
pub fn flow_items(history: &History) -> Vec<FlowItem> {
    history.of_kind(Kind::Story).filter_map(|t| flow_item(&history.config, t)).collect()
}

fn flow_item(config: &Config, t: &Timeline) -> Option<FlowItem> {
    let first = t.entries.first()?;
    let requested = t.created.map_or(first.date, |c| c.min(first.date));
    let status_date = |pred: &dyn Fn(&str) -> bool| {
        t.entries
            .iter()
            .find(|e| e.state.status.as_deref().is_some_and(pred))
            .map(|e| e.date)
    };
    let started = status_date(&|s| is_started(config, s));
    let done = status_date(&|s| config.workflow.is_done(s));
    let status = t.entries.last().filter(|_| !t.is_deleted()).and_then(|e| e.state.status.clone());
    let first_status = first.state.status.as_deref().unwrap_or("");
    let left_out = if config.workflow.is_done(first_status) {
        Some(LeftOut::FirstSeenDone)
    } else if is_started(config, first_status) || config.workflow.is_dropped(first_status) {
        Some(LeftOut::StartUnknown)
    } else {
        None
    };
    Some(FlowItem {
        id: t.id.clone(),
        requested,
        started,
        done,
        status,
        first_seen: first.date,
        left_out,
    })
}

/// A story in progress and how long it has been.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aging {
    /// The story's id.
    pub id: String,
    /// Its status at that day's end.
    pub status: String,
    /// The date it first started; `None` when history does not know (it was first seen
    /// already started: [`LeftOut`]), rather than the day it came into git.
    pub started: Option<Date>,
    /// Work item age = `day` − started, in calendar days (domain §3: WIP only); `None` when
    /// `started` is.
    pub age_days: Option<i64>,
}

/// Work in progress at the end of `day` (see the module's notes on days), oldest first,
/// with each story's work item age on `day`; stories whose start history does not know
/// (first seen already started, [`LeftOut`]) last, without an age.
#[must_use]
pub fn wip_on(history: &History, day: Date) -> Vec<Aging> {
    let point = history.end_of_day(day);
    let mut out: Vec<Aging> = history
        .of_kind(Kind::Story)
        .filter_map(|t| {
            let state = t.state_at(point)?;
            if !is_wip(&history.config, state) {
                return None;
            }
            let flow = flow_item(&history.config, t)?;
            // First seen started (or done, then reopened): the first commit is not its start.
            let started = flow.started.filter(|_| flow.left_out.is_none());
            Some(Aging {
                id: t.id.clone(),
                status: state.status.clone()?,
                started,
                age_days: started.map(|s| days(s, day)),
            })
        })
        .collect();
    // Oldest first; `None` sorts before every age, so unknown ages come last.
    out.sort_by(|a, b| b.age_days.cmp(&a.age_days).then_with(|| a.id.cmp(&b.id)));
    out
}

/// A count on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayCount {
    /// The day.
    pub date: Date,
    /// How many.
    pub count: u32,
}

/// WIP per day from `from` to `to` (inclusive): stories in progress at each day's end.
#[must_use]
pub fn wip_per_day(history: &History, from: Date, to: Date) -> Vec<DayCount> {
    each_day(from, to)
        .map(|date| {
            let point = history.end_of_day(date);
            let count = history
                .of_kind(Kind::Story)
                .filter(|t| t.state_at(point).is_some_and(|s| is_wip(&history.config, s)))
                .count();
            DayCount {
                date,
                count: u32::try_from(count).unwrap_or(u32::MAX),
            }
        })
        .collect()
}

/// How many stories had one status at a day's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusCount {
    /// The status.
    pub status: String,
    /// How many stories had it.
    pub count: u32,
}

/// One day of a cumulative flow diagram: stories per status at the day's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowDay {
    /// The day.
    pub date: Date,
    /// Every workflow status in workflow order (zeros included, so the bands line up from
    /// day to day), then any other status a story had, by name.
    pub counts: Vec<StatusCount>,
}

/// Cumulative flow from `from` to `to` (inclusive): at each day's end, how many stories
/// had each status (domain §3, "cumulative flow"). Deleted stories and stories without a
/// status are not counted.
#[must_use]
pub fn cumulative_flow(history: &History, from: Date, to: Date) -> Vec<FlowDay> {
    let workflow: Vec<String> = history.config.statuses_for(Kind::Story).into_iter().map(str::to_owned).collect();
    each_day(from, to)
        .map(|date| {
            let point = history.end_of_day(date);
            let mut tally: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
            for status in history.of_kind(Kind::Story).filter_map(|t| t.state_at(point)?.status.as_deref()) {
                *tally.entry(status).or_default() += 1;
            }
            let mut counts: Vec<StatusCount> = workflow
                .iter()
                .map(|status| StatusCount {
                    count: tally.remove(status.as_str()).unwrap_or(0),
                    status: status.clone(),
                })
                .collect();
            // What is left is outside the workflow, already in name order.
            counts.extend(tally.into_iter().map(|(status, count)| StatusCount {
                status: status.to_owned(),
                count,
            }));
            FlowDay { date, counts }
        })
        .collect()
}

/// Throughput per day from `from` to `to` (inclusive), days without any included: stories
/// reaching done for the first time that day (a count, no sizes: domain §3).
#[must_use]
pub fn throughput_per_day(history: &History, from: Date, to: Date) -> Vec<DayCount> {
    let done: Vec<Date> = flow_items(history).iter().filter_map(FlowItem::finished).collect();
    each_day(from, to)
        .map(|date| DayCount {
            date,
            count: u32::try_from(done.iter().filter(|d| **d == date).count()).unwrap_or(u32::MAX),
        })
        .collect()
}

/// The samples of a Monte Carlo forecast that counts working days (domain §3, "Monte Carlo";
/// [`crate::forecast::Calendar`]): throughput on each of the last `workdays` working days
/// (Monday to Friday) up to and including `end`, oldest first, zero days included.
///
/// - **Weekends are left out.** A forecast that counts working days must be fed working
///   days: weekend zeros would make it late. A story finished on a Saturday or Sunday counts
///   on the Friday before, so no finished story is lost. An `end` on a weekend ends the
///   window on the Friday before.
/// - **The window never starts before the backlog's first commit** (the earliest commit
///   that has any item): the days before it are no history, and their zeros would make
///   every forecast late. The result is then shorter than `workdays`; empty when there are
///   no items or `end` is before that day.
/// - **Stories history has no finish or start for are not counted** ([`LeftOut`]): one
///   first seen already done was finished before it came into git (an imported backlog),
///   not on that day.
///
/// Otherwise a story counts on the day it first reached done, as in [`throughput_per_day`].
#[must_use]
pub fn throughput_per_workday(history: &History, end: Date, workdays: usize) -> Vec<DayCount> {
    let Some(first_day) = history.timelines.iter().filter_map(|t| t.entries.first()).map(|e| e.date).min() else {
        return Vec::new();
    };
    let mut days: Vec<Date> = std::iter::successors(Some(end), |d| d.yesterday().ok())
        .take_while(|d| *d >= first_day)
        .filter(|d| !is_weekend(*d))
        .take(workdays)
        .collect();
    days.reverse();
    let done: Vec<Date> = flow_items(history)
        .iter()
        .filter_map(FlowItem::finished)
        .map(friday_if_weekend)
        .collect();
    days.into_iter()
        .map(|date| DayCount {
            date,
            count: u32::try_from(done.iter().filter(|d| **d == date).count()).unwrap_or(u32::MAX),
        })
        .collect()
}

fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday)
}

/// A Saturday or Sunday's Friday before; any other day itself.
fn friday_if_weekend(date: Date) -> Date {
    let back = match date.weekday() {
        jiff::civil::Weekday::Saturday => 1,
        jiff::civil::Weekday::Sunday => 2,
        _ => return date,
    };
    date.checked_sub(jiff::Span::new().days(back)).unwrap_or(date)
}

/// A count in one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WeekCount {
    /// The week's Monday.
    pub week_start: Date,
    /// How many.
    pub count: u32,
}

/// Throughput per week (Monday to Sunday), for every week touching `from`..=`to`, weeks
/// without any included. Only days inside `from`..=`to` count.
#[must_use]
pub fn throughput_per_week(history: &History, from: Date, to: Date) -> Vec<WeekCount> {
    let mut weeks: Vec<WeekCount> = Vec::new();
    for day in throughput_per_day(history, from, to) {
        let monday = monday_of(day.date);
        match weeks.last_mut() {
            Some(w) if w.week_start == monday => w.count += day.count,
            _ => weeks.push(WeekCount {
                week_start: monday,
                count: day.count,
            }),
        }
    }
    weeks
}

/// The Monday of `date`'s week.
#[must_use]
pub fn monday_of(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(jiff::Span::new().days(back)).unwrap_or(date)
}

/// Every day from `from` to `to`, inclusive.
pub fn each_day(from: Date, to: Date) -> impl Iterator<Item = Date> {
    std::iter::successors(Some(from), |d| d.tomorrow().ok()).take_while(move |d| *d <= to)
}

/// Nearest-rank percentile `p` (1–100) of `values`: the smallest value with at least `p`%
/// of the values at or below it (rank = ⌈p/100 × n⌉). `None` for no values.
#[must_use]
pub fn percentile(values: &[i64], p: u32) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    let rank = (usize::try_from(p.clamp(1, 100)).unwrap_or(100) * n).div_ceil(100);
    sorted.get(rank.max(1) - 1).copied()
}

/// The percentiles reports quote (50, 85, 95), in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Percentiles {
    /// How many values they are taken from.
    pub count: usize,
    /// 50th percentile.
    pub p50: Option<i64>,
    /// 85th percentile.
    pub p85: Option<i64>,
    /// 95th percentile.
    pub p95: Option<i64>,
}

impl Percentiles {
    /// Of `values`.
    #[must_use]
    pub fn of(values: &[i64]) -> Self {
        Percentiles {
            count: values.len(),
            p50: percentile(values, 50),
            p85: percentile(values, 85),
            p95: percentile(values, 95),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::story_timeline;
    use super::*;
    use jiff::civil::date;

    #[test]
    fn nearest_rank_percentiles() {
        let v = [2, 2, 2, 2, 3, 3, 4, 4, 6, 6, 7, 7, 8];
        assert_eq!(percentile(&v, 50), Some(4));
        assert_eq!(percentile(&v, 85), Some(7));
        assert_eq!(percentile(&v, 95), Some(8));
        assert_eq!(percentile(&[5], 95), Some(5));
        assert_eq!(percentile(&[], 50), None);
        // Order of the input does not matter; rank 1 is the minimum.
        assert_eq!(percentile(&[9, 1, 5], 1), Some(1));
        assert_eq!(percentile(&[9, 1, 5], 100), Some(9));
        assert_eq!(percentile(&[1, 2, 3, 4], 50), Some(2));
    }

    #[test]
    fn started_means_after_ready_and_not_dropped() {
        let c = Config::default();
        assert!(!is_started(&c, "draft"));
        assert!(!is_started(&c, "ready"));
        assert!(is_started(&c, "in-progress"));
        assert!(is_started(&c, "review"));
        assert!(is_started(&c, "done"));
        assert!(!is_started(&c, "dropped"));
        assert!(!is_started(&c, "unknown"));
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(monday_of(date(2026, 9, 1)), date(2026, 8, 31));
        assert_eq!(monday_of(date(2026, 9, 7)), date(2026, 9, 7));
        assert_eq!(monday_of(date(2026, 9, 13)), date(2026, 9, 7));
        assert_eq!(each_day(date(2026, 9, 30), date(2026, 10, 2)).count(), 3);
    }

    /// A story's status changes: `(commit, date, status)`.
    type Changes<'a> = &'a [(usize, Date, &'a str)];

    /// A history of stories, each given as `(id, changes)`.
    fn history_of(stories: &[(&str, Changes<'_>)]) -> History {
        let timelines: Vec<Timeline> = stories.iter().map(|(id, changes)| story_timeline(id, changes)).collect();
        let mut h = History::empty(Config::default());
        h.timelines = timelines;
        h
    }

    #[test]
    fn workday_throughput_skips_weekends_and_days_before_the_backlog() {
        // The backlog's first commit is on Wednesday 2 September: S-2 came in already done
        // (imported, not counted); S-1 was finished on Saturday the 5th (counts on Friday the
        // 4th); S-3 on Monday the 7th.
        let h = history_of(&[
            ("S-1", &[(0, date(2026, 9, 2), "draft"), (1, date(2026, 9, 5), "done")]),
            ("S-2", &[(0, date(2026, 9, 2), "done")]),
            ("S-3", &[(1, date(2026, 9, 5), "ready"), (2, date(2026, 9, 7), "done")]),
        ]);
        let days = |end, n| -> Vec<(Date, u32)> { throughput_per_workday(&h, end, n).iter().map(|d| (d.date, d.count)).collect() };
        // Ending on Sunday the 13th: eight working days from the 2nd, not 60.
        assert_eq!(
            days(date(2026, 9, 13), 60),
            [
                (date(2026, 9, 2), 0),
                (date(2026, 9, 3), 0),
                (date(2026, 9, 4), 1),
                (date(2026, 9, 7), 1),
                (date(2026, 9, 8), 0),
                (date(2026, 9, 9), 0),
                (date(2026, 9, 10), 0),
                (date(2026, 9, 11), 0),
            ]
        );
        assert_eq!(
            days(date(2026, 9, 8), 3),
            [(date(2026, 9, 4), 1), (date(2026, 9, 7), 1), (date(2026, 9, 8), 0)]
        );
        assert!(days(date(2026, 9, 1), 10).is_empty());
        assert!(throughput_per_workday(&history_of(&[]), date(2026, 9, 8), 10).is_empty());
    }

    #[test]
    fn lead_and_cycle_time_in_calendar_days() {
        let f = FlowItem {
            id: "S-1".into(),
            requested: date(2026, 9, 1),
            started: Some(date(2026, 9, 8)),
            done: Some(date(2026, 9, 10)),
            status: Some("done".into()),
            first_seen: date(2026, 9, 1),
            left_out: None,
        };
        assert_eq!(f.lead_time(), Some(9));
        assert_eq!(f.cycle_time(), Some(2));
        let straight = FlowItem {
            started: None,
            ..f.clone()
        };
        assert_eq!(straight.cycle_time(), Some(0));
        let imported = FlowItem {
            left_out: Some(LeftOut::FirstSeenDone),
            ..f.clone()
        };
        assert_eq!(
            (imported.finished(), imported.cycle_time(), imported.lead_time()),
            (None, None, None)
        );
        let unknown_start = FlowItem {
            left_out: Some(LeftOut::StartUnknown),
            ..f.clone()
        };
        assert_eq!(
            (unknown_start.finished(), unknown_start.cycle_time(), unknown_start.lead_time()),
            (f.done, None, Some(9))
        );
        let open = FlowItem { done: None, ..f };
        assert_eq!(open.cycle_time(), None);
        assert_eq!(open.lead_time(), None);
    }
}
