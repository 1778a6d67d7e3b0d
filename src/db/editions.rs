//! Editions (numbered issues of the newsletter) and their per-locale texts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{edition_groups, edition_translations, editions, stories};
use super::{now, DbConn};
use crate::domain::groups::Layout;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = editions)]
pub struct Edition {
    pub id: i64,
    pub number: i32,
    pub slug: String,
    pub cover_media_id: Option<i64>,
    /// Comma-separated; see [`Edition::required_locales`].
    pub required_locales: String,
    pub refuse_outdated: bool,
    pub published_at: Option<NaiveDateTime>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// What editors work on (see `db::edition_revisions`); `None` only for an edition
    /// written straight into the database (an import) and not yet snapshotted.
    pub latest_revision_id: Option<i64>,
    /// What readers see; `None` until a reviewer first publishes the edition.
    pub live_revision_id: Option<i64>,
}

impl Edition {
    pub fn required_locales(&self) -> Vec<String> {
        self.required_locales.split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect()
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = edition_translations)]
pub struct EditionText {
    pub edition_id: i64,
    pub locale: String,
    pub title: String,
    pub foreword: String,
    pub signature_name: String,
    pub signature_role: String,
    pub cover_alt: String,
    pub updated_at: NaiveDateTime,
    /// Every group's heading and introduction in this locale: a JSON object of
    /// `domain::groups::GroupTexts`.
    pub group_texts: String,
}

/// One of an edition's groups (SPEC §12).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = edition_groups)]
pub struct EditionGroup {
    pub group_key: String,
    pub position: i32,
    pub lettered: bool,
}

