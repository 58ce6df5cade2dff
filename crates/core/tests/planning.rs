//! Planning across visits: a new visit from an earlier one. Runs on the
//! backend `liaison_core::testing::service` gives (the local file by
//! default, PostgreSQL with LIAISON_TEST_BACKEND=postgres).

use liaison_core::model::*;
use liaison_core::sample::SAMPLE_VISIT_ID;
use liaison_core::validate::*;
use liaison_core::Error;
use uuid::Uuid;

fn copy(title: &str, start_date: &str) -> VisitCopyInput {
    VisitCopyInput { title: title.into(), start_date: start_date.into() }
}

#[tokio::test]
async fn a_visit_copied_from_an_earlier_one_keeps_its_shape_on_the_new_day() {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    let before = s.visit_detail(SAMPLE_VISIT_ID).await.unwrap();
    let saved = s.copy_visit(SAMPLE_VISIT_ID, &copy("IPRCC returns, 2027", "2027-06-10")).await.unwrap();
    assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
    let new = s.visit_detail(saved.record.id).await.unwrap();
    let (v, o) = (&new.visit, &before.visit);
    assert_ne!(v.id, o.id);
    assert_ne!(v.uid, o.uid);
    assert_eq!(v.title, "IPRCC returns, 2027");
    assert_eq!(v.status, VisitStatus::Draft);
    assert_eq!((v.kind, v.host_org_id, v.guest_org_id), (o.kind, o.host_org_id, o.guest_org_id));
    assert_eq!((v.venue.as_str(), v.time_zone.as_str()), (o.venue.as_str(), "Asia/Shanghai"));
    assert_eq!((v.start_local.as_str(), v.end_local.as_str()), ("2027-06-10T09:00", "2027-06-10T12:00"));
    assert!(v.notes.is_empty() && v.minutes.is_empty(), "the notes were of the earlier visit");

    // The same people on the same sides, in the same order.
    let who = |d: &VisitDetail| {
        d.participants.iter().map(|p| (p.person_id, p.side, p.role, p.precedence)).collect::<Vec<_>>()
    };
    assert_eq!(who(&new), who(&before));
    assert_eq!(new.participants.len(), 4);

    // The agenda's shape: the same items at the same times a day of the new
    // date's, tentative, with calendar identities of their own.
    assert_eq!(new.agenda.len(), before.agenda.len());
    for (n, o) in new.agenda.iter().zip(&before.agenda) {
        assert_eq!((n.title.as_str(), n.kind, n.location.as_str()), (o.title.as_str(), o.kind, o.location.as_str()));
        assert_eq!(n.start_local[11..], o.start_local[11..], "{}", n.title);
        assert_eq!(&n.start_local[..10], "2027-06-10");
        assert_eq!(n.ends_at - n.starts_at, o.ends_at - o.starts_at);
        assert_eq!(n.participant_ids, o.participant_ids);
        assert_eq!(n.status, AgendaStatus::Tentative);
        assert_ne!((n.id, &n.uid), (o.id, &o.uid));
        assert_eq!(n.sequence, 0);
    }
    assert!(new.follow_ups.is_empty(), "follow-ups are carried, not copied");
    // The earlier visit is as it was.
    assert_eq!(s.visit_detail(SAMPLE_VISIT_ID).await.unwrap(), before);
    // Its making is in the new visit's history: the visit, 4 people, 6 items.
    assert_eq!(s.visit_history(v.id, 100).await.unwrap().len(), 11);
}

#[tokio::test]
async fn a_copied_time_the_clocks_skip_moves_past_the_change_and_says_so() {
    let s = liaison_core::testing::service().await;
    let visit = VisitInput {
        title: "Night train briefing".into(),
        start: "2026-03-28T00:00".into(),
        end: "2026-03-28T23:00".into(),
        time_zone: "Europe/Zurich".into(),
        ..Default::default()
    };
    let v = s.create_visit(&visit).await.unwrap().record;
    let item = |title: &str, start: &str, end: &str| AgendaItemInput {
        title: title.into(),
        start: start.into(),
        end: end.into(),
        ..Default::default()
    };
    s.create_agenda_item(v.id, &item("Departure", "2026-03-28T02:30", "2026-03-28T03:00")).await.unwrap();
    s.create_agenda_item(v.id, &item("Breakfast", "2026-03-28T08:00", "2026-03-28T09:00")).await.unwrap();
    // Zurich's clocks go from 02:00 to 03:00 on 28 March 2027.
    let saved = s.copy_visit(v.id, &copy("Night train briefing, 2027", "2027-03-28")).await.unwrap();
    assert_eq!(saved.warnings.len(), 1, "{:?}", saved.warnings);
    assert_eq!(saved.warnings[0].code, WarningCode::ClockChange);
    assert!(saved.warnings[0].message.contains("Departure"), "{}", saved.warnings[0].message);
    let new = s.visit_detail(saved.record.id).await.unwrap();
    let times: Vec<(&str, &str)> = new.agenda.iter().map(|a| (a.title.as_str(), a.start_local.as_str())).collect();
    assert_eq!(times, [("Departure", "2027-03-28T03:30"), ("Breakfast", "2027-03-28T08:00")]);
    assert_eq!(new.agenda[0].ends_at - new.agenda[0].starts_at, chrono::Duration::minutes(30));
}

#[tokio::test]
async fn a_copy_without_a_title_or_with_a_wrong_date_is_refused_and_writes_nothing() {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    let before = s.totals().await.unwrap();
    let e = s.copy_visit(SAMPLE_VISIT_ID, &copy(" ", "2027-02-30")).await.unwrap_err();
    let Error::Invalid(problems) = e else { panic!("{e:?}") };
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["title", "start_date"]);
    let e = s.copy_visit(Uuid::new_v4(), &copy("Again", "2027-02-01")).await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(s.totals().await.unwrap(), before);
}

