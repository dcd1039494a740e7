//! Changing items from the command line: `set key=value` and `move ID STATUS`.
//!
//! Values are checked against the model and the workspace's settings before anything is
//! written, so a typo is refused with the allowed values instead of landing in the backlog.

use std::path::PathBuf;

use crate::config::Config;
use crate::diag::suggest;
use crate::edit::{self, EditError, NewValue};
use crate::fsio::{self, WriteError};
use crate::model::Kind;
use crate::model::fields::{DATE_FIELDS, parse_date};
use crate::workspace::{LookupError, Workspace};

/// Why a change was refused.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// No item has that id, or more than one file has it.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// The item's file cannot be read.
    #[error("{} cannot be changed: {reason}", .path.display())]
    Broken {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A value does not fit its field.
    #[error("{0}")]
    BadValue(String),
    /// The key names a group of fields (`wsjf`, `rice.reach`), which is edited in the file
    /// itself.
    #[error("`{0}` is a group of fields")]
    Group(String),
    /// One field is given more than one value in one change (`labels=a labels=b`): which
    /// one was meant is not guessed.
    #[error("`{0}` is given more than once")]
    Repeated(String),
    /// The edit itself was refused.
    #[error("{}: {source}", .path.display())]
    Edit {
        /// The file.
        path: PathBuf,
        /// Why.
        source: EditError,
    },
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

const LISTS: &[&str] = &["labels", "stakeholders", "depends_on", "attendees", "related"];
const COUNTS: &[&str] = &["points", "capacity", "cadence_days", "likelihood", "impact"];
const NUMBERS: &[&str] = &["rank"];
const BOOLS: &[&str] = &["goal_met"];
const NESTED: &[&str] = &["wsjf", "rice", "ice"];

/// Turn `key=value` text into a checked value for an item of `kind`. An empty value after
/// `=` removes the field.
///
/// # Errors
/// [`ChangeError::BadValue`] saying what is allowed; [`ChangeError::Group`] for a key that
/// names a group of fields.
pub fn parse_assignment(config: &Config, kind: Kind, assignment: &str) -> Result<(String, NewValue), ChangeError> {
    let Some((key, raw)) = assignment.split_once('=') else {
        return Err(ChangeError::BadValue(format!(
            "`{assignment}` is not `field=value` (e.g. `points=5`, `status=ready`, `labels=a,b`)"
        )));
    };
    let key = key.trim();
    // Text is data: kept exactly as given, white space and line breaks included (the file
    // quotes it as needed). Only a value read as a number, a date, a boolean or a list
    // loses the white space around it, which is no part of it.
    let trimmed = raw.trim();
    let bad = |msg: String| Err(ChangeError::BadValue(msg));
    if key == "id" {
        return bad("the id cannot be changed with `set`: it names the file and everything that refers to it".to_owned());
    }
    if NESTED.contains(&key) || key.contains('.') {
        return Err(ChangeError::Group(key.to_owned()));
    }
    if raw.is_empty() {
        return if key == "title" {
            bad("an item needs a title".to_owned())
        } else {
            Ok((key.to_owned(), NewValue::Remove))
        };
    }
    if trimmed.is_empty() {
        // Blank to a reader, yet not empty: neither removing the field nor writing it is
        // what was meant.
        return bad(if key == "title" {
            format!("an item needs a title, and `{}` is only white space", raw.escape_debug())
        } else {
            format!(
                "`{key}` would be only white space (`{}`); write `{key}=` to remove the field",
                raw.escape_debug()
            )
        });
    }
    let raw_text = raw;
    let raw = trimmed;
    let value = if LISTS.contains(&key) {
        NewValue::List(
            raw.trim_start_matches('[')
                .trim_end_matches(']')
                .split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
        )
    } else if COUNTS.contains(&key) {
        let Ok(n) = raw.parse::<u32>() else {
            return bad(format!("`{key}` must be a whole number, not `{raw}`"));
        };
        NewValue::Int(i64::from(n))
    } else if DATE_FIELDS.contains(&key) {
        if let Err(why) = parse_date(raw) {
            return bad(format!("`{raw}` is not a date ({why}); write YYYY-MM-DD"));
        }
        NewValue::Text(raw.to_owned())
    } else if NUMBERS.contains(&key) {
        // Rust reads `NaN`, `inf` and `1e309` as numbers; YAML readers (and pobox) do not
        // take them as a rank.
        match raw.parse::<f64>() {
            Ok(n) if n.is_finite() => NewValue::Number(n),
            Ok(_) => return bad(format!("`{key}` must be a finite number, not `{raw}`")),
            Err(_) => return bad(format!("`{key}` must be a number, not `{raw}`")),
        }
    } else if BOOLS.contains(&key) {
        match raw {
            "true" | "yes" => NewValue::Bool(true),
            "false" | "no" => NewValue::Bool(false),
            _ => return bad(format!("`{key}` is true or false, not `{raw}`")),
        }
    } else {
        NewValue::Text(raw_text.to_owned())
    };
    check_value(config, kind, key, &value)?;
    Ok((key.to_owned(), value))
}

/// Fields whose values come from a fixed list, per kind.
fn allowed_values(kind: Kind, key: &str) -> Option<&'static [&'static str]> {
    match (kind, key) {
        (Kind::Stakeholder, "power" | "interest") => Some(&["high", "low"]),
        (Kind::Epic, "horizon") => Some(&["now", "next", "later"]),
        (Kind::Story | Kind::Epic, "moscow") => Some(&["must", "should", "could", "wont"]),
        (Kind::Meeting, "type") => Some(&crate::templates::MEETING_TYPES),
        _ => None,
    }
}

