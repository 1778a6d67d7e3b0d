//! Publishing a whole edition: every story in every required locale, together or not at all.

use serde::Serialize;
use utoipa::ToSchema;

use super::freshness::is_outdated;
use super::translations::publish_now;
use super::Rules;
use crate::db::editions::{self, Edition, EditionChanges};
use crate::db::translations::{self, NewEvent};
use crate::db::users::User;
use crate::db::{self, stories, DbConn};
use crate::domain::workflow::Status;
use crate::domain::Role;
use crate::error::ApiError;

/// One reason an edition cannot be published yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct NotReady {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// `no_stories`, `missing_edition_text`, `missing_translation`, `not_approved` or
    /// `outdated`.
    pub reason: &'static str,
    /// For `not_approved`: the translation's status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

/// Everything that keeps `edition` from being published; empty when it is ready.
/// A story is ready in a locale when its translation is approved or already live.
pub fn readiness(conn: &mut DbConn, rules: &Rules, edition: &Edition) -> Result<Vec<NotReady>, ApiError> {
    let required = edition.required_locales();
    let mut problems = Vec::new();
    let texts = editions::texts(conn, edition.id)?;
    for locale in &required {
        if !texts.iter().any(|t| &t.locale == locale) {
            problems.push(NotReady {
                story_id: None,
                slug: None,
                locale: Some(locale.clone()),
                reason: "missing_edition_text",
                status: None,
            });
        }
    }
    let members = stories::in_edition(conn, edition.id)?;
    if members.is_empty() {
        problems.push(NotReady { story_id: None, slug: None, locale: None, reason: "no_stories", status: None });
    }
    let ids: Vec<i64> = members.iter().map(|s| s.id).collect();
    let all = translations::for_stories(conn, &ids)?;
    for story in &members {
        let source_latest = all
            .iter()
            .find(|t| t.story_id == story.id && t.locale == rules.source_locale)
            .map(|t| t.latest_revision_id);
        for locale in &required {
            let problem = |reason, status| NotReady {
                story_id: Some(story.id),
                slug: Some(story.slug.clone()),
                locale: Some(locale.clone()),
                reason,
                status,
            };
            let Some(translation) = all.iter().find(|t| t.story_id == story.id && &t.locale == locale) else {
                problems.push(problem("missing_translation", None));
                continue;
            };
            let status = translation.status();
            if status != Status::Approved && translation.live_revision_id.is_none() {
                problems.push(problem("not_approved", Some(status)));
            } else if edition.refuse_outdated && is_outdated(rules, translation, source_latest) {
                problems.push(problem("outdated", None));
            }
        }
    }
    Ok(problems)
}

/// Publishes every approved translation of the edition's stories and marks the edition
/// published, in one transaction: if anything fails, nothing is published.
pub fn publish(conn: &mut DbConn, rules: &Rules, edition_id: i64, actor: &User) -> Result<Edition, ApiError> {
    if !actor.roles.has_or_admin(Role::Reviewer) {
        return Err(ApiError::Forbidden);
    }
    db::write_transaction(conn, |conn| {
        let edition = editions::find(conn, edition_id)?.ok_or(ApiError::NotFound)?;
        let problems = readiness(conn, rules, &edition)?;
        if !problems.is_empty() {
            return Err(ApiError::EditionNotReady(problems));
        }
        let now = db::now();
        let members = stories::in_edition(conn, edition.id)?;
        let ids: Vec<i64> = members.iter().map(|s| s.id).collect();
        let comment = format!("edition {}", edition.number);
        for translation in translations::for_stories(conn, &ids)? {
            if translation.status() != Status::Approved {
                continue; // already live; a newer draft stays a draft
            }
            if !translations::update_if_version(
                conn,
                translation.id,
                translation.version,
                publish_now(&translation, now),
            )? {
                return Err(ApiError::PreconditionFailed);
            }
            let number = translations::revision(conn, translation.latest_revision_id)?.map_or(0, |r| r.revision.number);
            translations::insert_event(
                conn,
                NewEvent {
                    translation_id: translation.id,
                    actor_id: Some(actor.id),
                    action: "publish",
                    from: Status::Approved,
                    to: Status::Published,
                    comment: Some(&comment),
                    revision_number: number,
                },
            )?;
            stories::touch(conn, translation.story_id)?;
        }
        let first_time = edition.published_at.is_none();
        let changes = EditionChanges { published_at: first_time.then_some(Some(now)), ..Default::default() };
        editions::update(conn, edition.id, changes)?;
        editions::find(conn, edition.id)?.ok_or(ApiError::Internal)
    })
}
