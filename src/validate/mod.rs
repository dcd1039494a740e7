//! `pobox validate`: every rule that keeps a backlog sound, run over a loaded workspace.
//!
//! File-level problems (YAML, types, ids) are found while loading; the rule families here
//! judge values, references between files, and readiness. Rules only build diagnostics;
//! positions of fields are looked up when a rule reports, by parsing that one file again,
//! so a clean workspace pays nothing for them.

pub mod decisions;
pub mod dependencies;
pub mod readiness;
pub mod references;
pub mod sprints;
pub mod staged;
#[cfg(test)]
mod testing;
pub mod values;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use jiff::civil::Date;

use crate::diag::{self, Code, Diagnostic};
use crate::model::{Item, Kind};
use crate::parse::frontmatter;
use crate::parse::yaml::{self, Node, Value};
use crate::workspace::{Workspace, apply_severity};

/// A file's front-matter with positions and the file line of its YAML line 0, once parsed.
type Positions = Option<(Node, u32)>;

/// Everything a rule may consult: the workspace, today's date, an index of items by id,
/// and field positions on demand.
pub struct Checker<'a> {
    /// The workspace being judged.
    pub ws: &'a Workspace,
    /// Today, for overdue checks.
    pub today: Date,
    /// When set, only these files' problems (and cross-file ones) will be reported.
    focus: Option<&'a staged::StagedScope>,
    by_id: HashMap<&'a str, Vec<&'a Item>>,
    positions: Mutex<HashMap<PathBuf, Arc<Positions>>>,
}

impl<'a> Checker<'a> {
    /// A checker over `ws`.
    #[must_use]
    pub fn new(ws: &'a Workspace, today: Date) -> Self {
        let mut by_id: HashMap<&str, Vec<&Item>> = HashMap::with_capacity(ws.items.len());
        for item in &ws.items {
            by_id.entry(item.id.as_str()).or_default().push(item);
        }
        Checker {
            ws,
            today,
            focus: None,
            by_id,
            positions: Mutex::new(HashMap::new()),
        }
    }

    /// The items with this id (more than one when ids are duplicated).
    #[must_use]
    pub fn all_with_id(&self, id: &str) -> &[&'a Item] {
        self.by_id.get(id).map_or(&[], Vec::as_slice)
    }

    /// The item with this id (the first, when duplicated).
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&'a Item> {
        self.all_with_id(id).first().copied()
    }

    /// The workspace's items.
    pub fn items(&self) -> impl Iterator<Item = &'a Item> + 'a {
        self.ws.items.iter().filter(|i| i.broken.is_none())
    }

    /// Items of one kind that could be read.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &'a Item> + 'a {
        self.items().filter(move |i| i.kind == kind)
    }

    fn front_matter(&self, path: &Path) -> Arc<Positions> {
        if let Some(found) = self.positions.lock().ok().and_then(|m| m.get(path).cloned()) {
            return found;
        }
        let parsed = self.ws.file_text(path).and_then(|text| {
            let split = frontmatter::split(&text).ok()?;
            let node = yaml::parse(&text[split.yaml.clone()]).ok()?;
            Some((node, split.yaml_line - 1))
        });
        let parsed = Arc::new(parsed);
        if let Ok(mut m) = self.positions.lock() {
            m.insert(path.to_path_buf(), Arc::clone(&parsed));
        }
        parsed
    }

    /// File line and column of a field's value. `key` may name a nested field
    /// (`wsjf.value`); `index` picks a list element. Falls back to the key, then to the
    /// first line, when the exact place cannot be found.
    #[must_use]
    pub fn field_pos(&self, item: &Item, key: &str, index: Option<usize>) -> (u32, u32) {
        let parsed = self.front_matter(&item.path);
        let Some((root, offset)) = parsed.as_ref() else { return (1, 1) };
        let mut node = root;
        let mut at = (1, 1);
        for part in key.split('.') {
            let Value::Map(entries) = &node.value else { break };
            let Some(entry) = entries.iter().find(|e| e.key == part) else {
                break;
            };
            at = (offset + entry.key_pos.line, entry.key_pos.col);
            node = &entry.node;
            if node.pos.line > 0 {
                at = (offset + node.pos.line, node.pos.col);
            }
        }
        if let (Some(i), Value::Seq(items)) = (index, &node.value)
            && let Some(elem) = items.get(i)
            && elem.pos.line > 0
        {
            at = (offset + elem.pos.line, elem.pos.col);
        }
        at
    }

    /// A diagnostic at a field's value (see [`Checker::field_pos`]).
    #[must_use]
    pub fn at_field(&self, code: Code, item: &Item, key: &str, index: Option<usize>, message: impl Into<String>) -> Diagnostic {
        // A diagnostic the caller will drop needs no position, and finding one parses the
        // file again.
        let dropped = self
            .focus
            .is_some_and(|f| !f.paths.contains(&item.path) && !staged::is_cross_file(code));
        let (line, col) = if dropped { (0, 0) } else { self.field_pos(item, key, index) };
        Diagnostic::new(code, &item.path, line, col, message)
    }

    /// A diagnostic at the item's `id` (for problems of the item as a whole).
    #[must_use]
    pub fn at_item(&self, code: Code, item: &Item, message: impl Into<String>) -> Diagnostic {
        self.at_field(code, item, "id", None, message)
    }
}

/// Every problem in the workspace: what loading found plus every rule, with the
/// workspace's severity overrides applied, sorted by file and position.
#[must_use]
pub fn validate(ws: &Workspace, today: Date) -> Vec<Diagnostic> {
    run(Checker::new(ws, today))
}

/// What the staged changes in `scope` are responsible for (see [`staged::caused_by`]); rules
/// skip the work of placing diagnostics that will be dropped.
#[must_use]
pub fn validate_staged(ws: &Workspace, today: Date, scope: &staged::StagedScope) -> Vec<Diagnostic> {
    let mut cx = Checker::new(ws, today);
    cx.focus = Some(scope);
    staged::caused_by(run(cx), scope)
}

fn run(cx: Checker<'_>) -> Vec<Diagnostic> {
    let ws = cx.ws;
    let mut found = Vec::new();
    values::check(&cx, &mut found);
    references::check(&cx, &mut found);
    dependencies::check(&cx, &mut found);
    sprints::check(&cx, &mut found);
    readiness::check(&cx, &mut found);
    decisions::check(&cx, &mut found);
    let mut all = ws.diagnostics.clone();
    all.extend(apply_severity(&ws.config, found));
    diag::sort(&mut all);
    all.dedup();
    all
}
