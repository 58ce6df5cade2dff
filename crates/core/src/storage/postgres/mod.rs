//! The PostgreSQL backend: a team database that several coordinators share,
//! on a server the office runs and backs up.
//!
//! Writers take one transaction-scoped advisory lock before anything else,
//! so that write transactions run one after another, as they do on the local
//! file: a save reads the record, checks that its revision is the one the
//! form was based on, and writes, and nobody can commit in between. Readers
//! never wait (each statement sees the latest commit). Saves take
//! milliseconds, so queueing them costs less than retrying serialisation
//! failures would, and no save ever fails for a reason a coordinator cannot
//! act on.
//!
//! A coordinator's launch never migrates a team database: the schema is
//! created and brought up to date by an administrator (`liaison team init`,
//! `liaison team migrate`); a client that finds another schema says which.

use std::time::Duration;

use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions, PgSslMode};
use sqlx::{ConnectOptions, PgPool};
use uuid::Uuid;

use super::{Session, Storage, Watcher};
use crate::error::{Error, Result};
use crate::problem::Problem;

mod calendar;
mod search;
mod session;

use session::PgSession;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The key of the advisory lock that write transactions take ("LIAS").
const WRITE_LOCK: i64 = 0x4C49_4153;

/// The channel the schema's triggers notify on every committed change.
const CHANNEL: &str = "liaison_changes";

/// The schema this build works with: its newest migration.
pub fn schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

#[derive(Debug)]
pub(crate) struct PgStorage {
    pool: PgPool,
    /// The URL without its password, for messages.
    shown: String,
    /// sslmode is verify-ca or verify-full: the server proved who it is.
    verified: bool,
}

/// The URL as it may be shown: without a password.
pub(crate) fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("***"));
            }
            u.to_string()
        }
        Err(_) => "the team database".into(),
    }
}

fn options(url: &str) -> Result<PgConnectOptions> {
    // libpq's conventions come with sqlx's parser: PGPASSWORD, ~/.pgpass,
    // PGSSLMODE and sslmode=, sslrootcert= in the URL.
    let o: PgConnectOptions = url.parse().map_err(|e| Error::invalid("database", format!("{}: {e}", redact(url))))?;
    Ok(o.application_name("liaison").disable_statement_logging())
}

/// What a server holds at a URL, as far as Liaison is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// No Liaison tables: `team init` makes it a Liaison database.
    Empty,
    /// Liaison's, at this schema version.
    Ours(i64),
    /// Tables of some other application.
    Foreign,
}

impl PgStorage {
    /// Connects to a team database and checks, before reading anything,
    /// that it is Liaison's at the schema this build works with.
    pub(crate) async fn open(url: &str) -> Result<Self> {
        let options = options(url)?;
        let shown = redact(url);
        // One connection first, so that what fails is said exactly (a pool
        // would retry until its timeout and say only that).
        let mut probe = tokio::time::timeout(Duration::from_secs(10), options.connect())
            .await
            .map_err(|_| Error::Refused { path: shown.clone(), problem: Problem::ServerSilent })?
            .map_err(|e| unreachable(&shown, e))?;
        let found = inspect_conn(&mut probe).await?;
        sqlx::Connection::close(probe).await?;
        let refuse = |problem: Problem| Error::Refused { path: shown.clone(), problem };
        match found {
            Found::Ours(v) if v == schema_version() => {}
            Found::Ours(v) if v < schema_version() => {
                return Err(refuse(Problem::TeamNeedsMigration {
                    version: v.to_string(),
                    needed: schema_version().to_string(),
                }))
            }
            Found::Ours(v) => {
                return Err(refuse(Problem::TeamNewer { version: v.to_string(), known: schema_version().to_string() }))
            }
            Found::Empty => return Err(refuse(Problem::TeamEmpty)),
            Found::Foreign => return Err(refuse(Problem::TeamForeign)),
        }
        let verified = matches!(options.get_ssl_mode(), PgSslMode::VerifyCa | PgSslMode::VerifyFull);
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(|e| unreachable(&shown, e))?;
        Ok(Self { pool, shown, verified })
    }

