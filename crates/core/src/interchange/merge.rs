//! The rule for a record that leaves a field out: **a missing key keeps what
//! is stored.** Import merges by id; a record that names only the fields it
//! changes (a script's, or a document from an older Liaison that did not
//! have a field yet) changes those and leaves the rest as they are. Erasing
//! a value takes saying so: `""` for text, `[]` for a list, `null` for a
//! reference. A record whose id is not
//! stored yet gets each missing field's default, as before, and the form's
//! rules then say which ones it cannot do without.
//!
//! Here the document is completed from the database before it is checked,
//! and, for a dry run, what an import would change is listed field by field.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;
use uuid::Uuid;

use super::{agenda_record, follow_up_record, org_record, person_record, visit_record, Checked, ImportReport, Stored};
use crate::error::{Error, Result};
use crate::model::{AgendaItem, FollowUp, Visit};
use crate::storage::{Session, Table};
use crate::validate::{AgendaItemInput, FollowUpInput, OrganisationInput, PersonInput, VisitInput};

/// What a dry run of a JSON import reports.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct JsonPreview {
    /// The counts the import would report.
    pub report: ImportReport,
    /// Every field of a stored record that the import would change.
    pub changes: Vec<FieldChange>,
}

/// One field of one stored record, before and after.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    /// "organisation", "person", "visit", "agenda item" or "follow-up".
    pub record: String,
    pub id: Uuid,
    /// Its name or title, for people to read.
    pub title: String,
    /// The document's key.
    pub field: String,
    #[ts(type = "unknown")]
    pub old: Value,
    #[ts(type = "unknown")]
    pub new: Value,
}

/// The keys a record of a kind has beside its id: its form's fields, and
/// the stored values that are not the form's (calendar UID, planning zone).
/// Taken from the form types themselves, so a new field is covered at once.
fn keys<T: Serialize + Default>(extra: &[&str]) -> Vec<String> {
    let form = serde_json::to_value(T::default()).unwrap_or_default();
    let mut keys: Vec<String> = form.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    keys.extend(extra.iter().map(|k| (*k).to_owned()));
    keys
}

/// A stored record's keys and values, as the document has them.
fn as_object(record: impl Serialize) -> Map<String, Value> {
    match serde_json::to_value(record) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// Records of one kind in the document that leave out some of `keys`, with
/// their ids; their place is a JSON pointer.
fn partial(records: Option<&Value>, keys: &[String], at: &str, out: &mut Vec<(Uuid, String)>) {
    let Some(Value::Array(list)) = records else { return };
    for (i, r) in list.iter().enumerate() {
        let Value::Object(o) = r else { continue };
        let Some(id) = o.get("id").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok()) else { continue };
        if keys.iter().any(|k| !o.contains_key(k)) {
            out.push((id, format!("{at}/{i}")));
        }
    }
}

/// Puts each stored value the record at `pointer` leaves out into it.
fn fill(root: &mut Value, pointer: &str, stored: Map<String, Value>) {
    let Some(Value::Object(o)) = root.pointer_mut(pointer) else { return };
    for (k, v) in stored {
        // A visit's lists merge by their own ids; nothing to take over.
        if matches!(k.as_str(), "participants" | "agenda" | "follow_ups") {
            continue;
        }
        o.entry(k).or_insert(v);
    }
}

/// Stored records [`complete`] read, handed on to [`changes`], which
/// compares the same records with the document's: re-importing an export
/// (whose visits, items and follow-ups all leave their UID out) then reads
/// each stored record once, not twice. Nothing is written between the two
/// for the part they were read for, so they are still what is stored.
#[derive(Default)]
pub(super) struct Read {
    visits: HashMap<Uuid, Visit>,
    items: HashMap<Uuid, AgendaItem>,
    follow_ups: HashMap<Uuid, FollowUp>,
}

