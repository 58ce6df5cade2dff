//! Structure-aware fuzzing of the two file formats Liaison reads.
//!
//! Calendar files and JSON documents are generated from real ones (our own
//! exports of the sample, an Outlook-style file, the sample document) and
//! mutated as trees: components deleted, duplicated, nested and renamed;
//! properties dropped, repeated, moved and renamed; parameters added and
//! removed; values replaced with the extremes that break date arithmetic,
//! text rules and limits; and, now and then, the bytes themselves. Every
//! case must be imported or refused with its line or JSON path, writing
//! nothing; nothing may panic; and whatever is imported must survive
//! Liaison's own backup: `export json` into an empty database.
//!
//! It runs for `LIAISON_FUZZ_SECONDS` per format (20 by default, which the
//! test command uses), from `LIAISON_FUZZ_SEED` (random by default, and
//! printed). A failing input is written to `tests/corpus/` and must be
//! committed there with a line in `tests/corpus/MANIFEST`; the regression
//! test below replays every file in it.

use std::collections::BTreeSet;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use liaison_core::benchdata::Rng;
use liaison_core::calendar::parse::{parse, Component, Property};
use liaison_core::calendar::{ExportOptions, Method, Selection, Tasks};
use liaison_core::i18n::Lang;
use liaison_core::interchange::Scope;
use liaison_core::sample::{SAMPLE_JSON, SAMPLE_VISIT_ID};
use liaison_core::validate::PersonInput;
use liaison_core::{Error, Service};
use serde_json::Value;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// What the fuzzer asks of the generator's random numbers beyond a number
/// below n.
trait Choose {
    fn chance(&mut self, percent: u64) -> bool;
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T;
}

impl Choose for Rng {
    fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ----- values that break things ------------------------------------------------

/// Text values: empty, long, every kind of character that a rule is about.
fn nasty_text(r: &mut Rng) -> String {
    let pieces: [&str; 22] = [
        "",
        " ",
        "Talks",
        "张惠东 和震",
        "\\n",
        "\\\\",
        "\\,\\;",
        "\\x",
        "a\\",
        "\u{202E}evil\u{202C}",
        "\u{2066}x\u{2069}",
        "zero\u{200B}width",
        "\u{FEFF}bom",
        "tab\there",
        "\u{7}bell",
        "\u{2028}",
        "<img src=x onerror=alert(1)>",
        "Participants:\\n- someone",
        "Visit: x",
        "Status: Open",
        "مرحبا",
        "👩🏽‍💼",
    ];
    let mut s = String::new();
    for _ in 0..=r.below(4) {
        let piece: &&str = r.pick(&pieces);
        s.push_str(piece);
    }
    if r.chance(5) {
        s.push_str(&"长".repeat(r.below(30_000)));
    }
    s
}

fn nasty_time(r: &mut Rng) -> String {
    let values = [
        "20210611T090000",
        "20210611T090000Z",
        "20210611",
        "99991231",
        "99991231T235959Z",
        "00010101T000000",
        "18991231T235959",
        "22010101T000000",
        "21991231T235959Z",
        "20210230T090000",
        "20210611T250000",
        "20210611T0900",
        "2021-06-11T09:00:00",
        "+2021061",
        "",
        "20210328T023000",
        "20211031T023000",
        "202106110900009999999999999",
    ];
    r.pick(&values).to_string()
}

fn nasty_duration(r: &mut Rng) -> String {
    let values = [
        "PT1H",
        "PT0S",
        "-PT1H",
        "P1D",
        "P2W",
        "P99999999D",
        "P999999999999999W",
        "P99999999999999999999W",
        "PT9223372036854775807S",
        "P",
        "PT",
        "P1H",
        "-P9999999W",
        "P1DT",
    ];
    r.pick(&values).to_string()
}

fn nasty_number(r: &mut Rng) -> String {
    let values = ["0", "1", "7", "-1", "4294967295", "4294967296", "99999999999999999999", "1.5", "", "x"];
    r.pick(&values).to_string()
}

fn value_for(r: &mut Rng, name: &str) -> String {
    match name {
        "DTSTART" | "DTEND" | "DUE" | "DTSTAMP" | "CREATED" | "LAST-MODIFIED" | "RECURRENCE-ID" => nasty_time(r),
        "DURATION" => nasty_duration(r),
        "SEQUENCE" | "PRIORITY" | "PERCENT-COMPLETE" => nasty_number(r),
        "STATUS" => r.pick(&["CONFIRMED", "TENTATIVE", "CANCELLED", "COMPLETED", "IN-PROCESS", "x"]).to_string(),
        "METHOD" => r.pick(&["PUBLISH", "REQUEST", "CANCEL", "REPLY", ""]).to_string(),
        "ATTENDEE" | "ORGANIZER" => {
            r.pick(&["mailto:he.zhen@nive.example", "mailto:", "MAILTO:X@Y.Z", "urn:x", "mailto:a@b"]).to_string()
        }
        "RRULE" => "FREQ=DAILY;COUNT=3".into(),
        _ => nasty_text(r),
    }
}

// ----- calendar files as trees ------------------------------------------------------

const PROPERTY_NAMES: &[&str] = &[
    "UID",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "DTSTART",
    "DTEND",
    "DURATION",
    "DUE",
    "SEQUENCE",
    "STATUS",
    "CATEGORIES",
    "ATTENDEE",
    "ORGANIZER",
    "RRULE",
    "RECURRENCE-ID",
    "X-WR-CALNAME",
    "METHOD",
    "X-LIAISON",
];

const COMPONENT_NAMES: &[&str] = &["VEVENT", "VTODO", "VTIMEZONE", "VALARM", "STANDARD", "X-THING", "VJOURNAL"];

fn nasty_params(r: &mut Rng) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for _ in 0..r.below(3) {
        let (k, v): (&str, Vec<String>) = match r.below(6) {
            0 => (
                "TZID",
                vec![r
                    .pick(&[
                        "Asia/Shanghai",
                        "Europe/Berlin",
                        "W. Europe Standard Time",
                        "China Standard Time",
                        "/mozilla.org/20050126_1/America/New_York",
                        "Mars/Olympus",
                        "",
                    ])
                    .to_string()],
            ),
            1 => ("VALUE", vec![r.pick(&["DATE", "DATE-TIME", "TEXT", "x"]).to_string()]),
            2 => ("CN", vec![nasty_text(r).replace(['"', '\r', '\n'], "")]),
            3 => ("ROLE", vec!["CHAIR".into(), "REQ-PARTICIPANT".into()]),
            4 => ("X-MANY", (0..r.below(150)).map(|i| i.to_string()).collect()),
            _ => ("LANGUAGE", vec!["zh-CN".into()]),
        };
        out.push((k.to_owned(), v));
    }
    out
}

