//! RFC 5545 content lines: TEXT escaping, parameter quoting, and folding at
//! 75 octets between UTF-8 characters, with CRLF line ends.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// The longest a content line may be, in octets, without its CRLF.
pub const FOLD_OCTETS: usize = 75;

/// Builds an iCalendar stream one property at a time. Each property is first
/// assembled whole in `line` and then folded into `out`, so the folding never
/// has to know about escaping and never splits a character.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    line: String,
}

impl Writer {
    pub fn with_capacity(bytes: usize) -> Self {
        Self { out: String::with_capacity(bytes), line: String::with_capacity(256) }
    }

    pub fn begin(&mut self, component: &str) {
        self.raw("BEGIN", component);
    }

    pub fn end(&mut self, component: &str) {
        self.raw("END", component);
    }

    /// A property whose value is already in iCalendar syntax: dates,
    /// integers, enumerated values, URIs.
    pub fn raw(&mut self, name: &str, value: &str) {
        self.raw_with(name, &[], value);
    }

    pub fn raw_with(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        self.start(name, params);
        self.line.push_str(value);
        self.flush();
    }

    /// A TEXT property: backslash, semicolon, comma and line breaks escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.text_with(name, &[], value);
    }

    pub fn text_with(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        self.start(name, params);
        escape_text_into(&mut self.line, value);
        self.flush();
    }

    /// A DATE value: `NAME;VALUE=DATE:YYYYMMDD`.
    pub fn date(&mut self, name: &str, d: NaiveDate) {
        self.start(name, &[("VALUE", "DATE")]);
        push_date(&mut self.line, d);
        self.flush();
    }

    /// A DATE-TIME value: UTC with a `Z`, or local time with its TZID.
    pub fn date_time(&mut self, name: &str, tzid: Option<&str>, t: NaiveDateTime) {
        match tzid {
            Some(z) => self.start(name, &[("TZID", z)]),
            None => self.start(name, &[]),
        }
        push_date_time(&mut self.line, t);
        if tzid.is_none() {
            self.line.push('Z');
        }
        self.flush();
    }

    pub fn integer(&mut self, name: &str, n: u32) {
        self.start(name, &[]);
        let _ = write!(self.line, "{n}");
        self.flush();
    }

    /// A TEXT list (CATEGORIES): each value escaped, joined by commas.
    pub fn text_list(&mut self, name: &str, values: &[&str]) {
        self.start(name, &[]);
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.line.push(',');
            }
            escape_text_into(&mut self.line, v);
        }
        self.flush();
    }

    fn start(&mut self, name: &str, params: &[(&str, &str)]) {
        self.line.clear();
        self.line.push_str(name);
        for (key, value) in params {
            self.line.push(';');
            self.line.push_str(key);
            self.line.push('=');
            param_value_into(&mut self.line, value);
        }
        self.line.push(':');
    }

    fn flush(&mut self) {
        fold_into(&mut self.out, &self.line);
    }

    pub fn finish(self) -> String {
        self.out
    }

    /// Octets written so far.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }
}

/// The number the ASCII digits of `s` write, if they are all digits.
fn digits(s: &[u8]) -> Option<u32> {
    s.iter().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

/// A DATE value, YYYYMMDD (RFC 5545 3.3.4: four, two and two digits, no
/// sign). Read by hand, as it is written: chrono's `parse_from_str` reads
/// its format string again for every value, and the dates and times were
/// an eighth of reading a large calendar file.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 8 {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(&b[..4])? as i32, digits(&b[4..6])?, digits(&b[6..])?)
}

/// A DATE-TIME value without its `Z`, YYYYMMDDTHHMMSS (3.3.5; the `T`
/// in either case, as ABNF's literals are, like the `Z`). A second
/// of 60 is a leap second, which chrono keeps as 59 and a whole second of
/// nanoseconds, as its own parser did.
pub fn parse_date_time(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 15 || !b[8].eq_ignore_ascii_case(&b'T') {
        return None;
    }
    let date = parse_date(&s[..8])?;
    let (h, m, sec) = (digits(&b[9..11])?, digits(&b[11..13])?, digits(&b[13..])?);
    let time = match sec {
        60 => chrono::NaiveTime::from_hms_nano_opt(h, m, 59, 1_000_000_000)?,
        _ => chrono::NaiveTime::from_hms_opt(h, m, sec)?,
    };
    Some(date.and_time(time))
}

/// YYYYMMDD. Written by hand: chrono's strftime parses its format string
/// on every call, which was a tenth of an export of 100,000 events.
pub fn push_date(out: &mut String, d: NaiveDate) {
    let y = d.year();
    if !(0..=9999).contains(&y) {
        let _ = write!(out, "{}", d.format("%Y%m%d"));
        return;
    }
    push_digits(out, y as u32, 4);
    push_digits(out, d.month(), 2);
    push_digits(out, d.day(), 2);
}

/// YYYYMMDDTHHMMSS
pub fn push_date_time(out: &mut String, t: NaiveDateTime) {
    push_date(out, t.date());
    out.push('T');
    push_digits(out, t.hour(), 2);
    push_digits(out, t.minute(), 2);
    push_digits(out, t.second(), 2);
}

