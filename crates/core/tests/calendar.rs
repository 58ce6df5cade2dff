//! Calendar files through the core: export → import round trips, merging by
//! UID, foreign files (Outlook, Google), refusals with line numbers, and
//! property tests of the writer and the reader (the fuzzing is in fuzz.rs).

use chrono::{DateTime, Utc};
use liaison_core::calendar::import::IcsPlan;
use liaison_core::calendar::parse::parse;
use liaison_core::calendar::text::unescape_text;
use liaison_core::calendar::{write_calendar, CalendarSet, ExportOptions, Exported, Method, Selection, Tasks};
use liaison_core::i18n::Lang;
use liaison_core::model::*;
use liaison_core::sample::SAMPLE_VISIT_ID;
use liaison_core::validate::{AgendaItemInput, VisitInput};
use liaison_core::{Error, Service};
use proptest::prelude::*;
use uuid::Uuid;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn stamp() -> DateTime<Utc> {
    "2026-01-01T00:00:00Z".parse().unwrap()
}

async fn sample_ics(method: Method) -> (Service, String) {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    let opts =
        ExportOptions { method, stamp: stamp(), organizer: Some("desk@iprcc.example".into()), ..Default::default() };
    let e = s.export_ics(Selection::Visit(SAMPLE_VISIT_ID), &opts).await.unwrap();
    (s, e.text)
}

fn counts(p: &IcsPlan) -> (usize, usize, usize) {
    (p.added.len(), p.updated.len(), p.unchanged.len())
}

async fn count(s: &Service, table: &str) -> i64 {
    let t = s.totals().await.unwrap();
    let n = match table {
        "visits" => t.visits,
        "agenda_items" => t.agenda_items,
        "follow_ups" => t.follow_ups,
        "people" => t.people,
        "participants" => t.participants,
        "organisations" => t.organisations,
        other => panic!("no table {other}"),
    };
    n as i64
}

#[test]
fn exported_visit_imports_into_an_empty_database_and_a_second_import_changes_nothing() {
    rt().block_on(async {
        let (src, text) = sample_ics(Method::Publish).await;
        let dst = liaison_core::testing::service().await;
        let first = dst.import_ics(text.as_bytes(), "v.ics", None).await.unwrap();
        // Six agenda items and five follow-ups are new; the visit's own
        // all-day event is new too, as an item of the new visit.
        assert_eq!(counts(&first), (12, 0, 0), "{first:?}");
        assert!(first.visit.as_ref().unwrap().new);
        let before = count(&dst, "agenda_items").await;
        let second = dst.import_ics(text.as_bytes(), "v.ics", None).await.unwrap();
        assert_eq!(counts(&second), (0, 0, 12), "{second:?}");
        assert_eq!(count(&dst, "agenda_items").await, before);
        assert_eq!(count(&dst, "visits").await, 1);

        // Times come back as the same instants, in the same zone.
        let src_items = src.visit_detail(SAMPLE_VISIT_ID).await.unwrap().agenda;
        let id = first.visit.unwrap().id;
        let got = dst.visit_detail(id).await.unwrap().agenda;
        for a in &src_items {
            let b = got.iter().find(|b| b.uid == a.uid).expect("same UID");
            assert_eq!((a.starts_at, a.ends_at, &a.time_zone), (b.starts_at, b.ends_at, &b.time_zone));
            assert_eq!((&a.title, a.kind, a.status), (&b.title, b.kind, b.status));
        }
    });
}

#[test]
fn reimporting_our_own_export_into_the_source_changes_nothing() {
    rt().block_on(async {
        let (s, text) = sample_ics(Method::Publish).await;
        let plan = s.import_ics(text.as_bytes(), "v.ics", None).await.unwrap();
        assert_eq!(plan.added.len() + plan.updated.len(), 0, "{plan:?}");
        assert_eq!(plan.unchanged.len(), 12);
    });
}

#[test]
fn a_higher_sequence_updates_the_items_it_names_and_only_those() {
    rt().block_on(async {
        let (s, text) = sample_ics(Method::Publish).await;
        let uid = "5a3f1c2e-0000-4000-8000-000000000036@liaison"; // Departure
        let changed = bump(&text, uid, "SUMMARY:Departure", "SUMMARY:Departure by train");
        let plan = s.import_ics(changed.as_bytes(), "v2.ics", None).await.unwrap();
        assert_eq!(counts(&plan), (0, 1, 11), "{plan:?}");
        let item = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap().agenda.into_iter().find(|a| a.uid == uid).unwrap();
        assert_eq!((item.title.as_str(), item.sequence), ("Departure by train", 1));

        // The same change at the same sequence is left alone: the calendar
        // that sent it has not seen a newer version.
        let stale = changed.replace("SUMMARY:Departure by train", "SUMMARY:Departure by bus");
        let plan = s.import_ics(stale.as_bytes(), "v3.ics", None).await.unwrap();
        assert_eq!(plan.updated.len(), 0, "{plan:?}");
    });
}

