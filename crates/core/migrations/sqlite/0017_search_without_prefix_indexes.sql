-- Liaison schema, version 17: the search index without FTS5's prefix
-- indexes.
--
-- With `prefix = '1 2 3'` each word was indexed four times, and indexing
-- took most of a large import (100,000 calendar events: 2.1 s of FTS5
-- writes with them, 0.7 s without, sqlite3 shell, same rows). The prefix
-- queries a search makes stay quick without them: FTS5 reads the run of
-- words that begin so from the main index (benchmark data set, 161,060
-- records: `s* AND 1*`, 100,798 matches, 36 ms against 11 ms; a query of
-- one letter with a limit, under a millisecond either way). The words,
-- already cut and folded by Liaison, are carried over as they are; rowids
-- stay those `search_docs` points to.
ALTER TABLE search_text RENAME TO search_text_0016;

CREATE VIRTUAL TABLE search_text USING fts5 (
    kind, title, body,
    tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO search_text (rowid, kind, title, body)
SELECT rowid, kind, title, body FROM search_text_0016;

DROP TABLE search_text_0016;
