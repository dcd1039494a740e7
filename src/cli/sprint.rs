//! `pobox sprint …`: new, list and move as for every kind, plus plan, start and close.

use std::io::Write;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use jiff::civil::Date;

use pobox::create;
use pobox::edit::NewValue;
use pobox::git::Repo;
use pobox::model::Kind;
use pobox::render::Table;
use pobox::render::unreadable;
use pobox::sprint::{self, CapacitySource, Plan};
use pobox::workspace::LoadOptions;

use super::error::CommandResult;
use super::exit::OK;
use super::items::{self, CommonNew, Fields, ListArgs, count, date_arg, new_item, text};
use super::output::Out;
use super::session::Session;

/// What can be done with sprints: what every kind with a status can do, plus planning
/// and the sprint's life cycle.
#[derive(Debug, Subcommand)]
pub enum SprintCmd {
    /// Create one.
    New(SprintNew),
    /// List them.
    #[command(alias = "ls")]
    List(ListArgs),
    /// Change the status (its help comes from [`items::move_about`]).
    Move {
        /// The sprint's id.
        id: String,
        /// The new status.
        status: String,
    },
    /// Propose a sprint backlog: ready stories in rank order, prerequisites first, up to
    /// the capacity.
    Plan(SprintPlanArgs),
    /// Start a sprint (status active); only one sprint runs at a time.
    Start {
        /// The sprint's id.
        id: String,
    },
    /// Close a sprint: count what was done, carry unfinished stories on.
    Close {
        /// The sprint's id.
        id: String,
        /// Where unfinished stories go (default: the next sprint by start date, else the
        /// backlog).
        #[arg(long, value_name = "SPRINT")]
        carry_to: Option<String>,
    },
}

/// `pobox sprint new`.
#[derive(Debug, Args)]
pub struct SprintNew {
    /// First day (YYYY-MM-DD).
    #[arg(long)]
    pub start: String,
    /// Length in days, 1 to 366 (default: sprint_length_days from pobox.yaml).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(pobox::model::item::MAX_SPRINT_DAYS)))]
    pub length: Option<u32>,
    /// The sprint goal.
    #[arg(long)]
    pub goal: Option<String>,
    /// Capacity in points.
    #[arg(long)]
    pub capacity: Option<u32>,
    /// Title (default: "Sprint N").
    #[arg(long)]
    pub title: Option<String>,
    #[command(flatten)]
    pub common: CommonNew,
}

/// `pobox sprint plan` options.
#[derive(Debug, Args)]
pub struct SprintPlanArgs {
    /// The sprint to plan (default: the next planned sprint by start date).
    pub sprint: Option<String>,
    /// Points it can take (default: its capacity, else the mean velocity of the last 3
    /// closed sprints).
    #[arg(long)]
    pub capacity: Option<u32>,
    /// Set `sprint:` on the planned stories.
    #[arg(long)]
    pub write: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
    pub format: PlanFormat,
}

/// Formats of `sprint plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// The plan as a table, with totals, skipped stories and risks.
    Table,
    /// One versioned JSON document.
    Json,
}

/// Run one `pobox sprint` command.
pub fn run(session: &Session, cmd: &SprintCmd, out: &mut Out) -> CommandResult<u8> {
    match cmd {
        SprintCmd::New(args) => sprint_new(session, args, out),
        SprintCmd::List(args) => items::list_items(session, Kind::Sprint, args, out),
        SprintCmd::Move { id, status } => items::move_item(session, Kind::Sprint, id, status, out),
        SprintCmd::Plan(args) => plan(session, args, out),
        SprintCmd::Start { id } => start(session, id, out),
        SprintCmd::Close { id, carry_to } => close(session, id, carry_to.as_deref(), out),
    }
}

/// `pobox sprint new`: a sprint from its first day and length.
pub fn sprint_new(session: &Session, a: &SprintNew, out: &mut Out) -> CommandResult<u8> {
    let (root, config) = session.config(out)?;
    let start = date_arg("start", &a.start)?;
    let end = pobox::sprint::end_of(start, a.length.unwrap_or(config.sprint_length_days)).context("the end date is out of range")?;
    let mut f = Fields::new();
    f.push(("start".into(), NewValue::Text(start.to_string())));
    f.push(("end".into(), NewValue::Text(end.to_string())));
    text(&mut f, "goal", a.goal.as_ref());
    count(&mut f, "capacity", a.capacity);
    let n = create::highest_number(&root, &config, Kind::Sprint, Repo::discover(&root).as_ref()).saturating_add(1);
    let title = a.title.clone().unwrap_or_else(|| format!("Sprint {n}"));
    let code = new_item(session, Kind::Sprint, &title, None, None, None, f, &a.common, out)?;
    warn_days_gone(out, "the new sprint", start, end, "give `--start` a day from today on")?;
    Ok(code)
}

