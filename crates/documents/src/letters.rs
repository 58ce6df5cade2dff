//! Letters from templates an office can edit: an invitation, a visa
//! invitation and a thank-you letter.
//!
//! A template is a text file: settings first (`key: value`, one a line:
//! the letter's kind and language, a title, the letterhead, signature and
//! seal images, the signatory and the inviting institution's details), then a
//! line `---`, then the letter with named placeholders in braces:
//! `{passport_name}`. `{{` and `}}` stand for braces themselves. The
//! letter is plain text: a blank line starts a paragraph, and nothing in
//! it is read as markup.
//!
//! Placeholders are checked before anything is typeset: one this kind of
//! letter does not know is refused with its line and column, and one
//! without a value for a recipient is refused naming both; a letter is
//! never sent with a blank where a passport number should be.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use liaison_core::briefing::Briefing;
use liaison_core::i18n::{t, tr, Lang};
use liaison_core::model::{ParticipantView, Side};
use liaison_core::names::Names;
use liaison_core::visa::VisaDetails;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::programme::{org_name, visit_dates};
use crate::{job_with, DocError, DocLang, Job, TemplateProblem};

const TEMPLATE: &str = include_str!("../templates/letter.typ");

/// The letters Liaison writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LetterKind {
    /// To the guest delegation's head, inviting the delegation.
    Invitation,
    /// For each traveller who needs a visa, to show the consulate.
    Visa,
    /// To the guest delegation's head, after the visit.
    Thanks,
}

impl LetterKind {
    pub const ALL: [LetterKind; 3] = [LetterKind::Invitation, LetterKind::Visa, LetterKind::Thanks];

    pub fn as_str(self) -> &'static str {
        match self {
            LetterKind::Invitation => "invitation",
            LetterKind::Visa => "visa",
            LetterKind::Thanks => "thanks",
        }
    }

    /// Liaison's own template of this letter in `lang`, a starting point
    /// for an office's (`liaison doc letter --print-template`).
    pub fn builtin(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (LetterKind::Invitation, Lang::ZhCn) => include_str!("../templates/letters/invitation.zh.txt"),
            (LetterKind::Invitation, Lang::En) => include_str!("../templates/letters/invitation.en.txt"),
            (LetterKind::Visa, Lang::ZhCn) => include_str!("../templates/letters/visa.zh.txt"),
            (LetterKind::Visa, Lang::En) => include_str!("../templates/letters/visa.en.txt"),
            (LetterKind::Thanks, Lang::ZhCn) => include_str!("../templates/letters/thanks.zh.txt"),
            (LetterKind::Thanks, Lang::En) => include_str!("../templates/letters/thanks.en.txt"),
        }
    }
}

impl std::str::FromStr for LetterKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        LetterKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("'{s}' is not invitation, visa or thanks"))
    }
}

/// An office's template, as read from its file.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub text: String,
    /// The folder its images are named from.
    pub dir: PathBuf,
    /// Its name, for messages.
    pub name: String,
}

impl TemplateFile {
    /// Reads `path`: UTF-8 text, at most 256 KB.
    pub fn read(path: &Path) -> Result<TemplateFile, DocError> {
        let name = path.display().to_string();
        let refused = |problem| DocError::Template { file: name.clone(), line: 0, column: 0, problem };
        let bytes = std::fs::read(path).map_err(|e| refused(TemplateProblem::Unreadable { detail: e.to_string() }))?;
        if bytes.len() > MAX_TEMPLATE {
            return Err(refused(TemplateProblem::TooLarge { kb: MAX_TEMPLATE / 1024 }));
        }
        let text = String::from_utf8(bytes).map_err(|_| refused(TemplateProblem::NotUtf8))?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(TemplateFile { text, dir, name })
    }
}

const MAX_TEMPLATE: usize = 256 * 1024;
/// An image larger than this is not a letterhead.
const MAX_IMAGE: u64 = 8 * 1024 * 1024;

/// Which letter, from which template, to whom.
#[derive(Debug, Clone)]
pub struct LetterRequest {
    pub kind: LetterKind,
    /// None: Liaison's own, in the document's language (both: Chinese,
    /// then English).
    pub template: Option<TemplateFile>,
    /// One recipient; by default the guest delegation's head, or for visa
    /// letters everyone with visa details.
    pub person: Option<Uuid>,
    /// The visit's visa details (for visa letters; otherwise unused).
    pub visas: Vec<VisaDetails>,
}

/// The settings a template may give, each also a placeholder.
const SETTINGS: [&str; 11] = [
    "kind",
    "lang",
    "title",
    "letterhead",
    "signature",
    "seal",
    "signatory",
    "signatory_title",
    "inviter",
    "inviter_address",
    "inviter_phone",
];

