//! `pobox validate`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use pobox::diag::{Diagnostic, Severity};
use pobox::workspace::LoadOptions;

use super::args::{Cli, DiagFormat, ValidateArgs};
use super::{OK, Out, load_version};

/// Exit code when problems were found.
const FINDINGS: u8 = 1;

pub fn run(cli: &Cli, args: &ValidateArgs, out: &mut Out) -> Result<u8> {
    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            DiagFormat::Github
        } else {
            DiagFormat::Human
        }
    });
    // Problems in pobox.yaml are reported like any other, in the requested format, but
    // nothing else can be judged without valid settings: usage error.
    let root = super::root(cli)?;
    if let Err(pobox::workspace::WorkspaceError::Config(diags)) = pobox::workspace::read_config(&root) {
        print_at(&diags, &root, None, format, out)?;
        return Ok(super::FAILURE);
    }
    let (ws, diags) = if args.staged {
        // Only the staged files' bodies matter to the commit; every other file is judged on
        // its front-matter (references, ids, dependencies, sprints), which keeps a hook on a
        // large backlog fast.
        let mut ws = load_version(cli, LoadOptions::without_bodies(), true, out)?;
        let repo = pobox::git::Repo::discover(&ws.root).context("--staged needs a git repository")?;
        let scope = pobox::validate::staged::scope(&ws, &repo)?;
        ws.read_bodies_of(&scope.paths);
        let diags = pobox::validate::validate_staged(&ws, pobox::clock::today(), &scope);
        (ws, diags)
    } else {
        let ws = load_version(cli, LoadOptions::default(), false, out)?;
        let diags = pobox::validate::validate(&ws, pobox::clock::today());
        (ws, diags)
    };
    let mut diags = diags;
    if !args.paths.is_empty() {
        let wanted: Vec<PathBuf> = args.paths.iter().map(|p| relative_to(&ws.root, p)).collect::<Result<_>>()?;
        diags.retain(|d| wanted.iter().any(|w| d.path.starts_with(w)));
    }
    print_at(&diags, &ws.root, Some(&ws), format, out)?;
    let failing = diags
        .iter()
        .any(|d| d.severity == Severity::Error || (args.deny.is_some() && d.severity == Severity::Warning));
    Ok(if failing { FINDINGS } else { OK })
}

/// A path as given on the command line, relative to the workspace root.
fn relative_to(root: &Path, path: &Path) -> Result<PathBuf> {
    // Resolved (`..`, links) when it exists, so `../../backlog/x.md` names the same file.
    let abs = path
        .canonicalize()
        .with_context(|| format!("{}: no such file or folder", path.display()))?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    abs.strip_prefix(&root)
        .map(Path::to_path_buf)
        .map_err(|_| anyhow::anyhow!("{} is not inside the workspace at {}", path.display(), root.display()))
}

/// Print in `format`; snippets come from `ws` (its loaded version) when given, else from
/// disk. GitHub and SARIF paths are made relative to the repository root, where those tools
/// look for files.
fn print_at(diags: &[Diagnostic], root: &Path, ws: Option<&pobox::workspace::Workspace>, format: DiagFormat, out: &mut Out) -> Result<()> {
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
            let mut w = out.data();
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
