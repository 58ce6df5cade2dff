//! One search across everything: Chinese by any substring, Latin without
//! regard to case or diacritics, and an index that is right after every
//! save, import and delete. Runs on the backend `liaison_core::testing::
//! service` gives (the local file by default, PostgreSQL with
//! LIAISON_TEST_BACKEND=postgres).

use liaison_core::model::*;
use liaison_core::sample::SAMPLE_VISIT_ID;
use liaison_core::search::SearchQuery;
use liaison_core::validate::*;
use liaison_core::Service;
use uuid::Uuid;

async fn find(s: &Service, text: &str) -> SearchResults {
    s.search(&SearchQuery::new(text)).await.unwrap()
}

/// The ids found of one kind, best first.
fn ids(r: &SearchResults, kind: SearchKind) -> Vec<Uuid> {
    r.groups.iter().filter(|g| g.kind == kind).flat_map(|g| g.hits.iter().map(|h| h.id)).collect()
}

/// A result's title as shown, and its marked runs.
fn title(h: &SearchHit) -> (String, Vec<String>) {
    (
        h.title.iter().map(|s| s.text.as_str()).collect(),
        h.title.iter().filter(|s| s.hit).map(|s| s.text.clone()).collect(),
    )
}

/// Checks that the index holds exactly the records there are, each once,
/// with nothing left stale; returns how many.
async fn index_is_exact(s: &Service) -> usize {
    let d = s.export_document(liaison_core::interchange::Scope::All).await.unwrap();
    let mut expected: Vec<(SearchKind, Uuid)> = Vec::new();
    expected.extend(d.organisations.iter().map(|o| (SearchKind::Organisation, o.id)));
    expected.extend(d.people.iter().map(|p| (SearchKind::Person, p.id)));
    expected.extend(d.rooms.iter().map(|r| (SearchKind::Room, r.id)));
    for v in &d.visits {
        expected.push((SearchKind::Visit, v.head.id));
        expected.extend(v.agenda.iter().map(|a| (SearchKind::AgendaItem, a.id)));
        expected.extend(v.follow_ups.iter().map(|f| (SearchKind::FollowUp, f.id)));
    }
    expected.sort();
    let (mut indexed, stale) = s.search_index().await.unwrap();
    indexed.sort();
    assert_eq!(stale, 0, "every write leaves the index up to date");
    assert_eq!(indexed, expected);
    expected.len()
}

async fn person(s: &Service, name: &str, chinese: &str) -> Person {
    s.create_person(&PersonInput { name: name.into(), chinese_name: chinese.into(), ..Default::default() })
        .await
        .unwrap()
}

#[tokio::test]
async fn two_chinese_characters_find_a_person_by_either_name_and_nothing_else() {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    let r = find(&s, "和震").await;
    let people = r.groups.iter().find(|g| g.kind == SearchKind::Person).expect("people found");
    assert_eq!(people.hits.len(), 1, "{people:?}");
    let (shown, marked) = title(&people.hits[0]);
    assert_eq!(shown, "He Zhen · 和震");
    assert_eq!(marked, ["和震"]);
    // The person is the group shown first: the name matched whole.
    assert_eq!(r.groups[0].kind, SearchKind::Person);
    // A single character of the two, and the two apart, are other queries.
    assert!(ids(&find(&s, "震和").await, SearchKind::Person).is_empty(), "characters are matched in order");
    let one = find(&s, "震").await;
    assert_eq!(ids(&one, SearchKind::Person), ids(&r, SearchKind::Person));
    // The Latin form finds the same person, in any case.
    let latin = find(&s, "he zhen").await;
    assert!(ids(&latin, SearchKind::Person).contains(&people.hits[0].id));
    assert_eq!(ids(&find(&s, "HE ZHEN").await, SearchKind::Person), ids(&latin, SearchKind::Person));
    // …and the agenda item named after him, and the visit whose minutes
    // mention him, with the words marked where they were found.
    let items = ids(&latin, SearchKind::AgendaItem);
    assert_eq!(items.len(), 1, "{latin:?}");
    let visit = latin.groups.iter().find(|g| g.kind == SearchKind::Visit).expect("the visit, by its minutes");
    let snippet = visit.hits[0].snippet.as_ref().expect("the minutes shown around the match");
    assert_eq!(snippet.field, SearchField::Minutes);
    assert!(snippet.segments.iter().any(|s| s.hit && s.text == "He"), "{snippet:?}");
    assert_eq!(visit.hits[0].id, SAMPLE_VISIT_ID);
}

