//! `pobox forecast`: Monte Carlo forecasts from the backlog's own daily throughput (domain
//! reference §3, "Monte Carlo"; docs/forecasting.md).
//!
//! The samples are the throughput of the last `--window-days` working days up to today
//! ([`metrics::throughput_per_workday`]: Monday to Friday, zero days included, never before
//! the backlog's first commit), and the forecast counts working days from today, so both
//! sides skip weekends alike. The work left is [`WorkLeft`]'s: `--items N` (or `LOW-HIGH`,
//! drawn per trial), `--epic E`'s open stories, or, with neither, the active sprint's.
//!
//! `--split-rate` multiplies that work per trial (Magennis: stories split as they are
//! worked on). `--by DATE` alone asks the other question, how many stories by that day; with
//! work to do it adds the likelihood that the work is done by that day.
//!
//! A story file pobox cannot read is in no count (its epic, sprint and status are unknown)
//! and what it says now is in no sample: every forecast names such files and says its count
//! is partial (domain §8).

use std::fmt::Write as _;
use std::io::Write;

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use pobox::forecast::{self, Calendar, ForecastError, HEADLINE_PERCENT, HowManyForecast, Samples, WhenForecast};
use pobox::history::metrics::{self, DayCount, FlowItem, LeftOut};
use pobox::model::Kind;
use pobox::render::Table;
use pobox::render::unreadable::{lines, not_counted, paragraph};
use pobox::text::json::{VERSION, to_json_string};
use pobox::work_left::{WorkLeft, WorkSource};
use pobox::workspace::{LoadOptions, UnreadableFile};

use super::error::{CommandError, CommandResult};
use super::exit::OK;
use super::output::Out;
use super::session::Session;

/// `forecast` options. With neither `--items` nor `--epic` the forecast is for the active
/// sprint's open stories; `--by` alone asks how many stories will be done by a date.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("question").args(["epic", "items"])))]
#[command(after_long_help = HOW_TO_READ)]
pub struct ForecastArgs {
    /// When will this epic's open stories (any status but done and dropped) be done?
    #[arg(long, value_name = "EPIC")]
    pub epic: Option<String>,
    /// When will N more stories be done? A range `LOW-HIGH` (e.g. `20-30`) draws the count
    /// for each trial, uniformly.
    #[arg(long, value_name = "N|LOW-HIGH", value_parser = forecast::parse_item_count)]
    pub items: Option<(u32, u32)>,
    /// Alone: how many stories will be done by DATE (YYYY-MM-DD)? With `--items`, `--epic` or
    /// an active sprint: how likely they are done by DATE.
    #[arg(long, value_name = "DATE", value_parser = pobox::model::fields::parse_date)]
    pub by: Option<Date>,
    /// Multiply the stories left by a rate drawn for each trial from `LOW-HIGH` (e.g.
    /// `1.0-1.5`), or by a fixed `RATE`: stories split as they are worked on.
    #[arg(long, value_name = "RATE|LOW-HIGH", value_parser = forecast::parse_split_rate)]
    pub split_rate: Option<(f64, f64)>,
    /// Trials to run (1 to 1,000,000).
    #[arg(long, default_value_t = forecast::DEFAULT_TRIALS)]
    pub trials: u32,
    /// Seed of the random draws: the same seed and history give the same forecast.
    #[arg(long, default_value_t = forecast::DEFAULT_SEED)]
    pub seed: u64,
    /// Working days (Monday to Friday) of history to sample throughput from, up to today.
    #[arg(long, value_name = "DAYS", default_value_t = forecast::DEFAULT_WINDOW_DAYS,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub window_days: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ForecastFormat::Table)]
    pub format: ForecastFormat,
}

/// How to read a forecast, for every user of the binary (`pobox forecast --help`, and the
/// man page built from it), who may not have pobox's `docs/forecasting.md` at hand.
const HOW_TO_READ: &str = "\
How to read a forecast:
  Each trial replays the team's past working days at random (the daily throughput of the
  last --window-days, days with nothing finished included) until the work is done, and
  counts the days. \"P85: 2026-11-20\" means 85% likely done on or before 20 November: 85 of
  every 100 trials finished by then. Commit at P85; P50 is a coin toss, P95 is for dates
  that must hold. With --by alone the percentiles run the other way: \"85% chance of >= 27
  stories\" is the count 85 of every 100 trials met or exceeded.
  Dates count working days (Monday to Friday) from today. The same seed and history give
  the same forecast.";

