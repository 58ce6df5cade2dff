//! Liaison's core: the domain of delegation visits, its validation, the
//! storage behind it and the interchange format. It has no Tauri dependency: the
//! desktop shell, the command line and the tests all use it the same way.

pub mod benchdata;
pub mod briefing;
pub mod calendar;
pub mod conflicts;
pub mod error;
pub mod files;
pub mod history;
pub mod interchange;
pub mod model;
pub mod names;
pub mod pause;
pub mod problem;
pub mod progress;
pub mod sample;
pub mod schedule;
pub mod search;
pub mod seating;
pub mod service;
pub mod settings;
mod storage;
pub mod time;
pub mod validate;
pub mod visa;

pub use error::{Error, FieldError, Result};
pub use liaison_i18n as i18n;
pub use service::{ChangeWatcher, Location, Service};

/// Facts about the local database file that the tests of the file format
/// pin down (its mark, its schema version, when a bulk write rebuilds its
/// indexes). Not an interface: the storage itself stays private.
#[doc(hidden)]
pub mod testing {
    pub use crate::storage::sqlite::open::{schema_version, APPLICATION_ID};
    pub use crate::storage::sqlite::{REINDEX_FROM_ROWS, UNMARKED_FROM_ROWS};

    use crate::Service;

    /// The options of a test's own connection to a database file. SQLite is
    /// configured first, as the store does: a connection of the test's that
    /// started SQLite while a `Service` on another thread configured it
    /// would crash the test binary.
    pub fn sqlite_file(path: &std::path::Path) -> sqlx::sqlite::SqliteConnectOptions {
        crate::storage::sqlite::memory::file(path)
    }

    /// Whether SQLite runs on mimalloc, as the store sets it up: false when
    /// something started SQLite before anything configured it.
    pub fn sqlite_configured() -> bool {
        crate::storage::sqlite::memory::configure()
    }

    /// The backend the core's tests run on: the local file (in memory) by
    /// default, PostgreSQL with `LIAISON_TEST_BACKEND=postgres`, on the server
    /// that `LIAISON_TEST_POSTGRES` (an administrator's URL) names, each test
    /// in a database of its own. Fails, never falls back, when PostgreSQL was
    /// asked for and is not there.
    pub async fn service() -> Service {
        match std::env::var("LIAISON_TEST_BACKEND").as_deref() {
            Err(_) | Ok("") | Ok("sqlite") => Service::open_in_memory().await.expect("a database in memory"),
            Ok("postgres") => {
                let url = team_database().await;
                Service::open_team(&url).await.unwrap_or_else(|e| panic!("opening {url}: {e}"))
            }
            Ok(other) => panic!("LIAISON_TEST_BACKEND={other}: give sqlite or postgres"),
        }
    }

    /// A fresh, empty Liaison database on the PostgreSQL test server, by URL.
    pub async fn team_database() -> String {
        let admin = std::env::var("LIAISON_TEST_POSTGRES")
            .expect("the PostgreSQL tests need LIAISON_TEST_POSTGRES, the test server's URL (scripts/test sets it)");
        team_database_on(&admin).await
    }

    /// The same on the server `admin` (an administrator's URL) names.
    pub async fn team_database_on(admin: &str) -> String {
        crate::storage::postgres::fresh_test_database(admin)
            .await
            .unwrap_or_else(|e| panic!("no test database on the PostgreSQL server: {e}"))
    }

    /// An empty database on the PostgreSQL test server made a Liaison
    /// database of schema `version` (an older one, to migrate), by URL.
    pub async fn team_database_at_schema(version: i64) -> String {
        let admin = std::env::var("LIAISON_TEST_POSTGRES").expect("LIAISON_TEST_POSTGRES: run scripts/test");
        // Not a copy of the template, which has the newest schema.
        let name = format!("old_{}", uuid::Uuid::new_v4().simple());
        crate::storage::postgres::create_database(&admin, &name).await.expect("an empty database");
        let mut u = url::Url::parse(&admin).expect("a URL");
        u.set_path(&format!("/{name}"));
        crate::storage::postgres::init_at(u.as_str(), version).await.expect("an older schema");
        u.to_string()
    }

    /// Which backend [`service`] gives.
    pub fn backend() -> &'static str {
        match std::env::var("LIAISON_TEST_BACKEND").as_deref() {
            Ok("postgres") => "postgres",
            _ => "sqlite",
        }
    }
}