fn push_digits(out: &mut String, n: u32, width: u32) {
    for i in (0..width).rev() {
        let digit = (n / 10u32.pow(i)) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

/// Appends `line` folded at 75 octets, never inside a UTF-8 character, and
/// a CRLF. A continuation line starts with one space, which counts.
pub fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut room = FOLD_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = FOLD_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// TEXT escaping (RFC 5545 3.3.11). Any line break, CRLF, LF or a lone CR
/// from a text area, becomes `\n`. ASCII control characters other than tab
/// are not allowed in TEXT at all, so they are dropped.
///
/// Works on bytes and copies the runs between special characters whole: all
/// the special characters are ASCII, so a UTF-8 sequence is never cut.
pub fn escape_text_into(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let special = matches!(b, b'\\' | b';' | b',') || (b < 0x20 && b != b'\t') || b == 0x7f;
        if !special {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        match b {
            b'\\' => out.push_str("\\\\"),
            b';' => out.push_str("\\;"),
            b',' => out.push_str("\\,"),
            b'\n' => out.push_str("\\n"),
            b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                out.push_str("\\n");
            }
            _ => {} // other controls: dropped
        }
        i += 1;
        run = i;
    }
    out.push_str(&s[run..]);
}

pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_text_into(&mut out, s);
    out
}

/// A parameter value (RFC 5545 3.1): quoted when it holds `:`, `;` or `,`.
/// A double quote cannot appear even quoted, so it becomes a single quote;
/// line breaks become spaces and other controls are dropped.
pub fn param_value_into(out: &mut String, value: &str) {
    let quote = value.contains([':', ';', ',']);
    if quote {
        out.push('"');
    }
    for c in value.chars() {
        match c {
            '"' => out.push('\''),
            '\r' | '\n' => out.push(' '),
            '\t' => out.push(' '),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    if quote {
        out.push('"');
    }
}

/// Undoes TEXT escaping. Unknown escapes keep the escaped character, as
/// lenient readers do (some writers escape `:`).
pub fn unescape_text(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a TEXT list value on unescaped commas, then unescapes each part.
pub fn split_text_list(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ',' => {
                parts.push(unescape_text(&s[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(unescape_text(&s[start..]));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_at_75_octets_between_characters() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "张惠东和震".repeat(10));
        fold_into(&mut out, &long);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{long}\r\n"));
    }

    #[test]
    fn dates_by_hand_match_chrono() {
        let t = NaiveDate::from_ymd_opt(2025, 3, 9).unwrap().and_hms_opt(7, 5, 3).unwrap();
        let mut s = String::new();
        push_date_time(&mut s, t);
        assert_eq!(s, t.format("%Y%m%dT%H%M%S").to_string());
        s.clear();
        push_date(&mut s, NaiveDate::from_ymd_opt(12, 1, 31).unwrap());
        assert_eq!(s, "00120131");
    }

    proptest! {
        /// Every date and time chrono's parser reads from the fixed-width
        /// forms, the hand parser reads the same.
        #[test]
        fn dates_read_by_hand_as_chrono_reads_them(
            y in 0i32..=9999, mo in 1u32..=12, d in 1u32..=31, h in 0u32..=23, mi in 0u32..=59, s in 0u32..=60,
        ) {
            let date = format!("{y:04}{mo:02}{d:02}");
            prop_assert_eq!(parse_date(&date), NaiveDate::parse_from_str(&date, "%Y%m%d").ok());
            let t = format!("{date}T{h:02}{mi:02}{s:02}");
            prop_assert_eq!(parse_date_time(&t), NaiveDateTime::parse_from_str(&t, "%Y%m%dT%H%M%S").ok());
        }
    }

    #[test]
    fn dates_read_by_hand_refuse_what_is_not_the_form() {
        let good = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        assert_eq!(parse_date("20260310"), Some(good));
        assert_eq!(parse_date_time("20260310T090000"), good.and_hms_opt(9, 0, 0));
        assert_eq!(parse_date_time("20260310t090000"), good.and_hms_opt(9, 0, 0));
        for bad in ["2026031", "202603100", "2026-3-10", "+2026031", "20260230", "2026031a", "２０２６0310"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        for bad in ["20260310X090000", "20260310T0900", "20260310T250000", "20260310T096000", "20260310 090000"] {
            assert_eq!(parse_date_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn short_lines_are_not_folded() {
        let mut out = String::new();
        fold_into(&mut out, &"A".repeat(75));
        assert_eq!(out, format!("{}\r\n", "A".repeat(75)));
        out.clear();
        fold_into(&mut out, &"A".repeat(76));
        assert_eq!(out, format!("{}\r\n A\r\n", "A".repeat(75)));
    }

    #[test]
    fn escapes_text_specials_and_every_line_break() {
        assert_eq!(escape_text("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
        assert_eq!(escape_text("bell\u{7}"), "bell");
    }

    #[test]
    fn quotes_parameter_values_that_need_it() {
        let mut s = String::new();
        param_value_into(&mut s, "Zhang, Huidong \"HD\"");
        assert_eq!(s, "\"Zhang, Huidong 'HD'\"");
        s.clear();
        param_value_into(&mut s, "和震");
        assert_eq!(s, "和震");
    }

    proptest! {
        #[test]
        fn escaping_round_trips(s in any::<String>()) {
            // Line breaks all come back as LF; controls other than tab are dropped.
            let expected: String = s.replace("\r\n", "\n").replace('\r', "\n").chars()
                .filter(|c| !c.is_ascii_control() || *c == '\n' || *c == '\t').collect();
            prop_assert_eq!(unescape_text(&escape_text(&s)), expected);
        }

        #[test]
        fn folding_keeps_every_octet_and_every_line_short(s in "\\PC{0,300}") {
            let mut out = String::new();
            fold_into(&mut out, &s);
            for line in out.split("\r\n") {
                prop_assert!(line.len() <= 75);
            }
            prop_assert_eq!(out.replace("\r\n ", ""), format!("{s}\r\n"));
        }
    }
}
