-- Liaison schema, version 19: the search index's marks are written with
-- ON CONFLICT DO NOTHING rather than INSERT OR IGNORE.
--
-- A trigger's own conflict handling gives way to that of the statement that
-- fires it when that statement has one, and every upsert Liaison writes has
-- one (ON CONFLICT (id) DO UPDATE). So a record changed twice in one
-- transaction failed at the second change, its mark from the first already
-- there: "UNIQUE constraint failed: search_stale.id". An upsert clause in
-- the trigger is its own, whatever fires it.

DROP TRIGGER visits_search_insert;
CREATE TRIGGER visits_search_insert AFTER INSERT ON visits
BEGIN INSERT INTO search_stale (id, kind) VALUES (NEW.id, 'visit') ON CONFLICT DO NOTHING; END;

DROP TRIGGER visits_search_update;
CREATE TRIGGER visits_search_update AFTER UPDATE OF title, purpose, venue, topics, notes, minutes ON visits
BEGIN INSERT INTO search_stale (id, kind) VALUES (NEW.id, 'visit') ON CONFLICT DO NOTHING; END;

DROP TRIGGER visits_search_delete;
CREATE TRIGGER visits_search_delete AFTER DELETE ON visits
BEGIN INSERT INTO search_stale (id, kind) VALUES (OLD.id, 'visit') ON CONFLICT DO NOTHING; END;

DROP TRIGGER people_search_insert;
CREATE TRIGGER people_search_insert AFTER INSERT ON people
BEGIN INSERT INTO search_stale (id, kind) VALUES (NEW.id, 'person') ON CONFLICT DO NOTHING; END;

DROP TRIGGER people_search_update;
CREATE TRIGGER people_search_update AFTER UPDATE OF name, chinese_name, native_name, title, email, notes ON people
BEGIN INSERT INTO search_stale (id, kind) VALUES (NEW.id, 'person') ON CONFLICT DO NOTHING; END;

DROP TRIGGER people_search_delete;
CREATE TRIGGER people_search_delete AFTER DELETE ON people
BEGIN INSERT INTO search_stale (id, kind) VALUES (OLD.id, 'person') ON CONFLICT DO NOTHING; END;

DROP TRIGGER organisations_search_insert;
CREATE TRIGGER organisations_search_insert AFTER INSERT ON organisations
BEGIN INSERT INTO search_stale (id, kind) VALUES (NEW.id, 'organisation') ON CONFLICT DO NOTHING; END;

DROP TRIGGER organisations_search_update;
CREATE TRIGGER organisations_search_update AFTER UPDATE OF name, chinese_name, native_name, acronym, country, notes ON organisations
BEGIN INSERT INTO search_stale (id, kind) VALUES (NEW.id, 'organisation') ON CONFLICT DO NOTHING; END;

DROP TRIGGER organisations_search_delete;
CREATE TRIGGER organisations_search_delete AFTER DELETE ON organisations
BEGIN INSERT INTO search_stale (id, kind) VALUES (OLD.id, 'organisation') ON CONFLICT DO NOTHING; END;

DROP TRIGGER agenda_items_search_insert;
CREATE TRIGGER agenda_items_search_insert AFTER INSERT ON agenda_items
BEGIN INSERT INTO search_stale (id, kind) VALUES (NEW.id, 'agenda_item') ON CONFLICT DO NOTHING; END;

DROP TRIGGER agenda_items_search_update;
CREATE TRIGGER agenda_items_search_update AFTER UPDATE OF title, location, description ON agenda_items
BEGIN INSERT INTO search_stale (id, kind) VALUES (NEW.id, 'agenda_item') ON CONFLICT DO NOTHING; END;

DROP TRIGGER agenda_items_search_delete;
CREATE TRIGGER agenda_items_search_delete AFTER DELETE ON agenda_items
BEGIN INSERT INTO search_stale (id, kind) VALUES (OLD.id, 'agenda_item') ON CONFLICT DO NOTHING; END;

DROP TRIGGER follow_ups_search_insert;
CREATE TRIGGER follow_ups_search_insert AFTER INSERT ON follow_ups
BEGIN INSERT INTO search_stale (id, kind) VALUES (NEW.id, 'follow_up') ON CONFLICT DO NOTHING; END;

DROP TRIGGER follow_ups_search_update;
CREATE TRIGGER follow_ups_search_update AFTER UPDATE OF title, notes ON follow_ups
BEGIN INSERT INTO search_stale (id, kind) VALUES (NEW.id, 'follow_up') ON CONFLICT DO NOTHING; END;

DROP TRIGGER follow_ups_search_delete;
CREATE TRIGGER follow_ups_search_delete AFTER DELETE ON follow_ups
BEGIN INSERT INTO search_stale (id, kind) VALUES (OLD.id, 'follow_up') ON CONFLICT DO NOTHING; END;

DROP TRIGGER rooms_search_insert;
CREATE TRIGGER rooms_search_insert AFTER INSERT ON rooms
BEGIN INSERT INTO search_stale (id, kind) VALUES (NEW.id, 'room') ON CONFLICT DO NOTHING; END;

DROP TRIGGER rooms_search_update;
CREATE TRIGGER rooms_search_update AFTER UPDATE OF name, chinese_name, building, equipment, notes ON rooms
BEGIN INSERT INTO search_stale (id, kind) VALUES (NEW.id, 'room') ON CONFLICT DO NOTHING; END;

DROP TRIGGER rooms_search_delete;
CREATE TRIGGER rooms_search_delete AFTER DELETE ON rooms
BEGIN INSERT INTO search_stale (id, kind) VALUES (OLD.id, 'room') ON CONFLICT DO NOTHING; END;
