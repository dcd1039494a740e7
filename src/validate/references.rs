//! Rules: references between files — duplicate ids (PO201), front-matter fields that name
//! nothing (PO202, a decision's `supersedes` and `related` included) and body mentions that name nothing (PO203).

use std::collections::{HashMap, HashSet};

use crate::diag::{self, Code, Diagnostic};
use crate::model::read::{is_handle, numbered_id};
use crate::model::{Item, Kind, KindData};

use super::Checker;

/// Run these rules.
pub fn check(cx: &Checker<'_>, out: &mut Vec<Diagnostic>) {
    duplicate_ids(cx, out);
    let mut ix = Index::default();
    for item in &cx.ws.items {
        ix.ids.entry(item.kind).or_default().push(item.id.as_str());
        if item.kind == Kind::Stakeholder {
            ix.handles.insert(item.id.to_lowercase());
        }
    }
    for item in cx.items() {
        fields(cx, &ix, item, out);
        mentions(cx, &ix, item, out);
    }
}

/// Ids by kind, built once so that suggestions do not scan the workspace per finding.
#[derive(Default)]
struct Index<'a> {
    ids: HashMap<Kind, Vec<&'a str>>,
    /// Stakeholder handles in lower case: prose is not careful about case, `@Dana` names `dana`.
    handles: HashSet<String>,
}

/// A path as printed in messages, with `/` on every platform.
fn shown(item: &Item) -> String {
    item.path.to_string_lossy().replace('\\', "/")
}

/// PO201: every file after the first (by path) that repeats an id.
fn duplicate_ids(cx: &Checker<'_>, out: &mut Vec<Diagnostic>) {
    let mut by_id: HashMap<&str, Vec<&Item>> = HashMap::new();
    for item in cx.items() {
        by_id.entry(item.id.as_str()).or_default().push(item);
    }
    let mut groups: Vec<Vec<&Item>> = by_id.into_values().filter(|g| g.len() > 1).collect();
    for group in &mut groups {
        group.sort_by(|a, b| a.path.cmp(&b.path));
    }
    groups.sort_by(|a, b| a[0].path.cmp(&b[0].path));
    for group in groups {
        for (n, item) in group.iter().enumerate().skip(1) {
            let others: Vec<String> = group.iter().enumerate().filter(|(m, _)| *m != n).map(|(_, o)| shown(o)).collect();
            let how = match item.kind {
                Kind::Stakeholder => "give one of them another handle and rename its file to match".to_owned(),
                Kind::Meeting => "give one of them another slug (`<date>-<slug>`) and rename its file to match".to_owned(),
                kind => format!("give one of them a new id and rename its file to match (`pobox {kind} new` picks a free id)"),
            };
            out.push(
                cx.at_item(
                    Code::DuplicateId,
                    item,
                    format!("{} is also the id of {}", item.id, others.join(", ")),
                )
                .help(how),
            );
        }
    }
}

/// Which kinds a field may name; empty means any.
fn wanted(item_kind: Kind, field: &str) -> &'static [Kind] {
    match (item_kind, field) {
        (_, "epic") => &[Kind::Epic],
        (_, "sprint") => &[Kind::Sprint],
        (_, "depends_on") => &[Kind::Story, Kind::Epic],
        (_, "stakeholders" | "attendees") => &[Kind::Stakeholder],
        (_, "supersedes") => &[Kind::Decision],
        _ => &[],
    }
}

/// "an epic", "a story or epic", "item".
fn noun(kinds: &[Kind]) -> String {
    match kinds {
        [] => "item".to_owned(),
        [k] => k.as_str().to_owned(),
        ks => ks.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(" or "),
    }
}

fn with_article(kinds: &[Kind]) -> String {
    let n = noun(kinds);
    let article = if n.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {n}")
}

/// What a reference resolves to.
enum Resolution {
    /// An item of a wanted kind has that id.
    Found,
    /// Only items of other kinds have it.
    WrongKind(Kind),
    /// Nothing has it.
    Missing,
}

fn resolve(cx: &Checker<'_>, target: &str, kinds: &[Kind]) -> Resolution {
    let all = cx.all_with_id(target);
    if all.iter().any(|i| kinds.is_empty() || kinds.contains(&i.kind)) {
        Resolution::Found
    } else if let Some(other) = all.first() {
        Resolution::WrongKind(other.kind)
    } else {
        Resolution::Missing
    }
}

