//! Reads calendar files into visits: events become agenda items, tasks
//! become follow-ups, merged by UID. The same planning step serves the
//! preview (nothing written) and the import (written in one transaction).

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::parse::{Component, Item, Property, Stream};
use super::text::{split_text_list, unescape_text};
use super::tz::resolve_tzid;
use crate::error::{Error, FieldError, Problems, Result};
use crate::i18n::{t, Lang};
use crate::model::*;
use crate::problem::Problem;
use crate::progress::{Stage, Work};
use crate::search::Doc;
use crate::service::calendar_uid;
use crate::service::new_id;
use crate::service::Service;
use crate::storage::{Session, Table, UidTable};
use crate::time::{self, local_to_utc, now, stored_zone};
use crate::validate::{AgendaItemData, AgendaItemInput, FollowUpData, FollowUpInput, Stamp, VisitData, VisitInput};

/// What an import will do (the preview) or did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IcsPlan {
    /// The visit new items go into.
    pub visit: Option<PlanVisit>,
    /// How many entries are added, updated and left alone.
    pub counts: PlanCounts,
    /// The first [`LISTED`] entries of each kind, in the file's order.
    pub added: Vec<PlanEntry>,
    pub updated: Vec<PlanEntry>,
    pub unchanged: Vec<PlanEntry>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlanCounts {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
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
    lines: FieldLines,
}

/// The properties a form's field comes from, in the order of
/// [`FieldLines`]' lines, and the name an error gives each.
const FIELD_PROPERTIES: [&str; 6] = ["SUMMARY", "LOCATION", "DESCRIPTION", "DTSTART", "DTEND", "DUE"];

/// The line of each property in [`FIELD_PROPERTIES`] in one entry (its
/// first line where it has none): a few numbers, as every entry of a large
/// file keeps them, and not a map.
#[derive(Debug, Clone, Copy)]
struct FieldLines([usize; 6]);

impl FieldLines {
    /// Which of [`FIELD_PROPERTIES`] a form's field is read from.
    fn index(field: &str) -> Option<usize> {
        Some(match field {
            "title" => 0,
            "location" | "venue" => 1,
            "description" | "notes" => 2,
            "start" => 3,
            "end" => 4,
            "due_date" => 5,
            _ => return None,
        })
    }

