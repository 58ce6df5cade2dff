//! Issue 2's figures on the benchmark data set (10,000 visits, 100,000 agenda
//! items, 20,000 people, 30,000 follow-ups), on a real database file and,
//! with LIAISON_BENCH_POSTGRES set to an administrator's URL, on a team
//! database on that PostgreSQL server too (scripts/bench-store starts one):
//!
//!   cargo bench -p liaison-core --bench store
//!   scripts/bench-store          both backends, side by side
//!
//! Targets: import ≤ 3 s, first page of 50 visits ≤ 5 ms, one visit ≤ 5 ms,
//! on either backend for list and show (a local server); the follow-up
//! register's first page ≤ 10 ms, the conflicts of one visit ≤ 10 ms and of
//! the whole database ≤ 1 s (issue 13).
//! The database size, and the same document imported again at once (before
//! a server has analysed the tables), are printed before the timings.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use liaison_core::benchdata::{generate_json, Size};
use liaison_core::calendar::{ExportOptions, Selection};
use liaison_core::interchange::Scope;
use liaison_core::model::{
    CalendarQuery, ConflictQuery, DueWithin, FollowUpQuery, FollowUpSort, FollowUpStatus, VisitQuery,
};
use liaison_core::search::SearchQuery;
use liaison_core::Service;

#[path = "support/alloc.rs"]
mod alloc;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// Where a fresh, empty database comes from.
enum Backend {
    File(tempfile::TempDir),
    Team(String),
}

impl Backend {
    fn name(&self) -> &'static str {
        match self {
            Backend::File(_) => "sqlite",
            Backend::Team(_) => "postgres",
        }
    }

    async fn fresh(&self, n: usize) -> Service {
        self.fresh_at(n).await.0
    }

    /// The store, and a team database's URL (with the administrator's rights).
    async fn fresh_at(&self, n: usize) -> (Service, Option<String>) {
        match self {
            Backend::File(dir) => (Service::open(&dir.path().join(format!("bench-{n}.db"))).await.unwrap(), None),
            Backend::Team(admin) => {
                let url = liaison_core::testing::team_database_on(admin).await;
                (Service::open_team(&url).await.unwrap(), Some(url))
            }
        }
    }
}

