//! Rules: dependencies — cycles in `depends_on` (PO204) and items ranked or planned before
//! a prerequisite that is not done (PO205). Domain reference §1 "Dependencies" and S007.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::diag::{Code, Diagnostic};
use crate::model::{Item, Kind, KindData};
use crate::workflow::SprintStatus;

use super::Checker;

/// Run these rules.
pub fn check(cx: &Checker<'_>, out: &mut Vec<Diagnostic>) {
    let graph = Graph::of(cx);
    cycles(cx, &graph, out);
    unfinished_prerequisites(cx, &graph, out);
}

/// Stories and epics as numbered nodes, in workspace order, with their `depends_on` links.
struct Graph<'a> {
    nodes: Vec<&'a Item>,
    /// Per node: (target node, index of the element in `depends_on`).
    links: Vec<Vec<(usize, usize)>>,
}

impl<'a> Graph<'a> {
    fn of(cx: &Checker<'a>) -> Self {
        let nodes: Vec<&Item> = cx.items().filter(|i| matches!(i.kind, Kind::Story | Kind::Epic)).collect();
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(nodes.len());
        for (n, item) in nodes.iter().enumerate() {
            index.entry(item.id.as_str()).or_insert(n);
        }
        let links = nodes
            .iter()
            .map(|item| {
                depends_on(item)
                    .iter()
                    .enumerate()
                    .filter_map(|(i, t)| Some((*index.get(t.trim())?, i)))
                    .collect()
            })
            .collect();
        Graph { nodes, links }
    }
}

fn depends_on(item: &Item) -> &[String] {
    match &item.data {
        KindData::Story(s) => &s.depends_on,
        KindData::Epic(e) => &e.depends_on,
        _ => &[],
    }
}

fn rank(item: &Item) -> Option<f64> {
    match &item.data {
        KindData::Story(s) => s.rank,
        KindData::Epic(e) => e.rank,
        _ => None,
    }
}

/// One knot of items that depend on each other: a strongly connected set of nodes with a
/// cycle through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Knot {
    /// A shortest cycle through the knot's smallest node, starting there: `[a, b, c]` means
    /// a → b → c → a. A node that depends on itself gives `[a]`.
    pub cycle: Vec<usize>,
    /// Every node of the knot, ascending.
    pub members: Vec<usize>,
}

/// Every knot of the graph whose node `n` has the edges `edges[n]`, ordered by smallest
/// node. Linear in nodes plus edges and iterative (Tarjan's algorithm with an explicit
/// stack, then a breadth-first search per knot), so 100 000-item chains cannot overflow the
/// stack.
#[must_use]
pub fn knots(edges: &[Vec<usize>]) -> Vec<Knot> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![UNSEEN; n];
    let mut components = 0;
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        order[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        calls.push((root, 0));
        while let Some((v, next)) = calls.last_mut() {
            let v = *v;
            if let Some(&w) = edges[v].get(*next) {
                *next += 1;
                if order[w] == UNSEEN {
                    order[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(u, _)) = calls.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = components;
                    if w == v {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); components];
    for v in 0..n {
        members[component[v]].push(v);
    }
    let mut parent = vec![UNSEEN; n];
    let mut found = Vec::new();
    let mut queue = std::collections::VecDeque::new();
    for v in 0..n {
        let c = component[v];
        let group = std::mem::take(&mut members[c]);
        // Nodes ascend, so the first member of a component met is its smallest; taking the
        // list leaves an empty one behind, so later members skip it.
        if group.first() != Some(&v) {
            continue;
        }
        if group.len() == 1 && !edges[v].contains(&v) {
            continue;
        }
        // Shortest way from v back to v inside the component.
        queue.clear();
        queue.push_back(v);
        let mut last = None;
        'search: while let Some(u) = queue.pop_front() {
            for &w in &edges[u] {
                if w == v {
                    last = Some(u);
                    break 'search;
                }
                if component[w] == c && parent[w] == UNSEEN {
                    parent[w] = u;
                    queue.push_back(w);
                }
            }
        }
        let mut cycle = Vec::new();
        let mut at = last.unwrap_or(v);
        while at != v {
            cycle.push(at);
            at = parent[at];
        }
        cycle.push(v);
        cycle.reverse();
        found.push(Knot { cycle, members: group });
    }
    found
}

/// "S-1, S-2, S-3" with at most `max` ids, then "…".
fn id_list<'a>(ids: impl ExactSizeIterator<Item = &'a str>, max: usize) -> String {
    let total = ids.len();
    let mut s: Vec<&str> = ids.take(max).collect();
    if total > max {
        s.push("…");
    }
    s.join(", ")
}

