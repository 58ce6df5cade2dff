//! A deterministic generator of large data sets for benchmarks and for
//! trying the window with realistic volumes. Same seed, same bytes.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use crate::interchange::*;
use crate::model::*;
use crate::time::{format_offset, stored_zone};
use crate::validate::*;

#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub organisations: usize,
    pub people: usize,
    pub visits: usize,
    pub agenda_per_visit: usize,
    pub follow_ups_per_visit: usize,
    pub participants_per_visit: usize,
    /// The office's rooms; every third agenda item is in one.
    pub rooms: usize,
}

impl Size {
    /// The benchmark set of issue 2: 10,000 visits, 100,000 agenda items,
    /// 20,000 people, 30,000 follow-ups.
    pub const BENCH: Size = Size {
        organisations: 1_000,
        people: 20_000,
        visits: 10_000,
        agenda_per_visit: 10,
        follow_ups_per_visit: 3,
        participants_per_visit: 6,
        rooms: 60,
    };

    /// A scaled-down set with the same shape.
    pub fn scaled(divisor: usize) -> Size {
        let d = divisor.max(1);
        Size {
            organisations: (Self::BENCH.organisations / d).max(2),
            people: (Self::BENCH.people / d).max(6),
            visits: (Self::BENCH.visits / d).max(1),
            rooms: (Self::BENCH.rooms / d).max(1),
            ..Self::BENCH
        }
    }
}

/// How the generated records' ids are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ids {
    /// Random (version 4), as a document written by another tool may have
    /// them: the benchmark data set's reference figures are of these.
    Random,
    /// Rising with each record made (version 7), as Liaison makes them
    /// ([`crate::service::new_id`]), and listed in the order they were
    /// made. The random part is the same as [`Ids::Random`]'s, so the data
    /// set is the same but for the order of its ids.
    TimeOrdered,
}

/// Makes the ids of a generated data set.
struct IdMaker {
    ids: Ids,
    made: u64,
}

impl IdMaker {
    fn make(&mut self, rng: &mut Rng) -> Uuid {
        match self.ids {
            Ids::Random => rng.uuid(),
            Ids::TimeOrdered => {
                let random = rng.bytes();
                self.made += 1;
                // A millisecond apart from 13 September 2020 on: the order
                // they are made in, whatever the machine's clock.
                let mut tail = [0u8; 10];
                tail.copy_from_slice(&random[..10]);
                uuid::Builder::from_unix_timestamp_millis(1_600_000_000_000 + self.made, &tail).into_uuid()
            }
        }
    }
}

/// The seed of the benchmark data set, so that every figure is of the same data.
pub const BENCH_SEED: u64 = 0x2021_0611;

