-- Liaison schema, version 12: the calendar of every visit asks for the
-- agenda items and visits of some days. Most are found by their start,
-- within a week (items) or two months (visits) before the first day; the few
-- longer ones by partial indexes of their own, so that no question scans
-- everything that started before the days it asks about.
CREATE INDEX agenda_items_start ON agenda_items (starts_at);
CREATE INDEX agenda_items_long ON agenda_items (starts_at) WHERE ends_at - starts_at > 604800;
CREATE INDEX visits_long ON visits (starts_at) WHERE ends_at - starts_at > 5356800;
