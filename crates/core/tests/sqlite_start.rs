//! A test's own connection to a database file starts SQLite configured as
//! the store configures it. Alone in its binary, so that nothing else in
//! the process can have started or configured SQLite first.

use sqlx::{ConnectOptions, Connection};

#[test]
fn a_tests_own_connection_starts_sqlite_configured() {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let mut c = liaison_core::testing::sqlite_file(&dir.path().join("t.db"))
            .create_if_missing(true)
            .connect()
            .await
            .unwrap();
        let one: i64 = sqlx::query_scalar("SELECT 1").fetch_one(&mut c).await.unwrap();
        assert_eq!(one, 1, "SQLite started");
        c.close().await.unwrap();
        // Configuring now would be refused had the connection started
        // SQLite with its own allocator; then a Service opened on another
        // thread while it started could have crashed the process.
        assert!(liaison_core::testing::sqlite_configured(), "SQLite started before it was configured");
    });
}
