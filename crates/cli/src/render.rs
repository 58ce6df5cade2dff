//! Text output for people. Scripts use `--json` instead, whose shape is
//! documented and stable; this text may change.

use std::fmt::Write;

use liaison_core::i18n::{self, t, Lang};
use liaison_core::interchange::{Counts, ImportReport};
use liaison_core::model::*;
use liaison_core::problem::list;
use unicode_width::UnicodeWidthStr;

/// The language of this run's text (`--lang`, else the environment).
fn lang() -> Lang {
    i18n::current()
}

/// `text`, then spaces up to `width` terminal cells: a Chinese character
/// takes two, so `{:<8}` would misalign a column of them.
fn pad(text: &str, width: usize) -> String {
    let mut s = text.to_owned();
    s.extend(std::iter::repeat_n(' ', width.saturating_sub(text.width())));
    s
}

/// "2021-06-11T09:00" → "2021-06-11 09:00".
fn when(local: &str) -> String {
    local.replacen('T', " ", 1)
}

/// The span of a visit or item, the end's date left out when it is the same.
fn span(start: &str, end: &str) -> String {
    match (start.split_once('T'), end.split_once('T')) {
        (Some((d1, t1)), Some((d2, t2))) if d1 == d2 => format!("{d1} {t1}–{t2}"),
        _ => format!("{} – {}", when(start), when(end)),
    }
}

/// A zone by its city in the reader's language, with its id, which is what
/// files and options take: "上海 · Asia/Shanghai".
fn zone(l: Lang, id: &str) -> String {
    match i18n::zone_city(l, id) {
        Some(city) => format!("{city} · {id}"),
        None => id.to_owned(),
    }
}

fn short_id(id: &uuid::Uuid) -> String {
    id.simple().to_string()[..8].to_owned()
}

pub fn visits(list: &[VisitSummary]) -> String {
    let l = lang();
    if list.is_empty() {
        return t!(l, "visits-none") + "\n";
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  {}  {}  {}  {}  {}",
        pad(&t!(l, "visits-heading-id"), 8),
        pad(&t!(l, "visits-heading-when"), 33),
        pad(&t!(l, "visits-heading-zone"), 19),
        pad(&t!(l, "visits-heading-status"), 10),
        pad(&t!(l, "visits-heading-orgs"), 25),
        t!(l, "visits-heading-title")
    );
    for v in list {
        let short = |o: &Option<OrgLabel>| o.as_ref().map_or("—", |o| o.short(l)).to_owned();
        let orgs = format!("{} / {}", clip(&short(&v.host_names), 12), clip(&short(&v.guest_names), 12));
        // The status stays a code: it is what --status takes.
        let _ = writeln!(
            out,
            "{}  {}  {}  {}  {}  {}",
            pad(&short_id(&v.id), 8),
            pad(&span(&v.start_local, &v.end_local), 33),
            pad(&i18n::zone_name(l, &v.time_zone), 19),
            pad(v.status.as_str(), 10),
            pad(&orgs, 25),
            v.title
        );
    }
    out
}

/// The follow-up register: one line per follow-up, then how many there are
/// and how many of all are overdue.
pub fn follow_ups(r: &FollowUpRegister) -> String {
    let l = lang();
    let mut out = String::new();
    if r.rows.is_empty() {
        let _ = writeln!(out, "{}", t!(l, "register-none"));
    } else {
        let _ = writeln!(
            out,
            "{}  {}  {}  {}  {}  {}  {}",
            pad(&t!(l, "visits-heading-id"), 8),
            pad(&t!(l, "register-heading-due"), 11),
            pad(&t!(l, "visits-heading-status"), 11),
            pad(&t!(l, "register-heading-to-act"), 6),
            pad(&t!(l, "register-heading-owner"), 16),
            pad(&t!(l, "register-heading-counterpart"), 12),
            t!(l, "register-heading-agreed")
        );
        for row in &r.rows {
            let f = &row.follow_up;
            let due = match f.due_date {
                Some(d) if row.overdue => format!("{d}!"),
                Some(d) => d.to_string(),
                None => "—".into(),
            };
            let owner = row.owner.as_ref().map_or_else(|| "—".to_owned(), |o| o.names().first(l).to_owned());
            let counterpart = row.counterpart.as_ref().map_or("—", |o| o.short(l));
            // Status and party stay codes: they are what --status and
            // --to-act take.
            let _ = writeln!(
                out,
                "{}  {}  {}  {}  {}  {}  {} ({})",
                pad(&short_id(&f.id), 8),
                pad(&due, 11),
                pad(f.status.as_str(), 11),
                pad(f.to_act.as_str(), 6),
                pad(&clip(&owner, 16), 16),
                pad(&clip(counterpart, 12), 12),
                f.title,
                row.visit_title
            );
        }
    }
    let _ = writeln!(out, "{}", t!(l, "register-count", shown = r.rows.len(), total = r.total, overdue = r.overdue));
    out
}

