//! Measurement hooks for scripts/bench-app. Without LIAISON_PERF in the
//! environment they do nothing; with it, the UI reports when it has painted
//! and the script reads the lines this prints.

use serde::Serialize;
use ts_rs::TS;

/// What the measurement script asked for, if anything ("start", "list",
/// "lang", "calendar" or "workload").
#[tauri::command]
pub fn perf_mode() -> Option<String> {
    std::env::var("LIAISON_PERF").ok().filter(|m| !m.is_empty())
}

#[derive(Debug, serde::Deserialize, Serialize, TS)]
#[ts(export)]
pub struct PaintReport {
    /// What was painted: "first-data", "list-after-navigation", "scroll".
    pub event: String,
    /// A duration the page measured itself, in milliseconds.
    pub ui_ms: Option<f64>,
    /// Anything else worth printing (frame statistics).
    pub detail: Option<String>,
}

/// Prints one line: `liaison-perf EVENT UNIX_MS UI_MS DETAIL`.
#[tauri::command]
pub fn painted(report: PaintReport) {
    if perf_mode().is_none() {
        return;
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    println!(
        "liaison-perf {} {} {} {}",
        report.event,
        now.as_millis(),
        report.ui_ms.map_or("-".into(), |m| format!("{m:.1}")),
        report.detail.unwrap_or_default()
    );
}
