//! Item lists and counts as text: tables for people, CSV for spreadsheets, JSON for scripts.
//!
//! Used by `pobox <kind> list`, `pobox status` and `pobox show`. Everything here returns
//! strings; the binary decides where they go.

pub mod board;
pub mod csv;
pub mod json;
pub mod table;
pub mod unreadable;

use std::collections::HashMap;

use serde::Serialize;

pub use table::Table;

use crate::model::item::KindData;
use crate::model::{Item, Kind};
use crate::query::eval::Subject;
use crate::workflow::Workflow;
use crate::workspace::Workspace;

/// A value of an item that a list can show; [`cell`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// `id` (a stakeholder's handle).
    Id,
    /// `status`.
    Status,
    /// A story's `points`.
    Points,
    /// A story's `epic`.
    Epic,
    /// A story's or meeting's `sprint`.
    Sprint,
    /// `title` (a stakeholder's name).
    Title,
    /// An epic's `horizon`.
    Horizon,
    /// An epic's `target` date.
    Target,
    /// A stakeholder's `role`.
    Role,
    /// A stakeholder's `power`.
    Power,
    /// A stakeholder's `interest`.
    Interest,
    /// A meeting's `type`.
    MeetingType,
    /// A meeting's or decision's `date`.
    Date,
    /// A decision's `deciders`.
    Deciders,
    /// A decision's `supersedes`.
    Supersedes,
    /// A sprint's `start`.
    Start,
    /// A sprint's `end`.
    End,
    /// A sprint's `capacity`.
    Capacity,
    /// A sprint's `goal`.
    Goal,
    /// A sprint's `goal`, or its title when it has none: a sprint list's last column, where
    /// the goal says more than "Sprint 12".
    GoalOrTitle,
    /// A risk's `likelihood`.
    Likelihood,
    /// A risk's `impact`.
    Impact,
    /// A risk's likelihood × impact.
    Score,
}

/// One column of an item list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The table header (`PTS`).
    pub header: &'static str,
    /// The CSV header: the front-matter key it shows (`points`), or a computed name (`score`).
    pub name: &'static str,
    /// What it shows.
    pub field: Field,
    /// Whether it shrinks (with `…`) to fit the terminal; the title column does.
    pub flexible: bool,
}

const fn col(header: &'static str, name: &'static str, field: Field) -> Column {
    Column {
        header,
        name,
        field,
        flexible: false,
    }
}

const fn title_col(header: &'static str, name: &'static str, field: Field) -> Column {
    Column {
        header,
        name,
        field,
        flexible: true,
    }
}

const STORY: &[Column] = &[
    col("ID", "id", Field::Id),
    col("STATUS", "status", Field::Status),
    col("PTS", "points", Field::Points),
    col("EPIC", "epic", Field::Epic),
    col("SPRINT", "sprint", Field::Sprint),
    title_col("TITLE", "title", Field::Title),
];
const EPIC: &[Column] = &[
    col("ID", "id", Field::Id),
    col("STATUS", "status", Field::Status),
    col("HORIZON", "horizon", Field::Horizon),
    col("TARGET", "target", Field::Target),
    title_col("TITLE", "title", Field::Title),
];
const STAKEHOLDER: &[Column] = &[
    col("ID", "id", Field::Id),
    title_col("NAME", "title", Field::Title),
    col("ROLE", "role", Field::Role),
    col("POWER", "power", Field::Power),
    col("INTEREST", "interest", Field::Interest),
];
const MEETING: &[Column] = &[
    col("ID", "id", Field::Id),
    col("TYPE", "type", Field::MeetingType),
    col("DATE", "date", Field::Date),
    col("SPRINT", "sprint", Field::Sprint),
    title_col("TITLE", "title", Field::Title),
];
const SPRINT: &[Column] = &[
    col("ID", "id", Field::Id),
    col("STATUS", "status", Field::Status),
    col("START", "start", Field::Start),
    col("END", "end", Field::End),
    col("CAPACITY", "capacity", Field::Capacity),
    title_col("GOAL", "goal", Field::GoalOrTitle),
];
const RISK: &[Column] = &[
    col("ID", "id", Field::Id),
    col("STATUS", "status", Field::Status),
    col("L", "likelihood", Field::Likelihood),
    col("I", "impact", Field::Impact),
    col("SCORE", "score", Field::Score),
    title_col("TITLE", "title", Field::Title),
];
const DECISION: &[Column] = &[
    col("ID", "id", Field::Id),
    col("STATUS", "status", Field::Status),
    col("DATE", "date", Field::Date),
    col("DECIDERS", "deciders", Field::Deciders),
    col("SUPERSEDES", "supersedes", Field::Supersedes),
    title_col("TITLE", "title", Field::Title),
];

