//! Questions asked of a loaded workspace: filters, backlinks, counts.

use std::path::PathBuf;

use serde::Serialize;

use crate::model::{Item, Kind};
use crate::workspace::Workspace;

/// Which items a list shows. Every set condition must hold; a condition with several values
/// holds when any of them does.
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
}

impl Filter {
    /// Whether `item` passes.
    #[must_use]
    pub fn matches(&self, item: &Item) -> bool {
        let any = |wanted: &[String], value: Option<&str>| wanted.is_empty() || value.is_some_and(|v| wanted.iter().any(|w| w == v));
        any(&self.status, item.status())
            && any(&self.epic, item.epic())
            && any(&self.sprint, item.sprint())
            && (self.label.is_empty() || item.labels.iter().any(|l| self.label.contains(l)))
            && (self.owner.is_empty()
                || any(&self.owner, item.owner.as_deref())
                || any(&self.owner, item.as_story().and_then(|s| s.assignee.as_deref())))
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
