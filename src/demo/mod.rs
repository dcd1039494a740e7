//! `pobox demo`: a small, realistic workspace with three sprints of git history.
//!
//! [`build`] creates a new git repository and plays the first weeks of "Corner Shop Online",
//! the web shop of a neighbourhood grocery: a kickoff, three refinements, two finished
//! sprints (the first met its goal, the second did not and carried two stories over) and a
//! third sprint stopped half-way, with the stakeholder register, risks and meeting notes a
//! product owner keeps along the way. Every change goes through the same library calls the
//! commands use ([`crate::create::create`], [`crate::edit::set_fields`],
//! [`crate::fsio::replace`], [`crate::git::Repo::commit_all`]), so the demo is also an
//! end-to-end check that they produce files pobox reads without a single diagnostic.
//!
//! The timeline is written for a history ending on [`LAST_DAY`] and played ending on the
//! week the caller asks for (the command passes today, or `--date`): every date moves by
//! the same whole number of weeks, so weekdays and sprint lengths keep and a demo built
//! today does not look months stale. The result depends on nothing else: commit times are
//! fixed relative to that day (nothing reads the clock, `POBOX_TODAY` or the user's git
//! identity), so for one day the file bytes and the commits are identical each time. `examples/corner-shop/` in the source tree is a
//! copy of the files (without the history); a test keeps the two equal.
//!
//! This module holds logic only, in three parts: `script` (create, edit and commit items the
//! way the commands do), `history` (the timeline, as code) and `items` (each item's values
//! as code and its text as a file embedded at build time: the final copies in
//! `examples/corner-shop/` where the text the demo needs can be derived from them, else
//! `src/demo/texts/`).

use std::path::{Path, PathBuf};

use jiff::civil::{Date, date};

use crate::create::CreateError;
use crate::edit::EditError;
use crate::fsio::WriteError;
use crate::git::GitError;
use crate::model::Kind;

mod history;
mod items;
mod script;

use history::play;
use script::{Script, Shift};

/// The product the demo workspace is about.
pub const PRODUCT: &str = "Corner Shop Online";

/// Who makes every commit of the demo history.
const AUTHOR_NAME: &str = "Pat Product";
const AUTHOR_EMAIL: &str = "pat@example.com";

/// What [`build`] made, for the command to tell the user what to try next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demo {
    /// The workspace root (the folder given to [`build`]), also the git repository's root.
    pub root: PathBuf,
    /// The product's name.
    pub product: String,
    /// Number of stories.
    pub stories: usize,
    /// Number of epics.
    pub epics: usize,
    /// Number of stakeholders.
    pub stakeholders: usize,
    /// Number of meeting notes.
    pub meetings: usize,
    /// Number of risks.
    pub risks: usize,
    /// Number of commits in the history.
    pub commits: usize,
    /// The sprints, oldest first.
    pub sprints: Vec<String>,
    /// The sprint still running at the last commit.
    pub active_sprint: String,
    /// The sprint before it: closed, with a goal missed and stories carried over, which
    /// makes the richest sprint report.
    pub last_closed_sprint: String,
    /// A story of the active sprint with a long status history, worth showing.
    pub example_story: String,
    /// The day of the first commit.
    pub first_day: Date,
    /// The day of the last commit: the demo's "today". Reports about "now" (overdue
    /// action items, work item age) read as intended with `POBOX_TODAY` set to this day.
    pub today: Date,
}

