//! Documents: a preview of the pages, then the PDF, written by Rust where
//! the user chose in the system's dialog (as calendar files are), then
//! opened in the system's viewer on request. The typesetting itself is
//! done by the typesetter process (liaison_documents::typesetter), started
//! on the first document (or as the Documents tab is reached) and gone
//! after a minute idle or a few seconds after the tab is left; waiting for it
//! happens off the async threads. Saving a document is long work (see
//! super::work): a long typesetting shows its progress, with Cancel.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use liaison_core::files::{file_name_from, write_atomically};
use liaison_core::i18n::{t, Lang};
use liaison_core::progress::{Stage, Work};
use liaison_documents::typesetter::REST_AFTER;
use liaison_documents::{
    DocError, DocKind, DocLang, DocOptions, Job, LetterKind, LetterRequest, TemplateFile, Typesetter,
};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;
use uuid::Uuid;

use super::calendar::test_dialog_dir;
use super::work::Working;
use super::Db;
use crate::error::{AppError, Result};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PagesPreview {
    /// Each page as an SVG image, as it will print.
    pub pages: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DocumentSaved {
    /// Where the file went, for the message.
    pub file: String,
    pub pages: u32,
}

/// Which document the window asks for.
#[derive(Debug, Clone, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DocRequest {
    pub visit_id: Uuid,
    pub kind: DocKind,
    pub doc_lang: DocLang,
    /// The reader's zone as the system reports it.
    pub reader_zone: String,
    /// For a letter: which, and to whom (None: the letter's usual recipients).
    pub letter: Option<LetterKind>,
    pub person_id: Option<Uuid>,
}

/// The letter templates chosen in this session, by kind: the office's
/// files, read again for each document so that an edit shows at once.
#[derive(Default)]
pub struct LetterTemplates(Mutex<std::collections::HashMap<LetterKind, PathBuf>>);

impl LetterTemplates {
    fn get(&self, kind: LetterKind) -> Option<PathBuf> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).get(&kind).cloned()
    }
}

/// The window's typesetter, started on the first document.
pub struct Press(Arc<Typesetter>);

impl Default for Press {
    fn default() -> Self {
        Press(Arc::new(Typesetter::beside_this_program()))
    }
}

/// The documents saved in this session: the only files "Open" will hand
/// to the system's viewer, so that the page cannot open any path it likes.
#[derive(Default)]
pub struct SavedDocuments(Mutex<HashSet<PathBuf>>);

/// A document that cannot be made says why in the window's language.
fn refused(e: DocError, lang: Lang) -> AppError {
    AppError {
        kind: "refused".into(),
        message: e.message(lang),
        field: None,
        fields: Vec::new(),
        code: String::new(),
        args: Default::default(),
        subject: String::new(),
    }
}

/// The reader's zone as the window reports it (the system's); one that
/// this build does not know is left out rather than refused: the document
/// then gives the visit's times alone.
fn reader(zone: &str) -> Option<chrono_tz::Tz> {
    liaison_core::time::parse_zone(zone).ok()
}

/// What to typeset for `request`, and the document's name.
async fn job(db: &Db<'_>, templates: &LetterTemplates, request: &DocRequest, lang: Lang) -> Result<(Job, String)> {
    let kind = request.kind;
    let letter = match (kind, request.letter) {
        (DocKind::Letter, Some(letter)) => {
            let template =
                templates.get(letter).map(|p| TemplateFile::read(&p)).transpose().map_err(|e| refused(e, lang))?;
            // Passport data is read only for a visa letter.
            let visas = if letter == LetterKind::Visa || template.is_some() {
                db.visa_details(request.visit_id).await?
            } else {
                Vec::new()
            };
            Some(LetterRequest { kind: letter, template, person: request.person_id, visas })
        }
        _ => None,
    };
    let options = DocOptions { lang: request.doc_lang, reader: reader(&request.reader_zone), letter };
    let source = db.briefing(request.visit_id).await?;
    // The kind first: a long title is shortened from its end.
    let name = format!("{} – {}", kind.as_str(), source.detail.visit.title);
    let job = liaison_documents::document(kind, &source, &options).map_err(|e| refused(e, lang))?;
    Ok((job, name))
}

