//! Visits, their participants, agenda and follow-ups.

use liaison_core::history::HistoryLine;
use liaison_core::interchange::ImportReport;
use liaison_core::model::*;
use liaison_core::model::{VisitPage, VisitQuery};
use liaison_core::seating::{SeatingPlan, SeatingRules};
use liaison_core::service::FirstLook;
use liaison_core::time::today;
use liaison_core::validate::*;
use liaison_core::visa::{VisaDetails, VisaInput};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::Db;
use crate::error::Result;

#[tauri::command]
pub async fn visit_page(db: Db<'_>, query: VisitQuery) -> Result<VisitPage> {
    Ok(db.visit_page(&query).await?)
}

#[tauri::command]
pub async fn visit_detail(db: Db<'_>, id: Uuid) -> Result<VisitDetail> {
    Ok(db.visit_detail(id).await?)
}

/// The visit's changes, newest first, in words of the window's language
/// (the latest 500).
#[tauri::command]
pub async fn visit_history(db: Db<'_>, id: Uuid, lang: String) -> Result<Vec<HistoryLine>> {
    Ok(db.visit_history_in(id, 500, super::language(&lang)).await?)
}

#[tauri::command]
pub async fn create_visit(db: Db<'_>, input: VisitInput) -> Result<Saved<Visit>> {
    Ok(db.create_visit(&input).await?)
}

#[tauri::command]
pub async fn update_visit(db: Db<'_>, id: Uuid, revision: u32, input: VisitInput) -> Result<Saved<Visit>> {
    Ok(db.update_visit(id, revision, &input).await?)
}

#[tauri::command]
pub async fn delete_visit(db: Db<'_>, id: Uuid) -> Result<()> {
    Ok(db.delete_visit(id).await?)
}

#[tauri::command]
pub async fn set_participant(db: Db<'_>, visit_id: Uuid, input: ParticipantInput) -> Result<Vec<ParticipantView>> {
    Ok(db.set_participant(visit_id, &input).await?)
}

#[tauri::command]
pub async fn remove_participant(db: Db<'_>, visit_id: Uuid, person_id: Uuid) -> Result<Vec<ParticipantView>> {
    Ok(db.remove_participant(visit_id, person_id).await?)
}

#[tauri::command]
pub async fn reorder_participants(
    db: Db<'_>,
    visit_id: Uuid,
    side: Side,
    person_ids: Vec<Uuid>,
) -> Result<Vec<ParticipantView>> {
    Ok(db.reorder_participants(visit_id, side, &person_ids).await?)
}

#[tauri::command]
pub async fn create_agenda_item(db: Db<'_>, visit_id: Uuid, input: AgendaItemInput) -> Result<Saved<AgendaItem>> {
    Ok(db.create_agenda_item(visit_id, &input).await?)
}

#[tauri::command]
pub async fn update_agenda_item(
    db: Db<'_>,
    id: Uuid,
    revision: u32,
    input: AgendaItemInput,
) -> Result<Saved<AgendaItem>> {
    Ok(db.update_agenda_item(id, revision, &input).await?)
}

#[tauri::command]
pub async fn duplicate_agenda_item(db: Db<'_>, id: Uuid) -> Result<Saved<AgendaItem>> {
    Ok(db.duplicate_agenda_item(id).await?)
}

#[tauri::command]
pub async fn delete_agenda_item(db: Db<'_>, id: Uuid) -> Result<()> {
    Ok(db.delete_agenda_item(id).await?)
}

#[tauri::command]
pub async fn create_follow_up(db: Db<'_>, visit_id: Uuid, input: FollowUpInput) -> Result<FollowUp> {
    Ok(db.create_follow_up(visit_id, &input).await?)
}

#[tauri::command]
pub async fn update_follow_up(db: Db<'_>, id: Uuid, revision: u32, input: FollowUpInput) -> Result<FollowUp> {
    Ok(db.update_follow_up(id, revision, &input).await?)
}

#[tauri::command]
pub async fn delete_follow_up(db: Db<'_>, id: Uuid) -> Result<()> {
    Ok(db.delete_follow_up(id).await?)
}

#[tauri::command]
pub async fn copy_visit(db: Db<'_>, from: Uuid, input: VisitCopyInput) -> Result<Saved<Visit>> {
    Ok(db.copy_visit(from, &input).await?)
}

#[tauri::command]
pub async fn carry_follow_up(db: Db<'_>, visit_id: Uuid, follow_up_id: Uuid) -> Result<()> {
    Ok(db.carry_follow_up(visit_id, follow_up_id).await?)
}

#[tauri::command]
pub async fn uncarry_follow_up(db: Db<'_>, visit_id: Uuid, follow_up_id: Uuid) -> Result<()> {
    Ok(db.uncarry_follow_up(visit_id, follow_up_id).await?)
}

#[tauri::command]
pub async fn move_agenda_item(db: Db<'_>, id: Uuid, revision: u32, later: bool) -> Result<Vec<AgendaItem>> {
    Ok(db.move_agenda_item(id, revision, later).await?)
}

