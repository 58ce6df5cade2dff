//! SQL for the `visa_details` table (the statements are shared with
//! PostgreSQL: see `storage::SAVE_VISA`).

use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use crate::error::Result;
use crate::storage::{visa_from_columns, SAVE_VISA, VISA_OF_VISIT};
use crate::visa::VisaDetails;

pub async fn of_visit(conn: &mut SqliteConnection, visit_id: Uuid) -> Result<Vec<VisaDetails>> {
    let rows = sqlx::query(&VISA_OF_VISIT.replace('$', "?")).bind(visit_id).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            let texts = ["passport_name", "gender", "nationality", "passport_number", "relationship", "expenses"]
                .map(|c| r.try_get::<String, _>(c));
            let [a, b, c, d, e, f] = texts;
            visa_from_columns(
                r.try_get("visit_id")?,
                r.try_get("person_id")?,
                [a?, b?, c?, d?, e?, f?],
                r.try_get("date_of_birth")?,
                r.try_get("passport_expiry")?,
                r.try_get("revision")?,
            )
        })
        .collect()
}

pub async fn save(conn: &mut SqliteConnection, d: &VisaDetails) -> Result<u32> {
    let revision: i64 = sqlx::query_scalar(&SAVE_VISA.replace('$', "?"))
        .bind(d.visit_id)
        .bind(d.person_id)
        .bind(&d.passport_name)
        .bind(&d.gender)
        .bind(&d.nationality)
        .bind(d.date_of_birth.format("%Y-%m-%d").to_string())
        .bind(&d.passport_number)
        .bind(d.passport_expiry.map(|e| e.format("%Y-%m-%d").to_string()))
        .bind(&d.relationship)
        .bind(&d.expenses)
        .fetch_one(&mut *conn)
        .await?;
    Ok(revision.try_into().unwrap_or(u32::MAX))
}

pub async fn delete(conn: &mut SqliteConnection, visit_id: Uuid, person_id: Option<Uuid>) -> Result<u64> {
    let done = match person_id {
        Some(p) => sqlx::query("DELETE FROM visa_details WHERE visit_id = ? AND person_id = ?").bind(visit_id).bind(p),
        None => sqlx::query("DELETE FROM visa_details WHERE visit_id = ?").bind(visit_id),
    }
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}
