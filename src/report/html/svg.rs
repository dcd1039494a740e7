//! The sprint report's charts as inline SVG, drawn by pobox: no script, no fonts or images
//! from elsewhere. Each chart is an `img` for assistive technology, named by its `<title>`
//! and described by its `<desc>`; each series has its own `<title>` too. Series differ in
//! dash pattern as well as colour, so the charts still read when printed in grey.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::user;
use crate::history::sprints::SprintDay;
use crate::report::figure::{Velocity, axis_max, axis_step, burndown_top, short_date};
use crate::text::number::decimal;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 40.0;

/// The plotting area and its scales.
struct Frame {
    top_value: f64,
}

impl Frame {
    fn plot_width() -> f64 {
        WIDTH - LEFT - RIGHT
    }

    fn plot_height() -> f64 {
        HEIGHT - TOP - BOTTOM
    }

    fn y(&self, v: f64) -> f64 {
        TOP + Self::plot_height() * (1.0 - v / self.top_value)
    }

    /// The opening tag, title, description, grid and y axis labels.
    fn open(&self, s: &mut String, id: &str, title: &str, desc: &str) {
        let _ = write!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{id}-title {id}-desc">"#
        );
        let _ = write!(
            s,
            r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
            user(title),
            user(desc)
        );
        let step = axis_step(self.top_value);
        let steps = (self.top_value / step).round() as u32;
        for i in 0..=steps {
            let v = step * f64::from(i);
            let y = self.y(v);
            let _ = write!(
                s,
                r#"<line class="grid" x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
                WIDTH - RIGHT,
                LEFT - 6.0,
                y + 4.0,
                decimal(v)
            );
        }
    }
}

/// Legend entries across the top: (class of the swatch, label).
fn legend(s: &mut String, entries: &[(&str, &str)]) {
    let mut x = LEFT;
    for (class, label) in entries {
        let _ = write!(
            s,
            r#"<line class="{class}" x1="{x:.1}" y1="14" x2="{:.1}" y2="14"/><text class="legend" x="{:.1}" y="18">{}</text>"#,
            x + 22.0,
            x + 28.0,
            user(label)
        );
        x += 40.0 + 7.0 * label.chars().count() as f64;
    }
}

