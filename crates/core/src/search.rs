//! One search across everything: visits, people, organisations, rooms,
//! agenda items, follow-ups, and the notes and minutes inside them.
//!
//! How text is matched is decided here, in Rust, once for both engines, so
//! that a search finds the same records in a local file and on a team
//! server:
//! - Latin (and any script written with spaces) is cut into words, folded
//!   to lower case and stripped of diacritics (NFKD, marks dropped, a few
//!   letters that do not decompose folded by hand), so `muller` and `MÜLLER`
//!   find Müller. A query's word matches any word it begins.
//! - Chinese and Japanese have no spaces, so each ideograph (or kana, or
//!   hangul syllable) is a word of its own, and a run of them in a query
//!   must appear as that run: any substring is found, two-character names
//!   (和震) included, and nothing else.
//!
//! The engines only hold the folded words and answer "which records of
//! this kind have all of these words": SQLite's FTS5 with prefix indexes,
//! PostgreSQL's tsvector with GIN indexes. Both get the words already cut,
//! so neither's own tokenizer or dictionary decides anything.
//!
//! The index is never updated by hand. Triggers on every table mark a
//! changed, added or deleted record stale in the same statement (imports,
//! cascading deletes and any future write path included), and every write
//! transaction brings the stale records up to date before it commits
//! ([`refresh`]): the index is correct at every commit, in the transaction
//! that made the change.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

use crate::error::Result;
use crate::model::SearchField as F;
use crate::model::*;
use crate::service::Service;
use crate::storage::Session;

/// Results shown per kind unless asked otherwise.
pub const DEFAULT_LIMIT: u32 = 5;
/// The most results of one kind one search returns.
pub const MAX_LIMIT: u32 = 100;
/// A query's words beyond these are ignored: no one types more, and each
/// word is an index lookup.
const MAX_TERMS: usize = 12;
/// Text indexed per field. Minutes can be long; their first 20,000
/// characters are plenty to be found by, and the index stays small.
const MAX_FIELD_CHARS: usize = 20_000;
/// A word longer than this is cut (PostgreSQL refuses words over 2 KB).
const MAX_WORD_CHARS: usize = 100;
/// Characters of context shown before the first match of a snippet, and in all.
const SNIPPET_BEFORE: usize = 40;
const SNIPPET_CHARS: usize = 140;
/// Stale records brought up to date per round trip.
const REFRESH_CHUNK: u32 = 5_000;

/// Whether `c` is written without spaces between words, so that each one
/// is a word of its own.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x3134F) // CJK extensions B to G
}

/// Letters NFKD leaves whole that a reader still sees as a plain letter.
fn fold_whole(c: char, out: &mut String) -> bool {
    let s = match c {
        'ß' | 'ẞ' => "ss",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ł' | 'Ł' => "l",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        _ => return false,
    };
    out.push_str(s);
    true
}

/// A word of a text, folded, with where it is in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub text: String,
    /// Bytes of the original text.
    pub span: Range<usize>,
    /// A character of a script without spaces.
    pub unspaced: bool,
}

/// Cuts `text` into folded words, as both the index and the queries see it.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    each_word(text, |w, span, unspaced| out.push(Word { text: w.to_owned(), span, unspaced }));
    out
}