/// Placeholders every letter knows (besides the settings).
const COMMON: [&str; 14] = [
    "today",
    "visit_title",
    "visit_dates",
    "venue",
    "places",
    "purpose",
    "topics",
    "host",
    "guest",
    "recipient_name",
    "recipient_title",
    "recipient_organisation",
    "head_of_delegation",
    "delegation",
];

/// Those only a visa letter knows.
const VISA: [&str; 8] = [
    "passport_name",
    "gender",
    "nationality",
    "date_of_birth",
    "passport_number",
    "passport_expiry",
    "relationship",
    "expenses",
];

fn known(kind: LetterKind) -> Vec<&'static str> {
    let mut all: Vec<&str> = SETTINGS.iter().chain(COMMON.iter()).copied().collect();
    if kind == LetterKind::Visa {
        all.extend(VISA);
    }
    all
}

/// A template read: its settings, and the letter as text and placeholders.
#[derive(Debug)]
struct Parsed {
    settings: BTreeMap<String, String>,
    body: Vec<Piece>,
    file: String,
}

#[derive(Debug)]
enum Piece {
    Text(String),
    Placeholder { name: String, line: usize, column: usize },
}

fn parse(text: &str, file: &str) -> Result<Parsed, DocError> {
    let refused = |line: usize, column: usize, problem: TemplateProblem| DocError::Template {
        file: file.to_owned(),
        line,
        column,
        problem,
    };
    let mut settings = BTreeMap::new();
    let mut lines = text.lines().enumerate();
    let mut divided = false;
    for (i, l) in lines.by_ref() {
        let n = i + 1;
        let l = l.trim_end_matches('\r');
        if l.trim() == "---" {
            divided = true;
            break;
        }
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = l.split_once(':') else {
            return Err(refused(n, 1, TemplateProblem::NotSetting));
        };
        let key = key.trim();
        if !SETTINGS.contains(&key) {
            return Err(refused(n, 1, TemplateProblem::UnknownSetting { key: key.to_owned() }));
        }
        if settings.insert(key.to_owned(), value.trim().to_owned()).is_some() {
            return Err(refused(n, 1, TemplateProblem::SettingTwice { key: key.to_owned() }));
        }
    }
    if !divided {
        return Err(refused(text.lines().count().max(1), 1, TemplateProblem::NoDivider));
    }
    let mut body = Vec::new();
    let mut text_run = String::new();
    for (i, l) in lines {
        let line = i + 1;
        let chars: Vec<char> = l.trim_end_matches('\r').chars().collect();
        let mut k = 0;
        while k < chars.len() {
            match (chars[k], chars.get(k + 1)) {
                ('{', Some('{')) | ('}', Some('}')) => {
                    text_run.push(chars[k]);
                    k += 2;
                }
                ('{', _) => {
                    let column = k + 1;
                    let Some(len) = chars[k + 1..].iter().position(|c| *c == '}') else {
                        return Err(refused(line, column, TemplateProblem::Unclosed));
                    };
                    let name: String = chars[k + 1..k + 1 + len].iter().collect();
                    let name = name.trim().to_owned();
                    if !body.is_empty() || !text_run.is_empty() {
                        body.push(Piece::Text(std::mem::take(&mut text_run)));
                    }
                    body.push(Piece::Placeholder { name, line, column });
                    k += len + 2;
                }
                ('}', _) => return Err(refused(line, k + 1, TemplateProblem::StrayBrace)),
                (c, _) => {
                    text_run.push(c);
                    k += 1;
                }
            }
        }
        text_run.push('\n');
    }
    body.push(Piece::Text(text_run));
    Ok(Parsed { settings, body, file: file.to_owned() })
}

impl Parsed {
    fn kind(&self) -> Result<LetterKind, DocError> {
        let value = self.settings.get("kind").map(String::as_str).unwrap_or("");
        value.parse().map_err(|_| DocError::Template {
            file: self.file.clone(),
            line: 0,
            column: 0,
            problem: TemplateProblem::Kind { value: value.to_owned() },
        })
    }

    fn lang(&self) -> Result<Lang, DocError> {
        match self.settings.get("lang").map(String::as_str).unwrap_or("en") {
            "zh" | "zh-CN" => Ok(Lang::ZhCn),
            "en" => Ok(Lang::En),
            other => Err(DocError::Template {
                file: self.file.clone(),
                line: 0,
                column: 0,
                problem: TemplateProblem::Lang { value: other.to_owned() },
            }),
        }
    }

