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
