//! Sprint planning and the sprint life cycle: `pobox sprint plan`, `start` and `close`.
//!
//! Planning fills a sprint greedily from the ordered backlog (domain reference §1): ready
//! stories in `rank` order, each prerequisite pulled in before the story that waits for it,
//! up to the sprint's capacity. Closing counts commitment and completion (§3) and carries
//! unfinished stories on.
//!
//! The velocity a plan falls back on is the history's (domain §3: completed points of each
//! closed sprint as git recorded them, [`crate::history::sprints::velocity`]) when the caller
//! has the history, else today's files: a story counts for the sprint its `sprint:` names and
//! as done when its status says so now. Closing reads today's files too.
//!
//! A story file pobox cannot read may be in any sprint (its `sprint:` is unknown). A plan
//! lists such files as not counted; writing a plan, starting and closing refuse while one
//! exists ([`SprintError::Unreadable`]), since each would record or move a sprint's scope
//! from a wrong picture of it (domain §8).

use std::collections::HashSet;
use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::change::{self, ChangeError};
use crate::diag::suggest;
use crate::edit::NewValue;
use crate::model::Kind;
use crate::model::item::{Item, KindData, Sprint, saturating_sum};
use crate::workflow::SprintStatus;
use crate::workspace::{AmbiguousId, LookupError, UnreadableFile, UnreadableScope, Workspace};

/// The sprint statuses (format reference: `planned`, `active`, `closed`).
const PLANNED: &str = SprintStatus::Planned.as_str();
const ACTIVE: &str = SprintStatus::Active.as_str();
const CLOSED: &str = SprintStatus::Closed.as_str();
/// A story status that takes it out of the sprint's scope without finishing it.
/// How many closed sprints the velocity fallback averages (domain §3: "last N", 3–5).
pub const VELOCITY_SPRINTS: usize = crate::history::sprints::VELOCITY_WINDOW;

/// Why a sprint command could not be carried out.
#[derive(Debug, thiserror::Error)]
pub enum SprintError {
    /// No item has that id.
    #[error("no sprint has the id `{0}`{1}")]
    NotFound(String, String),
    /// The id names an item of another kind.
    #[error("{id} is {kind}, not a sprint")]
    NotASprint {
        /// The id.
        id: String,
        /// What it is, with its article (`a story`).
        kind: String,
    },
    /// The sprint's own file cannot be read; validation says why.
    #[error("{id} cannot be read ({path}: {problem}), so pobox cannot plan, start or close it")]
    Broken {
        /// The sprint's id.
        id: String,
        /// Its file, with `/`.
        path: String,
        /// Why it cannot be read.
        problem: String,
    },
    /// A story file pobox cannot read may belong to the sprint: planning with `--write`,
    /// starting and closing wait until it is fixed.
    #[error(transparent)]
    Unreadable(#[from] UnreadableScope),
    /// No sprint given and none planned.
    #[error("there is no planned sprint to plan")]
    NoPlannedSprint,
    /// Planning a sprint that is already closed.
    #[error("{0} is closed; plan the next sprint instead")]
    PlanClosed(String),
    /// No capacity given, none on the sprint (its id) and no closed sprint to take a
    /// velocity from.
    #[error("{0} has no capacity and there is no closed sprint to take a velocity from")]
    NoCapacity(String),
    /// Starting a sprint while another one runs: `other` must be closed first.
    #[error("{other} is still active")]
    OtherActive {
        /// The sprint being started.
        sprint: String,
        /// The sprint that is active.
        other: String,
    },
    /// Starting or closing a sprint that is closed.
    #[error("{0} is already closed")]
    AlreadyClosed(String),
    /// The sprint named to carry unfinished stories to cannot take them.
    #[error("cannot carry stories to {target}: {why}")]
    BadCarryTarget {
        /// The sprint named.
        target: String,
        /// Why not.
        why: String,
    },
    /// More than one file has an id the command acts on (the sprint's, or a story's it
    /// would write); nothing is written.
    #[error(transparent)]
    Ambiguous(#[from] AmbiguousId),
    /// Writing a change failed.
    #[error(transparent)]
    Change(#[from] ChangeError),
}

/// Where a plan's capacity came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "from", rename_all = "kebab-case")]
pub enum CapacitySource {
    /// Given with the plan (the caller's capacity).
    Option,
    /// The sprint's `capacity` field.
    Sprint,
    /// The mean velocity of recent closed sprints, rounded down.
    Velocity {
        /// The sprints averaged, most recent first.
        sprints: Vec<String>,
        /// Each one's velocity, in the same order.
        velocities: Vec<u32>,
        /// Their mean before rounding.
        mean: f64,
        /// Where the velocities were read.
        basis: VelocityBasis,
    },
}

/// Where a velocity was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VelocityBasis {
    /// Git history: completed points of each sprint as its commits recorded them.
    History,
    /// Today's files: points of the stories that name the sprint and are done now.
    Files,
}

impl fmt::Display for CapacitySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CapacitySource::Option => f.write_str("the capacity asked for"),
            CapacitySource::Sprint => f.write_str("the sprint's capacity"),
            CapacitySource::Velocity {
                sprints,
                velocities,
                mean,
                basis,
            } => {
                let each: Vec<String> = sprints.iter().zip(velocities).map(|(s, v)| format!("{s} {v}")).collect();
                let basis = match basis {
                    VelocityBasis::History => "git history",
                    VelocityBasis::Files => "today's files",
                };
                write!(f, "mean velocity {mean:.1} of {}, from {basis}", each.join(", "))
            }
        }
    }
}

/// Why a story is in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Why {
    /// It already named the sprint before planning.
    AlreadyPlanned,
    /// It is next in backlog order and fits.
    BacklogOrder,
    /// A story in the plan waits for it.
    Prerequisite {
        /// The story that waits.
        of: String,
    },
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::AlreadyPlanned => f.write_str("already planned"),
            Why::BacklogOrder => f.write_str("next in backlog order"),
            Why::Prerequisite { of } => write!(f, "prerequisite of {of}"),
        }
    }
}

/// A story in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedStory {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its estimate; `None` only for a story already planned without one.
    pub points: Option<u32>,
    /// Its rank, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<f64>,
    /// Why it is in the plan.
    pub why: Why,
}