    /// Creates Liaison's schema in an empty database, and its two roles;
    /// returns the roles' names (coordinators, viewers).
    pub(crate) async fn init(url: &str) -> Result<(String, String)> {
        let shown = redact(url);
        let mut c = options(url)?.connect().await.map_err(|e| unreachable(&shown, e))?;
        let refuse = |problem: Problem| Error::Refused { path: shown.clone(), problem };
        match inspect_conn(&mut c).await? {
            Found::Empty => {}
            Found::Ours(_) => return Err(refuse(Problem::TeamAlreadyLiaison)),
            Found::Foreign => return Err(refuse(Problem::TeamNotEmpty)),
        }
        MIGRATOR.run(&mut c).await?;
        grant_roles(&mut c).await?;
        refresh_search(url).await?;
        let database: String = sqlx::query_scalar("SELECT current_database()::text").fetch_one(&mut c).await?;
        Ok((format!("{database}_coordinator"), format!("{database}_viewer")))
    }
}

/// The two roles of a team database, named after it (roles belong to the
/// whole server, and one server may hold several offices' databases):
/// `<database>_coordinator` reads and writes, `<database>_viewer` reads.
/// An administrator makes a login a member of one:
/// `GRANT liaison_coordinator TO alice;`
pub(crate) async fn grant_roles(c: &mut sqlx::PgConnection) -> Result<()> {
    sqlx::raw_sql(
        r#"DO $$
DECLARE
    coordinator text := current_database() || '_coordinator';
    viewer text := current_database() || '_viewer';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = coordinator) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', coordinator);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = viewer) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', viewer);
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I, %I', current_database(), coordinator, viewer);
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I, %I', coordinator, viewer);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I, %I', coordinator, viewer);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON organisations, people, visits, participants, '
        'agenda_items, agenda_participants, follow_ups TO %I', coordinator);
    -- Follow-ups carried into later visits (schema 5 on).
    IF EXISTS (SELECT 1 FROM information_schema.tables
               WHERE table_schema = current_schema() AND table_name = 'carried_follow_ups') THEN
        EXECUTE format('GRANT INSERT, DELETE ON carried_follow_ups TO %I', coordinator);
    END IF;
    -- When people cannot be booked (schema 8 on).
    IF EXISTS (SELECT 1 FROM information_schema.tables
               WHERE table_schema = current_schema() AND table_name = 'availability') THEN
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON availability TO %I', coordinator);
    END IF;
    -- Rooms (schema 7 on).
    IF EXISTS (SELECT 1 FROM information_schema.tables
               WHERE table_schema = current_schema() AND table_name = 'rooms') THEN
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON rooms TO %I', coordinator);
    END IF;
    -- The search index (schema 10 on), which every write keeps up to date.
    IF EXISTS (SELECT 1 FROM information_schema.tables
               WHERE table_schema = current_schema() AND table_name = 'search_docs') THEN
        EXECUTE format('GRANT INSERT, DELETE ON search_docs, search_stale TO %I', coordinator);
    END IF;
    -- Passport data for visa letters (schema 17 on).
    IF EXISTS (SELECT 1 FROM information_schema.tables
               WHERE table_schema = current_schema() AND table_name = 'visa_details') THEN
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON visa_details TO %I', coordinator);
        -- Passport data is for those who write the letters, not for viewers.
        EXECUTE format('REVOKE SELECT ON visa_details FROM %I', viewer);
    END IF;
    -- How visits are seated (schema 16 on).
    IF EXISTS (SELECT 1 FROM information_schema.tables
               WHERE table_schema = current_schema() AND table_name = 'seating_rules') THEN
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON seating_rules TO %I', coordinator);
    END IF;
    -- Acknowledged conflicts (schema 6 on).
    IF EXISTS (SELECT 1 FROM information_schema.tables
               WHERE table_schema = current_schema() AND table_name = 'conflict_acknowledgements') THEN
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON conflict_acknowledgements TO %I', coordinator);
    END IF;
    -- The history (schema 2 on): added to, never changed.
    IF EXISTS (SELECT 1 FROM information_schema.tables
               WHERE table_schema = current_schema() AND table_name = 'history') THEN
        EXECUTE format('GRANT INSERT ON history TO %I', coordinator);
    END IF;
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I', coordinator);
END
$$;"#,
    )
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// What `team migrate` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    pub from: i64,
    pub to: i64,
    /// The backup taken before migrating (pg_dump's custom format).
    pub backup: Option<std::path::PathBuf>,
}

/// pg_dump: on the PATH, else the newest of Debian's server packages'.
fn pg_dump() -> Option<std::path::PathBuf> {
    let on_path = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join("pg_dump")).find(|p| p.is_file()));
    on_path.or_else(|| {
        let mut found: Vec<std::path::PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path().join("bin/pg_dump")))
            .filter(|p| p.is_file())
            .collect();
        found.sort_by_key(|p| p.to_string_lossy().split('/').nth(4).and_then(|v| v.parse::<u32>().ok()));
        found.pop()
    })
}