#[test]
fn a_round_trip_in_either_language_with_raised_sequences_changes_nothing_stored() {
    rt().block_on(async {
        let s = liaison_core::testing::service().await;
        s.load_sample().await.unwrap();
        let before = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap();
        // The sample has items with people and with descriptions, and
        // follow-ups with owners and notes: each kind of added text.
        assert!(before.agenda.iter().any(|a| !a.participant_ids.is_empty() && !a.description.is_empty()));
        assert!(before.follow_ups.iter().any(|f| f.owner_id.is_some() && !f.notes.is_empty()));
        let mut rounds = 0;
        for round in 1..=3 {
            for (tasks, lang) in [
                (Tasks::Todo, Lang::En),
                (Tasks::Events, Lang::En),
                (Tasks::Todo, Lang::ZhCn),
                (Tasks::Events, Lang::ZhCn),
            ] {
                let opts = ExportOptions { tasks, stamp: stamp(), lang, ..Default::default() };
                let text = s.export_ics(Selection::Visit(SAMPLE_VISIT_ID), &opts).await.unwrap().text;
                // The words are the language's: a Chinese export says 所属访问
                // and writes the Chinese form of names first.
                let zh = ["所属访问：", "参加人员：", "张惠东 (Zhang Huidong)", "CATEGORIES:会谈"];
                let en = ["Visit: ", "Participants:", "Zhang Huidong (张惠东)", "CATEGORIES:Meeting"];
                let (said, unsaid) = if lang == Lang::ZhCn { (zh, en) } else { (en, zh) };
                for w in said {
                    assert!(text.contains(w), "{lang:?} export lacks {w:?}");
                }
                for w in unsaid {
                    assert!(!text.contains(w), "{lang:?} export has {w:?}");
                }
                let due = if lang == Lang::ZhCn { "SUMMARY:截止：" } else { "SUMMARY:Due: " };
                assert_eq!(text.contains(due), tasks == Tasks::Events, "{lang:?} {tasks:?}");
                rounds += 1;
                // Every component comes back as a newer version.
                let newer: String = text
                    .split("\r\n")
                    .map(|l| match l.strip_prefix("SEQUENCE:") {
                        Some(n) => format!("SEQUENCE:{}\r\n", n.parse::<u32>().unwrap() + 10),
                        None => format!("{l}\r\n"),
                    })
                    .collect();
                let plan = s.import_ics(newer.as_bytes(), "back.ics", None).await.unwrap();
                assert!(plan.updated.len() >= before.agenda.len(), "round {round}: {plan:?}");
            }
        }
        assert_eq!(rounds, 12);
        let after = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap();
        assert_eq!(after.agenda.len(), before.agenda.len());
        for a in &before.agenda {
            let b = after.agenda.iter().find(|b| b.id == a.id).unwrap();
            let kept = |x: &liaison_core::model::AgendaItem| {
                (x.title.clone(), x.kind, x.status, x.description.clone(), x.location.clone(), x.starts_at, x.ends_at)
            };
            assert_eq!(kept(b), kept(a), "{}", a.title);
            assert_eq!(b.participant_ids, a.participant_ids, "{}", a.title);
        }
        assert_eq!(after.follow_ups.len(), before.follow_ups.len());
        for f in &before.follow_ups {
            let g = after.follow_ups.iter().find(|g| g.id == f.id).unwrap();
            let kept = |x: &liaison_core::model::FollowUp| {
                (x.title.clone(), x.status, x.notes.clone(), x.due_date, x.owner_id, x.counterpart_org_id)
            };
            assert_eq!(kept(g), kept(f), "{}", f.title);
        }
        assert_eq!(after.visit.title, before.visit.title);
        assert_eq!(after.visit.notes, before.visit.notes);
    });
}

/// `text` with the component of `uid` given a higher SEQUENCE and `from`
/// replaced by `to` inside it.
fn bump(text: &str, uid: &str, from: &str, to: &str) -> String {
    let at = text.find(&format!("UID:{uid}")).unwrap();
    let end = at + text[at..].find("END:VEVENT").unwrap();
    let block = text[at..end].replace("SEQUENCE:0", "SEQUENCE:1").replace(from, to);
    format!("{}{}{}", &text[..at], block, &text[end..])
}

#[test]
fn a_cancellation_cancels_what_it_names() {
    rt().block_on(async {
        let (s, _) = sample_ics(Method::Publish).await;
        let opts = ExportOptions {
            method: Method::Cancel,
            stamp: stamp(),
            organizer: Some("d@x.org".into()),
            ..Default::default()
        };
        let cancel = s.export_ics(Selection::Visit(SAMPLE_VISIT_ID), &opts).await.unwrap();
        assert!(cancel.text.contains("METHOD:CANCEL\r\n"));
        assert!(!cancel.text.contains("SEQUENCE:0\r\n"), "every component outranks what it cancels");
        let plan = s.import_ics(cancel.text.as_bytes(), "c.ics", None).await.unwrap();
        assert_eq!(plan.updated.len(), 12, "{plan:?}");
        let d = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap();
        assert_eq!(d.visit.status, VisitStatus::Cancelled);
        assert!(d.agenda.iter().all(|a| a.status == AgendaStatus::Cancelled));
        assert!(d.follow_ups.iter().all(|f| f.status == FollowUpStatus::Dropped));
    });
}

#[test]
fn cancelling_a_visit_raises_the_sequence_of_everything_on_it() {
    rt().block_on(async {
        let s = liaison_core::testing::service().await;
        s.load_sample().await.unwrap();
        let v = s.visit(SAMPLE_VISIT_ID).await.unwrap();
        let input = VisitInput { status: VisitStatus::Cancelled, ..VisitInput::from(&v) };
        s.update_visit(SAMPLE_VISIT_ID, v.revision, &input).await.unwrap();
        let d = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap();
        assert_eq!(d.visit.sequence, 1);
        assert!(d.agenda.iter().all(|a| a.sequence == 1));
        let opts = ExportOptions {
            method: Method::Request,
            stamp: stamp(),
            organizer: Some("d@x.org".into()),
            ..Default::default()
        };
        let e = s.export_ics(Selection::Visit(SAMPLE_VISIT_ID), &opts).await.unwrap();
        // An invitation to a cancelled visit is a cancellation.
        assert_eq!(e.method, Method::Cancel);
        assert!(e.text.contains("STATUS:CANCELLED") && !e.text.contains("STATUS:CONFIRMED"));
    });
}

