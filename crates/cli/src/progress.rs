//! A progress bar on standard error for long imports and exports: drawn
//! only when standard error is a terminal, and only once the work has
//! taken more than a moment, so that scripts, logs and quick commands stay
//! clean.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use liaison_core::i18n::{self, t};
use liaison_core::progress::{Progress, Stage, Work};

/// Work shorter than this shows no bar: it would only flicker.
const QUIET_FOR: Duration = Duration::from_millis(400);

/// The bar of one command; cleared when dropped.
pub struct Bar {
    bar: Arc<Mutex<Option<ProgressBar>>>,
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.lock().ok().and_then(|mut b| b.take()) {
            bar.finish_and_clear();
        }
    }
}

/// The [`Work`] to hand to the core, and the bar it draws (if any).
pub fn bar() -> (Work, Bar) {
    let shown: Arc<Mutex<Option<ProgressBar>>> = Arc::default();
    if !std::io::stderr().is_terminal() {
        return (Work::quiet(), Bar { bar: shown });
    }
    let started = Instant::now();
    let slot = shown.clone();
    let work = Work::reporting(move |p: Progress| {
        let Ok(mut slot) = slot.lock() else { return };
        if slot.is_none() {
            if started.elapsed() < QUIET_FOR || p.done >= p.total {
                return;
            }
            let style = ProgressStyle::with_template("{msg:<12} [{bar:32}] {percent:>3}%  {elapsed} ({eta} left)")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            let bar = ProgressBar::with_draw_target(Some(p.total), ProgressDrawTarget::stderr()).with_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            *slot = Some(bar);
        }
        if let Some(bar) = slot.as_ref() {
            let l = i18n::current();
            bar.set_message(match p.stage {
                Stage::Checking => t!(l, "progress-checking"),
                Stage::Writing => t!(l, "progress-writing"),
                Stage::Exporting => t!(l, "progress-exporting"),
            });
            bar.set_length(p.total.max(1));
            bar.set_position(p.done);
        }
    });
    (work, Bar { bar: shown })
}
