//! The storage contract fulfilled by the SQL of this backend's table modules.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::pool::PoolConnection;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use uuid::Uuid;

use super::{
    agenda, availability, conflicts, follow_ups, ids_by_uid, organisations, participants, people, restore_indexes,
    rooms, rows_per_statement, search, seating, suspend_indexes, suspend_triggers, visa, visits, Tx, REINDEX_FROM_ROWS,
    UNMARKED_FROM_ROWS,
};
use crate::error::Result;
use crate::model::*;
use crate::seating::SeatingRules;
use crate::storage::{AgendaKey, HistoryOf, NewHistory, Session, Table, UidTable, ZoneSpan};
use crate::time::{from_unix, now};
use crate::visa::VisaDetails;

/// A closed set's value as stored.
fn parse_stored<T: std::str::FromStr<Err = String>>(column: &str, text: String) -> Result<T> {
    text.parse().map_err(|e: String| crate::Error::Internal(format!("a stored {column} does not read back: {e}")))
}

enum Conn {
    /// A reader's connection: each statement sees the latest commit.
    Pooled(PoolConnection<Sqlite>),
    Transaction(Tx),
}

pub(crate) struct SqliteSession {
    conn: Conn,
    /// The definitions of the indexes a bulk write dropped, to build again.
    suspended: Vec<String>,
    /// The tables whose insert marks are suspended, so that asking again
    /// each batch costs nothing.
    unmarked: Vec<Table>,
    /// Who the history names.
    actor: std::sync::Arc<str>,
    /// A transaction that may write, which brings the search index up to
    /// date before it commits.
    writes: bool,
}

impl SqliteSession {
    pub(super) fn pooled(c: PoolConnection<Sqlite>, actor: std::sync::Arc<str>) -> Self {
        Self { conn: Conn::Pooled(c), suspended: Vec::new(), unmarked: Vec::new(), actor, writes: false }
    }

    pub(super) fn transaction(t: Tx, actor: std::sync::Arc<str>, writes: bool) -> Self {
        Self { conn: Conn::Transaction(t), suspended: Vec::new(), unmarked: Vec::new(), actor, writes }
    }

    fn c(&mut self) -> &mut SqliteConnection {
        match &mut self.conn {
            Conn::Pooled(c) => c,
            Conn::Transaction(t) => t,
        }
    }
}

#[async_trait]
impl Session for SqliteSession {
    async fn commit(mut self: Box<Self>) -> Result<()> {
        if self.writes {
            crate::search::refresh(&mut *self).await?;
        }
        match self.conn {
            Conn::Pooled(_) => Ok(()),
            Conn::Transaction(t) => Ok(t.commit().await?),
        }
    }

    async fn rollback(self: Box<Self>) -> Result<()> {
        match self.conn {
            Conn::Pooled(_) => Ok(()),
            Conn::Transaction(t) => Ok(t.rollback().await?),
        }
    }

    async fn upsert_organisations(&mut self, rows: &[Organisation]) -> Result<u64> {
        organisations::upsert(self.c(), rows).await
    }
    async fn organisation(&mut self, id: Uuid) -> Result<Organisation> {
        organisations::get(self.c(), id).await
    }
    async fn organisation_exists(&mut self, id: Uuid) -> Result<bool> {
        organisations::exists(self.c(), id).await
    }
    async fn organisations(&mut self) -> Result<Vec<Organisation>> {
        organisations::list(self.c()).await
    }
    async fn organisations_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Organisation>> {
        organisations::list_by_ids(self.c(), ids).await
    }
    async fn delete_organisation(&mut self, id: Uuid) -> Result<()> {
        organisations::delete(self.c(), id).await
    }

    async fn upsert_people(&mut self, rows: &[Person]) -> Result<u64> {
        people::upsert(self.c(), rows).await
    }
    async fn person(&mut self, id: Uuid) -> Result<Person> {
        people::get(self.c(), id).await
    }
    async fn person_exists(&mut self, id: Uuid) -> Result<bool> {
        people::exists(self.c(), id).await
    }
    async fn people(&mut self) -> Result<Vec<Person>> {
        people::list(self.c()).await
    }
    async fn search_people(&mut self, query: &PeopleQuery) -> Result<PeoplePage> {
        people::search(self.c(), query).await
    }
    async fn people_of_organisation(&mut self, organisation_id: Uuid) -> Result<Vec<Person>> {
        people::list_for_organisation(self.c(), organisation_id).await
    }
    async fn people_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Person>> {
        people::list_by_ids(self.c(), ids).await
    }
    async fn delete_person(&mut self, id: Uuid) -> Result<()> {
        people::delete(self.c(), id).await
    }
    async fn person_ids_with_prefix(&mut self, prefix: &str) -> Result<Vec<Uuid>> {
        people::ids_with_prefix(self.c(), prefix).await
    }

