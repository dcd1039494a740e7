//! What the portfolio report contains: several products (each its own workspace, often its
//! own git repository) rolled up on one page. Per product its epics with progress and a
//! forecast date (the [`super::epics`] report), its velocity over the last closed sprints
//! (from its git history), its open risks scored [`HIGH_RISK_SCORE`] or more (the
//! [`super::risks`] report), and totals across them all.
//!
//! The products come from the command line or from a `portfolio.yaml`:
//!
//! ```yaml
//! products:
//!   - name: Harbor shop      # shown in the report (default: `product` in its pobox.yaml)
//!     path: ../harbor-shop   # the workspace folder, relative to this file
//! ```

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::epic::{EpicDetail, EpicRow, epic_rows, epic_table, progress_note};
use super::page::{Block, Cell, Column, Kpi, Medium, Page, Span};
use super::sprint::RiskRow;
use crate::history::History;
use crate::history::sprints::{SprintVelocity, sprint_reports, velocity};
use crate::model::Kind;
use crate::model::item::saturating_sum;
use crate::outlook::{Forecaster, Settings};
use crate::text::number::{decimal, percent};
use crate::workspace::{UnreadableFile, Workspace};

/// The name of the portfolio file looked for in the current folder.
pub const FILE_NAME: &str = "portfolio.yaml";

/// Open risks with at least this score (likelihood × impact) are shown: the high and
/// critical bands.
pub const HIGH_RISK_SCORE: u32 = 10;

/// A `portfolio.yaml` that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PortfolioError {
    /// The file cannot be read.
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a portfolio.
    #[error("{}: {message}", .path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The parser's message, with its line and column.
        message: String,
    },
    /// The file (this one) lists no product.
    #[error("{} lists no product", .0.display())]
    Empty(PathBuf),
}

