//! The interchange document: a whole database, or one visit with the people
//! and organisations it needs, as one JSON file. `docs/liaison.schema.json`
//! describes it. Import reads, checks and writes it a chunk at a time in one
//! transaction, reports every problem with its JSON path (and then keeps
//! nothing), and merges by id.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, FieldError, Problems, Result};
use crate::model::*;
use crate::problem::Problem;
use crate::progress::{Stage, Work};
use crate::search::Doc;
use crate::service::calendar_uid;
use crate::service::Service;
use crate::storage::{NewHistory, Session, Table, UidTable};
use crate::time::{now, parse_zone};
use crate::validate::*;

mod merge;
pub use merge::{FieldChange, JsonPreview};

/// The value of the document's `format` member.
pub const FORMAT: &str = "liaison";
/// The version this build writes and the newest it reads. 2: names in three
/// forms (`chinese_name` beside `name` and `native_name`). 3: a follow-up's
/// `to_act` (an earlier Liaison would drop it unseen, so it must refuse
/// the document instead). 4: an agenda item's `chair_id` and `speaker_ids`
/// (the same).
pub const VERSION: u32 = 4;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub organisations: Vec<OrganisationRecord>,
    pub people: Vec<PersonRecord>,
    /// The office's rooms (all of them, or those one visit's agenda uses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<RoomRecord>,
    pub visits: Vec<VisitRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomRecord {
    pub id: Uuid,
    #[serde(flatten)]
    pub fields: RoomInput,
}

pub(crate) fn room_record(r: &Room) -> RoomRecord {
    RoomRecord {
        id: r.id,
        fields: RoomInput {
            name: r.name.clone(),
            chinese_name: r.chinese_name.clone(),
            building: r.building.clone(),
            capacity: r.capacity,
            equipment: r.equipment.clone(),
            notes: r.notes.clone(),
        },
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationRecord {
    pub id: Uuid,
    #[serde(flatten)]
    pub fields: OrganisationInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRecord {
    pub id: Uuid,
    #[serde(flatten)]
    pub fields: PersonInput,
    /// When they cannot be booked. An import adds and updates these by id;
    /// it never takes one away.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<AvailabilityRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AvailabilityRecord {
    pub id: Uuid,
    #[serde(flatten)]
    pub fields: AvailabilityInput,
}

fn availability_record(a: &Availability) -> AvailabilityRecord {
    AvailabilityRecord {
        id: a.id,
        fields: AvailabilityInput {
            kind: a.kind,
            first_day: a.first_day.format("%Y-%m-%d").to_string(),
            last_day: a.last_day.format("%Y-%m-%d").to_string(),
            from_time: a.from_time.clone(),
            to_time: a.to_time.clone(),
            time_zone: a.time_zone.clone(),
            note: a.note.clone(),
        },
    }
}

/// A visit without its participants, agenda and follow-ups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitHead {
    pub id: Uuid,
    #[serde(flatten)]
    pub fields: VisitInput,
    /// Calendar UID; made from the id when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    #[serde(default)]
    pub sequence: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitRecord {
    #[serde(flatten)]
    pub head: VisitHead,
    pub participants: Vec<ParticipantInput>,
    pub agenda: Vec<AgendaRecord>,
    pub follow_ups: Vec<FollowUpRecord>,
    /// Follow-ups of other visits carried into this one, by id. An import
    /// adds these links to those stored; it never takes one away.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried_follow_ups: Vec<Uuid>,
    /// How its people are seated, when the coordinator chose (the
    /// defaults otherwise). Swaps name people among its participants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seating: Option<crate::seating::SeatingRules>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaRecord {
    pub id: Uuid,
    #[serde(flatten)]
    pub fields: AgendaItemInput,
    /// The zone the times were planned in; the visit's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    #[serde(default)]
    pub sequence: u32,
    /// Its place among the visit's items that start with it; 0 first.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub position: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpRecord {
    pub id: Uuid,
    #[serde(flatten)]
    pub fields: FollowUpInput,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    #[serde(default)]
    pub sequence: u32,
}

/// What an export covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    /// One visit with the people and organisations it refers to.
    Visit(Uuid),
}

// ----- export ------------------------------------------------------------------

pub(crate) fn org_record(o: &Organisation) -> OrganisationRecord {
    OrganisationRecord {
        id: o.id,
        fields: OrganisationInput {
            name: o.name.clone(),
            chinese_name: o.chinese_name.clone(),
            native_name: o.native_name.clone(),
            acronym: o.acronym.clone(),
            country: o.country.clone(),
            kind: o.kind,
            notes: o.notes.clone(),
        },
    }
}

pub(crate) fn person_record(p: &Person) -> PersonRecord {
    PersonRecord {
        id: p.id,
        fields: PersonInput {
            name: p.name.clone(),
            chinese_name: p.chinese_name.clone(),
            native_name: p.native_name.clone(),
            title: p.title.clone(),
            organisation_id: p.organisation_id,
            email: p.email.clone(),
            phone: p.phone.clone(),
            languages: p.languages.clone(),
            dietary_needs: p.dietary_needs.clone(),
            access_needs: p.access_needs.clone(),
            notes: p.notes.clone(),
        },
        availability: Vec::new(),
    }
}

pub(crate) fn visit_record(v: &Visit, parts: &[Participant], items: &[AgendaItem], fus: &[FollowUp]) -> VisitRecord {
    VisitRecord {
        head: VisitHead { id: v.id, fields: VisitInput::from(v), uid: Some(v.uid.clone()), sequence: v.sequence },
        participants: parts
            .iter()
            .map(|p| ParticipantInput {
                person_id: p.person_id,
                side: p.side,
                role: p.role,
                precedence: Some(p.precedence),
            })
            .collect(),
        agenda: items.iter().map(agenda_record).collect(),
        follow_ups: fus.iter().map(follow_up_record).collect(),
        carried_follow_ups: Vec::new(),
        seating: None,
    }
}

pub(crate) fn agenda_record(a: &AgendaItem) -> AgendaRecord {
    AgendaRecord {
        id: a.id,
        fields: AgendaItemInput::from(a),
        time_zone: Some(a.time_zone.clone()),
        uid: Some(a.uid.clone()),
        sequence: a.sequence,
        position: a.position,
    }
}

pub(crate) fn follow_up_record(f: &FollowUp) -> FollowUpRecord {
    FollowUpRecord {
        id: f.id,
        fields: FollowUpInput {
            title: f.title.clone(),
            owner_id: f.owner_id,
            counterpart_org_id: f.counterpart_org_id,
            due_date: f.due_date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
            status: f.status,
            to_act: f.to_act,
            notes: f.notes.clone(),
        },
        uid: Some(f.uid.clone()),
        sequence: f.sequence,
    }
}

/// Groups rows that arrive sorted by visit.
fn by_visit<T>(rows: Vec<T>, key: impl Fn(&T) -> Uuid) -> HashMap<Uuid, Vec<T>> {
    let mut out: HashMap<Uuid, Vec<T>> = HashMap::new();
    for r in rows {
        out.entry(key(&r)).or_default().push(r);
    }
    out
}

impl Service {
    /// The document for `scope`, in a canonical order, so that exporting,
    /// importing into an empty database and exporting again gives the same
    /// bytes.
    pub async fn export_document(&self, scope: Scope) -> Result<Document> {
        // One read transaction: a consistent snapshot even while the window writes.
        let mut c = self.storage().snapshot().await?;
        let result = export_on(&mut *c, scope).await;
        c.commit().await?;
        result
    }

    /// The document as pretty JSON with a final newline.
    pub async fn export_json(&self, scope: Scope) -> Result<String> {
        let doc = self.export_document(scope).await?;
        let mut text = serde_json::to_string_pretty(&doc).map_err(|e| Error::Internal(format!("writing JSON: {e}")))?;
        text.push('\n');
        Ok(text)
    }
}

async fn export_on(c: &mut dyn Session, scope: Scope) -> Result<Document> {
    let (orgs, persons, rooms, visit_rows) = match scope {
        Scope::All => {
            let all_visits = c.visits().await?;
            let mut parts = by_visit(c.all_participants().await?, |p| p.visit_id);
            let mut items = by_visit(c.all_agenda().await?, |a| a.visit_id);
            let mut fus = by_visit(c.all_follow_ups().await?, |f| f.visit_id);
            let mut carried: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
            for (visit, follow_up) in c.all_carried().await? {
                carried.entry(visit).or_default().push(follow_up);
            }
            let mut seating: HashMap<Uuid, crate::seating::SeatingRules> =
                c.all_seating_rules().await?.into_iter().collect();
            let records = all_visits
                .iter()
                .map(|v| {
                    let mut record = visit_record(
                        v,
                        &parts.remove(&v.id).unwrap_or_default(),
                        &items.remove(&v.id).unwrap_or_default(),
                        &fus.remove(&v.id).unwrap_or_default(),
                    );
                    record.carried_follow_ups = carried.remove(&v.id).unwrap_or_default();
                    record.seating = seating.remove(&v.id);
                    record
                })
                .collect();
            (c.organisations().await?, c.people().await?, c.rooms().await?, records)
        }
        // One visit alone: the follow-ups carried into it belong to other
        // visits, which the document does not hold, so the links stay out.
        Scope::Visit(id) => {
            let v = c.visit(id).await?;
            let parts = c.participants_of_visit(id).await?;
            let items = c.agenda_of_visit(id).await?;
            let fus = c.follow_ups_of_visit(id).await?;
            let mut person_ids: Vec<Uuid> =
                parts.iter().map(|p| p.person_id).chain(fus.iter().filter_map(|f| f.owner_id)).collect();
            person_ids.sort();
            person_ids.dedup();
            let persons = c.people_by_ids(&person_ids).await?;
            let mut org_ids: Vec<Uuid> = [v.host_org_id, v.guest_org_id]
                .into_iter()
                .flatten()
                .chain(fus.iter().filter_map(|f| f.counterpart_org_id))
                .chain(persons.iter().filter_map(|p| p.organisation_id))
                .collect();
            org_ids.sort();
            org_ids.dedup();
            let orgs = c.organisations_by_ids(&org_ids).await?;
            // The rooms its agenda is in.
            let used: HashSet<Uuid> = items.iter().filter_map(|a| a.room_id).collect();
            let rooms = c.rooms().await?.into_iter().filter(|r| used.contains(&r.id)).collect();
            let mut record = visit_record(&v, &parts, &items, &fus);
            record.seating = c.seating_rules(id).await?.map(|(rules, _)| rules);
            (orgs, persons, rooms, vec![record])
        }
    };
    let ids: Vec<Uuid> = persons.iter().map(|p| p.id).collect();
    let mut periods: HashMap<Uuid, Vec<AvailabilityRecord>> = HashMap::new();
    let listed = match scope {
        Scope::All => c.availability_of(None).await?,
        Scope::Visit(_) => c.availability_of(Some(&ids)).await?,
    };
    for a in &listed {
        periods.entry(a.person_id).or_default().push(availability_record(a));
    }
    Ok(Document {
        format: FORMAT.into(),
        version: VERSION,
        organisations: orgs.iter().map(org_record).collect(),
        people: persons
            .iter()
            .map(|p| PersonRecord { availability: periods.remove(&p.id).unwrap_or_default(), ..person_record(p) })
            .collect(),
        rooms: rooms.iter().map(room_record).collect(),
        visits: visit_rows,
    })
}

// ----- import ------------------------------------------------------------------

/// How many records of one kind a file held, and what importing did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Counts {
    // Numbers in the window: serde_json writes u64 as a JSON number, and no
    // file holds 2^53 records.
    #[ts(type = "number")]
    pub total: u64,
    /// Not in the database before.
    #[ts(type = "number")]
    pub added: u64,
    /// In the database, and different.
    #[ts(type = "number")]
    pub updated: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub organisations: Counts,
    pub people: Counts,
    pub visits: Counts,
    pub participants: Counts,
    pub agenda_items: Counts,
    pub follow_ups: Counts,
    pub rooms: Counts,
}

/// A document checked on its own: every record valid and ready to write.
/// References to records not in the document are checked against the
/// database when it is imported.
#[derive(Debug, Default)]
pub struct Checked {
    organisations: Vec<Organisation>,
    people: Vec<Person>,
    visits: Vec<Visit>,
    participants: Vec<Participant>,
    agenda: Vec<AgendaItem>,
    follow_ups: Vec<FollowUp>,
    /// References to check in the database: (id, JSON path of the reference).
    org_refs: Vec<(Uuid, String)>,
    person_refs: Vec<(Uuid, String)>,
    /// Agenda participants not among the visit's participants in the file:
    /// (visit, person, path). Fine if the database has them on the visit.
    agenda_refs: Vec<(Uuid, Uuid, String)>,
    /// Follow-ups carried into visits: (visit, follow-up, path). One not in
    /// the document must be in the database.
    carried: Vec<(Uuid, Uuid, String)>,
    /// Visits' seating rules, checked against their participants in the file.
    seating: Vec<(Uuid, crate::seating::SeatingRules)>,
    rooms: Vec<Room>,
    availability: Vec<Availability>,
    /// Rooms agenda items are in: (room, path). One not in the document
    /// must be in the database.
    room_refs: Vec<(Uuid, String)>,
}

/// Records of one kind in one document.
pub const MAX_RECORDS: usize = 1_000_000;

/// Records parsed, completed from the database and checked at a time: the
/// document is never one tree in memory (the benchmark set, 76 MB of JSON,
/// made a tree of several hundred megabytes), only its bytes and one chunk;
/// an import writes each chunk's records before it reads the next.
const CHUNK: usize = 1_000;

/// Lets a part being written go on (see [`import_on`]); called after each
/// record parsed or checked. Every record: the writing waits on this
/// thread between its statements, and a visit with its agenda takes tens of
/// microseconds; the benchmark set's import took a median 3.57 s yielding
/// every 8 records and 3.48 s every one (release, interleaved, 5 runs each).
async fn let_writing_go_on() {
    tokio::task::yield_now().await;
}

/// Parses and checks a document as it is: fields a record leaves out get
/// their defaults (nothing stored to take them from). `name` is the file
/// name used in messages.
pub fn check_document(bytes: &[u8], name: &str) -> Result<Checked> {
    let mut doc = Streamed::start(bytes, name)?;
    while let Some(chunk) = doc.next_chunk()? {
        doc.check(chunk);
    }
    doc.finish()
}

/// The kinds of record at the top of a document, in the order they are
/// checked: a visit's references to people and organisations are then
/// known, wherever the file has its lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Organisations,
    People,
    Rooms,
    Visits,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Organisations, Kind::People, Kind::Rooms, Kind::Visits];

    fn key(self) -> &'static str {
        match self {
            Kind::Organisations => "organisations",
            Kind::People => "people",
            Kind::Rooms => "rooms",
            Kind::Visits => "visits",
        }
    }
}

/// Some consecutive records of one kind, parsed.
pub(crate) struct Chunk {
    kind: Kind,
    /// The index of the first in the document's list.
    first: usize,
    records: Vec<Value>,
}

/// A document being checked a chunk at a time. Its syntax is checked whole
/// first (a broken file is refused at its line and column before anything
/// else); each top-level list is then kept as the JSON text of its records,
/// slices of the file's bytes, and a record becomes a value only in its
/// chunk.
pub(crate) struct Streamed<'a> {
    lists: Vec<(Kind, Vec<&'a serde_json::value::RawValue>)>,
    /// Where the next chunk starts: the list, and the record in it.
    at: (usize, usize),
    version_1: bool,
    c: Checker,
    /// The file, and its name, for the line and column of a record that
    /// does not parse.
    bytes: &'a [u8],
    name: String,
}

