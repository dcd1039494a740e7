//! What a field of an item holds, and whether an item passes an [`Expr`]: the one evaluator
//! behind `--where`, the old `--status`/`--epic`/… flags, `--sort`, `--columns` and
//! `search --where`.
//!
//! A field is any front-matter key, pobox's or the user's, dotted for nested ones
//! (`wsjf.value`, `extra.team` and `team` alike), plus `id`, `title`, `kind`, `path`,
//! `body`, `broken`, `label` (for `labels`) and `category` (the workflow category of the
//! status, asked of [`Workflow`]). A list field holds each of its elements. Numbers and
//! dates compare as such; text compares in any case.

use std::cell::OnceCell;
use std::cmp::Ordering;

use jiff::civil::Date;

use super::expr::{Expr, Op};
use crate::model::Item;
use crate::model::fields::parse_date;
use crate::workflow::{Category, Workflow};

/// Names the language gives meaning to beyond the front-matter keys.
pub const COMPUTED_FIELDS: &[&str] = &["kind", "id", "title", "path", "body", "broken", "label", "category", "aliases"];

/// What a field holds for one item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Values {
    /// The item has the field (a list may be empty; an object has no text of its own).
    pub present: bool,
    /// Its values as text: one for a plain field, each element for a list.
    pub list: Vec<String>,
}

impl Values {
    fn of(list: Vec<String>) -> Values {
        Values { present: true, list }
    }

    fn one(v: Option<&str>) -> Values {
        match v {
            Some(v) if !v.is_empty() => Values::of(vec![v.to_owned()]),
            _ => Values::default(),
        }
    }
}

/// One item as the evaluator sees it: the item, the workflow that gives its status a
/// category and, when the command read it, its body.
#[derive(Debug)]
pub struct Subject<'a> {
    item: &'a Item,
    workflow: &'a Workflow,
    body: Option<&'a str>,
    /// The item as JSON, made the first time a field not read directly is asked for.
    json: OnceCell<serde_json::Value>,
}

impl<'a> Subject<'a> {
    /// `item`, with statuses given categories by `workflow`, without its body.
    #[must_use]
    pub fn new(item: &'a Item, workflow: &'a Workflow) -> Self {
        Subject {
            item,
            workflow,
            body: None,
            json: OnceCell::new(),
        }
    }

    /// The same, with its body text for `body` conditions.
    #[must_use]
    pub fn with_body(mut self, body: Option<&'a str>) -> Self {
        self.body = body;
        self
    }

    /// The workflow category of its status: only stories and epics follow the workflow.
    fn category(&self) -> Option<Category> {
        if self.item.kind.own_statuses().is_some() {
            return None;
        }
        self.item.status().and_then(|s| self.workflow.category(s))
    }

    /// What `field` holds.
    #[must_use]
    pub fn values(&self, field: &str) -> Values {
        let item = self.item;
        match field {
            "id" => Values::one(Some(&item.id)),
            "title" => Values::one(Some(&item.title)),
            "kind" => Values::one(Some(item.kind.as_str())),
            "path" => Values::one(Some(&crate::text::path::slash(&item.path))),
            "body" => Values::one(self.body),
            "broken" => Values::one(item.broken.as_deref()),
            "category" => Values::one(self.category().map(Category::as_str)),
            "label" | "labels" => {
                if item.labels.is_empty() {
                    Values::default()
                } else {
                    Values::of(item.labels.clone())
                }
            }
            "status" => Values::one(item.status()),
            "epic" => Values::one(item.epic()),
            "sprint" => Values::one(item.sprint()),
            "owner" => Values::one(item.owner.as_deref()),
            // Read directly, as `--owner` and `--sort points` ask them of every item.
            "assignee" if item.as_story().is_some() => Values::one(item.as_story().and_then(|s| s.assignee.as_deref())),
            "points" if item.as_story().is_some() => Values::one(item.points().map(|p| p.to_string()).as_deref()),
            _ => self.json_field(field),
        }
    }

