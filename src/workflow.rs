//! The workflow: the only place that knows what a status means (domain reference §8).
//!
//! A workspace names its stories' and epics' statuses in `pobox.yaml` (`statuses`, in the
//! order work moves through them). Each status belongs to one [`Category`], as Jira's status
//! categories do: not started, in progress, done or dropped. Every number pobox prints is
//! defined on categories, never on status names, so a team's own workflow (`backlog`,
//! `analysis`, `qa`, `accepted`) works in every command. Commands ask the [`Workflow`]
//! (is it open, started, done, dropped, at or past ready?) instead of comparing strings.
//!
//! `status_categories` in `pobox.yaml` gives a status its category; a status it does not name
//! gets one from its place in the list (see [`Workflow::new`]), so the plain list of today's
//! workspaces keeps its meaning. Sprints, risks and decisions have fixed life cycles of their
//! own ([`SprintStatus`], [`RiskStatus`], [`DecisionStatus`]).

use std::fmt;

use serde::Serialize;

/// The default workflow of stories and epics, in order.
pub const DEFAULT_STATUSES: [&str; 6] = ["draft", "ready", "in-progress", "review", "done", "dropped"];

/// The status a list without categories treats as dropped.
const DROPPED: &str = "dropped";
/// The status a list without categories treats as the first done one.
const DONE: &str = "done";
/// The status a list without categories treats as ready.
const READY: &str = "ready";

/// What a status means for the numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Open work not started yet (`draft`, `ready`). Its last status at or past the ready
    /// status means the Definition of Ready is met.
    NotStarted,
    /// Open work being done (`in-progress`, `review`): work in progress, and where cycle time
    /// starts.
    InProgress,
    /// Finished work (`done`): velocity, throughput, burndown and progress count it.
    Done,
    /// Neither open nor finished (`dropped`): out of scope, progress and forecasts, and shown
    /// apart.
    Dropped,
}

impl Category {
    /// Every category, in the order work moves.
    pub const ALL: [Category; 4] = [Category::NotStarted, Category::InProgress, Category::Done, Category::Dropped];

