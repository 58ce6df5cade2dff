//! The documents a protocol office hands out, typeset from what Liaison
//! knows: the briefing pack, the programme (the agenda alone, one page per
//! day), folded name cards for the table, and badges.
//!
//! Typst is embedded as a library. Each document is a template of this
//! crate and the document's data as JSON, which the template reads with
//! `json()`: what a coordinator typed reaches Typst as strings, shown as
//! text, never read as Typst markup. Fonts come from the system, found on
//! the first document (see [`fonts`]); text that no installed font has is
//! refused, naming its script.

mod briefing;
mod fonts;
mod letters;
mod people;
mod programme;
mod seating;
mod world;

use std::panic::{catch_unwind, AssertUnwindSafe};

use liaison_core::i18n::{t, Lang};
use serde::Serialize;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

pub use briefing::briefing;
pub use letters::{letters, LetterKind, LetterRequest, TemplateFile};
pub use people::{badges, cards};
pub use programme::programme;
pub use seating::seating;

/// The documents Liaison typesets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DocKind {
    /// What a leader reads before the visit: purpose, programme, people,
    /// history and logistics.
    Briefing,
    /// The agenda alone, one page per day.
    Programme,
    /// The meeting table and the banquet's tables, drawn.
    Seating,
    /// Folded table tents, one per person.
    Cards,
    /// Badges, eight to a sheet with cut marks.
    Badges,
    /// A letter from a template (which letter: [`DocOptions::letter`]).
    Letter,
}

impl DocKind {
    pub const ALL: [DocKind; 6] =
        [DocKind::Briefing, DocKind::Programme, DocKind::Seating, DocKind::Cards, DocKind::Badges, DocKind::Letter];

    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Briefing => "briefing",
            DocKind::Programme => "programme",
            DocKind::Seating => "seating",
            DocKind::Cards => "cards",
            DocKind::Badges => "badges",
            DocKind::Letter => "letter",
        }
    }
}

/// How a document is made beyond its kind.
#[derive(Debug, Clone, Default)]
pub struct DocOptions {
    pub lang: DocLang,
    /// The zone of whoever reads the document (the office's), whose times a
    /// briefing pack prints beside the visit's where they differ.
    pub reader: Option<chrono_tz::Tz>,
    /// For [`DocKind::Letter`]: which letter, from which template, to whom.
    pub letter: Option<LetterRequest>,
}

/// `kind` for `source`'s visit.
pub fn document(
    kind: DocKind,
    source: &liaison_core::briefing::Briefing,
    options: &DocOptions,
) -> Result<Typeset, DocError> {
    let (detail, lang) = (&source.detail, options.lang);
    match kind {
        DocKind::Briefing => briefing(source, lang, options.reader),
        DocKind::Programme => programme(detail, lang),
        DocKind::Seating => seating(source, lang),
        DocKind::Cards => cards(detail, lang),
        DocKind::Badges => badges(detail, lang),
        DocKind::Letter => {
            let invitation =
                LetterRequest { kind: LetterKind::Invitation, template: None, person: None, visas: Vec::new() };
            letters(source, lang, options.letter.as_ref().unwrap_or(&invitation))
        }
    }
}

/// The language of a document: either, or both side by side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DocLang {
    Zh,
    En,
    #[default]
    Both,
}

impl DocLang {
    pub const ALL: [DocLang; 3] = [DocLang::Zh, DocLang::En, DocLang::Both];

    pub fn as_str(self) -> &'static str {
        match self {
            DocLang::Zh => "zh",
            DocLang::En => "en",
            DocLang::Both => "both",
        }
    }

    /// The languages printed, the first the larger. A Chinese office's
    /// bilingual papers put Chinese first.
    pub(crate) fn langs(self) -> &'static [Lang] {
        match self {
            DocLang::Zh => &[Lang::ZhCn],
            DocLang::En => &[Lang::En],
            DocLang::Both => &[Lang::ZhCn, Lang::En],
        }
    }

    /// The language whose name forms come first.
    pub(crate) fn first(self) -> Lang {
        self.langs()[0]
    }

    /// Typst's language of the text (line breaking, punctuation).
    pub(crate) fn text_lang(self) -> &'static str {
        match self {
            DocLang::En => "en",
            DocLang::Zh | DocLang::Both => "zh",
        }
    }
}

