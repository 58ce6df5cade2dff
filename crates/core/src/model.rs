//! The records Liaison stores and the views it shows. Every type that crosses
//! into the UI derives `TS`, so the TypeScript types are generated from here.

use crate::names::Names;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Declares a closed set of values stored as snake_case text, with the same
/// spelling in JSON, in the database and on the command line. Its labels
/// are in the catalogues (`labelled!`), one per language.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS, sqlx::Type)]
        #[serde(rename_all = "snake_case")]
        #[sqlx(rename_all = "snake_case")]
        #[ts(export)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(format!(
                        "'{}' is not one of: {}",
                        s,
                        [$($text),+].join(", ")
                    )),
                }
            }
        }
    };
}

/// For closed sets declared elsewhere in the core (the calendar format's methods).
pub(crate) use string_enum;

/// Gives a closed set of the vocabulary a label per language: the message
/// `PREFIX-CODE` of the `core` catalogue (locales/*/core.ftl).
macro_rules! labelled {
    ($($name:ident $prefix:literal),+ $(,)?) => {$(
        impl $name {
            /// The catalogue's message for this value.
            pub fn label_id(self) -> String {
                format!(concat!($prefix, "-{}"), self.as_str())
            }

            /// The label a reader of `lang` sees.
            pub fn label_in(self, lang: liaison_i18n::Lang) -> String {
                liaison_i18n::tr(lang, &self.label_id(), &[])
            }
        }
    )+};
}

/// For the calendar export's choices, declared in the calendar module.
pub(crate) use labelled;

string_enum! {
    /// What kind of body an organisation is.
    OrgKind {
        Government = "government",
        University = "university",
        Research = "research",
        International = "international",
        Ngo = "ngo",
        Company = "company",
        Other = "other",
    }
}

string_enum! {
    VisitKind {
        IncomingDelegation = "incoming_delegation",
        OutgoingDelegation = "outgoing_delegation",
        Seminar = "seminar",
        Meeting = "meeting",
    }
}

string_enum! {
    VisitStatus {
        Draft = "draft",
        Planned = "planned",
        Confirmed = "confirmed",
        Completed = "completed",
        Cancelled = "cancelled",
    }
}

string_enum! {
    /// Which side of the table a participant sits on.
    Side {
        Host = "host",
        Guest = "guest",
    }
}

string_enum! {
    Role {
        HeadOfDelegation = "head_of_delegation",
        Host = "host",
        Member = "member",
        Speaker = "speaker",
        Interpreter = "interpreter",
        NoteTaker = "note_taker",
        LiaisonOfficer = "liaison_officer",
        Staff = "staff",
        Observer = "observer",
    }
}

string_enum! {
    AgendaKind {
        Meeting = "meeting",
        Talk = "talk",
        Tour = "tour",
        Meal = "meal",
        Transfer = "transfer",
        SeminarSession = "seminar_session",
        FreeTime = "free_time",
    }
}

string_enum! {
    /// Whether an agenda item will happen; maps onto iCalendar's STATUS.
    AgendaStatus {
        Tentative = "tentative",
        Confirmed = "confirmed",
        Cancelled = "cancelled",
    }
}

labelled! {
    OrgKind "org-kind",
    VisitKind "visit-kind",
    VisitStatus "visit-status",
    Side "side",
    Role "role",
    AgendaKind "agenda-kind",
    AgendaStatus "agenda-status",
    FollowUpStatus "follow-up-status",
    ToAct "to-act",
    ConflictKind "conflict-kind",
    AvailabilityKind "availability-kind",
}

string_enum! {
    /// Who is to act on a follow-up: this office's side, the other
    /// organisation, or both. An organisation's record lists what is owed
    /// to it (us) and what it owes (them).
    ToAct {
        Us = "us",
        Them = "them",
        Both = "both",
    }
}

