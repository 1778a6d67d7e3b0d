//! Uploaded images, their credits per locale and their resized variants.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    edition_revisions, editions, media, media_credits, media_variants, revision_images, story_revisions,
    story_translations,
};
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
    /// Whether its variants were made (or tried).
    pub variants_made: bool,
    /// When its credits or variants last changed (`None`: not since before there were
    /// variants).
    pub updated_at: Option<NaiveDateTime>,
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
            media::updated_at.eq(now()),
        ))
        .returning(media::id)
        .get_result(conn)
}

/// Sets an image's shared credit (the one of every locale without its own); returns whether
/// the image exists.
pub fn set_credit(conn: &mut DbConn, id: i64, credit: &str) -> QueryResult<bool> {
    Ok(diesel::update(media::table.find(id))
        .set((media::credit.eq(credit), media::updated_at.eq(now())))
        .execute(conn)?
        > 0)
}

/// Sets image `id`'s own credit in `locale` (`Some("")`: none in that locale), or removes it
/// (`None`) so that the shared credit shows there.
pub fn set_credit_in(conn: &mut DbConn, id: i64, locale: &str, credit: Option<&str>) -> QueryResult<()> {
    // Delete and insert: no upsert works through the two-backend connection.
    diesel::delete(media_credits::table.find((id, locale))).execute(conn)?;
    diesel::update(media::table.find(id)).set(media::updated_at.eq(now())).execute(conn)?;
    if let Some(credit) = credit {
        diesel::insert_into(media_credits::table)
            .values((
                media_credits::media_id.eq(id),
                media_credits::locale.eq(locale),
                media_credits::credit.eq(credit),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The own credits of the images `ids`: `(media_id, locale, credit)`, by image and locale.
pub fn credits_of(conn: &mut DbConn, ids: &[i64]) -> QueryResult<Vec<(i64, String, String)>> {
    media_credits::table
        .filter(media_credits::media_id.eq_any(ids))
        .order((media_credits::media_id, media_credits::locale))
        .select((media_credits::media_id, media_credits::locale, media_credits::credit))
        .load(conn)
}

/// Image `id`'s own credit in `locale`, if it has one.
pub fn credit_in(conn: &mut DbConn, id: i64, locale: &str) -> QueryResult<Option<String>> {
    media_credits::table.find((id, locale)).select(media_credits::credit).first(conn).optional()
}

/// A resized copy of an image.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = media_variants)]
pub struct Variant {
    pub media_id: i64,
    pub width: i32,
    pub height: i32,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

/// Records the variants made of image `id` (replacing any it had) and that they were made;
/// with `shown`, its size as shown, once decoding found it.
pub fn set_variants(conn: &mut DbConn, id: i64, shown: Option<(u32, u32)>, variants: &[Variant]) -> QueryResult<()> {
    diesel::delete(media_variants::table.filter(media_variants::media_id.eq(id))).execute(conn)?;
    // Row by row: multi-row inserts do not compile through the two-backend connection.
    for variant in variants {
        diesel::insert_into(media_variants::table)
            .values((
                media_variants::media_id.eq(id),
                media_variants::width.eq(variant.width),
                media_variants::height.eq(variant.height),
                media_variants::file_name.eq(&variant.file_name),
                media_variants::content_type.eq(&variant.content_type),
                media_variants::size_bytes.eq(variant.size_bytes),
            ))
            .execute(conn)?;
    }
    diesel::update(media::table.find(id))
        .set((media::variants_made.eq(true), media::updated_at.eq(now())))
        .execute(conn)?;
    if let Some((width, height)) = shown {
        let (width, height) = (i32::try_from(width).unwrap_or(i32::MAX), i32::try_from(height).unwrap_or(i32::MAX));
        diesel::update(media::table.find(id)).set((media::width.eq(width), media::height.eq(height))).execute(conn)?;
    }
    Ok(())
}

/// The variants of the images `ids`, by image, narrowest first.
pub fn variants_of(conn: &mut DbConn, ids: &[i64]) -> QueryResult<Vec<Variant>> {
    media_variants::table
        .filter(media_variants::media_id.eq_any(ids))
        .order((media_variants::media_id, media_variants::width))
        .select(Variant::as_select())
        .load(conn)
}

pub fn find_variant_by_file_name(conn: &mut DbConn, file_name: &str) -> QueryResult<Option<Variant>> {
    media_variants::table
        .filter(media_variants::file_name.eq(file_name))
        .select(Variant::as_select())
        .first(conn)
        .optional()
}

/// Images whose variants were never made (uploaded before there were variants), or every
/// image with `all`, oldest first.
pub fn needing_variants(conn: &mut DbConn, all: bool) -> QueryResult<Vec<Media>> {
    let mut query = media::table.order(media::id).select(Media::as_select()).into_boxed();
    if !all {
        query = query.filter(media::variants_made.eq(false));
    }
    query.load(conn)
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
