//! The dependency-aware order (domain §1 "Dependencies" and "Ties"): Kahn's topological
//! sort whose queue of ready items is a priority queue keyed by score, so a prerequisite
//! always comes before the items that depend on it and otherwise the best score comes
//! first. An item placed above one that sorts before it, because that one waits for it, is
//! *pulled ahead*: the order records by which item, so that every view can say so rather
//! than look like a sorting bug.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::path::Path;

use jiff::civil::Date;

use super::natural_cmp;
use crate::validate::dependencies::{Knot, knots};

/// Everything the order looks at for one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Key<'a> {
    /// Lower groups first (MoSCoW class, value/effort quadrant).
    pub group: u8,
    /// Higher first.
    pub score: f64,
    /// Smaller job first; unknown last.
    pub size: Option<f64>,
    /// Higher time criticality first; unknown last.
    pub urgency: Option<f64>,
    /// Earlier due or target date first; unknown last.
    pub due: Option<Date>,
    /// Older first; unknown last.
    pub created: Option<Date>,
    /// Then the id, numbers read as numbers (`S-2` before `S-10`).
    pub id: &'a str,
    /// Then the path, so even duplicated ids order the same on every run.
    pub path: &'a Path,
}

/// `Some` before `None`, and `Some`s by `cmp`.
fn known_first<T>(a: Option<T>, b: Option<T>, cmp: impl FnOnce(T, T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => cmp(a, b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The tie chain of domain §1: group, score desc → smaller job size → higher time
/// criticality → earlier due date → older created → id. `Less` means `a` comes first.
/// Swapping two jobs with equal scores costs nothing (domain §1 "Ties"), so the chain only
/// has to be deterministic; these criteria make it also sensible.
#[must_use]
pub fn compare(a: &Key<'_>, b: &Key<'_>) -> Ordering {
    a.group
        .cmp(&b.group)
        .then_with(|| b.score.total_cmp(&a.score))
        .then_with(|| known_first(a.size, b.size, |x, y| x.total_cmp(&y)))
        .then_with(|| known_first(a.urgency, b.urgency, |x, y| y.total_cmp(&x)))
        .then_with(|| known_first(a.due, b.due, |x, y| x.cmp(&y)))
        .then_with(|| known_first(a.created, b.created, |x, y| x.cmp(&y)))
        .then_with(|| natural_cmp(a.id, b.id))
        .then_with(|| a.path.cmp(b.path))
}

/// The order of some items, with what pulled each ahead of its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ordered {
    /// Indices into the keys, first to last.
    pub items: Vec<usize>,
    /// For each item (by index into the keys): the item, by index, that pulled it ahead,
    /// when one did. That is the first by key of the items that wait for it, directly or
    /// through others, and that its key alone would have placed after.
    pub pulled_by: Vec<Option<usize>>,
}

/// The order of the items `keys`, where `prerequisites[n]` lists the items item `n` waits
/// for.
///
/// The keys are sorted once and each item's place in that sort becomes its heap key, so the
/// heap compares plain numbers: O((n + e) log n).
///
/// # Errors
/// The knots (cycles) when the items cannot all be ordered.
pub fn order(keys: &[Key<'_>], prerequisites: &[Vec<usize>]) -> Result<Ordered, Vec<Knot>> {
    let n = keys.len();
    let mut by_key: Vec<usize> = (0..n).collect();
    by_key.sort_unstable_by(|&a, &b| compare(&keys[a], &keys[b]));
    let mut place = vec![0; n];
    for (p, &i) in by_key.iter().enumerate() {
        place[i] = p;
    }
    let mut waiting_for = vec![0usize; n];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, pre) in prerequisites.iter().enumerate() {
        for &p in pre {
            waiting_for[i] += 1;
            dependents[p].push(i);
        }
    }
    let mut ready: BinaryHeap<Reverse<(usize, usize)>> = (0..n).filter(|&i| waiting_for[i] == 0).map(|i| Reverse((place[i], i))).collect();
    let mut out = Vec::with_capacity(n);
    while let Some(Reverse((_, i))) = ready.pop() {
        out.push(i);
        for &d in &dependents[i] {
            waiting_for[d] -= 1;
            if waiting_for[d] == 0 {
                ready.push(Reverse((place[d], d)));
            }
        }
    }
    if out.len() < n {
        return Err(knots(prerequisites));
    }
    // Walking the order backwards, every item that waits for `i` is seen before `i`: the
    // best-placed of them (directly or further down the chain) is known in one pass.
    let mut first_waiting: Vec<Option<usize>> = vec![None; n];
    for &i in out.iter().rev() {
        let best = dependents[i]
            .iter()
            .flat_map(|&d| [Some(d), first_waiting[d]])
            .flatten()
            .min_by_key(|&d| place[d]);
        first_waiting[i] = best;
    }
    let pulled_by = (0..n).map(|i| first_waiting[i].filter(|&d| place[d] < place[i])).collect();
    Ok(Ordered { items: out, pulled_by })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use proptest::prelude::*;

    use super::*;

    fn key<'a>(id: &'a str, score: f64, path: &'a Path) -> Key<'a> {
        Key {
            group: 0,
            score,
            size: None,
            urgency: None,
            due: None,
            created: None,
            id,
            path,
        }
    }

    #[test]
    fn prerequisites_come_first_then_score() {
        let p = PathBuf::new();
        // S-1 scores lowest but S-3, the best, waits for it.
        let keys = [key("S-1", 1.0, &p), key("S-2", 5.0, &p), key("S-3", 9.0, &p)];
        let order = order(&keys, &[vec![], vec![], vec![0]]).unwrap();
        assert_eq!(order.items, [1, 0, 2]);
        // S-1 comes before S-2, which outscores it, only because S-3 waits for it.
        assert_eq!(order.pulled_by, [Some(2), None, None]);
    }

    #[test]
    fn the_first_by_key_of_the_items_waiting_down_the_chain_pulls() {
        let p = PathBuf::new();
        // S-4 (9) waits for S-3 (2), which waits for S-1 (1); S-2 (5) waits for S-1 too.
        let keys = [key("S-1", 1.0, &p), key("S-2", 5.0, &p), key("S-3", 2.0, &p), key("S-4", 9.0, &p)];
        let order = order(&keys, &[vec![], vec![0], vec![0], vec![2]]).unwrap();
        assert_eq!(order.items, [0, 1, 2, 3]);
        assert_eq!(order.pulled_by, [Some(3), None, Some(3), None]);
        // Nothing waits: nothing is pulled, whatever the scores.
        let free = super::order(&keys, &[vec![], vec![], vec![], vec![]]).unwrap();
        assert_eq!(free.pulled_by, [None; 4]);
        // A prerequisite that outscores what waits for it is in its own place.
        let keys = [key("S-1", 9.0, &p), key("S-2", 1.0, &p)];
        assert_eq!(super::order(&keys, &[vec![], vec![0]]).unwrap().pulled_by, [None, None]);
    }

    #[test]
    fn tie_chain() {
        let p = PathBuf::new();
        let d = |s: &str| s.parse::<Date>().unwrap();
        let base = key("S-10", 3.0, &p);
        let mut smaller = key("S-11", 3.0, &p);
        smaller.size = Some(2.0);
        let mut bigger = key("S-12", 3.0, &p);
        bigger.size = Some(5.0);
        assert_eq!(compare(&smaller, &bigger), Ordering::Less);
        assert_eq!(compare(&smaller, &base), Ordering::Less, "a known size before an unknown one");
        let mut urgent = bigger.clone();
        urgent.urgency = Some(8.0);
        let mut calm = bigger.clone();
        calm.urgency = Some(1.0);
        assert_eq!(compare(&urgent, &calm), Ordering::Less);
        let mut soon = calm.clone();
        soon.due = Some(d("2026-12-01"));
        let mut later = calm.clone();
        later.due = Some(d("2027-01-01"));
        assert_eq!(compare(&soon, &later), Ordering::Less);
        let mut old = later.clone();
        old.created = Some(d("2026-01-01"));
        let mut new = later.clone();
        new.created = Some(d("2026-06-01"));
        assert_eq!(compare(&old, &new), Ordering::Less);
        assert_eq!(compare(&key("S-2", 1.0, &p), &key("S-10", 1.0, &p)), Ordering::Less);
        let mut better = key("S-99", 4.0, &p);
        better.size = Some(20.0);
        assert_eq!(compare(&better, &smaller), Ordering::Less, "score before size");
        let mut must = key("S-99", 0.0, &p);
        must.group = 0;
        let mut should = key("S-1", 99.0, &p);
        should.group = 1;
        assert_eq!(compare(&must, &should), Ordering::Less, "group before score");
    }

    #[test]
    fn a_cycle_is_an_error_with_the_cycle() {
        let p = PathBuf::new();
        let keys = [key("S-1", 1.0, &p), key("S-2", 1.0, &p), key("S-3", 1.0, &p)];
        let err = order(&keys, &[vec![], vec![2], vec![1]]).unwrap_err();
        assert_eq!(err[0].cycle, [1, 2]);
    }

    /// A random DAG: each item may wait for items with smaller numbers, scores drawn from a
    /// small set so ties happen.
    fn dag() -> impl Strategy<Value = (Vec<u8>, Vec<Vec<usize>>)> {
        (1usize..40).prop_flat_map(|n| {
            let scores = proptest::collection::vec(0u8..5, n);
            let edges = (0..n)
                .map(|i| proptest::collection::vec(0..i.max(1), if i == 0 { 0..1 } else { 0..4 }))
                .collect::<Vec<_>>();
            (scores, edges)
        })
    }

    proptest! {
        #[test]
        fn prerequisites_precede_and_the_order_is_a_permutation((scores, edges) in dag()) {
            let p = PathBuf::new();
            let ids: Vec<String> = (0..scores.len()).map(|i| format!("S-{i}")).collect();
            let keys: Vec<Key<'_>> = ids.iter().zip(&scores).map(|(id, s)| key(id, f64::from(*s), &p)).collect();
            let ordered = order(&keys, &edges).unwrap();
            let out = ordered.items;
            for (i, by) in ordered.pulled_by.iter().enumerate() {
                if let Some(&d) = by.as_ref() {
                    prop_assert!(compare(&keys[d], &keys[i]) == Ordering::Less, "{} pulled by a worse {}", i, d);
                }
            }
            let mut seen = out.clone();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..scores.len()).collect::<Vec<_>>());
            let mut pos = vec![0; out.len()];
            for (k, &i) in out.iter().enumerate() {
                pos[i] = k;
            }
            for (i, pre) in edges.iter().enumerate() {
                for &q in pre {
                    prop_assert!(pos[q] < pos[i], "{} waits for {} but comes first", i, q);
                }
            }
        }

        #[test]
        fn file_order_does_not_matter((scores, edges) in dag(), seed in any::<u64>()) {
            let p = PathBuf::new();
            let n = scores.len();
            let ids: Vec<String> = (0..n).map(|i| format!("S-{i}")).collect();
            let keys: Vec<Key<'_>> = ids.iter().zip(&scores).map(|(id, s)| key(id, f64::from(*s), &p)).collect();
            let first: Vec<&str> = order(&keys, &edges).unwrap().items.into_iter().map(|i| ids[i].as_str()).collect();
            // The same items in another file order: shuffle[new] = old.
            let mut shuffle: Vec<usize> = (0..n).collect();
            let mut state = seed | 1;
            for i in (1..n).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                shuffle.swap(i, usize::try_from(state % (i as u64 + 1)).unwrap());
            }
            let mut new_of = vec![0; n];
            for (new, &old) in shuffle.iter().enumerate() {
                new_of[old] = new;
            }
            let keys2: Vec<Key<'_>> = shuffle.iter().map(|&old| keys[old].clone()).collect();
            let edges2: Vec<Vec<usize>> = shuffle.iter().map(|&old| edges[old].iter().map(|&q| new_of[q]).collect()).collect();
            let second: Vec<&str> = order(&keys2, &edges2).unwrap().items.into_iter().map(|i| keys2[i].id).collect();
            prop_assert_eq!(first, second);
        }
    }
}
