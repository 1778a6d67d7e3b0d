//! Publishing an edition: what keeps it from being ready, and putting every story in every
//! required locale live, with the edition's latest revision, together or not at all.

use serde::Serialize;
use utoipa::ToSchema;

use crate::db::audit::{self, NewAuditEvent};
use crate::db::edition_revisions;
use crate::db::editions::{self, Edition, EditionChanges, EditionText};
use crate::db::translations;
use crate::db::users::User;
use crate::db::{self, stories, DbConn};
use crate::domain::groups::{GroupText, GroupTexts};
use crate::domain::workflow::Status;
use crate::domain::Role;
use crate::service::editions::decode_group_texts;
use crate::service::outdated::is_outdated;
use crate::service::translations as editing;
use crate::service::{Error, Rules};

/// One reason an edition cannot be published yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct NotReady {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// For `missing_group_heading` and `missing_group_intro`: the group's key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// `no_stories`, `missing_edition_text`, `missing_group_heading`, `missing_group_intro`,
    /// `missing_translation`, `not_approved` or `outdated`.
    pub reason: &'static str,
    /// For `not_approved`: the translation's status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

/// Everything that keeps `edition` from being published; empty when it is ready.
/// A story is ready in a locale when its translation is approved or already live.
pub fn readiness(conn: &mut DbConn, rules: &Rules, edition: &Edition) -> Result<Vec<NotReady>, Error> {
    let required = edition.required_locales();
    let mut problems = Vec::new();
    let texts = editions::texts(conn, edition.id)?;
    for locale in &required {
        if !texts.iter().any(|t| &t.locale == locale) {
            problems.push(NotReady {
                story_id: None,
                slug: None,
                locale: Some(locale.clone()),
                group: None,
                reason: "missing_edition_text",
                status: None,
            });
        }
    }
    problems.extend(missing_group_texts(&editions::layout(conn, edition.id)?.keys(), &required, &texts));
    let members = stories::in_edition(conn, edition.id)?;
    if members.is_empty() {
        problems.push(NotReady {
            story_id: None,
            slug: None,
            locale: None,
            group: None,
            reason: "no_stories",
            status: None,
        });
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
                group: None,
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

/// One part (heading, introduction) of a group's text.
type TextPart = fn(&GroupText) -> &str;

/// A group whose heading (or introduction) is written in one required locale but not in
/// another would reach some readers without it: each such gap is not ready. A group with no
/// heading in any locale is a choice (stories grouped without a title), not a gap.
fn missing_group_texts(keys: &[String], required: &[String], texts: &[EditionText]) -> Vec<NotReady> {
    let by_locale: Vec<(&String, GroupTexts)> = required
        .iter()
        .map(|locale| {
            let stored = texts.iter().find(|t| &t.locale == locale).map(|t| decode_group_texts(&t.group_texts));
            (locale, stored.unwrap_or_default())
        })
        .collect();
    let parts: [(&'static str, TextPart); 2] =
        [("missing_group_heading", |t| &t.heading), ("missing_group_intro", |t| &t.intro)];
    let mut problems = Vec::new();
    for key in keys {
        for (reason, part) in parts {
            let written = |texts: &GroupTexts| texts.get(key).is_some_and(|t| !part(t).trim().is_empty());
            if !by_locale.iter().any(|(_, texts)| written(texts)) {
                continue;
            }
            for (locale, texts) in &by_locale {
                if !written(texts) {
                    problems.push(NotReady {
                        story_id: None,
                        slug: None,
                        locale: Some((*locale).clone()),
                        group: Some(key.clone()),
                        reason,
                        status: None,
                    });
                }
            }
        }
    }
    problems
}

/// Publishes every approved translation of the edition's stories and marks the edition
/// published, in one transaction: if anything fails, nothing is published.
pub fn publish(conn: &mut DbConn, rules: &Rules, edition_id: i64, actor: &User) -> Result<Edition, Error> {
    if !actor.roles.has_or_admin(Role::Reviewer) {
        return Err(Error::Forbidden);
    }
    db::write_transaction(conn, |conn| {
        let edition = editions::find(conn, edition_id)?.ok_or(Error::NotFound)?;
        let problems = readiness(conn, rules, &edition)?;
        if !problems.is_empty() {
            return Err(Error::NotReady(problems));
        }
        let (latest, previous) = make_latest_live(conn, rules, &edition, actor)?;
        let now = db::now();
        let members = stories::in_edition(conn, edition.id)?;
        let ids: Vec<i64> = members.iter().map(|s| s.id).collect();
        let comment = format!("edition {}", edition.number);
        for translation in translations::for_stories(conn, &ids)? {
            if translation.status() != Status::Approved {
                continue; // already live; a newer draft stays a draft
            }
            if !editing::publish(conn, &translation, Some(actor.id), Some(&comment), now)? {
                return Err(Error::PreconditionFailed);
            }
        }
        let first_time = edition.published_at.is_none();
        let changes = EditionChanges { published_at: first_time.then_some(Some(now)), ..Default::default() };
        editions::update(conn, edition.id, changes)?;
        audit::record(
            conn,
            NewAuditEvent {
                actor_id: Some(actor.id),
                subject_kind: audit::EDITION,
                subject_id: edition.id,
                action: "publish",
                detail: serde_json::json!({"revision": latest, "previous_revision": previous, "first_time": first_time}),
            },
        )?;
        editions::find(conn, edition.id)?.ok_or(Error::Inconsistent("a row it points to is missing"))
    })
}

/// Makes the edition's latest revision live, unless it already is; returns its number and
/// the number of the revision live before. Whoever wrote a change readers do not see yet may
/// not be the one who publishes it, unless self-approval is allowed (as for stories).
fn make_latest_live(
    conn: &mut DbConn,
    rules: &Rules,
    edition: &Edition,
    actor: &User,
) -> Result<(i32, Option<i32>), Error> {
    let latest = match edition.latest_revision_id {
        Some(id) => id,
        // Written into the database directly (an import) and never snapshotted.
        None => edition_revisions::snapshot(conn, edition.id, None)?.id,
    };
    let latest_number =
        edition_revisions::number(conn, latest)?.ok_or(Error::Inconsistent("a row it points to is missing"))?;
    let live_number = match edition.live_revision_id {
        Some(id) => edition_revisions::number(conn, id)?,
        None => None,
    };
    if edition.live_revision_id == Some(latest) {
        return Ok((latest_number, live_number));
    }
    let authors = edition_revisions::authors_after(conn, edition.id, live_number.unwrap_or(0))?;
    if !rules.allow_self_approval && authors.contains(&Some(actor.id)) {
        return Err(Error::OwnRevision);
    }
    edition_revisions::make_live(conn, edition.id, latest)?;
    Ok((latest_number, live_number))
}

/// Gives editions written straight into the database (by `nashra import`, which the operator
/// runs and which is trusted like a migration) their first revision, live when they came in
/// published. Returns how many it adopted.
pub fn adopt_unrevisioned(conn: &mut DbConn) -> Result<usize, diesel::result::Error> {
    db::write_transaction(conn, |conn| {
        let found = editions::unrevisioned(conn)?;
        for edition in &found {
            let revision = edition_revisions::snapshot(conn, edition.id, edition.created_by)?;
            if edition.published_at.is_some() {
                edition_revisions::make_live(conn, edition.id, revision.id)?;
            }
        }
        Ok(found.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(locale: &str, group_texts: &str) -> EditionText {
        EditionText {
            edition_id: 1,
            locale: locale.into(),
            title: "T".into(),
            foreword: String::new(),
            signature_name: String::new(),
            signature_role: String::new(),
            cover_alt: String::new(),
            updated_at: db::now(),
            group_texts: group_texts.into(),
        }
    }

    #[test]
    fn a_group_text_written_in_one_required_locale_is_missing_in_the_others() {
        let keys = vec!["programme".to_owned(), "news".to_owned(), "quiet".to_owned()];
        let required = vec!["en".to_owned(), "ar".to_owned()];
        let texts = [
            text("en", r#"{"programme": {"heading": "Programme", "intro": "Our work."}, "news": {"heading": "News"}}"#),
            text("ar", r#"{"programme": {"heading": "  ", "intro": "عملنا."}, "news": {"heading": "أخبار"}}"#),
        ];
        let found: Vec<(String, String, &str)> = missing_group_texts(&keys, &required, &texts)
            .into_iter()
            .map(|p| (p.group.unwrap(), p.locale.unwrap(), p.reason))
            .collect();
        assert_eq!(found, [("programme".to_owned(), "ar".to_owned(), "missing_group_heading")]);
        // A locale with no text at all lacks every group text the others have.
        let found = missing_group_texts(&keys, &required, &texts[..1]);
        let reasons: Vec<&str> = found.iter().map(|p| p.reason).collect();
        assert_eq!(reasons, ["missing_group_heading", "missing_group_intro", "missing_group_heading"]);
        assert!(found.iter().all(|p| p.locale.as_deref() == Some("ar")));
        // A locale not required may lack anything.
        assert!(missing_group_texts(&keys, &required[..1], &texts[..1]).is_empty());
    }
}