string_enum! {
    FollowUpStatus {
        Open = "open",
        InProgress = "in_progress",
        Done = "done",
        Dropped = "dropped",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Organisation {
    pub id: Uuid,
    /// The name in Latin letters. Any one of the three forms will do; see
    /// [`crate::names`].
    pub name: String,
    /// The name in Chinese ("中国国际扶贫中心").
    #[serde(default)]
    pub chinese_name: String,
    /// The name in its own script when that is neither Latin nor Chinese.
    pub native_name: String,
    pub acronym: String,
    pub country: String,
    pub kind: OrgKind,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Rises with every change to the record, whoever makes it. A save names
    /// the revision it was based on and is refused if it is no longer the
    /// latest, so that two writers never silently overwrite each other.
    /// The bulk read of every agenda item (for exports) leaves it at 0.
    #[serde(default)]
    pub revision: u32,
}

impl Organisation {
    pub fn names(&self) -> Names<'_> {
        Names::new(&self.name, &self.chinese_name, &self.native_name)
    }

    /// The short label a reader of `lang` knows it by
    /// ([`crate::names::org_short`]).
    pub fn short_in(&self, lang: crate::i18n::Lang) -> &str {
        crate::names::org_short(&self.acronym, self.names(), lang)
    }
}

impl FollowUp {
    /// Due before `today` and still to be done.
    pub fn overdue_on(&self, today: NaiveDate) -> bool {
        matches!(self.status, FollowUpStatus::Open | FollowUpStatus::InProgress)
            && self.due_date.is_some_and(|d| d < today)
    }
}

impl Person {
    pub fn names(&self) -> Names<'_> {
        Names::new(&self.name, &self.chinese_name, &self.native_name)
    }
}

impl ParticipantView {
    pub fn names(&self) -> Names<'_> {
        Names::new(&self.name, &self.chinese_name, &self.native_name)
    }
}

