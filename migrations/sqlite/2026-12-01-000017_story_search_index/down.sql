DROP INDEX stories_section;
DROP INDEX story_translations_locale;
DROP INDEX story_translations_status;
CREATE INDEX story_translations_status ON story_translations (status);
DROP TRIGGER story_title_search_update;
DROP TRIGGER story_title_search_delete;
DROP TRIGGER story_title_search_insert;
DROP TABLE story_title_search;
