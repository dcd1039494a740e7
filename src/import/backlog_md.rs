//! Reading a Backlog.md project (<https://github.com/MrLesk/Backlog.md>): its tasks,
//! drafts, completed and archived tasks and its milestones, as [`Record`]s.
//!
//! Backlog.md keeps one Markdown file per task, `backlog/tasks/task-42 - Title.md`, with
//! YAML front-matter (`id`, `title`, `status`, `assignee`, `created_date`, `labels`,
//! `milestone`, `dependencies`, `parent_task_id`, `priority`, `ordinal`, …) and a body of
//! `##` sections whose content may sit between `<!-- SECTION:…:BEGIN -->` markers; the
//! acceptance criteria are a task list `- [ ] #1 …` between `<!-- AC:BEGIN -->` markers.
//! Milestones are files in `backlog/milestones/` (`m-3 - Title.md`).

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use super::{ImportError, Record, StatusMap, Value, handle, kept_name, leading_date};
use crate::config::Config;
use crate::model::Kind;
use crate::parse::frontmatter;
use crate::parse::yaml::{self, Entry, Value as Yaml};

/// Backlog.md's markers around section content and checklists.
static MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*<!--\s*(?:SECTION:[A-Z_]+|AC|DOD):(?:BEGIN|END)\s*-->\s*$").expect("valid regex"));
/// A checklist item with Backlog.md's stable index: `- [x] #3 text`.
static NUMBERED_ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\s*[-*] \[[ xX]\] )#\d+ ").expect("valid regex"));

/// The `backlog/` folder of `dir`: `dir/backlog` when it exists, else `dir` itself.
#[must_use]
pub fn backlog_folder(dir: &Path) -> PathBuf {
    let inner = dir.join("backlog");
    if inner.join("tasks").is_dir() || inner.join("config.yml").is_file() {
        inner
    } else {
        dir.to_path_buf()
    }
}

/// One task file read from the source.
struct Task {
    rel: String,
    entries: Vec<Entry>,
    body: String,
    folder: Folder,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Folder {
    Tasks,
    Drafts,
    Completed,
    Archived,
}

/// Read the Backlog.md project at `dir` (its root or its `backlog/` folder).
///
/// Milestones become epics (also milestones that tasks name but that have no file); tasks,
/// drafts, completed and archived tasks become stories. Returns the records, epics first,
/// and notes on what was not imported.
///
/// # Errors
/// When a file cannot be read, has no front-matter, or has a status the table cannot map.
pub fn read(dir: &Path, config: &Config, statuses: &StatusMap) -> Result<(Vec<Record>, Vec<String>), ImportError> {
    let root = backlog_folder(dir);
    if !root.join("tasks").is_dir() && !root.join("completed").is_dir() && !root.join("drafts").is_dir() {
        return Err(ImportError::Source {
            at: dir.display().to_string(),
            message: "this is not a Backlog.md project: it has no backlog/tasks, backlog/completed or backlog/drafts folder".to_owned(),
            help: "pass the folder that holds Backlog.md's `backlog/` folder (or that folder itself)".to_owned(),
        });
    }
    let mut notes = Vec::new();

    let mut milestones = Vec::new();
    for (folder, archived) in [("milestones", false), ("archive/milestones", true)] {
        for (rel, text) in markdown_files(&root, folder)? {
            let (entries, body) = split(&rel, &text)?;
            let id = text_of(&entries, "id").unwrap_or_default();
            let title = text_of(&entries, "title").unwrap_or_else(|| id.clone());
            if id.is_empty() {
                continue;
            }
            milestones.push(Milestone {
                id,
                title,
                rel,
                body: clean_body(&body),
                archived,
                entries,
            });
        }
    }

    let mut tasks = Vec::new();
    for (folder, kind) in [
        ("tasks", Folder::Tasks),
        ("drafts", Folder::Drafts),
        ("completed", Folder::Completed),
        ("archive/tasks", Folder::Archived),
        ("archive/drafts", Folder::Archived),
    ] {
        for (rel, text) in markdown_files(&root, folder)? {
            let (entries, body) = split(&rel, &text)?;
            tasks.push(Task {
                rel,
                entries,
                body,
                folder: kind,
            });
        }
    }
    tasks.sort_by_key(|t| id_key(&text_of(&t.entries, "id").unwrap_or_default()));

    // Milestones that tasks name by title but that have no file become epics too.
    for t in &tasks {
        if let Some(m) = text_of(&t.entries, "milestone")
            && !m.is_empty()
            && find_milestone(&milestones, &m).is_none()
        {
            milestones.push(Milestone {
                id: format!("milestone:{m}"),
                title: m.clone(),
                rel: t.rel.clone(),
                body: String::new(),
                archived: false,
                entries: Vec::new(),
            });
        }
    }

    let mut records: Vec<Record> = milestones.iter().map(|m| milestone_record(m, config)).collect();
    let ids: Vec<String> = tasks.iter().filter_map(|t| text_of(&t.entries, "id")).collect();
    for t in &tasks {
        records.push(task_record(t, &milestones, &ids, config, statuses)?);
    }

    for (folder, one, many) in [("docs", "document", "documents"), ("decisions", "decision", "decisions")] {
        let n = markdown_files(&root, folder)?.len();
        if n > 0 {
            let what = if n == 1 {
                format!("1 {one} in {folder}/ was")
            } else {
                format!("{n} {many} in {folder}/ were")
            };
            notes.push(format!(
                "{what} not imported: pobox has no kind for them (they stay in the repository as they are)"
            ));
        }
    }
    Ok((records, notes))
}

struct Milestone {
    id: String,
    title: String,
    rel: String,
    body: String,
    archived: bool,
    entries: Vec<Entry>,
}

/// A task's `milestone`: a milestone's id (`m-3`), its title, or `M3 - Title`.
fn find_milestone<'a>(milestones: &'a [Milestone], name: &str) -> Option<&'a Milestone> {
    let name = name.trim();
    milestones
        .iter()
        .find(|m| m.id.eq_ignore_ascii_case(name) || m.title.eq_ignore_ascii_case(name))
        .or_else(|| {
            let (num, _) = name.strip_prefix(['M', 'm'])?.split_once(" - ")?;
            let id = format!("m-{}", num.trim());
            milestones.iter().find(|m| m.id.eq_ignore_ascii_case(&id))
        })
}

