//! Read-only queries for the public site: only published content, ever. "Published" means a
//! translation with a live revision, or an edition with a publication time and a live
//! revision; of an edition, readers only ever see its live revision's cover, stories and
//! texts, never the working copy editors change (see `db::edition_revisions`).
//!
//! The queries a page makes load rows rather than using `.first()`: diesel binds its
//! `LIMIT 1` as a parameter, and SQLite (its "query planner stability" off) plans around
//! the bound value, so such a statement is compiled anew on every run, prepared or not.
//! Lookups by a unique key return at most one row anyway.

use chrono::NaiveDateTime;
use diesel::dsl::max;
use diesel::prelude::*;

use super::edition_revisions::{layout as revision_layout, RevisionText};
use super::editions::{Edition, EditionText};
use super::schema::{
    edition_revision_stories, edition_revision_texts, edition_revisions, editions, media, media_variants, publication,
    revision_images, stories, story_revisions, story_translations,
};
use super::stories::Story;
use super::translations::{self, FullRevision, Revision, Translation};
use super::DbConn;
use crate::domain::groups::Layout;

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
    // One statement, one round trip; each MAX is an index lookup (migrations 000004 and
    // 000012: an image's credits and variants show on pages too).
    type Latest = Option<NaiveDateTime>;
    let latest: (Latest, Latest, Latest, Latest, Latest) = diesel::select((
        story_translations::table.select(max(story_translations::updated_at)).single_value(),
        stories::table.select(max(stories::updated_at)).single_value(),
        editions::table.select(max(editions::updated_at)).single_value(),
        publication::table.select(max(publication::updated_at)).single_value(),
        media::table.select(max(media::updated_at)).single_value(),
    ))
    .get_result(conn)?;
    Ok([latest.0, latest.1, latest.2, latest.3, latest.4].into_iter().flatten().max())
}

/// Published editions joined with their live revisions (a macro, as the query's type is
/// unnameable).
macro_rules! live_editions {
    () => {
        editions::table
            .inner_join(edition_revisions::table.on(edition_revisions::id.nullable().eq(editions::live_revision_id)))
            .filter(editions::published_at.is_not_null())
            .select((Edition::as_select(), edition_revisions::cover_media_id))
    };
}

/// An edition as readers see it: its cover is the live revision's, whatever the working copy
/// holds.
fn as_published((mut edition, cover): (Edition, Option<i64>)) -> Edition {
    edition.cover_media_id = cover;
    edition
}

/// Published editions, newest number first, as readers see them.
pub fn published_editions(conn: &mut DbConn) -> QueryResult<Vec<Edition>> {
    let rows: Vec<(Edition, Option<i64>)> = live_editions!().order(editions::number.desc()).load(conn)?;
    Ok(rows.into_iter().map(as_published).collect())
}

pub fn published_edition(conn: &mut DbConn, slug: &str) -> QueryResult<Option<Edition>> {
    let found: Vec<(Edition, Option<i64>)> = live_editions!().filter(editions::slug.eq(slug)).load(conn)?;
    Ok(found.into_iter().next().map(as_published))
}

pub fn published_edition_by_id(conn: &mut DbConn, id: i64) -> QueryResult<Option<Edition>> {
    let found: Vec<(Edition, Option<i64>)> = live_editions!().filter(editions::id.eq(id)).load(conn)?;
    Ok(found.into_iter().next().map(as_published))
}

/// The newest published edition whose live revision lists the story.
pub fn published_edition_of_story(conn: &mut DbConn, story_id: i64) -> QueryResult<Option<Edition>> {
    let listing = edition_revision_stories::table
        .filter(edition_revision_stories::story_id.eq(story_id))
        .select(edition_revision_stories::revision_id);
    let found: Vec<(Edition, Option<i64>)> =
        live_editions!().filter(edition_revisions::id.eq_any(listing)).order(editions::number.desc()).load(conn)?;
    Ok(found.into_iter().next().map(as_published))
}

/// Live texts joined with their editions.
macro_rules! live_texts {
    () => {
        edition_revision_texts::table
            .inner_join(
                editions::table.on(editions::live_revision_id.eq(edition_revision_texts::revision_id.nullable())),
            )
            .filter(editions::published_at.is_not_null())
            .select((editions::id, RevisionText::as_select(), editions::updated_at))
    };
}

