//! The typesetter as Liaison uses it: a process of its own, started on the
//! first document, kept for the next, gone after its idle time, and
//! started again when it has gone or was killed; refusals come back over
//! the pipe as the errors they are.

use std::time::{Duration, Instant};

use liaison_core::Service;
use liaison_documents::{document, DocError, DocKind, DocLang, DocOptions, Job, Typesetter};

const PROGRAM: &str = env!("CARGO_BIN_EXE_liaison-typeset");

fn sample_job(kind: DocKind) -> Job {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let briefing = rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let store = Service::open(&dir.path().join("sample.db")).await.unwrap();
        store.load_sample().await.unwrap();
        let b = store.briefing(liaison_core::sample::SAMPLE_VISIT_ID).await.unwrap();
        store.close().await;
        b
    });
    let options = DocOptions { lang: DocLang::Both, reader: None, letter: None };
    document(kind, &briefing, &options).unwrap()
}

/// Whether `pid` is a process that has not ended (a zombie has ended: it
/// waits only to be reaped).
fn running(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name, which is in parentheses.
        Ok(stat) => stat.rsplit_once(") ").is_some_and(|(_, rest)| !rest.starts_with('Z')),
        Err(_) => false,
    }
}

#[test]
fn a_document_is_typeset_in_the_helper_which_is_kept_for_the_next() {
    let press = Typesetter::new(PROGRAM, Duration::from_secs(60));
    assert_eq!(press.process_id(), None, "nothing runs before the first document");
    let pdf = press.pdf(&sample_job(DocKind::Programme)).unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF-"), "a PDF comes back");
    assert!(pdf.pages >= 2, "the sample's programme is a page a day: {} pages", pdf.pages);
    let pid = press.process_id().expect("the typesetter is kept");
    assert!(running(pid));
    let pages = press.svg_pages(&sample_job(DocKind::Cards)).unwrap();
    assert!(!pages.is_empty() && pages.iter().all(|p| p.starts_with("<svg")), "each page an SVG");
    assert_eq!(press.process_id(), Some(pid), "the same typesetter made the second document");
    drop(press);
    assert!(!running(pid), "the typesetter leaves with its Typesetter");
}

#[test]
fn the_helper_leaves_when_idle_and_the_next_document_starts_another() {
    let press = Typesetter::new(PROGRAM, Duration::from_secs(1));
    let job = sample_job(DocKind::Badges);
    press.pdf(&job).unwrap();
    let first = press.process_id().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while running(first) {
        assert!(Instant::now() < deadline, "the typesetter did not leave after a second idle");
        std::thread::sleep(Duration::from_millis(100));
    }
    let pdf = press.pdf(&job).unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    let second = press.process_id().unwrap();
    assert_ne!(first, second, "another typesetter made it");
}

#[test]
fn a_killed_helper_is_replaced_without_the_document_failing() {
    let press = Typesetter::new(PROGRAM, Duration::from_secs(60));
    let job = sample_job(DocKind::Cards);
    press.pdf(&job).unwrap();
    let pid = press.process_id().unwrap();
    let killed = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status().unwrap();
    assert!(killed.success());
    while running(pid) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let pdf = press.pdf(&job).unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    assert_ne!(press.process_id(), Some(pid));
}

#[test]
fn refusals_come_back_as_themselves_and_the_helper_carries_on() {
    let press = Typesetter::new(PROGRAM, Duration::from_secs(60));
    let mut job = sample_job(DocKind::Cards);
    press.pdf(&job).unwrap();
    let pid = press.process_id().unwrap();

    // Old Turkic: no font on a Debian desktop has it.
    let mut no_font = job.clone();
    no_font.data["people"][0]["first"] = serde_json::json!("𐰀𐰁");
    match press.pdf(&no_font) {
        Err(DocError::NoFont { script, character }) => {
            assert_eq!((script.as_str(), character), ("Old Turkic", '𐰀'))
        }
        other => panic!("expected no font for Old Turkic, got {other:?}"),
    }

    // A template Typst refuses is a refusal with Typst's message.
    job.template.push_str("\n#nonexistent-function()");
    match press.svg_pages(&job) {
        Err(DocError::Typeset { message }) => assert!(message.contains("nonexistent-function"), "{message}"),
        other => panic!("expected Typst's refusal, got {other:?}"),
    }
    assert_eq!(press.process_id(), Some(pid), "a refused document does not end the typesetter");
    assert!(press.pdf(&sample_job(DocKind::Cards)).is_ok());
}

#[test]
fn the_helper_reads_nothing_but_what_the_job_carries() {
    let press = Typesetter::new(PROGRAM, Duration::from_secs(60));
    let mut job = sample_job(DocKind::Cards);
    job.template = "#read(\"/etc/passwd\")".into();
    match press.pdf(&job) {
        Err(DocError::Typeset { message }) => assert!(message.contains("denied"), "{message}"),
        other => panic!("a file of the machine must not be readable, got {other:?}"),
    }
}

