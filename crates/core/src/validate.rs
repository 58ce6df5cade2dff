//! Raw input from a form, a file or the command line becomes a validated
//! value here, or a list of errors each naming its field. Past this module
//! the rest of the core trusts the types (ripgrep's LowArgs → HiArgs).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Problems, Result};
use crate::model::*;
use crate::problem::{code_point, Problem};
use crate::time;

/// Names, titles, places: one line, short enough for a name card or a list.
pub const MAX_LINE: usize = 200;
/// Purpose, descriptions, notes, minutes.
pub const MAX_TEXT: usize = 20_000;
pub const MAX_TAGS: usize = 50;
pub const MAX_TAG: usize = 80;
/// RFC 5321's limit on a forward path.
pub const MAX_EMAIL: usize = 254;
pub const MAX_URL: usize = 2_000;
/// People on one visit, and so people in one agenda item.
pub const MAX_PARTICIPANTS: usize = 5_000;
/// Agenda items of one visit: a ten-day congress has a few hundred; the
/// benchmark's largest visit has 100,000.
pub const MAX_AGENDA_ITEMS: usize = 100_000;
pub const MAX_FOLLOW_UPS: usize = 10_000;

/// Characters that reorder the text around them (bidi embeddings, overrides
/// and isolates) or cannot be seen (zero-width space, word joiner, BOM). In a
/// name or a title they let "Zhang" display as something else, or two names
/// that look the same differ. ZWJ and ZWNJ (U+200C/200D) stay allowed:
/// Persian and Indic names need them.
pub fn is_deceptive(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// One-line text: trimmed, no control characters (a newline in a title breaks
/// lists, name cards and calendar files), at most `max` characters.
pub fn line(p: &mut Problems, field: &str, value: &str, max: usize, required: bool) -> String {
    let value = value.trim();
    if required && value.is_empty() {
        p.push(field, Problem::Required);
    } else if let Some(c) = value.chars().find(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')) {
        // U+2028/2029 are not control characters but do break lines in
        // JavaScript, many renderers and some calendar clients.
        p.push(field, Problem::NotOneLine { character: code_point(c) });
    } else if let Some(c) = value.chars().find(|c| is_deceptive(*c)) {
        p.push(field, Problem::Deceptive { character: code_point(c) });
    } else if value.chars().count() > max {
        p.push(field, Problem::TooLong { max });
    }
    value.to_owned()
}

/// The three forms of a name (see [`crate::names`]), each one line. One of
/// them is required; the message goes on the Latin form's field, the one
/// forms put first. A Chinese form must have Chinese characters in it (an
/// organisation's may also hold an acronym or digits: 中国科学院（CAS）),
/// so that a name in another script is not shown to readers of Chinese
/// first as if it were theirs.
fn name_forms(p: &mut Problems, latin: &str, chinese: &str, native: &str) -> (String, String, String) {
    let errors = p.len();
    let latin = line(p, "name", latin, MAX_LINE, false);
    let chinese = line(p, "chinese_name", chinese, MAX_LINE, false);
    let native = line(p, "native_name", native, MAX_LINE, false);
    if !chinese.is_empty() && !crate::names::has_han(&chinese) && p.len() == errors {
        p.push("chinese_name", Problem::NotChinese);
    }
    if latin.is_empty() && chinese.is_empty() && native.is_empty() && p.len() == errors {
        p.push("name", Problem::NameRequired);
    }
    (latin, chinese, native)
}

/// The longest calendar UID Liaison keeps. RFC 5545 sets none; 255 is what
/// calendar servers commonly index.
pub const MAX_UID: usize = 255;

/// A calendar UID, from a JSON document or a calendar file: the same rules
/// wherever it comes from, so whatever is stored also restores.
pub fn uid(p: &mut Problems, field: &str, value: &str) -> String {
    line(p, field, value, MAX_UID, true)
}

/// Multi-line text: line ends normalised to "\n", trailing space trimmed, tabs
/// allowed, other control characters refused.
pub fn text(p: &mut Problems, field: &str, value: &str, max: usize) -> String {
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    let value = value.trim_end();
    if let Some(c) = value.chars().find(|c| c.is_control() && *c != '\n' && *c != '\t') {
        p.push(field, Problem::ControlCharacter { character: code_point(c) });
    } else if value.chars().count() > max {
        p.push(field, Problem::TooLong { max });
    }
    value.to_owned()
}

/// A list of short tags (topics, languages): each one line, no duplicates
/// (case-insensitive), empty ones dropped, order kept.
pub fn tags(p: &mut Problems, field: &str, values: &[String]) -> Vec<String> {
    // The limit first: a file with 200,000 entries is refused at once, not
    // after checking each of them.
    if values.len() > MAX_TAGS * 4 {
        p.push(field, Problem::TooManyEntries { count: values.len(), max: MAX_TAGS });
        return Vec::new();
    }
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<String> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let v = line(p, &format!("{field}[{i}]"), v, MAX_TAG, false);
        if !v.is_empty() && seen.insert(v.to_lowercase()) {
            out.push(v);
        }
    }
    if out.len() > MAX_TAGS {
        p.push(field, Problem::MoreEntriesThan { max: MAX_TAGS });
    }
    out
}

