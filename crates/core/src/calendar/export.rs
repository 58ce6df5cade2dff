//! Writes visits, agenda items and follow-ups as an iCalendar stream
//! (RFC 5545) with an iTIP method (RFC 5546).
//!
//! What becomes what:
//! - a visit: an all-day VEVENT over its days (exclusive DTEND), marked free
//!   (TRANSP:TRANSPARENT) so that it does not block anyone's day;
//! - an agenda item: a timed VEVENT in the zone it was planned in, with a
//!   VTIMEZONE for that zone in the file;
//! - a follow-up: a VTODO with DUE, or with `Tasks::Events` an all-day VEVENT
//!   on its due date for the calendars that ignore VTODO.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::text::Writer;
use super::tz::{day_after, is_utc, write_vtimezone};
use crate::error::{Error, Result};
use crate::i18n::{t, Lang};
use crate::model::*;
use crate::model::{labelled, string_enum};
use crate::problem::{list, quoted, Problem};
use crate::time::stored_zone;

pub const PRODID: &str = concat!("-//Liaison//Liaison ", env!("CARGO_PKG_VERSION"), "//EN");

string_enum! {
    /// The iTIP method of an exported file. `publish`: a calendar to
    /// subscribe to or import, ORGANIZER and no ATTENDEE; `request`: an
    /// invitation, every participant with an email as ATTENDEE; `cancel`:
    /// withdraws what an earlier file sent, same UIDs, higher SEQUENCE.
    Method {
        Publish = "publish",
        Request = "request",
        Cancel = "cancel",
    }
}

labelled! {
    Method "calendar-method",
    Tasks "calendar-tasks",
}

impl Method {
    fn as_ical(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

string_enum! {
    /// How follow-ups are written: VTODO with DUE; an all-day VEVENT on the
    /// due date (Google Calendar and Outlook ignore VTODO); or not at all.
    Tasks {
        Todo = "todo",
        Events = "events",
        None = "none",
    }
}

#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub method: Method,
    pub tasks: Tasks,
    /// The organiser's email. None: the first host-side participant with an
    /// email, visit by visit.
    pub organizer: Option<String>,
    /// DTSTAMP: when this file was made.
    pub stamp: DateTime<Utc>,
    /// The language of the text Liaison adds (descriptions, categories,
    /// names' order, warnings). An import recognises it in every language.
    pub lang: Lang,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self { method: Method::Publish, tasks: Tasks::Todo, organizer: None, stamp: Utc::now(), lang: Lang::En }
    }
}

/// What a file is made of, read from the store in one go.
#[derive(Debug, Clone, Default)]
pub struct CalendarSet {
    /// X-WR-CALNAME, when the file holds more than one event.
    pub name: String,
    /// The person whose itinerary this is: the calendar is named after
    /// them, in the order of names the export's language reads.
    pub person: Option<Person>,
    /// In start order.
    pub visits: Vec<Visit>,
    pub agenda: Vec<AgendaItem>,
    pub follow_ups: Vec<FollowUp>,
    /// Of the visits above, in list order (hosts first, by precedence).
    pub participants: Vec<Participant>,
    pub people: HashMap<Uuid, Person>,
    pub organisations: HashMap<Uuid, Organisation>,
    /// The rooms the agenda is in.
    pub rooms: HashMap<Uuid, Room>,
}

/// A written file and what is worth telling the user about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Exported {
    #[serde(skip)]
    #[ts(skip)]
    pub text: String,
    /// What the calendar is of: a visit's title, a person's name, "Liaison".
    pub name: String,
    pub method: Method,
    pub events: u32,
    pub todos: u32,
    pub warnings: Vec<String>,
}

/// Writes `set` as one iCalendar stream.
pub fn write_calendar(set: &CalendarSet, opts: &ExportOptions) -> Result<Exported> {
    Exporter::new(set, opts)?.write()
}

/// A calendar file made a stretch at a time, for an agenda too large to
/// hold at once: the head (once the agenda's zones and size are known), the
/// agenda page by page, then the tail. The caller writes each stretch out.
pub struct Streamed<'a> {
    e: Exporter<'a>,
    lo: LeftOut,
    /// Agenda items an invitation leaves out, seen by [`Streamed::look`].
    items_left_out: usize,
    counts: Option<Counts>,
    without_email: Vec<Uuid>,
}