fn random_property(r: &mut Rng) -> Property {
    let name = r.pick(PROPERTY_NAMES).to_string();
    let value = value_for(r, &name);
    Property { params: nasty_params(r), name, value, line: 0 }
}

fn random_component(r: &mut Rng, depth: usize) -> Component {
    let name = r.pick(COMPONENT_NAMES).to_string();
    let mut c = Component { name, ..Default::default() };
    for _ in 0..r.below(8) {
        c.properties.push(random_property(r));
    }
    if depth < 3 && r.chance(20) {
        c.components.push(random_component(r, depth + 1));
    }
    c
}

/// Every component of the tree, as paths of child indexes.
fn component_paths(c: &Component, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    out.push(at.clone());
    for (i, child) in c.components.iter().enumerate() {
        at.push(i);
        component_paths(child, at, out);
        at.pop();
    }
}

fn component_at<'a>(root: &'a mut Component, path: &[usize]) -> &'a mut Component {
    path.iter().fold(root, |c, i| &mut c.components[*i])
}

/// One change to the tree at the level of components, properties,
/// parameters or values.
fn mutate_calendar(r: &mut Rng, root: &mut Component) {
    let mut paths = Vec::new();
    component_paths(root, &mut Vec::new(), &mut paths);
    let path = r.pick(&paths).clone();
    match r.below(14) {
        // Components.
        0 if !path.is_empty() => {
            let (last, parent) = path.split_last().unwrap();
            component_at(root, parent).components.remove(*last);
        }
        1 if !path.is_empty() => {
            let copy = component_at(root, &path).clone();
            let (_, parent) = path.split_last().unwrap();
            component_at(root, parent).components.push(copy);
        }
        2 => {
            let child = random_component(r, 1);
            component_at(root, &path).components.push(child);
        }
        3 if !path.is_empty() => {
            component_at(root, &path).name = r.pick(COMPONENT_NAMES).to_string();
        }
        4 => {
            // Nest a component's copy a few levels deeper.
            let mut inner = component_at(root, &path).clone();
            for _ in 0..r.below(6) {
                inner = Component { name: "VEVENT".into(), components: vec![inner], ..Default::default() };
            }
            component_at(root, &path).components.push(inner);
        }
        // Properties.
        5 | 6 => {
            let p = random_property(r);
            component_at(root, &path).properties.push(p);
        }
        7 => {
            let c = component_at(root, &path);
            if !c.properties.is_empty() {
                let i = r.below(c.properties.len());
                c.properties.remove(i);
            }
        }
        8 => {
            let c = component_at(root, &path);
            if !c.properties.is_empty() {
                let i = r.below(c.properties.len());
                let p = c.properties[i].clone();
                let times = if r.chance(10) { 500 } else { 1 };
                c.properties.extend(std::iter::repeat_n(p, times));
            }
        }
        9 => {
            let name = r.pick(PROPERTY_NAMES).to_string();
            let c = component_at(root, &path);
            if !c.properties.is_empty() {
                let i = r.below(c.properties.len());
                c.properties[i].name = name;
            }
        }
        // Parameters.
        10 => {
            let params = nasty_params(r);
            let c = component_at(root, &path);
            if !c.properties.is_empty() {
                let i = r.below(c.properties.len());
                c.properties[i].params = params;
            }
        }
        // Values.
        _ => {
            let c = component_at(root, &path);
            if !c.properties.is_empty() {
                let i = r.below(c.properties.len());
                let name = c.properties[i].name.clone();
                c.properties[i].value = value_for(r, &name);
            }
        }
    }
}

