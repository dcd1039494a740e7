//! What the commands of every item kind share: `new` (with the options every `new` has),
//! `list` (`ls`) and `move`, as `pobox story …`, `pobox epic …` and the others use them.
//! Each kind's own file (`story.rs`, `epic.rs`, …) holds its `new` arguments and the fields
//! they set.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use jiff::civil::Date;

use pobox::change::{self, check_status, check_value};
use pobox::create::{self, NewItem};
use pobox::edit::NewValue;
use pobox::git::Repo;
use pobox::model::fields::parse_date;
use pobox::model::{Item, Kind};
use pobox::query::expr::Expr;
use pobox::query::{Filter, SortKey};
use pobox::render::unreadable;
use pobox::workspace::{LoadOptions, LookupError, Workspace};

use super::error::{CommandError, CommandResult};
use super::exit::OK;
use super::output::Out;
use super::session::Session;

/// What can be done with items of one kind.
#[derive(Debug, Subcommand)]
pub enum ItemCmd<N: Args> {
    /// Create one.
    New(N),
    /// List them.
    #[command(alias = "ls")]
    List(ListArgs),
    /// Change the status (each kind's `--help` shows its own example: [`move_about`]).
    Move {
        /// The item's id.
        id: String,
        /// The new status.
        status: String,
    },
}

/// The one-line help of `pobox <kind> move`, with an example of that kind's ids and
/// statuses (`pobox risk move R-2 mitigated`): `ItemCmd` serves several kinds, so its doc
/// comment cannot name one, and the command list sets this per kind.
#[must_use]
pub fn move_about(kind: Kind) -> String {
    let workflow = pobox::workflow::Workflow::default();
    let status = match kind {
        Kind::Risk => pobox::workflow::RiskStatus::Mitigated.as_str(),
        Kind::Sprint => pobox::workflow::SprintStatus::Active.as_str(),
        Kind::Decision => pobox::workflow::DecisionStatus::Accepted.as_str(),
        _ => workflow.done_status().unwrap_or_else(|| workflow.first_status()),
    };
    let number = match kind {
        Kind::Story => "42",
        _ => "3",
    };
    let prefix = kind.default_prefix().unwrap_or_default();
    format!("Change the status: `pobox {} move {prefix}-{number} {status}`", kind.as_str())
}

/// What can be done with items that have no status (stakeholders, meetings).
#[derive(Debug, Subcommand)]
pub enum RecordCmd<N: Args> {
    /// Create one.
    New(N),
    /// List them.
    #[command(alias = "ls")]
    List(ListArgs),
}

/// `list` options.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only these statuses (comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    pub status: Vec<String>,
    /// Only stories of these epics.
    #[arg(long, value_delimiter = ',')]
    pub epic: Vec<String>,
    /// Only items of these sprints.
    #[arg(long, value_delimiter = ',')]
    pub sprint: Vec<String>,
    /// Only items with one of these labels.
    #[arg(long, value_delimiter = ',')]
    pub label: Vec<String>,
    /// Only items owned by (or, for stories, assigned to) these people.
    #[arg(long, value_delimiter = ',')]
    pub owner: Vec<String>,
    /// Only items for which EXPR holds, e.g. `points >= 5 and status in (ready, review)`:
    /// FIELD = != < <= > >= VALUE, FIELD in (A, B), FIELD ~ TEXT, has FIELD, and, or, not,
    /// ( ), 'quoted values'; any front-matter key (docs/queries.md). The flags above must
    /// hold too.
    #[arg(long = "where", value_name = "EXPR")]
    pub condition: Option<String>,
    /// Order by FIELD (any field; `-FIELD` for largest first): numbers, dates and statuses
    /// as such, items without a value last, ties by id.
    #[arg(long, value_name = "FIELD", allow_hyphen_values = true)]
    pub sort: Option<String>,
    /// With --sort, largest first.
    #[arg(long, requires = "sort")]
    pub desc: bool,
    /// The columns, comma-separated: the kind's own (`id,status,points,title`) or any field
    /// (`rank`, `assignee`, `wsjf.value`, your own); CSV and JSON show these too.
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub columns: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Formats of lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns that fit the terminal.
    Table,
    /// One versioned JSON document.
    Json,
    /// Comma-separated values with a header.
    Csv,
}

