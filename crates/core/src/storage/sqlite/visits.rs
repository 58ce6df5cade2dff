//! SQL for the `visits` table.

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use uuid::Uuid;

use super::{
    json_list, json_rows, json_rows_in, json_time, on_conflict, org_label, parse_json_list, push_contains_any,
    rows_per_statement,
};
use crate::error::{Error, Result};
use crate::model::{Visit, VisitPage, VisitQuery, VisitScope, VisitSummary};
use crate::storage::columns::{VISIT_COLUMNS as COLUMNS, VISIT_SEARCHED, VISIT_SHOWN, VISIT_UPDATABLE as UPDATABLE};
use crate::time::{format_local, from_unix, stored_zone};

fn from_row(r: &SqliteRow) -> sqlx::Result<Visit> {
    let time_zone: String = r.try_get("time_zone")?;
    let zone = stored_zone(&time_zone);
    let starts_at = from_unix(r.try_get("starts_at")?);
    let ends_at = from_unix(r.try_get("ends_at")?);
    Ok(Visit {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        title: r.try_get("title")?,
        purpose: r.try_get("purpose")?,
        status: r.try_get("status")?,
        host_org_id: r.try_get("host_org_id")?,
        guest_org_id: r.try_get("guest_org_id")?,
        starts_at,
        ends_at,
        start_local: format_local(starts_at, zone),
        end_local: format_local(ends_at, zone),
        time_zone,
        venue: r.try_get("venue")?,
        online_link: r.try_get("online_link")?,
        notes: r.try_get("notes")?,
        minutes: r.try_get("minutes")?,
        topics: parse_json_list(r.try_get("topics")?),
        uid: r.try_get("ical_uid")?,
        sequence: r.try_get::<i64, _>("sequence")?.try_into().unwrap_or(u32::MAX),
        created_at: from_unix(r.try_get("created_at")?),
        updated_at: from_unix(r.try_get("updated_at")?),
        revision: r.try_get::<i64, _>("revision")?.try_into().unwrap_or(u32::MAX),
    })
}

/// Returns how many rows were inserted or changed.
/// Inserts or updates visits by id. SEQUENCE never goes down: a file carrying
/// an older sequence must not make calendars ignore the next export.
pub async fn upsert(conn: &mut SqliteConnection, rows: &[Visit]) -> Result<u64> {
    let mut written = 0;
    for chunk in rows.chunks(rows_per_statement(19)) {
        let mut q = QueryBuilder::new(format!("INSERT INTO visits ({COLUMNS}) "));
        q.push_values(chunk, |mut b, v| {
            b.push_bind(v.id)
                .push_bind(v.kind)
                .push_bind(v.title.as_str())
                .push_bind(v.purpose.as_str())
                .push_bind(v.status)
                .push_bind(v.host_org_id)
                .push_bind(v.guest_org_id)
                .push_bind(v.starts_at.timestamp())
                .push_bind(v.ends_at.timestamp())
                .push_bind(v.time_zone.as_str())
                .push_bind(v.venue.as_str())
                .push_bind(v.online_link.as_str())
                .push_bind(v.notes.as_str())
                .push_bind(v.minutes.as_str())
                .push_bind(json_list(&v.topics))
                .push_bind(v.uid.as_str())
                .push_bind(i64::from(v.sequence))
                .push_bind(v.created_at.timestamp())
                .push_bind(v.updated_at.timestamp());
        });
        q.push(on_conflict("visits", "id", UPDATABLE, Some(VISIT_SHOWN), true));
        written += q.build().execute(&mut *conn).await?.rows_affected();
    }
    Ok(written)
}

