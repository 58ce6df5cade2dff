//! What a database file is before Liaison writes to it. A file that is not
//! Liaison's (another program's SQLite file, or no SQLite file at all), or
//! one a newer Liaison made, is refused while it is still byte for byte as
//! it was: the checks read the header and open the file read-only, and
//! nothing that writes (a migration, a pragma) runs before they pass. A
//! database about to be migrated is first copied aside.

use std::fs::{DirBuilder, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use sqlx::{ConnectOptions, Connection, SqliteConnection};

use super::MIGRATOR;
use crate::error::{Error, Result};
use crate::problem::Problem;

/// Liaison's mark in the SQLite header (`PRAGMA application_id`): "LIAS".
/// Set by the second migration; a database of the first schema is known by
/// its tables instead.
pub const APPLICATION_ID: i32 = 0x4C49_4153;

/// The schema this build brings databases to: its newest migration.
pub fn schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// What was found at a database path.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// Nothing yet (no file, or an empty one): a new database.
    New,
    /// Liaison's, at this schema version (the newest migration applied).
    Ours { version: i64 },
}

/// Why a file is not opened.
fn refuse(path: &Path, why: Problem) -> Error {
    Error::Refused { path: path.display().to_string(), problem: why }
}

/// Makes the folder of a database when it is missing, readable by the user
/// alone: it will hold names, phone numbers and dietary needs. A folder that
/// exists is left as it is (the user chose it).
pub(crate) fn ensure_folder(path: &Path) -> Result<()> {
    let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else { return Ok(()) };
    if dir.is_dir() {
        return Ok(());
    }
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| Error::Io { path: dir.display().to_string(), source })
}

/// Looks at `path` without changing it.
pub(crate) async fn inspect(path: &Path) -> Result<Found> {
    let io = |source| Error::Io { path: path.display().to_string(), source };
    let mut header = [0u8; 100];
    let read = match std::fs::File::open(path) {
        Ok(mut f) => {
            let mut n = 0;
            while n < header.len() {
                match f.read(&mut header[n..]).map_err(io)? {
                    0 => break,
                    k => n += k,
                }
            }
            n
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::New),
        Err(e) => return Err(io(e)),
    };
    if read == 0 {
        return Ok(Found::New);
    }
    if read < header.len() || &header[..16] != b"SQLite format 3\0" {
        return Err(refuse(path, Problem::NotSqlite));
    }
    // Offset 68 of the header: the application id, big-endian. Another
    // program's mark means another program's file, whatever its tables.
    let app = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app != 0 && app != APPLICATION_ID {
        return Err(refuse(path, Problem::OtherProgramsSqlite { mark: format!("{app:#x}") }));
    }
    // Read-only: a connection that can write may change the file just by
    // opening it (a journal rolled back, a WAL checkpointed). And with no
    // WAL beside it the file is all there is to read, so it is opened
    // immutable: a read-only connection to a WAL-mode file would otherwise
    // leave an empty WAL and a shared-memory file next to it.
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let mut c = super::memory::file(path)
        .read_only(true)
        .immutable(!Path::new(&wal).exists())
        .connect()
        .await
        .map_err(|e| refuse(path, Problem::SqliteUnreadable { detail: e.to_string() }))?;
    let found = look_inside(&mut c, path).await;
    let _ = c.close().await;
    found
}

async fn look_inside(c: &mut SqliteConnection, path: &Path) -> Result<Found> {
    let read = |e: sqlx::Error| refuse(path, Problem::SqliteUnreadable { detail: e.to_string() });
    // The header may be older than the WAL: ask SQLite, which reads both.
    let app: i32 = sqlx::query_scalar("PRAGMA application_id").fetch_one(&mut *c).await.map_err(read)?;
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
        .fetch_all(&mut *c)
        .await
        .map_err(read)?;
    let has = |t: &str| tables.iter().any(|n| n == t);
    if app != APPLICATION_ID {
        if app != 0 {
            return Err(refuse(path, Problem::OtherProgramsSqlite { mark: format!("{app:#x}") }));
        }
        if tables.is_empty() {
            return Ok(Found::New);
        }
        // The first schema had no mark: its migrations table and its own
        // tables say it is Liaison's.
        if !(has("_sqlx_migrations") && has("visits") && has("agenda_items") && has("follow_ups")) {
            return Err(refuse(path, Problem::ForeignSqlite));
        }
    }
    let applied: Vec<i64> = if has("_sqlx_migrations") {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(&mut *c)
            .await
            .map_err(read)?
    } else {
        Vec::new()
    };
    let known = schema_version();
    if let Some(newer) = applied.iter().copied().filter(|v| MIGRATOR.iter().all(|m| m.version != *v)).max() {
        return Err(refuse(path, Problem::NewerSchema { newer: newer.to_string(), known: known.to_string() }));
    }
    Ok(Found::Ours { version: applied.last().copied().unwrap_or(0) })
}

/// Creates a new database file empty and readable by the user alone; SQLite
/// gives its WAL and shared-memory files the same permissions.
pub(crate) fn create_private(path: &Path) -> Result<()> {
    match OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => tighten(path),
        Err(source) => Err(Error::Io { path: path.display().to_string(), source }),
    }
}

/// A database of Liaison's that others can read (made before Liaison
/// guarded this, or copied in) becomes the user's alone, with its WAL.
pub(crate) fn tighten(path: &Path) -> Result<()> {
    let mut all = vec![path.to_owned()];
    for suffix in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        all.push(PathBuf::from(p));
    }
    for p in all {
        match std::fs::metadata(&p) {
            Ok(m) if m.permissions().mode() & 0o077 != 0 => {
                let mode = m.permissions().mode() & 0o700;
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode))
                    .map_err(|source| Error::Io { path: p.display().to_string(), source })?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Copies the database aside before a migration changes it, as one
/// consistent snapshot (VACUUM INTO reads through the WAL), and says where:
/// `NAME.before-schema-N-YYYYMMDDTHHMMSS.db` beside it.
pub(crate) async fn back_up(path: &Path, conn: &mut SqliteConnection, to_schema: i64) -> Result<PathBuf> {
    let name = path.file_stem().map_or_else(|| "liaison".into(), |s| s.to_string_lossy().into_owned());
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let mut backup = dir.join(format!("{name}.before-schema-{to_schema}-{stamp}.db"));
    let mut n = 1;
    while backup.exists() {
        n += 1;
        backup = dir.join(format!("{name}.before-schema-{to_schema}-{stamp}-{n}.db"));
    }
    // VACUUM INTO takes an empty file: made first, so that it is private.
    create_private(&backup)?;
    let target = backup.to_str().ok_or_else(|| refuse(&backup, Problem::NameNotUtf8))?.to_owned();
    if let Err(e) = sqlx::query("VACUUM INTO ?").bind(target).execute(&mut *conn).await {
        let _ = std::fs::remove_file(&backup);
        return Err(e.into());
    }
    Ok(backup)
}
