//! Rules PO301–PO309: Definition of Ready and Done for stories (domain reference §2),
//! meeting action items (§5) and stakeholder contact cadence (§4).
//!
//! Text still holding a template's `<…>` prompts ("As a <type of user>, I want <goal>")
//! is not a sentence or a criterion yet: a story fresh from `pobox story new` is not
//! ready just because its template has the right shape. Only what a template writes is a
//! prompt, never any `<word>`: "The receipt shows <date> in the shopper's format" is a real
//! criterion (see [`has_prompt`]).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use crate::diag::{Code, Diagnostic};
use crate::model::Kind;
use crate::model::fields::parse_date;
use crate::model::item::{Item, KindData, Stakeholder};
use crate::parse::markdown::{ActionItem, Body};

use super::Checker;

/// A template prompt: `<type of user>`, `<goal>`, `<a starting situation>`.
static PROMPT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[A-Za-z][A-Za-z0-9 ,.'/_-]*>").expect("valid regex"));
/// The Connextra sentence written as the title (lint S001 accepts title or body).
static TITLE_SENTENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:in order to .+?,?\s+)?as an?\s+.+?,?\s+i\s+(?:want|can|need)\s+.+$").expect("valid regex"));
/// What the due date of the meeting templates' example action item says.
const TEMPLATE_DUE: &str = "YYYY-MM-DD";

/// Run these rules.
pub fn check(cx: &Checker<'_>, out: &mut Vec<Diagnostic>) {
    // Items loaded without their body (`validate --staged` reads only the staged files'
    // bodies) are not judged on it: no facts is not an empty body.
    for item in cx.of_kind(Kind::Story).filter(|i| i.body.is_some()) {
        check_story(cx, item, out);
    }
    for item in cx.of_kind(Kind::Meeting).filter(|i| i.body.is_some()) {
        check_action_items(cx, item, out);
    }
    check_contact_cadence(cx, out);
}

/// Every `<…>` prompt that pobox's built-in templates write (`<goal>`, `<a starting situation>`).
static TEMPLATE_PROMPTS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    crate::templates::builtin()
        .iter()
        .flat_map(|(_, text)| PROMPT.find_iter(text).map(|m| m.as_str()))
        .collect()
});

/// Words that a template's sentence or criterion puts around its prompts.
const PROMPT_FRAME: &[&str] = &[
    "given", "when", "then", "and", "but", "as", "a", "an", "i", "want", "can", "need", "so", "that", "in", "order", "to",
];

/// Whether `text` is still a template's prompt: it holds a prompt that one of pobox's own
/// templates writes (`<goal>`), or nothing but `<…>` prompts and the words a template puts
/// around them (`<condition>`, `Given <x>, when <y>, then <z>`), as a team's own template
/// writes. Any other `<word>` is the user's text: `Shows the <date> of the order` is a
/// criterion.
fn has_prompt(text: &str) -> bool {
    if PROMPT.find_iter(text).any(|m| TEMPLATE_PROMPTS.contains(m.as_str())) {
        return true;
    }
    let rest = PROMPT.replace_all(text, " ");
    rest.len() != text.len()
        && rest
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| PROMPT_FRAME.contains(&w.to_lowercase().as_str()))
}

/// Acceptance criteria that are more than template prompts: list items without `<…>`
/// prompts plus Gherkin scenarios (whose `<param>`s are Scenario Outline parameters).
///
/// Shared with sprint planning, which flags planned stories that have none, so "has
/// criteria" means the same thing there as in rule PO301.
pub(crate) fn real_criteria(body: &Body) -> usize {
    body.criteria_count() - body.criteria.iter().filter(|c| has_prompt(&c.text)).count()
}