/// Gives each folded word of `text` to `emit`, with its bytes in `text` and
/// whether it is a character of a script without spaces: [`words`] without
/// a string per word, which the index, cutting every text a large import
/// writes, does not keep (a 100,000-event calendar import spent about a
/// tenth of its reading thread allocating them).
fn each_word(text: &str, mut emit: impl FnMut(&str, Range<usize>, bool)) {
    let mut current = String::new();
    let mut start = 0;
    let mut end = 0;
    let mut folded = String::new();
    fn flush(current: &mut String, emit: &mut impl FnMut(&str, Range<usize>, bool), start: usize, end: usize) {
        if !current.is_empty() {
            emit(capped(current, MAX_WORD_CHARS), start..end, false);
            current.clear();
        }
    }
    for (at, c) in text.char_indices() {
        let next = at + c.len_utf8();
        // Most text is ASCII: folded by hand, without decomposing.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if current.is_empty() {
                    start = at;
                }
                current.push(c.to_ascii_lowercase());
                end = next;
            } else {
                flush(&mut current, &mut emit, start, end);
            }
            continue;
        }
        if is_unspaced(c) {
            flush(&mut current, &mut emit, start, end);
            // Compatibility ideographs have a unified twin; hangul must not
            // decompose into its letters.
            if (0xF900..=0xFAFF).contains(&(c as u32)) {
                let t: String = c.nfkc().collect();
                emit(&t, at..next, true);
            } else {
                emit(&text[at..next], at..next, true);
            }
            continue;
        }
        folded.clear();
        if !fold_whole(c, &mut folded) {
            for d in std::iter::once(c).nfkd().filter(|d| !is_combining_mark(*d)) {
                folded.extend(d.to_lowercase());
            }
        }
        for f in folded.chars() {
            if f.is_alphanumeric() {
                if current.is_empty() {
                    start = at;
                }
                current.push(f);
                end = next;
            } else {
                flush(&mut current, &mut emit, start, end);
            }
        }
    }
    flush(&mut current, &mut emit, start, end);
}

/// The first `chars` characters of `text`; a text of no more bytes than
/// that is not walked.
fn capped(text: &str, chars: usize) -> &str {
    if text.len() <= chars {
        return text;
    }
    match text.char_indices().nth(chars) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// The folded words of one field, capped, for the index, one space
/// between each two (a word holds only letters and digits). One text per
/// field rather than one per word: a large import holds a batch of these
/// while the batch before is written.
pub(crate) fn index_words(text: &str) -> String {
    let capped = capped(text, MAX_FIELD_CHARS);
    let mut out = String::with_capacity(capped.len());
    each_word(capped, |w, _, _| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    });
    out
}

/// One thing a query asks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Term {
    /// A whole word; or, for the query's last word (still being typed),
    /// any word it begins.
    Word { text: String, prefix: bool },
    /// Words typed together without a space that include characters of a
    /// script without spaces ("和震", "第3场"): they must appear one after
    /// the other, as typed.
    Run(Vec<String>),
}

/// Which of a record's texts, and how strictly, a lookup asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every word whole in the name or title.
    ExactTitle,
    /// Every word begun in the name or title.
    Title,
    /// Every word begun anywhere.
    Anywhere,
}

/// A query cut into terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    pub(crate) fn parse(text: &str) -> Self {
        // Words typed together: each next one starts where the last ended.
        let mut groups: Vec<Vec<Word>> = Vec::new();
        for w in words(text) {
            match groups.last_mut() {
                Some(g) if g.last().is_some_and(|l| l.span.end == w.span.start) => g.push(w),
                _ => groups.push(vec![w]),
            }
        }
        let mut terms: Vec<Term> = Vec::new();
        for g in groups {
            if g.iter().any(|w| w.unspaced) {
                terms.push(Term::Run(g.into_iter().map(|w| w.text).collect()));
            } else {
                terms.extend(g.into_iter().map(|w| Term::Word { text: w.text, prefix: false }));
            }
        }
        let mut seen = HashSet::new();
        terms.retain(|t| seen.insert(t.clone()));
        terms.truncate(MAX_TERMS);
        // Only the last word may be unfinished. Taking every word as a
        // beginning would make "cooperation talks" read every word that
        // starts with "cooperation" (110,000 of them in the benchmark) for
        // nothing: a word followed by another is finished.
        if let Some(Term::Word { prefix, .. }) = terms.last_mut() {
            *prefix = true;
        }
        Query { terms }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Where `term` matches among a field's words: the byte ranges of the