impl PersonSummary {
    pub fn names(&self) -> Names<'_> {
        Names::new(&self.name, &self.chinese_name, &self.native_name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Person {
    pub id: Uuid,
    /// The name in Latin letters, as on a passport or a delegation list
    /// ("Zhang Huidong", "Jürgen Müller"). Any one of the three forms will
    /// do; see [`crate::names`].
    pub name: String,
    /// The name in Chinese ("张惠东", "于尔根·米勒").
    #[serde(default)]
    pub chinese_name: String,
    /// The name in the person's own script when that is neither Latin nor
    /// Chinese ("Иван Петров").
    pub native_name: String,
    pub title: String,
    pub organisation_id: Option<Uuid>,
    pub email: String,
    pub phone: String,
    pub languages: Vec<String>,
    pub dietary_needs: String,
    pub access_needs: String,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Rises with every change to the record, whoever makes it. A save names
    /// the revision it was based on and is refused if it is no longer the
    /// latest, so that two writers never silently overwrite each other.
    /// The bulk read of every agenda item (for exports) leaves it at 0.
    #[serde(default)]
    pub revision: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Visit {
    pub id: Uuid,
    pub kind: VisitKind,
    pub title: String,
    pub purpose: String,
    pub status: VisitStatus,
    pub host_org_id: Option<Uuid>,
    pub guest_org_id: Option<Uuid>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// IANA zone the visit is planned in ("Asia/Shanghai").
    pub time_zone: String,
    /// `starts_at` as wall-clock time in `time_zone`, "YYYY-MM-DDTHH:MM".
    pub start_local: String,
    pub end_local: String,
    pub venue: String,
    pub online_link: String,
    pub notes: String,
    pub minutes: String,
    pub topics: Vec<String>,
    pub uid: String,
    pub sequence: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Rises with every change to the record, whoever makes it. A save names
    /// the revision it was based on and is refused if it is no longer the
    /// latest, so that two writers never silently overwrite each other.
    /// The bulk read of every agenda item (for exports) leaves it at 0.
    #[serde(default)]
    pub revision: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Participant {
    pub visit_id: Uuid,
    pub person_id: Uuid,
    pub side: Side,
    pub role: Role,
    /// 1-based order within the side: lists, seating, name cards.
    pub precedence: u32,
}

/// A participant with the person's names, for lists and name cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ParticipantView {
    pub person_id: Uuid,
    pub side: Side,
    pub role: Role,
    pub precedence: u32,
    pub name: String,
    pub chinese_name: String,
    pub native_name: String,
    pub title: String,
    /// The organisation's acronym, or its name (the same in every language).
    pub organisation: Option<String>,
    /// The organisation's names, for a label in the reader's language.
    pub organisation_names: Option<OrgLabel>,
}

/// An organisation as a list names it beside a person or a visit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrgLabel {
    pub acronym: String,
    pub name: String,
    pub chinese_name: String,
    pub native_name: String,
}

impl OrgLabel {
    /// From the columns of an organisation a query may not have found (a
    /// LEFT JOIN): None without one.
    pub fn from_columns(
        acronym: Option<String>,
        name: Option<String>,
        chinese_name: Option<String>,
        native_name: Option<String>,
    ) -> Option<Self> {
        let name = name?;
        Some(Self {
            acronym: acronym.unwrap_or_default(),
            name,
            chinese_name: chinese_name.unwrap_or_default(),
            native_name: native_name.unwrap_or_default(),
        })
    }

    /// The short label a reader of `lang` knows it by
    /// ([`crate::names::org_short`]).
    pub fn short(&self, lang: crate::i18n::Lang) -> &str {
        crate::names::org_short(&self.acronym, Names::new(&self.name, &self.chinese_name, &self.native_name), lang)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaItem {
    pub id: Uuid,
    pub visit_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The zone the item was entered in: the visit's zone at the time.
    pub time_zone: String,
    pub start_local: String,
    pub end_local: String,
    pub title: String,
    pub kind: AgendaKind,
    pub status: AgendaStatus,
    pub location: String,
    pub description: String,
    /// People on the visit that this item involves, in precedence order.
    pub participant_ids: Vec<Uuid>,
    /// Who chairs the item: one of `participant_ids`.
    #[serde(default)]
    pub chair_id: Option<Uuid>,
    /// Who speaks, in the order they speak: each one of `participant_ids`
    /// (the chair may be one of them, opening the talks).
    #[serde(default)]
    pub speaker_ids: Vec<Uuid>,
    /// One of the office's rooms; else `location` says where, as text.
    #[serde(default)]
    pub room_id: Option<Uuid>,
    /// Among the visit's items that start at the same time, this one's
    /// place in the coordinator's order (0 first).
    #[serde(default)]
    pub position: u32,
    pub uid: String,
    pub sequence: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Rises with every change to the record, whoever makes it. A save names
    /// the revision it was based on and is refused if it is no longer the
    /// latest, so that two writers never silently overwrite each other.
    /// The bulk read of every agenda item (for exports) leaves it at 0.
    #[serde(default)]
    pub revision: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FollowUp {
    pub id: Uuid,
    pub visit_id: Uuid,
    /// What was agreed.
    pub title: String,
    pub owner_id: Option<Uuid>,
    pub counterpart_org_id: Option<Uuid>,
    #[ts(type = "string | null")]
    pub due_date: Option<NaiveDate>,
    pub status: FollowUpStatus,
    /// Who is to act on it.
    pub to_act: ToAct,
    pub notes: String,
    pub uid: String,
    pub sequence: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Rises with every change to the record, whoever makes it. A save names
    /// the revision it was based on and is refused if it is no longer the
    /// latest, so that two writers never silently overwrite each other.
    /// The bulk read of every agenda item (for exports) leaves it at 0.
    #[serde(default)]
    pub revision: u32,
}

/// A room the office books for talks, meals and seminars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Room {
    pub id: Uuid,
    /// In Latin letters; either this or `chinese_name` (or both).
    pub name: String,
    pub chinese_name: String,
    pub building: String,
    /// Seats; None when not known.
    pub capacity: Option<u32>,
    pub equipment: String,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub revision: u32,
}

impl Room {
    pub fn names(&self) -> Names<'_> {
        Names::new(&self.name, &self.chinese_name, "")
    }

    /// Where an item in it is, for a calendar's LOCATION: the room's name in
    /// the reader's order, then its building.
    pub fn place(&self, lang: crate::i18n::Lang) -> String {
        let name = self.names().shown(lang);
        if self.building.is_empty() {
            name
        } else {
            format!("{name}, {}", self.building)
        }
    }
}

string_enum! {
    /// Whether a period says when someone is away, or the only hours they
    /// can be booked.
    AvailabilityKind {
        Away = "away",
        Only = "only",
    }
}

/// When a person cannot be booked: away on the days from `first_day` to
/// `last_day` (all day, or between `from_time` and `to_time` each day), or
/// available only between those times on those days. Days and times are the
/// wall clock in `time_zone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Availability {
    pub id: Uuid,
    pub person_id: Uuid,
    pub kind: AvailabilityKind,
    #[ts(type = "string")]
    pub first_day: NaiveDate,
    #[ts(type = "string")]
    pub last_day: NaiveDate,
    /// "HH:MM", or "" for all day (away only).
    pub from_time: String,
    pub to_time: String,
    pub time_zone: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub revision: u32,
}

impl Availability {
    /// The daily window, parsed ("09:00"-"12:00"); None for all day.
    fn window(&self) -> Option<(chrono::NaiveTime, chrono::NaiveTime)> {
        let t = |s: &str| chrono::NaiveTime::parse_from_str(s, "%H:%M").ok();
        Some((t(&self.from_time)?, t(&self.to_time)?))
    }

    /// The instants of day `d` this period makes its person unavailable.
    fn unavailable_on(&self, d: NaiveDate, zone: chrono_tz::Tz) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        use crate::time::wall_instant;
        let at = |day: NaiveDate, t: chrono::NaiveTime| wall_instant(day.and_time(t), zone);
        let (midnight, next) = (at(d, chrono::NaiveTime::MIN), at(d + chrono::Days::new(1), chrono::NaiveTime::MIN));
        match (self.kind, self.window()) {
            (AvailabilityKind::Away, None) => vec![(midnight, next)],
            (AvailabilityKind::Away, Some((from, to))) => vec![(at(d, from), at(d, to))],
            (AvailabilityKind::Only, Some((from, to))) => vec![(midnight, at(d, from)), (at(d, to), next)],
            // Validation requires the hours; a stored one without them
            // (written by something else) says nothing.
            (AvailabilityKind::Only, None) => Vec::new(),
        }
    }

    /// Whether something from `start` to `end` falls, in part, when this
    /// period makes its person unavailable. Days are the wall clock of the
    /// period's zone, so a change of the clocks moves its hours with them.
    pub fn blocks(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        let zone = crate::time::stored_zone(&self.time_zone);
        let one = chrono::Days::new(1);
        let first = self.first_day.max(start.with_timezone(&zone).date_naive() - one);
        let last = self.last_day.min(end.with_timezone(&zone).date_naive() + one);
        let mut d = first;
        while d <= last {
            if self.unavailable_on(d, zone).iter().any(|(a, b)| *a < end && start < *b) {
                return true;
            }
            d = d + one;
        }
        false
    }
}

/// One row of the visits list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitSummary {
    pub id: Uuid,
    pub kind: VisitKind,
    pub title: String,
    pub status: VisitStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: String,
    pub start_local: String,
    pub end_local: String,
    /// The organisations' acronyms, or their names (the same in every
    /// language).
    pub host: Option<String>,
    pub guest: Option<String>,
    /// Their names, for labels in the reader's language.
    pub host_names: Option<OrgLabel>,
    pub guest_names: Option<OrgLabel>,
}

