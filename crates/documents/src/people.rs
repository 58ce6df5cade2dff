//! The documents made of the visit's people: folded name cards for the
//! table, and badges, many to a sheet with cut marks. Both sides, in
//! precedence order (hosts first, as the visit lists them).

use liaison_core::i18n::{tr, Lang};
use liaison_core::model::{ParticipantView, Role, Side, VisitDetail};
use liaison_core::names::Names;
use serde::Serialize;

use crate::{job, DocError, DocLang, Job, Setting};

const CARDS: &str = include_str!("../templates/cards.typ");
const BADGES: &str = include_str!("../templates/badges.typ");

/// A person as a card or badge shows them: the name in the document's
/// first language large, the other form beneath.
#[derive(Serialize)]
struct Person {
    first: String,
    second: String,
    title: String,
    organisation: String,
    role: Vec<String>,
    /// The badge's band: by side, darker for the principals.
    colour: &'static str,
}

#[derive(Serialize)]
struct People {
    #[serde(flatten)]
    setting: Setting,
    visit: String,
    people: Vec<Person>,
}

fn person(lang: DocLang, p: &ParticipantView) -> Person {
    let names = Names::new(&p.name, &p.chinese_name, &p.native_name);
    let first = names.first(lang.first()).to_owned();
    let second = names.beside(lang.first()).unwrap_or_default().to_owned();
    let organisation = p
        .organisation_names
        .as_ref()
        .map(|o| match lang {
            DocLang::En => o.short(Lang::En).to_owned(),
            DocLang::Zh => o.short(Lang::ZhCn).to_owned(),
            DocLang::Both => {
                let (zh, en) = (o.short(Lang::ZhCn), o.short(Lang::En));
                if zh == en {
                    zh.to_owned()
                } else {
                    format!("{zh} · {en}")
                }
            }
        })
        .or_else(|| p.organisation.clone())
        .unwrap_or_default();
    let principal = matches!(p.role, Role::HeadOfDelegation | Role::Host);
    let colour = match (p.side, principal) {
        (Side::Host, true) => "#8a1c1c",
        (Side::Host, false) => "#c0504d",
        (Side::Guest, true) => "#1f3f77",
        (Side::Guest, false) => "#4f81bd",
    };
    Person {
        first,
        second,
        title: p.title.clone(),
        organisation,
        role: crate::both(lang, |l| tr(l, &p.role.label_id(), &[])),
        colour,
    }
}

fn people(detail: &VisitDetail, lang: DocLang) -> People {
    People {
        setting: Setting::new(lang),
        visit: detail.visit.title.clone(),
        people: detail.participants.iter().map(|p| person(lang, p)).collect(),
    }
}

/// Folded table tents, one per person: the name on both faces, the back
/// face printed upside down so that both read upright once folded.
pub fn cards(detail: &VisitDetail, lang: DocLang) -> Result<Job, DocError> {
    job(CARDS, &people(detail, lang))
}

/// Badges, eight to an A4 sheet, with cut marks.
pub fn badges(detail: &VisitDetail, lang: DocLang) -> Result<Job, DocError> {
    job(BADGES, &people(detail, lang))
}
