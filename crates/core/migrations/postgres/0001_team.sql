-- Liaison's team database on PostgreSQL, schema version 1.
--
-- The same records as the local file (migrations/sqlite), in PostgreSQL's
-- own types: ids are uuid, instants timestamptz (whole seconds, as Liaison
-- writes them), due dates date, lists text[]. Closed sets of values are
-- text checked against their spelling, so that a report written in SQL
-- reads them as they are shown. Every record has a revision that rises with
-- each change whoever makes it, by trigger, so that no UPDATE can forget it.

CREATE TABLE organisations (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    native_name text NOT NULL DEFAULT '',
    acronym     text NOT NULL DEFAULT '',
    country     text NOT NULL DEFAULT '',
    kind        text NOT NULL,
    notes       text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    revision    bigint NOT NULL DEFAULT 1
);

CREATE TABLE people (
    id              uuid PRIMARY KEY,
    name            text NOT NULL,
    native_name     text NOT NULL DEFAULT '',
    title           text NOT NULL DEFAULT '',
    organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
    email           text NOT NULL DEFAULT '',
    phone           text NOT NULL DEFAULT '',
    languages       text[] NOT NULL DEFAULT '{}',
    dietary_needs   text NOT NULL DEFAULT '',
    access_needs    text NOT NULL DEFAULT '',
    notes           text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    revision        bigint NOT NULL DEFAULT 1
);

CREATE INDEX people_organisation ON people (organisation_id);

CREATE TABLE visits (
    id           uuid PRIMARY KEY,
    kind         text NOT NULL,
    title        text NOT NULL,
    purpose      text NOT NULL DEFAULT '',
    status       text NOT NULL,
    host_org_id  uuid REFERENCES organisations (id) ON DELETE RESTRICT,
    guest_org_id uuid REFERENCES organisations (id) ON DELETE RESTRICT,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    time_zone    text NOT NULL,
    venue        text NOT NULL DEFAULT '',
    online_link  text NOT NULL DEFAULT '',
    notes        text NOT NULL DEFAULT '',
    minutes      text NOT NULL DEFAULT '',
    topics       text[] NOT NULL DEFAULT '{}',
    ical_uid     text NOT NULL UNIQUE,
    sequence     bigint NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    revision     bigint NOT NULL DEFAULT 1,
    CHECK (ends_at > starts_at)
);

CREATE INDEX visits_start ON visits (starts_at, id);
CREATE INDEX visits_host ON visits (host_org_id);
CREATE INDEX visits_guest ON visits (guest_org_id);

CREATE TABLE participants (
    visit_id   uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    person_id  uuid NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    side       text NOT NULL,
    role       text NOT NULL,
    precedence bigint NOT NULL,
    PRIMARY KEY (visit_id, person_id)
);

CREATE INDEX participants_person ON participants (person_id);

CREATE TABLE agenda_items (
    id          uuid PRIMARY KEY,
    visit_id    uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    time_zone   text NOT NULL,
    title       text NOT NULL,
    kind        text NOT NULL,
    status      text NOT NULL DEFAULT 'confirmed',
    location    text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    ical_uid    text NOT NULL UNIQUE,
    sequence    bigint NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    revision    bigint NOT NULL DEFAULT 1,
    CHECK (ends_at > starts_at)
);

CREATE INDEX agenda_items_visit ON agenda_items (visit_id, starts_at);

-- The composite foreign key makes the database itself refuse an agenda
-- participant who is not on the visit; removing a participant from the
-- visit removes them from its agenda items.
CREATE TABLE agenda_participants (
    agenda_item_id uuid NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    visit_id       uuid NOT NULL,
    person_id      uuid NOT NULL,
    PRIMARY KEY (agenda_item_id, person_id),
    FOREIGN KEY (visit_id, person_id) REFERENCES participants (visit_id, person_id) ON DELETE CASCADE
);

CREATE INDEX agenda_participants_person ON agenda_participants (person_id, visit_id);

CREATE TABLE follow_ups (
    id                 uuid PRIMARY KEY,
    visit_id           uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    title              text NOT NULL,
    owner_id           uuid REFERENCES people (id) ON DELETE RESTRICT,
    counterpart_org_id uuid REFERENCES organisations (id) ON DELETE RESTRICT,
    due_date           date,
    status             text NOT NULL,
    notes              text NOT NULL DEFAULT '',
    ical_uid           text NOT NULL UNIQUE,
    sequence           bigint NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    revision           bigint NOT NULL DEFAULT 1
);

CREATE INDEX follow_ups_visit ON follow_ups (visit_id, due_date);
CREATE INDEX follow_ups_owner ON follow_ups (owner_id);
CREATE INDEX follow_ups_counterpart ON follow_ups (counterpart_org_id);

-- A change that does not set the revision itself raises it by one.
CREATE FUNCTION liaison_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.revision = OLD.revision THEN
        NEW.revision := OLD.revision + 1;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER organisations_revision BEFORE UPDATE ON organisations
    FOR EACH ROW EXECUTE FUNCTION liaison_revision();
CREATE TRIGGER people_revision BEFORE UPDATE ON people
    FOR EACH ROW EXECUTE FUNCTION liaison_revision();
CREATE TRIGGER visits_revision BEFORE UPDATE ON visits
    FOR EACH ROW EXECUTE FUNCTION liaison_revision();
CREATE TRIGGER agenda_items_revision BEFORE UPDATE ON agenda_items
    FOR EACH ROW EXECUTE FUNCTION liaison_revision();
CREATE TRIGGER follow_ups_revision BEFORE UPDATE ON follow_ups
    FOR EACH ROW EXECUTE FUNCTION liaison_revision();

-- Every committed change tells the windows listening on 'liaison_changes'
-- (one notification per transaction and table: PostgreSQL folds duplicates),
-- so that a colleague's save shows within a moment.
CREATE FUNCTION liaison_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('liaison_changes', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER organisations_notify AFTER INSERT OR UPDATE OR DELETE ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();
CREATE TRIGGER people_notify AFTER INSERT OR UPDATE OR DELETE ON people
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();
CREATE TRIGGER visits_notify AFTER INSERT OR UPDATE OR DELETE ON visits
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();
CREATE TRIGGER participants_notify AFTER INSERT OR UPDATE OR DELETE ON participants
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();
CREATE TRIGGER agenda_items_notify AFTER INSERT OR UPDATE OR DELETE ON agenda_items
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();
CREATE TRIGGER agenda_participants_notify AFTER INSERT OR UPDATE OR DELETE ON agenda_participants
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();
CREATE TRIGGER follow_ups_notify AFTER INSERT OR UPDATE OR DELETE ON follow_ups
    FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify();

-- What identifies a Liaison database, and which schema it has, for a
-- client to check before it reads anything.
CREATE TABLE liaison_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO liaison_meta (key, value) VALUES ('application', 'liaison');
