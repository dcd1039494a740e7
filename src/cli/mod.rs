//! The binary's commands: parse arguments, call the library, print, choose an exit code.

pub mod args;
mod board;
mod ecosystem;
mod fmt;
mod forecast;
mod history;
mod hooks;
mod import;
mod items;
mod output;
mod prioritize;
mod report;
mod site;
mod sprint;
mod validate;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Parser;

use args::{Cli, Command};
use pobox::workspace::{LoadOptions, Workspace, WorkspaceError};

pub use output::Out;

/// Exit code for success.
pub const OK: u8 = 0;
/// Exit code for usage, configuration and I/O errors.
pub const FAILURE: u8 = 2;

/// Run pobox with these arguments (the first is the program name) and return the exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { FAILURE } else { OK });
        }
    };
    let mut out = Out::new(cli.color).with_verbosity(cli.quiet, cli.verbose);
    match dispatch(&cli, &mut out) {
        Ok(code) => ExitCode::from(code),
        Err(e) if output::is_broken_pipe(&e) => ExitCode::from(OK),
        Err(e) => {
            out.error(&e);
            ExitCode::from(FAILURE)
        }
    }
}

fn dispatch(cli: &Cli, out: &mut Out) -> Result<u8> {
    match &cli.command {
        Command::Init { dir, product } => init(cli, dir.as_deref(), product.as_deref(), out),
        Command::Demo { dir } => demo(dir, out),
        Command::Story(cmd) => items::story(cli, cmd, out),
        Command::Epic(cmd) => items::epic(cli, cmd, out),
        Command::Stakeholder(cmd) => items::stakeholder(cli, cmd, out),
        Command::Meeting(cmd) => items::meeting(cli, cmd, out),
        Command::Sprint(cmd) => sprint::run(cli, cmd, out),
        Command::Risk(cmd) => items::risk(cli, cmd, out),
        Command::Show { id, format } => items::show(cli, id, *format, out),
        Command::Set { id, assignments } => items::set(cli, id, assignments, out),
        Command::Status { format } => items::status(cli, *format, out),
        Command::History { id, format } => history::timeline(cli, id, *format, out),
        Command::Metrics(args) => history::metrics(cli, args, out),
        Command::Forecast(args) => forecast::run(cli, args, out),
        Command::Board { sprint } => board::run(cli, sprint.as_deref(), out),
        Command::Validate(args) => validate::run(cli, args, out),
        Command::Prioritize(args) => prioritize::run(cli, args, out),
        Command::Report(cmd) => report::run(cli, cmd, out),
        Command::Hooks(cmd) => hooks::run(cli, cmd, out),
        Command::Site { out: dir } => site::run(cli, dir, out),
        Command::Import(cmd) => import::run(cli, cmd, out),
        Command::Export(args) => import::export(cli, args, out),
        Command::Completions { shell } => ecosystem::completions(*shell, out),
        Command::Man { out: dir } => ecosystem::man(dir.as_deref(), out),
        Command::Schema(args) => ecosystem::schema(args, out),
        Command::Fmt(args) => fmt::run(cli, args, out),
    }
}

/// The workspace root: exactly `--workspace DIR` when given, else the nearest folder at or
/// above the current one that holds `pobox.yaml`.
fn root(cli: &Cli) -> Result<PathBuf> {
    match &cli.workspace {
        Some(dir) if dir.join(pobox::config::FILE_NAME).is_file() => Ok(dir.clone()),
        Some(dir) => bail!(
            "no pobox workspace at {}: it has no {}\nhelp: run `pobox init {}` to create one",
            dir.display(),
            pobox::config::FILE_NAME,
            dir.display()
        ),
        None => pobox::workspace::discover(Path::new("."))
            .map_err(|e| anyhow::anyhow!("{e}\nhelp: run `pobox init` to create one here, or pass --workspace DIR")),
    }
}

/// The workspace's settings, for commands that do not need its items.
fn config(cli: &Cli, out: &mut Out) -> Result<(PathBuf, pobox::config::Config)> {
    let root = root(cli)?;
    say_root(cli, &root, out);
    match pobox::workspace::read_config(&root) {
        Ok((config, _)) => Ok((root, config)),
        Err(WorkspaceError::Config(diags)) => {
            out.diagnostics(&diags, &root)?;
            bail!("pobox.yaml has errors; fix them and run the command again")
        }
        Err(e) => Err(e.into()),
    }
}

/// Load the workspace named by `--workspace` or found above the current folder.
/// `POBOX_NO_CACHE=1` turns the parse cache off.
fn load(cli: &Cli, opts: LoadOptions, out: &mut Out) -> Result<Workspace> {
    load_version(cli, opts, false, out)
}

