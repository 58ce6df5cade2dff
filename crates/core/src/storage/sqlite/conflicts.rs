//! SQL for conflicts: who is booked when, and what was acknowledged.

use std::collections::{HashMap, HashSet};

use sqlx::{QueryBuilder, Row, SqliteConnection};
use uuid::Uuid;

use super::{json_rows, rows_per_statement};
use crate::error::Result;
use crate::model::{Acknowledgement, Booking, ConflictItem, RoomBooking};
use crate::time::{format_local, from_unix, now, stored_zone};

const BOOKINGS: &str = "SELECT ap.person_id, a.id, a.visit_id, a.starts_at, a.ends_at, \
     p.role = 'interpreter' AS interpreter \
     FROM agenda_participants ap \
     JOIN agenda_items a ON a.id = ap.agenda_item_id \
     JOIN visits v ON v.id = a.visit_id \
     JOIN participants p ON p.visit_id = ap.visit_id AND p.person_id = ap.person_id \
     WHERE a.status != 'cancelled' AND v.status != 'cancelled'";

/// Every booking: the two tables read whole, one after the other, and joined
/// here. Joined in SQLite, with the visits and participants too, an item and
/// a visit are looked up for each of 200,000 rows: 0.92 s for the whole
/// benchmark set's conflicts, against 0.48 s read as two scans row by row,
/// and 0.21 s read as JSON (cargo bench -p liaison-core --bench store --
/// conflicts).
async fn all_bookings(conn: &mut SqliteConnection) -> Result<Vec<Booking>> {
    let cancelled: HashSet<Uuid> = sqlx::query_scalar("SELECT id FROM visits WHERE status = 'cancelled'")
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
    let interpreters: HashSet<(Uuid, Uuid)> =
        sqlx::query_as("SELECT visit_id, person_id FROM participants WHERE role = 'interpreter'")
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    // As JSON, not rows (see json_rows): 300,000 rows handed over one by one
    // cost more than reading them.
    let items: Vec<(Uuid, Uuid, i64, i64)> = json_rows(
        conn,
        "json_array(hex(id), hex(visit_id), starts_at, ends_at)",
        "agenda_items WHERE status != 'cancelled'",
        &[],
    )
    .await?;
    let items: HashMap<Uuid, (i64, i64)> = items
        .into_iter()
        .filter(|(_, visit, _, _)| !cancelled.contains(visit))
        .map(|(id, _, start, end)| (id, (start, end)))
        .collect();
    let links: Vec<(Uuid, Uuid, Uuid)> =
        json_rows(conn, "json_array(hex(agenda_item_id), hex(visit_id), hex(person_id))", "agenda_participants", &[])
            .await?;
    let mut out = Vec::with_capacity(links.len());
    for (item, visit, person) in links {
        if let Some(&(start, end)) = items.get(&item) {
            out.push(Booking {
                person_id: person,
                item_id: item,
                visit_id: visit,
                starts_at: from_unix(start),
                ends_at: from_unix(end),
                interpreter: interpreters.contains(&(visit, person)),
            });
        }
    }
    Ok(out)
}

pub async fn bookings(conn: &mut SqliteConnection, visit: Option<Uuid>) -> Result<Vec<Booking>> {
    let rows = match visit {
        None => return all_bookings(conn).await,
        // The visit's people, in anything that overlaps the span of the
        // visit's own items (which may lie outside its dates).
        Some(visit) => {
            sqlx::query(&format!(
                "WITH span AS (SELECT min(starts_at) AS s, max(ends_at) AS e FROM agenda_items \
                               WHERE visit_id = ?1 AND status != 'cancelled'), \
                      people AS (SELECT person_id FROM participants WHERE visit_id = ?1) \
                 {BOOKINGS} AND ap.person_id IN (SELECT person_id FROM people) \
                 AND a.starts_at < (SELECT e FROM span) AND a.ends_at > (SELECT s FROM span)"
            ))
            .bind(visit)
            .fetch_all(&mut *conn)
            .await?
        }
    };
    rows.iter()
        .map(|r| {
            Ok(Booking {
                person_id: r.try_get(0)?,
                item_id: r.try_get(1)?,
                visit_id: r.try_get(2)?,
                starts_at: from_unix(r.try_get(3)?),
                ends_at: from_unix(r.try_get(4)?),
                interpreter: r.try_get(5)?,
            })
        })
        .collect::<sqlx::Result<_>>()
        .map_err(Into::into)
}

