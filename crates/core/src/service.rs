//! One method per user action, each in one transaction: the command line and
//! the window's commands call these and nothing below them. Checks that need
//! the database (does the owner exist, is this person on the visit) run here,
//! inside the write transaction, so that they cannot race with another writer.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, Problems, Result};
use crate::history::{self, HistoryLine};
use crate::model::*;
use crate::problem::Problem;
pub use crate::storage::Migrated;
use crate::storage::{HistoryOf, NewHistory, Session, Shared, Watcher};
use crate::time::{self, now};
use crate::validate::*;

/// Liaison's records and every action on them: what the shell and the
/// command line hold. Cloning is cheap (a shared handle on the database).
#[derive(Clone, Debug)]
pub struct Service {
    storage: Shared,
}

/// Tells when something has been committed to the database since it last
/// looked: another process (the command line, a second window), or this
/// one. The window asks every moment and reloads what it shows, so that a
/// change made elsewhere appears without a restart.
pub struct ChangeWatcher(Box<dyn Watcher>);

impl ChangeWatcher {
    pub async fn changed(&mut self) -> Result<bool> {
        self.0.changed().await
    }
}

/// Where a database is: the local file of one coordinator, or the team
/// database of an office on a PostgreSQL server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
    /// A libpq URL (`postgres://user@host/db?sslmode=verify-full`).
    Team(String),
}

impl Location {
    /// A server URL (`postgres://`, `postgresql://`) or else a file's path.
    pub fn parse(text: impl Into<PathBuf>) -> Self {
        let path: PathBuf = text.into();
        match path.to_str() {
            Some(s) if crate::storage::is_server_url(s) => Location::Team(s.to_owned()),
            _ => Location::File(path),
        }
    }

    /// Whether there is a database there already: a file that exists, or a
    /// server (which is never created by opening it).
    pub fn exists(&self) -> bool {
        match self {
            Location::File(p) => p.exists(),
            Location::Team(_) => true,
        }
    }

    /// As a person may be shown it: a path, or a URL without its password.
    pub fn shown(&self) -> String {
        match self {
            Location::File(p) => p.display().to_string(),
            Location::Team(url) => crate::storage::redact_url(url),
        }
    }
}

/// This build's version and the database schemas it reads, as `liaison
/// --version` and the About section say them.
pub fn version_text() -> String {
    format!(
        "{} (database schema {}, team database schema {})",
        env!("CARGO_PKG_VERSION"),
        file_schema_version(),
        team_schema_version()
    )
}

/// The schema version of local database files this build makes and opens.
pub fn file_schema_version() -> i64 {
    crate::storage::file_schema_version()
}

/// The schema version of team databases this build works with.
pub fn team_schema_version() -> i64 {
    crate::storage::team_schema_version()
}

/// The platform's place for the local database: `$XDG_DATA_HOME/liaison/liaison.db`
/// on Linux (usually `~/.local/share/liaison/liaison.db`).
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("liaison").join("liaison.db"))
}

impl Service {
    /// Opens (creating if needed) the database file and brings its schema up
    /// to date. A file that is not Liaison's, or is a newer Liaison's, is
    /// refused before anything writes to it; an existing database is copied
    /// aside before a migration changes it ([`Service::backup`] says where).
    pub async fn open(path: &Path) -> Result<Self> {
        Ok(Self { storage: crate::storage::open_file(path).await? })
    }

    /// A team database on a PostgreSQL server (`postgres://…`, with libpq's
    /// conventions for passwords and TLS). It must have been created with
    /// [`Service::init_team`] at the schema this build works with; it is
    /// never migrated by opening it.
    pub async fn open_team(url: &str) -> Result<Self> {
        Ok(Self { storage: crate::storage::open_team(url).await? })
    }

    /// Opens the database at `location`.
    pub async fn open_at(location: &Location) -> Result<Self> {
        match location {
            Location::File(path) => Self::open(path).await,
            Location::Team(url) => Self::open_team(url).await,
        }
    }

    /// Creates Liaison's schema in an empty PostgreSQL database, with a role
    /// for coordinators (read and write) and one for viewers (read only).
    pub async fn init_team(url: &str) -> Result<TeamRoles> {
        let (coordinators, viewers) = crate::storage::init_team(url).await?;
        Ok(TeamRoles { coordinators, viewers })
    }

    /// Whether this user may change the database: false for a viewer of a
    /// team database, whose window then offers no editing.
    pub async fn may_write(&self) -> Result<bool> {
        self.storage.may_write().await
    }

    /// Brings a team database to this build's schema, after a backup with
    /// pg_dump into `backup_dir` (what an administrator runs; a
    /// coordinator's launch never migrates a team database).
    pub async fn migrate_team(url: &str, backup_dir: &Path) -> Result<Migrated> {
        crate::storage::migrate_team(url, backup_dir).await
    }

    /// Whether the connection checks who the server is (TLS with
    /// sslmode verify-ca or verify-full). A file needs no such check.
    pub fn verified(&self) -> bool {
        self.storage.verified()
    }

    /// Where the database is, for showing: a path, or a URL without its password.
    pub fn location(&self) -> String {
        self.storage.location()
    }

    /// A private database in memory, for tests.
    pub async fn open_in_memory() -> Result<Self> {
        Ok(Self { storage: crate::storage::open_in_memory().await? })
    }

    /// The database file, for a database in a file.
    pub fn path(&self) -> Option<&Path> {
        self.storage.path()
    }

    /// The copy made before this open migrated an existing database: the
    /// command line and the window tell the user where it is.
    pub fn backup(&self) -> Option<&Path> {
        self.storage.backup()
    }

    /// A watcher on the database; None for one that nothing else can change.
    pub async fn watch_changes(&self) -> Result<Option<ChangeWatcher>> {
        Ok(self.storage.watch().await?.map(ChangeWatcher))
    }

    pub async fn close(&self) {
        self.storage.close().await;
    }

    /// How many rows each table holds.
    pub async fn totals(&self) -> Result<Totals> {
        use crate::storage::Table;
        let mut s = self.read().await?;
        Ok(Totals {
            organisations: s.count(Table::Organisations).await?,
            people: s.count(Table::People).await?,
            visits: s.count(Table::Visits).await?,
            participants: s.count(Table::Participants).await?,
            agenda_items: s.count(Table::AgendaItems).await?,
            agenda_links: s.count(Table::AgendaParticipants).await?,
            follow_ups: s.count(Table::FollowUps).await?,
        })
    }

    /// A visit's history (the visit, its participants, agenda and
    /// follow-ups), newest first, in words. At most `limit` changes.
    pub async fn visit_history(&self, visit_id: Uuid, limit: u32) -> Result<Vec<HistoryLine>> {
        self.history(HistoryOf::Visit(visit_id), limit, liaison_i18n::current()).await
    }

    /// [`Service::visit_history`] in `lang` (the window's language).
    pub async fn visit_history_in(
        &self,
        visit_id: Uuid,
        limit: u32,
        lang: liaison_i18n::Lang,
    ) -> Result<Vec<HistoryLine>> {
        self.history(HistoryOf::Visit(visit_id), limit, lang).await
    }

    /// A person's or an organisation's history, newest first, in words; a
    /// person's includes their joining and leaving visits.
    pub async fn record_history(&self, id: Uuid, limit: u32) -> Result<Vec<HistoryLine>> {
        self.history(HistoryOf::Record(id), limit, liaison_i18n::current()).await
    }

    /// [`Service::record_history`] in `lang` (the window's language).
    pub async fn record_history_in(&self, id: Uuid, limit: u32, lang: liaison_i18n::Lang) -> Result<Vec<HistoryLine>> {
        self.history(HistoryOf::Record(id), limit, lang).await
    }

    async fn history(&self, of: HistoryOf, limit: u32, lang: liaison_i18n::Lang) -> Result<Vec<HistoryLine>> {
        let mut c = self.read().await?;
        let entries = c.history(of, limit).await?;
        let ids = history::referenced(&entries);
        let mut names = history::Names::new();
        for p in c.people_by_ids(&ids).await? {
            names.insert(p.id, history::person_label(&p).to_owned());
        }
        for o in c.organisations_by_ids(&ids).await? {
            names.insert(o.id, o.names().sort_key().to_owned());
        }
        // An office has tens of rooms: read them all when a change names one.
        if entries.iter().any(|e| e.changes.iter().any(|c| c.field == "room_id")) {
            for r in c.rooms().await? {
                names.insert(r.id, r.place(lang));
            }
        }
        Ok(entries.into_iter().map(|entry| HistoryLine { text: history::words(&entry, &names, lang), entry }).collect())
    }

    pub(crate) fn storage(&self) -> &Shared {
        &self.storage
    }

    pub(crate) async fn read(&self) -> Result<Box<dyn Session>> {
        self.storage.read().await
    }

    pub(crate) async fn write(&self) -> Result<Box<dyn Session>> {
        self.storage.write().await
    }
}

/// The roles of a team database: an administrator makes each login a
/// member of one (`GRANT <coordinators> TO alice`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRoles {
    pub coordinators: String,
    pub viewers: String,
}

/// How many records of each kind a database holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Totals {
    pub organisations: u64,
    pub people: u64,
    pub visits: u64,
    pub participants: u64,
    pub agenda_items: u64,
    /// Who is in which agenda item.
    pub agenda_links: u64,
    pub follow_ups: u64,
}

/// The id of a record Liaison makes (a form, a copy, a calendar import).
///
/// Time-ordered (UUID version 7), rising within the process: a new row
/// lands at the end of its table's id index, and of the tables keyed by
/// the id (agenda_participants, search_docs, search_stale), instead of on
/// a random page of each. A calendar import of 100,000 events took 10-20%
/// less time for it (issue 15, stop 47), and so does a JSON document that
/// lists its records in the order they were made (the benchmark data set
/// made so: 4.4 s against 5.8 s with random ids, `scripts/bench-files`).
/// Liaison's own JSON export lists visits by date and the directory by
/// name, and imports no faster for it (stop 62). What it costs: an id
/// tells when its record was made, to the millisecond, as the record's own
/// `created_at` already does, and so does the calendar UID made from it.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// The calendar UID for a record: stable, derived once from its id, stored.
pub fn calendar_uid(id: Uuid) -> String {
    format!("{id}@liaison")
}

/// An organisation with who works there and the visits it hosted or sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OrganisationDetail {
    pub organisation: Organisation,
    pub people: Vec<Person>,
    /// Every visit with it, as host or guest, soonest first.
    pub visits: Vec<Visit>,
    /// The follow-ups agreed with it, of every visit and status, by due
    /// date: what is owed to it (`to_act` us or both) and by it (them or both).
    pub follow_ups: Vec<FollowUpRow>,
}

/// The visits list as a coordinator first sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FirstLook {
    /// Upcoming visits; or all of them when none is upcoming (a past
    /// sample, say), rather than an empty list.
    pub scope: VisitScope,
    /// The first page of that list.
    pub page: VisitPage,
    /// Whether there is any visit at all (else the first-run screen).
    pub any_visit: bool,
}

/// A person with their organisation and the visits they took part in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PersonDetail {
    pub person: Person,
    pub organisation: Option<Organisation>,
    pub visits: Vec<Visit>,
    /// When they cannot be booked, by first day.
    pub availability: Vec<Availability>,
}

