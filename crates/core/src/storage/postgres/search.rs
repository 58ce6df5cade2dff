//! SQL for the search index on a team server: `search_docs` holds each
//! record's words as tsvectors (title, and everything), `search_stale` what
//! the triggers of migration 0010 marked.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, Postgres, QueryBuilder, Row};
use uuid::Uuid;

use crate::error::Result;
use crate::model::SearchKind;
use crate::search::{Doc, Query, Scope, Source};
use crate::storage::search::{tsquery, tsvector, with_kinds};
use crate::time::{format_local, stored_zone};

/// PostgreSQL takes at most 65,535 bound values in one statement.
const MAX_PARAMS: usize = 65_000;

pub async fn stale(conn: &mut PgConnection, limit: u32) -> Result<Vec<(Uuid, SearchKind)>> {
    let rows = sqlx::query_as("SELECT id, kind FROM search_stale LIMIT $1")
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await?;
    with_kinds(rows, "search_stale")
}

/// The columns of [`crate::search::fields`], then the visit, the context,
/// and the start and zone or the due date (see the local file's).
fn sources_sql(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Visit => {
            "SELECT v.id, NULL::uuid AS visit_id, v.title, v.purpose, v.venue, array_to_string(v.topics, ' · '), \
             v.notes, v.minutes, coalesce((SELECT name FROM organisations WHERE id = v.guest_org_id), '') AS context, \
             v.starts_at, v.time_zone, NULL::date AS due \
             FROM visits v WHERE v.id = ANY("
        }
        SearchKind::Person => {
            "SELECT p.id, NULL::uuid AS visit_id, p.name, p.chinese_name, p.native_name, p.title, p.email, p.notes, \
             coalesce((SELECT name FROM organisations WHERE id = p.organisation_id), '') AS context, \
             NULL::timestamptz AS starts_at, NULL::text AS time_zone, NULL::date AS due \
             FROM people p WHERE p.id = ANY("
        }
        SearchKind::Organisation => {
            "SELECT o.id, NULL::uuid AS visit_id, o.name, o.chinese_name, o.native_name, o.acronym, o.country, \
             o.notes, o.country AS context, NULL::timestamptz AS starts_at, NULL::text AS time_zone, NULL::date AS due \
             FROM organisations o WHERE o.id = ANY("
        }
        SearchKind::AgendaItem => {
            "SELECT a.id, a.visit_id, a.title, a.location, a.description, \
             (SELECT title FROM visits WHERE id = a.visit_id) AS context, \
             a.starts_at, a.time_zone, NULL::date AS due \
             FROM agenda_items a WHERE a.id = ANY("
        }
        SearchKind::FollowUp => {
            "SELECT f.id, f.visit_id, f.title, f.notes, \
             (SELECT title FROM visits WHERE id = f.visit_id) AS context, \
             NULL::timestamptz AS starts_at, NULL::text AS time_zone, f.due_date AS due \
             FROM follow_ups f WHERE f.id = ANY("
        }
        SearchKind::Room => {
            "SELECT r.id, NULL::uuid AS visit_id, r.name, r.chinese_name, r.building, r.equipment, r.notes, \
             r.building AS context, NULL::timestamptz AS starts_at, NULL::text AS time_zone, NULL::date AS due \
             FROM rooms r WHERE r.id = ANY("
        }
    }
}

pub async fn sources(conn: &mut PgConnection, kind: SearchKind, ids: &[Uuid]) -> Result<Vec<Source>> {
    let n = crate::search::fields(kind).len();
    let mut q = QueryBuilder::<Postgres>::new(sources_sql(kind));
    q.push_bind(ids).push(")");
    let mut out = Vec::with_capacity(ids.len());
    for r in q.build().fetch_all(&mut *conn).await? {
        let mut fields = Vec::with_capacity(n);
        for i in 0..n {
            fields.push(r.try_get::<Option<String>, _>(2 + i)?.unwrap_or_default());
        }
        let starts: Option<DateTime<Utc>> = r.try_get("starts_at")?;
        let zone: Option<String> = r.try_get("time_zone")?;
        let when = match (starts, zone) {
            (Some(s), Some(z)) => format_local(s, stored_zone(&z)),
            _ => r.try_get::<Option<NaiveDate>, _>("due")?.map(|d| d.to_string()).unwrap_or_default(),
        };
        out.push(Source {
            id: r.try_get("id")?,
            visit_id: r.try_get("visit_id")?,
            fields,
            context: r.try_get::<Option<String>, _>("context")?.unwrap_or_default(),
            when,
        });
    }
    Ok(out)
}

pub async fn index(conn: &mut PgConnection, ids: &[Uuid], docs: &[Doc]) -> Result<()> {
    for table in ["search_docs", "search_stale"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE id = ANY($1)")).bind(ids).execute(&mut *conn).await?;
    }
    for chunk in docs.chunks(MAX_PARAMS / 4) {
        let mut q = QueryBuilder::<Postgres>::new("INSERT INTO search_docs (id, kind, title_words, all_words) ");
        q.push_values(chunk, |mut b, d| {
            b.push_bind(d.id)
                .push_bind(d.kind.as_str())
                .push_bind(tsvector(&[&d.title]))
                .push_unseparated("::tsvector")
                .push_bind(tsvector(&[&d.title, &d.body]))
                .push_unseparated("::tsvector");
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn holds_any(conn: &mut PgConnection) -> Result<bool> {
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM search_docs)").fetch_one(&mut *conn).await?)
}

pub async fn kinds(conn: &mut PgConnection, ids: &[Uuid]) -> Result<Vec<(Uuid, SearchKind)>> {
    let rows =
        sqlx::query_as("SELECT id, kind FROM search_docs WHERE id = ANY($1)").bind(ids).fetch_all(&mut *conn).await?;
    with_kinds(rows, "search_docs")
}

pub async fn indexed(conn: &mut PgConnection) -> Result<(Vec<(Uuid, SearchKind)>, u64)> {
    let rows = sqlx::query_as("SELECT id, kind FROM search_docs").fetch_all(&mut *conn).await?;
    let stale: i64 = sqlx::query_scalar("SELECT count(*) FROM search_stale").fetch_one(&mut *conn).await?;
    Ok((with_kinds(rows, "search_docs")?, stale.try_into().unwrap_or(0)))
}

pub async fn candidates(
    conn: &mut PgConnection,
    kind: SearchKind,
    query: &Query,
    scope: Scope,
    limit: u32,
) -> Result<Vec<Uuid>> {
    let column = match scope {
        Scope::ExactTitle | Scope::Title => "title_words",
        Scope::Anywhere => "all_words",
    };
    // The planner cannot know how many records hold a word that begins
    // so ("wang:*"): it guesses 0.5% of the table and, asked for a LIMIT,
    // reads the whole table in the hope of meeting them early. For a word
    // that no agenda item holds, that read all 161,000 documents (38 ms on
    // the benchmark set) where the kind's index answers in 0.1 ms. Planned
    // on its own (MATERIALIZED), the match is costed for all its rows, and
    // the index wins whenever the matches are few; it is still read lazily,
    // so the LIMIT stops it early. The kind is a constant of the closed
    // set, never user text: the partial index of that kind (migration
    // 0012) then applies.
    let ids = sqlx::query_scalar(&format!(
        "WITH found AS MATERIALIZED (SELECT id FROM search_docs WHERE kind = '{}' AND {column} @@ $1::tsquery) \
         SELECT id FROM found LIMIT $2",
        kind.as_str()
    ))
    .bind(tsquery(query, scope))
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids)
}
