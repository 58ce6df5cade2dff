//! The programme: the visit's agenda alone, one page per day, in the
//! visit's own zone, for handing to both delegations.

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use liaison_core::i18n::{t, tr, zone_name, Lang};
use liaison_core::model::{AgendaItem, Organisation, ParticipantView, Visit, VisitDetail};
use liaison_core::names::Names;
use liaison_core::time::format_local;
use serde::Serialize;
use uuid::Uuid;

use crate::{both, job, DocError, DocLang, Job, Setting};

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
pub(crate) const MONTHS: [&str; 12] = [
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
    #[serde(flatten)]
    setting: Setting,
    heading: Vec<String>,
    visit: String,
    facts: Vec<Fact>,
    zone_note: Vec<String>,
    nothing: Vec<String>,
    days: Vec<Day>,
}

#[derive(Serialize)]
pub(crate) struct Fact {
    pub label: Vec<String>,
    pub value: String,
}

#[derive(Serialize)]
pub(crate) struct Day {
    label: Vec<String>,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    time: String,
    /// The same times in the reader's zone, where they differ ("" if not).
    reader: String,
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

/// "HH:MM–HH:MM" of two local times "YYYY-MM-DDTHH:MM", with the end's
/// day when it ends on another.
fn span(start: &str, end: &str) -> String {
    if start.get(..10) == end.get(..10) {
        format!("{}–{}", start.get(11..16).unwrap_or(""), end.get(11..16).unwrap_or(""))
    } else {
        format!("{}–{} {}", start.get(11..16).unwrap_or(""), end.get(..10).unwrap_or(""), end.get(11..16).unwrap_or(""))
    }
}

/// The item's times in `reader`'s zone, named by its city, when they read
/// differently from the visit's (a zone of the same offset adds nothing).
fn reader_times(lang: DocLang, a: &AgendaItem, reader: Option<Tz>) -> String {
    let Some(zone) = reader else { return String::new() };
    let (start, end) = (format_local(a.starts_at, zone), format_local(a.ends_at, zone));
    if start == a.start_local && end == a.end_local {
        return String::new();
    }
    // The reader's day too when it is not the visit's.
    let day = if start.get(..10) != a.start_local.get(..10) { start.get(5..10).unwrap_or("") } else { "" };
    // The city in the first language only: the column is narrow.
    let city = zone_name(lang.first(), zone.name());
    format!("{city} {day} {}", span(&start, &end)).replace("  ", " ")
}

fn item(lang: DocLang, detail: &VisitDetail, a: &AgendaItem, reader: Option<Tz>) -> Item {
    let time = span(&a.start_local, &a.end_local);
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
        reader: reader_times(lang, a, reader),
        title: a.title.clone(),
        kind: both(lang, |l| tr(l, &a.kind.label_id(), &[])),
        place: a.location.clone(),
        description: a.description.clone(),
        parts,
    }
}

/// The agenda, day by day in the visit's zone; with `reader`, each item's
/// times in that zone too where they read differently.
pub(crate) fn days(lang: DocLang, detail: &VisitDetail, reader: Option<Tz>) -> Vec<Day> {
    let mut days: Vec<Day> = Vec::new();
    let mut current: Option<NaiveDate> = None;
    for a in &detail.agenda {
        let Some(date) = a.start_local.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()) else { continue };
        if current != Some(date) {
            current = Some(date);
            days.push(Day { label: both(lang, |l| day_label(l, date)), items: Vec::new() });
        }
        if let Some(day) = days.last_mut() {
            day.items.push(item(lang, detail, a, reader));
        }
    }
    days
}

/// An organisation as a document names it: in `en` its English name; else
/// the Chinese name with the English beside it.
pub(crate) fn org_name(lang: DocLang, o: &Organisation) -> String {
    match (lang, o.chinese_name.is_empty()) {
        (DocLang::En, _) | (_, true) => o.name.clone(),
        _ => format!("{} ({})", o.chinese_name, o.name),
    }
}

/// The dates of a visit, "Friday 11 June 2021" or "… – …", in `l`.
pub(crate) fn visit_dates(l: Lang, v: &Visit) -> String {
    let (from, to) = (v.start_local.get(..10).unwrap_or(""), v.end_local.get(..10).unwrap_or(""));
    let day = |d: &str| d.parse::<NaiveDate>().map(|d| day_label(l, d)).unwrap_or_else(|_| d.to_owned());
    if from == to {
        day(from)
    } else {
        format!("{} – {}", day(from), day(to))
    }
}

/// The visit's dates, venue, host and guest: a programme's masthead and a
/// briefing pack's cover.
pub(crate) fn masthead(lang: DocLang, detail: &VisitDetail) -> Vec<Fact> {
    let v = &detail.visit;
    let mut facts = Vec::new();
    facts
        .push(Fact { label: both(lang, |l| t!(l, "doc-dates")), value: both(lang, |l| visit_dates(l, v)).join(" / ") });
    if !v.venue.is_empty() {
        facts.push(Fact { label: both(lang, |l| t!(l, "doc-venue")), value: v.venue.clone() });
    }
    if let Some(host) = &detail.host {
        facts.push(Fact { label: both(lang, |l| t!(l, "doc-host")), value: org_name(lang, host) });
    }
    if let Some(guest) = &detail.guest {
        facts.push(Fact { label: both(lang, |l| t!(l, "doc-guest")), value: org_name(lang, guest) });
    }
    facts
}

/// The programme of `detail`'s visit.
pub fn programme(detail: &VisitDetail, lang: DocLang) -> Result<Job, DocError> {
    let v = &detail.visit;
    let days = days(lang, detail, None);
    let facts = masthead(lang, detail);
    let data = Programme {
        setting: Setting::new(lang),
        heading: both(lang, |l| t!(l, "doc-programme")),
        visit: v.title.clone(),
        facts,
        zone_note: both(lang, |l| t!(l, "doc-times-in", zone = zone_name(l, &v.time_zone))),
        nothing: both(lang, |l| t!(l, "doc-nothing-planned")),
        days,
    };
    job(TEMPLATE, &data)
}