/// Completes the records of `root` that leave fields out with what is
/// stored for them, and returns what it read. Reads only; a document whose
/// records are whole costs one pass over its objects.
pub(super) async fn complete(c: &mut dyn Session, root: &mut Value) -> Result<Read> {
    let org_keys = keys::<OrganisationInput>(&[]);
    let person_keys = keys::<PersonInput>(&[]);
    let visit_keys = keys::<VisitInput>(&["uid"]);
    let item_keys = keys::<AgendaItemInput>(&["uid", "time_zone"]);
    let fu_keys = keys::<FollowUpInput>(&["uid"]);
    let (mut orgs, mut persons, mut vs, mut items, mut fus) = (vec![], vec![], vec![], vec![], vec![]);
    partial(root.get("organisations"), &org_keys, "/organisations", &mut orgs);
    partial(root.get("people"), &person_keys, "/people", &mut persons);
    partial(root.get("visits"), &visit_keys, "/visits", &mut vs);
    // The visits whose agenda or follow-ups leave fields out: stored items
    // are read a visit at a time, the way a document holds them.
    let mut holders = Vec::new();
    if let Some(Value::Array(list)) = root.get("visits") {
        for (i, v) in list.iter().enumerate() {
            let (had_items, had_fus) = (items.len(), fus.len());
            partial(v.get("agenda"), &item_keys, &format!("/visits/{i}/agenda"), &mut items);
            partial(v.get("follow_ups"), &fu_keys, &format!("/visits/{i}/follow_ups"), &mut fus);
            let id = v.get("id").and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok());
            if let (Some(id), true) = (id, items.len() > had_items || fus.len() > had_fus) {
                holders.push(id);
            }
        }
    }
    let mut read = Read::default();
    if orgs.is_empty() && persons.is_empty() && vs.is_empty() && items.is_empty() && fus.is_empty() {
        return Ok(read);
    }
    let ids = |list: &[(Uuid, String)]| list.iter().map(|(id, _)| *id).collect::<Vec<_>>();
    for o in c.organisations_by_ids(&ids(&orgs)).await? {
        for (_, at) in orgs.iter().filter(|(id, _)| *id == o.id) {
            fill(root, at, as_object(org_record(&o)));
        }
    }
    for p in c.people_by_ids(&ids(&persons)).await? {
        for (_, at) in persons.iter().filter(|(id, _)| *id == p.id) {
            fill(root, at, as_object(person_record(&p)));
        }
    }
    // In a query or two per table for the whole part, not one per record:
    // sqlx hands each query to SQLite's thread and back, and re-importing
    // the benchmark set's 140,000 records one by one took 25 s.
    read.visits.extend(c.visits_by_ids(&ids(&vs)).await?.into_iter().map(|v| (v.id, v)));
    for (id, at) in &vs {
        if let Some(v) = read.visits.get(id) {
            fill(root, at, as_object(visit_record(v, &[], &[], &[])));
        }
    }
    // Which are stored at all, in one query per table (none at all into an
    // empty one, a restore's case): a new document reads nothing more.
    let known_items = c.existing_ids(Table::AgendaItems, &ids(&items)).await?;
    let known_fus = c.existing_ids(Table::FollowUps, &ids(&fus)).await?;
    items.retain(|(id, _)| known_items.contains(id));
    fus.retain(|(id, _)| known_fus.contains(id));
    if !items.is_empty() {
        read.items.extend(c.agenda_of_visits(&holders).await?.into_iter().map(|a| (a.id, a)));
    }
    for (id, at) in &items {
        // One the document moves to another visit was read with neither.
        if !read.items.contains_key(id) {
            if let Some(a) = stored(c.agenda_item(*id).await)? {
                read.items.insert(a.id, a);
            }
        }
        if let Some(a) = read.items.get(id) {
            fill(root, at, as_object(agenda_record(a)));
        }
    }
    if !fus.is_empty() {
        read.follow_ups.extend(c.follow_ups_of_visits(&holders).await?.into_iter().map(|f| (f.id, f)));
    }
    for (id, at) in &fus {
        if !read.follow_ups.contains_key(id) {
            if let Some(f) = stored(c.follow_up(*id).await)? {
                read.follow_ups.insert(f.id, f);
            }
        }
        if let Some(f) = read.follow_ups.get(id) {
            fill(root, at, as_object(follow_up_record(f)));
        }
    }
    Ok(read)
}

