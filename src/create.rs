//! Creating items: the next free id, a template, the fields given, an exclusive write.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::config::Config;
use crate::edit::{self, EditError, NewValue};
use crate::fsio::{self, WriteError};
use crate::git::Repo;
use crate::model::Kind;
use crate::model::read::{is_handle, numbered_id};
use crate::templates;

/// What to create.
#[derive(Debug, Clone)]
pub struct NewItem {
    /// The kind.
    pub kind: Kind,
    /// The title (a stakeholder's name).
    pub title: String,
    /// The id, for kinds whose ids are chosen (a stakeholder's handle); numbered kinds and
    /// meetings get theirs from pobox.
    pub id: Option<String>,
    /// The meeting type, for meetings.
    pub meeting_type: Option<String>,
    /// The day, for meetings.
    pub date: Date,
    /// The `created` date.
    pub created: Date,
    /// Fields to set, in order.
    pub fields: Vec<(String, NewValue)>,
}

/// The fields of a new item that name other items by id or handle.
const REFERENCES: &[&str] = &["epic", "sprint", "depends_on", "stakeholders", "attendees", "related"];

impl NewItem {
    /// The ids its fields name (`epic`, `sprint`, `depends_on`, `stakeholders`, `attendees`,
    /// `related`), in order. Before creating it, a caller checks that each names one item
    /// ([`crate::workspace::Workspace::refuse_ambiguous`]): linking to an id two files have
    /// would link to neither for sure.
    #[must_use]
    pub fn referenced_ids(&self) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(key, _)| REFERENCES.contains(&key.as_str()))
            .flat_map(|(_, value)| match value {
                NewValue::Text(id) => vec![id.trim()],
                NewValue::List(ids) => ids.iter().map(|id| id.trim()).collect(),
                _ => Vec::new(),
            })
            .filter(|id| !id.is_empty())
            .collect()
    }
}

/// Why an item was not created.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// The id is taken.
    #[error("{0} already exists")]
    Exists(String),
    /// The kind's highest id number is the largest pobox counts to (`S-18446744073709551615`),
    /// so there is no next one.
    #[error("`{0}` has the largest number an id can have, so a new one has no number after it; give that item a smaller id")]
    NoNumberLeft(String),
    /// The id or handle is not usable as a file name.
    #[error(
        "`{0}` is not a valid handle: use lower-case letters, digits, `.`, `_` or `-`, starting and ending with a letter or digit (e.g. `dana` or `li.wei`)"
    )]
    BadHandle(String),
    /// The handle is a name Windows reserves for a device, so its file could not be checked out there.
    #[error(
        "`{0}` cannot be a handle: Windows reserves `{0}.md` for a device, so the file could not be checked out there; choose another (e.g. `{0}-1`)"
    )]
    ReservedName(String),
    /// The meeting type is unknown.
    #[error("unknown meeting type `{0}`{1}; the types are {types}", types = templates::MEETING_TYPES.join(", "))]
    UnknownMeetingType(String, String),
    /// A template could not be used.
    #[error("template {}: {source}", .path.display())]
    Template {
        /// The template.
        path: PathBuf,
        /// Why.
        source: EditError,
    },
    /// A file could not be read or written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The template is a link to a file outside the workspace.
    #[error("template {} is a link to a file outside the workspace, so pobox does not read it; copy the template into the workspace", .0.display())]
    TemplateOutside(PathBuf),
    /// The template could not be read.
    #[error("cannot read template {}: {source}", .path.display())]
    Io {
        /// The template.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// A created item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// Its id.
    pub id: String,
    /// Its file, relative to the workspace root.
    pub path: PathBuf,
}

