// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use liaison_cli::Launch;

// glibc's allocator spent half of a large import's time in malloc and free
// (fragmentation from big JSON trees); mimalloc cut the import's write phase
// from 4.2 s to 2.0 s. See crates/core/examples/import_phases.rs.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match liaison_cli::launch() {
        Launch::Window { db } => liaison_app::run(&db),
        Launch::Exit(code) => code,
    }
}
