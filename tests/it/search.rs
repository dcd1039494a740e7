//! Finding things (issue 15): `pobox search` (ranking, the matching line, files pobox cannot
//! read), the filter language on lists and `export` (`--where`, errors with a caret, typo
//! warnings), `--sort` and `--columns`.

use std::path::Path;

use crate::support::Session;

/// A small backlog: stories with points, statuses, labels, ranks, assignees and a field of
/// the team's own; an epic; a meeting; and a story file whose front-matter does not parse.
fn backlog() -> Session {
    let s = Session::new();
    let story = |id: &str, fields: &str, body: &str| {
        s.write(&format!("backlog/stories/{id}.md"), &format!("---\nid: {id}\n{fields}---\n{body}"));
    };
    story(
        "S-1",
        "title: Pay with a saved card\nstatus: ready\npoints: 5\nlabels: [payments]\nrank: 2\nassignee: dana\nteam: blue\nwsjf:\n  value: 8\n",
        "\nAs a shopper, I want to pay with a saved card.\n",
    );
    story(
        "S-2",
        "title: Refunds\nstatus: in-progress\npoints: 8\nlabels: [payments, backoffice]\nrank: 1\nteam: red\n",
        "\nRefund to the card the order was paid with.\nThe card provider sends a webhook.\n",
    );
    story(
        "S-10",
        "title: Login page\nstatus: done\npoints: 3\nlabels: [auth]\nassignee: lee\n",
        "\nNo cards here.\n",
    );
    story("S-3", "title: Search orders\nstatus: draft\nlabels: [backoffice]\n", "\nCard\n");
    s.write(
        "backlog/epics/E-1.md",
        "---\nid: E-1\ntitle: Checkout\nstatus: in-progress\n---\nA card checkout.\n",
    );
    s.write(
        "backlog/stories/S-4.md",
        "---\nid: S-4\ntitle: [unclosed\nstatus: ready\n---\nLegacy voucher flow for card payments.\n",
    );
    s.commit("backlog");
    s
}