async fn check_org(c: &mut dyn Session, p: &mut Problems, field: &str, id: Option<Uuid>) -> Result<()> {
    if let Some(id) = id {
        if !c.organisation_exists(id).await? {
            p.push(field, Problem::OrganisationMissing { id: id.to_string() });
        }
    }
    Ok(())
}

async fn check_person(c: &mut dyn Session, p: &mut Problems, field: &str, id: Option<Uuid>) -> Result<()> {
    if let Some(id) = id {
        if !c.person_exists(id).await? {
            p.push(field, Problem::PersonMissing { id: id.to_string() });
        }
    }
    Ok(())
}

/// What an id typed on the command line names.
#[derive(Debug, Clone, Copy)]
enum Typed {
    Visit,
    Person,
    FollowUp,
}

/// Does a change between two versions of a visit show in a calendar?
fn visit_calendar_changed(a: &Visit, b: &Visit) -> bool {
    (a.starts_at, a.ends_at, &a.time_zone, &a.title, &a.purpose, a.status, &a.venue, &a.online_link)
        != (b.starts_at, b.ends_at, &b.time_zone, &b.title, &b.purpose, b.status, &b.venue, &b.online_link)
}

/// Does making someone a participant of a visit with `role`, when they were
/// `old`, change the visit's attendees as a calendar shows them? Someone
/// new, or a new role, does: the visit and its items that name nobody must
/// go out with a new SEQUENCE. A new place in the order, or a new side, is
/// not shown. The form and the JSON import both ask this.
pub(crate) fn attendee_changed(old: Option<&Participant>, role: Role) -> bool {
    old.is_none_or(|o| o.role != role)
}

/// Attendees count as a set: participant ids come back in precedence order,
/// and reordering the delegation is not a change a calendar shows.
fn agenda_calendar_changed(a: &AgendaItem, b: &AgendaItem) -> bool {
    let people = |x: &AgendaItem| {
        let mut ids = x.participant_ids.clone();
        ids.sort();
        ids
    };
    // The chair is the ATTENDEE with ROLE=CHAIR, the speakers are named in
    // DESCRIPTION, and the room is the LOCATION: all are in the file.
    (a.starts_at, a.ends_at, &a.time_zone, &a.title, a.kind, a.status, &a.location, &a.description, people(a))
        != (b.starts_at, b.ends_at, &b.time_zone, &b.title, b.kind, b.status, &b.location, &b.description, people(b))
        || (a.room_id, a.chair_id, &a.speaker_ids) != (b.room_id, b.chair_id, &b.speaker_ids)
}

fn follow_up_calendar_changed(a: &FollowUp, b: &FollowUp) -> bool {
    (&a.title, a.due_date, a.status, &a.notes, a.owner_id) != (&b.title, b.due_date, b.status, &b.notes, b.owner_id)
}

/// A save of a record that belongs to a visit: a new one on that visit, or
/// over a revision of an existing one.
#[derive(Debug, Clone, Copy)]
enum Saving {
    New(Uuid),
    Over(u32),
}

/// Refuses a save based on `base` when the record is at `current` by now.
pub(crate) fn based_on_latest(entity: &'static str, id: Uuid, base: u32, current: u32) -> Result<()> {
    if base == current {
        Ok(())
    } else {
        Err(Error::Stale { entity, id: id.to_string() })
    }
}

/// Records a change in the caller's transaction (nothing for no change).
async fn note_change(tx: &mut dyn Session, entry: Option<NewHistory>) -> Result<()> {
    match entry {
        Some(e) => tx.append_history(std::slice::from_ref(&e)).await,
        None => Ok(()),
    }
}

/// A change of a person's periods of availability, in their history: the
/// list before and after, as one field of the person.
async fn note_availability(tx: &mut dyn Session, person_id: Uuid, before: &[Availability]) -> Result<()> {
    let person = tx.person(person_id).await?;
    let after = tx.availability_of(Some(&[person_id])).await?;
    let change = history::entry(
        Entity::Person,
        person_id,
        None,
        person.names().sort_key(),
        Some(history::of_availability(before)),
        Some(history::of_availability(&after)),
    );
    note_change(tx, change).await
}

/// The sequence a record gets when saved over `old`.
fn next_sequence(old: u32, changed: bool) -> u32 {
    if changed {
        old.saturating_add(1)
    } else {
        old
    }
}

macro_rules! choices {
    ($t:ty) => {
        <$t>::ALL.iter().map(|v| v.as_str().to_owned()).collect()
    };
}

/// Every closed set of values the UI offers. Built here, above the model,
/// because the calendar's choices belong to the calendar format.
pub fn vocabulary() -> Vocabulary {
    let mut time_zones: Vec<String> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name().to_owned()).collect();
    time_zones.sort();
    Vocabulary {
        org_kinds: choices!(OrgKind),
        visit_kinds: choices!(VisitKind),
        visit_statuses: choices!(VisitStatus),
        sides: choices!(Side),
        roles: choices!(Role),
        agenda_kinds: choices!(AgendaKind),
        agenda_statuses: choices!(AgendaStatus),
        follow_up_statuses: choices!(FollowUpStatus),
        to_act: choices!(ToAct),
        conflict_kinds: choices!(ConflictKind),
        availability_kinds: choices!(AvailabilityKind),
        search_kinds: choices!(SearchKind),
        search_fields: choices!(SearchField),
        calendar_methods: choices!(crate::calendar::Method),
        calendar_tasks: choices!(crate::calendar::Tasks),
        time_zones,
    }
}

impl Service {
    // ----- organisations ---------------------------------------------------

    pub async fn organisations(&self) -> Result<Vec<Organisation>> {
        self.read().await?.organisations().await
    }

    /// An organisation's record of the relationship: its people, every
    /// visit with it, and the follow-ups agreed with it (`today` says which
    /// are overdue).
    pub async fn organisation(&self, id: Uuid, today: NaiveDate) -> Result<OrganisationDetail> {
        let mut c = self.read().await?;
        let organisation = c.organisation(id).await?;
        let staff = c.people_of_organisation(id).await?;
        let visits = c.visits_of_organisation(id).await?;
        let agreed = FollowUpQuery { counterpart_org_id: Some(id), ..Default::default() };
        let follow_ups = c.follow_up_register(&agreed, today).await?.rows;
        Ok(OrganisationDetail { organisation, people: staff, visits, follow_ups })
    }

    // ----- rooms -------------------------------------------------------------

    /// The office's rooms, by name.
    pub async fn rooms(&self) -> Result<Vec<Room>> {
        self.read().await?.rooms().await
    }

    pub async fn create_room(&self, input: &RoomInput) -> Result<Room> {
        self.save_room(new_id(), input, None).await
    }

    /// Saves over revision `base` of the room, if it is still the latest.
    pub async fn update_room(&self, id: Uuid, base: u32, input: &RoomInput) -> Result<Room> {
        self.save_room(id, input, Some(base)).await
    }

