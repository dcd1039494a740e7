//! `pobox prioritize`: score stories or epics with one method of domain reference §1 and
//! order them so that every prerequisite comes before the items that depend on it.
//!
//! Each method lives in its own file and turns one item into a [`Score`] (the number, the
//! inputs it used and the arithmetic as text, for `--explain`) or the list of inputs it
//! lacks: an item is never silently scored 0. [`ordering`] does the dependency-aware order
//! and the tie chain, [`rank`] turns an order into spaced `rank:` values that keep as many
//! existing ranks as possible.

pub mod cd3;
pub mod ice;
pub mod moscow;
pub mod ordering;
pub mod rank;
pub mod rice;
pub mod value_effort;
pub mod wsjf;

pub use crate::text::number::natural_cmp;
use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

use crate::change::{self, ChangeError};
use crate::edit::NewValue;
use crate::model::item::Scores;
use crate::model::{Item, Kind, KindData};
use crate::workspace::{AmbiguousId, UnreadableFile, UnreadableScope, Workspace};

/// A prioritization method (domain reference §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Weighted Shortest Job First: Cost of Delay / job size.
    Wsjf,
    /// Reach × Impact × Confidence / Effort.
    Rice,
    /// Impact × Confidence × Ease (or their mean).
    Ice,
    /// Must, Should, Could, Won't.
    Moscow,
    /// The value/effort 2×2: Quick wins, Big bets, Fill-ins, Time sinks.
    ValueEffort,
    /// Cost of Delay Divided by Duration.
    Cd3,
}

impl Method {
    /// Every method, in the order the docs list them.
    pub const ALL: [Method; 6] = [
        Method::Wsjf,
        Method::Rice,
        Method::Ice,
        Method::Moscow,
        Method::ValueEffort,
        Method::Cd3,
    ];

    /// The name used in `pobox.yaml` and on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Wsjf => "wsjf",
            Method::Rice => "rice",
            Method::Ice => "ice",
            Method::Moscow => "moscow",
            Method::ValueEffort => "value-effort",
            Method::Cd3 => "cd3",
        }
    }

    /// A method by name (`value_effort` is accepted for `value-effort`).
    ///
    /// # Errors
    /// [`PrioritizeError::UnknownMethod`] naming the methods there are.
    pub fn parse(name: &str) -> Result<Method, PrioritizeError> {
        let wanted = name.trim().to_ascii_lowercase().replace('_', "-");
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == wanted)
            .ok_or_else(|| PrioritizeError::UnknownMethod(name.to_owned()))
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How ICE combines its three inputs (domain §1: Gilad multiplies, Ellis & Brown average).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IceMode {
    /// Impact × Confidence × Ease (the default; penalises low confidence).
    #[default]
    Product,
    /// (Impact + Confidence + Ease) / 3.
    Mean,
}

/// What to prioritize and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The method; `None` takes `prioritization` from `pobox.yaml`.
    pub method: Option<Method>,
    /// Stories or epics.
    pub kind: Kind,
    /// Only items with these statuses; empty means every status but done and dropped.
    pub statuses: Vec<String>,
    /// Only stories of these epics (for epics: only these epics).
    pub epics: Vec<String>,
    /// How ICE combines its inputs.
    pub ice: IceMode,
    /// Only items for which this holds too (`--where`, the filter language of lists).
    pub condition: Option<crate::query::expr::Expr>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            method: None,
            kind: Kind::Story,
            statuses: Vec::new(),
            epics: Vec::new(),
            ice: IceMode::Product,
            condition: None,
        }
    }
}

