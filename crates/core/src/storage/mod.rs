//! The storage contract: what the service and the file formats may ask of a
//! database, and nothing about which database it is.
//!
//! Who calls whom: the shell and the command line call the service and the
//! file formats; those call this contract; a backend (`sqlite`, and later
//! `postgres`) fulfils it with its own SQL, its own migrations and its own
//! error codes. The model and the errors sit below all of them. Nothing above
//! this module names an engine.
//!
//! Why trait objects and not an enum of backends or a generic service: the
//! service is compiled once and the shell and the command line hold one
//! concrete type; a backend is added by implementing two traits, without a
//! `match` in every one of some sixty operations; and a call through a box
//! costs nanoseconds beside a database round trip that costs microseconds at
//! best. The price is an allocation per call, which the benchmarks show is
//! not visible.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::*;
use crate::seating::SeatingRules;
use crate::visa::VisaDetails;

pub(crate) mod calendar;
pub(crate) mod columns;
pub(crate) mod postgres;
pub(crate) mod register;
pub(crate) mod search;
pub(crate) mod sqlite;

/// A database Liaison keeps its records in.
#[async_trait]
pub(crate) trait Storage: Send + Sync + std::fmt::Debug {
    /// A session for reading: each read sees what was committed when it ran.
    async fn read(&self) -> Result<Box<dyn Session>>;

    /// A session that reads one snapshot throughout (an export that must be
    /// consistent across tables), and writes nothing.
    async fn snapshot(&self) -> Result<Box<dyn Session>>;

    /// A transaction for one user action. It holds the right to write from
    /// its start, so that a transaction that reads and then writes never
    /// fails half-way because another writer started in between.
    async fn write(&self) -> Result<Box<dyn Session>>;

    /// A transaction that reads first and asks for the right to write only
    /// at its first write, so that long planning (a calendar file's preview)
    /// never holds up other writers. If another writer committed meanwhile,
    /// that write fails with an error for which [`Storage::must_replan`] is
    /// true, and the caller plans again.
    async fn plan(&self) -> Result<Box<dyn Session>>;

    /// Whether this user may change the database (a viewer of a team
    /// database may not; the server refuses it anyway).
    async fn may_write(&self) -> Result<bool>;

    /// Whether `e` says a [`Storage::plan`] transaction read what another
    /// writer has since changed.
    fn must_replan(&self, e: &Error) -> bool;

    /// Tells when something was committed since it last looked; None when
    /// nothing else can change this database (one in memory).
    async fn watch(&self) -> Result<Option<Box<dyn Watcher>>>;

    /// The database file, for a database in a file.
    fn path(&self) -> Option<&Path>;

    /// The copy made before this open migrated an existing database.
    fn backup(&self) -> Option<&Path>;

    /// Whether the connection is to a server whose certificate was checked
    /// (always true for a local file).
    fn verified(&self) -> bool;

    /// Where the database is, as a person may be shown it (a file's path, a
    /// server's URL without its password).
    fn location(&self) -> String;

    async fn close(&self);
}

/// Tells when another writer committed.
#[async_trait]
pub(crate) trait Watcher: Send {
    async fn changed(&mut self) -> Result<bool>;
}

/// The tables whose rows carry a calendar UID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UidTable {
    Visits,
    AgendaItems,
    FollowUps,
}

/// The kinds of record, for questions asked of every table alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Organisations,
    People,
    Visits,
    Participants,
    AgendaItems,
    /// Who is in each agenda item.
    AgendaParticipants,
    FollowUps,
    Rooms,
}

impl UidTable {
    /// Table names are constants of the schema both backends share, never user text.
    pub(crate) fn name(self) -> &'static str {
        match self {
            UidTable::Visits => "visits",
            UidTable::AgendaItems => "agenda_items",
            UidTable::FollowUps => "follow_ups",
        }
    }
}

