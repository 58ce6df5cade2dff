//! Calendar files written by the real binary, read by parsers that are not
//! ours: Python `icalendar`, Mozilla's ical.js (Thunderbird's parser) and a
//! Radicale CalDAV server on 127.0.0.1. Each reads the file and reports what
//! it understood; the test compares that with what Liaison stored.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use liaison_tests::*;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};

const BERLIN_VISIT: &str = "7b000000-0000-4000-8000-000000000001";
const SEMINAR: &str = "7b000000-0000-4000-8000-000000000002";
const CANCELLED_VISIT: &str = "7b000000-0000-4000-8000-000000000003";
const ANNA: &str = "7b000000-0000-4000-8000-0000000000a1";
const JONAS: &str = "7b000000-0000-4000-8000-0000000000a2";
const ZHANG: &str = "7b000000-0000-4000-8000-0000000000a3";
const HE: &str = "7b000000-0000-4000-8000-0000000000a4";
const MOVED_ITEM: &str = "7b000000-0000-4000-8000-0000000000b2";

/// Commas, semicolons, backslashes and quotes in one-line fields.
const TRICKY: &str = "Room 3, Floor 2; \"east\" wing \\ annex";
/// The same, with every kind of line break, in multi-line fields.
const TRICKY_TEXT: &str = "First, second; third \\ fourth\nNew line 第二行\r\nCRLF line\rCR line";
/// Long enough to fold several times, in three-byte characters.
const LONG_CHINESE: &str = "中国国际扶贫中心代表团访问德国联邦职业教育与培训研究所，就职业教育合作举行会谈：培训课程、教学与课程开发、视频课程资源、专家交流与研讨会";

