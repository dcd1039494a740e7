//! Canonical front-matter for `pobox fmt`: keys in a configured order, lists in one style,
//! text quoted only where YAML needs it.
//!
//! Like the rest of [`crate::edit`], this moves and rewrites lines rather than
//! re-serialising: a key's block of lines (with the comment lines just above it and a
//! comment at the end of its line) moves as a whole; only a list of plain values and a
//! one-line text are rewritten. Block scalars (`|`, `>`), mappings, lists with comments
//! inside and other values stay exactly as written. The result is parsed again and must
//! hold the same keys with the same values, else nothing is changed.

use crate::config::Config;
use crate::model::kind::Kind;
use crate::parse::yaml::{Entry, Value};

use super::{EditError, NewValue, entry_lines, flow_scalar, parse_map, same_value, scalar, trailing_comment};

/// How lists are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListStyle {
    /// `labels: [a, b]` (what pobox itself writes).
    #[default]
    Flow,
    /// `labels:` then one `  - a` line per item.
    Block,
}

/// The canonical form of a front-matter.
#[derive(Debug, Clone, Default)]
pub struct Style<'a> {
    /// Known keys in this order; other keys follow in their original order.
    pub key_order: Vec<&'a str>,
    /// How lists of plain values are written.
    pub lists: ListStyle,
}

/// The `format:` settings of pobox.yaml.
#[derive(Debug, Clone, Default)]
pub struct FormatSettings {
    /// Per kind, keys to put first in this order (the kind's built-in order follows).
    pub key_order: Vec<(Kind, Vec<String>)>,
    /// How lists are written.
    pub lists: ListStyle,
}

impl FormatSettings {
    /// Read `format:` from pobox.yaml's settings.
    ///
    /// # Errors
    /// What is wrong with it and how to write it, naming the key.
    pub fn from_config(config: &Config) -> Result<Self, String> {
        let mut settings = FormatSettings::default();
        let Some(format) = config.extra.get("format").filter(|f| !f.is_null()) else {
            return Ok(settings);
        };
        let serde_json::Value::Object(format) = format else {
            return Err("`format` in pobox.yaml should be a mapping, e.g. `format: {list_style: flow}`".to_owned());
        };
        for (key, value) in format {
            match key.as_str() {
                "list_style" => {
                    settings.lists = match value.as_str() {
                        Some("flow") => ListStyle::Flow,
                        Some("block") => ListStyle::Block,
                        _ => return Err(format!("`format.list_style: {value}` in pobox.yaml should be `flow` or `block`")),
                    }
                }
                "date_format" => {
                    if value.as_str() != Some("iso") {
                        return Err(format!(
                            "`format.date_format: {value}` in pobox.yaml: only `iso` (YYYY-MM-DD) is supported, the form pobox reads dates in"
                        ));
                    }
                }
                "key_order" => {
                    let serde_json::Value::Object(kinds) = value else {
                        return Err("`format.key_order` in pobox.yaml should map kinds to key lists, e.g. `key_order: {story: [id, title, status]}`".to_owned());
                    };
                    for (kind_name, keys) in kinds {
                        let kind = Kind::parse(kind_name)
                            .ok_or_else(|| format!("`format.key_order.{kind_name}` in pobox.yaml: `{kind_name}` is not a kind (story, epic, stakeholder, meeting, sprint, risk, decision)"))?;
                        let keys = keys
                            .as_array()
                            .and_then(|a| a.iter().map(|k| k.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>())
                            .ok_or_else(|| {
                                format!("`format.key_order.{kind_name}` in pobox.yaml should be a list of keys, e.g. `[id, title, status]`")
                            })?;
                        settings.key_order.push((kind, keys));
                    }
                }
                other => {
                    return Err(format!(
                        "`format.{other}` in pobox.yaml is not a format setting (key_order, list_style, date_format)"
                    ));
                }
            }
        }
        Ok(settings)
    }

    /// The style for `kind`: its configured keys first, then the built-in order.
    #[must_use]
    pub fn style(&self, kind: Kind) -> Style<'_> {
        let mut key_order: Vec<&str> = self
            .key_order
            .iter()
            .filter(|(k, _)| *k == kind)
            .flat_map(|(_, keys)| keys.iter().map(String::as_str))
            .collect();
        for k in kind.key_order() {
            if !key_order.contains(k) {
                key_order.push(k);
            }
        }
        Style {
            key_order,
            lists: self.lists,
        }
    }
}

