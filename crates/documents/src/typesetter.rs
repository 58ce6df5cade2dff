//! The typesetter runs in a process of its own, `liaison-typeset`, which
//! Liaison starts when a document is first asked for (or is about to be)
//! and which leaves by itself after a minute with nothing to do, or sooner
//! when the window lets it go a moment after it stops showing documents.
//!
//! Why a process: Typst, its fonts and what it memoises take tens of
//! megabytes that a window open all day should not keep for the few
//! minutes a day it makes documents, and a binary three times the size
//! costs memory in every process that maps it, documents or not. A fault
//! inside Typst, whatever a template or its data makes it do, ends the
//! typesetter, not the window; the next document starts another.
//!
//! The two talk over the helper's standard input and output in frames: a
//! frame is its length (four bytes, little-endian) and its bytes. A request
//! is an [`Ask`] as JSON, then one frame for each of its files; the reply
//! is a `Result<Done, DocError>` as JSON, then [`Done::parts`] frames (the
//! PDF, or one SVG per page).

use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::{DocError, Job};

/// The typesetter's program name, found beside the running program.
pub const PROGRAM: &str = "liaison-typeset";

/// How long the typesetter waits for another document before it leaves.
pub const IDLE: Duration = Duration::from_secs(60);

/// How long the typesetter is kept once the window shows no documents:
/// long enough to go from one visit's documents to another's, short of the
/// minute a typesetter holding 55–65 MiB would otherwise stay for nothing
/// (issue 15, `scripts/bench-app workload`).
pub const REST_AFTER: Duration = Duration::from_secs(4);

/// No frame is larger than this: a document's PDF is a few megabytes, a
/// letterhead at most eight.
pub const MAX_FRAME: usize = 256 * 1024 * 1024;

/// What the typesetter makes of a [`Job`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Output {
    /// The PDF, one part.
    Pdf,
    /// Each page as an SVG image, one part each.
    Svg,
}

/// One request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ask {
    pub job: Job,
    pub output: Output,
    /// The paths of the files that follow, in order.
    pub files: Vec<String>,
    /// Forget what Typst memoised before this document (for benchmarks,
    /// which measure typesetting, not a cache).
    #[serde(default)]
    pub fresh: bool,
}

/// A document made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    pub pages: u32,
    /// How many frames follow.
    pub parts: u32,
}

/// What a document made: its number of pages and the parts sent back.
pub type Made = (u32, Vec<Vec<u8>>);

/// A PDF and its number of pages.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: u32,
}

/// Writes one frame.
pub fn write_frame(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .ok()
        .filter(|l| *l as usize <= MAX_FRAME)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "frame too large"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(bytes)
}

/// Reads one frame; None at the end of the stream (between frames).
pub fn read_frame(input: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("a frame of {len} bytes")));
    }
    let mut bytes = vec![0; len];
    input.read_exact(&mut bytes)?;
    Ok(Some(bytes))
}

/// A frame that must be there.
fn expect_frame(input: &mut impl Read) -> io::Result<Vec<u8>> {
    read_frame(input)?.ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "the stream ended"))
}

/// Reads a request (its files included); None at the end of the stream.
pub fn read_ask(input: &mut impl Read) -> io::Result<Option<Ask>> {
    let Some(head) = read_frame(input)? else { return Ok(None) };
    let mut ask: Ask = serde_json::from_slice(&head).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let mut files = Vec::with_capacity(ask.files.len());
    for path in &ask.files {
        files.push((path.clone(), expect_frame(input)?));
    }
    ask.job.files = files;
    Ok(Some(ask))
}

/// Writes a request and its files.
fn write_ask(out: &mut impl Write, job: &Job, output: Output, fresh: bool) -> io::Result<()> {
    // The job's files go as frames of their own, not as JSON numbers.
    let head = serde_json::json!({
        "job": job,
        "output": output,
        "files": job.files.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "fresh": fresh,
    });
    write_frame(out, &serde_json::to_vec(&head).map_err(io::Error::other)?)?;
    for (_, bytes) in &job.files {
        write_frame(out, bytes)?;
    }
    out.flush()
}

