//! Long work in the window (imports of large files): its progress goes to
//! the page as events, and the page's Cancel stops it. The core rolls the
//! whole action back when it sees the cancel; nothing half-done stays.

use std::sync::Mutex;

use liaison_core::progress::{Progress, Work};
use tauri::{AppHandle, Emitter, State};

/// The event the page hears each time long work has got further.
pub const PROGRESS: &str = "work-progress";

/// The long work under way, if any: one at a time, as the window runs one
/// import at a time.
#[derive(Default)]
pub struct Working(Mutex<Option<Work>>);

impl Working {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Work>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Work that reports to the window, cancellable until the guard is
    /// dropped (when the command returns, however it returns).
    pub fn start<'a>(&'a self, app: &AppHandle) -> Started<'a> {
        let app = app.clone();
        let work = Work::reporting(move |p: Progress| {
            // A page that is gone cannot show it; the work goes on.
            let _ = app.emit(PROGRESS, p);
        });
        *self.slot() = Some(work.clone());
        Started { working: self, work }
    }
}

pub struct Started<'a> {
    working: &'a Working,
    pub work: Work,
}

impl Drop for Started<'_> {
    fn drop(&mut self) {
        self.working.slot().take();
    }
}

/// Stops the long work under way, if any; the command running it then
/// fails with "stopped: nothing of it was written".
#[tauri::command]
pub fn cancel_work(working: State<'_, Working>) {
    if let Some(work) = working.slot().as_ref() {
        work.cancel();
    }
}
