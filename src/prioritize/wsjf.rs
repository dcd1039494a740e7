//! WSJF (SAFe, domain §1): `CoD = value + time_criticality + risk_reduction`,
//! `WSJF = CoD / job_size`; job size defaults to the story's points.

use super::{Input, Score, Scoring, num, points, scores};
use crate::model::Item;

/// The Cost of Delay of an item: its three inputs, their sum and the sum as text
/// (`8 + 5 + 3 = 16`), or the inputs it lacks. Shared with MoSCoW and value/effort.
///
/// # Errors
/// The missing inputs, such as `wsjf.value`.
pub fn cost_of_delay(item: &Item) -> Result<(f64, Vec<Input>, String), Vec<String>> {
    let w = scores(item).and_then(|s| s.wsjf.as_ref());
    let mut missing = Vec::new();
    let mut inputs = Vec::new();
    for (name, v) in [
        ("wsjf.value", w.and_then(|w| w.value)),
        ("wsjf.time_criticality", w.and_then(|w| w.time_criticality)),
        ("wsjf.risk_reduction", w.and_then(|w| w.risk_reduction)),
    ] {
        match v {
            Some(value) => inputs.push(Input { name, value }),
            None => missing.push(name.to_owned()),
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    let cod: f64 = inputs.iter().map(|i| i.value).sum();
    let text = format!(
        "{} + {} + {} = {}",
        num(inputs[0].value),
        num(inputs[1].value),
        num(inputs[2].value),
        num(cod)
    );
    Ok((cod, inputs, text))
}

/// The job size: `wsjf.job_size`, else the story's points, with the field it came from.
#[must_use]
pub fn job_size(item: &Item) -> Option<Input> {
    let explicit = scores(item).and_then(|s| s.wsjf.as_ref()).and_then(|w| w.job_size);
    match explicit {
        Some(value) => Some(Input {
            name: "wsjf.job_size",
            value,
        }),
        None => points(item).map(|value| Input { name: "points", value }),
    }
}

/// Score one item by WSJF.
///
/// # Errors
/// The missing inputs; a job size of 0 or less counts as missing (WSJF divides by it).
pub fn score(item: &Item) -> Scoring {
    let cod = cost_of_delay(item);
    let size = job_size(item);
    let mut missing = cod.as_ref().err().cloned().unwrap_or_default();
    match &size {
        None => missing.push("wsjf.job_size (or points)".to_owned()),
        Some(s) if s.value <= 0.0 => missing.push(format!("{} more than 0 (it is {})", s.name, num(s.value))),
        Some(_) => {}
    }
    let (Ok((cod, mut inputs, sum)), Some(size), true) = (cod, size, missing.is_empty()) else {
        return Err(missing);
    };
    let wsjf = cod / size.value;
    let arithmetic = format!("CoD = {sum}; WSJF = {} / {} = {}", num(cod), num(size.value), num(wsjf));
    let size_value = size.value;
    inputs.push(size);
    Ok(Score {
        value: wsjf,
        group: 0,
        class: None,
        inputs,
        size: Some(size_value),
        arithmetic,
    })
}
