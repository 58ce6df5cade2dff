//! The calendar of every visit: the visits and agenda items of some days,
//! with every time given both in its own zone and in the zone the reader
//! picks, and the days on which the reader's clocks change; and moving an
//! item on it, which is a save of the item like any other.
//!
//! Wall-clock times in the reader's zone are worked out here, item by item,
//! from the stored instants, so that a week with a change of the clocks in
//! it puts every item after the change at its right hour: the page draws the
//! times it is given and does no zone arithmetic of its own.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use crate::error::{Problems, Result};
use crate::model::*;
use crate::problem::Problem;
use crate::service::Service;
use crate::storage::WantedItems;
use crate::time::{format_local, format_offset, parse_date, parse_time, parse_zone, wall_instant};
use crate::validate::AgendaItemInput;

/// The most days one question covers: six weeks, a month view's.
pub const MAX_DAYS: u32 = 42;
/// The most agenda items one question returns. A month of the benchmark's
/// busiest office holds about 1,400; beyond this the page could not draw
/// them usefully anyway, and says so.
pub const MAX_ITEMS: u32 = 5_000;

/// The conflicts of the items are worked out for up to this many days (a
/// week): visit by visit, as the Conflicts view does, which for a month of a
/// busy office would cost more than the month itself. A month's view shows
/// too little of each item to mark it anyway.
pub const CONFLICTS_UP_TO_DAYS: u32 = 7;

/// The offset of `zone` at `t`, as "+01:00".
fn offset_at(zone: Tz, t: DateTime<Utc>) -> (i32, String) {
    let secs = zone.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.abs();
    (secs, format!("{sign}{:02}:{:02}", abs / 3600, abs / 60 % 60))
}

