//! The change history: what each user action records, in the same
//! transaction as the change, and how a recorded change is put into words
//! when someone reads it.
//!
//! A change is stored as data: the field codes of the JSON document (so the
//! schema in docs/ documents them too) with the values before and after, as
//! the document writes them. Words come only when shown, so that a reader of
//! another language (issue 12) reads the same history in theirs.

use std::collections::HashMap;

use liaison_i18n::{t, Lang};
use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;
use uuid::Uuid;

use crate::interchange::{agenda_record, follow_up_record, org_record, person_record, visit_record};
use crate::model::*;
use crate::storage::NewHistory;

/// Fields recorded as changed without their values: contact details, and
/// dietary and access needs, which can tell a person's religion or health.
/// (Passport data, when Liaison keeps it, belongs here too.) Erasing such a
/// value then erases it everywhere.
pub const HIDDEN: &[&str] = &["email", "phone", "dietary_needs", "access_needs"];

/// Fields that are bookkeeping, or follow from the others: never recorded.
const SKIPPED: &[&str] = &["id", "uid", "sequence", "participants", "agenda", "follow_ups"];

/// A change put into words, with the data it came from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HistoryLine {
    pub entry: HistoryEntry,
    /// One sentence: "alice moved 'Talks on cooperation' from 09:55 to 10:15".
    pub text: String,
}

fn object<T: Serialize>(record: T) -> Map<String, Value> {
    match serde_json::to_value(record) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

pub(crate) fn of_organisation(o: &Organisation) -> Map<String, Value> {
    object(org_record(o))
}

pub(crate) fn of_person(p: &Person) -> Map<String, Value> {
    object(person_record(p))
}

pub(crate) fn of_room(r: &Room) -> Map<String, Value> {
    object(crate::interchange::room_record(r))
}

/// A person's periods of availability as their history records them: one
/// line each, in a fixed order, so that a change to one is a change of the
/// list ("away 2027-11-01 – 2027-11-10, Abroad").
pub(crate) fn of_availability(periods: &[Availability]) -> Map<String, Value> {
    let mut lines: Vec<String> = periods
        .iter()
        .map(|a| {
            let hours =
                if a.from_time.is_empty() { String::new() } else { format!(" {}–{}", a.from_time, a.to_time) };
            let note = if a.note.is_empty() { String::new() } else { format!(", {}", a.note) };
            format!("{} {} – {}{hours} {}{note}", a.kind.as_str(), a.first_day, a.last_day, a.time_zone)
        })
        .collect();
    lines.sort();
    let mut map = Map::new();
    map.insert(AVAILABILITY.into(), Value::from(lines));
    map
}

pub(crate) fn of_visit(v: &Visit) -> Map<String, Value> {
    object(visit_record(v, &[], &[], &[]))
}

/// An item's people are a set: a new order is not a change.
pub(crate) fn of_agenda_item(a: &AgendaItem) -> Map<String, Value> {
    let mut map = object(agenda_record(a));
    if let Some(Value::Array(people)) = map.get_mut("participant_ids") {
        people.sort_by(|x, y| x.as_str().cmp(&y.as_str()));
    }
    map
}

pub(crate) fn of_follow_up(f: &FollowUp) -> Map<String, Value> {
    object(follow_up_record(f))
}

pub(crate) fn of_participant(p: &Participant) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("side".into(), Value::from(p.side.as_str()));
    map.insert("role".into(), Value::from(p.role.as_str()));
    map.insert("precedence".into(), Value::from(p.precedence));
    map
}

/// The fields whose values differ between two versions of a record.
pub(crate) fn diff(old: &Map<String, Value>, new: &Map<String, Value>) -> Vec<Change> {
    let mut fields: Vec<&String> = old.keys().chain(new.keys()).collect();
    fields.sort();
    fields.dedup();
    let mut out = Vec::new();
    for field in fields {
        if SKIPPED.contains(&field.as_str()) {
            continue;
        }
        let (a, b) = (old.get(field).unwrap_or(&Value::Null), new.get(field).unwrap_or(&Value::Null));
        if a != b {
            let hidden = HIDDEN.contains(&field.as_str());
            out.push(Change {
                field: field.clone(),
                old: if hidden { Value::Null } else { a.clone() },
                new: if hidden { Value::Null } else { b.clone() },
                hidden,
            });
        }
    }
    out
}

