-- Team schema, version 6: conflicts a coordinator has looked at (see the
-- local database's migration 0007_conflict_acknowledgements.sql).
CREATE TABLE conflict_acknowledgements (
    key        text PRIMARY KEY,
    note       text NOT NULL,
    actor      text NOT NULL DEFAULT session_user,
    at         timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER conflict_acknowledgements_notify AFTER INSERT OR UPDATE OR DELETE ON conflict_acknowledgements
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();
