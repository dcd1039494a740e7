//! Built-in item templates.
//!
//! A template is a complete item file (YAML front-matter between `---` lines, then a Markdown
//! body) that `pobox <kind> new` starts from. `pobox init` copies these texts to
//! `backlog/templates/`, where a team can edit them; a workspace template of the same file name
//! wins over the built-in one, so the texts here are only the starting point and the fallback.
//!
//! The front-matter lists the keys in the order a new file should have them. Keys that pobox
//! fills from command-line options are present with an empty value, and pobox drops the ones
//! that stay empty, so the templates decide key order without forcing empty keys on the user.
//! Values written in (such as `status: draft`) are real defaults.
//!
//! A template may contain these placeholders, replaced literally by [`fill`]:
//!
//! | placeholder | replaced with |
//! |---|---|
//! | `{{id}}` | the new item's id, e.g. `S-42` |
//! | `{{title}}` | the title given on the command line |
//! | `{{date}}` | today's date (or the meeting date), `YYYY-MM-DD` |
//! | `{{type}}` | the meeting type, e.g. `retrospective` |
//!
//! The built-in texts do not use placeholders in their front-matter: pobox sets `id`, `title`
//! and dates through its front-matter editor, which quotes values correctly, whereas a value
//! pasted into YAML text by [`fill`] could break the YAML (a title containing `: ` for example).
//! Placeholders are meant for bodies of user-edited templates.
//!
//! Text in angle brackets (`<goal>`) is a prompt for the person writing the item to replace.

/// Every built-in template as (file name, text), in a stable order: story.md, epic.md,
/// stakeholder.md, sprint.md, risk.md, then `meeting-<type>.md` for each of the 14 meeting types
/// in the order of [`MEETING_TYPES`].
///
/// `pobox init` writes them in this order, so its output is the same on every run.
#[must_use]
pub fn builtin() -> &'static [(&'static str, &'static str)] {
    &BUILTIN
}

/// The built-in template with that file name, e.g. "story.md" or "meeting-retrospective.md".
///
/// Returns `None` for any other name, including names without the `.md` extension, so callers
/// never mistake a typo for a template.
#[must_use]
pub fn builtin_named(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(file, _)| *file == name).map(|(_, text)| *text)
}

/// The 14 meeting types of the format contract, in the contract's order: kickoff, requirements,
/// user-research, stakeholder, sprint-planning, daily-standup, sprint-review, retrospective,
/// backlog-refinement, demo, status-update, acceptance-testing, post-launch, technical.
pub const MEETING_TYPES: [&str; 14] = [
    "kickoff",
    "requirements",
    "user-research",
    "stakeholder",
    "sprint-planning",
    "daily-standup",
    "sprint-review",
    "retrospective",
    "backlog-refinement",
    "demo",
    "status-update",
    "acceptance-testing",
    "post-launch",
    "technical",
];

/// A human title for a meeting type ("sprint-review" -> "Sprint review", "daily-standup" ->
/// "Daily standup").
///
/// Hyphens become spaces and the first letter is capitalised, which also gives a readable title
/// for meeting types a team invents. "post-launch" keeps its hyphen because "Post launch" reads
/// as a different word.
#[must_use]
pub fn meeting_type_title(kind: &str) -> String {
    if kind == "post-launch" {
        return "Post-launch".to_string();
    }
    let spaced = kind.replace('-', " ");
    let mut chars = spaced.chars();
    if let Some(first) = chars.next() {
        first.to_uppercase().chain(chars).collect()
    } else {
        String::new()
    }
}

