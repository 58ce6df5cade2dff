//! The storage contract in PostgreSQL's SQL.
//!
//! Orders that involve text compare bytes (`COLLATE "C"`, ASCII letters
//! folded by `fold`), as the local file does, so that both backends list the
//! same records in the same order and export the same bytes.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::pool::PoolConnection;
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Postgres, QueryBuilder, Row, Transaction};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::*;
use crate::problem::Problem;
use crate::seating::SeatingRules;
use crate::storage::columns::*;
use crate::storage::register::{due_range, joins_for, order_by, STILL_OPEN};
use crate::storage::{
    like_contains, order_people, seating_from_columns, sort_by_visit, swaps_json, visa_from_columns, AgendaKey,
    HistoryOf, NewHistory, Session, Table, UidTable, ZoneSpan, SAVE_SEATING, SAVE_VISA, SEATING_COLUMNS, VISA_OF_VISIT,
};
use crate::time::{format_local, from_unix, stored_zone};
use crate::visa::VisaDetails;

enum Conn {
    Pooled(PoolConnection<Postgres>),
    Transaction(Transaction<'static, Postgres>),
}

pub(crate) struct PgSession {
    conn: Conn,
    /// A transaction that may write, which brings the search index up to
    /// date before it commits.
    writes: bool,
}

impl PgSession {
    pub(super) fn pooled(c: PoolConnection<Postgres>) -> Self {
        Self { conn: Conn::Pooled(c), writes: false }
    }

    pub(super) fn transaction(t: Transaction<'static, Postgres>, writes: bool) -> Self {
        Self { conn: Conn::Transaction(t), writes }
    }

    fn c(&mut self) -> &mut PgConnection {
        match &mut self.conn {
            Conn::Pooled(c) => c,
            Conn::Transaction(t) => t,
        }
    }
}

/// PostgreSQL takes at most 65,535 bound values in one statement.
fn rows_per_statement(columns: usize) -> usize {
    (65_000 / columns).max(1)
}

/// Liaison keeps instants to the second; a value with a fraction (from a
/// file) is stored as the local file stores it, so both read back alike.
fn second(t: DateTime<Utc>) -> DateTime<Utc> {
    from_unix(t.timestamp())
}

/// A closed set's value, stored as its text.
fn parsed<T: FromStr<Err = String>>(r: &PgRow, column: &str) -> sqlx::Result<T> {
    let text: String = r.try_get(column)?;
    text.parse().map_err(|e: String| sqlx::Error::ColumnDecode { index: column.into(), source: e.into() })
}

fn count_of(r: &PgRow, column: &str) -> sqlx::Result<u32> {
    Ok(r.try_get::<i64, _>(column)?.try_into().unwrap_or(u32::MAX))
}

/// ASCII letters folded to lower case, nothing else: the local file's NOCASE.
fn fold(expr: &str) -> String {
    format!("translate({expr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE \"C\"")
}

/// `ON CONFLICT (key) DO UPDATE` that leaves a row untouched when nothing in
/// it changed; `sequence` as the local file's upsert keeps it (never down,
/// up by one when a shown column changed without the writer raising it).
fn on_conflict(table: &str, key: &str, columns: &[&str], sequence: Option<&[&str]>, updated_at: bool) -> String {
    on_conflict_also(table, key, columns, sequence, None, updated_at)
}

/// [`on_conflict`] where `also`, an SQL condition on the stored row, counts
/// as a change a calendar shows though no column of the row changed: an
/// agenda item whose people changed (they are rows of another table).
fn on_conflict_also(
    table: &str,
    key: &str,
    columns: &[&str],
    sequence: Option<&[&str]>,
    also: Option<&str>,
    updated_at: bool,
) -> String {
    let tuple =
        |prefix: &str, cols: &[&str]| cols.iter().map(|c| format!("{prefix}.{c}")).collect::<Vec<_>>().join(", ");
    let row = |prefix: &str, cols: &[&str]| {
        if cols.len() == 1 {
            tuple(prefix, cols)
        } else {
            format!("ROW({})", tuple(prefix, cols))
        }
    };
    let mut set: Vec<String> = columns.iter().map(|c| format!("{c} = excluded.{c}")).collect();
    let mut changed = format!("{} IS DISTINCT FROM {}", row(table, columns), row("excluded", columns));
    if let Some(shown) = sequence {
        let mut shown_changed = format!("{} IS DISTINCT FROM {}", row(table, shown), row("excluded", shown));
        if let Some(also) = also {
            shown_changed = format!("{shown_changed} OR {also}");
            changed = format!("{changed} OR {also}");
        }
        set.push(format!(
            "sequence = CASE WHEN excluded.sequence <= {table}.sequence AND ({shown_changed}) \
             THEN {table}.sequence + 1 ELSE GREATEST(excluded.sequence, {table}.sequence) END"
        ));
        changed = format!("{changed} OR excluded.sequence > {table}.sequence");
    }
    if updated_at {
        set.push("updated_at = excluded.updated_at".into());
    }
    format!(" ON CONFLICT ({key}) DO UPDATE SET {} WHERE {changed}", set.join(", "))
}

/// A foreign-key refusal in words a person understands.
fn conflict_on_fk(e: sqlx::Error, message: impl FnOnce() -> Problem) -> Error {
    match &e {
        sqlx::Error::Database(d) if d.is_foreign_key_violation() => Error::Conflict(message()),
        _ => Error::from(e),
    }
}

/// ` AND (col ILIKE $n OR …)` for blank-trimmed `text`.
fn push_contains_any(q: &mut QueryBuilder<'_, Postgres>, columns: &[&str], text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let pattern = like_contains(text);
    q.push(" AND (");
    for (i, col) in columns.iter().enumerate() {
        if i > 0 {
            q.push(" OR ");
        }
        q.push(*col).push(" ILIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'");
    }
    q.push(")");
}

// ----- organisations -------------------------------------------------------

/// An organisation's label from the columns PREFIX_acronym, PREFIX_name,
/// PREFIX_chinese_name and PREFIX_native_name of a LEFT JOIN.
fn org_label(r: &PgRow, prefix: &str) -> sqlx::Result<Option<OrgLabel>> {
    let col = |c: &str| r.try_get::<Option<String>, _>(format!("{prefix}_{c}").as_str());
    Ok(OrgLabel::from_columns(col("acronym")?, col("name")?, col("chinese_name")?, col("native_name")?))
}

fn org_row(r: &PgRow) -> sqlx::Result<Organisation> {
    Ok(Organisation {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        chinese_name: r.try_get("chinese_name")?,
        native_name: r.try_get("native_name")?,
        acronym: r.try_get("acronym")?,
        country: r.try_get("country")?,
        kind: parsed(r, "kind")?,
        notes: r.try_get("notes")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        revision: count_of(r, "revision")?,
    })
}

fn sort_orgs(out: &mut [Organisation]) {
    out.sort_by_cached_key(|o| (o.names().sort_key().to_ascii_lowercase(), o.id));
}

// ----- people ----------------------------------------------------------------

fn person_row(r: &PgRow) -> sqlx::Result<Person> {
    Ok(Person {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        chinese_name: r.try_get("chinese_name")?,
        native_name: r.try_get("native_name")?,
        title: r.try_get("title")?,
        organisation_id: r.try_get("organisation_id")?,
        email: r.try_get("email")?,
        phone: r.try_get("phone")?,
        languages: r.try_get("languages")?,
        dietary_needs: r.try_get("dietary_needs")?,
        access_needs: r.try_get("access_needs")?,
        notes: r.try_get("notes")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        revision: count_of(r, "revision")?,
    })
}

/// By the name that sorts (crate::names::Names::sort_key), ASCII case folded.
fn person_key() -> String {
    fold("COALESCE(NULLIF(name, ''), NULLIF(chinese_name, ''), native_name)")
}

fn sort_people(out: &mut [Person]) {
    out.sort_by_cached_key(|p| {
        let name = p.names().sort_key();
        (name.to_ascii_lowercase(), p.id)
    });
}

const SEARCH_FROM: &str = " FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id";

fn push_search_filters(q: &mut QueryBuilder<'_, Postgres>, query: &PeopleQuery) {
    q.push(" WHERE TRUE");
    if let Some(visit) = query.not_on_visit {
        q.push(" AND p.id NOT IN (SELECT person_id FROM participants WHERE visit_id = ").push_bind(visit).push(")");
    }
    push_contains_any(q, PERSON_SEARCHED, &query.text);
}

// ----- visits ------------------------------------------------------------------

fn visit_row(r: &PgRow) -> sqlx::Result<Visit> {
    let time_zone: String = r.try_get("time_zone")?;
    let zone = stored_zone(&time_zone);
    let starts_at: DateTime<Utc> = r.try_get("starts_at")?;
    let ends_at: DateTime<Utc> = r.try_get("ends_at")?;
    Ok(Visit {
        id: r.try_get("id")?,
        kind: parsed(r, "kind")?,
        title: r.try_get("title")?,
        purpose: r.try_get("purpose")?,
        status: parsed(r, "status")?,
        host_org_id: r.try_get("host_org_id")?,
        guest_org_id: r.try_get("guest_org_id")?,
        starts_at,
        ends_at,
        start_local: format_local(starts_at, zone),
        end_local: format_local(ends_at, zone),
        time_zone,
        venue: r.try_get("venue")?,
        online_link: r.try_get("online_link")?,
        notes: r.try_get("notes")?,
        minutes: r.try_get("minutes")?,
        topics: r.try_get("topics")?,
        uid: r.try_get("ical_uid")?,
        sequence: count_of(r, "sequence")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        revision: count_of(r, "revision")?,
    })
}

fn push_visit_filters(q: &mut QueryBuilder<'_, Postgres>, query: &VisitQuery, now: DateTime<Utc>) {
    q.push(" WHERE TRUE");
    match query.scope {
        VisitScope::All => {}
        VisitScope::Upcoming => {
            q.push(" AND v.status != 'draft' AND v.ends_at >= ").push_bind(second(now));
        }
        VisitScope::Past => {
            q.push(" AND v.status != 'draft' AND v.ends_at < ").push_bind(second(now));
        }
        VisitScope::Drafts => {
            q.push(" AND v.status = 'draft'");
        }
    }
    if let Some(kind) = query.kind {
        q.push(" AND v.kind = ").push_bind(kind.as_str());
    }
    if let Some(status) = query.status {
        q.push(" AND v.status = ").push_bind(status.as_str());
    }
    push_contains_any(q, VISIT_SEARCHED, &query.text);
}

// ----- participants ------------------------------------------------------------

/// Hosts before guests, then precedence: the order of lists and name cards.
const PARTICIPANT_ORDER: &str = "CASE p.side WHEN 'host' THEN 0 ELSE 1 END, p.precedence, p.person_id";

fn participant_row(r: &PgRow) -> sqlx::Result<Participant> {
    Ok(Participant {
        visit_id: r.try_get("visit_id")?,
        person_id: r.try_get("person_id")?,
        side: parsed(r, "side")?,
        role: parsed(r, "role")?,
        precedence: count_of(r, "precedence")?,
    })
}

// ----- agenda ------------------------------------------------------------------

/// The people of the item on each row, in precedence order (hosts first).
///
/// Each link's participant is looked up by its key in a subquery of its
/// own, not joined: a join here is planned from the tables' statistics, and
/// in the minute after a large import, before autovacuum has analysed
/// them, PostgreSQL took each item for a thousand links and hashed the
/// whole participants table for every item (reading the 6,310 items of a
/// 100,000-item import took 45 s, against 0.4 s so). A lookup by the
/// primary key is planned the same whatever the statistics say.
const AGENDA_PEOPLE: &str = "(SELECT coalesce(array_agg(ap.person_id \
        ORDER BY (SELECT (CASE p.side WHEN 'host' THEN 0 ELSE 1 END, p.precedence) FROM participants p \
                  WHERE p.visit_id = ap.visit_id AND p.person_id = ap.person_id), ap.person_id), '{}') \
    FROM agenda_participants ap \
    WHERE ap.agenda_item_id = a.id)";

/// The item's chair and its speakers in speaking order; each reads one of
/// the partial indexes of migration 0013.
const AGENDA_PARTS: &str = "(SELECT ap.person_id FROM agenda_participants ap \
        WHERE ap.agenda_item_id = a.id AND ap.chairs) AS chair, \
    (SELECT coalesce(array_agg(ap.person_id ORDER BY ap.speaks_at), '{}') FROM agenda_participants ap \
        WHERE ap.agenda_item_id = a.id AND ap.speaks_at IS NOT NULL) AS speakers";

fn agenda_select(people: &str) -> String {
    let cols = AGENDA_COLUMNS.split(", ").map(|c| format!("a.{c}")).collect::<Vec<_>>().join(", ");
    format!("SELECT {cols}, a.revision, {people} AS people, {AGENDA_PARTS} FROM agenda_items a")
}

fn agenda_row(r: &PgRow) -> sqlx::Result<AgendaItem> {
    let time_zone: String = r.try_get("time_zone")?;
    let zone = stored_zone(&time_zone);
    let starts_at: DateTime<Utc> = r.try_get("starts_at")?;
    let ends_at: DateTime<Utc> = r.try_get("ends_at")?;
    Ok(AgendaItem {
        id: r.try_get("id")?,
        visit_id: r.try_get("visit_id")?,
        starts_at,
        ends_at,
        start_local: format_local(starts_at, zone),
        end_local: format_local(ends_at, zone),
        time_zone,
        title: r.try_get("title")?,
        kind: parsed(r, "kind")?,
        status: parsed(r, "status")?,
        location: r.try_get("location")?,
        description: r.try_get("description")?,
        participant_ids: r.try_get("people")?,
        chair_id: r.try_get("chair")?,
        speaker_ids: r.try_get("speakers")?,
        room_id: r.try_get("room_id")?,
        position: count_of(r, "position")?,
        uid: r.try_get("ical_uid")?,
        sequence: count_of(r, "sequence")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        revision: count_of(r, "revision")?,
    })
}

// ----- follow-ups ----------------------------------------------------------------

/// Dated first, by date; undated last; then title (bytes), then id.
const FOLLOW_UP_ORDER: &str = "due_date IS NULL, due_date, title COLLATE \"C\", id";
/// The same, of the table aliased `f`.
const FOLLOW_UP_ORDER_OF_F: &str = "f.due_date IS NULL, f.due_date, f.title COLLATE \"C\", f.id";

fn follow_up_row(r: &PgRow) -> sqlx::Result<FollowUp> {
    Ok(FollowUp {
        id: r.try_get("id")?,
        visit_id: r.try_get("visit_id")?,
        title: r.try_get("title")?,
        owner_id: r.try_get("owner_id")?,
        counterpart_org_id: r.try_get("counterpart_org_id")?,
        due_date: r.try_get("due_date")?,
        status: parsed(r, "status")?,
        to_act: parsed(r, "to_act")?,
        notes: r.try_get("notes")?,
        uid: r.try_get("ical_uid")?,
        sequence: count_of(r, "sequence")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        revision: count_of(r, "revision")?,
    })
}

fn push_follow_up_filters(q: &mut QueryBuilder<'_, Postgres>, query: &FollowUpQuery, today: NaiveDate) {
    q.push(" WHERE true");
    if !query.statuses.is_empty() {
        q.push(" AND f.status = ANY(")
            .push_bind(query.statuses.iter().map(|s| s.as_str().to_owned()).collect::<Vec<_>>())
            .push(")");
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
        q.push(" AND f.to_act = ").push_bind(to_act.as_str());
    }
    match query.due {
        DueWithin::Any => {}
        DueWithin::Overdue => {
            q.push(format!(" AND f.status IN {STILL_OPEN} AND f.due_date < ")).push_bind(today);
        }
        DueWithin::NoDate => {
            q.push(" AND f.due_date IS NULL");
        }
        DueWithin::ThisWeek | DueWithin::ThisMonth => {
            if let Some((first, last)) = due_range(query.due, today) {
                q.push(" AND f.due_date BETWEEN ").push_bind(first).push(" AND ").push_bind(last);
            }
        }
    }
}

fn availability_row(r: &PgRow) -> sqlx::Result<Availability> {
    Ok(Availability {
        id: r.try_get("id")?,
        person_id: r.try_get("person_id")?,
        kind: parsed(r, "kind")?,
        first_day: r.try_get("first_day")?,
        last_day: r.try_get("last_day")?,
        from_time: r.try_get("from_time")?,
        to_time: r.try_get("to_time")?,
        time_zone: r.try_get("time_zone")?,
        note: r.try_get("note")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        revision: count_of(r, "revision")?,
    })
}

fn room_row(r: &PgRow) -> sqlx::Result<Room> {
    Ok(Room {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        chinese_name: r.try_get("chinese_name")?,
        building: r.try_get("building")?,
        capacity: r.try_get::<Option<i64>, _>("capacity")?.and_then(|c| c.try_into().ok()),
        equipment: r.try_get("equipment")?,
        notes: r.try_get("notes")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        revision: count_of(r, "revision")?,
    })
}

fn all<T>(rows: &[PgRow], f: fn(&PgRow) -> sqlx::Result<T>) -> Result<Vec<T>> {
    Ok(rows.iter().map(f).collect::<sqlx::Result<_>>()?)
}

#[async_trait]
impl Session for PgSession {
    async fn commit(mut self: Box<Self>) -> Result<()> {
        if self.writes {
            crate::search::refresh(&mut *self).await?;
        }
        match self.conn {
            Conn::Pooled(_) => Ok(()),
            Conn::Transaction(t) => Ok(t.commit().await?),
        }
    }

