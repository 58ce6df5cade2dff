//! SQL for the `follow_ups` table: what was agreed on a visit.

use chrono::NaiveDate;
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use uuid::Uuid;

use super::{json_rows, json_rows_in, json_time, on_conflict, org_label, rows_per_statement};
use crate::error::{Error, Result};
use crate::model::{DueWithin, FollowUp, FollowUpQuery, FollowUpRegister, FollowUpRow, PersonName};
use crate::storage::columns::{FOLLOW_UP_COLUMNS as COLUMNS, FOLLOW_UP_SHOWN, FOLLOW_UP_UPDATABLE as UPDATABLE};
use crate::storage::register::{due_range, joins_for, order_by, STILL_OPEN};
use crate::time::{format_local, from_unix, stored_zone};

/// Dated first, by date; undated last.
// Not by creation time: an export re-imported elsewhere must list them in the
// same order, and creation times are not part of the interchange file.
const ORDER: &str = "due_date IS NULL, due_date, title, id";
/// The same, of the table aliased `f`.
const ORDER_OF_F: &str = "f.due_date IS NULL, f.due_date, f.title, f.id";

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
        to_act: r.try_get("to_act")?,
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
    for chunk in rows.chunks(rows_per_statement(13)) {
        let mut q = QueryBuilder::new(format!("INSERT INTO follow_ups ({COLUMNS}) "));
        q.push_values(chunk, |mut b, f| {
            b.push_bind(f.id)
                .push_bind(f.visit_id)
                .push_bind(f.title.as_str())
                .push_bind(f.owner_id)
                .push_bind(f.counterpart_org_id)
                .push_bind(f.due_date.map(|d| d.format("%Y-%m-%d").to_string()))
                .push_bind(f.status)
                .push_bind(f.to_act)
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

/// A follow-up row as a JSON object, for [`json_rows`].
fn json_object() -> String {
    format!(
        "json_object('id', hex(id), 'visit_id', hex(visit_id), 'title', title, \
         'owner_id', nullif(hex(owner_id), ''), 'counterpart_org_id', nullif(hex(counterpart_org_id), ''), \
         'due_date', due_date, 'status', status, 'to_act', to_act, 'notes', notes, 'uid', ical_uid, 'sequence', sequence, \
         'created_at', {}, 'updated_at', {}, 'revision', revision)",
        json_time("created_at"),
        json_time("updated_at")
    )
}

/// Every follow-up, grouped by visit, each visit's in list order.
pub async fn list_all(conn: &mut SqliteConnection) -> Result<Vec<FollowUp>> {
    let mut all: Vec<FollowUp> = json_rows(conn, &json_object(), "follow_ups", &[]).await?;
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

/// The follow-ups of these visits, in no particular order.
pub async fn list_for_visits(conn: &mut SqliteConnection, visit_ids: &[Uuid]) -> Result<Vec<FollowUp>> {
    json_rows_in(conn, &json_object(), "follow_ups", "visit_id", visit_ids).await
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

/// Dates are stored as "YYYY-MM-DD" text, which sorts and compares as the
/// dates do.
fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn push_filters(q: &mut QueryBuilder<'_, Sqlite>, query: &FollowUpQuery, today: NaiveDate) {
    q.push(" WHERE 1 = 1");
    if !query.statuses.is_empty() {
        q.push(" AND f.status IN (");
        let mut list = q.separated(", ");
        for s in &query.statuses {
            list.push_bind(*s);
        }
        q.push(")");
    }
    if let Some(owner) = query.owner_id {
        q.push(" AND f.owner_id = ").push_bind(owner);
    }
    if let Some(org) = query.counterpart_org_id {
        q.push(" AND f.counterpart_org_id = ").push_bind(org);
    }
    if let Some(visit) = query.visit_id {
        q.push(" AND f.visit_id = ").push_bind(visit);
    }
    if let Some(to_act) = query.to_act {
        q.push(" AND f.to_act = ").push_bind(to_act);
    }
    match query.due {
        DueWithin::Any => {}
        DueWithin::Overdue => {
            q.push(format!(" AND f.status IN {STILL_OPEN} AND f.due_date < ")).push_bind(day(today));
        }
        DueWithin::NoDate => {
            q.push(" AND f.due_date IS NULL");
        }
        DueWithin::ThisWeek | DueWithin::ThisMonth => {
            if let Some((first, last)) = due_range(query.due, today) {
                q.push(" AND f.due_date BETWEEN ").push_bind(day(first)).push(" AND ").push_bind(day(last));
            }
        }
    }
}

pub async fn register(
    conn: &mut SqliteConnection,
    query: &FollowUpQuery,
    today: NaiveDate,
) -> Result<FollowUpRegister> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM follow_ups f");
    push_filters(&mut count, query, today);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let overdue = overdue(conn, today).await?;

    // The page's ids first, reading only what the sort needs; then the
    // rows with their names, for those ids alone. Joining every row before
    // sorting would look up three other tables for 30,000 follow-ups to
    // show fifty.
    let mut ids = QueryBuilder::new(format!("SELECT f.id FROM follow_ups f{}", joins_for(query.sort)));
    push_filters(&mut ids, query, today);
    // SQLite's lower() folds ASCII letters only, as PostgreSQL's fold does.
    ids.push(order_by(query, |e| format!("lower({e})"), ""));
    if query.limit > 0 {
        ids.push(" LIMIT ").push_bind(i64::from(query.limit));
        ids.push(" OFFSET ").push_bind(i64::from(query.offset));
    }
    let ids: Vec<Uuid> = ids.build_query_scalar().fetch_all(&mut *conn).await?;
    let rows = rows(conn, &ids, today).await?;
    Ok(FollowUpRegister { rows, total: total.try_into().unwrap_or(u32::MAX), overdue })
}

/// The register's rows of these follow-ups, in the order of `ids`.
pub async fn rows(conn: &mut SqliteConnection, ids: &[Uuid], today: NaiveDate) -> Result<Vec<FollowUpRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let cols = COLUMNS.split(", ").map(|c| format!("f.{c}")).collect::<Vec<_>>().join(", ");
    let mut q = QueryBuilder::new(format!(
        "SELECT {cols}, f.revision, v.title AS visit_title, v.starts_at AS visit_starts_at, \
         v.time_zone AS visit_time_zone, v.status AS visit_status, \
         p.id AS owner_id_found, p.name AS owner_name, p.chinese_name AS owner_chinese_name, \
         p.native_name AS owner_native_name, o.acronym AS counterpart_acronym, o.name AS counterpart_name, \
         o.chinese_name AS counterpart_chinese_name, o.native_name AS counterpart_native_name \
         FROM follow_ups f JOIN visits v ON v.id = f.visit_id \
         LEFT JOIN people p ON p.id = f.owner_id \
         LEFT JOIN organisations o ON o.id = f.counterpart_org_id WHERE f.id IN ("
    ));
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    q.push(")");
    let rows = q.build().fetch_all(&mut *conn).await?;
    let mut by_id = std::collections::HashMap::with_capacity(rows.len());
    for r in &rows {
        let follow_up = from_row(r)?;
        let zone_name: String = r.try_get("visit_time_zone")?;
        let owner = PersonName::from_columns(
            r.try_get("owner_id_found")?,
            r.try_get("owner_name")?,
            r.try_get("owner_chinese_name")?,
            r.try_get("owner_native_name")?,
        );
        let row = FollowUpRow {
            overdue: follow_up.overdue_on(today),
            visit_title: r.try_get("visit_title")?,
            visit_start_local: format_local(from_unix(r.try_get("visit_starts_at")?), stored_zone(&zone_name)),
            visit_status: r.try_get("visit_status")?,
            owner,
            counterpart: org_label(r, "counterpart")?,
            follow_up,
        };
        by_id.insert(row.follow_up.id, row);
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// The follow-ups carried into a visit, in the visits' list order.
pub async fn carried_into(conn: &mut SqliteConnection, visit_id: Uuid) -> Result<Vec<Uuid>> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT f.id FROM carried_follow_ups c JOIN follow_ups f ON f.id = c.follow_up_id \
         WHERE c.visit_id = ? ORDER BY {}",
        ORDER_OF_F
    ))
    .bind(visit_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Follow-ups still to do, agreed with one of `orgs` on a visit that started
/// before `before`, other than `visit_id` and not carried into it yet.
pub async fn open_from_earlier(
    conn: &mut SqliteConnection,
    visit_id: Uuid,
    orgs: &[Uuid],
    before: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<Uuid>> {
    if orgs.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::new(format!(
        "SELECT f.id FROM follow_ups f JOIN visits v ON v.id = f.visit_id \
         WHERE f.status IN {STILL_OPEN} AND f.visit_id != "
    ));
    q.push_bind(visit_id).push(" AND v.starts_at < ").push_bind(before.timestamp());
    q.push(" AND f.counterpart_org_id IN (");
    let mut list = q.separated(", ");
    for o in orgs {
        list.push_bind(*o);
    }
    q.push(") AND NOT EXISTS (SELECT 1 FROM carried_follow_ups c WHERE c.visit_id = ")
        .push_bind(visit_id)
        .push(" AND c.follow_up_id = f.id) ORDER BY ")
        .push(ORDER_OF_F);
    Ok(q.build_query_scalar().fetch_all(&mut *conn).await?)
}

/// Links a follow-up into a visit; false when it was linked already.
pub async fn carry(conn: &mut SqliteConnection, visit_id: Uuid, follow_up_id: Uuid) -> Result<bool> {
    let done =
        sqlx::query("INSERT INTO carried_follow_ups (visit_id, follow_up_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .bind(visit_id)
            .bind(follow_up_id)
            .execute(&mut *conn)
            .await?;
    Ok(done.rows_affected() > 0)
}

/// Unlinks it; false when it was not linked.
pub async fn uncarry(conn: &mut SqliteConnection, visit_id: Uuid, follow_up_id: Uuid) -> Result<bool> {
    let done = sqlx::query("DELETE FROM carried_follow_ups WHERE visit_id = ? AND follow_up_id = ?")
        .bind(visit_id)
        .bind(follow_up_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Every link, by visit then follow-up.
pub async fn all_carried(conn: &mut SqliteConnection) -> Result<Vec<(Uuid, Uuid)>> {
    Ok(sqlx::query_as("SELECT visit_id, follow_up_id FROM carried_follow_ups ORDER BY visit_id, follow_up_id")
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn overdue(conn: &mut SqliteConnection, today: NaiveDate) -> Result<u32> {
    let n: i64 =
        sqlx::query_scalar(&format!("SELECT count(*) FROM follow_ups WHERE status IN {STILL_OPEN} AND due_date < ?"))
            .bind(day(today))
            .fetch_one(&mut *conn)
            .await?;
    Ok(n.try_into().unwrap_or(u32::MAX))
}

/// Ids whose hex digits (without dashes) start with `prefix`.
pub async fn ids_with_prefix(conn: &mut SqliteConnection, prefix: &str) -> Result<Vec<Uuid>> {
    let pattern = format!("{}%", prefix.to_ascii_lowercase().replace('-', ""));
    Ok(sqlx::query_scalar("SELECT id FROM follow_ups WHERE lower(hex(id)) LIKE ? ORDER BY id LIMIT 10")
        .bind(pattern)
        .fetch_all(&mut *conn)
        .await?)
}