/// What keeps a prerequisite from being pulled into the sprint.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Blocker {
    /// No item has its id.
    Missing,
    /// It is not at the ready status (a draft, or work under way elsewhere).
    Status {
        /// Its status (`none` when it has none).
        status: String,
    },
    /// It is planned into another sprint and not done.
    OtherSprint {
        /// That sprint.
        sprint: String,
        /// Its status there.
        status: String,
    },
    /// It is ready but has no estimate.
    NoEstimate,
    /// It is ready, but it and the story that waits for it do not fit together.
    DoesNotFit {
        /// Points of the story and every prerequisite it needs.
        needed: u32,
        /// Points left in the sprint.
        left: u32,
    },
    /// It is not a story, so it cannot be planned, and it is not done.
    NotAStory {
        /// Its kind.
        kind: Kind,
    },
}

/// Why a ready story stays out of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SkipReason {
    /// It has no `points`; pobox never guesses an estimate.
    NoEstimate,
    /// It alone is bigger than what is left.
    DoesNotFit {
        /// Its points.
        points: u32,
        /// Points left in the sprint.
        left: u32,
    },
    /// An unfinished prerequisite cannot come along.
    WaitsFor {
        /// The prerequisite.
        prerequisite: String,
        /// Why it cannot.
        blocker: Blocker,
    },
}

/// A ready story left out of the plan, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its estimate.
    pub points: Option<u32>,
    /// Why, as data.
    pub reason: SkipReason,
    /// Why, in words: "S-9 waits for S-4, which is draft".
    pub message: String,
}

/// Something to look at before committing to a planned story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRisk {
    /// The story.
    pub id: String,
    /// What is wrong with it.
    pub message: String,
}

/// A proposed sprint backlog; [`write_plan`] makes it real.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// The sprint planned.
    pub sprint: String,
    /// Its goal, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// The points it can take.
    pub capacity: u32,
    /// Where `capacity` came from.
    pub capacity_source: CapacitySource,
    /// The sprint's stories: those already planned first, then the new ones in the order
    /// they were taken (each prerequisite before the story that waits for it).
    pub stories: Vec<PlannedStory>,
    /// Points of every story in the plan.
    pub total: u32,
    /// `capacity - total`; negative when the stories already planned exceed the capacity.
    pub left: i64,
    /// Ready stories left out, in backlog order.
    pub skipped: Vec<Skipped>,
    /// Stories of the plan to look at again.
    pub risks: Vec<PlanRisk>,
    /// Ready stories considered that have no `rank` (they come last, by id).
    pub unranked: usize,
    /// Story files pobox cannot read: they may be in the sprint or ready, so neither the
    /// total nor the candidates count them, and [`write_plan`] refuses while there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableFile>,
}

impl Plan {
    /// The stories [`write_plan`] would change: those not already in the sprint.
    pub fn new_stories(&self) -> impl Iterator<Item = &PlannedStory> {
        self.stories.iter().filter(|s| s.why != Why::AlreadyPlanned)
    }
}

/// The sprint with this id.
///
/// # Errors
/// [`SprintError::NotFound`] (with a suggestion), [`SprintError::Ambiguous`],
/// [`SprintError::NotASprint`], [`SprintError::Broken`].
pub fn find<'a>(ws: &'a Workspace, id: &str) -> Result<&'a Item, SprintError> {
    let item = match ws.find(id) {
        Ok(item) => item,
        Err(LookupError::Ambiguous(e)) => return Err(e.into()),
        Err(LookupError::NotFound { .. }) => {
            let near = suggest(id, ws.of_kind(Kind::Sprint).map(|i| i.id.as_str()));
            let hint = near.map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
            return Err(SprintError::NotFound(id.to_owned(), hint));
        }
    };
    if item.kind != Kind::Sprint {
        return Err(SprintError::NotASprint {
            id: id.to_owned(),
            kind: item.kind.with_article(),
        });
    }
    if let Some(file) = UnreadableFile::of(item) {
        return Err(SprintError::Broken {
            id: id.to_owned(),
            path: file.path,
            problem: file.problem,
        });
    }
    Ok(item)
}

fn sprint_fields(item: &Item) -> Option<&Sprint> {
    match &item.data {
        KindData::Sprint(s) => Some(s),
        _ => None,
    }
}

fn sprint_status(item: &Item) -> &str {
    item.status().unwrap_or("")
}

/// Sort key for ids: prefix, then number, so SP-2 comes before SP-10.
fn id_key(id: &str) -> (&str, u64, &str) {
    match id.rsplit_once('-') {
        Some((prefix, n)) => (prefix, n.parse().unwrap_or(u64::MAX), id),
        None => (id, u64::MAX, id),
    }
}

/// Readable sprints in start order (sprints without a start last, then by id).
fn sprints_by_start(ws: &Workspace) -> Vec<&Item> {
    let mut sprints: Vec<&Item> = ws.of_kind(Kind::Sprint).filter(|s| s.broken.is_none()).collect();
    sprints.sort_by(|a, b| {
        let sa = sprint_fields(a).and_then(|s| s.start);
        let sb = sprint_fields(b).and_then(|s| s.start);
        (sa.is_none(), sa, id_key(&a.id)).cmp(&(sb.is_none(), sb, id_key(&b.id)))
    });
    sprints
}

/// The next planned sprint by start date.
#[must_use]
pub fn next_planned(ws: &Workspace) -> Option<&Item> {
    sprints_by_start(ws).into_iter().find(|s| sprint_status(s) == PLANNED)
}

/// The active sprint (the earliest one, should several claim to be).
#[must_use]
pub fn active(ws: &Workspace) -> Option<&Item> {
    sprints_by_start(ws).into_iter().find(|s| sprint_status(s) == ACTIVE)
}

/// The closed sprint with the latest start date.
#[must_use]
pub fn last_closed(ws: &Workspace) -> Option<&Item> {
    sprints_by_start(ws)
        .into_iter()
        .rfind(|s| sprint_status(s) == CLOSED && sprint_fields(s).is_some_and(|f| f.start.is_some()))
}

/// The last day of a sprint that starts on `start` and lasts `length_days` days (at least
/// one); `None` past the last representable date (or a span of days jiff cannot hold).
#[must_use]
pub fn end_of(start: Date, length_days: u32) -> Option<Date> {
    let span = jiff::Span::new().try_days(i64::from(length_days.max(1)) - 1).ok()?;
    start.checked_add(span).ok()
}

/// The sprint a board shows by default: the active one, else the next planned one.
#[must_use]
pub fn current(ws: &Workspace) -> Option<&Item> {
    active(ws).or_else(|| next_planned(ws))
}

/// Readable stories planned into `sprint`.
pub fn stories_of<'a>(ws: &'a Workspace, sprint: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
    ws.of_kind(Kind::Story)
        .filter(move |s| s.broken.is_none() && s.sprint().map(str::trim) == Some(sprint))
}