/// Whether `target` has the form of an id of one of `kinds`; such an id that does not exist
/// is not a typo, so near ids (`S-41` for `S-42`) would be guesses, not help.
fn well_formed(cx: &Checker<'_>, target: &str, kinds: &[Kind]) -> bool {
    let kinds: &[Kind] = if kinds.is_empty() { &Kind::ALL } else { kinds };
    kinds.iter().any(|k| match cx.ws.config.prefix(*k) {
        Some(p) => numbered_id(target, p).is_some(),
        None => false,
    })
}

/// "did you mean …?" among the ids of `kinds` (any kind when empty).
fn near<'a>(ix: &Index<'a>, target: &str, kinds: &[Kind]) -> Option<&'a str> {
    // Among every kind, `X-1` is as near to `R-1` as to `S-1`: a guess, not help.
    if kinds.is_empty()
        && target
            .rsplit_once('-')
            .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let of = |k: &Kind| ix.ids.get(k).map_or(&[][..], Vec::as_slice).iter().copied();
    if kinds == [Kind::Stakeholder]
        && let Some(same) = of(&Kind::Stakeholder).find(|id| id.eq_ignore_ascii_case(target))
    {
        return Some(same);
    }
    let kinds: &[Kind] = if kinds.is_empty() { &Kind::ALL } else { kinds };
    diag::suggest(target, kinds.iter().flat_map(of))
}

/// How to make a missing target exist.
fn create_hint(target: &str, field: &str, kinds: &[Kind]) -> String {
    match kinds {
        [Kind::Epic] => "create it with `pobox epic new \"<title>\"`, or fix the id".to_owned(),
        [Kind::Sprint] => "create it with `pobox sprint new --start <YYYY-MM-DD>`, or fix the id".to_owned(),
        [Kind::Stakeholder] => {
            let handle = if is_handle(target) { target } else { "<handle>" };
            format!("create them with `pobox stakeholder new {handle}`, or fix the handle")
        }
        [Kind::Story, Kind::Epic] => format!("fix the id, or remove it from `{field}` if the prerequisite is gone"),
        _ => format!("fix the id, or remove it from `{field}`"),
    }
}

/// PO202 for one item's front-matter references.
fn fields(cx: &Checker<'_>, ix: &Index<'_>, item: &Item, out: &mut Vec<Diagnostic>) {
    let mut check = |field: &str, index: Option<usize>, target: &str| {
        let target = target.trim();
        if target.is_empty() {
            return;
        }
        let kinds = wanted(item.kind, field);
        let message = match resolve(cx, target, kinds) {
            Resolution::Found => return,
            Resolution::WrongKind(kind) => {
                format!(
                    "`{field}` names `{target}`, which is {}, not {}",
                    kind.with_article(),
                    with_article(kinds)
                )
            }
            Resolution::Missing => {
                let what = if kinds == [Kind::Stakeholder] { "handle" } else { "id" };
                format!("`{field}` names `{target}`, but no {} has that {what}", noun(kinds))
            }
        };
        let suggestion = if kinds == [Kind::Stakeholder] || !well_formed(cx, target, kinds) {
            near(ix, target, kinds)
        } else {
            None
        };
        let help = suggestion.map_or_else(|| create_hint(target, field, kinds), |s| format!("did you mean `{s}`?"));
        out.push(cx.at_field(Code::DanglingReference, item, field, index, message).help(help));
    };
    let list = |check: &mut dyn FnMut(&str, Option<usize>, &str), field: &str, values: &[String]| {
        for (i, v) in values.iter().enumerate() {
            check(field, Some(i), v);
        }
    };
    match &item.data {
        KindData::Story(s) => {
            if let Some(e) = &s.epic {
                check("epic", None, e);
            }
            if let Some(sp) = &s.sprint {
                check("sprint", None, sp);
            }
            list(&mut check, "depends_on", &s.depends_on);
            list(&mut check, "stakeholders", &s.stakeholders);
        }
        KindData::Epic(e) => list(&mut check, "depends_on", &e.depends_on),
        KindData::Meeting(m) => {
            list(&mut check, "attendees", &m.attendees);
            if let Some(sp) = &m.sprint {
                check("sprint", None, sp);
            }
        }
        KindData::Risk(r) => list(&mut check, "related", &r.related),
        KindData::Decision(d) => {
            list(&mut check, "supersedes", &d.supersedes);
            list(&mut check, "related", &d.related);
        }
        KindData::Stakeholder(_) | KindData::Sprint(_) => {}
    }
}

