//! SQL for `agenda_items` and `agenda_participants`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, SqliteConnection};
use uuid::Uuid;

use super::{on_conflict, rows_per_statement};
use crate::error::{Error, Result};
use crate::model::AgendaItem;
use crate::time::{format_local, from_unix, stored_zone};

const COLUMNS: &str = "id, visit_id, starts_at, ends_at, time_zone, title, kind, status, location, \
                       description, ical_uid, sequence, created_at, updated_at";

/// Columns an upsert may change (not the key, not `created_at`).
const UPDATABLE: &[&str] = &[
    "visit_id",
    "starts_at",
    "ends_at",
    "time_zone",
    "title",
    "kind",
    "status",
    "location",
    "description",
    "ical_uid",
];

/// Columns a calendar shows: a change to one raises SEQUENCE.
const AGENDA_SHOWN: &[&str] =
    &["starts_at", "ends_at", "time_zone", "title", "kind", "status", "location", "description"];

fn from_row(r: &SqliteRow) -> sqlx::Result<AgendaItem> {
    let time_zone: String = r.try_get("time_zone")?;
    let zone = stored_zone(&time_zone);
    let starts_at = from_unix(r.try_get("starts_at")?);
    let ends_at = from_unix(r.try_get("ends_at")?);
    Ok(AgendaItem {
        id: r.try_get("id")?,
        visit_id: r.try_get("visit_id")?,
        starts_at,
        ends_at,
        start_local: format_local(starts_at, zone),
        end_local: format_local(ends_at, zone),
        time_zone,
        title: r.try_get("title")?,
        kind: r.try_get("kind")?,
        status: r.try_get("status")?,
        location: r.try_get("location")?,
        description: r.try_get("description")?,
        participant_ids: Vec::new(),
        uid: r.try_get("ical_uid")?,
        sequence: r.try_get::<i64, _>("sequence")?.try_into().unwrap_or(u32::MAX),
        created_at: from_unix(r.try_get("created_at")?),
        updated_at: from_unix(r.try_get("updated_at")?),
    })
}

/// Returns how many rows were inserted or changed.
/// Inserts or updates agenda items and sets who each involves. The database
/// refuses (foreign key) a person who is not a participant of the visit.
pub async fn upsert(conn: &mut SqliteConnection, rows: &[AgendaItem]) -> Result<u64> {
    let mut written = 0;
    for chunk in rows.chunks(rows_per_statement(14)) {
        let mut q = QueryBuilder::new(format!("INSERT INTO agenda_items ({COLUMNS}) "));
        q.push_values(chunk, |mut b, a| {
            b.push_bind(a.id)
                .push_bind(a.visit_id)
                .push_bind(a.starts_at.timestamp())
                .push_bind(a.ends_at.timestamp())
                .push_bind(a.time_zone.as_str())
                .push_bind(a.title.as_str())
                .push_bind(a.kind)
                .push_bind(a.status)
                .push_bind(a.location.as_str())
                .push_bind(a.description.as_str())
                .push_bind(a.uid.as_str())
                .push_bind(i64::from(a.sequence))
                .push_bind(a.created_at.timestamp())
                .push_bind(a.updated_at.timestamp());
        });
        q.push(on_conflict("agenda_items", "id", UPDATABLE, Some(AGENDA_SHOWN), true));
        written += q.build().execute(&mut *conn).await?.rows_affected();

        // Replace the people of these items.
        let mut del = QueryBuilder::new("DELETE FROM agenda_participants WHERE agenda_item_id IN (");
        let mut sep = del.separated(", ");
        for a in chunk {
            sep.push_bind(a.id);
        }
        del.push(")");
        del.build().execute(&mut *conn).await?;
    }
    let links: Vec<(Uuid, Uuid, Uuid)> =
        rows.iter().flat_map(|a| a.participant_ids.iter().map(move |p| (a.id, a.visit_id, *p))).collect();
    for chunk in links.chunks(rows_per_statement(3)) {
        let mut q = QueryBuilder::new("INSERT INTO agenda_participants (agenda_item_id, visit_id, person_id) ");
        q.push_values(chunk, |mut b, (item, visit, person)| {
            b.push_bind(*item).push_bind(*visit).push_bind(*person);
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(written)
}

pub async fn get(conn: &mut SqliteConnection, id: Uuid) -> Result<AgendaItem> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM agenda_items WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found("agenda item", id))?;
    let mut item = from_row(&row)?;
    item.participant_ids = people_of(conn, Some(("ap.agenda_item_id = ?", id))).await?.remove(&id).unwrap_or_default();
    Ok(item)
}

/// The people of the agenda items matching `filter` (a condition on `ap` and
/// its bound key; none means every item), in precedence order.
async fn people_of(conn: &mut SqliteConnection, filter: Option<(&str, Uuid)>) -> Result<HashMap<Uuid, Vec<Uuid>>> {
    let condition = filter.map_or(String::new(), |(f, _)| format!("WHERE {f}"));
    let sql = format!(
        "SELECT ap.agenda_item_id, ap.person_id FROM agenda_participants ap \
         JOIN participants p ON p.visit_id = ap.visit_id AND p.person_id = ap.person_id {condition} \
         ORDER BY ap.agenda_item_id, CASE p.side WHEN 'host' THEN 0 ELSE 1 END, p.precedence, p.person_id"
    );
    let mut q = sqlx::query(&sql);
    if let Some((_, key)) = filter {
        q = q.bind(key);
    }
    let mut out: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for r in q.fetch_all(&mut *conn).await? {
        out.entry(r.try_get("agenda_item_id")?).or_default().push(r.try_get("person_id")?);
    }
    Ok(out)
}

/// Items from their rows, each with its people.
fn with_people(rows: &[SqliteRow], mut people: HashMap<Uuid, Vec<Uuid>>) -> Result<Vec<AgendaItem>> {
    rows.iter()
        .map(|r| {
            let mut item = from_row(r)?;
            item.participant_ids = people.remove(&item.id).unwrap_or_default();
            Ok(item)
        })
        .collect()
}

/// A visit's agenda in start order.
pub async fn list_for_visit(conn: &mut SqliteConnection, visit_id: Uuid) -> Result<Vec<AgendaItem>> {
    let rows =
        sqlx::query(&format!("SELECT {COLUMNS} FROM agenda_items WHERE visit_id = ? ORDER BY starts_at, ends_at, id"))
            .bind(visit_id)
            .fetch_all(&mut *conn)
            .await?;
    let people = people_of(conn, Some(("ap.visit_id = ?", visit_id))).await?;
    with_people(&rows, people)
}

/// Every agenda item, grouped by visit, each visit's in start order.
pub async fn list_all(conn: &mut SqliteConnection) -> Result<Vec<AgendaItem>> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM agenda_items ORDER BY visit_id, starts_at, ends_at, id"))
        .fetch_all(&mut *conn)
        .await?;
    let people = people_of(conn, None).await?;
    with_people(&rows, people)
}