/// A value at the top of a document, as [`Streamed::start`] keeps it: a
/// list as its records' text (or, beyond [`MAX_RECORDS`], only how many it
/// holds: a file of tiny records would otherwise cost 16 bytes of memory
/// for each 2 of its own), a scalar as itself, anything else only known to
/// be there (and sound).
enum Field<'a> {
    List(Vec<&'a serde_json::value::RawValue>),
    TooLong(usize),
    Scalar(Value),
    Other,
}

impl<'de: 'a, 'a> Deserialize<'de> for Field<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visitor<'a> {
            type Value = Field<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Field<'a>, A::Error> {
                let (mut list, mut count) = (Vec::new(), 0usize);
                while let Some(r) = seq.next_element::<&'de serde_json::value::RawValue>()? {
                    count += 1;
                    if count <= MAX_RECORDS {
                        list.push(r);
                    } else if count == MAX_RECORDS + 1 {
                        list = Vec::new();
                    }
                }
                Ok(if count > MAX_RECORDS { Field::TooLong(count) } else { Field::List(list) })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Field<'a>, A::Error> {
                while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
                Ok(Field::Other)
            }
            fn visit_unit<E>(self) -> std::result::Result<Field<'a>, E> {
                Ok(Field::Scalar(Value::Null))
            }
            fn visit_bool<E>(self, v: bool) -> std::result::Result<Field<'a>, E> {
                Ok(Field::Scalar(Value::Bool(v)))
            }
            fn visit_u64<E>(self, v: u64) -> std::result::Result<Field<'a>, E> {
                Ok(Field::Scalar(Value::from(v)))
            }
            fn visit_i64<E>(self, v: i64) -> std::result::Result<Field<'a>, E> {
                Ok(Field::Scalar(Value::from(v)))
            }
            fn visit_f64<E>(self, v: f64) -> std::result::Result<Field<'a>, E> {
                Ok(Field::Scalar(Value::from(v)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Field<'a>, E> {
                Ok(Field::Scalar(Value::String(v.to_owned())))
            }
        }
        d.deserialize_any(Visitor(std::marker::PhantomData))
    }
}

impl<'a> Streamed<'a> {
    fn start(bytes: &'a [u8], name: &str) -> Result<Self> {
        use serde_json::value::RawValue;
        let malformed = |e: serde_json::Error| malformed_json(name, e.line(), e.column(), &e);
        // One pass reads the syntax of the whole and keeps each list as its
        // records' text (three passes did: the syntax, the keys, the lists;
        // a tenth of a second of the benchmark set's import).
        let mut root: HashMap<String, Field<'a>> = match serde_json::from_slice(bytes) {
            Ok(root) => root,
            // Not an object: refused as such, once its syntax is known sound
            // (a broken file is named by its line and column, whatever it is).
            Err(e) if e.is_data() => {
                serde_json::from_slice::<serde::de::IgnoredAny>(bytes).map_err(malformed)?;
                return Err(Error::invalid("$", Problem::DocumentNotObject));
            }
            Err(e) => return Err(malformed(e)),
        };
        let mut c = Checker::new(now());
        let scalar = |key: &str| match root.get(key) {
            Some(Field::Scalar(v)) => Some(v),
            _ => None,
        };
        let version = scalar("version").and_then(Value::as_u64);
        match scalar("format").and_then(Value::as_str) {
            Some(f) if f == FORMAT => {}
            _ => c.p.push("$.format", Problem::FormatNotLiaison { expected: FORMAT.into() }),
        }
        match version {
            Some(v) if v >= 1 && v <= u64::from(VERSION) => {}
            Some(v) => c
                .p
                .push("$.version", Problem::VersionUnreadable { version: v.to_string(), newest: VERSION.to_string() }),
            None => c.p.push("$.version", Problem::MustBeWholeNumber),
        }
        let mut lists = Vec::new();
        for kind in Kind::ALL {
            let key = kind.key();
            let list: Vec<&RawValue> = match root.remove(key) {
                None | Some(Field::Scalar(Value::Null)) => Vec::new(),
                Some(Field::List(list)) => list,
                // Far above a real office's records; a file beyond them is
                // refused at once rather than worked through.
                Some(Field::TooLong(count)) => {
                    c.p.push(format!("$.{key}"), Problem::DocumentTooLarge { count, max: MAX_RECORDS });
                    Vec::new()
                }
                Some(_) => {
                    c.p.push(format!("$.{key}"), Problem::NotArray);
                    Vec::new()
                }
            };
            lists.push((kind, list));
        }
        if !c.p.is_empty() {
            // Nothing of the records is checked: the document is refused
            // for what its head says.
            lists.clear();
        }
        Ok(Self { lists, at: (0, 0), version_1: version == Some(1), c, bytes, name: name.to_owned() })
    }

    /// How many top-level records the document holds.
    fn records(&self) -> u64 {
        self.lists.iter().map(|(_, l)| l.len() as u64).sum()
    }

    /// How many of them the chunks taken so far held.
    fn records_read(&self) -> u64 {
        let (list, at) = self.at;
        self.lists.iter().take(list).map(|(_, l)| l.len() as u64).sum::<u64>() + at as u64
    }

    /// The next records to check, parsed (and brought to this version's
    /// shape); None when all have been.
    fn next_chunk(&mut self) -> Result<Option<Chunk>> {
        let Some((mut chunk, end)) = self.next_range() else { return Ok(None) };
        for i in chunk.first..end {
            let v = self.parse(chunk.kind, i)?;
            chunk.records.push(v);
        }
        Ok(Some(chunk))
    }

    /// [`Streamed::next_chunk`], letting a part being written go on between
    /// records (see [`import_on`]).
    async fn next_chunk_yielding(&mut self) -> Result<Option<Chunk>> {
        let Some((mut chunk, end)) = self.next_range() else { return Ok(None) };
        for i in chunk.first..end {
            let v = self.parse(chunk.kind, i)?;
            chunk.records.push(v);
            let_writing_go_on().await;
        }
        Ok(Some(chunk))
    }

    /// Takes the next chunk's records: the chunk, still empty, and the
    /// index its records end before.
    fn next_range(&mut self) -> Option<(Chunk, usize)> {
        let (mut list, mut first) = self.at;
        while list < self.lists.len() && first >= self.lists[list].1.len() {
            (list, first) = (list + 1, 0);
        }
        let (kind, raw) = self.lists.get(list)?;
        let end = (first + CHUNK).min(raw.len());
        self.at = (list, end);
        Some((Chunk { kind: *kind, first, records: Vec::with_capacity(end - first) }, end))
    }

    /// The record at index `i` of the list of `kind`, parsed.
    fn parse(&self, kind: Kind, i: usize) -> Result<Value> {
        let Some((_, raw)) = self.lists.iter().find(|(k, _)| *k == kind) else {
            return Err(Error::Internal(format!("no list of {}", kind.key())));
        };
        let Some(r) = raw.get(i) else { return Err(Error::Internal(format!("no {}[{i}]", kind.key()))) };
        // The syntax was checked whole, so only a record nested deeper than
        // serde_json's limit (128) fails here.
        let mut v: Value = serde_json::from_str(r.get()).map_err(|e| self.malformed_in(r.get(), &e))?;
        if self.version_1 && matches!(kind, Kind::Organisations | Kind::People) {
            upgrade(&mut v);
        }
        Ok(v)
    }

    /// `e`, from parsing `record` (a slice of the file) on its own, at its
    /// line and column in the file.
    fn malformed_in(&self, record: &str, e: &serde_json::Error) -> Error {
        let start = (record.as_ptr() as usize).checked_sub(self.bytes.as_ptr() as usize);
        let before = start.and_then(|start| self.bytes.get(..start)).unwrap_or_default();
        let lines = memchr::memchr_iter(b'\n', before).count();
        let column = before.len() - memchr::memrchr(b'\n', before).map_or(0, |at| at + 1);
        let (line, column) =
            if e.line() <= 1 { (lines + 1, column + e.column()) } else { (lines + e.line(), e.column()) };
        malformed_json(self.name.as_str(), line, column, e)
    }

    fn check(&mut self, chunk: Chunk) {
        for (i, v) in (chunk.first..).zip(chunk.records) {
            self.check_one(chunk.kind, i, v);
        }
    }

    /// [`Streamed::check`], letting a part being written go on between
    /// records (see [`import_on`]).
    async fn check_yielding(&mut self, chunk: Option<Chunk>) {
        let Some(chunk) = chunk else { return };
        for (i, v) in (chunk.first..).zip(chunk.records) {
            self.check_one(chunk.kind, i, v);
            let_writing_go_on().await;
        }
    }

    /// Checks the record at index `i` of the list of `kind`.
    fn check_one(&mut self, kind: Kind, i: usize, v: Value) {
        let c = &mut self.c;
        match kind {
            Kind::Organisations => c.organisation(&format!("$.organisations[{i}]"), &v),
            Kind::People => c.person(&format!("$.people[{i}]"), &v),
            Kind::Rooms => c.room(&format!("$.rooms[{i}]"), &v),
            Kind::Visits => c.visit(i, v),
        }
    }

    fn finish(self) -> Result<Checked> {
        self.c.finish()
    }
}

impl Chunk {
    /// The chunk as a document of its own, for [`merge::complete`].
    fn as_document(&mut self) -> Value {
        let mut root = serde_json::Map::new();
        root.insert(self.kind.key().to_owned(), Value::Array(std::mem::take(&mut self.records)));
        Value::Object(root)
    }

    fn take_back(&mut self, mut root: Value) {
        if let Some(Value::Array(records)) = root.get_mut(self.kind.key()).map(Value::take) {
            self.records = records;
        }
    }
}

/// Version 1 had two forms of a name, `name` and `native_name`, and the
/// second was most often the Chinese name. Version 2 has three (see
/// [`crate::names`]): a version-1 `native_name` written in Chinese
/// characters becomes the `chinese_name`, as the database migration does.
/// A record that names no `chinese_name` otherwise keeps the stored one.
fn upgrade(record: &mut Value) {
    let Some(r) = record.as_object_mut() else { return };
    let chinese = matches!(r.get("native_name"), Some(Value::String(n)) if crate::names::is_chinese(n));
    if chinese && !r.contains_key("chinese_name") {
        if let Some(n) = r.insert("native_name".into(), Value::String(String::new())) {
            r.insert("chinese_name".into(), n);
        }
    }
}

fn take_array(obj: &mut serde_json::Map<String, Value>, key: &str, path: &str, p: &mut Problems) -> Vec<Value> {
    match obj.remove(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a,
        Some(_) => {
            p.push(format!("{path}.{key}"), Problem::NotArray);
            Vec::new()
        }
    }
}

/// The state of checking one document: problems found, records ready, and
/// the ids and UIDs seen so far with where.
struct Checker {
    at: chrono::DateTime<chrono::Utc>,
    p: Problems,
    out: Checked,
    seen: HashMap<Uuid, String>,
    uids: HashMap<String, String>,
    /// The organisations, people and rooms the document holds, and the
    /// visit of each follow-up it holds: a reference to one of them needs
    /// no database, even once its record has been written and let go.
    doc_orgs: HashSet<Uuid>,
    doc_people: HashSet<Uuid>,
    doc_rooms: HashSet<Uuid>,
    home: HashMap<Uuid, Uuid>,
}

impl Checker {
    fn new(at: chrono::DateTime<chrono::Utc>) -> Self {
        Self {
            at,
            p: Problems::new(),
            out: Checked::default(),
            seen: HashMap::new(),
            uids: HashMap::new(),
            doc_orgs: HashSet::new(),
            doc_people: HashSet::new(),
            doc_rooms: HashSet::new(),
            home: HashMap::new(),
        }
    }

    /// The records checked since the last call, to be written. The links
    /// of carried follow-ups stay until [`Checker::finish`], because a
    /// visit may carry a follow-up of a visit later in the file.
    ///
    /// References are resolved against the document as checked so far.
    /// That is all of it for the kinds referred to: chunks come in
    /// [`Kind::ALL`]'s order, organisations, people and rooms before the
    /// visits that name them, and an organisation is only named by people
    /// and visits.
    fn take_part(&mut self) -> Checked {
        let carried = std::mem::take(&mut self.out.carried);
        let mut part = std::mem::replace(&mut self.out, Checked { carried, ..Checked::default() });
        self.resolve(&mut part);
        part
    }

    /// Keeps only the references the document itself does not satisfy.
    fn resolve(&self, d: &mut Checked) {
        d.org_refs.retain(|(id, _)| !self.doc_orgs.contains(id));
        d.person_refs.retain(|(id, _)| !self.doc_people.contains(id));
        d.room_refs.retain(|(id, _)| !self.doc_rooms.contains(id));
    }

    /// False (and recorded) when the id was seen before in the file.
    fn unique(&mut self, id: Uuid, path: &str) -> bool {
        if let Some(first) = self.seen.get(&id) {
            self.p.push(format!("{path}.id"), Problem::IdUsedTwice { id: id.to_string(), first: first.clone() });
            false
        } else {
            self.seen.insert(id, path.to_owned());
            true
        }
    }

    fn uid_of(&mut self, given: Option<String>, id: Uuid, path: &str) -> String {
        let uid = match given {
            Some(u) => uid(&mut self.p, &format!("{path}.uid"), &u),
            None => calendar_uid(id),
        };
        if let Some(first) = self.uids.get(&uid) {
            self.p.push(format!("{path}.uid"), Problem::UidUsedTwice { uid: uid.clone(), first: first.clone() });
        } else {
            self.uids.insert(uid.clone(), path.to_owned());
        }
        uid
    }

    /// What is left to write (the carried follow-ups' links, and all the
    /// records when no part was taken), or every problem found.
    fn finish(mut self) -> Result<Checked> {
        let mut out = std::mem::take(&mut self.out);
        self.resolve(&mut out);
        // A follow-up is carried into a visit other than its own.
        for (visit, id, path) in &out.carried {
            if self.home.get(id) == Some(visit) {
                self.p.push(path.clone(), Problem::CarriedOntoItsOwnVisit);
            }
        }
        self.p.finish(|| out)
    }

    fn organisation(&mut self, path: &str, v: &Value) {
        let Some((m, fields)) = split::<OrganisationInput>(&mut self.p, v, path) else { return };
        if !self.unique(m.id, path) {
            return;
        }
        let Some(d) = under(&mut self.p, path, OrganisationData::try_from(&fields)) else { return };
        self.doc_orgs.insert(m.id);
        self.out.organisations.push(d.into_record(m.id, self.at, self.at));
    }

    fn room(&mut self, path: &str, v: &Value) {
        let Some((m, fields)) = split::<RoomInput>(&mut self.p, v, path) else { return };
        if !self.unique(m.id, path) {
            return;
        }
        let Some(d) = under(&mut self.p, path, RoomData::try_from(&fields)) else { return };
        self.doc_rooms.insert(m.id);
        self.out.rooms.push(d.into_record(m.id, self.at, self.at));
    }

