//! What the risk report contains (domain reference §6): the open risks placed on a 5×5
//! likelihood × impact matrix, then listed by score with their band, owner and mitigation.

use jiff::civil::Date;
use serde::Serialize;

use super::figure::{self, Figure};
use super::page::{self, Block, Page, Span, user_list};
use super::sprint::{RiskBand, RiskRow, open_risks, risk_table};
use crate::model::{Kind, KindData};
use crate::workflow::RiskStatus;
use crate::workspace::{UnreadableFile, Workspace};

/// The risk report: data only; its [`Page`] is written by every format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RisksReportDoc {
    /// The product's name (`product` in `pobox.yaml`).
    pub product: String,
    /// The day the report was made.
    pub as_of: Date,
    /// Risks in the register, whatever their status.
    pub total: usize,
    /// Open risks (status `open`, or none given).
    pub open: usize,
    /// How many risks have each other status (`closed`, `mitigated`, …), by status name.
    pub not_open: Vec<StatusCount>,
    /// Open risks without a likelihood or an impact: on neither the matrix nor the list.
    pub unscored: Vec<String>,
    /// The matrix, one row per impact from 5 (top) down to 1; in each row the likelihoods 1
    /// to 5.
    pub matrix: Vec<MatrixRow>,
    /// The open risks with a score, highest first (ties by id).
    pub risks: Vec<RiskRow>,
    /// Every file of the backlog pobox cannot read: counted nowhere in it, so listed here
    /// (domain §8; see [`super::unreadable`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableFile>,
}

/// How many risks have a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusCount {
    /// The status.
    pub status: String,
    /// How many.
    pub count: usize,
}

/// One impact's row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatrixRow {
    /// 1–5.
    pub impact: u32,
    /// Likelihood 1 to 5.
    pub cells: Vec<MatrixCell>,
}

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatrixCell {
    /// 1–5.
    pub likelihood: u32,
    /// 1–5.
    pub impact: u32,
    /// likelihood × impact.
    pub score: u32,
    /// The score's band.
    pub band: RiskBand,
    /// The ids of the open risks in it.
    pub risks: Vec<String>,
}

/// Build the report from `ws` as of `as_of`.
#[must_use]
pub fn build(ws: &Workspace, as_of: Date) -> RisksReportDoc {
    let all: Vec<(&crate::model::Item, &crate::model::item::Risk)> = ws
        .of_kind(Kind::Risk)
        .filter(|i| i.broken.is_none())
        .filter_map(|i| match &i.data {
            KindData::Risk(r) => Some((i, r)),
            _ => None,
        })
        .collect();
    let mut not_open: Vec<StatusCount> = Vec::new();
    let mut unscored = Vec::new();
    let mut open = 0;
    for (i, r) in &all {
        if RiskStatus::is_open(r.status.as_deref()) {
            open += 1;
            if r.likelihood.is_none() || r.impact.is_none() {
                unscored.push(i.id.clone());
            }
            continue;
        }
        let status = r.status.clone().unwrap_or_default();
        match not_open.iter_mut().find(|c| c.status == status) {
            Some(c) => c.count += 1,
            None => not_open.push(StatusCount { status, count: 1 }),
        }
    }
    not_open.sort_by(|a, b| a.status.cmp(&b.status));
    let risks = open_risks(ws, 0);
    let matrix = (1..=5)
        .rev()
        .map(|impact| MatrixRow {
            impact,
            cells: (1..=5)
                .map(|likelihood| MatrixCell {
                    likelihood,
                    impact,
                    score: likelihood * impact,
                    band: RiskBand::of(likelihood * impact),
                    risks: risks
                        .iter()
                        .filter(|r| r.likelihood.clamp(1, 5) == likelihood && r.impact.clamp(1, 5) == impact)
                        .map(|r| r.id.clone())
                        .collect(),
                })
                .collect(),
        })
        .collect();
    RisksReportDoc {
        product: ws.config.product.clone(),
        as_of,
        total: all.len(),
        open,
        not_open,
        unscored,
        matrix,
        risks,
        unreadable: ws.unreadable(&Kind::ALL),
    }
}

impl super::Report for RisksReportDoc {
    const NAME: &'static str = "risks";

    fn page(&self) -> Page<'_> {
        let mut count = vec![
            Span::strong(self.open.to_string()),
            Span::own(format!(" open of {} risks", self.total)),
        ];
        if !self.not_open.is_empty() {
            count.push(Span::own(" ("));
            for (i, c) in self.not_open.iter().enumerate() {
                if i > 0 {
                    count.push(Span::own(", "));
                }
                count.push(Span::own(format!("{} ", c.count)));
                count.push(Span::user(&c.status));
            }
            count.push(Span::own(")"));
        }
        count.push(Span::own("."));
        let mut by_score = vec![if self.risks.is_empty() {
            Block::words("None.")
        } else {
            risk_table(&self.risks)
        }];
        if !self.unscored.is_empty() {
            let mut note = vec![Span::own("Open but without a likelihood or an impact, so not placed: ")];
            note.extend(user_list(self.unscored.iter().map(String::as_str), ", "));
            note.push(Span::own("."));
            by_score.push(Block::note(note));
        }
        Page {
            title: vec![Span::own("Risks")],
            facts: page::facts(&self.product, None, self.as_of),
            intro: Vec::new(),
            blocks: vec![
                Block::para(count),
                Block::section(
                    vec![Span::own("Likelihood × impact")],
                    vec![Block::Figure(Figure::RiskMatrix(
                        self.matrix
                            .iter()
                            .map(|row| figure::MatrixRow {
                                impact: row.impact,
                                cells: row
                                    .cells
                                    .iter()
                                    .map(|c| figure::MatrixCell {
                                        score: c.score,
                                        band: c.band.as_str(),
                                        risks: c.risks.iter().map(String::as_str).collect(),
                                    })
                                    .collect(),
                            })
                            .collect(),
                    ))],
                ),
                Block::section(vec![Span::own(format!("Open risks by score ({})", self.risks.len()))], by_score),
            ],
            source: "from the backlog's risk register",
            source_note: "",
            as_of: self.as_of,
        }
        .with_unreadable(&self.unreadable)
    }
}
