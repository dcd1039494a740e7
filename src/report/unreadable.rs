//! The one way a report shows the files it could not count (domain §8: a file pobox cannot
//! read is never silently absent): a fact under the title saying how many files were not
//! counted, and a section naming each file and its problem. Every report adds them through
//! [`Page::with_unreadable`] (the portfolio, per product, through [`fact`] and [`section`]),
//! so every format shows them alike and a clean workspace's reports do not change.
//!
//! A report names every file of the backlog pobox cannot read, whatever its kind: what such
//! a file holds is unknown, a report's numbers may rest on it (a story's stakeholders, a
//! meeting's sprint, a risk's related items), and a document handed to others must not look
//! complete when the backlog is not. Each file's kind is in the JSON.

use super::page::{Block, Cell, Column, Mark, Page, Span};
use crate::render::unreadable::{cannot_read, not_counted};
use crate::workspace::UnreadableFile;

/// The fact under a report's title: `1 file not counted`, marked as something to act on.
#[must_use]
pub fn fact<'a>(n: usize) -> Vec<Span<'a>> {
    vec![Span::mark(Mark::Overdue, vec![Span::own(not_counted(n))])]
}

/// The section `Not counted: 1 file pobox cannot read`: what that means, then a table of
/// each file's path and problem.
#[must_use]
pub fn section(files: &[UnreadableFile]) -> Block<'_> {
    let rows = files
        .iter()
        .map(|f| vec![Cell::user(f.path.as_str()), Cell::user(f.problem.as_str())])
        .collect();
    Block::section(
        vec![Span::own(format!("Not counted: {}", cannot_read(files.len())))],
        vec![
            Block::note(vec![
                Span::own(
                    "pobox cannot read what these files say now, so it is in none of the numbers and lists here: \
                     until they are fixed, their epic, sprint, status and points are unknown. ",
                ),
                Span::Code("pobox validate".into()),
                Span::own(" shows where each problem is."),
            ]),
            Block::table(None, vec![Column::Text("Path"), Column::Text("Problem")], rows),
        ],
    )
}

impl<'a> Page<'a> {
    /// The page with `files` shown: the [`fact`] after the other facts and the [`section`]
    /// first, before what was counted without them. Unchanged when there is none.
    #[must_use]
    pub fn with_unreadable(mut self, files: &'a [UnreadableFile]) -> Self {
        if files.is_empty() {
            return self;
        }
        self.facts.push(fact(files.len()));
        self.blocks.insert(0, section(files));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn a_page_gains_a_fact_and_a_first_section_only_when_files_were_not_counted() {
        let page = || Page::sample(vec![Span::own("Risks")], Span::own("as of 2026-11-02"), vec![Block::words("Body.")]);
        assert_eq!(page().with_unreadable(&[]), page());
        let files = [UnreadableFile {
            path: "backlog/risks/R-2.md".to_owned(),
            kind: Kind::Risk,
            id: "R-2".to_owned(),
            problem: "merge conflict (line 3)".to_owned(),
        }];
        let shown = page().with_unreadable(&files);
        assert_eq!(shown.facts.last(), Some(&fact(1)));
        assert_eq!(shown.blocks.len(), 2);
        let md = crate::report::markdown::render(&shown);
        assert!(md.contains("as of 2026-11-02 · **1 file not counted**"), "{md}");
        assert!(md.contains("## Not counted: 1 file pobox cannot read"), "{md}");
        assert!(md.contains("| backlog/risks/R-2.md | merge conflict (line 3) |"), "{md}");
        let html = crate::report::html::render(&shown);
        assert!(
            html.contains("<td>backlog/risks/R-2.md</td><td>merge conflict (line 3)</td>"),
            "{html}"
        );
        let text = crate::report::text::render(&shown, None);
        assert!(text.contains("backlog/risks/R-2.md  merge conflict (line 3)"), "{text}");
    }
}