#[test]
fn an_invitation_without_an_organiser_email_is_refused_by_field() {
    rt().block_on(async {
        let s = liaison_core::testing::service().await;
        s.load_sample().await.unwrap();
        let opts = ExportOptions { method: Method::Request, ..Default::default() };
        match s.export_ics(Selection::Visit(SAMPLE_VISIT_ID), &opts).await {
            Err(Error::Invalid(f)) => assert_eq!(f[0].field, "organizer"),
            other => panic!("{other:?}"),
        }
    });
}

/// What Outlook and Google write: Windows zone names, UTC, floating and
/// all-day times, DURATION, folded lines, escaped text, CRLF or LF.
const FOREIGN: &str = "BEGIN:VCALENDAR\r\n\
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n\
VERSION:2.0\r\n\
METHOD:PUBLISH\r\n\
X-WR-CALNAME:Study tour\\, Geneva\r\n\
BEGIN:VTIMEZONE\r\n\
TZID:W. Europe Standard Time\r\n\
BEGIN:STANDARD\r\n\
DTSTART:16011028T030000\r\n\
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
END:STANDARD\r\n\
BEGIN:DAYLIGHT\r\n\
DTSTART:16010325T020000\r\n\
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
END:DAYLIGHT\r\n\
END:VTIMEZONE\r\n\
BEGIN:VEVENT\r\n\
UID:outlook-1\r\n\
DTSTAMP:20251001T080000Z\r\n\
DTSTART;TZID=W. Europe Standard Time:20251027T100000\r\n\
DTEND;TZID=W. Europe Standard Time:20251027T113000\r\n\
SUMMARY:Visit to the ILO\\; briefing\\, Q&A\r\n\
LOCATION:Route des Morillons 4\\, Geneva\r\n\
DESCRIPTION:Line one\\nLine two with a back\\\\slash and a long tail that is f\r\n\
\x20olded in the middle of a word\r\n\
CATEGORIES:Tour\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:google-2@google.com\r\n\
DTSTART:20251027T150000Z\r\n\
DURATION:PT45M\r\n\
SUMMARY:Call with Beijing\r\n\
STATUS:TENTATIVE\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:floating-3\r\n\
DTSTART:20251028T090000\r\n\
DTEND:20251028T100000\r\n\
SUMMARY:Breakfast\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:allday-4\r\n\
DTSTART;VALUE=DATE:20251029\r\n\
SUMMARY:Free day\r\n\
END:VEVENT\r\n\
BEGIN:VTODO\r\n\
UID:todo-5\r\n\
SUMMARY:Send the minutes\r\n\
DUE;VALUE=DATE:20251110\r\n\
STATUS:IN-PROCESS\r\n\
END:VTODO\r\n\
END:VCALENDAR\r\n";

#[test]
fn a_foreign_file_becomes_a_new_visit_with_every_kind_of_time() {
    rt().block_on(async {
        let s = liaison_core::testing::service().await;
        let plan = s.import_ics(FOREIGN.as_bytes(), "outlook.ics", None).await.unwrap();
        assert_eq!(counts(&plan), (5, 0, 0), "{plan:?}");
        let v = plan.visit.unwrap();
        assert_eq!(v.title, "Study tour, Geneva");
        let d = s.visit_detail(v.id).await.unwrap();
        assert_eq!(d.visit.time_zone, "Europe/Berlin", "the zone of the first timed event");
        let by_uid = |u: &str| d.agenda.iter().find(|a| a.uid == u).unwrap().clone();
        let ilo = by_uid("outlook-1");
        assert_eq!(ilo.starts_at, "2025-10-27T09:00:00Z".parse::<DateTime<Utc>>().unwrap(), "CET after the change");
        assert_eq!(ilo.title, "Visit to the ILO; briefing, Q&A");
        assert_eq!(ilo.location, "Route des Morillons 4, Geneva");
        assert_eq!(
            ilo.description,
            "Line one\nLine two with a back\\slash and a long tail that is folded in the middle of a word"
        );
        assert_eq!(ilo.kind, AgendaKind::Tour);
        let call = by_uid("google-2@google.com");
        assert_eq!(call.ends_at - call.starts_at, chrono::Duration::minutes(45));
        assert_eq!(call.status, AgendaStatus::Tentative);
        // Floating time: read in the visit's zone.
        assert_eq!(by_uid("floating-3").start_local, "2025-10-28T09:00");
        let free = by_uid("allday-4");
        assert_eq!((free.start_local.as_str(), free.end_local.as_str()), ("2025-10-29T00:00", "2025-10-30T00:00"));
        assert_eq!(d.follow_ups[0].status, FollowUpStatus::InProgress);
        assert_eq!(d.follow_ups[0].due_date.unwrap().to_string(), "2025-11-10");

        // LF line ends read the same.
        let lf = FOREIGN.replace("\r\n", "\n");
        let again = s.import_ics(lf.as_bytes(), "outlook.ics", None).await.unwrap();
        assert_eq!(counts(&again), (0, 0, 5));
    });
}