fn milestone_record(m: &Milestone, config: &Config) -> Record {
    let mut fields = Vec::new();
    if m.archived
        && let Some(done) = config.workflow.done_status()
    {
        fields.push(("status".to_owned(), Value::Text(done.to_owned())));
    }
    for e in &m.entries {
        match e.key.as_str() {
            "id" | "title" => {}
            "due_date" => match e.node.value.scalar_text().as_deref().and_then(leading_date) {
                Some(d) => fields.push(("target".to_owned(), Value::Text(d.to_string()))),
                None => fields.push(kept(Kind::Epic, e)),
            },
            _ => fields.push(kept(Kind::Epic, e)),
        }
    }
    Record {
        kind: Kind::Epic,
        key: m.id.clone(),
        title: m.title.clone(),
        source: m.rel.clone(),
        created: None,
        fields,
        body: m.body.clone(),
    }
}

fn task_record(t: &Task, milestones: &[Milestone], ids: &[String], config: &Config, statuses: &StatusMap) -> Result<Record, ImportError> {
    let id = text_of(&t.entries, "id").ok_or_else(|| ImportError::Source {
        at: t.rel.clone(),
        message: "the task has no `id`".to_owned(),
        help: "give it the id of its file name, e.g. `id: task-42`".to_owned(),
    })?;
    let title = text_of(&t.entries, "title").unwrap_or_else(|| id.clone());
    let mut fields: Vec<(String, Value)> = Vec::new();
    let mut created = None;

    let source_status = text_of(&t.entries, "status").unwrap_or_default();
    let status = match t.folder {
        Folder::Drafts => statuses.map(config, Kind::Story, "draft", &t.rel)?,
        _ if source_status.is_empty() => statuses.map(config, Kind::Story, "to do", &t.rel)?,
        Folder::Archived => {
            let mapped = statuses.map(config, Kind::Story, &source_status, &t.rel)?;
            match config.workflow.dropped_status() {
                Some(dropped) if !config.workflow.is_done(&mapped) => dropped.to_owned(),
                _ => mapped,
            }
        }
        _ => statuses.map(config, Kind::Story, &source_status, &t.rel)?,
    };
    let same = super::slug_status(&source_status) == status;
    fields.push(("status".to_owned(), Value::Text(status)));
    if t.folder == Folder::Archived {
        fields.push(("archived".to_owned(), Value::Bool(true)));
    }
    if !source_status.is_empty() && !same {
        fields.push(("backlog_status".to_owned(), Value::Text(source_status)));
    }

    for e in &t.entries {
        let v = &e.node.value;
        match e.key.as_str() {
            "id" | "title" | "status" => {}
            "assignee" => {
                let people: Vec<String> = texts(v).iter().map(|p| handle(p)).filter(|h| !h.is_empty()).collect();
                if let Some(first) = people.first() {
                    fields.push(("assignee".to_owned(), Value::Text(first.clone())));
                }
                if people.len() > 1 {
                    fields.push(("assignees".to_owned(), Value::List(people)));
                }
            }
            "created_date" | "created" if created.is_none() => match v.scalar_text().as_deref().and_then(leading_date) {
                Some(d) => created = Some(d),
                None => fields.push(kept(Kind::Story, e)),
            },
            "labels" => {
                let labels = texts(v);
                if !labels.is_empty() {
                    fields.push(("labels".to_owned(), Value::List(labels)));
                }
            }
            "milestone" => {
                if let Some(name) = v.scalar_text().filter(|s| !s.trim().is_empty()) {
                    let key = find_milestone(milestones, &name).map_or_else(|| format!("milestone:{name}"), |m| m.id.clone());
                    fields.push(("epic".to_owned(), Value::Ref(key)));
                }
            }
            "dependencies" => {
                let deps: Vec<String> = texts(v).iter().map(|d| resolve_task_id(ids, d)).collect();
                if !deps.is_empty() {
                    fields.push(("depends_on".to_owned(), Value::Refs(deps)));
                }
            }
            "parent_task_id" | "parent" => {
                if let Some(p) = v.scalar_text().filter(|s| !s.trim().is_empty()) {
                    fields.push(("parent".to_owned(), Value::Ref(resolve_task_id(ids, &p))));
                }
            }
            _ => {
                if *v != Yaml::Null && !matches!(v, Yaml::Seq(s) if s.is_empty()) {
                    fields.push(kept(Kind::Story, e));
                }
            }
        }
    }
    Ok(Record {
        kind: Kind::Story,
        key: id,
        title,
        source: t.rel.clone(),
        created,
        fields,
        body: clean_body(&t.body),
    })
}

