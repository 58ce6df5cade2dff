-- Liaison schema, version 15: how a visit's people are seated.
--
-- The seats themselves are not stored: the core's rules place everyone
-- (crates/core/src/seating.rs). What is stored is the visit's convention
-- (which hand ranks higher, where interpreters sit, the size of a banquet
-- table) and the coordinator's swaps on top of the rules, as JSON lists of
-- [person, person] pairs in the order made. A visit without a row is
-- seated by the defaults.
CREATE TABLE seating_rules (
    visit_id      BLOB PRIMARY KEY REFERENCES visits (id) ON DELETE CASCADE,
    honour        TEXT NOT NULL CHECK (honour IN ('right', 'left')),
    interpreter   TEXT NOT NULL CHECK (interpreter IN ('behind', 'beside')),
    table_size    INTEGER NOT NULL CHECK (table_size BETWEEN 4 AND 24),
    meeting_swaps TEXT NOT NULL DEFAULT '[]',
    banquet_swaps TEXT NOT NULL DEFAULT '[]',
    revision      INTEGER NOT NULL DEFAULT 1
) STRICT, WITHOUT ROWID;
