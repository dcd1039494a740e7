//! Text for HTML: inside an element or a quoted attribute.

/// Text made safe inside an HTML element or a quoted attribute: `&`, `<`, `>`, `"` and `'`
/// become character references, and control characters visible symbols or spaces.
#[must_use]
pub fn escape(text: &str) -> String {
    let text = super::control::escape(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{1b}b"), "a\u{241b}b");
    }
}