    async fn rollback(self: Box<Self>) -> Result<()> {
        match self.conn {
            Conn::Pooled(_) => Ok(()),
            Conn::Transaction(t) => Ok(t.rollback().await?),
        }
    }

    // ----- organisations ------------------------------------------------

    async fn upsert_organisations(&mut self, rows: &[Organisation]) -> Result<u64> {
        let mut written = 0;
        for chunk in rows.chunks(rows_per_statement(10)) {
            let mut q = QueryBuilder::new(format!("INSERT INTO organisations ({ORG_COLUMNS}) "));
            q.push_values(chunk, |mut b, o| {
                b.push_bind(o.id)
                    .push_bind(o.name.as_str())
                    .push_bind(o.chinese_name.as_str())
                    .push_bind(o.native_name.as_str())
                    .push_bind(o.acronym.as_str())
                    .push_bind(o.country.as_str())
                    .push_bind(o.kind.as_str())
                    .push_bind(o.notes.as_str())
                    .push_bind(second(o.created_at))
                    .push_bind(second(o.updated_at));
            });
            q.push(on_conflict("organisations", "id", ORG_UPDATABLE, None, true));
            written += q.build().execute(self.c()).await?.rows_affected();
        }
        Ok(written)
    }

    async fn organisation(&mut self, id: Uuid) -> Result<Organisation> {
        let row = sqlx::query(&format!("SELECT {ORG_COLUMNS}, revision FROM organisations WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.c())
            .await?
            .ok_or_else(|| Error::not_found("organisation", id))?;
        Ok(org_row(&row)?)
    }

    async fn organisation_exists(&mut self, id: Uuid) -> Result<bool> {
        Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM organisations WHERE id = $1)")
            .bind(id)
            .fetch_one(self.c())
            .await?)
    }

