//! Rules PO101–PO112: every value is one its field allows.
//!
//! Statuses, estimates and the fixed vocabularies (MoSCoW, meeting types, power/interest,
//! horizons) must be spelled as pobox knows them, and prioritization inputs must be on
//! their method's scale (domain reference §1), or scores and reports silently go wrong.
//! Types were checked while loading; a field the loader already reported as the wrong type
//! or an invalid date is not reported again here as missing.

use crate::diag::{self, Code, Diagnostic};
use crate::model::Kind;
use crate::model::item::{Ice, Item, KindData, MAX_SPRINT_DAYS, Rice, Scores, Sprint, Stakeholder, Wsjf};
use crate::templates::MEETING_TYPES;

use super::Checker;

/// The SAFe modified-Fibonacci scale for every WSJF input.
pub const WSJF_SCALE: [f64; 7] = [1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0];
/// RICE impact: massive, high, medium, low, minimal.
pub const RICE_IMPACT: [(f64, &str); 5] = [(3.0, "massive"), (2.0, "high"), (1.0, "medium"), (0.5, "low"), (0.25, "minimal")];
/// RICE confidence: 100 %, 80 %, 50 %.
pub const RICE_CONFIDENCE: [(f64, &str); 3] = [(1.0, "high"), (0.8, "medium"), (0.5, "low")];
/// MoSCoW categories as written in front-matter.
pub const MOSCOW: [&str; 4] = ["must", "should", "could", "wont"];
/// Mendelow's two levels for `power` and `interest`.
pub const LEVELS: [&str; 2] = ["high", "low"];
/// Roadmap horizons.
pub const HORIZONS: [&str; 3] = ["now", "next", "later"];

/// The WSJF columns of [`Wsjf`], in the order they are reported.
const WSJF_INPUTS: [&str; 3] = ["value", "time_criticality", "risk_reduction"];

/// Run these rules.
pub fn check(cx: &Checker<'_>, out: &mut Vec<Diagnostic>) {
    for item in cx.items() {
        check_status(cx, item, out);
        match &item.data {
            KindData::Story(s) => {
                if let Some(points) = s.points {
                    check_points(cx, item, points, out);
                }
                check_scores(cx, item, &s.scores, s.points, out);
            }
            KindData::Epic(e) => {
                if let Some(h) = &e.horizon
                    && !HORIZONS.contains(&h.as_str())
                {
                    out.push(
                        cx.at_field(
                            Code::Horizon,
                            item,
                            "horizon",
                            None,
                            format!("`horizon: {h}` is not now, next or later"),
                        )
                        .help(vocabulary_help("horizon", h, &HORIZONS, "now, next, later")),
                    );
                }
                check_scores(cx, item, &e.scores, None, out);
            }
            KindData::Stakeholder(s) => check_stakeholder(cx, item, s, out),
            KindData::Meeting(m) => check_meeting_type(cx, item, m.meeting_type.as_deref(), out),
            KindData::Sprint(s) => check_sprint_dates(cx, item, s, out),
            // Its status is checked above; its other rules are `decisions`'.
            KindData::Decision(_) => {}
            KindData::Risk(r) => {
                for (key, value, scale) in [
                    ("likelihood", r.likelihood, "1 (rare) to 5 (almost certain)"),
                    ("impact", r.impact, "1 (negligible) to 5 (severe)"),
                ] {
                    if let Some(v) = value
                        && !(1..=5).contains(&v)
                    {
                        out.push(
                            cx.at_field(Code::RiskScale, item, key, None, format!("`{key}: {v}` is not between 1 and 5"))
                                .help(format!("score {key} from {scale}; write `{key}: {}`", v.clamp(1, 5))),
                        );
                    }
                }
            }
        }
    }
    check_wsjf_normalized(cx, out);
}

/// True when loading already reported the value at `key` (wrong type, invalid date), so
/// that its absence from the typed item is not reported a second time.
fn reported_by_loader(cx: &Checker<'_>, item: &Item, key: &str) -> bool {
    let (line, col) = cx.field_pos(item, key, None);
    cx.ws
        .diagnostics
        .iter()
        .any(|d| matches!(d.code, Code::WrongType | Code::InvalidDate) && d.path == item.path && d.line == line && d.col == col)
}

