-- A photo credit per locale. media.credit stays, as the credit of every locale without a row
-- here (what every image had before, so nothing readers see changes until someone writes a
-- credit for one language). A row with an empty credit means "no credit in this language".
CREATE TABLE media_credits (
    media_id BIGINT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    locale TEXT NOT NULL,
    credit TEXT NOT NULL,
    PRIMARY KEY (media_id, locale)
);

-- Resized copies of an uploaded image for the web's srcset and the email, one per width;
-- file_name is chosen by the server like media.file_name, in the same folder.
CREATE TABLE media_variants (
    media_id BIGINT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    file_name TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    PRIMARY KEY (media_id, width)
);

-- Whether variants were made for an image (or tried: one that cannot be decoded has none);
-- `nashra media variants` makes them for the images uploaded before there were variants.
ALTER TABLE media ADD COLUMN variants_made BOOLEAN NOT NULL DEFAULT FALSE;

-- When an image's credits or variants last changed: pages show both, so the content version
-- that the page cache follows (db::published::content_version) takes it into account.
ALTER TABLE media ADD COLUMN updated_at TIMESTAMP;
CREATE INDEX media_updated_at ON media (updated_at);
