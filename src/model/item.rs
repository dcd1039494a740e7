//! An item: one file's typed front-matter, its unknown fields and what its body says.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Serialize;

use super::Kind;
use crate::parse::markdown::Body;

/// Scoring inputs shared by stories and epics (domain reference §1).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// must / should / could / wont.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moscow: Option<String>,
    /// Weighted Shortest Job First inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wsjf: Option<Wsjf>,
    /// RICE inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rice: Option<Rice>,
    /// ICE inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ice: Option<Ice>,
}

/// `wsjf: {value, time_criticality, risk_reduction, job_size}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Wsjf {
    /// User-business value.
    pub value: Option<f64>,
    /// Time criticality.
    pub time_criticality: Option<f64>,
    /// Risk reduction / opportunity enablement.
    pub risk_reduction: Option<f64>,
    /// Job size; defaults to the story's points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_size: Option<f64>,
}

/// `rice: {reach, impact, confidence, effort}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Rice {
    /// People or events per period.
    pub reach: Option<f64>,
    /// 3, 2, 1, 0.5 or 0.25.
    pub impact: Option<f64>,
    /// 1.0, 0.8 or 0.5.
    pub confidence: Option<f64>,
    /// Person-months.
    pub effort: Option<f64>,
}

/// `ice: {impact, confidence, ease}`, each 1–10.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Ice {
    /// Impact.
    pub impact: Option<f64>,
    /// Confidence.
    pub confidence: Option<f64>,
    /// Ease.
    pub ease: Option<f64>,
}

/// A story's own fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Story {
    /// Workflow status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The epic it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub epic: Option<String>,
    /// The estimate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<u32>,
    /// The sprint it is planned into.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sprint: Option<String>,
    /// Scoring inputs (boxed: most memory of a loaded backlog is stories).
    #[serde(flatten)]
    pub scores: Box<Scores>,
    /// Handles of the stakeholders who asked for it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stakeholders: Vec<String>,
    /// Ids of the items it waits for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// Who works on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// Position in the ordered backlog (written by `prioritize`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<f64>,
    /// Who accepted it as done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted_by: Option<String>,
}

/// An epic's own fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Epic {
    /// Workflow status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// now / next / later.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub horizon: Option<String>,
    /// Target date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Date>,
    /// SAFe benefit hypothesis.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit_hypothesis: Option<String>,
    /// Scoring inputs (boxed: most memory of a loaded backlog is stories).
    #[serde(flatten)]
    pub scores: Box<Scores>,
    /// Ids of the items it waits for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// Position in the ordered backlog.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<f64>,
}

/// A stakeholder's own fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stakeholder {
    /// Role in the project (sponsor, customer …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Organisation or department.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// high / low.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power: Option<String>,
    /// high / low.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interest: Option<String>,
    /// How often to meet them, in days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    /// How to reach them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// A meeting's own fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meeting {
    /// One of the 14 meeting types.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub meeting_type: Option<String>,
    /// When it took place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Handles of those who attended.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    /// The sprint it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sprint: Option<String>,
}

/// The sum of points (or other counts) read from files, held at `u32::MAX` instead of
/// overflowing: a file may hold any whole number up to that, and no sum of them may panic
/// or wrap around. (Validation, not arithmetic, says when a number is implausible.)
#[must_use]
pub fn saturating_sum(values: impl IntoIterator<Item = u32>) -> u32 {
    values.into_iter().fold(0, u32::saturating_add)
}

/// The most days a sprint may span, first and last day included: a year. Scrum's sprints
/// are a month at most; a longer one is a mistyped date (2062 for 2026), and is reported
/// (PO112). Burndowns draw at most this many days, so no date in a file makes a report
/// draw thousands of years of days.
pub const MAX_SPRINT_DAYS: u32 = 366;

/// A sprint's own fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Sprint {
    /// First day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// Last day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// The sprint goal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// Capacity in points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// planned / active / closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Whether the goal was met.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal_met: Option<bool>,
}

/// A risk's own fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Risk {
    /// 1–5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<u32>,
    /// 1–5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<u32>,
    /// open / mitigated / closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// What is done about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mitigation: Option<String>,
    /// Ids it concerns.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
}

/// A decision record's own fields (the ADR convention; MADR's front-matter names).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Decision {
    /// proposed / accepted / rejected / superseded ([`crate::workflow::DecisionStatus`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// When it was decided (or proposed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Who decided: stakeholder handles, or names of people pobox does not know.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deciders: Vec<String>,
    /// Who was consulted before deciding (MADR's RACI fields).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<String>,
    /// Who was told once it was decided.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub informed: Vec<String>,
    /// Ids of the decisions this one replaces.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub supersedes: Vec<String>,
    /// Ids of any items it concerns.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
}

/// The fields that depend on the kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum KindData {
    /// See [`Story`].
    Story(Story),
    /// See [`Epic`].
    Epic(Epic),
    /// See [`Stakeholder`].
    Stakeholder(Stakeholder),
    /// See [`Meeting`].
    Meeting(Meeting),
    /// See [`Sprint`].
    Sprint(Sprint),
    /// See [`Risk`].
    Risk(Risk),
    /// See [`Decision`].
    Decision(Decision),
}

impl KindData {
    /// Empty fields of a kind.
    #[must_use]
    pub fn empty(kind: Kind) -> Self {
        match kind {
            Kind::Story => KindData::Story(Story::default()),
            Kind::Epic => KindData::Epic(Epic::default()),
            Kind::Stakeholder => KindData::Stakeholder(Stakeholder::default()),
            Kind::Meeting => KindData::Meeting(Meeting::default()),
            Kind::Sprint => KindData::Sprint(Sprint::default()),
            Kind::Risk => KindData::Risk(Risk::default()),
            Kind::Decision => KindData::Decision(Decision::default()),
        }
    }
}