impl PgStorage {
    /// Brings a team database to this build's schema, after a backup with
    /// pg_dump into `backup_dir`; refuses one that is empty, another
    /// application's or newer. Run by whoever administers the database,
    /// while coordinators' windows are closed or merely waiting.
    pub(crate) async fn migrate(url: &str, backup_dir: &std::path::Path) -> Result<Migrated> {
        let shown = redact(url);
        let mut c = options(url)?.connect().await.map_err(|e| unreachable(&shown, e))?;
        let refuse = |problem: Problem| Error::Refused { path: shown.clone(), problem };
        let from = match inspect_conn(&mut c).await? {
            Found::Ours(v) => v,
            Found::Empty => return Err(refuse(Problem::TeamEmptyToMigrate)),
            Found::Foreign => return Err(refuse(Problem::TeamForeign)),
        };
        let to = schema_version();
        if from > to {
            return Err(refuse(Problem::TeamNewer { version: from.to_string(), known: to.to_string() }));
        }
        if from == to {
            return Ok(Migrated { from, to, backup: None });
        }
        let dump = pg_dump().ok_or_else(|| refuse(Problem::NoPgDump))?;
        let database: String = sqlx::query_scalar("SELECT current_database()::text").fetch_one(&mut c).await?;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let backup = backup_dir.join(format!("{database}.before-schema-{to}.{stamp}.dump"));
        // The password goes by environment, never on a command line that
        // other users of the machine can read.
        let mut plain = url::Url::parse(url).map_err(|e| Error::invalid("URL", e.to_string()))?;
        let password = plain.password().map(percent_decode);
        let _ = plain.set_password(None);
        let mut cmd = tokio::process::Command::new(&dump);
        cmd.arg("--format=custom").arg("--file").arg(&backup).arg("--dbname").arg(plain.as_str());
        if let Some(p) = password {
            cmd.env("PGPASSWORD", p);
        }
        let out = cmd
            .output()
            .await
            .map_err(|e| refuse(Problem::BackupUnstarted { detail: format!("{}: {e}", dump.display()) }))?;
        if !out.status.success() {
            let _ = std::fs::remove_file(&backup);
            return Err(refuse(Problem::BackupFailed {
                detail: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
            }));
        }
        MIGRATOR.run(&mut c).await?;
        grant_roles(&mut c).await?;
        refresh_search(url).await?;
        Ok(Migrated { from, to, backup: Some(backup) })
    }
}

/// Takes every record a migration marked stale into the search index (a
/// database migrated to schema 10 is indexed whole here, once).
async fn refresh_search(url: &str) -> Result<()> {
    let pool = PgPoolOptions::new().max_connections(1).connect_with(options(url)?).await?;
    let tx = pool.begin().await?;
    Box::new(PgSession::transaction(tx, true)).commit().await?;
    pool.close().await;
    Ok(())
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// For the test suite: an empty database on the server `admin` names.
pub(crate) async fn create_database(admin: &str, name: &str) -> Result<()> {
    let mut c = options(admin)?.connect().await?;
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut c).await?;
    Ok(())
}

/// For the test suite: an empty database made a Liaison database of an
/// older schema (migrations up to `version` only), to migrate.
pub(crate) async fn init_at(url: &str, version: i64) -> Result<()> {
    let older = sqlx::migrate::Migrator {
        migrations: std::borrow::Cow::Owned(MIGRATOR.iter().filter(|m| m.version <= version).cloned().collect()),
        ..sqlx::migrate::Migrator::DEFAULT
    };
    let mut c = options(url)?.connect().await?;
    older.run(&mut c).await?;
    grant_roles(&mut c).await
}

async fn inspect_conn(c: &mut sqlx::PgConnection) -> Result<Found> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
    )
    .fetch_all(&mut *c)
    .await?;
    if tables.is_empty() {
        return Ok(Found::Empty);
    }
    if !(tables.iter().any(|t| t == "liaison_meta") && tables.iter().any(|t| t == "_sqlx_migrations")) {
        return Ok(Found::Foreign);
    }
    let version: Option<i64> =
        sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success").fetch_one(&mut *c).await?;
    Ok(Found::Ours(version.unwrap_or(0)))
}

