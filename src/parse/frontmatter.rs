//! Splitting a file into its YAML front-matter and its Markdown body.
//!
//! Split by hand rather than by a library so that both parts keep their byte offsets and
//! line numbers: every later diagnostic points at a line of the real file.

/// Where the parts of an item file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML text (between the two `---` lines).
    pub yaml: std::ops::Range<usize>,
    /// 1-based file line of the first YAML line.
    pub yaml_line: u32,
    /// Byte range of the closing `---` line, without its line ending.
    pub closing: std::ops::Range<usize>,
    /// Byte offset where the body starts.
    pub body: usize,
    /// 1-based file line of the first body line.
    pub body_line: u32,
    /// Length of a leading UTF-8 byte-order mark (0 or 3).
    pub bom: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The first line is not `---`.
    NoFrontMatter,
    /// No closing `---` line; `line` is the opening line.
    Unclosed {
        /// The line of the opening `---`.
        line: u32,
    },
}

/// Lines of `text` with their starting byte offsets, without line endings (`\n` or `\r\n`).
pub fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// Split a file's text. The first line must be exactly `---` (a BOM before it is allowed);
/// the front-matter ends at the next line that is exactly `---` or `...`.
///
/// # Errors
/// [`SplitError`] when there is no front-matter or it is not closed.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = lines_with_offsets(&text[bom..]);
    match lines.next() {
        Some((_, first)) if first.trim_end() == "---" => {}
        _ => return Err(SplitError::NoFrontMatter),
    }
    let yaml_start = bom + text[bom..].find('\n').map_or(text.len() - bom, |i| i + 1);
    for (n, (start, line)) in lines.enumerate() {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let start = bom + start;
            let after = start + text[start..].find('\n').map_or(text.len() - start, |i| i + 1);
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            return Ok(Split {
                yaml: yaml_start..start,
                yaml_line: 2,
                closing: start..start + line.len(),
                body: after,
                body_line: n.saturating_add(3),
                bom,
            });
        }
    }
    Err(SplitError::Unclosed { line: 1 })
}

/// The line (1-based) where the first git merge-conflict block in `text` starts, if it has
/// one.
///
/// A block is what git writes when it cannot merge: a `<<<<<<<` line, later a `=======`
/// line, later a `>>>>>>>` line, in that order (a diff3 `|||||||` section may sit between
/// the first two). Each of these lines alone is ordinary Markdown or text: `=======` under a
/// line of text is a setext heading, `>>>>>>>` a deeply nested quote. So a marker line is a
/// conflict only inside a whole block, and every reader and writer asks this one function.
#[must_use]
pub fn conflict_marker(text: &str) -> Option<u32> {
    let is = |line: &str, marker: &str| line == marker || line.strip_prefix(marker).is_some_and(|rest| rest.starts_with(' '));
    let mut lines = lines_with_offsets(text).map(|(_, l)| l).enumerate();
    // The first opening line decides: a later one would find its separator and closing
    // line after this one too.
    let (open, _) = lines.find(|(_, l)| is(l, "<<<<<<<"))?;
    lines.find(|(_, l)| *l == "=======")?;
    lines.find(|(_, l)| is(l, ">>>>>>>"))?;
    Some(u32::try_from(open + 1).unwrap_or(u32::MAX))
}

/// 1-based line and column (in characters) of a byte offset.
#[must_use]
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(col).unwrap_or(u32::MAX))
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let t = "---\nid: S-1\ntitle: A\n---\nBody\n";
        let s = split(t).unwrap();
        assert_eq!(&t[s.yaml.clone()], "id: S-1\ntitle: A\n");
        assert_eq!(&t[s.body..], "Body\n");
        assert_eq!(s.body_line, 5);
        assert_eq!(&t[s.closing.clone()], "---");
    }

    #[test]
    fn crlf_and_bom() {
        let t = "\u{feff}---\r\nid: S-1\r\n---\r\nBody\r\n";
        let s = split(t).unwrap();
        assert_eq!(s.bom, 3);
        assert_eq!(&t[s.yaml.clone()], "id: S-1\r\n");
        assert_eq!(&t[s.body..], "Body\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let t = "---\n---";
        let s = split(t).unwrap();
        assert_eq!(&t[s.yaml.clone()], "");
        assert_eq!(s.body, t.len());
    }

    #[test]
    fn missing_or_unclosed() {
        assert_eq!(split(""), Err(SplitError::NoFrontMatter));
        assert_eq!(split("# Title\n---\n"), Err(SplitError::NoFrontMatter));
        assert_eq!(split("--- \nid: x\n"), Err(SplitError::Unclosed { line: 1 }));
        assert_eq!(split(" ---\nid: x\n---\n"), Err(SplitError::NoFrontMatter));
    }

    #[test]
    fn finds_conflict_markers() {
        assert_eq!(conflict_marker("a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> x\n"), Some(2));
        assert_eq!(conflict_marker("a\r\n<<<<<<<\r\nb\r\n=======\r\nc\r\n>>>>>>>\r\n"), Some(2));
        // diff3 style, with the common ancestor's lines.
        assert_eq!(
            conflict_marker("<<<<<<< ours\na\n||||||| base\nb\n=======\nc\n>>>>>>> theirs\n"),
            Some(1)
        );
        assert_eq!(conflict_marker("a\n====\n"), None);
    }

    /// Regression (issue 12): a setext heading's `=======` underline, or any marker line on
    /// its own or out of order, is Markdown, not a conflict.
    #[test]
    fn a_marker_line_outside_a_whole_block_is_not_a_conflict() {
        for text in [
            "Title\n=======\n\nText\n",
            "<<<<<<< HEAD\nonly an opening line\n",
            ">>>>>>> quoted\n",
            "<<<<<<< HEAD\na\n>>>>>>> x\n",
            "=======\n<<<<<<< HEAD\n>>>>>>> x\n",
            ">>>>>>> x\n=======\n<<<<<<< HEAD\n",
            "<<<<<<<< eight\n=======\n>>>>>>> x\n",
            "<<<<<<< HEAD\n========\n>>>>>>> x\n",
        ] {
            assert_eq!(conflict_marker(text), None, "{text:?}");
        }
        // A heading before a real block does not hide it; the block's first line is reported.
        assert_eq!(conflict_marker("Title\n=======\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n"), Some(3));
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
        assert_eq!(line_col("x", 99), (1, 2));
    }
}