    /// Every placeholder is one this kind of letter knows.
    fn check(&self, kind: LetterKind) -> Result<(), DocError> {
        let known = known(kind);
        for piece in &self.body {
            if let Piece::Placeholder { name, line, column } = piece {
                if !known.contains(&name.as_str()) {
                    return Err(DocError::Template {
                        file: self.file.clone(),
                        line: *line,
                        column: *column,
                        problem: TemplateProblem::UnknownPlaceholder { name: name.clone() },
                    });
                }
            }
        }
        Ok(())
    }

    /// The letter with `values` in its placeholders, as paragraphs of
    /// lines; a placeholder without a value is refused naming it.
    fn fill(&self, values: &BTreeMap<&'static str, String>, recipient: &str) -> Result<Vec<Vec<String>>, DocError> {
        let mut text = String::new();
        for piece in &self.body {
            match piece {
                Piece::Text(s) => text.push_str(s),
                Piece::Placeholder { name, line, column } => {
                    let value = values
                        .get(name.as_str())
                        .map(String::as_str)
                        .or_else(|| self.settings.get(name).map(String::as_str))
                        .unwrap_or("");
                    if value.trim().is_empty() {
                        return Err(DocError::MissingValue {
                            name: name.clone(),
                            recipient: recipient.to_owned(),
                            file: self.file.clone(),
                            line: *line,
                            column: *column,
                        });
                    }
                    text.push_str(value);
                }
            }
        }
        let mut paragraphs = Vec::new();
        let mut current: Vec<String> = Vec::new();
        for l in text.lines() {
            if l.trim().is_empty() {
                if !current.is_empty() {
                    paragraphs.push(std::mem::take(&mut current));
                }
            } else {
                current.push(l.trim_end().to_owned());
            }
        }
        if !current.is_empty() {
            paragraphs.push(current);
        }
        Ok(paragraphs)
    }
}

fn date_in(lang: Lang, d: NaiveDate) -> String {
    let month = tr(lang, crate::programme::MONTHS[d.month0() as usize], &[]);
    t!(lang, "doc-date", day = d.day(), month = month, year = d.year())
}

/// The values of one letter's placeholders for `to`.
fn values(
    b: &Briefing,
    lang: Lang,
    to: &ParticipantView,
    visa: Option<&VisaDetails>,
) -> BTreeMap<&'static str, String> {
    let d = &b.detail;
    let v = &d.visit;
    let doc_lang = if lang == Lang::ZhCn { DocLang::Zh } else { DocLang::En };
    // A letter names people once, in its own language's form.
    let name = |p: &ParticipantView| Names::new(&p.name, &p.chinese_name, &p.native_name).first(lang).to_owned();
    let guests: Vec<&ParticipantView> = d.participants.iter().filter(|p| p.side == Side::Guest).collect();
    let separator = if lang == Lang::ZhCn { "、" } else { ", " };
    // The places a consulate asks about are the venue's; an agenda's
    // locations are rooms. Without a venue, the agenda's, once each.
    let mut places: Vec<&str> = Vec::new();
    if v.venue.trim().is_empty() {
        for p in d.agenda.iter().map(|a| a.location.as_str()) {
            if !p.trim().is_empty() && !places.contains(&p) {
                places.push(p);
            }
        }
    } else {
        places.push(&v.venue);
    }
    let mut m: BTreeMap<&'static str, String> = BTreeMap::new();
    m.insert("today", date_in(lang, liaison_core::time::today()));
    m.insert("visit_title", v.title.clone());
    m.insert("visit_dates", visit_dates(lang, v));
    m.insert("venue", v.venue.clone());
    m.insert("places", places.join("; "));
    m.insert("purpose", v.purpose.clone());
    m.insert("topics", v.topics.join(separator));
    m.insert("host", d.host.as_ref().map(|o| org_name(doc_lang, o)).unwrap_or_default());
    m.insert("guest", d.guest.as_ref().map(|o| org_name(doc_lang, o)).unwrap_or_default());
    m.insert("inviter", d.host.as_ref().map(|o| org_name(doc_lang, o)).unwrap_or_default());
    m.insert("recipient_name", name(to));
    m.insert("recipient_title", to.title.clone());
    m.insert(
        "recipient_organisation",
        to.organisation_names.as_ref().map(|o| o.short(lang).to_owned()).unwrap_or_default(),
    );
    m.insert("head_of_delegation", guests.first().map(|p| name(p)).unwrap_or_default());
    m.insert("delegation", guests.iter().map(|p| name(p)).collect::<Vec<_>>().join(separator));
    if let Some(x) = visa {
        m.insert("passport_name", x.passport_name.clone());
        let gender = match x.gender.as_str() {
            "F" => "doc-gender-F",
            "M" => "doc-gender-M",
            _ => "doc-gender-X",
        };
        m.insert("gender", tr(lang, gender, &[]));
        m.insert("nationality", x.nationality.clone());
        m.insert("date_of_birth", date_in(lang, x.date_of_birth));
        m.insert("passport_number", x.passport_number.clone());
        m.insert("passport_expiry", x.passport_expiry.map(|e| date_in(lang, e)).unwrap_or_default());
        m.insert("relationship", x.relationship.clone());
        m.insert("expenses", x.expenses.clone());
    }
    m
}

