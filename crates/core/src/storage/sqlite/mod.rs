//! The SQLite backend: the embedded database of one coordinator, in a file
//! (or in memory, for tests). `SqliteStorage::open` and `open_in_memory` run
//! the same embedded migrations with the same connection settings; SQL lives
//! in one module per table, and [`session`] fulfils the storage contract
//! with it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use async_trait::async_trait;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use super::{like_contains, Session, Storage, UidTable, Watcher};
use crate::error::{Error, Result};
use crate::problem::Problem;

pub mod agenda;
pub mod availability;
pub mod calendar;
pub mod conflicts;
pub mod follow_ups;
pub(crate) mod memory;
pub mod open;
pub mod organisations;
pub mod participants;
pub mod people;
pub mod rooms;
pub mod search;
pub mod seating;
mod session;
pub mod visa;
pub mod visits;

use session::SqliteSession;

pub(crate) type Tx = sqlx::Transaction<'static, Sqlite>;

/// Which of `uids` rows of `table` carry: uid → (id, sequence). One query
/// per few thousand UIDs, so that a calendar import does not ask row by row.
pub(crate) async fn ids_by_uid(
    conn: &mut SqliteConnection,
    table: UidTable,
    uids: &[&str],
) -> Result<std::collections::HashMap<String, (uuid::Uuid, u32)>> {
    use sqlx::Row;
    let mut out = std::collections::HashMap::new();
    for chunk in uids.chunks(rows_per_statement(1)) {
        let mut q =
            QueryBuilder::new(format!("SELECT ical_uid, id, sequence FROM {} WHERE ical_uid IN (", table.name()));
        let mut sep = q.separated(", ");
        for uid in chunk {
            sep.push_bind(*uid);
        }
        q.push(")");
        for r in q.build().fetch_all(&mut *conn).await? {
            let sequence: i64 = r.try_get("sequence")?;
            out.insert(r.try_get("ical_uid")?, (r.try_get("id")?, sequence.try_into().unwrap_or(u32::MAX)));
        }
    }
    Ok(out)
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// SQLite's default limit on bound parameters per statement is 32766; bulk
/// writes send as many rows per statement as fit, which is what makes an
/// import of 100,000 agenda items take well under a second.
pub(crate) const MAX_PARAMS: usize = 32_000;

#[derive(Clone, Debug)]
pub(crate) struct SqliteStorage {
    /// One connection: SQLite allows one writer at a time, and funnelling
    /// writes through a single connection means they queue here instead of
    /// failing with SQLITE_BUSY.
    writer: SqlitePool,
    /// Readers run beside the writer thanks to WAL.
    reader: SqlitePool,
    path: Option<PathBuf>,
    /// Where this open copied the database before migrating it.
    backup: Option<PathBuf>,
    /// Who the history names: the local user.
    actor: std::sync::Arc<str>,
}

/// The name of the user this process runs as, for the history.
fn local_user() -> std::sync::Arc<str> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        // Without those (a service's environment), the home folder's name.
        .or_else(|| dirs::home_dir().and_then(|h| h.file_name().map(|n| n.to_string_lossy().into_owned())))
        .unwrap_or_else(|| "this computer's user".into())
        .into()
}

