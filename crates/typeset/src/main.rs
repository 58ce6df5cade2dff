//! `liaison-typeset --serve [--idle-seconds N]`: Liaison's typesetter,
//! started by Liaison (the window, or `liaison doc`) with pipes for its
//! standard input and output. Not meant to be run by hand.

use std::time::Duration;

use liaison_documents::typesetter::IDLE;

// The same allocator as Liaison's, which gives memory back to the system
// sooner after a large document.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut serve = false;
    let mut idle = IDLE;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--serve" => serve = true,
            "--idle-seconds" => match args.next().and_then(|s| s.parse::<u64>().ok()) {
                Some(s) if s > 0 => idle = Duration::from_secs(s),
                _ => usage("--idle-seconds takes a whole number of seconds above 0"),
            },
            other => usage(&format!("unknown argument '{other}'")),
        }
    }
    if !serve {
        usage("this is Liaison's typesetter, which Liaison starts itself");
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let Err(e) = liaison_typeset::serve(std::io::stdin(), &mut out, idle) {
        // Liaison went away mid-document, or sent what is not a request.
        eprintln!("liaison-typeset: {e}");
        std::process::exit(1);
    }
}

fn usage(problem: &str) -> ! {
    eprintln!("liaison-typeset: {problem}\nusage: liaison-typeset --serve [--idle-seconds N]");
    std::process::exit(2);
}
