//! Each report (here the sprint report) as one versioned JSON document, `{"version": 1, "report": "sprint", …}`,
//! with every number the other formats show (ratios as fractions, not percentages).

use serde::Serialize;

use super::actions::ActionsReportDoc;
use super::backlog::BacklogReportDoc;
use super::epics::EpicsReportDoc;
use super::risks::RisksReportDoc;
use super::roadmap::RoadmapReportDoc;
use super::sprint::SprintReportDoc;
use super::stakeholders::StakeholdersReportDoc;
use crate::text::json::{VERSION, to_json_string};

#[derive(Serialize)]
struct Document<'a, T> {
    version: u32,
    report: &'static str,
    #[serde(flatten)]
    doc: &'a T,
}

/// Any report as `{"version": 1, "report": name, …}`, pretty, without a final newline.
fn document<T: Serialize>(report: &'static str, doc: &T) -> String {
    to_json_string(&Document {
        version: VERSION,
        report,
        doc,
    })
}

/// The report as pretty JSON, without a final newline.
#[must_use]
pub fn sprint(doc: &SprintReportDoc) -> String {
    document("sprint", doc)
}

/// The action-items report as pretty JSON, without a final newline.
#[must_use]
pub fn actions(doc: &ActionsReportDoc) -> String {
    document("actions", doc)
}

/// The risk report as pretty JSON, without a final newline.
#[must_use]
pub fn risk_register(doc: &RisksReportDoc) -> String {
    document("risks", doc)
}

/// The stakeholder report as pretty JSON, without a final newline.
#[must_use]
pub fn stakeholders(doc: &StakeholdersReportDoc) -> String {
    document("stakeholders", doc)
}

/// The roadmap report as pretty JSON, without a final newline.
#[must_use]
pub fn roadmap(doc: &RoadmapReportDoc) -> String {
    document("roadmap", doc)
}

/// The epics report as pretty JSON, without a final newline.
#[must_use]
pub fn epics(doc: &EpicsReportDoc) -> String {
    document("epics", doc)
}

/// The backlog report as pretty JSON, without a final newline.
#[must_use]
pub fn backlog(doc: &BacklogReportDoc) -> String {
    document("backlog", doc)
}

/// The portfolio report as pretty JSON, without a final newline.
#[must_use]
pub fn portfolio(doc: &super::portfolio::PortfolioReportDoc) -> String {
    document("portfolio", doc)
}
