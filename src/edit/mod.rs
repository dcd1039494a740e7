//! Surgical front-matter edits: change the lines of the fields asked for, nothing else.
//!
//! A user's file is never re-serialised. Each change rewrites the one line (or the lines of
//! one block value) of its key; every other byte — unknown fields, comments, key order,
//! quoting, line endings and the body — stays as it was. After editing, the new front-matter
//! is parsed again and compared with the old one, so an edit that would change anything
//! else is refused instead of written.

use std::fmt::Write as _;

mod canonical;
mod yaml11;
pub use canonical::{FormatSettings, ListStyle, Style, canonical};

use crate::model::fields::DATE_FIELDS;
use crate::parse::frontmatter::{self, SplitError};
use crate::parse::yaml::{self, Entry, Value};

/// A new value for a field.
#[derive(Debug, Clone, PartialEq)]
pub enum NewValue {
    /// Text; quoted when YAML would otherwise read it as something else.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number.
    Number(f64),
    /// true / false.
    Bool(bool),
    /// A list of texts, written in flow style: `[a, b]`.
    List(Vec<String>),
    /// A value already in one-line YAML, such as a flow mapping `{value: 8, job_size: 3}`;
    /// written as given, and refused unless it parses.
    Raw(String),
    /// Remove the field.
    Remove,
}

impl NewValue {
    /// The YAML text of the value.
    #[must_use]
    pub fn to_yaml(&self) -> String {
        match self {
            NewValue::Text(s) => scalar(s),
            NewValue::Int(i) => i.to_string(),
            NewValue::Number(f) => format_number(*f),
            NewValue::Bool(b) => b.to_string(),
            NewValue::List(items) => format!("[{}]", items.iter().map(|s| flow_scalar(s)).collect::<Vec<_>>().join(", ")),
            NewValue::Raw(yaml) => yaml.clone(),
            NewValue::Remove => String::new(),
        }
    }

    /// The YAML text of the value of field `key`: as [`NewValue::to_yaml`], except that a
    /// date in one of pobox's date fields ([`DATE_FIELDS`]) is written plain, as the format
    /// has it (`created: 2026-12-01`); in any other field a date is quoted, since YAML 1.1
    /// readers would take it for a date rather than text.
    #[must_use]
    pub fn to_yaml_for(&self, key: &str) -> String {
        match self {
            NewValue::Text(s) if DATE_FIELDS.contains(&key) && yaml11::is_plain_date(s) => s.clone(),
            v => v.to_yaml(),
        }
    }

    fn matches(&self, value: &Value) -> bool {
        match (self, value) {
            (NewValue::Text(s), v) => v.scalar_text().as_deref() == Some(s.as_str()) && !matches!(v, Value::Seq(_) | Value::Map(_)),
            (NewValue::Int(i), Value::Int(j)) => i == j,
            #[allow(clippy::float_cmp)]
            (NewValue::Number(f), Value::Float(g)) => f == g || (f.is_nan() && g.is_nan()),
            #[allow(clippy::cast_precision_loss, clippy::float_cmp)]
            (NewValue::Number(f), Value::Int(j)) => *f == *j as f64,
            (NewValue::Bool(b), Value::Bool(c)) => b == c,
            (NewValue::Raw(yaml), v) => {
                !yaml.contains('\n')
                    && matches!(yaml::parse(&format!("k: {yaml}")).map(|n| n.value), Ok(Value::Map(m)) if m.len() == 1 && same_value(&m[0].node.value, v))
            }
            (NewValue::List(items), Value::Seq(seq)) => {
                items.len() == seq.len()
                    && items
                        .iter()
                        .zip(seq)
                        .all(|(a, n)| n.value.scalar_text().as_deref() == Some(a.as_str()))
            }
            _ => false,
        }
    }
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The file has no readable front-matter.
    #[error("the file has no front-matter to edit")]
    NoFrontMatter,
    /// The front-matter is not valid YAML.
    #[error("the front-matter is not valid YAML (line {line}): {message}; fix it first")]
    InvalidYaml {
        /// File line.
        line: u32,
        /// Parser message.
        message: String,
    },
    /// The file has merge-conflict markers.
    #[error("the file has unresolved merge-conflict markers (line {0}); resolve the conflict first")]
    Conflict(u32),
    /// A key pobox cannot edit safely (e.g. nested, or written on several lines in a way it
    /// cannot rewrite without touching other content).
    #[error("cannot safely rewrite `{0}` in this file; edit it by hand")]
    Unsafe(String),
    /// Rewriting the key's value would rewrite a line of another key that the YAML parser
    /// folds into the map rather than listing it (a merge key `<<:` after the key).
    #[error("cannot rewrite `{key}` without deleting the `{other}:` line below it; edit `{key}` by hand")]
    SharedLines {
        /// The key to rewrite.
        key: String,
        /// The key in its lines.
        other: String,
    },
    /// Putting the front-matter's fields in canonical order would change a value (an alias
    /// would come before its anchor); no single field is to blame.
    #[error(
        "putting its fields in pobox's order would change what they say (an alias `*name` would come before its anchor `&name`); order them by hand"
    )]
    Reorder,
    /// The key is not a plain field name.
    #[error("`{0}` is not a field name pobox can write (use letters, digits, `_` and `-`)")]
    BadKey(String),
}