/// Options every `new` has.
#[derive(Debug, Args)]
pub struct CommonNew {
    /// Labels (comma-separated or repeated).
    #[arg(long = "label", value_delimiter = ',')]
    pub labels: Vec<String>,
    /// Owner (default: git's user.name).
    #[arg(long)]
    pub owner: Option<String>,
    /// Open the new file in $VISUAL or $EDITOR.
    #[arg(long)]
    pub edit: bool,
}

/// The fields a `new` sets, in order.
pub type Fields = Vec<(String, NewValue)>;

/// Set `key` to the text `v`, when given.
pub fn text(fields: &mut Fields, key: &str, v: Option<&String>) {
    if let Some(v) = v {
        fields.push((key.to_owned(), NewValue::Text(v.clone())));
    }
}

/// Set `key` to the number `v`, when given.
pub fn count(fields: &mut Fields, key: &str, v: Option<u32>) {
    if let Some(v) = v {
        fields.push((key.to_owned(), NewValue::Int(i64::from(v))));
    }
}

/// Set `key` to the list `v`, when not empty.
pub fn list(fields: &mut Fields, key: &str, v: &[String]) {
    if !v.is_empty() {
        fields.push((key.to_owned(), NewValue::List(v.to_vec())));
    }
}

/// The date an option gives, or an error naming the option.
pub fn date_arg(name: &str, s: &str) -> CommandResult<Date> {
    parse_date(s).map_err(|why| CommandError::msg(format!("--{name} {s}: not a date ({why}); write YYYY-MM-DD")))
}

/// Run `new`, `list` or `move` for one kind; `new` is the kind's own.
pub fn run_item_cmd<N: Args>(
    session: &Session,
    kind: Kind,
    cmd: &ItemCmd<N>,
    out: &mut Out,
    new: impl FnOnce(&N, &mut Out) -> CommandResult<u8>,
) -> CommandResult<u8> {
    match cmd {
        ItemCmd::New(args) => new(args, out),
        ItemCmd::List(args) => list_items(session, kind, args, out),
        ItemCmd::Move { id, status } => move_item(session, kind, id, status, out),
    }
}

/// Run `new` or `list` for a kind without status; `new` is the kind's own.
pub fn run_record_cmd<N: Args>(
    session: &Session,
    kind: Kind,
    cmd: &RecordCmd<N>,
    out: &mut Out,
    new: impl FnOnce(&N, &mut Out) -> CommandResult<u8>,
) -> CommandResult<u8> {
    match cmd {
        RecordCmd::New(args) => new(args, out),
        RecordCmd::List(args) => list_items(session, kind, args, out),
    }
}

#[allow(clippy::too_many_arguments)]
/// Create an item of `kind` with `fields` and the common options, and say so.
pub fn new_item(
    session: &Session,
    kind: Kind,
    title: &str,
    id: Option<String>,
    meeting_type: Option<String>,
    date: Option<Date>,
    mut fields: Fields,
    common: &CommonNew,
    out: &mut Out,
) -> CommandResult<u8> {
    let (root, config) = session.config(out)?;
    if title.trim().is_empty() {
        return Err(CommandError::msg(format!("{} needs a title", kind.with_article())));
    }
    for (key, value) in &fields {
        check_value(&config, kind, key, value)?;
    }
    let editor = if common.edit { Some(editor()?) } else { None };
    list(&mut fields, "labels", &common.labels);
    let repo = Repo::discover(&root);
    let owner = common.owner.clone().or_else(|| create::default_owner(&root, &config));
    text(&mut fields, "owner", owner.as_ref());
    let today = pobox::clock::today();
    let item = NewItem {
        kind,
        title: title.to_owned(),
        id,
        meeting_type,
        date: date.unwrap_or(today),
        created: today,
        fields,
    };
    // A link to an id two files have would be a guess: refused before anything is written.
    // The backlog is read only when the new item links to something.
    let links = item.referenced_ids();
    if !links.is_empty() {
        session.load(LoadOptions::without_bodies(), out)?.refuse_ambiguous(links)?;
    }
    let created = create::create(&root, &config, &item, repo.as_ref())?;
    writeln!(out.info(), "Created {} {}", created.id, created.path.display())?;
    if let Some(editor) = editor {
        edit_file(&editor, &root.join(&created.path))?;
        // Checked as `validate` checks it, values included (a `status: redy` the editor
        // left is an error), with what reading it found; the rest of the backlog's
        // warnings are not this command's business.
        let ws = session.load(LoadOptions::default(), out)?;
        let mut diags = pobox::validate::validate(&ws, today);
        diags.retain(|d| d.path == created.path && (d.is_error() || ws.diagnostics.contains(d)));
        out.workspace_diagnostics(&diags, &ws)?;
        let Some(item) = ws.items.iter().find(|i| i.path == created.path) else {
            let path = created.path.display();
            writeln!(
                out.stderr(),
                "error: {path} is no longer there (or no longer an item) after the editor closed"
            )?;
            return Ok(1);
        };
        if item.broken.is_some() || diags.iter().any(pobox::diag::Diagnostic::is_error) {
            return Ok(1);
        }
    }
    Ok(OK)
}

