//! Where people sit: the placement rules of a protocol office, for a
//! meeting table and for round banquet tables. Pure rules, no storage: the
//! seating plan document draws what these return, and a coordinator's
//! swaps are made on top of them.
//!
//! The conventions, as protocol offices state them:
//! - At a meeting table the two delegations sit on facing sides, the guests
//!   facing the door, each head at the centre of their side, opposite the
//!   other head. The others sit alternately on the head's two hands by
//!   precedence: the second on the hand that ranks higher, the third on the
//!   other, and so on outward. "Right" is the seated head's right.
//! - Which hand ranks higher is the visit's choice ([`Honour`]): the right
//!   at foreign-affairs events (international practice), the left in
//!   Chinese domestic practice.
//! - An interpreter sits behind the principal of their side, or beside
//!   them on the lower-ranking hand, moving the others on that hand out.
//! - At a round banquet table the host sits facing the door and the second
//!   host opposite; the principal guest sits on the host's higher-ranking
//!   hand, the second guest on the second host's, the third and fourth
//!   guests on their other hands; the rest follow outward, host side and
//!   guest side by turns.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::model::Role;

/// Which hand of a seated principal ranks higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Honour {
    /// International practice, and China's at foreign-affairs events.
    #[default]
    Right,
    /// Chinese domestic practice.
    Left,
}

impl Honour {
    pub fn as_str(self) -> &'static str {
        match self {
            Honour::Right => "right",
            Honour::Left => "left",
        }
    }

    /// +1 when the higher-ranking hand is the right, the direction in
    /// which [`SideSeats`] offsets count.
    fn sign(self) -> i32 {
        match self {
            Honour::Right => 1,
            Honour::Left => -1,
        }
    }
}

/// Where an interpreter sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InterpreterSeat {
    #[default]
    Behind,
    Beside,
}

impl InterpreterSeat {
    pub fn as_str(self) -> &'static str {
        match self {
            InterpreterSeat::Behind => "behind",
            InterpreterSeat::Beside => "beside",
        }
    }
}

impl std::str::FromStr for Honour {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        [Honour::Right, Honour::Left]
            .into_iter()
            .find(|h| h.as_str() == s)
            .ok_or_else(|| format!("'{s}' is not right or left"))
    }
}

impl std::str::FromStr for InterpreterSeat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        [InterpreterSeat::Behind, InterpreterSeat::Beside]
            .into_iter()
            .find(|h| h.as_str() == s)
            .ok_or_else(|| format!("'{s}' is not behind or beside"))
    }
}

/// Someone to seat: who, and whether they interpret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sitter {
    pub id: Uuid,
    pub role: Role,
}

/// One side of a meeting table as its people see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SideSeats {
    /// The front row, from the seated people's left hand to their right.
    pub front: Vec<Uuid>,
    /// The principal's place in `front` (none when nobody sits).
    pub head: Option<usize>,
    /// Those behind the front row: each with the front seat they sit behind.
    pub behind: Vec<(Uuid, usize)>,
}

/// Seats one delegation along its side of a meeting table. `people` are
/// those attending, in precedence order: the first is the principal (the
/// head of delegation, or whoever leads in their absence).
pub fn meeting_side(people: &[Sitter], honour: Honour, interpreter: InterpreterSeat) -> SideSeats {
    let (interpreters, others): (Vec<&Sitter>, Vec<&Sitter>) =
        people.iter().partition(|s| s.role == Role::Interpreter && people.len() > 1);
    let h = honour.sign();
    // Offsets from the principal, counted positive towards their right.
    let mut placed: Vec<(i32, Uuid)> = others
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let k = k as i32;
            let out = (k + 1) / 2;
            let offset = if k == 0 {
                0
            } else if k % 2 == 1 {
                out * h
            } else {
                -out * h
            };
            (offset, s.id)
        })
        .collect();
    let mut behind_ids = Vec::new();
    if !placed.is_empty() {
        match interpreter {
            InterpreterSeat::Behind => behind_ids.extend(interpreters.iter().map(|s| s.id)),
            InterpreterSeat::Beside => {
                // Beside the principal on the lower hand, the others on that
                // hand one further out for each interpreter.
                let lower = -h;
                let n = interpreters.len() as i32;
                for (offset, _) in placed.iter_mut() {
                    if *offset * lower > 0 {
                        *offset += lower * n;
                    }
                }
                for (i, s) in interpreters.iter().enumerate() {
                    placed.push((lower * (i as i32 + 1), s.id));
                }
            }
        }
    } else {
        // Only interpreters: they are the side.
        placed.extend(interpreters.iter().enumerate().map(|(i, s)| (i as i32, s.id)));
    }
    placed.sort_by_key(|(offset, _)| *offset);
    let front: Vec<Uuid> = placed.iter().map(|(_, id)| *id).collect();
    let head = placed.iter().position(|(offset, _)| *offset == 0);
    let behind = match head {
        Some(at) => behind_ids.into_iter().map(|id| (id, at)).collect(),
        None => Vec::new(),
    };
    SideSeats { front, head, behind }
}