fn as_text((edition_id, text, updated_at): (i64, RevisionText, NaiveDateTime)) -> EditionText {
    EditionText {
        edition_id,
        locale: text.locale,
        title: text.title,
        foreword: text.foreword,
        signature_name: text.signature_name,
        signature_role: text.signature_role,
        cover_alt: text.cover_alt,
        updated_at,
        group_texts: text.group_texts,
    }
}

/// A published edition's live text in `locale`.
pub fn edition_text(conn: &mut DbConn, edition_id: i64, locale: &str) -> QueryResult<Option<EditionText>> {
    let found: Vec<(i64, RevisionText, NaiveDateTime)> = live_texts!()
        .filter(editions::id.eq(edition_id))
        .filter(edition_revision_texts::locale.eq(locale))
        .load(conn)?;
    Ok(found.into_iter().next().map(as_text))
}

/// The live texts of every published edition, in all locales (for an export, which shows
/// them on every story page).
pub fn published_edition_texts(conn: &mut DbConn) -> QueryResult<Vec<EditionText>> {
    let found: Vec<(i64, RevisionText, NaiveDateTime)> = live_texts!().load(conn)?;
    Ok(found.into_iter().map(as_text).collect())
}

/// Locales a published edition has a live text in.
pub fn edition_locales(conn: &mut DbConn, edition_id: i64) -> QueryResult<Vec<String>> {
    let found: Vec<(i64, RevisionText, NaiveDateTime)> =
        live_texts!().filter(editions::id.eq(edition_id)).load(conn)?;
    Ok(found.into_iter().map(|(_, text, _)| text.locale).collect())
}

/// For every published edition, the stories its live revision lists: (story, edition).
pub fn published_memberships(conn: &mut DbConn) -> QueryResult<Vec<(i64, i64)>> {
    edition_revision_stories::table
        .inner_join(editions::table.on(editions::live_revision_id.eq(edition_revision_stories::revision_id.nullable())))
        .filter(editions::published_at.is_not_null())
        .order(editions::number.desc())
        .select((edition_revision_stories::story_id, editions::id))
        .load(conn)
}

/// A live story with its live revision, without images, as [`with_images`] takes it.
type LiveRow = (Story, Translation, Revision);

/// Stories joined with their translations and those translations' live revisions: one
/// query instead of one more per story. (A macro, as the query's type is unnameable.)
macro_rules! live_join {
    () => {
        stories::table.inner_join(story_translations::table).inner_join(
            story_revisions::table.on(story_revisions::id.nullable().eq(story_translations::live_revision_id)),
        )
    };
}

pub fn live_story(conn: &mut DbConn, slug: &str, locale: &str) -> QueryResult<Option<LiveStory>> {
    let found: Vec<LiveRow> = live_join!()
        .select(LiveRow::as_select())
        .filter(stories::slug.eq(slug))
        .filter(story_translations::locale.eq(locale))
        .load(conn)?;
    found.into_iter().next().map(|row| with_images(conn, row)).transpose()
}

/// Whether the story with this slug was published in `locale` and is not live there now
/// (it was unpublished): its address is gone rather than never was.
pub fn withdrawn_story(conn: &mut DbConn, slug: &str, locale: &str) -> QueryResult<bool> {
    let found: Vec<i64> = stories::table
        .inner_join(story_translations::table)
        .filter(stories::slug.eq(slug))
        .filter(story_translations::locale.eq(locale))
        .filter(story_translations::published_at.is_not_null())
        .filter(story_translations::live_revision_id.is_null())
        .select(story_translations::id)
        .load(conn)?;
    Ok(!found.is_empty())
}

/// Locales in which a story is live.
pub fn live_locales(conn: &mut DbConn, story_id: i64) -> QueryResult<Vec<String>> {
    story_translations::table
        .filter(story_translations::story_id.eq(story_id))
        .filter(story_translations::live_revision_id.is_not_null())
        .select(story_translations::locale)
        .load(conn)
}

