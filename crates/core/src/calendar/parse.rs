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

/// What a calendar stream holds at its top level, one piece at a time:
/// [`Stream`] hands each component of a calendar over whole as soon as its
/// END is read, so that a file of a million events is read in the memory
/// of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// BEGIN:VCALENDAR, on that line.
    Begin { line: usize },
    /// A property of the calendar itself: METHOD, X-WR-CALNAME, …
    Property(Property),
    /// A component of the calendar, with everything nested in it: VEVENT,
    /// VTODO, VTIMEZONE, …
    Component(Component),
    /// END:VCALENDAR.
    End,
}

/// Reads an iCalendar stream from any buffered reader, checking it as
/// [`parse`] does (the same limits, the same errors at the same lines and
/// columns), and yields its [`Item`]s in order.
pub struct Stream<R> {
    input: R,
    /// Physical lines read so far.
    line: usize,
    /// Bytes read so far, for progress.
    read: u64,
    /// The logical line being unfolded: the next physical line may continue it.
    pending: Option<Logical>,
    /// The physical line last read, as bytes (reused).
    buf: Vec<u8>,
    /// Components open, the calendar first.
    stack: Vec<Component>,
    components: usize,
    calendars: usize,
    /// Properties of the calendar open, counted for the limit.
    calendar_properties: usize,
    /// The last physical line of the last logical line read.
    last_line: usize,
    finished: bool,
}

impl<R: std::io::BufRead> Stream<R> {
    pub fn new(input: R) -> Self {
        Stream {
            input,
            line: 0,
            read: 0,
            pending: None,
            buf: Vec::with_capacity(256),
            stack: Vec::new(),
            components: 0,
            calendars: 0,
            calendar_properties: 0,
            last_line: 1,
            finished: false,
        }
    }

    /// Bytes of the input read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }

    /// The next unfolded content line: a physical line starting with a
    /// space or a tab continues the one before, without that one character.
    fn logical(&mut self) -> Result<Option<Logical>, SyntaxError> {
        loop {
            let number = self.line + 1;
            let first = self.pending.as_ref().map(|p| p.segments[0].0);
            let Some(text) = physical(&mut self.input, &mut self.buf, &mut self.line, &mut self.read, first)? else {
                return Ok(self.pending.take());
            };
            if let (Some(rest), Some(last)) = (text.strip_prefix([' ', '\t']), self.pending.as_mut()) {
                if last.text.len() + rest.len() > limits::LINE_OCTETS {
                    return Err(last.error(0, Problem::IcsLineTooLong { max: limits::LINE_OCTETS }));
                }
                last.segments.push((number, last.text.len()));
                last.text.push_str(rest);
                continue;
            }
            if text.is_empty() {
                continue;
            }
            let next = Logical { text: text.to_owned(), segments: vec![(number, 0)] };
            if let Some(done) = self.pending.replace(next) {
                return Ok(Some(done));
            }
        }
    }

    /// The next item; None once the stream has ended well.
    pub fn next_item(&mut self) -> Result<Option<Item>, SyntaxError> {
        if self.finished {
            return Ok(None);
        }
        while let Some(l) = self.logical()? {
            let p = content_line(&l)?;
            self.last_line = *l.segments.last().map(|(n, _)| n).unwrap_or(&p.line);
            let depth = self.stack.len();
            match p.name.as_str() {
                "BEGIN" => {
                    let name = p.value.trim().to_ascii_uppercase();
                    if name.is_empty() || !name.chars().all(is_name_char) {
                        return Err(l.error(6, Problem::IcsBeginName));
                    }
                    if self.stack.is_empty() && name != "VCALENDAR" {
                        return Err(l.error(0, Problem::IcsOutsideCalendar { what: format!("BEGIN:{name}") }));
                    }
                    if self.stack.len() >= limits::DEPTH {
                        return Err(l.error(0, Problem::IcsTooDeep { max: limits::DEPTH }));
                    }
                    self.components += 1;
                    if self.components > limits::COMPONENTS {
                        return Err(l.error(0, Problem::IcsTooManyComponents { max: limits::COMPONENTS }));
                    }
                    self.stack.push(Component { name, line: p.line, ..Component::default() });
                    if self.stack.len() == 1 {
                        self.calendars += 1;
                        self.calendar_properties = 0;
                        return Ok(Some(Item::Begin { line: p.line }));
                    }
                }
                "END" => {
                    let name = p.value.trim().to_ascii_uppercase();
                    let Some(open) = self.stack.pop() else {
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
                    match self.stack.len() {
                        0 => return Ok(Some(Item::End)),
                        1 => return Ok(Some(Item::Component(open))),
                        _ => self.stack.last_mut().expect("a parent").components.push(open),
                    }
                }
                _ => match self.stack.last_mut() {
                    Some(c) if depth > 1 && c.properties.len() >= limits::PROPERTIES_PER_COMPONENT => {
                        return Err(l.error(
                            0,
                            Problem::IcsTooManyProperties {
                                name: c.name.clone(),
                                line: c.line.to_string(),
                                max: limits::PROPERTIES_PER_COMPONENT,
                            },
                        ))
                    }
                    // The calendar's own properties go out at once; only
                    // how many it has had is kept, for the limit.
                    Some(_) if depth == 1 => {
                        self.calendar_properties += 1;
                        if self.calendar_properties > limits::PROPERTIES_PER_COMPONENT {
                            let c = &self.stack[0];
                            return Err(l.error(
                                0,
                                Problem::IcsTooManyProperties {
                                    name: c.name.clone(),
                                    line: c.line.to_string(),
                                    max: limits::PROPERTIES_PER_COMPONENT,
                                },
                            ));
                        }
                        return Ok(Some(Item::Property(p)));
                    }
                    Some(c) => c.properties.push(p),
                    None => return Err(l.error(0, Problem::IcsOutsideCalendar { what: p.name.clone() })),
                },
            }
        }
        self.finished = true;
        if let Some(open) = self.stack.last() {
            return Err(SyntaxError {
                line: self.last_line,
                column: 1,
                problem: Problem::IcsNeverClosed { name: open.name.clone(), line: open.line.to_string() },
            });
        }
        if self.calendars == 0 {
            return Err(SyntaxError { line: 1, column: 1, problem: Problem::IcsNotCalendar });
        }
        Ok(None)
    }
}

/// Reads one physical line into `buf` and gives it without its line end,
/// as text; None at the end. `first`: the first line of the logical line it
/// may continue, where a line too long is reported.
fn physical<'b, R: std::io::BufRead>(
    input: &mut R,
    buf: &'b mut Vec<u8>,
    line: &mut usize,
    read: &mut u64,
    first: Option<usize>,
) -> Result<Option<&'b str>, SyntaxError> {
    use std::io::{BufRead as _, Read as _};
    buf.clear();
    // Read at most a little more than a line may hold, so that a file with
    // no line ends at all is refused without being held.
    let limit = limits::LINE_OCTETS as u64 + 3;
    let n = input.take(limit).read_until(b'\n', buf).map_err(|e| SyntaxError {
        line: *line + 1,
        column: 1,
        problem: Problem::IcsUnreadable { detail: e.to_string() },
    })?;
    if n == 0 {
        return Ok(None);
    }
    *read += n as u64;
    *line += 1;
    if buf.last() == Some(&b'\n') {
        buf.pop();
    } else if n as u64 == limit {
        // A continuation is reported at the line it continues.
        let continues = matches!(buf.first(), Some(b' ' | b'\t'));
        return Err(SyntaxError {
            line: first.filter(|_| continues).unwrap_or(*line),
            column: 1,
            problem: Problem::IcsLineTooLong { max: limits::LINE_OCTETS },
        });
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    let mut bytes = buf.as_slice();
    if *line == 1 {
        bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(e) => {
            let column = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).chars().count() + 1;
            Err(SyntaxError { line: *line, column, problem: Problem::IcsNotUtf8 })
        }
    }
}

