-- Liaison schema, version 14: a month of the calendar lists the first three
-- items of each day. Which ones is worked out from the items' ids and times
-- alone, read from this index without the items' rows (a month of a busy
-- office has thousands, scattered over the table); then only the rows shown
-- are read. It serves every search by start that the index it replaces did.
DROP INDEX agenda_items_start;
CREATE INDEX agenda_items_when ON agenda_items (starts_at, ends_at, position, id);
