//! The sprint report as one versioned JSON document, `{"version": 1, "report": "sprint", …}`,
//! with every number the other formats show (ratios as fractions, not percentages).

use serde::Serialize;

use super::sprint::SprintReportDoc;
use crate::render::json::{VERSION, to_json_string};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    report: &'static str,
    #[serde(flatten)]
    doc: &'a SprintReportDoc,
}

/// The report as pretty JSON, without a final newline.
#[must_use]
pub fn sprint(doc: &SprintReportDoc) -> String {
    to_json_string(&Document {
        version: VERSION,
        report: "sprint",
        doc,
    })
}
