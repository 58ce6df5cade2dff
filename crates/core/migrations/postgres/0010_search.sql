-- Team schema, version 10: one search across everything (see the local
-- database's migration 0011_search.sql). The words are cut and folded by
-- Liaison and stored as tsvectors with positions, so that no dictionary or
-- parser of the server's decides what is found; GIN indexes answer.
CREATE TABLE search_docs (
    id          uuid PRIMARY KEY,
    kind        text NOT NULL,
    title_words tsvector NOT NULL,
    all_words   tsvector NOT NULL
);

CREATE INDEX search_docs_title ON search_docs USING gin (title_words);
CREATE INDEX search_docs_all ON search_docs USING gin (all_words);

-- Records added, changed or deleted since the index took them in; each
-- write transaction brings them into the index before it commits.
CREATE TABLE search_stale (
    id   uuid PRIMARY KEY,
    kind text NOT NULL
);

CREATE FUNCTION liaison_search_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO search_stale (id, kind) VALUES (OLD.id, TG_ARGV[0]) ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO search_stale (id, kind) VALUES (NEW.id, TG_ARGV[0]) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER visits_search AFTER INSERT OR DELETE OR UPDATE OF title, purpose, venue, topics, notes, minutes ON visits
    FOR EACH ROW EXECUTE FUNCTION liaison_search_stale('visit');
INSERT INTO search_stale (id, kind) SELECT id, 'visit' FROM visits ON CONFLICT DO NOTHING;

CREATE TRIGGER people_search AFTER INSERT OR DELETE OR UPDATE OF name, chinese_name, native_name, title, email, notes ON people
    FOR EACH ROW EXECUTE FUNCTION liaison_search_stale('person');
INSERT INTO search_stale (id, kind) SELECT id, 'person' FROM people ON CONFLICT DO NOTHING;

CREATE TRIGGER organisations_search AFTER INSERT OR DELETE OR UPDATE OF name, chinese_name, native_name, acronym, country, notes ON organisations
    FOR EACH ROW EXECUTE FUNCTION liaison_search_stale('organisation');
INSERT INTO search_stale (id, kind) SELECT id, 'organisation' FROM organisations ON CONFLICT DO NOTHING;

CREATE TRIGGER agenda_items_search AFTER INSERT OR DELETE OR UPDATE OF title, location, description ON agenda_items
    FOR EACH ROW EXECUTE FUNCTION liaison_search_stale('agenda_item');
INSERT INTO search_stale (id, kind) SELECT id, 'agenda_item' FROM agenda_items ON CONFLICT DO NOTHING;

CREATE TRIGGER follow_ups_search AFTER INSERT OR DELETE OR UPDATE OF title, notes ON follow_ups
    FOR EACH ROW EXECUTE FUNCTION liaison_search_stale('follow_up');
INSERT INTO search_stale (id, kind) SELECT id, 'follow_up' FROM follow_ups ON CONFLICT DO NOTHING;

CREATE TRIGGER rooms_search AFTER INSERT OR DELETE OR UPDATE OF name, chinese_name, building, equipment, notes ON rooms
    FOR EACH ROW EXECUTE FUNCTION liaison_search_stale('room');
INSERT INTO search_stale (id, kind) SELECT id, 'room' FROM rooms ON CONFLICT DO NOTHING;
