//! The demo's items: their front-matter values as code, their texts as files embedded at
//! build time.
//!
//! Each text is kept once, where it reads best:
//!
//! - `examples/corner-shop/` holds the demo's final files. `pobox.yaml` and `product.md` are
//!   embedded whole. Stakeholders, epics and risks keep the body they were created with, so
//!   the demo writes the body of their final copy ([`Body::Final`]); meetings change only by
//!   having their action items ticked, so the demo writes the body of their final copy with
//!   every box open again ([`Body::Reopened`]). The example files are these items' only copy.
//! - `src/demo/texts/` holds the first texts of the stories and sprints ([`Body::Text`]): the
//!   history appends notes to them and rewrites a sprint goal, which could not be taken back
//!   out of their final copies without the script replaying its own future.
//!
//! The front-matter values (a story's epic, points, labels and scores, a stakeholder's role,
//! a risk's scores, a meeting's attendees) stay code: they are the values on the day an item
//! is created, which for epics, risks, sprints and stories are not those of the final files;
//! the compiler checks them; and the script passes them to the same field editor as
//! `pobox <kind> new`, where a second reader of front-matter would add a path the commands do
//! not take. The test that compares the demo with `examples/corner-shop/` fails on any drift
//! between these values and the example files.

use crate::edit::NewValue;
use crate::model::Kind;

use super::script::{Body, Item, list, text};

/// A file of `examples/corner-shop/`, embedded at build time.
macro_rules! example {
    ($path:literal) => {
        include_str!(concat!("../../examples/corner-shop/", $path))
    };
}

/// A file of `src/demo/texts/`, embedded at build time.
macro_rules! first_text {
    ($path:literal) => {
        include_str!(concat!("texts/", $path))
    };
}

/// The workspace settings, written at the start.
pub(super) const POBOX_YAML: &str = example!("pobox.yaml");
/// The vision and the product goal, written at the start.
pub(super) const PRODUCT_MD: &str = example!("backlog/product.md");

/// A stakeholder: handle, name, role, organisation, power, interest, cadence, contact, body.
pub(super) type StakeholderSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    Body,
);

pub(super) const STAKEHOLDERS: [StakeholderSpec; 8] = [
    (
        "dana",
        "Dana Whitfield",
        "Owner and sponsor",
        "Elm Street Corner Shop",
        "high",
        "high",
        7,
        "dana@cornershop.example",
        Body::Final(example!("backlog/stakeholders/dana.md")),
    ),
    (
        "li",
        "Li Chen",
        "Co-owner, looks after the finances",
        "Elm Street Corner Shop",
        "high",
        "low",
        30,
        "li@cornershop.example",
        Body::Final(example!("backlog/stakeholders/li.md")),
    ),
    (
        "omar",
        "Omar Haddad",
        "Delivery lead and driver",
        "Elm Street Corner Shop",
        "low",
        "high",
        14,
        "omar@cornershop.example",
        Body::Final(example!("backlog/stakeholders/omar.md")),
    ),
    (
        "priya",
        "Priya Nair",
        "Customer representative",
        "Elm Street Residents' Association",
        "low",
        "high",
        14,
        "priya.nair@residents.example",
        Body::Final(example!("backlog/stakeholders/priya.md")),
    ),
    (
        "sam",
        "Sam Okafor",
        "Account manager at our payment provider",
        "PayNorth Payments",
        "low",
        "low",
        90,
        "sam.okafor@paynorth.example",
        Body::Final(example!("backlog/stakeholders/sam.md")),
    ),
    (
        "pat",
        "Pat Product",
        "Product owner",
        "Corner Shop Online team",
        "high",
        "high",
        7,
        "pat@example.com",
        Body::Final(example!("backlog/stakeholders/pat.md")),
    ),
    (
        "rosa",
        "Rosa Lind",
        "Developer",
        "Corner Shop Online team",
        "low",
        "high",
        14,
        "rosa@example.com",
        Body::Final(example!("backlog/stakeholders/rosa.md")),
    ),
    (
        "kai",
        "Kai Berg",
        "Developer",
        "Corner Shop Online team",
        "low",
        "high",
        14,
        "kai@example.com",
        Body::Final(example!("backlog/stakeholders/kai.md")),
    ),
];

