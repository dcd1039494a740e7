//! Exporting every item with all its fields, pobox's and the user's own, as CSV or JSON.
//!
//! The CSV has one row per item and a stable column order: `kind`, `id`, `title`, then
//! pobox's fields in a fixed order (`wsjf`, `rice` and `ice` as `wsjf.value` … columns),
//! `path` and `broken`, then the user's own fields in alphabetical order, each in a column
//! `field:<name>` that no column of pobox's can be (a user's field `kind`, `path`, `broken`
//! or `body` never takes the place of pobox's), then `body`. Only columns that hold a value
//! in some row are written. Lists of pobox's list fields are joined with `;`; a user's field
//! holds its value as JSON, or as plain text when that text is not JSON itself, so that its
//! type comes back. `pobox import csv` reads the file back.

use serde::Serialize;

use crate::model::{Item, Kind};
use crate::parse::frontmatter;
use crate::text::csv::cell;
use crate::text::path;

/// The `version` of the JSON document. Raised only when a field changes meaning or
/// disappears.
pub const VERSION: u32 = 1;

/// pobox's own columns, in the order the CSV has them.
pub const KNOWN_COLUMNS: &[&str] = &[
    "kind",
    "id",
    "title",
    "status",
    "epic",
    "points",
    "sprint",
    "moscow",
    "labels",
    "stakeholders",
    "depends_on",
    "assignee",
    "owner",
    "rank",
    "accepted_by",
    "horizon",
    "target",
    "benefit_hypothesis",
    "role",
    "organization",
    "power",
    "interest",
    "cadence_days",
    "contact",
    "type",
    "date",
    "attendees",
    "start",
    "end",
    "goal",
    "capacity",
    "goal_met",
    "likelihood",
    "impact",
    "mitigation",
    "related",
    "created",
    "wsjf.value",
    "wsjf.time_criticality",
    "wsjf.risk_reduction",
    "wsjf.job_size",
    "rice.reach",
    "rice.impact",
    "rice.confidence",
    "rice.effort",
    "ice.impact",
    "ice.confidence",
    "ice.ease",
    "path",
    "broken",
];

/// The start of a user's field's column: `field:team`. No column of pobox's has a `:`.
pub const FIELD_PREFIX: &str = "field:";

/// An item and, when asked for, the Markdown body of its file.
#[derive(Debug, Clone, Copy)]
pub struct Exported<'a> {
    /// The item.
    pub item: &'a Item,
    /// Its body (the file after the front-matter), when bodies are exported.
    pub body: Option<&'a str>,
}

/// The items to export, in export order: only those of `kinds` (every kind when empty), by
/// kind in [`Kind::ALL`] order, then by id with numbers in numeric order (S-2 before S-10).
#[must_use]
pub fn ordered<'a>(items: &'a [Item], kinds: &[Kind]) -> Vec<&'a Item> {
    let mut chosen: Vec<&Item> = items.iter().filter(|i| kinds.is_empty() || kinds.contains(&i.kind)).collect();
    chosen.sort_by_cached_key(|i| {
        let digits: String =
            i.id.chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
        let n: u64 = digits.parse().unwrap_or(u64::MAX);
        (Kind::ALL.iter().position(|k| *k == i.kind), n, i.id.clone())
    });
    chosen
}

/// The body of a file's text: everything after the front-matter, without the blank line
/// that usually follows it; the whole text when it has no front-matter.
#[must_use]
pub fn body_of(text: &str) -> &str {
    match frontmatter::split(text) {
        Ok(s) => text[s.body..].trim_start_matches(['\n', '\r']),
        Err(_) => text,
    }
}

/// One item's cells by column name.
fn cells(e: &Exported<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(e.item) else {
        return out;
    };
    for (key, value) in map {
        match (key.as_str(), value) {
            ("extra", serde_json::Value::Object(extra)) => {
                for (k, v) in extra {
                    out.push((format!("{FIELD_PREFIX}{k}"), field_cell(&v)));
                }
            }
            ("path", _) => out.push(("path".to_owned(), path::slash(&e.item.path))),
            (group @ ("wsjf" | "rice" | "ice"), serde_json::Value::Object(inner)) => {
                for (k, v) in inner {
                    if !v.is_null() {
                        out.push((format!("{group}.{k}"), known_cell(&v)));
                    }
                }
            }
            (_, v) => out.push((key, known_cell(&v))),
        }
    }
    if let Some(body) = e.body {
        out.push(("body".to_owned(), body.to_owned()));
    }
    out.retain(|(_, v)| !v.is_empty());
    out
}