#[derive(Serialize)]
struct Letters {
    serif: &'static [&'static str],
    sans: &'static [&'static str],
    visit: String,
    letters: Vec<Letter>,
}

#[derive(Serialize)]
struct Letter {
    lang: &'static str,
    letterhead: String,
    signature: String,
    seal: String,
    /// Printed centred above the letter ("邀请函"), when the template has one.
    title: String,
    signatory: String,
    signatory_title: String,
    paragraphs: Vec<Vec<String>>,
}

/// Reads an image a template names, relative to its folder: PNG, JPEG or
/// SVG, at most 8 MB.
fn image(dir: &Path, file: &str, setting: &str, value: &str) -> Result<(String, Vec<u8>), DocError> {
    let refused = |problem| DocError::Template { file: file.to_owned(), line: 0, column: 0, problem };
    let path = dir.join(value);
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if !["png", "jpg", "jpeg", "svg"].contains(&ext.as_str()) {
        return Err(refused(TemplateProblem::ImageKind { setting: setting.to_owned(), value: value.to_owned() }));
    }
    let unreadable = |e: std::io::Error| {
        refused(TemplateProblem::ImageUnreadable {
            setting: setting.to_owned(),
            value: value.to_owned(),
            detail: e.to_string(),
        })
    };
    let size = std::fs::metadata(&path).map_err(unreadable)?.len();
    if size > MAX_IMAGE {
        return Err(refused(TemplateProblem::ImageLarge { setting: setting.to_owned(), value: value.to_owned() }));
    }
    let bytes = std::fs::read(&path).map_err(unreadable)?;
    Ok((ext, bytes))
}

