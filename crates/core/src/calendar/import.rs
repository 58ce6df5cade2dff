//! Reads calendar files into visits: events become agenda items, tasks
//! become follow-ups, merged by UID. The same planning step serves the
//! preview (nothing written) and the import (written in one transaction).

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::parse::{parse, Component, Property};
use super::text::{split_text_list, unescape_text};
use super::tz::resolve_tzid;
use crate::error::{Error, FieldError, Problems, Result};
use crate::i18n::{t, Lang};
use crate::model::*;
use crate::problem::Problem;
use crate::service::calendar_uid;
use crate::service::Service;
use crate::storage::{Session, UidTable};
use crate::time::{self, local_to_utc, now, stored_zone};
use crate::validate::{AgendaItemData, AgendaItemInput, FollowUpData, FollowUpInput, Stamp, VisitData, VisitInput};

/// What an import will do (the preview) or did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IcsPlan {
    /// The visit new items go into.
    pub visit: Option<PlanVisit>,
    pub added: Vec<PlanEntry>,
    pub updated: Vec<PlanEntry>,
    pub unchanged: Vec<PlanEntry>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlanVisit {
    pub id: Uuid,
    pub title: String,
    /// Created by this import.
    pub new: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EntryKind {
    Visit,
    AgendaItem,
    FollowUp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlanEntry {
    pub kind: EntryKind,
    pub uid: String,
    pub title: String,
    /// When, as the file gives it, for people to read.
    pub when: String,
    /// Line of its BEGIN in the file.
    pub line: u32,
}

/// A time as a file gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Date(NaiveDate),
    Utc(DateTime<Utc>),
    Zoned(NaiveDateTime, Tz),
    /// No zone at all: "the same wall-clock time wherever you are".
    Floating(NaiveDateTime),
}

impl When {
    /// The instant, reading dates and floating times in `zone`.
    fn instant(self, zone: Tz) -> std::result::Result<DateTime<Utc>, crate::problem::Problem> {
        match self {
            When::Date(d) => local_to_utc(d.and_time(chrono::NaiveTime::MIN), zone),
            When::Utc(t) => Ok(t),
            When::Zoned(n, z) => local_to_utc(n, z),
            When::Floating(n) => local_to_utc(n, zone),
        }
    }

    fn zone(self) -> Option<Tz> {
        match self {
            When::Zoned(_, z) => Some(z),
            _ => None,
        }
    }

    fn date(self) -> NaiveDate {
        match self {
            When::Date(d) => d,
            When::Utc(t) => t.date_naive(),
            When::Zoned(n, _) | When::Floating(n) => n.date(),
        }
    }

    fn describe(self) -> String {
        match self {
            When::Date(d) => d.format("%Y-%m-%d").to_string(),
            When::Utc(t) => t.format("%Y-%m-%d %H:%M UTC").to_string(),
            When::Zoned(n, z) => format!("{} {}", n.format("%Y-%m-%d %H:%M"), z.name()),
            When::Floating(n) => n.format("%Y-%m-%d %H:%M").to_string(),
        }
    }
}

/// One VEVENT or VTODO, read and checked.
#[derive(Debug, Clone)]
struct Entry {
    todo: bool,
    line: usize,
    uid: String,
    sequence: u32,
    summary: String,
    location: String,
    description: String,
    status: Option<String>,
    categories: Vec<String>,
    start: Option<When>,
    end: Option<When>,
    due: Option<When>,
    /// Each ATTENDEE's email, lower case, and whether its ROLE is CHAIR.
    attendees: Vec<(String, bool)>,
    /// Lines of the properties a validation error may point at.
    lines: HashMap<&'static str, usize>,
}

/// Reads a whole calendar: its name, its method, and its entries; every
/// problem is collected with its line.
struct Reader<'a> {
    path: &'a str,
    p: Problems,
}