/// The highest number used by a numbered kind, in the working tree and in every local and
/// remote-tracking branch, so people on different branches rarely pick the same id.
#[must_use]
pub fn highest_number(root: &Path, config: &Config, kind: Kind, repo: Option<&Repo>) -> u64 {
    let Some(prefix) = config.prefix(kind) else { return 0 };
    let rel_dir = Path::new(&config.backlog_dir).join(kind.folder());
    let number = |name: &str| -> Option<u64> {
        let stem = name.strip_suffix(".md")?;
        let rest = stem.strip_prefix(prefix)?.strip_prefix('-')?;
        let digits: &str = &rest[..rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len())];
        numbered_id(&format!("{prefix}-{digits}"), prefix)
    };
    let mut max = 0;
    for entry in walkdir::WalkDir::new(root.join(&rel_dir)).into_iter().flatten() {
        if let Some(n) = entry.file_name().to_str().and_then(number) {
            max = max.max(n);
        }
    }
    if let Some(repo) = repo {
        let in_repo = crate::git::relative_to_workdir(repo, root).map(|r| r.join(&rel_dir));
        if let Some(dir) = in_repo
            && let Ok(names) = repo.file_names_in_branches(&dir)
        {
            max = names.iter().filter_map(|n| number(n)).fold(max, u64::max);
        }
    }
    max
}

/// The owner of a new item when none is given: git's `pobox.handle`, else the handle of the
/// stakeholder whose `contact` is git's `user.email`, else git's `user.name`.
#[must_use]
pub fn default_owner(root: &Path, config: &Config) -> Option<String> {
    if let Some(handle) = crate::git::config_value(Some(root), "pobox.handle") {
        return Some(handle);
    }
    if let Some(email) = crate::git::config_value(Some(root), "user.email") {
        let dir = root.join(&config.backlog_dir).join(Kind::Stakeholder.folder());
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = Path::new(&config.backlog_dir)
                .join(Kind::Stakeholder.folder())
                .join(entry.file_name());
            if path.extension().is_some_and(|e| e == "md") {
                let (item, _) = crate::workspace::read_item_file(root, config, Kind::Stakeholder, &path, false);
                if let crate::model::KindData::Stakeholder(s) = &item.data
                    && s.contact.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(&email))
                {
                    return Some(item.id);
                }
            }
        }
    }
    crate::git::config_value(Some(root), "user.name")
}

/// The template text for a kind (or meeting type): the workspace's own under
/// `backlog/templates/`, else the built-in one.
///
/// # Errors
/// When the workspace's template exists but cannot be read.
pub fn template(root: &Path, config: &Config, name: &str) -> Result<String, CreateError> {
    let path = root.join(&config.backlog_dir).join("templates").join(name);
    // A template that is a link out of the workspace is not read (as PO016 for items).
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
        && let (Ok(target), Ok(inside)) = (std::fs::canonicalize(&path), std::fs::canonicalize(root))
        && !target.starts_with(&inside)
    {
        return Err(CreateError::TemplateOutside(path));
    }
    match std::fs::read_to_string(&path) {
        Ok(t) => Ok(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(templates::builtin_named(name).unwrap_or(templates::builtin()[0].1).to_owned())
        }
        Err(source) => Err(CreateError::Io { path, source }),
    }
}

/// Whether `name` (a file stem) is one Windows reserves for a device (`CON`, `NUL`, `COM1`,
/// …), whatever its case and extension.
#[must_use]
pub fn is_reserved_name(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end_matches([' ', '.'])
        .to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|p| {
            stem.strip_prefix(p)
                .is_some_and(|d| d.len() == 1 && d.as_bytes()[0].is_ascii_digit() && d != "0")
        })
}

/// A file-name-safe slug of a title: lower-case ASCII words joined by `-`, at most 40 bytes.
#[must_use]
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if out.is_empty() && word.len() > 40 {
            // One very long word: its start (ASCII, so any byte is a character boundary).
            out.push_str(&word[..40].to_ascii_lowercase());
            break;
        }
        if out.len() + word.len() + 1 > 40 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    if out.is_empty() { "notes".to_owned() } else { out }
}

