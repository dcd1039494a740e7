//! `pobox demo`: a small, realistic workspace with three sprints of git history.
//!
//! [`build`] creates a new git repository and plays the first weeks of "Corner Shop Online",
//! the web shop of a neighbourhood grocery: a kickoff, three refinements, two finished
//! sprints (the first met its goal, the second did not and carried two stories over) and a
//! third sprint stopped half-way, with the stakeholder register, risks and meeting notes a
//! product owner keeps along the way. Every change goes through the same library calls the
//! commands use ([`create::create`], [`edit::set_fields`], [`fsio::replace`],
//! [`Repo::commit_all`]), so the demo is also an end-to-end check that they produce files
//! pobox reads without a single diagnostic.
//!
//! The result is the same on every machine and every run: dates and commit times are fixed
//! (nothing reads the clock, `POBOX_TODAY` or the user's git identity), so the file bytes
//! and the commits are identical each time. `examples/corner-shop/` in the source tree is a
//! copy of the files (without the history); a test keeps the two equal.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use jiff::civil::{Date, date};

use crate::config::{self, Config};
use crate::create::{self, CreateError, NewItem};
use crate::edit::{self, EditError, NewValue};
use crate::fsio::{self, WriteError};
use crate::git::{GitError, Repo, Signature};
use crate::model::Kind;
use crate::parse::frontmatter;

/// The product the demo workspace is about.
pub const PRODUCT: &str = "Corner Shop Online";

/// Who makes every commit of the demo history.
const AUTHOR_NAME: &str = "Pat Product";
const AUTHOR_EMAIL: &str = "pat@example.com";

/// What [`build`] made, for the command to tell the user what to try next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demo {
    /// The workspace root (the folder given to [`build`]), also the git repository's root.
    pub root: PathBuf,
    /// The product's name.
    pub product: String,
    /// Number of stories.
    pub stories: usize,
    /// Number of epics.
    pub epics: usize,
    /// Number of stakeholders.
    pub stakeholders: usize,
    /// Number of meeting notes.
    pub meetings: usize,
    /// Number of risks.
    pub risks: usize,
    /// Number of commits in the history.
    pub commits: usize,
    /// The sprints, oldest first.
    pub sprints: Vec<String>,
    /// The sprint still running at the last commit.
    pub active_sprint: String,
    /// The sprint before it: closed, with a goal missed and stories carried over, which
    /// makes the richest sprint report.
    pub last_closed_sprint: String,
    /// A story of the active sprint with a long status history, worth showing.
    pub example_story: String,
    /// The day of the first commit.
    pub first_day: Date,
    /// The day of the last commit: the demo's "today". Reports about "now" (overdue
    /// action items, work item age) read as intended with `POBOX_TODAY` set to this day.
    pub today: Date,
}

/// Why the demo workspace could not be built.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The folder exists and holds something: the demo never mixes with existing files.
    #[error("{} is not empty", .0.display())]
    NotEmpty(PathBuf),
    /// The path exists and is not a folder.
    #[error("{} exists and is not a folder", .0.display())]
    NotAFolder(PathBuf),
    /// A file or folder could not be created or read.
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        /// What could not be written.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An item could not be created.
    #[error(transparent)]
    Create(#[from] CreateError),
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// An edit was refused.
    #[error("{}: {source}", .path.display())]
    Edit {
        /// The file.
        path: PathBuf,
        /// Why.
        source: EditError,
    },
    /// git refused.
    #[error(transparent)]
    Git(#[from] GitError),
    /// The demo script does not fit the library any more (a bug in pobox).
    #[error("the demo script is out of step with pobox: {0}")]
    Script(String),
}

/// Create the demo workspace, with its history, in a new git repository at `dir`.
///
/// `dir` must not exist yet, or be an empty folder; it is created with its parents. On an
/// error the folder is left as far as it got.
///
/// # Errors
/// [`DemoError::NotEmpty`] and [`DemoError::NotAFolder`] before anything is written; I/O,
/// git and (for a pobox bug) script errors after.
pub fn build(dir: &Path) -> Result<Demo, DemoError> {
    let io = |source| DemoError::Io {
        path: dir.to_path_buf(),
        source,
    };
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => return Err(DemoError::NotAFolder(dir.to_path_buf())),
        Ok(_) => {
            if std::fs::read_dir(dir).map_err(io)?.next().is_some() {
                return Err(DemoError::NotEmpty(dir.to_path_buf()));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(dir).map_err(io)?,
        Err(e) => return Err(io(e)),
    }
    let mut script = Script::start(dir)?;
    play(&mut script)?;
    let count = |kind| script.created.get(&kind).copied().unwrap_or(0);
    Ok(Demo {
        root: dir.to_path_buf(),
        product: PRODUCT.to_owned(),
        stories: count(Kind::Story),
        epics: count(Kind::Epic),
        stakeholders: count(Kind::Stakeholder),
        meetings: count(Kind::Meeting),
        risks: count(Kind::Risk),
        commits: script.commits,
        sprints: vec!["SP-1".to_owned(), "SP-2".to_owned(), "SP-3".to_owned()],
        active_sprint: "SP-3".to_owned(),
        last_closed_sprint: "SP-2".to_owned(),
        example_story: "S-11".to_owned(),
        first_day: FIRST_DAY,
        today: script.day,
    })
}

/// The day of the initial commit, six days before the first sprint.
const FIRST_DAY: Date = date(2026, 9, 1);

// ---------------------------------------------------------------------------------------
// The machinery: create, edit and commit items the way the commands do.
// ---------------------------------------------------------------------------------------

/// A workspace being written, commit by commit.
struct Script {
    root: PathBuf,
    config: Config,
    repo: Repo,
    /// Every item made so far: id → (kind, path relative to the root).
    items: HashMap<String, (Kind, PathBuf)>,
    /// Files changed since the last commit: id → (absolute path, text on disk, new text).
    /// Each is written once, at the commit, however many changes it got that day.
    pending: BTreeMap<String, (PathBuf, String, String)>,
    /// How many items of each kind were made.
    created: HashMap<Kind, usize>,
    /// How many commits were made.
    commits: usize,
    /// The day being played: new items are created on it and commits happen on it.
    day: Date,
}

impl Script {
    /// A new repository at `root` holding `pobox.yaml` and `backlog/product.md`.
    fn start(root: &Path) -> Result<Script, DemoError> {
        let repo = Repo::init(root)?;
        let config_path = root.join(config::FILE_NAME);
        fsio::create_new(&config_path, POBOX_YAML.as_bytes())?;
        let (config, diags) = Config::parse(POBOX_YAML, Path::new(config::FILE_NAME));
        if let Some(d) = diags.first() {
            return Err(DemoError::Script(format!("pobox.yaml: {}", d.message)));
        }
        let backlog = root.join(&config.backlog_dir);
        std::fs::create_dir_all(&backlog).map_err(|source| DemoError::Io {
            path: backlog.clone(),
            source,
        })?;
        fsio::create_new(&backlog.join("product.md"), PRODUCT_MD.as_bytes())?;
        Ok(Script {
            root: root.to_path_buf(),
            config,
            repo,
            items: HashMap::new(),
            pending: BTreeMap::new(),
            created: HashMap::new(),
            commits: 0,
            day: FIRST_DAY,
        })
    }

    /// Play `day` next.
    fn on(&mut self, day: Date) {
        self.day = day;
    }

    /// Create an item with `pobox <kind> new`'s machinery, then give it `raw` front-matter
    /// values (mappings, which the editor does not write) and `body` in place of the
    /// template's prompts. Fails unless pobox gives it the id `expect`.
    fn add(&mut self, expect: &str, new: Item<'_>) -> Result<(), DemoError> {
        let item = NewItem {
            kind: new.kind,
            title: new.title.to_owned(),
            id: (new.kind == Kind::Stakeholder).then(|| expect.to_owned()),
            meeting_type: new.meeting_type.map(str::to_owned),
            date: self.day,
            created: self.day,
            fields: new.fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        };
        let made = create::create(&self.root, &self.config, &item, Some(&self.repo))?;
        if made.id != expect {
            return Err(DemoError::Script(format!("expected to create {expect}, pobox made {}", made.id)));
        }
        *self.created.entry(new.kind).or_default() += 1;
        self.items.insert(made.id, (new.kind, made.path));
        let raw: Vec<(&str, NewValue)> = new.raw.iter().map(|(k, v)| (*k, NewValue::Raw((*v).to_owned()))).collect();
        let path = self.item(expect)?.1;
        self.rewrite(expect, |text| {
            let text = edit::set_fields_ordered(text, &raw, new.kind.key_order()).map_err(|source| DemoError::Edit { path, source })?;
            let split = frontmatter::split(&text).map_err(|_| unexpected(expect))?;
            Ok(format!("{}\n{}", &text[..split.body], new.body))
        })
    }

    /// The kind of an item made earlier, and its path relative to the root.
    fn item(&self, id: &str) -> Result<(Kind, PathBuf), DemoError> {
        self.items
            .get(id)
            .cloned()
            .ok_or_else(|| DemoError::Script(format!("no item {id}")))
    }

    /// Change an item's text to what `change` makes of it. The file is written at the next
    /// commit.
    fn rewrite(&mut self, id: &str, change: impl FnOnce(&str) -> Result<String, DemoError>) -> Result<(), DemoError> {
        let (_, rel) = self.item(id)?;
        let entry = match self.pending.entry(id.to_owned()) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                let path = self.root.join(&rel);
                let text = std::fs::read_to_string(&path).map_err(|source| DemoError::Io {
                    path: path.clone(),
                    source,
                })?;
                e.insert((path, text.clone(), text))
            }
        };
        entry.2 = change(&entry.2)?;
        Ok(())
    }

    /// Set front-matter fields, as `pobox <kind> set` would, keeping a tidy key order.
    fn set(&mut self, id: &str, changes: &[(&str, NewValue)]) -> Result<(), DemoError> {
        let (kind, path) = self.item(id)?;
        self.rewrite(id, |old| {
            edit::set_fields_ordered(old, changes, kind.key_order()).map_err(|source| DemoError::Edit { path, source })
        })
    }

    /// Move stories to `status`.
    fn status(&mut self, ids: &[&str], status: &str) -> Result<(), DemoError> {
        for id in ids {
            self.set(id, &[("status", text(status))])?;
        }
        Ok(())
    }

    /// A developer picks a story up.
    fn start_work(&mut self, id: &str, who: &str) -> Result<(), DemoError> {
        self.set(id, &[("status", text("in-progress")), ("assignee", text(who))])
    }

    /// The product owner accepts a story: every criterion ticked, status done.
    fn accept(&mut self, id: &str) -> Result<(), DemoError> {
        self.rewrite(id, |t| Ok(t.replace("\n- [ ] ", "\n- [x] ")))?;
        self.set(id, &[("status", text("done")), ("accepted_by", text("pat"))])
    }

    /// Plan stories into a sprint.
    fn plan(&mut self, ids: &[&str], sprint: &str) -> Result<(), DemoError> {
        for id in ids {
            self.set(id, &[("sprint", text(sprint))])?;
        }
        Ok(())
    }

    /// Tick the open action item that starts with `start`.
    fn tick(&mut self, id: &str, start: &str) -> Result<(), DemoError> {
        let open = format!("\n- [ ] {start}");
        self.rewrite(id, |t| {
            t.contains(&open)
                .then(|| t.replacen(&open, &format!("\n- [x] {start}"), 1))
                .ok_or_else(|| unexpected(id))
        })
    }

    /// Add a line to the `## Notes` section, which ends the body (made when missing).
    fn note(&mut self, id: &str, line: &str) -> Result<(), DemoError> {
        self.rewrite(id, |t| {
            let heading = if t.contains("\n## Notes\n") { "" } else { "\n## Notes\n\n" };
            Ok(format!("{t}{heading}- {line}\n"))
        })
    }

    /// Replace body text.
    fn replace(&mut self, id: &str, from: &str, to: &str) -> Result<(), DemoError> {
        self.rewrite(id, |t| {
            t.contains(from).then(|| t.replacen(from, to, 1)).ok_or_else(|| unexpected(id))
        })
    }

    /// Write the changed files and commit everything at `hour:minute` UTC of the day being
    /// played.
    fn commit(&mut self, hour: i8, minute: i8, message: &str) -> Result<(), DemoError> {
        for (path, old, new) in std::mem::take(&mut self.pending).into_values() {
            if old != new {
                fsio::replace(&path, old.as_bytes(), new.as_bytes())?;
            }
        }
        let when = self
            .day
            .at(hour, minute, 0, 0)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_err(|e| DemoError::Script(format!("commit time: {e}")))?;
        let author = Signature {
            name: AUTHOR_NAME.to_owned(),
            email: AUTHOR_EMAIL.to_owned(),
            time: when.timestamp().as_second(),
        };
        self.repo.commit_all(message, &author)?;
        self.commits += 1;
        Ok(())
    }
}