/// An address a mail client can send to. Deliberately simple: one '@', a
/// local part, a dotted domain, no spaces; the mail server has the last word.
pub fn email(p: &mut Problems, field: &str, value: &str) -> String {
    let v = line(p, field, value, MAX_EMAIL, false);
    if v.is_empty() {
        return v;
    }
    let ok = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
                && !v.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | '"'))
        }
        None => false,
    };
    if !ok {
        p.push(field, Problem::NotEmail { value: v.clone() });
    }
    v
}

/// A web link for online meetings: http or https only, so that a link in the
/// UI can never run script.
pub fn url(p: &mut Problems, field: &str, value: &str) -> String {
    let v = line(p, field, value, MAX_URL, false);
    if !v.is_empty() {
        let lower = v.to_ascii_lowercase();
        let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
        if rest.is_none_or(|r| r.is_empty() || r.contains(' ')) {
            p.push(field, Problem::NotHttps { value: v.clone() });
        }
    }
    v
}

fn time_field(p: &mut Problems, field: &str, value: &str, zone: Option<Tz>) -> Option<DateTime<Utc>> {
    let zone = zone?; // the zone's own error is already recorded
    match time::parse_time(value, zone) {
        Ok(t) => Some(t),
        Err(m) => {
            p.push(field, m);
            None
        }
    }
}

fn zone_field(p: &mut Problems, field: &str, value: &str) -> Option<Tz> {
    match time::parse_zone(value) {
        Ok(z) => Some(z),
        Err(m) => {
            p.push(field, m);
            None
        }
    }
}

fn end_after_start(p: &mut Problems, start: Option<DateTime<Utc>>, end: Option<DateTime<Utc>>) {
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            p.push("end", Problem::EndBeforeStart);
        }
    }
}

// ---------------------------------------------------------------------------
// Inputs: what a form or a file sends. Text is raw; times are text in a zone.

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct OrganisationInput {
    pub name: String,
    pub chinese_name: String,
    pub native_name: String,
    pub acronym: String,
    pub country: String,
    pub kind: OrgKind,
    pub notes: String,
}

