//! Saving, restoring and moving one story translation through the workflow.

use chrono::NaiveDateTime;

use super::Error;
use super::{IfMatch, Rules};
use crate::db::translations::{self, NewEvent, StateChange, Translation};
use crate::db::users::User;
use crate::db::{self, media, stories, DbConn};
use crate::domain::revision::Snapshot;
use crate::domain::workflow::{self, Action, Attempt, EventKind, Status};
use crate::domain::{Invalid, Role};
use crate::service::Conflict;

/// The translation after a save, and whether the save created it.
pub struct Saved {
    pub translation: Translation,
    pub created: bool,
}

/// Saves `snapshot` as the newest revision of the story's translation in `locale`,
/// creating the translation if needed. An existing translation needs a matching `If-Match`;
/// an unchanged text makes no new revision.
pub fn save(
    conn: &mut DbConn,
    rules: &Rules,
    story_id: i64,
    locale: &str,
    snapshot: Snapshot,
    if_match: Option<IfMatch>,
    actor: &User,
) -> Result<Saved, Error> {
    db::write_transaction(conn, |conn| {
        stories::find(conn, story_id)?.ok_or(Error::NotFound)?;
        check_media(conn, &snapshot)?;
        match translations::find(conn, story_id, locale)? {
            None => create(conn, rules, story_id, locale, &snapshot, if_match, actor),
            Some(existing) => {
                let if_match = if_match.ok_or(Error::PreconditionRequired)?;
                if !if_match.matches(existing.version) {
                    return Err(Error::PreconditionFailed);
                }
                let translation = store_revision(conn, rules, &existing, &snapshot, None, actor)?;
                Ok(Saved { translation, created: false })
            }
        }
    })
}

/// Makes an old revision the newest again, as a new revision.
pub fn restore(
    conn: &mut DbConn,
    rules: &Rules,
    story_id: i64,
    locale: &str,
    number: i32,
    if_match: Option<IfMatch>,
    actor: &User,
) -> Result<Translation, Error> {
    db::write_transaction(conn, |conn| {
        let existing = find(conn, story_id, locale)?;
        check_optional_if_match(if_match, existing.version)?;
        let old = translations::revision_by_number(conn, existing.id, number)?.ok_or(Error::NotFound)?;
        store_revision(conn, rules, &existing, &old.snapshot, Some(number), actor)
    })
}

/// What a transition request asks for.
pub struct TransitionRequest<'a> {
    pub action: Action,
    pub comment: Option<&'a str>,
    pub publish_at: Option<NaiveDateTime>,
    pub if_match: Option<IfMatch>,
}

pub fn transition(
    conn: &mut DbConn,
    rules: &Rules,
    story_id: i64,
    locale: &str,
    request: TransitionRequest,
    actor: &User,
) -> Result<Translation, Error> {
    if request.publish_at.is_some() && request.action != Action::Publish {
        return Err(Invalid::new("publish_at", "publish-at-only-for-publish").into());
    }
    db::write_transaction(conn, |conn| {
        let existing = find(conn, story_id, locale)?;
        check_optional_if_match(request.if_match, existing.version)?;
        let latest = translations::revision(conn, existing.latest_revision_id)?
            .ok_or(Error::Inconsistent("a row it points to is missing"))?;
        let attempt = Attempt {
            action: request.action,
            roles: &actor.roles,
            actor_wrote_latest: latest.revision.author_id == Some(actor.id),
            self_approval_allowed: rules.allow_self_approval,
            comment: request.comment,
            has_live: existing.live_revision_id.is_some(),
        };
        let next = workflow::transition(existing.status(), &attempt)
            .map_err(|refusal| Error::refused(refusal, request.action.as_str()))?;
        let now = db::now();
        let comment = request.comment.map(str::trim).filter(|c| !c.is_empty());
        let (change, kind, to) = match (request.action, request.publish_at) {
            (Action::Publish, Some(at)) if at > now => {
                let change = StateChange { publish_at: Some(Some(at)), ..Default::default() };
                (change, EventKind::Schedule, existing.status())
            }
            (Action::Publish, _) => {
                if !publish(conn, &existing, Some(actor.id), comment, now)? {
                    return Err(Error::PreconditionFailed);
                }
                return find(conn, story_id, locale);
            }
            (Action::Unpublish, _) => {
                let change = StateChange { status: Some(next), live_revision_id: Some(None), ..Default::default() };
                (change, EventKind::Step(Action::Unpublish), next)
            }
            (action, _) => (StateChange { status: Some(next), ..Default::default() }, EventKind::Step(action), next),
        };
        if !translations::update_if_version(conn, existing.id, existing.version, change)? {
            return Err(Error::PreconditionFailed);
        }
        translations::insert_event(
            conn,
            NewEvent {
                translation_id: existing.id,
                actor_id: Some(actor.id),
                action: kind,
                from: existing.status(),
                to,
                comment,
                revision_number: latest.revision.number,
            },
        )?;
        stories::touch(conn, story_id)?;
        find(conn, story_id, locale)
    })
}

