//! Target `item`: one file's bytes through every entry point that reads or edits an item.
//!
//! Besides "does not panic", it checks what must hold for any input: diagnostics point
//! inside the file, reading without positions agrees with reading with them, a cached
//! record rebuilds the same item, and an accepted edit changes only what it was asked to.
//! Shared with the integration tests through a `#[path]` in `tests/it/main.rs` (for
//! `tests/it/fuzz_corpus.rs` and `tests/it/properties.rs`), so it uses nothing but `pobox`.

use std::path::Path;

use pobox::config::Config;
use pobox::diag::Diagnostic;
use pobox::edit::{self, NewValue};
use pobox::model::Kind;
use pobox::model::read::{ReadOptions, item_from_record, read_item_recorded};
use pobox::parse::{frontmatter, yaml};

/// Whether a diagnostic's position is in `text`: line 0 (the whole file), or a line of the
/// file (or the one after its last line end) with column 0 or at most one past its last
/// character.
#[must_use]
pub fn inside(text: &str, d: &Diagnostic) -> bool {
    if d.line == 0 {
        return true;
    }
    let Some(line) = text.split('\n').nth(d.line as usize - 1) else {
        return false;
    };
    let line = line.strip_suffix('\r').unwrap_or(line);
    d.col as usize <= line.chars().count() + 1
}

/// Run one input; panics (the finding) when an invariant breaks.
pub fn check(data: &[u8]) {
    let config = Config::default();
    let prefixes = config.prefixes();
    let lossy = String::from_utf8_lossy(data);
    for kind in Kind::ALL {
        let path = Path::new("backlog")
            .join(kind.folder())
            .join(format!("{}-1-fuzz.md", config.prefix(kind).unwrap_or("x")));
        for body in [true, false] {
            let opts = ReadOptions {
                prefix: config.prefix(kind),
                mention_prefixes: &prefixes,
                body,
            };
            let (item, diags, record) = read_item_recorded(kind, &path, data, opts);
            for d in &diags {
                assert!(inside(&lossy, d), "{d:?} is outside the file");
            }
            if let Some(record) = record {
                let again = item_from_record(kind, &path, record, opts);
                assert_eq!(again.as_ref(), Some(&item), "a cached record rebuilds another item");
            }
            let shown = pobox::diag::render::human_from(&diags, |_| Some(lossy.clone().into_owned()), false);
            assert!(diags.is_empty() || !shown.is_empty());
        }
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(split) = frontmatter::split(text) else { return };
    let yaml_text = &text[split.yaml.clone()];
    let with = yaml::parse(yaml_text);
    let without = yaml::parse_without_positions(yaml_text);
    match (&with, &without) {
        (Ok(a), Ok(b)) => assert_eq!(a.value.to_json(), b.value.to_json()),
        (Err(_), Err(_)) => {}
        _ => panic!("parsing with and without positions disagree: {with:?} / {without:?}"),
    }
    check_edit(
        text,
        &[("status", NewValue::Text("ready".to_owned())), ("rank", NewValue::Number(2.5))],
    );
    check_edit(text, &[("labels", NewValue::List(vec!["a, b".to_owned(), "c".to_owned()]))]);
    check_edit(text, &[("title", NewValue::Remove)]);
}

/// An edit either is refused, or leaves the body and every other key as it was and
/// re-reads to the new values.
fn check_edit(text: &str, changes: &[(&str, NewValue)]) {
    let Ok(out) = edit::set_fields(text, changes) else { return };
    let before = frontmatter::split(text).expect("edited files have front-matter");
    let after = frontmatter::split(&out).expect("an edit keeps the front-matter");
    assert_eq!(&text[before.body..], &out[after.body..], "an edit changed the body");
    assert_eq!(
        &text[..before.yaml.start],
        &out[..after.yaml.start],
        "an edit changed the opening line"
    );
    let Ok(yaml::Node {
        value: yaml::Value::Map(entries),
        ..
    }) = yaml::parse(&out[after.yaml.clone()])
    else {
        panic!("an accepted edit does not parse: {out:?}");
    };
    for (key, value) in changes {
        let found = entries.iter().find(|e| e.key == *key);
        match value {
            NewValue::Remove => assert!(found.is_none(), "{key} still there"),
            NewValue::Text(t) => assert_eq!(found.and_then(|e| e.node.value.scalar_text()).as_deref(), Some(t.as_str())),
            _ => assert!(found.is_some(), "{key} missing"),
        }
    }
}
