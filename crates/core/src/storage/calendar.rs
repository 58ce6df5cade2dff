//! The calendar's two questions (the agenda items and the visits of some
//! instants, filtered), built once for both engines: only how an instant is
//! bound and how "longer than" is written differ, and each backend says so
//! through [`Instants`]. The rows are read by each backend.

use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Database, Decode, Encode, QueryBuilder, Row, Type};
use uuid::Uuid;

use crate::model::*;
use crate::storage::{room_place, LONG_ITEM_SECS, LONG_VISIT_SECS};
use crate::time::{format_local, stored_zone};

/// How a backend binds the instants of a question, and writes a span.
pub(crate) trait Instants<'a, DB: Database> {
    /// An instant, `secs` seconds before the start of the days asked for.
    type At: Encode<'a, DB> + Type<DB> + Copy + Send + 'a;
    fn before_from(&self, secs: i64) -> Self::At;
    fn to(&self) -> Self::At;
    /// "ends_at - starts_at > …" for a span of `secs` seconds, the columns
    /// prefixed with `of` ("a." or "").
    fn longer_than(&self, of: &str, secs: i64) -> String;
    /// The column rows are fetched by: SQLite's rowid is one B-tree
    /// lookup where the id is two (an index, then the table): a month's
    /// items took 19 ms by id, 8 ms by rowid.
    fn key(&self) -> &'static str;
    /// `table` read through its partial index of long rows (`<table>_long`):
    /// SQLite would rather scan the whole covering index of starts
    /// (migration 0014) for them, a hundred times the rows.
    fn long_rows(&self, table: &str, alias: &str) -> String {
        format!("{table} AS {alias}")
    }
}

/// `AND column IN (…)` for a filter that is set.
fn one_of<'a, DB: Database>(q: &mut QueryBuilder<'a, DB>, column: &str, values: Vec<&'static str>)
where
    &'static str: Encode<'a, DB> + Type<DB>,
{
    if values.is_empty() {
        return;
    }
    q.push(format!(" AND {column} IN ("));
    let mut list = q.separated(", ");
    for v in values {
        list.push_bind(v);
    }
    q.push(")");
}

/// `AND …` for the filters both questions share: the visit's kind, status
/// and organisations.
fn visit_filters<'a, DB: Database>(q: &mut QueryBuilder<'a, DB>, query: &CalendarQuery)
where
    &'static str: Encode<'a, DB> + Type<DB>,
    Uuid: Encode<'a, DB> + Type<DB>,
{
    one_of(q, "v.kind", query.visit_kinds.iter().map(|k| k.as_str()).collect());
    one_of(q, "v.status", query.visit_statuses.iter().map(|k| k.as_str()).collect());
    if let Some(org) = query.organisation_id {
        q.push(" AND (v.host_org_id = ").push_bind(org).push(" OR v.guest_org_id = ").push_bind(org).push(")");
    }
}

/// `SELECT columns` of the rows of `table` that overlap the days: those
/// that start within `long` seconds before them or during them, and the
/// long ones (a partial index each) that start earlier, each ending after
/// the days begin. Two branches, so that each is one range of an index.
fn overlapping<'a, DB: Database, I: Instants<'a, DB>>(
    q: &mut QueryBuilder<'a, DB>,
    columns: &str,
    table: &str,
    long: i64,
    at: &I,
) {
    q.push(format!("SELECT {columns} FROM {table} WHERE starts_at >= "));
    q.push_bind(at.before_from(long)).push(" AND starts_at < ").push_bind(at.to());
    q.push(" AND ends_at > ").push_bind(at.before_from(0));
    q.push(format!(
        " UNION ALL SELECT {columns} FROM {} WHERE {} AND starts_at < ",
        at.long_rows(table, table),
        at.longer_than("", long)
    ));
    q.push_bind(at.before_from(long)).push(" AND ends_at > ").push_bind(at.before_from(0));
}

/// `alias.key IN (…)`: the rows of `table` that overlap the days.
fn near<'a, DB: Database, I: Instants<'a, DB>>(
    q: &mut QueryBuilder<'a, DB>,
    alias: &str,
    table: &str,
    long: i64,
    at: &I,
) {
    let key = at.key();
    q.push(format!("{alias}.{key} IN ("));
    overlapping(q, key, table, long, at);
    q.push(")");
}