impl Table {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Table::Organisations => "organisations",
            Table::People => "people",
            Table::Visits => "visits",
            Table::Participants => "participants",
            Table::AgendaItems => "agenda_items",
            Table::AgendaParticipants => "agenda_participants",
            Table::FollowUps => "follow_ups",
            Table::Rooms => "rooms",
        }
    }
}

/// Agenda items longer than this are few (a week-long exhibition); the
/// calendar finds them by an index of their own, and every other item by
/// its start within this of the days asked for.
pub(crate) const LONG_ITEM_SECS: i64 = 7 * 24 * 3600;
/// The same for visits: longer than 62 days is rare.
pub(crate) const LONG_VISIT_SECS: i64 = 62 * 24 * 3600;

/// "Alpha Hall · 阿尔法厅, Building 3": a room as the calendar names it.
pub(crate) fn room_place(
    name: Option<String>,
    chinese: Option<String>,
    building: Option<String>,
    location: String,
) -> String {
    let Some(name) = name else { return location };
    let mut out = name;
    if let Some(c) = chinese.filter(|c| !c.is_empty()) {
        out.push_str(" · ");
        out.push_str(&c);
    }
    if let Some(b) = building.filter(|b| !b.is_empty()) {
        out.push_str(", ");
        out.push_str(&b);
    }
    out
}