/// The calendar day by day: the visits that run on each, then its items,
/// in the zone asked for, with an item's own time beside when its zone is
/// another; days with nothing are left out.
pub fn calendar(r: &CalendarRange) -> String {
    let l = lang();
    let mut out = String::new();
    let _ = writeln!(out, "{}", t!(l, "calendar-heading", zone = zone(l, &r.zone)));
    let mut any = false;
    for d in &r.days {
        let visits: Vec<&CalendarVisit> =
            r.visits.iter().filter(|v| v.start_shown[..10] <= *d.date && v.end_shown[..10] >= *d.date).collect();
        let items: Vec<&CalendarItem> = r.items.iter().filter(|i| i.start_shown[..10] == *d.date).collect();
        if visits.is_empty() && items.is_empty() && d.change.is_none() {
            continue;
        }
        any = true;
        let _ = write!(out, "\n{}", d.date);
        if let Some(c) = &d.change {
            let (at, before, after) = (c.at.as_str(), c.before.as_str(), c.after.as_str());
            let said = if c.minutes > 0 {
                t!(l, "calendar-clocks-forward", at = at, before = before, after = after)
            } else {
                t!(l, "calendar-clocks-back", at = at, before = before, after = after)
            };
            let _ = write!(out, "  ({said})");
        }
        out.push('\n');
        for v in visits {
            let _ = writeln!(out, "  {}  [{}]  {}", v.title, v.status.label_in(l), short_id(&v.id));
        }
        for i in items {
            let mut line = format!("  {}–{}", &i.start_shown[11..16], &i.end_shown[11..16]);
            if i.time_zone != r.zone && i.start_local != i.start_shown {
                let _ = write!(line, " ({} {})", &i.start_local[11..16], zone(l, &i.time_zone));
            }
            let _ = write!(line, "  {}  ({})", i.title, i.visit_title);
            if !i.place.is_empty() {
                let _ = write!(line, "  @ {}", i.place);
            }
            if i.conflicts > 0 {
                let _ = write!(line, "  !{}", i.conflicts);
            }
            let _ = writeln!(out, "{line}  {}", short_id(&i.id));
        }
    }
    if !any {
        let _ = writeln!(out, "{}", t!(l, "calendar-nothing"));
    }
    if r.clipped {
        let _ = writeln!(out, "{}", t!(l, "calendar-clipped"));
    }
    out
}

/// Search results by kind, best first: each record's name or title, what
/// it belongs to and when, its id's first characters (which the other
/// commands take), and the other text that matched under it.
pub fn search(r: &SearchResults) -> String {
    let l = lang();
    let mut out = String::new();
    if r.groups.is_empty() {
        let _ = writeln!(out, "{}", t!(l, "search-none", query = r.query.as_str()));
    }
    let joined = |segments: &[Segment]| segments.iter().map(|s| s.text.as_str()).collect::<String>();
    for g in &r.groups {
        let _ = writeln!(out, "{}", t!(l, "search-group", kind = g.kind.label_in(l), count = g.hits.len()));
        for h in &g.hits {
            let mut line = format!("  {}  {}", short_id(&h.id), joined(&h.title));
            if !h.context.is_empty() {
                let _ = write!(line, "  ({})", h.context);
            }
            if !h.when.is_empty() {
                let _ = write!(line, "  {}", when(&h.when));
            }
            let _ = writeln!(out, "{line}");
            if let Some(s) = &h.snippet {
                let text = joined(&s.segments);
                let _ =
                    writeln!(out, "            {}", t!(l, "search-snippet", field = s.field.label_in(l), text = text));
            }
        }
        if g.more {
            let _ = writeln!(out, "  {}", t!(l, "search-more"));
        }
    }
    out
}

