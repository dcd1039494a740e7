//! Item commands: new, list, move, show, set, status.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use jiff::civil::Date;

use pobox::change::{self, check_status, check_value, parse_assignment};
use pobox::create::{self, NewItem};
use pobox::edit::NewValue;
use pobox::git::Repo;
use pobox::model::fields::parse_date;
use pobox::model::{Item, Kind};
use pobox::query::{self, Filter};
use pobox::workspace::{self, LoadOptions, Workspace};

use super::args::{
    Cli, CommonNew, EpicNew, ItemCmd, ListArgs, ListFormat, MeetingNew, RecordCmd, RiskNew, ShowFormat, SprintNew, StakeholderNew,
    StatusFormat, StoryNew,
};
use super::{OK, Out, config, load};

type Fields = Vec<(String, NewValue)>;

fn text(fields: &mut Fields, key: &str, v: Option<&String>) {
    if let Some(v) = v {
        fields.push((key.to_owned(), NewValue::Text(v.clone())));
    }
}

fn count(fields: &mut Fields, key: &str, v: Option<u32>) {
    if let Some(v) = v {
        fields.push((key.to_owned(), NewValue::Int(i64::from(v))));
    }
}

fn list(fields: &mut Fields, key: &str, v: &[String]) {
    if !v.is_empty() {
        fields.push((key.to_owned(), NewValue::List(v.to_vec())));
    }
}

fn date_arg(name: &str, s: &str) -> Result<Date> {
    parse_date(s).map_err(|why| anyhow::anyhow!("--{name} {s}: not a date ({why}); write YYYY-MM-DD"))
}

/// Dispatch for one kind: `new` is kind-specific, `list` and `move` are shared.
fn item_cmd<N: clap::Args>(
    cli: &Cli,
    kind: Kind,
    cmd: &ItemCmd<N>,
    out: &mut Out,
    new: impl FnOnce(&N, &mut Out) -> Result<u8>,
) -> Result<u8> {
    match cmd {
        ItemCmd::New(args) => new(args, out),
        ItemCmd::List(args) => list_items(cli, kind, args, out),
        ItemCmd::Move { id, status } => move_item(cli, kind, id, status, out),
    }
}

pub fn story(cli: &Cli, cmd: &ItemCmd<StoryNew>, out: &mut Out) -> Result<u8> {
    item_cmd(cli, Kind::Story, cmd, out, |a, out| {
        let mut f = Fields::new();
        text(&mut f, "status", a.status.as_ref());
        text(&mut f, "epic", a.epic.as_ref());
        count(&mut f, "points", a.points);
        text(&mut f, "sprint", a.sprint.as_ref());
        list(&mut f, "stakeholders", &a.stakeholders);
        list(&mut f, "depends_on", &a.depends_on);
        text(&mut f, "assignee", a.assignee.as_ref());
        new_item(cli, Kind::Story, &a.title, None, None, None, f, &a.common, out)
    })
}

pub fn epic(cli: &Cli, cmd: &ItemCmd<EpicNew>, out: &mut Out) -> Result<u8> {
    item_cmd(cli, Kind::Epic, cmd, out, |a, out| {
        let mut f = Fields::new();
        text(&mut f, "status", a.status.as_ref());
        text(&mut f, "horizon", a.horizon.as_ref());
        if let Some(t) = &a.target {
            date_arg("target", t)?;
        }
        text(&mut f, "target", a.target.as_ref());
        new_item(cli, Kind::Epic, &a.title, None, None, None, f, &a.common, out)
    })
}

/// Dispatch for kinds without status: `new` and `list`.
fn record_cmd<N: clap::Args>(
    cli: &Cli,
    kind: Kind,
    cmd: &RecordCmd<N>,
    out: &mut Out,
    new: impl FnOnce(&N, &mut Out) -> Result<u8>,
) -> Result<u8> {
    match cmd {
        RecordCmd::New(args) => new(args, out),
        RecordCmd::List(args) => list_items(cli, kind, args, out),
    }
}

pub fn stakeholder(cli: &Cli, cmd: &RecordCmd<StakeholderNew>, out: &mut Out) -> Result<u8> {
    record_cmd(cli, Kind::Stakeholder, cmd, out, |a, out| {
        let mut f = Fields::new();
        text(&mut f, "role", a.role.as_ref());
        text(&mut f, "organization", a.organization.as_ref());
        text(&mut f, "power", a.power.as_ref());
        text(&mut f, "interest", a.interest.as_ref());
        count(&mut f, "cadence_days", a.cadence_days);
        text(&mut f, "contact", a.contact.as_ref());
        let name = a.name.clone().unwrap_or_else(|| a.handle.clone());
        new_item(cli, Kind::Stakeholder, &name, Some(a.handle.clone()), None, None, f, &a.common, out)
    })
}