// ----- conflicts ---------------------------------------------------------------

struct Two {
    s: liaison_core::Service,
    a: Uuid,
    b: Uuid,
    dean: Uuid,
    interpreter: Uuid,
}

/// Two visits on the same day, in Zurich, sharing the dean, and an
/// interpreter who interprets on the first.
async fn two_visits(zone: &str, day: &str) -> Two {
    let s = liaison_core::testing::service().await;
    let person = |name: &str| PersonInput { name: name.into(), ..Default::default() };
    let dean = s.create_person(&person("He Zhen")).await.unwrap().id;
    let interpreter = s.create_person(&person("Wang Fang")).await.unwrap().id;
    let visit = |title: &str| VisitInput {
        title: title.into(),
        start: format!("{day}T00:00"),
        end: format!("{day}T23:00"),
        time_zone: zone.into(),
        ..Default::default()
    };
    let a = s.create_visit(&visit("IPRCC delegation")).await.unwrap().record.id;
    let b = s.create_visit(&visit("GIZ seminar")).await.unwrap().record.id;
    let join = |_visit: Uuid, person: Uuid, role: Role| ParticipantInput {
        person_id: person,
        side: Side::Host,
        role,
        precedence: None,
    };
    s.set_participant(a, &join(a, dean, Role::Host)).await.unwrap();
    s.set_participant(a, &join(a, interpreter, Role::Interpreter)).await.unwrap();
    s.set_participant(b, &join(b, dean, Role::Host)).await.unwrap();
    s.set_participant(b, &join(b, interpreter, Role::Member)).await.unwrap();
    Two { s, a, b, dean, interpreter }
}

fn item(title: &str, start: &str, end: &str, people: &[Uuid]) -> AgendaItemInput {
    AgendaItemInput {
        title: title.into(),
        start: start.into(),
        end: end.into(),
        participant_ids: people.to_vec(),
        ..Default::default()
    }
}

