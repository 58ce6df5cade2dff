//! The desktop shell: builder, state and commands. Everything Liaison knows
//! lives in liaison-core; commands only translate between IPC and it.

mod commands;
pub mod error;
#[cfg(target_os = "linux")]
mod pressure;

use std::process::ExitCode;

use liaison_core::{Location, Service};
use tauri::{Manager, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// The commands the window may call. build.rs grants exactly these (and
/// nothing else) to the main window's capability.
macro_rules! handlers {
    () => {
        tauri::generate_handler![
            commands::visits::visit_page,
            commands::visits::visit_detail,
            commands::visits::visit_history,
            commands::database::database_setting,
            commands::database::test_database,
            commands::database::switch_database,
            commands::directory::record_history,
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
            commands::visits::copy_visit,
            commands::visits::carry_follow_up,
            commands::visits::seating_plan,
            commands::visits::save_seating,
            commands::visits::visa_details,
            commands::visits::save_visa_details,
            commands::visits::delete_visa_details,
            commands::visits::purge_visa_details,
            commands::visits::uncarry_follow_up,
            commands::visits::move_agenda_item,
            commands::visits::calendar,
            commands::visits::reschedule_agenda_item,
            commands::visits::conflicts,
            commands::visits::open_conflict_count,
            commands::visits::acknowledge_conflict,
            commands::visits::unacknowledge_conflict,
            commands::visits::follow_up_register,
            commands::visits::overdue_follow_ups,
            commands::visits::set_follow_up_status,
            commands::visits::load_sample,
            commands::visits::start_screen,
            commands::directory::organisations,
            commands::directory::search,
            commands::directory::organisation,
            commands::directory::create_organisation,
            commands::directory::update_organisation,
            commands::directory::delete_organisation,
            commands::directory::search_people,
            commands::directory::person,
            commands::directory::create_person,
            commands::directory::update_person,
            commands::directory::delete_person,
            commands::directory::rooms,
            commands::directory::add_availability,
            commands::directory::update_availability,
            commands::directory::delete_availability,
            commands::directory::create_room,
            commands::directory::update_room,
            commands::directory::delete_room,
            commands::calendar::export_calendar,
            commands::documents::document_preview,
            commands::documents::warm_typesetter,
            commands::documents::rest_typesetter,
            commands::documents::save_document,
            commands::documents::open_document,
            commands::documents::choose_letter_template,
            commands::documents::forget_letter_template,
            commands::calendar::preview_calendar_import,
            commands::calendar::import_calendar,
            commands::imports::next_opened_file,
            commands::imports::import_document,
            commands::imports::cancel_import,
            commands::work::cancel_work,
            commands::perf::perf_mode,
            commands::perf::painted,
        ]
    };
}

/// What is remembered of the window between runs: all but whether it shows.
const REMEMBERED: StateFlags = StateFlags::all().difference(StateFlags::VISIBLE);

/// What the window hears when the database changed behind it.
const DATA_CHANGED: &str = "data-changed";
/// The team database's server stopped answering (the message says how).
const DATABASE_UNREACHABLE: &str = "database-unreachable";
/// It answers again.
const DATABASE_REACHABLE: &str = "database-reachable";

/// Tells the window, within about a second, when something was committed to
/// the database (a command-line import, another program), so that it shows
/// what is stored now; forms keep what was typed (ui/src/views/*).
fn watch_for_changes(app: tauri::AppHandle, store: Service) {
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
        // Whether the last look failed: a team database's server can go
        // away and come back. The window says so while it is away (what it
        // shows may be out of date) and reloads when it is back.
        let mut away = false;
        loop {
            // Often enough to feel immediate, rare enough to cost nothing.
            tokio::time::sleep(std::time::Duration::from_millis(700)).await;
            match watcher.changed().await {
                Ok(changed) => {
                    // Back: anything may have changed meanwhile, so reload.
                    let back = std::mem::replace(&mut away, false);
                    if back {
                        let _ = app.emit(DATABASE_REACHABLE, ());
                    }
                    if changed || back {
                        let _ = app.emit(DATA_CHANGED, ());
                    }
                }
                Err(e) => {
                    if !away {
                        eprintln!("liaison: watching the database: {e}");
                        let _ = app.emit(DATABASE_UNREACHABLE, e.to_string());
                    }
                    away = true;
                    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
                }
            }
        }
    });
}

