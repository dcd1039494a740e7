//! What pobox reads from a Markdown body: the user-story sentence, acceptance criteria,
//! meeting decisions and action items, and mentions of other items.
//!
//! pulldown-cmark parses the body; every fact keeps the file line and column it came from
//! (the body's offset in the file is added to pulldown-cmark's ranges).

use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde::Serialize;

/// Byte offsets of line starts, to turn offsets into 1-based lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Index a whole file's text.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and character column of a byte offset.
    #[must_use]
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        (to_u32(line), to_u32(col))
    }

    /// The 1-based line's text without its line ending.
    #[must_use]
    pub fn line_text(&self, line: u32) -> &'a str {
        let i = (line as usize).saturating_sub(1);
        let Some(&start) = self.starts.get(i) else { return "" };
        let end = self.starts.get(i + 1).copied().unwrap_or(self.text.len());
        let l = &self.text[start..end];
        let l = l.strip_suffix('\n').unwrap_or(l);
        l.strip_suffix('\r').unwrap_or(l)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The "As a …, I want …, so that …" sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct StorySentence {
    /// The whole sentence.
    pub text: String,
    /// The role after "As a".
    pub role: String,
    /// Whether it says why ("so that" / "in order to").
    pub has_benefit: bool,
    /// File line.
    pub line: u32,
}

/// One acceptance criterion: a list item, or one Gherkin scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Criterion {
    /// The criterion's text.
    pub text: String,
    /// `Some(true)` for `- [x]`, `Some(false)` for `- [ ]`, `None` for plain items and Gherkin.
    pub checked: Option<bool>,
    /// File line.
    pub line: u32,
}

/// One Gherkin step or keyword line inside the acceptance criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct GherkinLine {
    /// `Scenario`, `Given`, `When`, `Then`, `And`, `But` …
    pub keyword: String,
    /// The rest of the line.
    pub text: String,
    /// File line.
    pub line: u32,
}

/// A list item under a meeting's `## Decisions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Decision {
    /// What was decided.
    pub text: String,
    /// File line.
    pub line: u32,
}

/// A task under `## Action items`: `- [ ] @handle what to do (due: YYYY-MM-DD)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ActionItem {
    /// Whom it is for, without the `@`.
    pub owner: Option<String>,
    /// What to do, without owner and due date.
    pub text: String,
    /// The due date as written.
    pub due: Option<String>,
    /// Ticked.
    pub done: bool,
    /// File line.
    pub line: u32,
    /// File column of the item's text.
    pub col: u32,
}

/// A reference to another item in the body: an id (`S-42`) or a handle (`@dana`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Mention {
    /// The id or handle (without `@`).
    pub target: String,
    /// True for `@handle`.
    pub handle: bool,
    /// File line.
    pub line: u32,
    /// File column.
    pub col: u32,
}

/// Everything pobox reads from a body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Body {
    /// The first user-story sentence.
    pub story_sentence: Option<StorySentence>,
    /// Acceptance criteria (list items under a heading that says "acceptance criteria").
    pub criteria: Vec<Criterion>,
    /// Gherkin lines under that heading.
    pub gherkin: Vec<GherkinLine>,
    /// Meeting decisions.
    pub decisions: Vec<Decision>,
    /// Meeting action items.
    pub action_items: Vec<ActionItem>,
    /// Ids and handles mentioned.
    pub mentions: Vec<Mention>,
}

impl Body {
    /// A body that says nothing.
    pub const EMPTY: Body = Body {
        story_sentence: None,
        criteria: Vec::new(),
        gherkin: Vec::new(),
        decisions: Vec::new(),
        action_items: Vec::new(),
        mentions: Vec::new(),
    };

    /// How many acceptance criteria there are: list items plus Gherkin scenarios (Gherkin
    /// steps without a `Scenario:` line count as one scenario).
    #[must_use]
    pub fn criteria_count(&self) -> usize {
        let scenarios = self.gherkin.iter().filter(|g| is_scenario_keyword(&g.keyword)).count();
        let loose = usize::from(scenarios == 0 && self.gherkin.iter().any(|g| g.keyword == "Then"));
        self.criteria.len() + scenarios + loose
    }

