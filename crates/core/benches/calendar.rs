//! Issue 4's figures on the benchmark data set (10,000 visits, 100,000
//! agenda items, 30,000 follow-ups), side by side in one run:
//!
//!   cargo bench -p liaison-core --bench calendar
//!
//! - export of every agenda item to one file: Liaison from the database, and
//!   Liaison's writer alone; the Rust `icalendar` crate writing the same
//!   events with the same VTIMEZONEs; Python `icalendar` (in the test tools'
//!   venv) writing the same events with VTIMEZONEs, timed once by
//!   bench/calendar_python.py. Targets: ≤ 1 s, ≥ 50× Python, faster than the
//!   crate.
//! - import of a 10,000-event file into a database: target ≤ 2 s.

use std::hint::black_box;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use icalendar::{Component as _, EventLike as _};
use liaison_core::benchdata::{generate_json, Size, BENCH_SEED};
use liaison_core::calendar::text::Writer;
use liaison_core::calendar::tz::{is_utc, write_vtimezone};
use liaison_core::calendar::{write_calendar, CalendarSet, ExportOptions, Selection, Tasks};
use liaison_core::model::*;
use liaison_core::time::stored_zone;
use liaison_core::Service;
use serde_json::json;

#[path = "support/alloc.rs"]
mod alloc;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// The VTIMEZONEs of `set`'s agenda, as Liaison writes them.
fn zones(set: &CalendarSet) -> Vec<(String, String)> {
    let mut spans: std::collections::BTreeMap<&str, (DateTime<Utc>, DateTime<Utc>)> = Default::default();
    for a in &set.agenda {
        let s = spans.entry(a.time_zone.as_str()).or_insert((a.starts_at, a.ends_at));
        s.0 = s.0.min(a.starts_at);
        s.1 = s.1.max(a.ends_at);
    }
    spans
        .into_iter()
        .filter(|(z, _)| !is_utc(stored_zone(z)))
        .map(|(z, (a, b))| {
            let mut w = Writer::default();
            write_vtimezone(&mut w, stored_zone(z), a, b);
            (z.to_owned(), w.finish())
        })
        .collect()
}

/// The same events through the `icalendar` crate: every agenda item with
/// its TZID, the visits as all-day events, the follow-ups as tasks.
fn with_icalendar_crate(set: &CalendarSet, zones: &[(String, String)], stamp: DateTime<Utc>) -> String {
    let mut cal = icalendar::Calendar::new();
    for (_, text) in zones {
        let c: icalendar::CalendarComponent = text.parse().expect("the crate parses our VTIMEZONE");
        cal.push(c);
    }
    for v in &set.visits {
        let zone = stored_zone(&v.time_zone);
        let mut e = icalendar::Event::new();
        e.uid(&v.uid)
            .timestamp(stamp)
            .sequence(v.sequence)
            .summary(&v.title)
            .description(&v.purpose)
            .location(&v.venue)
            .starts(v.starts_at.with_timezone(&zone).date_naive())
            .ends(v.ends_at.with_timezone(&zone).date_naive().succ_opt().unwrap());
        cal.push(e.done());
    }
    for a in &set.agenda {
        let zone = stored_zone(&a.time_zone);
        let tz = |t: DateTime<Utc>| icalendar::CalendarDateTime::WithTimezone {
            date_time: t.with_timezone(&zone).naive_local(),
            tzid: a.time_zone.clone(),
        };
        let mut e = icalendar::Event::new();
        e.uid(&a.uid)
            .timestamp(stamp)
            .sequence(a.sequence)
            .starts(tz(a.starts_at))
            .ends(tz(a.ends_at))
            .summary(&a.title)
            .location(&a.location)
            .description(&a.description)
            .add_property("CATEGORIES", a.kind.label_in(liaison_core::i18n::Lang::En))
            .status(match a.status {
                AgendaStatus::Tentative => icalendar::EventStatus::Tentative,
                AgendaStatus::Confirmed => icalendar::EventStatus::Confirmed,
                AgendaStatus::Cancelled => icalendar::EventStatus::Cancelled,
            });
        cal.push(e.done());
    }
    for f in &set.follow_ups {
        let mut t = icalendar::Todo::new();
        t.uid(&f.uid).timestamp(stamp).sequence(f.sequence).summary(&f.title).description(&f.notes);
        if let Some(d) = f.due_date {
            t.due(d);
        }
        cal.push(t.done());
    }
    cal.to_string()
}

