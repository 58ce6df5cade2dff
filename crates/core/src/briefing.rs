//! What a visit's documents draw on beyond the visit itself: the full
//! records of the people and organisations taking part (their notes,
//! languages, dietary and access needs), the earlier visits with the guest
//! organisation, and the rooms the agenda books. Read in one snapshot, so
//! that a briefing pack never mixes two states of a visit being edited.

use std::collections::HashSet;

use serde::Serialize;
use uuid::Uuid;

use crate::error::Result;
use crate::model::{Organisation, Person, Room, Visit, VisitDetail};
use crate::seating::SeatingPlan;
use crate::service::{detail, Service};
use crate::storage::Session;

/// How many earlier visits a briefing recalls: the latest, which are the
/// ones a leader is asked about.
pub const EARLIER_VISITS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Briefing {
    pub detail: VisitDetail,
    /// The participants' own records, in the detail's participant order.
    pub people: Vec<Person>,
    /// The host, the guest, then the participants' organisations, each once.
    pub organisations: Vec<Organisation>,
    /// Visits with the guest organisation (as host or as guest) that began
    /// before this one, the latest first, at most [`EARLIER_VISITS`].
    /// Without a guest organisation, those with the host.
    pub earlier: Vec<Visit>,
    /// The rooms the agenda books, in the order first booked.
    pub rooms: Vec<Room>,
    /// Where everyone sits, at the meeting table and at the banquet.
    pub seating: SeatingPlan,
}

impl Service {
    /// Everything the documents of visit `id` need.
    pub async fn briefing(&self, id: Uuid) -> Result<Briefing> {
        let mut c = self.storage().snapshot().await?;
        let result = briefing_on(&mut *c, id).await;
        c.commit().await?;
        result
    }
}

async fn briefing_on(c: &mut dyn Session, id: Uuid) -> Result<Briefing> {
    let detail = detail(c, id).await?;
    let person_ids: Vec<Uuid> = detail.participants.iter().map(|p| p.person_id).collect();
    let mut people = c.people_by_ids(&person_ids).await?;
    people.sort_by_key(|p| person_ids.iter().position(|id| *id == p.id));

    let mut org_ids: Vec<Uuid> = Vec::new();
    let v = &detail.visit;
    for id in
        [v.host_org_id, v.guest_org_id].into_iter().flatten().chain(people.iter().filter_map(|p| p.organisation_id))
    {
        if !org_ids.contains(&id) {
            org_ids.push(id);
        }
    }
    let mut organisations = c.organisations_by_ids(&org_ids).await?;
    organisations.sort_by_key(|o| org_ids.iter().position(|id| *id == o.id));

    let earlier = match v.guest_org_id.or(v.host_org_id) {
        Some(org) => {
            let mut visits: Vec<Visit> = c
                .visits_of_organisation(org)
                .await?
                .into_iter()
                .filter(|e| e.id != v.id && e.starts_at < v.starts_at)
                .collect();
            visits.sort_by(|a, b| b.starts_at.cmp(&a.starts_at).then(a.id.cmp(&b.id)));
            visits.truncate(EARLIER_VISITS);
            visits
        }
        None => Vec::new(),
    };

    let mut rooms = Vec::new();
    let mut seen = HashSet::new();
    for room in detail.agenda.iter().filter_map(|a| a.room_id) {
        if seen.insert(room) {
            rooms.push(c.room(room).await?);
        }
    }
    let seating = crate::seating::seating_on(c, id).await?;
    Ok(Briefing { detail, people, organisations, earlier, rooms, seating })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::SAMPLE_VISIT_ID;

    #[tokio::test]
    async fn the_sample_briefing_has_every_participant_their_organisations_and_its_rooms() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        // Two items in one room, one in another: each room once.
        let room = |name: &str| crate::validate::RoomInput { name: name.into(), ..Default::default() };
        let (a, b) = (s.create_room(&room("Room A")).await.unwrap(), s.create_room(&room("Room B")).await.unwrap());
        let agenda = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap().agenda;
        for (item, room) in agenda.iter().zip([a.id, b.id, a.id]) {
            let mut input = crate::validate::AgendaItemInput::from(item);
            input.room_id = Some(room);
            s.update_agenda_item(item.id, item.revision, &input).await.unwrap();
        }
        let b = s.briefing(SAMPLE_VISIT_ID).await.unwrap();
        assert_eq!(b.rooms.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Room A", "Room B"]);
        assert!(!b.detail.participants.is_empty());
        let order: Vec<Uuid> = b.detail.participants.iter().map(|p| p.person_id).collect();
        let people: Vec<Uuid> = b.people.iter().map(|p| p.id).collect();
        assert_eq!(people, order, "records in precedence order");
        let v = &b.detail.visit;
        assert_eq!(b.organisations.first().map(|o| o.id), v.host_org_id);
        for p in &b.people {
            if let Some(org) = p.organisation_id {
                assert!(b.organisations.iter().any(|o| o.id == org), "{}'s organisation", p.name);
            }
        }
        let booked: HashSet<Uuid> = b.detail.agenda.iter().filter_map(|a| a.room_id).collect();
        assert_eq!(b.rooms.iter().map(|r| r.id).collect::<HashSet<_>>(), booked);
    }

    #[tokio::test]
    async fn earlier_visits_are_those_with_the_guest_before_this_one_latest_first() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let this = s.visit(SAMPLE_VISIT_ID).await.unwrap();
        let guest = this.guest_org_id.expect("the sample has a guest");
        // Three earlier visits with the guest, one later, one with someone else.
        let mut input = crate::validate::VisitInput {
            title: String::new(),
            start: String::new(),
            end: String::new(),
            time_zone: this.time_zone.clone(),
            guest_org_id: Some(guest),
            ..Default::default()
        };
        for (title, start, end, with_guest) in [
            ("Earlier one", "2017-05-06T09:00", "2017-05-07T17:00", true),
            ("Earlier two", "2019-05-06T09:00", "2019-05-07T17:00", true),
            ("Earlier three", "2021-05-06T09:00", "2021-05-07T17:00", true),
            ("Later", "2031-05-06T09:00", "2031-05-07T17:00", true),
            ("Someone else", "2020-05-06T09:00", "2020-05-07T17:00", false),
        ] {
            input.title = title.into();
            input.start = start.into();
            input.end = end.into();
            input.guest_org_id = with_guest.then_some(guest);
            s.create_visit(&input).await.unwrap();
        }
        let b = s.briefing(SAMPLE_VISIT_ID).await.unwrap();
        let titles: Vec<&str> = b.earlier.iter().map(|v| v.title.as_str()).collect();
        assert_eq!(titles, ["Earlier three", "Earlier two", "Earlier one"]);
    }
}
