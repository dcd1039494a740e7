//! What the backlog report contains: the ordered backlog from [`crate::prioritize`] (position,
//! score, status, points) with each story's readiness (it has acceptance criteria and an
//! estimate), and apart, the stories the method could not score for lack of inputs.

use jiff::civil::Date;
use serde::Serialize;

use crate::prioritize::{self, Method, Missing, Options, PrioritizeError};
use crate::validate::readiness::real_criteria;
use crate::workspace::Workspace;

/// The backlog report: data only; [`super::md`], [`super::html`] and [`super::json`] write it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacklogReportDoc {
    /// The product's name (`product` in `pobox.yaml`).
    pub product: String,
    /// The day the report was made.
    pub as_of: Date,
    /// `--owner`: only what this person owns (`None`: everyone's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The method that ordered it.
    pub method: Method,
    /// The ordered stories.
    pub order: Vec<BacklogRow>,
    /// Stories the method could not score, with the inputs they lack.
    pub missing: Vec<Missing>,
}

/// One story in the order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacklogRow {
    /// 1-based place in the order.
    pub position: usize,
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: Option<String>,
    /// Its estimate.
    pub points: Option<u32>,
    /// The method's score.
    pub score: f64,
    /// The method's group (`must`, `quick win`), for the methods that have groups.
    pub class: Option<&'static str>,
    /// It has acceptance criteria and an estimate.
    pub ready: bool,
    /// Why it is not ready: `no criteria`, `no estimate`.
    pub not_ready: Vec<&'static str>,
}

impl BacklogReportDoc {
    /// Keep only the stories `owner` owns or is assigned (as `pobox story list --owner`
    /// chooses them); positions stay those of the whole backlog.
    pub fn retain_owner(&mut self, ws: &Workspace, owner: &str) {
        let filter = crate::query::Filter {
            owner: vec![owner.to_owned()],
            ..crate::query::Filter::default()
        };
        let theirs = |id: &str| ws.get(id).is_some_and(|i| filter.matches(i));
        self.order.retain(|r| theirs(&r.id));
        self.missing.retain(|m| theirs(&m.id));
        self.owner = Some(owner.to_owned());
    }
}

/// Build the report from `ws` (read with bodies) as of `as_of`, ordered by `method` (`None`:
/// `prioritization` in `pobox.yaml`).
///
/// # Errors
///
/// When the stories cannot be ordered (a dependency cycle).
pub fn build(ws: &Workspace, method: Option<Method>, as_of: Date) -> Result<BacklogReportDoc, PrioritizeError> {
    let p = prioritize::prioritize(
        ws,
        &Options {
            method,
            ..Options::default()
        },
    )?;
    let order = p
        .order
        .into_iter()
        .map(|e| {
            let item = ws.get(&e.id);
            let points = item.and_then(crate::model::Item::points);
            let mut not_ready = Vec::new();
            if item.is_none_or(|i| real_criteria(i.body()) == 0) {
                not_ready.push("no criteria");
            }
            if points.is_none() {
                not_ready.push("no estimate");
            }
            BacklogRow {
                position: e.position,
                status: item.and_then(|i| i.status()).map(str::to_owned),
                points,
                score: e.score.value,
                class: e.score.class,
                ready: not_ready.is_empty(),
                not_ready,
                id: e.id,
                title: e.title,
            }
        })
        .collect();
    Ok(BacklogReportDoc {
        product: ws.config.product.clone(),
        as_of,
        owner: None,
        method: p.method,
        order,
        missing: p.missing,
    })
}