/// Replace the placeholders {{id}}, {{title}}, {{date}}, {{type}} in a template text with the
/// given values (simple literal replacement, every occurrence).
///
/// The text is scanned once, so a value that itself contains a placeholder (a title such as
/// "Rename {{date}}") is inserted as written and not expanded again. Anything else between
/// double braces is left alone, so templates can mention other `{{…}}` text.
#[must_use]
pub fn fill(template: &str, id: &str, title: &str, date: &str, kind: &str) -> String {
    let values = [("{{id}}", id), ("{{title}}", title), ("{{date}}", date), ("{{type}}", kind)];
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        if let Some((name, value)) = values.iter().find(|(name, _)| tail.starts_with(name)) {
            out.push_str(value);
            rest = &tail[name.len()..];
        } else {
            // Step over one brace only, so "{{{id}}}" still finds the "{{id}}" inside.
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

// The order here is the order of `builtin()`; the meeting entries follow MEETING_TYPES, which a
// unit test checks.
static BUILTIN: [(&str, &str); 19] = [
    ("story.md", STORY),
    ("epic.md", EPIC),
    ("stakeholder.md", STAKEHOLDER),
    ("sprint.md", SPRINT),
    ("risk.md", RISK),
    ("meeting-kickoff.md", MEETING_KICKOFF),
    ("meeting-requirements.md", MEETING_REQUIREMENTS),
    ("meeting-user-research.md", MEETING_USER_RESEARCH),
    ("meeting-stakeholder.md", MEETING_STAKEHOLDER),
    ("meeting-sprint-planning.md", MEETING_SPRINT_PLANNING),
    ("meeting-daily-standup.md", MEETING_DAILY_STANDUP),
    ("meeting-sprint-review.md", MEETING_SPRINT_REVIEW),
    ("meeting-retrospective.md", MEETING_RETROSPECTIVE),
    ("meeting-backlog-refinement.md", MEETING_BACKLOG_REFINEMENT),
    ("meeting-demo.md", MEETING_DEMO),
    ("meeting-status-update.md", MEETING_STATUS_UPDATE),
    ("meeting-acceptance-testing.md", MEETING_ACCEPTANCE_TESTING),
    ("meeting-post-launch.md", MEETING_POST_LAUNCH),
    ("meeting-technical.md", MEETING_TECHNICAL),
];

// Connextra sentence and Given/When/Then criteria (domain.md §2), so a new story already has the
// shape the story-quality lint rules look for.
const STORY: &str = r"---
id:
title:
status: draft
epic:
points:
sprint:
labels:
stakeholders:
depends_on:
assignee:
owner:
created:
---

As a <type of user>, I want <goal>, so that <benefit>.

## Acceptance criteria

- [ ] Given <a starting situation>, when <the user does something>, then <an observable result>.
- [ ] Given <another situation>, when <the user does something>, then <another observable result>.

## Notes
";

// SAFe features carry a benefit hypothesis and acceptance criteria (domain.md §6, lint S010).
const EPIC: &str = r"---
id:
title:
status: draft
horizon:
target:
owner:
labels:
benefit_hypothesis:
created:
---

## Benefit hypothesis

We believe <this outcome> will result from <this feature>.
We will know we are right when we see <this measurable signal>.

## Acceptance criteria

- [ ] <a condition the epic must meet before it is done>
- [ ] <another condition>

## Notes
";

// The assessment part of a stakeholder register (domain.md §4).
const STAKEHOLDER: &str = r"---
id:
title:
role:
organization:
power:
interest:
cadence_days:
contact:
owner:
created:
---

## Requirements and expectations

- <what this person needs from the product, and what they expect from us>

## Engagement

- Current: <Unaware | Resistant | Neutral | Supportive | Leading>
- Desired: <Unaware | Resistant | Neutral | Supportive | Leading>

## Notes
";

const SPRINT: &str = r"---
id:
title:
start:
end:
goal:
capacity:
status: planned
owner:
created:
---

## Sprint goal

<Why this Sprint is valuable: the one objective the team commits to. Keep a one-line version in `goal:` above.>

## Notes
";

// Cause → risk → effect and the response fields of a risk register (domain.md §6).
const RISK: &str = r"---
id:
title:
likelihood:
impact:
status: open
owner:
mitigation:
related:
created:
---

## Cause → risk → effect

Because of <cause>, <the risk event> may happen, which would lead to <the effect on the product or the plan>.

## Mitigation

<What we do now to make the risk less likely or less harmful.>

## Contingency

<What we do if it happens anyway.>

## Trigger

<The sign that tells us it is happening.>
";

// Every meeting shares Agenda, Notes, Decisions and Action items (domain.md §5); the sections
// between Notes and Decisions are the outputs that meeting type exists to produce.

const MEETING_KICKOFF: &str = r"---
id:
title:
type: kickoff
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- Why we are doing this, and what is in and out of scope
- Who is involved, how we will work, and when the milestones are

## Notes

## Why

<The problem, the product vision and the business goal.>

## What

### Scope in

- <what we will deliver>

### Scope out

- <what we will not deliver>

## Who (RACI)

| Task | Responsible | Accountable | Consulted | Informed |
|---|---|---|---|---|
| <task> | @handle | @handle | @handle | @handle |

## How

<How we will work: cadence, tools, Definition of Done.>

## When (milestones)

- <milestone> (YYYY-MM-DD)

## Risks

- <risk that could stop us; record it as a risk item>

## Communication plan

- <who gets which update, through which channel, how often>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_REQUIREMENTS: &str = r"---
id:
title:
type: requirements
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- Who the users are and what they need
- Draft stories and their acceptance criteria

## Notes

## Personas

- <persona: who they are, what they are trying to do>

## Stories drafted

- <story id, or: As a …, I want …, so that ….>

## Acceptance criteria drafts

- <story id>: Given <situation>, when <action>, then <result>.

## Open questions

- <question, and who will find out>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_USER_RESEARCH: &str = r"---
id:
title:
type: user-research
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- Introduction and consent
- Interview or usability tasks

## Notes

## Hypotheses

- We believe <this kind of user> <has this problem / would do this>.

## Script

1. <question or task for the participant>

## Findings

- <what we saw or heard, as observed>

## Insights → backlog

- <insight> → <story or epic created or changed>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_STAKEHOLDER: &str = r"---
id:
title:
type: stakeholder
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- Updates on the roadmap and the metrics
- Feedback and priorities

## Notes

## Updates

- Roadmap: <what changed since the last meeting>
- Metrics: <the numbers that matter, and their trend>

## Feedback

- <what the stakeholders said>

## Priority changes

- <item: what moved, and why>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_SPRINT_PLANNING: &str = r"---
id:
title:
type: sprint-planning
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- Why is this Sprint valuable? (Sprint Goal)
- What can be done this Sprint? How will the chosen work get done?

## Notes

## Why (Sprint goal)

<The one objective for this Sprint.>

## What (selected items)

- <S-…>

## How (plan)

- <how the team will turn the selected items into a Done increment>

## Capacity and velocity

- Capacity: <points available this Sprint>
- Velocity: <average completed points of the last few Sprints>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_DAILY_STANDUP: &str = r"---
id:
title:
type: daily-standup
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- Progress toward the Sprint Goal, plan for today, impediments (15 minutes)

## Notes

## Progress toward the Sprint Goal

- <what moved since yesterday>

## Plan for today

- <who works on what>

## Impediments

- <what blocks us, and who will remove it>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_SPRINT_REVIEW: &str = r"---
id:
title:
type: sprint-review
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- What was done this Sprint (the increment)
- Feedback, and what to do next

## Notes

## Increment

- <S-…: what was shown>

## Feedback

- <what stakeholders said>

## Backlog changes

- <item added, changed, reordered or dropped, and why>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_RETROSPECTIVE: &str = r"---
id:
title:
type: retrospective
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- Look back at the Sprint: people, process, tools, Definition of Done
- Agree on the improvements to make next

## Notes

## Start

- <what we should start doing>

## Stop

- <what we should stop doing>

## Continue

- <what works and we should keep doing>

## Decisions

- <what was decided, who decided, and why>

## Action items

Pick 1–3 improvement actions, each with an owner and a due date.

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_BACKLOG_REFINEMENT: &str = r"---
id:
title:
type: backlog-refinement
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- Detail, split and size the items at the top of the backlog

## Notes

## Items refined

- <S-…: what was clarified>

## Split and sized

- <S-… split into S-… and S-…; points>

## Ready for selection

- <S-…>

## Open questions

- <question, and who will find out>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_DEMO: &str = r"---
id:
title:
type: demo
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- Show the work
- Questions and feedback

## Notes

## Demonstrated

- <S-…: what was shown>

## Feedback

- <what the audience said>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_STATUS_UPDATE: &str = r"---
id:
title:
type: status-update
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- Progress and metrics
- Risks, issues and escalations

## Notes

## Progress

- <what was finished since the last update>

## Metrics

- <metric: value and trend>

## RAG status

<Red, Amber or Green, and the reason.>

## Risks and issues

- <R-… or issue: what it means for the plan>

## Escalations

- <what needs a decision, and from whom>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_ACCEPTANCE_TESTING: &str = r"---
id:
title:
type: acceptance-testing
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- Check each story against its acceptance criteria and the Definition of Done

## Notes

## Stories accepted

- <S-…>

## Stories rejected

- <S-…: which criterion failed>

## Defects found

- <what is wrong, and in which story>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_POST_LAUNCH: &str = r"---
id:
title:
type: post-launch
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- Outcomes against the goals
- What we learned, and what we will do about it

## Notes

## Outcomes vs goals (KPIs)

| KPI | Goal | Actual |
|---|---|---|
| <KPI> | <target> | <measured> |

## Incidents

- <what happened, impact, how it was resolved>

## Learnings

- <what we would do again, and what we would change>

## Follow-ups

- <story, epic or risk to create or change>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

const MEETING_TECHNICAL: &str = r"---
id:
title:
type: technical
date:
attendees:
sprint:
owner:
created:
---

## Agenda

- The design question and its constraints
- Options, and a decision

## Notes

## Context

<The problem, the constraints and the stories or epics it affects.>

## Options considered

- <option: pros and cons>

## Decision (ADR)

<The option chosen, and why.>

## Consequences and risks

- <what becomes easier or harder; new risks>

## NFRs

- <non-functional requirement affected: performance, security, availability, …>

## Decisions

- <what was decided, who decided, and why>

## Action items

- [ ] @handle what to do (due: YYYY-MM-DD)
";

#[cfg(test)]
mod tests {
    use super::*;

    /// The front-matter between the opening and closing `---` lines, or `None` if the text
    /// does not have that shape.
    fn front_matter(text: &str) -> Option<&str> {
        let rest = text.strip_prefix("---\n")?;
        let end = rest.find("\n---\n")?;
        Some(&rest[..=end])
    }

    fn body(text: &str) -> &str {
        let rest = text.strip_prefix("---\n").unwrap();
        let end = rest.find("\n---\n").unwrap();
        &rest[end + "\n---\n".len()..]
    }

    fn keys(text: &str) -> Vec<&str> {
        front_matter(text)
            .unwrap()
            .lines()
            .map(|line| line.split(':').next().unwrap())
            .collect()
    }

    fn value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
        front_matter(text)?.lines().find_map(|line| {
            let (k, v) = line.split_once(':')?;
            (k == key).then_some(v.trim())
        })
    }

    fn headings(text: &str) -> Vec<&str> {
        body(text).lines().filter_map(|line| line.strip_prefix("## ")).collect()
    }

    /// The contract's action-item form: `- [ ] @handle what to do (due: YYYY-MM-DD)`.
    fn is_action_item(line: &str) -> bool {
        let Some(rest) = line.strip_prefix("- [ ] @") else {
            return false;
        };
        let Some((handle, rest)) = rest.split_once(' ') else {
            return false;
        };
        let Some((what, due)) = rest.rsplit_once(" (due: ") else {
            return false;
        };
        let Some(date) = due.strip_suffix(')') else {
            return false;
        };
        let date_shape = date.len() == 10
            && date.char_indices().all(|(i, c)| match i {
                4 | 7 => c == '-',
                _ => c.is_ascii_digit() || "YMD".contains(c),
            });
        !handle.is_empty() && !what.trim().is_empty() && date_shape
    }

    fn meeting(kind: &str) -> &'static str {
        builtin_named(&format!("meeting-{kind}.md")).unwrap()
    }

    #[test]
    fn every_template_is_a_complete_item_file() {
        for (name, text) in builtin() {
            assert!(text.starts_with("---\n"), "{name}: first line is not ---");
            assert!(front_matter(text).is_some(), "{name}: no closing --- line");
            assert!(text.ends_with('\n'), "{name}: no final newline");
            assert!(!text.ends_with("\n\n"), "{name}: trailing blank line");
            assert!(!text.contains('\r'), "{name}: CR in text");
            let keys = keys(text);
            assert_eq!(&keys[..2], ["id", "title"], "{name}: must start with id, title");
            assert_eq!(keys.last(), Some(&"created"), "{name}: created is last");
        }
    }

    #[test]
    fn front_matter_has_no_placeholders_and_no_duplicate_keys() {
        for (name, text) in builtin() {
            let fm = front_matter(text).unwrap();
            assert!(!fm.contains("{{"), "{name}: placeholder in front-matter");
            let mut seen = keys(text);
            let count = seen.len();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), count, "{name}: duplicate key");
        }
    }

    #[test]
    fn item_templates_have_the_agreed_keys_and_defaults() {
        let expect: [(&str, &[&str]); 5] = [
            (
                "story.md",
                &[
                    "id",
                    "title",
                    "status",
                    "epic",
                    "points",
                    "sprint",
                    "labels",
                    "stakeholders",
                    "depends_on",
                    "assignee",
                    "owner",
                    "created",
                ],
            ),
            (
                "epic.md",
                &[
                    "id",
                    "title",
                    "status",
                    "horizon",
                    "target",
                    "owner",
                    "labels",
                    "benefit_hypothesis",
                    "created",
                ],
            ),
            (
                "stakeholder.md",
                &[
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
            ),
            (
                "sprint.md",
                &["id", "title", "start", "end", "goal", "capacity", "status", "owner", "created"],
            ),
            (
                "risk.md",
                &[
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
            ),
        ];
        for (name, want) in expect {
            assert_eq!(keys(builtin_named(name).unwrap()), want, "{name}");
        }
        assert_eq!(value(STORY, "status"), Some("draft"));
        assert_eq!(value(EPIC, "status"), Some("draft"));
        assert_eq!(value(SPRINT, "status"), Some("planned"));
        assert_eq!(value(RISK, "status"), Some("open"));
        assert_eq!(value(STORY, "epic"), Some(""));
    }

    #[test]
    fn builtin_order_is_stable() {
        let names: Vec<&str> = builtin().iter().map(|(name, _)| *name).collect();
        let mut want = vec![
            "story.md".to_string(),
            "epic.md".to_string(),
            "stakeholder.md".to_string(),
            "sprint.md".to_string(),
            "risk.md".to_string(),
        ];
        want.extend(MEETING_TYPES.iter().map(|kind| format!("meeting-{kind}.md")));
        assert_eq!(names, want);
    }

    #[test]
    fn one_meeting_template_per_type_with_matching_type_line() {
        let meetings: Vec<_> = builtin().iter().filter(|(name, _)| name.starts_with("meeting-")).collect();
        assert_eq!(meetings.len(), MEETING_TYPES.len());
        for kind in MEETING_TYPES {
            let text = meeting(kind);
            assert_eq!(value(text, "type"), Some(kind), "meeting-{kind}.md");
            assert_eq!(
                keys(text),
                ["id", "title", "type", "date", "attendees", "sprint", "owner", "created"],
                "meeting-{kind}.md"
            );
        }
    }

    #[test]
    fn meetings_have_the_common_sections_in_order() {
        for kind in MEETING_TYPES {
            let h = headings(meeting(kind));
            let pos = |s: &str| h.iter().position(|x| *x == s);
            let (agenda, notes, decisions, actions) = (
                pos("Agenda").unwrap_or_else(|| panic!("{kind}: no Agenda")),
                pos("Notes").unwrap_or_else(|| panic!("{kind}: no Notes")),
                pos("Decisions").unwrap_or_else(|| panic!("{kind}: no Decisions")),
                pos("Action items").unwrap_or_else(|| panic!("{kind}: no Action items")),
            );
            assert_eq!((agenda, notes), (0, 1), "{kind}: Agenda, Notes come first");
            assert_eq!(actions, h.len() - 1, "{kind}: Action items comes last");
            assert_eq!(decisions, actions - 1, "{kind}: Decisions before Action items");
            assert!(decisions > notes + 1, "{kind}: no type-specific section");
        }
    }

    #[test]
    fn meetings_have_an_action_item_in_the_contract_form() {
        for kind in MEETING_TYPES {
            let text = meeting(kind);
            let actions = body(text).split("## Action items\n").nth(1).unwrap();
            assert!(
                actions.lines().any(is_action_item),
                "{kind}: no action item of the form `- [ ] @handle what (due: YYYY-MM-DD)`"
            );
        }
        assert!(is_action_item("- [ ] @dana send the notes (due: 2025-03-01)"));
        assert!(!is_action_item("- [ ] send the notes (due: 2025-03-01)"));
        assert!(!is_action_item("- [ ] @dana send the notes"));
        assert!(!is_action_item("- [ ] @dana (due: 2025-03-01)"));
    }

    /// The sections each meeting type adds between Notes and Decisions (domain.md §5 outputs).
    const TYPE_SECTIONS: [(&str, &[&str]); 14] = [
        (
            "kickoff",
            &[
                "Why",
                "What",
                "Who (RACI)",
                "How",
                "When (milestones)",
                "Risks",
                "Communication plan",
            ],
        ),
        (
            "requirements",
            &["Personas", "Stories drafted", "Acceptance criteria drafts", "Open questions"],
        ),
        ("user-research", &["Hypotheses", "Script", "Findings", "Insights → backlog"]),
        ("stakeholder", &["Updates", "Feedback", "Priority changes"]),
        (
            "sprint-planning",
            &["Why (Sprint goal)", "What (selected items)", "How (plan)", "Capacity and velocity"],
        ),
        (
            "daily-standup",
            &["Progress toward the Sprint Goal", "Plan for today", "Impediments"],
        ),
        ("sprint-review", &["Increment", "Feedback", "Backlog changes"]),
        ("retrospective", &["Start", "Stop", "Continue"]),
        (
            "backlog-refinement",
            &["Items refined", "Split and sized", "Ready for selection", "Open questions"],
        ),
        ("demo", &["Demonstrated", "Feedback"]),
        (
            "status-update",
            &["Progress", "Metrics", "RAG status", "Risks and issues", "Escalations"],
        ),
        ("acceptance-testing", &["Stories accepted", "Stories rejected", "Defects found"]),
        ("post-launch", &["Outcomes vs goals (KPIs)", "Incidents", "Learnings", "Follow-ups"]),
        (
            "technical",
            &["Context", "Options considered", "Decision (ADR)", "Consequences and risks", "NFRs"],
        ),
    ];

    #[test]
    fn type_specific_sections() {
        for (kind, sections) in TYPE_SECTIONS {
            let h = headings(meeting(kind));
            assert_eq!(&h[2..h.len() - 2], sections, "{kind}");
        }
        assert!(
            body(MEETING_RETROSPECTIVE).contains("1–3 improvement actions"),
            "retrospective should ask for 1–3 improvement actions"
        );
    }

    #[test]
    fn retrospective_has_start_stop_continue() {
        let h = headings(meeting("retrospective"));
        for section in ["Start", "Stop", "Continue"] {
            assert!(h.contains(&section), "no {section}");
        }
    }

    #[test]
    fn sprint_review_has_feedback() {
        assert!(headings(meeting("sprint-review")).contains(&"Feedback"));
    }

    #[test]
    fn item_bodies_have_their_sections() {
        let story = body(STORY);
        assert!(story.lines().any(|l| l == "As a <type of user>, I want <goal>, so that <benefit>."));
        let criteria: Vec<_> = story.lines().filter(|l| l.starts_with("- [ ] Given ")).collect();
        assert_eq!(criteria.len(), 2);
        assert!(criteria.iter().all(|l| l.contains("when") && l.contains("then")));
        assert_eq!(headings(STORY), ["Acceptance criteria", "Notes"]);
        assert_eq!(headings(EPIC), ["Benefit hypothesis", "Acceptance criteria", "Notes"]);
        assert!(body(EPIC).contains("We believe <this outcome> will result from <this feature>"));
        assert!(body(EPIC).contains("- [ ] "));
        assert_eq!(headings(STAKEHOLDER), ["Requirements and expectations", "Engagement", "Notes"]);
        assert!(body(STAKEHOLDER).contains("Unaware | Resistant | Neutral | Supportive | Leading"));
        assert_eq!(headings(SPRINT), ["Sprint goal", "Notes"]);
        assert_eq!(headings(RISK), ["Cause → risk → effect", "Mitigation", "Contingency", "Trigger"]);
    }

    #[test]
    fn builtin_named_finds_each_and_rejects_unknown_names() {
        for (name, text) in builtin() {
            assert_eq!(builtin_named(name), Some(*text));
        }
        for bad in ["", "story", "Story.md", "meeting-standup.md", "meeting-.md", "templates/story.md"] {
            assert_eq!(builtin_named(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn fill_replaces_every_occurrence() {
        let t = "{{id}} {{title}} {{date}} {{type}}\n{{id}}{{id}} {{date}}";
        assert_eq!(
            fill(t, "S-7", "Pay by card", "2025-03-01", "demo"),
            "S-7 Pay by card 2025-03-01 demo\nS-7S-7 2025-03-01"
        );
    }

    #[test]
    fn fill_leaves_other_text_and_inserted_values_alone() {
        assert_eq!(fill("{{other}} {{ id }} {{", "X", "", "", ""), "{{other}} {{ id }} {{");
        assert_eq!(fill("{{{id}}}", "S-1", "", "", ""), "{S-1}");
        assert_eq!(
            fill("{{title}} on {{date}}", "", "Rename {{date}}", "2025-01-02", ""),
            "Rename {{date}} on 2025-01-02"
        );
        for (name, text) in builtin() {
            assert_eq!(fill(text, "a", "b", "c", "d"), *text, "{name} has placeholders");
        }
    }

    #[test]
    fn meeting_type_titles() {
        assert_eq!(meeting_type_title("sprint-review"), "Sprint review");
        assert_eq!(meeting_type_title("daily-standup"), "Daily standup");
        assert_eq!(meeting_type_title("kickoff"), "Kickoff");
        assert_eq!(meeting_type_title("post-launch"), "Post-launch");
        assert_eq!(meeting_type_title("design-sync"), "Design sync");
        assert_eq!(meeting_type_title(""), "");
        for kind in MEETING_TYPES {
            let title = meeting_type_title(kind);
            assert!(title.starts_with(char::is_uppercase), "{kind}");
        }
    }
}