    /// What `field` holds as JSON, for `--columns` in JSON output: a list field as a list,
    /// a number as a number, a field the item does not have as `null`.
    #[must_use]
    pub fn json_value(&self, field: &str) -> serde_json::Value {
        match field {
            "label" | "labels" => self.item.labels.clone().into(),
            "id" | "title" | "kind" | "path" | "body" | "broken" | "category" | "status" | "epic" | "sprint" | "owner" => self
                .values(field)
                .list
                .into_iter()
                .next()
                .map_or(serde_json::Value::Null, Into::into),
            _ => self.lookup(field).cloned().unwrap_or_default(),
        }
    }

    /// A field's JSON value: pobox's fields at the top, the user's under `extra` (which
    /// may be named or not); each `.` goes one level down.
    fn lookup(&self, field: &str) -> Option<&serde_json::Value> {
        let json = self.json.get_or_init(|| serde_json::to_value(self.item).unwrap_or_default());
        let mut parts = field.split('.');
        let first = parts.next().unwrap_or_default();
        let mut v = if first == "extra" {
            json.get("extra")
        } else {
            json.get(first).or_else(|| json.get("extra").and_then(|e| e.get(first)))
        }?;
        for part in parts {
            v = v.get(part)?;
        }
        Some(v)
    }

    /// A field read from the item's JSON.
    fn json_field(&self, field: &str) -> Values {
        let mut list = Vec::new();
        match self.lookup(field) {
            None | Some(serde_json::Value::Null) => return Values::default(),
            Some(serde_json::Value::Array(a)) => list.extend(a.iter().filter_map(scalar)),
            Some(other) => list.extend(scalar(other)),
        }
        Values::of(list)
    }

    /// Whether it passes `expr`.
    #[must_use]
    pub fn matches(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Not(e) => !self.matches(e),
            Expr::And(a, b) => self.matches(a) && self.matches(b),
            Expr::Or(a, b) => self.matches(a) || self.matches(b),
            Expr::Has(field) => {
                let v = self.values(field);
                v.present && (!v.list.is_empty() || self.is_object(field))
            }
            Expr::Compare { field, op: Op::Ne, value } => !self.matches(&Expr::Compare {
                field: field.clone(),
                op: Op::Eq,
                value: value.clone(),
            }),
            Expr::Compare { field, op, value } if field == "category" => self.category().is_some_and(|c| {
                let Some(wanted) = Category::parse(value) else {
                    return false;
                };
                holds(*op, c.cmp(&wanted))
            }),
            Expr::Compare { field, op, value } => self.values(field).list.iter().any(|v| holds(*op, compare(v, value))),
            Expr::In { field, values } if field == "category" => self
                .category()
                .is_some_and(|c| values.iter().any(|v| Category::parse(v) == Some(c))),
            Expr::In { field, values } => {
                let have = self.values(field);
                have.list.iter().any(|v| values.iter().any(|w| compare(v, w) == Ordering::Equal))
            }
            Expr::Contains { field, text } => {
                let text = text.to_lowercase();
                self.values(field).list.iter().any(|v| v.to_lowercase().contains(&text))
            }
        }
    }

    fn is_object(&self, field: &str) -> bool {
        self.lookup(field).is_some_and(serde_json::Value::is_object)
    }
}

/// A JSON scalar as text (whole numbers without `.0`); `None` for objects, lists and null.
fn scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(crate::export::number(n)),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn holds(op: Op, ord: Ordering) -> bool {
    match op {
        Op::Eq => ord == Ordering::Equal,
        Op::Ne => ord != Ordering::Equal,
        Op::Lt => ord == Ordering::Less,
        Op::Le => ord != Ordering::Greater,
        Op::Gt => ord == Ordering::Greater,
        Op::Ge => ord != Ordering::Less,
    }
}

