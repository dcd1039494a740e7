//! What a sprint report contains (domain reference §3, §5, §6 and §7): the numbers of
//! [`crate::history::sprints`] for one sprint, with the titles, goal, meetings and risks of
//! today's files around them.
//!
//! The stories are grouped as Jira's sprint report groups them: completed, not completed
//! (carried over at the close), added after the start, removed. A story's estimate at the
//! start (or when it came in) and at the end are both kept, so a renderer can write `3 → 5`.

use std::borrow::Cow;

use jiff::civil::Date;
use serde::Serialize;

use super::figure::{Burndown, Figure, Velocity, VelocityBar};
use super::page::{Block, Cell, Column, Kpi, Mark, Medium, Page, Span, Tone};
use crate::text::number::{decimal, percent};
use crate::workflow::{RiskStatus, SprintStatus};

use crate::history::sprints::{self, ChangeKind, SprintDay, SprintReport, SprintVelocity};
use crate::history::{History, State, Timeline};
use crate::model::item::{MAX_SPRINT_DAYS, saturating_sum};
use crate::model::{Item, Kind, KindData};
use crate::workspace::{UnreadableFile, Workspace};

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

/// One sprint's report: data only; its [`Page`] is written by every format.
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
    /// Burndown and burnup: day 0 is the start, then one point per working day, for at
    /// most [`MAX_SPRINT_DAYS`] days.
    pub days: Vec<SprintDay>,
    /// Whether the sprint runs (or was closed) more than [`MAX_SPRINT_DAYS`] days after its
    /// start, so that `days` stops short of its end; present only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub days_cut: bool,
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
    /// Every file of the backlog pobox cannot read: counted nowhere in it, so listed here
    /// (domain §8; see [`super::unreadable`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableFile>,
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
        action_items: action_items(ws, &sprint, as_of),
        decisions: decisions(ws, &sprint),
        risks: open_risks(ws, RISK_SCORE_THRESHOLD),
        sprint,
        points,
        scope_changes,
        days: r.days,
        days_cut: r.days_cut,
        unreadable: ws.unreadable(&Kind::ALL),
    })
}

/// The moment the final scope is read at: the commit that closed the sprint, else the end
/// of its last day once that has passed, else the end of `as_of`.
fn close_point(history: &History, sprint: &Timeline, r: &SprintReport, as_of: Date) -> Option<usize> {
    if r.closed
        && let Some(e) = sprint
            .entries
            .iter()
            .find(|e| e.state.status.as_deref() == Some(SprintStatus::Closed.as_str()) && Some(e.date) == r.closed_on)
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
    let is_done = |st: Option<&State>| {
        st.and_then(|s| s.status.as_deref())
            .is_some_and(|s| history.config.workflow.is_done(s))
    };
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
        done: st
            .and_then(|s| s.status.as_deref())
            .is_some_and(|s| history.config.workflow.is_done(s)),
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
        window: v.window,
        mean: v.mean_last_3,
        min: v.min_last_3,
        max: v.max_last_3,
        sprints: v.sprints.into_iter().skip(skip).collect(),
    }
}

/// The sprint's meetings, by date then id: those whose `sprint` is its id, and those with no
/// `sprint` held between its first and last day.
fn meetings_of<'a>(ws: &'a Workspace, sprint: &SprintSummary) -> Vec<(&'a Item, Option<Date>)> {
    let id = sprint.id.as_str();
    let during = |d: Option<Date>| match (d, sprint.start, sprint.end) {
        (Some(d), Some(start), Some(end)) => start <= d && d <= end,
        _ => false,
    };
    let mut out: Vec<(&Item, Option<Date>)> = ws
        .of_kind(Kind::Meeting)
        .filter(|m| m.broken.is_none())
        .filter_map(|m| {
            let date = match &m.data {
                KindData::Meeting(f) => f.date,
                _ => None,
            };
            let named = m.sprint().map(str::trim).filter(|s| !s.is_empty());
            // A meeting names its sprint; one that names none belongs to the sprint its
            // date falls in, so its action items are not lost from every report.
            let ours = match named {
                Some(s) => s == id,
                None => during(date),
            };
            ours.then_some((m, date))
        })
        .collect();
    out.sort_by(|a, b| (a.1, &a.0.id).cmp(&(b.1, &b.0.id)));
    out
}