pub async fn get(conn: &mut SqliteConnection, id: Uuid) -> Result<Visit> {
    let row = sqlx::query(&format!("SELECT {COLUMNS}, revision FROM visits WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found("visit", id))?;
    Ok(from_row(&row)?)
}

/// Raises the SEQUENCE of the visits' own events and of their agenda items
/// that name nobody (they invite the whole visit): their attendees changed.
/// The ids go in as one JSON text, however many.
pub async fn bump_attendee_sequences(conn: &mut SqliteConnection, ids: &[Uuid]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let ids = super::id_list(ids);
    sqlx::query("UPDATE visits SET sequence = sequence + 1 WHERE id IN (SELECT unhex(value) FROM json_each(?))")
        .bind(ids.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE agenda_items SET sequence = sequence + 1 \
         WHERE visit_id IN (SELECT unhex(value) FROM json_each(?)) \
         AND NOT EXISTS (SELECT 1 FROM agenda_participants ap WHERE ap.agenda_item_id = agenda_items.id)",
    )
    .bind(ids.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every visit, by start. For export.
/// A visit row as a JSON object, for [`json_rows`].
fn json_object() -> String {
    format!(
        "json_object('id', hex(id), 'kind', kind, 'title', title, 'purpose', purpose, 'status', status, \
         'host_org_id', nullif(hex(host_org_id), ''), 'guest_org_id', nullif(hex(guest_org_id), ''), \
         'starts_at', {}, 'ends_at', {}, 'time_zone', time_zone, 'start_local', '', 'end_local', '', \
         'venue', venue, 'online_link', online_link, 'notes', notes, 'minutes', minutes, \
         'topics', json(topics), 'uid', ical_uid, 'sequence', sequence, 'created_at', {}, 'updated_at', {}, 'revision', revision)",
        json_time("starts_at"),
        json_time("ends_at"),
        json_time("created_at"),
        json_time("updated_at")
    )
}

/// Local times are not stored: they follow from the instants and the zone.
fn with_local_times(mut all: Vec<Visit>) -> Vec<Visit> {
    for v in &mut all {
        let zone = stored_zone(&v.time_zone);
        v.start_local = format_local(v.starts_at, zone);
        v.end_local = format_local(v.ends_at, zone);
    }
    all
}

pub async fn list(conn: &mut SqliteConnection) -> Result<Vec<Visit>> {
    let mut all = with_local_times(json_rows(conn, &json_object(), "visits", &[]).await?);
    all.sort_unstable_by_key(|v| (v.starts_at, v.id));
    Ok(all)
}

/// The stored visits of these ids, in no particular order.
pub async fn list_by_ids(conn: &mut SqliteConnection, ids: &[Uuid]) -> Result<Vec<Visit>> {
    Ok(with_local_times(json_rows_in(conn, &json_object(), "visits", "id", ids).await?))
}

/// Ids of visits whose id starts with `prefix` (as typed on the command line).
pub async fn ids_with_prefix(conn: &mut SqliteConnection, prefix: &str) -> Result<Vec<Uuid>> {
    // Ids are stored as blobs; compare on their text form. Visits are few
    // enough (tens of thousands) for the scan to be instant.
    let pattern = format!("{}%", prefix.to_ascii_lowercase().replace('-', ""));
    Ok(sqlx::query_scalar("SELECT id FROM visits WHERE lower(hex(id)) LIKE ? ORDER BY starts_at LIMIT 10")
        .bind(pattern)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<()> {
    let done = sqlx::query("DELETE FROM visits WHERE id = ?").bind(id).execute(&mut *conn).await?;
    if done.rows_affected() == 0 {
        return Err(Error::not_found("visit", id));
    }
    Ok(())
}

fn push_filters(q: &mut QueryBuilder<'_, Sqlite>, query: &VisitQuery, now: DateTime<Utc>) {
    q.push(" WHERE 1 = 1");
    match query.scope {
        VisitScope::All => {}
        VisitScope::Upcoming => {
            q.push(" AND v.status != 'draft' AND v.ends_at >= ").push_bind(now.timestamp());
        }
        VisitScope::Past => {
            q.push(" AND v.status != 'draft' AND v.ends_at < ").push_bind(now.timestamp());
        }
        VisitScope::Drafts => {
            q.push(" AND v.status = 'draft'");
        }
    }
    if let Some(kind) = query.kind {
        q.push(" AND v.kind = ").push_bind(kind);
    }
    if let Some(status) = query.status {
        q.push(" AND v.status = ").push_bind(status);
    }
    push_contains_any(q, VISIT_SEARCHED, &query.text);
}

pub async fn page(conn: &mut SqliteConnection, query: &VisitQuery, now: DateTime<Utc>) -> Result<VisitPage> {
    const FROM: &str = " FROM visits v LEFT JOIN organisations h ON h.id = v.host_org_id \
                         LEFT JOIN organisations g ON g.id = v.guest_org_id";
    // The joins only matter to the text filter; without one the count reads
    // the visits table alone.
    let from_count = if query.text.trim().is_empty() { " FROM visits v" } else { FROM };
    let mut count = QueryBuilder::new(format!("SELECT count(*){from_count}"));
    push_filters(&mut count, query, now);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;

    let mut q = QueryBuilder::new(
        "SELECT v.id, v.kind, v.title, v.status, v.starts_at, v.ends_at, v.time_zone, \
         COALESCE(NULLIF(h.acronym, ''), NULLIF(h.name, ''), NULLIF(h.chinese_name, ''), h.native_name) AS host, \
         COALESCE(NULLIF(g.acronym, ''), NULLIF(g.name, ''), NULLIF(g.chinese_name, ''), g.native_name) AS guest, \
         h.acronym AS host_acronym, h.name AS host_name, h.chinese_name AS host_chinese_name, h.native_name AS host_native_name, \
         g.acronym AS guest_acronym, g.name AS guest_name, g.chinese_name AS guest_chinese_name, g.native_name AS guest_native_name",
    );
    q.push(FROM);
    push_filters(&mut q, query, now);
    q.push(if query.scope == VisitScope::Past {
        " ORDER BY v.starts_at DESC, v.id"
    } else {
        " ORDER BY v.starts_at, v.id"
    });
    if query.limit > 0 {
        q.push(" LIMIT ").push_bind(i64::from(query.limit));
        q.push(" OFFSET ").push_bind(i64::from(query.offset));
    }
    let rows = q.build().fetch_all(&mut *conn).await?;
    let mut visits = Vec::with_capacity(rows.len());
    for r in &rows {
        let time_zone: String = r.try_get("time_zone")?;
        let zone = stored_zone(&time_zone);
        let starts_at = from_unix(r.try_get("starts_at")?);
        let ends_at = from_unix(r.try_get("ends_at")?);
        visits.push(VisitSummary {
            id: r.try_get("id")?,
            kind: r.try_get("kind")?,
            title: r.try_get("title")?,
            status: r.try_get("status")?,
            starts_at,
            ends_at,
            start_local: format_local(starts_at, zone),
            end_local: format_local(ends_at, zone),
            time_zone,
            host: r.try_get("host")?,
            guest: r.try_get("guest")?,
            host_names: org_label(r, "host")?,
            guest_names: org_label(r, "guest")?,
        });
    }
    Ok(VisitPage { visits, total: total.try_into().unwrap_or(u32::MAX) })
}

/// Visits a person took part in, soonest first.
pub async fn list_for_person(conn: &mut SqliteConnection, person_id: Uuid) -> Result<Vec<Visit>> {
    let cols = COLUMNS.split(", ").map(|c| format!("v.{c}")).collect::<Vec<_>>().join(", ");
    let rows = sqlx::query(&format!(
        "SELECT {cols}, v.revision FROM visits v JOIN participants p ON p.visit_id = v.id WHERE p.person_id = ? ORDER BY v.starts_at, v.id"
    ))
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(from_row).collect::<sqlx::Result<_>>()?)
}

/// Visits an organisation hosted or sent, soonest first.
pub async fn list_for_organisation(conn: &mut SqliteConnection, org_id: Uuid) -> Result<Vec<Visit>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS}, revision FROM visits WHERE host_org_id = ?1 OR guest_org_id = ?1 ORDER BY starts_at, id"
    ))
    .bind(org_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(from_row).collect::<sqlx::Result<_>>()?)
}
