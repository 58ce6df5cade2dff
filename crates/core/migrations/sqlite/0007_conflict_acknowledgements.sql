-- Liaison schema, version 7: conflicts a coordinator has looked at.
--
-- Conflicts (a person in two items at once, across every visit) are worked
-- out from the agenda whenever they are asked for, never stored. What is
-- stored is that someone saw one and accepted it, with why: the interpreter
-- who will step out early, the dean who will join for ten minutes. A
-- conflict's key names the items, the person and both items' times, so
-- that a move of either item makes it a new conflict that asks again.
CREATE TABLE conflict_acknowledgements (
    key        TEXT PRIMARY KEY NOT NULL,
    note       TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at         INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
