//! Target `write`: random `set`, `move` and `fmt` edits applied one after another to a
//! fuzzed item file, each checked against what it promised.
//!
//! The `item` target tries three fixed edits; this one lets the fuzzer choose the edits too,
//! through the same calls the commands make: `change::parse_assignment` and
//! `change::check_value` turn a fuzzed `field=value` into a value as `pobox set` does,
//! `move` sets a status of the workflow, both write through `edit::set_fields_ordered` with
//! the kind's key order (as `change::set_item` does), and `fmt` is `edit::canonical` with
//! either list style. After every accepted edit:
//!
//! - the opening line and the body are byte for byte the same;
//! - every line outside the edited field's lines is kept, in order, with its own line ending;
//! - the front-matter parses, the edited field reads back to exactly the value asked for
//!   (a text as that text, never as a number, boolean or date), and every other field reads
//!   back to its old value;
//! - `fmt` keeps every value and every comment line, and formatting twice changes nothing.
//!
//! Input: the file's bytes, then a line `%%%%`, then the edits; each edit is one byte
//! choosing the operation followed by its argument up to the next NUL byte. Without the
//! `%%%%` line the edits are `set status=ready`, `fmt` and `set title=…`, so seed files need
//! no script.

use pobox::change;
use pobox::config::Config;
use pobox::edit::{self, FormatSettings, ListStyle, NewValue, Style};
use pobox::model::Kind;
use pobox::parse::{frontmatter, yaml};

/// The line between a file and its edits.
const SEPARATOR: &[u8] = b"\n%%%%\n";

/// At most this many edits per input, so one input stays fast.
const MAX_EDITS: usize = 8;

/// One edit the fuzzer chose.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// `pobox set ID <assignment>`.
    Set(String),
    /// `pobox <kind> move ID <status>`: the n-th status of the kind's workflow, or a fuzzed one.
    Move(String),
    /// `pobox set ID <the n-th key of the file>=` (remove it).
    RemoveNth(usize),
    /// `pobox fmt`, with flow or block lists.
    Fmt(ListStyle),
}

/// A fuzz input taken apart: the kind to read the file as, its text and the edits.
#[derive(Debug)]
pub struct Script {
    /// The kind whose key order and workflow apply.
    pub kind: Kind,
    /// The file's bytes.
    pub file: Vec<u8>,
    /// The edits, in order.
    pub ops: Vec<Op>,
}

impl Script {
    /// Take an input apart (any bytes make some script).
    #[must_use]
    pub fn parse(data: &[u8]) -> Self {
        let Some(at) = data.windows(SEPARATOR.len()).rposition(|w| w == SEPARATOR) else {
            return Script {
                kind: Kind::Story,
                file: data.to_vec(),
                ops: vec![
                    Op::Set("status=ready".to_owned()),
                    Op::Fmt(ListStyle::Flow),
                    Op::Set("title=Pay: by card #2".to_owned()),
                ],
            };
        };
        let file = data[..=at].to_vec();
        let mut rest = &data[at + SEPARATOR.len()..];
        let kind = match rest.split_first() {
            Some((b, tail)) => {
                rest = tail;
                Kind::ALL[usize::from(*b) % Kind::ALL.len()]
            }
            None => Kind::Story,
        };
        let mut ops = Vec::new();
        while let Some((&choice, tail)) = rest.split_first() {
            if ops.len() == MAX_EDITS {
                break;
            }
            let end = tail.iter().position(|&b| b == 0).unwrap_or(tail.len());
            let arg = String::from_utf8_lossy(&tail[..end]).into_owned();
            rest = tail.get(end + 1..).unwrap_or_default();
            ops.push(match choice % 5 {
                0 | 1 => Op::Set(arg),
                2 => Op::Move(arg),
                3 => Op::RemoveNth(arg.len()),
                _ => Op::Fmt(if arg.is_empty() { ListStyle::Flow } else { ListStyle::Block }),
            });
        }
        Script { kind, file, ops }
    }
}

