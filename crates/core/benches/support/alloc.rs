// The liaison binary's allocator and its headless tuning, for the
// benchmarks and examples (included with #[path]), so that their figures are
// the app's. See crates/cli/src/main.rs for why.

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
}

/// `mi_option_purge_delay`: its place in mimalloc.h's `mi_option_e` (v3,
/// pinned by Cargo.lock).
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;

/// As `liaison` does for a command-line run: never hand freed memory back.
pub fn headless() {
    // SAFETY: sets a plain integer option that mimalloc reads on each purge.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}