/// A source field kept under its own name (prefixed `backlog_` when pobox uses the name).
fn kept(kind: Kind, e: &Entry) -> (String, Value) {
    let name = kept_name(kind, &e.key, "backlog");
    let value = match &e.node.value {
        Yaml::Str(s) => Value::Text(s.clone()),
        Yaml::Int(i) => Value::Int(*i),
        Yaml::Float(f) => Value::Number(*f),
        Yaml::Bool(b) => Value::Bool(*b),
        Yaml::Seq(s) if s.iter().all(|n| matches!(n.value, Yaml::Str(_))) => Value::List(texts(&e.node.value)),
        other => Value::Json(other.to_json()),
    };
    (name, value)
}

/// The sort key of a task id: its numbers (`task-24.1` → [24, 1]), so tasks go in
/// Backlog.md's order and get pobox ids in that order.
fn id_key(id: &str) -> (Vec<u64>, String) {
    (numbers(id).unwrap_or_default(), id.to_lowercase())
}

/// The numbers of a task id after its prefix: `BACK-355.01` → [355, 1].
fn numbers(id: &str) -> Option<Vec<u64>> {
    let rest = id.rsplit_once('-').map_or(id, |(_, r)| r);
    rest.split('.').map(|n| n.trim().parse().ok()).collect()
}

/// The id of the task that `reference` names: the same id in any case, else the id with
/// the same numbers (Backlog.md renamed its prefix from `task-` to a project prefix, and
/// writes `24.1` and `24.01` alike). Unmatched references come back as they are.
fn resolve_task_id(ids: &[String], reference: &str) -> String {
    let reference = reference.trim();
    if let Some(id) = ids.iter().find(|i| i.eq_ignore_ascii_case(reference)) {
        return id.clone();
    }
    if let Some(n) = numbers(reference)
        && let Some(id) = ids.iter().find(|i| numbers(i).as_ref() == Some(&n))
    {
        return id.clone();
    }
    reference.to_owned()
}