/// The change of the clocks between `start` and `end`, if there is one: the
/// instant found by halving, to the minute.
fn clock_change(zone: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> Option<ClockChange> {
    let (before, before_text) = offset_at(zone, start);
    let (after, after_text) = offset_at(zone, end);
    if before == after {
        return None;
    }
    let (mut lo, mut hi) = (start, end);
    while hi - lo > Duration::minutes(1) {
        let mid = lo + (hi - lo) / 2;
        if offset_at(zone, mid).0 == before {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    // Changes happen on the minute; `hi` is the first instant after it,
    // shown on the clock as it read just before.
    let at = hi.with_timezone(&zone).naive_local() - Duration::seconds(i64::from(after - before));
    Some(ClockChange {
        at: at.format("%H:%M").to_string(),
        before: before_text,
        after: after_text,
        minutes: (after - before) / 60,
    })
}

impl Service {
    /// The visits and agenda items of `query.days` days from
    /// `query.first_day`, in the reader's zone.
    pub async fn calendar(&self, query: &CalendarQuery) -> Result<CalendarRange> {
        let mut p = Problems::new();
        let first = match parse_date(&query.first_day) {
            Ok(d) => Some(d),
            Err(e) => {
                p.push("first_day", e);
                None
            }
        };
        if !(1..=MAX_DAYS).contains(&query.days) {
            p.push("days", Problem::OutOfRange { min: 1, max: u64::from(MAX_DAYS) });
        }
        let zone = match parse_zone(&query.zone) {
            Ok(z) => Some(z),
            Err(e) => {
                p.push("zone", e);
                None
            }
        };
        let (Some(first), Some(zone)) = (first, zone) else { return Err(p.finish(|| ()).unwrap_err()) };
        p.finish(|| ())?;
        let midnight = |d: NaiveDate| wall_instant(d.and_time(NaiveTime::MIN), zone);
        let last = first + Duration::days(i64::from(query.days));
        let (from, to) = (midnight(first), midnight(last));

        let mut days = Vec::with_capacity(query.days as usize);
        let mut day = first;
        while day < last {
            let next = day + Duration::days(1);
            days.push(CalendarDay {
                date: day.format("%Y-%m-%d").to_string(),
                change: clock_change(zone, midnight(day), midnight(next)),
                items: 0,
                visits: 0,
            });
            day = next;
        }

        let mut c = self.read().await?;
        let unfiltered = query.visit_kinds.is_empty()
            && query.visit_statuses.is_empty()
            && query.organisation_id.is_none()
            && query.person_id.is_none()
            && query.room_id.is_none();
        let (mut visits, mut items, clipped, items_counted) = match query.per_day {
            // A month: its items chosen by their times alone (read from an
            // index), then only the rows of those it shows. Cold, after a
            // start, reading every row of a busy month took 40 ms.
            Some(per_day) if unfiltered => {
                let mut times: Vec<(Uuid, String, String)> = c
                    .calendar_times(from, to, MAX_ITEMS + 1)
                    .await?
                    .into_iter()
                    .map(|(id, start, end)| (id, format_local(start, zone), format_local(end, zone)))
                    .collect();
                let clipped = times.len() > MAX_ITEMS as usize;
                times.truncate(MAX_ITEMS as usize);
                thin(&mut days, &mut times, |d, t| day_span(d, &t.1, &t.2, true), Some(per_day), Counted::Items);
                let ids: Vec<Uuid> = times.iter().map(|t| t.0).collect();
                let (visits, items) = c.calendar(from, to, query, WantedItems::Ids(&ids)).await?;
                (visits, items, clipped, true)
            }
            _ => {
                let (visits, mut items) = c.calendar(from, to, query, WantedItems::Filtered(MAX_ITEMS + 1)).await?;
                let clipped = items.len() > MAX_ITEMS as usize;
                items.truncate(MAX_ITEMS as usize);
                (visits, items, clipped, false)
            }
        };
        drop(c);
        for v in &mut visits {
            v.start_shown = format_local(v.starts_at, zone);
            v.end_shown = format_local(v.ends_at, zone);
        }
        for i in &mut items {
            i.start_shown = format_local(i.starts_at, zone);
            i.end_shown = format_local(i.ends_at, zone);
        }
        if !items_counted {
            thin(
                &mut days,
                &mut items,
                |d, i| day_span(d, &i.start_shown, &i.end_shown, true),
                query.per_day,
                Counted::Items,
            );
        }
        thin(
            &mut days,
            &mut visits,
            |d, v| day_span(d, &v.start_shown, &v.end_shown, false),
            query.per_day,
            Counted::Visits,
        );
        let conflicts_checked = query.conflicts && query.days <= CONFLICTS_UP_TO_DAYS;
        if conflicts_checked {
            let mut visit_ids: Vec<Uuid> = items.iter().map(|i| i.visit_id).collect();
            visit_ids.sort_unstable();
            visit_ids.dedup();
            let mut count: std::collections::HashMap<Uuid, u32> = std::collections::HashMap::new();
            let mut seen = std::collections::HashSet::new();
            for v in visit_ids {
                let list = self.conflicts(&ConflictQuery { visit_id: Some(v), acknowledged: false }).await?;
                // A conflict between two visits is listed for both: counted once.
                for c in list.conflicts.into_iter().filter(|c| seen.insert(c.key.clone())) {
                    for i in &c.items {
                        *count.entry(i.id).or_default() += 1;
                    }
                }
            }
            for i in &mut items {
                i.conflicts = count.get(&i.id).copied().unwrap_or(0);
            }
        }
        Ok(CalendarRange { zone: zone.name().to_owned(), days, visits, items, clipped, conflicts_checked })
    }

    /// Moves an agenda item to a new start and end (dragged on the
    /// calendar, or a move undone): the same save as the item's form, with
    /// its checks and warnings, its SEQUENCE raised and the change in the
    /// visit's history. Times are wall times in `to.zone` (a time the clocks
    /// skip or repeat there is refused, as the form refuses it) or RFC 3339.
    pub async fn reschedule_agenda_item(&self, id: Uuid, base: u32, to: &Reschedule) -> Result<Saved<AgendaItem>> {
        let mut p = Problems::new();
        let zone = match parse_zone(&to.zone) {
            Ok(z) => z,
            Err(e) => {
                p.push("zone", e);
                Tz::UTC
            }
        };
        let mut at = |field: &str, text: &str| match parse_time(text, zone) {
            Ok(t) => Some(t),
            Err(e) => {
                p.push(field, e);
                None
            }
        };
        let (start, end) = (at("start", &to.start), at("end", &to.end));
        p.finish(|| ())?;
        let (Some(start), Some(end)) = (start, end) else { unreachable!("problems were recorded") };
        let item = self.read().await?.agenda_item(id).await?;
        // Said in the item's own zone, exactly: the save reads it back to the
        // same instants, whatever zone the calendar showed.
        let own = crate::time::stored_zone(&item.time_zone);
        let input =
            AgendaItemInput { start: format_offset(start, own), end: format_offset(end, own), ..(&item).into() };
        self.update_agenda_item(id, base, &input).await
    }
}

/// The days (indices into `days`) that a span runs on, shown as local
/// "YYYY-MM-DDTHH:MM" texts in the reader's zone: from its start's day to its
/// end's, except that an end at midnight does not touch the day it begins
/// (an item to 00:00 ends the day before; a visit is listed on every day
/// its dates name, as a month's cell shows it).
fn day_span(days: &[CalendarDay], start: &str, end: &str, midnight_ends: bool) -> std::ops::Range<usize> {
    let (first, mut last) = (start.get(..10).unwrap_or(start), end.get(..10).unwrap_or(end));
    if midnight_ends && end.get(11..) == Some("00:00") && last > first {
        // The day before: the last day listed that is earlier.
        let k = days.partition_point(|d| d.date.as_str() < last);
        return days.partition_point(|d| d.date.as_str() < first)..k;
    }
    if last < first {
        last = first;
    }
    days.partition_point(|d| d.date.as_str() < first)..days.partition_point(|d| d.date.as_str() <= last)
}

/// Which of a day's counts a list adds to.
#[derive(Clone, Copy)]
enum Counted {
    Items,
    Visits,
}

/// Counts what of `list` runs on each day (`span` says which days) and,
/// with `limit`, keeps only the first so many of each day: each is kept if
/// it is among the first of any day it runs on, so every day still lists
/// its first ones.
fn thin<T>(
    days: &mut [CalendarDay],
    list: &mut Vec<T>,
    span: impl Fn(&[CalendarDay], &T) -> std::ops::Range<usize>,
    limit: Option<u32>,
    counted: Counted,
) {
    let limit = limit.unwrap_or(u32::MAX);
    list.retain(|x| {
        let range = span(days, x);
        let mut kept = false;
        for d in &mut days[range] {
            let n = match counted {
                Counted::Items => &mut d.items,
                Counted::Visits => &mut d.visits,
            };
            kept |= *n < limit;
            *n += 1;
        }
        kept
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_with_a_change_of_the_clocks_says_when_and_which_way() {
        let zurich: Tz = "Europe/Zurich".parse().unwrap();
        let day = |d: &str| {
            let d = NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
            let m = |d: NaiveDate| wall_instant(d.and_time(NaiveTime::MIN), zurich);
            clock_change(zurich, m(d), m(d + Duration::days(1)))
        };
        let spring = day("2027-03-28").expect("clocks go forward");
        assert_eq!((spring.at.as_str(), spring.before.as_str(), spring.after.as_str()), ("02:00", "+01:00", "+02:00"));
        assert_eq!(spring.minutes, 60);
        let autumn = day("2027-10-31").expect("clocks go back");
        assert_eq!((autumn.at.as_str(), autumn.minutes), ("03:00", -60));
        assert_eq!(day("2027-03-27"), None);
        let shanghai: Tz = "Asia/Shanghai".parse().unwrap();
        let m = |d: &str| {
            wall_instant(NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap().and_time(NaiveTime::MIN), shanghai)
        };
        assert_eq!(clock_change(shanghai, m("2027-03-28"), m("2027-03-29")), None);
    }
}