/// Run one input; panics (the finding) when an edit breaks its promise.
pub fn check(data: &[u8]) {
    let script = Script::parse(data);
    let Ok(mut text) = String::from_utf8(script.file) else { return };
    let config = Config::default();
    let settings = FormatSettings::from_config(&config).expect("the default format settings");
    let kind = script.kind;
    for op in &script.ops {
        let next = match op {
            Op::Fmt(lists) => {
                let mut style = settings.style(kind);
                style.lists = *lists;
                check_fmt(&text, &style)
            }
            Op::Set(assignment) => match change::parse_assignment(&config, kind, assignment) {
                Ok((key, value)) if change::check_value(&config, kind, &key, &value).is_ok() => check_set(&text, kind, &key, &value),
                _ => None,
            },
            Op::Move(status) => {
                let statuses = config.statuses_for(kind);
                let status = if statuses.is_empty() || status.len() > 3 {
                    status.clone()
                } else {
                    statuses[status.len() % statuses.len()].to_string()
                };
                if change::check_status(&config, kind, &status).is_ok() {
                    check_set(&text, kind, "status", &NewValue::Text(status))
                } else {
                    None
                }
            }
            Op::RemoveNth(n) => match keys(&text) {
                Some(keys) if !keys.is_empty() => {
                    let key = keys[n % keys.len()].clone();
                    // Only keys `set` can name (`key=`) are removed.
                    if key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') && !key.is_empty() {
                        check_set(&text, kind, &key, &NewValue::Remove)
                    } else {
                        None
                    }
                }
                _ => None,
            },
        };
        if let Some(next) = next {
            text = next;
        }
    }
}

/// The top-level keys of the file's front-matter, when it has a mapping.
fn keys(text: &str) -> Option<Vec<String>> {
    let split = frontmatter::split(text).ok()?;
    match yaml::parse(&text[split.yaml.clone()]).ok()?.value {
        yaml::Value::Map(entries) => Some(entries.into_iter().map(|e| e.key).collect()),
        _ => None,
    }
}

/// The front-matter's entries, its lines (split at `\n`, each keeping a `\r`), and the
/// parts before and after it.
struct Parts<'a> {
    entries: Vec<yaml::Entry>,
    lines: Vec<&'a str>,
    head: &'a str,
    body: &'a str,
}

fn parts(text: &str) -> Option<Parts<'_>> {
    let split = frontmatter::split(text).ok()?;
    let yaml_text = &text[split.yaml.clone()];
    let entries = match yaml::parse(yaml_text).ok()?.value {
        yaml::Value::Map(entries) => entries,
        yaml::Value::Null => Vec::new(),
        _ => return None,
    };
    Some(Parts {
        entries,
        lines: yaml_text.split_inclusive('\n').collect(),
        head: &text[..split.yaml.start],
        body: &text[split.body..],
    })
}

/// The front-matter lines outside `key`'s lines: its key line and the lines up to the next
/// key, less the blank and comment lines not indented by spaces just before that key (a
/// tab cannot indent YAML content, so those are comments, and they are about
/// what follows, so they stay when a field is removed).
fn outside<'a>(parts: &Parts<'a>, key: &str) -> Vec<&'a str> {
    let Some(i) = parts.entries.iter().position(|e| e.key == key) else {
        return parts.lines.clone();
    };
    let first = parts.entries[i].key_pos.line as usize - 1;
    let line_of = |e: &yaml::Entry| e.key_pos.line as usize - 1;
    // The next key line below this one (keys a `<<` merge brings in come in another order).
    let mut end = parts
        .entries
        .iter()
        .map(line_of)
        .filter(|&l| l > first)
        .min()
        .unwrap_or(parts.lines.len());
    while end > first + 1 && {
        let line = parts.lines[end - 1];
        line.trim().is_empty() || (line.trim_start().starts_with('#') && !line.starts_with(' '))
    } {
        end -= 1;
    }
    parts.lines[..first].iter().chain(&parts.lines[end..]).copied().collect()
}

/// Whether each key starts a line of its own.
fn own_lines(parts: &Parts<'_>) -> bool {
    let mut lines: Vec<u32> = parts.entries.iter().map(|e| e.key_pos.line).collect();
    lines.sort_unstable();
    lines.windows(2).all(|w| w[0] != w[1]) && parts.entries.iter().all(|e| e.key_pos.col == 1)
}