impl<'a> Streamed<'a> {
    /// `set` without its agenda, which comes page by page.
    pub fn new(set: &'a CalendarSet, opts: &'a ExportOptions) -> Result<Self> {
        let e = Exporter::new(set, opts)?;
        let mut lo = LeftOut::default();
        e.consider_visits(&mut lo);
        Ok(Streamed { e, lo, items_left_out: 0, counts: None, without_email: Vec::new() })
    }

    /// Whether every page must be shown to [`Streamed::look`] before the
    /// head: an invitation leaves out what it cannot invite anyone to, and
    /// its head says how many components it holds.
    pub fn must_look(&self) -> bool {
        self.e.method == Method::Request
    }

    pub fn look(&mut self, items: &[AgendaItem]) {
        let before = self.lo.ids.len();
        self.e.consider_items(items, &mut self.lo);
        self.items_left_out += self.lo.ids.len() - before;
    }

    /// The file's start, for an agenda of `items` items in `spans`; an
    /// invitation of nothing is refused here, before anything is written.
    pub fn head(&mut self, items: usize, spans: &Spans) -> Result<String> {
        self.e.consider_follow_ups(&mut self.lo);
        let counts = self.e.count(&self.lo, items.saturating_sub(self.items_left_out))?;
        let head = self.e.head(&counts, &self.lo, spans);
        self.counts = Some(counts);
        Ok(self.take(head))
    }

    /// The file's name, once [`Streamed::look`] has seen every page; refuses
    /// what [`Streamed::head`] would (an invitation of nothing), with no
    /// file made.
    pub fn check(mut self, items: usize) -> Result<String> {
        self.e.consider_follow_ups(&mut self.lo);
        self.e.count(&self.lo, items.saturating_sub(self.items_left_out))?;
        Ok(self.e.name.clone())
    }

    /// A page of the agenda, in the file's order.
    pub fn items(&mut self, items: &[AgendaItem]) -> String {
        let parts = self.e.items(items, &self.lo.ids);
        let mut text = String::with_capacity(parts.iter().map(|p| p.w.len()).sum());
        for part in parts {
            text.push_str(&self.take(part));
        }
        text
    }

    /// The file's end, and what to tell the user about the file.
    pub fn finish(mut self) -> (String, Exported) {
        let tail = self.e.tail(&self.lo);
        let tail = self.take(tail);
        let counts = self.counts.take().unwrap_or(Counts { events: 0, todos: 0 });
        let exported = self.e.done(counts, self.lo, self.without_email);
        (tail, exported)
    }

    fn take(&mut self, part: Part) -> String {
        self.without_email.extend(part.without_email);
        part.w.finish()
    }
}

struct Organizer {
    email: String,
    cn: String,
    /// "mailto:…", made once per visit rather than once per event.
    mailto: String,
}

impl Organizer {
    fn new(email: String, cn: String) -> Self {
        let mailto = format!("mailto:{email}");
        Organizer { email, cn, mailto }
    }
}

struct Exporter<'a> {
    set: &'a CalendarSet,
    opts: &'a ExportOptions,
    method: Method,
    visits: HashMap<Uuid, &'a Visit>,
    participants: HashMap<Uuid, Vec<&'a Participant>>,
    organizers: HashMap<Uuid, Organizer>,
    stamp: String,
    /// X-WR-CALNAME: the set's name, or the person's in the export's language.
    name: String,
}

/// What an invitation leaves out, and why: the titles, for the warnings.
#[derive(Default)]
struct LeftOut {
    ids: HashSet<Uuid>,
    cancelled: Vec<String>,
    nobody: Vec<String>,
}

impl LeftOut {
    fn warnings(self, lang: crate::i18n::Lang) -> Vec<String> {
        let mut warnings = Vec::new();
        if !self.cancelled.is_empty() {
            warnings.push(t!(lang, "calendar-left-out-cancelled", titles = list(lang, &self.cancelled)));
        }
        if !self.nobody.is_empty() {
            warnings.push(t!(lang, "calendar-left-out-nobody", titles = list(lang, &self.nobody)));
        }
        warnings
    }
}

/// Events and tasks in a file.
struct Counts {
    events: usize,
    todos: usize,
}

/// Each zone the agenda is planned in (UTC aside), with the first start
/// and the last end in it: what its VTIMEZONE must cover.
pub type Spans = BTreeMap<String, (DateTime<Utc>, DateTime<Utc>)>;

fn spans_of(agenda: &[AgendaItem]) -> Spans {
    let mut spans = Spans::new();
    for a in agenda {
        add_span(&mut spans, &a.time_zone, a.starts_at, a.ends_at);
    }
    spans
}

