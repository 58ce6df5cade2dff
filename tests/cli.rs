//! The real `liaison` binary against temporary database files.

use std::path::Path;
use std::process::{Command, Output};

use liaison_tests::*;
use serde_json::{json, Value};

const SAMPLE_VISIT: &str = "5a3f1c2e-0000-4000-8000-000000000021";

fn export(db: &Path) -> String {
    ok(liaison(db, &["export", "json"]))
}

fn sample_doc() -> Value {
    serde_json::from_str(liaison_core::sample::SAMPLE_JSON).unwrap()
}

#[test]
fn sample_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let first: Value = serde_json::from_str(&ok(liaison(&db, &["sample", "--json"]))).unwrap();
    assert_eq!(first["visits"]["added"], 1);
    let before = export(&db);
    let second: Value = serde_json::from_str(&ok(liaison(&db, &["sample", "--json"]))).unwrap();
    for kind in ["organisations", "people", "visits", "participants", "agenda_items", "follow_ups"] {
        assert_eq!(second[kind]["added"], 0, "{kind}");
        assert_eq!(second[kind]["updated"], 0, "{kind}");
    }
    assert_eq!(export(&db), before);
}

#[test]
fn visits_json_lists_soonest_first_with_local_times() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let mut doc = sample_doc();
    // A second, earlier visit from another copy of the sample.
    let v = &mut doc["visits"][0];
    v["id"] = json!("00000000-0000-4000-8000-0000000000aa");
    v["title"] = json!("Preparatory call");
    v["start"] = json!("2021-05-20T15:00");
    v["end"] = json!("2021-05-20T16:00");
    for (k, a) in v["agenda"].as_array_mut().unwrap().iter_mut().enumerate() {
        a["id"] = json!(format!("00000000-0000-4000-8000-0000000001{k:02}"));
    }
    for (k, f) in v["follow_ups"].as_array_mut().unwrap().iter_mut().enumerate() {
        f["id"] = json!(format!("00000000-0000-4000-8000-0000000002{k:02}"));
    }
    let file = dir.path().join("second.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    ok(liaison(&db, &["import", file.to_str().unwrap()]));

    let list: Value = serde_json::from_str(&ok(liaison(&db, &["visits", "--json"]))).unwrap();
    let titles: Vec<&str> = list.as_array().unwrap().iter().map(|v| v["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Preparatory call", "IPRCC delegation visits the National Institute of Vocational Education"]);
    assert_eq!(list[1]["start_local"], "2021-06-11T09:00");
    assert_eq!(list[1]["starts_at"], "2021-06-11T01:00:00Z");
    assert_eq!(list[1]["time_zone"], "Asia/Shanghai");
    assert_eq!(list[1]["guest"], "IPRCC");
    let text = ok(liaison(&db, &["visits"]));
    assert!(text.find("Preparatory call").unwrap() < text.find("IPRCC delegation").unwrap());
}

#[test]
fn show_lists_participants_in_precedence_order_agenda_and_follow_ups() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let d: Value = serde_json::from_str(&ok(liaison(&db, &["show", SAMPLE_VISIT, "--json"]))).unwrap();
    let people: Vec<(&str, &str, u64)> = d["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["side"].as_str().unwrap(), p["name"].as_str().unwrap(), p["precedence"].as_u64().unwrap()))
        .collect();
    assert_eq!(people[0], ("host", "He Zhen", 1));
    assert_eq!(people[2], ("guest", "Zhang Huidong", 1));
    assert_eq!(d["agenda"].as_array().unwrap().len(), 6);
    assert_eq!(d["follow_ups"].as_array().unwrap().len(), 5);
    // By a prefix of the id, as text, with both name forms.
    let text = ok(liaison(&db, &["show", "5a3f1c2e"]));
    assert!(text.contains("Zhang Huidong (张惠东)"), "{text}");
    assert!(text.contains("09:00–09:15  Arrival and welcome"), "{text}");
    // The talks' chair and speakers, these in speaking order (the guest
    // first), not in precedence order.
    let talks = text.split("Talks on cooperation").nth(1).unwrap();
    assert!(talks.contains("chaired by He Zhen (和震)"), "{text}");
    assert!(talks.contains("speakers, in order: Zhang Huidong (张惠东) → He Zhen (和震)"), "{text}");
    let items = d["agenda"].as_array().unwrap();
    assert_eq!(items[3]["chair_id"], "5a3f1c2e-0000-4000-8000-000000000012");
    assert_eq!(items[3]["speaker_ids"][0], "5a3f1c2e-0000-4000-8000-000000000011");
    let zh = ok(liaison_zh(&db, &["show", "5a3f1c2e"]));
    assert!(
        zh.contains("主持：和震 (He Zhen)") && zh.contains("发言顺序：张惠东 (Zhang Huidong) → 和震 (He Zhen)"),
        "{zh}"
    );
}

