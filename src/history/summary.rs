//! The numbers `pobox metrics` shows, over one period of a history: from the first commit
//! (or a day the user names) to today. Which sprints and stories fall in the period is
//! decided here, once: sprints that started in it, stories finished in it.

use jiff::civil::Date;

use super::History;
use super::metrics::{self, Aging, DayCount, FlowDay, FlowItem, Percentiles, WeekCount};
use super::sprints::{self, Velocity};

/// The most days the per-day and per-week series of a [`Summary`] cover, ending on its last
/// day: ten years. The period is as long as the commits' dates say, and a commit can be
/// dated 1970 or 9999; each day costs a pass over every story.
pub const MAX_SERIES_DAYS: i64 = 3660;

/// Flow and sprint metrics of a history over a period (domain reference §3).
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The day they are measured on (today).
    pub as_of: Date,
    /// The first day counted, when the user named one.
    pub since: Option<Date>,
    /// The first day of the period: `since`, else the first commit's day.
    pub from: Date,
    /// The last day of the period: today, or the last commit's day when that is later.
    pub to: Date,
    /// The first day of the per-day and per-week series (`weeks`, `wip_per_day`, `flow`):
    /// `from`, or the day that leaves [`MAX_SERIES_DAYS`] days to `to` when the period is
    /// longer.
    pub series_from: Date,
    /// Velocity of the closed sprints that started in the period.
    pub velocity: Velocity,
    /// Stories finished per week of the period.
    pub weeks: Vec<WeekCount>,
    /// Cycle time of the stories finished in the period.
    pub cycle: Percentiles,
    /// Lead time of the stories finished in the period.
    pub lead: Percentiles,
    /// The stories finished in the period.
    pub finished: Vec<FlowItem>,
    /// The stories that some of these numbers leave out (the sprints velocity leaves out
    /// are `velocity.left_out`), and why ([`metrics::LeftOut`]):
    /// first seen already done in the period, or first seen already started and finished in
    /// it or in progress now.
    pub left_out: Vec<FlowItem>,
    /// Work in progress on `as_of`, with each item's age.
    pub wip: Vec<Aging>,
    /// Work in progress on each day of the period.
    pub wip_per_day: Vec<DayCount>,
    /// Stories per status on each day of the period.
    pub flow: Vec<FlowDay>,
}

impl Summary {
    /// How many stories are left out for each reason, in the order of [`metrics::LeftOut`]:
    /// what every view of these numbers says beside them.
    #[must_use]
    pub fn left_out_counts(&self) -> Vec<(metrics::LeftOut, usize)> {
        let sprints = std::iter::repeat_n(metrics::LeftOut::FirstSeenClosed, self.velocity.left_out.len());
        metrics::count_by_reason(self.left_out.iter().filter_map(|f| f.left_out).chain(sprints))
    }

    /// The metrics of `history` as of `as_of`, counting from `since` when given; `None` when
    /// the history has no commit, so there is nothing to measure.
    #[must_use]
    pub fn of(history: &History, as_of: Date, since: Option<Date>) -> Option<Summary> {
        let (first, last) = (history.commits.first()?, history.commits.last()?);
        let from = since.unwrap_or(first.date);
        let to = as_of.max(last.date);
        let series_from = to
            .checked_sub(jiff::Span::new().days(MAX_SERIES_DAYS - 1))
            .map_or(from, |d| d.max(from));
        let reports: Vec<_> = sprints::sprint_reports(history, as_of)
            .into_iter()
            .filter(|r| since.is_none_or(|s| r.start.is_some_and(|d| d >= s)))
            .collect();
        let items = metrics::flow_items(history);
        let wip = metrics::wip_on(history, as_of);
        let left_out: Vec<FlowItem> = items
            .iter()
            .filter(|f| match f.left_out {
                Some(metrics::LeftOut::FirstSeenDone) => f.first_seen >= from,
                // Finished in the period (no cycle time), or in progress now (no age).
                Some(metrics::LeftOut::StartUnknown) => {
                    f.done.is_some_and(|d| d >= from) || wip.iter().any(|a| a.id == f.id && a.age_days.is_none())
                }
                // Sprints: `velocity.left_out`.
                Some(metrics::LeftOut::FirstSeenClosed) | None => false,
            })
            .cloned()
            .collect();
        let finished: Vec<FlowItem> = items.into_iter().filter(|f| f.finished().is_some_and(|d| d >= from)).collect();
        let cycle: Vec<i64> = finished.iter().filter_map(FlowItem::cycle_time).collect();
        let lead: Vec<i64> = finished.iter().filter_map(FlowItem::lead_time).collect();
        Some(Summary {
            as_of,
            since,
            from,
            to,
            series_from,
            velocity: sprints::velocity(&reports),
            weeks: metrics::throughput_per_week(history, series_from, to),
            cycle: Percentiles::of(&cycle),
            lead: Percentiles::of(&lead),
            finished,
            left_out,
            wip,
            wip_per_day: metrics::wip_per_day(history, series_from, to),
            flow: metrics::cumulative_flow(history, series_from, to),
        })
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::super::Commit;
    use super::super::testing::story_timeline;
    use super::*;
    use crate::config::Config;

    /// Commits on `days`, and stories whose status changes at those commits:
    /// `(id, [(commit, status)])`.
    fn history(days: &[Date], stories: &[(&str, &[(usize, &str)])]) -> History {
        let commits = days
            .iter()
            .enumerate()
            .map(|(i, d)| Commit {
                id: format!("{i}"),
                time: 0,
                date: *d,
                author: String::new(),
            })
            .collect();
        let timelines = stories
            .iter()
            .map(|(id, changes)| {
                let changes: Vec<_> = changes.iter().map(|&(commit, status)| (commit, days[commit], status)).collect();
                story_timeline(id, &changes)
            })
            .collect();
        let mut h = History::empty(Config::default());
        h.commits = commits;
        h.timelines = timelines;
        h
    }

    #[test]
    fn no_commit_means_nothing_to_measure() {
        assert_eq!(Summary::of(&History::empty(Config::default()), date(2026, 9, 1), None), None);
    }

    #[test]
    fn the_period_runs_from_the_first_commit_or_since_to_today() {
        let days = [date(2026, 9, 1), date(2026, 9, 8), date(2026, 9, 15)];
        let h = history(
            &days,
            &[
                ("S-1", &[(0, "ready"), (1, "in-progress"), (1, "done")]),
                ("S-2", &[(0, "ready"), (1, "in-progress"), (2, "done")]),
                ("S-3", &[(0, "in-progress")]),
            ],
        );
        let all = Summary::of(&h, date(2026, 9, 20), None).unwrap();
        assert_eq!((all.from, all.to, all.since), (date(2026, 9, 1), date(2026, 9, 20), None));
        assert_eq!(all.finished.len(), 2);
        assert_eq!(all.wip.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["S-3"]);
        let later = Summary::of(&h, date(2026, 9, 20), Some(date(2026, 9, 10))).unwrap();
        assert_eq!(later.from, date(2026, 9, 10));
        assert_eq!(later.finished.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), ["S-2"]);
        // A last commit after "today" (a clock behind) still ends the period.
        assert_eq!(Summary::of(&h, date(2026, 9, 10), None).unwrap().to, date(2026, 9, 15));
    }
}