    async fn upsert_visits(&mut self, rows: &[Visit]) -> Result<u64> {
        visits::upsert(self.c(), rows).await
    }
    async fn visit(&mut self, id: Uuid) -> Result<Visit> {
        visits::get(self.c(), id).await
    }
    async fn visits_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Visit>> {
        visits::list_by_ids(self.c(), ids).await
    }
    async fn bump_attendee_sequences(&mut self, visit_ids: &[Uuid]) -> Result<()> {
        visits::bump_attendee_sequences(self.c(), visit_ids).await
    }
    async fn visits(&mut self) -> Result<Vec<Visit>> {
        visits::list(self.c()).await
    }
    async fn visit_ids_with_prefix(&mut self, prefix: &str) -> Result<Vec<Uuid>> {
        visits::ids_with_prefix(self.c(), prefix).await
    }
    async fn delete_visit(&mut self, id: Uuid) -> Result<()> {
        visits::delete(self.c(), id).await
    }
    async fn visit_page(&mut self, query: &VisitQuery, now: DateTime<Utc>) -> Result<VisitPage> {
        visits::page(self.c(), query, now).await
    }
    async fn visits_of_person(&mut self, person_id: Uuid) -> Result<Vec<Visit>> {
        visits::list_for_person(self.c(), person_id).await
    }
    async fn visits_of_organisation(&mut self, organisation_id: Uuid) -> Result<Vec<Visit>> {
        visits::list_for_organisation(self.c(), organisation_id).await
    }

    async fn upsert_availability(&mut self, rows: &[Availability]) -> Result<u64> {
        availability::upsert(self.c(), rows).await
    }
    async fn availability(&mut self, id: Uuid) -> Result<Availability> {
        availability::get(self.c(), id).await
    }
    async fn availability_of(&mut self, people: Option<&[Uuid]>) -> Result<Vec<Availability>> {
        availability::list(self.c(), people).await
    }
    async fn delete_availability(&mut self, id: Uuid) -> Result<()> {
        availability::delete(self.c(), id).await
    }

    async fn upsert_rooms(&mut self, rows: &[Room]) -> Result<u64> {
        rooms::upsert(self.c(), rows).await
    }
    async fn room(&mut self, id: Uuid) -> Result<Room> {
        rooms::get(self.c(), id).await
    }
    async fn rooms(&mut self) -> Result<Vec<Room>> {
        rooms::list(self.c()).await
    }
    async fn delete_room(&mut self, id: Uuid) -> Result<()> {
        rooms::delete(self.c(), id).await
    }

    async fn upsert_participants(&mut self, rows: &[Participant]) -> Result<u64> {
        participants::upsert(self.c(), rows).await
    }
    async fn participant(&mut self, visit_id: Uuid, person_id: Uuid) -> Result<Option<Participant>> {
        participants::get(self.c(), visit_id, person_id).await
    }
    async fn participants_of_visit(&mut self, visit_id: Uuid) -> Result<Vec<Participant>> {
        participants::list_for_visit(self.c(), visit_id).await
    }
    async fn participants_of_visits(&mut self, visit_ids: &[Uuid]) -> Result<Vec<Participant>> {
        participants::list_for_visits(self.c(), visit_ids).await
    }
    async fn all_participants(&mut self) -> Result<Vec<Participant>> {
        participants::list_all(self.c()).await
    }
    async fn participant_views(&mut self, visit_id: Uuid) -> Result<Vec<ParticipantView>> {
        participants::views_for_visit(self.c(), visit_id).await
    }
    async fn delete_participant(&mut self, visit_id: Uuid, person_id: Uuid) -> Result<()> {
        participants::delete(self.c(), visit_id, person_id).await
    }