    fn person(&mut self, path: &str, v: &Value) {
        let Some((m, fields)) = split::<PersonInput>(&mut self.p, v, path) else { return };
        if !self.unique(m.id, path) {
            return;
        }
        let Some(d) = under(&mut self.p, path, PersonData::try_from(&fields)) else { return };
        if let Some(o) = d.organisation_id {
            self.out.org_refs.push((o, format!("{path}.organisation_id")));
        }
        self.doc_people.insert(m.id);
        self.out.people.push(d.into_record(m.id, self.at, self.at));
        let periods = match v.get("availability") {
            None | Some(Value::Null) => &[][..],
            Some(Value::Array(a)) => a.as_slice(),
            Some(_) => {
                self.p.push(format!("{path}.availability"), Problem::NotArray);
                &[][..]
            }
        };
        for (k, a) in periods.iter().enumerate() {
            let apath = format!("{path}.availability[{k}]");
            let Some((am, fields)) = split::<AvailabilityInput>(&mut self.p, a, &apath) else { continue };
            if !self.unique(am.id, &apath) {
                continue;
            }
            let Some(d) = under(&mut self.p, &apath, AvailabilityData::try_from(&fields)) else { continue };
            self.out.availability.push(d.into_record(am.id, m.id, self.at, self.at));
        }
    }

    fn visit(&mut self, i: usize, v: Value) {
        let path = format!("$.visits[{i}]");
        let Value::Object(mut obj) = v else {
            self.p.push(path, Problem::NotObject);
            return;
        };
        let parts = take_array(&mut obj, "participants", &path, &mut self.p);
        let items = take_array(&mut obj, "agenda", &path, &mut self.p);
        let fus = take_array(&mut obj, "follow_ups", &path, &mut self.p);
        let carried = take_array(&mut obj, "carried_follow_ups", &path, &mut self.p);
        let seating = obj.remove("seating").filter(|v| !v.is_null());
        // Limits before any work on the entries, so that a list of 200,000
        // is refused at once.
        let mut over = false;
        for (key, n, max) in [
            ("participants", parts.len(), MAX_PARTICIPANTS),
            ("agenda", items.len(), MAX_AGENDA_ITEMS),
            ("follow_ups", fus.len(), MAX_FOLLOW_UPS),
            ("carried_follow_ups", carried.len(), MAX_FOLLOW_UPS),
        ] {
            if n > max {
                self.p.push(format!("{path}.{key}"), Problem::VisitListTooLong { count: n, max });
                over = true;
            }
        }
        if over {
            return;
        }
        let Some((m, fields)) = split::<VisitInput>(&mut self.p, &Value::Object(obj), &path) else { return };
        if !self.unique(m.id, &path) {
            return;
        }
        let visit_id = m.id;
        let uid = self.uid_of(m.uid, visit_id, &path);
        let visit_zone = parse_zone(&fields.time_zone).ok();
        if let Some(d) = under(&mut self.p, &path, VisitData::try_from(&fields)) {
            for (field, org) in [("host_org_id", d.host_org_id), ("guest_org_id", d.guest_org_id)] {
                if let Some(o) = org {
                    self.out.org_refs.push((o, format!("{path}.{field}")));
                }
            }
            let stamp = Stamp { uid, sequence: m.sequence, created_at: self.at, updated_at: self.at };
            self.out.visits.push(d.into_record(visit_id, stamp));
        }

        let mut on_visit: HashSet<Uuid> = HashSet::new();
        let mut next_precedence: HashMap<Side, u32> = HashMap::new();
        for (j, v) in parts.iter().enumerate() {
            let ppath = format!("{path}.participants[{j}]");
            let Some(r) = record::<ParticipantInput>(&mut self.p, v, &ppath) else { continue };
            if !on_visit.insert(r.person_id) {
                self.p.push(format!("{ppath}.person_id"), Problem::PersonTwiceOnVisit { id: r.person_id.to_string() });
                continue;
            }
            self.out.person_refs.push((r.person_id, format!("{ppath}.person_id")));
            let next = next_precedence.entry(r.side).or_insert(1);
            let precedence = match r.precedence {
                Some(0) => {
                    self.p.push(format!("{ppath}.precedence"), Problem::CountsFromOne);
                    0
                }
                Some(n) => n,
                None => *next,
            };
            *next = (*next).max(precedence.saturating_add(1));
            self.out.participants.push(Participant {
                visit_id,
                person_id: r.person_id,
                side: r.side,
                role: r.role,
                precedence,
            });
        }

        for (j, v) in items.iter().enumerate() {
            let apath = format!("{path}.agenda[{j}]");
            let Some((m, fields)) = split::<AgendaItemInput>(&mut self.p, v, &apath) else { continue };
            if !self.unique(m.id, &apath) {
                continue;
            }
            let uid = self.uid_of(m.uid, m.id, &apath);
            let zone = match &m.time_zone {
                Some(z) => match parse_zone(z) {
                    Ok(z) => Some(z),
                    Err(msg) => {
                        self.p.push(format!("{apath}.time_zone"), msg);
                        None
                    }
                },
                None => visit_zone,
            };
            // Without a zone the times cannot be read; the zone's error is recorded.
            let Some(zone) = zone else { continue };
            let Some(d) = under(&mut self.p, &apath, AgendaItemData::validate(&fields, zone)) else { continue };
            for (k, person) in d.participant_ids.iter().enumerate() {
                if !on_visit.contains(person) {
                    self.out.agenda_refs.push((visit_id, *person, format!("{apath}.participant_ids[{k}]")));
                }
            }
            if let Some(room) = d.room_id {
                self.out.room_refs.push((room, format!("{apath}.room_id")));
            }
            let stamp = Stamp { uid, sequence: m.sequence, created_at: self.at, updated_at: self.at };
            self.out.agenda.push(AgendaItem { position: m.position, ..d.into_record(m.id, visit_id, stamp) });
        }

        for (j, v) in fus.iter().enumerate() {
            let fpath = format!("{path}.follow_ups[{j}]");
            let Some((m, fields)) = split::<FollowUpInput>(&mut self.p, v, &fpath) else { continue };
            if !self.unique(m.id, &fpath) {
                continue;
            }
            let uid = self.uid_of(m.uid, m.id, &fpath);
            let Some(d) = under(&mut self.p, &fpath, FollowUpData::try_from(&fields)) else { continue };
            if let Some(o) = d.owner_id {
                self.out.person_refs.push((o, format!("{fpath}.owner_id")));
            }
            if let Some(o) = d.counterpart_org_id {
                self.out.org_refs.push((o, format!("{fpath}.counterpart_org_id")));
            }
            let stamp = Stamp { uid, sequence: m.sequence, created_at: self.at, updated_at: self.at };
            self.home.insert(m.id, visit_id);
            self.out.follow_ups.push(d.into_record(m.id, visit_id, stamp));
        }

        if let Some(v) = seating {
            self.seating(visit_id, &v, &format!("{path}.seating"), &on_visit);
        }

        for (j, v) in carried.iter().enumerate() {
            let cpath = format!("{path}.carried_follow_ups[{j}]");
            match v.as_str().map(str::parse::<Uuid>) {
                Some(Ok(id)) => self.out.carried.push((visit_id, id, cpath)),
                Some(Err(_)) => self.p.push(cpath, Problem::NotUuid { value: v.as_str().unwrap_or_default().into() }),
                None => self.p.push(cpath, Problem::NotUuidString),
            }
        }
    }

    /// A visit's seating rules: a table size the rules allow, and swaps of
    /// people on the visit in this document.
    fn seating(&mut self, visit_id: Uuid, v: &Value, path: &str, on_visit: &HashSet<Uuid>) {
        use crate::seating::{SeatingRules, TABLE_SIZES};
        let Some(rules) = record::<SeatingRules>(&mut self.p, v, path) else { return };
        let mut ok = true;
        if !TABLE_SIZES.contains(&rules.table_size) {
            let (min, max) = (u64::from(*TABLE_SIZES.start()), u64::from(*TABLE_SIZES.end()));
            self.p.push(format!("{path}.table_size"), Problem::OutOfRange { min, max });
            ok = false;
        }
        for (key, swaps) in [("meeting_swaps", &rules.meeting_swaps), ("banquet_swaps", &rules.banquet_swaps)] {
            for (k, (a, b)) in swaps.iter().enumerate() {
                for (n, id) in [a, b].into_iter().enumerate() {
                    if !on_visit.contains(id) {
                        self.p.push(format!("{path}.{key}[{k}][{n}]"), Problem::NotParticipant { id: id.to_string() });
                        ok = false;
                    }
                }
            }
        }
        if ok {
            let present: Vec<Uuid> = on_visit.iter().copied().collect();
            self.out.seating.push((visit_id, rules.tidied(&present)));
        }
    }
}

/// A JSON file (`path`) that does not read, at `line` and `column` of the
/// file: serde_json's error `e` gives the detail. Its message ends with
/// " at line L column C", which is left out: the position is reported
/// apart, and is the file's even where `e` came from a part of it.
pub(crate) fn malformed_json(path: impl Into<String>, line: usize, column: usize, e: &serde_json::Error) -> Error {
    let message = e.to_string();
    let detail = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    Error::Malformed { path: path.into(), line, column, problem: Box::new(Problem::JsonSyntax { detail }) }
}

/// The members a record has beside its form fields.
#[derive(Debug)]
struct Meta {
    id: Uuid,
    uid: Option<String>,
    sequence: u32,
    time_zone: Option<String>,
    position: u32,
}

/// Reads the metadata members straight from the object: cheaper than a
/// second deserialisation of every record, which a large import felt.
fn meta(p: &mut Problems, v: &serde_json::Map<String, Value>, path: &str) -> Option<Meta> {
    let mut ok = true;
    let id = match v.get("id") {
        Some(Value::String(s)) => match Uuid::parse_str(s) {
            Ok(id) => Some(id),
            Err(_) => {
                p.push(format!("{path}.id"), Problem::NotUuid { value: s.clone() });
                None
            }
        },
        None => {
            p.push(format!("{path}.id"), Problem::Required);
            None
        }
        Some(_) => {
            p.push(format!("{path}.id"), Problem::NotUuidString);
            None
        }
    };
    let mut text = |key: &str| match v.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            p.push(format!("{path}.{key}"), Problem::NotString);
            ok = false;
            None
        }
    };
    let uid = text("uid");
    let time_zone = text("time_zone");
    let sequence = match v.get("sequence") {
        None | Some(Value::Null) => 0,
        Some(n) => match n.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) => n,
            None => {
                p.push(format!("{path}.sequence"), Problem::SequenceRange);
                ok = false;
                0
            }
        },
    };
    // An agenda item's place among those that start with it.
    let position = match v.get("position") {
        None | Some(Value::Null) => 0,
        Some(n) => match n.as_u64().and_then(|n| u32::try_from(n).ok()).filter(|n| *n <= MAX_AGENDA_ITEMS as u32) {
            Some(n) => n,
            None => {
                p.push(format!("{path}.position"), Problem::OutOfRange { min: 0, max: MAX_AGENDA_ITEMS as u64 });
                ok = false;
                0
            }
        },
    };
    Some(Meta { id: id?, uid, sequence, time_zone, position }).filter(|_| ok)
}

/// A record's form fields and its metadata.
fn split<T: DeserializeOwned>(p: &mut Problems, v: &Value, path: &str) -> Option<(Meta, T)> {
    let Value::Object(map) = v else {
        p.push(path, Problem::NotObject);
        return None;
    };
    let meta = meta(p, map, path);
    let fields = record::<T>(p, v, path);
    Some((meta?, fields?))
}

/// Deserialises one record, recording a failure under its path. The plain
/// deserialiser runs first; only a record that fails is read again with path
/// tracking, which costs on every field.
fn record<T: DeserializeOwned>(p: &mut Problems, v: &Value, path: &str) -> Option<T> {
    if let Ok(r) = T::deserialize(v) {
        return Some(r);
    }
    match serde_path_to_error::deserialize::<_, T>(v) {
        Ok(r) => Some(r),
        Err(e) => {
            let inner = e.path().to_string();
            let field = if inner == "." || inner == "?" { path.to_owned() } else { format!("{path}.{inner}") };
            p.push(field, crate::problem::from_serde(&e.into_inner().to_string()));
            None
        }
    }
}

/// Keeps a validated value, or records its field errors under `path`.
fn under<T>(p: &mut Problems, path: &str, r: Result<T>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(Error::Invalid(errors)) => {
            p.extend(errors.into_iter().map(|e: FieldError| e.under(path)));
            None
        }
        Err(other) => {
            p.push(path, other.to_string());
            None
        }
    }
}

fn counts(total: usize, added: usize, written: u64) -> Counts {
    let total = total as u64;
    let added = added as u64;
    let updated = written.saturating_sub(added);
    Counts { total, added, updated, unchanged: total.saturating_sub(added + updated) }
}

impl Service {
    /// Imports a document, all of it in one transaction or nothing. A
    /// record that leaves a field out keeps what is stored for it (see
    /// [`merge`]).
    pub async fn import_json(&self, bytes: &[u8], name: &str) -> Result<ImportReport> {
        self.import_json_with(bytes, name, &Work::quiet()).await
    }

    /// [`Service::import_json`], reporting how many of the document's
    /// records are written and stopping, with nothing written, when `work`
    /// is cancelled.
    pub async fn import_json_with(&self, bytes: &[u8], name: &str, work: &Work) -> Result<ImportReport> {
        let mut tx = self.write().await?;
        let (report, _) = import_on(&mut *tx, bytes, name, false, work).await?;
        crate::pause::point("json-import:commit");
        tx.commit().await?;
        Ok(report)
    }

    /// What importing a document would do, field by field; writes nothing.
    /// The import runs in a transaction that is rolled back, so the counts
    /// and every refusal are exactly the import's.
    pub async fn preview_json(&self, bytes: &[u8], name: &str) -> Result<JsonPreview> {
        self.preview_json_with(bytes, name, &Work::quiet()).await
    }

    /// [`Service::preview_json`], reporting how many of the document's
    /// records are checked, and stopping when `work` is cancelled.
    pub async fn preview_json_with(&self, bytes: &[u8], name: &str, work: &Work) -> Result<JsonPreview> {
        let mut tx = self.storage().plan().await?;
        let (report, changes) = import_on(&mut *tx, bytes, name, true, work).await?;
        tx.rollback().await?;
        Ok(JsonPreview { report, changes })
    }
}

