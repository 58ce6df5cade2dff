//! The allocator's tuning, shared by both programs (`liaison` and
//! `liaison-window`), whose allocator is mimalloc.

// mimalloc's C API, linked in by the mimalloc crate.
extern "C" {
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
}

/// `mi_option_purge_delay`: its place in mimalloc.h's `mi_option_e` (v3,
/// pinned by Cargo.lock).
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;

/// How long mimalloc, the allocator of both programs, keeps memory freed
/// before handing it back to the system: `-1` never, for a command that
/// ends soon (handing back and faulting in again cost 15% of a large
/// import); 10 ms, mimalloc's default, for the window, which sits idle
/// most of the day.
pub fn set_purge_delay(ms: std::os::raw::c_long) {
    // SAFETY: sets a plain integer option that mimalloc reads on each purge.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, ms) };
}