#[test]
fn a_visit_made_for_a_file_is_named_in_the_readers_language() {
    rt().block_on(async {
        // No calendar name and more than one event: the file's name is all
        // there is to call the visit by.
        let unnamed = FOREIGN.replace("X-WR-CALNAME:Study tour\\, Geneva\r\n", "");
        assert_ne!(unnamed, FOREIGN, "the fixture names its calendar");
        let s = liaison_core::testing::service().await;
        let plan = s.import_ics_in(unnamed.as_bytes(), "行程.ics", None, Lang::ZhCn).await.unwrap();
        let v = s.visit_detail(plan.visit.unwrap().id).await.unwrap().visit;
        assert_eq!((v.title.as_str(), v.notes.as_str()), ("导入自 行程.ics", "导入自 行程.ics。"));
        let s = liaison_core::testing::service().await;
        let plan = s.import_ics(unnamed.as_bytes(), "trip.ics", None).await.unwrap();
        assert_eq!(plan.visit.unwrap().title, "Imported from trip.ics");
    });
}

async fn refused(text: &str) -> Error {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    let before = count(&s, "agenda_items").await;
    let e = s.import_ics(text.as_bytes(), "bad.ics", Some(SAMPLE_VISIT_ID)).await.unwrap_err();
    assert_eq!(count(&s, "agenda_items").await, before, "nothing written");
    e
}

#[test]
fn problems_are_refused_with_their_line_and_nothing_is_written() {
    rt().block_on(async {
        let ok_event = "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20210611T010000Z\r\nDTEND:20210611T020000Z\r\nSUMMARY:A\r\nEND:VEVENT\r\n";
        let wrap = |body: &str| format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{ok_event}{body}END:VCALENDAR\r\n");

        let e = refused(&wrap("BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20210611T010000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n")).await;
        assert!(e.to_string().contains("bad.ics:12: RRULE: recurring events are not supported"), "{e}");

        let e = refused(&wrap("BEGIN:VEVENT\r\nUID:c\r\nDTSTART:2021-06-11\r\nDTEND:20210611T020000Z\r\nSUMMARY:C\r\nEND:VEVENT\r\n")).await;
        assert!(e.to_string().contains("bad.ics:11: DTSTART"), "{e}");

        let e = refused(&wrap("BEGIN:VEVENT\r\nUID:d\r\nDTSTART;TZID=Mars/Base:20210611T010000\r\nDTEND:20210611T020000Z\r\nSUMMARY:D\r\nEND:VEVENT\r\n")).await;
        assert!(e.to_string().contains("bad.ics:11: DTSTART: time zone 'Mars/Base'"), "{e}");

        let e = refused(&wrap("BEGIN:VEVENT\r\nUID:e\r\nDTSTART:20210611T030000Z\r\nDTEND:20210611T020000Z\r\nSUMMARY:E\r\nEND:VEVENT\r\n")).await;
        assert!(e.to_string().contains("bad.ics:12: DTEND"), "{e}");

        let e = refused(&wrap("BEGIN:VEVENT\r\nDTSTART:20210611T010000Z\r\nDTEND:20210611T020000Z\r\nSUMMARY:F\r\nEND:VEVENT\r\n")).await;
        assert!(e.to_string().contains("bad.ics:9: VEVENT has no UID"), "{e}");

        let e = refused(&wrap(ok_event)).await;
        assert!(e.to_string().contains("UID 'a' is also used by the component on line 3"), "{e}");

        let e = refused("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n").await;
        match e {
            Error::Malformed { line, .. } => assert_eq!(line, 3),
            other => panic!("{other:?}"),
        }
    });
}

#[test]
fn dry_run_writes_nothing() {
    rt().block_on(async {
        let s = liaison_core::testing::service().await;
        let plan = s.preview_ics(FOREIGN.as_bytes(), "outlook.ics", None).await.unwrap();
        assert_eq!(plan.added.len(), 5);
        assert_eq!(count(&s, "visits").await, 0);
    });
}

// ----- property and fuzz tests -------------------------------------------------

fn set_with(title: &str, location: &str, description: &str) -> CalendarSet {
    let at = stamp();
    let visit = Visit {
        id: Uuid::nil(),
        kind: VisitKind::Meeting,
        title: title.into(),
        purpose: description.into(),
        status: VisitStatus::Confirmed,
        host_org_id: None,
        guest_org_id: None,
        starts_at: at,
        ends_at: at + chrono::Duration::hours(2),
        time_zone: "Asia/Shanghai".into(),
        start_local: String::new(),
        end_local: String::new(),
        venue: location.into(),
        online_link: String::new(),
        notes: String::new(),
        minutes: String::new(),
        topics: vec![],
        uid: "v@liaison".into(),
        sequence: 0,
        created_at: at,
        updated_at: at,
        revision: 0,
    };
    let item = AgendaItem {
        id: Uuid::from_u128(1),
        visit_id: Uuid::nil(),
        starts_at: at,
        ends_at: at + chrono::Duration::hours(1),
        time_zone: "Asia/Shanghai".into(),
        start_local: String::new(),
        end_local: String::new(),
        title: title.into(),
        kind: AgendaKind::Meeting,
        status: AgendaStatus::Confirmed,
        location: location.into(),
        description: description.into(),
        participant_ids: vec![],
        chair_id: None,
        speaker_ids: vec![],
        room_id: None,
        position: 0,
        uid: "i@liaison".into(),
        sequence: 0,
        created_at: at,
        updated_at: at,
        revision: 0,
    };
    CalendarSet { name: title.into(), visits: vec![visit], agenda: vec![item], ..Default::default() }
}

