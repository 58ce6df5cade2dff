-- Team schema, version 11: the calendar of every visit (see the local
-- database's migration 0012_calendar.sql).
CREATE INDEX agenda_items_start ON agenda_items (starts_at);
CREATE INDEX agenda_items_long ON agenda_items (starts_at) WHERE ends_at - starts_at > interval '7 days';
CREATE INDEX visits_long ON visits (starts_at) WHERE ends_at - starts_at > interval '62 days';
