-- Liaison schema, version 9: when people cannot be booked.
--
-- "Only mornings on 12-14 October", "abroad 1-10 November": a period of
-- days, in a time zone, during which a person is away (all day, or within
-- daily hours), or available only within daily hours. An agenda item that
-- puts them outside it is a conflict.
CREATE TABLE availability (
    id         BLOB PRIMARY KEY NOT NULL,
    person_id  BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('away', 'only')),
    first_day  TEXT NOT NULL,
    last_day   TEXT NOT NULL,
    from_time  TEXT NOT NULL DEFAULT '',
    to_time    TEXT NOT NULL DEFAULT '',
    time_zone  TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    revision   INTEGER NOT NULL DEFAULT 1,
    CHECK (last_day >= first_day)
) STRICT;

CREATE TRIGGER availability_revision AFTER UPDATE ON availability
WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE availability SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;

CREATE INDEX availability_person ON availability (person_id, first_day);
