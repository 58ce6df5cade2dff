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
                       description, ical_uid, sequence, created_at, updated_at";

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
];

/// Columns a calendar shows: a change to one raises SEQUENCE.
pub(crate) const AGENDA_SHOWN: &[&str] =
    &["starts_at", "ends_at", "time_zone", "title", "kind", "status", "location", "description"];

pub(crate) const FOLLOW_UP_COLUMNS: &str =
    "id, visit_id, title, owner_id, counterpart_org_id, due_date, status, notes, \
                       ical_uid, sequence, created_at, updated_at";

/// Columns an upsert may change (not the key, not `created_at`).
pub(crate) const FOLLOW_UP_UPDATABLE: &[&str] =
    &["visit_id", "title", "owner_id", "counterpart_org_id", "due_date", "status", "notes", "ical_uid"];

/// Columns a calendar shows: a change to one raises SEQUENCE.
pub(crate) const FOLLOW_UP_SHOWN: &[&str] = &["title", "owner_id", "due_date", "status", "notes"];

pub(crate) const PERSON_COLUMNS: &str = "id, name, native_name, title, organisation_id, email, phone, languages, \
                       dietary_needs, access_needs, notes, created_at, updated_at";

/// Columns an upsert may change (not the key, not `created_at`).
pub(crate) const PERSON_UPDATABLE: &[&str] = &[
    "name",
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

pub(crate) const ORG_COLUMNS: &str = "id, name, native_name, acronym, country, kind, notes, created_at, updated_at";

/// Columns an upsert may change (not the key, not `created_at`).
pub(crate) const ORG_UPDATABLE: &[&str] = &["name", "native_name", "acronym", "country", "kind", "notes"];

/// Columns an upsert may change (not the key, not `created_at`).
pub(crate) const PARTICIPANT_UPDATABLE: &[&str] = &["side", "role", "precedence"];
