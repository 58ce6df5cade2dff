-- Team schema, version 5: follow-ups carried into a later visit (see the
-- local database's migration 0006_carried_follow_ups.sql).
CREATE TABLE carried_follow_ups (
    visit_id     uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    follow_up_id uuid NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE,
    PRIMARY KEY (visit_id, follow_up_id)
);

CREATE INDEX carried_follow_ups_follow_up ON carried_follow_ups (follow_up_id);

CREATE TRIGGER carried_follow_ups_notify AFTER INSERT OR UPDATE OR DELETE ON carried_follow_ups
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();
