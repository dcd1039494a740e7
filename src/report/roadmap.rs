//! What the roadmap report contains (domain reference §6): the epics in Bastow's Now / Next /
//! Later horizons (no dates there), then a timeline of their target dates, each epic with its
//! progress (done points of its stories over all their points).

use jiff::civil::Date;
use serde::Serialize;

use super::figure::{EpicMark, Figure, Horizons, TargetState, Timeline, TimelineEpic};
use super::page::{self, Block, Cell, Column, Mark, Page, Span};
use super::sprint::id_key;
use crate::model::{Kind, KindData};
use crate::workspace::{UnreadableFile, Workspace};

/// The roadmap report: data only; its [`Page`] is written by every format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoadmapReportDoc {
    /// The product's name (`product` in `pobox.yaml`).
    pub product: String,
    /// The day the report was made.
    pub as_of: Date,
    /// The three horizons, Now, Next and Later, each with its epics by rank then id.
    pub horizons: Vec<HorizonGroup>,
    /// Epics with no horizon, or another one than `now`, `next` or `later`.
    pub unplanned: Vec<EpicRow>,
    /// Epics with a target date, soonest first: the timeline.
    pub timeline: Vec<EpicRow>,
    /// Every file of the backlog pobox cannot read: counted nowhere in it, so listed here
    /// (domain §8; see [`super::unreadable`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableFile>,
}

/// One horizon and its epics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HorizonGroup {
    /// `now`, `next` or `later`.
    pub horizon: &'static str,
    /// `Now`, `Next` or `Later`.
    pub name: &'static str,
    /// The epics.
    pub epics: Vec<EpicRow>,
}

/// One epic and its progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpicRow {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: Option<String>,
    /// Its horizon as written.
    pub horizon: Option<String>,
    /// Its target date.
    pub target: Option<Date>,
    /// The day it was created (the timeline's start for it).
    pub created: Option<Date>,
    /// Its owner.
    pub owner: Option<String>,
    /// How many stories name it as their epic.
    pub stories: usize,
    /// How many of those are done.
    pub stories_done: usize,
    /// Points of its stories.
    pub points: u32,
    /// Points of its stories that are done.
    pub points_done: u32,
    /// points_done / points; `None` when it has no points.
    pub progress: Option<f64>,
}

impl EpicRow {
    /// Where it stands against its target on `as_of`.
    #[must_use]
    pub fn target_state(&self, as_of: Date) -> TargetState {
        if self.progress.is_some_and(|p| p >= 1.0) {
            TargetState::Done
        } else if self.target.is_some_and(|t| t < as_of) {
            TargetState::Late
        } else {
            TargetState::Open
        }
    }

    /// It and its progress, for a figure.
    fn mark(&self) -> EpicMark<'_> {
        EpicMark {
            id: &self.id,
            title: &self.title,
            progress: self.progress,
        }
    }
}

/// The horizons in order: id and name.
const HORIZONS: [(&str, &str); 3] = [("now", "Now"), ("next", "Next"), ("later", "Later")];

/// Build the report from `ws` as of `as_of`.
#[must_use]
pub fn build(ws: &Workspace, as_of: Date) -> RoadmapReportDoc {
    let epics = epic_rows(ws);
    let horizon_of = |e: &EpicRow| e.horizon.as_deref().map(|h| h.trim().to_ascii_lowercase());
    let horizons = HORIZONS
        .iter()
        .map(|(h, name)| HorizonGroup {
            horizon: h,
            name,
            epics: epics.iter().filter(|e| horizon_of(e).as_deref() == Some(*h)).cloned().collect(),
        })
        .collect();
    let unplanned = epics
        .iter()
        .filter(|e| horizon_of(e).is_none_or(|h| !HORIZONS.iter().any(|(x, _)| *x == h)))
        .cloned()
        .collect();
    let mut timeline: Vec<EpicRow> = epics.iter().filter(|e| e.target.is_some()).cloned().collect();
    timeline.sort_by(|a, b| a.target.cmp(&b.target).then_with(|| id_key(&a.id).cmp(&id_key(&b.id))));
    RoadmapReportDoc {
        product: ws.config.product.clone(),
        as_of,
        horizons,
        unplanned,
        timeline,
        unreadable: ws.unreadable(&Kind::ALL),
    }
}