/// Load the working tree, or with `staged` what is staged for the next commit.
fn load_version(cli: &Cli, mut opts: LoadOptions, staged: bool, out: &mut Out) -> Result<Workspace> {
    let root = root(cli)?;
    say_root(cli, &root, out);
    opts.cache &= std::env::var_os("POBOX_NO_CACHE").is_none_or(|v| v.is_empty() || v == "0");
    let started = std::time::Instant::now();
    let loaded = if staged {
        Workspace::load_staged(&root, opts)
    } else {
        Workspace::load(&root, opts)
    };
    match loaded {
        Ok(ws) => {
            out.verbose(1, || {
                format!(
                    "read {} item(s) from the {} in {} ms ({} diagnostic(s); {})",
                    ws.items.len(),
                    if staged { "git index" } else { "working tree" },
                    started.elapsed().as_millis(),
                    ws.diagnostics.len(),
                    ws.cache_hits()
                        .map_or_else(|| "parse cache off".to_owned(), |n| format!("{n} from the parse cache"))
                )
            });
            out.verbose(2, || {
                let mut per_kind = String::new();
                for kind in pobox::model::kind::Kind::ALL {
                    let n = ws.of_kind(kind).count();
                    per_kind.push_str(&format!(" {}={n}", kind.folder()));
                }
                format!("items per kind:{per_kind}")
            });
            Ok(ws)
        }
        Err(WorkspaceError::Config(diags)) => {
            out.diagnostics(&diags, &root)?;
            bail!("pobox.yaml has errors; fix them and run the command again")
        }
        Err(e) => Err(e.into()),
    }
}

/// Under `--verbose`, say which workspace and settings file are used and how it was found.
fn say_root(cli: &Cli, root: &Path, out: &Out) {
    out.verbose(1, || {
        let how = if cli.workspace.is_some() {
            "from --workspace"
        } else {
            "found above the current folder"
        };
        let shown = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        format!(
            "workspace {} ({how}); settings {}",
            shown.display(),
            shown.join(pobox::config::FILE_NAME).display()
        )
    });
}

fn init(cli: &Cli, dir: Option<&Path>, product: Option<&str>, out: &mut Out) -> Result<u8> {
    let dir = dir
        .map(Path::to_path_buf)
        .or_else(|| cli.workspace.clone())
        .unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = product.map_or_else(|| pobox::init::default_product(&dir), str::to_owned);
    let done = pobox::init::init(&dir, &name)?;
    let created: Vec<_> = done.iter().filter(|s| s.created).collect();
    if created.is_empty() {
        writeln!(
            out.info(),
            "Nothing to do: {} is already a pobox workspace; no file was changed.",
            dir.display()
        )?;
        return Ok(OK);
    }
    for s in &created {
        writeln!(out.info(), "created {}", s.path.display())?;
    }
    let kept = done.len() - created.len();
    if kept > 0 {
        writeln!(out.info(), "kept {kept} existing file(s) unchanged")?;
    }
    writeln!(
        out.info(),
        "\nNext: write the vision in backlog/product.md, then `pobox story new \"Your first story\"`."
    )?;
    Ok(OK)
}

fn demo(dir: &Path, out: &mut Out) -> Result<u8> {
    let demo = pobox::demo::build(dir)?;
    let mut w = out.info();
    writeln!(w, "Built a demo workspace in {}:", demo.root.display())?;
    writeln!(
        w,
        "  {} stories in 3 epics, {} sprints, with {} commits of history.\n",
        demo.stories,
        demo.sprints.len(),
        demo.commits
    )?;
    writeln!(w, "Try:")?;
    let ws = dir.display();
    for cmd in [
        format!("cd {ws}"),
        "pobox status".to_owned(),
        "pobox story list --sprint SP-3".to_owned(),
        "pobox story list --status done --format json".to_owned(),
        "pobox show E-1".to_owned(),
        "pobox meeting list".to_owned(),
        "pobox validate".to_owned(),
        "pobox prioritize --method wsjf".to_owned(),
        "pobox board".to_owned(),
        "pobox metrics".to_owned(),
        "pobox forecast --epic E-2".to_owned(),
        "pobox report sprint SP-2 --format html --out sprint.html".to_owned(),
        "pobox site --out site".to_owned(),
        "pobox story move S-1 done && git diff".to_owned(),
        "git log --oneline".to_owned(),
    ] {
        writeln!(w, "  {cmd}")?;
    }
    Ok(OK)
}