    /// The line a form's field came from, and the property to name.
    fn of(&self, field: &str) -> Option<(usize, &'static str)> {
        Self::index(field).map(|i| (self.0[i], FIELD_PROPERTIES[i]))
    }
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
            return match super::text::parse_date(v) {
                Some(d) => Some(When::Date(d)),
                None => {
                    self.problem_in(prop.line, &prop.name, Problem::IcsNotDate { value: v.to_owned() });
                    None
                }
            };
        }
        let (text, utc) = match v.strip_suffix(['Z', 'z']) {
            Some(t) => (t, true),
            None => (v, false),
        };
        let Some(naive) = super::text::parse_date_time(text) else {
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

    /// One entry, checked. `full`: with what only making its record needs
    /// (its description, place, categories, attendees, the lines of its
    /// fields), which the first reading of a file goes without.
    fn entry(&mut self, c: &Component, cancel: bool, full: bool) -> Option<Entry> {
        let todo = c.name == "VTODO";
        for name in ["RRULE", "RDATE", "EXRULE", "RECURRENCE-ID"] {
            if let Some(p) = c.property(name) {
                self.problem_in(p.line, name, Problem::IcsRecurring);
                return None;
            }
        }
        let text = |name: &str| c.property(name).map(|p| unescape_text(&p.value)).unwrap_or_default();
        // One-line fields: a line break some writers allow becomes a space.
        let one_line = |s: String| {
            if s.contains(['\r', '\n']) {
                s.replace("\r\n", " ").replace(['\r', '\n'], " ")
            } else {
                s
            }
        };
        let uid = text("UID").trim().to_owned();
        if uid.is_empty() {
            self.problem(c.line, Problem::IcsNoUid { component: c.name.clone() });
        } else {
            // The rules a UID meets in a JSON document, so that what is
            // stored here always restores from a backup.
            let mut p = Problems::new();
            crate::validate::uid(&mut p, "UID", &uid);
            if !p.is_empty() {
                let line = c.property("UID").map_or(c.line, |p| p.line);
                let at = format!("{}: UID", self.at(line));
                self.p.extend(p.into_inner().into_iter().map(|f| FieldError { field: at.clone(), ..f }));
            }
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
        let mut lines = FieldLines([c.line; 6]);
        if full {
            for (line, prop) in lines.0.iter_mut().zip(FIELD_PROPERTIES) {
                // An end given as a DURATION is found on that line.
                let found = c.property(prop).or_else(|| c.property("DURATION").filter(|_| prop == "DTEND"));
                if let Some(p) = found {
                    *line = p.line;
                }
            }
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
            .filter(|_| full)
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
            location: if full { one_line(text("LOCATION")) } else { String::new() },
            description: if full { text("DESCRIPTION") } else { String::new() },
            status,
            categories: c.all("CATEGORIES").filter(|_| full).flat_map(|p| split_text_list(&p.value)).collect(),
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
            let (line, prop) = e.lines.of(&f.field).unwrap_or((e.line, f.field.as_str()));
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

/// Where a calendar file is read from. It is read twice, checked through
/// and then written, so a file on disk is opened again rather than held in
/// memory: an import takes memory in proportion to the file's UIDs, not
/// to its bytes.
#[derive(Debug, Clone, Copy)]
pub enum IcsInput<'a> {
    Bytes(&'a [u8]),
    File(&'a std::path::Path),
}

type Opened<'a> = (Box<dyn std::io::BufRead + Send + 'a>, u64, Option<std::time::SystemTime>);

impl IcsInput<'_> {
    /// A reader, the file's size and its modification time.
    fn open(&self, path: &str) -> Result<Opened<'_>> {
        match self {
            IcsInput::Bytes(b) => Ok((Box::new(*b), b.len() as u64, None)),
            IcsInput::File(p) => {
                let io = |source| Error::Io { path: path.to_owned(), source };
                let f = std::fs::File::open(p).map_err(io)?;
                let m = f.metadata().map_err(io)?;
                Ok((Box::new(std::io::BufReader::with_capacity(1 << 16, f)), m.len(), m.modified().ok()))
            }
        }
    }
}

/// Entries read between two looks at the database (UIDs looked up, records
/// written), and between two reports of progress. Public only for the tests
/// that cross a batch's edge.
#[doc(hidden)]
pub const BATCH: usize = 5_000;

/// Entries of each kind a plan lists by name; beyond them it counts. A
/// preview of a million events is read by its totals, and a list that
/// long would hold the file's size in memory.
pub const LISTED: usize = 1_000;

/// A stored record a UID of the file names.
#[derive(Debug, Clone, Copy)]
struct Known {
    kind: EntryKind,
    id: Uuid,
    sequence: u32,
}

/// What the first reading learns, so that the second can decide entry by
/// entry what to do without holding any entry.
#[derive(Default)]
struct Scan {
    /// The X-WR-CALNAME of the first calendar that has one.
    name: String,
    /// The zone of the first event with a zoned start: a new visit's.
    zone_hint: Option<Tz>,
    /// Whether each calendar of the file, in order, is METHOD:CANCEL.
    cancels: Vec<bool>,
    /// Each entry's UID and the line of its BEGIN: duplicates are refused,
    /// and the second reading checks it reads the same file.
    lines: HashMap<Box<str>, u32>,
    /// The stored records the file's UIDs name.
    known: HashMap<Box<str>, Known>,
    /// The first known record of each kind, in the file's order: where new
    /// entries go when no visit is asked for.
    first_visit: Option<Uuid>,
    first_item: Option<Uuid>,
    first_follow_up: Option<Uuid>,
    /// What the entries to add span, calendar by calendar (a calendar that
    /// turns out to be a cancellation adds nothing).
    additions: Vec<Additions>,
    size: u64,
    modified: Option<std::time::SystemTime>,
}

/// The first reading: every entry checked, every problem collected with its
/// line, the UIDs looked up in batches. Reads only.
async fn scan(conn: &mut dyn Session, input: IcsInput<'_>, path: &str, work: &Work) -> Result<Scan> {
    let (reader, size, modified) = input.open(path)?;
    let mut stream = Stream::new(reader);
    let mut r = Reader { path, p: Problems::new() };
    let mut scan = Scan { size, modified, ..Scan::default() };
    let mut batch: Vec<Seen> = Vec::with_capacity(BATCH);
    let mut entries = 0usize;
    while let Some(item) = stream.next_item().map_err(|e| e.into_error(path))? {
        let c = match item {
            Item::Begin { .. } => {
                scan.cancels.push(false);
                scan.additions.push(Additions::default());
                continue;
            }
            Item::Property(p) => {
                if p.name == "METHOD" && p.value.trim().eq_ignore_ascii_case("CANCEL") {
                    if let Some(cancel) = scan.cancels.last_mut() {
                        *cancel = true;
                    }
                } else if p.name == "X-WR-CALNAME" && scan.name.is_empty() {
                    scan.name = unescape_text(&p.value);
                }
                continue;
            }
            Item::Component(c) if c.name == "VEVENT" || c.name == "VTODO" => c,
            Item::Component(_) | Item::End => continue,
        };
        let Some(e) = r.entry(&c, false, false) else { continue };
        scan.zone_hint = scan.zone_hint.or(e.start.and_then(When::zone));
        // The same UID twice would make "merge by UID" ambiguous.
        if !e.uid.is_empty() {
            match scan.lines.entry(e.uid.as_str().into()) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    let message = format!("UID '{}' is also used by the component on line {}", e.uid, first.get());
                    r.problem(e.line, message);
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(e.line as u32);
                    batch.push(Seen {
                        calendar: scan.cancels.len().saturating_sub(1),
                        cancelled: e.status.as_deref() == Some("CANCELLED"),
                        todo: e.todo,
                        start: e.start,
                        end: e.end,
                        summary: e.summary,
                        uid: e.uid.into_boxed_str(),
                    });
                }
            }
        }
        entries += 1;
        if entries % BATCH == 0 {
            work.check()?;
            work.report(Stage::Checking, stream.bytes_read(), 2 * size);
            // A file with problems is refused whatever is stored.
            if r.p.is_empty() {
                learn(conn, &mut scan, &mut batch).await?;
            }
        }
    }
    r.p.finish(|| ())?;
    learn(conn, &mut scan, &mut batch).await?;
    work.report(Stage::Checking, size, 2 * size);
    Ok(scan)
}

/// Looks a batch of UIDs up, in the file's order.
async fn learn(conn: &mut dyn Session, scan: &mut Scan, batch: &mut Vec<Seen>) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let uids: Vec<&str> = batch.iter().map(|e| &*e.uid).collect();
    let visits = conn.ids_by_uid(UidTable::Visits, &uids).await?;
    let items = conn.ids_by_uid(UidTable::AgendaItems, &uids).await?;
    let follow_ups = conn.ids_by_uid(UidTable::FollowUps, &uids).await?;
    for e in batch.drain(..) {
        let (kind, found, first) = if let Some(f) = visits.get(&*e.uid) {
            (EntryKind::Visit, f, &mut scan.first_visit)
        } else if let Some(f) = items.get(&*e.uid) {
            (EntryKind::AgendaItem, f, &mut scan.first_item)
        } else if let Some(f) = follow_ups.get(&*e.uid) {
            (EntryKind::FollowUp, f, &mut scan.first_follow_up)
        } else {
            if !e.cancelled {
                if let Some(a) = scan.additions.get_mut(e.calendar) {
                    a.add(e.todo, e.start, e.end, &e.summary);
                }
            }
            continue;
        };
        first.get_or_insert(found.0);
        scan.known.insert(e.uid, Known { kind, id: found.0, sequence: found.1 });
    }
    Ok(())
}

/// An entry of the first reading, until its UID is looked up.
struct Seen {
    uid: Box<str>,
    calendar: usize,
    /// By its own STATUS (a calendar's METHOD is known only at its end).
    cancelled: bool,
    todo: bool,
    start: Option<When>,
    end: Option<When>,
    summary: String,
}

/// The entries a calendar adds: how many, the title of the first, and the
/// span of its events. Times with a zone are instants at once; dates and
/// floating times wait for the file's zone, which the first zoned event
/// decides and which may come later in the file.
#[derive(Default)]
struct Additions {
    count: usize,
    first_title: String,
    first_start: Option<DateTime<Utc>>,
    last_end: Option<DateTime<Utc>>,
    first_local: Option<NaiveDateTime>,
    last_local: Option<NaiveDateTime>,
}

