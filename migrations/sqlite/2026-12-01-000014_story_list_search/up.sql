-- The title of each translation's latest revision, lower-cased, kept beside its workflow state
-- so that the desk's search over titles reads the small translations table instead of every
-- revision's row (bodies included), and compares without lower-casing 20,000 titles per
-- search. Written wherever latest_revision_id is (db::translations), lower-cased by Rust
-- (every script); rows from before are lower-cased here, by the database's lower().
ALTER TABLE story_translations ADD COLUMN search_title TEXT NOT NULL DEFAULT '';
UPDATE story_translations SET search_title = COALESCE(
    (SELECT lower(r.title) FROM story_revisions r WHERE r.id = story_translations.latest_revision_id), '');
-- "Stories this person wrote" (the desk's author filter and start page) without reading every revision.
CREATE INDEX story_revisions_author ON story_revisions (author_id);
