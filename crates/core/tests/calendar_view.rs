//! The calendar of every visit: the days asked for in the reader's zone,
//! a change of the clocks inside a week, filters, and moving an item on it.
//! Runs on the backend `liaison_core::testing::service` gives (the local
//! file by default, PostgreSQL with LIAISON_TEST_BACKEND=postgres).

use liaison_core::model::*;
use liaison_core::sample::SAMPLE_VISIT_ID;
use liaison_core::validate::*;
use liaison_core::{Error, Service};
use uuid::Uuid;

fn days(first_day: &str, days: u32, zone: &str) -> CalendarQuery {
    CalendarQuery {
        first_day: first_day.into(),
        days,
        zone: zone.into(),
        visit_kinds: vec![],
        visit_statuses: vec![],
        organisation_id: None,
        person_id: None,
        room_id: None,
        conflicts: true,
        per_day: None,
    }
}

fn shown(r: &CalendarRange) -> Vec<(String, String)> {
    r.items.iter().map(|i| (i.title.clone(), i.start_shown.clone())).collect()
}

async fn visit(s: &Service, title: &str, start: &str, end: &str, zone: &str) -> Uuid {
    let input = VisitInput {
        title: title.into(),
        start: start.into(),
        end: end.into(),
        time_zone: zone.into(),
        ..Default::default()
    };
    s.create_visit(&input).await.unwrap().record.id
}

async fn item(s: &Service, visit: Uuid, title: &str, start: &str, end: &str) -> AgendaItem {
    let input = AgendaItemInput { title: title.into(), start: start.into(), end: end.into(), ..Default::default() };
    s.create_agenda_item(visit, &input).await.unwrap().record
}

#[tokio::test]
async fn a_week_is_shown_in_the_readers_zone_with_each_items_own_time_beside() {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    // The sample is in Beijing on Friday 11 June 2021; the reader is in Zurich.
    let week = s.calendar(&days("2021-06-07", 7, "Europe/Zurich")).await.unwrap();
    assert_eq!(week.zone, "Europe/Zurich");
    assert_eq!(week.days.len(), 7);
    assert!(week.days.iter().all(|d| d.change.is_none()));
    assert_eq!(week.visits.len(), 1);
    let v = &week.visits[0];
    assert_eq!(
        (v.id, v.start_local.as_str(), v.start_shown.as_str()),
        (SAMPLE_VISIT_ID, "2021-06-11T09:00", "2021-06-11T03:00")
    );
    assert_eq!(week.items.len(), 6);
    let first = &week.items[0];
    assert_eq!(first.title, "Arrival and welcome");
    assert_eq!((first.start_local.as_str(), first.start_shown.as_str()), ("2021-06-11T09:00", "2021-06-11T03:00"));
    assert_eq!((first.time_zone.as_str(), first.visit_id), ("Asia/Shanghai", SAMPLE_VISIT_ID));
    // In Beijing's own zone, the times are the agenda's.
    let there = s.calendar(&days("2021-06-11", 1, "Asia/Shanghai")).await.unwrap();
    assert_eq!(there.items[0].start_shown, "2021-06-11T09:00");
    // A day before or after holds nothing; the day boundary is the reader's.
    assert!(s.calendar(&days("2021-06-12", 30, "Asia/Shanghai")).await.unwrap().items.is_empty());
    assert!(s.calendar(&days("2021-05-01", 41, "Asia/Shanghai")).await.unwrap().items.is_empty());
    // 03:00 in Zurich is still 11 June; in Honolulu it is the 10th.
    let honolulu = s.calendar(&days("2021-06-10", 1, "Pacific/Honolulu")).await.unwrap();
    assert_eq!(honolulu.items.len(), 6, "{:?}", shown(&honolulu));
    assert_eq!(honolulu.items[0].start_shown, "2021-06-10T15:00");
}

