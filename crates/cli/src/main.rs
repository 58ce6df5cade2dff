//! `liaison`: the command line, and the way into the window. It links no
//! GUI library, so a headless command starts in a few milliseconds; with no
//! subcommand it becomes `liaison-window` (see window.rs).

use std::process::ExitCode;

use liaison_cli::Launch;

// glibc's allocator spent half of a large import's time in malloc and free
// (fragmentation from big JSON trees); mimalloc cut the import's write phase
// from 4.2 s to 2.0 s. See crates/core/examples/import_phases.rs.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Memory freed by a command-line run (an import) is never handed back:
    // the process ends soon.
    liaison_cli::set_purge_delay(-1);
    match liaison_cli::launch() {
        Launch::Window { .. } => liaison_cli::open_window(),
        Launch::Exit(code) => code,
    }
}
