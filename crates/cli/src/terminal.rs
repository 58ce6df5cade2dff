//! Nothing a file or a database holds reaches the terminal as a control:
//! an escape sequence in a visit's title could recolour, retitle or clear
//! the terminal, and a bidi override could make a listing read otherwise
//! than it is. Such characters are printed visibly, as `\u{…}`.

use std::fmt::Write;

use liaison_core::validate::is_deceptive;

/// Whether `c` must not reach a terminal as it is.
fn unsafe_char(c: char) -> bool {
    c.is_control() || is_deceptive(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Text for people: line breaks and tabs of the layout stay, everything
/// else that would act on the terminal is shown escaped.
pub fn text(s: &str) -> String {
    escape(s, |c| unsafe_char(c) && c != '\n' && c != '\t')
}

/// One line (a message): even a line break is shown escaped.
pub fn line(s: &str) -> String {
    escape(s, unsafe_char)
}

/// JSON output: serde escapes C0 controls; C1 controls and bidi or
/// invisible characters become `\u` escapes too, which only ever occur
/// inside strings and mean the same to a JSON reader.
pub fn json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            || is_deceptive(c)
            || matches!(c, '\u{2028}' | '\u{2029}')
        {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

fn escape(s: &str, bad: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if bad(c) {
            let _ = write!(out, "\\u{{{:04X}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_shown_not_obeyed() {
        assert_eq!(line("a\u{1b}]0;pwned\u{7}b"), "a\\u{001B}]0;pwned\\u{0007}b");
        assert_eq!(line("x\u{202E}y\nz"), "x\\u{202E}y\\u{000A}z");
        assert_eq!(text("x\u{9b}31m\n\ty"), "x\\u{009B}31m\n\ty");
        assert_eq!(text("张惠东 Zhang"), "张惠东 Zhang");
        let j = json("{\"t\": \"a\u{9b}b\u{202e}\"}");
        assert_eq!(j, "{\"t\": \"a\\u009bb\\u202e\"}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&j).unwrap()["t"], "a\u{9b}b\u{202e}");
    }
}