impl std::str::FromStr for DocLang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        DocLang::ALL.into_iter().find(|l| l.as_str() == s).ok_or_else(|| format!("'{s}' is not zh, en or both"))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// No installed font has this character.
    #[error("{}", self.message(liaison_core::i18n::current()))]
    NoFont { script: String, character: char },
    /// Typst refused the template (a template error: ours, or an office's).
    #[error("{}", self.message(liaison_core::i18n::current()))]
    Typeset { message: String },
    /// A letter template that cannot be used; line 0 for the whole file.
    #[error("{}", self.message(liaison_core::i18n::current()))]
    Template { file: String, line: usize, column: usize, problem: TemplateProblem },
    /// A placeholder the letter uses that has no value for its recipient.
    #[error("{}", self.message(liaison_core::i18n::current()))]
    MissingValue { name: String, recipient: String, file: String, line: usize, column: usize },
    /// A letter to someone who is not on the visit.
    #[error("{}", self.message(liaison_core::i18n::current()))]
    NotOnVisit { id: uuid::Uuid },
    /// A visa letter for someone whose visa details are not kept.
    #[error("{}", self.message(liaison_core::i18n::current()))]
    NoVisaDetails { name: String },
    /// Nobody to write this letter to (no guest; nobody needing a visa).
    #[error("{}", self.message(liaison_core::i18n::current()))]
    NoRecipient { kind: String },
}

/// What is wrong with a letter template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateProblem {
    Unreadable { detail: String },
    TooLarge { kb: usize },
    NotUtf8,
    NotSetting,
    UnknownSetting { key: String },
    SettingTwice { key: String },
    NoDivider,
    Unclosed,
    StrayBrace,
    Kind { value: String },
    Lang { value: String },
    UnknownPlaceholder { name: String },
    ImageKind { setting: String, value: String },
    ImageLarge { setting: String, value: String },
    ImageUnreadable { setting: String, value: String, detail: String },
}

impl TemplateProblem {
    fn message(&self, lang: Lang) -> String {
        use TemplateProblem::*;
        match self {
            Unreadable { detail } => t!(lang, "doc-template-unreadable", detail = detail.as_str()),
            TooLarge { kb } => t!(lang, "doc-template-too-large", kb = *kb),
            NotUtf8 => t!(lang, "doc-template-not-utf8"),
            NotSetting => t!(lang, "doc-template-not-setting"),
            UnknownSetting { key } => t!(lang, "doc-template-unknown-setting", key = key.as_str()),
            SettingTwice { key } => t!(lang, "doc-template-setting-twice", key = key.as_str()),
            NoDivider => t!(lang, "doc-template-no-divider"),
            Unclosed => t!(lang, "doc-template-unclosed"),
            StrayBrace => t!(lang, "doc-template-stray-brace"),
            Kind { value } => t!(lang, "doc-template-kind", value = value.as_str()),
            Lang { value } => t!(lang, "doc-template-lang", value = value.as_str()),
            UnknownPlaceholder { name } => t!(lang, "doc-template-unknown-placeholder", name = name.as_str()),
            ImageKind { setting, value } => {
                t!(lang, "doc-template-image-kind", setting = setting.as_str(), value = value.as_str())
            }
            ImageLarge { setting, value } => {
                t!(lang, "doc-template-image-large", setting = setting.as_str(), value = value.as_str())
            }
            ImageUnreadable { setting, value, detail } => t!(
                lang,
                "doc-template-image-unreadable",
                setting = setting.as_str(),
                value = value.as_str(),
                detail = detail.as_str()
            ),
        }
    }
}

impl DocError {
    /// The error in `lang` (the window's, which may not be the process's).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DocError::NoFont { script, character } => {
                t!(lang, "doc-error-no-font", script = script.as_str(), character = character.to_string())
            }
            DocError::Typeset { message } => t!(lang, "doc-error-typeset", message = message.as_str()),
            DocError::Template { file, line, column, problem } => {
                let problem = problem.message(lang);
                if *line == 0 {
                    t!(lang, "doc-error-template", file = file.as_str(), problem = problem)
                } else {
                    t!(
                        lang,
                        "doc-error-template-at",
                        file = file.as_str(),
                        line = *line,
                        column = *column,
                        problem = problem
                    )
                }
            }
            DocError::MissingValue { name, recipient, file, line: 0, .. } => {
                t!(
                    lang,
                    "doc-error-missing-setting",
                    name = name.as_str(),
                    recipient = recipient.as_str(),
                    file = file.as_str()
                )
            }
            DocError::MissingValue { name, recipient, file, line, column } => t!(
                lang,
                "doc-error-missing-value",
                name = name.as_str(),
                recipient = recipient.as_str(),
                file = file.as_str(),
                line = *line,
                column = *column
            ),
            DocError::NotOnVisit { id } => t!(lang, "doc-error-not-on-visit", id = id.to_string()),
            DocError::NoVisaDetails { name } => t!(lang, "doc-error-no-visa-details", name = name.as_str()),
            DocError::NoRecipient { kind } => t!(lang, "doc-error-no-recipient", kind = kind.as_str()),
        }
    }
}