/// Conflicts, one block each: what, who, the two items, and the key to
/// acknowledge it by.
pub fn conflicts(list: &ConflictList) -> String {
    let l = lang();
    let mut out = String::new();
    if list.conflicts.is_empty() {
        let _ = writeln!(out, "{}", t!(l, "conflicts-none"));
    }
    for c in &list.conflicts {
        // Who, or which room (and how many in it, when too many).
        let who = match (&c.person, &c.room, c.people) {
            (Some(p), _, _) => p.names().shown(l),
            (None, Some(r), Some(n)) => {
                t!(l, "conflicts-room-full", room = r.place(l), people = n, capacity = r.capacity.unwrap_or(0))
            }
            (None, Some(r), None) => r.place(l),
            _ => String::new(),
        };
        let _ = writeln!(out, "{}", t!(l, "conflicts-heading", kind = c.kind.label_in(l), who = who));
        for i in &c.items {
            let _ = writeln!(out, "  {}  {}  ({})", span(&i.start_local, &i.end_local), i.title, i.visit_title);
        }
        if let Some(a) = &c.availability {
            let _ = writeln!(out, "  {}", period(a, l));
        }
        if let Some(a) = &c.acknowledged {
            let _ = writeln!(
                out,
                "  {}",
                t!(l, "conflicts-acknowledged", actor = a.actor.as_str(), note = a.note.as_str())
            );
        }
        let _ = writeln!(out, "  {}", t!(l, "conflicts-key", key = c.key.as_str()));
    }
    let _ = writeln!(out, "{}", t!(l, "conflicts-count", open = list.open, acknowledged = list.acknowledged));
    out
}

/// A period of availability: "Away 2027-11-01 – 2027-11-10 (Shanghai)",
/// "Only available 08:00–12:00, 2027-10-12 – 2027-10-14 (Shanghai)".
fn period(a: &Availability, l: Lang) -> String {
    let days =
        if a.first_day == a.last_day { a.first_day.to_string() } else { format!("{} – {}", a.first_day, a.last_day) };
    let hours = if a.from_time.is_empty() { String::new() } else { format!(" {}–{},", a.from_time, a.to_time) };
    format!("{}{hours} {days} ({})", a.kind.label_in(l), i18n::zone_name(l, &a.time_zone))
}

/// An organisation's names in the reader's order, then its acronym.
fn org_line(o: &Organisation, l: Lang) -> String {
    let mut s = o.names().shown(l);
    if !o.acronym.is_empty() {
        let _ = write!(s, " [{}]", o.acronym);
    }
    s
}

fn indented(out: &mut String, text: &str) {
    for line in text.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "  {line}");
        }
    }
}

