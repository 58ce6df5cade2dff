//! Writes the benchmark data set as a Liaison JSON document, for loading into
//! the app (`liaison import`) or timing whole-app figures:
//!
//!   cargo run --release -p liaison-core --example benchdata -- OUT.json [DIVISOR]

use liaison_core::benchdata::{generate_json, Size};

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: benchdata OUT.json [DIVISOR]");
        return std::process::ExitCode::from(2);
    };
    let divisor = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    if let Err(e) = std::fs::write(&out, generate_json(Size::scaled(divisor), liaison_core::benchdata::BENCH_SEED)) {
        eprintln!("benchdata: {out}: {e}");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}