pub fn meeting(cli: &Cli, cmd: &RecordCmd<MeetingNew>, out: &mut Out) -> Result<u8> {
    record_cmd(cli, Kind::Meeting, cmd, out, |a, out| {
        let mut f = Fields::new();
        list(&mut f, "attendees", &a.attendees);
        text(&mut f, "sprint", a.sprint.as_ref());
        let date = a.date.as_deref().map(|d| date_arg("date", d)).transpose()?;
        let title = a
            .title
            .clone()
            .unwrap_or_else(|| pobox::templates::meeting_type_title(&a.meeting_type));
        new_item(
            cli,
            Kind::Meeting,
            &title,
            None,
            Some(a.meeting_type.clone()),
            date,
            f,
            &a.common,
            out,
        )
    })
}

/// `pobox sprint new` (the other sprint commands are in `sprint.rs`).
pub fn sprint_new(cli: &Cli, a: &SprintNew, out: &mut Out) -> Result<u8> {
    let (root, config) = config(cli, out)?;
    let start = date_arg("start", &a.start)?;
    let end = pobox::sprint::end_of(start, a.length.unwrap_or(config.sprint_length_days)).context("the end date is out of range")?;
    let mut f = Fields::new();
    f.push(("start".into(), NewValue::Text(start.to_string())));
    f.push(("end".into(), NewValue::Text(end.to_string())));
    text(&mut f, "goal", a.goal.as_ref());
    count(&mut f, "capacity", a.capacity);
    let n = create::highest_number(&root, &config, Kind::Sprint, Repo::discover(&root).as_ref()) + 1;
    let title = a.title.clone().unwrap_or_else(|| format!("Sprint {n}"));
    new_item(cli, Kind::Sprint, &title, None, None, None, f, &a.common, out)
}

pub fn risk(cli: &Cli, cmd: &ItemCmd<RiskNew>, out: &mut Out) -> Result<u8> {
    item_cmd(cli, Kind::Risk, cmd, out, |a, out| {
        let mut f = Fields::new();
        count(&mut f, "likelihood", a.likelihood);
        count(&mut f, "impact", a.impact);
        text(&mut f, "mitigation", a.mitigation.as_ref());
        list(&mut f, "related", &a.related);
        new_item(cli, Kind::Risk, &a.title, None, None, None, f, &a.common, out)
    })
}

#[allow(clippy::too_many_arguments)]
fn new_item(
    cli: &Cli,
    kind: Kind,
    title: &str,
    id: Option<String>,
    meeting_type: Option<String>,
    date: Option<Date>,
    mut fields: Fields,
    common: &CommonNew,
    out: &mut Out,
) -> Result<u8> {
    let (root, config) = config(cli, out)?;
    if title.trim().is_empty() {
        bail!("{} needs a title", kind.with_article());
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
    let created = create::create(&root, &config, &item, repo.as_ref())?;
    writeln!(out.info(), "Created {} {}", created.id, created.path.display())?;
    if let Some(editor) = editor {
        edit_file(&editor, &root.join(&created.path))?;
        let (item, diags) = workspace::read_item_file(&root, &config, kind, &created.path, true);
        out.diagnostics(&diags, &root)?;
        if item.broken.is_some() || diags.iter().any(pobox::diag::Diagnostic::is_error) {
            return Ok(1);
        }
    }
    Ok(OK)
}

/// The editor named by `$VISUAL` or `$EDITOR`, checked before anything is created.
fn editor() -> Result<String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|s| !s.trim().is_empty()));
    editor.ok_or_else(|| anyhow::anyhow!("--edit needs $VISUAL or $EDITOR to name your editor, e.g. `export EDITOR=nano`"))
}

/// Open `path` in `editor` (which may carry arguments, like `code -w`).
fn edit_file(editor: &str, path: &Path) -> Result<()> {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .with_context(|| format!("cannot start the editor `{editor}`"))?;
    if !status.success() {
        bail!("the editor `{editor}` exited with {status}; the file is kept at {}", path.display());
    }
    Ok(())
}

