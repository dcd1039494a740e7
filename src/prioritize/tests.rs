//! Golden tests per method against domain reference §1, and the whole of `prioritize`.

use std::path::PathBuf;

use super::*;
use crate::config::Config;
use crate::model::item::{Ice, Rice, Story, Wsjf};

fn story(id: &str, f: impl FnOnce(&mut Story, &mut Item)) -> Item {
    let mut item = Item::bare(Kind::Story, id.to_owned(), PathBuf::from(format!("backlog/stories/{id}.md")));
    item.title = format!("Title of {id}");
    let mut s = Story {
        status: Some("ready".to_owned()),
        ..Story::default()
    };
    f(&mut s, &mut item);
    item.data = KindData::Story(s);
    item
}

fn wsjf_inputs(value: f64, tc: f64, rr: f64, job_size: Option<f64>) -> Option<Wsjf> {
    Some(Wsjf {
        value: Some(value),
        time_criticality: Some(tc),
        risk_reduction: Some(rr),
        job_size,
    })
}

fn ws(items: Vec<Item>) -> Workspace {
    let mut ws = Workspace::empty(PathBuf::from("/nowhere"), Config::default());
    ws.items = items;
    ws
}

fn ids(p: &Prioritized) -> Vec<&str> {
    p.order.iter().map(|e| e.id.as_str()).collect()
}

fn run(items: Vec<Item>, method: Method) -> Prioritized {
    prioritize(
        &ws(items),
        &Options {
            method: Some(method),
            ..Options::default()
        },
    )
    .unwrap()
}

#[test]
fn wsjf_by_hand() {
    // CoD = 8 + 5 + 3 = 16; job size 5 → 3.2.
    let a = story("S-1", |s, _| s.scores.wsjf = wsjf_inputs(8.0, 5.0, 3.0, Some(5.0)));
    let s = wsjf::score(&a).unwrap();
    assert!((s.value - 3.2).abs() < 1e-12);
    assert_eq!(s.arithmetic, "CoD = 8 + 5 + 3 = 16; WSJF = 16 / 5 = 3.2");
    // Job size defaults to points: (3 + 2 + 1) / 2 = 3.
    let b = story("S-2", |s, _| {
        s.scores.wsjf = wsjf_inputs(3.0, 2.0, 1.0, None);
        s.points = Some(2);
    });
    let s = wsjf::score(&b).unwrap();
    assert_eq!(s.value, 3.0);
    assert_eq!(s.inputs.last().unwrap().name, "points");
    let c = story("S-3", |s, _| {
        s.scores.wsjf = Some(Wsjf {
            value: Some(1.0),
            ..Wsjf::default()
        });
    });
    assert_eq!(
        wsjf::score(&c).unwrap_err(),
        ["wsjf.time_criticality", "wsjf.risk_reduction", "wsjf.job_size (or points)"]
    );
    let d = story("S-4", |s, _| s.scores.wsjf = wsjf_inputs(1.0, 1.0, 1.0, Some(0.0)));
    assert_eq!(wsjf::score(&d).unwrap_err(), ["wsjf.job_size more than 0 (it is 0)"]);
    assert_eq!(ids(&run(vec![b, a], Method::Wsjf)), ["S-1", "S-2"]);
}

#[test]
fn rice_domain_example() {
    let a = story("S-1", |s, _| {
        s.scores.rice = Some(Rice {
            reach: Some(2000.0),
            impact: Some(2.0),
            confidence: Some(0.8),
            effort: Some(4.0),
        });
    });
    let s = rice::score(&a).unwrap();
    assert!((s.value - 800.0).abs() < 1e-9);
    assert_eq!(s.arithmetic, "RICE = 2000 × 2 × 0.8 / 4 = 800");
    let b = story("S-2", |s, _| s.scores.rice = Some(Rice::default()));
    assert_eq!(
        rice::score(&b).unwrap_err(),
        ["rice.reach", "rice.impact", "rice.confidence", "rice.effort"]
    );
}

#[test]
fn ice_product_and_mean() {
    let a = story("S-1", |s, _| {
        s.scores.ice = Some(Ice {
            impact: Some(7.0),
            confidence: Some(6.0),
            ease: Some(8.0),
        });
    });
    let p = ice::score(&a, IceMode::Product).unwrap();
    assert_eq!((p.value, p.arithmetic.as_str()), (336.0, "ICE = 7 × 6 × 8 = 336"));
    let m = ice::score(&a, IceMode::Mean).unwrap();
    assert_eq!((m.value, m.arithmetic.as_str()), (7.0, "ICE = (7 + 6 + 8) / 3 = 7"));
    // The product punishes low confidence harder than the mean: 10×1×10 = 100 < 336 but
    // its mean 7 ties with (7, 6, 8).
    let b = story("S-2", |s, _| {
        s.scores.ice = Some(Ice {
            impact: Some(10.0),
            confidence: Some(1.0),
            ease: Some(10.0),
        });
    });
    assert_eq!(ice::score(&b, IceMode::Product).unwrap().value, 100.0);
    assert_eq!(ice::score(&b, IceMode::Mean).unwrap().value, 7.0);
}

