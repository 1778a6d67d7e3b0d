DROP INDEX stories_section;
DROP INDEX story_translations_locale;
DROP INDEX story_translations_status;
CREATE INDEX story_translations_status ON story_translations (status);
DROP INDEX story_translations_search_title;