/// The events as plain JSON for bench/calendar_python.py.
fn events_json(set: &CalendarSet) -> Vec<u8> {
    let fmt = |t: DateTime<Utc>, z: &str| t.with_timezone(&stored_zone(z)).naive_local().to_string();
    let agenda: Vec<_> = set
        .agenda
        .iter()
        .map(|a| {
            json!({"uid": a.uid, "sequence": a.sequence, "start": fmt(a.starts_at, &a.time_zone),
                   "end": fmt(a.ends_at, &a.time_zone), "tz": a.time_zone, "summary": a.title,
                   "location": a.location, "description": a.description, "status": a.status.as_str().to_uppercase(),
                   "category": a.kind.label_in(liaison_core::i18n::Lang::En)})
        })
        .collect();
    let visits: Vec<_> = set
        .visits
        .iter()
        .map(|v| {
            let z = stored_zone(&v.time_zone);
            json!({"uid": v.uid, "sequence": v.sequence, "summary": v.title, "description": v.purpose,
                   "location": v.venue, "start": v.starts_at.with_timezone(&z).date_naive().to_string(),
                   "end": v.ends_at.with_timezone(&z).date_naive().succ_opt().unwrap().to_string()})
        })
        .collect();
    let todos: Vec<_> = set
        .follow_ups
        .iter()
        .map(|f| {
            json!({"uid": f.uid, "sequence": f.sequence, "summary": f.title, "description": f.notes,
                        "due": f.due_date.map(|d| d.to_string())})
        })
        .collect();
    serde_json::to_vec(&json!({"agenda": agenda, "visits": visits, "todos": todos})).unwrap()
}

fn python() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::var_os("LIAISON_TEST_PYTHON")
        .map(PathBuf::from)
        .or_else(|| Some(root.join(".tools/venv/bin/python")))
        .filter(|p| p.exists())
}

fn bench(c: &mut Criterion) {
    alloc::headless();
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let store = rt.block_on(Service::open(&dir.path().join("bench.db"))).unwrap();
    rt.block_on(store.import_json(&generate_json(Size::BENCH, BENCH_SEED), "bench")).unwrap();
    let stamp = Utc::now();
    let opts = ExportOptions { stamp, ..Default::default() };

    let t = Instant::now();
    let set = rt.block_on(store.calendar_set(Selection::All)).unwrap();
    println!(
        "read from the database: {:.0} ms for {} visits, {} agenda items, {} follow-ups",
        t.elapsed().as_secs_f64() * 1e3,
        set.visits.len(),
        set.agenda.len(),
        set.follow_ups.len()
    );
    let ours = write_calendar(&set, &opts).unwrap();
    let zones = zones(&set);
    let theirs = with_icalendar_crate(&set, &zones, stamp);
    println!(
        "file sizes: liaison {:.1} MB, icalendar crate {:.1} MB; {} VTIMEZONEs",
        ours.text.len() as f64 / 1e6,
        theirs.len() as f64 / 1e6,
        zones.len()
    );

    let mut g = c.benchmark_group("export 100k agenda items");
    g.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(1));
    g.bench_function("liaison, from the database", |b| {
        b.iter(|| rt.block_on(store.export_ics(Selection::All, black_box(&opts))).unwrap())
    });
    g.bench_function("liaison writer", |b| b.iter(|| write_calendar(black_box(&set), &opts).unwrap()));
    g.bench_function("icalendar crate", |b| b.iter(|| with_icalendar_crate(black_box(&set), &zones, stamp)));
    g.finish();

    // Python icalendar, once (it takes a while), on the same events.
    match python() {
        Some(py) => {
            let events = dir.path().join("events.json");
            std::fs::write(&events, events_json(&set)).unwrap();
            let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/calendar_python.py");
            let out = Command::new(py).arg(script).arg(&events).output().unwrap();
            println!("python icalendar: {}", String::from_utf8_lossy(&out.stdout).trim());
            if !out.status.success() {
                println!("python failed: {}", String::from_utf8_lossy(&out.stderr));
            }
        }
        None => println!("python icalendar: skipped (run scripts/test once to install the test tools)"),
    }

    // A 10,000-event file: the first 10,000 agenda items with their visits.
    let mut small = CalendarSet { name: "bench".into(), ..Default::default() };
    small.agenda = set.agenda.iter().take(10_000).cloned().collect();
    let visit_ids: std::collections::HashSet<_> = small.agenda.iter().map(|a| a.visit_id).collect();
    small.visits = set.visits.iter().filter(|v| visit_ids.contains(&v.id)).cloned().collect();
    let file = write_calendar(&small, &ExportOptions { stamp, tasks: Tasks::None, ..Default::default() }).unwrap().text;
    let events = file.matches("BEGIN:VEVENT").count();
    println!("import file: {events} events, {:.1} MB", file.len() as f64 / 1e6);
    let mut g = c.benchmark_group("import");
    g.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(1));
    g.bench_function("10k-event file into an empty database", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for i in 0..iters {
                let p = dir.path().join(format!("import-{i}.db"));
                let s = rt.block_on(Service::open(&p)).unwrap();
                let t = Instant::now();
                black_box(rt.block_on(s.import_ics(file.as_bytes(), "bench.ics", None)).unwrap());
                total += t.elapsed();
                rt.block_on(s.close());
                let _ = std::fs::remove_file(&p);
            }
            total
        })
    });
    g.finish();
    let _ = std::io::stdout().flush();
}

criterion_group!(benches, bench);
criterion_main!(benches);
