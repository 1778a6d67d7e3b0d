DROP INDEX story_revisions_author;
ALTER TABLE story_translations DROP COLUMN search_title;
