//! The system's fonts, found once, when the first document is asked for:
//! nothing is scanned or loaded while the window merely runs.

use std::sync::OnceLock;

use typst::text::{Coverage, Font, FontBook};
use typst::utils::LazyHash;
use typst_kit::fonts::FontStore;
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
            for (path, info) in typst_kit::fonts::system() {
                coverage.push(info.coverage.clone());
                store.push((path, info));
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

/// Characters that shape text without being drawn (joiners, marks of
/// direction, variation selectors): no font needs a glyph for them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
        || ('\u{E0100}'..='\u{E01EF}').contains(&c)
}