/// An epic: title, horizon, target, owner, labels, benefit hypothesis, body.
pub(super) type EpicSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    Body,
);

pub(super) const EPICS: [EpicSpec; 3] = [
    (
        "Checkout",
        "now",
        "2026-10-16",
        "dana",
        &["checkout", "payments"],
        "Neighbours who can order and pay online will stop phoning their orders in.",
        Body::Final(example!("backlog/epics/E-1.md")),
    ),
    (
        "Delivery slots",
        "next",
        "2026-11-13",
        "omar",
        &["delivery"],
        "Bookable one-hour slots will cut failed deliveries and let one van serve the evening peak.",
        Body::Final(example!("backlog/epics/E-2.md")),
    ),
    (
        "Loyalty",
        "later",
        "2027-01-29",
        "dana",
        &["loyalty"],
        "A simple stamp card will turn occasional customers into weekly ones.",
        Body::Final(example!("backlog/epics/E-3.md")),
    ),
];

/// A story as first written down, before any sprint.
pub(super) struct StorySpec {
    title: &'static str,
    epic: &'static str,
    /// `None` for stories not estimated yet.
    points: Option<i64>,
    labels: &'static [&'static str],
    stakeholders: &'static [&'static str],
    depends_on: &'static [&'static str],
    /// `{value, time_criticality, risk_reduction}`; the job size is the points.
    wsjf: Option<&'static str>,
    rice: Option<&'static str>,
    /// The text below the front-matter on the day the story is written down.
    body: &'static str,
}