/// Whether `value` is what writing `new` promised to read back.
fn reads_back(new: &NewValue, value: Option<&yaml::Value>) -> bool {
    use yaml::Value as V;
    match (new, value) {
        (NewValue::Remove, None) => true,
        (NewValue::Text(s), Some(V::Str(t))) => s == t,
        (NewValue::Int(i), Some(V::Int(j))) => i == j,
        #[allow(clippy::float_cmp)]
        (NewValue::Number(f), Some(V::Float(g))) => f == g,
        #[allow(clippy::cast_precision_loss, clippy::float_cmp)]
        (NewValue::Number(f), Some(V::Int(j))) => *f == *j as f64,
        (NewValue::Bool(b), Some(V::Bool(c))) => b == c,
        (NewValue::List(items), Some(V::Seq(seq))) => {
            items.len() == seq.len() && items.iter().zip(seq).all(|(a, n)| matches!(&n.value, V::Str(t) if t == a))
        }
        (NewValue::Raw(raw), Some(v)) => match yaml::parse(&format!("k: {raw}")).map(|n| n.value) {
            Ok(V::Map(m)) if m.len() == 1 => m[0].node.value.to_json() == v.to_json(),
            _ => false,
        },
        _ => false,
    }
}

/// Apply one `set`; when pobox accepts it, check its promises and return the new text.
fn check_set(text: &str, kind: Kind, key: &str, new: &NewValue) -> Option<String> {
    let out = edit::set_fields_ordered(text, &[(key, new.clone())], kind.key_order()).ok()?;
    assert_set_kept(text, &out, key, new);
    Some(out)
}

/// Panics unless `out`, the file `text` after setting `key` to `new`, kept what a `set`
/// promises: the opening line, the body and every line of the other fields, and every other
/// value; and `key` reads back as `new`.
pub fn assert_set_kept(text: &str, out: &str, key: &str, new: &NewValue) {
    let before = parts(text).expect("pobox edited a file whose front-matter it cannot read");
    let Some(after) = parts(out) else {
        panic!("setting {key} to {new:?} wrote a front-matter that does not parse:\n{text:?}\n=>\n{out:?}");
    };
    assert_eq!(before.head, after.head, "setting {key} changed the opening line");
    assert_eq!(before.body, after.body, "setting {key} changed the body");
    // Lines can be told apart only when every key has one of its own (a `? ` key with no
    // text, or a flow mapping, shares one); the values are compared below in any case.
    if own_lines(&before) && own_lines(&after) {
        assert_eq!(
            outside(&before, key),
            outside(&after, key),
            "setting {key} to {new:?} changed other lines:\n{text:?}\n=>\n{out:?}"
        );
    }
    let found = after.entries.iter().find(|e| e.key == key).map(|e| &e.node.value);
    assert!(
        reads_back(new, found),
        "{key} set to {new:?} reads back as {found:?}:\n{text:?}\n=>\n{out:?}"
    );
    let others = |p: &Parts<'_>| -> Vec<(String, serde_json::Value)> {
        p.entries
            .iter()
            .filter(|e| e.key != key)
            .map(|e| (e.key.clone(), e.node.value.to_json()))
            .collect()
    };
    assert_eq!(others(&before), others(&after), "setting {key} changed another field");
}

/// Apply `fmt`; when pobox accepts it, check its promises and return the new text.
fn check_fmt(text: &str, style: &Style<'_>) -> Option<String> {
    let out = edit::canonical(text, style).ok()?;
    let before = parts(text).expect("pobox formatted a file whose front-matter it cannot read");
    let Some(after) = parts(&out) else {
        panic!("fmt wrote a front-matter that does not parse:\n{text:?}\n=>\n{out:?}");
    };
    assert_eq!(before.head, after.head, "fmt changed the opening line");
    assert_eq!(before.body, after.body, "fmt changed the body");
    let values = |p: &Parts<'_>| -> Vec<(String, serde_json::Value)> {
        let mut v: Vec<_> = p.entries.iter().map(|e| (e.key.clone(), e.node.value.to_json())).collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(values(&before), values(&after), "fmt changed a value:\n{text:?}\n=>\n{out:?}");
    let comments = |p: &Parts<'_>| -> Vec<String> {
        let mut c: Vec<String> = p
            .lines
            .iter()
            .map(|l| l.trim())
            .filter(|l| l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        c.sort();
        c
    };
    assert_eq!(comments(&before), comments(&after), "fmt lost a comment:\n{text:?}\n=>\n{out:?}");
    let again = edit::canonical(&out, style).expect("pobox cannot format what it formatted");
    assert_eq!(again, out, "formatting twice changes the file:\n{text:?}");
    Some(out)
}
