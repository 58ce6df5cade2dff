-- Team schema, version 15: a month of the calendar read from one index.
--
-- A month's 1,700 agenda items lie on as many pages of the table, and
-- reading them one page each took most of the month's 22 ms on the
-- benchmark set. The index of starts now holds every column the calendar
-- shows of an item, so that a month is read from about forty of its pages
-- (9 ms). Every column is bounded: titles and locations are lines of at
-- most 200 characters, well within an index entry.
DROP INDEX agenda_items_when;
CREATE INDEX agenda_items_when ON agenda_items (starts_at)
    INCLUDE (ends_at, position, id, visit_id, revision, title, kind, status, time_zone, location, room_id);

-- Statistics of how long items and visits last. The calendar asks for
-- those that last longer than a week (items) or two months (visits),
-- through the partial indexes of migration 0011; without statistics of the
-- span, the planner guessed a third of all rows (14,525 items of the
-- benchmark set where there are none), and so scanned the index of starts
-- for them, and hashed every visit for the join where it should have
-- looked up the month's.
CREATE STATISTICS agenda_items_span ON (ends_at - starts_at) FROM agenda_items;
CREATE STATISTICS visits_span ON (ends_at - starts_at) FROM visits;
ANALYZE agenda_items;
ANALYZE visits;
