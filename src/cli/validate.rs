//! `pobox validate`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};

use pobox::diag::{Diagnostic, Severity};
use pobox::workspace::LoadOptions;

use super::error::{CommandError, CommandResult};
use super::exit::{FAILURE, FINDINGS, OK};
use super::output::Out;
use super::session::Session;

/// `pobox validate` options.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Report only on these files (the whole workspace still judges them).
    pub paths: Vec<PathBuf>,
    /// Check what is staged for the next commit (the git index), not the working tree.
    #[arg(long)]
    pub staged: bool,
    /// With --staged: check every workspace of the repository the staged changes touch (what
    /// the pre-commit hook runs), from wherever in the repository it runs.
    #[arg(long, requires = "staged", conflicts_with = "paths")]
    pub all_workspaces: bool,
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

/// `pobox validate`: exit 1 when problems were found (warnings too with `--deny
/// warnings`), 2 when pobox.yaml is invalid.
pub fn run(session: &Session, args: &ValidateArgs, out: &mut Out) -> CommandResult<u8> {
    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            DiagFormat::Github
        } else {
            DiagFormat::Human
        }
    });
    if args.all_workspaces {
        return run_every_workspace(session, args, format, out);
    }
    check(session, args, format, None, out)
}

/// `--staged --all-workspaces`: each workspace the commit touches in turn, under a heading
/// when there are several; in the short format paths are relative to the repository's root
/// (where git runs hooks), so they say which workspace they are in. The exit code is the
/// worst of them.
fn run_every_workspace(session: &Session, args: &ValidateArgs, format: DiagFormat, out: &mut Out) -> CommandResult<u8> {
    if !matches!(format, DiagFormat::Human | DiagFormat::Short) {
        return Err(CommandError::msg("--all-workspaces prints the human or the short format")
            .hint("check one workspace at a time with `--workspace DIR` for the other formats"));
    }
    let start = session.workspace_option().unwrap_or(Path::new("."));
    let repo = pobox::git::Repo::discover(start).ok_or_else(|| {
        CommandError::msg(format!(
            "{} is not in a git repository, so there is nothing staged",
            start.display()
        ))
    })?;
    let roots = pobox::validate::staged::touched_workspaces(&repo)?;
    if roots.is_empty() && format == DiagFormat::Human && !out.is_quiet() {
        writeln!(out.stderr(), "No problems found.")?;
    }
    let mut worst = OK;
    for root in &roots {
        if roots.len() > 1 && format == DiagFormat::Human {
            let shown = pobox::git::relative_to_workdir(&repo, root).unwrap_or_else(|| root.clone());
            let shown = if shown.as_os_str().is_empty() { ".".into() } else { shown };
            writeln!(out.stderr(), "pobox: workspace {}", shown.display())?;
        }
        let code = check(&Session::new(Some(root.clone())), args, format, Some(&repo), out)?;
        worst = worst.max(code);
    }
    Ok(worst)
}

