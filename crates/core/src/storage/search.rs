//! The search index's words as each engine takes them: the text of FTS5
//! columns and MATCH expressions for SQLite, tsvector and tsquery literals
//! for PostgreSQL. The words are cut and folded by [`crate::search`]; what
//! is here only spells them, so that both engines hold the same words.

use std::collections::BTreeMap;
use std::fmt::Write;

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::SearchKind;
use crate::search::{Query, Scope, Term};

/// Rows of the index's tables as read back: each id with its kind.
pub(crate) fn with_kinds(rows: Vec<(Uuid, String)>, table: &str) -> Result<Vec<(Uuid, SearchKind)>> {
    rows.into_iter()
        .map(|(id, kind)| {
            let kind = kind.parse().map_err(|e: String| Error::Internal(format!("{table}.kind: {e}")))?;
            Ok((id, kind))
        })
        .collect()
}

/// The word that marks a record's kind in its FTS5 row (a column of its
/// own, which query words never look in).
pub(crate) fn kind_word(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Visit => "visit",
        SearchKind::Person => "person",
        SearchKind::Organisation => "organisation",
        SearchKind::AgendaItem => "agendaitem",
        SearchKind::FollowUp => "followup",
        SearchKind::Room => "room",
    }
}

/// An FTS5 column's text: the words, space-separated (they hold only
/// letters and digits, which FTS5's unicode61 tokenizer keeps whole).
pub(crate) fn fts5_text(fields: &[String]) -> String {
    let mut out = String::new();
    for f in fields.iter().filter(|f| !f.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(f);
    }
    out
}

fn fts5_string(out: &mut String, word: &str) {
    out.push('"');
    out.push_str(&word.replace('"', "\"\""));
    out.push('"');
}

/// An FTS5 MATCH expression for the records of `kind` that hold every term.
pub(crate) fn fts5_match(kind: SearchKind, query: &Query, scope: Scope) -> String {
    let mut terms = String::new();
    for (i, t) in query.terms.iter().enumerate() {
        if i > 0 {
            terms.push_str(" AND ");
        }
        match t {
            Term::Word { text, prefix } => {
                fts5_string(&mut terms, text);
                if *prefix && scope != Scope::ExactTitle {
                    terms.push('*');
                }
            }
            // A phrase: the characters as consecutive words.
            Term::Run(chars) => fts5_string(&mut terms, &chars.join(" ")),
        }
    }
    let columns = match scope {
        Scope::ExactTitle | Scope::Title => "title",
        Scope::Anywhere => "{title body}",
    };
    format!("kind : {} AND {columns} : ({terms})", kind_word(kind))
}

/// PostgreSQL's highest word position; later words share it.
const MAX_POSITION: u32 = 16_383;
/// PostgreSQL keeps at most 256 positions of a word.
const MAX_POSITIONS: usize = 255;

fn quoted(out: &mut String, word: &str) {
    out.push('\'');
    for c in word.chars() {
        if c == '\'' || c == '\\' {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
}

/// A tsvector literal of the words of `fields`, with positions, a gap
/// between fields so that no run of characters is found across two.
pub(crate) fn tsvector(fields: &[&[String]]) -> String {
    let mut positions: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut at = 0u32;
    for field in fields.iter().flat_map(|f| f.iter()) {
        at = (at + 2).min(MAX_POSITION);
        for w in field.split(' ').filter(|w| !w.is_empty()) {
            let list = positions.entry(w).or_default();
            if list.len() < MAX_POSITIONS && list.last() != Some(&at) {
                list.push(at);
            }
            at = (at + 1).min(MAX_POSITION);
        }
    }
    let mut out = String::new();
    for (w, list) in positions {
        if !out.is_empty() {
            out.push(' ');
        }
        quoted(&mut out, w);
        for (i, p) in list.iter().enumerate() {
            let _ = write!(out, "{}{p}", if i == 0 { ':' } else { ',' });
        }
    }
    out
}

/// A tsquery literal that every term must satisfy.
pub(crate) fn tsquery(query: &Query, scope: Scope) -> String {
    let mut out = String::new();
    for (i, t) in query.terms.iter().enumerate() {
        if i > 0 {
            out.push_str(" & ");
        }
        match t {
            Term::Word { text, prefix } => {
                quoted(&mut out, text);
                if *prefix && scope != Scope::ExactTitle {
                    out.push_str(":*");
                }
            }
            Term::Run(chars) => {
                out.push('(');
                for (k, c) in chars.iter().enumerate() {
                    if k > 0 {
                        out.push_str(" <-> ");
                    }
                    quoted(&mut out, c);
                }
                out.push(')');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_engines_are_given_the_same_words() {
        let q = Query::parse("和震 Mül");
        assert_eq!(
            fts5_match(SearchKind::Person, &q, Scope::Title),
            r#"kind : person AND title : ("和 震" AND "mul"*)"#
        );
        assert_eq!(
            fts5_match(SearchKind::AgendaItem, &q, Scope::ExactTitle),
            r#"kind : agendaitem AND title : ("和 震" AND "mul")"#
        );
        assert_eq!(tsquery(&q, Scope::Anywhere), "('和' <-> '震') & 'mul':*");
        // Only the last word is a beginning.
        assert_eq!(tsquery(&Query::parse("muller anna"), Scope::Title), "'muller' & 'anna':*");
        let title = vec!["和 震".to_owned()];
        let body = vec!["和".to_owned(), String::new(), "o'neil".to_owned()];
        // An empty field moves the positions on as any field does.
        assert_eq!(tsvector(&[&title, &body]), "'o''neil':11 '和':2,6 '震':3");
        assert_eq!(fts5_text(&body), "和 o'neil");
    }
}
