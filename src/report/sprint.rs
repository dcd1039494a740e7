//! What a sprint report contains (domain reference §3, §5, §6 and §7): the numbers of
//! [`crate::history::sprints`] for one sprint, with the titles, goal, meetings and risks of
//! today's files around them.
//!
//! The stories are grouped as Jira's sprint report groups them: completed, not completed
//! (carried over at the close), added after the start, removed. A story's estimate at the
//! start (or when it came in) and at the end are both kept, so a renderer can write `3 → 5`.

use jiff::civil::Date;
use serde::Serialize;

use crate::history::sprints::{self, ChangeKind, SprintDay, SprintReport, SprintVelocity};
use crate::history::{History, State, Timeline};
use crate::model::{Item, Kind, KindData};
use crate::workspace::Workspace;

/// How many closed sprints, up to the reported one, the velocity trend shows.
pub const VELOCITY_TREND: usize = 6;

/// Open risks scoring this much or more (likelihood × impact) are in the report: the
/// "high" and "critical" bands of domain §6.
pub const RISK_SCORE_THRESHOLD: u32 = 10;

/// Why there is no report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// No commit has the sprint's file (the sprint's id).
    #[error("{0} has no history: no commit has its file")]
    NoHistory(String),
    /// The sprint (its id) has not started by the report's day.
    #[error("{0} has not started yet, so there is nothing to report")]
    NotStarted(String),
}

/// One sprint's report: data only; [`super::md`], [`super::html`] and [`super::json`] write it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SprintReportDoc {
    /// The product's name (`product` in `pobox.yaml`).
    pub product: String,
    /// The day the report looks from: later days have no values yet, and action items due
    /// before it are overdue.
    pub as_of: Date,
    /// The sprint itself.
    pub sprint: SprintSummary,
    /// Commitment, scope change and completion, in points.
    pub points: PointTotals,
    /// Every scope change after the start, oldest first.
    pub scope_changes: Vec<ScopeChangeRow>,
    /// Burndown and burnup: day 0 is the start, then one point per working day.
    pub days: Vec<SprintDay>,
    /// Velocity of the closed sprints up to this one.
    pub velocity: VelocityTrend,
    /// The stories, grouped as Jira's sprint report groups them.
    pub stories: StoryGroups,
    /// Action items not yet done from meetings of this sprint.
    pub action_items: Vec<ActionItemRow>,
    /// Decisions from meetings of this sprint.
    pub decisions: Vec<DecisionRow>,
    /// Open risks scoring [`RISK_SCORE_THRESHOLD`] or more, highest first.
    pub risks: Vec<RiskRow>,
}

/// Who the sprint is and how it went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SprintSummary {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The sprint goal.
    pub goal: Option<String>,
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// Status today: planned, active or closed.
    pub status: Option<String>,
    /// Whether the goal was met (`goal_met` in its file); `None` when not said.
    pub goal_met: Option<bool>,
    /// Capacity in points.
    pub capacity: Option<u32>,
    /// The day it started (the commit that made it active, else its start date).
    pub started_on: Option<Date>,
    /// The day it closed, when it has.
    pub closed_on: Option<Date>,
    /// Whether its status became `closed`.
    pub closed: bool,
}

/// The sprint's points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointTotals {
    /// Commitment: points in the sprint at the start.
    pub committed: u32,
    /// Points added after the start.
    pub added: u32,
    /// Points removed after the start.
    pub removed: u32,
    /// Σ |Δ estimate| of re-estimates after the start.
    pub reestimated: u32,
    /// Points in the sprint at the close (or now).
    pub final_scope: u32,
    /// Points done: the sprint's velocity.
    pub completed: u32,
    /// Points of the final scope not done.
    pub not_completed: u32,
    /// Committed points (at their committed estimate) that were done.
    pub committed_done: u32,
    /// committed-and-done / commitment.
    pub commitment_reliability: Option<f64>,
    /// completed / final scope.
    pub completion_rate: Option<f64>,
    /// (added + removed + Σ|Δ estimate|) / commitment.
    pub scope_change_ratio: Option<f64>,
}

