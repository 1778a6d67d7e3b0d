//! Story translations, their immutable revisions, and the event trail.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{revision_images, story_revisions, story_translations, translation_events, users};
use super::{now, DbConn};
use crate::domain::revision::{ImageRef, Snapshot};
use crate::domain::workflow::{EventKind, Status};

/// The workflow row of one story in one locale.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = story_translations)]
pub struct Translation {
    pub id: i64,
    pub story_id: i64,
    pub locale: String,
    #[diesel(deserialize_as = String)]
    pub status: StatusColumn,
    pub version: i64,
    pub latest_revision_id: i64,
    pub live_revision_id: Option<i64>,
    pub source_revision_id: Option<i64>,
    pub publish_at: Option<NaiveDateTime>,
    pub published_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

/// A status as read from the database; an unknown value (impossible under the CHECK
/// constraint) reads as draft rather than failing the whole query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusColumn(pub Status);

impl From<String> for StatusColumn {
    fn from(raw: String) -> Self {
        StatusColumn(raw.parse().unwrap_or(Status::Draft))
    }
}

impl Translation {
    pub fn status(&self) -> Status {
        self.status.0
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = story_revisions)]
pub struct Revision {
    pub id: i64,
    pub translation_id: i64,
    pub number: i32,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub link: Option<String>,
    pub author_id: Option<i64>,
    pub source_revision_id: Option<i64>,
    pub restored_from: Option<i32>,
    pub created_at: NaiveDateTime,
}

/// A revision with its images, ready to compare or show.
#[derive(Debug, Clone)]
pub struct FullRevision {
    pub revision: Revision,
    pub snapshot: Snapshot,
}

#[derive(Debug, Clone, Queryable)]
pub struct Event {
    pub id: i64,
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub comment: Option<String>,
    pub revision_number: i32,
    pub created_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConn, story_id: i64, locale: &str) -> QueryResult<Option<Translation>> {
    story_translations::table
        .filter(story_translations::story_id.eq(story_id))
        .filter(story_translations::locale.eq(locale))
        .select(Translation::as_select())
        .first(conn)
        .optional()
}

pub fn for_stories(conn: &mut DbConn, story_ids: &[i64]) -> QueryResult<Vec<Translation>> {
    story_translations::table
        .filter(story_translations::story_id.eq_any(story_ids))
        .order((story_translations::story_id.asc(), story_translations::locale.asc()))
        .select(Translation::as_select())
        .load(conn)
}

/// Every translation in `locale`, or in every locale when `None`.
pub fn all_in_locale(conn: &mut DbConn, locale: Option<&str>) -> QueryResult<Vec<Translation>> {
    let mut query = story_translations::table.select(Translation::as_select()).into_boxed();
    if let Some(locale) = locale {
        query = query.filter(story_translations::locale.eq(locale.to_owned()));
    }
    query.load(conn)
}

/// Creates the workflow row of a new translation; its first revision comes right after.
pub fn insert(conn: &mut DbConn, story_id: i64, locale: &str) -> QueryResult<Translation> {
    let id: i64 = diesel::insert_into(story_translations::table)
        .values((
            story_translations::story_id.eq(story_id),
            story_translations::locale.eq(locale),
            story_translations::status.eq(Status::Draft.as_str()),
            story_translations::version.eq(0_i64),
            story_translations::latest_revision_id.eq(0_i64),
            story_translations::updated_at.eq(now()),
        ))
        .returning(story_translations::id)
        .get_result(conn)?;
    story_translations::table.find(id).select(Translation::as_select()).first(conn)
}

/// The part of a translation's state a change sets. `live` and `publish_at` are
/// `Some(None)` to clear, `None` to keep.
#[derive(Debug, Default, Clone)]
pub struct StateChange {
    pub status: Option<Status>,
    pub latest_revision_id: Option<i64>,
    pub live_revision_id: Option<Option<i64>>,
    pub source_revision_id: Option<Option<i64>>,
    pub publish_at: Option<Option<NaiveDateTime>>,
    pub published_at: Option<Option<NaiveDateTime>>,
}

#[derive(AsChangeset)]
#[diesel(table_name = story_translations)]
struct StateChangeset {
    status: Option<String>,
    latest_revision_id: Option<i64>,
    live_revision_id: Option<Option<i64>>,
    source_revision_id: Option<Option<i64>>,
    publish_at: Option<Option<NaiveDateTime>>,
    published_at: Option<Option<NaiveDateTime>>,
    updated_at: NaiveDateTime,
}

/// Applies `change` and bumps the version, but only if the version is still `expected`.
/// Returns false when someone else changed the translation first. The row lock this takes
/// is what serialises two concurrent saves on PostgreSQL.
pub fn update_if_version(conn: &mut DbConn, id: i64, expected: i64, change: StateChange) -> QueryResult<bool> {
    let updated = diesel::update(
        story_translations::table
            .filter(story_translations::id.eq(id))
            .filter(story_translations::version.eq(expected)),
    )
    .set((
        StateChangeset {
            status: change.status.map(|s| s.as_str().to_owned()),
            latest_revision_id: change.latest_revision_id,
            live_revision_id: change.live_revision_id,
            source_revision_id: change.source_revision_id,
            publish_at: change.publish_at,
            published_at: change.published_at,
            updated_at: now(),
        },
        story_translations::version.eq(story_translations::version + 1),
    ))
    .execute(conn)?;
    if let (1, Some(revision_id)) = (updated, change.latest_revision_id) {
        copy_latest_title(conn, id, revision_id)?;
    }
    Ok(updated == 1)
}

/// Points a translation at its newest revision (right after inserting it, in the same
/// transaction that already bumped the version).
pub fn set_latest(conn: &mut DbConn, id: i64, revision_id: i64) -> QueryResult<()> {
    diesel::update(story_translations::table.find(id))
        .set(story_translations::latest_revision_id.eq(revision_id))
        .execute(conn)?;
    copy_latest_title(conn, id, revision_id)
}

/// Keeps `search_title` (what the desk searches) equal to the latest revision's title,
/// lower-cased.
fn copy_latest_title(conn: &mut DbConn, id: i64, revision_id: i64) -> QueryResult<()> {
    let title: String = story_revisions::table.find(revision_id).select(story_revisions::title).first(conn)?;
    diesel::update(story_translations::table.find(id))
        .set(story_translations::search_title.eq(title.to_lowercase()))
        .execute(conn)?;
    Ok(())
}

/// Translations whose scheduled time has come.
pub fn due_for_publication(conn: &mut DbConn, at: NaiveDateTime) -> QueryResult<Vec<Translation>> {
    story_translations::table
        .filter(story_translations::status.eq(Status::Approved.as_str()))
        .filter(story_translations::publish_at.le(at))
        .select(Translation::as_select())
        .load(conn)
}

/// Approved translations waiting for their scheduled time, soonest first, and how many there are.
pub fn scheduled(conn: &mut DbConn, limit: i64) -> QueryResult<(Vec<Translation>, i64)> {
    let waiting = || {
        story_translations::table
            .filter(story_translations::status.eq(Status::Approved.as_str()))
            .filter(story_translations::publish_at.is_not_null())
    };
    let total = waiting().count().get_result(conn)?;
    let soonest = waiting()
        .order((story_translations::publish_at.asc(), story_translations::id.asc()))
        .limit(limit)
        .select(Translation::as_select())
        .load(conn)?;
    Ok((soonest, total))
}

/// Stores a new revision (with its images) as number `latest + 1`.
pub fn insert_revision(
    conn: &mut DbConn,
    translation_id: i64,
    snapshot: &Snapshot,
    author_id: i64,
    source_revision_id: Option<i64>,
    restored_from: Option<i32>,
) -> QueryResult<Revision> {
    let last: Option<i32> = story_revisions::table
        .filter(story_revisions::translation_id.eq(translation_id))
        .select(diesel::dsl::max(story_revisions::number))
        .first(conn)?;
    let id: i64 = diesel::insert_into(story_revisions::table)
        .values((
            story_revisions::translation_id.eq(translation_id),
            story_revisions::number.eq(last.unwrap_or(0) + 1),
            story_revisions::title.eq(&snapshot.title),
            story_revisions::summary.eq(&snapshot.summary),
            story_revisions::body.eq(&snapshot.body),
            story_revisions::link.eq(&snapshot.link),
            story_revisions::author_id.eq(author_id),
            story_revisions::source_revision_id.eq(source_revision_id),
            story_revisions::restored_from.eq(restored_from),
            story_revisions::created_at.eq(now()),
        ))
        .returning(story_revisions::id)
        .get_result(conn)?;
    let revision: Revision = story_revisions::table.find(id).select(Revision::as_select()).first(conn)?;
    for (position, image) in snapshot.images.iter().enumerate() {
        diesel::insert_into(revision_images::table)
            .values((
                revision_images::revision_id.eq(revision.id),
                revision_images::position.eq(position as i32),
                revision_images::media_id.eq(image.media_id),
                revision_images::alt.eq(&image.alt),
                revision_images::caption.eq(&image.caption),
            ))
            .execute(conn)?;
    }
    Ok(revision)
}

pub fn revision(conn: &mut DbConn, id: i64) -> QueryResult<Option<FullRevision>> {
    let found = story_revisions::table.find(id).select(Revision::as_select()).first(conn).optional()?;
    found.map(|revision| with_images(conn, revision)).transpose()
}

pub fn revision_by_number(conn: &mut DbConn, translation_id: i64, number: i32) -> QueryResult<Option<FullRevision>> {
    let found = story_revisions::table
        .filter(story_revisions::translation_id.eq(translation_id))
        .filter(story_revisions::number.eq(number))
        .select(Revision::as_select())
        .first(conn)
        .optional()?;
    found.map(|revision| with_images(conn, revision)).transpose()
}

/// All revisions of a translation, newest first, without their images.
pub fn revisions(conn: &mut DbConn, translation_id: i64) -> QueryResult<Vec<Revision>> {
    story_revisions::table
        .filter(story_revisions::translation_id.eq(translation_id))
        .order(story_revisions::number.desc())
        .select(Revision::as_select())
        .load(conn)
}

/// Titles of the given revisions, for lists.
pub fn titles(conn: &mut DbConn, revision_ids: &[i64]) -> QueryResult<Vec<(i64, String)>> {
    story_revisions::table
        .filter(story_revisions::id.eq_any(revision_ids))
        .select((story_revisions::id, story_revisions::title))
        .load(conn)
}

/// A revision with its images, as one snapshot.
pub(crate) fn with_images(conn: &mut DbConn, revision: Revision) -> QueryResult<FullRevision> {
    let images = revision_images::table
        .filter(revision_images::revision_id.eq(revision.id))
        .order(revision_images::position.asc())
        .select((revision_images::media_id, revision_images::alt, revision_images::caption))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(media_id, alt, caption)| ImageRef { media_id, alt, caption })
        .collect();
    let snapshot = Snapshot {
        title: revision.title.clone(),
        summary: revision.summary.clone(),
        body: revision.body.clone(),
        link: revision.link.clone(),
        images,
    };
    Ok(FullRevision { revision, snapshot })
}