fn action_items(ws: &Workspace, sprint: &SprintSummary, as_of: Date) -> Vec<ActionItemRow> {
    meetings_of(ws, sprint)
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

fn decisions(ws: &Workspace, sprint: &SprintSummary) -> Vec<DecisionRow> {
    meetings_of(ws, sprint)
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

/// Open risks (status `open`, or none given) with a likelihood and an impact, scoring
/// `min_score` or more, highest first.
pub(crate) fn open_risks(ws: &Workspace, min_score: u32) -> Vec<RiskRow> {
    let mut out: Vec<RiskRow> = ws
        .of_kind(Kind::Risk)
        .filter(|i| i.broken.is_none())
        .filter_map(|i| {
            let KindData::Risk(r) = &i.data else { return None };
            if !RiskStatus::is_open(r.status.as_deref()) {
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

impl super::Report for SprintReportDoc {
    const NAME: &'static str = "sprint";

    fn page(&self) -> Page<'_> {
        let sp = &self.sprint;
        let mut facts = Vec::new();
        if !self.product.is_empty() {
            facts.push(vec![Span::user(&self.product)]);
        }
        match (sp.start, sp.end) {
            (Some(a), Some(b)) => facts.push(vec![Span::own(format!("{a} to {b}"))]),
            (Some(a), None) => facts.push(vec![Span::own(format!("from {a}"))]),
            _ => {}
        }
        facts.push(vec![Span::own("status "), Span::user(sp.status.as_deref().unwrap_or("unknown"))]);
        if let Some(d) = sp.closed_on.filter(|_| sp.closed) {
            facts.push(vec![Span::own(format!("closed on {d}"))]);
        }
        facts.push(vec![Span::own(format!("as of {}", self.as_of))]);
        let mut intro = Vec::new();
        if let Some(goal) = &sp.goal {
            intro.push(Block::Paragraph(
                Tone::Goal,
                vec![Span::strong("Sprint goal:"), Span::own(" "), Span::user(goal)],
            ));
        }
        intro.push(Block::Verdict("Goal met", sp.goal_met));
        Page {
            title: vec![
                Span::own("Sprint report: "),
                Span::user(&sp.id),
                Span::own(" "),
                Span::user(&sp.title),
            ],
            facts,
            intro,
            blocks: vec![
                self.summary(),
                self.burndown(),
                self.velocity_section(),
                self.scope_section(),
                self.stories_section(),
                self.meetings_section(),
                Block::section(
                    vec![Span::own(format!("Open risks (score {RISK_SCORE_THRESHOLD} or more)"))],
                    vec![if self.risks.is_empty() {
                        Block::words("None.")
                    } else {
                        risk_table(&self.risks)
                    }],
                ),
            ],
            source: "from the backlog's git history",
            source_note: "; dates are commit dates in UTC",
            as_of: self.as_of,
        }
        .with_unreadable(&self.unreadable)
    }
}

impl SprintReportDoc {
    /// The report's summary (commitment, scope change, completion, reliability) as text:
    /// what `pobox sprint close` prints, so it says exactly what the report says.
    #[must_use]
    pub fn summary_text(&self, width: Option<usize>) -> String {
        super::text::render_blocks(&[self.summary()], width)
    }

    fn summary(&self) -> Block<'_> {
        let p = &self.points;
        let kpis = vec![
            kpi(p.committed.to_string(), "points committed".into()),
            kpi(p.completed.to_string(), format!("points completed of {}", p.final_scope).into()),
            kpi(
                percent(p.commitment_reliability),
                format!("commitment reliability ({} of {})", p.committed_done, p.committed).into(),
            ),
            kpi(percent(p.completion_rate), "completion rate".into()),
            kpi(
                percent(p.scope_change_ratio),
                format!("scope change (+{} −{} ±{})", p.added, p.removed, p.reestimated).into(),
            ),
        ];
        let mut rows = vec![
            ("Committed at the start", p.committed.to_string()),
            ("Added after the start", p.added.to_string()),
            ("Removed after the start", p.removed.to_string()),
            ("Re-estimated (sum of changes)", p.reestimated.to_string()),
            ("Final scope", p.final_scope.to_string()),
            ("Completed", p.completed.to_string()),
            ("Not completed", p.not_completed.to_string()),
            ("Committed and completed", p.committed_done.to_string()),
        ];
        if let Some(c) = self.sprint.capacity {
            rows.push(("Capacity", c.to_string()));
        }
        let sentence = vec![
            Span::own("Commitment reliability "),
            Span::strong(percent(p.commitment_reliability)),
            Span::own(format!(
                " ({} of {} committed points done) · completion rate ",
                p.committed_done, p.committed
            )),
            Span::strong(percent(p.completion_rate)),
            Span::own(format!(" ({} of {} points) · scope change ", p.completed, p.final_scope)),
            Span::strong(percent(p.scope_change_ratio)),
            Span::own(" of the commitment."),
        ];
        Block::section(
            vec![Span::own("Summary")],
            vec![
                Block::Only(Medium::Page, vec![Block::Kpis { label: None, kpis }]),
                Block::Values {
                    caption: "Points",
                    name: "Measure",
                    value: "Points",
                    rows,
                },
                Block::Only(Medium::Text, vec![Block::para(sentence)]),
            ],
        )
    }

    fn burndown(&self) -> Block<'_> {
        let title = vec![Span::own("Burndown")];
        if self.days.is_empty() {
            return Block::section(title, vec![Block::words("No burndown: the sprint has no start date.")]);
        }
        let dash = |v: Option<u32>| v.map_or_else(|| "-".to_owned(), |v| v.to_string());
        let rows = self
            .days
            .iter()
            .map(|d| {
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
                vec![
                    Cell::own(d.day.to_string()),
                    Cell::own(d.date.to_string()),
                    Cell::own(dash(d.remaining)),
                    Cell::own(decimal(d.ideal)),
                    Cell::own(dash(d.completed)),
                    Cell::own(dash(d.scope)),
                    Cell::own(change.join(", ")),
                ]
            })
            .collect();
        let mut blocks = Vec::new();
        if self.days_cut {
            blocks.push(Block::words(format!(
                "The sprint runs, or was closed, more than {MAX_SPRINT_DAYS} days after its start, which no sprint does: \
                 the burndown shows its first {MAX_SPRINT_DAYS} days. Check its start and end dates \
                 (pobox validate reports a sprint this long as PO112)."
            )));
        }
        blocks.extend([
            Block::Figure(Figure::Burndown(Burndown {
                id: &self.sprint.id,
                title: &self.sprint.title,
                end: self.sprint.end,
                days: &self.days,
            })),
            Block::table(
                Some("Values per working day"),
                vec![
                    Column::Number("Day"),
                    Column::Text("Date"),
                    Column::Number("Remaining"),
                    Column::Number("Ideal"),
                    Column::Number("Completed"),
                    Column::Number("Scope"),
                    Column::Text("Scope change"),
                ],
                rows,
            ),
        ]);
        Block::section(title, blocks)
    }

    fn velocity_section(&self) -> Block<'_> {
        let v = &self.velocity;
        let title = vec![Span::own("Velocity")];
        if v.sprints.is_empty() {
            return Block::section(title, vec![Block::words("No closed sprint yet, so no velocity.")]);
        }
        let rows = v
            .sprints
            .iter()
            .map(|x| {
                vec![
                    Cell::user(&x.id),
                    Cell::own(x.start.map(|d| d.to_string()).unwrap_or_default()),
                    Cell::own(x.commitment.to_string()),
                    Cell::own(x.completed.to_string()),
                    Cell::own(percent(x.commitment_reliability)),
                    Cell::own(percent(x.completion_rate)),
                ]
            })
            .collect();
        let mut blocks = vec![
            Block::Figure(Figure::Velocity(Velocity {
                sprints: v
                    .sprints
                    .iter()
                    .map(|x| VelocityBar {
                        id: &x.id,
                        commitment: x.commitment,
                        completed: x.completed,
                    })
                    .collect(),
                window: v.window,
                mean: v.mean,
            })),
            Block::table(
                None,
                vec![
                    Column::Text("Sprint"),
                    Column::Text("Start"),
                    Column::Number("Committed"),
                    Column::Number("Completed"),
                    Column::Number("Reliability"),
                    Column::Number("Completion"),
                ],
                rows,
            ),
        ];
        if let (Some(mean), Some(min), Some(max)) = (v.mean, v.min, v.max) {
            blocks.push(Block::para(vec![
                Span::own(format!("Mean velocity of the last {}: ", v.window)),
                Span::strong(format!("{mean:.1} points")),
                Span::own(format!(" (min {min}, max {max}).")),
            ]));
        }
        Block::section(title, blocks)
    }

    fn scope_section(&self) -> Block<'_> {
        let title = vec![Span::own("Scope changes")];
        if self.scope_changes.is_empty() {
            return Block::section(title, vec![Block::words("None: the sprint ended with the scope it started with.")]);
        }
        let rows = self
            .scope_changes
            .iter()
            .map(|c| {
                let change = match c.kind {
                    ChangeKind::Added => format!("added, {}", points_text(c.to)),
                    ChangeKind::Removed => format!("removed, {}", points_text(c.from)),
                    ChangeKind::ReEstimated => format!("re-estimated {} → {}", c.from, c.to),
                };
                vec![
                    Cell::own(c.date.to_string()),
                    Cell::user(&c.id),
                    Cell::user(&c.title),
                    Cell::own(change),
                ]
            })
            .collect();
        Block::section(
            title,
            vec![Block::table(
                None,
                vec![
                    Column::Text("Date"),
                    Column::Text("Story"),
                    Column::Text("Title"),
                    Column::Text("Change"),
                ],
                rows,
            )],
        )
    }

    fn stories_section(&self) -> Block<'_> {
        let g = &self.stories;
        let mut blocks = vec![Block::note(vec![
            Span::AddedMarkerKey,
            Span::own(" added after the sprint started; "),
            Span::Code("3 → 5".into()),
            Span::own(" re-estimated during the sprint."),
        ])];
        story_table(&mut blocks, "Completed", &g.completed, |_| Vec::new());
        let open = if self.sprint.closed { "Not completed" } else { "Not completed yet" };
        story_table(&mut blocks, open, &g.not_completed, |r| {
            if !r.carried_over {
                Vec::new()
            } else if let Some(to) = &r.moved_to {
                vec![Span::own("carried over to "), Span::user(to)]
            } else {
                vec![Span::own("back to the backlog")]
            }
        });
        story_table(&mut blocks, "Added after the start", &g.added_after_start, |r| {
            vec![Span::own(r.date.map(|d| format!("added {d}")).unwrap_or_default())]
        });
        story_table(&mut blocks, "Removed", &g.removed, |r| {
            let when = r.date.map(|d| format!("removed {d}")).unwrap_or_default();
            match &r.moved_to {
                Some(to) => vec![Span::own(format!("{when}, moved to ")), Span::user(to)],
                None => vec![Span::own(when)],
            }
        });
        Block::section(vec![Span::own("Stories")], blocks)
    }

    fn meetings_section(&self) -> Block<'_> {
        let mut blocks = vec![Block::Subheading(vec![Span::own(format!(
            "Open action items ({})",
            self.action_items.len()
        ))])];
        if self.action_items.is_empty() {
            blocks.push(Block::words("None: every action item from this sprint's meetings is done."));
        } else {
            let rows = self
                .action_items
                .iter()
                .map(|a| {
                    let owner = a
                        .owner
                        .as_deref()
                        .map_or_else(|| vec![Span::own("no owner")], |o| vec![Span::own("@"), Span::user(o)]);
                    let due = match (&a.due, a.overdue) {
                        (Some(d), true) => vec![Span::user(d), Span::own(" "), Span::mark(Mark::Overdue, vec![Span::own("overdue")])],
                        (Some(d), false) => vec![Span::user(d)],
                        (None, _) => vec![Span::own("no due date")],
                    };
                    vec![
                        Cell::Spans(owner),
                        Cell::user(&a.text),
                        Cell::Spans(due),
                        Cell::Spans(meeting_spans(a.meeting_date, &a.meeting_title)),
                    ]
                })
                .collect();
            blocks.push(Block::table(
                None,
                vec![
                    Column::Text("Owner"),
                    Column::Text("Action"),
                    Column::Text("Due"),
                    Column::Text("Meeting"),
                ],
                rows,
            ));
        }
        blocks.push(Block::Subheading(vec![Span::own(format!("Decisions ({})", self.decisions.len()))]));
        if self.decisions.is_empty() {
            blocks.push(Block::words("None recorded."));
        } else {
            blocks.push(Block::List(
                self.decisions
                    .iter()
                    .map(|d| {
                        let when = d.meeting_date.map(|d| format!("{d} ")).unwrap_or_default();
                        vec![
                            Span::user(&d.text),
                            Span::own(" "),
                            Span::mark(
                                Mark::Note,
                                vec![Span::own(format!("({when}")), Span::user(&d.meeting_title), Span::own(")")],
                            ),
                        ]
                    })
                    .collect(),
            ));
        }
        Block::section(vec![Span::own("Meetings")], blocks)
    }
}

