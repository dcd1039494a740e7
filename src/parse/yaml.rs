//! Front-matter YAML as a tree of nodes that remember where they stand in the file.
//!
//! pobox types front-matter itself (see `model`) instead of deriving serde structs, so that
//! one file can report every wrong field at once, each at its own line and column, and so
//! that fields pobox does not know are kept as they are.
//!
//! The schema is YAML 1.2's core schema, so `no`, `on` and `y` are text, as yaml-language-
//! server and other YAML 1.2 readers see them (PyYAML's YAML 1.1 reads them as true/false;
//! pobox quotes them when it writes, see `edit`). A number or true/false keeps the text it
//! was written as (`1.50`, `0x1F`, `True`), so a field meant as text reads what the user
//! typed. Infinite and not-a-number values (`.inf`, `1e400`, `.nan`) are numbers like any
//! other here; whether a field takes them is for the reader of that field to say.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A 1-based line and column inside a YAML text (not yet a file position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct YamlPos {
    /// 1-based line; 0 when unknown.
    pub line: u32,
    /// 1-based column; 0 when unknown.
    pub col: u32,
}

impl YamlPos {
    fn of<T>(s: &Spanned<T>) -> Self {
        YamlPos {
            line: u32::try_from(s.referenced.line()).unwrap_or(u32::MAX),
            col: u32::try_from(s.referenced.column()).unwrap_or(u32::MAX),
        }
    }
}

/// One YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: YamlPos,
    /// The value itself.
    pub value: Value,
    /// How a plain scalar YAML reads as a number or true/false was written (`1.50`, `0x1F`,
    /// `True`, `1e400`), when the parse kept positions ([`parse`]); `None` for every other
    /// value, and for every value of [`parse_without_positions`].
    pub written: Option<Box<str>>,
}

impl Node {
    /// A node at `pos` with no written form of its own.
    #[must_use]
    pub fn new(pos: YamlPos, value: Value) -> Self {
        Node { pos, value, written: None }
    }

    /// The text of a scalar as the user wrote it, when known ([`Node::written`]), else as
    /// [`Value::scalar_text`] gives it; `None` for lists and mappings.
    #[must_use]
    pub fn scalar_text(&self) -> Option<String> {
        match &self.written {
            Some(w) => Some(w.to_string()),
            None => self.value.scalar_text(),
        }
    }

    /// Whether [`Node::scalar_text`] may differ from what the user wrote: a number or
    /// true/false read without its written form (`1.50` would be `1.5`).
    #[must_use]
    pub fn text_is_approximate(&self) -> bool {
        self.written.is_none() && matches!(self.value, Value::Bool(_) | Value::Int(_) | Value::Float(_))
    }
}

/// A YAML value as pobox sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing at all.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Any other scalar, dates included (YAML 1.2 has no date type).
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<Entry>),
}

/// One key of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key text.
    pub key: String,
    /// Where the key starts.
    pub key_pos: YamlPos,
    /// The value.
    pub node: Node,
}

impl Value {
    /// A short name of the value's type for messages ("a number", "a list").
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The value as JSON, for `--format json` and unknown fields.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Int(i) => (*i).into(),
            // JSON has no infinity or NaN: YAML's names for them, as text.
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or_else(|| non_finite_name(*f).into(), Into::into),
            Value::Str(s) => s.clone().into(),
            Value::Seq(v) => v.iter().map(|n| n.value.to_json()).collect(),
            Value::Map(m) => m
                .iter()
                .map(|e| (e.key.clone(), e.node.value.to_json()))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }

    /// The text of a scalar in its plainest form (`1.5`, `true`, `.inf`); `None` for lists
    /// and mappings. [`Node::scalar_text`] gives the text as written, where known.
    #[must_use]
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Value::Null => Some(String::new()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) if !f.is_finite() => Some(non_finite_name(*f).to_owned()),
            Value::Float(f) => Some(f.to_string()),
            Value::Str(s) => Some(s.clone()),
            Value::Seq(_) | Value::Map(_) => None,
        }
    }
}