/// The body as pobox reads it: Backlog.md's markers dropped, `## Acceptance Criteria`
/// spelled as pobox's section, and the `#n` indexes of checklist items dropped (pobox's
/// criteria are the items themselves). Everything else is kept as written.
fn clean_body(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut blank_run = 0;
    for line in body.lines() {
        if MARKER.is_match(line) {
            continue;
        }
        let line = if line.trim_end().eq_ignore_ascii_case("## acceptance criteria") {
            "## Acceptance criteria".to_owned()
        } else {
            NUMBERED_ITEM.replace(line, "$1").into_owned()
        };
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end().to_owned()
}

/// Text of a scalar field.
fn text_of(entries: &[Entry], key: &str) -> Option<String> {
    entries
        .iter()
        .find(|e| e.key == key)
        .and_then(|e| e.node.value.scalar_text())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// A list of texts, or one text as a list of one.
fn texts(v: &Yaml) -> Vec<String> {
    match v {
        Yaml::Seq(s) => s
            .iter()
            .filter_map(|n| n.value.scalar_text())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        Yaml::Null => Vec::new(),
        other => other.scalar_text().into_iter().filter(|s| !s.trim().is_empty()).collect(),
    }
}

/// Front-matter entries and body of a file.
fn split(rel: &str, text: &str) -> Result<(Vec<Entry>, String), ImportError> {
    let s = frontmatter::split(text).map_err(|e| ImportError::Source {
        at: rel.to_owned(),
        message: match e {
            frontmatter::SplitError::NoFrontMatter => "its first line is not `---`".to_owned(),
            frontmatter::SplitError::Unclosed { .. } => "its front-matter has no closing `---` line".to_owned(),
        },
        help: "a Backlog.md file starts with a `---` line, its YAML fields and another `---` line".to_owned(),
    })?;
    let node = yaml::parse(&tolerant(&text[s.yaml.clone()])).map_err(|e| ImportError::Source {
        at: format!("{rel}:{}", e.pos.line + s.yaml_line.saturating_sub(1)),
        message: format!("its front-matter is not valid YAML: {}", e.message),
        help: "fix the YAML (Backlog.md would not read it either), then import again".to_owned(),
    })?;
    let entries = match node.value {
        Yaml::Map(m) => m,
        _ => Vec::new(),
    };
    Ok((entries, text[s.body..].to_owned()))
}

/// The front-matter as Backlog.md reads it: it accepts `assignee: @name` and
/// `reporter: [@a, @b]` unquoted (YAML reserves `@`), and quotes them before parsing; so
/// does this, line for line, so line numbers stay right.
fn tolerant(yaml: &str) -> String {
    static PERSON: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\s*(?:assignee|reporter):\s*)(.*?)\s*$").expect("valid regex"));
    let quote = |v: &str| serde_json::Value::String(v.trim().to_owned()).to_string();
    let mut out = String::with_capacity(yaml.len() + 16);
    for line in yaml.split_inclusive('\n') {
        let (content, end) = line.strip_suffix('\n').map_or((line, ""), |c| (c, "\n"));
        let content = content.strip_suffix('\r').unwrap_or(content);
        if let Some(c) = PERSON.captures(content) {
            let (prefix, value) = (&c[1], &c[2]);
            if value.starts_with('@') {
                out.push_str(&format!("{prefix}{}{end}", quote(value)));
                continue;
            }
            if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']'))
                && inner.contains('@')
            {
                let items: Vec<String> = inner
                    .split(',')
                    .map(str::trim)
                    .filter(|i| !i.is_empty())
                    .map(|i| if i.starts_with(['"', '\'']) { i.to_owned() } else { quote(i) })
                    .collect();
                out.push_str(&format!("{prefix}[{}]{end}", items.join(", ")));
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// `*.md` files of `root/folder` (not `readme.md`), sorted by name, with their paths
/// relative to `root`'s parent (`backlog/tasks/…`).
fn markdown_files(root: &Path, folder: &str) -> Result<Vec<(String, String)>, ImportError> {
    let dir = root.join(folder);
    let Ok(read) = std::fs::read_dir(&dir) else { return Ok(Vec::new()) };
    let mut paths: Vec<PathBuf> = read
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file() && p.extension().is_some_and(|e| e == "md") && !p.file_name().is_some_and(|n| n.eq_ignore_ascii_case("readme.md"))
        })
        .collect();
    paths.sort();
    let shown_root = root.file_name().map_or_else(PathBuf::new, PathBuf::from);
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|source| ImportError::Read {
            path: path.clone(),
            source,
        })?;
        let rel = shown_root.join(folder).join(path.file_name().unwrap_or_default());
        out.push((crate::text::path::slash(&rel), text));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_lose_markers_and_indexes() {
        let body = "\n## Description\n\n<!-- SECTION:DESCRIPTION:BEGIN -->\nDo it.\n<!-- SECTION:DESCRIPTION:END -->\n\n## Acceptance Criteria\n<!-- AC:BEGIN -->\n- [x] #1 First\n- [ ] #2 Second #2\n<!-- AC:END -->\n";
        assert_eq!(
            clean_body(body),
            "## Description\n\nDo it.\n\n## Acceptance criteria\n- [x] First\n- [ ] Second #2"
        );
    }

    #[test]
    fn unquoted_handles_are_quoted() {
        assert_eq!(
            tolerant("id: A\nassignee: @MrLesk\nreporter: [@a, \"@b\"]\nlabels: [x]\n"),
            "id: A\nassignee: \"@MrLesk\"\nreporter: [\"@a\", \"@b\"]\nlabels: [x]\n"
        );
    }

    #[test]
    fn task_ids_match_across_prefixes() {
        let ids = vec!["BACK-24.1".to_owned(), "BACK-355.01".to_owned(), "BACK-7".to_owned()];
        assert_eq!(resolve_task_id(&ids, "task-24.1"), "BACK-24.1");
        assert_eq!(resolve_task_id(&ids, "task-355.1"), "BACK-355.01");
        assert_eq!(resolve_task_id(&ids, "back-7"), "BACK-7");
        assert_eq!(resolve_task_id(&ids, "task-8"), "task-8");
        assert!(id_key("BACK-24.1") < id_key("BACK-200"));
    }
}
