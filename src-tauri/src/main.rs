// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

//! `liaison-window`: the window. `liaison` (crates/cli) starts it in its
//! own place when given no subcommand; it reads the same arguments, so it
//! also runs a headless command given one, as `liaison` would.

use std::process::ExitCode;

use liaison_cli::Launch;

// The allocator of both programs (see crates/cli/src/main.rs).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // As on the command line until it is known that the window opens.
    liaison_cli::set_purge_delay(-1);
    match liaison_cli::launch() {
        Launch::Window { db, files } => {
            // The window sits idle most of the day: freed memory goes back
            // after mimalloc's usual 10 ms. With arenas committed lazily
            // (.cargo/config.toml) its idle memory is 15 MiB less.
            liaison_cli::set_purge_delay(10);
            liaison_app::run(&db, files)
        }
        Launch::Exit(code) => code,
    }
}
