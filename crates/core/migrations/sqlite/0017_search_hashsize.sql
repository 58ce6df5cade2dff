-- Liaison schema, version 17: the full-text index gathers up to 16 MB of a
-- write in memory before it writes a segment to the file (FTS5's default is
-- 1 MB). An import of 100,000 calendar events wrote a segment every few
-- thousand records and spent a good part of its time merging them; the
-- memory is taken only while a large write is under way.
INSERT INTO search_text (search_text, rank) VALUES ('hashsize', 16777216);