/// PO203 for one item's body: ids that name nothing, and in meetings `@handles` that name
/// no stakeholder.
fn mentions(cx: &Checker<'_>, ix: &Index<'_>, item: &Item, out: &mut Vec<Diagnostic>) {
    let body = item.body();
    let is_meeting = item.kind == Kind::Meeting;
    let handle_known = |h: &str| ix.handles.contains(&h.to_lowercase());
    let mut seen: HashSet<(u32, &str)> = HashSet::new();
    for m in &body.mentions {
        if m.handle {
            if !is_meeting {
                continue;
            }
            seen.insert((m.line, m.target.as_str()));
            if handle_known(&m.target) {
                continue;
            }
            out.push(dangling_handle(ix, item, &m.target, m.line, m.col));
        } else {
            if !cx.all_with_id(&m.target).is_empty() {
                continue;
            }
            let kinds: Vec<Kind> = m
                .target
                .rsplit_once('-')
                .and_then(|(p, _)| cx.ws.config.id_prefixes.iter().find(|(_, q)| q == p).map(|(k, _)| *k))
                .into_iter()
                .collect();
            let suggestion = if well_formed(cx, &m.target, &kinds) {
                None
            } else {
                near(ix, &m.target, &kinds)
            };
            let help = suggestion.map_or_else(
                || "fix the id, or write it in backticks if it is not a reference".to_owned(),
                |s| format!("did you mean `{s}`?"),
            );
            out.push(
                Diagnostic::new(
                    Code::DanglingMention,
                    &item.path,
                    m.line,
                    m.col,
                    format!("`{}` is mentioned here, but no item has that id", m.target),
                )
                .help(help),
            );
        }
    }
    if is_meeting {
        // An owner written inside inline code is not a mention but still names someone.
        for a in &body.action_items {
            if let Some(owner) = &a.owner
                && !seen.contains(&(a.line, owner.as_str()))
                && !handle_known(owner)
            {
                out.push(dangling_handle(ix, item, owner, a.line, a.col));
            }
        }
    }
}