    /// Its name in `pobox.yaml`: `not-started`, `in-progress`, `done`, `dropped`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Category::NotStarted => "not-started",
            Category::InProgress => "in-progress",
            Category::Done => "done",
            Category::Dropped => "dropped",
        }
    }

    /// The category a name in `pobox.yaml` means: `not-started`, `in-progress`, `done` or
    /// `dropped`, with spaces or underscores for the hyphen and any case.
    #[must_use]
    pub fn parse(name: &str) -> Option<Category> {
        let name = name.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// Open work: not started or in progress.
    #[must_use]
    pub fn is_open(self) -> bool {
        matches!(self, Category::NotStarted | Category::InProgress)
    }

    /// The category another tool's status or status category says: a category's own name
    /// ([`Category::parse`]), Jira's category keys (`new`, `indeterminate`, `done`) and
    /// names (`To Do`, `In Progress`, `Done`), else the words a status name is made of
    /// (`Won't fix`, `Shipped`, `QA`, `Backlog`). The one vocabulary importers place an
    /// unknown status by; `None` when the name says nothing pobox can place.
    #[must_use]
    pub fn from_foreign(name: &str) -> Option<Category> {
        if let Some(c) = Category::parse(name) {
            return Some(c);
        }
        let name = name.trim().to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
        if has(&[
            "wont",
            "won't",
            "skip",
            "cancel",
            "reject",
            "duplicate",
            "obsolete",
            "abandon",
            "declin",
            "invalid",
        ]) {
            Some(Category::Dropped)
        } else if has(&[
            "done", "complete", "closed", "resolved", "shipped", "released", "merged", "finished", "fixed",
        ]) {
            Some(Category::Done)
        } else if has(&[
            "progress",
            "indeterminate",
            "doing",
            "started",
            "wip",
            "active",
            "review",
            "testing",
            "qa",
            "verif",
            "blocked",
        ]) {
            Some(Category::InProgress)
        } else if has(&["todo", "to do", "backlog", "open", "new", "planned", "idea", "triage", "pending"]) {
            Some(Category::NotStarted)
        } else {
            None
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The statuses of stories and epics, in order, each with its category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workflow {
    statuses: Vec<(String, Category)>,
    /// The status at which a story is ready for a sprint.
    ready: usize,
}

impl Default for Workflow {
    fn default() -> Self {
        Workflow::new(&DEFAULT_STATUSES.map(str::to_owned), &[])
    }
}

impl Workflow {
    /// The workflow of `statuses` (in order; empty means the default), with the categories
    /// `categories` gives. A status it does not name gets one from the list:
    ///
    /// - `dropped` is dropped;
    /// - the done status is `done`, else the last status that is not dropped (and not given
    ///   another category); it and any status after it are done;
    /// - the ready status is `ready`, else the second status; it and the statuses before it
    ///   are not started;
    /// - the statuses between ready and done are in progress.
    ///
    /// With categories given, the ready status is `ready` when that is not started, else
    /// the last status not started.
    #[must_use]
    pub fn new(statuses: &[String], categories: &[(String, Category)]) -> Workflow {
        let names: Vec<String> = if statuses.is_empty() {
            DEFAULT_STATUSES.map(str::to_owned).to_vec()
        } else {
            statuses.to_vec()
        };
        let given = |s: &str| categories.iter().find(|(n, _)| n == s).map(|(_, c)| *c);
        // A status that may anchor the done end: not given another category than done.
        let may_be_done = |s: &String| given(s).is_none_or(|c| c == Category::Done);
        let done_at = names
            .iter()
            .position(|s| s == DONE && may_be_done(s))
            .or_else(|| names.iter().rposition(|s| s != DROPPED && may_be_done(s)))
            .unwrap_or(0);
        let ready_at = names.iter().position(|s| s == READY).unwrap_or(1.min(names.len() - 1));
        let statuses: Vec<(String, Category)> = names
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let inferred = if s == DROPPED {
                    Category::Dropped
                } else if i >= done_at {
                    Category::Done
                } else if i <= ready_at {
                    Category::NotStarted
                } else {
                    Category::InProgress
                };
                (s.clone(), given(s).unwrap_or(inferred))
            })
            .collect();
        let ready = if categories.is_empty() {
            ready_at
        } else {
            statuses
                .iter()
                .position(|(s, c)| s == READY && *c == Category::NotStarted)
                .or_else(|| statuses.iter().rposition(|(_, c)| *c == Category::NotStarted))
                .unwrap_or(0)
        };
        Workflow { statuses, ready }
    }

    /// The statuses, in order.
    pub fn statuses(&self) -> impl Iterator<Item = &str> {
        self.statuses.iter().map(|(s, _)| s.as_str())
    }

    /// The statuses with their categories, in order.
    #[must_use]
    pub fn categorized(&self) -> &[(String, Category)] {
        &self.statuses
    }

    /// The category of `status`; `None` for a status the workflow does not have.
    #[must_use]
    pub fn category(&self, status: &str) -> Option<Category> {
        self.statuses.iter().find(|(s, _)| s == status).map(|(_, c)| *c)
    }

    /// Its place in the workflow.
    #[must_use]
    pub fn rank(&self, status: &str) -> Option<usize> {
        self.statuses.iter().position(|(s, _)| s == status)
    }

    /// Open work: not started or in progress. A status the workflow does not have counts as
    /// open (`pobox validate` reports it), so work is never lost from a count.
    #[must_use]
    pub fn is_open(&self, status: &str) -> bool {
        self.category(status).is_none_or(Category::is_open)
    }

    /// Work started: in progress or done.
    #[must_use]
    pub fn is_started(&self, status: &str) -> bool {
        matches!(self.category(status), Some(Category::InProgress | Category::Done))
    }

    /// Started and not finished: work in progress.
    #[must_use]
    pub fn is_in_progress(&self, status: &str) -> bool {
        self.category(status) == Some(Category::InProgress)
    }

    /// Finished.
    #[must_use]
    pub fn is_done(&self, status: &str) -> bool {
        self.category(status) == Some(Category::Done)
    }

    /// Out of scope.
    #[must_use]
    pub fn is_dropped(&self, status: &str) -> bool {
        self.category(status) == Some(Category::Dropped)
    }

    /// Done or dropped: nothing more to do.
    #[must_use]
    pub fn is_closed(&self, status: &str) -> bool {
        matches!(self.category(status), Some(Category::Done | Category::Dropped))
    }

    /// At the ready status or past it, and not dropped: the Definition of Ready is met.
    #[must_use]
    pub fn is_ready_or_later(&self, status: &str) -> bool {
        !self.is_dropped(status) && self.rank(status).is_some_and(|r| r >= self.ready)
    }

    /// The status at which a story is ready for a sprint (`ready`).
    #[must_use]
    pub fn ready_status(&self) -> &str {
        &self.statuses[self.ready].0
    }

    /// The status finished work moves to (`done`): the first done status.
    #[must_use]
    pub fn done_status(&self) -> Option<&str> {
        self.first_of(Category::Done)
    }

    /// The status dropped work moves to (`dropped`): the first dropped status.
    #[must_use]
    pub fn dropped_status(&self) -> Option<&str> {
        self.first_of(Category::Dropped)
    }

    /// The status a new item starts in: the first status of the workflow.
    #[must_use]
    pub fn first_status(&self) -> &str {
        &self.statuses[0].0
    }

    /// The status of this workflow that means what `status` means in the default one: the
    /// same status when this workflow has it, else the ready status, the first status, or the
    /// first status of `status`'s category. How an importer maps a tool's `In Review` or
    /// `Won't Do` onto a workflow of the team's own.
    #[must_use]
    pub fn counterpart(&self, status: &str) -> Option<&str> {
        if let Some(i) = self.rank(status) {
            return Some(&self.statuses[i].0);
        }
        let default = Workflow::default();
        match default.category(status)? {
            Category::NotStarted if status == default.ready_status() => Some(self.ready_status()),
            Category::NotStarted => Some(self.first_status()),
            c => self.first_of(c),
        }
    }

    /// The first status of `category` in this workflow (how an importer places a status
    /// whose name says only its category, such as `Cancelled by client`).
    #[must_use]
    pub fn first_of(&self, category: Category) -> Option<&str> {
        self.statuses.iter().find(|(_, c)| *c == category).map(|(s, _)| s.as_str())
    }

    /// Where new work starts: the first status of the not-started category (the workflow's
    /// first status when it has none), as a draft or an item without a status is placed.
    #[must_use]
    pub fn start_status(&self) -> &str {
        self.first_of(Category::NotStarted).unwrap_or_else(|| self.first_status())
    }
}

/// A sprint's life cycle (format contract: `planned`, `active`, `closed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SprintStatus {
    /// Not started yet.
    Planned,
    /// Running.
    Active,
    /// Finished.
    Closed,
}