/// "did you mean" for a fixed vocabulary; an exact match but for case counts as a hint.
fn near<'a>(value: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let lower = value.trim().to_lowercase();
    if let Some(exact) = allowed.iter().copied().find(|a| *a == lower) {
        return Some(exact);
    }
    if let Some(typo) = diag::suggest(value, allowed.iter().copied()) {
        return Some(typo);
    }
    // A part of one allowed value: `standup` for `daily-standup`, `retro` for `retrospective`.
    let mut containing = allowed.iter().copied().filter(|a| lower.len() >= 3 && a.contains(lower.as_str()));
    containing.next().filter(|_| containing.next().is_none())
}

/// Help for a value outside a fixed vocabulary: the value to write when one is close, and
/// always the full list.
fn vocabulary_help(key: &str, value: &str, allowed: &[&str], described: &str) -> String {
    match near(value, allowed) {
        Some(s) => format!("did you mean `{key}: {s}`? allowed: {described}"),
        None => format!("write `{key}:` with one of {described}"),
    }
}

fn check_status(cx: &Checker<'_>, item: &Item, out: &mut Vec<Diagnostic>) {
    let Some(status) = item.status() else { return };
    let allowed = cx.ws.config.statuses_for(item.kind);
    if allowed.contains(&status) {
        return;
    }
    let list = allowed.join(", ");
    let origin = if item.kind.own_statuses().is_some() {
        format!("the {} statuses", item.kind.as_str())
    } else {
        "the workflow, `statuses` in pobox.yaml".to_owned()
    };
    let help = match near(status, &allowed) {
        Some(s) => format!("did you mean `status: {s}`? allowed: {list} ({origin})"),
        None => format!("write `status:` with one of {list} ({origin})"),
    };
    out.push(
        cx.at_field(
            Code::UnknownStatus,
            item,
            "status",
            None,
            format!("`{status}` is not {} status", item.kind.with_article()),
        )
        .help(help),
    );
}

fn join_numbers<T: ToString>(values: impl IntoIterator<Item = T>) -> String {
    values.into_iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")
}

/// The scale values either side of `v` (one when `v` is outside the scale's range).
fn nearest(v: f64, scale: &[f64]) -> Vec<f64> {
    let below = scale.iter().copied().filter(|s| *s < v).reduce(f64::max);
    let above = scale.iter().copied().filter(|s| *s > v).reduce(f64::min);
    below.into_iter().chain(above).collect()
}

fn or_list(values: &[f64]) -> String {
    match values {
        [a, b] => format!("{a} or {b}"),
        _ => join_numbers(values),
    }
}

fn check_points(cx: &Checker<'_>, item: &Item, points: u32, out: &mut Vec<Diagnostic>) {
    let scale = &cx.ws.config.estimate_scale;
    if scale.contains(&points) {
        return;
    }
    let as_f64: Vec<f64> = scale.iter().map(|s| f64::from(*s)).collect();
    let near = nearest(f64::from(points), &as_f64);
    let max = scale.iter().max().copied().unwrap_or(0);
    let help = if points > max && max > 0 {
        format!(
            "split the story, or use {max}, the largest on the estimate scale {}",
            join_numbers(scale)
        )
    } else {
        format!("use {}: the estimate scale is {}", or_list(&near), join_numbers(scale))
    };
    out.push(
        cx.at_field(
            Code::EstimateOffScale,
            item,
            "points",
            None,
            format!("`points: {points}` is not on the estimate scale"),
        )
        .help(help),
    );
}

