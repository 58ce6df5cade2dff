//! The command line on a team database (PostgreSQL). The tests that need the
//! test server are ignored in the plain pass and run, with
//! LIAISON_TEST_POSTGRES set, in scripts/test's PostgreSQL pass.

use std::process::{Command, Output};

use liaison_tests::{clean, ok, stderr, stdout};

fn liaison_on(db: &str, args: &[&str]) -> Output {
    let mut c = Command::new(liaison_tests::binary());
    c.arg("--db").arg(db).args(args);
    clean(&mut c);
    c.output().expect("run liaison")
}

fn liaison(args: &[&str]) -> Output {
    let mut c = Command::new(liaison_tests::binary());
    c.args(args);
    clean(&mut c);
    c.output().expect("run liaison")
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// An empty database on the test server (no Liaison schema yet), by URL.
fn empty_database() -> String {
    rt().block_on(async {
        let admin = std::env::var("LIAISON_TEST_POSTGRES").expect("LIAISON_TEST_POSTGRES: run scripts/test");
        let name = format!("cli_{}", uuid::Uuid::new_v4().simple());
        let mut c = sqlx::postgres::PgConnection::connect(&admin).await.unwrap();
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut c).await.unwrap();
        let (base, _) = admin.rsplit_once('/').unwrap();
        format!("{base}/{name}")
    })
}

use sqlx::Connection;

#[test]
fn a_server_that_does_not_answer_is_named_without_its_password() {
    let o = liaison_on("postgres://coordinator:secret@127.0.0.1:1/liaison", &["visits"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("cannot be reached"), "{err}");
    assert!(err.contains("127.0.0.1:1/liaison") && !err.contains("secret"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn team_commands_take_a_server_url_not_a_file() {
    let o = liaison(&["team", "init", "/tmp/liaison.db"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is not a postgres:// URL"), "{}", stderr(&o));
}

#[test]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it"]
fn an_administrator_makes_a_team_database_and_a_coordinator_plans_on_it() {
    let url = empty_database();
    let o = liaison_on(&url, &["visits"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("liaison team init"), "an empty database says how to set it up: {}", stderr(&o));

    let said = ok(liaison(&["team", "init", &url]));
    assert!(said.contains("is now a Liaison team database"), "{said}");
    let again = liaison(&["team", "init", &url]);
    assert_eq!(again.status.code(), Some(1), "init twice: {}", stdout(&again));
    assert!(stderr(&again).contains("already a Liaison database"), "{}", stderr(&again));

    ok(liaison_on(&url, &["sample"]));
    let visits = ok(liaison_on(&url, &["visits", "--json"]));
    let list: serde_json::Value = serde_json::from_str(&visits).unwrap();
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{visits}");
    let check = ok(liaison(&["team", "check", &url]));
    assert!(check.contains("1 visits"), "{check}");

    // The same document from the file and from the team database.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.db");
    let file = file.to_str().unwrap();
    ok(liaison_on(file, &["sample"]));
    assert_eq!(ok(liaison_on(file, &["export", "json"])), ok(liaison_on(&url, &["export", "json"])));
    // And the same follow-up register, filtered and sorted by the server.
    for args in [
        &["follow-ups", "--json", "--today", "2021-09-01"][..],
        &["follow-ups", "--json", "--today", "2021-09-01", "--due", "overdue", "--sort", "title", "--desc"],
        &["follow-ups", "--json", "--today", "2021-09-30", "--due", "this-month", "--sort", "owner"],
    ] {
        // Everything but when each database stored the sample.
        let read = |db: &str| {
            let mut v: serde_json::Value = serde_json::from_str(&ok(liaison_on(db, args))).unwrap();
            for row in v["rows"].as_array_mut().unwrap() {
                let f = row["follow_up"].as_object_mut().unwrap();
                f.remove("created_at").expect("a time");
                f.remove("updated_at").expect("a time");
            }
            v
        };
        let local = read(file);
        assert!(!local["rows"].as_array().unwrap().is_empty(), "{args:?}: {local}");
        assert_eq!(local, read(&url), "{args:?}");
    }
}

#[test]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it"]
fn a_password_comes_from_pgpass_as_for_psql() {
    let admin = std::env::var("LIAISON_TEST_POSTGRES").expect("LIAISON_TEST_POSTGRES: run scripts/test");
    let url = rt().block_on(liaison_core::testing::team_database_on(&admin));
    let parsed = url::Url::parse(&url).unwrap();
    let password = parsed.password().unwrap().to_owned();
    let mut without = parsed.clone();
    without.set_password(None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pgpass = dir.path().join("pgpass");
    std::fs::write(&pgpass, format!("127.0.0.1:{}:*:{}:{password}\n", parsed.port().unwrap(), parsed.username()))
        .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();

    let run = |pgpass: Option<&std::path::Path>| {
        let mut c = Command::new(liaison_tests::binary());
        c.arg("--db").arg(without.as_str()).args(["visits", "--json"]);
        clean(&mut c);
        c.env_remove("PGPASSWORD").env("HOME", dir.path());
        match pgpass {
            Some(p) => c.env("PGPASSFILE", p),
            None => c.env_remove("PGPASSFILE"),
        };
        c.output().expect("run liaison")
    };
    let o = run(None);
    assert_eq!(o.status.code(), Some(1), "no password anywhere: {}", stdout(&o));
    assert!(stderr(&o).contains("user name or password"), "{}", stderr(&o));
    assert_eq!(ok(run(Some(&pgpass))).trim(), "[]");
}