/// The editor named by `$VISUAL` or `$EDITOR`, checked before anything is created.
fn editor() -> CommandResult<String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|s| !s.trim().is_empty()));
    editor.ok_or_else(|| CommandError::msg("--edit needs $VISUAL or $EDITOR to name your editor, e.g. `export EDITOR=nano`"))
}

/// Open `path` in `editor` (which may carry arguments, like `code -w`).
fn edit_file(editor: &str, path: &Path) -> CommandResult<()> {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .with_context(|| format!("cannot start the editor `{editor}`"))?;
    if !status.success() {
        let path = path.display();
        return Err(CommandError::msg(format!(
            "the editor `{editor}` exited with {status}; the file is kept at {path}"
        )));
    }
    Ok(())
}

/// Say on stderr which listed files could not be read (with their diagnostics), and which
/// files of other kinds could not be read either: a list of one kind must not make the
/// backlog look clean (domain §8).
fn note_broken(ws: &Workspace, kind: Kind, items: &[&Item], out: &mut Out) -> CommandResult<()> {
    let others: Vec<_> = ws.unreadable(&Kind::ALL).into_iter().filter(|f| f.kind != kind).collect();
    if !others.is_empty() {
        let what = match others.len() {
            1 => "1 file of another kind cannot be read, so it is".to_owned(),
            n => format!("{n} files of other kinds cannot be read, so they are"),
        };
        writeln!(out.stderr(), "warning: {what} not listed here:")?;
        write!(out.stderr(), "{}", unreadable::lines(&others, "  "))?;
    }
    let broken = items.iter().filter(|i| i.broken.is_some()).count();
    if broken > 0 {
        let diags: Vec<_> = ws
            .diagnostics
            .iter()
            .filter(|d| items.iter().any(|i| i.broken.is_some() && i.path == d.path))
            .cloned()
            .collect();
        out.diagnostics(&diags, &ws.root)?;
        writeln!(out.stderr(), "warning: {broken} file(s) could not be read and are listed as BROKEN")?;
    }
    Ok(())
}

/// The expression of a `--where`, parsed; a parse error points at its column.
pub fn where_arg(text: Option<&str>) -> CommandResult<Option<Expr>> {
    text.map(|t| pobox::query::expr::parse(t).map_err(CommandError::from)).transpose()
}

/// Warn about fields of `expr` (and `others`, the `--sort` and `--columns` fields) that
/// look like typos of known ones: a field nothing has is no error, it just has no value.
pub fn warn_field_typos<'a>(
    ws: &Workspace,
    expr: Option<&'a Expr>,
    others: impl IntoIterator<Item = &'a str>,
    out: &mut Out,
) -> CommandResult<()> {
    let fields = expr.map(Expr::fields).unwrap_or_default().into_iter().chain(others);
    for typo in pobox::query::field_typos(fields, &ws.items) {
        writeln!(
            out.stderr(),
            "warning: no item has a field `{}`; did you mean `{}`?",
            typo.field,
            typo.suggestion
        )?;
    }
    Ok(())
}

