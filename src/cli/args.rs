//! The command line, as clap definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// pobox keeps a product owner's stories, epics, stakeholders, meetings, sprints and risks
/// as Markdown files in git, and checks, lists and changes them.
#[derive(Debug, Parser)]
#[command(name = "pobox", version = env!("POBOX_VERSION"), about, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// Use the workspace at DIR instead of searching up from the current folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// When to use colours.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Print only data and errors: no "Created …", "Updated …" or progress messages.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say on stderr which workspace and settings were used, how many files were read and
    /// how long it took (`-vv` for more).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
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

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up a workspace: pobox.yaml, backlog folders, product.md and templates.
    Init {
        /// Where (default: the current folder).
        dir: Option<PathBuf>,
        /// The product's name (default: the folder's name).
        #[arg(long)]
        product: Option<String>,
    },
    /// Build a sample workspace with three sprints of git history to try pobox on.
    Demo {
        /// Where to build it (must not exist or be empty).
        #[arg(default_value = "pobox-demo")]
        dir: PathBuf,
    },
    /// Stories: create, list, move.
    #[command(subcommand)]
    Story(ItemCmd<StoryNew>),
    /// Epics: create, list, move.
    #[command(subcommand)]
    Epic(ItemCmd<EpicNew>),
    /// Stakeholders: create, list.
    #[command(subcommand)]
    Stakeholder(RecordCmd<StakeholderNew>),
    /// Meetings: create from a template per meeting type, list.
    #[command(subcommand)]
    Meeting(RecordCmd<MeetingNew>),
    /// Sprints: create, list, move, plan, start, close.
    #[command(subcommand)]
    Sprint(SprintCmd),
    /// Risks: create, list, move.
    #[command(subcommand)]
    Risk(ItemCmd<RiskNew>),
    /// Show one item with everything that mentions it.
    Show {
        /// The item's id (e.g. S-42, E-3, dana, 2026-11-20-sprint-review).
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Md)]
        format: ShowFormat,
    },
    /// Change fields of an item: `pobox set S-42 points=8 status=ready`.
    Set {
        /// The item's id.
        id: String,
        /// `field=value` pairs; `field=` removes the field; lists are comma-separated.
        #[arg(required = true, value_name = "FIELD=VALUE")]
        assignments: Vec<String>,
    },
    /// Check the backlog: every file, every value, every reference, every ready story.
    Validate(ValidateArgs),
    /// Order stories (or epics) by WSJF, RICE, ICE, MoSCoW, value/effort or CD3, prerequisites first.
    Prioritize(PrioritizeArgs),
    /// Reports for stakeholders, as Markdown, HTML or JSON: `pobox report sprint`, `actions`,
    /// `backlog`, `risks`, `stakeholders`, `roadmap`, `epics`.
    #[command(subcommand)]
    Report(ReportCmd),
    /// The git pre-commit hook that runs `pobox validate --staged` on every commit.
    #[command(subcommand)]
    Hooks(HooksCmd),
    /// Show a sprint as a kanban board: one column per workflow status.
    Board {
        /// The sprint (default: the active one, else the next planned one).
        sprint: Option<String>,
    },
    /// An item's timeline from git history: date, author, status, points and sprint at
    /// every commit that changed them.
    History {
        /// The item's id (e.g. S-42, SP-3); deleted items keep their history.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
        format: HistoryFormat,
    },
    /// Flow and sprint metrics from git history: velocity, throughput, cycle and lead time,
    /// work in progress.
    Metrics(MetricsArgs),
    /// Monte Carlo forecast from daily throughput in git history: when will N stories (an
    /// epic's, the active sprint's) be done, or how many by a date.
    Forecast(ForecastArgs),
    /// Import items from another tool: `pobox import backlog-md DIR`, `pobox import csv FILE`.
    #[command(subcommand)]
    Import(ImportCmd),
    /// Export every item with all its fields as CSV or JSON: `pobox export csv --out items.csv`.
    Export(ExportArgs),
    /// Count items per kind and status, and say which files have problems.
    Status {
        /// Output format.
        #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
        format: StatusFormat,
    },
    /// Write the workspace as a static HTML site: home, backlog, roadmap, one page per item
    /// with its backlinks, sprint reports; opens from disk or GitHub Pages, no JavaScript.
    Site {
        /// The folder to write (replaced whole when pobox wrote it before; any other existing
        /// folder is refused).
        #[arg(long, value_name = "DIR", default_value = "site")]
        out: PathBuf,
    },
    /// Print a shell completion script: `pobox completions bash > ~/.local/share/bash-completion/completions/pobox`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into DIR.
    Man {
        /// Write pobox.1 and a page per subcommand (pobox-story.1, …) into DIR.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Print the JSON Schema of a kind's front-matter or of pobox.yaml, for editors and CI
    /// (without KIND: list the schemas).
    Schema(SchemaArgs),
    /// Rewrite front-matter in the canonical key order, list style and quoting; bodies are
    /// never touched.
    Fmt(FmtArgs),
}