async fn open_conflicts(s: &liaison_core::Service, visit: Option<Uuid>) -> Vec<(ConflictKind, String, String, String)> {
    let list = s.conflicts(&ConflictQuery { visit_id: visit, acknowledged: false }).await.unwrap();
    assert_eq!(list.open as usize, list.conflicts.len());
    if visit.is_none() {
        assert_eq!(s.open_conflict_count().await.unwrap(), list.open, "the window's count");
    }
    list.conflicts
        .iter()
        .map(|c| {
            (
                c.kind,
                c.person.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
                c.items[0].title.clone(),
                c.items[1].title.clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_person_in_two_items_at_once_across_two_visits_is_a_conflict_until_one_moves() {
    let t = two_visits("Europe/Zurich", "2027-05-12").await;
    let s = &t.s;
    let talks =
        s.create_agenda_item(t.a, &item("Talks", "2027-05-12T10:00", "2027-05-12T11:30", &[t.dean])).await.unwrap();
    // The form says it too, as it always did.
    let opening =
        s.create_agenda_item(t.b, &item("Opening", "2027-05-12T11:00", "2027-05-12T12:00", &[t.dean])).await.unwrap();
    assert_eq!(opening.warnings.len(), 1, "{:?}", opening.warnings);
    s.create_agenda_item(t.b, &item("Lunch", "2027-05-12T12:00", "2027-05-12T13:00", &[t.dean])).await.unwrap();

    let expected =
        vec![(ConflictKind::PersonDoubleBooked, "He Zhen".to_owned(), "Talks".to_owned(), "Opening".to_owned())];
    assert_eq!(open_conflicts(s, None).await, expected);
    assert_eq!(open_conflicts(s, Some(t.a)).await, expected, "each visit shows it");
    assert_eq!(open_conflicts(s, Some(t.b)).await, expected);
    let c = &s.conflicts(&ConflictQuery::default()).await.unwrap().conflicts[0];
    assert_eq!((c.items[0].visit_id, c.items[1].visit_id), (t.a, t.b));
    assert_eq!(c.items[1].start_local, "2027-05-12T11:00");

    // Moved to after the talks: resolved.
    let o = opening.record;
    s.update_agenda_item(o.id, o.revision, &item("Opening", "2027-05-12T11:30", "2027-05-12T12:00", &[t.dean]))
        .await
        .unwrap();
    assert!(open_conflicts(s, None).await.is_empty());
    // Cancelled items and cancelled visits clash with nothing.
    let late =
        s.create_agenda_item(t.b, &item("Call", "2027-05-12T10:30", "2027-05-12T10:45", &[t.dean])).await.unwrap();
    assert_eq!(open_conflicts(s, None).await.len(), 1);
    let mut cancelled = item("Call", "2027-05-12T10:30", "2027-05-12T10:45", &[t.dean]);
    cancelled.status = AgendaStatus::Cancelled;
    s.update_agenda_item(late.record.id, late.record.revision, &cancelled).await.unwrap();
    assert!(open_conflicts(s, None).await.is_empty());
    s.create_agenda_item(t.b, &item("Call again", "2027-05-12T10:30", "2027-05-12T10:45", &[t.dean])).await.unwrap();
    assert_eq!(open_conflicts(s, None).await.len(), 1);
    assert_eq!(open_conflicts(s, Some(t.a)).await.len(), 1);
    let b = s.visit(t.b).await.unwrap();
    let mut off = VisitInput::from(&b);
    off.status = VisitStatus::Cancelled;
    s.update_visit(t.b, b.revision, &off).await.unwrap();
    assert!(open_conflicts(s, None).await.is_empty(), "a cancelled visit's items clash with nothing");
    assert!(open_conflicts(s, Some(t.a)).await.is_empty());
    let _ = talks;
}

#[tokio::test]
async fn an_interpreter_booked_twice_is_named_as_such() {
    let t = two_visits("Asia/Shanghai", "2027-05-12").await;
    let s = &t.s;
    s.create_agenda_item(t.a, &item("Talks", "2027-05-12T10:00", "2027-05-12T11:00", &[t.dean, t.interpreter]))
        .await
        .unwrap();
    s.create_agenda_item(t.b, &item("Tour", "2027-05-12T10:30", "2027-05-12T11:30", &[t.interpreter])).await.unwrap();
    assert_eq!(
        open_conflicts(s, None).await,
        [(ConflictKind::InterpreterDoubleBooked, "Wang Fang".to_owned(), "Talks".to_owned(), "Tour".to_owned())]
    );
}

#[tokio::test]
async fn the_same_wall_clock_time_twice_when_the_clocks_go_back_is_no_conflict() {
    // Zurich's clocks go back from 03:00 to 02:00 on 31 October 2027: 02:30
    // happens twice. 02:30-02:50 the first time and 02:40-03:00 the second
    // look as if they overlap on a wall clock; they are an hour apart.
    let t = two_visits("Europe/Zurich", "2027-10-31").await;
    let s = &t.s;
    s.create_agenda_item(t.a, &item("Night call", "2027-10-31T02:30:00+02:00", "2027-10-31T02:50:00+02:00", &[t.dean]))
        .await
        .unwrap();
    s.create_agenda_item(
        t.b,
        &item("Second call", "2027-10-31T02:40:00+01:00", "2027-10-31T03:00:00+01:00", &[t.dean]),
    )
    .await
    .unwrap();
    assert!(open_conflicts(s, None).await.is_empty());
    // And the first time round they would: 02:40 summer time is in the call.
    s.create_agenda_item(t.b, &item("Early", "2027-10-31T02:40:00+02:00", "2027-10-31T02:45:00+02:00", &[t.dean]))
        .await
        .unwrap();
    assert_eq!(open_conflicts(s, None).await.len(), 1);
}

#[tokio::test]
async fn an_acknowledged_conflict_stops_nagging_until_an_item_moves() {
    let t = two_visits("Asia/Shanghai", "2027-05-12").await;
    let s = &t.s;
    s.create_agenda_item(t.a, &item("Talks", "2027-05-12T10:00", "2027-05-12T11:00", &[t.dean])).await.unwrap();
    let tour =
        s.create_agenda_item(t.b, &item("Tour", "2027-05-12T10:45", "2027-05-12T11:30", &[t.dean])).await.unwrap();
    let key = s.conflicts(&ConflictQuery::default()).await.unwrap().conflicts[0].key.clone();

    // A note is required, and the key must name a conflict there is.
    let e = s.acknowledge_conflict(&key, "  ").await.unwrap_err();
    let Error::Invalid(p) = e else { panic!("{e:?}") };
    assert_eq!(p[0].field, "note");
    let e = s.acknowledge_conflict("person_double_booked:nothing", "fine").await.unwrap_err();
    let Error::Invalid(p) = e else { panic!("{e:?}") };
    assert_eq!((p[0].field.as_str(), p[0].code.as_str()), ("key", "problem-no-such-conflict"));

    s.acknowledge_conflict(&key, "The dean joins the tour late").await.unwrap();
    let list = s.conflicts(&ConflictQuery::default()).await.unwrap();
    assert_eq!((list.open, list.acknowledged, list.conflicts.len()), (0, 1, 0));
    assert_eq!(s.open_conflict_count().await.unwrap(), 0, "the window's count leaves it out too");
    let all = s.conflicts(&ConflictQuery { visit_id: Some(t.b), acknowledged: true }).await.unwrap();
    let ack = all.conflicts[0].acknowledged.as_ref().expect("acknowledged");
    assert_eq!(ack.note, "The dean joins the tour late");
    assert!(!ack.actor.is_empty());

    // Moving the tour makes it a new conflict, which asks again.
    let tr = tour.record;
    s.update_agenda_item(tr.id, tr.revision, &item("Tour", "2027-05-12T10:50", "2027-05-12T11:30", &[t.dean]))
        .await
        .unwrap();
    let list = s.conflicts(&ConflictQuery::default()).await.unwrap();
    assert_eq!((list.open, list.acknowledged), (1, 0));
    assert_eq!(s.open_conflict_count().await.unwrap(), 1);
    let new_key = list.conflicts[0].key.clone();
    assert_ne!(new_key, key);
    s.acknowledge_conflict(&new_key, "Still fine").await.unwrap();
    s.unacknowledge_conflict(&new_key).await.unwrap();
    assert_eq!(s.conflicts(&ConflictQuery::default()).await.unwrap().open, 1);
    assert!(s.unacknowledge_conflict(&new_key).await.is_err());
}

// ----- rooms ---------------------------------------------------------------------

fn room(name: &str, chinese: &str, capacity: Option<u32>) -> RoomInput {
    RoomInput {
        name: name.into(),
        chinese_name: chinese.into(),
        building: "Main building".into(),
        capacity,
        ..Default::default()
    }
}

fn with_room(mut i: AgendaItemInput, room: Uuid) -> AgendaItemInput {
    i.room_id = Some(room);
    i
}

#[tokio::test]
async fn a_room_is_a_record_an_item_takes_and_calendars_name_in_their_language() {
    let t = two_visits("Asia/Shanghai", "2027-05-12").await;
    let s = &t.s;
    // Refused: no name, a Chinese name without Chinese, no seats.
    let e = s.create_room(&RoomInput { capacity: Some(0), chinese_name: "Room".into(), ..Default::default() }).await;
    let Err(Error::Invalid(p)) = e else { panic!("{e:?}") };
    let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["chinese_name", "capacity"]);
    let r = s.create_room(&room("Meeting room", "会议室", Some(12))).await.unwrap();
    let talks = s
        .create_agenda_item(t.a, &with_room(item("Talks", "2027-05-12T10:00", "2027-05-12T11:00", &[t.dean]), r.id))
        .await
        .unwrap()
        .record;
    assert_eq!(talks.room_id, Some(r.id));
    let ics = |lang| {
        let opts = liaison_core::calendar::ExportOptions { lang, ..Default::default() };
        let s = s.clone();
        async move { s.export_ics(liaison_core::calendar::Selection::Visit(t.a), &opts).await.unwrap().text }
    };
    let en = ics(liaison_core::i18n::Lang::En).await;
    assert!(en.contains("LOCATION:Meeting room (会议室)\\, Main building"), "{en}");
    let zh = ics(liaison_core::i18n::Lang::ZhCn).await;
    assert!(zh.contains("LOCATION:会议室 (Meeting room)\\, Main building"), "{zh}");

    // Coming back unchanged, in either language, it keeps its room; a place
    // a calendar app changed comes back as text.
    for (sequence, file) in [(2, &en), (3, &zh)] {
        // A later SEQUENCE, so that the import takes it as a change.
        let file = file.replace("SEQUENCE:0", &format!("SEQUENCE:{sequence}"));
        let plan = s.import_ics(file.as_bytes(), "back.ics", None).await.unwrap();
        assert!(!plan.updated.is_empty(), "{plan:?}");
        let back = s.visit_detail(t.a).await.unwrap().agenda[0].clone();
        assert_eq!(back.sequence, sequence);
        assert_eq!((back.room_id, back.location.as_str()), (Some(r.id), ""));
    }
    let moved = en
        .replace("SEQUENCE:0", "SEQUENCE:5")
        .replace("LOCATION:Meeting room (会议室)\\, Main building", "LOCATION:Garden");
    s.import_ics(moved.as_bytes(), "moved.ics", None).await.unwrap();
    let back = s.visit_detail(t.a).await.unwrap().agenda[0].clone();
    assert_eq!((back.room_id, back.location.as_str()), (None, "Garden"));

    // A room in use stays; one that is not there is named.
    s.update_agenda_item(
        back.id,
        back.revision,
        &with_room(item("Talks", "2027-05-12T10:00", "2027-05-12T11:00", &[t.dean]), r.id),
    )
    .await
    .unwrap();
    let e = s.delete_room(r.id).await.unwrap_err();
    assert!(matches!(e, Error::Conflict(liaison_core::problem::Problem::RoomInUse)), "{e:?}");
    let e = s
        .create_agenda_item(t.a, &with_room(item("Lunch", "2027-05-12T12:00", "2027-05-12T13:00", &[]), Uuid::new_v4()))
        .await
        .unwrap_err();
    let Error::Invalid(p) = e else { panic!("{e:?}") };
    assert_eq!(p[0].field, "room_id");
    let renamed = s.update_room(r.id, r.revision, &room("Blue room", "蓝厅", Some(12))).await.unwrap();
    assert!(renamed.revision > r.revision);
    assert!(ics(liaison_core::i18n::Lang::En).await.contains("LOCATION:Blue room (蓝厅)\\, Main building"));
    assert_eq!(s.rooms().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_room_booked_twice_and_a_room_too_small_are_conflicts() {
    let t = two_visits("Asia/Shanghai", "2027-05-12").await;
    let s = &t.s;
    let small = s.create_room(&room("Small room", "小会议室", Some(1))).await.unwrap();
    // Two people in a room for one: too many. Nobody is in two places.
    s.create_agenda_item(
        t.a,
        &with_room(item("Talks", "2027-05-12T10:00", "2027-05-12T11:00", &[t.dean, t.interpreter]), small.id),
    )
    .await
    .unwrap();
    let list = s.conflicts(&ConflictQuery::default()).await.unwrap();
    assert_eq!(list.conflicts.len(), 1);
    let c = &list.conflicts[0];
    assert_eq!((c.kind, c.people, c.items.len()), (ConflictKind::OverCapacity, Some(2), 1));
    assert_eq!(c.room.as_ref().map(|r| r.name.as_str()), Some("Small room"));
    // The same room for the other visit at the same time: booked twice. The
    // item names nobody, so the visit's two people count: too many as well.
    s.create_agenda_item(t.b, &with_room(item("Tea", "2027-05-12T10:30", "2027-05-12T11:30", &[]), small.id))
        .await
        .unwrap();
    let kinds: Vec<ConflictKind> =
        s.conflicts(&ConflictQuery::default()).await.unwrap().conflicts.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ConflictKind::OverCapacity, ConflictKind::RoomDoubleBooked, ConflictKind::OverCapacity]);
    let of_b = s.conflicts(&ConflictQuery { visit_id: Some(t.b), acknowledged: false }).await.unwrap();
    let kinds: Vec<ConflictKind> = of_b.conflicts.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ConflictKind::RoomDoubleBooked, ConflictKind::OverCapacity], "only those touching the visit");
    // A room of unknown size is never too small.
    let big = s.update_room(small.id, small.revision, &room("Small room", "小会议室", None)).await.unwrap();
    let kinds: Vec<ConflictKind> =
        s.conflicts(&ConflictQuery::default()).await.unwrap().conflicts.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ConflictKind::RoomDoubleBooked]);
    // Acknowledged, then moved: open again.
    let key = s.conflicts(&ConflictQuery::default()).await.unwrap().conflicts[0].key.clone();
    s.acknowledge_conflict(&key, "Tea is in the corner").await.unwrap();
    assert_eq!(s.conflicts(&ConflictQuery::default()).await.unwrap().open, 0);
    let _ = big;
}