/// LIKE pattern for "contains", with the user's % and _ taken literally.
pub(crate) fn like_contains(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// One session on the database: reads, and in a write session writes, all
/// in one transaction that [`Session::commit`] ends. Dropping a write
/// session without committing rolls it back.
#[async_trait]
pub(crate) trait Session: Send {
    async fn commit(self: Box<Self>) -> Result<()>;
    async fn rollback(self: Box<Self>) -> Result<()>;

    // ----- organisations --------------------------------------------------
    /// Inserts or updates; a row whose values did not change is left alone.
    /// Returns how many rows were written.
    async fn upsert_organisations(&mut self, rows: &[Organisation]) -> Result<u64>;
    async fn organisation(&mut self, id: Uuid) -> Result<Organisation>;
    async fn organisation_exists(&mut self, id: Uuid) -> Result<bool>;
    /// In directory order.
    async fn organisations(&mut self) -> Result<Vec<Organisation>>;
    async fn organisations_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Organisation>>;
    /// A conflict, not a database error, while people or visits refer to it.
    async fn delete_organisation(&mut self, id: Uuid) -> Result<()>;

    // ----- people ---------------------------------------------------------
    async fn upsert_people(&mut self, rows: &[Person]) -> Result<u64>;
    async fn person(&mut self, id: Uuid) -> Result<Person>;
    async fn person_exists(&mut self, id: Uuid) -> Result<bool>;
    /// In directory order (name, ignoring ASCII case).
    async fn people(&mut self) -> Result<Vec<Person>>;
    async fn search_people(&mut self, query: &PeopleQuery) -> Result<PeoplePage>;
    async fn people_of_organisation(&mut self, organisation_id: Uuid) -> Result<Vec<Person>>;
    async fn people_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Person>>;
    async fn delete_person(&mut self, id: Uuid) -> Result<()>;
    /// Ids whose hex digits (without dashes) start with `prefix`.
    async fn person_ids_with_prefix(&mut self, prefix: &str) -> Result<Vec<Uuid>>;

    // ----- availability ---------------------------------------------------
    async fn upsert_availability(&mut self, rows: &[Availability]) -> Result<u64>;
    async fn availability(&mut self, id: Uuid) -> Result<Availability>;
    /// Of these people (everyone's when None), by person, then first day.
    async fn availability_of(&mut self, people: Option<&[Uuid]>) -> Result<Vec<Availability>>;
    async fn delete_availability(&mut self, id: Uuid) -> Result<()>;

    // ----- rooms ----------------------------------------------------------
    async fn upsert_rooms(&mut self, rows: &[Room]) -> Result<u64>;
    async fn room(&mut self, id: Uuid) -> Result<Room>;
    /// By name (ignoring ASCII case), then Chinese name.
    async fn rooms(&mut self) -> Result<Vec<Room>>;
    /// A conflict, not a database error, while agenda items are in it.
    async fn delete_room(&mut self, id: Uuid) -> Result<()>;

    // ----- visits ---------------------------------------------------------
    async fn upsert_visits(&mut self, rows: &[Visit]) -> Result<u64>;
    async fn visit(&mut self, id: Uuid) -> Result<Visit>;
    /// The stored visits of these ids, in no particular order.
    async fn visits_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Visit>>;
    /// Raises the SEQUENCE of each of these visits and of their agenda
    /// items that name nobody (those invite the whole visit): their
    /// attendees changed. Two statements however many visits.
    async fn bump_attendee_sequences(&mut self, visit_ids: &[Uuid]) -> Result<()>;
    /// By start.
    async fn visits(&mut self) -> Result<Vec<Visit>>;
    async fn visit_ids_with_prefix(&mut self, prefix: &str) -> Result<Vec<Uuid>>;
    async fn delete_visit(&mut self, id: Uuid) -> Result<()>;
    async fn visit_page(&mut self, query: &VisitQuery, now: DateTime<Utc>) -> Result<VisitPage>;
    async fn visits_of_person(&mut self, person_id: Uuid) -> Result<Vec<Visit>>;
    async fn visits_of_organisation(&mut self, organisation_id: Uuid) -> Result<Vec<Visit>>;

    // ----- participants ---------------------------------------------------
    async fn upsert_participants(&mut self, rows: &[Participant]) -> Result<u64>;
    async fn participant(&mut self, visit_id: Uuid, person_id: Uuid) -> Result<Option<Participant>>;
    /// Host side first, each side in precedence order.
    async fn participants_of_visit(&mut self, visit_id: Uuid) -> Result<Vec<Participant>>;
    /// The participants of these visits, in no particular order.
    async fn participants_of_visits(&mut self, visit_ids: &[Uuid]) -> Result<Vec<Participant>>;
    async fn all_participants(&mut self) -> Result<Vec<Participant>>;
    async fn participant_views(&mut self, visit_id: Uuid) -> Result<Vec<ParticipantView>>;
    async fn delete_participant(&mut self, visit_id: Uuid, person_id: Uuid) -> Result<()>;

    // ----- agenda ---------------------------------------------------------
    async fn upsert_agenda(&mut self, rows: &[AgendaItem]) -> Result<u64>;
    async fn agenda_item(&mut self, id: Uuid) -> Result<AgendaItem>;
    /// In start order, each item's people in the visit's precedence order.
    async fn agenda_of_visit(&mut self, visit_id: Uuid) -> Result<Vec<AgendaItem>>;
    /// The items of these visits, in no particular order, each item's
    /// people in its visit's precedence order.
    async fn agenda_of_visits(&mut self, visit_ids: &[Uuid]) -> Result<Vec<AgendaItem>>;
    async fn all_agenda(&mut self) -> Result<Vec<AgendaItem>>;
    /// Items with `from <= id < to` (no upper end for None), in no
    /// particular order, their people not yet ordered ([`order_people`]):
    /// bulk readers split the table and read the parts at once.
    async fn agenda_in_id_range(&mut self, from: Uuid, to: Option<Uuid>) -> Result<Vec<AgendaItem>>;
    /// A page of a visit's agenda in programme order (start, position,
    /// end, id): at most `limit` items after `after`, the last item of the
    /// page before; their people not yet ordered ([`order_people`]).
    async fn agenda_page_of_visit(
        &mut self,
        visit_id: Uuid,
        after: Option<AgendaKey>,
        limit: u32,
    ) -> Result<Vec<AgendaItem>>;
    /// Each zone a visit's agenda is planned in, with its first start, its
    /// last end and how many items are in it.
    async fn agenda_zones_of_visit(&mut self, visit_id: Uuid) -> Result<Vec<ZoneSpan>>;
    async fn delete_agenda_item(&mut self, id: Uuid) -> Result<()>;
    async fn agenda_of_person(&mut self, person_id: Uuid) -> Result<Vec<AgendaItem>>;
    /// Raises the SEQUENCE of every item of a visit.
    async fn bump_agenda_sequences(&mut self, visit_id: Uuid) -> Result<()>;
    async fn clashes(
        &mut self,
        except_item: Uuid,
        people: &[Uuid],
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<Clash>>;

    // ----- follow-ups -----------------------------------------------------
    async fn upsert_follow_ups(&mut self, rows: &[FollowUp]) -> Result<u64>;
    async fn follow_up(&mut self, id: Uuid) -> Result<FollowUp>;
    async fn follow_ups_of_visit(&mut self, visit_id: Uuid) -> Result<Vec<FollowUp>>;
    /// The follow-ups of these visits, in no particular order.
    async fn follow_ups_of_visits(&mut self, visit_ids: &[Uuid]) -> Result<Vec<FollowUp>>;
    async fn all_follow_ups(&mut self) -> Result<Vec<FollowUp>>;
    async fn delete_follow_up(&mut self, id: Uuid) -> Result<()>;
    async fn follow_ups_of_owner(&mut self, owner_id: Uuid) -> Result<Vec<FollowUp>>;
    async fn bump_follow_up_sequences(&mut self, visit_id: Uuid) -> Result<()>;
    /// A page of the register of every visit's follow-ups; `today` is the
    /// reader's, for what is overdue and what is due this week or month.
    async fn follow_up_register(&mut self, query: &FollowUpQuery, today: NaiveDate) -> Result<FollowUpRegister>;
    /// How many follow-ups are due before `today` and still to be done.
    async fn overdue_follow_ups(&mut self, today: NaiveDate) -> Result<u32>;
    /// The register's rows of these follow-ups, in their order.
    async fn follow_up_rows(&mut self, ids: &[Uuid], today: NaiveDate) -> Result<Vec<FollowUpRow>>;
    /// The follow-ups carried into a visit from earlier ones, in list order.
    async fn carried_into(&mut self, visit_id: Uuid) -> Result<Vec<Uuid>>;
    /// Follow-ups still to do, agreed with one of `orgs` on a visit that
    /// started before `before`, other than `visit_id` and not carried into it.
    async fn open_from_earlier(&mut self, visit_id: Uuid, orgs: &[Uuid], before: DateTime<Utc>) -> Result<Vec<Uuid>>;
    /// Links a follow-up into a visit; false when it was linked already.
    async fn carry_follow_up(&mut self, visit_id: Uuid, follow_up_id: Uuid) -> Result<bool>;
    /// Unlinks it; false when it was not linked.
    async fn uncarry_follow_up(&mut self, visit_id: Uuid, follow_up_id: Uuid) -> Result<bool>;
    /// Every (visit, follow-up) link.
    async fn all_carried(&mut self) -> Result<Vec<(Uuid, Uuid)>>;
    /// Ids whose hex digits (without dashes) start with `prefix`.
    async fn follow_up_ids_with_prefix(&mut self, prefix: &str) -> Result<Vec<Uuid>>;

    // ----- conflicts --------------------------------------------------------
    /// Who is in which agenda item when, of items not cancelled on visits not
    /// cancelled: every such booking (`visit` None), or those a visit's
    /// conflicts can involve (its own, and any other of its people's that
    /// overlap its dates).
    async fn bookings(&mut self, visit: Option<Uuid>) -> Result<Vec<Booking>>;
    /// The same for rooms: items in a room, not cancelled, on visits not
    /// cancelled; all of them, or those in the rooms of a visit's items that
    /// overlap the span of those items.
    async fn room_bookings(&mut self, visit: Option<Uuid>) -> Result<Vec<RoomBooking>>;
    /// The agenda items a list of conflicts names, with their visits' titles.
    async fn conflict_items(&mut self, ids: &[Uuid]) -> Result<Vec<ConflictItem>>;
    /// Every acknowledgement, by key.
    async fn acknowledgements(&mut self) -> Result<HashMap<String, Acknowledgement>>;
    /// Records (or replaces) an acknowledgement; the backend adds who and when.
    async fn acknowledge(&mut self, key: &str, note: &str) -> Result<()>;
    /// Takes one back; false when there was none.
    async fn unacknowledge(&mut self, key: &str) -> Result<bool>;

    // ----- seating ---------------------------------------------------------
    /// How the visit is seated, with the revision of that; None when it
    /// never was saved (the defaults apply).
    async fn seating_rules(&mut self, visit_id: Uuid) -> Result<Option<(SeatingRules, u32)>>;
    /// Saves them, a revision on; returns the new revision.
    async fn save_seating_rules(&mut self, visit_id: Uuid, rules: &SeatingRules) -> Result<u32>;
    /// Every visit's saved rules, by visit.
    async fn all_seating_rules(&mut self) -> Result<Vec<(Uuid, SeatingRules)>>;

    // ----- visa details ------------------------------------------------------
    /// Those kept for a visit, in its participants' order.
    async fn visa_details(&mut self, visit_id: Uuid) -> Result<Vec<VisaDetails>>;
    /// Keeps one (replacing it), a revision on; returns the new revision.
    async fn save_visa_details(&mut self, d: &VisaDetails) -> Result<u32>;
    /// Deletes one person's, or the whole visit's; returns how many went.
    async fn delete_visa_details(&mut self, visit_id: Uuid, person_id: Option<Uuid>) -> Result<u64>;

    // ----- across tables --------------------------------------------------
    /// Which of `uids` rows of `table` carry: uid → (id, sequence).
    async fn ids_by_uid(&mut self, table: UidTable, uids: &[&str]) -> Result<HashMap<String, (Uuid, u32)>>;
    /// Which of `ids` are stored in `table`.
    async fn existing_ids(&mut self, table: Table, ids: &[Uuid]) -> Result<HashSet<Uuid>>;
    async fn count(&mut self, table: Table) -> Result<u64>;
    // ----- the calendar -------------------------------------------------------
    /// The visits and agenda items (up to `max_items`) of the instants
    /// `from`..`to` that `query`'s filters let through, by start; times
    /// local to their own zones (the reader's are the service's).
    async fn calendar(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        query: &CalendarQuery,
        items: WantedItems<'_>,
    ) -> Result<(Vec<CalendarVisit>, Vec<CalendarItem>)>;

    /// The ids, starts and ends of every agenda item of the instants
    /// `from`..`to` (up to `max_items`), unfiltered, in the calendar's order,
    /// read without the items' rows.
    async fn calendar_times(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        max_items: u32,
    ) -> Result<Vec<(Uuid, DateTime<Utc>, DateTime<Utc>)>>;

    // ----- search -----------------------------------------------------------
    /// Records marked stale (added, changed or deleted) since the index last
    /// took them in, up to `limit`.
    async fn search_stale(&mut self, limit: u32) -> Result<Vec<(Uuid, SearchKind)>>;
    /// The texts of these records of one kind, in the order of
    /// [`crate::search::fields`]; a record that is gone is left out.
    async fn search_sources(&mut self, kind: SearchKind, ids: &[Uuid]) -> Result<Vec<crate::search::Source>>;
    /// The same texts, for indexing: without what only a hit shows (its
    /// context and when), which costs a look-up and a time zone each.
    async fn search_texts(&mut self, kind: SearchKind, ids: &[Uuid]) -> Result<Vec<crate::search::Source>> {
        self.search_sources(kind, ids).await
    }
    /// Replaces what the index holds of `ids` with `docs` (those of them
    /// still there), and marks them fresh.
    async fn index_search(&mut self, ids: &[Uuid], docs: &[crate::search::Doc]) -> Result<()>;
    /// [`Session::index_search`] for records added in this transaction,
    /// which the index cannot hold yet: there is nothing of theirs to
    /// replace, only their stale marks to clear. An engine that gains
    /// nothing by knowing it replaces as for any record.
    async fn index_search_added(&mut self, docs: &[crate::search::Doc]) -> Result<()> {
        let ids: Vec<Uuid> = docs.iter().map(|d| d.id).collect();
        self.index_search(&ids, docs).await
    }
    /// Whether the index holds any record: every committed record is in it
    /// (each write transaction brings it up to date before committing, and
    /// opening a database takes in what a migration marked stale).
    async fn search_holds_any(&mut self) -> Result<bool>;
    /// The kinds the index holds these ids under; ids it does not hold are
    /// left out. Ids are one namespace across kinds, so this is the kind of
    /// the committed record with each id, whatever its table.
    async fn search_kinds(&mut self, ids: &[Uuid]) -> Result<Vec<(Uuid, SearchKind)>>;
    /// Every record the index holds, and whether any is marked stale (for
    /// the tests, which compare it with the records).
    async fn search_indexed(&mut self) -> Result<(Vec<(Uuid, SearchKind)>, u64)>;
    /// Up to `limit` records of `kind` whose indexed words hold every term
    /// of `query` in `scope`, in no particular order.
    async fn search_candidates(
        &mut self,
        kind: SearchKind,
        query: &crate::search::Query,
        scope: crate::search::Scope,
        limit: u32,
    ) -> Result<Vec<Uuid>>;

    /// Says that this transaction is about to write `rows` rows into
    /// `tables`, so that the backend may prepare (drop indexes to build them
    /// again once, say). [`Session::end_bulk`] must follow before commit.
    async fn begin_bulk(&mut self, tables: &[Table], rows: usize) -> Result<()>;
    /// Stops marking records added to `tables` stale for the search index,
    /// until [`Session::end_bulk`] (or a rollback), for a bulk write that
    /// indexes every record it adds itself
    /// ([`crate::search::index_docs_written`]): each mark would be written
    /// only to be taken out again, a random-key insert and delete per record.
    /// Records changed or deleted are still marked. `rows`: about how many
    /// records the write adds; a backend may ignore it, or the whole call.
    async fn suspend_insert_marks(&mut self, tables: &[Table], rows: usize) -> Result<()>;
    /// Defers this transaction's foreign-key checks to its commit, so that
    /// a record may be written before the record it refers to: a calendar
    /// import read once writes a new visit's items before the visit, whose
    /// span it knows only at the end. False when the backend cannot, and
    /// the caller must write in order: PostgreSQL's constraints are not
    /// DEFERRABLE, and making them so would slow every write.
    async fn defer_foreign_keys(&mut self) -> Result<bool>;
    async fn end_bulk(&mut self) -> Result<()>;

    // ----- history --------------------------------------------------------
    /// Records changes in this transaction; the backend adds when and who.
    async fn append_history(&mut self, entries: &[NewHistory]) -> Result<()>;
    /// The latest `limit` changes of a visit (with everything on it) or of
    /// one record (a person's includes their places on visits), newest first.
    async fn history(&mut self, of: HistoryOf, limit: u32) -> Result<Vec<HistoryEntry>>;
}

/// A change to record, as the service knows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewHistory {
    pub entity: Entity,
    pub entity_id: Uuid,
    pub visit_id: Option<Uuid>,
    pub label: String,
    pub action: HistoryAction,
    pub changes: Vec<Change>,
}

/// Whose history to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HistoryOf {
    /// A visit, its participants, agenda and follow-ups.
    Visit(Uuid),
    /// One person or organisation.
    Record(Uuid),
}