fn check_story(cx: &Checker<'_>, item: &Item, out: &mut Vec<Diagnostic>) {
    let Some(story) = item.as_story() else { return };
    let config = &cx.ws.config;
    let body = item.body();
    let status = story.status.as_deref().unwrap_or("");
    let scale = config.estimate_scale.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");

    if config.workflow.is_ready_or_later(status) {
        if real_criteria(body) == 0 {
            let prompts = body.criteria.iter().any(|c| has_prompt(&c.text));
            let (message, help) = if prompts {
                (
                    format!("the story is `{status}` but its acceptance criteria are still the template's prompts"),
                    "replace the <…> prompts under `## Acceptance criteria` with real criteria, like `- [ ] Given …, when …, then …`"
                        .to_owned(),
                )
            } else {
                (
                    format!("the story is `{status}` but has no acceptance criteria"),
                    "add a `## Acceptance criteria` section with items like `- [ ] Given …, when …, then …`".to_owned(),
                )
            };
            out.push(cx.at_field(Code::ReadyWithoutCriteria, item, "status", None, message).help(help));
        }
        if story.points.is_none() && !wrong_type(cx, item, "points") {
            out.push(
                cx.at_field(
                    Code::ReadyWithoutEstimate,
                    item,
                    "status",
                    None,
                    format!("the story is `{status}` but has no estimate"),
                )
                .help(format!("add `points:` with the developers' estimate, one of {scale}")),
            );
        }
    }

    if config.workflow.is_done(status) {
        for c in body.unchecked_criteria() {
            out.push(
                Diagnostic::new(
                    Code::DoneWithOpenCriteria,
                    &item.path,
                    c.line,
                    1,
                    format!("the story is `{status}` but this criterion is not ticked: {}", excerpt(&c.text)),
                )
                .help("tick it (`- [x]`) if it is met; if not, the story is not done"),
            );
        }
    }

    if let Some(points) = story.points
        && points > config.split_threshold
        && !config.workflow.is_closed(status)
    {
        out.push(
            cx.at_field(
                Code::EstimateTooLarge,
                item,
                "points",
                None,
                format!(
                    "`points: {points}` is above the split threshold of {}: the story is not Small",
                    config.split_threshold
                ),
            )
            .help(format!(
                "split it into stories of {} points or less (by workflow step, business rule, data variation or acceptance criterion)",
                config.split_threshold
            )),
        );
    }

    check_sentence(cx, item, out);
}

/// PO304 and PO309: the "As a …, I want …, so that …" sentence, in the body or as the title.
fn check_sentence(cx: &Checker<'_>, item: &Item, out: &mut Vec<Diagnostic>) {
    let title = item.title.trim();
    if TITLE_SENTENCE.is_match(title) && !has_prompt(title) {
        let lower = title.to_lowercase();
        if !lower.contains("so that") && !lower.starts_with("in order to") {
            out.push(missing_benefit(cx.at_field(
                Code::MissingBenefit,
                item,
                "title",
                None,
                "the title's story sentence says what but not why",
            )));
        }
        return;
    }
    match &item.body().story_sentence {
        Some(s) if has_prompt(&s.text) => out.push(
            Diagnostic::new(Code::MissingStorySentence, &item.path, s.line, 1, "the story sentence is still the template's prompt")
                .help("replace the <…> prompts: who wants it, what they want and why, like `As a shopper, I want to pay by card, so that I can check out quickly.`"),
        ),
        Some(s) if !s.has_benefit => out.push(missing_benefit(Diagnostic::new(
            Code::MissingBenefit,
            &item.path,
            s.line,
            1,
            "the story sentence says what but not why (no \"so that …\")",
        ))),
        Some(_) => {}
        None => out.push(
            cx.at_field(Code::MissingStorySentence, item, "title", None, "the story has no \"As a …, I want …\" sentence")
                .help("start the body with who wants it, what and why, like `As a shopper, I want to pay by card, so that I can check out quickly.`"),
        ),
    }
}

fn missing_benefit(d: Diagnostic) -> Diagnostic {
    d.help("end it with `, so that <benefit>`: what the user gains tells whether the story is Valuable")
}