/// A top-level key's lines: comment lines just above it, then its own lines.
struct Block {
    key: String,
    lines: Vec<String>,
}

/// `text` with its front-matter in canonical form; the body and every value are unchanged.
///
/// # Errors
/// [`EditError::Conflict`] for merge-conflict markers, [`EditError::NoFrontMatter`] and
/// [`EditError::InvalidYaml`] for files pobox cannot read, [`EditError::Unsafe`] (naming the
/// field) or [`EditError::Reorder`] when the rewrite would change a value (nothing is changed
/// then).
pub fn canonical(text: &str, style: &Style<'_>) -> Result<String, EditError> {
    let super::Opened {
        split,
        yaml_text,
        before,
        newline,
        lines,
        // The canonical form writes every line with the file's ending.
        endings: _,
    } = super::open(text)?;
    refuse_hidden_keys(&before, &lines)?;

    let keep = |l: &String| !l.trim().is_empty();
    let mut header = Vec::new();
    let mut blocks = Vec::with_capacity(before.len());
    let mut next = 0;
    for (i, entry) in before.iter().enumerate() {
        let (first, last) = entry_lines(&lines, &before, i)?;
        // Comment lines above a key belong to it; above the first key they are the header.
        let above: Vec<String> = lines[next..first].iter().filter(|l| keep(l)).cloned().collect();
        let mut own = if i == 0 {
            header = above;
            Vec::new()
        } else {
            above
        };
        own.extend(rewrite(entry, &lines[first..=last], style.lists));
        blocks.push(Block {
            key: entry.key.clone(),
            lines: own,
        });
        next = last + 1;
    }
    let footer: Vec<String> = lines[next.min(lines.len())..].iter().filter(|l| keep(l)).cloned().collect();

    // Known keys by their place in the order, the others after them as they came.
    let rank = |k: &str| style.key_order.iter().position(|o| *o == k).unwrap_or(usize::MAX);
    blocks.sort_by_key(|b| rank(&b.key));

    let mut new_yaml = String::with_capacity(yaml_text.len());
    for l in header.iter().chain(blocks.iter().flat_map(|b| &b.lines)).chain(&footer) {
        // A stray `\r` at a line's end would join the `\n` written after it into a CRLF, and
        // the next run would read the line one `\r` shorter: the canonical form has none.
        new_yaml.push_str(l.trim_end_matches('\r'));
        new_yaml.push_str(newline);
    }
    if new_yaml == yaml_text {
        // Already canonical: the same bytes hold the same values, so there is nothing to
        // check (most files `fmt` reads, and every file an import writes).
        return Ok(text.to_owned());
    }
    let after = parse_map(&new_yaml, split.yaml_line).map_err(|_| EditError::Reorder)?;
    same_entries(&before, &after)?;
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..split.yaml.start]);
    out.push_str(&new_yaml);
    out.push_str(&text[split.yaml.end..]);
    Ok(out)
}

