//! Questions asked of a loaded workspace: which items pass a filter (the expression language
//! of [`expr`], evaluated by [`eval`]), in what order ([`sort_items`]), what mentions an
//! item ([`backlinks`]) and which items hold a text ([`search`]).

pub mod eval;
pub mod expr;
pub mod search;

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Serialize;

use crate::config::Config;
use crate::model::{Item, Kind};
use crate::text::number::natural_cmp;
use crate::workflow::Workflow;
use crate::workspace::Workspace;
use eval::Subject;
use expr::Expr;

/// Which items a list shows: the old flags (`--status`, `--epic`, …) and a `--where`
/// expression, all of which must hold; a flag with several values holds when any does.
/// The flags are sugar: [`Filter::expr`] writes them as one expression, which the one
/// evaluator ([`eval::Subject::matches`]) runs.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Status is one of these.
    pub status: Vec<String>,
    /// Story's epic is one of these.
    pub epic: Vec<String>,
    /// Sprint is one of these.
    pub sprint: Vec<String>,
    /// Has one of these labels.
    pub label: Vec<String>,
    /// Owner (or a story's assignee) is one of these.
    pub owner: Vec<String>,
    /// And this expression holds.
    pub condition: Option<Expr>,
}

impl Filter {
    /// The whole filter as one expression; `None` when it has no condition.
    #[must_use]
    pub fn expr(&self) -> Option<Expr> {
        let owner = Expr::one_of("owner", &self.owner)
            .zip(Expr::one_of("assignee", &self.owner))
            .map(|(o, a)| o.or(a));
        Expr::all(
            [
                Expr::one_of("status", &self.status),
                Expr::one_of("epic", &self.epic),
                Expr::one_of("sprint", &self.sprint),
                Expr::one_of("label", &self.label),
                owner,
                self.condition.clone(),
            ]
            .into_iter()
            .flatten(),
        )
    }

    /// Whether `item` passes, its status given a category by `workflow`.
    #[must_use]
    pub fn matches(&self, item: &Item, workflow: &Workflow) -> bool {
        self.expr().is_none_or(|e| Subject::new(item, workflow).matches(&e))
    }
}

/// The items of `items` that pass `filter`, in their order, with statuses given categories
/// by `ws`'s workflow. An item whose file pobox cannot read stays: what it holds is
/// unknown, so a list shows it as BROKEN rather than leave it out (domain §8). A filter
/// that names `body` reads each file's body (lists load without them).
#[must_use]
pub fn select<'a>(ws: &Workspace, items: impl IntoIterator<Item = &'a Item>, filter: &Filter) -> Vec<&'a Item> {
    let Some(expr) = filter.expr() else {
        return items.into_iter().collect();
    };
    let wants_body = expr.fields().contains(&"body");
    items
        .into_iter()
        .filter(|item| {
            if item.broken.is_some() {
                return true;
            }
            let text = if wants_body { ws.file_text(&item.path) } else { None };
            Subject::new(item, &ws.config.workflow)
                .with_body(text.as_deref().map(crate::export::body_of))
                .matches(&expr)
        })
        .collect()
}

/// A field an expression names that no item has and pobox does not know, close to one
/// that is: probably a typo (`pionts` for `points`). Not an error: a field no item has
/// simply has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldTypo {
    /// The field as written.
    pub field: String,
    /// The known field it is close to.
    pub suggestion: String,
}

/// The fields of `fields` that look like typos, each once, in order: neither pobox's (a
/// front-matter key of a kind, or one of [`eval::COMPUTED_FIELDS`]) nor a key some item of
/// `items` has, and close to one of those.
#[must_use]
pub fn field_typos<'a>(fields: impl IntoIterator<Item = &'a str>, items: &[Item]) -> Vec<FieldTypo> {
    let mut known: BTreeSet<&str> = eval::COMPUTED_FIELDS.iter().copied().collect();
    for column in crate::export::KNOWN_COLUMNS {
        known.insert(column);
        known.extend(column.split('.').next());
    }
    for item in items {
        known.extend(item.extra.keys().map(String::as_str));
    }
    let mut out: Vec<FieldTypo> = Vec::new();
    for field in fields {
        let first = field.split('.').next().unwrap_or(field);
        if known.contains(field) || known.contains(first) || out.iter().any(|t| t.field == field) {
            continue;
        }
        if let Some(s) = crate::diag::suggest(field, known.iter().copied()) {
            out.push(FieldTypo {
                field: field.to_owned(),
                suggestion: s.to_owned(),
            });
        }
    }
    out
}

/// How a list is ordered: by one field, ascending unless `descending`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    /// The field, as [`eval::Subject::values`] reads it.
    pub field: String,
    /// Largest first.
    pub descending: bool,
}

impl SortKey {
    /// `points` or, descending, `-points`; `descending` also turns it round (`--desc`).
    #[must_use]
    pub fn parse(spec: &str, descending: bool) -> SortKey {
        let spec = spec.trim();
        match spec.strip_prefix('-') {
            Some(field) => SortKey {
                field: field.to_owned(),
                descending: true,
            },
            None => SortKey {
                field: spec.to_owned(),
                descending,
            },
        }
    }
}

/// Sort `items` by `key`: numbers and dates as such, a status by its place in its kind's
/// statuses (the workflow's order, or a sprint's or risk's life cycle), text in any case;
/// items without a value last in either direction; ties, and items without a value, by id
/// as people read ids (S-2 before S-10).
pub fn sort_items(items: &mut [&Item], key: &SortKey, config: &Config) {
    let value = |item: &Item| -> Option<String> {
        if key.field == "status" {
            let status = item.status()?;
            let place = config.statuses_for(item.kind).iter().position(|s| *s == status);
            // A status outside the list sorts after the list's, by name.
            return Some(place.map_or_else(|| format!("~{status}"), |p| p.to_string()));
        }
        Subject::new(item, &config.workflow).values(&key.field).list.into_iter().next()
    };
    let mut keyed: Vec<(Option<String>, &Item)> = items.iter().map(|i| (value(i), *i)).collect();
    keyed.sort_by(|(va, a), (vb, b)| {
        let by_value = match (va, vb) {
            (Some(x), Some(y)) => {
                let o = eval::compare(x, y);
                if key.descending { o.reverse() } else { o }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_value.then_with(|| natural_cmp(&a.id, &b.id))
    });
    for (slot, (_, item)) in items.iter_mut().zip(keyed) {
        *slot = item;
    }
}

/// An item that mentions another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backlink {
    /// The mentioning item's id.
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// Its title.
    pub title: String,
    /// Its file.
    pub path: PathBuf,
    /// Where it mentions the target: a field name or `body`.
    pub via: Vec<&'static str>,
}

/// Every item whose fields or body mention `id`, in workspace order.
#[must_use]
pub fn backlinks(ws: &Workspace, id: &str) -> Vec<Backlink> {
    ws.items
        .iter()
        .filter(|i| i.id != id)
        .filter_map(|item| {
            let mut via: Vec<&'static str> = item.references().into_iter().filter(|r| r.target == id).map(|r| r.field).collect();
            via.dedup();
            (!via.is_empty()).then(|| Backlink {
                id: item.id.clone(),
                kind: item.kind,
                title: item.title.clone(),
                path: item.path.clone(),
                via,
            })
        })
        .collect()
}