/// What to record for a record that was `old` and is now `new` (None: it
/// did not exist, or no longer does). Nothing when nothing changed.
pub(crate) fn entry(
    entity: Entity,
    entity_id: Uuid,
    visit_id: Option<Uuid>,
    label: &str,
    old: Option<Map<String, Value>>,
    new: Option<Map<String, Value>>,
) -> Option<NewHistory> {
    let (action, changes) = match (&old, &new) {
        (None, None) => return None,
        (None, Some(_)) => (HistoryAction::Created, Vec::new()),
        (Some(_), None) => (HistoryAction::Deleted, Vec::new()),
        (Some(a), Some(b)) => {
            let changes = diff(a, b);
            if changes.is_empty() {
                return None;
            }
            (HistoryAction::Changed, changes)
        }
    };
    Some(NewHistory { entity, entity_id, visit_id, label: label.to_owned(), action, changes })
}

/// The name a history entry keeps for a person: the one lists sort by.
pub(crate) fn person_label(p: &Person) -> &str {
    p.names().sort_key()
}

// ----- words ---------------------------------------------------------------------

/// What a field is called in a sentence (the catalogue's `history-field`,
/// by the document's key).
/// The change recorded when a follow-up is carried into a later visit
/// (`new`: that visit's title) or taken off it (`old`).
pub(crate) const CARRIED_INTO: &str = "carried_into";
/// The field a person's periods of availability are recorded under.
pub(crate) const AVAILABILITY: &str = "availability";

fn field_name(field: &str, lang: Lang) -> String {
    t!(lang, "history-field", field = field)
}

/// Names for the ids a change refers to (people and organisations).
pub type Names = HashMap<Uuid, String>;

