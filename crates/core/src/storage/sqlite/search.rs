//! SQL for the search index: `search_docs` (a record's id and kind, by the
//! FTS5 row that holds its words), `search_text` (FTS5) and `search_stale`
//! (what the triggers of migration 0011 marked).

use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use uuid::Uuid;

use super::{rows_per_statement, with_list, MAX_PARAMS};
use crate::error::Result;
use crate::model::SearchKind;
use crate::search::{Doc, Query, Scope, Source};
use crate::storage::search::{fts5_match, fts5_text, kind_word, with_kinds};
use crate::time::{format_local, from_unix, stored_zone};

/// As one JSON text, like [`texts`]: a large import marks hundreds of
/// thousands of records.
pub async fn stale(conn: &mut SqliteConnection, limit: u32) -> Result<Vec<(Uuid, SearchKind)>> {
    let text: String = sqlx::query_scalar(
        "SELECT json_group_array(json_array(hex(id), kind)) FROM (SELECT id, kind FROM search_stale LIMIT ?)",
    )
    .bind(i64::from(limit))
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<(String, String)> = serde_json::from_str(&text).map_err(super::decode)?;
    let rows = rows
        .into_iter()
        .map(|(id, kind)| Ok((Uuid::try_parse(&id).map_err(super::decode)?, kind)))
        .collect::<Result<Vec<_>>>()?;
    with_kinds(rows, "search_stale")
}

/// The columns of [`crate::search::fields`], then the visit, the context,
/// and the start (unix seconds and zone) or due date.
fn sources_sql(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Visit => {
            "SELECT v.id, NULL AS visit_id, v.title, v.purpose, v.venue, \
             (SELECT coalesce(group_concat(value, ' · '), '') FROM json_each(v.topics)), v.notes, v.minutes, \
             coalesce((SELECT name FROM organisations WHERE id = v.guest_org_id), '') AS context, \
             v.starts_at, v.time_zone, NULL AS due \
             FROM visits v WHERE v.id IN "
        }
        SearchKind::Person => {
            "SELECT p.id, NULL AS visit_id, p.name, p.chinese_name, p.native_name, p.title, p.email, p.notes, \
             coalesce((SELECT name FROM organisations WHERE id = p.organisation_id), '') AS context, \
             NULL AS starts_at, NULL AS time_zone, NULL AS due \
             FROM people p WHERE p.id IN "
        }
        SearchKind::Organisation => {
            "SELECT o.id, NULL AS visit_id, o.name, o.chinese_name, o.native_name, o.acronym, o.country, o.notes, \
             o.country AS context, NULL AS starts_at, NULL AS time_zone, NULL AS due \
             FROM organisations o WHERE o.id IN "
        }
        SearchKind::AgendaItem => {
            "SELECT a.id, a.visit_id, a.title, a.location, a.description, \
             (SELECT title FROM visits WHERE id = a.visit_id) AS context, \
             a.starts_at, a.time_zone, NULL AS due \
             FROM agenda_items a WHERE a.id IN "
        }
        SearchKind::FollowUp => {
            "SELECT f.id, f.visit_id, f.title, f.notes, \
             (SELECT title FROM visits WHERE id = f.visit_id) AS context, \
             NULL AS starts_at, NULL AS time_zone, f.due_date AS due \
             FROM follow_ups f WHERE f.id IN "
        }
        SearchKind::Room => {
            "SELECT r.id, NULL AS visit_id, r.name, r.chinese_name, r.building, r.equipment, r.notes, \
             r.building AS context, NULL AS starts_at, NULL AS time_zone, NULL AS due \
             FROM rooms r WHERE r.id IN "
        }
    }
}

pub async fn sources(conn: &mut SqliteConnection, kind: SearchKind, ids: &[Uuid]) -> Result<Vec<Source>> {
    let n = crate::search::fields(kind).len();
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(MAX_PARAMS) {
        let mut q = QueryBuilder::<Sqlite>::new(sources_sql(kind));
        q.push("(");
        let mut list = q.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        q.push(")");
        for r in q.build().fetch_all(&mut *conn).await? {
            let mut fields = Vec::with_capacity(n);
            for i in 0..n {
                fields.push(r.try_get::<Option<String>, _>(2 + i)?.unwrap_or_default());
            }
            let starts: Option<i64> = r.try_get("starts_at")?;
            let zone: Option<String> = r.try_get("time_zone")?;
            let when = match (starts, zone) {
                (Some(s), Some(z)) => format_local(from_unix(s), stored_zone(&z)),
                _ => r.try_get::<Option<String>, _>("due")?.unwrap_or_default(),
            };
            out.push(Source {
                id: r.try_get("id")?,
                visit_id: r.try_get("visit_id")?,
                fields,
                context: r.try_get::<Option<String>, _>("context")?.unwrap_or_default(),
                when,
            });
        }
    }
    Ok(out)
}