    async fn organisations(&mut self) -> Result<Vec<Organisation>> {
        let rows =
            sqlx::query(&format!("SELECT {ORG_COLUMNS}, revision FROM organisations")).fetch_all(self.c()).await?;
        let mut out = all(&rows, org_row)?;
        sort_orgs(&mut out);
        Ok(out)
    }

    async fn organisations_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Organisation>> {
        let rows = sqlx::query(&format!("SELECT {ORG_COLUMNS}, revision FROM organisations WHERE id = ANY($1)"))
            .bind(ids)
            .fetch_all(self.c())
            .await?;
        let mut out = all(&rows, org_row)?;
        // As the local file orders them: by name, all letters lower-cased.
        out.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    async fn delete_organisation(&mut self, id: Uuid) -> Result<()> {
        let done = sqlx::query("DELETE FROM organisations WHERE id = $1")
            .bind(id)
            .execute(self.c())
            .await
            .map_err(|e| conflict_on_fk(e, || Problem::OrganisationInUse))?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("organisation", id));
        }
        Ok(())
    }

    // ----- availability ------------------------------------------------------

    async fn upsert_availability(&mut self, rows: &[Availability]) -> Result<u64> {
        let mut written = 0;
        for chunk in rows.chunks(rows_per_statement(11)) {
            let mut q = QueryBuilder::new(format!("INSERT INTO availability ({AVAILABILITY_COLUMNS}) "));
            q.push_values(chunk, |mut b, a| {
                b.push_bind(a.id)
                    .push_bind(a.person_id)
                    .push_bind(a.kind.as_str())
                    .push_bind(a.first_day)
                    .push_bind(a.last_day)
                    .push_bind(a.from_time.as_str())
                    .push_bind(a.to_time.as_str())
                    .push_bind(a.time_zone.as_str())
                    .push_bind(a.note.as_str())
                    .push_bind(second(a.created_at))
                    .push_bind(second(a.updated_at));
            });
            q.push(on_conflict("availability", "id", AVAILABILITY_UPDATABLE, None, true));
            written += q.build().execute(self.c()).await?.rows_affected();
        }
        Ok(written)
    }

    async fn availability(&mut self, id: Uuid) -> Result<Availability> {
        let row = sqlx::query(&format!("SELECT {AVAILABILITY_COLUMNS}, revision FROM availability WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.c())
            .await?
            .ok_or_else(|| Error::not_found("availability", id))?;
        Ok(availability_row(&row)?)
    }

    async fn availability_of(&mut self, people: Option<&[Uuid]>) -> Result<Vec<Availability>> {
        let order = "ORDER BY person_id, first_day, from_time COLLATE \"C\", id";
        let rows = match people {
            None => {
                sqlx::query(&format!("SELECT {AVAILABILITY_COLUMNS}, revision FROM availability {order}"))
                    .fetch_all(self.c())
                    .await?
            }
            Some(people) => {
                sqlx::query(&format!(
                    "SELECT {AVAILABILITY_COLUMNS}, revision FROM availability WHERE person_id = ANY($1) {order}"
                ))
                .bind(people)
                .fetch_all(self.c())
                .await?
            }
        };
        all(&rows, availability_row)
    }

    async fn delete_availability(&mut self, id: Uuid) -> Result<()> {
        let done = sqlx::query("DELETE FROM availability WHERE id = $1").bind(id).execute(self.c()).await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("availability", id));
        }
        Ok(())
    }

    // ----- rooms -------------------------------------------------------------

    async fn upsert_rooms(&mut self, rows: &[Room]) -> Result<u64> {
        let mut written = 0;
        for chunk in rows.chunks(rows_per_statement(9)) {
            let mut q = QueryBuilder::new(format!("INSERT INTO rooms ({ROOM_COLUMNS}) "));
            q.push_values(chunk, |mut b, r| {
                b.push_bind(r.id)
                    .push_bind(r.name.as_str())
                    .push_bind(r.chinese_name.as_str())
                    .push_bind(r.building.as_str())
                    .push_bind(r.capacity.map(i64::from))
                    .push_bind(r.equipment.as_str())
                    .push_bind(r.notes.as_str())
                    .push_bind(second(r.created_at))
                    .push_bind(second(r.updated_at));
            });
            q.push(on_conflict("rooms", "id", ROOM_UPDATABLE, None, true));
            written += q.build().execute(self.c()).await?.rows_affected();
        }
        Ok(written)
    }

    async fn room(&mut self, id: Uuid) -> Result<Room> {
        let row = sqlx::query(&format!("SELECT {ROOM_COLUMNS}, revision FROM rooms WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.c())
            .await?
            .ok_or_else(|| Error::not_found("room", id))?;
        Ok(room_row(&row)?)
    }

    async fn rooms(&mut self) -> Result<Vec<Room>> {
        let rows = sqlx::query(&format!(
            "SELECT {ROOM_COLUMNS}, revision FROM rooms ORDER BY {}, name COLLATE \"C\", chinese_name COLLATE \"C\", id",
            fold("name")
        ))
        .fetch_all(self.c())
        .await?;
        all(&rows, room_row)
    }

    async fn delete_room(&mut self, id: Uuid) -> Result<()> {
        let done = sqlx::query("DELETE FROM rooms WHERE id = $1")
            .bind(id)
            .execute(self.c())
            .await
            .map_err(|e| conflict_on_fk(e, || Problem::RoomInUse))?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("room", id));
        }
        Ok(())
    }

    // ----- people ------------------------------------------------------------

    async fn upsert_people(&mut self, rows: &[Person]) -> Result<u64> {
        let mut written = 0;
        for chunk in rows.chunks(rows_per_statement(14)) {
            let mut q = QueryBuilder::new(format!("INSERT INTO people ({PERSON_COLUMNS}) "));
            q.push_values(chunk, |mut b, p| {
                b.push_bind(p.id)
                    .push_bind(p.name.as_str())
                    .push_bind(p.chinese_name.as_str())
                    .push_bind(p.native_name.as_str())
                    .push_bind(p.title.as_str())
                    .push_bind(p.organisation_id)
                    .push_bind(p.email.as_str())
                    .push_bind(p.phone.as_str())
                    .push_bind(p.languages.clone())
                    .push_bind(p.dietary_needs.as_str())
                    .push_bind(p.access_needs.as_str())
                    .push_bind(p.notes.as_str())
                    .push_bind(second(p.created_at))
                    .push_bind(second(p.updated_at));
            });
            q.push(on_conflict("people", "id", PERSON_UPDATABLE, None, true));
            written += q.build().execute(self.c()).await?.rows_affected();
        }
        Ok(written)
    }

    async fn person(&mut self, id: Uuid) -> Result<Person> {
        let row = sqlx::query(&format!("SELECT {PERSON_COLUMNS}, revision FROM people WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.c())
            .await?
            .ok_or_else(|| Error::not_found("person", id))?;
        Ok(person_row(&row)?)
    }

    async fn person_exists(&mut self, id: Uuid) -> Result<bool> {
        Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM people WHERE id = $1)")
            .bind(id)
            .fetch_one(self.c())
            .await?)
    }

    async fn people(&mut self) -> Result<Vec<Person>> {
        let rows = sqlx::query(&format!("SELECT {PERSON_COLUMNS}, revision FROM people")).fetch_all(self.c()).await?;
        let mut out = all(&rows, person_row)?;
        sort_people(&mut out);
        Ok(out)
    }

    async fn search_people(&mut self, query: &PeopleQuery) -> Result<PeoplePage> {
        let mut count = QueryBuilder::new(format!("SELECT count(*){SEARCH_FROM}"));
        push_search_filters(&mut count, query);
        let total: i64 = count.build_query_scalar().fetch_one(self.c()).await?;
        let mut q = QueryBuilder::new(
            "SELECT p.id, p.name, p.chinese_name, p.native_name, p.title, \
             COALESCE(NULLIF(o.acronym, ''), NULLIF(o.name, ''), NULLIF(o.chinese_name, ''), o.native_name) AS organisation, \
             o.acronym AS org_acronym, o.name AS org_name, o.chinese_name AS org_chinese_name, o.native_name AS org_native_name",
        );
        q.push(SEARCH_FROM);
        push_search_filters(&mut q, query);
        q.push(format!(
            " ORDER BY {}, p.id",
            fold("COALESCE(NULLIF(p.name, ''), NULLIF(p.chinese_name, ''), p.native_name)")
        ));
        if query.limit > 0 {
            q.push(" LIMIT ").push_bind(i64::from(query.limit));
            q.push(" OFFSET ").push_bind(i64::from(query.offset));
        }
        let rows = q.build().fetch_all(self.c()).await?;
        let people = rows
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

    async fn people_of_organisation(&mut self, organisation_id: Uuid) -> Result<Vec<Person>> {
        let rows = sqlx::query(&format!(
            "SELECT {PERSON_COLUMNS}, revision FROM people WHERE organisation_id = $1 ORDER BY {}, id",
            person_key()
        ))
        .bind(organisation_id)
        .fetch_all(self.c())
        .await?;
        all(&rows, person_row)
    }

    async fn people_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Person>> {
        let rows = sqlx::query(&format!("SELECT {PERSON_COLUMNS}, revision FROM people WHERE id = ANY($1)"))
            .bind(ids)
            .fetch_all(self.c())
            .await?;
        let mut out = all(&rows, person_row)?;
        out.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    async fn delete_person(&mut self, id: Uuid) -> Result<()> {
        let done = sqlx::query("DELETE FROM people WHERE id = $1")
            .bind(id)
            .execute(self.c())
            .await
            .map_err(|e| conflict_on_fk(e, || Problem::PersonInUse))?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("person", id));
        }
        Ok(())
    }

