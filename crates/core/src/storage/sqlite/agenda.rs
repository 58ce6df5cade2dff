//! SQL for `agenda_items` and `agenda_participants`.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, SqliteConnection};
use uuid::Uuid;

use super::{decode, existing_ids, id_list, marks, on_conflict_also, rows_per_statement};
use crate::error::{Error, Result};
use crate::model::{AgendaItem, Clash};
use crate::storage::columns::{AGENDA_COLUMNS as COLUMNS, AGENDA_SHOWN, AGENDA_UPDATABLE as UPDATABLE};
use crate::storage::{order_people, sort_by_visit, AgendaKey, ZoneSpan};
use crate::time::{format_local, from_unix, stored_zone};

fn from_row(r: &SqliteRow) -> sqlx::Result<AgendaItem> {
    let time_zone: String = r.try_get("time_zone")?;
    let zone = stored_zone(&time_zone);
    let starts_at = from_unix(r.try_get("starts_at")?);
    let ends_at = from_unix(r.try_get("ends_at")?);
    Ok(AgendaItem {
        id: r.try_get("id")?,
        visit_id: r.try_get("visit_id")?,
        starts_at,
        ends_at,
        start_local: format_local(starts_at, zone),
        end_local: format_local(ends_at, zone),
        time_zone,
        title: r.try_get("title")?,
        kind: r.try_get("kind")?,
        status: r.try_get("status")?,
        location: r.try_get("location")?,
        description: r.try_get("description")?,
        participant_ids: Vec::new(),
        chair_id: None,
        speaker_ids: Vec::new(),
        room_id: r.try_get("room_id")?,
        position: r.try_get::<i64, _>("position")?.try_into().unwrap_or(0),
        uid: r.try_get("ical_uid")?,
        sequence: r.try_get::<i64, _>("sequence")?.try_into().unwrap_or(u32::MAX),
        created_at: from_unix(r.try_get("created_at")?),
        updated_at: from_unix(r.try_get("updated_at")?),
        revision: r.try_get::<i64, _>("revision")?.try_into().unwrap_or(u32::MAX),
    })
}

/// Inserts or updates agenda items and sets who each involves; returns how
/// many items were inserted or changed. The database refuses (foreign key)
/// a person who is not a participant of the visit.
///
/// A stored item whose people, chair or speakers change counts as changed,
/// and its SEQUENCE rises as for a change to a column a calendar shows
/// (they are its ATTENDEEs and its DESCRIPTION), unless the writer raised
/// it already: so every writer, form, JSON or calendar import, gets it.
pub async fn upsert(conn: &mut SqliteConnection, rows: &[AgendaItem]) -> Result<u64> {
    let mut written = 0;
    for chunk in rows.chunks(rows_per_statement(16)) {
        let relinked = relink(&mut *conn, chunk).await?;
        let mut q = QueryBuilder::new("");
        let also = if relinked.is_empty() {
            None
        } else {
            q.push("WITH relinked(id) AS (SELECT unhex(value) FROM json_each(");
            q.push_bind(id_list(&relinked));
            q.push(")) ");
            Some("agenda_items.id IN (SELECT id FROM relinked)")
        };
        q.push(format!("INSERT INTO agenda_items ({COLUMNS}) "));
        q.push_values(chunk, |mut b, a| {
            b.push_bind(a.id)
                .push_bind(a.visit_id)
                .push_bind(a.starts_at.timestamp())
                .push_bind(a.ends_at.timestamp())
                .push_bind(a.time_zone.as_str())
                .push_bind(a.title.as_str())
                .push_bind(a.kind)
                .push_bind(a.status)
                .push_bind(a.location.as_str())
                .push_bind(a.description.as_str())
                .push_bind(a.uid.as_str())
                .push_bind(i64::from(a.sequence))
                .push_bind(a.created_at.timestamp())
                .push_bind(a.updated_at.timestamp())
                .push_bind(a.room_id)
                .push_bind(i64::from(a.position));
        });
        q.push(on_conflict_also("agenda_items", "id", UPDATABLE, Some(AGENDA_SHOWN), also, true));
        written += q.build().execute(&mut *conn).await?.rows_affected();
    }
    let links: Vec<Link> = rows.iter().flat_map(links).collect();
    for chunk in links.chunks(rows_per_statement(5)) {
        let mut q = QueryBuilder::new(
            "INSERT INTO agenda_participants (agenda_item_id, visit_id, person_id, chairs, speaks_at) ",
        );
        q.push_values(chunk, |mut b, l| {
            b.push_bind(l.item)
                .push_bind(l.visit)
                .push_bind(l.person)
                .push_bind(l.chairs)
                .push_bind(l.speaks_at.map(i64::from));
        });
        // A link still there is one kept exactly as it was (see above).
        q.push(" ON CONFLICT (agenda_item_id, person_id) DO NOTHING");
        q.build().execute(&mut *conn).await?;
    }
    Ok(written)
}