/// Parses a whole file into its top-level components (VCALENDARs).
pub fn parse(bytes: &[u8]) -> Result<Vec<Component>, SyntaxError> {
    let mut stream = Stream::new(bytes);
    let mut top: Vec<Component> = Vec::new();
    while let Some(item) = stream.next_item()? {
        match item {
            Item::Begin { line } => top.push(Component { name: "VCALENDAR".into(), line, ..Component::default() }),
            Item::Property(p) => top.last_mut().expect("inside a calendar").properties.push(p),
            Item::Component(c) => top.last_mut().expect("inside a calendar").components.push(c),
            Item::End => {}
        }
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

    /// Gives `head`, then fails as a disk might.
    struct FailsAfter<'a> {
        head: &'a [u8],
    }

    impl std::io::Read for FailsAfter<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.head.is_empty() {
                return Err(std::io::Error::other("the disk went away"));
            }
            let n = buf.len().min(self.head.len());
            buf[..n].copy_from_slice(&self.head[..n]);
            self.head = &self.head[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_stream_hands_each_component_over_before_reading_on() {
        // A line is whole only once the next has begun (it may be folded
        // on), so the event is handed over when line 9 is read.
        let head = b"BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\nUID:a\r\nBEGIN:VALARM\r\nX:1\r\nEND:VALARM\r\nEND:VEVENT\r\nBEGIN:VTODO\r\n";
        let mut s = Stream::new(std::io::BufReader::new(FailsAfter { head }));
        assert_eq!(s.next_item().unwrap(), Some(Item::Begin { line: 1 }));
        match s.next_item().unwrap() {
            Some(Item::Property(p)) => {
                assert_eq!((p.name.as_str(), p.value.as_str(), p.line), ("METHOD", "PUBLISH", 2))
            }
            other => panic!("{other:?}"),
        }
        match s.next_item().unwrap() {
            Some(Item::Component(c)) => {
                assert_eq!((c.name.as_str(), c.line), ("VEVENT", 3));
                assert_eq!(c.property("UID").unwrap().value, "a");
                assert_eq!(c.components[0].name, "VALARM");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(s.bytes_read(), head.len() as u64);
        let e = s.next_item().unwrap_err();
        assert_eq!(e.line, 10);
        assert!(e.problem.to_string().contains("the disk went away"), "{}", e.problem);
    }

    #[test]
    fn a_file_without_line_ends_is_refused_without_being_held() {
        let mut f = b"BEGIN:VCALENDAR\nSUMMARY:".to_vec();
        f.resize(8 << 20, b'a');
        let mut s = Stream::new(f.as_slice());
        let e = s.next_item().unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(e.problem.to_string().contains("longer than"), "{}", e.problem);
        assert!(s.bytes_read() < (limits::LINE_OCTETS as u64) + 100, "read {}", s.bytes_read());
        // Folded into one line too long: refused at the line it began on.
        let f = format!("BEGIN:VCALENDAR\nX-A:{}\n {}\nEND:VCALENDAR\n", "a".repeat(600_000), "b".repeat(600_000));
        let e = err(&f);
        assert_eq!((e.line, e.column), (2, 1));
    }

    #[test]
    fn the_calendar_s_own_properties_are_limited_too() {
        let mut f = String::from("BEGIN:VCALENDAR\n");
        for _ in 0..limits::PROPERTIES_PER_COMPONENT + 1 {
            f.push_str("X-A:1\n");
        }
        assert_eq!(err(&f).line, 2 + limits::PROPERTIES_PER_COMPONENT);
    }
}
