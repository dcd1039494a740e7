//! ICE (Sean Ellis, domain §1): impact, confidence and ease, each 1–10, multiplied (the
//! default) or averaged (`--ice mean`).

use super::{IceMode, Input, Score, Scoring, num, points, scores};
use crate::model::Item;

/// Score one item by ICE.
///
/// # Errors
/// The missing inputs.
pub fn score(item: &Item, mode: IceMode) -> Scoring {
    let i = scores(item).and_then(|s| s.ice.as_ref());
    let mut missing = Vec::new();
    let mut inputs = Vec::new();
    for (name, v) in [
        ("ice.impact", i.and_then(|i| i.impact)),
        ("ice.confidence", i.and_then(|i| i.confidence)),
        ("ice.ease", i.and_then(|i| i.ease)),
    ] {
        match v {
            Some(value) => inputs.push(Input { name, value }),
            None => missing.push(name.to_owned()),
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    let [impact, confidence, ease] = [0, 1, 2].map(|n| inputs[n].value);
    let (ice, arithmetic) = match mode {
        IceMode::Product => {
            let v = impact * confidence * ease;
            (
                v,
                format!("ICE = {} × {} × {} = {}", num(impact), num(confidence), num(ease), num(v)),
            )
        }
        IceMode::Mean => {
            let v = (impact + confidence + ease) / 3.0;
            (
                v,
                format!("ICE = ({} + {} + {}) / 3 = {}", num(impact), num(confidence), num(ease), num(v)),
            )
        }
    };
    Ok(Score {
        value: ice,
        group: 0,
        class: None,
        inputs,
        // Ease already rewards small jobs; points only break ties.
        size: points(item),
        arithmetic,
    })
}