    async fn upsert_agenda(&mut self, rows: &[AgendaItem]) -> Result<u64> {
        agenda::upsert(self.c(), rows).await
    }
    async fn agenda_item(&mut self, id: Uuid) -> Result<AgendaItem> {
        agenda::get(self.c(), id).await
    }
    async fn agenda_of_visit(&mut self, visit_id: Uuid) -> Result<Vec<AgendaItem>> {
        agenda::list_for_visit(self.c(), visit_id).await
    }
    async fn agenda_of_visits(&mut self, visit_ids: &[Uuid]) -> Result<Vec<AgendaItem>> {
        agenda::list_for_visits(self.c(), visit_ids).await
    }
    async fn all_agenda(&mut self) -> Result<Vec<AgendaItem>> {
        agenda::list_all(self.c()).await
    }
    async fn agenda_in_id_range(&mut self, from: Uuid, to: Option<Uuid>) -> Result<Vec<AgendaItem>> {
        agenda::list_id_range(self.c(), from, to).await
    }
    async fn agenda_page_of_visit(
        &mut self,
        visit_id: Uuid,
        after: Option<AgendaKey>,
        limit: u32,
    ) -> Result<Vec<AgendaItem>> {
        agenda::page_for_visit(self.c(), visit_id, after, limit).await
    }
    async fn agenda_zones_of_visit(&mut self, visit_id: Uuid) -> Result<Vec<ZoneSpan>> {
        agenda::zones_for_visit(self.c(), visit_id).await
    }
    async fn delete_agenda_item(&mut self, id: Uuid) -> Result<()> {
        agenda::delete(self.c(), id).await
    }
    async fn agenda_of_person(&mut self, person_id: Uuid) -> Result<Vec<AgendaItem>> {
        agenda::list_for_person(self.c(), person_id).await
    }
    async fn bump_agenda_sequences(&mut self, visit_id: Uuid) -> Result<()> {
        agenda::bump_sequences(self.c(), visit_id).await
    }
    async fn clashes(
        &mut self,
        except_item: Uuid,
        people: &[Uuid],
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<Clash>> {
        agenda::clashes(self.c(), except_item, people, start, end).await
    }

    async fn upsert_follow_ups(&mut self, rows: &[FollowUp]) -> Result<u64> {
        follow_ups::upsert(self.c(), rows).await
    }
    async fn follow_up(&mut self, id: Uuid) -> Result<FollowUp> {
        follow_ups::get(self.c(), id).await
    }
    async fn follow_ups_of_visit(&mut self, visit_id: Uuid) -> Result<Vec<FollowUp>> {
        follow_ups::list_for_visit(self.c(), visit_id).await
    }
    async fn follow_ups_of_visits(&mut self, visit_ids: &[Uuid]) -> Result<Vec<FollowUp>> {
        follow_ups::list_for_visits(self.c(), visit_ids).await
    }
    async fn all_follow_ups(&mut self) -> Result<Vec<FollowUp>> {
        follow_ups::list_all(self.c()).await
    }
    async fn delete_follow_up(&mut self, id: Uuid) -> Result<()> {
        follow_ups::delete(self.c(), id).await
    }
    async fn follow_ups_of_owner(&mut self, owner_id: Uuid) -> Result<Vec<FollowUp>> {
        follow_ups::list_for_owner(self.c(), owner_id).await
    }
    async fn bump_follow_up_sequences(&mut self, visit_id: Uuid) -> Result<()> {
        follow_ups::bump_sequences(self.c(), visit_id).await
    }
    async fn follow_up_register(&mut self, query: &FollowUpQuery, today: NaiveDate) -> Result<FollowUpRegister> {
        follow_ups::register(self.c(), query, today).await
    }
    async fn overdue_follow_ups(&mut self, today: NaiveDate) -> Result<u32> {
        follow_ups::overdue(self.c(), today).await
    }
    async fn follow_up_rows(&mut self, ids: &[Uuid], today: NaiveDate) -> Result<Vec<FollowUpRow>> {
        follow_ups::rows(self.c(), ids, today).await
    }
    async fn carried_into(&mut self, visit_id: Uuid) -> Result<Vec<Uuid>> {
        follow_ups::carried_into(self.c(), visit_id).await
    }
    async fn open_from_earlier(&mut self, visit_id: Uuid, orgs: &[Uuid], before: DateTime<Utc>) -> Result<Vec<Uuid>> {
        follow_ups::open_from_earlier(self.c(), visit_id, orgs, before).await
    }
    async fn carry_follow_up(&mut self, visit_id: Uuid, follow_up_id: Uuid) -> Result<bool> {
        follow_ups::carry(self.c(), visit_id, follow_up_id).await
    }
    async fn uncarry_follow_up(&mut self, visit_id: Uuid, follow_up_id: Uuid) -> Result<bool> {
        follow_ups::uncarry(self.c(), visit_id, follow_up_id).await
    }
    async fn all_carried(&mut self) -> Result<Vec<(Uuid, Uuid)>> {
        follow_ups::all_carried(self.c()).await
    }
    async fn follow_up_ids_with_prefix(&mut self, prefix: &str) -> Result<Vec<Uuid>> {
        follow_ups::ids_with_prefix(self.c(), prefix).await
    }

    async fn bookings(&mut self, visit: Option<Uuid>) -> Result<Vec<Booking>> {
        conflicts::bookings(self.c(), visit).await
    }
    async fn room_bookings(&mut self, visit: Option<Uuid>) -> Result<Vec<RoomBooking>> {
        conflicts::room_bookings(self.c(), visit).await
    }
    async fn conflict_items(&mut self, ids: &[Uuid]) -> Result<Vec<ConflictItem>> {
        conflicts::items(self.c(), ids).await
    }
    async fn acknowledgements(&mut self) -> Result<HashMap<String, Acknowledgement>> {
        conflicts::acknowledgements(self.c()).await
    }
    async fn acknowledge(&mut self, key: &str, note: &str) -> Result<()> {
        let actor = self.actor.clone();
        conflicts::acknowledge(self.c(), key, note, &actor).await
    }
    async fn unacknowledge(&mut self, key: &str) -> Result<bool> {
        conflicts::unacknowledge(self.c(), key).await
    }

    async fn seating_rules(&mut self, visit_id: Uuid) -> Result<Option<(SeatingRules, u32)>> {
        seating::get(self.c(), visit_id).await
    }
    async fn save_seating_rules(&mut self, visit_id: Uuid, rules: &SeatingRules) -> Result<u32> {
        seating::save(self.c(), visit_id, rules).await
    }
    async fn all_seating_rules(&mut self) -> Result<Vec<(Uuid, SeatingRules)>> {
        seating::all(self.c()).await
    }

    async fn visa_details(&mut self, visit_id: Uuid) -> Result<Vec<VisaDetails>> {
        visa::of_visit(self.c(), visit_id).await
    }
    async fn save_visa_details(&mut self, d: &VisaDetails) -> Result<u32> {
        visa::save(self.c(), d).await
    }
    async fn delete_visa_details(&mut self, visit_id: Uuid, person_id: Option<Uuid>) -> Result<u64> {
        visa::delete(self.c(), visit_id, person_id).await
    }

    async fn ids_by_uid(&mut self, table: UidTable, uids: &[&str]) -> Result<HashMap<String, (Uuid, u32)>> {
        ids_by_uid(self.c(), table, uids).await
    }

    async fn existing_ids(&mut self, table: Table, ids: &[Uuid]) -> Result<HashSet<Uuid>> {
        super::existing_ids(self.c(), table.name(), ids).await
    }

    async fn count(&mut self, table: Table) -> Result<u64> {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {}", table.name())).fetch_one(self.c()).await?;
        Ok(n.try_into().unwrap_or(0))
    }

    async fn calendar(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        query: &CalendarQuery,
        items: crate::storage::WantedItems<'_>,
    ) -> Result<(Vec<CalendarVisit>, Vec<CalendarItem>)> {
        super::calendar::range(self.c(), from, to, query, items).await
    }

    async fn calendar_times(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        max_items: u32,
    ) -> Result<Vec<(Uuid, DateTime<Utc>, DateTime<Utc>)>> {
        super::calendar::times(self.c(), from, to, max_items).await
    }

    async fn search_stale(&mut self, limit: u32) -> Result<Vec<(Uuid, SearchKind)>> {
        search::stale(self.c(), limit).await
    }

    async fn search_sources(&mut self, kind: SearchKind, ids: &[Uuid]) -> Result<Vec<crate::search::Source>> {
        search::sources(self.c(), kind, ids).await
    }

    async fn search_texts(&mut self, kind: SearchKind, ids: &[Uuid]) -> Result<Vec<crate::search::Source>> {
        search::texts(self.c(), kind, ids).await
    }

    async fn index_search(&mut self, ids: &[Uuid], docs: &[crate::search::Doc]) -> Result<()> {
        search::index(self.c(), ids, docs, true).await
    }

    async fn index_search_added(&mut self, docs: &[crate::search::Doc]) -> Result<()> {
        let ids: Vec<Uuid> = docs.iter().map(|d| d.id).collect();
        search::index(self.c(), &ids, docs, false).await
    }

    async fn search_holds_any(&mut self) -> Result<bool> {
        search::holds_any(self.c()).await
    }

    async fn search_kinds(&mut self, ids: &[Uuid]) -> Result<Vec<(Uuid, SearchKind)>> {
        search::kinds(self.c(), ids).await
    }

    async fn search_indexed(&mut self) -> Result<(Vec<(Uuid, SearchKind)>, u64)> {
        search::indexed(self.c()).await
    }

    async fn search_candidates(
        &mut self,
        kind: SearchKind,
        query: &crate::search::Query,
        scope: crate::search::Scope,
        limit: u32,
    ) -> Result<Vec<Uuid>> {
        search::candidates(self.c(), kind, query, scope, limit).await
    }

    /// From [`REINDEX_FROM_ROWS`] rows on, drops the secondary indexes of
    /// the tables to be written, to build each once at [`Session::end_bulk`].
    async fn begin_bulk(&mut self, tables: &[Table], rows: usize) -> Result<()> {
        if rows < REINDEX_FROM_ROWS {
            return Ok(());
        }
        let mut names: Vec<&str> = tables.iter().map(|t| t.name()).collect();
        if tables.contains(&Table::AgendaItems) && !tables.contains(&Table::AgendaParticipants) {
            names.push(Table::AgendaParticipants.name());
        }
        let dropped = suspend_indexes(self.c(), &names).await?;
        self.suspended.extend(dropped);
        Ok(())
    }

    async fn suspend_insert_marks(&mut self, tables: &[Table], rows: usize) -> Result<()> {
        let tables: Vec<Table> = tables.iter().copied().filter(|t| !self.unmarked.contains(t)).collect();
        if rows < UNMARKED_FROM_ROWS || tables.is_empty() {
            return Ok(());
        }
        let names: Vec<String> = tables.iter().map(|t| format!("{}_search_insert", t.name())).collect();
        let dropped = suspend_triggers(self.c(), &names).await?;
        self.suspended.extend(dropped);
        self.unmarked.extend(tables);
        Ok(())
    }

    /// Until this transaction's COMMIT or ROLLBACK, which switch it off
    /// again (SQLite's documentation of the pragma); the commit fails if
    /// any reference is still dangling then.
    async fn defer_foreign_keys(&mut self) -> Result<bool> {
        sqlx::query("PRAGMA defer_foreign_keys = ON").execute(self.c()).await?;
        Ok(true)
    }

    async fn end_bulk(&mut self) -> Result<()> {
        let definitions = std::mem::take(&mut self.suspended);
        self.unmarked.clear();
        restore_indexes(self.c(), &definitions).await
    }

    async fn append_history(&mut self, entries: &[NewHistory]) -> Result<()> {
        let at = now().timestamp();
        let actor = self.actor.clone();
        for chunk in entries.chunks(rows_per_statement(8)) {
            let mut q = QueryBuilder::new(
                "INSERT INTO history (at, actor, entity, entity_id, visit_id, label, action, changes) ",
            );
            let mut failed = None;
            q.push_values(chunk, |mut b, e| {
                let changes = serde_json::to_string(&e.changes).unwrap_or_else(|err| {
                    failed = Some(err.to_string());
                    "[]".into()
                });
                b.push_bind(at)
                    .push_bind(actor.to_string())
                    .push_bind(e.entity.as_str())
                    .push_bind(e.entity_id)
                    .push_bind(e.visit_id)
                    .push_bind(e.label.clone())
                    .push_bind(e.action.as_str())
                    .push_bind(changes);
            });
            if let Some(err) = failed {
                return Err(crate::Error::Internal(format!("a change would not serialise: {err}")));
            }
            q.build().execute(self.c()).await?;
        }
        Ok(())
    }

    async fn history(&mut self, of: HistoryOf, limit: u32) -> Result<Vec<HistoryEntry>> {
        let (column, id) = match of {
            HistoryOf::Visit(id) => ("visit_id", id),
            HistoryOf::Record(id) => ("entity_id", id),
        };
        let rows = sqlx::query(&format!(
            "SELECT seq, at, actor, entity, entity_id, visit_id, label, action, changes FROM history \
             WHERE {column} = ? ORDER BY seq DESC LIMIT ?"
        ))
        .bind(id)
        .bind(i64::from(limit))
        .fetch_all(self.c())
        .await?;
        rows.iter()
            .map(|r| {
                use sqlx::Row;
                let changes: String = r.try_get("changes")?;
                Ok(HistoryEntry {
                    seq: r.try_get("seq")?,
                    at: from_unix(r.try_get("at")?),
                    actor: r.try_get("actor")?,
                    entity: parse_stored("entity", r.try_get("entity")?)?,
                    entity_id: r.try_get("entity_id")?,
                    visit_id: r.try_get("visit_id")?,
                    label: r.try_get("label")?,
                    action: parse_stored("action", r.try_get("action")?)?,
                    changes: serde_json::from_str(&changes).map_err(super::decode)?,
                })
            })
            .collect()
    }
}
