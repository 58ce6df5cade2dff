//! Conflicts across every visit: someone booked into two agenda items at
//! once, an interpreter above all. They are worked out from the agenda each
//! time they are asked for, never stored, so that no save can leave them
//! stale; what is stored is only that a coordinator accepted one, and why.

use std::collections::HashMap;

use uuid::Uuid;

use crate::error::{Error, Problems, Result};
use crate::model::*;
use crate::problem::Problem;
use crate::service::Service;
use crate::validate::{line, MAX_LINE};

/// Two bookings of one person that overlap, the earlier (by start, then
/// item) first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DoubleBooking {
    pub first: Booking,
    pub second: Booking,
}

/// Every pair of one person's bookings that overlap in time, for bookings
/// that touch `scope` (every pair when None). Times are instants, so a change
/// of the clocks between two items changes nothing. An item that ends as
/// another starts does not overlap it.
pub(crate) fn double_bookings(bookings: &mut [Booking], scope: Option<Uuid>) -> Vec<DoubleBooking> {
    bookings.sort_unstable_by_key(|b| (b.person_id, b.starts_at, b.item_id));
    let mut out = Vec::new();
    let mut active: Vec<Booking> = Vec::new();
    let mut person = None;
    for b in bookings.iter() {
        if person != Some(b.person_id) {
            person = Some(b.person_id);
            active.clear();
        }
        // Bookings that ended by this one's start overlap nothing further on.
        active.retain(|a| a.ends_at > b.starts_at);
        for a in &active {
            // The same item twice for one person cannot happen (the key of
            // agenda_participants), but the same item is never a clash.
            if a.item_id != b.item_id && scope.is_none_or(|v| a.visit_id == v || b.visit_id == v) {
                out.push(DoubleBooking { first: *a, second: *b });
            }
        }
        active.push(*b);
    }
    out
}

/// A conflict found, before its items and names are read.
struct Found {
    kind: ConflictKind,
    key: String,
    items: Vec<Uuid>,
    person: Option<Uuid>,
    room: Option<Uuid>,
    people: Option<u32>,
    availability: Option<Availability>,
}

/// The conflicts found in a scope, their rooms, and the acknowledgements.
struct Finding {
    found: Vec<Found>,
    rooms: HashMap<Uuid, Room>,
    acks: HashMap<String, Acknowledgement>,
}

impl Found {
    fn new(kind: ConflictKind, key: String, items: Vec<Uuid>) -> Self {
        Found { kind, key, items, person: None, room: None, people: None, availability: None }
    }
}

/// An item and its times (seconds), as keys name it.
fn item_key(item: Uuid, starts_at: chrono::DateTime<chrono::Utc>, ends_at: chrono::DateTime<chrono::Utc>) -> String {
    format!("{}@{}-{}", item.simple(), starts_at.timestamp(), ends_at.timestamp())
}

/// The key an acknowledgement is kept under: the kind, the person (or the
/// room), and each item with its times, so that moving either makes a new key.
fn key(kind: ConflictKind, d: &DoubleBooking) -> String {
    let item = |b: &Booking| item_key(b.item_id, b.starts_at, b.ends_at);
    format!("{}:{}:{}:{}", kind.as_str(), d.first.person_id.simple(), item(&d.first), item(&d.second))
}

/// A room's bookings as a person's: the same search finds a room in two
/// places at once.
fn as_booking(r: &RoomBooking) -> Booking {
    Booking {
        person_id: r.room_id,
        item_id: r.item_id,
        visit_id: r.visit_id,
        starts_at: r.starts_at,
        ends_at: r.ends_at,
        interpreter: false,
    }
}

