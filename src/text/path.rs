//! File paths as text.

/// A path with `/` between its parts on every platform, so exports and messages compare
/// equal across machines.
#[must_use]
pub fn slash(path: &std::path::Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}