fn quote(v: &str) -> String {
    if v.contains([':', ';', ',']) {
        format!("\"{v}\"")
    } else {
        v.to_owned()
    }
}

/// Writes the tree as a calendar file, folding lines at random points
/// (between characters) and with CRLF or LF line ends.
fn write_calendar(r: &mut Rng, c: &Component, out: &mut String) {
    let crlf = !r.chance(10);
    let end = if crlf { "\r\n" } else { "\n" };
    let mut stack = vec![(c, 0usize, false)];
    // Iterative, so that a deeply nested tree cannot overflow this stack.
    while let Some((c, next, opened)) = stack.pop() {
        if !opened {
            out.push_str(&format!("BEGIN:{}{end}", c.name));
            for p in &c.properties {
                let mut line = p.name.clone();
                for (k, vs) in &p.params {
                    line.push(';');
                    line.push_str(k);
                    line.push('=');
                    line.push_str(&vs.iter().map(|v| quote(v)).collect::<Vec<_>>().join(","));
                }
                line.push(':');
                line.push_str(&p.value.replace("\r\n", "\\n").replace(['\n', '\r'], "\\n"));
                let mut count = 0;
                for ch in line.chars() {
                    if count > 60 && r.chance(3) {
                        out.push_str(end);
                        out.push(' ');
                        count = 0;
                    }
                    out.push(ch);
                    count += ch.len_utf8();
                }
                out.push_str(end);
            }
        }
        if next < c.components.len() {
            stack.push((c, next + 1, true));
            stack.push((&c.components[next], 0, false));
        } else {
            out.push_str(&format!("END:{}{end}", c.name));
        }
    }
}

/// Byte-level damage, sometimes: invalid UTF-8, a cut, a stray byte.
fn damage_bytes(r: &mut Rng, bytes: &mut Vec<u8>) {
    if bytes.is_empty() || !r.chance(15) {
        return;
    }
    let at = r.below(bytes.len());
    match r.below(3) {
        0 => bytes.insert(at, *r.pick(&[0xFF, 0xC3, 0x80, 0x00, b'\r'])),
        1 => bytes.truncate(at),
        _ => bytes[at] = (r.next_u64() & 0xFF) as u8,
    }
}

// ----- JSON documents as trees --------------------------------------------------

const SAMPLE_VISIT_ID_TEXT: &str = "5a3f1c2e-0000-4000-8000-000000000021";

/// One id of each kind in the sample: organisation, person, agenda item and
/// follow-up (and the visit's, above).
const SAMPLE_IDS: [&str; 4] = [
    "5a3f1c2e-0000-4000-8000-000000000001",
    "5a3f1c2e-0000-4000-8000-000000000011",
    "5a3f1c2e-0000-4000-8000-000000000032",
    "5a3f1c2e-0000-4000-8000-000000000042",
];