impl Additions {
    /// Counts an entry to add, by what of it decides the span and title.
    fn add(&mut self, todo: bool, start: Option<When>, end: Option<When>, summary: &str) {
        self.count += 1;
        if self.count == 1 {
            summary.clone_into(&mut self.first_title);
        }
        if todo {
            return;
        }
        let (Some(start), Some(end)) = (start, end) else { return };
        // A time that does not exist in its zone is left out here; making
        // the entry's record reports it with its line.
        match start {
            When::Date(d) => self.first_local = min_of(self.first_local, d.and_time(chrono::NaiveTime::MIN)),
            When::Floating(n) => self.first_local = min_of(self.first_local, n),
            exact => {
                if let Ok(t) = exact.instant(Tz::UTC) {
                    self.first_start = min_of(self.first_start, t);
                }
            }
        }
        match end {
            When::Date(d) => self.last_local = max_of(self.last_local, d.and_time(chrono::NaiveTime::MIN)),
            When::Floating(n) => self.last_local = max_of(self.last_local, n),
            exact => {
                if let Ok(t) = exact.instant(Tz::UTC) {
                    self.last_end = max_of(self.last_end, t);
                }
            }
        }
    }

    fn merge(&mut self, o: &Additions) {
        if self.count == 0 {
            self.first_title = o.first_title.clone();
        }
        self.count += o.count;
        self.first_start = [self.first_start, o.first_start].into_iter().flatten().min();
        self.last_end = [self.last_end, o.last_end].into_iter().flatten().max();
        self.first_local = [self.first_local, o.first_local].into_iter().flatten().min();
        self.last_local = [self.last_local, o.last_local].into_iter().flatten().max();
    }

    /// From the first start to the last end, local times read in `zone`.
    fn span(&self, zone: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let local = |n: Option<NaiveDateTime>| n.and_then(|n| local_to_utc(n, zone).ok());
        let start = [self.first_start, local(self.first_local)].into_iter().flatten().min()?;
        let end = [self.last_end, local(self.last_local)].into_iter().flatten().max()?;
        Some((start, end))
    }
}

fn min_of<T: Ord>(a: Option<T>, b: T) -> Option<T> {
    Some(match a {
        Some(a) if a <= b => a,
        _ => b,
    })
}

fn max_of<T: Ord>(a: Option<T>, b: T) -> Option<T> {
    Some(match a {
        Some(a) if a >= b => a,
        _ => b,
    })
}

/// What the second reading writes, a batch at a time.
#[derive(Debug, Default)]
struct Writes {
    visits: Vec<Visit>,
    agenda: Vec<AgendaItem>,
    follow_ups: Vec<FollowUp>,
    /// The search index's words of each item and follow-up, cut as they
    /// are read, while the batch before is written.
    docs: Vec<Doc>,
    /// Whether any record updates a stored one (whose words the index holds).
    updates: bool,
}

impl Writes {
    fn len(&self) -> usize {
        self.visits.len() + self.agenda.len() + self.follow_ups.len()
    }

    /// `words`: whether the batch will be written (a preview needs none).
    fn add_item(&mut self, item: AgendaItem, words: bool) {
        if words {
            self.docs.push(Doc::of_agenda_item(&item));
        }
        self.agenda.push(item);
    }

    fn add_follow_up(&mut self, f: FollowUp, words: bool) {
        if words {
            self.docs.push(Doc::of_follow_up(&f));
        }
        self.follow_ups.push(f);
    }
}