/// YAML's name of an infinite or not-a-number value.
fn non_finite_name(f: f64) -> &'static str {
    if f.is_nan() {
        ".nan"
    } else if f.is_sign_negative() {
        "-.inf"
    } else {
        ".inf"
    }
}

thread_local! {
    /// The text [`parse`] is reading on this thread. Serde hands a visitor a number or a
    /// boolean, not its text; the spans of [`Spanned`] say where the text is, and this is
    /// what they point into.
    static SOURCE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Holds `text` in [`SOURCE`] while it is parsed, and empties it afterwards (also when the
/// parse panics), so no text outlives its parse.
struct SourceGuard;

impl SourceGuard {
    fn hold(text: &str) -> Self {
        SOURCE.with_borrow_mut(|s| {
            s.clear();
            s.push_str(text);
        });
        SourceGuard
    }
}

impl Drop for SourceGuard {
    fn drop(&mut self) {
        SOURCE.with_borrow_mut(|s| {
            s.clear();
            s.shrink_to(4096);
        });
    }
}

/// A node read with its span: a number or true/false also keeps the text it was written as
/// (an alias's text is its anchor's value, where that was defined).
fn spanned_node(s: Spanned<Value>) -> Node {
    let written = if matches!(s.value, Value::Bool(_) | Value::Int(_) | Value::Float(_)) {
        let span = s.defined.span();
        span.byte_offset().zip(span.byte_len()).and_then(|(at, len)| {
            let at = usize::try_from(at).ok()?;
            let end = at.checked_add(usize::try_from(len).ok()?)?;
            SOURCE.with_borrow(|text| text.get(at..end).map(|t| t.trim().into()))
        })
    } else {
        None
    };
    Node {
        pos: YamlPos::of(&s),
        value: s.value,
        written,
    }
}

/// A mapping key: YAML allows any scalar; pobox wants text.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a plain key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key, E> {
                Ok(Key(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
                Ok(Key(String::new()))
            }
        }
        d.deserialize_any(KeyVisitor)
    }
}

/// Builds [`Value`]s; with `SPANS`, children carry their positions (which costs about a
/// fifth of the parse), without, positions stay zero.
struct ValueVisitor<const SPANS: bool>;

/// A value read without positions, from YAML or from any other serde format (the parse
/// cache stores front-matter as JSON).
pub struct Plain(pub Value);

impl<'de> Deserialize<'de> for Plain {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor::<false>).map(Plain)
    }
}

impl<'de, const SPANS: bool> Visitor<'de> for ValueVisitor<SPANS> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        if SPANS {
            while let Some(item) = seq.next_element::<Spanned<Value>>()? {
                items.push(spanned_node(item));
            }
        } else {
            while let Some(Plain(value)) = seq.next_element::<Plain>()? {
                items.push(Node::new(YamlPos::default(), value));
            }
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        if SPANS {
            while let Some(key) = map.next_key::<Spanned<Key>>()? {
                let node = map.next_value::<Spanned<Value>>()?;
                entries.push(Entry {
                    key_pos: YamlPos::of(&key),
                    key: key.value.0,
                    node: spanned_node(node),
                });
            }
        } else {
            while let Some(Key(key)) = map.next_key::<Key>()? {
                let Plain(value) = map.next_value::<Plain>()?;
                entries.push(Entry {
                    key_pos: YamlPos::default(),
                    key,
                    node: Node::new(YamlPos::default(), value),
                });
            }
        }
        Ok(Value::Map(entries))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor::<true>)
    }
}

/// Why a YAML text could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// Where, when the parser knows.
    pub pos: YamlPos,
    /// The parser's message, first line only.
    pub message: String,
    /// True for a key that appears twice in one mapping.
    pub duplicate_key: Option<String>,
    /// True when the text broke one of the limits that keep a hostile file cheap to read
    /// (nesting depth, number of values, aliases) rather than YAML's grammar.
    pub limit: bool,
}

