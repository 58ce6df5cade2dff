//! SQL for the `participants` table: who is on which visit, on which side,
//! in which role and order.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, SqliteConnection};
use uuid::Uuid;

use super::{json_rows, json_rows_in, on_conflict, org_label, rows_per_statement};
use crate::error::{Error, Result};
use crate::model::{Participant, ParticipantView, Side};
use crate::storage::columns::PARTICIPANT_UPDATABLE as UPDATABLE;

/// Hosts before guests, then precedence: the order of lists and name cards.
const ORDER: &str = "CASE p.side WHEN 'host' THEN 0 ELSE 1 END, p.precedence, p.person_id";

fn from_row(r: &SqliteRow) -> sqlx::Result<Participant> {
    Ok(Participant {
        visit_id: r.try_get("visit_id")?,
        person_id: r.try_get("person_id")?,
        side: r.try_get("side")?,
        role: r.try_get("role")?,
        precedence: r.try_get::<i64, _>("precedence")?.try_into().unwrap_or(u32::MAX),
    })
}

pub async fn upsert(conn: &mut SqliteConnection, rows: &[Participant]) -> Result<u64> {
    let mut written = 0;
    for chunk in rows.chunks(rows_per_statement(5)) {
        let mut q = QueryBuilder::new("INSERT INTO participants (visit_id, person_id, side, role, precedence) ");
        q.push_values(chunk, |mut b, p| {
            b.push_bind(p.visit_id)
                .push_bind(p.person_id)
                .push_bind(p.side)
                .push_bind(p.role)
                .push_bind(i64::from(p.precedence));
        });
        q.push(on_conflict("participants", "visit_id, person_id", UPDATABLE, None, false));
        written += q.build().execute(&mut *conn).await?.rows_affected();
    }
    Ok(written)
}

pub async fn get(conn: &mut SqliteConnection, visit_id: Uuid, person_id: Uuid) -> Result<Option<Participant>> {
    let row = sqlx::query("SELECT * FROM participants WHERE visit_id = ? AND person_id = ?")
        .bind(visit_id)
        .bind(person_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.as_ref().map(from_row).transpose()?)
}

/// A visit's participants in list order.
pub async fn list_for_visit(conn: &mut SqliteConnection, visit_id: Uuid) -> Result<Vec<Participant>> {
    let rows = sqlx::query(&format!("SELECT p.* FROM participants p WHERE p.visit_id = ? ORDER BY {ORDER}"))
        .bind(visit_id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.iter().map(from_row).collect::<sqlx::Result<_>>()?)
}

/// A participant row as a JSON object, for [`json_rows`].
const JSON_OBJECT: &str = "json_object('visit_id', hex(visit_id), 'person_id', hex(person_id), 'side', side, \
                           'role', role, 'precedence', precedence)";

/// Every participant of every visit, grouped by visit, in list order.
pub async fn list_all(conn: &mut SqliteConnection) -> Result<Vec<Participant>> {
    let mut all: Vec<Participant> = json_rows(conn, JSON_OBJECT, "participants", &[]).await?;
    all.sort_unstable_by_key(|p| (p.visit_id, p.side != Side::Host, p.precedence, p.person_id));
    Ok(all)
}

/// The participants of these visits, in no particular order.
pub async fn list_for_visits(conn: &mut SqliteConnection, visit_ids: &[Uuid]) -> Result<Vec<Participant>> {
    json_rows_in(conn, JSON_OBJECT, "participants", "visit_id", visit_ids).await
}

/// A visit's participants with their names, in list order.
pub async fn views_for_visit(conn: &mut SqliteConnection, visit_id: Uuid) -> Result<Vec<ParticipantView>> {
    let rows = sqlx::query(&format!(
        "SELECT p.person_id, p.side, p.role, p.precedence, pe.name, pe.chinese_name, pe.native_name, pe.title, \
                COALESCE(NULLIF(o.acronym, ''), NULLIF(o.name, ''), NULLIF(o.chinese_name, ''), o.native_name) AS organisation, \
                o.acronym AS org_acronym, o.name AS org_name, o.chinese_name AS org_chinese_name, o.native_name AS org_native_name \
         FROM participants p JOIN people pe ON pe.id = p.person_id \
         LEFT JOIN organisations o ON o.id = pe.organisation_id \
         WHERE p.visit_id = ? ORDER BY {ORDER}"
    ))
    .bind(visit_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ParticipantView {
                person_id: r.try_get("person_id")?,
                side: r.try_get("side")?,
                role: r.try_get("role")?,
                precedence: r.try_get::<i64, _>("precedence")?.try_into().unwrap_or(u32::MAX),
                name: r.try_get("name")?,
                chinese_name: r.try_get("chinese_name")?,
                native_name: r.try_get("native_name")?,
                title: r.try_get("title")?,
                organisation: r.try_get("organisation")?,
                organisation_names: org_label(r, "org")?,
            })
        })
        .collect::<sqlx::Result<_>>()
        .map_err(Error::from)
}

pub async fn delete(conn: &mut SqliteConnection, visit_id: Uuid, person_id: Uuid) -> Result<()> {
    let done = sqlx::query("DELETE FROM participants WHERE visit_id = ? AND person_id = ?")
        .bind(visit_id)
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::not_found("participant", person_id));
    }
    Ok(())
}
