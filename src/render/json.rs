//! Item lists as JSON, for scripts: one versioned document, streamed item by item.

use std::io::Write;

use serde::Serialize;
use serde::ser::{Error as _, Serializer};

use super::ListColumn;
use crate::model::{Item, Kind};
use crate::query::eval::Subject;
use crate::text::json::{self, VERSION, error_document};
use crate::text::path;
use crate::workflow::Workflow;

#[derive(Serialize)]
struct ItemsDocument<'a> {
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<Kind>,
    items: ItemList<'a>,
}

/// Serialized as a sequence straight from the slice, so a 100 000-item list never exists
/// a second time as a `serde_json::Value` tree.
struct ItemList<'a>(&'a [&'a Item]);

impl Serialize for ItemList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|i| SlashPathItem(i)))
    }
}

/// An item whose `path` is written with `/` on every platform.
struct SlashPathItem<'a>(&'a Item);

impl Serialize for SlashPathItem<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if std::path::MAIN_SEPARATOR == '/' {
            return self.0.serialize(s);
        }
        // Only where paths use `\`: one item at a time through a `Value`, which is cheap
        // and avoids copying `Item`'s whole serde layout here.
        let mut value = serde_json::to_value(self.0).map_err(S::Error::custom)?;
        if let Some(path) = value.get_mut("path") {
            *path = path::slash(&self.0.path).into();
        }
        value.serialize(s)
    }
}

/// Writes `{"version":1,"kind":"story","items":[…]}` into `out`: pretty, without a final
/// newline (as `serde_json` writes it), each item its serde serialization with `/` in its
/// path. `kind` is left out when `None` (a list of several kinds).
///
/// # Errors
/// When writing to `out` fails.
pub fn write_items_json<W: Write>(out: W, items: &[&Item], kind: Option<Kind>) -> serde_json::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    json::to_writer(
        &mut out,
        &ItemsDocument {
            version: VERSION,
            kind,
            items: ItemList(items),
        },
    )?;
    out.flush().map_err(serde_json::Error::io)
}

#[derive(Serialize)]
struct ColumnsDocument<'a> {
    version: u32,
    kind: Kind,
    columns: Vec<&'a str>,
    items: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// Writes a list with the columns `--columns` chose: `{"version":1,"kind":…,"columns":[…],
/// "items":[{column: value, …}]}`, each value as the front-matter holds it (a number as a
/// number, a list as a list, `null` when the item has none), and `broken` on an item that
/// could not be read.
///
/// # Errors
/// When writing to `out` fails.
pub fn write_items_json_of<W: Write>(
    out: W,
    items: &[&Item],
    kind: Kind,
    columns: &[ListColumn],
    workflow: &Workflow,
) -> serde_json::Result<()> {
    let rows = items
        .iter()
        .map(|item| {
            let subject = Subject::new(item, workflow);
            let mut row = serde_json::Map::new();
            for c in columns {
                let value = match subject.json_value(c.name()) {
                    serde_json::Value::Null => c.value(item, workflow, ";").map_or(serde_json::Value::Null, Into::into),
                    v => v,
                };
                row.insert(c.name().to_owned(), value);
            }
            if let Some(why) = &item.broken {
                row.insert("broken".to_owned(), why.clone().into());
            }
            row
        })
        .collect();
    let mut out = std::io::BufWriter::new(out);
    json::to_writer(
        &mut out,
        &ColumnsDocument {
            version: VERSION,
            kind,
            columns: columns.iter().map(ListColumn::name).collect(),
            items: rows,
        },
    )?;
    out.flush().map_err(serde_json::Error::io)
}

/// The document of [`write_items_json`] as a string.
#[must_use]
pub fn items_json(items: &[&Item], kind: Option<Kind>) -> String {
    let mut buf = Vec::new();
    if let Err(e) = write_items_json(&mut buf, items, kind) {
        return error_document(&e);
    }
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::KindData;
    use crate::model::item::Story;

    #[test]
    fn versioned_document_with_items() {
        let mut a = Item::bare(
            Kind::Story,
            "S-1".to_owned(),
            PathBuf::from("backlog").join("stories").join("S-1.md"),
        );
        a.title = "Pay".to_owned();
        a.data = KindData::Story(Story {
            status: Some("ready".to_owned()),
            points: Some(3),
            ..Story::default()
        });
        a.extra.insert("team".to_owned(), "blue".into());
        let mut b = Item::bare(Kind::Story, "S-2".to_owned(), PathBuf::from("backlog/stories/S-2.md"));
        b.broken = Some("no front-matter".to_owned());
        let out = items_json(&[&a, &b], Some(Kind::Story));
        assert!(out.ends_with('}'));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["kind"], "story");
        assert_eq!(v["items"][0]["id"], "S-1");
        assert_eq!(v["items"][0]["path"], "backlog/stories/S-1.md");
        assert_eq!(v["items"][0]["status"], "ready");
        assert_eq!(v["items"][0]["points"], 3);
        assert_eq!(v["items"][0]["extra"]["team"], "blue");
        assert_eq!(v["items"][1]["broken"], "no front-matter");
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["version", "kind", "items"]);
    }

    #[test]
    fn mixed_lists_have_no_kind() {
        let v: serde_json::Value = serde_json::from_str(&items_json(&[], None)).unwrap();
        assert_eq!(v, serde_json::json!({ "version": 1, "items": [] }));
    }
}
