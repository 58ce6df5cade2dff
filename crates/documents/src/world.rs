//! What Typst sees while it typesets one document: the template and the
//! shared pieces it may import as its only sources, the document's data as
//! one JSON file, the system's fonts, and nothing else. No package, no file
//! of this machine, no network.

use std::sync::OnceLock;

use chrono::{Datelike, Local};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::Fonts;

/// The path the templates read their data from: `json("/data.json")`.
pub const DATA_PATH: &str = "/data.json";

/// Shared pieces of layout, which any template may import.
const SHARED: &str = include_str!("../templates/liaison.typ");
const SHARED_PATH: &str = "/liaison.typ";

pub struct DocWorld {
    library: &'static LazyHash<Library>,
    fonts: &'static Fonts,
    main: Source,
    shared: &'static Source,
    data_id: FileId,
    data: Bytes,
    /// Further files the caller read for the template (images).
    files: Vec<(FileId, Bytes)>,
}

fn file_id(path: &str) -> FileId {
    // Both paths are constants of this crate, so they are valid.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("{path} is a valid virtual path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl DocWorld {
    pub fn new(template: &str, data: Vec<u8>, fonts: &'static Fonts) -> Self {
        // Built once, on the first document: the same standard library
        // for every document also lets Typst reuse what it memoised.
        static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
        static SHARED_SOURCE: OnceLock<Source> = OnceLock::new();
        DocWorld {
            shared: SHARED_SOURCE.get_or_init(|| Source::new(file_id(SHARED_PATH), SHARED.to_owned())),
            library: LIBRARY.get_or_init(|| LazyHash::new(Library::builder().build())),
            fonts,
            main: Source::new(file_id("/main.typ"), template.to_owned()),
            data_id: file_id(DATA_PATH),
            data: Bytes::new(data),
            files: Vec::new(),
        }
    }

    /// The world with `files` (paths of this crate's choosing) readable too.
    pub fn with_files(mut self, files: Vec<(&'static str, Vec<u8>)>) -> Self {
        self.files = files.into_iter().map(|(path, bytes)| (file_id(path), Bytes::new(bytes))).collect();
        self
    }
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.shared.id() {
            Ok(self.shared.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if let Some((_, bytes)) = self.files.iter().find(|(f, _)| *f == id) {
            Ok(bytes.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        let today = match offset {
            None => Local::now().date_naive(),
            Some(o) => (chrono::Utc::now() + chrono::Duration::seconds(o.seconds() as i64)).date_naive(),
        };
        Datetime::from_ymd(today.year(), today.month().try_into().ok()?, today.day().try_into().ok()?)
    }
}