#[tokio::test]
async fn rooms_go_through_a_document_and_a_room_nowhere_is_named() {
    let t = two_visits("Asia/Shanghai", "2027-05-12").await;
    let s = &t.s;
    let r = s.create_room(&room("Meeting room", "会议室", Some(12))).await.unwrap();
    s.create_room(&room("Unused", "", None)).await.unwrap();
    s.create_agenda_item(t.a, &with_room(item("Talks", "2027-05-12T10:00", "2027-05-12T11:00", &[t.dean]), r.id))
        .await
        .unwrap();
    let all = s.export_json(liaison_core::interchange::Scope::All).await.unwrap();
    let one = s.export_document(liaison_core::interchange::Scope::Visit(t.a)).await.unwrap();
    assert_eq!(one.rooms.len(), 1, "a visit's document holds the rooms its agenda uses");
    let fresh = liaison_core::testing::service().await;
    let report = fresh.import_json(all.as_bytes(), "all.json").await.unwrap();
    assert_eq!((report.rooms.total, report.rooms.added), (2, 2));
    assert_eq!(fresh.export_json(liaison_core::interchange::Scope::All).await.unwrap(), all);
    assert_eq!(fresh.visit_detail(t.a).await.unwrap().agenda[0].room_id, Some(r.id));

    let mut doc: serde_json::Value = serde_json::from_str(&all).unwrap();
    doc["rooms"] = serde_json::json!([]);
    let empty = liaison_core::testing::service().await;
    let e = empty.import_json(doc.to_string().as_bytes(), "bad.json").await.unwrap_err();
    let Error::Invalid(p) = e else { panic!("{e:?}") };
    let k = doc["visits"].as_array().unwrap().iter().position(|v| v["id"] == t.a.to_string()).unwrap();
    assert_eq!(
        p.iter().map(|p| (p.field.as_str(), p.code.as_str())).collect::<Vec<_>>(),
        [(format!("$.visits[{k}].agenda[0].room_id").as_str(), "problem-room-nowhere")]
    );
    assert_eq!(empty.totals().await.unwrap().visits, 0);
}

