//! `pobox search`: which items hold a text, best first, each with the line that shows it.
//!
//! A search is over each file's raw text (front-matter and body), so a file pobox cannot
//! read as an item is searched as well as any other: a broken file is exactly one a user
//! looks for. Every term must occur (in any case); a quoted phrase is one term.
//!
//! Ranking, kept simple so that `docs/queries.md` can say it in a few lines: each term
//! scores by the best place it occurs, an id equal to it (1000), the title (100), another
//! front-matter field (40) or the body (10); a match adds one point per occurrence, at most
//! 9. Higher scores first, then the item whose first match comes earlier in its file, then
//! ids as people read them.

use rayon::prelude::*;
use regex::{Regex, RegexBuilder};
use serde::Serialize;

use super::Filter;
use crate::model::{Item, Kind};
use crate::text::number::natural_cmp;
use crate::workspace::{UnreadableFile, Workspace};

/// Where in an item a term occurs; better places rank higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    /// Its body.
    Body,
    /// A front-matter field other than the title (its id among them, when it only contains
    /// the term).
    Field,
    /// Its title.
    Title,
    /// Its id is the term.
    Id,
}

impl Place {
    /// The points a term earns at this place.
    #[must_use]
    pub fn weight(self) -> u32 {
        match self {
            Place::Id => 1000,
            Place::Title => 100,
            Place::Field => 40,
            Place::Body => 10,
        }
    }
}

/// The most points occurrences add to an item's score.
pub const MAX_HIT_POINTS: u32 = 9;

/// One line of a file that holds a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchLine {
    /// Its number in the file, from 1.
    pub number: usize,
    /// The line, without its end.
    pub text: String,
    /// Where the terms occur in it: byte ranges `[start, end)`, in order, not overlapping.
    pub matches: Vec<(usize, usize)>,
}

/// An item that holds every term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    /// Its id (for a file pobox cannot read, the one its name gives).
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// Its title (empty for a file pobox cannot read).
    pub title: String,
    /// Its file, with `/`.
    pub path: String,
    /// Why the file cannot be read, when it cannot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broken: Option<String>,
    /// Its rank score (see the module's doc).
    pub score: u32,
    /// The best place a term occurs.
    pub place: Place,
    /// How many times the terms occur in it.
    pub hits: usize,
    /// The line that shows the best match; `None` when only its id (from the file's name)
    /// holds the terms.
    pub line: Option<MatchLine>,
}

/// What to search for and where.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    /// The terms (see [`terms_of_args`]).
    pub terms: Vec<String>,
    /// Only items of these kinds; every kind when empty.
    pub kinds: Vec<Kind>,
    /// Only items that pass this filter (a file pobox cannot read is searched whatever it
    /// says, as lists keep it).
    pub filter: Filter,
    /// Keep only this many of the best.
    pub limit: Option<usize>,
}

/// The answer to a search: `pobox search --format json` as it is.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The JSON document's version.
    pub version: u32,
    /// The terms searched for.
    pub terms: Vec<String>,
    /// How many items hold every term (before `--limit`).
    pub count: usize,
    /// How many times the terms occur in them.
    pub hits: usize,
    /// The items, best first (at most `--limit`).
    pub items: Vec<Found>,
    /// Files of the kinds searched that pobox cannot read as items: searched as text, and
    /// named here whether they matched or not (domain §8).
    pub unreadable: Vec<UnreadableFile>,
}

/// Search `ws` as `opts` says.
#[must_use]
pub fn run(ws: &Workspace, opts: &SearchOptions) -> SearchResults {
    let kinds: &[Kind] = if opts.kinds.is_empty() { &Kind::ALL } else { &opts.kinds };
    let items = super::select(ws, ws.items.iter().filter(|i| kinds.contains(&i.kind)), &opts.filter);
    let mut found = search(&items, &opts.terms, |item| ws.file_text(&item.path));
    let count = found.len();
    let hits = found.iter().map(|f| f.hits).sum();
    if let Some(limit) = opts.limit {
        found.truncate(limit);
    }
    SearchResults {
        version: crate::text::json::VERSION,
        terms: opts.terms.clone(),
        count,
        hits,
        items: found,
        unreadable: ws.unreadable(kinds),
    }
}

/// The terms of a command line's words: a word is a term; an argument with spaces (a
/// phrase the shell's quotes kept together) is one term, an exact phrase; quotes inside an
/// argument make phrases as [`terms`] says.
#[must_use]
pub fn terms_of_args(args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for arg in args {
        if arg.contains(['"', '\'']) {
            out.extend(terms(arg));
        } else if !arg.trim().is_empty() {
            out.push(arg.trim().to_owned());
        }
    }
    out
}

