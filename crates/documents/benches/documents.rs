//! Issue 14's figures: the first document after start (fonts found and
//! loaded, Typst's library built), then the sample's programme and a
//! ten-day visit's (200 agenda items, 60 participants) once fonts are
//! loaded. The figures are printed; nothing here asserts a time.
//!
//!   cargo bench -p liaison-documents --bench documents

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::Duration as Span;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use liaison_core::model::{ParticipantView, VisitDetail};
use liaison_core::Service;
use liaison_documents::{document, programme, DocKind, DocLang};
use uuid::Uuid;

fn sample() -> VisitDetail {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let store = Service::open(&dir.path().join("bench.db")).await.unwrap();
        store.load_sample().await.unwrap();
        let detail = store.visit_detail(liaison_core::sample::SAMPLE_VISIT_ID).await.unwrap();
        store.close().await;
        detail
    })
}

/// The sample made ten days long: twenty items a day (its own, repeated
/// with other times and titles) and sixty people on the two sides.
fn ten_days(base: &VisitDetail) -> VisitDetail {
    let mut d = base.clone();
    let people: Vec<ParticipantView> = (0..60)
        .map(|i| {
            let mut p = base.participants[i % base.participants.len()].clone();
            p.person_id = Uuid::new_v4();
            p.name = format!("{} {i}", p.name);
            p.chinese_name = format!("{}{i}", p.chinese_name);
            p
        })
        .collect();
    d.participants = people;
    let ids: Vec<Uuid> = d.participants.iter().map(|p| p.person_id).collect();
    d.agenda = (0..200)
        .map(|i| {
            let mut a = base.agenda[i % base.agenda.len()].clone();
            let (day, slot) = (i / 20, i % 20);
            let start = a.starts_at + Span::days(day as i64) + Span::minutes(slot as i64 * 30);
            a.start_local = (chrono::NaiveDateTime::parse_from_str(&base.agenda[0].start_local, "%Y-%m-%dT%H:%M")
                .unwrap()
                + Span::days(day as i64)
                + Span::minutes(slot as i64 * 30))
            .format("%Y-%m-%dT%H:%M")
            .to_string();
            a.end_local = a.start_local.clone();
            a.starts_at = start;
            a.title = format!("{} ({})", a.title, i + 1);
            a.participant_ids = ids.iter().skip(i % 50).take(10).copied().collect();
            a.chair_id = a.participant_ids.first().copied();
            a.speaker_ids = a.participant_ids.iter().take(3).copied().collect();
            a
        })
        .collect();
    d
}

fn bench(c: &mut Criterion) {
    let detail = sample();
    let started = Instant::now();
    let pdf = programme(&detail, DocLang::Both).unwrap().pdf().unwrap();
    println!(
        "the first document after start (fonts found and loaded): {} ms, {} bytes",
        started.elapsed().as_millis(),
        pdf.len()
    );
    let long = ten_days(&detail);
    let pdf = programme(&long, DocLang::Both).unwrap().pdf().unwrap();
    println!(
        "a ten-day visit's programme: {} items, {} people, {} bytes",
        long.agenda.len(),
        long.participants.len(),
        pdf.len()
    );

    // Typst memoises: the same document again is mostly a cache hit (what
    // a preview then a save costs). Each iteration here starts with the
    // memo cleared, so the figures are typesetting with the fonts loaded,
    // the measure; the second group is the memoised case.
    let mut g = c.benchmark_group("documents");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let forget = || typst::comemo::evict(0);
    for lang in DocLang::ALL {
        g.bench_function(format!("the sample's programme, {}", lang.as_str()), |b| {
            b.iter_batched(
                forget,
                |()| programme(black_box(&detail), lang).unwrap().pdf().unwrap(),
                BatchSize::PerIteration,
            )
        });
    }
    for (name, kind) in [("name cards", DocKind::Cards), ("badges", DocKind::Badges)] {
        g.bench_function(format!("the sample's {name}, both"), |b| {
            b.iter_batched(
                forget,
                |()| document(kind, black_box(&detail), DocLang::Both).unwrap().pdf().unwrap(),
                BatchSize::PerIteration,
            )
        });
    }
    g.bench_function("a ten-day visit's programme, both", |b| {
        b.iter_batched(
            forget,
            |()| programme(black_box(&long), DocLang::Both).unwrap().pdf().unwrap(),
            BatchSize::PerIteration,
        )
    });
    g.finish();
    let mut g = c.benchmark_group("documents, memoised");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.bench_function("the sample's programme again, both", |b| {
        b.iter(|| programme(black_box(&detail), DocLang::Both).unwrap().pdf().unwrap())
    });
    g.bench_function("the sample's programme's preview again, both", |b| {
        b.iter(|| programme(black_box(&detail), DocLang::Both).unwrap().svg_pages().unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
