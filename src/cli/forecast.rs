//! `pobox forecast`: Monte Carlo forecasts from the backlog's own daily throughput (domain
//! reference §3, "Monte Carlo"; docs/forecasting.md).
//!
//! The samples are the throughput of the last `--window-days` working days up to today
//! ([`metrics::throughput_per_workday`]: Monday to Friday, zero days included, never before
//! the backlog's first commit), and the forecast counts working days from today, so both
//! sides skip weekends alike. Which stories count as the work left:
//!
//! - `--items N` (or `LOW-HIGH`, drawn per trial): N stories;
//! - `--epic E`: the epic's readable stories whose status is neither done nor dropped;
//! - neither: the same for the stories of the active sprint; without an active sprint the
//!   command asks for `--items` or `--epic`.
//!
//! `--split-rate` multiplies that work per trial (Magennis: stories split as they are
//! worked on). `--by DATE` alone asks the other question, how many stories by that day; with
//! work to do it adds the likelihood that the work is done by that day.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::{Result, anyhow, bail};
use jiff::civil::Date;
use serde::Serialize;

use pobox::forecast::{self, Calendar, ForecastError, HowManyForecast, ItemsToDo, Samples, WhenForecast};
use pobox::history::metrics::{self, DayCount};
use pobox::model::{Item, Kind};
use pobox::render::Table;
use pobox::text::json::{VERSION, to_json_string};
use pobox::workspace::{LoadOptions, Workspace};

use super::args::{Cli, ForecastArgs, HistoryFormat};
use super::{OK, Out, load};

/// The seed when `--seed` is not given: fixed, so a report re-run on the same history gives
/// the same figures (domain §3: "use a seeded RNG so reports reproduce").
pub const DEFAULT_SEED: u64 = 1;

/// The working days of history sampled when `--window-days` is not given (about three
/// months).
pub const DEFAULT_WINDOW_DAYS: u32 = 60;

/// The percentile the headline states: 85% is the usual level to commit at (domain §3).
const HEADLINE_PERCENT: u8 = 85;

/// Where the count of stories left came from.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "lowercase")]
enum Source {
    /// `--items N`.
    Items,
    /// `--epic E`.
    Epic,
    /// The active sprint.
    Sprint,
}

/// A story counted as work left.
#[derive(Debug, Clone, Serialize)]
struct Open {
    id: String,
    status: Option<String>,
}

/// The work left, for "when will it be done?".
#[derive(Debug, Clone, Serialize)]
struct Work {
    source: Source,
    /// The epic or sprint, when the stories were counted from one.
    id: Option<String>,
    count: u32,
    /// The high end of an `--items LOW-HIGH` range (`count` is the low end).
    #[serde(skip_serializing_if = "Option::is_none")]
    count_high: Option<u32>,
    /// The statuses that count as not finished (`None` for `--items`).
    counted_statuses: Option<Vec<String>>,
    stories: Vec<Open>,
}

impl Work {
    /// "5 more stories", "20 to 30 more stories", "the 5 open stories of E-2", "the 2 open
    /// stories of sprint SP-3".
    fn describe(&self) -> String {
        let n = self.count;
        let stories = if n == 1 && self.count_high.is_none() { "story" } else { "stories" };
        match (&self.source, &self.id, self.count_high) {
            (Source::Epic, Some(id), _) => format!("the {n} open {stories} of {id}"),
            (Source::Sprint, Some(id), _) => format!("the {n} open {stories} of sprint {id}"),
            (_, _, Some(high)) => format!("{n} to {high} more {stories}"),
            _ => format!("{n} more {stories}"),
        }
    }

    /// What the trials draw: the count (or range) and the split rate.
    fn to_do(&self, split_rate: Option<(f64, f64)>) -> Result<ItemsToDo, ForecastError> {
        let items = ItemsToDo::range(self.count, self.count_high.unwrap_or(self.count))?;
        match split_rate {
            Some((low, high)) => items.with_split_rate(low, high),
            None => Ok(items),
        }
    }
}

