//! The database file is Liaison's and stays intact: other programs' files
//! and newer Liaisons' are refused untouched, an older schema is copied
//! aside before it is migrated, and the files are the user's alone.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use liaison_core::sample::SAMPLE_VISIT_ID;
use liaison_core::testing::{schema_version, APPLICATION_ID};
use liaison_core::{Error, Service};
use sqlx::{ConnectOptions, Connection};

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// Every file in `dir` with its size, a hash of its bytes and its
/// permission bits.
fn snapshot(dir: &Path) -> BTreeMap<String, (usize, u64, u32)> {
    use std::hash::{Hash, Hasher};
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let mode = e.metadata().unwrap().permissions().mode() & 0o777;
            let bytes = std::fs::read(e.path()).unwrap();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            (e.file_name().to_string_lossy().into_owned(), (bytes.len(), h.finish(), mode))
        })
        .collect()
}

async fn sqlite(path: &Path, sql: &str) {
    let mut c = liaison_core::testing::sqlite_file(path).create_if_missing(true).connect().await.unwrap();
    sqlx::raw_sql(sql).execute(&mut c).await.unwrap();
    c.close().await.unwrap();
}

fn refused(r: Result<Service, Error>) -> String {
    match r {
        Err(e @ Error::Refused { .. }) => e.to_string(),
        Err(other) => panic!("expected a refusal, got {other:?}"),
        Ok(_) => panic!("expected a refusal, the file was opened"),
    }
}

/// The mark in the file's header, read by a connection of the test's own.
async fn application_id(path: &Path) -> i32 {
    let mut c = liaison_core::testing::sqlite_file(path).read_only(true).connect().await.unwrap();
    let app: i32 = sqlx::query_scalar("PRAGMA application_id").fetch_one(&mut c).await.unwrap();
    c.close().await.unwrap();
    app
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_byte_identical() {
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            ("plain.db", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'x');"),
            ("wal.db", "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);"),
            // Marked by another program, even with tables like ours.
            ("marked.db", "PRAGMA application_id = 42; CREATE TABLE visits (x); CREATE TABLE _sqlx_migrations (version);"),
        ];
        for (name, sql) in cases {
            sqlite(&dir.path().join(name), sql).await;
        }
        std::fs::write(dir.path().join("text.db"), "not a database at all, just some text that is long enough to pass a header check of one hundred bytes, surely").unwrap();
        let before = snapshot(dir.path());
        let mut checked = 0;
        for name in ["plain.db", "wal.db", "marked.db", "text.db"] {
            let message = refused(Service::open(&dir.path().join(name)).await);
            assert!(message.contains("not a Liaison database") || message.contains("another program"), "{name}: {message}");
            checked += 1;
        }
        assert_eq!(checked, 4);
        assert_eq!(snapshot(dir.path()), before, "a refused file was changed, or a file was left beside it");
    });
}

#[test]
fn a_database_from_a_newer_liaison_is_refused_unchanged() {
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        let s = Service::open(&path).await.unwrap();
        s.close().await;
        let newer = schema_version() + 1;
        sqlite(
            &path,
            &format!(
                "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
                 VALUES ({newer}, 'from the future', CURRENT_TIMESTAMP, 1, x'00', 1)"
            ),
        )
        .await;
        let before = snapshot(dir.path());
        let message = refused(Service::open(&path).await);
        assert!(message.contains(&format!("schema {newer}")), "{message}");
        assert_eq!(snapshot(dir.path()), before);
    });
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        std::fs::write(&path, b"").unwrap();
        let s = Service::open(&path).await.unwrap();
        s.load_sample().await.unwrap();
        assert!(s.backup().is_none());
        let app = application_id(&path).await;
        assert_eq!(app, APPLICATION_ID);
    });
}

/// Copies the fixture database of schema `n` (made by that release from the
/// sample visit) into `dir`.
fn fixture(n: u32, dir: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/schema-{n}.db"));
    let to = dir.join("liaison.db");
    std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    to
}

async fn counts(path: &Path) -> Vec<(String, i64)> {
    let mut c = liaison_core::testing::sqlite_file(path).read_only(true).connect().await.unwrap();
    let mut out = Vec::new();
    for t in ["organisations", "people", "visits", "participants", "agenda_items", "agenda_participants", "follow_ups"]
    {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {t}")).fetch_one(&mut c).await.unwrap();
        out.push((t.to_owned(), n));
    }
    c.close().await.unwrap();
    out
}

#[test]
fn a_database_of_every_released_schema_is_copied_aside_then_migrated_with_every_record() {
    for n in [1, 2] {
        rt().block_on(migrates_from(n));
    }
}

