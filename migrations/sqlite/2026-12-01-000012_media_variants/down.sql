DROP INDEX media_updated_at;
ALTER TABLE media DROP COLUMN updated_at;
ALTER TABLE media DROP COLUMN variants_made;
DROP TABLE media_variants;
DROP TABLE media_credits;
