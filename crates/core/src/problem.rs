//! What is wrong with one value, as data: a message of the `core` catalogue
//! (locales/*/core.ftl) and its placeholders. The window renders it in its
//! own language from the code; the command line in its own; tests compare
//! variants, not sentences.

use std::collections::BTreeMap;

use liaison_i18n::{Arg, Lang};

/// A value for a placeholder, as it crosses into the window.
pub type Args = BTreeMap<String, serde_json::Value>;

macro_rules! problems {
    ($($(#[$meta:meta])* $variant:ident $({ $($arg:ident : $ty:ty),+ $(,)? })? => $id:literal),+ $(,)?) => {
        /// A broken rule, with what the message needs to say which.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Problem {
            $($(#[$meta])* $variant $({ $($arg: $ty),+ })?,)+
            /// Text from elsewhere (a library's message) that has no
            /// message of its own yet: shown as it is in every language.
            Text(String),
        }

        impl Problem {
            /// The catalogue's message; "" for [`Problem::Text`].
            pub fn code(&self) -> &'static str {
                match self {
                    $(Problem::$variant { .. } => $id,)+
                    Problem::Text(_) => "",
                }
            }

            /// The placeholders, by name.
            pub fn args(&self) -> Vec<(&'static str, Arg)> {
                match self {
                    $(
                        #[allow(unused_variables)]
                        Problem::$variant $({ $($arg),+ })? => vec![$($((stringify!($arg), Arg::from($arg.clone()))),+)?],
                    )+
                    Problem::Text(_) => Vec::new(),
                }
            }
        }
    };
}

problems! {
    Required => "problem-required",
    /// A name: one of its forms at least.
    NameRequired => "problem-name-required",
    /// A Chinese form of a name without a Chinese character in it.
    NotChinese => "problem-not-chinese",
    ZoneRequired => "problem-zone-required",
    /// A line break or another control character in one-line text.
    NotOneLine { character: String } => "problem-not-one-line",
    ControlCharacter { character: String } => "problem-control-character",
    /// Bidi controls and zero-width characters (validate::is_deceptive).
    Deceptive { character: String } => "problem-deceptive",
    TooLong { max: usize } => "problem-too-long",
    TooManyEntries { count: usize, max: usize } => "problem-too-many-entries",
    MoreEntriesThan { max: usize } => "problem-more-entries-than",
    NotEmail { value: String } => "problem-not-email",
    NotHttps { value: String } => "problem-not-https",
    NotPhone { value: String } => "problem-not-phone",
    UnknownZone { value: String } => "problem-unknown-zone",
    NotDateTime { value: String } => "problem-not-date-time",
    NotDate { value: String } => "problem-not-date",
    /// Years as text: a number would be written "1,900" in the window.
    OutsideYears { value: String, first: String, last: String } => "problem-outside-years",
    /// A wall-clock time skipped by a clock change.
    SkippedTime { time: String, zone: String } => "problem-skipped-time",
    /// A wall-clock time that happens twice.
    RepeatedTime { time: String, zone: String, first: String, second: String } => "problem-repeated-time",
    EndBeforeStart => "problem-end-before-start",
    /// Not a time of day like 09:30.
    NotClockTime { value: String } => "problem-not-clock-time",
    SameOrganisation => "problem-same-organisation",
    TooManyParticipants { max: usize } => "problem-too-many-participants",
    /// An invitation or a cancellation without an organiser. `titles`: the
    /// visits without a host-side participant with an email.
    OrganizerNeeded { titles: String } => "problem-organizer-needed",
    /// An invitation where no one can be invited.
    NothingToInvite => "problem-nothing-to-invite",
    /// What serde says of a value of the wrong shape, in words of our own
    /// (crate::problem::from_serde).
    NotOneOf { value: String, choices: String } => "problem-not-one-of",
    UnknownField { field: String, choices: String } => "problem-unknown-field",
    /// `found` and `expected` in serde's words (integer `5`, a string).
    WrongType { found: String, expected: String } => "problem-wrong-type",
    /// Calendar files that do not parse (the file, line and column go before).
    IcsLineTooLong { max: usize } => "problem-ics-line-too-long",
    IcsPropertyName => "problem-ics-property-name",
    IcsParameterName => "problem-ics-parameter-name",
    IcsParameterEquals { parameter: String } => "problem-ics-parameter-equals",
    IcsQuoteUnclosed => "problem-ics-quote-unclosed",
    IcsQuoteInside => "problem-ics-quote-inside",
    IcsTooManyValues { max: usize } => "problem-ics-too-many-values",
    IcsTooManyParameters { max: usize } => "problem-ics-too-many-parameters",
    IcsColonOrSemicolon { after: String } => "problem-ics-colon-or-semicolon",
    IcsNoValue { after: String } => "problem-ics-no-value",
    IcsBeginName => "problem-ics-begin-name",
    IcsOutsideCalendar { what: String } => "problem-ics-outside-calendar",
    IcsTooDeep { max: usize } => "problem-ics-too-deep",
    IcsTooManyComponents { max: usize } => "problem-ics-too-many-components",
    IcsEndWithoutBegin { name: String } => "problem-ics-end-without-begin",
    /// `line`: where the component still open began, as text.
    IcsEndMismatch { name: String, open: String, line: String } => "problem-ics-end-mismatch",
    IcsTooManyProperties { name: String, line: String, max: usize } => "problem-ics-too-many-properties",
    IcsNeverClosed { name: String, line: String } => "problem-ics-never-closed",
    IcsNotCalendar => "problem-ics-not-calendar",
    IcsNotUtf8 => "problem-ics-not-utf8",
    /// Reading the file failed part way (a disk or network error).
    IcsUnreadable { detail: String } => "problem-ics-unreadable",
    /// JSON that does not parse: serde_json's words for where it broke.
    JsonSyntax { detail: String } => "problem-json-syntax",
    /// The database failed (the detail goes to the log, not to the user).
    DatabaseFailed => "problem-database-failed",
    /// Long work stopped by the user, rolled back whole.
    Cancelled => "problem-cancelled",
    /// Liaison's own fault: `detail` for a report.
    InternalFault { detail: String } => "problem-internal-fault",
    /// Calendar files (the field names the file, the line and the property).
    IcsNotDate { value: String } => "problem-ics-not-date",
    IcsNotDateTime { value: String } => "problem-ics-not-date-time",
    IcsUnknownZone { zone: String } => "problem-ics-unknown-zone",
    IcsRecurring => "problem-ics-recurring",
    IcsNoUid { component: String } => "problem-ics-no-uid",
    IcsNotDuration { value: String } => "problem-ics-not-duration",
    IcsDurationPastDates { value: String } => "problem-ics-duration-past-dates",
    IcsOnlyTasks => "problem-ics-only-tasks",
    /// A file read twice (checked, then written) that was different the
    /// second time: another program was writing it.
    IcsChangedWhileRead { file: String } => "problem-ics-changed-while-read",
    NotWholeNumber { value: String } => "problem-not-whole-number",
    /// Liaison documents (the field is a JSON path).
    DocumentNotObject => "problem-document-not-object",
    FormatNotLiaison { expected: String } => "problem-format-not-liaison",
    /// Versions as text: numbers would be grouped in the window.
    VersionUnreadable { version: String, newest: String } => "problem-version-unreadable",
    MustBeWholeNumber => "problem-must-be-whole-number",
    DocumentTooLarge { count: usize, max: usize } => "problem-document-too-large",
    VisitListTooLong { count: usize, max: usize } => "problem-visit-list-too-long",
    NotArray => "problem-not-array",
    NotObject => "problem-not-object",
    NotString => "problem-not-string",
    NotUuidString => "problem-not-uuid-string",
    NotUuid { value: String } => "problem-not-uuid",
    IdUsedTwice { id: String, first: String } => "problem-id-used-twice",
    /// A record of a file whose id a stored record of another kind has.
    /// `kind`: that record's, as [`crate::model::SearchKind`] names it.
    IdTaken { id: String, kind: String } => "problem-id-taken",
    UidUsedTwice { uid: String, first: String } => "problem-uid-used-twice",
    /// A record of a file whose calendar UID a stored record of the same
    /// kind (`kind`, as [`crate::model::SearchKind`] names it) has.
    UidHeld { uid: String, kind: String } => "problem-uid-held",
    PersonTwiceOnVisit { id: String } => "problem-person-twice-on-visit",
    CountsFromOne => "problem-counts-from-one",
    SequenceRange => "problem-sequence-range",
    OrganisationNowhere { id: String } => "problem-organisation-nowhere",
    PersonNowhere { id: String } => "problem-person-nowhere",
    FollowUpNowhere { id: String } => "problem-follow-up-nowhere",
    RoomNowhere { id: String } => "problem-room-nowhere",
    NotParticipant { id: String } => "problem-not-participant",
    NotInItem { id: String } => "problem-not-in-item",
    SpeaksTwice => "problem-speaks-twice",
    OrganisationMissing { id: String } => "problem-organisation-missing",
    RoomMissing { id: String } => "problem-room-missing",
    PersonMissing { id: String } => "problem-person-missing",
    /// An id typed on the command line. `entity`: visit or person.
    AmbiguousId { text: String, count: usize, entity: String } => "problem-ambiguous-id",
    NotAnId { text: String, entity: String } => "problem-not-an-id",
    /// The team database's connection form.
    HostRequired => "problem-host-required",
    PortInvalid => "problem-port-invalid",
    DatabaseNameRequired => "problem-database-name-required",
    UserRequired => "problem-user-required",
    UserInvalid => "problem-user-invalid",
    NotAFile { path: String } => "problem-not-a-file",
    NoSettingsFolder => "problem-no-settings-folder",
    PasswordInUrl => "problem-password-in-url",
    /// A new order of one side that is not its participants. `side`: host
    /// or guest.
    SideOrder { side: String } => "problem-side-order",
    /// Refusals of an action that clashes with what is stored.
    OrganisationInUse => "problem-organisation-in-use",
    RoomInUse => "problem-room-in-use",
    /// A record of the file whose calendar UID another stored record has.
    /// `detail`: the database's words for it.
    UidTaken { detail: String } => "problem-uid-taken",
    /// A refusal of a file's import, said with the file's name. `problem`:
    /// the refusal in the process's language.
    InFile { file: String, problem: String } => "problem-in-file",
    PersonInUse => "problem-person-in-use",
    /// A database Liaison will not open or change, said after its path.
    NotSqlite => "problem-not-sqlite",
    OtherProgramsSqlite { mark: String } => "problem-other-programs-sqlite",
    SqliteUnreadable { detail: String } => "problem-sqlite-unreadable",
    ForeignSqlite => "problem-foreign-sqlite",
    NewerSchema { newer: String, known: String } => "problem-newer-schema",
    NameNotUtf8 => "problem-name-not-utf8",
    ServerSilent => "problem-server-silent",
    TeamNeedsMigration { version: String, needed: String } => "problem-team-needs-migration",
    TeamNewer { version: String, known: String } => "problem-team-newer",
    TeamEmpty => "problem-team-empty",
    TeamEmptyToMigrate => "problem-team-empty-to-migrate",
    TeamForeign => "problem-team-foreign",
    TeamAlreadyLiaison => "problem-team-already-liaison",
    TeamNotEmpty => "problem-team-not-empty",
    NoPgDump => "problem-no-pg-dump",
    BackupUnstarted { detail: String } => "problem-backup-unstarted",
    BackupFailed { detail: String } => "problem-backup-failed",
    UntrustedCertificate { detail: String } => "problem-untrusted-certificate",
    Unreachable { detail: String } => "problem-unreachable",
    TlsRefused { detail: String } => "problem-tls-refused",
    LoginRefused { detail: String } => "problem-login-refused",
    NoSuchDatabase { detail: String } => "problem-no-such-database",
    /// A number outside what the field takes (a room's capacity).
    OutOfRange { min: u64, max: u64 } => "problem-out-of-range",
    /// Not how passports write their numbers (5 to 20 letters and digits).
    NotPassportNumber { value: String } => "problem-not-passport-number",
    /// A date of birth today or later.
    BornAfterToday => "problem-born-after-today",
    /// A passport that runs out before the visit ends.
    PassportExpiresFirst { end: String } => "problem-passport-expires-first",
    /// An item moved before the first, or after the last, of those that
    /// start with it.
    NothingToMovePast => "problem-nothing-to-move-past",
    /// An acknowledgement of a conflict there is not (any longer).
    NoSuchConflict => "problem-no-such-conflict",
    /// A follow-up carried into the visit it already belongs to.
    CarriedOntoItsOwnVisit => "problem-carried-onto-own-visit",
    /// A viewer of a team database who tried to change it.
    ReadOnlyViewer => "problem-read-only-viewer",
    /// A record that is not there. `entity`: visit, person, organisation,
    /// agenda_item, follow_up, participant or previewed_import.
    NotFound { entity: String, id: String } => "error-not-found",
    /// A save over a revision that is no longer the latest.
    Stale { entity: String } => "error-stale",
    /// Warnings: an agenda item outside its visit's dates (`start`, `end`:
    /// the visit's, wall clock).
    OutsideVisit { start: String, end: String } => "warning-outside-visit",
    /// A visit's new dates leave one of its items outside.
    ItemNowOutside { title: String, start: String } => "warning-item-now-outside",
    /// Items a calendar import puts outside the dates of their visit.
    ItemsOutsideVisit { count: usize, title: String } => "warning-items-outside-visit",
    /// A person in two items at once, on this visit or (`visit`) another.
    Overlap { person: String, item: String } => "warning-overlap",
    OverlapElsewhere { person: String, item: String, visit: String } => "warning-overlap-elsewhere",
    /// A copied item whose shifted time the clocks skip or repeat on its
    /// new day; it starts at `time` instead.
    ShiftedOverClockChange { item: String, time: String, zone: String } => "warning-shifted-over-clock-change",
}

/// How an entity is named in a message's selector: `agenda item` is
/// `agenda_item` there.
/// serde's message of a value it could not read, as a problem of ours where
/// it is one we know: a value not among the allowed ones, a field that does
/// not exist, a value of the wrong type. Anything else stays serde's text.
pub fn from_serde(message: &str) -> Problem {
    // The words between backticks, in order: `banquet`, `meeting`, `talk`...
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let choices = || quoted.iter().skip(1).copied().collect::<Vec<_>>().join(", ");
    if message.starts_with("unknown variant `") && !quoted.is_empty() {
        return Problem::NotOneOf { value: quoted[0].to_owned(), choices: choices() };
    }
    if message.starts_with("unknown field `") && !quoted.is_empty() {
        return Problem::UnknownField { field: quoted[0].to_owned(), choices: choices() };
    }
    if let Some((found, expected)) = message.strip_prefix("invalid type: ").and_then(|m| m.split_once(", expected ")) {
        return Problem::WrongType { found: found.to_owned(), expected: expected.to_owned() };
    }
    Problem::Text(message.to_owned())
}

/// Items as a list in `lang`'s way ("a, b", "a、b").
pub fn list<S: AsRef<str>>(lang: Lang, items: impl IntoIterator<Item = S>) -> String {
    let separator = liaison_i18n::tr(lang, "list-separator", &[]);
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(&separator);
        }
        out.push_str(item.as_ref());
    }
    out
}

