//! What the backlog report contains: the ordered backlog from [`crate::prioritize`] (position,
//! score, status, points) with whether each story has acceptance criteria and an
//! estimate), and apart, the stories the method could not score for lack of inputs.

use jiff::civil::Date;
use serde::Serialize;

use super::page::{self, Block, Cell, Column, Kpi, Page, Span};

use crate::model::Kind;
use crate::prioritize::{self, Method, Missing, Options, PrioritizeError};
use crate::validate::readiness::real_criteria;
use crate::workspace::{UnreadableFile, Workspace};

/// The backlog report: data only; its [`Page`] is written by every format.
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
    /// Every file of the backlog pobox cannot read: counted nowhere in it, so listed here
    /// (domain §8; see [`super::unreadable`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableFile>,
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
    /// The story that pulled it ahead of its score ([`prioritize::Entry::pulled_by`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pulled_by: Option<String>,
}

impl BacklogReportDoc {
    /// One line per story pulled ahead of its score, or `None` when none was.
    #[must_use]
    pub fn pulled_lines(&self) -> Option<String> {
        let lines: Vec<String> = self.order.iter().filter_map(BacklogRow::pulled_line).collect();
        (!lines.is_empty()).then(|| lines.join("; "))
    }

    /// Keep only the stories `owner` owns or is assigned (as `pobox story list --owner`
    /// chooses them); positions stay those of the whole backlog.
    pub fn retain_owner(&mut self, ws: &Workspace, owner: &str) {
        let filter = crate::query::Filter {
            owner: vec![owner.to_owned()],
            ..crate::query::Filter::default()
        };
        let theirs = |id: &str| ws.get(id).is_some_and(|i| filter.matches(i, &ws.config.workflow));
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
                pulled_by: e.pulled_by,
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
        unreadable: ws.unreadable(&Kind::ALL),
    })
}

impl super::Report for BacklogReportDoc {
    const NAME: &'static str = "backlog";

    fn page(&self) -> Page<'_> {
        let method = self.method.as_str();
        let kpis = vec![
            Kpi {
                value: self.order.len().to_string(),
                label: format!("stories ordered by {method}").into(),
                strong: true,
            },
            Kpi {
                value: self.order.iter().filter(|r| r.ready).count().to_string(),
                label: "with criteria and an estimate".into(),
                strong: true,
            },
            Kpi {
                value: self.missing.len().to_string(),
                label: "missing inputs".into(),
                strong: false,
            },
        ];
        let order = if self.order.is_empty() {
            Block::words("No story to order.")
        } else {
            let rows = self
                .order
                .iter()
                .map(|r| {
                    vec![
                        Cell::own(r.position_text()),
                        Cell::Item((&r.id).into(), (&r.title).into()),
                        Cell::user(r.status.as_deref().unwrap_or("-")),
                        Cell::own(r.points.map_or_else(|| "-".to_owned(), |p| p.to_string())),
                        Cell::user(r.score_text()),
                        Cell::own(r.inputs()),
                    ]
                })
                .collect();
            Block::table(
                None,
                vec![
                    Column::Number("#"),
                    Column::Item("Story"),
                    Column::Text("Status"),
                    Column::Number("Points"),
                    Column::Number("Score"),
                    Column::Text("Criteria and estimate"),
                ],
                rows,
            )
        };
        let missing = if self.missing.is_empty() {
            Block::words(format!("None: every story has what {method} needs."))
        } else {
            let rows = self
                .missing
                .iter()
                .map(|m| vec![Cell::Item((&m.id).into(), (&m.title).into()), Cell::user(m.missing.join(", "))])
                .collect();
            Block::table(None, vec![Column::Item("Story"), Column::Text("Missing")], rows)
        };
        Page {
            title: vec![Span::own("Backlog")],
            facts: page::facts(&self.product, self.owner.as_deref(), self.as_of),
            intro: Vec::new(),
            blocks: vec![
                Block::Kpis { label: None, kpis },
                Block::Section {
                    title: vec![Span::own("Order")],
                    titled_in_text: false,
                    blocks: std::iter::once(order)
                        .chain(self.pulled_lines().map(|lines| Block::note(vec![Span::own(lines)])))
                        .collect(),
                },
                Block::section(vec![Span::own(format!("Missing inputs ({})", self.missing.len()))], vec![missing]),
            ],
            source: "from the backlog's story files",
            source_note: "",
            as_of: self.as_of,
        }
        .with_unreadable(&self.unreadable)
    }
}

impl BacklogRow {
    /// Its place, marked when a story that depends on it pulled it there.
    #[must_use]
    pub fn position_text(&self) -> String {
        let mark = if self.pulled_by.is_some() { prioritize::PULLED_MARK } else { "" };
        format!("{}{mark}", self.position)
    }

    /// `↑ S-1 pulled ahead of S-2, which depends on it`, for a story that was.
    #[must_use]
    pub fn pulled_line(&self) -> Option<String> {
        let by = self.pulled_by.as_deref()?;
        Some(format!("{} {} {}", prioritize::PULLED_MARK, self.id, prioritize::pulled_note(by)))
    }

    /// Whether it has acceptance criteria and an estimate, the inputs sprint planning needs:
    /// `yes`, `no criteria`, `no estimate` or `neither`. Named apart from the `ready`
    /// status, which is a point in the workflow.
    #[must_use]
    pub fn inputs(&self) -> String {
        match self.not_ready.as_slice() {
            [] => "yes".to_owned(),
            [one] => (*one).to_owned(),
            _ => "neither".to_owned(),
        }
    }

    /// Its score as shown: `3.2`, or `must 3.2` for the methods with groups.
    #[must_use]
    pub fn score_text(&self) -> String {
        let n = crate::prioritize::num(self.score);
        self.class.map_or_else(|| n.clone(), |c| format!("{c} {n}"))
    }
}