/// Everything about one visit, as `liaison show` and the visit page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitDetail {
    pub visit: Visit,
    pub host: Option<Organisation>,
    pub guest: Option<Organisation>,
    /// Hosts first, then guests, each in precedence order.
    pub participants: Vec<ParticipantView>,
    /// In start order.
    pub agenda: Vec<AgendaItem>,
    /// By due date, undated last.
    pub follow_ups: Vec<FollowUp>,
    /// Follow-ups of earlier visits carried into this one (linked: a change
    /// to one is a change to it everywhere), by due date.
    pub carried: Vec<FollowUpRow>,
    /// Follow-ups still to do, agreed with this visit's host or guest on a
    /// visit that started before it, and not carried into it: what to offer.
    pub earlier_open: Vec<FollowUpRow>,
    /// Names of the people and organisations the follow-ups refer to.
    pub people: Vec<Person>,
    pub organisations: Vec<Organisation>,
}

/// Something allowed but worth a second look, returned beside a saved record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Warning {
    /// What the warning is about, like a field error's field.
    pub field: String,
    pub code: WarningCode,
    /// In the process's language (the window words `text` and `args`).
    pub message: String,
    /// The message in the catalogue (locales/LANG/core.ftl).
    pub text: String,
    #[ts(type = "Record<string, string | number>")]
    pub args: crate::problem::Args,
}

