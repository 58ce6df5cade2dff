-- Team schema, version 13: who chairs an agenda item and who speaks at it
-- (see the local database's migration 0013_chair_and_speakers.sql).
ALTER TABLE agenda_participants ADD COLUMN chairs boolean NOT NULL DEFAULT false;
ALTER TABLE agenda_participants ADD COLUMN speaks_at integer CHECK (speaks_at >= 0);
CREATE UNIQUE INDEX agenda_participants_one_chair ON agenda_participants (agenda_item_id) WHERE chairs;
CREATE UNIQUE INDEX agenda_participants_speaking_order
    ON agenda_participants (agenda_item_id, speaks_at) WHERE speaks_at IS NOT NULL;
