//! Liaison's typesetter: Typst embedded as a library, serving
//! [`liaison_documents::Job`]s over its standard input and output (see
//! `liaison_documents::typesetter` for why it is a process of its own and
//! for the wire).
//!
//! Each job is a template of liaison-documents and its data as JSON,
//! which the template reads with `json()`: what a coordinator typed
//! reaches Typst as strings, shown as text, never read as Typst markup.
//! Fonts come from the system, found on the first job (see [`fonts`]);
//! text that no installed font has is refused, naming its script.

pub mod fonts;
mod world;

use std::io::{Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::Duration;

use liaison_documents::typesetter::{self, Ask, Made, Output};
use liaison_documents::{DocError, Job};
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

/// A document typeset: its pages, to print (PDF) or to preview (SVG).
pub struct Typeset {
    document: PagedDocument,
}

impl std::fmt::Debug for Typeset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Typeset({} pages)", self.document.pages().len())
    }
}

/// Runs part of Typst, which is not ours: whatever a template or its data
/// makes it do, a panic inside it is a refused document, not a stopped
/// typesetter.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, DocError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(message)) => Err(DocError::Typeset { message }),
        Err(_) => Err(DocError::Typeset { message: "the typesetter stopped unexpectedly".into() }),
    }
}

/// The message of each of Typst's errors, in one line each.
fn messages(diags: &[typst::diag::SourceDiagnostic]) -> String {
    diags.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("; ")
}

/// Every string in `value`: what the fonts must be able to show.
fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

impl Typeset {
    pub fn pages(&self) -> usize {
        self.document.pages().len()
    }

    /// The PDF: text as text, fonts embedded and subset, no date in it (the
    /// same document makes the same file).
    pub fn pdf(&self) -> Result<Vec<u8>, DocError> {
        guarded(|| {
            let options = PdfOptions { creator: Smart::Custom(Some("Liaison".into())), ..PdfOptions::default() };
            typst_pdf::pdf(&self.document, &options).map_err(|e| messages(&e[..]))
        })
    }

    /// Each page as an SVG image, for the window's preview: the pages
    /// exactly as they will print.
    pub fn svg_pages(&self) -> Result<Vec<String>, DocError> {
        guarded(|| Ok(self.document.pages().iter().map(|p| typst_svg::svg(p, &Default::default())).collect()))
    }
}

/// `job` typeset.
pub fn typeset(job: &Job) -> Result<Typeset, DocError> {
    let fonts = fonts::Fonts::system();
    let mut texts = Vec::new();
    strings(&job.data, &mut texts);
    fonts.check(texts)?;
    let json = serde_json::to_vec(&job.data).map_err(|e| DocError::Typeset { message: e.to_string() })?;
    let world = world::DocWorld::new(job, json, fonts);
    let document = guarded(|| typst::compile::<PagedDocument>(&world).output.map_err(|e| messages(&e[..])));
    // Typst memoises across compilations; keep what the next document may
    // reuse (the fonts' shaping, the templates' parse), drop the rest.
    typst::comemo::evict(10);
    Ok(Typeset { document: document? })
}

/// What one request makes: the number of pages and the parts to send.
fn answer(ask: &Ask) -> Result<Made, DocError> {
    if ask.fresh {
        typst::comemo::evict(0);
    }
    let doc = typeset(&ask.job)?;
    let pages = u32::try_from(doc.pages()).unwrap_or(u32::MAX);
    let parts = match ask.output {
        Output::Pdf => vec![doc.pdf()?],
        Output::Svg => doc.svg_pages()?.into_iter().map(String::into_bytes).collect(),
    };
    Ok((pages, parts))
}

/// Why the typesetter stopped serving.
#[derive(Debug, PartialEq, Eq)]
pub enum End {
    /// Its input ended: Liaison is done with it (or gone).
    Closed,
    /// Nothing was asked for `idle`.
    Idle,
}

/// Answers requests from `input` on `output` until the input ends or
/// nothing is asked for `idle`. The input is read on a thread of its own,
/// so that waiting for it can time out.
pub fn serve(input: impl Read + Send + 'static, output: &mut impl Write, idle: Duration) -> std::io::Result<End> {
    // The fonts are scanned while the first request is on its way (about
    // 60 ms of a cold first document): Liaison starts the typesetter as a
    // person reaches for the documents (`Typesetter::warm`), before it
    // knows what to ask. The first request waits for the same scan.
    std::thread::spawn(|| {
        let _ = fonts::Fonts::system();
    });
    let (tx, rx) = mpsc::sync_channel::<std::io::Result<Ask>>(1);
    std::thread::spawn(move || {
        let mut input = std::io::BufReader::new(input);
        loop {
            let next = typesetter::read_ask(&mut input).transpose();
            let Some(next) = next else { return };
            let failed = next.is_err();
            if tx.send(next).is_err() || failed {
                return;
            }
        }
    });
    loop {
        let ask = match rx.recv_timeout(idle) {
            Ok(ask) => ask?,
            Err(mpsc::RecvTimeoutError::Timeout) => return Ok(End::Idle),
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(End::Closed),
        };
        let reply = answer(&ask);
        // Done with this document's glyphs; the next document faults in
        // the pages it needs, a few milliseconds' worth.
        fonts::let_go();
        typesetter::write_reply(output, reply)?;
    }
}