/// The ids of people and organisations that `entries` refer to, to look up.
pub(crate) fn referenced(entries: &[HistoryEntry]) -> Vec<Uuid> {
    let mut out = Vec::new();
    for e in entries {
        if e.entity == Entity::Participant {
            out.push(e.entity_id);
        }
        for c in &e.changes {
            for v in [&c.old, &c.new] {
                match v {
                    Value::String(s) => out.extend(s.parse::<Uuid>().ok()),
                    Value::Array(items) => {
                        out.extend(items.iter().filter_map(|i| i.as_str().and_then(|s| s.parse::<Uuid>().ok())))
                    }
                    _ => {}
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Text longer than this is not quoted in a sentence.
const LONG: usize = 80;

/// Text shortened for a sentence, in the language's quotation marks.
fn quoted(text: &str, lang: Lang) -> String {
    const MOST: usize = LONG;
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = if one_line.chars().count() > MOST {
        format!("{}…", one_line.chars().take(MOST).collect::<String>())
    } else {
        one_line
    };
    t!(lang, "history-quoted", text = text)
}

/// A time with an offset ("2021-06-11T09:55:00+08:00") as the wall clock
/// reads it: the time alone when `other` is the same day.
fn clock(value: &str, other: &Value) -> Option<String> {
    let t = chrono::DateTime::parse_from_rfc3339(value).ok()?;
    let same_day = other
        .as_str()
        .and_then(|o| chrono::DateTime::parse_from_rfc3339(o).ok())
        .is_some_and(|o| o.date_naive() == t.date_naive());
    Some(if same_day { t.format("%H:%M").to_string() } else { t.format("%Y-%m-%d %H:%M").to_string() })
}

/// A stored code of the vocabulary (a kind, a status, a side, a role) as a
/// reader of `lang` calls it, in lower case within a sentence.
fn code_label(entity: Entity, field: &str, code: &str, lang: Lang) -> String {
    let prefix = match (field, entity) {
        ("kind", Entity::Visit) => "visit-kind",
        ("kind", Entity::AgendaItem) => "agenda-kind",
        ("kind", _) => "org-kind",
        ("status", Entity::Visit) => "visit-status",
        ("status", Entity::AgendaItem) => "agenda-status",
        ("status", _) => "follow-up-status",
        ("side", _) => "side",
        ("to_act", _) => "to-act",
        _ => "role",
    };
    liaison_i18n::tr(lang, &format!("{prefix}-{code}"), &[]).to_lowercase()
}

/// A person or an organisation by id, or what is said when it is gone.
fn name_of(names: &Names, s: &str, lang: Lang) -> Option<String> {
    s.parse::<Uuid>().ok().map(|id| names.get(&id).cloned().unwrap_or_else(|| t!(lang, "history-gone")))
}

fn value(entity: Entity, field: &str, v: &Value, other: &Value, names: &Names, lang: Lang) -> String {
    match v {
        Value::Null => t!(lang, "history-nothing"),
        Value::String(s) if s.is_empty() => t!(lang, "history-nothing"),
        Value::String(s) if field.ends_with("_id") => name_of(names, s, lang).unwrap_or_else(|| quoted(s, lang)),
        Value::String(s) if matches!(field, "start" | "end") => clock(s, other).unwrap_or_else(|| s.clone()),
        Value::String(s) if matches!(field, "kind" | "status" | "side" | "role" | "to_act") => {
            code_label(entity, field, s, lang)
        }
        Value::String(s) => quoted(s, lang),
        Value::Array(items) if items.is_empty() => t!(lang, "history-nothing"),
        Value::Array(items) => items
            .iter()
            .map(|i| match i.as_str() {
                Some(s) if field.ends_with("_ids") => name_of(names, s, lang).unwrap_or_else(|| s.to_owned()),
                Some(s) => s.to_owned(),
                None => i.to_string(),
            })
            .collect::<Vec<_>>()
            .join(&t!(lang, "history-list-separator")),
        other => other.to_string(),
    }
}

/// "the agenda item 'Talks'", "Li Wei", "the visit 'IPRCC delegation'".
fn subject(e: &HistoryEntry, lang: Lang) -> String {
    match e.entity {
        Entity::Participant | Entity::Person | Entity::Organisation => e.label.clone(),
        other => {
            let label = e.label.split_whitespace().collect::<Vec<_>>().join(" ");
            t!(lang, "history-subject", entity = other.as_str(), label = label)
        }
    }
}

/// People added to and removed from an agenda item.
fn people_change(c: &Change, names: &Names, lang: Lang) -> Option<String> {
    let ids = |v: &Value| -> Vec<String> {
        v.as_array().map(|a| a.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect()).unwrap_or_default()
    };
    let (old, new) = (ids(&c.old), ids(&c.new));
    let show = |list: Vec<&String>| {
        list.iter()
            .map(|s| name_of(names, s, lang).unwrap_or_else(|| t!(lang, "history-gone")))
            .collect::<Vec<_>>()
            .join(&t!(lang, "history-list-separator"))
    };
    let added: Vec<&String> = new.iter().filter(|x| !old.contains(x)).collect();
    let removed: Vec<&String> = old.iter().filter(|x| !new.contains(x)).collect();
    match (added.is_empty(), removed.is_empty()) {
        (true, true) => None,
        (false, true) => Some(t!(lang, "history-part-added", names = show(added))),
        (true, false) => Some(t!(lang, "history-part-removed", names = show(removed))),
        (false, false) => {
            Some(t!(lang, "history-part-added-and-removed", added = show(added), removed = show(removed)))
        }
    }
}

/// One sentence for a recorded change, in `lang`.
pub fn words(e: &HistoryEntry, names: &Names, lang: Lang) -> String {
    let who = e.actor.as_str();
    let what = subject(e, lang);
    match (e.action, e.entity) {
        (HistoryAction::Created, Entity::Participant) => t!(lang, "history-participant-added", who = who, what = what),
        (HistoryAction::Deleted, Entity::Participant) => {
            t!(lang, "history-participant-removed", who = who, what = what)
        }
        (HistoryAction::Created, Entity::Visit) => t!(lang, "history-created", who = who, what = what),
        (HistoryAction::Created, Entity::Person | Entity::Organisation) => {
            t!(lang, "history-created-record", who = who, entity = e.entity.as_str(), what = what)
        }
        (HistoryAction::Created, _) => t!(lang, "history-added", who = who, what = what),
        (HistoryAction::Deleted, _) => t!(lang, "history-deleted", who = who, what = what),
        (HistoryAction::Changed, entity) => {
            // A follow-up carried into (or taken off) a later visit.
            if let [c] = e.changes.as_slice() {
                if c.field == CARRIED_INTO {
                    return match (&c.old, &c.new) {
                        (_, Value::String(visit)) => {
                            t!(lang, "history-carried", who = who, what = what, visit = visit.as_str())
                        }
                        (Value::String(visit), _) => {
                            t!(lang, "history-uncarried", who = who, what = what, visit = visit.as_str())
                        }
                        _ => t!(lang, "history-changed", who = who, what = what),
                    };
                }
            }
            // A new title alone: "renamed the visit 'Old' to 'New'".
            if let [c] = e.changes.as_slice() {
                if c.field == "title" && matches!(entity, Entity::Visit | Entity::AgendaItem | Entity::FollowUp) {
                    return t!(
                        lang,
                        "history-renamed",
                        who = who,
                        entity = entity.as_str(),
                        old = c.old.as_str().unwrap_or_default(),
                        new = c.new.as_str().unwrap_or_default()
                    );
                }
            }
            let start = e.changes.iter().find(|c| c.field == "start");
            let mut parts = Vec::new();
            // A move first: it is what a reader looks for.
            let mut ordered: Vec<&Change> = e.changes.iter().collect();
            ordered.sort_by_key(|c| c.field != "start");
            for c in ordered {
                // A move changes both ends; the start says it.
                if c.field == "end" && start.is_some() {
                    continue;
                }
                let field = field_name(&c.field, lang);
                let part = if c.hidden {
                    t!(lang, "history-part-changed", field = field)
                } else if c.field == "start" {
                    t!(
                        lang,
                        "history-part-moved",
                        from = value(entity, "start", &c.old, &c.new, names, lang),
                        to = value(entity, "start", &c.new, &c.old, names, lang)
                    )
                } else if c.field == "title"
                    && matches!(e.entity, Entity::Visit | Entity::AgendaItem | Entity::FollowUp)
                {
                    // The subject already says the new title.
                    t!(lang, "history-part-renamed", old = c.old.as_str().unwrap_or_default())
                } else if [&c.old, &c.new].iter().any(|v| v.as_str().is_some_and(|s| s.chars().count() > LONG)) {
                    // Long text (notes, minutes) does not fit a sentence; the
                    // values are in the entry for whoever shows them side by side.
                    t!(lang, "history-part-changed", field = field)
                } else if c.field == "participant_ids" {
                    match people_change(c, names, lang) {
                        Some(p) => p,
                        None => continue,
                    }
                } else {
                    t!(
                        lang,
                        "history-part-changed-from",
                        field = field,
                        from = value(entity, &c.field, &c.old, &c.new, names, lang),
                        to = value(entity, &c.field, &c.new, &c.old, names, lang)
                    )
                };
                parts.push(part);
            }
            if parts.is_empty() {
                return t!(lang, "history-changed", who = who, what = what);
            }
            // "alice moved 'Talks' from 09:55 to 10:15" reads better than
            // "alice changed 'Talks': moved it …" for the commonest change.
            if parts.len() == 1 && start.is_some() {
                let c = start.unwrap_or(&e.changes[0]);
                return t!(
                    lang,
                    "history-moved",
                    who = who,
                    what = what,
                    from = value(entity, "start", &c.old, &c.new, names, lang),
                    to = value(entity, "start", &c.new, &c.old, names, lang)
                );
            }
            t!(
                lang,
                "history-changed-parts",
                who = who,
                what = what,
                parts = parts.join(&t!(lang, "history-separator"))
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_of(entity: Entity, action: HistoryAction, label: &str, changes: Vec<Change>) -> HistoryEntry {
        HistoryEntry {
            seq: 1,
            at: chrono::Utc::now(),
            actor: "zhang".into(),
            entity,
            entity_id: Uuid::nil(),
            visit_id: None,
            label: label.into(),
            action,
            changes,
        }
    }

    fn change(field: &str, old: Value, new: Value) -> Change {
        Change { field: field.into(), old, new, hidden: false }
    }

    #[test]
    fn a_move_reads_as_a_move() {
        let e = entry_of(
            Entity::AgendaItem,
            HistoryAction::Changed,
            "Talks on cooperation",
            vec![
                change("start", "2021-06-11T09:55:00+08:00".into(), "2021-06-11T10:15:00+08:00".into()),
                change("end", "2021-06-11T10:55:00+08:00".into(), "2021-06-11T11:15:00+08:00".into()),
            ],
        );
        assert_eq!(
            words(&e, &Names::new(), Lang::En),
            "zhang moved the agenda item 'Talks on cooperation' from 09:55 to 10:15"
        );
        assert_eq!(words(&e, &Names::new(), Lang::ZhCn), "zhang 将日程项“Talks on cooperation”从 09:55 移到 10:15");
    }

    #[test]
    fn hidden_fields_say_only_that_they_changed() {
        let old = object(serde_json::json!({"email": "a@example.org", "name": "Li Wei"}));
        let new = object(serde_json::json!({"email": "b@example.org", "name": "Li Wei"}));
        let changes = diff(&old, &new);
        assert_eq!(changes, vec![Change { field: "email".into(), old: Value::Null, new: Value::Null, hidden: true }]);
        let e = entry_of(Entity::Person, HistoryAction::Changed, "Li Wei", changes);
        let text = words(&e, &Names::new(), Lang::En);
        assert_eq!(text, "zhang changed Li Wei: changed the email");
        assert!(!text.contains("example.org"));
        let text = words(&e, &Names::new(), Lang::ZhCn);
        assert_eq!(text, "zhang 修改了Li Wei：修改了电子邮件");
        assert!(!text.contains("example.org"));
    }

    #[test]
    fn people_are_named_and_a_new_order_is_no_change() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let names: Names = [(a, "Li Wei".to_owned()), (b, "Anna Berg".to_owned())].into();
        let mut item = AgendaItem {
            id: Uuid::nil(),
            visit_id: Uuid::nil(),
            starts_at: chrono::Utc::now(),
            ends_at: chrono::Utc::now(),
            start_local: String::new(),
            end_local: String::new(),
            time_zone: "Asia/Shanghai".into(),
            title: "Lunch".into(),
            kind: AgendaKind::Meal,
            status: AgendaStatus::Confirmed,
            location: String::new(),
            description: String::new(),
            participant_ids: vec![a, b],
            chair_id: None,
            speaker_ids: vec![],
            room_id: None,
            position: 0,
            uid: String::new(),
            sequence: 0,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
            revision: 1,
        };
        let before = of_agenda_item(&item);
        item.participant_ids = vec![b, a];
        assert!(diff(&before, &of_agenda_item(&item)).is_empty(), "reordered only");
        item.participant_ids = vec![b];
        let e = entry_of(Entity::AgendaItem, HistoryAction::Changed, "Lunch", diff(&before, &of_agenda_item(&item)));
        assert_eq!(words(&e, &names, Lang::En), "zhang changed the agenda item 'Lunch': removed Li Wei");
        assert_eq!(words(&e, &names, Lang::ZhCn), "zhang 修改了日程项“Lunch”：去掉了 Li Wei");
    }
}
