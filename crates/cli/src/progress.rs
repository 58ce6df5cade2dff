//! A progress bar on standard error for long imports, exports and
//! documents: drawn only when standard error is a terminal, and only once
//! the work has taken more than a moment, so that scripts, logs and quick
//! commands stay clean.

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
            // Work whose length is not known (total 0) gets a spinner.
            let endless = p.total == 0;
            if started.elapsed() < QUIET_FOR || (!endless && p.done >= p.total) {
                return;
            }
            let (template, length) = if endless {
                ("{spinner} {msg}  {elapsed}", None)
            } else {
                ("{msg:<12} [{bar:32}] {percent:>3}%  {elapsed} ({eta} left)", Some(p.total))
            };
            let style = ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            let bar = ProgressBar::with_draw_target(length, ProgressDrawTarget::stderr()).with_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            *slot = Some(bar);
        }
        if let Some(bar) = slot.as_ref() {
            let l = i18n::current();
            bar.set_message(match p.stage {
                Stage::Checking => t!(l, "progress-checking"),
                Stage::Writing => t!(l, "progress-writing"),
                Stage::Exporting => t!(l, "progress-exporting"),
                Stage::Typesetting => t!(l, "progress-typesetting"),
                Stage::Finishing => t!(l, "progress-finishing"),
            });
            if p.total > 0 {
                bar.set_length(p.total);
                bar.set_position(p.done);
            }
        }
    });
    (work, Bar { bar: shown })
}

/// Waits for `task`, one step whose length is not known (typesetting),
/// with a spinner for `stage` once it has taken more than a moment.
pub async fn spinning<T>(stage: Stage, task: impl std::future::Future<Output = T>) -> T {
    let (work, _bar) = bar();
    tokio::pin!(task);
    // The first tick is at once and draws nothing (see QUIET_FOR).
    let mut tick = tokio::time::interval(QUIET_FOR);
    loop {
        tokio::select! {
            out = &mut task => return out,
            _ = tick.tick() => work.report(stage, 0, 0),
        }
    }
}
