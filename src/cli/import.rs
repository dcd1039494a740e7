//! `pobox import`: items from another tool (a Backlog.md project, a CSV file of issues),
//! shown first with `--dry-run`, then written as new files.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};

use pobox::git::Repo;
use pobox::import::history::{self, HistoryPlan};
use pobox::import::{self, Plan, Record, StatusMap, backlog_md};
use pobox::model::Kind;
use pobox::render::table::Table;
use pobox::render::unreadable;
use pobox::workspace::LoadOptions;

use super::error::CommandResult;
use super::exit::OK;
use super::output::Out;
use super::session::Session;

/// The importers.
#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// A Backlog.md project: tasks, drafts, completed and archived tasks become stories,
    /// milestones become epics.
    BacklogMd {
        /// The project folder (holding `backlog/`), or its `backlog/` folder.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Also import the project's git history: each commit that changed its tasks becomes
        /// a commit here, with its author and dates, so history and metrics tell what
        /// really happened.
        #[arg(long)]
        with_history: bool,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// A folder of architecture decision records (`NNNN-title.md`, MADR front-matter or
    /// Nygard's `## Status` form): each becomes a decision, links between them `supersedes`
    /// and `related`.
    Adr {
        /// The ADR folder, or a project with `docs/adr`, `docs/decisions` or `doc/adr`.
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// A CSV file of issues, as Jira exports it (or `pobox export csv` writes it).
    Csv {
        /// The CSV file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Read column COLUMN as FIELD (key, title, status, kind, points, epic, parent,
        /// sprint, labels, assignee, created, body, ignore, or any field name); repeatable.
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        maps: Vec<String>,
        /// Also write the history the export allows: each issue created at its `Created`
        /// moment by its reporter, moved at `Status Category Changed` and `Resolved`, one
        /// commit each, so history and metrics tell when work started and finished.
        #[arg(long)]
        with_history: bool,
        #[command(flatten)]
        import: ImportArgs,
    },
}

/// Options of every importer.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Map the source's status FROM to the workflow status TO (e.g. "To Do=ready"); repeatable.
    #[arg(long = "status", value_name = "FROM=TO")]
    pub statuses: Vec<String>,
    /// Show what would be created and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// With --dry-run, also print every file that would be written.
    #[arg(long, requires = "dry_run")]
    pub print: bool,
}