/// Warn on stderr when a sprint being made or started lies (partly) in the past: pobox
/// accepts it, since a team may record a sprint after the fact, but a stale date copied
/// from a guide would otherwise go unnoticed until the reports look wrong.
fn warn_days_gone(out: &Out, what: &str, start: Date, end: Date, fix: &str) -> CommandResult<()> {
    let today = pobox::clock::today();
    let days = |n: i64| if n == 1 { "1 day".to_owned() } else { format!("{n} days") };
    let gone = match sprint::days_gone(start, end, today) {
        sprint::DaysGone::None => return Ok(()),
        sprint::DaysGone::Started { days: n } => format!("started on {start}, {} ago", days(n)),
        sprint::DaysGone::Ended { days: n } => format!("runs from {start} to {end}, all in the past: its last day was {} ago", days(n)),
    };
    writeln!(
        out.stderr(),
        "warning: {what} {gone} (today is {today}); if that is not what you meant, {fix}"
    )?;
    Ok(())
}

fn plan(session: &Session, args: &SprintPlanArgs, out: &mut Out) -> CommandResult<u8> {
    // Bodies are read so stories without acceptance criteria show up as risks.
    let ws = session.load(LoadOptions::default(), out)?;
    // Only read when the plan needs a velocity; without a full history (no git, a shallow
    // clone) the plan falls back on today's files and says so.
    let history_velocity = || {
        let history = session.history(out).ok()?;
        let reports = pobox::history::sprints::sprint_reports(&history, pobox::clock::today());
        Some(sprint::history_velocity(&pobox::history::sprints::velocity(&reports)))
    };
    let plan = sprint::plan(&ws, args.sprint.as_deref(), args.capacity, history_velocity)?;
    let written = if args.write { sprint::write_plan(&ws, &plan)? } else { Vec::new() };
    match args.format {
        PlanFormat::Json => {
            let doc = serde_json::json!({
                "version": pobox::text::json::VERSION,
                "plan": plan,
                "written": written,
            });
            writeln!(out.stdout(), "{}", pobox::text::json::to_json_string(&doc))?;
        }
        PlanFormat::Table => print_plan(&plan, args.write, &written, out)?,
    }
    Ok(OK)
}

fn points(p: Option<u32>) -> String {
    p.map_or_else(|| "-".to_owned(), |p| p.to_string())
}

fn print_plan(plan: &Plan, write: bool, written: &[String], out: &mut Out) -> CommandResult<()> {
    let width = out.width();
    let mut w = out.stdout();
    let source = match &plan.capacity_source {
        CapacitySource::Option => "from --capacity".to_owned(),
        CapacitySource::Sprint => format!("{}'s capacity", plan.sprint),
        velocity @ CapacitySource::Velocity { mean, .. } if mean.fract() > 0.0 => format!("{velocity}, rounded down"),
        velocity => velocity.to_string(),
    };
    writeln!(w, "Plan for {}: capacity {} pts ({source})", plan.sprint, plan.capacity)?;
    if let Some(goal) = &plan.goal {
        writeln!(w, "Goal: {}", pobox::text::control::escape(goal))?;
    }
    writeln!(w)?;
    if plan.stories.is_empty() {
        writeln!(w, "No story fits.")?;
    } else {
        let mut table = Table::new(["ID", "PTS", "WHY", "TITLE"]).flexible(3);
        for s in &plan.stories {
            table.push_row([s.id.clone(), points(s.points), s.why.to_string(), s.title.clone()]);
        }
        w.write_all(table.render(width).as_bytes())?;
    }
    let left = if plan.left >= 0 {
        format!("{} left", plan.left)
    } else {
        format!("{} over", -plan.left)
    };
    if plan.unreadable.is_empty() {
        writeln!(w, "\nTotal: {} of {} pts, {left}.", plan.total, plan.capacity)?;
    } else {
        // Such a story may already be in the sprint, or ready: the total is partial.
        let n = plan.unreadable.len();
        writeln!(
            w,
            "\nTotal: {} of {} pts, {left}; {}:",
            plan.total,
            plan.capacity,
            unreadable::not_counted(n)
        )?;
        write!(w, "{}", unreadable::lines(&plan.unreadable, "  "))?;
    }
    if !plan.skipped.is_empty() {
        writeln!(w, "\nSkipped:")?;
        for s in &plan.skipped {
            // "S-9 waits for S-4, …" names the story already; the other reasons do not.
            if s.message.starts_with(&s.id) {
                writeln!(w, "  {}", s.message)?;
            } else {
                writeln!(w, "  {}: {}", s.id, s.message)?;
            }
        }
    }
    if !plan.risks.is_empty() {
        writeln!(w, "\nRisks:")?;
        for r in &plan.risks {
            writeln!(w, "  {}: {}", r.id, r.message)?;
        }
    }
    if plan.unranked > 0 {
        let stories = if plan.unranked == 1 { "story has" } else { "stories have" };
        writeln!(
            w,
            "\n{} ready {stories} no rank and came last, by id: run `pobox prioritize --write` to rank them.",
            plan.unranked
        )?;
    }
    let new: Vec<&str> = plan.new_stories().map(|s| s.id.as_str()).collect();
    if write {
        if written.is_empty() {
            writeln!(w, "\nNothing to write: every planned story already has `sprint: {}`.", plan.sprint)?;
        } else {
            writeln!(w, "\nWrote `sprint: {}` to {}.", plan.sprint, written.join(", "))?;
        }
    } else if !new.is_empty() && !plan.unreadable.is_empty() {
        writeln!(w, "\nNothing written: `--write` waits until pobox can read the files above.")?;
    } else if !new.is_empty() {
        // The command to run again asks for the same capacity, or it would plan another sprint.
        let capacity = if matches!(plan.capacity_source, CapacitySource::Option) {
            format!(" --capacity {}", plan.capacity)
        } else {
            String::new()
        };
        writeln!(
            w,
            "\nNothing written. Run `pobox sprint plan {}{capacity} --write` to set `sprint: {}` on {}.",
            plan.sprint,
            plan.sprint,
            new.join(", ")
        )?;
    }
    Ok(())
}