/// Widens `zone`'s span to take in `start`..`end`; UTC needs no VTIMEZONE.
pub fn add_span(spans: &mut Spans, zone: &str, start: DateTime<Utc>, end: DateTime<Utc>) {
    if is_utc(stored_zone(zone)) {
        return;
    }
    match spans.get_mut(zone) {
        Some(span) => {
            span.0 = span.0.min(start);
            span.1 = span.1.max(end);
        }
        None => {
            spans.insert(zone.to_owned(), (start, end));
        }
    }
}

/// One stretch of the file, written by one thread: the agenda of a large
/// export is split across the machine's cores and the parts joined in order.
#[derive(Default)]
struct Part {
    w: Writer,
    without_email: Vec<Uuid>,
    /// Reused for every DESCRIPTION.
    scratch: String,
    /// The last zone looked up by name: consecutive items share a zone, and
    /// parsing a zone name is a hash lookup each time.
    zone_cache: Option<(String, Tz)>,
}

impl Part {
    fn with_capacity(bytes: usize) -> Self {
        Part { w: Writer::with_capacity(bytes), ..Part::default() }
    }

    fn zone(&mut self, name: &str) -> Tz {
        match &self.zone_cache {
            Some((n, z)) if n == name => *z,
            _ => {
                let z = stored_zone(name);
                self.zone_cache = Some((name.to_owned(), z));
                z
            }
        }
    }
}

/// Agenda items per thread below which splitting is not worth a thread.
const ITEMS_PER_PART: usize = 5_000;

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Who an event's ATTENDEE with ROLE=CHAIR is.
#[derive(Clone, Copy)]
enum Chairs {
    /// A visit's heads and hosts ([`ical_role`]).
    ByRole,
    /// An agenda item's own chair, if it names one, and no one else: an
    /// import reads ROLE=CHAIR back as the item's chair, so a head of
    /// delegation marked CHAIR by rank would come back as one.
    Only(Option<Uuid>),
}

/// The RFC 5545 ROLE of a participant of a visit: heads and hosts chair,
/// observers are optional, everyone else is required.
fn ical_role(role: Role) -> &'static str {
    match role {
        Role::HeadOfDelegation | Role::Host => "CHAIR",
        Role::Observer => "OPT-PARTICIPANT",
        _ => "REQ-PARTICIPANT",
    }
}

/// The last day a span covers: an end at midnight does not touch that day.
fn last_day(start: NaiveDateTime, end: NaiveDateTime) -> NaiveDate {
    if end > start && end.time() == chrono::NaiveTime::MIN {
        (end - Duration::days(1)).date()
    } else {
        end.date()
    }
}

fn local_of(t: DateTime<Utc>, zone: Tz) -> NaiveDateTime {
    t.with_timezone(&zone).naive_local()
}

impl<'a> Exporter<'a> {
    fn new(set: &'a CalendarSet, opts: &'a ExportOptions) -> Result<Self> {
        let visits: HashMap<Uuid, &Visit> = set.visits.iter().map(|v| (v.id, v)).collect();
        let mut participants: HashMap<Uuid, Vec<&Participant>> = HashMap::new();
        for p in &set.participants {
            participants.entry(p.visit_id).or_default().push(p);
        }
        for list in participants.values_mut() {
            list.sort_by_key(|p| (p.side != Side::Host, p.precedence));
        }
        // A file that cancels nothing but cancelled things is a cancellation.
        let all_cancelled = !set.visits.is_empty()
            && set.visits.iter().all(|v| v.status == VisitStatus::Cancelled)
            && set.agenda.iter().all(|a| visits.get(&a.visit_id).is_none_or(|v| v.status == VisitStatus::Cancelled));
        let method = if opts.method == Method::Request && all_cancelled { Method::Cancel } else { opts.method };
        let mut e = Exporter {
            set,
            opts,
            method,
            visits,
            participants,
            organizers: HashMap::new(),
            stamp: utc_stamp(opts.stamp),
            name: set.person.as_ref().map_or_else(|| set.name.clone(), |p| p.names().shown(opts.lang)),
        };
        e.choose_organizers()?;
        Ok(e)
    }