/// A shared handle on a backend.
pub(crate) type Shared = Arc<dyn Storage>;

/// The local database in a file: one coordinator's, on their machine.
pub(crate) async fn open_file(path: &Path) -> Result<Shared> {
    Ok(Arc::new(sqlite::SqliteStorage::open(path).await?))
}

/// A team database on a PostgreSQL server, at its libpq URL.
pub(crate) async fn open_team(url: &str) -> Result<Shared> {
    Ok(Arc::new(postgres::PgStorage::open(url).await?))
}

/// Makes an empty PostgreSQL database a Liaison team database; returns the
/// names of its coordinators' and viewers' roles.
pub(crate) async fn init_team(url: &str) -> Result<(String, String)> {
    postgres::PgStorage::init(url).await
}

/// Brings a team database to this build's schema, after a backup.
pub(crate) async fn migrate_team(url: &str, backup_dir: &Path) -> Result<postgres::Migrated> {
    postgres::PgStorage::migrate(url, backup_dir).await
}

pub use postgres::Migrated;

/// The schema version of local database files this build works with.
pub(crate) fn file_schema_version() -> i64 {
    sqlite::open::schema_version()
}

/// The schema version of team databases this build works with.
pub(crate) fn team_schema_version() -> i64 {
    postgres::schema_version()
}