/// Apply `changes` to the front-matter of `text` and return the new text. New keys go at
/// the end of the front-matter.
///
/// # Errors
/// See [`EditError`]; on error nothing is changed.
pub fn set_fields(text: &str, changes: &[(&str, NewValue)]) -> Result<String, EditError> {
    set_fields_ordered(text, changes, &[])
}

/// Like [`set_fields`], but a key the file lacks is added at its place in `order` (before
/// the first existing key that comes after it there); keys not in `order` go at the end,
/// where `pobox fmt` keeps them (after the known keys, in the order they came).
///
/// # Errors
/// See [`EditError`]; on error nothing is changed.
pub fn set_fields_ordered(text: &str, changes: &[(&str, NewValue)], order: &[&str]) -> Result<String, EditError> {
    let Opened {
        split,
        yaml_text,
        before,
        newline,
        mut lines,
        mut endings,
    } = open(text)?;
    // Work from the bottom up so earlier line numbers stay valid.
    let mut ordered: Vec<(usize, &(&str, NewValue))> = Vec::new();
    let mut appended: Vec<&(&str, NewValue)> = Vec::new();
    for change in changes {
        let key = change.0;
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
            return Err(EditError::BadKey(key.to_owned()));
        }
        match before.iter().position(|e| e.key == key) {
            Some(i) => ordered.push((i, change)),
            None if change.1 == NewValue::Remove => {}
            None => appended.push(change),
        }
    }
    ordered.sort_by_key(|(i, _)| std::cmp::Reverse(*i));
    for (i, (key, value)) in ordered {
        let (first, last) = entry_lines(&lines, &before, i)?;
        // A key the parser does not list as an entry of its own (a merge key `<<:`, whose
        // fields it folds into the map) can stand between this key and the next entry:
        // rewriting these lines would delete it.
        if let Some(other) = lines[first + 1..=last].iter().find_map(|l| top_level_key(l)) {
            return Err(EditError::SharedLines {
                key: (*key).to_owned(),
                other: other.to_owned(),
            });
        }
        if *value == NewValue::Remove {
            lines.drain(first..=last);
            endings.drain(first..=last);
            continue;
        }
        let comment = if first == last { trailing_comment(&lines[first]) } else { None };
        let key_text = &lines[first][..lines[first].find(':').ok_or_else(|| EditError::Unsafe((*key).to_owned()))?];
        let mut new_line = format!("{key_text}: {}", value.to_yaml_for(key));
        if let Some(c) = comment {
            new_line.push_str(c);
        }
        lines.splice(first..=last, [new_line]);
        // The rewritten line keeps the ending its value's last line had.
        let ending = endings[last];
        endings.splice(first..=last, [ending]);
    }
    let rank = |k: &str| order.iter().position(|o| *o == k);
    for (key, value) in appended {
        let line = format!("{}: {}", key_to_yaml(key), value.to_yaml_for(key));
        let after = rank(key);
        let at = after.and_then(|after| {
            lines
                .iter()
                .position(|l| top_level_key(l).and_then(rank).is_some_and(|r| r > after))
        });
        let at = at.unwrap_or(lines.len());
        // A new line ends as the line above it does (the file's ending at the top).
        let ending = at.checked_sub(1).map_or(newline, |above| endings[above]);
        lines.insert(at, line);
        endings.insert(at, if ending.is_empty() { newline } else { ending });
    }

    let mut new_yaml = String::with_capacity(yaml_text.len() + 64);
    for (l, ending) in lines.iter().zip(&endings) {
        new_yaml.push_str(l);
        new_yaml.push_str(ending);
    }
    let after =
        parse_map(&new_yaml, split.yaml_line).map_err(|_| EditError::Unsafe(changes.first().map_or(String::new(), |c| c.0.to_owned())))?;
    verify(&before, &after, changes)?;
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..split.yaml.start]);
    out.push_str(&new_yaml);
    out.push_str(&text[split.yaml.end..]);
    Ok(out)
}