/// Formats of `forecast`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ForecastFormat {
    /// Aligned columns.
    Table,
    /// One versioned JSON document.
    Json,
}

/// "5 more stories", "20 to 30 more stories", "the 5 open stories of E-2", "the 2 open
/// stories of sprint SP-3".
fn describe(work: &WorkLeft) -> String {
    let n = work.count;
    let stories = if n == 1 && work.count_high.is_none() { "story" } else { "stories" };
    match (&work.source, &work.id, work.count_high) {
        (WorkSource::Epic, Some(id), _) => format!("the {n} open {stories} of {id}"),
        (WorkSource::Sprint, Some(id), _) => format!("the {n} open {stories} of sprint {id}"),
        (_, _, Some(high)) => format!("{n} to {high} more {stories}"),
        _ => format!("{n} more {stories}"),
    }
}

/// The question asked.
enum Question {
    When(WorkLeft),
    HowMany(Date),
}

/// The samples and where they came from.
struct Window {
    requested_days: u32,
    days: Vec<DayCount>,
    /// Stories first seen already done in the window: not in its throughput.
    left_out: Vec<FlowItem>,
}

impl Window {
    fn from(&self) -> Option<Date> {
        self.days.first().map(|d| d.date)
    }

    fn to(&self) -> Option<Date> {
        self.days.last().map(|d| d.date)
    }

    fn finished(&self) -> u64 {
        self.days.iter().map(|d| u64::from(d.count)).sum()
    }

    fn left_out_counts(&self) -> Vec<(LeftOut, usize)> {
        metrics::count_by_reason(self.left_out.iter().filter_map(|f| f.left_out))
    }

    fn nonzero(&self) -> usize {
        self.days.iter().filter(|d| d.count > 0).count()
    }

    /// "32 working days (Mon–Fri) from 2026-09-01 to 2026-10-14".
    fn span(&self) -> String {
        match (self.from(), self.to()) {
            (Some(from), Some(to)) => format!("{} working days (Mon–Fri) from {from} to {to}", self.days.len()),
            _ => "no working days".to_owned(),
        }
    }
}

/// `pobox forecast`.
pub fn run(session: &Session, args: &ForecastArgs, out: &mut Out) -> CommandResult<u8> {
    let today = pobox::clock::today();
    let workdays = Calendar {
        start: today,
        workdays_only: true,
    };
    if let Some(by) = args.by
        && workdays.days_until(by) <= 0
    {
        return Err(
            CommandError::msg(format!("--by {by} leaves no working day after today ({today}) to count")).hint("name a later working day"),
        );
    }
    let ws = session.load(LoadOptions::without_bodies(), out)?;
    let question = match (args.items, &args.epic, args.by) {
        (Some((low, high)), _, _) => Question::When(WorkLeft::items(low, high)),
        (None, Some(epic), _) => Question::When(WorkLeft::of_epic(&ws, epic)?),
        (None, None, Some(by)) => Question::HowMany(by),
        (None, None, None) => Question::When(WorkLeft::of_active_sprint(&ws)?),
    };
    let unreadable = ws.unreadable(&[Kind::Story]);
    drop(ws);
    if args.split_rate.is_some() && matches!(question, Question::HowMany(_)) {
        let by = args.by.map_or_else(String::new, |d| d.to_string());
        return Err(
            CommandError::msg("--split-rate multiplies the stories left, and `--by` alone counts stories done instead")
                .hint(format!("add `--items N` or `--epic E-n` to ask how likely they are done by {by}")),
        );
    }
    let history = session.history(out)?;
    let days = metrics::throughput_per_workday(&history, today, args.window_days as usize);
    let left_out = match (days.first(), days.last()) {
        // A story finished on a weekend counts on the Friday before: the window's
        // last working day runs on to today.
        (Some(from), Some(_)) => metrics::first_seen_done_between(&history, from.date, today),
        _ => Vec::new(),
    };
    let window = Window {
        requested_days: args.window_days,
        days,
        left_out,
    };
    let samples = Samples::new(window.days.iter().map(|d| d.count).collect()).map_err(|e| too_little(&e, &window))?;
    let (trials, seed) = (args.trials, args.seed);
    let doc = match &question {
        Question::When(work) => {
            let f = forecast::when(&samples, work.to_do(args.split_rate)?, trials, seed, today, true)?;
            let by = args.by.map(|date| (date, f.likelihood_by(date)));
            Report::When {
                work,
                split_rate: args.split_rate,
                by,
                forecast: f,
            }
        }
        Question::HowMany(by) => {
            let by = *by;
            let f = forecast::how_many_by(&samples, today, by, true, trials, seed)?;
            Report::HowMany { by, forecast: f }
        }
    };
    match args.format {
        ForecastFormat::Json => {
            let mut doc = json(&doc, today, &window, seed);
            if !unreadable.is_empty() {
                doc["unreadable"] = serde_json::to_value(&unreadable)?;
            }
            writeln!(out.data(), "{}", to_json_string(&doc))?;
        }
        ForecastFormat::Table => {
            let text = table(&doc, today, &window, seed, out.width(), &unreadable);
            out.data().write_all(text.as_bytes())?;
        }
    }
    Ok(OK)
}