// ----- availability --------------------------------------------------------------

fn period(kind: AvailabilityKind, first: &str, last: &str, from: &str, to: &str, zone: &str) -> AvailabilityInput {
    AvailabilityInput {
        kind,
        first_day: first.into(),
        last_day: last.into(),
        from_time: from.into(),
        to_time: to.into(),
        time_zone: zone.into(),
        note: String::new(),
    }
}

async fn outside(s: &liaison_core::Service) -> Vec<String> {
    s.conflicts(&ConflictQuery::default())
        .await
        .unwrap()
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::OutsideAvailability)
        .map(|c| c.items[0].title.clone())
        .collect()
}

#[tokio::test]
async fn a_period_someone_cannot_be_booked_is_checked_and_named_field_by_field() {
    let t = two_visits("Asia/Shanghai", "2027-10-13").await;
    let s = &t.s;
    let bad = [
        (period(AvailabilityKind::Only, "2027-10-12", "2027-10-14", "", "", "Asia/Shanghai"), "from_time"),
        (period(AvailabilityKind::Away, "2027-10-12", "2027-10-14", "9:60", "12:00", "Asia/Shanghai"), "from_time"),
        (period(AvailabilityKind::Away, "2027-10-12", "2027-10-14", "12:00", "09:00", "Asia/Shanghai"), "to_time"),
        (period(AvailabilityKind::Away, "2027-10-14", "2027-10-12", "", "", "Asia/Shanghai"), "last_day"),
        (period(AvailabilityKind::Away, "2027-10-12", "2027-10-14", "09:00", "", "Asia/Shanghai"), "to_time"),
        (period(AvailabilityKind::Away, "2027-10-12", "2029-10-14", "", "", "Asia/Shanghai"), "last_day"),
        (period(AvailabilityKind::Away, "", "2027-10-14", "", "", "Mars/Olympus"), "first_day"),
    ];
    for (input, field) in bad {
        let e = s.add_availability(t.dean, &input).await.unwrap_err();
        let Error::Invalid(p) = e else { panic!("{e:?}") };
        assert_eq!(p[0].field, field, "{input:?}: {p:?}");
    }
    assert!(s.person(t.dean).await.unwrap().availability.is_empty(), "nothing was written");

    // Only mornings on 12-14 October; abroad 1-10 November.
    let mornings = s
        .add_availability(
            t.dean,
            &period(AvailabilityKind::Only, "2027-10-12", "2027-10-14", "08:00", "12:00", "Asia/Shanghai"),
        )
        .await
        .unwrap();
    s.add_availability(t.dean, &period(AvailabilityKind::Away, "2027-11-01", "2027-11-10", "", "", "Asia/Shanghai"))
        .await
        .unwrap();
    assert_eq!(s.person(t.dean).await.unwrap().availability.len(), 2);
    for (title, start, end) in [
        ("Morning talks", "2027-10-13T10:00", "2027-10-13T11:00"),
        ("Afternoon tour", "2027-10-13T13:00", "2027-10-13T14:00"),
        ("Overruns lunch", "2027-10-14T11:30", "2027-10-14T12:30"),
        ("Free again", "2027-10-15T15:00", "2027-10-15T16:00"),
        ("While abroad", "2027-11-05T10:00", "2027-11-05T11:00"),
        ("Back home", "2027-11-11T10:00", "2027-11-11T11:00"),
    ] {
        s.create_agenda_item(t.a, &item(title, start, end, &[t.dean])).await.unwrap();
    }
    assert_eq!(outside(s).await, ["Afternoon tour", "Overruns lunch", "While abroad"]);
    let of_a = s.conflicts(&ConflictQuery { visit_id: Some(t.a), acknowledged: false }).await.unwrap();
    assert_eq!(of_a.open, 3);
    let c = &of_a.conflicts[0];
    assert_eq!(c.person.as_ref().map(|p| p.name.as_str()), Some("He Zhen"));
    assert_eq!(c.availability.as_ref().map(|a| a.id), Some(mornings.id));

    // Mornings and afternoons now: the tour is fine, the lunch too.
    let whole_day = period(AvailabilityKind::Only, "2027-10-12", "2027-10-14", "08:00", "18:00", "Asia/Shanghai");
    s.update_availability(mornings.id, mornings.revision, &whole_day).await.unwrap();
    assert_eq!(outside(s).await, ["While abroad"]);
    let abroad = s.person(t.dean).await.unwrap().availability[1].id;
    s.delete_availability(abroad).await.unwrap();
    assert!(outside(s).await.is_empty());
}

