//! The seating plan: the meeting table and the banquet's round tables,
//! drawn as the room is seen from above with the door at the foot of the
//! page, each seat named in both forms. Where people sit is the core's
//! ([`liaison_core::seating`]): the rules, then the coordinator's swaps.
//! This module only says where on the page each seat goes.

use liaison_core::briefing::Briefing;
use liaison_core::i18n::t;
use liaison_core::model::{ParticipantView, Role};
use liaison_core::names::Names;
use liaison_core::seating::{Honour, InterpreterSeat, SideSeats};
use serde::Serialize;
use uuid::Uuid;

use crate::{both, job, DocError, DocLang, Job, Setting};

const TEMPLATE: &str = include_str!("../templates/seating.typ");

#[derive(Serialize)]
struct Plan {
    #[serde(flatten)]
    setting: Setting,
    heading: Vec<String>,
    visit: String,
    convention: Vec<String>,
    door: Vec<String>,
    meeting_title: Vec<String>,
    banquet_title: Vec<String>,
    guests_label: Vec<String>,
    hosts_label: Vec<String>,
    /// Seats as offsets from the centre line, in seat widths; a side's
    /// principal is at 0, opposite the other's.
    guests: Vec<Seat>,
    hosts: Vec<Seat>,
    /// The widest offset either side reaches, for the table's length.
    reach: i32,
    tables: Vec<Table>,
    nobody: Vec<String>,
}

#[derive(Serialize)]
struct Seat {
    /// Left to right on the page.
    offset: i32,
    /// Behind the front row (an interpreter behind their principal).
    behind: bool,
    first: String,
    second: String,
    title: String,
    principal: bool,
    interpreter: bool,
}

#[derive(Serialize)]
struct Table {
    label: Vec<String>,
    /// Clockwise from the seat facing the door; None for an empty seat.
    seats: Vec<Option<Seat>>,
}

fn seat(lang: DocLang, p: Option<&ParticipantView>, offset: i32, behind: bool, principal: bool) -> Option<Seat> {
    let p = p?;
    let names = Names::new(&p.name, &p.chinese_name, &p.native_name);
    Some(Seat {
        offset,
        behind,
        first: names.first(lang.first()).to_owned(),
        second: names.beside(lang.first()).unwrap_or_default().to_owned(),
        title: p.title.clone(),
        principal,
        interpreter: p.role == Role::Interpreter,
    })
}

/// One side's seats on the page. The hosts sit along the foot of the table
/// facing up the page, so their left to right is the page's; the guests
/// sit along its head facing down, so theirs runs the other way.
fn side(lang: DocLang, b: &Briefing, seats: &SideSeats, facing_down: bool) -> Vec<Seat> {
    let person = |id: &Uuid| b.detail.participants.iter().find(|p| p.person_id == *id);
    let head = seats.head.unwrap_or(0) as i32;
    let on_page = |i: usize| {
        let offset = i as i32 - head;
        if facing_down {
            -offset
        } else {
            offset
        }
    };
    let mut out: Vec<Seat> = seats
        .front
        .iter()
        .enumerate()
        .filter_map(|(i, id)| seat(lang, person(id), on_page(i), false, Some(i) == seats.head))
        .collect();
    // Several behind one seat stand side by side, centred on it.
    for (k, (id, at)) in seats.behind.iter().enumerate() {
        let same: Vec<usize> = seats.behind.iter().enumerate().filter(|(_, (_, a))| a == at).map(|(j, _)| j).collect();
        let nth = same.iter().position(|j| *j == k).unwrap_or(0) as i32;
        let shift = nth - (same.len() as i32 - 1) / 2;
        out.extend(seat(lang, person(id), on_page(*at) + shift, true, false));
    }
    out
}

/// The seating plan of `b`'s visit.
pub fn seating(b: &Briefing, lang: DocLang) -> Result<Job, DocError> {
    let plan = &b.seating;
    let guests = side(lang, b, &plan.guests, true);
    let hosts = side(lang, b, &plan.hosts, false);
    let reach = guests.iter().chain(&hosts).map(|s| s.offset.abs()).max().unwrap_or(0);
    let person = |id: &Uuid| b.detail.participants.iter().find(|p| p.person_id == *id);
    let tables = plan
        .tables
        .iter()
        .enumerate()
        .map(|(i, table)| Table {
            label: both(lang, |l| t!(l, "doc-seating-table", number = i + 1)),
            seats: table
                .seats
                .iter()
                .enumerate()
                .map(|(k, id)| id.as_ref().and_then(|id| seat(lang, person(id), 0, false, k == 0)))
                .collect(),
        })
        .collect();
    let convention = both(lang, |l| {
        let hand = match plan.rules.honour {
            Honour::Right => t!(l, "doc-seating-right-first"),
            Honour::Left => t!(l, "doc-seating-left-first"),
        };
        let interpreter = match plan.rules.interpreter {
            InterpreterSeat::Behind => t!(l, "doc-seating-interpreter-behind"),
            InterpreterSeat::Beside => t!(l, "doc-seating-interpreter-beside"),
        };
        format!("{hand} {interpreter}")
    });
    let data = Plan {
        setting: Setting::new(lang),
        heading: both(lang, |l| t!(l, "doc-seating")),
        visit: b.detail.visit.title.clone(),
        convention,
        door: both(lang, |l| t!(l, "doc-seating-door")),
        meeting_title: both(lang, |l| t!(l, "doc-seating-meeting")),
        banquet_title: both(lang, |l| t!(l, "doc-seating-banquet")),
        guests_label: both(lang, |l| t!(l, "doc-side-guest")),
        hosts_label: both(lang, |l| t!(l, "doc-side-host")),
        guests,
        hosts,
        reach,
        tables,
        nobody: both(lang, |l| t!(l, "doc-seating-nobody")),
    };
    job(TEMPLATE, &data)
}