/// One entry of the audit trail.
pub struct NewEvent<'a> {
    pub translation_id: i64,
    /// `None` for the scheduler.
    pub actor_id: Option<i64>,
    pub action: EventKind,
    pub from: Status,
    pub to: Status,
    pub comment: Option<&'a str>,
    pub revision_number: i32,
}

pub fn insert_event(conn: &mut DbConn, event: NewEvent) -> QueryResult<()> {
    diesel::insert_into(translation_events::table)
        .values((
            translation_events::translation_id.eq(event.translation_id),
            translation_events::actor_id.eq(event.actor_id),
            translation_events::action.eq(event.action.as_str()),
            translation_events::from_status.eq(event.from.as_str()),
            translation_events::to_status.eq(event.to.as_str()),
            translation_events::comment.eq(event.comment),
            translation_events::revision_number.eq(event.revision_number),
            translation_events::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The trail of a translation, oldest first, with actors' names.
pub fn events(conn: &mut DbConn, translation_id: i64) -> QueryResult<Vec<Event>> {
    translation_events::table
        .left_join(users::table.on(users::id.nullable().eq(translation_events::actor_id)))
        .filter(translation_events::translation_id.eq(translation_id))
        .order(translation_events::id.asc())
        .select((
            translation_events::id,
            translation_events::actor_id,
            users::display_name.nullable(),
            translation_events::action,
            translation_events::from_status,
            translation_events::to_status,
            translation_events::comment,
            translation_events::revision_number,
            translation_events::created_at,
        ))
        .load(conn)
}