/// A sprint's velocity from today's files: points of its stories that are done.
#[must_use]
pub fn velocity(ws: &Workspace, sprint: &str) -> u32 {
    saturating_sum(
        stories_of(ws, sprint)
            .filter(|s| s.status().is_some_and(|st| ws.config.workflow.is_done(st)))
            .filter_map(Item::points),
    )
}

/// The mean velocity of the last [`VELOCITY_SPRINTS`] closed sprints (by start date), or
/// `None` when no sprint is closed.
#[must_use]
pub fn recent_velocity(ws: &Workspace) -> Option<CapacitySource> {
    let closed: Vec<&Item> = sprints_by_start(ws).into_iter().filter(|s| sprint_status(s) == CLOSED).collect();
    let last: Vec<&Item> = closed.iter().rev().take(VELOCITY_SPRINTS).copied().collect();
    if last.is_empty() {
        return None;
    }
    let velocities: Vec<u32> = last.iter().map(|s| velocity(ws, &s.id)).collect();
    let mean = velocities.iter().map(|v| f64::from(*v)).sum::<f64>() / velocities.len() as f64;
    Some(CapacitySource::Velocity {
        sprints: last.iter().map(|s| s.id.clone()).collect(),
        velocities,
        mean,
        basis: VelocityBasis::Files,
    })
}

/// The mean velocity of the last [`VELOCITY_SPRINTS`] sprints that git's history shows
/// closed, or `None` when none is.
#[must_use]
pub fn history_velocity(v: &crate::history::sprints::Velocity) -> Option<CapacitySource> {
    let last: Vec<_> = v.sprints.iter().rev().take(VELOCITY_SPRINTS).collect();
    let mean = v.mean_last_3?;
    Some(CapacitySource::Velocity {
        sprints: last.iter().map(|s| s.id.clone()).collect(),
        velocities: last.iter().map(|s| s.completed).collect(),
        mean,
        basis: VelocityBasis::History,
    })
}

/// Propose a sprint backlog for `sprint_id` (default: the next planned sprint) with
/// `capacity` points (default: the sprint's `capacity`, else the mean velocity of the last
/// three closed sprints, rounded down so the plan promises no more than the team has
/// finished). That velocity is `velocity()`'s when the caller has the history (it reads it
/// from git, only when needed): `Some(None)` when history counts no closed sprint (none
/// closed, or only sprints first seen already closed, which velocity leaves out), and only
/// without a history (`None`) is it [`recent_velocity`] from today's files.
///
/// Candidates are stories at exactly the ready status that are in no sprint, in `rank`
/// order (unranked ones after, by id). Each is taken when it fits what is left; an
/// unfinished prerequisite outside the sprint is pulled in first when it is ready and
/// everything fits together, otherwise the story is skipped with the reason. Stories
/// already planned into the sprint count against the capacity first. Read the workspace
/// with bodies, or no story can be flagged for missing acceptance criteria.
///
/// # Errors
/// See [`SprintError`]: an unknown or closed sprint, no planned sprint, no capacity.
pub fn plan(
    ws: &Workspace,
    sprint_id: Option<&str>,
    capacity: Option<u32>,
    velocity: impl FnOnce() -> Option<Option<CapacitySource>>,
) -> Result<Plan, SprintError> {
    let sprint = match sprint_id {
        Some(id) => find(ws, id)?,
        None => next_planned(ws).ok_or(SprintError::NoPlannedSprint)?,
    };
    if sprint_status(sprint) == CLOSED {
        return Err(SprintError::PlanClosed(sprint.id.clone()));
    }
    let fields = sprint_fields(sprint).cloned().unwrap_or_default();
    let (capacity, capacity_source) = match (capacity, fields.capacity) {
        (Some(c), _) => (c, CapacitySource::Option),
        (None, Some(c)) => (c, CapacitySource::Sprint),
        (None, None) => match velocity().unwrap_or_else(|| recent_velocity(ws)) {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Some(source @ CapacitySource::Velocity { mean, .. }) => (mean.floor() as u32, source),
            _ => return Err(SprintError::NoCapacity(sprint.id.clone())),
        },
    };

    let mut planner = Planner {
        ws,
        sprint: &sprint.id,
        in_plan: HashSet::new(),
        stories: Vec::new(),
        total: 0,
    };
    for story in stories_of(ws, &sprint.id) {
        planner.add(story, Why::AlreadyPlanned);
    }

    let ready = ws.config.workflow.ready_status();
    let mut candidates: Vec<&Item> = ws
        .of_kind(Kind::Story)
        .filter(|s| s.broken.is_none() && s.status() == Some(ready) && s.sprint().is_none_or(|sp| sp.trim().is_empty()))
        .collect();
    candidates.sort_by(|a, b| {
        let (ra, rb) = (rank(a), rank(b));
        match (ra, rb) {
            (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| id_key(&a.id).cmp(&id_key(&b.id))),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => id_key(&a.id).cmp(&id_key(&b.id)),
        }
    });
    let unranked = candidates.iter().filter(|c| rank(c).is_none()).count();

    let mut skipped = Vec::new();
    for story in candidates {
        if planner.in_plan.contains(story.id.as_str()) {
            continue;
        }
        let left = capacity.saturating_sub(planner.total);
        let reason = match story.points() {
            None => Some(SkipReason::NoEstimate),
            Some(points) => match planner.prerequisites(story) {
                Err((prerequisite, blocker)) => Some(SkipReason::WaitsFor { prerequisite, blocker }),
                Ok(prereqs) => {
                    let needed = saturating_sum(std::iter::once(points).chain(prereqs.iter().filter_map(|p| p.points())));
                    if needed <= left {
                        for p in prereqs {
                            planner.add(p, Why::Prerequisite { of: story.id.clone() });
                        }
                        planner.add(story, Why::BacklogOrder);
                        None
                    } else if prereqs.is_empty() || points > left {
                        Some(SkipReason::DoesNotFit { points, left })
                    } else {
                        Some(SkipReason::WaitsFor {
                            prerequisite: prereqs[0].id.clone(),
                            blocker: Blocker::DoesNotFit { needed, left },
                        })
                    }
                }
            },
        };
        if let Some(reason) = reason {
            skipped.push(Skipped {
                message: skip_message(&story.id, &reason),
                id: story.id.clone(),
                title: story.title.clone(),
                points: story.points(),
                reason,
            });
        }
    }

    let risks = plan_risks(ws, &planner.stories);
    let total = planner.total;
    Ok(Plan {
        sprint: sprint.id.clone(),
        goal: fields.goal.clone(),
        capacity,
        capacity_source,
        stories: planner.stories,
        total,
        left: i64::from(capacity) - i64::from(total),
        skipped,
        risks,
        unranked,
        unreadable: ws.unreadable(&[Kind::Story]),
    })
}