/// One round table: seat 0 faces the door, and the seats are numbered
/// clockwise seen from above.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RoundTable {
    /// Each seat's sitter; None for an empty seat.
    pub seats: Vec<Option<Uuid>>,
}

/// The seat on `from`'s `hand` side, `steps` seats away. Seen from above,
/// a seated person's right is the counter-clockwise neighbour.
fn beside(from: usize, steps: usize, right: bool, n: usize) -> usize {
    let steps = steps % n;
    if right {
        (from + n - steps) % n
    } else {
        (from + steps) % n
    }
}

/// Seats hosts and guests (each in precedence order) at round tables of
/// `size` seats: the first table is the principal one; whoever does not
/// fit goes to the next, seated by the same rule around that table's
/// first host.
pub fn banquet(hosts: &[Uuid], guests: &[Uuid], size: usize, honour: Honour) -> Vec<RoundTable> {
    let size = size.max(2);
    let mut tables = Vec::new();
    let (mut hosts, mut guests) = (hosts, guests);
    while !hosts.is_empty() || !guests.is_empty() {
        let mut seats: Vec<Option<Uuid>> = vec![None; size];
        let right = honour == Honour::Right;
        let opposite = size / 2;
        // Seats in the order they are given away: nearest the host first,
        // then nearest the second host, on the higher hand first, outward.
        let mut order: Vec<(usize, bool)> = Vec::new(); // (seat, for a guest?)
        let anchors = [0, opposite];
        let mut taken = vec![false; size];
        taken[0] = true;
        if size > 2 {
            taken[opposite] = true;
        }
        for step in 1..=size {
            for hand in [right, !right] {
                for anchor in anchors {
                    let seat = beside(anchor, step, hand, size);
                    if !taken[seat] {
                        taken[seat] = true;
                        order.push((seat, step % 2 == 1));
                    }
                }
            }
        }
        // The host and second host at their anchors.
        let mut h = hosts.iter();
        let mut g = guests.iter();
        if let Some(id) = h.next().or_else(|| g.next()) {
            seats[0] = Some(*id);
        }
        if size > 2 {
            if let Some(id) = h.next() {
                seats[opposite] = Some(*id);
            }
        }
        // The seats next to each anchor go to guests, the next ring to
        // hosts, by turns; when one side runs out the other fills in.
        for (seat, for_guest) in order {
            let id = if for_guest { g.next().or_else(|| h.next()) } else { h.next().or_else(|| g.next()) };
            match id {
                Some(id) => seats[seat] = Some(*id),
                None => break,
            }
        }
        let seated_hosts = hosts.len() - h.as_slice().len();
        let seated_guests = guests.len() - g.as_slice().len();
        hosts = &hosts[seated_hosts..];
        guests = &guests[seated_guests..];
        tables.push(RoundTable { seats });
    }
    tables
}

/// Where the seating plan is: at the meeting table, or at the banquet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SeatingAt {
    Meeting,
    Banquet,
}