/// original text, and whether one was a whole word.
fn matches(term: &Term, field: &[Word]) -> (Vec<Range<usize>>, bool) {
    let mut out = Vec::new();
    let mut whole = false;
    match term {
        Term::Word { text: t, prefix } => {
            for w in field.iter().filter(|w| !w.unspaced) {
                if (*prefix && w.text.starts_with(t.as_str())) || w.text == *t {
                    whole |= w.text == *t;
                    out.push(w.span.clone());
                }
            }
        }
        Term::Run(chars) => {
            // Adjacent in the original text, not merely in the list of words:
            // a substring, never two characters with a comma between.
            'start: for i in 0..field.len() {
                let mut end = field[i].span.start;
                for (k, c) in chars.iter().enumerate() {
                    match field.get(i + k) {
                        Some(w) if w.text == *c && (k == 0 || w.span.start == end) => end = w.span.end,
                        _ => continue 'start,
                    }
                }
                whole = true;
                out.push(field[i].span.start..end);
            }
        }
    }
    (out, whole)
}

/// The record texts the index and the results are made from.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub id: Uuid,
    pub visit_id: Option<Uuid>,
    /// In the order of [`fields`].
    pub fields: Vec<String>,
    pub context: String,
    pub when: String,
}

/// What the index holds of one record.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub id: Uuid,
    pub kind: SearchKind,
    /// The folded words of each name or title field, then of each other
    /// field, space-separated ([`index_words`]).
    pub title: Vec<String>,
    pub body: Vec<String>,
}

/// The texts of a kind of record a search looks in, and whether each is a
/// name or title (ranked first and shown as the result's heading). The
/// storage reads them in this order.
pub(crate) fn fields(kind: SearchKind) -> &'static [(SearchField, bool)] {
    use SearchField as F;
    match kind {
        SearchKind::Visit => &[
            (F::Title, true),
            (F::Purpose, false),
            (F::Venue, false),
            (F::Topics, false),
            (F::Notes, false),
            (F::Minutes, false),
        ],
        SearchKind::Person => &[
            (F::Name, true),
            (F::ChineseName, true),
            (F::NativeName, true),
            (F::JobTitle, false),
            (F::Email, false),
            (F::Notes, false),
        ],
        SearchKind::Organisation => &[
            (F::Name, true),
            (F::ChineseName, true),
            (F::NativeName, true),
            (F::Acronym, true),
            (F::Country, false),
            (F::Notes, false),
        ],
        SearchKind::AgendaItem => &[(F::Title, true), (F::Location, false), (F::Description, false)],
        SearchKind::FollowUp => &[(F::Title, true), (F::Notes, false)],
        SearchKind::Room => {
            &[(F::Name, true), (F::ChineseName, true), (F::Building, false), (F::Equipment, false), (F::Notes, false)]
        }
    }
}

impl Doc {
    fn of(kind: SearchKind, source: &Source) -> Self {
        Doc::of_texts(source.id, kind, source.fields.iter().map(String::as_str))
    }

    // The records' fields are named, not listed in order, so that the
    // order stays in [`fields`] alone; a field a record lacks would index
    // as empty, which the test of imported records read back catches.

    /// What the index holds of an agenda item, from the record.
    pub(crate) fn of_agenda_item(a: &AgendaItem) -> Self {
        Doc::of_fields(a.id, SearchKind::AgendaItem, |f| match f {
            F::Title => &a.title,
            F::Location => &a.location,
            F::Description => &a.description,
            _ => "",
        })
    }

    /// What the index holds of a follow-up, from the record.
    pub(crate) fn of_follow_up(f: &FollowUp) -> Self {
        Doc::of_fields(f.id, SearchKind::FollowUp, |field| match field {
            F::Title => &f.title,
            F::Notes => &f.notes,
            _ => "",
        })
    }