/// Refuse a value its field does not allow: a status outside the workflow, an estimate off
/// the scale, a risk score outside 1–5, a value outside a fixed list.
///
/// # Errors
/// [`ChangeError::BadValue`] naming the allowed values.
pub fn check_value(config: &Config, kind: Kind, key: &str, value: &NewValue) -> Result<(), ChangeError> {
    let bad = |msg: String| Err(ChangeError::BadValue(msg));
    match (key, value) {
        ("status", NewValue::Text(s)) => check_status(config, kind, s),
        ("points", NewValue::Int(n)) if !config.estimate_scale.iter().any(|s| i64::from(*s) == *n) => {
            let scale = config.estimate_scale.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
            bad(format!("{n} is not on the estimate scale; use one of {scale}"))
        }
        ("likelihood" | "impact", NewValue::Int(n)) if kind == Kind::Risk && !(1..=5).contains(n) => {
            bad(format!("`{key}` is 1 to 5, not {n}"))
        }
        (_, NewValue::Text(s)) => match allowed_values(kind, key) {
            Some(allowed) if !allowed.contains(&s.as_str()) => {
                let hint = suggest(s, allowed.iter().copied()).map_or(String::new(), |h| format!(" (did you mean `{h}`?)"));
                bad(format!("`{s}` is not a valid `{key}`{hint}; allowed: {}", allowed.join(", ")))
            }
            _ => Ok(()),
        },
        _ => Ok(()),
    }
}

/// Refuse a status the kind does not allow, suggesting the nearest allowed one.
///
/// # Errors
/// [`ChangeError::BadValue`].
pub fn check_status(config: &Config, kind: Kind, status: &str) -> Result<(), ChangeError> {
    if !kind.has_status() {
        return Err(ChangeError::BadValue(format!("{} items have no status", kind.as_str())));
    }
    let allowed = config.statuses_for(kind);
    if allowed.contains(&status) {
        return Ok(());
    }
    let hint = suggest(status, allowed.iter().copied()).map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
    Err(ChangeError::BadValue(format!(
        "`{status}` is not {} status{hint}; allowed: {}",
        kind.with_article(),
        allowed.join(", ")
    )))
}