/// A file's front-matter, read for editing.
struct Opened<'t> {
    split: frontmatter::Split,
    yaml_text: &'t str,
    /// The top-level entries as they are.
    before: Vec<Entry>,
    /// The file's line ending (the opening `---` line's), for lines added at the top.
    newline: &'static str,
    /// The YAML's lines, without line endings.
    lines: Vec<String>,
    /// Each line's own ending (`\n`, `\r\n`, or none at the very end), so that an edit
    /// writes every line it does not touch back with the ending it had.
    endings: Vec<&'static str>,
}

/// Split `text` and parse its front-matter, refusing conflict markers.
fn open(text: &str) -> Result<Opened<'_>, EditError> {
    if let Some(line) = frontmatter::conflict_marker(text) {
        return Err(EditError::Conflict(line));
    }
    let split = frontmatter::split(text).map_err(|e| match e {
        SplitError::NoFrontMatter | SplitError::Unclosed { .. } => EditError::NoFrontMatter,
    })?;
    let yaml_text = &text[split.yaml.clone()];
    let before = parse_map(yaml_text, split.yaml_line)?;
    let newline = if text[split.bom..].starts_with("---\r\n") { "\r\n" } else { "\n" };
    let lines = frontmatter::lines_with_offsets(yaml_text).map(|(_, l)| l.to_owned()).collect();
    let endings = yaml_text
        .split_inclusive('\n')
        .map(|raw| {
            if raw.ends_with("\r\n") {
                "\r\n"
            } else if raw.ends_with('\n') {
                "\n"
            } else {
                ""
            }
        })
        .collect();
    Ok(Opened {
        split,
        yaml_text,
        before,
        newline,
        lines,
        endings,
    })
}

/// The key a front-matter line starts, if it starts one at the top level.
fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    line.split_once(':').map(|(k, _)| k.trim_end())
}

fn parse_map(yaml_text: &str, yaml_line: u32) -> Result<Vec<Entry>, EditError> {
    match yaml::parse(yaml_text) {
        Ok(n) => match n.value {
            Value::Map(m) => Ok(m),
            _ => Err(EditError::NoFrontMatter),
        },
        Err(e) => Err(EditError::InvalidYaml {
            line: yaml_line - 1 + e.pos.line,
            message: e.message,
        }),
    }
}

/// The lines of entry `i`, first and last (see [`value_end_line`]), when its key starts its
/// first line at the top level (quoted or not). Otherwise (a `? ` complex key, keys sharing
/// a line) pobox cannot tell its lines apart and refuses to rewrite it.
fn entry_lines(lines: &[String], entries: &[Entry], i: usize) -> Result<(usize, usize), EditError> {
    let entry = &entries[i];
    let first = (entry.key_pos.line as usize).wrapping_sub(1);
    let next = entries
        .get(i + 1)
        .map_or(lines.len(), |e| (e.key_pos.line as usize).wrapping_sub(1));
    let own_line = entry.key_pos.col == 1 && first < lines.len();
    if !own_line || next <= first || next > lines.len() {
        return Err(EditError::Unsafe(entry.key.clone()));
    }
    Ok((first, value_end_line(lines, entries, i)))
}

/// The last line (0-based) of entry `i`'s value: the line before the next key, less trailing
/// blank and comment-only lines (they belong to what follows).
fn value_end_line(lines: &[String], entries: &[Entry], i: usize) -> usize {
    let first = entries[i].key_pos.line as usize - 1;
    let next = entries.get(i + 1).map_or(lines.len(), |e| e.key_pos.line as usize - 1);
    let mut last = next.saturating_sub(1).max(first);
    while last > first && {
        let t = lines[last].trim_start();
        t.is_empty() || (t.starts_with('#') && !lines[last].starts_with(' '))
    } {
        last -= 1;
    }
    last
}