fn ids(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn search_ranks_title_over_field_over_body_and_shows_the_line() {
    let s = backlog();
    let json = s.ok(&["search", "card", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    // S-1: in its title; the others in their bodies: S-2 with two hits first, then by the
    // line of the first hit (S-4 and E-1 on line 6, a story before an epic; S-3 on 8, S-10
    // on 10). S-4 cannot be read as an item and is searched as text.
    assert_eq!(ids(&json), ["S-1", "S-2", "S-4", "E-1", "S-3", "S-10"], "{json}");
    assert_eq!(v["count"], 6);
    assert_eq!(v["items"][0]["place"], "title");
    assert_eq!(v["items"][0]["line"]["number"], 2 + 1, "the title line of S-1");
    assert_eq!(v["items"][1]["hits"], 2);
    assert_eq!(v["items"][1]["line"]["text"], "Refund to the card the order was paid with.");
    assert_eq!(v["items"][1]["line"]["matches"][0], serde_json::json!([14, 18]));

    let (code, out, _) = s.run(&["search", "card", "--limit", "2"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "S-1  story  Pay with a saved card\n  3: title: Pay with a saved card\n\
         S-2  story  Refunds\n  11: Refund to the card the order was paid with.\n\
         6 items match, 8 hits (showing the best 2).\n"
    );
}

#[test]
fn search_needs_every_word_a_phrase_is_exact_and_an_exact_id_comes_first() {
    let s = backlog();
    assert_eq!(ids(&s.ok(&["search", "card", "refund", "--format", "json"])), ["S-2"]);
    assert_eq!(ids(&s.ok(&["search", "saved card", "--format", "json"])), ["S-1"]);
    assert_eq!(ids(&s.ok(&["search", "card", "saved", "--format", "json"])), ["S-1"]);
    let json = s.ok(&["search", "s-1", "--format", "json"]);
    assert_eq!(ids(&json)[0], "S-1", "an id equal to the text first, S-10 after: {json}");
    assert_eq!(ids(&json)[1], "S-10");
    // Kind and --where narrow it.
    assert_eq!(ids(&s.ok(&["search", "card", "--kind", "epic", "--format", "json"])), ["E-1"]);
    let json = s.ok(&["search", "card", "--where", "points >= 5", "--format", "json"]);
    assert_eq!(
        ids(&json),
        ["S-1", "S-2", "S-4"],
        "the broken S-4 is kept: what it holds is unknown"
    );
    let (code, out, _) = s.run(&["search", "nothing-like-this"]);
    assert_eq!((code, out.as_str()), (1, "No item matches.\n"));
}

#[test]
fn search_reads_files_pobox_cannot_read_and_names_them() {
    let s = backlog();
    let (code, out, err) = s.run(&["search", "voucher"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("S-4  story  BROKEN ("), "{out}");
    assert!(out.contains("  6: Legacy voucher flow for card payments.\n"), "{out}");
    // Named even when the search does not find it.
    let (_, _, err) = s.run(&["search", "refund"]);
    assert!(err.contains("backlog/stories/S-4.md"), "{err}");
}

#[test]
fn search_highlights_the_match_on_a_colour_terminal_only() {
    let s = backlog();
    let out = s.ok(&["search", "webhook", "--color", "always"]);
    assert!(out.contains("The card provider sends a \u{1b}[1;31mwebhook\u{1b}[0m."), "{out:?}");
    let out = s.ok(&["search", "webhook"]);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    // A title's own escapes are shown, never sent, even with colours on.
    s.write("backlog/stories/S-5.md", "---\nid: S-5\ntitle: \"evil \\e[2J webhook\"\n---\n");
    let out = s.ok(&["search", "evil", "--color", "always"]);
    assert!(!out.contains("\u{1b}[2J"), "{out:?}");
}

#[test]
fn where_filters_lists_with_any_field() {
    let s = backlog();
    let list = |expr: &str| ids(&s.ok(&["story", "list", "--where", expr, "--format", "json"]));
    let broken = "S-4";
    let without_broken = |v: Vec<String>| v.into_iter().filter(|i| i != broken).collect::<Vec<_>>();
    assert_eq!(
        without_broken(list("points >= 5 and status in (ready, in-progress) and label = payments")),
        ["S-1", "S-2"]
    );
    assert_eq!(without_broken(list("team = BLUE or wsjf.value > 10")), ["S-1"]);
    assert_eq!(without_broken(list("not has assignee")), ["S-2", "S-3"]);
    assert_eq!(without_broken(list("labels = backoffice and not (status = draft)")), ["S-2"]);
    assert_eq!(without_broken(list("category = in-progress")), ["S-2"]);
    assert_eq!(without_broken(list("title ~ 'SAVED card'")), ["S-1"]);
    assert_eq!(without_broken(list("body ~ webhook")), ["S-2"]);
    assert_eq!(without_broken(list("points < 5")), ["S-10"], "3 < 5 as numbers");
    // The old flags still work, and together with --where.
    assert_eq!(
        without_broken(ids(
            &s.ok(&["story", "list", "--label", "payments", "--where", "rank = 1", "--format", "json"])
        )),
        ["S-2"]
    );
    assert_eq!(
        without_broken(ids(&s.ok(&["story", "list", "--owner", "lee", "--format", "json"]))),
        ["S-10"]
    );
    // A file pobox cannot read stays in the list, as BROKEN.
    assert!(list("points > 100").contains(&broken.to_owned()));
}

#[test]
fn a_bad_expression_points_at_its_column() {
    let s = backlog();
    let (code, out, err) = s.run(&["story", "list", "--where", "points >= 5 and status in ready"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("error: --where: expected `(` after `in`, as in `status in (ready, done)`, found `ready` at column 27\n"),
        "{err}"
    );
    assert!(
        err.contains("  points >= 5 and status in ready\n                            ^\n"),
        "{err}"
    );
    let (code, _, err) = s.run(&["export", "json", "--where", "(points > 3"]);
    assert_eq!(code, 2);
    assert!(err.contains("expected `)`, `and` or `or`, found the end at column 12"), "{err}");
}

#[test]
fn a_typo_of_a_known_field_gets_a_warning_an_unknown_field_none() {
    let s = backlog();
    let (code, out, err) = s.run(&["story", "list", "--where", "pionts > 3"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("warning: no item has a field `pionts`; did you mean `points`?"),
        "{err}"
    );
    assert!(out.contains("BROKEN") && !out.contains("S-1 "), "no item has the field: {out}");
    let (_, _, err) = s.run(&["story", "list", "--where", "squad = x"]);
    assert!(!err.contains("did you mean"), "{err}");
    let (_, _, err) = s.run(&["story", "list", "--where", "tema = blue"]);
    assert!(err.contains("did you mean `team`?"), "a field of the team's own counts too: {err}");
}

#[test]
fn sort_orders_numbers_dates_and_statuses_as_such_missing_last() {
    let s = backlog();
    let sorted = |args: &[&str]| {
        let mut all = vec!["story", "list", "--format", "json"];
        all.extend_from_slice(args);
        // The file pobox cannot read has no values: it sorts among the items without one.
        ids(&s.ok(&all)).into_iter().filter(|i| i != "S-4").collect::<Vec<_>>()
    };
    assert_eq!(
        sorted(&["--sort", "points"]),
        ["S-10", "S-1", "S-2", "S-3"],
        "S-3 has no points: last"
    );
    assert_eq!(sorted(&["--sort", "-points"]), ["S-2", "S-1", "S-10", "S-3"]);
    assert_eq!(sorted(&["--sort", "points", "--desc"]), ["S-2", "S-1", "S-10", "S-3"]);
    assert_eq!(
        sorted(&["--sort", "rank"]),
        ["S-2", "S-1", "S-3", "S-10"],
        "ties by id as people read ids"
    );
    assert_eq!(sorted(&["--sort", "status"]), ["S-3", "S-1", "S-2", "S-10"], "workflow order");
    assert_eq!(sorted(&["--sort", "-title"]), ["S-3", "S-2", "S-1", "S-10"]);
}

#[test]
fn columns_show_any_field_in_table_csv_and_json() {
    let s = backlog();
    let table = s.ok(&[
        "story",
        "list",
        "--where",
        "has rank",
        "--columns",
        "id,rank,assignee,points,team,title",
        "--sort",
        "rank",
    ]);
    assert_eq!(
        table,
        "ID   RANK    ASSIGNEE  PTS  TEAM  TITLE\n\
         S-2  1       -         8    red   Refunds\n\
         S-1  2       dana      5    blue  Pay with a saved card\n\
         S-4  BROKEN  -         -    -     (unreadable: YAML error at line 4)\n",
        "a file pobox cannot read is kept, BROKEN in the first column after its id"
    );
    let csv = s.ok(&[
        "story",
        "list",
        "--where",
        "id = S-1",
        "--columns",
        "id,labels,wsjf.value,category",
        "--format",
        "csv",
    ]);
    assert!(
        csv.starts_with("id,labels,wsjf.value,category,broken\nS-1,payments,8,not-started,\n"),
        "{csv}"
    );
    let json = s.ok(&[
        "story",
        "list",
        "--where",
        "id = S-2",
        "--columns",
        "id,labels,points",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["columns"], serde_json::json!(["id", "labels", "points"]));
    assert_eq!(
        v["items"][0],
        serde_json::json!({"id": "S-2", "labels": ["payments", "backoffice"], "points": 8})
    );
    // The default columns are unchanged.
    assert!(
        s.ok(&["story", "list"])
            .starts_with("ID    STATUS       PTS  EPIC  SPRINT  TITLE\n")
    );
}

#[test]
fn export_takes_where() {
    let s = backlog();
    let json = s.ok(&["export", "json", "--where", "kind = epic or points > 5"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<&str> = v["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["S-2", "S-4", "E-1"], "{json}");
}

/// The fenced block after `marker` in docs/queries.md, as lines.
fn docs_block(marker: &str) -> Vec<String> {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/queries.md")).unwrap();
    let after = &docs[docs.find(marker).expect("the marker is in docs/queries.md")..];
    let body = &after[after.find("```").unwrap()..];
    let body = &body[body.find('\n').unwrap() + 1..];
    body[..body.find("```").unwrap()].lines().map(str::to_owned).collect()
}

#[test]
fn the_documented_expressions_parse_and_print_back() {
    let lines = docs_block("Every line of the next block is an expression");
    assert!(lines.len() > 10);
    for line in lines {
        let e = pobox::query::expr::parse(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(pobox::query::expr::parse(&e.to_string()), Ok(e), "{line}");
    }
}

#[test]
fn the_documented_search_and_error_are_what_pobox_prints() {
    let demo = crate::support::demo();
    let example = docs_block("The next example is what pobox prints on the demo workspace");
    let command = example[0].strip_prefix("$ pobox ").unwrap();
    let args: Vec<&str> = command.split_whitespace().collect();
    let out = crate::support::pobox_ok(demo.path(), "2026-10-14", &args);
    assert_eq!(out.lines().collect::<Vec<_>>(), example[1..], "docs/queries.md, the search example");

    let error = docs_block("An expression that does not parse");
    let s = backlog();
    let (_, _, err) = s.run(&["story", "list", "--where", "points >= 5 and status in ready"]);
    assert_eq!(err.lines().collect::<Vec<_>>(), error, "docs/queries.md, Errors");
}

#[test]
fn prioritize_takes_where() {
    let s = backlog();
    let json = s.ok(&["prioritize", "--where", "label = payments", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    // Ordered or listed as missing scores: either way, chosen.
    let chosen = [&v["order"], &v["missing"]];
    let mut ids: Vec<&str> = chosen
        .iter()
        .flat_map(|l| l.as_array().unwrap())
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["S-1", "S-2"], "{json}");
}