/// The stories the edition's live revision lists that are live in `locale`, in its order.
pub fn live_stories_in_edition(conn: &mut DbConn, edition_id: i64, locale: &str) -> QueryResult<Vec<LiveStory>> {
    let rows: Vec<LiveRow> = live_join!()
        .inner_join(edition_revision_stories::table.on(edition_revision_stories::story_id.eq(stories::id)))
        .filter(edition_revision_stories::revision_id.nullable().eq_any(live_revision_of(edition_id)))
        .filter(story_translations::locale.eq(locale))
        .order(edition_revision_stories::position.asc())
        .select(LiveRow::as_select())
        .load(conn)?;
    rows.into_iter().map(|row| with_images(conn, row)).collect()
}

/// How many of the stories the edition's live revision lists are live in `locale`.
pub fn live_story_count_in_edition(conn: &mut DbConn, edition_id: i64, locale: &str) -> QueryResult<i64> {
    live_join!()
        .inner_join(edition_revision_stories::table.on(edition_revision_stories::story_id.eq(stories::id)))
        .filter(edition_revision_stories::revision_id.nullable().eq_any(live_revision_of(edition_id)))
        .filter(story_translations::locale.eq(locale))
        .count()
        .get_result(conn)
}

/// The stories and groups of a published edition's live revision (an empty list for an
/// edition that is not published).
pub fn live_layout(conn: &mut DbConn, edition_id: i64) -> QueryResult<Layout> {
    let live: Vec<Option<i64>> = live_revision_of(edition_id).load(conn)?;
    match live.into_iter().flatten().next() {
        Some(revision) => revision_layout(conn, revision),
        None => Ok(Layout::Ungrouped(Vec::new())),
    }
}

/// The query [`live_revision_of`] builds.
type LiveRevisionOf = diesel::dsl::Select<
    diesel::dsl::Filter<
        diesel::dsl::Filter<editions::table, diesel::dsl::Eq<editions::id, i64>>,
        diesel::dsl::IsNotNull<editions::published_at>,
    >,
    editions::live_revision_id,
>;

/// The live revision of a published edition, as a subquery.
fn live_revision_of(edition_id: i64) -> LiveRevisionOf {
    editions::table
        .filter(editions::id.eq(edition_id))
        .filter(editions::published_at.is_not_null())
        .select(editions::live_revision_id)
}

/// The most recently published stories in `locale`, for the feed.
pub fn recent_live(conn: &mut DbConn, locale: &str, limit: i64) -> QueryResult<Vec<LiveStory>> {
    let rows: Vec<LiveRow> = live_join!()
        .select(LiveRow::as_select())
        .filter(story_translations::locale.eq(locale))
        .order((story_translations::published_at.desc(), stories::id.desc()))
        .limit(limit)
        .load(conn)?;
    rows.into_iter().map(|row| with_images(conn, row)).collect()
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

/// File names of the images readers can see (in live texts, or live covers of published
/// editions) and of their variants.
pub fn public_media(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    let mut ids: Vec<i64> = revision_images::table
        .inner_join(
            story_translations::table
                .on(story_translations::live_revision_id.eq(revision_images::revision_id.nullable())),
        )
        .select(revision_images::media_id)
        .load(conn)?;
    ids.extend(
        editions::table
            .inner_join(edition_revisions::table.on(edition_revisions::id.nullable().eq(editions::live_revision_id)))
            .filter(editions::published_at.is_not_null())
            .filter(edition_revisions::cover_media_id.is_not_null())
            .select(edition_revisions::cover_media_id.assume_not_null())
            .load::<i64>(conn)?,
    );
    ids.sort_unstable();
    ids.dedup();
    let mut names: Vec<String> = media::table.filter(media::id.eq_any(&ids)).select(media::file_name).load(conn)?;
    names.extend(
        media_variants::table
            .filter(media_variants::media_id.eq_any(&ids))
            .select(media_variants::file_name)
            .load::<String>(conn)?,
    );
    names.sort();
    Ok(names)
}

fn with_images(conn: &mut DbConn, (story, translation, revision): LiveRow) -> QueryResult<LiveStory> {
    Ok(LiveStory { story, translation, live: translations::with_images(conn, revision)? })
}
