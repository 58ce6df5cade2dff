//! The smallest Tauri 2 window: a page that reports its first paint the way
//! Liaison does, so that scripts/bench-app can put the two side by side.

#[derive(serde::Deserialize)]
struct PaintReport {
    event: String,
    detail: Option<String>,
}

#[tauri::command]
fn painted(report: PaintReport) {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    println!("liaison-perf {} {} - {}", report.event, now.as_millis(), report.detail.unwrap_or_default());
}

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            // As liaison's lighten_webview: a document viewer's caches.
            #[cfg(target_os = "linux")]
            if let Some(w) = tauri::Manager::get_webview_window(app, "main") {
                let _ = w.with_webview(|w| {
                    use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
                    if let Some(context) = w.inner().context() {
                        context.set_cache_model(CacheModel::DocumentViewer);
                    }
                });
            }
            let _ = app;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![painted])
        .run(tauri::generate_context!())
        .expect("the empty window");
}
