//! What the roadmap report contains (domain reference §6): the epics in Bastow's Now / Next /
//! Later horizons (no dates there), then a timeline of their target dates, each epic with its
//! progress (done points of its stories over all their points).

use jiff::civil::Date;
use serde::Serialize;

use super::epic::{EpicRow, ForecastBasis, epic_rows, forecast_cell, progress_note};
use super::figure::{Figure, Horizons, TargetState, Timeline, TimelineEpic};
use super::page::{self, Block, Cell, Column, Mark, Page, Span};
use super::sprint::id_key;
use crate::model::Kind;
use crate::outlook::Forecaster;
use crate::workspace::{UnreadableFile, Workspace};

/// The roadmap report: data only; its [`Page`] is written by every format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoadmapReportDoc {
    /// The product's name (`product` in `pobox.yaml`).
    pub product: String,
    /// The day the report was made.
    pub as_of: Date,
    /// How the epics' forecasts sample the past.
    pub forecast: ForecastBasis,
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

/// The horizons in order: id and name.
const HORIZONS: [(&str, &str); 3] = [("now", "Now"), ("next", "Next"), ("later", "Later")];

/// Build the report from `ws` as of `as_of`, with the forecasts of `forecaster`.
#[must_use]
pub fn build(ws: &Workspace, forecaster: &Forecaster, as_of: Date) -> RoadmapReportDoc {
    let epics = epic_rows(ws, forecaster);
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
        forecast: ForecastBasis::of(forecaster),
        horizons,
        unplanned,
        timeline,
        unreadable: ws.unreadable(&Kind::ALL),
    }
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
                        Cell::Progress(e.progress.progress),
                        Cell::own(format!("{} of {}", e.progress.points_done, e.progress.points)),
                        Cell::own(format!("{} of {}", e.progress.stories_done, e.progress.stories)),
                        forecast_cell(e),
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
                        Column::Text("Forecast"),
                    ],
                    rows,
                ),
                progress_note(),
                self.forecast.note(),
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
