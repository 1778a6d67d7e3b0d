DROP INDEX editions_updated_at;
DROP INDEX stories_updated_at;
DROP INDEX story_translations_updated_at;