/// The second reading: each entry becomes a record, through the same
/// validation as the form, and the records are written in batches inside
/// the caller's transaction (`write`), or only counted (a preview). Any
/// problem stops the writing; the caller then drops the transaction.
async fn plan(
    conn: &mut dyn Session,
    input: IcsInput<'_>,
    path: &str,
    into: Option<Uuid>,
    lang: Lang,
    write: bool,
    work: &Work,
) -> Result<IcsPlan> {
    let scan = scan(conn, input, path, work).await?;
    let (reader, size, modified) = input.open(path)?;
    if (size, modified) != (scan.size, scan.modified) {
        return Err(changed_while_read(path));
    }
    let stream = Stream::new(reader);
    let mut r = Reader { path, p: Problems::new() };
    // Progress runs over both readings: the first is half of the work.
    let stage = if write { Stage::Writing } else { Stage::Checking };

    // Where new things go: the visit asked for, else the visit the file's
    // known records belong to, else a new one (made at the first entry to
    // add, and given its span and title once all are read).
    let mut target = match into {
        Some(id) => Some(conn.visit(id).await?),
        None => match (scan.first_visit, scan.first_item, scan.first_follow_up) {
            (Some(v), _, _) => Some(conn.visit(v).await?),
            (None, Some(item), _) => {
                let visit_id = conn.agenda_item(item).await?.visit_id;
                Some(conn.visit(visit_id).await?)
            }
            (None, None, Some(f)) => {
                let visit_id = conn.follow_up(f).await?.visit_id;
                Some(conn.visit(visit_id).await?)
            }
            (None, None, None) => None,
        },
    };
    if write {
        // Read through and checked; nothing written, no write lock held.
        crate::pause::point("ics-import:planned");
    }
    let at = now();
    // A new visit for the entries to add, when there is nowhere else for
    // them: made (and written) before any of them, spanning all of them.
    let mut new_visit = None;
    if target.is_none() {
        let mut all = Additions::default();
        for (a, _) in scan.additions.iter().zip(&scan.cancels).filter(|(_, cancel)| !**cancel) {
            all.merge(a);
        }
        if all.count > 0 {
            let zone = scan.zone_hint.unwrap_or(Tz::UTC);
            target = new_visit_for(&mut r, &all, &scan.name, path, zone, at, lang, new_id());
            std::mem::take(&mut r.p).finish(|| ())?;
            new_visit = target.as_ref().map(|v| v.id);
            if let (Some(v), true) = (&target, write) {
                write_made_visit(conn, v).await?;
            }
        }
    }
    let people_by_email = people_by_email(conn, target.as_ref()).await?;
    let new =
        New { visit: target.as_ref(), people: &people_by_email, at, made_visit: new_visit.is_some(), listed: false };
    let adding: usize = scan.additions.iter().map(|a| a.count).sum();
    if write {
        // Every record added is indexed from its batch (flush).
        conn.suspend_insert_marks(&[Table::AgendaItems, Table::FollowUps], adding).await?;
    }
    let mut m = Made { r, plan: IcsPlan::default(), writes: Writes::default(), outside: 0, write };
    let mut rereading = Rereading { stream, path, scan: &scan, calendar: 0, entries: 0, work, stage, size };
    // The visits updated items are in, read once each.
    let mut visits: HashMap<Uuid, Visit> = HashMap::new();
    // An entry read while a batch was being written, which needs its
    // stored record and so waited for the writing to end.
    let mut held: Option<Entry> = None;
    loop {
        let e = match held.take() {
            Some(e) => e,
            None => match rereading.next(&mut m.r)? {
                Some(e) => e,
                None => break,
            },
        };
        // What is left is an update of a stored record, which is read first.
        if let Some((e, known)) = m.without_store(e, &scan.known, &new)? {
            let e = &e;
            match known {
                Known { kind: EntryKind::Visit, id, .. } => {
                    // A newer version of a visit's own event: what a calendar can
                    // change about it is its title, place and whether it happens.
                    // The result goes through the form's validation like any edit.
                    let old = conn.visit(id).await?;
                    let mut input = VisitInput::from(&old);
                    if !e.summary.trim().is_empty() {
                        input.title = e.summary.clone();
                    }
                    input.venue = e.location.clone();
                    if cancelled(e) {
                        input.status = VisitStatus::Cancelled;
                    }
                    let stamp = Stamp {
                        uid: old.uid.clone(),
                        sequence: e.sequence,
                        created_at: old.created_at,
                        updated_at: at,
                    };
                    match VisitData::try_from(&input) {
                        Ok(d) => {
                            m.writes.visits.push(d.into_record(old.id, stamp));
                            m.plan.note(Action::Updated, || plan_entry(e, EntryKind::Visit));
                        }
                        Err(Error::Invalid(errors)) => m.r.field_errors(e, errors),
                        Err(other) => return Err(other),
                    }
                }
                Known { kind: EntryKind::AgendaItem, id, .. } => {
                    let old = conn.agenda_item(id).await?;
                    if !visits.contains_key(&old.visit_id) {
                        let v = conn.visit(old.visit_id).await?;
                        visits.insert(v.id, v);
                    }
                    let visit = &visits[&old.visit_id];
                    let mut people = attendees(&people_by_email, e);
                    if people.people.is_empty() || visit.id != target.as_ref().map_or(visit.id, |t| t.id) {
                        people.people = old.participant_ids.clone();
                        people.chair = None;
                    }
                    // What the file does not say is kept: the chair when it names
                    // none (other calendar apps drop ROLE), and the speakers, for
                    // those still in the item.
                    people.chair = people.chair.or(old.chair_id.filter(|c| people.people.contains(c)));
                    people.speakers = old.speaker_ids.iter().copied().filter(|s| people.people.contains(s)).collect();
                    let stamp = Stamp {
                        uid: old.uid.clone(),
                        sequence: e.sequence,
                        created_at: old.created_at,
                        updated_at: at,
                    };
                    let room = match old.room_id {
                        Some(room) => Some(conn.room(room).await?),
                        None => None,
                    };
                    if let Some(mut item) =
                        agenda_record(&mut m.r, e, visit, Some((old.kind, room.as_ref())), people, old.id, stamp)
                    {
                        // Calendar files do not carry the order of items that start
                        // together; an item that still starts then keeps its place.
                        if item.starts_at == old.starts_at {
                            item.position = old.position;
                        }
                        m.outside += usize::from(target.as_ref().is_some_and(|t| outside_of(t, &item)));
                        m.writes.add_item(item, m.write);
                        m.writes.updates = true;
                        m.plan.note(Action::Updated, || plan_entry(e, EntryKind::AgendaItem));
                    }
                }
                Known { kind: EntryKind::FollowUp, id, .. } => {
                    let old = conn.follow_up(id).await?;
                    let stamp = Stamp {
                        uid: old.uid.clone(),
                        sequence: e.sequence,
                        created_at: old.created_at,
                        updated_at: at,
                    };
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
                            m.writes.add_follow_up(d.into_record(old.id, old.visit_id, stamp), m.write);
                            m.writes.updates = true;
                            m.plan.note(Action::Updated, || plan_entry(e, EntryKind::FollowUp));
                        }
                        Err(Error::Invalid(errors)) => m.r.field_errors(e, errors),
                        Err(other) => return Err(other),
                    }
                }
            }
        }
        if m.writes.len() >= BATCH {
            // Once anything is wrong nothing more is written: the file is
            // read on only to report all its problems at once.
            if write && m.r.p.is_empty() {
                // While the database writes this batch, the next one is read
                // and made on this thread (perf showed the two taking turns,
                // each idle while the other worked). New entries need nothing
                // stored; the reading stops at the first entry that does.
                let batch = std::mem::take(&mut m.writes);
                let (written, next) =
                    tokio::join!(flush(conn, batch, new_visit), m.read_new(&mut rereading, &scan.known, &new));
                written?;
                held = next?;
            } else {
                m.writes = Writes::default();
            }
        }
    }
    let Made { r, plan: mut out, writes, outside, .. } = m;
    r.p.finish(|| ())?;
    work.check()?;
    if write {
        flush(conn, writes, new_visit).await?;
        conn.end_bulk().await?;
    }
    out.went_into(target.as_ref(), new_visit.is_some(), outside);
    work.report(stage, 2 * size, 2 * size);
    Ok(out)
}

/// What the one reading of a file came to.
enum Reading {
    Done(IcsPlan),
    /// The file is not the plain case [`one_reading`] is for: the caller
    /// rolls back whatever it wrote and runs [`plan`] instead.
    Abandoned,
}

/// Whether the one reading goes on after a batch.
enum Step {
    More,
    End,
    Abandon,
}

