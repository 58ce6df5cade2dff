//! Calendar files. The page never names a path: Rust asks the user where
//! with the system's dialog, then writes or reads the file itself, so the
//! window needs no file-system permission at all.
//!
//! An import is two steps: a preview of what it will add, update and leave
//! alone, then the import of the file that was previewed (kept here under a
//! token), read from disk again and refused if it changed in between. Both
//! stream the file, report their progress to the page and stop on Cancel.

use std::path::PathBuf;

use liaison_core::calendar::import::IcsInput;
use liaison_core::calendar::{Checked, ExportOptions, Exported, IcsPlan, Method, Selection, Tasks};
use liaison_core::error::Problems;
use liaison_core::files::{file_name_from, write_atomically, AtomicFile};
use liaison_core::i18n::{t, Lang};
use liaison_core::problem::Problem;
use liaison_core::Error;
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;
use uuid::Uuid;

use super::imports::{stamp, Held, Pending, PendingImports, Source};
use super::work::Working;
use super::Db;
use crate::error::Result;

/// Tests set this to a folder: "save" then writes there under the suggested
/// name and "open" reads `import.ics` from it, with no dialog (WebDriver
/// cannot drive the system's file dialogs). Debug builds only (the
/// end-to-end tests run one): in a release build no environment variable
/// can make Liaison write or read a file the user did not choose.
#[cfg(debug_assertions)]
pub(super) fn test_dialog_dir() -> Option<PathBuf> {
    std::env::var_os("LIAISON_TEST_DIALOG_DIR").map(PathBuf::from)
}

#[cfg(not(debug_assertions))]
pub(super) fn test_dialog_dir() -> Option<PathBuf> {
    None
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportDone {
    /// Where the file went, for the message.
    pub file: String,
    pub exported: Exported,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub token: Uuid,
    /// The file's name, for the preview's title.
    pub file: String,
    pub plan: IcsPlan,
}

async fn ask_save_path(app: &AppHandle, suggested: &str, lang: Lang) -> Option<PathBuf> {
    if let Some(dir) = test_dialog_dir() {
        return Some(dir.join(suggested));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title(t!(lang, "shell-export-title"))
        .add_filter(t!(lang, "shell-calendar-files"), &["ics"])
        .set_file_name(suggested)
        .save_file(move |p| {
            let _ = tx.send(p.and_then(|p| p.into_path().ok()));
        });
    let mut path = rx.await.ok().flatten()?;
    if path.extension().is_none() {
        path.set_extension("ics");
    }
    Some(path)
}

async fn ask_open_path(app: &AppHandle, lang: Lang) -> Option<PathBuf> {
    if let Some(dir) = test_dialog_dir() {
        return Some(dir.join("import.ics"));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title(t!(lang, "shell-import-title"))
        .add_filter(t!(lang, "shell-calendar-files"), &["ics", "ical", "icalendar"])
        .pick_file(move |p| {
            let _ = tx.send(p.and_then(|p| p.into_path().ok()));
        });
    rx.await.ok().flatten()
}

/// Checks the file can be made first, so that a refusal (an invitation
/// with no organiser, or with no one to invite) comes before the dialog;
/// then asks where; None if the user cancelled the dialog. A visit's file
/// is made as it is written, with its progress shown and Cancel leaving
/// no file; anything else is made whole before the dialog.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn export_calendar(
    app: AppHandle,
    db: Db<'_>,
    working: State<'_, Working>,
    selection: Selection,
    method: Method,
    tasks: Tasks,
    organizer: Option<String>,
    lang: String,
) -> Result<Option<ExportDone>> {
    let lang = super::language(&lang);
    let organizer = organizer.map(|o| o.trim().to_owned()).filter(|o| !o.is_empty());
    if let Some(email) = &organizer {
        let mut p = Problems::new();
        liaison_core::validate::email(&mut p, "organizer", email);
        p.finish(|| ())?;
    }
    let opts = ExportOptions { method, tasks, organizer, lang, ..ExportOptions::default() };
    let checked = db.check_export(selection, &opts).await?;
    let name = match &checked {
        Checked::Visit { name } => name.clone(),
        Checked::Made(e) => e.name.clone(),
    };
    let Some(path) = ask_save_path(&app, &file_name_from(&name, "ics"), lang).await else {
        return Ok(None);
    };
    let exported = match checked {
        Checked::Made(e) => {
            write_atomically(&path, e.text.as_bytes())?;
            e
        }
        Checked::Visit { .. } => {
            let mut file = AtomicFile::create(&path)?;
            let started = working.start(&app);
            let e = db.export_ics_to(selection, &opts, &mut file, &path.display().to_string(), &started.work).await?;
            file.commit()?;
            e
        }
    };
    Ok(Some(ExportDone { file: path.display().to_string(), exported }))
}

/// Asks for a file and shows what importing it would do; writes nothing.
/// None if the user cancelled the dialog.
#[tauri::command]
pub async fn preview_calendar_import(
    app: AppHandle,
    db: Db<'_>,
    pending: State<'_, PendingImports>,
    working: State<'_, Working>,
    visit_id: Option<Uuid>,
    lang: String,
) -> Result<Option<ImportPreview>> {
    let lang = super::language(&lang);
    let Some(path) = ask_open_path(&app, lang).await else { return Ok(None) };
    Ok(Some(preview(&app, &db, &pending, &working, path, visit_id, lang).await?))
}

/// Plans importing a calendar file and keeps where it is under a token.
pub(super) async fn preview(
    app: &AppHandle,
    db: &Db<'_>,
    pending: &PendingImports,
    working: &Working,
    path: PathBuf,
    into: Option<Uuid>,
    lang: Lang,
) -> Result<ImportPreview> {
    let name = super::file_name(&path);
    let seen = stamp(&path, &name)?;
    let plan = {
        let started = working.start(app);
        db.preview_ics_from(IcsInput::File(&path), &name, into, lang, &started.work).await?
    };
    let token = pending.keep(Pending {
        name: name.clone(),
        held: Held::File { path, seen },
        source: Source::Calendar { into, lang },
    });
    Ok(ImportPreview { token, file: name, plan })
}

/// Imports the previewed file, all of it or nothing.
#[tauri::command]
pub async fn import_calendar(
    app: AppHandle,
    db: Db<'_>,
    pending: State<'_, PendingImports>,
    working: State<'_, Working>,
    token: Uuid,
) -> Result<IcsPlan> {
    let p = pending.take(token)?;
    let (Source::Calendar { into, lang }, Held::File { path, seen }) = (p.source, p.held) else {
        return Err(Error::not_found("previewed calendar import", token).into());
    };
    // What the user said yes to is what was previewed.
    if stamp(&path, &p.name)? != seen {
        return Err(Error::Conflict(Problem::IcsChangedWhileRead { file: p.name }).into());
    }
    let started = working.start(&app);
    Ok(db.import_ics_from(IcsInput::File(&path), &p.name, into, lang, &started.work).await?)
}