fn nasty_json(r: &mut Rng) -> Value {
    match r.below(12) {
        0 => Value::Null,
        1 => Value::Bool(r.chance(50)),
        2 => serde_json::json!(-1),
        3 => serde_json::json!(u64::MAX),
        4 => serde_json::json!(1.5e300),
        5 => Value::String(nasty_text(r).replace("\\n", "\n")),
        6 => Value::String(
            r.pick(&[
                "2021-06-11T09:00",
                "9999-12-31T23:59",
                "1899-01-01T00:00",
                "2021-02-30",
                "2021-06-11T09:00:00+08:00",
                "",
                "Asia/Shanghai",
                "Mars/Base",
            ])
            .to_string(),
        ),
        7 => Value::String(uuid::Uuid::new_v4().to_string()),
        // Ids and calendar UIDs of the sample's records of every kind: a
        // record under another's id or UID, which the sample (loaded in
        // half the cases) may hold under another kind or table.
        8 => {
            let id = *r.pick(&["00000000-0000-4000-8000-000000000000", "not-a-uuid", SAMPLE_VISIT_ID_TEXT]);
            let id = if r.chance(50) { id } else { *r.pick(&SAMPLE_IDS) };
            Value::String(if r.chance(25) { format!("{id}@liaison") } else { id.to_string() })
        }
        9 => Value::Array((0..r.below(5)).map(|_| Value::String(nasty_text(r))).collect()),
        10 => Value::Array(vec![Value::String("t".into()); if r.chance(20) { 1000 } else { 3 }]),
        _ => serde_json::json!({ "x": [] }),
    }
}

