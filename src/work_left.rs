//! The work left that a "when will it be done?" forecast counts (domain reference §3,
//! "Monte Carlo"; docs/forecasting.md), chosen in one place for every front-end:
//!
//! - a number of stories (or a range, drawn per trial), given by the user;
//! - an epic's readable stories that are still open: any status but done and dropped
//!   ([`Config::is_closed`], domain §8);
//! - the same for the stories of the active sprint.
//!
//! The forecast itself is [`crate::forecast`]'s; this module only says what it is of.

use serde::Serialize;

use crate::config::Config;
use crate::forecast::{ForecastError, ItemsToDo};
use crate::model::read::numbered_id;
use crate::model::{Item, Kind};
use crate::workspace::{AmbiguousId, LookupError, Workspace};

/// Where the count of stories left came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WorkSource {
    /// A count (or range) the user gave.
    Items,
    /// An epic's open stories.
    Epic,
    /// The active sprint's open stories.
    Sprint,
}

/// A story counted as work left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenStory {
    /// Its id.
    pub id: String,
    /// Its status, when it has one.
    pub status: Option<String>,
}

/// The work left, for "when will it be done?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkLeft {
    /// Where the count came from.
    pub source: WorkSource,
    /// The epic or sprint, when the stories were counted from one.
    pub id: Option<String>,
    /// The number of stories (the low end of a range).
    pub count: u32,
    /// The high end of a range (`count` is the low end).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count_high: Option<u32>,
    /// The statuses that count as not finished (`None` for a count the user gave).
    pub counted_statuses: Option<Vec<String>>,
    /// The stories counted, in id order (empty for a count the user gave).
    pub stories: Vec<OpenStory>,
}

/// Why there is no work to forecast.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkLeftError {
    /// No item has the epic's id.
    #[error("there is no epic {0}")]
    NoEpic(String),
    /// More than one file has the epic's id.
    #[error(transparent)]
    Ambiguous(#[from] AmbiguousId),
    /// The id names an item of another kind.
    #[error("{id} is {kind}, not an epic", kind = .kind.with_article())]
    NotAnEpic {
        /// The id.
        id: String,
        /// What it is.
        kind: Kind,
    },
    /// No epic or count was named and no sprint is active.
    #[error("there is no active sprint to forecast")]
    NoActiveSprint,
}

impl WorkLeft {
    /// `low` to `high` more stories, as the user counted them (`low == high` for one number).
    #[must_use]
    pub fn items(low: u32, high: u32) -> WorkLeft {
        WorkLeft {
            source: WorkSource::Items,
            id: None,
            count: low,
            count_high: (high != low).then_some(high),
            counted_statuses: None,
            stories: Vec::new(),
        }
    }

    /// The open stories of `epic`.
    ///
    /// # Errors
    /// [`WorkLeftError::NoEpic`] when no item has that id, [`WorkLeftError::Ambiguous`]
    /// when more than one file has it, [`WorkLeftError::NotAnEpic`] when it is not an epic.
    pub fn of_epic(ws: &Workspace, epic: &str) -> Result<WorkLeft, WorkLeftError> {
        // An alias (`--epic BACK-12`) names the epic as its id does.
        let epic = match ws.find(epic) {
            Err(LookupError::NotFound { .. }) => return Err(WorkLeftError::NoEpic(epic.to_owned())),
            Err(LookupError::Ambiguous(e)) => return Err(e.into()),
            Ok(item) if item.kind != Kind::Epic => {
                return Err(WorkLeftError::NotAnEpic {
                    id: epic.to_owned(),
                    kind: item.kind,
                });
            }
            Ok(item) => item.id.as_str(),
        };
        let stories = open_stories(ws, ws.of_kind(Kind::Story).filter(|s| s.epic().map(str::trim) == Some(epic)));
        Ok(WorkLeft::counted(&ws.config, WorkSource::Epic, epic, stories))
    }

    /// The open stories of the active sprint.
    ///
    /// # Errors
    /// [`WorkLeftError::NoActiveSprint`] when no sprint is active.
    pub fn of_active_sprint(ws: &Workspace) -> Result<WorkLeft, WorkLeftError> {
        let sprint = crate::sprint::active(ws).ok_or(WorkLeftError::NoActiveSprint)?;
        let stories = open_stories(ws, crate::sprint::stories_of(ws, &sprint.id));
        Ok(WorkLeft::counted(&ws.config, WorkSource::Sprint, &sprint.id, stories))
    }

    fn counted(config: &Config, source: WorkSource, id: &str, stories: Vec<OpenStory>) -> WorkLeft {
        WorkLeft {
            source,
            id: Some(id.to_owned()),
            count: u32::try_from(stories.len()).unwrap_or(u32::MAX),
            count_high: None,
            counted_statuses: Some(open_statuses(config)),
            stories,
        }
    }

    /// Whether there is nothing to do: no stories, and no range that might draw some.
    #[must_use]
    pub fn is_nothing(&self) -> bool {
        self.count == 0 && self.count_high.is_none()
    }

    /// What the trials draw: the count (or range), times a split rate `(low, high)` if given.
    ///
    /// # Errors
    /// [`ForecastError::SplitRate`] for a split rate that is not a valid range.
    pub fn to_do(&self, split_rate: Option<(f64, f64)>) -> Result<ItemsToDo, ForecastError> {
        let items = ItemsToDo::range(self.count, self.count_high.unwrap_or(self.count))?;
        match split_rate {
            Some((low, high)) => items.with_split_rate(low, high),
            None => Ok(items),
        }
    }
}