/// The columns of a kind's list, in order. The title column is the flexible one.
#[must_use]
pub fn item_columns(kind: Kind) -> &'static [Column] {
    match kind {
        Kind::Story => STORY,
        Kind::Epic => EPIC,
        Kind::Stakeholder => STAKEHOLDER,
        Kind::Meeting => MEETING,
        Kind::Sprint => SPRINT,
        Kind::Risk => RISK,
        Kind::Decision => DECISION,
    }
}

/// An item's value for a field, in full; `None` when it has none (or its kind has no such
/// field).
#[must_use]
pub fn cell(item: &Item, field: Field) -> Option<String> {
    fn text(s: Option<&String>) -> Option<String> {
        s.filter(|s| !s.is_empty()).cloned()
    }
    fn show<T: ToString>(v: Option<T>) -> Option<String> {
        v.map(|v| v.to_string())
    }
    match (field, &item.data) {
        (Field::Id, _) => Some(item.id.clone()).filter(|s| !s.is_empty()),
        (Field::Title, _) => Some(item.title.clone()).filter(|s| !s.is_empty()),
        (Field::Status, _) => item.status().filter(|s| !s.is_empty()).map(str::to_owned),
        (Field::Sprint, _) => item.sprint().filter(|s| !s.is_empty()).map(str::to_owned),
        (Field::Epic, _) => item.epic().filter(|s| !s.is_empty()).map(str::to_owned),
        (Field::Points, _) => show(item.points()),
        (Field::Horizon, KindData::Epic(e)) => text(e.horizon.as_ref()),
        (Field::Target, KindData::Epic(e)) => show(e.target),
        (Field::Role, KindData::Stakeholder(s)) => text(s.role.as_ref()),
        (Field::Power, KindData::Stakeholder(s)) => text(s.power.as_ref()),
        (Field::Interest, KindData::Stakeholder(s)) => text(s.interest.as_ref()),
        (Field::MeetingType, KindData::Meeting(m)) => text(m.meeting_type.as_ref()),
        (Field::Date, KindData::Meeting(m)) => show(m.date),
        (Field::Date, KindData::Decision(d)) => show(d.date),
        (Field::Deciders, KindData::Decision(d)) => Some(d.deciders.join(", ")).filter(|s| !s.is_empty()),
        (Field::Supersedes, KindData::Decision(d)) => Some(d.supersedes.join(", ")).filter(|s| !s.is_empty()),
        (Field::Start, KindData::Sprint(s)) => show(s.start),
        (Field::End, KindData::Sprint(s)) => show(s.end),
        (Field::Capacity, KindData::Sprint(s)) => show(s.capacity),
        (Field::Goal, KindData::Sprint(s)) => text(s.goal.as_ref()),
        (Field::GoalOrTitle, KindData::Sprint(s)) => text(s.goal.as_ref()).or_else(|| cell(item, Field::Title)),
        (Field::GoalOrTitle, _) => cell(item, Field::Title),
        (Field::Likelihood, KindData::Risk(r)) => show(r.likelihood),
        (Field::Impact, KindData::Risk(r)) => show(r.impact),
        (Field::Score, KindData::Risk(r)) => show(r.likelihood.zip(r.impact).map(|(l, i)| u64::from(l) * u64::from(i))),
        _ => None,
    }
}

/// A column a list shows: one of its kind's own ([`item_columns`]), or any field by name
/// (`--columns rank,assignee,team`), read as `--where` reads it ([`Subject::values`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListColumn {
    /// One of the kind's columns.
    Known(Column),
    /// Any field: a front-matter key (dotted for nested ones) or one the filter language
    /// computes (`kind`, `path`, `category`, …).
    Any(String),
}

impl ListColumn {
    /// The table header: `PTS`, or the field's name in capitals.
    #[must_use]
    pub fn header(&self) -> String {
        match self {
            ListColumn::Known(c) => c.header.to_owned(),
            ListColumn::Any(name) => name.to_uppercase(),
        }
    }