/// A server's URL as it may be shown: without its password.
pub(crate) fn redact_url(url: &str) -> String {
    postgres::redact(url)
}

/// Whether `location` names a server rather than a file.
pub(crate) fn is_server_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// A private database in memory, for tests.
pub(crate) async fn open_in_memory() -> Result<Shared> {
    Ok(Arc::new(sqlite::SqliteStorage::open_in_memory().await?))
}

/// Which agenda items a calendar question reads.
#[derive(Debug, Clone, Copy)]
pub(crate) enum WantedItems<'a> {
    /// Those the question's filters let through, up to this many.
    Filtered(u32),
    /// These (chosen by [`Session::calendar_times`]), in the calendar's order.
    Ids(&'a [Uuid]),
}

/// Puts each item's people in precedence order (hosts first), as every
/// other read returns them.
/// Where an agenda item stands in its visit's programme: what a page of
/// the agenda continues after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct AgendaKey {
    pub starts_at: DateTime<Utc>,
    pub position: u32,
    pub ends_at: DateTime<Utc>,
    pub id: Uuid,
}

impl AgendaKey {
    pub(crate) fn of(a: &AgendaItem) -> Self {
        AgendaKey { starts_at: a.starts_at, position: a.position, ends_at: a.ends_at, id: a.id }
    }
}