impl Reader<'_> {
    fn at(&self, line: usize) -> String {
        format!("{}:{line}", self.path)
    }

    fn problem(&mut self, line: usize, message: impl Into<Problem>) {
        let at = self.at(line);
        self.p.push(at, message);
    }

    /// A problem with one property's value: "file.ics:12: DTSTART: …".
    fn problem_in(&mut self, line: usize, property: &str, problem: impl Into<Problem>) {
        let at = format!("{}: {property}", self.at(line));
        self.p.push(at, problem);
    }

    fn when(&mut self, prop: &Property) -> Option<When> {
        let v = prop.value.trim();
        let is_date = prop.param("VALUE").is_some_and(|t| t.eq_ignore_ascii_case("DATE")) || v.len() == 8;
        if is_date {
            return match NaiveDate::parse_from_str(v, "%Y%m%d") {
                Ok(d) => Some(When::Date(d)),
                Err(_) => {
                    self.problem_in(prop.line, &prop.name, Problem::IcsNotDate { value: v.to_owned() });
                    None
                }
            };
        }
        let (text, utc) = match v.strip_suffix(['Z', 'z']) {
            Some(t) => (t, true),
            None => (v, false),
        };
        let Ok(naive) = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S") else {
            self.problem_in(prop.line, &prop.name, Problem::IcsNotDateTime { value: v.to_owned() });
            return None;
        };
        if utc {
            return Some(When::Utc(Utc.from_utc_datetime(&naive)));
        }
        match prop.param("TZID") {
            None => Some(When::Floating(naive)),
            Some(tzid) => match resolve_tzid(tzid) {
                Some(z) => Some(When::Zoned(naive, z)),
                None => {
                    self.problem_in(prop.line, &prop.name, Problem::IcsUnknownZone { zone: tzid.to_owned() });
                    None
                }
            },
        }
    }

    fn entry(&mut self, c: &Component, cancel: bool) -> Option<Entry> {
        let todo = c.name == "VTODO";
        for name in ["RRULE", "RDATE", "EXRULE", "RECURRENCE-ID"] {
            if let Some(p) = c.property(name) {
                self.problem_in(p.line, name, Problem::IcsRecurring);
                return None;
            }
        }
        let text = |name: &str| c.property(name).map(|p| unescape_text(&p.value)).unwrap_or_default();
        // One-line fields: a line break some writers allow becomes a space.
        let one_line = |s: String| s.replace("\r\n", " ").replace(['\r', '\n'], " ");
        let uid = text("UID").trim().to_owned();
        if uid.is_empty() {
            self.problem(c.line, Problem::IcsNoUid { component: c.name.clone() });
        } else {
            // The rules a UID meets in a JSON document, so that what is
            // stored here always restores from a backup.
            let mut p = Problems::new();
            crate::validate::uid(&mut p, "UID", &uid);
            let line = c.property("UID").map_or(c.line, |p| p.line);
            let at = format!("{}: UID", self.at(line));
            self.p.extend(p.into_inner().into_iter().map(|f| FieldError { field: at.clone(), ..f }));
        }
        let sequence = match c.property("SEQUENCE") {
            None => 0,
            Some(p) => match p.value.trim().parse::<u32>() {
                Ok(n) => n,
                Err(_) => {
                    self.problem_in(p.line, "SEQUENCE", Problem::NotWholeNumber { value: p.value.trim().to_owned() });
                    0
                }
            },
        };
        let mut lines = HashMap::new();
        for (field, prop) in [
            ("title", "SUMMARY"),
            ("location", "LOCATION"),
            ("venue", "LOCATION"),
            ("description", "DESCRIPTION"),
            ("notes", "DESCRIPTION"),
            ("start", "DTSTART"),
            ("end", if c.property("DTEND").is_some() { "DTEND" } else { "DURATION" }),
            ("due_date", "DUE"),
        ] {
            lines.insert(field, c.property(prop).map_or(c.line, |p| p.line));
        }
        let start = c.property("DTSTART").and_then(|p| self.when(p));
        let mut end = c.property("DTEND").and_then(|p| self.when(p));
        if end.is_none() {
            if let (Some(p), Some(s)) = (c.property("DURATION"), start) {
                match parse_duration(p.value.trim()) {
                    Some(d) => match add(s, d) {
                        Some(e) => end = Some(e),
                        None => self.problem_in(
                            p.line,
                            "DURATION",
                            Problem::IcsDurationPastDates { value: p.value.trim().to_owned() },
                        ),
                    },
                    None => self.problem_in(p.line, "DURATION", Problem::IcsNotDuration { value: p.value.clone() }),
                }
            }
        }
        if !todo && end.is_none() {
            match start {
                // RFC 5545: an all-day event without an end lasts that day.
                Some(When::Date(d)) => end = Some(When::Date(d.succ_opt().unwrap_or(d))),
                Some(_) => self.problem(
                    c.line,
                    "VEVENT has a start time but no DTEND or DURATION: Liaison's agenda items need an end",
                ),
                None => self.problem(c.line, "VEVENT has no DTSTART"),
            }
        }
        let due = c.property("DUE").and_then(|p| self.when(p)).or(if todo { None } else { start });
        let mut status = c.property("STATUS").map(|p| p.value.trim().to_ascii_uppercase());
        if cancel {
            status = Some("CANCELLED".into());
        }
        let attendees = c
            .all("ATTENDEE")
            .filter_map(|p| {
                let v = p.value.trim();
                let chair = p.param("ROLE").is_some_and(|r| r.trim().eq_ignore_ascii_case("CHAIR"));
                v.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")).map(|_| (v[7..].to_ascii_lowercase(), chair))
            })
            .collect();
        Some(Entry {
            todo,
            line: c.line,
            uid,
            sequence,
            summary: one_line(text("SUMMARY")),
            location: one_line(text("LOCATION")),
            description: text("DESCRIPTION"),
            status,
            categories: c.all("CATEGORIES").flat_map(|p| split_text_list(&p.value)).collect(),
            start,
            end,
            due,
            attendees,
            lines,
        })
    }

    /// Moves a record's field errors onto the lines of the file.
    fn field_errors(&mut self, e: &Entry, errors: Vec<FieldError>) {
        for f in errors {
            let line = e.lines.get(f.field.as_str()).copied().unwrap_or(e.line);
            let prop = match f.field.as_str() {
                "title" => "SUMMARY",
                "location" | "venue" => "LOCATION",
                "description" | "notes" => "DESCRIPTION",
                "start" => "DTSTART",
                "end" => "DTEND",
                "due_date" => "DUE",
                other => other,
            };
            let at = format!("{}: {prop}", self.at(line));
            self.p.extend([FieldError { field: at, ..f }]);
        }
    }
}