/// A number as the language reads one: digits with an optional sign and decimals (not
/// `inf` or `1e3`, which are words).
#[must_use]
pub fn number(s: &str) -> Option<f64> {
    let s = s.trim();
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let ok = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit());
    if ok { s.parse().ok() } else { None }
}

fn date(s: &str) -> Option<Date> {
    parse_date(s.trim()).ok()
}

/// How two values compare: as numbers when both are numbers, as dates when both are dates,
/// else as text in any case.
#[must_use]
pub fn compare(a: &str, b: &str) -> Ordering {
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return x.partial_cmp(&y).unwrap_or(Ordering::Equal);
    }
    if let (Some(x), Some(y)) = (date(a), date(b)) {
        return x.cmp(&y);
    }
    if a.eq_ignore_ascii_case(b) {
        return Ordering::Equal;
    }
    a.to_lowercase().cmp(&b.to_lowercase())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::item::{Story, Wsjf};
    use crate::model::{Kind, KindData};
    use crate::query::expr::parse;

    fn story() -> Item {
        let mut item = Item::bare(Kind::Story, "S-7".to_owned(), PathBuf::from("backlog/stories/S-7.md"));
        item.title = "Pay with a saved card".to_owned();
        item.labels = vec!["payments".to_owned(), "Mobile".to_owned()];
        let mut s = Story {
            status: Some("review".to_owned()),
            points: Some(8),
            assignee: Some("dana".to_owned()),
            rank: Some(2.0),
            ..Story::default()
        };
        s.scores.wsjf = Some(Wsjf {
            value: Some(13.0),
            ..Wsjf::default()
        });
        item.data = KindData::Story(s);
        item.extra.insert("team".to_owned(), "Blue".into());
        item.extra.insert("due".to_owned(), "2025-03-09".into());
        item.extra
            .insert("meta".to_owned(), serde_json::json!({"source": {"tool": "jira"}}));
        item
    }

    fn passes(expr: &str) -> bool {
        let item = story();
        let workflow = Workflow::default();
        Subject::new(&item, &workflow)
            .with_body(Some("As a shopper\nI want it fast"))
            .matches(&parse(expr).unwrap())
    }

    #[test]
    fn fields_pobox_knows_and_the_users_own() {
        assert!(passes("points >= 5 and status in (ready, review) and label = payments"));
        assert!(passes("labels = mobile and team = blue and extra.team = BLUE"));
        assert!(passes("wsjf.value > 9 and meta.source.tool = jira and rank = 2"));
        assert!(passes("due > 2025-02-28 and due < 2025-03-10"));
        assert!(!passes("due > 2025-03-09"));
        assert!(passes("points > 10 or assignee ~ DAN"));
        assert!(passes("not has sprint and has assignee and has wsjf and not has nothing"));
        assert!(passes("status != done and nothing != x"));
        assert!(!passes("points < 10 and points > 8"));
        assert!(passes("body ~ 'i want' and kind = story and id = s-7 and title ~ card"));
        assert!(passes("path ~ stories/"));
    }

    #[test]
    fn numbers_compare_as_numbers() {
        assert!(passes("points > 10 or points >= 8.0"));
        assert!(passes("points < 10"), "8 < 10 as numbers, not as text");
        assert_eq!(compare("inf", "1"), "inf".cmp("1"));
    }

    #[test]
    fn category_is_asked_of_the_workflow() {
        assert!(passes("category = in-progress and category in (in_progress, done)"));
        assert!(passes("category < done and category > not-started"));
        assert!(!passes("category = done or category = nonsense"));
        let workflow = Workflow::new(
            &["todo", "doing", "qa", "shipped"].map(str::to_owned),
            &[("qa".to_owned(), Category::Done)],
        );
        let item = story();
        let mut item = item;
        if let KindData::Story(s) = &mut item.data {
            s.status = Some("qa".to_owned());
        }
        assert!(Subject::new(&item, &workflow).matches(&parse("category = done").unwrap()));
    }
}