/// Every conflict in `visit`'s scope (all visits' when None), not yet
/// named: what the list and the count share.
async fn find_conflicts(c: &mut Box<dyn crate::storage::Session>, visit: Option<Uuid>) -> Result<Finding> {
    let mut bookings = c.bookings(visit).await?;
    let pairs = double_bookings(&mut bookings, visit);
    let room_bookings = c.room_bookings(visit).await?;
    let mut as_people: Vec<Booking> = room_bookings.iter().map(as_booking).collect();
    let room_pairs = double_bookings(&mut as_people, visit);
    let rooms: HashMap<Uuid, Room> = if room_bookings.is_empty() {
        HashMap::new()
    } else {
        c.rooms().await?.into_iter().map(|r| (r.id, r)).collect()
    };
    let crowded: Vec<&RoomBooking> = room_bookings
        .iter()
        .filter(|b| visit.is_none_or(|v| b.visit_id == v))
        .filter(|b| rooms.get(&b.room_id).and_then(|r| r.capacity).is_some_and(|cap| b.people > cap))
        .collect();
    // The periods of the people booked: everyone's when all are asked for.
    let mut booked: Vec<Uuid> = bookings.iter().map(|b| b.person_id).collect();
    booked.sort_unstable();
    booked.dedup();
    let mut periods: HashMap<Uuid, Vec<Availability>> = HashMap::new();
    let listed =
        if visit.is_some() { c.availability_of(Some(&booked)).await? } else { c.availability_of(None).await? };
    for a in listed {
        periods.entry(a.person_id).or_default().push(a);
    }
    // Each booking of the scope with each period it falls in, found once.
    let blocked: Vec<(&Booking, &Availability)> = bookings
        .iter()
        .filter(|b| visit.is_none_or(|v| b.visit_id == v))
        .flat_map(|b| {
            periods
                .get(&b.person_id)
                .into_iter()
                .flatten()
                .filter(|a| a.blocks(b.starts_at, b.ends_at))
                .map(move |a| (b, a))
        })
        .collect();
    let mut found: Vec<Found> = Vec::new();
    for d in &pairs {
        let kind = if d.first.interpreter || d.second.interpreter {
            ConflictKind::InterpreterDoubleBooked
        } else {
            ConflictKind::PersonDoubleBooked
        };
        let ids = vec![d.first.item_id, d.second.item_id];
        found.push(Found { person: Some(d.first.person_id), ..Found::new(kind, key(kind, d), ids) });
    }
    for d in &room_pairs {
        let kind = ConflictKind::RoomDoubleBooked;
        let ids = vec![d.first.item_id, d.second.item_id];
        found.push(Found { room: Some(d.first.person_id), ..Found::new(kind, key(kind, d), ids) });
    }
    // Someone booked when a period of theirs says they cannot be. The
    // period's last change is in the key: a changed period asks again.
    for (b, a) in &blocked {
        let kind = ConflictKind::OutsideAvailability;
        let key = format!(
            "{}:{}:{}:{}@{}",
            kind.as_str(),
            b.person_id.simple(),
            item_key(b.item_id, b.starts_at, b.ends_at),
            a.id.simple(),
            a.updated_at.timestamp()
        );
        found.push(Found {
            person: Some(b.person_id),
            availability: Some((*a).clone()),
            ..Found::new(kind, key, vec![b.item_id])
        });
    }
    for b in &crowded {
        let kind = ConflictKind::OverCapacity;
        // The count is in the key: more people than before ask again.
        let key = format!(
            "{}:{}:{}:{}",
            kind.as_str(),
            b.room_id.simple(),
            item_key(b.item_id, b.starts_at, b.ends_at),
            b.people
        );
        found.push(Found { room: Some(b.room_id), people: Some(b.people), ..Found::new(kind, key, vec![b.item_id]) });
    }
    let acks = c.acknowledgements().await?;
    Ok(Finding { found, rooms, acks })
}

impl Service {
    /// How many conflicts are open (not acknowledged), across every visit:
    /// the count beside Conflicts in the window's bar, asked after every
    /// save. It reads no names or titles, and sends no list.
    pub async fn open_conflict_count(&self) -> Result<u32> {
        let mut c = self.read().await?;
        let f = find_conflicts(&mut c, None).await?;
        Ok(f.found.iter().filter(|x| !f.acks.contains_key(&x.key)).count().try_into().unwrap_or(u32::MAX))
    }

    /// The conflicts `query` asks for, by the start of their first item.
    pub async fn conflicts(&self, query: &ConflictQuery) -> Result<ConflictList> {
        let mut c = self.read().await?;
        let Finding { found, rooms, acks } = find_conflicts(&mut c, query.visit_id).await?;
        // Names and titles only of what is listed.
        let listed = || found.iter().filter(|f| query.acknowledged || !acks.contains_key(&f.key));
        let mut item_ids: Vec<Uuid> = listed().flat_map(|f| f.items.iter().copied()).collect();
        item_ids.sort_unstable();
        item_ids.dedup();
        let mut person_ids: Vec<Uuid> = listed().filter_map(|f| f.person).collect();
        person_ids.sort_unstable();
        person_ids.dedup();
        let items: HashMap<Uuid, ConflictItem> =
            c.conflict_items(&item_ids).await?.into_iter().map(|i| (i.id, i)).collect();
        let people: HashMap<Uuid, PersonName> = c
            .people_by_ids(&person_ids)
            .await?
            .into_iter()
            .map(|p| {
                (p.id, PersonName { id: p.id, name: p.name, chinese_name: p.chinese_name, native_name: p.native_name })
            })
            .collect();
        let (mut open, mut acknowledged) = (0, 0);
        let mut conflicts = Vec::new();
        for f in found {
            let Found { kind, key, items: ids, person, room, people: count, availability } = f;
            let ack = acks.get(&key).cloned();
            if ack.is_some() {
                acknowledged += 1;
            } else {
                open += 1;
            }
            if ack.is_some() && !query.acknowledged {
                continue;
            }
            let Some(listed) = ids.iter().map(|id| items.get(id).cloned()).collect::<Option<Vec<_>>>() else {
                // Deleted between the two reads: no longer a conflict.
                continue;
            };
            conflicts.push(Conflict {
                key,
                kind,
                items: listed,
                person: person.and_then(|p| people.get(&p).cloned()),
                room: room.and_then(|r| rooms.get(&r).cloned()),
                people: count,
                availability,
                acknowledged: ack,
            });
        }
        conflicts.sort_by(|x, y| (x.items[0].starts_at, &x.key).cmp(&(y.items[0].starts_at, &y.key)));
        Ok(ConflictList { conflicts, open, acknowledged })
    }

