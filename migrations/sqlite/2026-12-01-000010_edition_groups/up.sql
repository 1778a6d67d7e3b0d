-- An edition may arrange its stories in ordered groups (SPEC §12), as a printed bulletin does:
-- a programme part with a heading, an introduction and lettered items, then the news. A group
-- is a key (unique in its edition), a place and whether its stories are lettered; its heading
-- and introduction are per locale, kept with the edition's other texts as a JSON object
-- {"<key>": {"heading": ..., "intro": ...}}. Either every story of an edition is in a group
-- or none is (stories.group_key NULL). Revisions snapshot all of it, like the rest.
CREATE TABLE edition_groups (
    edition_id BIGINT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    group_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    lettered BOOLEAN NOT NULL,
    PRIMARY KEY (edition_id, group_key)
);
ALTER TABLE stories ADD COLUMN group_key TEXT;
ALTER TABLE edition_translations ADD COLUMN group_texts TEXT NOT NULL DEFAULT '{}';

CREATE TABLE edition_revision_groups (
    revision_id BIGINT NOT NULL REFERENCES edition_revisions (id) ON DELETE CASCADE,
    group_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    lettered BOOLEAN NOT NULL,
    PRIMARY KEY (revision_id, group_key)
);
ALTER TABLE edition_revision_stories ADD COLUMN group_key TEXT;
ALTER TABLE edition_revision_texts ADD COLUMN group_texts TEXT NOT NULL DEFAULT '{}';