/// How a visit's people are seated, saved with the visit: the visit's
/// convention, and the coordinator's changes on top of the rules. Swaps
/// are kept rather than seats, so that someone added to the visit later
/// is still seated by the rules, and a swap with someone who left simply
/// no longer applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SeatingRules {
    pub honour: Honour,
    pub interpreter: InterpreterSeat,
    /// Seats at each banquet table.
    pub table_size: u32,
    /// At the meeting table, each pair exchanging seats, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meeting_swaps: Vec<(Uuid, Uuid)>,
    /// The same at the banquet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub banquet_swaps: Vec<(Uuid, Uuid)>,
}

/// The banquet tables' size unless the visit says otherwise: ten is the
/// usual round table.
pub const TABLE_SIZE: u32 = 10;
/// The sizes a round table can have.
pub const TABLE_SIZES: std::ops::RangeInclusive<u32> = 4..=24;

impl Default for SeatingRules {
    fn default() -> Self {
        SeatingRules {
            honour: Honour::Right,
            interpreter: InterpreterSeat::Behind,
            table_size: TABLE_SIZE,
            meeting_swaps: Vec::new(),
            banquet_swaps: Vec::new(),
        }
    }
}

impl SeatingRules {
    /// The swaps of `setting`.
    pub fn swaps_mut(&mut self, at: SeatingAt) -> &mut Vec<(Uuid, Uuid)> {
        match at {
            SeatingAt::Meeting => &mut self.meeting_swaps,
            SeatingAt::Banquet => &mut self.banquet_swaps,
        }
    }

    /// The rules as they are worth keeping: swaps of someone not among
    /// `present` dropped, a swap undone by the next one (the same pair
    /// again) dropped with it, and a swap of someone with themselves.
    pub fn tidied(mut self, present: &[Uuid]) -> Self {
        for at in [SeatingAt::Meeting, SeatingAt::Banquet] {
            let swaps = self.swaps_mut(at);
            let mut kept: Vec<(Uuid, Uuid)> = Vec::new();
            for &(a, b) in swaps.iter() {
                if a == b || !present.contains(&a) || !present.contains(&b) {
                    continue;
                }
                let same = |&(x, y): &(Uuid, Uuid)| (x, y) == (a, b) || (x, y) == (b, a);
                if kept.last().is_some_and(same) {
                    kept.pop();
                } else {
                    kept.push((a, b));
                }
            }
            *swaps = kept;
        }
        self
    }
}

/// The seats of a visit: the meeting table's two sides and the banquet's
/// tables, the rules applied and then the coordinator's swaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SeatingPlan {
    pub rules: SeatingRules,
    pub hosts: SideSeats,
    pub guests: SideSeats,
    pub tables: Vec<RoundTable>,
    /// The visit's revision of the rules, for saving over them (0: never saved).
    pub revision: u32,
}

/// Someone of a visit, as the plan needs them: by side, in precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attendee {
    pub id: Uuid,
    pub side: crate::model::Side,
    pub role: Role,
}

/// Exchanges `a` and `b` wherever they sit among `seats`.
fn swap_in(seats: &mut [&mut Uuid], a: Uuid, b: Uuid) -> bool {
    let at_a = seats.iter().position(|s| **s == a);
    let at_b = seats.iter().position(|s| **s == b);
    match (at_a, at_b) {
        (Some(i), Some(j)) => {
            *seats[i] = b;
            *seats[j] = a;
            true
        }
        _ => false,
    }
}

