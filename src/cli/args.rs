//! The top of the command line: the global options and the list of command groups. Each
//! group's own arguments are defined in the file that runs it (`story.rs` owns
//! `StoryNew`, `forecast.rs` owns `ForecastArgs`, …), as in jj's `commands/`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use pobox::model::Kind;

use super::items;
use super::{
    board, completions, decision, demo, epic, export, fmt, forecast, history, hooks, import, init, man, meeting, metrics, prioritize,
    report, risk, schema, search, set, show, site, sprint, stakeholder, status, story, validate,
};

/// The help heading of the options every command takes, kept apart from each command's
/// own so that `pobox <command> --help` shows first what that command does.
pub const GLOBAL_OPTIONS: &str = "Global options";

/// pobox keeps a product owner's stories, epics, stakeholders, meetings, sprints, risks and
/// decision records as Markdown files in git, and checks, lists and changes them.
#[derive(Debug, Parser)]
#[command(name = "pobox", version = env!("POBOX_VERSION"), about, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// Use the workspace at DIR instead of searching up from the current folder.
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL_OPTIONS)]
    pub workspace: Option<PathBuf>,
    /// When to use colours.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, help_heading = GLOBAL_OPTIONS)]
    pub color: ColorWhen,
    /// Print only data and errors: no "Created …", "Updated …" or progress messages.
    #[arg(short, long, global = true, conflicts_with = "verbose", help_heading = GLOBAL_OPTIONS)]
    pub quiet: bool,
    /// Say on stderr which workspace and settings were used, how many files were read and
    /// how long it took (`-vv` for more).
    #[arg(short, long, global = true, action = clap::ArgAction::Count, help_heading = GLOBAL_OPTIONS)]
    pub verbose: u8,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal (honours NO_COLOR and CLICOLOR_FORCE).
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorWhen {
    /// The choice anstream makes the streams with.
    pub fn choice(self) -> anstream::ColorChoice {
        match self {
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
            ColorWhen::Auto => anstream::ColorChoice::Auto,
        }
    }
}

/// The commands, in the order `pobox --help` lists them.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up a workspace: pobox.yaml, backlog folders, product.md and templates.
    Init(init::InitArgs),
    /// Build a sample workspace with three sprints of git history to try pobox on.
    Demo(demo::DemoArgs),
    /// Stories: create, list, move.
    #[command(subcommand, mut_subcommand("move", |c| c.about(items::move_about(Kind::Story))))]
    Story(story::StoryCmd),
    /// Epics: create, list, move.
    #[command(subcommand, mut_subcommand("move", |c| c.about(items::move_about(Kind::Epic))))]
    Epic(epic::EpicCmd),
    /// Stakeholders: create, list.
    #[command(subcommand)]
    Stakeholder(stakeholder::StakeholderCmd),
    /// Meetings: create from a template per meeting type, list.
    #[command(subcommand)]
    Meeting(meeting::MeetingCmd),
    /// Sprints: create, list, move, plan, start, close.
    #[command(subcommand, mut_subcommand("move", |c| c.about(items::move_about(Kind::Sprint))))]
    Sprint(sprint::SprintCmd),
    /// Risks: create, list, move.
    #[command(subcommand, mut_subcommand("move", |c| c.about(items::move_about(Kind::Risk))))]
    Risk(risk::RiskCmd),
    /// Decision records (ADRs): create, list, move (proposed → accepted or rejected;
    /// accepted → superseded).
    #[command(subcommand, mut_subcommand("move", |c| c.about(items::move_about(Kind::Decision))))]
    Decision(decision::DecisionCmd),
    /// Show one item with everything that mentions it.
    Show(show::ShowArgs),
    /// Find items by text in ids, titles, fields and bodies, best first, each with its
    /// matching line: `pobox search saved card --kind story`.
    Search(search::SearchArgs),
    /// Change fields of an item: `pobox set S-42 points=8 status=ready`.
    Set(set::SetArgs),
    /// Check the backlog: every file, every value, every reference, every ready story.
    Validate(validate::ValidateArgs),
    /// Order stories (or epics) by WSJF, RICE, ICE, MoSCoW, value/effort or CD3, prerequisites first.
    Prioritize(prioritize::PrioritizeArgs),
    /// Reports for stakeholders, as Markdown, HTML or JSON: `pobox report sprint`, `actions`,
    /// `backlog`, `risks`, `stakeholders`, `roadmap`, `epics`.
    #[command(subcommand)]
    Report(report::ReportCmd),
    /// The git pre-commit hook that runs `pobox validate --staged` on every commit.
    #[command(subcommand)]
    Hooks(hooks::HooksCmd),
    /// Show a sprint as a kanban board: one column per workflow status that holds a story.
    Board(board::BoardArgs),
    /// An item's timeline from git history: date, author, status, points and sprint at
    /// every commit that changed them.
    History(history::HistoryArgs),
    /// Flow and sprint metrics from git history: velocity, throughput, cycle and lead time,
    /// work in progress.
    Metrics(metrics::MetricsArgs),
    /// Monte Carlo forecast from daily throughput in git history: when will N stories (an
    /// epic's, the active sprint's) be done, or how many by a date.
    Forecast(forecast::ForecastArgs),
    /// Import items from another tool: `pobox import backlog-md DIR`, `pobox import csv FILE`.
    #[command(subcommand)]
    Import(import::ImportCmd),
    /// Export every item with all its fields as CSV or JSON: `pobox export csv --out items.csv`.
    Export(export::ExportArgs),
    /// Count items per kind and status, and say which files have problems.
    Status(status::StatusArgs),
    /// Write the workspace as a static HTML site: home, backlog, roadmap, one page per item
    /// with its backlinks, sprint reports; opens from disk or GitHub Pages, no JavaScript.
    Site(site::SiteArgs),
    /// Print a shell completion script: `pobox completions bash > ~/.local/share/bash-completion/completions/pobox`.
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff), or write one page per command into DIR.
    Man(man::ManArgs),
    /// Print the JSON Schema of a kind's front-matter or of pobox.yaml, for editors and CI
    /// (without KIND: list the schemas).
    Schema(schema::SchemaArgs),
    /// Rewrite front-matter in the canonical key order, list style and quoting; bodies are
    /// never touched.
    Fmt(fmt::FmtArgs),
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        super::Cli::command().debug_assert();
    }
}
