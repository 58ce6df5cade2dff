//! Team mode on PostgreSQL: what only a server database does. These run in
//! the test command's PostgreSQL pass (`--include-ignored`, with
//! LIAISON_TEST_POSTGRES set), and fail there if no server answers; the
//! SQLite pass lists them as ignored.

use std::time::Duration;

use liaison_core::interchange::Scope;
use liaison_core::model::*;
use liaison_core::sample::SAMPLE_VISIT_ID;
use liaison_core::validate::*;
use liaison_core::{Error, Service};
use sqlx::{ConnectOptions, Connection};
use uuid::Uuid;

async fn sql(url: &str, statement: &str) {
    let mut c = url.parse::<sqlx::postgres::PgConnectOptions>().unwrap().connect().await.unwrap();
    sqlx::raw_sql(statement).execute(&mut c).await.unwrap();
    c.close().await.unwrap();
}

/// An empty database beside the test ones: the same server, no schema.
async fn empty_database() -> String {
    let url = liaison_core::testing::team_database().await;
    let name = format!("e_{}", uuid::Uuid::new_v4().simple());
    sql(&url, &format!("CREATE DATABASE {name}")).await;
    let mut u = url::Url::parse(&url).unwrap();
    u.set_path(&format!("/{name}"));
    u.to_string()
}

fn refused_saying(r: Result<Service, Error>, words: &str) {
    match r {
        Err(Error::Refused { problem, .. }) => assert!(problem.to_string().contains(words), "{problem}"),
        Err(other) => panic!("expected a refusal saying '{words}', got {other:?}"),
        Ok(_) => panic!("expected a refusal saying '{words}', but it opened"),
    }
}

#[tokio::test]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it"]
async fn a_database_is_opened_only_at_the_schema_this_build_knows() {
    let empty = empty_database().await;
    refused_saying(Service::open_team(&empty).await, "liaison team init");
    Service::init_team(&empty).await.unwrap();
    assert!(matches!(Service::init_team(&empty).await, Err(Error::Refused { .. })), "init twice");
    let s = Service::open_team(&empty).await.unwrap();
    let password = url::Url::parse(&empty).unwrap().password().map(str::to_owned).expect("the test server asks one");
    assert!(!s.location().contains(&password), "shown without its password: {}", s.location());
    s.close().await;

    // A newer Liaison migrated it: this one says which version it needs.
    sql(
        &empty,
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (9999, 'from the future', true, '\\x00', 0)",
    )
    .await;
    refused_saying(Service::open_team(&empty).await, "newer Liaison");
    // An older one: an administrator must migrate it, not a launch.
    sql(&empty, "DELETE FROM _sqlx_migrations").await;
    sql(
        &empty,
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (0, 'from the past', true, '\\x00', 0)",
    )
    .await;
    refused_saying(Service::open_team(&empty).await, "administrator must migrate");

    let foreign = empty_database().await;
    sql(&foreign, "CREATE TABLE invoices (id int)").await;
    refused_saying(Service::open_team(&foreign).await, "not a Liaison database");
    assert!(matches!(Service::init_team(&foreign).await, Err(Error::Refused { .. })));
}