/// S-1 to S-24, in the order they get their ids. S-25 comes later (added mid-sprint).
pub(super) const STORIES: [StorySpec; 24] = [
    StorySpec {
        title: "Add products to my basket",
        epic: "E-1",
        points: Some(3),
        labels: &["basket", "web"],
        stakeholders: &["dana", "priya"],
        depends_on: &[],
        wsjf: Some("{value: 8, time_criticality: 5, risk_reduction: 3}"),
        rice: None,
        body: first_text!("stories/S-1.md"),
    },
    StorySpec {
        title: "Change quantities or remove items in the basket",
        epic: "E-1",
        points: Some(2),
        labels: &["basket", "web"],
        stakeholders: &["priya"],
        depends_on: &[],
        wsjf: Some("{value: 5, time_criticality: 3, risk_reduction: 1}"),
        rice: None,
        body: first_text!("stories/S-2.md"),
    },
    StorySpec {
        title: "Show the basket total with VAT and bottle deposit",
        epic: "E-1",
        points: Some(2),
        labels: &["basket", "pricing"],
        stakeholders: &["li", "priya"],
        depends_on: &[],
        wsjf: Some("{value: 5, time_criticality: 5, risk_reduction: 3}"),
        rice: None,
        body: first_text!("stories/S-3.md"),
    },
    StorySpec {
        title: "Pay by card at checkout",
        epic: "E-1",
        points: Some(8),
        labels: &["checkout", "payments"],
        stakeholders: &["dana", "li", "sam"],
        depends_on: &[],
        wsjf: Some("{value: 13, time_criticality: 8, risk_reduction: 8}"),
        rice: None,
        body: first_text!("stories/S-4.md"),
    },
    StorySpec {
        title: "Email an order confirmation",
        epic: "E-1",
        points: Some(3),
        labels: &["checkout", "email"],
        stakeholders: &["priya"],
        depends_on: &["S-4"],
        wsjf: Some("{value: 5, time_criticality: 3, risk_reduction: 2}"),
        rice: None,
        body: first_text!("stories/S-5.md"),
    },
    StorySpec {
        title: "Check out as a guest",
        epic: "E-1",
        points: Some(3),
        labels: &["checkout"],
        stakeholders: &["dana", "priya"],
        depends_on: &[],
        wsjf: Some("{value: 8, time_criticality: 3, risk_reduction: 1}"),
        rice: None,
        body: first_text!("stories/S-6.md"),
    },
    StorySpec {
        title: "Save my delivery address for next time",
        epic: "E-1",
        points: Some(3),
        labels: &["account", "checkout"],
        stakeholders: &["priya"],
        depends_on: &[],
        wsjf: Some("{value: 5, time_criticality: 2, risk_reduction: 1}"),
        rice: None,
        body: first_text!("stories/S-7.md"),
    },
    StorySpec {
        title: "See new orders on the shop tablet",
        epic: "E-1",
        points: Some(5),
        labels: &["staff", "orders"],
        stakeholders: &["dana", "omar"],
        depends_on: &[],
        wsjf: Some("{value: 13, time_criticality: 8, risk_reduction: 5}"),
        rice: None,
        body: first_text!("stories/S-8.md"),
    },
    StorySpec {
        title: "Apply a discount code at checkout",
        epic: "E-1",
        points: Some(3),
        labels: &["checkout", "pricing", "marketing"],
        stakeholders: &["dana"],
        depends_on: &[],
        wsjf: Some("{value: 3, time_criticality: 2, risk_reduction: 1}"),
        rice: None,
        body: first_text!("stories/S-9.md"),
    },
    StorySpec {
        title: "Pay with Apple Pay or Google Pay",
        epic: "E-1",
        points: Some(5),
        labels: &["checkout", "payments", "mobile"],
        stakeholders: &["priya", "sam"],
        depends_on: &["S-4"],
        wsjf: Some("{value: 8, time_criticality: 3, risk_reduction: 2}"),
        rice: None,
        body: first_text!("stories/S-10.md"),
    },
    StorySpec {
        title: "Mark an item as substituted or unavailable",
        epic: "E-1",
        points: Some(5),
        labels: &["staff", "orders"],
        stakeholders: &["dana", "omar", "priya"],
        depends_on: &[],
        wsjf: Some("{value: 8, time_criticality: 5, risk_reduction: 5}"),
        rice: None,
        body: first_text!("stories/S-11.md"),
    },
    StorySpec {
        title: "Pay cash on delivery",
        epic: "E-1",
        points: Some(3),
        labels: &["checkout", "payments"],
        stakeholders: &["dana", "omar"],
        depends_on: &[],
        wsjf: Some("{value: 2, time_criticality: 1, risk_reduction: 1}"),
        rice: None,
        body: first_text!("stories/S-12.md"),
    },
    StorySpec {
        title: "Choose a delivery slot at checkout",
        epic: "E-2",
        points: Some(5),
        labels: &["delivery", "checkout"],
        stakeholders: &["dana", "omar", "priya"],
        depends_on: &["S-14"],
        wsjf: Some("{value: 13, time_criticality: 8, risk_reduction: 3}"),
        rice: None,
        body: first_text!("stories/S-13.md"),
    },
    StorySpec {
        title: "Set how many orders fit in each slot",
        epic: "E-2",
        points: Some(3),
        labels: &["delivery", "staff"],
        stakeholders: &["omar"],
        depends_on: &[],
        wsjf: Some("{value: 8, time_criticality: 5, risk_reduction: 5}"),
        rice: None,
        body: first_text!("stories/S-14.md"),
    },
    StorySpec {
        title: "Limit delivery to our postcode area",
        epic: "E-2",
        points: Some(2),
        labels: &["delivery", "checkout"],
        stakeholders: &["dana", "omar"],
        depends_on: &[],
        wsjf: Some("{value: 5, time_criticality: 5, risk_reduction: 8}"),
        rice: None,
        body: first_text!("stories/S-15.md"),
    },
    StorySpec {
        title: "Print a route sheet for each slot",
        epic: "E-2",
        points: Some(3),
        labels: &["delivery", "staff"],
        stakeholders: &["omar"],
        depends_on: &["S-13"],
        wsjf: Some("{value: 5, time_criticality: 3, risk_reduction: 2}"),
        rice: None,
        body: first_text!("stories/S-16.md"),
    },
    StorySpec {
        title: "Text the customer when the driver sets off",
        epic: "E-2",
        points: Some(3),
        labels: &["delivery", "notifications"],
        stakeholders: &["omar", "priya"],
        depends_on: &["S-13"],
        wsjf: Some("{value: 3, time_criticality: 1, risk_reduction: 1}"),
        rice: Some("{reach: 900, impact: 1, confidence: 0.8, effort: 0.5}"),
        body: first_text!("stories/S-17.md"),
    },
    StorySpec {
        title: "Book a click and collect slot",
        epic: "E-2",
        points: Some(3),
        labels: &["delivery", "checkout"],
        stakeholders: &["dana", "priya"],
        depends_on: &[],
        wsjf: Some("{value: 5, time_criticality: 2, risk_reduction: 3}"),
        rice: Some("{reach: 300, impact: 1, confidence: 0.8, effort: 0.5}"),
        body: first_text!("stories/S-18.md"),
    },
    StorySpec {
        title: "Close slots on bank holidays",
        epic: "E-2",
        points: Some(2),
        labels: &["delivery", "staff"],
        stakeholders: &["omar"],
        depends_on: &[],
        wsjf: Some("{value: 1, time_criticality: 3, risk_reduction: 1}"),
        rice: None,
        body: first_text!("stories/S-19.md"),
    },
    StorySpec {
        title: "Collect a stamp for every order over £20",
        epic: "E-3",
        points: Some(5),
        labels: &["loyalty"],
        stakeholders: &["dana", "li"],
        depends_on: &[],
        wsjf: Some("{value: 5, time_criticality: 1, risk_reduction: 1}"),
        rice: Some("{reach: 600, impact: 2, confidence: 0.5, effort: 1}"),
        body: first_text!("stories/S-20.md"),
    },
    StorySpec {
        title: "Redeem ten stamps for £5 off",
        epic: "E-3",
        points: Some(3),
        labels: &["loyalty", "pricing"],
        stakeholders: &["dana", "li"],
        depends_on: &["S-20"],
        wsjf: Some("{value: 5, time_criticality: 1, risk_reduction: 1}"),
        rice: None,
        body: first_text!("stories/S-21.md"),
    },
    StorySpec {
        title: "See my stamp card",
        epic: "E-3",
        points: Some(2),
        labels: &["loyalty", "account"],
        stakeholders: &["priya"],
        depends_on: &["S-20"],
        wsjf: Some("{value: 3, time_criticality: 1, risk_reduction: 1}"),
        rice: None,
        body: first_text!("stories/S-22.md"),
    },
    StorySpec {
        title: "Birthday treat for loyalty members",
        epic: "E-3",
        points: None,
        labels: &["loyalty", "marketing"],
        stakeholders: &["dana"],
        depends_on: &[],
        wsjf: None,
        rice: None,
        body: first_text!("stories/S-23.md"),
    },
    StorySpec {
        title: "Refer a neighbour",
        epic: "E-3",
        points: None,
        labels: &["loyalty", "marketing"],
        stakeholders: &["dana", "li"],
        depends_on: &[],
        wsjf: None,
        rice: None,
        body: first_text!("stories/S-24.md"),
    },
];

