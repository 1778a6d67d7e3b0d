-- The desk's title search through an index made for substrings: an FTS5 table with the
-- trigram tokenizer over story_translations.search_title (external content: the titles are
-- stored once, in story_translations). A search of three characters or more reads the
-- index instead of every title. The triggers keep it in step with every write of
-- search_title, whoever makes it, cascading deletes included.
CREATE VIRTUAL TABLE story_title_search USING fts5(
    search_title, content = 'story_translations', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO story_title_search (story_title_search) VALUES ('rebuild');

CREATE TRIGGER story_title_search_insert AFTER INSERT ON story_translations BEGIN
    INSERT INTO story_title_search (rowid, search_title) VALUES (new.id, new.search_title);
END;
CREATE TRIGGER story_title_search_delete AFTER DELETE ON story_translations BEGIN
    INSERT INTO story_title_search (story_title_search, rowid, search_title)
        VALUES ('delete', old.id, old.search_title);
END;
CREATE TRIGGER story_title_search_update AFTER UPDATE OF search_title ON story_translations BEGIN
    INSERT INTO story_title_search (story_title_search, rowid, search_title)
        VALUES ('delete', old.id, old.search_title);
    INSERT INTO story_title_search (rowid, search_title) VALUES (new.id, new.search_title);
END;

-- The list's status and language filters read only these indexes (story ids included),
-- not 20,000 table rows, when they build their list of matching stories.
DROP INDEX story_translations_status;
CREATE INDEX story_translations_status ON story_translations (status, locale, story_id);
CREATE INDEX story_translations_locale ON story_translations (locale, story_id);

-- The section filter, newest first, without reading every story.
CREATE INDEX stories_section ON stories (section, updated_at);
