//! The desktop shell: builder, state and commands. Everything Liaison knows
//! lives in liaison-core; commands only translate between IPC and it.

mod commands;
pub mod error;

use std::path::Path;
use std::process::ExitCode;

use liaison_core::Store;
use tauri::{Manager, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// The commands the window may call. build.rs grants exactly these (and
/// nothing else) to the main window's capability.
macro_rules! handlers {
    () => {
        tauri::generate_handler![
            commands::visits::visit_page,
            commands::visits::visit_detail,
            commands::visits::create_visit,
            commands::visits::update_visit,
            commands::visits::delete_visit,
            commands::visits::set_participant,
            commands::visits::remove_participant,
            commands::visits::reorder_participants,
            commands::visits::create_agenda_item,
            commands::visits::update_agenda_item,
            commands::visits::duplicate_agenda_item,
            commands::visits::delete_agenda_item,
            commands::visits::create_follow_up,
            commands::visits::update_follow_up,
            commands::visits::delete_follow_up,
            commands::visits::load_sample,
            commands::visits::start_screen,
            commands::directory::organisations,
            commands::directory::organisation,
            commands::directory::create_organisation,
            commands::directory::update_organisation,
            commands::directory::delete_organisation,
            commands::directory::search_people,
            commands::directory::person,
            commands::directory::create_person,
            commands::directory::update_person,
            commands::directory::delete_person,
            commands::calendar::export_calendar,
            commands::calendar::preview_calendar_import,
            commands::calendar::import_calendar,
            commands::calendar::cancel_calendar_import,
            commands::perf::perf_mode,
            commands::perf::painted,
        ]
    };
}

/// What the window hears when the database changed behind it.
const DATA_CHANGED: &str = "data-changed";

/// Tells the window, within about a second, when something was committed to
/// the database (a command-line import, another program), so that it shows
/// what is stored now; forms keep what was typed (ui/src/views/*).
fn watch_for_changes(app: tauri::AppHandle, store: Store) {
    use tauri::Emitter;
    tauri::async_runtime::spawn(async move {
        let mut watcher = match store.watch_changes().await {
            Ok(Some(w)) => w,
            Ok(None) => return,
            Err(e) => {
                eprintln!("liaison: changes made elsewhere will not show until a restart: {e}");
                return;
            }
        };
        loop {
            // Often enough to feel immediate, rare enough to cost nothing.
            tokio::time::sleep(std::time::Duration::from_millis(700)).await;
            match watcher.changed().await {
                Ok(true) => {
                    let _ = app.emit(DATA_CHANGED, ());
                }
                Ok(false) => {}
                Err(e) => eprintln!("liaison: watching the database: {e}"),
            }
        }
    });
}

pub fn run(db: &Path) -> ExitCode {
    let store = match tauri::async_runtime::block_on(Store::open(db)) {
        Ok(store) => {
            if let Some(copy) = store.backup() {
                eprintln!(
                    "liaison: {} was updated to this version's schema; the database as it was before is kept at {}",
                    db.display(),
                    copy.display()
                );
            }
            store
        }
        Err(e) => {
            eprintln!("liaison: {}: {e}", db.display());
            return ExitCode::FAILURE;
        }
    };
    let app = tauri::Builder::default()
        // A second `liaison` with no subcommand focuses the open window
        // instead of opening a second writer on the same database.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        // The plugin saves on a clean exit; saving as the window changes too
        // keeps the size and place when the app is killed or crashes. The
        // state file is tiny; a throttle would drop the final size.
        .on_window_event(|window, event| {
            if matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
                let _ = window.app_handle().save_window_state(StateFlags::all());
            }
        })
        // Rust opens the file dialogs itself (commands::calendar); the page
        // is granted none of this plugin's commands.
        .plugin(tauri_plugin_dialog::init())
        .setup({
            let store = store.clone();
            move |app| {
                watch_for_changes(app.handle().clone(), store);
                Ok(())
            }
        })
        .manage(store)
        .manage(commands::calendar::PendingImports::default())
        .invoke_handler(handlers!())
        .run(tauri::generate_context!());
    match app {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("liaison: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
