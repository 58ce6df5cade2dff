//! What Typst sees while it typesets one document: the template and the
//! shared pieces it may import as its only sources, the document's data as
//! one JSON file, the images the job carries, the system's fonts, and
//! nothing else. No package, no file of this machine, no network.

use std::sync::OnceLock;

use chrono::{Datelike, Local};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use liaison_documents::{Job, DATA_PATH};

use crate::fonts::Fonts;

pub struct DocWorld {
    library: &'static LazyHash<Library>,
    fonts: &'static Fonts,
    main: Source,
    /// The pieces the template may import.
    sources: Vec<Source>,
    data_id: FileId,
    data: Bytes,
    /// Further files the job carries (images).
    files: Vec<(FileId, Bytes)>,
}

/// The id of `path` in the document; a path that is not a valid one (a
/// job names its own, so this is a fault of the job) is none, and Typst
/// is then told the file is not there.
fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl DocWorld {
    pub fn new(job: &Job, data: Vec<u8>, fonts: &'static Fonts) -> Self {
        // Built once, on the first document: the same standard library
        // for every document also lets Typst reuse what it memoised.
        static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
        let main_id = file_id("/main.typ").unwrap_or_else(|| unreachable!("/main.typ is a valid path"));
        let data_id = file_id(DATA_PATH).unwrap_or_else(|| unreachable!("{DATA_PATH} is a valid path"));
        DocWorld {
            library: LIBRARY.get_or_init(|| LazyHash::new(Library::builder().build())),
            fonts,
            main: Source::new(main_id, job.template.clone()),
            sources: job
                .sources
                .iter()
                .filter_map(|(path, text)| Some(Source::new(file_id(path)?, text.clone())))
                .collect(),
            data_id,
            data: Bytes::new(data),
            files: job
                .files
                .iter()
                .filter_map(|(path, bytes)| Some((file_id(path)?, Bytes::new(bytes.clone()))))
                .collect(),
        }
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
        } else if let Some(source) = self.sources.iter().find(|s| s.id() == id) {
            Ok(source.clone())
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