/// The calendar of every visit: some days, in the reader's zone.
#[tauri::command]
pub async fn calendar(db: Db<'_>, query: CalendarQuery) -> Result<CalendarRange> {
    Ok(db.calendar(&query).await?)
}

/// An item dragged on the calendar, or a drag undone.
#[tauri::command]
pub async fn reschedule_agenda_item(db: Db<'_>, id: Uuid, revision: u32, to: Reschedule) -> Result<Saved<AgendaItem>> {
    Ok(db.reschedule_agenda_item(id, revision, &to).await?)
}

#[tauri::command]
pub async fn conflicts(db: Db<'_>, query: ConflictQuery) -> Result<ConflictList> {
    Ok(db.conflicts(&query).await?)
}

#[tauri::command]
pub async fn open_conflict_count(db: Db<'_>) -> Result<u32> {
    Ok(db.open_conflict_count().await?)
}

#[tauri::command]
pub async fn acknowledge_conflict(db: Db<'_>, key: String, note: String) -> Result<()> {
    Ok(db.acknowledge_conflict(&key, &note).await?)
}

#[tauri::command]
pub async fn unacknowledge_conflict(db: Db<'_>, key: String) -> Result<()> {
    Ok(db.unacknowledge_conflict(&key).await?)
}

#[tauri::command]
pub async fn follow_up_register(db: Db<'_>, query: FollowUpQuery) -> Result<FollowUpRegister> {
    Ok(db.follow_up_register(&query, today()).await?)
}

#[tauri::command]
pub async fn overdue_follow_ups(db: Db<'_>) -> Result<u32> {
    Ok(db.overdue_follow_ups(today()).await?)
}

#[tauri::command]
pub async fn set_follow_up_status(db: Db<'_>, items: Vec<Revised>, status: FollowUpStatus) -> Result<Vec<FollowUp>> {
    Ok(db.set_follow_up_status(&items, status).await?)
}

#[tauri::command]
pub async fn load_sample(db: Db<'_>) -> Result<ImportReport> {
    Ok(db.load_sample().await?)
}

/// What the window needs before it can show anything: the labels of every
/// choice and the visits list's first page. One call, because each command's
/// first call from the page costs a round trip of its own (40-50 ms measured
/// by scripts/bench-app against 0.5 ms in the database).
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct StartScreen {
    pub vocabulary: Vocabulary,
    pub visits: FirstLook,
    /// Where this launch copied the database before updating its schema,
    /// for the window to say once.
    pub backup: Option<String>,
    pub database: DatabaseInfo,
    /// "0.1.0 (database schema 3, team database schema 2)", for About.
    pub version: String,
}

/// Which database the window is on, and what this user may do there.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct DatabaseInfo {
    /// A file's path, or a team database's URL without its password.
    pub location: String,
    /// A team database on a server, rather than a file of one's own.
    pub team: bool,
    /// False for a viewer of a team database: the window offers no editing.
    pub may_write: bool,
    /// Whether the connection checks the server's certificate (always true
    /// for a file); the window says plainly when it does not.
    pub verified: bool,
}

#[tauri::command]
pub async fn start_screen(db: Db<'_>, limit: u32) -> Result<StartScreen> {
    Ok(StartScreen {
        vocabulary: liaison_core::service::vocabulary(),
        visits: db.first_look(limit).await?,
        backup: db.backup().map(|p| p.display().to_string()),
        database: DatabaseInfo {
            location: db.location(),
            team: db.path().is_none(),
            may_write: db.may_write().await?,
            verified: db.verified(),
        },
        version: liaison_core::service::version_text(),
    })
}

/// Where the visit's people sit, by the rules and the swaps made.
#[tauri::command]
pub async fn seating_plan(db: Db<'_>, visit_id: Uuid) -> Result<SeatingPlan> {
    Ok(db.seating(visit_id).await?)
}

/// Saves how the visit is seated over the revision the window read.
#[tauri::command]
pub async fn save_seating(db: Db<'_>, visit_id: Uuid, revision: u32, rules: SeatingRules) -> Result<SeatingPlan> {
    Ok(db.save_seating(visit_id, revision, rules).await?)
}

/// The passport data kept for the visit's visa letters.
#[tauri::command]
pub async fn visa_details(db: Db<'_>, visit_id: Uuid) -> Result<Vec<VisaDetails>> {
    Ok(db.visa_details(visit_id).await?)
}

#[tauri::command]
pub async fn save_visa_details(
    db: Db<'_>,
    visit_id: Uuid,
    person_id: Uuid,
    revision: u32,
    input: VisaInput,
) -> Result<VisaDetails> {
    Ok(db.save_visa_details(visit_id, person_id, revision, &input).await?)
}

#[tauri::command]
pub async fn delete_visa_details(db: Db<'_>, visit_id: Uuid, person_id: Uuid) -> Result<()> {
    Ok(db.delete_visa_details(visit_id, person_id).await?)
}

/// Deletes every passport detail kept for the visit; how many people's.
#[tauri::command]
pub async fn purge_visa_details(db: Db<'_>, visit_id: Uuid) -> Result<u64> {
    Ok(db.purge_visa_details(visit_id).await?)
}