/// One scope change, with the story's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeChangeRow {
    /// The commit's UTC date.
    pub date: Date,
    /// The commit's id.
    pub commit: String,
    /// The story.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Added, removed or re-estimated.
    pub kind: ChangeKind,
    /// Points before (0 for an addition).
    pub from: u32,
    /// Points after (0 for a removal).
    pub to: u32,
}

/// Velocity per closed sprint and its mean.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VelocityTrend {
    /// The last [`VELOCITY_TREND`] closed sprints up to the reported one, oldest first.
    pub sprints: Vec<SprintVelocity>,
    /// How many sprints the mean covers (up to [`sprints::VELOCITY_WINDOW`]).
    pub window: usize,
    /// Mean completed points of the last [`sprints::VELOCITY_WINDOW`] closed sprints.
    pub mean: Option<f64>,
    /// The fewest of those.
    pub min: Option<u32>,
    /// The most of those.
    pub max: Option<u32>,
}

/// The stories in Jira's four groups.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoryGroups {
    /// Done at the close (or now).
    pub completed: Vec<StoryRow>,
    /// In the final scope and not done: carried over when the sprint closed.
    pub not_completed: Vec<StoryRow>,
    /// Came into the sprint after the start (they are in the groups above too, marked).
    pub added_after_start: Vec<StoryRow>,
    /// Left the sprint after the start, before the close.
    pub removed: Vec<StoryRow>,
}

/// One story in a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryRow {
    /// The story's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status at the close (or now); for a removed story, when it left.
    pub status: Option<String>,
    /// Its estimate at the start, or when it was added.
    pub points_at_start: u32,
    /// Its estimate at the close (or now); for a removed story, when it left.
    pub points: u32,
    /// Whether it is done.
    pub done: bool,
    /// Whether it came in after the start (Jira's `*`).
    pub added_after_start: bool,
    /// For a story not completed: whether the close moved it out of the sprint.
    pub carried_over: bool,
    /// Where it went: the sprint a carried-over or removed story moved to (`None`: the
    /// backlog, or nowhere).
    pub moved_to: Option<String>,
    /// For an added or removed story: the day it happened.
    pub date: Option<Date>,
}

impl StoryRow {
    /// Whether its estimate changed during the sprint (`3 → 5`).
    #[must_use]
    pub fn reestimated(&self) -> bool {
        self.points_at_start != self.points
    }
}

/// An action item not yet done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionItemRow {
    /// The meeting's id.
    pub meeting: String,
    /// The meeting's title.
    pub meeting_title: String,
    /// The meeting's date.
    pub meeting_date: Option<Date>,
    /// Whom it is for.
    pub owner: Option<String>,
    /// What to do.
    pub text: String,
    /// The due date as written.
    pub due: Option<String>,
    /// Whether it is due before the report's day.
    pub overdue: bool,
}

/// A decision taken in a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRow {
    /// The meeting's id.
    pub meeting: String,
    /// The meeting's title.
    pub meeting_title: String,
    /// The meeting's date.
    pub meeting_date: Option<Date>,
    /// What was decided.
    pub text: String,
}

/// An open risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskRow {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// 1–5.
    pub likelihood: u32,
    /// 1–5.
    pub impact: u32,
    /// likelihood × impact.
    pub score: u32,
    /// The score's band.
    pub band: RiskBand,
    /// Who owns it.
    pub owner: Option<String>,
    /// What is done about it.
    pub mitigation: Option<String>,
}

/// Bands of a risk score (domain §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskBand {
    /// 1–4.
    Low,
    /// 5–9.
    Medium,
    /// 10–15.
    High,
    /// 16–25.
    Critical,
}

impl RiskBand {
    /// The band of a score.
    #[must_use]
    pub fn of(score: u32) -> Self {
        match score {
            0..=4 => RiskBand::Low,
            5..=9 => RiskBand::Medium,
            10..=15 => RiskBand::High,
            _ => RiskBand::Critical,
        }
    }