    async fn person_ids_with_prefix(&mut self, prefix: &str) -> Result<Vec<Uuid>> {
        let pattern = format!("{}%", prefix.to_ascii_lowercase().replace('-', ""));
        Ok(sqlx::query_scalar(
            "SELECT id FROM people WHERE replace(id::text, '-', '') LIKE $1 ORDER BY name COLLATE \"C\" LIMIT 10",
        )
        .bind(pattern)
        .fetch_all(self.c())
        .await?)
    }

    // ----- visits --------------------------------------------------------------

    async fn upsert_visits(&mut self, rows: &[Visit]) -> Result<u64> {
        let mut written = 0;
        for chunk in rows.chunks(rows_per_statement(19)) {
            let mut q = QueryBuilder::new(format!("INSERT INTO visits ({VISIT_COLUMNS}) "));
            q.push_values(chunk, |mut b, v| {
                b.push_bind(v.id)
                    .push_bind(v.kind.as_str())
                    .push_bind(v.title.as_str())
                    .push_bind(v.purpose.as_str())
                    .push_bind(v.status.as_str())
                    .push_bind(v.host_org_id)
                    .push_bind(v.guest_org_id)
                    .push_bind(second(v.starts_at))
                    .push_bind(second(v.ends_at))
                    .push_bind(v.time_zone.as_str())
                    .push_bind(v.venue.as_str())
                    .push_bind(v.online_link.as_str())
                    .push_bind(v.notes.as_str())
                    .push_bind(v.minutes.as_str())
                    .push_bind(v.topics.clone())
                    .push_bind(v.uid.as_str())
                    .push_bind(i64::from(v.sequence))
                    .push_bind(second(v.created_at))
                    .push_bind(second(v.updated_at));
            });
            q.push(on_conflict("visits", "id", VISIT_UPDATABLE, Some(VISIT_SHOWN), true));
            written += q.build().execute(self.c()).await?.rows_affected();
        }
        Ok(written)
    }

    async fn visit(&mut self, id: Uuid) -> Result<Visit> {
        let row = sqlx::query(&format!("SELECT {VISIT_COLUMNS}, revision FROM visits WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.c())
            .await?
            .ok_or_else(|| Error::not_found("visit", id))?;
        Ok(visit_row(&row)?)
    }

    async fn visits_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Visit>> {
        let rows = sqlx::query(&format!("SELECT {VISIT_COLUMNS}, revision FROM visits WHERE id = ANY($1)"))
            .bind(ids)
            .fetch_all(self.c())
            .await?;
        all(&rows, visit_row)
    }

    async fn bump_attendee_sequences(&mut self, visit_ids: &[Uuid]) -> Result<()> {
        if visit_ids.is_empty() {
            return Ok(());
        }
        sqlx::query("UPDATE visits SET sequence = sequence + 1 WHERE id = ANY($1)")
            .bind(visit_ids)
            .execute(self.c())
            .await?;
        sqlx::query(
            "UPDATE agenda_items SET sequence = sequence + 1 WHERE visit_id = ANY($1) \
             AND NOT EXISTS (SELECT 1 FROM agenda_participants ap WHERE ap.agenda_item_id = agenda_items.id)",
        )
        .bind(visit_ids)
        .execute(self.c())
        .await?;
        Ok(())
    }

    async fn visits(&mut self) -> Result<Vec<Visit>> {
        let rows = sqlx::query(&format!("SELECT {VISIT_COLUMNS}, revision FROM visits ORDER BY starts_at, id"))
            .fetch_all(self.c())
            .await?;
        all(&rows, visit_row)
    }

    async fn visit_ids_with_prefix(&mut self, prefix: &str) -> Result<Vec<Uuid>> {
        let pattern = format!("{}%", prefix.to_ascii_lowercase().replace('-', ""));
        Ok(sqlx::query_scalar(
            "SELECT id FROM visits WHERE replace(id::text, '-', '') LIKE $1 ORDER BY starts_at LIMIT 10",
        )
        .bind(pattern)
        .fetch_all(self.c())
        .await?)
    }

    async fn delete_visit(&mut self, id: Uuid) -> Result<()> {
        let done = sqlx::query("DELETE FROM visits WHERE id = $1").bind(id).execute(self.c()).await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("visit", id));
        }
        Ok(())
    }

    async fn visit_page(&mut self, query: &VisitQuery, now: DateTime<Utc>) -> Result<VisitPage> {
        const FROM: &str = " FROM visits v LEFT JOIN organisations h ON h.id = v.host_org_id \
                             LEFT JOIN organisations g ON g.id = v.guest_org_id";
        let from_count = if query.text.trim().is_empty() { " FROM visits v" } else { FROM };
        let mut count = QueryBuilder::new(format!("SELECT count(*){from_count}"));
        push_visit_filters(&mut count, query, now);
        let total: i64 = count.build_query_scalar().fetch_one(self.c()).await?;
        let mut q = QueryBuilder::new(
            "SELECT v.id, v.kind, v.title, v.status, v.starts_at, v.ends_at, v.time_zone, \
             COALESCE(NULLIF(h.acronym, ''), NULLIF(h.name, ''), NULLIF(h.chinese_name, ''), h.native_name) AS host, \
         COALESCE(NULLIF(g.acronym, ''), NULLIF(g.name, ''), NULLIF(g.chinese_name, ''), g.native_name) AS guest, \
             h.acronym AS host_acronym, h.name AS host_name, h.chinese_name AS host_chinese_name, h.native_name AS host_native_name, \
             g.acronym AS guest_acronym, g.name AS guest_name, g.chinese_name AS guest_chinese_name, g.native_name AS guest_native_name",
        );
        q.push(FROM);
        push_visit_filters(&mut q, query, now);
        q.push(if query.scope == VisitScope::Past {
            " ORDER BY v.starts_at DESC, v.id"
        } else {
            " ORDER BY v.starts_at, v.id"
        });
        if query.limit > 0 {
            q.push(" LIMIT ").push_bind(i64::from(query.limit));
            q.push(" OFFSET ").push_bind(i64::from(query.offset));
        }
        let rows = q.build().fetch_all(self.c()).await?;
        let mut visits = Vec::with_capacity(rows.len());
        for r in &rows {
            let time_zone: String = r.try_get("time_zone")?;
            let zone = stored_zone(&time_zone);
            let starts_at: DateTime<Utc> = r.try_get("starts_at")?;
            let ends_at: DateTime<Utc> = r.try_get("ends_at")?;
            visits.push(VisitSummary {
                id: r.try_get("id")?,
                kind: parsed(r, "kind")?,
                title: r.try_get("title")?,
                status: parsed(r, "status")?,
                starts_at,
                ends_at,
                start_local: format_local(starts_at, zone),
                end_local: format_local(ends_at, zone),
                time_zone,
                host: r.try_get("host")?,
                guest: r.try_get("guest")?,
                host_names: org_label(r, "host")?,
                guest_names: org_label(r, "guest")?,
            });
        }
        Ok(VisitPage { visits, total: total.try_into().unwrap_or(u32::MAX) })
    }

    async fn visits_of_person(&mut self, person_id: Uuid) -> Result<Vec<Visit>> {
        let cols = VISIT_COLUMNS.split(", ").map(|c| format!("v.{c}")).collect::<Vec<_>>().join(", ");
        let rows = sqlx::query(&format!(
            "SELECT {cols}, v.revision FROM visits v JOIN participants p ON p.visit_id = v.id \
             WHERE p.person_id = $1 ORDER BY v.starts_at, v.id"
        ))
        .bind(person_id)
        .fetch_all(self.c())
        .await?;
        all(&rows, visit_row)
    }

    async fn visits_of_organisation(&mut self, organisation_id: Uuid) -> Result<Vec<Visit>> {
        let rows = sqlx::query(&format!(
            "SELECT {VISIT_COLUMNS}, revision FROM visits WHERE host_org_id = $1 OR guest_org_id = $1 \
             ORDER BY starts_at, id"
        ))
        .bind(organisation_id)
        .fetch_all(self.c())
        .await?;
        all(&rows, visit_row)
    }

    // ----- participants ------------------------------------------------------

    async fn upsert_participants(&mut self, rows: &[Participant]) -> Result<u64> {
        let mut written = 0;
        for chunk in rows.chunks(rows_per_statement(5)) {
            let mut q = QueryBuilder::new("INSERT INTO participants (visit_id, person_id, side, role, precedence) ");
            q.push_values(chunk, |mut b, p| {
                b.push_bind(p.visit_id)
                    .push_bind(p.person_id)
                    .push_bind(p.side.as_str())
                    .push_bind(p.role.as_str())
                    .push_bind(i64::from(p.precedence));
            });
            q.push(on_conflict("participants", "visit_id, person_id", PARTICIPANT_UPDATABLE, None, false));
            written += q.build().execute(self.c()).await?.rows_affected();
        }
        Ok(written)
    }

    async fn participant(&mut self, visit_id: Uuid, person_id: Uuid) -> Result<Option<Participant>> {
        let row = sqlx::query("SELECT * FROM participants WHERE visit_id = $1 AND person_id = $2")
            .bind(visit_id)
            .bind(person_id)
            .fetch_optional(self.c())
            .await?;
        Ok(row.as_ref().map(participant_row).transpose()?)
    }

    async fn participants_of_visit(&mut self, visit_id: Uuid) -> Result<Vec<Participant>> {
        let rows =
            sqlx::query(&format!("SELECT p.* FROM participants p WHERE p.visit_id = $1 ORDER BY {PARTICIPANT_ORDER}"))
                .bind(visit_id)
                .fetch_all(self.c())
                .await?;
        all(&rows, participant_row)
    }