/// A zone an agenda is planned in: its name, first start, last end, items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ZoneSpan {
    pub zone: String,
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
    pub items: u64,
}

pub(crate) fn order_people(items: &mut [AgendaItem], participants: &[crate::model::Participant]) {
    let rank: std::collections::HashMap<(Uuid, Uuid), (bool, u32)> = participants
        .iter()
        .map(|p| ((p.visit_id, p.person_id), (p.side != crate::model::Side::Host, p.precedence)))
        .collect();
    for item in items {
        if item.participant_ids.len() > 1 {
            let visit = item.visit_id;
            item.participant_ids.sort_by_key(|p| (rank.get(&(visit, *p)).copied().unwrap_or((true, u32::MAX)), *p));
        }
    }
}

/// Grouped by visit, each visit's in start order. In memory rather than by
/// the database: 100,000 rows sort several times faster here than in its sorter.
pub(crate) fn sort_by_visit(items: &mut [AgendaItem]) {
    items.sort_unstable_by(|a, b| {
        (a.visit_id, a.starts_at, a.position, a.ends_at, a.id).cmp(&(
            b.visit_id,
            b.starts_at,
            b.position,
            b.ends_at,
            b.id,
        ))
    });
}

/// A stored row of `seating_rules` read back: the columns are checked by
/// the schema, the swaps are JSON this crate wrote.
pub(crate) fn seating_from_columns(
    honour: &str,
    interpreter: &str,
    table_size: i64,
    meeting_swaps: &str,
    banquet_swaps: &str,
) -> Result<SeatingRules> {
    let bad = |what: &str, e: String| crate::error::Error::Internal(format!("stored seating {what}: {e}"));
    Ok(SeatingRules {
        honour: honour.parse().map_err(|e| bad("honour", e))?,
        interpreter: interpreter.parse().map_err(|e| bad("interpreter", e))?,
        table_size: u32::try_from(table_size).map_err(|e| bad("table size", e.to_string()))?,
        meeting_swaps: serde_json::from_str(meeting_swaps).map_err(|e| bad("swaps", e.to_string()))?,
        banquet_swaps: serde_json::from_str(banquet_swaps).map_err(|e| bad("swaps", e.to_string()))?,
    })
}

