//! A progress bar on stderr for long scans (reading git history), shown only on a terminal
//! and only once a scan has run for a while.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar on stderr (indicatif): only on a terminal, and only once a scan has run
/// for a second, so short scans stay silent. `POBOX_PROGRESS_AFTER_MS` changes that second
/// (tests set it to 0 to see the bar on a pseudo-terminal).
pub struct ProgressLine {
    started: Instant,
    after: Duration,
    bar: Option<ProgressBar>,
    enabled: bool,
}

impl ProgressLine {
    /// A bar for a scan starting now; `quiet` keeps it hidden.
    pub fn new(quiet: bool) -> Self {
        let after = std::env::var("POBOX_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(Duration::from_secs(1), Duration::from_millis);
        ProgressLine {
            started: Instant::now(),
            after,
            bar: None,
            enabled: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// `done` of `total` commits read.
    pub fn update(&mut self, done: usize, total: usize) {
        if !self.enabled || self.started.elapsed() < self.after {
            return;
        }
        let bar = self.bar.get_or_insert_with(|| {
            let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("reading history [{bar:30}] {pos}/{len} commits ({eta} left)") {
                bar.set_style(style.progress_chars("#>-"));
            }
            bar
        });
        bar.set_position(done as u64);
    }

    /// Take the bar off the terminal.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
