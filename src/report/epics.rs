//! What the epics report contains (domain reference §7 and §8, Jira's epic burndown): each
//! epic's progress (done stories and points, dropped ones apart), its remaining work, and
//! when its open stories will be done: the one epic forecast of [`crate::outlook`], which
//! `pobox forecast --epic`, the roadmap, the portfolio and the site show too.

use jiff::civil::Date;
use serde::Serialize;

use super::epic::{EpicDetail, EpicRow, ForecastBasis, epic_rows, epic_table, progress_note};
use super::page::{self, Block, Page, Span};
use crate::model::Kind;
use crate::outlook::Forecaster;
use crate::workspace::{UnreadableFile, Workspace};

/// The epics report: data only; its [`Page`] is written by every format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpicsReportDoc {
    /// The product's name (`product` in `pobox.yaml`).
    pub product: String,
    /// The day the report was made.
    pub as_of: Date,
    /// `--owner`: only what this person owns (`None`: everyone's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// How the forecasts sample the past.
    pub forecast: ForecastBasis,
    /// The epics, by rank then id.
    pub epics: Vec<EpicRow>,
    /// Every file of the backlog pobox cannot read: counted nowhere in it, so listed here
    /// (domain §8; see [`super::unreadable`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableFile>,
}

impl EpicsReportDoc {
    /// Keep only the epics `owner` owns.
    pub fn retain_owner(&mut self, owner: &str) {
        self.epics.retain(|e| e.owner.as_deref() == Some(owner));
        self.owner = Some(owner.to_owned());
    }
}

/// Build the report from `ws` as of `as_of`, with the forecasts of `forecaster`.
#[must_use]
pub fn build(ws: &Workspace, forecaster: &Forecaster, as_of: Date) -> EpicsReportDoc {
    EpicsReportDoc {
        product: ws.config.product.clone(),
        as_of,
        owner: None,
        forecast: ForecastBasis::of(forecaster),
        epics: epic_rows(ws, forecaster),
        unreadable: ws.unreadable(&Kind::ALL),
    }
}

impl super::Report for EpicsReportDoc {
    const NAME: &'static str = "epics";

    fn page(&self) -> Page<'_> {
        let epics = epic_table(&self.epics, EpicDetail::Status);
        Page {
            title: vec![Span::own("Epics")],
            facts: page::facts(&self.product, self.owner.as_deref(), self.as_of),
            intro: Vec::new(),
            blocks: vec![Block::Section {
                title: vec![Span::own("Progress and forecast")],
                titled_in_text: false,
                blocks: vec![epics, progress_note(), self.forecast.note()],
            }],
            source: "from the backlog's epic and story files and their git history",
            source_note: "",
            as_of: self.as_of,
        }
        .with_unreadable(&self.unreadable)
    }
}