impl Warning {
    pub fn new(field: &str, code: WarningCode, problem: crate::problem::Problem) -> Self {
        Warning {
            field: field.to_owned(),
            code,
            message: problem.to_string(),
            text: problem.code().to_owned(),
            args: problem.json_args(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WarningCode {
    OutsideVisit,
    Overlap,
    /// A copied time moved by a change of the clocks.
    ClockChange,
}

/// A saved record and what deserves a second look about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Saved<T: TS> {
    pub record: T,
    pub warnings: Vec<Warning>,
}

impl<T: TS> Saved<T> {
    pub fn clean(record: T) -> Self {
        Self { record, warnings: Vec::new() }
    }
}

/// Every closed set of values the UI offers, as codes (the window labels
/// them from the catalogue), and the IANA zones: the UI keeps no copy of
/// its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Vocabulary {
    pub org_kinds: Vec<String>,
    pub visit_kinds: Vec<String>,
    pub visit_statuses: Vec<String>,
    pub sides: Vec<String>,
    pub roles: Vec<String>,
    pub agenda_kinds: Vec<String>,
    pub agenda_statuses: Vec<String>,
    pub follow_up_statuses: Vec<String>,
    pub to_act: Vec<String>,
    pub conflict_kinds: Vec<String>,
    pub availability_kinds: Vec<String>,
    pub search_kinds: Vec<String>,
    pub search_fields: Vec<String>,
    /// How a calendar file is sent (iTIP method).
    pub calendar_methods: Vec<String>,
    /// How follow-ups go into a calendar file.
    pub calendar_tasks: Vec<String>,
    pub time_zones: Vec<String>,
}

// ----- history: who changed what, as data ---------------------------------

string_enum! {
    /// The kinds of record whose changes are recorded.
    Entity {
        Organisation = "organisation",
        Person = "person",
        Visit = "visit",
        Participant = "participant",
        AgendaItem = "agenda_item",
        FollowUp = "follow_up",
        Room = "room",
    }
}

string_enum! {
    /// What happened to a record.
    HistoryAction {
        Created = "created",
        Changed = "changed",
        Deleted = "deleted",
    }
}

/// One field of a change: its code (the JSON document's key for that
/// field) and its values before and after, as the document writes them.
/// A sensitive field (contact details) keeps neither value: `hidden`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Change {
    pub field: String,
    #[ts(type = "unknown")]
    pub old: serde_json::Value,
    #[ts(type = "unknown")]
    pub new: serde_json::Value,
    /// The values were not kept, only that the field changed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// One recorded change, newest first when listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    /// Its place in the order of all changes.
    #[ts(type = "number")]
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// The PostgreSQL user on a team database; the local user's name on a file.
    pub actor: String,
    pub entity: Entity,
    /// The record's id (for a participant, the person's).
    pub entity_id: Uuid,
    /// The visit the record belongs to, if any.
    pub visit_id: Option<Uuid>,
    /// The record's name or title when it changed.
    pub label: String,
    pub action: HistoryAction,
    pub changes: Vec<Change>,
}

// ----- queries and pages: what lists ask the storage for ------------------

/// Which visits a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VisitScope {
    /// Everything, soonest first.
    #[default]
    All,
    /// Not drafts, not over yet, soonest first.
    Upcoming,
    /// Not drafts, over, most recent first.
    Past,
    /// Drafts, soonest first.
    Drafts,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct VisitQuery {
    pub scope: VisitScope,
    pub kind: Option<VisitKind>,
    pub status: Option<VisitStatus>,
    /// Matches title, venue and host or guest names and acronyms.
    pub text: String,
    pub offset: u32,
    /// 0 means no limit.
    pub limit: u32,
}

/// A page of the visits list, with the total for the pager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitPage {
    pub visits: Vec<VisitSummary>,
    pub total: u32,
}

/// A search of the directory: what a person picker or the directory list
/// asks for, so that the window never holds everyone (20,000 people in the
/// benchmark set).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct PeopleQuery {
    /// Matches either name form, the title, the email and the organisation's
    /// names and acronym, ignoring the case of ASCII letters at least
    /// (Chinese names have no case).
    pub text: String,
    /// Leaves out the people already on this visit (the participant picker).
    pub not_on_visit: Option<Uuid>,
    pub offset: u32,
    /// 0 means no limit.
    pub limit: u32,
}

/// One row of a people search: enough to recognise someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PersonSummary {
    pub id: Uuid,
    pub name: String,
    pub chinese_name: String,
    pub native_name: String,
    pub title: String,
    /// The organisation's acronym, or its name.
    pub organisation: Option<String>,
    /// The organisation's names, for a label in the reader's language.
    pub organisation_names: Option<OrgLabel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PeoplePage {
    pub people: Vec<PersonSummary>,
    /// How many match in all.
    pub total: u32,
}

