//! The seven kinds of item and what tells them apart.

use std::fmt;

use serde::Serialize;

/// A kind of item; decided by the folder a file lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A user story (`stories/`).
    Story,
    /// An epic (`epics/`).
    Epic,
    /// A stakeholder profile (`stakeholders/`).
    Stakeholder,
    /// Meeting notes (`meetings/`).
    Meeting,
    /// A sprint (`sprints/`).
    Sprint,
    /// A risk (`risks/`).
    Risk,
    /// A decision record (`decisions/`), the ADR convention's.
    Decision,
}

impl Kind {
    /// Every kind, in the order reports list them.
    pub const ALL: [Kind; 7] = [
        Kind::Story,
        Kind::Epic,
        Kind::Stakeholder,
        Kind::Meeting,
        Kind::Sprint,
        Kind::Risk,
        Kind::Decision,
    ];

    /// The folder under the backlog directory.
    #[must_use]
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Story => "stories",
            Kind::Epic => "epics",
            Kind::Stakeholder => "stakeholders",
            Kind::Meeting => "meetings",
            Kind::Sprint => "sprints",
            Kind::Risk => "risks",
            Kind::Decision => "decisions",
        }
    }

    /// The kind whose folder this is.
    #[must_use]
    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }

    /// The singular noun, as used on the command line (`pobox story …`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Story => "story",
            Kind::Epic => "epic",
            Kind::Stakeholder => "stakeholder",
            Kind::Meeting => "meeting",
            Kind::Sprint => "sprint",
            Kind::Risk => "risk",
            Kind::Decision => "decision",
        }
    }

    /// The kind named by its singular or plural noun.
    #[must_use]
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s || k.folder() == s)
    }

    /// The noun with its article: "a story", "an epic".
    #[must_use]
    pub fn with_article(self) -> String {
        let article = if self == Kind::Epic { "an" } else { "a" };
        format!("{article} {}", self.as_str())
    }

    /// The front-matter key order a careful writer keeps (the built-in templates' order);
    /// a key a file lacks is added at its place in it.
    #[must_use]
    pub fn key_order(self) -> &'static [&'static str] {
        match self {
            Kind::Story => &[
                "id",
                "title",
                "status",
                "epic",
                "points",
                "sprint",
                "moscow",
                "labels",
                "stakeholders",
                "depends_on",
                "wsjf",
                "rice",
                "ice",
                "rank",
                "assignee",
                "owner",
                "accepted_by",
                "created",
            ],
            Kind::Epic => &[
                "id",
                "title",
                "status",
                "horizon",
                "target",
                "moscow",
                "wsjf",
                "rice",
                "ice",
                "rank",
                "depends_on",
                "owner",
                "labels",
                "benefit_hypothesis",
                "created",
            ],
            Kind::Stakeholder => &[
                "id",
                "title",
                "role",
                "organization",
                "power",
                "interest",
                "cadence_days",
                "contact",
                "owner",
                "created",
            ],
            Kind::Meeting => &["id", "title", "type", "date", "attendees", "sprint", "owner", "created"],
            Kind::Sprint => &[
                "id", "title", "start", "end", "goal", "capacity", "status", "goal_met", "owner", "created",
            ],
            Kind::Risk => &[
                "id",
                "title",
                "likelihood",
                "impact",
                "status",
                "owner",
                "mitigation",
                "related",
                "created",
            ],
            Kind::Decision => &[
                "id",
                "title",
                "status",
                "date",
                "deciders",
                "consulted",
                "informed",
                "supersedes",
                "related",
                "labels",
                "owner",
                "created",
            ],
        }
    }

    /// The default id prefix for kinds with numbered ids (`S` for `S-42`).
    #[must_use]
    pub fn default_prefix(self) -> Option<&'static str> {
        match self {
            Kind::Story => Some("S"),
            Kind::Epic => Some("E"),
            Kind::Sprint => Some("SP"),
            Kind::Risk => Some("R"),
            Kind::Decision => Some("D"),
            Kind::Stakeholder | Kind::Meeting => None,
        }
    }

    /// The statuses this kind's `status` field allows when they are not the workspace's
    /// workflow (sprints, risks and decisions have their own life cycles).
    #[must_use]
    pub fn own_statuses(self) -> Option<&'static [&'static str]> {
        match self {
            Kind::Sprint => Some(&crate::workflow::SprintStatus::NAMES),
            Kind::Risk => Some(&crate::workflow::RiskStatus::NAMES),
            Kind::Decision => Some(&crate::workflow::DecisionStatus::NAMES),
            _ => None,
        }
    }

    /// Whether items of this kind have a `status` field.
    #[must_use]
    pub fn has_status(self) -> bool {
        !matches!(self, Kind::Stakeholder | Kind::Meeting)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
