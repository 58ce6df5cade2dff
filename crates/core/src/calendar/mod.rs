//! Calendar files (iCalendar, RFC 5545, with iTIP methods from RFC 5546):
//! export of visits, agenda items and follow-ups, and import merged by UID.

pub mod described;
pub mod export;
pub mod import;
pub mod parse;
pub mod text;
pub mod tz;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

pub use export::{add_span, write_calendar, CalendarSet, ExportOptions, Exported, Method, Spans, Streamed, Tasks};
pub use import::IcsPlan;

use crate::error::{Error, Result};
use crate::model::{AgendaItem, Participant};
use crate::progress::{Stage, Work};
use crate::service::Service;

/// What a calendar file covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum Selection {
    /// One visit: its own event, its agenda and its follow-ups.
    Visit(Uuid),
    /// A person's itinerary: the visits they take part in, the agenda items
    /// they are in, and the follow-ups they own.
    Person(Uuid),
    /// Everything.
    All,
}

impl Service {
    /// Reads what `selection` covers: one visit or one person on one
    /// connection, everything on several at once.
    pub async fn calendar_set(&self, selection: Selection) -> Result<CalendarSet> {
        self.calendar_set_with(selection, true).await
    }

    /// [`Service::calendar_set`]; a visit's without its agenda unless
    /// `with_agenda` (an export streams it).
    async fn calendar_set_with(&self, selection: Selection, with_agenda: bool) -> Result<CalendarSet> {
        if selection == Selection::All {
            return self.calendar_set_all().await;
        }
        let mut set = CalendarSet::default();
        let mut c = self.read().await?;
        let c = &mut *c;
        match selection {
            Selection::Visit(id) => {
                let v = c.visit(id).await?;
                set.name = v.title.clone();
                if with_agenda {
                    set.agenda = c.agenda_of_visit(id).await?;
                }
                set.follow_ups = c.follow_ups_of_visit(id).await?;
                // Carried in from earlier visits: tasks of this visit too,
                // under their own UIDs (one task, in every file it is in).
                for carried in c.carried_into(id).await? {
                    set.follow_ups.push(c.follow_up(carried).await?);
                }
                set.participants = c.participants_of_visit(id).await?;
                set.visits = vec![v];
            }
            Selection::Person(id) => {
                let p = c.person(id).await?;
                set.name = p.names().sort_key().to_owned();
                set.person = Some(p);
                set.visits = c.visits_of_person(id).await?;
                set.agenda = c.agenda_of_person(id).await?;
                set.follow_ups = c.follow_ups_of_owner(id).await?;
                // Follow-ups may come from visits the person did not attend.
                let mut missing: Vec<Uuid> = set.follow_ups.iter().map(|f| f.visit_id).collect();
                missing.sort();
                missing.dedup();
                missing.retain(|v| !set.visits.iter().any(|x| x.id == *v));
                for v in missing {
                    set.visits.push(c.visit(v).await?);
                }
                set.visits.sort_by_key(|v| (v.starts_at, v.id));
                for v in &set.visits {
                    set.participants.extend(c.participants_of_visit(v.id).await?);
                }
            }
            // Read above, all at once.
            Selection::All => {}
        }
        let mut person_ids: Vec<Uuid> = set.participants.iter().map(|p: &Participant| p.person_id).collect();
        person_ids.extend(set.follow_ups.iter().filter_map(|f| f.owner_id));
        person_ids.sort();
        person_ids.dedup();
        set.people = c.people_by_ids(&person_ids).await?.into_iter().map(|p| (p.id, p)).collect();
        let mut org_ids: Vec<Uuid> =
            set.visits.iter().flat_map(|v| [v.host_org_id, v.guest_org_id]).flatten().collect();
        org_ids.extend(set.follow_ups.iter().filter_map(|f| f.counterpart_org_id));
        org_ids.sort();
        org_ids.dedup();
        set.organisations = c.organisations_by_ids(&org_ids).await?.into_iter().map(|o| (o.id, o)).collect();
        set.rooms = c.rooms().await?.into_iter().map(|r| (r.id, r)).collect();
        order_agenda(&mut set);
        Ok(set)
    }