/// Takes out the links of `chunk`'s items that are not kept exactly as they
/// are (people they no longer have, and those whose part changed: taken out
/// and put back, as a new speaking order would otherwise clash with the old
/// one row by row), and returns the stored items whose links change: those
/// that lost one, and those that will gain one. Links kept are left alone,
/// so that re-importing a file rewrites none of them.
///
/// Only the items already stored can have links to take out or gain (a new
/// one has none, and is not yet in the table the count below reads), so
/// they are found first, with one lookup each, and the rest is theirs
/// alone: the 100,000 new items of the benchmark data set's import spent
/// about a fifth of their write here, mostly writing their links out as
/// JSON for SQLite to read back.
///
/// The kept links go in as one JSON text, whatever their number.
async fn relink(conn: &mut SqliteConnection, chunk: &[AgendaItem]) -> Result<Vec<Uuid>> {
    let ids: Vec<Uuid> = chunk.iter().map(|a| a.id).collect();
    let stored = existing_ids(&mut *conn, "agenda_items", &ids).await?;
    if stored.is_empty() {
        return Ok(Vec::new());
    }
    let chunk: Vec<&AgendaItem> = chunk.iter().filter(|a| stored.contains(&a.id)).collect();
    let mut kept = String::from("[");
    for l in chunk.iter().copied().flat_map(links) {
        if kept.len() > 1 {
            kept.push(',');
        }
        // No speaking turn is -1: NULL would never compare equal.
        let turn = l.speaks_at.map_or(-1, i64::from);
        let (item, visit, person) = (l.item.simple(), l.visit.simple(), l.person.simple());
        // Into the text itself: no string of its own for each link.
        let chairs = u8::from(l.chairs);
        let _ = write!(kept, "[\"{item}\",\"{visit}\",\"{person}\",{chairs},{turn}]");
    }
    kept.push(']');
    let mut del = QueryBuilder::new("DELETE FROM agenda_participants WHERE agenda_item_id IN (");
    let mut sep = del.separated(", ");
    for a in &chunk {
        sep.push_bind(a.id);
    }
    del.push(
        ") AND (agenda_item_id, visit_id, person_id, chairs, coalesce(speaks_at, -1)) NOT IN \
         (SELECT unhex(value ->> 0), unhex(value ->> 1), unhex(value ->> 2), value ->> 3, value ->> 4 \
          FROM json_each(",
    );
    del.push_bind(kept.as_str());
    del.push(")) RETURNING agenda_item_id");
    let mut relinked: Vec<Uuid> = del.build_query_scalar().fetch_all(&mut *conn).await?;

    // What is left of a stored item's links is kept as it is, so one with
    // fewer left than the write gives it gains someone: a count over its
    // links for each item, not a lookup for each link. (A person named
    // twice is one link.)
    let mut people = String::from("[");
    for a in chunk.iter().filter(|a| !a.participant_ids.is_empty()) {
        let ids = &a.participant_ids;
        let n = ids.iter().enumerate().filter(|(k, p)| !ids[..*k].contains(p)).count();
        if people.len() > 1 {
            people.push(',');
        }
        let _ = write!(people, "[\"{}\",{n}]", a.id.simple());
    }
    people.push(']');
    if people.len() > 2 {
        let gained: Vec<Uuid> = sqlx::query_scalar(
            "SELECT a.id FROM json_each(?) k JOIN agenda_items a ON a.id = unhex(k.value ->> 0) \
             WHERE (SELECT count(*) FROM agenda_participants ap WHERE ap.agenda_item_id = a.id) < k.value ->> 1",
        )
        .bind(people)
        .fetch_all(&mut *conn)
        .await?;
        relinked.extend(gained);
    }
    relinked.sort_unstable();
    relinked.dedup();
    Ok(relinked)
}

/// Each person's part in an item written after their hex id: `!` for the
/// chair, `~N` for the speaker N-th in order. See [`read_people`].
const PART: &str = "hex(ap.person_id) || CASE ap.chairs WHEN 1 THEN '!' ELSE '' END \
    || COALESCE('~' || ap.speaks_at, '')";