    /// What the index holds of a visit, from the record: its topics joined
    /// as the storage joins them.
    pub(crate) fn of_visit(v: &Visit) -> Self {
        let topics = v.topics.join(" · ");
        Doc::of_fields(v.id, SearchKind::Visit, |f| match f {
            F::Title => &v.title,
            F::Purpose => &v.purpose,
            F::Venue => &v.venue,
            F::Topics => &topics,
            F::Notes => &v.notes,
            F::Minutes => &v.minutes,
            _ => "",
        })
    }

    /// What the index holds of a person, from the record.
    pub(crate) fn of_person(p: &Person) -> Self {
        Doc::of_fields(p.id, SearchKind::Person, |f| match f {
            F::Name => &p.name,
            F::ChineseName => &p.chinese_name,
            F::NativeName => &p.native_name,
            F::JobTitle => &p.title,
            F::Email => &p.email,
            F::Notes => &p.notes,
            _ => "",
        })
    }

    /// What the index holds of an organisation, from the record.
    pub(crate) fn of_organisation(o: &Organisation) -> Self {
        Doc::of_fields(o.id, SearchKind::Organisation, |f| match f {
            F::Name => &o.name,
            F::ChineseName => &o.chinese_name,
            F::NativeName => &o.native_name,
            F::Acronym => &o.acronym,
            F::Country => &o.country,
            F::Notes => &o.notes,
            _ => "",
        })
    }

    /// What the index holds of a room, from the record.
    pub(crate) fn of_room(r: &Room) -> Self {
        Doc::of_fields(r.id, SearchKind::Room, |f| match f {
            F::Name => &r.name,
            F::ChineseName => &r.chinese_name,
            F::Building => &r.building,
            F::Equipment => &r.equipment,
            F::Notes => &r.notes,
            _ => "",
        })
    }

    /// From a record's text of each field.
    fn of_fields<'a>(id: Uuid, kind: SearchKind, text: impl Fn(SearchField) -> &'a str) -> Self {
        Doc::of_texts(id, kind, fields(kind).iter().map(|(f, _)| text(*f)))
    }

    /// From the texts of a record, in the order of [`fields`].
    fn of_texts<'a>(id: Uuid, kind: SearchKind, texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut title = Vec::new();
        let mut body = Vec::new();
        for ((_, is_title), text) in fields(kind).iter().zip(texts) {
            let w = index_words(text);
            if *is_title {
                title.push(w);
            } else {
                body.push(w);
            }
        }
        Doc { id, kind, title, body }
    }
}

/// Indexes agenda items and follow-ups a bulk write has just added, from
/// the records in hand, in the caller's transaction: what [`refresh`] makes
/// of them at the commit, without reading back rows the writer still holds
/// (a 100,000-event calendar import spent 0.3 s reading its own items back).
/// Their stale marks go with it; what else the write touched is left to
/// [`refresh`]. Call it after the records are written, and give it only
/// records the write added: the index is not asked what it held of them.
/// Takes records or references to them (`Borrow`): a caller that writes
/// all of a batch passes it as it is, without a list of references.
pub(crate) async fn index_written<A, F>(s: &mut dyn Session, agenda: &[A], follow_ups: &[F]) -> Result<()>
where
    A: Borrow<AgendaItem> + Sync,
    F: Borrow<FollowUp> + Sync,
{
    // A chunk at a time, as refresh goes: the words of a whole document's
    // records at once would take memory in proportion to it.
    let chunk = REFRESH_CHUNK as usize;
    for items in agenda.chunks(chunk) {
        let docs: Vec<Doc> = items.iter().map(|a| Doc::of_agenda_item(a.borrow())).collect();
        index_docs_written(s, &docs, true).await?;
    }
    for tasks in follow_ups.chunks(chunk) {
        let docs: Vec<Doc> = tasks.iter().map(|f| Doc::of_follow_up(f.borrow())).collect();
        index_docs_written(s, &docs, true).await?;
    }
    Ok(())
}

