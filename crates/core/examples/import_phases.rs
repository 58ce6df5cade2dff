//! Times the phases of importing the benchmark data set, to see where an
//! import spends its time:
//!
//!   cargo run --profile bench -p liaison-core --example import_phases [DIVISOR]

use std::time::Instant;

#[path = "../benches/support/alloc.rs"]
mod alloc;

use liaison_core::benchdata::{generate_json, Size};
use liaison_core::interchange::check_document;
use liaison_core::Service;

fn main() {
    alloc::headless();
    let divisor = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1);
    let json = generate_json(Size::scaled(divisor), liaison_core::benchdata::BENCH_SEED);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    // LIAISON_BENCH_DIR=/dev/shm separates disk time from CPU time.
    let dir = match std::env::var_os("LIAISON_BENCH_DIR") {
        Some(d) => tempfile::tempdir_in(d).unwrap(),
        None => tempfile::tempdir().unwrap(),
    };
    let store = rt.block_on(Service::open(&dir.path().join("p.db"))).unwrap();

    let t = Instant::now();
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    println!("parse JSON only:        {:>7.3} s", t.elapsed().as_secs_f64());
    drop(value);
    let t = Instant::now();
    check_document(&json, "bench").unwrap();
    println!("parse + check document: {:>7.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    rt.block_on(store.import_json(&json, "bench")).unwrap();
    println!("import (read, check and write, a chunk at a time): {:>7.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    rt.block_on(store.import_json(&json, "bench")).unwrap();
    println!("the same import again (nothing changes): {:.3} s", t.elapsed().as_secs_f64());
}