/// The people of the item on each row, in precedence order (hosts first),
/// as one text of hex ids and parts. Gathered inside SQLite: fetching the
/// 200,000 links of the benchmark data set as rows took longer than the
/// items themselves.
static PEOPLE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "(SELECT group_concat({PART}, ',' \
        ORDER BY CASE p.side WHEN 'host' THEN 0 ELSE 1 END, p.precedence, p.person_id) \
        FROM agenda_participants ap \
        JOIN participants p ON p.visit_id = ap.visit_id AND p.person_id = ap.person_id \
        WHERE ap.agenda_item_id = a.id)"
    )
});

/// Sets an item's people, chair and speakers from the text [`PART`] wrote
/// for each, comma separated.
fn read_people(text: &str, item: &mut AgendaItem) -> Result<()> {
    let mut speakers = Vec::new();
    for token in text.split(',') {
        let bad = || Error::Internal(format!("a stored agenda participant does not read back ('{token}')"));
        let (hex, part) = token.split_at_checked(32).ok_or_else(bad)?;
        let id = Uuid::try_parse(hex).map_err(|_| bad())?;
        item.participant_ids.push(id);
        let (chair, turn) = match part.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, part),
        };
        if chair {
            item.chair_id = Some(id);
        }
        if let Some(turn) = turn.strip_prefix('~') {
            speakers.push((turn.parse::<u32>().map_err(|_| bad())?, id));
        } else if !turn.is_empty() {
            return Err(bad());
        }
    }
    speakers.sort_unstable();
    item.speaker_ids = speakers.into_iter().map(|(_, id)| id).collect();
    Ok(())
}

/// One row of `agenda_participants`.
struct Link {
    item: Uuid,
    visit: Uuid,
    person: Uuid,
    chairs: bool,
    speaks_at: Option<u32>,
}

/// The rows of `agenda_participants` for an item.
fn links(a: &AgendaItem) -> impl Iterator<Item = Link> + '_ {
    a.participant_ids.iter().map(move |p| Link {
        item: a.id,
        visit: a.visit_id,
        person: *p,
        chairs: a.chair_id == Some(*p),
        speaks_at: a.speaker_ids.iter().position(|s| s == p).and_then(|k| u32::try_from(k).ok()),
    })
}

/// `SELECT` of items with their people, from `agenda_items a`.
fn select() -> String {
    let cols = COLUMNS.split(", ").map(|c| format!("a.{c}")).collect::<Vec<_>>().join(", ");
    format!("SELECT {cols}, a.revision, {} AS people FROM agenda_items a", *PEOPLE)
}

fn with_people_row(r: &SqliteRow) -> Result<AgendaItem> {
    let mut item = from_row(r)?;
    let people: Option<String> = r.try_get("people")?;
    if let Some(people) = people {
        read_people(&people, &mut item)?;
    }
    Ok(item)
}

pub async fn get(conn: &mut SqliteConnection, id: Uuid) -> Result<AgendaItem> {
    let row = sqlx::query(&format!("{} WHERE a.id = ?", select()))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found("agenda item", id))?;
    with_people_row(&row)
}

/// A visit's agenda in start order.
pub async fn list_for_visit(conn: &mut SqliteConnection, visit_id: Uuid) -> Result<Vec<AgendaItem>> {
    let rows =
        sqlx::query(&format!("{} WHERE a.visit_id = ? ORDER BY a.starts_at, a.position, a.ends_at, a.id", select()))
            .bind(visit_id)
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(with_people_row).collect()
}

/// Every agenda item, grouped by visit, each visit's in start order, each
/// item's people in precedence order.
pub async fn list_all(conn: &mut SqliteConnection) -> Result<Vec<AgendaItem>> {
    let mut items = list_id_range(conn, Uuid::nil(), None).await?;
    order_people(&mut items, &super::participants::list_all(conn).await?);
    sort_by_visit(&mut items);
    Ok(items)
}

/// The items whose id is in `[from, to)` (to the end without `to`), in no
/// particular order, and each item's people by id: give them to
/// [`order_people`]. Bulk readers split the table into ranges and read them
/// on several connections at once.
///
/// SQLite builds the rows into one JSON array and sends that: sqlx hands
/// every row from SQLite's thread to ours, and for the 100,000 items of the
/// benchmark data set those handoffs cost more than the reading itself
/// (0.8 s against 0.5 s this way), and kept two connections from running in
/// parallel on two cores.
pub async fn list_id_range(conn: &mut SqliteConnection, from: Uuid, to: Option<Uuid>) -> Result<Vec<AgendaItem>> {
    let range = if to.is_some() { "a.id >= ? AND a.id < ?" } else { "a.id >= ?" };
    let sql = format!("SELECT {} FROM agenda_items a WHERE {range}", json_rows());
    let mut query = sqlx::query_scalar::<_, String>(&sql).bind(from);
    if let Some(to) = to {
        query = query.bind(to);
    }
    decode_json_rows(&query.fetch_one(&mut *conn).await?)
}