/// The question asked.
enum Question {
    When(Work),
    HowMany(Date),
}

/// The samples and where they came from.
struct Window {
    requested_days: u32,
    days: Vec<DayCount>,
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
pub fn run(cli: &Cli, args: &ForecastArgs, out: &mut Out) -> Result<u8> {
    let today = pobox::clock::today();
    let workdays = Calendar {
        start: today,
        workdays_only: true,
    };
    if let Some(by) = args.by
        && workdays.days_until(by) <= 0
    {
        bail!("--by {by} leaves no working day after today ({today}) to count\nhelp: name a later working day")
    }
    let question = match (args.items, &args.epic, args.by) {
        (Some((low, high)), _, _) => Question::When(Work {
            source: Source::Items,
            id: None,
            count: low,
            count_high: (high != low).then_some(high),
            counted_statuses: None,
            stories: Vec::new(),
        }),
        (None, Some(epic), _) => Question::When(epic_work(&load(cli, LoadOptions::without_bodies(), out)?, epic)?),
        (None, None, Some(by)) => Question::HowMany(by),
        (None, None, None) => Question::When(sprint_work(&load(cli, LoadOptions::without_bodies(), out)?)?),
    };
    if args.split_rate.is_some() && matches!(question, Question::HowMany(_)) {
        bail!(
            "--split-rate multiplies the stories left, and `--by` alone counts stories done instead\nhelp: add `--items N` or `--epic E-n` to ask how likely they are done by {}",
            args.by.map_or_else(String::new, |d| d.to_string())
        )
    }
    let history = super::history::read_history(cli, out)?;
    let window = Window {
        requested_days: args.window_days,
        days: metrics::throughput_per_workday(&history, today, args.window_days as usize),
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
        HistoryFormat::Json => writeln!(out.data(), "{}", to_json_string(&json(&doc, today, &window, seed)))?,
        HistoryFormat::Table => out.data().write_all(table(&doc, today, &window, seed, out.width()).as_bytes())?,
    }
    Ok(OK)
}

/// The library's refusal, with where the window lay.
fn too_little(e: &ForecastError, window: &Window) -> anyhow::Error {
    let help = match (window.from(), window.to()) {
        (Some(from), Some(to)) => format!(
            "the window was the {} (Mon–Fri) from {from} to {to}: --window-days {}, never before the backlog's first commit",
            plural(window.days.len() as u64, "working day", "working days"),
            window.requested_days
        ),
        _ => "the backlog has no committed history on a working day up to today yet".to_owned(),
    };
    anyhow!("{e}\nhelp: {help}")
}

/// The statuses that count as open: the workflow's, without done and dropped.
fn open_statuses(ws: &Workspace) -> Vec<String> {
    ws.config
        .statuses_for(Kind::Story)
        .into_iter()
        .filter(|s| !is_closed(ws, Some(s)))
        .map(str::to_owned)
        .collect()
}

/// Done or dropped: no longer work left.
fn is_closed(ws: &Workspace, status: Option<&str>) -> bool {
    status.is_some_and(|s| ws.config.is_done(s) || s == "dropped")
}

/// The open stories among `stories`, in id order.
fn open_stories<'a>(ws: &Workspace, stories: impl Iterator<Item = &'a Item>) -> Vec<Open> {
    let prefix = ws.config.prefix(Kind::Story).unwrap_or("S");
    let mut open: Vec<&Item> = stories.filter(|s| s.broken.is_none() && !is_closed(ws, s.status())).collect();
    open.sort_by_key(|s| (pobox::model::read::numbered_id(&s.id, prefix).unwrap_or(u64::MAX), s.id.clone()));
    open.into_iter()
        .map(|s| Open {
            id: s.id.clone(),
            status: s.status().map(str::to_owned),
        })
        .collect()
}