fn bench_backend(c: &mut Criterion, rt: &tokio::runtime::Runtime, json: &[u8], backend: &Backend) {
    let name = backend.name();
    let (store, team_url) = rt.block_on(backend.fresh_at(0));
    let started = Instant::now();
    let report = rt.block_on(store.import_json(json, "bench")).unwrap();
    println!(
        "{name}: first import: {:.2} s for {} visits, {} agenda items, {} people, {} follow-ups",
        started.elapsed().as_secs_f64(),
        report.visits.total,
        report.agenda_items.total,
        report.people.total,
        report.follow_ups.total
    );
    // The same document again at once: on a server, before autovacuum has
    // analysed what the import wrote, so its reads are planned without
    // statistics (a re-import took minutes so while reading an item's
    // people joined participants). On the file, the same at any time.
    let again = Instant::now();
    let unchanged = rt.block_on(store.import_json(json, "bench")).unwrap();
    assert_eq!(unchanged.agenda_items.unchanged, report.agenda_items.total);
    println!("{name}: the same document again at once: {:.2} s", again.elapsed().as_secs_f64());
    // A server's autovacuum analyses the tables within a minute or so of an
    // import; the reads below are measured as they run from then on, not
    // in the minute a fresh import leaves the planner without statistics
    // (the conflicts of one visit took 41 ms then, 2 ms after).
    if let Some(url) = &team_url {
        rt.block_on(async {
            use sqlx::Connection;
            let mut c = sqlx::postgres::PgConnection::connect(url).await.unwrap();
            sqlx::raw_sql("VACUUM ANALYZE").execute(&mut c).await.unwrap();
            c.close().await.ok();
        });
    }
    if let (Backend::File(dir), Some(path)) = (backend, store.path()) {
        let path = path.to_owned();
        rt.block_on(async {
            // On a connection of its own: the size of the file, not of its WAL.
            use sqlx::{ConnectOptions, Connection};
            if let Ok(mut c) = liaison_core::testing::sqlite_file(&path).connect().await {
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut c).await.ok();
                c.close().await.ok();
            }
        });
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!("{name}: database size: {:.1} MB ({size} bytes) in {}", size as f64 / 1e6, dir.path().display());
    }

    let mut g = c.benchmark_group(format!("{name}/write"));
    g.sample_size(10).measurement_time(Duration::from_secs(30)).warm_up_time(Duration::from_secs(1));
    let mut n = 0;
    g.bench_function("import 10k visits into an empty database", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let s = rt.block_on(backend.fresh(n));
                let t = Instant::now();
                black_box(rt.block_on(s.import_json(json, "bench")).unwrap());
                total += t.elapsed();
                rt.block_on(s.close());
                if let Some(p) = s.path() {
                    let _ = std::fs::remove_file(p);
                }
            }
            total
        })
    });
    g.bench_function("export everything as JSON", |b| {
        b.iter(|| black_box(rt.block_on(store.export_json(Scope::All)).unwrap().len()))
    });
    g.bench_function("export everything as a calendar file", |b| {
        b.iter(|| {
            black_box(rt.block_on(store.export_ics(Selection::All, &ExportOptions::default())).unwrap().text.len())
        })
    });
    g.finish();

    let mut g = c.benchmark_group(format!("{name}/read"));
    g.sample_size(100);
    let page = VisitQuery { limit: 50, ..Default::default() };
    g.bench_function("first page of 50 visits", |b| {
        b.iter(|| rt.block_on(store.visit_page(black_box(&page))).unwrap())
    });
    let middle =
        rt.block_on(store.visit_page(&VisitQuery { offset: 5_000, limit: 1, ..Default::default() })).unwrap().visits[0]
            .id;
    g.bench_function("show one visit", |b| b.iter(|| rt.block_on(store.visit_detail(black_box(middle))).unwrap()));
    let search = VisitQuery { text: "IDS42".into(), limit: 50, ..Default::default() };
    g.bench_function("search visits by organisation", |b| {
        b.iter(|| rt.block_on(store.visit_page(black_box(&search))).unwrap())
    });
    // Issue 13: the follow-up register of all 30,000 follow-ups. The first
    // page as the window opens it (still to do, by due date), and sorted by
    // the owner's name (a join before the page is cut).
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let still = FollowUpQuery {
        statuses: vec![FollowUpStatus::Open, FollowUpStatus::InProgress],
        limit: 50,
        ..Default::default()
    };
    g.bench_function("follow-up register: first page", |b| {
        b.iter(|| rt.block_on(store.follow_up_register(black_box(&still), today)).unwrap())
    });
    let by_owner = FollowUpQuery { sort: FollowUpSort::Owner, descending: true, ..still.clone() };
    g.bench_function("follow-up register: by owner", |b| {
        b.iter(|| rt.block_on(store.follow_up_register(black_box(&by_owner), today)).unwrap())
    });
    let overdue = FollowUpQuery { due: DueWithin::Overdue, limit: 50, ..Default::default() };
    g.bench_function("follow-up register: overdue", |b| {
        b.iter(|| rt.block_on(store.follow_up_register(black_box(&overdue), today)).unwrap())
    });
    // Issue 13: conflicts, of one visit (the middle one) and of everything.
    let one = ConflictQuery { visit_id: Some(middle), acknowledged: false };
    let found = rt.block_on(store.conflicts(&one)).unwrap();
    let all = rt.block_on(store.conflicts(&ConflictQuery::default())).unwrap();
    // And of a visit that has some.
    let busy = all.conflicts.first().map(|c| c.items[0].visit_id).unwrap_or(middle);
    let clashing = ConflictQuery { visit_id: Some(busy), acknowledged: false };
    let of_busy = rt.block_on(store.conflicts(&clashing)).unwrap().open;
    println!(
        "{name}: conflicts: {} of the middle visit, {of_busy} of another, {} in the whole database",
        found.open, all.open
    );
    g.bench_function("conflicts of one visit", |b| b.iter(|| rt.block_on(store.conflicts(black_box(&one))).unwrap()));
    g.bench_function("conflicts of a visit that has some", |b| {
        b.iter(|| rt.block_on(store.conflicts(black_box(&clashing))).unwrap())
    });
    // Issue 13: the calendar. A month (six weeks, as the month view asks)
    // and a week of the middle visit, in a zone other than the visits'
    // own, unfiltered; the week with its items' conflicts worked out.
    let middle_visit = rt.block_on(store.visit(middle)).unwrap();
    let day = middle_visit.start_local[..10].to_owned();
    let calendar = |first_day: &str, days: u32| CalendarQuery {
        first_day: first_day.to_owned(),
        days,
        zone: "Europe/Zurich".into(),
        visit_kinds: vec![],
        visit_statuses: vec![],
        organisation_id: None,
        person_id: None,
        room_id: None,
        conflicts: true,
        per_day: None,
    };
    let month = calendar(&format!("{}-01", &day[..7]), 42);
    let week = calendar(&day, 7);
    let week_bare = CalendarQuery { conflicts: false, ..week.clone() };
    let m = rt.block_on(store.calendar(&month)).unwrap();
    let w = rt.block_on(store.calendar(&week)).unwrap();
    println!(
        "{name}: calendar: a month from {} holds {} visits and {} items; the week from {day} {} and {} ({} in conflict)",
        month.first_day,
        m.visits.len(),
        m.items.len(),
        w.visits.len(),
        w.items.len(),
        w.items.iter().filter(|i| i.conflicts > 0).count()
    );
    // The window asks for a month's first three a day (what its cells show).
    let month_shown = CalendarQuery { per_day: Some(3), ..month.clone() };
    let ms = rt.block_on(store.calendar(&month_shown)).unwrap();
    println!("{name}: calendar: the window's month: {} visits and {} items", ms.visits.len(), ms.items.len());
    g.bench_function("calendar: a month", |b| b.iter(|| rt.block_on(store.calendar(black_box(&month))).unwrap()));
    g.bench_function("calendar: a month, three a day", |b| {
        b.iter(|| rt.block_on(store.calendar(black_box(&month_shown))).unwrap())
    });
    g.bench_function("calendar: a week", |b| b.iter(|| rt.block_on(store.calendar(black_box(&week_bare))).unwrap()));
    g.bench_function("calendar: a week with its conflicts", |b| {
        b.iter(|| rt.block_on(store.calendar(black_box(&week))).unwrap())
    });
    // Issue 13: one search across everything, for queries from the
    // narrowest to the broadest: a two-character name, a surname that
    // thousands share, one letter (as the first key is typed), a Chinese run
    // in 100,000 agenda items, two words, and a miss.
    for q in ["王芳", "wang", "m", "第3场", "müller anna", "cooperation talks", "xyzzy"] {
        let query = SearchQuery::new(q);
        let r = rt.block_on(store.search(&query)).unwrap();
        let shown: usize = r.groups.iter().map(|g| g.hits.len()).sum();
        println!("{name}: search {q:?}: {shown} shown in {} groups", r.groups.len());
        g.bench_function(format!("search {q:?}"), |b| b.iter(|| rt.block_on(store.search(black_box(&query))).unwrap()));
    }
    g.finish();
    let mut g = c.benchmark_group(format!("{name}/across"));
    g.sample_size(10);
    g.bench_function("conflicts of the whole database", |b| {
        b.iter(|| rt.block_on(store.conflicts(black_box(&ConflictQuery::default()))).unwrap())
    });
    // What the window asks after every save, for the count in its bar.
    g.bench_function("open conflicts of the whole database, counted", |b| {
        b.iter(|| rt.block_on(store.open_conflict_count()).unwrap())
    });
    g.finish();
    rt.block_on(store.close());
}

fn bench(c: &mut Criterion) {
    alloc::headless();
    let rt = runtime();
    let json = generate_json(Size::BENCH, liaison_core::benchdata::BENCH_SEED);
    println!("benchmark document: {:.1} MB of JSON", json.len() as f64 / 1e6);
    bench_backend(c, &rt, &json, &Backend::File(tempfile::tempdir().unwrap()));
    if let Ok(admin) = std::env::var("LIAISON_BENCH_POSTGRES") {
        bench_backend(c, &rt, &json, &Backend::Team(admin));
    } else {
        println!("postgres: not measured (set LIAISON_BENCH_POSTGRES, or run scripts/bench-store)");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