/// `pobox import …`.
pub fn run(session: &Session, cmd: &ImportCmd, out: &mut Out) -> CommandResult<u8> {
    let ws = session.load(LoadOptions::without_bodies(), out)?;
    let (args, source) = match cmd {
        ImportCmd::BacklogMd { import, dir, .. } => (import, dir.display().to_string()),
        ImportCmd::Csv { import, file, .. } => (import, file.display().to_string()),
        ImportCmd::Adr { import, dir } => (import, dir.display().to_string()),
    };
    let statuses = StatusMap::from_options(&args.statuses)?;
    let mut read: Option<backlog_md::Source> = None;
    let mut dated: Option<import::jira_csv::Dated> = None;
    let (records, notes): (Vec<Record>, Vec<String>) = match cmd {
        ImportCmd::BacklogMd { dir, .. } => {
            let mut found = backlog_md::read(dir, &ws.config, &statuses)?;
            let taken = (std::mem::take(&mut found.records), std::mem::take(&mut found.notes));
            read = Some(found);
            taken
        }
        ImportCmd::Adr { dir, .. } => {
            let found = import::adr::read(dir, &ws.config, &statuses)?;
            let mut notes = vec![adr_files_note(&found)];
            notes.extend(found.notes);
            (found.records, notes)
        }
        ImportCmd::Csv {
            file, maps, with_history, ..
        } => {
            let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let found = import::jira_csv::read_dated(file, &bytes, maps, &ws.config, &statuses, &ws.items)?;
            let taken = (found.records.clone(), found.notes.clone());
            if *with_history {
                dated = Some(found);
            }
            taken
        }
    };
    let repo = Repo::discover(&ws.root);
    let plan = import::plan(&ws.root, &ws.config, repo.as_ref(), &ws.items, records, notes)?;
    let history = match cmd {
        ImportCmd::BacklogMd {
            dir, with_history: true, ..
        } => Some(history::plan_backlog_md(
            dir,
            &ws.root,
            &ws.config,
            repo.as_ref(),
            &ws.items,
            &statuses,
            &plan,
        )?),
        ImportCmd::Csv { with_history: true, .. } => match &dated {
            Some(found) => Some(history::plan_jira_csv(
                &ws.root,
                &ws.config,
                repo.as_ref(),
                &ws.items,
                found,
                &plan,
            )?),
            None => None,
        },
        _ => None,
    };
    if args.dry_run {
        dry_run(&plan, read.as_ref(), &source, args, out)?;
        if let Some(h) = &history {
            history_counts(h, false, &mut out.stdout())?;
        }
        return Ok(OK);
    }
    // Backlog.md's documents are copied after the items, and committed with them when the
    // history is written.
    let mut documents = None;
    let mut copy_documents = || -> Result<Vec<PathBuf>, import::ImportError> {
        let Some(found) = &read else { return Ok(Vec::new()) };
        let written = backlog_md::write_documents(&ws.root, &ws.config, &found.documents)?;
        let created = written.created.clone();
        documents = Some(written);
        Ok(created)
    };
    // Whether the history import made its commits (not when everything was imported before).
    let mut joined = false;
    match (&history, &repo) {
        (Some(h), Some(repo)) => {
            let message = match &h.jira {
                Some(_) => format!(
                    "Import {source} with its history\n\n{} commit(s) built from the export's Created, Status Category Changed and Resolved dates.\n",
                    h.commits.len()
                ),
                None => format!(
                    "Import {source} with its history\n\n{} commit(s) replayed from {} source commit(s) that change its backlog.\n",
                    h.commits.len(),
                    h.source_commits
                ),
            };
            joined = history::write(
                &ws.root,
                &ws.config,
                repo,
                &plan,
                h,
                (&message, &repo.committer_now()),
                copy_documents,
            )?
            .is_some();
        }
        _ => {
            import::write(&ws.root, &plan)?;
            copy_documents()?;
        }
    }
    report(&plan, read.as_ref(), &source, history.is_some(), out)?;
    if let Some(d) = documents {
        documents_report(&d, out)?;
    }
    if let Some(h) = &history {
        if joined {
            history_counts(h, true, &mut out.stdout())?;
        } else {
            writeln!(
                out.stdout(),
                "\nHistory: nothing to write, so no commit was made: every item was imported before."
            )?;
        }
    }
    Ok(OK)
}

/// How many ADR files were read where, and which other files of the folder were not.
fn adr_files_note(found: &import::adr::Source) -> String {
    let mut note = format!("{} ADR file(s) read in {}", found.files_read, found.folder.display());
    if !found.not_imported.is_empty() {
        note.push_str(&format!("; not imported (not `NNNN-title.md`): {}", found.not_imported.join(", ")));
    }
    note
}

/// What the history import writes (or would write), in counts, and what it left out.
fn history_counts(h: &HistoryPlan, written: bool, w: &mut impl Write) -> std::io::Result<()> {
    if let Some(j) = &h.jira {
        return jira_counts(h, j, written, w);
    }
    writeln!(
        w,
        "\nHistory: {} source commit(s) change the backlog; {} commit(s) {} with their authors and dates, then one joining them to this branch.",
        h.source_commits,
        h.commits.len(),
        if written { "written" } else { "would be written" }
    )?;
    writeln!(
        w,
        "Items: {} changed status; {} followed across a change of id; {} deleted in the source (deleted in the history too).",
        h.status_changed, h.id_changes, h.deleted
    )?;
    if !h.notes.is_empty() {
        writeln!(w, "\nLeft out of past commits ({}):", h.notes.len())?;
        for n in &h.notes {
            writeln!(w, "  - {n}")?;
        }
    }
    Ok(())
}

