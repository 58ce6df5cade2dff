//! The text Liaison adds to a DESCRIPTION when it exports (the people in an
//! item, the visit it belongs to; a follow-up's owner, counterpart, status
//! and visit), written here and recognised here on import, so that a file
//! that goes out and comes back any number of times leaves an item's own
//! description and a follow-up's notes exactly as they were.

use std::fmt::Write;

use crate::model::FollowUpStatus;

pub const PARTICIPANTS: &str = "Participants:";
pub const VISIT: &str = "Visit: ";
pub const OWNER: &str = "Owner: ";
pub const COUNTERPART: &str = "Counterpart: ";
pub const STATUS: &str = "Status: ";
pub const FROM_VISIT: &str = "From the visit: ";

/// An agenda item's description as exported: its own text, a blank line,
/// the people (one "- " line each), a blank line, the visit.
/// Each person is a name and a title (empty for none).
pub fn agenda<'a, N: std::fmt::Display>(
    out: &mut String,
    own: &str,
    people: impl IntoIterator<Item = (N, &'a str)>,
    visit: Option<&str>,
) {
    out.push_str(own);
    for (i, (name, title)) in people.into_iter().enumerate() {
        if i == 0 {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(PARTICIPANTS);
        }
        let _ = write!(out, "\n- {name}");
        if !title.is_empty() {
            let _ = write!(out, ", {title}");
        }
    }
    if let Some(v) = visit {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let _ = write!(out, "{VISIT}{v}");
    }
}

/// The item's own description out of an exported one. Only the exact shape
/// [`agenda`] writes is taken off, from the end: a description that merely
/// mentions a visit keeps every word. The people's paragraph goes only when
/// the item has people (so a paragraph of that shape of its own is kept).
pub fn agenda_own(description: &str, people: bool) -> String {
    let d = description.replace("\r\n", "\n");
    let mut d = d.trim_end();
    if let Some(rest) = last_block(d).filter(|(_, b)| b.starts_with(VISIT) && !b.contains('\n')) {
        d = rest.0;
    } else {
        // Everything Liaison exports has its visit last.
        return description.to_owned();
    }
    if let Some((rest, block)) = last_block(d).filter(|_| people) {
        let mut lines = block.split('\n');
        if lines.next() == Some(PARTICIPANTS) && lines.all(|l| l.starts_with("- ")) {
            d = rest;
        }
    }
    d.to_owned()
}

/// A follow-up's notes as exported: its own notes, then one line each for
/// owner, counterpart, status and visit.
pub fn follow_up(
    own: &str,
    owner: Option<&str>,
    counterpart: Option<&str>,
    status: FollowUpStatus,
    visit: Option<&str>,
) -> String {
    let mut d = own.to_owned();
    let mut line = |label: &str, value: &str| {
        if !d.is_empty() {
            d.push('\n');
        }
        let _ = write!(d, "{label}{value}");
    };
    if let Some(o) = owner {
        line(OWNER, o);
    }
    if let Some(c) = counterpart {
        line(COUNTERPART, c);
    }
    line(STATUS, status.label());
    if let Some(v) = visit {
        line(FROM_VISIT, v);
    }
    d
}

/// A follow-up's own notes out of an exported description: the lines
/// [`follow_up`] adds are taken off the end, and only when its status line,
/// which it always writes, is there with a status Liaison knows. The owner
/// and counterpart lines go only when the follow-up has one (notes of
/// their own may start a line with "Owner: ").
pub fn follow_up_own(description: &str, owner: bool, counterpart: bool) -> String {
    let d = description.replace("\r\n", "\n");
    let mut lines: Vec<&str> = d.trim_end().split('\n').collect();
    if lines.last().is_some_and(|l| l.starts_with(FROM_VISIT)) {
        lines.pop();
    }
    let is_status =
        |l: &str| l.strip_prefix(STATUS).is_some_and(|s| FollowUpStatus::ALL.iter().any(|k| k.label() == s));
    if !lines.last().is_some_and(|l| is_status(l)) {
        return description.to_owned();
    }
    lines.pop();
    if counterpart && lines.last().is_some_and(|l| l.starts_with(COUNTERPART)) {
        lines.pop();
    }
    if owner && lines.last().is_some_and(|l| l.starts_with(OWNER)) {
        lines.pop();
    }
    lines.join("\n")
}

/// The text before the last blank line, and the block after it (the whole
/// text is one block when it has no blank line).
fn last_block(d: &str) -> Option<(&str, &str)> {
    match d.rfind("\n\n") {
        Some(i) => Some((d[..i].trim_end(), &d[i + 2..])),
        None if !d.is_empty() => Some(("", d)),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agenda_description_comes_back_as_written_however_often_it_goes_round() {
        let people = [("Zhang Huidong (张惠东)", "Deputy Director General"), ("He Zhen (和震)", "")];
        for own in ["", "Talks.", "Line one\n\nVisit: the museum is on the list\n- and this", "Participants:\n- a\n\nx"]
        {
            let mut text = own.to_owned();
            for round in 0..5 {
                let mut d = String::new();
                agenda(&mut d, &text, people, Some("IPRCC visit"));
                text = agenda_own(&d, true);
                assert_eq!(text, own, "round {round}: {d:?}");
            }
            let mut d = String::new();
            agenda(&mut d, own, std::iter::empty::<(&str, &str)>(), Some("IPRCC visit"));
            assert_eq!(agenda_own(&d, false), own);
        }
    }

    #[test]
    fn a_description_of_someone_else_is_left_whole() {
        for d in ["Meet at the gate.", "Participants:\n- a", "Bring:\n\n- slides"] {
            assert_eq!(agenda_own(d, true), d);
            assert_eq!(follow_up_own(d, true, true), d);
        }
        // Status lines that are not Liaison's own.
        let d = "Status: waiting for the ministry";
        assert_eq!(follow_up_own(d, true, true), d);
    }

    #[test]
    fn a_paragraph_shaped_like_the_people_is_kept_when_the_item_has_none() {
        let own = "Participants:\n- the dean's office";
        let mut d = String::new();
        agenda(&mut d, own, std::iter::empty::<(&str, &str)>(), Some("IPRCC visit"));
        assert_eq!(agenda_own(&d, false), own);
    }

    #[test]
    fn follow_up_notes_come_back_as_written() {
        for own in ["", "Send the curriculum.", "Owner: not us\nStatus: unclear", "Counterpart: x\nOwner: y"] {
            let mut text = own.to_owned();
            for _ in 0..5 {
                let d = follow_up(&text, Some("He Zhen"), Some("IPRCC"), FollowUpStatus::InProgress, Some("Visit"));
                text = follow_up_own(&d, true, true);
                assert_eq!(text, own, "{d:?}");
            }
            let d = follow_up(own, None, None, FollowUpStatus::Open, Some("Visit"));
            assert_eq!(follow_up_own(&d, false, false), own);
        }
    }
}