/// Marks a translation current with its source as it stands, without editing it.
pub fn confirm(
    conn: &mut DbConn,
    rules: &Rules,
    story_id: i64,
    locale: &str,
    if_match: Option<IfMatch>,
    actor: &User,
) -> Result<Translation, Error> {
    if !actor.roles.has_or_admin(Role::Editor) {
        return Err(Error::Forbidden);
    }
    if locale == rules.source_locale {
        return Err(Error::Conflict(Conflict::SourceLocale));
    }
    db::write_transaction(conn, |conn| {
        let existing = find(conn, story_id, locale)?;
        check_optional_if_match(if_match, existing.version)?;
        let source = translations::find(conn, story_id, &rules.source_locale)?
            .ok_or(Error::Conflict(Conflict::NoSourceTranslation))?;
        let change = StateChange { source_revision_id: Some(Some(source.latest_revision_id)), ..Default::default() };
        if !translations::update_if_version(conn, existing.id, existing.version, change)? {
            return Err(Error::PreconditionFailed);
        }
        let number = translations::revision(conn, existing.latest_revision_id)?.map_or(0, |r| r.revision.number);
        translations::insert_event(
            conn,
            NewEvent {
                translation_id: existing.id,
                actor_id: Some(actor.id),
                action: EventKind::Confirm,
                from: existing.status(),
                to: existing.status(),
                comment: None,
                revision_number: number,
            },
        )?;
        find(conn, story_id, locale)
    })
}

/// Makes a translation's latest revision live, if the translation is still at the version
/// it was read at, and records who did it (`actor` `None`: the scheduler). Every way of
/// publishing goes through here: a reviewer's step, an edition's publication, the scheduler.
/// Returns `false`, changing nothing, when the translation changed meanwhile.
pub(crate) fn publish(
    conn: &mut DbConn,
    translation: &Translation,
    actor: Option<i64>,
    comment: Option<&str>,
    now: NaiveDateTime,
) -> Result<bool, Error> {
    if !translations::update_if_version(conn, translation.id, translation.version, publish_now(translation, now))? {
        return Ok(false);
    }
    let number = translations::revision(conn, translation.latest_revision_id)?.map_or(0, |r| r.revision.number);
    translations::insert_event(
        conn,
        NewEvent {
            translation_id: translation.id,
            actor_id: actor,
            action: EventKind::Step(Action::Publish),
            from: translation.status(),
            to: Status::Published,
            comment,
            revision_number: number,
        },
    )?;
    stories::touch(conn, translation.story_id)?;
    Ok(true)
}

/// The state change that makes the latest revision live now.
fn publish_now(translation: &Translation, now: NaiveDateTime) -> StateChange {
    StateChange {
        status: Some(Status::Published),
        live_revision_id: Some(Some(translation.latest_revision_id)),
        publish_at: Some(None),
        published_at: Some(Some(now)),
        ..Default::default()
    }
}

pub(crate) fn find(conn: &mut DbConn, story_id: i64, locale: &str) -> Result<Translation, Error> {
    translations::find(conn, story_id, locale)?.ok_or(Error::NotFound)
}

fn check_optional_if_match(if_match: Option<IfMatch>, version: i64) -> Result<(), Error> {
    match if_match {
        Some(if_match) if !if_match.matches(version) => Err(Error::PreconditionFailed),
        _ => Ok(()),
    }
}

