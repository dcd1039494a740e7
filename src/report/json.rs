//! Any report as one versioned JSON document, `{"version": 1, "report": "sprint", …}`, with
//! every number the other formats show (ratios as fractions, not percentages). JSON is the
//! report's data itself, not its page.

use serde::Serialize;

use crate::text::json::{VERSION, to_json_string};

#[derive(Serialize)]
struct Document<'a, T> {
    version: u32,
    report: &'static str,
    #[serde(flatten)]
    doc: &'a T,
}

/// Any report as `{"version": 1, "report": name, …}`, pretty, without a final newline.
#[must_use]
pub fn document<T: Serialize>(report: &'static str, doc: &T) -> String {
    to_json_string(&Document {
        version: VERSION,
        report,
        doc,
    })
}