/// Imports a file in a single reading, for the case nearly every import
/// is: entries that are all new, going into the visit asked for or into a
/// visit made for them, with nothing wrong in the file. Records are made as
/// they are read and written a batch at a time, each batch's UIDs looked up
/// first. The visit made for the file is a stand-in in memory, written at
/// the end with its span, zone and title, after its items (the backend
/// defers foreign keys, or this gives up at once).
///
/// Events without a zone are held until the made visit's zone is known
/// (Liaison's own files begin with all-day events); past a batch of them,
/// they are made in UTC, and a different zone coming after them gives up
/// at the end.
///
/// The first entry that is not the plain case gives up: a UID already
/// stored (which decides where new entries go even when it comes last), a
/// METHOD:CANCEL (which may come after the entries it cancels), or any
/// problem. The caller then rolls back and reads the file twice with
/// [`plan`], which decides every case; the result is the same either way.
///
/// Reading once spares this thread a whole reading and keeps the
/// database's thread busy from the first batch. That thread is the
/// bottleneck, so the whole command gains less than the reading costs (the
/// figures are in the notes on issue 15). The write lock is taken at the
/// first batch rather than after a first reading, and is held no longer:
/// the second reading held it as long.
async fn one_reading(
    conn: &mut dyn Session,
    input: IcsInput<'_>,
    path: &str,
    into: Option<Uuid>,
    lang: Lang,
    work: &Work,
) -> Result<Reading> {
    if !conn.defer_foreign_keys().await? {
        return Ok(Reading::Abandoned);
    }
    let (reader, size, _) = input.open(path)?;
    let target = match into {
        Some(id) => Some(conn.visit(id).await?),
        None => None,
    };
    let people = people_by_email(conn, target.as_ref()).await?;
    let mut one = One {
        stream: Stream::new(reader),
        work,
        size,
        target,
        made: None,
        zone_hint: None,
        held: Vec::new(),
        untimed_zone: None,
        name: String::new(),
        lines: HashMap::new(),
        uids: Vec::with_capacity(BATCH),
        all: Additions::default(),
        entries: 0,
        at: now(),
        lang,
        path,
        m: Made {
            r: Reader { path, p: Problems::new() },
            plan: IcsPlan::default(),
            writes: Writes::default(),
            outside: 0,
            write: true,
        },
    };
    let mut step = one.read_batch(&people).await?;
    let mut first_write = true;
    loop {
        if matches!(step, Step::Abandon) || !one.m.r.p.is_empty() || one.any_stored(conn).await? {
            return Ok(Reading::Abandoned);
        }
        if first_write {
            // Read and checked as far as the first batch; nothing written,
            // no write lock held.
            crate::pause::point("ics-import:planned");
            first_write = false;
        }
        if matches!(step, Step::End) {
            break;
        }
        // Every record added is indexed from its batch (flush).
        conn.suspend_insert_marks(&[Table::AgendaItems, Table::FollowUps], one.all.count).await?;
        let batch = std::mem::take(&mut one.m.writes);
        let made = one.made.as_ref().map(|v| v.id);
        let (written, next) = tokio::join!(flush(conn, batch, made), one.read_batch(&people));
        written?;
        step = next?;
    }
    work.check()?;
    // The visit made for the file, now that all of it is read: its items
    // went in before it (foreign keys deferred).
    if let Some(stand_in) = &one.made {
        let zone = one.zone_hint.unwrap_or(Tz::UTC);
        if one.untimed_zone.is_some_and(|z| z != zone) {
            return Ok(Reading::Abandoned);
        }
        let Some(v) = new_visit_for(&mut one.m.r, &one.all, &one.name, path, zone, one.at, lang, stand_in.id) else {
            return Ok(Reading::Abandoned);
        };
        write_made_visit(conn, &v).await?;
        one.made = Some(v);
    }
    conn.suspend_insert_marks(&[Table::AgendaItems, Table::FollowUps], one.all.count).await?;
    let made = one.made.as_ref().map(|v| v.id);
    flush(conn, std::mem::take(&mut one.m.writes), made).await?;
    conn.end_bulk().await?;
    let mut out = std::mem::take(&mut one.m.plan);
    out.went_into(one.made.as_ref().or(one.target.as_ref()), one.made.is_some(), one.m.outside);
    work.report(Stage::Writing, size, size);
    Ok(Reading::Done(out))
}

/// Where [`one_reading`] is in the file, and what it has learnt.
struct One<'a> {
    stream: Stream<Box<dyn std::io::BufRead + Send + 'a>>,
    work: &'a Work,
    size: u64,
    path: &'a str,
    lang: Lang,
    at: DateTime<Utc>,
    /// The visit asked for.
    target: Option<Visit>,
    /// Otherwise the visit made for the file, from its first entry to add.
    made: Option<Visit>,
    /// The zone of the first entry with a zoned start: the made visit's.
    zone_hint: Option<Tz>,
    /// Events without a zone of their own read before the made visit's
    /// zone is known, which they are read in: made once it is (or at the
    /// end, in UTC, as [`plan`] would). A file exported by Liaison starts
    /// with its visits' all-day events, before any timed one.
    held: Vec<Entry>,
    /// The zone events without one were made in once more than a batch of
    /// them came before any zone (a file of UTC times may have none at
    /// all): UTC, and if the file's zone turns out to differ, the reading
    /// gives up at the end.
    untimed_zone: Option<Tz>,
    /// The X-WR-CALNAME of the first calendar that has one.
    name: String,
    /// Each UID's line, for duplicates.
    lines: HashMap<Box<str>, u32>,
    /// The UIDs of the batch being made, to look up before it is written.
    uids: Vec<Box<str>>,
    all: Additions,
    entries: usize,
    m: Made<'a>,
}