/// Writes a reply: the outcome, then its parts.
pub fn write_reply(out: &mut impl Write, reply: Result<Made, DocError>) -> io::Result<()> {
    match reply {
        Ok((pages, parts)) => {
            let done: Result<Done, DocError> = Ok(Done { pages, parts: parts.len() as u32 });
            write_frame(out, &serde_json::to_vec(&done).map_err(io::Error::other)?)?;
            for part in &parts {
                write_frame(out, part)?;
            }
        }
        Err(e) => {
            let refused: Result<Done, DocError> = Err(e);
            write_frame(out, &serde_json::to_vec(&refused).map_err(io::Error::other)?)?;
        }
    }
    out.flush()
}

/// Reads a reply: a refusal is the typesetter's answer (a document it
/// cannot make); an error of the stream is a typesetter that stopped.
fn read_reply(input: &mut impl Read) -> io::Result<Result<Made, DocError>> {
    let head = expect_frame(input)?;
    let done: Result<Done, DocError> =
        serde_json::from_slice(&head).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let Done { pages, parts } = match done {
        Ok(done) => done,
        Err(refused) => return Ok(Err(refused)),
    };
    let parts = (0..parts).map(|_| expect_frame(input)).collect::<io::Result<Vec<_>>>()?;
    Ok(Ok((pages, parts)))
}

/// The running typesetter.
struct Helper {
    child: Child,
    input: BufWriter<ChildStdin>,
    output: BufReader<ChildStdout>,
}

impl Helper {
    fn ask(&mut self, job: &Job, output: Output, fresh: bool) -> io::Result<Result<Made, DocError>> {
        write_ask(&mut self.input, job, output, fresh)?;
        read_reply(&mut self.output)
    }

    /// Closes its input, so that it leaves, and waits for it.
    fn end(self) {
        let Helper { mut child, input, output } = self;
        drop(input);
        drop(output);
        let _ = child.wait();
    }
}

/// A typesetter that left after its idle minute (or stopped) is gone:
/// forgotten, so that another is started rather than written to.
fn forget_if_gone(slot: &mut Option<Helper>) {
    if let Some(h) = slot.as_mut() {
        if !matches!(h.child.try_wait(), Ok(None)) {
            if let Some(h) = slot.take() {
                h.end();
            }
        }
    }
}

/// Liaison's side of the typesetter: starts it on the first document,
/// keeps it for the next, and starts another if it has left (after its
/// idle minute) or stopped. One document at a time.
pub struct Typesetter {
    program: PathBuf,
    idle: Duration,
    helper: Mutex<Option<Helper>>,
    /// Counts the documents asked for and the warmings: a rest asked for
    /// before the latest of them is out of date.
    uses: AtomicU64,
}

/// What [`Typesetter::mark`] gives [`Typesetter::rest`]: the uses so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark(u64);

impl std::fmt::Debug for Typesetter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Typesetter({})", self.program.display())
    }
}

impl Typesetter {
    /// The typesetter `program`, which leaves after `idle` with nothing to do.
    pub fn new(program: impl Into<PathBuf>, idle: Duration) -> Self {
        Typesetter { program: program.into(), idle, helper: Mutex::new(None), uses: AtomicU64::new(0) }
    }

    /// The typesetter installed beside the running program (in a package
    /// both are in /usr/bin; in a build both are in the target folder).
    pub fn beside_this_program() -> Self {
        let here = std::env::current_exe().ok();
        let dir = here.as_deref().and_then(Path::parent).unwrap_or(Path::new("."));
        Typesetter::new(dir.join(PROGRAM), IDLE)
    }

    /// The whole PDF.
    pub fn pdf(&self, job: &Job) -> Result<Pdf, DocError> {
        self.pdf_with(job, false)
    }