/// The agenda items a person is in, on any visit, in start order.
pub async fn list_for_person(conn: &mut SqliteConnection, person_id: Uuid) -> Result<Vec<AgendaItem>> {
    let cols = COLUMNS.split(", ").map(|c| format!("a.{c}")).collect::<Vec<_>>().join(", ");
    let rows = sqlx::query(&format!(
        "SELECT {cols} FROM agenda_items a JOIN agenda_participants ap ON ap.agenda_item_id = a.id \
         WHERE ap.person_id = ? ORDER BY a.starts_at, a.ends_at, a.id"
    ))
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        let mut item = from_row(r)?;
        item.participant_ids =
            people_of(conn, Some(("ap.agenda_item_id = ?", item.id))).await?.remove(&item.id).unwrap_or_default();
        items.push(item);
    }
    Ok(items)
}

/// Raises the SEQUENCE of every agenda item of a visit: the visit's
/// cancellation (or its undoing) changes what each of them shows.
pub async fn bump_sequences(conn: &mut SqliteConnection, visit_id: Uuid) -> Result<()> {
    sqlx::query("UPDATE agenda_items SET sequence = sequence + 1 WHERE visit_id = ?")
        .bind(visit_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The agenda item that carries a calendar UID, if any.
pub async fn find_by_uid(conn: &mut SqliteConnection, uid: &str) -> Result<Option<AgendaItem>> {
    let id: Option<Uuid> = sqlx::query_scalar("SELECT id FROM agenda_items WHERE ical_uid = ?")
        .bind(uid)
        .fetch_optional(&mut *conn)
        .await?;
    match id {
        Some(id) => Ok(Some(get(conn, id).await?)),
        None => Ok(None),
    }
}

pub async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<()> {
    let done = sqlx::query("DELETE FROM agenda_items WHERE id = ?").bind(id).execute(&mut *conn).await?;
    if done.rows_affected() == 0 {
        return Err(Error::not_found("agenda item", id));
    }
    Ok(())
}

/// Another agenda item, on any visit, that one of `people` is in at the same
/// time as `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub person_id: Uuid,
    pub person_name: String,
    pub item_id: Uuid,
    pub item_title: String,
    pub visit_title: String,
}

pub async fn clashes(
    conn: &mut SqliteConnection,
    except_item: Uuid,
    people: &[Uuid],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<Clash>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::new(
        "SELECT ap.person_id, COALESCE(NULLIF(pe.name, ''), pe.native_name) AS person_name, \
                a.id AS item_id, a.title AS item_title, v.title AS visit_title \
         FROM agenda_participants ap \
         JOIN agenda_items a ON a.id = ap.agenda_item_id \
         JOIN visits v ON v.id = a.visit_id \
         JOIN people pe ON pe.id = ap.person_id \
         WHERE a.status != 'cancelled' AND a.id != ",
    );
    q.push_bind(except_item);
    q.push(" AND a.starts_at < ").push_bind(end.timestamp());
    q.push(" AND a.ends_at > ").push_bind(start.timestamp());
    q.push(" AND ap.person_id IN (");
    let mut sep = q.separated(", ");
    for p in people {
        sep.push_bind(*p);
    }
    q.push(") ORDER BY a.starts_at, a.id, person_name");
    let rows = q.build().fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            Ok(Clash {
                person_id: r.try_get("person_id")?,
                person_name: r.try_get("person_name")?,
                item_id: r.try_get("item_id")?,
                item_title: r.try_get("item_title")?,
                visit_title: r.try_get("visit_title")?,
            })
        })
        .collect::<sqlx::Result<_>>()
        .map_err(Error::from)
}