/// Which due dates the follow-up register shows. The weeks and months are
/// the reader's own, from the day the caller says is today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DueWithin {
    #[default]
    Any,
    /// Due before today and not done or dropped.
    Overdue,
    /// Due from Monday to Sunday of this week.
    ThisWeek,
    /// Due in this calendar month.
    ThisMonth,
    /// No due date.
    NoDate,
}

/// A column the follow-up register sorts by; every sort ends with the title
/// and the id, so that a page never shows a row twice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FollowUpSort {
    /// By due date, undated last.
    #[default]
    Due,
    Title,
    /// In the order of the statuses' workflow (open, in progress, done, dropped).
    Status,
    /// By the owner's name (Latin form first), unowned last.
    Owner,
    /// By the counterpart organisation's acronym or name, none last.
    Counterpart,
    /// By the visit's start, then its title.
    Visit,
    ToAct,
}

/// What the follow-up register asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct FollowUpQuery {
    /// Any of these; every status when empty.
    pub statuses: Vec<FollowUpStatus>,
    pub owner_id: Option<Uuid>,
    pub counterpart_org_id: Option<Uuid>,
    pub visit_id: Option<Uuid>,
    pub to_act: Option<ToAct>,
    pub due: DueWithin,
    pub sort: FollowUpSort,
    pub descending: bool,
    pub offset: u32,
    /// 0 means no limit.
    pub limit: u32,
}

/// One row of the follow-up register: the follow-up and the names it refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FollowUpRow {
    pub follow_up: FollowUp,
    pub visit_title: String,
    pub visit_start_local: String,
    pub visit_status: VisitStatus,
    /// The owner's three name forms, for the reader's order.
    pub owner: Option<PersonName>,
    pub counterpart: Option<OrgLabel>,
    /// Due before the day the caller gave as today, and still to be done.
    pub overdue: bool,
}

/// A person's names, where only the name is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PersonName {
    pub id: Uuid,
    pub name: String,
    pub chinese_name: String,
    pub native_name: String,
}

impl PersonName {
    /// From the columns of a person a query may not have found (a LEFT
    /// JOIN): None without one.
    pub fn from_columns(
        id: Option<Uuid>,
        name: Option<String>,
        chinese_name: Option<String>,
        native_name: Option<String>,
    ) -> Option<Self> {
        Some(Self {
            id: id?,
            name: name.unwrap_or_default(),
            chinese_name: chinese_name.unwrap_or_default(),
            native_name: native_name.unwrap_or_default(),
        })
    }

    pub fn names(&self) -> Names<'_> {
        Names::new(&self.name, &self.chinese_name, &self.native_name)
    }
}

/// A record as the reader saw it: a change to it is refused if it has
/// changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Revised {
    pub id: Uuid,
    pub revision: u32,
}

/// A page of the follow-up register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FollowUpRegister {
    pub rows: Vec<FollowUpRow>,
    /// How many match the query in all.
    pub total: u32,
    /// How many of all follow-ups (whatever the query) are overdue.
    pub overdue: u32,
}

// ----- conflicts across visits ---------------------------------------------

string_enum! {
    /// What kind of clash a conflict is: someone in two agenda items at once
    /// (on one visit or two), or someone interpreting on either of them (one
    /// person cannot interpret two conversations); a room booked for two at
    /// once; more people in an item than its room holds.
    ConflictKind {
        PersonDoubleBooked = "person_double_booked",
        InterpreterDoubleBooked = "interpreter_double_booked",
        RoomDoubleBooked = "room_double_booked",
        OverCapacity = "over_capacity",
        OutsideAvailability = "outside_availability",
    }
}

/// One agenda item a conflict involves, with enough to name it and open it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ConflictItem {
    pub id: Uuid,
    pub visit_id: Uuid,
    pub visit_title: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: String,
    pub start_local: String,
    pub end_local: String,
}

/// That a coordinator saw a conflict and accepted it, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Acknowledgement {
    pub note: String,
    /// The local user, or the team database's user.
    pub actor: String,
    pub at: DateTime<Utc>,
}

