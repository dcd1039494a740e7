//! The value/effort 2×2 (domain §1): Quick wins (high value, low effort) first, then Big
//! bets (high, high), Fill-ins (low, low) and Time sinks (low, high); within a quadrant by
//! value / effort, highest first.
//!
//! Value is the WSJF Cost of Delay (`value + time_criticality + risk_reduction`), or a
//! `value:` front-matter field on the same scale; effort is the story's points, or
//! `wsjf.job_size`. The axes split at the midpoint of the estimate scale (domain §1 (M)):
//! effort is high above `(smallest + largest) / 2`, value above three times that, as Cost
//! of Delay adds three inputs on the scale. With the default scale 1–20: effort above 10.5,
//! value above 31.5.

use super::{Input, Score, Scoring, extra_number, num, points, wsjf};
use crate::model::Item;

/// Where the axes split: values above it are "high".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Split {
    /// Value above this is high.
    pub value: f64,
    /// Effort above this is high.
    pub effort: f64,
}

impl Split {
    /// The default split for an estimate scale (see the module documentation).
    #[must_use]
    pub fn of_scale(scale: &[u32]) -> Split {
        let lo = scale.iter().min().copied().unwrap_or(1);
        let hi = scale.iter().max().copied().unwrap_or(20);
        let mid = f64::from(lo + hi) / 2.0;
        Split {
            value: 3.0 * mid,
            effort: mid,
        }
    }
}

/// The quadrants in order.
pub const QUADRANTS: [&str; 4] = ["quick win", "big bet", "fill-in", "time sink"];

/// Score one item on the value/effort 2×2.
///
/// # Errors
/// The missing inputs; an effort of 0 or less counts as missing.
pub fn score(item: &Item, split: Split) -> Scoring {
    let mut missing = Vec::new();
    let value = match extra_number(item, "value") {
        Some(v) => Some((Input { name: "value", value: v }, vec![], num(v))),
        None => match wsjf::cost_of_delay(item) {
            Ok((cod, inputs, text)) => Some((Input { name: "cod", value: cod }, inputs, text)),
            Err(m) => {
                missing.push(format!("value (or {})", m.join(", ")));
                None
            }
        },
    };
    let effort = points(item)
        .map(|value| Input { name: "points", value })
        .or_else(|| wsjf::job_size(item));
    match &effort {
        None => missing.push("points (or wsjf.job_size)".to_owned()),
        Some(e) if e.value <= 0.0 => missing.push(format!("{} more than 0 (it is {})", e.name, num(e.value))),
        Some(_) => {}
    }
    let (Some((value, mut inputs, value_text)), Some(effort), true) = (value, effort, missing.is_empty()) else {
        return Err(missing);
    };
    let high_value = value.value > split.value;
    let high_effort = effort.value > split.effort;
    let q = match (high_value, high_effort) {
        (true, false) => 0,
        (true, true) => 1,
        (false, false) => 2,
        (false, true) => 3,
    };
    let ratio = value.value / effort.value;
    let arithmetic = format!(
        "value = {value_text} ({}, split {}); effort = {} ({}, split {}) → {}; value / effort = {} / {} = {}",
        if high_value { "high" } else { "low" },
        num(split.value),
        num(effort.value),
        if high_effort { "high" } else { "low" },
        num(split.effort),
        QUADRANTS[q],
        num(value.value),
        num(effort.value),
        num(ratio)
    );
    let size = Some(effort.value);
    inputs.push(value);
    inputs.push(effort);
    Ok(Score {
        value: ratio,
        group: u8::try_from(q).unwrap_or(u8::MAX),
        class: Some(QUADRANTS[q]),
        inputs,
        size,
        arithmetic,
    })
}
