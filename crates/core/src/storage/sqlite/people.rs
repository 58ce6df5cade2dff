//! SQL for the `people` table.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use uuid::Uuid;

use super::{
    conflict_on_fk, json_list, json_rows, json_time, on_conflict, org_label, parse_json_list, push_contains_any,
    rows_per_statement, with_list,
};
use crate::error::{Error, Result};
use crate::model::{PeoplePage, PeopleQuery, Person, PersonSummary};
use crate::problem::Problem;
use crate::storage::columns::{PERSON_COLUMNS as COLUMNS, PERSON_SEARCHED, PERSON_UPDATABLE as UPDATABLE};
use crate::time::from_unix;

fn from_row(r: &SqliteRow) -> sqlx::Result<Person> {
    Ok(Person {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        chinese_name: r.try_get("chinese_name")?,
        native_name: r.try_get("native_name")?,
        title: r.try_get("title")?,
        organisation_id: r.try_get("organisation_id")?,
        email: r.try_get("email")?,
        phone: r.try_get("phone")?,
        languages: parse_json_list(r.try_get("languages")?),
        dietary_needs: r.try_get("dietary_needs")?,
        access_needs: r.try_get("access_needs")?,
        notes: r.try_get("notes")?,
        created_at: from_unix(r.try_get("created_at")?),
        updated_at: from_unix(r.try_get("updated_at")?),
        revision: r.try_get::<i64, _>("revision")?.try_into().unwrap_or(u32::MAX),
    })
}

pub async fn upsert(conn: &mut SqliteConnection, rows: &[Person]) -> Result<u64> {
    let mut written = 0;
    for chunk in rows.chunks(rows_per_statement(14)) {
        let mut q = QueryBuilder::new(format!("INSERT INTO people ({COLUMNS}) "));
        q.push_values(chunk, |mut b, p| {
            b.push_bind(p.id)
                .push_bind(p.name.as_str())
                .push_bind(p.chinese_name.as_str())
                .push_bind(p.native_name.as_str())
                .push_bind(p.title.as_str())
                .push_bind(p.organisation_id)
                .push_bind(p.email.as_str())
                .push_bind(p.phone.as_str())
                .push_bind(json_list(&p.languages))
                .push_bind(p.dietary_needs.as_str())
                .push_bind(p.access_needs.as_str())
                .push_bind(p.notes.as_str())
                .push_bind(p.created_at.timestamp())
                .push_bind(p.updated_at.timestamp());
        });
        q.push(on_conflict("people", "id", UPDATABLE, None, true));
        written += q.build().execute(&mut *conn).await?.rows_affected();
    }
    Ok(written)
}

