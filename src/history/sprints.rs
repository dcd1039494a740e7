//! Sprint metrics from history (domain reference §3, and §7 for how Jira reports them):
//! commitment vs completed, scope change, burndown and burnup, velocity.
//!
//! A sprint's two moments:
//! - **start**: the commit where its status first became `active`; when it never did, the
//!   end of its `start` date. What is in the sprint then is the *commitment* (stories
//!   already done then are left out, as Jira does).
//! - **close**: the commit where its status first became `closed` after the start; when it
//!   never did, the end of its `end` date once that has passed. At the close commit, stories
//!   moved out of the sprint by that same commit are carried over, not removed: they stay
//!   in the final scope as not done (`pobox sprint close --carry-to` does exactly that).
//!
//! A story is *in scope* when its `sprint` is the sprint and its status is not `dropped`.

use std::collections::{HashMap, HashSet};

use jiff::civil::{Date, Weekday};
use serde::Serialize;

use super::{History, State, Timeline};
use crate::model::Kind;
use crate::model::item::{MAX_SPRINT_DAYS, saturating_sum};
use crate::workflow::SprintStatus;

/// How many closed sprints the mean velocity averages (domain §3, §7: Jira's epic
/// burndown uses the last 3).
pub const VELOCITY_WINDOW: usize = 3;

/// A story and its points at some moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryPoints {
    /// The story's id.
    pub id: String,
    /// Its points then (0 when unestimated).
    pub points: u32,
}

/// A set of stories and their total points.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// The stories, by id order.
    pub stories: Vec<StoryPoints>,
    /// Their total points.
    pub points: u32,
}

impl Scope {
    fn from(mut stories: Vec<StoryPoints>) -> Self {
        stories.sort_by(|a, b| id_order(&a.id).cmp(&id_order(&b.id)));
        let points = saturating_sum(stories.iter().map(|s| s.points));
        Scope { stories, points }
    }

    fn contains(&self, id: &str) -> bool {
        self.stories.iter().any(|s| s.id == id)
    }
}

/// Sort ids by their number, so S-2 comes before S-10.
fn id_order(id: &str) -> (u64, &str) {
    (id.rsplit_once('-').and_then(|(_, n)| n.parse().ok()).unwrap_or(0), id)
}

/// What kind of scope change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// A story came into the sprint after the start.
    Added,
    /// A story left the sprint (moved elsewhere, dropped or deleted) before the close.
    Removed,
    /// A story in the sprint got another estimate.
    ReEstimated,
}

/// One scope change after the start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeChange {
    /// The commit's UTC date.
    pub date: Date,
    /// The commit's id.
    pub commit: String,
    /// The story.
    pub id: String,
    /// What happened.
    pub kind: ChangeKind,
    /// Points before (for an addition: 0).
    pub from: u32,
    /// Points after (for a removal: 0).
    pub to: u32,
}

/// One point of the burndown and burnup charts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SprintDay {
    /// 0 is the start (the commitment); day k is the end of the k-th working day.
    pub day: usize,
    /// The date (day 0 and day 1 share the start date).
    pub date: Date,
    /// Burndown: points in scope not done; `None` for days after `as_of`.
    pub remaining: Option<u32>,
    /// Burnup: points in scope that are done.
    pub completed: Option<u32>,
    /// Burnup's scope line: all points in scope.
    pub scope: Option<u32>,
    /// The guideline: the commitment at day 0 falling straight to 0 at the sprint's last
    /// working day (and 0 after it).
    pub ideal: f64,
    /// Points added that day (the steps up).
    pub added: u32,
    /// Points removed that day.
    pub removed: u32,
    /// Net change of estimates that day.
    pub reestimated: i64,
}

