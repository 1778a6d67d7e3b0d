//! Read-only queries for the public site: only published content, ever. "Published" means a
//! translation with a live revision, or an edition with a publication time.

use chrono::NaiveDateTime;
use diesel::dsl::max;
use diesel::prelude::*;

use super::editions::{Edition, EditionText};
use super::schema::{edition_translations, editions, media, publication, revision_images, stories, story_translations};
use super::stories::Story;
use super::translations::{self, FullRevision, Translation};
use super::DbConn;

/// A story as readers see it in one locale.
#[derive(Debug, Clone)]
pub struct LiveStory {
    pub story: Story,
    pub translation: Translation,
    pub live: FullRevision,
}

/// When public content last changed: a cheap value that moves whenever anything a page
/// could show may have changed (it also moves on unpublished edits, which only costs a
/// re-render).
pub fn content_version(conn: &mut DbConn) -> QueryResult<Option<NaiveDateTime>> {
    // One statement, one round trip; each MAX is an index lookup (migration 000004).
    let latest: (Option<NaiveDateTime>, Option<NaiveDateTime>, Option<NaiveDateTime>, Option<NaiveDateTime>) =
        diesel::select((
            story_translations::table.select(max(story_translations::updated_at)).single_value(),
            stories::table.select(max(stories::updated_at)).single_value(),
            editions::table.select(max(editions::updated_at)).single_value(),
            publication::table.select(max(publication::updated_at)).single_value(),
        ))
        .get_result(conn)?;
    Ok([latest.0, latest.1, latest.2, latest.3].into_iter().flatten().max())
}

/// Published editions, newest number first.
pub fn published_editions(conn: &mut DbConn) -> QueryResult<Vec<Edition>> {
    editions::table
        .filter(editions::published_at.is_not_null())
        .order(editions::number.desc())
        .select(Edition::as_select())
        .load(conn)
}

pub fn published_edition(conn: &mut DbConn, slug: &str) -> QueryResult<Option<Edition>> {
    editions::table
        .filter(editions::slug.eq(slug))
        .filter(editions::published_at.is_not_null())
        .select(Edition::as_select())
        .first(conn)
        .optional()
}

pub fn edition_text(conn: &mut DbConn, edition_id: i64, locale: &str) -> QueryResult<Option<EditionText>> {
    edition_translations::table
        .filter(edition_translations::edition_id.eq(edition_id))
        .filter(edition_translations::locale.eq(locale))
        .select(EditionText::as_select())
        .first(conn)
        .optional()
}

/// Locales an edition has a text in.
pub fn edition_locales(conn: &mut DbConn, edition_id: i64) -> QueryResult<Vec<String>> {
    edition_translations::table
        .filter(edition_translations::edition_id.eq(edition_id))
        .select(edition_translations::locale)
        .load(conn)
}

pub fn live_story(conn: &mut DbConn, slug: &str, locale: &str) -> QueryResult<Option<LiveStory>> {
    let found: Option<(Story, Translation)> = stories::table
        .inner_join(story_translations::table)
        .filter(stories::slug.eq(slug))
        .filter(story_translations::locale.eq(locale))
        .filter(story_translations::live_revision_id.is_not_null())
        .select((Story::as_select(), Translation::as_select()))
        .first(conn)
        .optional()?;
    found.map(|(story, translation)| with_live(conn, story, translation)).transpose().map(Option::flatten)
}

/// Locales in which a story is live.
pub fn live_locales(conn: &mut DbConn, story_id: i64) -> QueryResult<Vec<String>> {
    story_translations::table
        .filter(story_translations::story_id.eq(story_id))
        .filter(story_translations::live_revision_id.is_not_null())
        .select(story_translations::locale)
        .load(conn)
}

/// The edition's stories that are live in `locale`, in the edition's order.
pub fn live_stories_in_edition(conn: &mut DbConn, edition_id: i64, locale: &str) -> QueryResult<Vec<LiveStory>> {
    let rows: Vec<(Story, Translation)> = stories::table
        .inner_join(story_translations::table)
        .filter(stories::edition_id.eq(edition_id))
        .filter(story_translations::locale.eq(locale))
        .filter(story_translations::live_revision_id.is_not_null())
        .order((stories::position.asc(), stories::id.asc()))
        .select((Story::as_select(), Translation::as_select()))
        .load(conn)?;
    let mut live = Vec::with_capacity(rows.len());
    for (story, translation) in rows {
        live.extend(with_live(conn, story, translation)?);
    }
    Ok(live)
}

/// The most recently published stories in `locale`, for the feed.
pub fn recent_live(conn: &mut DbConn, locale: &str, limit: i64) -> QueryResult<Vec<LiveStory>> {
    let rows: Vec<(Story, Translation)> = stories::table
        .inner_join(story_translations::table)
        .filter(story_translations::locale.eq(locale))
        .filter(story_translations::live_revision_id.is_not_null())
        .order((story_translations::published_at.desc(), stories::id.desc()))
        .limit(limit)
        .select((Story::as_select(), Translation::as_select()))
        .load(conn)?;
    let mut live = Vec::with_capacity(rows.len());
    for (story, translation) in rows {
        live.extend(with_live(conn, story, translation)?);
    }
    Ok(live)
}

/// Every live story translation: (slug, locale, published_at), for the sitemap and export.
pub fn all_live(conn: &mut DbConn) -> QueryResult<Vec<(String, String, Option<NaiveDateTime>)>> {
    stories::table
        .inner_join(story_translations::table)
        .filter(story_translations::live_revision_id.is_not_null())
        .order((stories::id.asc(), story_translations::locale.asc()))
        .select((stories::slug, story_translations::locale, story_translations::published_at))
        .load(conn)
}

/// File names of the images readers can see: in live texts, or covers of published editions.
pub fn public_media(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    let mut names: Vec<String> = revision_images::table
        .inner_join(
            story_translations::table
                .on(story_translations::live_revision_id.eq(revision_images::revision_id.nullable())),
        )
        .inner_join(media::table)
        .select(media::file_name)
        .load(conn)?;
    names.extend(
        editions::table
            .inner_join(media::table.on(editions::cover_media_id.eq(media::id.nullable())))
            .filter(editions::published_at.is_not_null())
            .select(media::file_name)
            .load::<String>(conn)?,
    );
    names.sort();
    names.dedup();
    Ok(names)
}

fn with_live(conn: &mut DbConn, story: Story, translation: Translation) -> QueryResult<Option<LiveStory>> {
    let Some(live_id) = translation.live_revision_id else { return Ok(None) };
    Ok(translations::revision(conn, live_id)?.map(|live| LiveStory { story, translation, live }))
}