/// A record that is not stored is a new one: nothing to complete it with.
pub(super) fn stored<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(t) => Ok(Some(t)),
        Err(Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Every field the checked part would change in stored records; `stored`
/// says which of its records are stored, so that a new document, the
/// commonest import, reads nothing, and a re-import reads each table in a
/// query or two for the whole part.
///
/// What [`complete`] read for the part (`read`) is not read again.
pub(super) async fn changes(c: &mut dyn Session, d: &Checked, stored: &Stored, read: Read) -> Result<Vec<FieldChange>> {
    let Read { visits: mut old_visits, items: mut old_items, follow_ups: mut old_fus } = read;
    let mut out = Vec::new();
    let orgs: HashMap<Uuid, &crate::model::Organisation> = d.organisations.iter().map(|o| (o.id, o)).collect();
    let org_ids: Vec<Uuid> = stored.orgs.iter().copied().collect();
    for old in &c.organisations_by_ids(&org_ids).await? {
        if let Some(new) = orgs.get(&old.id) {
            diff(
                &mut out,
                "organisation",
                old.id,
                new.names().sort_key(),
                as_object(org_record(old)),
                as_object(org_record(new)),
            );
        }
    }
    let people: HashMap<Uuid, &crate::model::Person> = d.people.iter().map(|p| (p.id, p)).collect();
    let person_ids: Vec<Uuid> = stored.people.iter().copied().collect();
    for old in &c.people_by_ids(&person_ids).await? {
        if let Some(new) = people.get(&old.id) {
            diff(
                &mut out,
                "person",
                old.id,
                new.names().sort_key(),
                as_object(person_record(old)),
                as_object(person_record(new)),
            );
        }
    }
    let unread = |id: &Uuid| stored.visits.contains(id) && !old_visits.contains_key(id);
    let visit_ids: Vec<Uuid> = d.visits.iter().map(|v| v.id).filter(unread).collect();
    old_visits.extend(c.visits_by_ids(&visit_ids).await?.into_iter().map(|v| (v.id, v)));
    for new in d.visits.iter().filter(|v| stored.visits.contains(&v.id)) {
        let Some(old) = old_visits.remove(&new.id) else { continue };
        let (old, new_obj) =
            (as_object(visit_record(&old, &[], &[], &[])), as_object(visit_record(new, &[], &[], &[])));
        diff(&mut out, "visit", new.id, &new.title, old, new_obj);
    }
    let unread = |a: &&AgendaItem| stored.items.contains(&a.id) && !old_items.contains_key(&a.id);
    let visits = visits_of(d.agenda.iter().filter(unread).map(|a| a.visit_id));
    if !visits.is_empty() {
        old_items.extend(c.agenda_of_visits(&visits).await?.into_iter().map(|a| (a.id, a)));
    }
    for new in d.agenda.iter().filter(|a| stored.items.contains(&a.id)) {
        // One the document moves to another visit was read with neither.
        let old = match old_items.remove(&new.id) {
            Some(old) => old,
            None => c.agenda_item(new.id).await?,
        };
        diff(
            &mut out,
            "agenda item",
            new.id,
            &new.title,
            as_object(agenda_record(&old)),
            as_object(agenda_record(new)),
        );
    }
    let unread = |f: &&FollowUp| stored.follow_ups.contains(&f.id) && !old_fus.contains_key(&f.id);
    let visits = visits_of(d.follow_ups.iter().filter(unread).map(|f| f.visit_id));
    if !visits.is_empty() {
        old_fus.extend(c.follow_ups_of_visits(&visits).await?.into_iter().map(|f| (f.id, f)));
    }
    for new in d.follow_ups.iter().filter(|f| stored.follow_ups.contains(&f.id)) {
        let old = match old_fus.remove(&new.id) {
            Some(old) => old,
            None => c.follow_up(new.id).await?,
        };
        let (old, new_obj) = (as_object(follow_up_record(&old)), as_object(follow_up_record(new)));
        diff(&mut out, "follow-up", new.id, &new.title, old, new_obj);
    }
    Ok(out)
}

/// The visits of stored records, each once: their records are read for
/// the visits at once, as a document holds them by visit.
pub(super) fn visits_of(ids: impl Iterator<Item = Uuid>) -> Vec<Uuid> {
    ids.collect::<HashSet<_>>().into_iter().collect()
}

/// The fields whose values differ. SEQUENCE follows from the others, and
/// a visit's lists are compared item by item, so neither is listed.
fn diff(
    out: &mut Vec<FieldChange>,
    record: &str,
    id: Uuid,
    title: &str,
    old: Map<String, Value>,
    new: Map<String, Value>,
) {
    for (field, new_value) in new {
        if matches!(field.as_str(), "sequence" | "participants" | "agenda" | "follow_ups") {
            continue;
        }
        let old_value = old.get(&field).cloned().unwrap_or(Value::Null);
        if old_value != new_value {
            out.push(FieldChange {
                record: record.to_owned(),
                id,
                title: title.to_owned(),
                field,
                old: old_value,
                new: new_value,
            });
        }
    }
}
