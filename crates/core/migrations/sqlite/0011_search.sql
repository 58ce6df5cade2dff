-- Liaison schema, version 11: one search across everything.
-- The words of each record are cut and folded by Liaison (crate::search),
-- so that the local file and a team server find the same things; FTS5 holds
-- them, with prefix indexes so that a word being typed is found at once.
-- `kind` is a column of its own that query words never look in.
CREATE TABLE search_docs (
    doc  INTEGER PRIMARY KEY,
    id   BLOB NOT NULL UNIQUE,
    kind TEXT NOT NULL
) STRICT;

CREATE VIRTUAL TABLE search_text USING fts5 (
    kind, title, body,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
);

-- Records added, changed or deleted since the index took them in. Triggers
-- mark them in the statement that changes them, whatever wrote it (a form,
-- an import, a cascading delete); each write transaction brings them into
-- the index before it commits.
CREATE TABLE search_stale (
    id   BLOB PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER visits_search_insert AFTER INSERT ON visits
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (NEW.id, 'visit'); END;
CREATE TRIGGER visits_search_update AFTER UPDATE OF title, purpose, venue, topics, notes, minutes ON visits
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (NEW.id, 'visit'); END;
CREATE TRIGGER visits_search_delete AFTER DELETE ON visits
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (OLD.id, 'visit'); END;
INSERT OR IGNORE INTO search_stale (id, kind) SELECT id, 'visit' FROM visits;

CREATE TRIGGER people_search_insert AFTER INSERT ON people
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (NEW.id, 'person'); END;
CREATE TRIGGER people_search_update AFTER UPDATE OF name, chinese_name, native_name, title, email, notes ON people
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (NEW.id, 'person'); END;
CREATE TRIGGER people_search_delete AFTER DELETE ON people
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (OLD.id, 'person'); END;
INSERT OR IGNORE INTO search_stale (id, kind) SELECT id, 'person' FROM people;

CREATE TRIGGER organisations_search_insert AFTER INSERT ON organisations
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (NEW.id, 'organisation'); END;
CREATE TRIGGER organisations_search_update AFTER UPDATE OF name, chinese_name, native_name, acronym, country, notes ON organisations
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (NEW.id, 'organisation'); END;
CREATE TRIGGER organisations_search_delete AFTER DELETE ON organisations
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (OLD.id, 'organisation'); END;
INSERT OR IGNORE INTO search_stale (id, kind) SELECT id, 'organisation' FROM organisations;

CREATE TRIGGER agenda_items_search_insert AFTER INSERT ON agenda_items
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (NEW.id, 'agenda_item'); END;
CREATE TRIGGER agenda_items_search_update AFTER UPDATE OF title, location, description ON agenda_items
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (NEW.id, 'agenda_item'); END;
CREATE TRIGGER agenda_items_search_delete AFTER DELETE ON agenda_items
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (OLD.id, 'agenda_item'); END;
INSERT OR IGNORE INTO search_stale (id, kind) SELECT id, 'agenda_item' FROM agenda_items;

CREATE TRIGGER follow_ups_search_insert AFTER INSERT ON follow_ups
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (NEW.id, 'follow_up'); END;
CREATE TRIGGER follow_ups_search_update AFTER UPDATE OF title, notes ON follow_ups
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (NEW.id, 'follow_up'); END;
CREATE TRIGGER follow_ups_search_delete AFTER DELETE ON follow_ups
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (OLD.id, 'follow_up'); END;
INSERT OR IGNORE INTO search_stale (id, kind) SELECT id, 'follow_up' FROM follow_ups;

CREATE TRIGGER rooms_search_insert AFTER INSERT ON rooms
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (NEW.id, 'room'); END;
CREATE TRIGGER rooms_search_update AFTER UPDATE OF name, chinese_name, building, equipment, notes ON rooms
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (NEW.id, 'room'); END;
CREATE TRIGGER rooms_search_delete AFTER DELETE ON rooms
BEGIN INSERT OR IGNORE INTO search_stale (id, kind) VALUES (OLD.id, 'room'); END;
INSERT OR IGNORE INTO search_stale (id, kind) SELECT id, 'room' FROM rooms;