#[test]
fn cd3_domain_example_puts_b_first() {
    let a = story("S-1", |_, i| {
        i.extra.insert("cod".into(), 10.into());
        i.extra.insert("duration".into(), 2.into());
    });
    let b = story("S-2", |_, i| {
        i.extra.insert("cost_of_delay".into(), 30.into());
        i.extra.insert("duration".into(), 4.into());
    });
    assert_eq!(cd3::score(&a).unwrap().arithmetic, "CD3 = 10 / 2 = 5");
    assert_eq!(cd3::score(&b).unwrap().arithmetic, "CD3 = 30 / 4 = 7.5");
    assert_eq!(ids(&run(vec![a, b], Method::Cd3)), ["S-2", "S-1"]);
    let c = story("S-3", |_, _| {});
    assert_eq!(cd3::score(&c).unwrap_err(), ["cost_of_delay (or cod)", "duration (or points)"]);
    // Points stand in for the duration.
    let d = story("S-4", |s, i| {
        i.extra.insert("cod".into(), "12".into());
        s.points = Some(3);
    });
    assert_eq!(cd3::score(&d).unwrap().arithmetic, "CD3 = 12 / 3 = 4");
}

#[test]
fn moscow_classes_and_the_60_percent_warning() {
    let m = |id: &str, class: &str, points: u32, w: Option<Wsjf>| {
        story(id, |s, _| {
            s.scores.moscow = Some(class.to_owned());
            s.points = Some(points);
            s.scores.wsjf = w;
        })
    };
    let items = vec![
        m("S-1", "could", 2, None),
        m("S-2", "must", 5, None),
        m("S-3", "must", 3, wsjf_inputs(1.0, 1.0, 1.0, None)),
        m("S-4", "should", 3, None),
        m("S-5", "wont", 20, None),
        m("S-6", "must", 1, None),
    ];
    let p = run(items, Method::Moscow);
    // Must with WSJF first, then Must by points ascending, then Should, Could, Won't.
    assert_eq!(ids(&p), ["S-3", "S-6", "S-2", "S-4", "S-1", "S-5"]);
    assert_eq!(p.order[1].score.arithmetic, "must; no WSJF inputs, so by points: 1");
    // Must 9 of 14 points in scope (Won't is out of scope) = 64 % > 60 %.
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert!(
        p.warnings[0].starts_with("Must is 9 of 14 points in scope (64 %)"),
        "{}",
        p.warnings[0]
    );
    let ok = run(vec![m("S-1", "must", 3, None), m("S-2", "should", 2, None)], Method::Moscow);
    assert!(ok.warnings.is_empty(), "60 % is allowed: {:?}", ok.warnings);
    let none = story("S-9", |_, _| {});
    assert_eq!(moscow::score(&none).unwrap_err(), ["moscow (must, should, could or wont)"]);
}

#[test]
fn value_effort_quadrants() {
    let split = value_effort::Split::of_scale(&[1, 2, 3, 5, 8, 13, 20]);
    assert_eq!(split, value_effort::Split { value: 31.5, effort: 10.5 });
    let ve = |id: &str, v: f64, points: u32| {
        story(id, |s, _| {
            s.scores.wsjf = wsjf_inputs(v, v, v, None);
            s.points = Some(points);
        })
    };
    let items = vec![
        ve("S-1", 2.0, 13),  // value 6, effort 13: time sink
        ve("S-2", 13.0, 2),  // 39, 2: quick win
        ve("S-3", 2.0, 1),   // 6, 1: fill-in
        ve("S-4", 20.0, 20), // 60, 20: big bet
        ve("S-5", 13.0, 1),  // 39, 1: quick win, better ratio
    ];
    let p = run(items, Method::ValueEffort);
    let classes: Vec<(&str, &str)> = p.order.iter().map(|e| (e.id.as_str(), e.score.class.unwrap())).collect();
    assert_eq!(
        classes,
        [
            ("S-5", "quick win"),
            ("S-2", "quick win"),
            ("S-4", "big bet"),
            ("S-3", "fill-in"),
            ("S-1", "time sink")
        ]
    );
    assert_eq!(
        p.order[0].score.arithmetic,
        "value = 13 + 13 + 13 = 39 (high, split 31.5); effort = 1 (low, split 10.5) → quick win; value / effort = 39 / 1 = 39"
    );
    // A `value:` field stands in for the Cost of Delay.
    let v = story("S-6", |s, i| {
        i.extra.insert("value".into(), 40.into());
        s.points = Some(3);
    });
    assert_eq!(value_effort::score(&v, split).unwrap().class, Some("quick win"));
}

