//! The team database under load: 20 simulated coordinators, each on a
//! connection pool of its own (as if on 20 machines), edit the same 50
//! visits as fast as they can for 60 seconds, each save based on what it
//! just read. Then it checks that no save was lost (every save appended a
//! token to the visit's notes, and every token of a save that succeeded is
//! there, and each visit's revision counts exactly its saves), that nothing
//! failed but the expected version conflicts, and prints the latency of a
//! save. Not a test: the figures depend on the machine.
//!
//!   scripts/load-team                      (starts a local server)
//!   LIAISON_LOAD_POSTGRES=postgres://… cargo run --release -p liaison-core --example team_load
//!
//! LIAISON_LOAD_SECONDS (60), LIAISON_LOAD_COORDINATORS (20) and
//! LIAISON_LOAD_VISITS (50) change the shape.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use liaison_core::validate::VisitInput;
use liaison_core::{Error, Service};
use uuid::Uuid;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Which visit to edit next: xorshift, seeded per coordinator.
struct Pick(u64);

impl Pick {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[derive(Default)]
struct Tally {
    saved: Vec<(Uuid, String)>,
    latencies: Vec<Duration>,
    conflicts: u64,
    errors: Vec<String>,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let admin = std::env::var("LIAISON_LOAD_POSTGRES")
        .expect("LIAISON_LOAD_POSTGRES: an administrator's URL of a PostgreSQL server (scripts/load-team starts one)");
    let seconds = setting("LIAISON_LOAD_SECONDS", 60);
    let coordinators = setting("LIAISON_LOAD_COORDINATORS", 20) as usize;
    let visit_count = setting("LIAISON_LOAD_VISITS", 50) as usize;

    let url = liaison_core::testing::team_database_on(&admin).await;
    let setup = Service::open_team(&url).await.expect("the load database");
    let mut visits = Vec::new();
    for i in 0..visit_count {
        let input = VisitInput {
            title: format!("Load visit {i}"),
            start: "2027-03-01T09:00".into(),
            end: "2027-03-03T17:00".into(),
            time_zone: "Asia/Shanghai".into(),
            ..Default::default()
        };
        visits.push(setup.create_visit(&input).await.expect("a visit").record.id);
    }
    println!("{coordinators} coordinators, {visit_count} visits, {seconds} s, on {}", setup.location());

    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for c in 0..coordinators {
        let url = url.clone();
        let visits = visits.clone();
        tasks.push(tokio::spawn(async move {
            let s = Service::open_team(&url).await.expect("a coordinator's connection");
            let mut pick = Pick(0x9E37_79B9_7F4A_7C15 ^ (c as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
            let mut t = Tally::default();
            let mut n = 0u64;
            while Instant::now() < deadline {
                let id = visits[pick.below(visits.len())];
                let seen = match s.visit(id).await {
                    Ok(v) => v,
                    Err(e) => {
                        t.errors.push(format!("read: {e}"));
                        continue;
                    }
                };
                n += 1;
                let token = format!("{c}.{n};");
                let mut input = VisitInput::from(&seen);
                input.notes.push_str(&token);
                let started = Instant::now();
                match s.update_visit(id, seen.revision, &input).await {
                    Ok(_) => {
                        t.latencies.push(started.elapsed());
                        t.saved.push((id, token));
                    }
                    Err(Error::Stale { .. }) => t.conflicts += 1,
                    Err(e) => t.errors.push(format!("save: {e}")),
                }
            }
            s.close().await;
            t
        }));
    }
    let mut all = Tally::default();
    for task in tasks {
        let t = task.await.expect("a coordinator ran to the end");
        all.saved.extend(t.saved);
        all.latencies.extend(t.latencies);
        all.conflicts += t.conflicts;
        all.errors.extend(t.errors);
    }

    // Every save that succeeded is in the visit it saved, and nothing else is.
    let mut per_visit: HashMap<Uuid, u32> = HashMap::new();
    let mut lost = 0;
    let mut finals = HashMap::new();
    for id in &visits {
        finals.insert(*id, setup.visit(*id).await.expect("a visit at the end"));
    }
    for (id, token) in &all.saved {
        *per_visit.entry(*id).or_default() += 1;
        if !finals[id].notes.split_inclusive(';').any(|t| t == token) {
            lost += 1;
        }
    }
    let mut miscounted = 0;
    for (id, v) in &finals {
        let tokens = v.notes.split_inclusive(';').count() as u32;
        let saves = per_visit.get(id).copied().unwrap_or(0);
        if tokens != saves || v.revision != 1 + saves {
            miscounted += 1;
        }
    }
    all.latencies.sort();
    let attempts = all.saved.len() as u64 + all.conflicts + all.errors.len() as u64;
    println!(
        "saves: {} succeeded, {} refused as version conflicts, {} other errors, of {attempts} attempts ({:.0} saves/s)",
        all.saved.len(),
        all.conflicts,
        all.errors.len(),
        all.saved.len() as f64 / seconds as f64
    );
    println!(
        "save latency: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&all.latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&all.latencies, 0.95).as_secs_f64() * 1e3,
        percentile(&all.latencies, 0.99).as_secs_f64() * 1e3,
        all.latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
    println!("lost updates: {lost}; visits whose notes or revision do not count their saves: {miscounted}");
    for e in all.errors.iter().take(5) {
        println!("error: {e}");
    }
    let history: usize = {
        let mut n = 0;
        for id in &visits {
            n += setup.visit_history(*id, 100_000).await.expect("history").len();
        }
        n
    };
    println!("history lines: {history} (one per visit created and one per save)");
    setup.close().await;
    if lost > 0 || miscounted > 0 || !all.errors.is_empty() || history != visits.len() + all.saved.len() {
        eprintln!("FAILED: the team database lost or miscounted work under load");
        std::process::exit(1);
    }
}
