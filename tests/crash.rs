//! `kill -9` in the middle of an action leaves a database that is intact and
//! holds all of the action or none of it. The real binary (a debug build,
//! which has the pause points of crates/core/src/pause.rs) is stopped at
//! points inside its write transaction, proven to be there, and killed.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use liaison_core::benchdata::{generate, Size};
use liaison_core::interchange::Scope;
use liaison_core::Service;
use liaison_tests::*;
use sqlx::{ConnectOptions, Connection};

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// A copy of a database no process has open: the file and its WAL.
fn copy_db(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    let wal = |p: &Path| p.with_extension("db-wal");
    if wal(from).exists() {
        std::fs::copy(wal(from), wal(to)).unwrap();
    }
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
    let mut c = liaison_core::testing::sqlite_file(db).busy_timeout(Duration::ZERO).connect().await.unwrap();
    let locked = sqlx::query("BEGIN IMMEDIATE").execute(&mut c).await.is_err();
    if !locked {
        sqlx::query("ROLLBACK").execute(&mut c).await.unwrap();
    }
    c.close().await.unwrap();
    locked
}

/// `PRAGMA integrity_check` by the bundled SQLite, and everything stored.
async fn intact_contents(db: &Path) -> String {
    let s = Service::open(db).await.unwrap();
    let mut c = liaison_core::testing::sqlite_file(db).connect().await.unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut c).await.unwrap();
    assert_eq!(check, "ok");
    let fk: Vec<(String, i64, String, i64)> =
        sqlx::query_as("PRAGMA foreign_key_check").fetch_all(&mut c).await.unwrap();
    assert!(fk.is_empty(), "{fk:?}");
    c.close().await.unwrap();
    let all = s.export_json(Scope::All).await.unwrap();
    s.close().await;
    all
}

#[test]
fn an_import_killed_inside_its_transaction_leaves_all_or_nothing() {
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        // Large enough that the writes span many pages and that the import
        // drops and rebuilds the secondary indexes inside its transaction.
        let doc = generate(Size::scaled(8), 7);
        let rows = doc.organisations.len()
            + doc.people.len()
            + doc.visits.iter().map(|v| 1 + v.participants.len() + v.agenda.len() + v.follow_ups.len()).sum::<usize>();
        assert!(rows >= liaison_core::testing::REINDEX_FROM_ROWS, "{rows} rows");
        let file = dir.path().join("big.json");
        std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
        let file = file.to_str().unwrap();
        let marker = dir.path().join("paused");

        // What "nothing" and "all" look like.
        let base = dir.path().join("base.db");
        ok(liaison(&base, &["sample"]));
        let nothing = intact_contents(&base).await;
        let full = dir.path().join("full.db");
        copy_db(&base, &full);
        ok(liaison(&full, &["import", file]));
        let all = intact_contents(&full).await;
        assert_ne!(nothing, all);

        let mut killed = 0;
        for point in ["json-import:people", "json-import:visits", "json-import:agenda", "json-import:commit"] {
            let db = dir.path().join(format!("{}.db", point.replace(':', "-")));
            copy_db(&base, &db);
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

#[test]
fn a_calendar_file_being_planned_does_not_hold_up_another_writer() {
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("l.db");
        ok(liaison(&db, &["sample"]));
        let ics = dir.path().join("lunch.ics");
        std::fs::write(
            &ics,
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:lunch-1@example.org\r\n\
             DTSTAMP:20210601T000000Z\r\nDTSTART;TZID=Asia/Shanghai:20210611T120000\r\n\
             DTEND;TZID=Asia/Shanghai:20210611T130000\r\nSUMMARY:Working lunch\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        )
        .unwrap();
        let marker = dir.path().join("paused");
        let mut planning =
            start_paused(&db, &["import", ics.to_str().unwrap(), "--visit", "5a3f"], "ics-import:planned", &marker);
        // Planned, and holding no write lock while it waits.
        assert!(!write_locked(&db).await, "planning a calendar file took the write lock");
        // Another process writes meanwhile, without waiting.
        let mut doc: serde_json::Value = serde_json::from_str(&ok(liaison(&db, &["export", "json"]))).unwrap();
        doc["visits"][0]["title"] = "Renamed while a calendar file was planned".into();
        let file = dir.path().join("renamed.json");
        std::fs::write(&file, doc.to_string()).unwrap();
        let started = Instant::now();
        ok(liaison(&db, &["import", file.to_str().unwrap()]));
        eprintln!("the other writer took {:?}", started.elapsed());
        // The planned import goes on, finds its snapshot stale, plans again
        // on what is there now, and writes.
        std::fs::remove_file(&marker).unwrap();
        let status = planning.wait().unwrap();
        assert!(status.success(), "{status}");
        let shown: serde_json::Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"]))).unwrap();
        assert_eq!(shown["visit"]["title"], "Renamed while a calendar file was planned");
        let titles: Vec<&str> =
            shown["agenda"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
        assert!(titles.contains(&"Working lunch"), "{titles:?}");
        assert_eq!(titles.len(), 7);
    });
}

#[test]
fn an_export_killed_before_its_file_is_in_place_leaves_the_old_file_whole() {
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("l.db");
        ok(liaison(&db, &["sample"]));
        let out = dir.path().join("backup.json");
        std::fs::write(&out, "the backup made yesterday").unwrap();
        let marker = dir.path().join("paused");
        let mut child =
            start_paused(&db, &["export", "json", "-o", out.to_str().unwrap()], "export:before-rename", &marker);
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "the backup made yesterday");
        // The next export goes through, beside whatever the killed one left.
        ok(liaison(&db, &["export", "json", "-o", out.to_str().unwrap()]));
        let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(doc["visits"].as_array().map(Vec::len), Some(1));
        intact_contents(&db).await;
    });
}