fn start(session: &Session, id: &str, out: &mut Out) -> CommandResult<u8> {
    let ws = session.load(LoadOptions::without_bodies(), out)?;
    let started = sprint::start(&ws, id)?;
    let mut w = out.info();
    let stories = if started.stories == 1 { "story" } else { "stories" };
    let capacity = started.capacity.map_or(String::new(), |c| format!(" (capacity {c})"));
    if started.changed {
        writeln!(
            w,
            "Started {id}: {} {stories}, {} pts committed{capacity}.",
            started.stories, started.committed
        )?;
    } else {
        writeln!(
            w,
            "{id} is already active: {} {stories}, {} pts{capacity}; nothing changed.",
            started.stories, started.committed
        )?;
    }
    if started.capacity.is_some_and(|c| started.committed > c) {
        writeln!(w, "warning: {id} holds more points than its capacity")?;
    }
    drop(w);
    if let (true, Some((start, end))) = (started.changed, started.dates) {
        let fix = format!("change its dates: `pobox set {id} start=YYYY-MM-DD end=YYYY-MM-DD`");
        warn_days_gone(out, id, start, end, &fix)?;
    }
    Ok(OK)
}

fn close(session: &Session, id: &str, carry_to: Option<&str>, out: &mut Out) -> CommandResult<u8> {
    // Bodies too: the sprint report reads the meetings' action items.
    let ws = session.load(LoadOptions::default(), out)?;
    let today = pobox::clock::today();
    // The numbers are the sprint report's, from git's history with the working tree as the
    // last commit: what `pobox report sprint` says once the close is committed.
    let summary = session
        .history(out)
        .ok()
        .and_then(|h| pobox::report::sprint::build(&ws, &h.with_uncommitted(&ws, today), id, today).ok());
    let closed = sprint::close(&ws, id, carry_to)?;
    let carried = if closed.carried.is_empty() {
        "nothing to carry".to_owned()
    } else {
        let to = match &closed.carried_to {
            sprint::CarriedTo::Sprint(s) => format!("to {s}"),
            sprint::CarriedTo::Backlog => "back to the backlog".to_owned(),
        };
        format!("carried {} {to}", closed.carried.join(", "))
    };
    let mut w = out.info();
    writeln!(w, "Closed {id}: {carried}.\n")?;
    match summary {
        Some(doc) => w.write_all(doc.summary_text(None).as_bytes())?,
        None => {
            let percent = closed.completion_percent.map_or_else(|| "-".to_owned(), |p| format!("{p}%"));
            writeln!(
                w,
                "Without git history the commitment at the start is not known: the final scope was {} pts, of which {} pts were completed ({percent}).",
                closed.final_scope, closed.completed
            )?;
        }
    }
    writeln!(
        w,
        "\nWas the sprint goal met? Record it: `pobox set {id} goal_met=true` (or false)."
    )?;
    Ok(OK)
}
