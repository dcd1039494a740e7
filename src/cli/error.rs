//! Every error the binary reports, and the one format it reports them in:
//!
//! ```text
//! error: what went wrong
//!   caused by: why, when the message does not say it already
//! help: what to do
//! ```
//!
//! Library errors say only what is wrong, with the data (ids, paths) a front-end needs;
//! the `From` impls here turn each into a [`CommandError`]: the message a command line user
//! reads, the hints that name pobox's commands and flags, and the exit code (as jj's
//! `CommandError { kind, error, hints }`). Commands return [`CommandResult`], so a library
//! error without a mapping here does not compile.

use std::fmt::Display;

use pobox::change::ChangeError;
use pobox::create::CreateError;
use pobox::demo::DemoError;
use pobox::edit::EditError;
use pobox::forecast::ForecastError;
use pobox::fsio::WriteError;
use pobox::generated::OutputError;
use pobox::git::GitError;
use pobox::history::HistoryError;
use pobox::hooks::HookError;
use pobox::import::ImportError;
use pobox::import::history::HistoryImportError;
use pobox::prioritize::PrioritizeError;
use pobox::query::expr::ParseError;
use pobox::report::portfolio::PortfolioError;
use pobox::report::sprint::ReportError;
use pobox::site::SiteError;
use pobox::sprint::SprintError;
use pobox::work_left::WorkLeftError;
use pobox::workspace::{AmbiguousId, LookupError, UnreadableScope, WorkspaceError};

use super::exit::{FAILURE, FINDINGS};

/// What a command returns: its exit code, or the error to report.
pub type CommandResult<T = u8> = Result<T, CommandError>;

/// How an error ends the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command could not do its work: usage, settings, I/O (exit 2).
    Failure,
    /// The backlog itself stands in the way, as a `validate` finding would (a dependency
    /// cycle): exit 1.
    Finding,
}

/// An error as the command line reports it.
#[derive(Debug)]
pub struct CommandError {
    kind: ErrorKind,
    error: anyhow::Error,
    hints: Vec<String>,
}

impl CommandError {
    /// A failure (exit 2) with `error`'s message and causes.
    pub fn new(error: impl Into<anyhow::Error>) -> Self {
        CommandError {
            kind: ErrorKind::Failure,
            error: error.into(),
            hints: Vec::new(),
        }
    }

    /// A failure (exit 2) with this message.
    pub fn msg(message: impl Display + std::fmt::Debug + Send + Sync + 'static) -> Self {
        CommandError::new(anyhow::Error::msg(message))
    }

    /// The same error as a finding (exit 1).
    pub fn finding(mut self) -> Self {
        self.kind = ErrorKind::Finding;
        self
    }

    /// Add a hint: what to do about it. A hint of several lines is indented under `help:`.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// The exit code.
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            ErrorKind::Failure => FAILURE,
            ErrorKind::Finding => FINDINGS,
        }
    }

    /// The message alone, without causes or hints.
    pub fn message(&self) -> String {
        self.error.to_string()
    }

    /// Whether it is a closed pipe (`pobox story list | head`), which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        use std::io::ErrorKind::BrokenPipe;
        self.error.chain().any(|c| {
            c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
                || c.downcast_ref::<serde_json::Error>()
                    .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
                || c.downcast_ref::<csv::Error>()
                    .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe))
        })
    }

    /// The report for stderr: `error: …`, each cause the message does not already say, then
    /// `help: …` per hint; no final line break.
    pub fn render(&self) -> String {
        let mut text = format!("error: {}", self.error);
        for cause in self.error.chain().skip(1) {
            // Errors that already print their cause (`cannot write X: permission denied`)
            // would otherwise say it twice.
            let cause = cause.to_string();
            if !text.contains(&cause) {
                text.push_str(&format!("\n  caused by: {cause}"));
            }
        }
        for hint in &self.hints {
            text.push_str("\nhelp: ");
            text.push_str(&hint.replace('\n', "\n      "));
        }
        text
    }
}

/// Errors of the binary itself (`with_context`, `anyhow!`): as they are, exit 2.
impl From<anyhow::Error> for CommandError {
    fn from(e: anyhow::Error) -> Self {
        CommandError::new(e)
    }
}

