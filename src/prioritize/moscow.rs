//! MoSCoW (DSDM, domain §1): Must, then Should, Could and Won't-have-this-time. Within a
//! class, items with WSJF inputs come first by WSJF, then the others by points, smallest
//! first (the tie chain's "smaller job size").

use super::{Input, Score, Scoring, num, points, scores, wsjf};
use crate::model::Item;

/// The classes in order, with the name written in `moscow:`.
pub const CLASSES: [&str; 4] = ["must", "should", "could", "wont"];

/// DSDM: Must effort above this share of the timebox is a risk.
pub const MUST_SHARE_LIMIT: f64 = 0.6;

fn class(item: &Item) -> Option<(usize, &'static str)> {
    let m = scores(item)?.moscow.as_deref()?.trim().to_ascii_lowercase();
    let m = if m == "won't" { "wont".to_owned() } else { m };
    CLASSES.iter().position(|c| *c == m).map(|n| (n, CLASSES[n]))
}

/// Score one item by MoSCoW.
///
/// # Errors
/// `moscow` when the item has no (known) class.
pub fn score(item: &Item) -> Scoring {
    let Some((n, name)) = class(item) else {
        return Err(vec!["moscow (must, should, could or wont)".to_owned()]);
    };
    let group = u8::try_from(n * 2).unwrap_or(u8::MAX);
    match wsjf::score(item) {
        Ok(w) => Ok(Score {
            value: w.value,
            group,
            class: Some(name),
            inputs: w.inputs,
            size: w.size,
            arithmetic: format!("{name}; {}", w.arithmetic),
        }),
        Err(_) => {
            let size = points(item);
            let arithmetic = match size {
                Some(p) => format!("{name}; no WSJF inputs, so by points: {}", num(p)),
                None => format!("{name}; no WSJF inputs and no points, so after the others of its class"),
            };
            Ok(Score {
                value: 0.0,
                group: group + 1,
                class: Some(name),
                inputs: size.map(|value| Input { name: "points", value }).into_iter().collect(),
                size,
                arithmetic,
            })
        }
    }
}

/// The share of points that is Must among the items in scope (every class but Won't), and
/// a warning when it is above 60 % (domain §1).
pub fn must_share_warning<'a>(items: impl Iterator<Item = &'a Item>) -> Option<String> {
    let (mut must, mut total) = (0.0, 0.0);
    for item in items {
        let (Some((n, _)), Some(p)) = (class(item), points(item)) else {
            continue;
        };
        if n == 3 {
            continue;
        }
        total += p;
        if n == 0 {
            must += p;
        }
    }
    let share = must / total;
    (total > 0.0 && share > MUST_SHARE_LIMIT).then(|| {
        format!(
            "Must is {} of {} points in scope ({:.0} %), more than 60 %: keep Must at or below 60 % of the effort and about 20 % Could as contingency (DSDM)",
            num(must),
            num(total),
            share * 100.0
        )
    })
}
