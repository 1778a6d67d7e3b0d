//! Uploaded images.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{edition_revisions, editions, media, revision_images, story_translations};
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

/// The most recently uploaded images, newest first (for picking one to place in a text).
pub fn recent(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<Media>> {
    media::table.order(media::id.desc()).limit(limit).select(Media::as_select()).load(conn)
}