async fn migrates_from(n: u32) {
    {
        let dir = tempfile::tempdir().unwrap();
        let path = fixture(n, dir.path());
        // Names the releases before three name forms could hold: a native
        // name in Chinese (most of them), in another script, and a mix.
        sqlite(
            &path,
            "INSERT INTO organisations (id, name, native_name, kind, created_at, updated_at) VALUES \
             (x'00000000000040008000000000000a01', 'Russian Academy of Sciences', 'Российская академия наук', \
              'research', 0, 0); \
             INSERT INTO people (id, name, native_name, created_at, updated_at) VALUES \
             (x'00000000000040008000000000000a02', 'Ivan Petrov', 'Иван Петров', 0, 0), \
             (x'00000000000040008000000000000a03', 'Jürgen Müller', '于尔根·米勒', 0, 0), \
             (x'00000000000040008000000000000a04', 'Zhang', '张 Zhang', 0, 0);",
        )
        .await;
        let original = std::fs::read(&path).unwrap();
        let before = counts(&path).await;
        assert!(before.iter().all(|(_, n)| *n > 0), "the fixture holds data in every table: {before:?}");

        let s = Service::open(&path).await.unwrap();
        let backup = s.backup().expect("a copy before migrating").to_owned();
        assert_eq!(backup.parent(), Some(dir.path()));
        assert!(backup.file_name().unwrap().to_string_lossy().starts_with("liaison.before-schema-"), "{backup:?}");
        assert_eq!(std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600);

        // Every record is still there, and the sample reads as it did.
        s.close().await;
        assert_eq!(counts(&path).await, before);
        // A database made before keeps its pages (SQLite's header, bytes
        // 16-17): only a new one has 16 KiB pages.
        let header = std::fs::read(&path).unwrap();
        assert_eq!(u16::from_be_bytes([header[16], header[17]]), 4096);
        let s = Service::open(&path).await.unwrap();
        assert!(s.backup().is_none(), "a second open has nothing to migrate");
        let d = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap();
        assert_eq!(d.visit.title, "IPRCC delegation visits the National Institute of Vocational Education");
        // Chinese native names are now the Chinese form; others stay.
        let zhang = d.participants.iter().find(|p| p.name == "Zhang Huidong").unwrap();
        assert_eq!((zhang.chinese_name.as_str(), zhang.native_name.as_str()), ("张惠东", ""));
        let host =
            s.organisation(d.visit.host_org_id.unwrap(), liaison_core::time::today()).await.unwrap().organisation;
        assert_eq!((host.chinese_name.as_str(), host.native_name.as_str()), ("北京师范大学国家职业教育研究院", ""));
        let id = |n: u32| uuid::Uuid::parse_str(&format!("00000000-0000-4000-8000-000000000{n:03x}")).unwrap();
        let forms = |p: liaison_core::model::Person| (p.name, p.chinese_name, p.native_name);
        let person = |n| s.person(id(n));
        assert_eq!(forms(person(0xa02).await.unwrap().person), ("Ivan Petrov".into(), "".into(), "Иван Петров".into()));
        assert_eq!(
            forms(person(0xa03).await.unwrap().person),
            ("Jürgen Müller".into(), "于尔根·米勒".into(), "".into())
        );
        assert_eq!(forms(person(0xa04).await.unwrap().person), ("Zhang".into(), "".into(), "张 Zhang".into()));
        let academy = s.organisation(id(0xa01), liaison_core::time::today()).await.unwrap().organisation;
        assert_eq!((academy.chinese_name.as_str(), academy.native_name.as_str()), ("", "Российская академия наук"));
        assert_eq!(d.agenda.len(), 6);
        assert_eq!(d.follow_ups.len(), 5);
        // The migration took every record into the search index.
        let found = |text: &'static str| {
            let s = &s;
            async move {
                let r = s.search(&liaison_core::search::SearchQuery::new(text)).await.unwrap();
                r.groups.into_iter().flat_map(|g| g.hits.into_iter().map(|h| h.id)).collect::<Vec<_>>()
            }
        };
        assert_eq!(found("米勒").await, [id(0xa03)]);
        assert_eq!(found("muller").await, [id(0xa03)]);
        assert_eq!(found("Петров").await, [id(0xa02)]);
        let (indexed, stale) = s.search_index().await.unwrap();
        let records: i64 = counts(&path)
            .await
            .iter()
            .filter(|(t, _)| ["organisations", "people", "visits", "agenda_items", "follow_ups"].contains(&t.as_str()))
            .map(|(_, n)| n)
            .sum();
        assert_eq!((indexed.len() as i64, stale), (records, 0));
        let app = application_id(&path).await;
        assert_eq!(app, APPLICATION_ID);
        s.close().await;

        // The copy is the old database as it was: same records, old schema.
        assert_eq!(counts(&backup).await, before);
        let mut c = liaison_core::testing::sqlite_file(&backup).read_only(true).connect().await.unwrap();
        let versions: Vec<i64> =
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations").fetch_all(&mut c).await.unwrap();
        assert_eq!(versions, (1..=i64::from(n)).collect::<Vec<_>>(), "schema {n}");
        c.close().await.unwrap();
        assert_ne!(std::fs::read(&path).unwrap(), original, "the database itself was migrated");
    }
}