/// Waits for the typesetter to do `f` with `job`, off the async threads.
async fn press<T: Send + 'static>(
    press: &Press,
    job: Job,
    lang: Lang,
    f: impl FnOnce(&Typesetter, &Job) -> std::result::Result<T, DocError> + Send + 'static,
) -> Result<T> {
    let typesetter = Arc::clone(&press.0);
    tokio::task::spawn_blocking(move || f(&typesetter, &job))
        .await
        .map_err(|e| liaison_core::Error::Internal(format!("typesetting: {e}")))?
        .map_err(|e| refused(e, lang))
}

#[tauri::command]
pub async fn document_preview(
    db: Db<'_>,
    typesetter: State<'_, Press>,
    templates: State<'_, LetterTemplates>,
    request: DocRequest,
    lang: String,
) -> Result<PagesPreview> {
    let lang = super::language(&lang);
    let (job, _) = job(&db, &templates, &request, lang).await?;
    let pages = press(&typesetter, job, lang, |t, job| t.svg_pages(job)).await?;
    Ok(PagesPreview { pages })
}

/// Starts the typesetter, as a person reaches for the documents tab, so that
/// the preview asked for on the click finds it started and its fonts found
/// (the first preview 15–80 ms sooner; `scripts/bench-app documents`). A
/// typesetter that cannot start says so when the preview is asked for.
/// Off the main thread (`async`): starting a process is not the window's
/// event loop's to wait for.
#[tauri::command(async)]
pub fn warm_typesetter(typesetter: State<'_, Press>) {
    let _ = typesetter.0.warm();
}

/// Lets the typesetter go [`REST_AFTER`] from now unless a document or a
/// warming uses it before then: the window calls it as it stops showing
/// documents. The typesetter otherwise stays its idle minute, 55–65 MiB
/// held for nothing (issue 15, `scripts/bench-app workload`); the next
/// visit's documents tab warms another as the pointer reaches it.
/// Answers at once; the wait and the typesetter's leaving are a task's.
#[tauri::command]
pub fn rest_typesetter(typesetter: State<'_, Press>) {
    let press = Arc::clone(&typesetter.0);
    let since = press.mark();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(REST_AFTER).await;
        // Ending it waits for its process to exit: not the async threads'.
        let _ = tauri::async_runtime::spawn_blocking(move || press.rest(since)).await;
    });
}

/// Typesetting that has taken this long shows its progress panel.
const QUIET_FOR: Duration = Duration::from_millis(400);

/// [`press`] as long work: once it has taken a moment the window shows
/// that it is typesetting, with Cancel. Cancel stops the waiting at once
/// (the typesetter's result, when it comes, is thrown away), so nothing is
/// saved and no dialog opens.
async fn press_cancellable<T: Send + 'static>(
    typesetter: &Press,
    job: Job,
    lang: Lang,
    work: &Work,
    f: impl FnOnce(&Typesetter, &Job) -> std::result::Result<T, DocError> + Send + 'static,
) -> Result<T> {
    let started = Instant::now();
    let pressing = press(typesetter, job, lang, f);
    tokio::pin!(pressing);
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    loop {
        tokio::select! {
            out = &mut pressing => return out,
            _ = tick.tick() => {
                work.check()?;
                if started.elapsed() >= QUIET_FOR {
                    work.report(Stage::Typesetting, 0, 0);
                }
            }
        }
    }
}