/// At most `max` characters, with an ellipsis when cut.
/// `text` cut to `max` terminal cells, with "…" where it was cut (a Chinese
/// character takes two cells).
fn clip(text: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if text.width() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max.saturating_sub(1) {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

pub fn visit(d: &VisitDetail) -> String {
    let l = lang();
    let v = &d.visit;
    let mut out = String::new();
    // "  label    value", the values in one column whatever the language.
    let field = |out: &mut String, label: String, value: &str| {
        let _ = writeln!(out, "  {} {value}", pad(&label, 8));
    };
    let _ = writeln!(out, "{}", v.title);
    field(&mut out, t!(l, "show-id"), &v.id.to_string());
    field(&mut out, t!(l, "show-kind"), &format!("{} · {}", v.kind.label_in(l), v.status.label_in(l)));
    field(&mut out, t!(l, "show-when"), &format!("{} ({})", span(&v.start_local, &v.end_local), zone(l, &v.time_zone)));
    if let Some(h) = &d.host {
        field(&mut out, t!(l, "show-host"), &org_line(h, l));
    }
    if let Some(g) = &d.guest {
        field(&mut out, t!(l, "show-guest"), &org_line(g, l));
    }
    if !v.venue.is_empty() {
        field(&mut out, t!(l, "show-venue"), &v.venue);
    }
    if !v.online_link.is_empty() {
        field(&mut out, t!(l, "show-online"), &v.online_link);
    }
    if !v.topics.is_empty() {
        field(&mut out, t!(l, "show-topics"), &list(l, &v.topics));
    }
    if !v.purpose.is_empty() {
        let _ = writeln!(out, "\n{}", t!(l, "show-purpose"));
        indented(&mut out, &v.purpose);
    }

    let _ = writeln!(out, "\n{}", t!(l, "show-participants"));
    if d.participants.is_empty() {
        let _ = writeln!(out, "  {}", t!(l, "show-none-yet"));
    }
    for side in Side::ALL {
        let of_side: Vec<_> = d.participants.iter().filter(|p| p.side == *side).collect();
        if of_side.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {}", side.label_in(l));
        for p in of_side {
            let mut detail = vec![p.role.label_in(l)];
            if !p.title.is_empty() {
                detail.push(p.title.clone());
            }
            if let Some(o) = &p.organisation_names {
                detail.push(o.short(l).to_owned());
            }
            let _ = writeln!(out, "    {}. {} — {}", p.precedence, p.names().shown(l), list(l, &detail));
        }
    }

    let _ = writeln!(out, "\n{}", t!(l, "show-agenda"));
    if d.agenda.is_empty() {
        let _ = writeln!(out, "  {}", t!(l, "show-none-yet"));
    }
    let mut day = "";
    for a in &d.agenda {
        let this_day = a.start_local.split('T').next().unwrap_or("");
        if this_day != day {
            day = this_day;
            let _ = writeln!(out, "  {day}");
        }
        let times = match (a.start_local.split_once('T'), a.end_local.split_once('T')) {
            (Some((d1, t1)), Some((d2, t2))) if d1 == d2 => format!("{t1}–{t2}"),
            _ => format!("{} – {}", a.start_local.split_once('T').map_or("", |x| x.1), when(&a.end_local)),
        };
        let cancelled =
            if a.status == AgendaStatus::Cancelled { format!(" [{}]", t!(l, "show-cancelled")) } else { String::new() };
        let _ = writeln!(out, "    {times}  {}{cancelled} ({})", a.title, a.kind.label_in(l).to_lowercase());
        if !a.location.is_empty() {
            let _ = writeln!(out, "      {}", t!(l, "show-at", place = a.location.as_str()));
        }
        if a.time_zone != v.time_zone {
            let _ = writeln!(out, "      {}", t!(l, "show-times-in", zone = zone(l, &a.time_zone)));
        }
        let names = |ids: &[uuid::Uuid]| -> Vec<String> {
            ids.iter()
                .filter_map(|id| d.participants.iter().find(|p| p.person_id == *id))
                .map(|p| p.names().shown(l))
                .collect()
        };
        let who = names(&a.participant_ids);
        if !who.is_empty() {
            let _ = writeln!(out, "      {}", t!(l, "show-with-people", names = list(l, &who)));
        }
        if let Some(chair) = names(a.chair_id.as_slice()).pop() {
            let _ = writeln!(out, "      {}", t!(l, "show-chair", name = chair));
        }
        let speakers = names(&a.speaker_ids);
        if !speakers.is_empty() {
            // In speaking order, which a list joined with "and" would hide.
            let _ = writeln!(out, "      {}", t!(l, "show-speakers", names = speakers.join(" → ")));
        }
    }

    let _ = writeln!(out, "\n{}", t!(l, "show-follow-ups"));
    if d.follow_ups.is_empty() {
        let _ = writeln!(out, "  {}", t!(l, "show-none-yet"));
    }
    for f in &d.follow_ups {
        let due = f.due_date.map(|d| d.to_string()).unwrap_or_else(|| t!(l, "show-no-date"));
        let _ = writeln!(out, "  {due}  {}  {}", pad(&f.status.label_in(l).to_lowercase(), 11), f.title);
        let owner = f.owner_id.and_then(|id| d.people.iter().find(|p| p.id == id));
        let counterpart = f.counterpart_org_id.and_then(|id| d.organisations.iter().find(|o| o.id == id));
        let mut who = Vec::new();
        if let Some(o) = owner {
            who.push(t!(l, "show-owner", name = o.names().shown(l)));
        }
        if let Some(c) = counterpart {
            who.push(t!(l, "show-counterpart", organisation = c.short_in(l)));
        }
        if !who.is_empty() {
            let _ = writeln!(out, "              {}", who.join("; "));
        }
    }
    // Carried in from earlier visits, and still to do from earlier visits
    // with the same organisations: what to take up on this one.
    for (carried, rows) in [(true, &d.carried), (false, &d.earlier_open)] {
        if rows.is_empty() {
            continue;
        }
        let heading = if carried {
            t!(l, "show-carried", count = rows.len())
        } else {
            t!(l, "show-earlier-open", count = rows.len())
        };
        let _ = writeln!(out, "\n{heading}");
        for r in rows {
            let f = &r.follow_up;
            let due = f.due_date.map(|d| d.to_string()).unwrap_or_else(|| t!(l, "show-no-date"));
            let _ = writeln!(
                out,
                "  {due}  {}  {}  [{}] ({})",
                pad(&f.status.label_in(l).to_lowercase(), 11),
                f.title,
                f.id,
                r.visit_title
            );
        }
    }
    if !v.notes.is_empty() {
        let _ = writeln!(out, "\n{}", t!(l, "show-notes"));
        indented(&mut out, &v.notes);
    }
    if !v.minutes.is_empty() {
        let _ = writeln!(out, "\n{}", t!(l, "show-minutes"));
        indented(&mut out, &v.minutes);
    }
    out
}

fn counts(kind: &str, c: &Counts) -> String {
    let l = lang();
    let label = t!(l, "count-kind", kind = kind);
    // The total in a column of its own, then what became of the records.
    let detail = t!(l, "counts", added = c.added, updated = c.updated, unchanged = c.unchanged);
    format!("  {} {:>7}{detail}\n", pad(&label, 14), c.total)
}

/// One line per kind of record.
fn all_counts(r: &ImportReport) -> String {
    [
        ("organisations", &r.organisations),
        ("people", &r.people),
        ("visits", &r.visits),
        ("participants", &r.participants),
        ("agenda_items", &r.agenda_items),
        ("follow_ups", &r.follow_ups),
        ("rooms", &r.rooms),
    ]
    .into_iter()
    // Rooms only when a document has them (most have none).
    .filter(|(kind, c)| *kind != "rooms" || c.total > 0)
    .map(|(kind, c)| counts(kind, c))
    .collect()
}

pub fn import_report(r: &ImportReport, source: &str) -> String {
    format!("{}\n{}", t!(lang(), "imported", source = source), all_counts(r))
}

/// What a JSON import would do: its counts, and each stored field it would
/// change.
pub fn json_preview(p: &liaison_core::interchange::JsonPreview, source: &str) -> String {
    let l = lang();
    let mut out = format!("{}\n{}", t!(l, "would-import", source = source), all_counts(&p.report));
    if p.changes.is_empty() {
        out += &t!(l, "no-field-changes");
        out.push('\n');
    } else {
        out += &t!(l, "field-changes");
        out.push('\n');
        for c in &p.changes {
            let _ = writeln!(
                out,
                "  {} {} '{}': {}: {} -> {}",
                c.record,
                short_id(&c.id),
                clip(&c.title, 40),
                c.field,
                clip(&c.old.to_string(), 60),
                clip(&c.new.to_string(), 60)
            );
        }
    }
    out
}

/// A history, newest first: when (UTC), then the sentence.
pub fn history(lines: &[liaison_core::history::HistoryLine]) -> String {
    if lines.is_empty() {
        return t!(lang(), "history-none") + "\n";
    }
    let mut out = String::new();
    for l in lines {
        let _ = writeln!(out, "{}  {}", l.entry.at.format("%Y-%m-%d %H:%M UTC"), l.text);
    }
    out
}

/// What `export ics -o FILE` wrote.
pub fn exported(e: &liaison_core::calendar::Exported, path: &str) -> String {
    t!(lang(), "exported", path = path, method = e.method.as_str(), events = e.events, todos = e.todos)
}

/// What a calendar import did, or would do with --dry-run.
pub fn ics_plan(plan: &liaison_core::calendar::IcsPlan, source: &str, dry_run: bool) -> String {
    use liaison_core::calendar::import::{EntryKind, PlanEntry};
    let l = lang();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        t!(
            l,
            "ics-summary",
            source = source,
            dry = if dry_run { "yes" } else { "no" },
            added = plan.counts.added,
            updated = plan.counts.updated,
            unchanged = plan.counts.unchanged
        )
    );
    if let Some(v) = &plan.visit {
        let id = short_id(&v.id);
        let into = if v.new {
            t!(l, "ics-into-new", title = v.title.as_str(), id = id)
        } else {
            t!(l, "ics-into", title = v.title.as_str(), id = id)
        };
        let _ = writeln!(out, "{into}");
    }
    if dry_run {
        let kind = |k: EntryKind| match k {
            EntryKind::Visit => "visit",
            EntryKind::AgendaItem => "event",
            EntryKind::FollowUp => "task",
        };
        let c = &plan.counts;
        for (action, list, count) in [
            ("add", &plan.added, c.added),
            ("update", &plan.updated, c.updated),
            ("leave", &plan.unchanged, c.unchanged),
        ] {
            let word = t!(l, "ics-action", action = action);
            for PlanEntry { kind: k, title, when, line, .. } in list.iter() {
                let kind = t!(l, "ics-kind", kind = kind(*k));
                let line = t!(l, "ics-line", line = *line);
                let _ = writeln!(out, "  {} {} {when:<28} {title}  {line}", pad(&word, 6), pad(&kind, 5));
            }
            // The plan lists the first entries of each kind and counts all.
            let more = (count as usize).saturating_sub(list.len());
            if more > 0 {
                let _ = writeln!(out, "  {}", t!(l, "ics-more", action = action, count = more));
            }
        }
    }
    for w in &plan.warnings {
        let _ = writeln!(out, "{}", t!(l, "warning", text = w.message.as_str()));
    }
    out
}

/// A visit's seats: each side of the meeting table from the seated
/// people's left hand to their right, then each banquet table clockwise
/// from the seat facing the door.
pub fn seating(plan: &liaison_core::seating::SeatingPlan, d: &VisitDetail) -> String {
    let l = lang();
    let name = |id: &uuid::Uuid| {
        d.participants.iter().find(|p| p.person_id == *id).map(|p| p.names().shown(l)).unwrap_or_else(|| short_id(id))
    };
    let mut out = String::new();
    let rules = &plan.rules;
    let _ = writeln!(
        out,
        "{}",
        t!(
            l,
            "seating-rules",
            honour = rules.honour.as_str(),
            interpreter = rules.interpreter.as_str(),
            size = rules.table_size
        )
    );
    for (label, side) in [(t!(l, "seating-guests"), &plan.guests), (t!(l, "seating-hosts"), &plan.hosts)] {
        let _ = writeln!(out, "{label}");
        for (i, id) in side.front.iter().enumerate() {
            let mark = if Some(i) == side.head { "*" } else { " " };
            let _ = writeln!(out, "  {mark}{:>2}. {}", i + 1, name(id));
        }
        for (id, at) in &side.behind {
            let _ = writeln!(out, "   {}", t!(l, "seating-behind", name = name(id), seat = at + 1));
        }
    }
    for (i, table) in plan.tables.iter().enumerate() {
        let _ = writeln!(out, "{}", t!(l, "seating-table", number = i + 1));
        for (k, seat) in table.seats.iter().enumerate() {
            if let Some(id) = seat {
                let _ = writeln!(out, "   {:>2}. {}", k + 1, name(id));
            }
        }
    }
    out
}

/// The visa details kept for a visit, the passport number shown only by
/// its last three characters: a listing is read over shoulders.
pub fn visas(list: &[liaison_core::visa::VisaDetails], d: &VisitDetail) -> String {
    let l = lang();
    if list.is_empty() {
        return t!(l, "visa-none") + "\n";
    }
    let mut out = String::new();
    for v in list {
        let name = d
            .participants
            .iter()
            .find(|p| p.person_id == v.person_id)
            .map(|p| p.names().shown(l))
            .unwrap_or_else(|| short_id(&v.person_id));
        let n = v.passport_number.chars().count();
        let masked: String =
            v.passport_number.chars().enumerate().map(|(i, c)| if i + 3 < n { '•' } else { c }).collect();
        let _ = writeln!(out, "{name}: {} · {} · {masked}", v.passport_name, v.nationality);
    }
    out
}