#[test]
fn prerequisites_first_and_outside_ones_reported() {
    let w = |id: &str, v: f64, deps: &[&str], status: &str| {
        story(id, |s, _| {
            s.scores.wsjf = wsjf_inputs(v, 1.0, 1.0, Some(1.0));
            s.depends_on = deps.iter().map(|d| (*d).to_owned()).collect();
            s.status = Some(status.to_owned());
        })
    };
    let items = vec![
        w("S-1", 1.0, &[], "ready"),
        w("S-2", 20.0, &["S-1", "S-4", "S-5", "S-6"], "ready"),
        w("S-3", 5.0, &[], "ready"),
        w("S-4", 1.0, &[], "done"),
        story("S-5", |s, _| s.status = Some("draft".into())),
        w("S-6", 1.0, &[], "dropped"),
    ];
    let p = run(items, Method::Wsjf);
    // S-2 is best but waits for S-1; done S-4 is no reason to wait; S-5 has no inputs, S-6
    // was dropped: both unfinished, so S-2 is blocked by them.
    assert_eq!(ids(&p), ["S-3", "S-1", "S-2"]);
    assert_eq!(p.order[2].blocked_by, ["S-5", "S-6"]);
    assert_eq!(p.missing.len(), 1);
    assert_eq!(p.missing[0].id, "S-5");
    assert_eq!(
        p.missing[0].missing,
        [
            "wsjf.value",
            "wsjf.time_criticality",
            "wsjf.risk_reduction",
            "wsjf.job_size (or points)"
        ]
    );
    assert_eq!(p.order.iter().map(|e| e.rank).collect::<Vec<_>>(), [1000.0, 2000.0, 3000.0]);
}

#[test]
fn filters_by_status_and_epic() {
    let s = |id: &str, epic: &str, status: &str| {
        story(id, |s, _| {
            s.scores.wsjf = wsjf_inputs(1.0, 1.0, 1.0, Some(1.0));
            s.epic = Some(epic.to_owned());
            s.status = Some(status.to_owned());
        })
    };
    let w = ws(vec![s("S-1", "E-1", "ready"), s("S-2", "E-2", "draft"), s("S-3", "E-1", "done")]);
    let p = prioritize(
        &w,
        &Options {
            epics: vec!["E-1".into()],
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(ids(&p), ["S-1"]);
    let p = prioritize(
        &w,
        &Options {
            statuses: vec!["done".into(), "draft".into()],
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(ids(&p), ["S-2", "S-3"]);
}

#[test]
fn a_cycle_is_an_error_naming_it() {
    let items = vec![
        story("S-3", |s, _| s.depends_on = vec!["S-7".into()]),
        story("S-7", |s, _| s.depends_on = vec!["S-3".into()]),
    ];
    let e = prioritize(&ws(items), &Options::default()).unwrap_err();
    assert_eq!(e.to_string(), "dependency cycle: S-3 → S-7 → S-3");
}

#[test]
fn pins_keep_their_rank_and_warn_above_a_prerequisite() {
    let w = |id: &str, v: f64, rank: Option<f64>, pin: bool, deps: &[&str]| {
        story(id, |s, i| {
            s.scores.wsjf = wsjf_inputs(v, 1.0, 1.0, Some(1.0));
            s.rank = rank;
            s.depends_on = deps.iter().map(|d| (*d).to_owned()).collect();
            if pin {
                i.extra.insert("rank_pinned".into(), true.into());
            }
        })
    };
    let items = vec![
        w("S-1", 9.0, Some(1000.0), false, &[]),
        w("S-2", 5.0, Some(2000.0), false, &[]),
        w("S-3", 1.0, Some(1500.0), true, &[]),
        w("S-4", 3.0, Some(10.0), true, &["S-2"]),
    ];
    let p = run(items, Method::Wsjf);
    assert_eq!(ids(&p), ["S-4", "S-1", "S-3", "S-2"]);
    assert!(p.order.iter().all(|e| !e.rank_changes()), "{:?}", p.order);
    assert_eq!(p.order.iter().filter(|e| e.pinned).count(), 2);
    assert_eq!(
        p.warnings,
        ["S-4 is pinned at rank 10, which puts S-4 above its prerequisite S-2, which is not done (validate reports this as PO205)"]
    );
}

#[test]
fn methods_parse() {
    assert_eq!(Method::parse("value_effort").unwrap(), Method::ValueEffort);
    assert_eq!(Method::parse("CD3").unwrap(), Method::Cd3);
    assert!(
        Method::parse("kano")
            .unwrap_err()
            .to_string()
            .contains("unknown prioritization method `kano`")
    );
}

#[test]
fn scores_print_as_people_read_them() {
    assert_eq!(num(3.2), "3.2");
    assert_eq!(num(16.0), "16");
    assert_eq!(num(2.0 / 3.0), "0.67");
}