    async fn participants_of_visits(&mut self, visit_ids: &[Uuid]) -> Result<Vec<Participant>> {
        let rows = sqlx::query("SELECT p.* FROM participants p WHERE p.visit_id = ANY($1)")
            .bind(visit_ids)
            .fetch_all(self.c())
            .await?;
        all(&rows, participant_row)
    }

    async fn all_participants(&mut self) -> Result<Vec<Participant>> {
        let rows = sqlx::query("SELECT * FROM participants p").fetch_all(self.c()).await?;
        let mut out = all(&rows, participant_row)?;
        out.sort_unstable_by_key(|p| (p.visit_id, p.side != Side::Host, p.precedence, p.person_id));
        Ok(out)
    }

    async fn participant_views(&mut self, visit_id: Uuid) -> Result<Vec<ParticipantView>> {
        let rows = sqlx::query(&format!(
            "SELECT p.person_id, p.side, p.role, p.precedence, pe.name, pe.chinese_name, pe.native_name, pe.title, \
                    COALESCE(NULLIF(o.acronym, ''), NULLIF(o.name, ''), NULLIF(o.chinese_name, ''), o.native_name) AS organisation, \
                    o.acronym AS org_acronym, o.name AS org_name, o.chinese_name AS org_chinese_name, o.native_name AS org_native_name \
             FROM participants p JOIN people pe ON pe.id = p.person_id \
             LEFT JOIN organisations o ON o.id = pe.organisation_id \
             WHERE p.visit_id = $1 ORDER BY {PARTICIPANT_ORDER}"
        ))
        .bind(visit_id)
        .fetch_all(self.c())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ParticipantView {
                    person_id: r.try_get("person_id")?,
                    side: parsed(r, "side")?,
                    role: parsed(r, "role")?,
                    precedence: count_of(r, "precedence")?,
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

    async fn delete_participant(&mut self, visit_id: Uuid, person_id: Uuid) -> Result<()> {
        let done = sqlx::query("DELETE FROM participants WHERE visit_id = $1 AND person_id = $2")
            .bind(visit_id)
            .bind(person_id)
            .execute(self.c())
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("participant", person_id));
        }
        Ok(())
    }

    // ----- agenda ----------------------------------------------------------------

    /// A stored item whose people, chair or speakers change counts as
    /// changed, and its SEQUENCE rises as for a change to a column a
    /// calendar shows, unless the writer raised it already (see the SQLite
    /// store's `upsert`).
    async fn upsert_agenda(&mut self, rows: &[AgendaItem]) -> Result<u64> {
        // Who is in each item and their part, as arrays unnested: one
        // statement however many links (the database refuses a person not
        // on the visit).
        let (mut items, mut visits, mut people, mut chairs, mut turns) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::<Option<i32>>::new());
        for a in rows {
            for p in &a.participant_ids {
                items.push(a.id);
                visits.push(a.visit_id);
                people.push(*p);
                chairs.push(a.chair_id == Some(*p));
                turns.push(a.speaker_ids.iter().position(|s| s == p).and_then(|k| i32::try_from(k).ok()));
            }
        }
        // The links of these items not kept exactly as they are: people
        // they no longer have, and those whose part changed (taken out and
        // put back, as a new speaking order would otherwise clash with the
        // old one row by row). Those kept are left alone: re-importing a
        // file rewrites none of them. Their items, and the stored items that
        // gain a link, are those whose people change.
        let ids: Vec<Uuid> = rows.iter().map(|a| a.id).collect();
        let no_turn: Vec<i32> = turns.iter().map(|t| t.unwrap_or(-1)).collect();
        let mut relinked: Vec<Uuid> = sqlx::query_scalar(
            "DELETE FROM agenda_participants ap WHERE ap.agenda_item_id = ANY($1) \
             AND (ap.agenda_item_id, ap.visit_id, ap.person_id, ap.chairs, coalesce(ap.speaks_at, -1)) NOT IN \
             (SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::boolean[], $6::integer[])) \
             RETURNING ap.agenda_item_id",
        )
        .bind(&ids)
        .bind(&items)
        .bind(&visits)
        .bind(&people)
        .bind(&chairs)
        .bind(&no_turn)
        .fetch_all(self.c())
        .await?;
        // What is left of a stored item's links is kept as it is, so one
        // with fewer left than the write gives it gains someone: a count
        // over its links for each item, not a lookup for each link. (A
        // person named twice is one link.)
        let (mut named, mut counts) = (Vec::new(), Vec::new());
        for a in rows.iter().filter(|a| !a.participant_ids.is_empty()) {
            let ids = &a.participant_ids;
            named.push(a.id);
            counts.push(ids.iter().enumerate().filter(|(k, p)| !ids[..*k].contains(p)).count() as i64);
        }
        if !named.is_empty() {
            let gained: Vec<Uuid> = sqlx::query_scalar(
                "SELECT a.id FROM unnest($1::uuid[], $2::bigint[]) AS k(item, n) \
                 JOIN agenda_items a ON a.id = k.item \
                 WHERE (SELECT count(*) FROM agenda_participants ap WHERE ap.agenda_item_id = k.item) < k.n",
            )
            .bind(&named)
            .bind(&counts)
            .fetch_all(self.c())
            .await?;
            relinked.extend(gained);
        }
        let relinked: HashSet<Uuid> = relinked.into_iter().collect();