/// The items of these visits, in no particular order, each item's people in
/// its visit's precedence order: a bulk reader's (an import's) view of what
/// a part of a document was, in a query or two rather than one per visit.
pub async fn list_for_visits(conn: &mut SqliteConnection, visit_ids: &[Uuid]) -> Result<Vec<AgendaItem>> {
    let mut items = Vec::new();
    for chunk in visit_ids.chunks(rows_per_statement(1)) {
        let sql = format!("SELECT {} FROM agenda_items a WHERE a.visit_id IN ({})", json_rows(), marks(chunk.len()));
        let mut query = sqlx::query_scalar::<_, String>(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        items.extend(decode_json_rows(&query.fetch_one(&mut *conn).await?)?);
    }
    order_people(&mut items, &super::participants::list_for_visits(conn, visit_ids).await?);
    Ok(items)
}

/// A page of a visit's agenda in programme order after `after`, as one JSON
/// text (see [`list_id_range`]); people unordered.
pub async fn page_for_visit(
    conn: &mut SqliteConnection,
    visit_id: Uuid,
    after: Option<AgendaKey>,
    limit: u32,
) -> Result<Vec<AgendaItem>> {
    // Row values compare column by column, as the ORDER BY sorts; the
    // first condition lets the (visit_id, starts_at) index skip ahead.
    let keyset = if after.is_some() {
        " AND a.starts_at >= ? AND (a.starts_at, a.position, a.ends_at, a.id) > (?, ?, ?, ?)"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {} FROM (SELECT * FROM agenda_items a WHERE a.visit_id = ?{keyset} \
         ORDER BY a.starts_at, a.position, a.ends_at, a.id LIMIT ?) a",
        json_rows()
    );
    let mut query = sqlx::query_scalar::<_, String>(&sql).bind(visit_id);
    if let Some(k) = after {
        let starts = k.starts_at.timestamp();
        query = query.bind(starts).bind(starts).bind(i64::from(k.position)).bind(k.ends_at.timestamp()).bind(k.id);
    }
    let mut items = decode_json_rows(&query.bind(i64::from(limit)).fetch_one(&mut *conn).await?)?;
    // json_group_array keeps the order rows come in; sorted again rather
    // than relied on.
    items.sort_unstable_by_key(AgendaKey::of);
    Ok(items)
}

/// Each zone a visit's agenda is in, with its first start, last end and items.
pub async fn zones_for_visit(conn: &mut SqliteConnection, visit_id: Uuid) -> Result<Vec<ZoneSpan>> {
    let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT time_zone, min(starts_at), max(ends_at), count(*) FROM agenda_items \
         WHERE visit_id = ? GROUP BY time_zone ORDER BY time_zone",
    )
    .bind(visit_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(zone, first, last, items)| ZoneSpan {
            zone,
            first: from_unix(first),
            last: from_unix(last),
            items: items.try_into().unwrap_or(0),
        })
        .collect())
}

/// The aggregate that makes each row of `agenda_items a` one element of a
/// JSON array, its people unordered (ordering them needs a join per link,
/// a third of the time; the caller orders them from the participants it has).
fn json_rows() -> String {
    let cols = COLUMNS.split(", ").map(|c| format!("a.{c}")).collect::<Vec<_>>().join(", ");
    // Ids as hex, as JSON has no blobs.
    let cols = cols
        .replace("a.id,", "hex(a.id),")
        .replace("a.visit_id,", "hex(a.visit_id),")
        .replace("a.room_id, a.position", "json_array(hex(a.room_id), a.position, a.revision)");
    let people =
        format!("(SELECT group_concat({PART}, ',') FROM agenda_participants ap WHERE ap.agenda_item_id = a.id)");
    format!("json_group_array(json_array({cols}, {people}))")
}