impl One<'_> {
    /// Reads and makes entries until a batch is full or the file ends,
    /// letting the batch being written go on every few entries.
    async fn read_batch(&mut self, people: &HashMap<String, Uuid>) -> Result<Step> {
        let mut made = 0usize;
        while self.m.writes.len() < BATCH {
            let Some(item) = self.stream.next_item().map_err(|e| e.into_error(self.path))? else {
                return Ok(if self.make_held(people)? { Step::End } else { Step::Abandon });
            };
            let c = match item {
                Item::Property(p) => {
                    if p.name == "METHOD" && p.value.trim().eq_ignore_ascii_case("CANCEL") {
                        return Ok(Step::Abandon);
                    } else if p.name == "X-WR-CALNAME" && self.name.is_empty() {
                        self.name = unescape_text(&p.value);
                    }
                    continue;
                }
                Item::Component(c) if c.name == "VEVENT" || c.name == "VTODO" => c,
                Item::Begin { .. } | Item::Component(_) | Item::End => continue,
            };
            let Some(e) = self.m.r.entry(&c, false, true) else { return Ok(Step::Abandon) };
            if !self.m.r.p.is_empty() || e.uid.is_empty() {
                return Ok(Step::Abandon);
            }
            if self.zone_hint.is_none() {
                if let Some(z) = e.start.and_then(When::zone) {
                    self.zone_hint = Some(z);
                    if let (Some(v), None) = (&mut self.made, self.untimed_zone) {
                        z.name().clone_into(&mut v.time_zone);
                    }
                    if !self.make_held(people)? {
                        return Ok(Step::Abandon);
                    }
                }
            }
            match self.lines.entry(e.uid.as_str().into()) {
                std::collections::hash_map::Entry::Occupied(_) => return Ok(Step::Abandon),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(e.line as u32);
                }
            }
            self.uids.push(e.uid.as_str().into());
            self.entries += 1;
            if self.entries % BATCH == 0 {
                self.work.check()?;
                self.work.report(Stage::Writing, self.stream.bytes_read(), self.size);
            }
            if !cancelled(&e) {
                self.add(&e);
                let untimed = !e.todo && e.start.and_then(When::zone).is_none();
                if untimed && self.target.is_none() && self.zone_hint.is_none() && self.untimed_zone.is_none() {
                    if self.held.len() < BATCH {
                        // Listed where it is in the file; made into an item
                        // once the zone is known, or the reading gives up.
                        self.m.plan.note(Action::Added, || plan_entry(&e, EntryKind::AgendaItem));
                        self.held.push(e);
                        continue;
                    }
                    // Held entries would take memory in proportion to the
                    // file: from here on they are made in UTC, the zone of
                    // a file that has none.
                    self.untimed_zone = Some(Tz::UTC);
                    if !self.make_held(people)? {
                        return Ok(Step::Abandon);
                    }
                }
            }
            if !self.make(e, people, false)? {
                return Ok(Step::Abandon);
            }
            made += 1;
            if made % YIELD_EVERY == 0 {
                tokio::task::yield_now().await;
            }
        }
        Ok(Step::More)
    }

    /// Makes an entry's record into the batch; false when it is not new.
    /// `listed`: the entry was listed in the plan when it was read (it was
    /// held for the zone).
    fn make(&mut self, e: Entry, people: &HashMap<String, Uuid>, listed: bool) -> Result<bool> {
        let new = New {
            visit: self.target.as_ref().or(self.made.as_ref()),
            people,
            at: self.at,
            made_visit: self.made.is_some(),
            listed,
        };
        // The one reading makes only what is new: nothing is stored to
        // compare with, which an empty map says (made without allocating).
        Ok(self.m.without_store(e, &HashMap::new(), &new)?.is_none())
    }

    /// Makes the entries held for the zone, now known (or never to be);
    /// false at the first one that is not new, where the reading gives up
    /// (the rest are not made: the file is read again).
    fn make_held(&mut self, people: &HashMap<String, Uuid>) -> Result<bool> {
        for e in std::mem::take(&mut self.held) {
            if !self.make(e, people, true)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Counts an entry to add (which decides whether the batches mark
    /// their records for the search index), and, when no visit was asked
    /// for, takes it into the made visit's span, making the visit (a
    /// stand-in until the file is read) at the first.
    fn add(&mut self, e: &Entry) {
        self.all.add(e.todo, e.start, e.end, &e.summary);
        if self.target.is_some() {
            return;
        }
        if self.made.is_none() {
            let zone = self.zone_hint.unwrap_or(Tz::UTC);
            let now = Additions { first_start: Some(self.at), last_end: Some(self.at), ..Additions::default() };
            self.made = new_visit_for(&mut self.m.r, &now, &self.name, self.path, zone, self.at, self.lang, new_id());
        }
    }

    /// Whether any UID of the batch is stored, which only [`plan`] decides.
    async fn any_stored(&mut self, conn: &mut dyn Session) -> Result<bool> {
        let uids: Vec<&str> = self.uids.iter().map(|u| &**u).collect();
        let mut stored = false;
        if !uids.is_empty() {
            for table in [UidTable::Visits, UidTable::AgendaItems, UidTable::FollowUps] {
                stored = stored || !conn.ids_by_uid(table, &uids).await?.is_empty();
            }
        }
        self.uids.clear();
        Ok(stored)
    }
}

/// The second reading's place in the file.
struct Rereading<'a> {
    stream: Stream<Box<dyn std::io::BufRead + Send + 'a>>,
    path: &'a str,
    scan: &'a Scan,
    /// Calendars begun so far.
    calendar: usize,
    entries: usize,
    work: &'a Work,
    stage: Stage,
    size: u64,
}

impl Rereading<'_> {
    /// The next event or task, checked as it was in the first reading: an
    /// entry that is not where it was means the file changed in between.
    fn next(&mut self, r: &mut Reader) -> Result<Option<Entry>> {
        while let Some(item) = self.stream.next_item().map_err(|e| e.into_error(self.path))? {
            let c = match item {
                Item::Begin { .. } => {
                    self.calendar += 1;
                    continue;
                }
                Item::Component(c) if c.name == "VEVENT" || c.name == "VTODO" => c,
                _ => continue,
            };
            let cancel = self.scan.cancels.get(self.calendar.saturating_sub(1)).copied().unwrap_or(false);
            let Some(e) = r.entry(&c, cancel, true) else { return Err(changed_while_read(self.path)) };
            if self.scan.lines.get(e.uid.as_str()).copied() != Some(e.line as u32) {
                return Err(changed_while_read(self.path));
            }
            self.entries += 1;
            if self.entries % BATCH == 0 {
                self.work.check()?;
                self.work.report(self.stage, self.size + self.stream.bytes_read(), 2 * self.size);
            }
            return Ok(Some(e));
        }
        Ok(None)
    }
}

/// The file is not the one the first reading checked: nothing is written.
fn changed_while_read(path: &str) -> Error {
    Error::Conflict(Problem::IcsChangedWhileRead { file: path.to_owned() })
}

