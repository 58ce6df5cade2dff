//! SQL for the `seating_rules` table.

use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use crate::error::Result;
use crate::seating::SeatingRules;
use crate::storage::{seating_from_columns, swaps_json, SAVE_SEATING, SEATING_COLUMNS as COLUMNS};

fn from_row(r: &sqlx::sqlite::SqliteRow) -> Result<SeatingRules> {
    seating_from_columns(
        r.try_get("honour")?,
        r.try_get("interpreter")?,
        r.try_get("table_size")?,
        r.try_get("meeting_swaps")?,
        r.try_get("banquet_swaps")?,
    )
}

pub async fn get(conn: &mut SqliteConnection, visit_id: Uuid) -> Result<Option<(SeatingRules, u32)>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS}, revision FROM seating_rules WHERE visit_id = ?"))
        .bind(visit_id)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(r) => Ok(Some((from_row(&r)?, r.try_get::<i64, _>("revision")?.try_into().unwrap_or(u32::MAX)))),
        None => Ok(None),
    }
}

pub async fn save(conn: &mut SqliteConnection, visit_id: Uuid, rules: &SeatingRules) -> Result<u32> {
    let revision: i64 = sqlx::query_scalar(&SAVE_SEATING.replace('$', "?"))
        .bind(visit_id)
        .bind(rules.honour.as_str())
        .bind(rules.interpreter.as_str())
        .bind(i64::from(rules.table_size))
        .bind(swaps_json(&rules.meeting_swaps))
        .bind(swaps_json(&rules.banquet_swaps))
        .fetch_one(&mut *conn)
        .await?;
    Ok(revision.try_into().unwrap_or(u32::MAX))
}

pub async fn all(conn: &mut SqliteConnection) -> Result<Vec<(Uuid, SeatingRules)>> {
    let rows = sqlx::query(&format!("SELECT visit_id, {COLUMNS} FROM seating_rules ORDER BY visit_id"))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| Ok((r.try_get("visit_id")?, from_row(r)?))).collect()
}