    /// Criteria written as `- [ ]` and not ticked.
    pub fn unchecked_criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.criteria.iter().filter(|c| c.checked == Some(false))
    }
}

fn is_scenario_keyword(k: &str) -> bool {
    matches!(k, "Scenario" | "Example" | "Scenario Outline" | "Scenario Template")
}

static SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)^(?:in order to (?P<why1>.+?),?\s+)?as an?\s+(?P<role>.+?),?\s+i\s+(?:want|can|need)\s+(?P<goal>.+?)(?:,?\s+so that\s+(?P<why2>.+))?$").expect("valid regex")
});
static ID_MENTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b([A-Z][A-Z0-9]*-[0-9]+)\b").expect("valid regex"));
static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^A-Za-z0-9._%+-])@([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]|[A-Za-z0-9])").expect("valid regex"));
static DUE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(\s*due:\s*([^)]*?)\s*\)").expect("valid regex"));
static GHERKIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(Scenario Outline|Scenario Template|Scenario|Example|Background|Feature|Rule|Examples|Scenarios|Given|When|Then|And|But)\b:?\s*(.*)$")
        .expect("valid regex")
});

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Other,
    Criteria,
    Decisions,
    Actions,
}

fn context_of(heading: &str) -> Context {
    let h = heading.to_lowercase();
    if h.contains("acceptance criteria") || h.contains("acceptance tests") {
        Context::Criteria
    } else if h.contains("decision") {
        Context::Decisions
    } else if h.contains("action item") || h.trim() == "actions" {
        Context::Actions
    } else {
        Context::Other
    }
}

struct ListItemBuf {
    start: usize,
    checked: Option<bool>,
    text: String,
    text_start: Option<usize>,
}