/// What TEXT can carry: everything but ASCII controls other than tab and
/// line breaks, which all come back as LF.
fn expected_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_ascii_control() || *c == '\n' || *c == '\t')
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any Unicode in any text field survives our writer and our reader,
    /// and every physical line stays within 75 octets.
    #[test]
    fn any_text_round_trips_through_export_and_our_parser(
        title in any::<String>(), location in any::<String>(), description in any::<String>()
    ) {
        let opts = ExportOptions { stamp: stamp(), tasks: Tasks::None, ..Default::default() };
        let text = write_calendar(&set_with(&title, &location, &description), &opts).unwrap().text;
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= 75, "{} octets", line.len());
            prop_assert!(!line.contains('\n') && !line.contains('\r'));
        }
        let cal = parse(text.as_bytes()).unwrap();
        let item = cal[0].components.iter().find(|c| c.property("UID").is_some_and(|u| u.value == "i@liaison")).unwrap();
        let get = |n: &str| item.property(n).map(|p| unescape_text(&p.value)).unwrap_or_default();
        prop_assert_eq!(get("SUMMARY"), expected_text(&title));
        prop_assert_eq!(get("LOCATION"), expected_text(&location));
        let description_back = get("DESCRIPTION");
        prop_assert!(description_back.starts_with(&expected_text(&description)));
    }
}

#[test]
fn agenda_input_from_rfc3339_keeps_the_file_zone() {
    // Guard for the importer's use of the form's validation.
    let i = AgendaItemInput {
        start: "2025-10-27T09:00:00Z".into(),
        end: "2025-10-27T10:00:00Z".into(),
        title: "x".into(),
        ..Default::default()
    };
    let d = liaison_core::validate::AgendaItemData::validate(&i, chrono_tz::Europe::Berlin).unwrap();
    assert_eq!(d.time_zone, chrono_tz::Europe::Berlin);
}

// ----- files larger than a batch -----------------------------------------------

/// A calendar of `n` events, one hour each, a day apart, in Paris; the
/// event numbered `bad` (if any) ends before it starts, which only the
/// second reading (making records) finds.
fn many_events(n: usize, bad: Option<usize>) -> String {
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-CALNAME:Many\r\n");
    let first = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    for i in 0..n {
        let day = (first + chrono::Duration::days(i as i64)).format("%Y%m%d");
        let end = if Some(i) == bad { "080000" } else { "100000" };
        s.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:many-{i}@test\r\nDTSTAMP:20260101T000000Z\r\n\
             DTSTART;TZID=Europe/Paris:{day}T090000\r\nDTEND;TZID=Europe/Paris:{day}T{end}\r\n\
             SUMMARY:Session {i}\r\nEND:VEVENT\r\n"
        ));
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