/// Limits that keep a hostile file from taking unbounded time or memory.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_events: 1_000_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_depth: 16,
        },
        duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::Error,
        emit_comments: false,
        // YAML 1.2: `yes`, `no`, `on`, `off`, `y` and `n` are text.
        strict_booleans: true,
        // `.inf` or `1e400` in a field pobox does not read must not make the file unreadable.
        non_finite_float_policy: serde_saphyr::options::NonFiniteFloatPolicy::PassThrough,
    }
}

/// Parse one YAML document into nodes with their positions. An empty text is an empty
/// mapping.
///
/// # Errors
/// A [`YamlError`] with the position of the first syntax error or duplicate key.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    parse_with(text, true)
}

/// Parse like [`parse`], but leave every node's position zero: faster, for callers that
/// only need positions when something is wrong (they parse again then). Errors still carry
/// their position.
///
/// # Errors
/// As [`parse`].
pub fn parse_without_positions(text: &str) -> Result<Node, YamlError> {
    parse_with(text, false)
}

fn parse_with(text: &str, positions: bool) -> Result<Node, YamlError> {
    if text.trim().is_empty() {
        return Ok(Node::new(YamlPos { line: 1, col: 1 }, Value::Map(Vec::new())));
    }
    let parsed = if positions {
        let _source = SourceGuard::hold(text);
        serde_saphyr::from_str_with_options::<Spanned<Value>>(text, options()).map(spanned_node)
    } else {
        serde_saphyr::from_str_with_options::<Plain>(text, options()).map(|Plain(value)| Node::new(YamlPos::default(), value))
    };
    // YAML also breaks lines at a lone `\r`; pobox, like editors and git, counts `\n` only.
    let lone_cr = has_lone_cr(text);
    match parsed {
        Ok(mut node) => {
            if lone_cr {
                remap(&mut node, &LineMap::new(text));
            }
            if let Some(entry) = same_key_twice(&node) {
                if !positions {
                    // Parse again for the position of the second key.
                    return parse_with(text, true);
                }
                let message = if entry.key.is_empty() {
                    "two keys are empty (`\"\"`, `~`, `null` or nothing before the `:`)".to_owned()
                } else {
                    format!("duplicate mapping key: {}", entry.key)
                };
                return Err(YamlError {
                    pos: entry.key_pos,
                    message,
                    duplicate_key: Some(entry.key.clone()),
                    limit: false,
                });
            }
            Ok(node)
        }
        Err(e) => {
            let pos = e.location().map_or_else(YamlPos::default, |l| YamlPos {
                line: u32::try_from(l.line()).unwrap_or(0),
                col: u32::try_from(l.column()).unwrap_or(0),
            });
            let pos = if lone_cr { LineMap::new(text).pos(pos) } else { pos };
            let (message, limit) = match limit_message(&e.to_string()) {
                Some(m) => (m, true),
                None => (clean_message(&e.to_string()), false),
            };
            // The error may reach us wrapped (with a snippet), so the message is what we match.
            let duplicate_key = message
                .strip_prefix("duplicate mapping key: ")
                .map(|k| k.split(',').next().unwrap_or(k).trim().to_owned());
            Err(YamlError {
                pos,
                message,
                duplicate_key,
                limit,
            })
        }
    }
}

/// The second of two keys of one mapping that YAML tells apart but pobox reads as the same
/// name: `~` and `""` (both empty), `1` and `"1"`, `true` and `"true"`. Which value would
/// the field have? pobox does not guess: it is a duplicate key like any other.
fn same_key_twice(node: &Node) -> Option<&Entry> {
    match &node.value {
        Value::Map(entries) => {
            if entries.len() > 1 {
                let mut seen = std::collections::HashSet::with_capacity(entries.len());
                if let Some(e) = entries.iter().find(|e| !seen.insert(e.key.as_str())) {
                    return Some(e);
                }
            }
            entries.iter().find_map(|e| same_key_twice(&e.node))
        }
        Value::Seq(items) => items.iter().find_map(same_key_twice),
        _ => None,
    }
}

