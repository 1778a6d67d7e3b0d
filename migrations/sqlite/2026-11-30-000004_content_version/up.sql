-- Every public request asks when content last changed (db::site::content_version): the
-- latest updated_at of four tables. These indexes make each of those an index lookup
-- instead of a scan of every row.
CREATE INDEX story_translations_updated_at ON story_translations (updated_at);
CREATE INDEX stories_updated_at ON stories (updated_at);
CREATE INDEX editions_updated_at ON editions (updated_at);