/// Parse a body. `file` is the whole file text and `body_start` the body's byte offset in
/// it; `id_prefixes` are the prefixes that make a word an id mention (`S`, `E`, `SP`, `R`).
#[must_use]
pub fn parse_body(file: &str, body_start: usize, index: &LineIndex<'_>, id_prefixes: &[&str]) -> Body {
    let body_text = &file[body_start..];
    let mut out = Body::default();
    let mut context = Context::Other;
    // The open sections, outermost first: a heading closes the sections of its level and
    // below. A subheading that names no section of its own (`### Happy path` under
    // `## Acceptance criteria`) stays in its parent's section.
    let mut sections: Vec<(HeadingLevel, Context)> = Vec::new();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut items: Vec<ListItemBuf> = Vec::new();
    let mut paragraph: Option<(usize, String)> = None;
    let mut in_code_block = false;

    let opts = Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body_text, opts).into_offset_iter() {
        let at = body_start + range.start;
        match event {
            // Headings only say which section the following lines belong to; they are not
            // kept (a loaded backlog holds every body's facts, so each field costs memory).
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, title)) = heading.take() {
                    sections.retain(|(l, _)| *l < level);
                    context = match context_of(&title) {
                        Context::Other => sections.last().map_or(Context::Other, |(_, c)| *c),
                        own => own,
                    };
                    sections.push((level, context));
                }
            }
            Event::Start(Tag::Item) => items.push(ListItemBuf {
                start: at,
                checked: None,
                text: String::new(),
                text_start: None,
            }),
            Event::TaskListMarker(checked) => {
                if let Some(item) = items.last_mut() {
                    item.checked = Some(checked);
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some(item) = items.pop() {
                    finish_item(&mut out, context, item, index);
                }
            }
            Event::Start(Tag::Paragraph) if items.is_empty() => paragraph = Some((at, String::new())),
            Event::End(TagEnd::Paragraph) if items.is_empty() => {
                if let Some((start, text)) = paragraph.take() {
                    finish_paragraph(&mut out, context, start, &text, index);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(ref t) | Event::Code(ref t) => {
                // Inline code and code blocks are quotes, not references.
                let is_code = in_code_block || matches!(event, Event::Code(_));
                if in_code_block && context == Context::Criteria {
                    for (i, line) in t.lines().enumerate() {
                        if let Some(g) = gherkin_line(line, index.line_col(at).0 + to_u32(i)) {
                            out.gherkin.push(g);
                        }
                    }
                }
                if !is_code {
                    scan_mentions(&mut out.mentions, t, at, &file[at..], index, id_prefixes);
                }
                if let Some((_, title)) = heading.as_mut() {
                    title.push_str(t);
                } else if let Some(item) = items.last_mut() {
                    item.text_start.get_or_insert(at);
                    item.text.push_str(t);
                } else if let Some((_, text)) = paragraph.as_mut() {
                    text.push_str(t);
                }
            }
            // Prompts like `<goal>` in templates parse as inline HTML; keep them as text so the
            // sentence reads as written.
            Event::InlineHtml(ref t) => {
                if let Some(item) = items.last_mut() {
                    item.text.push_str(t);
                } else if let Some((_, text)) = paragraph.as_mut() {
                    text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(item) = items.last_mut() {
                    item.text.push(' ');
                } else if let Some((_, text)) = paragraph.as_mut() {
                    text.push('\n');
                }
            }
            _ => {}
        }
    }
    out
}

fn gherkin_line(line: &str, line_no: u32) -> Option<GherkinLine> {
    let c = GHERKIN.captures(line)?;
    Some(GherkinLine {
        keyword: c[1].to_owned(),
        text: c[2].trim().to_owned(),
        line: line_no,
    })
}

fn finish_paragraph(out: &mut Body, context: Context, start: usize, text: &str, index: &LineIndex<'_>) {
    let first_line = index.line_col(start).0;
    if context == Context::Criteria {
        for (i, line) in text.lines().enumerate() {
            if let Some(g) = gherkin_line(line, first_line + to_u32(i)) {
                out.gherkin.push(g);
            }
        }
    }
    if out.story_sentence.is_none() {
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(c) = SENTENCE.captures(&joined) {
            out.story_sentence = Some(StorySentence {
                role: c["role"].trim().to_owned(),
                has_benefit: c.name("why1").is_some() || c.name("why2").is_some(),
                text: joined.clone(),
                line: first_line,
            });
        }
    }
}

fn finish_item(out: &mut Body, context: Context, item: ListItemBuf, index: &LineIndex<'_>) {
    let text = item.text.trim().to_owned();
    let line = index.line_col(item.start).0;
    match context {
        Context::Criteria => {
            if let Some(g) = gherkin_line(&text, line).filter(|g| is_scenario_keyword(&g.keyword)) {
                out.gherkin.push(g);
            } else {
                out.criteria.push(Criterion {
                    text,
                    checked: item.checked,
                    line,
                });
            }
        }
        Context::Decisions => out.decisions.push(Decision { text, line }),
        Context::Actions => {
            let col = index.line_col(item.text_start.unwrap_or(item.start)).1;
            out.action_items.push(action_item(&text, item.checked == Some(true), line, col));
        }
        Context::Other => {}
    }
}

/// Read `@handle what to do (due: YYYY-MM-DD)`; owner and due date may stand anywhere.
fn action_item(text: &str, done: bool, line: u32, col: u32) -> ActionItem {
    let owner = HANDLE.captures(text).map(|c| c[1].to_owned());
    let due = DUE.captures(text).map(|c| c[1].to_owned());
    let mut rest = DUE.replace_all(text, "").into_owned();
    if let Some(o) = &owner {
        rest = rest.replacen(&format!("@{o}"), "", 1);
    }
    ActionItem {
        owner,
        text: rest.split_whitespace().collect::<Vec<_>>().join(" "),
        due,
        done,
        line,
        col,
    }
}

fn scan_mentions(out: &mut Vec<Mention>, text: &str, at: usize, raw: &str, index: &LineIndex<'_>, prefixes: &[&str]) {
    // The event text may differ from the raw source (escapes, entities); positions are only
    // exact when it does not, so fall back to the event start otherwise.
    let exact = raw.starts_with(text);
    for m in ID_MENTION.find_iter(text) {
        let word = m.as_str();
        let prefix = word.rsplit_once('-').map_or(word, |(p, _)| p);
        if prefixes.contains(&prefix) {
            let (line, col) = index.line_col(if exact { at + m.start() } else { at });
            out.push(Mention {
                target: word.to_owned(),
                handle: false,
                line,
                col,
            });
        }
    }
    for c in HANDLE.captures_iter(text) {
        let m = c.get(1).expect("group 1");
        let (line, col) = index.line_col(if exact { at + m.start() - 1 } else { at });
        out.push(Mention {
            target: m.as_str().to_owned(),
            handle: true,
            line,
            col,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Body {
        let index = LineIndex::new(text);
        parse_body(text, 0, &index, &["S", "E", "SP", "R"])
    }

    #[test]
    fn story_sentence_and_criteria() {
        let b = body(
            "As a shopper, I want to pay with a saved card,\nso that checkout is quick.\n\n## Acceptance criteria\n\n- [ ] Given a saved card, when I pay, then it is charged\n- [x] Card is masked\n\n## Notes\n\n- not a criterion\n",
        );
        let s = b.story_sentence.clone().unwrap();
        assert_eq!(s.role, "shopper");
        assert!(s.has_benefit);
        assert_eq!(s.line, 1);
        assert_eq!(b.criteria.len(), 2);
        assert_eq!(b.criteria[0].checked, Some(false));
        assert_eq!(b.criteria[0].line, 6);
        assert_eq!(b.criteria[1].checked, Some(true));
        assert_eq!(b.criteria_count(), 2);
        assert_eq!(b.unchecked_criteria().count(), 1);
    }

    #[test]
    fn criteria_under_subheadings_count() {
        let b = body(
            "## Acceptance criteria\n\n### Happy path\n\n- [x] Pays\n\n#### Edge\n\n- [ ] Refuses an expired card\n\n### Scenarios\n\nScenario: pay\nGiven a card\n\n## Notes\n\n- not a criterion\n\n### More notes\n\n- nor this\n",
        );
        let texts: Vec<&str> = b.criteria.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Pays", "Refuses an expired card"]);
        assert_eq!(b.criteria_count(), 3);
        assert_eq!(b.unchecked_criteria().count(), 1);
    }

    #[test]
    fn sentence_without_benefit() {
        let b = body("As an admin I want to export users.\n");
        assert!(!b.story_sentence.unwrap().has_benefit);
        assert!(body("Export users.\n").story_sentence.is_none());
    }

    #[test]
    fn gherkin_criteria() {
        let b = body(
            "## Acceptance Criteria\n\nScenario: pay\nGiven a card\nWhen I pay\nThen it is charged\n\n```gherkin\nScenario: refuse\n  Given no card\n  Then I am asked for one\n```\n",
        );
        assert_eq!(b.gherkin.iter().filter(|g| g.keyword == "Then").count(), 2);
        assert_eq!(b.criteria_count(), 2);
        assert_eq!(b.gherkin[0].line, 3);
        assert_eq!(b.gherkin[1].line, 4);
        assert_eq!(b.gherkin[4].line, 9);
    }

    #[test]
    fn meeting_decisions_and_action_items() {
        let b = body(
            "## Decisions\n\n- Ship S-4 first\n\n## Action items\n\n- [ ] @dana send the deck to E-2 owners (due: 2026-12-01)\n- [x] @li.ng book room\n- [ ] nobody owns this\n",
        );
        assert_eq!(
            b.decisions,
            vec![Decision {
                text: "Ship S-4 first".into(),
                line: 3
            }]
        );
        let a = &b.action_items;
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].owner.as_deref(), Some("dana"));
        assert_eq!(a[0].due.as_deref(), Some("2026-12-01"));
        assert_eq!(a[0].text, "send the deck to E-2 owners");
        assert_eq!((a[0].line, a[0].col), (7, 7));
        assert!(a[1].done);
        assert_eq!(a[1].owner.as_deref(), Some("li.ng"));
        assert_eq!(a[2].owner, None);
    }

    #[test]
    fn mentions_with_positions() {
        let b = body("See S-42 and E-3, not X-1, not `S-9`.\nMail a@b.com, ask @dana.\n");
        let m: Vec<_> = b.mentions.iter().map(|m| (m.target.as_str(), m.handle, m.line, m.col)).collect();
        assert_eq!(m, vec![("S-42", false, 1, 5), ("E-3", false, 1, 14), ("dana", true, 2, 19)]);
    }

    #[test]
    fn line_index() {
        let i = LineIndex::new("ab\r\ncd\n");
        assert_eq!(i.line_col(4), (2, 1));
        assert_eq!(i.line_text(1), "ab");
        assert_eq!(i.line_text(2), "cd");
        assert_eq!(i.line_text(9), "");
    }
}