/// The items of a JSON text [`json_rows`] made.
fn decode_json_rows(text: &str) -> Result<Vec<AgendaItem>> {
    type Row<'a> = (
        Cow<'a, str>,
        Cow<'a, str>,
        i64,
        i64,
        Cow<'a, str>,
        Cow<'a, str>,
        Cow<'a, str>,
        Cow<'a, str>,
        Cow<'a, str>,
        Cow<'a, str>,
        Cow<'a, str>,
        i64,
        i64,
        i64,
        // The room, the position and the revision, in one array: serde
        // reads tuples of at most 16. hex(NULL) is "": no room.
        (Cow<'a, str>, i64, i64),
        Option<Cow<'a, str>>,
    );
    let rows: Vec<Row> = serde_json::from_str(text).map_err(decode)?;
    let uuid = |h: &str| Uuid::try_parse(h).map_err(decode);
    let mut zone = (String::new(), chrono_tz::Tz::UTC);
    rows.into_iter()
        .map(
            |(
                id,
                visit_id,
                starts,
                ends,
                time_zone,
                title,
                kind,
                status,
                location,
                description,
                uid,
                sequence,
                created,
                updated,
                (room, position, revision),
                people,
            )| {
                if zone.0 != time_zone {
                    zone = (time_zone.to_string(), stored_zone(&time_zone));
                }
                let (starts_at, ends_at) = (from_unix(starts), from_unix(ends));
                let mut item = AgendaItem {
                    id: uuid(&id)?,
                    visit_id: uuid(&visit_id)?,
                    starts_at,
                    ends_at,
                    start_local: format_local(starts_at, zone.1),
                    end_local: format_local(ends_at, zone.1),
                    time_zone: time_zone.into_owned(),
                    title: title.into_owned(),
                    kind: kind.parse().map_err(decode)?,
                    status: status.parse().map_err(decode)?,
                    location: location.into_owned(),
                    description: description.into_owned(),
                    participant_ids: Vec::new(),
                    chair_id: None,
                    speaker_ids: Vec::new(),
                    room_id: if room.is_empty() { None } else { Some(uuid(&room)?) },
                    position: position.try_into().unwrap_or(0),
                    uid: uid.into_owned(),
                    sequence: sequence.try_into().unwrap_or(u32::MAX),
                    created_at: from_unix(created),
                    updated_at: from_unix(updated),
                    revision: revision.try_into().unwrap_or(u32::MAX),
                };
                if let Some(people) = people {
                    read_people(&people, &mut item)?;
                }
                Ok(item)
            },
        )
        .collect()
}

pub async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<()> {
    let done = sqlx::query("DELETE FROM agenda_items WHERE id = ?").bind(id).execute(&mut *conn).await?;
    if done.rows_affected() == 0 {
        return Err(Error::not_found("agenda item", id));
    }
    Ok(())
}

/// The agenda items a person is in, on any visit, in start order.
pub async fn list_for_person(conn: &mut SqliteConnection, person_id: Uuid) -> Result<Vec<AgendaItem>> {
    let rows = sqlx::query(&format!(
        "{} WHERE a.id IN (SELECT agenda_item_id FROM agenda_participants WHERE person_id = ?) \
         ORDER BY a.starts_at, a.position, a.ends_at, a.id",
        select()
    ))
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(with_people_row).collect()
}

/// Raises the SEQUENCE of every agenda item of a visit: the visit's
/// cancellation (or its undoing) changes what each of them shows.
pub async fn bump_sequences(conn: &mut SqliteConnection, visit_id: Uuid) -> Result<()> {
    sqlx::query("UPDATE agenda_items SET sequence = sequence + 1 WHERE visit_id = ?")
        .bind(visit_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn clashes(
    conn: &mut SqliteConnection,
    except_item: Uuid,
    people: &[Uuid],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<Clash>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::new(
        "SELECT ap.person_id, COALESCE(NULLIF(pe.name, ''), NULLIF(pe.chinese_name, ''), pe.native_name) AS person_name, \
                a.id AS item_id, a.title AS item_title, v.title AS visit_title \
         FROM agenda_participants ap \
         JOIN agenda_items a ON a.id = ap.agenda_item_id \
         JOIN visits v ON v.id = a.visit_id \
         JOIN people pe ON pe.id = ap.person_id \
         WHERE a.status != 'cancelled' AND a.id != ",
    );
    q.push_bind(except_item);
    q.push(" AND a.starts_at < ").push_bind(end.timestamp());
    q.push(" AND a.ends_at > ").push_bind(start.timestamp());
    q.push(" AND ap.person_id IN (");
    let mut sep = q.separated(", ");
    for p in people {
        sep.push_bind(*p);
    }
    q.push(") ORDER BY a.starts_at, a.id, person_name");
    let rows = q.build().fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            Ok(Clash {
                person_id: r.try_get("person_id")?,
                person_name: r.try_get("person_name")?,
                item_id: r.try_get("item_id")?,
                item_title: r.try_get("item_title")?,
                visit_title: r.try_get("visit_title")?,
            })
        })
        .collect::<sqlx::Result<_>>()
        .map_err(Error::from)
}