/// The library's refusal, with where the window lay.
fn too_little(e: &ForecastError, window: &Window) -> CommandError {
    let help = match (window.from(), window.to()) {
        (Some(from), Some(to)) => format!(
            "the window was the {} (Mon–Fri) from {from} to {to}: --window-days {}, never before the backlog's first commit",
            plural(window.days.len() as u64, "working day", "working days"),
            window.requested_days
        ),
        _ => "the backlog has no committed history on a working day up to today yet".to_owned(),
    };
    CommandError::from(e.clone()).hint(help)
}

/// A forecast with the question it answers.
enum Report<'a> {
    When {
        work: &'a WorkLeft,
        split_rate: Option<(f64, f64)>,
        /// `--by DATE` and the likelihood of being done by then.
        by: Option<(Date, f64)>,
        forecast: WhenForecast,
    },
    HowMany {
        by: Date,
        forecast: HowManyForecast,
    },
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The sentence a report leads with.
fn headline(report: &Report<'_>) -> String {
    match report {
        Report::When { work, .. } if work.is_nothing() => "Nothing left to do: no open stories to finish".to_owned(),
        Report::When {
            by: Some((date, likelihood)),
            ..
        } => {
            format!("{} likely done on or before {date}", percent(*likelihood))
        }
        Report::When { forecast, .. } => match forecast.percentile(HEADLINE_PERCENT).and_then(|p| p.finish) {
            Some(f) => format!("{HEADLINE_PERCENT}% likely done on or before {}", f.date),
            None => format!(
                "{HEADLINE_PERCENT}% likely: not done within {} working days",
                forecast::MAX_TRIAL_DAYS
            ),
        },
        Report::HowMany { forecast, .. } => {
            let n = forecast.percentile(HEADLINE_PERCENT).map_or(0, |p| p.at_least);
            format!("{HEADLINE_PERCENT}% likely: at least {}", plural(n, "story", "stories"))
        }
    }
}

