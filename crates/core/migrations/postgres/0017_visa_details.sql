-- Team schema, version 17: passport data for visa invitation letters (see
-- the local database's migration 0016_visa_details.sql).
CREATE TABLE visa_details (
    visit_id        uuid NOT NULL,
    person_id       uuid NOT NULL,
    passport_name   text NOT NULL,
    gender          text NOT NULL CHECK (gender IN ('F', 'M', 'X')),
    nationality     text NOT NULL,
    date_of_birth   text NOT NULL,
    passport_number text NOT NULL,
    passport_expiry text,
    relationship    text NOT NULL,
    expenses        text NOT NULL,
    revision        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (visit_id, person_id),
    FOREIGN KEY (visit_id, person_id) REFERENCES participants (visit_id, person_id) ON DELETE CASCADE
);

CREATE TRIGGER visa_details_notify AFTER INSERT OR UPDATE OR DELETE ON visa_details
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();