/// The script met a text it did not expect.
fn unexpected(id: &str) -> DemoError {
    DemoError::Script(format!("unexpected text in {id}"))
}

/// An item to create.
struct Item<'a> {
    kind: Kind,
    title: &'a str,
    meeting_type: Option<&'a str>,
    fields: Vec<(&'a str, NewValue)>,
    /// Front-matter values written as YAML text (flow mappings).
    raw: Vec<(&'a str, &'a str)>,
    body: &'a str,
}

fn text(s: &str) -> NewValue {
    NewValue::Text(s.to_owned())
}

fn list(items: &[&str]) -> NewValue {
    NewValue::List(items.iter().map(|s| (*s).to_owned()).collect())
}

// ---------------------------------------------------------------------------------------
// The content: a neighbourhood grocery's web shop.
// ---------------------------------------------------------------------------------------

const POBOX_YAML: &str = "\
# pobox workspace settings for Corner Shop Online.
# Everything but `product` and `estimate_scale` (the team does not use 20) is pobox's
# default, written out so you can see what there is to change.
product: Corner Shop Online
backlog_dir: backlog
sprint_length_days: 14
statuses: [draft, ready, in-progress, review, done, dropped]
estimate_scale: [1, 2, 3, 5, 8, 13]
prioritization: wsjf
";

const PRODUCT_MD: &str = "\
# Corner Shop Online

The web shop of the Elm Street corner shop, a family-run grocery.

## Vision

For the neighbours of the Elm Street corner shop who want their everyday groceries without
the trip, Corner Shop Online is the shop's own web shop: order from the shelves you know, pay
online, and have Omar bring it to your door in a slot you choose. Unlike the big supermarket
apps, it is run by people who know your name, and the money stays in the neighbourhood.

## Product goal

By the end of December 2026, 150 households order online at least once a month, and nine in
ten deliveries arrive in the slot the customer booked.
";

/// A stakeholder: handle, name, role, organisation, power, interest, cadence, contact, body.
type StakeholderSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    &'static str,
);

const STAKEHOLDERS: [StakeholderSpec; 8] = [
    (
        "dana",
        "Dana Whitfield",
        "Owner and sponsor",
        "Elm Street Corner Shop",
        "high",
        "high",
        7,
        "dana@cornershop.example",
        "\
## Requirements and expectations

- Online orders must not slow down the counter: staff see them on the tablet, not by email.
- 150 households ordering online every month by the end of 2026.
- Nothing goes live that breaks the premises licence (age checks for alcohol and tobacco).

## Engagement

- Current: Leading
- Desired: Leading

## Notes

- Prefers a 15-minute call on Monday mornings before the shop opens.
",
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
        "\
## Requirements and expectations

- The three sprints stay within the budget agreed at the kickoff.
- VAT, deposits and discounts add up exactly as they do on the till.
- Knows what the loyalty scheme will cost before it is built.

## Engagement

- Current: Neutral
- Desired: Supportive

## Notes

- Wants one page at the end of each month, not meetings.
",
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
        "\
## Requirements and expectations

- Never more orders in a slot than one van can deliver.
- A clear list of what goes out in each slot, and which orders need an ID check.

## Engagement

- Current: Supportive
- Desired: Supportive

## Notes

- Drives the van in the evenings; reachable on the shop phone before 14:00.
",
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
        "\
## Requirements and expectations

- Ordering works on an old phone and for people who have never shopped online.
- Evening ordering with next-day delivery.

## Engagement

- Current: Supportive
- Desired: Leading

## Notes

- Runs the residents' association survey and recruits neighbours for tests.
",
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
        "\
## Requirements and expectations

- Our integration uses PayNorth's hosted payment page and passes their go-live checklist.

## Engagement

- Current: Neutral
- Desired: Supportive

## Notes

- Contact by email; Apple Pay and Google Pay go through their onboarding team.
",
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
        "\
## Requirements and expectations

- Keeps the backlog ordered and the stakeholders informed; accepts stories as done.

## Engagement

- Current: Leading
- Desired: Leading
",
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
        "\
## Requirements and expectations

- Payment and third-party setup known before a story is planned.

## Engagement

- Current: Supportive
- Desired: Supportive
",
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
        "\
## Requirements and expectations

- Stories small enough to finish in a few days each.

## Engagement

- Current: Supportive
- Desired: Supportive
",
    ),
];

/// An epic: title, horizon, target, owner, labels, benefit hypothesis, body.
type EpicSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
);

const EPICS: [EpicSpec; 3] = [
    (
        "Checkout",
        "now",
        "2026-10-16",
        "dana",
        &["checkout", "payments"],
        "Neighbours who can order and pay online will stop phoning their orders in.",
        "\
## Benefit hypothesis

We believe a basket, online payment and order confirmation will result in neighbours ordering
on the website instead of by phone.
We will know we are right when we see six in ten orders placed online by the end of October 2026.

## Acceptance criteria

- [ ] A customer can order and pay without calling the shop.
- [ ] Card and wallet payments reach the shop's PayNorth account the same day.
- [ ] Staff see every paid order on the tablet behind the counter.
",
    ),
    (
        "Delivery slots",
        "next",
        "2026-11-13",
        "omar",
        &["delivery"],
        "Bookable one-hour slots will cut failed deliveries and let one van serve the evening peak.",
        "\
## Benefit hypothesis

We believe letting customers book a one-hour delivery slot will result in fewer failed
deliveries and a van that is full but never overbooked.
We will know we are right when we see fewer than one in twenty deliveries find nobody at home.

## Acceptance criteria

- [ ] Customers choose a slot at checkout, and a full slot cannot be booked.
- [ ] Staff set how many orders each slot takes, and close days when the shop is closed.
- [ ] Only addresses in the delivery area can book a delivery slot.
",
    ),
    (
        "Loyalty",
        "later",
        "2027-01-29",
        "dana",
        &["loyalty"],
        "A simple stamp card will turn occasional customers into weekly ones.",
        "\
## Benefit hypothesis

We believe a stamp card with a reward every ten orders will result in occasional customers
ordering every week.
We will know we are right when we see three in ten customers ordering at least three times a
month by March 2027.

## Acceptance criteria

- [ ] Customers collect stamps and redeem them online without asking the shop.
- [ ] Li can see how many stamps are outstanding at the end of each month.

## Notes

- Waits for delivery slots: loyalty only pays off once ordering is routine.
",
    ),
];

