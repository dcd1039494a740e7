//! Inline text for GitHub/GitLab Markdown: prose and table cells.

/// Inline user text made inert: control characters and line breaks become visible or
/// spaces; Markdown punctuation is backslash-escaped; `<`, `>` and `&` become entities (so
/// no HTML tag or entity trick survives); `|` is escaped so table cells stay whole.
#[must_use]
pub fn escape(text: &str) -> String {
    let text = super::control::escape(text);
    let mut out = String::with_capacity(text.len());
    // A leading `-`, `+` or `=` could start a list or underline a heading.
    if text.starts_with(['-', '+', '=']) {
        out.push('\\');
    }
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_cannot_make_tags_links_or_cells() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("a | b\nc"), "a \\| b c");
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }
}