/// Whether `text` has a `\r` not followed by `\n`.
fn has_lone_cr(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| c == b'\r' && b.get(i + 1) != Some(&b'\n'))
}

/// Turns YAML positions (lines broken at `\n`, `\r\n` and a lone `\r`) into positions
/// whose lines are broken at `\n` only, as the rest of pobox counts them.
struct LineMap {
    /// For each YAML line (0-based): its `\n`-line (0-based) and the characters before it on
    /// that line.
    lines: Vec<(u32, u32)>,
}

impl LineMap {
    fn new(text: &str) -> Self {
        let mut lines = vec![(0, 0)];
        let (mut line, mut col) = (0u32, 0u32);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\n' => {
                    line += 1;
                    col = 0;
                    lines.push((line, 0));
                }
                '\r' if chars.peek() == Some(&'\n') => col += 1,
                '\r' => {
                    col += 1;
                    lines.push((line, col));
                }
                _ => col += 1,
            }
        }
        LineMap { lines }
    }

    fn pos(&self, p: YamlPos) -> YamlPos {
        if p.line == 0 {
            return p;
        }
        match self.lines.get(p.line as usize - 1) {
            Some(&(line, before)) => YamlPos {
                line: line + 1,
                col: if p.col == 0 { 0 } else { p.col.saturating_add(before) },
            },
            None => p,
        }
    }
}

fn remap(node: &mut Node, map: &LineMap) {
    node.pos = map.pos(node.pos);
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| remap(n, map)),
        Value::Map(entries) => {
            for e in entries {
                e.key_pos = map.pos(e.key_pos);
                remap(&mut e.node, map);
            }
        }
        _ => {}
    }
}

/// The limits of [`options`] in plain words, for an error that broke one; `None` for other
/// errors.
fn limit_message(s: &str) -> Option<String> {
    let s = s.lines().next().unwrap_or("");
    let what = if s.contains("budget breached: Depth") || s.contains("recursion limit exceeded") || s.contains("replay stack depth") {
        "it is nested more than 16 levels deep"
    } else if s.contains("budget breached: Nodes") {
        "it holds more than 250000 values, counting each value an alias (`*name`) repeats"
    } else if s.contains("alias replay limit") || s.contains("budget breached: AliasAnchorRatio") {
        "its aliases (`*name`) repeat more values than pobox reads"
    } else if s.contains("budget breached: Aliases") || s.contains("budget breached: Anchors") {
        "it has more than 1000 anchors (`&name`) or aliases (`*name`)"
    } else if s.contains("budget breached") {
        "it holds more values than pobox reads"
    } else {
        return None;
    };
    Some(format!("the front-matter is too complex to read: {what}"))
}

