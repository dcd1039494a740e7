//! Properties of reading and editing item files, on generated input (proptest).
//!
//! - Reading never panics, and every diagnostic points inside the file (the same check as
//!   the `item` fuzz target, shared through `#[path]`).
//! - A file written through the edit functions reads back to the typed values written.
//! - An edit (`set`, `move`, a new rank) of a file with known and unknown fields, comments,
//!   blank lines, CRLF and a body changes only the lines of the fields edited: every other
//!   byte stays, and the file reads back to the new values.

use pobox::edit::{self, NewValue};
use pobox::model::Kind;
use proptest::prelude::*;

use crate::item;
use crate::support::read_story;

/// Pieces of front-matter and Markdown, good and bad, that make parsers stumble.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---".to_owned()),
        Just("...".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("\t".to_owned()),
        Just("  ".to_owned()),
        Just("- ".to_owned()),
        Just(": ".to_owned()),
        Just("# c".to_owned()),
        Just("id: S-1".to_owned()),
        Just("title: T".to_owned()),
        Just("status: ready".to_owned()),
        Just("points: 5".to_owned()),
        Just("labels: [a, b]".to_owned()),
        Just("wsjf:\n  value: 3".to_owned()),
        Just("created: 2026-02-30".to_owned()),
        Just("&a ".to_owned()),
        Just("*a".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("|".to_owned()),
        Just(">".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("<<<<<<< HEAD".to_owned()),
        Just("## Acceptance criteria".to_owned()),
        Just("- [ ] x".to_owned()),
        Just("Scenario: s\n  Given a".to_owned()),
        Just("As a user, I want x, so that y.".to_owned()),
        Just("S-12".to_owned()),
        Just("@dana".to_owned()),
        "[a-zé€😀 ]{0,8}",
        any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

fn soup() -> impl Strategy<Value = String> {
    (any::<bool>(), proptest::collection::vec(fragment(), 0..40)).prop_map(|(start, parts)| {
        let mut s = if start { "---\n".to_owned() } else { String::new() };
        s.extend(parts);
        s
    })
}

/// Text a title may hold: letters, YAML's special characters, quotes, unicode.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 :#'\"\\[\\]{},&*!|>%@`\\\\é€😀-]{1,30}".prop_filter("not blank", |s| !s.trim().is_empty())
}

fn label() -> impl Strategy<Value = String> {
    "[a-z0-9 ,:#\\[\\]'\"-]{1,10}".prop_filter("no edge blanks", |s| s.trim() == s && !s.is_empty())
}

const STATUSES: [&str; 6] = ["draft", "ready", "in-progress", "review", "done", "dropped"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn reading_any_text_never_panics_and_points_inside_the_file(s in soup()) {
        item::check(s.as_bytes());
    }

    #[test]
    fn reading_any_bytes_never_panics(b in proptest::collection::vec(any::<u8>(), 0..200)) {
        let mut data = b"---\n".to_vec();
        data.extend(b);
        item::check(&data);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn written_values_read_back(
        title in text(),
        status in 0..STATUSES.len(),
        points in prop::sample::select(vec![1u32, 2, 3, 5, 8, 13, 20]),
        labels in proptest::collection::vec(label(), 0..4),
        rank in prop_oneof![(-1.0e6f64..1.0e6), (0i32..100_000).prop_map(f64::from)],
        created in (2000i16..2100, 1i8..=12, 1i8..=28),
        team in text(),
        crlf in any::<bool>(),
    ) {
        let start = if crlf { "---\r\nid: S-1\r\n---\r\nbody\r\n" } else { "---\nid: S-1\n---\nbody\n" };
        let date = jiff::civil::date(created.0, created.1, created.2);
        let out = edit::set_fields_ordered(
            start,
            &[
                ("title", NewValue::Text(title.clone())),
                ("status", NewValue::Text(STATUSES[status].to_owned())),
                ("points", NewValue::Int(i64::from(points))),
                ("labels", NewValue::List(labels.clone())),
                ("rank", NewValue::Number(rank)),
                ("created", NewValue::Text(date.to_string())),
                ("team", NewValue::Text(team.clone())),
            ],
            Kind::Story.key_order(),
        )
        .unwrap();
        let (item, diags) = read_story(&out);
        prop_assert!(diags.iter().all(|d| !d.is_error()), "{:?}\n{}", diags, out);
        prop_assert_eq!(&item.title, &title);
        prop_assert_eq!(item.status(), Some(STATUSES[status]));
        prop_assert_eq!(item.points(), Some(points));
        prop_assert_eq!(&item.labels, &labels);
        prop_assert_eq!(item.as_story().and_then(|s| s.rank), Some(rank));
        prop_assert_eq!(item.created, Some(date));
        prop_assert_eq!(item.extra.get("team").and_then(|v| v.as_str()), Some(team.as_str()));
        let tail = if crlf { "---\r\nbody\r\n" } else { "---\nbody\n" };
        prop_assert!(out.ends_with(tail), "the body changed: {}", out);
    }
}

/// One top-level entry of a generated front-matter: its key and its lines.
#[derive(Debug, Clone)]
struct Entry {
    key: String,
    lines: Vec<String>,
}

fn known_entry() -> impl Strategy<Value = Entry> {
    prop_oneof![
        (0..STATUSES.len(), any::<bool>()).prop_map(|(s, c)| Entry {
            key: "status".into(),
            lines: vec![format!("status: {}{}", STATUSES[s], if c { "   # was draft" } else { "" })],
        }),
        prop::sample::select(vec![1u32, 2, 3, 5, 8]).prop_map(|p| Entry {
            key: "points".into(),
            lines: vec![format!("points: {p}")],
        }),
        (proptest::collection::vec("[a-z]{1,6}", 0..3), any::<bool>()).prop_map(|(l, block)| Entry {
            key: "labels".into(),
            lines: if block {
                std::iter::once("labels:".to_owned())
                    .chain(l.iter().map(|x| format!("  - {x}")))
                    .collect()
            } else {
                vec![format!("labels: [{}]", l.join(", "))]
            },
        }),
        (0u32..10_000).prop_map(|r| Entry {
            key: "rank".into(),
            lines: vec![format!("rank: {r} # pinned")],
        }),
        Just(Entry {
            key: "epic".into(),
            lines: vec!["epic: 'E-1'".into()],
        }),
    ]
}

fn unknown_entry() -> impl Strategy<Value = Entry> {
    ("x_[a-z]{1,6}", "[a-z0-9 ]{0,10}", 0..4usize).prop_map(|(key, v, shape)| {
        let lines = match shape {
            0 => vec![format!("{key}: {}", v.trim())],
            1 => vec![format!("{key}: \"{v}\"  # why")],
            2 => vec![format!("{key}:"), format!("  nested: {}", v.trim()), "  more: [1, 2]".into()],
            _ => vec![format!("{key}: |"), format!("  {}x", v.trim()), "  second line".into()],
        };
        Entry { key, lines }
    })
}

fn filler() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(String::new())),
        1 => "# [a-z ]{0,12}".prop_map(Some),
    ]
}

