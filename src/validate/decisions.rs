//! Rules PO401–PO405: decision records keep the ADR convention's promises.
//!
//! A superseded decision names its successor by being named in the successor's
//! `supersedes` (PO401), the decision an accepted record supersedes is marked superseded (PO402), no
//! chain of replacements runs in a circle (PO403), an accepted decision says when and by
//! whom (PO404), and a decider written as a handle is a stakeholder (PO405). Whether
//! `supersedes` and `related` name existing items is PO202's business, as for every field;
//! a meeting's `## Decisions` entry naming an unknown `D-3` is PO203's.

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic};
use crate::model::item::Decision;
use crate::model::read::is_handle;
use crate::model::{Item, Kind};
use crate::workflow::DecisionStatus;

use super::Checker;
use super::dependencies::knots;

/// Run these rules.
pub fn check(cx: &Checker<'_>, out: &mut Vec<Diagnostic>) {
    let decisions: Vec<(&Item, &Decision)> = cx.of_kind(Kind::Decision).filter_map(|i| Some((i, i.as_decision()?))).collect();
    let status = |d: &Decision| DecisionStatus::of(d.status.as_deref());
    // Who supersedes each decision, by id.
    let mut successors: HashMap<&str, Vec<&str>> = HashMap::new();
    for (item, d) in &decisions {
        for target in &d.supersedes {
            successors.entry(target.trim()).or_default().push(item.id.as_str());
        }
    }
    for (item, d) in &decisions {
        if status(d) == Some(DecisionStatus::Superseded) && !successors.contains_key(item.id.as_str()) {
            out.push(
                cx.at_field(
                    Code::SupersededWithoutSuccessor,
                    item,
                    "status",
                    None,
                    format!("{} is superseded, but no decision supersedes it", item.id),
                )
                .help(format!(
                    "add `supersedes: [{}]` to the decision that replaced it, or `pobox decision new \"<title>\" --supersedes {}`",
                    item.id, item.id
                )),
            );
        }
        // A proposed (or rejected) decision does not yet replace anything.
        let in_force_once = matches!(status(d), Some(DecisionStatus::Accepted | DecisionStatus::Superseded));
        for (n, target) in d.supersedes.iter().enumerate().filter(|_| in_force_once) {
            let Some(old) = cx.all_with_id(target.trim()).iter().find_map(|i| i.as_decision()) else {
                continue;
            };
            if status(old) == Some(DecisionStatus::Superseded) {
                continue;
            }
            let now = old
                .status
                .as_deref()
                .map_or_else(|| "has no status".to_owned(), |s| format!("is {s}"));
            out.push(
                cx.at_field(
                    Code::SupersedesNotSuperseded,
                    item,
                    "supersedes",
                    Some(n),
                    format!("{} supersedes {target}, but {target} {now}, not superseded", item.id),
                )
                .help(format!("run `pobox decision move {target} superseded`")),
            );
        }
        if status(d) == Some(DecisionStatus::Accepted) {
            let missing: Vec<&str> = [("date", d.date.is_none()), ("deciders", d.deciders.is_empty())]
                .into_iter()
                .filter_map(|(k, m)| m.then_some(k))
                .collect();
            if !missing.is_empty() {
                out.push(
                    cx.at_field(
                        Code::AcceptedWithoutRecord,
                        item,
                        "status",
                        None,
                        format!("{} is accepted but has no {}", item.id, missing.join(" and no ")),
                    )
                    .help("an accepted decision says when it was taken (`date: YYYY-MM-DD`) and who took it (`deciders: [dana]`)"),
                );
            }
        }
        for (n, decider) in d.deciders.iter().enumerate() {
            let decider = decider.trim();
            // Names ("Dana Smith") are welcome; only what looks like a handle must be one.
            if !is_handle(decider) || cx.all_with_id(decider).iter().any(|i| i.kind == Kind::Stakeholder) {
                continue;
            }
            out.push(
                cx.at_field(
                    Code::DeciderNotStakeholder,
                    item,
                    "deciders",
                    Some(n),
                    format!("decider `{decider}` is not a stakeholder's handle"),
                )
                .help(format!(
                    "create them with `pobox stakeholder new {decider}`, fix the handle, or write their full name"
                )),
            );
        }
    }
    cycles(cx, &decisions, out);
}

