//! SQL for the `availability` table: when people cannot be booked.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, SqliteConnection};
use uuid::Uuid;

use super::{decode, on_conflict, rows_per_statement};
use crate::error::{Error, Result};
use crate::model::Availability;
use crate::storage::columns::{AVAILABILITY_COLUMNS as COLUMNS, AVAILABILITY_UPDATABLE as UPDATABLE};
use crate::time::from_unix;

fn from_row(r: &SqliteRow) -> Result<Availability> {
    let day = |c: &str| -> Result<chrono::NaiveDate> {
        let text: String = r.try_get(c)?;
        text.parse().map_err(decode)
    };
    Ok(Availability {
        id: r.try_get("id")?,
        person_id: r.try_get("person_id")?,
        kind: r.try_get("kind")?,
        first_day: day("first_day")?,
        last_day: day("last_day")?,
        from_time: r.try_get("from_time")?,
        to_time: r.try_get("to_time")?,
        time_zone: r.try_get("time_zone")?,
        note: r.try_get("note")?,
        created_at: from_unix(r.try_get("created_at")?),
        updated_at: from_unix(r.try_get("updated_at")?),
        revision: r.try_get::<i64, _>("revision")?.try_into().unwrap_or(u32::MAX),
    })
}

pub async fn upsert(conn: &mut SqliteConnection, rows: &[Availability]) -> Result<u64> {
    let mut written = 0;
    for chunk in rows.chunks(rows_per_statement(11)) {
        let mut q = QueryBuilder::new(format!("INSERT INTO availability ({COLUMNS}) "));
        q.push_values(chunk, |mut b, a| {
            b.push_bind(a.id)
                .push_bind(a.person_id)
                .push_bind(a.kind)
                .push_bind(a.first_day.format("%Y-%m-%d").to_string())
                .push_bind(a.last_day.format("%Y-%m-%d").to_string())
                .push_bind(a.from_time.as_str())
                .push_bind(a.to_time.as_str())
                .push_bind(a.time_zone.as_str())
                .push_bind(a.note.as_str())
                .push_bind(a.created_at.timestamp())
                .push_bind(a.updated_at.timestamp());
        });
        q.push(on_conflict("availability", "id", UPDATABLE, None, true));
        written += q.build().execute(&mut *conn).await?.rows_affected();
    }
    Ok(written)
}

pub async fn get(conn: &mut SqliteConnection, id: Uuid) -> Result<Availability> {
    let row = sqlx::query(&format!("SELECT {COLUMNS}, revision FROM availability WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found("availability", id))?;
    from_row(&row)
}

/// Of these people (everyone's when None), by person, then first day.
pub async fn list(conn: &mut SqliteConnection, people: Option<&[Uuid]>) -> Result<Vec<Availability>> {
    let mut q = QueryBuilder::new(format!("SELECT {COLUMNS}, revision FROM availability"));
    if let Some(people) = people {
        if people.is_empty() {
            return Ok(Vec::new());
        }
        q.push(" WHERE person_id IN (");
        let mut list = q.separated(", ");
        for p in people {
            list.push_bind(*p);
        }
        q.push(")");
    }
    q.push(" ORDER BY person_id, first_day, from_time, id");
    q.build().fetch_all(&mut *conn).await?.iter().map(from_row).collect()
}

pub async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<()> {
    let done = sqlx::query("DELETE FROM availability WHERE id = ?").bind(id).execute(&mut *conn).await?;
    if done.rows_affected() == 0 {
        return Err(Error::not_found("availability", id));
    }
    Ok(())
}