/// The swaps as the `seating_rules` table keeps them.
pub(crate) fn swaps_json(swaps: &[(Uuid, Uuid)]) -> String {
    serde_json::to_string(swaps).unwrap_or_else(|_| "[]".into())
}

/// The columns of `seating_rules` after `visit_id`, in the order the
/// queries bind them.
pub(crate) const SEATING_COLUMNS: &str = "honour, interpreter, table_size, meeting_swaps, banquet_swaps";

/// Saves a visit's seating rules a revision on, returning the revision:
/// binds the visit, then [`SEATING_COLUMNS`]. Written with PostgreSQL's
/// `$n`; SQLite reads the same numbers as `?n`.
pub(crate) const SAVE_SEATING: &str = "INSERT INTO seating_rules (visit_id, honour, interpreter, table_size, \
     meeting_swaps, banquet_swaps) VALUES ($1, $2, $3, $4, $5, $6) \
     ON CONFLICT (visit_id) DO UPDATE SET honour = excluded.honour, interpreter = excluded.interpreter, \
     table_size = excluded.table_size, meeting_swaps = excluded.meeting_swaps, \
     banquet_swaps = excluded.banquet_swaps, revision = seating_rules.revision + 1 \
     RETURNING revision";

/// Keeps a person's visa details a revision on, returning the revision;
/// `$n` as for [`SAVE_SEATING`].
pub(crate) const SAVE_VISA: &str = "INSERT INTO visa_details (visit_id, person_id, passport_name, gender, \
     nationality, date_of_birth, passport_number, passport_expiry, relationship, expenses) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
     ON CONFLICT (visit_id, person_id) DO UPDATE SET passport_name = excluded.passport_name, \
     gender = excluded.gender, nationality = excluded.nationality, date_of_birth = excluded.date_of_birth, \
     passport_number = excluded.passport_number, passport_expiry = excluded.passport_expiry, \
     relationship = excluded.relationship, expenses = excluded.expenses, revision = visa_details.revision + 1 \
     RETURNING revision";