/// `w` moved by `d`; None when that leaves chrono's range (a DURATION of
/// P99999999W), which the caller reports instead of panicking.
fn add(w: When, d: Duration) -> Option<When> {
    Some(match w {
        When::Date(x) => When::Date(x.and_time(chrono::NaiveTime::MIN).checked_add_signed(d)?.date()),
        When::Utc(t) => When::Utc(t.checked_add_signed(d)?),
        When::Zoned(n, z) => When::Zoned(n.checked_add_signed(d)?, z),
        When::Floating(n) => When::Floating(n.checked_add_signed(d)?),
    })
}

/// RFC 5545 DURATION: [+-]P[nW] or P[nD][T[nH][nM][nS]].
fn parse_duration(s: &str) -> Option<Duration> {
    let (sign, s) = match s.as_bytes().first()? {
        b'-' => (-1, &s[1..]),
        b'+' => (1, &s[1..]),
        _ => (1, s),
    };
    let s = s.strip_prefix('P')?;
    let mut total = 0i64;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in s.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' if !in_time && number.is_empty() => in_time = true,
            'W' | 'D' | 'H' | 'M' | 'S' => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                any = true;
                let unit = match (c, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
                // Checked: a file may give any number of digits.
                total = total.checked_add(n.checked_mul(unit)?)?;
            }
            _ => return None,
        }
    }
    if !any || !number.is_empty() {
        return None;
    }
    Duration::try_seconds(sign * total)
}

fn agenda_status(s: Option<&str>) -> AgendaStatus {
    match s {
        Some("TENTATIVE") => AgendaStatus::Tentative,
        Some("CANCELLED") => AgendaStatus::Cancelled,
        _ => AgendaStatus::Confirmed,
    }
}

fn follow_up_status(s: Option<&str>) -> FollowUpStatus {
    match s {
        Some("IN-PROCESS") => FollowUpStatus::InProgress,
        Some("COMPLETED") => FollowUpStatus::Done,
        Some("CANCELLED") => FollowUpStatus::Dropped,
        _ => FollowUpStatus::Open,
    }
}

/// An agenda kind from CATEGORIES, by value or by its label in any language
/// ("Tour", "参观", "seminar_session").
fn agenda_kind(categories: &[String]) -> Option<AgendaKind> {
    categories.iter().find_map(|c| {
        let c = c.trim();
        AgendaKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == c || crate::i18n::Lang::ALL.iter().any(|&l| k.label_in(l).eq_ignore_ascii_case(c)))
    })
}

/// Everything an import writes, prepared before any of it is.
#[derive(Debug, Default)]
struct Writes {
    new_visit: Option<Visit>,
    visits: Vec<Visit>,
    agenda: Vec<AgendaItem>,
    follow_ups: Vec<FollowUp>,
}