    /// Everything, in six reads on as many sessions at once: a database
    /// serves each connection on a thread or process of its own, so this is
    /// real parallelism, and an export of the benchmark data set spends most of
    /// its time reading. The reads are separate snapshots: a write committed
    /// in between can at worst leave out a name, never make a broken file.
    async fn calendar_set_all(&self) -> Result<CalendarSet> {
        // Each read is its own task on its own connection, so that decoding
        // rows runs on every worker thread, beside the database's own.
        macro_rules! spawn_read {
            (|$c:ident| $read:expr) => {{
                let storage = self.storage().clone();
                tokio::spawn(async move {
                    let mut session = storage.read().await?;
                    let $c = &mut *session;
                    $read.await
                })
            }};
        }
        fn joined<T>(r: std::result::Result<Result<T>, tokio::task::JoinError>) -> Result<T> {
            r.map_err(|e| crate::Error::Internal(format!("a thread writing the export stopped: {e}")))?
        }
        // Agenda items are most of the data: read in two halves of the id
        // space (ids are random, so the halves are even).
        let middle = Uuid::from_u128(1 << 127);
        // The longest first: the pool has four connections.
        let a1 = spawn_read!(|c| c.agenda_in_id_range(Uuid::nil(), Some(middle)));
        let a2 = spawn_read!(|c| c.agenda_in_id_range(middle, None));
        let f = spawn_read!(|c| c.all_follow_ups());
        let p = spawn_read!(|c| c.all_participants());
        let pe = spawn_read!(|c| c.people());
        let v = spawn_read!(|c| c.visits());
        let o = spawn_read!(|c| c.organisations());
        let r = spawn_read!(|c| c.rooms());

        let visits = joined(v.await)?;
        let mut agenda = joined(a1.await)?;
        let agenda_rest = joined(a2.await)?;
        let follow_ups = joined(f.await)?;
        let participants = joined(p.await)?;
        let people = joined(pe.await)?;
        let organisations = joined(o.await)?;
        let rooms = joined(r.await)?;
        agenda.extend(agenda_rest);
        crate::storage::order_people(&mut agenda, &participants);
        let mut set = CalendarSet {
            name: "Liaison".into(),
            person: None,
            visits,
            agenda,
            follow_ups,
            participants,
            people: people.into_iter().map(|p| (p.id, p)).collect(),
            organisations: organisations.into_iter().map(|o| (o.id, o)).collect(),
            rooms: rooms.into_iter().map(|r| (r.id, r)).collect(),
        };
        order_agenda(&mut set);
        Ok(set)
    }

    /// Exports `selection` as an iCalendar stream.
    pub async fn export_ics(&self, selection: Selection, opts: &ExportOptions) -> Result<Exported> {
        let set = self.calendar_set(selection).await?;
        write_calendar(&set, opts)
    }

    /// Exports `selection` into `out` as it is made. A visit's agenda is
    /// read a page at a time on a connection of its own while the page
    /// before is written, so a visit of any size is exported in the memory
    /// of a few pages; a person's itinerary or everything is made whole
    /// first. `path` names `out` in errors. The returned text is empty.
    pub async fn export_ics_to(
        &self,
        selection: Selection,
        opts: &ExportOptions,
        out: &mut (dyn std::io::Write + Send),
        path: &str,
        work: &Work,
    ) -> Result<Exported> {
        let io = |source| Error::Io { path: path.to_owned(), source };
        let Selection::Visit(visit) = selection else {
            let mut e = self.export_ics(selection, opts).await?;
            out.write_all(e.text.as_bytes()).map_err(io)?;
            e.text = String::new();
            return Ok(e);
        };
        let set = self.calendar_set_with(selection, false).await?;
        let mut file = Streamed::new(&set, opts)?;
        // The first page is read while the zones are counted (a scan of
        // the visit's items, a tenth of a 100,000-item export), unless the
        // pages are looked through first.
        let mut pages = self.agenda_pages(visit, &set);
        if file.must_look() {
            while let Some(page) = pages.recv().await {
                file.look(&page?);
                work.check()?;
            }
            pages = self.agenda_pages(visit, &set);
        }
        let zones = self.read().await?.agenda_zones_of_visit(visit).await?;
        let total: u64 = zones.iter().map(|z| z.items).sum();
        let mut spans = Spans::new();
        for z in &zones {
            add_span(&mut spans, &z.zone, z.first, z.last);
        }
        out.write_all(file.head(total as usize, &spans)?.as_bytes()).map_err(io)?;
        let mut done = 0u64;
        while let Some(page) = pages.recv().await {
            let page = page?;
            done += page.len() as u64;
            out.write_all(file.items(&page).as_bytes()).map_err(io)?;
            work.check()?;
            work.report(Stage::Exporting, done, total);
        }
        let (tail, exported) = file.finish();
        out.write_all(tail.as_bytes()).map_err(io)?;
        Ok(exported)
    }