/// One product listed in a `portfolio.yaml`, its path resolved against the file's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductSource {
    /// The display name, if the file gives one.
    pub name: Option<String>,
    /// The workspace folder.
    pub path: PathBuf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PortfolioFile {
    #[serde(default)]
    products: Vec<ProductEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductEntry {
    name: Option<String>,
    path: PathBuf,
}

/// Read a `portfolio.yaml`: its products, with paths relative to the file's folder.
///
/// # Errors
/// When the file cannot be read, is not a list of products, or lists none.
pub fn read_file(path: &Path) -> Result<Vec<ProductSource>, PortfolioError> {
    let text = std::fs::read_to_string(path).map_err(|source| PortfolioError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file: PortfolioFile = serde_saphyr::from_str(&text).map_err(|e| PortfolioError::Syntax {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    if file.products.is_empty() {
        return Err(PortfolioError::Empty(path.to_path_buf()));
    }
    let base = path.parent().unwrap_or(Path::new(""));
    Ok(file
        .products
        .into_iter()
        .map(|p| ProductSource {
            name: p.name.filter(|n| !n.trim().is_empty()),
            path: base.join(p.path),
        })
        .collect())
}

/// The portfolio report: data only; its [`Page`] is written by every format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioReportDoc {
    /// The day the report was made.
    pub as_of: Date,
    /// `--owner`: only epics and risks this person owns, and the products that have any.
    pub owner: Option<String>,
    /// The products, in the order given.
    pub products: Vec<ProductSummary>,
    /// Sums over the products.
    pub totals: Totals,
}

/// One product's part of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductSummary {
    /// Its display name.
    pub name: String,
    /// Its workspace folder, as given.
    pub path: PathBuf,
    /// Why there is no velocity or forecast (no git repository, a shallow clone), if so.
    pub history_note: Option<String>,
    /// Mean completed points of the last 3 closed sprints.
    pub velocity: Option<f64>,
    /// The last (up to 3) closed sprints, oldest first.
    pub last_sprints: Vec<SprintVelocity>,
    /// Its epics (those `--owner` owns, when given), by rank then id, with their forecasts.
    pub epics: Vec<EpicRow>,
    /// Its open risks scored [`HIGH_RISK_SCORE`] or more, highest first.
    pub risks: Vec<RiskRow>,
    /// Sums over this product's epics.
    pub stories: usize,
    /// Done stories of its epics.
    pub stories_done: usize,
    /// Points of its epics' stories.
    pub points: u32,
    /// Done points of its epics' stories.
    pub points_done: u32,
    /// Every file of its backlog pobox cannot read: counted nowhere in it, so listed here
    /// (domain §8; see [`super::unreadable`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableFile>,
}

/// Sums over every product of the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Products.
    pub products: usize,
    /// Epics.
    pub epics: usize,
    /// Stories of those epics.
    pub stories: usize,
    /// Of which done.
    pub stories_done: usize,
    /// Points of those stories.
    pub points: u32,
    /// Of which done.
    pub points_done: u32,
    /// points_done / points; `None` without points.
    pub progress: Option<f64>,
    /// Open risks scored [`HIGH_RISK_SCORE`] or more.
    pub high_risks: usize,
    /// The sum of the products' velocities (points a sprint).
    pub velocity: Option<f64>,
    /// The latest forecast date of any epic: when everything shown would be done.
    pub last_forecast: Option<Date>,
    /// Files of the products that pobox cannot read, so not counted above.
    #[serde(skip_serializing_if = "is_zero")]
    pub unreadable: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One product's workspace, loaded, with its history or why there is none.
pub struct ProductInput<'a> {
    /// The display name.
    pub name: String,
    /// The workspace folder, as given.
    pub path: PathBuf,
    /// The loaded workspace.
    pub ws: &'a Workspace,
    /// Its history, or the reason it could not be read.
    pub history: Result<&'a History, String>,
}

/// Build the report from the products as of `as_of`, keeping only what `owner` owns when
/// given.
#[must_use]
pub fn build(products: &[ProductInput<'_>], owner: Option<&str>, as_of: Date) -> PortfolioReportDoc {
    let mut summaries = Vec::new();
    for p in products {
        let summary = summarize(p, owner, as_of);
        if owner.is_some() && summary.epics.is_empty() && summary.risks.is_empty() && summary.unreadable.is_empty() {
            continue;
        }
        summaries.push(summary);
    }
    let mut totals = Totals {
        products: summaries.len(),
        ..Totals::default()
    };
    for s in &summaries {
        totals.epics += s.epics.len();
        totals.stories += s.stories;
        totals.stories_done += s.stories_done;
        totals.points = totals.points.saturating_add(s.points);
        totals.points_done = totals.points_done.saturating_add(s.points_done);
        totals.high_risks += s.risks.len();
        totals.unreadable += s.unreadable.len();
        if let Some(v) = s.velocity {
            totals.velocity = Some(totals.velocity.unwrap_or(0.0) + v);
        }
        totals.last_forecast = totals.last_forecast.max(s.epics.iter().filter_map(|e| e.outlook.p85).max());
    }
    totals.progress = (totals.points > 0).then(|| f64::from(totals.points_done) / f64::from(totals.points));
    PortfolioReportDoc {
        as_of,
        owner: owner.map(str::to_owned),
        products: summaries,
        totals,
    }
}

fn summarize(p: &ProductInput<'_>, owner: Option<&str>, as_of: Date) -> ProductSummary {
    let history = p.history.as_ref().map(|h| *h).map_err(String::as_str);
    let forecaster = Forecaster::new(history, as_of, Settings::default());
    let empty;
    let (history, history_note) = match history {
        Ok(h) => (h, None),
        Err(note) => {
            empty = History::empty(p.ws.config.clone());
            (&empty, Some(note.to_owned()))
        }
    };
    let reports = sprint_reports(history, as_of);
    let v = velocity(&reports);
    let keep = v.sprints.len().saturating_sub(v.window);
    let owned = |o: &Option<String>| owner.is_none_or(|w| o.as_deref() == Some(w));
    let epics: Vec<EpicRow> = epic_rows(p.ws, &forecaster).into_iter().filter(|e| owned(&e.owner)).collect();
    let risks: Vec<RiskRow> = super::sprint::open_risks(p.ws, HIGH_RISK_SCORE)
        .into_iter()
        .filter(|r| owned(&r.owner))
        .collect();
    ProductSummary {
        name: p.name.clone(),
        path: p.path.clone(),
        history_note,
        velocity: v.mean_last_3.filter(|v| *v > 0.0),
        last_sprints: v.sprints.into_iter().skip(keep).collect(),
        stories: epics.iter().map(|e| e.progress.stories).sum(),
        stories_done: epics.iter().map(|e| e.progress.stories_done).sum(),
        points: saturating_sum(epics.iter().map(|e| e.progress.points)),
        points_done: saturating_sum(epics.iter().map(|e| e.progress.points_done)),
        epics,
        risks,
        // Whose they are is unknown, so `--owner` keeps them all.
        unreadable: p.ws.unreadable(&Kind::ALL),
    }
}

impl super::Report for PortfolioReportDoc {
    const NAME: &'static str = "portfolio";

    fn page(&self) -> Page<'_> {
        let t = &self.totals;
        let mut facts = vec![vec![Span::own(format!("as of {}", self.as_of))]];
        if let Some(owner) = &self.owner {
            facts.push(vec![Span::own("owner "), Span::user(owner)]);
        }
        if t.unreadable > 0 {
            facts.push(super::unreadable::fact(t.unreadable));
        }
        let velocity = t.velocity.map_or_else(|| "-".to_owned(), decimal);
        let last = t.last_forecast.map_or_else(|| "-".to_owned(), |d| d.to_string());
        let kpi = |value: String, label: &'static str| Kpi {
            value,
            label: label.into(),
            strong: false,
        };
        let mut blocks = vec![
            Block::Only(
                Medium::Text,
                vec![Block::table(
                    None,
                    vec![
                        Column::Number("Products"),
                        Column::Number("Epics"),
                        Column::Number("Stories done"),
                        Column::Number("Points done"),
                        Column::Number("Progress"),
                        Column::Number("Velocity"),
                        Column::Number("High risks"),
                        Column::Text("All done by"),
                    ],
                    vec![vec![
                        Cell::own(t.products.to_string()),
                        Cell::own(t.epics.to_string()),
                        Cell::own(format!("{} of {}", t.stories_done, t.stories)),
                        Cell::own(format!("{} of {}", t.points_done, t.points)),
                        Cell::own(percent(t.progress)),
                        Cell::own(velocity.clone()),
                        Cell::own(t.high_risks.to_string()),
                        Cell::own(last.clone()),
                    ]],
                )],
            ),
            Block::Only(
                Medium::Page,
                vec![Block::Kpis {
                    label: Some("Totals"),
                    kpis: vec![
                        kpi(t.products.to_string(), "products"),
                        kpi(t.epics.to_string(), "epics"),
                        kpi(format!("{} of {}", t.points_done, t.points), "points done"),
                        kpi(percent(t.progress), "progress"),
                        kpi(velocity, "points a sprint"),
                        kpi(t.high_risks.to_string(), "high risks"),
                        kpi(last, "all done by"),
                    ],
                }],
            ),
        ];
        if self.products.is_empty() {
            blocks.push(Block::words("No product has epics or risks of this owner."));
        } else {
            let s = Settings::default();
            blocks.push(progress_note());
            blocks.push(Block::note(vec![Span::own(format!(
                "Each epic's forecast replays the stories its product finished on each of its last {} working days, {} times (seed {}): P85 is the day by which 85% of the runs had finished the epic's open stories, as `pobox forecast --epic` says.",
                s.window_days,
                crate::text::number::thousands(u64::from(s.trials)),
                s.seed
            ))]));
        }
        for p in &self.products {
            blocks.push(Block::section(vec![Span::user(&p.name)], self.product_blocks(p)));
        }
        Page {
            title: vec![Span::own("Portfolio")],
            facts,
            intro: Vec::new(),
            blocks,
            source: "from each product's epic, story and risk files and their git history",
            source_note: "",
            as_of: self.as_of,
        }
    }
}

