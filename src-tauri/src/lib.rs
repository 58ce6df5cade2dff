//! The desktop shell: builder, state and commands. Everything Liaison knows
//! lives in liaison-core; commands here only translate between IPC and it.

use std::path::Path;
use std::process::ExitCode;

use liaison_core::Store;

pub fn run(db: &Path) -> ExitCode {
    let store = match tauri::async_runtime::block_on(Store::open(db)) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("liaison: {}: {e}", db.display());
            return ExitCode::FAILURE;
        }
    };
    let app = tauri::Builder::default().manage(store).run(tauri::generate_context!());
    match app {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("liaison: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