/// The story added to SP-2 after the stakeholder check-in.
pub(super) const AGE_CHECK: StorySpec = StorySpec {
    title: "Confirm age for alcohol and tobacco at checkout",
    epic: "E-1",
    points: Some(2),
    labels: &["checkout", "compliance"],
    stakeholders: &["dana", "omar"],
    depends_on: &[],
    wsjf: Some("{value: 8, time_criticality: 13, risk_reduction: 13}"),
    rice: None,
    body: first_text!("stories/S-25.md"),
};

// The risks.
pub(super) const RISK_PAYMENTS: Body = Body::Final(example!("backlog/risks/R-1.md"));
pub(super) const RISK_CARD_DATA: Body = Body::Final(example!("backlog/risks/R-2.md"));
pub(super) const RISK_DRIVER_HOURS: Body = Body::Final(example!("backlog/risks/R-3.md"));

// The sprints SP-1 to SP-3, as planned.
pub(super) const SP1_BODY: Body = Body::Text(first_text!("sprints/SP-1.md"));
pub(super) const SP2_BODY: Body = Body::Text(first_text!("sprints/SP-2.md"));
pub(super) const SP3_BODY: Body = Body::Text(first_text!("sprints/SP-3.md"));

// The meeting notes, oldest first.
pub(super) const KICKOFF: Body = Body::Reopened(example!("backlog/meetings/2026-09-02-kickoff.md"));
pub(super) const SP1_PLANNING: Body = Body::Reopened(example!("backlog/meetings/2026-09-07-sprint-planning.md"));
pub(super) const SP1_REFINEMENT: Body = Body::Reopened(example!("backlog/meetings/2026-09-16-backlog-refinement.md"));
pub(super) const SP1_REVIEW: Body = Body::Reopened(example!("backlog/meetings/2026-09-18-sprint-review.md"));
pub(super) const SP1_RETRO: Body = Body::Reopened(example!("backlog/meetings/2026-09-18-retrospective.md"));
pub(super) const SP2_PLANNING: Body = Body::Reopened(example!("backlog/meetings/2026-09-21-sprint-planning.md"));
pub(super) const STAKEHOLDER_CHECK_IN: Body = Body::Reopened(example!("backlog/meetings/2026-09-24-stakeholder.md"));
pub(super) const SP2_REFINEMENT: Body = Body::Reopened(example!("backlog/meetings/2026-09-30-backlog-refinement.md"));
pub(super) const SP2_REVIEW: Body = Body::Reopened(example!("backlog/meetings/2026-10-02-sprint-review.md"));
pub(super) const SP2_RETRO: Body = Body::Reopened(example!("backlog/meetings/2026-10-02-retrospective.md"));
pub(super) const SP3_PLANNING: Body = Body::Reopened(example!("backlog/meetings/2026-10-05-sprint-planning.md"));
pub(super) const SP3_REFINEMENT: Body = Body::Reopened(example!("backlog/meetings/2026-10-14-backlog-refinement.md"));