/// What the history of a Jira export writes (or would write), in counts, and what the
/// export could not tell.
fn jira_counts(h: &HistoryPlan, j: &history::JiraEvents, written: bool, w: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        w,
        "\nHistory: {} issue(s); events: {} created, {} status category changed, {} resolved; {} commit(s) {} with their dates, then one joining them to this branch.",
        j.issues,
        j.created,
        j.status_changed,
        j.resolved,
        h.commits.len(),
        if written { "written" } else { "would be written" }
    )?;
    writeln!(
        w,
        "Items: {} changed status; {} with no date (no `Created`): they appear in the last commit, as in a plain import.",
        h.status_changed, j.undated
    )?;
    writeln!(
        w,
        "Authors: an issue is created by its Reporter (else its Creator), with the e-mail <handle>@{}; status changes and resolutions by `{} <{}>`: the export does not say who made them (the Assignee would be a guess).",
        history::REPORTER_DOMAIN,
        history::IMPORTER_NAME,
        history::IMPORTER_EMAIL
    )?;
    writeln!(
        w,
        "Not in the export, so not in the history: intermediate statuses and who moved them, estimate and other field changes (every field has its current value from the first commit), comments' dates (they stay text in the body), and when an issue joined or left a sprint: the sprint scope changes of {} issue(s) in sprints could not be dated.",
        j.in_sprints
    )?;
    Ok(())
}

/// What was read and how references resolved, in counts; then each file skipped and each
/// other finding, with its code.
fn counts(plan: &Plan, read: Option<&backlog_md::Source>, w: &mut impl Write) -> std::io::Result<()> {
    writeln!(w)?;
    if let Some(read) = read {
        let skipped = read.findings.iter().filter(|f| f.skipped()).count();
        writeln!(
            w,
            "Files: {} task, draft and milestone file(s) read, {skipped} skipped; {} decision file(s) read; {} document(s) in docs/, copied as they are.",
            read.files_read,
            read.decisions_read,
            read.documents.len()
        )?;
    }
    let r = plan.references;
    writeln!(
        w,
        "References: {} resolved, {} unresolved, {} ambiguous.",
        r.resolved, r.unresolved, r.ambiguous
    )?;
    let Some(read) = read.filter(|r| !r.findings.is_empty()) else {
        return Ok(());
    };
    for (title, skipped) in [("Skipped", true), ("Findings", false)] {
        let some: Vec<_> = read.findings.iter().filter(|f| f.skipped() == skipped).collect();
        if some.is_empty() {
            continue;
        }
        writeln!(w, "\n{title} ({}):", some.len())?;
        for f in some {
            writeln!(w, "  {} [{}]: {}", f.at, f.code.as_str(), f.message)?;
        }
    }
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &read.findings {
        *by_code.entry(f.code.as_str()).or_default() += 1;
    }
    let by: Vec<String> = by_code.iter().map(|(c, n)| format!("{c} {n}")).collect();
    writeln!(w, "By code: {}.", by.join(", "))?;
    Ok(())
}

/// Which Backlog.md documents were copied, and which were there already.
fn documents_report(d: &backlog_md::DocumentsWritten, out: &mut Out) -> CommandResult<()> {
    let mut w = out.stdout();
    if !d.created.is_empty() || !d.present.is_empty() {
        writeln!(w, "\nDocuments: {} copied, {} already there.", d.created.len(), d.present.len())?;
    }
    if !d.differing.is_empty() {
        writeln!(
            w,
            "\nDocuments left as they are (a different file has the name) ({}):",
            d.differing.len()
        )?;
        for p in &d.differing {
            writeln!(w, "  {}", pobox::text::path::slash(p))?;
        }
    }
    Ok(())
}

fn items_table(plan: &Plan, out: &Out) -> String {
    let mut t = Table::new(["FILE", "ID", "FROM", "STATUS", "TITLE"]).flexible(4);
    for p in &plan.items {
        t.push_row([
            pobox::text::path::slash(&p.path),
            p.id.clone(),
            p.alias.clone(),
            p.status.clone().unwrap_or_else(|| "-".to_owned()),
            p.title.clone(),
        ]);
    }
    t.render(out.width())
}