impl SprintStatus {
    /// The statuses, in order.
    pub const ALL: [SprintStatus; 3] = [SprintStatus::Planned, SprintStatus::Active, SprintStatus::Closed];
    /// Their names, in order.
    pub const NAMES: [&'static str; 3] = ["planned", "active", "closed"];

    /// Its name in a sprint's file.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The status a sprint's `status` field names.
    #[must_use]
    pub fn parse(status: &str) -> Option<SprintStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == status)
    }
}

/// A risk's life cycle (format contract: `open`, `mitigated`, `closed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskStatus {
    /// Still a threat.
    Open,
    /// Reduced by what was done about it.
    Mitigated,
    /// No longer a threat.
    Closed,
}

impl RiskStatus {
    /// The statuses, in order.
    pub const ALL: [RiskStatus; 3] = [RiskStatus::Open, RiskStatus::Mitigated, RiskStatus::Closed];
    /// Their names, in order.
    pub const NAMES: [&'static str; 3] = ["open", "mitigated", "closed"];

    /// Its name in a risk's file.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Whether a risk with this `status` field is open: `open`, or no status at all.
    #[must_use]
    pub fn is_open(status: Option<&str>) -> bool {
        status.is_none_or(|s| s == RiskStatus::Open.as_str())
    }
}

/// A decision record's life cycle, the ADR convention's (format contract: `proposed`,
/// `accepted`, `rejected`, `superseded`): proposed → accepted or rejected; accepted →
/// superseded, when a later decision replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DecisionStatus {
    /// Written down, not yet decided.
    Proposed,
    /// Decided, and in force.
    Accepted,
    /// Considered and turned down.
    Rejected,
    /// Was in force; a later decision replaced it.
    Superseded,
}

