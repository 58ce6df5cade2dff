//! The programme: the visit's agenda alone, one page per day, in the
//! visit's own zone, for handing to both delegations.

use chrono::{Datelike, NaiveDate};
use liaison_core::i18n::{t, tr, zone_name, Lang};
use liaison_core::model::{AgendaItem, ParticipantView, VisitDetail};
use liaison_core::names::Names;
use serde::Serialize;
use uuid::Uuid;

use crate::{both, fonts, typeset, DocError, DocLang, Typeset};

const TEMPLATE: &str = include_str!("../templates/programme.typ");

const WEEKDAYS: [&str; 7] = [
    "doc-weekday-mon",
    "doc-weekday-tue",
    "doc-weekday-wed",
    "doc-weekday-thu",
    "doc-weekday-fri",
    "doc-weekday-sat",
    "doc-weekday-sun",
];
const MONTHS: [&str; 12] = [
    "doc-month-01",
    "doc-month-02",
    "doc-month-03",
    "doc-month-04",
    "doc-month-05",
    "doc-month-06",
    "doc-month-07",
    "doc-month-08",
    "doc-month-09",
    "doc-month-10",
    "doc-month-11",
    "doc-month-12",
];

/// What the template reads. Texts that have a wording per language are
/// lists, in the document's order; what the coordinator entered is one
/// string, printed as entered.
#[derive(Serialize)]
struct Programme {
    lang: &'static str,
    /// After a label: Chinese text takes the full-width colon.
    colon: &'static str,
    serif: &'static [&'static str],
    sans: &'static [&'static str],
    heading: Vec<String>,
    visit: String,
    facts: Vec<Fact>,
    zone_note: Vec<String>,
    nothing: Vec<String>,
    days: Vec<Day>,
}

#[derive(Serialize)]
struct Fact {
    label: Vec<String>,
    value: String,
}

#[derive(Serialize)]
struct Day {
    label: Vec<String>,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    time: String,
    title: String,
    kind: Vec<String>,
    place: String,
    description: String,
    parts: Vec<Fact>,
}

pub(crate) fn day_label(lang: Lang, day: NaiveDate) -> String {
    let weekday = tr(lang, WEEKDAYS[day.weekday().num_days_from_monday() as usize], &[]);
    let month = tr(lang, MONTHS[day.month0() as usize], &[]);
    t!(lang, "doc-day", weekday = weekday, day = day.day(), month = month, year = day.year())
}

/// A person as a programme names them: the form of the document's first
/// language, the other beside it (the core's rule, as everywhere else).
pub(crate) fn name(lang: DocLang, p: &ParticipantView) -> String {
    Names::new(&p.name, &p.chinese_name, &p.native_name).shown(lang.first())
}

fn names(lang: DocLang, detail: &VisitDetail, ids: &[Uuid], sep: &str) -> String {
    ids.iter()
        .filter_map(|id| detail.participants.iter().find(|p| p.person_id == *id))
        .map(|p| name(lang, p))
        .collect::<Vec<_>>()
        .join(sep)
}

fn item(lang: DocLang, detail: &VisitDetail, a: &AgendaItem) -> Item {
    // "HH:MM–HH:MM", with the end's day when it ends on another.
    let (start, end) = (&a.start_local, &a.end_local);
    let time = if start.get(..10) == end.get(..10) {
        format!("{}–{}", start.get(11..16).unwrap_or(""), end.get(11..16).unwrap_or(""))
    } else {
        format!("{}–{} {}", start.get(11..16).unwrap_or(""), end.get(..10).unwrap_or(""), end.get(11..16).unwrap_or(""))
    };
    let mut parts = Vec::new();
    if let Some(chair) = a.chair_id {
        parts.push(Fact { label: both(lang, |l| t!(l, "doc-chair")), value: names(lang, detail, &[chair], ", ") });
    }
    if !a.speaker_ids.is_empty() {
        parts.push(Fact {
            label: both(lang, |l| t!(l, "doc-speakers")),
            value: names(lang, detail, &a.speaker_ids, " → "),
        });
    }
    if !a.participant_ids.is_empty() {
        parts.push(Fact {
            label: both(lang, |l| t!(l, "doc-participants")),
            value: names(lang, detail, &a.participant_ids, "; "),
        });
    }
    Item {
        time,
        title: a.title.clone(),
        kind: both(lang, |l| tr(l, &a.kind.label_id(), &[])),
        place: a.location.clone(),
        description: a.description.clone(),
        parts,
    }
}

/// The programme of `detail`'s visit.
pub fn programme(detail: &VisitDetail, lang: DocLang) -> Result<Typeset, DocError> {
    let v = &detail.visit;
    let mut days: Vec<Day> = Vec::new();
    let mut current: Option<NaiveDate> = None;
    for a in &detail.agenda {
        let Some(date) = a.start_local.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()) else { continue };
        if current != Some(date) {
            current = Some(date);
            days.push(Day { label: both(lang, |l| day_label(l, date)), items: Vec::new() });
        }
        if let Some(day) = days.last_mut() {
            day.items.push(item(lang, detail, a));
        }
    }
    let org = |o: &Option<liaison_core::model::Organisation>| {
        o.as_ref().map(|o| match (lang, o.chinese_name.is_empty()) {
            (DocLang::En, _) | (_, true) => o.name.clone(),
            _ => format!("{} ({})", o.chinese_name, o.name),
        })
    };
    let dates = |l: Lang| {
        let (from, to) = (v.start_local.get(..10).unwrap_or(""), v.end_local.get(..10).unwrap_or(""));
        let day = |d: &str| d.parse::<NaiveDate>().map(|d| day_label(l, d)).unwrap_or_else(|_| d.to_owned());
        if from == to {
            day(from)
        } else {
            format!("{} – {}", day(from), day(to))
        }
    };
    let mut facts = Vec::new();
    facts.push(Fact { label: both(lang, |l| t!(l, "doc-dates")), value: both(lang, dates).join(" / ") });
    if !v.venue.is_empty() {
        facts.push(Fact { label: both(lang, |l| t!(l, "doc-venue")), value: v.venue.clone() });
    }
    if let Some(host) = org(&detail.host) {
        facts.push(Fact { label: both(lang, |l| t!(l, "doc-host")), value: host });
    }
    if let Some(guest) = org(&detail.guest) {
        facts.push(Fact { label: both(lang, |l| t!(l, "doc-guest")), value: guest });
    }
    let data = Programme {
        lang: lang.text_lang(),
        colon: if lang == DocLang::Zh { "：" } else { ": " },
        serif: fonts::SERIF,
        sans: fonts::SANS,
        heading: both(lang, |l| t!(l, "doc-programme")),
        visit: v.title.clone(),
        facts,
        zone_note: both(lang, |l| t!(l, "doc-times-in", zone = zone_name(l, &v.time_zone))),
        nothing: both(lang, |l| t!(l, "doc-nothing-planned")),
        days,
    };
    typeset(TEMPLATE, &data)
}