fn summary_table(plan: &Plan, out: &Out) -> String {
    let mut by_kind: BTreeMap<usize, (Kind, BTreeMap<String, usize>)> = BTreeMap::new();
    for p in &plan.items {
        let rank = Kind::ALL.iter().position(|k| *k == p.kind).unwrap_or(usize::MAX);
        let entry = by_kind.entry(rank).or_insert_with(|| (p.kind, BTreeMap::new()));
        *entry.1.entry(p.status.clone().unwrap_or_else(|| "-".to_owned())).or_default() += 1;
    }
    let mut t = Table::new(["KIND", "NEW", "BY STATUS"]).flexible(2);
    for (kind, counts) in by_kind.values() {
        let total: usize = counts.values().sum();
        let by = counts.iter().map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(", ");
        t.push_row([kind.folder().to_owned(), total.to_string(), by]);
    }
    t.render(out.width())
}

fn skipped_and_notes(plan: &Plan, w: &mut impl Write) -> std::io::Result<()> {
    if !plan.skipped.is_empty() {
        writeln!(w, "\nAlready imported, skipped ({}):", plan.skipped.len())?;
        for s in &plan.skipped {
            writeln!(w, "  {} is {} ({})", s.alias, s.id, s.source)?;
        }
    }
    if !plan.notes.is_empty() {
        writeln!(w, "\nNotes ({}):", plan.notes.len())?;
        for n in &plan.notes {
            writeln!(w, "  - {n}")?;
        }
    }
    if !plan.unreadable.is_empty() {
        // Their aliases are unknown: `import::write` refuses until they can be read.
        let n = plan.unreadable.len();
        writeln!(w, "\nNot checked for earlier imports: {}:", unreadable::cannot_read(n))?;
        write!(w, "{}", unreadable::lines(&plan.unreadable, "  "))?;
        writeln!(w, "Nothing can be imported until pobox can read them.")?;
    }
    Ok(())
}

fn dry_run(plan: &Plan, read: Option<&backlog_md::Source>, source: &str, args: &ImportArgs, out: &mut Out) -> CommandResult<()> {
    let mut w = out.stdout();
    writeln!(
        w,
        "Dry run: nothing was written. Importing {source} would create {} file(s){}",
        plan.items.len(),
        if plan.items.is_empty() { "." } else { ":" }
    )?;
    if !plan.items.is_empty() {
        writeln!(w)?;
        write!(w, "{}", items_table(plan, out))?;
        writeln!(w)?;
        write!(w, "{}", summary_table(plan, out))?;
    }
    counts(plan, read, &mut w)?;
    skipped_and_notes(plan, &mut w)?;
    if args.print {
        for p in &plan.items {
            writeln!(w, "\n<!-- {} -->", pobox::text::path::slash(&p.path))?;
            // Line breaks and tabs stay; other control characters are shown escaped.
            let shown: String = p
                .text
                .chars()
                .map(|c| {
                    if c.is_control() && !matches!(c, '\n' | '\t' | '\r') {
                        c.escape_default().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            write!(w, "{shown}")?;
        }
    }
    Ok(())
}

fn report(plan: &Plan, read: Option<&backlog_md::Source>, source: &str, committed: bool, out: &mut Out) -> CommandResult<()> {
    let mut w = out.stdout();
    writeln!(w, "Imported {source}: created {} file(s).", plan.items.len())?;
    if !plan.items.is_empty() {
        writeln!(w)?;
        write!(w, "{}", items_table(plan, out))?;
        writeln!(w)?;
        write!(w, "{}", summary_table(plan, out))?;
    }
    counts(plan, read, &mut w)?;
    skipped_and_notes(plan, &mut w)?;
    if !plan.items.is_empty() && !committed {
        writeln!(
            w,
            "\nNext: `pobox validate` checks the imported items; `git add` and commit them to keep the import."
        )?;
    }
    Ok(())
}