/// The plan of people `present` (hosts then guests, each in precedence
/// order, as a visit lists them) under `rules`. At the meeting table a
/// swap stays within a side (the delegations face each other); at the
/// banquet anyone may change places.
pub fn plan(present: &[Attendee], rules: SeatingRules, revision: u32) -> SeatingPlan {
    use crate::model::Side;
    let side = |s: Side| -> Vec<Sitter> {
        present.iter().filter(|g| g.side == s).map(|g| Sitter { id: g.id, role: g.role }).collect()
    };
    let (host_sitters, guest_sitters) = (side(Side::Host), side(Side::Guest));
    let mut hosts = meeting_side(&host_sitters, rules.honour, rules.interpreter);
    let mut guests = meeting_side(&guest_sitters, rules.honour, rules.interpreter);
    for &(a, b) in &rules.meeting_swaps {
        for s in [&mut hosts, &mut guests] {
            let mut seats: Vec<&mut Uuid> = s.front.iter_mut().chain(s.behind.iter_mut().map(|(id, _)| id)).collect();
            swap_in(&mut seats, a, b);
        }
    }
    let ids = |list: &[Sitter]| list.iter().map(|s| s.id).collect::<Vec<_>>();
    let size = rules.table_size.clamp(*TABLE_SIZES.start(), *TABLE_SIZES.end()) as usize;
    let mut tables = banquet(&ids(&host_sitters), &ids(&guest_sitters), size, rules.honour);
    for &(a, b) in &rules.banquet_swaps {
        let mut seats: Vec<&mut Uuid> = tables.iter_mut().flat_map(|t| t.seats.iter_mut().flatten()).collect();
        swap_in(&mut seats, a, b);
    }
    SeatingPlan { rules, hosts, guests, tables, revision }
}

impl crate::Service {
    /// How visit `visit_id`'s people are seated.
    pub async fn seating(&self, visit_id: Uuid) -> crate::error::Result<SeatingPlan> {
        let mut c = self.read().await?;
        seating_on(&mut *c, visit_id).await
    }

    /// Saves how visit `visit_id` is seated, over the revision `base` the
    /// window read (0 when never saved). Swaps of someone not on the visit
    /// are refused by name; a swap undone by the next is dropped with it.
    pub async fn save_seating(
        &self,
        visit_id: Uuid,
        base: u32,
        rules: SeatingRules,
    ) -> crate::error::Result<SeatingPlan> {
        use crate::error::Error;
        use crate::problem::Problem;
        let mut tx = self.write().await?;
        let visit = tx.visit(visit_id).await?;
        let old = tx.seating_rules(visit_id).await?;
        crate::service::based_on_latest("visit", visit_id, base, old.as_ref().map_or(0, |(_, r)| *r))?;
        if !TABLE_SIZES.contains(&rules.table_size) {
            let (min, max) = (u64::from(*TABLE_SIZES.start()), u64::from(*TABLE_SIZES.end()));
            return Err(Error::invalid("table_size", Problem::OutOfRange { min, max }));
        }
        let present: Vec<Uuid> = tx.participants_of_visit(visit_id).await?.iter().map(|p| p.person_id).collect();
        for (field, swaps) in [("meeting_swaps", &rules.meeting_swaps), ("banquet_swaps", &rules.banquet_swaps)] {
            if let Some(id) = swaps.iter().flat_map(|(a, b)| [a, b]).find(|id| !present.contains(id)) {
                return Err(Error::invalid(field, Problem::NotParticipant { id: id.to_string() }));
            }
        }
        let rules = rules.tidied(&present);
        let old_rules = old.map(|(r, _)| r).unwrap_or_default();
        if old_rules != rules {
            tx.save_seating_rules(visit_id, &rules).await?;
            let json = |r: &SeatingRules| serde_json::to_value(r).unwrap_or_default();
            let change = crate::storage::NewHistory {
                entity: crate::model::Entity::Visit,
                entity_id: visit_id,
                visit_id: Some(visit_id),
                label: visit.title.clone(),
                action: crate::model::HistoryAction::Changed,
                changes: vec![crate::model::Change {
                    field: "seating".into(),
                    old: json(&old_rules),
                    new: json(&rules),
                    hidden: true,
                }],
            };
            tx.append_history(std::slice::from_ref(&change)).await?;
        }
        let plan = seating_on(&mut *tx, visit_id).await?;
        tx.commit().await?;
        Ok(plan)
    }
}

