-- Team schema, version 4: the follow-up register (see the local database's
-- migration 0005_follow_up_register.sql). Every follow-up made before was
-- this office's to chase.
ALTER TABLE follow_ups ADD COLUMN to_act text NOT NULL DEFAULT 'us'
    CHECK (to_act IN ('us', 'them', 'both'));

CREATE INDEX follow_ups_register ON follow_ups (status, due_date, title, id, to_act);
