//! Rules: sprints — overlapping sprints (PO206) and sprints planned beyond their capacity
//! (PO207).

use std::collections::HashMap;

use jiff::civil::Date;

use crate::diag::{Code, Diagnostic};
use crate::model::{Item, Kind, KindData};
use crate::workflow::SprintStatus;

use super::Checker;

/// Run these rules.
pub fn check(cx: &Checker<'_>, out: &mut Vec<Diagnostic>) {
    overlaps(cx, out);
    over_capacity(cx, out);
}

/// Stories listed by name in a PO207 message before "…".
const LISTED: usize = 8;

/// A sprint's first and last day, when both are set and in order (PO112 judges the rest).
fn dates(item: &Item) -> Option<(Date, Date)> {
    match &item.data {
        KindData::Sprint(s) => match (s.start, s.end) {
            (Some(a), Some(b)) if a <= b => Some((a, b)),
            _ => None,
        },
        _ => None,
    }
}

/// PO206: each sprint that starts on or before the last day of an earlier one, at its
/// `start`, naming every earlier sprint it overlaps.
fn overlaps(cx: &Checker<'_>, out: &mut Vec<Diagnostic>) {
    let mut sprints: Vec<(Date, Date, &Item)> = cx.of_kind(Kind::Sprint).filter_map(|s| dates(s).map(|(a, b)| (a, b, s))).collect();
    // A stable sort: of two sprints with the same dates, the later in workspace order reports.
    sprints.sort_by_key(|(a, b, _)| (*a, *b));
    let mut running: Vec<(Date, Date, &Item)> = Vec::new();
    for &(start, end, sprint) in &sprints {
        running.retain(|(_, e, _)| *e >= start);
        if !running.is_empty() {
            let names: Vec<String> = running.iter().map(|(a, b, s)| format!("{} ({a} – {b})", s.id)).collect();
            let last_end = running.iter().map(|(_, e, _)| *e).max().unwrap_or(end);
            let earlier: Vec<&str> = running.iter().map(|(_, _, s)| s.id.as_str()).collect();
            let names = match names.as_slice() {
                [one] => one.clone(),
                [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                [] => String::new(),
            };
            let message = format!("{} ({start} – {end}) overlaps {names}", sprint.id);
            let help = last_end.tomorrow().map_or_else(
                |_| "sprints follow each other: move this one's dates".to_owned(),
                |next| {
                    format!(
                        "sprints follow each other: start {} on {next} or later, or end {} sooner",
                        sprint.id,
                        earlier.join(" and ")
                    )
                },
            );
            out.push(cx.at_field(Code::SprintOverlap, sprint, "start", None, message).help(help));
        }
        running.push((start, end, sprint));
    }
}

/// PO207: sprints not yet closed whose stories (dropped ones aside) add up to more points
/// than `capacity`.
fn over_capacity(cx: &Checker<'_>, out: &mut Vec<Diagnostic>) {
    let mut planned: HashMap<&str, Vec<&Item>> = HashMap::new();
    for story in cx.of_kind(Kind::Story) {
        if let Some(sp) = story.sprint()
            && !story.status().is_some_and(|s| cx.ws.config.workflow.is_dropped(s))
        {
            planned.entry(sp.trim()).or_default().push(story);
        }
    }
    for sprint in cx.of_kind(Kind::Sprint) {
        let KindData::Sprint(s) = &sprint.data else { continue };
        let Some(capacity) = s.capacity else { continue };
        // A closed sprint is history: what it held is reported, not planned, any more.
        if s.status.as_deref() == Some(SprintStatus::Closed.as_str()) {
            continue;
        }
        let stories = planned.get(sprint.id.as_str()).map_or(&[][..], Vec::as_slice);
        let sized: Vec<(&str, u32)> = stories
            .iter()
            .filter_map(|i| Some((i.id.as_str(), i.points().filter(|p| *p > 0)?)))
            .collect();
        let total: u64 = sized.iter().map(|(_, p)| u64::from(*p)).sum();
        if total <= u64::from(capacity) {
            continue;
        }
        let mut list: Vec<String> = sized.iter().take(LISTED).map(|(id, p)| format!("{id} {p}")).collect();
        if sized.len() > LISTED {
            list.push("…".to_owned());
        }
        let message = format!("{} holds {total} points, capacity {capacity} ({})", sprint.id, list.join(", "));
        let help = format!(
            "move {} points to a later sprint (`pobox set <story> sprint=<sprint>`), or raise `capacity` if the team can take more",
            total - u64::from(capacity)
        );
        out.push(cx.at_field(Code::SprintOverCapacity, sprint, "capacity", None, message).help(help));
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::diag::Severity;

    fn run(files: &[(String, String)]) -> Vec<Diagnostic> {
        crate::validate::testing::run_rules("product: Test\n", files, check)
    }

    fn short(d: &[Diagnostic]) -> Vec<String> {
        d.iter()
            .map(|d| format!("{}:{}:{} {} {}", d.path.display(), d.line, d.col, d.code, d.message))
            .collect()
    }

    fn sprint(id: &str, fields: &str) -> (String, String) {
        (
            format!("backlog/sprints/{id}.md"),
            format!("---\nid: {id}\ntitle: {id}\n{fields}---\n"),
        )
    }

    fn story(id: &str, fields: &str) -> (String, String) {
        (
            format!("backlog/stories/{id}.md"),
            format!("---\nid: {id}\ntitle: {id}\n{fields}---\n"),
        )
    }

    #[test]
    fn overlapping_sprints() {
        let d = run(&[
            sprint("SP-1", "start: 2026-11-02\nend: 2026-11-15\n"),
            sprint("SP-2", "start: 2026-11-16\nend: 2026-11-29\n"),
            sprint("SP-3", "start: 2026-11-29\nend: 2026-12-12\n"),
            sprint("SP-4", "start: 2026-11-01\nend: 2026-12-31\n"),
            sprint("SP-5", "start: 2027-01-10\n"),
            sprint("SP-6", "start: 2027-02-10\nend: 2027-02-01\n"),
        ]);
        assert_eq!(
            short(&d),
            [
                "backlog/sprints/SP-1.md:4:8 PO206 SP-1 (2026-11-02 – 2026-11-15) overlaps SP-4 (2026-11-01 – 2026-12-31)",
                "backlog/sprints/SP-2.md:4:8 PO206 SP-2 (2026-11-16 – 2026-11-29) overlaps SP-4 (2026-11-01 – 2026-12-31)",
                "backlog/sprints/SP-3.md:4:8 PO206 SP-3 (2026-11-29 – 2026-12-12) overlaps SP-4 (2026-11-01 – 2026-12-31) and SP-2 (2026-11-16 – 2026-11-29)",
            ]
        );
        assert_eq!(
            d[2].help.as_deref(),
            Some("sprints follow each other: start SP-3 on 2027-01-01 or later, or end SP-4 and SP-2 sooner")
        );
    }

    #[test]
    fn over_capacity_lists_the_stories() {
        let mut files = vec![
            sprint("SP-4", "capacity: 30\n"),
            sprint("SP-5", "capacity: 10\n"),
            sprint("SP-3", "capacity: 1\nstatus: closed\n"),
        ];
        files.push(story("S-14", "points: 5\nsprint: SP-3\nstatus: done\n"));
        for n in 1..=10 {
            files.push(story(
                &format!("S-{n}"),
                &format!("points: {}\nsprint: SP-4\n", if n == 2 { 8 } else { 3 }),
            ));
        }
        files.push(story("S-11", "points: 13\nsprint: SP-4\nstatus: dropped\n"));
        files.push(story("S-12", "sprint: SP-4\n"));
        files.push(story("S-13", "points: 10\nsprint: SP-5\n"));
        let d = run(&files);
        assert_eq!(
            short(&d),
            [
                "backlog/sprints/SP-4.md:4:11 PO207 SP-4 holds 35 points, capacity 30 (S-1 3, S-2 8, S-3 3, S-4 3, S-5 3, S-6 3, S-7 3, S-8 3, …)"
            ]
        );
        assert_eq!(d[0].severity, Severity::Warning);
    }
}