/// A generated story file: (text, entries in order, body, newline).
fn story_file() -> impl Strategy<Value = (String, Vec<Entry>, String, &'static str)> {
    (
        proptest::collection::vec((prop_oneof![known_entry(), unknown_entry()], filler()), 0..8),
        any::<bool>(),
        "[a-zA-Z .,\n#-]{0,80}",
    )
        .prop_map(|(raw, crlf, body)| {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut entries = vec![
                Entry {
                    key: "id".into(),
                    lines: vec!["id: S-1".into()],
                },
                Entry {
                    key: "title".into(),
                    lines: vec!["title: 'Pay: by card'".into()],
                },
            ];
            let mut yaml_lines: Vec<String> = entries.iter().flat_map(|e| e.lines.clone()).collect();
            for (e, fill) in raw {
                if entries.iter().any(|x| x.key == e.key) {
                    continue;
                }
                yaml_lines.extend(e.lines.clone());
                if let Some(f) = fill {
                    yaml_lines.push(f);
                }
                entries.push(e);
            }
            let body = body.replace('\n', nl);
            let mut text = format!("---{nl}");
            for l in &yaml_lines {
                text.push_str(l);
                text.push_str(nl);
            }
            text.push_str("---");
            text.push_str(nl);
            text.push_str(&body);
            (text, entries, body, nl)
        })
}

