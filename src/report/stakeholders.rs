//! What the stakeholder report contains (domain reference §4): the stakeholders on
//! Mendelow's power/interest grid, each with their last contact (the latest meeting they
//! attended) against their `cadence_days`, the stories they asked for and the decisions
//! they took (decision records naming them in `deciders`).

use jiff::civil::Date;
use serde::Serialize;

use super::figure::{self, Figure};
use super::page::{self, Block, Cell, Column, Mark, Page, Span};
use super::sprint::id_key;
use crate::model::{Kind, KindData};
use crate::workspace::{UnreadableFile, Workspace};

/// The stakeholder report: data only; its [`Page`] is written by every format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StakeholdersReportDoc {
    /// The product's name (`product` in `pobox.yaml`).
    pub product: String,
    /// The day contact is measured up to.
    pub as_of: Date,
    /// How many stakeholders there are.
    pub total: usize,
    /// How many are overdue for contact.
    pub overdue: usize,
    /// The four quadrants, in the order Key Players, Keep Satisfied, Keep Informed, Monitor.
    pub quadrants: Vec<QuadrantGroup>,
    /// Stakeholders whose power or interest is not `high` or `low`.
    pub unclassified: Vec<StakeholderRow>,
    /// Every file of the backlog pobox cannot read: counted nowhere in it, so listed here
    /// (domain §8; see [`super::unreadable`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableFile>,
}

/// A quadrant of the grid (domain §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High power, high interest: manage closely.
    KeyPlayers,
    /// High power, low interest.
    KeepSatisfied,
    /// Low power, high interest.
    KeepInformed,
    /// Low power, low interest.
    Monitor,
}

impl Quadrant {
    /// Its name as people say it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Quadrant::KeyPlayers => "Key Players",
            Quadrant::KeepSatisfied => "Keep Satisfied",
            Quadrant::KeepInformed => "Keep Informed",
            Quadrant::Monitor => "Monitor",
        }
    }

    /// What to do with its stakeholders, with the cadence domain §4 suggests.
    #[must_use]
    pub fn advice(self) -> &'static str {
        match self {
            Quadrant::KeyPlayers => "manage closely, weekly to biweekly",
            Quadrant::KeepSatisfied => "a monthly summary",
            Quadrant::KeepInformed => "each sprint review or newsletter",
            Quadrant::Monitor => "minimal effort, quarterly",
        }
    }

    /// The quadrant of a power and an interest, each `high` or `low`.
    #[must_use]
    pub fn of(power: Option<&str>, interest: Option<&str>) -> Option<Self> {
        let level = |v: Option<&str>| match v.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("high") => Some(true),
            Some("low") => Some(false),
            _ => None,
        };
        Some(match (level(power)?, level(interest)?) {
            (true, true) => Quadrant::KeyPlayers,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        })
    }
}

/// One quadrant and its stakeholders, by id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuadrantGroup {
    /// Which quadrant.
    pub quadrant: Quadrant,
    /// Its name.
    pub name: &'static str,
    /// What to do with its stakeholders.
    pub advice: &'static str,
    /// The stakeholders.
    pub stakeholders: Vec<StakeholderRow>,
}

/// One stakeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StakeholderRow {
    /// Their id (the handle meetings list as attendees).
    pub id: String,
    /// Their name (the file's title).
    pub name: String,
    /// Role in the project.
    pub role: Option<String>,
    /// `high` / `low`, as written.
    pub power: Option<String>,
    /// `high` / `low`, as written.
    pub interest: Option<String>,
    /// How often to meet them, in days.
    pub cadence_days: Option<u32>,
    /// The date of the latest meeting they attended.
    pub last_contact: Option<Date>,
    /// That meeting's title.
    pub last_meeting: Option<String>,
    /// Days from the last contact to the report's day.
    pub days_since_contact: Option<i32>,
    /// Whether contact is overdue: more than `cadence_days` since the last contact, or a
    /// cadence and no contact at all.
    pub overdue: bool,
    /// The stories that name them in `stakeholders:`.
    pub stories: Vec<AskedStory>,
    /// The decisions that name them in `deciders:`, by id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decided: Vec<AskedStory>,
}

/// A story a stakeholder asked for, or a decision they took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AskedStory {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: Option<String>,
}

/// Whether a meeting's attendee names the stakeholder (by id or name, `@` optional, any case).
fn attended(attendee: &str, id: &str, name: &str) -> bool {
    let a = attendee.trim().trim_start_matches('@');
    a.eq_ignore_ascii_case(id) || a.eq_ignore_ascii_case(name.trim())
}

