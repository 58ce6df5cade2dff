//! Documents: a preview of the pages, then the PDF, written by Rust where
//! the user chose in the system's dialog (as calendar files are).
//! Typesetting takes a moment of CPU, so it runs off the async threads.

use liaison_core::files::{file_name_from, write_atomically};
use liaison_core::i18n::{t, Lang};
use liaison_documents::{DocError, DocKind, DocLang, Typeset};
use serde::Serialize;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;
use uuid::Uuid;

use super::calendar::test_dialog_dir;
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

async fn typeset(
    db: &Db<'_>,
    visit_id: Uuid,
    kind: DocKind,
    doc_lang: DocLang,
    lang: Lang,
) -> Result<(Typeset, String)> {
    let detail = db.visit_detail(visit_id).await?;
    // The kind first: a long title is shortened from its end.
    let name = format!("{} – {}", kind.as_str(), detail.visit.title);
    let done = tokio::task::spawn_blocking(move || liaison_documents::document(kind, &detail, doc_lang))
        .await
        .map_err(|e| liaison_core::Error::Internal(format!("typesetting: {e}")))?;
    Ok((done.map_err(|e| refused(e, lang))?, name))
}

#[tauri::command]
pub async fn document_preview(
    db: Db<'_>,
    visit_id: Uuid,
    kind: DocKind,
    doc_lang: DocLang,
    lang: String,
) -> Result<PagesPreview> {
    let lang = super::language(&lang);
    let (doc, _) = typeset(&db, visit_id, kind, doc_lang, lang).await?;
    let pages = tokio::task::spawn_blocking(move || doc.svg_pages())
        .await
        .map_err(|e| liaison_core::Error::Internal(format!("preview: {e}")))?
        .map_err(|e| refused(e, lang))?;
    Ok(PagesPreview { pages })
}

/// Typesets first, so that a refusal (no font for a script) comes before
/// the dialog; then asks where; None if the user cancelled the dialog.
#[tauri::command]
pub async fn save_document(
    app: AppHandle,
    db: Db<'_>,
    visit_id: Uuid,
    kind: DocKind,
    doc_lang: DocLang,
    lang: String,
) -> Result<Option<DocumentSaved>> {
    let lang = super::language(&lang);
    let (doc, name) = typeset(&db, visit_id, kind, doc_lang, lang).await?;
    let pages = u32::try_from(doc.pages()).unwrap_or(u32::MAX);
    let pdf = tokio::task::spawn_blocking(move || doc.pdf())
        .await
        .map_err(|e| liaison_core::Error::Internal(format!("PDF: {e}")))?
        .map_err(|e| refused(e, lang))?;
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
    Ok(Some(DocumentSaved { file: path.display().to_string(), pages }))
}
