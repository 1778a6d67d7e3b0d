ALTER TABLE edition_revision_texts DROP COLUMN group_texts;
ALTER TABLE edition_revision_stories DROP COLUMN group_key;
DROP TABLE edition_revision_groups;
ALTER TABLE edition_translations DROP COLUMN group_texts;
ALTER TABLE stories DROP COLUMN group_key;
DROP TABLE edition_groups;
