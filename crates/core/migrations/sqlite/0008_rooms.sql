-- Liaison schema, version 8: rooms.
--
-- An agenda item took a place as text ("Meeting room"). The rooms an office
-- books again and again are now records, with how many they hold, so that
-- a room booked twice, or too small for an item's people, is found. A place
-- outside (a factory on a tour) stays text: an item has a room or a location.
CREATE TABLE rooms (
    id           BLOB PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL,
    chinese_name TEXT NOT NULL DEFAULT '',
    building     TEXT NOT NULL DEFAULT '',
    capacity     INTEGER CHECK (capacity IS NULL OR capacity > 0),
    equipment    TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TRIGGER rooms_revision AFTER UPDATE ON rooms
WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE rooms SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;

ALTER TABLE agenda_items ADD COLUMN room_id BLOB REFERENCES rooms (id) ON DELETE RESTRICT;

-- A room's bookings, for its conflicts.
CREATE INDEX agenda_items_room ON agenda_items (room_id, ends_at) WHERE room_id IS NOT NULL;
