//! Organisations and people.

use liaison_core::model::*;
use liaison_core::model::{PeoplePage, PeopleQuery};
use liaison_core::service::{OrganisationDetail, PersonDetail};
use liaison_core::validate::*;
use uuid::Uuid;

use super::Db;
use crate::error::Result;

#[tauri::command]
pub async fn organisations(db: Db<'_>) -> Result<Vec<Organisation>> {
    Ok(db.organisations().await?)
}

#[tauri::command]
pub async fn organisation(db: Db<'_>, id: Uuid) -> Result<OrganisationDetail> {
    Ok(db.organisation(id, liaison_core::time::today()).await?)
}

#[tauri::command]
pub async fn create_organisation(db: Db<'_>, input: OrganisationInput) -> Result<Organisation> {
    Ok(db.create_organisation(&input).await?)
}

#[tauri::command]
pub async fn update_organisation(
    db: Db<'_>,
    id: Uuid,
    revision: u32,
    input: OrganisationInput,
) -> Result<Organisation> {
    Ok(db.update_organisation(id, revision, &input).await?)
}

#[tauri::command]
pub async fn delete_organisation(db: Db<'_>, id: Uuid) -> Result<()> {
    Ok(db.delete_organisation(id).await?)
}

/// The window searches the directory, a page at a time; it never asks for
/// everyone at once.
#[tauri::command]
pub async fn search_people(db: Db<'_>, query: PeopleQuery) -> Result<PeoplePage> {
    Ok(db.search_people(&query).await?)
}

#[tauri::command]
pub async fn person(db: Db<'_>, id: Uuid) -> Result<PersonDetail> {
    Ok(db.person(id).await?)
}

#[tauri::command]
pub async fn create_person(db: Db<'_>, input: PersonInput) -> Result<Person> {
    Ok(db.create_person(&input).await?)
}

#[tauri::command]
pub async fn update_person(db: Db<'_>, id: Uuid, revision: u32, input: PersonInput) -> Result<Person> {
    Ok(db.update_person(id, revision, &input).await?)
}

#[tauri::command]
pub async fn delete_person(db: Db<'_>, id: Uuid) -> Result<()> {
    Ok(db.delete_person(id).await?)
}

/// A person's or an organisation's changes, newest first, in words of the
/// window's language.
#[tauri::command]
pub async fn record_history(db: Db<'_>, id: Uuid, lang: String) -> Result<Vec<liaison_core::history::HistoryLine>> {
    Ok(db.record_history_in(id, 500, super::language(&lang)).await?)
}

#[tauri::command]
pub async fn rooms(db: Db<'_>) -> Result<Vec<Room>> {
    Ok(db.rooms().await?)
}

#[tauri::command]
pub async fn create_room(db: Db<'_>, input: RoomInput) -> Result<Room> {
    Ok(db.create_room(&input).await?)
}

#[tauri::command]
pub async fn update_room(db: Db<'_>, id: Uuid, revision: u32, input: RoomInput) -> Result<Room> {
    Ok(db.update_room(id, revision, &input).await?)
}

#[tauri::command]
pub async fn delete_room(db: Db<'_>, id: Uuid) -> Result<()> {
    Ok(db.delete_room(id).await?)
}

#[tauri::command]
pub async fn add_availability(db: Db<'_>, person_id: Uuid, input: AvailabilityInput) -> Result<Availability> {
    Ok(db.add_availability(person_id, &input).await?)
}

#[tauri::command]
pub async fn update_availability(
    db: Db<'_>,
    id: Uuid,
    revision: u32,
    input: AvailabilityInput,
) -> Result<Availability> {
    Ok(db.update_availability(id, revision, &input).await?)
}

#[tauri::command]
pub async fn delete_availability(db: Db<'_>, id: Uuid) -> Result<()> {
    Ok(db.delete_availability(id).await?)
}

/// One search across everything (the search box, Ctrl+K).
#[tauri::command]
pub async fn search(db: Db<'_>, query: liaison_core::search::SearchQuery) -> Result<SearchResults> {
    Ok(db.search(&query).await?)
}