impl SqliteStorage {
    /// Opens (creating if needed) the database file and brings its schema up
    /// to date. A file that is not Liaison's, or is a newer Liaison's, is
    /// refused before anything writes to it; an existing database is copied
    /// aside before a migration changes it ([`Service::backup`] says where).
    pub async fn open(path: &Path) -> Result<Self> {
        let found = open::inspect(path).await?;
        open::ensure_folder(path)?;
        match found {
            open::Found::New => open::create_private(path)?,
            open::Found::Ours { .. } => open::tighten(path)?,
        }
        // 16 KiB pages in a new database (one made before keeps its own:
        // a page size changes only by rewriting the file). A WAL commit and
        // its checkpoint write page by page, two system calls each, and a
        // B-tree is a level shallower: a 100k-event calendar import went
        // 1.78 -> 1.61 s, the benchmark set's JSON import 5.69 -> 4.65 s and
        // the 100k-item calendar export 0.47 -> 0.41 s (medians, release,
        // interleaved; issue 15's stop 49). SQLite's default is 4 KiB.
        let options = Self::options(memory::file(path)).page_size(16384).journal_mode(SqliteJournalMode::Wal);
        // Ids are random UUIDs, so a large import inserts all over every
        // B-tree; with SQLite's default 2 MB page cache that thrashes. The
        // cache only grows as pages are touched, so everyday use stays small.
        // 64 MB, not 128: the benchmark set's import peaked at 528 MiB with
        // 128 and 483 with 64, in the same time (4.3-4.7 s); a 100k-event
        // calendar 2.9-3.0 s either way.
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone().pragma("cache_size", "-65536"))
            .await?;
        let mut backup = None;
        if let open::Found::Ours { version } = found {
            let target = open::schema_version();
            if version < target {
                let mut c = writer.acquire().await?;
                backup = Some(open::back_up(path, &mut c, target).await?);
            }
        }
        MIGRATOR.run(&writer).await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true).pragma("mmap_size", "268435456"))
            .await?;
        let storage = Self { writer, reader, path: Some(path.to_owned()), backup, actor: local_user() };
        storage.refresh_search().await?;
        Ok(storage)
    }

    /// A private database in memory, for tests. One connection, because each
    /// connection to ":memory:" would be a separate, empty database.
    pub async fn open_in_memory() -> Result<Self> {
        let options = Self::options(memory::in_memory()?);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            // Closing the last connection would drop the database.
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        let storage = Self { writer: pool.clone(), reader: pool, path: None, backup: None, actor: local_user() };
        storage.refresh_search().await?;
        Ok(storage)
    }

    /// Takes into the search index whatever a migration marked stale (a
    /// database migrated to schema 11 is indexed whole here, once), or a
    /// writer that stopped between its write and its commit could not have
    /// left, as the two are one transaction.
    async fn refresh_search(&self) -> Result<()> {
        self.write().await?.commit().await
    }

    fn options(base: SqliteConnectOptions) -> SqliteConnectOptions {
        base.foreign_keys(true)
            // NORMAL is durable in WAL mode except for the last transactions
            // before a power cut, and much faster than FULL.
            .synchronous(SqliteSynchronous::Normal)
            // A command-line import may run while the window is open.
            .busy_timeout(Duration::from_secs(10))
            // Multi-row upserts keep a statement journal (so one statement can
            // roll back alone); in a temporary file that cost 10% of a bulk
            // import in pwrite calls.
            .pragma("temp_store", "MEMORY")
    }

    /// Starts a write transaction. IMMEDIATE takes the write lock up front, so
    /// a transaction that reads and then writes never fails half-way because
    /// another process started writing in between.
    async fn begin(&self) -> Result<Tx> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// For the tests of this backend, which look at the file's settings.
    #[cfg(test)]
    pub(crate) fn reader(&self) -> &SqlitePool {
        &self.reader
    }
}

#[async_trait]
impl Storage for SqliteStorage {
    async fn read(&self) -> Result<Box<dyn Session>> {
        Ok(Box::new(SqliteSession::pooled(self.reader.acquire().await?, self.actor.clone())))
    }

    async fn snapshot(&self) -> Result<Box<dyn Session>> {
        // A deferred transaction on a reader: one snapshot (WAL) throughout,
        // while the window goes on writing.
        Ok(Box::new(SqliteSession::transaction(self.reader.begin().await?, self.actor.clone(), false)))
    }

    async fn write(&self) -> Result<Box<dyn Session>> {
        Ok(Box::new(SqliteSession::transaction(self.begin().await?, self.actor.clone(), true)))
    }

    /// A deferred transaction on the writer: it reads without the write
    /// lock and asks for it at its first write.
    async fn plan(&self) -> Result<Box<dyn Session>> {
        Ok(Box::new(SqliteSession::transaction(self.writer.begin().await?, self.actor.clone(), true)))
    }

    async fn may_write(&self) -> Result<bool> {
        Ok(true)
    }