/// Reads the file and decides, against what is stored, what to add, update
/// and leave alone. Reads only; `conn` may be a write transaction so that
/// the decision and the writes see the same data.
async fn plan(
    conn: &mut dyn Session,
    bytes: &[u8],
    path: &str,
    into: Option<Uuid>,
    lang: Lang,
) -> Result<(IcsPlan, Writes)> {
    let calendars = parse(bytes).map_err(|e| e.into_error(path))?;
    let mut r = Reader { path, p: Problems::new() };
    let mut entries = Vec::new();
    let mut name = String::new();
    let mut zone_hint = None;
    for cal in &calendars {
        let cancel = cal.property("METHOD").is_some_and(|m| m.value.trim().eq_ignore_ascii_case("CANCEL"));
        if name.is_empty() {
            name = cal.property("X-WR-CALNAME").map(|p| unescape_text(&p.value)).unwrap_or_default();
        }
        for c in &cal.components {
            if c.name == "VEVENT" || c.name == "VTODO" {
                if let Some(e) = r.entry(c, cancel) {
                    zone_hint = zone_hint.or(e.start.and_then(When::zone));
                    entries.push(e);
                }
            }
        }
    }
    // The same UID twice would make "merge by UID" ambiguous.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for e in &entries {
        if let Some(first) = seen.insert(e.uid.as_str(), e.line) {
            if !e.uid.is_empty() {
                let message = format!("UID '{}' is also used by the component on line {first}", e.uid);
                r.problem(e.line, message);
            }
        }
    }
    let problems = std::mem::take(&mut r.p);
    problems.finish(|| ())?;

    let uids: Vec<&str> = entries.iter().map(|e| e.uid.as_str()).collect();
    let known_items = conn.ids_by_uid(UidTable::AgendaItems, &uids).await?;
    let known_follow_ups = conn.ids_by_uid(UidTable::FollowUps, &uids).await?;
    let known_visits = conn.ids_by_uid(UidTable::Visits, &uids).await?;

    // Where new things go: the visit asked for, else the visit the file's
    // known items belong to, else a new one.
    let mut target = match into {
        Some(id) => Some(conn.visit(id).await?),
        None => None,
    };
    if target.is_none() {
        if let Some((id, _)) = entries.iter().find_map(|e| known_visits.get(&e.uid)) {
            target = Some(conn.visit(*id).await?);
        } else if let Some((id, _)) = entries.iter().find_map(|e| known_items.get(&e.uid)) {
            let visit_id = conn.agenda_item(*id).await?.visit_id;
            target = Some(conn.visit(visit_id).await?);
        } else if let Some((id, _)) = entries.iter().find_map(|e| known_follow_ups.get(&e.uid)) {
            let visit_id = conn.follow_up(*id).await?.visit_id;
            target = Some(conn.visit(visit_id).await?);
        }
    }
    let is_known = |e: &Entry| {
        known_items.contains_key(&e.uid) || known_follow_ups.contains_key(&e.uid) || known_visits.contains_key(&e.uid)
    };
    let cancelled = |e: &Entry| e.status.as_deref() == Some("CANCELLED");
    let additions: Vec<&Entry> = entries.iter().filter(|e| !is_known(e) && !cancelled(e)).collect();
    let at = now();
    let mut writes = Writes::default();
    let mut new_visit = false;
    if target.is_none() && !additions.is_empty() {
        target = new_visit_for(&mut r, &additions, &name, path, zone_hint, at, lang);
        new_visit = true;
    }
    let problems = std::mem::take(&mut r.p);
    problems.finish(|| ())?;

    let mut out = IcsPlan { visit: None, added: vec![], updated: vec![], unchanged: vec![], warnings: vec![] };
    let people_by_email: HashMap<String, Uuid> = match &target {
        Some(v) if !new_visit => {
            let ids: Vec<Uuid> = conn.participants_of_visit(v.id).await?.iter().map(|p| p.person_id).collect();
            conn.people_by_ids(&ids)
                .await?
                .into_iter()
                .filter(|p| !p.email.is_empty())
                .map(|p| (p.email.to_ascii_lowercase(), p.id))
                .collect()
        }
        _ => HashMap::new(),
    };
    // The people an event names among the visit's, and its chair (ROLE=CHAIR,
    // which Liaison writes for an item's chair alone). Speakers have no
    // place in a calendar file.
    let attendees = |e: &Entry| -> Who {
        let mut who = Who::default();
        for (email, chair) in &e.attendees {
            if let Some(id) = people_by_email.get(email) {
                who.people.push(*id);
                if *chair && who.chair.is_none() {
                    who.chair = Some(*id);
                }
            }
        }
        who
    };

    for e in &entries {
        let when = e.start.or(e.due).map(When::describe).unwrap_or_default();
        let entry = |kind| PlanEntry {
            kind,
            uid: e.uid.clone(),
            title: e.summary.clone(),
            when: when.clone(),
            line: e.line as u32,
        };
        if let Some((id, seq)) = known_visits.get(&e.uid) {
            if e.sequence <= *seq {
                out.unchanged.push(entry(EntryKind::Visit));
                continue;
            }
            // A newer version of a visit's own event: what a calendar can
            // change about it is its title, place and whether it happens.
            // The result goes through the form's validation like any edit.
            let old = conn.visit(*id).await?;
            let mut input = VisitInput::from(&old);
            if !e.summary.trim().is_empty() {
                input.title = e.summary.clone();
            }
            input.venue = e.location.clone();
            if cancelled(e) {
                input.status = VisitStatus::Cancelled;
            }
            let stamp =
                Stamp { uid: old.uid.clone(), sequence: e.sequence, created_at: old.created_at, updated_at: at };
            match VisitData::try_from(&input) {
                Ok(d) => {
                    writes.visits.push(d.into_record(old.id, stamp));
                    out.updated.push(entry(EntryKind::Visit));
                }
                Err(Error::Invalid(errors)) => r.field_errors(e, errors),
                Err(other) => return Err(other),
            }
        } else if let Some((id, seq)) = known_items.get(&e.uid) {
            if e.sequence <= *seq {
                out.unchanged.push(entry(EntryKind::AgendaItem));
                continue;
            }
            let old = conn.agenda_item(*id).await?;
            let visit = conn.visit(old.visit_id).await?;
            let mut people = attendees(e);
            if people.people.is_empty() || visit.id != target.as_ref().map_or(visit.id, |t| t.id) {
                people.people = old.participant_ids.clone();
                people.chair = None;
            }
            // What the file does not say is kept: the chair when it names
            // none (other calendar apps drop ROLE), and the speakers, for
            // those still in the item.
            people.chair = people.chair.or(old.chair_id.filter(|c| people.people.contains(c)));
            people.speakers = old.speaker_ids.iter().copied().filter(|s| people.people.contains(s)).collect();
            let stamp =
                Stamp { uid: old.uid.clone(), sequence: e.sequence, created_at: old.created_at, updated_at: at };
            let room = match old.room_id {
                Some(room) => Some(conn.room(room).await?),
                None => None,
            };
            if let Some(mut item) =
                agenda_record(&mut r, e, &visit, Some((old.kind, room.as_ref())), people, old.id, stamp)
            {
                // Calendar files do not carry the order of items that start
                // together; an item that still starts then keeps its place.
                if item.starts_at == old.starts_at {
                    item.position = old.position;
                }
                writes.agenda.push(item);
                out.updated.push(entry(EntryKind::AgendaItem));
            }
        } else if let Some((id, seq)) = known_follow_ups.get(&e.uid) {
            if e.sequence <= *seq {
                out.unchanged.push(entry(EntryKind::FollowUp));
                continue;
            }
            let old = conn.follow_up(*id).await?;
            let stamp =
                Stamp { uid: old.uid.clone(), sequence: e.sequence, created_at: old.created_at, updated_at: at };
            let mut title = e.summary.clone();
            // Written as an event (--tasks events), a follow-up's title got a prefix.
            if !e.todo {
                if let Some(rest) = super::described::due_title(&title) {
                    title = rest.to_owned();
                }
            }
            let input = FollowUpInput {
                title,
                owner_id: old.owner_id,
                counterpart_org_id: old.counterpart_org_id,
                due_date: e.due.map(|d| d.date().format("%Y-%m-%d").to_string()).unwrap_or_default(),
                status: if e.todo || cancelled(e) { follow_up_status(e.status.as_deref()) } else { old.status },
                // Calendar files do not say who is to act; what was stored stays.
                to_act: old.to_act,
                notes: if e.todo {
                    super::described::follow_up_own(
                        &e.description,
                        old.owner_id.is_some(),
                        old.counterpart_org_id.is_some(),
                    )
                } else {
                    old.notes.clone()
                },
            };
            match FollowUpData::try_from(&input) {
                Ok(d) => {
                    writes.follow_ups.push(d.into_record(old.id, old.visit_id, stamp));
                    out.updated.push(entry(EntryKind::FollowUp));
                }
                Err(Error::Invalid(errors)) => r.field_errors(e, errors),
                Err(other) => return Err(other),
            }
        } else if cancelled(e) {
            // Nothing here to cancel.
            out.unchanged.push(entry(if e.todo { EntryKind::FollowUp } else { EntryKind::AgendaItem }));
        } else {
            let Some(visit) = target.as_ref() else { continue };
            let id = Uuid::new_v4();
            let stamp = Stamp { uid: e.uid.clone(), sequence: e.sequence, created_at: at, updated_at: at };
            if e.todo {
                let input = FollowUpInput {
                    title: e.summary.clone(),
                    owner_id: None,
                    counterpart_org_id: None,
                    due_date: e.due.map(|d| d.date().format("%Y-%m-%d").to_string()).unwrap_or_default(),
                    status: follow_up_status(e.status.as_deref()),
                    to_act: ToAct::Us,
                    notes: super::described::follow_up_own(&e.description, false, false),
                };
                match FollowUpData::try_from(&input) {
                    Ok(d) => {
                        writes.follow_ups.push(d.into_record(id, visit.id, stamp));
                        out.added.push(entry(EntryKind::FollowUp));
                    }
                    Err(Error::Invalid(errors)) => r.field_errors(e, errors),
                    Err(other) => return Err(other),
                }
            } else if let Some(item) = agenda_record(&mut r, e, visit, None, attendees(e), id, stamp) {
                writes.agenda.push(item);
                out.added.push(entry(EntryKind::AgendaItem));
            }
        }
    }
    r.p.finish(|| ())?;
    if let Some(v) = &target {
        out.visit = Some(PlanVisit { id: v.id, title: v.title.clone(), new: new_visit });
        let outside = writes
            .agenda
            .iter()
            .filter(|a| a.visit_id == v.id && (a.starts_at < v.starts_at || a.ends_at > v.ends_at))
            .count();
        if outside > 0 && !new_visit {
            out.warnings.push(Warning::new(
                "",
                WarningCode::OutsideVisit,
                Problem::ItemsOutsideVisit { count: outside, title: v.title.clone() },
            ));
        }
    }
    if new_visit {
        writes.new_visit = target;
    }
    Ok((out, writes))
}