#[test]
fn the_follow_up_register_filters_sorts_and_counts_what_is_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    // A read command on a database that is not there creates none.
    let empty: Value = serde_json::from_str(&ok(liaison(&db, &["follow-ups", "--json"]))).unwrap();
    assert_eq!(empty, json!({ "rows": [], "total": 0, "overdue": 0 }));
    assert!(!db.exists());
    ok(liaison(&db, &["sample"]));
    let register = |args: &[&str]| -> Value {
        let mut all = vec!["follow-ups", "--json"];
        all.extend_from_slice(args);
        if !args.contains(&"--today") {
            all.extend_from_slice(&["--today", "2021-09-01"]);
        }
        serde_json::from_str(&ok(liaison(&db, &all))).unwrap()
    };
    let titles = |v: &Value| -> Vec<String> {
        v["rows"].as_array().unwrap().iter().map(|r| r["follow_up"]["title"].as_str().unwrap().to_owned()).collect()
    };
    let all = register(&[]);
    assert_eq!((all["total"].as_u64(), all["overdue"].as_u64()), (Some(5), Some(3)));
    let dues: Vec<&str> =
        all["rows"].as_array().unwrap().iter().map(|r| r["follow_up"]["due_date"].as_str().unwrap()).collect();
    assert_eq!(dues, ["2021-07-30", "2021-08-31", "2021-08-31", "2021-09-30", "2021-10-29"]);
    assert_eq!(all["rows"][0]["visit_title"], "IPRCC delegation visits the National Institute of Vocational Education");
    assert_eq!(all["rows"][0]["overdue"], true);
    assert_eq!(all["rows"][3]["overdue"], false);

    let overdue = register(&["--due", "overdue"]);
    assert_eq!(overdue["total"], 3);
    let late = register(&["--due", "overdue", "--today", "2021-12-01"]);
    assert_eq!(late["total"], 5, "every date is before 1 December");
    assert_eq!(register(&["--due", "this-month", "--today", "2021-08-15"])["total"], 2);
    assert_eq!(register(&["--status", "done,dropped"])["total"], 0);
    assert_eq!(register(&["--status", "open", "--status", "done"])["total"], 5);
    assert_eq!(register(&["--to-act", "them"])["total"], 0);
    assert_eq!(register(&["--visit", "5a3f"])["total"], 5);
    // The owner by id: the two Zhang Huidong owns.
    let zhang = all["rows"][3]["follow_up"]["owner_id"].as_str().unwrap();
    let his = register(&["--owner", zhang]);
    assert_eq!(his["total"], 2, "{his}");
    assert!(his["rows"].as_array().unwrap().iter().all(|r| r["owner"]["name"] == "Zhang Huidong"));
    let by_title = titles(&register(&["--sort", "title"]));
    let mut expected = by_title.clone();
    expected.sort_by_key(|t| t.to_lowercase());
    assert_eq!(by_title, expected);
    let mut reversed = titles(&register(&["--sort", "title", "--desc"]));
    reversed.reverse();
    assert_eq!(reversed, by_title);

    // As text, overdue dates marked, in either language.
    let text = ok(liaison(&db, &["follow-ups", "--today", "2021-09-01"]));
    assert!(text.contains("2021-07-30!") && !text.contains("2021-09-30!"), "{text}");
    assert!(text.contains("5 of 5 follow-ups; 3 overdue in all"), "{text}");
    let zh = ok(liaison_zh(&db, &["follow-ups", "--today", "2021-09-01"]));
    assert!(zh.contains("张惠东") && zh.contains("全部逾期 3 项"), "{zh}");

    // Wrong arguments: named, exit 2 for what the parser refuses and 1 for
    // what the database does.
    for (args, code, expected) in [
        (&["follow-ups", "--due", "soon"][..], 2, "soon"),
        (&["follow-ups", "--status", "opn"], 2, "opn"),
        (&["follow-ups", "--sort", "colour"], 2, "colour"),
        (&["follow-ups", "--today", "2021-13-01"], 1, "--today"),
        (&["follow-ups", "--counterpart", "XYZ"], 1, "organisation XYZ does not exist"),
        (&["follow-ups", "--owner", "zz"], 1, "is not a person's id"),
    ] {
        let out = liaison(&db, args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_visit_is_copied_to_a_new_date_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let copied: Value =
        serde_json::from_str(&ok(liaison(&db, &["copy", "5a3f", "--start-date", "2027-06-10", "--json"]))).unwrap();
    assert_eq!(copied["visit"]["title"], "IPRCC delegation visits the National Institute of Vocational Education");
    assert_eq!(copied["visit"]["status"], "draft");
    assert_eq!(copied["visit"]["start_local"], "2027-06-10T09:00");
    assert_eq!(copied["participants"].as_array().unwrap().len(), 4);
    assert_eq!(copied["agenda"].as_array().unwrap().len(), 6);
    assert_eq!(copied["agenda"][5]["start_local"], "2027-06-10T11:40");
    assert_eq!(copied["follow_ups"], json!([]));
    let titled = ok(liaison(&db, &["copy", SAMPLE_VISIT, "--start-date", "2028-01-05", "--title", "IPRCC, 2028"]));
    assert!(titled.starts_with("IPRCC, 2028\n"), "{titled}");
    let list: Value = serde_json::from_str(&ok(liaison(&db, &["visits", "--json"]))).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);

    // Wrong arguments are named as typed, and nothing is written.
    let out = liaison(&db, &["copy", "5a3f", "--start-date", "2027-13-10", "--title", ""]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("--title: is required") && err.contains("--start-date: '2027-13-10' is not a date"), "{err}");
    let out = liaison(&db, &["copy", "5a3f"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--start-date"), "{}", stderr(&out));
    let list: Value = serde_json::from_str(&ok(liaison(&db, &["visits", "--json"]))).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);
}

#[test]
fn a_follow_up_of_an_earlier_visit_is_carried_into_a_later_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let copied: Value =
        serde_json::from_str(&ok(liaison(&db, &["copy", "5a3f", "--start-date", "2027-06-10", "--json"]))).unwrap();
    let later = copied["visit"]["id"].as_str().unwrap().to_owned();
    assert_eq!(copied["earlier_open"].as_array().unwrap().len(), 5, "all five are still open");
    let first = copied["earlier_open"][0]["follow_up"]["id"].as_str().unwrap().to_owned();
    let text = ok(liaison(&db, &["show", &later]));
    assert!(text.contains("Still open from earlier visits with these organisations (5;"), "{text}");
    assert!(text.contains(&first), "the id to carry it by is shown: {text}");

    let carried: Value =
        serde_json::from_str(&ok(liaison(&db, &["carry", &first, "--into", &later, "--json"]))).unwrap();
    assert_eq!(carried["carried"].as_array().unwrap().len(), 1);
    assert_eq!(carried["carried"][0]["follow_up"]["id"], first.as_str());
    assert_eq!(carried["earlier_open"].as_array().unwrap().len(), 4);
    // Its calendar file carries it as a task.
    let ics = ok(liaison(&db, &["export", "ics", "--visit", &later]));
    assert!(ics.contains(&format!("UID:{first}@liaison")), "{ics}");
    let undone: Value =
        serde_json::from_str(&ok(liaison(&db, &["carry", &first, "--into", &later, "--undo", "--json"]))).unwrap();
    assert_eq!(undone["carried"], json!([]));

    for (args, expected) in [
        (vec!["carry", "5a3f", "--into", later.as_str()], "matches 5 follow-ups"),
        (vec!["carry", first.as_str(), "--into", SAMPLE_VISIT], "is already a follow-up of this visit"),
        (vec!["carry", "ffffffff", "--into", later.as_str()], "follow-up ffffffff does not exist"),
    ] {
        let out = liaison(&db, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(expected), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn conflicts_across_visits_are_listed_and_acknowledged_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let none: Value = serde_json::from_str(&ok(liaison(&db, &["conflicts", "--json"]))).unwrap();
    assert_eq!(none, json!({ "conflicts": [], "open": 0, "acknowledged": 0 }));
    // The same visit again on the same day: everyone in two places at once.
    ok(liaison(&db, &["copy", "5a3f", "--start-date", "2021-06-11", "--title", "Twin"]));
    let sample: Value = serde_json::from_str(&ok(liaison(&db, &["show", SAMPLE_VISIT, "--json"]))).unwrap();
    let expected: usize =
        sample["agenda"].as_array().unwrap().iter().map(|a| a["participant_ids"].as_array().unwrap().len()).sum();
    assert!(expected >= 6, "{expected}");
    let list: Value = serde_json::from_str(&ok(liaison(&db, &["conflicts", "--json"]))).unwrap();
    assert_eq!(list["open"].as_u64(), Some(expected as u64));
    assert_eq!(list["conflicts"].as_array().unwrap().len(), expected);
    let first = &list["conflicts"][0];
    assert_eq!(first["kind"], "person_double_booked");
    assert_eq!(first["items"][0]["title"], first["items"][1]["title"]);
    let of_sample: Value =
        serde_json::from_str(&ok(liaison(&db, &["conflicts", "--visit", "5a3f", "--json"]))).unwrap();
    assert_eq!(of_sample["open"].as_u64(), Some(expected as u64));
    let text = ok(liaison(&db, &["conflicts"]));
    assert!(
        text.contains("Double-booked: He Zhen (和震)") && text.contains("09:00–09:15  Arrival and welcome"),
        "{text}"
    );
    let zh = ok(liaison_zh(&db, &["conflicts"]));
    assert!(zh.contains("时间冲突：和震 (He Zhen)"), "{zh}");

    let key = first["key"].as_str().unwrap();
    ok(liaison(&db, &["acknowledge", key, "--note", "The twin is a rehearsal"]));
    let after: Value = serde_json::from_str(&ok(liaison(&db, &["conflicts", "--json"]))).unwrap();
    assert_eq!((after["open"].as_u64(), after["acknowledged"].as_u64()), (Some(expected as u64 - 1), Some(1)));
    let all: Value = serde_json::from_str(&ok(liaison(&db, &["conflicts", "--all", "--json"]))).unwrap();
    let acked: Vec<&Value> =
        all["conflicts"].as_array().unwrap().iter().filter(|c| !c["acknowledged"].is_null()).collect();
    assert_eq!(acked.len(), 1);
    assert_eq!(acked[0]["acknowledged"]["note"], "The twin is a rehearsal");

    for (args, code, said) in [
        (vec!["acknowledge", key], 2, "--note"),
        (vec!["acknowledge", "nonsense", "--note", "x"], 1, "KEY: names no conflict"),
        (vec!["acknowledge", key, "--note", " "], 1, "--note: is required"),
    ] {
        let out = liaison(&db, &args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(said), "{args:?}: {}", stderr(&out));
    }
    ok(liaison(&db, &["acknowledge", key, "--undo"]));
    let back: Value = serde_json::from_str(&ok(liaison(&db, &["conflicts", "--json"]))).unwrap();
    assert_eq!(back["open"].as_u64(), Some(expected as u64));
}

#[test]
fn the_calendar_lists_days_in_the_zone_asked_for_and_names_wrong_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let r: Value = serde_json::from_str(&ok(liaison(
        &db,
        &["calendar", "--from", "2021-06-07", "--days", "7", "--zone", "Europe/Zurich", "--json"],
    )))
    .unwrap();
    assert_eq!(r["zone"], "Europe/Zurich");
    assert_eq!(r["days"].as_array().unwrap().len(), 7);
    let items = r["items"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    assert_eq!(
        (items[0]["start_local"].as_str(), items[0]["start_shown"].as_str()),
        (Some("2021-06-11T09:00"), Some("2021-06-11T03:00"))
    );
    assert_eq!(r["visits"][0]["id"], SAMPLE_VISIT);
    assert_eq!(r["conflicts_checked"], true);
    let text = ok(liaison(&db, &["calendar", "--from", "2021-06-07", "--zone", "Europe/Zurich"]));
    assert!(text.contains("03:00–03:15 (09:00 Shanghai · Asia/Shanghai)  Arrival and welcome"), "{text}");
    // A filter that leaves nothing, and a week with a change of the clocks.
    let none = ok(liaison(&db, &["calendar", "--from", "2021-06-07", "--status", "cancelled"]));
    assert!(none.contains("Nothing planned in these days."), "{none}");
    let zh = ok(liaison_zh(&db, &["calendar", "--from", "2027-03-22", "--zone", "Europe/Zurich"]));
    assert!(zh.contains("2027-03-28  (02:00 时钟拨快，+01:00 → +02:00)"), "{zh}");
    // Wrong arguments are named as typed, all at once.
    let out = liaison(&db, &["calendar", "--from", "2021-13-01", "--zone", "Mars/Olympus"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("--from: '2021-13-01' is not a date") && err.contains("--zone: 'Mars/Olympus'"), "{err}");
    let out = liaison(&db, &["calendar", "--days", "43"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn search_finds_everything_in_either_language_and_scripts_read_it_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    // Nothing to search in yet: nothing found, and no database made.
    assert!(ok(liaison(&db, &["search", "he"])).contains("Nothing found for “he”"));
    assert!(!db.exists());
    ok(liaison(&db, &["sample"]));

    let r: Value = serde_json::from_str(&ok(liaison(&db, &["search", "和震", "--json"]))).unwrap();
    assert_eq!(r["query"], "和震");
    let groups = r["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{r}");
    assert_eq!(groups[0]["kind"], "person");
    let hit = &groups[0]["hits"][0];
    assert_eq!(hit["id"], "5a3f1c2e-0000-4000-8000-000000000012");
    assert_eq!(
        hit["title"],
        json!([
            { "text": "He Zhen · ", "hit": false },
            { "text": "和震", "hit": true },
        ])
    );

    // Words together, any case, several kinds; the text lists each group.
    let text = ok(liaison(&db, &["search", "HE", "zhen"]));
    for line in ["People (1)", "He Zhen · 和震", "Agenda items (1)", "Introduction by Dean He Zhen", "Minutes: "] {
        assert!(text.contains(line), "{line}: {text}");
    }
    let zh = ok(liaison_zh(&db, &["search", "he", "zhen"]));
    assert!(zh.contains("人员（1）") && zh.contains("纪要："), "{zh}");

    // One kind, and a limit that says there are more.
    let r: Value = serde_json::from_str(&ok(liaison(
        &db,
        &["search", "vocational", "--kind", "follow_up", "--limit", "1", "--json"],
    )))
    .unwrap();
    let groups = r["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!((groups[0]["kind"].as_str(), groups[0]["hits"].as_array().unwrap().len()), (Some("follow_up"), 1));
    assert_eq!(groups[0]["more"], true);
    assert_eq!(groups[0]["hits"][0]["visit_id"], SAMPLE_VISIT);

    for (args, said) in [
        (vec!["search"], "TEXT"),
        (vec!["search", "x", "--kind", "meeting"], "'meeting' for '--kind"),
        (vec!["search", "x", "--limit", "0"], "'0' for '--limit"),
        (vec!["search", "x", "--limit", "101"], "'101' for '--limit"),
    ] {
        let out = liaison(&db, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(said), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn export_import_export_through_files_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    ok(liaison(&a, &["sample"]));
    let file = dir.path().join("out.json");
    ok(liaison(&a, &["export", "json", "-o", file.to_str().unwrap()]));
    ok(liaison(&b, &["import", file.to_str().unwrap()]));
    assert_eq!(export(&b).as_bytes(), std::fs::read(&file).unwrap());
    // One visit alone round-trips too.
    let one = ok(liaison(&a, &["export", "json", "--visit", "5a3f"]));
    let c = dir.path().join("c.db");
    let f2 = dir.path().join("one.json");
    std::fs::write(&f2, &one).unwrap();
    ok(liaison(&c, &["import", f2.to_str().unwrap()]));
    assert_eq!(ok(liaison(&c, &["export", "json", "--visit", SAMPLE_VISIT])), one);
}

/// What is broken, how, and the message that must name it.
type Breakage = (&'static str, Box<dyn Fn(&mut Value)>, &'static str);

/// Each broken document, the path its error must name.
#[test]
fn every_kind_of_bad_record_is_named_and_nothing_is_written() {
    let cases: Vec<Breakage> = vec![
        ("empty required text", Box::new(|d| d["visits"][0]["title"] = json!("  ")), "$.visits[0].title: is required"),
        ("end not after start", Box::new(|d| d["visits"][0]["agenda"][1]["end"] = json!("2021-06-11T09:00:00+08:00")), "$.visits[0].agenda[1].end: must be after the start"),
        ("unknown time zone", Box::new(|d| d["visits"][0]["time_zone"] = json!("Asia/Beijing")), "$.visits[0].time_zone: 'Asia/Beijing' is not a known IANA time zone"),
        ("malformed email", Box::new(|d| d["people"][0]["email"] = json!("zhang at iprcc")), "$.people[0].email: 'zhang at iprcc' is not an email address"),
        ("agenda participant not on the visit", Box::new(|d| { d["visits"][0]["participants"].as_array_mut().unwrap().pop(); }), "$.visits[0].agenda[0].participant_ids[3]: person"),
        ("follow-up owner who does not exist", Box::new(|d| d["visits"][0]["follow_ups"][0]["owner_id"] = json!("00000000-0000-4000-8000-00000000dead")), "$.visits[0].follow_ups[0].owner_id: person 00000000-0000-4000-8000-00000000dead is neither in the file nor in the database"),
        ("text past the length limit", Box::new(|d| d["organisations"][0]["name"] = json!("长".repeat(201))), "$.organisations[0].name: is longer than 200 characters"),
        ("control character in a one-line field", Box::new(|d| d["visits"][0]["agenda"][0]["title"] = json!("Welcome\u{1b}[31m")), "$.visits[0].agenda[0].title: must be one line without control characters (found U+001B)"),
        ("newline in a one-line field", Box::new(|d| d["people"][1]["name"] = json!("He\nZhen")), "$.people[1].name: must be one line"),
        ("unknown kind", Box::new(|d| d["visits"][0]["agenda"][2]["kind"] = json!("banquet")), "$.visits[0].agenda[2].kind: 'banquet' is not one of: meeting, talk, tour"),
        ("bad id", Box::new(|d| d["visits"][0]["follow_ups"][0]["id"] = json!("42")), "$.visits[0].follow_ups[0].id:"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let before = export(&db);
    for (what, break_it, expected) in cases {
        let mut doc = sample_doc();
        // New ids everywhere, so that a successful import would add records.
        let text = doc.to_string().replace("5a3f1c2e-0000", "7b3f1c2e-0000");
        doc = serde_json::from_str(&text).unwrap();
        break_it(&mut doc);
        let file = dir.path().join("bad.json");
        std::fs::write(&file, doc.to_string()).unwrap();
        let out = liaison(&db, &["import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{what}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(expected), "{what}: expected «{expected}» in:\n{err}");
        assert!(err.lines().all(|l| l.starts_with("liaison: ")), "{what}: {err}");
        assert_eq!(export(&db), before, "{what}: the database changed");
    }
}

#[test]
fn several_problems_are_all_reported_one_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = sample_doc();
    doc["visits"][0]["title"] = json!("");
    doc["people"][2]["email"] = json!("x@");
    doc["visits"][0]["agenda"][4]["start"] = json!("yesterday");
    let file = dir.path().join("bad.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let db = dir.path().join("l.db");
    let out = liaison(&db, &["import", file.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 4, "{err}");
    assert!(err.lines().last().unwrap().contains("3 problems; nothing was written"), "{err}");
    assert!(!db.exists(), "a refused import must not even create the database");
}

#[test]
fn malformed_json_names_line_and_column_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.json");
    std::fs::write(&file, "{\n  \"format\": \"liaison\",\n  \"version\": 1,\n  \"people\": [,]\n}\n").unwrap();
    let db = dir.path().join("l.db");
    let out = liaison(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("broken.json:4:14: not valid JSON here: expected value"), "{err}");
    assert!(!db.exists());
    // In Chinese too; the calendar reader's syntax errors as well.
    let err = stderr(&liaison(&db, &["--lang", "zh-CN", "import", file.to_str().unwrap()]));
    assert!(err.contains("broken.json:4:14: 此处不是有效的 JSON：expected value"), "{err}");
    let ics = dir.path().join("broken.ics");
    std::fs::write(&ics, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\n").unwrap();
    let err = stderr(&liaison(&db, &["--lang", "zh-CN", "import", ics.to_str().unwrap()]));
    assert!(err.contains("broken.ics:3:5: END:VTODO 与 BEGIN:VEVENT（第 2 行）不对应"), "{err}");
    assert!(!db.exists());
}

/// A large document shows how far its import has got on a terminal, and
/// not a byte of it in a pipe.
#[test]
fn a_large_document_draws_progress_only_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.json");
    // About 2,000 visits: a debug build takes well past the moment a bar
    // waits before it shows.
    write_large_document(&file, 2_000, 2_000, 5);
    let piped = dir.path().join("piped.db");
    let out = liaison(&piped, &["import", file.to_str().unwrap()]);
    assert_eq!(stderr(&out), "", "not a byte of progress in a pipe");
    assert!(ok(out).contains("(2000 added, 0 updated"));

    let db = dir.path().join("l.db");
    let checked = on_a_terminal(&format!("--db '{}' import '{}' --dry-run", db.display(), file.display()));
    assert!(checked.contains("checking") && checked.contains('%'), "no progress bar drawn:\n{checked}");
    let written = on_a_terminal(&format!("--db '{}' import '{}'", db.display(), file.display()));
    assert!(written.contains("(2000 added, 0 updated"), "{written}");
    assert!(written.contains("importing") && written.contains('%'), "no progress bar drawn:\n{written}");
}

#[test]
fn wrong_arguments_get_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    for args in [
        &["frobnicate"][..],
        &["visits", "--kind", "picnic"],
        &["export", "yaml"],
        &["show"],
        &["visits", "--scope", "soon"],
    ] {
        let out = liaison(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("liaison: "), "{err}");
    }
    let out = liaison(&db, &["visits", "--kind", "picnic"]);
    assert!(stderr(&out).contains("picnic"), "{}", stderr(&out));
    let out = liaison(&db, &["frobnicate"]);
    assert!(stderr(&out).contains("'frobnicate' is neither a command nor a file"), "{}", stderr(&out));
    assert!(!db.exists());
}

#[test]
fn runtime_errors_get_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["show", "ffffffff"], "visit ffffffff does not exist"),
        (vec!["show", "zz"], "is not a visit id"),
        (vec!["import", "/nonexistent/file.json"], "/nonexistent/file.json: No such file"),
        (vec!["import", "notes.txt"], "unknown file type"),
        (vec!["export", "json", "-o", "/nonexistent/dir/out.json"], "the folder /nonexistent/dir does not exist"),
        (vec!["export", "json", "--visit", "ffffffff"], "visit ffffffff does not exist"),
    ];
    for (args, expected) in cases {
        let out = liaison(&db, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

#[test]
fn a_database_path_that_is_a_folder_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let out = liaison(dir.path(), &["sample"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

#[test]
fn read_commands_on_a_missing_database_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    assert!(ok(liaison(&db, &["visits"])).contains("No visits"));
    assert_eq!(ok(liaison(&db, &["visits", "--json"])).trim(), "[]");
    let empty: Value = serde_json::from_str(&ok(liaison(&db, &["export", "json"]))).unwrap();
    assert_eq!(empty, json!({"format": "liaison", "version": 4, "organisations": [], "people": [], "visits": []}));
    assert!(!db.exists());
}

#[test]
fn liaison_db_variable_and_xdg_data_home_choose_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let via_env = dir.path().join("env.db");
    let mut c = Command::new(binary());
    clean(&mut c);
    ok(c.env("LIAISON_DB", &via_env).arg("sample").output().unwrap());
    assert!(via_env.exists());

    let xdg = dir.path().join("xdg");
    let mut c = Command::new(binary());
    clean(&mut c);
    ok(c.env("XDG_DATA_HOME", &xdg).arg("sample").output().unwrap());
    assert!(xdg.join("liaison/liaison.db").exists());

    // --db wins over the variable.
    let flag = dir.path().join("flag.db");
    let mut c = Command::new(binary());
    clean(&mut c);
    ok(c.env("LIAISON_DB", &via_env).arg("--db").arg(&flag).arg("sample").output().unwrap());
    assert!(flag.exists());
}

#[test]
fn help_describes_every_command() {
    let mut c = Command::new(binary());
    clean(&mut c);
    let help = ok(c.arg("--help").output().unwrap());
    for word in ["sample", "import", "export", "visits", "show", "--db", "LIAISON_DB", "opens the desktop window"] {
        assert!(help.contains(word), "{word} missing from --help");
    }
    for cmd in ["sample", "import", "export", "visits", "show"] {
        let mut c = Command::new(binary());
        clean(&mut c);
        ok(c.args([cmd, "--help"]).output().unwrap());
    }
}

/// Runs the independent schema validator on files; returns its output.
fn validate_with_jsonschema(files: &[&Path]) -> Output {
    Command::new(test_python())
        .arg(root().join("tests/interop/validate_schema.py"))
        .arg(root().join("docs/liaison.schema.json"))
        .args(files)
        .output()
        .unwrap()
}

#[test]
fn exports_validate_against_the_published_schema_with_jsonschema() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    // A visit seated by choice: its seating is in the export too.
    let (zhang, staff) = ("5a3f1c2e-0000-4000-8000-000000000011", "5a3f1c2e-0000-4000-8000-000000000013");
    ok(liaison(&db, &["seating", "5a3f", "--honour", "left", "--swap-banquet", &format!("{zhang},{staff}")]));
    let all = dir.path().join("all.json");
    ok(liaison(&db, &["export", "json", "-o", all.to_str().unwrap()]));
    assert!(std::fs::read_to_string(&all).unwrap().contains("\"banquet_swaps\""));
    let generated = dir.path().join("generated.json");
    std::fs::write(&generated, liaison_core::benchdata::generate_json(liaison_core::benchdata::Size::scaled(500), 7))
        .unwrap();
    let out = validate_with_jsonschema(&[&all, &generated]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));

    // The schema does reject what Liaison rejects.
    let mut doc: Value = serde_json::from_slice(&std::fs::read(&all).unwrap()).unwrap();
    doc["visits"][0]["agenda"][0]["kind"] = json!("banquet");
    doc["people"][0]["name"] = json!("two\nlines");
    doc["visits"][0]["seating"]["honour"] = json!("up");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, doc.to_string()).unwrap();
    let out = validate_with_jsonschema(&[&bad]);
    assert!(!out.status.success());
    let text = stdout(&out);
    assert!(text.contains("$.visits[0].agenda[0].kind") && text.contains("$.people[0].name"), "{text}");
    assert!(text.contains("$.visits[0].seating.honour"), "{text}");
}

#[test]
fn another_programs_database_is_refused_by_every_command_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("firefox-places.sqlite");
    let made = Command::new(test_python())
        .args(["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table moz_places(url)'); c.execute(\"insert into moz_places values ('https://example.org')\"); c.commit()"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", stderr(&made));
    let before = std::fs::read(&db).unwrap();
    let mut refused = 0;
    for args in [&["sample"][..], &["visits"], &["export", "json"]] {
        let o = liaison(&db, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("not Liaison's"), "{args:?}: {}", stderr(&o));
        refused += 1;
    }
    assert_eq!(refused, 3);
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "nothing beside it: {names:?}");
}

#[test]
fn a_database_of_the_first_schema_opens_after_a_copy_the_command_line_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("liaison.db");
    std::fs::copy(root().join("crates/core/tests/fixtures/schema-1.db"), &db).unwrap();
    let o = liaison(&db, &["show", "5a3f", "--json"]);
    let err = stderr(&o);
    let shown: Value = serde_json::from_str(&ok(o)).unwrap();
    assert_eq!(shown["agenda"].as_array().unwrap().len(), 6);
    let copy = err.split("is kept at ").nth(1).expect(&err).trim();
    assert!(Path::new(copy).exists(), "{err}");
    // Said once: the next run has nothing to migrate.
    assert_eq!(stderr(&liaison(&db, &["visits"])), "");
}

#[test]
fn control_characters_from_a_file_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let file = dir.path().join("evil.ics");
    // An escape sequence that would retitle the terminal, a CSI, and a
    // bidi override, in values the error messages quote.
    std::fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:e-1\r\nDTSTART:2021\u{1b}]0;pwned\u{7}\r\nDTEND;TZID=Mars\u{9b}31m\u{202e}:20210611T100000\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let o = liaison(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("\\u{001B}]0;pwned\\u{0007}"), "{err}");
    assert!(err.contains("\\u{009B}") && err.contains("\\u{202E}"), "{err}");
    let raw = &o.stderr;
    assert!(!raw.contains(&0x1b) && !raw.contains(&0x07), "{err}");
    assert!(!err.contains('\u{9b}') && !err.contains('\u{202e}'), "{err}");
    assert!(!db.exists(), "a refused import writes nothing");
}

#[test]
fn a_json_record_that_leaves_fields_out_keeps_them_and_a_dry_run_lists_each_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let before = export(&db);
    let file = dir.path().join("partial.json");
    std::fs::write(
        &file,
        json!({"format": "liaison", "version": 1,
               "people": [{"id": "5a3f1c2e-0000-4000-8000-000000000011", "title": "Director General"}]})
        .to_string(),
    )
    .unwrap();
    let preview: Value =
        serde_json::from_str(&ok(liaison(&db, &["import", file.to_str().unwrap(), "--dry-run", "--json"]))).unwrap();
    assert_eq!(preview["report"]["people"]["updated"], 1);
    assert_eq!(
        preview["changes"],
        json!([{"record": "person", "id": "5a3f1c2e-0000-4000-8000-000000000011", "title": "Zhang Huidong",
                "field": "title", "old": "Deputy Director General", "new": "Director General"}])
    );
    assert_eq!(export(&db), before, "a dry run writes nothing");
    ok(liaison(&db, &["import", file.to_str().unwrap()]));
    let after: Value = serde_json::from_str(&export(&db)).unwrap();
    let zhang = after["people"].as_array().unwrap().iter().find(|p| p["name"] == "Zhang Huidong").unwrap();
    assert_eq!(zhang["title"], "Director General");
    assert_eq!(zhang["chinese_name"], "张惠东", "left out, so kept");
    assert_eq!(zhang["languages"], json!(["Chinese", "English"]));
}

#[test]
fn a_stored_value_that_does_not_read_back_is_an_internal_error_not_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    // Something other than Liaison edits the file.
    let edited = Command::new(test_python())
        .args(["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"update visits set kind='spaceship'\"); c.commit()"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(edited.status.success(), "{}", stderr(&edited));
    let o = liaison(&db, &["show", "5a3f"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("something went wrong inside Liaison"), "{}", stderr(&o));
    assert!(stderr(&o).contains("spaceship"), "the detail names the value: {}", stderr(&o));
}

#[test]
fn history_lists_who_changed_what_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let mut doc = sample_doc();
    let title = doc["visits"][0]["agenda"][0]["title"].as_str().unwrap().to_owned();
    let was = doc["visits"][0]["agenda"][0]["location"].as_str().unwrap().to_owned();
    doc["visits"][0]["agenda"][0]["location"] = json!("Room 2");
    let file = dir.path().join("edited.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    ok(liaison(&db, &["import", file.to_str().unwrap()]));

    let lines: Value = serde_json::from_str(&ok(liaison(&db, &["history", "5a3f", "--json"]))).unwrap();
    let lines = lines.as_array().unwrap();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["entry"]["entity"], "agenda_item");
    assert_eq!(lines[0]["entry"]["changes"][0]["field"], "location");
    assert_eq!(lines[0]["entry"]["changes"][0]["new"], "Room 2");
    let text = lines[0]["text"].as_str().unwrap();
    assert!(
        text.ends_with(&format!("changed the agenda item '{title}': changed the location from '{was}' to 'Room 2'")),
        "{text}"
    );
    assert_eq!(lines[1]["entry"]["action"], "created");

    let plain = ok(liaison(&db, &["history", SAMPLE_VISIT]));
    assert_eq!(plain.lines().count(), 2, "{plain}");
    assert!(plain.lines().all(|l| l.contains(" UTC  ")), "{plain}");

    let o = liaison(&db, &["history", "ffff"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("visit") && stderr(&o).contains("ffff"), "{}", stderr(&o));
}

#[test]
fn version_says_which_database_schemas_this_build_reads() {
    for flag in ["--version", "-V"] {
        let mut c = Command::new(binary());
        c.arg(flag);
        clean(&mut c);
        let out = ok(c.output().unwrap());
        let expected = format!(
            "liaison {} (database schema {}, team database schema {})",
            env!("CARGO_PKG_VERSION"),
            liaison_core::testing::schema_version(),
            liaison_core::service::team_schema_version()
        );
        assert_eq!(out.trim(), expected, "{flag}");
    }
}

/// `liaison FILE` opens the window on it; with no display (a script over
/// ssh) that is said in one line, not a panic, and nothing is created.
#[test]
fn opening_a_file_without_a_display_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("liaison.db");
    let file = dir.path().join("invitation.ics");
    std::fs::write(&file, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").unwrap();
    for display in [None, Some(":4095")] {
        let mut c = Command::new(binary());
        c.arg("--db").arg(&db).arg(&file);
        clean(&mut c);
        if let Some(d) = display {
            c.env("DISPLAY", d);
        }
        let o = c.output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{display:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.starts_with("liaison: cannot open the window: "), "{display:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!db.exists(), "{display:?}: nothing is created");
    }
    // A subcommand's name is still a subcommand, not a file to open.
    assert!(ok(liaison(&db, &["visits"])).contains("No visits"));
}

/// The command line links no GUI library (loading WebKitGTK's cost every
/// headless command about 65 ms and 45 MiB); the window it hands over to,
/// beside it, does. And when that window is not there, `liaison` says so
/// in one line and writes nothing.
#[test]
fn the_command_line_links_no_gui_library_and_hands_over_to_the_window() {
    let needed = |program: &Path| {
        let o = Command::new("ldd").arg(program).output().expect("run ldd");
        assert!(o.status.success(), "ldd {}: {}", program.display(), stderr(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let cli = binary();
    let window = cli.with_file_name("liaison-window");
    assert!(needed(&window).contains("libwebkit2gtk"), "{} links WebKitGTK", window.display());
    let libs = needed(&cli);
    for gui in ["libwebkit2gtk", "libgtk-3", "libjavascriptcoregtk", "libgdk-3"] {
        assert!(!libs.contains(gui), "{} links {gui}:\n{libs}", cli.display());
    }

    // A copy of liaison alone in a folder has no window to start.
    let dir = tempfile::tempdir().unwrap();
    let alone = dir.path().join("liaison");
    std::fs::copy(&cli, &alone).unwrap();
    let db = dir.path().join("liaison.db");
    let mut c = Command::new(&alone);
    c.arg("--db").arg(&db);
    clean(&mut c);
    c.env("DISPLAY", ":4095");
    let o = c.output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let expected =
        format!("liaison: the window ({}) could not be started: ", dir.path().join("liaison-window").display());
    assert!(err.starts_with(&expected), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!db.exists(), "nothing is created");
}

/// The text output in Chinese: from the environment as gettext reads it, or
/// --lang; the columns still line up although a Chinese character takes two
/// cells; --json and the codes a script passes back do not change.
#[test]
fn visits_and_show_speak_chinese_when_asked() {
    use unicode_width::UnicodeWidthStr;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let english_json = ok(liaison(&db, &["visits", "--json"]));
    let chinese = |args: &[&str]| ok(liaison_zh(&db, args));
    let mut checked = 0;
    for list in [chinese(&["visits"]), ok(liaison(&db, &["--lang", "zh-CN", "visits"]))] {
        let lines: Vec<&str> = list.lines().collect();
        assert!(lines[0].starts_with("编号"), "{list}");
        assert!(lines[0].contains("主方 / 客方") && lines[0].ends_with("标题"), "{list}");
        // The title column starts at the same cell in the heading and the row.
        let column = |line: &str, text: &str| line[..line.find(text).unwrap()].width();
        assert_eq!(column(lines[0], "标题"), column(lines[1], "IPRCC delegation visits"), "{list}");
        assert!(lines[1].contains("completed"), "the status stays the code --status takes: {list}");
        checked += 1;
    }
    assert_eq!(checked, 2);
    assert_eq!(chinese(&["visits", "--json"]), english_json, "--json does not change with the language");

    let shown = chinese(&["show", "5a3f"]);
    // Names in the reader's order: the Chinese form first in Chinese.
    for expected in [
        "类型",
        "出访团组 · 已完成",
        "参加人员",
        "主方",
        "客方",
        "团长",
        "日程",
        "后续事项",
        "1. 张惠东 (Zhang Huidong) — 团长",
        "上海 · Asia/Shanghai",
    ] {
        assert!(shown.contains(expected), "{expected} in:\n{shown}");
    }
    let english = ok(liaison(&db, &["show", "5a3f"]));
    for expected in [
        "kind",
        "Outgoing delegation · Completed",
        "Participants",
        "Head of delegation",
        "Follow-ups",
        "1. Zhang Huidong (张惠东) — Head of delegation",
        "Shanghai · Asia/Shanghai",
    ] {
        assert!(english.contains(expected), "{expected} in:\n{english}");
    }
    // What an import would do, and the calendar file an export wrote.
    let doc = dir.path().join("all.liaison.json");
    ok(liaison(&db, &["export", "json", "-o", doc.to_str().unwrap()]));
    let preview = chinese(&["import", doc.to_str().unwrap(), "--dry-run"]);
    for expected in ["将导入", "尚未写入任何内容", "机构", "日程项", "新增 0，更新 0，未变 6", "已存字段都不会改变。"]
    {
        assert!(preview.contains(expected), "{expected} in:\n{preview}");
    }
    let ics = dir.path().join("visit.ics");
    // (Said on standard error: standard output is for the file itself.)
    let o = liaison_zh(&db, &["export", "ics", "--visit", "5a3f", "-o", ics.to_str().unwrap()]);
    assert!(stderr(&o).contains("日历，含 7 个活动和 5 个任务"), "{}", stderr(&o));
    // A language Liaison does not have is refused by name.
    let o = liaison(&db, &["--lang", "fr", "visits"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'fr' for '--lang <LANG>' (it takes en, zh-CN, zh, both)"),
        "{}",
        stderr(&o)
    );
    let o = liaison(&db, &["--lang", "zh-CN", "visits", "--scope", "soon"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("“--scope <SCOPE>”的值“soon”无效（可取 all, upcoming, past, drafts）"),
        "{}",
        stderr(&o)
    );
    // The help too, with --lang or from the environment.
    for help in [ok(liaison(&db, &["--lang", "zh-CN", "import", "--help"])), ok(liaison_zh(&db, &["import", "--help"]))]
    {
        for expected in ["用法：liaison import", "参数:", "选项:", "显示帮助", "不写入任何内容"] {
            assert!(help.contains(expected), "{expected} in:\n{help}");
        }
    }
}

/// A record whose id a stored record of another kind holds, or whose
/// calendar UID another stored record holds, is refused at its path, in
/// either language, and nothing is written (the first failed in the search
/// index, the second in a unique index, without a path).
#[test]
fn an_id_or_uid_that_another_stored_record_holds_is_named_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let before = export(&db);
    let sample = sample_doc();
    let mut org = sample["organisations"][1].clone();
    org["id"] = sample["visits"][0]["id"].clone();
    let doc =
        json!({"format": "liaison", "version": sample["version"], "organisations": [org], "people": [], "visits": []});
    let file = dir.path().join("clash.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    // And a new agenda item under a stored one's calendar UID.
    let mut doc = sample.clone();
    let uid = format!("{}@liaison", sample["visits"][0]["agenda"][1]["id"].as_str().unwrap());
    doc["visits"][0]["agenda"].as_array_mut().unwrap().remove(1);
    doc["visits"][0]["agenda"][0]["id"] = json!("0b1e3c8a-7d4f-4e2a-9c51-6a0f2d9e8b17");
    doc["visits"][0]["agenda"][0]["uid"] = json!(uid);
    let uid_file = dir.path().join("uid.json");
    std::fs::write(&uid_file, doc.to_string()).unwrap();
    let id = sample["visits"][0]["id"].as_str().unwrap();
    for (lang, file, expected) in [
        ("en", &file, format!("$.organisations[0].id: id {id} already belongs to a visit in the database")),
        ("zh-CN", &file, format!("$.organisations[0].id: 编号 {id} 已属于数据库中的访问")),
        (
            "en",
            &uid_file,
            format!("$.visits[0].agenda[0].uid: calendar UID '{uid}' already belongs to another agenda item in the database"),
        ),
        ("zh-CN", &uid_file, format!("$.visits[0].agenda[0].uid: 日历 UID“{uid}”已属于数据库中的另一个日程项")),
    ] {
        let out = liaison(&db, &["--lang", lang, "import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{lang}: {}", stderr(&out));
        assert!(stderr(&out).contains(&expected), "{lang}: expected «{expected}» in:\n{}", stderr(&out));
    }
    assert_eq!(export(&db), before, "nothing was written");
}

/// A refused value is named in the reader's language, at the same field or
/// JSON path, and nothing is written either way.
#[test]
fn errors_speak_chinese_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(liaison(&db, &["sample"]));
    let before = export(&db);
    let mut doc = sample_doc();
    doc["visits"][0]["title"] = json!("  ");
    doc["visits"][0]["time_zone"] = json!("Asia/Beijing");
    doc["people"][0]["email"] = json!("zhang at iprcc");
    doc["people"][1]["id"] = doc["people"][0]["id"].clone();
    let file = dir.path().join("bad.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let mut checked = 0;
    for (lang, expected) in [
        (
            "en",
            [
                "$.visits[0].title: is required",
                "$.visits[0].time_zone: 'Asia/Beijing' is not a known IANA time zone",
                "$.people[0].email: 'zhang at iprcc' is not an email address like name@example.org",
                "$.people[1].id: id 5a3f1c2e-0000-4000-8000-000000000011 is also used at $.people[0]",
            ],
        ),
        (
            "zh-CN",
            [
                "$.visits[0].title: 为必填项",
                "$.visits[0].time_zone: “Asia/Beijing”不是已知的 IANA 时区",
                "$.people[0].email: “zhang at iprcc”不是电子邮件地址",
                "$.people[1].id: 编号 5a3f1c2e-0000-4000-8000-000000000011 也用于 $.people[0]",
            ],
        ),
    ] {
        let out = liaison(&db, &["--lang", lang, "import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{lang}: {}", stderr(&out));
        let err = stderr(&out);
        for e in expected {
            assert!(err.contains(e), "{lang}: expected «{e}» in:\n{err}");
            checked += 1;
        }
    }
    assert_eq!(checked, 8);
    assert_eq!(export(&db), before, "nothing was written");
    // Calendar files: the line, the property, then the problem.
    let ics = dir.path().join("bad.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x-1\r\nDTSTART:20210631T090000\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let o = liaison(&db, &["--lang", "zh-CN", "import", ics.to_str().unwrap(), "--visit", "5a3f"]);
    assert!(
        stderr(&o).contains(":4: DTSTART: “20210631T090000”不是日期和时间，格式如 20210611T090000"),
        "{}",
        stderr(&o)
    );
    // An id typed wrong.
    let o = liaison(&db, &["--lang", "zh-CN", "show", "zz"]);
    assert!(stderr(&o).contains("“zz”不是访问编号"), "{}", stderr(&o));
    // A record that is not there, and the history, in Chinese.
    let o = liaison(&db, &["--lang", "zh-CN", "show", "ffff"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("来访 ffff 不存在"), "{}", stderr(&o));
    let o = liaison(&db, &["show", "ffff"]);
    assert!(stderr(&o).contains("visit ffff does not exist"), "{}", stderr(&o));
    let history = ok(liaison(&db, &["--lang", "zh-CN", "history", "5a3f"]));
    assert!(history.contains("创建了来访“IPRCC delegation visits"), "{history}");
}
