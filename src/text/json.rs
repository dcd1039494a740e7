//! JSON documents as pobox prints them: pretty, versioned by the caller, never a panic.

use serde::Serialize;

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
    match serde_json::to_string_pretty(value) {
        Ok(s) => s,
        Err(e) => error_document(&e),
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
}
