//! Long work (imports and exports of large files, documents) says how far it has got
//! and can be stopped. The core reports; the command line draws a bar on a
//! terminal and the window a progress bar with Cancel.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// What part of the work is under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Stage {
    /// Reading a file through and checking all of it; nothing written yet.
    Checking,
    /// Writing it inside the one transaction, as it is read (again, after
    /// [`Stage::Checking`], or once, for a calendar file of new entries).
    Writing,
    /// Making a file (an export).
    Exporting,
    /// Typesetting a document: one step whose length is not known before
    /// it ends, so it is reported with a `total` of 0.
    Typesetting,
    /// Everything is read and written; what remains is one step of unknown
    /// length (a `total` of 0) that can no longer be stopped: the links
    /// left for last, the indexes a bulk write set aside, the commit. A
    /// large document's takes seconds, which a full bar would not explain.
    Finishing,
}

/// How far one stage has got: `done` of `total`, in the unit the stage
/// counts (bytes of a file read; items written). `total` is 0 when it is
/// not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Progress {
    pub stage: Stage,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

type Report = dyn Fn(Progress) + Send + Sync;

/// The handle long work is given: where to report, and whether to stop.
/// Clones share the one flag, so the window can keep one to cancel with
/// while the work runs with another.
#[derive(Clone, Default)]
pub struct Work {
    cancelled: Arc<AtomicBool>,
    report: Option<Arc<Report>>,
}

impl std::fmt::Debug for Work {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Work").field("cancelled", &self.is_cancelled()).finish_non_exhaustive()
    }
}

impl Work {
    /// Work nobody watches and nobody stops.
    pub fn quiet() -> Self {
        Self::default()
    }

    /// Work that reports to `report`, called from whichever thread does the
    /// work: it should only hand the figure on (to a channel, an atomic, a
    /// bar), not wait.
    pub fn reporting(report: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        Work { cancelled: Arc::default(), report: Some(Arc::new(report)) }
    }

    /// Asks the work to stop at its next check; it then rolls back.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub fn report(&self, stage: Stage, done: u64, total: u64) {
        if let Some(r) = &self.report {
            r(Progress { stage, done, total });
        }
    }

    /// [`Error::Cancelled`] once cancelled: work calls this between
    /// batches, and the `?` that follows drops its transaction.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn reports_reach_the_watcher_and_a_clone_cancels_the_work() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        let work = Work::reporting(move |p| sink.lock().unwrap().push(p));
        work.report(Stage::Checking, 10, 100);
        assert_eq!(*seen.lock().unwrap(), vec![Progress { stage: Stage::Checking, done: 10, total: 100 }]);
        let button = work.clone();
        assert!(work.check().is_ok());
        button.cancel();
        assert!(matches!(work.check(), Err(Error::Cancelled)));
        Work::quiet().report(Stage::Writing, 1, 1);
    }
}
