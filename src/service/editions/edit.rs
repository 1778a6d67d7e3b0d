//! Writing editions: creating one, changing its settings, cover and story list, and its text
//! in a locale. Every change of what readers see (texts, cover, story list) becomes a new
//! revision, which readers see only once a reviewer publishes the edition
//! (`service::editions::publish`); each change is in the audit trail.

use crate::db::audit::{self, NewAuditEvent};
use crate::db::editions::{self, Edition, EditionChanges, EditionText};
use crate::db::users::User;
use crate::db::{self, edition_revisions, media, stories, DbConn};
use crate::domain::edition::{self, EditionTexts};
use crate::domain::{Invalid, Role, Slug};
use crate::l10n::Localizer;
use crate::service::{Conflict, Error};

/// A new edition, checked.
pub struct NewEdition {
    pub number: i32,
    pub slug: Slug,
    pub cover_media_id: Option<i64>,
    pub required_locales: Vec<String>,
}

impl NewEdition {
    /// Checks every field; `required_locales` `None` means every configured locale.
    pub fn check(
        l10n: &Localizer,
        number: i32,
        slug: &str,
        cover_media_id: Option<i64>,
        required_locales: Option<Vec<String>>,
    ) -> Result<Self, Error> {
        let mut problems = Vec::new();
        if let Err(invalid) = edition::number(number) {
            problems.push(invalid);
        }
        let slug = Slug::parse(slug).map_err(|invalid| problems.push(invalid)).ok();
        let required_locales = required_locales.unwrap_or_else(|| l10n.codes().map(str::to_owned).collect());
        check_locales(l10n, &required_locales, &mut problems);
        match slug {
            Some(slug) if problems.is_empty() => Ok(Self { number, slug, cover_media_id, required_locales }),
            _ => Err(Error::Invalid(problems)),
        }
    }
}

/// What a change of an edition asks for; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct EditionUpdate {
    pub number: Option<i32>,
    pub slug: Option<String>,
    /// `Some(None)` takes the cover away.
    pub cover_media_id: Option<Option<i64>>,
    pub required_locales: Option<Vec<String>>,
    pub refuse_outdated: Option<bool>,
    pub story_ids: Option<Vec<i64>>,
}

/// An [`EditionUpdate`] whose every field was checked.
pub struct CheckedUpdate {
    request: EditionUpdate,
    slug: Option<Slug>,
}

