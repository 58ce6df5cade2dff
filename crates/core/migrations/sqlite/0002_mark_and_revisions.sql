-- Liaison schema, version 2.
--
-- The file is marked as Liaison's in the SQLite header, so that opening
-- another program's database is refused before anything is written to it
-- (see store/open.rs; "LIAS" as a big-endian integer).
PRAGMA application_id = 1279869267;

-- Every record a person edits gets a revision that rises with each change,
-- whoever makes it (the window, the command line, an import, another
-- process): a save can then say which revision it was based on, and one
-- based on a revision that has since changed is refused instead of
-- silently overwriting the other writer's work.
ALTER TABLE organisations ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE people ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE visits ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE agenda_items ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE follow_ups ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

-- Triggers rather than code in each writer, so that no UPDATE can forget
-- it. A writer that sets the revision itself is left alone (recursive
-- triggers are off, so the trigger's own UPDATE does not fire it again).
CREATE TRIGGER organisations_revision AFTER UPDATE ON organisations
WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE organisations SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER people_revision AFTER UPDATE ON people
WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE people SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER visits_revision AFTER UPDATE ON visits
WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE visits SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER agenda_items_revision AFTER UPDATE ON agenda_items
WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE agenda_items SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER follow_ups_revision AFTER UPDATE ON follow_ups
WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE follow_ups SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;