#[tokio::test]
async fn a_change_of_the_clocks_inside_a_week_puts_every_item_at_its_hour() {
    let s = liaison_core::testing::service().await;
    let v = visit(&s, "Spring school", "2027-03-26T08:00", "2027-03-30T18:00", "Europe/Zurich").await;
    item(&s, v, "Friday talk", "2027-03-26T09:00", "2027-03-26T10:00").await;
    item(&s, v, "Sunday walk", "2027-03-28T09:00", "2027-03-28T11:00").await;
    item(&s, v, "Monday talk", "2027-03-29T09:00", "2027-03-29T10:00").await;
    let week = s.calendar(&days("2027-03-22", 7, "Europe/Zurich")).await.unwrap();
    // Sunday the 28th: at 02:00 the clocks go to 03:00.
    let changes: Vec<(&str, &ClockChange)> =
        week.days.iter().filter_map(|d| d.change.as_ref().map(|c| (d.date.as_str(), c))).collect();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].0, "2027-03-28");
    assert_eq!((changes[0].1.at.as_str(), changes[0].1.minutes), ("02:00", 60));
    assert_eq!(
        shown(&week)[..2],
        [("Friday talk".into(), "2027-03-26T09:00".into()), ("Sunday walk".into(), "2027-03-28T09:00".into())]
    );
    // The next week starts after the change and still shows 09:00.
    let next = s.calendar(&days("2027-03-29", 7, "Europe/Zurich")).await.unwrap();
    assert_eq!(shown(&next), [("Monday talk".into(), "2027-03-29T09:00".into())]);
    // Read from Beijing (no change), the same items move an hour closer:
    // 16:00 before the change, 15:00 after.
    let beijing = s.calendar(&days("2027-03-22", 14, "Asia/Shanghai")).await.unwrap();
    assert!(beijing.days.iter().all(|d| d.change.is_none()));
    assert_eq!(
        shown(&beijing),
        [
            ("Friday talk".into(), "2027-03-26T16:00".into()),
            ("Sunday walk".into(), "2027-03-28T15:00".into()),
            ("Monday talk".into(), "2027-03-29T15:00".into()),
        ]
    );
    // Both day boundaries of Zurich's short day hold: 23 hours of it.
    let short = s.calendar(&days("2027-03-28", 1, "Europe/Zurich")).await.unwrap();
    assert_eq!(shown(&short), [("Sunday walk".into(), "2027-03-28T09:00".into())]);
}

#[tokio::test]
async fn filters_keep_what_they_name_and_a_long_item_is_not_missed() {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    let sample = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap();
    let q = || days("2021-06-01", 30, "Asia/Shanghai");
    let other = visit(&s, "Exhibition", "2021-05-20T09:00", "2021-06-20T18:00", "Asia/Shanghai").await;
    // An item of ten days, starting before the month.
    item(&s, other, "Poster exhibition", "2021-05-25T09:00", "2021-06-04T18:00").await;
    let all = s.calendar(&q()).await.unwrap();
    assert_eq!(all.items.len(), 7);
    assert_eq!(all.items[0].title, "Poster exhibition");
    assert_eq!(all.visits.len(), 2);

    let kind = CalendarQuery { visit_kinds: vec![sample.visit.kind], ..q() };
    let r = s.calendar(&kind).await.unwrap();
    assert!(r.items.iter().all(|i| i.visit_id == SAMPLE_VISIT_ID) && r.items.len() == 6, "{:?}", shown(&r));
    let status = CalendarQuery { visit_statuses: vec![VisitStatus::Cancelled], ..q() };
    assert!(s.calendar(&status).await.unwrap().items.is_empty());
    let org = CalendarQuery { organisation_id: sample.visit.guest_org_id, ..q() };
    let r = s.calendar(&org).await.unwrap();
    assert_eq!((r.visits.len(), r.items.len()), (1, 6));
    // A person: the items that name them, the visits they are on.
    let person = sample.agenda[1].participant_ids[0];
    let named = sample.agenda.iter().filter(|a| a.participant_ids.contains(&person)).count();
    let r = s.calendar(&CalendarQuery { person_id: Some(person), ..q() }).await.unwrap();
    assert_eq!((r.visits.len(), r.items.len()), (1, named));
    assert!(named < 6, "a filter that keeps everything proves nothing");
    // A room: its items and their visits.
    let room = s.create_room(&RoomInput { name: "Zephyr Hall".into(), ..Default::default() }).await.unwrap();
    let a = &sample.agenda[2];
    let talk = AgendaItemInput { room_id: Some(room.id), ..a.into() };
    s.update_agenda_item(sample.agenda[2].id, sample.agenda[2].revision, &talk).await.unwrap();
    let r = s.calendar(&CalendarQuery { room_id: Some(room.id), ..q() }).await.unwrap();
    assert_eq!(r.items.len(), 1);
    assert_eq!((r.items[0].place.as_str(), r.items[0].room_id), ("Zephyr Hall", Some(room.id)));
    assert_eq!(r.visits.len(), 1);
}