    /// The CSV header and JSON key: the front-matter key (`points`) or the name asked for.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            ListColumn::Known(c) => c.name,
            ListColumn::Any(name) => name,
        }
    }

    fn flexible(&self) -> bool {
        match self {
            ListColumn::Known(c) => c.flexible,
            ListColumn::Any(name) => name == "title",
        }
    }

    fn is(&self, field: Field) -> bool {
        matches!(self, ListColumn::Known(c) if c.field == field)
    }

    /// An item's value, in full; a list's elements joined with `sep`; `None` when it has none.
    #[must_use]
    pub fn value(&self, item: &Item, workflow: &Workflow, sep: &str) -> Option<String> {
        match self {
            ListColumn::Known(c) => cell(item, c.field),
            ListColumn::Any(name) => {
                let values = Subject::new(item, workflow).values(name).list;
                (!values.is_empty()).then(|| values.join(sep))
            }
        }
    }
}

/// The columns of a kind's list: its own ([`item_columns`]) when `names` is empty, else
/// those named, in that order; a name of one of the kind's columns (`points`, `score`)
/// shows it as the default list does.
#[must_use]
pub fn list_columns(kind: Kind, names: &[String]) -> Vec<ListColumn> {
    let own = item_columns(kind);
    if names.is_empty() {
        return own.iter().copied().map(ListColumn::Known).collect();
    }
    names
        .iter()
        .map(|name| {
            let name = name.trim();
            own.iter()
                .find(|c| c.name == name || c.header.eq_ignore_ascii_case(name))
                .map_or_else(|| ListColumn::Any(name.to_owned()), |c| ListColumn::Known(*c))
        })
        .collect()
}

/// The column of a broken item that says `BROKEN`: its status, or for kinds without one
/// the first column after the id that is not the title, so the word lines up where a
/// reader scans for state.
fn broken_column(columns: &[ListColumn]) -> Option<usize> {
    columns
        .iter()
        .position(|c| c.is(Field::Status) || matches!(c, ListColumn::Any(n) if n == "status"))
        .or_else(|| {
            columns
                .iter()
                .position(|c| !c.is(Field::Id) && !c.flexible() && !matches!(c, ListColumn::Any(n) if n == "id"))
        })
}

/// What a broken item shows as its title: the reason first, so a narrow terminal cuts the
/// title rather than the explanation.
fn broken_title(item: &Item, reason: &str) -> String {
    if item.title.is_empty() {
        format!("(unreadable: {reason})")
    } else {
        format!("(unreadable: {reason}) {}", item.title)
    }
}

/// A kind's list as a table: one row per item, empty values as `-`, the title shortened to
/// fit `width` (see [`Table::render`]).
///
/// A broken item (one whose file could not be read) still gets its row, with `BROKEN` in
/// its status column and `(unreadable: <reason>)` as its title, so nothing vanishes from a
/// list because of a typo.
#[must_use]
pub fn items_table(items: &[&Item], kind: Kind, width: Option<usize>) -> String {
    items_table_of(items, &list_columns(kind, &[]), &Workflow::default(), width)
}

/// A list as a table with these columns (see [`items_table`]); `workflow` gives statuses
/// their category for a `category` column.
#[must_use]
pub fn items_table_of(items: &[&Item], columns: &[ListColumn], workflow: &Workflow, width: Option<usize>) -> String {
    let mut table = Table::new(columns.iter().map(ListColumn::header));
    for (i, c) in columns.iter().enumerate() {
        if c.flexible() {
            table = table.flexible(i);
        }
    }
    let broken_at = broken_column(columns);
    for item in items {
        let mut cells: Vec<String> = columns
            .iter()
            .map(|c| c.value(item, workflow, ", ").unwrap_or_else(|| "-".to_owned()))
            .collect();
        if let Some(reason) = &item.broken {
            if let Some(b) = broken_at {
                "BROKEN".clone_into(&mut cells[b]);
            }
            for (c, value) in columns.iter().zip(&mut cells) {
                if c.flexible() {
                    *value = broken_title(item, reason);
                }
            }
        }
        table.push_row(cells);
    }
    table.render(width)
}

/// How many items of one kind there are, by status.
///
/// `total` = the sum of `by_status` + `no_status` + `broken`: a broken item is counted
/// only as broken, since what its status says cannot be trusted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    /// The kind.
    pub kind: Kind,
    /// Every item of the kind, broken ones included.
    pub total: usize,
    /// Per status: the kind's allowed statuses in workflow order (zeros included), then any
    /// other values found, alphabetically. Empty for kinds without a status.
    #[serde(serialize_with = "pairs_as_map")]
    pub by_status: Vec<(String, usize)>,
    /// Readable items of a kind with a status field that have no status.
    pub no_status: usize,
    /// Items whose file could not be read.
    pub broken: usize,
}

