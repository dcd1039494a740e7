//! Spaced ranks: the `rank:` values `prioritize --write` stores.
//!
//! A new order should rewrite as few files as possible. The ranks that are already in the
//! right relative order along the new order are kept — the longest strictly increasing
//! subsequence of the current ranks — and every other item gets a value between its kept
//! neighbours. So moving or inserting one item rewrites one file. A new list starts at
//! 1000 with steps of 1000, which leaves room for many insertions between any two items.

/// The first rank of a new list, and the step between ranks appended at the end.
pub const STEP: f64 = 1000.0;

/// How many kept neighbours may be renumbered to make room for whole-number ranks before
/// settling for fractions (`2.5`) between the original neighbours.
const WINDOW: usize = 8;

/// New ranks for items in their new order, given their current ranks (`None`: unranked).
/// The result ascends strictly; every current rank on the longest increasing run of them
/// is kept as it is. Ranks that are not finite numbers above 0 are always replaced.
#[must_use]
pub fn spaced_ranks(current: &[Option<f64>]) -> Vec<f64> {
    let n = current.len();
    let usable: Vec<Option<f64>> = current.iter().map(|r| r.filter(|r| r.is_finite() && *r > 0.0)).collect();
    let mut kept = longest_increasing(&usable);
    let rank = |j: usize| usable[j].unwrap_or(0.0);
    let bounds = |s: usize, e: usize| (if s == 0 { 0.0 } else { rank(s - 1) }, if e == n { None } else { Some(rank(e)) });
    // Gaps of items to renumber: [start, end) and whether fractions are allowed.
    let mut gaps: Vec<(usize, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < n {
        if kept[i] {
            i += 1;
            continue;
        }
        let s0 = i;
        let mut e0 = i;
        while e0 < n && !kept[e0] {
            e0 += 1;
        }
        let (s, e, fractions) = window(&kept, s0, e0, &bounds);
        kept[s..e].iter_mut().for_each(|k| *k = false);
        while gaps.last().is_some_and(|g| g.0 >= s) {
            gaps.pop();
        }
        gaps.push((s, e, fractions));
        i = e;
    }
    let mut out: Vec<f64> = (0..n).map(rank).collect();
    for (s, e, fractions) in gaps {
        let (lo, hi) = bounds(s, e);
        let k = e - s;
        for (step_no, slot) in out[s..e].iter_mut().enumerate() {
            let i = (step_no + 1) as f64;
            *slot = match hi {
                None => ((lo / STEP).floor() + i) * STEP,
                Some(hi) if !fractions => {
                    let (a, b) = (lo.floor(), hi.ceil());
                    a + ((b - a) / (k as f64 + 1.0) * i).floor()
                }
                Some(hi) => {
                    let step = (hi - lo) / (k as f64 + 1.0);
                    let v = lo + step * i;
                    // Three decimals are easier to read and still strictly between.
                    if step >= 0.002 { (v * 1000.0).round() / 1000.0 } else { v }
                }
            };
        }
    }
    out
}

/// The gap to renumber around the items `[s0, e0)` that have no kept rank: the smallest
/// window of up to [`WINDOW`] kept neighbours on each side (the later side first) in which
/// whole numbers fit, else fractions in the gap itself, else everything to the end.
fn window(kept: &[bool], s0: usize, e0: usize, bounds: &impl Fn(usize, usize) -> (f64, Option<f64>)) -> (usize, usize, bool) {
    let n = kept.len();
    // ends[r]: the gap's end after taking in r kept neighbours after it; starts[l] likewise.
    let mut ends = vec![e0];
    let mut e = e0;
    while ends.len() <= WINDOW && e < n {
        e += 1;
        while e < n && !kept[e] {
            e += 1;
        }
        ends.push(e);
    }
    let mut starts = vec![s0];
    let mut s = s0;
    while starts.len() <= WINDOW && s > 0 {
        s -= 1;
        while s > 0 && !kept[s - 1] {
            s -= 1;
        }
        starts.push(s);
    }
    for w in 0..ends.len() + starts.len() - 1 {
        for r in (0..=w).rev() {
            let l = w - r;
            let (Some(&e), Some(&s)) = (ends.get(r), starts.get(l)) else {
                continue;
            };
            let (lo, hi) = bounds(s, e);
            if whole_numbers_fit(lo, hi, e - s) {
                return (s, e, false);
            }
        }
    }
    let (lo, hi) = bounds(s0, e0);
    if fractions_fit(lo, hi, e0 - s0) {
        return (s0, e0, true);
    }
    (s0, n, false)
}

/// Whether `k` whole numbers fit strictly between `lo` and `hi` (no `hi`: the end).
fn whole_numbers_fit(lo: f64, hi: Option<f64>, k: usize) -> bool {
    match hi {
        None => true,
        Some(hi) => hi.ceil() - lo.floor() - 1.0 >= k as f64,
    }
}

/// Whether `k` distinct numbers fit strictly between `lo` and `hi`.
fn fractions_fit(lo: f64, hi: Option<f64>, k: usize) -> bool {
    match hi {
        None => true,
        Some(hi) => {
            let step = (hi - lo) / (k as f64 + 1.0);
            step > hi.abs().max(1.0) * 1e-9
        }
    }
}

/// Which positions form a longest strictly increasing subsequence of the known values
/// (patience sorting, O(n log n)).
fn longest_increasing(values: &[Option<f64>]) -> Vec<bool> {
    const NONE: usize = usize::MAX;
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![NONE; values.len()];
    for (j, v) in values.iter().enumerate() {
        let Some(v) = *v else { continue };
        let pos = tails.partition_point(|&t| values[t].unwrap_or(f64::NEG_INFINITY) < v);
        prev[j] = if pos > 0 { tails[pos - 1] } else { NONE };
        if pos == tails.len() {
            tails.push(j);
        } else {
            tails[pos] = j;
        }
    }
    let mut kept = vec![false; values.len()];
    let mut at = tails.last().copied().unwrap_or(NONE);
    while at != NONE {
        kept[at] = true;
        at = prev[at];
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strictly_ascending(r: &[f64]) -> bool {
        r.windows(2).all(|w| w[0] < w[1])
    }

    #[test]
    fn a_new_list_starts_at_1000_in_steps_of_1000() {
        assert_eq!(spaced_ranks(&[None, None, None]), [1000.0, 2000.0, 3000.0]);
        assert_eq!(spaced_ranks(&[]), Vec::<f64>::new());
    }

    #[test]
    fn ranks_in_order_are_kept() {
        // Along the new order: 50, 10, 20, 90, 30 — the run 10, 20, 30 is kept, 50 moves
        // in front of 10 and 90 between 20 and 30.
        let current = [Some(50.0), Some(10.0), Some(20.0), Some(90.0), Some(30.0)];
        assert_eq!(spaced_ranks(&current), [5.0, 10.0, 20.0, 25.0, 30.0]);
        assert_eq!(spaced_ranks(&[Some(10.0), Some(20.0)]), [10.0, 20.0]);
    }

    #[test]
    fn inserting_one_item_into_100_changes_one_rank() {
        let ranked: Vec<Option<f64>> = (1..=100).map(|i| Some(f64::from(i) * 1000.0)).collect();
        for at in [0, 1, 50, 99, 100] {
            let mut current = ranked.clone();
            current.insert(at, None);
            let r = spaced_ranks(&current);
            assert!(strictly_ascending(&r));
            let changed = r.iter().zip(&current).filter(|(a, b)| Some(**a) != **b).count();
            assert_eq!(changed, 1, "insert at {at}: {r:?}");
        }
        // Moving one item also rewrites one file.
        let mut current = ranked.clone();
        let moved = current.remove(70);
        current.insert(3, moved);
        let r = spaced_ranks(&current);
        assert_eq!(r.iter().zip(&current).filter(|(a, b)| Some(**a) != **b).count(), 1);
        assert_eq!(r[3], 3500.0);
    }

    #[test]
    fn no_room_renumbers_a_small_window_or_takes_a_fraction() {
        // Between 1 and 2 there is no whole number: 2 is renumbered with the end in reach.
        let r = spaced_ranks(&[Some(1.0), None, Some(2.0), Some(3.0)]);
        assert!(strictly_ascending(&r), "{r:?}");
        assert_eq!(r[0], 1.0);
        // Dense hand-written ranks deep inside a long list: one fraction, one file.
        let mut current: Vec<Option<f64>> = (1..=100).map(|i| Some(f64::from(i))).collect();
        current.insert(50, None);
        let r = spaced_ranks(&current);
        assert!(strictly_ascending(&r));
        assert_eq!(r.iter().zip(&current).filter(|(a, b)| Some(**a) != **b).count(), 1);
        assert_eq!(r[50], 50.5);
        // A gap of 5 between 1000 and 1004 widens to take in a neighbour or two.
        let r = spaced_ranks(&[Some(1000.0), None, None, None, None, None, Some(1004.0), Some(5000.0)]);
        assert!(strictly_ascending(&r), "{r:?}");
        assert_eq!((r[0], r[7]), (1000.0, 5000.0));
    }

    #[test]
    fn bad_ranks_are_replaced() {
        let r = spaced_ranks(&[Some(-3.0), Some(f64::NAN), Some(7.0)]);
        assert!(strictly_ascending(&r), "{r:?}");
        assert_eq!(r[2], 7.0);
        assert!(r[0] > 0.0);
    }
}
