//! The demo's history: six weeks of a product owner's work, one commit per change, each on
//! its day and at its time. The timeline stays code: it is a script of library calls
//! (create, set, tick, note, commit) that reads best as one ordered list, and the order and
//! the times are what make every run give the same commits. The items it creates, with their
//! texts, are in [`super::items`].

use jiff::civil::date;

use crate::edit::NewValue;
use crate::model::Kind;

use super::DemoError;
use super::items::*;
use super::script::{Item, Script, list, text};

const TEAM: &[&str] = &["pat", "rosa", "kai"];
const REVIEW_GUESTS: &[&str] = &["pat", "rosa", "kai", "dana", "omar", "priya"];
const SP1_GOAL: &str = "A neighbour can fill a basket and pay for it by card";
const SP2_GOAL: &str = "The shop sees online orders as they come in, and phone shoppers can pay with Apple Pay or Google Pay";
const SP3_GOAL: &str = "Customers book a delivery slot that the van can serve";

/// Play the history: the initial backlog on 2026-09-01, SP-1 (met its goal), SP-2 (missed
/// it, with a story added and two carried over), and SP-3 up to its second Wednesday.
#[allow(clippy::too_many_lines)] // a script reads best as one timeline
pub(super) fn play(s: &mut Script) -> Result<(), DemoError> {
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

    s.on(date(2026, 9, 2))?;
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

    s.on(date(2026, 9, 4))?;
    s.status(&["S-1", "S-2", "S-3", "S-4", "S-5", "S-6"], "ready")?;
    s.tick(kickoff, "@pat write the first checkout stories")?;
    s.commit(15, 0, "Refine S-1 to S-6 for Sprint 1")?;

    // SP-1, Monday 7 to Sunday 20 September: basket and card payment.
    s.on(date(2026, 9, 7))?;
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

    s.on(date(2026, 9, 8))?;
    s.start_work("S-1", "kai")?;
    s.start_work("S-4", "rosa")?;
    s.commit(17, 30, "Start S-1 and S-4")?;

    s.on(date(2026, 9, 9))?;
    s.set("S-5", &[("points", NewValue::Int(5))])?;
    s.note(
        "S-5",
        "Re-estimated from 3 to 5 on 2026-09-09: the shop's domain needs SPF and DKIM records before the emails reach inboxes.",
    )?;
    s.status(&["S-1"], "review")?;
    s.tick(sp1_planning, "@rosa set up the staging site")?;
    s.commit(17, 30, "Re-estimate S-5 from 3 to 5 points; S-1 in review")?;

    s.on(date(2026, 9, 10))?;
    s.accept("S-1")?;
    s.start_work("S-2", "kai")?;
    s.commit(17, 30, "S-1 done; start S-2")?;

    s.on(date(2026, 9, 11))?;
    s.status(&["S-2"], "review")?;
    s.start_work("S-3", "kai")?;
    s.tick(kickoff, "@li confirm the budget")?;
    s.commit(17, 30, "S-2 in review; start S-3; budget confirmed")?;

    s.on(date(2026, 9, 14))?;
    s.accept("S-2")?;
    s.status(&["S-3", "S-4"], "review")?;
    s.commit(17, 30, "S-2 done; S-3 and S-4 in review")?;

    s.on(date(2026, 9, 15))?;
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

    s.on(date(2026, 9, 16))?;
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

    s.on(date(2026, 9, 17))?;
    s.accept("S-6")?;
    s.status(&["S-5"], "review")?;
    s.tick(sp1_refinement, "@pat ask Sam")?;
    s.commit(17, 30, "S-6 done; S-5 in review; PayNorth plan includes wallets")?;

    s.on(date(2026, 9, 18))?;
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
    s.on(date(2026, 9, 21))?;
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

    s.on(date(2026, 9, 22))?;
    s.start_work("S-8", "rosa")?;
    s.start_work("S-7", "kai")?;
    s.note(
        "S-10",
        "Apple Pay needs the shop's domain verified with Apple through PayNorth; requested on 2026-09-22.",
    )?;
    s.tick(sp2_planning, "@pat ask Sam")?;
    s.tick(kickoff, "@omar list the postcode districts")?;
    s.commit(17, 30, "Start S-7 and S-8; Apple Pay verification requested")?;

    s.on(date(2026, 9, 23))?;
    s.status(&["S-7"], "review")?;
    s.start_work("S-9", "kai")?;
    s.commit(17, 30, "S-7 in review; start S-9")?;

    s.on(date(2026, 9, 24))?;
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

    s.on(date(2026, 9, 25))?;
    s.start_work("S-25", "kai")?;
    s.status(&["S-8"], "review")?;
    s.tick(sp1_retro, "@rosa add a staging smoke test")?;
    s.tick(sp1_review, "@priya find 20 neighbours")?;
    s.tick(check_in, "@dana send Pat the licence conditions")?;
    s.commit(17, 30, "Start S-25; S-8 in review; smoke test in place")?;

    s.on(date(2026, 9, 28))?;
    s.accept("S-25")?;
    s.accept("S-8")?;
    s.start_work("S-10", "rosa")?;
    s.commit(17, 30, "S-8 and S-25 done; start S-10")?;

    s.on(date(2026, 9, 29))?;
    s.status(&["S-9"], "review")?;
    s.start_work("S-11", "kai")?;
    s.tick(sp1_refinement, "@omar ask the insurer")?;
    s.commit(17, 30, "S-9 in review; start S-11; no insurance for cash")?;

    s.on(date(2026, 9, 30))?;
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

    s.on(date(2026, 10, 1))?;
    s.status(&["S-10"], "review")?;
    s.commit(17, 30, "S-10 in review, waiting for the Apple Pay verification")?;

    s.on(date(2026, 10, 2))?;
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
    s.on(date(2026, 10, 5))?;
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

    s.on(date(2026, 10, 6))?;
    s.accept("S-10")?;
    s.set("R-1", &[("status", text("closed"))])?;
    s.tick(sp2_review, "@pat chase PayNorth")?;
    s.start_work("S-14", "kai")?;
    s.start_work("S-15", "rosa")?;
    s.commit(17, 30, "Apple Pay verified: S-10 done, R-1 closed; start S-14 and S-15")?;

    s.on(date(2026, 10, 7))?;
    s.status(&["S-15"], "review")?;
    s.tick(sp3_planning, "@omar send the slot capacities")?;
    s.tick(sp2_refinement, "@kai check that the tablet can print")?;
    s.commit(17, 30, "S-15 in review; slot capacities received")?;

    s.on(date(2026, 10, 8))?;
    s.accept("S-15")?;
    s.start_work("S-13", "rosa")?;
    s.commit(17, 30, "S-15 done; start S-13")?;

    s.on(date(2026, 10, 9))?;
    s.status(&["S-14"], "review")?;
    s.commit(17, 30, "S-14 in review")?;

    s.on(date(2026, 10, 12))?;
    s.accept("S-14")?;
    s.status(&["S-11"], "review")?;
    s.commit(17, 30, "S-14 done; S-11 in review")?;

    s.on(date(2026, 10, 13))?;
    s.status(&["S-13"], "review")?;
    s.commit(17, 30, "S-13 in review")?;

    s.on(date(2026, 10, 14))?;
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