#[tokio::test]
async fn hours_of_availability_follow_the_clock_on_the_day_it_changes() {
    // Zurich goes from 02:00 to 03:00 on 28 March 2027. Away 09:00-12:00
    // that day is 07:00-10:00 UTC, not 08:00-11:00 as the day before.
    let t = two_visits("Europe/Zurich", "2027-03-28").await;
    let s = &t.s;
    s.add_availability(
        t.dean,
        &period(AvailabilityKind::Away, "2027-03-28", "2027-03-28", "09:00", "12:00", "Europe/Zurich"),
    )
    .await
    .unwrap();
    s.create_agenda_item(t.a, &item("Breakfast", "2027-03-28T08:00", "2027-03-28T09:00", &[t.dean])).await.unwrap();
    s.create_agenda_item(t.a, &item("Briefing", "2027-03-28T11:30", "2027-03-28T12:30", &[t.dean])).await.unwrap();
    s.create_agenda_item(t.b, &item("Lunch", "2027-03-28T12:00", "2027-03-28T13:00", &[t.dean])).await.unwrap();
    assert_eq!(outside(s).await, ["Briefing"]);
}

#[tokio::test]
async fn periods_go_through_a_document() {
    let t = two_visits("Asia/Shanghai", "2027-10-13").await;
    let s = &t.s;
    s.add_availability(
        t.dean,
        &period(AvailabilityKind::Only, "2027-10-12", "2027-10-14", "08:00", "12:00", "Asia/Shanghai"),
    )
    .await
    .unwrap();
    let all = s.export_json(liaison_core::interchange::Scope::All).await.unwrap();
    let fresh = liaison_core::testing::service().await;
    fresh.import_json(all.as_bytes(), "all.json").await.unwrap();
    assert_eq!(fresh.person(t.dean).await.unwrap().availability.len(), 1);
    assert_eq!(fresh.export_json(liaison_core::interchange::Scope::All).await.unwrap(), all);
    let mut doc: serde_json::Value = serde_json::from_str(&all).unwrap();
    let k = doc["people"].as_array().unwrap().iter().position(|p| p["id"] == t.dean.to_string()).unwrap();
    doc["people"][k]["availability"][0]["to_time"] = "07:00".into();
    let e =
        liaison_core::testing::service().await.import_json(doc.to_string().as_bytes(), "bad.json").await.unwrap_err();
    let Error::Invalid(p) = e else { panic!("{e:?}") };
    assert_eq!(p[0].field, format!("$.people[{k}].availability[0].to_time"));
}

// ----- the order of items that start together ------------------------------------

