//! RICE (Intercom, domain §1): `Reach × Impact × Confidence / Effort`.

use super::{Input, Score, Scoring, num, scores};
use crate::model::Item;

/// Score one item by RICE.
///
/// # Errors
/// The missing inputs; an effort of 0 or less counts as missing (RICE divides by it).
pub fn score(item: &Item) -> Scoring {
    let r = scores(item).and_then(|s| s.rice.as_ref());
    let mut missing = Vec::new();
    let mut inputs = Vec::new();
    for (name, v) in [
        ("rice.reach", r.and_then(|r| r.reach)),
        ("rice.impact", r.and_then(|r| r.impact)),
        ("rice.confidence", r.and_then(|r| r.confidence)),
        ("rice.effort", r.and_then(|r| r.effort)),
    ] {
        match v {
            Some(value) if name == "rice.effort" && value <= 0.0 => {
                missing.push(format!("rice.effort more than 0 (it is {})", num(value)));
            }
            Some(value) => inputs.push(Input { name, value }),
            None => missing.push(name.to_owned()),
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    let [reach, impact, confidence, effort] = [0, 1, 2, 3].map(|i| inputs[i].value);
    let rice = reach * impact * confidence / effort;
    let arithmetic = format!(
        "RICE = {} × {} × {} / {} = {}",
        num(reach),
        num(impact),
        num(confidence),
        num(effort),
        num(rice)
    );
    Ok(Score {
        value: rice,
        group: 0,
        class: None,
        inputs,
        size: Some(effort),
        arithmetic,
    })
}