/// SplitMix64: tiny, fast and good enough to vary generated data; the same
/// sequence from the same seed (the fuzz tests replay a printed seed).
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    fn uuid(&mut self) -> Uuid {
        uuid::Builder::from_random_bytes(self.bytes()).into_uuid()
    }
    fn bytes(&mut self) -> [u8; 16] {
        ((self.next_u64() as u128) << 64 | self.next_u64() as u128).to_le_bytes()
    }
    fn pick<'a>(&mut self, xs: &'a [&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const ZONES: &[&str] =
    // Zones of real tzdb names (Geneva keeps Zurich's clock; there is no
    // Europe/Geneva).
    &["Asia/Shanghai", "Europe/Zurich", "America/New_York", "Africa/Nairobi", "Asia/Jakarta", "Europe/Paris"];
const SURNAMES: &[(&str, &str)] = &[
    ("Zhang", "张"),
    ("Wang", "王"),
    ("Li", "李"),
    ("Liu", "刘"),
    ("Chen", "陈"),
    ("Yang", "杨"),
    ("Huang", "黄"),
    ("Zhao", "赵"),
];
const GIVEN: &[(&str, &str)] = &[
    ("Wei", "伟"),
    ("Fang", "芳"),
    ("Min", "敏"),
    ("Jing", "静"),
    ("Lei", "磊"),
    ("Yan", "燕"),
    ("Hui", "慧"),
    ("Qiang", "强"),
];
const WESTERN: &[&str] = &[
    "Anna Müller",
    "João Silva",
    "Amina Njoroge",
    "Pierre Dubois",
    "Sarah Johnson",
    "Budi Santoso",
    "María García",
    "Kwame Mensah",
];
const TOPICS: &[&str] = &[
    "Vocational education",
    "Poverty reduction",
    "Rural revitalisation",
    "Curriculum development",
    "Expert exchange",
    "Seminars",
    "Video courses",
    "Agriculture",
];
const TITLES: &[&str] = &[
    "Director General",
    "Deputy Director General",
    "Dean",
    "Professor",
    "Programme Officer",
    "Division Chief",
    "Counsellor",
    "Researcher",
];

pub fn generate(size: Size, seed: u64) -> Document {
    generate_with(size, seed, Ids::Random)
}

/// [`generate`], with its ids made as `ids` says.
pub fn generate_with(size: Size, seed: u64, ids: Ids) -> Document {
    let mut rng = Rng(seed);
    let mut maker = IdMaker { ids, made: 0 };
    let organisations: Vec<OrganisationRecord> = (0..size.organisations)
        .map(|i| OrganisationRecord {
            id: maker.make(&mut rng),
            fields: OrganisationInput {
                name: format!("Institute of Development Studies no. {i}"),
                chinese_name: format!("发展研究院第{i}号"),
                native_name: String::new(),
                acronym: format!("IDS{i}"),
                country: ["China", "Kenya", "Indonesia", "France", "Brazil", "Ghana"][i % 6].into(),
                kind: OrgKind::ALL[i % OrgKind::ALL.len()],
                notes: String::new(),
            },
        })
        .collect();
    // Rooms of a few buildings, from a table for eight to a hall for 200:
    // some items overfill them, and two visits sometimes book one at once.
    let rooms: Vec<RoomRecord> = (0..size.rooms)
        .map(|i| RoomRecord {
            id: maker.make(&mut rng),
            fields: RoomInput {
                name: format!("Room {}", 101 + i),
                chinese_name: format!("{}号会议室", 101 + i),
                building: format!("Building {}", 1 + i / 10),
                capacity: Some([8, 12, 20, 40, 200][i % 5]),
                equipment: "Projector, interpretation booth".into(),
                notes: String::new(),
            },
        })
        .collect();
    let people: Vec<PersonRecord> = (0..size.people)
        .map(|i| {
            let (name, native) = if i % 3 == 2 {
                (rng.pick(WESTERN).to_owned(), String::new())
            } else {
                let (s, sn) = SURNAMES[rng.below(SURNAMES.len())];
                let (g, gn) = GIVEN[rng.below(GIVEN.len())];
                (format!("{s} {g}"), format!("{sn}{gn}"))
            };
            PersonRecord {
                id: maker.make(&mut rng),
                fields: PersonInput {
                    name,
                    chinese_name: native,
                    title: rng.pick(TITLES).into(),
                    organisation_id: Some(organisations[i % organisations.len()].id),
                    email: format!("person{i}@example.org"),
                    languages: vec!["English".into()],
                    ..Default::default()
                },
                // One person in twenty is away for a week, or free only in
                // the mornings of a few days, somewhere in the visits' years.
                availability: if i % 20 == 7 {
                    let first = NaiveDate::from_ymd_opt(2020, 1, 6).unwrap_or_default()
                        + Duration::days((i as i64 * 37) % 2_500);
                    let morning = i % 40 == 7;
                    vec![AvailabilityRecord {
                        id: maker.make(&mut rng),
                        fields: AvailabilityInput {
                            kind: if morning { AvailabilityKind::Only } else { AvailabilityKind::Away },
                            first_day: first.format("%Y-%m-%d").to_string(),
                            last_day: (first + Duration::days(if morning { 2 } else { 6 }))
                                .format("%Y-%m-%d")
                                .to_string(),
                            from_time: if morning { "09:00".into() } else { String::new() },
                            to_time: if morning { "12:00".into() } else { String::new() },
                            time_zone: ZONES[i % ZONES.len()].into(),
                            note: if morning { "Mornings only".into() } else { "Abroad".into() },
                        },
                    }]
                } else {
                    Vec::new()
                },
            }
        })
        .collect();

    let base = Utc.with_ymd_and_hms(2020, 1, 6, 0, 0, 0).single().unwrap_or_default();
    let mut visits: Vec<VisitRecord> = (0..size.visits)
        .map(|i| {
            let zone = stored_zone(ZONES[i % ZONES.len()]);
            let day = base + Duration::days((i as i64 * 3) % 2_500) + Duration::hours(1);
            let days = 1 + (i % 3) as i64;
            let start = day;
            let end = day + Duration::days(days - 1) + Duration::hours(9);
            // Two different organisations: the guest is any but the host.
            let n = organisations.len();
            let h = rng.below(n);
            let host = organisations[h].id;
            let guest = organisations[(h + 1 + rng.below(n - 1)) % n].id;
            let mut chosen: Vec<Uuid> = Vec::new();
            while chosen.len() < size.participants_per_visit.min(people.len()) {
                let p = people[rng.below(people.len())].id;
                if !chosen.contains(&p) {
                    chosen.push(p);
                }
            }
            let participants: Vec<ParticipantInput> = chosen
                .iter()
                .enumerate()
                .map(|(k, p)| ParticipantInput {
                    person_id: *p,
                    side: if k % 2 == 0 { Side::Host } else { Side::Guest },
                    role: if k < 2 { Role::HeadOfDelegation } else { Role::Member },
                    precedence: Some(k as u32 / 2 + 1),
                })
                .collect();
            let step = Duration::hours(9 * days) / size.agenda_per_visit.max(1) as i32;
            let agenda = (0..size.agenda_per_visit)
                .map(|k| {
                    let s = start + step * k as i32;
                    AgendaRecord {
                        id: maker.make(&mut rng),
                        fields: AgendaItemInput {
                            start: format_offset(s, zone),
                            end: format_offset(s + step, zone),
                            title: format!("Session {} — 第{}场", k + 1, k + 1),
                            kind: AgendaKind::ALL[k % AgendaKind::ALL.len()],
                            status: AgendaStatus::Confirmed,
                            location: format!("Room {}", 100 + k),
                            description: "Discussion of cooperation; notes to follow.".into(),
                            participant_ids: vec![chosen[k % chosen.len()], chosen[(k + 1) % chosen.len()]],
                            // Every fourth item is chaired, every fourth
                            // (another) has a speaker.
                            chair_id: (k % 4 == 0).then(|| chosen[k % chosen.len()]),
                            speaker_ids: if k % 4 == 1 { vec![chosen[(k + 1) % chosen.len()]] } else { Vec::new() },
                            room_id: (k % 3 == 0 && !rooms.is_empty()).then(|| rooms[(i * 7 + k) % rooms.len()].id),
                        },
                        time_zone: Some(zone.name().into()),
                        uid: None,
                        sequence: 0,
                        position: 0,
                    }
                })
                .collect();
            let follow_ups = (0..size.follow_ups_per_visit)
                .map(|k| FollowUpRecord {
                    id: maker.make(&mut rng),
                    fields: FollowUpInput {
                        title: format!("Follow-up {} of visit {i}", k + 1),
                        owner_id: Some(chosen[k % chosen.len()]),
                        counterpart_org_id: Some(guest),
                        due_date: (end + Duration::days(30 * (k as i64 + 1))).format("%Y-%m-%d").to_string(),
                        status: FollowUpStatus::ALL[k % FollowUpStatus::ALL.len()],
                        to_act: ToAct::ALL[(i + k) % ToAct::ALL.len()],
                        notes: String::new(),
                    },
                    uid: None,
                    sequence: 0,
                })
                .collect();
            VisitRecord {
                head: VisitHead {
                    id: maker.make(&mut rng),
                    fields: VisitInput {
                        kind: VisitKind::ALL[i % VisitKind::ALL.len()],
                        title: format!("Delegation {i}: cooperation talks / 合作会谈"),
                        purpose: "Explore cooperation.".into(),
                        status: VisitStatus::ALL[i % VisitStatus::ALL.len()],
                        host_org_id: Some(host),
                        guest_org_id: Some(guest),
                        start: format_offset(start, zone),
                        end: format_offset(end, zone),
                        time_zone: zone.name().into(),
                        venue: format!("Conference centre {}", i % 50),
                        topics: vec![rng.pick(TOPICS).into(), rng.pick(TOPICS).into()],
                        ..Default::default()
                    },
                    uid: None,
                    sequence: 0,
                },
                participants,
                agenda,
                follow_ups,
                carried_follow_ups: Vec::new(),
                seating: None,
            }
        })
        .collect();
    // Every tenth visit carries an open follow-up of the visit before it.
    for i in (10..visits.len()).step_by(10) {
        if let Some(f) = visits[i - 1].follow_ups.first().map(|f| f.id) {
            visits[i].carried_follow_ups.push(f);
        }
    }
    Document { format: FORMAT.into(), version: VERSION, organisations, people, rooms, visits }
}

/// The generated document as JSON bytes.
pub fn generate_json(size: Size, seed: u64) -> Vec<u8> {
    generate_json_with(size, seed, Ids::Random)
}

/// [`generate_json`], with its ids made as `ids` says.
pub fn generate_json_with(size: Size, seed: u64, ids: Ids) -> Vec<u8> {
    serde_json::to_vec(&generate_with(size, seed, ids)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document's lists of ids, each in the order it lists them.
    fn lists(d: &Document) -> Vec<Vec<Uuid>> {
        let mut out = vec![
            d.organisations.iter().map(|o| o.id).collect(),
            d.people.iter().map(|p| p.id).collect(),
            d.rooms.iter().map(|r| r.id).collect(),
            d.visits.iter().map(|v| v.head.id).collect::<Vec<_>>(),
        ];
        for v in &d.visits {
            out.push(v.agenda.iter().map(|a| a.id).collect());
            out.push(v.follow_ups.iter().map(|f| f.id).collect());
        }
        out
    }

    /// The two kinds of ids give the same data set but for its ids: random
    /// ones, and ones that rise as Liaison makes them.
    #[test]
    fn time_ordered_ids_are_the_same_data_set_with_rising_ids() {
        let size = Size::scaled(1000);
        let random = generate_with(size, BENCH_SEED, Ids::Random);
        let ordered = generate_with(size, BENCH_SEED, Ids::TimeOrdered);
        let (a, b) = (lists(&random), lists(&ordered));
        let (all_a, all_b): (Vec<Uuid>, Vec<Uuid>) = (a.concat(), b.concat());
        assert!(all_a.len() > 100, "{} ids", all_a.len());
        assert_eq!(all_a.len(), all_b.len());
        assert!(all_a.iter().all(|id| id.get_version_num() == 4));
        assert!(all_b.iter().all(|id| id.get_version_num() == 7));
        assert!(all_a.windows(2).any(|w| w[0] > w[1]), "random ids are in no order");
        // Each list rises, as records made one after another do.
        let rising = b.iter().filter(|l| l.len() > 1).inspect(|l| assert!(l.windows(2).all(|w| w[0] < w[1]))).count();
        assert!(rising > 10, "{rising} lists");
        assert_eq!(random.visits[3].head.fields.title, ordered.visits[3].head.fields.title);
        assert_eq!(random.people[5].fields.name, ordered.people[5].fields.name);
        assert_eq!(generate(size, BENCH_SEED).visits[0].head.id, random.visits[0].head.id, "generate makes random ids");
    }
}