fn rank(item: &Item) -> Option<f64> {
    item.as_story().and_then(|s| s.rank)
}

/// The plan being built.
struct Planner<'a> {
    ws: &'a Workspace,
    sprint: &'a str,
    in_plan: HashSet<&'a str>,
    stories: Vec<PlannedStory>,
    total: u32,
}

impl<'a> Planner<'a> {
    fn add(&mut self, story: &'a Item, why: Why) {
        self.in_plan.insert(&story.id);
        self.total = self.total.saturating_add(story.points().unwrap_or(0));
        self.stories.push(PlannedStory {
            id: story.id.clone(),
            title: story.title.clone(),
            points: story.points(),
            rank: rank(story),
            why,
        });
    }

    fn is_done(&self, item: &Item) -> bool {
        item.status().is_some_and(|s| self.ws.config.workflow.is_done(s))
    }

    /// The unfinished prerequisites of `story` that must come into the sprint with it,
    /// deepest first, or the first one that cannot come and why.
    fn prerequisites(&self, story: &'a Item) -> Result<Vec<&'a Item>, (String, Blocker)> {
        let mut out = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        seen.insert(&story.id);
        self.collect(story, &mut seen, &mut out)?;
        Ok(out)
    }

    fn collect(&self, story: &'a Item, seen: &mut HashSet<&'a str>, out: &mut Vec<&'a Item>) -> Result<(), (String, Blocker)> {
        let deps = match &story.data {
            KindData::Story(s) => &s.depends_on,
            _ => return Ok(()),
        };
        for dep_id in deps {
            let dep_id = dep_id.trim();
            // A cycle is PO-rule territory (`pobox validate`); here it only must not loop.
            if self.in_plan.contains(dep_id) || !seen.insert(dep_id) {
                continue;
            }
            let Some(dep) = self.ws.get(dep_id) else {
                return Err((dep_id.to_owned(), Blocker::Missing));
            };
            if self.is_done(dep) {
                continue;
            }
            if dep.kind != Kind::Story {
                return Err((dep_id.to_owned(), Blocker::NotAStory { kind: dep.kind }));
            }
            let status = dep.status().unwrap_or("none").to_owned();
            if let Some(other) = dep.sprint().map(str::trim).filter(|s| !s.is_empty() && *s != self.sprint) {
                return Err((
                    dep_id.to_owned(),
                    Blocker::OtherSprint {
                        sprint: other.to_owned(),
                        status,
                    },
                ));
            }
            if dep.broken.is_some() || status != self.ws.config.workflow.ready_status() {
                return Err((dep_id.to_owned(), Blocker::Status { status }));
            }
            if dep.points().is_none() {
                return Err((dep_id.to_owned(), Blocker::NoEstimate));
            }
            self.collect(dep, seen, out)?;
            out.push(dep);
        }
        Ok(())
    }
}

fn skip_message(id: &str, reason: &SkipReason) -> String {
    match reason {
        SkipReason::NoEstimate => "no estimate".to_owned(),
        SkipReason::DoesNotFit { points, left } => format!("{points} pts doesn't fit the {left} pts left"),
        SkipReason::WaitsFor { prerequisite, blocker } => {
            let which = match blocker {
                Blocker::Missing => "which does not exist".to_owned(),
                Blocker::Status { status } => format!("which is {status}"),
                Blocker::OtherSprint { sprint, status } => format!("which is {status} in {sprint}"),
                Blocker::NoEstimate => "which has no estimate".to_owned(),
                Blocker::DoesNotFit { needed, left } => format!("which doesn't fit ({needed} pts together, {left} left)"),
                Blocker::NotAStory { kind } => format!("{} that is not done", kind.with_article()),
            };
            format!("{id} waits for {prerequisite}, {which}")
        }
    }
}

/// Planned stories with no real acceptance criteria, too big to be Small, or without an
/// estimate (already planned that way: planning never adds one).
fn plan_risks(ws: &Workspace, planned: &[PlannedStory]) -> Vec<PlanRisk> {
    let mut risks = Vec::new();
    for p in planned {
        let Some(item) = ws.get(&p.id) else { continue };
        if item.body.is_some() && crate::validate::readiness::real_criteria(item.body()) == 0 {
            risks.push(PlanRisk {
                id: p.id.clone(),
                message: "no acceptance criteria".to_owned(),
            });
        }
        match p.points {
            Some(points) if points > ws.config.split_threshold => risks.push(PlanRisk {
                id: p.id.clone(),
                message: format!(
                    "{points} pts is above the split threshold of {}: not Small, split it",
                    ws.config.split_threshold
                ),
            }),
            None => risks.push(PlanRisk {
                id: p.id.clone(),
                message: "no estimate: it counts as 0 pts".to_owned(),
            }),
            Some(_) => {}
        }
    }
    risks
}

/// Write a plan: set `sprint:` on its stories that do not have it yet. Returns their ids.
///
/// # Errors
/// [`SprintError::Unreadable`] when the plan did not count story files pobox cannot read,
/// and [`SprintError::Ambiguous`] when two files have the id of a story to write, both
/// before anything is written; [`SprintError::Change`] when a file cannot be written; stories
/// written before it keep their change, so running the plan again finishes the job.
pub fn write_plan(ws: &Workspace, plan: &Plan) -> Result<Vec<String>, SprintError> {
    if !plan.unreadable.is_empty() {
        return Err(SprintError::Unreadable(UnreadableScope {
            action: format!("write the plan of {}", plan.sprint),
            why: UNKNOWN_SCOPE,
            files: plan.unreadable.clone(),
        }));
    }
    ws.refuse_ambiguous(plan.new_stories().map(|s| s.id.as_str()))?;
    let mut written = Vec::new();
    for story in plan.new_stories() {
        let change = [("sprint".to_owned(), NewValue::Text(plan.sprint.clone()))];
        if change::set(ws, &story.id, &change)?.is_some() {
            written.push(story.id.clone());
        }
    }
    Ok(written)
}

/// What starting a sprint did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Started {
    /// The sprint.
    pub sprint: String,
    /// False when it was already active.
    pub changed: bool,
    /// How many stories it holds (dropped ones aside).
    pub stories: usize,
    /// Their points: the commitment as of now.
    pub committed: u32,
    /// Its capacity, when set.
    pub capacity: Option<u32>,
    /// Its first and last day, when both are set, for a warning when they lie in the past.
    pub dates: Option<(Date, Date)>,
}