/// The terms of a search text: its words, except that text in double or single quotes is
/// one term (an exact phrase). Empty terms are left out.
#[must_use]
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while let Some(c) = rest.chars().next() {
        let (term, after) = if c == '"' || c == '\'' {
            match rest[1..].find(c) {
                Some(end) => (&rest[1..=end], &rest[end + 2..]),
                None => (&rest[1..], ""),
            }
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        };
        if !term.trim().is_empty() {
            out.push(term.to_owned());
        }
        rest = after.trim_start();
    }
    out
}

/// Search `items` for every one of `terms` (each in any case), reading each item's file
/// text with `text_of` (in parallel; `None` for a file that is gone). Best first.
#[must_use]
pub fn search<'a, F>(items: &[&'a Item], terms: &[String], text_of: F) -> Vec<Found>
where
    F: Fn(&'a Item) -> Option<String> + Sync,
{
    // A term too long for a pattern (regex's size limit) is searched for no more than
    // grep could: it is left out, and the terms and patterns stay pair by pair.
    let (terms, patterns): (Vec<String>, Vec<Regex>) = terms
        .iter()
        .filter_map(|t| {
            let p = RegexBuilder::new(&regex::escape(t)).case_insensitive(true).build().ok()?;
            Some((t.clone(), p))
        })
        .unzip();
    if patterns.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(usize, Found)> = items
        .par_iter()
        .filter_map(|item| {
            let text = text_of(item).unwrap_or_default();
            find_in(item, &terms, &patterns, &text)
        })
        .collect();
    found.sort_by(|(line_a, a), (line_b, b)| {
        b.score
            .cmp(&a.score)
            .then(line_a.cmp(line_b))
            .then_with(|| kind_order(a.kind).cmp(&kind_order(b.kind)))
            .then_with(|| natural_cmp(&a.id, &b.id))
    });
    found.into_iter().map(|(_, f)| f).collect()
}

fn kind_order(kind: Kind) -> Option<usize> {
    Kind::ALL.iter().position(|k| *k == kind)
}

/// Where each line of a file starts, and what its lines are: front-matter lines (from a
/// first line `---` to the next `---` line) are fields, `title:` among them the title; the
/// rest is body.
struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
    /// The front-matter's fences, as line indexes, when the file has one.
    front: Option<(usize, usize)>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let mut lines = Lines { text, starts, front: None };
        if lines.line(0).trim_end() == "---" {
            let close = (1..lines.starts.len()).find(|&i| lines.line(i).trim_end() == "---");
            lines.front = Some((0, close.unwrap_or(usize::MAX)));
        }
        lines
    }

    /// Line `i` (from 0), without its end.
    fn line(&self, i: usize) -> &'t str {
        let start = self.starts.get(i).copied().unwrap_or(self.text.len());
        let end = self.starts.get(i + 1).map_or(self.text.len(), |e| e - 1);
        let line = self.text.get(start..end.max(start)).unwrap_or_default();
        line.strip_suffix('\r').unwrap_or(line)
    }

    /// The line (from 0) that holds byte `at`.
    fn of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    fn place(&self, i: usize) -> Place {
        match self.front {
            Some((open, close)) if i >= open && i <= close => {
                if i > open && i < close && self.line(i).starts_with("title:") {
                    Place::Title
                } else {
                    Place::Field
                }
            }
            _ => Place::Body,
        }
    }
}

/// `item` as a search result when its id or `text` holds every term, with the position of
/// its first match.
fn find_in(item: &Item, terms: &[String], patterns: &[Regex], text: &str) -> Option<(usize, Found)> {
    let in_id = |t: &String| item.id.to_lowercase().contains(&t.to_lowercase());
    // Most files hold no term: one pass over the whole text each says so before any line
    // is looked at.
    if !terms.iter().zip(patterns).all(|(t, p)| in_id(t) || p.is_match(text)) {
        return None;
    }
    let lines = Lines::new(text);
    let mut best: Vec<Option<Place>> = terms
        .iter()
        .map(|t| {
            if item.id.eq_ignore_ascii_case(t) {
                Some(Place::Id)
            } else {
                in_id(t).then_some(Place::Field)
            }
        })
        .collect();
    // Every match as (line, term, start, end), found in one pass over the text per term.
    let mut hits: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (term, p) in patterns.iter().enumerate() {
        for m in p.find_iter(text) {
            let line = lines.of(m.start());
            best[term] = best[term].max(Some(lines.place(line)));
            hits.push((line, term, m.start(), m.end()));
        }
    }
    let places: Vec<Place> = best.into_iter().collect::<Option<Vec<_>>>()?;
    hits.sort_unstable();
    // The line to show: the best place, then the most terms, then the first.
    let mut shown: Option<(Place, usize, usize)> = None;
    for group in hits.chunk_by(|a, b| a.0 == b.0) {
        let line = group[0].0;
        let mut terms_in: Vec<usize> = group.iter().map(|h| h.1).collect();
        terms_in.dedup();
        let key = (lines.place(line), terms_in.len());
        if shown.is_none_or(|(p, d, _)| key > (p, d)) {
            shown = Some((key.0, key.1, line));
        }
    }
    let line = shown.map(|(_, _, i)| {
        let start = lines.starts[i];
        let text = lines.line(i);
        let spans = hits
            .iter()
            .filter(|h| h.0 == i)
            .map(|h| (h.2 - start, (h.3 - start).min(text.len())))
            .filter(|(s, e)| s < e)
            .collect();
        MatchLine {
            number: i + 1,
            text: text.to_owned(),
            matches: merge(spans),
        }
    });
    let count = hits.len();
    let first_hit = hits.first().map_or(usize::MAX, |h| h.0 + 1);
    let score = places.iter().map(|p| p.weight()).sum::<u32>() + u32::try_from(count).unwrap_or(u32::MAX).min(MAX_HIT_POINTS);
    let place = places.iter().copied().max().unwrap_or(Place::Body);
    Some((
        first_hit,
        Found {
            id: item.id.clone(),
            kind: item.kind,
            title: item.title.clone(),
            path: crate::text::path::slash(&item.path),
            broken: item.broken.clone(),
            score,
            place,
            hits: count,
            line,
        },
    ))
}