/// A clash in the plans, found across every visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Conflict {
    /// Names this conflict: its kind, its items with their times, and its
    /// person. An acknowledgement is kept under it; moving an item makes a
    /// new key, and the conflict asks again.
    pub key: String,
    pub kind: ConflictKind,
    /// The items that clash, the earlier first.
    pub items: Vec<ConflictItem>,
    pub person: Option<PersonName>,
    /// The room, for a room booked twice or too small.
    pub room: Option<Room>,
    /// How many people an item too big for its room has.
    pub people: Option<u32>,
    /// The period an item puts its person outside.
    pub availability: Option<Availability>,
    pub acknowledged: Option<Acknowledgement>,
}

/// Which conflicts to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ConflictQuery {
    /// Only those involving this visit's items; every visit's when None.
    pub visit_id: Option<Uuid>,
    /// Acknowledged ones too.
    pub acknowledged: bool,
}

/// Conflicts, by the start of their first item, and how many there are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ConflictList {
    pub conflicts: Vec<Conflict>,
    /// Not acknowledged, in the query's scope.
    pub open: u32,
    pub acknowledged: u32,
}

/// An agenda item's time and people, as the search for conflicts needs it:
/// one row per person in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Booking {
    pub person_id: Uuid,
    pub item_id: Uuid,
    pub visit_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Interpreting on that visit.
    pub interpreter: bool,
}

/// An agenda item in one of the office's rooms, as the search for conflicts
/// needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomBooking {
    pub room_id: Uuid,
    pub item_id: Uuid,
    pub visit_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The item's people; the visit's when the item names none.
    pub people: u32,
}

/// Another agenda item, on any visit, that one of `people` is in at the same
/// time as `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub person_id: Uuid,
    pub person_name: String,
    pub item_id: Uuid,
    pub item_title: String,
    pub visit_title: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_enum_spells_the_same_in_json_sql_and_as_str() {
        for k in AgendaKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
            assert_eq!(k.as_str().parse::<AgendaKind>().unwrap(), *k);
        }
        for r in Role::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
        for v in VisitKind::ALL {
            assert_eq!(serde_json::to_value(v).unwrap(), v.as_str());
        }
        for s in FollowUpStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        for o in OrgKind::ALL {
            assert_eq!(serde_json::to_value(o).unwrap(), o.as_str());
        }
    }

    #[test]
    fn vocabulary_offers_every_value_and_the_zones() {
        let v = crate::service::vocabulary();
        assert_eq!(v.roles.len(), Role::ALL.len());
        assert!(v.time_zones.iter().any(|z| z == "Asia/Shanghai"));
    }
}

string_enum! {
    /// What a search result is.
    SearchKind {
        Visit = "visit",
        Person = "person",
        Organisation = "organisation",
        AgendaItem = "agenda_item",
        FollowUp = "follow_up",
        Room = "room",
    }
}

string_enum! {
    /// Which of a record's texts a search matched, for the line under a
    /// result ("Minutes: … agreed to send …").
    SearchField {
        Title = "title",
        Name = "name",
        ChineseName = "chinese_name",
        NativeName = "native_name",
        Acronym = "acronym",
        Purpose = "purpose",
        Venue = "venue",
        Topics = "topics",
        Notes = "notes",
        Minutes = "minutes",
        Location = "location",
        Description = "description",
        JobTitle = "job_title",
        Email = "email",
        Country = "country",
        Building = "building",
        Equipment = "equipment",
    }
}

labelled! {
    SearchKind "search-kind",
    SearchField "search-field",
}

/// A run of a result's text, matched by the search or not: the window marks
/// the matched runs, always as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// Where a search matched outside the result's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Snippet {
    pub field: SearchField,
    pub segments: Vec<Segment>,
}

/// One record a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: Uuid,
    /// The visit an agenda item or follow-up belongs to, to open it in.
    pub visit_id: Option<Uuid>,
    /// The record's name or title, its matched words marked.
    pub title: Vec<Segment>,
    /// What it belongs to: a person's organisation, an item's visit.
    pub context: String,
    /// When: a visit's or an item's start (local to its zone), a
    /// follow-up's due date; empty when it has none.
    pub when: String,
    /// The first other text that matched, shortened around the match.
    pub snippet: Option<Snippet>,
}

/// The results of one kind, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SearchGroup {
    pub kind: SearchKind,
    pub hits: Vec<SearchHit>,
    /// Whether more of this kind matched than are shown.
    pub more: bool,
}