/// One item of the workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Decided by its folder.
    pub kind: Kind,
    /// Its id; for a file whose front-matter could not be read, taken from the file name.
    pub id: String,
    /// Its title (empty when missing).
    pub title: String,
    /// The file, relative to the workspace root.
    pub path: PathBuf,
    /// When it was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<Date>,
    /// Who owns it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Free labels.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    /// The kind's own fields.
    #[serde(flatten)]
    pub data: KindData,
    /// Fields pobox does not know, in file order.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// What the body says; `None` when loaded without bodies.
    #[serde(skip)]
    pub body: Option<Box<Body>>,
    /// Why the file could not be read, when it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broken: Option<String>,
}

/// The front-matter key that holds an item's ids in other tools (`aliases: [BACK-430]`), which
/// find it as its own id does.
pub const ALIASES: &str = "aliases";

impl Item {
    /// Its ids in other tools: its `aliases` field, a list of texts or one text.
    #[must_use]
    pub fn aliases(&self) -> Vec<String> {
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        match self.extra.get(ALIASES) {
            Some(serde_json::Value::Array(a)) => a.iter().filter_map(text).collect(),
            Some(v) => text(v).into_iter().collect(),
            None => Vec::new(),
        }
    }

    /// An item with nothing but a kind, an id and a path.
    #[must_use]
    pub fn bare(kind: Kind, id: String, path: PathBuf) -> Self {
        Item {
            kind,
            id,
            title: String::new(),
            path,
            created: None,
            owner: None,
            labels: Vec::new(),
            data: KindData::empty(kind),
            extra: serde_json::Map::new(),
            body: None,
            broken: None,
        }
    }

    /// What the body says (empty when loaded without bodies).
    #[must_use]
    pub fn body(&self) -> &Body {
        static EMPTY: Body = Body::EMPTY;
        self.body.as_deref().unwrap_or(&EMPTY)
    }

    /// The `status` field, for kinds that have one.
    #[must_use]
    pub fn status(&self) -> Option<&str> {
        match &self.data {
            KindData::Story(s) => s.status.as_deref(),
            KindData::Epic(e) => e.status.as_deref(),
            KindData::Sprint(s) => s.status.as_deref(),
            KindData::Risk(r) => r.status.as_deref(),
            KindData::Decision(d) => d.status.as_deref(),
            KindData::Stakeholder(_) | KindData::Meeting(_) => None,
        }
    }

    /// The sprint a story or meeting belongs to.
    #[must_use]
    pub fn sprint(&self) -> Option<&str> {
        match &self.data {
            KindData::Story(s) => s.sprint.as_deref(),
            KindData::Meeting(m) => m.sprint.as_deref(),
            _ => None,
        }
    }

    /// The epic a story belongs to.
    #[must_use]
    pub fn epic(&self) -> Option<&str> {
        match &self.data {
            KindData::Story(s) => s.epic.as_deref(),
            _ => None,
        }
    }

    /// A story's points.
    #[must_use]
    pub fn points(&self) -> Option<u32> {
        match &self.data {
            KindData::Story(s) => s.points,
            _ => None,
        }
    }

    /// The decision's fields, if it is a decision.
    #[must_use]
    pub fn as_decision(&self) -> Option<&Decision> {
        match &self.data {
            KindData::Decision(d) => Some(d),
            _ => None,
        }
    }

    /// The story's fields, if it is a story.
    #[must_use]
    pub fn as_story(&self) -> Option<&Story> {
        match &self.data {
            KindData::Story(s) => Some(s),
            _ => None,
        }
    }

    /// Every other item this one names, by field (`epic`, `depends_on`, …) or in its body
    /// (`body`), in file order.
    #[must_use]
    pub fn references(&self) -> Vec<Reference> {
        let mut out = Vec::new();
        let mut push = |field: &'static str, target: &str| {
            out.push(Reference {
                field,
                target: target.to_owned(),
            })
        };
        match &self.data {
            KindData::Story(s) => {
                s.epic.iter().for_each(|t| push("epic", t));
                s.sprint.iter().for_each(|t| push("sprint", t));
                s.depends_on.iter().for_each(|t| push("depends_on", t));
                s.stakeholders.iter().for_each(|t| push("stakeholders", t));
            }
            KindData::Epic(e) => e.depends_on.iter().for_each(|t| push("depends_on", t)),
            KindData::Meeting(m) => {
                m.sprint.iter().for_each(|t| push("sprint", t));
                m.attendees.iter().for_each(|t| push("attendees", t));
            }
            KindData::Risk(r) => r.related.iter().for_each(|t| push("related", t)),
            KindData::Decision(d) => {
                d.supersedes.iter().for_each(|t| push("supersedes", t));
                d.related.iter().for_each(|t| push("related", t));
                d.deciders.iter().for_each(|t| push("deciders", t));
            }
            KindData::Stakeholder(_) | KindData::Sprint(_) => {}
        }
        for m in &self.body().mentions {
            push("body", &m.target);
        }
        out
    }

    /// The file name's stem (`S-42-saved-card` for `S-42-saved-card.md`).
    #[must_use]
    pub fn file_stem(&self) -> &str {
        file_stem(&self.path)
    }
}

/// A mention of another item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The field it stands in, or `body`.
    pub field: &'static str,
    /// The id or handle named.
    pub target: String,
}

/// A path's file stem as text.
#[must_use]
pub fn file_stem(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("")
}
