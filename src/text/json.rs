//! JSON documents as pobox prints them: pretty, versioned by the caller, never a panic,
//! and safe to print on a terminal or in a CI log with the text kept exactly.
//!
//! JSON escapes only `"`, `\\` and the C0 controls; DEL, the C1 controls (`U+009B` is an
//! 8-bit CSI to some terminals), bidirectional overrides, the line separators U+2028 and
//! U+2029, and the `[` of a GitHub workflow command's older form (`##[error]`, read anywhere
//! in a log line) pass raw. Here they are written as `\\uXXXX` escapes: a JSON reader gets the
//! same text, and the printed document holds nothing a terminal or a CI runner acts on.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// The `version` of the documents written here. Raised only when a field changes meaning
/// or disappears; new fields do not raise it.
pub const VERSION: u32 = 1;

/// Any serializable value as pretty JSON, without a final newline (print it with
/// `writeln!`). Versioning the document is
/// the caller's business.
///
/// Serialization can only fail for values JSON cannot hold (maps with non-string keys);
/// then the result is `{"error": "…"}` rather than a panic.
#[must_use]
pub fn to_json_string<T: Serialize + ?Sized>(value: &T) -> String {
    let mut buf = Vec::with_capacity(256);
    match to_writer(&mut buf, value) {
        // Only whole strings are written, so this is UTF-8.
        Ok(()) => String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => error_document(&e),
    }
}

/// Write `value` as pretty JSON into `out`, as [`to_json_string`] makes it, without a final
/// newline.
///
/// # Errors
/// When `value` cannot be JSON (a map with non-string keys) or writing to `out` fails.
pub fn to_writer<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Inert(PrettyFormatter::new()));
    value.serialize(&mut ser)
}

/// serde_json's pretty layout, with the characters in the module's doc escaped as `\\uXXXX`.
struct Inert<F>(F);

/// Whether `c`, at byte `i` of `text`, is written as a `\\uXXXX` escape.
fn is_escaped(text: &str, i: usize, c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}') || super::control::is_bidi(c) || (c == '[' && text[..i].ends_with("##"))
}

impl<F: Formatter> Formatter for Inert<F> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, out: &mut W, fragment: &str) -> io::Result<()> {
        let mut from = 0;
        for (i, c) in fragment.char_indices() {
            if is_escaped(fragment, i, c) {
                out.write_all(&fragment.as_bytes()[from..i])?;
                // Every such character is in the Basic Multilingual Plane: one escape.
                write!(out, "\\u{:04x}", u32::from(c))?;
                from = i + c.len_utf8();
            }
        }
        out.write_all(&fragment.as_bytes()[from..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_array(out)
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_array(out)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_array_value(out)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_object(out)
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object(out)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(out, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object_key(out)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_object_value(out)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object_value(out)
    }
}

pub(crate) fn error_document(e: &serde_json::Error) -> String {
    serde_json::json!({ "error": e.to_string() }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unserializable_values_become_an_error_document() {
        let mut m = std::collections::BTreeMap::new();
        m.insert((1, 2), 3);
        let v: serde_json::Value = serde_json::from_str(&to_json_string(&m)).unwrap();
        assert!(v["error"].is_string());
        assert_eq!(to_json_string(&[1, 2]), "[\n  1,\n  2\n]");
    }

    #[test]
    fn what_a_terminal_or_runner_acts_on_is_escaped_and_the_text_kept() {
        let text = "a\u{1b}[2J \u{9b}1m \u{7f} \u{202e}x\u{2066} \u{2028} ##[error]y # [z] \"q\" é";
        let doc = serde_json::json!({"title": text, "list": [text]});
        let json = to_json_string(&doc);
        assert!(
            !json
                .chars()
                .any(|c| c.is_control() && c != '\n' || super::super::control::is_bidi(c) || c == '\u{2028}'),
            "{json}"
        );
        assert!(
            json.contains("\\u001b[2J \\u009b1m \\u007f \\u202ex\\u2066 \\u2028 ##\\u005berror]y # [z] \\\"q\\\" é"),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc);
        // The layout is serde_json's pretty one.
        assert_eq!(json, to_json_string(&serde_json::json!({"title": text, "list": [text]})));
        assert_eq!(
            to_json_string(&serde_json::json!({"a": [1], "b": {}})),
            "{\n  \"a\": [\n    1\n  ],\n  \"b\": {}\n}"
        );
    }
}
