//! Reads an iCalendar stream into components and properties, keeping the
//! line of everything so that any later problem can be pointed at.
//!
//! Not the `ical` crate, though it was the first choice: its line reader
//! trims trailing whitespace from every folded segment (so "a b" folded
//! after the space comes back as "ab"), ends the stream silently at the
//! first invalid UTF-8 byte (a truncated import instead of an error), and
//! reports a component left open without any line. A coordinator's file
//! must come back exactly as written or be refused with a line number.

use crate::error::Error;
use crate::problem::Problem;

/// Limits on what one file may hold. They are far above anything a calendar
/// app writes (a million events with their VTIMEZONEs pass), and they keep a
/// hostile file from taking time or memory out of proportion, or the stack:
/// components nest only this deep, so nothing that walks or drops the tree
/// can recurse without bound. Documented in the README.
pub mod limits {
    /// VCALENDAR > VTIMEZONE > STANDARD is 3; VCALENDAR > VEVENT > VALARM too.
    pub const DEPTH: usize = 8;
    /// Octets of one content line once unfolded. A description at the
    /// longest Liaison takes (20,000 characters, escaped) fits many times.
    pub const LINE_OCTETS: usize = 1 << 20;
    /// Properties of one component: an invitation lists each attendee.
    pub const PROPERTIES_PER_COMPONENT: usize = 20_000;
    /// Parameters of one property, and values of one parameter.
    pub const PARAMETERS: usize = 100;
    /// Components in one file, all levels together.
    pub const COMPONENTS: usize = 5_000_000;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// Upper case.
    pub name: String,
    /// Names upper case; values as written, without their quotes.
    pub params: Vec<(String, Vec<String>)>,
    /// Still escaped: what escaping means depends on the value type.
    pub value: String,
    /// Where the property starts (1-based).
    pub line: usize,
}

impl Property {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.first()).map(String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Component {
    /// Upper case: VCALENDAR, VEVENT, VTODO, VTIMEZONE, …
    pub name: String,
    pub properties: Vec<Property>,
    pub components: Vec<Component>,
    /// The line of its BEGIN.
    pub line: usize,
}

impl Component {
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }
}

/// A position in the file and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub problem: Problem,
}

impl SyntaxError {
    pub fn into_error(self, path: &str) -> Error {
        Error::Malformed {
            path: path.to_owned(),
            line: self.line,
            column: self.column,
            problem: Box::new(self.problem),
        }
    }
}

/// One unfolded content line and the physical lines it came from.
struct Logical {
    text: String,
    /// (physical line, byte offset in `text` where that line's content starts)
    segments: Vec<(usize, usize)>,
}

impl Logical {
    /// The line and column (in characters, 1-based) of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let i = self.segments.iter().rposition(|(_, start)| *start <= offset).unwrap_or(0);
        let (line, start) = self.segments[i];
        let lead = usize::from(i > 0); // the folding space
        let column = self.text.get(start..offset).map_or(0, |s| s.chars().count()) + 1 + lead;
        (line, column)
    }

    fn error(&self, offset: usize, problem: Problem) -> SyntaxError {
        let (line, column) = self.position(offset);
        SyntaxError { line, column, problem }
    }
}

/// Splits into physical lines (CRLF, or LF alone as many writers use) and
/// unfolds them: a line starting with a space or a tab continues the one
/// before, without that one character.
fn unfold(text: &str) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let number = i + 1;
        if let Some(rest) = line.strip_prefix([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.segments.push((number, last.text.len()));
                last.text.push_str(rest);
                continue;
            }
        }
        if line.is_empty() {
            continue;
        }
        out.push(Logical { text: line.to_owned(), segments: vec![(number, 0)] });
    }
    out
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