/// PO403: decisions that supersede each other in a circle, reported once per circle at its
/// first decision.
fn cycles(cx: &Checker<'_>, decisions: &[(&Item, &Decision)], out: &mut Vec<Diagnostic>) {
    let index: HashMap<&str, usize> = decisions.iter().enumerate().map(|(n, (i, _))| (i.id.as_str(), n)).collect();
    let edges: Vec<Vec<usize>> = decisions
        .iter()
        .map(|(_, d)| d.supersedes.iter().filter_map(|t| index.get(t.trim()).copied()).collect())
        .collect();
    for knot in knots(&edges) {
        let first = decisions[knot.cycle[0]].0;
        let mut path: Vec<&str> = knot.cycle.iter().map(|n| decisions[*n].0.id.as_str()).collect();
        path.push(first.id.as_str());
        out.push(
            cx.at_field(
                Code::SupersedesCycle,
                first,
                "supersedes",
                None,
                format!("supersedes cycle: {}", path.join(" → ")),
            )
            .help("a decision can only replace an earlier one; remove one of these `supersedes` entries"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(files: &[(&str, &str)]) -> Vec<String> {
        let config = "product: Test\n";
        crate::validate::testing::run_rules(config, files, check)
            .iter()
            .map(|d| format!("{}:{} {} {}", d.path.display(), d.line, d.code, d.message))
            .collect()
    }

    const DANA: (&str, &str) = ("backlog/stakeholders/dana.md", "---\nid: dana\ntitle: Dana\n---\n");

    #[test]
    fn a_sound_chain_of_decisions_passes() {
        let found = run(&[
            DANA,
            (
                "backlog/decisions/D-1.md",
                "---\nid: D-1\ntitle: MySQL\nstatus: superseded\ndate: 2026-01-02\ndeciders: [dana]\n---\n",
            ),
            (
                "backlog/decisions/D-2.md",
                "---\nid: D-2\ntitle: Postgres\nstatus: accepted\ndate: 2026-03-02\ndeciders: [dana, Li Ng]\nsupersedes: [D-1]\n---\n",
            ),
            ("backlog/decisions/D-3.md", "---\nid: D-3\ntitle: Redis\nstatus: proposed\n---\n"),
        ]);
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn each_broken_promise_is_found() {
        let found = run(&[
            DANA,
            ("backlog/decisions/D-1.md", "---\nid: D-1\ntitle: A\nstatus: superseded\n---\n"),
            (
                "backlog/decisions/D-2.md",
                "---\nid: D-2\ntitle: B\nstatus: accepted\ndeciders: [dana, bob]\nsupersedes: [D-3]\n---\n",
            ),
            (
                "backlog/decisions/D-3.md",
                "---\nid: D-3\ntitle: C\nstatus: accepted\ndate: 2026-01-01\ndeciders: [dana]\n---\n",
            ),
            (
                "backlog/decisions/D-4.md",
                "---\nid: D-4\ntitle: D\nstatus: rejected\nsupersedes: [D-5]\n---\n",
            ),
            (
                "backlog/decisions/D-6.md",
                "---\nid: D-6\ntitle: F\nstatus: proposed\nsupersedes: [D-3]\n---\n",
            ),
            (
                "backlog/decisions/D-5.md",
                "---\nid: D-5\ntitle: E\nstatus: superseded\nsupersedes: [D-4]\n---\n",
            ),
        ]);
        assert_eq!(
            found,
            [
                "backlog/decisions/D-1.md:4 PO401 D-1 is superseded, but no decision supersedes it",
                "backlog/decisions/D-2.md:4 PO404 D-2 is accepted but has no date",
                "backlog/decisions/D-2.md:5 PO405 decider `bob` is not a stakeholder's handle",
                "backlog/decisions/D-2.md:6 PO402 D-2 supersedes D-3, but D-3 is accepted, not superseded",
                "backlog/decisions/D-4.md:5 PO403 supersedes cycle: D-4 → D-5 → D-4",
                "backlog/decisions/D-5.md:5 PO402 D-5 supersedes D-4, but D-4 is rejected, not superseded",
            ]
        );
    }
}
