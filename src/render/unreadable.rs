//! Files pobox could not read, as a terminal shows them under a count or a list (the board,
//! `forecast`, `sprint plan`, `metrics`, `show`, `site`): the words every such view uses,
//! so "not counted" means one thing wherever it is said (domain §8). Reports say the same in
//! their page model (`report::unreadable`).

use crate::text::control;
use crate::workspace::UnreadableFile;

/// `1 file not counted`, `2 files not counted`: what a total adds when files of the kinds it
/// counts could not be read.
#[must_use]
pub fn not_counted(n: usize) -> String {
    if n == 1 {
        "1 file not counted".to_owned()
    } else {
        format!("{n} files not counted")
    }
}

/// `1 file pobox cannot read`, `2 files pobox cannot read`.
#[must_use]
pub fn cannot_read(n: usize) -> String {
    if n == 1 {
        "1 file pobox cannot read".to_owned()
    } else {
        format!("{n} files pobox cannot read")
    }
}

/// One line per file, `indent` first: `  backlog/stories/S-3.md: YAML error at line 4`,
/// made safe for a terminal. Empty when there is none.
#[must_use]
pub fn lines(files: &[UnreadableFile], indent: &str) -> String {
    let mut out = String::new();
    for f in files {
        out.push_str(indent);
        out.push_str(&control::escape(&f.path));
        out.push_str(": ");
        out.push_str(&control::escape(&f.problem));
        out.push('\n');
    }
    out
}

/// `Not counted: 1 file pobox cannot read:` and its lines below, indented; empty when there
/// is none. What a view prints after its totals.
#[must_use]
pub fn paragraph(files: &[UnreadableFile]) -> String {
    if files.is_empty() {
        return String::new();
    }
    format!("Not counted: {}:\n{}", cannot_read(files.len()), lines(files, "  "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn files_are_listed_under_a_count_and_escaped() {
        assert_eq!(paragraph(&[]), "");
        let f = UnreadableFile {
            path: "backlog/stories/S-3.md".to_owned(),
            kind: Kind::Story,
            id: "S-3".to_owned(),
            problem: "YAML error at line 4 \u{1b}[2J".to_owned(),
        };
        assert_eq!(
            paragraph(std::slice::from_ref(&f)),
            "Not counted: 1 file pobox cannot read:\n  backlog/stories/S-3.md: YAML error at line 4 \u{241b}[2J\n"
        );
        assert_eq!(
            (not_counted(1).as_str(), not_counted(2).as_str()),
            ("1 file not counted", "2 files not counted")
        );
        assert!(paragraph(&[f.clone(), f]).starts_with("Not counted: 2 files pobox cannot read:\n"));
    }
}