pub async fn get(conn: &mut SqliteConnection, id: Uuid) -> Result<Person> {
    let row = sqlx::query(&format!("SELECT {COLUMNS}, revision FROM people WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found("person", id))?;
    Ok(from_row(&row)?)
}

pub async fn exists(conn: &mut SqliteConnection, id: Uuid) -> Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM people WHERE id = ?").bind(id).fetch_optional(&mut *conn).await?;
    Ok(found.is_some())
}

/// Everyone, by romanised name (native name for those without one), as
/// SQLite's NOCASE orders: ASCII letters without case.
pub async fn list(conn: &mut SqliteConnection) -> Result<Vec<Person>> {
    let object = format!(
        "json_object('id', hex(id), 'name', name, 'chinese_name', chinese_name, 'native_name', native_name, 'title', title, \
         'organisation_id', nullif(hex(organisation_id), ''), 'email', email, 'phone', phone, \
         'languages', json(languages), 'dietary_needs', dietary_needs, 'access_needs', access_needs, \
         'notes', notes, 'created_at', {}, 'updated_at', {}, 'revision', revision)",
        json_time("created_at"),
        json_time("updated_at")
    );
    let mut people: Vec<Person> = json_rows(conn, &object, "people", &[]).await?;
    people.sort_by_cached_key(|p| {
        let name = p.names().sort_key();
        (name.to_ascii_lowercase(), p.id)
    });
    Ok(people)
}

const SEARCH_FROM: &str = " FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id";

fn push_search_filters(q: &mut QueryBuilder<'_, Sqlite>, query: &PeopleQuery) {
    q.push(" WHERE 1 = 1");
    if let Some(visit) = query.not_on_visit {
        q.push(" AND p.id NOT IN (SELECT person_id FROM participants WHERE visit_id = ").push_bind(visit).push(")");
    }
    push_contains_any(q, PERSON_SEARCHED, &query.text);
}

/// People matching `query`, in the order of [`list`].
pub async fn search(conn: &mut SqliteConnection, query: &PeopleQuery) -> Result<PeoplePage> {
    let mut count = QueryBuilder::new(format!("SELECT count(*){SEARCH_FROM}"));
    push_search_filters(&mut count, query);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;

    let mut q = QueryBuilder::new(
        "SELECT p.id, p.name, p.chinese_name, p.native_name, p.title, \
         COALESCE(NULLIF(o.acronym, ''), NULLIF(o.name, ''), NULLIF(o.chinese_name, ''), o.native_name) AS organisation, \
         o.acronym AS org_acronym, o.name AS org_name, o.chinese_name AS org_chinese_name, o.native_name AS org_native_name",
    );
    q.push(SEARCH_FROM);
    push_search_filters(&mut q, query);
    // lower() folds ASCII only, like the sort in `list`.
    q.push(" ORDER BY lower(COALESCE(NULLIF(p.name, ''), NULLIF(p.chinese_name, ''), p.native_name)), p.id");
    if query.limit > 0 {
        q.push(" LIMIT ").push_bind(i64::from(query.limit));
        q.push(" OFFSET ").push_bind(i64::from(query.offset));
    }
    let people = q
        .build()
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok(PersonSummary {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                chinese_name: r.try_get("chinese_name")?,
                native_name: r.try_get("native_name")?,
                title: r.try_get("title")?,
                organisation: r.try_get("organisation")?,
                organisation_names: org_label(r, "org")?,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok(PeoplePage { people, total: total.try_into().unwrap_or(u32::MAX) })
}

/// The people of one organisation, in the order of [`list`].
pub async fn list_for_organisation(conn: &mut SqliteConnection, organisation_id: Uuid) -> Result<Vec<Person>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS}, revision FROM people WHERE organisation_id = ? \
         ORDER BY lower(COALESCE(NULLIF(name, ''), NULLIF(chinese_name, ''), native_name)), id"
    ))
    .bind(organisation_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(from_row).collect::<sqlx::Result<_>>()?)
}

pub async fn list_by_ids(conn: &mut SqliteConnection, ids: &[Uuid]) -> Result<Vec<Person>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(rows_per_statement(1)) {
        let mut q = with_list(format!("SELECT {COLUMNS}, revision FROM people WHERE id IN "), chunk.iter().copied());
        for row in q.build().fetch_all(&mut *conn).await? {
            out.push(from_row(&row)?);
        }
    }
    out.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
    Ok(out)
}

pub async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<()> {
    let done = sqlx::query("DELETE FROM people WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(|e| conflict_on_fk(e, || Problem::PersonInUse))?;
    if done.rows_affected() == 0 {
        return Err(Error::not_found("person", id));
    }
    Ok(())
}

/// Ids of people whose id starts with `prefix` (as typed on the command line).
pub async fn ids_with_prefix(conn: &mut SqliteConnection, prefix: &str) -> Result<Vec<Uuid>> {
    let pattern = format!("{}%", prefix.to_ascii_lowercase().replace('-', ""));
    Ok(sqlx::query_scalar("SELECT id FROM people WHERE lower(hex(id)) LIKE ? ORDER BY name LIMIT 10")
        .bind(pattern)
        .fetch_all(&mut *conn)
        .await?)
}
