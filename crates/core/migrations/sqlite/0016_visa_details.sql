-- Liaison schema, version 16: what a visa invitation letter needs about a
-- traveller (passport data).
--
-- Sensitive, so kept narrowly: only for someone on a visit who needs a visa
-- letter for it (a row per visit and person, gone with the participant or
-- the visit), deleted for a whole visit in one step once it is over, never
-- written to a calendar file or a JSON export, and never copied into the
-- history (which records that it changed, not what it was).
CREATE TABLE visa_details (
    visit_id        BLOB NOT NULL,
    person_id       BLOB NOT NULL,
    passport_name   TEXT NOT NULL,
    gender          TEXT NOT NULL CHECK (gender IN ('F', 'M', 'X')),
    nationality     TEXT NOT NULL,
    date_of_birth   TEXT NOT NULL,
    passport_number TEXT NOT NULL,
    passport_expiry TEXT,
    relationship    TEXT NOT NULL,
    expenses        TEXT NOT NULL,
    revision        INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (visit_id, person_id),
    FOREIGN KEY (visit_id, person_id) REFERENCES participants (visit_id, person_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