fn pairs_as_map<S: serde::Serializer>(pairs: &[(String, usize)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

/// Counts per kind (every kind, in [`Kind::ALL`] order, empty ones included), for
/// `pobox status`.
#[must_use]
pub fn status_counts(ws: &Workspace) -> Vec<KindCounts> {
    let mut counts: Vec<KindCounts> = Kind::ALL
        .into_iter()
        .map(|kind| KindCounts {
            kind,
            total: 0,
            by_status: Vec::new(),
            no_status: 0,
            broken: 0,
        })
        .collect();
    let mut by: Vec<HashMap<&str, usize>> = vec![HashMap::new(); counts.len()];
    for item in &ws.items {
        let Some(k) = Kind::ALL.iter().position(|k| *k == item.kind) else {
            continue;
        };
        let c = &mut counts[k];
        c.total += 1;
        if item.broken.is_some() {
            c.broken += 1;
        } else if let Some(s) = item.status().filter(|s| !s.is_empty()) {
            *by[k].entry(s).or_default() += 1;
        } else if item.kind.has_status() {
            c.no_status += 1;
        }
    }
    for (c, mut by) in counts.iter_mut().zip(by) {
        if !c.kind.has_status() {
            continue;
        }
        for s in ws.config.statuses_for(c.kind) {
            c.by_status.push((s.to_owned(), by.remove(s).unwrap_or(0)));
        }
        let mut others: Vec<(String, usize)> = by.into_iter().map(|(s, n)| (s.to_owned(), n)).collect();
        others.sort();
        c.by_status.extend(others);
    }
    counts
}

/// `pobox status`'s table: one row per kind with its total and a "by status" summary
/// (`draft 3 · ready 2 · done 5`), plus a BROKEN column when any file could not be read.
#[must_use]
pub fn status_counts_table(ws: &Workspace, width: Option<usize>) -> String {
    counts_table(&status_counts(ws), width)
}

fn counts_table(counts: &[KindCounts], width: Option<usize>) -> String {
    let any_broken = counts.iter().any(|c| c.broken > 0);
    let mut headers = vec!["KIND", "TOTAL"];
    if any_broken {
        headers.push("BROKEN");
    }
    headers.push("BY STATUS");
    let mut table = Table::new(&headers).flexible(headers.len() - 1);
    for c in counts {
        let mut row = vec![c.kind.folder().to_owned(), c.total.to_string()];
        if any_broken {
            row.push(if c.broken > 0 { c.broken.to_string() } else { "-".to_owned() });
        }
        let mut parts: Vec<String> = c
            .by_status
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| format!("{s} {n}"))
            .collect();
        if c.no_status > 0 {
            parts.push(format!("no status {}", c.no_status));
        }
        row.push(if parts.is_empty() { "-".to_owned() } else { parts.join(" · ") });
        table.push_row(row);
    }
    table.render(width)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    use crate::config::Config;
    use crate::model::item::{Risk, Sprint, Story};

    fn story(id: &str, status: Option<&str>, points: Option<u32>, title: &str) -> Item {
        let mut item = Item::bare(Kind::Story, id.to_owned(), PathBuf::from(format!("backlog/stories/{id}.md")));
        item.title = title.to_owned();
        item.data = KindData::Story(Story {
            status: status.map(str::to_owned),
            points,
            epic: Some("E-1".to_owned()),
            ..Story::default()
        });
        item
    }

    fn broken_story(id: &str) -> Item {
        let mut item = Item::bare(Kind::Story, id.to_owned(), PathBuf::from(format!("backlog/stories/{id}.md")));
        item.broken = Some("YAML error at line 3".to_owned());
        item
    }

    #[test]
    fn story_table_shows_every_item_and_dashes_for_empty_cells() {
        let a = story("S-1", Some("ready"), Some(3), "Pay with a saved card");
        let b = story("S-2", None, None, "");
        let c = broken_story("S-3");
        let out = items_table(&[&a, &b, &c], Kind::Story, None);
        assert_eq!(
            out,
            "ID   STATUS  PTS  EPIC  SPRINT  TITLE\n\
             S-1  ready   3    E-1   -       Pay with a saved card\n\
             S-2  -       -    E-1   -       -\n\
             S-3  BROKEN  -    -     -       (unreadable: YAML error at line 3)\n"
        );
    }

    #[test]
    fn broken_items_without_status_say_so_in_their_second_column() {
        let mut m = Item::bare(
            Kind::Meeting,
            "2024-05-02-kickoff".to_owned(),
            PathBuf::from("backlog/meetings/2024-05-02-kickoff.md"),
        );
        m.broken = Some("no front-matter".to_owned());
        let out = items_table(&[&m], Kind::Meeting, None);
        assert_eq!(
            out.lines().nth(1).unwrap(),
            "2024-05-02-kickoff  BROKEN  -     -       (unreadable: no front-matter)"
        );

        let mut s = Item::bare(Kind::Stakeholder, "dana".to_owned(), PathBuf::from("backlog/stakeholders/dana.md"));
        s.title = "Dana Scully".to_owned();
        s.broken = Some("merge conflict (line 4)".to_owned());
        let out = items_table(&[&s], Kind::Stakeholder, None);
        assert_eq!(
            out.lines().nth(1).unwrap(),
            "dana  (unreadable: merge conflict (line 4)) Dana Scully  BROKEN  -      -"
        );
    }

    #[test]
    fn risk_score_and_sprint_goal() {
        let mut r = Item::bare(Kind::Risk, "R-1".to_owned(), PathBuf::from("backlog/risks/R-1.md"));
        r.title = "Card provider outage".to_owned();
        r.data = KindData::Risk(Risk {
            likelihood: Some(3),
            impact: Some(4),
            status: Some("open".to_owned()),
            ..Risk::default()
        });
        assert_eq!(cell(&r, Field::Score).as_deref(), Some("12"));
        let mut sp = Item::bare(Kind::Sprint, "SP-1".to_owned(), PathBuf::from("backlog/sprints/SP-1.md"));
        sp.title = "Sprint 1".to_owned();
        assert_eq!(cell(&sp, Field::GoalOrTitle).as_deref(), Some("Sprint 1"));
        sp.data = KindData::Sprint(Sprint {
            goal: Some("Checkout works".to_owned()),
            capacity: Some(20),
            ..Sprint::default()
        });
        assert_eq!(cell(&sp, Field::GoalOrTitle).as_deref(), Some("Checkout works"));
        assert_eq!(cell(&sp, Field::Points), None);
    }

    #[test]
    fn hostile_titles_are_escaped() {
        let a = story("S-1", Some("ready"), Some(3), "\u{1b}]0;pwned\u{7}\u{1b}[2J");
        let out = items_table(&[&a], Kind::Story, Some(80));
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("\u{241b}]0;pwned\u{2407}\u{241b}[2J"), "{out:?}");
    }

    #[test]
    fn counts_by_status() {
        let items = vec![
            story("S-1", Some("ready"), None, "a"),
            story("S-2", Some("done"), None, "b"),
            story("S-3", Some("done"), None, "c"),
            story("S-4", Some("wip"), None, "d"),
            story("S-5", None, None, "e"),
            broken_story("S-6"),
        ];
        let mut ws = Workspace::empty(PathBuf::from("."), Config::default());
        ws.items = items;
        let counts = status_counts(&ws);
        assert_eq!(counts.len(), Kind::ALL.len());
        let stories = &counts[0];
        assert_eq!((stories.total, stories.no_status, stories.broken), (6, 1, 1));
        assert_eq!(
            stories
                .by_status
                .iter()
                .map(|(s, n)| format!("{s}={n}"))
                .collect::<Vec<_>>()
                .join(" "),
            "draft=0 ready=1 in-progress=0 review=0 done=2 dropped=0 wip=1"
        );
        assert_eq!(counts[4].by_status.len(), 3, "sprints count by their own life cycle");
        assert!(counts[2].by_status.is_empty(), "stakeholders have no status");
        let json = serde_json::to_value(stories).unwrap();
        assert_eq!(json["by_status"]["done"], 2);
        assert_eq!(json["kind"], "story");

        let out = status_counts_table(&ws, None);
        assert_eq!(
            out,
            "KIND          TOTAL  BROKEN  BY STATUS\n\
             stories       6      1       ready 1 · done 2 · wip 1 · no status 1\n\
             epics         0      -       -\n\
             stakeholders  0      -       -\n\
             meetings      0      -       -\n\
             sprints       0      -       -\n\
             risks         0      -       -\ndecisions     0      -       -\n"
        );
    }
}