    /// Each page as an SVG image, as it will print.
    pub fn svg_pages(&self, job: &Job) -> Result<Vec<String>, DocError> {
        let (_, parts) = self.run(job, Output::Svg, false)?;
        parts.into_iter().map(|p| String::from_utf8(p).map_err(|_| stopped("an SVG page not UTF-8"))).collect()
    }

    /// The PDF with nothing memoised from earlier documents.
    pub fn pdf_fresh(&self, job: &Job) -> Result<Pdf, DocError> {
        self.pdf_with(job, true)
    }

    fn pdf_with(&self, job: &Job, fresh: bool) -> Result<Pdf, DocError> {
        let (pages, mut parts) = self.run(job, Output::Pdf, fresh)?;
        let bytes = parts.pop().filter(|_| parts.is_empty()).ok_or_else(|| stopped("a PDF not in one part"))?;
        Ok(Pdf { bytes, pages })
    }

    /// Starts the typesetter if none is running, without asking it for
    /// anything, so that a document asked for a moment later finds it
    /// started and its fonts found (the window calls it as a person reaches
    /// for the documents tab). Does nothing while a document is being made:
    /// the typesetter is running then.
    pub fn warm(&self) -> Result<(), DocError> {
        self.uses.fetch_add(1, Ordering::SeqCst);
        let Ok(mut slot) = self.helper.try_lock() else { return Ok(()) };
        forget_if_gone(&mut slot);
        if slot.is_none() {
            *slot = Some(self.start()?);
        }
        Ok(())
    }

    /// Where the typesetter's uses stand now, for a [`rest`](Self::rest)
    /// asked for later.
    pub fn mark(&self) -> Mark {
        Mark(self.uses.load(Ordering::SeqCst))
    }

    /// Lets the typesetter go now, unless it has been used since `since`
    /// (a document asked for, or a warming) or is making a document: the
    /// window calls it a moment after it stops showing documents, so that
    /// going from one visit's documents to another's keeps the one running.
    /// True if one was running and left.
    pub fn rest(&self, since: Mark) -> bool {
        let Ok(mut slot) = self.helper.try_lock() else { return false };
        // Checked under the lock: a use that came first holds it or has
        // counted itself, so none is cut off half-way.
        if self.mark() != since {
            return false;
        }
        match slot.take() {
            Some(h) => {
                h.end();
                true
            }
            None => false,
        }
    }

    /// The typesetter's process id, if it is running (for tests).
    pub fn process_id(&self) -> Option<u32> {
        self.helper.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map(|h| h.child.id())
    }

    fn start(&self) -> Result<Helper, DocError> {
        let missing = |e: io::Error| DocError::TypesetterMissing {
            program: self.program.display().to_string(),
            detail: e.to_string(),
        };
        let mut child = Command::new(&self.program)
            .arg("--serve")
            .arg("--idle-seconds")
            .arg(self.idle.as_secs().max(1).to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(missing)?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(missing(io::Error::other("no pipes")));
        };
        Ok(Helper { child, input: BufWriter::new(input), output: BufReader::new(output) })
    }

    fn run(&self, job: &Job, output: Output, fresh: bool) -> Result<Made, DocError> {
        self.uses.fetch_add(1, Ordering::SeqCst);
        let mut slot = self.helper.lock().unwrap_or_else(|e| e.into_inner());
        forget_if_gone(&mut slot);
        let reused = slot.is_some();
        let mut helper = match slot.take() {
            Some(h) => h,
            None => self.start()?,
        };
        match helper.ask(job, output, fresh) {
            Ok(reply) => {
                *slot = Some(helper);
                reply
            }
            // One that was kept may have left just as this was sent; a new
            // one is asked once more. One just started that stops on this
            // document would stop again: that is the answer.
            Err(_) if reused => {
                helper.end();
                let mut helper = self.start()?;
                let reply = helper.ask(job, output, fresh);
                match reply {
                    Ok(reply) => {
                        *slot = Some(helper);
                        reply
                    }
                    Err(e) => {
                        helper.end();
                        Err(stopped(&e.to_string()))
                    }
                }
            }
            Err(e) => {
                helper.end();
                Err(stopped(&e.to_string()))
            }
        }
    }
}

