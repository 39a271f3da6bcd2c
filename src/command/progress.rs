//! Progress on a terminal for the command's longer runs: a spinner naming the step while a
//! file is read and checked, then a bar of the files written. Drawn on standard error, and
//! only when it is a terminal someone watches: piped or redirected, nothing is printed.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// On standard error, if it is a terminal (indicatif hides it otherwise).
    pub fn on_terminal() -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if !bar.is_hidden() {
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("a valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
        }
        Progress { bar }
    }

    /// Never drawn (the tests, and runs inside other programs).
    pub fn hidden() -> Progress {
        Progress { bar: ProgressBar::hidden() }
    }

    /// Names the step now under way.
    pub fn step(&self, message: String) {
        self.bar.set_message(message);
    }

    /// From here on, a bar of `total` files.
    pub fn files(&self, total: u64) {
        self.bar.set_length(total);
        self.bar.set_position(0);
        if !self.bar.is_hidden() {
            self.bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} files  {msg}").expect("a valid template"),
            );
        }
    }

    /// One more file written.
    pub fn wrote(&self, name: &str) {
        self.bar.set_message(name.to_owned());
        self.bar.inc(1);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