/// Cycles longer than this are printed with their middle left out.
const LONG_CYCLE: usize = 20;

/// PO204: one error per knot, at the `depends_on` element of its first item that starts the
/// printed cycle.
fn cycles(cx: &Checker<'_>, g: &Graph<'_>, out: &mut Vec<Diagnostic>) {
    let edges: Vec<Vec<usize>> = g.links.iter().map(|l| l.iter().map(|(t, _)| *t).collect()).collect();
    for knot in knots(&edges) {
        let first = knot.cycle[0];
        let second = knot.cycle.get(1).copied().unwrap_or(first);
        let element = g.links[first].iter().find(|(t, _)| *t == second).map(|(_, i)| *i);
        let id = |n: &usize| g.nodes[*n].id.clone();
        let mut path: Vec<String> = if knot.cycle.len() > LONG_CYCLE {
            let tail = knot.cycle.len() - 9;
            let mut p: Vec<String> = knot.cycle[..10].iter().map(id).collect();
            p.push(format!("… ({} more)", tail - 10));
            p.extend(knot.cycle[tail..].iter().map(id));
            p
        } else {
            knot.cycle.iter().map(id).collect()
        };
        path.push(id(&first));
        let mut message = format!("dependency cycle: {}", path.join(" → "));
        let on_cycle: HashSet<usize> = knot.cycle.iter().copied().collect();
        let others: Vec<&str> = knot
            .members
            .iter()
            .filter(|m| !on_cycle.contains(m))
            .map(|m| g.nodes[*m].id.as_str())
            .collect();
        if !others.is_empty() {
            message = format!("{message} (also tangled in it: {})", id_list(others.into_iter(), 8));
        }
        let help = if knot.cycle.len() == 1 {
            format!("remove `{}` from its own `depends_on`", g.nodes[first].id)
        } else {
            "each arrow points at a prerequisite; remove one of these `depends_on` entries to break the cycle".to_owned()
        };
        out.push(
            cx.at_field(Code::DependencyCycle, g.nodes[first], "depends_on", element, message)
                .help(help),
        );
    }
}

/// A rank as written: `3`, `2.5`.
fn shown_rank(r: f64) -> String {
    if r.fract() == 0.0 && r.abs() < 1e15 {
        format!("{r:.0}")
    } else {
        r.to_string()
    }
}