#[tokio::test]
async fn a_wrong_question_names_each_field() {
    let s = liaison_core::testing::service().await;
    let bad = CalendarQuery { days: 0, ..days("2021-13-01", 7, "Mars/Olympus") };
    let Err(Error::Invalid(problems)) = s.calendar(&bad).await else { panic!("refused") };
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["first_day", "days", "zone"]);
    let Err(Error::Invalid(problems)) = s.calendar(&days("2021-06-01", 43, "UTC")).await else { panic!("refused") };
    assert_eq!(problems[0].field, "days");
}

#[tokio::test]
async fn an_item_moved_on_the_calendar_is_saved_like_a_form_and_moves_back() {
    let s = liaison_core::testing::service().await;
    let v = visit(&s, "Spring school", "2027-03-26T08:00", "2027-03-30T18:00", "Europe/Zurich").await;
    let talk = item(&s, v, "Talk", "2027-03-26T09:00", "2027-03-26T10:00").await;
    // Dragged in a Beijing reader's calendar to 17:00–18:30 there.
    let to =
        Reschedule { start: "2027-03-26T17:00".into(), end: "2027-03-26T18:30".into(), zone: "Asia/Shanghai".into() };
    let moved = s.reschedule_agenda_item(talk.id, talk.revision, &to).await.unwrap().record;
    assert_eq!((moved.start_local.as_str(), moved.end_local.as_str()), ("2027-03-26T10:00", "2027-03-26T11:30"));
    assert_eq!(moved.time_zone, "Europe/Zurich", "the item keeps its zone");
    assert_eq!(moved.sequence, talk.sequence + 1, "calendars see the change");
    assert_eq!(moved.title, talk.title);
    let history = s.visit_history(v, 10).await.unwrap();
    assert!(history.len() >= 3, "{history:?}");
    // A move based on what another save has changed is refused.
    let stale = s.reschedule_agenda_item(talk.id, talk.revision, &to).await;
    assert!(matches!(stale, Err(Error::Stale { .. })), "{stale:?}");
    // Onto a time the clocks skip: refused with the form's message, the
    // field named, nothing written.
    let gap =
        Reschedule { start: "2027-03-28T02:30".into(), end: "2027-03-28T03:30".into(), zone: "Europe/Zurich".into() };
    let Err(Error::Invalid(p)) = s.reschedule_agenda_item(talk.id, moved.revision, &gap).await else {
        panic!("refused")
    };
    assert_eq!(p[0].field, "start");
    assert!(p[0].message.contains("02:30"), "{}", p[0].message);
    // Undone: back to the instants it had.
    let back =
        Reschedule { start: talk.starts_at.to_rfc3339(), end: talk.ends_at.to_rfc3339(), zone: "Asia/Shanghai".into() };
    let undone = s.reschedule_agenda_item(talk.id, moved.revision, &back).await.unwrap();
    assert_eq!((undone.record.starts_at, undone.record.ends_at), (talk.starts_at, talk.ends_at));
    assert_eq!(undone.record.sequence, talk.sequence + 2);
    // Outside the visit's dates: saved, with the form's warning.
    let late =
        Reschedule { start: "2027-04-02T09:00".into(), end: "2027-04-02T10:00".into(), zone: "Europe/Zurich".into() };
    let saved = s.reschedule_agenda_item(talk.id, undone.record.revision, &late).await.unwrap();
    assert_eq!(saved.warnings.len(), 1, "{:?}", saved.warnings);
    // The end before the start is the form's problem too.
    let backwards =
        Reschedule { start: "2027-03-26T11:00".into(), end: "2027-03-26T10:00".into(), zone: "Europe/Zurich".into() };
    let Err(Error::Invalid(p)) = s.reschedule_agenda_item(talk.id, saved.record.revision, &backwards).await else {
        panic!("refused")
    };
    assert_eq!(p[0].field, "end");
}