#[test]
fn the_database_its_wal_and_a_folder_liaison_makes_are_the_users_alone() {
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = dir.path().join("made/by/liaison/l.db");
        let s = Service::open(&path).await.unwrap();
        s.load_sample().await.unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        let wal = dir.path().join("made/by/liaison/l.db-wal");
        assert!(wal.exists(), "the WAL is there while the store is open");
        assert_eq!(mode(&wal), 0o600);
        for folder in ["made", "made/by", "made/by/liaison"] {
            assert_eq!(mode(&dir.path().join(folder)), 0o700, "{folder}");
        }
        // A folder the user named is left as it was.
        assert_eq!(mode(dir.path()), 0o755);
        s.close().await;

        // A database of Liaison's that others could read is made private.
        let shared = dir.path().join("shared.db");
        Service::open(&shared).await.unwrap().close().await;
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o644)).unwrap();
        Service::open(&shared).await.unwrap().close().await;
        assert_eq!(mode(&shared), 0o600);
    });
}

/// Schema 17 built the search index again without FTS5's prefix indexes,
/// carrying over the words already indexed: a database whose index was
/// made with them (as schema 16 made it) finds the same after migrating,
/// without indexing anything again.
#[test]
fn the_search_index_loses_its_prefix_indexes_and_stored_text_and_keeps_its_words() {
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        let s = Service::open(&path).await.unwrap();
        s.load_sample().await.unwrap();
        let hits = |s: &Service, text: &'static str| {
            let s = s.clone();
            async move {
                let r = s.search(&liaison_core::search::SearchQuery::new(text)).await.unwrap();
                r.groups.into_iter().flat_map(|g| g.hits.into_iter().map(|h| h.id)).collect::<Vec<_>>()
            }
        };
        let before = (hits(&s, "voc").await, hits(&s, "张").await, hits(&s, "b").await);
        assert!(!before.0.is_empty() && !before.1.is_empty() && !before.2.is_empty(), "{before:?}");
        s.close().await;
        // Back to schema 16's index: the same words, with prefix indexes and
        // a stored copy of them, read back from the index's own entries.
        sqlite(
            &path,
            "CREATE VIRTUAL TABLE temp.entries USING fts5vocab(main, search_text, instance); \
             CREATE VIRTUAL TABLE old_text USING fts5 (kind, title, body, \
               tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'); \
             INSERT INTO old_text (rowid, kind, title, body) SELECT doc, \
               group_concat(CASE col WHEN 'kind' THEN term END, ' ' ORDER BY \"offset\"), \
               coalesce(group_concat(CASE col WHEN 'title' THEN term END, ' ' ORDER BY \"offset\"), ''), \
               coalesce(group_concat(CASE col WHEN 'body' THEN term END, ' ' ORDER BY \"offset\"), '') \
               FROM temp.entries GROUP BY doc; \
             DROP TABLE temp.entries; \
             DROP TABLE search_text; \
             ALTER TABLE old_text RENAME TO search_text; \
             DELETE FROM _sqlx_migrations WHERE version >= 17;",
        )
        .await;
        let definition = |path: PathBuf| async move {
            let mut c = liaison_core::testing::sqlite_file(&path).connect().await.unwrap();
            let sql: String = sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE name = 'search_text'")
                .fetch_one(&mut c)
                .await
                .unwrap();
            let words: i64 = sqlx::query_scalar("SELECT count(*) FROM search_text").fetch_one(&mut c).await.unwrap();
            c.close().await.unwrap();
            (sql, words)
        };
        let (sql, words) = definition(path.clone()).await;
        assert!(sql.contains("prefix") && !sql.contains("content"), "{sql}");
        assert!(words > 15, "{words}");

        let s = Service::open(&path).await.unwrap();
        assert!(s.backup().is_some(), "schemas 17 and 18 were applied");
        let (sql, after_words) = definition(path.clone()).await;
        assert!(!sql.contains("prefix"), "{sql}");
        assert!(sql.contains("contentless_delete = 1"), "{sql}");
        assert_eq!(after_words, words, "every record's words carried over");
        let (_, stale) = s.search_index().await.unwrap();
        assert_eq!(stale, 0, "nothing left to index again");
        assert_eq!((hits(&s, "voc").await, hits(&s, "张").await, hits(&s, "b").await), before);
        s.close().await;
    });
}
