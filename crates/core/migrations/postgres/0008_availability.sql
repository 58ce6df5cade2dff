-- Team schema, version 8: when people cannot be booked (see the local
-- database's migration 0009_availability.sql).
CREATE TABLE availability (
    id         uuid PRIMARY KEY,
    person_id  uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('away', 'only')),
    first_day  date NOT NULL,
    last_day   date NOT NULL,
    from_time  text NOT NULL DEFAULT '',
    to_time    text NOT NULL DEFAULT '',
    time_zone  text NOT NULL,
    note       text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    revision   bigint NOT NULL DEFAULT 1,
    CHECK (last_day >= first_day)
);

CREATE TRIGGER availability_revision BEFORE UPDATE ON availability
    FOR EACH ROW EXECUTE FUNCTION liaison_revision();
CREATE TRIGGER availability_notify AFTER INSERT OR UPDATE OR DELETE ON availability
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();

CREATE INDEX availability_person ON availability (person_id, first_day);