/// Why items could not be prioritized.
#[derive(Debug, thiserror::Error)]
pub enum PrioritizeError {
    /// A method name pobox does not know.
    #[error("unknown prioritization method `{0}`; use wsjf, rice, ice, moscow, value-effort or cd3")]
    UnknownMethod(String),
    /// Only stories and epics are prioritized.
    #[error("only stories and epics can be prioritized, not {0}s")]
    NotRankable(&'static str),
    /// Items depend on each other in a circle, so no order puts every prerequisite first.
    /// Each cycle is a list of ids, `[a, b]` meaning a → b → a.
    #[error("{}", cycle_message(.0))]
    Cycle(Vec<Vec<String>>),
    /// More than one file has the id of an item to rank; nothing is written.
    #[error(transparent)]
    Ambiguous(#[from] AmbiguousId),
    /// Writing a rank failed.
    #[error(transparent)]
    Write(#[from] ChangeError),
    /// Ranks are not written while a file of the kind ordered cannot be read: it is in no
    /// order, and the ranks written would leave it wherever its old rank put it.
    #[error(transparent)]
    Unreadable(#[from] UnreadableScope),
}

fn cycle_message(cycles: &[Vec<String>]) -> String {
    cycles
        .iter()
        .map(|c| {
            let mut path = c.clone();
            path.push(c[0].clone());
            format!("dependency cycle: {}", path.join(" → "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One input of a score as it was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Input {
    /// The field it came from (`wsjf.value`, `points`, `cod`).
    pub name: &'static str,
    /// Its value.
    pub value: f64,
}

/// What a method made of one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// The number the method orders by, higher first (within a [`Score::group`]).
    #[serde(rename = "score")]
    pub value: f64,
    /// Groups are ordered before scores: MoSCoW classes, value/effort quadrants; 0 for the
    /// methods that are one number.
    #[serde(skip)]
    pub group: u8,
    /// The group's name (`must`, `quick win`), for the methods that have groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<&'static str>,
    /// Every input used, in the order the formula names them.
    pub inputs: Vec<Input>,
    /// The job's size for the tie chain (smaller first); `None` sorts after every size.
    #[serde(skip)]
    pub size: Option<f64>,
    /// The arithmetic, such as `CoD = 8 + 5 + 3 = 16; WSJF = 16 / 5 = 3.2`.
    pub arithmetic: String,
}

/// A score, or the inputs (`wsjf.value`, `points`) the item lacks for one.
pub type Scoring = Result<Score, Vec<String>>;

/// One item in the order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// 1-based place in the order.
    pub position: usize,
    /// The item's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its file, relative to the workspace root, with `/`.
    pub path: String,
    /// What the method made of it.
    #[serde(flatten)]
    pub score: Score,
    /// The rank this order gives it (what `--write` stores).
    pub rank: f64,
    /// The rank its file holds now.
    pub previous_rank: Option<f64>,
    /// `rank_pinned: true`: its rank is kept and the others are placed around it.
    pub pinned: bool,
    /// Unfinished prerequisites outside the order (filtered out, missing inputs, or of
    /// another kind): it waits for them although they are not listed here.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocked_by: Vec<String>,
    /// The item that pulled it ahead of its score: the first by score of the items that
    /// wait for it (directly or through others), which would otherwise come before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pulled_by: Option<String>,
}

/// The mark every view puts beside an item pulled ahead of its score ([`Entry::pulled_by`]).
pub const PULLED_MARK: &str = "↑";

/// What every view says of an item pulled ahead of its score by `by`: without it the order
/// reads like a sorting bug (a 4.8 above a 6).
#[must_use]
pub fn pulled_note(by: &str) -> String {
    format!("pulled ahead of {by}, which depends on it")
}

impl Entry {
    /// Whether `--write` would change its file.
    #[must_use]
    pub fn rank_changes(&self) -> bool {
        !self.pinned && self.previous_rank != Some(self.rank)
    }
}

/// An item left out of the order because inputs are missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missing {
    /// The item's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its file, relative to the workspace root, with `/`.
    pub path: String,
    /// What it lacks, such as `wsjf.job_size (or points)`.
    pub missing: Vec<String>,
}

/// The result: the order, the items that could not be scored, and warnings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prioritized {
    /// The method used.
    pub method: Method,
    /// What was ordered.
    pub kind: Kind,
    /// Every scored item, first to last.
    pub order: Vec<Entry>,
    /// Items not scored, in id order.
    pub missing: Vec<Missing>,
    /// Things the product owner should know (MoSCoW over 60 %, pins above prerequisites, …).
    pub warnings: Vec<String>,
}

/// The scoring inputs of a story or epic.
pub(crate) fn scores(item: &Item) -> Option<&Scores> {
    match &item.data {
        KindData::Story(s) => Some(&s.scores),
        KindData::Epic(e) => Some(&e.scores),
        _ => None,
    }
}

/// A story's points as a number.
pub(crate) fn points(item: &Item) -> Option<f64> {
    item.points().map(f64::from)
}

/// A number from an extra front-matter field (`cod: 10`, or `cod: "10"`).
pub(crate) fn extra_number(item: &Item, key: &str) -> Option<f64> {
    match item.extra.get(key)? {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A number as the explanations write it: at most two decimals, no trailing zeros.
#[must_use]
pub fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_owned() } else { s.to_owned() }
}

fn depends_on(item: &Item) -> &[String] {
    match &item.data {
        KindData::Story(s) => &s.depends_on,
        KindData::Epic(e) => &e.depends_on,
        _ => &[],
    }
}

fn current_rank(item: &Item) -> Option<f64> {
    match &item.data {
        KindData::Story(s) => s.rank,
        KindData::Epic(e) => e.rank,
        _ => None,
    }
}

fn pinned(item: &Item) -> bool {
    matches!(item.extra.get("rank_pinned"), Some(serde_json::Value::Bool(true)))
}

/// The date that makes an item urgent: an epic's `target`, or a `due:` field.
fn due(item: &Item) -> Option<Date> {
    if let KindData::Epic(e) = &item.data
        && e.target.is_some()
    {
        return e.target;
    }
    match item.extra.get("due")? {
        serde_json::Value::String(s) => crate::model::fields::parse_date(s.trim()).ok(),
        _ => None,
    }
}

fn slash(path: &std::path::Path) -> String {
    crate::text::path::slash(path)
}

/// Score one item with `method`.
pub fn score(item: &Item, method: Method, opts: &Options, split: value_effort::Split) -> Scoring {
    match method {
        Method::Wsjf => wsjf::score(item),
        Method::Rice => rice::score(item),
        Method::Ice => ice::score(item, opts.ice),
        Method::Moscow => moscow::score(item),
        Method::ValueEffort => value_effort::score(item, split),
        Method::Cd3 => cd3::score(item),
    }
}

/// Score and order the stories (or epics) of `ws` chosen by `opts`.
///
/// # Errors
/// [`PrioritizeError::Cycle`] when chosen items depend on each other in a circle, and an
/// unknown method in `pobox.yaml`.
pub fn prioritize(ws: &Workspace, opts: &Options) -> Result<Prioritized, PrioritizeError> {
    if !matches!(opts.kind, Kind::Story | Kind::Epic) {
        return Err(PrioritizeError::NotRankable(opts.kind.as_str()));
    }
    let method = match opts.method {
        Some(m) => m,
        None => Method::parse(&ws.config.prioritization)?,
    };
    let config = &ws.config;
    let split = value_effort::Split::of_scale(&config.estimate_scale);
    let mut warnings = Vec::new();
    let chosen = |item: &Item| -> bool {
        let status = item.status().unwrap_or("");
        let by_status = if opts.statuses.is_empty() {
            !config.workflow.is_closed(status)
        } else {
            opts.statuses.iter().any(|s| s == status)
        };
        let by_epic = opts.epics.is_empty()
            || match opts.kind {
                Kind::Epic => opts.epics.contains(&item.id),
                _ => item.epic().is_some_and(|e| opts.epics.iter().any(|x| x == e.trim())),
            };
        by_status
            && by_epic
            && opts
                .condition
                .as_ref()
                .is_none_or(|e| crate::query::eval::Subject::new(item, &config.workflow).matches(e))
    };
    let mut candidates: Vec<&Item> = Vec::new();
    for item in ws.of_kind(opts.kind) {
        if let Some(file) = UnreadableFile::of(item) {
            warnings.push(format!(
                "{} cannot be read ({}: {}), so it is not prioritized: run `pobox validate`",
                file.id, file.path, file.problem
            ));
        } else if chosen(item) {
            candidates.push(item);
        }
    }
    let index: HashMap<&str, usize> = {
        let mut m = HashMap::with_capacity(candidates.len());
        for (n, item) in candidates.iter().enumerate() {
            m.entry(item.id.as_str()).or_insert(n);
        }
        m
    };
    // Prerequisites among the candidates, by candidate number.
    let prereqs: Vec<Vec<usize>> = candidates
        .iter()
        .map(|item| depends_on(item).iter().filter_map(|d| index.get(d.trim()).copied()).collect())
        .collect();
    let knots = crate::validate::dependencies::knots(&prereqs);
    if !knots.is_empty() {
        return Err(PrioritizeError::Cycle(
            knots
                .iter()
                .map(|k| k.cycle.iter().map(|n| candidates[*n].id.clone()).collect())
                .collect(),
        ));
    }

    let scorings: Vec<Scoring> = candidates.iter().map(|item| score(item, method, opts, split)).collect();
    // Scored candidates get a place in `scored`; the others are listed as missing.
    let mut scored_of = vec![usize::MAX; candidates.len()];
    let mut scored: Vec<usize> = Vec::new();
    let mut missing = Vec::new();
    for (n, s) in scorings.iter().enumerate() {
        match s {
            Ok(_) => {
                scored_of[n] = scored.len();
                scored.push(n);
            }
            Err(what) => missing.push(Missing {
                id: candidates[n].id.clone(),
                title: candidates[n].title.clone(),
                path: slash(&candidates[n].path),
                missing: what.clone(),
            }),
        }
    }
    let all_by_id: HashMap<&str, &Item> = {
        let mut m = HashMap::new();
        for item in ws.items.iter().filter(|i| matches!(i.kind, Kind::Story | Kind::Epic)) {
            m.entry(item.id.as_str()).or_insert(item);
        }
        m
    };
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); scored.len()];
    let mut blocked_by: Vec<Vec<String>> = vec![Vec::new(); scored.len()];
    for (s, &n) in scored.iter().enumerate() {
        for dep in depends_on(candidates[n]) {
            let dep = dep.trim();
            match index.get(dep) {
                Some(&p) if scored_of[p] != usize::MAX => edges[s].push(scored_of[p]),
                Some(_) => blocked_by[s].push(dep.to_owned()),
                // Finished prerequisites outside the set are no reason to wait; unknown ids
                // are validate's business (PO201).
                None => {
                    if let Some(p) = all_by_id.get(dep)
                        && !p.status().is_some_and(|st| config.workflow.is_done(st))
                    {
                        blocked_by[s].push(dep.to_owned());
                    }
                }
            }
        }
    }

    let keys: Vec<ordering::Key<'_>> = scored
        .iter()
        .map(|&n| {
            let item = candidates[n];
            let Ok(score) = &scorings[n] else {
                unreachable!("only scored items are keyed")
            };
            ordering::Key {
                group: score.group,
                score: score.value,
                size: score.size,
                urgency: scores(item).and_then(|s| s.wsjf.as_ref()).and_then(|w| w.time_criticality),
                due: due(item),
                created: item.created,
                id: &item.id,
                path: &item.path,
            }
        })
        .collect();
    let ordering::Ordered { items: order, pulled_by } = ordering::order(&keys, &edges).map_err(|knots| {
        // Unreachable after the check above, but kept as a value rather than a panic.
        PrioritizeError::Cycle(
            knots
                .iter()
                .map(|k| k.cycle.iter().map(|s| candidates[scored[*s]].id.clone()).collect())
                .collect(),
        )
    })?;

    // Pinned items keep their rank; the others get spaced ranks along the order.
    let mut free: Vec<usize> = Vec::with_capacity(order.len());
    let mut pins: Vec<usize> = Vec::new();
    for &s in &order {
        let item = candidates[scored[s]];
        if pinned(item) {
            if current_rank(item).is_some() {
                pins.push(s);
                continue;
            }
            warnings.push(format!(
                "{} has `rank_pinned: true` but no rank, so it is ranked like the others",
                item.id
            ));
        }
        free.push(s);
    }
    let current: Vec<Option<f64>> = free.iter().map(|&s| current_rank(candidates[scored[s]])).collect();
    let new_ranks = rank::spaced_ranks(&current);
    let mut placed: Vec<(f64, bool, usize)> = free.iter().zip(&new_ranks).map(|(&s, &r)| (r, false, s)).collect();
    for &s in &pins {
        placed.push((current_rank(candidates[scored[s]]).unwrap_or(f64::MAX), true, s));
    }
    // Free ranks ascend along the order, so sorting by rank keeps it and slots each pin in;
    // on equal ranks the pin comes first.
    placed.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut position = vec![0; scored.len()];
    for (p, &(_, _, s)) in placed.iter().enumerate() {
        position[s] = p;
    }
    for &(_, is_pin, s) in &placed {
        for &p in &edges[s] {
            if position[p] > position[s] {
                let (x, pre) = (candidates[scored[s]], candidates[scored[p]]);
                let why = if is_pin {
                    format!("{} is pinned at rank {}", x.id, num(current_rank(x).unwrap_or(0.0)))
                } else {
                    format!("{} is pinned at rank {}", pre.id, num(current_rank(pre).unwrap_or(0.0)))
                };
                warnings.push(format!(
                    "{why}, which puts {} above its prerequisite {}, which is not done (validate reports this as PO205)",
                    x.id, pre.id
                ));
            }
        }
    }
    if method == Method::Moscow
        && let Some(w) = moscow::must_share_warning(candidates.iter().copied())
    {
        warnings.push(w);
    }

    let mut scorings: Vec<Option<Score>> = scorings.into_iter().map(Result::ok).collect();
    let order = placed
        .into_iter()
        .enumerate()
        .map(|(p, (rank, is_pin, s))| {
            let n = scored[s];
            let item = candidates[n];
            Entry {
                position: p + 1,
                id: item.id.clone(),
                title: item.title.clone(),
                path: slash(&item.path),
                score: scorings[n]
                    .take()
                    .unwrap_or_else(|| unreachable!("each scored item is placed once")),
                rank,
                previous_rank: current_rank(item),
                pinned: is_pin,
                blocked_by: std::mem::take(&mut blocked_by[s]),
                // A pinned item's place is its pin's, whatever waits for it.
                pulled_by: pulled_by[s].filter(|_| !is_pin).map(|d| candidates[scored[d]].id.clone()),
            }
        })
        .collect();
    Ok(Prioritized {
        method,
        kind: opts.kind,
        order,
        missing,
        warnings,
    })
}

/// Store each entry's rank as `rank:` in its file, touching only the files whose rank
/// changes and only that line. Returns the files written, in order.
///
/// # Errors
/// [`PrioritizeError::Unreadable`] while a file of the kind ordered cannot be read, and
/// [`PrioritizeError::Ambiguous`] when two files have the id of an item in the order (a rank
/// is a place in one order: neither file could get the right one), both before anything is
/// written; otherwise the first file that could not be changed, the files before it written.
pub fn write_ranks(ws: &Workspace, p: &Prioritized) -> Result<Vec<PathBuf>, PrioritizeError> {
    ws.refuse_unreadable(
        &[p.kind],
        "write ranks",
        "a file pobox cannot read is in no order, so the ranks written would leave it wherever its old rank puts it",
    )?;
    ws.refuse_ambiguous(p.order.iter().map(|e| e.id.as_str()))?;
    let by_id: HashMap<&str, &Item> = {
        let mut m = HashMap::new();
        for item in ws.of_kind(p.kind) {
            m.entry(item.id.as_str()).or_insert(item);
        }
        m
    };
    let mut written = Vec::new();
    for e in p.order.iter().filter(|e| e.rank_changes()) {
        let Some(item) = by_id.get(e.id.as_str()) else { continue };
        if let Some(path) = change::set_item(ws, item, &[("rank".to_owned(), NewValue::Number(e.rank))])? {
            written.push(path);
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests;
