DROP TABLE audit_events;
ALTER TABLE editions DROP COLUMN live_revision_id;
ALTER TABLE editions DROP COLUMN latest_revision_id;
DROP TABLE edition_revision_stories;
DROP TABLE edition_revision_texts;
DROP TABLE edition_revisions;
