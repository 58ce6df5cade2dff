//! The interchange document: a whole database, or one visit with the people
//! and organisations it needs, as one JSON file. `docs/liaison.schema.json`
//! describes it. Import checks the whole document before writing anything,
//! reports every problem with its JSON path, and merges by id.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::{QueryBuilder, SqliteConnection};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, FieldError, Problems, Result};
use crate::model::*;
use crate::service::calendar_uid;
use crate::store::{self, agenda, follow_ups, organisations, participants, people, visits, Store};
use crate::time::{format_local, format_offset, now, parse_zone, stored_zone};
use crate::validate::*;

/// The value of the document's `format` member.
pub const FORMAT: &str = "liaison";
/// The version this build writes and the newest it reads.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub organisations: Vec<OrganisationRecord>,
    pub people: Vec<PersonRecord>,
    pub visits: Vec<VisitRecord>,
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

fn org_record(o: &Organisation) -> OrganisationRecord {
    OrganisationRecord {
        id: o.id,
        fields: OrganisationInput {
            name: o.name.clone(),
            native_name: o.native_name.clone(),
            acronym: o.acronym.clone(),
            country: o.country.clone(),
            kind: o.kind,
            notes: o.notes.clone(),
        },
    }
}

fn person_record(p: &Person) -> PersonRecord {
    PersonRecord {
        id: p.id,
        fields: PersonInput {
            name: p.name.clone(),
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
    }
}

fn visit_record(v: &Visit, parts: &[Participant], items: &[AgendaItem], fus: &[FollowUp]) -> VisitRecord {
    let zone = stored_zone(&v.time_zone);
    VisitRecord {
        head: VisitHead {
            id: v.id,
            fields: VisitInput {
                kind: v.kind,
                title: v.title.clone(),
                purpose: v.purpose.clone(),
                status: v.status,
                host_org_id: v.host_org_id,
                guest_org_id: v.guest_org_id,
                start: format_offset(v.starts_at, zone),
                end: format_offset(v.ends_at, zone),
                time_zone: v.time_zone.clone(),
                venue: v.venue.clone(),
                online_link: v.online_link.clone(),
                notes: v.notes.clone(),
                minutes: v.minutes.clone(),
                topics: v.topics.clone(),
            },
            uid: Some(v.uid.clone()),
            sequence: v.sequence,
        },
        participants: parts
            .iter()
            .map(|p| ParticipantInput { person_id: p.person_id, side: p.side, role: p.role, precedence: Some(p.precedence) })
            .collect(),
        agenda: items
            .iter()
            .map(|a| {
                let zone = stored_zone(&a.time_zone);
                AgendaRecord {
                    id: a.id,
                    fields: AgendaItemInput {
                        start: format_offset(a.starts_at, zone),
                        end: format_offset(a.ends_at, zone),
                        title: a.title.clone(),
                        kind: a.kind,
                        status: a.status,
                        location: a.location.clone(),
                        description: a.description.clone(),
                        participant_ids: a.participant_ids.clone(),
                    },
                    time_zone: Some(a.time_zone.clone()),
                    uid: Some(a.uid.clone()),
                    sequence: a.sequence,
                }
            })
            .collect(),
        follow_ups: fus
            .iter()
            .map(|f| FollowUpRecord {
                id: f.id,
                fields: FollowUpInput {
                    title: f.title.clone(),
                    owner_id: f.owner_id,
                    counterpart_org_id: f.counterpart_org_id,
                    due_date: f.due_date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
                    status: f.status,
                    notes: f.notes.clone(),
                },
                uid: Some(f.uid.clone()),
                sequence: f.sequence,
            })
            .collect(),
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

impl Store {
    /// The document for `scope`, in a canonical order, so that exporting,
    /// importing into an empty database and exporting again gives the same
    /// bytes.
    pub async fn export_document(&self, scope: Scope) -> Result<Document> {
        let mut c = self.reader().acquire().await?;
        // One read transaction: a consistent snapshot even while the window writes.
        sqlx::query("BEGIN").execute(&mut *c).await?;
        let result = export_on(&mut c, scope).await;
        sqlx::query("COMMIT").execute(&mut *c).await?;
        result
    }

    /// The document as pretty JSON with a final newline.
    pub async fn export_json(&self, scope: Scope) -> Result<String> {
        let doc = self.export_document(scope).await?;
        let mut text = serde_json::to_string_pretty(&doc).map_err(|e| Error::Conflict(e.to_string()))?;
        text.push('\n');
        Ok(text)
    }
}

async fn export_on(c: &mut SqliteConnection, scope: Scope) -> Result<Document> {
    let (orgs, persons, visit_rows) = match scope {
        Scope::All => {
            let all_visits = visits::list(c).await?;
            let mut parts = by_visit(participants::list_all(c).await?, |p| p.visit_id);
            let mut items = by_visit(agenda::list_all(c).await?, |a| a.visit_id);
            let mut fus = by_visit(follow_ups::list_all(c).await?, |f| f.visit_id);
            let records = all_visits
                .iter()
                .map(|v| {
                    visit_record(
                        v,
                        &parts.remove(&v.id).unwrap_or_default(),
                        &items.remove(&v.id).unwrap_or_default(),
                        &fus.remove(&v.id).unwrap_or_default(),
                    )
                })
                .collect();
            (organisations::list(c).await?, people::list(c).await?, records)
        }
        Scope::Visit(id) => {
            let v = visits::get(c, id).await?;
            let parts = participants::list_for_visit(c, id).await?;
            let items = agenda::list_for_visit(c, id).await?;
            let fus = follow_ups::list_for_visit(c, id).await?;
            let mut person_ids: Vec<Uuid> = parts.iter().map(|p| p.person_id).chain(fus.iter().filter_map(|f| f.owner_id)).collect();
            person_ids.sort();
            person_ids.dedup();
            let persons = people::list_by_ids(c, &person_ids).await?;
            let mut org_ids: Vec<Uuid> = [v.host_org_id, v.guest_org_id]
                .into_iter()
                .flatten()
                .chain(fus.iter().filter_map(|f| f.counterpart_org_id))
                .chain(persons.iter().filter_map(|p| p.organisation_id))
                .collect();
            org_ids.sort();
            org_ids.dedup();
            let orgs = organisations::list_by_ids(c, &org_ids).await?;
            (orgs, persons, vec![visit_record(&v, &parts, &items, &fus)])
        }
    };
    Ok(Document {
        format: FORMAT.into(),
        version: VERSION,
        organisations: orgs.iter().map(org_record).collect(),
        people: persons.iter().map(person_record).collect(),
        visits: visit_rows,
    })
}

// ----- import ------------------------------------------------------------------

/// How many records of one kind a file held, and what importing did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Counts {
    pub total: u64,
    /// Not in the database before.
    pub added: u64,
    /// In the database, and different.
    pub updated: u64,
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
}

/// Parses and checks a document. `name` is the file name used in messages.
pub fn check_document(bytes: &[u8], name: &str) -> Result<Checked> {
    let root: Value = serde_json::from_slice(bytes).map_err(|e| Error::Malformed {
        path: name.to_owned(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    let mut p = Problems::new();
    let Value::Object(mut root) = root else {
        return Err(Error::invalid("$", "must be a JSON object with format, version, organisations, people and visits"));
    };
    match root.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        _ => p.push("$.format", format!("must be \"{FORMAT}\"")),
    }
    match root.get("version").and_then(Value::as_u64) {
        Some(v) if v >= 1 && v <= u64::from(VERSION) => {}
        Some(v) => p.push("$.version", format!("{v} is not a version this Liaison reads (1 to {VERSION}); update Liaison")),
        None => p.push("$.version", "must be a whole number"),
    }
    let mut take_array = |key: &str, p: &mut Problems| -> Vec<Value> {
        match root.remove(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a,
            Some(_) => {
                p.push(format!("$.{key}"), "must be an array");
                Vec::new()
            }
        }
    };
    let orgs = take_array("organisations", &mut p);
    let ppl = take_array("people", &mut p);
    let vis = take_array("visits", &mut p);

    let at = now();
    let mut out = Checked::default();
    let mut seen: HashMap<Uuid, String> = HashMap::new();
    let mut unique = |p: &mut Problems, id: Uuid, path: String| {
        if let Some(first) = seen.get(&id) {
            p.push(format!("{path}.id"), format!("id {id} is also used at {first}"));
        } else {
            seen.insert(id, path);
        }
    };
    let mut uids: HashMap<String, String> = HashMap::new();
    let mut uid_of = |p: &mut Problems, given: Option<String>, id: Uuid, path: &str| -> String {
        let uid = match given {
            Some(u) => line(p, &format!("{path}.uid"), &u, 255, true),
            None => calendar_uid(id),
        };
        if let Some(first) = uids.get(&uid) {
            p.push(format!("{path}.uid"), format!("calendar UID '{uid}' is also used at {first}"));
        } else {
            uids.insert(uid.clone(), path.to_owned());
        }
        uid
    };

    for (i, v) in orgs.into_iter().enumerate() {
        let path = format!("$.organisations[{i}]");
        let Some(r) = record::<OrganisationRecord>(&mut p, v, &path) else { continue };
        unique(&mut p, r.id, path.clone());
        if let Some(d) = under(&mut p, &path, OrganisationData::try_from(&r.fields)) {
            out.organisations.push(Organisation {
                id: r.id,
                name: d.name,
                native_name: d.native_name,
                acronym: d.acronym,
                country: d.country,
                kind: d.kind,
                notes: d.notes,
                created_at: at,
                updated_at: at,
            });
        }
    }
    for (i, v) in ppl.into_iter().enumerate() {
        let path = format!("$.people[{i}]");
        let Some(r) = record::<PersonRecord>(&mut p, v, &path) else { continue };
        unique(&mut p, r.id, path.clone());
        if let Some(d) = under(&mut p, &path, PersonData::try_from(&r.fields)) {
            if let Some(o) = d.organisation_id {
                out.org_refs.push((o, format!("{path}.organisation_id")));
            }
            out.people.push(Person {
                id: r.id,
                name: d.name,
                native_name: d.native_name,
                title: d.title,
                organisation_id: d.organisation_id,
                email: d.email,
                phone: d.phone,
                languages: d.languages,
                dietary_needs: d.dietary_needs,
                access_needs: d.access_needs,
                notes: d.notes,
                created_at: at,
                updated_at: at,
            });
        }
    }
    for (i, v) in vis.into_iter().enumerate() {
        let path = format!("$.visits[{i}]");
        let Value::Object(mut obj) = v else {
            p.push(path, "must be an object");
            continue;
        };
        let mut nested = |key: &str, p: &mut Problems| -> Vec<Value> {
            match obj.remove(key) {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(a)) => a,
                Some(_) => {
                    p.push(format!("{path}.{key}"), "must be an array");
                    Vec::new()
                }
            }
        };
        let parts = nested("participants", &mut p);
        let items = nested("agenda", &mut p);
        let fus = nested("follow_ups", &mut p);
        let Some(head) = record::<VisitHead>(&mut p, Value::Object(obj), &path) else { continue };
        unique(&mut p, head.id, path.clone());
        let visit_id = head.id;
        let uid = uid_of(&mut p, head.uid.clone(), visit_id, &path);
        let data = under(&mut p, &path, VisitData::try_from(&head.fields));
        let visit_zone = parse_zone(&head.fields.time_zone).ok();
        if let Some(d) = data {
            for (field, org) in [("host_org_id", d.host_org_id), ("guest_org_id", d.guest_org_id)] {
                if let Some(o) = org {
                    out.org_refs.push((o, format!("{path}.{field}")));
                }
            }
            out.visits.push(Visit {
                id: visit_id,
                kind: d.kind,
                title: d.title,
                purpose: d.purpose,
                status: d.status,
                host_org_id: d.host_org_id,
                guest_org_id: d.guest_org_id,
                starts_at: d.starts_at,
                ends_at: d.ends_at,
                time_zone: d.time_zone.name().to_owned(),
                start_local: format_local(d.starts_at, d.time_zone),
                end_local: format_local(d.ends_at, d.time_zone),
                venue: d.venue,
                online_link: d.online_link,
                notes: d.notes,
                minutes: d.minutes,
                topics: d.topics,
                uid,
                sequence: head.sequence,
                created_at: at,
                updated_at: at,
            });
        }

        let mut on_visit: HashSet<Uuid> = HashSet::new();
        let mut next_precedence: HashMap<Side, u32> = HashMap::new();
        for (j, v) in parts.into_iter().enumerate() {
            let ppath = format!("{path}.participants[{j}]");
            let Some(r) = record::<ParticipantInput>(&mut p, v, &ppath) else { continue };
            if !on_visit.insert(r.person_id) {
                p.push(format!("{ppath}.person_id"), format!("person {} is on this visit twice", r.person_id));
                continue;
            }
            out.person_refs.push((r.person_id, format!("{ppath}.person_id")));
            let next = next_precedence.entry(r.side).or_insert(1);
            let precedence = match r.precedence {
                Some(0) => {
                    p.push(format!("{ppath}.precedence"), "counts from 1");
                    0
                }
                Some(n) => n,
                None => *next,
            };
            *next = (*next).max(precedence.saturating_add(1));
            out.participants.push(Participant { visit_id, person_id: r.person_id, side: r.side, role: r.role, precedence });
        }

        for (j, v) in items.into_iter().enumerate() {
            let apath = format!("{path}.agenda[{j}]");
            let Some(r) = record::<AgendaRecord>(&mut p, v, &apath) else { continue };
            unique(&mut p, r.id, apath.clone());
            let uid = uid_of(&mut p, r.uid.clone(), r.id, &apath);
            let zone = match &r.time_zone {
                Some(z) => match parse_zone(z) {
                    Ok(z) => Some(z),
                    Err(m) => {
                        p.push(format!("{apath}.time_zone"), m);
                        None
                    }
                },
                None => visit_zone,
            };
            // Without a zone the times cannot be read; the zone's error is recorded.
            let Some(zone) = zone else { continue };
            let Some(d) = under(&mut p, &apath, AgendaItemData::validate(&r.fields, zone)) else { continue };
            for (k, person) in d.participant_ids.iter().enumerate() {
                if !on_visit.contains(person) {
                    out.agenda_refs.push((visit_id, *person, format!("{apath}.participant_ids[{k}]")));
                }
            }
            out.agenda.push(AgendaItem {
                id: r.id,
                visit_id,
                starts_at: d.starts_at,
                ends_at: d.ends_at,
                time_zone: d.time_zone.name().to_owned(),
                start_local: format_local(d.starts_at, d.time_zone),
                end_local: format_local(d.ends_at, d.time_zone),
                title: d.title,
                kind: d.kind,
                status: d.status,
                location: d.location,
                description: d.description,
                participant_ids: d.participant_ids,
                uid,
                sequence: r.sequence,
                created_at: at,
                updated_at: at,
            });
        }

        for (j, v) in fus.into_iter().enumerate() {
            let fpath = format!("{path}.follow_ups[{j}]");
            let Some(r) = record::<FollowUpRecord>(&mut p, v, &fpath) else { continue };
            unique(&mut p, r.id, fpath.clone());
            let uid = uid_of(&mut p, r.uid.clone(), r.id, &fpath);
            let Some(d) = under(&mut p, &fpath, FollowUpData::try_from(&r.fields)) else { continue };
            if let Some(o) = d.owner_id {
                out.person_refs.push((o, format!("{fpath}.owner_id")));
            }
            if let Some(o) = d.counterpart_org_id {
                out.org_refs.push((o, format!("{fpath}.counterpart_org_id")));
            }
            out.follow_ups.push(FollowUp {
                id: r.id,
                visit_id,
                title: d.title,
                owner_id: d.owner_id,
                counterpart_org_id: d.counterpart_org_id,
                due_date: d.due_date,
                status: d.status,
                notes: d.notes,
                uid,
                sequence: r.sequence,
                created_at: at,
                updated_at: at,
            });
        }
    }
    // References satisfied by the document itself need no database.
    let doc_orgs: HashSet<Uuid> = out.organisations.iter().map(|o| o.id).collect();
    let doc_people: HashSet<Uuid> = out.people.iter().map(|o| o.id).collect();
    out.org_refs.retain(|(id, _)| !doc_orgs.contains(id));
    out.person_refs.retain(|(id, _)| !doc_people.contains(id));
    p.finish(|| out)
}

/// serde_json's message ends with " at line L column C"; the position is
/// reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Deserialises one record, recording a failure under its path.
fn record<T: DeserializeOwned>(p: &mut Problems, v: Value, path: &str) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(v) {
        Ok(r) => Some(r),
        Err(e) => {
            let inner = e.path().to_string();
            let field = if inner == "." || inner == "?" { path.to_owned() } else { format!("{path}.{inner}") };
            p.push(field, e.into_inner().to_string());
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

/// Which of `ids` exist in `table` (a constant name, never user text).
async fn existing(c: &mut SqliteConnection, table: &'static str, ids: &[Uuid]) -> Result<HashSet<Uuid>> {
    let mut out = HashSet::new();
    for chunk in ids.chunks(store::rows_per_statement(1)) {
        let mut q = QueryBuilder::new(format!("SELECT id FROM {table} WHERE id IN ("));
        let mut sep = q.separated(", ");
        for id in chunk {
            sep.push_bind(*id);
        }
        q.push(")");
        let found: Vec<Uuid> = q.build_query_scalar().fetch_all(&mut *c).await?;
        out.extend(found);
    }
    Ok(out)
}

fn counts(total: usize, added: usize, written: u64) -> Counts {
    let total = total as u64;
    let added = added as u64;
    let updated = written.saturating_sub(added);
    Counts { total, added, updated, unchanged: total.saturating_sub(added + updated) }
}

impl Store {
    /// Imports a document: all of it in one transaction, or nothing.
    pub async fn import_json(&self, bytes: &[u8], name: &str) -> Result<ImportReport> {
        let checked = check_document(bytes, name)?;
        self.import_checked(checked).await
    }

    pub async fn import_checked(&self, d: Checked) -> Result<ImportReport> {
        let mut tx = self.begin().await?;
        let mut p = Problems::new();
        let ids = |refs: &[(Uuid, String)]| refs.iter().map(|(id, _)| *id).collect::<Vec<_>>();
        let orgs = existing(&mut tx, "organisations", &ids(&d.org_refs)).await?;
        for (id, path) in &d.org_refs {
            if !orgs.contains(id) {
                p.push(path.clone(), format!("organisation {id} is neither in the file nor in the database"));
            }
        }
        let persons = existing(&mut tx, "people", &ids(&d.person_refs)).await?;
        for (id, path) in &d.person_refs {
            if !persons.contains(id) {
                p.push(path.clone(), format!("person {id} is neither in the file nor in the database"));
            }
        }
        for (visit, person, path) in &d.agenda_refs {
            if participants::get(&mut tx, *visit, *person).await?.is_none() {
                p.push(path.clone(), format!("person {person} is not a participant of this visit"));
            }
        }
        p.finish(|| ())?;

        let before = |v: &HashSet<Uuid>, all: &[Uuid]| all.iter().filter(|id| !v.contains(id)).count();
        let org_ids: Vec<Uuid> = d.organisations.iter().map(|o| o.id).collect();
        let person_ids: Vec<Uuid> = d.people.iter().map(|o| o.id).collect();
        let visit_ids: Vec<Uuid> = d.visits.iter().map(|o| o.id).collect();
        let item_ids: Vec<Uuid> = d.agenda.iter().map(|o| o.id).collect();
        let fu_ids: Vec<Uuid> = d.follow_ups.iter().map(|o| o.id).collect();
        let new_orgs = before(&existing(&mut tx, "organisations", &org_ids).await?, &org_ids);
        let new_people = before(&existing(&mut tx, "people", &person_ids).await?, &person_ids);
        let new_visits = before(&existing(&mut tx, "visits", &visit_ids).await?, &visit_ids);
        let new_items = before(&existing(&mut tx, "agenda_items", &item_ids).await?, &item_ids);
        let new_fus = before(&existing(&mut tx, "follow_ups", &fu_ids).await?, &fu_ids);
        let pairs = participants::pairs_for_visits(&mut tx, &visit_ids).await?;
        let new_parts = d.participants.iter().filter(|x| !pairs.contains(&(x.visit_id, x.person_id))).count();

        let uid_clash = |e: Error| match e {
            Error::Database(sqlx::Error::Database(db)) if db.is_unique_violation() => Error::Conflict(format!(
                "a calendar UID in the file already belongs to another record in the database ({})",
                db.message()
            )),
            other => other,
        };
        let report = ImportReport {
            organisations: counts(org_ids.len(), new_orgs, organisations::upsert(&mut tx, &d.organisations).await?),
            people: counts(person_ids.len(), new_people, people::upsert(&mut tx, &d.people).await?),
            visits: counts(visit_ids.len(), new_visits, visits::upsert(&mut tx, &d.visits).await.map_err(uid_clash)?),
            participants: counts(d.participants.len(), new_parts, participants::upsert(&mut tx, &d.participants).await?),
            agenda_items: counts(item_ids.len(), new_items, agenda::upsert(&mut tx, &d.agenda).await.map_err(uid_clash)?),
            follow_ups: counts(fu_ids.len(), new_fus, follow_ups::upsert(&mut tx, &d.follow_ups).await.map_err(uid_clash)?),
        };
        tx.commit().await?;
        Ok(report)
    }
}