/// A story's estimate: `5`, or `3 → 5` when it changed during the sprint (Jira's notation).
fn estimate(row: &StoryRow) -> String {
    if row.reestimated() {
        format!("{} → {}", row.points_at_start, row.points)
    } else {
        row.points.to_string()
    }
}

/// `1 point`, `5 points`.
fn points_text(n: u32) -> String {
    if n == 1 { "1 point".to_owned() } else { format!("{n} points") }
}

/// A headline figure that a line of figures does not make bold.
fn kpi<'a>(value: String, label: Cow<'a, str>) -> Kpi<'a> {
    Kpi {
        value,
        label,
        strong: false,
    }
}

/// A meeting as a cell: `2026-10-02 Sprint review`.
pub(super) fn meeting_spans(date: Option<Date>, title: &str) -> Vec<Span<'_>> {
    match date {
        Some(d) => vec![Span::own(format!("{d} ")), Span::user(title)],
        None => vec![Span::user(title)],
    }
}

/// One of the sprint's story groups: its heading with the count and points, then its table.
fn story_table<'a>(blocks: &mut Vec<Block<'a>>, heading: &str, rows: &'a [StoryRow], note: impl Fn(&'a StoryRow) -> Vec<Span<'a>>) {
    let points = saturating_sum(rows.iter().map(|r| r.points));
    let n = rows.len();
    let plural = if n == 1 { "story" } else { "stories" };
    blocks.push(Block::Subheading(vec![Span::own(format!(
        "{heading} ({n} {plural}, {})",
        points_text(points)
    ))]));
    if rows.is_empty() {
        blocks.push(Block::words("None."));
        return;
    }
    let rows = rows
        .iter()
        .map(|r| {
            let mut id = vec![Span::user(&r.id)];
            if r.added_after_start {
                id.push(Span::AddedMarker);
            }
            vec![
                Cell::Spans(id),
                Cell::user(&r.title),
                Cell::own(estimate(r)),
                Cell::user(r.status.as_deref().unwrap_or("-")),
                Cell::Spans(note(r)),
            ]
        })
        .collect();
    blocks.push(Block::table(
        None,
        vec![
            Column::Text("Story"),
            Column::Text("Title"),
            Column::Number("Points"),
            Column::Text("Status"),
            Column::Text("Note"),
        ],
        rows,
    ));
}

/// Open risks as a table: score, band, owner and mitigation.
pub(super) fn risk_table(risks: &[RiskRow]) -> Block<'_> {
    let rows = risks
        .iter()
        .map(|r| {
            vec![
                Cell::user(&r.id),
                Cell::user(&r.title),
                Cell::own(format!("{} × {} = {}", r.likelihood, r.impact, r.score)),
                Cell::Band(r.band.as_str()),
                r.owner.as_deref().map_or_else(|| Cell::own(""), Cell::user),
                r.mitigation.as_deref().map_or_else(|| Cell::own(""), Cell::user),
            ]
        })
        .collect();
    Block::table(
        None,
        vec![
            Column::Text("Risk"),
            Column::Text("Title"),
            Column::Product("Likelihood × impact"),
            Column::Band("Band"),
            Column::Text("Owner"),
            Column::Text("Mitigation"),
        ],
        rows,
    )
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
