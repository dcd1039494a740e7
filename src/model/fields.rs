//! Typing front-matter fields, one diagnostic per wrong field.
//!
//! A derived serde struct stops at the first wrong field and forgets where fields were;
//! pobox reads each field itself, reports every wrong one at its line and column, and
//! keeps the fields it does not know.

use std::path::Path;

use jiff::civil::Date;

use crate::diag::{Code, Diagnostic};
use crate::parse::yaml::{Entry, Node, Value, YamlPos};

/// The front-matter keys pobox reads as `YYYY-MM-DD` dates ([`Fields::date`]), in one kind
/// or another: where pobox writes a date plain (`created: 2026-12-01`). In any other field
/// it quotes one, since YAML 1.1 readers would take it for a date rather than text.
pub const DATE_FIELDS: &[&str] = &["created", "target", "start", "end", "date"];

/// Reads the fields of one front-matter mapping.
pub struct Fields<'a> {
    entries: &'a [Entry],
    used: Vec<bool>,
    path: &'a Path,
    /// File line of YAML line 0 (YAML lines are 1-based).
    line_offset: u32,
    prefix: String,
    diags: &'a mut Vec<Diagnostic>,
    /// Whether a text was taken from a number or true/false whose written form the parse
    /// did not keep (see [`Fields::approximate`]).
    approximate: bool,
}

impl<'a> Fields<'a> {
    /// Fields of `entries`, whose YAML line 1 is file line `line_offset + 1`.
    pub fn new(entries: &'a [Entry], path: &'a Path, line_offset: u32, diags: &'a mut Vec<Diagnostic>) -> Self {
        Fields {
            used: vec![false; entries.len()],
            entries,
            path,
            line_offset,
            prefix: String::new(),
            diags,
            approximate: false,
        }
    }

    /// Whether a text field (or an item of a list of texts) held a number or true/false
    /// read without the text it was written as, so its text may not be what the user
    /// wrote (`1.5` for `1.50`). The front-matter must then be read again with
    /// [`crate::parse::yaml::parse`], which keeps it.
    #[must_use]
    pub fn approximate(&self) -> bool {
        self.approximate
    }

    fn at(&self, pos: YamlPos) -> (u32, u32) {
        (self.line_offset + pos.line, pos.col)
    }

    fn node(&mut self, key: &str) -> Option<&'a Node> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        let node = &self.entries[i].node;
        (node.value != Value::Null).then_some(node)
    }

    fn wrong(&mut self, key: &str, node: &Node, expected: &str, example: &str) {
        let (line, col) = self.at(node.pos);
        let name = format!("{}{key}", self.prefix);
        self.diags.push(
            Diagnostic::new(
                Code::WrongType,
                self.path,
                line,
                col,
                format!("`{name}` should be {expected}, not {}", found(node)),
            )
            .help(format!("write it like `{key}: {example}`")),
        );
    }

    /// A text field: the text as written, also when YAML reads it as a number or true/false
    /// (`version: 1.50` is `1.50`, `assignee: no` is `no`); lists and mappings are wrong.
    pub fn text(&mut self, key: &str) -> Option<String> {
        let node = self.node(key)?;
        match &node.value {
            Value::Seq(_) | Value::Map(_) => {
                self.wrong(key, node, "text", "some text");
                None
            }
            _ => {
                self.approximate |= node.text_is_approximate();
                node.scalar_text()
            }
        }
    }

    /// A whole number from 0 to 4294967295 (`u32`): a larger one is reported, not dropped.
    pub fn count(&mut self, key: &str, example: &str) -> Option<u32> {
        let node = self.node(key)?;
        let whole = match node.value {
            Value::Int(i) => Some(i128::from(i)),
            #[allow(clippy::cast_possible_truncation)]
            Value::Float(f) if f.is_finite() && f.fract() == 0.0 => Some(f as i128),
            _ => None,
        };
        match whole {
            Some(n) if n >= 0 && n <= i128::from(u32::MAX) => u32::try_from(n).ok(),
            Some(n) if n < 0 => {
                self.wrong(key, node, "a whole number of 0 or more", example);
                None
            }
            Some(_) => {
                self.wrong(key, node, &format!("a whole number up to {}", u32::MAX), example);
                None
            }
            None => {
                self.wrong(key, node, "a whole number", example);
                None
            }
        }
    }

    /// Any finite number (`.inf`, `.nan` and `1e400` are reported).
    pub fn number(&mut self, key: &str, example: &str) -> Option<f64> {
        let node = self.node(key)?;
        match node.value {
            #[allow(clippy::cast_precision_loss)]
            Value::Int(i) => Some(i as f64),
            Value::Float(f) if f.is_finite() => Some(f),
            Value::Float(_) => {
                self.wrong(key, node, "a finite number", example);
                None
            }
            _ => {
                self.wrong(key, node, "a number", example);
                None
            }
        }
    }

    /// `true` or `false`; also YAML 1.1's spellings of them (`yes`, `no`, `on`, `off`,
    /// `y`, `n`, in any case), which mean nothing else in a field that holds true or false.
    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        let node = self.node(key)?;
        let yaml11 = |s: &str| match s.to_ascii_lowercase().as_str() {
            "yes" | "y" | "on" => Some(true),
            "no" | "n" | "off" => Some(false),
            _ => None,
        };
        match &node.value {
            Value::Bool(b) => Some(*b),
            Value::Str(s) if yaml11(s).is_some() => yaml11(s),
            _ => {
                self.wrong(key, node, "true or false", "true");
                None
            }
        }
    }

    /// A `YYYY-MM-DD` date.
    pub fn date(&mut self, key: &str) -> Option<Date> {
        let node = self.node(key)?;
        let Value::Str(s) = &node.value else {
            self.wrong(key, node, "a date", "2026-12-01");
            return None;
        };
        match parse_date(s) {
            Ok(d) => Some(d),
            Err(why) => {
                let (line, col) = self.at(node.pos);
                let name = format!("{}{key}", self.prefix);
                self.diags.push(
                    Diagnostic::new(
                        Code::InvalidDate,
                        self.path,
                        line,
                        col,
                        format!("`{name}: {s}` is not a valid date: {why}"),
                    )
                    .help("write dates as YYYY-MM-DD, e.g. 2026-12-01"),
                );
                None
            }
        }
    }

    /// A list of texts. A single text is wrong (it is easy to mean a list and write one item).
    pub fn text_list(&mut self, key: &str) -> Vec<String> {
        let Some(node) = self.node(key) else { return Vec::new() };
        let Value::Seq(items) = &node.value else {
            let example = node.scalar_text().map_or_else(|| "[a, b]".to_owned(), |t| format!("[{t}]"));
            self.wrong(key, node, "a list", &example);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match &item.value {
                Value::Seq(_) | Value::Map(_) | Value::Null => self.wrong(key, item, "a list of texts", "[a, b]"),
                _ => {
                    self.approximate |= item.text_is_approximate();
                    out.extend(item.scalar_text());
                }
            }
        }
        out
    }

    /// A nested mapping read by `read`.
    pub fn nested<T>(&mut self, key: &str, read: impl FnOnce(&mut Fields<'_>) -> T) -> Option<T> {
        let node = self.node(key)?;
        let Value::Map(entries) = &node.value else {
            self.wrong(key, node, "a mapping of fields", "{ … }");
            return None;
        };
        let mut inner = Fields {
            used: vec![false; entries.len()],
            entries,
            path: self.path,
            line_offset: self.line_offset,
            prefix: format!("{}{key}.", self.prefix),
            diags: self.diags,
            approximate: false,
        };
        let out = read(&mut inner);
        self.approximate |= inner.approximate;
        Some(out)
    }

    /// The fields no reader asked for, in file order, as JSON.
    #[must_use]
    pub fn rest(self) -> serde_json::Map<String, serde_json::Value> {
        self.entries
            .iter()
            .zip(self.used)
            .filter(|(_, used)| !used)
            .map(|(e, _)| (e.key.clone(), e.node.value.to_json()))
            .collect()
    }
}