#[tokio::test]
async fn latin_is_found_without_regard_to_case_or_diacritics_by_the_start_of_a_word() {
    let s = liaison_core::testing::service().await;
    let muller = person(&s, "Jürgen Müller", "").await;
    let mueller = person(&s, "Anna Schmüller", "").await;
    let zoe = person(&s, "Zoë Ørsted", "").await;
    for q in ["muller", "MÜLLER", "Müll", "jurgen mul", "MULLER jür"] {
        assert_eq!(ids(&find(&s, q).await, SearchKind::Person), [muller.id], "{q}");
    }
    assert!(!ids(&find(&s, "schmu").await, SearchKind::Person).contains(&muller.id));
    assert_eq!(ids(&find(&s, "schmu").await, SearchKind::Person), [mueller.id]);
    assert_eq!(ids(&find(&s, "zoe orsted").await, SearchKind::Person), [zoe.id]);
    // The mark covers the word as written.
    let r = find(&s, "muller").await;
    assert_eq!(title(&r.groups[0].hits[0]).1, ["Müller"]);
    // What is in no record finds nothing, and nothing is an empty search.
    assert!(find(&s, "mullerx").await.groups.is_empty());
    assert!(find(&s, "  ,. ").await.groups.is_empty());
}

#[tokio::test]
async fn whole_names_rank_before_names_that_only_begin_with_the_query() {
    let s = liaison_core::testing::service().await;
    for n in ["Lina Lindqvist", "Lin Wei", "Linus Lindgren"] {
        person(&s, n, "").await;
    }
    let r = find(&s, "lin").await;
    let people = &r.groups[0];
    assert_eq!(people.kind, SearchKind::Person);
    assert_eq!(title(&people.hits[0]).0, "Lin Wei", "{people:?}");
    assert_eq!(people.hits.len(), 3);
    // A limit keeps to the best, and says there are more.
    let q = SearchQuery { limit: 2, ..SearchQuery::new("lin") };
    let r = s.search(&q).await.unwrap();
    assert_eq!((r.groups[0].hits.len(), r.groups[0].more), (2, true));
    assert_eq!(title(&r.groups[0].hits[0]).0, "Lin Wei");
}

