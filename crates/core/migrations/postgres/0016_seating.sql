-- Team schema, version 16: how a visit's people are seated (see the local
-- database's migration 0015_seating.sql).
CREATE TABLE seating_rules (
    visit_id      uuid PRIMARY KEY REFERENCES visits (id) ON DELETE CASCADE,
    honour        text NOT NULL CHECK (honour IN ('right', 'left')),
    interpreter   text NOT NULL CHECK (interpreter IN ('behind', 'beside')),
    table_size    integer NOT NULL CHECK (table_size BETWEEN 4 AND 24),
    meeting_swaps text NOT NULL DEFAULT '[]',
    banquet_swaps text NOT NULL DEFAULT '[]',
    revision      integer NOT NULL DEFAULT 1
);

CREATE TRIGGER seating_rules_notify AFTER INSERT OR UPDATE OR DELETE ON seating_rules
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();