    /// What [`Service::export_ics_to`] would refuse (an invitation with no
    /// organiser, or with no one to invite), said before anything is asked
    /// or written; else the calendar's name. A visit's agenda is only looked
    /// through (for an invitation); anything else is made whole and
    /// returned, to be written once a place for it is chosen.
    pub async fn check_export(&self, selection: Selection, opts: &ExportOptions) -> Result<Checked> {
        let Selection::Visit(visit) = selection else {
            return Ok(Checked::Made(self.export_ics(selection, opts).await?));
        };
        let set = self.calendar_set_with(selection, false).await?;
        let mut file = Streamed::new(&set, opts)?;
        let mut total = 0;
        if file.must_look() {
            let mut pages = self.agenda_pages(visit, &set);
            while let Some(page) = pages.recv().await {
                let page = page?;
                total += page.len();
                file.look(&page);
            }
        } else {
            let zones = self.read().await?.agenda_zones_of_visit(visit).await?;
            total = zones.iter().map(|z| z.items as usize).sum();
        }
        Ok(Checked::Visit { name: file.check(total)? })
    }

    /// A visit's agenda in programme order, page by page, read ahead on a
    /// task and a connection of their own: the next page is read while the
    /// one before is written. Dropping the receiver stops the reading.
    fn agenda_pages(&self, visit: Uuid, set: &CalendarSet) -> tokio::sync::mpsc::Receiver<Result<Vec<AgendaItem>>> {
        const PAGE: u32 = 5_000;
        let (tx, rx) = tokio::sync::mpsc::channel(1);
        let storage = self.storage().clone();
        let participants = set.participants.clone();
        tokio::spawn(async move {
            let mut session = match storage.read().await {
                Ok(s) => s,
                Err(e) => {
                    let _ = tx.send(Err(e)).await;
                    return;
                }
            };
            let mut after = None;
            loop {
                let page = session.agenda_page_of_visit(visit, after, PAGE).await.map(|mut page| {
                    crate::storage::order_people(&mut page, &participants);
                    page
                });
                let last = page.as_ref().ok().and_then(|p| p.last().map(crate::storage::AgendaKey::of));
                let full = page.as_ref().is_ok_and(|p| p.len() == PAGE as usize);
                let failed = page.is_err();
                if tx.send(page).await.is_err() || failed || !full {
                    return;
                }
                after = last;
            }
        });
        rx
    }
}

/// What [`Service::check_export`] found.
#[derive(Debug)]
pub enum Checked {
    /// A visit's file, to be made as it is written: its name.
    Visit { name: String },
    /// Any other file, made whole.
    Made(Exported),
}

/// Visits in start order, and each visit's agenda after it in start order,
/// so that a file reads like the programme.
fn order_agenda(set: &mut CalendarSet) {
    let rank: HashMap<Uuid, usize> = set.visits.iter().enumerate().map(|(i, v)| (v.id, i)).collect();
    set.agenda.sort_by(|a, b| {
        (rank.get(&a.visit_id), a.starts_at, a.position, a.ends_at, a.id).cmp(&(
            rank.get(&b.visit_id),
            b.starts_at,
            b.position,
            b.ends_at,
            b.id,
        ))
    });
    set.follow_ups.sort_by(|a, b| {
        (rank.get(&a.visit_id), a.due_date.is_none(), a.due_date, &a.title, a.id).cmp(&(
            rank.get(&b.visit_id),
            b.due_date.is_none(),
            b.due_date,
            &b.title,
            b.id,
        ))
    });
}