/// `pobox schema` options.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// story, epic, stakeholder, meeting, sprint, risk, or config for pobox.yaml (default: list
    /// them).
    pub kind: Option<String>,
    /// Write every schema as DIR/<kind>.schema.json instead of printing.
    #[arg(long, value_name = "DIR", conflicts_with = "kind")]
    pub out: Option<PathBuf>,
}

/// `pobox fmt` options.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or folders to format (default: every item file of the workspace).
    pub paths: Vec<PathBuf>,
    /// Change nothing; list the files that are not formatted, with a diff, and exit 1.
    #[arg(long)]
    pub check: bool,
}

/// What can be done with items of one kind.
#[derive(Debug, Subcommand)]
pub enum ItemCmd<N: Args> {
    /// Create one.
    New(N),
    /// List them.
    #[command(alias = "ls")]
    List(ListArgs),
    /// Change the status: `pobox story move S-42 done`.
    Move {
        /// The item's id.
        id: String,
        /// The new status.
        status: String,
    },
}

/// What can be done with sprints: what every kind with a status can do, plus planning
/// and the sprint's life cycle.
#[derive(Debug, Subcommand)]
pub enum SprintCmd {
    /// Create one.
    New(SprintNew),
    /// List them.
    #[command(alias = "ls")]
    List(ListArgs),
    /// Change the status: `pobox sprint move SP-3 active`.
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

/// `pobox prioritize` options.
#[derive(Debug, Args)]
pub struct PrioritizeArgs {
    /// The method (default: `prioritization` in pobox.yaml, else wsjf).
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Only stories of these epics (comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    pub epic: Vec<String>,
    /// Only these statuses (default: every status but done and dropped).
    #[arg(long, value_delimiter = ',')]
    pub status: Vec<String>,
    /// Order stories or epics.
    #[arg(long, value_enum, default_value_t = RankKind::Story)]
    pub kind: RankKind,
    /// How ICE combines impact, confidence and ease.
    #[arg(long, value_enum, default_value_t = IceArg::Product)]
    pub ice: IceArg,
    /// Show every input and the arithmetic per item.
    #[arg(long)]
    pub explain: bool,
    /// Store the order as `rank:` in the files whose rank changes.
    #[arg(long)]
    pub write: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PrioritizeFormat::Table)]
    pub format: PrioritizeFormat,
}

/// `--method`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// Weighted Shortest Job First: Cost of Delay / job size.
    Wsjf,
    /// Reach × Impact × Confidence / Effort.
    Rice,
    /// Impact × Confidence × Ease.
    Ice,
    /// Must, Should, Could, Won't.
    Moscow,
    /// Quick wins, Big bets, Fill-ins, Time sinks.
    ValueEffort,
    /// Cost of Delay Divided by Duration.
    Cd3,
}

/// `--kind` of `prioritize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RankKind {
    /// Stories.
    Story,
    /// Epics.
    Epic,
}

/// `--ice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IceArg {
    /// Impact × Confidence × Ease.
    Product,
    /// (Impact + Confidence + Ease) / 3.
    Mean,
}