/// Stories of a sprint that are in its scope: every one but the dropped.
fn in_scope<'a>(ws: &'a Workspace, sprint: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
    stories_of(ws, sprint).filter(|s| !s.status().is_some_and(|st| ws.config.workflow.is_dropped(st)))
}

/// What a story file pobox cannot read leaves unknown about a sprint.
const UNKNOWN_SCOPE: &str = "a story file pobox cannot read may be in the sprint: its sprint, status and points are unknown";

/// Make a sprint active. Starting the active sprint again changes nothing.
///
/// # Errors
/// [`SprintError::AlreadyClosed`], [`SprintError::OtherActive`] (one sprint runs at a
/// time), [`SprintError::Unreadable`] while a story file cannot be read (the commitment
/// would miss it), lookup errors (see [`find`]) and write errors.
pub fn start(ws: &Workspace, id: &str) -> Result<Started, SprintError> {
    let sprint = find(ws, id)?;
    match sprint_status(sprint) {
        CLOSED => return Err(SprintError::AlreadyClosed(id.to_owned())),
        ACTIVE => {}
        _ => {
            if let Some(other) = ws
                .of_kind(Kind::Sprint)
                .find(|s| s.id != sprint.id && s.broken.is_none() && sprint_status(s) == ACTIVE)
            {
                return Err(SprintError::OtherActive {
                    sprint: id.to_owned(),
                    other: other.id.clone(),
                });
            }
        }
    }
    ws.refuse_unreadable(&[Kind::Story], format!("start {}", sprint.id), UNKNOWN_SCOPE)?;
    let changed = change::set(ws, id, &[("status".to_owned(), NewValue::Text(ACTIVE.to_owned()))])?.is_some();
    let stories: Vec<&Item> = in_scope(ws, &sprint.id).collect();
    Ok(Started {
        sprint: sprint.id.clone(),
        changed,
        stories: stories.len(),
        committed: saturating_sum(stories.iter().filter_map(|s| s.points())),
        capacity: sprint_fields(sprint).and_then(|s| s.capacity),
        dates: sprint_fields(sprint).and_then(|s| Some((s.start?, s.end?))),
    })
}

/// Where a sprint's days lie as against today, for the warning `sprint new` and `sprint
/// start` give when a sprint is made or started on days already gone (a stale date copied
/// from a guide or an old note), which nothing else would point out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DaysGone {
    /// It starts today or later.
    None,
    /// It started `days` days ago and has not ended.
    Started {
        /// Days since its first day.
        days: i64,
    },
    /// Its last day was `days` days ago: the whole sprint lies in the past.
    Ended {
        /// Days since its last day.
        days: i64,
    },
}

/// How many of the days from `start` to `end` are gone by `today`.
#[must_use]
pub fn days_gone(start: Date, end: Date, today: Date) -> DaysGone {
    let ago = |d: Date| today.since((jiff::Unit::Day, d)).map_or(0, |s| i64::from(s.get_days()));
    if end < today {
        DaysGone::Ended { days: ago(end) }
    } else if start < today {
        DaysGone::Started { days: ago(start) }
    } else {
        DaysGone::None
    }
}

/// Where an unfinished story went when its sprint closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "to", content = "sprint", rename_all = "kebab-case")]
pub enum CarriedTo {
    /// Into this sprint.
    Sprint(String),
    /// Back to the backlog (`sprint:` removed).
    Backlog,
}

impl fmt::Display for CarriedTo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CarriedTo::Sprint(s) => f.write_str(s),
            CarriedTo::Backlog => f.write_str("the backlog"),
        }
    }
}

/// What closing a sprint counted and did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Closed {
    /// The sprint.
    pub sprint: String,
    /// Its final scope: points of its stories at close, dropped ones aside (they left its
    /// scope). Not the commitment, which is the scope at the start (git history knows it).
    pub final_scope: u32,
    /// Points of those that are done: its velocity.
    pub completed: u32,
    /// `completed / final_scope` in whole percent: the completion rate; `None` without
    /// points.
    pub completion_percent: Option<u32>,
    /// The unfinished stories, where they went.
    pub carried: Vec<String>,
    /// Where `carried` went.
    pub carried_to: CarriedTo,
}

/// Close a sprint: unfinished stories (not done, not dropped) move to `carry_to`, else to
/// the next sprint by start date that is planned or active, else back to the backlog; then
/// the sprint's status becomes `closed`. `goal_met` is left to the product owner.
///
/// Stories move before the sprint is closed, so a failed write leaves the sprint open and
/// closing it again carries the rest.
///
/// # Errors
/// [`SprintError::AlreadyClosed`], [`SprintError::BadCarryTarget`],
/// [`SprintError::Unreadable`] while a story file cannot be read (it may be in the sprint,
/// uncounted and not carried), lookup errors (see [`find`]), [`SprintError::Ambiguous`]
/// before anything is written when two files have the id of a story to carry, and write
/// errors.
pub fn close(ws: &Workspace, id: &str, carry_to: Option<&str>) -> Result<Closed, SprintError> {
    let sprint = find(ws, id)?;
    if sprint_status(sprint) == CLOSED {
        return Err(SprintError::AlreadyClosed(id.to_owned()));
    }
    ws.refuse_unreadable(&[Kind::Story], format!("close {}", sprint.id), UNKNOWN_SCOPE)?;
    let target = match carry_to {
        Some(t) => {
            let bad = |why: String| SprintError::BadCarryTarget { target: t.to_owned(), why };
            let item = find(ws, t).map_err(|e| match e {
                SprintError::Ambiguous(e) => SprintError::Ambiguous(e),
                e => bad(e.to_string()),
            })?;
            if item.id == sprint.id {
                return Err(bad("that is the sprint being closed".to_owned()));
            }
            if sprint_status(item) == CLOSED {
                return Err(bad("it is closed".to_owned()));
            }
            CarriedTo::Sprint(item.id.clone())
        }
        None => next_sprint_after(ws, sprint).map_or(CarriedTo::Backlog, |s| CarriedTo::Sprint(s.id.clone())),
    };
    let scope: Vec<&Item> = in_scope(ws, &sprint.id).collect();
    let done = |s: &Item| s.status().is_some_and(|st| ws.config.workflow.is_done(st));
    let final_scope = saturating_sum(scope.iter().filter_map(|s| s.points()));
    let completed = saturating_sum(scope.iter().filter(|s| done(s)).filter_map(|s| s.points()));
    let unfinished: Vec<&Item> = scope.iter().filter(|s| !done(s)).copied().collect();
    let value = match &target {
        CarriedTo::Sprint(s) => NewValue::Text(s.clone()),
        CarriedTo::Backlog => NewValue::Remove,
    };
    // Every id written must name one file, checked before the first write.
    ws.refuse_ambiguous(unfinished.iter().map(|s| s.id.as_str()))?;
    for story in &unfinished {
        change::set(ws, &story.id, &[("sprint".to_owned(), value.clone())])?;
    }
    change::set(ws, id, &[("status".to_owned(), NewValue::Text(CLOSED.to_owned()))])?;
    let completion_percent = (final_scope > 0).then(|| {
        // Whole percent, rounded half up: 26 of 34 is 76 %.
        (u64::from(completed) * 100 + u64::from(final_scope) / 2) / u64::from(final_scope)
    });
    Ok(Closed {
        sprint: sprint.id.clone(),
        final_scope,
        completed,
        completion_percent: completion_percent.map(|p| u32::try_from(p).unwrap_or(u32::MAX)),
        carried: unfinished.iter().map(|s| s.id.clone()).collect(),
        carried_to: target,
    })
}