fn change() -> impl Strategy<Value = (String, NewValue)> {
    prop_oneof![
        (0..STATUSES.len()).prop_map(|s| ("status".to_owned(), NewValue::Text(STATUSES[s].to_owned()))),
        (0u32..100_000).prop_map(|r| ("rank".to_owned(), NewValue::Number(f64::from(r) / 4.0))),
        prop::sample::select(vec![1i64, 2, 3, 5, 8, 13]).prop_map(|p| ("points".to_owned(), NewValue::Int(p))),
        proptest::collection::vec(label(), 0..3).prop_map(|l| ("labels".to_owned(), NewValue::List(l))),
        text().prop_map(|t| ("title".to_owned(), NewValue::Text(t))),
        "SP-[1-9]".prop_map(|s| ("sprint".to_owned(), NewValue::Text(s))),
        Just(("epic".to_owned(), NewValue::Remove)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn edits_change_only_the_fields_edited(
        (text, entries, body, nl) in story_file(),
        changes in proptest::collection::vec(change(), 1..4),
    ) {
        // The last change of a key wins, as on the command line.
        let mut last: Vec<(String, NewValue)> = Vec::new();
        for (k, v) in changes {
            last.retain(|(k2, _)| *k2 != k);
            last.push((k, v));
        }
        let pairs: Vec<(&str, NewValue)> = last.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        let out = edit::set_fields_ordered(&text, &pairs, Kind::Story.key_order());
        let out = match out {
            Ok(o) => o,
            Err(e) => return Err(TestCaseError::fail(format!("refused: {e}\n{text}"))),
        };
        // The body and the opening line, byte for byte.
        let closing = format!("---{nl}{body}");
        prop_assert!(out.ends_with(&closing), "the body changed: {}", out);
        let opening = format!("---{nl}");
        prop_assert!(out.starts_with(&opening), "the opening line changed: {}", out);
        // Every line of a field not edited, every comment and blank line, in order.
        let changed = |k: &str| last.iter().any(|(c, _)| c == k);
        let mut kept: Vec<&str> = text.split(nl).collect();
        for e in entries.iter().filter(|e| changed(&e.key)) {
            let at = kept.iter().position(|l| *l == e.lines[0]).unwrap();
            kept.drain(at..at + e.lines.len());
        }
        let now: Vec<&str> = out
            .split(nl)
            .filter(|l| !last.iter().any(|(k, _)| l.starts_with(&format!("{k}: "))))
            .collect();
        prop_assert_eq!(kept, now, "\n{}\n=>\n{}", text, out);
        // A changed line keeps its comment.
        for e in entries.iter().filter(|e| changed(&e.key) && e.lines.len() == 1) {
            if let Some(i) = e.lines[0].find("   # ").or_else(|| e.lines[0].find(" # ")) {
                let comment = &e.lines[0][i..];
                let removed = last.iter().any(|(k, v)| *k == e.key && *v == NewValue::Remove);
                prop_assert!(removed || out.contains(comment), "lost {} in\n{}", comment, out);
            }
        }
        // It reads back to the new values, unknown fields as they were.
        let (item, diags) = read_story(&out);
        prop_assert!(item.broken.is_none(), "{:?}", diags);
        let (before, _) = read_story(&text);
        for (k, v) in &last {
            match (k.as_str(), v) {
                ("status", NewValue::Text(s)) => prop_assert_eq!(item.status(), Some(s.as_str())),
                ("title", NewValue::Text(s)) => prop_assert_eq!(&item.title, s),
                ("sprint", NewValue::Text(s)) => prop_assert_eq!(item.sprint(), Some(s.as_str())),
                ("points", NewValue::Int(p)) => prop_assert_eq!(item.points().map(i64::from), Some(*p)),
                ("labels", NewValue::List(l)) => prop_assert_eq!(&item.labels, l),
                ("rank", NewValue::Number(r)) => prop_assert_eq!(item.as_story().and_then(|s| s.rank), Some(*r)),
                ("epic", NewValue::Remove) => prop_assert_eq!(item.epic(), None),
                _ => unreachable!(),
            }
        }
        prop_assert_eq!(&item.extra, &before.extra);
    }
}
