//! The system's fonts, found once, when the first document is asked for:
//! nothing is scanned or loaded while the window merely runs.
//!
//! A font file is mapped, not read: the pages of it that a document's
//! glyphs touch are the only ones in memory, they are the kernel's to drop
//! and read again, and they are shared with every other process that has
//! the file open (the window's web process has the same CJK fonts mapped).
//! Read into memory instead, a Chinese document cost the typesetter the
//! whole of each CJK file it used (about 20 MB each) for as long as it ran,
//! once per face of a collection that it used (issue 15,
//! `scripts/bench-app workload`).

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock, PoisonError};

use typst::foundations::Bytes;
use typst::text::{Coverage, Font, FontBook};
use typst::utils::LazyHash;
use typst_kit::fonts::{FontSource, FontStore};
use unicode_script::UnicodeScript;

use liaison_documents::DocError;

pub struct Fonts {
    store: FontStore,
    coverage: Vec<Coverage>,
}

static FONTS: OnceLock<Fonts> = OnceLock::new();

impl Fonts {
    /// The fonts installed on this machine (scanned on the first call).
    pub fn system() -> &'static Fonts {
        FONTS.get_or_init(|| {
            let mut store = FontStore::new();
            let mut coverage = Vec::new();
            for (found, info) in typst_kit::fonts::system() {
                coverage.push(info.coverage.clone());
                store.push((Mapped { path: found.path, index: found.index }, info));
            }
            Fonts { store, coverage }
        })
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }

    /// Refuses text that no installed font can show, naming its script: a
    /// document with empty boxes where a name should be must not be printed.
    pub fn check<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Result<(), DocError> {
        for text in texts {
            for c in text.chars() {
                if c.is_whitespace() || c.is_control() || is_invisible(c) {
                    continue;
                }
                if !self.coverage.iter().any(|cov| cov.contains(c as u32)) {
                    return Err(DocError::NoFont { script: c.script().full_name().replace('_', " "), character: c });
                }
            }
        }
        Ok(())
    }
}

/// One face of a font file, loaded when a document first uses it.
struct Mapped {
    path: PathBuf,
    /// The face's index in a collection (.ttc), 0 in a single font.
    index: u32,
}

impl FontSource for Mapped {
    fn load(&self) -> Option<Font> {
        Font::new(mapped(&self.path)?, self.index)
    }
}

/// A font file's mapping, as Typst's bytes hold it.
struct Map(Arc<memmap2::Mmap>);

impl AsRef<[u8]> for Map {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// A font file mapped: the mapping, to let its pages go, and the bytes
/// Typst reads it through.
struct MappedFile {
    map: Arc<memmap2::Mmap>,
    bytes: Bytes,
}

/// Every font file mapped so far, by path: the faces of one collection (a
/// CJK .ttc has five) share its mapping.
static FILES: LazyLock<Mutex<HashMap<PathBuf, MappedFile>>> = LazyLock::new(Mutex::default);

/// The bytes of the font file at `path`, mapped on first use.
fn mapped(path: &Path) -> Option<Bytes> {
    let mut files = FILES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(file) = files.get(path) {
        return Some(file.bytes.clone());
    }
    let file = File::open(path).ok()?;
    // SAFETY: the mapping is read-only and lives as long as the bytes that
    // hold it. Were the file cut short in place while mapped, reading past
    // its new end would stop this process with SIGBUS; it is the
    // typesetter's own process, so the window sees a document refused and
    // the next document starts another typesetter (package managers replace
    // a font by renaming a new file over it, which leaves this mapping whole).
    let map = Arc::new(unsafe { memmap2::Mmap::map(&file) }.ok()?);
    let bytes = Bytes::new(Map(map.clone()));
    files.insert(path.to_owned(), MappedFile { map, bytes: bytes.clone() });
    Some(bytes)
}

/// Lets go of the font files' pages that the last document touched, while
/// keeping the files mapped: they stay in the system's file cache, and the
/// next document faults back in the ones it uses. Typst reads a whole font
/// file once, to hash it, so without this every CJK file a document used
/// stayed wholly in this process's memory (about 20 MB each).
pub fn let_go() {
    let files = FILES.lock().unwrap_or_else(PoisonError::into_inner);
    for MappedFile { map, .. } in files.values() {
        // SAFETY: DONTNEED discards a private mapping's own changes, which
        // a read-only mapping cannot have: the pages read the file again.
        // A failure only leaves the pages where they were.
        let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
    }
}

/// Characters that shape text without being drawn (joiners, marks of
/// direction, variation selectors): no font needs a glyph for them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
        || ('\u{E0100}'..='\u{E01EF}').contains(&c)
}