    /// Its name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RiskBand::Low => "low",
            RiskBand::Medium => "medium",
            RiskBand::High => "high",
            RiskBand::Critical => "critical",
        }
    }
}

/// The sprint that `--current` means: the active one, else the one closed last (latest
/// start date).
#[must_use]
pub fn current_sprint(ws: &Workspace) -> Option<&Item> {
    crate::sprint::active(ws).or_else(|| crate::sprint::last_closed(ws))
}

/// Build the report of sprint `id` from `ws` (read with bodies, for the meetings' action
/// items and decisions) and its `history`, as of `as_of`.
///
/// # Errors
/// [`ReportError::NoHistory`] when no commit has the sprint; [`ReportError::NotStarted`]
/// when it has not started by `as_of`.
pub fn build(ws: &Workspace, history: &History, id: &str, as_of: Date) -> Result<SprintReportDoc, ReportError> {
    let timeline = history.timeline(id).ok_or_else(|| ReportError::NoHistory(id.to_owned()))?;
    let r = sprints::report(history, id, as_of).ok_or_else(|| ReportError::NotStarted(id.to_owned()))?;
    let item = ws.get(id).filter(|i| i.kind == Kind::Sprint);
    let fields = item.and_then(|i| match &i.data {
        KindData::Sprint(s) => Some(s),
        _ => None,
    });
    let title_of = |story: &str| -> String {
        ws.get(story)
            .map(|i| i.title.clone())
            .or_else(|| history.timeline(story).map(|t| t.title.clone()))
            .unwrap_or_default()
    };

    let sprint = SprintSummary {
        id: r.id.clone(),
        title: item.map_or_else(|| timeline.title.clone(), |i| i.title.clone()),
        goal: fields.and_then(|s| s.goal.clone()),
        start: r.start,
        end: r.end,
        status: fields.and_then(|s| s.status.clone()).or_else(|| r.status.clone()),
        goal_met: fields.and_then(|s| s.goal_met),
        capacity: fields.and_then(|s| s.capacity),
        started_on: r.started_on,
        closed_on: r.closed_on,
        closed: r.closed,
    };
    let points = PointTotals {
        committed: r.commitment.points,
        added: r.added_points,
        removed: r.removed_points,
        reestimated: r.reestimated_points,
        final_scope: r.final_scope.points,
        completed: r.completed.points,
        not_completed: r.final_scope.points - r.completed.points,
        committed_done: r.committed_done_points,
        commitment_reliability: r.commitment_reliability,
        completion_rate: r.completion_rate,
        scope_change_ratio: r.scope_change_ratio,
    };
    let scope_changes = r
        .scope_changes
        .iter()
        .map(|c| ScopeChangeRow {
            date: c.date,
            commit: c.commit.clone(),
            id: c.id.clone(),
            title: title_of(&c.id),
            kind: c.kind,
            from: c.from,
            to: c.to,
        })
        .collect();

    Ok(SprintReportDoc {
        product: ws.config.product.clone(),
        as_of,
        stories: story_groups(history, timeline, &r, as_of, &title_of),
        velocity: velocity_trend(history, &r, as_of),
        action_items: action_items(ws, id, as_of),
        decisions: decisions(ws, id),
        risks: open_risks(ws, RISK_SCORE_THRESHOLD),
        sprint,
        points,
        scope_changes,
        days: r.days,
    })
}

/// The moment the final scope is read at: the commit that closed the sprint, else the end
/// of its last day once that has passed, else the end of `as_of`.
fn close_point(history: &History, sprint: &Timeline, r: &SprintReport, as_of: Date) -> Option<usize> {
    if r.closed
        && let Some(e) = sprint
            .entries
            .iter()
            .find(|e| e.state.status.as_deref() == Some("closed") && Some(e.date) == r.closed_on)
    {
        return Some(e.commit);
    }
    history.end_of_day(r.closed_on.unwrap_or(as_of).min(as_of))
}

