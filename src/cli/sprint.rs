//! `pobox sprint …`: new, list and move as for every kind, plus plan, start and close.

use std::io::Write;

use anyhow::Result;

use pobox::model::Kind;
use pobox::render::Table;
use pobox::sprint::{self, CapacitySource, Plan};
use pobox::workspace::LoadOptions;

use super::args::{Cli, PlanFormat, SprintCmd, SprintPlanArgs};
use super::{OK, Out, items, load};

/// Run one `pobox sprint` command.
pub fn run(cli: &Cli, cmd: &SprintCmd, out: &mut Out) -> Result<u8> {
    match cmd {
        SprintCmd::New(args) => items::sprint_new(cli, args, out),
        SprintCmd::List(args) => items::list_items(cli, Kind::Sprint, args, out),
        SprintCmd::Move { id, status } => items::move_item(cli, Kind::Sprint, id, status, out),
        SprintCmd::Plan(args) => plan(cli, args, out),
        SprintCmd::Start { id } => start(cli, id, out),
        SprintCmd::Close { id, carry_to } => close(cli, id, carry_to.as_deref(), out),
    }
}

fn plan(cli: &Cli, args: &SprintPlanArgs, out: &mut Out) -> Result<u8> {
    // Bodies are read so stories without acceptance criteria show up as risks.
    let ws = load(cli, LoadOptions::default(), out)?;
    // Only read when the plan needs a velocity; without a full history (no git, a shallow
    // clone) the plan falls back on today's files and says so.
    let history_velocity = || {
        let history = super::history::read_history(cli, out).ok()?;
        let reports = pobox::history::sprints::sprint_reports(&history, pobox::clock::today());
        sprint::history_velocity(&pobox::history::sprints::velocity(&reports))
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

fn print_plan(plan: &Plan, write: bool, written: &[String], out: &mut Out) -> Result<()> {
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
    writeln!(w, "\nTotal: {} of {} pts, {left}.", plan.total, plan.capacity)?;
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
    } else if !new.is_empty() {
        writeln!(
            w,
            "\nNothing written. Run `pobox sprint plan {} --write` to set `sprint: {}` on {}.",
            plan.sprint,
            plan.sprint,
            new.join(", ")
        )?;
    }
    Ok(())
}

fn start(cli: &Cli, id: &str, out: &mut Out) -> Result<u8> {
    let ws = load(cli, LoadOptions::without_bodies(), out)?;
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
    Ok(OK)
}

fn close(cli: &Cli, id: &str, carry_to: Option<&str>, out: &mut Out) -> Result<u8> {
    let ws = load(cli, LoadOptions::without_bodies(), out)?;
    let closed = sprint::close(&ws, id, carry_to)?;
    let percent = closed.completion_percent.map_or_else(|| "-".to_owned(), |p| format!("{p}%"));
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
    writeln!(
        w,
        "Closed {id}: committed {} pts, completed {} pts ({percent}); {carried}",
        closed.committed, closed.completed
    )?;
    writeln!(w, "Was the sprint goal met? Record it: `pobox set {id} goal_met=true` (or false).")?;
    Ok(OK)
}
