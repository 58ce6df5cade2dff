//! `kill -9` in the middle of an action leaves a database that is intact and
//! holds all of the action or none of it. The real binary (a debug build,
//! which has the pause points of crates/core/src/pause.rs) is stopped at
//! points inside its write transaction, proven to be there, and killed.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use liaison_core::benchdata::{generate_json, Size};
use liaison_core::interchange::Scope;
use liaison_core::Store;
use liaison_tests::*;
use sqlx::{ConnectOptions, Connection};

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// Starts `liaison ARGS` told to stop at `point`, and waits until it is
/// there.
fn start_paused(db: &Path, args: &[&str], point: &str, marker: &Path) -> Child {
    let _ = std::fs::remove_file(marker);
    let mut c = Command::new(binary());
    c.arg("--db").arg(db).args(args);
    clean(&mut c);
    let mut child = c
        .env("LIAISON_TEST_PAUSE", point)
        .env("LIAISON_TEST_PAUSE_FILE", marker)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run liaison");
    let until = Instant::now() + Duration::from_secs(60);
    while std::fs::read_to_string(marker).ok().as_deref() != Some(point) {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("liaison ended ({status}) before reaching {point}");
        }
        assert!(Instant::now() < until, "liaison never reached {point}");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

/// Whether some process holds the write lock: a write transaction is open.
async fn write_locked(db: &Path) -> bool {
    let mut c =
        sqlx::sqlite::SqliteConnectOptions::new().filename(db).busy_timeout(Duration::ZERO).connect().await.unwrap();
    let locked = sqlx::query("BEGIN IMMEDIATE").execute(&mut c).await.is_err();
    if !locked {
        sqlx::query("ROLLBACK").execute(&mut c).await.unwrap();
    }
    c.close().await.unwrap();
    locked
}

/// `PRAGMA integrity_check` by the bundled SQLite, and everything stored.
async fn intact_contents(db: &Path) -> String {
    let s = Store::open(db).await.unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(s.reader()).await.unwrap();
    assert_eq!(check, "ok");
    let fk: Vec<(String, i64, String, i64)> =
        sqlx::query_as("PRAGMA foreign_key_check").fetch_all(s.reader()).await.unwrap();
    assert!(fk.is_empty(), "{fk:?}");
    let all = s.export_json(Scope::All).await.unwrap();
    s.close().await;
    all
}

#[test]
fn an_import_killed_inside_its_transaction_leaves_all_or_nothing() {
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        // Large enough that the writes take a while and span many pages
        // (and the indexes are dropped and rebuilt inside the transaction).
        let file = dir.path().join("big.json");
        std::fs::write(&file, generate_json(Size::scaled(20), 7)).unwrap();
        let file = file.to_str().unwrap();
        let marker = dir.path().join("paused");

        // What "nothing" and "all" look like.
        let base = dir.path().join("base.db");
        ok(liaison(&base, &["sample"]));
        let nothing = intact_contents(&base).await;
        let full = dir.path().join("full.db");
        std::fs::copy(&base, &full).unwrap();
        ok(liaison(&full, &["import", file]));
        let all = intact_contents(&full).await;
        assert_ne!(nothing, all);

        let mut killed = 0;
        for point in ["json-import:people", "json-import:visits", "json-import:agenda", "json-import:commit"] {
            let db = dir.path().join(format!("{}.db", point.replace(':', "-")));
            std::fs::copy(&base, &db).unwrap();
            let mut child = start_paused(&db, &["import", file], point, &marker);
            // Proof that the kill lands inside the write transaction.
            assert!(write_locked(&db).await, "{point}: no write transaction is open");
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            assert_eq!(intact_contents(&db).await, nothing, "{point}: part of the import survived");
            // And the database takes the same import whole afterwards.
            ok(liaison(&db, &["import", file]));
            assert_eq!(intact_contents(&db).await, all, "{point}");
            killed += 1;
        }
        assert_eq!(killed, 4);
    });
}

#[test]
fn a_calendar_import_killed_before_its_commit_leaves_nothing() {
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("l.db");
        ok(liaison(&db, &["sample"]));
        let ics = dir.path().join("v.ics");
        ok(liaison(&db, &["export", "ics", "--visit", "5a3f", "-o", ics.to_str().unwrap()]));
        // An empty database of its own: the import would make a new visit.
        let other = dir.path().join("other.db");
        let nothing = intact_contents(&other).await;
        let marker = dir.path().join("paused");
        let mut child = start_paused(&other, &["import", ics.to_str().unwrap()], "ics-import:commit", &marker);
        assert!(write_locked(&other).await);
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(intact_contents(&other).await, nothing);
    });
}
