//! SQL for the search index: `search_docs` (a record's id and kind, by the
//! FTS5 row that holds its words), `search_text` (FTS5) and `search_stale`
//! (what the triggers of migration 0011 marked).

use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use uuid::Uuid;

use super::{rows_per_statement, MAX_PARAMS};
use crate::error::Result;
use crate::model::SearchKind;
use crate::search::{Doc, Query, Scope, Source};
use crate::storage::search::{fts5_match, fts5_text, kind_word, with_kinds};
use crate::time::{format_local, from_unix, stored_zone};

pub async fn stale(conn: &mut SqliteConnection, limit: u32) -> Result<Vec<(Uuid, SearchKind)>> {
    let rows = sqlx::query_as("SELECT id, kind FROM search_stale LIMIT ?")
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await?;
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

pub async fn index(conn: &mut SqliteConnection, ids: &[Uuid], docs: &[Doc]) -> Result<()> {
    for chunk in ids.chunks(MAX_PARAMS / 2) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "DELETE FROM search_text WHERE rowid IN (SELECT doc FROM search_docs WHERE id IN (",
        );
        let mut list = q.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        q.push("))");
        q.build().execute(&mut *conn).await?;
        for table in ["search_docs", "search_stale"] {
            let mut q = QueryBuilder::<Sqlite>::new(format!("DELETE FROM {table} WHERE id IN ("));
            let mut list = q.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            q.push(")");
            q.build().execute(&mut *conn).await?;
        }
    }
    for chunk in docs.chunks(rows_per_statement(4)) {
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO search_docs (id, kind) ");
        q.push_values(chunk, |mut b, d| {
            b.push_bind(d.id).push_bind(d.kind.as_str());
        });
        q.push(" RETURNING doc, id");
        let rows = q.build().fetch_all(&mut *conn).await?;
        let mut numbers = std::collections::HashMap::with_capacity(rows.len());
        for r in rows {
            numbers.insert(r.try_get::<Uuid, _>("id")?, r.try_get::<i64, _>("doc")?);
        }
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO search_text (rowid, kind, title, body) ");
        q.push_values(chunk, |mut b, d| {
            b.push_bind(numbers.get(&d.id).copied())
                .push_bind(kind_word(d.kind))
                .push_bind(fts5_text(&d.title))
                .push_bind(fts5_text(&d.body));
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
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