/// `pobox <kind> list`.
pub fn list_items(session: &Session, kind: Kind, args: &ListArgs, out: &mut Out) -> CommandResult<u8> {
    let condition = where_arg(args.condition.as_deref())?;
    let ws = session.load(LoadOptions::without_bodies(), out)?;
    let sort = args.sort.as_deref().map(|s| SortKey::parse(s, args.desc));
    warn_field_typos(
        &ws,
        condition.as_ref(),
        sort.iter().map(|s| s.field.as_str()).chain(args.columns.iter().map(String::as_str)),
        out,
    )?;
    let filter = Filter {
        status: args.status.clone(),
        epic: args.epic.clone(),
        sprint: args.sprint.clone(),
        label: args.label.clone(),
        owner: args.owner.clone(),
        condition,
    };
    let mut items: Vec<&Item> = pobox::query::select(&ws, ws.of_kind(kind), &filter);
    if let Some(sort) = &sort {
        pobox::query::sort_items(&mut items, sort, &ws.config);
    }
    let columns = pobox::render::list_columns(kind, &args.columns);
    let workflow = &ws.config.workflow;
    match args.format {
        ListFormat::Table => {
            if items.is_empty() {
                writeln!(out.stdout(), "No {} found.", kind.folder())?;
            } else {
                let mut w = out.data();
                w.write_all(pobox::render::items_table_of(&items, &columns, workflow, out.width()).as_bytes())?;
                w.flush()?;
            }
        }
        ListFormat::Json => {
            let mut w = out.data();
            if args.columns.is_empty() {
                pobox::render::json::write_items_json(&mut w, &items, Some(kind))?;
            } else {
                pobox::render::json::write_items_json_of(&mut w, &items, kind, &columns, workflow)?;
            }
            writeln!(w)?;
            w.flush()?;
        }
        ListFormat::Csv => {
            let mut w = out.data();
            if args.columns.is_empty() {
                pobox::render::csv::write_items_csv(&mut w, &items, kind)?;
            } else {
                pobox::render::csv::write_items_csv_of(&mut w, &items, &columns, workflow)?;
            }
            w.flush()?;
        }
    }
    note_broken(&ws, kind, &items, out)?;
    Ok(OK)
}

/// `pobox <kind> move ID STATUS`.
pub fn move_item(session: &Session, kind: Kind, id: &str, status: &str, out: &mut Out) -> CommandResult<u8> {
    let ws = session.load(LoadOptions::without_bodies(), out)?;
    let found = match ws.find(id) {
        Ok(item) => Some(item),
        Err(LookupError::Ambiguous(e)) => return Err(e.into()),
        // Said below, once the status is checked too.
        Err(LookupError::NotFound { .. }) => None,
    };
    if let Some(item) = found
        && item.kind != kind
    {
        return Err(CommandError::msg(format!(
            "{id} is {}, not {}; use `pobox {} move {id} {status}`",
            item.kind.with_article(),
            kind.with_article(),
            item.kind
        )));
    }
    check_status(&ws.config, kind, status)?;
    if kind == Kind::Decision
        && let Some(item) = found
    {
        check_decision_move(item, status)?;
    }
    if kind == Kind::Sprint && status == pobox::workflow::SprintStatus::Active.as_str() {
        // Same rule as `sprint start`: one sprint runs at a time.
        let started = pobox::sprint::start(&ws, id)?;
        let path = found.map(|i| i.path.clone());
        return report_change(id, path.filter(|_| started.changed), out);
    }
    let changes = vec![("status".to_owned(), NewValue::Text(status.to_owned()))];
    report_change(id, change::set(&ws, id, &changes)?, out)
}

/// A decision moves along its life cycle only (proposed → accepted or rejected, accepted →
/// superseded); `pobox set` stays the way to correct a status written by mistake.
fn check_decision_move(item: &Item, to: &str) -> CommandResult<()> {
    use pobox::workflow::DecisionStatus;
    let (Some(from), Some(to_status)) = (DecisionStatus::of(item.status()), DecisionStatus::of(Some(to))) else {
        return Ok(());
    };
    if from.can_move_to(to_status) {
        return Ok(());
    }
    let next: Vec<&str> = DecisionStatus::ALL
        .into_iter()
        .filter(|s| *s != from && from.can_move_to(*s))
        .map(DecisionStatus::as_str)
        .collect();
    let then = if next.is_empty() {
        "it stays as it is; record a new decision that supersedes it".to_owned()
    } else {
        format!("from {} it moves to {}", from.as_str(), next.join(" or "))
    };
    Err(CommandError::msg(format!(
        "{} is {}, so it cannot move to {to}: {then} (`pobox set {} status={to}` corrects a mistake)",
        item.id,
        from.as_str(),
        item.id
    )))
}

/// Say what a change did to `id`'s file.
pub fn report_change(id: &str, changed: Option<std::path::PathBuf>, out: &mut Out) -> CommandResult<u8> {
    match changed {
        Some(path) => writeln!(out.info(), "Updated {id} {}", path.display())?,
        None => writeln!(out.info(), "{id} already has those values; nothing changed")?,
    }
    Ok(OK)
}