        let mut written = 0;
        for chunk in rows.chunks(rows_per_statement(16)) {
            let mut q = QueryBuilder::new("");
            // Each statement is given only its own items' ids.
            let mine: Vec<Uuid> = chunk.iter().map(|a| a.id).filter(|id| relinked.contains(id)).collect();
            let also = if mine.is_empty() {
                None
            } else {
                q.push("WITH relinked AS (SELECT unnest(");
                q.push_bind(mine);
                q.push("::uuid[]) AS id) ");
                Some("agenda_items.id IN (SELECT id FROM relinked)")
            };
            q.push(format!("INSERT INTO agenda_items ({AGENDA_COLUMNS}) "));
            q.push_values(chunk, |mut b, a| {
                b.push_bind(a.id)
                    .push_bind(a.visit_id)
                    .push_bind(second(a.starts_at))
                    .push_bind(second(a.ends_at))
                    .push_bind(a.time_zone.as_str())
                    .push_bind(a.title.as_str())
                    .push_bind(a.kind.as_str())
                    .push_bind(a.status.as_str())
                    .push_bind(a.location.as_str())
                    .push_bind(a.description.as_str())
                    .push_bind(a.uid.as_str())
                    .push_bind(i64::from(a.sequence))
                    .push_bind(second(a.created_at))
                    .push_bind(second(a.updated_at))
                    .push_bind(a.room_id)
                    .push_bind(i64::from(a.position));
            });
            q.push(on_conflict_also("agenda_items", "id", AGENDA_UPDATABLE, Some(AGENDA_SHOWN), also, true));
            written += q.build().execute(self.c()).await?.rows_affected();
        }
        if !items.is_empty() {
            sqlx::query(
                "INSERT INTO agenda_participants (agenda_item_id, visit_id, person_id, chairs, speaks_at) \
                 SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::boolean[], $5::integer[]) \
                 ON CONFLICT (agenda_item_id, person_id) DO NOTHING",
            )
            .bind(&items)
            .bind(&visits)
            .bind(&people)
            .bind(&chairs)
            .bind(&turns)
            .execute(self.c())
            .await?;
        }
        Ok(written)
    }

    async fn agenda_item(&mut self, id: Uuid) -> Result<AgendaItem> {
        let row = sqlx::query(&format!("{} WHERE a.id = $1", agenda_select(AGENDA_PEOPLE)))
            .bind(id)
            .fetch_optional(self.c())
            .await?
            .ok_or_else(|| Error::not_found("agenda item", id))?;
        Ok(agenda_row(&row)?)
    }

    async fn agenda_of_visit(&mut self, visit_id: Uuid) -> Result<Vec<AgendaItem>> {
        let rows = sqlx::query(&format!(
            "{} WHERE a.visit_id = $1 ORDER BY a.starts_at, a.position, a.ends_at, a.id",
            agenda_select(AGENDA_PEOPLE)
        ))
        .bind(visit_id)
        .fetch_all(self.c())
        .await?;
        all(&rows, agenda_row)
    }

    async fn agenda_of_visits(&mut self, visit_ids: &[Uuid]) -> Result<Vec<AgendaItem>> {
        let rows = sqlx::query(&format!("{} WHERE a.visit_id = ANY($1)", agenda_select(AGENDA_PEOPLE)))
            .bind(visit_ids)
            .fetch_all(self.c())
            .await?;
        all(&rows, agenda_row)
    }

    async fn all_agenda(&mut self) -> Result<Vec<AgendaItem>> {
        let mut items = self.agenda_in_id_range(Uuid::nil(), None).await?;
        let participants = self.all_participants().await?;
        order_people(&mut items, &participants);
        sort_by_visit(&mut items);
        Ok(items)
    }

    async fn agenda_page_of_visit(
        &mut self,
        visit_id: Uuid,
        after: Option<AgendaKey>,
        limit: u32,
    ) -> Result<Vec<AgendaItem>> {
        // People unordered, as for a range: the caller orders them.
        let people = "(SELECT coalesce(array_agg(ap.person_id), '{}') FROM agenda_participants ap \
                      WHERE ap.agenda_item_id = a.id)";
        let keyset = if after.is_some() {
            " AND a.starts_at >= $3 AND (a.starts_at, a.position, a.ends_at, a.id) > ($3, $4, $5, $6)"
        } else {
            ""
        };
        let sql = format!(
            "{} WHERE a.visit_id = $1{keyset} ORDER BY a.starts_at, a.position, a.ends_at, a.id LIMIT $2",
            agenda_select(people)
        );
        let mut q = sqlx::query(&sql).bind(visit_id).bind(i64::from(limit));
        if let Some(k) = after {
            q = q.bind(k.starts_at).bind(i64::from(k.position)).bind(k.ends_at).bind(k.id);
        }
        let rows = q.fetch_all(self.c()).await?;
        all(&rows, agenda_row)
    }

    async fn agenda_zones_of_visit(&mut self, visit_id: Uuid) -> Result<Vec<ZoneSpan>> {
        let rows: Vec<(String, DateTime<Utc>, DateTime<Utc>, i64)> = sqlx::query_as(
            "SELECT time_zone, min(starts_at), max(ends_at), count(*) FROM agenda_items \
             WHERE visit_id = $1 GROUP BY time_zone ORDER BY time_zone",
        )
        .bind(visit_id)
        .fetch_all(self.c())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(zone, first, last, items)| ZoneSpan { zone, first, last, items: items.try_into().unwrap_or(0) })
            .collect())
    }

    async fn agenda_in_id_range(&mut self, from: Uuid, to: Option<Uuid>) -> Result<Vec<AgendaItem>> {
        let people = "(SELECT coalesce(array_agg(ap.person_id), '{}') FROM agenda_participants ap \
                      WHERE ap.agenda_item_id = a.id)";
        let range = if to.is_some() { "a.id >= $1 AND a.id < $2" } else { "a.id >= $1" };
        let sql = format!("{} WHERE {range}", agenda_select(people));
        let mut q = sqlx::query(&sql).bind(from);
        if let Some(to) = to {
            q = q.bind(to);
        }
        let rows = q.fetch_all(self.c()).await?;
        all(&rows, agenda_row)
    }

    async fn delete_agenda_item(&mut self, id: Uuid) -> Result<()> {
        let done = sqlx::query("DELETE FROM agenda_items WHERE id = $1").bind(id).execute(self.c()).await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("agenda item", id));
        }
        Ok(())
    }

    async fn agenda_of_person(&mut self, person_id: Uuid) -> Result<Vec<AgendaItem>> {
        let rows = sqlx::query(&format!(
            "{} WHERE a.id IN (SELECT agenda_item_id FROM agenda_participants WHERE person_id = $1) \
             ORDER BY a.starts_at, a.position, a.ends_at, a.id",
            agenda_select(AGENDA_PEOPLE)
        ))
        .bind(person_id)
        .fetch_all(self.c())
        .await?;
        all(&rows, agenda_row)
    }

    async fn bump_agenda_sequences(&mut self, visit_id: Uuid) -> Result<()> {
        sqlx::query("UPDATE agenda_items SET sequence = sequence + 1 WHERE visit_id = $1")
            .bind(visit_id)
            .execute(self.c())
            .await?;
        Ok(())
    }

    async fn clashes(
        &mut self,
        except_item: Uuid,
        people: &[Uuid],
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<Clash>> {
        if people.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT ap.person_id, COALESCE(NULLIF(pe.name, ''), NULLIF(pe.chinese_name, ''), pe.native_name) AS person_name, \
                    a.id AS item_id, a.title AS item_title, v.title AS visit_title \
             FROM agenda_participants ap \
             JOIN agenda_items a ON a.id = ap.agenda_item_id \
             JOIN visits v ON v.id = a.visit_id \
             JOIN people pe ON pe.id = ap.person_id \
             WHERE a.status != 'cancelled' AND a.id != $1 AND a.starts_at < $2 AND a.ends_at > $3 \
               AND ap.person_id = ANY($4) \
             ORDER BY a.starts_at, a.id, COALESCE(NULLIF(pe.name, ''), NULLIF(pe.chinese_name, ''), pe.native_name) COLLATE \"C\"",
        )
        .bind(except_item)
        .bind(second(end))
        .bind(second(start))
        .bind(people)
        .fetch_all(self.c())
        .await?;
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

    // ----- follow-ups --------------------------------------------------------------

    async fn upsert_follow_ups(&mut self, rows: &[FollowUp]) -> Result<u64> {
        let mut written = 0;
        for chunk in rows.chunks(rows_per_statement(13)) {
            let mut q = QueryBuilder::new(format!("INSERT INTO follow_ups ({FOLLOW_UP_COLUMNS}) "));
            q.push_values(chunk, |mut b, f| {
                b.push_bind(f.id)
                    .push_bind(f.visit_id)
                    .push_bind(f.title.as_str())
                    .push_bind(f.owner_id)
                    .push_bind(f.counterpart_org_id)
                    .push_bind(f.due_date)
                    .push_bind(f.status.as_str())
                    .push_bind(f.to_act.as_str())
                    .push_bind(f.notes.as_str())
                    .push_bind(f.uid.as_str())
                    .push_bind(i64::from(f.sequence))
                    .push_bind(second(f.created_at))
                    .push_bind(second(f.updated_at));
            });
            q.push(on_conflict("follow_ups", "id", FOLLOW_UP_UPDATABLE, Some(FOLLOW_UP_SHOWN), true));
            written += q.build().execute(self.c()).await?.rows_affected();
        }
        Ok(written)
    }

    async fn follow_up(&mut self, id: Uuid) -> Result<FollowUp> {
        let row = sqlx::query(&format!("SELECT {FOLLOW_UP_COLUMNS}, revision FROM follow_ups WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.c())
            .await?
            .ok_or_else(|| Error::not_found("follow-up", id))?;
        Ok(follow_up_row(&row)?)
    }

    async fn follow_ups_of_visit(&mut self, visit_id: Uuid) -> Result<Vec<FollowUp>> {
        let rows = sqlx::query(&format!(
            "SELECT {FOLLOW_UP_COLUMNS}, revision FROM follow_ups WHERE visit_id = $1 ORDER BY {FOLLOW_UP_ORDER}"
        ))
        .bind(visit_id)
        .fetch_all(self.c())
        .await?;
        all(&rows, follow_up_row)
    }

    async fn follow_ups_of_visits(&mut self, visit_ids: &[Uuid]) -> Result<Vec<FollowUp>> {
        let rows =
            sqlx::query(&format!("SELECT {FOLLOW_UP_COLUMNS}, revision FROM follow_ups WHERE visit_id = ANY($1)"))
                .bind(visit_ids)
                .fetch_all(self.c())
                .await?;
        all(&rows, follow_up_row)
    }

    async fn all_follow_ups(&mut self) -> Result<Vec<FollowUp>> {
        let rows = sqlx::query(&format!(
            "SELECT {FOLLOW_UP_COLUMNS}, revision FROM follow_ups ORDER BY visit_id, {FOLLOW_UP_ORDER}"
        ))
        .fetch_all(self.c())
        .await?;
        all(&rows, follow_up_row)
    }

    async fn delete_follow_up(&mut self, id: Uuid) -> Result<()> {
        let done = sqlx::query("DELETE FROM follow_ups WHERE id = $1").bind(id).execute(self.c()).await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("follow-up", id));
        }
        Ok(())
    }

    async fn follow_ups_of_owner(&mut self, owner_id: Uuid) -> Result<Vec<FollowUp>> {
        let rows = sqlx::query(&format!(
            "SELECT {FOLLOW_UP_COLUMNS}, revision FROM follow_ups WHERE owner_id = $1 ORDER BY {FOLLOW_UP_ORDER}"
        ))
        .bind(owner_id)
        .fetch_all(self.c())
        .await?;
        all(&rows, follow_up_row)
    }

    async fn follow_up_register(&mut self, query: &FollowUpQuery, today: NaiveDate) -> Result<FollowUpRegister> {
        let mut count = QueryBuilder::new("SELECT count(*) FROM follow_ups f");
        push_follow_up_filters(&mut count, query, today);
        let total: i64 = count.build_query_scalar().fetch_one(self.c()).await?;
        let overdue = self.overdue_follow_ups(today).await?;
        // The page's ids first, then their rows with the names (see the
        // local file's register for why).
        let mut ids = QueryBuilder::new(format!("SELECT f.id FROM follow_ups f{}", joins_for(query.sort)));
        push_follow_up_filters(&mut ids, query, today);
        ids.push(order_by(query, fold, " COLLATE \"C\""));
        if query.limit > 0 {
            ids.push(" LIMIT ").push_bind(i64::from(query.limit));
            ids.push(" OFFSET ").push_bind(i64::from(query.offset));
        }
        let ids: Vec<Uuid> = ids.build_query_scalar().fetch_all(self.c()).await?;
        let rows = self.follow_up_rows(&ids, today).await?;
        Ok(FollowUpRegister { rows, total: total.try_into().unwrap_or(u32::MAX), overdue })
    }

    async fn follow_up_rows(&mut self, ids: &[Uuid], today: NaiveDate) -> Result<Vec<FollowUpRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let cols = FOLLOW_UP_COLUMNS.split(", ").map(|c| format!("f.{c}")).collect::<Vec<_>>().join(", ");
        let rows = sqlx::query(&format!(
            "SELECT {cols}, f.revision, v.title AS visit_title, v.starts_at AS visit_starts_at, \
             v.time_zone AS visit_time_zone, v.status AS visit_status, \
             p.id AS owner_id_found, p.name AS owner_name, p.chinese_name AS owner_chinese_name, \
             p.native_name AS owner_native_name, o.acronym AS counterpart_acronym, o.name AS counterpart_name, \
             o.chinese_name AS counterpart_chinese_name, o.native_name AS counterpart_native_name \
             FROM follow_ups f JOIN visits v ON v.id = f.visit_id \
             LEFT JOIN people p ON p.id = f.owner_id \
             LEFT JOIN organisations o ON o.id = f.counterpart_org_id WHERE f.id = ANY($1)"
        ))
        .bind(ids)
        .fetch_all(self.c())
        .await?;
        let mut by_id = HashMap::with_capacity(rows.len());
        for r in &rows {
            let follow_up = follow_up_row(r)?;
            let zone_name: String = r.try_get("visit_time_zone")?;
            let owner = PersonName::from_columns(
                r.try_get("owner_id_found")?,
                r.try_get("owner_name")?,
                r.try_get("owner_chinese_name")?,
                r.try_get("owner_native_name")?,
            );
            let starts: DateTime<Utc> = r.try_get("visit_starts_at")?;
            let row = FollowUpRow {
                overdue: follow_up.overdue_on(today),
                visit_title: r.try_get("visit_title")?,
                visit_start_local: format_local(starts, stored_zone(&zone_name)),
                visit_status: parsed(r, "visit_status")?,
                owner,
                counterpart: org_label(r, "counterpart")?,
                follow_up,
            };
            by_id.insert(row.follow_up.id, row);
        }
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    async fn carried_into(&mut self, visit_id: Uuid) -> Result<Vec<Uuid>> {
        let order = FOLLOW_UP_ORDER_OF_F;
        Ok(sqlx::query_scalar(&format!(
            "SELECT f.id FROM carried_follow_ups c JOIN follow_ups f ON f.id = c.follow_up_id \
             WHERE c.visit_id = $1 ORDER BY {order}"
        ))
        .bind(visit_id)
        .fetch_all(self.c())
        .await?)
    }

    async fn open_from_earlier(&mut self, visit_id: Uuid, orgs: &[Uuid], before: DateTime<Utc>) -> Result<Vec<Uuid>> {
        if orgs.is_empty() {
            return Ok(Vec::new());
        }
        let order = FOLLOW_UP_ORDER_OF_F;
        Ok(sqlx::query_scalar(&format!(
            "SELECT f.id FROM follow_ups f JOIN visits v ON v.id = f.visit_id \
             WHERE f.status IN {STILL_OPEN} AND f.visit_id != $1 AND v.starts_at < $2 \
             AND f.counterpart_org_id = ANY($3) \
             AND NOT EXISTS (SELECT 1 FROM carried_follow_ups c WHERE c.visit_id = $1 AND c.follow_up_id = f.id) \
             ORDER BY {order}"
        ))
        .bind(visit_id)
        .bind(before)
        .bind(orgs)
        .fetch_all(self.c())
        .await?)
    }

    async fn carry_follow_up(&mut self, visit_id: Uuid, follow_up_id: Uuid) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO carried_follow_ups (visit_id, follow_up_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(visit_id)
        .bind(follow_up_id)
        .execute(self.c())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn uncarry_follow_up(&mut self, visit_id: Uuid, follow_up_id: Uuid) -> Result<bool> {
        let done = sqlx::query("DELETE FROM carried_follow_ups WHERE visit_id = $1 AND follow_up_id = $2")
            .bind(visit_id)
            .bind(follow_up_id)
            .execute(self.c())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn follow_up_ids_with_prefix(&mut self, prefix: &str) -> Result<Vec<Uuid>> {
        let pattern = format!("{}%", prefix.to_ascii_lowercase().replace('-', ""));
        Ok(sqlx::query_scalar(
            "SELECT id FROM follow_ups WHERE replace(id::text, '-', '') LIKE $1 ORDER BY id LIMIT 10",
        )
        .bind(pattern)
        .fetch_all(self.c())
        .await?)
    }

    async fn bookings(&mut self, visit: Option<Uuid>) -> Result<Vec<Booking>> {
        const BOOKINGS: &str = "SELECT ap.person_id, a.id, a.visit_id, a.starts_at, a.ends_at, \
             p.role = 'interpreter' AS interpreter \
             FROM agenda_participants ap \
             JOIN agenda_items a ON a.id = ap.agenda_item_id \
             JOIN visits v ON v.id = a.visit_id \
             JOIN participants p ON p.visit_id = ap.visit_id AND p.person_id = ap.person_id \
             WHERE a.status != 'cancelled' AND v.status != 'cancelled'";
        let rows = match visit {
            None => sqlx::query(BOOKINGS).fetch_all(self.c()).await?,
            // See the local file's: the visit's people, in anything that
            // overlaps the span of the visit's own items.
            Some(visit) => {
                sqlx::query(&format!(
                    "WITH span AS (SELECT min(starts_at) AS s, max(ends_at) AS e FROM agenda_items \
                                   WHERE visit_id = $1 AND status != 'cancelled'), \
                          people AS (SELECT person_id FROM participants WHERE visit_id = $1) \
                     {BOOKINGS} AND ap.person_id IN (SELECT person_id FROM people) \
                     AND a.starts_at < (SELECT e FROM span) AND a.ends_at > (SELECT s FROM span)"
                ))
                .bind(visit)
                .fetch_all(self.c())
                .await?
            }
        };
        rows.iter()
            .map(|r| {
                Ok(Booking {
                    person_id: r.try_get(0)?,
                    item_id: r.try_get(1)?,
                    visit_id: r.try_get(2)?,
                    starts_at: r.try_get(3)?,
                    ends_at: r.try_get(4)?,
                    interpreter: r.try_get(5)?,
                })
            })
            .collect::<sqlx::Result<_>>()
            .map_err(Into::into)
    }

    async fn room_bookings(&mut self, visit: Option<Uuid>) -> Result<Vec<RoomBooking>> {
        // See the local file's.
        const ROOMED: &str = "SELECT a.room_id, a.id, a.visit_id, a.starts_at, a.ends_at, \
             COALESCE(NULLIF((SELECT count(*) FROM agenda_participants ap WHERE ap.agenda_item_id = a.id), 0), \
                      (SELECT count(*) FROM participants p WHERE p.visit_id = a.visit_id)) AS people \
             FROM agenda_items a JOIN visits v ON v.id = a.visit_id \
             WHERE a.room_id IS NOT NULL AND a.status != 'cancelled' AND v.status != 'cancelled'";
        let rows = match visit {
            None => sqlx::query(ROOMED).fetch_all(self.c()).await?,
            Some(visit) => {
                sqlx::query(&format!(
                    "WITH span AS (SELECT min(starts_at) AS s, max(ends_at) AS e FROM agenda_items \
                                   WHERE visit_id = $1 AND status != 'cancelled'), \
                          used AS (SELECT DISTINCT room_id FROM agenda_items WHERE visit_id = $1 AND room_id IS NOT NULL) \
                     {ROOMED} AND a.room_id IN (SELECT room_id FROM used) \
                     AND a.starts_at < (SELECT e FROM span) AND a.ends_at > (SELECT s FROM span)"
                ))
                .bind(visit)
                .fetch_all(self.c())
                .await?
            }
        };
        rows.iter()
            .map(|r| {
                Ok(RoomBooking {
                    room_id: r.try_get(0)?,
                    item_id: r.try_get(1)?,
                    visit_id: r.try_get(2)?,
                    starts_at: r.try_get(3)?,
                    ends_at: r.try_get(4)?,
                    people: r.try_get::<i64, _>(5)?.try_into().unwrap_or(u32::MAX),
                })
            })
            .collect::<sqlx::Result<_>>()
            .map_err(Into::into)
    }

    async fn conflict_items(&mut self, ids: &[Uuid]) -> Result<Vec<ConflictItem>> {
        let rows = sqlx::query(
            "SELECT a.id, a.visit_id, v.title AS visit_title, a.title, a.starts_at, a.ends_at, a.time_zone \
             FROM agenda_items a JOIN visits v ON v.id = a.visit_id WHERE a.id = ANY($1)",
        )
        .bind(ids)
        .fetch_all(self.c())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let time_zone: String = r.try_get("time_zone")?;
            let zone = stored_zone(&time_zone);
            let starts_at: DateTime<Utc> = r.try_get("starts_at")?;
            let ends_at: DateTime<Utc> = r.try_get("ends_at")?;
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
        Ok(out)
    }

    async fn acknowledgements(&mut self) -> Result<HashMap<String, Acknowledgement>> {
        let rows =
            sqlx::query("SELECT key, note, actor, at FROM conflict_acknowledgements").fetch_all(self.c()).await?;
        rows.iter()
            .map(|r| {
                let at: DateTime<Utc> = r.try_get("at")?;
                Ok((
                    r.try_get("key")?,
                    Acknowledgement { note: r.try_get("note")?, actor: r.try_get("actor")?, at: second(at) },
                ))
            })
            .collect::<sqlx::Result<_>>()
            .map_err(Into::into)
    }

    async fn acknowledge(&mut self, key: &str, note: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO conflict_acknowledgements (key, note) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET note = excluded.note, actor = session_user, at = now()",
        )
        .bind(key)
        .bind(note)
        .execute(self.c())
        .await?;
        Ok(())
    }

    async fn unacknowledge(&mut self, key: &str) -> Result<bool> {
        let done =
            sqlx::query("DELETE FROM conflict_acknowledgements WHERE key = $1").bind(key).execute(self.c()).await?;
        Ok(done.rows_affected() > 0)
    }

    async fn seating_rules(&mut self, visit_id: Uuid) -> Result<Option<(SeatingRules, u32)>> {
        let row = sqlx::query(&format!("SELECT {SEATING_COLUMNS}, revision FROM seating_rules WHERE visit_id = $1"))
            .bind(visit_id)
            .fetch_optional(self.c())
            .await?;
        match row {
            Some(r) => Ok(Some((seating_of(&r)?, r.try_get::<i32, _>("revision")?.try_into().unwrap_or(u32::MAX)))),
            None => Ok(None),
        }
    }
    async fn save_seating_rules(&mut self, visit_id: Uuid, rules: &SeatingRules) -> Result<u32> {
        let revision: i32 = sqlx::query_scalar(SAVE_SEATING)
            .bind(visit_id)
            .bind(rules.honour.as_str())
            .bind(rules.interpreter.as_str())
            .bind(i32::try_from(rules.table_size).unwrap_or(i32::MAX))
            .bind(swaps_json(&rules.meeting_swaps))
            .bind(swaps_json(&rules.banquet_swaps))
            .fetch_one(self.c())
            .await?;
        Ok(revision.try_into().unwrap_or(u32::MAX))
    }
    async fn all_seating_rules(&mut self) -> Result<Vec<(Uuid, SeatingRules)>> {
        let rows = sqlx::query(&format!("SELECT visit_id, {SEATING_COLUMNS} FROM seating_rules ORDER BY visit_id"))
            .fetch_all(self.c())
            .await?;
        rows.iter().map(|r| Ok((r.try_get("visit_id")?, seating_of(r)?))).collect()
    }

    async fn visa_details(&mut self, visit_id: Uuid) -> Result<Vec<VisaDetails>> {
        let rows = sqlx::query(VISA_OF_VISIT).bind(visit_id).fetch_all(self.c()).await?;
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
                    i64::from(r.try_get::<i32, _>("revision")?),
                )
            })
            .collect()
    }
    async fn save_visa_details(&mut self, d: &VisaDetails) -> Result<u32> {
        let revision: i32 = sqlx::query_scalar(SAVE_VISA)
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
            .fetch_one(self.c())
            .await?;
        Ok(revision.try_into().unwrap_or(u32::MAX))
    }
    async fn delete_visa_details(&mut self, visit_id: Uuid, person_id: Option<Uuid>) -> Result<u64> {
        let done = match person_id {
            Some(p) => {
                sqlx::query("DELETE FROM visa_details WHERE visit_id = $1 AND person_id = $2").bind(visit_id).bind(p)
            }
            None => sqlx::query("DELETE FROM visa_details WHERE visit_id = $1").bind(visit_id),
        }
        .execute(self.c())
        .await?;
        Ok(done.rows_affected())
    }

    async fn all_carried(&mut self) -> Result<Vec<(Uuid, Uuid)>> {
        Ok(sqlx::query_as("SELECT visit_id, follow_up_id FROM carried_follow_ups ORDER BY visit_id, follow_up_id")
            .fetch_all(self.c())
            .await?)
    }

    async fn overdue_follow_ups(&mut self, today: NaiveDate) -> Result<u32> {
        let n: i64 = sqlx::query_scalar(&format!(
            "SELECT count(*) FROM follow_ups WHERE status IN {STILL_OPEN} AND due_date < $1"
        ))
        .bind(today)
        .fetch_one(self.c())
        .await?;
        Ok(n.try_into().unwrap_or(u32::MAX))
    }

    async fn bump_follow_up_sequences(&mut self, visit_id: Uuid) -> Result<()> {
        sqlx::query("UPDATE follow_ups SET sequence = sequence + 1 WHERE visit_id = $1")
            .bind(visit_id)
            .execute(self.c())
            .await?;
        Ok(())
    }

    // ----- across tables ---------------------------------------------------------

    async fn ids_by_uid(&mut self, table: UidTable, uids: &[&str]) -> Result<HashMap<String, (Uuid, u32)>> {
        let table = table.name();
        let uids: Vec<&str> = uids.to_vec();
        let rows: Vec<(String, Uuid, i64)> =
            sqlx::query_as(&format!("SELECT ical_uid, id, sequence FROM {table} WHERE ical_uid = ANY($1)"))
                .bind(&uids)
                .fetch_all(self.c())
                .await?;
        Ok(rows.into_iter().map(|(uid, id, seq)| (uid, (id, seq.try_into().unwrap_or(u32::MAX)))).collect())
    }

    async fn existing_ids(&mut self, table: Table, ids: &[Uuid]) -> Result<HashSet<Uuid>> {
        if ids.is_empty() {
            return Ok(HashSet::new());
        }
        let found: Vec<Uuid> = sqlx::query_scalar(&format!("SELECT id FROM {} WHERE id = ANY($1)", table.name()))
            .bind(ids)
            .fetch_all(self.c())
            .await?;
        Ok(found.into_iter().collect())
    }

    async fn count(&mut self, table: Table) -> Result<u64> {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {}", table.name())).fetch_one(self.c()).await?;
        Ok(n.try_into().unwrap_or(0))
    }

    /// Nothing to prepare: PostgreSQL keeps its indexes up to date cheaply
    /// enough, and dropping them would lock out every reader.
    async fn calendar(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        query: &CalendarQuery,
        items: crate::storage::WantedItems<'_>,
    ) -> Result<(Vec<CalendarVisit>, Vec<CalendarItem>)> {
        super::calendar::range(self.c(), from, to, query, items).await
    }

    async fn calendar_times(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        max_items: u32,
    ) -> Result<Vec<(Uuid, DateTime<Utc>, DateTime<Utc>)>> {
        super::calendar::times(self.c(), from, to, max_items).await
    }

    async fn search_stale(&mut self, limit: u32) -> Result<Vec<(Uuid, SearchKind)>> {
        super::search::stale(self.c(), limit).await
    }

    async fn search_sources(&mut self, kind: SearchKind, ids: &[Uuid]) -> Result<Vec<crate::search::Source>> {
        super::search::sources(self.c(), kind, ids).await
    }

    async fn index_search(&mut self, ids: &[Uuid], docs: &[crate::search::Doc]) -> Result<()> {
        super::search::index(self.c(), ids, docs).await
    }

    async fn search_holds_any(&mut self) -> Result<bool> {
        super::search::holds_any(self.c()).await
    }

    async fn search_kinds(&mut self, ids: &[Uuid]) -> Result<Vec<(Uuid, SearchKind)>> {
        super::search::kinds(self.c(), ids).await
    }

    async fn search_indexed(&mut self) -> Result<(Vec<(Uuid, SearchKind)>, u64)> {
        super::search::indexed(self.c()).await
    }

    async fn search_candidates(
        &mut self,
        kind: SearchKind,
        query: &crate::search::Query,
        scope: crate::search::Scope,
        limit: u32,
    ) -> Result<Vec<Uuid>> {
        super::search::candidates(self.c(), kind, query, scope, limit).await
    }

    async fn begin_bulk(&mut self, _tables: &[Table], _rows: usize) -> Result<()> {
        Ok(())
    }

    /// Left alone: disabling a trigger locks the whole table against the
    /// team's other writers and readers (ACCESS EXCLUSIVE) until commit.
    async fn suspend_insert_marks(&mut self, _tables: &[Table], _rows: usize) -> Result<()> {
        Ok(())
    }

    async fn defer_foreign_keys(&mut self) -> Result<bool> {
        Ok(false)
    }

    async fn end_bulk(&mut self) -> Result<()> {
        Ok(())
    }

    /// When and who are the server's (the columns' defaults).
    async fn append_history(&mut self, entries: &[NewHistory]) -> Result<()> {
        for chunk in entries.chunks(rows_per_statement(6)) {
            let mut q = QueryBuilder::new("INSERT INTO history (entity, entity_id, visit_id, label, action, changes) ");
            let mut failed = None;
            q.push_values(chunk, |mut b, e| {
                let changes = serde_json::to_string(&e.changes).unwrap_or_else(|err| {
                    failed = Some(err.to_string());
                    "[]".into()
                });
                b.push_bind(e.entity.as_str())
                    .push_bind(e.entity_id)
                    .push_bind(e.visit_id)
                    .push_bind(e.label.clone())
                    .push_bind(e.action.as_str())
                    .push_bind(changes)
                    .push_unseparated("::jsonb");
            });
            if let Some(err) = failed {
                return Err(Error::Internal(format!("a change would not serialise: {err}")));
            }
            q.build().execute(self.c()).await?;
        }
        Ok(())
    }

    async fn history(&mut self, of: HistoryOf, limit: u32) -> Result<Vec<HistoryEntry>> {
        let (column, id) = match of {
            HistoryOf::Visit(id) => ("visit_id", id),
            HistoryOf::Record(id) => ("entity_id", id),
        };
        let rows = sqlx::query(&format!(
            "SELECT seq, at, actor, entity, entity_id, visit_id, label, action, changes::text AS changes \
             FROM history WHERE {column} = $1 ORDER BY seq DESC LIMIT $2"
        ))
        .bind(id)
        .bind(i64::from(limit))
        .fetch_all(self.c())
        .await?;
        rows.iter()
            .map(|r| {
                let changes: String = r.try_get("changes")?;
                Ok(HistoryEntry {
                    seq: r.try_get("seq")?,
                    at: r.try_get("at")?,
                    actor: r.try_get("actor")?,
                    entity: parsed(r, "entity")?,
                    entity_id: r.try_get("entity_id")?,
                    visit_id: r.try_get("visit_id")?,
                    label: r.try_get("label")?,
                    action: parsed(r, "action")?,
                    changes: serde_json::from_str(&changes)
                        .map_err(|e| Error::Internal(format!("a stored change does not read back: {e}")))?,
                })
            })
            .collect()
    }
}

fn seating_of(r: &sqlx::postgres::PgRow) -> Result<SeatingRules> {
    seating_from_columns(
        r.try_get("honour")?,
        r.try_get("interpreter")?,
        i64::from(r.try_get::<i32, _>("table_size")?),
        r.try_get("meeting_swaps")?,
        r.try_get("banquet_swaps")?,
    )
}
