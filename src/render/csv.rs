//! Item lists as CSV, for spreadsheets: full values, one row per item, broken items too;
//! each cell made safe to print by [`text::csv::cell`].

use std::io::Write;

use super::{Field, ListColumn, cell, item_columns};
use crate::model::{Item, Kind};
use crate::text::{self, path};
use crate::workflow::Workflow;

/// The CSV columns of a kind: the table's columns by front-matter key (a sprint's
/// goal-or-title column split into `goal` and `title`, since a spreadsheet has the room),
/// then `path`, `labels` and `broken`.
#[must_use]
pub fn csv_headers(kind: Kind) -> Vec<&'static str> {
    let mut headers: Vec<&'static str> = data_fields(kind).iter().map(|(name, _)| *name).collect();
    headers.extend(["path", "labels", "broken"]);
    headers
}

fn data_fields(kind: Kind) -> Vec<(&'static str, Field)> {
    let mut fields = Vec::new();
    for c in item_columns(kind) {
        if c.field == Field::GoalOrTitle {
            fields.push(("goal", Field::Goal));
            fields.push(("title", Field::Title));
        } else {
            fields.push((c.name, c.field));
        }
    }
    fields
}

/// Writes a kind's list as CSV (header row, then one row per item) into `out`.
///
/// # Errors
/// When writing to `out` fails.
pub fn write_items_csv<W: Write>(out: W, items: &[&Item], kind: Kind) -> Result<(), ::csv::Error> {
    let fields = data_fields(kind);
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(csv_headers(kind))?;
    let mut record: Vec<String> = Vec::with_capacity(fields.len() + 3);
    for item in items {
        record.clear();
        record.extend(fields.iter().map(|(_, f)| cell(item, *f).unwrap_or_default()));
        record.push(path::slash(&item.path));
        record.push(item.labels.join(";"));
        record.push(item.broken.clone().unwrap_or_default());
        w.write_record(record.iter().map(|v| text::csv::cell(v).into_owned()))?;
    }
    w.flush()?;
    Ok(())
}

/// Writes a list with the columns `--columns` chose as CSV: a header of their names, one
/// row per item, a list's elements joined with `;`; and, when an item could not be read, a
/// `broken` column saying why (unless one was asked for), so that its empty cells do not
/// pass for values.
///
/// # Errors
/// When writing to `out` fails.
pub fn write_items_csv_of<W: Write>(out: W, items: &[&Item], columns: &[ListColumn], workflow: &Workflow) -> Result<(), ::csv::Error> {
    let broken = items.iter().any(|i| i.broken.is_some()) && !columns.iter().any(|c| c.name() == "broken");
    let mut w = ::csv::Writer::from_writer(out);
    let mut headers: Vec<&str> = columns.iter().map(ListColumn::name).collect();
    if broken {
        headers.push("broken");
    }
    w.write_record(headers.iter().map(|h| text::csv::cell(h).into_owned()))?;
    for item in items {
        let mut record: Vec<String> = columns.iter().map(|c| c.value(item, workflow, ";").unwrap_or_default()).collect();
        if broken {
            record.push(item.broken.clone().unwrap_or_default());
        }
        w.write_record(record.iter().map(|v| text::csv::cell(v).into_owned()))?;
    }
    w.flush()?;
    Ok(())
}

/// A kind's list as CSV; see [`write_items_csv`].
///
/// # Errors
/// Never in practice (the output is memory); the type is [`write_items_csv`]'s.
pub fn items_csv(items: &[&Item], kind: Kind) -> Result<String, ::csv::Error> {
    let mut buf = Vec::new();
    write_items_csv(&mut buf, items, kind)?;
    // Every cell came from a `String`, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::KindData;
    use crate::model::item::Story;

    #[test]
    fn quotes_and_defuses() {
        let mut a = Item::bare(Kind::Story, "S-1".to_owned(), PathBuf::from("backlog/stories/S-1.md"));
        a.title = "Pay, \"quickly\"\nand safely".to_owned();
        a.labels = vec!["payments".to_owned(), "mobile".to_owned()];
        a.data = KindData::Story(Story {
            status: Some("ready".to_owned()),
            points: Some(3),
            ..Story::default()
        });
        let mut b = Item::bare(Kind::Story, "S-2".to_owned(), PathBuf::from("backlog/stories/S-2.md"));
        b.title = "=HYPERLINK(\"http://evil\")".to_owned();
        b.data = KindData::Story(Story {
            epic: Some("@E-1".to_owned()),
            sprint: Some("-1".to_owned()),
            ..Story::default()
        });
        let mut c = Item::bare(Kind::Story, "S-3".to_owned(), PathBuf::from("backlog/stories/S-3.md"));
        c.broken = Some("no front-matter".to_owned());
        let out = items_csv(&[&a, &b, &c], Kind::Story).unwrap();
        assert_eq!(
            out,
            "id,status,points,epic,sprint,title,path,labels,broken\n\
             S-1,ready,3,,,\"Pay, \"\"quickly\"\"\nand safely\",backlog/stories/S-1.md,payments;mobile,\n\
             S-2,,,'@E-1,-1,\"'=HYPERLINK(\"\"http://evil\"\")\",backlog/stories/S-2.md,,\n\
             S-3,,,,,,backlog/stories/S-3.md,,no front-matter\n"
        );
    }

    #[test]
    fn sprint_csv_has_goal_and_title() {
        assert_eq!(
            csv_headers(Kind::Sprint),
            [
                "id", "status", "start", "end", "capacity", "goal", "title", "path", "labels", "broken"
            ]
        );
        assert_eq!(csv_headers(Kind::Risk)[..5], ["id", "status", "likelihood", "impact", "score"]);
    }
}