/// Set fields of the item `id` and write its file atomically. Returns the file changed, or
/// `None` when every value was already as asked. An id two files have is refused
/// ([`Workspace::find`]): neither file is written.
///
/// # Errors
/// See [`ChangeError`].
pub fn set(ws: &Workspace, id: &str, changes: &[(String, NewValue)]) -> Result<Option<PathBuf>, ChangeError> {
    set_item(ws, ws.find(id)?, changes)
}

/// Like [`set`], for an item already found (callers writing many items look each one up
/// once instead of searching the workspace per file).
///
/// # Errors
/// See [`ChangeError`].
pub fn set_item(ws: &Workspace, item: &crate::model::Item, changes: &[(String, NewValue)]) -> Result<Option<PathBuf>, ChangeError> {
    if let Some((key, _)) = changes
        .iter()
        .enumerate()
        .find_map(|(i, c)| changes[..i].iter().find(|d| d.0 == c.0))
    {
        return Err(ChangeError::Repeated(key.clone()));
    }
    if let Some(reason) = &item.broken {
        return Err(ChangeError::Broken {
            path: item.path.clone(),
            reason: reason.clone(),
        });
    }
    // Locked from this read to the rename: another pobox editing the file waits, then edits
    // this edit's result, so neither loses the other's field.
    let lock = fsio::lock(&ws.root.join(&item.path))?;
    let abs = lock.path();
    let before = std::fs::read(abs).map_err(|source| WriteError::Io {
        path: abs.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(before.clone()).map_err(|_| ChangeError::Broken {
        path: item.path.clone(),
        reason: "not UTF-8".to_owned(),
    })?;
    let pairs: Vec<(&str, NewValue)> = changes.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let after = edit::set_fields_ordered(&text, &pairs, item.kind.key_order()).map_err(|source| ChangeError::Edit {
        path: item.path.clone(),
        source,
    })?;
    if after == text {
        return Ok(None);
    }
    lock.replace(&before, after.as_bytes())?;
    Ok(Some(item.path.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignments_are_checked() {
        let c = Config::default();
        assert_eq!(
            parse_assignment(&c, Kind::Story, "points=8").unwrap(),
            ("points".into(), NewValue::Int(8))
        );
        assert_eq!(
            parse_assignment(&c, Kind::Story, "labels=a, b").unwrap().1,
            NewValue::List(vec!["a".into(), "b".into()])
        );
        assert_eq!(parse_assignment(&c, Kind::Story, "sprint=").unwrap().1, NewValue::Remove);
        assert_eq!(
            parse_assignment(&c, Kind::Story, "team=blue").unwrap().1,
            NewValue::Text("blue".into())
        );
        let e = parse_assignment(&c, Kind::Story, "status=redy").unwrap_err().to_string();
        assert_eq!(
            e,
            "`redy` is not a story status (did you mean `ready`?); allowed: draft, ready, in-progress, review, done, dropped"
        );
        assert!(
            parse_assignment(&c, Kind::Story, "points=4")
                .unwrap_err()
                .to_string()
                .contains("1, 2, 3, 5, 8, 13, 20")
        );
        assert!(parse_assignment(&c, Kind::Sprint, "status=active").is_ok());
        assert!(parse_assignment(&c, Kind::Story, "created=2026-02-30").is_err());
        assert!(parse_assignment(&c, Kind::Story, "nonsense").is_err());
        assert!(parse_assignment(&c, Kind::Story, "id=S-9").is_err());
        let e = parse_assignment(&c, Kind::Stakeholder, "power=medium").unwrap_err().to_string();
        assert_eq!(e, "`medium` is not a valid `power`; allowed: high, low");
        assert!(parse_assignment(&c, Kind::Epic, "horizon=soon").is_err());
        assert!(
            parse_assignment(&c, Kind::Story, "moscow=mst")
                .unwrap_err()
                .to_string()
                .contains("did you mean `must`?")
        );
        assert!(
            parse_assignment(&c, Kind::Epic, "status=redy")
                .unwrap_err()
                .to_string()
                .starts_with("`redy` is not an epic status")
        );
    }
}