#[tokio::test]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it"]
async fn a_wrong_password_and_an_unreachable_server_are_said_plainly() {
    let url = liaison_core::testing::team_database().await;
    // Roles belong to the whole server: a name of this run's own.
    let role = format!("outsider_{}", uuid::Uuid::new_v4().simple());
    sql(&url, &format!("CREATE ROLE {role} LOGIN PASSWORD 'right'")).await;
    let mut u = url::Url::parse(&url).unwrap();
    u.set_username(&role).unwrap();
    u.set_password(Some("wrong")).unwrap();
    match Service::open_team(u.as_str()).await {
        Err(Error::Refused { problem, path }) => {
            let message = problem.to_string();
            assert!(message.contains("user name or password"), "{message}");
            assert!(!path.contains("wrong"), "the password is never shown: {path}");
        }
        other => panic!("{other:?}"),
    }
    let mut u = url::Url::parse(&url).unwrap();
    u.set_port(Some(1)).unwrap();
    match Service::open_team(u.as_str()).await {
        Err(Error::Refused { problem, path }) => {
            let message = problem.to_string();
            assert!(message.contains("cannot be reached"), "{message}");
            assert!(!path.contains("right"));
        }
        other => panic!("{other:?}"),
    }
    let mut u = url::Url::parse(&url).unwrap();
    u.set_path("/no_such_database");
    match Service::open_team(u.as_str()).await {
        Err(Error::Refused { problem, .. }) => assert!(problem.to_string().contains("no such database"), "{problem}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it"]
async fn two_coordinators_on_two_machines_never_overwrite_each_other() {
    let url = liaison_core::testing::team_database().await;
    let a = Service::open_team(&url).await.unwrap();
    let b = Service::open_team(&url).await.unwrap();
    a.load_sample().await.unwrap();
    let mut watcher = b.watch_changes().await.unwrap().expect("a team database can be watched");
    // Both open the same visit.
    let seen_a = a.visit(SAMPLE_VISIT_ID).await.unwrap();
    let seen_b = b.visit(SAMPLE_VISIT_ID).await.unwrap();
    assert_eq!(seen_a.revision, seen_b.revision);
    let input = |title: &str, v: &Visit| VisitInput {
        kind: v.kind,
        title: title.into(),
        purpose: v.purpose.clone(),
        status: v.status,
        host_org_id: v.host_org_id,
        guest_org_id: v.guest_org_id,
        start: v.start_local.clone(),
        end: v.end_local.clone(),
        time_zone: v.time_zone.clone(),
        venue: v.venue.clone(),
        online_link: v.online_link.clone(),
        notes: v.notes.clone(),
        minutes: v.minutes.clone(),
        topics: v.topics.clone(),
    };
    a.update_visit(SAMPLE_VISIT_ID, seen_a.revision, &input("A's title", &seen_a)).await.unwrap();
    // B saves over what it opened, which is no longer the latest.
    match b.update_visit(SAMPLE_VISIT_ID, seen_b.revision, &input("B's title", &seen_b)).await {
        Err(Error::Stale { .. }) => {}
        other => panic!("B overwrote A: {other:?}"),
    }
    assert_eq!(b.visit(SAMPLE_VISIT_ID).await.unwrap().title, "A's title");
    // B's window hears of A's save without asking the tables.
    let mut heard = false;
    for _ in 0..40 {
        if watcher.changed().await.unwrap() {
            heard = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(heard, "no notification of a colleague's save");
    assert!(!watcher.changed().await.unwrap(), "heard once");
}

#[tokio::test]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it"]
async fn an_office_moves_from_its_file_to_the_team_database_and_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = Service::open(&dir.path().join("mine.db")).await.unwrap();
    file.load_sample().await.unwrap();
    // Something of every kind beyond the sample: Chinese text, a person
    // with no Latin name and one in a third script, a follow-up without a
    // date.
    let org = file
        .create_organisation(&OrganisationInput {
            name: "Zhejiang Institute".into(),
            chinese_name: "浙江学院".into(),
            native_name: "".into(),
            acronym: "ZJI".into(),
            country: "CN".into(),
            kind: OrgKind::University,
            notes: "".into(),
        })
        .await
        .unwrap();
    file.create_person(&PersonInput {
        name: "".into(),
        chinese_name: "王芳".into(),
        native_name: "Ван Фан".into(),
        organisation_id: Some(org.id),
        ..Default::default()
    })
    .await
    .unwrap();
    let exported = file.export_json(Scope::All).await.unwrap();

    let url = liaison_core::testing::team_database().await;
    let team = Service::open_team(&url).await.unwrap();
    team.import_json(exported.as_bytes(), "mine.json").await.unwrap();
    let from_team = team.export_json(Scope::All).await.unwrap();
    assert_eq!(from_team, exported, "the team database exports what the file did");

    let back = Service::open(&dir.path().join("back.db")).await.unwrap();
    back.import_json(from_team.as_bytes(), "team.json").await.unwrap();
    assert_eq!(back.export_json(Scope::All).await.unwrap(), exported);
}

#[tokio::test]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it"]
async fn a_viewer_reads_and_the_server_refuses_their_writes_while_a_coordinator_writes() {
    let url = liaison_core::testing::team_database().await;
    let admin = Service::open_team(&url).await.unwrap();
    admin.load_sample().await.unwrap();
    admin.close().await;
    let database = url::Url::parse(&url).unwrap().path().trim_start_matches('/').to_owned();
    // Databases made by the test helper are copies of a template, whose
    // roles they share; a real database has its own (team init).
    let roles = "liaison_template";
    let suffix = uuid::Uuid::new_v4().simple().to_string();
    let (viewer, coordinator) = (format!("v_{suffix}"), format!("c_{suffix}"));
    sql(
        &url,
        &format!(
            "CREATE ROLE {viewer} LOGIN PASSWORD 'pw'; GRANT {roles}_viewer TO {viewer}; \
             CREATE ROLE {coordinator} LOGIN PASSWORD 'pw'; GRANT {roles}_coordinator TO {coordinator};"
        ),
    )
    .await;
    let as_user = |user: &str| {
        let mut u = url::Url::parse(&url).unwrap();
        u.set_username(user).unwrap();
        u.set_password(Some("pw")).unwrap();
        u.set_path(&format!("/{database}"));
        u.to_string()
    };

    let v = Service::open_team(&as_user(&viewer)).await.unwrap();
    assert!(!v.may_write().await.unwrap());
    assert_eq!(v.visit_detail(SAMPLE_VISIT_ID).await.unwrap().agenda.len(), 6, "a viewer reads everything");
    match v.delete_visit(SAMPLE_VISIT_ID).await {
        Err(Error::ReadOnly(problem)) => assert_eq!(problem, liaison_core::problem::Problem::ReadOnlyViewer),
        other => panic!("a viewer deleted a visit: {other:?}"),
    }
    // The server refuses it too, whatever the client does.
    let mut c = as_user(&viewer).parse::<sqlx::postgres::PgConnectOptions>().unwrap().connect().await.unwrap();
    let refused = sqlx::query("DELETE FROM visits").execute(&mut c).await.unwrap_err();
    assert!(refused.to_string().contains("permission denied"), "{refused}");

    let c = Service::open_team(&as_user(&coordinator)).await.unwrap();
    assert!(c.may_write().await.unwrap());
    // Schema 5's links: a coordinator carries a follow-up into a later
    // visit and takes it off again; a viewer may not.
    let later = c
        .copy_visit(
            SAMPLE_VISIT_ID,
            &liaison_core::validate::VisitCopyInput { title: "Later".into(), start_date: "2027-06-10".into() },
        )
        .await
        .unwrap()
        .record
        .id;
    let offered = c.visit_detail(later).await.unwrap().earlier_open[0].follow_up.id;
    c.carry_follow_up(later, offered).await.unwrap();
    assert!(matches!(v.uncarry_follow_up(later, offered).await, Err(Error::ReadOnly(_))));
    assert_eq!(v.visit_detail(later).await.unwrap().carried.len(), 1);
    c.uncarry_follow_up(later, offered).await.unwrap();
    // Schema 6's acknowledgements: the same, for a conflict.
    c.copy_visit(
        SAMPLE_VISIT_ID,
        &liaison_core::validate::VisitCopyInput { title: "Twin".into(), start_date: "2021-06-11".into() },
    )
    .await
    .unwrap();
    let key = c.conflicts(&Default::default()).await.unwrap().conflicts[0].key.clone();
    c.acknowledge_conflict(&key, "A rehearsal").await.unwrap();
    assert!(matches!(v.unacknowledge_conflict(&key).await, Err(Error::ReadOnly(_))));
    let seen = v.conflicts(&liaison_core::model::ConflictQuery { visit_id: None, acknowledged: true }).await.unwrap();
    let ack = seen.conflicts.iter().find(|x| x.key == key).and_then(|x| x.acknowledged.clone()).expect("acknowledged");
    assert_eq!(ack.actor, coordinator, "the server says who");
    c.unacknowledge_conflict(&key).await.unwrap();
    // Schema 7's rooms.
    let room =
        liaison_core::validate::RoomInput { name: "Meeting room".into(), capacity: Some(12), ..Default::default() };
    let r = c.create_room(&room).await.unwrap();
    assert!(matches!(v.create_room(&room).await, Err(Error::ReadOnly(_))));
    assert_eq!(v.rooms().await.unwrap(), std::slice::from_ref(&r));
    c.delete_room(r.id).await.unwrap();
    // Schema 16's seating: saved by a coordinator, not by a viewer.
    let mut rules = c.seating(SAMPLE_VISIT_ID).await.unwrap().rules;
    rules.honour = liaison_core::seating::Honour::Left;
    c.save_seating(SAMPLE_VISIT_ID, 0, rules.clone()).await.unwrap();
    assert!(matches!(v.save_seating(SAMPLE_VISIT_ID, 1, rules).await, Err(Error::ReadOnly(_))));
    assert_eq!(v.seating(SAMPLE_VISIT_ID).await.unwrap().rules.honour, liaison_core::seating::Honour::Left);
    // Schema 17's passport data: kept by a coordinator; a viewer cannot
    // even read it, through Liaison or straight from the server.
    let zhang = uuid::Uuid::parse_str("5a3f1c2e-0000-4000-8000-000000000011").unwrap();
    let passport = liaison_core::visa::VisaInput {
        passport_name: "ZHANG HUIDONG".into(),
        gender: "M".into(),
        nationality: "China".into(),
        date_of_birth: "1968-05-02".into(),
        passport_number: "E12345678".into(),
        ..Default::default()
    };
    c.save_visa_details(SAMPLE_VISIT_ID, zhang, 0, &passport).await.unwrap();
    assert_eq!(c.visa_details(SAMPLE_VISIT_ID).await.unwrap().len(), 1);
    assert!(v.visa_details(SAMPLE_VISIT_ID).await.is_err(), "a viewer read passport data");
    let mut raw = as_user(&viewer).parse::<sqlx::postgres::PgConnectOptions>().unwrap().connect().await.unwrap();
    let refused = sqlx::query("SELECT passport_number FROM visa_details").fetch_all(&mut raw).await.unwrap_err();
    assert!(refused.to_string().contains("permission denied"), "{refused}");
    assert_eq!(c.purge_visa_details(SAMPLE_VISIT_ID).await.unwrap(), 1);
    c.delete_visit(SAMPLE_VISIT_ID).await.unwrap();
    assert!(v.visit(SAMPLE_VISIT_ID).await.is_err(), "the viewer sees the coordinator's change");
}

#[tokio::test]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it"]
async fn the_history_names_the_server_user_and_nobody_can_rewrite_it() {
    let url = liaison_core::testing::team_database().await;
    let s = Service::open_team(&url).await.unwrap();
    s.load_sample().await.unwrap();
    let v = s.visit(SAMPLE_VISIT_ID).await.unwrap();
    s.delete_visit(v.id).await.unwrap();
    let lines = s.visit_history(v.id, 10).await.unwrap();
    assert_eq!(lines.len(), 2);
    let user = url::Url::parse(&url).unwrap().username().to_owned();
    assert_eq!(lines[0].entry.actor, user, "who is the server's current_user");
    assert_eq!(lines[0].text, format!("{user} deleted the visit '{}'", v.title));
    // Not even the database's owner rewrites or erases what happened.
    for statement in ["UPDATE history SET actor = 'someone else'", "DELETE FROM history", "TRUNCATE history"] {
        let mut c = url.parse::<sqlx::postgres::PgConnectOptions>().unwrap().connect().await.unwrap();
        let refused = sqlx::raw_sql(statement).execute(&mut c).await.unwrap_err();
        assert!(refused.to_string().contains("append-only"), "{statement}: {refused}");
    }
    assert_eq!(s.visit_history(v.id, 10).await.unwrap().len(), 2);
}

#[tokio::test]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it"]
async fn an_administrator_migrates_an_older_team_database_after_a_backup_it_names() {
    let url = liaison_core::testing::team_database_at_schema(1).await;
    // A coordinator's launch does not migrate it.
    refused_saying(Service::open_team(&url).await, "administrator must migrate");
    let dir = tempfile::tempdir().unwrap();
    let done = Service::migrate_team(&url, dir.path()).await.unwrap();
    assert_eq!((done.from, done.to), (1, liaison_core::service::team_schema_version()));
    let backup = done.backup.expect("a backup before migrating");
    assert!(backup.starts_with(dir.path()));
    let head = std::fs::read(&backup).unwrap();
    assert!(head.starts_with(b"PGDMP"), "pg_dump's custom format");
    // Now it opens, records history, and a second migrate has nothing to do.
    let s = Service::open_team(&url).await.unwrap();
    s.load_sample().await.unwrap();
    assert_eq!(s.visit_history(SAMPLE_VISIT_ID, 10).await.unwrap().len(), 1);
    let again = Service::migrate_team(&url, dir.path()).await.unwrap();
    assert_eq!((again.from, again.backup), (again.to, None));
}

#[tokio::test]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it"]
async fn migrating_sorts_the_old_native_names_into_the_three_forms() {
    // Schema 2 had a Latin and a "native" form; most native ones were Chinese.
    let url = liaison_core::testing::team_database_at_schema(2).await;
    let mut c = sqlx::postgres::PgConnection::connect(&url).await.unwrap();
    sqlx::raw_sql(
        "INSERT INTO organisations (id, name, native_name, kind, created_at, updated_at) VALUES
           ('00000000-0000-4000-8000-000000000a01', 'Russian Academy of Sciences', 'Российская академия наук',
            'research', now(), now()),
           ('00000000-0000-4000-8000-000000000a05', 'IPRCC', '中国国际扶贫中心', 'government', now(), now());
         INSERT INTO people (id, name, native_name, created_at, updated_at) VALUES
           ('00000000-0000-4000-8000-000000000a02', 'Ivan Petrov', 'Иван Петров', now(), now()),
           ('00000000-0000-4000-8000-000000000a03', 'Jürgen Müller', '于尔根·米勒', now(), now()),
           ('00000000-0000-4000-8000-000000000a04', 'Zhang', '张 Zhang', now(), now());",
    )
    .execute(&mut c)
    .await
    .unwrap();
    c.close().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    Service::migrate_team(&url, dir.path()).await.unwrap();
    let s = Service::open_team(&url).await.unwrap();
    let id = |n: u32| Uuid::parse_str(&format!("00000000-0000-4000-8000-000000000{n:03x}")).unwrap();
    let forms = |p: liaison_core::model::Person| (p.name, p.chinese_name, p.native_name);
    assert_eq!(
        forms(s.person(id(0xa02)).await.unwrap().person),
        ("Ivan Petrov".into(), "".into(), "Иван Петров".into())
    );
    assert_eq!(
        forms(s.person(id(0xa03)).await.unwrap().person),
        ("Jürgen Müller".into(), "于尔根·米勒".into(), "".into())
    );
    assert_eq!(forms(s.person(id(0xa04)).await.unwrap().person), ("Zhang".into(), "".into(), "张 Zhang".into()));
    let org = |o: liaison_core::model::Organisation| (o.chinese_name, o.native_name);
    assert_eq!(
        org(s.organisation(id(0xa01), liaison_core::time::today()).await.unwrap().organisation),
        ("".into(), "Российская академия наук".into())
    );
    assert_eq!(
        org(s.organisation(id(0xa05), liaison_core::time::today()).await.unwrap().organisation),
        ("中国国际扶贫中心".into(), "".into())
    );
    // The migration took the records it found into the search index, and a
    // viewer-side read (no write since) finds them.
    let found = |text: &'static str| {
        let s = &s;
        async move {
            let r = s.search(&liaison_core::search::SearchQuery::new(text)).await.unwrap();
            r.groups.into_iter().flat_map(|g| g.hits.into_iter().map(|h| h.id)).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("米勒").await, [id(0xa03)]);
    assert_eq!(found("MULLER").await, [id(0xa03)]);
    assert_eq!(found("扶贫").await, [id(0xa05)]);
    let (indexed, stale) = s.search_index().await.unwrap();
    assert_eq!((indexed.len(), stale), (5, 0));
    s.close().await;
}

#[tokio::test]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it"]
async fn a_connection_is_verified_only_when_the_server_proves_who_it_is() {
    let url = liaison_core::testing::team_database().await;
    let ca = std::env::var("LIAISON_TEST_POSTGRES_CA")
        .expect("LIAISON_TEST_POSTGRES_CA: the test server's CA (scripts/test)");
    let with = |query: &str| format!("{url}?{query}");

    let s = Service::open_team(&with(&format!("sslmode=verify-full&sslrootcert={ca}"))).await.unwrap();
    assert!(s.verified(), "verify-full against the office's CA");
    s.close().await;
    let s = Service::open_team(&with("sslmode=require")).await.unwrap();
    assert!(!s.verified(), "encrypted, but anyone could have answered");
    s.close().await;
    assert!(!Service::open_team(&url).await.unwrap().verified(), "libpq's default (prefer) verifies nothing");
    // The public CAs do not know the office's server: refused, and said so.
    refused_saying(Service::open_team(&with("sslmode=verify-full")).await, "secure connection");

    // The Database setting's fields make the same URL.
    let u = url::Url::parse(&url).unwrap();
    let c = liaison_core::settings::TeamConnection {
        host: "localhost".into(),
        port: u.port().unwrap().to_string(),
        database: u.path().trim_start_matches('/').into(),
        user: u.username().into(),
        tls: liaison_core::settings::TlsMode::VerifyFull,
        ca_file: ca.clone(),
    };
    // The fields carry no password (a coordinator's comes from ~/.pgpass);
    // the test server's is added here.
    let mut made = url::Url::parse(&c.to_url().unwrap()).unwrap();
    assert_eq!(made.password(), None);
    made.set_password(u.password()).unwrap();
    let s = Service::open_team(made.as_str()).await.unwrap();
    assert!(s.verified());
    s.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it"]
async fn of_many_saves_based_on_the_same_revision_at_once_exactly_one_wins() {
    let url = liaison_core::testing::team_database().await;
    let setup = Service::open_team(&url).await.unwrap();
    setup.load_sample().await.unwrap();
    let seen = setup.visit(SAMPLE_VISIT_ID).await.unwrap();
    // Twelve coordinators on twelve machines, all saving over what they
    // opened at the same moment.
    let mut machines = Vec::new();
    for _ in 0..12 {
        machines.push(Service::open_team(&url).await.unwrap());
    }
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(machines.len()));
    let mut saves = Vec::new();
    for (i, s) in machines.into_iter().enumerate() {
        let (start, seen) = (start.clone(), seen.clone());
        saves.push(tokio::spawn(async move {
            let mut input = VisitInput::from(&seen);
            input.title = format!("Saved by coordinator {i}");
            start.wait().await;
            s.update_visit(SAMPLE_VISIT_ID, seen.revision, &input).await
        }));
    }
    let mut won = Vec::new();
    for (i, save) in saves.into_iter().enumerate() {
        match save.await.unwrap() {
            Ok(_) => won.push(i),
            Err(Error::Stale { .. }) => {}
            Err(other) => panic!("coordinator {i}: {other}"),
        }
    }
    assert_eq!(won.len(), 1, "exactly one save over revision {} may win: {won:?}", seen.revision);
    let now = setup.visit(SAMPLE_VISIT_ID).await.unwrap();
    assert_eq!(now.title, format!("Saved by coordinator {}", won[0]));
    assert_eq!(now.revision, seen.revision + 1);
}