    /// SQLITE_BUSY_SNAPSHOT: a deferred transaction read a snapshot that
    /// another connection's commit has since made stale, so it cannot write.
    fn must_replan(&self, e: &Error) -> bool {
        matches!(e, Error::Database(sqlx::Error::Database(d)) if d.code().as_deref() == Some("517"))
    }

    async fn watch(&self) -> Result<Option<Box<dyn Watcher>>> {
        Ok(self.watch_changes().await?.map(|w| Box::new(w) as Box<dyn Watcher>))
    }

    fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn backup(&self) -> Option<&Path> {
        self.backup.as_deref()
    }

    fn verified(&self) -> bool {
        true
    }

    fn location(&self) -> String {
        self.path.as_ref().map_or_else(|| "a database in memory".into(), |p| p.display().to_string())
    }

    async fn close(&self) {
        self.reader.close().await;
        // Fold the WAL into the file first: closing the last connection
        // would do it too, but a process that exits right after close()
        // can end before sqlx's worker thread has closed it (seen: a
        // command-line run leaving its work in the WAL), and a file copied
        // as a backup must hold everything.
        if self.path.is_some() {
            if let Ok(mut c) = self.writer.acquire().await {
                let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut *c).await;
            }
        }
        self.writer.close().await;
    }
}

/// Tells when something has been committed to the database since it last
/// looked: another process (the command line, a second window), or this
/// one. The window asks every moment and reloads what it shows, so that a
/// change made elsewhere appears without a restart. `PRAGMA data_version`
/// counts per connection, so the watcher keeps one of its own.
pub(crate) struct ChangeWatcher {
    conn: SqliteConnection,
    last: i64,
}

#[async_trait]
impl Watcher for ChangeWatcher {
    async fn changed(&mut self) -> Result<bool> {
        let now: i64 = sqlx::query_scalar("PRAGMA data_version").fetch_one(&mut self.conn).await?;
        Ok(std::mem::replace(&mut self.last, now) != now)
    }
}

impl SqliteStorage {
    /// A watcher on the database file; None for a database in memory,
    /// which nothing else can change.
    async fn watch_changes(&self) -> Result<Option<ChangeWatcher>> {
        use sqlx::ConnectOptions;
        let Some(path) = &self.path else { return Ok(None) };
        let mut conn = Self::options(memory::file(path)).read_only(true).connect().await?;
        let last: i64 = sqlx::query_scalar("PRAGMA data_version").fetch_one(&mut conn).await?;
        Ok(Some(ChangeWatcher { conn, last }))
    }
}

/// A statement `head` followed by the list `(?, ?, …)` with each of
/// `values` bound: an `IN` list, the shape most lookups by id take. The
/// caller may push more after it.
pub(crate) fn with_list<'a, T>(head: impl Into<String>, values: impl IntoIterator<Item = T>) -> QueryBuilder<'a, Sqlite>
where
    T: 'a + sqlx::Encode<'a, Sqlite> + sqlx::Type<Sqlite>,
{
    let mut q = QueryBuilder::new(head);
    q.push("(");
    let mut list = q.separated(", ");
    for v in values {
        list.push_bind(v);
    }
    q.push(")");
    q
}

/// How many rows of `columns` bound values fit in one statement.
pub(crate) fn rows_per_statement(columns: usize) -> usize {
    (MAX_PARAMS / columns).max(1)
}

/// `ON CONFLICT (key) DO UPDATE` for an upsert that leaves a row untouched
/// (`updated_at` included) when nothing in it changed, so that importing the
/// same file twice, or saving a form unchanged, writes nothing.
///
/// `sequence` lists the columns a calendar shows, for tables whose rows carry
/// a SEQUENCE. It never goes down (calendars ignore an update whose SEQUENCE
/// is lower than one they have seen), and when one of those columns changes
/// without the writer raising it (a JSON document edited by hand, say), it
/// rises by one, so that the next calendar export updates what is there.
pub(crate) fn on_conflict(
    table: &str,
    key: &str,
    columns: &[&str],
    sequence: Option<&[&str]>,
    updated_at: bool,
) -> String {
    on_conflict_also(table, key, columns, sequence, None, updated_at)
}

