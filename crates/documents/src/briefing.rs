//! The briefing pack: what a leader reads before meeting a delegation.
//! A cover; the purpose and topics; the programme day by day in the
//! visit's zone, with the reader's own times beside where they differ;
//! both delegations in precedence order; notes on the people and the
//! organisations; the earlier visits with the guest and the follow-ups
//! still open with them; and the logistics Liaison knows.

use chrono_tz::Tz;
use liaison_core::briefing::Briefing;
use liaison_core::i18n::{t, zone_name, Lang};
use liaison_core::model::{FollowUpRow, FollowUpStatus, Person, Side, Visit};
use liaison_core::names::Names;
use serde::Serialize;

use crate::programme::{days, masthead, org_name, visit_dates, Day, Fact};
use crate::{both, job, DocError, DocLang, Job, Setting};

const TEMPLATE: &str = include_str!("../templates/briefing.typ");

#[derive(Serialize)]
struct Pack {
    #[serde(flatten)]
    setting: Setting,
    heading: Vec<String>,
    visit: String,
    kind: Vec<String>,
    cover: Vec<Fact>,
    /// Each section's heading, in the document's languages.
    titles: Titles,
    /// The labels of an open follow-up's facts.
    due: Vec<String>,
    owner: Vec<String>,
    /// "Not recorded.": what an empty section says, rather than vanish.
    none: Vec<String>,
    purpose: String,
    topics: Vec<String>,
    zone_note: Vec<String>,
    days: Vec<Day>,
    delegations: Vec<Delegation>,
    columns: Vec<Vec<String>>,
    people_notes: Vec<Note>,
    org_notes: Vec<Note>,
    earlier: Vec<Earlier>,
    open: Vec<Open>,
    logistics: Vec<Fact>,
    rooms: Vec<Note>,
    needs: Vec<Note>,
}

#[derive(Serialize)]
struct Titles {
    purpose: Vec<String>,
    topics: Vec<String>,
    programme: Vec<String>,
    delegations: Vec<String>,
    notes: Vec<String>,
    people: Vec<String>,
    organisations: Vec<String>,
    history: Vec<String>,
    earlier: Vec<String>,
    open: Vec<String>,
    logistics: Vec<String>,
    rooms: Vec<String>,
    needs: Vec<String>,
}

#[derive(Serialize)]
struct Delegation {
    heading: Vec<String>,
    organisation: String,
    members: Vec<Member>,
}

#[derive(Serialize)]
struct Member {
    number: u32,
    first: String,
    second: String,
    title: String,
    organisation: String,
    role: String,
}

/// Someone or something with facts about them.
#[derive(Serialize)]
struct Note {
    name: String,
    facts: Vec<Fact>,
}

#[derive(Serialize)]
struct Earlier {
    dates: String,
    title: String,
    status: String,
}

#[derive(Serialize)]
struct Open {
    title: String,
    visit: String,
    due: String,
    owner: String,
    status: String,
    overdue: bool,
}

fn label(lang: DocLang, id: &str) -> Vec<String> {
    both(lang, |l| liaison_core::i18n::tr(l, id, &[]))
}

/// A value that has a wording per language, as the document prints it.
fn worded(lang: DocLang, f: impl Fn(Lang) -> String) -> String {
    let mut words = both(lang, f);
    words.dedup();
    words.join(" / ")
}

fn person_notes(lang: DocLang, p: &Person) -> Option<Note> {
    let mut facts = Vec::new();
    let mut add = |id: &str, value: &str| {
        if !value.trim().is_empty() {
            facts.push(Fact { label: label(lang, id), value: value.to_owned() });
        }
    };
    add("doc-languages", &p.languages.join(", "));
    add("doc-notes", &p.notes);
    if facts.is_empty() {
        return None;
    }
    Some(Note { name: Names::new(&p.name, &p.chinese_name, &p.native_name).shown(lang.first()), facts })
}

fn earlier(lang: DocLang, v: &Visit) -> Earlier {
    Earlier {
        dates: worded(lang, |l| visit_dates(l, v)),
        title: v.title.clone(),
        status: worded(lang, |l| v.status.label_in(l)),
    }
}