    /// The organiser of each visit's components: the one given, or the first
    /// host-side participant with an email. An invitation cannot go out
    /// without one; a published calendar gets a placeholder that can never
    /// receive mail, because RFC 5546 requires ORGANIZER in PUBLISH too.
    fn choose_organizers(&mut self) -> Result<()> {
        // The one given serves every visit: look its name up once, not once
        // per visit over every person (10,000 × 20,000 for --all).
        let given = self.opts.organizer.as_ref().map(|email| {
            let person = self.set.people.values().find(|p| p.email.eq_ignore_ascii_case(email));
            (email.clone(), person.map(|p| p.names().shown(self.opts.lang)).unwrap_or_default())
        });
        let mut missing = Vec::new();
        for v in &self.set.visits {
            let found = match &given {
                Some((email, cn)) => Some(Organizer::new(email.clone(), cn.clone())),
                None => self.participants.get(&v.id).into_iter().flatten().find_map(|p| {
                    let person = self.set.people.get(&p.person_id)?;
                    (p.side == Side::Host && !person.email.is_empty())
                        .then(|| Organizer::new(person.email.clone(), person.names().shown(self.opts.lang)))
                }),
            };
            match found {
                Some(o) => {
                    self.organizers.insert(v.id, o);
                }
                None if self.method == Method::Publish => {
                    let cn = v
                        .host_org_id
                        .and_then(|o| self.set.organisations.get(&o))
                        .map_or_else(|| "Liaison".to_owned(), |o| o.names().shown(self.opts.lang));
                    self.organizers.insert(v.id, Organizer::new("noreply@liaison.invalid".into(), cn));
                }
                None => missing.push(v.title.clone()),
            }
        }
        if !missing.is_empty() {
            return Err(Error::invalid("organizer", Problem::OrganizerNeeded { titles: missing.join(", ") }));
        }
        Ok(())
    }

    /// Whether a component can go into an invitation (RFC 5546 REQUEST): it
    /// is not cancelled, and someone with an email, other than the
    /// organiser, is invited to it.
    fn invitable(&self, visit_id: Uuid, people: &[Uuid], cancelled: bool) -> bool {
        if cancelled {
            return false;
        }
        let organiser = self.organizers.get(&visit_id).map(|o| o.email.as_str()).unwrap_or_default();
        people
            .iter()
            .filter_map(|id| self.set.people.get(id))
            .any(|p| !p.email.is_empty() && !p.email.eq_ignore_ascii_case(organiser))
    }