/// Formats of `prioritize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PrioritizeFormat {
    /// Aligned columns, then items with missing inputs and warnings.
    Table,
    /// One versioned JSON document.
    Json,
    /// A Markdown table.
    Md,
}

/// `pobox validate` options.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Report only on these files (the whole workspace still judges them).
    pub paths: Vec<PathBuf>,
    /// Check what is staged for the next commit (the git index), not the working tree.
    #[arg(long)]
    pub staged: bool,
    /// Output format (default: human; github when GITHUB_ACTIONS=true).
    #[arg(long, value_enum)]
    pub format: Option<DiagFormat>,
    /// Fail on warnings too: `--deny warnings`.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
}

/// Formats of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagFormat {
    /// rustc-style, with the source line and a caret.
    Human,
    /// One line each: `path:line:col: error[PO012]: message`.
    Short,
    /// One JSON document.
    Json,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

/// What `--deny` makes fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings fail like errors.
    Warnings,
}

/// `pobox hooks`.
#[derive(Debug, Subcommand)]
pub enum HooksCmd {
    /// Install the pre-commit hook (in core.hooksPath when set, else .git/hooks).
    Install {
        /// Replace a pre-commit hook pobox did not write, keeping it as pre-commit.pobox-backup.
        #[arg(long, conflicts_with = "chain")]
        force: bool,
        /// Keep a pre-commit hook pobox did not write, as pre-commit.pobox-chained, and run it
        /// before pobox's.
        #[arg(long)]
        chain: bool,
    },
    /// Remove pobox's pre-commit hook and put back the hook it displaced.
    Uninstall,
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

/// Formats of `history`, `metrics` and `forecast`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// Aligned columns.
    Table,
    /// One versioned JSON document.
    Json,
}

/// `metrics` options.
#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// Count only stories finished, and sprints started, on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = pobox::model::fields::parse_date)]
    pub since: Option<jiff::civil::Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
    pub format: HistoryFormat,
}

/// `forecast` options. With neither `--items` nor `--epic` the forecast is for the active
/// sprint's open stories; `--by` alone asks how many stories will be done by a date.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("question").args(["epic", "items"])))]
pub struct ForecastArgs {
    /// When will this epic's open stories (any status but done and dropped) be done?
    #[arg(long, value_name = "EPIC")]
    pub epic: Option<String>,
    /// When will N more stories be done? A range `LOW-HIGH` (e.g. `20-30`) draws the count
    /// for each trial, uniformly.
    #[arg(long, value_name = "N|LOW-HIGH", value_parser = pobox::forecast::parse_item_count)]
    pub items: Option<(u32, u32)>,
    /// Alone: how many stories will be done by DATE (YYYY-MM-DD)? With `--items`, `--epic` or
    /// an active sprint: how likely they are done by DATE.
    #[arg(long, value_name = "DATE", value_parser = pobox::model::fields::parse_date)]
    pub by: Option<jiff::civil::Date>,
    /// Multiply the stories left by a rate drawn for each trial from `LOW-HIGH` (e.g.
    /// `1.0-1.5`), or by a fixed `RATE`: stories split as they are worked on.
    #[arg(long, value_name = "RATE|LOW-HIGH", value_parser = pobox::forecast::parse_split_rate)]
    pub split_rate: Option<(f64, f64)>,
    /// Trials to run (1 to 1,000,000).
    #[arg(long, default_value_t = pobox::forecast::DEFAULT_TRIALS)]
    pub trials: u32,
    /// Seed of the random draws: the same seed and history give the same forecast.
    #[arg(long, default_value_t = pobox::forecast::DEFAULT_SEED)]
    pub seed: u64,
    /// Working days (Monday to Friday) of history to sample throughput from, up to today.
    #[arg(long, value_name = "DAYS", default_value_t = pobox::forecast::DEFAULT_WINDOW_DAYS,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub window_days: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
    pub format: HistoryFormat,
}

/// Formats of `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// A table per kind.
    Table,
    /// One versioned JSON document.
    Json,
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

