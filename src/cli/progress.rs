//! A progress bar for a long command-line job (a large cohort, `score` of a folder), drawn
//! on standard error only when both output streams are a terminal: a pipe, a file or a
//! script never gets one.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// A job's progress: `steps` steps, each reported with [`Progress::step`] from any thread.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for `steps` steps of `what` ("patients", "files"), hidden when either output
    /// stream is not a terminal.
    pub fn new(steps: usize, what: &str) -> Progress {
        let shown = std::io::stdout().is_terminal() && std::io::stderr().is_terminal();
        Progress(shown.then(|| {
            let bar = ProgressBar::new(steps as u64);
            let template = format!("{{bar:40}} {{pos}}/{{len}} {what} ({{eta}} left)");
            if let Ok(style) = ProgressStyle::with_template(&template) {
                bar.set_style(style);
            }
            bar
        }))
    }

    /// One step done.
    pub fn step(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Runs `f` (which prints) with the bar lifted off the terminal, so lines and bar do
    /// not mix.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// The job is over: the bar leaves the terminal as it found it.
    pub fn finish(self) {
        if let Some(bar) = self.0 {
            bar.finish_and_clear();
        }
    }
}
