//! A user's Markdown as HTML that cannot run anything: raw HTML is shown as text, links keep
//! only `http:`, `https:` and `mailto:` targets or point at another item's page, images
//! become their alt text (the site loads nothing from outside), and control characters and
//! bidirectional overrides in the text show as visible symbols, as everywhere else
//! ([`crate::text::control`]).

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::text::control;

/// Text made visible: control characters as symbols, line breaks kept.
fn visible(text: CowStr<'_>) -> CowStr<'_> {
    match control::escape_keep_lines(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(s) => CowStr::from(s),
    }
}

/// Render `text` as HTML. `page_of` turns a relative link to an item's file (`S-3.md`,
/// `../stories/S-3.md`) into that item's page, given the file's stem; other relative links
/// and every other scheme lose their link and keep their text. Headings move down one level
/// (`#` becomes `<h2>`): the page's own `<h1>` is the item's title.
#[must_use]
pub fn to_html(text: &str, page_of: &dyn Fn(&str) -> Option<String>) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    // For each open link: whether it was kept, so its end is kept or dropped alike.
    let mut links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(text, opts).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) | Event::Text(raw) => Some(Event::Text(visible(raw))),
        Event::Code(code) => Some(Event::Code(visible(code))),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => match safe_target(&dest_url, page_of) {
            Some(dest) => {
                links.push(true);
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(dest),
                    title: visible(title),
                    id,
                }))
            }
            None => {
                links.push(false);
                None
            }
        },
        Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then_some(Event::End(TagEnd::Link)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading {
            level,
            id: _,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: lower(level),
            id: None,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(lower(level)))),
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// The link target to write, or `None` to drop the link. Browsers ignore whitespace and
/// control characters inside a scheme (`java\tscript:`), so the scheme is judged without them.
fn safe_target(dest: &str, page_of: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let cleaned: String = dest.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = cleaned.to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let path_start = lower.find(['/', '?', '#']);
    let has_scheme = scheme_end.is_some_and(|i| path_start.is_none_or(|p| i < p));
    if has_scheme {
        return ["http://", "https://", "mailto:"]
            .iter()
            .any(|s| lower.starts_with(s))
            .then_some(cleaned);
    }
    if cleaned.starts_with("//") {
        // Protocol-relative: from file:// it would be a file path; say nothing.
        return None;
    }
    // A relative link to an item's Markdown file: its page.
    let path = cleaned.split(['#', '?']).next().unwrap_or("");
    let stem = path.rsplit('/').next()?.strip_suffix(".md")?;
    page_of(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        to_html(text, &|stem| (stem == "S-1").then(|| "story-S-1.html".to_owned()))
    }

    #[test]
    fn raw_html_is_text() {
        let h = html("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(2)> there\n");
        assert!(!h.contains("<script") && !h.contains("<img"), "{h}");
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{h}");
    }

    /// The `href` values of `html`.
    fn hrefs(html: &str) -> Vec<&str> {
        html.split("href=\"").skip(1).map(|rest| rest.split('"').next().unwrap()).collect()
    }

    #[test]
    fn only_safe_links_stay_links() {
        let h = html(
            "[a](javascript:alert(1)) [b](<JaVa\tScript:alert(1)>) [c](data:text/html,x) [d](https://example.com/x?y=1) \
             [e](mailto:a@b.c) [f](../stories/S-1.md) [g](other.pdf) [h](#notes) [i](vbscript:x) <javascript:alert(2)> \
             [j](//evil.example/x) [k]( javascript:alert(3))",
        );
        assert_eq!(hrefs(&h), ["https://example.com/x?y=1", "mailto:a@b.c", "story-S-1.html"], "{h}");
        for text in ["a", "b", "c", "g", "h", "i", "j", "k"] {
            let as_text = [format!(">{text} "), format!(" {text} "), format!(" {text}<")];
            assert!(as_text.iter().any(|t| h.contains(t.as_str())), "{text} kept as text: {h}");
        }
    }

    #[test]
    fn images_are_their_alt_text_and_headings_move_down() {
        let h = html("# Top\n\n![a chart](https://example.com/c.png)\n");
        assert_eq!(h, "<h2>Top</h2>\n<p>a chart</p>\n");
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_visible() {
        let h = html(
            "APPROVED\u{b}REJECTED \u{1b}[2J \u{7} \u{9b}1m \u{202e}x\n\n`code \u{1b}[1A`\n\n<b>\u{7}</b>\n\n\
             [t](https://e.com \"ti\u{7}tle\")\n\n```\nblock \u{1b}]0;x\u{7}\n```\n",
        );
        assert!(!h.chars().any(|c| c.is_control() && c != '\n' || c == '\u{202e}'), "{h:?}");
        for shown in [
            "APPROVED\u{240b}REJECTED \u{241b}[2J \u{2407} \u{fffd}1m \u{fffd}x",
            "code \u{241b}[1A",
            "block \u{241b}]0;x\u{2407}",
        ] {
            assert!(h.contains(shown), "{shown:?} in {h:?}");
        }
    }

    #[test]
    fn attributes_cannot_be_broken_out_of() {
        let h = html("[x](https://e.com/\"onmouseover=alert(1))");
        assert!(!h.contains("\"onmouseover"), "{h}");
    }
}