/// The indexed columns of a kind, in the order of [`crate::search::fields`],
/// and the table they are read from as `t`.
fn texts_sql(kind: SearchKind) -> (&'static str, &'static str) {
    match kind {
        SearchKind::Visit => (
            "t.title, t.purpose, t.venue, \
             (SELECT coalesce(group_concat(value, ' · '), '') FROM json_each(t.topics)), t.notes, t.minutes",
            "visits t",
        ),
        SearchKind::Person => ("t.name, t.chinese_name, t.native_name, t.title, t.email, t.notes", "people t"),
        SearchKind::Organisation => {
            ("t.name, t.chinese_name, t.native_name, t.acronym, t.country, t.notes", "organisations t")
        }
        SearchKind::AgendaItem => ("t.title, t.location, t.description", "agenda_items t"),
        SearchKind::FollowUp => ("t.title, t.notes", "follow_ups t"),
        SearchKind::Room => ("t.name, t.chinese_name, t.building, t.equipment, t.notes", "rooms t"),
    }
}

/// The texts to index of these records: one JSON text per chunk, as the
/// bulk readers do ([`super::json_rows`]); row by row, the hand-over of each
/// row cost more than the reading (161,060 records of the benchmark set:
/// 1.05 s with the context and time of a hit, row by row).
pub async fn texts(conn: &mut SqliteConnection, kind: SearchKind, ids: &[Uuid]) -> Result<Vec<Source>> {
    let (columns, table) = texts_sql(kind);
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(MAX_PARAMS) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let rows: Vec<(String, Vec<Option<String>>)> = super::json_rows(
            conn,
            &format!("json_array(hex(t.id), json_array({columns}))"),
            &format!("{table} WHERE t.id IN ({marks})"),
            chunk,
        )
        .await?;
        for (id, fields) in rows {
            out.push(Source {
                id: Uuid::try_parse(&id).map_err(super::decode)?,
                visit_id: None,
                fields: fields.into_iter().map(Option::unwrap_or_default).collect(),
                context: String::new(),
                when: String::new(),
            });
        }
    }
    Ok(out)
}

/// Writes `docs` into the index and clears the stale marks of `ids`;
/// `replace`: first takes out what the index held of `ids` (a record added
/// in this transaction has nothing there, and the lookup, a tenth of a
/// second over a large import's records, can be skipped).
pub async fn index(conn: &mut SqliteConnection, ids: &[Uuid], docs: &[Doc], replace: bool) -> Result<()> {
    for chunk in ids.chunks(MAX_PARAMS) {
        if replace {
            // The words go by the numbers the records had, found once.
            let mut q = with_list("DELETE FROM search_docs WHERE id IN ", chunk.iter().copied());
            q.push(" RETURNING doc");
            let gone: Vec<i64> = q.build_query_scalar().fetch_all(&mut *conn).await?;
            if !gone.is_empty() {
                with_list("DELETE FROM search_text WHERE rowid IN ", gone).build().execute(&mut *conn).await?;
            }
        }
        with_list("DELETE FROM search_stale WHERE id IN ", chunk.iter().copied()).build().execute(&mut *conn).await?;
    }
    // Each document's number is chosen here, after the highest in use, so
    // that both tables are written without reading numbers back (only this
    // transaction writes). Numbers of documents removed above may be given
    // again, as SQLite's own rowids would be.
    let mut next: i64 =
        sqlx::query_scalar("SELECT coalesce(max(doc), 0) + 1 FROM search_docs").fetch_one(&mut *conn).await?;
    for chunk in docs.chunks(rows_per_statement(4)) {
        let first = next;
        next += chunk.len() as i64;
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO search_docs (doc, id, kind) ");
        q.push_values(chunk.iter().zip(first..), |mut b, (d, doc)| {
            b.push_bind(doc).push_bind(d.id).push_bind(d.kind.as_str());
        });
        q.build().execute(&mut *conn).await?;
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO search_text (rowid, kind, title, body) ");
        q.push_values(chunk.iter().zip(first..), |mut b, (d, doc)| {
            b.push_bind(doc).push_bind(kind_word(d.kind)).push_bind(fts5_text(&d.title)).push_bind(fts5_text(&d.body));
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn holds_any(conn: &mut SqliteConnection) -> Result<bool> {
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM search_docs)").fetch_one(&mut *conn).await?)
}

pub async fn kinds(conn: &mut SqliteConnection, ids: &[Uuid]) -> Result<Vec<(Uuid, SearchKind)>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(MAX_PARAMS) {
        let mut q = with_list("SELECT id, kind FROM search_docs WHERE id IN ", chunk.iter().copied());
        let rows: Vec<(Uuid, String)> = q.build_query_as().fetch_all(&mut *conn).await?;
        out.extend(with_kinds(rows, "search_docs")?);
    }
    Ok(out)
}

pub async fn indexed(conn: &mut SqliteConnection) -> Result<(Vec<(Uuid, SearchKind)>, u64)> {
    let rows = sqlx::query_as("SELECT id, kind FROM search_docs").fetch_all(&mut *conn).await?;
    let stale: i64 = sqlx::query_scalar("SELECT count(*) FROM search_stale").fetch_one(&mut *conn).await?;
    Ok((with_kinds(rows, "search_docs")?, stale.try_into().unwrap_or(0)))
}

pub async fn candidates(
    conn: &mut SqliteConnection,
    kind: SearchKind,
    query: &Query,
    scope: Scope,
    limit: u32,
) -> Result<Vec<Uuid>> {
    let ids = sqlx::query_scalar(
        "SELECT d.id FROM search_text JOIN search_docs d ON d.doc = search_text.rowid \
         WHERE search_text MATCH ? LIMIT ?",
    )
    .bind(fts5_match(kind, query, scope))
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids)
}
