//! Issue 2's figures on the benchmark data set (10,000 visits, 100,000 agenda
//! items, 20,000 people, 30,000 follow-ups), on a real database file:
//!
//!   cargo bench -p liaison-core --bench store
//!
//! Targets: import ≤ 3 s, first page of 50 visits ≤ 5 ms, one visit ≤ 5 ms.
//! The database size is printed before the timings.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use liaison_core::benchdata::{generate_json, Size};
use liaison_core::model::VisitQuery;
use liaison_core::Service;

#[path = "support/alloc.rs"]
mod alloc;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

fn bench(c: &mut Criterion) {
    alloc::headless();
    let rt = runtime();
    let json = generate_json(Size::BENCH, liaison_core::benchdata::BENCH_SEED);
    println!("benchmark document: {:.1} MB of JSON", json.len() as f64 / 1e6);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let store = rt.block_on(Service::open(&path)).unwrap();
    let started = Instant::now();
    let report = rt.block_on(store.import_json(&json, "bench")).unwrap();
    println!(
        "first import: {:.2} s for {} visits, {} agenda items, {} people, {} follow-ups",
        started.elapsed().as_secs_f64(),
        report.visits.total,
        report.agenda_items.total,
        report.people.total,
        report.follow_ups.total
    );
    rt.block_on(async {
        // On a connection of its own: the size of the file, not of its WAL.
        use sqlx::{ConnectOptions, Connection};
        if let Ok(mut c) = sqlx::sqlite::SqliteConnectOptions::new().filename(&path).connect().await {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut c).await.ok();
            c.close().await.ok();
        }
    });
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("database size: {:.1} MB ({size} bytes)", size as f64 / 1e6);

    let mut g = c.benchmark_group("store");
    g.sample_size(10).measurement_time(Duration::from_secs(30)).warm_up_time(Duration::from_secs(1));
    g.bench_function("import 10k visits into an empty file", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for i in 0..iters {
                let p = dir.path().join(format!("import-{i}.db"));
                let s = rt.block_on(Service::open(&p)).unwrap();
                let t = Instant::now();
                black_box(rt.block_on(s.import_json(&json, "bench")).unwrap());
                total += t.elapsed();
                rt.block_on(s.close());
                let _ = std::fs::remove_file(&p);
            }
            total
        })
    });
    g.finish();

    let mut g = c.benchmark_group("read");
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
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
