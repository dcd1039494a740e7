//! The demo's machinery: create, edit and commit items the way the commands do, through the
//! library calls they use ([`create::create`], [`edit::set_fields`], [`fsio::replace`],
//! [`Repo::commit_all`]).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::config::{self, Config};
use crate::create::{self, NewItem};
use crate::edit::{self, NewValue};
use crate::fsio;
use crate::git::{Repo, Signature};
use crate::model::Kind;
use crate::parse::frontmatter;

use super::{AUTHOR_EMAIL, AUTHOR_NAME, DemoError, FIRST_DAY};

/// A workspace being written, commit by commit.
pub(super) struct Script {
    root: PathBuf,
    config: Config,
    repo: Repo,
    /// Every item made so far: id → (kind, path relative to the root).
    items: HashMap<String, (Kind, PathBuf)>,
    /// Files changed since the last commit: id → (absolute path, text on disk, new text).
    /// Each is written once, at the commit, however many changes it got that day.
    pending: BTreeMap<String, (PathBuf, String, String)>,
    /// How many items of each kind were made.
    pub(super) created: HashMap<Kind, usize>,
    /// How many commits were made.
    pub(super) commits: usize,
    /// The day being played: new items are created on it and commits happen on it.
    pub(super) day: Date,
    /// How many days every date of the timeline moves (a whole number of weeks, so weekdays
    /// keep): the script is written for a history ending on [`super::LAST_DAY`], and plays it
    /// ending on the week the user asked for.
    shift: Shift,
}

impl Script {
    /// A new repository at `root` holding `pobox.yaml` and `backlog/product.md` with these
    /// texts.
    pub(super) fn start(root: &Path, shift: Shift, pobox_yaml: &str, product_md: &str) -> Result<Script, DemoError> {
        let repo = Repo::init(root)?;
        let config_path = root.join(config::FILE_NAME);
        fsio::create_new(&config_path, pobox_yaml.as_bytes())?;
        let (config, diags) = Config::parse(pobox_yaml, Path::new(config::FILE_NAME));
        if let Some(d) = diags.first() {
            return Err(DemoError::Script(format!("pobox.yaml: {}", d.message)));
        }
        let backlog = root.join(&config.backlog_dir);
        std::fs::create_dir_all(&backlog).map_err(|source| DemoError::Io {
            path: backlog.clone(),
            source,
        })?;
        fsio::create_new(&backlog.join("product.md"), product_md.as_bytes())?;
        Ok(Script {
            root: root.to_path_buf(),
            config,
            repo,
            items: HashMap::new(),
            pending: BTreeMap::new(),
            created: HashMap::new(),
            commits: 0,
            day: shift.day(FIRST_DAY)?,
            shift,
        })
    }

    /// Play `day` of the written timeline next.
    pub(super) fn on(&mut self, day: Date) -> Result<(), DemoError> {
        self.day = self.shift.day(day)?;
        Ok(())
    }

    /// Create an item with `pobox <kind> new`'s machinery, then give it `raw` front-matter
    /// values (mappings, which the editor does not write) and `body` in place of the
    /// template's prompts. Fails unless pobox gives it the id `expect`.
    pub(super) fn add(&mut self, expect: &str, new: Item<'_>) -> Result<(), DemoError> {
        let shift = self.shift;
        let body = new.body.text(expect)?;
        let body = shift.text(&body);
        let expect = &*shift.text(expect);
        let item = NewItem {
            kind: new.kind,
            title: shift.text(new.title).into_owned(),
            id: (new.kind == Kind::Stakeholder).then(|| expect.to_owned()),
            meeting_type: new.meeting_type.map(str::to_owned),
            date: self.day,
            created: self.day,
            fields: new.fields.into_iter().map(|(k, v)| (k.to_owned(), shift.value(v))).collect(),
        };
        let made = create::create(&self.root, &self.config, &item, Some(&self.repo))?;
        if made.id != expect {
            return Err(DemoError::Script(format!("expected to create {expect}, pobox made {}", made.id)));
        }
        *self.created.entry(new.kind).or_default() += 1;
        self.items.insert(made.id, (new.kind, made.path));
        let raw: Vec<(&str, NewValue)> = new
            .raw
            .iter()
            .map(|(k, v)| (*k, NewValue::Raw(shift.text(v).into_owned())))
            .collect();
        let path = self.item(expect)?.1;
        self.rewrite(expect, |text| {
            let text = edit::set_fields_ordered(text, &raw, new.kind.key_order()).map_err(|source| DemoError::Edit { path, source })?;
            let split = frontmatter::split(&text).map_err(|_| unexpected(expect))?;
            Ok(format!("{}\n{}", &text[..split.body], body))
        })
    }

    /// The kind of an item made earlier (by its id as played, dates shifted), and its path
    /// relative to the root.
    fn item(&self, id: &str) -> Result<(Kind, PathBuf), DemoError> {
        self.items
            .get(id)
            .cloned()
            .ok_or_else(|| DemoError::Script(format!("no item {id}")))
    }

