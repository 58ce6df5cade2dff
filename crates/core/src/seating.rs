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
}
