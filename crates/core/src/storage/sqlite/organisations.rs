//! SQL for the `organisations` table.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, SqliteConnection};
use uuid::Uuid;

use super::{conflict_on_fk, on_conflict, rows_per_statement, with_list};
use crate::error::{Error, Result};
use crate::model::Organisation;
use crate::problem::Problem;
use crate::storage::columns::{ORG_COLUMNS as COLUMNS, ORG_UPDATABLE as UPDATABLE};
use crate::time::from_unix;

fn from_row(r: &SqliteRow) -> sqlx::Result<Organisation> {
    Ok(Organisation {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        chinese_name: r.try_get("chinese_name")?,
        native_name: r.try_get("native_name")?,
        acronym: r.try_get("acronym")?,
        country: r.try_get("country")?,
        kind: r.try_get("kind")?,
        notes: r.try_get("notes")?,
        created_at: from_unix(r.try_get("created_at")?),
        updated_at: from_unix(r.try_get("updated_at")?),
        revision: r.try_get::<i64, _>("revision")?.try_into().unwrap_or(u32::MAX),
    })
}

/// Inserts new organisations and updates existing ones (by id). A single
/// save and a bulk import both come through here.
pub async fn upsert(conn: &mut SqliteConnection, rows: &[Organisation]) -> Result<u64> {
    let mut written = 0;
    for chunk in rows.chunks(rows_per_statement(10)) {
        let mut q = QueryBuilder::new(format!("INSERT INTO organisations ({COLUMNS}) "));
        q.push_values(chunk, |mut b, o| {
            b.push_bind(o.id)
                .push_bind(o.name.as_str())
                .push_bind(o.chinese_name.as_str())
                .push_bind(o.native_name.as_str())
                .push_bind(o.acronym.as_str())
                .push_bind(o.country.as_str())
                .push_bind(o.kind)
                .push_bind(o.notes.as_str())
                .push_bind(o.created_at.timestamp())
                .push_bind(o.updated_at.timestamp());
        });
        q.push(on_conflict("organisations", "id", UPDATABLE, None, true));
        written += q.build().execute(&mut *conn).await?.rows_affected();
    }
    Ok(written)
}

pub async fn get(conn: &mut SqliteConnection, id: Uuid) -> Result<Organisation> {
    let row = sqlx::query(&format!("SELECT {COLUMNS}, revision FROM organisations WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found("organisation", id))?;
    Ok(from_row(&row)?)
}

pub async fn exists(conn: &mut SqliteConnection, id: Uuid) -> Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM organisations WHERE id = ?").bind(id).fetch_optional(&mut *conn).await?;
    Ok(found.is_some())
}

/// All organisations, by name.
pub async fn list(conn: &mut SqliteConnection) -> Result<Vec<Organisation>> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS}, revision FROM organisations ORDER BY COALESCE(NULLIF(name, ''), NULLIF(chinese_name, ''), native_name) COLLATE NOCASE, id"))
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.iter().map(from_row).collect::<sqlx::Result<_>>()?)
}

/// The organisations with these ids, by name; unknown ids are skipped.
pub async fn list_by_ids(conn: &mut SqliteConnection, ids: &[Uuid]) -> Result<Vec<Organisation>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(rows_per_statement(1)) {
        let mut q =
            with_list(format!("SELECT {COLUMNS}, revision FROM organisations WHERE id IN "), chunk.iter().copied());
        for row in q.build().fetch_all(&mut *conn).await? {
            out.push(from_row(&row)?);
        }
    }
    out.sort_by_cached_key(|o| (o.names().sort_key().to_ascii_lowercase(), o.id));
    Ok(out)
}

pub async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<()> {
    let done = sqlx::query("DELETE FROM organisations WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(|e| conflict_on_fk(e, || Problem::OrganisationInUse))?;
    if done.rows_affected() == 0 {
        return Err(Error::not_found("organisation", id));
    }
    Ok(())
}