/// Why the demo workspace could not be built.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The folder exists and holds something: the demo never mixes with existing files.
    #[error("{} is not empty", .0.display())]
    NotEmpty(PathBuf),
    /// The path exists and is not a folder.
    #[error("{} exists and is not a folder", .0.display())]
    NotAFolder(PathBuf),
    /// A file or folder could not be created or read.
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        /// What could not be written.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An item could not be created.
    #[error(transparent)]
    Create(#[from] CreateError),
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// An edit was refused.
    #[error("{}: {source}", .path.display())]
    Edit {
        /// The file.
        path: PathBuf,
        /// Why.
        source: EditError,
    },
    /// git refused.
    #[error(transparent)]
    Git(#[from] GitError),
    /// The asked-for day moves the timeline out of the dates pobox can write.
    #[error("the demo cannot be dated there: {0}")]
    DateOutOfRange(String),
    /// The demo script does not fit the library any more (a bug in pobox).
    #[error("the demo script is out of step with pobox: {0}")]
    Script(String),
}

/// Create the demo workspace, with its history, in a new git repository at `dir`.
///
/// The history ends on the last day on or before `ends_by` that falls on [`LAST_DAY`]'s
/// weekday (a Wednesday), so every date keeps its weekday; `ends_by` = [`LAST_DAY`] gives
/// the pinned workspace of `examples/corner-shop/`, byte for byte.
///
/// `dir` must not exist yet, or be an empty folder; it is created with its parents. On an
/// error the folder is left as far as it got.
///
/// # Errors
/// [`DemoError::NotEmpty`], [`DemoError::NotAFolder`] and [`DemoError::DateOutOfRange`]
/// before anything is written; I/O, git and (for a pobox bug) script errors after.
pub fn build(dir: &Path, ends_by: Date) -> Result<Demo, DemoError> {
    let shift = Shift::ending_by(LAST_DAY, ends_by)?;
    let first_day = shift.day(FIRST_DAY)?;
    let io = |source| DemoError::Io {
        path: dir.to_path_buf(),
        source,
    };
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => return Err(DemoError::NotAFolder(dir.to_path_buf())),
        Ok(_) => {
            if std::fs::read_dir(dir).map_err(io)?.next().is_some() {
                return Err(DemoError::NotEmpty(dir.to_path_buf()));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(dir).map_err(io)?,
        Err(e) => return Err(io(e)),
    }
    let mut script = Script::start(dir, shift, items::POBOX_YAML, items::PRODUCT_MD)?;
    play(&mut script)?;
    let count = |kind| script.created.get(&kind).copied().unwrap_or(0);
    Ok(Demo {
        root: dir.to_path_buf(),
        product: PRODUCT.to_owned(),
        stories: count(Kind::Story),
        epics: count(Kind::Epic),
        stakeholders: count(Kind::Stakeholder),
        meetings: count(Kind::Meeting),
        risks: count(Kind::Risk),
        commits: script.commits,
        sprints: vec!["SP-1".to_owned(), "SP-2".to_owned(), "SP-3".to_owned()],
        active_sprint: "SP-3".to_owned(),
        last_closed_sprint: "SP-2".to_owned(),
        example_story: "S-11".to_owned(),
        first_day,
        today: script.day,
    })
}

/// The day of the initial commit, six days before the first sprint, as the timeline is
/// written.
const FIRST_DAY: Date = date(2026, 9, 1);

/// The first and the last date any text of the timeline names (the first commit, E-3's
/// target), as written; a test checks every date of the pinned files lies between them.
const TIMELINE_SPAN: (Date, Date) = (FIRST_DAY, date(2027, 1, 29));

/// The day of the last commit as the timeline is written (a Wednesday, half-way through
/// SP-3), which `pobox demo --date 2026-10-14` and `examples/corner-shop/` keep.
pub const LAST_DAY: Date = date(2026, 10, 14);

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::git::Repo;
    use crate::model::KindData;
    use crate::model::item::Wsjf;
    use crate::workspace::{LoadOptions, Workspace};

    /// Every file below `root` except git's, by path relative to `root`.
    fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .filter_entry(|e| e.file_name() != ".git")
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(root).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect()
    }

    /// One build serves every check of the result: building is the slow part.
    #[test]
    fn the_demo_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let demo = build(dir.path(), LAST_DAY).unwrap(); // an existing empty folder is fine
        let ws = Workspace::load(&demo.root, LoadOptions::default()).unwrap();
        assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
        has_what_it_says(&demo, &ws);
        sprints_end_as_played(&demo, &ws);
        stories_are_ready_when_they_say_so(&ws);
        handles_are_stakeholders_and_action_items_have_owners_and_dates(&demo, &ws);
        history_has_fixed_commits(&demo);
    }

    fn has_what_it_says(demo: &Demo, ws: &Workspace) {
        assert_eq!(ws.config.product, PRODUCT);
        let count = |kind| ws.of_kind(kind).count();
        let counted = [Kind::Story, Kind::Epic, Kind::Stakeholder, Kind::Meeting, Kind::Risk].map(count);
        assert_eq!([demo.stories, demo.epics, demo.stakeholders, demo.meetings, demo.risks], counted);
        assert_eq!(counted, [25, 3, 8, 12, 3]);
        let product = std::fs::read_to_string(demo.root.join("backlog/product.md")).unwrap();
        assert!(product.contains("\n## Vision\n") && product.contains("\n## Product goal\n"));
        for id in demo
            .sprints
            .iter()
            .chain([&demo.active_sprint, &demo.last_closed_sprint, &demo.example_story])
        {
            assert!(ws.get(id).is_some(), "{id}");
        }
        let horizons: Vec<_> = ws
            .of_kind(Kind::Epic)
            .map(|e| match &e.data {
                KindData::Epic(x) => (
                    e.id.as_str(),
                    x.horizon.as_deref().unwrap(),
                    x.target.is_some() && e.owner.is_some(),
                ),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(horizons, [("E-1", "now", true), ("E-2", "next", true), ("E-3", "later", true)]);
    }

    fn sprints_end_as_played(demo: &Demo, ws: &Workspace) {
        let sprints: Vec<_> = ws
            .of_kind(Kind::Sprint)
            .map(|i| match &i.data {
                KindData::Sprint(s) => (i.id.as_str(), s.status.as_deref(), s.goal_met, s.capacity, s.start, s.end),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            sprints,
            [
                (
                    "SP-1",
                    Some("closed"),
                    Some(true),
                    Some(22),
                    Some(date(2026, 9, 7)),
                    Some(date(2026, 9, 20))
                ),
                (
                    "SP-2",
                    Some("closed"),
                    Some(false),
                    Some(22),
                    Some(date(2026, 9, 21)),
                    Some(date(2026, 10, 4))
                ),
                (
                    "SP-3",
                    Some("active"),
                    None,
                    Some(20),
                    Some(date(2026, 10, 5)),
                    Some(date(2026, 10, 18))
                ),
            ]
        );
        assert_eq!(demo.sprints, ["SP-1", "SP-2", "SP-3"]);
        assert_eq!(date(2026, 9, 7).weekday(), jiff::civil::Weekday::Monday);
        let in_sprint = |sp: &str| {
            ws.of_kind(Kind::Story)
                .filter(|s| s.sprint() == Some(sp))
                .map(|s| (s.id.as_str(), s.status().unwrap()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            in_sprint("SP-2"),
            [("S-7", "done"), ("S-8", "done"), ("S-9", "done"), ("S-25", "done")]
        );
        assert_eq!(
            in_sprint("SP-3"),
            [
                ("S-10", "done"),
                ("S-11", "review"),
                ("S-13", "review"),
                ("S-14", "done"),
                ("S-15", "done")
            ]
        );
        assert_eq!(ws.get("S-5").unwrap().points(), Some(5), "re-estimated");
    }

    fn stories_are_ready_when_they_say_so(ws: &Workspace) {
        let rank = |s: &str| ws.config.workflow.rank(s).unwrap();
        for s in ws.of_kind(Kind::Story) {
            let status = s.status().unwrap();
            let body = s.body();
            assert!(body.story_sentence.as_ref().is_some_and(|x| x.has_benefit), "{}", s.id);
            assert!((1..=4).contains(&body.criteria_count()), "{}", s.id);
            if rank(status) >= rank("ready") {
                let points = s.points().unwrap_or_else(|| panic!("{} has no points", s.id));
                assert!(ws.config.estimate_scale.contains(&points), "{}", s.id);
            }
            let story = s.as_story().unwrap();
            if status == "done" {
                assert_eq!(body.unchecked_criteria().count(), 0, "{}", s.id);
                assert_eq!(story.accepted_by.as_deref(), Some("pat"), "{}", s.id);
            }
            for dep in &story.depends_on {
                let dep = ws.get(dep).unwrap_or_else(|| panic!("{} depends on a missing {dep}", s.id));
                if status == "ready" {
                    assert_eq!(dep.status(), Some("done"), "{} is ready before {}", s.id, dep.id);
                }
            }
        }
        // Every WSJF column has a 1, the anchor the scale asks for.
        let wsjf: Vec<_> = ws.of_kind(Kind::Story).filter_map(|s| s.as_story()?.scores.wsjf.clone()).collect();
        assert!(wsjf.len() >= 20);
        let columns: [fn(&Wsjf) -> Option<f64>; 3] = [|w| w.value, |w| w.time_criticality, |w| w.risk_reduction];
        for column in columns {
            assert!(wsjf.iter().any(|w| column(w) == Some(1.0)));
        }
    }

    fn handles_are_stakeholders_and_action_items_have_owners_and_dates(demo: &Demo, ws: &Workspace) {
        let known = |h: &str| ws.get(h).is_some_and(|i| i.kind == Kind::Stakeholder);
        let mut overdue = 0;
        for m in ws.of_kind(Kind::Meeting) {
            let body = m.body();
            assert!(!body.decisions.is_empty(), "{}", m.id);
            assert!(!body.action_items.is_empty(), "{}", m.id);
            for a in &body.action_items {
                assert!(known(a.owner.as_deref().unwrap()), "{}: {a:?}", m.id);
                let due = crate::model::fields::parse_date(a.due.as_deref().unwrap()).unwrap();
                overdue += usize::from(!a.done && due < demo.today);
            }
            for mention in body.mentions.iter().filter(|x| x.handle) {
                assert!(known(&mention.target), "{}: @{}", m.id, mention.target);
            }
            let attendees = match &m.data {
                KindData::Meeting(x) => &x.attendees,
                _ => unreachable!(),
            };
            assert!(attendees.iter().all(|h| known(h)), "{}", m.id);
        }
        assert_eq!(overdue, 3, "open and overdue on {}", demo.today);
        for s in ws.of_kind(Kind::Story) {
            let story = s.as_story().unwrap();
            assert!(story.stakeholders.iter().chain(&story.assignee).all(|h| known(h)), "{}", s.id);
        }
        let quadrants: BTreeSet<_> = ws
            .of_kind(Kind::Stakeholder)
            .map(|i| match &i.data {
                KindData::Stakeholder(s) => (s.power.clone().unwrap(), s.interest.clone().unwrap()),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(quadrants.len(), 4, "every Mendelow quadrant");
    }

    fn history_has_fixed_commits(demo: &Demo) {
        let repo = Repo::discover(&demo.root).unwrap();
        let commits = repo.head_commits().unwrap();
        assert_eq!(commits.len(), demo.commits);
        assert_eq!(commits.len(), 36);
        let times: Vec<i64> = commits.iter().map(|c| c.time).collect();
        let utc = |d: Date, h, m| d.at(h, m, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp().as_second();
        assert_eq!(times[0], utc(date(2026, 9, 1), 9, 30));
        assert_eq!(*times.last().unwrap(), utc(date(2026, 10, 14), 16, 0));
        assert!(times.windows(2).all(|w| w[0] < w[1]), "commit times increase");
        assert_eq!((demo.first_day, demo.today), (date(2026, 9, 1), date(2026, 10, 14)));
        let pat = (AUTHOR_NAME.to_owned(), AUTHOR_EMAIL.to_owned());
        for c in &commits {
            assert_eq!((&c.author, &c.committer), (&pat, &pat));
            let day = jiff::Timestamp::from_second(c.time)
                .unwrap()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date();
            assert!(
                !matches!(day.weekday(), jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday),
                "{day}"
            );
        }
        assert_eq!(repo.head_branch().as_deref(), Some("main"));
        assert!(repo.is_clean().unwrap(), "everything is committed");
    }

    #[test]
    fn two_builds_are_identical_and_match_the_checked_in_example() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b/nested"));
        build(&a, LAST_DAY).unwrap();
        build(&b, LAST_DAY).unwrap();
        let fresh = files(&a);
        assert_eq!(fresh, files(&b));
        let head = |p: &Path| Repo::discover(p).unwrap().head_commits().unwrap().pop().unwrap().id;
        assert_eq!(head(&a), head(&b), "same commits, same hashes");

        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corner-shop");
        let mut checked_in = files(&example);
        assert!(
            checked_in.remove(Path::new("README.md")).is_some(),
            "examples/corner-shop/README.md"
        );
        let regenerate = "regenerate examples/corner-shop with `pobox demo` (see its README)";
        assert_eq!(
            checked_in.keys().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>(),
            "{regenerate}"
        );
        for (path, bytes) in &fresh {
            assert!(
                checked_in[path] == *bytes,
                "examples/corner-shop/{} is out of date: {regenerate}",
                path.display()
            );
        }
    }

    /// Built on a later day, the demo is the pinned one moved by whole weeks: every file and
    /// file name with its dates moved, every commit as many days later, on the same weekday.
    #[test]
    fn a_later_day_moves_the_whole_timeline_by_whole_weeks() {
        let dir = tempfile::tempdir().unwrap();
        let (pinned, later) = (dir.path().join("pinned"), dir.path().join("later"));
        let friday = date(2026, 12, 4);
        let seven_weeks = Shift { days: 49 };
        let (a, b) = (build(&pinned, LAST_DAY).unwrap(), build(&later, friday).unwrap());
        assert_eq!(
            (b.first_day, b.today),
            (date(2026, 10, 20), date(2026, 12, 2)),
            "the Wednesday before"
        );
        assert_eq!(b.today.weekday(), LAST_DAY.weekday());
        let moved: BTreeMap<_, _> = files(&pinned)
            .into_iter()
            .map(|(path, bytes)| {
                let path = PathBuf::from(seven_weeks.text(path.to_str().unwrap()).into_owned());
                (path, seven_weeks.text(&String::from_utf8(bytes).unwrap()).into_owned().into_bytes())
            })
            .collect();
        let built = files(&later);
        assert_eq!(moved.keys().collect::<Vec<_>>(), built.keys().collect::<Vec<_>>());
        for (path, bytes) in &built {
            assert!(moved[path] == *bytes, "{}", path.display());
        }
        let times = |root: &Path| -> Vec<(i64, String)> {
            let commits = Repo::discover(root).unwrap().head_commits().unwrap();
            commits.into_iter().map(|c| (c.time, c.summary)).collect()
        };
        let (old, new) = (times(&pinned), times(&later));
        assert_eq!((a.commits, old.len()), (b.commits, new.len()));
        for ((t0, m0), (t1, m1)) in old.iter().zip(&new) {
            assert_eq!(t1 - t0, 49 * 86_400);
            assert_eq!(seven_weeks.text(m0), m1.as_str());
        }
        let ws = Workspace::load(&later, LoadOptions::default()).unwrap();
        assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
        // Earlier days move it back the same way.
        let earlier = build(&dir.path().join("earlier"), date(2026, 10, 13)).unwrap();
        assert_eq!(earlier.today, date(2026, 10, 7));
    }

    #[test]
    fn every_date_the_pinned_files_name_lies_in_the_timeline_span() {
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corner-shop");
        let mut seen = 0;
        for (path, bytes) in files(&example) {
            let text = String::from_utf8(bytes).unwrap();
            let dates = text.as_bytes().windows(10).enumerate().filter_map(|(i, _)| {
                let d = crate::model::fields::parse_date(text.get(i..i + 10)?).ok()?;
                Some(d)
            });
            for d in dates {
                seen += 1;
                assert!((TIMELINE_SPAN.0..=TIMELINE_SPAN.1).contains(&d), "{d} in {}", path.display());
            }
        }
        assert!(seen > 100, "{seen}");
    }

    #[test]
    fn dates_in_text_move_and_other_numbers_do_not() {
        let week = Shift { days: 7 };
        assert_eq!(
            week.text("due 2026-09-30, id 2026-09-02-kickoff"),
            "due 2026-10-07, id 2026-09-09-kickoff"
        );
        assert_eq!(
            week.text("12026-09-30 2026-13-01 2026-09-301 · 5 October"),
            "12026-09-30 2026-13-01 2026-09-301 · 5 October"
        );
        assert!(matches!(Shift { days: 0 }.text("2026-09-30"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(Shift::ending_by(LAST_DAY, LAST_DAY).unwrap(), Shift { days: 0 });
        assert_eq!(Shift::ending_by(LAST_DAY, date(2026, 10, 20)).unwrap(), Shift { days: 0 });
        assert_eq!(Shift::ending_by(LAST_DAY, date(2026, 10, 21)).unwrap(), Shift { days: 7 });
        assert_eq!(Shift::ending_by(LAST_DAY, date(2026, 10, 13)).unwrap(), Shift { days: -7 });
        assert!(matches!(
            build(Path::new("unused"), date(9999, 12, 31)),
            Err(DemoError::DateOutOfRange(_))
        ));
        assert!(!Path::new("unused").exists());
    }

    #[test]
    fn refuses_a_folder_that_is_not_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = build(dir.path(), LAST_DAY).unwrap_err();
        assert!(matches!(err, DemoError::NotEmpty(_)), "{err}");
        assert!(err.to_string().ends_with("is not empty"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing written");
        let file = dir.path().join("notes.txt");
        assert!(matches!(build(&file, LAST_DAY), Err(DemoError::NotAFolder(_))));
        assert_eq!(std::fs::read_to_string(file).unwrap(), "mine");
    }
}
