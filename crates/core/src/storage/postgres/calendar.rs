//! The calendar's questions (built in `storage::calendar`) on a team
//! server, where instants are timestamptz, and their rows.

use chrono::{DateTime, Duration, Utc};
use sqlx::{PgConnection, Postgres, Row};

use crate::error::Result;
use crate::model::*;
use crate::storage::calendar::{item_row, item_times, items, items_by_id, visit_row, visits, Instants};
use crate::storage::WantedItems;
use uuid::Uuid;

struct Stamps {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
}

impl<'a> Instants<'a, Postgres> for Stamps {
    type At = DateTime<Utc>;
    fn before_from(&self, secs: i64) -> DateTime<Utc> {
        self.from - Duration::seconds(secs)
    }
    fn to(&self) -> DateTime<Utc> {
        self.to
    }
    fn longer_than(&self, of: &str, secs: i64) -> String {
        // As the partial indexes of migration 0011 say it, for them to apply.
        format!("{of}ends_at - {of}starts_at > interval '{} days'", secs / 86_400)
    }
    fn key(&self) -> &'static str {
        "id"
    }
}

pub async fn range(
    conn: &mut PgConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    query: &CalendarQuery,
    wanted: WantedItems<'_>,
) -> Result<(Vec<CalendarVisit>, Vec<CalendarItem>)> {
    let at = Stamps { from, to };
    let mut found = Vec::new();
    let rows = match wanted {
        WantedItems::Filtered(max_items) => items(query, &at, max_items).build().fetch_all(&mut *conn).await?,
        WantedItems::Ids([]) => Vec::new(),
        WantedItems::Ids(ids) => items_by_id(ids).build().fetch_all(&mut *conn).await?,
    };
    for r in rows {
        found.push(item_row(&r, r.try_get("starts_at")?, r.try_get("ends_at")?)?);
    }
    let mut shown = Vec::new();
    for r in visits(query, &at).build().fetch_all(&mut *conn).await? {
        shown.push(visit_row(&r, r.try_get("starts_at")?, r.try_get("ends_at")?)?);
    }
    Ok((shown, found))
}

pub async fn times(
    conn: &mut PgConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    max_items: u32,
) -> Result<Vec<(Uuid, DateTime<Utc>, DateTime<Utc>)>> {
    let at = Stamps { from, to };
    let mut out = Vec::new();
    for r in item_times(&at, max_items).build().fetch_all(&mut *conn).await? {
        out.push((r.try_get("id")?, r.try_get("starts_at")?, r.try_get("ends_at")?));
    }
    Ok(out)
}