/// PO205: (a) a story planned into a sprint before its prerequisite can be done; (b) an item
/// ranked above a prerequisite of its kind that is not done.
fn unfinished_prerequisites(cx: &Checker<'_>, g: &Graph<'_>, out: &mut Vec<Diagnostic>) {
    let config = &cx.ws.config;
    let finished = |item: &Item| item.status().is_some_and(|s| config.workflow.is_done(s));
    let sprint = |id: &str| cx.all_with_id(id).iter().copied().find(|i| i.kind == Kind::Sprint);
    let start = |item: &Item| -> Option<Date> {
        match &item.data {
            KindData::Sprint(s) => s.start,
            _ => None,
        }
    };
    for (n, x) in g.nodes.iter().enumerate() {
        if finished(x) || x.status().is_some_and(|s| config.workflow.is_dropped(s)) {
            continue;
        }
        let planned = x.sprint().map(str::trim).filter(|s| !s.is_empty());
        for &(p_node, element) in &g.links[n] {
            let p = g.nodes[p_node];
            if p_node == n || finished(p) {
                continue;
            }
            let status = p.status().unwrap_or("no status");
            let help_for_dropped = p
                .status()
                .is_some_and(|s| config.workflow.is_dropped(s))
                .then(|| format!("{} was dropped: remove it from `depends_on`, or take it up again", p.id));
            if let Some(sx) = planned {
                let problem = match p.sprint().map(str::trim).filter(|s| !s.is_empty()) {
                    Some(sp) if sp == sx => None,
                    Some(sp) => match (sprint(sx), sprint(sp)) {
                        (Some(xs), Some(ps)) => match (start(xs), start(ps)) {
                            (Some(a), Some(b)) if b > a => Some(format!("is planned into {sp}, which starts later ({b})")),
                            (Some(a), Some(b)) if b < a && ps.status() == Some(SprintStatus::Closed.as_str()) => {
                                Some(format!("was left unfinished in {sp}, which is closed"))
                            }
                            _ => None,
                        },
                        _ => None,
                    },
                    None if p.kind == Kind::Story => Some(format!("is not planned into {sx} or an earlier sprint")),
                    None => Some(String::new()),
                };
                if let Some(problem) = problem {
                    let sep = if problem.is_empty() { "" } else { " and " };
                    let message = format!(
                        "{} is planned into {sx}, but its prerequisite {} is not done (status: {status}){sep}{problem}",
                        x.id, p.id
                    );
                    let help = help_for_dropped.clone().unwrap_or_else(|| {
                        if p.kind == Kind::Story {
                            format!(
                                "plan {} into {sx} or an earlier sprint (`pobox set {} sprint={sx}`), or move {} to a later sprint",
                                p.id, p.id, x.id
                            )
                        } else {
                            format!("finish {} first, or move {} to a later sprint", p.id, x.id)
                        }
                    });
                    out.push(
                        cx.at_field(Code::UnfinishedPrerequisite, x, "depends_on", Some(element), message)
                            .help(help),
                    );
                    continue;
                }
            }
            // Stories and epics are ranked in separate orders.
            let Some(rx) = rank(x) else { continue };
            if p.kind != x.kind {
                continue;
            }
            let what = match rank(p) {
                Some(rp) if rp > rx => format!("rank {}", shown_rank(rp)),
                Some(_) => continue,
                None => "no rank".to_owned(),
            };
            let message = format!(
                "{} is ranked {}, above its prerequisite {}, which is not done (status: {status}, {what})",
                x.id,
                shown_rank(rx),
                p.id
            );
            let help = help_for_dropped.unwrap_or_else(|| {
                format!(
                    "give {} a smaller rank than {} (`pobox set {} rank=…`), or rank {} lower",
                    p.id,
                    shown_rank(rx),
                    p.id,
                    x.id
                )
            });
            out.push(
                cx.at_field(Code::UnfinishedPrerequisite, x, "depends_on", Some(element), message)
                    .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    fn run(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        crate::validate::testing::run_rules("product: Test\n", files, check)
    }

    fn short(d: &[Diagnostic]) -> Vec<String> {
        d.iter()
            .map(|d| format!("{}:{}:{} {} {}", d.path.display(), d.line, d.col, d.code, d.message))
            .collect()
    }

    fn story(id: &str, extra: &str) -> (String, String) {
        (
            format!("backlog/stories/{id}.md"),
            format!("---\nid: {id}\ntitle: {id}\n{extra}---\n"),
        )
    }

    fn run_owned(files: &[(String, String)]) -> Vec<Diagnostic> {
        let borrowed: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        run(&borrowed)
    }

    #[test]
    fn knots_of_small_graphs() {
        assert_eq!(knots(&[vec![1], vec![2], vec![]]), []);
        assert_eq!(
            knots(&[vec![0]]),
            [Knot {
                cycle: vec![0],
                members: vec![0]
            }]
        );
        // 0 → 1 → 2 → 0 and 2 → 3 → 2: one knot, shortest cycle through 0.
        let k = knots(&[vec![1], vec![2], vec![3, 0], vec![2]]);
        assert_eq!(
            k,
            [Knot {
                cycle: vec![0, 1, 2],
                members: vec![0, 1, 2, 3]
            }]
        );
        // Two separate knots, ordered by smallest node, each starting at it.
        let k = knots(&[vec![], vec![4], vec![3], vec![2], vec![1]]);
        assert_eq!(k.iter().map(|k| k.cycle.clone()).collect::<Vec<_>>(), [vec![1, 4], vec![2, 3]]);
    }

    #[test]
    fn knots_scale_to_100k_without_recursion() {
        let n = 100_000;
        let mut chain: Vec<Vec<usize>> = (0..n).map(|i| if i + 1 < n { vec![i + 1] } else { vec![] }).collect();
        let t = Instant::now();
        assert!(knots(&chain).is_empty());
        chain[n - 1].push(0);
        let k = knots(&chain);
        assert_eq!(k.len(), 1);
        assert_eq!(k[0].cycle.len(), n);
        assert_eq!(k[0].cycle[..3], [0, 1, 2]);
        // Reversed numbering: the DFS goes deep from the other end.
        let back: Vec<Vec<usize>> = (0..n).map(|i| vec![if i == 0 { n - 1 } else { i - 1 }]).collect();
        let k = knots(&back);
        assert_eq!(k[0].cycle[..3], [0, n - 1, n - 2]);
        assert!(t.elapsed().as_secs() < 10, "took {:?}", t.elapsed());
    }

    #[test]
    fn cycles_are_reported_once_at_the_first_item() {
        let d = run_owned(&[
            story("S-3", "depends_on: [S-1, S-7]\n"),
            story("S-7", "depends_on:\n  - S-3\n"),
            story("S-8", "depends_on: [S-8]\n"),
            story("S-9", "depends_on: [S-3]\n"),
        ]);
        assert_eq!(
            short(&d),
            [
                "backlog/stories/S-3.md:4:19 PO204 dependency cycle: S-3 → S-7 → S-3",
                "backlog/stories/S-8.md:4:14 PO204 dependency cycle: S-8 → S-8",
            ]
        );
    }

    #[test]
    fn long_cycles_and_knots_are_shortened() {
        let mut files: Vec<_> = (1..=25)
            .map(|n| story(&format!("S-{n}"), &format!("depends_on: [S-{}]\n", n % 25 + 1)))
            .collect();
        files.push(story("S-26", "depends_on: [S-27]\n"));
        files.push(story("S-27", "depends_on: [S-28, S-26]\n"));
        files.push(story("S-28", "depends_on: [S-27]\n"));
        let d = run_owned(&files);
        assert_eq!(
            short(&d),
            [
                "backlog/stories/S-1.md:4:14 PO204 dependency cycle: S-1 → S-2 → S-3 → S-4 → S-5 → S-6 → S-7 → S-8 → S-9 → S-10 → … (6 more) → \
                 S-17 → S-18 → S-19 → S-20 → S-21 → S-22 → S-23 → S-24 → S-25 → S-1",
                "backlog/stories/S-26.md:4:14 PO204 dependency cycle: S-26 → S-27 → S-26 (also tangled in it: S-28)",
            ]
        );
    }

    #[test]
    fn planned_before_prerequisite() {
        let d = run_owned(&[
            (
                "backlog/sprints/SP-1.md".into(),
                "---\nid: SP-1\ntitle: One\nstart: 2026-11-02\nend: 2026-11-15\nstatus: closed\n---\n".into(),
            ),
            (
                "backlog/sprints/SP-2.md".into(),
                "---\nid: SP-2\ntitle: Two\nstart: 2026-11-16\nend: 2026-11-29\n---\n".into(),
            ),
            (
                "backlog/sprints/SP-3.md".into(),
                "---\nid: SP-3\ntitle: Three\nstart: 2026-11-30\nend: 2026-12-13\n---\n".into(),
            ),
            story("S-1", "status: done\n"),
            story("S-2", "status: ready\nsprint: SP-2\n"),
            story("S-3", "status: ready\nsprint: SP-3\n"),
            story("S-4", "status: in-progress\nsprint: SP-1\n"),
            story("S-5", "status: ready\n"),
            story("S-6", "status: ready\nsprint: SP-2\ndepends_on: [S-1, S-2, S-3, S-4, S-5]\n"),
            story("S-7", "status: done\nsprint: SP-2\ndepends_on: [S-5]\n"),
        ]);
        assert_eq!(
            short(&d),
            [
                "backlog/stories/S-6.md:6:24 PO205 S-6 is planned into SP-2, but its prerequisite S-3 is not done (status: ready) and is planned into SP-3, which starts later (2026-11-30)",
                "backlog/stories/S-6.md:6:29 PO205 S-6 is planned into SP-2, but its prerequisite S-4 is not done (status: in-progress) and was left unfinished in SP-1, which is closed",
                "backlog/stories/S-6.md:6:34 PO205 S-6 is planned into SP-2, but its prerequisite S-5 is not done (status: ready) and is not planned into SP-2 or an earlier sprint",
            ]
        );
    }

    #[test]
    fn ranked_above_prerequisite() {
        let d = run_owned(&[
            story("S-1", "status: ready\nrank: 5\n"),
            story("S-2", "status: ready\n"),
            story("S-3", "status: done\nrank: 9\n"),
            story("S-4", "status: ready\nrank: 1\n"),
            story("S-5", "rank: 2.5\ndepends_on: [S-1, S-2, S-3, S-4]\n"),
            (
                "backlog/epics/E-1.md".into(),
                "---\nid: E-1\ntitle: E\nstatus: draft\nrank: 9\n---\n".into(),
            ),
            story("S-6", "rank: 1\ndepends_on: [E-1]\n"),
        ]);
        assert_eq!(
            short(&d),
            [
                "backlog/stories/S-5.md:5:14 PO205 S-5 is ranked 2.5, above its prerequisite S-1, which is not done (status: ready, rank 5)",
                "backlog/stories/S-5.md:5:19 PO205 S-5 is ranked 2.5, above its prerequisite S-2, which is not done (status: ready, no rank)",
            ]
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("give S-1 a smaller rank than 2.5 (`pobox set S-1 rank=…`), or rank S-5 lower")
        );
    }
}