pub async fn items(conn: &mut SqliteConnection, ids: &[Uuid]) -> Result<Vec<ConflictItem>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(rows_per_statement(1)) {
        let mut q = QueryBuilder::new(
            "SELECT a.id, a.visit_id, v.title AS visit_title, a.title, a.starts_at, a.ends_at, a.time_zone \
             FROM agenda_items a JOIN visits v ON v.id = a.visit_id WHERE a.id IN (",
        );
        let mut list = q.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        q.push(")");
        for r in q.build().fetch_all(&mut *conn).await? {
            let time_zone: String = r.try_get("time_zone")?;
            let zone = stored_zone(&time_zone);
            let starts_at = from_unix(r.try_get("starts_at")?);
            let ends_at = from_unix(r.try_get("ends_at")?);
            out.push(ConflictItem {
                id: r.try_get("id")?,
                visit_id: r.try_get("visit_id")?,
                visit_title: r.try_get("visit_title")?,
                title: r.try_get("title")?,
                start_local: format_local(starts_at, zone),
                end_local: format_local(ends_at, zone),
                starts_at,
                ends_at,
                time_zone,
            });
        }
    }
    Ok(out)
}

pub async fn acknowledgements(conn: &mut SqliteConnection) -> Result<HashMap<String, Acknowledgement>> {
    let rows = sqlx::query("SELECT key, note, actor, at FROM conflict_acknowledgements").fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("key")?,
                Acknowledgement {
                    note: r.try_get("note")?,
                    actor: r.try_get("actor")?,
                    at: from_unix(r.try_get("at")?),
                },
            ))
        })
        .collect::<sqlx::Result<_>>()
        .map_err(Into::into)
}

pub async fn acknowledge(conn: &mut SqliteConnection, key: &str, note: &str, actor: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO conflict_acknowledgements (key, note, actor, at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (key) DO UPDATE SET note = excluded.note, actor = excluded.actor, at = excluded.at",
    )
    .bind(key)
    .bind(note)
    .bind(actor)
    .bind(now().timestamp())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn unacknowledge(conn: &mut SqliteConnection, key: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM conflict_acknowledgements WHERE key = ?").bind(key).execute(&mut *conn).await?;
    Ok(done.rows_affected() > 0)
}

pub async fn room_bookings(conn: &mut SqliteConnection, visit: Option<Uuid>) -> Result<Vec<RoomBooking>> {
    // An item's people, else its visit's.
    const ROOMED: &str = "SELECT a.room_id, a.id, a.visit_id, a.starts_at, a.ends_at, \
         COALESCE(NULLIF((SELECT count(*) FROM agenda_participants ap WHERE ap.agenda_item_id = a.id), 0), \
                  (SELECT count(*) FROM participants p WHERE p.visit_id = a.visit_id)) AS people \
         FROM agenda_items a JOIN visits v ON v.id = a.visit_id \
         WHERE a.room_id IS NOT NULL AND a.status != 'cancelled' AND v.status != 'cancelled'";
    let rows = match visit {
        None => sqlx::query(ROOMED).fetch_all(&mut *conn).await?,
        Some(visit) => {
            sqlx::query(&format!(
                "WITH span AS (SELECT min(starts_at) AS s, max(ends_at) AS e FROM agenda_items \
                               WHERE visit_id = ?1 AND status != 'cancelled'), \
                      used AS (SELECT DISTINCT room_id FROM agenda_items WHERE visit_id = ?1 AND room_id IS NOT NULL) \
                 {ROOMED} AND a.room_id IN (SELECT room_id FROM used) \
                 AND a.starts_at < (SELECT e FROM span) AND a.ends_at > (SELECT s FROM span)"
            ))
            .bind(visit)
            .fetch_all(&mut *conn)
            .await?
        }
    };
    rows.iter()
        .map(|r| {
            Ok(RoomBooking {
                room_id: r.try_get(0)?,
                item_id: r.try_get(1)?,
                visit_id: r.try_get(2)?,
                starts_at: from_unix(r.try_get(3)?),
                ends_at: from_unix(r.try_get(4)?),
                people: r.try_get::<i64, _>(5)?.try_into().unwrap_or(u32::MAX),
            })
        })
        .collect::<sqlx::Result<_>>()
        .map_err(Into::into)
}
