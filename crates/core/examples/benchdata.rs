//! Writes the benchmark data set as a Liaison JSON document, for loading into
//! the app (`liaison import`) or timing whole-app figures:
//!
//!   cargo run --release -p liaison-core --example benchdata -- OUT.json [DIVISOR] [--time-ordered-ids]
//!
//! Its ids are random, as another tool's may be; with `--time-ordered-ids`
//! they rise as Liaison makes them (the same data otherwise).

use liaison_core::benchdata::{generate_json_with, Ids, Size, BENCH_SEED};

const USAGE: &str = "usage: benchdata OUT.json [DIVISOR] [--time-ordered-ids]";

fn main() -> std::process::ExitCode {
    let mut out = None;
    let mut divisor = None;
    let mut ids = Ids::Random;
    for arg in std::env::args().skip(1) {
        if arg == "--time-ordered-ids" {
            ids = Ids::TimeOrdered;
        } else if out.is_none() {
            out = Some(arg);
        } else if divisor.is_none() {
            match arg.parse::<usize>() {
                Ok(d) if d > 0 => divisor = Some(d),
                _ => {
                    eprintln!("benchdata: DIVISOR must be a whole number above 0, not {arg:?}\n{USAGE}");
                    return std::process::ExitCode::from(2);
                }
            }
        } else {
            eprintln!("benchdata: unexpected argument {arg:?}\n{USAGE}");
            return std::process::ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!("{USAGE}");
        return std::process::ExitCode::from(2);
    };
    let bytes = generate_json_with(Size::scaled(divisor.unwrap_or(1)), BENCH_SEED, ids);
    if let Err(e) = std::fs::write(&out, bytes) {
        eprintln!("benchdata: {out}: {e}");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}
