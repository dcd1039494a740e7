//! Typing front-matter fields, one diagnostic per wrong field.
//!
//! A derived serde struct stops at the first wrong field and forgets where fields were;
//! pobox reads each field itself, reports every wrong one at its line and column, and
//! keeps the fields it does not know.

use std::path::Path;

use jiff::civil::Date;

use crate::diag::{Code, Diagnostic};
use crate::parse::yaml::{Entry, Node, Value, YamlPos};

/// Reads the fields of one front-matter mapping.
pub struct Fields<'a> {
    entries: &'a [Entry],
    used: Vec<bool>,
    path: &'a Path,
    /// File line of YAML line 0 (YAML lines are 1-based).
    line_offset: u32,
    prefix: String,
    diags: &'a mut Vec<Diagnostic>,
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
        }
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
                format!("`{name}` should be {expected}, not {}", node.value.type_name()),
            )
            .help(format!("write it like `{key}: {example}`")),
        );
    }

    /// A text field. Numbers and booleans are taken as their text; lists and mappings are wrong.
    pub fn text(&mut self, key: &str) -> Option<String> {
        let node = self.node(key)?;
        match &node.value {
            Value::Seq(_) | Value::Map(_) => {
                self.wrong(key, node, "text", "some text");
                None
            }
            v => v.scalar_text(),
        }
    }

    /// A whole number, zero or more.
    pub fn count(&mut self, key: &str, example: &str) -> Option<u32> {
        let node = self.node(key)?;
        match node.value {
            Value::Int(i) if i >= 0 => u32::try_from(i).ok(),
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Value::Float(f) if f >= 0.0 && f.fract() == 0.0 && f <= f64::from(u32::MAX) => Some(f as u32),
            _ => {
                self.wrong(key, node, "a whole number", example);
                None
            }
        }
    }

    /// Any number.
    pub fn number(&mut self, key: &str, example: &str) -> Option<f64> {
        let node = self.node(key)?;
        match node.value {
            #[allow(clippy::cast_precision_loss)]
            Value::Int(i) => Some(i as f64),
            Value::Float(f) if f.is_finite() => Some(f),
            _ => {
                self.wrong(key, node, "a number", example);
                None
            }
        }
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        let node = self.node(key)?;
        if let Value::Bool(b) = node.value {
            Some(b)
        } else {
            self.wrong(key, node, "true or false", "true");
            None
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
            let example = node.value.scalar_text().map_or_else(|| "[a, b]".to_owned(), |t| format!("[{t}]"));
            self.wrong(key, node, "a list", &example);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match &item.value {
                Value::Seq(_) | Value::Map(_) | Value::Null => self.wrong(key, item, "a list of texts", "[a, b]"),
                v => out.extend(v.scalar_text()),
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
        };
        Some(read(&mut inner))
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