fn state_at<'h>(history: &'h History, id: &str, point: Option<usize>) -> Option<&'h State> {
    history.timeline(id)?.state_at(point)
}

fn story_groups(history: &History, sprint: &Timeline, r: &SprintReport, as_of: Date, title_of: &dyn Fn(&str) -> String) -> StoryGroups {
    let close = close_point(history, sprint, r, as_of);
    let is_done = |st: Option<&State>| st.and_then(|s| s.status.as_deref()).is_some_and(|s| history.config.is_done(s));
    // When each story came in after the start, and at how many points.
    let added: Vec<&sprints::ScopeChange> = r.scope_changes.iter().filter(|c| c.kind == ChangeKind::Added).collect();
    let points_at_start = |id: &str, now: u32| -> u32 {
        r.commitment
            .stories
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.points)
            .or_else(|| added.iter().rev().find(|c| c.id == id).map(|c| c.to))
            .unwrap_or(now)
    };
    let was_added = |id: &str| !r.commitment.stories.iter().any(|s| s.id == id) && added.iter().any(|c| c.id == id);
    let final_row = |id: &str, points: u32| -> StoryRow {
        let st = state_at(history, id, close);
        let moved = st.is_none_or(|s| s.sprint.as_deref() != Some(r.id.as_str()));
        let done = is_done(st);
        StoryRow {
            id: id.to_owned(),
            title: title_of(id),
            status: st.and_then(|s| s.status.clone()),
            points_at_start: points_at_start(id, points),
            points,
            done,
            added_after_start: was_added(id),
            carried_over: !done && moved,
            moved_to: if moved { st.and_then(|s| s.sprint.clone()) } else { None },
            date: added.iter().rev().find(|c| c.id == id).map(|c| c.date),
        }
    };

    let mut groups = StoryGroups::default();
    for s in &r.final_scope.stories {
        let row = final_row(&s.id, s.points);
        if row.done {
            groups.completed.push(row);
        } else {
            groups.not_completed.push(row);
        }
    }
    for c in &added {
        let mut row = match r.final_scope.stories.iter().find(|s| s.id == c.id) {
            Some(s) => final_row(&s.id, s.points),
            None => removed_row(history, r, c, title_of),
        };
        row.date = Some(c.date);
        row.points_at_start = c.to;
        row.added_after_start = true;
        groups.added_after_start.push(row);
    }
    for c in r.scope_changes.iter().filter(|c| c.kind == ChangeKind::Removed) {
        groups.removed.push(removed_row(history, r, c, title_of));
    }
    groups
}

/// A story as it was when it left the sprint.
fn removed_row(history: &History, r: &SprintReport, c: &sprints::ScopeChange, title_of: &dyn Fn(&str) -> String) -> StoryRow {
    let commit = history.commits.iter().position(|k| k.id == c.commit);
    let st = state_at(history, &c.id, commit);
    StoryRow {
        id: c.id.clone(),
        title: title_of(&c.id),
        status: st.and_then(|s| s.status.clone()),
        points_at_start: r.commitment.stories.iter().find(|s| s.id == c.id).map_or(c.from, |s| s.points),
        points: c.from,
        done: st.and_then(|s| s.status.as_deref()).is_some_and(|s| history.config.is_done(s)),
        added_after_start: !r.commitment.stories.iter().any(|s| s.id == c.id),
        carried_over: false,
        moved_to: st.and_then(|s| s.sprint.clone()).filter(|s| *s != r.id),
        date: Some(c.date),
    }
}