fn document(moved_title: &str, moved_start: &str, moved_end: &str) -> Value {
    let person = |id: &str, name: &str, native: &str, email: &str, org: &str| {
        json!({"id": id, "name": name, "native_name": native, "title": "Head, Unit; \"A\"", "organisation_id": org,
               "email": email, "phone": "", "languages": [], "dietary_needs": "", "access_needs": "", "notes": ""})
    };
    let item = |id: &str, start: &str, end: &str, zone: &str, title: &str, status: &str, people: Value| {
        json!({"id": id, "start": start, "end": end, "time_zone": zone, "title": title, "kind": "meeting",
               "status": status, "location": TRICKY, "description": TRICKY_TEXT, "participant_ids": people})
    };
    json!({
        "format": "liaison", "version": 1,
        "organisations": [
            {"id": "7b000000-0000-4000-8000-0000000000c1", "name": "Federal Institute for Vocational Education, Bonn",
             "native_name": "Bundesinstitut für Berufsbildung", "acronym": "BIBB", "country": "Germany",
             "kind": "government", "notes": ""},
            {"id": "7b000000-0000-4000-8000-0000000000c2", "name": "International Poverty Reduction Center in China",
             "native_name": "中国国际扶贫中心", "acronym": "IPRCC", "country": "China", "kind": "government", "notes": ""}
        ],
        "people": [
            person(ANNA, "Anna Müller, PhD", "", "anna@bibb.example", "7b000000-0000-4000-8000-0000000000c1"),
            person(JONAS, "Jonas Weber; Jr.", "", "", "7b000000-0000-4000-8000-0000000000c1"),
            person(ZHANG, "Zhang Huidong", "张惠东", "zhang@iprcc.example", "7b000000-0000-4000-8000-0000000000c2"),
            person(HE, "He Zhen", "和震", "he.zhen@iprcc.example", "7b000000-0000-4000-8000-0000000000c2")
        ],
        "visits": [
            {"id": BERLIN_VISIT, "kind": "incoming_delegation", "title": LONG_CHINESE, "purpose": TRICKY_TEXT,
             "status": "confirmed", "host_org_id": "7b000000-0000-4000-8000-0000000000c1",
             "guest_org_id": "7b000000-0000-4000-8000-0000000000c2",
             "start": "2025-10-24T09:00", "end": "2025-10-28T17:00", "time_zone": "Europe/Berlin",
             "venue": TRICKY, "online_link": "https://meet.example.org/r?a=1;b=2,c", "notes": "", "minutes": "",
             "topics": ["Training, courses", "Curricula; video"],
             "participants": [
                 {"person_id": ANNA, "side": "host", "role": "host", "precedence": 1},
                 {"person_id": JONAS, "side": "host", "role": "interpreter", "precedence": 2},
                 {"person_id": ZHANG, "side": "guest", "role": "head_of_delegation", "precedence": 1},
                 {"person_id": HE, "side": "guest", "role": "member", "precedence": 2}
             ],
             "agenda": [
                 // Before the clocks go back in Berlin (CEST, UTC+2) …
                 chaired(item("7b000000-0000-4000-8000-0000000000b1", "2025-10-25T10:00", "2025-10-25T11:30", "Europe/Berlin",
                      LONG_CHINESE, "confirmed", json!([ANNA, JONAS, ZHANG, HE]))),
                 // … and after (CET, UTC+1).
                 item(MOVED_ITEM, moved_start, moved_end, "Europe/Berlin", moved_title, "confirmed", json!([ANNA, ZHANG])),
                 // New York still on summer time (its change is on 2 November).
                 item("7b000000-0000-4000-8000-0000000000b3", "2025-10-27T09:00:00-04:00", "2025-10-27T10:00:00-04:00",
                      "America/New_York", "Call with the New York office", "tentative", json!([HE])),
                 item("7b000000-0000-4000-8000-0000000000b4", "2025-10-28T16:00:00+08:00", "2025-10-28T17:00:00+08:00",
                      "Asia/Shanghai", "Video call with Beijing", "confirmed", json!([])),
                 item("7b000000-0000-4000-8000-0000000000b5", "2025-10-26T10:00", "2025-10-26T11:00", "Europe/Berlin",
                      "Dropped: boat trip", "cancelled", json!([]))
             ],
             "follow_ups": [
                 {"id": "7b000000-0000-4000-8000-0000000000d1", "title": TRICKY, "owner_id": ZHANG,
                  "counterpart_org_id": "7b000000-0000-4000-8000-0000000000c1", "due_date": "2025-11-15",
                  "status": "open", "notes": TRICKY_TEXT},
                 {"id": "7b000000-0000-4000-8000-0000000000d2", "title": "Undated follow-up", "owner_id": HE,
                  "counterpart_org_id": null, "due_date": "", "status": "in_progress", "notes": ""}
             ]},
            {"id": SEMINAR, "kind": "seminar", "title": "Two-day seminar", "purpose": "", "status": "planned",
             "host_org_id": null, "guest_org_id": null, "start": "2025-12-01T00:00", "end": "2025-12-03T00:00",
             "time_zone": "Asia/Shanghai", "venue": "", "online_link": "", "notes": "", "minutes": "", "topics": [],
             "participants": [], "agenda": [
                 {"id": "7b000000-0000-4000-8000-0000000000b9", "start": "2025-12-01T09:00", "end": "2025-12-01T12:00",
                  "title": "Opening", "kind": "seminar_session", "status": "confirmed", "location": "",
                  "description": "", "participant_ids": []}
             ], "follow_ups": []},
            {"id": CANCELLED_VISIT, "kind": "meeting", "title": "Called-off meeting", "purpose": "", "status": "cancelled",
             "host_org_id": null, "guest_org_id": null, "start": "2025-11-05T14:00", "end": "2025-11-05T15:00",
             "time_zone": "Europe/Berlin", "venue": "", "online_link": "", "notes": "", "minutes": "", "topics": [],
             "participants": [{"person_id": ANNA, "side": "host", "role": "host", "precedence": 1},
                              {"person_id": HE, "side": "guest", "role": "member", "precedence": 1}],
             "agenda": [], "follow_ups": []}
        ]
    })
}

/// The item chaired by Zhang Huidong, He Zhen speaking first.
fn chaired(mut item: Value) -> Value {
    item["chair_id"] = json!(ZHANG);
    item["speaker_ids"] = json!([HE, ZHANG]);
    item
}

fn first_document() -> Value {
    document("Workshop; part 2, \\ wrap-up", "2025-10-27T10:00", "2025-10-27T11:00")
}

struct Fixture {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    db: PathBuf,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let f = Fixture { dir: dir.path().to_owned(), db: dir.path().join("l.db"), _dir: dir };
        f.load(&first_document(), "v1.json");
        f
    }

    fn load(&self, doc: &Value, name: &str) {
        let path = self.dir.join(name);
        std::fs::write(&path, serde_json::to_string(doc).unwrap()).unwrap();
        ok(liaison(&self.db, &["import", path.to_str().unwrap()]));
    }

    /// Runs `export ics ARGS -o NAME`; returns the file and stderr.
    fn export(&self, name: &str, args: &[&str]) -> (PathBuf, String) {
        let path = self.dir.join(name);
        let mut all = vec!["export", "ics"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", path.to_str().unwrap()]);
        let out = liaison(&self.db, &all);
        let err = stderr(&out);
        ok(out);
        (path, err)
    }

    fn show(&self, visit: &str) -> Value {
        serde_json::from_str(&ok(liaison(&self.db, &["show", visit, "--json"]))).unwrap()
    }
}