/// The lines of one entry in canonical form (the same lines when it is not rewritten).
fn rewrite(entry: &Entry, lines: &[String], lists: ListStyle) -> Vec<String> {
    let as_is = || lines.to_vec();
    let Some(colon) = lines[0].find(':') else { return as_is() };
    let key = &lines[0][..colon];
    let comment = trailing_comment(&lines[0]).unwrap_or_default();
    // Comments inside a multi-line value would be lost by rewriting it.
    if lines[1..].iter().any(|l| l.contains('#')) {
        return as_is();
    }
    match &entry.node.value {
        Value::Seq(items) => {
            // Anchors, aliases and tags would be lost by rewriting.
            if lines
                .iter()
                .any(|l| has_node_property(&l[if l.starts_with(key) { colon + 1 } else { 0 }..]))
            {
                return as_is();
            }
            let Some(items) = items.iter().map(|n| plain(&n.value)).collect::<Option<Vec<_>>>() else {
                return as_is();
            };
            match lists {
                _ if items.is_empty() => vec![format!("{key}: []{comment}")],
                ListStyle::Flow => {
                    let flow: Vec<String> = items
                        .iter()
                        .map(|(s, is_text)| if *is_text { flow_scalar(s) } else { s.clone() })
                        .collect();
                    vec![format!("{key}: [{}]{comment}", flow.join(", "))]
                }
                ListStyle::Block => {
                    let mut out = vec![format!("{key}:{comment}")];
                    out.extend(
                        items
                            .iter()
                            .map(|(s, is_text)| format!("  - {}", if *is_text { scalar(s) } else { s.clone() })),
                    );
                    out
                }
            }
        }
        // A one-line text, quoted only when it must be.
        // (Only when the text before the comment is exactly the value, so a `#` inside
        // the text is never taken for a comment.)
        Value::Str(s) if lines.len() == 1 && is_exactly(value_text(&lines[0], colon, comment), s) => {
            vec![format!("{key}: {}{comment}", NewValue::Text(s.clone()).to_yaml_for(&entry.key))]
        }
        _ => as_is(),
    }
}

/// The text of a one-line value, between the colon and any trailing comment.
fn value_text<'l>(line: &'l str, colon: usize, comment: &str) -> &'l str {
    line[colon + 1..line.len() - comment.len()].trim()
}

/// Whether a line of YAML holds an anchor (`&a`), alias (`*a`) or tag (`!t`) where a value
/// starts.
fn has_node_property(yaml: &str) -> bool {
    let mut prev = ' ';
    for c in yaml.chars() {
        if matches!(c, '&' | '*' | '!') && matches!(prev, ' ' | '\t' | '[' | ',' | '-' | ':') {
            return true;
        }
        prev = c;
    }
    false
}

/// Whether `yaml` alone is a plain or quoted scalar reading as the text `s`.
fn is_exactly(yaml: &str, s: &str) -> bool {
    !yaml.starts_with(['|', '>', '&', '!', '*'])
        && matches!(crate::parse::yaml::parse(&format!("k: {yaml}")).map(|n| n.value),
            Ok(Value::Map(m)) if m.len() == 1 && m[0].node.value == Value::Str(s.to_owned()))
}

/// A plain list item as YAML text, and whether it is text (to be quoted as needed).
fn plain(value: &Value) -> Option<(String, bool)> {
    match value {
        Value::Str(s) => Some((s.clone(), true)),
        Value::Int(i) => Some((i.to_string(), false)),
        // Debug keeps a `.0` or an exponent, so the number reads back as a float.
        Value::Float(f) if f.is_finite() => Some((format!("{f:?}"), false)),
        Value::Bool(b) => Some((b.to_string(), false)),
        _ => None,
    }
}

/// The same keys with the same values, whatever their order.
fn same_entries(before: &[Entry], after: &[Entry]) -> Result<(), EditError> {
    if before.len() != after.len() {
        return Err(EditError::Reorder);
    }
    for e in before {
        if !after.iter().any(|a| a.key == e.key && same_value(&a.node.value, &e.node.value)) {
            return Err(EditError::Unsafe(e.key.clone()));
        }
    }
    Ok(())
}

