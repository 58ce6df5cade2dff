//! The text Liaison adds to a DESCRIPTION when it exports (the people in an
//! item, the visit it belongs to; a follow-up's owner, counterpart, status
//! and visit), written here and recognised here on import, so that a file
//! that goes out and comes back any number of times leaves an item's own
//! description and a follow-up's notes exactly as they were.

use std::fmt::Write;
use std::sync::OnceLock;

use crate::i18n::{tr, Arg, Lang};
use crate::model::FollowUpStatus;

/// A label around a value ("Visit: {visit}", "所属访问：{visit}"), split at
/// the value so that a line can be recognised by what comes before and
/// after it. From the catalogue, so a new language is a new catalogue.
#[derive(Debug)]
struct Affix {
    before: String,
    after: String,
}

impl Affix {
    fn of(lang: Lang, id: &str, placeholder: &str) -> Self {
        // A private-use character no catalogue contains.
        const MARK: &str = "\u{E000}";
        let text = tr(lang, id, &[(placeholder, Arg::from(MARK))]);
        let (before, after) = text.split_once(MARK).unwrap_or((&text, ""));
        Self { before: before.to_owned(), after: after.to_owned() }
    }

    fn wrap(&self, value: &str) -> String {
        format!("{}{value}{}", self.before, self.after)
    }

    fn strip<'a>(&self, line: &'a str) -> Option<&'a str> {
        line.strip_prefix(self.before.as_str())?.strip_suffix(self.after.as_str())
    }

    fn starts(&self, line: &str) -> bool {
        line.starts_with(self.before.as_str())
    }
}

/// What Liaison writes into descriptions, in one language.
#[derive(Debug)]
struct Words {
    participants: String,
    /// Said after the chair's name.
    chair: String,
    visit: Affix,
    owner: Affix,
    counterpart: Affix,
    status: Affix,
    from_visit: Affix,
    due: Affix,
}

fn words(lang: Lang) -> &'static Words {
    static WORDS: OnceLock<Vec<Words>> = OnceLock::new();
    let all = WORDS.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|&l| Words {
                participants: tr(l, "calendar-participants", &[]),
                chair: tr(l, "calendar-chair", &[]),
                visit: Affix::of(l, "calendar-visit", "visit"),
                owner: Affix::of(l, "calendar-owner", "name"),
                counterpart: Affix::of(l, "calendar-counterpart", "organisation"),
                status: Affix::of(l, "calendar-status", "status"),
                from_visit: Affix::of(l, "calendar-from-visit", "visit"),
                due: Affix::of(l, "calendar-due", "title"),
            })
            .collect()
    });
    &all[lang.index()]
}

/// A follow-up's title as the all-day event on its due date shows it.
pub fn due(title: &str, lang: Lang) -> String {
    words(lang).due.wrap(title)
}

/// The title out of an event written by [`due`] in any language, if it is one.
pub fn due_title(summary: &str) -> Option<&str> {
    Lang::ALL.iter().find_map(|&l| words(l).due.strip(summary))
}

/// An agenda item's description as exported: its own text, a blank line,
/// the people (one "- " line each), a blank line, the visit, in `lang`.
/// Each person is a name and a title (empty for none).
/// `part`: whether the person chairs the item, and their place among its
/// speakers (from 0), said after their title.
pub fn agenda<'a, N: std::fmt::Display>(
    out: &mut String,
    own: &str,
    people: impl IntoIterator<Item = (N, &'a str, bool, Option<usize>)>,
    visit: Option<&str>,
    lang: Lang,
) {
    let w = words(lang);
    out.push_str(own);
    for (i, (name, title, chairs, speaks)) in people.into_iter().enumerate() {
        if i == 0 {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&w.participants);
        }
        let _ = write!(out, "\n- {name}");
        if !title.is_empty() {
            let _ = write!(out, ", {title}");
        }
        if chairs {
            out.push_str(&w.chair);
        }
        if let Some(turn) = speaks {
            out.push_str(&tr(lang, "calendar-speaker", &[("turn", Arg::from(turn + 1))]));
        }
    }
    if let Some(v) = visit {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&w.visit.wrap(v));
    }
}

