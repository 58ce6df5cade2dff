//! Property tests: validation holds its promises for any input, and any
//! valid text survives export → import → export unchanged.

use liaison_core::error::Problems;
use liaison_core::interchange::Scope;
use liaison_core::model::*;
use liaison_core::validate::*;
use proptest::prelude::*;

/// Any Unicode text, including control characters, combining marks,
/// right-to-left scripts, CJK and astral-plane characters.
fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..60).prop_map(|c| c.into_iter().collect())
}

/// Text a user could legitimately type on one line: printable, non-blank.
fn one_line() -> impl Strategy<Value = String> {
    "[^\\p{Cc}\\u{2028}\\u{2029}\\u{202A}-\\u{202E}\\u{2066}-\\u{2069}\\u{200B}\\u{2060}\\u{FEFF}]{1,60}"
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

/// Multi-line text: printable lines joined with newlines.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec("[^\\p{Cc}\\u{2028}\\u{2029}]{0,40}", 0..4).prop_map(|lines| lines.join("\n"))
}

/// What a one-line field must not contain.
fn breaks_a_line(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}' || is_deceptive(c)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn line_accepts_only_clean_bounded_text(s in any_text()) {
        let mut p = Problems::new();
        let out = line(&mut p, "f", &s, 30, true);
        if p.is_empty() {
            prop_assert!(!out.is_empty());
            prop_assert!(out.chars().count() <= 30);
            prop_assert!(!out.chars().any(breaks_a_line));
            prop_assert_eq!(out.trim(), out.as_str());
        }
    }

    #[test]
    fn text_never_keeps_a_control_character_other_than_newline_and_tab(s in any_text()) {
        let mut p = Problems::new();
        let out = text(&mut p, "f", &s, 1000);
        if p.is_empty() {
            prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
            prop_assert!(!out.contains('\r'));
        }
    }

    #[test]
    fn a_visit_that_validates_ends_after_it_starts(
        start in "(2021-0[1-9]-[0-2][0-9][T ][0-2][0-9]:[0-5][0-9])|.{0,20}",
        end in "(2021-0[1-9]-[0-2][0-9][T ][0-2][0-9]:[0-5][0-9])|.{0,20}",
        zone in prop::sample::select(vec!["Asia/Shanghai", "Europe/Zurich", "America/New_York", "UTC", "Nowhere/Else", ""]),
    ) {
        let input = VisitInput { title: "T".into(), start, end, time_zone: zone.into(), ..Default::default() };
        if let Ok(v) = VisitData::try_from(&input) {
            prop_assert!(v.ends_at > v.starts_at);
        }
    }

    #[test]
    fn emails_that_validate_have_one_at_and_a_dotted_domain(s in "[a-z@.\\- ]{0,20}") {
        let mut p = Problems::new();
        let out = email(&mut p, "email", &s);
        if p.is_empty() && !out.is_empty() {
            let (_, domain) = out.split_once('@').unwrap();
            prop_assert!(domain.contains('.') && !domain.contains('@'));
        }
    }
}

proptest! {
    // Each case builds two databases; fewer cases keep the suite quick.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_valid_text_round_trips_byte_for_byte(
        org in one_line(), native in one_line(), person in one_line(), title in one_line(),
        purpose in paragraph(), minutes in paragraph(), topic in one_line(), item in one_line(),
        description in paragraph(), follow_up in one_line(),
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let a = liaison_core::testing::service().await;
            let o = a.create_organisation(&OrganisationInput { name: org.clone(), native_name: native.clone(), ..Default::default() }).await.unwrap();
            let p = a.create_person(&PersonInput { name: person.clone(), native_name: native.clone(), organisation_id: Some(o.id), ..Default::default() }).await.unwrap();
            let v = a.create_visit(&VisitInput {
                title: title.clone(), purpose: purpose.clone(), minutes: minutes.clone(), topics: vec![topic.clone()],
                host_org_id: Some(o.id), start: "2021-06-11T09:00".into(), end: "2021-06-11T12:00".into(),
                time_zone: "Asia/Shanghai".into(), ..Default::default()
            }).await.unwrap().record;
            a.set_participant(v.id, &ParticipantInput { person_id: p.id, side: Side::Host, role: Role::Host, precedence: None }).await.unwrap();
            a.create_agenda_item(v.id, &AgendaItemInput {
                start: "2021-06-11T09:00".into(), end: "2021-06-11T10:00".into(), title: item.clone(),
                description: description.clone(), participant_ids: vec![p.id], ..Default::default()
            }).await.unwrap();
            a.create_follow_up(v.id, &FollowUpInput { title: follow_up.clone(), owner_id: Some(p.id), ..Default::default() }).await.unwrap();

            let first = a.export_json(Scope::All).await.unwrap();
            let b = liaison_core::testing::service().await;
            b.import_json(first.as_bytes(), "first").await.unwrap();
            let second = b.export_json(Scope::All).await.unwrap();
            assert_eq!(&first, &second);
            let d = b.visit_detail(v.id).await.unwrap();
            assert_eq!(d.visit.title, title.trim());
            assert_eq!(d.agenda[0].description, description.trim_end());
        });
    }
}