/// The letters of `request` for `b`'s visit, in `lang` (Liaison's own
/// templates) or in the office's template's language.
pub fn letters(b: &Briefing, lang: DocLang, request: &LetterRequest) -> Result<Job, DocError> {
    // The templates: the office's, or ours in each language asked for.
    let parsed: Vec<(Parsed, Lang, Option<&TemplateFile>)> = match &request.template {
        Some(file) => {
            let p = parse(&file.text, &file.name)?;
            let l = p.lang()?;
            vec![(p, l, Some(file))]
        }
        None => lang
            .langs()
            .iter()
            .map(|l| Ok((parse(request.kind.builtin(*l), request.kind.as_str())?, *l, None)))
            .collect::<Result<_, DocError>>()?,
    };
    let kind = match &request.template {
        Some(_) => parsed[0].0.kind()?,
        None => request.kind,
    };
    for (p, _, _) in &parsed {
        p.check(kind)?;
    }

    // To whom.
    let d = &b.detail;
    let recipients: Vec<(&ParticipantView, Option<&VisaDetails>)> = match (kind, request.person) {
        (_, Some(id)) => {
            let p = d.participants.iter().find(|p| p.person_id == id).ok_or(DocError::NotOnVisit { id })?;
            let visa = request.visas.iter().find(|v| v.person_id == id);
            if kind == LetterKind::Visa && visa.is_none() {
                return Err(DocError::NoVisaDetails { name: p.name.clone() });
            }
            vec![(p, visa)]
        }
        (LetterKind::Visa, None) => request
            .visas
            .iter()
            .filter_map(|v| d.participants.iter().find(|p| p.person_id == v.person_id).map(|p| (p, Some(v))))
            .collect(),
        (_, None) => d.participants.iter().filter(|p| p.side == Side::Guest).take(1).map(|p| (p, None)).collect(),
    };
    if recipients.is_empty() {
        return Err(DocError::NoRecipient { kind: kind.as_str().to_owned() });
    }

    let mut files: Vec<(&'static str, Vec<u8>)> = Vec::new();
    let mut letters = Vec::new();
    for (p, l, file) in &parsed {
        // Images, read once per template.
        let mut paths = [String::new(), String::new(), String::new()];
        for (k, setting) in ["letterhead", "signature", "seal"].into_iter().enumerate() {
            let Some(value) = p.settings.get(setting).filter(|v| !v.is_empty()) else { continue };
            let Some(file) = file else { continue };
            let (ext, bytes) = image(&file.dir, &file.name, setting, value)?;
            // Paths of this crate's choosing: the world serves nothing else.
            let path: &'static str = match (k, ext.as_str()) {
                (0, "svg") => "/letterhead.svg",
                (0, "png") => "/letterhead.png",
                (0, _) => "/letterhead.jpg",
                (1, "svg") => "/signature.svg",
                (1, "png") => "/signature.png",
                (1, _) => "/signature.jpg",
                (_, "svg") => "/seal.svg",
                (_, "png") => "/seal.png",
                _ => "/seal.jpg",
            };
            files.push((path, bytes));
            paths[k] = path.to_owned();
        }
        let [letterhead, signature, seal] = paths;
        // A consulate looks for who signs: a visa letter without a
        // signatory is not sent.
        if kind == LetterKind::Visa && p.settings.get("signatory").is_none_or(|s| s.trim().is_empty()) {
            let recipient = recipients.first().map(|(to, _)| to.name.clone()).unwrap_or_default();
            return Err(DocError::MissingValue {
                name: "signatory".into(),
                recipient,
                file: p.file.clone(),
                line: 0,
                column: 0,
            });
        }
        for (to, visa) in &recipients {
            let values = values(b, *l, to, *visa);
            let recipient = Names::new(&to.name, &to.chinese_name, &to.native_name).shown(*l);
            let paragraphs = p.fill(&values, &recipient)?;
            let setting = |key: &str| p.settings.get(key).cloned().unwrap_or_default();
            letters.push(Letter {
                lang: if *l == Lang::ZhCn { "zh" } else { "en" },
                letterhead: letterhead.clone(),
                signature: signature.clone(),
                seal: seal.clone(),
                title: setting("title"),
                signatory: setting("signatory"),
                signatory_title: setting("signatory_title"),
                paragraphs,
            });
        }
    }
    let data = Letters { serif: crate::SERIF, sans: crate::SANS, visit: d.visit.title.clone(), letters };
    job_with(TEMPLATE, &data, files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_read_with_their_place_and_braces_doubled_are_braces() {
        let p = parse("kind: visa\n# a comment\n---\nDear {recipient_name},\n{{not one}} {passport_number}\n", "t")
            .unwrap();
        let names: Vec<(&str, usize, usize)> = p
            .body
            .iter()
            .filter_map(|x| match x {
                Piece::Placeholder { name, line, column } => Some((name.as_str(), *line, *column)),
                Piece::Text(_) => None,
            })
            .collect();
        assert_eq!(names, [("recipient_name", 4, 6), ("passport_number", 5, 13)]);
        assert!(matches!(&p.body[2], Piece::Text(t) if t.contains("{not one} ")));
        assert_eq!(p.kind().unwrap(), LetterKind::Visa);
    }

    #[test]
    fn a_wrong_template_is_refused_at_its_line_and_column() {
        let at = |text: &str| match parse(text, "t").and_then(|p| p.kind().and_then(|k| p.check(k))) {
            Err(DocError::Template { line, column, .. }) => (line, column),
            other => panic!("{other:?}"),
        };
        assert_eq!(at("kind: visa\nDear {x}\n"), (2, 1), "a line that is not a setting");
        assert_eq!(at("kind: visa\n---\nDear {recipient_name"), (3, 6), "not closed");
        assert_eq!(at("kind: visa\n---\nDear } there"), (3, 6), "a stray brace");
        assert_eq!(at("kind: visa\n---\nOK\nDear {pasport_number}"), (4, 6), "a misspelt placeholder");
        assert_eq!(at("kind: thanks\n---\n{passport_number}"), (3, 1), "a visa placeholder in a thank-you letter");
        assert_eq!(at("kind: visa\ncolour: red\n---\n"), (2, 1), "an unknown setting");
        assert_eq!(at("kind: visa\n"), (1, 1), "no divider");
    }

    #[test]
    fn every_builtin_template_knows_its_placeholders() {
        let mut checked = 0;
        for kind in LetterKind::ALL {
            for lang in [Lang::ZhCn, Lang::En] {
                let p = parse(kind.builtin(lang), kind.as_str()).unwrap();
                assert_eq!(p.kind().unwrap(), kind);
                assert_eq!(p.lang().unwrap(), lang);
                p.check(kind).unwrap();
                checked += 1;
            }
        }
        assert_eq!(checked, 6);
    }
}