/// A pobox field: lists joined with `;`, whole numbers without `.0`.
fn known_cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => number(n),
        serde_json::Value::Array(a) => a.iter().map(known_cell).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

/// A user's field: its value as JSON (so that `12`, `true`, `null` and lists come back as
/// what they are, and `;` inside a value is never a separator), except text that is not
/// JSON itself, which stands as it is (`blue`, not `"blue"`). Text that reads as JSON
/// (`12`, `"x"`), is empty, or has spaces at either end, which cells lose, is a JSON string.
fn field_cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) if !s.is_empty() && s.trim() == s && serde_json::from_str::<serde_json::Value>(s).is_err() => {
            s.clone()
        }
        other => other.to_string(),
    }
}

/// The value a user's field's cell holds: what [`field_cell`] wrote, read back.
#[must_use]
pub fn field_value(cell: &str) -> serde_json::Value {
    serde_json::from_str(cell).unwrap_or_else(|_| serde_json::Value::String(cell.to_owned()))
}

/// A cell as CSV holds it: safe to print and guarded against spreadsheet formulas
/// ([`cell`]), and a text that starts with the guard's `'` before such a character keeps it (`'=x` is written
/// `''=x`), since [`undefuse`] takes one `'` off.
fn csv_cell(v: &str) -> std::borrow::Cow<'_, str> {
    if undefuse(v).len() == v.len() {
        cell(v)
    } else {
        std::borrow::Cow::Owned(format!("'{}", cell(v)))
    }
}

/// A JSON number as text: whole numbers without `.0` (`3`, not `3.0`).
#[must_use]
pub fn number(n: &serde_json::Number) -> String {
    match n.as_f64() {
        #[allow(clippy::cast_possible_truncation)]
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => (f as i64).to_string(),
        _ => n.to_string(),
    }
}