/// Everything history says about one sprint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SprintReport {
    /// The sprint's id.
    pub id: String,
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// Status at the newest commit.
    pub status: Option<String>,
    /// Date of the start moment.
    pub started_on: Option<Date>,
    /// Date of the close moment, when it has been closed (or its end has passed).
    pub closed_on: Option<Date>,
    /// Whether its status became `closed`: only those count for velocity.
    pub closed: bool,
    /// Whether its first commit already has it closed (an import): its work was done before
    /// the history starts, so what history says of its commitment and completion is not
    /// what happened in it; it is left out of velocity ([`super::metrics::LeftOut::FirstSeenClosed`]).
    pub first_seen_closed: bool,
    /// What was in it at the start.
    pub commitment: Scope,
    /// Every change of scope after the start, oldest first.
    pub scope_changes: Vec<ScopeChange>,
    /// Points of stories added after the start (at the points they came in with).
    pub added_points: u32,
    /// Points of stories removed after the start (at the points they left with).
    pub removed_points: u32,
    /// Σ |Δ estimate| of re-estimates after the start.
    pub reestimated_points: u32,
    /// What was in it at the close (or now, while it runs).
    pub final_scope: Scope,
    /// What of the final scope was done: its points are the sprint's completed work.
    pub completed: Scope,
    /// Points, at their committed estimate, of committed stories done at the close.
    pub committed_done_points: u32,
    /// committed-and-done / commitment.
    pub commitment_reliability: Option<f64>,
    /// completed / final scope.
    pub completion_rate: Option<f64>,
    /// (added + removed + Σ|Δ estimate|) / commitment.
    pub scope_change_ratio: Option<f64>,
    /// Burndown and burnup, one point per working day (Monday to Friday), for at most
    /// [`MAX_SPRINT_DAYS`] days from the start.
    pub days: Vec<SprintDay>,
    /// Whether the sprint ran, or was closed, more than [`MAX_SPRINT_DAYS`] days after its
    /// start, so that `days` stops short of its end (a mistyped date; PO112 reports it).
    pub days_cut: bool,
}

/// The sprints' velocities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Velocity {
    /// Each closed sprint's (id, commitment points, completed points), by start date.
    pub sprints: Vec<SprintVelocity>,
    /// How many closed sprints the mean covers: the last [`VELOCITY_WINDOW`], or as many as
    /// have closed when fewer have. Say it as it is ("the mean of the last 2").
    pub window: usize,
    /// Mean completed points of the last `window` closed sprints.
    pub mean_last_3: Option<f64>,
    /// Fewest completed points of those sprints.
    pub min_last_3: Option<u32>,
    /// Most completed points of those sprints.
    pub max_last_3: Option<u32>,
    /// Closed sprints left out of it, by start date: first seen already closed
    /// ([`super::metrics::LeftOut::FirstSeenClosed`]).
    pub left_out: Vec<String>,
}

/// One closed sprint in the velocity chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SprintVelocity {
    /// The sprint's id.
    pub id: String,
    /// Its start date.
    pub start: Option<Date>,
    /// Commitment points.
    pub commitment: u32,
    /// Completed points: its velocity.
    pub completed: u32,
    /// committed-and-done / commitment.
    pub commitment_reliability: Option<f64>,
    /// completed / final scope.
    pub completion_rate: Option<f64>,
}

/// Velocity per closed sprint in `reports` (by start date) and the mean of the last 3: the
/// one place every command (`metrics`, `sprint plan`, reports) gets velocity from. A sprint
/// first seen already closed is left out, and listed as such.
#[must_use]
pub fn velocity(reports: &[SprintReport]) -> Velocity {
    let left_out = reports
        .iter()
        .filter(|r| r.closed && r.first_seen_closed)
        .map(|r| r.id.clone())
        .collect();
    let sprints: Vec<SprintVelocity> = reports
        .iter()
        .filter(|r| r.closed && !r.first_seen_closed)
        .map(|r| SprintVelocity {
            id: r.id.clone(),
            start: r.start,
            commitment: r.commitment.points,
            completed: r.completed.points,
            commitment_reliability: r.commitment_reliability,
            completion_rate: r.completion_rate,
        })
        .collect();
    let last: Vec<u32> = sprints.iter().rev().take(VELOCITY_WINDOW).map(|s| s.completed).collect();
    let mean = (!last.is_empty()).then(|| last.iter().map(|v| f64::from(*v)).sum::<f64>() / last.len() as f64);
    Velocity {
        window: last.len(),
        mean_last_3: mean,
        min_last_3: last.iter().min().copied(),
        max_last_3: last.iter().max().copied(),
        sprints,
        left_out,
    }
}