/// The name a window takes on the session bus, one per database: a second
/// launch on the same database hands its arguments to the window that has it
/// open and exits, while a launch on another opens its own window.
fn instance_id(db: &Location) -> String {
    let key: Vec<u8> = match db {
        Location::File(path) => {
            // The same file however it is named (relative, through a symlink).
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
            let canonical = match (absolute.parent().map(std::fs::canonicalize), absolute.file_name()) {
                (Some(Ok(dir)), Some(name)) => dir.join(name),
                _ => absolute,
            };
            canonical.as_os_str().as_encoded_bytes().to_vec()
        }
        // The server, database and user, without the password.
        Location::Team(_) => db.shown().into_bytes(),
    };
    // FNV-1a: stable across builds and Rust versions, unlike std's hasher,
    // so that two versions of Liaison still find each other.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in &key {
        hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("org.liaison.desktop.db_{hash:016x}")
}

/// Whether there is a display to open the window on. Without this check
/// the windowing library panics, which is no way to tell a user (or a
/// script run over ssh) that `liaison FILE` wants a desktop.
#[cfg(target_os = "linux")]
fn display_ready() -> std::result::Result<(), String> {
    let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
        return Err("no display (neither DISPLAY nor WAYLAND_DISPLAY is set)".into());
    }
    // GTK is initialised once per process; the window's own start then
    // finds it ready.
    gtk::init().map_err(|e| format!("the display does not answer ({e})"))
}

#[cfg(not(target_os = "linux"))]
fn display_ready() -> std::result::Result<(), String> {
    Ok(())
}

/// WebKit's default caches are a browser's: pages gone back to, resources
/// of sites visited before. The window shows one page of its own, so they
/// would only hold memory all day (issue 15; scripts/bench-app measures it).
#[cfg(target_os = "linux")]
fn lighten_webview(window: &tauri::WebviewWindow) {
    let _ = window.with_webview(|w| {
        use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
        if let Some(context) = w.inner().context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    });
}

#[cfg(not(target_os = "linux"))]
fn lighten_webview(_window: &tauri::WebviewWindow) {}

/// Opens the database for the window, once this launch is known to be the
/// only one on it; on failure (another program's file, a newer Liaison's, a
/// file it cannot read) says so in a dialog as well as on stderr, and ends.
fn open_store(app: &tauri::App, db: &Location) -> bool {
    use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
    match tauri::async_runtime::block_on(Service::open_at(db)) {
        Ok(store) => {
            if let Some(copy) = store.backup() {
                eprintln!(
                    "liaison: {} was updated to this version's schema; the database as it was before is kept at {}",
                    db.shown(),
                    copy.display()
                );
            }
            watch_for_changes(app.handle().clone(), store.clone());
            app.manage(store);
            // The window starts hidden (tauri.conf.json), so that a database
            // that cannot be opened shows its dialog alone, with no empty
            // window flashing first.
            if let Some(w) = app.get_webview_window("main") {
                lighten_webview(&w);
                let _ = w.show();
            }
            true
        }
        Err(e) => {
            match &e {
                // These name the file already.
                liaison_core::Error::Refused { .. } | liaison_core::Error::Io { .. } => eprintln!("liaison: {e}"),
                _ => eprintln!("liaison: {}: {e}", db.shown()),
            }
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.hide();
            }
            let handle = app.handle().clone();
            app.dialog()
                // Before the page runs: the system's language, not the window's.
                .message(liaison_core::i18n::t!(
                    liaison_core::i18n::Lang::from_env(),
                    "shell-database-unreadable",
                    error = e.to_string()
                ))
                .title("Liaison")
                .kind(MessageDialogKind::Error)
                .show(move |_| handle.exit(1));
            false
        }
    }
}

/// The web process's memory pressure settings (pressure.rs says why).
/// WebKit releases its caches when the process's own memory passes 42 MB
/// (the window idles at about 31 MB on the benchmark's 10,000 visits), and
/// everything it can, a garbage collection included, past 70 MB, looking
/// every 5 s. 200 visits opened with every tab then grew the window by
/// +4.3, +3.8 and +6.7% (a minute on +3.4, +3.1, +6.2%), its curve flat
/// from the first 10 visits, against +17.7% (+11.6%) with WebKit's own
/// settings (scripts/bench-app workload-without-documents, one round each;
/// LIAISON_WEB_MEMORY=off for WebKit's own). The workload took 39-41 s
/// against 37-38 s: the collections and the compiled code dropped past
/// 70 MB. With everything released only past 150 MB it grew +8.0, +12.4
/// and +4.1% ten seconds after: what piles up is mostly the script's
/// garbage, which only the strict release collects. Looking every 10 s
/// left +13.0%.
#[cfg(target_os = "linux")]
const WEB_MEMORY: Option<pressure::Settings> =
    Some(pressure::Settings { limit_mb: 140, conservative: 0.3, strict: 0.5, poll_seconds: 5.0 });