/// NAME *(";" param) ":" value
fn content_line(l: &Logical) -> Result<Property, SyntaxError> {
    let s = l.text.as_str();
    if s.len() > limits::LINE_OCTETS {
        return Err(l.error(0, Problem::IcsLineTooLong { max: limits::LINE_OCTETS }));
    }
    let name_end = s.find(|c: char| !is_name_char(c)).unwrap_or(s.len());
    if name_end == 0 {
        return Err(l.error(0, Problem::IcsPropertyName));
    }
    let name = s[..name_end].to_ascii_uppercase();
    let mut params = Vec::new();
    let mut pos = name_end;
    loop {
        match s[pos..].chars().next() {
            Some(':') => {
                pos += 1;
                break;
            }
            Some(';') => {
                pos += 1;
                let key_end = s[pos..].find(|c: char| !is_name_char(c)).map_or(s.len(), |e| pos + e);
                if key_end == pos {
                    return Err(l.error(pos, Problem::IcsParameterName));
                }
                let key = s[pos..key_end].to_ascii_uppercase();
                pos = key_end;
                if !s[pos..].starts_with('=') {
                    return Err(l.error(pos, Problem::IcsParameterEquals { parameter: key.to_string() }));
                }
                pos += 1;
                let mut values = Vec::new();
                loop {
                    if s[pos..].starts_with('"') {
                        let close = s[pos + 1..].find('"').ok_or_else(|| l.error(pos, Problem::IcsQuoteUnclosed))?;
                        values.push(s[pos + 1..pos + 1 + close].to_owned());
                        pos += close + 2;
                    } else {
                        let end = s[pos..].find([';', ':', ',', '"']).map_or(s.len(), |e| pos + e);
                        if s[end..].starts_with('"') {
                            return Err(l.error(end, Problem::IcsQuoteInside));
                        }
                        values.push(s[pos..end].to_owned());
                        pos = end;
                    }
                    if values.len() > limits::PARAMETERS {
                        return Err(l.error(pos, Problem::IcsTooManyValues { max: limits::PARAMETERS }));
                    }
                    if s[pos..].starts_with(',') {
                        pos += 1;
                    } else {
                        break;
                    }
                }
                params.push((key, values));
                if params.len() > limits::PARAMETERS {
                    return Err(l.error(pos, Problem::IcsTooManyParameters { max: limits::PARAMETERS }));
                }
            }
            Some(_) => return Err(l.error(pos, Problem::IcsColonOrSemicolon { after: s[..pos].to_owned() })),
            None => return Err(l.error(pos, Problem::IcsNoValue { after: s[..pos].to_owned() })),
        }
    }
    Ok(Property { name, params, value: s[pos..].to_owned(), line: l.segments[0].0 })
}