/// The item's own description out of an exported one, whichever language
/// it was exported in. Only the exact shape [`agenda`] writes is taken off,
/// from the end: a description that merely mentions a visit keeps every
/// word. The people's paragraph goes only when the item has people (so a
/// paragraph of that shape of its own is kept).
pub fn agenda_own(description: &str, people: bool) -> String {
    let d = description.replace("\r\n", "\n");
    let d = d.trim_end();
    Lang::ALL.iter().find_map(|&l| agenda_own_in(d, people, words(l))).unwrap_or_else(|| description.to_owned())
}

fn agenda_own_in(d: &str, people: bool, w: &Words) -> Option<String> {
    // Everything Liaison exports has its visit last.
    let (mut d, _) = last_block(d).filter(|(_, b)| !b.contains('\n') && w.visit.strip(b).is_some())?;
    if let Some((rest, block)) = last_block(d).filter(|_| people) {
        let mut lines = block.split('\n');
        if lines.next() == Some(w.participants.as_str()) && lines.all(|l| l.starts_with("- ")) {
            d = rest;
        }
    }
    Some(d.to_owned())
}

/// A follow-up's notes as exported: its own notes, then one line each for
/// owner, counterpart, status and visit, in `lang`.
pub fn follow_up(
    own: &str,
    owner: Option<&str>,
    counterpart: Option<&str>,
    status: FollowUpStatus,
    visit: Option<&str>,
    lang: Lang,
) -> String {
    let w = words(lang);
    let mut d = own.to_owned();
    let mut line = |text: String| {
        if !d.is_empty() {
            d.push('\n');
        }
        d.push_str(&text);
    };
    if let Some(o) = owner {
        line(w.owner.wrap(o));
    }
    if let Some(c) = counterpart {
        line(w.counterpart.wrap(c));
    }
    line(w.status.wrap(&status.label_in(lang)));
    if let Some(v) = visit {
        line(w.from_visit.wrap(v));
    }
    d
}

/// A follow-up's own notes out of an exported description, whichever
/// language it was exported in: the lines [`follow_up`] adds are taken off
/// the end, and only when its status line, which it always writes, is there
/// with a status Liaison knows. The owner and counterpart lines go only when
/// the follow-up has one (notes of their own may start a line with
/// "Owner: ").
pub fn follow_up_own(description: &str, owner: bool, counterpart: bool) -> String {
    let d = description.replace("\r\n", "\n");
    Lang::ALL
        .iter()
        .find_map(|&l| follow_up_own_in(d.trim_end(), owner, counterpart, l))
        .unwrap_or_else(|| description.to_owned())
}