    /// Change an item's text to what `change` makes of it. The file is written at the next
    /// commit. `id` is the id as played (dates shifted).
    fn rewrite(&mut self, id: &str, change: impl FnOnce(&str) -> Result<String, DemoError>) -> Result<(), DemoError> {
        let (_, rel) = self.item(id)?;
        let entry = match self.pending.entry(id.to_owned()) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                let path = self.root.join(&rel);
                let text = std::fs::read_to_string(&path).map_err(|source| DemoError::Io {
                    path: path.clone(),
                    source,
                })?;
                e.insert((path, text.clone(), text))
            }
        };
        entry.2 = change(&entry.2)?;
        Ok(())
    }

    /// Set front-matter fields, as `pobox <kind> set` would, keeping a tidy key order.
    pub(super) fn set(&mut self, id: &str, changes: &[(&str, NewValue)]) -> Result<(), DemoError> {
        let id = &*self.shift.text(id);
        let changes: Vec<_> = changes.iter().map(|(k, v)| (*k, self.shift.value(v.clone()))).collect();
        let (kind, path) = self.item(id)?;
        self.rewrite(id, |old| {
            edit::set_fields_ordered(old, &changes, kind.key_order()).map_err(|source| DemoError::Edit { path, source })
        })
    }

    /// Move stories to `status`.
    pub(super) fn status(&mut self, ids: &[&str], status: &str) -> Result<(), DemoError> {
        for id in ids {
            self.set(id, &[("status", text(status))])?;
        }
        Ok(())
    }

    /// A developer picks a story up.
    pub(super) fn start_work(&mut self, id: &str, who: &str) -> Result<(), DemoError> {
        self.set(id, &[("status", text("in-progress")), ("assignee", text(who))])
    }

    /// The product owner accepts a story: every criterion ticked, status done.
    pub(super) fn accept(&mut self, id: &str) -> Result<(), DemoError> {
        self.rewrite(&self.shift.text(id), |t| Ok(t.replace("\n- [ ] ", "\n- [x] ")))?;
        self.set(id, &[("status", text("done")), ("accepted_by", text("pat"))])
    }

    /// Plan stories into a sprint.
    pub(super) fn plan(&mut self, ids: &[&str], sprint: &str) -> Result<(), DemoError> {
        for id in ids {
            self.set(id, &[("sprint", text(sprint))])?;
        }
        Ok(())
    }

    /// Tick the open action item that starts with `start`.
    pub(super) fn tick(&mut self, id: &str, start: &str) -> Result<(), DemoError> {
        let (id, start) = (&*self.shift.text(id), self.shift.text(start));
        let open = format!("\n- [ ] {start}");
        self.rewrite(id, |t| {
            t.contains(&open)
                .then(|| t.replacen(&open, &format!("\n- [x] {start}"), 1))
                .ok_or_else(|| unexpected(id))
        })
    }

    /// Add a line to the `## Notes` section, which ends the body (made when missing).
    pub(super) fn note(&mut self, id: &str, line: &str) -> Result<(), DemoError> {
        let (id, line) = (&*self.shift.text(id), self.shift.text(line));
        self.rewrite(id, |t| {
            let heading = if t.contains("\n## Notes\n") { "" } else { "\n## Notes\n\n" };
            Ok(format!("{t}{heading}- {line}\n"))
        })
    }

    /// Replace body text.
    pub(super) fn replace(&mut self, id: &str, from: &str, to: &str) -> Result<(), DemoError> {
        let shift = self.shift;
        let (id, from, to) = (&*shift.text(id), shift.text(from), shift.text(to));
        self.rewrite(id, |t| {
            t.contains(&*from).then(|| t.replacen(&*from, &to, 1)).ok_or_else(|| unexpected(id))
        })
    }

    /// Write the changed files and commit everything at `hour:minute` UTC of the day being
    /// played.
    pub(super) fn commit(&mut self, hour: i8, minute: i8, message: &str) -> Result<(), DemoError> {
        for (path, old, new) in std::mem::take(&mut self.pending).into_values() {
            if old != new {
                fsio::replace(&path, old.as_bytes(), new.as_bytes())?;
            }
        }
        let when = self
            .day
            .at(hour, minute, 0, 0)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_err(|e| DemoError::Script(format!("commit time: {e}")))?;
        let author = Signature {
            name: AUTHOR_NAME.to_owned(),
            email: AUTHOR_EMAIL.to_owned(),
            time: when.timestamp().as_second(),
        };
        self.repo.commit_all(&self.shift.text(message), &author)?;
        self.commits += 1;
        Ok(())
    }
}

/// The script met a text it did not expect.
pub(super) fn unexpected(id: &str) -> DemoError {
    DemoError::Script(format!("unexpected text in {id}"))
}

