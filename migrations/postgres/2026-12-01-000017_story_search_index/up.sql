-- The desk's title search through an index made for substrings: pg_trgm's GIN index serves
-- `search_title LIKE '%…%'` itself for three characters or more, instead of reading every
-- title. pg_trgm is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX story_translations_search_title ON story_translations USING gin (search_title gin_trgm_ops);

-- The list's status and language filters read only these indexes (story ids included),
-- not 20,000 table rows, when they build their list of matching stories.
DROP INDEX story_translations_status;
CREATE INDEX story_translations_status ON story_translations (status, locale, story_id);
CREATE INDEX story_translations_locale ON story_translations (locale, story_id);

-- The section filter, newest first, without reading every story.
CREATE INDEX stories_section ON stories (section, updated_at);