fn stopped(detail: &str) -> DocError {
    DocError::TypesetterStopped { detail: detail.to_owned() }
}

impl Drop for Typesetter {
    fn drop(&mut self) {
        if let Some(h) = self.helper.get_mut().unwrap_or_else(|e| e.into_inner()).take() {
            h.end();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job() -> Job {
        Job {
            template: "#let data = json(\"/data.json\")\n#data.name".into(),
            sources: vec![("/liaison.typ".into(), "// shared".into())],
            data: serde_json::json!({"name": "李明 Li Ming"}),
            files: vec![("/letterhead.png".into(), vec![0x89, b'P', b'N', b'G', 0, 255])],
        }
    }

    #[test]
    fn a_request_reads_back_as_written_files_and_all() {
        let mut wire = Vec::new();
        write_ask(&mut wire, &job(), Output::Svg, true).unwrap();
        write_ask(&mut wire, &job(), Output::Pdf, false).unwrap();
        let mut input = &wire[..];
        let first = read_ask(&mut input).unwrap().unwrap();
        assert_eq!((first.job, first.output, first.fresh), (job(), Output::Svg, true));
        let second = read_ask(&mut input).unwrap().unwrap();
        assert_eq!((second.job, second.output, second.fresh), (job(), Output::Pdf, false));
        assert!(read_ask(&mut input).unwrap().is_none(), "the end of the stream is the end of requests");
    }

    #[test]
    fn a_reply_carries_its_parts_or_the_refusal() {
        let mut wire = Vec::new();
        write_reply(&mut wire, Ok((2, vec![b"<svg>1</svg>".to_vec(), b"<svg>2</svg>".to_vec()]))).unwrap();
        let no_font = DocError::NoFont { script: "Thai".into(), character: 'ก' };
        write_reply(&mut wire, Err(no_font.clone())).unwrap();
        let mut input = &wire[..];
        let (pages, parts) = read_reply(&mut input).unwrap().unwrap();
        assert_eq!((pages, parts.len()), (2, 2));
        assert_eq!(parts[1], b"<svg>2</svg>");
        assert_eq!(read_reply(&mut input).unwrap(), Err(no_font));
    }

    #[test]
    fn a_stream_cut_short_is_an_error_not_a_reply() {
        let mut wire = Vec::new();
        write_reply(&mut wire, Ok((1, vec![vec![7; 100]]))).unwrap();
        wire.truncate(wire.len() - 10);
        assert!(read_reply(&mut &wire[..]).is_err());
        // A length past the limit is refused before anything is allocated.
        let huge = ((MAX_FRAME + 1) as u32).to_le_bytes();
        assert_eq!(read_frame(&mut &huge[..]).unwrap_err().kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn a_typesetter_that_is_not_there_is_named() {
        let t = Typesetter::new("/nonexistent/liaison-typeset", IDLE);
        match t.pdf(&job()) {
            Err(DocError::TypesetterMissing { program, .. }) => assert_eq!(program, "/nonexistent/liaison-typeset"),
            other => panic!("expected the missing typesetter, got {other:?}"),
        }
    }

    #[test]
    fn a_typesetter_that_stops_is_an_error_and_the_next_document_starts_another() {
        // `true` reads nothing and leaves at once: a typesetter that stopped.
        let t = Typesetter::new("true", IDLE);
        assert!(matches!(t.svg_pages(&job()), Err(DocError::TypesetterStopped { .. })));
        assert!(t.process_id().is_none(), "a stopped typesetter is not kept");
        assert!(matches!(t.svg_pages(&job()), Err(DocError::TypesetterStopped { .. })));
    }
}
