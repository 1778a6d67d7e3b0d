-- The newsletter's own details. One row; texts per locale in publication_texts.
CREATE TABLE publication (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    website_url TEXT NOT NULL DEFAULT '',
    social_account TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    sender_address TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE publication_texts (
    locale TEXT PRIMARY KEY,
    newsletter_name TEXT NOT NULL,
    postal_address TEXT NOT NULL,
    funders_line TEXT NOT NULL,
    sender_name TEXT NOT NULL
);

-- Uploaded images. file_name is chosen by the server; original_name is kept for people
-- only and never used as a path.
CREATE TABLE media (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_name TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    size_bytes BIGINT NOT NULL,
    credit TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL DEFAULT '',
    uploaded_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE editions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    slug TEXT NOT NULL UNIQUE,
    cover_media_id BIGINT REFERENCES media (id),
    -- Comma-separated locale codes that must be ready before the edition can be published.
    required_locales TEXT NOT NULL,
    refuse_outdated BOOLEAN NOT NULL DEFAULT FALSE,
    published_at TIMESTAMP,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE edition_translations (
    edition_id BIGINT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    locale TEXT NOT NULL,
    title TEXT NOT NULL,
    foreword TEXT NOT NULL,
    signature_name TEXT NOT NULL,
    signature_role TEXT NOT NULL,
    cover_alt TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (edition_id, locale)
);

CREATE TABLE stories (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    section TEXT NOT NULL DEFAULT '',
    edition_id BIGINT REFERENCES editions (id) ON DELETE SET NULL,
    position INTEGER,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX stories_edition ON stories (edition_id, position);

-- One row per story and locale, carrying its workflow state. latest_revision_id is what
-- editors work on, live_revision_id what readers see (NULL while unpublished).
-- source_revision_id is the source-locale revision this translation is current with.
CREATE TABLE story_translations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    story_id BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    locale TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'changes_requested', 'approved', 'published')),
    version BIGINT NOT NULL,
    latest_revision_id BIGINT NOT NULL,
    live_revision_id BIGINT,
    source_revision_id BIGINT,
    publish_at TIMESTAMP,
    published_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (story_id, locale)
);
CREATE INDEX story_translations_status ON story_translations (status);
CREATE INDEX story_translations_publish_at ON story_translations (publish_at);

-- Immutable snapshots: rows are inserted, never updated.
CREATE TABLE story_revisions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    translation_id BIGINT NOT NULL REFERENCES story_translations (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    author_id BIGINT REFERENCES users (id),
    source_revision_id BIGINT,
    restored_from INTEGER,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (translation_id, number)
);

CREATE TABLE revision_images (
    revision_id BIGINT NOT NULL REFERENCES story_revisions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    media_id BIGINT NOT NULL REFERENCES media (id),
    alt TEXT NOT NULL,
    caption TEXT NOT NULL,
    PRIMARY KEY (revision_id, position)
);
CREATE INDEX revision_images_media ON revision_images (media_id);

-- The audit trail: every transition, restore and confirmation.
CREATE TABLE translation_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    translation_id BIGINT NOT NULL REFERENCES story_translations (id) ON DELETE CASCADE,
    actor_id BIGINT REFERENCES users (id),
    action TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    comment TEXT,
    revision_number INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX translation_events_translation ON translation_events (translation_id, id);