    async fn save_room(&self, id: Uuid, input: &RoomInput, base: Option<u32>) -> Result<Room> {
        let d = RoomData::try_from(input)?;
        let mut tx = self.write().await?;
        let at = now();
        let created_at = match base {
            None => at,
            Some(base) => {
                let old = tx.room(id).await?;
                based_on_latest("room", id, base, old.revision)?;
                old.created_at
            }
        };
        let old = match base {
            None => None,
            Some(_) => Some(tx.room(id).await?),
        };
        tx.upsert_rooms(std::slice::from_ref(&d.into_record(id, created_at, at))).await?;
        let saved = tx.room(id).await?;
        let change = history::entry(
            Entity::Room,
            id,
            None,
            saved.names().sort_key(),
            old.as_ref().map(history::of_room),
            Some(history::of_room(&saved)),
        );
        note_change(&mut *tx, change).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Refused while agenda items are in it.
    pub async fn delete_room(&self, id: Uuid) -> Result<()> {
        let mut tx = self.write().await?;
        let old = tx.room(id).await?;
        tx.delete_room(id).await?;
        let change = history::entry(Entity::Room, id, None, old.names().sort_key(), Some(history::of_room(&old)), None);
        note_change(&mut *tx, change).await?;
        tx.commit().await
    }

    pub async fn create_organisation(&self, input: &OrganisationInput) -> Result<Organisation> {
        self.save_organisation(new_id(), input, None).await
    }

    /// Saves over revision `base` of the organisation, if it is still the latest.
    pub async fn update_organisation(&self, id: Uuid, base: u32, input: &OrganisationInput) -> Result<Organisation> {
        self.save_organisation(id, input, Some(base)).await
    }

    async fn save_organisation(&self, id: Uuid, input: &OrganisationInput, base: Option<u32>) -> Result<Organisation> {
        let d = OrganisationData::try_from(input)?;
        let mut tx = self.write().await?;
        let at = now();
        let old = match base {
            None => None,
            Some(base) => {
                let old = tx.organisation(id).await?;
                based_on_latest("organisation", id, base, old.revision)?;
                Some(old)
            }
        };
        let record = d.into_record(id, old.as_ref().map_or(at, |o| o.created_at), at);
        tx.upsert_organisations(std::slice::from_ref(&record)).await?;
        let saved = tx.organisation(id).await?;
        let change = history::entry(
            Entity::Organisation,
            id,
            None,
            saved.names().sort_key(),
            old.as_ref().map(history::of_organisation),
            Some(history::of_organisation(&saved)),
        );
        note_change(&mut *tx, change).await?;
        tx.commit().await?;
        Ok(saved)
    }

    pub async fn delete_organisation(&self, id: Uuid) -> Result<()> {
        let mut tx = self.write().await?;
        let old = tx.organisation(id).await?;
        tx.delete_organisation(id).await?;
        let change = history::entry(
            Entity::Organisation,
            id,
            None,
            old.names().sort_key(),
            Some(history::of_organisation(&old)),
            None,
        );
        note_change(&mut *tx, change).await?;
        tx.commit().await
    }

    // ----- people ----------------------------------------------------------

    pub async fn people(&self) -> Result<Vec<Person>> {
        self.read().await?.people().await
    }

    pub async fn search_people(&self, query: &PeopleQuery) -> Result<PeoplePage> {
        self.read().await?.search_people(query).await
    }

    pub async fn person(&self, id: Uuid) -> Result<PersonDetail> {
        let mut c = self.read().await?;
        let person = c.person(id).await?;
        let organisation = match person.organisation_id {
            Some(o) => Some(c.organisation(o).await?),
            None => None,
        };
        let visits = c.visits_of_person(id).await?;
        let availability = c.availability_of(Some(&[id])).await?;
        Ok(PersonDetail { person, organisation, visits, availability })
    }

    /// Records when a person cannot be booked.
    pub async fn add_availability(&self, person_id: Uuid, input: &AvailabilityInput) -> Result<Availability> {
        let d = AvailabilityData::try_from(input)?;
        let mut tx = self.write().await?;
        tx.person(person_id).await?;
        let before = tx.availability_of(Some(&[person_id])).await?;
        let (id, at) = (new_id(), now());
        tx.upsert_availability(std::slice::from_ref(&d.into_record(id, person_id, at, at))).await?;
        let saved = tx.availability(id).await?;
        note_availability(&mut *tx, person_id, &before).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Saves over revision `base` of a period, if it is still the latest.
    pub async fn update_availability(&self, id: Uuid, base: u32, input: &AvailabilityInput) -> Result<Availability> {
        let d = AvailabilityData::try_from(input)?;
        let mut tx = self.write().await?;
        let old = tx.availability(id).await?;
        based_on_latest("availability", id, base, old.revision)?;
        let before = tx.availability_of(Some(&[old.person_id])).await?;
        tx.upsert_availability(std::slice::from_ref(&d.into_record(id, old.person_id, old.created_at, now()))).await?;
        let saved = tx.availability(id).await?;
        note_availability(&mut *tx, old.person_id, &before).await?;
        tx.commit().await?;
        Ok(saved)
    }

    pub async fn delete_availability(&self, id: Uuid) -> Result<()> {
        let mut tx = self.write().await?;
        let old = tx.availability(id).await?;
        let before = tx.availability_of(Some(&[old.person_id])).await?;
        tx.delete_availability(id).await?;
        note_availability(&mut *tx, old.person_id, &before).await?;
        tx.commit().await
    }

    pub async fn create_person(&self, input: &PersonInput) -> Result<Person> {
        self.save_person(new_id(), input, None).await
    }

    /// Saves over revision `base` of the person, if it is still the latest.
    pub async fn update_person(&self, id: Uuid, base: u32, input: &PersonInput) -> Result<Person> {
        self.save_person(id, input, Some(base)).await
    }

    async fn save_person(&self, id: Uuid, input: &PersonInput, base: Option<u32>) -> Result<Person> {
        let d = PersonData::try_from(input)?;
        let mut tx = self.write().await?;
        let mut p = Problems::new();
        check_org(&mut *tx, &mut p, "organisation_id", d.organisation_id).await?;
        p.finish(|| ())?;
        let at = now();
        let old = match base {
            None => None,
            Some(base) => {
                let old = tx.person(id).await?;
                based_on_latest("person", id, base, old.revision)?;
                Some(old)
            }
        };
        let record = d.into_record(id, old.as_ref().map_or(at, |o| o.created_at), at);
        tx.upsert_people(std::slice::from_ref(&record)).await?;
        let saved = tx.person(id).await?;
        let change = history::entry(
            Entity::Person,
            id,
            None,
            history::person_label(&saved),
            old.as_ref().map(history::of_person),
            Some(history::of_person(&saved)),
        );
        note_change(&mut *tx, change).await?;
        tx.commit().await?;
        Ok(saved)
    }

    pub async fn delete_person(&self, id: Uuid) -> Result<()> {
        let mut tx = self.write().await?;
        let old = tx.person(id).await?;
        tx.delete_person(id).await?;
        let change =
            history::entry(Entity::Person, id, None, history::person_label(&old), Some(history::of_person(&old)), None);
        note_change(&mut *tx, change).await?;
        tx.commit().await
    }

    // ----- visits ----------------------------------------------------------

    pub async fn visit_page(&self, query: &VisitQuery) -> Result<VisitPage> {
        self.read().await?.visit_page(query, Utc::now()).await
    }

    /// The first page of the visits list for someone who has not chosen a
    /// tab yet: upcoming visits, else all of them.
    pub async fn first_look(&self, limit: u32) -> Result<FirstLook> {
        let upcoming = VisitQuery { scope: VisitScope::Upcoming, limit, ..Default::default() };
        let page = self.visit_page(&upcoming).await?;
        if page.total > 0 {
            return Ok(FirstLook { scope: VisitScope::Upcoming, page, any_visit: true });
        }
        let page = self.visit_page(&VisitQuery { scope: VisitScope::All, ..upcoming }).await?;
        Ok(FirstLook { scope: VisitScope::All, any_visit: page.total > 0, page })
    }

    pub async fn visit(&self, id: Uuid) -> Result<Visit> {
        self.read().await?.visit(id).await
    }

    /// Finds a visit by its full id or a unique prefix of it (at least 4
    /// characters), as typed on the command line.
    pub async fn resolve_visit(&self, text: &str) -> Result<Uuid> {
        self.resolve(Typed::Visit, text).await
    }

    /// Finds a person the same way.
    pub async fn resolve_person(&self, text: &str) -> Result<Uuid> {
        self.resolve(Typed::Person, text).await
    }

    /// Finds a follow-up the same way.
    pub async fn resolve_follow_up(&self, text: &str) -> Result<Uuid> {
        self.resolve(Typed::FollowUp, text).await
    }

    /// Finds an organisation by its acronym (in any case), its full id or a
    /// unique prefix of it (at least 4 characters).
    pub async fn resolve_organisation(&self, text: &str) -> Result<Uuid> {
        const ENTITY: &str = "organisation";
        let text = text.trim();
        if let Ok(id) = text.parse::<Uuid>() {
            return Ok(id);
        }
        // An office has hundreds of organisations, not millions: read them all.
        let orgs = self.read().await?.organisations().await?;
        let by_acronym: Vec<Uuid> = orgs
            .iter()
            .filter(|o| !o.acronym.is_empty() && o.acronym.to_lowercase() == text.to_lowercase())
            .map(|o| o.id)
            .collect();
        let hex = text.replace('-', "").to_ascii_lowercase();
        let found = if !by_acronym.is_empty() {
            by_acronym
        } else if hex.len() >= 4 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            orgs.iter().filter(|o| o.id.simple().to_string().starts_with(&hex)).map(|o| o.id).collect()
        } else {
            return Err(Error::not_found(ENTITY, text));
        };
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(Error::not_found(ENTITY, text)),
            _ => Err(Error::invalid(
                ENTITY,
                Problem::AmbiguousId { text: text.to_owned(), count: found.len(), entity: ENTITY.to_owned() },
            )),
        }
    }

