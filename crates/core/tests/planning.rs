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
    let new_key = list.conflicts[0].key.clone();
    assert_ne!(new_key, key);
    s.acknowledge_conflict(&new_key, "Still fine").await.unwrap();
    s.unacknowledge_conflict(&new_key).await.unwrap();
    assert_eq!(s.conflicts(&ConflictQuery::default()).await.unwrap().open, 1);
    assert!(s.unacknowledge_conflict(&new_key).await.is_err());
}
