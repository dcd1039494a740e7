//! What the action-items report contains (domain reference §5): every open action item of
//! every meeting, grouped by owner with the overdue ones first, and the items that cannot be
//! chased because they have no owner or no due date.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{Kind, KindData};
use crate::workspace::Workspace;

/// The action-items report: data only; [`super::md`], [`super::html`] and [`super::json`]
/// write it.
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
    }
}