/// What both parsers reported, by UID.
struct Readings {
    python: Value,
    icaljs: Value,
}

impl Readings {
    fn of(path: &Path) -> Self {
        let python: Value = serde_json::from_str(&interop(&test_python(), "ics_python.py", &[path])).unwrap();
        let icaljs = serde_json::from_str(&interop(&node(), "ics_icaljs.mjs", &[path])).unwrap();
        // Every file read here also meets RFC 5546's tables for its method,
        // as libical checks them.
        let libical: Value = serde_json::from_str(&interop(&system_python(), "ics_libical.py", &[path])).unwrap();
        assert_eq!(libical["errors"], json!([]), "libical: {}", path.display());
        assert_eq!(libical["passed"], json!(true), "libical: {libical}");
        assert_eq!(libical["method"], python["method"], "libical and python icalendar disagree on METHOD");
        assert!(libical["components"].as_u64().unwrap() >= 2, "libical read nothing: {libical}");
        Readings { python, icaljs }
    }

    /// The component with `uid` as each parser read it.
    fn both(&self, uid: &str) -> [(&'static str, &Value); 2] {
        let find = |doc: &Value, who: &str| -> Value {
            doc["components"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["uid"] == uid)
                .unwrap_or_else(|| panic!("{who} did not find {uid}"))
                .clone()
        };
        // Leaked for the caller's convenience: tests are short-lived.
        let p: &'static Value = Box::leak(Box::new(find(&self.python, "python icalendar")));
        let j: &'static Value = Box::leak(Box::new(find(&self.icaljs, "ical.js")));
        [("python icalendar", p), ("ical.js", j)]
    }

    fn method(&self) -> [Value; 2] {
        [self.python["method"].clone(), self.icaljs["method"].clone()]
    }
}

/// RFC 5545 shape of the raw file, checked byte by byte.
fn check_raw(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains(['\r', '\n']), "bare CR or LF in {}", path.display());
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let unfolded = text.replace("\r\n ", "");
    for line in unfolded.split("\r\n") {
        if let Some(rest) = line.split(";TZID=").nth(1) {
            let zone = rest.split([':', ';']).next().unwrap();
            assert!(unfolded.contains(&format!("\r\nTZID:{zone}\r\n")), "no VTIMEZONE for {zone}");
        }
        if let Some(stamp) = line.strip_prefix("DTSTAMP:") {
            assert!(stamp.ends_with('Z'), "DTSTAMP in UTC: {stamp}");
        }
    }
    assert!(unfolded.contains("\r\nPRODID:"));
    unfolded
}

fn utc(v: &Value) -> String {
    // Liaison prints instants as RFC 3339 with +00:00 or Z; the checkers use Z.
    chrono_like(v.as_str().unwrap())
}

fn chrono_like(s: &str) -> String {
    s.replace("+00:00", "Z")
}