/// A connection that failed, said as a coordinator can act on it.
fn unreachable(shown: &str, e: sqlx::Error) -> Error {
    let why = match &e {
        // rustls's refusals arrive as I/O errors.
        sqlx::Error::Io(io) if io.to_string().contains("certificate") => {
            Problem::UntrustedCertificate { detail: io.to_string() }
        }
        sqlx::Error::Io(io) => Problem::Unreachable { detail: io.to_string() },
        sqlx::Error::Tls(t) => Problem::TlsRefused { detail: t.to_string() },
        sqlx::Error::PoolTimedOut => Problem::ServerSilent,
        sqlx::Error::Database(d) => match d.code().as_deref() {
            Some("28P01") | Some("28000") => Problem::LoginRefused { detail: d.message().to_owned() },
            Some("3D000") => Problem::NoSuchDatabase { detail: d.message().to_owned() },
            _ => Problem::Text(d.message().to_owned()),
        },
        other => Problem::Text(other.to_string()),
    };
    Error::Refused { path: shown.to_owned(), problem: why }
}

#[async_trait]
impl Storage for PgStorage {
    async fn read(&self) -> Result<Box<dyn Session>> {
        Ok(Box::new(PgSession::pooled(self.pool.acquire().await?)))
    }

    async fn snapshot(&self) -> Result<Box<dyn Session>> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *tx).await?;
        Ok(Box::new(PgSession::transaction(tx, false)))
    }

    async fn may_write(&self) -> Result<bool> {
        Ok(sqlx::query_scalar("SELECT has_table_privilege('visits', 'UPDATE')").fetch_one(&self.pool).await?)
    }

    async fn write(&self) -> Result<Box<dyn Session>> {
        // Said plainly before anything is tried; the server's grants would
        // refuse the first write anyway.
        if !self.may_write().await? {
            return Err(Error::ReadOnly(Problem::ReadOnlyViewer));
        }
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITE_LOCK).execute(&mut *tx).await?;
        Ok(Box::new(PgSession::transaction(tx, true)))
    }

    /// The same as a write: planning takes the lock from the start, so it
    /// never has to plan again. Planning a file takes a moment at most.
    async fn plan(&self) -> Result<Box<dyn Session>> {
        self.write().await
    }

    fn must_replan(&self, _e: &Error) -> bool {
        false
    }

    async fn watch(&self) -> Result<Option<Box<dyn Watcher>>> {
        let mut listener = PgListener::connect_with(&self.pool).await?;
        listener.listen(CHANNEL).await?;
        Ok(Some(Box::new(PgWatcher { listener })))
    }

    fn path(&self) -> Option<&std::path::Path> {
        None
    }

    fn backup(&self) -> Option<&std::path::Path> {
        None
    }

    fn verified(&self) -> bool {
        self.verified
    }

    fn location(&self) -> String {
        self.shown.clone()
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

/// Changes arrive as notifications; each look drains what has come.
struct PgWatcher {
    listener: PgListener,
}

#[async_trait]
impl Watcher for PgWatcher {
    async fn changed(&mut self) -> Result<bool> {
        let mut any = false;
        // try_recv waits for the next notification; a short timeout turns
        // it into "whatever has arrived".
        while let Ok(n) = tokio::time::timeout(Duration::from_millis(5), self.listener.try_recv()).await {
            match n? {
                Some(_) => any = true,
                // The connection was lost and is being re-established: what
                // changed meanwhile is unknown, so say that something did.
                None => return Ok(true),
            }
        }
        Ok(any)
    }
}

/// For the test suite: a fresh, empty Liaison database on the test server,
/// copied from a template that holds the schema (made once, by whichever
/// test comes first). Returns its URL.
pub(crate) async fn fresh_test_database(admin_url: &str) -> Result<String> {
    use sqlx::Connection;
    let mut admin = options(admin_url)?.connect().await.map_err(|e| unreachable(&redact(admin_url), e))?;
    let with_db = |name: &str| -> Result<String> {
        let mut u = url::Url::parse(admin_url).map_err(|e| Error::invalid("database", e.to_string()))?;
        u.set_path(&format!("/{name}"));
        Ok(u.to_string())
    };
    // One test process at a time makes the template and copies it: a
    // database being copied must have no other user.
    sqlx::query("SELECT pg_advisory_lock($1)").bind(WRITE_LOCK).execute(&mut admin).await?;
    let made: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'liaison_template')")
        .fetch_one(&mut admin)
        .await?;
    if !made {
        sqlx::query("CREATE DATABASE liaison_template").execute(&mut admin).await?;
        PgStorage::init(&with_db("liaison_template")?).await?;
    }
    let name = format!("t_{}", Uuid::new_v4().simple());
    sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE liaison_template")).execute(&mut admin).await?;
    sqlx::query("SELECT pg_advisory_unlock($1)").bind(WRITE_LOCK).execute(&mut admin).await?;
    admin.close().await?;
    with_db(&name)
}