/// [`on_conflict`] where `also`, an SQL condition on the stored row, counts
/// as a change a calendar shows though no column of the row changed: an
/// agenda item whose people changed (they are rows of another table).
pub(crate) fn on_conflict_also(
    table: &str,
    key: &str,
    columns: &[&str],
    sequence: Option<&[&str]>,
    also: Option<&str>,
    updated_at: bool,
) -> String {
    let tuple =
        |prefix: &str, cols: &[&str]| cols.iter().map(|c| format!("{prefix}.{c}")).collect::<Vec<_>>().join(", ");
    let mut set: Vec<String> = columns.iter().map(|c| format!("{c} = excluded.{c}")).collect();
    let mut changed = format!("({}) IS NOT ({})", tuple(table, columns), tuple("excluded", columns));
    if let Some(shown) = sequence {
        let mut shown_changed = format!("({}) IS NOT ({})", tuple(table, shown), tuple("excluded", shown));
        if let Some(also) = also {
            shown_changed = format!("{shown_changed} OR {also}");
            changed = format!("{changed} OR {also}");
        }
        set.push(format!(
            "sequence = CASE WHEN excluded.sequence <= {table}.sequence AND ({shown_changed}) \
             THEN {table}.sequence + 1 ELSE MAX(excluded.sequence, {table}.sequence) END"
        ));
        changed = format!("{changed} OR excluded.sequence > {table}.sequence");
    }
    if updated_at {
        set.push("updated_at = excluded.updated_at".into());
    }
    format!(" ON CONFLICT ({key}) DO UPDATE SET {} WHERE {changed}", set.join(", "))
}

/// From this many rows on, a bulk write drops the secondary indexes of the
/// tables it writes and builds them again afterwards: building an index once
/// by sorting is several times faster than keeping it up to date through
/// 100,000 inserts at random keys.
pub const REINDEX_FROM_ROWS: usize = 20_000;

/// From this many records added on, a bulk write that indexes them itself
/// stops the triggers marking them stale (see
/// [`crate::storage::Session::suspend_insert_marks`]). Dropping and making
/// the triggers again changes the schema, which SQLite reads again, and
/// every statement is prepared again: 11,000 calendar events imported took
/// 39 ms longer with it (criterion, `benches/calendar.rs`), 100,000 took
/// 0.1 s less (2.1 -> 2.0 s, the whole command).
pub const UNMARKED_FROM_ROWS: usize = 20_000;

/// The secondary indexes of `tables`, removed for the rest of the transaction;
/// give the result to [`restore_indexes`] before committing. Indexes behind
/// PRIMARY KEY and UNIQUE constraints stay (they have no SQL and cannot be
/// dropped), so uniqueness is still checked row by row.
pub(crate) async fn suspend_indexes(conn: &mut SqliteConnection, tables: &[&str]) -> Result<Vec<String>> {
    let mut q = QueryBuilder::new(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (",
    );
    let mut sep = q.separated(", ");
    for t in tables {
        sep.push_bind(*t);
    }
    q.push(") ORDER BY name");
    let rows: Vec<(String, String)> = q.build_query_as().fetch_all(&mut *conn).await?;
    for (name, _) in &rows {
        // Index names come from our own schema, never from user input.
        sqlx::query(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\""))).execute(&mut *conn).await?;
    }
    Ok(rows.into_iter().map(|(_, sql)| sql).collect())
}

/// The triggers named `names` (those that exist), removed for the rest of
/// the transaction; their SQL goes to [`restore_indexes`] like an index's.
pub(crate) async fn suspend_triggers(conn: &mut SqliteConnection, names: &[String]) -> Result<Vec<String>> {
    let mut q = QueryBuilder::new("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (");
    let mut sep = q.separated(", ");
    for n in names {
        sep.push_bind(n.as_str());
    }
    q.push(") ORDER BY name");
    let rows: Vec<(String, String)> = q.build_query_as().fetch_all(&mut *conn).await?;
    for (name, _) in &rows {
        // Trigger names come from our own schema, never from user input.
        sqlx::query(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\""))).execute(&mut *conn).await?;
    }
    Ok(rows.into_iter().map(|(_, sql)| sql).collect())
}