/// Typesets first, so that a refusal (no font for a script) comes before
/// the dialog; then asks where; None if the user cancelled the dialog.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn save_document(
    app: AppHandle,
    db: Db<'_>,
    typesetter: State<'_, Press>,
    saved: State<'_, SavedDocuments>,
    templates: State<'_, LetterTemplates>,
    working: State<'_, Working>,
    request: DocRequest,
    lang: String,
) -> Result<Option<DocumentSaved>> {
    let lang = super::language(&lang);
    let (job, name) = job(&db, &templates, &request, lang).await?;
    let started = working.start(&app);
    let liaison_documents::Pdf { bytes: pdf, pages } =
        press_cancellable(&typesetter, job, lang, &started.work, |t, job| {
            // Where a test holds a typesetting (see liaison_core::pause) to
            // see its progress and Cancel; nothing in a release build.
            liaison_core::pause::point("document:pdf");
            t.pdf(job)
        })
        .await?;
    // The panel goes before the dialog opens.
    drop(started);
    let suggested = file_name_from(&name, "pdf");
    let path = if let Some(dir) = test_dialog_dir() {
        dir.join(&suggested)
    } else {
        let (tx, rx) = tokio::sync::oneshot::channel();
        app.dialog()
            .file()
            .set_title(t!(lang, "shell-document-title"))
            .add_filter(t!(lang, "shell-pdf-files"), &["pdf"])
            .set_file_name(&suggested)
            .save_file(move |p| {
                let _ = tx.send(p.and_then(|p| p.into_path().ok()));
            });
        let Some(mut path) = rx.await.ok().flatten() else { return Ok(None) };
        if path.extension().is_none() {
            path.set_extension("pdf");
        }
        path
    };
    write_atomically(&path, &pdf)?;
    let file = path.display().to_string();
    saved.0.lock().unwrap_or_else(|e| e.into_inner()).insert(path);
    Ok(Some(DocumentSaved { file, pages }))
}

/// Opens a document saved in this session in the system's viewer.
#[tauri::command]
pub async fn open_document(saved: State<'_, SavedDocuments>, file: String, lang: String) -> Result<()> {
    let lang = super::language(&lang);
    let path = PathBuf::from(&file);
    if !saved.0.lock().unwrap_or_else(|e| e.into_inner()).contains(&path) {
        return Err(liaison_core::Error::invalid("file", t!(lang, "shell-open-unknown")).into());
    }
    // In the end-to-end tests there is no viewer: the path is noted instead.
    #[cfg(debug_assertions)]
    if let Some(log) = std::env::var_os("LIAISON_TEST_OPEN_LOG") {
        std::fs::write(log, &file).map_err(|e| liaison_core::Error::Internal(format!("test open log: {e}")))?;
        return Ok(());
    }
    open::that_detached(&path)
        .map_err(|e| liaison_core::Error::invalid("file", t!(lang, "shell-open-failed", error = e.to_string())).into())
}

/// Asks for the office's template of `kind` and uses it from now on in
/// this session; its name, or None if the user cancelled. The file is
/// checked at once, so that a wrong one is refused here, by line.
#[tauri::command]
pub async fn choose_letter_template(
    app: AppHandle,
    templates: State<'_, LetterTemplates>,
    kind: LetterKind,
    lang: String,
) -> Result<Option<String>> {
    let lang = super::language(&lang);
    let path = if let Some(dir) = test_dialog_dir() {
        dir.join(format!("{}-template.txt", kind.as_str()))
    } else {
        let (tx, rx) = tokio::sync::oneshot::channel();
        app.dialog()
            .file()
            .set_title(t!(lang, "shell-template-title"))
            .add_filter(t!(lang, "shell-template-files"), &["txt"])
            .pick_file(move |p| {
                let _ = tx.send(p.and_then(|p| p.into_path().ok()));
            });
        let Some(path) = rx.await.ok().flatten() else { return Ok(None) };
        path
    };
    TemplateFile::read(&path).map_err(|e| refused(e, lang))?;
    let name = super::file_name(&path);
    templates.0.lock().unwrap_or_else(|e| e.into_inner()).insert(kind, path);
    Ok(Some(name))
}

/// Goes back to Liaison's own template of `kind`.
#[tauri::command]
pub async fn forget_letter_template(templates: State<'_, LetterTemplates>, kind: LetterKind) -> Result<()> {
    templates.0.lock().unwrap_or_else(|e| e.into_inner()).remove(&kind);
    Ok(())
}
