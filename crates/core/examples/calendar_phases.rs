//! Where an export of the benchmark data set spends its time: reading from
//! the database (wall and CPU time) and writing the file, five times each.
//!
//!   cargo run --profile bench -p liaison-core --example calendar_phases

use std::time::Instant;

use liaison_core::benchdata::{generate_json, Size, BENCH_SEED};
use liaison_core::calendar::{write_calendar, ExportOptions, Selection};
use liaison_core::Service;

#[path = "../benches/support/alloc.rs"]
mod alloc;

/// CPU time of this process (all threads), in milliseconds.
fn cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    (ticks(11) + ticks(12)) * 10
}

fn main() {
    alloc::headless();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = rt.block_on(Service::open(&dir.path().join("bench.db"))).unwrap();
    rt.block_on(store.import_json(&generate_json(Size::BENCH, BENCH_SEED), "bench")).unwrap();
    let opts = ExportOptions::default();
    for _ in 0..5 {
        let (cpu, t) = (cpu_ms(), Instant::now());
        let set = rt.block_on(store.calendar_set(Selection::All)).unwrap();
        let (read, read_cpu) = (t.elapsed(), cpu_ms() - cpu);
        let (cpu, t) = (cpu_ms(), Instant::now());
        let file = write_calendar(&set, &opts).unwrap();
        println!(
            "read {:>4} ms (cpu {:>4} ms), write {:>4} ms (cpu {:>4} ms): {} agenda items, {:.1} MB",
            read.as_millis(),
            read_cpu,
            t.elapsed().as_millis(),
            cpu_ms() - cpu,
            set.agenda.len(),
            file.text.len() as f64 / 1e6
        );
    }
}