#[tokio::test]
async fn a_week_marks_the_items_in_conflict_and_a_month_says_it_did_not_look() {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    let twin = VisitCopyInput { title: "Twin".into(), start_date: "2021-06-11".into() };
    s.copy_visit(SAMPLE_VISIT_ID, &twin).await.unwrap();
    let open = s.conflicts(&ConflictQuery { visit_id: None, acknowledged: false }).await.unwrap();
    assert!(open.open >= 6);
    let week = s.calendar(&days("2021-06-07", 7, "Asia/Shanghai")).await.unwrap();
    assert!(week.conflicts_checked);
    assert_eq!(week.items.len(), 12);
    // Each conflict is two items: every one counted on both, once.
    let marked: u32 = week.items.iter().map(|i| i.conflicts).sum();
    assert_eq!(marked, 2 * open.open);
    let people = |i: &CalendarItem| {
        let d = open.conflicts.iter().filter(|c| c.items.iter().any(|x| x.id == i.id)).count();
        d as u32
    };
    for i in &week.items {
        assert_eq!(i.conflicts, people(i), "{}", i.title);
    }
    let month = s.calendar(&days("2021-05-31", 42, "Asia/Shanghai")).await.unwrap();
    assert!(!month.conflicts_checked);
    assert!(month.items.iter().all(|i| i.conflicts == 0));
}

#[tokio::test]
async fn a_month_sends_the_first_items_of_each_day_and_counts_them_all() {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    // A second visit that runs across midnight into the 12th, and an item
    // that ends at midnight (not on the 12th).
    let v = visit(&s, "Evening programme", "2021-06-11T18:00", "2021-06-12T12:00", "Asia/Shanghai").await;
    item(&s, v, "Dinner", "2021-06-11T18:00", "2021-06-11T20:00").await;
    item(&s, v, "Late talks", "2021-06-11T21:00", "2021-06-12T00:00").await;
    item(&s, v, "Night train", "2021-06-11T23:00", "2021-06-12T06:00").await;
    let month = CalendarQuery { per_day: Some(3), ..days("2021-05-31", 42, "Asia/Shanghai") };
    let all = s.calendar(&days("2021-05-31", 42, "Asia/Shanghai")).await.unwrap();
    let cut = s.calendar(&month).await.unwrap();
    let day = |r: &CalendarRange, date: &str| r.days.iter().find(|d| d.date == date).unwrap().clone();
    // The counts are of everything, whether sent or not.
    for r in [&all, &cut] {
        assert_eq!((day(r, "2021-06-11").items, day(r, "2021-06-11").visits), (9, 2));
        assert_eq!((day(r, "2021-06-12").items, day(r, "2021-06-12").visits), (1, 1), "the train, not the late talks");
        assert_eq!(day(r, "2021-06-10").items, 0);
    }
    assert_eq!(all.items.len(), 9);
    // The first three of the 11th by start, and the train: the first of the 12th.
    let titles: Vec<&str> = cut.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Arrival and welcome",
            "Remarks by Zhang Huidong: the IPRCC and international cooperation on poverty reduction",
            "Introduction by Dean He Zhen: the National Institute of Vocational Education",
            "Night train"
        ]
    );
    assert_eq!(cut.visits.len(), 2);
    // Without a limit a month sends all.
    assert_eq!(s.calendar(&CalendarQuery { per_day: Some(100), ..month.clone() }).await.unwrap().items.len(), 9);
}