/// The font files `pid` has mapped, from its smaps: (path, size, resident),
/// in KiB.
fn font_mappings(pid: u32) -> Vec<(String, u64, u64)> {
    let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap();
    let mut found: Vec<(String, u64, u64)> = Vec::new();
    let mut current: Option<usize> = None;
    for line in smaps.lines() {
        let mut words = line.split_whitespace();
        let first = words.next().unwrap_or("");
        if first.contains('-') && !first.ends_with(':') {
            // A mapping's header: range, perms, offset, device, inode, path.
            let path = words.nth(4).unwrap_or("").to_lowercase();
            let font = [".ttf", ".otf", ".ttc", ".otc"].iter().any(|ext| path.ends_with(ext));
            current = font.then(|| {
                found.push((path, 0, 0));
                found.len() - 1
            });
        } else if let Some(i) = current {
            let kib = || words.clone().next().and_then(|n| n.parse::<u64>().ok()).unwrap_or(0);
            match first {
                "Size:" => found[i].1 = kib(),
                "Rss:" => found[i].2 = kib(),
                _ => {}
            }
        }
    }
    found
}

#[test]
fn font_files_are_mapped_and_let_go_between_documents() {
    let press = Typesetter::new(PROGRAM, Duration::from_secs(60));
    // The sample's names are Chinese: a CJK font, tens of megabytes a file.
    let pages = press.svg_pages(&sample_job(DocKind::Cards)).unwrap();
    assert!(!pages.is_empty());
    let pid = press.process_id().unwrap();
    let fonts = font_mappings(pid);
    let size: u64 = fonts.iter().map(|f| f.1).sum();
    let resident: u64 = fonts.iter().map(|f| f.2).sum();
    // Read into the heap instead of mapped, no font file would be here.
    assert!(size >= 10 * 1024, "the fonts used are mapped files, tens of MB of them: {fonts:?}");
    // Typst reads the whole of each file once (it hashes it); kept, that
    // was the whole of every CJK file used, for as long as the typesetter ran.
    assert!(
        resident <= 1024,
        "between documents the font files' pages are let go: {resident} KiB of {size} resident: {fonts:?}"
    );
}

#[test]
fn warming_starts_the_typesetter_that_the_next_document_uses() {
    let press = Typesetter::new(PROGRAM, Duration::from_secs(60));
    press.warm().unwrap();
    let pid = press.process_id().expect("warming starts the typesetter");
    assert!(running(pid));
    press.warm().unwrap();
    assert_eq!(press.process_id(), Some(pid), "warming a running typesetter starts no other");
    let pdf = press.pdf(&sample_job(DocKind::Cards)).unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    assert_eq!(press.process_id(), Some(pid), "the warmed typesetter made the document");
}

#[test]
fn warming_after_the_helper_left_starts_another() {
    let press = Typesetter::new(PROGRAM, Duration::from_secs(1));
    press.warm().unwrap();
    let first = press.process_id().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while running(first) {
        assert!(Instant::now() < deadline, "the warmed typesetter did not leave after a second idle");
        std::thread::sleep(Duration::from_millis(100));
    }
    // Its main thread has ended; the process may take a moment more to be
    // gone (its other threads), and until then it counts as running.
    let second = loop {
        press.warm().unwrap();
        let now = press.process_id().unwrap();
        if now != first {
            break now;
        }
        assert!(Instant::now() < deadline, "warming never started another typesetter");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(running(second));
    let missing = Typesetter::new("/nonexistent/liaison-typeset", Duration::from_secs(1));
    assert!(matches!(missing.warm(), Err(DocError::TypesetterMissing { .. })));
}

#[test]
fn a_rest_lets_an_idle_typesetter_go_unless_it_was_used_since() {
    let press = Typesetter::new(PROGRAM, Duration::from_secs(60));
    let job = sample_job(DocKind::Cards);
    press.svg_pages(&job).unwrap();
    let first = press.process_id().unwrap();
    // Used after the mark (the next visit's documents tab reached): kept.
    let stale = press.mark();
    press.warm().unwrap();
    assert!(!press.rest(stale), "a rest asked for before a warming let the typesetter go");
    let since_document = press.mark();
    press.svg_pages(&job).unwrap();
    assert!(!press.rest(since_document), "a rest asked for before a document let the typesetter go");
    assert_eq!(press.process_id(), Some(first));
    assert!(running(first));
    // Not used since: it goes now, not after its idle minute.
    assert!(press.rest(press.mark()), "an idle typesetter was not let go");
    assert_eq!(press.process_id(), None);
    assert!(!running(first), "the typesetter let go is still running");
    assert!(!press.rest(press.mark()), "nothing running, nothing let go");
    // The next document starts another.
    press.svg_pages(&job).unwrap();
    let second = press.process_id().unwrap();
    assert_ne!(second, first);
    assert!(running(second));
}