/// Where the second reading's new entries go.
struct New<'a> {
    /// None: there is nowhere for them (the file only updates).
    visit: Option<&'a Visit>,
    /// The visit's people by email, lower case.
    people: &'a HashMap<String, Uuid>,
    at: DateTime<Utc>,
    /// Whether the import made the visit (which then spans every item).
    made_visit: bool,
    /// Whether the plan listed these entries already, when they were read
    /// (the one reading's entries held for the zone), so that it lists
    /// everything in the file's order.
    listed: bool,
}

/// What the second reading makes of the entries.
struct Made<'a> {
    r: Reader<'a>,
    plan: IcsPlan,
    writes: Writes,
    /// Items that fall outside their visit's days.
    outside: usize,
    /// Whether the records made are written (not a preview).
    write: bool,
}

/// Entries made between two chances for a batch being written to go on:
/// the writing waits on this thread between its statements. A 100k-event
/// file imported in a median 1.18 s yielding every 16 and 1.16 s every 2
/// (release, interleaved, 9 runs each; 1.21 and 1.18 s in 7 runs before).
const YIELD_EVERY: usize = 2;

impl Made<'_> {
    /// Makes an entry that needs nothing stored (a new one, or one left
    /// alone) and gives back None; gives back one that updates a stored
    /// record, with what the first reading learnt of that record.
    fn without_store(
        &mut self,
        e: Entry,
        known: &HashMap<Box<str>, Known>,
        new: &New,
    ) -> Result<Option<(Entry, Known)>> {
        match known.get(e.uid.as_str()).copied() {
            Some(Known { kind, sequence, .. }) if e.sequence <= sequence => {
                self.plan.note(Action::Unchanged, || plan_entry(&e, kind));
            }
            Some(k) => return Ok(Some((e, k))),
            // Nothing here to cancel.
            None if cancelled(&e) => {
                let kind = if e.todo { EntryKind::FollowUp } else { EntryKind::AgendaItem };
                self.plan.note(Action::Unchanged, || plan_entry(&e, kind));
            }
            None => {
                let Some(visit) = new.visit else { return Ok(None) };
                // Time-ordered, as every id Liaison makes (see new_id).
                let id = new_id();
                let stamp = Stamp { uid: e.uid.clone(), sequence: e.sequence, created_at: new.at, updated_at: new.at };
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
                            self.writes.add_follow_up(d.into_record(id, visit.id, stamp), self.write);
                            self.plan.note(Action::Added, || plan_entry(&e, EntryKind::FollowUp));
                        }
                        Err(Error::Invalid(errors)) => self.r.field_errors(&e, errors),
                        Err(other) => return Err(other),
                    }
                } else if let Some(item) =
                    agenda_record(&mut self.r, &e, visit, None, attendees(new.people, &e), id, stamp)
                {
                    self.outside += usize::from(!new.made_visit && outside_of(visit, &item));
                    self.writes.add_item(item, self.write);
                    if !new.listed {
                        self.plan.note(Action::Added, || plan_entry(&e, EntryKind::AgendaItem));
                    }
                }
            }
        }
        Ok(None)
    }

    /// Reads and makes entries until a batch is full, the file ends, or an
    /// entry needs its stored record (given back), letting the batch being
    /// written go on every few entries.
    async fn read_new(
        &mut self,
        rereading: &mut Rereading<'_>,
        known: &HashMap<Box<str>, Known>,
        new: &New<'_>,
    ) -> Result<Option<Entry>> {
        let mut made = 0usize;
        while self.writes.len() < BATCH {
            let Some(e) = rereading.next(&mut self.r)? else { return Ok(None) };
            if let Some((e, _)) = self.without_store(e, known, new)? {
                return Ok(Some(e));
            }
            made += 1;
            if made % YIELD_EVERY == 0 {
                tokio::task::yield_now().await;
            }
        }
        Ok(None)
    }
}

/// The people an event names among the visit's, and its chair (ROLE=CHAIR,
/// which Liaison writes for an item's chair alone). Speakers have no place
/// in a calendar file.
fn attendees(people_by_email: &HashMap<String, Uuid>, e: &Entry) -> Who {
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
}

fn cancelled(e: &Entry) -> bool {
    e.status.as_deref() == Some("CANCELLED")
}

/// How a plan lists an entry. Made only for the entries a plan lists (the
/// first [`LISTED`]): writing out a time is not free.
fn plan_entry(e: &Entry, kind: EntryKind) -> PlanEntry {
    PlanEntry {
        kind,
        uid: e.uid.clone(),
        title: e.summary.clone(),
        when: e.start.or(e.due).map(When::describe).unwrap_or_default(),
        line: e.line as u32,
    }
}

/// Whether an item lies outside its visit's days, in part.
fn outside_of(v: &Visit, a: &AgendaItem) -> bool {
    a.visit_id == v.id && (a.starts_at < v.starts_at || a.ends_at > v.ends_at)
}

#[derive(Clone, Copy)]
enum Action {
    Added,
    Updated,
    Unchanged,
}

impl IcsPlan {
    /// Names the visit the entries went into, and warns of items that fall
    /// outside its dates (never those of a visit made for them: it spans
    /// them all).
    fn went_into(&mut self, visit: Option<&Visit>, made: bool, outside: usize) {
        let Some(v) = visit else { return };
        self.visit = Some(PlanVisit { id: v.id, title: v.title.clone(), new: made });
        if outside > 0 && !made {
            self.warnings.push(Warning::new(
                "",
                WarningCode::OutsideVisit,
                Problem::ItemsOutsideVisit { count: outside, title: v.title.clone() },
            ));
        }
    }

    /// Counts an entry, and lists it while the list is short.
    fn note(&mut self, action: Action, entry: impl FnOnce() -> PlanEntry) {
        let (list, count) = match action {
            Action::Added => (&mut self.added, &mut self.counts.added),
            Action::Updated => (&mut self.updated, &mut self.counts.updated),
            Action::Unchanged => (&mut self.unchanged, &mut self.counts.unchanged),
        };
        *count += 1;
        if list.len() < LISTED {
            list.push(entry());
        }
    }
}

/// Writes the visit made for a file's entries, with its line of history.
async fn write_made_visit(conn: &mut dyn Session, v: &Visit) -> Result<()> {
    use crate::history::{self, entry};
    conn.upsert_visits(std::slice::from_ref(v)).await?;
    let line: Vec<_> =
        entry(Entity::Visit, v.id, Some(v.id), &v.title, None, Some(history::of_visit(v))).into_iter().collect();
    conn.append_history(&line).await
}