/// Errors that need no hint: their message says it all, exit 2.
macro_rules! plain {
    ($($error:ty),* $(,)?) => {$(
        impl From<$error> for CommandError {
            fn from(e: $error) -> Self {
                CommandError::new(e)
            }
        }
    )*};
}

plain!(
    std::io::Error,
    std::fmt::Error,
    serde_json::Error,
    csv::Error,
    CreateError,
    EditError,
    GitError,
    HookError,
    WorkspaceError,
    WriteError,
);

impl From<ParseError> for CommandError {
    fn from(e: ParseError) -> Self {
        CommandError::msg(format!(
            "--where: expected {}, found {} at column {}\n{}",
            e.expected,
            e.found,
            e.column,
            e.pointer("  ")
        ))
        .hint("the filter language is described in docs/queries.md; quote a value with spaces or a word such as 'and'")
    }
}

impl From<AmbiguousId> for CommandError {
    fn from(e: AmbiguousId) -> Self {
        if e.alias {
            return CommandError::new(e).hint(
                "keep it in the aliases of one file: set `aliases` without it on the others \
                 (`pobox set ID aliases=…`), or use their ids",
            );
        }
        let fix = if e.paths.len() > 2 {
            "keep the id on one file: give the others new ids and rename their files to match"
        } else {
            "keep the id on one file: give the other a new id and rename its file to match"
        };
        CommandError::new(e).hint(format!("{fix}; `pobox validate` reports this as PO201"))
    }
}

impl From<LookupError> for CommandError {
    fn from(e: LookupError) -> Self {
        match e {
            LookupError::Ambiguous(a) => a.into(),
            e @ LookupError::NotFound { .. } => CommandError::new(e),
        }
    }
}

impl From<HistoryError> for CommandError {
    fn from(e: HistoryError) -> Self {
        match e {
            HistoryError::NotGit(_) => CommandError::new(e).hint("run `git init` and commit the backlog"),
            HistoryError::Shallow => CommandError::msg(format!("{e}; run `git fetch --unshallow` (in GitHub Actions: `fetch-depth: 0`)")),
            HistoryError::Git(_) => CommandError::new(e),
        }
    }
}

impl From<ChangeError> for CommandError {
    fn from(e: ChangeError) -> Self {
        match e {
            ChangeError::Group(_) => CommandError::msg(format!("{e}; edit it in the file (e.g. `pobox story new --edit` or your editor)")),
            ChangeError::Repeated(_) => {
                CommandError::new(e).hint("give each field once; a list takes all its values in one, e.g. `labels=a,b`")
            }
            ChangeError::Lookup(e) => e.into(),
            e => CommandError::new(e),
        }
    }
}

impl From<SprintError> for CommandError {
    fn from(e: SprintError) -> Self {
        match e {
            SprintError::Broken { .. } => CommandError::new(e).hint("fix the file first: `pobox validate` shows where the problem is"),
            SprintError::Unreadable(scope) => scope.into(),
            SprintError::NoPlannedSprint => {
                CommandError::new(e).hint("create one with `pobox sprint new --start YYYY-MM-DD`, or name one: `pobox sprint plan SP-n`")
            }
            SprintError::NoCapacity(ref id) => {
                let hint = format!("pass `--capacity N`, or set it on the sprint: `pobox set {id} capacity=N`");
                CommandError::new(e).hint(hint)
            }
            SprintError::OtherActive { ref other, .. } => CommandError::msg(format!("{e}; close it first: `pobox sprint close {other}`")),
            SprintError::Change(e) => e.into(),
            SprintError::Ambiguous(e) => e.into(),
            e => CommandError::new(e),
        }
    }
}

/// A write refused because part of its scope cannot be read: exit 2, and which files to fix.
impl From<UnreadableScope> for CommandError {
    fn from(e: UnreadableScope) -> Self {
        let files: Vec<&str> = e.files.iter().map(|f| f.path.as_str()).collect();
        let it = if files.len() == 1 { "it" } else { "each" };
        let hint = format!(
            "{}; fix {} first (`pobox validate` shows what is wrong in {it}), then run the command again",
            e.why,
            files.join(", ")
        );
        CommandError::new(e).hint(hint)
    }
}