/// The forecast as text; `unreadable` are the story files pobox cannot read: under the
/// question when it counted stories (the count is partial), else under the samples.
fn table(report: &Report<'_>, today: Date, window: &Window, seed: u64, width: Option<usize>, unreadable: &[UnreadableFile]) -> String {
    let mut s = String::new();
    let mut samples_note = paragraph(unreadable);
    let trials = match report {
        Report::When {
            work,
            split_rate,
            by,
            forecast,
        } => {
            let _ = write!(s, "When will {} be done?", describe(work));
            if work.counted_statuses.is_some() && !unreadable.is_empty() {
                let _ = write!(s, " Partial count: {}:\n{}", not_counted(unreadable.len()), lines(unreadable, "  "));
                samples_note.clear();
            } else {
                s.push('\n');
            }
            if let Some((low, high)) = split_rate {
                let rate = if low == high {
                    format!("{low:?}")
                } else {
                    format!("{low:?} to {high:?}")
                };
                let _ = writeln!(s, "Each trial multiplies them by a split rate of {rate}, rounded up.");
            }
            let _ = writeln!(s, "{}", headline(report));
            if by.is_some()
                && let Some(f) = forecast.percentile(HEADLINE_PERCENT).and_then(|p| p.finish)
            {
                let _ = writeln!(s, "({HEADLINE_PERCENT}% likely done on or before {})", f.date);
            }
            s.push('\n');
            let mut t = Table::new(["CHANCE", "DONE ON OR BEFORE", "WORKING DAYS"]);
            for p in forecast.percentiles() {
                let (date, days) = match p.finish {
                    Some(f) => (f.date.to_string(), f.days.to_string()),
                    None => ("not within the horizon".to_owned(), format!("> {}", forecast::MAX_TRIAL_DAYS)),
                };
                t.push_row([format!("{}%", p.percent), date, days]);
            }
            s.push_str(&t.render(width));
            if work.counted_statuses.is_some() {
                let ids: Vec<String> = work
                    .stories
                    .iter()
                    .map(|o| format!("{} ({})", o.id, o.status.as_deref().unwrap_or("no status")))
                    .collect();
                let list = if ids.is_empty() { "none".to_owned() } else { ids.join(", ") };
                let _ = writeln!(s, "\nCounted as open (any status but done and dropped): {list}");
            }
            forecast.trials()
        }
        Report::HowMany { by, forecast } => {
            let days = forecast.days();
            let _ = writeln!(
                s,
                "How many stories will be done by {by}? ({} after {today})",
                plural(u64::from(days), "working day", "working days")
            );
            let _ = writeln!(s, "{}\n", headline(report));
            let mut t = Table::new(["CHANCE", "STORIES DONE"]);
            for p in forecast.percentiles() {
                t.push_row([format!("{}%", p.percent), format!("at least {}", p.at_least)]);
            }
            s.push_str(&t.render(width));
            forecast.trials()
        }
    };
    let zero = window.days.len() - window.nonzero();
    let _ = writeln!(
        s,
        "\nSamples: daily throughput of the {}: {} finished, {} with none.",
        window.span(),
        plural(window.finished(), "story", "stories"),
        plural(zero as u64, "day", "days"),
    );
    s.push_str(&samples_note);
    s.push_str(&super::metrics::left_out_lines(&window.left_out_counts()));
    if window.days.len() < window.requested_days as usize {
        let _ = writeln!(
            s,
            "The backlog's history starts on {}, so the window is shorter than --window-days {}.",
            window.from().map_or_else(String::new, |d| d.to_string()),
            window.requested_days
        );
    }
    let _ = writeln!(
        s,
        "{trials} trials, seed {seed}: re-run with --seed {seed} to reproduce. Dates count working days after {today}."
    );
    let _ = writeln!(s, "How to read this: `pobox forecast --help`.");
    s
}

fn json(report: &Report<'_>, today: Date, window: &Window, seed: u64) -> serde_json::Value {
    let window_doc = serde_json::json!({
        "requested_days": window.requested_days,
        "workdays_only": true,
        "from": window.from(),
        "to": window.to(),
        "days": window.days.len(),
        "items_finished": window.finished(),
        "nonzero_days": window.nonzero(),
        "zero_days": window.days.len() - window.nonzero(),
        "throughput": window.days,
        "left_out": super::metrics::left_out_json(
            &window.left_out_counts(),
            super::metrics::left_out_items(&window.left_out).collect(),
        ),
    });
    let calendar = serde_json::json!({ "start": today, "workdays_only": true });
    match report {
        Report::When {
            work,
            split_rate,
            by,
            forecast,
        } => {
            let percentiles: Vec<_> = forecast
                .percentiles()
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "percent": p.percent,
                        "working_days": p.finish.map(|f| f.days),
                        "date": p.finish.map(|f| f.date),
                    })
                })
                .collect();
            serde_json::json!({
                "version": VERSION,
                "question": "when",
                "as_of": today,
                "headline": headline(report),
                "work": work,
                "split_rate": split_rate.map(|(low, high)| serde_json::json!({ "low": low, "high": high })),
                "by": by.map(|(date, likelihood)| serde_json::json!({ "date": date, "likelihood": likelihood })),
                "calendar": calendar,
                "window": window_doc,
                "trials": forecast.trials(),
                "seed": seed,
                "unfinished_trials": forecast.unfinished(),
                "percentiles": percentiles,
            })
        }
        Report::HowMany { by, forecast } => serde_json::json!({
            "version": VERSION,
            "question": "how_many",
            "as_of": today,
            "headline": headline(report),
            "by": by,
            "working_days": forecast.days(),
            "calendar": calendar,
            "window": window_doc,
            "trials": forecast.trials(),
            "seed": seed,
            "percentiles": forecast.percentiles(),
        }),
    }
}

/// "62%": a likelihood in whole percent, rounded down so that it never overstates.
fn percent(likelihood: f64) -> String {
    format!("{}%", (likelihood * 100.0 + 1e-9).floor())
}
