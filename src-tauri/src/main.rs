// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use liaison_cli::Launch;

// glibc's allocator spent half of a large import's time in malloc and free
// (fragmentation from big JSON trees); mimalloc cut the import's write phase
// from 4.2 s to 2.0 s. See crates/core/examples/import_phases.rs.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's C API, linked in by the mimalloc crate.
extern "C" {
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
}

/// `mi_option_purge_delay`: its place in mimalloc.h's `mi_option_e` (v3,
/// pinned by Cargo.lock).
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;

fn set_purge_delay(ms: std::os::raw::c_long) {
    // SAFETY: sets a plain integer option that mimalloc reads on each purge.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, ms) };
}

fn main() -> ExitCode {
    // Memory freed by a command-line run (an import) is never handed back to
    // the system: the process ends soon, and handing back and faulting in
    // again cost 15% of a large import. The window, which sits idle most of
    // the day, hands it back after mimalloc's usual 10 ms; with arenas
    // committed lazily (.cargo/config.toml) its idle memory is 15 MiB less.
    set_purge_delay(-1);
    match liaison_cli::launch() {
        Launch::Window { db, files } => {
            set_purge_delay(10);
            liaison_app::run(&db, files)
        }
        Launch::Exit(code) => code,
    }
}