/// A criterion's text, shortened at a word for a one-line message.
fn excerpt(text: &str) -> String {
    const MAX: usize = 72;
    if text.chars().count() <= MAX {
        return format!("\"{text}\"");
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("\"{}…\"", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// True when loading reported `key` as the wrong type (so it reads as absent).
fn wrong_type(cx: &Checker<'_>, item: &Item, key: &str) -> bool {
    let (line, col) = cx.field_pos(item, key, None);
    cx.ws
        .diagnostics
        .iter()
        .any(|d| d.code == Code::WrongType && d.path == item.path && d.line == line && d.col == col)
}

fn days_between(earlier: Date, later: Date) -> i64 {
    later.since(earlier).map_or(0, |span| i64::from(span.get_days()))
}

fn plural(n: i64, one: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") }
}

fn check_action_items(cx: &Checker<'_>, item: &Item, out: &mut Vec<Diagnostic>) {
    for a in &item.body().action_items {
        // A ticked item is history: its missing date no longer matters.
        if a.done {
            continue;
        }
        let due = a.due.as_deref().map(|d| (d, parse_date(d)));
        let at = |code: Code, message: String| Diagnostic::new(code, &item.path, a.line, a.col, message);
        if let Some((raw, Ok(date))) = due {
            if a.owner.is_none() {
                out.push(incomplete(
                    at(Code::ActionItemIncomplete, "the action item has no owner".to_owned()),
                    a,
                ));
            }
            if date < cx.today {
                let late = days_between(date, cx.today);
                let whose = a
                    .owner
                    .as_ref()
                    .map_or_else(|| "the action item (no owner)".to_owned(), |o| format!("@{o}'s action item"));
                out.push(
                    at(
                        Code::ActionItemOverdue,
                        format!("{whose} was due {raw}, {} ago", plural(late, "day")),
                    )
                    .help("do it and tick it (`- [x]`), or agree a new date and change `(due: …)`"),
                );
            }
            continue;
        }
        let message = match (a.owner.as_deref(), due) {
            (Some("handle"), Some((TEMPLATE_DUE, _))) => "the action item is still the template's example".to_owned(),
            (_, Some((TEMPLATE_DUE, _))) => "the action item's due date is still the template's `YYYY-MM-DD`".to_owned(),
            (owner, Some((raw, Err(why)))) => {
                let no_owner = if owner.is_none() { "has no owner, and its " } else { "'s " };
                format!("the action item{no_owner}due date `{raw}` is not a valid date: {why}")
            }
            (None, None) => "the action item has no owner and no due date".to_owned(),
            (Some(o), None) => format!("@{o}'s action item has no due date"),
            (_, Some((_, Ok(_)))) => continue,
        };
        out.push(incomplete(at(Code::ActionItemIncomplete, message), a));
    }
}

fn incomplete(d: Diagnostic, a: &ActionItem) -> Diagnostic {
    let what = if a.text.is_empty() || has_prompt(&a.text) || a.text == "what to do" {
        "what to do".to_owned()
    } else {
        a.text.clone()
    };
    let owner = a.owner.as_deref().filter(|o| *o != "handle").unwrap_or("handle");
    d.help(format!(
        "write it as `- [ ] @{owner} {what} (due: YYYY-MM-DD)`: one owner, one real date"
    ))
}

/// PO308: stakeholders with a `cadence_days` should appear among a meeting's attendees at
/// least that often. Meetings after today are planned, not contact.
fn check_contact_cadence(cx: &Checker<'_>, out: &mut Vec<Diagnostic>) {
    let mut last_met: HashMap<&str, Date> = HashMap::new();
    for meeting in cx.of_kind(Kind::Meeting) {
        let KindData::Meeting(m) = &meeting.data else { continue };
        // A meeting's id starts with its date, which stands in for a missing `date`.
        let Some(date) = m.date.or_else(|| meeting.id.get(..10).and_then(|d| parse_date(d).ok())) else {
            continue;
        };
        if date > cx.today {
            continue;
        }
        for handle in &m.attendees {
            let handle = handle.trim().trim_start_matches('@');
            let last = last_met.entry(handle).or_insert(date);
            *last = (*last).max(date);
        }
    }
    for item in cx.of_kind(Kind::Stakeholder) {
        let KindData::Stakeholder(Stakeholder {
            cadence_days: Some(cadence),
            ..
        }) = &item.data
        else {
            continue;
        };
        if *cadence == 0 {
            continue;
        }
        let every = plural(i64::from(*cadence), "day");
        let message = match last_met.get(item.id.as_str()) {
            Some(last) => {
                let since = days_between(*last, cx.today);
                if since <= i64::from(*cadence) {
                    continue;
                }
                format!(
                    "@{} was last met {last}, {} ago; the cadence is every {every}",
                    item.id,
                    plural(since, "day")
                )
            }
            // Someone added recently has not had the chance to be met yet.
            None => match item.created {
                Some(created) if days_between(created, cx.today) <= i64::from(*cadence) => continue,
                Some(created) => format!(
                    "@{} has attended no meeting since being added on {created}, {} ago; the cadence is every {every}",
                    item.id,
                    plural(days_between(created, cx.today), "day")
                ),
                None => format!(
                    "@{} is not among the attendees of any meeting so far; the cadence is every {every}",
                    item.id
                ),
            },
        };
        out.push(
            cx.at_field(Code::StakeholderContactOverdue, item, "cadence_days", None, message)
                .help(format!(
                    "meet them and record it with `{}` in the meeting's `attendees`, or change `cadence_days`",
                    item.id
                )),
        );
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    fn run(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let files: Vec<(String, &str)> = files.iter().map(|(p, t)| (format!("backlog/{p}"), *t)).collect();
        crate::validate::testing::run_rules("product: Test\n", &files, check)
    }

    fn short(d: &[Diagnostic]) -> Vec<(Code, u32, u32, String)> {
        d.iter().map(|d| (d.code, d.line, d.col, d.message.clone())).collect()
    }

    const SENTENCE: &str = "As a shopper, I want to pay by card, so that I can leave.\n";
    const CRITERIA: &str = "\n## Acceptance criteria\n\n- [x] Given a card, when I pay, then it is charged\n";

    fn story(front: &str, body: &str) -> Vec<Diagnostic> {
        run(&[("stories/S-1.md", &format!("---\nid: S-1\ntitle: Pay\n{front}---\n{body}"))])
    }

    #[test]
    fn a_ready_story_is_clean() {
        assert!(story("status: ready\npoints: 3\n", &format!("{SENTENCE}{CRITERIA}")).is_empty());
        assert!(
            story("status: draft\n", SENTENCE).is_empty(),
            "a draft needs neither criteria nor points"
        );
    }

    #[test]
    fn ready_needs_criteria_and_an_estimate() {
        let d = story("status: in-progress\n", SENTENCE);
        assert_eq!(
            short(&d),
            [
                (
                    Code::ReadyWithoutCriteria,
                    4,
                    9,
                    "the story is `in-progress` but has no acceptance criteria".into()
                ),
                (
                    Code::ReadyWithoutEstimate,
                    4,
                    9,
                    "the story is `in-progress` but has no estimate".into()
                ),
            ]
        );
        assert_eq!(
            d[1].help.as_deref(),
            Some("add `points:` with the developers' estimate, one of 1, 2, 3, 5, 8, 13, 20")
        );
        // Gherkin scenarios count as criteria.
        let gherkin = format!("{SENTENCE}\n## Acceptance criteria\n\nScenario: pay\nGiven a card\nWhen I pay\nThen it is charged\n");
        assert!(story("status: ready\npoints: 2\n", &gherkin).is_empty());
        // A points value of the wrong type was reported while loading.
        assert_eq!(story("status: ready\npoints: big\n", &format!("{SENTENCE}{CRITERIA}")).len(), 0);
    }

    #[test]
    fn template_prompts_are_not_content() {
        let template = crate::templates::builtin_named("story.md").unwrap().split("---\n").nth(2).unwrap();
        let d = story("status: ready\npoints: 3\n", template);
        assert_eq!(
            short(&d),
            [
                (
                    Code::ReadyWithoutCriteria,
                    4,
                    9,
                    "the story is `ready` but its acceptance criteria are still the template's prompts".into()
                ),
                (
                    Code::MissingStorySentence,
                    8,
                    1,
                    "the story sentence is still the template's prompt".into()
                ),
            ]
        );
        assert!(d[1].help.as_deref().unwrap().starts_with("replace the <…> prompts"));
        assert!(
            d[0].help
                .as_deref()
                .unwrap()
                .starts_with("replace the <…> prompts under `## Acceptance criteria`")
        );
    }

    #[test]
    fn a_word_in_angle_brackets_is_a_prompt_only_as_templates_write_it() {
        // A real criterion may name a placeholder of its own: it counts.
        let real = format!("{SENTENCE}\n## Acceptance criteria\n\n- [ ] The receipt shows <date> as the shopper's locale writes it\n");
        assert!(story("status: ready\npoints: 3\n", &real).is_empty());
        // A team's own template: nothing but prompts and the words around them.
        for prompt in ["<a condition>", "Given <x>, when <y>, then <z>."] {
            let own = format!("{SENTENCE}\n## Acceptance criteria\n\n- [ ] {prompt}\n");
            let d = story("status: ready\npoints: 3\n", &own);
            assert_eq!(d.len(), 1, "{prompt}: {d:?}");
            assert!(d[0].message.contains("still the template's prompts"), "{prompt}: {d:?}");
        }
        // A prompt pobox's template writes is one wherever it stands.
        assert!(has_prompt("Given <a starting situation>, when I pay, then it is charged"));
        assert!(!has_prompt("Given <date> in the past, when I pay, then it is refused"));
    }

    #[test]
    fn done_with_open_criteria_points_at_each() {
        let body = format!(
            "{SENTENCE}\n## Acceptance criteria\n\n- [x] Card is masked\n- [ ] Given a card, when I pay, then it is charged\n- [ ] Receipt\n"
        );
        let d = story("status: done\npoints: 3\n", &body);
        assert_eq!(
            short(&d),
            [
                (
                    Code::DoneWithOpenCriteria,
                    12,
                    1,
                    "the story is `done` but this criterion is not ticked: \"Given a card, when I pay, then it is charged\"".into()
                ),
                (
                    Code::DoneWithOpenCriteria,
                    13,
                    1,
                    "the story is `done` but this criterion is not ticked: \"Receipt\"".into()
                ),
            ]
        );
    }

    #[test]
    fn story_sentence_and_benefit() {
        let d = story("", "Pay by card.\n");
        assert_eq!(
            short(&d),
            [(
                Code::MissingStorySentence,
                3,
                8,
                "the story has no \"As a …, I want …\" sentence".into()
            )]
        );
        assert_eq!(story("", "").len(), 1, "an empty body lacks the sentence too");
        let d = story("", "Intro.\n\nAs an admin, I want to export users.\n");
        assert_eq!(
            short(&d),
            [(
                Code::MissingBenefit,
                7,
                1,
                "the story sentence says what but not why (no \"so that …\")".into()
            )]
        );
        assert_eq!(d[0].severity, crate::diag::Severity::Info);
        assert!(story("", "In order to audit, as an admin, I want to export users.\n").is_empty());
        let titled = run(&[("stories/S-1.md", "---\nid: S-1\ntitle: As an admin I want to export users\n---\n")]);
        assert_eq!(
            short(&titled),
            [(
                Code::MissingBenefit,
                3,
                8,
                "the title's story sentence says what but not why".into()
            )]
        );
    }

    #[test]
    fn large_estimates_should_be_split() {
        let d = story("points: 20\n", SENTENCE);
        assert_eq!(
            short(&d),
            [(
                Code::EstimateTooLarge,
                4,
                9,
                "`points: 20` is above the split threshold of 13: the story is not Small".into()
            )]
        );
        assert!(story("points: 13\n", SENTENCE).is_empty());
        assert!(
            story("status: done\npoints: 20\n", &format!("{SENTENCE}{CRITERIA}")).is_empty(),
            "done work is not split any more"
        );
    }

    #[test]
    fn long_criteria_are_cut_at_a_word() {
        assert_eq!(excerpt("short"), "\"short\"");
        let long = "Given an expired card, when I pay, then I am asked for another card and the order waits";
        assert_eq!(
            excerpt(long),
            "\"Given an expired card, when I pay, then I am asked for another card and…\""
        );
    }

    fn meeting(actions: &str) -> Vec<Diagnostic> {
        let text = format!(
            "---\nid: 2026-11-02-review\ntitle: Review\ntype: sprint-review\ndate: 2026-11-02\n---\n\n## Action items\n\n{actions}"
        );
        run(&[("meetings/2026-11-02-review.md", &text)])
    }

    #[test]
    fn action_items_need_owner_and_date() {
        let d = meeting(
            "- [ ] @dana send deck (due: 2026-12-01)\n- [ ] send deck (due: 2026-12-01)\n- [ ] @li book room\n- [ ] nobody, no date\n- [ ] @li call (due: 2026-02-30)\n- [ ] @handle what to do (due: YYYY-MM-DD)\n- [x] @li done long ago\n",
        );
        assert_eq!(
            short(&d),
            [
                (Code::ActionItemIncomplete, 11, 7, "the action item has no owner".into()),
                (Code::ActionItemIncomplete, 12, 7, "@li's action item has no due date".into()),
                (
                    Code::ActionItemIncomplete,
                    13,
                    7,
                    "the action item has no owner and no due date".into()
                ),
                (
                    Code::ActionItemIncomplete,
                    14,
                    7,
                    "the action item's due date `2026-02-30` is not a valid date: that month has no such day".into()
                ),
                (
                    Code::ActionItemIncomplete,
                    15,
                    7,
                    "the action item is still the template's example".into()
                ),
            ]
        );
        assert_eq!(
            d[1].help.as_deref(),
            Some("write it as `- [ ] @li book room (due: YYYY-MM-DD)`: one owner, one real date")
        );
    }

    #[test]
    fn overdue_action_items() {
        let d =
            meeting("- [ ] @dana send deck (due: 2026-11-01)\n- [x] @dana book room (due: 2026-11-01)\n- [ ] @li call (due: 2026-11-22)\n");
        assert_eq!(
            short(&d),
            [(
                Code::ActionItemOverdue,
                10,
                7,
                "@dana's action item was due 2026-11-01, 21 days ago".into()
            )]
        );
    }

    #[test]
    fn stakeholder_cadence() {
        let person = |id: &str, cadence: u32| {
            (
                format!("stakeholders/{id}.md"),
                format!("---\nid: {id}\ntitle: {id}\ncadence_days: {cadence}\n---\n"),
            )
        };
        let (pd, td) = person("dana", 14);
        let (po, to) = person("omar", 30);
        let (pl, tl) = person("li", 7);
        let d = run(&[
            (&pd, &td),
            (&po, &to),
            (&pl, &tl),
            ("stakeholders/pat.md", "---\nid: pat\ntitle: Pat\n---\n"),
            (
                "stakeholders/kim.md",
                "---\nid: kim\ntitle: Kim\ncadence_days: 30\ncreated: 2026-11-01\n---\n",
            ),
            (
                "stakeholders/sam.md",
                "---\nid: sam\ntitle: Sam\ncadence_days: 30\ncreated: 2026-09-01\n---\n",
            ),
            (
                "meetings/2026-10-01-a.md",
                "---\nid: 2026-10-01-a\ntitle: A\ntype: stakeholder\ndate: 2026-10-01\nattendees: [dana, omar]\n---\n",
            ),
            (
                "meetings/2026-10-30-b.md",
                "---\nid: 2026-10-30-b\ntitle: B\ntype: demo\nattendees: [omar]\n---\n",
            ),
            (
                "meetings/2026-12-01-c.md",
                "---\nid: 2026-12-01-c\ntitle: C\ntype: demo\ndate: 2026-12-01\nattendees: [dana, li]\n---\n",
            ),
        ]);
        assert_eq!(
            short(&d),
            [
                (
                    Code::StakeholderContactOverdue,
                    4,
                    15,
                    "@dana was last met 2026-10-01, 52 days ago; the cadence is every 14 days".into()
                ),
                (
                    Code::StakeholderContactOverdue,
                    4,
                    15,
                    "@li is not among the attendees of any meeting so far; the cadence is every 7 days".into()
                ),
                (
                    Code::StakeholderContactOverdue,
                    4,
                    15,
                    "@sam has attended no meeting since being added on 2026-09-01, 82 days ago; the cadence is every 30 days".into()
                ),
            ]
        );
        assert_eq!(d[0].path, std::path::Path::new("backlog/stakeholders/dana.md"));
    }
}