/// Parses a whole file into its top-level components (VCALENDARs).
pub fn parse(bytes: &[u8]) -> Result<Vec<Component>, SyntaxError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
            return Err(SyntaxError { line, column, problem: Problem::IcsNotUtf8 });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut top = Vec::new();
    let mut stack: Vec<Component> = Vec::new();
    let mut last_line = 1;
    let mut components = 0usize;
    for l in unfold(text) {
        let p = content_line(&l)?;
        last_line = *l.segments.last().map(|(n, _)| n).unwrap_or(&p.line);
        match p.name.as_str() {
            "BEGIN" => {
                let name = p.value.trim().to_ascii_uppercase();
                if name.is_empty() || !name.chars().all(is_name_char) {
                    return Err(l.error(6, Problem::IcsBeginName));
                }
                if stack.is_empty() && name != "VCALENDAR" {
                    return Err(l.error(0, Problem::IcsOutsideCalendar { what: format!("BEGIN:{name}") }));
                }
                if stack.len() >= limits::DEPTH {
                    return Err(l.error(0, Problem::IcsTooDeep { max: limits::DEPTH }));
                }
                components += 1;
                if components > limits::COMPONENTS {
                    return Err(l.error(0, Problem::IcsTooManyComponents { max: limits::COMPONENTS }));
                }
                stack.push(Component { name, line: p.line, ..Component::default() });
            }
            "END" => {
                let name = p.value.trim().to_ascii_uppercase();
                let Some(open) = stack.pop() else {
                    return Err(l.error(0, Problem::IcsEndWithoutBegin { name: name.to_string() }));
                };
                if open.name != name {
                    return Err(l.error(
                        4,
                        Problem::IcsEndMismatch {
                            name: name.to_string(),
                            open: open.name.clone(),
                            line: open.line.to_string(),
                        },
                    ));
                }
                match stack.last_mut() {
                    Some(parent) => parent.components.push(open),
                    None => top.push(open),
                }
            }
            _ => match stack.last_mut() {
                Some(c) if c.properties.len() >= limits::PROPERTIES_PER_COMPONENT => {
                    return Err(l.error(
                        0,
                        Problem::IcsTooManyProperties {
                            name: c.name.clone(),
                            line: c.line.to_string(),
                            max: limits::PROPERTIES_PER_COMPONENT,
                        },
                    ))
                }
                Some(c) => c.properties.push(p),
                None => return Err(l.error(0, Problem::IcsOutsideCalendar { what: p.name.clone() })),
            },
        }
    }
    if let Some(open) = stack.last() {
        return Err(SyntaxError {
            line: last_line,
            column: 1,
            problem: Problem::IcsNeverClosed { name: open.name.clone(), line: open.line.to_string() },
        });
    }
    if top.is_empty() {
        return Err(SyntaxError { line: 1, column: 1, problem: Problem::IcsNotCalendar });
    }
    Ok(top)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> SyntaxError {
        parse(s.as_bytes()).unwrap_err()
    }

    #[test]
    fn unfolds_keeping_spaces_at_fold_boundaries() {
        let cal = parse(b"BEGIN:VCALENDAR\r\nSUMMARY:a \r\n b\r\nX-Y:c\r\n\td\r\nEND:VCALENDAR\r\n").unwrap();
        assert_eq!(cal[0].property("SUMMARY").unwrap().value, "a b");
        assert_eq!(cal[0].property("X-Y").unwrap().value, "cd");
    }

    #[test]
    fn reads_parameters_quoted_and_listed() {
        let cal = parse(
            "BEGIN:VCALENDAR\nATTENDEE;CN=\"Zhang, Huidong\";ROLE=CHAIR;MEMBER=\"a:b\",\"c\":mailto:z@x.cn\nEND:VCALENDAR\n"
                .as_bytes(),
        )
        .unwrap();
        let p = cal[0].property("ATTENDEE").unwrap();
        assert_eq!(p.param("CN"), Some("Zhang, Huidong"));
        assert_eq!(p.params[2].1, vec!["a:b".to_owned(), "c".to_owned()]);
        assert_eq!(p.value, "mailto:z@x.cn");
    }

    #[test]
    fn errors_carry_line_and_column() {
        let e = err("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        assert_eq!((e.line, e.column), (3, 8), "{e:?}");
        let e = err("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTODO\nEND:VCALENDAR\n");
        assert_eq!(e.line, 3);
        assert!(e.problem.to_string().contains("BEGIN:VEVENT (line 2)"), "{}", e.problem);
        let e = err("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\n");
        assert!(e.problem.to_string().contains("never closed"), "{}", e.problem);
        let e = err("BEGIN:VCALENDAR\nX;Y=\"open:z\nEND:VCALENDAR\n");
        assert_eq!((e.line, e.column), (2, 5));
    }

    #[test]
    fn a_position_inside_a_folded_line_points_at_its_physical_line() {
        let e = err("BEGIN:VCALENDAR\r\nX-A;P=1\r\n ;Q=\"2\r\nEND:VCALENDAR\r\n");
        assert_eq!(e.line, 3);
    }

    #[test]
    fn invalid_utf8_is_refused_at_its_place() {
        let e = parse(b"BEGIN:VCALENDAR\nSUMMARY:ok\nSUMMARY:ab\xff\nEND:VCALENDAR\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 11));
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused_without_recursion() {
        // 300,000 levels: a parser or a Drop that recursed would overflow
        // the stack long before.
        let mut f = String::from("BEGIN:VCALENDAR\n");
        for _ in 0..300_000 {
            f.push_str("BEGIN:X\n");
        }
        let e = err(&f);
        assert_eq!(e.line, 1 + limits::DEPTH, "{e:?}");
        assert!(e.problem.to_string().contains("nested"), "{}", e.problem);
    }

    #[test]
    fn a_line_of_megabytes_is_refused_at_its_line() {
        let f = format!("BEGIN:VCALENDAR\nX-A:ok\nSUMMARY:{}\nEND:VCALENDAR\n", "a".repeat(3 << 20));
        let e = err(&f);
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.problem.to_string().contains("longer than"), "{}", e.problem);
    }

    #[test]
    fn too_many_properties_or_parameters_are_refused() {
        let mut f = String::from("BEGIN:VCALENDAR\nBEGIN:VEVENT\n");
        for _ in 0..limits::PROPERTIES_PER_COMPONENT + 5 {
            f.push_str("X-A:1\n");
        }
        let e = err(&f);
        assert_eq!(e.line, 3 + limits::PROPERTIES_PER_COMPONENT, "{e:?}");
        let f = format!("BEGIN:VCALENDAR\nX-A{}:1\nEND:VCALENDAR\n", ";P=1".repeat(500));
        assert!(err(&f).problem.to_string().contains("parameters"));
        let f = format!("BEGIN:VCALENDAR\nX-A;P=1{}:1\nEND:VCALENDAR\n", ",1".repeat(500));
        assert!(err(&f).problem.to_string().contains("values"));
    }

    #[test]
    fn not_a_calendar() {
        assert!(err("").problem.to_string().contains("no BEGIN:VCALENDAR"));
        assert!(err("hello").problem.to_string().contains("expected ':'"));
        assert!(err("BEGIN:VEVENT\nEND:VEVENT\n").problem.to_string().contains("outside BEGIN:VCALENDAR"));
    }
}
