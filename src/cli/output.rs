//! Where output goes: standard output and error, colours, terminal width, `--quiet` and
//! `--verbose`.
//!
//! This is also the one place that makes what pobox prints safe for a terminal and a CI log
//! (docs/reliability.md, "Output is injection-safe"): every stream handed out here writes
//! through [`pobox::text::control::Terminal`], which shows control characters, lone carriage
//! returns and bidirectional overrides as visible symbols and turns GitHub workflow commands
//! into text, whatever a command prints and however it formats it. Two streams skip it, each
//! for text made safe where it was rendered: [`Out::diagnostics`], whose styles are pobox's
//! own escapes, and [`Out::workflow_commands`], whose lines are commands on purpose.

use std::io::{IsTerminal, Write};
use std::path::Path;

use pobox::diag::Diagnostic;
use pobox::text::control::Terminal;

/// The binary's stdout and stderr, with the colour choice made once.
pub struct Out {
    color: anstream::ColorChoice,
    quiet: bool,
    verbose: u8,
}

impl Out {
    /// Streams coloured as `color` says (`Auto` resolves NO_COLOR / CLICOLOR_FORCE and the
    /// terminal).
    pub fn new(color: anstream::ColorChoice) -> Self {
        Out {
            color,
            quiet: false,
            verbose: 0,
        }
    }

    /// Apply `--quiet` and `--verbose`.
    pub fn with_verbosity(mut self, quiet: bool, verbose: u8) -> Self {
        self.quiet = quiet;
        self.verbose = verbose;
        self
    }

    /// Where informational messages go ("Created S-1 …", "Updated …", progress): standard
    /// output, or nowhere under `--quiet`. Data and errors never go here.
    pub fn info(&self) -> Box<dyn Write> {
        if self.quiet {
            Box::new(std::io::sink())
        } else {
            Box::new(self.stdout())
        }
    }

    /// Whether `--quiet` was given.
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Say `message` on stderr when `--verbose` was given at least `level` times.
    pub fn verbose(&self, level: u8, message: impl FnOnce() -> String) {
        if self.verbose >= level {
            let _ = writeln!(self.stderr(), "pobox: {}", message());
        }
    }

    /// Standard output (locked, colour-aware, terminal-safe).
    pub fn stdout(&self) -> Terminal<anstream::AutoStream<std::io::StdoutLock<'static>>> {
        Terminal::new(anstream::AutoStream::new(std::io::stdout().lock(), self.color))
    }

    /// Standard output for data (JSON, CSV, tables): never coloured, so it skips the
    /// escape-stripping pass, which costs real time on large listings; terminal-safe.
    pub fn data(&self) -> Terminal<std::io::BufWriter<std::io::StdoutLock<'static>>> {
        Terminal::new(self.raw_data())
    }

    /// Standard output for GitHub workflow commands (`validate --format github`): the only
    /// stream where a line may start with `::`. What is written here must have been made
    /// safe where it was rendered (`pobox::diag::render::github` escapes every text in it).
    pub fn workflow_commands(&self) -> std::io::BufWriter<std::io::StdoutLock<'static>> {
        self.raw_data()
    }

    fn raw_data(&self) -> std::io::BufWriter<std::io::StdoutLock<'static>> {
        std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
    }

    /// Standard output for text holding pobox's own styles (the highlighted matches of
    /// `search`), which must have been made safe where it was rendered; `None` when stdout
    /// gets no colours, and the text goes plain through [`Out::data`] instead.
    pub fn styled_stdout(&self) -> Option<std::io::BufWriter<anstream::AutoStream<std::io::StdoutLock<'static>>>> {
        let colored = match self.color {
            anstream::ColorChoice::Always | anstream::ColorChoice::AlwaysAnsi => true,
            anstream::ColorChoice::Never => false,
            anstream::ColorChoice::Auto => anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
        };
        colored.then(|| std::io::BufWriter::new(anstream::AutoStream::new(std::io::stdout().lock(), self.color)))
    }

    /// Standard error (colour-aware, terminal-safe).
    pub fn stderr(&self) -> Terminal<anstream::AutoStream<std::io::StderrLock<'static>>> {
        Terminal::new(self.raw_stderr())
    }

    /// Standard error as it is, for text that holds pobox's own styles and was made safe
    /// where it was rendered.
    fn raw_stderr(&self) -> anstream::AutoStream<std::io::StderrLock<'static>> {
        anstream::AutoStream::new(std::io::stderr().lock(), self.color)
    }

    /// Whether stderr gets colours: `--color always|never` decide; with `auto`, anstream
    /// decides from NO_COLOR, CLICOLOR_FORCE, CLICOLOR, TERM and whether it is a terminal.
    fn stderr_colored(&self) -> bool {
        match self.color {
            anstream::ColorChoice::Always | anstream::ColorChoice::AlwaysAnsi => true,
            anstream::ColorChoice::Never => false,
            anstream::ColorChoice::Auto => anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never,
        }
    }

    /// The width tables must fit: `COLUMNS`, else the terminal's, else none. A width of 0
    /// (`COLUMNS=0`, or a terminal that reports no size, as some do in containers) is no
    /// width at all: it counts as unknown, not as room for nothing.
    pub fn width(&self) -> Option<usize> {
        width_from(std::env::var("COLUMNS").ok().as_deref(), || {
            if std::io::stdout().is_terminal() {
                terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
            } else {
                None
            }
        })
    }

    /// Print diagnostics to stderr in the human format. The renderer escapes every text it
    /// shows (`pobox::diag::render`), and its colours are pobox's own escapes, so this text
    /// goes to stderr as it is.
    pub fn diagnostics(&self, diags: &[Diagnostic], root: &Path) -> std::io::Result<()> {
        if diags.is_empty() {
            return Ok(());
        }
        let text = pobox::diag::render::human(diags, root, self.stderr_colored());
        self.raw_stderr().write_all(text.as_bytes())
    }

    /// Print diagnostics about a workspace's files (read in the version it was loaded from),
    /// as [`Out::diagnostics`] does.
    pub fn workspace_diagnostics(&self, diags: &[Diagnostic], ws: &pobox::workspace::Workspace) -> std::io::Result<()> {
        if diags.is_empty() {
            return Ok(());
        }
        let text = pobox::diag::render::human_from(diags, |p| ws.file_text(p), self.stderr_colored());
        self.raw_stderr().write_all(text.as_bytes())
    }
}

/// The width from `COLUMNS` when it is a number above 0, else from `terminal` when that is
/// above 0, else none.
fn width_from(columns: Option<&str>, terminal: impl FnOnce() -> Option<usize>) -> Option<usize> {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w > 0)
        .or_else(|| terminal().filter(|w| *w > 0))
}

#[cfg(test)]
mod tests {
    use super::width_from;

    #[test]
    fn a_width_of_zero_is_unknown() {
        assert_eq!(width_from(Some("80"), || Some(120)), Some(80));
        assert_eq!(width_from(Some("0"), || Some(120)), Some(120));
        assert_eq!(width_from(Some("0"), || None), None);
        assert_eq!(width_from(Some("wide"), || Some(0)), None);
        assert_eq!(width_from(None, || Some(0)), None);
    }
}
