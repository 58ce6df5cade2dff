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

use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;
use uuid::Uuid;

use super::{agenda_record, follow_up_record, org_record, person_record, visit_record, Checked, ImportReport};
use crate::error::{Error, Result};
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

/// Completes the records of `root` that leave fields out with what is
/// stored for them. Reads only; a document whose records are whole (any
/// export) costs one pass over its objects.
pub(super) async fn complete(c: &mut dyn Session, root: &mut Value) -> Result<()> {
    let org_keys = keys::<OrganisationInput>(&[]);
    let person_keys = keys::<PersonInput>(&[]);
    let visit_keys = keys::<VisitInput>(&["uid"]);
    let item_keys = keys::<AgendaItemInput>(&["uid", "time_zone"]);
    let fu_keys = keys::<FollowUpInput>(&["uid"]);
    let (mut orgs, mut persons, mut vs, mut items, mut fus) = (vec![], vec![], vec![], vec![], vec![]);
    partial(root.get("organisations"), &org_keys, "/organisations", &mut orgs);
    partial(root.get("people"), &person_keys, "/people", &mut persons);
    partial(root.get("visits"), &visit_keys, "/visits", &mut vs);
    if let Some(Value::Array(list)) = root.get("visits") {
        for (i, v) in list.iter().enumerate() {
            partial(v.get("agenda"), &item_keys, &format!("/visits/{i}/agenda"), &mut items);
            partial(v.get("follow_ups"), &fu_keys, &format!("/visits/{i}/follow_ups"), &mut fus);
        }
    }
    if orgs.is_empty() && persons.is_empty() && vs.is_empty() && items.is_empty() && fus.is_empty() {
        return Ok(());
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
    // Which of them are stored at all, in one query per table (none at all
    // into an empty one, a restore's case); the stored ones one by one,
    // since a document that leaves fields out of many stored records is rare.
    let known_visits = c.existing_ids(Table::Visits, &ids(&vs)).await?;
    let known_items = c.existing_ids(Table::AgendaItems, &ids(&items)).await?;
    let known_fus = c.existing_ids(Table::FollowUps, &ids(&fus)).await?;
    vs.retain(|(id, _)| known_visits.contains(id));
    items.retain(|(id, _)| known_items.contains(id));
    fus.retain(|(id, _)| known_fus.contains(id));
    for (id, at) in &vs {
        if let Some(v) = stored(c.visit(*id).await)? {
            fill(root, at, as_object(visit_record(&v, &[], &[], &[])));
        }
    }
    for (id, at) in &items {
        if let Some(a) = stored(c.agenda_item(*id).await)? {
            fill(root, at, as_object(agenda_record(&a)));
        }
    }
    for (id, at) in &fus {
        if let Some(f) = stored(c.follow_up(*id).await)? {
            fill(root, at, as_object(follow_up_record(&f)));
        }
    }
    Ok(())
}

/// A record that is not stored is a new one: nothing to complete it with.
fn stored<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(t) => Ok(Some(t)),
        Err(Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Every field the checked document would change in stored records. Only
/// records that are stored are read (one query tells which), so that a new
/// document, the commonest import, costs a few queries however large.
pub(super) async fn changes(c: &mut dyn Session, d: &Checked) -> Result<Vec<FieldChange>> {
    use std::collections::HashMap;
    let mut out = Vec::new();
    let orgs: HashMap<Uuid, &crate::model::Organisation> = d.organisations.iter().map(|o| (o.id, o)).collect();
    let org_ids: Vec<Uuid> = d.organisations.iter().map(|o| o.id).collect();
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
    let person_ids: Vec<Uuid> = d.people.iter().map(|p| p.id).collect();
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
    let visit_ids: Vec<Uuid> = d.visits.iter().map(|v| v.id).collect();
    let stored_visits = c.existing_ids(Table::Visits, &visit_ids).await?;
    for new in d.visits.iter().filter(|v| stored_visits.contains(&v.id)) {
        let old = c.visit(new.id).await?;
        let (old, new_obj) =
            (as_object(visit_record(&old, &[], &[], &[])), as_object(visit_record(new, &[], &[], &[])));
        diff(&mut out, "visit", new.id, &new.title, old, new_obj);
    }
    let item_ids: Vec<Uuid> = d.agenda.iter().map(|a| a.id).collect();
    let stored_items = c.existing_ids(Table::AgendaItems, &item_ids).await?;
    let stored: Vec<&crate::model::AgendaItem> = d.agenda.iter().filter(|a| stored_items.contains(&a.id)).collect();
    let mut old_items = HashMap::new();
    for visit in visits_of(stored.iter().map(|a| a.visit_id)) {
        old_items.extend(c.agenda_of_visit(visit).await?.into_iter().map(|a| (a.id, a)));
    }
    for new in stored {
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
    let fu_ids: Vec<Uuid> = d.follow_ups.iter().map(|f| f.id).collect();
    let stored_fus = c.existing_ids(Table::FollowUps, &fu_ids).await?;
    let stored: Vec<&crate::model::FollowUp> = d.follow_ups.iter().filter(|f| stored_fus.contains(&f.id)).collect();
    let mut old_fus = HashMap::new();
    for visit in visits_of(stored.iter().map(|f| f.visit_id)) {
        old_fus.extend(c.follow_ups_of_visit(visit).await?.into_iter().map(|f| (f.id, f)));
    }
    for new in stored {
        let old = match old_fus.remove(&new.id) {
            Some(old) => old,
            None => c.follow_up(new.id).await?,
        };
        let (old, new_obj) = (as_object(follow_up_record(&old)), as_object(follow_up_record(new)));
        diff(&mut out, "follow-up", new.id, &new.title, old, new_obj);
    }
    Ok(out)
}

/// The visits of stored records, each once, in order: their records are
/// read a visit at a time (a document's come a visit at a time), one query
/// each rather than one per record (re-importing the benchmark set read
/// 130,000 records one by one).
pub(super) fn visits_of(ids: impl Iterator<Item = Uuid>) -> std::collections::BTreeSet<Uuid> {
    ids.collect()
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