/// The planned or active sprint that starts first after `sprint` (any, when `sprint` has
/// no start date).
fn next_sprint_after<'a>(ws: &'a Workspace, sprint: &Item) -> Option<&'a Item> {
    let start = sprint_fields(sprint).and_then(|s| s.start);
    sprints_by_start(ws).into_iter().find(|s| {
        s.id != sprint.id
            && matches!(sprint_status(s), PLANNED | ACTIVE)
            && match (start, sprint_fields(s).and_then(|f| f.start)) {
                (Some(a), Some(b)) => b > a,
                (Some(_), None) => false,
                (None, _) => true,
            }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::LoadOptions;

    const CRITERIA: &str = "As a shopper, I want it, so that I have it.\n\n## Acceptance criteria\n\n- [ ] Given x, when y, then z\n";

    /// A workspace in a temporary folder: `pobox.yaml` and these files under `backlog/`.
    struct Fixture {
        dir: tempfile::TempDir,
    }

    impl Fixture {
        fn new(files: &[(&str, String)]) -> Self {
            Fixture {
                dir: crate::workspace::testing::folder("product: Test\n", files),
            }
        }

        fn ws(&self) -> Workspace {
            Workspace::load(
                self.dir.path(),
                LoadOptions {
                    bodies: true,
                    cache: false,
                },
            )
            .unwrap()
        }

        fn read(&self, rel: &str) -> String {
            std::fs::read_to_string(self.dir.path().join("backlog").join(rel)).unwrap()
        }
    }

    fn story(id: &str, front: &str) -> (&'static str, String) {
        let path: &'static str = Box::leak(format!("stories/{id}.md").into_boxed_str());
        (path, format!("---\nid: {id}\ntitle: Story {id}\n{front}---\n{CRITERIA}"))
    }

    fn sprint(id: &str, front: &str) -> (&'static str, String) {
        let path: &'static str = Box::leak(format!("sprints/{id}.md").into_boxed_str());
        (path, format!("---\nid: {id}\ntitle: Sprint {id}\n{front}---\n"))
    }

    fn ids(plan: &Plan) -> Vec<&str> {
        plan.stories.iter().map(|s| s.id.as_str()).collect()
    }

    fn skipped(plan: &Plan) -> Vec<(&str, &str)> {
        plan.skipped.iter().map(|s| (s.id.as_str(), s.message.as_str())).collect()
    }

    #[test]
    fn a_sprint_ends_on_its_last_day() {
        let start = jiff::civil::date(2026, 12, 7);
        assert_eq!(end_of(start, 14), Some(jiff::civil::date(2026, 12, 20)));
        assert_eq!(end_of(start, 1), Some(start));
        assert_eq!(end_of(start, 0), Some(start));
        assert_eq!(end_of(jiff::civil::date(9999, 12, 30), 14), None);
    }

    #[test]
    fn capacity_comes_from_the_option_the_sprint_or_velocity() {
        let files = vec![
            sprint("SP-1", "start: 2026-01-05\nstatus: closed\n"),
            sprint("SP-2", "start: 2026-01-19\nstatus: closed\n"),
            sprint("SP-3", "start: 2026-02-02\nstatus: closed\n"),
            sprint("SP-4", "start: 2026-02-16\nstatus: closed\n"),
            sprint("SP-5", "start: 2026-03-02\nstatus: planned\n"),
            sprint("SP-6", "start: 2026-03-16\nstatus: planned\ncapacity: 30\n"),
            story("S-1", "status: done\npoints: 20\nsprint: SP-1\n"),
            story("S-2", "status: done\npoints: 8\nsprint: SP-2\n"),
            story("S-3", "status: done\npoints: 5\nsprint: SP-3\n"),
            story("S-4", "status: review\npoints: 13\nsprint: SP-3\n"),
            story("S-5", "status: done\npoints: 13\nsprint: SP-4\n"),
        ];
        let f = Fixture::new(&files);
        let ws = f.ws();
        assert_eq!(plan(&ws, None, Some(7), || None).unwrap().capacity, 7);
        let p = plan(&ws, Some("SP-6"), None, || None).unwrap();
        assert_eq!((p.capacity, &p.capacity_source), (30, &CapacitySource::Sprint));
        // SP-5 is the next planned sprint; it has no capacity: the last three closed
        // sprints (SP-4 13, SP-3 5 — S-4 is not done —, SP-2 8) average 8.67, rounded down.
        let p = plan(&ws, None, None, || None).unwrap();
        assert_eq!(p.sprint, "SP-5");
        assert_eq!(p.capacity, 8);
        let CapacitySource::Velocity { sprints, velocities, .. } = &p.capacity_source else {
            panic!("{:?}", p.capacity_source)
        };
        assert_eq!(
            (sprints.join(" "), velocities.clone()),
            ("SP-4 SP-3 SP-2".to_owned(), vec![13, 5, 8])
        );
        assert_eq!(
            p.capacity_source.to_string(),
            "mean velocity 8.7 of SP-4 13, SP-3 5, SP-2 8, from today's files"
        );

        let f = Fixture::new(&[sprint("SP-1", "status: planned\n")]);
        let e = plan(&f.ws(), None, None, || None).unwrap_err();
        assert!(matches!(&e, SprintError::NoCapacity(id) if id == "SP-1"), "{e}");
        assert_eq!(
            e.to_string(),
            "SP-1 has no capacity and there is no closed sprint to take a velocity from"
        );

        let f = Fixture::new(&[sprint("SP-1", "status: active\n")]);
        let e = plan(&f.ws(), None, Some(5), || None).unwrap_err();
        assert!(matches!(e, SprintError::NoPlannedSprint), "{e}");
        let e = plan(&f.ws(), Some("SP-9"), Some(5), || None).unwrap_err().to_string();
        assert_eq!(e, "no sprint has the id `SP-9` (did you mean `SP-1`?)");
    }

    #[test]
    fn stories_come_in_rank_order_and_fill_greedily() {
        let f = Fixture::new(&[
            sprint("SP-1", "status: planned\ncapacity: 10\n"),
            story("S-1", "status: ready\npoints: 5\nrank: 3\n"),
            story("S-2", "status: ready\npoints: 8\nrank: 1\n"),
            story("S-3", "status: ready\npoints: 2\n"),
            story("S-4", "status: ready\npoints: 1\nrank: 2\n"),
            story("S-5", "status: draft\npoints: 1\nrank: 0.5\n"),
            story("S-6", "status: ready\nrank: 4\n"),
            story("S-7", "status: ready\npoints: 1\nsprint: SP-9\n"),
            story("S-10", "status: ready\npoints: 1\n"),
        ]);
        let p = plan(&f.ws(), None, None, || None).unwrap();
        assert_eq!(ids(&p), ["S-2", "S-4", "S-10"]);
        assert_eq!((p.total, p.left, p.unranked), (10, 0, 2));
        assert_eq!(
            skipped(&p),
            [
                ("S-1", "5 pts doesn't fit the 1 pts left"),
                ("S-6", "no estimate"),
                ("S-3", "2 pts doesn't fit the 1 pts left")
            ]
        );
        assert!(p.stories.iter().all(|s| s.why == Why::BacklogOrder));
    }

    #[test]
    fn prerequisites_come_first_or_the_story_waits() {
        let f = Fixture::new(&[
            sprint("SP-1", "status: closed\n"),
            sprint("SP-2", "status: planned\ncapacity: 12\n"),
            story("S-1", "status: ready\npoints: 3\nrank: 1\ndepends_on: [S-2]\n"),
            story("S-2", "status: ready\npoints: 2\nrank: 9\ndepends_on: [S-3]\n"),
            story("S-3", "status: done\npoints: 5\n"),
            story("S-4", "status: ready\npoints: 1\nrank: 2\ndepends_on: [S-5]\n"),
            story("S-5", "status: draft\npoints: 1\n"),
            story("S-6", "status: ready\npoints: 3\nrank: 3\ndepends_on: [S-7]\n"),
            story("S-7", "status: ready\npoints: 5\nrank: 10\n"),
            story("S-8", "status: ready\npoints: 1\nrank: 4\ndepends_on: [S-9]\n"),
            story("S-9", "status: in-progress\npoints: 1\nsprint: SP-1\n"),
            story("S-11", "status: ready\npoints: 1\nrank: 5\ndepends_on: [S-40]\n"),
            story("S-12", "status: ready\npoints: 1\nrank: 6\ndepends_on: [S-13]\n"),
            story("S-13", "status: ready\npoints: 8\nrank: 11\n"),
        ]);
        let p = plan(&f.ws(), None, None, || None).unwrap();
        assert_eq!(ids(&p), ["S-2", "S-1", "S-7"]);
        assert_eq!(p.stories[0].why, Why::Prerequisite { of: "S-1".into() });
        assert_eq!(p.stories[0].why.to_string(), "prerequisite of S-1");
        assert_eq!(
            skipped(&p),
            [
                ("S-4", "S-4 waits for S-5, which is draft"),
                ("S-6", "S-6 waits for S-7, which doesn't fit (8 pts together, 7 left)"),
                ("S-8", "S-8 waits for S-9, which is in-progress in SP-1"),
                ("S-11", "S-11 waits for S-40, which does not exist"),
                ("S-12", "S-12 waits for S-13, which doesn't fit (9 pts together, 7 left)"),
                ("S-13", "8 pts doesn't fit the 2 pts left"),
            ]
        );
    }

    #[test]
    fn planned_stories_count_first_and_risks_are_flagged() {
        let f = Fixture::new(&[
            sprint("SP-1", "status: planned\ncapacity: 20\n"),
            story("S-1", "status: in-progress\npoints: 8\nsprint: SP-1\n"),
            story("S-2", "status: ready\nsprint: SP-1\n"),
            (
                "stories/S-3.md",
                "---\nid: S-3\ntitle: No criteria\nstatus: ready\npoints: 3\nrank: 1\n---\nAs a user, I want it.\n".to_owned(),
            ),
            story("S-4", "status: ready\npoints: 20\nrank: 2\n"),
            story("S-5", "status: ready\npoints: 8\nrank: 3\n"),
        ]);
        let p = plan(&f.ws(), None, None, || None).unwrap();
        assert_eq!(ids(&p), ["S-1", "S-2", "S-3", "S-5"]);
        assert_eq!(p.stories[0].why, Why::AlreadyPlanned);
        assert_eq!((p.total, p.left), (19, 1));
        assert_eq!(skipped(&p), [("S-4", "20 pts doesn't fit the 9 pts left")]);
        let risks: Vec<(&str, &str)> = p.risks.iter().map(|r| (r.id.as_str(), r.message.as_str())).collect();
        assert_eq!(
            risks,
            [("S-2", "no estimate: it counts as 0 pts"), ("S-3", "no acceptance criteria")]
        );
        let p = plan(&f.ws(), None, Some(40), || None).unwrap();
        assert!(
            p.risks
                .iter()
                .any(|r| r.id == "S-4" && r.message == "20 pts is above the split threshold of 13: not Small, split it"),
            "{:?}",
            p.risks
        );
        // Already planned beyond the capacity: nothing more comes in, and `left` says by how much.
        let p = plan(&f.ws(), None, Some(5), || None).unwrap();
        assert_eq!((ids(&p), p.left), (vec!["S-1", "S-2"], -3));
    }

    #[test]
    fn writing_a_plan_sets_only_the_sprint_line_of_new_stories() {
        let f = Fixture::new(&[
            sprint("SP-1", "status: planned\ncapacity: 5\n"),
            story("S-1", "status: ready\npoints: 3\nsprint: SP-1\n"),
            story("S-2", "status: ready\n# keep me\npoints: 2\nrank: 1\n"),
        ]);
        let before = f.read("stories/S-2.md");
        let ws = f.ws();
        let p = plan(&ws, None, None, || None).unwrap();
        assert_eq!(write_plan(&ws, &p).unwrap(), ["S-2"]);
        // One line added, in the story's key order; the comment and the rest stay.
        assert_eq!(f.read("stories/S-2.md"), before.replace("points: 2\n", "points: 2\nsprint: SP-1\n"));
        assert!(
            write_plan(&f.ws(), &plan(&f.ws(), None, None, || None).unwrap())
                .unwrap()
                .is_empty()
        );
    }

    fn close_fixture(extra: &[(&'static str, String)]) -> Fixture {
        let mut files = vec![
            sprint("SP-1", "start: 2026-01-05\nstatus: active\n"),
            story("S-1", "status: done\npoints: 8\nsprint: SP-1\n"),
            story("S-2", "status: review\npoints: 3\nsprint: SP-1\n"),
            story("S-3", "status: ready\npoints: 2\nsprint: SP-1\n"),
            story("S-4", "status: dropped\npoints: 5\nsprint: SP-1\n"),
        ];
        files.extend(extra.iter().cloned());
        Fixture::new(&files)
    }

    #[test]
    fn close_carries_unfinished_stories_to_the_next_sprint() {
        let f = close_fixture(&[
            sprint("SP-2", "start: 2026-01-19\nstatus: planned\n"),
            sprint("SP-3", "start: 2026-02-02\nstatus: planned\n"),
        ]);
        let c = close(&f.ws(), "SP-1", None).unwrap();
        assert_eq!((c.final_scope, c.completed, c.completion_percent), (13, 8, Some(62)));
        assert_eq!(c.carried, ["S-2", "S-3"]);
        assert_eq!(c.carried_to, CarriedTo::Sprint("SP-2".into()));
        assert!(f.read("stories/S-2.md").contains("sprint: SP-2\n"));
        assert!(f.read("stories/S-4.md").contains("sprint: SP-1\n"), "dropped stories stay");
        assert!(f.read("sprints/SP-1.md").contains("status: closed\n"));
        assert!(!f.read("sprints/SP-1.md").contains("goal_met"));
        let e = close(&f.ws(), "SP-1", None).unwrap_err();
        assert_eq!(e.to_string(), "SP-1 is already closed");
    }

    #[test]
    fn close_carries_to_the_sprint_named_or_to_the_backlog() {
        let f = close_fixture(&[
            sprint("SP-2", "start: 2026-01-19\nstatus: planned\n"),
            sprint("SP-3", "start: 2026-02-02\nstatus: planned\n"),
        ]);
        let e = close(&f.ws(), "SP-1", Some("S-1")).unwrap_err().to_string();
        assert_eq!(e, "cannot carry stories to S-1: S-1 is a story, not a sprint");
        let c = close(&f.ws(), "SP-1", Some("SP-3")).unwrap();
        assert_eq!(c.carried_to, CarriedTo::Sprint("SP-3".into()));
        assert!(f.read("stories/S-3.md").contains("sprint: SP-3\n"));

        let f = close_fixture(&[sprint("SP-0", "start: 2025-12-22\nstatus: closed\n")]);
        let c = close(&f.ws(), "SP-1", None).unwrap();
        assert_eq!(c.carried_to, CarriedTo::Backlog);
        assert!(!f.read("stories/S-2.md").contains("sprint:"));
        assert!(f.read("stories/S-1.md").contains("sprint: SP-1\n"));
    }

    #[test]
    fn an_unreadable_story_stops_writing_a_plan_starting_and_closing_and_nothing_is_written() {
        let broken = ("stories/S-9.md", "---\nid: S-9\ntitle: [oops\nsprint: SP-1\n---\n".to_owned());
        let f = close_fixture(&[sprint("SP-2", "start: 2026-01-19\nstatus: planned\ncapacity: 8\n"), broken]);
        let before: Vec<String> = ["sprints/SP-1.md", "sprints/SP-2.md", "stories/S-2.md"].map(|p| f.read(p)).into();
        let ws = f.ws();
        let e = close(&ws, "SP-1", None).unwrap_err();
        assert!(matches!(&e, SprintError::Unreadable(scope) if scope.files.len() == 1 && scope.files[0].id == "S-9"));
        assert_eq!(
            e.to_string(),
            "cannot close SP-1 while backlog/stories/S-9.md cannot be read (YAML error at line 4)"
        );
        assert!(start(&ws, "SP-1").unwrap_err().to_string().starts_with("cannot start SP-1 while"));
        let p = plan(&ws, Some("SP-2"), None, || None).unwrap();
        assert_eq!(p.unreadable.len(), 1, "the plan says what it did not count");
        let e = write_plan(&ws, &p).unwrap_err().to_string();
        assert!(e.starts_with("cannot write the plan of SP-2 while backlog/stories/S-9.md"), "{e}");
        let after: Vec<String> = ["sprints/SP-1.md", "sprints/SP-2.md", "stories/S-2.md"].map(|p| f.read(p)).into();
        assert_eq!(after, before);
    }

    #[test]
    fn a_sprint_whose_own_file_is_unreadable_is_named_with_its_file() {
        let f = Fixture::new(&[("sprints/SP-1.md", "---\nid: SP-1\nstatus: [active\n---\n".to_owned())]);
        let e = close(&f.ws(), "SP-1", None).unwrap_err().to_string();
        assert_eq!(
            e,
            "SP-1 cannot be read (backlog/sprints/SP-1.md: YAML error at line 3), so pobox cannot plan, start or close it"
        );
    }

    #[test]
    fn one_sprint_runs_at_a_time() {
        let f = Fixture::new(&[
            sprint("SP-1", "status: active\n"),
            sprint("SP-2", "status: planned\n"),
            sprint("SP-3", "status: closed\n"),
            story("S-1", "status: ready\npoints: 3\nsprint: SP-2\n"),
        ]);
        let ws = f.ws();
        assert_eq!(start(&ws, "SP-2").unwrap_err().to_string(), "SP-1 is still active");
        assert_eq!(start(&ws, "SP-3").unwrap_err().to_string(), "SP-3 is already closed");
        assert!(!start(&ws, "SP-1").unwrap().changed, "starting the active sprint changes nothing");
        close(&ws, "SP-1", None).unwrap();
        let s = start(&f.ws(), "SP-2").unwrap();
        assert_eq!((s.changed, s.stories, s.committed), (true, 1, 3));
        assert!(f.read("sprints/SP-2.md").contains("status: active\n"));
    }
}