/// Keys a template may leave empty that pobox removes when nothing fills them.
const FILLABLE: &[&str] = &[
    "epic",
    "points",
    "sprint",
    "labels",
    "stakeholders",
    "depends_on",
    "assignee",
    "owner",
    "horizon",
    "target",
    "benefit_hypothesis",
    "role",
    "organization",
    "power",
    "interest",
    "cadence_days",
    "contact",
    "start",
    "end",
    "goal",
    "capacity",
    "likelihood",
    "impact",
    "mitigation",
    "related",
    "deciders",
    "supersedes",
    "attendees",
    "date",
    "created",
    "type",
    "status",
];

/// The `status` a filled template gives, when it gives one.
fn template_status(text: &str) -> Option<String> {
    let split = crate::parse::frontmatter::split(text).ok()?;
    let node = crate::parse::yaml::parse(&text[split.yaml]).ok()?;
    let crate::parse::yaml::Value::Map(entries) = node.value else {
        return None;
    };
    let status = &entries.iter().find(|e| e.key == "status")?.node;
    (status.value != crate::parse::yaml::Value::Null)
        .then(|| status.scalar_text())
        .flatten()
}

/// The item's file: `template` filled in, its fields set, blanks nothing filled removed. A
/// status the template gives that is not one of `statuses` (the workspace's, for the kind)
/// becomes the first of them, where a new item starts.
fn render(template_name: &str, template: &str, id: &str, item: &NewItem, statuses: &[&str]) -> Result<String, CreateError> {
    let date = item.date.to_string();
    let text = templates::fill(template, id, &item.title, &date, item.meeting_type.as_deref().unwrap_or(""));
    let mut fields: Vec<(&str, NewValue)> = vec![("id", NewValue::Text(id.to_owned())), ("title", NewValue::Text(item.title.clone()))];
    if item.kind.has_status()
        && !item.fields.iter().any(|(k, _)| k == "status")
        && let Some(first) = statuses.first()
        && template_status(&text).is_some_and(|s| !statuses.contains(&s.as_str()))
    {
        fields.push(("status", NewValue::Text((*first).to_owned())));
    }
    if let Some(t) = &item.meeting_type {
        fields.push(("type", NewValue::Text(t.clone())));
        fields.push(("date", NewValue::Text(date.clone())));
    }
    fields.extend(item.fields.iter().map(|(k, v)| (k.as_str(), v.clone())));
    if !item.fields.iter().any(|(k, _)| k == "created") {
        fields.push(("created", NewValue::Text(item.created.to_string())));
    }
    let bad = |source| CreateError::Template {
        path: PathBuf::from("backlog/templates").join(template_name),
        source,
    };
    let text = edit::set_fields(&text, &fields).map_err(bad)?;
    // Drop the template's blanks that nothing filled, so new files hold only what is known.
    let split = crate::parse::frontmatter::split(&text).map_err(|_| bad(EditError::NoFrontMatter))?;
    let blanks: Vec<(&str, NewValue)> = crate::parse::frontmatter::lines_with_offsets(&text[split.yaml.clone()])
        .filter_map(|(_, l)| {
            let key = l
                .strip_suffix(':')
                .or_else(|| l.strip_suffix(": ~"))
                .or_else(|| l.strip_suffix(": null"))?;
            FILLABLE.contains(&key).then_some((key, NewValue::Remove))
        })
        .collect();
    edit::set_fields(&text, &blanks).map_err(bad)
}

