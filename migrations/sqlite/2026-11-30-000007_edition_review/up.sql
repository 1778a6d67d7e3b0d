-- What readers see of an edition (its cover, its stories in order, and every locale's title,
-- foreword, signature and cover text) as immutable snapshots: rows are inserted, never
-- updated. editions.latest_revision_id is what editors work on, live_revision_id what readers
-- see; the working copy (editions.cover_media_id, edition_translations, stories.edition_id)
-- always equals the latest revision.
CREATE TABLE edition_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    edition_id INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    cover_media_id INTEGER REFERENCES media (id),
    author_id INTEGER REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (edition_id, number)
);

CREATE TABLE edition_revision_texts (
    revision_id INTEGER NOT NULL REFERENCES edition_revisions (id) ON DELETE CASCADE,
    locale TEXT NOT NULL,
    title TEXT NOT NULL,
    foreword TEXT NOT NULL,
    signature_name TEXT NOT NULL,
    signature_role TEXT NOT NULL,
    cover_alt TEXT NOT NULL,
    PRIMARY KEY (revision_id, locale)
);

-- A deleted story (only possible once it is live nowhere) leaves the snapshots with it.
CREATE TABLE edition_revision_stories (
    revision_id INTEGER NOT NULL REFERENCES edition_revisions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    PRIMARY KEY (revision_id, position)
);
CREATE INDEX edition_revision_stories_story ON edition_revision_stories (story_id);

ALTER TABLE editions ADD COLUMN latest_revision_id BIGINT;
ALTER TABLE editions ADD COLUMN live_revision_id BIGINT;

-- Editions from before: their present state becomes revision 1, live when published.
INSERT INTO edition_revisions (edition_id, number, cover_media_id, author_id, created_at)
    SELECT id, 1, cover_media_id, created_by, updated_at FROM editions;
INSERT INTO edition_revision_texts (revision_id, locale, title, foreword, signature_name, signature_role, cover_alt)
    SELECT r.id, t.locale, t.title, t.foreword, t.signature_name, t.signature_role, t.cover_alt
    FROM edition_translations t JOIN edition_revisions r ON r.edition_id = t.edition_id;
INSERT INTO edition_revision_stories (revision_id, position, story_id)
    SELECT r.id, s.position, s.id
    FROM stories s JOIN edition_revisions r ON r.edition_id = s.edition_id
    WHERE s.position IS NOT NULL;
UPDATE editions SET latest_revision_id = (SELECT r.id FROM edition_revisions r WHERE r.edition_id = editions.id);
UPDATE editions SET live_revision_id = latest_revision_id WHERE published_at IS NOT NULL;

-- The audit trail of what is not a story translation's transition (those stay in
-- translation_events): edition edits, publishes and sends, user role changes and disabling.
-- actor_id is NULL for the operator's shell (the CLI). detail is a JSON object.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id INTEGER REFERENCES users (id),
    subject_kind TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_events_subject ON audit_events (subject_kind, subject_id, id);