/// `pobox validate` on one workspace; with `in_repo`, short paths are relative to that
/// repository's root.
fn check(
    session: &Session,
    args: &ValidateArgs,
    format: DiagFormat,
    in_repo: Option<&pobox::git::Repo>,
    out: &mut Out,
) -> CommandResult<u8> {
    // Problems in pobox.yaml are reported like any other, in the requested format, but
    // nothing else can be judged without valid settings: usage error.
    let root = session.root()?;
    if let Err(pobox::workspace::WorkspaceError::Config(diags)) = pobox::workspace::read_config(&root) {
        print_at(&diags, &root, None, format, out)?;
        return Ok(FAILURE);
    }
    let (ws, diags) = if args.staged {
        // Only the staged files' bodies matter to the commit; every other file is judged on
        // its front-matter (references, ids, dependencies, sprints), which keeps a hook on a
        // large backlog fast.
        let mut ws = session.load_version(LoadOptions::without_bodies(), true, out)?;
        let repo = pobox::git::Repo::discover(&ws.root).context("--staged needs a git repository")?;
        let scope = pobox::validate::staged::scope(&ws, &repo)?;
        ws.read_bodies_of(&scope.paths);
        let diags = pobox::validate::validate_staged(&ws, pobox::clock::today(), &scope);
        (ws, diags)
    } else {
        let ws = session.load_version(LoadOptions::default(), false, out)?;
        let diags = pobox::validate::validate(&ws, pobox::clock::today());
        (ws, diags)
    };
    let mut diags = diags;
    if !args.paths.is_empty() {
        let wanted: Vec<PathBuf> = args.paths.iter().map(|p| relative_to(&ws.root, p)).collect::<CommandResult<_>>()?;
        diags.retain(|d| wanted.iter().any(|w| d.path.starts_with(w)));
    }
    match in_repo {
        Some(repo) if format == DiagFormat::Short => {
            let prefix = pobox::git::relative_to_workdir(repo, &ws.root).unwrap_or_default();
            let shown: Vec<Diagnostic> = diags
                .iter()
                .cloned()
                .map(|mut d| {
                    d.path = prefix.join(&d.path);
                    d
                })
                .collect();
            print_at(&shown, &ws.root, Some(&ws), format, out)?;
        }
        _ => print_at(&diags, &ws.root, Some(&ws), format, out)?,
    }
    // On stderr: stdout may be JSON or SARIF. Not findings, so the exit code stays.
    let temps = if out.is_quiet() {
        Vec::new()
    } else {
        pobox::fsio::stray_temp_files(&ws.root, &ws.config.backlog_dir)
    };
    for temp in temps {
        writeln!(
            out.stderr(),
            "note: {} is a temp file left by a pobox killed while writing (not an item); delete it unless a pobox is running",
            temp.display()
        )?;
    }
    let failing = diags
        .iter()
        .any(|d| d.severity == Severity::Error || (args.deny.is_some() && d.severity == Severity::Warning));
    Ok(if failing { FINDINGS } else { OK })
}

/// A path as given on the command line, relative to the workspace root.
fn relative_to(root: &Path, path: &Path) -> CommandResult<PathBuf> {
    // Resolved (`..`, links) when it exists, so `../../backlog/x.md` names the same file.
    let abs = path
        .canonicalize()
        .with_context(|| format!("{}: no such file or folder", path.display()))?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    abs.strip_prefix(&root)
        .map(Path::to_path_buf)
        .map_err(|_| CommandError::msg(format!("{} is not inside the workspace at {}", path.display(), root.display())))
}

/// Print in `format`; snippets come from `ws` (its loaded version) when given, else from
/// disk. GitHub and SARIF paths are made relative to the repository root, where those tools
/// look for files.
fn print_at(
    diags: &[Diagnostic],
    root: &Path,
    ws: Option<&pobox::workspace::Workspace>,
    format: DiagFormat,
    out: &mut Out,
) -> CommandResult<()> {
    use pobox::diag::render;
    match format {
        DiagFormat::Human => {
            match ws {
                Some(ws) => out.workspace_diagnostics(diags, ws)?,
                None => out.diagnostics(diags, root)?,
            }
            let summary = render::summary(diags);
            if diags.is_empty() && out.is_quiet() {
                return Ok(());
            }
            writeln!(
                out.stderr(),
                "{}",
                if diags.is_empty() {
                    "No problems found.".to_owned()
                } else {
                    summary
                }
            )?;
        }
        DiagFormat::Short => {
            let mut w = out.data();
            w.write_all(render::short(diags).as_bytes())?;
            w.flush()?;
        }
        DiagFormat::Json => {
            let mut w = out.data();
            writeln!(w, "{}", render::json(diags))?;
            w.flush()?;
        }
        DiagFormat::Github => {
            let mut w = out.workflow_commands();
            w.write_all(render::github(&repo_relative(diags, root)).as_bytes())?;
            w.flush()?;
        }
        DiagFormat::Sarif => {
            let mut w = out.data();
            writeln!(w, "{}", render::sarif(&repo_relative(diags, root)))?;
            w.flush()?;
        }
    }
    Ok(())
}

/// Diagnostics with paths relative to the git work tree root instead of the workspace root
/// (they differ when `pobox.yaml` is in a subfolder).
fn repo_relative(diags: &[Diagnostic], root: &Path) -> Vec<Diagnostic> {
    let prefix = pobox::git::Repo::discover(root)
        .and_then(|repo| pobox::git::relative_to_workdir(&repo, root))
        .unwrap_or_default();
    diags
        .iter()
        .cloned()
        .map(|mut d| {
            d.path = prefix.join(&d.path);
            d
        })
        .collect()
}