#[tokio::test]
async fn items_that_start_together_keep_the_order_the_coordinator_gives_them() {
    let t = two_visits("Asia/Shanghai", "2027-05-12").await;
    let s = &t.s;
    for (title, end) in [("Welcome", "2027-05-12T09:30"), ("Photo", "2027-05-12T09:10"), ("Tea", "2027-05-12T09:45")] {
        s.create_agenda_item(t.a, &item(title, "2027-05-12T09:00", end, &[])).await.unwrap();
    }
    let titles = |d: &VisitDetail| d.agenda.iter().map(|a| a.title.clone()).collect::<Vec<_>>();
    let d = s.visit_detail(t.a).await.unwrap();
    assert_eq!(titles(&d), ["Photo", "Welcome", "Tea"], "by their ends until an order is given");
    // The welcome first, then the photo.
    let photo_before = d.agenda[0].clone();
    let welcome = d.agenda[1].clone();
    let agenda = s.move_agenda_item(welcome.id, welcome.revision, false).await.unwrap();
    let order: Vec<&str> = agenda.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(order, ["Welcome", "Photo", "Tea"]);
    let d = s.visit_detail(t.a).await.unwrap();
    assert_eq!(titles(&d), ["Welcome", "Photo", "Tea"]);
    // Nothing before the first; a stale revision is refused.
    let first = d.agenda[0].clone();
    let e = s.move_agenda_item(first.id, first.revision, false).await.unwrap_err();
    let Error::Invalid(p) = e else { panic!("{e:?}") };
    assert_eq!(p[0].field, "position");
    // The photo moved down a place: a move based on what it was is stale.
    let e = s.move_agenda_item(photo_before.id, photo_before.revision, true).await.unwrap_err();
    assert!(matches!(e, Error::Stale { .. }), "{e:?}");

    // An edit that keeps the start keeps the place; documents and calendar
    // files that come back keep it too.
    let photo = d.agenda[1].clone();
    s.update_agenda_item(photo.id, photo.revision, &item("Group photo", "2027-05-12T09:00", "2027-05-12T09:10", &[]))
        .await
        .unwrap();
    assert_eq!(titles(&s.visit_detail(t.a).await.unwrap()), ["Welcome", "Group photo", "Tea"]);
    let ics = s.export_ics(liaison_core::calendar::Selection::Visit(t.a), &Default::default()).await.unwrap().text;
    s.import_ics(
        ics.replace("SEQUENCE:0", "SEQUENCE:7").replace("SEQUENCE:1", "SEQUENCE:7").as_bytes(),
        "back.ics",
        None,
    )
    .await
    .unwrap();
    assert_eq!(titles(&s.visit_detail(t.a).await.unwrap()), ["Welcome", "Group photo", "Tea"]);
    let json = s.export_json(liaison_core::interchange::Scope::All).await.unwrap();
    let fresh = liaison_core::testing::service().await;
    fresh.import_json(json.as_bytes(), "all.json").await.unwrap();
    assert_eq!(titles(&fresh.visit_detail(t.a).await.unwrap()), ["Welcome", "Group photo", "Tea"]);
    assert_eq!(fresh.export_json(liaison_core::interchange::Scope::All).await.unwrap(), json);
}

#[tokio::test]
async fn rooms_and_periods_of_availability_are_in_the_history() {
    let s = liaison_core::testing::service().await;
    let hall = s.create_room(&room("Zephyr Hall", "西风厅", Some(12))).await.unwrap();
    s.update_room(hall.id, hall.revision, &room("Zephyr Hall", "西风厅", Some(20))).await.unwrap();
    s.delete_room(hall.id).await.unwrap();
    let lines: Vec<String> = s.record_history(hall.id, 10).await.unwrap().into_iter().map(|l| l.text).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[2].contains("added the room 'Zephyr Hall'"), "{lines:?}");
    assert!(lines[1].contains("seats from 12 to 20"), "{lines:?}");
    assert!(lines[0].contains("deleted the room 'Zephyr Hall'"), "{lines:?}");
    let zh: Vec<String> = s
        .record_history_in(hall.id, 10, liaison_core::i18n::Lang::ZhCn)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert!(zh[1].contains("座位数"), "{zh:?}");

    // A person's periods are part of the person's history.
    let p = s.create_person(&PersonInput { name: "Li Wei".into(), ..Default::default() }).await.unwrap();
    let away = period(AvailabilityKind::Away, "2027-11-01", "2027-11-10", "", "", "Europe/Zurich");
    let a = s.add_availability(p.id, &away).await.unwrap();
    s.delete_availability(a.id).await.unwrap();
    let lines: Vec<String> = s.record_history(p.id, 10).await.unwrap().into_iter().map(|l| l.text).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[1].contains("availability") && lines[1].contains("away 2027-11-01 – 2027-11-10"), "{lines:?}");
    assert!(lines[0].contains("availability"), "{lines:?}");
}

/// The ATTENDEE lines of the event with `summary` in an exported file, each
/// as its email and ROLE.
fn attendees_of(ics: &str, summary: &str) -> Vec<(String, String)> {
    let unfolded = ics.replace("\r\n ", "");
    let event = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.lines().any(|l| l == format!("SUMMARY:{summary}")))
        .unwrap_or_else(|| panic!("no event {summary}"));
    event
        .lines()
        .filter(|l| l.starts_with("ATTENDEE"))
        .map(|l| {
            let role = l.split(';').find_map(|p| p.strip_prefix("ROLE=")).unwrap_or("").split(':').next().unwrap();
            (l.rsplit_once("mailto:").unwrap().1.to_owned(), role.to_owned())
        })
        .collect()
}