/// [`index_written`] for records whose words the writer cut already
/// ([`Doc::of_agenda_item`], [`Doc::of_follow_up`]): a calendar import cuts
/// them while it reads, so that the database thread is not kept waiting
/// for them between its statements. `added`: every one of them was added
/// in this transaction, so the index holds nothing of theirs to replace.
pub(crate) async fn index_docs_written(s: &mut dyn Session, docs: &[Doc], added: bool) -> Result<()> {
    for chunk in docs.chunks(REFRESH_CHUNK as usize) {
        if added {
            s.index_search_added(chunk).await?;
        } else {
            let ids: Vec<Uuid> = chunk.iter().map(|d| d.id).collect();
            s.index_search(&ids, chunk).await?;
        }
    }
    Ok(())
}

/// Brings the index up to date with every record marked stale, in the
/// caller's transaction. Called by each write session before it commits.
pub(crate) async fn refresh(s: &mut dyn Session) -> Result<()> {
    loop {
        let stale = s.search_stale(REFRESH_CHUNK).await?;
        if stale.is_empty() {
            return Ok(());
        }
        let mut by_kind: HashMap<SearchKind, Vec<Uuid>> = HashMap::new();
        for (id, kind) in &stale {
            by_kind.entry(*kind).or_default().push(*id);
        }
        let mut docs = Vec::with_capacity(stale.len());
        for (kind, ids) in by_kind {
            // A record that is gone has no source and leaves the index.
            for source in s.search_texts(kind, &ids).await? {
                docs.push(Doc::of(kind, &source));
            }
        }
        let ids: Vec<Uuid> = stale.iter().map(|(id, _)| *id).collect();
        s.index_search(&ids, &docs).await?;
    }
}

/// What a search asks for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SearchQuery {
    pub text: String,
    /// Only these kinds; every kind when empty.
    pub kinds: Vec<SearchKind>,
    /// Results shown per kind, 1 to [`MAX_LIMIT`].
    pub limit: u32,
}

impl SearchQuery {
    pub fn new(text: impl Into<String>) -> Self {
        SearchQuery { text: text.into(), kinds: Vec::new(), limit: DEFAULT_LIMIT }
    }
}

/// Lower is better: not every term in the title, then fewer whole-word
/// matches in the title, then a longer title.
type Rank = (bool, std::cmp::Reverse<usize>, usize);

/// A record found, ranked.
struct Ranked {
    rank: Rank,
    hit: SearchHit,
}

/// Runs of `text`, those inside `ranges` marked.
fn segments(text: &str, ranges: &[Range<usize>]) -> Vec<Segment> {
    let mut ranges: Vec<Range<usize>> = ranges.to_vec();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for r in merged {
        if r.start > at {
            out.push(Segment { text: text[at..r.start].to_owned(), hit: false });
        }
        out.push(Segment { text: text[r.clone()].to_owned(), hit: true });
        at = r.end;
    }
    if at < text.len() {
        out.push(Segment { text: text[at..].to_owned(), hit: false });
    }
    out
}

/// A field's text around its first match, on one line, with the matches
/// marked.
fn snippet(text: &str, ranges: &[Range<usize>]) -> Vec<Segment> {
    let first = ranges.iter().map(|r| r.start).min().unwrap_or(0);
    // Back SNIPPET_BEFORE characters from the first match, then forward.
    let start = text[..first].char_indices().rev().nth(SNIPPET_BEFORE - 1).map_or(0, |(i, _)| i);
    let end = text[start..].char_indices().nth(SNIPPET_CHARS).map_or(text.len(), |(i, _)| start + i);
    let inside: Vec<Range<usize>> = ranges
        .iter()
        .filter(|r| r.start >= start && r.start < end)
        .map(|r| (r.start - start)..(r.end.min(end) - start))
        .collect();
    // Line breaks become spaces (one byte for one, so the ranges hold).
    let window: String =
        text[start..end].chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }).collect();
    let mut out = segments(&window, &inside);
    if start > 0 {
        out.insert(0, Segment { text: "…".into(), hit: false });
    }
    if end < text.len() {
        out.push(Segment { text: "…".into(), hit: false });
    }
    out.retain(|s| !s.text.is_empty());
    out
}

