//! Test support for rule families: a workspace written to a temporary folder, judged on a
//! fixed day.

use std::path::Path;

use jiff::civil::date;

use super::Checker;
use crate::diag::{self, Diagnostic};
use crate::workspace::{LoadOptions, Workspace};

/// The diagnostics `check` gives for a workspace of `files` (path relative to the
/// workspace root, text) with `pobox.yaml` holding `config`, judged on 2026-11-22, sorted.
pub(crate) fn run_rules<P: AsRef<Path>, T: AsRef<str>>(
    config: &str,
    files: &[(P, T)],
    check: fn(&Checker<'_>, &mut Vec<Diagnostic>),
) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pobox.yaml"), config).unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text.as_ref()).unwrap();
    }
    let ws = Workspace::load(dir.path(), LoadOptions::default()).unwrap();
    let cx = Checker::new(&ws, date(2026, 11, 22));
    let mut out = Vec::new();
    check(&cx, &mut out);
    diag::sort(&mut out);
    out
}
