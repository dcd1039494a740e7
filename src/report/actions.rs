//! What the action-items report contains (domain reference §5): every open action item of
//! every meeting, grouped by owner with the overdue ones first, and the items that cannot be
//! chased because they have no owner or no due date.

use jiff::civil::Date;
use serde::Serialize;

use super::page::{self, Block, Cell, Column, Kpi, Mark, Page, Span};
use super::sprint::meeting_spans;

use crate::model::{Kind, KindData};
use crate::workspace::{UnreadableFile, Workspace};

/// The action-items report: data only; its [`Page`] is written by every format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionsReportDoc {
    /// The product's name (`product` in `pobox.yaml`).
    pub product: String,
    /// The day the report looks from: items due before it are overdue.
    pub as_of: Date,
    /// `--owner`: only what this person owns (`None`: everyone's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Action items in all meetings, ticked or not.
    pub total: usize,
    /// Ticked ones.
    pub done: usize,
    /// Not ticked.
    pub open: usize,
    /// Open, with an owner, and due before [`Self::as_of`].
    pub overdue: usize,
    /// Open items with an owner and a due date, one group per owner; the group with the
    /// most overdue item first.
    pub owners: Vec<OwnerGroup>,
    /// Open items without an owner or without a (readable) due date, by meeting date.
    pub needs_owner_or_due: Vec<ActionRow>,
    /// Every file of the backlog pobox cannot read: counted nowhere in it, so listed here
    /// (domain §8; see [`super::unreadable`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableFile>,
}

/// One owner's open action items, the most overdue first, then by due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnerGroup {
    /// The owner, without the `@`.
    pub owner: String,
    /// How many of the items are overdue.
    pub overdue: usize,
    /// The items.
    pub items: Vec<ActionRow>,
}

/// One open action item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionRow {
    /// What to do.
    pub text: String,
    /// Whom it is for.
    pub owner: Option<String>,
    /// The due date as written.
    pub due: Option<String>,
    /// The due date, when it reads as `YYYY-MM-DD`.
    pub due_date: Option<Date>,
    /// Days past the due date on the report's day (`None` when not overdue).
    pub days_overdue: Option<i32>,
    /// The meeting's id.
    pub meeting: String,
    /// The meeting's title.
    pub meeting_title: String,
    /// The meeting's date.
    pub meeting_date: Option<Date>,
}

/// Build the report from `ws` (read with bodies) as of `as_of`.
#[must_use]
pub fn build(ws: &Workspace, as_of: Date) -> ActionsReportDoc {
    build_for(ws, as_of, None)
}

/// Build the report like [`build`], counting only the action items of `owner` (with or
/// without its `@`) when given.
#[must_use]
pub fn build_for(ws: &Workspace, as_of: Date, owner: Option<&str>) -> ActionsReportDoc {
    let owner = owner.map(|o| o.trim().trim_start_matches('@'));
    let (mut total, mut done) = (0, 0);
    let mut open = Vec::new();
    for m in ws.of_kind(Kind::Meeting).filter(|m| m.broken.is_none()) {
        let meeting_date = match &m.data {
            KindData::Meeting(f) => f.date,
            _ => None,
        };
        for a in &m.body().action_items {
            if owner.is_some_and(|o| a.owner.as_deref().map(|w| w.trim().trim_start_matches('@')) != Some(o)) {
                continue;
            }
            total += 1;
            if a.done {
                done += 1;
                continue;
            }
            let due_date = a.due.as_deref().and_then(|d| crate::model::fields::parse_date(d.trim()).ok());
            let days_overdue = due_date.filter(|d| *d < as_of).map(|d| (as_of - d).get_days());
            open.push(ActionRow {
                text: a.text.clone(),
                owner: a.owner.clone().filter(|o| !o.trim().is_empty()),
                due: a.due.clone(),
                due_date,
                days_overdue,
                meeting: m.id.clone(),
                meeting_title: m.title.clone(),
                meeting_date,
            });
        }
    }
    open.sort_by(|a, b| (a.meeting_date, &a.meeting).cmp(&(b.meeting_date, &b.meeting)));
    let n_open = open.len();
    let (chased, needs_owner_or_due): (Vec<ActionRow>, Vec<ActionRow>) =
        open.into_iter().partition(|a| a.owner.is_some() && a.due_date.is_some());
    let mut owners: Vec<OwnerGroup> = Vec::new();
    for a in chased {
        let owner = a.owner.clone().unwrap_or_default();
        match owners.iter_mut().find(|g| g.owner == owner) {
            Some(g) => g.items.push(a),
            None => owners.push(OwnerGroup {
                owner,
                overdue: 0,
                items: vec![a],
            }),
        }
    }
    for g in &mut owners {
        g.items.sort_by_key(|a| a.due_date);
        g.overdue = g.items.iter().filter(|a| a.days_overdue.is_some()).count();
    }
    let most_overdue = |g: &OwnerGroup| g.items.iter().filter_map(|a| a.days_overdue).max();
    owners.sort_by(|a, b| most_overdue(b).cmp(&most_overdue(a)).then_with(|| a.owner.cmp(&b.owner)));
    ActionsReportDoc {
        product: ws.config.product.clone(),
        as_of,
        owner: owner.map(str::to_owned),
        total,
        done,
        open: n_open,
        overdue: owners.iter().map(|g| g.overdue).sum(),
        owners,
        needs_owner_or_due,
        unreadable: ws.unreadable(&Kind::ALL),
    }
}