/// A story as first written down, before any sprint.
struct StorySpec {
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
    body: &'static str,
}

/// S-1 to S-24, in the order they get their ids. S-25 comes later (added mid-sprint).
const STORIES: [StorySpec; 24] = [
    StorySpec {
        title: "Add products to my basket",
        epic: "E-1",
        points: Some(3),
        labels: &["basket", "web"],
        stakeholders: &["dana", "priya"],
        depends_on: &[],
        wsjf: Some("{value: 8, time_criticality: 5, risk_reduction: 3}"),
        rice: None,
        body: "\
As a neighbour shopping from home, I want to add products to a basket while I browse, so that I
can buy several things in one order.

## Acceptance criteria

- [ ] Given I am on a product page, when I press \"Add to basket\", then the basket count in the header goes up by one.
- [ ] Given a product is out of stock, when I view it, then the \"Add to basket\" button is disabled and says \"Out of stock\".
- [ ] The basket is still there when I come back within 7 days on the same device.
",
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
        body: "\
As a shopper, I want to change the quantity of an item or remove it from my basket, so that I
only pay for what I need.

## Acceptance criteria

- [ ] Given 2 loaves in my basket, when I set the quantity to 3, then the line total and the basket total update without reloading the page.
- [ ] Given an item in my basket, when I set its quantity to 0 or press \"Remove\", then it disappears from the basket.
",
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
        body: "\
As a shopper, I want to see the total including VAT and bottle deposits before I pay, so that
there are no surprises at checkout.

## Acceptance criteria

- [ ] The basket shows subtotal, bottle deposit, VAT and total on separate lines.
- [ ] Given 6 bottles with a £0.25 deposit each, when I view the basket, then the deposit line shows £1.50.
- [ ] Totals are rounded to the penny the same way as on the shop's till.
",
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
        body: "\
As a shopper, I want to pay for my order by debit or credit card, so that I don't have to pay
the driver at the door.

## Acceptance criteria

```gherkin
Scenario: Successful card payment
  Given a basket worth £24.60
  When I pay with a valid card on the payment page
  Then I see \"Order placed\" with an order number
  And the payment shows in the PayNorth dashboard with that order number

Scenario: Card declined
  Given a basket worth £24.60
  When my card is declined
  Then I stay on the checkout page with the message \"Your card was declined\"
  And my basket is unchanged
```

- [ ] Card numbers never reach our server: the card form is PayNorth's hosted payment page (R-2).
",
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
        body: "\
As a shopper, I want an email confirming my order and its total, so that I know the shop has
received it.

## Acceptance criteria

- [ ] Given a paid order, when the payment succeeds, then an email with the order number, the items, the total and the delivery address is sent within 5 minutes.
- [ ] The email comes from the shop's own address and does not land in the spam folder of Gmail or Outlook test accounts.
",
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
        body: "\
As a first-time customer, I want to check out without creating an account, so that I can try
the shop before I decide to sign up.

## Acceptance criteria

- [ ] Given I have no account, when I reach checkout, then I can enter my name, email, phone number and address and pay.
- [ ] After a guest order, the confirmation page offers to create an account with the details already filled in.
",
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
        body: "\
As a returning customer, I want the shop to remember my delivery address, so that I don't type
it in every week.

## Acceptance criteria

- [ ] Given I am signed in and have ordered before, when I reach checkout, then my last address is filled in.
- [ ] I can edit or delete saved addresses under \"My account\".
",
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
        body: "\
As a shop assistant, I want new orders to appear on the tablet behind the counter, so that I
can start picking them straight away.

## Acceptance criteria

```gherkin
Scenario: A new order arrives
  Given the orders screen is open on the tablet
  When a customer pays for an order
  Then the order appears at the top of the list within 30 seconds
  And the tablet plays a chime
```

- [ ] Orders are grouped by delivery day and show their status: New, Picking, Packed or Out for delivery.
",
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
        body: "\
As a shopper, I want to enter a discount code at checkout, so that I get the reduction promised
on the flyer that came through my letterbox.

## Acceptance criteria

- [ ] Given the code WELCOME10 and a basket over £20, when I apply it, then 10% comes off the goods but not off the bottle deposit.
- [ ] An expired or unknown code shows \"This code is not valid\" and changes nothing.
- [ ] Each customer can use a code once.
",
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
        body: "\
As a shopper on my phone, I want to pay with Apple Pay or Google Pay, so that I don't have to
find my card and type in its number.

## Acceptance criteria

- [ ] Given an iPhone with Apple Pay set up, when I open checkout in Safari, then an Apple Pay button is shown above the card form.
- [ ] Given an Android phone with Google Pay set up, when I open checkout in Chrome, then a Google Pay button is shown above the card form.
- [ ] Wallet payments show in the PayNorth dashboard like card payments, with the same order number.
",
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
        body: "\
As a shop assistant picking an order, I want to mark an item as substituted or unavailable, so
that the customer pays the right amount and knows what to expect.

## Acceptance criteria

- [ ] Given an order being picked, when I mark the oat milk as unavailable, then its price is taken off the amount charged.
- [ ] Given an order being picked, when I substitute an item, then I choose the replacement and the price difference is charged or refunded.
- [ ] The customer gets one email listing every change before the driver leaves.
",
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
        body: "\
As a customer without a bank card, I want to pay the driver in cash, so that I can still order
online.

## Acceptance criteria

- [ ] Given I choose \"Cash on delivery\", when I place the order, then it is marked unpaid and the tablet shows the amount to collect.
- [ ] The driver can record the cash received and the change given.
",
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
        body: "\
As a shopper, I want to pick a one-hour delivery slot when I check out, so that I am at home
when the groceries arrive.

## Acceptance criteria

```gherkin
Scenario: Pick a free slot
  Given it is Tuesday 10:00
  When I open the slot picker at checkout
  Then I see the one-hour slots from Tuesday 14:00 to Saturday 17:00
  And slots that are full are shown as \"Full\" and cannot be chosen

Scenario: The slot fills up while I pay
  Given I chose the Thursday 18:00-19:00 slot
  And the slot became full before I paid
  When I pay
  Then I am asked to choose another slot
  And my card is not charged
```
",
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
        body: "\
As a delivery lead, I want to set how many orders each slot can take, so that the van is never
booked for more than one driver can deliver.

## Acceptance criteria

- [ ] Given Saturday 10:00-11:00 is set to 6 orders, when a 7th customer opens the slot picker, then that slot shows as full.
- [ ] Capacity is set per weekday and slot, and can be copied from the previous week.
",
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
        body: "\
As a shop owner, I want to accept deliveries only within our postcode districts, so that the
driver is never sent across town.

## Acceptance criteria

- [ ] Given a postcode outside the delivery area, when I enter it at checkout, then I am told we don't deliver there yet and offered click and collect.
- [ ] Staff can change the list of postcode districts without a new release.
",
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
        body: "\
As a driver, I want a printed sheet of the orders in my slot in delivery order, so that I can
load the van and plan the route.

## Acceptance criteria

- [ ] The sheet lists, per order: address, phone number, number of bags, and whether it holds chilled, frozen or age-restricted items.
- [ ] Orders are sorted by street, in the order Omar drives them.
",
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
        body: concat!(
            "\
As a customer, I want a text message when the driver leaves the shop with my order, so that I
can be at the door.

## Acceptance criteria

- [ ] Given my order is marked \"Out for delivery\", when the driver leaves, then I get a text with my slot and the driver's first name.
- [ ] Customers can turn the texts off under \"My account\".
",
            "\n## Notes\n\n- RICE: reach counts orders per quarter; effort is in person-months.\n"
        ),
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
        body: concat!(
            "\
As a customer who lives nearby, I want to collect my order from the counter at a time I choose,
so that I don't pay a delivery fee.

## Acceptance criteria

- [ ] Given I choose \"Collect from the shop\", when I check out, then I pick a 30-minute collection slot and pay no delivery fee.
- [ ] The tablet lists collection orders apart from deliveries.
",
            "\n## Notes\n\n- RICE: reach counts orders per quarter; effort is in person-months.\n"
        ),
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
        body: "\
As a delivery lead, I want to close every slot of a given day, so that nobody books a delivery
on a bank holiday.

## Acceptance criteria

- [ ] Given I close 25 December, when a customer opens the slot picker, then no slots are offered on that day.
",
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
        body: concat!(
            "\
As a regular customer, I want a stamp for every order over £20, so that coming back to the shop
is rewarded.

## Acceptance criteria

- [ ] Given a delivered order over £20, when it is marked delivered, then one stamp is added to my card.
- [ ] A refunded order takes its stamp back.
",
            "\n## Notes\n\n- RICE: reach counts orders per quarter; effort is in person-months.\n"
        ),
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
        body: "\
As a regular customer, I want to swap ten stamps for £5 off my next order, so that the stamps
are worth something.

## Acceptance criteria

- [ ] Given I have 10 stamps, when I check out, then I can take £5 off and my card goes back to 0 stamps.
- [ ] The £5 reduction is shown on its own line, and VAT is worked out on the reduced price.
",
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
        body: "\
As a regular customer, I want to see how many stamps I have, so that I know how close I am to a
reward.

## Acceptance criteria

- [ ] \"My account\" shows a card with 10 spaces, my stamps filled in.
",
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
        body: "\
As a loyalty member, I want a small treat on my birthday, so that I feel the shop knows me.

## Acceptance criteria

- [ ] Given my birthday is in my account, when I order in my birthday week, then a free slice of cake is added to the order.
",
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
        body: "\
As a happy customer, I want to give a neighbour a code for £5 off their first order, so that
they try the shop and I earn two stamps.

## Acceptance criteria

- [ ] Given a neighbour uses my code on their first order, when the order is delivered, then they get £5 off and I get 2 stamps.
",
    },
];