/// Formats of `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// The file followed by its backlinks.
    Md,
    /// One versioned JSON document.
    Json,
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

/// `pobox story new`.
#[derive(Debug, Args)]
pub struct StoryNew {
    /// The story's title.
    pub title: String,
    /// The epic it belongs to.
    #[arg(long)]
    pub epic: Option<String>,
    /// Estimate, on the workspace's scale.
    #[arg(long)]
    pub points: Option<u32>,
    /// Status (default: the template's, normally draft).
    #[arg(long)]
    pub status: Option<String>,
    /// Sprint to plan it into.
    #[arg(long)]
    pub sprint: Option<String>,
    /// Stakeholders who asked for it (handles).
    #[arg(long = "stakeholder", value_delimiter = ',')]
    pub stakeholders: Vec<String>,
    /// Items it waits for (ids).
    #[arg(long = "depends-on", value_delimiter = ',')]
    pub depends_on: Vec<String>,
    /// Who works on it.
    #[arg(long)]
    pub assignee: Option<String>,
    #[command(flatten)]
    pub common: CommonNew,
}

/// `pobox epic new`.
#[derive(Debug, Args)]
pub struct EpicNew {
    /// The epic's title.
    pub title: String,
    /// now, next or later.
    #[arg(long)]
    pub horizon: Option<String>,
    /// Target date (YYYY-MM-DD).
    #[arg(long)]
    pub target: Option<String>,
    /// Status (default: draft).
    #[arg(long)]
    pub status: Option<String>,
    #[command(flatten)]
    pub common: CommonNew,
}

/// `pobox stakeholder new`.
#[derive(Debug, Args)]
pub struct StakeholderNew {
    /// Their handle: lower-case letters, digits, `.`, `_`, `-` (e.g. dana).
    pub handle: String,
    /// Their full name.
    #[arg(long)]
    pub name: Option<String>,
    /// Their role (sponsor, customer, user, …).
    #[arg(long)]
    pub role: Option<String>,
    /// Organisation or department.
    #[arg(long)]
    pub organization: Option<String>,
    /// Power over the product: high or low.
    #[arg(long)]
    pub power: Option<String>,
    /// Interest in the product: high or low.
    #[arg(long)]
    pub interest: Option<String>,
    /// How often to meet them, in days.
    #[arg(long)]
    pub cadence_days: Option<u32>,
    /// How to reach them.
    #[arg(long)]
    pub contact: Option<String>,
    #[command(flatten)]
    pub common: CommonNew,
}

/// `pobox meeting new`.
#[derive(Debug, Args)]
pub struct MeetingNew {
    /// The meeting type: kickoff, requirements, user-research, stakeholder, sprint-planning,
    /// daily-standup, sprint-review, retrospective, backlog-refinement, demo, status-update,
    /// acceptance-testing, post-launch, technical.
    #[arg(value_name = "TYPE")]
    pub meeting_type: String,
    /// Its date (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// Its title (default: the type's name).
    #[arg(long)]
    pub title: Option<String>,
    /// Who attended (handles).
    #[arg(long = "attendee", value_delimiter = ',')]
    pub attendees: Vec<String>,
    /// The sprint it belongs to.
    #[arg(long)]
    pub sprint: Option<String>,
    #[command(flatten)]
    pub common: CommonNew,
}