impl super::Report for ActionsReportDoc {
    const NAME: &'static str = "actions";

    fn page(&self) -> Page<'_> {
        let kpis = vec![
            Kpi {
                value: self.open.to_string(),
                label: format!("open of {} ({} done)", self.total, self.done).into(),
                strong: true,
            },
            Kpi {
                value: self.overdue.to_string(),
                label: "overdue".into(),
                strong: true,
            },
            Kpi {
                value: self.needs_owner_or_due.len().to_string(),
                label: "need an owner or a due date".into(),
                strong: false,
            },
        ];
        let mut by_owner = Vec::new();
        if self.owners.is_empty() {
            by_owner.push(Block::words("None: no open action item has an owner and a due date."));
        }
        for g in &self.owners {
            by_owner.push(Block::Subheading(vec![
                Span::own("@"),
                Span::user(&g.owner),
                Span::own(format!(" ({} open, {} overdue)", g.items.len(), g.overdue)),
            ]));
            let rows = g
                .items
                .iter()
                .map(|a| {
                    let late = a.days_overdue.map_or_else(Vec::new, |d| {
                        vec![Span::mark(
                            Mark::Overdue,
                            vec![Span::own(format!("{d} {}", if d == 1 { "day" } else { "days" }))],
                        )]
                    });
                    vec![
                        Cell::user(&a.text),
                        a.due.as_deref().map_or_else(|| Cell::own(""), Cell::user),
                        Cell::Spans(late),
                        Cell::Spans(meeting_spans(a.meeting_date, &a.meeting_title)),
                    ]
                })
                .collect();
            by_owner.push(Block::table(
                None,
                vec![
                    Column::Text("Action"),
                    Column::Text("Due"),
                    Column::Number("Overdue"),
                    Column::Text("Meeting"),
                ],
                rows,
            ));
        }
        let needs = if self.needs_owner_or_due.is_empty() {
            Block::words("None: every open action item has an owner and a due date.")
        } else {
            let rows = self
                .needs_owner_or_due
                .iter()
                .map(|a| {
                    vec![
                        Cell::user(&a.text),
                        a.owner
                            .as_deref()
                            .map_or_else(|| Cell::own("no owner"), |o| Cell::Spans(vec![Span::own("@"), Span::user(o)])),
                        a.due.as_deref().map_or_else(|| Cell::own("no due date"), Cell::user),
                        Cell::Spans(meeting_spans(a.meeting_date, &a.meeting_title)),
                    ]
                })
                .collect();
            Block::table(
                None,
                vec![
                    Column::Text("Action"),
                    Column::Text("Owner"),
                    Column::Text("Due"),
                    Column::Text("Meeting"),
                ],
                rows,
            )
        };
        Page {
            title: vec![Span::own("Action items")],
            facts: page::facts(&self.product, self.owner.as_deref(), self.as_of),
            intro: Vec::new(),
            blocks: vec![
                Block::Kpis { label: None, kpis },
                Block::section(vec![Span::own("By owner")], by_owner),
                Block::section(
                    vec![Span::own(format!("Needs an owner/due date ({})", self.needs_owner_or_due.len()))],
                    vec![needs],
                ),
            ],
            source: "from the backlog's meeting notes",
            source_note: "",
            as_of: self.as_of,
        }
        .with_unreadable(&self.unreadable)
    }
}
