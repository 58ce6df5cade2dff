//! The hand-over from the command line to the window.
//!
//! The window is a program of its own, `liaison-window`, installed beside
//! `liaison` (in a package both are in /usr/bin; in a build both are in the
//! target folder). Only it links WebKitGTK and GTK: loading those and
//! binding their symbols took about 65 ms and 45 MiB of every headless
//! command, a `liaison --version` as much as an export. `liaison` with no
//! subcommand replaces itself with the window, keeping its process id, its
//! arguments and its environment, so a desktop entry, a script or a test
//! driver that starts `liaison` gets the window exactly as before.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use liaison_core::i18n::{self, t};

/// The window's program, beside this one.
const WINDOW_PROGRAM: &str = "liaison-window";

/// Where the window's program is: beside the running program.
fn window_program() -> PathBuf {
    let name = format!("{WINDOW_PROGRAM}{}", std::env::consts::EXE_SUFFIX);
    match std::env::current_exe() {
        Ok(here) => here.with_file_name(name),
        Err(_) => PathBuf::from(name),
    }
}

/// Opens the window with this process's own arguments (which
/// [`crate::launch`] has checked), in place of this process. Returns only
/// if the window could not be started, having said why.
pub fn open_window() -> ExitCode {
    let program = window_program();
    let mut args = std::env::args_os();
    // The window's name for itself (GTK's program name, which a desktop
    // entry's StartupWMClass matches) comes from argv[0]: it stays `liaison`.
    let name = args.next().unwrap_or_else(|| OsString::from("liaison"));
    let mut command = std::process::Command::new(&program);
    command.args(args);
    let error = replace_with(&mut command, name);
    let shown = crate::terminal::line(&program.display().to_string());
    let error = t!(i18n::current(), "cli-no-window", program = shown, error = error.to_string());
    eprintln!("liaison: {error}");
    ExitCode::FAILURE
}

#[cfg(unix)]
fn replace_with(command: &mut std::process::Command, name: OsString) -> std::io::Error {
    use std::os::unix::process::CommandExt;
    command.arg0(name).exec()
}

/// Where a process cannot be replaced, the window runs as a child and its
/// exit status is passed on.
#[cfg(not(unix))]
fn replace_with(command: &mut std::process::Command, _name: OsString) -> std::io::Error {
    match command.status() {
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(e) => e,
    }
}
