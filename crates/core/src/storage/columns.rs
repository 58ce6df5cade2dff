//! The columns of the schema both backends share, and which of them an
//! upsert may change and a calendar shows: one list each, so that the two
//! backends cannot disagree on what raises a SEQUENCE.

pub(crate) const VISIT_COLUMNS: &str =
    "id, kind, title, purpose, status, host_org_id, guest_org_id, starts_at, ends_at, \
                       time_zone, venue, online_link, notes, minutes, topics, ical_uid, sequence, \
                       created_at, updated_at";

/// Columns an upsert may change (not the key, not `created_at`).
pub(crate) const VISIT_UPDATABLE: &[&str] = &[
    "kind",
    "title",
    "purpose",
    "status",
    "host_org_id",
    "guest_org_id",
    "starts_at",
    "ends_at",
    "time_zone",
    "venue",
    "online_link",
    "notes",
    "minutes",
    "topics",
    "ical_uid",
];

/// Columns a calendar shows: a change to one raises SEQUENCE.
pub(crate) const VISIT_SHOWN: &[&str] =
    &["starts_at", "ends_at", "time_zone", "title", "purpose", "status", "venue", "online_link"];

pub(crate) const AGENDA_COLUMNS: &str = "id, visit_id, starts_at, ends_at, time_zone, title, kind, status, location, \
                       description, ical_uid, sequence, created_at, updated_at, room_id, position";

/// Columns an upsert may change (not the key, not `created_at`).
pub(crate) const AGENDA_UPDATABLE: &[&str] = &[
    "visit_id",
    "starts_at",
    "ends_at",
    "time_zone",
    "title",
    "kind",
    "status",
    "location",
    "description",
    "ical_uid",
    "room_id",
    "position",
];

/// Columns a calendar shows: a change to one raises SEQUENCE (the room is
/// its LOCATION).
pub(crate) const AGENDA_SHOWN: &[&str] =
    &["starts_at", "ends_at", "time_zone", "title", "kind", "status", "location", "description", "room_id"];

pub(crate) const FOLLOW_UP_COLUMNS: &str =
    "id, visit_id, title, owner_id, counterpart_org_id, due_date, status, to_act, notes, \
                       ical_uid, sequence, created_at, updated_at";

/// Columns an upsert may change (not the key, not `created_at`).
pub(crate) const FOLLOW_UP_UPDATABLE: &[&str] =
    &["visit_id", "title", "owner_id", "counterpart_org_id", "due_date", "status", "to_act", "notes", "ical_uid"];

/// Columns a calendar shows: a change to one raises SEQUENCE.
pub(crate) const FOLLOW_UP_SHOWN: &[&str] = &["title", "owner_id", "due_date", "status", "notes"];

pub(crate) const PERSON_COLUMNS: &str =
    "id, name, chinese_name, native_name, title, organisation_id, email, phone, languages, \
                       dietary_needs, access_needs, notes, created_at, updated_at";

/// Columns an upsert may change (not the key, not `created_at`).
pub(crate) const PERSON_UPDATABLE: &[&str] = &[
    "name",
    "chinese_name",
    "native_name",
    "title",
    "organisation_id",
    "email",
    "phone",
    "languages",
    "dietary_needs",
    "access_needs",
    "notes",
];

pub(crate) const ORG_COLUMNS: &str =
    "id, name, chinese_name, native_name, acronym, country, kind, notes, created_at, updated_at";

/// Columns an upsert may change (not the key, not `created_at`).
pub(crate) const ORG_UPDATABLE: &[&str] =
    &["name", "chinese_name", "native_name", "acronym", "country", "kind", "notes"];

/// Columns an upsert may change (not the key, not `created_at`).
pub(crate) const PARTICIPANT_UPDATABLE: &[&str] = &["side", "role", "precedence"];

/// What a people search looks in: every form of the name, the title, the
/// email, and the organisation's names and acronym (`p`: people, `o`: the
/// person's organisation).
pub(crate) const PERSON_SEARCHED: &[&str] = &[
    "p.name",
    "p.chinese_name",
    "p.native_name",
    "p.title",
    "p.email",
    "o.name",
    "o.chinese_name",
    "o.native_name",
    "o.acronym",
];

/// What a visit search looks in: the title, the venue, and both
/// organisations' names and acronyms (`v`: visits, `h`: host, `g`: guest).
pub(crate) const VISIT_SEARCHED: &[&str] = &[
    "v.title",
    "v.venue",
    "h.name",
    "h.chinese_name",
    "h.native_name",
    "h.acronym",
    "g.name",
    "g.chinese_name",
    "g.native_name",
    "g.acronym",
];

pub(crate) const ROOM_COLUMNS: &str =
    "id, name, chinese_name, building, capacity, equipment, notes, created_at, updated_at";

/// Columns an upsert may change (not the key, not `created_at`).
pub(crate) const ROOM_UPDATABLE: &[&str] = &["name", "chinese_name", "building", "capacity", "equipment", "notes"];

pub(crate) const AVAILABILITY_COLUMNS: &str =
    "id, person_id, kind, first_day, last_day, from_time, to_time, time_zone, note, created_at, updated_at";

/// Columns an upsert may change (not the key, not `created_at`).
pub(crate) const AVAILABILITY_UPDATABLE: &[&str] =
    &["person_id", "kind", "first_day", "last_day", "from_time", "to_time", "time_zone", "note"];