/// A new visit spanning the file's events, in the zone of its first timed
/// event (UTC when it has none); None, with the problem recorded, when the
/// file gives nothing to span.
fn new_visit_for(
    r: &mut Reader,
    additions: &[&Entry],
    name: &str,
    path: &str,
    zone: Option<Tz>,
    at: DateTime<Utc>,
    lang: Lang,
) -> Option<Visit> {
    let zone = zone.unwrap_or(Tz::UTC);
    let mut span: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
    for e in additions.iter().filter(|e| !e.todo) {
        let (Some(s), Some(en)) = (e.start, e.end) else { continue };
        match (s.instant(zone), en.instant(zone)) {
            (Ok(s), Ok(en)) => {
                span = Some(span.map_or((s, en), |(a, b)| (a.min(s), b.max(en))));
            }
            (Err(m), _) => r.problem_in(e.lines["start"], "DTSTART", m),
            (_, Err(m)) => r.problem_in(e.lines["end"], "DTEND", m),
        }
    }
    let Some((starts_at, ends_at)) = span else {
        r.problem(1, Problem::IcsOnlyTasks);
        return None;
    };
    let file = std::path::Path::new(path).file_name().map_or(path.to_owned(), |f| f.to_string_lossy().into_owned());
    // The file's name for the calendar, else its one event's title; only
    // what would pass as a title (a file may name itself anything).
    let title = [name.trim(), additions.first().filter(|_| additions.len() == 1).map_or("", |e| e.summary.trim())]
        .into_iter()
        .find(|t| !t.is_empty() && VisitData::title_is_valid(t))
        .map_or_else(|| imported_title(&file, lang), str::to_owned);
    let ends_at = ends_at.max(starts_at + Duration::minutes(1));
    let input = VisitInput {
        kind: VisitKind::Meeting,
        title,
        status: VisitStatus::Planned,
        start: time::format_offset(starts_at, zone),
        end: time::format_offset(ends_at, zone),
        time_zone: zone.name().to_owned(),
        notes: t!(lang, "calendar-imported-notes", file = file.as_str()),
        ..VisitInput::default()
    };
    let id = Uuid::new_v4();
    match VisitData::try_from(&input) {
        Ok(d) => Some(d.into_record(id, Stamp { uid: calendar_uid(id), sequence: 0, created_at: at, updated_at: at })),
        Err(e) => {
            // Only the dates can fail here; each event's own are checked
            // again, with their lines, when its item is validated.
            // They are said as the field of the visit the import would make.
            let at = r.at(1);
            r.p.extend(
                e.field_errors().iter().map(|f| FieldError { field: format!("{at}: {}", f.field), ..f.clone() }),
            );
            None
        }
    }
}