fn file_with(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.ics");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

const MANY: usize = 12_345;

#[test]
fn a_file_of_many_batches_is_read_from_disk_whole_and_its_plan_counts_what_it_does_not_list() {
    use liaison_core::calendar::import::{IcsInput, LISTED};
    use liaison_core::progress::Work;
    rt().block_on(async {
        let (_dir, path) = file_with(&many_events(MANY, None));
        let s = liaison_core::testing::service().await;
        let input = IcsInput::File(&path);
        let plan = s.import_ics_from(input, "many.ics", None, Lang::En, &Work::quiet()).await.unwrap();
        assert_eq!(plan.counts.added as usize, MANY);
        assert_eq!(plan.added.len(), LISTED, "the plan lists only the first entries");
        assert_eq!(plan.added[0].uid, "many-0@test");
        assert_eq!(count(&s, "agenda_items").await as usize, MANY);
        // The new visit spans the first event to the last, across batches.
        let v = plan.visit.unwrap();
        assert!(v.new);
        assert_eq!(v.title, "Many");
        let detail = s.visit_detail(v.id).await.unwrap();
        // The items' ids rise in the order the file gave them (here, their
        // order in time): each new row is appended to the id's index, not
        // put at random into it, which made the import about a fifth slower.
        assert_eq!(detail.agenda.len(), MANY);
        let rising = detail.agenda.windows(2).filter(|w| w[0].id < w[1].id).count();
        assert_eq!(rising, MANY - 1, "ids in the order they were made");
        let visit = detail.visit;
        assert_eq!(visit.start_local, "2030-01-01T09:00");
        let last = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap() + chrono::Duration::days(MANY as i64 - 1);
        assert_eq!(visit.end_local, format!("{}T10:00", last.format("%Y-%m-%d")));
        assert_eq!(visit.time_zone, "Europe/Paris");

        // Again: every entry is known and unchanged, nothing is written.
        let again = s.import_ics_from(input, "many.ics", None, Lang::En, &Work::quiet()).await.unwrap();
        assert_eq!((again.counts.added, again.counts.unchanged), (0, MANY as u32));
        assert_eq!(again.visit.unwrap().id, v.id);
        assert_eq!(count(&s, "agenda_items").await as usize, MANY);
        assert_eq!(count(&s, "visits").await, 1);
    });
}

/// Events `mix-{i}@test` for the `i` that `pick` takes, a day apart; a
/// version above 0 is a newer edition of each (SEQUENCE, title).
fn mixed_events(n: usize, pick: impl Fn(usize) -> bool, version: u32) -> String {
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-CALNAME:Mixed\r\n");
    let first = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    for i in (0..n).filter(|&i| pick(i)) {
        let day = (first + chrono::Duration::days(i as i64)).format("%Y%m%d");
        s.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:mix-{i}@test\r\nSEQUENCE:{version}\r\nDTSTAMP:20260101T000000Z\r\n\
             DTSTART;TZID=Europe/Paris:{day}T090000\r\nDTEND;TZID=Europe/Paris:{day}T100000\r\n\
             SUMMARY:Session {i} v{version}\r\nEND:VEVENT\r\n"
        ));
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

/// The import makes the next batch while the last is being written, up to
/// an entry that updates a stored record; that entry waits for the writing
/// and must then be taken up, once. Updates and additions alternate here
/// through several batches, so every batch boundary meets both.
#[test]
fn updates_and_additions_mixed_through_many_batches_are_each_written_once() {
    use liaison_core::calendar::import::IcsInput;
    use liaison_core::progress::Work;
    rt().block_on(async {
        let known = |i: usize| i % 3 == 0;
        let s = liaison_core::testing::service().await;
        let (_dir, path) = file_with(&mixed_events(MANY, known, 0));
        let first = s.import_ics_from(IcsInput::File(&path), "mix.ics", None, Lang::En, &Work::quiet()).await.unwrap();
        let stored = (0..MANY).filter(|&i| known(i)).count();
        assert_eq!(first.counts.added as usize, stored);

        let (_dir2, path) = file_with(&mixed_events(MANY, |_| true, 1));
        let plan = s.import_ics_from(IcsInput::File(&path), "mix.ics", None, Lang::En, &Work::quiet()).await.unwrap();
        assert_eq!((plan.counts.added as usize, plan.counts.updated as usize), (MANY - stored, stored));
        let visit = plan.visit.unwrap();
        assert!(!visit.new, "new entries go into the visit of the stored ones");
        assert_eq!(count(&s, "agenda_items").await as usize, MANY);
        assert_eq!(count(&s, "visits").await, 1);
        // Every event is there once, as its newest edition.
        let agenda = s.visit_detail(visit.id).await.unwrap().agenda;
        let mut titles: Vec<String> = agenda.iter().map(|a| a.title.clone()).collect();
        titles.sort();
        let mut expected: Vec<String> = (0..MANY).map(|i| format!("Session {i} v1")).collect();
        expected.sort();
        assert_eq!(titles, expected);
    });
}

#[test]
fn a_problem_past_the_first_batches_writes_nothing_and_names_its_line() {
    use liaison_core::calendar::import::IcsInput;
    use liaison_core::progress::Work;
    rt().block_on(async {
        let bad = 11_000;
        let (_dir, path) = file_with(&many_events(MANY, Some(bad)));
        // Into a new visit, and into the sample's.
        for into in [None, Some(SAMPLE_VISIT_ID)] {
            let s = liaison_core::testing::service().await;
            if into.is_some() {
                s.load_sample().await.unwrap();
            }
            let (visits, items) = (count(&s, "visits").await, count(&s, "agenda_items").await);
            let e =
                s.import_ics_from(IcsInput::File(&path), "many.ics", into, Lang::En, &Work::quiet()).await.unwrap_err();
            // The header is 4 lines, each event 7; DTEND is its 5th.
            let line = 4 + bad * 7 + 5;
            assert!(e.to_string().contains(&format!("many.ics:{line}: DTEND")), "{e}");
            assert_eq!((count(&s, "visits").await, count(&s, "agenda_items").await), (visits, items));
        }
    });
}

/// A [`Work`] that calls `act` on each report, with a handle to cancel itself.
fn watched(
    act: impl Fn(&liaison_core::progress::Progress, &liaison_core::progress::Work) + Send + Sync + 'static,
) -> liaison_core::progress::Work {
    use std::sync::{Arc, OnceLock};
    let me: Arc<OnceLock<liaison_core::progress::Work>> = Arc::default();
    let handle = me.clone();
    let work = liaison_core::progress::Work::reporting(move |p| {
        if let Some(w) = handle.get() {
            act(&p, w);
        }
    });
    let _ = me.set(work.clone());
    work
}

#[test]
fn cancelling_rolls_back_the_batches_already_written() {
    use liaison_core::calendar::import::IcsInput;
    use liaison_core::progress::Stage;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    rt().block_on(async {
        let (_dir, path) = file_with(&many_events(MANY, None));
        let s = liaison_core::testing::service().await;
        let writing = Arc::new(AtomicUsize::new(0));
        let seen = writing.clone();
        // Cancelled at the first report of the writing reading: the first
        // batch is written before the work next checks.
        let work = watched(move |p, w| {
            if p.stage == Stage::Writing && p.done < p.total {
                seen.fetch_add(1, Ordering::Relaxed);
                w.cancel();
            }
        });
        let e = s.import_ics_from(IcsInput::File(&path), "many.ics", None, Lang::En, &work).await.unwrap_err();
        assert!(matches!(e, Error::Cancelled), "{e:?}");
        assert!(writing.load(Ordering::Relaxed) >= 1, "cancelled while writing");
        assert_eq!((count(&s, "visits").await, count(&s, "agenda_items").await), (0, 0));
        // And the database takes the same import afterwards.
        let work = liaison_core::progress::Work::quiet();
        let plan = s.import_ics_from(IcsInput::File(&path), "many.ics", None, Lang::En, &work).await.unwrap();
        assert_eq!(plan.counts.added as usize, MANY);
    });
}

#[test]
fn a_file_changed_between_its_two_readings_is_refused() {
    use liaison_core::calendar::import::IcsInput;
    use liaison_core::progress::{Stage, Work};
    rt().block_on(async {
        let (_dir, path) = file_with(&many_events(20, None));
        let s = liaison_core::testing::service().await;
        // Stored already, so that importing it again reads it twice.
        s.import_ics_from(IcsInput::File(&path), "many.ics", None, Lang::En, &Work::quiet()).await.unwrap();
        let before = s.export_json(liaison_core::interchange::Scope::All).await.unwrap();
        let target = path.clone();
        // Once the first reading is through, another program appends.
        let work = watched(move |p, _| {
            if p.stage == Stage::Checking && p.done * 2 == p.total {
                use std::io::Write;
                let mut f = std::fs::OpenOptions::new().append(true).open(&target).unwrap();
                f.write_all(b"X-MORE:1\r\n").unwrap();
            }
        });
        let e = s.import_ics_from(IcsInput::File(&path), "many.ics", None, Lang::En, &work).await.unwrap_err();
        assert!(e.to_string().contains("many.ics changed while it was being imported"), "{e}");
        assert_eq!(s.export_json(liaison_core::interchange::Scope::All).await.unwrap(), before);
    });
}

/// The stages an import reported, in order, without repeats.
async fn stages_of(
    s: &Service,
    text: &str,
    into: Option<Uuid>,
) -> (Result<IcsPlan, Error>, Vec<liaison_core::progress::Stage>) {
    use liaison_core::calendar::import::IcsInput;
    use std::sync::{Arc, Mutex};
    let (_dir, path) = file_with(text);
    let seen: Arc<Mutex<Vec<_>>> = Arc::default();
    let log = seen.clone();
    let work = liaison_core::progress::Work::reporting(move |p| {
        let mut log = log.lock().unwrap();
        if log.last() != Some(&p.stage) {
            log.push(p.stage);
        }
    });
    let out = s.import_ics_from(IcsInput::File(&path), "f.ics", into, Lang::En, &work).await;
    let stages = seen.lock().unwrap().clone();
    (out, stages)
}

/// A file of new entries with nothing wrong is read once (on SQLite): its
/// progress is all writing. One the first reading decides for (entries stored already)
/// is checked through first, then written.
#[test]
fn a_file_of_new_entries_is_read_once_and_one_that_updates_twice() {
    use liaison_core::progress::Stage;
    rt().block_on(async {
        let s = liaison_core::testing::service().await;
        let text = many_events(12_000, None);
        let (plan, stages) = stages_of(&s, &text, None).await;
        assert_eq!(plan.unwrap().counts.added, 12_000);
        // PostgreSQL cannot defer the foreign keys that reading once needs.
        if liaison_core::testing::backend() == "sqlite" {
            assert_eq!(stages, [Stage::Writing]);
        }
        let (plan, stages) = stages_of(&s, &text, None).await;
        assert_eq!(plan.unwrap().counts.unchanged, 12_000);
        assert!(stages.ends_with(&[Stage::Checking, Stage::Writing]), "{stages:?}");
        assert_eq!((count(&s, "visits").await, count(&s, "agenda_items").await), (1, 12_000));
    });
}

fn calendar(body: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n")
}

fn event(uid: &str, start: &str, end: &str, summary: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART{start}\r\nDTEND{end}\r\n\
         SUMMARY:{summary}\r\nEND:VEVENT\r\n"
    )
}