impl PortfolioReportDoc {
    /// One product's velocity, epics and high risks.
    fn product_blocks<'a>(&'a self, p: &'a ProductSummary) -> Vec<Block<'a>> {
        let velocity = match (&p.history_note, p.velocity) {
            (Some(note), _) => Block::note(vec![Span::own("No velocity: "), Span::user(note)]),
            (None, Some(v)) => {
                let mut spans = vec![
                    Span::own("Velocity "),
                    Span::strong(decimal(v)),
                    Span::own(" points a sprint (last sprints: "),
                ];
                for (i, s) in p.last_sprints.iter().enumerate() {
                    if i > 0 {
                        spans.push(Span::own(", "));
                    }
                    spans.extend([Span::user(&s.id), Span::own(format!(" {}", s.completed))]);
                }
                spans.push(Span::own(")."));
                Block::note(spans)
            }
            (None, None) => Block::note(vec![Span::own("No velocity yet: no sprint has closed.")]),
        };
        let epics = epic_table(&p.epics, EpicDetail::Owner);
        let risks = if p.risks.is_empty() {
            let mut spans = vec![Span::own("No open risk")];
            if let Some(o) = &self.owner {
                spans.extend([Span::own(" of "), Span::user(o)]);
            }
            spans.push(Span::own(format!(" scores {HIGH_RISK_SCORE} or more.")));
            Block::note(spans)
        } else {
            let rows = p
                .risks
                .iter()
                .map(|r| {
                    vec![
                        Cell::Item((&r.id).into(), (&r.title).into()),
                        Cell::Score(r.score, r.band.as_str()),
                        Cell::user(r.owner.as_deref().unwrap_or("-")),
                        Cell::user(r.mitigation.as_deref().unwrap_or("-")),
                    ]
                })
                .collect();
            Block::table(
                None,
                vec![
                    Column::Item("Risk"),
                    Column::Score("Score"),
                    Column::Text("Owner"),
                    Column::Text("Mitigation"),
                ],
                rows,
            )
        };
        let mut blocks = vec![velocity, epics, risks];
        if !p.unreadable.is_empty() {
            blocks.insert(0, super::unreadable::section(&p.unreadable));
        }
        blocks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        std::fs::write(&file, "products:\n  - name: Shop\n    path: shop\n  - path: ../apps/admin\n").unwrap();
        let products = read_file(&file).unwrap();
        assert_eq!(
            products,
            vec![
                ProductSource {
                    name: Some("Shop".into()),
                    path: dir.path().join("shop")
                },
                ProductSource {
                    name: None,
                    path: dir.path().join("../apps/admin")
                },
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_a_portfolio_says_where_and_why() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        std::fs::write(&file, "product:\n  - path: shop\n").unwrap();
        let e = read_file(&file).unwrap_err();
        assert!(matches!(&e, PortfolioError::Syntax { path, .. } if *path == file), "{e}");
        let e = e.to_string();
        assert!(e.contains("portfolio.yaml") && e.contains("unknown field `product`"), "{e}");
        std::fs::write(&file, "products: []\n").unwrap();
        assert!(matches!(read_file(&file), Err(PortfolioError::Empty(_))));
    }
}