/// Reads, checks and writes a document in the caller's transaction, a
/// chunk of [`CHUNK`] records at a time: memory holds the file's bytes, what
/// is needed to check references and repeated ids, and one chunk, never all
/// the records (the benchmark set's took over 200 MB as records, and the
/// import's peak came close to its limit of 500 MB).
///
/// Every chunk is checked, even after a problem is found, so that the
/// refusal lists them all; from the first problem on nothing more is
/// written, and the caller's transaction is dropped, so nothing stays.
/// The problems a document has on its own come first, as they always did;
/// references to records that neither the document nor the database holds
/// are reported only when there are none of those.
///
/// Progress counts the document's top-level records (a visit with all it
/// holds is one), a chunk at a time; a preview reports it as checking, as
/// it writes nothing that stays.
async fn import_on(
    tx: &mut dyn Session,
    bytes: &[u8],
    name: &str,
    want_changes: bool,
    work: &Work,
) -> Result<(ImportReport, Vec<FieldChange>)> {
    let stage = if want_changes { Stage::Checking } else { Stage::Writing };
    let mut doc = Streamed::start(bytes, name)?;
    let total = doc.records();
    let mut bulk = Bulk { rows: estimated_rows(bytes), state: BulkState::NotYet };
    let mut report = ImportReport::default();
    let mut changes = Vec::new();
    let mut nowhere = Problems::new();
    // A part checked and ready, written while the next chunk is checked
    // and the one after it parsed: the writing is mostly the database's
    // thread's work, the checking and parsing this one's (they took turns,
    // each idle half the time; parsing the next chunk only after the
    // writing had ended left the database idle for it).
    let mut ready: Option<(Checked, merge::Read)> = None;
    // Ids are one namespace across kinds (the search index, the history
    // and calendar UIDs key on an id alone), and the document's own ids
    // and UIDs are all seen by the checker: only a record stored before the
    // import can hold a document's id under another kind, or its UID under
    // another id (see `taken`). Into a database that holds nothing (a first
    // import, a restore) there is nothing to look up.
    let held_before = tx.search_holds_any().await?;
    // The records in the chunks before `next`, for progress.
    let mut done = doc.records_read();
    let mut next = doc.next_chunk()?;
    loop {
        // Between chunks, where a cancel drops the caller's transaction.
        work.check()?;
        work.report(stage, done, total);
        // Completed from the database before the part before is written:
        // no record is in two chunks, so what that part writes changes
        // nothing read here.
        let (chunk, read) = match next.take() {
            Some(mut chunk) => {
                let mut root = chunk.as_document();
                let read = merge::complete(tx, &mut root).await?;
                chunk.take_back(root);
                (Some(chunk), Some(read))
            }
            None => (None, None),
        };
        let prepare = async {
            doc.check_yielding(chunk).await;
            let done = doc.records_read();
            doc.next_chunk_yielding().await.map(|next| (done, next))
        };
        let prepared = if let Some((part, part_read)) = ready.take() {
            let (written, prepared) = tokio::join!(write_part(tx, part, part_read, &mut bulk, want_changes), prepare);
            let (r, c) = written?;
            report.add(&r);
            changes.extend(c);
            prepared
        } else {
            prepare.await
        };
        (done, next) = prepared?;
        let Some(read) = read else { break };
        let part = doc.c.take_part();
        if !doc.c.p.is_empty() {
            continue;
        }
        // Checked before the part is written: no part writes a record that
        // another part refers to without holding it itself.
        nowhere.extend(missing(tx, &part).await?.into_inner());
        if held_before {
            nowhere.extend(taken(tx, &part, &doc.c.seen).await?.into_inner());
        }
        if !nowhere.is_empty() {
            continue;
        }
        ready = Some((part, read));
    }
    // The last moment a cancel is heard: what follows ends in the commit.
    work.check()?;
    work.report(Stage::Finishing, 0, 0);
    crate::pause::point("json-import:finishing");
    let carried_nowhere = if doc.c.p.is_empty() && nowhere.is_empty() {
        carried_missing(tx, &doc.c.out.carried, &doc.c.home).await?
    } else {
        Problems::new()
    };
    let rest = doc.finish()?;
    nowhere.extend(carried_nowhere.into_inner());
    nowhere.finish(|| ())?;
    // Links are added to those stored, never taken away: a document merges.
    // Written last, as a visit may carry a follow-up of a later one.
    for (visit, id, _) in &rest.carried {
        tx.carry_follow_up(*visit, *id).await?;
    }
    bulk.end(tx).await?;
    Ok((report, changes))
}

/// About how many rows a document writes, before it is read: its records
/// with an id, and its participants. Decides, before the first write,
/// whether the import suspends the tables' secondary indexes (see
/// [`Session::begin_bulk`]), which pays only for many rows.
fn estimated_rows(bytes: &[u8]) -> usize {
    memchr::memmem::find_iter(bytes, b"\"id\"").count() + memchr::memmem::find_iter(bytes, b"\"person_id\"").count()
}

/// The tables an import writes in bulk.
const BULK_TABLES: [Table; 7] = [
    Table::Organisations,
    Table::People,
    Table::Visits,
    Table::Participants,
    Table::AgendaItems,
    Table::AgendaParticipants,
    Table::FollowUps,
];

/// Whether an import has the secondary indexes of the tables it writes
/// suspended. They are suspended before the first write, when the document
/// is large, and restored at the end, or as soon as a part has stored agenda
/// items or follow-ups: what those were is read a visit at a time, which
/// needs the indexes by visit (without them each read scans the table). An
/// import that updates stored records is then written with its indexes, as
/// a small import is.
struct Bulk {
    rows: usize,
    state: BulkState,
}

/// Where an import is with its suspended indexes: they are suspended at
/// most once, and once restored (or never suspended before the first part
/// that needed them) they stay.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BulkState {
    NotYet,
    Suspended,
    Over,
}

impl Bulk {
    async fn begin(&mut self, tx: &mut dyn Session) -> Result<()> {
        if self.state == BulkState::NotYet {
            // The stale marks are left on (Session::suspend_insert_marks):
            // the benchmark data set imported no faster without them.
            tx.begin_bulk(&BULK_TABLES, self.rows).await?;
            self.state = BulkState::Suspended;
        }
        Ok(())
    }

    async fn end(&mut self, tx: &mut dyn Session) -> Result<()> {
        if self.state == BulkState::Suspended {
            tx.end_bulk().await?;
        }
        self.state = BulkState::Over;
        Ok(())
    }
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.total += o.total;
        self.added += o.added;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
    }
}

impl ImportReport {
    fn add(&mut self, o: &ImportReport) {
        self.organisations.add(&o.organisations);
        self.people.add(&o.people);
        self.visits.add(&o.visits);
        self.participants.add(&o.participants);
        self.agenda_items.add(&o.agenda_items);
        self.follow_ups.add(&o.follow_ups);
        self.rooms.add(&o.rooms);
    }
}

/// The references of a part to records that neither the document nor the
/// database holds.
async fn missing(tx: &mut dyn Session, d: &Checked) -> Result<Problems> {
    let mut p = Problems::new();
    let ids = |refs: &[(Uuid, String)]| refs.iter().map(|(id, _)| *id).collect::<Vec<_>>();
    let orgs = tx.existing_ids(Table::Organisations, &ids(&d.org_refs)).await?;
    for (id, path) in &d.org_refs {
        if !orgs.contains(id) {
            p.push(path.clone(), Problem::OrganisationNowhere { id: id.to_string() });
        }
    }
    let persons = tx.existing_ids(Table::People, &ids(&d.person_refs)).await?;
    for (id, path) in &d.person_refs {
        if !persons.contains(id) {
            p.push(path.clone(), Problem::PersonNowhere { id: id.to_string() });
        }
    }
    for (visit, person, path) in &d.agenda_refs {
        if tx.participant(*visit, *person).await?.is_none() {
            p.push(path.clone(), Problem::NotParticipant { id: person.to_string() });
        }
    }
    let rooms = tx.existing_ids(Table::Rooms, &ids(&d.room_refs)).await?;
    for (id, path) in &d.room_refs {
        if !rooms.contains(id) {
            p.push(path.clone(), Problem::RoomNowhere { id: id.to_string() });
        }
    }
    Ok(p)
}

/// The records of a part whose id a stored record of another kind holds,
/// or whose calendar UID another stored record holds, each named by the
/// path where the document gave it (`seen`).
async fn taken(tx: &mut dyn Session, d: &Checked, seen: &HashMap<Uuid, String>) -> Result<Problems> {
    // In the document's order, as the checker's problems are.
    let own: Vec<(Uuid, SearchKind)> = (d.organisations.iter().map(|r| (r.id, SearchKind::Organisation)))
        .chain(d.people.iter().map(|r| (r.id, SearchKind::Person)))
        .chain(d.rooms.iter().map(|r| (r.id, SearchKind::Room)))
        .chain(d.visits.iter().map(|r| (r.id, SearchKind::Visit)))
        .chain(d.agenda.iter().map(|r| (r.id, SearchKind::AgendaItem)))
        .chain(d.follow_ups.iter().map(|r| (r.id, SearchKind::FollowUp)))
        .collect();
    let ids: Vec<Uuid> = own.iter().map(|(id, _)| *id).collect();
    let stored: HashMap<Uuid, SearchKind> = tx.search_kinds(&ids).await?.into_iter().collect();
    let at = |id: &Uuid, field: &str| seen.get(id).map_or_else(|| "$".to_owned(), |path| format!("{path}.{field}"));
    let mut p = Problems::new();
    for (id, kind) in own {
        if let Some(theirs) = stored.get(&id).filter(|theirs| **theirs != kind) {
            p.push(at(&id, "id"), Problem::IdTaken { id: id.to_string(), kind: theirs.as_str().to_owned() });
        }
    }
    // A calendar UID is unique within its table: one that a stored record
    // of the same table holds under another id is named here, where the
    // database's unique index would refuse the write without a path.
    let with_uids = [
        (UidTable::Visits, SearchKind::Visit, d.visits.iter().map(|r| (r.id, r.uid.as_str())).collect::<Vec<_>>()),
        (UidTable::AgendaItems, SearchKind::AgendaItem, d.agenda.iter().map(|r| (r.id, r.uid.as_str())).collect()),
        (UidTable::FollowUps, SearchKind::FollowUp, d.follow_ups.iter().map(|r| (r.id, r.uid.as_str())).collect()),
    ];
    for (table, kind, records) in with_uids {
        if records.is_empty() {
            continue;
        }
        let wanted: Vec<&str> = records.iter().map(|(_, uid)| *uid).collect();
        let holders = tx.ids_by_uid(table, &wanted).await?;
        for (id, uid) in records {
            if holders.get(uid).is_some_and(|(holder, _)| *holder != id) {
                p.push(at(&id, "uid"), Problem::UidHeld { uid: uid.to_owned(), kind: kind.as_str().to_owned() });
            }
        }
    }
    Ok(p)
}

/// Follow-ups carried into visits that the document does not hold (`home`
/// has those it does): each must be stored, on a visit of its own.
async fn carried_missing(
    tx: &mut dyn Session,
    carried: &[(Uuid, Uuid, String)],
    home: &HashMap<Uuid, Uuid>,
) -> Result<Problems> {
    let mut p = Problems::new();
    for (visit, id, path) in carried.iter().filter(|(_, id, _)| !home.contains_key(id)) {
        match tx.follow_up(*id).await {
            Ok(f) if f.visit_id == *visit => p.push(path.clone(), Problem::CarriedOntoItsOwnVisit),
            Ok(_) => {}
            Err(Error::NotFound { .. }) => p.push(path.clone(), Problem::FollowUpNowhere { id: id.to_string() }),
            Err(e) => return Err(e),
        }
    }
    Ok(p)
}

/// Writes a checked part of a document whose references hold; with
/// `want_changes`, also says which stored fields it changed.
async fn write_part(
    tx: &mut dyn Session,
    mut d: Checked,
    read: merge::Read,
    bulk: &mut Bulk,
    want_changes: bool,
) -> Result<(ImportReport, Vec<FieldChange>)> {
    // Rows in key order turn random B-tree inserts into appends; UIDs made
    // from ids sort the same way, so their unique index benefits too. Only
    // within a part: the next part's ids fall between these, which cost
    // the benchmark set's import about 15% of its time against one sorted
    // whole, the price of not holding every record at once.
    d.organisations.sort_unstable_by_key(|r| r.id);
    d.people.sort_unstable_by_key(|r| r.id);
    d.visits.sort_unstable_by_key(|r| r.id);
    d.participants.sort_unstable_by_key(|r| (r.visit_id, r.person_id));
    d.agenda.sort_unstable_by_key(|r| r.id);
    d.follow_ups.sort_unstable_by_key(|r| r.id);

    let org_ids: Vec<Uuid> = d.organisations.iter().map(|o| o.id).collect();
    let person_ids: Vec<Uuid> = d.people.iter().map(|o| o.id).collect();
    let visit_ids: Vec<Uuid> = d.visits.iter().map(|o| o.id).collect();
    let item_ids: Vec<Uuid> = d.agenda.iter().map(|o| o.id).collect();
    let fu_ids: Vec<Uuid> = d.follow_ups.iter().map(|o| o.id).collect();
    let room_ids: Vec<Uuid> = d.rooms.iter().map(|o| o.id).collect();
    let stored = Stored {
        orgs: tx.existing_ids(Table::Organisations, &org_ids).await?,
        people: tx.existing_ids(Table::People, &person_ids).await?,
        visits: tx.existing_ids(Table::Visits, &visit_ids).await?,
        items: tx.existing_ids(Table::AgendaItems, &item_ids).await?,
        follow_ups: tx.existing_ids(Table::FollowUps, &fu_ids).await?,
        rooms: tx.existing_ids(Table::Rooms, &room_ids).await?,
    };
    let fresh = Fresh::of(&d, &stored);
    // Read before anything is written: what the stored records were.
    let old_parts = stored_participants(tx, &d, &stored).await?;
    let new_parts = d.participants.iter().filter(|x| !old_parts.contains_key(&(x.visit_id, x.person_id))).count();
    if !stored.items.is_empty() || !stored.follow_ups.is_empty() {
        bulk.end(tx).await?;
    }
    let changes = merge::changes(tx, &d, &stored, read).await?;
    let history = import_history(tx, &d, &stored, &fresh, &old_parts, &changes).await?;

    let uid_clash = |e: Error| match e {
        Error::Database(sqlx::Error::Database(db)) if db.is_unique_violation() => {
            Error::Conflict(Problem::UidTaken { detail: db.message().to_owned() })
        }
        other => other,
    };
    bulk.begin(tx).await?;
    // Pause points (crate::pause) between the tables: the crash tests
    // kill an import at each and find all of it or none of it.
    let orgs_written = tx.upsert_organisations(&d.organisations).await?;
    let people_written = tx.upsert_people(&d.people).await?;
    let rooms_written = tx.upsert_rooms(&d.rooms).await?;
    tx.upsert_availability(&d.availability).await?;
    if !d.people.is_empty() {
        crate::pause::point("json-import:people");
    }
    let visits_written = tx.upsert_visits(&d.visits).await.map_err(uid_clash)?;
    let participants_written = tx.upsert_participants(&d.participants).await?;
    if !d.visits.is_empty() {
        crate::pause::point("json-import:visits");
    }
    let agenda_written = tx.upsert_agenda(&d.agenda).await.map_err(uid_clash)?;
    if !d.agenda.is_empty() {
        crate::pause::point("json-import:agenda");
    }
    let follow_ups_written = tx.upsert_follow_ups(&d.follow_ups).await.map_err(uid_clash)?;
    // After the items' people are written: the items that then name nobody
    // invite the whole visit, and are raised with it.
    tx.bump_attendee_sequences(&attendees_changed(&d, &stored, &old_parts)).await?;
    // The records the document adds are indexed from it; those it changes
    // are marked stale by the database and indexed at the commit, read back.
    crate::search::index_written(tx, &fresh.agenda, &fresh.follow_ups).await?;
    let mut docs: Vec<Doc> =
        Vec::with_capacity(fresh.orgs.len() + fresh.people.len() + fresh.rooms.len() + fresh.visits.len());
    docs.extend(fresh.orgs.iter().copied().map(Doc::of_organisation));
    docs.extend(fresh.people.iter().copied().map(Doc::of_person));
    docs.extend(fresh.rooms.iter().copied().map(Doc::of_room));
    docs.extend(fresh.visits.iter().copied().map(Doc::of_visit));
    crate::search::index_docs_written(tx, &docs, true).await?;
    for (visit, rules) in &d.seating {
        tx.save_seating_rules(*visit, rules).await?;
    }
    tx.append_history(&history).await?;
    let report = ImportReport {
        organisations: counts(org_ids.len(), fresh.orgs.len(), orgs_written),
        people: counts(person_ids.len(), fresh.people.len(), people_written),
        visits: counts(visit_ids.len(), fresh.visits.len(), visits_written),
        participants: counts(d.participants.len(), new_parts, participants_written),
        agenda_items: counts(item_ids.len(), fresh.agenda.len(), agenda_written),
        follow_ups: counts(fu_ids.len(), fresh.follow_ups.len(), follow_ups_written),
        rooms: counts(room_ids.len(), fresh.rooms.len(), rooms_written),
    };
    Ok((report, if want_changes { changes } else { Vec::new() }))
}

