-- Liaison schema, version 3: the change history of every record.
--
-- One row per change a person made: who (the local user name), when, what
-- kind of record and which one, the visit it belongs to (for the visit's
-- History tab), the record's name or title at the time, and each field's
-- old and new value as JSON ([{"field", "old", "new", "hidden"}]). Fields
-- that hold contact details are recorded as changed without their values
-- ("hidden"), so that erasing them erases them. Rows outlive their records:
-- a deleted visit's history is still there to read.
CREATE TABLE history (
    seq       INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id BLOB NOT NULL,
    visit_id  BLOB,
    label     TEXT NOT NULL,
    action    TEXT NOT NULL,
    changes   TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE INDEX history_visit ON history (visit_id, seq);
CREATE INDEX history_entity ON history (entity_id, seq);