/// The story added to SP-2 after the stakeholder check-in.
const AGE_CHECK: StorySpec = StorySpec {
    title: "Confirm age for alcohol and tobacco at checkout",
    epic: "E-1",
    points: Some(2),
    labels: &["checkout", "compliance"],
    stakeholders: &["dana", "omar"],
    depends_on: &[],
    wsjf: Some("{value: 8, time_criticality: 13, risk_reduction: 13}"),
    rice: None,
    body: "\
As a shop owner, I want customers to confirm they are 18 or over when their basket holds alcohol
or tobacco, so that online sales meet the conditions of our premises licence.

## Acceptance criteria

```gherkin
Scenario: Basket with beer
  Given my basket holds a 4-pack of lager
  When I go to checkout
  Then I must tick \"I am 18 or over\" before I can pay
```

- [ ] Orders with age-restricted items show \"Check ID on delivery\" on the tablet.

## Notes

- Added to SP-2 on 2026-09-24 after the stakeholder check-in: the licence requires it before the soft launch.
",
};

const RISK_PAYMENTS: &str = "\
## Cause → risk → effect

Because PayNorth has to approve our account, and Apple has to verify the shop's domain for
Apple Pay, online payments may not be ready when the rest of checkout is, which would delay the
soft launch (E-1, S-4, S-10).

## Mitigation

Start PayNorth onboarding in week 1. Build card payments first; wallets come after.

## Contingency

Soft-launch with card payments only.

## Trigger

No sandbox keys by the first day of SP-1, or no Apple Pay verification date a week after asking.
";

const RISK_CARD_DATA: &str = "\
## Cause → risk → effect

Because card details could pass through our server if we build our own card form, the shop
would fall into the full PCI DSS scope, which it has neither the money nor the people to meet.

## Mitigation

Use PayNorth's hosted payment page (S-4): card numbers are typed into PayNorth's page and never
reach our server.

## Contingency

Turn card payments off and take orders for payment on delivery until the form is fixed.

## Trigger

Any request body in our logs that holds a card number.
";

const RISK_DRIVER_HOURS: &str = "\
## Cause → risk → effect

Because Omar is the only driver and evenings are when most neighbours are home, evening slots
may fill beyond what one van can deliver, which would make deliveries late and customers
unhappy (E-2).

## Mitigation

Cap each slot at what one van can serve (S-14), and trial the caps with a paper rota before
slots go live.

## Contingency

Close the last evening slot and offer click and collect instead (S-18).

## Trigger

More than one late delivery a week in the paper trial.
";

const SP1_BODY: &str = "\
## Sprint goal

A neighbour can fill a basket and pay for it by card: the first order paid online on staging.

## Notes

- Planned 21 points against a capacity of 22: S-1, S-2, S-3, S-4, S-5 and S-6.
";

const SP2_BODY: &str = "\
## Sprint goal

The shop sees online orders as they come in, and phone shoppers can pay with Apple Pay or Google
Pay, so that the soft launch can start on 5 October.

## Notes

- Planned 21 points against a capacity of 22: S-7, S-8, S-9, S-10 and S-11.
";

const SP3_BODY: &str = "\
## Sprint goal

To be agreed at the planning on 5 October: delivery slots (E-2).

## Notes

- S-10 and S-11 carried over from SP-2.
";

const SP3_GOAL: &str = "Customers book a delivery slot that the van can serve";

const KICKOFF: &str = "\
## Agenda

- Why we are building an online shop, and what is in and out of scope
- Who does what, how we will work, and the first milestones

## Notes

Dana opened with the numbers: about 40 phone orders a week, written on paper and delivered by
Omar after closing time, and about one in ten taken down wrong. Priya brought the residents'
association survey: 32 neighbours answered, and most want to order in the evening for delivery
the next day.

## Why

Neighbours already order by phone, but paper orders are slow for the shop and often wrong. An
online shop lets them order at any time and lets the shop plan its deliveries.

## What

### Scope in

- Basket, card payment and order confirmation (E-1)
- Bookable delivery slots for the van (E-2)
- A simple stamp card, later (E-3)

### Scope out

- A phone app: the website must work well on phones instead
- Delivery outside the shop's postcode districts
- Stock levels from the till (the till has no way to share them yet)

## Who (RACI)

| Task | Responsible | Accountable | Consulted | Informed |
|---|---|---|---|---|
| Product backlog and priorities | @pat | @dana | @priya | @li |
| Website, basket and payments | @rosa | @pat | @sam | @dana |
| Delivery slots and van rota | @kai | @omar | @priya | @dana |

## How

Two-week sprints from Monday 7 September 2026: planning on the first Monday, review and
retrospective on the second Friday. The backlog lives in this repository. Definition of Done:
acceptance criteria met, code reviewed by the other developer, deployed to staging, accepted
by Pat.

## When (milestones)

- First order paid online on staging (2026-09-18)
- Soft launch to 20 neighbours from the residents' association (2026-10-05)
- Delivery slots open to everyone (2026-10-16)

## Risks

- Payment provider onboarding may be slow (R-1)
- Omar is the only driver; evening slots may need more than one van (R-3)

## Communication plan

- Dana: a 15-minute call every Monday before the shop opens
- Li: one page at the end of each month
- Omar and Priya: the sprint review every second Friday
- Sam at PayNorth: email, when we need something

## Decisions

- A website that works well on phones, not an app: most neighbours order from their phones, and the budget allows one codebase (Dana and Li).
- Card payments through PayNorth's hosted payment page, so card data never touches our server (Rosa and Pat).
- Deliver only within the shop's own postcode districts for the first three months (Omar).

## Action items

- [ ] @pat write the first checkout stories with acceptance criteria (due: 2026-09-04)
- [ ] @rosa ask Sam at PayNorth for sandbox keys (due: 2026-09-07)
- [ ] @li confirm the budget for three sprints (due: 2026-09-11)
- [ ] @omar list the postcode districts the van reaches in 20 minutes (due: 2026-09-18)
";

const SP1_PLANNING: &str = "\
## Agenda

- Why is this Sprint valuable? (Sprint Goal)
- What can be done this Sprint? How will the chosen work get done?

## Notes

The first sprint, so no velocity yet. The team took the six refined checkout stories and
checked that together they make a shop someone can actually pay in.

## Why (Sprint goal)

A neighbour can fill a basket and pay for it by card.

## What (selected items)

- S-1 Add products to my basket (3)
- S-2 Change quantities or remove items in the basket (2)
- S-3 Show the basket total with VAT and bottle deposit (2)
- S-4 Pay by card at checkout (8)
- S-5 Email an order confirmation (3)
- S-6 Check out as a guest (3)

## How (plan)

- Rosa starts S-4 on day one: the payment page is the riskiest part.
- Kai builds the basket (S-1, S-2, S-3) on a fixed list of the 50 best-selling products.
- S-5 and S-6 follow once a test payment goes through on staging.

## Capacity and velocity

- Capacity: 22 points (two developers, ten days, one day of setup)
- Velocity: none yet; 21 points selected

## Decisions

- The full product catalogue waits; a fixed list of 50 products is enough to take orders (Pat).

## Action items

- [ ] @rosa set up the staging site with the PayNorth sandbox (due: 2026-09-09)
";

const SP1_REFINEMENT: &str = "\
## Agenda

- Detail, split and size the items at the top of the backlog

## Notes

Refined the rest of the checkout epic, including the shop-side stories Dana asked for.

## Items refined

- S-8: orders show on the tablet within 30 seconds; Omar wants them grouped by delivery day.
- S-10: Apple Pay needs the shop's domain verified with Apple, through PayNorth.
- S-11: a substitution needs the price difference, not just a yes or no.

## Split and sized

- S-7: 3 points, S-8: 5, S-9: 3, S-10: 5, S-11: 5, S-12: 3

## Ready for selection

- S-7, S-8, S-9, S-10, S-11, S-12

## Open questions

- Does our PayNorth plan include Apple Pay and Google Pay? (Pat asks Sam)
- May the driver carry cash (S-12)? (Omar asks the insurer)

## Decisions

