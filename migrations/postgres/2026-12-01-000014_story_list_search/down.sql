ALTER TABLE story_translations DROP COLUMN latest_title;