/// Every object or array in the tree, as JSON pointers.
fn json_paths(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(at.clone());
            for (k, child) in m {
                json_paths(child, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            out.push(at.clone());
            for (i, child) in a.iter().enumerate() {
                json_paths(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn mutate_json(r: &mut Rng, doc: &mut Value) {
    let mut paths = Vec::new();
    json_paths(doc, String::new(), &mut paths);
    // Now and then a record takes another's id or calendar UID, of the
    // same kind or not: what a hand-merged file does, and what the stored
    // sample (loaded in half the cases) may also hold.
    if r.chance(10) {
        let key = *r.pick(&["id", "uid"]);
        let with: Vec<&String> =
            paths.iter().filter(|p| doc.pointer(p).is_some_and(|v| v.get("id").is_some())).collect();
        if with.len() >= 2 {
            let (from, to) = (r.pick(&with).to_string(), r.pick(&with).to_string());
            let value = match doc.pointer(&from).and_then(|v| v.get(key)) {
                Some(v) => v.clone(),
                // A record that leaves its UID out has the one its id makes.
                None => Value::String(format!("{}@liaison", doc.pointer(&from).unwrap()["id"].as_str().unwrap_or(""))),
            };
            if let Some(Value::Object(m)) = doc.pointer_mut(&to) {
                m.insert(key.to_owned(), value);
            }
            return;
        }
    }
    let path = r.pick(&paths).clone();
    let replacement = nasty_json(r);
    let Some(target) = doc.pointer_mut(&path) else { return };
    match target {
        Value::Object(m) if !m.is_empty() => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let key = r.pick(&keys).clone();
            match r.below(3) {
                0 => {
                    m.remove(&key);
                }
                1 => {
                    m.insert(key, replacement);
                }
                _ => {
                    m.insert(r.pick(&["extra", "uid", "sequence", "time_zone", "id"]).to_string(), replacement);
                }
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = r.below(a.len());
            match r.below(4) {
                0 => {
                    a.remove(i);
                }
                1 => {
                    let copy = a[i].clone();
                    a.push(copy);
                }
                2 => {
                    let j = r.below(a.len());
                    a.swap(i, j);
                }
                _ => a[i] = replacement,
            }
        }
        other => *other = replacement,
    }
}

// ----- what must hold ---------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Ics,
    Json,
}

#[derive(Default, Debug)]
struct Tally {
    cases: usize,
    imported: usize,
    refused: usize,
}

/// Everything stored, as a backup would have it.
async fn everything(s: &Service) -> String {
    s.export_json(Scope::All).await.unwrap()
}

/// Imports `bytes` into a fresh database (with the sample in it, half the
/// time, so that merges and updates are exercised too) and checks what
/// must hold. Err names what did not.
fn check(format: Format, bytes: &[u8], with_sample: bool) -> Result<bool, String> {
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        rt().block_on(async {
            let s = liaison_core::testing::service().await;
            if with_sample {
                s.load_sample().await.unwrap();
            }
            let before = everything(&s).await;
            let result = match format {
                Format::Ics => s.import_ics(bytes, "f.ics", None).await.map(|_| ()),
                Format::Json => s.import_json(bytes, "f.json").await.map(|_| ()),
            };
            match result {
                Ok(()) => {
                    // Whatever was stored must restore from its own backup.
                    let backup = everything(&s).await;
                    let fresh = liaison_core::testing::service().await;
                    if let Err(e) = fresh.import_json(backup.as_bytes(), "backup.json").await {
                        return Err(format!("imported, but its backup does not restore: {e}"));
                    }
                    if everything(&fresh).await != backup {
                        return Err("imported, but its backup restores differently".into());
                    }
                    Ok(true)
                }
                Err(e) => {
                    let named = match (&e, format) {
                        (Error::Malformed { line, .. }, _) => *line >= 1,
                        (Error::Invalid(fields), Format::Ics) => {
                            !fields.is_empty() && fields.iter().all(|f| f.field.starts_with("f.ics:"))
                        }
                        (Error::Invalid(fields), Format::Json) => {
                            !fields.is_empty() && fields.iter().all(|f| f.field.starts_with('$'))
                        }
                        // A reference to a record that is not there, or a
                        // UID owned by another record, names it.
                        (Error::NotFound { .. } | Error::Conflict(_), _) => true,
                        _ => false,
                    };
                    if !named {
                        return Err(format!("refused without a line or a path: {e:?}"));
                    }
                    if everything(&s).await != before {
                        return Err(format!("refused ({e}), but something was written"));
                    }
                    Ok(false)
                }
            }
        })
    }));
    match outcome {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("panicked: {what}"))
        }
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Keeps a failing input where the regression test will find it.
fn keep(format: Format, bytes: &[u8]) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    let (dir, ext) = match format {
        Format::Ics => ("ics", "ics"),
        Format::Json => ("json", "json"),
    };
    let path = corpus_dir().join(dir).join(format!("found-{:016x}.{ext}", h.finish()));
    let _ = std::fs::create_dir_all(path.parent().unwrap());
    let _ = std::fs::write(&path, bytes);
    path
}

