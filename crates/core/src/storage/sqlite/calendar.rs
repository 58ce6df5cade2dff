//! The calendar's questions (built in `storage::calendar`) on the local
//! file, where instants are unix seconds, and their rows.

use chrono::{DateTime, Utc};
use sqlx::{Row, Sqlite, SqliteConnection};

use crate::error::Result;
use crate::model::*;
use crate::storage::calendar::{item_row, item_times, items, items_by_id, visit_row, visits, Instants};
use crate::storage::WantedItems;
use crate::time::from_unix;
use uuid::Uuid;

struct Seconds {
    from: i64,
    to: i64,
}

impl<'a> Instants<'a, Sqlite> for Seconds {
    type At = i64;
    fn before_from(&self, secs: i64) -> i64 {
        self.from - secs
    }
    fn to(&self) -> i64 {
        self.to
    }
    fn longer_than(&self, of: &str, secs: i64) -> String {
        // As the partial indexes of migration 0012 say it, for them to apply.
        format!("{of}ends_at - {of}starts_at > {secs}")
    }
    fn key(&self) -> &'static str {
        "rowid"
    }
    fn long_rows(&self, table: &str, alias: &str) -> String {
        format!("{table} AS {alias} INDEXED BY {table}_long")
    }
}

pub async fn range(
    conn: &mut SqliteConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    query: &CalendarQuery,
    wanted: WantedItems<'_>,
) -> Result<(Vec<CalendarVisit>, Vec<CalendarItem>)> {
    let at = Seconds { from: from.timestamp(), to: to.timestamp() };
    let mut found = Vec::new();
    let rows = match wanted {
        WantedItems::Filtered(max_items) => items(query, &at, max_items).build().fetch_all(&mut *conn).await?,
        WantedItems::Ids([]) => Vec::new(),
        WantedItems::Ids(ids) => items_by_id(ids).build().fetch_all(&mut *conn).await?,
    };
    for r in rows {
        found.push(item_row(&r, from_unix(r.try_get("starts_at")?), from_unix(r.try_get("ends_at")?))?);
    }
    let mut shown = Vec::new();
    for r in visits(query, &at).build().fetch_all(&mut *conn).await? {
        shown.push(visit_row(&r, from_unix(r.try_get("starts_at")?), from_unix(r.try_get("ends_at")?))?);
    }
    Ok((shown, found))
}

pub async fn times(
    conn: &mut SqliteConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    max_items: u32,
) -> Result<Vec<(Uuid, DateTime<Utc>, DateTime<Utc>)>> {
    let at = Seconds { from: from.timestamp(), to: to.timestamp() };
    let mut out = Vec::new();
    for r in item_times(&at, max_items).build().fetch_all(&mut *conn).await? {
        out.push((r.try_get("id")?, from_unix(r.try_get("starts_at")?), from_unix(r.try_get("ends_at")?)));
    }
    Ok(out)
}