/// A ` # comment` at the end of a one-line `key: value`, outside quotes, with the
/// spacing before it.
fn trailing_comment(line: &str) -> Option<&str> {
    let colon = line.find(':')?;
    let mut quote: Option<char> = None;
    let mut prev = ':';
    // Whether a node may start here: after the `:`, `[`, `{` or `,` and any spaces. A quote
    // opens a quoted text only there; elsewhere (`it's`, `a ' b`) it is part of plain text.
    let mut node_start = true;
    let mut chars = line[colon + 1..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (None, '"' | '\'') if node_start => quote = Some(c),
            // `\"` inside double quotes and `''` inside single quotes do not end the text.
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some('\''), '\'') if chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev.is_whitespace() => {
                // Keep the spacing before the comment too, so aligned comments stay aligned.
                let start = line[..colon + 1 + i].trim_end().len();
                return Some(&line[start..]);
            }
            _ => {}
        }
        if quote.is_none() {
            node_start = matches!(c, ':' | '[' | '{' | ',') || (node_start && c.is_whitespace());
        }
        prev = c;
    }
    None
}

fn verify(before: &[Entry], after: &[Entry], changes: &[(&str, NewValue)]) -> Result<(), EditError> {
    let changed = |k: &str| changes.iter().rev().find(|c| c.0 == k).map(|c| &c.1);
    for e in before {
        match changed(&e.key) {
            Some(NewValue::Remove) => {
                if after.iter().any(|a| a.key == e.key) {
                    return Err(EditError::Unsafe(e.key.clone()));
                }
            }
            Some(v) => {
                if !after.iter().any(|a| a.key == e.key && v.matches(&a.node.value)) {
                    return Err(EditError::Unsafe(e.key.clone()));
                }
            }
            None => {
                if !after.iter().any(|a| a.key == e.key && same_value(&a.node.value, &e.node.value)) {
                    return Err(EditError::Unsafe(e.key.clone()));
                }
            }
        }
    }
    for (key, v) in changes {
        let present = after.iter().find(|a| a.key == *key);
        let ok = match v {
            NewValue::Remove => present.is_none(),
            v => present.is_some_and(|a| v.matches(&a.node.value)),
        };
        if !ok || after.len() != after.iter().map(|a| &a.key).collect::<std::collections::HashSet<_>>().len() {
            return Err(EditError::Unsafe((*key).to_owned()));
        }
    }
    Ok(())
}

/// Values equal regardless of where they stand.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Seq(x), Value::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(&p.value, &q.value)),
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.key == q.key && same_value(&p.node.value, &q.node.value))
        }
        #[allow(clippy::float_cmp)]
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        _ => a == b,
    }
}

fn format_number(f: f64) -> String {
    if !f.is_finite() {
        // YAML's names: Rust's `NaN` and `inf` would read back as text.
        return if f.is_nan() {
            ".nan".to_owned()
        } else if f < 0.0 {
            "-.inf".to_owned()
        } else {
            ".inf".to_owned()
        };
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

/// A scalar as YAML: plain when YAML reads it back as the same text, else double-quoted.
fn scalar(s: &str) -> String {
    if plain_ok(s, false) { s.to_owned() } else { quoted(s) }
}

/// A scalar inside a flow list, where `,`, `[`, `]`, `{`, `}` also need quotes.
fn flow_scalar(s: &str) -> String {
    if plain_ok(s, true) { s.to_owned() } else { quoted(s) }
}

fn plain_ok(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if s != s.trim() || s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.chars().any(char::is_control) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) && !(first == '-' && s.len() > 1 && !s[1..].starts_with(' ') && s.parse::<f64>().is_err()) {
        return false;
    }
    if in_flow && s.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    // Text YAML would read as another type must stay text, for YAML 1.1 readers too.
    if yaml11::reads_as_other_than_text(s) {
        return false;
    }
    // Words, most of what is written (a title, a handle, a status): a letter, then letters,
    // digits, spaces and `-_./`, which no YAML reader takes as anything but this text once
    // the check above has passed. Parsing each value to be sure costs an import of thousands
    // of files most of its time.
    if plain_word(s) {
        return true;
    }
    reads_back_as(s)
}

/// Whether `s` is a letter followed by letters, digits, spaces and `-_./` only.
fn plain_word(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b" -_./".contains(&b))
}