fn seconds() -> u64 {
    std::env::var("LIAISON_FUZZ_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(20)
}

fn seed() -> u64 {
    std::env::var("LIAISON_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    })
}

/// Cases every run tries, however slow the machine: the structured fuzzers
/// assert that they reached this many, which a time budget alone did not
/// promise (a slow phase of a CI machine ran 23 cases on PostgreSQL in 20 s).
const MIN_CASES: usize = 50;

/// Runs `one` until the time is up and at least [`MIN_CASES`] were tried,
/// then reports the tally.
fn fuzz(format: Format, mut one: impl FnMut(&mut Rng) -> Vec<u8>) -> Tally {
    let seed = seed();
    let mut r = Rng(seed);
    let until = Instant::now() + Duration::from_secs(seconds());
    let mut t = Tally::default();
    while Instant::now() < until || t.cases < MIN_CASES {
        let bytes = one(&mut r);
        let with_sample = r.chance(50);
        match check(format, &bytes, with_sample) {
            Ok(true) => t.imported += 1,
            Ok(false) => t.refused += 1,
            Err(why) => {
                let kept = keep(format, &bytes);
                panic!(
                    "case {} (seed {seed}, sample loaded: {with_sample}) {why}\nthe input is at {}: add it to tests/corpus/MANIFEST",
                    t.cases,
                    kept.display()
                );
            }
        }
        t.cases += 1;
    }
    eprintln!("fuzz {}: {t:?} in {} s, seed {seed}", if format == Format::Ics { "ics" } else { "json" }, seconds());
    t
}

fn stamp() -> DateTime<Utc> {
    "2026-01-01T00:00:00Z".parse().unwrap()
}

/// Real files to start from: our own exports of the sample in every form,
/// and a file as Outlook and Google write them.
fn calendar_seeds() -> Vec<Component> {
    let mut texts = vec![std::fs::read_to_string(corpus_dir().join("seeds/outlook.ics")).unwrap()];
    rt().block_on(async {
        let s = liaison_core::testing::service().await;
        s.load_sample().await.unwrap();
        // Nobody in the sample has an email, and an invitation needs people
        // to invite: give them made-up ones.
        for (i, p) in s.people().await.unwrap().into_iter().enumerate() {
            let input = PersonInput {
                name: p.name,
                chinese_name: p.chinese_name,
                native_name: p.native_name,
                title: p.title,
                organisation_id: p.organisation_id,
                email: format!("person{i}@example.org"),
                ..Default::default()
            };
            s.update_person(p.id, p.revision, &input).await.unwrap();
        }
        // The Chinese export's words too: the import recognises them.
        for (method, tasks, lang) in [
            (Method::Publish, Tasks::Todo, Lang::En),
            (Method::Request, Tasks::Events, Lang::ZhCn),
            (Method::Cancel, Tasks::Todo, Lang::En),
            (Method::Publish, Tasks::Events, Lang::ZhCn),
        ] {
            let opts =
                ExportOptions { method, tasks, organizer: Some("desk@iprcc.example".into()), stamp: stamp(), lang };
            texts.push(s.export_ics(Selection::Visit(SAMPLE_VISIT_ID), &opts).await.unwrap().text);
        }
    });
    texts.iter().map(|t| parse(t.as_bytes()).unwrap().remove(0)).collect()
}

#[test]
fn fuzz_calendar_files_by_structure() {
    let seeds = calendar_seeds();
    assert_eq!(seeds.len(), 5);
    let t = fuzz(Format::Ics, |r| {
        let mut cal = if r.chance(10) {
            let mut c = Component { name: "VCALENDAR".into(), ..Default::default() };
            for _ in 0..r.below(6) {
                c.components.push(random_component(r, 1));
            }
            c
        } else {
            r.pick(&seeds).clone()
        };
        for _ in 0..=r.below(6) {
            mutate_calendar(r, &mut cal);
        }
        let mut text = String::new();
        write_calendar(r, &cal, &mut text);
        let mut bytes = text.into_bytes();
        damage_bytes(r, &mut bytes);
        bytes
    });
    // The run did reach the assertions, and both ways out of them.
    assert!(t.imported > 0 && t.refused > 0, "{t:?}");
}

#[test]
fn fuzz_json_documents_by_structure() {
    let seed: Value = serde_json::from_str(SAMPLE_JSON).unwrap();
    let t = fuzz(Format::Json, |r| {
        let mut doc = seed.clone();
        for _ in 0..=r.below(4) {
            mutate_json(r, &mut doc);
        }
        let mut bytes = serde_json::to_vec(&doc).unwrap();
        damage_bytes(r, &mut bytes);
        bytes
    });
    assert!(t.imported > 0 && t.refused > 0, "{t:?}");
}

/// Every input that ever failed, replayed. `MANIFEST` names each file; a
/// file missing from the folder, or a file in it that the manifest does not
/// name, fails this test, so that nothing drops out of the corpus unseen.
#[test]
fn regression_corpus_replays_every_input_that_ever_failed() {
    let dir = corpus_dir();
    let manifest = std::fs::read_to_string(dir.join("MANIFEST")).unwrap();
    let listed: BTreeSet<String> =
        manifest.lines().map(|l| l.split('#').next().unwrap().trim().to_owned()).filter(|l| !l.is_empty()).collect();
    let mut present = BTreeSet::new();
    for sub in ["ics", "json"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            // .gitkeep: git keeps no empty folder.
            if !name.starts_with('.') {
                present.insert(format!("{sub}/{name}"));
            }
        }
    }
    assert_eq!(present, listed, "tests/corpus and its MANIFEST disagree");
    let mut replayed = 0;
    for name in &listed {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let format = if name.starts_with("ics/") { Format::Ics } else { Format::Json };
        for with_sample in [false, true] {
            if let Err(why) = check(format, &bytes, with_sample) {
                panic!("{name} (sample loaded: {with_sample}): {why}");
            }
            replayed += 1;
        }
    }
    assert_eq!(replayed, 2 * listed.len());
    assert!(listed.len() >= 5, "the corpus lost its cases: {listed:?}");
}