/// The plan of a visit read on `c`.
pub(crate) async fn seating_on(
    c: &mut dyn crate::storage::Session,
    visit_id: Uuid,
) -> crate::error::Result<SeatingPlan> {
    c.visit(visit_id).await?;
    let (rules, revision) = c.seating_rules(visit_id).await?.unwrap_or_default();
    let present: Vec<Attendee> = c
        .participant_views(visit_id)
        .await?
        .iter()
        .map(|p| Attendee { id: p.person_id, side: p.side, role: p.role })
        .collect();
    Ok(plan(&present, rules, revision))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(n: u128) -> Vec<Sitter> {
        (1..=n).map(|i| Sitter { id: Uuid::from_u128(i), role: Role::Member }).collect()
    }

    fn ids(list: &[u128]) -> Vec<Uuid> {
        list.iter().map(|i| Uuid::from_u128(*i)).collect()
    }

    #[test]
    fn the_second_sits_on_the_higher_hand_and_the_rest_alternate_outward() {
        // Odd: the principal exactly at the centre.
        let side = meeting_side(&people(5), Honour::Right, InterpreterSeat::Behind);
        assert_eq!(side.front, ids(&[5, 3, 1, 2, 4]), "left hand … right hand");
        assert_eq!(side.head, Some(2));
        // Chinese domestic practice: the mirror image.
        let side = meeting_side(&people(5), Honour::Left, InterpreterSeat::Behind);
        assert_eq!(side.front, ids(&[4, 2, 1, 3, 5]));
        // Even: one more on the higher hand.
        let side = meeting_side(&people(4), Honour::Right, InterpreterSeat::Behind);
        assert_eq!(side.front, ids(&[3, 1, 2, 4]));
        assert_eq!(side.head, Some(1));
        let side = meeting_side(&people(4), Honour::Left, InterpreterSeat::Behind);
        assert_eq!(side.front, ids(&[4, 2, 1, 3]));
        assert_eq!(side.head, Some(2));
        // One, and nobody.
        assert_eq!(meeting_side(&people(1), Honour::Right, InterpreterSeat::Behind).front, ids(&[1]));
        let empty = meeting_side(&[], Honour::Right, InterpreterSeat::Behind);
        assert_eq!((empty.front.len(), empty.head), (0, None));
    }

    #[test]
    fn without_the_head_of_delegation_the_next_in_precedence_leads() {
        // The head (1) is absent: 2 leads, 3 takes the higher hand.
        let attending: Vec<Sitter> = people(5).into_iter().skip(1).collect();
        let side = meeting_side(&attending, Honour::Right, InterpreterSeat::Behind);
        assert_eq!(side.front, ids(&[4, 2, 3, 5]));
        assert_eq!(side.front[side.head.unwrap()], Uuid::from_u128(2));
    }

    #[test]
    fn unequal_sides_each_centre_on_their_principal() {
        let hosts = meeting_side(&people(2), Honour::Right, InterpreterSeat::Behind);
        let guests = meeting_side(&people(7), Honour::Right, InterpreterSeat::Behind);
        assert_eq!(hosts.front, ids(&[1, 2]));
        assert_eq!(hosts.head, Some(0));
        assert_eq!(guests.front, ids(&[7, 5, 3, 1, 2, 4, 6]));
        assert_eq!(guests.head, Some(3));
    }

    #[test]
    fn an_interpreter_sits_behind_or_beside_the_principal() {
        let mut side = people(4);
        side[2].role = Role::Interpreter; // the third in precedence interprets
        let behind = meeting_side(&side, Honour::Right, InterpreterSeat::Behind);
        assert_eq!(behind.front, ids(&[4, 1, 2]), "the others alternate as if the interpreter were not there");
        assert_eq!(behind.behind, vec![(Uuid::from_u128(3), 1)]);
        // Beside: on the lower (left) hand, the member who sat there moved out.
        let beside = meeting_side(&side, Honour::Right, InterpreterSeat::Beside);
        assert_eq!(beside.front, ids(&[4, 3, 1, 2]));
        assert!(beside.behind.is_empty());
        let beside = meeting_side(&side, Honour::Left, InterpreterSeat::Beside);
        assert_eq!(beside.front, ids(&[2, 1, 3, 4]));
    }

    #[test]
    fn at_a_banquet_the_principal_guest_sits_on_the_hosts_higher_hand() {
        let hosts = ids(&[1, 2, 3]);
        let guests = ids(&[11, 12, 13, 14, 15]);
        let tables = banquet(&hosts, &guests, 8, Honour::Right);
        assert_eq!(tables.len(), 1);
        let seat_of = |id: u128| tables[0].seats.iter().position(|s| *s == Some(Uuid::from_u128(id))).unwrap();
        assert_eq!(seat_of(1), 0, "the host faces the door");
        assert_eq!(seat_of(2), 4, "the second host opposite");
        // The host's right is the counter-clockwise neighbour.
        assert_eq!(seat_of(11), 7, "the principal guest on the host's right");
        assert_eq!(seat_of(12), 3, "the second guest on the second host's right");
        assert_eq!(seat_of(13), 1, "the third guest on the host's left");
        assert_eq!(seat_of(14), 5, "the fourth guest on the second host's left");
        // Left-first practice mirrors it.
        let tables = banquet(&hosts, &guests, 8, Honour::Left);
        let seat_of = |id: u128| tables[0].seats.iter().position(|s| *s == Some(Uuid::from_u128(id))).unwrap();
        assert_eq!((seat_of(11), seat_of(12), seat_of(13), seat_of(14)), (1, 5, 7, 3));
        // Everyone is seated once.
        let mut all: Vec<Uuid> = tables[0].seats.iter().flatten().copied().collect();
        all.sort();
        let mut want: Vec<Uuid> = hosts.iter().chain(&guests).copied().collect();
        want.sort();
        assert_eq!(all, want);
    }

    #[test]
    fn who_does_not_fit_goes_to_the_next_table_around_its_own_host() {
        let hosts = ids(&[1, 2, 3, 4]);
        let guests = ids(&[11, 12, 13, 14, 15, 16, 17, 18]);
        let tables = banquet(&hosts, &guests, 6, Honour::Right);
        assert_eq!(tables.len(), 2);
        let seated: usize = tables.iter().map(|t| t.seats.iter().flatten().count()).sum();
        assert_eq!(seated, 12);
        assert_eq!(tables[0].seats[0], Some(Uuid::from_u128(1)));
        assert_eq!(tables[0].seats[3], Some(Uuid::from_u128(2)));
        // The second table's host is the next host in precedence.
        assert_eq!(tables[1].seats[0], Some(Uuid::from_u128(3)));
        // Nobody twice.
        let mut all: Vec<Uuid> = tables.iter().flat_map(|t| t.seats.iter().flatten().copied()).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 12);
    }

    fn guests(hosts: u128, guests: u128) -> Vec<Attendee> {
        use crate::model::Side;
        let host = (1..=hosts).map(|i| Attendee { id: Uuid::from_u128(i), side: Side::Host, role: Role::Member });
        let guest =
            (1..=guests).map(|i| Attendee { id: Uuid::from_u128(100 + i), side: Side::Guest, role: Role::Member });
        host.chain(guest).collect()
    }

    #[test]
    fn a_swap_exchanges_two_seats_of_a_side_and_leaves_the_rest_by_the_rules() {
        let people = guests(3, 3);
        let before = plan(&people, SeatingRules::default(), 0);
        assert_eq!(before.hosts.front, ids(&[3, 1, 2]));
        let mut rules = SeatingRules::default();
        rules.meeting_swaps.push((Uuid::from_u128(1), Uuid::from_u128(2)));
        // Across the table: the delegations face each other; not applied.
        rules.meeting_swaps.push((Uuid::from_u128(3), Uuid::from_u128(101)));
        let after = plan(&people, rules, 0);
        assert_eq!(after.hosts.front, ids(&[3, 2, 1]));
        assert_eq!(after.hosts.head, Some(1), "the seat of honour stays the centre");
        assert_eq!(after.guests.front, before.guests.front);
        // At the banquet anyone may change places.
        let mut rules = SeatingRules::default();
        rules.banquet_swaps.push((Uuid::from_u128(1), Uuid::from_u128(101)));
        let after = plan(&people, rules, 0);
        assert_eq!(after.tables[0].seats[0], Some(Uuid::from_u128(101)));
        let was = before.tables[0].seats.iter().position(|s| *s == Some(Uuid::from_u128(101))).unwrap();
        assert_eq!(after.tables[0].seats[was], Some(Uuid::from_u128(1)));
    }

    #[test]
    fn tidying_drops_swaps_of_people_gone_and_a_swap_undone() {
        let (a, b, c, gone) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3), Uuid::from_u128(9));
        let rules = SeatingRules {
            meeting_swaps: vec![(a, b), (c, gone), (b, a), (a, c), (a, a)],
            banquet_swaps: vec![(a, b), (a, b), (b, c)],
            ..SeatingRules::default()
        };
        let tidy = rules.tidied(&[a, b, c]);
        assert_eq!(tidy.meeting_swaps, vec![(a, c)]);
        assert_eq!(tidy.banquet_swaps, vec![(b, c)]);
    }

    #[tokio::test]
    async fn the_plan_is_saved_with_the_visit_and_a_wrong_swap_or_size_writes_nothing() {
        use crate::error::Error;
        use crate::sample::SAMPLE_VISIT_ID;
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let first = s.seating(SAMPLE_VISIT_ID).await.unwrap();
        assert_eq!((first.revision, first.rules.honour), (0, Honour::Right), "the defaults, never saved");
        let hosts = first.hosts.front.clone();
        assert_eq!(hosts.len(), 2);

        // Chinese domestic practice, and the two hosts change places.
        let mut rules = first.rules.clone();
        rules.honour = Honour::Left;
        rules.meeting_swaps.push((hosts[0], hosts[1]));
        let saved = s.save_seating(SAMPLE_VISIT_ID, 0, rules.clone()).await.unwrap();
        assert_eq!(saved.revision, 1);
        let again = s.seating(SAMPLE_VISIT_ID).await.unwrap();
        assert_eq!(again, saved, "read back as saved");
        let unswapped = plan(
            &s.visit_detail(SAMPLE_VISIT_ID)
                .await
                .unwrap()
                .participants
                .iter()
                .map(|p| Attendee { id: p.person_id, side: p.side, role: p.role })
                .collect::<Vec<_>>(),
            SeatingRules { honour: Honour::Left, ..SeatingRules::default() },
            0,
        );
        let mut swapped = unswapped.hosts.front.clone();
        swapped.reverse();
        assert_eq!(again.hosts.front, swapped, "two hosts, exchanged");

        // Over an older revision: refused.
        let stale = s.save_seating(SAMPLE_VISIT_ID, 0, rules.clone()).await.unwrap_err();
        assert!(matches!(stale, Error::Stale { .. }), "{stale:?}");
        // Someone not on the visit, and a table too small: refused by name.
        let mut wrong = rules.clone();
        wrong.banquet_swaps.push((hosts[0], Uuid::from_u128(77)));
        let err = s.save_seating(SAMPLE_VISIT_ID, 1, wrong).await.unwrap_err();
        assert_eq!(err.field_errors().first().map(|f| f.field.as_str()), Some("banquet_swaps"), "{err:?}");
        let mut wrong = rules.clone();
        wrong.table_size = 3;
        let err = s.save_seating(SAMPLE_VISIT_ID, 1, wrong).await.unwrap_err();
        assert_eq!(err.field_errors().first().map(|f| f.field.as_str()), Some("table_size"), "{err:?}");
        assert_eq!(s.seating(SAMPLE_VISIT_ID).await.unwrap().revision, 1, "nothing written");

        // The history says the plan changed.
        let history = s.visit_history(SAMPLE_VISIT_ID, 10).await.unwrap();
        let line = history.iter().find(|l| l.entry.changes.iter().any(|c| c.field == "seating"));
        assert!(line.is_some_and(|l| l.text.contains("seating plan")), "{history:?}");
        // Undoing the swap goes back to the rules' seats.
        let mut undo = saved.rules.clone();
        undo.meeting_swaps.push((hosts[1], hosts[0]));
        let back = s.save_seating(SAMPLE_VISIT_ID, 1, undo).await.unwrap();
        assert!(back.rules.meeting_swaps.is_empty());
        assert_eq!(back.hosts.front, unswapped.hosts.front);
    }
}