impl DecisionStatus {
    /// The statuses, in order.
    pub const ALL: [DecisionStatus; 4] = [
        DecisionStatus::Proposed,
        DecisionStatus::Accepted,
        DecisionStatus::Rejected,
        DecisionStatus::Superseded,
    ];
    /// Their names, in order.
    pub const NAMES: [&'static str; 4] = ["proposed", "accepted", "rejected", "superseded"];

    /// Its name in a decision's file.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The status a decision's `status` field names; no status at all is `proposed`.
    #[must_use]
    pub fn of(status: Option<&str>) -> Option<DecisionStatus> {
        match status {
            None => Some(DecisionStatus::Proposed),
            Some(s) => Self::ALL.into_iter().find(|d| d.as_str() == s),
        }
    }

    /// The status another tool's word for a decision's state means, read loosely (`Accepted`,
    /// `approved`, `Superseded by ADR-0005`, `deprecated`, `draft`): what the ADR tools and
    /// Backlog.md write. `None` when the word means none of them.
    #[must_use]
    pub fn from_foreign(word: &str) -> Option<DecisionStatus> {
        let w = word.trim().to_lowercase();
        let first = w.split(|c: char| !c.is_alphanumeric()).find(|s| !s.is_empty()).unwrap_or("");
        if w.starts_with("on hold") || w.starts_with("under review") || w.starts_with("in review") {
            return Some(DecisionStatus::Proposed);
        }
        match first {
            "proposed" | "draft" | "open" | "pending" | "proposal" => Some(DecisionStatus::Proposed),
            "accepted" | "approved" | "adopted" | "decided" | "done" | "implemented" => Some(DecisionStatus::Accepted),
            "rejected" | "declined" => Some(DecisionStatus::Rejected),
            "superseded" | "superceded" | "deprecated" | "replaced" | "obsolete" => Some(DecisionStatus::Superseded),
            _ => None,
        }
    }

    /// Whether a decision may move from this status to `to`: proposed → accepted or
    /// rejected, accepted → superseded (and staying put).
    #[must_use]
    pub fn can_move_to(self, to: DecisionStatus) -> bool {
        use DecisionStatus::{Accepted, Proposed, Rejected, Superseded};
        self == to || matches!((self, to), (Proposed, Accepted | Rejected) | (Accepted, Superseded))
    }

    /// Whether a decision in this status is in force.
    #[must_use]
    pub fn in_force(self) -> bool {
        self == DecisionStatus::Accepted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn other_tools_status_names_are_placed_by_what_they_say() {
        for (name, category) in [
            ("To Do", Some(Category::NotStarted)),
            ("new", Some(Category::NotStarted)),
            ("indeterminate", Some(Category::InProgress)),
            ("In Progress", Some(Category::InProgress)),
            ("QA", Some(Category::InProgress)),
            ("Shipped", Some(Category::Done)),
            ("Won't fix", Some(Category::Dropped)),
            ("in-progress", Some(Category::InProgress)),
            ("Parked", None),
        ] {
            assert_eq!(Category::from_foreign(name), category, "{name}");
        }
        let w = Workflow::default();
        assert_eq!(w.start_status(), w.first_of(Category::NotStarted).unwrap());
    }

    #[test]
    fn the_default_workflow_has_the_categories_of_domain_8() {
        let w = Workflow::default();
        let cats: Vec<(&str, Category)> = w.categorized().iter().map(|(s, c)| (s.as_str(), *c)).collect();
        assert_eq!(
            cats,
            [
                ("draft", Category::NotStarted),
                ("ready", Category::NotStarted),
                ("in-progress", Category::InProgress),
                ("review", Category::InProgress),
                ("done", Category::Done),
                ("dropped", Category::Dropped),
            ]
        );
        assert_eq!(
            (w.ready_status(), w.done_status(), w.first_status()),
            ("ready", Some("done"), "draft")
        );
        assert!(w.is_open("draft") && w.is_open("review") && !w.is_open("done") && !w.is_open("dropped"));
        assert!(w.is_started("review") && w.is_started("done") && !w.is_started("ready") && !w.is_started("dropped"));
        assert!(w.is_ready_or_later("ready") && w.is_ready_or_later("done") && !w.is_ready_or_later("draft"));
        assert!(!w.is_ready_or_later("dropped"));
        assert!(w.is_closed("done") && w.is_closed("dropped") && !w.is_closed("review"));
        assert!(w.is_open("banana"), "an unknown status is never lost from open work");
    }

    #[test]
    fn a_plain_list_gets_its_categories_from_its_order() {
        let w = Workflow::new(&names(&["todo", "doing", "finished"]), &[]);
        assert_eq!(w.category("todo"), Some(Category::NotStarted));
        assert_eq!(
            w.category("doing"),
            Some(Category::NotStarted),
            "the second status is the ready one"
        );
        assert_eq!(w.category("finished"), Some(Category::Done));
        assert_eq!((w.ready_status(), w.done_status()), ("doing", Some("finished")));
        let w = Workflow::new(&names(&["new", "ready", "wip", "done", "archived", "dropped"]), &[]);
        assert_eq!(w.category("wip"), Some(Category::InProgress));
        assert_eq!(w.category("archived"), Some(Category::Done), "after done is done");
        assert_eq!(w.dropped_status(), Some("dropped"));
    }

    #[test]
    fn categories_in_pobox_yaml_win() {
        let w = Workflow::new(
            &names(&["backlog", "analysis", "build", "qa", "accepted", "won't do"]),
            &[
                ("analysis".to_owned(), Category::InProgress),
                ("qa".to_owned(), Category::InProgress),
                ("accepted".to_owned(), Category::Done),
                ("won't do".to_owned(), Category::Dropped),
            ],
        );
        assert_eq!(w.category("backlog"), Some(Category::NotStarted));
        assert_eq!(w.category("build"), Some(Category::InProgress), "between ready and done");
        assert_eq!(w.ready_status(), "backlog", "the last status not started");
        assert_eq!((w.done_status(), w.dropped_status()), (Some("accepted"), Some("won't do")));
        assert!(w.is_closed("won't do") && !w.is_started("won't do"));
    }

    #[test]
    fn counterparts_map_default_statuses_onto_a_custom_workflow() {
        let w = Workflow::new(
            &names(&["backlog", "refined", "build", "accepted", "won't do"]),
            &[
                ("build".to_owned(), Category::InProgress),
                ("won't do".to_owned(), Category::Dropped),
            ],
        );
        assert_eq!(w.counterpart("draft"), Some("backlog"));
        assert_eq!(w.counterpart("ready"), Some("refined"));
        assert_eq!(w.counterpart("review"), Some("build"));
        assert_eq!(w.counterpart("done"), Some("accepted"));
        assert_eq!(w.counterpart("dropped"), Some("won't do"));
        assert_eq!(w.counterpart("banana"), None);
        assert_eq!(Workflow::default().counterpart("review"), Some("review"));
    }

    #[test]
    fn category_names_read_loosely() {
        assert_eq!(Category::parse("In Progress"), Some(Category::InProgress));
        assert_eq!(Category::parse("not_started"), Some(Category::NotStarted));
        assert_eq!(Category::parse("finished"), None);
    }

    #[test]
    fn sprint_and_risk_life_cycles() {
        assert_eq!(SprintStatus::parse("active"), Some(SprintStatus::Active));
        assert_eq!(SprintStatus::Closed.as_str(), "closed");
        assert!(RiskStatus::is_open(None) && RiskStatus::is_open(Some("open")) && !RiskStatus::is_open(Some("closed")));
    }

    #[test]
    fn decision_life_cycle() {
        use DecisionStatus::{Accepted, Proposed, Rejected, Superseded};
        assert_eq!(DecisionStatus::of(None), Some(Proposed));
        assert_eq!(DecisionStatus::of(Some("superseded")), Some(Superseded));
        assert_eq!(DecisionStatus::of(Some("Accepted")), None, "a file's status is exact");
        assert!(Proposed.can_move_to(Accepted) && Proposed.can_move_to(Rejected) && Accepted.can_move_to(Superseded));
        assert!(!Rejected.can_move_to(Accepted) && !Superseded.can_move_to(Accepted) && !Proposed.can_move_to(Superseded));
        assert_eq!(
            DecisionStatus::from_foreign("Superseded by [ADR-0005](0005-x.md)"),
            Some(Superseded)
        );
        assert_eq!(DecisionStatus::from_foreign("  Accepted "), Some(Accepted));
        assert_eq!(DecisionStatus::from_foreign("deprecated"), Some(Superseded));
        assert_eq!(DecisionStatus::from_foreign("on hold"), Some(Proposed), "MADR's own records say so");
        assert_eq!(
            DecisionStatus::from_foreign("Implemented in [!4678](https://example.org/mr/4678)"),
            Some(Accepted),
            "an implemented decision is in force (18F's records say so)"
        );
        assert_eq!(DecisionStatus::from_foreign("banana"), None);
    }
}