#[test]
fn a_published_visit_reads_the_same_in_python_icalendar_and_icaljs() {
    let f = Fixture::new();
    let (path, _) = f.export("visit.ics", &["--visit", BERLIN_VISIT]);
    let raw = check_raw(&path);
    assert!(raw.contains("\r\nX-WR-CALNAME:"), "several events: the calendar has a name");
    let r = Readings::of(&path);
    assert_eq!(r.method(), [json!("PUBLISH"), json!("PUBLISH")]);
    let detail = f.show(BERLIN_VISIT);
    let visit = &detail["visit"];

    // The visit itself: all day, with an exclusive end (the day after).
    for (who, c) in r.both(visit["uid"].as_str().unwrap()) {
        assert_eq!(c["start"], json!({"date": "2025-10-24"}), "{who}");
        assert_eq!(c["end"], json!({"date": "2025-10-29"}), "{who}");
        assert_eq!(c["summary"], LONG_CHINESE, "{who}");
        assert_eq!(c["location"], TRICKY, "{who}");
        assert!(
            c["description"].as_str().unwrap().starts_with(&TRICKY_TEXT.replace("\r\n", "\n").replace('\r', "\n")),
            "{who}"
        );
        assert_eq!(c["organizer"]["value"], "mailto:anna@bibb.example", "{who}: the first host with an email");
        assert_eq!(c["attendees"], json!([]), "{who}: a published calendar invites no one");
    }

    // Every agenda item: the same instants in three zones, DST included.
    let items = detail["agenda"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    for a in items {
        for (who, c) in r.both(a["uid"].as_str().unwrap()) {
            assert_eq!(c["start"]["utc"].as_str().unwrap(), utc(&a["starts_at"]), "{who}: {}", a["title"]);
            assert_eq!(c["end"]["utc"].as_str().unwrap(), utc(&a["ends_at"]), "{who}: {}", a["title"]);
            if who == "python icalendar" {
                // And by the tz database, from the TZID alone.
                assert_eq!(c["start"]["utc_tzdb"], c["start"]["utc"], "{who}");
            }
            assert_eq!(c["start"]["zone"], a["time_zone"], "{who}");
            assert_eq!(c["summary"], a["title"], "{who}");
            assert_eq!(c["location"], TRICKY, "{who}");
            let description = c["description"].as_str().unwrap();
            assert!(description.starts_with(a["description"].as_str().unwrap()), "{who}: {description}");
            assert_eq!(c["sequence"], a["sequence"], "{who}");
            let status = match a["status"].as_str().unwrap() {
                "tentative" => "TENTATIVE",
                "cancelled" => "CANCELLED",
                _ => "CONFIRMED",
            };
            assert_eq!(c["status"], status, "{who}");
        }
    }
    // The moved item is after Berlin's clocks went back: 10:00 CET is 09:00 UTC.
    for (who, c) in r.both(&format!("{MOVED_ITEM}@liaison")) {
        assert_eq!(c["start"]["utc"], "2025-10-27T09:00:00Z", "{who}");
    }

    // Follow-ups as tasks with a due date.
    for fu in detail["follow_ups"].as_array().unwrap() {
        for (who, c) in r.both(fu["uid"].as_str().unwrap()) {
            assert_eq!(c["type"], "VTODO", "{who}");
            assert_eq!(c["summary"], fu["title"], "{who}");
            match fu["due_date"].as_str() {
                Some(d) => assert_eq!(c["due"], json!({"date": d}), "{who}"),
                None => assert_eq!(c["due"], Value::Null, "{who}"),
            }
        }
    }
}

#[test]
fn follow_ups_as_events_for_google_and_outlook() {
    let f = Fixture::new();
    let (path, err) = f.export("events.ics", &["--visit", BERLIN_VISIT, "--tasks", "events"]);
    assert!(err.contains("without a due date left out"), "{err}");
    check_raw(&path);
    let r = Readings::of(&path);
    for (who, c) in r.both("7b000000-0000-4000-8000-0000000000d1@liaison") {
        assert_eq!(c["type"], "VEVENT", "{who}");
        assert_eq!(c["start"], json!({"date": "2025-11-15"}), "{who}");
        assert_eq!(c["end"], json!({"date": "2025-11-16"}), "{who}");
    }
    let uids: Vec<&Value> = r.python["components"].as_array().unwrap().iter().map(|c| &c["uid"]).collect();
    assert!(!uids.contains(&&json!("7b000000-0000-4000-8000-0000000000d2@liaison")), "undated: left out");
}

#[test]
fn an_all_day_seminar_ends_the_day_after_its_last_day() {
    let f = Fixture::new();
    let (path, _) = f.export("seminar.ics", &["--visit", SEMINAR]);
    check_raw(&path);
    let r = Readings::of(&path);
    for (who, c) in r.both(&format!("{SEMINAR}@liaison")) {
        assert_eq!((&c["start"], &c["end"]), (&json!({"date": "2025-12-01"}), &json!({"date": "2025-12-03"})), "{who}");
    }
}

#[test]
fn an_invitation_names_every_participant_with_an_email() {
    let f = Fixture::new();
    let (path, err) = f.export("invite.ics", &["--visit", BERLIN_VISIT, "--method", "request"]);
    assert!(err.contains("not invited, no email address: Jonas Weber; Jr."), "{err}");
    // RFC 5546: a cancelled item cannot be in a REQUEST; it is named instead.
    assert!(
        err.contains("not in the invitation, cancelled (send them as a cancellation): 'Dropped: boat trip'"),
        "{err}"
    );
    check_raw(&path);
    let r = Readings::of(&path);
    assert_eq!(r.method(), [json!("REQUEST"), json!("REQUEST")]);
    let uids: Vec<&str> = r.python["components"].as_array().unwrap().iter().filter_map(|c| c["uid"].as_str()).collect();
    assert!(!uids.contains(&"7b000000-0000-4000-8000-0000000000b5@liaison"), "{uids:?}");
    assert!(uids.contains(&"7b000000-0000-4000-8000-0000000000b1@liaison"), "{uids:?}");
    for (who, c) in r.both("7b000000-0000-4000-8000-0000000000b1@liaison") {
        assert_eq!(c["organizer"]["value"], "mailto:anna@bibb.example", "{who}");
        assert_eq!(c["organizer"]["cn"], "Anna Müller, PhD", "{who}");
        let attendees = c["attendees"].as_array().unwrap();
        // Anna organises; Jonas has no email.
        assert_eq!(attendees.len(), 2, "{who}: {attendees:?}");
        let zhang = attendees.iter().find(|a| a["value"] == "mailto:zhang@iprcc.example").unwrap();
        assert_eq!(zhang["cn"], "Zhang Huidong (张惠东)", "{who}: both name forms");
        assert_eq!(zhang["role"], "CHAIR", "{who}: the item's chair");
        assert_eq!(zhang["partstat"], "NEEDS-ACTION", "{who}");
        assert_eq!(zhang["rsvp"].to_string().to_uppercase(), "\"TRUE\"", "{who}");
        let he = attendees.iter().find(|a| a["value"] == "mailto:he.zhen@iprcc.example").unwrap();
        assert_eq!(he["role"], "REQ-PARTICIPANT", "{who}");
    }
    // Where no one chairs, no one is CHAIR, the head of delegation neither:
    // a file read back would make them the chair.
    for (who, c) in r.both(&format!("{MOVED_ITEM}@liaison")) {
        let attendees = c["attendees"].as_array().unwrap();
        let zhang = attendees.iter().find(|a| a["value"] == "mailto:zhang@iprcc.example").unwrap();
        assert_eq!(zhang["role"], "REQ-PARTICIPANT", "{who}: {attendees:?}");
    }
}

/// A document that changes only who chairs an item still changes what a
/// calendar shows: the invitation made after importing it names the new
/// CHAIR with a higher SEQUENCE, as both readers see it, or calendars would
/// keep the old version. The items it leaves alone keep theirs.
#[test]
fn an_import_that_changes_only_the_chair_goes_out_with_a_higher_sequence() {
    let f = Fixture::new();
    let (before, _) = f.export("before.ics", &["--visit", BERLIN_VISIT, "--method", "request"]);
    let mut doc = first_document();
    let moved = doc["visits"][0]["agenda"].as_array_mut().unwrap().iter_mut().find(|a| a["id"] == MOVED_ITEM);
    let moved = moved.unwrap();
    assert!(moved.get("chair_id").is_none(), "no one chaired it");
    moved["chair_id"] = json!(ZHANG);
    f.load(&doc, "chair.json");
    let (after, _) = f.export("after.ics", &["--visit", BERLIN_VISIT, "--method", "request"]);
    let (b, a) = (Readings::of(&before), Readings::of(&after));
    let sequence = |c: &Value| c["sequence"].as_u64().unwrap();
    let uid = format!("{MOVED_ITEM}@liaison");
    for ((who, old), (_, new)) in b.both(&uid).into_iter().zip(a.both(&uid)) {
        assert_eq!(sequence(new), sequence(old) + 1, "{who}");
        let zhang = new["attendees"].as_array().unwrap().iter().find(|x| x["value"] == "mailto:zhang@iprcc.example");
        assert_eq!(zhang.unwrap()["role"], "CHAIR", "{who}");
    }
    let other = "7b000000-0000-4000-8000-0000000000b1@liaison";
    for ((who, old), (_, new)) in b.both(other).into_iter().zip(a.both(other)) {
        assert_eq!(sequence(new), sequence(old), "{who}: not changed");
    }
}

#[test]
fn a_cancellation_has_the_same_uids_and_a_higher_sequence() {
    let f = Fixture::new();
    let (publish, _) = f.export("publish.ics", &["--visit", BERLIN_VISIT]);
    let (cancel, _) = f.export("cancel.ics", &["--visit", BERLIN_VISIT, "--method", "cancel"]);
    check_raw(&cancel);
    let (before, after) = (Readings::of(&publish), Readings::of(&cancel));
    assert_eq!(after.method(), [json!("CANCEL"), json!("CANCEL")]);
    let uids: Vec<String> =
        before.python["components"].as_array().unwrap().iter().map(|c| c["uid"].as_str().unwrap().to_owned()).collect();
    let after_uids: Vec<String> =
        after.python["components"].as_array().unwrap().iter().map(|c| c["uid"].as_str().unwrap().to_owned()).collect();
    assert_eq!(uids, after_uids);
    for uid in &uids {
        let old = before.both(uid)[0].1["sequence"].as_u64().unwrap();
        for (who, c) in after.both(uid) {
            assert_eq!(c["sequence"].as_u64().unwrap(), old + 1, "{who}: {uid}");
            assert_eq!(c["status"], "CANCELLED", "{who}: {uid}");
        }
    }
}

#[test]
fn a_cancelled_visit_goes_out_as_a_cancellation_and_one_event_has_no_calendar_name() {
    let f = Fixture::new();
    let (path, _) = f.export("off.ics", &["--visit", CANCELLED_VISIT, "--method", "request"]);
    let raw = check_raw(&path);
    assert!(!raw.contains("X-WR-CALNAME"), "a single event has no calendar name");
    let r = Readings::of(&path);
    assert_eq!(r.method(), [json!("CANCEL"), json!("CANCEL")]);
    for (who, c) in r.both(&format!("{CANCELLED_VISIT}@liaison")) {
        assert_eq!(c["status"], "CANCELLED", "{who}");
    }
}

#[test]
fn a_persons_itinerary_spans_visits() {
    let f = Fixture::new();
    let (path, _) = f.export("he.ics", &["--person", HE]);
    check_raw(&path);
    let r = Readings::of(&path);
    let uids: Vec<&str> =
        r.icaljs["components"].as_array().unwrap().iter().map(|c| c["uid"].as_str().unwrap()).collect();
    // His two visits, the item he is in, and the follow-up he owns.
    for uid in [
        format!("{BERLIN_VISIT}@liaison"),
        format!("{CANCELLED_VISIT}@liaison"),
        "7b000000-0000-4000-8000-0000000000b3@liaison".into(),
        "7b000000-0000-4000-8000-0000000000d2@liaison".into(),
    ] {
        assert!(uids.contains(&uid.as_str()), "{uid} in {uids:?}");
    }
    assert!(!uids.contains(&"7b000000-0000-4000-8000-0000000000b4@liaison"), "an item he is not in");
}

/// The update cycle through a real CalDAV server: publish, change one item,
/// publish again, cancel. The server must hold each UID once, with the
/// newest version.
#[test]
fn radicale_keeps_one_copy_of_each_item_through_updates_and_cancellation() {
    let f = Fixture::new();
    let (v1, _) = f.export("v1.ics", &["--all"]);
    let before = f.show(BERLIN_VISIT);
    // Move one item by half an hour and rename it.
    f.load(&document("Workshop moved", "2025-10-27T10:30", "2025-10-27T11:30"), "v2.json");
    let after = f.show(BERLIN_VISIT);
    let seqs = |d: &Value| -> HashMap<String, u64> {
        d["agenda"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a["uid"].as_str().unwrap().to_owned(), a["sequence"].as_u64().unwrap()))
            .collect()
    };
    let (s1, s2) = (seqs(&before), seqs(&after));
    for (uid, seq) in &s1 {
        let expected = if uid.starts_with(MOVED_ITEM) { seq + 1 } else { *seq };
        assert_eq!(s2[uid], expected, "{uid}: SEQUENCE rises for a change a calendar shows, and only then");
    }
    let (v2, _) = f.export("v2.ics", &["--all"]);
    let (cancel, _) = f.export("v3.ics", &["--visit", BERLIN_VISIT, "--method", "cancel"]);
    let out = interop(&test_python(), "ics_radicale.py", &[&v1, &v2, &cancel]);
    let states: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(states.len(), 3);
    let n = states[0]["items"].as_array().unwrap().len();
    assert!(n >= 10, "{n} items");
    for s in &states {
        let items = s["items"].as_array().unwrap();
        assert_eq!(items.len(), n, "{}: no duplicates, nothing lost", s["file"]);
    }
    let moved = |s: &Value| -> Value {
        s["items"].as_array().unwrap().iter().find(|i| i["uid"] == format!("{MOVED_ITEM}@liaison")).unwrap().clone()
    };
    assert_eq!(moved(&states[0])["summary"], "Workshop; part 2, \\ wrap-up");
    assert_eq!(moved(&states[1])["summary"], "Workshop moved");
    assert_eq!(moved(&states[1])["sequence"].as_u64().unwrap(), moved(&states[0])["sequence"].as_u64().unwrap() + 1);
    assert_eq!(moved(&states[2])["status"], "CANCELLED");
}