- S-8 goes to the top: the shop cannot take online orders it cannot see (Pat, at Dana's request).

## Action items

- [ ] @pat ask Sam whether our PayNorth plan includes Apple Pay (due: 2026-09-18)
- [ ] @omar ask the insurer whether the driver may carry cash (due: 2026-09-30)
";

const SP1_REVIEW: &str = "\
## Agenda

- What was done this Sprint (the increment)
- Feedback, and what to do next

## Notes

Goal met. Rosa paid a real £1 order with her own card on staging during the review, and the
confirmation email arrived a minute later.

## Increment

- S-1, S-2, S-3: the basket, with quantities and the VAT and deposit lines.
- S-4: card payment on PayNorth's hosted page, including a declined card.
- S-5: the confirmation email; re-estimated from 3 to 5 points mid-sprint for the email setup.
- S-6: guest checkout.
- 23 points done (21 planned).

## Feedback

- Priya: two of her testers did not understand \"Deposit\"; call it \"Bottle deposit (refunded when you bring them back)\".
- Dana: the shop cannot take live orders until staff see them without checking email (S-8).
- Omar: wants to know when each order is due before he agrees to evening deliveries.

## Backlog changes

- S-8 moves to the top for Sprint 2.
- The deposit wording is a small fix, noted on S-3 and done in Sprint 2 without a new story.

## Decisions

- Soft launch to 20 neighbours from the residents' association after Sprint 2 (Dana).

## Action items

- [ ] @priya find 20 neighbours for the soft launch (due: 2026-09-25)
- [ ] @dana decide the delivery fee for orders under £20 (due: 2026-09-25)
";

const SP1_RETRO: &str = "\
## Agenda

- Look back at the Sprint: people, process, tools, Definition of Done
- Agree on the improvements to make next

## Notes

A good first sprint: the goal was met. S-5 grew because nobody checked the email setup before
planning.

## Start

- Checking third-party setup (domains, accounts, keys) before a story is called ready.
- A smoke test on staging that pays with the PayNorth test card after every deploy.

## Stop

- Writing acceptance criteria during planning: it took 40 minutes of a two-hour meeting.

## Continue

- Starting the riskiest story on day one: S-4 was done by day 7.
- Pairing on payment code.

## Decisions

- \"Third-party setup checked\" joins our Definition of Ready (the team).

## Action items

- [ ] @rosa add a staging smoke test that pays with the test card (due: 2026-09-25)
- [ ] @pat bring stories to planning with their acceptance criteria written (due: 2026-09-21)
";

const SP2_PLANNING: &str = "\
## Agenda

- Why is this Sprint valuable? (Sprint Goal)
- What can be done this Sprint? How will the chosen work get done?

## Notes

Sprint 1 finished 23 points. All five stories below were refined on 16 September and had their
acceptance criteria before the meeting, which took an hour.

## Why (Sprint goal)

The shop sees online orders as they come in, and phone shoppers can pay with Apple Pay or
Google Pay.

## What (selected items)

- S-8 See new orders on the shop tablet (5)
- S-7 Save my delivery address for next time (3)
- S-9 Apply a discount code at checkout (3)
- S-10 Pay with Apple Pay or Google Pay (5)
- S-11 Mark an item as substituted or unavailable (5)

## How (plan)

- Rosa: S-8 first, then S-10 once PayNorth has started the Apple Pay verification.
- Kai: S-7 and S-9, then S-11 with Omar's help.

## Capacity and velocity

- Capacity: 22 points
- Velocity: 23 points (one sprint so far)

## Decisions

- S-12 (cash on delivery) stays out until Omar hears from the insurer (Pat).

## Action items

- [ ] @pat ask Sam to start the Apple Pay domain verification (due: 2026-09-22)
";

const STAKEHOLDER_CHECK_IN: &str = "\
## Agenda

- Updates on the roadmap and the metrics
- Feedback and priorities

## Notes

Halfway through Sprint 2, ahead of the soft launch.

## Updates

- Roadmap: checkout works on staging; delivery slots (E-2) start in Sprint 3; loyalty (E-3) comes later.
- Metrics: 23 points done in Sprint 1; no live orders yet; 20 neighbours signed up for the soft launch.

## Feedback

- Dana: the premises licence requires an age check for alcohol and tobacco before any online sale.
- Li: wants to know what the stamp card will cost before it is built.
- Omar: evening deliveries are fine up to 6 orders an hour.

## Priority changes

- S-25 (age check) joins Sprint 2: the soft launch cannot start without it.
- E-3 (loyalty) stays \"later\" until delivery slots work.

## Decisions

- Add the age check to Sprint 2 although the sprint has started: it is 2 points and it blocks the soft launch (Dana and Pat).
- Delivery costs £2.50 under £20 and is free from £20 (Dana).

## Action items

- [ ] @dana send Pat the licence conditions for selling alcohol online (due: 2026-09-25)
- [ ] @li find out how the accounts should treat stamps not yet redeemed (due: 2026-10-09)
";

const SP2_REFINEMENT: &str = "\
## Agenda

- Detail, split and size the items at the top of the backlog

## Notes

Prepared the first delivery-slot stories for Sprint 3, with Omar.

## Items refined

- S-13: one-hour slots, 14:00 to 19:00 on weekdays and 10:00 to 17:00 on Saturdays.
- S-14: Omar sets the number of orders per slot; 6 an hour to start with.
- S-15: the postcode districts come from Omar's list from the kickoff.

## Split and sized

- Click and collect split out of S-13 into S-18, so that van slots can ship first.
- S-13: 5 points, S-14: 3, S-15: 2, S-18: 3

## Ready for selection

- S-13, S-14, S-15, S-18

## Open questions

- Do we close single slots when the van is being serviced? (Omar)

## Decisions

- Delivery slots (E-2) are ready to start in Sprint 3; click and collect can follow (Pat).

## Action items

- [ ] @kai check that the tablet can print on the shop's printer (due: 2026-10-07)
";

const SP2_REVIEW: &str = "\
## Agenda

- What was done this Sprint (the increment)
- Feedback, and what to do next

## Notes

Goal not met. Orders reach the tablet and the age check works, but Apple Pay still waits for
the domain verification, and substitutions are half done.

## Increment

- S-8: new orders appear on the tablet with a chime; Dana took three test orders during the review.
- S-7: saved addresses. S-9: discount codes (WELCOME10 works on staging). S-25: the age check.
- Not done: S-10 waits for PayNorth to verify our domain with Apple; in S-11 the refund for an unavailable item is not finished.
- 13 points done: 11 of the 21 planned, plus S-25 (2 points) added on day 4.

## Feedback

- Priya: her testers found the basket and card payment easy to use; three asked when they can choose a delivery time.
- Omar: the insurer does not cover cash carried in the van.
- Dana: happy to soft-launch with card payments only.

## Backlog changes

- S-12 (cash on delivery) dropped: the insurer will not cover cash in the van.
- S-10 and S-11 carried over to Sprint 3.

## Decisions

- Soft launch on Monday 5 October with card payments only (Dana).
- No cash on delivery (Dana and Omar).

## Action items

- [ ] @pat chase PayNorth for the Apple Pay domain verification (due: 2026-10-05)
- [ ] @omar run a paper slot rota for one week to test 6 orders an hour (due: 2026-10-09)
";

const SP2_RETRO: &str = "\
## Agenda

- Look back at the Sprint: people, process, tools, Definition of Done
- Agree on the improvements to make next

## Notes

Goal missed. Two stories got stuck on things outside the team: Apple's domain verification and
the refund rules for substitutions.

## Start

- Asking third parties for a date before a story that needs them enters a sprint.
- Splitting payment stories so that the part we control can be finished on its own.

## Stop

- Starting a fifth story while two are waiting on others.

## Continue

- Taking urgent work like the age check only when it is small and blocks a release.
- Showing the increment on real phones in the review.

## Decisions

- A story that has waited on a third party for more than two days goes back to the backlog at the next planning (the team).

## Action items

- [ ] @kai split payment stories bigger than 3 points before planning (due: 2026-10-05)
- [ ] @pat ask third parties for a date before their story enters a sprint (due: 2026-10-09)
";

const SP3_PLANNING: &str = "\
## Agenda

- Why is this Sprint valuable? (Sprint Goal)
- What can be done this Sprint? How will the chosen work get done?

## Notes

The soft launch went live this morning with card payments. Velocity so far: 23 and 13 points.

## Why (Sprint goal)

Customers book a delivery slot that the van can serve.

## What (selected items)

- S-10 Pay with Apple Pay or Google Pay (5, carried over)
- S-11 Mark an item as substituted or unavailable (5, carried over)
- S-14 Set how many orders fit in each slot (3)
- S-13 Choose a delivery slot at checkout (5)
- S-15 Limit delivery to our postcode area (2)

## How (plan)

- Kai: S-14 first, then finishes S-11.
- Rosa: S-15, then S-13; S-10 only needs the verification to arrive.

## Capacity and velocity

- Capacity: 20 points (Kai is off on Friday 16 October)
- Velocity: 18 points (the mean of 23 and 13)

## Decisions

- S-10 stays in the sprint because PayNorth promised the verification this week; if it has not come by Wednesday, S-10 goes back to the backlog (Pat, by the retrospective's rule).

## Action items

- [ ] @omar send the slot capacities for the first two weeks (due: 2026-10-07)
";

const SP3_REFINEMENT: &str = "\
## Agenda

- Detail, split and size the items at the top of the backlog

## Notes

Looked at the rest of the delivery epic. Loyalty waits for Li's answer about stamps not yet
redeemed.

## Items refined

- S-19: close a whole day; Omar would also like to close single slots when the van is serviced.
- S-16: the tablet prints on the shop's printer (Kai checked); the sheet needs the ID-check flag from S-25.
- S-17: needs a text message provider; not decided yet.

## Split and sized

- S-19: 2 points

## Ready for selection

- S-18, S-19

## Open questions

- Which text message provider, and what does a message cost? (Pat)
- Must the stamps be in the accounts before S-20 is built? (Li)

## Decisions

- Loyalty (E-3) stays after delivery slots; S-20 is not ready until Li has answered (Pat).

## Action items

- [ ] @pat compare two text message providers for S-17 (due: 2026-10-21)
- [ ] @priya ask ten testers whether they would use click and collect (due: 2026-10-21)
";

// ---------------------------------------------------------------------------------------
// The history: six weeks, one commit per change a product owner would make.
// ---------------------------------------------------------------------------------------

fn story(spec: &StorySpec) -> Item<'_> {
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
        body: spec.body,
    }
}

