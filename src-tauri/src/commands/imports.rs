//! Files handed to Liaison to open (`liaison FILE…`, which is what a file
//! manager runs for an .ics or a Liaison document), and the previews of
//! imports waiting for the user's yes or no.
//!
//! The page never names a path: the files come from the command line, or
//! from a later launch's command line through the single-instance plugin,
//! and wait here until the page asks for the next one. A document is read
//! once and what is imported is exactly the bytes that were previewed; a
//! calendar file is read from disk again and refused if it changed since.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use liaison_core::interchange::{ImportReport, JsonPreview};
use liaison_core::Error;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;
use uuid::Uuid;

use super::calendar::ImportPreview;
use super::Db;
use crate::error::Result;

/// What the window hears when a later launch handed it files: the page then
/// asks for them one by one (`next_opened_file`).
pub const FILES_OPENED: &str = "files-opened";

/// Where previewed bytes go if the user says yes.
pub enum Source {
    /// A calendar file, into this visit or (None) the one its events match;
    /// a visit made for it is named in `lang`, the window's language.
    Calendar { into: Option<Uuid>, lang: liaison_core::i18n::Lang },
    /// A Liaison JSON document, merged into the database.
    Document,
}

/// What a preview keeps of its file until the user says yes.
pub enum Held {
    /// A Liaison document, read whole (it is checked whole).
    Bytes(Vec<u8>),
    /// A calendar file, read again from disk when imported rather than
    /// held in memory (it may be a million events); its size and time of
    /// change as previewed, so that a file changed since is refused rather
    /// than imported unseen.
    File { path: PathBuf, seen: FileStamp },
}

/// A file's size and time of last change.
pub type FileStamp = (u64, Option<std::time::SystemTime>);

/// The stamp of `path` now; `name` is what errors call it.
pub fn stamp(path: &Path, name: &str) -> std::result::Result<FileStamp, Error> {
    let m = std::fs::metadata(path).map_err(|source| Error::Io { path: name.to_owned(), source })?;
    Ok((m.len(), m.modified().ok()))
}

pub struct Pending {
    pub name: String,
    pub held: Held,
    pub source: Source,
}

/// Files previewed and not yet imported or dropped.
#[derive(Default)]
pub struct PendingImports(Mutex<HashMap<Uuid, Pending>>);

impl PendingImports {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, Pending>> {
        // A panic elsewhere while holding the lock leaves a usable map.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn keep(&self, pending: Pending) -> Uuid {
        let token = Uuid::new_v4();
        self.lock().insert(token, pending);
        token
    }

    pub fn take(&self, token: Uuid) -> std::result::Result<Pending, Error> {
        self.lock().remove(&token).ok_or_else(|| Error::not_found("previewed import", token))
    }
}

/// Files given on a command line, waiting for the page to show them.
#[derive(Default)]
pub struct OpenedFiles(Mutex<VecDeque<PathBuf>>);

impl OpenedFiles {
    pub fn new(files: Vec<PathBuf>) -> Self {
        Self(Mutex::new(files.into()))
    }

    pub fn push(&self, files: Vec<PathBuf>) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).extend(files);
    }

    fn pop(&self) -> Option<PathBuf> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).pop_front()
    }
}

/// A Liaison document's preview: the counts and every stored field it would
/// change.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DocumentPreview {
    pub token: Uuid,
    /// The file's name, for the preview's title.
    pub file: String,
    pub preview: JsonPreview,
}

/// The preview of a file that was opened with Liaison.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum OpenedFile {
    Calendar(ImportPreview),
    Document(DocumentPreview),
}

/// The file's name (what the user knows it by) and its bytes.
pub fn read(path: &Path) -> std::result::Result<(String, Vec<u8>), Error> {
    let name = super::file_name(path);
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: name.clone(), source })?;
    Ok((name, bytes))
}

/// The first few kilobytes of a file: enough to tell a document from a
/// calendar without reading a large one whole.
fn head(path: &Path) -> std::result::Result<Vec<u8>, Error> {
    use std::io::Read;
    let name = super::file_name(path);
    let io = |source| Error::Io { path: name.clone(), source };
    let mut bytes = Vec::new();
    std::fs::File::open(path).map_err(io)?.take(4096).read_to_end(&mut bytes).map_err(io)?;
    Ok(bytes)
}

/// Whether a file is a Liaison document rather than a calendar: by its name
/// when that says (`.json`, `.ics`), else by its first bytes, as the MIME
/// type's magic does (a document opens with `{` and names its format).
fn is_document(path: &Path, bytes: &[u8]) -> bool {
    use liaison_core::files::{kind_by_name, FileKind};
    match kind_by_name(path) {
        Some(kind) => kind == FileKind::Document,
        None => bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
    }
}

/// The preview of the next file handed to Liaison, None when there is none
/// left; an unreadable or refused file is an error that names it (the page
/// shows it and asks for the next).
#[tauri::command]
pub async fn next_opened_file(
    db: Db<'_>,
    opened: State<'_, OpenedFiles>,
    pending: State<'_, PendingImports>,
    working: State<'_, super::work::Working>,
    app: tauri::AppHandle,
    lang: String,
) -> Result<Option<OpenedFile>> {
    let Some(path) = opened.pop() else { return Ok(None) };
    let lang = super::language(&lang);
    if !is_document(&path, &head(&path)?) {
        let preview = super::calendar::preview(&app, &db, &pending, &working, path, None, lang).await?;
        return Ok(Some(OpenedFile::Calendar(preview)));
    }
    let (name, bytes) = read(&path)?;
    let preview = {
        let started = working.start(&app);
        db.preview_json_with(&bytes, &name, &started.work).await.map_err(|e| e.in_file(&name))?
    };
    let token = pending.keep(Pending { name: name.clone(), held: Held::Bytes(bytes), source: Source::Document });
    Ok(Some(OpenedFile::Document(DocumentPreview { token, file: name, preview })))
}

/// Imports the previewed document, all of it or nothing: a Cancel from the
/// progress panel rolls all of it back.
#[tauri::command]
pub async fn import_document(
    app: tauri::AppHandle,
    db: Db<'_>,
    pending: State<'_, PendingImports>,
    working: State<'_, super::work::Working>,
    token: Uuid,
) -> Result<ImportReport> {
    let p = pending.take(token)?;
    let (Source::Document, Held::Bytes(bytes)) = (p.source, p.held) else {
        return Err(Error::not_found("previewed document import", token).into());
    };
    let started = working.start(&app);
    Ok(db.import_json_with(&bytes, &p.name, &started.work).await.map_err(|e| e.in_file(&p.name))?)
}

/// Forgets a preview the user closed.
#[tauri::command]
pub fn cancel_import(pending: State<'_, PendingImports>, token: Uuid) {
    let _ = pending.take(token);
}
