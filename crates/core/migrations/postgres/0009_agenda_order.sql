-- Team schema, version 9: the coordinator's order of items that start
-- together (see the local database's migration 0010_agenda_order.sql).
ALTER TABLE agenda_items ADD COLUMN position bigint NOT NULL DEFAULT 0 CHECK (position >= 0);