/// Opens the window on `db`, and previews importing `files` in it.
pub fn run(db: &Location, files: Vec<std::path::PathBuf>) -> ExitCode {
    if let Err(why) = display_ready() {
        eprintln!("liaison: cannot open the window: {why}. The subcommands need no display: see liaison --help");
        return ExitCode::FAILURE;
    }
    #[cfg(target_os = "linux")]
    {
        let settings = match std::env::var("LIAISON_WEB_MEMORY") {
            Ok(text) => match pressure::Settings::parse(&text) {
                Ok(s) => s,
                Err(why) => {
                    eprintln!("liaison: {why}");
                    return ExitCode::FAILURE;
                }
            },
            Err(_) => WEB_MEMORY,
        };
        if let Some(s) = settings {
            pressure::install(s);
        }
    }
    let failed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let app = tauri::Builder::default()
        // A second launch on the same database focuses the open window and
        // exits, before it opens (let alone creates or migrates) anything;
        // one on another database opens a window of its own. The plugin
        // sets up before the app's own setup below, which opens the store.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_id(db))
                .callback(|app, args, cwd| {
                    // `liaison FILE…` while the window is open (a file
                    // manager's "Open with Liaison"): the files join the
                    // queue and the page asks for them.
                    let files = liaison_cli::files_to_open(args, std::path::Path::new(&cwd));
                    if !files.is_empty() {
                        use tauri::Emitter;
                        app.state::<commands::imports::OpenedFiles>().push(files);
                        let _ = app.emit(commands::imports::FILES_OPENED, ());
                    }
                    if let Some(w) = app.get_webview_window("main") {
                        let _ = w.unminimize();
                        let _ = w.show();
                        let _ = w.set_focus();
                    }
                })
                .build(),
        )
        // Whether the window is shown is Liaison's to decide (once its
        // database is open), not the remembered state's.
        .plugin(tauri_plugin_window_state::Builder::default().with_state_flags(REMEMBERED).build())
        // The plugin saves on a clean exit; saving as the window changes too
        // keeps the size and place when the app is killed or crashes. The
        // state file is tiny; a throttle would drop the final size.
        .on_window_event(|window, event| match event {
            WindowEvent::Resized(_) | WindowEvent::Moved(_) => {
                let _ = window.app_handle().save_window_state(REMEMBERED);
            }
            // The window is gone and the app is ending: the database's name
            // on the session bus goes now, not at the very end of the exit.
            // Held until then, it took a launch in between (a file opened
            // the moment the window was closed) for this window's, and the
            // file went to an app that was ending.
            WindowEvent::Destroyed if window.label() == "main" => {
                tauri_plugin_single_instance::destroy(window.app_handle());
            }
            _ => {}
        })
        // Rust opens the file dialogs itself (commands::calendar); the page
        // is granted none of this plugin's commands.
        .plugin(tauri_plugin_dialog::init())
        .setup({
            let db = db.to_owned();
            let failed = failed.clone();
            move |app| {
                if !open_store(app, &db) {
                    failed.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                Ok(())
            }
        })
        .manage(commands::imports::PendingImports::default())
        .manage(commands::work::Working::default())
        .manage(commands::documents::SavedDocuments::default())
        .manage(commands::documents::Press::default())
        .manage(commands::documents::LetterTemplates::default())
        .manage(commands::imports::OpenedFiles::new(files))
        .invoke_handler(handlers!())
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|_, event| {
                if let tauri::RunEvent::Exit = event {
                    // The end-to-end test holds the app here, its window
                    // gone, as a slow exit would.
                    liaison_core::pause::point("shell:exit");
                }
            })
        });
    match app {
        Ok(()) if failed.load(std::sync::atomic::Ordering::Relaxed) => ExitCode::FAILURE,
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("liaison: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
