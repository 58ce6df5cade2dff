-- Liaison schema, version 13: who chairs an agenda item and who speaks at
-- it. Both are among the item's people, so they are marks on its rows here:
-- a person leaving the item (or the visit) takes their part with them.
-- `chairs` is 1 for the one chair; `speaks_at` is a speaker's place in the
-- speaking order, 0 first, and NULL for those who do not speak. The chair
-- may also speak (opening remarks).
ALTER TABLE agenda_participants ADD COLUMN chairs INTEGER NOT NULL DEFAULT 0 CHECK (chairs IN (0, 1));
ALTER TABLE agenda_participants ADD COLUMN speaks_at INTEGER CHECK (speaks_at >= 0);
CREATE UNIQUE INDEX agenda_participants_one_chair ON agenda_participants (agenda_item_id) WHERE chairs = 1;
CREATE UNIQUE INDEX agenda_participants_speaking_order
    ON agenda_participants (agenda_item_id, speaks_at) WHERE speaks_at IS NOT NULL;
