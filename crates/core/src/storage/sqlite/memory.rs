//! Where SQLite's own memory comes from: mimalloc, not the C library's
//! malloc, and without SQLite's memory statistics.
//!
//! A profile of the benchmark set's JSON import had the database's thread
//! (the import's critical path) spending about a sixth of its samples in
//! glibc's malloc and free (`_int_malloc`, `unlink_chunk`,
//! `malloc_consolidate`, `_int_free`), plus the mutex SQLite takes around
//! each allocation to keep its statistics. SQLite asks for and gives back
//! small blocks all the time (records, cursors, the sorter's lists), which
//! is what mimalloc, the allocator both programs install for Rust, is good
//! at; the statistics feed only `sqlite3_soft_heap_limit` and
//! `sqlite3_memory_used`, which Liaison does not use.
//!
//! mimalloc is called directly rather than through Rust's global allocator:
//! that needs each block's size to free it, which SQLite does not give, so
//! every block would carry a header, and the `mimalloc` crate asks for
//! every block aligned (`mi_malloc_aligned`), which for SQLite's page-sized
//! blocks takes mimalloc's slow over-allocating path (3% of the thread's
//! samples in a profile of that first version). mimalloc's plain blocks are
//! aligned to 16, SQLite needs 8.
//!
//! Both settings are process-wide and must be made before SQLite starts
//! (`sqlite3_initialize`, which the first connection calls): [`configure`]
//! runs once, before the first connection this crate opens. Once SQLite has
//! started it refuses them (SQLITE_MISUSE), and its own allocator stays,
//! which is correct, only slower.
//!
//! They must also not be made while SQLite is starting: `sqlite3_config`
//! takes no lock, so a connection opened on another thread in that moment
//! would have SQLite free glibc's blocks with mimalloc, and crash (a test
//! binary did, with SIGSEGV, about once in fifteen runs when a test's own
//! connection raced a `Service::open`). So every connection, the store's
//! and the tests' alike, takes its options from [`file`] or [`in_memory`],
//! which configure first; clippy's `disallowed-methods` (clippy.toml) refuses
//! `SqliteConnectOptions::new` anywhere else.

use std::ffi::{c_int, c_void};
use std::path::Path;
use std::sync::OnceLock;

use libmimalloc_sys as mi;
use libsqlite3_sys as ffi;

unsafe extern "C" fn x_malloc(n: c_int) -> *mut c_void {
    match usize::try_from(n) {
        // SAFETY: a plain allocation; SQLite owns the block until x_free.
        Ok(n) => unsafe { mi::mi_malloc(n) },
        Err(_) => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn x_free(p: *mut c_void) {
    // SAFETY: SQLite frees only blocks x_malloc or x_realloc gave it (or
    // NULL, which mi_free ignores), once each.
    unsafe { mi::mi_free(p) }
}

unsafe extern "C" fn x_realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    match usize::try_from(n) {
        // SAFETY: `p` is SQLite's live block or NULL; on failure mi_realloc
        // leaves it as it was, as SQLite expects.
        Ok(n) => unsafe { mi::mi_realloc(p, n) },
        Err(_) => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn x_size(p: *mut c_void) -> c_int {
    // SAFETY: SQLite asks only the size of blocks it holds (NULL gives 0).
    let size = unsafe { mi::mi_usable_size(p) };
    c_int::try_from(size).unwrap_or(c_int::MAX)
}

/// SQLite sizes its requests by this: multiples of 8, as its own allocator.
unsafe extern "C" fn x_roundup(n: c_int) -> c_int {
    n.checked_add(7).map_or(n, |n| n & !7)
}

unsafe extern "C" fn x_init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_shutdown(_: *mut c_void) {}

/// Gives SQLite mimalloc and turns its memory statistics
/// off, once per process, before the first connection. Whether SQLite took
/// the settings: false when it had started already (another library in
/// the process opened a database first), and then nothing changed.
pub(crate) fn configure() -> bool {
    static TAKEN: OnceLock<bool> = OnceLock::new();
    *TAKEN.get_or_init(|| {
        let methods = ffi::sqlite3_mem_methods {
            xMalloc: Some(x_malloc),
            xFree: Some(x_free),
            xRealloc: Some(x_realloc),
            xSize: Some(x_size),
            xRoundup: Some(x_roundup),
            xInit: Some(x_init),
            xShutdown: Some(x_shutdown),
            pAppData: std::ptr::null_mut(),
        };
        // SAFETY: sqlite3_config is not thread-safe against other SQLite
        // calls; this runs once, under the OnceLock, before this crate
        // opens any connection. SQLite copies `methods` before it returns.
        // Both calls fail harmlessly (SQLITE_MISUSE) once SQLite has started.
        unsafe {
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int) == ffi::SQLITE_OK
                && ffi::sqlite3_config(ffi::SQLITE_CONFIG_MALLOC, &methods as *const ffi::sqlite3_mem_methods)
                    == ffi::SQLITE_OK
        }
    })
}

/// The options of a connection to the database file at `path`, SQLite
/// configured before it can start: the one way this crate and its tests
/// begin a connection.
pub(crate) fn file(path: &Path) -> sqlx::sqlite::SqliteConnectOptions {
    configure();
    #[allow(clippy::disallowed_methods)] // the one place allowed, see above
    sqlx::sqlite::SqliteConnectOptions::new().filename(path)
}

/// The options of a connection to a private database in memory, SQLite
/// configured first, as for [`file`].
pub(crate) fn in_memory() -> Result<sqlx::sqlite::SqliteConnectOptions, sqlx::Error> {
    configure();
    "sqlite::memory:".parse()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way this crate opens SQLite configures it first: a connection
    /// opened before would have started SQLite with its own allocator, and
    /// the settings would then be refused.
    #[tokio::test]
    async fn sqlite_is_configured_before_it_starts() {
        let store = crate::storage::sqlite::SqliteStorage::open_in_memory().await.unwrap();
        assert!(configure(), "SQLite started before it was configured");
        // SAFETY: a plain read of a counter.
        assert_eq!(unsafe { ffi::sqlite3_memory_used() }, 0, "SQLite keeps no statistics");
        drop(store);
    }

    /// The calls SQLite makes, as it makes them: sizes at least those
    /// asked for, contents kept across a realloc, in both directions.
    #[test]
    fn blocks_keep_their_size_and_contents() {
        // SAFETY: each block is used within its size and freed once.
        unsafe {
            let p = x_malloc(x_roundup(13));
            assert!(!p.is_null());
            assert!(x_size(p) >= 16);
            assert_eq!(p as usize % 8, 0);
            std::ptr::copy_nonoverlapping(b"liaison sqlite!!".as_ptr(), p.cast::<u8>(), 16);
            let q = x_realloc(p, x_roundup(5000));
            assert!(x_size(q) >= 5000);
            assert_eq!(std::slice::from_raw_parts(q.cast::<u8>(), 16), b"liaison sqlite!!");
            let r = x_realloc(q, 8);
            assert!(x_size(r) >= 8);
            assert_eq!(std::slice::from_raw_parts(r.cast::<u8>(), 8), b"liaison ");
            x_free(r);
            x_free(std::ptr::null_mut());
            assert_eq!(x_size(std::ptr::null_mut()), 0);
            assert!(x_malloc(-1).is_null());
        }
    }
}