fn follow_up_own_in(d: &str, owner: bool, counterpart: bool, lang: Lang) -> Option<String> {
    let w = words(lang);
    let mut lines: Vec<&str> = d.split('\n').collect();
    if lines.last().is_some_and(|l| w.from_visit.starts(l)) {
        lines.pop();
    }
    let is_status =
        |l: &str| w.status.strip(l).is_some_and(|s| FollowUpStatus::ALL.iter().any(|k| k.label_in(lang) == s));
    if !lines.last().is_some_and(|l| is_status(l)) {
        return None;
    }
    lines.pop();
    if counterpart && lines.last().is_some_and(|l| w.counterpart.starts(l)) {
        lines.pop();
    }
    if owner && lines.last().is_some_and(|l| w.owner.starts(l)) {
        lines.pop();
    }
    Some(lines.join("\n"))
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
        let people = [
            ("Zhang Huidong (张惠东)", "Deputy Director General", false, Some(1)),
            ("He Zhen (和震)", "", true, Some(0)),
            ("Liu Yang", "", false, None),
        ];
        for own in ["", "Talks.", "Line one\n\nVisit: the museum is on the list\n- and this", "Participants:\n- a\n\nx"]
        {
            for &lang in Lang::ALL {
                let mut text = own.to_owned();
                for round in 0..5 {
                    let mut d = String::new();
                    agenda(&mut d, &text, people, Some("IPRCC visit"), lang);
                    text = agenda_own(&d, true);
                    assert_eq!(text, own, "round {round}: {d:?}");
                }
                let mut d = String::new();
                agenda(&mut d, own, std::iter::empty::<(&str, &str, bool, Option<usize>)>(), Some("IPRCC visit"), lang);
                assert_eq!(agenda_own(&d, false), own);
            }
        }
    }

    #[test]
    fn a_description_of_someone_else_is_left_whole() {
        for d in ["Meet at the gate.", "Participants:\n- a", "Bring:\n\n- slides"] {
            assert_eq!(agenda_own(d, true), d);
            assert_eq!(follow_up_own(d, true, true), d);
        }
        // Status lines that are not Liaison's own.
        for d in ["Status: waiting for the ministry", "状态：等部里回复"] {
            assert_eq!(follow_up_own(d, true, true), d);
        }
    }

    #[test]
    fn the_words_are_the_readers_and_are_recognised_in_every_language() {
        let mut d = String::new();
        let people = [("张惠东 (Zhang Huidong)", "副主任", false, Some(0)), ("和震", "", true, None)];
        agenda(&mut d, "Talks.", people, Some("国际扶贫中心来访"), Lang::ZhCn);
        assert_eq!(
            d,
            "Talks.\n\n参加人员：\n- 张惠东 (Zhang Huidong), 副主任（第 1 位发言）\n- 和震（主持）\n\n所属访问：国际扶贫中心来访"
        );
        let mut d = String::new();
        agenda(&mut d, "", [("He Zhen", "Dean", true, Some(1))], None, Lang::En);
        assert_eq!(d, "Participants:\n- He Zhen, Dean (chair) (speaker 2)");
        let d = follow_up("", Some("和震"), None, FollowUpStatus::Done, None, Lang::ZhCn);
        assert_eq!(d, "负责人：和震\n状态：已完成");
        let d = follow_up("", Some("He Zhen"), None, FollowUpStatus::Done, None, Lang::En);
        assert_eq!(d, "Owner: He Zhen\nStatus: Done");
        for &lang in Lang::ALL {
            assert_eq!(due_title(&due("Send the curriculum", lang)), Some("Send the curriculum"));
        }
        assert_eq!(due_title("Send the curriculum"), None);
    }

    #[test]
    fn a_paragraph_shaped_like_the_people_is_kept_when_the_item_has_none() {
        let own = "Participants:\n- the dean's office";
        let mut d = String::new();
        agenda(&mut d, own, std::iter::empty::<(&str, &str, bool, Option<usize>)>(), Some("IPRCC visit"), Lang::ZhCn);
        assert_eq!(agenda_own(&d, false), own);
    }

    #[test]
    fn follow_up_notes_come_back_as_written() {
        for own in [
            "",
            "Send the curriculum.",
            "Owner: not us\nStatus: unclear",
            "Counterpart: x\nOwner: y",
            "负责人：我们\n状态：未定",
        ] {
            for &lang in Lang::ALL {
                let mut text = own.to_owned();
                for _ in 0..5 {
                    let d =
                        follow_up(&text, Some("和震"), Some("IPRCC"), FollowUpStatus::InProgress, Some("Visit"), lang);
                    text = follow_up_own(&d, true, true);
                    assert_eq!(text, own, "{d:?}");
                }
                let d = follow_up(own, None, None, FollowUpStatus::Open, Some("Visit"), lang);
                assert_eq!(follow_up_own(&d, false, false), own);
            }
        }
    }
}