/// Puts back what [`suspend_indexes`] and [`suspend_triggers`] removed.
pub(crate) async fn restore_indexes(conn: &mut SqliteConnection, definitions: &[String]) -> Result<()> {
    for sql in definitions {
        sqlx::query(sql).execute(&mut *conn).await?;
    }
    Ok(())
}

/// An organisation's label from the columns PREFIX_acronym, PREFIX_name,
/// PREFIX_chinese_name and PREFIX_native_name of a LEFT JOIN.
pub(crate) fn org_label(r: &sqlx::sqlite::SqliteRow, prefix: &str) -> sqlx::Result<Option<crate::model::OrgLabel>> {
    use sqlx::Row;
    let col = |c: &str| r.try_get::<Option<String>, _>(format!("{prefix}_{c}").as_str());
    Ok(crate::model::OrgLabel::from_columns(col("acronym")?, col("name")?, col("chinese_name")?, col("native_name")?))
}

/// Turns a foreign-key refusal into a message a person understands.
pub(crate) fn conflict_on_fk(e: sqlx::Error, message: impl FnOnce() -> Problem) -> Error {
    match &e {
        // ON DELETE RESTRICT fails with SQLITE_CONSTRAINT_TRIGGER (1811), not
        // SQLITE_CONSTRAINT_FOREIGNKEY, so sqlx does not classify it; the
        // message is the same for both.
        sqlx::Error::Database(d)
            if d.is_foreign_key_violation() || d.message().contains("FOREIGN KEY constraint failed") =>
        {
            Error::Conflict(message())
        }
        _ => Error::Database(e),
    }
}

/// Encodes a list of short strings as stored JSON.
/// Reads many rows at once as one JSON array that SQLite builds, straight
/// into the model's own (de)serialisable types.
///
/// `object` is a `json_object(...)` expression over the rows of `from`
/// (which may hold WHERE and the rest). Why not plain rows: sqlx hands every
/// row from SQLite's thread to ours; for the benchmark data set's 100,000
/// agenda items, 60,000 participants and 20,000 people those handoffs cost
/// more than the reading (an export read 1.1 s row by row, 0.5 s this way).
/// Order is not kept: callers sort in memory, which is faster too.
pub(crate) async fn json_rows<T: serde::de::DeserializeOwned>(
    conn: &mut SqliteConnection,
    object: &str,
    from: &str,
    binds: &[uuid::Uuid],
) -> Result<Vec<T>> {
    let sql = format!("SELECT json_group_array({object}) FROM {from}");
    let mut q = sqlx::query_scalar::<_, String>(&sql);
    for b in binds {
        q = q.bind(*b);
    }
    let text = q.fetch_one(&mut *conn).await?;
    serde_json::from_str(&text).map_err(decode)
}

/// [`json_rows`] of the rows of `table` whose `column` is one of `ids`, in
/// as many statements as the limit on bound values needs: what a bulk
/// reader asks for a part of a document at a time.
pub(crate) async fn json_rows_in<T: serde::de::DeserializeOwned>(
    conn: &mut SqliteConnection,
    object: &str,
    table: &str,
    column: &str,
    ids: &[uuid::Uuid],
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(rows_per_statement(1)) {
        let from = format!("{table} WHERE {column} IN ({})", marks(chunk.len()));
        out.extend(json_rows::<T>(conn, object, &from, chunk).await?);
    }
    Ok(out)
}

/// Which of `ids` are in `table` (keyed by `id`).
pub(crate) async fn existing_ids(
    conn: &mut SqliteConnection,
    table: &str,
    ids: &[uuid::Uuid],
) -> Result<std::collections::HashSet<uuid::Uuid>> {
    let mut out = std::collections::HashSet::new();
    // Into an empty table (a first import, a restore) nothing exists:
    // skip the lookups, which cost a large import a few hundred
    // milliseconds.
    let any: bool = sqlx::query_scalar(&format!("SELECT EXISTS (SELECT 1 FROM {table})")).fetch_one(&mut *conn).await?;
    if !any || ids.is_empty() {
        return Ok(out);
    }
    for chunk in ids.chunks(rows_per_statement(1)) {
        let mut q = with_list(format!("SELECT id FROM {table} WHERE id IN "), chunk.iter().copied());
        let found: Vec<uuid::Uuid> = q.build_query_scalar().fetch_all(&mut *conn).await?;
        out.extend(found);
    }
    Ok(out)
}