/// What the stored visits' participants named in the part were, by visit
/// and person: for the history, and for their attendees' SEQUENCE.
async fn stored_participants(
    tx: &mut dyn Session,
    d: &Checked,
    stored: &Stored,
) -> Result<HashMap<(Uuid, Uuid), Participant>> {
    let visits = merge::visits_of(d.participants.iter().map(|p| p.visit_id).filter(|v| stored.visits.contains(v)));
    if visits.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(tx.participants_of_visits(&visits).await?.into_iter().map(|p| ((p.visit_id, p.person_id), p)).collect())
}

/// The stored visits that the part gives someone new, or someone a new
/// role: the form's rule for when a visit's attendees change in a calendar
/// (a new place in the order, or a new side, is not shown there). A new
/// visit has no SEQUENCE to raise yet.
fn attendees_changed(d: &Checked, stored: &Stored, old: &HashMap<(Uuid, Uuid), Participant>) -> Vec<Uuid> {
    let changed = d
        .participants
        .iter()
        .filter(|p| stored.visits.contains(&p.visit_id))
        .filter(|p| crate::service::attendee_changed(old.get(&(p.visit_id, p.person_id)), p.role));
    merge::visits_of(changed.map(|p| p.visit_id))
}

/// What a document's records are already in the database.
struct Stored {
    orgs: HashSet<Uuid>,
    people: HashSet<Uuid>,
    visits: HashSet<Uuid>,
    items: HashSet<Uuid>,
    follow_ups: HashSet<Uuid>,
    rooms: HashSet<Uuid>,
}

/// The part's records that are not stored yet, by kind: sorted out once
/// for the counts, the history and the search index.
struct Fresh<'a> {
    orgs: Vec<&'a Organisation>,
    people: Vec<&'a Person>,
    visits: Vec<&'a Visit>,
    agenda: Vec<&'a AgendaItem>,
    follow_ups: Vec<&'a FollowUp>,
    rooms: Vec<&'a Room>,
}

impl<'a> Fresh<'a> {
    fn of(d: &'a Checked, stored: &Stored) -> Self {
        fn new<'a, T>(all: &'a [T], stored: &HashSet<Uuid>, id: impl Fn(&T) -> Uuid) -> Vec<&'a T> {
            all.iter().filter(|r| !stored.contains(&id(r))).collect()
        }
        Fresh {
            orgs: new(&d.organisations, &stored.orgs, |r| r.id),
            people: new(&d.people, &stored.people, |r| r.id),
            visits: new(&d.visits, &stored.visits, |r| r.id),
            agenda: new(&d.agenda, &stored.items, |r| r.id),
            follow_ups: new(&d.follow_ups, &stored.follow_ups, |r| r.id),
            rooms: new(&d.rooms, &stored.rooms, |r| r.id),
        }
    }
}