/// Whether `k: <s>` reads back as the text `s`.
fn reads_back_as(s: &str) -> bool {
    matches!(yaml::parse(&format!("k: {s}")).map(|n| n.value), Ok(Value::Map(m)) if m.len() == 1 && m[0].node.value == Value::Str(s.to_owned()))
}

/// A field name as a YAML key: plain when it is a simple word (ASCII letters, digits, `_`,
/// `-`, `.`) that every YAML reader takes as that text, else double-quoted (`"no"`, `"1"`,
/// `"="`, `"a b"`).
#[must_use]
pub fn key_to_yaml(key: &str) -> String {
    let simple = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if simple && plain_ok(key, false) {
        key.to_owned()
    } else {
        quoted(key)
    }
}

fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for words agrees with reading each back: every short string of
    /// letters that spell YAML's other types, digits and `-_./ `, and some longer ones.
    #[test]
    fn a_plain_word_reads_back_as_itself() {
        let alphabet: Vec<char> = "aAeEfFlLnNoOsStTuUyY01 -_./".chars().collect();
        let mut cases: Vec<String> = "true,True,TRUE,false,null,Null,NULL,yes,No,on,Off,y,n,nan,NaN,inf,Infinity,e1,E5,\
                                       S-1,in-progress,Jane Doe,a  b,a.b,a/b,x_y,t.,no.1"
            .split(',')
            .map(str::to_owned)
            .collect();
        for a in &alphabet {
            for b in &alphabet {
                for c in &alphabet {
                    cases.push(format!("{a}{b}{c}"));
                    cases.push(format!("{a}{b}"));
                }
            }
        }
        for s in cases.iter().filter(|s| s.trim() == s.as_str()) {
            if plain_word(s) && !yaml11::reads_as_other_than_text(s) {
                assert!(reads_back_as(s), "`{s}` does not read back as itself");
            }
        }
    }

    #[test]
    fn a_hash_inside_a_quoted_list_item_is_not_a_comment() {
        // Found by the `write` fuzz target: `fmt` and `set` took ` #b", c]` for a comment
        // and wrote it again after the new value, once more on every run.
        assert_eq!(trailing_comment(r#"labels: ["a #b", c]"#), None);
        assert_eq!(trailing_comment(r#"labels: {x: 'a #b'}"#), None);
        assert_eq!(trailing_comment(r#"labels: [a,"b #c"] # real"#), Some(" # real"));
        // A quote inside plain text opens nothing: the comment after it is still found.
        assert_eq!(trailing_comment("labels: [it's a ' b]  # c"), Some("  # c"));
        assert_eq!(trailing_comment("title: Pay ' by card # c"), Some(" # c"));
        let out = set_fields(
            "---\nid: S-1\nlabels: [\"a #b\", c]\n---\n",
            &[("labels", NewValue::List(vec!["d".into()]))],
        );
        assert_eq!(out.unwrap(), "---\nid: S-1\nlabels: [d]\n---\n");
    }

    const FILE: &str = "---\n# planning notes\nid: S-1\ntitle: 'Pay: with card'   # keep quotes\nstatus: draft # was new\nlabels:\n  - pay\n  - web\n\n# scoring\ncustom: {a: 1}\npoints:\n---\nBody stays.\n";

    #[test]
    fn changes_only_the_lines_asked_for() {
        let out = set_fields(FILE, &[("status", NewValue::Text("ready".into())), ("points", NewValue::Int(5))]).unwrap();
        assert_eq!(
            out,
            FILE.replace("status: draft # was new", "status: ready # was new")
                .replace("points:\n", "points: 5\n")
        );
    }

    #[test]
    fn block_lists_become_flow_and_comments_after_them_stay() {
        let out = set_fields(FILE, &[("labels", NewValue::List(vec!["pay".into(), "a, b".into()]))]).unwrap();
        assert!(out.contains("labels: [pay, \"a, b\"]\n\n# scoring\n"), "{out}");
    }

    #[test]
    fn adds_and_removes_keys() {
        let out = set_fields(FILE, &[("sprint", NewValue::Text("SP-2".into())), ("custom", NewValue::Remove)]).unwrap();
        assert!(out.contains("points:\nsprint: SP-2\n---\nBody stays.\n"), "{out}");
        assert!(!out.contains("custom"));
    }

    #[test]
    fn new_keys_take_their_place_in_the_order() {
        let order = ["id", "title", "status", "sprint", "points", "created"];
        let out = set_fields_ordered(
            "---\nid: S-1\nstatus: x\ncreated: 2026-01-01\n---\n",
            &[
                ("points", NewValue::Int(3)),
                ("sprint", NewValue::Text("SP-1".into())),
                ("team", NewValue::Text("a".into())),
            ],
            &order,
        )
        .unwrap();
        // A key not in the order goes last, where `fmt` keeps it: the file stays formatted.
        assert_eq!(
            out,
            "---\nid: S-1\nstatus: x\nsprint: SP-1\npoints: 3\ncreated: 2026-01-01\nteam: a\n---\n"
        );
        let style = Style {
            key_order: order.to_vec(),
            lists: ListStyle::Flow,
        };
        assert_eq!(canonical(&out, &style).unwrap(), out);
    }

    #[test]
    fn raw_mappings() {
        let out = set_fields("---\nid: S-1\n---\n", &[("wsjf", NewValue::Raw("{value: 8, job_size: 3}".into()))]).unwrap();
        assert_eq!(out, "---\nid: S-1\nwsjf: {value: 8, job_size: 3}\n---\n");
        assert!(set_fields("---\nid: S-1\n---\n", &[("wsjf", NewValue::Raw("{value: 8".into()))]).is_err());
        assert!(set_fields("---\nid: S-1\n---\n", &[("wsjf", NewValue::Raw("1\nx: 2".into()))]).is_err());
    }

    #[test]
    fn crlf_is_kept() {
        let out = set_fields(
            "---\r\nid: S-1\r\nstatus: draft\r\n---\r\nb\r\n",
            &[("status", NewValue::Text("done".into())), ("points", NewValue::Int(3))],
        )
        .unwrap();
        assert_eq!(out, "---\r\nid: S-1\r\nstatus: done\r\npoints: 3\r\n---\r\nb\r\n");
    }

    #[test]
    fn values_that_need_quotes_get_them() {
        for (text, yaml) in [
            ("yes", "\"yes\""),
            ("42", "\"42\""),
            ("a: b", "\"a: b\""),
            ("#x", "\"#x\""),
            ("plain text", "plain text"),
            ("2026-01-05", "\"2026-01-05\""),
            ("no", "\"no\""),
            ("On", "\"On\""),
            ("12:30", "\"12:30\""),
            ("=", "\"=\""),
            ("1_000", "\"1_000\""),
            ("", "\"\""),
            ("say \"hi\"", "say \"hi\""),
        ] {
            assert_eq!(NewValue::Text(text.into()).to_yaml(), yaml, "{text}");
            let out = set_fields("---\nid: S-1\n---\n", &[("title", NewValue::Text(text.into()))]).unwrap();
            let n = yaml::parse(&out[4..out.len() - 4]).unwrap();
            let Value::Map(m) = n.value else { panic!() };
            assert_eq!(m[1].node.value.scalar_text().unwrap(), text);
        }
    }

    #[test]
    fn refuses_conflicts_and_bad_yaml() {
        assert_eq!(
            set_fields("---\nid: S-1\n<<<<<<< HEAD\nstatus: a\n=======\nstatus: b\n>>>>>>> x\n---\n", &[]),
            Err(EditError::Conflict(3))
        );
        assert!(matches!(set_fields("---\nid: [\n---\n", &[]), Err(EditError::InvalidYaml { .. })));
        assert_eq!(set_fields("no front matter", &[]), Err(EditError::NoFrontMatter));
        assert_eq!(
            set_fields("---\nid: S-1\n---\n", &[("a b", NewValue::Int(1))]),
            Err(EditError::BadKey("a b".into()))
        );
    }

    #[test]
    fn multi_line_scalars_are_replaced_whole() {
        let out = set_fields(
            "---\nid: S-1\ngoal: >\n  long\n  text\nstatus: x\n---\n",
            &[("goal", NewValue::Text("short".into()))],
        )
        .unwrap();
        assert_eq!(out, "---\nid: S-1\ngoal: short\nstatus: x\n---\n");
    }
}
