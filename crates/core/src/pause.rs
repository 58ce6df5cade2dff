//! Pause points for the crash tests: places inside a write transaction
//! where a test build stops when told to, so that a test can kill the
//! process there (`kill -9`) and check that the database holds all or
//! nothing of the action. Release builds compile every point to nothing.
//!
//! `LIAISON_TEST_PAUSE=NAME` names the point to stop at; on reaching it the
//! process writes NAME to `LIAISON_TEST_PAUSE_FILE` (so the test knows it is
//! there, inside the transaction) and waits until it is killed, or until the
//! test removes that file, when it goes on.

#[cfg(debug_assertions)]
pub fn point(name: &str) {
    // Once released, a point lets the process through when it comes back
    // to it (a retried transaction).
    static RELEASED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if RELEASED.load(std::sync::atomic::Ordering::Relaxed)
        || std::env::var("LIAISON_TEST_PAUSE").ok().as_deref() != Some(name)
    {
        return;
    }
    let Some(file) = std::env::var_os("LIAISON_TEST_PAUSE_FILE") else {
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    };
    let _ = std::fs::write(&file, name);
    while std::path::Path::new(&file).exists() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    RELEASED.store(true, std::sync::atomic::Ordering::Relaxed);
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn point(_name: &str) {}