/// A calendar item's row, `a`: the item, its visit and its room.
fn item_rows(items: &str) -> String {
    format!(
        "SELECT a.id, a.revision, a.visit_id, v.title AS visit_title, v.kind AS visit_kind, \
         v.status AS visit_status, a.title, a.kind, a.status, a.time_zone, a.starts_at, a.ends_at, a.location, \
         a.room_id, r.name AS room_name, r.chinese_name AS room_chinese_name, r.building AS room_building, \
         a.position FROM {items} JOIN visits v ON v.id = a.visit_id LEFT JOIN rooms r ON r.id = a.room_id WHERE "
    )
}

/// The order of the calendar's items: by start, then the coordinator's.
const ITEM_ORDER: &str = " ORDER BY starts_at, position, ends_at, id";

/// The agenda items of the days that the filters let through, by start.
///
/// Read straight from the index of starts, not by id from a list of ids
/// as the visits are: on a team server that index holds the columns shown
/// (migration 0015), and a month's 1,700 items, scattered over as many
/// pages of the table, are read from forty of the index's.
pub(crate) fn items<'a, DB: Database, I: Instants<'a, DB>>(
    query: &CalendarQuery,
    at: &I,
    max_items: u32,
) -> QueryBuilder<'a, DB>
where
    &'static str: Encode<'a, DB> + Type<DB>,
    Uuid: Encode<'a, DB> + Type<DB>,
    i64: Encode<'a, DB> + Type<DB>,
{
    let filters = |q: &mut QueryBuilder<'a, DB>| {
        q.push(" AND a.ends_at > ").push_bind(at.before_from(0));
        visit_filters(q, query);
        if let Some(person) = query.person_id {
            q.push(" AND EXISTS (SELECT 1 FROM agenda_participants p WHERE p.agenda_item_id = a.id AND p.person_id = ");
            q.push_bind(person).push(")");
        }
        if let Some(room) = query.room_id {
            q.push(" AND a.room_id = ").push_bind(room);
        }
    };
    // Those that start within a long item's span before the days or
    // during them, and the long ones that start earlier.
    let mut q = QueryBuilder::new("SELECT * FROM (");
    q.push(item_rows("agenda_items a")).push("a.starts_at >= ").push_bind(at.before_from(LONG_ITEM_SECS));
    q.push(" AND a.starts_at < ").push_bind(at.to());
    filters(&mut q);
    q.push(" UNION ALL ").push(item_rows(&at.long_rows("agenda_items", "a")));
    q.push(at.longer_than("a.", LONG_ITEM_SECS)).push(" AND a.starts_at < ");
    q.push_bind(at.before_from(LONG_ITEM_SECS));
    filters(&mut q);
    q.push(") AS shown").push(ITEM_ORDER).push(" LIMIT ").push_bind(i64::from(max_items));
    q
}

/// The rows of the items `ids` (not empty), in the calendar's order.
pub(crate) fn items_by_id<'a, DB: Database>(ids: &[Uuid]) -> QueryBuilder<'a, DB>
where
    Uuid: Encode<'a, DB> + Type<DB>,
{
    let mut q = QueryBuilder::new(item_rows("agenda_items a"));
    q.push("a.id IN (");
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    q.push(")").push(" ORDER BY a.starts_at, a.position, a.ends_at, a.id");
    q
}

/// The ids and times of every agenda item of the days, unfiltered, in the
/// calendar's order: read from the index of migration 0014 alone (the long
/// items from their partial index), for the month to choose the items it
/// shows before their rows are read.
pub(crate) fn item_times<'a, DB: Database, I: Instants<'a, DB>>(at: &I, max_items: u32) -> QueryBuilder<'a, DB>
where
    i64: Encode<'a, DB> + Type<DB>,
{
    let mut q = QueryBuilder::new("");
    overlapping(&mut q, "id, starts_at, ends_at, position", "agenda_items", LONG_ITEM_SECS, at);
    q.push(" ORDER BY starts_at, position, ends_at, id LIMIT ").push_bind(i64::from(max_items));
    q
}

