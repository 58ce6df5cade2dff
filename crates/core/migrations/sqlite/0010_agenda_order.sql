-- Liaison schema, version 10: the coordinator's order of items that start
-- together (two talks at 09:00 in two rooms, a welcome and its photo): a
-- position among the items of a visit with the same start, 0 first.
-- Without one, they sort by their end, then their id.
ALTER TABLE agenda_items ADD COLUMN position INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0);