/// A search's results, grouped by kind, the group with the best match first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SearchResults {
    pub query: String,
    pub groups: Vec<SearchGroup>,
}

// ----- the calendar of every visit ----------------------------------------

/// Which days the calendar shows, in which zone, and what of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CalendarQuery {
    /// The first day shown, "YYYY-MM-DD", in `zone`.
    pub first_day: String,
    /// How many days, 1 to 42 (a month's six weeks).
    pub days: u32,
    /// The reader's zone (IANA): every time is also given in it.
    pub zone: String,
    /// Only visits of these kinds, with these statuses (all when empty).
    pub visit_kinds: Vec<VisitKind>,
    pub visit_statuses: Vec<VisitStatus>,
    /// Only visits this organisation hosts or is the guest of.
    pub organisation_id: Option<Uuid>,
    /// Only what this person is in: the visits they take part in, the
    /// agenda items that name them.
    pub person_id: Option<Uuid>,
    /// Only agenda items in this room (and their visits).
    pub room_id: Option<Uuid>,
    /// Work out each item's open conflicts (for up to a week): the page
    /// asks without first, to draw at once, then with.
    #[serde(default)]
    pub conflicts: bool,
    /// Only the first this many items and visits of each day (by start), as
    /// a month's cells show: the days say how many there are in all. A
    /// month of a busy office has thousands of items, and a page that is
    /// sent them all to show three a day waits for every one.
    #[serde(default)]
    pub per_day: Option<u32>,
}

/// A day of the calendar, with the clock change in it, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CalendarDay {
    /// "YYYY-MM-DD" in the reader's zone.
    pub date: String,
    /// The reader's zone changes its clocks on this day.
    pub change: Option<ClockChange>,
    /// How many agenda items and visits run on this day in the reader's
    /// zone: all of them, also those [`CalendarQuery::per_day`] left out.
    pub items: u32,
    pub visits: u32,
}

/// A change of the clocks: at `at` (local, before the change) the offset
/// goes from `before` to `after` ("+01:00" to "+02:00").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClockChange {
    pub at: String,
    pub before: String,
    pub after: String,
    /// Minutes the clocks move: 60 forward, -60 back.
    pub minutes: i32,
}

/// A visit as the calendar draws it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CalendarVisit {
    pub id: Uuid,
    pub title: String,
    pub kind: VisitKind,
    pub status: VisitStatus,
    pub time_zone: String,
    /// In the visit's zone.
    pub start_local: String,
    pub end_local: String,
    /// In the reader's zone.
    pub start_shown: String,
    pub end_shown: String,
    /// The guest organisation's short name, else the host's.
    pub counterpart: String,
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub ends_at: DateTime<Utc>,
}

/// An agenda item as the calendar draws it, with what a move needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CalendarItem {
    pub id: Uuid,
    pub revision: u32,
    pub visit_id: Uuid,
    pub visit_title: String,
    pub visit_kind: VisitKind,
    pub visit_status: VisitStatus,
    pub title: String,
    pub kind: AgendaKind,
    pub status: AgendaStatus,
    /// The zone the item was planned in.
    pub time_zone: String,
    /// In the item's zone.
    pub start_local: String,
    pub end_local: String,
    /// In the reader's zone.
    pub start_shown: String,
    pub end_shown: String,
    /// Its room (name and building, in English and Chinese as recorded), or its location.
    pub place: String,
    pub room_id: Option<Uuid>,
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub ends_at: DateTime<Utc>,
    /// Open conflicts it is in (worked out for a week or a day; 0 in a month).
    pub conflicts: u32,
}

/// What the calendar shows of some days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CalendarRange {
    pub zone: String,
    pub days: Vec<CalendarDay>,
    /// By start.
    pub visits: Vec<CalendarVisit>,
    /// By start, then the coordinator's order.
    pub items: Vec<CalendarItem>,
    /// More items fell in the days than are listed (a month of a very busy
    /// office): the first ones by start are.
    pub clipped: bool,
    /// Whether the items' conflicts were worked out (for up to
    /// [`crate::schedule::CONFLICTS_UP_TO_DAYS`] days).
    pub conflicts_checked: bool,
}

/// A move of an agenda item on the calendar: its new start and end as wall
/// times in the zone the calendar shows (or RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reschedule {
    pub start: String,
    pub end: String,
    pub zone: String,
}