/// Writes a batch, with its history, inside the caller's transaction.
async fn flush(tx: &mut dyn Session, batch: Writes, new_visit: Option<Uuid>) -> Result<()> {
    if batch.len() == 0 {
        return Ok(());
    }
    let changes = history_of(tx, &batch, new_visit).await?;
    tx.upsert_visits(&batch.visits).await?;
    tx.upsert_agenda(&batch.agenda).await?;
    crate::pause::point("ics-import:agenda");
    tx.upsert_follow_ups(&batch.follow_ups).await?;
    crate::search::index_docs_written(tx, &batch.docs, !batch.updates).await?;
    tx.append_history(&changes).await
}

/// The people of the visit new items go into, by email (lower case): an
/// event's ATTENDEEs are matched against them.
async fn people_by_email(conn: &mut dyn Session, target: Option<&Visit>) -> Result<HashMap<String, Uuid>> {
    let Some(v) = target else { return Ok(HashMap::new()) };
    let ids: Vec<Uuid> = conn.participants_of_visit(v.id).await?.iter().map(|p| p.person_id).collect();
    Ok(conn
        .people_by_ids(&ids)
        .await?
        .into_iter()
        .filter(|p| !p.email.is_empty())
        .map(|p| (p.email.to_ascii_lowercase(), p.id))
        .collect())
}

/// A new visit `id` spanning the file's events, in the zone of its first
/// timed event (UTC when it has none); None, with the problem recorded,
/// when the file gives nothing to span.
#[allow(clippy::too_many_arguments)]
fn new_visit_for(
    r: &mut Reader,
    additions: &Additions,
    name: &str,
    path: &str,
    zone: Tz,
    at: DateTime<Utc>,
    lang: Lang,
    id: Uuid,
) -> Option<Visit> {
    let Some((starts_at, ends_at)) = additions.span(zone) else {
        r.problem(1, Problem::IcsOnlyTasks);
        return None;
    };
    let file = file_name(path);
    // The file's name for the calendar, else its one event's title; only
    // what would pass as a title (a file may name itself anything).
    let only = if additions.count == 1 { additions.first_title.trim() } else { "" };
    let title = [name.trim(), only]
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

fn file_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map_or(path.to_owned(), |f| f.to_string_lossy().into_owned())
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
                r.problem_in(e.lines.of(field).map_or(e.line, |(line, _)| line), prop, m);
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
        self.preview_ics_from(IcsInput::Bytes(bytes), path, into, lang, &Work::quiet()).await
    }

    /// What importing `input` would do; writes nothing. The file is read
    /// through twice, in the memory of one entry and a small one per UID.
    pub async fn preview_ics_from(
        &self,
        input: IcsInput<'_>,
        path: &str,
        into: Option<Uuid>,
        lang: Lang,
        work: &Work,
    ) -> Result<IcsPlan> {
        let mut c = self.read().await?;
        plan(&mut *c, input, path, into, lang, false, work).await
    }

    /// [`Service::import_ics_in`] in English.
    pub async fn import_ics(&self, bytes: &[u8], path: &str, into: Option<Uuid>) -> Result<IcsPlan> {
        self.import_ics_in(bytes, path, into, Lang::En).await
    }

    /// [`Service::import_ics_from`] for a file already in memory.
    pub async fn import_ics_in(&self, bytes: &[u8], path: &str, into: Option<Uuid>, lang: Lang) -> Result<IcsPlan> {
        self.import_ics_from(IcsInput::Bytes(bytes), path, into, lang, &Work::quiet()).await
    }

    /// Imports a calendar file in one transaction: all of it or, on any
    /// problem or a cancel, nothing, writing in batches so that the file
    /// never has to fit in memory. A file of new entries with nothing wrong
    /// is read once ([`one_reading`]); any other is read through and checked
    /// first, then read again and written ([`plan`]). If another
    /// process wrote meanwhile, it is planned again on what that left (and,
    /// after a few tries, with the lock held).
    /// A new visit made for the file is named in `lang` ("Imported from
    /// FILE"): the words Liaison adds follow the reader's language.
    pub async fn import_ics_from(
        &self,
        input: IcsInput<'_>,
        path: &str,
        into: Option<Uuid>,
        lang: Lang,
        work: &Work,
    ) -> Result<IcsPlan> {
        const DEFERRED_TRIES: u32 = 3;
        let mut attempt = 0;
        // Read once, unless that gave up on this file: then twice.
        let mut once = true;
        loop {
            let mut tx = if attempt < DEFERRED_TRIES { self.storage().plan().await? } else { self.write().await? };
            let done = if once {
                one_reading(&mut *tx, input, path, into, lang, work).await
            } else {
                plan(&mut *tx, input, path, into, lang, true, work).await.map(Reading::Done)
            };
            match done {
                Ok(Reading::Abandoned) => {
                    tx.rollback().await?;
                    once = false;
                }
                Ok(Reading::Done(out)) => {
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

/// What a batch of writes changes, against what is stored (read before
/// writing): each record added or changed is a line of its own, except the
/// items and tasks of a visit the import makes, which its own line covers.
async fn history_of(
    tx: &mut dyn Session,
    writes: &Writes,
    new_visit: Option<Uuid>,
) -> Result<Vec<crate::storage::NewHistory>> {
    use crate::history::{self, entry};
    use crate::storage::Table;
    let mut out = Vec::new();
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
    let ids: Vec<Uuid> = writes.agenda.iter().filter(|a| Some(a.visit_id) != new_visit).map(|a| a.id).collect();
    let stored = tx.existing_ids(Table::AgendaItems, &ids).await?;
    for a in writes.agenda.iter().filter(|a| Some(a.visit_id) != new_visit) {
        let old =
            if stored.contains(&a.id) { Some(history::of_agenda_item(&tx.agenda_item(a.id).await?)) } else { None };
        out.extend(entry(Entity::AgendaItem, a.id, Some(a.visit_id), &a.title, old, Some(history::of_agenda_item(a))));
    }
    let ids: Vec<Uuid> = writes.follow_ups.iter().filter(|f| Some(f.visit_id) != new_visit).map(|f| f.id).collect();
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