impl From<ReportError> for CommandError {
    fn from(e: ReportError) -> Self {
        let hint = match &e {
            ReportError::NoHistory(_) => "commit the sprint's file (and its stories) first".to_owned(),
            ReportError::NotStarted(id) => {
                format!("start it with `pobox sprint start {id}` and commit, or report on another sprint")
            }
        };
        CommandError::new(e).hint(hint)
    }
}

impl From<PortfolioError> for CommandError {
    fn from(e: PortfolioError) -> Self {
        let hint = match &e {
            PortfolioError::Io { .. } => None,
            PortfolioError::Syntax { .. } => {
                Some("write `products:` followed by one `- name: …` and `path: …` (relative to the file) per workspace")
            }
            PortfolioError::Empty(_) => Some("add `- name: …` and `path: …` under `products:`"),
        };
        let error = CommandError::new(e);
        match hint {
            Some(hint) => error.hint(hint),
            None => error,
        }
    }
}

impl From<ImportError> for CommandError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Source { ref help, .. } => {
                let help = help.clone();
                CommandError::new(e).hint(help)
            }
            ImportError::Status {
                ref status,
                kind,
                ref allowed,
                ..
            } => {
                let hint = format!("map it with `--status \"{status}=<status>\"`; the {kind} statuses are {allowed}");
                CommandError::new(e).hint(hint)
            }
            ImportError::StatusMapping(_) => CommandError::new(e).hint("write it like `--status \"To Do=ready\"`"),
            ImportError::ColumnMapping(_) => CommandError::new(e).hint("write it like `--map \"Custom field (Team)=team\"`"),
            ImportError::UnknownColumn {
                at,
                mapping,
                column,
                columns,
            } => CommandError::msg(format!(
                "{at}: `--map {mapping}` names the column `{column}`, but the file has no such column"
            ))
            .hint(format!("the columns are: {}", columns.join(", "))),
            ImportError::NoKeyColumn(_) => {
                CommandError::new(e).hint("name the column that holds each row's unique id with `--map COLUMN=key`")
            }
            ImportError::NoKey(_) => CommandError::new(e)
                .hint("every row needs its unique id in the key column (`Issue key` in a Jira export; see --map COLUMN=key)"),
            ImportError::Unreadable { ref source_item, .. } => {
                let hint = format!("this is a bug in pobox's importer; please report it with the source item {source_item}");
                CommandError::new(e).hint(hint)
            }
            ImportError::Write(_) => {
                CommandError::new(e).hint("run the same import again: items imported so far are skipped by their alias")
            }
            ImportError::PartlyWritten { .. } => CommandError::new(e).hint(
                "the files written are complete and stay: fix what stopped it, then run the same import again, which skips them by their alias",
            ),
            ImportError::Read { .. } => CommandError::new(e),
            ImportError::UnreadableItems(scope) => scope.into(),
        }
    }
}

impl From<HistoryImportError> for CommandError {
    fn from(e: HistoryImportError) -> Self {
        match e {
            HistoryImportError::SourceNotGit(_) => CommandError::new(e)
                .hint("pass the folder of a git clone of the project (or its backlog folder in one), or import without --with-history"),
            HistoryImportError::SourceShallow(_) => {
                CommandError::new(e).hint("run `git fetch --unshallow` in the source, then import again")
            }
            HistoryImportError::WorkspaceNotGit(_) => {
                CommandError::new(e).hint("run `git init` and commit the workspace, or import without --with-history")
            }
            HistoryImportError::Uncommitted(_) => CommandError::new(e)
                .hint("commit or stash them first (`git stash -u`): the import commits the backlog folder, and nothing was written"),
            HistoryImportError::Import(i) => i.into(),
            HistoryImportError::Git(g) => g.into(),
        }
    }
}

impl From<SiteError> for CommandError {
    fn from(e: SiteError) -> Self {
        match e {
            SiteError::NotASite(_) => CommandError::new(e).hint("choose another folder with --out DIR, or remove this one yourself"),
            SiteError::Io { .. } => CommandError::new(e),
        }
    }
}

impl From<OutputError> for CommandError {
    fn from(e: OutputError) -> Self {
        match e {
            OutputError::Protected { .. } => CommandError::new(e)
                .hint("choose a path outside the backlog folder and `.git`, other than pobox.yaml, e.g. `--out reports/<name>`"),
            OutputError::NotWritten(_) => CommandError::new(e).hint("choose another file with --out, or pass --force to replace it"),
            OutputError::Write(e) => e.into(),
        }
    }
}