/// The parser's first line without its own "error: line L column C:" prefix, which pobox
/// replaces by a file position.
fn clean_message(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    let line = line.strip_prefix("error: ").unwrap_or(line);
    let line = match line.strip_prefix("line ").and_then(|r| r.split_once(": ")) {
        Some((_, rest)) => rest,
        None => line,
    };
    line.split(", set DuplicateKeyPolicy").next().unwrap_or(line).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_keys_and_values() {
        let n = parse("id: S-1\npoints: 5\nwsjf:\n  value: 3\nlabels: [a, b]\n").unwrap();
        let Value::Map(m) = n.value else { panic!() };
        assert_eq!(m[1].key, "points");
        assert_eq!(m[1].key_pos, YamlPos { line: 2, col: 1 });
        assert_eq!(m[1].node.pos, YamlPos { line: 2, col: 9 });
        assert_eq!(m[1].node.value, Value::Int(5));
        let Value::Map(w) = &m[2].node.value else { panic!() };
        assert_eq!(w[0].node.pos, YamlPos { line: 4, col: 10 });
        let Value::Seq(l) = &m[3].node.value else { panic!() };
        assert_eq!(l[1].pos, YamlPos { line: 5, col: 13 });
    }

    #[test]
    fn duplicate_key_is_an_error_at_its_position() {
        let e = parse("id: S-1\ntitle: a\nid: S-2\n").unwrap_err();
        eprintln!("{e:?}");
        assert_eq!(e.duplicate_key.as_deref(), Some("id"));
        assert_eq!(e.pos.line, 3);
    }

    #[test]
    fn syntax_error_has_a_position() {
        let e = parse("id: S-1\ntitle: [unclosed\nstatus: x\n").unwrap_err();
        eprintln!("{e:?}");
        assert!(e.pos.line >= 2);
    }

    #[test]
    fn without_positions_the_values_are_the_same() {
        let text = "id: S-1\npoints: 5\nwsjf: {value: 3}\nlabels: [a, b]\nx: ~\n";
        let strip = |n: &Node| -> serde_json::Value { n.value.to_json() };
        assert_eq!(strip(&parse(text).unwrap()), strip(&parse_without_positions(text).unwrap()));
        assert_eq!(
            parse_without_positions("a: [\n").unwrap_err().pos.line,
            parse("a: [\n").unwrap_err().pos.line
        );
        assert!(parse_without_positions("a: 1\na: 2\n").unwrap_err().duplicate_key.is_some());
    }

    #[test]
    fn a_lone_carriage_return_does_not_start_a_line() {
        let n = parse("id: S-1\rtitle: a\r\nlabels: [x]\n").unwrap();
        let Value::Map(m) = n.value else { panic!() };
        assert_eq!(m[1].key_pos, YamlPos { line: 1, col: 9 });
        assert_eq!(m[2].key_pos, YamlPos { line: 2, col: 1 });
        let e = parse("a: 1\rb: [\n").unwrap_err();
        assert_eq!(e.pos.line, 1, "{e:?}");
    }

    #[test]
    fn limits_are_told_in_plain_words() {
        let e = parse(&format!("a: {}{}\n", "[".repeat(100), "]".repeat(100))).unwrap_err();
        assert!(e.limit);
        assert_eq!(
            e.message,
            "the front-matter is too complex to read: it is nested more than 16 levels deep"
        );
        let mut laughs = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..8 {
            laughs.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", ")));
        }
        let e = parse(&laughs).unwrap_err();
        assert!(e.limit && e.message.contains("alias (`*name`) repeats"), "{e:?}");
        assert!(!parse("a: [\n").unwrap_err().limit);
    }

    #[test]
    fn any_nesting_fits_a_small_thread_stack() {
        // Files are read on rayon's threads (2 MiB stacks); deserializing a nested value takes
        // tens of kilobytes of stack per level in a debug build, so the depth limit, not the
        // stack, must end a deep file. 64 levels overflowed 2 MiB; 16 fit in 1 MiB.
        let run = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(|| {
                for d in (1..=40).chain([100, 10_000]) {
                    let flow = format!("a: {}{}\n", "[".repeat(d), "]".repeat(d));
                    let block: String = (0..d).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
                    // `a: [[…]]` is one level deeper than its brackets.
                    for (text, fits) in [(flow, d < 16), (block, d <= 16)] {
                        assert_eq!(parse(&text).is_ok(), fits, "{d}");
                        assert_eq!(parse_without_positions(&text).is_ok(), fits, "{d}");
                    }
                }
            })
            .unwrap()
            .join();
        assert!(run.is_ok());
    }

    #[test]
    fn dates_are_text() {
        let n = parse("created: 2026-01-05\nconfidence: 0.8\nflag: yes\n").unwrap();
        let Value::Map(m) = n.value else { panic!() };
        assert_eq!(m[0].node.value, Value::Str("2026-01-05".into()));
        assert_eq!(m[1].node.value, Value::Float(0.8));
    }
}