pub fn insert(
    conn: &mut DbConn,
    number: i32,
    slug: &str,
    required_locales: &[String],
    created_by: i64,
) -> QueryResult<i64> {
    let at = now();
    diesel::insert_into(editions::table)
        .values((
            editions::number.eq(number),
            editions::slug.eq(slug),
            editions::required_locales.eq(required_locales.join(",")),
            editions::refuse_outdated.eq(false),
            editions::created_by.eq(created_by),
            editions::created_at.eq(at),
            editions::updated_at.eq(at),
        ))
        .returning(editions::id)
        .get_result(conn)
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<Edition>> {
    editions::table.find(id).select(Edition::as_select()).first(conn).optional()
}

pub fn find_by_number(conn: &mut DbConn, number: i32) -> QueryResult<Option<Edition>> {
    editions::table.filter(editions::number.eq(number)).select(Edition::as_select()).first(conn).optional()
}

pub fn find_by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Option<Edition>> {
    editions::table.filter(editions::slug.eq(slug)).select(Edition::as_select()).first(conn).optional()
}

/// The editions with these ids, in no particular order.
pub fn with_ids(conn: &mut DbConn, ids: &[i64]) -> QueryResult<Vec<Edition>> {
    editions::table.filter(editions::id.eq_any(ids)).select(Edition::as_select()).load(conn)
}

/// The newest `limit` editions as a menu names them: id, number and slug (a list filter
/// offers them; reading whole rows would parse every timestamp for nothing).
pub fn menu(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<(i64, i32, String)>> {
    editions::table
        .order(editions::number.desc())
        .limit(limit)
        .select((editions::id, editions::number, editions::slug))
        .load(conn)
}

/// One page of editions, highest number first, and the total.
pub fn list(conn: &mut DbConn, limit: i64, offset: i64) -> QueryResult<(Vec<Edition>, i64)> {
    let total = editions::table.count().get_result(conn)?;
    let page = editions::table
        .order(editions::number.desc())
        .limit(limit)
        .offset(offset)
        .select(Edition::as_select())
        .load(conn)?;
    Ok((page, total))
}

/// Editions that have no revision yet (see `service::editions::adopt_unrevisioned`).
pub fn unrevisioned(conn: &mut DbConn) -> QueryResult<Vec<Edition>> {
    editions::table.filter(editions::latest_revision_id.is_null()).select(Edition::as_select()).load(conn)
}

/// Fields of an edition that can change; `None` keeps a field.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = editions)]
pub struct EditionChanges {
    pub number: Option<i32>,
    pub slug: Option<String>,
    pub cover_media_id: Option<Option<i64>>,
    pub required_locales: Option<String>,
    pub refuse_outdated: Option<bool>,
    pub published_at: Option<Option<NaiveDateTime>>,
    pub updated_at: Option<NaiveDateTime>,
    pub latest_revision_id: Option<Option<i64>>,
    pub live_revision_id: Option<Option<i64>>,
}

pub fn update(conn: &mut DbConn, id: i64, mut changes: EditionChanges) -> QueryResult<()> {
    changes.updated_at = Some(now());
    diesel::update(editions::table.find(id)).set(changes).execute(conn)?;
    Ok(())
}

pub fn texts(conn: &mut DbConn, edition_id: i64) -> QueryResult<Vec<EditionText>> {
    edition_translations::table
        .filter(edition_translations::edition_id.eq(edition_id))
        .order(edition_translations::locale.asc())
        .select(EditionText::as_select())
        .load(conn)
}

/// Writes an edition's text in one locale, replacing what was there.
pub fn put_text(conn: &mut DbConn, text: &EditionText) -> QueryResult<()> {
    diesel::delete(
        edition_translations::table
            .filter(edition_translations::edition_id.eq(text.edition_id))
            .filter(edition_translations::locale.eq(&text.locale)),
    )
    .execute(conn)?;
    diesel::insert_into(edition_translations::table)
        .values((
            edition_translations::edition_id.eq(text.edition_id),
            edition_translations::locale.eq(&text.locale),
            edition_translations::title.eq(&text.title),
            edition_translations::foreword.eq(&text.foreword),
            edition_translations::signature_name.eq(&text.signature_name),
            edition_translations::signature_role.eq(&text.signature_role),
            edition_translations::cover_alt.eq(&text.cover_alt),
            edition_translations::updated_at.eq(now()),
            edition_translations::group_texts.eq(&text.group_texts),
        ))
        .execute(conn)?;
    Ok(())
}

/// The edition's groups, in order (none for an edition whose stories are one list).
pub fn groups(conn: &mut DbConn, edition_id: i64) -> QueryResult<Vec<EditionGroup>> {
    edition_groups::table
        .filter(edition_groups::edition_id.eq(edition_id))
        .order(edition_groups::position.asc())
        .select(EditionGroup::as_select())
        .load(conn)
}

/// Makes `layout` the edition's stories and groups; stories not in it leave the edition.
pub fn set_layout(conn: &mut DbConn, edition_id: i64, layout: &Layout) -> QueryResult<()> {
    diesel::update(stories::table.filter(stories::edition_id.eq(edition_id)))
        .set((
            stories::edition_id.eq(None::<i64>),
            stories::position.eq(None::<i32>),
            stories::group_key.eq(None::<String>),
        ))
        .execute(conn)?;
    diesel::delete(edition_groups::table.filter(edition_groups::edition_id.eq(edition_id))).execute(conn)?;
    for (position, group) in layout.groups().iter().enumerate() {
        diesel::insert_into(edition_groups::table)
            .values((
                edition_groups::edition_id.eq(edition_id),
                edition_groups::group_key.eq(&group.key),
                edition_groups::position.eq(position as i32 + 1),
                edition_groups::lettered.eq(group.lettered),
            ))
            .execute(conn)?;
    }
    for (position, (id, group)) in layout.placements().into_iter().enumerate() {
        diesel::update(stories::table.find(id))
            .set((
                stories::edition_id.eq(edition_id),
                stories::position.eq(position as i32 + 1),
                stories::group_key.eq(group),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The edition's working copy of its stories and groups.
pub fn layout(conn: &mut DbConn, edition_id: i64) -> QueryResult<Layout> {
    let groups = groups(conn, edition_id)?.into_iter().map(|g| (g.group_key, g.lettered)).collect();
    let placed = stories::table
        .filter(stories::edition_id.eq(edition_id))
        .order((stories::position.asc(), stories::id.asc()))
        .select((stories::id, stories::group_key))
        .load(conn)?;
    Ok(Layout::assemble(groups, placed))
}