/// An item to create.
pub(super) struct Item<'a> {
    pub(super) kind: Kind,
    pub(super) title: &'a str,
    pub(super) meeting_type: Option<&'a str>,
    pub(super) fields: Vec<(&'a str, NewValue)>,
    /// Front-matter values written as YAML text (flow mappings).
    pub(super) raw: Vec<(&'a str, &'a str)>,
    pub(super) body: Body,
}

/// Where a new item's body comes from (see [`super::items`]).
#[derive(Debug, Clone, Copy)]
pub(super) enum Body {
    /// The body as written on the day the item is created.
    Text(&'static str),
    /// A final item file from `examples/corner-shop/` whose body the history never changes:
    /// its body is the text to write.
    Final(&'static str),
    /// A meeting's final file from `examples/corner-shop/`: its body with every ticked
    /// checkbox open again, as the notes were written on the day; the history ticks the
    /// action items one by one.
    Reopened(&'static str),
}

impl Body {
    /// The body text to write below the front-matter of the item `id`.
    fn text(self, id: &str) -> Result<Cow<'static, str>, DemoError> {
        let final_body = |file: &'static str| {
            // The demo writes a blank line between the front-matter and the body.
            let split = frontmatter::split(file).map_err(|_| DemoError::Script(format!("the example file of {id} has no front-matter")))?;
            file[split.body..]
                .strip_prefix('\n')
                .ok_or_else(|| DemoError::Script(format!("the example file of {id} has no blank line after its front-matter")))
        };
        Ok(match self {
            Body::Text(text) => Cow::Borrowed(text),
            Body::Final(file) => Cow::Borrowed(final_body(file)?),
            Body::Reopened(file) => Cow::Owned(final_body(file)?.replace("\n- [x] ", "\n- [ ] ")),
        })
    }
}

/// How far the played timeline lies from the written one: a whole number of weeks, so every
/// weekday, sprint length and gap between two days keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shift {
    pub(super) days: i64,
}

impl Shift {
    /// The shift that moves the written last day, `last`, to the same weekday on or before
    /// `by`. Refused when a date of the written timeline (all within
    /// [`super::TIMELINE_SPAN`]) would move out of the dates pobox can write: moved text
    /// must never keep an old date.
    pub(super) fn ending_by(last: Date, by: Date) -> Result<Shift, DemoError> {
        let gap = by
            .since((jiff::Unit::Day, last))
            .map_err(|e| DemoError::DateOutOfRange(format!("{by}: {e}")))?
            .get_days();
        let shift = Shift {
            days: i64::from(gap).div_euclid(7) * 7,
        };
        let (first, latest) = super::TIMELINE_SPAN;
        shift.day(first)?;
        shift.day(latest)?;
        Ok(shift)
    }

    /// `day` of the written timeline, as played.
    pub(super) fn day(self, day: Date) -> Result<Date, DemoError> {
        day.checked_add(jiff::Span::new().days(self.days))
            .map_err(|e| DemoError::DateOutOfRange(format!("{day} moved by {} days: {e}", self.days)))
    }

    /// `text` with every `YYYY-MM-DD` date in it moved by the shift: ids of meetings, field
    /// values, notes and commit messages name days of the timeline. Borrowed when nothing
    /// moves, so the pinned timeline is written byte for byte.
    pub(super) fn text(self, text: &str) -> Cow<'_, str> {
        if self.days == 0 {
            return Cow::Borrowed(text);
        }
        let b = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let (mut copied, mut i) = (0, 0);
        while i + 10 <= b.len() {
            let digit_before = i > 0 && b[i - 1].is_ascii_digit();
            let digit_after = b.get(i + 10).is_some_and(u8::is_ascii_digit);
            let moved = (!digit_before && !digit_after)
                .then(|| text.get(i..i + 10))
                .flatten()
                .and_then(|s| crate::model::fields::parse_date(s).ok())
                .and_then(|d| self.day(d).ok());
            if let Some(moved) = moved {
                out.push_str(&text[copied..i]);
                out.push_str(&moved.to_string());
                i += 10;
                copied = i;
            } else {
                i += 1;
            }
        }
        out.push_str(&text[copied..]);
        Cow::Owned(out)
    }

    /// A front-matter value with its dates moved.
    pub(super) fn value(self, value: NewValue) -> NewValue {
        match value {
            NewValue::Text(t) => NewValue::Text(self.text(&t).into_owned()),
            NewValue::Raw(t) => NewValue::Raw(self.text(&t).into_owned()),
            NewValue::List(l) => NewValue::List(l.iter().map(|t| self.text(t).into_owned()).collect()),
            other => other,
        }
    }
}

pub(super) fn text(s: &str) -> NewValue {
    NewValue::Text(s.to_owned())
}

pub(super) fn list(items: &[&str]) -> NewValue {
    NewValue::List(items.iter().map(|s| (*s).to_owned()).collect())
}
