//! Writing editions: creating one, changing its settings, cover and story list, and its text
//! in a locale, and its groups (SPEC §12). Every change of what readers see (texts, cover, story list) becomes a new
//! revision, which readers see only once a reviewer publishes the edition
//! (`service::editions::publish`); each change is in the audit trail.

use crate::db::audit::{self, NewAuditEvent};
use crate::db::editions::{self, Edition, EditionChanges, EditionText};
use crate::db::users::User;
use crate::db::{self, edition_revisions, media, stories, DbConn};
use crate::domain::edition::{self, EditionTexts};
use crate::domain::groups::{self, decode_texts as decode_group_texts, encode_texts as encode_group_texts};
use crate::domain::groups::{Group, GroupTexts, Layout};
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
    /// The stories as one list, in order; stories not listed leave the edition.
    pub story_ids: Option<Vec<i64>>,
    /// The stories in ordered groups (instead of `story_ids`).
    pub groups: Option<Vec<Group>>,
}

/// An [`EditionUpdate`] whose every field was checked.
pub struct CheckedUpdate {
    request: EditionUpdate,
    slug: Option<Slug>,
    layout: Option<Layout>,
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
        let layout = match (self.story_ids.clone(), self.groups.clone()) {
            (Some(_), Some(_)) => {
                problems.push(Invalid::new("groups", "groups-or-story-ids"));
                None
            }
            (Some(ids), None) => Some(Layout::Ungrouped(ids)),
            (None, Some(groups)) => Some(Layout::Grouped(groups)),
            (None, None) => None,
        };
        let layout = layout.map(Layout::check).transpose().map_err(|invalid| problems.extend(invalid)).ok().flatten();
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        Ok(CheckedUpdate { request: self, slug, layout })
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
    let CheckedUpdate { request, slug, layout } = update;
    let may_change_published = actor.roles.has_or_admin(Role::Reviewer);
    let touched =
        if request.cover_media_id.is_some() || layout.is_some() { Touched::Content } else { Touched::Settings };
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
        if let Some(layout) = &layout {
            set_layout(conn, id, layout)?;
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

/// Sets the edition's texts in `locale` (checked by `EditionTexts::validate`) and, when
/// given, its groups' headings and introductions there (`None` keeps them as they are).
pub fn put_text(
    conn: &mut DbConn,
    id: i64,
    locale: String,
    texts: EditionTexts,
    group_texts: Option<GroupTexts>,
    actor: i64,
) -> Result<(), Error> {
    db::write_transaction(conn, |conn| {
        editions::find(conn, id)?.ok_or(Error::NotFound)?;
        let before = editions::texts(conn, id)?.into_iter().find(|t| t.locale == locale);
        let group_texts = match group_texts {
            Some(given) => {
                let keys: Vec<String> = editions::groups(conn, id)?.into_iter().map(|g| g.group_key).collect();
                encode_group_texts(&groups::check_texts(given, &keys).map_err(Error::Invalid)?)
            }
            None => before.as_ref().map_or_else(|| encode_group_texts(&GroupTexts::new()), |b| b.group_texts.clone()),
        };
        let text = EditionText {
            edition_id: id,
            locale,
            title: texts.title,
            foreword: texts.foreword,
            signature_name: texts.signature_name,
            signature_role: texts.signature_role,
            cover_alt: texts.cover_alt,
            updated_at: db::now(),
            group_texts,
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

/// Makes `layout` the edition's stories and groups. Texts of groups that no longer exist go
/// with them, so no locale keeps a heading nobody can see or edit.
fn set_layout(conn: &mut DbConn, edition_id: i64, layout: &Layout) -> Result<(), Error> {
    let field = if layout.groups().is_empty() { "story_ids" } else { "groups" };
    for story_id in layout.story_ids() {
        let story = stories::find(conn, story_id)?.ok_or_else(|| Error::from(Invalid::new(field, "unknown-story")))?;
        if story.edition_id.is_some_and(|other| other != edition_id) {
            return Err(Conflict::StoryInOtherEdition.into());
        }
    }
    editions::set_layout(conn, edition_id, layout)?;
    let keys = layout.keys();
    for mut text in editions::texts(conn, edition_id)? {
        let mut kept = decode_group_texts(&text.group_texts);
        let before = kept.len();
        kept.retain(|key, _| keys.contains(key));
        if kept.len() != before {
            text.group_texts = encode_group_texts(&kept);
            editions::put_text(conn, &text)?;
        }
    }
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
    if let Some(groups) = &request.groups {
        let groups: Vec<serde_json::Value> = groups
            .iter()
            .map(|g| serde_json::json!({"key": g.key, "lettered": g.lettered, "story_ids": g.story_ids}))
            .collect();
        detail.insert("groups".into(), groups.into());
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
    let Some(before) = before else { return vec!["title", "foreword", "signature", "cover_alt", "groups"] };
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
    if decode_group_texts(&before.group_texts) != decode_group_texts(&after.group_texts) {
        fields.push("groups");
    }
    fields
}