/// What only the whole file tells, learnt late in it: the one reading
/// gives up and the file is read twice, to the same result as always.
#[test]
fn what_only_the_end_of_a_file_tells_is_heeded_when_it_is_read_once() {
    use liaison_core::progress::Stage;
    rt().block_on(async {
        // The zone of a visit made for the file is its first zoned event's,
        // and an event without a zone before that one is read in it: held
        // until the zone is known (a file exported by Liaison starts with
        // its visit's all-day event), and listed where it is in the file.
        // Past a batch of them, the file is read twice; the same either way.
        let floating =
            |i: usize| event(&format!("floating-{i}@test"), ":20300101T090000", ":20300101T100000", "Floating");
        let zoned =
            event("zoned@test", ";TZID=Asia/Shanghai:20300102T090000", ";TZID=Asia/Shanghai:20300102T100000", "Zoned");
        // PostgreSQL always reads twice (its foreign keys cannot be deferred).
        let sqlite = liaison_core::testing::backend() == "sqlite";
        for (held, once) in [(1, true), (liaison_core::calendar::import::BATCH + 1, false)] {
            let s = liaison_core::testing::service().await;
            let text = calendar(&format!("{}{zoned}", (0..held).map(floating).collect::<String>()));
            let (plan, stages) = stages_of(&s, &text, None).await;
            let plan = plan.unwrap();
            assert_eq!(!stages.contains(&Stage::Checking), once && sqlite, "{held} held: {stages:?}");
            assert_eq!(plan.counts.added as usize, held + 1);
            assert_eq!(plan.added[0].uid, "floating-0@test", "in the file's order");
            let d = s.visit_detail(plan.visit.unwrap().id).await.unwrap();
            assert_eq!(d.visit.time_zone, "Asia/Shanghai");
            let first = d.agenda.iter().find(|a| a.uid == "floating-0@test").unwrap();
            assert_eq!(first.starts_at.to_rfc3339(), "2030-01-01T01:00:00+00:00");
            assert_eq!(d.agenda.len(), held + 1);
        }
        // No zone anywhere (a file of UTC times, say): UTC, read once,
        // however many.
        for n in [1, liaison_core::calendar::import::BATCH + 1] {
            let s = liaison_core::testing::service().await;
            let (plan, stages) = stages_of(&s, &calendar(&(0..n).map(floating).collect::<String>()), None).await;
            assert_eq!(!stages.contains(&Stage::Checking), sqlite, "{n}: {stages:?}");
            let d = s.visit_detail(plan.unwrap().visit.unwrap().id).await.unwrap();
            assert_eq!(d.visit.time_zone, "UTC");
            assert_eq!(
                d.agenda.iter().find(|a| a.uid == "floating-0@test").unwrap().starts_at.to_rfc3339(),
                "2030-01-01T09:00:00+00:00"
            );
            assert_eq!(d.agenda.len(), n);
        }

        // New entries go to the visit of the first stored record the file
        // names, wherever in the file it is.
        let s = liaison_core::testing::service().await;
        let known =
            event("known@test", ";TZID=Europe/Paris:20300101T090000", ";TZID=Europe/Paris:20300101T100000", "Known");
        let stored = s.import_ics(calendar(&known).as_bytes(), "k.ics", None).await.unwrap().visit.unwrap().id;
        let mut body = String::new();
        for i in 0..3 {
            let day = format!(";TZID=Europe/Paris:2030010{}T090000", i + 2);
            body.push_str(&event(&format!("new-{i}@test"), &day, &day.replace("T09", "T10"), "New"));
        }
        body.push_str(
            &known.replace("SUMMARY:Known", "SUMMARY:Known, renamed").replace("DTSTAMP", "SEQUENCE:1\r\nDTSTAMP"),
        );
        let (plan, stages) = stages_of(&s, &calendar(&body), None).await;
        let plan = plan.unwrap();
        assert!(stages.contains(&Stage::Checking), "read twice: {stages:?}");
        assert_eq!((plan.counts.added, plan.counts.updated), (3, 1));
        assert_eq!(plan.visit.unwrap().id, stored);
        assert_eq!(count(&s, "visits").await, 1);
        assert_eq!(s.visit_detail(stored).await.unwrap().agenda.len(), 4);

        // A METHOD:CANCEL after the events cancels them: nothing to add.
        let s = liaison_core::testing::service().await;
        let text = calendar(&format!(
            "{}METHOD:CANCEL\r\n",
            event("gone@test", ":20300101T090000Z", ":20300101T100000Z", "Gone")
        ));
        let (plan, _) = stages_of(&s, &text, None).await;
        let plan = plan.unwrap();
        assert_eq!((plan.counts.added, plan.counts.unchanged), (0, 1));
        assert_eq!(count(&s, "visits").await, 0);

        // A problem anywhere: all of the file's problems, and nothing written.
        let s = liaison_core::testing::service().await;
        let (out, _) = stages_of(&s, &many_events(12_000, Some(11_000)), None).await;
        let e = out.unwrap_err().to_string();
        assert!(e.contains("f.ics:"), "{e}");
        assert_eq!((count(&s, "visits").await, count(&s, "agenda_items").await), (0, 0));
    });
}