/// Refuse a front-matter whose top-level lines are not each one entry, in order: a merge
/// key (`<<: {points: 5}`) has no entry of its own, and the keys it merges stand at its
/// line, so rewriting the entries in order would drop or move it (it used to panic).
fn refuse_hidden_keys(before: &[Entry], lines: &[String]) -> Result<(), EditError> {
    let entry_lines: Vec<usize> = before.iter().map(|e| e.key_pos.line as usize - 1).collect();
    // Only a plain `<<` is a merge: other keys may read differently from how they are
    // written (a quoted `"id"`, a YAML 1.1 `n`), so they are not compared by name.
    let hidden = lines.iter().enumerate().find_map(|(i, l)| {
        let key = super::top_level_key(l).filter(|k| *k == "<<")?;
        (!before.iter().any(|e| e.key_pos.line as usize - 1 == i && e.key == key)).then_some(key)
    });
    match hidden {
        Some(key) => Err(EditError::Unsafe(key.to_owned())),
        None if !entry_lines.is_sorted_by(|a, b| a < b) => Err(EditError::Unsafe(before.first().map_or(String::new(), |e| e.key.clone()))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn story() -> Style<'static> {
        Style {
            key_order: crate::model::kind::Kind::Story.key_order().to_vec(),
            lists: ListStyle::Flow,
        }
    }

    const MESSY: &str = "---\n# header comment\ntitle: 'Pay by card'\nteam: blue   # custom, kept\nlabels:\n  - pay\n  - \"web\"\n\n# why it matters\nstatus: \"ready\"\nid: S-1\ncreated: '2026-11-02'\nnotes: |\n  line one\n  line two\npoints: 5 # agreed\n---\nBody *stays*  \n\n---\nnot front matter: [x]\n";

    #[test]
    fn orders_keys_requotes_and_keeps_comments_unknown_fields_and_body() {
        let out = canonical(MESSY, &story()).unwrap();
        assert_eq!(
            out,
            "---\n# header comment\nid: S-1\ntitle: Pay by card\n# why it matters\nstatus: ready\npoints: 5 # agreed\nlabels: [pay, web]\ncreated: 2026-11-02\nteam: blue   # custom, kept\nnotes: |\n  line one\n  line two\n---\nBody *stays*  \n\n---\nnot front matter: [x]\n"
        );
        assert_eq!(canonical(&out, &story()).unwrap(), out, "idempotent");
    }

    #[test]
    fn block_lists_and_values_that_need_quotes() {
        let style = Style {
            lists: ListStyle::Block,
            ..story()
        };
        let text = "---\nid: S-1\ntitle: \"yes\"\nlabels: [a, \"b, c\", 3, \"4\"]\ndepends_on: []\n---\n";
        let out = canonical(text, &style).unwrap();
        assert_eq!(
            out,
            "---\nid: S-1\ntitle: \"yes\"\nlabels:\n  - a\n  - b, c\n  - 3\n  - \"4\"\ndepends_on: []\n---\n"
        );
        assert_eq!(canonical(&out, &story()).unwrap(), text);
    }

    #[test]
    fn crlf_bom_and_refusals() {
        let out = canonical("\u{feff}---\r\nstatus: x\r\nid: S-1\r\n---\r\nb\r\n", &story()).unwrap();
        assert_eq!(out, "\u{feff}---\r\nid: S-1\r\nstatus: x\r\n---\r\nb\r\n");
        assert_eq!(
            canonical(
                "---\nid: S-1\n<<<<<<< HEAD\nstatus: a\n=======\nstatus: b\n>>>>>>> x\n---\n",
                &story()
            ),
            Err(EditError::Conflict(3))
        );
        assert!(matches!(
            canonical("---\nid: [\n---\n", &story()),
            Err(EditError::InvalidYaml { .. })
        ));
        assert_eq!(canonical("no front matter", &story()), Err(EditError::NoFrontMatter));
    }

    #[test]
    fn a_carriage_return_at_a_lines_end_is_formatted_once() {
        // Found by the `write` fuzz target: each run took one more `\r` off such a line.
        let text = "---\nnote: a\r\r\r\nid: S-1\n---\n";
        let out = canonical(text, &story()).unwrap();
        assert_eq!(out, "---\nid: S-1\nnote: a\n---\n");
        assert_eq!(canonical(&out, &story()).unwrap(), out);
    }

    #[test]
    fn complex_keys_and_shared_lines_are_refused_not_a_panic() {
        // Found by the `write` fuzz target: a `?` complex key has no line of its own, and
        // slicing the lines between keys panicked.
        for text in [
            "---\nid:\n?\n\n\n---\n",
            "---\nid: S-1\n? status\n: ready\n---\n",
            "---\n{id: S-1, status: x}\n---\n",
        ] {
            assert!(matches!(canonical(text, &story()), Err(EditError::Unsafe(_))), "{text:?}");
        }
        let title = [("title", crate::edit::NewValue::Text("New".into()))];
        for text in ["---\nid: S-1\n? title\n: Old\n---\n", "---\n{id: S-1, title: Old}\n---\n"] {
            assert!(
                matches!(crate::edit::set_fields(text, &title), Err(EditError::Unsafe(_))),
                "{text:?}"
            );
        }
        // A key on its own line beside a complex key can still be set.
        assert_eq!(
            crate::edit::set_fields("---\nid: S-1\n? x\n: y\ntitle: Old\n---\n", &title).unwrap(),
            "---\nid: S-1\n? x\n: y\ntitle: New\n---\n"
        );
        // A quoted key is still its own line.
        let out = canonical("---\n\"status\": x\nid: S-1\n---\n", &story()).unwrap();
        assert_eq!(out, "---\nid: S-1\n\"status\": x\n---\n");
    }

    #[test]
    fn lists_with_comments_anchors_or_tags_stay_as_written() {
        for text in [
            "---\nid: S-1\nlabels:\n  - a # first\n  - b\n---\n",
            "---\nid: S-1\nlabels: &l\n  - a\n---\n",
            "---\nid: S-1\nlabels: [!!str a, b]\n---\n",
            "---\nid: S-1\nlabels:\n  - &x a\n  - b\n---\n",
        ] {
            assert_eq!(canonical(text, &story()).unwrap(), text);
        }
        let text = "---\nid: S-1\nlabels:\n  - R&D\n  - a*b\n---\n";
        assert_eq!(canonical(text, &story()).unwrap(), "---\nid: S-1\nlabels: [R&D, a*b]\n---\n");
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("id".to_owned()),
            Just("title".to_owned()),
            Just("status".to_owned()),
            Just("labels".to_owned()),
            Just("points".to_owned()),
            Just("created".to_owned()),
            "[a-z_]{1,8}",
        ]
    }

    fn value() -> impl Strategy<Value = String> {
        let word = "[a-zA-Z0-9 ,:#'\"-]{0,10}";
        prop_oneof![
            word.prop_map(|w| format!("\"{}\"", w.replace('\\', "").replace('"', "\\\""))),
            "[a-z][a-z0-9 -]{0,10}".prop_map(|w| w.trim_end().to_owned()),
            (0..100i32).prop_map(|i| i.to_string()),
            proptest::collection::vec("[a-z0-9.+e-]{1,5}", 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            proptest::collection::vec("[a-z0-9]{1,5}", 1..4).prop_map(|v| v.iter().map(|s| format!("\n  - '{s}'")).collect::<String>()),
            Just("|\n  block\n  text".to_owned()),
            Just("{a: 1}".to_owned()),
            Just(String::new()),
        ]
    }

    proptest! {
        #[test]
        fn formatting_keeps_every_value_and_is_idempotent(
            entries in proptest::collection::vec((key(), value(), any::<bool>()), 1..8),
            block in any::<bool>(),
        ) {
            let mut seen = std::collections::HashSet::new();
            let mut yaml = String::new();
            for (k, v, comment) in &entries {
                if !seen.insert(k.clone()) {
                    continue;
                }
                if *comment {
                    yaml.push_str("# note\n");
                }
                let sep = if v.starts_with('\n') || v.is_empty() { "" } else { " " };
                yaml.push_str(&format!("{k}:{sep}{v}\n"));
            }
            let text = format!("---\n{yaml}---\nbody\n");
            prop_assume!(parse_map(&yaml, 2).is_ok());
            let style = Style { lists: if block { ListStyle::Block } else { ListStyle::Flow }, ..story() };
            let once = canonical(&text, &style).unwrap();
            prop_assert!(once.ends_with("---\nbody\n"));
            prop_assert_eq!(once.matches("# note").count(), text.matches("# note").count());
            let twice = canonical(&once, &style).unwrap();
            prop_assert_eq!(twice, once);
        }
    }
}