/// A title or a name quoted in a sentence ('x', “x”).
pub fn quoted(lang: Lang, text: &str) -> String {
    liaison_i18n::t!(lang, "quoted", text = text)
}

pub fn entity_key(entity: &str) -> String {
    match entity {
        "previewed calendar import" | "previewed document import" => "previewed_import".into(),
        other => other.replace([' ', '-'], "_"),
    }
}

impl Problem {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Text(t) => t.clone(),
            other => liaison_i18n::tr(lang, other.code(), &other.args()),
        }
    }

    /// The placeholders as the window receives them.
    pub fn json_args(&self) -> Args {
        self.args()
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    Arg::Text(s) => serde_json::Value::from(s),
                    Arg::Number(n) => serde_json::Value::from(n),
                };
                (k.to_owned(), v)
            })
            .collect()
    }
}

impl From<String> for Problem {
    fn from(s: String) -> Self {
        Problem::Text(s)
    }
}

impl From<&str> for Problem {
    fn from(s: &str) -> Self {
        Problem::Text(s.to_owned())
    }
}

/// "U+0007": how a character that cannot be shown is named.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

impl std::fmt::Display for Problem {
    /// In the process's language (the command line sets it).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(liaison_i18n::current()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serdes_words_become_problems_of_ours() {
        assert_eq!(
            from_serde("unknown variant `banquet`, expected one of `meeting`, `talk`, `tour`"),
            Problem::NotOneOf { value: "banquet".into(), choices: "meeting, talk, tour".into() }
        );
        assert_eq!(
            from_serde("unknown variant `x`, expected `host` or `guest`"),
            Problem::NotOneOf { value: "x".into(), choices: "host, guest".into() }
        );
        assert_eq!(
            from_serde("unknown field `nmae`, expected one of `name`, `title`"),
            Problem::UnknownField { field: "nmae".into(), choices: "name, title".into() }
        );
        assert_eq!(
            from_serde("invalid type: integer `5`, expected a string"),
            Problem::WrongType { found: "integer `5`".into(), expected: "a string".into() }
        );
        assert_eq!(from_serde("trailing characters"), Problem::Text("trailing characters".into()));
        let zh = from_serde("unknown variant `banquet`, expected one of `meeting`, `talk`").message(Lang::ZhCn);
        assert_eq!(zh, "“banquet”不是以下之一：meeting, talk");
    }
}