#[tokio::test]
async fn the_index_is_right_after_every_save_and_delete() {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    let p = person(&s, "Ingrid Quist", "").await;
    assert_eq!(ids(&find(&s, "quist").await, SearchKind::Person), [p.id]);
    assert!(index_is_exact(&s).await > 15);

    // Renamed: found by the new name, no longer by the old.
    let input = PersonInput { name: "Ingrid Vahl".into(), chinese_name: "英格丽".into(), ..Default::default() };
    s.update_person(p.id, p.revision, &input).await.unwrap();
    assert!(find(&s, "quist").await.groups.is_empty());
    assert_eq!(ids(&find(&s, "vahl").await, SearchKind::Person), [p.id]);
    assert_eq!(ids(&find(&s, "格丽").await, SearchKind::Person), [p.id]);

    // A follow-up, a room and an agenda item, each found once saved.
    let fu = s
        .create_follow_up(
            SAMPLE_VISIT_ID,
            &FollowUpInput { title: "Send the Quokka syllabus".into(), ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(ids(&find(&s, "quokka").await, SearchKind::FollowUp), [fu.id]);
    let hit = &find(&s, "quokka").await.groups[0].hits[0];
    assert_eq!(hit.visit_id, Some(SAMPLE_VISIT_ID), "a follow-up opens in its visit");
    assert!(hit.context.starts_with("IPRCC delegation"), "{hit:?}");
    let room = s
        .create_room(&RoomInput { name: "Zephyr Hall".into(), chinese_name: "西风厅".into(), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(ids(&find(&s, "西风").await, SearchKind::Room), [room.id]);

    // Deleted: gone from the index.
    s.delete_follow_up(fu.id).await.unwrap();
    assert!(find(&s, "quokka").await.groups.is_empty());
    s.delete_room(room.id).await.unwrap();
    assert!(find(&s, "zephyr").await.groups.is_empty());
    s.delete_person(p.id).await.unwrap();
    assert!(find(&s, "vahl").await.groups.is_empty());
    index_is_exact(&s).await;

    // A visit deleted takes its agenda and follow-ups out of the index too
    // (the database deletes them, not Liaison's code).
    let before = find(&s, "vocational").await;
    assert!(!ids(&before, SearchKind::AgendaItem).is_empty());
    assert!(!ids(&before, SearchKind::FollowUp).is_empty());
    s.delete_visit(SAMPLE_VISIT_ID).await.unwrap();
    let after = find(&s, "vocational").await;
    for kind in [SearchKind::Visit, SearchKind::AgendaItem, SearchKind::FollowUp] {
        assert!(ids(&after, kind).is_empty(), "{kind:?}: {after:?}");
    }
    // The organisations stay, and are still found.
    assert!(!ids(&after, SearchKind::Organisation).is_empty());
    index_is_exact(&s).await;
}

#[tokio::test]
async fn what_a_document_imports_is_found_and_a_failed_import_leaves_nothing() {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    let json = s.export_json(liaison_core::interchange::Scope::All).await.unwrap();
    let t = liaison_core::testing::service().await;
    assert!(find(&t, "和震").await.groups.is_empty());
    t.import_json(json.as_bytes(), "sample.json").await.unwrap();
    assert_eq!(ids(&find(&t, "和震").await, SearchKind::Person).len(), 1);
    let items = ids(&find(&t, "welcome").await, SearchKind::AgendaItem);
    assert!(!items.is_empty());

    // A document that is refused writes nothing, the index included.
    let bad = json.replacen("\"He Zhen\"", "\"Xenophon Quade\"", 1).replacen("\"format\"", "\"formatt\"", 1);
    assert!(t.import_json(bad.as_bytes(), "bad.json").await.is_err());
    assert!(find(&t, "xenophon").await.groups.is_empty());
    // One that renames him is found by the new name at once.
    let renamed = json.replacen("\"He Zhen\"", "\"Xenophon Quade\"", 1);
    t.import_json(renamed.as_bytes(), "renamed.json").await.unwrap();
    assert_eq!(ids(&find(&t, "xenophon").await, SearchKind::Person).len(), 1);
    assert!(ids(&find(&t, "he zhen").await, SearchKind::Person).is_empty());
    assert_eq!(index_is_exact(&t).await, index_is_exact(&s).await);
}

#[tokio::test]
async fn kinds_can_be_asked_for_alone() {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    let q = SearchQuery { kinds: vec![SearchKind::AgendaItem], ..SearchQuery::new("he zhen") };
    let r = s.search(&q).await.unwrap();
    assert_eq!(r.groups.len(), 1);
    assert_eq!(r.groups[0].kind, SearchKind::AgendaItem);
    let hit = &r.groups[0].hits[0];
    assert_eq!(hit.visit_id, Some(SAMPLE_VISIT_ID));
    assert!(hit.when.starts_with("2021-06-11T"), "an item says when, in its zone: {hit:?}");
}

/// Each field the index takes of each kind finds its record: a word put in
/// that field alone (and nowhere else) is searched for.
#[tokio::test]
async fn every_indexed_field_of_every_kind_finds_its_record() {
    let s = liaison_core::testing::service().await;
    s.load_sample().await.unwrap();
    let mut doc: serde_json::Value =
        serde_json::from_str(&s.export_json(liaison_core::interchange::Scope::All).await.unwrap()).unwrap();
    let mut words: Vec<(SearchKind, String, String)> = Vec::new();
    let mut put = |record: &mut serde_json::Value, kind: SearchKind, field: &str, word: String| {
        record[field] = if field == "topics" { serde_json::json!([word]) } else { word.clone().into() };
        words.push((kind, field.to_owned(), word));
    };
    let org = &mut doc["organisations"][0];
    for f in ["name", "native_name", "acronym", "country", "notes"] {
        put(org, SearchKind::Organisation, f, format!("qxorg{}", f.replace('_', "")));
    }
    put(org, SearchKind::Organisation, "chinese_name", "鑫淼机构".into());
    let person = &mut doc["people"][0];
    for f in ["name", "native_name", "title", "notes"] {
        put(person, SearchKind::Person, f, format!("qxperson{}", f.replace('_', "")));
    }
    put(person, SearchKind::Person, "email", "qxmail@example.org".into());
    put(person, SearchKind::Person, "chinese_name", "鑫淼".into());
    let visit = &mut doc["visits"][0];
    for f in ["title", "purpose", "venue", "topics", "notes", "minutes"] {
        put(visit, SearchKind::Visit, f, format!("qxvisit{f}"));
    }
    let item = &mut doc["visits"][0]["agenda"][0];
    for f in ["title", "location", "description"] {
        put(item, SearchKind::AgendaItem, f, format!("qxitem{f}"));
    }
    let fu = &mut doc["visits"][0]["follow_ups"][0];
    for f in ["title", "notes"] {
        put(fu, SearchKind::FollowUp, f, format!("qxfollow{f}"));
    }
    s.import_json(doc.to_string().as_bytes(), "words.json").await.unwrap();

    // A room, through its form.
    let room = s
        .create_room(&RoomInput {
            name: "qxroomname".into(),
            chinese_name: "鑫淼厅".into(),
            building: "qxroombuilding".into(),
            equipment: "qxroomequipment".into(),
            notes: "qxroomnotes".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut reached = 0;
    for (kind, field, word) in &words {
        let found = ids(&find(&s, word).await, *kind);
        assert_eq!(found.len(), 1, "{kind:?}.{field}: {word}");
        reached += 1;
    }
    for word in ["qxroomname", "鑫淼厅", "qxroombuilding", "qxroomequipment", "qxroomnotes"] {
        assert_eq!(ids(&find(&s, word).await, SearchKind::Room), [room.id], "room: {word}");
        reached += 1;
    }
    assert_eq!(reached, 28, "every field of every kind was searched for");
    index_is_exact(&s).await;
}

/// The words of each record in SQLite's index, by id: (id, kind, kind word,
/// title words, body words). The document numbers are left out. The index
/// keeps no text of its own (schema 18): the words are read back from its
/// entries, in the order they were given.
async fn sqlite_index(path: &std::path::Path) -> Vec<(String, String, String, String, String)> {
    use sqlx::{ConnectOptions, Connection};
    let mut c = liaison_core::testing::sqlite_file(path).connect().await.unwrap();
    sqlx::query("CREATE VIRTUAL TABLE temp.entries USING fts5vocab(main, search_text, instance)")
        .execute(&mut c)
        .await
        .unwrap();
    let words = |col: &str| {
        format!(
            "coalesce((SELECT group_concat(term, ' ' ORDER BY \"offset\") FROM temp.entries e \
             WHERE e.doc = d.doc AND e.col = '{col}'), '')"
        )
    };
    let sql = format!(
        "SELECT hex(d.id), d.kind, {}, {}, {} FROM search_docs d ORDER BY d.id",
        words("kind"),
        words("title"),
        words("body")
    );
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(&sql).fetch_all(&mut c).await.unwrap();
    assert!(rows.iter().all(|r| !r.2.is_empty()), "every record has its kind's word: {rows:?}");
    c.close().await.unwrap();
    rows
}

/// Imports (JSON documents, then a calendar file) index the records they
/// add from the records they write instead of reading them back at the
/// commit: the index must hold the very words the general way (every
/// record marked stale, read back, indexed) gives. On SQLite's own tables;
/// the documents are made the same way for both engines.
#[tokio::test]
async fn imported_records_are_indexed_as_if_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.db");
    let s = Service::open(&path).await.unwrap();
    // Every kind of record from JSON: the sample has no room, so one comes
    // from a document of its own.
    s.load_sample().await.unwrap();
    let other = liaison_core::testing::service().await;
    other
        .create_room(&RoomInput {
            name: "Lotus Hall".into(),
            chinese_name: "荷花厅".into(),
            building: "Main building".into(),
            equipment: "Projector, 话筒".into(),
            notes: "Seats 40".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let rooms = other.export_json(liaison_core::interchange::Scope::All).await.unwrap();
    s.import_json(rooms.as_bytes(), "rooms.json").await.unwrap();
    let sample = sqlite_index(&path).await;
    for kind in ["visit", "agenda_item", "follow_up", "person", "organisation", "room"] {
        assert!(sample.iter().any(|r| r.1 == kind), "no {kind} in the sample's {sample:?}");
    }
    // A visit's topics are joined as the storage joins them.
    assert!(sample.iter().any(|r| r.1 == "visit" && r.4.contains("curriculum development video")), "{sample:?}");
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
        BEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:20260310T090000\r\n\
        DTEND;TZID=Asia/Shanghai:20260310T100000\r\nSUMMARY:Tea ceremony 茶道\r\nLOCATION:Lotus pavilion 荷花亭\r\n\
        DESCRIPTION:Bring the Gifts\\, and the 茶具\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:b@x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Asia/Shanghai:20260310T140000\r\n\
        DTEND;TZID=Asia/Shanghai:20260310T150000\r\nSUMMARY:Talks on Café exchanges\r\nEND:VEVENT\r\n\
        BEGIN:VTODO\r\nUID:c@x\r\nDTSTAMP:20260101T000000Z\r\nDUE;VALUE=DATE:20260320\r\nSUMMARY:Send the minutes\r\n\
        DESCRIPTION:草稿 by Friday\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
    let plan = s.import_ics(ics.as_bytes(), "trip.ics", None).await.unwrap();
    assert_eq!(plan.counts.added, 3);
    s.close().await;
    let imported = sqlite_index(&path).await;
    // The sample's records, then the new visit, two items and a follow-up;
    // one row each, none stale.
    assert_eq!(imported.len(), sample.len() + 4, "{imported:?}");
    assert!(imported.iter().any(|r| r.1 == "agenda_item" && r.4.contains("荷")), "{imported:?}");

    // Everything marked stale, then indexed again the general way as the
    // file is opened.
    {
        use sqlx::{ConnectOptions, Connection};
        let mut c = liaison_core::testing::sqlite_file(&path).connect().await.unwrap();
        let stale: i64 = sqlx::query_scalar("SELECT count(*) FROM search_stale").fetch_one(&mut c).await.unwrap();
        assert_eq!(stale, 0, "the import left nothing to index");
        sqlx::query("INSERT INTO search_stale (id, kind) SELECT id, kind FROM search_docs")
            .execute(&mut c)
            .await
            .unwrap();
        c.close().await.unwrap();
    }
    let s = Service::open(&path).await.unwrap();
    assert_eq!(s.search_index().await.unwrap().1, 0);
    s.close().await;
    assert_eq!(sqlite_index(&path).await, imported);
}

/// How many of the triggers that mark added items and follow-ups stale are
/// in the file (two when all is well).
async fn insert_marks(path: &std::path::Path) -> i64 {
    use sqlx::{ConnectOptions, Connection};
    let mut c = liaison_core::testing::sqlite_file(path).connect().await.unwrap();
    let n = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' \
         AND name IN ('agenda_items_search_insert', 'follow_ups_search_insert')",
    )
    .fetch_one(&mut c)
    .await
    .unwrap();
    c.close().await.unwrap();
    n
}

/// A large calendar import has the database stop marking the items and
/// follow-ups it adds stale, and indexes them itself. Every one must still
/// be found, nothing left stale, and the marking must be back after the
/// import, whether it was written or cancelled half-way: a record saved
/// afterwards is indexed only if it is.
#[tokio::test]
async fn a_large_import_indexes_all_it_adds_and_marks_again_afterwards() {
    use liaison_core::calendar::import::IcsInput;
    use liaison_core::i18n::Lang;
    use liaison_core::progress::{Stage, Work};
    use std::sync::{Arc, OnceLock};
    let n = liaison_core::testing::UNMARKED_FROM_ROWS + 100;
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for i in 0..n {
        let (day, hour) = (1 + i / 10 % 28, 8 + i % 10);
        if i % 10 == 9 {
            ics += &format!(
                "BEGIN:VTODO\r\nUID:t{i}@x\r\nDTSTAMP:20260101T000000Z\r\nDUE;VALUE=DATE:202605{day:02}\r\n\
                 SUMMARY:Send minutes {i} 纪要\r\nEND:VTODO\r\n"
            );
        } else {
            ics += &format!(
                "BEGIN:VEVENT\r\nUID:e{i}@x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:202605{day:02}T{hour:02}0000Z\r\n\
                 DTEND:202605{day:02}T{hour:02}3000Z\r\nSUMMARY:Talks {i} 会谈\r\nLOCATION:Hall {i}\r\nEND:VEVENT\r\n"
            );
        }
    }
    ics += "END:VCALENDAR\r\n";
    let dir = tempfile::tempdir().unwrap();

    let path = dir.path().join("s.db");
    let s = Service::open(&path).await.unwrap();
    s.load_sample().await.unwrap();
    let plan = s.import_ics(ics.as_bytes(), "big.ics", None).await.unwrap();
    assert_eq!(plan.counts.added as usize, n);
    let visit = plan.visit.unwrap().id;
    assert!(index_is_exact(&s).await > n);
    // The last ones written.
    let last = n - 2;
    assert_eq!(ids(&find(&s, &format!("talks {last}")).await, SearchKind::AgendaItem).len(), 1);
    assert_eq!(ids(&find(&s, &format!("minutes {}", n - 1)).await, SearchKind::FollowUp).len(), 1);
    let input = AgendaItemInput {
        title: "Quokka tasting".into(),
        start: "2026-05-02T20:00".into(),
        end: "2026-05-02T21:00".into(),
        ..Default::default()
    };
    let saved = s.create_agenda_item(visit, &input).await.unwrap().record;
    assert_eq!(ids(&find(&s, "quokka").await, SearchKind::AgendaItem), [saved.id]);
    index_is_exact(&s).await;
    s.close().await;
    assert_eq!(insert_marks(&path).await, 2);

    // Cancelled once the writing has begun: nothing of it stays.
    let path = dir.path().join("t.db");
    let t = Service::open(&path).await.unwrap();
    t.load_sample().await.unwrap();
    let before = index_is_exact(&t).await;
    let me: Arc<OnceLock<Work>> = Arc::new(OnceLock::new());
    let handle = me.clone();
    let work = Work::reporting(move |p| {
        if p.stage == Stage::Writing && p.done > 0 && p.done < p.total {
            if let Some(w) = handle.get() {
                w.cancel();
            }
        }
    });
    let _ = me.set(work.clone());
    let e = t.import_ics_from(IcsInput::Bytes(ics.as_bytes()), "big.ics", None, Lang::En, &work).await.unwrap_err();
    assert!(matches!(e, liaison_core::Error::Cancelled), "{e:?}");
    assert_eq!(index_is_exact(&t).await, before);
    let saved = t.create_agenda_item(SAMPLE_VISIT_ID, &input).await.unwrap().record;
    assert_eq!(ids(&find(&t, "quokka").await, SearchKind::AgendaItem), [saved.id]);
    t.close().await;
    assert_eq!(insert_marks(&path).await, 2);
}