/// The message of each of Typst's errors, in one line each.
fn messages(diags: &[typst::diag::SourceDiagnostic]) -> String {
    diags.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("; ")
}

/// Every string in `value`: what the fonts must be able to show.
fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// A document typeset: its pages, to print (PDF) or to preview (SVG).
pub struct Typeset {
    document: PagedDocument,
}

impl std::fmt::Debug for Typeset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Typeset({} pages)", self.document.pages().len())
    }
}

/// Runs part of Typst, which is not ours: whatever a template or its data
/// makes it do, a panic inside it is a refused document, not a crashed app.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, DocError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(message)) => Err(DocError::Typeset { message }),
        Err(_) => Err(DocError::Typeset { message: "the typesetter stopped unexpectedly".into() }),
    }
}

impl Typeset {
    pub fn pages(&self) -> usize {
        self.document.pages().len()
    }

    /// The PDF: text as text, fonts embedded and subset, no date in it (the
    /// same document makes the same file).
    pub fn pdf(&self) -> Result<Vec<u8>, DocError> {
        guarded(|| {
            let options = PdfOptions { creator: Smart::Custom(Some("Liaison".into())), ..PdfOptions::default() };
            typst_pdf::pdf(&self.document, &options).map_err(|e| messages(&e[..]))
        })
    }

    /// Each page as an SVG image, for the window's preview: the pages
    /// exactly as they will print.
    pub fn svg_pages(&self) -> Result<Vec<String>, DocError> {
        guarded(|| Ok(self.document.pages().iter().map(|p| typst_svg::svg(p, &Default::default())).collect()))
    }
}

/// `template` typeset with `data`.
pub(crate) fn typeset(template: &str, data: &impl Serialize) -> Result<Typeset, DocError> {
    typeset_with(template, data, Vec::new())
}

/// The same, with `files` (path in the document, bytes) the template may
/// read besides its data: a letter's letterhead, signature and seal.
pub(crate) fn typeset_with(
    template: &str,
    data: &impl Serialize,
    files: Vec<(&'static str, Vec<u8>)>,
) -> Result<Typeset, DocError> {
    let value = serde_json::to_value(data).map_err(|e| DocError::Typeset { message: e.to_string() })?;
    let fonts = fonts::Fonts::system();
    let mut texts = Vec::new();
    strings(&value, &mut texts);
    fonts.check(texts)?;
    let json = serde_json::to_vec(&value).map_err(|e| DocError::Typeset { message: e.to_string() })?;
    let world = world::DocWorld::new(template, json, fonts).with_files(files);
    let document = guarded(|| typst::compile::<PagedDocument>(&world).output.map_err(|e| messages(&e[..])));
    // Typst memoises across compilations; keep what the next document may
    // reuse (the fonts' shaping, the template's parse), drop the rest.
    typst::comemo::evict(10);
    Ok(Typeset { document: document? })
}

/// What every template reads besides its document: the language of the
/// text, the colon after a label (full-width in Chinese), and the fonts.
#[derive(Serialize)]
pub(crate) struct Setting {
    lang: &'static str,
    colon: &'static str,
    serif: &'static [&'static str],
    sans: &'static [&'static str],
}

impl Setting {
    pub(crate) fn new(lang: DocLang) -> Self {
        Setting {
            lang: lang.text_lang(),
            colon: if lang == DocLang::Zh { "：" } else { ": " },
            serif: fonts::SERIF,
            sans: fonts::SANS,
        }
    }
}

/// Each language's wording of a message, in the document's order.
pub(crate) fn both(lang: DocLang, f: impl Fn(Lang) -> String) -> Vec<String> {
    lang.langs().iter().map(|l| f(*l)).collect()
}
