//! The working tree as one more commit, not yet made: what a command that writes (`pobox
//! sprint close`) reads so that the numbers it prints are the ones the report will show once
//! its change and the edits before it are committed.

use jiff::civil::Date;

use super::{Commit, Entry, Event, FieldChange, History, State, Timeline};
use crate::model::{Item, Kind, KindData};
use crate::text::path;
use crate::workspace::Workspace;

/// The id the pseudo-commit of the working tree carries.
pub const WORKING_TREE: &str = "working tree";

impl History {
    /// This history with the working tree of `ws` as a last commit dated `today`: every
    /// readable story and sprint whose status, points or sprint differ from its timeline's
    /// last entry (or that no commit has) gets an entry there. Nothing changes when the
    /// working tree holds no such change.
    #[must_use]
    pub fn with_uncommitted(mut self, ws: &Workspace, today: Date) -> History {
        let index = self.commits.len();
        let mut changed = false;
        for item in ws
            .items
            .iter()
            .filter(|i| i.broken.is_none() && matches!(i.kind, Kind::Story | Kind::Sprint))
        {
            changed |= self.record(index, item, today);
        }
        if changed {
            let time = self.commits.last().map_or(0, |c| c.time);
            self.commits.push(Commit {
                id: WORKING_TREE.to_owned(),
                time,
                date: today.max(self.commits.last().map_or(today, |c| c.date)),
                author: String::new(),
            });
        }
        self
    }

    /// Add `item`'s state at commit `index` when it differs from its timeline; whether it
    /// did.
    fn record(&mut self, index: usize, item: &Item, today: Date) -> bool {
        let state = State {
            status: item.status().map(str::to_owned),
            points: item.points(),
            sprint: match &item.data {
                KindData::Story(s) => s.sprint.clone(),
                _ => None,
            },
        };
        let file = path::slash(&item.path);
        let entry = |event, changes| Entry {
            commit: index,
            commit_id: WORKING_TREE.to_owned(),
            date: today,
            author: String::new(),
            event,
            state: state.clone(),
            path: file.clone(),
            changes,
        };
        let Some(&slot) = self.by_id.get(&item.id) else {
            self.timelines.push(Timeline {
                id: item.id.clone(),
                kind: item.kind,
                title: item.title.clone(),
                created: item.created,
                start: None,
                end: None,
                entries: vec![entry(Event::Added, Vec::new())],
            });
            self.by_id.insert(item.id.clone(), self.timelines.len() - 1);
            return true;
        };
        let t = &mut self.timelines[slot];
        let Some(last) = t.entries.last().filter(|e| e.event != Event::Deleted) else {
            t.entries.push(entry(Event::Added, Vec::new()));
            return true;
        };
        if last.state == state {
            return false;
        }
        let mut changes = Vec::new();
        let mut push = |field, from: Option<String>, to: Option<String>| {
            if from != to {
                changes.push(FieldChange { field, from, to });
            }
        };
        push("status", last.state.status.clone(), state.status.clone());
        push(
            "points",
            last.state.points.map(|p| p.to_string()),
            state.points.map(|p| p.to_string()),
        );
        push("sprint", last.state.sprint.clone(), state.sprint.clone());
        t.entries.push(entry(Event::Changed, changes));
        true
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::config::Config;
    use crate::history::testing::story_timeline;

    #[test]
    fn the_working_tree_adds_a_commit_only_for_what_changed() {
        let files = [
            ("stories/S-1.md", "---\nid: S-1\ntitle: a\nstatus: done\npoints: 3\n---\n"),
            ("stories/S-2.md", "---\nid: S-2\ntitle: b\nstatus: ready\npoints: 5\n---\n"),
        ];
        let (_dir, ws) = crate::workspace::testing::load(&files, false);
        let mut h = History::empty(Config::default());
        h.commits.push(Commit {
            id: "c0".into(),
            time: 0,
            date: date(2026, 9, 1),
            author: String::new(),
        });
        for t in [
            story_timeline("S-1", &[(0, date(2026, 9, 1), "in-progress")]),
            story_timeline("S-2", &[(0, date(2026, 9, 1), "ready")]),
        ] {
            h.by_id.insert(t.id.clone(), h.timelines.len());
            h.timelines.push(t);
        }
        // The timelines hold no points: S-2's points differ too.
        let h = h.with_uncommitted(&ws, date(2026, 9, 3));
        assert_eq!(h.commits.len(), 2);
        assert_eq!(h.commits[1].id, WORKING_TREE);
        let s1 = h.timeline("S-1").unwrap();
        assert_eq!(s1.state_after(1).unwrap().status.as_deref(), Some("done"));
        assert_eq!(s1.entries.last().unwrap().changes[0].field, "status");
        assert_eq!(h.timeline("S-2").unwrap().state_after(1).unwrap().points, Some(5));
        let again = h.clone().with_uncommitted(&ws, date(2026, 9, 3));
        assert_eq!(again.commits.len(), 2, "nothing new to add");
    }
}
