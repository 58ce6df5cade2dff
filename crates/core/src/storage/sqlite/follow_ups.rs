//! SQL for the `follow_ups` table: what was agreed on a visit.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, SqliteConnection};
use uuid::Uuid;

use super::{json_rows, json_time, on_conflict, rows_per_statement};
use crate::error::{Error, Result};
use crate::model::FollowUp;
use crate::storage::columns::{FOLLOW_UP_COLUMNS as COLUMNS, FOLLOW_UP_SHOWN, FOLLOW_UP_UPDATABLE as UPDATABLE};
use crate::time::from_unix;

/// Dated first, by date; undated last.
// Not by creation time: an export re-imported elsewhere must list them in the
// same order, and creation times are not part of the interchange file.
const ORDER: &str = "due_date IS NULL, due_date, title, id";

fn from_row(r: &SqliteRow) -> sqlx::Result<FollowUp> {
    let due: Option<String> = r.try_get("due_date")?;
    Ok(FollowUp {
        id: r.try_get("id")?,
        visit_id: r.try_get("visit_id")?,
        title: r.try_get("title")?,
        owner_id: r.try_get("owner_id")?,
        counterpart_org_id: r.try_get("counterpart_org_id")?,
        due_date: due.and_then(|d| d.parse().ok()),
        status: r.try_get("status")?,
        notes: r.try_get("notes")?,
        uid: r.try_get("ical_uid")?,
        sequence: r.try_get::<i64, _>("sequence")?.try_into().unwrap_or(u32::MAX),
        created_at: from_unix(r.try_get("created_at")?),
        updated_at: from_unix(r.try_get("updated_at")?),
        revision: r.try_get::<i64, _>("revision")?.try_into().unwrap_or(u32::MAX),
    })
}

pub async fn upsert(conn: &mut SqliteConnection, rows: &[FollowUp]) -> Result<u64> {
    let mut written = 0;
    for chunk in rows.chunks(rows_per_statement(12)) {
        let mut q = QueryBuilder::new(format!("INSERT INTO follow_ups ({COLUMNS}) "));
        q.push_values(chunk, |mut b, f| {
            b.push_bind(f.id)
                .push_bind(f.visit_id)
                .push_bind(f.title.as_str())
                .push_bind(f.owner_id)
                .push_bind(f.counterpart_org_id)
                .push_bind(f.due_date.map(|d| d.format("%Y-%m-%d").to_string()))
                .push_bind(f.status)
                .push_bind(f.notes.as_str())
                .push_bind(f.uid.as_str())
                .push_bind(i64::from(f.sequence))
                .push_bind(f.created_at.timestamp())
                .push_bind(f.updated_at.timestamp());
        });
        q.push(on_conflict("follow_ups", "id", UPDATABLE, Some(FOLLOW_UP_SHOWN), true));
        written += q.build().execute(&mut *conn).await?.rows_affected();
    }
    Ok(written)
}

pub async fn get(conn: &mut SqliteConnection, id: Uuid) -> Result<FollowUp> {
    let row = sqlx::query(&format!("SELECT {COLUMNS}, revision FROM follow_ups WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found("follow-up", id))?;
    Ok(from_row(&row)?)
}

pub async fn list_for_visit(conn: &mut SqliteConnection, visit_id: Uuid) -> Result<Vec<FollowUp>> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS}, revision FROM follow_ups WHERE visit_id = ? ORDER BY {ORDER}"))
        .bind(visit_id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.iter().map(from_row).collect::<sqlx::Result<_>>()?)
}

/// Every follow-up, grouped by visit, each visit's in list order.
pub async fn list_all(conn: &mut SqliteConnection) -> Result<Vec<FollowUp>> {
    let object = format!(
        "json_object('id', hex(id), 'visit_id', hex(visit_id), 'title', title, \
         'owner_id', nullif(hex(owner_id), ''), 'counterpart_org_id', nullif(hex(counterpart_org_id), ''), \
         'due_date', due_date, 'status', status, 'notes', notes, 'uid', ical_uid, 'sequence', sequence, \
         'created_at', {}, 'updated_at', {}, 'revision', revision)",
        json_time("created_at"),
        json_time("updated_at")
    );
    let mut all: Vec<FollowUp> = json_rows(conn, &object, "follow_ups", &[]).await?;
    // The same order as ORDER: dated first by date, then title, then id.
    all.sort_unstable_by(|a, b| {
        (a.visit_id, a.due_date.is_none(), a.due_date, &a.title, a.id).cmp(&(
            b.visit_id,
            b.due_date.is_none(),
            b.due_date,
            &b.title,
            b.id,
        ))
    });
    Ok(all)
}

pub async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<()> {
    let done = sqlx::query("DELETE FROM follow_ups WHERE id = ?").bind(id).execute(&mut *conn).await?;
    if done.rows_affected() == 0 {
        return Err(Error::not_found("follow-up", id));
    }
    Ok(())
}

/// The follow-ups a person owns, on any visit.
pub async fn list_for_owner(conn: &mut SqliteConnection, owner_id: Uuid) -> Result<Vec<FollowUp>> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS}, revision FROM follow_ups WHERE owner_id = ? ORDER BY {ORDER}"))
        .bind(owner_id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.iter().map(from_row).collect::<sqlx::Result<_>>()?)
}

/// Raises the SEQUENCE of every follow-up of a visit: the visit's
/// cancellation (or its undoing) changes what each of them shows.
pub async fn bump_sequences(conn: &mut SqliteConnection, visit_id: Uuid) -> Result<()> {
    sqlx::query("UPDATE follow_ups SET sequence = sequence + 1 WHERE visit_id = ?")
        .bind(visit_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