/// Create an item in the workspace at `root` and return its id and path.
///
/// Numbered ids take the next number over the working tree and every branch; when another
/// process takes that number first, the next one is tried, so concurrent runs never
/// overwrite each other.
///
/// # Errors
/// See [`CreateError`].
pub fn create(root: &Path, config: &Config, item: &NewItem, repo: Option<&Repo>) -> Result<Created, CreateError> {
    let kind = item.kind;
    let template_name = match &item.meeting_type {
        Some(t) if kind == Kind::Meeting => {
            if !templates::MEETING_TYPES.contains(&t.as_str()) {
                let hint = crate::diag::suggest(t, templates::MEETING_TYPES).map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
                return Err(CreateError::UnknownMeetingType(t.clone(), hint));
            }
            format!("meeting-{t}.md")
        }
        _ => format!("{kind}.md"),
    };
    let template = template(root, config, &template_name)?;
    let statuses = config.statuses_for(kind);
    let dir = root.join(&config.backlog_dir).join(kind.folder());
    std::fs::create_dir_all(&dir).map_err(|source| WriteError::Io { path: dir.clone(), source })?;
    let rel = |name: &str| Path::new(&config.backlog_dir).join(kind.folder()).join(name);

    if let Some(prefix) = config.prefix(kind) {
        let highest = highest_number(root, config, kind, repo);
        let no_number_left = || CreateError::NoNumberLeft(format!("{prefix}-{}", u64::MAX));
        let mut n = highest.checked_add(1).ok_or_else(no_number_left)?;
        for _ in 0..1000 {
            let id = format!("{prefix}-{n}");
            let text = render(&template_name, &template, &id, item, &statuses)?;
            let name = format!("{id}.md");
            match fsio::create_new(&dir.join(&name), text.as_bytes()) {
                Ok(()) => return Ok(Created { id, path: rel(&name) }),
                Err(WriteError::Exists(_)) => n = n.checked_add(1).ok_or_else(no_number_left)?,
                Err(e) => return Err(e.into()),
            }
        }
        return Err(CreateError::Exists(format!("{prefix}-{n}")));
    }

    let candidates: Vec<String> = match kind {
        Kind::Stakeholder => {
            let handle = item.id.clone().unwrap_or_else(|| slug(&item.title));
            if !is_handle(&handle) {
                return Err(CreateError::BadHandle(handle));
            }
            if is_reserved_name(&handle) {
                return Err(CreateError::ReservedName(handle));
            }
            vec![handle]
        }
        _ => {
            let base = format!(
                "{}-{}",
                item.date,
                item.id
                    .as_deref()
                    .map_or_else(|| slug(item.meeting_type.as_deref().unwrap_or(&item.title)), slug)
            );
            std::iter::once(base.clone())
                .chain((2..100).map(|i| format!("{base}-{i}")))
                .collect()
        }
    };
    for id in &candidates {
        let text = render(&template_name, &template, id, item, &statuses)?;
        let name = format!("{id}.md");
        match fsio::create_new(&dir.join(&name), text.as_bytes()) {
            Ok(()) => {
                return Ok(Created {
                    id: id.clone(),
                    path: rel(&name),
                });
            }
            Err(WriteError::Exists(_)) if kind == Kind::Meeting => {}
            Err(WriteError::Exists(_)) => return Err(CreateError::Exists(format!("{kind} {id}"))),
            Err(e) => return Err(e.into()),
        }
    }
    Err(CreateError::Exists(candidates.last().cloned().unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_story(title: &str, fields: Vec<(String, NewValue)>) -> NewItem {
        NewItem {
            kind: Kind::Story,
            title: title.into(),
            id: None,
            meeting_type: None,
            date: jiff::civil::date(2026, 11, 22),
            created: jiff::civil::date(2026, 11, 22),
            fields,
        }
    }

    #[cfg(unix)]
    #[test]
    fn templates_linked_from_outside_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "---\nid: x\nsecret: yes\n---\n").unwrap();
        std::fs::create_dir_all(dir.path().join("backlog/templates")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.md"), dir.path().join("backlog/templates/story.md")).unwrap();
        let config = Config::default();
        assert!(matches!(
            template(dir.path(), &config, "story.md"),
            Err(CreateError::TemplateOutside(_))
        ));
        assert!(matches!(
            create(dir.path(), &config, &new_story("A", vec![]), None),
            Err(CreateError::TemplateOutside(_))
        ));
        assert!(!dir.path().join("backlog/stories/S-1.md").exists());
    }

    #[test]
    fn slugs_are_short_safe_file_names() {
        assert_eq!(slug(&"a".repeat(10_000)), "a".repeat(40));
        assert_eq!(slug(&"é".repeat(10_000)), "notes");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("/abs\0x\u{1b}[31m"), "abs-x-31m");
        assert_eq!(slug(".git"), "git");
        assert_eq!(slug(&"word ".repeat(2_000)).len(), 39);
        for t in ["..", ".", "", "\n"] {
            assert_eq!(slug(t), "notes");
        }
    }

    #[test]
    fn reserved_device_names_are_known() {
        for n in ["con", "CON", "nul", "aux.x", "com1", "lpt9", "prn"] {
            assert!(is_reserved_name(n), "{n}");
        }
        for n in ["cons", "com0", "com10", "dana", "nullable", "lpt"] {
            assert!(!is_reserved_name(n), "{n}");
        }
    }

    #[test]
    fn the_ids_a_new_item_links_to() {
        let item = NewItem {
            kind: Kind::Story,
            title: "T".to_owned(),
            id: None,
            meeting_type: None,
            date: jiff::civil::date(2026, 11, 22),
            created: jiff::civil::date(2026, 11, 22),
            fields: vec![
                ("epic".to_owned(), NewValue::Text("E-1".to_owned())),
                ("points".to_owned(), NewValue::Int(3)),
                ("labels".to_owned(), NewValue::List(vec!["S-9".to_owned()])),
                (
                    "depends_on".to_owned(),
                    NewValue::List(vec!["S-1".to_owned(), " S-2 ".to_owned(), String::new()]),
                ),
                ("stakeholders".to_owned(), NewValue::List(vec!["dana".to_owned()])),
            ],
        };
        assert_eq!(item.referenced_ids(), ["E-1", "S-1", "S-2", "dana"]);
    }

    #[test]
    fn creates_numbered_items_with_only_known_fields() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::default();
        let a = create(
            dir.path(),
            &config,
            &new_story("Pay: by card", vec![("points".into(), NewValue::Int(5))]),
            None,
        )
        .unwrap();
        assert_eq!(a.id, "S-1");
        assert_eq!(a.path, Path::new("backlog/stories/S-1.md"));
        let text = std::fs::read_to_string(dir.path().join(&a.path)).unwrap();
        assert!(
            text.starts_with("---\nid: S-1\ntitle: \"Pay: by card\"\nstatus: draft\npoints: 5\ncreated: 2026-11-22\n---\n"),
            "{text}"
        );
        std::fs::write(dir.path().join("backlog/stories/S-7-old.md"), "x").unwrap();
        let b = create(dir.path(), &config, &new_story("Next", vec![]), None).unwrap();
        assert_eq!(b.id, "S-8");
    }

    #[test]
    fn stakeholders_and_meetings() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::default();
        let mut s = new_story("Dana Ruiz", vec![]);
        s.kind = Kind::Stakeholder;
        s.id = Some("dana".into());
        assert_eq!(create(dir.path(), &config, &s, None).unwrap().id, "dana");
        assert!(matches!(create(dir.path(), &config, &s, None), Err(CreateError::Exists(_))));
        s.id = Some("../evil".into());
        assert!(matches!(create(dir.path(), &config, &s, None), Err(CreateError::BadHandle(_))));
        let mut m = new_story("Sprint review", vec![]);
        m.kind = Kind::Meeting;
        m.meeting_type = Some("sprint-review".into());
        assert_eq!(create(dir.path(), &config, &m, None).unwrap().id, "2026-11-22-sprint-review");
        assert_eq!(create(dir.path(), &config, &m, None).unwrap().id, "2026-11-22-sprint-review-2");
        m.meeting_type = Some("retro".into());
        let e = create(dir.path(), &config, &m, None).unwrap_err().to_string();
        assert!(e.starts_with("unknown meeting type `retro`"), "{e}");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Checkout with a saved card!"), "checkout-with-a-saved-card");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("¿¿"), "notes");
    }
}