fn note_broken(ws: &Workspace, items: &[&Item], out: &mut Out) -> Result<()> {
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

pub(super) fn list_items(cli: &Cli, kind: Kind, args: &ListArgs, out: &mut Out) -> Result<u8> {
    let ws = load(cli, LoadOptions::without_bodies(), out)?;
    let filter = Filter {
        status: args.status.clone(),
        epic: args.epic.clone(),
        sprint: args.sprint.clone(),
        label: args.label.clone(),
        owner: args.owner.clone(),
    };
    let items: Vec<&Item> = ws.of_kind(kind).filter(|i| i.broken.is_some() || filter.matches(i)).collect();
    match args.format {
        ListFormat::Table => {
            if items.is_empty() {
                writeln!(out.stdout(), "No {} found.", kind.folder())?;
            } else {
                let mut w = out.data();
                w.write_all(pobox::render::items_table(&items, kind, out.width()).as_bytes())?;
                w.flush()?;
            }
        }
        ListFormat::Json => {
            let mut w = out.data();
            pobox::render::json::write_items_json(&mut w, &items, Some(kind))?;
            writeln!(w)?;
            w.flush()?;
        }
        ListFormat::Csv => {
            let mut w = out.data();
            pobox::render::csv::write_items_csv(&mut w, &items, kind)?;
            w.flush()?;
        }
    }
    note_broken(&ws, &items, out)?;
    Ok(OK)
}

pub(super) fn move_item(cli: &Cli, kind: Kind, id: &str, status: &str, out: &mut Out) -> Result<u8> {
    let ws = load(cli, LoadOptions::without_bodies(), out)?;
    if let Some(item) = ws.get(id)
        && item.kind != kind
    {
        bail!(
            "{id} is {}, not {}; use `pobox {} move {id} {status}`",
            item.kind.with_article(),
            kind.with_article(),
            item.kind
        );
    }
    check_status(&ws.config, kind, status)?;
    if kind == Kind::Sprint && status == "active" {
        // Same rule as `sprint start`: one sprint runs at a time.
        let started = pobox::sprint::start(&ws, id)?;
        let path = ws.get(id).map(|i| i.path.clone());
        return report_change(id, path.filter(|_| started.changed), out);
    }
    let changes = vec![("status".to_owned(), NewValue::Text(status.to_owned()))];
    report_change(id, change::set(&ws, id, &changes)?, out)
}

fn report_change(id: &str, changed: Option<std::path::PathBuf>, out: &mut Out) -> Result<u8> {
    match changed {
        Some(path) => writeln!(out.info(), "Updated {id} {}", path.display())?,
        None => writeln!(out.info(), "{id} already has those values; nothing changed")?,
    }
    Ok(OK)
}

pub fn set(cli: &Cli, id: &str, assignments: &[String], out: &mut Out) -> Result<u8> {
    let ws = load(cli, LoadOptions::without_bodies(), out)?;
    let kind = ws.get(id).map_or(Kind::Story, |i| i.kind);
    let changes = assignments
        .iter()
        .map(|a| parse_assignment(&ws.config, kind, a))
        .collect::<Result<Vec<_>, _>>()?;
    report_change(id, change::set(&ws, id, &changes)?, out)
}

pub fn show(cli: &Cli, id: &str, format: ShowFormat, out: &mut Out) -> Result<u8> {
    let ws = load(cli, LoadOptions::default(), out)?;
    // An id from another tool (an imported item's `aliases`) finds the item too.
    let Some(item) = ws.get(id).or_else(|| pobox::import::find(&ws.items, id)) else {
        let hint =
            pobox::diag::suggest(id, ws.items.iter().map(|i| i.id.as_str())).map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
        bail!("no item has the id `{id}`{hint}");
    };
    let id = item.id.as_str();
    let links = query::backlinks(&ws, id);
    match format {
        ShowFormat::Md => {
            let text = std::fs::read_to_string(ws.root.join(&item.path)).unwrap_or_default();
            let mut w = out.stdout();
            writeln!(w, "<!-- {} -->", pobox::text::path::slash(&item.path))?;
            write!(w, "{}", visible_controls(&text))?;
            if !text.ends_with('\n') {
                writeln!(w)?;
            }
            writeln!(w, "\n## Backlinks\n")?;
            if links.is_empty() {
                writeln!(w, "Nothing mentions {id} yet.")?;
            }
            for l in &links {
                writeln!(w, "- {} {} ({})", l.id, pobox::text::control::escape(&l.title), l.via.join(", "))?;
            }
        }
        ShowFormat::Json => {
            let doc = serde_json::json!({
                "version": 1,
                "item": item,
                "body": item.body(),
                "backlinks": links,
                "diagnostics": ws.diagnostics_for(&item.path).collect::<Vec<_>>(),
            });
            writeln!(out.stdout(), "{}", pobox::text::json::to_json_string(&doc))?;
        }
    }
    out.diagnostics(&ws.diagnostics_for(&item.path).cloned().collect::<Vec<_>>(), &ws.root)?;
    Ok(OK)
}

pub fn status(cli: &Cli, format: StatusFormat, out: &mut Out) -> Result<u8> {
    let ws = load(cli, LoadOptions::without_bodies(), out)?;
    let counts = pobox::render::status_counts(&ws);
    let problems = pobox::diag::render::Counts::of(&ws.diagnostics);
    let errors = problems.errors;
    match format {
        StatusFormat::Json => {
            let doc = serde_json::json!({
                "version": 1,
                "product": ws.config.product,
                "kinds": counts,
                "problems": problems,
            });
            writeln!(out.stdout(), "{}", pobox::text::json::to_json_string(&doc))?;
        }
        StatusFormat::Table => {
            let mut w = out.stdout();
            writeln!(
                w,
                "{}\n",
                if ws.config.product.is_empty() {
                    "(no product name in pobox.yaml)"
                } else {
                    &ws.config.product
                }
            )?;
            w.write_all(pobox::render::status_counts_table(&ws, out.width()).as_bytes())?;
            drop(w);
            if ws.diagnostics.is_empty() {
                writeln!(
                    out.stdout(),
                    "\nEvery file reads cleanly. `pobox validate` checks values, references and readiness too."
                )?;
            } else {
                writeln!(out.stdout())?;
                out.diagnostics(&ws.diagnostics, &ws.root)?;
            }
        }
    }
    Ok(if errors > 0 { 1 } else { OK })
}

/// The text with control characters other than newline and tab made visible, so a file
/// cannot move the cursor or recolour the terminal.
fn visible_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' && c != '\r' {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}