/// "Imported from FILE", with the file's name made safe for a title.
fn imported_title(file: &str, lang: Lang) -> String {
    // Room for the name beside the words, so that the title passes as one.
    let words = t!(lang, "calendar-imported-title", file = "").chars().count();
    let clean: String = file
        .chars()
        .filter(|c| !c.is_control() && !crate::validate::is_deceptive(*c))
        .take(crate::validate::MAX_LINE.saturating_sub(words))
        .collect();
    t!(lang, "calendar-imported-title", file = clean.trim())
}

/// Who an imported agenda item involves.
#[derive(Default)]
struct Who {
    people: Vec<Uuid>,
    chair: Option<Uuid>,
    speakers: Vec<Uuid>,
}

/// An agenda item from an event, through the same validation as the form.
fn agenda_record(
    r: &mut Reader,
    e: &Entry,
    visit: &Visit,
    old: Option<(AgendaKind, Option<&Room>)>,
    who: Who,
    id: Uuid,
    stamp: Stamp,
) -> Option<AgendaItem> {
    let visit_zone = stored_zone(&visit.time_zone);
    let zone = e.start.and_then(When::zone).unwrap_or(visit_zone);
    let mut times = [(e.start, "start", "DTSTART"), (e.end, "end", "DTEND")].map(|(w, field, prop)| {
        let w = w?;
        match w.instant(zone) {
            Ok(t) => Some(t.to_rfc3339()),
            Err(m) => {
                r.problem_in(e.lines[field], prop, m);
                None
            }
        }
    });
    let [Some(start), Some(end)] = [times[0].take(), times[1].take()] else { return None };
    let old_kind = old.map(|(kind, _)| kind);
    // An item in one of the office's rooms went out with the room as its
    // LOCATION, in whichever language: the same place coming back keeps the
    // room; another place is text, as a calendar app wrote it.
    let room = old.and_then(|(_, room)| room).filter(|room| {
        let back = e.location.trim();
        crate::i18n::Lang::ALL.iter().any(|l| room.place(*l) == back)
    });
    let input = AgendaItemInput {
        start,
        end,
        title: e.summary.clone(),
        kind: agenda_kind(&e.categories).or(old_kind).unwrap_or(AgendaKind::Meeting),
        status: agenda_status(e.status.as_deref()),
        location: if room.is_some() { String::new() } else { e.location.clone() },
        room_id: room.map(|r| r.id),
        // What Liaison's own export added is not the item's description.
        description: super::described::agenda_own(&e.description, !who.people.is_empty()),
        participant_ids: who.people,
        chair_id: who.chair,
        speaker_ids: who.speakers,
    };
    match AgendaItemData::validate(&input, zone) {
        Ok(d) => Some(d.into_record(id, visit.id, stamp)),
        Err(Error::Invalid(errors)) => {
            r.field_errors(e, errors);
            None
        }
        Err(other) => {
            r.problem(e.line, other.to_string());
            None
        }
    }
}