/// Checks a record against every term, and ranks and describes it; None
/// when an index lookup found it but its text does not hold every term in
/// one piece (characters found apart, across two fields).
fn rank(kind: SearchKind, source: &Source, query: &Query) -> Option<Ranked> {
    let spec = fields(kind);
    let words: Vec<Vec<Word>> = source.fields.iter().map(|t| words(t)).collect();
    let mut found: Vec<Vec<Range<usize>>> = vec![Vec::new(); spec.len()];
    let mut all_in_title = true;
    let mut whole_in_title = 0;
    for term in &query.terms {
        let mut anywhere = false;
        let mut in_title = false;
        for (i, (_, is_title)) in spec.iter().enumerate() {
            let Some(w) = words.get(i) else { continue };
            let (ranges, whole) = matches(term, w);
            if !ranges.is_empty() {
                anywhere = true;
                if *is_title {
                    in_title = true;
                    whole_in_title += usize::from(whole);
                }
                found[i].extend(ranges);
            }
        }
        if !anywhere {
            return None;
        }
        all_in_title &= in_title;
    }
    let mut title: Vec<Segment> = Vec::new();
    let mut title_len = 0;
    for (i, (_, is_title)) in spec.iter().enumerate() {
        let text = source.fields.get(i).map_or("", |s| s.as_str());
        if !*is_title || text.trim().is_empty() {
            continue;
        }
        let mut runs = segments(text, &found[i]);
        if !title.is_empty() {
            runs.insert(0, Segment { text: " · ".into(), hit: false });
        }
        title_len += text.chars().count();
        for seg in runs {
            // Runs of the same kind side by side are one run.
            match title.last_mut() {
                Some(last) if last.hit == seg.hit => last.text.push_str(&seg.text),
                _ => title.push(seg),
            }
        }
    }
    let snippet = if all_in_title {
        None
    } else {
        spec.iter()
            .enumerate()
            .find(|(i, (_, is_title))| !is_title && !found[*i].is_empty())
            .map(|(i, (field, _))| Snippet { field: *field, segments: snippet(&source.fields[i], &found[i]) })
    };
    Some(Ranked {
        rank: (!all_in_title, std::cmp::Reverse(whole_in_title), title_len),
        hit: SearchHit {
            kind,
            id: source.id,
            visit_id: source.visit_id,
            title,
            context: source.context.clone(),
            when: source.when.clone(),
            snippet,
        },
    })
}

/// The order kinds are shown in when their best matches rank alike.
const KIND_ORDER: [SearchKind; 6] = [
    SearchKind::Visit,
    SearchKind::Person,
    SearchKind::Organisation,
    SearchKind::AgendaItem,
    SearchKind::FollowUp,
    SearchKind::Room,
];

