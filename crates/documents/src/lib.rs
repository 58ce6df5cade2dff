//! The documents a protocol office hands out, made from what Liaison
//! knows: the briefing pack, the programme (the agenda alone, one page per
//! day), the seating plan, folded name cards for the table, badges, and
//! letters from templates.
//!
//! This crate shapes each document's data for its Typst template (a
//! [`Job`]) and checks what an office's letter template asks for; the
//! typesetting is done by a process of its own, `liaison-typeset`
//! (crates/typeset), through [`Typesetter`]: so Liaison's own binary
//! carries no Typst. A template reads its data with `json()`: what a
//! coordinator typed reaches Typst as strings, shown as text, never read
//! as Typst markup.

mod briefing;
mod letters;
mod people;
mod programme;
mod seating;
pub mod typesetter;

use liaison_core::i18n::{t, Lang};
use serde::{Deserialize, Serialize};

pub use briefing::briefing;
pub use letters::{letters, LetterKind, LetterRequest, TemplateFile};
pub use people::{badges, cards};
pub use programme::programme;
pub use seating::seating;
pub use typesetter::{Mark, Pdf, Typesetter};

/// The families the templates ask for. Noto CJK carries Latin, Greek and
/// Cyrillic as well as Chinese; DejaVu covers what else a European name
/// may hold. Typst falls back to any other installed font that has a
/// character; the typesetter makes sure one does.
pub const SERIF: &[&str] = &["Noto Serif CJK SC", "DejaVu Serif"];
pub const SANS: &[&str] = &["Noto Sans CJK SC", "DejaVu Sans"];

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

/// What to typeset for `kind` of `source`'s visit: the data shaped for the
/// template, every placeholder of a letter checked. Hand it to a
/// [`Typesetter`] for the pages.
pub fn document(
    kind: DocKind,
    source: &liaison_core::briefing::Briefing,
    options: &DocOptions,
) -> Result<Job, DocError> {
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

#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
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
    /// The typesetter (a program of its own, beside Liaison's) could not
    /// be started.
    #[error("{}", self.message(liaison_core::i18n::current()))]
    TypesetterMissing { program: String, detail: String },
    /// The typesetter stopped while it worked on the document.
    #[error("{}", self.message(liaison_core::i18n::current()))]
    TypesetterStopped { detail: String },
}

/// What is wrong with a letter template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
            DocError::TypesetterMissing { program, detail } => {
                t!(lang, "doc-error-typesetter-missing", program = program.as_str(), detail = detail.as_str())
            }
            DocError::TypesetterStopped { detail } => {
                t!(lang, "doc-error-typesetter-stopped", detail = detail.as_str())
            }
        }
    }
}

/// What the typesetter is given for one document: a template of this
/// crate, the shared pieces it may import, its data, and any images a
/// letter template names. Made here, with no Typst in this process; the
/// typesetter ([`Typesetter`]) runs in a process of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// The template's Typst source; `/main.typ` to Typst.
    pub template: String,
    /// Typst sources the template may import, by their path (`/liaison.typ`).
    pub sources: Vec<(String, String)>,
    /// What the template reads with `json("/data.json")`.
    pub data: serde_json::Value,
    /// Further files (path, bytes): a letter's letterhead, signature, seal.
    #[serde(skip)]
    pub files: Vec<(String, Vec<u8>)>,
}

/// The path the templates read their data from.
pub const DATA_PATH: &str = "/data.json";

/// Shared pieces of layout, which any template may import.
const SHARED: &str = include_str!("../templates/liaison.typ");
const SHARED_PATH: &str = "/liaison.typ";

/// `template` to be typeset with `data`.
pub(crate) fn job(template: &str, data: &impl Serialize) -> Result<Job, DocError> {
    job_with(template, data, Vec::new())
}

/// The same, with `files` (path in the document, bytes) the template may
/// read besides its data.
pub(crate) fn job_with(
    template: &str,
    data: &impl Serialize,
    files: Vec<(&'static str, Vec<u8>)>,
) -> Result<Job, DocError> {
    let data = serde_json::to_value(data).map_err(|e| DocError::Typeset { message: e.to_string() })?;
    Ok(Job {
        template: template.to_owned(),
        sources: vec![(SHARED_PATH.to_owned(), SHARED.to_owned())],
        data,
        files: files.into_iter().map(|(path, bytes)| (path.to_owned(), bytes)).collect(),
    })
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
            serif: SERIF,
            sans: SANS,
        }
    }
}

/// Each language's wording of a message, in the document's order.
pub(crate) fn both(lang: DocLang, f: impl Fn(Lang) -> String) -> Vec<String> {
    lang.langs().iter().map(|l| f(*l)).collect()
}