/// The readable items of `kind` whose field (`people`) names the stakeholder `id` (or
/// `name`), by id: the stories they asked for, the decisions they took.
fn naming(ws: &Workspace, kind: Kind, id: &str, name: &str, people: impl Fn(&crate::model::Item) -> Option<&[String]>) -> Vec<AskedStory> {
    let mut out: Vec<AskedStory> = ws
        .of_kind(kind)
        .filter(|x| x.broken.is_none() && people(x).is_some_and(|p| p.iter().any(|who| attended(who, id, name))))
        .map(|x| AskedStory {
            id: x.id.clone(),
            title: x.title.clone(),
            status: x.status().map(str::to_owned),
        })
        .collect();
    out.sort_by(|a, b| id_key(&a.id).cmp(&id_key(&b.id)));
    out
}

/// Build the report from `ws` as of `as_of`.
#[must_use]
pub fn build(ws: &Workspace, as_of: Date) -> StakeholdersReportDoc {
    let meetings: Vec<(&crate::model::Item, Date, &[String])> = ws
        .of_kind(Kind::Meeting)
        .filter(|m| m.broken.is_none())
        .filter_map(|m| match &m.data {
            KindData::Meeting(f) => f.date.filter(|d| *d <= as_of).map(|d| (m, d, f.attendees.as_slice())),
            _ => None,
        })
        .collect();
    let mut rows: Vec<(Option<Quadrant>, StakeholderRow)> = ws
        .of_kind(Kind::Stakeholder)
        .filter(|i| i.broken.is_none())
        .filter_map(|i| {
            let KindData::Stakeholder(f) = &i.data else { return None };
            let last = meetings
                .iter()
                .filter(|(_, _, att)| att.iter().any(|a| attended(a, &i.id, &i.title)))
                .max_by(|a, b| (a.1, &a.0.id).cmp(&(b.1, &b.0.id)));
            let days_since_contact = last.map(|(_, d, _)| (as_of - *d).get_days());
            let overdue = f
                .cadence_days
                .is_some_and(|c| days_since_contact.is_none_or(|d| i64::from(d) > i64::from(c)));
            let stories = naming(ws, Kind::Story, &i.id, &i.title, |x| {
                x.as_story().map(|s| s.stakeholders.as_slice())
            });
            let decided = naming(ws, Kind::Decision, &i.id, &i.title, |x| {
                x.as_decision().map(|d| d.deciders.as_slice())
            });
            Some((
                Quadrant::of(f.power.as_deref(), f.interest.as_deref()),
                StakeholderRow {
                    id: i.id.clone(),
                    name: i.title.clone(),
                    role: f.role.clone(),
                    power: f.power.clone(),
                    interest: f.interest.clone(),
                    cadence_days: f.cadence_days,
                    last_contact: last.map(|(_, d, _)| *d),
                    last_meeting: last.map(|(m, _, _)| m.title.clone()),
                    days_since_contact,
                    overdue,
                    stories,
                    decided,
                },
            ))
        })
        .collect();
    rows.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    let total = rows.len();
    let overdue = rows.iter().filter(|r| r.1.overdue).count();
    let quadrants = [
        Quadrant::KeyPlayers,
        Quadrant::KeepSatisfied,
        Quadrant::KeepInformed,
        Quadrant::Monitor,
    ]
    .into_iter()
    .map(|q| QuadrantGroup {
        quadrant: q,
        name: q.name(),
        advice: q.advice(),
        stakeholders: rows.iter().filter(|r| r.0 == Some(q)).map(|r| r.1.clone()).collect(),
    })
    .collect();
    StakeholdersReportDoc {
        product: ws.config.product.clone(),
        as_of,
        total,
        overdue,
        quadrants,
        unclassified: rows.into_iter().filter(|r| r.0.is_none()).map(|r| r.1).collect(),
        unreadable: ws.unreadable(&Kind::ALL),
    }
}

/// `12 days ago`, `1 day ago`, `today`.
fn days_ago(d: i32) -> String {
    match d {
        0 => "today".to_owned(),
        1 => "1 day ago".to_owned(),
        d => format!("{d} days ago"),
    }
}

impl super::Report for StakeholdersReportDoc {
    const NAME: &'static str = "stakeholders";

