//! SQL for the `rooms` table.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, SqliteConnection};
use uuid::Uuid;

use super::{conflict_on_fk, on_conflict, rows_per_statement};
use crate::error::{Error, Result};
use crate::model::Room;
use crate::problem::Problem;
use crate::storage::columns::{ROOM_COLUMNS as COLUMNS, ROOM_UPDATABLE as UPDATABLE};
use crate::time::from_unix;

fn from_row(r: &SqliteRow) -> sqlx::Result<Room> {
    Ok(Room {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        chinese_name: r.try_get("chinese_name")?,
        building: r.try_get("building")?,
        capacity: r.try_get::<Option<i64>, _>("capacity")?.and_then(|c| c.try_into().ok()),
        equipment: r.try_get("equipment")?,
        notes: r.try_get("notes")?,
        created_at: from_unix(r.try_get("created_at")?),
        updated_at: from_unix(r.try_get("updated_at")?),
        revision: r.try_get::<i64, _>("revision")?.try_into().unwrap_or(u32::MAX),
    })
}

pub async fn upsert(conn: &mut SqliteConnection, rows: &[Room]) -> Result<u64> {
    let mut written = 0;
    for chunk in rows.chunks(rows_per_statement(9)) {
        let mut q = QueryBuilder::new(format!("INSERT INTO rooms ({COLUMNS}) "));
        q.push_values(chunk, |mut b, r| {
            b.push_bind(r.id)
                .push_bind(r.name.as_str())
                .push_bind(r.chinese_name.as_str())
                .push_bind(r.building.as_str())
                .push_bind(r.capacity.map(i64::from))
                .push_bind(r.equipment.as_str())
                .push_bind(r.notes.as_str())
                .push_bind(r.created_at.timestamp())
                .push_bind(r.updated_at.timestamp());
        });
        q.push(on_conflict("rooms", "id", UPDATABLE, None, true));
        written += q.build().execute(&mut *conn).await?.rows_affected();
    }
    Ok(written)
}

pub async fn get(conn: &mut SqliteConnection, id: Uuid) -> Result<Room> {
    let row = sqlx::query(&format!("SELECT {COLUMNS}, revision FROM rooms WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found("room", id))?;
    Ok(from_row(&row)?)
}

pub async fn list(conn: &mut SqliteConnection) -> Result<Vec<Room>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS}, revision FROM rooms ORDER BY name COLLATE NOCASE, name, chinese_name, id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(from_row).collect::<sqlx::Result<_>>()?)
}

pub async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<()> {
    let done = sqlx::query("DELETE FROM rooms WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(|e| conflict_on_fk(e, || Problem::RoomInUse))?;
    if done.rows_affected() == 0 {
        return Err(Error::not_found("room", id));
    }
    Ok(())
}
