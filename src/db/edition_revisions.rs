//! Immutable snapshots of what readers see of an edition: its cover, its stories in order and
//! every locale's texts, and its groups (SPEC §12). Rows are inserted, never updated; `editions.latest_revision_id` is
//! what editors work on and `editions.live_revision_id` what readers see. The working copy
//! (`editions.cover_media_id`, `edition_translations`, `stories.edition_id`) is what the
//! latest revision was taken from.

use chrono::NaiveDateTime;
use diesel::dsl::max;
use diesel::prelude::*;

use super::schema::{
    edition_revision_groups, edition_revision_stories, edition_revision_texts, edition_revisions, editions,
};
use super::{editions as edition_rows, now, DbConn};
use crate::domain::groups::Layout;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = edition_revisions)]
pub struct EditionRevision {
    pub id: i64,
    pub edition_id: i64,
    pub number: i32,
    pub cover_media_id: Option<i64>,
    pub author_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

/// One locale's texts in a revision.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = edition_revision_texts)]
pub struct RevisionText {
    pub revision_id: i64,
    pub locale: String,
    pub title: String,
    pub foreword: String,
    pub signature_name: String,
    pub signature_role: String,
    pub cover_alt: String,
    /// As `EditionText::group_texts`.
    pub group_texts: String,
}

/// A revision with its texts (by locale) and its stories (in order, maybe in groups).
#[derive(Debug, Clone)]
pub struct FullEditionRevision {
    pub revision: EditionRevision,
    pub texts: Vec<RevisionText>,
    pub layout: Layout,
}

/// Takes the edition's working copy as its next revision and makes that the latest. A save
/// that changed nothing makes no revision: the latest is returned as it is.
pub fn snapshot(conn: &mut DbConn, edition_id: i64, author: Option<i64>) -> QueryResult<EditionRevision> {
    // Writing the edition's row first takes its lock on PostgreSQL (SQLite's write
    // transaction holds the whole database), so two saves at once number their revisions
    // one after the other instead of colliding on the same number.
    diesel::update(editions::table.find(edition_id)).set(editions::updated_at.eq(now())).execute(conn)?;
    let edition = edition_rows::find(conn, edition_id)?.ok_or(diesel::result::Error::NotFound)?;
    let texts: Vec<RevisionText> = edition_rows::texts(conn, edition_id)?
        .into_iter()
        .map(|text| RevisionText {
            revision_id: 0,
            locale: text.locale,
            title: text.title,
            foreword: text.foreword,
            signature_name: text.signature_name,
            signature_role: text.signature_role,
            cover_alt: text.cover_alt,
            group_texts: text.group_texts,
        })
        .collect();
    let layout = edition_rows::layout(conn, edition_id)?;
    if let Some(latest) = edition.latest_revision_id.map(|id| find(conn, id)).transpose()?.flatten() {
        let same_texts = latest.texts.len() == texts.len()
            && latest.texts.iter().zip(&texts).all(|(a, b)| RevisionText { revision_id: 0, ..a.clone() } == *b);
        if same_texts && latest.layout == layout && latest.revision.cover_media_id == edition.cover_media_id {
            return Ok(latest.revision);
        }
    }
    let last: Option<i32> = edition_revisions::table
        .filter(edition_revisions::edition_id.eq(edition_id))
        .select(max(edition_revisions::number))
        .first(conn)?;
    let id: i64 = diesel::insert_into(edition_revisions::table)
        .values((
            edition_revisions::edition_id.eq(edition_id),
            edition_revisions::number.eq(last.unwrap_or(0) + 1),
            edition_revisions::cover_media_id.eq(edition.cover_media_id),
            edition_revisions::author_id.eq(author),
            edition_revisions::created_at.eq(now()),
        ))
        .returning(edition_revisions::id)
        .get_result(conn)?;
    let revision: EditionRevision =
        edition_revisions::table.find(id).select(EditionRevision::as_select()).first(conn)?;
    for text in texts {
        diesel::insert_into(edition_revision_texts::table)
            .values((
                edition_revision_texts::revision_id.eq(revision.id),
                edition_revision_texts::locale.eq(text.locale),
                edition_revision_texts::title.eq(text.title),
                edition_revision_texts::foreword.eq(text.foreword),
                edition_revision_texts::signature_name.eq(text.signature_name),
                edition_revision_texts::signature_role.eq(text.signature_role),
                edition_revision_texts::cover_alt.eq(text.cover_alt),
                edition_revision_texts::group_texts.eq(text.group_texts),
            ))
            .execute(conn)?;
    }
    for (position, group) in layout.groups().iter().enumerate() {
        diesel::insert_into(edition_revision_groups::table)
            .values((
                edition_revision_groups::revision_id.eq(revision.id),
                edition_revision_groups::group_key.eq(&group.key),
                edition_revision_groups::position.eq(position as i32 + 1),
                edition_revision_groups::lettered.eq(group.lettered),
            ))
            .execute(conn)?;
    }
    for (position, (story_id, group)) in layout.placements().into_iter().enumerate() {
        diesel::insert_into(edition_revision_stories::table)
            .values((
                edition_revision_stories::revision_id.eq(revision.id),
                edition_revision_stories::position.eq(position as i32 + 1),
                edition_revision_stories::story_id.eq(story_id),
                edition_revision_stories::group_key.eq(group),
            ))
            .execute(conn)?;
    }
    diesel::update(editions::table.find(edition_id))
        .set((editions::latest_revision_id.eq(revision.id), editions::updated_at.eq(now())))
        .execute(conn)?;
    Ok(revision)
}

/// Makes `revision_id` what readers see of the edition.
pub fn make_live(conn: &mut DbConn, edition_id: i64, revision_id: i64) -> QueryResult<()> {
    diesel::update(editions::table.find(edition_id))
        .set((editions::live_revision_id.eq(revision_id), editions::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<FullEditionRevision>> {
    let Some(revision) =
        edition_revisions::table.find(id).select(EditionRevision::as_select()).first(conn).optional()?
    else {
        return Ok(None);
    };
    let texts = edition_revision_texts::table
        .filter(edition_revision_texts::revision_id.eq(id))
        .order(edition_revision_texts::locale.asc())
        .select(RevisionText::as_select())
        .load(conn)?;
    Ok(Some(FullEditionRevision { revision, texts, layout: layout(conn, id)? }))
}

/// The authors of the edition's revisions numbered above `after` (the changes readers do not
/// see yet); `None` for a revision without a known author.
pub fn authors_after(conn: &mut DbConn, edition_id: i64, after: i32) -> QueryResult<Vec<Option<i64>>> {
    edition_revisions::table
        .filter(edition_revisions::edition_id.eq(edition_id))
        .filter(edition_revisions::number.gt(after))
        .select(edition_revisions::author_id)
        .load(conn)
}

/// The number of a revision, if it exists.
pub fn number(conn: &mut DbConn, id: i64) -> QueryResult<Option<i32>> {
    edition_revisions::table.find(id).select(edition_revisions::number).first(conn).optional()
}

/// A revision's stories and groups.
pub fn layout(conn: &mut DbConn, revision_id: i64) -> QueryResult<Layout> {
    let groups = edition_revision_groups::table
        .filter(edition_revision_groups::revision_id.eq(revision_id))
        .order(edition_revision_groups::position.asc())
        .select((edition_revision_groups::group_key, edition_revision_groups::lettered))
        .load(conn)?;
    let placed = edition_revision_stories::table
        .filter(edition_revision_stories::revision_id.eq(revision_id))
        .order(edition_revision_stories::position.asc())
        .select((edition_revision_stories::story_id, edition_revision_stories::group_key))
        .load(conn)?;
    Ok(Layout::assemble(groups, placed))
}
