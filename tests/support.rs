//! Shared helpers for the cross-cutting tests: find and run the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `liaison` binary built by `cargo build --workspace`: $LIAISON_BIN, or
/// beside this test's own executable (target/debug/deps/.. → target/debug).
pub fn binary() -> PathBuf {
    if let Some(p) = std::env::var_os("LIAISON_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let bin = dir.join("liaison");
    assert!(bin.exists(), "{} is missing: run `cargo build --workspace` before the tests", bin.display());
    bin
}

/// [`binary`] for the window tests, refused when it is older than the UI it
/// should hold: the page is built into the binary, so a `cargo test` after
/// `npm run build` without `cargo build` would test yesterday's page and
/// pass or fail for the wrong reasons. A binary named by $LIAISON_BIN (an
/// installed package) is taken as it is.
pub fn window_binary() -> PathBuf {
    let bin = binary();
    if std::env::var_os("LIAISON_BIN").is_some() {
        return bin;
    }
    // `liaison` starts the window as `liaison-window`, which holds the page.
    let window = bin.with_file_name("liaison-window");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let page = root().join("ui/dist/index.html");
    if let (Some(built), Some(ui)) = (modified(&window), modified(&page)) {
        assert!(
            built >= ui,
            "{} is older than {}: run `cargo build --workspace` so that it holds the UI built since",
            window.display(),
            page.display()
        );
    }
    bin
}

/// A run of the binary with a clean environment: no display (the command
/// line must not need one) and no inherited database settings.
pub fn liaison(db: &Path, args: &[&str]) -> Output {
    let mut c = Command::new(binary());
    c.arg("--db").arg(db).args(args);
    clean(&mut c);
    c.output().expect("run liaison")
}

/// A run like [`liaison`]'s in a Chinese locale (`LANG=zh_CN.UTF-8`), as
/// a Chinese office's machines are set up.
pub fn liaison_zh(db: &Path, args: &[&str]) -> Output {
    let mut c = Command::new(binary());
    c.arg("--db").arg(db).args(args);
    clean(&mut c);
    c.env("LANG", "zh_CN.UTF-8");
    c.output().expect("run liaison")
}

pub fn clean(c: &mut Command) {
    for var in ["DISPLAY", "WAYLAND_DISPLAY", "LIAISON_DB", "LANGUAGE", "LC_ALL", "LC_MESSAGES"] {
        c.env_remove(var);
    }
    // English, whatever the machine's language: tests of another language
    // say so.
    c.env("LANG", "C.UTF-8");
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts success and returns stdout.
#[track_caller]
pub fn ok(o: Output) -> String {
    assert!(o.status.success(), "exit {:?}\nstdout: {}\nstderr: {}", o.status.code(), stdout(&o), stderr(&o));
    stdout(&o)
}

/// The workspace root (this crate lives in `tests/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_owned()
}

/// The Python with the independent checkers installed, as scripts/test sets
/// up: $LIAISON_TEST_PYTHON, else `.tools/venv/bin/python`.
pub fn test_python() -> PathBuf {
    let p = std::env::var_os("LIAISON_TEST_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".tools/venv/bin/python"));
    assert!(p.exists(), "{} is missing: run scripts/test, which installs the test tools", p.display());
    p
}

/// The system's Python, where Debian's packages put libical's bindings
/// (python3-gi, gir1.2-ical-3.0; scripts/test installs them).
pub fn system_python() -> PathBuf {
    PathBuf::from(std::env::var_os("LIAISON_TEST_SYSTEM_PYTHON").unwrap_or_else(|| "/usr/bin/python3".into()))
}

/// Runs one of the independent checkers in `tests/interop` and parses the
/// JSON it prints (one document, or one per line with `lines`).
pub fn interop(program: &Path, script: &str, args: &[&Path]) -> String {
    let out = Command::new(program)
        .arg(root().join("tests/interop").join(script))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {} {script}: {e}", program.display()));
    assert!(out.status.success(), "{script} failed\nstdout: {}\nstderr: {}", stdout(&out), stderr(&out));
    stdout(&out)
}

/// Node.js, for ical.js (installed into tests/interop by scripts/test).
pub fn node() -> PathBuf {
    let modules = root().join("tests/interop/node_modules/ical.js");
    assert!(modules.exists(), "{} is missing: run scripts/test, which installs it", modules.display());
    PathBuf::from(std::env::var_os("LIAISON_TEST_NODE").unwrap_or_else(|| "node".into()))
}

/// What `liaison ARGS` (shell words) shows on a terminal: a
/// pseudo-terminal, through util-linux's `script`. It must succeed.
pub fn on_a_terminal(args: &str) -> String {
    let command = format!("'{}' {args}", binary().display());
    let mut c = std::process::Command::new("script");
    c.args(["-q", "-e", "-c", &command, "/dev/null"]);
    clean(&mut c);
    c.env("TERM", "xterm");
    let out = c.output().expect("run script");
    let seen = stdout(&out);
    assert!(out.status.success(), "{seen}");
    seen
}

/// Writes to `path` a generated document of `visits` visits (each with four
/// agenda items, a follow-up and three participants) and `people` people:
/// large enough that a debug build takes seconds over it, for the tests of
/// progress and Cancel.
pub fn write_large_document(path: &Path, people: usize, visits: usize, seed: u64) {
    use liaison_core::benchdata::{generate, Size};
    let size = Size {
        organisations: (visits / 200).max(2),
        people,
        visits,
        agenda_per_visit: 4,
        follow_ups_per_visit: 1,
        participants_per_visit: 3,
        rooms: 4,
    };
    let json = serde_json::to_vec(&generate(size, seed)).expect("a generated document serialises");
    std::fs::write(path, json).expect("write the document");
}
