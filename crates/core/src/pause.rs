//! Pause points for the crash tests: places inside a write transaction
//! where a test build stops when told to, so that a test can kill the
//! process there (`kill -9`) and check that the database holds all or
//! nothing of the action. Release builds compile every point to nothing.
//!
//! `LIAISON_TEST_PAUSE=NAME` names the point to stop at; on reaching it the
//! process writes NAME to `LIAISON_TEST_PAUSE_FILE` (so the test knows it is
//! there, inside the transaction) and sleeps until it is killed.

#[cfg(debug_assertions)]
pub fn point(name: &str) {
    if std::env::var("LIAISON_TEST_PAUSE").ok().as_deref() != Some(name) {
        return;
    }
    if let Some(file) = std::env::var_os("LIAISON_TEST_PAUSE_FILE") {
        let _ = std::fs::write(file, name);
    }
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn point(_name: &str) {}