fn work_of(ws: &Workspace, source: Source, id: &str, stories: Vec<Open>) -> Work {
    Work {
        source,
        id: Some(id.to_owned()),
        count: u32::try_from(stories.len()).unwrap_or(u32::MAX),
        count_high: None,
        counted_statuses: Some(open_statuses(ws)),
        stories,
    }
}

/// `--epic E`: the epic's open stories.
fn epic_work(ws: &Workspace, epic: &str) -> Result<Work> {
    match ws.get(epic) {
        None => bail!("there is no epic {epic}\nhelp: `pobox epic list` shows the epics"),
        Some(item) if item.kind != Kind::Epic => bail!("{epic} is {}, not an epic", item.kind.with_article()),
        Some(_) => {}
    }
    let stories = open_stories(ws, ws.of_kind(Kind::Story).filter(|s| s.epic().map(str::trim) == Some(epic)));
    Ok(work_of(ws, Source::Epic, epic, stories))
}

/// No question named: the active sprint's open stories.
fn sprint_work(ws: &Workspace) -> Result<Work> {
    let Some(sprint) = pobox::sprint::active(ws) else {
        bail!(
            "there is no active sprint to forecast\nhelp: say what to forecast: `pobox forecast --items N`, `--epic E-n` or `--by YYYY-MM-DD`"
        )
    };
    let stories = open_stories(ws, pobox::sprint::stories_of(ws, &sprint.id));
    Ok(work_of(ws, Source::Sprint, &sprint.id, stories))
}

/// A forecast with the question it answers.
enum Report<'a> {
    When {
        work: &'a Work,
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
        Report::When { work, .. } if work.count == 0 && work.count_high.is_none() => {
            "Nothing left to do: no open stories to finish".to_owned()
        }
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

fn table(report: &Report<'_>, today: Date, window: &Window, seed: u64, width: Option<usize>) -> String {
    let mut s = String::new();
    let trials = match report {
        Report::When {
            work,
            split_rate,
            by,
            forecast,
        } => {
            let _ = writeln!(s, "When will {} be done?", work.describe());
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
    let _ = writeln!(s, "How to read this: docs/forecasting.md");
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

/// `--items`: `N` or `LOW-HIGH`.
///
/// # Errors
/// A message for clap when it is neither, or when LOW is above HIGH.
pub fn parse_item_count(s: &str) -> Result<(u32, u32), String> {
    let number = |t: &str| {
        t.trim()
            .parse::<u32>()
            .map_err(|_| format!("`{s}` is not a number of stories: write N or LOW-HIGH, e.g. 20-30"))
    };
    match s.split_once('-') {
        None => number(s).map(|n| (n, n)),
        Some((low, high)) => {
            let (low, high) = (number(low)?, number(high)?);
            if low > high {
                return Err(format!("`{s}` runs backwards: write the lower count first, e.g. {high}-{low}"));
            }
            Ok((low, high))
        }
    }
}

/// `--split-rate`: `RATE` or `LOW-HIGH`, each above 0 (e.g. `1.0-1.5`).
///
/// # Errors
/// A message for clap when it is neither, a rate is not above 0, or LOW is above HIGH.
pub fn parse_split_rate(s: &str) -> Result<(f64, f64), String> {
    let rate = |t: &str| match t.trim().parse::<f64>() {
        Ok(r) if r.is_finite() && r > 0.0 => Ok(r),
        _ => Err(format!(
            "`{s}` is not a split rate: write a number above 0 or LOW-HIGH, e.g. 1.0-1.5"
        )),
    };
    let (low, high) = match s.split_once('-') {
        None => rate(s).map(|r| (r, r))?,
        Some((low, high)) => (rate(low)?, rate(high)?),
    };
    if low > high {
        return Err(format!("`{s}` runs backwards: write the lower rate first, e.g. {high}-{low}"));
    }
    Ok((low, high))
}
