-- Team database, schema version 2: the change history of every record.
--
-- One row per change a person made. Who and when are the server's own
-- (current_user and its clock), never what a client says. The table is
-- append-only: coordinators may add rows and read them (their role has
-- INSERT and SELECT, see `grant_roles`), and a trigger refuses every update
-- and delete whoever asks, so that not even the database's owner changes
-- what happened by accident. Fields that hold contact details are recorded
-- as changed without their values ("hidden").
CREATE TABLE history (
    seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT date_trunc('second', now()),
    actor     text NOT NULL DEFAULT current_user,
    entity    text NOT NULL,
    entity_id uuid NOT NULL,
    visit_id  uuid,
    label     text NOT NULL,
    action    text NOT NULL,
    changes   jsonb NOT NULL DEFAULT '[]'
);

CREATE INDEX history_visit ON history (visit_id, seq);
CREATE INDEX history_entity ON history (entity_id, seq);

CREATE FUNCTION liaison_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the history of a Liaison database is append-only'
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history
    FOR EACH ROW EXECUTE FUNCTION liaison_history_is_append_only();
CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_history_is_append_only();