// How each kind of item is made from its values and its text.

/// A story from its spec.
pub(super) fn story(spec: &StorySpec) -> Item<'_> {
    let mut fields = vec![("epic", text(spec.epic))];
    if let Some(p) = spec.points {
        fields.push(("points", NewValue::Int(p)));
    }
    fields.push(("labels", list(spec.labels)));
    fields.push(("stakeholders", list(spec.stakeholders)));
    if !spec.depends_on.is_empty() {
        fields.push(("depends_on", list(spec.depends_on)));
    }
    let raw = [("wsjf", spec.wsjf), ("rice", spec.rice)]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect();
    Item {
        kind: Kind::Story,
        title: spec.title,
        meeting_type: None,
        fields,
        raw,
        body: Body::Text(spec.body),
    }
}

/// A meeting: type, title, attendees, sprint, body.
pub(super) fn meeting<'a>(kind: &'a str, title: &'a str, attendees: &[&str], sprint: Option<&str>, body: Body) -> Item<'a> {
    let mut fields = vec![("attendees", list(attendees))];
    if let Some(sp) = sprint {
        fields.push(("sprint", text(sp)));
    }
    Item {
        kind: Kind::Meeting,
        title,
        meeting_type: Some(kind),
        fields,
        raw: Vec::new(),
        body,
    }
}

/// A sprint: title, start, end, goal, capacity, status, body.
pub(super) fn sprint<'a>(title: &'a str, start: &str, end: &str, goal: Option<&str>, capacity: i64, status: &str, body: Body) -> Item<'a> {
    let mut fields = vec![("start", text(start)), ("end", text(end))];
    if let Some(g) = goal {
        fields.push(("goal", text(g)));
    }
    fields.extend([("capacity", NewValue::Int(capacity)), ("status", text(status))]);
    Item {
        kind: Kind::Sprint,
        title,
        meeting_type: None,
        fields,
        raw: Vec::new(),
        body,
    }
}

/// A risk: title, likelihood, impact, owner, mitigation, related ids, body.
pub(super) fn risk<'a>(
    title: &'a str,
    likelihood: i64,
    impact: i64,
    owner: &str,
    mitigation: &str,
    related: &[&str],
    body: Body,
) -> Item<'a> {
    let fields = vec![
        ("likelihood", NewValue::Int(likelihood)),
        ("impact", NewValue::Int(impact)),
        ("owner", text(owner)),
        ("mitigation", text(mitigation)),
        ("related", list(related)),
    ];
    Item {
        kind: Kind::Risk,
        title,
        meeting_type: None,
        fields,
        raw: Vec::new(),
        body,
    }
}