/// Ids as a JSON array of hex texts, for `unhex(value) FROM json_each(?)`:
/// one bound value however many.
pub(crate) fn id_list(ids: &[uuid::Uuid]) -> String {
    use std::fmt::Write as _;
    let mut out = String::from("[");
    for id in ids {
        if out.len() > 1 {
            out.push(',');
        }
        let _ = write!(out, "\"{}\"", id.simple());
    }
    out.push(']');
    out
}

/// `?, ?, …`: `n` bound values.
pub(crate) fn marks(n: usize) -> String {
    let mut s = "?, ".repeat(n);
    s.truncate(s.len().saturating_sub(2));
    s
}

/// A stored value that does not read back: the database was changed by
/// something other than Liaison, or Liaison wrote what it cannot read.
pub(crate) fn decode(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("a stored value does not read back: {e}"))
}

/// SQL for a stored Unix time as RFC 3339 UTC, as the model's times read.
pub(crate) fn json_time(column: &str) -> String {
    format!("strftime('%Y-%m-%dT%H:%M:%SZ', {column}, 'unixepoch')")
}

pub(crate) fn json_list(values: &[String]) -> String {
    serde_json::to_string(values).unwrap_or_else(|_| "[]".into())
}

pub(crate) fn parse_json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// ` AND (col LIKE ? OR …)`: any of `columns` contains `text` (trimmed;
/// nothing is added for blank text). LIKE ignores case for ASCII only.
pub(crate) fn push_contains_any(q: &mut QueryBuilder<'_, Sqlite>, columns: &[&str], text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let pattern = like_contains(text);
    q.push(" AND (");
    for (i, col) in columns.iter().enumerate() {
        if i > 0 {
            q.push(" OR ");
        }
        q.push(*col).push(" LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'");
    }
    q.push(")");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Service;

    #[tokio::test]
    async fn file_store_uses_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStorage::open(&dir.path().join("sub/dir/l.db")).await.unwrap();
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&store.writer).await.unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(store.reader()).await.unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&store.writer).await.unwrap();
        assert_eq!(sync, 1, "NORMAL");
        let page: i64 = sqlx::query_scalar("PRAGMA page_size").fetch_one(&store.writer).await.unwrap();
        assert_eq!(page, 16384, "a new database has 16 KiB pages");
    }

    /// .cargo/config.toml builds the bundled SQLite without its memory
    /// statistics (a mutex on every allocation); an environment that sets
    /// LIBSQLITE3_FLAGS itself would lose that without a word.
    #[tokio::test]
    async fn sqlite_is_built_without_memory_statistics() {
        let store = SqliteStorage::open_in_memory().await.unwrap();
        let options: Vec<String> = sqlx::query_scalar("PRAGMA compile_options").fetch_all(&store.writer).await.unwrap();
        assert!(options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"), "{options:?}");
    }

    #[tokio::test]
    async fn reopening_runs_no_migration_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        SqliteStorage::open(&path).await.unwrap().close().await;
        let store = SqliteStorage::open(&path).await.unwrap();
        let n: i64 =
            sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations").fetch_one(store.reader()).await.unwrap();
        assert_eq!(n as usize, MIGRATOR.iter().count());
    }

    #[tokio::test]
    async fn a_watcher_sees_what_another_process_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        let window = Service::open(&path).await.unwrap();
        let mut w = window.watch_changes().await.unwrap().unwrap();
        assert!(!w.changed().await.unwrap(), "nothing yet");
        // A second store on the file stands for the command line.
        let cli = Service::open(&path).await.unwrap();
        cli.load_sample().await.unwrap();
        assert!(w.changed().await.unwrap());
        assert!(!w.changed().await.unwrap(), "seen once");
        assert!(Service::open_in_memory().await.unwrap().watch_changes().await.unwrap().is_none());
    }

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_contains("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
