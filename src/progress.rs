//! How far a set of stories has come (an epic's, or a release's): the one definition every
//! report, the roadmap, the portfolio and the site use (domain reference §8;
//! docs/metrics.md).
//!
//! - **Progress**: done estimate / (total estimate − dropped estimate); the same with counts.
//!   Dropped stories are out of both sides and counted apart.
//! - **Remaining**: total estimate − dropped − done. A story without an estimate is counted
//!   as unestimated, never as zero points.
//!
//! Only readable stories count; a view says how many files it could not read.

use serde::Serialize;

use crate::model::{Item, Kind};
use crate::workflow::Workflow;
use crate::workspace::Workspace;

/// Stories and points done, left and dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Progress {
    /// Stories in scope: every one but the dropped.
    pub stories: usize,
    /// Of those, the done ones.
    pub stories_done: usize,
    /// Points of the stories in scope.
    pub points: u32,
    /// Points of the done ones.
    pub points_done: u32,
    /// `points_done / points`; `None` without points.
    pub progress: Option<f64>,
    /// Points left: in scope and not done.
    pub remaining_points: u32,
    /// Open stories (in scope, not done) without an estimate: work the points leave out.
    pub unestimated: usize,
    /// Dropped stories, out of every figure above.
    pub dropped_stories: usize,
    /// Their points.
    pub dropped_points: u32,
}

impl Progress {
    /// The progress of `stories` (readable ones; broken ones are skipped) in `workflow`.
    pub fn of<'a>(workflow: &Workflow, stories: impl IntoIterator<Item = &'a Item>) -> Progress {
        let mut p = Progress::default();
        for s in stories.into_iter().filter(|s| s.broken.is_none()) {
            let status = s.status().unwrap_or("");
            let points = s.points();
            if workflow.is_dropped(status) {
                p.dropped_stories += 1;
                p.dropped_points = p.dropped_points.saturating_add(points.unwrap_or(0));
                continue;
            }
            p.stories += 1;
            p.points = p.points.saturating_add(points.unwrap_or(0));
            if workflow.is_done(status) {
                p.stories_done += 1;
                p.points_done = p.points_done.saturating_add(points.unwrap_or(0));
            } else if points.is_none() {
                p.unestimated += 1;
            }
        }
        p.remaining_points = p.points - p.points_done;
        p.progress = (p.points > 0).then(|| f64::from(p.points_done) / f64::from(p.points));
        p
    }

    /// The progress of the stories whose `epic` is `epic`.
    #[must_use]
    pub fn of_epic(ws: &Workspace, epic: &str) -> Progress {
        Progress::of(
            &ws.config.workflow,
            ws.of_kind(Kind::Story).filter(|s| s.epic().map(str::trim) == Some(epic)),
        )
    }

    /// Whether every story in scope is done (and there is at least one).
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.stories > 0 && self.stories_done == self.stories
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(id: &str, status: &str, points: Option<u32>) -> String {
        let points = points.map_or_else(String::new, |p| format!("points: {p}\n"));
        format!("---\nid: {id}\ntitle: {id}\nstatus: {status}\nepic: E-1\n{points}---\n")
    }

    #[test]
    fn dropped_work_is_out_of_both_sides_and_counted_apart() {
        let files = [
            ("stories/S-1.md", story("S-1", "done", Some(5))),
            ("stories/S-2.md", story("S-2", "in-progress", Some(3))),
            ("stories/S-3.md", story("S-3", "dropped", Some(8))),
            ("stories/S-4.md", story("S-4", "draft", None)),
            ("stories/S-5.md", "---\nid: S-5\ntitle: [broken\n---\n".to_owned()),
        ];
        let (_dir, ws) = crate::workspace::testing::load(&files, false);
        let p = Progress::of_epic(&ws, "E-1");
        assert_eq!((p.stories, p.stories_done), (3, 1), "the dropped story is not in scope");
        assert_eq!((p.points, p.points_done, p.remaining_points), (8, 5, 3));
        assert_eq!((p.dropped_stories, p.dropped_points), (1, 8));
        assert_eq!(p.unestimated, 1, "S-4 is work without points, not zero work");
        assert_eq!(p.progress, Some(5.0 / 8.0));
        assert!(!p.is_done());
    }
}