/// Every epic with its progress, by rank then id.
pub(crate) fn epic_rows(ws: &Workspace) -> Vec<EpicRow> {
    let mut epics: Vec<(Option<f64>, EpicRow)> = ws
        .of_kind(Kind::Epic)
        .filter(|i| i.broken.is_none())
        .filter_map(|i| {
            let KindData::Epic(e) = &i.data else { return None };
            let stories: Vec<&crate::model::Item> = ws
                .of_kind(Kind::Story)
                .filter(|s| s.broken.is_none() && s.epic().map(str::trim) == Some(i.id.as_str()))
                .collect();
            let done: Vec<&crate::model::Item> = stories
                .iter()
                .copied()
                .filter(|s| s.status().is_some_and(|st| ws.config.is_done(st)))
                .collect();
            let points: u32 = stories.iter().filter_map(|s| s.points()).sum();
            let points_done: u32 = done.iter().filter_map(|s| s.points()).sum();
            Some((
                e.rank,
                EpicRow {
                    id: i.id.clone(),
                    title: i.title.clone(),
                    status: e.status.clone(),
                    horizon: e.horizon.clone(),
                    target: e.target,
                    created: i.created,
                    owner: i.owner.clone(),
                    stories: stories.len(),
                    stories_done: done.len(),
                    points,
                    points_done,
                    progress: (points > 0).then(|| f64::from(points_done) / f64::from(points)),
                },
            ))
        })
        .collect();
    epics.sort_by(|a, b| {
        a.0.unwrap_or(f64::INFINITY)
            .total_cmp(&b.0.unwrap_or(f64::INFINITY))
            .then_with(|| id_key(&a.1.id).cmp(&id_key(&b.1.id)))
    });
    epics.into_iter().map(|e| e.1).collect()
}

/// The section of the timeline for epics on no horizon.
const NO_HORIZON: &str = "Not on a horizon";

impl RoadmapReportDoc {
    /// The epics with a target date, each in the section of its horizon.
    fn timeline_figure(&self) -> Timeline<'_> {
        let section = |e: &EpicRow| -> &'static str {
            let h = e.horizon.as_deref().map(|x| x.trim().to_ascii_lowercase()).unwrap_or_default();
            self.horizons.iter().find(|g| g.horizon == h).map_or(NO_HORIZON, |g| g.name)
        };
        Timeline {
            sections: self.horizons.iter().map(|h| h.name).chain([NO_HORIZON]).collect(),
            epics: self
                .timeline
                .iter()
                .filter_map(|e| {
                    let target = e.target?;
                    Some(TimelineEpic {
                        epic: e.mark(),
                        section: section(e),
                        start: e.created.filter(|c| *c < target),
                        target,
                        state: e.target_state(self.as_of),
                    })
                })
                .collect(),
        }
    }
}

impl super::Report for RoadmapReportDoc {
    const NAME: &'static str = "roadmap";

    fn page(&self) -> Page<'_> {
        let timeline = if self.timeline.is_empty() {
            vec![Block::words("No epic has a target date.")]
        } else {
            let rows = self
                .timeline
                .iter()
                .map(|e| {
                    let target = e.target.map(|d| d.to_string()).unwrap_or_default();
                    let target = if e.target_state(self.as_of) == TargetState::Late {
                        vec![Span::mark(Mark::Late, vec![Span::own(target)])]
                    } else {
                        vec![Span::own(target)]
                    };
                    vec![
                        Cell::Spans(target),
                        Cell::Item((&e.id).into(), (&e.title).into()),
                        Cell::user(e.horizon.as_deref().unwrap_or("-")),
                        Cell::user(e.status.as_deref().unwrap_or("-")),
                        Cell::Progress(e.progress),
                        Cell::own(format!("{} of {}", e.points_done, e.points)),
                        Cell::own(format!("{} of {}", e.stories_done, e.stories)),
                    ]
                })
                .collect();
            vec![
                Block::Figure(Figure::Timeline(self.timeline_figure())),
                Block::table(
                    None,
                    vec![
                        Column::Text("Target"),
                        Column::Item("Epic"),
                        Column::Text("Horizon"),
                        Column::Text("Status"),
                        Column::Progress("Progress"),
                        Column::Number("Points done"),
                        Column::Number("Stories done"),
                    ],
                    rows,
                ),
            ]
        };
        Page {
            title: vec![Span::own("Roadmap")],
            facts: page::facts(&self.product, None, self.as_of),
            intro: Vec::new(),
            blocks: vec![
                Block::section(
                    vec![Span::own("Now, Next, Later")],
                    vec![Block::Figure(Figure::Horizons(Horizons {
                        columns: self
                            .horizons
                            .iter()
                            .map(|h| (h.name, h.epics.iter().map(EpicRow::mark).collect()))
                            .collect(),
                        unplanned: self.unplanned.iter().map(EpicRow::mark).collect(),
                    }))],
                ),
                Block::section(vec![Span::own("Timeline")], timeline),
            ],
            source: "from the backlog's epic and story files",
            source_note: "",
            as_of: self.as_of,
        }
        .with_unreadable(&self.unreadable)
    }
}