// The enum comes from a macro that has no #[default] attribute to give.
#[allow(clippy::derivable_impls)]
impl Default for OrgKind {
    fn default() -> Self {
        OrgKind::Other
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PersonInput {
    pub name: String,
    pub chinese_name: String,
    pub native_name: String,
    pub title: String,
    pub organisation_id: Option<Uuid>,
    pub email: String,
    pub phone: String,
    pub languages: Vec<String>,
    pub dietary_needs: String,
    pub access_needs: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct VisitInput {
    pub kind: VisitKind,
    pub title: String,
    pub purpose: String,
    pub status: VisitStatus,
    pub host_org_id: Option<Uuid>,
    pub guest_org_id: Option<Uuid>,
    /// Wall-clock time in `time_zone` ("2021-06-11T09:00") or RFC 3339.
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub venue: String,
    pub online_link: String,
    pub notes: String,
    pub minutes: String,
    pub topics: Vec<String>,
}

impl Default for VisitInput {
    fn default() -> Self {
        Self {
            kind: VisitKind::IncomingDelegation,
            title: String::new(),
            purpose: String::new(),
            status: VisitStatus::Draft,
            host_org_id: None,
            guest_org_id: None,
            start: String::new(),
            end: String::new(),
            time_zone: String::new(),
            venue: String::new(),
            online_link: String::new(),
            notes: String::new(),
            minutes: String::new(),
            topics: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParticipantInput {
    pub person_id: Uuid,
    pub side: Side,
    pub role: Role,
    /// Position within the side, from 1; absent means after the others.
    #[serde(default)]
    pub precedence: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AgendaItemInput {
    /// Wall-clock time in the visit's zone, or RFC 3339.
    pub start: String,
    pub end: String,
    pub title: String,
    pub kind: AgendaKind,
    pub status: AgendaStatus,
    pub location: String,
    pub description: String,
    pub participant_ids: Vec<Uuid>,
    /// Who chairs the item: one of `participant_ids`.
    pub chair_id: Option<Uuid>,
    /// Who speaks, in speaking order: each one of `participant_ids`.
    pub speaker_ids: Vec<Uuid>,
    /// One of the office's rooms; else `location` says where, as text.
    pub room_id: Option<Uuid>,
}

/// What a form (or a document) would hold to save `v` unchanged: times as
/// RFC 3339 with the zone's offset, exact even across a clock change.
impl From<&Visit> for VisitInput {
    fn from(v: &Visit) -> Self {
        let zone = time::stored_zone(&v.time_zone);
        VisitInput {
            kind: v.kind,
            title: v.title.clone(),
            purpose: v.purpose.clone(),
            status: v.status,
            host_org_id: v.host_org_id,
            guest_org_id: v.guest_org_id,
            start: time::format_offset(v.starts_at, zone),
            end: time::format_offset(v.ends_at, zone),
            time_zone: v.time_zone.clone(),
            venue: v.venue.clone(),
            online_link: v.online_link.clone(),
            notes: v.notes.clone(),
            minutes: v.minutes.clone(),
            topics: v.topics.clone(),
        }
    }
}

/// What a form (or a document) would hold to save `a` unchanged, its times
/// as RFC 3339 in the item's own zone.
impl From<&AgendaItem> for AgendaItemInput {
    fn from(a: &AgendaItem) -> Self {
        let zone = time::stored_zone(&a.time_zone);
        AgendaItemInput {
            start: time::format_offset(a.starts_at, zone),
            end: time::format_offset(a.ends_at, zone),
            title: a.title.clone(),
            kind: a.kind,
            status: a.status,
            location: a.location.clone(),
            description: a.description.clone(),
            participant_ids: a.participant_ids.clone(),
            chair_id: a.chair_id,
            speaker_ids: a.speaker_ids.clone(),
            room_id: a.room_id,
        }
    }
}

impl Default for AgendaItemInput {
    fn default() -> Self {
        Self {
            start: String::new(),
            end: String::new(),
            title: String::new(),
            kind: AgendaKind::Meeting,
            status: AgendaStatus::Confirmed,
            location: String::new(),
            description: String::new(),
            participant_ids: Vec::new(),
            chair_id: None,
            speaker_ids: Vec::new(),
            room_id: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct FollowUpInput {
    pub title: String,
    pub owner_id: Option<Uuid>,
    pub counterpart_org_id: Option<Uuid>,
    /// "YYYY-MM-DD", or empty for no due date.
    pub due_date: String,
    pub status: FollowUpStatus,
    /// Who is to act; this office when absent (documents before version 3).
    pub to_act: ToAct,
    pub notes: String,
}

impl Default for FollowUpInput {
    fn default() -> Self {
        Self {
            title: String::new(),
            owner_id: None,
            counterpart_org_id: None,
            due_date: String::new(),
            status: FollowUpStatus::Open,
            to_act: ToAct::Us,
            notes: String::new(),
        }
    }
}

/// A room the office books: its name in Latin letters or Chinese (or
/// both), where it is, and how many it holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RoomInput {
    pub name: String,
    pub chinese_name: String,
    pub building: String,
    /// Seats; None when not known (then nothing is too many).
    pub capacity: Option<u32>,
    pub equipment: String,
    pub notes: String,
}

/// The most people a room may be said to hold: a stadium, not a typo.
pub const MAX_CAPACITY: u32 = 100_000;

#[derive(Debug, Clone, PartialEq)]
pub struct RoomData {
    pub name: String,
    pub chinese_name: String,
    pub building: String,
    pub capacity: Option<u32>,
    pub equipment: String,
    pub notes: String,
}

impl TryFrom<&RoomInput> for RoomData {
    type Error = crate::Error;
    fn try_from(i: &RoomInput) -> Result<Self> {
        let mut p = Problems::new();
        let (name, chinese_name, _) = name_forms(&mut p, &i.name, &i.chinese_name, "");
        let building = line(&mut p, "building", &i.building, MAX_LINE, false);
        if let Some(c) = i.capacity {
            if c == 0 || c > MAX_CAPACITY {
                p.push("capacity", Problem::OutOfRange { min: 1, max: u64::from(MAX_CAPACITY) });
            }
        }
        let equipment = text(&mut p, "equipment", &i.equipment, MAX_TEXT);
        let notes = text(&mut p, "notes", &i.notes, MAX_TEXT);
        p.finish(|| Self { name, chinese_name, building, capacity: i.capacity, equipment, notes })
    }
}

impl RoomData {
    pub fn into_record(self, id: Uuid, created_at: DateTime<Utc>, updated_at: DateTime<Utc>) -> Room {
        Room {
            id,
            name: self.name,
            chinese_name: self.chinese_name,
            building: self.building,
            capacity: self.capacity,
            equipment: self.equipment,
            notes: self.notes,
            created_at,
            updated_at,
            revision: 0,
        }
    }
}

/// When a person cannot be booked, as a form or a document gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AvailabilityInput {
    pub kind: AvailabilityKind,
    /// "YYYY-MM-DD".
    pub first_day: String,
    pub last_day: String,
    /// "HH:MM", or "" for all day (away only).
    pub from_time: String,
    pub to_time: String,
    pub time_zone: String,
    pub note: String,
}

impl Default for AvailabilityInput {
    fn default() -> Self {
        Self {
            kind: AvailabilityKind::Away,
            first_day: String::new(),
            last_day: String::new(),
            from_time: String::new(),
            to_time: String::new(),
            time_zone: String::new(),
            note: String::new(),
        }
    }
}

/// The longest period one entry may cover: a year's leave, not a typo's
/// thousand years.
pub const MAX_AVAILABILITY_DAYS: i64 = 366;

#[derive(Debug, Clone, PartialEq)]
pub struct AvailabilityData {
    pub kind: AvailabilityKind,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub from_time: String,
    pub to_time: String,
    pub time_zone: Tz,
    pub note: String,
}

impl TryFrom<&AvailabilityInput> for AvailabilityData {
    type Error = crate::Error;
    fn try_from(i: &AvailabilityInput) -> Result<Self> {
        let mut p = Problems::new();
        let day = |p: &mut Problems, field: &str, v: &str| match time::parse_date(v) {
            Ok(d) => Some(d),
            Err(_) if v.trim().is_empty() => {
                p.push(field, Problem::Required);
                None
            }
            Err(m) => {
                p.push(field, m);
                None
            }
        };
        let first = day(&mut p, "first_day", &i.first_day);
        let last = day(&mut p, "last_day", &i.last_day);
        if let (Some(a), Some(b)) = (first, last) {
            if b < a {
                p.push("last_day", Problem::EndBeforeStart);
            } else if (b - a).num_days() >= MAX_AVAILABILITY_DAYS {
                p.push("last_day", Problem::OutOfRange { min: 1, max: MAX_AVAILABILITY_DAYS as u64 });
            }
        }
        let clock = |p: &mut Problems, field: &str, v: &str| -> Option<chrono::NaiveTime> {
            let v = v.trim();
            if v.is_empty() {
                return None;
            }
            match chrono::NaiveTime::parse_from_str(v, "%H:%M") {
                Ok(t) => Some(t),
                Err(_) => {
                    p.push(field, Problem::NotClockTime { value: v.to_owned() });
                    None
                }
            }
        };
        let from = clock(&mut p, "from_time", &i.from_time);
        let to = clock(&mut p, "to_time", &i.to_time);
        let written = |v: &str| !v.trim().is_empty();
        match (written(&i.from_time), written(&i.to_time)) {
            (false, false) if i.kind == AvailabilityKind::Only => p.push("from_time", Problem::Required),
            (true, false) => p.push("to_time", Problem::Required),
            (false, true) => p.push("from_time", Problem::Required),
            _ => {}
        }
        if let (Some(f), Some(t)) = (from, to) {
            if t <= f {
                p.push("to_time", Problem::EndBeforeStart);
            }
        }
        let zone = match time::parse_zone(&i.time_zone) {
            Ok(z) => Some(z),
            Err(m) => {
                p.push("time_zone", m);
                None
            }
        };
        let note = line(&mut p, "note", &i.note, MAX_LINE, false);
        p.finish(|| Self {
            kind: i.kind,
            first_day: first.unwrap_or_default(),
            last_day: last.unwrap_or_default(),
            from_time: from.map(|t| t.format("%H:%M").to_string()).unwrap_or_default(),
            to_time: to.map(|t| t.format("%H:%M").to_string()).unwrap_or_default(),
            time_zone: zone.unwrap_or(chrono_tz::UTC),
            note,
        })
    }
}

impl AvailabilityData {
    pub fn into_record(
        self,
        id: Uuid,
        person_id: Uuid,
        created_at: DateTime<Utc>,
        updated_at: DateTime<Utc>,
    ) -> Availability {
        Availability {
            id,
            person_id,
            kind: self.kind,
            first_day: self.first_day,
            last_day: self.last_day,
            from_time: self.from_time,
            to_time: self.to_time,
            time_zone: self.time_zone.name().to_owned(),
            note: self.note,
            created_at,
            updated_at,
            revision: 0,
        }
    }
}

/// A new visit made from an earlier one: its name and the day it starts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct VisitCopyInput {
    pub title: String,
    /// "YYYY-MM-DD": the new first day, in the visit's zone.
    pub start_date: String,
}

// ---------------------------------------------------------------------------
// Validated values. Checks that need the database (does this person exist, is
// she on the visit) are made by the service inside the write transaction.

#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationData {
    pub name: String,
    pub chinese_name: String,
    pub native_name: String,
    pub acronym: String,
    pub country: String,
    pub kind: OrgKind,
    pub notes: String,
}

impl TryFrom<&OrganisationInput> for OrganisationData {
    type Error = crate::Error;
    fn try_from(i: &OrganisationInput) -> Result<Self> {
        let mut p = Problems::new();
        let (name, chinese_name, native_name) = name_forms(&mut p, &i.name, &i.chinese_name, &i.native_name);
        let acronym = line(&mut p, "acronym", &i.acronym, 40, false);
        let country = line(&mut p, "country", &i.country, 80, false);
        let notes = text(&mut p, "notes", &i.notes, MAX_TEXT);
        p.finish(|| Self { name, chinese_name, native_name, acronym, country, kind: i.kind, notes })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonData {
    pub name: String,
    pub chinese_name: String,
    pub native_name: String,
    pub title: String,
    pub organisation_id: Option<Uuid>,
    pub email: String,
    pub phone: String,
    pub languages: Vec<String>,
    pub dietary_needs: String,
    pub access_needs: String,
    pub notes: String,
}

impl TryFrom<&PersonInput> for PersonData {
    type Error = crate::Error;
    fn try_from(i: &PersonInput) -> Result<Self> {
        let mut p = Problems::new();
        let (name, chinese_name, native_name) = name_forms(&mut p, &i.name, &i.chinese_name, &i.native_name);
        let title = line(&mut p, "title", &i.title, MAX_LINE, false);
        let email = email(&mut p, "email", &i.email);
        let phone = line(&mut p, "phone", &i.phone, 60, false);
        if !phone.is_empty() && !phone.chars().all(|c| c.is_ascii_digit() || " +-().ext/".contains(c)) {
            p.push("phone", Problem::NotPhone { value: phone.clone() });
        }
        let languages = tags(&mut p, "languages", &i.languages);
        let dietary_needs = line(&mut p, "dietary_needs", &i.dietary_needs, MAX_LINE, false);
        let access_needs = line(&mut p, "access_needs", &i.access_needs, MAX_LINE, false);
        let notes = text(&mut p, "notes", &i.notes, MAX_TEXT);
        p.finish(|| Self {
            name,
            chinese_name,
            native_name,
            title,
            organisation_id: i.organisation_id,
            email,
            phone,
            languages,
            dietary_needs,
            access_needs,
            notes,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct VisitData {
    pub kind: VisitKind,
    pub title: String,
    pub purpose: String,
    pub status: VisitStatus,
    pub host_org_id: Option<Uuid>,
    pub guest_org_id: Option<Uuid>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: Tz,
    pub venue: String,
    pub online_link: String,
    pub notes: String,
    pub minutes: String,
    pub topics: Vec<String>,
}

impl VisitData {
    /// Whether `title` would pass as a visit's title.
    pub fn title_is_valid(title: &str) -> bool {
        let mut p = Problems::new();
        line(&mut p, "title", title, MAX_LINE, true);
        p.is_empty()
    }
}

impl TryFrom<&VisitInput> for VisitData {
    type Error = crate::Error;
    fn try_from(i: &VisitInput) -> Result<Self> {
        let mut p = Problems::new();
        let title = line(&mut p, "title", &i.title, MAX_LINE, true);
        let purpose = text(&mut p, "purpose", &i.purpose, MAX_TEXT);
        let zone = zone_field(&mut p, "time_zone", &i.time_zone);
        let start = time_field(&mut p, "start", &i.start, zone);
        let end = time_field(&mut p, "end", &i.end, zone);
        end_after_start(&mut p, start, end);
        if i.host_org_id.is_some() && i.host_org_id == i.guest_org_id {
            p.push("guest_org_id", Problem::SameOrganisation);
        }
        let venue = line(&mut p, "venue", &i.venue, MAX_LINE, false);
        let online_link = url(&mut p, "online_link", &i.online_link);
        let notes = text(&mut p, "notes", &i.notes, MAX_TEXT);
        let minutes = text(&mut p, "minutes", &i.minutes, MAX_TEXT * 5);
        let topics = tags(&mut p, "topics", &i.topics);
        p.finish(|| Self {
            kind: i.kind,
            title,
            purpose,
            status: i.status,
            host_org_id: i.host_org_id,
            guest_org_id: i.guest_org_id,
            starts_at: start.unwrap_or_default(),
            ends_at: end.unwrap_or_default(),
            time_zone: zone.unwrap_or(Tz::UTC),
            venue,
            online_link,
            notes,
            minutes,
            topics,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItemData {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: Tz,
    pub title: String,
    pub kind: AgendaKind,
    pub status: AgendaStatus,
    pub location: String,
    pub description: String,
    pub participant_ids: Vec<Uuid>,
    pub chair_id: Option<Uuid>,
    pub speaker_ids: Vec<Uuid>,
    pub room_id: Option<Uuid>,
}

impl AgendaItemData {
    /// Validates an item whose times are typed in `zone`, the visit's zone.
    pub fn validate(i: &AgendaItemInput, zone: Tz) -> Result<Self> {
        let mut p = Problems::new();
        let start = time_field(&mut p, "start", &i.start, Some(zone));
        let end = time_field(&mut p, "end", &i.end, Some(zone));
        end_after_start(&mut p, start, end);
        let title = line(&mut p, "title", &i.title, MAX_LINE, true);
        let location = line(&mut p, "location", &i.location, MAX_LINE, false);
        let description = text(&mut p, "description", &i.description, MAX_TEXT);
        let mut participant_ids = Vec::new();
        if i.participant_ids.len() > MAX_PARTICIPANTS {
            p.push("participant_ids", Problem::TooManyParticipants { max: MAX_PARTICIPANTS });
        } else {
            let mut seen = std::collections::HashSet::with_capacity(i.participant_ids.len());
            participant_ids = i.participant_ids.iter().copied().filter(|id| seen.insert(*id)).collect();
        }
        // A chair or a speaker is someone the item involves: naming one who
        // is not would put them on a programme without a place at it. (When
        // the people themselves were refused, that is the one error.)
        let mut speaker_ids = Vec::new();
        let people_read = i.participant_ids.len() <= MAX_PARTICIPANTS;
        if let Some(chair) = i.chair_id.filter(|c| people_read && !participant_ids.contains(c)) {
            p.push("chair_id", Problem::NotInItem { id: chair.to_string() });
        }
        if i.speaker_ids.len() > MAX_PARTICIPANTS {
            p.push("speaker_ids", Problem::TooManyParticipants { max: MAX_PARTICIPANTS });
        } else if people_read {
            let mut seen = std::collections::HashSet::with_capacity(i.speaker_ids.len());
            for (k, s) in i.speaker_ids.iter().enumerate() {
                if !participant_ids.contains(s) {
                    p.push(format!("speaker_ids[{k}]"), Problem::NotInItem { id: s.to_string() });
                } else if !seen.insert(*s) {
                    p.push(format!("speaker_ids[{k}]"), Problem::SpeaksTwice);
                } else {
                    speaker_ids.push(*s);
                }
            }
        }
        p.finish(|| Self {
            starts_at: start.unwrap_or_default(),
            ends_at: end.unwrap_or_default(),
            time_zone: zone,
            title,
            kind: i.kind,
            status: i.status,
            location,
            description,
            participant_ids,
            chair_id: i.chair_id,
            speaker_ids,
            room_id: i.room_id,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpData {
    pub title: String,
    pub owner_id: Option<Uuid>,
    pub counterpart_org_id: Option<Uuid>,
    pub due_date: Option<NaiveDate>,
    pub status: FollowUpStatus,
    pub to_act: ToAct,
    pub notes: String,
}

impl TryFrom<&FollowUpInput> for FollowUpData {
    type Error = crate::Error;
    fn try_from(i: &FollowUpInput) -> Result<Self> {
        let mut p = Problems::new();
        let title = line(&mut p, "title", &i.title, MAX_LINE, true);
        let due_date = if i.due_date.trim().is_empty() {
            None
        } else {
            match time::parse_date(&i.due_date) {
                Ok(d) => Some(d),
                Err(m) => {
                    p.push("due_date", m);
                    None
                }
            }
        };
        let notes = text(&mut p, "notes", &i.notes, MAX_TEXT);
        p.finish(|| Self {
            title,
            owner_id: i.owner_id,
            counterpart_org_id: i.counterpart_org_id,
            due_date,
            status: i.status,
            to_act: i.to_act,
            notes,
        })
    }
}

// ---------------------------------------------------------------------------
// Validated values become stored records here, and only here: a form's save
// and a file's import build them the same way.

/// What a record carries beside its fields: calendar identity and times.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub uid: String,
    pub sequence: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl OrganisationData {
    pub fn into_record(self, id: Uuid, created_at: DateTime<Utc>, updated_at: DateTime<Utc>) -> Organisation {
        Organisation {
            id,
            name: self.name,
            chinese_name: self.chinese_name,
            native_name: self.native_name,
            acronym: self.acronym,
            country: self.country,
            kind: self.kind,
            notes: self.notes,
            created_at,
            updated_at,
            // The database sets it; what a record to be written says is ignored.
            revision: 0,
        }
    }
}

impl PersonData {
    pub fn into_record(self, id: Uuid, created_at: DateTime<Utc>, updated_at: DateTime<Utc>) -> Person {
        Person {
            id,
            name: self.name,
            chinese_name: self.chinese_name,
            native_name: self.native_name,
            title: self.title,
            organisation_id: self.organisation_id,
            email: self.email,
            phone: self.phone,
            languages: self.languages,
            dietary_needs: self.dietary_needs,
            access_needs: self.access_needs,
            notes: self.notes,
            created_at,
            updated_at,
            // The database sets it; what a record to be written says is ignored.
            revision: 0,
        }
    }
}

impl VisitData {
    pub fn into_record(self, id: Uuid, stamp: Stamp) -> Visit {
        Visit {
            id,
            kind: self.kind,
            title: self.title,
            purpose: self.purpose,
            status: self.status,
            host_org_id: self.host_org_id,
            guest_org_id: self.guest_org_id,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            time_zone: self.time_zone.name().to_owned(),
            start_local: time::format_local(self.starts_at, self.time_zone),
            end_local: time::format_local(self.ends_at, self.time_zone),
            venue: self.venue,
            online_link: self.online_link,
            notes: self.notes,
            minutes: self.minutes,
            topics: self.topics,
            uid: stamp.uid,
            sequence: stamp.sequence,
            created_at: stamp.created_at,
            updated_at: stamp.updated_at,
            revision: 0,
        }
    }
}

impl AgendaItemData {
    pub fn into_record(self, id: Uuid, visit_id: Uuid, stamp: Stamp) -> AgendaItem {
        AgendaItem {
            id,
            visit_id,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            time_zone: self.time_zone.name().to_owned(),
            start_local: time::format_local(self.starts_at, self.time_zone),
            end_local: time::format_local(self.ends_at, self.time_zone),
            title: self.title,
            kind: self.kind,
            status: self.status,
            location: self.location,
            description: self.description,
            participant_ids: self.participant_ids,
            chair_id: self.chair_id,
            speaker_ids: self.speaker_ids,
            room_id: self.room_id,
            position: 0,
            uid: stamp.uid,
            sequence: stamp.sequence,
            created_at: stamp.created_at,
            updated_at: stamp.updated_at,
            revision: 0,
        }
    }
}

impl FollowUpData {
    pub fn into_record(self, id: Uuid, visit_id: Uuid, stamp: Stamp) -> FollowUp {
        FollowUp {
            id,
            visit_id,
            title: self.title,
            owner_id: self.owner_id,
            counterpart_org_id: self.counterpart_org_id,
            due_date: self.due_date,
            status: self.status,
            to_act: self.to_act,
            notes: self.notes,
            uid: stamp.uid,
            sequence: stamp.sequence,
            created_at: stamp.created_at,
            updated_at: stamp.updated_at,
            revision: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn fields(e: Error) -> Vec<String> {
        e.field_errors().iter().map(|f| f.field.clone()).collect()
    }

    fn visit() -> VisitInput {
        VisitInput {
            title: "Visit".into(),
            start: "2021-06-11T09:00".into(),
            end: "2021-06-11T12:00".into(),
            time_zone: "Asia/Shanghai".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_visit_passes() {
        let v = VisitData::try_from(&visit()).unwrap();
        assert_eq!(v.starts_at.to_rfc3339(), "2021-06-11T01:00:00+00:00");
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let mut i = visit();
        i.title = "  ".into();
        i.end = "2021-06-11T08:00".into();
        i.online_link = "javascript:alert(1)".into();
        i.topics = vec!["a\nb".into()];
        assert_eq!(fields(VisitData::try_from(&i).unwrap_err()), ["title", "end", "online_link", "topics[0]"]);
    }

    #[test]
    fn end_equal_to_start_is_refused() {
        let mut i = visit();
        i.end = i.start.clone();
        assert_eq!(fields(VisitData::try_from(&i).unwrap_err()), ["end"]);
    }

    #[test]
    fn unknown_zone_is_named_and_times_are_not_blamed_for_it() {
        let mut i = visit();
        i.time_zone = "Asia/Beijing".into();
        assert_eq!(fields(VisitData::try_from(&i).unwrap_err()), ["time_zone"]);
    }

    #[test]
    fn control_characters_in_a_title_are_refused() {
        let mut i = visit();
        i.title = "Visit\u{7}".into();
        let e = VisitData::try_from(&i).unwrap_err();
        assert!(e.to_string().contains("U+0007"), "{e}");
    }

    #[test]
    fn bidi_overrides_and_invisible_characters_are_refused_in_names_and_titles() {
        for c in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200B}', '\u{2060}', '\u{FEFF}'] {
            let mut i = visit();
            i.title = format!("Zhang{c}Huidong");
            let e = VisitData::try_from(&i).unwrap_err();
            assert!(e.to_string().contains(&format!("U+{:04X}", c as u32)), "{e}");
            let person = PersonInput { name: format!("{c}evil"), ..Default::default() };
            assert_eq!(fields(PersonData::try_from(&person).unwrap_err()), ["name"], "U+{:04X}", c as u32);
        }
        // Persian and Indic names need ZWNJ and ZWJ.
        let person =
            PersonInput {
                name: "می\u{200C}خواهم".into(), native_name: "क्\u{200D}ष".into(), ..Default::default()
            };
        assert!(PersonData::try_from(&person).is_ok());
    }

    #[test]
    fn a_list_of_200000_entries_is_refused_at_once() {
        let mut i = visit();
        i.topics = (0..200_000).map(|n| format!("topic {n}")).collect();
        assert_eq!(fields(VisitData::try_from(&i).unwrap_err()), ["topics"]);
        let item = AgendaItemInput {
            start: "2021-06-11T09:00".into(),
            end: "2021-06-11T10:00".into(),
            title: "Talks".into(),
            participant_ids: (0..200_000).map(|_| Uuid::new_v4()).collect(),
            ..Default::default()
        };
        let e = AgendaItemData::validate(&item, chrono_tz::Asia::Shanghai).unwrap_err();
        assert_eq!(fields(e), ["participant_ids"]);
    }

    #[test]
    fn overlong_title_is_refused() {
        let mut i = visit();
        i.title = "长".repeat(MAX_LINE + 1);
        assert_eq!(fields(VisitData::try_from(&i).unwrap_err()), ["title"]);
        i.title = "长".repeat(MAX_LINE);
        assert!(VisitData::try_from(&i).is_ok());
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in ["a", "a@b", "@b.org", "a@@b.org", "a b@c.org", "a@b..org", "a@.b.org", "<a@b.org>"] {
            let i = PersonInput { name: "X".into(), email: bad.into(), ..Default::default() };
            assert_eq!(fields(PersonData::try_from(&i).unwrap_err()), ["email"], "{bad}");
        }
        let i = PersonInput { name: "X".into(), email: "zhang.hd@iprcc.org.cn".into(), ..Default::default() };
        assert!(PersonData::try_from(&i).is_ok());
    }

    #[test]
    fn a_name_needs_one_of_its_three_forms_and_a_chinese_form_is_chinese() {
        for input in [
            PersonInput { chinese_name: "和震".into(), ..Default::default() },
            PersonInput { native_name: "Иван Петров".into(), ..Default::default() },
            PersonInput {
                name: "Jürgen Müller".into(), chinese_name: "于尔根·米勒".into(), ..Default::default()
            },
        ] {
            assert!(PersonData::try_from(&input).is_ok(), "{input:?}");
        }
        assert_eq!(fields(PersonData::try_from(&PersonInput::default()).unwrap_err()), ["name"]);
        let blank = OrganisationInput { name: " ".into(), chinese_name: "\u{3000}".into(), ..Default::default() };
        assert_eq!(fields(OrganisationData::try_from(&blank).unwrap_err()), ["name"]);
        let latin_as_chinese = PersonInput { chinese_name: "Ivan Petrov".into(), ..Default::default() };
        let e = PersonData::try_from(&latin_as_chinese).unwrap_err();
        assert_eq!(fields(e), ["chinese_name"], "and not also 'name is required'");
        // An organisation's Chinese name may hold an acronym.
        let cas = OrganisationInput { chinese_name: "中国科学院（CAS）".into(), ..Default::default() };
        assert!(OrganisationData::try_from(&cas).is_ok());
    }

    #[test]
    fn text_keeps_newlines_and_normalises_cr() {
        let mut p = Problems::new();
        assert_eq!(text(&mut p, "notes", "a\r\nb\rc\n\n", 100), "a\nb\nc");
        assert!(p.is_empty());
        text(&mut p, "notes", "a\u{0}b", 100);
        assert!(!p.is_empty());
    }

    #[test]
    fn tags_drop_blanks_and_case_insensitive_duplicates() {
        let mut p = Problems::new();
        let t = tags(&mut p, "topics", &["Training".into(), " ".into(), "training".into(), "Seminars".into()]);
        assert_eq!(t, ["Training", "Seminars"]);
    }

    #[test]
    fn bad_due_date_is_named() {
        let i = FollowUpInput { title: "x".into(), due_date: "2021-02-30".into(), ..Default::default() };
        assert_eq!(fields(FollowUpData::try_from(&i).unwrap_err()), ["due_date"]);
    }

    #[test]
    fn agenda_item_times_are_in_the_given_zone() {
        let i = AgendaItemInput {
            start: "2021-06-11T09:00".into(),
            end: "2021-06-11T09:30".into(),
            title: "Welcome".into(),
            ..Default::default()
        };
        let d = AgendaItemData::validate(&i, chrono_tz::Europe::Zurich).unwrap();
        assert_eq!(d.starts_at.to_rfc3339(), "2021-06-11T07:00:00+00:00");
    }
}