fn dangling_handle(ix: &Index<'_>, item: &Item, handle: &str, line: u32, col: u32) -> Diagnostic {
    let help = near(ix, handle, &[Kind::Stakeholder]).map_or_else(
        || {
            let shown = if is_handle(handle) { handle } else { "<handle>" };
            format!("create them with `pobox stakeholder new {shown}`, or fix the handle")
        },
        |s| format!("did you mean `@{s}`?"),
    );
    Diagnostic::new(
        Code::DanglingMention,
        &item.path,
        line,
        col,
        format!("`@{handle}` is mentioned here, but no stakeholder has that handle"),
    )
    .help(help)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn run(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        crate::validate::testing::run_rules("product: Test\n", files, check)
    }

    fn short(d: &[Diagnostic]) -> Vec<String> {
        d.iter()
            .map(|d| {
                format!(
                    "{}:{}:{} {} {} | {}",
                    d.path.display(),
                    d.line,
                    d.col,
                    d.code,
                    d.message,
                    d.help.as_deref().unwrap_or("")
                )
            })
            .collect()
    }

    #[test]
    fn duplicate_ids_name_the_other_file() {
        let d = run(&[
            ("backlog/stories/S-4.md", "---\nid: S-4\ntitle: New\n---\n"),
            ("backlog/stories/S-4-old.md", "---\nid: S-4\ntitle: Old\n---\n"),
            ("backlog/stories/more/S-4-x.md", "---\nid: S-4\ntitle: X\n---\n"),
        ]);
        assert_eq!(
            short(&d),
            [
                format!(
                    "{}:2:5 PO201 S-4 is also the id of backlog/stories/S-4-old.md, backlog/stories/more/S-4-x.md | give one of them a new id and rename its file to match (`pobox story new` picks a free id)",
                    Path::new("backlog/stories/S-4.md").display()
                ),
                format!(
                    "{}:2:5 PO201 S-4 is also the id of backlog/stories/S-4-old.md, backlog/stories/S-4.md | give one of them a new id and rename its file to match (`pobox story new` picks a free id)",
                    Path::new("backlog/stories/more/S-4-x.md").display()
                ),
            ]
        );
    }

    #[test]
    fn dangling_fields_point_at_the_element() {
        let d = run(&[
            ("backlog/epics/E-3.md", "---\nid: E-3\ntitle: Pay\n---\n"),
            ("backlog/stakeholders/dana.md", "---\nid: dana\ntitle: Dana\n---\n"),
            ("backlog/sprints/SP-1.md", "---\nid: SP-1\ntitle: One\n---\n"),
            (
                "backlog/stories/S-3.md",
                "---\nid: S-3\ntitle: A\nepic: S-3\nsprint: SP-9\nstakeholders: [dana, dnaa]\ndepends_on:\n  - E-3\n  - S-99\nassignee: nobody\n---\n",
            ),
            (
                "backlog/stories/S-4.md",
                "---\nid: S-4\ntitle: B\nepic: E-7\ndepends_on: [SP-1]\nstakeholders: [Dana]\n---\n",
            ),
            (
                "backlog/meetings/2026-11-01-review.md",
                "---\nid: 2026-11-01-review\ntitle: R\nattendees: [dana, sam]\nsprint: SP-1\n---\n",
            ),
            ("backlog/risks/R-1.md", "---\nid: R-1\ntitle: R\nrelated: [S-3, X-1, dana]\n---\n"),
        ]);
        let s = short(&d);
        assert_eq!(
            s,
            [
                "backlog/meetings/2026-11-01-review.md:4:19 PO202 `attendees` names `sam`, but no stakeholder has that handle | create them with `pobox stakeholder new sam`, or fix the handle",
                "backlog/risks/R-1.md:4:16 PO202 `related` names `X-1`, but no item has that id | fix the id, or remove it from `related`",
                "backlog/stories/S-3.md:4:7 PO202 `epic` names `S-3`, which is a story, not an epic | did you mean `E-3`?",
                "backlog/stories/S-3.md:5:9 PO202 `sprint` names `SP-9`, but no sprint has that id | create it with `pobox sprint new --start <YYYY-MM-DD>`, or fix the id",
                "backlog/stories/S-3.md:6:22 PO202 `stakeholders` names `dnaa`, but no stakeholder has that handle | did you mean `dana`?",
                "backlog/stories/S-3.md:9:5 PO202 `depends_on` names `S-99`, but no story or epic has that id | fix the id, or remove it from `depends_on` if the prerequisite is gone",
                "backlog/stories/S-4.md:4:7 PO202 `epic` names `E-7`, but no epic has that id | create it with `pobox epic new \"<title>\"`, or fix the id",
                "backlog/stories/S-4.md:5:14 PO202 `depends_on` names `SP-1`, which is a sprint, not a story or epic | fix the id, or remove it from `depends_on` if the prerequisite is gone",
                "backlog/stories/S-4.md:6:16 PO202 `stakeholders` names `Dana`, but no stakeholder has that handle | did you mean `dana`?",
            ],
            "{s:#?}"
        );
    }

    #[test]
    fn broken_targets_still_exist() {
        let d = run(&[
            ("backlog/epics/E-1.md", "---\nid: E-1\ntitle: [unclosed\n---\n"),
            ("backlog/stories/S-1.md", "---\nid: S-1\ntitle: A\nepic: E-1\n---\nSee E-1.\n"),
        ]);
        assert!(d.is_empty(), "{:#?}", short(&d));
    }

    #[test]
    fn dangling_mentions() {
        let d = run(&[
            ("backlog/stakeholders/dana.md", "---\nid: dana\ntitle: Dana\n---\n"),
            (
                "backlog/stories/S-1.md",
                "---\nid: S-1\ntitle: A\n---\nAfter S-1 and S-2, not `S-3`; ask @nobody.\n\nSee S-01.\n",
            ),
            (
                "backlog/meetings/2026-11-01-review.md",
                "---\nid: 2026-11-01-review\ntitle: R\n---\n## Notes\n\n@Dana and @dan said so.\n\n## Action items\n\n- [ ] @dana do it (due: 2026-12-01)\n- [ ] `@sam` do that\n",
            ),
        ]);
        let s = short(&d);
        assert_eq!(
            s,
            [
                "backlog/meetings/2026-11-01-review.md:7:11 PO203 `@dan` is mentioned here, but no stakeholder has that handle | did you mean `@dana`?",
                "backlog/meetings/2026-11-01-review.md:12:7 PO203 `@sam` is mentioned here, but no stakeholder has that handle | create them with `pobox stakeholder new sam`, or fix the handle",
                "backlog/stories/S-1.md:5:15 PO203 `S-2` is mentioned here, but no item has that id | fix the id, or write it in backticks if it is not a reference",
                "backlog/stories/S-1.md:7:5 PO203 `S-01` is mentioned here, but no item has that id | did you mean `S-1`?",
            ],
            "{s:#?}"
        );
        assert!(d.iter().all(|d| d.severity == crate::diag::Severity::Warning));
    }
}