fn check_scores(cx: &Checker<'_>, item: &Item, scores: &Scores, points: Option<u32>, out: &mut Vec<Diagnostic>) {
    if let Some(m) = &scores.moscow
        && !MOSCOW.contains(&m.as_str())
    {
        out.push(
            cx.at_field(
                Code::MoscowValue,
                item,
                "moscow",
                None,
                format!("`moscow: {m}` is not a MoSCoW category"),
            )
            .help(vocabulary_help(
                "moscow",
                m,
                &MOSCOW,
                "must, should, could, wont (won't have this time)",
            )),
        );
    }
    if let Some(w) = &scores.wsjf {
        check_wsjf(cx, item, w, points, out);
    }
    if let Some(r) = &scores.rice {
        check_rice(cx, item, r, out);
    }
    if let Some(i) = &scores.ice {
        check_ice(cx, item, i, out);
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn on_wsjf_scale(v: f64) -> bool {
    WSJF_SCALE.iter().any(|s| same(*s, v))
}

/// `wsjf: {…}` without `key`.
fn missing(cx: &Checker<'_>, code: Code, item: &Item, block: &str, key: &str, help: String) -> Option<Diagnostic> {
    let full = format!("{block}.{key}");
    if reported_by_loader(cx, item, &full) {
        return None;
    }
    Some(cx.at_field(code, item, &full, None, format!("`{block}` has no `{key}`")).help(help))
}

fn check_wsjf(cx: &Checker<'_>, item: &Item, w: &Wsjf, points: Option<u32>, out: &mut Vec<Diagnostic>) {
    let scale = join_numbers(WSJF_SCALE);
    let inputs = [w.value, w.time_criticality, w.risk_reduction];
    for (key, value) in WSJF_INPUTS.into_iter().zip(inputs) {
        match value {
            None => out.extend(missing(
                cx,
                Code::WsjfOffScale,
                item,
                "wsjf",
                key,
                format!("add `{key}:` under `wsjf:` with one of {scale} (1 for the item with the least)"),
            )),
            Some(v) if !on_wsjf_scale(v) => out.push(off_wsjf_scale(cx, item, key, v)),
            Some(_) => {}
        }
    }
    match w.job_size {
        Some(v) if same(v, 0.0) => out.push(
            cx.at_field(
                Code::WsjfOffScale,
                item,
                "wsjf.job_size",
                None,
                "`wsjf.job_size` is 0, and WSJF divides by the job size",
            )
            .help(format!("size the job with one of {scale}; the smallest job is 1")),
        ),
        Some(v) if !on_wsjf_scale(v) => out.push(off_wsjf_scale(cx, item, "job_size", v)),
        Some(_) => {}
        None if points.is_none() && !(item.kind == Kind::Story && reported_by_loader(cx, item, "points")) => {
            let help = if item.kind == Kind::Story {
                format!(
                    "add `job_size:` under `wsjf:` with one of {scale}, or estimate the story with `points:` (job size defaults to them)"
                )
            } else {
                format!("add `job_size:` under `wsjf:` with one of {scale}")
            };
            if !reported_by_loader(cx, item, "wsjf.job_size") {
                let what = if item.kind == Kind::Story {
                    "`wsjf` has no `job_size` and the story has no `points` to stand in for it"
                } else {
                    "`wsjf` has no `job_size`"
                };
                out.push(cx.at_field(Code::WsjfOffScale, item, "wsjf.job_size", None, what).help(help));
            }
        }
        None => {}
    }
}

fn off_wsjf_scale(cx: &Checker<'_>, item: &Item, key: &str, v: f64) -> Diagnostic {
    cx.at_field(
        Code::WsjfOffScale,
        item,
        &format!("wsjf.{key}"),
        None,
        format!("`wsjf.{key}: {v}` is not on the WSJF scale"),
    )
    .help(format!(
        "use {}: WSJF inputs are {}, relative to the smallest item (1)",
        or_list(&nearest(v, &WSJF_SCALE)),
        join_numbers(WSJF_SCALE)
    ))
}

fn labelled(levels: &[(f64, &str)]) -> String {
    let parts: Vec<String> = levels.iter().map(|(v, name)| format!("{v:?} ({name})")).collect();
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => parts.join(""),
    }
}

fn closest(v: f64, levels: &[(f64, &str)]) -> f64 {
    levels
        .iter()
        .map(|(l, _)| *l)
        .min_by(|a, b| (a - v).abs().total_cmp(&(b - v).abs()))
        .unwrap_or(v)
}

fn check_rice(cx: &Checker<'_>, item: &Item, r: &Rice, out: &mut Vec<Diagnostic>) {
    let code = Code::RiceOffScale;
    let impacts = labelled(&RICE_IMPACT).replace(".0 ", " ");
    let confidences = labelled(&RICE_CONFIDENCE);
    match r.reach {
        None => out.extend(missing(
            cx,
            code,
            item,
            "rice",
            "reach",
            "add `reach:` under `rice:`: how many people or events it reaches per period (e.g. users per quarter)".to_owned(),
        )),
        Some(v) if v < 0.0 => out.push(
            cx.at_field(
                code,
                item,
                "rice.reach",
                None,
                format!("`rice.reach: {v}` is negative; reach counts people or events"),
            )
            .help("write how many people or events it reaches per period (e.g. users per quarter), 0 or more"),
        ),
        Some(_) => {}
    }
    match r.impact {
        None => out.extend(missing(
            cx,
            code,
            item,
            "rice",
            "impact",
            format!("add `impact:` under `rice:` with {impacts}"),
        )),
        Some(v) if !RICE_IMPACT.iter().any(|(l, _)| same(*l, v)) => out.push(
            cx.at_field(
                code,
                item,
                "rice.impact",
                None,
                format!("`rice.impact: {v}` is not on the RICE impact scale"),
            )
            .help(format!("write `impact: {}`; impact is {impacts}", closest(v, &RICE_IMPACT))),
        ),
        Some(_) => {}
    }
    match r.confidence {
        None => out.extend(missing(
            cx,
            code,
            item,
            "rice",
            "confidence",
            format!("add `confidence:` under `rice:` with {confidences}"),
        )),
        // 80 for 80 %: the percentage instead of the fraction.
        Some(v) if (5.0..=100.0).contains(&v) => {
            let fraction = closest(v / 100.0, &RICE_CONFIDENCE);
            out.push(
                cx.at_field(
                    code,
                    item,
                    "rice.confidence",
                    None,
                    format!("`rice.confidence: {v}` looks like a percentage; RICE confidence is a fraction"),
                )
                .help(format!("write `confidence: {fraction:?}`; confidence is {confidences}")),
            );
        }
        Some(v) if !RICE_CONFIDENCE.iter().any(|(l, _)| same(*l, v)) => out.push(
            cx.at_field(
                code,
                item,
                "rice.confidence",
                None,
                format!("`rice.confidence: {v}` is not a RICE confidence level"),
            )
            .help(format!(
                "write `confidence: {:?}`; confidence is {confidences}",
                closest(v, &RICE_CONFIDENCE)
            )),
        ),
        Some(_) => {}
    }
    match r.effort {
        None => out.extend(missing(
            cx,
            code,
            item,
            "rice",
            "effort",
            "add `effort:` under `rice:`: the work in person-months, more than 0".to_owned(),
        )),
        Some(v) if v <= 0.0 => out.push(
            cx.at_field(
                code,
                item,
                "rice.effort",
                None,
                format!("`rice.effort: {v}` must be more than 0; RICE divides by the effort"),
            )
            .help("write the effort in person-months, e.g. `effort: 0.5` for two weeks of one person"),
        ),
        Some(_) => {}
    }
}

fn check_ice(cx: &Checker<'_>, item: &Item, i: &Ice, out: &mut Vec<Diagnostic>) {
    for (key, value) in [("impact", i.impact), ("confidence", i.confidence), ("ease", i.ease)] {
        match value {
            None => out.extend(missing(
                cx,
                Code::IceOffScale,
                item,
                "ice",
                key,
                format!("add `{key}:` under `ice:` with a score from 1 (lowest) to 10 (highest)"),
            )),
            Some(v) if !(1.0..=10.0).contains(&v) => out.push(
                cx.at_field(
                    Code::IceOffScale,
                    item,
                    &format!("ice.{key}"),
                    None,
                    format!("`ice.{key}: {v}` is not between 1 and 10"),
                )
                .help(format!(
                    "score {key} from 1 (lowest) to 10 (highest); write `{key}: {}`",
                    v.clamp(1.0, 10.0)
                )),
            ),
            Some(_) => {}
        }
    }
}

fn check_stakeholder(cx: &Checker<'_>, item: &Item, s: &Stakeholder, out: &mut Vec<Diagnostic>) {
    for (key, value) in [("power", &s.power), ("interest", &s.interest)] {
        if let Some(v) = value
            && !LEVELS.contains(&v.as_str())
        {
            out.push(
                cx.at_field(
                    Code::PowerInterest,
                    item,
                    key,
                    None,
                    format!("`{key}: {v}` is neither high nor low"),
                )
                .help(vocabulary_help(key, v, &LEVELS, "high, low (the power/interest grid)")),
            );
        }
    }
}

fn check_meeting_type(cx: &Checker<'_>, item: &Item, meeting_type: Option<&str>, out: &mut Vec<Diagnostic>) {
    let list = MEETING_TYPES.join(", ");
    match meeting_type {
        None if !reported_by_loader(cx, item, "type") => {
            out.push(
                cx.at_item(Code::MeetingType, item, "the meeting has no `type`")
                    .help(format!("add `type:` with one of {list}")),
            );
        }
        Some(t) if !MEETING_TYPES.contains(&t) => {
            out.push(
                cx.at_field(Code::MeetingType, item, "type", None, format!("`type: {t}` is not a meeting type"))
                    .help(vocabulary_help("type", t, &MEETING_TYPES, &list)),
            );
        }
        _ => {}
    }
}

fn check_sprint_dates(cx: &Checker<'_>, item: &Item, s: &Sprint, out: &mut Vec<Diagnostic>) {
    let days = cx.ws.config.sprint_length_days;
    let code = Code::SprintDates;
    match (s.start, s.end) {
        (Some(start), Some(end)) if end < start => {
            let example = start
                .checked_add(jiff::Span::new().days(i64::from(days.max(1)) - 1))
                .unwrap_or(start);
            out.push(
                cx.at_field(code, item, "end", None, format!("`end: {end}` is before `start: {start}`"))
                    .help(format!(
                        "`end` is the sprint's last day, on or after its start: e.g. `end: {example}` for {days} days"
                    )),
            );
        }
        (Some(start), Some(end)) => {
            let span = start.until(end).map_or(i64::MAX, |s| i64::from(s.get_days())).saturating_add(1);
            if span > i64::from(MAX_SPRINT_DAYS) {
                let example = start
                    .checked_add(jiff::Span::new().days(i64::from(days.clamp(1, MAX_SPRINT_DAYS)) - 1))
                    .unwrap_or(start);
                out.push(
                    cx.at_field(
                        code,
                        item,
                        "end",
                        None,
                        format!(
                            "the sprint runs {span} days, from `start: {start}` to `end: {end}`; a sprint is at most {MAX_SPRINT_DAYS} days"
                        ),
                    )
                    .help(format!("check the dates for a typo: e.g. `end: {example}` for {days} days")),
                );
            }
        }
        (start, end) => {
            let start_bad = start.is_none() && reported_by_loader(cx, item, "start");
            let end_bad = end.is_none() && reported_by_loader(cx, item, "end");
            if start_bad || end_bad {
                return;
            }
            let (message, help) = match (start, end) {
                (None, None) => (
                    "the sprint has no `start` and no `end` date".to_owned(),
                    format!("add `start: YYYY-MM-DD` (its first day) and `end: YYYY-MM-DD` (its last day, {days} days later by default)"),
                ),
                (Some(start), None) => {
                    let end = start
                        .checked_add(jiff::Span::new().days(i64::from(days.max(1)) - 1))
                        .unwrap_or(start);
                    (
                        "the sprint has no `end` date".to_owned(),
                        format!("add `end: {end}` (its last day, {days} days from the start)"),
                    )
                }
                (None, Some(end)) => {
                    let start = end.checked_sub(jiff::Span::new().days(i64::from(days.max(1)) - 1)).unwrap_or(end);
                    (
                        "the sprint has no `start` date".to_owned(),
                        format!("add `start: {start}` (its first day, {days} days before the end)"),
                    )
                }
                (Some(_), Some(_)) => return,
            };
            out.push(cx.at_item(code, item, message).help(help));
        }
    }
}

/// The field and value of one WSJF column for a story; job size falls back to points.
fn wsjf_column(w: &Wsjf, points: Option<u32>, column: &str) -> Option<(&'static str, f64)> {
    match column {
        "value" => w.value.map(|v| ("wsjf.value", v)),
        "time_criticality" => w.time_criticality.map(|v| ("wsjf.time_criticality", v)),
        "risk_reduction" => w.risk_reduction.map(|v| ("wsjf.risk_reduction", v)),
        _ => w
            .job_size
            .map(|v| ("wsjf.job_size", v))
            .or_else(|| points.map(|p| ("points", f64::from(p)))),
    }
}

/// PO111: each WSJF column is scored relative to its smallest item, which gets 1 (domain
/// reference §1). A column without a 1 across the stories means the numbers are absolute
/// guesses, and WSJF ratios between items mean little.
fn check_wsjf_normalized(cx: &Checker<'_>, out: &mut Vec<Diagnostic>) {
    let scored: Vec<(&Item, &Wsjf, Option<u32>)> = cx
        .of_kind(Kind::Story)
        .filter_map(|i| {
            let s = i.as_story()?;
            Some((i, s.scores.wsjf.as_ref()?, s.points))
        })
        .collect();
    if scored.is_empty() {
        return;
    }
    for name in ["value", "time_criticality", "risk_reduction", "job_size"] {
        let values: Vec<(&Item, &str, f64)> = scored
            .iter()
            .filter_map(|(i, w, p)| wsjf_column(w, *p, name).map(|(field, v)| (*i, field, v)))
            // Off-scale values are PO104's to report; they do not count either way.
            .filter(|(_, _, v)| on_wsjf_scale(*v))
            .collect();
        let Some((first, field, _)) = values.first() else { continue };
        if values.iter().any(|(_, _, v)| same(*v, 1.0)) {
            continue;
        }
        let n = values.len();
        let stories = if n == 1 { "1 story".to_owned() } else { format!("{n} stories") };
        let column = if name == "job_size" {
            "job size (`wsjf.job_size`, or `points`)".to_owned()
        } else {
            format!("`wsjf.{name}`")
        };
        out.push(
            cx.at_field(
                Code::WsjfNotNormalized,
                first,
                field,
                None,
                format!("no story scores 1 for WSJF {column} (the column covers {stories}), so the scores are not relative"),
            )
            .help(format!(
                "score the column across all stories at once: give the story with the least {} a 1, then the others relative to it",
                name.replace('_', " ")
            )),
        );
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    /// Diagnostics of these rules for a workspace of `files` (path, text).
    fn run(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        run_with("product: Test\n", files)
    }

    fn run_with(config: &str, files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let files: Vec<(String, &str)> = files.iter().map(|(p, t)| (format!("backlog/{p}"), *t)).collect();
        crate::validate::testing::run_rules(config, &files, check)
    }

    fn short(d: &[Diagnostic]) -> Vec<(Code, u32, u32, String)> {
        d.iter().map(|d| (d.code, d.line, d.col, d.message.clone())).collect()
    }

    fn story(id: &str, front: &str) -> (String, String) {
        (
            format!("stories/{id}.md"),
            format!("---\nid: {id}\ntitle: T\n{front}---\nAs a shopper, I want to pay, so that I leave.\n"),
        )
    }

    fn one(front: &str) -> Vec<Diagnostic> {
        let (p, t) = story("S-1", front);
        run(&[(&p, &t)])
    }

    #[test]
    fn unknown_status_suggests_the_nearest() {
        let d = one("status: redy\n");
        assert_eq!(short(&d), [(Code::UnknownStatus, 4, 9, "`redy` is not a story status".into())]);
        assert_eq!(
            d[0].help.as_deref(),
            Some(
                "did you mean `status: ready`? allowed: draft, ready, in-progress, review, done, dropped (the workflow, `statuses` in pobox.yaml)"
            )
        );
        let d = run(&[(
            "sprints/SP-1.md",
            "---\nid: SP-1\ntitle: S\nstart: 2026-11-02\nend: 2026-11-15\nstatus: done\n---\n",
        )]);
        assert_eq!(short(&d), [(Code::UnknownStatus, 6, 9, "`done` is not a sprint status".into())]);
        assert_eq!(
            d[0].help.as_deref(),
            Some("write `status:` with one of planned, active, closed (the sprint statuses)")
        );
        let d = run(&[("risks/R-1.md", "---\nid: R-1\ntitle: R\nstatus: Open\n---\n")]);
        assert_eq!(
            d[0].help.as_deref(),
            Some("did you mean `status: open`? allowed: open, mitigated, closed (the risk statuses)")
        );
        assert!(one("status: review\n").is_empty());
    }

    #[test]
    fn estimates_must_be_on_the_scale() {
        let d = one("points: 4\n");
        assert_eq!(
            short(&d),
            [(Code::EstimateOffScale, 4, 9, "`points: 4` is not on the estimate scale".into())]
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("use 3 or 5: the estimate scale is 1, 2, 3, 5, 8, 13, 20")
        );
        let d = one("points: 0\n");
        assert_eq!(d[0].help.as_deref(), Some("use 1: the estimate scale is 1, 2, 3, 5, 8, 13, 20"));
        let d = one("points: 40\n");
        assert_eq!(
            d[0].help.as_deref(),
            Some("split the story, or use 20, the largest on the estimate scale 1, 2, 3, 5, 8, 13, 20")
        );
        let (p, t) = story("S-1", "points: 4\n");
        assert!(run_with("product: T\nestimate_scale: [1, 2, 4, 8]\n", &[(&p, &t)]).is_empty());
    }

    #[test]
    fn fixed_vocabularies() {
        let d = one("moscow: Must\n");
        assert_eq!(
            short(&d),
            [(Code::MoscowValue, 4, 9, "`moscow: Must` is not a MoSCoW category".into())]
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("did you mean `moscow: must`? allowed: must, should, could, wont (won't have this time)")
        );
        assert_eq!(one("moscow: won't\n")[0].help.as_deref().unwrap().split(' ').nth(4), Some("wont`?"));
        let d = run(&[
            (
                "stakeholders/dana.md",
                "---\nid: dana\ntitle: Dana\npower: medium\ninterest: hgih\n---\n",
            ),
            ("epics/E-1.md", "---\nid: E-1\ntitle: E\nhorizon: soon\n---\n"),
            (
                "meetings/2026-11-02-x.md",
                "---\nid: 2026-11-02-x\ntitle: M\ntype: standup\ndate: 2026-11-02\n---\n",
            ),
            (
                "meetings/2026-11-03-y.md",
                "---\nid: 2026-11-03-y\ntitle: M\ndate: 2026-11-03\n---\n",
            ),
            (
                "meetings/2026-11-04-z.md",
                "---\nid: 2026-11-04-z\ntitle: M\ntype: retrospectve\n---\n",
            ),
        ]);
        assert_eq!(
            short(&d),
            [
                (Code::Horizon, 4, 10, "`horizon: soon` is not now, next or later".into()),
                (Code::MeetingType, 4, 7, "`type: standup` is not a meeting type".into()),
                (Code::MeetingType, 2, 5, "the meeting has no `type`".into()),
                (Code::MeetingType, 4, 7, "`type: retrospectve` is not a meeting type".into()),
                (Code::PowerInterest, 4, 8, "`power: medium` is neither high nor low".into()),
                (Code::PowerInterest, 5, 11, "`interest: hgih` is neither high nor low".into()),
            ]
        );
        assert!(
            d[3].help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `type: retrospective`? allowed: kickoff, "),
            "{:?}",
            d[3].help
        );
        assert_eq!(
            d[5].help.as_deref(),
            Some("did you mean `interest: high`? allowed: high, low (the power/interest grid)")
        );
        assert_eq!(d[1].help.as_deref().map(|h| &h[..36]), Some("did you mean `type: daily-standup`? "));
        assert_eq!(
            d[4].help.as_deref(),
            Some("write `power:` with one of high, low (the power/interest grid)")
        );
    }

    #[test]
    fn wsjf_inputs() {
        let d = one("points: 3\nwsjf:\n  value: 4\n  time_criticality: 1\n  job_size: 0\n");
        assert_eq!(
            short(&d),
            [
                (Code::WsjfOffScale, 6, 3, "`wsjf` has no `risk_reduction`".into()),
                (Code::WsjfOffScale, 6, 10, "`wsjf.value: 4` is not on the WSJF scale".into()),
                (
                    Code::WsjfOffScale,
                    8,
                    13,
                    "`wsjf.job_size` is 0, and WSJF divides by the job size".into()
                ),
            ]
        );
        assert_eq!(
            d[1].help.as_deref(),
            Some("use 3 or 5: WSJF inputs are 1, 2, 3, 5, 8, 13, 20, relative to the smallest item (1)")
        );
        // job size falls back to points; without either it is missing.
        assert!(one("points: 1\nwsjf: {value: 1, time_criticality: 1, risk_reduction: 1}\n").is_empty());
        let d = one("wsjf: {value: 1, time_criticality: 1, risk_reduction: 1}\n");
        assert_eq!(
            short(&d),
            [(
                Code::WsjfOffScale,
                4,
                7,
                "`wsjf` has no `job_size` and the story has no `points` to stand in for it".into()
            )]
        );
        // A value of the wrong type was reported while loading (PO009), not again here.
        assert!(one("points: 1\nwsjf: {value: high, time_criticality: 1, risk_reduction: 1}\n").is_empty());
    }

    #[test]
    fn wsjf_columns_need_a_one() {
        let (p1, t1) = story("S-1", "points: 5\nwsjf: {value: 8, time_criticality: 1, risk_reduction: 2}\n");
        let (p2, t2) = story("S-2", "points: 2\nwsjf: {value: 1, time_criticality: 3, risk_reduction: 5}\n");
        let (p3, t3) = story("S-3", "points: 1\n");
        let d = run(&[(&p1, &t1), (&p2, &t2), (&p3, &t3)]);
        assert_eq!(
            short(&d),
            [
                (Code::WsjfNotNormalized, 4, 9, "no story scores 1 for WSJF job size (`wsjf.job_size`, or `points`) (the column covers 2 stories), so the scores are not relative".into()),
                (Code::WsjfNotNormalized, 5, 55, "no story scores 1 for WSJF `wsjf.risk_reduction` (the column covers 2 stories), so the scores are not relative".into()),
            ]
        );
        assert_eq!(d[0].severity, crate::diag::Severity::Warning);
    }

    #[test]
    fn rice_inputs() {
        let d = one("rice:\n  reach: -1\n  impact: 4\n  confidence: 80\n");
        assert_eq!(
            short(&d),
            [
                (Code::RiceOffScale, 5, 3, "`rice` has no `effort`".into()),
                (
                    Code::RiceOffScale,
                    5,
                    10,
                    "`rice.reach: -1` is negative; reach counts people or events".into()
                ),
                (Code::RiceOffScale, 6, 11, "`rice.impact: 4` is not on the RICE impact scale".into()),
                (
                    Code::RiceOffScale,
                    7,
                    15,
                    "`rice.confidence: 80` looks like a percentage; RICE confidence is a fraction".into()
                ),
            ]
        );
        assert_eq!(
            d[2].help.as_deref(),
            Some("write `impact: 3`; impact is 3 (massive), 2 (high), 1 (medium), 0.5 (low) or 0.25 (minimal)")
        );
        assert_eq!(
            d[3].help.as_deref(),
            Some("write `confidence: 0.8`; confidence is 1.0 (high), 0.8 (medium) or 0.5 (low)")
        );
        let d = one("rice: {reach: 10, impact: 0.5, confidence: 0.7, effort: 0}\n");
        assert_eq!(
            short(&d)[..2],
            [
                (
                    Code::RiceOffScale,
                    4,
                    44,
                    "`rice.confidence: 0.7` is not a RICE confidence level".into()
                ),
                (
                    Code::RiceOffScale,
                    4,
                    57,
                    "`rice.effort: 0` must be more than 0; RICE divides by the effort".into()
                ),
            ]
        );
        assert!(one("rice: {reach: 2000, impact: 2, confidence: 1.0, effort: 4}\n").is_empty());
    }

    #[test]
    fn ice_and_risk_scales() {
        let d = one("ice: {impact: 0, confidence: 11, ease: 5}\n");
        assert_eq!(
            short(&d),
            [
                (Code::IceOffScale, 4, 15, "`ice.impact: 0` is not between 1 and 10".into()),
                (Code::IceOffScale, 4, 30, "`ice.confidence: 11` is not between 1 and 10".into()),
            ]
        );
        let d = run(&[(
            "risks/R-1.md",
            "---\nid: R-1\ntitle: R\nlikelihood: 6\nimpact: 0\nstatus: open\n---\n",
        )]);
        assert_eq!(
            short(&d),
            [
                (Code::RiskScale, 4, 13, "`likelihood: 6` is not between 1 and 5".into()),
                (Code::RiskScale, 5, 9, "`impact: 0` is not between 1 and 5".into()),
            ]
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("score likelihood from 1 (rare) to 5 (almost certain); write `likelihood: 5`")
        );
    }

    #[test]
    fn sprint_dates() {
        let d = run(&[
            (
                "sprints/SP-1.md",
                "---\nid: SP-1\ntitle: S\nstart: 2026-11-16\nend: 2026-11-02\n---\n",
            ),
            ("sprints/SP-2.md", "---\nid: SP-2\ntitle: S\nstart: 2026-11-16\n---\n"),
            ("sprints/SP-3.md", "---\nid: SP-3\ntitle: S\n---\n"),
            ("sprints/SP-4.md", "---\nid: SP-4\ntitle: S\nstart: 2026-11-31\n---\n"),
            (
                "sprints/SP-5.md",
                "---\nid: SP-5\ntitle: S\nstart: 2026-11-16\nend: 2026-11-16\n---\n",
            ),
        ]);
        assert_eq!(
            short(&d),
            [
                (Code::SprintDates, 5, 6, "`end: 2026-11-02` is before `start: 2026-11-16`".into()),
                (Code::SprintDates, 2, 5, "the sprint has no `end` date".into()),
                (Code::SprintDates, 2, 5, "the sprint has no `start` and no `end` date".into()),
            ]
        );
        assert_eq!(
            d[1].help.as_deref(),
            Some("add `end: 2026-11-29` (its last day, 14 days from the start)")
        );
    }
}
