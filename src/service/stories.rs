//! Stories as a whole: creating one, changing its slug or section, deleting it. What each
//! translation says is `service::translations`' business.

use crate::db::users::User;
use crate::db::{self, stories, translations, DbConn};
use crate::domain::{story, Invalid, Role, Slug};

use super::{Conflict, Error};

/// A story's slug and section, as given, each checked on its own; `None` leaves it as it is.
pub struct StoryFields {
    pub slug: Option<Slug>,
    pub section: Option<String>,
}

impl StoryFields {
    /// Checks both fields and reports every problem at once.
    pub fn check(slug: Option<&str>, section: Option<&str>) -> Result<Self, Error> {
        let mut problems = Vec::new();
        let slug = slug.map(Slug::parse).transpose().unwrap_or_else(|invalid| {
            problems.push(invalid);
            None
        });
        let section = section.map(story::section).transpose().unwrap_or_else(|invalid| {
            problems.push(invalid);
            None
        });
        if problems.is_empty() {
            Ok(Self { slug, section })
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

/// Creates a story; returns its id.
pub fn create(conn: &mut DbConn, fields: StoryFields, author: i64) -> Result<i64, Error> {
    let slug = fields.slug.ok_or_else(|| Error::from(Invalid::new("slug", "value-required")))?;
    let section = fields.section.unwrap_or_default();
    db::write_transaction(conn, |conn| {
        if stories::find_by_slug(conn, slug.as_str())?.is_some() {
            return Err(Conflict::SlugTaken.into());
        }
        stories::insert(conn, slug.as_str(), &section, author).map_err(slug_conflict)
    })
}

/// Changes a story's slug or section. Once a translation is live, readers see both (the
/// slug is the address), so only someone who may publish changes them.
pub fn update(conn: &mut DbConn, id: i64, fields: StoryFields, actor: &User) -> Result<(), Error> {
    let may_change_published = actor.roles.has_or_admin(Role::Reviewer);
    db::write_transaction(conn, |conn| {
        let story = stories::find(conn, id)?.ok_or(Error::NotFound)?;
        let changes = fields.slug.as_ref().is_some_and(|s| s.as_str() != story.slug)
            || fields.section.as_ref().is_some_and(|s| *s != story.section);
        if changes && !may_change_published && is_live(conn, id)? {
            return Err(Conflict::PublishedNeedsReviewer.into());
        }
        if let Some(slug) = &fields.slug {
            if stories::find_by_slug(conn, slug.as_str())?.is_some_and(|other| other.id != id) {
                return Err(Conflict::SlugTaken.into());
            }
        }
        stories::update(conn, id, fields.slug.as_ref().map(Slug::as_str), fields.section.as_deref())
            .map_err(slug_conflict)
    })
}

/// Deletes a story that was never published, with its translations, revisions and events.
/// A published one must be unpublished first, so that no reader's link breaks by accident.
pub fn delete(conn: &mut DbConn, id: i64) -> Result<(), Error> {
    db::write_transaction(conn, |conn| {
        stories::find(conn, id)?.ok_or(Error::NotFound)?;
        if is_live(conn, id)? {
            return Err(Conflict::StoryPublished.into());
        }
        stories::delete(conn, id)?;
        Ok(())
    })
}

/// Whether readers see any translation of the story.
fn is_live(conn: &mut DbConn, id: i64) -> Result<bool, Error> {
    Ok(translations::for_stories(conn, &[id])?.iter().any(|t| t.live_revision_id.is_some()))
}

/// Two writers racing for one slug: the loser's unique violation is the same conflict.
fn slug_conflict(error: diesel::result::Error) -> Error {
    if db::is_unique_violation(&error) {
        Conflict::SlugTaken.into()
    } else {
        error.into()
    }
}