#[tokio::test]
async fn an_item_names_its_chair_and_speakers_among_its_people() {
    let s = &liaison_core::testing::service().await;
    let person = |name: &str, email: &str| PersonInput { name: name.into(), email: email.into(), ..Default::default() };
    let dean = s.create_person(&person("He Zhen", "he.zhen@bnu.example")).await.unwrap().id;
    let zhang = s.create_person(&person("Zhang Huidong", "zhang@iprcc.example")).await.unwrap().id;
    let wang = s.create_person(&person("Wang Fang", "wang@bnu.example")).await.unwrap().id;
    let visit = VisitInput {
        title: "IPRCC delegation".into(),
        start: "2027-05-12T09:00".into(),
        end: "2027-05-12T17:00".into(),
        time_zone: "Asia/Shanghai".into(),
        ..Default::default()
    };
    let a = s.create_visit(&visit).await.unwrap().record.id;
    for (id, side, role) in [
        (dean, Side::Host, Role::Host),
        (zhang, Side::Guest, Role::HeadOfDelegation),
        (wang, Side::Host, Role::Interpreter),
    ] {
        s.set_participant(a, &ParticipantInput { person_id: id, side, role, precedence: None }).await.unwrap();
    }
    let item_of =
        |id: Uuid| async move { s.visit_detail(a).await.unwrap().agenda.into_iter().find(|x| x.id == id).unwrap() };
    let people = [dean, zhang, wang];
    let talks = AgendaItemInput {
        chair_id: Some(dean),
        speaker_ids: vec![zhang, dean],
        ..item("Talks", "2027-05-12T10:00", "2027-05-12T11:00", &people)
    };
    let saved = s.create_agenda_item(a, &talks).await.unwrap().record;
    assert_eq!((saved.chair_id, saved.speaker_ids.clone()), (Some(dean), vec![zhang, dean]));
    let read = item_of(saved.id).await;
    assert_eq!(read, saved, "read back as saved: the speakers in their order, not by precedence");

    // A chair or speaker who is not in the item, or a speaker named twice,
    // is refused by field, and nothing is written.
    let outsider = s.create_person(&PersonInput { name: "Liu Yang".into(), ..Default::default() }).await.unwrap().id;
    for (bad, field) in [
        (AgendaItemInput { chair_id: Some(outsider), ..talks.clone() }, "chair_id"),
        (AgendaItemInput { speaker_ids: vec![zhang, outsider], ..talks.clone() }, "speaker_ids[1]"),
        (AgendaItemInput { speaker_ids: vec![zhang, zhang], ..talks.clone() }, "speaker_ids[1]"),
        (AgendaItemInput { participant_ids: vec![zhang], ..talks.clone() }, "chair_id"),
    ] {
        let e = s.update_agenda_item(saved.id, saved.revision, &bad).await.unwrap_err();
        let Error::Invalid(p) = e else { panic!("{e:?}") };
        assert_eq!(p[0].field, field, "{p:?}");
        assert_eq!(item_of(saved.id).await, saved, "nothing written");
    }

    // A new speaking order is a change calendars must see, and is history.
    let reordered = AgendaItemInput { speaker_ids: vec![dean, zhang], ..talks.clone() };
    let after = s.update_agenda_item(saved.id, saved.revision, &reordered).await.unwrap().record;
    assert_eq!(after.speaker_ids, [dean, zhang]);
    assert_eq!(after.sequence, saved.sequence + 1);
    let lines: Vec<String> = s.record_history(saved.id, 10).await.unwrap().into_iter().map(|l| l.text).collect();
    assert!(lines[0].contains("speakers from Zhang Huidong, He Zhen to He Zhen, Zhang Huidong"), "{lines:?}");

    // In an invitation the chair alone has ROLE=CHAIR: not the head of
    // delegation by rank, as the visit's own event has it.
    let chaired =
        AgendaItemInput { chair_id: Some(zhang), ..item("Lunch", "2027-05-12T12:00", "2027-05-12T13:00", &people) };
    let lunch = s.create_agenda_item(a, &chaired).await.unwrap().record;
    let opts = liaison_core::calendar::ExportOptions {
        method: liaison_core::calendar::Method::Request,
        organizer: Some("office@bnu.example".into()),
        ..Default::default()
    };
    let ics = s.export_ics(liaison_core::calendar::Selection::Visit(a), &opts).await.unwrap().text;
    let role = |summary: &str, email: &str| {
        attendees_of(&ics, summary).into_iter().find(|(e, _)| e == email).map(|(_, r)| r).unwrap()
    };
    assert_eq!(role("Talks", "he.zhen@bnu.example"), "CHAIR");
    assert_eq!(role("Talks", "zhang@iprcc.example"), "REQ-PARTICIPANT");
    assert_eq!(role("Lunch", "zhang@iprcc.example"), "CHAIR");
    assert_eq!(role("Lunch", "he.zhen@bnu.example"), "REQ-PARTICIPANT");
    assert!(ics.contains("He Zhen (chair) (speaker 1)"), "{ics}");

    // The chair comes back from a calendar file; the speakers, which a
    // calendar file does not carry, are kept.
    let unchaired = AgendaItemInput { chair_id: None, ..reordered.clone() };
    s.update_agenda_item(saved.id, after.revision, &unchaired).await.unwrap();
    let bumped = ics.replace("SEQUENCE:1\r\n", "SEQUENCE:9\r\n").replace("SEQUENCE:0\r\n", "SEQUENCE:9\r\n");
    s.import_ics(bumped.as_bytes(), "back.ics", None).await.unwrap();
    let back = item_of(saved.id).await;
    assert_eq!((back.chair_id, back.speaker_ids.clone()), (Some(dean), vec![dean, zhang]));
    assert_eq!(item_of(lunch.id).await.chair_id, Some(zhang));

    // Through a document, and into a copy of the visit.
    let json = s.export_json(liaison_core::interchange::Scope::All).await.unwrap();
    let fresh = liaison_core::testing::service().await;
    fresh.import_json(json.as_bytes(), "all.json").await.unwrap();
    let moved = fresh.visit_detail(a).await.unwrap().agenda.into_iter().find(|x| x.id == saved.id).unwrap();
    assert_eq!((moved.chair_id, moved.speaker_ids), (Some(dean), vec![dean, zhang]));
    let copy = s.copy_visit(a, &copy("IPRCC returns", "2028-05-10")).await.unwrap().record.id;
    let copied = s.visit_detail(copy).await.unwrap().agenda;
    let talks_copy = copied.iter().find(|a| a.title == "Talks").unwrap();
    assert_eq!((talks_copy.chair_id, talks_copy.speaker_ids.clone()), (Some(dean), vec![dean, zhang]));

    // Someone who leaves the visit leaves the chair and the speakers.
    s.remove_participant(a, dean).await.unwrap();
    let left = item_of(saved.id).await;
    assert_eq!((left.chair_id, left.speaker_ids), (None, vec![zhang]));
}