fn meeting<'a>(kind: &'a str, title: &'a str, attendees: &[&str], sprint: Option<&str>, body: &'a str) -> Item<'a> {
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

fn sprint<'a>(title: &'a str, start: &str, end: &str, goal: Option<&str>, capacity: i64, status: &str, body: &'a str) -> Item<'a> {
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
fn risk<'a>(title: &'a str, likelihood: i64, impact: i64, owner: &str, mitigation: &str, related: &[&str], body: &'a str) -> Item<'a> {
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

const TEAM: &[&str] = &["pat", "rosa", "kai"];
const REVIEW_GUESTS: &[&str] = &["pat", "rosa", "kai", "dana", "omar", "priya"];
const SP1_GOAL: &str = "A neighbour can fill a basket and pay for it by card";
const SP2_GOAL: &str = "The shop sees online orders as they come in, and phone shoppers can pay with Apple Pay or Google Pay";

/// Play the history: the initial backlog on 2026-09-01, SP-1 (met its goal), SP-2 (missed
/// it, with a story added and two carried over), and SP-3 up to its second Wednesday.
#[allow(clippy::too_many_lines)] // a script reads best as one timeline
fn play(s: &mut Script) -> Result<(), DemoError> {
    // Tuesday 1 September: Pat writes down what the kickoff preparation produced.
    for (handle, name, role, org, power, interest, cadence, contact, body) in STAKEHOLDERS {
        let fields = vec![
            ("role", text(role)),
            ("organization", text(org)),
            ("power", text(power)),
            ("interest", text(interest)),
            ("cadence_days", NewValue::Int(cadence)),
            ("contact", text(contact)),
        ];
        s.add(
            handle,
            Item {
                kind: Kind::Stakeholder,
                title: name,
                meeting_type: None,
                fields,
                raw: Vec::new(),
                body,
            },
        )?;
    }
    for (n, (title, horizon, target, owner, labels, hypothesis, body)) in EPICS.into_iter().enumerate() {
        let status = if n == 0 { "ready" } else { "draft" };
        let fields = vec![
            ("status", text(status)),
            ("horizon", text(horizon)),
            ("target", text(target)),
            ("owner", text(owner)),
            ("labels", list(labels)),
            ("benefit_hypothesis", text(hypothesis)),
        ];
        s.add(
            &format!("E-{}", n + 1),
            Item {
                kind: Kind::Epic,
                title,
                meeting_type: None,
                fields,
                raw: Vec::new(),
                body,
            },
        )?;
    }
    for (n, spec) in STORIES.iter().enumerate() {
        s.add(&format!("S-{}", n + 1), story(spec))?;
    }
    let payments = "Start PayNorth onboarding in week 1; card payments first, wallets after";
    s.add(
        "R-1",
        risk(
            "Payment provider onboarding delays online payments",
            3,
            4,
            "pat",
            payments,
            &["E-1", "S-4", "S-10"],
            RISK_PAYMENTS,
        ),
    )?;
    let card_data = "Use PayNorth's hosted payment page so card data never reaches our server";
    s.add(
        "R-2",
        risk(
            "Handling card data puts the shop in PCI DSS scope",
            2,
            5,
            "rosa",
            card_data,
            &["S-4"],
            RISK_CARD_DATA,
        ),
    )?;
    s.commit(9, 30, "Start the Corner Shop Online backlog")?;

    s.on(date(2026, 9, 2));
    let kickoff = "2026-09-02-kickoff";
    let everyone = &["dana", "li", "omar", "priya", "pat", "rosa", "kai"];
    s.add(kickoff, meeting("kickoff", "Corner Shop Online kickoff", everyone, None, KICKOFF))?;
    let slots = "Cap each slot at what one van can serve; trial the caps with a paper rota first";
    s.add(
        "R-3",
        risk(
            "Not enough driver hours for evening slots",
            3,
            4,
            "omar",
            slots,
            &["E-2", "S-13", "S-14"],
            RISK_DRIVER_HOURS,
        ),
    )?;
    s.commit(16, 30, "Kickoff notes; add R-3, driver hours for evening slots")?;

    s.on(date(2026, 9, 4));
    s.status(&["S-1", "S-2", "S-3", "S-4", "S-5", "S-6"], "ready")?;
    s.tick(kickoff, "@pat write the first checkout stories")?;
    s.commit(15, 0, "Refine S-1 to S-6 for Sprint 1")?;

    // SP-1, Monday 7 to Sunday 20 September: basket and card payment.
    s.on(date(2026, 9, 7));
    s.add(
        "SP-1",
        sprint("Sprint 1", "2026-09-07", "2026-09-20", Some(SP1_GOAL), 22, "active", SP1_BODY),
    )?;
    let sp1_planning = "2026-09-07-sprint-planning";
    s.add(
        sp1_planning,
        meeting("sprint-planning", "Sprint 1 planning", TEAM, Some("SP-1"), SP1_PLANNING),
    )?;
    s.plan(&["S-1", "S-2", "S-3", "S-4", "S-5", "S-6"], "SP-1")?;
    s.set("E-1", &[("status", text("in-progress"))])?;
    s.tick(kickoff, "@rosa ask Sam")?;
    s.commit(10, 30, "Plan SP-1: a neighbour can fill a basket and pay by card")?;

    s.on(date(2026, 9, 8));
    s.start_work("S-1", "kai")?;
    s.start_work("S-4", "rosa")?;
    s.commit(17, 30, "Start S-1 and S-4")?;

    s.on(date(2026, 9, 9));
    s.set("S-5", &[("points", NewValue::Int(5))])?;
    s.note(
        "S-5",
        "Re-estimated from 3 to 5 on 2026-09-09: the shop's domain needs SPF and DKIM records before the emails reach inboxes.",
    )?;
    s.status(&["S-1"], "review")?;
    s.tick(sp1_planning, "@rosa set up the staging site")?;
    s.commit(17, 30, "Re-estimate S-5 from 3 to 5 points; S-1 in review")?;

    s.on(date(2026, 9, 10));
    s.accept("S-1")?;
    s.start_work("S-2", "kai")?;
    s.commit(17, 30, "S-1 done; start S-2")?;

    s.on(date(2026, 9, 11));
    s.status(&["S-2"], "review")?;
    s.start_work("S-3", "kai")?;
    s.tick(kickoff, "@li confirm the budget")?;
    s.commit(17, 30, "S-2 in review; start S-3; budget confirmed")?;

    s.on(date(2026, 9, 14));
    s.accept("S-2")?;
    s.status(&["S-3", "S-4"], "review")?;
    s.commit(17, 30, "S-2 done; S-3 and S-4 in review")?;

    s.on(date(2026, 9, 15));
    s.accept("S-3")?;
    s.accept("S-4")?;
    s.set("R-2", &[("status", text("mitigated"))])?;
    s.start_work("S-5", "rosa")?;
    s.start_work("S-6", "kai")?;
    s.commit(
        17,
        30,
        "S-3 and S-4 done, R-2 mitigated by the hosted payment page; start S-5 and S-6",
    )?;

    s.on(date(2026, 9, 16));
    let sp1_refinement = "2026-09-16-backlog-refinement";
    s.add(
        sp1_refinement,
        meeting(
            "backlog-refinement",
            "Backlog refinement for Sprint 2",
            &["pat", "rosa", "kai", "omar"],
            Some("SP-1"),
            SP1_REFINEMENT,
        ),
    )?;
    s.status(&["S-7", "S-8", "S-9", "S-10", "S-11", "S-12"], "ready")?;
    s.status(&["S-6"], "review")?;
    s.commit(16, 0, "Refinement: S-7 to S-12 ready; S-6 in review")?;

    s.on(date(2026, 9, 17));
    s.accept("S-6")?;
    s.status(&["S-5"], "review")?;
    s.tick(sp1_refinement, "@pat ask Sam")?;
    s.commit(17, 30, "S-6 done; S-5 in review; PayNorth plan includes wallets")?;

    s.on(date(2026, 9, 18));
    s.accept("S-5")?;
    s.commit(11, 0, "S-5 done: every Sprint 1 story is done")?;
    let sp1_review = "2026-09-18-sprint-review";
    s.add(
        sp1_review,
        meeting("sprint-review", "Sprint 1 review", REVIEW_GUESTS, Some("SP-1"), SP1_REVIEW),
    )?;
    s.note("S-3", "Sprint 1 review: label the deposit line \"Bottle deposit (refunded when you bring them back)\"; two testers did not understand \"Deposit\".")?;
    s.commit(15, 0, "Sprint 1 review notes")?;
    let sp1_retro = "2026-09-18-retrospective";
    s.add(
        sp1_retro,
        meeting("retrospective", "Sprint 1 retrospective", TEAM, Some("SP-1"), SP1_RETRO),
    )?;
    s.commit(16, 30, "Sprint 1 retrospective")?;
    s.set("SP-1", &[("status", text("closed")), ("goal_met", NewValue::Bool(true))])?;
    s.note(
        "SP-1",
        "Closed on 2026-09-18: goal met. 23 points done of 21 planned; S-5 was re-estimated from 3 to 5.",
    )?;
    s.commit(17, 30, "Close SP-1: goal met, 23 points done")?;

    // SP-2, Monday 21 September to Sunday 4 October: orders at the counter, wallets.
    s.on(date(2026, 9, 21));
    s.add(
        "SP-2",
        sprint("Sprint 2", "2026-09-21", "2026-10-04", Some(SP2_GOAL), 22, "active", SP2_BODY),
    )?;
    let sp2_planning = "2026-09-21-sprint-planning";
    s.add(
        sp2_planning,
        meeting("sprint-planning", "Sprint 2 planning", TEAM, Some("SP-2"), SP2_PLANNING),
    )?;
    s.plan(&["S-7", "S-8", "S-9", "S-10", "S-11"], "SP-2")?;
    s.tick(sp1_retro, "@pat bring stories to planning")?;
    s.commit(10, 30, "Plan SP-2: orders on the tablet, Apple Pay and Google Pay")?;

    s.on(date(2026, 9, 22));
    s.start_work("S-8", "rosa")?;
    s.start_work("S-7", "kai")?;
    s.note(
        "S-10",
        "Apple Pay needs the shop's domain verified with Apple through PayNorth; requested on 2026-09-22.",
    )?;
    s.tick(sp2_planning, "@pat ask Sam")?;
    s.tick(kickoff, "@omar list the postcode districts")?;
    s.commit(17, 30, "Start S-7 and S-8; Apple Pay verification requested")?;

    s.on(date(2026, 9, 23));
    s.status(&["S-7"], "review")?;
    s.start_work("S-9", "kai")?;
    s.commit(17, 30, "S-7 in review; start S-9")?;

    s.on(date(2026, 9, 24));
    let check_in = "2026-09-24-stakeholder";
    let check_in_title = "Stakeholder check-in on the soft launch";
    s.add(
        check_in,
        meeting(
            "stakeholder",
            check_in_title,
            &["dana", "li", "omar", "pat"],
            Some("SP-2"),
            STAKEHOLDER_CHECK_IN,
        ),
    )?;
    let mut age_check = story(&AGE_CHECK);
    age_check.fields.insert(0, ("status", text("ready")));
    age_check.fields.insert(3, ("sprint", text("SP-2")));
    s.add("S-25", age_check)?;
    s.set("R-1", &[("likelihood", NewValue::Int(4))])?;
    s.accept("S-7")?;
    s.tick(sp1_review, "@dana decide the delivery fee")?;
    s.commit(
        17,
        30,
        "Stakeholder check-in: add S-25 (age check) to SP-2; R-1 more likely; S-7 done",
    )?;

    s.on(date(2026, 9, 25));
    s.start_work("S-25", "kai")?;
    s.status(&["S-8"], "review")?;
    s.tick(sp1_retro, "@rosa add a staging smoke test")?;
    s.tick(sp1_review, "@priya find 20 neighbours")?;
    s.tick(check_in, "@dana send Pat the licence conditions")?;
    s.commit(17, 30, "Start S-25; S-8 in review; smoke test in place")?;

    s.on(date(2026, 9, 28));
    s.accept("S-25")?;
    s.accept("S-8")?;
    s.start_work("S-10", "rosa")?;
    s.commit(17, 30, "S-8 and S-25 done; start S-10")?;

    s.on(date(2026, 9, 29));
    s.status(&["S-9"], "review")?;
    s.start_work("S-11", "kai")?;
    s.tick(sp1_refinement, "@omar ask the insurer")?;
    s.commit(17, 30, "S-9 in review; start S-11; no insurance for cash")?;

    s.on(date(2026, 9, 30));
    let sp2_refinement = "2026-09-30-backlog-refinement";
    s.add(
        sp2_refinement,
        meeting(
            "backlog-refinement",
            "Backlog refinement for Sprint 3",
            &["pat", "rosa", "kai", "omar"],
            Some("SP-2"),
            SP2_REFINEMENT,
        ),
    )?;
    s.status(&["S-13", "S-14", "S-15", "S-18"], "ready")?;
    s.set("E-2", &[("status", text("ready"))])?;
    s.accept("S-9")?;
    s.commit(16, 0, "Refinement: delivery slot stories ready; S-9 done")?;

    s.on(date(2026, 10, 1));
    s.status(&["S-10"], "review")?;
    s.commit(17, 30, "S-10 in review, waiting for the Apple Pay verification")?;

    s.on(date(2026, 10, 2));
    let sp2_review = "2026-10-02-sprint-review";
    s.add(
        sp2_review,
        meeting("sprint-review", "Sprint 2 review", REVIEW_GUESTS, Some("SP-2"), SP2_REVIEW),
    )?;
    s.status(&["S-12"], "dropped")?;
    s.note(
        "S-12",
        "Dropped at the Sprint 2 review on 2026-10-02: the insurer does not cover cash carried in the van.",
    )?;
    s.commit(14, 30, "Sprint 2 review notes; drop S-12")?;
    let sp2_retro = "2026-10-02-retrospective";
    s.add(
        sp2_retro,
        meeting("retrospective", "Sprint 2 retrospective", TEAM, Some("SP-2"), SP2_RETRO),
    )?;
    s.commit(16, 0, "Sprint 2 retrospective")?;
    s.set("SP-2", &[("status", text("closed")), ("goal_met", NewValue::Bool(false))])?;
    s.note("SP-2", "S-25 (2 points) added on 2026-09-24 after the stakeholder check-in.")?;
    s.note(
        "SP-2",
        "Closed on 2026-10-02: goal not met. 13 points done; S-10 and S-11 carried over to SP-3.",
    )?;
    s.add(
        "SP-3",
        sprint("Sprint 3", "2026-10-05", "2026-10-18", None, 20, "planned", SP3_BODY),
    )?;
    s.plan(&["S-10", "S-11"], "SP-3")?;
    s.commit(17, 30, "Close SP-2: goal not met; carry S-10 and S-11 over to SP-3")?;

    // SP-3, Monday 5 to Sunday 18 October: delivery slots. The history stops half-way.
    s.on(date(2026, 10, 5));
    s.set("SP-3", &[("goal", text(SP3_GOAL)), ("status", text("active"))])?;
    s.replace(
        "SP-3",
        "To be agreed at the planning on 5 October: delivery slots (E-2).",
        "Customers book a delivery slot that the van can serve, so that slots can open to everyone on\n16 October.",
    )?;
    s.note(
        "SP-3",
        "Planned 20 points against a capacity of 20: S-10, S-11 (carried over), S-13, S-14 and S-15.",
    )?;
    let sp3_planning = "2026-10-05-sprint-planning";
    s.add(
        sp3_planning,
        meeting(
            "sprint-planning",
            "Sprint 3 planning",
            &["pat", "rosa", "kai", "omar"],
            Some("SP-3"),
            SP3_PLANNING,
        ),
    )?;
    s.plan(&["S-13", "S-14", "S-15"], "SP-3")?;
    s.set("E-2", &[("status", text("in-progress"))])?;
    s.tick(sp2_retro, "@kai split payment stories")?;
    s.commit(10, 30, "Plan SP-3: customers book a delivery slot")?;

    s.on(date(2026, 10, 6));
    s.accept("S-10")?;
    s.set("R-1", &[("status", text("closed"))])?;
    s.tick(sp2_review, "@pat chase PayNorth")?;
    s.start_work("S-14", "kai")?;
    s.start_work("S-15", "rosa")?;
    s.commit(17, 30, "Apple Pay verified: S-10 done, R-1 closed; start S-14 and S-15")?;

    s.on(date(2026, 10, 7));
    s.status(&["S-15"], "review")?;
    s.tick(sp3_planning, "@omar send the slot capacities")?;
    s.tick(sp2_refinement, "@kai check that the tablet can print")?;
    s.commit(17, 30, "S-15 in review; slot capacities received")?;

    s.on(date(2026, 10, 8));
    s.accept("S-15")?;
    s.start_work("S-13", "rosa")?;
    s.commit(17, 30, "S-15 done; start S-13")?;

    s.on(date(2026, 10, 9));
    s.status(&["S-14"], "review")?;
    s.commit(17, 30, "S-14 in review")?;

    s.on(date(2026, 10, 12));
    s.accept("S-14")?;
    s.status(&["S-11"], "review")?;
    s.commit(17, 30, "S-14 done; S-11 in review")?;

    s.on(date(2026, 10, 13));
    s.status(&["S-13"], "review")?;
    s.commit(17, 30, "S-13 in review")?;

    s.on(date(2026, 10, 14));
    let sp3_refinement = "2026-10-14-backlog-refinement";
    let attendees = &["pat", "rosa", "kai", "omar", "priya"];
    s.add(
        sp3_refinement,
        meeting(
            "backlog-refinement",
            "Backlog refinement for Sprint 4",
            attendees,
            Some("SP-3"),
            SP3_REFINEMENT,
        ),
    )?;
    s.status(&["S-19"], "ready")?;
    s.commit(16, 0, "Refinement: S-19 ready; open questions on texts and stamps")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::model::KindData;
    use crate::model::item::Wsjf;
    use crate::workspace::{LoadOptions, Workspace};

    /// Every file below `root` except git's, by path relative to `root`.
    fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .filter_entry(|e| e.file_name() != ".git")
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(root).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect()
    }

    /// One build serves every check of the result: building is the slow part.
    #[test]
    fn the_demo_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let demo = build(dir.path()).unwrap(); // an existing empty folder is fine
        let ws = Workspace::load(&demo.root, LoadOptions::default()).unwrap();
        assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
        has_what_it_says(&demo, &ws);
        sprints_end_as_played(&demo, &ws);
        stories_are_ready_when_they_say_so(&ws);
        handles_are_stakeholders_and_action_items_have_owners_and_dates(&demo, &ws);
        history_has_fixed_commits(&demo);
    }

    fn has_what_it_says(demo: &Demo, ws: &Workspace) {
        assert_eq!(ws.config.product, PRODUCT);
        let count = |kind| ws.of_kind(kind).count();
        let counted = [Kind::Story, Kind::Epic, Kind::Stakeholder, Kind::Meeting, Kind::Risk].map(count);
        assert_eq!([demo.stories, demo.epics, demo.stakeholders, demo.meetings, demo.risks], counted);
        assert_eq!(counted, [25, 3, 8, 12, 3]);
        let product = std::fs::read_to_string(demo.root.join("backlog/product.md")).unwrap();
        assert!(product.contains("\n## Vision\n") && product.contains("\n## Product goal\n"));
        for id in demo
            .sprints
            .iter()
            .chain([&demo.active_sprint, &demo.last_closed_sprint, &demo.example_story])
        {
            assert!(ws.get(id).is_some(), "{id}");
        }
        let horizons: Vec<_> = ws
            .of_kind(Kind::Epic)
            .map(|e| match &e.data {
                KindData::Epic(x) => (
                    e.id.as_str(),
                    x.horizon.as_deref().unwrap(),
                    x.target.is_some() && e.owner.is_some(),
                ),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(horizons, [("E-1", "now", true), ("E-2", "next", true), ("E-3", "later", true)]);
    }

    fn sprints_end_as_played(demo: &Demo, ws: &Workspace) {
        let sprints: Vec<_> = ws
            .of_kind(Kind::Sprint)
            .map(|i| match &i.data {
                KindData::Sprint(s) => (i.id.as_str(), s.status.as_deref(), s.goal_met, s.capacity, s.start, s.end),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            sprints,
            [
                (
                    "SP-1",
                    Some("closed"),
                    Some(true),
                    Some(22),
                    Some(date(2026, 9, 7)),
                    Some(date(2026, 9, 20))
                ),
                (
                    "SP-2",
                    Some("closed"),
                    Some(false),
                    Some(22),
                    Some(date(2026, 9, 21)),
                    Some(date(2026, 10, 4))
                ),
                (
                    "SP-3",
                    Some("active"),
                    None,
                    Some(20),
                    Some(date(2026, 10, 5)),
                    Some(date(2026, 10, 18))
                ),
            ]
        );
        assert_eq!(demo.sprints, ["SP-1", "SP-2", "SP-3"]);
        assert_eq!(date(2026, 9, 7).weekday(), jiff::civil::Weekday::Monday);
        let in_sprint = |sp: &str| {
            ws.of_kind(Kind::Story)
                .filter(|s| s.sprint() == Some(sp))
                .map(|s| (s.id.as_str(), s.status().unwrap()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            in_sprint("SP-2"),
            [("S-7", "done"), ("S-8", "done"), ("S-9", "done"), ("S-25", "done")]
        );
        assert_eq!(
            in_sprint("SP-3"),
            [
                ("S-10", "done"),
                ("S-11", "review"),
                ("S-13", "review"),
                ("S-14", "done"),
                ("S-15", "done")
            ]
        );
        assert_eq!(ws.get("S-5").unwrap().points(), Some(5), "re-estimated");
    }

    fn stories_are_ready_when_they_say_so(ws: &Workspace) {
        let rank = |s: &str| ws.config.statuses.iter().position(|x| x == s).unwrap();
        for s in ws.of_kind(Kind::Story) {
            let status = s.status().unwrap();
            let body = s.body();
            assert!(body.story_sentence.as_ref().is_some_and(|x| x.has_benefit), "{}", s.id);
            assert!((1..=4).contains(&body.criteria_count()), "{}", s.id);
            if rank(status) >= rank("ready") {
                let points = s.points().unwrap_or_else(|| panic!("{} has no points", s.id));
                assert!(ws.config.estimate_scale.contains(&points), "{}", s.id);
            }
            let story = s.as_story().unwrap();
            if status == "done" {
                assert_eq!(body.unchecked_criteria().count(), 0, "{}", s.id);
                assert_eq!(story.accepted_by.as_deref(), Some("pat"), "{}", s.id);
            }
            for dep in &story.depends_on {
                let dep = ws.get(dep).unwrap_or_else(|| panic!("{} depends on a missing {dep}", s.id));
                if status == "ready" {
                    assert_eq!(dep.status(), Some("done"), "{} is ready before {}", s.id, dep.id);
                }
            }
        }
        // Every WSJF column has a 1, the anchor the scale asks for.
        let wsjf: Vec<_> = ws.of_kind(Kind::Story).filter_map(|s| s.as_story()?.scores.wsjf.clone()).collect();
        assert!(wsjf.len() >= 20);
        let columns: [fn(&Wsjf) -> Option<f64>; 3] = [|w| w.value, |w| w.time_criticality, |w| w.risk_reduction];
        for column in columns {
            assert!(wsjf.iter().any(|w| column(w) == Some(1.0)));
        }
    }

    fn handles_are_stakeholders_and_action_items_have_owners_and_dates(demo: &Demo, ws: &Workspace) {
        let known = |h: &str| ws.get(h).is_some_and(|i| i.kind == Kind::Stakeholder);
        let mut overdue = 0;
        for m in ws.of_kind(Kind::Meeting) {
            let body = m.body();
            assert!(!body.decisions.is_empty(), "{}", m.id);
            assert!(!body.action_items.is_empty(), "{}", m.id);
            for a in &body.action_items {
                assert!(known(a.owner.as_deref().unwrap()), "{}: {a:?}", m.id);
                let due = crate::model::fields::parse_date(a.due.as_deref().unwrap()).unwrap();
                overdue += usize::from(!a.done && due < demo.today);
            }
            for mention in body.mentions.iter().filter(|x| x.handle) {
                assert!(known(&mention.target), "{}: @{}", m.id, mention.target);
            }
            let attendees = match &m.data {
                KindData::Meeting(x) => &x.attendees,
                _ => unreachable!(),
            };
            assert!(attendees.iter().all(|h| known(h)), "{}", m.id);
        }
        assert_eq!(overdue, 3, "open and overdue on {}", demo.today);
        for s in ws.of_kind(Kind::Story) {
            let story = s.as_story().unwrap();
            assert!(story.stakeholders.iter().chain(&story.assignee).all(|h| known(h)), "{}", s.id);
        }
        let quadrants: BTreeSet<_> = ws
            .of_kind(Kind::Stakeholder)
            .map(|i| match &i.data {
                KindData::Stakeholder(s) => (s.power.clone().unwrap(), s.interest.clone().unwrap()),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(quadrants.len(), 4, "every Mendelow quadrant");
    }

    fn history_has_fixed_commits(demo: &Demo) {
        let repo = Repo::discover(&demo.root).unwrap();
        let commits = repo.head_commits().unwrap();
        assert_eq!(commits.len(), demo.commits);
        assert_eq!(commits.len(), 36);
        let times: Vec<i64> = commits.iter().map(|c| c.time).collect();
        let utc = |d: Date, h, m| d.at(h, m, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp().as_second();
        assert_eq!(times[0], utc(date(2026, 9, 1), 9, 30));
        assert_eq!(*times.last().unwrap(), utc(date(2026, 10, 14), 16, 0));
        assert!(times.windows(2).all(|w| w[0] < w[1]), "commit times increase");
        assert_eq!((demo.first_day, demo.today), (date(2026, 9, 1), date(2026, 10, 14)));
        let pat = (AUTHOR_NAME.to_owned(), AUTHOR_EMAIL.to_owned());
        for c in &commits {
            assert_eq!((&c.author, &c.committer), (&pat, &pat));
            let day = jiff::Timestamp::from_second(c.time)
                .unwrap()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date();
            assert!(
                !matches!(day.weekday(), jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday),
                "{day}"
            );
        }
        assert_eq!(repo.head_branch().as_deref(), Some("main"));
        assert!(repo.is_clean().unwrap(), "everything is committed");
    }

    #[test]
    fn two_builds_are_identical_and_match_the_checked_in_example() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b/nested"));
        build(&a).unwrap();
        build(&b).unwrap();
        let fresh = files(&a);
        assert_eq!(fresh, files(&b));
        let head = |p: &Path| Repo::discover(p).unwrap().head_commits().unwrap().pop().unwrap().id;
        assert_eq!(head(&a), head(&b), "same commits, same hashes");

        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corner-shop");
        let mut checked_in = files(&example);
        assert!(
            checked_in.remove(Path::new("README.md")).is_some(),
            "examples/corner-shop/README.md"
        );
        let regenerate = "regenerate examples/corner-shop with `pobox demo` (see its README)";
        assert_eq!(
            checked_in.keys().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>(),
            "{regenerate}"
        );
        for (path, bytes) in &fresh {
            assert!(
                checked_in[path] == *bytes,
                "examples/corner-shop/{} is out of date: {regenerate}",
                path.display()
            );
        }
    }

    #[test]
    fn refuses_a_folder_that_is_not_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = build(dir.path()).unwrap_err();
        assert!(matches!(err, DemoError::NotEmpty(_)), "{err}");
        assert!(err.to_string().ends_with("is not empty"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing written");
        let file = dir.path().join("notes.txt");
        assert!(matches!(build(&file), Err(DemoError::NotAFolder(_))));
        assert_eq!(std::fs::read_to_string(file).unwrap(), "mine");
    }
}