impl From<DemoError> for CommandError {
    fn from(e: DemoError) -> Self {
        match e {
            DemoError::NotEmpty(_) | DemoError::NotAFolder(_) => CommandError::msg(format!("{e}; give `pobox demo` a new or empty folder"))
                .hint("build another one with `pobox demo DIR`, or remove this one first"),
            e => CommandError::new(e),
        }
    }
}

impl From<PrioritizeError> for CommandError {
    fn from(e: PrioritizeError) -> Self {
        match e {
            // The backlog cannot be ordered as it stands: a finding, as in `pobox validate`.
            PrioritizeError::Cycle(_) => CommandError::new(e)
                .finding()
                .hint("each arrow points at a prerequisite; remove one of these `depends_on` entries to break the cycle"),
            PrioritizeError::Ambiguous(e) => e.into(),
            PrioritizeError::Unreadable(scope) => scope.into(),
            e => CommandError::new(e),
        }
    }
}

impl From<WorkLeftError> for CommandError {
    fn from(e: WorkLeftError) -> Self {
        match e {
            WorkLeftError::NoEpic(_) => CommandError::new(e).hint("`pobox epic list` shows the epics"),
            WorkLeftError::NoActiveSprint => {
                CommandError::new(e).hint("say what to forecast: `pobox forecast --items N`, `--epic E-n` or `--by YYYY-MM-DD`")
            }
            WorkLeftError::Ambiguous(e) => e.into(),
            WorkLeftError::NotAnEpic { .. } => CommandError::new(e),
        }
    }
}

impl From<ForecastError> for CommandError {
    fn from(e: ForecastError) -> Self {
        CommandError::new(e)
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn hints_follow_the_message_and_causes_are_said_once() {
        let e = CommandError::msg("no sprint to show").hint("name one");
        assert_eq!(
            (e.render().as_str(), e.exit_code()),
            ("error: no sprint to show\nhelp: name one", FAILURE)
        );
        let io = std::io::Error::other("disk full");
        let e = CommandError::new(anyhow::Error::new(io).context("cannot write x"));
        assert_eq!(e.render(), "error: cannot write x\n  caused by: disk full");
        let e = CommandError::from(WriteError::Io {
            path: PathBuf::from("x"),
            source: std::io::Error::other("disk full"),
        });
        assert_eq!(e.render(), "error: cannot write x: disk full");
    }

    #[test]
    fn a_hint_of_several_lines_is_indented_under_help() {
        let e = CommandError::msg("taken").hint("do this;\nor that");
        assert_eq!(e.render(), "error: taken\nhelp: do this;\n      or that");
    }

    #[test]
    fn library_errors_get_the_command_lines_words() {
        let e = CommandError::from(SprintError::NoCapacity("SP-1".to_owned()));
        assert_eq!(
            e.render(),
            "error: SP-1 has no capacity and there is no closed sprint to take a velocity from\n\
             help: pass `--capacity N`, or set it on the sprint: `pobox set SP-1 capacity=N`"
        );
        let e = CommandError::from(SprintError::Change(ChangeError::Group("wsjf".to_owned())));
        assert_eq!(
            e.render(),
            "error: `wsjf` is a group of fields; edit it in the file (e.g. `pobox story new --edit` or your editor)"
        );
        let three = AmbiguousId {
            id: "S-2".to_owned(),
            paths: ["a/S-2.md", "b/S-2.md", "c/S-2.md"].map(PathBuf::from).to_vec(),
            alias: false,
        };
        let e = CommandError::from(SprintError::Ambiguous(three));
        assert_eq!(
            (e.render().as_str(), e.exit_code()),
            (
                "error: 3 files have the id `S-2`: a/S-2.md, b/S-2.md and c/S-2.md\n\
                 help: keep the id on one file: give the others new ids and rename their files to match; \
                 `pobox validate` reports this as PO201",
                FAILURE
            )
        );
        let e = CommandError::from(PrioritizeError::Cycle(vec![vec!["S-1".to_owned(), "S-2".to_owned()]]));
        assert_eq!(e.exit_code(), FINDINGS);
        assert!(e.render().ends_with("to break the cycle"), "{}", e.render());
    }
}
