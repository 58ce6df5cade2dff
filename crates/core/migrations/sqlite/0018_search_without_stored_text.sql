-- Liaison schema, version 18: the search index keeps its words only in
-- FTS5's index, not a second time as text (a contentless table, with
-- deletes by rowid: SQLite 3.43 on; Liaison's own is 3.46).
--
-- The stored copy was read by nothing but FTS5 itself, to take a record's
-- words out again, and it was a fifth of a database made by importing
-- 100,000 calendar events (18.6 MB of 88 MB), written twice at the commit
-- (the WAL, then the file). The words, already cut and folded by Liaison,
-- are carried over as they are; rowids stay those `search_docs` points to.
-- A sqlite3 shell older than 3.43 (Debian 12's 3.40) still reads every
-- other table of the file, but not this one ("unrecognized option").
ALTER TABLE search_text RENAME TO search_text_0017;

CREATE VIRTUAL TABLE search_text USING fts5 (
    kind, title, body,
    tokenize = 'unicode61 remove_diacritics 0',
    content = '', contentless_delete = 1
);

INSERT INTO search_text (rowid, kind, title, body)
SELECT rowid, kind, title, body FROM search_text_0017;

DROP TABLE search_text_0017;