impl EditionUpdate {
    pub fn check(self, l10n: &Localizer) -> Result<CheckedUpdate, Error> {
        let mut problems = Vec::new();
        if let Some(Err(invalid)) = self.number.map(edition::number) {
            problems.push(invalid);
        }
        let slug =
            self.slug.as_deref().map(Slug::parse).transpose().map_err(|invalid| problems.push(invalid)).ok().flatten();
        if let Some(required) = &self.required_locales {
            check_locales(l10n, required, &mut problems);
        }
        if let Some(ids) = &self.story_ids {
            let mut unique = ids.clone();
            unique.sort_unstable();
            unique.dedup();
            if unique.len() != ids.len() {
                problems.push(Invalid::new("story_ids", "duplicate-story"));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        Ok(CheckedUpdate { request: self, slug })
    }
}

/// Creates an edition; returns its id.
pub fn create(conn: &mut DbConn, new: NewEdition, author: i64) -> Result<i64, Error> {
    db::write_transaction(conn, |conn| {
        check_cover(conn, new.cover_media_id)?;
        check_unique(conn, None, Some(new.number), Some(new.slug.as_str()))?;
        let id = editions::insert(conn, new.number, new.slug.as_str(), &new.required_locales, author)?;
        if new.cover_media_id.is_some() {
            let changes = EditionChanges { cover_media_id: Some(new.cover_media_id), ..Default::default() };
            editions::update(conn, id, changes)?;
        }
        let detail =
            serde_json::json!({"number": new.number, "slug": new.slug.as_str(), "cover_media_id": new.cover_media_id});
        record_edit(conn, id, author, "create", Touched::Content, detail)?;
        Ok(id)
    })
}

/// Changes an edition's settings, cover or story list. A published edition's number and
/// slug are what readers already see (and link to): only someone who may publish changes
/// them.
pub fn update(conn: &mut DbConn, id: i64, update: CheckedUpdate, actor: &User) -> Result<(), Error> {
    let CheckedUpdate { request, slug } = update;
    let may_change_published = actor.roles.has_or_admin(Role::Reviewer);
    let touched = if request.cover_media_id.is_some() || request.story_ids.is_some() {
        Touched::Content
    } else {
        Touched::Settings
    };
    let detail = update_detail(&request, slug.as_ref());
    db::write_transaction(conn, |conn| {
        let edition = editions::find(conn, id)?.ok_or(Error::NotFound)?;
        let readers_see = request.number.is_some_and(|n| n != edition.number)
            || slug.as_ref().is_some_and(|s| s.as_str() != edition.slug);
        if readers_see && edition.published_at.is_some() && !may_change_published {
            return Err(Conflict::PublishedNeedsReviewer.into());
        }
        if let Some(cover) = request.cover_media_id {
            check_cover(conn, cover)?;
        }
        check_unique(conn, Some(id), request.number, slug.as_ref().map(Slug::as_str))?;
        if let Some(story_ids) = &request.story_ids {
            set_stories(conn, id, story_ids)?;
        }
        let changes = EditionChanges {
            number: request.number,
            slug: slug.map(|s| s.as_str().to_owned()),
            cover_media_id: request.cover_media_id,
            required_locales: request.required_locales.map(|l| l.join(",")),
            refuse_outdated: request.refuse_outdated,
            ..Default::default()
        };
        editions::update(conn, id, changes)?;
        record_edit(conn, id, actor.id, "edit", touched, detail)?;
        Ok(())
    })
}

/// Sets the edition's texts in `locale` (checked by `EditionTexts::validate`).
pub fn put_text(conn: &mut DbConn, id: i64, locale: String, texts: EditionTexts, actor: i64) -> Result<(), Error> {
    db::write_transaction(conn, |conn| {
        editions::find(conn, id)?.ok_or(Error::NotFound)?;
        let before = editions::texts(conn, id)?.into_iter().find(|t| t.locale == locale);
        let text = EditionText {
            edition_id: id,
            locale,
            title: texts.title,
            foreword: texts.foreword,
            signature_name: texts.signature_name,
            signature_role: texts.signature_role,
            cover_alt: texts.cover_alt,
            updated_at: db::now(),
        };
        let detail = serde_json::json!({"locale": text.locale, "fields": changed_fields(before.as_ref(), &text)});
        editions::put_text(conn, &text)?;
        editions::update(conn, id, EditionChanges::default())?;
        record_edit(conn, id, actor, "edit", Touched::Content, detail)?;
        Ok(())
    })
}

/// What an edit of an edition touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touched {
    /// Only what readers do not see as edition content (number, slug, required locales…).
    Settings,
    /// The cover, the story list or a text: a new revision, pending until published.
    Content,
}

/// Records a change (`create` or `edit`) already applied to the edition's working copy,
/// inside the caller's transaction: a new revision when it touched content, and an event
/// with `detail` (which fields, which locale) either way.
pub fn record_edit(
    conn: &mut DbConn,
    edition_id: i64,
    actor_id: i64,
    action: &'static str,
    touched: Touched,
    mut detail: serde_json::Value,
) -> Result<(), Error> {
    if touched == Touched::Content {
        let revision = edition_revisions::snapshot(conn, edition_id, Some(actor_id))?;
        detail["revision"] = revision.number.into();
    }
    audit::record(
        conn,
        NewAuditEvent {
            actor_id: Some(actor_id),
            subject_kind: audit::EDITION,
            subject_id: edition_id,
            action,
            detail,
        },
    )?;
    Ok(())
}

fn check_locales(l10n: &Localizer, required: &[String], problems: &mut Vec<Invalid>) {
    if required.is_empty() || required.iter().any(|l| !l10n.is_supported(l)) {
        problems.push(Invalid::new("required_locales", "unknown-locale"));
    }
}

fn check_cover(conn: &mut DbConn, cover: Option<i64>) -> Result<(), Error> {
    match cover {
        Some(id) if media::find(conn, id)?.is_none() => Err(Invalid::new("cover_media_id", "unknown-media").into()),
        _ => Ok(()),
    }
}

/// Numbers and slugs identify editions; another edition (not `own`) may not have them.
fn check_unique(conn: &mut DbConn, own: Option<i64>, number: Option<i32>, slug: Option<&str>) -> Result<(), Error> {
    let taken_by_other = |found: Option<Edition>| found.is_some_and(|e| Some(e.id) != own);
    if let Some(number) = number {
        if taken_by_other(editions::find_by_number(conn, number)?) {
            return Err(Conflict::EditionNumberTaken.into());
        }
    }
    if let Some(slug) = slug {
        if taken_by_other(editions::find_by_slug(conn, slug)?) {
            return Err(Conflict::SlugTaken.into());
        }
    }
    Ok(())
}

fn set_stories(conn: &mut DbConn, edition_id: i64, story_ids: &[i64]) -> Result<(), Error> {
    for story_id in story_ids {
        let story =
            stories::find(conn, *story_id)?.ok_or_else(|| Error::from(Invalid::new("story_ids", "unknown-story")))?;
        if story.edition_id.is_some_and(|other| other != edition_id) {
            return Err(Conflict::StoryInOtherEdition.into());
        }
    }
    stories::set_edition_stories(conn, edition_id, story_ids)?;
    Ok(())
}

/// What an edit asked for, for the audit trail.
fn update_detail(request: &EditionUpdate, slug: Option<&Slug>) -> serde_json::Value {
    let mut detail = serde_json::Map::new();
    if let Some(number) = request.number {
        detail.insert("number".into(), number.into());
    }
    if let Some(slug) = slug {
        detail.insert("slug".into(), slug.as_str().into());
    }
    if let Some(cover) = request.cover_media_id {
        detail.insert("cover_media_id".into(), cover.into());
    }
    if let Some(ids) = &request.story_ids {
        detail.insert("story_ids".into(), ids.clone().into());
    }
    if let Some(locales) = &request.required_locales {
        detail.insert("required_locales".into(), locales.clone().into());
    }
    if let Some(refuse) = request.refuse_outdated {
        detail.insert("refuse_outdated".into(), refuse.into());
    }
    let fields: Vec<String> = detail.keys().cloned().collect();
    serde_json::json!({"fields": fields, "values": detail})
}

/// The text fields a save changes (all of them for a new locale).
fn changed_fields(before: Option<&EditionText>, after: &EditionText) -> Vec<&'static str> {
    let Some(before) = before else { return vec!["title", "foreword", "signature", "cover_alt"] };
    let mut fields = Vec::new();
    if before.title != after.title {
        fields.push("title");
    }
    if before.foreword != after.foreword {
        fields.push("foreword");
    }
    if before.signature_name != after.signature_name || before.signature_role != after.signature_role {
        fields.push("signature");
    }
    if before.cover_alt != after.cover_alt {
        fields.push("cover_alt");
    }
    fields
}
