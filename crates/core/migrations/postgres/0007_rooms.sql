-- Team schema, version 7: rooms (see the local database's migration
-- 0008_rooms.sql).
CREATE TABLE rooms (
    id           uuid PRIMARY KEY,
    name         text NOT NULL,
    chinese_name text NOT NULL DEFAULT '',
    building     text NOT NULL DEFAULT '',
    capacity     bigint CHECK (capacity IS NULL OR capacity > 0),
    equipment    text NOT NULL DEFAULT '',
    notes        text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    revision     bigint NOT NULL DEFAULT 1
);

CREATE TRIGGER rooms_revision BEFORE UPDATE ON rooms
    FOR EACH ROW EXECUTE FUNCTION liaison_revision();
CREATE TRIGGER rooms_notify AFTER INSERT OR UPDATE OR DELETE ON rooms
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();

ALTER TABLE agenda_items ADD COLUMN room_id uuid REFERENCES rooms (id) ON DELETE RESTRICT;

CREATE INDEX agenda_items_room ON agenda_items (room_id, ends_at) WHERE room_id IS NOT NULL;
