-- Liaison schema, version 6: follow-ups carried into a later visit.
--
-- A follow-up belongs to the visit where it was agreed. When the next visit
-- with the same organisation is planned, open ones can be carried into it:
-- linked, not copied, so that marking one done anywhere marks it done
-- everywhere. The visit shows them among its own and its calendar files
-- carry them as tasks.
CREATE TABLE carried_follow_ups (
    visit_id     BLOB NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    follow_up_id BLOB NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE,
    PRIMARY KEY (visit_id, follow_up_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX carried_follow_ups_follow_up ON carried_follow_ups (follow_up_id);