    fn page(&self) -> Page<'_> {
        let everyone = || {
            self.quadrants
                .iter()
                .flat_map(|g| g.stakeholders.iter().map(move |r| (g.name, r)))
                .chain(self.unclassified.iter().map(|r| ("unclassified", r)))
        };
        let decided: Vec<Vec<Cell<'_>>> = everyone()
            .filter(|(_, r)| !r.decided.is_empty())
            .map(|(_, r)| {
                vec![
                    Cell::Spans(vec![
                        Span::user(&r.name),
                        Span::own(" "),
                        Span::mark(Mark::Note, vec![Span::own("(@"), Span::user(&r.id), Span::own(")")]),
                    ]),
                    Cell::Spans(vec![Span::Items(
                        r.decided
                            .iter()
                            .map(|x| {
                                let status = x.status.as_deref().unwrap_or(crate::workflow::DecisionStatus::Proposed.as_str());
                                (x.id.as_str().into(), format!("{} ({status})", x.title).into())
                            })
                            .collect(),
                    )]),
                ]
            })
            .collect();
        let rows = everyone()
            .map(|(quadrant, r)| {
                let mut who = vec![Span::own("(@"), Span::user(&r.id)];
                if let Some(role) = &r.role {
                    who.extend([Span::own(", "), Span::user(role)]);
                }
                who.push(Span::own(")"));
                let last = match (r.last_contact, &r.last_meeting, r.days_since_contact) {
                    (Some(d), Some(m), Some(n)) => vec![
                        Span::own(format!("{d} ")),
                        Span::user(m),
                        Span::own(" "),
                        Span::mark(Mark::Note, vec![Span::own(format!("({})", days_ago(n)))]),
                    ],
                    _ => vec![Span::own("never")],
                };
                let state = if r.overdue {
                    vec![Span::mark(Mark::Overdue, vec![Span::own("overdue")])]
                } else if r.cadence_days.is_some() {
                    vec![Span::own("on time")]
                } else {
                    vec![Span::own("-")]
                };
                vec![
                    Cell::Spans(vec![Span::user(&r.name), Span::own(" "), Span::mark(Mark::Note, who)]),
                    Cell::own(quadrant),
                    Cell::own(r.cadence_days.map_or_else(|| "-".to_owned(), |c| format!("every {c} days"))),
                    Cell::Spans(last),
                    Cell::Spans(state),
                    Cell::Spans(vec![Span::Items(
                        r.stories.iter().map(|x| (x.id.as_str().into(), x.title.as_str().into())).collect(),
                    )]),
                ]
            })
            .collect();
        Page {
            title: vec![Span::own("Stakeholders")],
            facts: page::facts(&self.product, None, self.as_of),
            intro: Vec::new(),
            blocks: vec![
                Block::para(vec![
                    Span::strong(self.total.to_string()),
                    Span::own(" stakeholders · "),
                    Span::strong(self.overdue.to_string()),
                    Span::own(" overdue for contact."),
                ]),
                Block::section(
                    vec![Span::own("Power/interest grid")],
                    vec![Block::Figure(Figure::PowerInterest(
                        self.quadrants
                            .iter()
                            .map(|g| figure::Quadrant {
                                name: g.name,
                                advice: g.advice,
                                high_power: matches!(g.quadrant, Quadrant::KeyPlayers | Quadrant::KeepSatisfied),
                                high_interest: matches!(g.quadrant, Quadrant::KeyPlayers | Quadrant::KeepInformed),
                                people: g.stakeholders.iter().map(|r| (r.name.as_str(), r.overdue)).collect(),
                            })
                            .collect(),
                    ))],
                ),
                Block::section(
                    vec![Span::own("Contact and requests")],
                    vec![Block::table(
                        None,
                        vec![
                            Column::Text("Stakeholder"),
                            Column::Text("Quadrant"),
                            Column::Text("Cadence"),
                            Column::Text("Last contact"),
                            Column::Text("Contact"),
                            Column::Text("Asked for"),
                        ],
                        rows,
                    )],
                ),
            ]
            .into_iter()
            .chain((!decided.is_empty()).then(|| {
                Block::section(
                    vec![Span::own("Decisions taken")],
                    vec![Block::table(
                        None,
                        vec![Column::Text("Stakeholder"), Column::Text("Decided")],
                        decided,
                    )],
                )
            }))
            .collect(),
            source: "from the backlog's stakeholder, meeting and decision files",
            source_note: "",
            as_of: self.as_of,
        }
        .with_unreadable(&self.unreadable)
    }
}
