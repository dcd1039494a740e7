//! Nothing vanishes, command by command (domain §8): how the walk of every command runs each
//! leaf of the command line against a workspace whose active sprint holds a story pobox
//! cannot read. Data only, shared by two tests:
//!
//! - `cli::tests::every_command_has_an_entry_in_the_walk` (the binary's unit tests, which see
//!   the clap definition) fails when a leaf command has no entry here, or an entry names no
//!   command, so a new command is walked, or its exemption argued, the day it is added;
//! - `unreadable::every_command_that_lists_or_counts_names_the_file_it_cannot_read`
//!   (`tests/it/`, which runs the built binary) runs every entry and fails when what it
//!   prints on stdout and stderr does not name that file.
//!
//! A command that neither lists nor counts items is exempt, with the reason next to it.

/// What the walk does with one leaf command.
pub enum Entry {
    /// Run it with each of these argument lists, each starting with the command's words
    /// (`{fixtures}` is the folder `tests/fixtures`; a `move` names its status as the
    /// workflow or life cycle gives it: `{done}`, `{active}`, `{mitigated}`, filled in by
    /// `support::WalkArgs`; a report also runs in every format).
    Runs(&'static [&'static [&'static str]]),
    /// Do not run it, for this reason: it neither lists nor counts items.
    Exempt(&'static str),
}

use Entry::{Exempt, Runs};

/// Why a `new` is exempt.
const NEW_FILE: &str = "creates one new file; its number comes from the file names, unreadable files included";
/// Why a `move` of a kind other than stories is exempt.
const ONE_FILE: &str = "changes one item of its own kind, and refuses when that file cannot be read (as `story move` shows)";
/// Why commands about pobox itself are exempt.
const NO_ITEMS: &str = "reads no item of a workspace";

/// Every leaf command, by its words after `pobox`.
pub const ENTRIES: &[(&str, Entry)] = &[
    ("init", Exempt("creates a workspace's settings and folders; reads no item")),
    ("demo", Exempt("writes the sample workspace into a new folder; reads no item")),
    ("story new", Exempt(NEW_FILE)),
    ("story list", Runs(&[&["story", "list"], &["story", "list", "--format", "json"]])),
    ("story move", Runs(&[&["story", "move", "S-3", "{done}"]])),
    ("epic new", Exempt(NEW_FILE)),
    ("epic list", Runs(&[&["epic", "list"]])),
    ("epic move", Exempt(ONE_FILE)),
    ("stakeholder new", Exempt(NEW_FILE)),
    ("stakeholder list", Runs(&[&["stakeholder", "list"]])),
    ("meeting new", Exempt(NEW_FILE)),
    ("meeting list", Runs(&[&["meeting", "list"]])),
    ("sprint new", Exempt(NEW_FILE)),
    ("sprint list", Runs(&[&["sprint", "list"]])),
    ("sprint move", Runs(&[&["sprint", "move", "SP-2", "{active}"]])),
    (
        "sprint plan",
        Runs(&[
            &["sprint", "plan", "SP-3"],
            &["sprint", "plan", "SP-3", "--format", "json"],
            &["sprint", "plan", "SP-3", "--write"],
        ]),
    ),
    ("sprint start", Runs(&[&["sprint", "start", "SP-2"]])),
    ("sprint close", Runs(&[&["sprint", "close", "SP-2"]])),
    ("risk new", Exempt(NEW_FILE)),
    ("risk list", Runs(&[&["risk", "list"]])),
    ("risk move", Exempt(ONE_FILE)),
    ("decision new", Exempt(NEW_FILE)),
    ("decision list", Runs(&[&["decision", "list"]])),
    ("decision move", Exempt(ONE_FILE)),
    (
        "show",
        Runs(&[&["show", "S-3"], &["show", "E-1"], &["show", "SP-2", "--format", "json"]]),
    ),
    (
        "search",
        Runs(&[
            &["search", "card"],
            &["search", "nothing-has-this-text"],
            &["search", "card", "--kind", "story", "--format", "json"],
        ]),
    ),
    ("set", Runs(&[&["set", "S-3", "points=8"]])),
    ("validate", Runs(&[&["validate"]])),
    (
        "prioritize",
        Runs(&[&["prioritize"], &["prioritize", "--format", "json"], &["prioritize", "--write"]]),
    ),
    ("report sprint", Runs(&[&["report", "sprint", "SP-2"]])),
    ("report backlog", Runs(&[&["report", "backlog"]])),
    ("report actions", Runs(&[&["report", "actions"]])),
    ("report risks", Runs(&[&["report", "risks"]])),
    ("report stakeholders", Runs(&[&["report", "stakeholders"]])),
    ("report roadmap", Runs(&[&["report", "roadmap"]])),
    ("report epics", Runs(&[&["report", "epics"]])),
    ("report portfolio", Runs(&[&["report", "portfolio", "."]])),
    ("hooks install", Exempt("installs the git pre-commit hook; reads no item")),
    ("hooks uninstall", Exempt("removes the git pre-commit hook; reads no item")),
    ("board", Runs(&[&["board"], &["board", "SP-2"]])),
    ("history", Runs(&[&["history", "S-3"]])),
    ("metrics", Runs(&[&["metrics"], &["metrics", "--format", "json"]])),
    (
        "forecast",
        Runs(&[
            &["forecast"],
            &["forecast", "--epic", "E-1"],
            &["forecast", "--epic", "E-1", "--format", "json"],
            &["forecast", "--items", "5"],
            &["forecast", "--by", "2026-12-18"],
        ]),
    ),
    (
        "import backlog-md",
        Runs(&[&["import", "backlog-md", "{fixtures}/backlog-md", "--dry-run"]]),
    ),
    ("import adr", Runs(&[&["import", "adr", "{fixtures}/adr/madr", "--dry-run"]])),
    (
        "import csv",
        Runs(&[&["import", "csv", "{fixtures}/jira-csv/retail-sprint-1.csv", "--dry-run"]]),
    ),
    ("export", Runs(&[&["export", "json"], &["export", "csv"]])),
    ("status", Runs(&[&["status"]])),
    ("site", Runs(&[&["site", "--out", "site"]])),
    ("completions", Exempt(NO_ITEMS)),
    ("man", Exempt(NO_ITEMS)),
    ("schema", Exempt(NO_ITEMS)),
    ("fmt", Runs(&[&["fmt"], &["fmt", "--check"]])),
];