fn open(lang: DocLang, r: &FollowUpRow) -> Open {
    let f = &r.follow_up;
    Open {
        title: f.title.clone(),
        visit: r.visit_title.clone(),
        due: f.due_date.map(|d| d.to_string()).unwrap_or_default(),
        owner: r
            .owner
            .as_ref()
            .map(|o| Names::new(&o.name, &o.chinese_name, &o.native_name).shown(lang.first()))
            .unwrap_or_default(),
        status: status(lang, f.status, r.overdue),
        overdue: r.overdue,
    }
}

fn status(lang: DocLang, status: FollowUpStatus, overdue: bool) -> String {
    worded(lang, |l| if overdue { t!(l, "doc-overdue") } else { status.label_in(l) })
}

/// The briefing pack of `b`'s visit. `reader` is the zone of whoever reads
/// it (the office's), whose times are printed beside where they differ.
pub fn briefing(b: &Briefing, lang: DocLang, reader: Option<Tz>) -> Result<Job, DocError> {
    let detail = &b.detail;
    let v = &detail.visit;

    let delegations = [Side::Host, Side::Guest]
        .into_iter()
        .filter_map(|side| {
            let side_org = match side {
                Side::Host => v.host_org_id,
                Side::Guest => v.guest_org_id,
            };
            let own_org = |person: uuid::Uuid| {
                side_org.is_some() && b.people.iter().any(|p| p.id == person && p.organisation_id == side_org)
            };
            let members: Vec<Member> = detail
                .participants
                .iter()
                .filter(|p| p.side == side)
                .enumerate()
                .map(|(i, p)| {
                    let names = Names::new(&p.name, &p.chinese_name, &p.native_name);
                    Member {
                        number: i as u32 + 1,
                        first: names.first(lang.first()).to_owned(),
                        second: names.beside(lang.first()).unwrap_or_default().to_owned(),
                        title: p.title.clone(),
                        // Only where it is not the side's own, named above.
                        organisation: if own_org(p.person_id) {
                            String::new()
                        } else {
                            p.organisation_names
                                .as_ref()
                                .map(|o| worded(lang, |l| o.short(l).to_owned()))
                                .or_else(|| p.organisation.clone())
                                .unwrap_or_default()
                        },
                        role: worded(lang, |l| p.role.label_in(l)),
                    }
                })
                .collect();
            if members.is_empty() {
                return None;
            }
            let org = match side {
                Side::Host => detail.host.as_ref(),
                Side::Guest => detail.guest.as_ref(),
            };
            let side_label = match side {
                Side::Host => "doc-side-host",
                Side::Guest => "doc-side-guest",
            };
            Some(Delegation {
                heading: label(lang, side_label),
                organisation: org.map(|o| org_name(lang, o)).unwrap_or_default(),
                members,
            })
        })
        .collect();

    let org_notes = b
        .organisations
        .iter()
        .filter_map(|o| {
            let mut facts = Vec::new();
            if !o.country.is_empty() {
                facts.push(Fact { label: label(lang, "doc-country"), value: o.country.clone() });
            }
            if !o.notes.trim().is_empty() {
                facts.push(Fact { label: label(lang, "doc-notes"), value: o.notes.clone() });
            }
            (!facts.is_empty()).then(|| Note { name: org_name(lang, o), facts })
        })
        .collect();

    let mut logistics = Vec::new();
    if !v.venue.is_empty() {
        logistics.push(Fact { label: label(lang, "doc-venue"), value: v.venue.clone() });
    }
    if !v.online_link.is_empty() {
        logistics.push(Fact { label: label(lang, "doc-online"), value: v.online_link.clone() });
    }
    let rooms = b
        .rooms
        .iter()
        .map(|r| {
            let mut facts = Vec::new();
            let mut add = |id: &str, value: String| {
                if !value.trim().is_empty() {
                    facts.push(Fact { label: label(lang, id), value });
                }
            };
            add("doc-building", r.building.clone());
            add("doc-capacity", r.capacity.map(|c| c.to_string()).unwrap_or_default());
            add("doc-equipment", r.equipment.clone());
            add("doc-notes", r.notes.clone());
            let name = match (lang, r.chinese_name.is_empty()) {
                (DocLang::En, _) | (_, true) => r.name.clone(),
                _ => format!("{} ({})", r.chinese_name, r.name),
            };
            Note { name, facts }
        })
        .collect();
    let needs = b
        .people
        .iter()
        .filter_map(|p| {
            let mut facts = Vec::new();
            if !p.dietary_needs.trim().is_empty() {
                facts.push(Fact { label: label(lang, "doc-dietary"), value: p.dietary_needs.clone() });
            }
            if !p.access_needs.trim().is_empty() {
                facts.push(Fact { label: label(lang, "doc-access"), value: p.access_needs.clone() });
            }
            let names = Names::new(&p.name, &p.chinese_name, &p.native_name);
            (!facts.is_empty()).then(|| Note { name: names.shown(lang.first()), facts })
        })
        .collect();

    // This visit's own follow-ups still to do come first: after the visit
    // they are what was agreed; before it, what is already promised.
    let today = liaison_core::time::today();
    let mut open_rows: Vec<Open> = detail
        .follow_ups
        .iter()
        .filter(|f| matches!(f.status, FollowUpStatus::Open | FollowUpStatus::InProgress))
        .map(|f| {
            let owner = f.owner_id.and_then(|id| detail.people.iter().find(|p| p.id == id));
            let overdue = f.overdue_on(today);
            Open {
                title: f.title.clone(),
                visit: v.title.clone(),
                due: f.due_date.map(|d| d.to_string()).unwrap_or_default(),
                owner: owner
                    .map(|p| Names::new(&p.name, &p.chinese_name, &p.native_name).shown(lang.first()))
                    .unwrap_or_default(),
                status: status(lang, f.status, overdue),
                overdue,
            }
        })
        .collect();
    open_rows.extend(detail.carried.iter().map(|r| open(lang, r)));
    open_rows.extend(detail.earlier_open.iter().map(|r| open(lang, r)));

    let data = Pack {
        setting: Setting::new(lang),
        heading: label(lang, "doc-briefing"),
        visit: v.title.clone(),
        kind: both(lang, |l| v.kind.label_in(l)),
        cover: masthead(lang, detail),
        titles: Titles {
            purpose: label(lang, "doc-purpose"),
            topics: label(lang, "doc-topics"),
            programme: label(lang, "doc-programme"),
            delegations: label(lang, "doc-delegations"),
            notes: label(lang, "doc-notes-on"),
            people: label(lang, "doc-people"),
            organisations: label(lang, "doc-organisations"),
            history: label(lang, "doc-history"),
            earlier: label(lang, "doc-earlier-visits"),
            open: label(lang, "doc-open-follow-ups"),
            logistics: label(lang, "doc-logistics"),
            rooms: label(lang, "doc-rooms"),
            needs: label(lang, "doc-needs"),
        },
        due: label(lang, "doc-due"),
        owner: label(lang, "doc-owner"),
        none: label(lang, "doc-not-recorded"),
        purpose: v.purpose.clone(),
        topics: v.topics.clone(),
        zone_note: both(lang, |l| match reader {
            Some(zone) if zone.name() != v.time_zone => {
                t!(l, "doc-times-in-and-reader", zone = zone_name(l, &v.time_zone), reader = zone_name(l, zone.name()))
            }
            _ => t!(l, "doc-times-in", zone = zone_name(l, &v.time_zone)),
        }),
        days: days(lang, detail, reader),
        delegations,
        columns: vec![
            label(lang, "doc-col-name"),
            label(lang, "doc-col-title"),
            label(lang, "doc-col-organisation"),
            label(lang, "doc-col-role"),
        ],
        people_notes: b.people.iter().filter_map(|p| person_notes(lang, p)).collect(),
        org_notes,
        earlier: b.earlier.iter().map(|e| earlier(lang, e)).collect(),
        open: open_rows,
        logistics,
        rooms,
        needs,
    };
    job(TEMPLATE, &data)
}