/// The burndown: remaining work per working day against the ideal line, with the scope
/// line (burnup) showing additions as steps and the completed line below it.
#[must_use]
pub fn burndown(id: &str, end: Option<Date>, days: &[SprintDay]) -> String {
    let mut s = String::new();
    if days.is_empty() {
        return s;
    }
    let frame = Frame {
        top_value: axis_max(burndown_top(days)),
    };
    let step = Frame::plot_width() / (days.len().max(2) - 1) as f64;
    let x = |k: usize| LEFT + step * k as f64;
    let known: Vec<_> = days.iter().take_while(|d| d.remaining.is_some()).collect();
    let last = known.last();
    let desc = match (known.first(), last) {
        (Some(first), Some(last)) => format!(
            "Points remaining over {} working days: {} at the start, {} on {}. The ideal line falls from {} to 0. Scope went from {} to {}; completed reached {}.",
            days.len() - 1,
            first.remaining.unwrap_or(0),
            last.remaining.unwrap_or(0),
            last.date,
            decimal(days[0].ideal),
            first.scope.unwrap_or(0),
            last.scope.unwrap_or(0),
            last.completed.unwrap_or(0),
        ),
        _ => "No values yet.".to_owned(),
    };
    frame.open(&mut s, "burndown", &format!("Burndown of {id}"), &desc);
    legend(
        &mut s,
        &[
            ("remaining", "Remaining"),
            ("ideal", "Ideal"),
            ("scope", "Scope"),
            ("completed", "Completed"),
        ],
    );
    // Day labels, thinned out on long sprints.
    let every = days.len().div_ceil(12).max(1);
    for (k, d) in days.iter().enumerate().filter(|(k, _)| k % every == 0 || *k == days.len() - 1) {
        let label = if d.day == 0 { "start".to_owned() } else { short_date(d.date) };
        let _ = write!(
            s,
            r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{label}</text>"#,
            x(k),
            HEIGHT - BOTTOM + 16.0
        );
    }
    // The planned last day, when the sprint ran past it.
    if let Some(end) = end
        && let Some(k) = days.iter().rposition(|d| d.date <= end)
        && k + 1 < days.len()
    {
        let _ = write!(
            s,
            r#"<line class="end" x1="{0:.1}" y1="{TOP}" x2="{0:.1}" y2="{1:.1}"><title>Planned end {end}</title></line>"#,
            x(k),
            HEIGHT - BOTTOM
        );
    }
    let ideal: Vec<(f64, f64)> = days.iter().enumerate().map(|(k, d)| (x(k), frame.y(d.ideal))).collect();
    path(&mut s, "ideal", "Ideal line", &polyline(&ideal));
    if !known.is_empty() {
        // Scope as steps: a change during a day shows as a vertical step at that day.
        let mut d = format!("M{:.1} {:.1}", x(0), frame.y(f64::from(known[0].scope.unwrap_or(0))));
        for (k, day) in known.iter().enumerate().skip(1) {
            let _ = write!(d, " H{:.1} V{:.1}", x(k), frame.y(f64::from(day.scope.unwrap_or(0))));
        }
        path(&mut s, "scope", "Scope (all points in the sprint)", &d);
        let series = |value: fn(&SprintDay) -> Option<u32>| -> Vec<(f64, f64)> {
            known
                .iter()
                .enumerate()
                .map(|(k, d)| (x(k), frame.y(f64::from(value(d).unwrap_or(0)))))
                .collect()
        };
        path(&mut s, "completed", "Completed points", &polyline(&series(|d| d.completed)));
        let remaining = series(|d| d.remaining);
        path(&mut s, "remaining", "Points remaining", &polyline(&remaining));
        for ((px, py), d) in remaining.iter().zip(&known) {
            let mut note = format!("{}: {} remaining", d.date, d.remaining.unwrap_or(0));
            if d.added > 0 {
                let _ = write!(note, ", {} added", d.added);
            }
            if d.removed > 0 {
                let _ = write!(note, ", {} removed", d.removed);
            }
            if d.reestimated != 0 {
                let _ = write!(note, ", {:+} re-estimated", d.reestimated);
            }
            let class = if d.added > 0 || d.removed > 0 || d.reestimated != 0 {
                "dot change"
            } else {
                "dot"
            };
            let _ = write!(
                s,
                r#"<circle class="{class}" cx="{px:.1}" cy="{py:.1}" r="3"><title>{note}</title></circle>"#
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// Velocity: completed points per closed sprint as bars beside the commitment, with the
/// mean of the last sprints as a dashed line.
#[must_use]
pub fn velocity(v: &Velocity<'_>) -> String {
    let mut s = String::new();
    if v.sprints.is_empty() {
        return s;
    }
    let top = v.sprints.iter().map(|x| x.completed.max(x.commitment)).max().unwrap_or(0);
    let frame = Frame {
        top_value: axis_max(f64::from(top)),
    };
    let desc = v
        .sprints
        .iter()
        .map(|x| format!("{}: {} committed, {} completed", x.id, x.commitment, x.completed))
        .collect::<Vec<_>>()
        .join("; ")
        + &v.mean
            .map(|m| format!(". Mean of the last {}: {}.", v.window, decimal(m)))
            .unwrap_or_default();
    frame.open(&mut s, "velocity", "Velocity per closed sprint", &desc);
    legend(
        &mut s,
        &[("bar-committed", "Committed"), ("bar-completed", "Completed"), ("mean", "Mean")],
    );
    let slot = Frame::plot_width() / v.sprints.len() as f64;
    let bar = (slot * 0.3).min(40.0);
    let base = frame.y(0.0);
    for (i, x) in v.sprints.iter().enumerate() {
        let centre = LEFT + slot * (i as f64 + 0.5);
        for (class, value, left, what) in [
            ("bar-committed", x.commitment, centre - bar - 2.0, "committed"),
            ("bar-completed", x.completed, centre + 2.0, "completed"),
        ] {
            let y = frame.y(f64::from(value));
            let _ = write!(
                s,
                r#"<rect class="{class}" x="{left:.1}" y="{y:.1}" width="{bar:.1}" height="{:.1}"><title>{}: {value} points {what}</title></rect><text class="value" x="{:.1}" y="{:.1}" text-anchor="middle">{value}</text>"#,
                base - y,
                user(x.id),
                left + bar / 2.0,
                y - 4.0
            );
        }
        let _ = write!(
            s,
            r#"<text class="tick" x="{centre:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            HEIGHT - BOTTOM + 16.0,
            user(x.id)
        );
    }
    if let Some(mean) = v.mean {
        let y = frame.y(mean);
        let _ = write!(
            s,
            r#"<path class="mean" d="M{LEFT} {y:.1} H{:.1}"><title>Mean of the last {}: {} points</title></path>"#,
            WIDTH - RIGHT,
            v.window,
            decimal(mean)
        );
    }
    s.push_str("</svg>");
    s
}

fn polyline(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { " L" });
    }
    d
}

fn path(s: &mut String, class: &str, title: &str, d: &str) {
    let _ = write!(s, r#"<path class="{class}" d="{d}"><title>{}</title></path>"#, user(title));
}