fn check_media(conn: &mut DbConn, snapshot: &Snapshot) -> Result<(), Error> {
    let wanted: Vec<i64> = snapshot.images.iter().map(|i| i.media_id).collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let found = media::existing(conn, &wanted)?;
    if wanted.iter().all(|id| found.contains(id)) {
        Ok(())
    } else {
        Err(Invalid::new("images", "unknown-media").into())
    }
}

/// The revision of the source-locale text a save in `locale` is based on.
fn source_basis(conn: &mut DbConn, rules: &Rules, story_id: i64, locale: &str) -> Result<Option<i64>, Error> {
    if locale == rules.source_locale {
        return Ok(None);
    }
    Ok(translations::find(conn, story_id, &rules.source_locale)?.map(|source| source.latest_revision_id))
}

fn create(
    conn: &mut DbConn,
    rules: &Rules,
    story_id: i64,
    locale: &str,
    snapshot: &Snapshot,
    if_match: Option<IfMatch>,
    actor: &User,
) -> Result<Saved, Error> {
    // If-Match on something that does not exist yet cannot match (RFC 9110, 13.1.1).
    if if_match.is_some() {
        return Err(Error::PreconditionFailed);
    }
    let status = workflow::after_save(Status::Draft, &actor.roles).map_err(|r| Error::refused(r, "save"))?;
    let basis = source_basis(conn, rules, story_id, locale)?;
    let created = translations::insert(conn, story_id, locale).map_err(|e| {
        // Someone created it in the meantime: the client's view is stale.
        if db::is_unique_violation(&e) {
            Error::PreconditionFailed
        } else {
            e.into()
        }
    })?;
    let revision = translations::insert_revision(conn, created.id, snapshot, actor.id, basis, None)?;
    let change = StateChange {
        status: Some(status),
        latest_revision_id: Some(revision.id),
        source_revision_id: Some(basis),
        ..Default::default()
    };
    translations::update_if_version(conn, created.id, created.version, change)?;
    translations::insert_event(
        conn,
        NewEvent {
            translation_id: created.id,
            actor_id: Some(actor.id),
            action: EventKind::Create,
            from: status,
            to: status,
            comment: None,
            revision_number: revision.number,
        },
    )?;
    stories::touch(conn, story_id)?;
    Ok(Saved { translation: find(conn, story_id, locale)?, created: true })
}

/// Stores a new revision of an existing translation; `restored_from` marks a restore.
fn store_revision(
    conn: &mut DbConn,
    rules: &Rules,
    existing: &Translation,
    snapshot: &Snapshot,
    restored_from: Option<i32>,
    actor: &User,
) -> Result<Translation, Error> {
    let next = workflow::after_save(existing.status(), &actor.roles)
        .map_err(|r| Error::refused(r, if restored_from.is_some() { "restore" } else { "save" }))?;
    let current = translations::revision(conn, existing.latest_revision_id)?
        .ok_or(Error::Inconsistent("a row it points to is missing"))?;
    if restored_from.is_none() && current.snapshot == *snapshot {
        return Ok(existing.clone());
    }
    let basis = source_basis(conn, rules, existing.story_id, &existing.locale)?;
    // Claim the row first: a concurrent save with the same If-Match waits here, then finds
    // the version moved on and gets 412 without having written anything.
    let change = StateChange {
        status: Some(next),
        source_revision_id: Some(basis),
        publish_at: Some(None),
        ..Default::default()
    };
    if !translations::update_if_version(conn, existing.id, existing.version, change)? {
        return Err(Error::PreconditionFailed);
    }
    let revision = translations::insert_revision(conn, existing.id, snapshot, actor.id, basis, restored_from)?;
    translations::set_latest(conn, existing.id, revision.id)?;
    // Every save is in the trail, not only the ones that move the status: who changed the
    // text and when is what an audit trail is for.
    {
        translations::insert_event(
            conn,
            NewEvent {
                translation_id: existing.id,
                actor_id: Some(actor.id),
                action: if restored_from.is_some() { EventKind::Restore } else { EventKind::Edit },
                from: existing.status(),
                to: next,
                comment: None,
                revision_number: revision.number,
            },
        )?;
    }
    stories::touch(conn, existing.story_id)?;
    find(conn, existing.story_id, &existing.locale)
}