/// The column order for these items: [`KNOWN_COLUMNS`] that hold a value, the other
/// fields sorted, then `body`.
#[must_use]
pub fn columns(items: &[Exported<'_>]) -> Vec<String> {
    let all: Vec<Vec<(String, String)>> = items.iter().map(cells).collect();
    columns_of(&all)
}

fn columns_of(all: &[Vec<(String, String)>]) -> Vec<String> {
    let used: std::collections::BTreeSet<&str> = all.iter().flatten().map(|(k, _)| k.as_str()).collect();
    let mut cols: Vec<String> = KNOWN_COLUMNS
        .iter()
        .filter(|c| used.contains(**c))
        .map(|c| (*c).to_owned())
        .collect();
    // The users' fields (and anything else), by name.
    cols.extend(
        used.iter()
            .filter(|c| !KNOWN_COLUMNS.contains(c) && **c != "body")
            .map(|c| (*c).to_owned()),
    );
    if used.contains("body") {
        cols.push("body".to_owned());
    }
    cols
}

/// The items as CSV: a header row, then one row per item. Cells a spreadsheet would run as
/// a formula get a leading `'` (which `pobox import csv` removes again); control
/// characters, bidirectional overrides and CI workflow commands in a text are made visible
/// ([`crate::text::csv::cell`]), so the file is safe to print.
///
/// # Errors
/// Never in practice (the output is memory); the type is the csv writer's.
pub fn csv(items: &[Exported<'_>]) -> Result<String, ::csv::Error> {
    let all: Vec<Vec<(String, String)>> = items.iter().map(cells).collect();
    let cols = columns_of(&all);
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(&cols)?;
    for row in &all {
        let record: Vec<String> = cols
            .iter()
            .map(|c| {
                row.iter()
                    .find(|(k, _)| k == c)
                    .map_or_else(String::new, |(_, v)| csv_cell(v).into_owned())
            })
            .collect();
        w.write_record(&record)?;
    }
    let bytes = w.into_inner().map_err(|e| ::csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    export: &'static str,
    product: &'a str,
    items: Vec<serde_json::Value>,
}

/// The items as one JSON document, `{"version": 1, "export": "items", "product": …,
/// "items": […]}`: each item as `pobox <kind> list --format json` writes it (its own fields
/// under `extra`), with `body` when bodies are exported.
#[must_use]
pub fn json(product: &str, items: &[Exported<'_>]) -> String {
    let items = items
        .iter()
        .map(|e| {
            let mut v = serde_json::to_value(e.item).unwrap_or(serde_json::Value::Null);
            if let serde_json::Value::Object(m) = &mut v {
                m.insert("path".to_owned(), path::slash(&e.item.path).into());
                if let Some(body) = e.body {
                    m.insert("body".to_owned(), body.into());
                }
            }
            v
        })
        .collect();
    crate::text::json::to_json_string(&Document {
        version: VERSION,
        export: "items",
        product,
        items,
    })
}

/// Undo the formula guard of [`csv`]: a cell `'=…`, `'+…`, `'-…`, `'@…` loses its `'`, and
/// so does one that has more `'` before such a character (`''=x` is the text `'=x`).
#[must_use]
pub fn undefuse(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::KindData;
    use crate::model::item::{Scores, Story, Wsjf};

    #[test]
    fn export_order_is_kind_then_number_then_id() {
        let item = |kind, id: &str| Item::bare(kind, id.into(), PathBuf::from(format!("{id}.md")));
        let items = [
            item(Kind::Epic, "E-2"),
            item(Kind::Story, "S-10"),
            item(Kind::Stakeholder, "dana"),
            item(Kind::Story, "S-2"),
            item(Kind::Epic, "E-1"),
            item(Kind::Stakeholder, "ali"),
        ];
        let ids = |v: Vec<&Item>| v.into_iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(ordered(&items, &[])), ["S-2", "S-10", "E-1", "E-2", "ali", "dana"]);
        assert_eq!(ids(ordered(&items, &[Kind::Epic])), ["E-1", "E-2"]);
    }

    fn story() -> Item {
        let mut a = Item::bare(Kind::Story, "S-1".into(), PathBuf::from("backlog/stories/S-1.md"));
        a.title = "Pay".into();
        a.labels = vec!["pay".into(), "web".into()];
        a.data = KindData::Story(Story {
            status: Some("ready".into()),
            points: Some(3),
            scores: Box::new(Scores {
                wsjf: Some(Wsjf {
                    value: Some(8.0),
                    time_criticality: Some(2.5),
                    risk_reduction: None,
                    job_size: None,
                }),
                ..Scores::default()
            }),
            ..Story::default()
        });
        a.extra.insert("zeta".into(), serde_json::json!(["a;b", "c"]));
        a.extra.insert("alpha".into(), serde_json::json!(-4));
        a
    }

    #[test]
    fn csv_has_known_columns_then_sorted_others() {
        let a = story();
        let mut b = Item::bare(Kind::Epic, "E-1".into(), PathBuf::from("backlog/epics/E-1.md"));
        b.title = "=cmd".into();
        let rows = [
            Exported {
                item: &a,
                body: Some("- [ ] x\n"),
            },
            Exported { item: &b, body: None },
        ];
        let out = csv(&rows).unwrap();
        assert_eq!(
            out,
            "kind,id,title,status,points,labels,wsjf.value,wsjf.time_criticality,path,field:alpha,field:zeta,body\n\
             story,S-1,Pay,ready,3,pay;web,8,2.5,backlog/stories/S-1.md,-4,\"[\"\"a;b\"\",\"\"c\"\"]\",\"'- [ ] x\n\"\n\
             epic,E-1,'=cmd,,,,,,backlog/epics/E-1.md,,,\n"
        );
        assert_eq!(undefuse("'- [ ] x"), "- [ ] x");
        assert_eq!(undefuse("'quoted'"), "'quoted'");
        for text in ["=x", "'=x", "''-1", "'quoted'", "x"] {
            assert_eq!(undefuse(&csv_cell(text)), text);
        }
    }

    #[test]
    fn json_is_versioned_with_bodies() {
        let a = story();
        let v: serde_json::Value = serde_json::from_str(&json(
            "Shop",
            &[Exported {
                item: &a,
                body: Some("Text\n"),
            }],
        ))
        .unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["export"], "items");
        assert_eq!(v["items"][0]["id"], "S-1");
        assert_eq!(v["items"][0]["extra"]["alpha"], -4);
        assert_eq!(v["items"][0]["body"], "Text\n");
    }

    #[test]
    fn bodies_follow_the_front_matter() {
        assert_eq!(body_of("---\nid: S-1\n---\n\nHello\n"), "Hello\n");
        assert_eq!(body_of("no front-matter"), "no front-matter");
    }
}
