//! CD3, Cost of Delay Divided by Duration (domain §1): `cost_of_delay / duration`.
//!
//! Read from free front-matter fields: `cost_of_delay:` (or `cod:`), the value lost per
//! week of waiting, and `duration:`, the weeks the work takes; without `duration:` the
//! story's points stand in for it (keep one unit across the items you compare).

use super::{Input, Score, Scoring, extra_number, num, points};
use crate::model::Item;

/// Score one item by CD3.
///
/// # Errors
/// The missing inputs; a duration of 0 or less counts as missing (CD3 divides by it).
pub fn score(item: &Item) -> Scoring {
    let cod = extra_number(item, "cost_of_delay")
        .map(|value| Input {
            name: "cost_of_delay",
            value,
        })
        .or_else(|| extra_number(item, "cod").map(|value| Input { name: "cod", value }));
    let duration = extra_number(item, "duration")
        .map(|value| Input { name: "duration", value })
        .or_else(|| points(item).map(|value| Input { name: "points", value }));
    let mut missing = Vec::new();
    if cod.is_none() {
        missing.push("cost_of_delay (or cod)".to_owned());
    }
    match &duration {
        None => missing.push("duration (or points)".to_owned()),
        Some(d) if d.value <= 0.0 => missing.push(format!("{} more than 0 (it is {})", d.name, num(d.value))),
        Some(_) => {}
    }
    let (Some(cod), Some(duration), true) = (cod, duration, missing.is_empty()) else {
        return Err(missing);
    };
    let cd3 = cod.value / duration.value;
    let arithmetic = format!("CD3 = {} / {} = {}", num(cod.value), num(duration.value), num(cd3));
    let size = Some(duration.value);
    Ok(Score {
        value: cd3,
        group: 0,
        class: None,
        inputs: vec![cod, duration],
        size,
        arithmetic,
    })
}