impl Service {
    /// Everything whose text matches `query`, grouped by kind, best first.
    pub async fn search(&self, query: &SearchQuery) -> Result<SearchResults> {
        let parsed = Query::parse(&query.text);
        let mut out = SearchResults { query: query.text.clone(), groups: Vec::new() };
        if parsed.is_empty() {
            return Ok(out);
        }
        let limit = query.limit.clamp(1, MAX_LIMIT) as usize;
        let mut s = self.read().await?;
        let mut groups: Vec<(Rank, SearchGroup)> = Vec::new();
        for kind in KIND_ORDER {
            if !query.kinds.is_empty() && !query.kinds.contains(&kind) {
                continue;
            }
            // Anywhere first: when no more match than are shown, those are
            // all of them, and one lookup was enough (a miss costs one per
            // kind). Only when more match is it worth asking for the best:
            // whole words in the name, then begun words in the name. Each
            // lookup stops at enough records.
            let anywhere = s.search_candidates(kind, &parsed, Scope::Anywhere, limit as u32 + 1).await?;
            let mut ids: Vec<Uuid> = Vec::new();
            let mut seen = HashSet::new();
            if anywhere.len() > limit {
                for scope in [Scope::ExactTitle, Scope::Title] {
                    if ids.len() > limit {
                        break;
                    }
                    for id in s.search_candidates(kind, &parsed, scope, limit as u32 + 1).await? {
                        if seen.insert(id) {
                            ids.push(id);
                        }
                    }
                }
            }
            for id in anywhere {
                if seen.insert(id) {
                    ids.push(id);
                }
            }
            if ids.is_empty() {
                continue;
            }
            let mut ranked: Vec<Ranked> =
                s.search_sources(kind, &ids).await?.iter().filter_map(|src| rank(kind, src, &parsed)).collect();
            // Stable: records that rank alike keep the index's order.
            ranked.sort_by_key(|r| r.rank);
            let Some(best) = ranked.first().map(|r| r.rank) else { continue };
            let more = ranked.len() > limit;
            let hits = ranked.into_iter().take(limit).map(|r| r.hit).collect();
            groups.push((best, SearchGroup { kind, hits, more }));
        }
        // Stable again, so that kinds whose best match ranks alike keep KIND_ORDER.
        groups.sort_by_key(|(best, _)| (best.0, best.1));
        out.groups = groups.into_iter().map(|(_, g)| g).collect();
        Ok(out)
    }
}

impl Service {
    /// Every record the search index holds, and how many are marked stale:
    /// for the tests, which compare it with the records themselves.
    #[doc(hidden)]
    pub async fn search_index(&self) -> Result<(Vec<(SearchKind, Uuid)>, u64)> {
        let (rows, stale) = self.read().await?.search_indexed().await?;
        Ok((rows.into_iter().map(|(id, kind)| (kind, id)).collect(), stale))
    }
}

