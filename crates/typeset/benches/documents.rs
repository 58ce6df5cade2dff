//! Issue 14's figures (and issue 15's memory of the typesetter between
//! documents): the first document after start (the sample's
//! briefing pack: the typesetter process started, fonts found and loaded,
//! Typst's library built), then the sample's documents and a ten-day
//! visit's (200 agenda items, 60 participants) once fonts are loaded. Each
//! goes the way the window's and `liaison doc`'s do: shaped here, sent to
//! the typesetter process, the PDF read back. The figures are printed;
//! nothing here asserts a time.
//!
//!   cargo bench -p liaison-typeset --bench documents

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::Duration as Span;
use criterion::{criterion_group, criterion_main, Criterion};
use liaison_core::briefing::Briefing;
use liaison_core::model::{ParticipantView, Person};
use liaison_core::Service;
use liaison_documents::{document, DocKind, DocLang, DocOptions, Typesetter};
use uuid::Uuid;

fn sample() -> Briefing {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let store = Service::open(&dir.path().join("bench.db")).await.unwrap();
        store.load_sample().await.unwrap();
        let briefing = store.briefing(liaison_core::sample::SAMPLE_VISIT_ID).await.unwrap();
        store.close().await;
        briefing
    })
}

/// The sample made ten days long: twenty items a day (its own, repeated
/// with other times and titles) and sixty people on the two sides.
fn ten_days(sample: &Briefing) -> Briefing {
    let mut b = sample.clone();
    let base = &sample.detail;
    let d = &mut b.detail;
    let people: Vec<ParticipantView> = (0..60)
        .map(|i| {
            let mut p = base.participants[i % base.participants.len()].clone();
            p.person_id = Uuid::new_v4();
            p.name = format!("{} {i}", p.name);
            p.chinese_name = format!("{}{i}", p.chinese_name);
            p
        })
        .collect();
    // Their records, each with notes, for the pack's notes on people.
    b.people = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut r: Person = sample.people[i % sample.people.len()].clone();
            r.id = p.person_id;
            r.name = p.name.clone();
            r.chinese_name = p.chinese_name.clone();
            r.dietary_needs = if i % 7 == 0 { "Vegetarian".into() } else { String::new() };
            r
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
    b
}

/// The typesetter's memory between documents (PSS, and the part of it
/// that is anonymous: its heap; the rest is its program and the font files
/// it has mapped), in MiB, as the system counts it.
fn helper_memory(press: &Typesetter) -> String {
    let Some(pid) = press.process_id() else { return "no typesetter running".into() };
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let kib = |field: &str| {
        rollup
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
    };
    match (kib("Pss:"), kib("Pss_Anon:")) {
        (Some(pss), Some(anon)) => {
            format!("PSS {:.1} MiB, of it anonymous {:.1} MiB", pss as f64 / 1024.0, anon as f64 / 1024.0)
        }
        _ => "its memory could not be read".into(),
    }
}

fn options(lang: DocLang) -> DocOptions {
    DocOptions { lang, reader: Some(chrono_tz::Europe::Paris), letter: None }
}

fn bench(c: &mut Criterion) {
    let sample = sample();
    let press = Typesetter::new(env!("CARGO_BIN_EXE_liaison-typeset"), Duration::from_secs(600));
    let started = Instant::now();
    let pdf = press.pdf(&document(DocKind::Briefing, &sample, &options(DocLang::Both)).unwrap()).unwrap();
    println!(
        "the first document after start, the sample's briefing pack (typesetter started, fonts found and loaded): {} ms, {} bytes",
        started.elapsed().as_millis(),
        pdf.bytes.len()
    );
    let long = ten_days(&sample);
    for kind in [DocKind::Briefing, DocKind::Programme] {
        let pdf = press.pdf(&document(kind, &long, &options(DocLang::Both)).unwrap()).unwrap();
        println!(
            "a ten-day visit's {}: {} items, {} people, {} pages, {} bytes",
            kind.as_str(),
            long.detail.agenda.len(),
            long.detail.participants.len(),
            pdf.pages,
            pdf.bytes.len()
        );
    }
    for kind in [DocKind::Briefing, DocKind::Programme, DocKind::Seating, DocKind::Cards, DocKind::Badges] {
        press.svg_pages(&document(kind, &sample, &options(DocLang::Both)).unwrap()).unwrap();
    }
    println!("the typesetter after these and the sample's five documents as previews: {}", helper_memory(&press));

    // Typst memoises: the same document again is mostly a cache hit (what
    // a preview then a save costs). Each iteration here has the typesetter
    // forget what it memoised first, so the figures are typesetting with
    // the fonts loaded, the measure; the second group is the
    // memoised case.
    let mut g = c.benchmark_group("documents");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let mut run = |name: String, kind: DocKind, source: &Briefing, lang: DocLang| {
        g.bench_function(name, |b| {
            b.iter(|| press.pdf_fresh(&document(kind, black_box(source), &options(lang)).unwrap()).unwrap())
        });
    };
    for lang in DocLang::ALL {
        run(format!("the sample's briefing pack, {}", lang.as_str()), DocKind::Briefing, &sample, lang);
    }
    for kind in [DocKind::Programme, DocKind::Cards, DocKind::Badges] {
        run(format!("the sample's {}, both", kind.as_str()), kind, &sample, DocLang::Both);
    }
    for kind in [DocKind::Briefing, DocKind::Programme] {
        run(format!("a ten-day visit's {}, both", kind.as_str()), kind, &long, DocLang::Both);
    }
    g.finish();
    let mut g = c.benchmark_group("documents, memoised");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    let both = options(DocLang::Both);
    g.bench_function("the sample's briefing pack again, both", |b| {
        b.iter(|| press.pdf(&document(DocKind::Briefing, black_box(&sample), &both).unwrap()).unwrap())
    });
    g.bench_function("the sample's briefing pack's preview again, both", |b| {
        b.iter(|| press.svg_pages(&document(DocKind::Briefing, black_box(&sample), &both).unwrap()).unwrap())
    });
    // A coordinator going back and forth between two documents' previews:
    // what each finds of its last typesetting depends on how much Typst's
    // memo keeps between documents.
    g.bench_function("the sample's briefing pack's then programme's previews, in turn, both", |b| {
        b.iter(|| {
            press.svg_pages(&document(DocKind::Briefing, black_box(&sample), &both).unwrap()).unwrap();
            press.svg_pages(&document(DocKind::Programme, black_box(&sample), &both).unwrap()).unwrap()
        })
    });
    g.finish();
    println!("the typesetter after the benchmarks: {}", helper_memory(&press));
}

criterion_group!(benches, bench);
criterion_main!(benches);
