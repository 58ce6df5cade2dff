// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use liaison_cli::Launch;

fn main() -> ExitCode {
    match liaison_cli::launch() {
        Launch::Window { db } => liaison_app::run(&db),
        Launch::Exit(code) => code,
    }
}