/// The story statuses that count as open: the workflow's, without done and dropped.
#[must_use]
pub fn open_statuses(config: &Config) -> Vec<String> {
    config
        .statuses_for(Kind::Story)
        .into_iter()
        .filter(|s| !config.workflow.is_closed(s))
        .map(str::to_owned)
        .collect()
}

/// The readable stories among `stories` that are still open, in id order (numbers in
/// numeric order: S-2 before S-10).
fn open_stories<'a>(ws: &Workspace, stories: impl Iterator<Item = &'a Item>) -> Vec<OpenStory> {
    let prefix = ws.config.prefix(Kind::Story).unwrap_or("S");
    let closed = |s: &Item| s.status().is_some_and(|st| ws.config.workflow.is_closed(st));
    let mut open: Vec<&Item> = stories.filter(|s| s.broken.is_none() && !closed(s)).collect();
    open.sort_by_key(|s| (numbered_id(&s.id, prefix).unwrap_or(u64::MAX), s.id.clone()));
    open.into_iter()
        .map(|s| OpenStory {
            id: s.id.clone(),
            status: s.status().map(str::to_owned),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workspace of `files` (paths under `backlog/`).
    fn workspace(files: &[(&str, &str)]) -> (tempfile::TempDir, Workspace) {
        crate::workspace::testing::load(files, false)
    }

    const EPIC: (&str, &str) = ("epics/E-1.md", "---\nid: E-1\ntitle: Checkout\nstatus: in-progress\n---\n");

    fn ids(work: &WorkLeft) -> Vec<&str> {
        work.stories.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn an_epics_work_is_its_stories_neither_done_nor_dropped_in_id_order() {
        let (_dir, ws) = workspace(&[
            EPIC,
            ("stories/S-10.md", "---\nid: S-10\ntitle: Ten\nepic: E-1\nstatus: review\n---\n"),
            ("stories/S-2.md", "---\nid: S-2\ntitle: Two\nepic: E-1\n---\n"),
            ("stories/S-3.md", "---\nid: S-3\ntitle: Done\nepic: E-1\nstatus: done\n---\n"),
            ("stories/S-4.md", "---\nid: S-4\ntitle: Dropped\nepic: E-1\nstatus: dropped\n---\n"),
            ("stories/S-5.md", "---\nid: S-5\ntitle: Other epic\nepic: E-2\nstatus: ready\n---\n"),
            ("stories/S-6.md", "---\nid: S-6\ntitle: [broken\nepic: E-1\n---\n"),
        ]);
        let work = WorkLeft::of_epic(&ws, "E-1").unwrap();
        assert_eq!((work.source, work.id.as_deref(), work.count), (WorkSource::Epic, Some("E-1"), 2));
        assert_eq!(ids(&work), ["S-2", "S-10"]);
        assert_eq!(work.stories[0].status, None);
        assert_eq!(
            work.counted_statuses.as_deref(),
            Some(&["draft", "ready", "in-progress", "review"].map(String::from)[..])
        );
    }

    #[test]
    fn an_epic_must_exist_and_be_an_epic() {
        let (_dir, ws) = workspace(&[EPIC, ("stories/S-1.md", "---\nid: S-1\ntitle: One\n---\n")]);
        assert_eq!(WorkLeft::of_epic(&ws, "E-9"), Err(WorkLeftError::NoEpic("E-9".to_owned())));
        let e = WorkLeft::of_epic(&ws, "S-1").unwrap_err();
        assert_eq!(e.to_string(), "S-1 is a story, not an epic");
    }

    #[test]
    fn without_a_question_the_work_is_the_active_sprints_open_stories() {
        let sprint =
            |id: &str, status: &str| format!("---\nid: {id}\ntitle: {id}\nstatus: {status}\nstart: 2026-10-05\nend: 2026-10-18\n---\n");
        let (s1, s2) = (sprint("SP-1", "closed"), sprint("SP-2", "active"));
        let (_dir, ws) = workspace(&[
            ("sprints/SP-1.md", &s1),
            ("sprints/SP-2.md", &s2),
            ("stories/S-1.md", "---\nid: S-1\ntitle: Old\nsprint: SP-1\nstatus: ready\n---\n"),
            (
                "stories/S-2.md",
                "---\nid: S-2\ntitle: Now\nsprint: SP-2\nstatus: in-progress\n---\n",
            ),
            ("stories/S-3.md", "---\nid: S-3\ntitle: Done now\nsprint: SP-2\nstatus: done\n---\n"),
        ]);
        let work = WorkLeft::of_active_sprint(&ws).unwrap();
        assert_eq!((work.source, work.id.as_deref()), (WorkSource::Sprint, Some("SP-2")));
        assert_eq!(ids(&work), ["S-2"]);
        let (_dir, ws) = workspace(&[("sprints/SP-1.md", &s1)]);
        assert_eq!(WorkLeft::of_active_sprint(&ws), Err(WorkLeftError::NoActiveSprint));
    }

    #[test]
    fn a_count_given_is_a_range_only_when_its_ends_differ() {
        let exact = WorkLeft::items(5, 5);
        assert_eq!((exact.count, exact.count_high, exact.counted_statuses.as_ref()), (5, None, None));
        assert!(!exact.is_nothing() && WorkLeft::items(0, 0).is_nothing() && !WorkLeft::items(0, 3).is_nothing());
        let range = WorkLeft::items(20, 30);
        assert_eq!(range.to_do(None).unwrap().count_range(), (20, 30));
        assert_eq!(range.to_do(Some((1.0, 1.5))).unwrap().split_rate(), Some((1.0, 1.5)));
        assert!(range.to_do(Some((2.0, 1.0))).is_err());
    }
}