#[cfg(test)]
// Ranges of one match are what the functions return and take.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    /// A record changed twice in one transaction is marked stale once and
    /// found by its last words. On SQLite the marking trigger's own
    /// INSERT OR IGNORE gave way to the upsert's ON CONFLICT, and the second
    /// change failed on the mark the first had left (schema 19 fixed it).
    #[tokio::test]
    async fn a_record_changed_twice_in_one_transaction_is_indexed_by_its_last_words() {
        let s = crate::testing::service().await;
        s.load_sample().await.unwrap();
        let id = crate::sample::SAMPLE_VISIT_ID;
        let mut tx = s.write().await.unwrap();
        let mut v = tx.visit(id).await.unwrap();
        for title in ["Talks renamed once", "Talks renamed twice over"] {
            v.title = title.into();
            tx.upsert_visits(std::slice::from_ref(&v)).await.unwrap();
        }
        tx.commit().await.unwrap();
        let found = s.search(&SearchQuery::new("twice over")).await.unwrap();
        let visits: Vec<Uuid> = found
            .groups
            .iter()
            .filter(|g| g.kind == SearchKind::Visit)
            .flat_map(|g| g.hits.iter().map(|h| h.id))
            .collect();
        assert_eq!(visits, [id]);
        assert!(s.search(&SearchQuery::new("once")).await.unwrap().groups.iter().all(|g| g.kind != SearchKind::Visit));
    }

    fn texts(s: &str) -> Vec<String> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn latin_is_folded_and_chinese_is_one_word_per_character() {
        assert_eq!(texts("Müller-Lüdenscheidt, MÜLLER"), ["muller", "ludenscheidt", "muller"]);
        assert_eq!(texts("Straße Øresund Łódź"), ["strasse", "oresund", "lodz"]);
        assert_eq!(texts("和震 (IPRCC) 2026年"), ["和", "震", "iprcc", "2026", "年"]);
        assert_eq!(texts("ＡＢＣ１２"), ["abc12"], "full-width forms fold");
        assert_eq!(texts("한국"), ["한", "국"], "hangul stays whole");
        // Spans point into the original text.
        let w = words("Zoë Ünal");
        assert_eq!(&"Zoë Ünal"[w[1].span.clone()], "Ünal");
    }

    #[test]
    fn the_index_holds_the_words_capped_one_space_apart() {
        assert_eq!(index_words("Müller-Lüdenscheidt, 和震 (IPRCC)"), "muller ludenscheidt 和 震 iprcc");
        assert_eq!(index_words("\u{F900}"), "\u{8C48}", "a compatibility ideograph is its unified twin");
        assert_eq!(index_words(" ,.; "), "");
        // Words are cut at 100 characters, whatever their bytes.
        assert_eq!(index_words(&"a".repeat(150)), "a".repeat(100));
        assert_eq!(index_words(&format!("{} b", "é".repeat(150))), format!("{} b", "e".repeat(100)));
        // A field is read to its 20,000th character: 10,000 words of one
        // character, of the 15,000 given.
        let long = "ö ".repeat(15_000);
        assert_eq!(index_words(&long).split(' ').count(), 10_000);
        assert_eq!(words(&"ü".repeat(101))[0].text, "u".repeat(100));
    }

    #[test]
    fn a_query_keeps_runs_of_characters_together() {
        let q = Query::parse("和震 muller 中 国 第3场 coop");
        let word = |t: &str, prefix| Term::Word { text: t.into(), prefix };
        assert_eq!(
            q.terms,
            [
                Term::Run(vec!["和".into(), "震".into()]),
                word("muller", false),
                Term::Run(vec!["中".into()]),
                Term::Run(vec!["国".into()]),
                Term::Run(vec!["第".into(), "3".into(), "场".into()]),
                word("coop", true),
            ],
            "only the last word is a beginning; digits typed with characters are part of their run"
        );
        assert!(Query::parse(" ,.;").is_empty());
    }

    #[test]
    fn a_run_matches_only_adjacent_characters() {
        let run = Term::Run(vec!["和".into(), "震".into()]);
        assert_eq!(matches(&run, &words("赵和震教授")).0, [3..9]);
        assert!(matches(&run, &words("和，震")).0.is_empty());
        assert!(matches(&run, &words("震和")).0.is_empty());
        let word = Term::Word { text: "mul".into(), prefix: true };
        assert_eq!(matches(&word, &words("Anna Müller")).0, [5..12]);
        let whole = Term::Word { text: "mul".into(), prefix: false };
        assert!(matches(&whole, &words("Anna Müller")).0.is_empty(), "a finished word is matched whole");
        let run = Term::Run(vec!["第".into(), "3".into(), "场".into()]);
        assert_eq!(matches(&run, &words("Session 3 — 第3场")).0.len(), 1);
        assert!(matches(&run, &words("第 3 场")).0.is_empty());
        assert!(!matches(&word, &words("Anna Müller")).1, "a prefix is not a whole word");
        assert!(matches(&word, &words("Schmuller")).0.is_empty(), "words are matched from their start");
    }

    #[test]
    fn segments_mark_the_matches_as_text() {
        let s = segments("Anna Müller", &[5..12]);
        assert_eq!(s, [Segment { text: "Anna ".into(), hit: false }, Segment { text: "Müller".into(), hit: true }]);
        let long = format!("{} agreed to send the draft MoU {}", "x ".repeat(60), "y ".repeat(80));
        let at = long.find("draft").unwrap();
        let s = snippet(&long, &[at..at + 5]);
        assert_eq!(s.first().unwrap().text, "…");
        assert_eq!(s.last().unwrap().text, "…");
        assert!(s.iter().any(|g| g.hit && g.text == "draft"));
        assert!(s.iter().map(|g| g.text.chars().count()).sum::<usize>() <= SNIPPET_CHARS + 2);
    }
}