/// Byte ranges sorted and joined where they overlap or touch.
fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::PathBuf;

    use super::*;

    fn item(id: &str, title: &str) -> Item {
        let mut i = Item::bare(Kind::Story, id.to_owned(), PathBuf::from(format!("backlog/stories/{id}.md")));
        i.title = title.to_owned();
        i
    }

    fn run(files: &[(&Item, &str)], query: &str) -> Vec<Found> {
        let texts: HashMap<String, String> = files.iter().map(|(i, t)| (i.id.clone(), (*t).to_owned())).collect();
        let items: Vec<&Item> = files.iter().map(|(i, _)| *i).collect();
        search(&items, &terms(query), |i| texts.get(&i.id).cloned())
    }

    #[test]
    fn an_argument_with_spaces_is_a_phrase() {
        let args = ["saved".to_owned(), " credit card ".to_owned(), "'a b' c".to_owned()];
        assert_eq!(terms_of_args(&args), ["saved", "credit card", "a b", "c"]);
    }

    #[test]
    fn terms_are_words_or_quoted_phrases() {
        assert_eq!(terms("  saved  'credit card' \"x y\" z"), ["saved", "credit card", "x y", "z"]);
        assert_eq!(terms("'open"), ["open"]);
        assert!(terms("  ").is_empty());
    }

    #[test]
    fn ranks_id_then_title_then_field_then_body() {
        let a = item("S-1", "Export");
        let b = item("S-2", "Refund to a card");
        let c = item("S-3", "Login");
        let d = item("S-4", "Search");
        let e = item("CARD", "Cards");
        let files = [
            (&a, "---\nid: S-1\ntitle: Export\n---\nPay by card.\nCard again, CARD thrice\n"),
            (&b, "---\nid: S-2\ntitle: Refund to a card\n---\n"),
            (&c, "---\nid: S-3\ntitle: Login\nteam: card-team\n---\n"),
            (&d, "---\nid: S-4\ntitle: Search\n---\nnothing here\n"),
            (&e, "---\nid: CARD\ntitle: Cards\n---\n"),
        ];
        let found = run(&files, "card");
        let ids: Vec<&str> = found.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["CARD", "S-2", "S-3", "S-1"]);
        assert_eq!(found[3].hits, 3);
        assert_eq!(found[3].score, 10 + 3);
        let line = found[3].line.as_ref().unwrap();
        assert_eq!((line.number, line.text.as_str()), (5, "Pay by card."));
        assert_eq!(line.matches, [(7, 11)]);
        assert_eq!(found[1].line.as_ref().unwrap().number, 3);
        assert_eq!(found[1].place, Place::Title);
    }

    #[test]
    fn every_term_must_occur_and_a_phrase_is_exact() {
        let a = item("S-1", "Pay with a saved card");
        let b = item("S-2", "Card saved for later");
        let files = [
            (&a, "---\ntitle: Pay with a saved card\n---\n"),
            (&b, "---\ntitle: Card saved for later\n---\n"),
        ];
        assert_eq!(run(&files, "saved card").len(), 2);
        let found = run(&files, "'SAVED CARD'");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, "S-1");
        assert!(run(&files, "saved refund").is_empty());
    }

    #[test]
    fn a_file_that_cannot_be_read_is_searched_as_text() {
        let mut a = item("S-9", "");
        a.broken = Some("YAML error at line 3".to_owned());
        let found = run(&[(&a, "---\ntitle: [unclosed\nlegacy refund flow\n")], "refund");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].broken.as_deref(), Some("YAML error at line 3"));
        assert_eq!(found[0].line.as_ref().unwrap().number, 3);
    }
}