/// What a wrong value is, for a message: a number or true/false as written (`-3`, `2.5`),
/// where its type alone ("not a number") would not say what is wrong with it; else its
/// type ("not text").
fn found(node: &Node) -> String {
    const SHOWN: usize = 40;
    match (&node.value, node.scalar_text()) {
        (Value::Null | Value::Str(_) | Value::Seq(_) | Value::Map(_), _) | (_, None) => node.value.type_name().to_owned(),
        (_, Some(text)) if text.chars().count() > SHOWN => {
            format!("`{}…`", text.chars().take(SHOWN).collect::<String>())
        }
        (_, Some(text)) => format!("`{text}`"),
    }
}

/// Parse a `YYYY-MM-DD` date.
///
/// # Errors
/// A short reason when the text is not a real date in that form.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err("expected YYYY-MM-DD".to_owned());
    }
    s.parse::<Date>().map_err(|_| {
        let month: u8 = s[5..7].parse().unwrap_or(0);
        if (1..=12).contains(&month) {
            "that month has no such day".to_owned()
        } else {
            "there is no such month".to_owned()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml;

    fn read<T>(src: &str, f: impl FnOnce(&mut Fields<'_>) -> T) -> (T, Vec<Diagnostic>, serde_json::Map<String, serde_json::Value>) {
        let node = yaml::parse(src).unwrap();
        let Value::Map(entries) = node.value else { panic!() };
        let mut diags = Vec::new();
        let mut fields = Fields::new(&entries, Path::new("x.md"), 1, &mut diags);
        let t = f(&mut fields);
        let rest = fields.rest();
        (t, diags, rest)
    }

    #[test]
    fn wrong_types_are_reported_where_they_stand() {
        let ((points, labels), diags, _) = read("points: five\nlabels: x\n", |f| (f.count("points", "5"), f.text_list("labels")));
        assert_eq!(points, None);
        assert!(labels.is_empty());
        assert_eq!(diags.len(), 2);
        assert_eq!((diags[0].code, diags[0].line, diags[0].col), (Code::WrongType, 2, 9));
        assert_eq!(diags[0].message, "`points` should be a whole number, not text");
        assert_eq!(diags[1].help.as_deref(), Some("write it like `labels: [x]`"));
    }

    #[test]
    fn dates_and_nested_fields() {
        let ((d, bad, v), diags, _) = read("created: 2026-02-28\ndue: 2026-02-30\nwsjf:\n  value: x\n", |f| {
            (f.date("created"), f.date("due"), f.nested("wsjf", |w| w.number("value", "8")))
        });
        assert_eq!(d, Some(jiff::civil::date(2026, 2, 28)));
        assert_eq!(bad, None);
        assert_eq!(v, Some(None));
        assert_eq!(diags[0].code, Code::InvalidDate);
        assert_eq!(diags[0].line, 3);
        assert!(diags[1].message.starts_with("`wsjf.value`"), "{}", diags[1].message);
        assert_eq!(diags[1].line, 5);
    }

    #[test]
    fn unknown_fields_are_kept_in_order() {
        let (_, _, rest) = read("id: S-1\nzeta: 1\nalpha: [a]\n", |f| f.text("id"));
        assert_eq!(rest.keys().collect::<Vec<_>>(), ["zeta", "alpha"]);
    }
}