    /// The people an agenda item invites: those it names, else everyone on
    /// its visit.
    /// Borrowed when the item names its people: this runs for each of
    /// 100,000 items in the export benchmark.
    fn item_people<'s>(&self, a: &'s AgendaItem) -> std::borrow::Cow<'s, [Uuid]> {
        if a.participant_ids.is_empty() {
            self.participants.get(&a.visit_id).into_iter().flatten().map(|p| p.person_id).collect::<Vec<_>>().into()
        } else {
            a.participant_ids.as_slice().into()
        }
    }

    /// In an invitation, what of the visits cannot be in it (why, for the
    /// warnings); nothing is left out of a published or cancelling file.
    /// Then [`Exporter::consider_items`] and
    /// [`Exporter::consider_follow_ups`], in that order.
    fn consider_visits(&self, lo: &mut LeftOut) {
        if self.method != Method::Request {
            return;
        }
        for v in &self.set.visits {
            let people: Vec<Uuid> = self.participants.get(&v.id).into_iter().flatten().map(|p| p.person_id).collect();
            let cancelled = self.cancelled(v.id, v.status == VisitStatus::Cancelled);
            self.consider(lo, v.id, &v.title, v.id, &people, cancelled);
        }
    }

    fn consider_items(&self, items: &[AgendaItem], lo: &mut LeftOut) {
        if self.method != Method::Request {
            return;
        }
        for a in items {
            let cancelled = self.cancelled(a.visit_id, a.status == AgendaStatus::Cancelled);
            self.consider(lo, a.id, &a.title, a.visit_id, &self.item_people(a), cancelled);
        }
    }

    fn consider_follow_ups(&self, lo: &mut LeftOut) {
        if self.method != Method::Request || self.opts.tasks == Tasks::None {
            return;
        }
        for f in &self.set.follow_ups {
            let owner: Vec<Uuid> = f.owner_id.into_iter().collect();
            let cancelled = self.cancelled(f.visit_id, f.status == FollowUpStatus::Dropped);
            self.consider(lo, f.id, &f.title, f.visit_id, &owner, cancelled);
        }
    }

    fn consider(&self, lo: &mut LeftOut, id: Uuid, title: &str, visit_id: Uuid, people: &[Uuid], cancelled: bool) {
        if !self.invitable(visit_id, people, cancelled) {
            lo.ids.insert(id);
            if cancelled { &mut lo.cancelled } else { &mut lo.nobody }.push(quoted(self.opts.lang, title));
        }
    }

    /// How many components the file holds, once `lo` is known and
    /// `items` agenda items are kept; an invitation of nothing is refused.
    fn count(&self, lo: &LeftOut, items: usize) -> Result<Counts> {
        let set = self.set;
        let kept = |id: &Uuid| !lo.ids.contains(id);
        let todos =
            if self.opts.tasks == Tasks::Todo { set.follow_ups.iter().filter(|f| kept(&f.id)).count() } else { 0 };
        let follow_up_events = if self.opts.tasks == Tasks::Events {
            set.follow_ups.iter().filter(|f| f.due_date.is_some() && kept(&f.id)).count()
        } else {
            0
        };
        let events = set.visits.iter().filter(|v| kept(&v.id)).count() + items + follow_up_events;
        if self.method == Method::Request && events + todos == 0 {
            return Err(Error::invalid("method", Problem::NothingToInvite));
        }
        Ok(Counts { events, todos })
    }

    /// The file's start: the calendar's own properties, a VTIMEZONE per
    /// zone the agenda is planned in (`spans`), and the visits' events.
    fn head(&self, counts: &Counts, lo: &LeftOut, spans: &Spans) -> Part {
        let set = self.set;
        let mut head = Part::with_capacity(4096 + set.visits.len() * 900);
        head.w.begin("VCALENDAR");
        head.w.raw("VERSION", "2.0");
        head.w.raw("PRODID", PRODID);
        head.w.raw("CALSCALE", "GREGORIAN");
        head.w.raw("METHOD", self.method.as_ical());
        if counts.events + counts.todos > 1 && !self.name.is_empty() {
            head.w.text("X-WR-CALNAME", &self.name);
        }
        for (zone, (first, last)) in spans {
            write_vtimezone(&mut head.w, stored_zone(zone), *first, *last);
        }
        for v in set.visits.iter().filter(|v| !lo.ids.contains(&v.id)) {
            self.write_visit(&mut head, v);
        }
        head
    }

    /// Agenda items as events, those in `left_out` left out: split across
    /// the machine's cores, the parts in order.
    fn items(&self, items: &[AgendaItem], left_out: &HashSet<Uuid>) -> Vec<Part> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let per_part = items.len().div_ceil(threads).max(ITEMS_PER_PART);
        std::thread::scope(|scope| {
            let handles: Vec<_> = items
                .chunks(per_part)
                .map(|chunk| {
                    scope.spawn(move || {
                        let mut part = Part::with_capacity(chunk.len() * 800);
                        for a in chunk.iter().filter(|a| !left_out.contains(&a.id)) {
                            self.write_item(&mut part, a);
                        }
                        part
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        })
    }

    /// The file's end: the follow-ups, and END:VCALENDAR.
    fn tail(&self, lo: &LeftOut) -> Part {
        let set = self.set;
        let kept = |id: &Uuid| !lo.ids.contains(id);
        let mut tail = Part::with_capacity(64 + set.follow_ups.len() * 500);
        match self.opts.tasks {
            Tasks::Todo => set.follow_ups.iter().filter(|f| kept(&f.id)).for_each(|f| self.write_todo(&mut tail, f)),
            Tasks::Events => {
                set.follow_ups.iter().filter(|f| kept(&f.id)).for_each(|f| self.write_follow_up_event(&mut tail, f))
            }
            Tasks::None => {}
        }
        tail.w.end("VCALENDAR");
        tail
    }

    /// What the user is told about a file written: what was left out, and
    /// who could not be invited (`without_email`, gathered from the parts).
    fn done(&self, counts: Counts, lo: LeftOut, mut without_email: Vec<Uuid>) -> Exported {
        let set = self.set;
        let lang = self.opts.lang;
        let mut warnings = lo.warnings(lang);
        let dated_follow_ups = set.follow_ups.iter().filter(|f| f.due_date.is_some()).count();
        if self.opts.tasks == Tasks::Events && dated_follow_ups < set.follow_ups.len() {
            warnings.push(t!(lang, "calendar-left-out-undated", count = set.follow_ups.len() - dated_follow_ups));
        }
        without_email.sort();
        without_email.dedup();
        let mut names: Vec<String> =
            without_email.iter().filter_map(|id| set.people.get(id)).map(|p| p.names().shown(lang)).collect();
        if !names.is_empty() {
            names.sort();
            names.dedup();
            warnings.push(t!(lang, "calendar-not-invited", names = list(lang, &names)));
        }
        Exported {
            text: String::new(),
            name: self.name.clone(),
            method: self.method,
            events: counts.events as u32,
            todos: counts.todos as u32,
            warnings,
        }
    }

    /// The whole file in memory, from `set.agenda`.
    fn write(self) -> Result<Exported> {
        let set = self.set;
        let mut lo = LeftOut::default();
        self.consider_visits(&mut lo);
        self.consider_items(&set.agenda, &mut lo);
        self.consider_follow_ups(&mut lo);
        let items = set.agenda.iter().filter(|a| !lo.ids.contains(&a.id)).count();
        let counts = self.count(&lo, items)?;
        let head = self.head(&counts, &lo, &spans_of(&set.agenda));
        let agenda = self.items(&set.agenda, &lo.ids);
        let tail = self.tail(&lo);
        let parts: Vec<Part> = std::iter::once(head).chain(agenda).chain(std::iter::once(tail)).collect();
        let without_email = parts.iter().flat_map(|p| p.without_email.iter().copied()).collect();
        let texts: Vec<String> = parts.into_iter().map(|p| p.w.finish()).collect();
        let mut text = String::with_capacity(texts.iter().map(String::len).sum());
        for t in &texts {
            text.push_str(t);
        }
        Ok(Exported { text, ..self.done(counts, lo, without_email) })
    }

    fn common(&self, p: &mut Part, uid: &str, sequence: u32, created: DateTime<Utc>, modified: DateTime<Utc>) {
        p.w.text("UID", uid);
        p.w.raw("DTSTAMP", &self.stamp);
        // A cancellation must outrank what it cancels.
        let sequence = if self.opts.method == Method::Cancel { sequence.saturating_add(1) } else { sequence };
        p.w.integer("SEQUENCE", sequence);
        p.w.date_time("CREATED", None, created.naive_utc());
        p.w.date_time("LAST-MODIFIED", None, modified.naive_utc());
    }

    fn cancelled(&self, visit_id: Uuid, own: bool) -> bool {
        own || self.method == Method::Cancel
            || self.visits.get(&visit_id).is_some_and(|v| v.status == VisitStatus::Cancelled)
    }

    fn write_visit(&self, p: &mut Part, v: &Visit) {
        let zone = p.zone(&v.time_zone);
        let (start, end) = (local_of(v.starts_at, zone), local_of(v.ends_at, zone));
        p.w.begin("VEVENT");
        self.common(p, &v.uid, v.sequence, v.created_at, v.updated_at);
        p.w.date("DTSTART", start.date());
        p.w.date("DTEND", day_after(last_day(start, end)));
        p.w.text("SUMMARY", &v.title);
        if !v.venue.is_empty() {
            p.w.text("LOCATION", &v.venue);
        }
        let mut d = String::new();
        if !v.purpose.is_empty() {
            d.push_str(&v.purpose);
            d.push_str("\n\n");
        }
        let lang = self.opts.lang;
        let org = |id: Option<Uuid>| id.and_then(|o| self.set.organisations.get(&o)).map(|o| o.names().shown(lang));
        if let Some(h) = org(v.host_org_id) {
            let _ = writeln!(d, "{}", t!(lang, "calendar-host", organisation = h));
        }
        if let Some(g) = org(v.guest_org_id) {
            let _ = writeln!(d, "{}", t!(lang, "calendar-guest", organisation = g));
        }
        if !v.topics.is_empty() {
            let _ = writeln!(d, "{}", t!(lang, "calendar-topics", topics = list(lang, &v.topics)));
        }
        d.push_str(&match crate::i18n::zone_city(lang, &v.time_zone) {
            Some(city) => t!(lang, "calendar-planned-in", city = city, zone = v.time_zone.as_str()),
            None => t!(lang, "calendar-planned-in-zone", zone = v.time_zone.as_str()),
        });
        p.w.text("DESCRIPTION", &d);
        p.w.text("CATEGORIES", &v.kind.label_in(lang));
        let status = match v.status {
            _ if self.cancelled(v.id, v.status == VisitStatus::Cancelled) => "CANCELLED",
            VisitStatus::Draft | VisitStatus::Planned => "TENTATIVE",
            _ => "CONFIRMED",
        };
        p.w.raw("STATUS", status);
        p.w.raw("TRANSP", "TRANSPARENT");
        if !v.online_link.is_empty() {
            p.w.raw("URL", &v.online_link);
        }
        let people: Vec<Uuid> = self.participants.get(&v.id).into_iter().flatten().map(|p| p.person_id).collect();
        self.write_people(p, v.id, &people, Chairs::ByRole);
        p.w.end("VEVENT");
    }

    fn write_item(&self, p: &mut Part, a: &AgendaItem) {
        let zone = p.zone(&a.time_zone);
        let visit = self.visits.get(&a.visit_id).copied();
        p.w.begin("VEVENT");
        self.common(p, &a.uid, a.sequence, a.created_at, a.updated_at);
        write_time(&mut p.w, "DTSTART", a.starts_at, zone);
        write_time(&mut p.w, "DTEND", a.ends_at, zone);
        p.w.text("SUMMARY", &a.title);
        // The room, named in the export's language; else the place typed;
        // else the visit's venue.
        let room = a.room_id.and_then(|r| self.set.rooms.get(&r)).map(|r| r.place(self.opts.lang));
        let location = match &room {
            Some(room) => room.as_str(),
            None if a.location.is_empty() => visit.map_or("", |v| v.venue.as_str()),
            None => &a.location,
        };
        if !location.is_empty() {
            p.w.text("LOCATION", location);
        }
        let people = self.item_people(a);
        let mut d = std::mem::take(&mut p.scratch);
        d.clear();
        let named = a.participant_ids.iter().filter_map(|id| self.set.people.get(id)).map(|p| {
            let speaks = a.speaker_ids.iter().position(|s| *s == p.id);
            (p.names().shown(self.opts.lang), p.title.as_str(), a.chair_id == Some(p.id), speaks)
        });
        super::described::agenda(&mut d, &a.description, named, visit.map(|v| v.title.as_str()), self.opts.lang);
        if !d.is_empty() {
            p.w.text("DESCRIPTION", &d);
        }
        p.scratch = d;
        p.w.text("CATEGORIES", &a.kind.label_in(self.opts.lang));
        let status = match a.status {
            _ if self.cancelled(a.visit_id, a.status == AgendaStatus::Cancelled) => "CANCELLED",
            AgendaStatus::Tentative => "TENTATIVE",
            _ => "CONFIRMED",
        };
        p.w.raw("STATUS", status);
        p.w.raw("TRANSP", if a.kind == AgendaKind::FreeTime { "TRANSPARENT" } else { "OPAQUE" });
        if let Some(v) = visit {
            if !v.online_link.is_empty() {
                p.w.raw("URL", &v.online_link);
            }
            p.w.text("RELATED-TO", &v.uid);
        }
        self.write_people(p, a.visit_id, &people, Chairs::Only(a.chair_id));
        p.w.end("VEVENT");
    }

    fn write_todo(&self, p: &mut Part, f: &FollowUp) {
        p.w.begin("VTODO");
        self.common(p, &f.uid, f.sequence, f.created_at, f.updated_at);
        // RFC 5546 wants a task's DTSTART in PUBLISH and REQUEST (libical,
        // and so Evolution, checks it): the day it was agreed, the visit's
        // first; never after the day it is due.
        let agreed = self.visits.get(&f.visit_id).map(|v| {
            let zone = stored_zone(&v.time_zone);
            local_of(v.starts_at, zone).date()
        });
        if let Some(start) = match (agreed, f.due_date) {
            (Some(a), Some(d)) => Some(a.min(d)),
            (a, d) => a.or(d),
        } {
            p.w.date("DTSTART", start);
        }
        p.w.text("SUMMARY", &f.title);
        if let Some(due) = f.due_date {
            p.w.date("DUE", due);
        }
        // 0: no priority given (RFC 5545), which RFC 5546 still wants said.
        p.w.integer("PRIORITY", 0);
        let d = self.follow_up_description(f);
        if !d.is_empty() {
            p.w.text("DESCRIPTION", &d);
        }
        let status = match f.status {
            _ if self.cancelled(f.visit_id, f.status == FollowUpStatus::Dropped) => "CANCELLED",
            FollowUpStatus::Open => "NEEDS-ACTION",
            FollowUpStatus::InProgress => "IN-PROCESS",
            FollowUpStatus::Done => "COMPLETED",
            FollowUpStatus::Dropped => "CANCELLED",
        };
        p.w.raw("STATUS", status);
        if f.status == FollowUpStatus::Done {
            p.w.raw("PERCENT-COMPLETE", "100");
        }
        if let Some(v) = self.visits.get(&f.visit_id) {
            p.w.text("RELATED-TO", &v.uid);
        }
        let owner: Vec<Uuid> = f.owner_id.into_iter().collect();
        self.write_people(p, f.visit_id, &owner, Chairs::ByRole);
        p.w.end("VTODO");
    }

    fn write_follow_up_event(&self, p: &mut Part, f: &FollowUp) {
        let Some(due) = f.due_date else { return };
        p.w.begin("VEVENT");
        self.common(p, &f.uid, f.sequence, f.created_at, f.updated_at);
        p.w.date("DTSTART", due);
        p.w.date("DTEND", day_after(due));
        p.w.text("SUMMARY", &super::described::due(&f.title, self.opts.lang));
        let d = self.follow_up_description(f);
        if !d.is_empty() {
            p.w.text("DESCRIPTION", &d);
        }
        let cancelled = self.cancelled(f.visit_id, f.status == FollowUpStatus::Dropped);
        p.w.raw("STATUS", if cancelled { "CANCELLED" } else { "CONFIRMED" });
        p.w.raw("TRANSP", "TRANSPARENT");
        if let Some(v) = self.visits.get(&f.visit_id) {
            p.w.text("RELATED-TO", &v.uid);
        }
        let owner: Vec<Uuid> = f.owner_id.into_iter().collect();
        self.write_people(p, f.visit_id, &owner, Chairs::ByRole);
        p.w.end("VEVENT");
    }

    fn follow_up_description(&self, f: &FollowUp) -> String {
        super::described::follow_up(
            &f.notes,
            f.owner_id.and_then(|o| self.set.people.get(&o)).map(|p| p.names().shown(self.opts.lang)).as_deref(),
            f.counterpart_org_id
                .and_then(|o| self.set.organisations.get(&o))
                .map(|o| o.names().shown(self.opts.lang))
                .as_deref(),
            f.status,
            self.visits.get(&f.visit_id).map(|v| v.title.as_str()),
            self.opts.lang,
        )
    }

    /// ORGANIZER, and in an invitation or a cancellation the ATTENDEEs.
    fn write_people(&self, p: &mut Part, visit_id: Uuid, people: &[Uuid], chairs: Chairs) {
        let Some(org) = self.organizers.get(&visit_id) else { return };
        if org.cn.is_empty() {
            p.w.raw("ORGANIZER", &org.mailto);
        } else {
            p.w.raw_with("ORGANIZER", &[("CN", &org.cn)], &org.mailto);
        }
        if self.method == Method::Publish {
            return;
        }
        let organizer_email = org.email.clone();
        let roles: HashMap<Uuid, Role> =
            self.participants.get(&visit_id).into_iter().flatten().map(|x| (x.person_id, x.role)).collect();
        for id in people {
            let Some(person) = self.set.people.get(id) else { continue };
            if person.email.is_empty() {
                p.without_email.push(*id);
                continue;
            }
            if person.email.eq_ignore_ascii_case(&organizer_email) {
                continue;
            }
            let role = match chairs {
                Chairs::ByRole => roles.get(id).map_or("REQ-PARTICIPANT", |r| ical_role(*r)),
                Chairs::Only(chair) if chair == Some(*id) => "CHAIR",
                Chairs::Only(_) => match roles.get(id) {
                    Some(Role::Observer) => "OPT-PARTICIPANT",
                    _ => "REQ-PARTICIPANT",
                },
            };
            let cn = person.names().shown(self.opts.lang);
            let value = format!("mailto:{}", person.email);
            if self.method == Method::Request {
                p.w.raw_with(
                    "ATTENDEE",
                    &[("CN", &cn), ("ROLE", role), ("PARTSTAT", "NEEDS-ACTION"), ("RSVP", "TRUE")],
                    &value,
                );
            } else {
                p.w.raw_with("ATTENDEE", &[("CN", &cn), ("ROLE", role)], &value);
            }
        }
    }
}

/// DTSTART/DTEND: UTC with a `Z`, anything else local time with its TZID.
fn write_time(w: &mut Writer, name: &str, t: DateTime<Utc>, zone: Tz) {
    if is_utc(zone) {
        w.date_time(name, None, t.naive_utc());
    } else {
        w.date_time(name, Some(zone.name()), local_of(t, zone));
    }
}