/// A visit's file made as it is written, a page of agenda at a time, is
/// the file made whole in memory, byte for byte, for every method and way
/// of writing tasks: on the sample (people, zones, an invitation that
/// leaves things out) and on a visit of many pages.
#[test]
fn a_visit_exported_page_by_page_is_the_file_made_whole() {
    use liaison_core::calendar::import::IcsInput;
    use liaison_core::progress::Work;
    rt().block_on(async {
        let s = liaison_core::testing::service().await;
        s.load_sample().await.unwrap();
        let (_dir, path) = file_with(&many_events(MANY, None));
        let big = s.import_ics_from(IcsInput::File(&path), "many.ics", None, Lang::En, &Work::quiet()).await.unwrap();
        let big = big.visit.unwrap().id;
        let mut compared = 0;
        for (visit, organizer) in [(SAMPLE_VISIT_ID, Some("desk@iprcc.example")), (big, Some("desk@iprcc.example"))] {
            for method in [Method::Publish, Method::Request, Method::Cancel] {
                for tasks in [Tasks::Todo, Tasks::Events, Tasks::None] {
                    let opts = ExportOptions {
                        method,
                        tasks,
                        stamp: stamp(),
                        organizer: organizer.map(str::to_owned),
                        lang: Lang::ZhCn,
                    };
                    let whole = s.export_ics(Selection::Visit(visit), &opts).await;
                    let mut out = Vec::new();
                    let streamed =
                        s.export_ics_to(Selection::Visit(visit), &opts, &mut out, "out.ics", &Work::quiet()).await;
                    match (whole, streamed) {
                        (Ok(whole), Ok(streamed)) => {
                            assert_eq!(String::from_utf8(out).unwrap(), whole.text, "{method:?} {tasks:?}");
                            assert_eq!(Exported { text: String::new(), ..whole }, streamed);
                            compared += 1;
                        }
                        // The same refusal (nothing to invite), and nothing written.
                        (Err(a), Err(b)) => {
                            assert_eq!(a.to_string(), b.to_string());
                            assert!(out.is_empty());
                        }
                        (a, b) => panic!("{method:?} {tasks:?}: {a:?} against {b:?}"),
                    }
                }
            }
        }
        assert!(compared >= 12, "{compared} files compared");
    });
}

#[test]
fn an_export_stops_when_cancelled() {
    use liaison_core::calendar::import::IcsInput;
    use liaison_core::progress::{Stage, Work};
    rt().block_on(async {
        let s = liaison_core::testing::service().await;
        let (_dir, path) = file_with(&many_events(MANY, None));
        let plan = s.import_ics_from(IcsInput::File(&path), "many.ics", None, Lang::En, &Work::quiet()).await.unwrap();
        let work = watched(|p, w| {
            assert_eq!(p.stage, Stage::Exporting);
            w.cancel();
        });
        let mut out = Vec::new();
        let opts = ExportOptions { stamp: stamp(), ..Default::default() };
        let visit = Selection::Visit(plan.visit.unwrap().id);
        let e = s.export_ics_to(visit, &opts, &mut out, "out.ics", &work).await.unwrap_err();
        assert!(matches!(e, Error::Cancelled), "{e:?}");
        let events = String::from_utf8(out).unwrap().matches("BEGIN:VEVENT").count();
        assert!(events < MANY, "stopped part way, not at the end ({events} events written)");
    });
}
