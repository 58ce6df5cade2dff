-- Team schema, version 12: the search index by kind. Each search asks one
-- kind at a time ("the people whose words …"); with one GIN index over all
-- kinds, PostgreSQL gathered every record of every kind that matched a
-- common word before keeping one kind's (about 95 ms for "wang" on the
-- benchmark set). A partial index per kind gathers only that kind's. The
-- queries name the kind as a constant, so that the planner can use them.
DROP INDEX search_docs_title;
DROP INDEX search_docs_all;
CREATE INDEX search_docs_title_visit ON search_docs USING gin (title_words) WHERE kind = 'visit';
CREATE INDEX search_docs_all_visit ON search_docs USING gin (all_words) WHERE kind = 'visit';
CREATE INDEX search_docs_title_person ON search_docs USING gin (title_words) WHERE kind = 'person';
CREATE INDEX search_docs_all_person ON search_docs USING gin (all_words) WHERE kind = 'person';
CREATE INDEX search_docs_title_organisation ON search_docs USING gin (title_words) WHERE kind = 'organisation';
CREATE INDEX search_docs_all_organisation ON search_docs USING gin (all_words) WHERE kind = 'organisation';
CREATE INDEX search_docs_title_agenda_item ON search_docs USING gin (title_words) WHERE kind = 'agenda_item';
CREATE INDEX search_docs_all_agenda_item ON search_docs USING gin (all_words) WHERE kind = 'agenda_item';
CREATE INDEX search_docs_title_follow_up ON search_docs USING gin (title_words) WHERE kind = 'follow_up';
CREATE INDEX search_docs_all_follow_up ON search_docs USING gin (all_words) WHERE kind = 'follow_up';
CREATE INDEX search_docs_title_room ON search_docs USING gin (title_words) WHERE kind = 'room';
CREATE INDEX search_docs_all_room ON search_docs USING gin (all_words) WHERE kind = 'room';