impl Service {
    /// What importing `bytes` would do; writes nothing. A new visit made
    /// for the file is named in English ([`Service::preview_ics_in`]).
    pub async fn preview_ics(&self, bytes: &[u8], path: &str, into: Option<Uuid>) -> Result<IcsPlan> {
        self.preview_ics_in(bytes, path, into, Lang::En).await
    }

    /// [`Service::preview_ics`], naming a new visit in `lang`.
    pub async fn preview_ics_in(&self, bytes: &[u8], path: &str, into: Option<Uuid>, lang: Lang) -> Result<IcsPlan> {
        let mut c = self.read().await?;
        Ok(plan(&mut *c, bytes, path, into, lang).await?.0)
    }

    /// [`Service::import_ics_in`] in English.
    pub async fn import_ics(&self, bytes: &[u8], path: &str, into: Option<Uuid>) -> Result<IcsPlan> {
        self.import_ics_in(bytes, path, into, Lang::En).await
    }

    /// Imports a calendar file in one transaction: all of it or, on any
    /// problem, nothing. The file is read and planned before the write lock
    /// is taken; if another process wrote meanwhile, it is planned again on
    /// what that left (and, after a few tries, with the lock held).
    /// A new visit made for the file is named in `lang` ("Imported from
    /// FILE"): the words Liaison adds follow the reader's language.
    pub async fn import_ics_in(&self, bytes: &[u8], path: &str, into: Option<Uuid>, lang: Lang) -> Result<IcsPlan> {
        const DEFERRED_TRIES: u32 = 3;
        let mut attempt = 0;
        loop {
            let mut tx = if attempt < DEFERRED_TRIES { self.storage().plan().await? } else { self.write().await? };
            let (out, writes) = plan(&mut *tx, bytes, path, into, lang).await?;
            crate::pause::point("ics-import:planned");
            match write_plan(&mut *tx, &writes).await {
                Ok(()) => {
                    crate::pause::point("ics-import:commit");
                    tx.commit().await?;
                    return Ok(out);
                }
                Err(e) if attempt < DEFERRED_TRIES && self.storage().must_replan(&e) => {
                    tx.rollback().await?;
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }
}

async fn write_plan(tx: &mut dyn Session, writes: &Writes) -> Result<()> {
    let changes = history_of(tx, writes).await?;
    if let Some(v) = &writes.new_visit {
        tx.upsert_visits(std::slice::from_ref(v)).await?;
    }
    tx.upsert_visits(&writes.visits).await?;
    tx.upsert_agenda(&writes.agenda).await?;
    crate::pause::point("ics-import:agenda");
    tx.upsert_follow_ups(&writes.follow_ups).await?;
    tx.append_history(&changes).await?;
    Ok(())
}

/// What the writes change, against what is stored (read before writing):
/// a new visit is one line with what is on it; each other record added or
/// changed is a line of its own.
async fn history_of(tx: &mut dyn Session, writes: &Writes) -> Result<Vec<crate::storage::NewHistory>> {
    use crate::history::{self, entry};
    use crate::storage::Table;
    let mut out = Vec::new();
    let new_visit = writes.new_visit.as_ref().map(|v| v.id);
    if let Some(v) = &writes.new_visit {
        out.extend(entry(Entity::Visit, v.id, Some(v.id), &v.title, None, Some(history::of_visit(v))));
    }
    for v in &writes.visits {
        let old = tx.visit(v.id).await?;
        out.extend(entry(
            Entity::Visit,
            v.id,
            Some(v.id),
            &v.title,
            Some(history::of_visit(&old)),
            Some(history::of_visit(v)),
        ));
    }
    let ids: Vec<Uuid> = writes.agenda.iter().map(|a| a.id).collect();
    let stored = tx.existing_ids(Table::AgendaItems, &ids).await?;
    for a in writes.agenda.iter().filter(|a| Some(a.visit_id) != new_visit) {
        let old =
            if stored.contains(&a.id) { Some(history::of_agenda_item(&tx.agenda_item(a.id).await?)) } else { None };
        out.extend(entry(Entity::AgendaItem, a.id, Some(a.visit_id), &a.title, old, Some(history::of_agenda_item(a))));
    }
    let ids: Vec<Uuid> = writes.follow_ups.iter().map(|f| f.id).collect();
    let stored = tx.existing_ids(Table::FollowUps, &ids).await?;
    for f in writes.follow_ups.iter().filter(|f| Some(f.visit_id) != new_visit) {
        let old = if stored.contains(&f.id) { Some(history::of_follow_up(&tx.follow_up(f.id).await?)) } else { None };
        out.extend(entry(Entity::FollowUp, f.id, Some(f.visit_id), &f.title, old, Some(history::of_follow_up(f))));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(parse_duration("P1D"), Some(Duration::days(1)));
        assert_eq!(parse_duration("P2W"), Some(Duration::days(14)));
        assert_eq!(parse_duration("-PT15M"), Some(Duration::minutes(-15)));
        assert_eq!(parse_duration("P1DT2H"), Some(Duration::hours(26)));
        for bad in ["", "P", "PT", "1H", "PT1D", "P1H", "PT5", "PTxM", "P9999999999999999999W", "P999999999999999W"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }
}