#[test]
fn importing_an_exported_file_twice_changes_nothing_the_second_time() {
    let f = Fixture::new();
    let (path, _) = f.export("all.ics", &["--all"]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.db");
    let file = path.to_str().unwrap();
    let first: Value = serde_json::from_str(&ok(liaison(&db, &["import", file, "--json"]))).unwrap();
    assert!(!first["added"].as_array().unwrap().is_empty());
    let second: Value = serde_json::from_str(&ok(liaison(&db, &["import", file, "--json"]))).unwrap();
    assert_eq!(second["added"], json!([]));
    assert_eq!(second["updated"], json!([]));
    // Cancelled events have nothing to cancel in a new database: left alone both times.
    let len = |v: &Value, k: &str| v[k].as_array().unwrap().len();
    assert_eq!(len(&second, "unchanged"), len(&first, "added") + len(&first, "unchanged"));
}

#[test]
fn a_malformed_calendar_names_its_line_and_writes_nothing() {
    let f = Fixture::new();
    let before = ok(liaison(&f.db, &["export", "json"]));
    let bad = f.dir.join("bad.ics");
    std::fs::write(&bad, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=Nowhere/Land:20251027T100000\r\nDTEND:20251027T110000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").unwrap();
    let out = liaison(&f.db, &["import", bad.to_str().unwrap(), "--visit", BERLIN_VISIT]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad.ics:5: DTSTART: time zone 'Nowhere/Land'"), "{}", stderr(&out));
    std::fs::write(&bad, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY;broken\r\n").unwrap();
    let out = liaison(&f.db, &["import", bad.to_str().unwrap()]);
    assert!(stderr(&out).contains("bad.ics:3:15:"), "{}", stderr(&out));
    assert_eq!(ok(liaison(&f.db, &["export", "json"])), before, "nothing written");

    // --dry-run shows the plan and writes nothing either.
    let (good, _) = f.export("good.ics", &["--visit", SEMINAR]);
    let other = f.dir.join("other.db");
    let plan = ok(liaison(&other, &["import", good.to_str().unwrap(), "--dry-run"]));
    assert!(plan.contains("would import: 2 added"), "{plan}");
    let visits = ok(liaison(&other, &["visits", "--json"]));
    assert_eq!(visits.trim(), "[]");
}

/// Property test through independent parsers: random Unicode text in every
/// text field of many agenda items comes back exactly as Liaison stored it.
#[test]
fn random_unicode_text_survives_python_icalendar_and_icaljs() {
    let mut runner = TestRunner::deterministic();
    // What a form accepts: no control, invisible or reordering characters
    // in one-line fields.
    let one_line =
        "[^\\p{Cc}\\u{2028}\\u{2029}\\u{202A}-\\u{202E}\\u{2066}-\\u{2069}\\u{200B}\\u{2060}\\u{FEFF}]{1,90}"
            .prop_filter("not blank", |s: &String| !s.trim().is_empty());
    let paragraph = proptest::collection::vec("[^\\p{Cc}]{0,50}", 1..4).prop_map(|l| l.join("\n"));
    let mut doc = first_document();
    let agenda = doc["visits"][1]["agenda"].as_array_mut().unwrap();
    agenda.clear();
    for i in 0..120u32 {
        let title = one_line.new_tree(&mut runner).unwrap().current();
        let location = one_line.new_tree(&mut runner).unwrap().current();
        let description = paragraph.new_tree(&mut runner).unwrap().current();
        agenda.push(json!({
            "id": format!("7b000000-0000-4000-8000-{:012x}", 0x100000 + i),
            "start": "2025-12-01T09:00", "end": "2025-12-01T10:00", "title": title, "kind": "talk",
            "status": "confirmed", "location": location, "description": description, "participant_ids": []
        }));
    }
    let f = Fixture::new();
    f.load(&doc, "random.json");
    let (path, _) = f.export("random.ics", &["--visit", SEMINAR]);
    check_raw(&path);
    let r = Readings::of(&path);
    let stored = f.show(SEMINAR);
    for a in stored["agenda"].as_array().unwrap() {
        for (who, c) in r.both(a["uid"].as_str().unwrap()) {
            assert_eq!(c["summary"], a["title"], "{who}");
            // No LOCATION at all when there is none.
            let location = if c["location"].is_null() { json!("") } else { c["location"].clone() };
            assert_eq!(location, a["location"], "{who}");
            let d = c["description"].as_str().unwrap();
            assert!(d.starts_with(a["description"].as_str().unwrap()), "{who}: {d:?} vs {}", a["description"]);
        }
    }
}

/// A calendar of `n` events, each an hour, on days 2031 onwards.
fn events_file(path: &Path, n: usize) {
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for i in 0..n {
        let day = format!("{}{:02}{:02}", 2031 + i / 336, 1 + i / 28 % 12, 1 + i % 28);
        s.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:big-{i}@test\r\nDTSTART:{day}T090000Z\r\nDTEND:{day}T100000Z\r\nSUMMARY:Talk {i}\r\nEND:VEVENT\r\n"
        ));
    }
    s.push_str("END:VCALENDAR\r\n");
    std::fs::write(path, s).unwrap();
}

#[test]
fn a_large_calendar_is_counted_whole_listed_in_part_and_drawn_as_progress_only_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("big.ics");
    let db = dir.path().join("l.db");
    events_file(&ics, 3_000);
    let out = liaison(&db, &["import", ics.to_str().unwrap(), "--dry-run"]);
    let plan = ok(out.clone());
    assert!(plan.contains("would import: 3000 added, 0 updated, 0 unchanged"), "{plan}");
    assert_eq!(plan.matches("big-").count() + plan.matches("Talk ").count(), 1000, "the first 1,000 are listed");
    assert!(plan.contains("… and 2000 more to add"), "{plan}");
    // Not a terminal: not a byte of progress.
    assert_eq!(stderr(&out), "");
    let json: Value = serde_json::from_str(&ok(liaison(&db, &["import", ics.to_str().unwrap(), "--json"]))).unwrap();
    assert_eq!(json["counts"]["added"], 3000);
    assert_eq!(json["added"].as_array().unwrap().len(), 1000);

    // On a terminal (a pseudo-terminal, through util-linux's `script`), a
    // long import draws a bar with what it is doing; 40,000 events take a
    // debug build well past the moment a bar waits before it shows.
    events_file(&ics, 40_000);
    let other = dir.path().join("other.db");
    let seen = on_a_terminal(&format!("--db '{}' import '{}'", other.display(), ics.display()));
    assert!(seen.contains("imported: 40000 added"), "{seen}");
    // New events are read once, and written as they are read.
    assert!(seen.contains("importing") && seen.contains('%'), "no progress bar drawn:\n{seen}");
    assert!(!seen.contains("checking"), "{seen}");
    // The same file again names stored events: checked through first.
    let seen = on_a_terminal(&format!("--db '{}' import '{}'", other.display(), ics.display()));
    assert!(seen.contains("40000 unchanged"), "{seen}");
    assert!(seen.contains("checking") && seen.contains('%'), "no progress bar drawn:\n{seen}");
}

/// Typesetting is one long step: on a terminal a spinner says so once it
/// has taken a moment; piped, nothing is drawn.
#[test]
fn a_long_document_spins_on_a_terminal_and_is_silent_in_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("days.ics");
    let db = dir.path().join("l.db");
    // 400 events on 400 days: a programme of 400 pages.
    events_file(&ics, 400);
    ok(liaison(&db, &["import", ics.to_str().unwrap()]));
    let visits: Value = serde_json::from_str(&ok(liaison(&db, &["visits", "--json"]))).unwrap();
    let visit = visits[0]["id"].as_str().unwrap().to_owned();
    let piped = dir.path().join("piped.pdf");
    let out = liaison(&db, &["doc", "programme", "--visit", &visit, "-o", piped.to_str().unwrap()]);
    ok(out.clone());
    assert_eq!(stderr(&out), "", "not a byte of progress in a pipe");
    assert!(std::fs::metadata(&piped).unwrap().len() > 10_000);

    let shown = dir.path().join("shown.pdf");
    let seen =
        on_a_terminal(&format!("--db '{}' doc programme --visit {visit} -o '{}'", db.display(), shown.display()));
    assert!(seen.contains("typesetting"), "no spinner drawn:\n{seen}");
    assert!(std::fs::metadata(&shown).unwrap().len() > 10_000, "the PDF is written as well");
}
