-- Team schema, version 18: the windows listening on 'liaison_changes' are
-- told of a table only when a statement changed a row of it.
--
-- The triggers of version 1 on were per statement and blind to rows, so a
-- statement that changed nothing was heard all the same: re-importing an
-- unchanged document (whose upserts leave every row alone) made every
-- colleague's window read everything again. A per-row trigger would cost a
-- function call for each row of a large import; a statement's transition
-- table costs a row copy, and the trigger looks only at whether it is
-- empty. PostgreSQL allows a transition table on a trigger of one event
-- only, hence three triggers a table, all naming theirs `changed`.
CREATE FUNCTION liaison_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM changed) THEN
        PERFORM pg_notify('liaison_changes', TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END;
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['organisations', 'people', 'visits', 'participants', 'agenda_items',
                             'agenda_participants', 'follow_ups', 'carried_follow_ups',
                             'conflict_acknowledgements', 'rooms', 'availability', 'seating_rules',
                             'visa_details']
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_notify', t);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify_changed()', t || '_notify_insert', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify_changed()', t || '_notify_update', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION liaison_notify_changed()', t || '_notify_delete', t);
    END LOOP;
END
$$;

DROP FUNCTION liaison_notify();
