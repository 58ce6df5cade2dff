-- Liaison schema, version 1.
-- Ids are UUIDs stored as 16-byte BLOBs. Instants are UTC unix seconds; the
-- IANA zone an instant was entered in is stored beside it, so that an agenda
-- planned in Beijing shows correctly in Geneva. Dates without a time (due
-- dates) are ISO 'YYYY-MM-DD' text. STRICT tables reject values of the wrong
-- type instead of silently storing them.

CREATE TABLE organisations (
    id          BLOB PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    native_name TEXT NOT NULL DEFAULT '',
    acronym     TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX organisations_name ON organisations (name COLLATE NOCASE);

CREATE TABLE people (
    id              BLOB PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    native_name     TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL DEFAULT '',
    organisation_id BLOB REFERENCES organisations (id) ON DELETE SET NULL,
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    languages       TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    dietary_needs   TEXT NOT NULL DEFAULT '',
    access_needs    TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX people_name ON people (name COLLATE NOCASE);
CREATE INDEX people_organisation ON people (organisation_id);

CREATE TABLE visits (
    id           BLOB PRIMARY KEY NOT NULL,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    purpose      TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    host_org_id  BLOB REFERENCES organisations (id) ON DELETE RESTRICT,
    guest_org_id BLOB REFERENCES organisations (id) ON DELETE RESTRICT,
    starts_at    INTEGER NOT NULL,
    ends_at      INTEGER NOT NULL,
    time_zone    TEXT NOT NULL,
    venue        TEXT NOT NULL DEFAULT '',
    online_link  TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    minutes      TEXT NOT NULL DEFAULT '',
    topics       TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    -- Calendar identity: the UID is stored (never recomputed) so that every
    -- export updates the same calendar entry; SEQUENCE rises on each change a
    -- calendar shows.
    ical_uid     TEXT NOT NULL UNIQUE,
    sequence     INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
) STRICT;

CREATE INDEX visits_start ON visits (starts_at, id);
CREATE INDEX visits_host ON visits (host_org_id);
CREATE INDEX visits_guest ON visits (guest_org_id);

-- A person's place on a visit. A person is on a visit at most once, so the
-- pair is the key and agenda items can reference it directly.
CREATE TABLE participants (
    visit_id   BLOB NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    person_id  BLOB NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    side       TEXT NOT NULL,
    role       TEXT NOT NULL,
    precedence INTEGER NOT NULL,
    PRIMARY KEY (visit_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX participants_person ON participants (person_id);

CREATE TABLE agenda_items (
    id          BLOB PRIMARY KEY NOT NULL,
    visit_id    BLOB NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    time_zone   TEXT NOT NULL,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'confirmed',
    location    TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    ical_uid    TEXT NOT NULL UNIQUE,
    sequence    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
) STRICT;

CREATE INDEX agenda_items_visit ON agenda_items (visit_id, starts_at);

-- Who an agenda item involves. The composite foreign key makes the database
-- itself refuse an agenda participant who is not on the visit, and removing a
-- participant from the visit removes them from its agenda items.
CREATE TABLE agenda_participants (
    agenda_item_id BLOB NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    visit_id       BLOB NOT NULL,
    person_id      BLOB NOT NULL,
    PRIMARY KEY (agenda_item_id, person_id),
    FOREIGN KEY (visit_id, person_id) REFERENCES participants (visit_id, person_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- One index serves both the clash check (by person, across visits) and the
-- cascade when a participant leaves a visit (by person and visit): the
-- cascade is an ordinary WHERE on both columns, so their order is free.
CREATE INDEX agenda_participants_person ON agenda_participants (person_id, visit_id);

CREATE TABLE follow_ups (
    id                 BLOB PRIMARY KEY NOT NULL,
    visit_id           BLOB NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    title              TEXT NOT NULL,
    owner_id           BLOB REFERENCES people (id) ON DELETE RESTRICT,
    counterpart_org_id BLOB REFERENCES organisations (id) ON DELETE RESTRICT,
    due_date           TEXT,
    status             TEXT NOT NULL,
    notes              TEXT NOT NULL DEFAULT '',
    ical_uid           TEXT NOT NULL UNIQUE,
    sequence           INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
) STRICT;

CREATE INDEX follow_ups_visit ON follow_ups (visit_id, due_date);
CREATE INDEX follow_ups_owner ON follow_ups (owner_id);
CREATE INDEX follow_ups_counterpart ON follow_ups (counterpart_org_id);