/// Reports of every sprint that has started by `as_of` (active or closed at some commit,
/// or its start date reached), ordered by start date, then id.
#[must_use]
pub fn sprint_reports(history: &History, as_of: Date) -> Vec<SprintReport> {
    let mut out: Vec<SprintReport> = history
        .of_kind(Kind::Sprint)
        .filter_map(|t| sprint_report(history, t, as_of))
        .collect();
    out.sort_by(|a, b| (a.start, id_order(&a.id)).cmp(&(b.start, id_order(&b.id))));
    out
}

/// The report of sprint `id`, if it has started by `as_of`.
#[must_use]
pub fn report(history: &History, id: &str, as_of: Date) -> Option<SprintReport> {
    sprint_report(history, history.timeline(id)?, as_of)
}

/// A moment in the history: after commit `Some(i)`, or before every commit (`None`).
type Point = Option<usize>;

fn first_status_commit(t: &Timeline, status: &str, after: Point) -> Option<usize> {
    t.entries
        .iter()
        .find(|e| after.is_none_or(|a| e.commit > a) && e.state.status.as_deref() == Some(status))
        .map(|e| e.commit)
}

fn sprint_report(history: &History, t: &Timeline, as_of: Date) -> Option<SprintReport> {
    let config = &history.config;
    let activated = first_status_commit(t, SprintStatus::Active.as_str(), None);
    let closed_directly = first_status_commit(t, SprintStatus::Closed.as_str(), None);
    let start: Point = match (activated, t.start) {
        (Some(c), _) => Some(c),
        (None, Some(day)) if day <= as_of || closed_directly.is_some() => history.end_of_day(day),
        _ => return None,
    };
    let close_commit = first_status_commit(t, SprintStatus::Closed.as_str(), start.or(activated));
    let close: Option<Point> = match (close_commit, t.end) {
        (Some(c), _) => Some(Some(c)),
        (None, Some(end)) if end < as_of => Some(history.end_of_day(end)),
        _ => None,
    };
    // The latest moment the report looks at.
    let last: Point = match close {
        Some(c) => c,
        None => history.end_of_day(as_of),
    };
    let stories: Vec<&Timeline> = history.of_kind(Kind::Story).collect();
    let dropped = |s: &State| s.status.as_deref().is_some_and(|st| config.workflow.is_dropped(st));
    let in_sprint = |s: &State| s.sprint.as_deref() == Some(t.id.as_str()) && !dropped(s);
    let is_done = |s: &State| s.status.as_deref().is_some_and(|st| config.workflow.is_done(st));
    let points = |s: &State| s.points.unwrap_or(0);

    // Commitment: in the sprint at the start and not done yet.
    let done_at_start: HashSet<&str> = stories
        .iter()
        .filter(|s| s.state_at(start).is_some_and(|st| in_sprint(st) && is_done(st)))
        .map(|s| s.id.as_str())
        .collect();
    let commitment = Scope::from(
        stories
            .iter()
            .filter_map(|s| {
                let st = s.state_at(start)?;
                (in_sprint(st) && !is_done(st)).then(|| StoryPoints {
                    id: s.id.clone(),
                    points: points(st),
                })
            })
            .collect(),
    );

    // In scope at a point between the start and the close; at the close commit, a story
    // moved out by that commit is a carry-over and still counts (with its new state).
    let in_scope_at = |s: &Timeline, p: Point| -> Option<State> {
        if done_at_start.contains(s.id.as_str()) {
            return None;
        }
        let p = clamp(p, start, close.flatten().or(last));
        let st = s.state_at(p)?;
        if in_sprint(st) {
            return Some(st.clone());
        }
        if close_commit.is_some()
            && p == close_commit
            && !dropped(st)
            && s.state_at(p.and_then(|c| c.checked_sub(1))).is_some_and(in_sprint)
        {
            return Some(st.clone());
        }
        None
    };
    let scope_at = |p: Point| -> (u32, u32) {
        let (mut scope, mut done) = (0, 0);
        for s in &stories {
            if let Some(st) = in_scope_at(s, p) {
                scope = points(&st).saturating_add(scope);
                if is_done(&st) {
                    done = points(&st).saturating_add(done);
                }
            }
        }
        (scope, done)
    };

    // Scope changes: every commit after the start up to the close (or the last one).
    let mut scope_changes = Vec::new();
    if let Some(end) = last {
        let from = start.map_or(0, |s| s + 1);
        // Which stories each commit touched, so the walk below reads each entry once.
        let mut changed_at: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, s) in stories.iter().enumerate() {
            let mut seen = None;
            for e in s.entries.iter().filter(|e| (from..=end).contains(&e.commit)) {
                if seen != Some(e.commit) {
                    changed_at.entry(e.commit).or_default().push(i);
                    seen = Some(e.commit);
                }
            }
        }
        for c in from..=end {
            let commit = &history.commits[c];
            for s in changed_at.get(&c).into_iter().flatten().map(|&i| stories[i]) {
                let before = in_scope_at(s, c.checked_sub(1));
                let after = in_scope_at(s, Some(c));
                let change = |kind, from, to| ScopeChange {
                    date: commit.date,
                    commit: commit.id.clone(),
                    id: s.id.clone(),
                    kind,
                    from,
                    to,
                };
                match (before, after) {
                    (None, Some(a)) => scope_changes.push(change(ChangeKind::Added, 0, points(&a))),
                    (Some(b), None) => scope_changes.push(change(ChangeKind::Removed, points(&b), 0)),
                    (Some(b), Some(a)) if points(&b) != points(&a) => {
                        scope_changes.push(change(ChangeKind::ReEstimated, points(&b), points(&a)));
                    }
                    _ => {}
                }
            }
        }
    }
    let sum =
        |kind: ChangeKind, f: fn(&ScopeChange) -> u32| -> u32 { saturating_sum(scope_changes.iter().filter(|c| c.kind == kind).map(f)) };
    let added_points = sum(ChangeKind::Added, |c| c.to);
    let removed_points = sum(ChangeKind::Removed, |c| c.from);
    let reestimated_points = sum(ChangeKind::ReEstimated, |c| c.from.abs_diff(c.to));

    let final_states: Vec<(&Timeline, State)> = stories.iter().filter_map(|s| Some((*s, in_scope_at(s, last)?))).collect();
    let final_scope = Scope::from(
        final_states
            .iter()
            .map(|(s, st)| StoryPoints {
                id: s.id.clone(),
                points: points(st),
            })
            .collect(),
    );
    let completed = Scope::from(
        final_states
            .iter()
            .filter(|(_, st)| is_done(st))
            .map(|(s, st)| StoryPoints {
                id: s.id.clone(),
                points: points(st),
            })
            .collect(),
    );
    let committed_done_points = saturating_sum(commitment.stories.iter().filter(|c| completed.contains(&c.id)).map(|c| c.points));
    let ratio = |a: u32, b: u32| (b > 0).then(|| f64::from(a) / f64::from(b));

    // Burndown and burnup: day 0 is the start, then every working day to the end (and on
    // to the close when it came later).
    let mut days = Vec::new();
    let mut days_cut = false;
    if let Some(first) = t.start {
        let planned_end = t.end.unwrap_or(first);
        let close_day = close.flatten().map(|c| history.commits[c].date);
        let last_day = close_day.map_or(planned_end, |d| d.max(planned_end));
        // Dates come from files and commits: a year of days at most, whatever they say.
        let cap = first
            .checked_add(jiff::Span::new().days(i64::from(MAX_SPRINT_DAYS) - 1))
            .unwrap_or(Date::MAX);
        days_cut = last_day > cap;
        let last_day = last_day.min(cap);
        let working: Vec<Date> = super::metrics::each_day(first, last_day).filter(|d| is_working_day(*d)).collect();
        let planned = working.iter().filter(|d| **d <= planned_end).count();
        let total = f64::from(commitment.points);
        let ideal = |k: usize| {
            if planned == 0 || k >= planned {
                0.0
            } else {
                total * (planned - k) as f64 / planned as f64
            }
        };
        let (scope0, done0) = scope_at(start);
        days.push(SprintDay {
            day: 0,
            date: first,
            remaining: Some(scope0 - done0),
            completed: Some(done0),
            scope: Some(scope0),
            ideal: total,
            added: 0,
            removed: 0,
            reestimated: 0,
        });
        for (k, date) in working.iter().enumerate() {
            let day_changes = scope_changes.iter().filter(|c| {
                let prev = if k == 0 { None } else { Some(working[k - 1]) };
                c.date <= *date && prev.is_none_or(|p| c.date > p)
            });
            let (mut added, mut removed, mut reestimated) = (0, 0, 0_i64);
            for c in day_changes {
                match c.kind {
                    ChangeKind::Added => added = c.to.saturating_add(added),
                    ChangeKind::Removed => removed = c.from.saturating_add(removed),
                    ChangeKind::ReEstimated => reestimated += i64::from(c.to) - i64::from(c.from),
                }
            }
            let known = *date <= as_of;
            let (scope, done) = scope_at(history.end_of_day(*date));
            days.push(SprintDay {
                day: k + 1,
                date: *date,
                remaining: known.then_some(scope - done),
                completed: known.then_some(done),
                scope: known.then_some(scope),
                ideal: ideal(k + 1),
                added,
                removed,
                reestimated,
            });
        }
    }

    Some(SprintReport {
        id: t.id.clone(),
        start: t.start,
        end: t.end,
        status: t.entries.last().and_then(|e| e.state.status.clone()),
        started_on: start.map(|c| history.commits[c].date).or(t.start),
        closed_on: match close_commit {
            Some(c) => Some(history.commits[c].date),
            None => close.and(t.end),
        },
        closed: close_commit.is_some(),
        first_seen_closed: t
            .entries
            .first()
            .and_then(|e| e.state.status.as_deref())
            .and_then(SprintStatus::parse)
            == Some(SprintStatus::Closed),
        commitment_reliability: ratio(committed_done_points, commitment.points),
        completion_rate: ratio(completed.points, final_scope.points),
        scope_change_ratio: ratio(
            saturating_sum([added_points, removed_points, reestimated_points]),
            commitment.points,
        ),
        commitment,
        scope_changes,
        added_points,
        removed_points,
        reestimated_points,
        final_scope,
        completed,
        committed_done_points,
        days,
        days_cut,
    })
}

/// `p` held between the start and the close: before the start the sprint is as it was
/// committed, after the close as it was closed.
fn clamp(p: Point, start: Point, close: Point) -> Point {
    let p = if p < start { start } else { p };
    match close {
        Some(c) if p > Some(c) => Some(c),
        _ => p,
    }
}

/// Monday to Friday (domain §3: the burndown's x axis uses working days).
fn is_working_day(d: Date) -> bool {
    !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn points_are_held_between_start_and_close() {
        assert_eq!(clamp(Some(1), Some(3), Some(8)), Some(3));
        assert_eq!(clamp(None, Some(3), Some(8)), Some(3));
        assert_eq!(clamp(Some(5), Some(3), Some(8)), Some(5));
        assert_eq!(clamp(Some(9), Some(3), Some(8)), Some(8));
        assert_eq!(clamp(Some(9), None, None), Some(9));
    }

    #[test]
    fn working_days_are_monday_to_friday() {
        let week: Vec<bool> = super::super::metrics::each_day(date(2026, 9, 7), date(2026, 9, 13))
            .map(is_working_day)
            .collect();
        assert_eq!(week, [true, true, true, true, true, false, false]);
    }
}