/// A visit's visa details in its participants' order (hosts first, each
/// side by precedence); `$1` the visit.
pub(crate) const VISA_OF_VISIT: &str = "SELECT v.visit_id, v.person_id, v.passport_name, v.gender, v.nationality, \
     v.date_of_birth, v.passport_number, v.passport_expiry, v.relationship, v.expenses, v.revision \
     FROM visa_details v JOIN participants p ON p.visit_id = v.visit_id AND p.person_id = v.person_id \
     WHERE v.visit_id = $1 ORDER BY CASE p.side WHEN 'host' THEN 0 ELSE 1 END, p.precedence, p.person_id";

/// A row of `visa_details` from its columns, the dates as stored text.
#[allow(clippy::too_many_arguments)]
pub(crate) fn visa_from_columns(
    visit_id: Uuid,
    person_id: Uuid,
    texts: [String; 6],
    date_of_birth: &str,
    passport_expiry: Option<&str>,
    revision: i64,
) -> Result<VisaDetails> {
    let date = |s: &str| {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| Error::Internal(format!("stored visa date: {e}")))
    };
    let [passport_name, gender, nationality, passport_number, relationship, expenses] = texts;
    Ok(VisaDetails {
        visit_id,
        person_id,
        passport_name,
        gender,
        nationality,
        date_of_birth: date(date_of_birth)?,
        passport_number,
        passport_expiry: passport_expiry.map(date).transpose()?,
        relationship,
        expenses,
        revision: revision.try_into().unwrap_or(u32::MAX),
    })
}