    /// Accepts a conflict, with why (required). It must be one there is now.
    pub async fn acknowledge_conflict(&self, key: &str, note: &str) -> Result<()> {
        let mut p = Problems::new();
        let note = line(&mut p, "note", note, MAX_LINE, true);
        p.finish(|| ())?;
        let visit = self.conflict_visit(key).await?;
        let current = self.conflicts(&ConflictQuery { visit_id: Some(visit), acknowledged: true }).await?;
        if !current.conflicts.iter().any(|c| c.key == key) {
            return Err(Error::invalid("key", Problem::NoSuchConflict));
        }
        let mut tx = self.write().await?;
        tx.acknowledge(key, &note).await?;
        tx.commit().await
    }

    /// Takes an acknowledgement back: the conflict is open again.
    pub async fn unacknowledge_conflict(&self, key: &str) -> Result<()> {
        let mut tx = self.write().await?;
        if !tx.unacknowledge(key).await? {
            return Err(Error::invalid("key", Problem::NoSuchConflict));
        }
        tx.commit().await
    }

    /// The visit of a conflict's first item, from its key.
    async fn conflict_visit(&self, key: &str) -> Result<Uuid> {
        let first = key
            .split(':')
            .nth(2)
            .and_then(|item| item.split('@').next())
            .and_then(|id| id.parse::<Uuid>().ok())
            .ok_or_else(|| Error::invalid("key", Problem::NoSuchConflict))?;
        match self.read().await?.agenda_item(first).await {
            Ok(item) => Ok(item.visit_id),
            Err(Error::NotFound { .. }) => Err(Error::invalid("key", Problem::NoSuchConflict)),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn booking(person: u128, item: u128, visit: u128, start: &str, end: &str) -> Booking {
        Booking {
            person_id: Uuid::from_u128(person),
            item_id: Uuid::from_u128(item),
            visit_id: Uuid::from_u128(visit),
            starts_at: at(start),
            ends_at: at(end),
            interpreter: false,
        }
    }

    #[test]
    fn overlapping_bookings_of_one_person_pair_up_and_touching_ones_do_not() {
        let mut b = vec![
            booking(1, 10, 100, "2027-03-10T09:00:00Z", "2027-03-10T10:00:00Z"),
            booking(1, 11, 100, "2027-03-10T10:00:00Z", "2027-03-10T11:00:00Z"), // touches 10
            booking(1, 12, 200, "2027-03-10T09:30:00Z", "2027-03-10T12:00:00Z"), // overlaps 10 and 11
            booking(2, 12, 200, "2027-03-10T09:30:00Z", "2027-03-10T12:00:00Z"),
            booking(2, 13, 300, "2027-03-10T13:00:00Z", "2027-03-10T14:00:00Z"),
        ];
        let pairs: Vec<(u128, u128)> = double_bookings(&mut b, None)
            .iter()
            .map(|d| (d.first.item_id.as_u128(), d.second.item_id.as_u128()))
            .collect();
        assert_eq!(pairs, [(10, 12), (12, 11)]);
        // Only those touching visit 100; visit 300 has none.
        assert_eq!(double_bookings(&mut b, Some(Uuid::from_u128(100))).len(), 2);
        assert!(double_bookings(&mut b, Some(Uuid::from_u128(300))).is_empty());
    }

    #[test]
    fn a_long_booking_overlaps_every_later_one_it_spans() {
        let mut b = vec![
            booking(1, 1, 1, "2027-03-10T08:00:00Z", "2027-03-10T18:00:00Z"),
            booking(1, 2, 2, "2027-03-10T09:00:00Z", "2027-03-10T09:30:00Z"),
            booking(1, 3, 3, "2027-03-10T10:00:00Z", "2027-03-10T10:30:00Z"),
            booking(1, 4, 4, "2027-03-10T18:00:00Z", "2027-03-10T19:00:00Z"),
        ];
        let n = double_bookings(&mut b, None).len();
        assert_eq!(n, 2);
    }
}