/// `pobox sprint new`.
#[derive(Debug, Args)]
pub struct SprintNew {
    /// First day (YYYY-MM-DD).
    #[arg(long)]
    pub start: String,
    /// Length in days (default: sprint_length_days from pobox.yaml).
    #[arg(long)]
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

/// `pobox risk new`.
#[derive(Debug, Args)]
pub struct RiskNew {
    /// The risk, in a few words.
    pub title: String,
    /// 1 (rare) to 5 (almost certain).
    #[arg(long)]
    pub likelihood: Option<u32>,
    /// 1 (minor) to 5 (severe).
    #[arg(long)]
    pub impact: Option<u32>,
    /// What is done about it.
    #[arg(long)]
    pub mitigation: Option<String>,
    /// Items it concerns (ids).
    #[arg(long, value_delimiter = ',')]
    pub related: Vec<String>,
    #[command(flatten)]
    pub common: CommonNew,
}

/// The reports.
#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// One sprint, as Jira's sprint report shows it: goal, commitment vs completed, scope
    /// change, burndown, velocity, stories, open action items, decisions and risks.
    Sprint(SprintReportArgs),
    /// The ordered backlog (as `pobox prioritize` orders it) with each story's readiness, and
    /// the stories missing inputs for the method.
    Backlog(BacklogReportArgs),
    /// Open action items of all meetings, by owner with the overdue ones first, and those
    /// that need an owner or a due date.
    Actions(OwnerReportArgs),
    /// Open risks on a 5×5 likelihood × impact matrix, then by score with band, owner and
    /// mitigation.
    Risks(ReportArgs),
    /// Stakeholders on the power/interest grid, with last contact against their cadence and
    /// the stories they asked for.
    Stakeholders(ReportArgs),
    /// Epics by horizon (Now, Next, Later), then a timeline of their target dates, each with
    /// its progress.
    Roadmap(ReportArgs),
    /// Each epic's done stories and points, and a forecast date from the velocity of the last
    /// 3 closed sprints (needs the git history).
    Epics(OwnerReportArgs),
    /// Several products (workspaces, each in its own git repository or not) on one page:
    /// per product its epics with progress and forecast, velocity and high risks, and totals.
    Portfolio(PortfolioArgs),
}

/// Options of the reports that can be limited to one person's items.
#[derive(Debug, Args)]
pub struct OwnerReportArgs {
    /// Only the items this person owns (`owner:`; for action items the `@name`).
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// `pobox report portfolio` options.
#[derive(Debug, Args)]
pub struct PortfolioArgs {
    /// The products' workspace folders (default: the products of `--portfolio`, else of
    /// portfolio.yaml in the current folder). The global `--workspace` is not used here.
    #[arg(value_name = "WORKSPACE")]
    pub workspaces: Vec<PathBuf>,
    /// A portfolio file: `products:`, each with `name:` and `path:` (relative to the file).
    #[arg(long, value_name = "FILE", conflicts_with = "workspaces")]
    pub portfolio: Option<PathBuf>,
    /// Only the epics and risks this person owns, and the products where they own any.
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Options of the reports built from today's files (`pobox report actions`, …).
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `pobox report backlog` options.
#[derive(Debug, Args)]
pub struct BacklogReportArgs {
    /// The method (default: `prioritization` in pobox.yaml, else wsjf).
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Only the stories this person owns or is assigned.
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// `pobox report sprint` options.
#[derive(Debug, Args)]
pub struct SprintReportArgs {
    /// The sprint (default: as `--current`).
    #[arg(value_name = "SPRINT")]
    pub sprint: Option<String>,
    /// The active sprint, else the one closed last.
    #[arg(long, conflicts_with = "sprint")]
    pub current: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Also append the Markdown report to the file named by GITHUB_STEP_SUMMARY, when set.
    #[arg(long)]
    pub summary: bool,
}

/// Formats of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// GitHub/GitLab Markdown with Mermaid charts.
    Md,
    /// One self-contained HTML file with SVG charts, no JavaScript.
    Html,
    /// One versioned JSON document.
    Json,
}

/// The importers.
#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// A Backlog.md project: tasks, drafts, completed and archived tasks become stories,
    /// milestones become epics.
    BacklogMd {
        /// The project folder (holding `backlog/`), or its `backlog/` folder.
        #[arg(value_name = "DIR")]
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

/// `pobox export` options.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format.
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// Only these kinds (story, epic, stakeholder, meeting, sprint, risk); comma-separated or repeated.
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    pub kind: Vec<String>,
    /// Include each item's Markdown body.
    #[arg(long)]
    pub body: bool,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per item; known fields first, then the others sorted.
    Csv,
    /// One versioned JSON document.
    Json,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        super::Cli::command().debug_assert();
    }
}