/// The visits of the days that the filters let through, by start.
pub(crate) fn visits<'a, DB: Database, I: Instants<'a, DB>>(query: &CalendarQuery, at: &I) -> QueryBuilder<'a, DB>
where
    &'static str: Encode<'a, DB> + Type<DB>,
    Uuid: Encode<'a, DB> + Type<DB>,
{
    let mut q = QueryBuilder::new(
        "SELECT v.id, v.title, v.kind, v.status, v.time_zone, v.starts_at, v.ends_at, \
         coalesce(nullif(g.acronym, ''), g.name, nullif(h.acronym, ''), h.name, '') AS counterpart \
         FROM visits v LEFT JOIN organisations g ON g.id = v.guest_org_id \
         LEFT JOIN organisations h ON h.id = v.host_org_id WHERE ",
    );
    near(&mut q, "v", "visits", LONG_VISIT_SECS, at);
    visit_filters(&mut q, query);
    if let Some(person) = query.person_id {
        q.push(" AND EXISTS (SELECT 1 FROM participants p WHERE p.visit_id = v.id AND p.person_id = ");
        q.push_bind(person).push(")");
    }
    if let Some(room) = query.room_id {
        q.push(" AND EXISTS (SELECT 1 FROM agenda_items a WHERE a.visit_id = v.id AND a.room_id = ");
        q.push_bind(room).push(" AND a.starts_at < ").push_bind(at.to());
        q.push(" AND a.ends_at > ").push_bind(at.before_from(0)).push(")");
    }
    q.push(" ORDER BY v.starts_at, v.id");
    q
}

/// A closed set's value, stored as its text.
fn parsed<'r, R: Row, T: std::str::FromStr<Err = String>>(r: &'r R, column: &str) -> sqlx::Result<T>
where
    for<'s> &'s str: ColumnIndex<R>,
    String: Decode<'r, R::Database> + Type<R::Database>,
{
    let text: String = r.try_get(column)?;
    text.parse().map_err(|e: String| sqlx::Error::ColumnDecode { index: column.into(), source: e.into() })
}

pub(crate) fn item_row<'r, R>(r: &'r R, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> sqlx::Result<CalendarItem>
where
    R: Row,
    for<'s> &'s str: ColumnIndex<R>,
    String: Decode<'r, R::Database> + Type<R::Database>,
    Option<String>: Decode<'r, R::Database> + Type<R::Database>,
    i64: Decode<'r, R::Database> + Type<R::Database>,
    Uuid: Decode<'r, R::Database> + Type<R::Database>,
    Option<Uuid>: Decode<'r, R::Database> + Type<R::Database>,
{
    let zone_name: String = r.try_get("time_zone")?;
    let zone = stored_zone(&zone_name);
    Ok(CalendarItem {
        id: r.try_get("id")?,
        revision: r.try_get::<i64, _>("revision")?.try_into().unwrap_or(u32::MAX),
        visit_id: r.try_get("visit_id")?,
        visit_title: r.try_get("visit_title")?,
        visit_kind: parsed(r, "visit_kind")?,
        visit_status: parsed(r, "visit_status")?,
        title: r.try_get("title")?,
        kind: parsed(r, "kind")?,
        status: parsed(r, "status")?,
        start_local: format_local(starts_at, zone),
        end_local: format_local(ends_at, zone),
        start_shown: String::new(),
        end_shown: String::new(),
        time_zone: zone_name,
        place: room_place(
            r.try_get("room_name")?,
            r.try_get("room_chinese_name")?,
            r.try_get("room_building")?,
            r.try_get("location")?,
        ),
        room_id: r.try_get("room_id")?,
        starts_at,
        ends_at,
        conflicts: 0,
    })
}

pub(crate) fn visit_row<'r, R>(
    r: &'r R,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> sqlx::Result<CalendarVisit>
where
    R: Row,
    for<'s> &'s str: ColumnIndex<R>,
    String: Decode<'r, R::Database> + Type<R::Database>,
    Option<String>: Decode<'r, R::Database> + Type<R::Database>,
    i64: Decode<'r, R::Database> + Type<R::Database>,
    Uuid: Decode<'r, R::Database> + Type<R::Database>,
    Option<Uuid>: Decode<'r, R::Database> + Type<R::Database>,
{
    let zone_name: String = r.try_get("time_zone")?;
    let zone = stored_zone(&zone_name);
    Ok(CalendarVisit {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        kind: parsed(r, "kind")?,
        status: parsed(r, "status")?,
        start_local: format_local(starts_at, zone),
        end_local: format_local(ends_at, zone),
        start_shown: String::new(),
        end_shown: String::new(),
        time_zone: zone_name,
        counterpart: r.try_get("counterpart")?,
        starts_at,
        ends_at,
    })
}