fn velocity_trend(history: &History, r: &SprintReport, as_of: Date) -> VelocityTrend {
    let mut all = sprints::sprint_reports(history, as_of);
    // Sprints after this one are not part of its story.
    if let Some(i) = all.iter().position(|x| x.id == r.id) {
        all.truncate(i + 1);
    }
    let v = sprints::velocity(&all);
    let skip = v.sprints.len().saturating_sub(VELOCITY_TREND);
    VelocityTrend {
        window: v.sprints.len().min(sprints::VELOCITY_WINDOW),
        mean: v.mean_last_3,
        min: v.min_last_3,
        max: v.max_last_3,
        sprints: v.sprints.into_iter().skip(skip).collect(),
    }
}

/// Meetings whose `sprint` is `id`, by date then id.
fn meetings_of<'a>(ws: &'a Workspace, id: &str) -> Vec<(&'a Item, Option<Date>)> {
    let mut out: Vec<(&Item, Option<Date>)> = ws
        .of_kind(Kind::Meeting)
        .filter(|m| m.broken.is_none() && m.sprint().map(str::trim) == Some(id))
        .map(|m| {
            let date = match &m.data {
                KindData::Meeting(f) => f.date,
                _ => None,
            };
            (m, date)
        })
        .collect();
    out.sort_by(|a, b| (a.1, &a.0.id).cmp(&(b.1, &b.0.id)));
    out
}

fn action_items(ws: &Workspace, id: &str, as_of: Date) -> Vec<ActionItemRow> {
    meetings_of(ws, id)
        .into_iter()
        .flat_map(|(m, date)| {
            m.body().action_items.iter().filter(|a| !a.done).map(move |a| {
                let due = a.due.as_deref().and_then(|d| crate::model::fields::parse_date(d.trim()).ok());
                ActionItemRow {
                    meeting: m.id.clone(),
                    meeting_title: m.title.clone(),
                    meeting_date: date,
                    owner: a.owner.clone(),
                    text: a.text.clone(),
                    due: a.due.clone(),
                    overdue: due.is_some_and(|d| d < as_of),
                }
            })
        })
        .collect()
}

fn decisions(ws: &Workspace, id: &str) -> Vec<DecisionRow> {
    meetings_of(ws, id)
        .into_iter()
        .flat_map(|(m, date)| {
            m.body().decisions.iter().map(move |d| DecisionRow {
                meeting: m.id.clone(),
                meeting_title: m.title.clone(),
                meeting_date: date,
                text: d.text.clone(),
            })
        })
        .collect()
}

/// Whether a risk's status counts as open: `open`, or none given.
pub(crate) fn is_open_risk(status: Option<&str>) -> bool {
    status.is_none_or(|s| s == "open")
}

/// Open risks (status `open`, or none given) with a likelihood and an impact, scoring
/// `min_score` or more, highest first.
pub(crate) fn open_risks(ws: &Workspace, min_score: u32) -> Vec<RiskRow> {
    let mut out: Vec<RiskRow> = ws
        .of_kind(Kind::Risk)
        .filter(|i| i.broken.is_none())
        .filter_map(|i| {
            let KindData::Risk(r) = &i.data else { return None };
            if !is_open_risk(r.status.as_deref()) {
                return None;
            }
            let (likelihood, impact) = (r.likelihood?, r.impact?);
            let score = likelihood * impact;
            (score >= min_score).then(|| RiskRow {
                id: i.id.clone(),
                title: i.title.clone(),
                likelihood,
                impact,
                score,
                band: RiskBand::of(score),
                owner: i.owner.clone(),
                mitigation: r.mitigation.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| id_key(&a.id).cmp(&id_key(&b.id))));
    out
}

/// A key that sorts ids by their number (`S-2` before `S-10`), then as text.
pub(crate) fn id_key(id: &str) -> (u64, &str) {
    (id.rsplit_once('-').and_then(|(_, n)| n.parse().ok()).unwrap_or(0), id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risk_bands_follow_domain_6() {
        let bands: Vec<RiskBand> = [1, 4, 5, 9, 10, 15, 16, 25].into_iter().map(RiskBand::of).collect();
        use RiskBand::{Critical, High, Low, Medium};
        assert_eq!(bands, [Low, Low, Medium, Medium, High, High, Critical, Critical]);
    }
}
