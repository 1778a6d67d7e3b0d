//! Uploaded images.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{edition_revisions, editions, media, revision_images, story_revisions, story_translations};
use super::{now, DbConn};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = media)]
pub struct Media {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    pub size_bytes: i64,
    pub credit: String,
    pub original_name: String,
    pub uploaded_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

pub struct NewMedia<'a> {
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub width: i32,
    pub height: i32,
    pub size_bytes: i64,
    pub credit: &'a str,
    pub original_name: &'a str,
    pub uploaded_by: i64,
}

pub fn insert(conn: &mut DbConn, new: NewMedia) -> QueryResult<i64> {
    diesel::insert_into(media::table)
        .values((
            media::file_name.eq(new.file_name),
            media::content_type.eq(new.content_type),
            media::width.eq(new.width),
            media::height.eq(new.height),
            media::size_bytes.eq(new.size_bytes),
            media::credit.eq(new.credit),
            media::original_name.eq(new.original_name),
            media::uploaded_by.eq(new.uploaded_by),
            media::created_at.eq(now()),
        ))
        .returning(media::id)
        .get_result(conn)
}

/// Sets an image's credit; returns whether the image exists.
pub fn set_credit(conn: &mut DbConn, id: i64, credit: &str) -> QueryResult<bool> {
    Ok(diesel::update(media::table.find(id)).set(media::credit.eq(credit)).execute(conn)? > 0)
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<Media>> {
    media::table.find(id).select(Media::as_select()).first(conn).optional()
}

pub fn find_by_file_name(conn: &mut DbConn, file_name: &str) -> QueryResult<Option<Media>> {
    media::table.filter(media::file_name.eq(file_name)).select(Media::as_select()).first(conn).optional()
}

/// Of `ids`, those that exist.
pub fn existing(conn: &mut DbConn, ids: &[i64]) -> QueryResult<Vec<i64>> {
    media::table.filter(media::id.eq_any(ids)).select(media::id).load(conn)
}

/// Whether readers can see this image: placed in a live revision, or the live cover of a
/// published edition.
pub fn is_public(conn: &mut DbConn, id: i64) -> QueryResult<bool> {
    let in_live_text = revision_images::table
        .inner_join(
            story_translations::table
                .on(story_translations::live_revision_id.eq(revision_images::revision_id.nullable())),
        )
        .filter(revision_images::media_id.eq(id))
        .count()
        .get_result::<i64>(conn)?;
    if in_live_text > 0 {
        return Ok(true);
    }
    // The live revision's cover: a cover an editor set since is not public until published.
    let as_cover = editions::table
        .inner_join(edition_revisions::table.on(edition_revisions::id.nullable().eq(editions::live_revision_id)))
        .filter(edition_revisions::cover_media_id.eq(id))
        .filter(editions::published_at.is_not_null())
        .count()
        .get_result::<i64>(conn)?;
    Ok(as_cover > 0)
}

/// The newest images first: what a cover or an image picker offers.
pub fn recent(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<Media>> {
    Ok(list(conn, limit, 0)?.0)
}

/// One page of images, newest first, and how many there are.
pub fn list(conn: &mut DbConn, limit: i64, offset: i64) -> QueryResult<(Vec<Media>, i64)> {
    let total = media::table.count().get_result(conn)?;
    let page = media::table
        .order((media::created_at.desc(), media::id.desc()))
        .limit(limit)
        .offset(offset)
        .select(Media::as_select())
        .load(conn)?;
    Ok((page, total))
}

/// An image placed in a story's text: in its latest revision (what editors work on) or its
/// live one (what readers see), with what that revision says about it.
#[derive(Debug, Clone, Queryable)]
pub struct TextUse {
    pub media_id: i64,
    pub story_id: i64,
    pub locale: String,
    pub revision_id: i64,
    /// The text's latest revision: the use is current when `revision_id` is this one.
    pub latest_revision_id: i64,
    pub title: String,
    pub alt: String,
    pub caption: String,
}

/// Where the images `ids` appear in stories' latest or live texts, by image, story and locale.
pub fn text_uses(conn: &mut DbConn, ids: &[i64]) -> QueryResult<Vec<TextUse>> {
    revision_images::table
        .inner_join(
            story_translations::table.on(story_translations::latest_revision_id
                .eq(revision_images::revision_id)
                .or(story_translations::live_revision_id.eq(revision_images::revision_id.nullable()))),
        )
        .inner_join(story_revisions::table.on(story_revisions::id.eq(revision_images::revision_id)))
        .filter(revision_images::media_id.eq_any(ids))
        .select((
            revision_images::media_id,
            story_translations::story_id,
            story_translations::locale,
            revision_images::revision_id,
            story_translations::latest_revision_id,
            story_revisions::title,
            revision_images::alt,
            revision_images::caption,
        ))
        .order((
            revision_images::media_id,
            story_translations::story_id,
            story_translations::locale,
            revision_images::revision_id.desc(),
            revision_images::position,
        ))
        .load(conn)
}

/// An edition whose cover is one of the images asked about: `(media_id, edition_id, number, slug)`.
pub type CoverUse = (i64, i64, i32, String);

/// Editions whose current cover, or live (published) cover, is one of `ids`.
pub fn cover_uses(conn: &mut DbConn, ids: &[i64]) -> QueryResult<Vec<CoverUse>> {
    let current: Vec<(Option<i64>, i64, i32, String)> = editions::table
        .filter(editions::cover_media_id.eq_any(ids))
        .select((editions::cover_media_id, editions::id, editions::number, editions::slug))
        .load(conn)?;
    let live: Vec<(Option<i64>, i64, i32, String)> = editions::table
        .inner_join(edition_revisions::table.on(edition_revisions::id.nullable().eq(editions::live_revision_id)))
        .filter(edition_revisions::cover_media_id.eq_any(ids))
        .select((edition_revisions::cover_media_id, editions::id, editions::number, editions::slug))
        .load(conn)?;
    let mut uses: Vec<CoverUse> = current
        .into_iter()
        .chain(live)
        .filter_map(|(media, id, number, slug)| media.map(|media| (media, id, number, slug)))
        .collect();
    uses.sort();
    uses.dedup();
    Ok(uses)
}