    async fn resolve(&self, kind: Typed, text: &str) -> Result<Uuid> {
        let entity = match kind {
            Typed::Visit => "visit",
            Typed::Person => "person",
            Typed::FollowUp => "follow_up",
        };
        let text = text.trim();
        if let Ok(id) = text.parse::<Uuid>() {
            return Ok(id);
        }
        let hex = text.replace('-', "");
        if hex.len() < 4 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::invalid(entity, Problem::NotAnId { text: text.to_owned(), entity: entity.to_owned() }));
        }
        let mut c = self.read().await?;
        let found = match kind {
            Typed::Visit => c.visit_ids_with_prefix(&hex).await?,
            Typed::Person => c.person_ids_with_prefix(&hex).await?,
            Typed::FollowUp => c.follow_up_ids_with_prefix(&hex).await?,
        };
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(Error::not_found(entity, text)),
            _ => Err(Error::invalid(
                entity,
                Problem::AmbiguousId { text: text.to_owned(), count: found.len(), entity: entity.to_owned() },
            )),
        }
    }

    /// A new visit planned from an earlier one: its kind, organisations,
    /// venue, zone, participants (sides, roles, precedence) and the shape of
    /// its agenda (each item's title, kind, place, description and people),
    /// moved so that it starts on `start_date` at the same wall-clock times.
    /// Not its follow-ups, notes or minutes, which were of that visit. A
    /// draft, its items tentative, with calendar identities of its own.
    pub async fn copy_visit(&self, from: Uuid, input: &VisitCopyInput) -> Result<Saved<Visit>> {
        let mut p = Problems::new();
        let title = line(&mut p, "title", &input.title, MAX_LINE, true);
        let start_date = match time::parse_date(&input.start_date) {
            Ok(d) => Some(d),
            Err(_) if input.start_date.trim().is_empty() => {
                p.push("start_date", Problem::Required);
                None
            }
            Err(m) => {
                p.push("start_date", m);
                None
            }
        };
        let start_date = p.finish(|| start_date)?.unwrap_or_default();
        let mut tx = self.write().await?;
        let old = tx.visit(from).await?;
        let zone = time::stored_zone(&old.time_zone);
        let days = start_date - old.starts_at.with_timezone(&zone).date_naive();
        let mut warnings = Vec::new();
        // The same wall-clock time `days` later in `zone`. A time the clocks
        // skip or repeat that day becomes the first instant after or at it,
        // and is said.
        let mut shift = |t: DateTime<Utc>, zone: Tz, item: Option<&str>| -> Result<DateTime<Utc>> {
            let wall = t.with_timezone(&zone).naive_local() + days;
            match time::local_to_utc(wall, zone) {
                Ok(u) => Ok(u),
                Err(_) => {
                    let moved = match zone.from_local_datetime(&wall) {
                        chrono::LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
                        _ => time::local_to_utc(wall + chrono::Duration::hours(1), zone)
                            .map_err(|m| Error::invalid("start_date", m))?,
                    };
                    if let Some(item) = item {
                        warnings.push(Warning::new(
                            "agenda",
                            WarningCode::ClockChange,
                            Problem::ShiftedOverClockChange {
                                item: item.to_owned(),
                                time: time::format_local(moved, zone).replace('T', " "),
                                zone: zone.name().to_owned(),
                            },
                        ));
                    }
                    Ok(moved)
                }
            }
        };
        let id = new_id();
        let at = now();
        let visit = Visit {
            id,
            title,
            status: VisitStatus::Draft,
            starts_at: shift(old.starts_at, zone, None)?,
            ends_at: shift(old.ends_at, zone, None)?,
            purpose: String::new(),
            notes: String::new(),
            minutes: String::new(),
            topics: Vec::new(),
            uid: calendar_uid(id),
            sequence: 0,
            created_at: at,
            updated_at: at,
            revision: 0,
            ..old.clone()
        };
        tx.upsert_visits(std::slice::from_ref(&visit)).await?;
        let participants: Vec<Participant> =
            tx.participants_of_visit(from).await?.into_iter().map(|x| Participant { visit_id: id, ..x }).collect();
        tx.upsert_participants(&participants).await?;
        let mut items = Vec::new();
        for item in tx.agenda_of_visit(from).await? {
            if item.status == AgendaStatus::Cancelled {
                continue;
            }
            let item_zone = time::stored_zone(&item.time_zone);
            let item_id = new_id();
            let starts_at = shift(item.starts_at, item_zone, Some(&item.title))?;
            // The same length, whatever the clocks do.
            let ends_at = starts_at + (item.ends_at - item.starts_at);
            items.push(AgendaItem {
                id: item_id,
                visit_id: id,
                starts_at,
                ends_at,
                start_local: time::format_local(starts_at, item_zone),
                end_local: time::format_local(ends_at, item_zone),
                status: AgendaStatus::Tentative,
                uid: calendar_uid(item_id),
                sequence: 0,
                created_at: at,
                updated_at: at,
                revision: 0,
                ..item
            });
        }
        tx.upsert_agenda(&items).await?;
        let saved = tx.visit(id).await?;
        let mut changes: Vec<NewHistory> = Vec::new();
        changes.extend(history::entry(
            Entity::Visit,
            id,
            Some(id),
            &saved.title,
            None,
            Some(history::of_visit(&saved)),
        ));
        let people = tx.people_by_ids(&participants.iter().map(|x| x.person_id).collect::<Vec<_>>()).await?;
        for x in &participants {
            let label = people.iter().find(|p| p.id == x.person_id).map(history::person_label).unwrap_or_default();
            changes.extend(history::entry(
                Entity::Participant,
                x.person_id,
                Some(id),
                label,
                None,
                Some(history::of_participant(x)),
            ));
        }
        for item in &items {
            changes.extend(history::entry(
                Entity::AgendaItem,
                item.id,
                Some(id),
                &item.title,
                None,
                Some(history::of_agenda_item(item)),
            ));
        }
        tx.append_history(&changes).await?;
        tx.commit().await?;
        Ok(Saved { record: saved, warnings })
    }

    pub async fn visit_detail(&self, id: Uuid) -> Result<VisitDetail> {
        let mut c = self.read().await?;
        detail(&mut *c, id).await
    }

    pub async fn create_visit(&self, input: &VisitInput) -> Result<Saved<Visit>> {
        let id = new_id();
        self.save_visit(id, input, None).await
    }

    /// Saves over revision `base` of the visit, if it is still the latest.
    pub async fn update_visit(&self, id: Uuid, base: u32, input: &VisitInput) -> Result<Saved<Visit>> {
        self.save_visit(id, input, Some(base)).await
    }

    async fn save_visit(&self, id: Uuid, input: &VisitInput, base: Option<u32>) -> Result<Saved<Visit>> {
        let d = VisitData::try_from(input)?;
        let mut tx = self.write().await?;
        // Read inside the write transaction, so that nothing can change it
        // between the check and the write.
        let old = match base {
            None => None,
            Some(base) => {
                let old = tx.visit(id).await?;
                based_on_latest("visit", id, base, old.revision)?;
                Some(old)
            }
        };
        let mut p = Problems::new();
        check_org(&mut *tx, &mut p, "host_org_id", d.host_org_id).await?;
        check_org(&mut *tx, &mut p, "guest_org_id", d.guest_org_id).await?;
        p.finish(|| ())?;
        let at = now();
        let record = match &old {
            None => d.into_record(id, Stamp { uid: calendar_uid(id), sequence: 0, created_at: at, updated_at: at }),
            Some(old) => {
                let draft = d.into_record(
                    id,
                    Stamp { uid: old.uid.clone(), sequence: old.sequence, created_at: old.created_at, updated_at: at },
                );
                let sequence = next_sequence(old.sequence, visit_calendar_changed(old, &draft));
                Visit { sequence, ..draft }
            }
        };
        tx.upsert_visits(std::slice::from_ref(&record)).await?;
        // Cancelling a visit cancels everything on it in calendars (and
        // undoing that restores it): each item's SEQUENCE must rise too, or
        // calendars would ignore the change.
        let cancelled = |v: &Visit| v.status == VisitStatus::Cancelled;
        if old.as_ref().is_some_and(|o| cancelled(o) != cancelled(&record)) {
            tx.bump_agenda_sequences(id).await?;
            tx.bump_follow_up_sequences(id).await?;
        }
        let saved = tx.visit(id).await?;
        let warnings = tx
            .agenda_of_visit(id)
            .await?
            .iter()
            .filter(|a| a.starts_at < saved.starts_at || a.ends_at > saved.ends_at)
            .map(|a| {
                Warning::new(
                    "end",
                    WarningCode::OutsideVisit,
                    Problem::ItemNowOutside { title: a.title.clone(), start: a.start_local.clone() },
                )
            })
            .collect();
        let change = history::entry(
            Entity::Visit,
            id,
            Some(id),
            &saved.title,
            old.as_ref().map(history::of_visit),
            Some(history::of_visit(&saved)),
        );
        note_change(&mut *tx, change).await?;
        tx.commit().await?;
        Ok(Saved { record: saved, warnings })
    }

    pub async fn delete_visit(&self, id: Uuid) -> Result<()> {
        let mut tx = self.write().await?;
        let old = tx.visit(id).await?;
        tx.delete_visit(id).await?;
        // One line for the visit: what was on it goes with it.
        let change = history::entry(Entity::Visit, id, Some(id), &old.title, Some(history::of_visit(&old)), None);
        note_change(&mut *tx, change).await?;
        tx.commit().await
    }

    // ----- participants ----------------------------------------------------

    /// Adds a person to a visit, or changes their side, role or place. A
    /// precedence puts them at that place in their side and moves the others
    /// down; none puts them last.
    pub async fn set_participant(&self, visit_id: Uuid, input: &ParticipantInput) -> Result<Vec<ParticipantView>> {
        let mut tx = self.write().await?;
        tx.visit(visit_id).await?;
        let mut p = Problems::new();
        check_person(&mut *tx, &mut p, "person_id", Some(input.person_id)).await?;
        if input.precedence == Some(0) {
            p.push("precedence", Problem::CountsFromOne);
        }
        p.finish(|| ())?;
        let before = tx.participant(visit_id, input.person_id).await?;
        if attendee_changed(before.as_ref(), input.role) {
            tx.bump_attendee_sequences(&[visit_id]).await?;
        }
        let mut side: Vec<Participant> = tx
            .participants_of_visit(visit_id)
            .await?
            .into_iter()
            .filter(|x| x.side == input.side && x.person_id != input.person_id)
            .collect();
        let at = input.precedence.map_or(side.len(), |n| (n as usize - 1).min(side.len()));
        side.insert(
            at,
            Participant { visit_id, person_id: input.person_id, side: input.side, role: input.role, precedence: 0 },
        );
        self.write_side(&mut *tx, side).await?;
        // A side change leaves a gap in the old side; close it.
        let other = input.side_other();
        let rest: Vec<Participant> =
            tx.participants_of_visit(visit_id).await?.into_iter().filter(|x| x.side == other).collect();
        self.write_side(&mut *tx, rest).await?;
        let after = tx.participant(visit_id, input.person_id).await?;
        let person = tx.person(input.person_id).await?;
        let change = history::entry(
            Entity::Participant,
            input.person_id,
            Some(visit_id),
            history::person_label(&person),
            before.as_ref().map(history::of_participant),
            after.as_ref().map(history::of_participant),
        );
        note_change(&mut *tx, change).await?;
        let out = tx.participant_views(visit_id).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// Renumbers a side 1, 2, 3 … in the given order.
    async fn write_side(&self, tx: &mut dyn Session, mut side: Vec<Participant>) -> Result<()> {
        for (i, x) in side.iter_mut().enumerate() {
            x.precedence = i as u32 + 1;
        }
        tx.upsert_participants(&side).await?;
        Ok(())
    }

    /// Puts one side of a visit in the given order. `person_ids` must name
    /// exactly the people on that side.
    pub async fn reorder_participants(
        &self,
        visit_id: Uuid,
        side: Side,
        person_ids: &[Uuid],
    ) -> Result<Vec<ParticipantView>> {
        let mut tx = self.write().await?;
        tx.visit(visit_id).await?;
        let current: Vec<Participant> =
            tx.participants_of_visit(visit_id).await?.into_iter().filter(|x| x.side == side).collect();
        let mut a: Vec<Uuid> = current.iter().map(|x| x.person_id).collect();
        let mut b = person_ids.to_vec();
        a.sort();
        b.sort();
        if a != b {
            return Err(Error::invalid("person_ids", Problem::SideOrder { side: side.as_str().to_owned() }));
        }
        let ordered = person_ids.iter().filter_map(|id| current.iter().find(|x| x.person_id == *id).cloned()).collect();
        self.write_side(&mut *tx, ordered).await?;
        // One line for the new order of the side, not one per person moved.
        let field = format!("{}_ids", side.as_str());
        let visit = tx.visit(visit_id).await?;
        let ids = |list: Vec<Uuid>| serde_json::Value::from(list.iter().map(Uuid::to_string).collect::<Vec<_>>());
        let old_order: Vec<Uuid> = current.iter().map(|x| x.person_id).collect();
        if old_order != person_ids {
            let change = history::entry(
                Entity::Visit,
                visit_id,
                Some(visit_id),
                &visit.title,
                Some([(field.clone(), ids(old_order))].into_iter().collect()),
                Some([(field, ids(person_ids.to_vec()))].into_iter().collect()),
            );
            note_change(&mut *tx, change).await?;
        }
        let out = tx.participant_views(visit_id).await?;
        tx.commit().await?;
        Ok(out)
    }

    pub async fn remove_participant(&self, visit_id: Uuid, person_id: Uuid) -> Result<Vec<ParticipantView>> {
        let mut tx = self.write().await?;
        let gone =
            tx.participant(visit_id, person_id).await?.ok_or_else(|| Error::not_found("participant", person_id))?;
        // Agenda items lose an attendee: the store raises their SEQUENCE as
        // it writes them without this person.
        let mut touched = Vec::new();
        for mut item in tx.agenda_of_visit(visit_id).await? {
            if item.participant_ids.contains(&person_id) {
                item.participant_ids.retain(|x| *x != person_id);
                item.speaker_ids.retain(|x| *x != person_id);
                item.chair_id = item.chair_id.filter(|x| *x != person_id);
                item.updated_at = now();
                touched.push(item);
            }
        }
        // Before the items lose this person: one that named only them is
        // raised once, below, not twice.
        tx.bump_attendee_sequences(&[visit_id]).await?;
        tx.upsert_agenda(&touched).await?;
        tx.delete_participant(visit_id, person_id).await?;
        let rest = tx.participants_of_visit(visit_id).await?.into_iter().filter(|x| x.side == gone.side).collect();
        self.write_side(&mut *tx, rest).await?;
        let person = tx.person(person_id).await?;
        let change = history::entry(
            Entity::Participant,
            person_id,
            Some(visit_id),
            history::person_label(&person),
            Some(history::of_participant(&gone)),
            None,
        );
        note_change(&mut *tx, change).await?;
        let out = tx.participant_views(visit_id).await?;
        tx.commit().await?;
        Ok(out)
    }

    // ----- agenda ----------------------------------------------------------

    pub async fn create_agenda_item(&self, visit_id: Uuid, input: &AgendaItemInput) -> Result<Saved<AgendaItem>> {
        self.save_agenda_item(new_id(), Saving::New(visit_id), input).await
    }

    /// Saves over revision `base` of the item, if it is still the latest.
    pub async fn update_agenda_item(&self, id: Uuid, base: u32, input: &AgendaItemInput) -> Result<Saved<AgendaItem>> {
        self.save_agenda_item(id, Saving::Over(base), input).await
    }

    /// Moves an item before (`later` false) or after the one next to it
    /// among the visit's items that start at the same time: the order the
    /// coordinator wants them in (a welcome before its photo). Returns the
    /// visit's agenda, in its new order.
    pub async fn move_agenda_item(&self, id: Uuid, base: u32, later: bool) -> Result<Vec<AgendaItem>> {
        let mut tx = self.write().await?;
        let item = tx.agenda_item(id).await?;
        based_on_latest("agenda item", id, base, item.revision)?;
        let mut together: Vec<AgendaItem> =
            tx.agenda_of_visit(item.visit_id).await?.into_iter().filter(|a| a.starts_at == item.starts_at).collect();
        let at = together.iter().position(|a| a.id == id).unwrap_or(0);
        let to = if later { at + 1 } else { at.wrapping_sub(1) };
        if to >= together.len() {
            return Err(Error::invalid("position", Problem::NothingToMovePast));
        }
        together.swap(at, to);
        let mut moved = Vec::new();
        let mut changes = Vec::new();
        for (i, a) in together.iter().enumerate() {
            let position = u32::try_from(i).unwrap_or(u32::MAX);
            if a.position != position {
                let new = AgendaItem { position, updated_at: now(), ..a.clone() };
                changes.extend(history::entry(
                    Entity::AgendaItem,
                    a.id,
                    Some(a.visit_id),
                    &a.title,
                    Some(history::of_agenda_item(a)),
                    Some(history::of_agenda_item(&new)),
                ));
                moved.push(new);
            }
        }
        tx.upsert_agenda(&moved).await?;
        tx.append_history(&changes).await?;
        let agenda = tx.agenda_of_visit(item.visit_id).await?;
        tx.commit().await?;
        Ok(agenda)
    }

    /// A copy of an item, right after it, for the next session of the same kind.
    pub async fn duplicate_agenda_item(&self, id: Uuid) -> Result<Saved<AgendaItem>> {
        let old = self.read().await?.agenda_item(id).await?;
        let length = old.ends_at - old.starts_at;
        let input = AgendaItemInput {
            start: old.ends_at.to_rfc3339(),
            end: (old.ends_at + length).to_rfc3339(),
            ..(&old).into()
        };
        self.save_agenda_item(new_id(), Saving::New(old.visit_id), &input).await
    }

    async fn save_agenda_item(&self, id: Uuid, saving: Saving, input: &AgendaItemInput) -> Result<Saved<AgendaItem>> {
        let mut tx = self.write().await?;
        let (visit_id, old) = match saving {
            Saving::New(visit_id) => (visit_id, None),
            Saving::Over(base) => {
                let old = tx.agenda_item(id).await?;
                based_on_latest("agenda item", id, base, old.revision)?;
                (old.visit_id, Some(old))
            }
        };
        let visit = tx.visit(visit_id).await?;
        // Times are typed in the visit's zone; an existing item keeps the zone
        // it was planned in.
        let zone = crate::time::stored_zone(old.as_ref().map_or(&visit.time_zone, |o| &o.time_zone));
        let d = AgendaItemData::validate(input, zone)?;
        let on_visit: Vec<Uuid> = tx.participants_of_visit(visit_id).await?.iter().map(|x| x.person_id).collect();
        let mut p = Problems::new();
        for (i, person) in d.participant_ids.iter().enumerate() {
            if !on_visit.contains(person) {
                p.push(format!("participant_ids[{i}]"), Problem::NotParticipant { id: person.to_string() });
            }
        }
        if let Some(room) = d.room_id {
            match tx.room(room).await {
                Ok(_) => {}
                Err(Error::NotFound { .. }) => p.push("room_id", Problem::RoomMissing { id: room.to_string() }),
                Err(e) => return Err(e),
            }
        }
        p.finish(|| ())?;
        let at = now();
        let mut record =
            d.into_record(id, visit_id, Stamp { uid: calendar_uid(id), sequence: 0, created_at: at, updated_at: at });
        if let Some(old) = &old {
            let changed = agenda_calendar_changed(old, &record);
            record.uid = old.uid.clone();
            record.created_at = old.created_at;
            record.sequence = next_sequence(old.sequence, changed);
            // Its place among the items that start with it, while it does.
            if record.starts_at == old.starts_at {
                record.position = old.position;
            }
        }
        tx.upsert_agenda(std::slice::from_ref(&record)).await?;
        let saved = tx.agenda_item(id).await?;
        let mut warnings = Vec::new();
        if saved.starts_at < visit.starts_at || saved.ends_at > visit.ends_at {
            warnings.push(Warning::new(
                "start",
                WarningCode::OutsideVisit,
                Problem::OutsideVisit { start: visit.start_local.clone(), end: visit.end_local.clone() },
            ));
        }
        if saved.status != AgendaStatus::Cancelled {
            for c in tx.clashes(id, &saved.participant_ids, saved.starts_at, saved.ends_at).await? {
                let problem = if c.visit_title == visit.title {
                    Problem::Overlap { person: c.person_name, item: c.item_title }
                } else {
                    Problem::OverlapElsewhere { person: c.person_name, item: c.item_title, visit: c.visit_title }
                };
                warnings.push(Warning::new("participant_ids", WarningCode::Overlap, problem));
            }
        }
        let change = history::entry(
            Entity::AgendaItem,
            id,
            Some(visit_id),
            &saved.title,
            old.as_ref().map(history::of_agenda_item),
            Some(history::of_agenda_item(&saved)),
        );
        note_change(&mut *tx, change).await?;
        tx.commit().await?;
        Ok(Saved { record: saved, warnings })
    }

    pub async fn delete_agenda_item(&self, id: Uuid) -> Result<()> {
        let mut tx = self.write().await?;
        let old = tx.agenda_item(id).await?;
        tx.delete_agenda_item(id).await?;
        let change = history::entry(
            Entity::AgendaItem,
            id,
            Some(old.visit_id),
            &old.title,
            Some(history::of_agenda_item(&old)),
            None,
        );
        note_change(&mut *tx, change).await?;
        tx.commit().await
    }

    // ----- follow-ups ------------------------------------------------------

    pub async fn create_follow_up(&self, visit_id: Uuid, input: &FollowUpInput) -> Result<FollowUp> {
        self.save_follow_up(new_id(), Saving::New(visit_id), input).await
    }

    /// Saves over revision `base` of the follow-up, if it is still the latest.
    pub async fn update_follow_up(&self, id: Uuid, base: u32, input: &FollowUpInput) -> Result<FollowUp> {
        self.save_follow_up(id, Saving::Over(base), input).await
    }

    async fn save_follow_up(&self, id: Uuid, saving: Saving, input: &FollowUpInput) -> Result<FollowUp> {
        let d = FollowUpData::try_from(input)?;
        let mut tx = self.write().await?;
        let (visit_id, old) = match saving {
            Saving::New(visit_id) => (visit_id, None),
            Saving::Over(base) => {
                let old = tx.follow_up(id).await?;
                based_on_latest("follow-up", id, base, old.revision)?;
                (old.visit_id, Some(old))
            }
        };
        tx.visit(visit_id).await?;
        let mut p = Problems::new();
        check_person(&mut *tx, &mut p, "owner_id", d.owner_id).await?;
        check_org(&mut *tx, &mut p, "counterpart_org_id", d.counterpart_org_id).await?;
        p.finish(|| ())?;
        let at = now();
        let mut record =
            d.into_record(id, visit_id, Stamp { uid: calendar_uid(id), sequence: 0, created_at: at, updated_at: at });
        if let Some(old) = &old {
            record.uid = old.uid.clone();
            record.created_at = old.created_at;
            record.sequence = next_sequence(old.sequence, follow_up_calendar_changed(old, &record));
        }
        tx.upsert_follow_ups(std::slice::from_ref(&record)).await?;
        let saved = tx.follow_up(id).await?;
        let change = history::entry(
            Entity::FollowUp,
            id,
            Some(visit_id),
            &saved.title,
            old.as_ref().map(history::of_follow_up),
            Some(history::of_follow_up(&saved)),
        );
        note_change(&mut *tx, change).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// A page of the register of every visit's follow-ups. `today` is the
    /// reader's date: what is overdue, and which week and month are "this".
    pub async fn follow_up_register(&self, query: &FollowUpQuery, today: NaiveDate) -> Result<FollowUpRegister> {
        self.read().await?.follow_up_register(query, today).await
    }

    /// How many follow-ups are due before `today` and still to be done.
    pub async fn overdue_follow_ups(&self, today: NaiveDate) -> Result<u32> {
        self.read().await?.overdue_follow_ups(today).await
    }

    /// Gives every follow-up of `items` the status `status`, all or none:
    /// each must still be at the revision the reader saw. A follow-up that
    /// already has the status is left as it is. Returns them as stored.
    pub async fn set_follow_up_status(&self, items: &[Revised], status: FollowUpStatus) -> Result<Vec<FollowUp>> {
        let mut tx = self.write().await?;
        let mut out = Vec::with_capacity(items.len());
        let mut seen = HashSet::with_capacity(items.len());
        for item in items.iter().filter(|i| seen.insert(i.id)) {
            let old = tx.follow_up(item.id).await?;
            based_on_latest("follow-up", item.id, item.revision, old.revision)?;
            if old.status == status {
                out.push(old);
                continue;
            }
            // The status is in every calendar file the follow-up went out
            // in (a VTODO's STATUS, or the event's cancellation): attendees'
            // copies take the change only from a higher SEQUENCE.
            let record =
                FollowUp { status, sequence: next_sequence(old.sequence, true), updated_at: now(), ..old.clone() };
            tx.upsert_follow_ups(std::slice::from_ref(&record)).await?;
            let saved = tx.follow_up(item.id).await?;
            let change = history::entry(
                Entity::FollowUp,
                saved.id,
                Some(saved.visit_id),
                &saved.title,
                Some(history::of_follow_up(&old)),
                Some(history::of_follow_up(&saved)),
            );
            note_change(&mut *tx, change).await?;
            out.push(saved);
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Carries a follow-up of another visit into this one: linked, so that
    /// the visit shows it and its calendar files carry it, and a change to
    /// it anywhere is a change everywhere. Carrying it twice changes nothing.
    pub async fn carry_follow_up(&self, visit_id: Uuid, follow_up_id: Uuid) -> Result<()> {
        self.set_carried(visit_id, follow_up_id, true).await
    }

    /// Takes a carried follow-up off a visit; it stays on its own.
    pub async fn uncarry_follow_up(&self, visit_id: Uuid, follow_up_id: Uuid) -> Result<()> {
        self.set_carried(visit_id, follow_up_id, false).await
    }

    async fn set_carried(&self, visit_id: Uuid, follow_up_id: Uuid, carried: bool) -> Result<()> {
        let mut tx = self.write().await?;
        let visit = tx.visit(visit_id).await?;
        let f = tx.follow_up(follow_up_id).await?;
        if f.visit_id == visit_id {
            return Err(Error::invalid("follow_up_id", Problem::CarriedOntoItsOwnVisit));
        }
        let changed = if carried {
            tx.carry_follow_up(visit_id, follow_up_id).await?
        } else {
            tx.uncarry_follow_up(visit_id, follow_up_id).await?
        };
        if changed {
            let title = serde_json::Value::String(visit.title.clone());
            let (old, new) = if carried { (serde_json::Value::Null, title) } else { (title, serde_json::Value::Null) };
            let change = NewHistory {
                entity: Entity::FollowUp,
                entity_id: follow_up_id,
                visit_id: Some(visit_id),
                label: f.title.clone(),
                action: HistoryAction::Changed,
                changes: vec![Change { field: history::CARRIED_INTO.into(), old, new, hidden: false }],
            };
            tx.append_history(std::slice::from_ref(&change)).await?;
        }
        tx.commit().await
    }

    pub async fn delete_follow_up(&self, id: Uuid) -> Result<()> {
        let mut tx = self.write().await?;
        let old = tx.follow_up(id).await?;
        tx.delete_follow_up(id).await?;
        let change = history::entry(
            Entity::FollowUp,
            id,
            Some(old.visit_id),
            &old.title,
            Some(history::of_follow_up(&old)),
            None,
        );
        note_change(&mut *tx, change).await?;
        tx.commit().await
    }
}

impl ParticipantInput {
    fn side_other(&self) -> Side {
        match self.side {
            Side::Host => Side::Guest,
            Side::Guest => Side::Host,
        }
    }
}

/// Everything about one visit, read on one connection.
pub(crate) async fn detail(c: &mut dyn Session, id: Uuid) -> Result<VisitDetail> {
    let visit = c.visit(id).await?;
    let host = match visit.host_org_id {
        Some(o) => Some(c.organisation(o).await?),
        None => None,
    };
    let guest = match visit.guest_org_id {
        Some(o) => Some(c.organisation(o).await?),
        None => None,
    };
    let participants = c.participant_views(id).await?;
    let agenda = c.agenda_of_visit(id).await?;
    let follow_ups = c.follow_ups_of_visit(id).await?;
    let mut person_ids: Vec<Uuid> = follow_ups.iter().filter_map(|f| f.owner_id).collect();
    person_ids.sort();
    person_ids.dedup();
    let mut org_ids: Vec<Uuid> = follow_ups.iter().filter_map(|f| f.counterpart_org_id).collect();
    org_ids.sort();
    org_ids.dedup();
    let people = c.people_by_ids(&person_ids).await?;
    let organisations = c.organisations_by_ids(&org_ids).await?;
    let today = time::today();
    let carried = c.carried_into(id).await?;
    let carried = c.follow_up_rows(&carried, today).await?;
    let orgs: Vec<Uuid> = [visit.host_org_id, visit.guest_org_id].into_iter().flatten().collect();
    let earlier = c.open_from_earlier(id, &orgs, visit.starts_at).await?;
    let earlier_open = c.follow_up_rows(&earlier, today).await?;
    Ok(VisitDetail {
        visit,
        host,
        guest,
        participants,
        agenda,
        follow_ups,
        carried,
        earlier_open,
        people,
        organisations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::SAMPLE_VISIT_ID;

    async fn store() -> Service {
        crate::testing::service().await
    }

    async fn write_agenda(s: &Service, items: &[AgendaItem]) -> u64 {
        let mut tx = s.write().await.unwrap();
        let n = tx.upsert_agenda(items).await.unwrap();
        tx.commit().await.unwrap();
        n
    }

    /// An item's people, chair and speakers are rows of their own: the store
    /// raises the item's SEQUENCE when they change, whoever writes it (the
    /// JSON and calendar imports as well as the form), once however much
    /// changes, and not when the writer raised it already.
    #[tokio::test]
    async fn the_store_raises_an_items_sequence_once_when_its_people_change() {
        let s = store().await;
        s.load_sample().await.unwrap();
        let detail = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap();
        let on_visit: Vec<Uuid> = detail.participants.iter().map(|p| p.person_id).collect();
        let item = detail.agenda.iter().find(|a| a.participant_ids.len() < on_visit.len()).unwrap().clone();
        let newcomer = on_visit.iter().copied().find(|p| !item.participant_ids.contains(p)).unwrap();
        let stored = || async { s.read().await.unwrap().agenda_item(item.id).await.unwrap() };
        let seq = stored().await.sequence;

        let mut gained = item.clone();
        gained.participant_ids.push(newcomer);
        assert_eq!(write_agenda(&s, std::slice::from_ref(&gained)).await, 1, "someone more is a change");
        assert_eq!(stored().await.sequence, seq + 1);
        assert!(stored().await.participant_ids.contains(&newcomer));

        assert_eq!(write_agenda(&s, std::slice::from_ref(&gained)).await, 0, "the same again is none");
        assert_eq!(stored().await.sequence, seq + 1);

        let mut chaired = gained.clone();
        chaired.chair_id = Some(newcomer);
        write_agenda(&s, std::slice::from_ref(&chaired)).await;
        assert_eq!(stored().await.sequence, seq + 2, "a new chair");

        let mut both = chaired.clone();
        both.participant_ids.retain(|p| *p != newcomer);
        both.chair_id = None;
        both.title = "Talks, shortened".into();
        write_agenda(&s, std::slice::from_ref(&both)).await;
        assert_eq!(stored().await.sequence, seq + 3, "a new title and someone fewer raise it once");

        let mut own = both.clone();
        own.participant_ids.push(newcomer);
        own.sequence = seq + 9;
        write_agenda(&s, std::slice::from_ref(&own)).await;
        assert_eq!(stored().await.sequence, seq + 9, "the writer's own is kept");

        let mut fresh = own.clone();
        fresh.id = Uuid::new_v4();
        fresh.uid = format!("{}@liaison", fresh.id);
        fresh.sequence = 0;
        assert_eq!(write_agenda(&s, std::slice::from_ref(&fresh)).await, 1);
        let new = s.read().await.unwrap().agenda_item(fresh.id).await.unwrap();
        assert_eq!((new.sequence, new.participant_ids.len()), (0, own.participant_ids.len()), "a new item starts at 0");
    }

    /// Every record Liaison makes has a time-ordered id (version 7) that
    /// rises in the order the records are made, whatever made them: each
    /// form, and a copy of a visit with its items (see `new_id`).
    #[tokio::test]
    async fn the_ids_liaison_makes_rise_in_the_order_it_makes_them() {
        let s = store().await;
        let mut made: Vec<(&str, Uuid)> = Vec::new();
        let org = s.create_organisation(&OrganisationInput { name: "Ministry".into(), ..Default::default() }).await;
        made.push(("organisation", org.unwrap().id));
        let room = s.create_room(&RoomInput { name: "Room 1".into(), ..Default::default() }).await;
        made.push(("room", room.unwrap().id));
        let who = person(&s, "Chen Jing").await;
        made.push(("person", who));
        let visit = s.create_visit(&visit_input()).await.unwrap().record;
        made.push(("visit", visit.id));
        let talk = s.create_agenda_item(visit.id, &item("2024-03-29T10:00", "2024-03-29T11:00", &[])).await;
        made.push(("agenda item", talk.unwrap().record.id));
        let task = s.create_follow_up(visit.id, &FollowUpInput { title: "Send".into(), ..Default::default() }).await;
        made.push(("follow-up", task.unwrap().id));
        let copy = VisitCopyInput { title: "Seminar, again".into(), start_date: "2025-03-28".into() };
        let copied = s.copy_visit(visit.id, &copy).await.unwrap().record;
        made.push(("copied visit", copied.id));
        let copied_items = s.visit_detail(copied.id).await.unwrap().agenda;
        assert_eq!(copied_items.len(), 1, "the copy has the item");
        made.push(("copied item", copied_items[0].id));
        assert_eq!(copied_items[0].uid, calendar_uid(copied_items[0].id), "the UID is the new id's");

        for (what, id) in &made {
            assert_eq!(id.get_version_num(), 7, "{what}: {id}");
        }
        for pair in made.windows(2) {
            assert!(
                pair[0].1 < pair[1].1,
                "{} ({}) was made before {} ({})",
                pair[0].0,
                pair[0].1,
                pair[1].0,
                pair[1].1
            );
        }
    }

    fn visit_input() -> VisitInput {
        VisitInput {
            title: "Seminar on vocational education".into(),
            start: "2024-03-29T09:00".into(),
            end: "2024-03-31T17:00".into(),
            time_zone: "Europe/Zurich".into(),
            ..Default::default()
        }
    }

    fn item(start: &str, end: &str, people: &[Uuid]) -> AgendaItemInput {
        AgendaItemInput {
            start: start.into(),
            end: end.into(),
            title: "Session".into(),
            participant_ids: people.to_vec(),
            ..Default::default()
        }
    }

    async fn person(s: &Service, name: &str) -> Uuid {
        s.create_person(&PersonInput { name: name.into(), ..Default::default() }).await.unwrap().id
    }

    async fn count(s: &Service, table: &str) -> i64 {
        let t = s.totals().await.unwrap();
        let n = match table {
            "organisations" => t.organisations,
            "people" => t.people,
            "visits" => t.visits,
            "participants" => t.participants,
            "agenda_items" => t.agenda_items,
            "agenda_participants" => t.agenda_links,
            "follow_ups" => t.follow_ups,
            other => panic!("no table {other}"),
        };
        n as i64
    }

    #[tokio::test]
    async fn sample_loads_and_a_second_load_changes_nothing() {
        let s = store().await;
        let first = s.load_sample().await.unwrap();
        assert_eq!(first.visits.added, 1);
        assert_eq!(first.agenda_items.added, 6);
        let before = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap();
        let second = s.load_sample().await.unwrap();
        assert_eq!(second.visits.unchanged, 1);
        assert_eq!(second.agenda_items.unchanged, 6);
        assert_eq!(second.participants.unchanged, 4);
        assert_eq!(s.visit_detail(SAMPLE_VISIT_ID).await.unwrap(), before, "updated_at must not move either");
    }

    #[tokio::test]
    async fn sample_has_both_sides_in_precedence_order_and_shanghai_times() {
        let s = store().await;
        s.load_sample().await.unwrap();
        let d = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap();
        let order: Vec<(Side, u32, &str)> =
            d.participants.iter().map(|p| (p.side, p.precedence, p.name.as_str())).collect();
        assert_eq!(order[0], (Side::Host, 1, "He Zhen"));
        assert_eq!(order[2], (Side::Guest, 1, "Zhang Huidong"));
        assert_eq!(d.visit.start_local, "2021-06-11T09:00");
        assert_eq!(d.visit.starts_at.to_rfc3339(), "2021-06-11T01:00:00+00:00");
        assert!(d.agenda.windows(2).all(|w| w[0].starts_at <= w[1].starts_at));
        assert_eq!(d.follow_ups.len(), 5);
    }

    #[tokio::test]
    async fn invalid_visit_writes_nothing() {
        let s = store().await;
        let mut i = visit_input();
        i.end = "2024-03-28T09:00".into();
        let e = s.create_visit(&i).await.unwrap_err();
        assert_eq!(e.field_errors()[0].field, "end");
        assert_eq!(count(&s, "visits").await, 0);
    }

    #[tokio::test]
    async fn unknown_host_organisation_is_named_and_nothing_written() {
        let s = store().await;
        let mut i = visit_input();
        i.host_org_id = Some(Uuid::new_v4());
        let e = s.create_visit(&i).await.unwrap_err();
        assert_eq!(e.field_errors()[0].field, "host_org_id");
        assert_eq!(count(&s, "visits").await, 0);
    }

    #[tokio::test]
    async fn agenda_participant_not_on_the_visit_is_refused() {
        let s = store().await;
        let v = s.create_visit(&visit_input()).await.unwrap().record;
        let stranger = person(&s, "Stranger").await;
        let e =
            s.create_agenda_item(v.id, &item("2024-03-29T10:00", "2024-03-29T11:00", &[stranger])).await.unwrap_err();
        assert_eq!(e.field_errors()[0].field, "participant_ids[0]");
        assert_eq!(count(&s, "agenda_items").await, 0);
    }

    #[tokio::test]
    async fn follow_up_owner_who_does_not_exist_is_refused() {
        let s = store().await;
        let v = s.create_visit(&visit_input()).await.unwrap().record;
        let i =
            FollowUpInput { title: "Send the minutes".into(), owner_id: Some(Uuid::new_v4()), ..Default::default() };
        let e = s.create_follow_up(v.id, &i).await.unwrap_err();
        assert_eq!(e.field_errors()[0].field, "owner_id");
        assert_eq!(count(&s, "follow_ups").await, 0);
    }

    #[tokio::test]
    async fn item_outside_the_visit_is_saved_with_a_warning() {
        let s = store().await;
        let v = s.create_visit(&visit_input()).await.unwrap().record;
        let saved = s.create_agenda_item(v.id, &item("2024-04-01T09:00", "2024-04-01T10:00", &[])).await.unwrap();
        assert_eq!(saved.warnings.len(), 1);
        assert_eq!(saved.warnings[0].code, WarningCode::OutsideVisit);
        assert_eq!(count(&s, "agenda_items").await, 1);
    }

    #[tokio::test]
    async fn overlapping_items_of_one_person_warn_even_across_visits() {
        let s = store().await;
        let a = s.create_visit(&visit_input()).await.unwrap().record;
        let b = s.create_visit(&VisitInput { title: "Other".into(), ..visit_input() }).await.unwrap().record;
        let p = person(&s, "Li Wei").await;
        for v in [a.id, b.id] {
            s.set_participant(
                v,
                &ParticipantInput { person_id: p, side: Side::Guest, role: Role::Member, precedence: None },
            )
            .await
            .unwrap();
        }
        let first = s.create_agenda_item(a.id, &item("2024-03-29T10:00", "2024-03-29T11:00", &[p])).await.unwrap();
        assert!(first.warnings.is_empty());
        let second = s.create_agenda_item(b.id, &item("2024-03-29T10:30", "2024-03-29T11:30", &[p])).await.unwrap();
        assert_eq!(second.warnings.len(), 1);
        assert_eq!(second.warnings[0].code, WarningCode::Overlap);
        assert!(second.warnings[0].message.contains("Li Wei"), "{}", second.warnings[0].message);
        // Worded from the catalogue, with what the window needs to word it
        // in its own language.
        assert_eq!(second.warnings[0].text, "warning-overlap-elsewhere");
        assert_eq!(second.warnings[0].args["person"], "Li Wei");
        let chinese = liaison_i18n::tr(
            liaison_i18n::Lang::ZhCn,
            &second.warnings[0].text,
            &[("person", "Li Wei".into()), ("item", "Item".into()), ("visit", "Visit".into())],
        );
        assert_eq!(chinese, "Li Wei 同一时间还在来访“Visit”的“Item”中");
        // Back to back is not an overlap.
        let third = s.create_agenda_item(a.id, &item("2024-03-29T11:30", "2024-03-29T12:00", &[p])).await.unwrap();
        assert!(third.warnings.is_empty(), "{:?}", third.warnings);
    }

    #[tokio::test]
    async fn sequence_rises_only_when_a_calendar_would_show_the_change() {
        let s = store().await;
        let v = s.create_visit(&visit_input()).await.unwrap().record;
        let i = item("2024-03-29T10:00", "2024-03-29T11:00", &[]);
        let a = s.create_agenda_item(v.id, &i).await.unwrap().record;
        assert_eq!(a.sequence, 0);
        let same = s.update_agenda_item(a.id, a.revision, &i).await.unwrap().record;
        assert_eq!(same.sequence, 0);
        assert_eq!(same.uid, a.uid);
        let moved = s
            .update_agenda_item(a.id, same.revision, &item("2024-03-29T10:15", "2024-03-29T11:00", &[]))
            .await
            .unwrap()
            .record;
        assert_eq!(moved.sequence, 1);
        assert_eq!(moved.uid, a.uid, "the UID is stable across edits");
        // Notes on the visit are not in the calendar; the title is.
        let vv = s
            .update_visit(v.id, v.revision, &VisitInput { notes: "internal".into(), ..visit_input() })
            .await
            .unwrap()
            .record;
        assert_eq!(vv.sequence, 0);
        let vt = s
            .update_visit(v.id, vv.revision, &VisitInput { title: "Renamed".into(), ..visit_input() })
            .await
            .unwrap()
            .record;
        assert_eq!(vt.sequence, 1);
    }

    #[tokio::test]
    async fn a_save_based_on_an_older_revision_is_refused_and_writes_nothing() {
        let s = store().await;
        let v = s.create_visit(&visit_input()).await.unwrap().record;
        // Someone else saves first.
        let theirs = s
            .update_visit(v.id, v.revision, &VisitInput { title: "Theirs".into(), ..visit_input() })
            .await
            .unwrap()
            .record;
        assert!(theirs.revision > v.revision);
        // Mine was based on what I opened.
        let e = s.update_visit(v.id, v.revision, &VisitInput { title: "Mine".into(), ..visit_input() }).await;
        assert!(matches!(e, Err(Error::Stale { entity: "visit", .. })), "{e:?}");
        assert_eq!(s.visit(v.id).await.unwrap().title, "Theirs");
        // Saved again on top of theirs, knowingly, it goes through.
        let mine =
            s.update_visit(v.id, theirs.revision, &VisitInput { title: "Mine".into(), ..visit_input() }).await.unwrap();
        assert_eq!(mine.record.title, "Mine");

        // The same holds for every record a form edits.
        let a = s.create_agenda_item(v.id, &item("2024-03-29T10:00", "2024-03-29T11:00", &[])).await.unwrap().record;
        s.update_agenda_item(a.id, a.revision, &item("2024-03-29T10:30", "2024-03-29T11:00", &[])).await.unwrap();
        let e = s.update_agenda_item(a.id, a.revision, &item("2024-03-29T09:00", "2024-03-29T11:00", &[])).await;
        assert!(matches!(e, Err(Error::Stale { entity: "agenda item", .. })), "{e:?}");
        let f = s.create_follow_up(v.id, &FollowUpInput { title: "Send".into(), ..Default::default() }).await.unwrap();
        s.update_follow_up(f.id, f.revision, &FollowUpInput { title: "Sent".into(), ..Default::default() })
            .await
            .unwrap();
        let e = s.update_follow_up(f.id, f.revision, &FollowUpInput { title: "x".into(), ..Default::default() }).await;
        assert!(matches!(e, Err(Error::Stale { entity: "follow-up", .. })), "{e:?}");
        let o = s.create_organisation(&OrganisationInput { name: "O".into(), ..Default::default() }).await.unwrap();
        s.update_organisation(o.id, o.revision, &OrganisationInput { name: "O2".into(), ..Default::default() })
            .await
            .unwrap();
        let e = s
            .update_organisation(o.id, o.revision, &OrganisationInput { name: "O3".into(), ..Default::default() })
            .await;
        assert!(matches!(e, Err(Error::Stale { entity: "organisation", .. })), "{e:?}");
        let p = s.create_person(&PersonInput { name: "P".into(), ..Default::default() }).await.unwrap();
        s.update_person(p.id, p.revision, &PersonInput { name: "P2".into(), ..Default::default() }).await.unwrap();
        let e = s.update_person(p.id, p.revision, &PersonInput { name: "P3".into(), ..Default::default() }).await;
        assert!(matches!(e, Err(Error::Stale { entity: "person", .. })), "{e:?}");
        assert_eq!(s.person(p.id).await.unwrap().person.name, "P2");
    }

    #[tokio::test]
    async fn an_import_raises_the_revision_of_what_it_changes_only() {
        let s = store().await;
        s.load_sample().await.unwrap();
        let before = s.visit(crate::sample::SAMPLE_VISIT_ID).await.unwrap();
        // The same document again changes nothing, so a form opened before
        // it can still save.
        s.load_sample().await.unwrap();
        assert_eq!(s.visit(crate::sample::SAMPLE_VISIT_ID).await.unwrap().revision, before.revision);
        let mut doc: serde_json::Value = serde_json::from_str(crate::sample::SAMPLE_JSON).unwrap();
        doc["visits"][0]["title"] = "Changed by an import".into();
        s.import_json(doc.to_string().as_bytes(), "changed.json").await.unwrap();
        let after = s.visit(crate::sample::SAMPLE_VISIT_ID).await.unwrap();
        assert_eq!(after.revision, before.revision + 1);
        let input = VisitInput::from(&before);
        let e = s.update_visit(before.id, before.revision, &input).await;
        assert!(matches!(e, Err(Error::Stale { .. })), "{e:?}");
    }

    #[tokio::test]
    async fn agenda_item_keeps_its_zone_when_the_visit_moves_zone() {
        let s = store().await;
        let v = s.create_visit(&visit_input()).await.unwrap().record;
        let a = s.create_agenda_item(v.id, &item("2024-03-29T10:00", "2024-03-29T11:00", &[])).await.unwrap().record;
        s.update_visit(
            v.id,
            v.revision,
            &VisitInput {
                time_zone: "Asia/Shanghai".into(),
                start: "2024-03-29T00:00".into(),
                end: "2024-04-01T00:00".into(),
                ..visit_input()
            },
        )
        .await
        .unwrap();
        let again = s.visit_detail(v.id).await.unwrap().agenda.remove(0);
        assert_eq!(again.time_zone, "Europe/Zurich");
        assert_eq!(again.starts_at, a.starts_at);
    }

    #[tokio::test]
    async fn participants_insert_at_a_place_reorder_and_close_gaps() {
        let s = store().await;
        let v = s.create_visit(&visit_input()).await.unwrap().record;
        let (a, b, c) = (person(&s, "A").await, person(&s, "B").await, person(&s, "C").await);
        let add = |p, n| ParticipantInput { person_id: p, side: Side::Host, role: Role::Member, precedence: n };
        s.set_participant(v.id, &add(a, None)).await.unwrap();
        s.set_participant(v.id, &add(b, None)).await.unwrap();
        let list = s.set_participant(v.id, &add(c, Some(1))).await.unwrap();
        let names: Vec<_> = list.iter().map(|p| (p.name.as_str(), p.precedence)).collect();
        assert_eq!(names, [("C", 1), ("A", 2), ("B", 3)]);
        let list = s.reorder_participants(v.id, Side::Host, &[b, a, c]).await.unwrap();
        assert_eq!(list.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["B", "A", "C"]);
        assert!(s.reorder_participants(v.id, Side::Host, &[b, a]).await.is_err());
        let list = s.remove_participant(v.id, a).await.unwrap();
        assert_eq!(list.iter().map(|p| (p.name.as_str(), p.precedence)).collect::<Vec<_>>(), [("B", 1), ("C", 2)]);
    }

    #[tokio::test]
    async fn a_new_participant_raises_the_visits_sequence_and_a_new_place_does_not() {
        let s = store().await;
        let v = s.create_visit(&visit_input()).await.unwrap().record;
        let a = person(&s, "A").await;
        let add = |precedence| ParticipantInput { person_id: a, side: Side::Host, role: Role::Host, precedence };
        s.set_participant(v.id, &add(None)).await.unwrap();
        assert_eq!(s.visit(v.id).await.unwrap().sequence, v.sequence + 1);
        s.set_participant(v.id, &add(Some(1))).await.unwrap();
        assert_eq!(s.visit(v.id).await.unwrap().sequence, v.sequence + 1, "same person, same role");
        s.remove_participant(v.id, a).await.unwrap();
        assert_eq!(s.visit(v.id).await.unwrap().sequence, v.sequence + 2);
    }

    #[tokio::test]
    async fn removing_a_participant_updates_their_agenda_items_sequence() {
        let s = store().await;
        let v = s.create_visit(&visit_input()).await.unwrap().record;
        let p = person(&s, "A").await;
        s.set_participant(
            v.id,
            &ParticipantInput { person_id: p, side: Side::Host, role: Role::Host, precedence: None },
        )
        .await
        .unwrap();
        let a = s.create_agenda_item(v.id, &item("2024-03-29T10:00", "2024-03-29T11:00", &[p])).await.unwrap().record;
        s.remove_participant(v.id, p).await.unwrap();
        let again = s.visit_detail(v.id).await.unwrap().agenda.remove(0);
        assert!(again.participant_ids.is_empty());
        assert_eq!(again.sequence, a.sequence + 1);
    }

    #[tokio::test]
    async fn deleting_a_person_on_a_visit_is_a_conflict_not_a_database_error() {
        let s = store().await;
        let v = s.create_visit(&visit_input()).await.unwrap().record;
        let p = person(&s, "A").await;
        s.set_participant(
            v.id,
            &ParticipantInput { person_id: p, side: Side::Host, role: Role::Host, precedence: None },
        )
        .await
        .unwrap();
        let e = s.delete_person(p).await;
        assert!(matches!(e, Err(Error::Conflict(_))), "{e:?}");
        assert!(matches!(s.delete_person(Uuid::new_v4()).await, Err(Error::NotFound { .. })));
    }

    #[tokio::test]
    async fn people_search_matches_names_titles_and_organisations_and_leaves_out_a_visits_participants() {
        let s = store().await;
        s.load_sample().await.unwrap();
        let all = s.search_people(&PeopleQuery::default()).await.unwrap();
        assert_eq!(all.total as usize, all.people.len());
        assert_eq!(all.total as usize, s.people().await.unwrap().len());
        // Same order as the full list.
        let ids: Vec<Uuid> = s.people().await.unwrap().iter().map(|p| p.id).collect();
        assert_eq!(all.people.iter().map(|p| p.id).collect::<Vec<_>>(), ids);

        let search = |text: &str| PeopleQuery { text: text.into(), ..Default::default() };
        let by_native = s.search_people(&search("张")).await.unwrap();
        assert!(by_native.total >= 1 && by_native.people.iter().all(|p| p.chinese_name.contains('张')));
        // ASCII letters match without case; % and _ are plain characters.
        let upper = s.search_people(&search("ZHANG")).await.unwrap();
        assert!(upper.people.iter().any(|p| p.name == "Zhang Huidong"), "{upper:?}");
        assert_eq!(s.search_people(&search("%")).await.unwrap().total, 0);
        assert_eq!(s.search_people(&search("_")).await.unwrap().total, 0);
        // By organisation: every match is at that organisation.
        let org = all.people.iter().find_map(|p| p.organisation.clone()).expect("someone has an organisation");
        let at_org = s.search_people(&search(&org)).await.unwrap();
        assert!(
            at_org.total >= 1
                && at_org.people.iter().all(|p| p.organisation.as_deref() == Some(org.as_str())
                    || p.name.contains(&org)
                    || p.title.contains(&org))
        );

        // The participant picker: nobody already on the visit.
        let on_visit: Vec<Uuid> =
            s.visit_detail(SAMPLE_VISIT_ID).await.unwrap().participants.iter().map(|p| p.person_id).collect();
        let newcomer = person(&s, "Anna Keller").await;
        let picker =
            s.search_people(&PeopleQuery { not_on_visit: Some(SAMPLE_VISIT_ID), ..Default::default() }).await.unwrap();
        assert_eq!(picker.total as usize, all.people.len() + 1 - on_visit.len());
        assert!(picker.people.iter().all(|p| !on_visit.contains(&p.id)));
        assert!(picker.people.iter().any(|p| p.id == newcomer));

        // Pages: the limit bounds the rows, not the total.
        let page = s.search_people(&PeopleQuery { offset: 1, limit: 2, ..Default::default() }).await.unwrap();
        assert_eq!(page.total, all.total + 1);
        assert_eq!(page.people.len(), 2);
    }

    #[tokio::test]
    async fn an_organisations_detail_has_its_people_in_directory_order() {
        let s = store().await;
        s.load_sample().await.unwrap();
        let everyone = s.people().await.unwrap();
        for org in s.organisations().await.unwrap() {
            let detail = s.organisation(org.id, crate::time::today()).await.unwrap();
            let expected: Vec<&Person> = everyone.iter().filter(|p| p.organisation_id == Some(org.id)).collect();
            assert_eq!(detail.people.iter().collect::<Vec<_>>(), expected, "{}", org.name);
        }
        assert!(everyone.iter().any(|p| p.organisation_id.is_some()));
    }

    #[tokio::test]
    async fn the_first_look_is_upcoming_visits_else_all_of_them_else_the_first_run() {
        let s = store().await;
        let empty = s.first_look(50).await.unwrap();
        assert_eq!((empty.scope, empty.page.total, empty.any_visit), (VisitScope::All, 0, false));
        // The sample visit is in 2021: nothing upcoming, so all visits.
        s.load_sample().await.unwrap();
        let past = s.first_look(50).await.unwrap();
        assert_eq!((past.scope, past.page.total, past.any_visit), (VisitScope::All, 1, true));
        assert_eq!(past.page.visits[0].id, SAMPLE_VISIT_ID);
        // A confirmed visit next year is upcoming, and is all the first look shows.
        let next_year = chrono::Datelike::year(&Utc::now()) + 1;
        let mut input = visit_input();
        input.status = VisitStatus::Confirmed;
        input.start = format!("{next_year}-03-29T09:00");
        input.end = format!("{next_year}-03-31T17:00");
        let upcoming = s.create_visit(&input).await.unwrap().record.id;
        let look = s.first_look(50).await.unwrap();
        assert_eq!((look.scope, look.page.total, look.any_visit), (VisitScope::Upcoming, 1, true));
        assert_eq!(look.page.visits[0].id, upcoming);
        assert_eq!(s.first_look(0).await.unwrap().page.visits.len(), 1, "0 is no limit");
    }

    #[tokio::test]
    async fn visit_page_filters_orders_and_counts() {
        let s = store().await;
        s.load_sample().await.unwrap();
        s.create_visit(&VisitInput { title: "Draft seminar".into(), status: VisitStatus::Draft, ..visit_input() })
            .await
            .unwrap();
        let all = s.visit_page(&VisitQuery::default()).await.unwrap();
        assert_eq!(all.total, 2);
        assert_eq!(all.visits[0].id, SAMPLE_VISIT_ID, "2021 before 2024");
        let drafts = s.visit_page(&VisitQuery { scope: VisitScope::Drafts, ..Default::default() }).await.unwrap();
        assert_eq!(drafts.visits.len(), 1);
        let found = s.visit_page(&VisitQuery { text: "iprcc".into(), ..Default::default() }).await.unwrap();
        assert_eq!(found.total, 1);
        let wild = s.visit_page(&VisitQuery { text: "%".into(), ..Default::default() }).await.unwrap();
        assert_eq!(wild.total, 0, "% is taken literally");
    }

    #[tokio::test]
    async fn visit_ids_resolve_by_unique_prefix() {
        let s = store().await;
        s.load_sample().await.unwrap();
        assert_eq!(s.resolve_visit("5a3f1c2e").await.unwrap(), SAMPLE_VISIT_ID);
        assert!(matches!(s.resolve_visit("ffff").await, Err(Error::NotFound { .. })));
        assert!(matches!(s.resolve_visit("x'; drop").await, Err(Error::Invalid(_))));
    }

    #[tokio::test]
    async fn every_change_to_a_visit_is_in_its_history_in_words_newest_first() {
        let s = store().await;
        let v = s.create_visit(&visit_input()).await.unwrap().record;
        let li = person(&s, "Li Wei").await;
        s.set_participant(
            v.id,
            &ParticipantInput { person_id: li, side: Side::Guest, role: Role::Member, precedence: None },
        )
        .await
        .unwrap();
        let a = s.create_agenda_item(v.id, &item("2024-03-29T09:55", "2024-03-29T10:55", &[])).await.unwrap().record;
        let moved = AgendaItemInput { title: "Session".into(), ..item("2024-03-29T10:15", "2024-03-29T11:15", &[li]) };
        s.update_agenda_item(a.id, a.revision, &moved).await.unwrap();
        // Saving unchanged records nothing.
        let again = s.visit(v.id).await.unwrap();
        s.update_visit(v.id, again.revision, &visit_input()).await.unwrap();
        s.delete_agenda_item(a.id).await.unwrap();
        s.remove_participant(v.id, li).await.unwrap();

        let lines = s.visit_history(v.id, 100).await.unwrap();
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        let who = &lines[0].entry.actor;
        assert!(!who.is_empty());
        assert_eq!(
            texts,
            [
                format!("{who} removed Li Wei from the visit"),
                format!("{who} deleted the agenda item 'Session'"),
                format!("{who} changed the agenda item 'Session': moved it from 09:55 to 10:15; added Li Wei"),
                format!("{who} added the agenda item 'Session'"),
                format!("{who} added Li Wei to the visit"),
                format!("{who} created the visit 'Seminar on vocational education'"),
            ]
        );
        assert!(lines.windows(2).all(|w| w[0].entry.seq > w[1].entry.seq), "newest first");
        // The data behind the words: field codes and values.
        let change = &lines[2].entry.changes;
        assert!(change.iter().any(|c| c.field == "start"
            && c.old == serde_json::json!("2024-03-29T09:55:00+01:00")
            && c.new == serde_json::json!("2024-03-29T10:15:00+01:00")));
        // A person's history has their places on visits; it outlives the visit.
        s.delete_visit(v.id).await.unwrap();
        let theirs: Vec<String> = s.record_history(li, 100).await.unwrap().into_iter().map(|l| l.text).collect();
        assert_eq!(theirs.len(), 3, "{theirs:?}");
        assert_eq!(theirs[2], format!("{who} created person Li Wei"));
        assert_eq!(
            s.visit_history(v.id, 100).await.unwrap()[0].text,
            format!("{who} deleted the visit 'Seminar on vocational education'")
        );
    }

    #[tokio::test]
    async fn contact_details_are_recorded_as_changed_without_their_values() {
        let s = store().await;
        let input = PersonInput { name: "Anna Berg".into(), email: "anna@example.org".into(), ..Default::default() };
        let p = s.create_person(&input).await.unwrap();
        let changed = PersonInput {
            email: "a.berg@example.org".into(),
            phone: "+41 1".into(),
            title: "Director".into(),
            ..input
        };
        s.update_person(p.id, p.revision, &changed).await.unwrap();
        let lines = s.record_history(p.id, 10).await.unwrap();
        let stored = serde_json::to_string(&lines).unwrap();
        assert!(!stored.contains("example.org") && !stored.contains("+41"), "{stored}");
        let who = &lines[0].entry.actor;
        assert_eq!(lines[0].text, format!("{who} changed Anna Berg: changed the email; changed the phone; changed the title from nothing to 'Director'"));
    }

    #[tokio::test]
    async fn an_import_writes_one_line_per_new_visit_and_one_per_changed_record() {
        let s = store().await;
        s.load_sample().await.unwrap();
        let lines = s.visit_history(SAMPLE_VISIT_ID, 100).await.unwrap();
        assert_eq!(lines.len(), 1, "a new visit is one line: {lines:?}");
        assert_eq!(lines[0].entry.action, HistoryAction::Created);
        // The sample again, with one agenda item moved by hand in the file.
        let mut doc: serde_json::Value = serde_json::from_str(crate::sample::SAMPLE_JSON).unwrap();
        let item = &mut doc["visits"][0]["agenda"][0];
        let title = item["title"].as_str().unwrap().to_owned();
        item["title"] = serde_json::json!(format!("{title} (moved)"));
        s.import_json(doc.to_string().as_bytes(), "edited.json").await.unwrap();
        let lines = s.visit_history(SAMPLE_VISIT_ID, 100).await.unwrap();
        assert_eq!(lines.len(), 2, "{lines:?}");
        let who = &lines[0].entry.actor;
        assert_eq!(lines[0].text, format!("{who} renamed the agenda item '{title}' to '{title} (moved)'"));
    }
}
