//! Diagnostics: every problem pobox finds, as a value with a stable code and a place.
//!
//! The library only collects diagnostics; the binary chooses a reporter in [`render`] and
//! prints. Codes never change meaning once released, so that `pobox.yaml` severity overrides
//! and CI filters keep working.

pub mod code;
pub mod render;

use std::path::PathBuf;

use serde::Serialize;

pub use code::Code;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the backlog: a commit hook refuses it.
    Error,
    /// Probably wrong; allowed unless `--deny warnings`.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The word used in messages: `error`, `warning`, `info`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable rule code, e.g. `PO003`.
    pub code: Code,
    /// Severity after the workspace's overrides.
    pub severity: Severity,
    /// File, relative to the workspace root (or as given when outside it).
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: u32,
    /// 1-based column (characters); 0 when unknown.
    pub col: u32,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    #[must_use]
    pub fn new(code: Code, path: impl Into<PathBuf>, line: u32, col: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            path: path.into(),
            line,
            col,
            message: message.into(),
            help: None,
        }
    }

    /// Adds the line that tells the user how to fix it.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The diagnostic for an unresolved git merge conflict whose block starts at `line`
    /// (see [`crate::parse::frontmatter::conflict_marker`]).
    #[must_use]
    pub fn merge_conflict(path: &std::path::Path, line: u32) -> Self {
        Diagnostic::new(Code::MergeConflict, path, line, 1, "unresolved git merge conflict")
            .help("keep the right version, delete the <<<<<<< ======= >>>>>>> lines, then `git add` the file")
    }

    /// The diagnostic for a file or folder that cannot be read, saying why in plain words.
    #[must_use]
    pub fn unreadable(path: &std::path::Path, e: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        let (message, help) = match e.kind() {
            ErrorKind::NotFound => (
                "cannot read: it is a link to a file that does not exist, or it vanished while pobox read it",
                "fix or remove the link",
            ),
            ErrorKind::PermissionDenied => (
                "cannot read: permission denied",
                "give your user read access (e.g. `chmod u+r`), or move the file out of the backlog",
            ),
            ErrorKind::FileTooLarge => (
                "cannot read",
                "keep large text (logs, exports, data) outside the backlog and link to it from the item",
            ),
            // `parse::not_a_file`: a folder, named pipe, socket or device named like an item.
            ErrorKind::InvalidInput => (
                "cannot read",
                "pobox reads each item from a file: move this out of the backlog, or rename it so that its name does not end in `.md`",
            ),
            _ => ("cannot read this file", "check that it is a readable file"),
        };
        let message = if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::PermissionDenied) {
            message.to_owned()
        } else {
            format!("{message}: {e}")
        };
        Diagnostic::new(Code::Unreadable, path, 0, 0, message).help(help)
    }

    /// True for errors.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by file, then position, then code, so output never depends on the
/// order in which threads finished.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (&a.path, a.line, a.col, a.code).cmp(&(&b.path, b.line, b.col, b.code)));
}

/// "Did you mean …?" for a value that is close to one of the allowed ones.
#[must_use]
pub fn suggest<'a>(value: &str, allowed: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let value = value.to_lowercase();
    allowed
        .into_iter()
        .map(|a| (strsim::damerau_levenshtein(&value, &a.to_lowercase()), a))
        .filter(|(d, a)| *d > 0 && *d <= (a.len() / 3).max(1) + usize::from(value.len() > 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_values_only() {
        let allowed = ["draft", "ready", "in-progress", "review", "done"];
        assert_eq!(suggest("redy", allowed), Some("ready"));
        assert_eq!(suggest("in progress", allowed), Some("in-progress"));
        assert_eq!(suggest("Done", allowed), None, "case alone is not a typo worth a hint");
        assert_eq!(suggest("banana", allowed), None);
    }
}