/// The history an import writes. A new visit is one line, with everything
/// on it: a document of 10,000 visits makes 10,000 lines, not 200,000. What
/// it adds to a stored visit, and every field it changes in a stored record,
/// is a line of its own, as if typed in the window.
async fn import_history(
    tx: &mut dyn Session,
    d: &Checked,
    stored: &Stored,
    fresh: &Fresh<'_>,
    stored_parts: &HashMap<(Uuid, Uuid), Participant>,
    changes: &[FieldChange],
) -> Result<Vec<NewHistory>> {
    use crate::history;
    let mut out = Vec::new();
    let created = |entity, id, visit_id, label: &str| NewHistory {
        entity,
        entity_id: id,
        visit_id,
        label: label.to_owned(),
        action: HistoryAction::Created,
        changes: Vec::new(),
    };
    for o in &fresh.orgs {
        out.push(created(Entity::Organisation, o.id, None, &o.name));
    }
    for p in &fresh.people {
        out.push(created(Entity::Person, p.id, None, history::person_label(p)));
    }
    for v in &fresh.visits {
        out.push(created(Entity::Visit, v.id, Some(v.id), &v.title));
    }
    let in_stored_visit = |visit: &Uuid| stored.visits.contains(visit);
    for a in fresh.agenda.iter().filter(|a| in_stored_visit(&a.visit_id)) {
        out.push(created(Entity::AgendaItem, a.id, Some(a.visit_id), &a.title));
    }
    for f in fresh.follow_ups.iter().filter(|f| in_stored_visit(&f.visit_id)) {
        out.push(created(Entity::FollowUp, f.id, Some(f.visit_id), &f.title));
    }
    // Participants of stored visits: new ones, and new sides or roles.
    let on_stored: Vec<&Participant> = d.participants.iter().filter(|p| in_stored_visit(&p.visit_id)).collect();
    if !on_stored.is_empty() {
        let mut names: HashMap<Uuid, String> =
            d.people.iter().map(|p| (p.id, history::person_label(p).to_owned())).collect();
        let missing: Vec<Uuid> = on_stored.iter().map(|p| p.person_id).filter(|id| !names.contains_key(id)).collect();
        for p in tx.people_by_ids(&missing).await? {
            names.insert(p.id, history::person_label(&p).to_owned());
        }
        for p in on_stored {
            let old = stored_parts.get(&(p.visit_id, p.person_id));
            let label = names.get(&p.person_id).cloned().unwrap_or_default();
            // Places in the order follow from the document's list; a new
            // place alone is not a line.
            let same_place = |x: &Participant| Participant { precedence: 0, ..x.clone() };
            if old.map(same_place) == Some(same_place(p)) {
                continue;
            }
            out.extend(history::entry(
                Entity::Participant,
                p.person_id,
                Some(p.visit_id),
                &label,
                old.map(history::of_participant),
                Some(history::of_participant(p)),
            ));
        }
    }
    // Changed fields of stored records, as the dry run lists them.
    let visit_of: HashMap<Uuid, Uuid> = d
        .agenda
        .iter()
        .map(|a| (a.id, a.visit_id))
        .chain(d.follow_ups.iter().map(|f| (f.id, f.visit_id)))
        .chain(d.visits.iter().map(|v| (v.id, v.id)))
        .collect();
    let mut by_record: Vec<(String, Uuid, String, Vec<Change>)> = Vec::new();
    for c in changes {
        let hidden = history::HIDDEN.contains(&c.field.as_str());
        let change = Change {
            field: c.field.clone(),
            old: if hidden { serde_json::Value::Null } else { c.old.clone() },
            new: if hidden { serde_json::Value::Null } else { c.new.clone() },
            hidden,
        };
        match by_record.last_mut() {
            Some((record, id, _, list)) if *record == c.record && *id == c.id => list.push(change),
            _ => by_record.push((c.record.clone(), c.id, c.title.clone(), vec![change])),
        }
    }
    for (record, id, label, changes) in by_record {
        let entity = match record.as_str() {
            "organisation" => Entity::Organisation,
            "person" => Entity::Person,
            "visit" => Entity::Visit,
            "agenda item" => Entity::AgendaItem,
            _ => Entity::FollowUp,
        };
        out.push(NewHistory {
            entity,
            entity_id: id,
            visit_id: visit_of.get(&id).copied(),
            label,
            action: HistoryAction::Changed,
            changes,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{SAMPLE_JSON, SAMPLE_VISIT_ID};

    async fn count(s: &Service, table: &str) -> i64 {
        let t = s.totals().await.unwrap();
        let n = match table {
            "organisations" => t.organisations,
            "people" => t.people,
            "visits" => t.visits,
            "participants" => t.participants,
            "agenda_items" => t.agenda_items,
            "agenda_participants" => t.agenda_links,
            "follow_ups" => t.follow_ups,
            other => panic!("no table {other}"),
        };
        n as i64
    }

    async fn total(s: &Service) -> i64 {
        let mut n = 0;
        for t in
            ["organisations", "people", "visits", "participants", "agenda_items", "agenda_participants", "follow_ups"]
        {
            n += count(s, t).await;
        }
        n
    }

    fn fields(e: &Error) -> Vec<&str> {
        e.field_errors().iter().map(|f| f.field.as_str()).collect()
    }

    fn sample() -> Value {
        serde_json::from_str(SAMPLE_JSON).unwrap()
    }

    /// A version-1 document: two forms of a name, the Chinese one as the
    /// native name.
    fn as_version_1(mut doc: Value) -> (Value, usize) {
        doc["version"] = 1.into();
        let mut moved = 0;
        for key in ["organisations", "people"] {
            for r in doc[key].as_array_mut().unwrap() {
                let r = r.as_object_mut().unwrap();
                let chinese = r.remove("chinese_name").unwrap();
                if chinese != "" {
                    assert_eq!(r["native_name"], "");
                    r.insert("native_name".into(), chinese);
                    moved += 1;
                }
            }
        }
        (doc, moved)
    }

    #[tokio::test]
    async fn a_version_1_document_reads_its_chinese_native_names_as_chinese_names() {
        let (mut old, moved) = as_version_1(sample());
        assert_eq!(moved, 6);
        // A native name in another script stays one.
        old["people"][0]["native_name"] = "Чжан Хуэйдун".into();
        let a = crate::testing::service().await;
        a.import_json(old.to_string().as_bytes(), "old.liaison.json").await.unwrap();
        let doc = a.export_document(Scope::All).await.unwrap();
        assert_eq!(doc.version, VERSION);
        let mut expected = sample();
        expected["people"][0]["chinese_name"] = "".into();
        expected["people"][0]["native_name"] = "Чжан Хуэйдун".into();
        let b = crate::testing::service().await;
        b.import_json(expected.to_string().as_bytes(), "new.liaison.json").await.unwrap();
        assert_eq!(doc, b.export_document(Scope::All).await.unwrap());
        let people: Vec<_> =
            doc.people.iter().map(|p| (p.fields.chinese_name.as_str(), p.fields.native_name.as_str())).collect();
        assert!(people.contains(&("和震", "")), "{people:?}");
        assert!(people.contains(&("", "Чжан Хуэйдун")), "{people:?}");
    }

    #[tokio::test]
    async fn export_import_export_is_byte_identical() {
        let a = crate::testing::service().await;
        a.load_sample().await.unwrap();
        let first = a.export_json(Scope::All).await.unwrap();
        let b = crate::testing::service().await;
        b.import_json(first.as_bytes(), "first").await.unwrap();
        let second = b.export_json(Scope::All).await.unwrap();
        assert_eq!(first, second);
    }

    /// Re-importing a document that changes nothing writes nothing: no
    /// other window (another process on the file) is told to refresh. One
    /// item given other people is a change, seen by the other windows on
    /// both engines.
    #[tokio::test]
    async fn reimporting_an_unchanged_document_tells_no_other_window_of_a_change() {
        let dir = tempfile::tempdir().unwrap();
        // The watcher needs a database others can change: a file, not the
        // SQLite tests' usual database in memory.
        let s = match crate::testing::backend() {
            "postgres" => crate::testing::service().await,
            _ => Service::open(&dir.path().join("l.db")).await.unwrap(),
        };
        s.load_sample().await.unwrap();
        let doc = crate::benchdata::generate(crate::benchdata::Size::scaled(500), 3);
        s.import_json(&bytes(&doc), "d.json").await.unwrap();
        let all = s.export_json(Scope::All).await.unwrap();
        let mut w = s.watch_changes().await.unwrap().expect("a file and a team database can be watched");
        // Whatever the imports above made known is seen first.
        while w.changed().await.unwrap() {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }

        let r = s.import_json(all.as_bytes(), "again.json").await.unwrap();
        assert_eq!(r.agenda_items.unchanged, r.agenda_items.total);
        assert!(r.agenda_items.total > 100, "{:?}", r.agenda_items);
        // A notification takes a moment to come through; this is ample on
        // both engines, as the change below shows.
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert!(!w.changed().await.unwrap(), "an import that changes nothing is not a change");

        // One item of a generated visit loses a person and gains the chair.
        let mut changed: Document = serde_json::from_str(&all).unwrap();
        let visit = changed.visits.iter_mut().find(|v| v.agenda.iter().any(|a| a.fields.participant_ids.len() > 1));
        let item = visit.unwrap().agenda.iter_mut().find(|a| a.fields.participant_ids.len() > 1).unwrap();
        let (id, gone) = (item.id, item.fields.participant_ids.pop().unwrap());
        let item_people = item.fields.participant_ids.len();
        let chair = item.fields.participant_ids[0];
        item.fields.chair_id = Some(chair);
        item.fields.speaker_ids.retain(|p| *p != gone);
        s.import_json(&bytes(&changed), "changed.json").await.unwrap();
        let mut seen = false;
        for _ in 0..40 {
            seen |= w.changed().await.unwrap();
            if seen {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(seen, "a change of people is a change");
        let stored = s.read().await.unwrap().agenda_item(id).await.unwrap();
        assert!(!stored.participant_ids.contains(&gone));
        assert_eq!(stored.chair_id, Some(chair));
        assert_eq!(stored.participant_ids.len(), item_people);
    }

    async fn item_sequence(s: &Service, id: Uuid) -> u32 {
        s.read().await.unwrap().agenda_item(id).await.unwrap().sequence
    }

    fn uuid_at(v: &Value) -> Uuid {
        Uuid::parse_str(v.as_str().unwrap()).unwrap()
    }

    /// An item's people, chair and speakers are rows of their own, not the
    /// item's: an import that changed only those still raises its SEQUENCE,
    /// as the form does, or calendars would keep the old attendees. A new
    /// order of the same people is not a change; a document that raised the
    /// sequence itself keeps its own; and the same document again raises
    /// nothing.
    #[tokio::test]
    async fn an_import_that_changes_only_an_items_people_raises_its_sequence() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let mut doc: Value = serde_json::from_str(&s.export_json(Scope::All).await.unwrap()).unwrap();
        let list = doc["visits"][0]["agenda"].as_array().unwrap().clone();
        let ids: Vec<Uuid> = list.iter().map(|a| uuid_at(&a["id"])).collect();
        let mut before = Vec::new();
        for id in &ids {
            before.push(item_sequence(&s, *id).await);
        }
        // Pick items by what the sample gives them: one of several people
        // and no chair, one with two speakers.
        let no_chair =
            list.iter().position(|a| a["participant_ids"].as_array().unwrap().len() > 2 && a["chair_id"].is_null());
        let two_speakers = list.iter().position(|a| a["speaker_ids"].as_array().unwrap().len() == 2);
        let (no_chair, two_speakers) = (no_chair.unwrap(), two_speakers.unwrap());
        assert_ne!(no_chair, two_speakers);

        // A chair: the only change.
        let item = &mut doc["visits"][0]["agenda"][no_chair];
        item["chair_id"] = item["participant_ids"][0].clone();
        let r = s.import_json(doc.to_string().as_bytes(), "chair.json").await.unwrap();
        assert_eq!((r.agenda_items.updated, r.agenda_items.unchanged), (1, ids.len() as u64 - 1), "{r:?}");
        for (k, id) in ids.iter().enumerate() {
            let raised = u32::from(k == no_chair);
            assert_eq!(item_sequence(&s, *id).await, before[k] + raised, "item {k}");
        }

        // The same document again (still at the old sequence): nothing.
        let r = s.import_json(doc.to_string().as_bytes(), "chair.json").await.unwrap();
        assert_eq!(r.agenda_items.updated, 0, "{r:?}");
        assert_eq!(item_sequence(&s, ids[no_chair]).await, before[no_chair] + 1);

        // The same people in another order: not a change a calendar shows.
        let item = &mut doc["visits"][0]["agenda"][no_chair];
        item["participant_ids"].as_array_mut().unwrap().reverse();
        let r = s.import_json(doc.to_string().as_bytes(), "order.json").await.unwrap();
        assert_eq!(r.agenda_items.updated, 0, "{r:?}");
        assert_eq!(item_sequence(&s, ids[no_chair]).await, before[no_chair] + 1);

        // A new speaking order, in a document that raised the sequence
        // itself, further than one: its own is kept.
        let item = &mut doc["visits"][0]["agenda"][two_speakers];
        item["speaker_ids"].as_array_mut().unwrap().reverse();
        item["sequence"] = (before[two_speakers] + 5).into();
        s.import_json(doc.to_string().as_bytes(), "speakers.json").await.unwrap();
        assert_eq!(item_sequence(&s, ids[two_speakers]).await, before[two_speakers] + 5);
        let stored = s.read().await.unwrap().agenda_item(ids[two_speakers]).await.unwrap();
        let speakers: Vec<Uuid> =
            doc["visits"][0]["agenda"][two_speakers]["speaker_ids"].as_array().unwrap().iter().map(uuid_at).collect();
        assert_eq!(stored.speaker_ids, speakers);
    }

    /// A visit that gains someone, or gives someone a new role, has new
    /// attendees: its own event and the items that invite the whole visit
    /// (they name nobody) are raised, as the form raises them. A new place
    /// in the order is not shown in a calendar and raises nothing.
    #[tokio::test]
    async fn an_import_that_changes_a_visits_attendees_raises_its_sequence() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let mut doc: Value = serde_json::from_str(&s.export_json(Scope::All).await.unwrap()).unwrap();
        let visit = uuid_at(&doc["visits"][0]["id"]);
        // One item made to name nobody; another keeps its people.
        let everyone = uuid_at(&doc["visits"][0]["agenda"][0]["id"]);
        let agenda = doc["visits"][0]["agenda"].as_array().unwrap();
        let named = agenda.iter().skip(1).find(|a| !a["participant_ids"].as_array().unwrap().is_empty());
        let named = uuid_at(&named.unwrap()["id"]);
        let item = &mut doc["visits"][0]["agenda"][0];
        item["participant_ids"] = serde_json::json!([]);
        item["speaker_ids"] = serde_json::json!([]);
        item["chair_id"] = Value::Null;
        s.import_json(doc.to_string().as_bytes(), "nobody.json").await.unwrap();
        let sequences = || async {
            (s.visit(visit).await.unwrap().sequence, item_sequence(&s, everyone).await, item_sequence(&s, named).await)
        };
        let (v0, e0, n0) = sequences().await;

        // Someone new on the guest side.
        let newcomer = "5a3f1c2e-0000-4000-8000-0000000000aa";
        let mut person = doc["people"][0].clone();
        person["id"] = newcomer.into();
        person["name"] = "Li Ming".into();
        person["chinese_name"] = "李明".into();
        doc["people"].as_array_mut().unwrap().push(person);
        doc["visits"][0]["participants"].as_array_mut().unwrap().push(serde_json::json!({
            "person_id": newcomer, "side": "guest", "role": "member", "precedence": 3
        }));
        s.import_json(doc.to_string().as_bytes(), "newcomer.json").await.unwrap();
        assert_eq!(sequences().await, (v0 + 1, e0 + 1, n0), "the visit and the item for everyone");

        // Again: nothing new.
        s.import_json(doc.to_string().as_bytes(), "newcomer.json").await.unwrap();
        assert_eq!(sequences().await, (v0 + 1, e0 + 1, n0));

        // A new place in the order only.
        let parts = doc["visits"][0]["participants"].as_array_mut().unwrap();
        let last = parts.iter().position(|p| p["person_id"] == newcomer).unwrap();
        parts[last]["precedence"] = 1.into();
        s.import_json(doc.to_string().as_bytes(), "place.json").await.unwrap();
        assert_eq!(sequences().await, (v0 + 1, e0 + 1, n0), "a new place is not shown");

        // A new role.
        doc["visits"][0]["participants"][last]["role"] = "interpreter".into();
        s.import_json(doc.to_string().as_bytes(), "role.json").await.unwrap();
        assert_eq!(sequences().await, (v0 + 2, e0 + 2, n0), "a new role is shown");
    }

    /// What a document changes in stored records is read a visit at a time;
    /// an item or follow-up the document puts under another stored visit
    /// is still compared with what is stored for it.
    #[tokio::test]
    async fn a_dry_run_lists_the_changes_of_records_moved_to_another_visit() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let mut doc: Value = serde_json::from_str(&s.export_json(Scope::All).await.unwrap()).unwrap();
        // A second visit, stored, with nothing on it yet.
        let other = "5a3f1c2e-0000-4000-8000-0000000000b1";
        let mut second = doc["visits"][0].clone();
        second["id"] = other.into();
        second["uid"] = format!("{other}@liaison").into();
        second["title"] = "Second visit".into();
        for list in ["agenda", "follow_ups", "participants", "carried_follow_ups"] {
            second[list] = serde_json::json!([]);
        }
        second.as_object_mut().unwrap().remove("seating");
        doc["visits"] = serde_json::json!([second.clone()]);
        s.import_json(doc.to_string().as_bytes(), "second.json").await.unwrap();

        // The sample's last item and a follow-up, moved to it and renamed.
        let full: Value = serde_json::from_str(&s.export_json(Scope::All).await.unwrap()).unwrap();
        let sample =
            full["visits"].as_array().unwrap().iter().find(|v| v["id"] == SAMPLE_VISIT_ID.to_string()).unwrap();
        let mut item = sample["agenda"].as_array().unwrap().last().unwrap().clone();
        item["title"] = "Departure by train".into();
        item["participant_ids"] = serde_json::json!([]);
        let mut follow_up = sample["follow_ups"][0].clone();
        follow_up["title"] = "Propose joint courses".into();
        second["agenda"] = serde_json::json!([item]);
        second["follow_ups"] = serde_json::json!([follow_up]);
        let moved = serde_json::json!({"format": "liaison", "version": VERSION, "organisations": [], "people": [],
                                       "visits": [second]});
        let preview = s.preview_json(moved.to_string().as_bytes(), "moved.json").await.unwrap();
        let changed: Vec<(&str, &str)> =
            preview.changes.iter().map(|c| (c.record.as_str(), c.field.as_str())).collect();
        assert!(changed.contains(&("agenda item", "title")), "{changed:?}");
        assert!(changed.contains(&("follow-up", "title")), "{changed:?}");
        let title = preview.changes.iter().find(|c| c.record == "agenda item" && c.field == "title").unwrap();
        assert_eq!((title.old.as_str(), title.new.as_str()), (Some("Departure"), Some("Departure by train")));
        s.import_json(moved.to_string().as_bytes(), "moved.json").await.unwrap();
    }

    /// The lists are checked organisations, people, rooms, then visits,
    /// wherever the file has them: a document whose visits come first (a
    /// script's, written by hand) reads as the export does, and problems are
    /// still named by their place in the file.
    #[tokio::test]
    async fn a_document_reads_the_same_whatever_the_order_of_its_lists() {
        let a = crate::testing::service().await;
        a.load_sample().await.unwrap();
        let doc: Value = serde_json::from_str(&a.export_json(Scope::All).await.unwrap()).unwrap();
        let member = |k: &str| format!("{}: {}", serde_json::to_string(k).unwrap(), doc[k]);
        let reversed = ["visits", "rooms", "people", "organisations", "version", "format"]
            .iter()
            .filter(|k| doc.get(**k).is_some())
            .map(|k| member(k))
            .collect::<Vec<_>>()
            .join(",\n");
        let reversed = format!("{{{reversed}}}");
        assert!(reversed.find("\"visits\"") < reversed.find("\"people\""), "visits first");
        let checked = check_document(reversed.as_bytes(), "reversed.json").unwrap();
        let whole = check_document(doc.to_string().as_bytes(), "whole.json").unwrap();
        assert_eq!((checked.visits.len(), checked.agenda.len(), checked.people.len()), (1, 6, whole.people.len()));
        assert!(checked.person_refs.is_empty(), "the visit's people are the document's own");
        let b = crate::testing::service().await;
        b.import_json(reversed.as_bytes(), "reversed.json").await.unwrap();
        assert_eq!(b.export_json(Scope::All).await.unwrap(), a.export_json(Scope::All).await.unwrap());

        // The first title in the file is the visit's first agenda item's.
        let broken = reversed.replacen("\"title\":\"", "\"title\":5,\"x\":\"", 1);
        let e = check_document(broken.as_bytes(), "broken.json").unwrap_err();
        assert_eq!(fields(&e), ["$.visits[0].agenda[0].title"], "{e}");
    }

    #[tokio::test]
    async fn a_visits_seating_goes_out_and_comes_back_with_it_and_a_wrong_one_is_refused_by_path() {
        use crate::seating::Honour;
        let a = crate::testing::service().await;
        a.load_sample().await.unwrap();
        let id = crate::sample::SAMPLE_VISIT_ID;
        let plan = a.seating(id).await.unwrap();
        let mut rules = plan.rules.clone();
        rules.honour = Honour::Left;
        rules.table_size = 8;
        rules.banquet_swaps.push((plan.hosts.front[0], plan.guests.front[0]));
        a.save_seating(id, 0, rules.clone()).await.unwrap();
        for scope in [Scope::All, Scope::Visit(id)] {
            let doc = a.export_document(scope).await.unwrap();
            assert_eq!(doc.visits[0].seating.as_ref(), Some(&rules));
            let b = crate::testing::service().await;
            b.import_json(&serde_json::to_vec(&doc).unwrap(), "seated").await.unwrap();
            assert_eq!(b.seating(id).await.unwrap().rules, rules);
            assert_eq!(b.export_document(scope).await.unwrap(), doc);
        }
        // A swap with someone not on the visit, and a table of two.
        let mut doc = serde_json::to_value(a.export_document(Scope::All).await.unwrap()).unwrap();
        doc["visits"][0]["seating"]["banquet_swaps"][0][1] = Value::String(Uuid::nil().to_string());
        doc["visits"][0]["seating"]["table_size"] = 2.into();
        let s = crate::testing::service().await;
        let e = s.import_json(doc.to_string().as_bytes(), "f").await.unwrap_err();
        assert_eq!(fields(&e), ["$.visits[0].seating.table_size", "$.visits[0].seating.banquet_swaps[0][1]"], "{e}");
        assert_eq!(total(&s).await, 0);
        // A hand that is neither.
        doc["visits"][0]["seating"] = serde_json::json!({"honour": "up", "interpreter": "behind", "table_size": 10});
        let e = s.import_json(doc.to_string().as_bytes(), "f").await.unwrap_err();
        assert_eq!(fields(&e), ["$.visits[0].seating.honour"], "{e}");
    }

    #[tokio::test]
    async fn visit_export_carries_what_the_visit_needs() {
        let a = crate::testing::service().await;
        a.load_sample().await.unwrap();
        a.create_organisation(&OrganisationInput { name: "Unrelated".into(), ..Default::default() }).await.unwrap();
        let doc = a.export_document(Scope::Visit(crate::sample::SAMPLE_VISIT_ID)).await.unwrap();
        assert_eq!(doc.organisations.len(), 2);
        assert_eq!(doc.people.len(), 4);
        let b = crate::testing::service().await;
        let text = serde_json::to_vec(&doc).unwrap();
        b.import_json(&text, "visit").await.unwrap();
        assert_eq!(b.export_document(Scope::All).await.unwrap(), doc);
    }

    #[tokio::test]
    async fn every_error_is_reported_with_its_path_and_nothing_is_written() {
        let mut doc = sample();
        doc["organisations"][0]["name"] = "".into();
        doc["organisations"][0]["chinese_name"] = "".into();
        doc["people"][1]["email"] = "not-an-email".into();
        doc["visits"][0]["agenda"][2]["end"] = "2021-06-11T08:00:00+08:00".into();
        doc["visits"][0]["agenda"][3]["kind"] = "banquet".into();
        doc["visits"][0]["follow_ups"][1]["owner_id"] = Value::String(Uuid::nil().to_string());
        let s = crate::testing::service().await;
        let e = s.import_json(doc.to_string().as_bytes(), "f").await.unwrap_err();
        assert_eq!(
            fields(&e),
            ["$.organisations[0].name", "$.people[1].email", "$.visits[0].agenda[2].end", "$.visits[0].agenda[3].kind",],
            "{e}"
        );
        assert_eq!(total(&s).await, 0);
        // With the file's own errors fixed, the database check finds the owner.
        let mut doc = sample();
        doc["visits"][0]["follow_ups"][1]["owner_id"] = Value::String(Uuid::nil().to_string());
        let e = s.import_json(doc.to_string().as_bytes(), "f").await.unwrap_err();
        assert_eq!(fields(&e), ["$.visits[0].follow_ups[1].owner_id"]);
        assert_eq!(total(&s).await, 0);
    }

    #[tokio::test]
    async fn agenda_person_not_on_the_visit_is_refused() {
        let mut doc = sample();
        doc["visits"][0]["participants"].as_array_mut().unwrap().remove(3);
        let s = crate::testing::service().await;
        let e = s.import_json(doc.to_string().as_bytes(), "f").await.unwrap_err();
        assert!(fields(&e).contains(&"$.visits[0].agenda[0].participant_ids[3]"), "{e}");
        assert_eq!(total(&s).await, 0);
    }

    /// Ids are one namespace: a new record of one kind may not take the id
    /// of a stored record of another (the search index keys on the id
    /// alone, and failed on it without a path: the fuzzer's
    /// json/organisation-with-a-stored-visits-id.json).
    #[tokio::test]
    async fn an_id_a_stored_record_of_another_kind_holds_is_refused_by_its_path() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let before = s.export_document(Scope::All).await.unwrap();
        let stored = sample();
        let id = |v: &Value| v["id"].clone();
        let (visit, agenda, follow_ups) =
            (&stored["visits"][0], &stored["visits"][0]["agenda"], &stored["visits"][0]["follow_ups"]);

        // New records of every kind under the ids of stored agenda items
        // and follow-ups, which the document leaves out.
        let mut doc = sample();
        doc["organisations"][1]["id"] = id(&agenda[2]);
        doc["people"][0]["id"] = id(&agenda[3]);
        doc["rooms"] = serde_json::json!([{"id": id(&follow_ups[1]), "name": "Hall"}]);
        let mut items = vec![agenda[0].clone(), agenda[1].clone()];
        items[0]["id"] = id(&follow_ups[2]);
        doc["visits"][0]["agenda"] = items.into();
        let mut fus = vec![follow_ups[0].clone(), follow_ups[3].clone()];
        fus[0]["id"] = id(&agenda[4]);
        doc["visits"][0]["follow_ups"] = fus.into();
        // And under the ids of a stored person, visit and organisation.
        let mut other = serde_json::json!({"format": "liaison", "version": stored["version"], "visits": []});
        other["organisations"] = serde_json::json!([stored["organisations"][1].clone()]);
        other["organisations"][0]["id"] = id(&stored["people"][1]);
        other["people"] = serde_json::json!([stored["people"][2].clone()]);
        other["people"][0]["id"] = id(visit);
        other["rooms"] = serde_json::json!([{"id": id(&stored["organisations"][0]), "name": "Hall"}]);

        for (doc, paths, kinds) in [
            (
                &doc,
                &[
                    "$.organisations[1].id",
                    "$.people[0].id",
                    "$.rooms[0].id",
                    "$.visits[0].agenda[0].id",
                    "$.visits[0].follow_ups[0].id",
                ][..],
                &["an agenda item", "a follow-up"][..],
            ),
            (
                &other,
                &["$.organisations[0].id", "$.people[0].id", "$.rooms[0].id"][..],
                &["a person", "a visit", "an organisation"][..],
            ),
        ] {
            let bytes = doc.to_string();
            let e = s.import_json(bytes.as_bytes(), "f").await.unwrap_err();
            assert_eq!(fields(&e), paths, "{e}");
            let text = e.to_string();
            for kind in kinds {
                assert!(text.contains(&format!("already belongs to {kind} in the database")), "{kind}: {text}");
            }
            assert_eq!(s.export_document(Scope::All).await.unwrap(), before, "nothing written");
            // The dry run says the same.
            let e = s.preview_json(bytes.as_bytes(), "f").await.unwrap_err();
            assert_eq!(fields(&e), paths, "{e}");
        }

        // The same records under ids of their own are imported.
        for pointer in
            ["/organisations/1/id", "/people/0/id", "/rooms/0/id", "/visits/0/agenda/0/id", "/visits/0/follow_ups/0/id"]
        {
            *doc.pointer_mut(pointer).unwrap() = Uuid::new_v4().to_string().into();
        }
        s.import_json(doc.to_string().as_bytes(), "f").await.unwrap();
    }

    #[tokio::test]
    async fn duplicate_ids_and_uids_in_a_file_are_refused() {
        let mut doc = sample();
        let first = doc["visits"][0]["agenda"][0]["id"].clone();
        doc["visits"][0]["agenda"][1]["id"] = first;
        doc["visits"][0]["agenda"][2]["uid"] = "same@x".into();
        doc["visits"][0]["agenda"][3]["uid"] = "same@x".into();
        let e = check_document(doc.to_string().as_bytes(), "f").unwrap_err();
        assert_eq!(fields(&e), ["$.visits[0].agenda[1].id", "$.visits[0].agenda[3].uid"], "{e}");
    }

    #[test]
    fn a_visit_with_200000_participants_is_refused_before_they_are_read() {
        let mut doc = sample();
        let one = doc["visits"][0]["participants"][0].clone();
        doc["visits"][0]["participants"] = Value::Array(vec![one; 200_000]);
        let e = check_document(doc.to_string().as_bytes(), "f").unwrap_err();
        // One problem for the list, not 199,999 "on this visit twice".
        assert_eq!(fields(&e), ["$.visits[0].participants"], "{e}");
    }

    #[tokio::test]
    async fn a_record_that_leaves_fields_out_keeps_what_is_stored() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let before = s.export_document(Scope::All).await.unwrap();
        let zhang = "5a3f1c2e-0000-4000-8000-000000000011";
        let item = "5a3f1c2e-0000-4000-8000-000000000036";
        // Only what changes: a title each; no times, zone, names or UIDs.
        let doc = serde_json::json!({
            "format": "liaison", "version": 1, "organisations": [],
            "people": [{"id": zhang, "title": "Director General"}],
            "visits": [{"id": SAMPLE_VISIT_ID.to_string(), "title": "Renamed visit",
                        "agenda": [{"id": item, "title": "Departure by train"}]}]
        });
        let preview = s.preview_json(doc.to_string().as_bytes(), "partial.json").await.unwrap();
        let changed: Vec<(&str, &str)> =
            preview.changes.iter().map(|c| (c.record.as_str(), c.field.as_str())).collect();
        assert_eq!(changed, [("person", "title"), ("visit", "title"), ("agenda item", "title")], "{preview:?}");
        assert_eq!(preview.changes[0].old, "Deputy Director General");
        assert_eq!(preview.changes[0].new, "Director General");
        assert_eq!(s.export_document(Scope::All).await.unwrap(), before, "a dry run writes nothing");

        s.import_json(doc.to_string().as_bytes(), "partial.json").await.unwrap();
        let after = s.export_document(Scope::All).await.unwrap();
        let p = after.people.iter().find(|p| p.id.to_string() == zhang).unwrap();
        let p0 = before.people.iter().find(|p| p.id.to_string() == zhang).unwrap();
        assert_eq!(p.fields.title, "Director General");
        assert_eq!(
            (&p.fields.name, &p.fields.native_name, &p.fields.languages, &p.fields.notes),
            (&p0.fields.name, &p0.fields.native_name, &p0.fields.languages, &p0.fields.notes)
        );
        let (v, v0) = (&after.visits[0], &before.visits[0]);
        assert_eq!(v.head.fields.title, "Renamed visit");
        assert_eq!(
            (&v.head.fields.start, &v.head.fields.time_zone, &v.head.fields.minutes, &v.head.uid),
            (&v0.head.fields.start, &v0.head.fields.time_zone, &v0.head.fields.minutes, &v0.head.uid)
        );
        assert_eq!(v.participants, v0.participants);
        let a = v.agenda.iter().find(|a| a.id.to_string() == item).unwrap();
        let a0 = v0.agenda.iter().find(|a| a.id.to_string() == item).unwrap();
        assert_eq!(a.fields.title, "Departure by train");
        assert_eq!(
            (&a.fields.start, &a.fields.participant_ids, &a.uid, &a.time_zone),
            (&a0.fields.start, &a0.fields.participant_ids, &a0.uid, &a0.time_zone)
        );
        assert_eq!(v.follow_ups, v0.follow_ups);
    }

    #[tokio::test]
    async fn a_new_record_that_leaves_out_what_it_needs_is_refused_by_field() {
        let s = crate::testing::service().await;
        let doc = serde_json::json!({
            "format": "liaison", "version": 1, "organisations": [], "people": [],
            "visits": [{"id": "00000000-0000-4000-8000-0000000000aa", "title": "No dates"}]
        });
        let e = s.import_json(doc.to_string().as_bytes(), "new.json").await.unwrap_err();
        assert_eq!(fields(&e), ["$.visits[0].time_zone"], "{e}");
    }

    #[test]
    fn a_document_beyond_the_records_a_file_holds_is_refused_before_they_are_read() {
        let zeros = vec![0u8; MAX_RECORDS + 1];
        let doc = serde_json::json!({"format": "liaison", "version": 1, "people": zeros});
        let e = check_document(doc.to_string().as_bytes(), "f").unwrap_err();
        assert_eq!(fields(&e), ["$.people"], "one problem, not a million");
        let args = &e.field_errors()[0].args;
        assert_eq!(
            serde_json::to_value(args).unwrap()["count"],
            serde_json::json!((MAX_RECORDS + 1) as f64),
            "{args:?}"
        );
        // Exactly as many as a file may hold are read.
        let zeros = vec![0u8; MAX_RECORDS];
        let doc = serde_json::json!({"format": "liaison", "version": 1, "rooms": zeros});
        let e = check_document(doc.to_string().as_bytes(), "f").unwrap_err();
        assert!(fields(&e).iter().all(|f| f.starts_with("$.rooms[")), "{:?}", &fields(&e)[..3]);
    }

    #[test]
    fn large_documents_checked_a_chunk_at_a_time_still_catch_duplicates_across_chunks() {
        let doc = crate::benchdata::generate(crate::benchdata::Size::scaled(8), 3);
        assert!(doc.visits.len() > CHUNK, "the visits span two chunks");
        let n = doc.visits.len();
        let mut v = serde_json::to_value(&doc).unwrap();
        let first_id = v["visits"][0]["id"].clone();
        v["visits"][n - 1]["id"] = first_id;
        v["visits"][n - 2]["agenda"][0]["uid"] = "shared@x".into();
        v["visits"][1]["agenda"][0]["uid"] = "shared@x".into();
        v["visits"][n - 3]["title"] = "".into();
        let e = check_document(v.to_string().as_bytes(), "f").unwrap_err();
        let mut got = fields(&e);
        got.sort();
        let mut want = vec![
            format!("$.visits[{}].id", n - 1),
            format!("$.visits[{}].agenda[0].uid", n - 2),
            format!("$.visits[{}].title", n - 3),
        ];
        want.sort();
        assert_eq!(got, want, "{e}");
        // And a clean large document passes whole.
        let ok = serde_json::to_vec(&doc).unwrap();
        let checked = check_document(&ok, "f").unwrap();
        assert_eq!(checked.agenda.len(), n * 10);
    }

    #[test]
    fn malformed_json_gives_line_and_column() {
        let text = "{\n  \"format\": \"liaison\",\n  \"version\": 1,\n  oops\n}";
        match check_document(text.as_bytes(), "bad.json").unwrap_err() {
            Error::Malformed { path, line, column, .. } => {
                assert_eq!((path.as_str(), line, column), ("bad.json", 4, 3));
            }
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn wrong_format_and_future_version_are_named() {
        let e = check_document(br#"{"format":"other","version":5}"#, "f").unwrap_err();
        assert_eq!(fields(&e), ["$.format", "$.version"]);
        let e = check_document(b"[1,2]", "f").unwrap_err();
        assert_eq!(fields(&e), ["$"]);
    }

    #[test]
    fn the_head_of_a_document_is_read_in_one_pass_with_what_three_said() {
        // A broken document that is not an object is named by its syntax
        // first, at its line and column; a sound one as not an object.
        match check_document(b"[1,\n 2", "f").unwrap_err() {
            Error::Malformed { line, column, .. } => assert_eq!((line, column), (2, 2)),
            e => panic!("{e:?}"),
        }
        for not_object in [&b"\"liaison\""[..], b"null", b"3", b"[]"] {
            assert_eq!(fields(&check_document(not_object, "f").unwrap_err()), ["$"]);
        }
        // Broken inside a list: still the syntax, where it is.
        match check_document(b"{\"format\":\"liaison\",\"version\":2,\"people\":[{},\n{\"a\" 1}]}", "f").unwrap_err() {
            Error::Malformed { line, column, .. } => assert_eq!((line, column), (2, 6)),
            e => panic!("{e:?}"),
        }
        // Lists that are not lists, whatever they are instead; a format or
        // version of the wrong kind; null lists are empty ones.
        let e = check_document(
            br#"{"format":["liaison"],"version":"2","organisations":{"a":[1]},"people":"x","rooms":null,"visits":7}"#,
            "f",
        )
        .unwrap_err();
        assert_eq!(fields(&e), ["$.format", "$.version", "$.organisations", "$.people", "$.visits"]);
        let e = check_document(br#"{"format":"liaison","version":2.0}"#, "f").unwrap_err();
        assert_eq!(fields(&e), ["$.version"]);
        // A key given twice keeps its last value.
        let doc = br#"{"format":"other","format":"liaison","version":2,"rooms":{},"rooms":[],"visits":null}"#;
        let checked = check_document(doc, "f").unwrap();
        assert!(checked.visits.is_empty() && checked.rooms.is_empty());
    }

    #[test]
    fn a_record_nested_too_deep_is_named_by_its_line_and_column_in_the_file() {
        // serde_json stops at a record's 128th opening bracket; where that
        // is in the file is counted by hand below.
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        for (text, at) in [
            // On the document's first line, after 46 characters.
            (format!(r#"{{"format":"liaison","version":2,"people":[{{}}, {deep}]}}"#), (1, 46 + 128)),
            // On a later line, after two spaces.
            (format!("{{\"format\":\"liaison\",\"version\":2,\n\"people\":[\n  {{}},\n  {deep}]}}"), (4, 2 + 128)),
            // The record's first bracket on line 4, the other 127 on line 5.
            (format!("{{\"format\":\"liaison\",\"version\":2,\n\"people\":[\n  {{}},\n  [\n{deep}]]}}"), (5, 127)),
        ] {
            match check_document(text.as_bytes(), "deep.json").unwrap_err() {
                Error::Malformed { path, line, column, problem } => {
                    assert_eq!((path.as_str(), line, column), ("deep.json", at.0, at.1), "{problem:?}");
                }
                e => panic!("{e:?}"),
            }
        }
    }

    #[tokio::test]
    async fn reimport_with_changes_updates_in_place_and_never_duplicates() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let mut doc = sample();
        doc["visits"][0]["agenda"][0]["title"] = "Welcome at the gate".into();
        let r = s.import_json(doc.to_string().as_bytes(), "f").await.unwrap();
        assert_eq!((r.agenda_items.added, r.agenda_items.updated, r.agenda_items.unchanged), (0, 1, 5));
        assert_eq!(count(&s, "agenda_items").await, 6);
    }

    #[tokio::test]
    async fn uid_owned_by_another_record_is_refused_at_its_path_and_writes_nothing() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let before = s.export_json(Scope::All).await.unwrap();
        let mut doc = sample();
        // A new item that claims the UID of an item only the database has.
        let taken = format!("{}@liaison", doc["visits"][0]["agenda"][1]["id"].as_str().unwrap());
        doc["visits"][0]["agenda"].as_array_mut().unwrap().remove(1);
        doc["visits"][0]["agenda"][0]["id"] = Value::String(Uuid::new_v4().to_string());
        doc["visits"][0]["agenda"][0]["uid"] = taken.clone().into();
        let e = s.import_json(doc.to_string().as_bytes(), "f").await.unwrap_err();
        assert_eq!(fields(&e), ["$.visits[0].agenda[0].uid"], "{e}");
        assert!(
            e.to_string().contains(&format!("calendar UID '{taken}' already belongs to another agenda item")),
            "{e}"
        );
        assert_eq!(s.export_json(Scope::All).await.unwrap(), before);
        // A visit's and a follow-up's the same way, in the dry run too.
        let mut doc = sample();
        let visit_uid = format!("{SAMPLE_VISIT_ID}@liaison");
        doc["visits"][0]["id"] = Value::String(Uuid::new_v4().to_string());
        doc["visits"][0]["uid"] = visit_uid.into();
        for record in ["agenda", "follow_ups"] {
            for r in doc["visits"][0][record].as_array_mut().unwrap() {
                r["id"] = Value::String(Uuid::new_v4().to_string());
                r.as_object_mut().unwrap().remove("uid");
            }
        }
        let stored_follow_up = sample()["visits"][0]["follow_ups"][2]["id"].as_str().unwrap().to_owned();
        doc["visits"][0]["follow_ups"][1]["uid"] = format!("{stored_follow_up}@liaison").into();
        let e = s.preview_json(doc.to_string().as_bytes(), "f").await.unwrap_err();
        assert_eq!(fields(&e), ["$.visits[0].uid", "$.visits[0].follow_ups[1].uid"], "{e}");
        assert_eq!(s.export_json(Scope::All).await.unwrap(), before);
    }

    // ----- a document read, checked and written a chunk at a time ---------------

    /// An import reads what a part's records were for all its visits at
    /// once. Those reads must give what each visit's own reads give, every
    /// item's people in precedence order, on both storage engines.
    #[tokio::test]
    async fn reads_for_many_visits_give_what_each_visits_own_reads_give() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        s.import_json(&bytes(&crate::benchdata::generate(crate::benchdata::Size::scaled(500), 5)), "d.json")
            .await
            .unwrap();
        // Turn a visit's order of precedence around, so that the people of
        // its items are no longer in the order they were written in.
        let mut c = s.write().await.unwrap();
        let mut turned = c.participants_of_visit(SAMPLE_VISIT_ID).await.unwrap();
        let n = u32::try_from(turned.len()).unwrap();
        for p in &mut turned {
            p.precedence = n - p.precedence;
        }
        c.upsert_participants(&turned).await.unwrap();
        c.commit().await.unwrap();

        let mut c = s.read().await.unwrap();
        let mut ids: Vec<Uuid> = c.visits().await.unwrap().iter().map(|v| v.id).collect();
        ids.push(Uuid::new_v4()); // not stored: nothing of it comes back
        let (mut visits, mut parts, mut items, mut fus) = (vec![], vec![], vec![], vec![]);
        for id in &ids {
            visits.extend(merge::stored(c.visit(*id).await).unwrap());
            parts.extend(c.participants_of_visit(*id).await.unwrap());
            items.extend(c.agenda_of_visit(*id).await.unwrap());
            fus.extend(c.follow_ups_of_visit(*id).await.unwrap());
        }
        let reached = (visits.len(), parts.len(), items.len(), fus.len());
        fn sorted<T>(mut v: Vec<T>, key: fn(&T) -> (Uuid, Uuid)) -> Vec<T> {
            v.sort_by_key(key);
            v
        }
        let mut bulk_visits = c.visits_by_ids(&ids).await.unwrap();
        bulk_visits.sort_by_key(|v| v.id);
        visits.sort_by_key(|v| v.id);
        assert_eq!(bulk_visits, visits);
        let by_pair: fn(&Participant) -> _ = |p| (p.visit_id, p.person_id);
        assert_eq!(sorted(c.participants_of_visits(&ids).await.unwrap(), by_pair), sorted(parts, by_pair));
        let by_item: fn(&AgendaItem) -> _ = |a| (a.visit_id, a.id);
        let bulk_items = sorted(c.agenda_of_visits(&ids).await.unwrap(), by_item);
        let one = sorted(items, by_item);
        // Item by item first: a whole list that differs is too long to read.
        for (a, b) in bulk_items.iter().zip(&one) {
            assert_eq!(a, b);
        }
        assert_eq!(bulk_items, one);
        let by_fu: fn(&FollowUp) -> _ = |f| (f.visit_id, f.id);
        assert_eq!(sorted(c.follow_ups_of_visits(&ids).await.unwrap(), by_fu), sorted(fus, by_fu));
        // What the comparisons reached: more than one visit, and items of
        // the turned visit with several people, now first the last written.
        assert!(reached.0 > 10 && reached.1 > 10 && reached.2 > 10 && reached.3 > 10, "{reached:?}");
        let turned_items: Vec<&AgendaItem> =
            bulk_items.iter().filter(|a| a.visit_id == SAMPLE_VISIT_ID && a.participant_ids.len() > 1).collect();
        assert!(!turned_items.is_empty());
        let rank: HashMap<Uuid, u32> =
            turned.iter().filter(|p| p.side == Side::Host).map(|p| (p.person_id, p.precedence)).collect();
        assert!(turned_items.iter().any(|a| {
            let hosts: Vec<u32> = a.participant_ids.iter().filter_map(|p| rank.get(p).copied()).collect();
            hosts.len() > 1 && hosts.windows(2).all(|w| w[0] < w[1])
        }));
    }

    /// People and visits in two chunks each ([`CHUNK`] records a chunk).
    fn two_chunks_of_each(agenda_per_visit: usize) -> Document {
        let size = crate::benchdata::Size {
            organisations: 3,
            people: CHUNK + 100,
            visits: CHUNK + 100,
            agenda_per_visit,
            follow_ups_per_visit: 1,
            participants_per_visit: 2,
            rooms: 2,
        };
        crate::benchdata::generate(size, 11)
    }

    fn bytes(doc: &Document) -> Vec<u8> {
        serde_json::to_vec(doc).unwrap()
    }

    #[tokio::test]
    async fn a_problem_in_the_last_chunk_leaves_nothing_of_the_chunks_written_before_it() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let before = s.export_json(Scope::All).await.unwrap();
        let mut doc = two_chunks_of_each(1);
        let last = doc.visits.len() - 1;
        doc.visits[last].follow_ups[0].fields.due_date = "31 June".into();
        let e = s.import_json(&bytes(&doc), "d.json").await.unwrap_err();
        assert_eq!(fields(&e), [format!("$.visits[{last}].follow_ups[0].due_date")]);
        assert_eq!(s.export_json(Scope::All).await.unwrap(), before);
        // The same document without the problem is taken whole.
        doc.visits[last].follow_ups[0].fields.due_date = "2027-06-30".into();
        let r = s.import_json(&bytes(&doc), "d.json").await.unwrap();
        assert_eq!(r.visits.added, doc.visits.len() as u64);
    }

    #[tokio::test]
    async fn progress_counts_the_records_and_a_cancel_part_way_writes_nothing() {
        use crate::progress::Progress;
        use std::sync::{Arc, Mutex, OnceLock};
        // A watcher that keeps every report and, like the window's Cancel,
        // stops the work once it has got past `stop_at` records.
        fn watched(stop_at: u64) -> (Work, Arc<Mutex<Vec<Progress>>>) {
            let seen = Arc::new(Mutex::new(Vec::new()));
            let me: Arc<OnceLock<Work>> = Arc::default();
            let (sink, handle) = (seen.clone(), me.clone());
            let work = Work::reporting(move |p| {
                sink.lock().unwrap().push(p);
                if p.done >= stop_at {
                    handle.get().unwrap().cancel();
                }
            });
            me.set(work.clone()).unwrap();
            (work, seen)
        }
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let before = s.export_json(Scope::All).await.unwrap();
        let doc = two_chunks_of_each(1);
        let total = (doc.organisations.len() + doc.people.len() + doc.rooms.len() + doc.visits.len()) as u64;
        let json = bytes(&doc);

        // Cancelled once the people are written and visits are under way.
        let (work, seen) = watched(doc.people.len() as u64 + 1);
        let e = s.import_json_with(&json, "d.json", &work).await.unwrap_err();
        assert!(matches!(e, Error::Cancelled), "{e:?}");
        assert_eq!(s.export_json(Scope::All).await.unwrap(), before, "a cancelled import leaves nothing");
        let seen = seen.lock().unwrap().clone();
        assert_eq!(seen.first(), Some(&Progress { stage: Stage::Writing, done: 0, total }));
        assert!(seen.windows(2).all(|w| w[0].done < w[1].done), "{seen:?}");
        let last = seen.last().unwrap();
        assert!(last.done > doc.people.len() as u64 && last.done < total, "{last:?} of {total}");
        assert!(seen.len() >= 4, "a report a chunk: {seen:?}");

        // Cancelled with every record written, before the finishing step:
        // still nothing, and the finishing step was never announced.
        let (work, seen) = watched(total);
        let e = s.import_json_with(&json, "d.json", &work).await.unwrap_err();
        assert!(matches!(e, Error::Cancelled), "{e:?}");
        assert_eq!(s.export_json(Scope::All).await.unwrap(), before, "a cancelled import leaves nothing");
        assert_eq!(seen.lock().unwrap().last(), Some(&Progress { stage: Stage::Writing, done: total, total }));

        // Not cancelled, it runs to the end, and says when all that is left
        // is the finishing step; a preview reports checking.
        let finishing = Progress { stage: Stage::Finishing, done: 0, total: 0 };
        let (work, seen) = watched(u64::MAX);
        let preview = s.preview_json_with(&json, "d.json", &work).await.unwrap();
        let checking = Progress { stage: Stage::Checking, done: total, total };
        assert_eq!(seen.lock().unwrap().rchunks(2).next(), Some(&[checking, finishing][..]));
        let (work, seen) = watched(u64::MAX);
        let report = s.import_json_with(&json, "d.json", &work).await.unwrap();
        let writing = Progress { stage: Stage::Writing, done: total, total };
        assert_eq!(seen.lock().unwrap().rchunks(2).next(), Some(&[writing, finishing][..]));
        assert_eq!(report, preview.report);
        assert_eq!(report.visits.added, doc.visits.len() as u64);
    }

    /// A file nested past any sense, in a field or as the whole document, is
    /// refused with the place it went wrong, by the preview the window shows
    /// and by the import alike, and writes nothing. The parsers stop at a
    /// depth: nesting never reaches the stack (a test thread's 2 MiB would
    /// overflow at once).
    #[tokio::test]
    async fn a_document_nested_past_any_sense_is_refused_at_its_place() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let before = s.export_json(Scope::All).await.unwrap();
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let in_a_field = format!(
            r#"{{"format": "liaison", "version": {VERSION}, "visits": [{{"id": "{}", "notes": {}}}]}}"#,
            Uuid::from_u128(0xdeed),
            deep(100_000)
        );
        let whole = deep(200_000);
        let mut refused = 0;
        for (name, text) in [("field.json", in_a_field), ("whole.json", whole)] {
            for previewing in [true, false] {
                let e = if previewing {
                    s.preview_json(text.as_bytes(), name).await.map(|_| ()).unwrap_err()
                } else {
                    s.import_json(text.as_bytes(), name).await.map(|_| ()).unwrap_err()
                };
                match (name, &e) {
                    // Where the parser gave up, inside the notes' brackets:
                    // the depth it allows is about 128.
                    ("field.json", Error::Malformed { path, line: 1, column, problem }) => {
                        assert_eq!(path, "field.json");
                        assert!(matches!(**problem, Problem::JsonSyntax { .. }), "{e}");
                        let notes = text.find("\"notes\": ").unwrap() + "\"notes\": ".len();
                        assert_eq!(*column, notes + 127, "{e}");
                    }
                    ("whole.json", Error::Invalid(errors)) => {
                        assert_eq!(fields(&e), ["$"], "{e}");
                        assert_eq!(errors[0].code, "problem-document-not-object");
                    }
                    _ => panic!("{name}, previewing {previewing}: {e:?}"),
                }
                refused += 1;
            }
        }
        assert_eq!(refused, 4);
        assert_eq!(s.export_json(Scope::All).await.unwrap(), before, "nothing written");
    }

    #[tokio::test]
    async fn problems_in_every_chunk_are_all_reported() {
        let s = crate::testing::service().await;
        let mut doc = two_chunks_of_each(1);
        doc.people[3].fields.email = "not an address".into();
        doc.people[CHUNK + 50].fields.email = "nor this".into();
        doc.visits[7].follow_ups[0].fields.due_date = "31 June".into();
        doc.visits[CHUNK + 20].follow_ups[0].fields.due_date = "32 May".into();
        let e = s.import_json(&bytes(&doc), "d.json").await.unwrap_err();
        assert_eq!(
            fields(&e),
            [
                "$.people[3].email".to_owned(),
                format!("$.people[{}].email", CHUNK + 50),
                "$.visits[7].follow_ups[0].due_date".to_owned(),
                format!("$.visits[{}].follow_ups[0].due_date", CHUNK + 20),
            ]
        );
        assert_eq!(s.totals().await.unwrap().visits, 0);
        assert_eq!(s.totals().await.unwrap().people, 0);
    }

    #[tokio::test]
    async fn a_reference_to_nobody_in_a_later_chunk_refuses_the_document() {
        let s = crate::testing::service().await;
        let mut doc = two_chunks_of_each(0);
        let nobody = Uuid::from_u128(0xdead);
        doc.visits[CHUNK + 30].participants[0].person_id = nobody;
        let e = s.import_json(&bytes(&doc), "d.json").await.unwrap_err();
        assert_eq!(fields(&e), [format!("$.visits[{}].participants[0].person_id", CHUNK + 30)]);
        assert_eq!(s.totals().await.unwrap().visits, 0);
    }

    #[tokio::test]
    async fn a_visit_carries_a_follow_up_of_a_visit_later_in_the_file() {
        let s = crate::testing::service().await;
        let mut doc = two_chunks_of_each(0);
        let later = doc.visits[CHUNK + 5].follow_ups[0].id;
        doc.visits[0].carried_follow_ups.push(later);
        // And one onto its own visit, later in the file, is still refused.
        let mut own = doc.clone();
        let own_fu = own.visits[CHUNK + 6].follow_ups[0].id;
        own.visits[CHUNK + 6].carried_follow_ups.push(own_fu);
        let e = s.import_json(&bytes(&own), "own.json").await.unwrap_err();
        assert_eq!(fields(&e), [format!("$.visits[{}].carried_follow_ups[0]", CHUNK + 6)]);

        s.import_json(&bytes(&doc), "d.json").await.unwrap();
        let back = s.export_document(Scope::All).await.unwrap();
        let first = back.visits.iter().find(|v| v.head.id == doc.visits[0].head.id).unwrap();
        assert_eq!(first.carried_follow_ups, [later]);
    }

    #[tokio::test]
    async fn counts_and_changes_add_up_over_the_chunks() {
        let s = crate::testing::service().await;
        // Enough rows that the first import suspends the indexes and the
        // second, which updates stored records, restores them before it
        // reads what those were.
        let mut doc = two_chunks_of_each(16);
        let rows = estimated_rows(&bytes(&doc));
        assert!(rows >= crate::testing::REINDEX_FROM_ROWS, "{rows}");
        let n = doc.visits.len() as u64;
        let r = s.import_json(&bytes(&doc), "d.json").await.unwrap();
        assert_eq!(r.visits, Counts { total: n, added: n, updated: 0, unchanged: 0 });
        assert_eq!(r.people.added, doc.people.len() as u64);
        assert_eq!(r.agenda_items.added, 16 * n);
        assert_eq!(r.participants.added, 2 * n);
        assert_eq!(s.totals().await.unwrap().agenda_items, 16 * n);

        doc.visits[5].head.fields.title = "Renamed early".into();
        doc.visits[CHUNK + 5].head.fields.title = "Renamed late".into();
        doc.visits[CHUNK + 6].agenda[3].fields.title = "A new title, late".into();
        let preview = s.preview_json(&bytes(&doc), "d.json").await.unwrap();
        assert_eq!(preview.report.visits, Counts { total: n, added: 0, updated: 2, unchanged: n - 2 });
        assert_eq!(preview.report.agenda_items.updated, 1);
        let mut titles: Vec<&Value> = preview.changes.iter().filter(|c| c.field == "title").map(|c| &c.new).collect();
        titles.sort_by_key(|v| v.as_str().map(str::to_owned));
        assert_eq!(titles, ["A new title, late", "Renamed early", "Renamed late"]);
        let r = s.import_json(&bytes(&doc), "d.json").await.unwrap();
        assert_eq!(r, preview.report);
        let agenda = s.visit_detail(doc.visits[CHUNK + 6].head.id).await.unwrap().agenda;
        assert!(agenda.iter().any(|a| a.title == "A new title, late"));
    }
}
