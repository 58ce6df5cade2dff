-- Team schema, version 14: a month's items chosen from an index alone (see
-- the local database's migration 0014_calendar_times.sql).
DROP INDEX agenda_items_start;
CREATE INDEX agenda_items_when ON agenda_items (starts_at) INCLUDE (ends_at, position, id);
