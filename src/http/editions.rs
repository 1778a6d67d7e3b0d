//! Editions: numbered issues with per-locale title, foreword and signature, an ordered list
//! of stories, and publishing them all at once.

use std::collections::BTreeMap;

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::{CurrentUser, Editor, Reviewer};
use super::pagination::{Page, PageQuery};
use super::translations::known_locale;
use crate::db::edition_revisions::{self, RevisionText};
use crate::db::editions::{self, Edition};
use crate::db::users::User;
use crate::db::{stories, DbConn};
use crate::domain::edition::EditionTexts;
use crate::domain::groups::{Group, GroupText, GroupTexts, Layout};
use crate::http::json::Json;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::service::editions::{decode_group_texts, publish, readiness, EditionUpdate, NewEdition};
use crate::service::{self, NotReady};

#[derive(Debug, Serialize, ToSchema)]
pub struct EditionView {
    pub id: i64,
    pub number: i32,
    pub slug: String,
    pub cover_media_id: Option<i64>,
    /// Locales every story must be ready in before publishing.
    pub required_locales: Vec<String>,
    /// Refuse to publish while a translation is outdated.
    pub refuse_outdated: bool,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub translations: Vec<EditionTextView>,
    /// In order.
    pub stories: Vec<EditionStory>,
    /// The stories in ordered groups; empty when they are one plain list.
    pub groups: Vec<GroupView>,
    /// The number of the latest revision: what the fields above show, and what the next
    /// publish makes live.
    pub revision: Option<i32>,
    /// The number of the revision readers see; `null` until first published.
    pub live_revision: Option<i32>,
    /// Whether the latest revision differs from what readers see, so a reviewer must
    /// publish the edition for the changes to show.
    pub pending_changes: bool,
    /// What readers see: the live revision's cover, stories and texts.
    pub live: Option<LiveEditionView>,
}

/// An edition's cover, stories and texts as readers see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct LiveEditionView {
    pub revision: i32,
    pub cover_media_id: Option<i64>,
    /// In order.
    pub story_ids: Vec<i64>,
    /// As in the edition.
    pub groups: Vec<GroupView>,
    pub translations: Vec<EditionTextView>,
}

/// A group of an edition's stories (SPEC §12), also as `PATCH` takes it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupView {
    /// Lower-case letters, digits and hyphens; unique in the edition.
    pub key: String,
    /// Whether its stories are labelled a, b, c… (أ، ب، ج… in Arabic), in order.
    #[serde(default)]
    pub lettered: bool,
    /// In order.
    pub story_ids: Vec<i64>,
}

/// A group's heading and introduction in one locale.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupTextView {
    #[serde(default)]
    pub heading: String,
    /// Markdown.
    #[serde(default)]
    pub intro: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Signature {
    pub name: String,
    /// The signatory's role, e.g. "Head of Office".
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EditionTextView {
    pub locale: String,
    pub title: String,
    /// Markdown.
    pub foreword: String,
    pub signature: Signature,
    pub cover_alt: String,
    /// Each group's heading and introduction, by group key.
    pub groups: BTreeMap<String, GroupTextView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EditionStory {
    pub id: i64,
    pub slug: String,
    pub section: String,
    pub position: Option<i32>,
    /// Its group's key, when the edition has groups.
    pub group: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEditionRequest {
    pub number: i32,
    pub slug: String,
    pub cover_media_id: Option<i64>,
    /// Default: every configured locale.
    pub required_locales: Option<Vec<String>>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateEditionRequest {
    pub number: Option<i32>,
    pub slug: Option<String>,
    /// `null` removes the cover.
    #[serde(default, deserialize_with = "super::present")]
    #[schema(value_type = Option<i64>)]
    pub cover_media_id: Option<Option<i64>>,
    /// The edition's stories as one list, in order; stories not listed leave the edition.
    pub story_ids: Option<Vec<i64>>,
    /// The edition's stories in ordered groups (instead of `story_ids`); stories in no group
    /// leave the edition.
    pub groups: Option<Vec<GroupView>>,
    pub required_locales: Option<Vec<String>>,
    pub refuse_outdated: Option<bool>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditionTextRequest {
    pub title: String,
    /// Markdown.
    pub foreword: String,
    pub signature: Signature,
    #[serde(default)]
    pub cover_alt: String,
    /// Each group's heading and introduction, by group key; absent keeps them as they are.
    pub groups: Option<BTreeMap<String, GroupTextView>>,
}

/// List editions, newest number first.
#[utoipa::path(
    get, path = "/api/v1/editions", tag = "editions", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = Page<EditionView>),
        (status = 422, description = "Page out of range"),
    )
)]
pub async fn list_editions(
    _user: CurrentUser,
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let request = page.checked()?;
    let (items, total) = state
        .db
        .run(move |conn| {
            let (found, total) = editions::list(conn, request.limit(), request.offset())?;
            let items = found.into_iter().map(|e| view(conn, e)).collect::<Result<Vec<_>, ApiError>>()?;
            Ok::<_, ApiError>((items, total))
        })
        .await?;
    Ok(HttpResponse::Ok().json(Page::new(items, request, total)))
}

/// Create an edition.
#[utoipa::path(
    post, path = "/api/v1/editions", tag = "editions", security(("bearer" = ["editor"])),
    request_body = CreateEditionRequest,
    responses(
        (status = 201, body = EditionView),
        (status = 409, description = "Number or slug taken"),
        (status = 422, description = "Invalid fields"),
    )
)]
pub async fn create_edition(
    editor: Editor,
    state: web::Data<AppState>,
    body: Json<CreateEditionRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let new = NewEdition::check(&state.l10n, body.number, &body.slug, body.cover_media_id, body.required_locales)?;
    let author = editor.id;
    let view = state
        .db
        .run(move |conn| {
            let id = service::editions::create(conn, new, author)?;
            load_view(conn, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// An edition with its texts and stories.
#[utoipa::path(
    get, path = "/api/v1/editions/{id}", tag = "editions", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = EditionView),
    )
)]
pub async fn get_edition(
    _user: CurrentUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let view = state.db.run(move |conn| load_view(conn, id)).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Change an edition: number, slug, cover, required locales, and its stories in order, as one
/// list (`story_ids`) or in groups (`groups`).
#[utoipa::path(
    patch, path = "/api/v1/editions/{id}", tag = "editions", security(("bearer" = ["editor"])),
    params(("id" = i64, Path)),
    request_body = UpdateEditionRequest,
    responses(
        (status = 200, body = EditionView),
        (status = 409, description = "Number or slug taken, a story is in another edition, or the edition is published and the caller no reviewer (`published-needs-reviewer`)"),
        (status = 422, description = "Invalid fields, unknown stories or media"),
    )
)]
pub async fn update_edition(
    editor: Editor,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Json<UpdateEditionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let update = EditionUpdate {
        number: body.number,
        slug: body.slug,
        cover_media_id: body.cover_media_id,
        required_locales: body.required_locales,
        refuse_outdated: body.refuse_outdated,
        story_ids: body.story_ids,
        groups: body.groups.map(|groups| {
            groups.into_iter().map(|g| Group { key: g.key, lettered: g.lettered, story_ids: g.story_ids }).collect()
        }),
    }
    .check(&state.l10n)?;
    let actor = User::clone(&editor);
    let view = state
        .db
        .run(move |conn| {
            service::editions::update(conn, id, update, &actor)?;
            load_view(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Set the edition's title, foreword and signature in one locale, and its groups' headings and
/// introductions there (`groups`; absent keeps them).
#[utoipa::path(
    put, path = "/api/v1/editions/{id}/translations/{locale}", tag = "editions", security(("bearer" = ["editor"])),
    params(("id" = i64, Path), ("locale" = String, Path)),
    request_body = EditionTextRequest,
    responses(
        (status = 200, body = EditionView),
        (status = 422, description = "Invalid fields"),
    )
)]
pub async fn put_edition_translation(
    editor: Editor,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    body: Json<EditionTextRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, locale) = path.into_inner();
    known_locale(&state, &locale)?;
    let body = body.into_inner();
    let texts = EditionTexts {
        title: body.title,
        foreword: body.foreword,
        signature_name: body.signature.name,
        signature_role: body.signature.role,
        cover_alt: body.cover_alt,
    }
    .validate()
    .map_err(ApiError::Validation)?;
    let group_texts: Option<GroupTexts> = body.groups.map(|groups| {
        groups.into_iter().map(|(key, t)| (key, GroupText { heading: t.heading, intro: t.intro })).collect()
    });
    let actor = editor.id;
    let view = state
        .db
        .run(move |conn| {
            service::editions::put_text(conn, id, locale, texts, group_texts, actor)?;
            load_view(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// What still keeps the edition from being published (empty when ready).
#[utoipa::path(
    get, path = "/api/v1/editions/{id}/readiness", tag = "editions", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Vec<NotReady>),
    )
)]
pub async fn get_readiness(
    _user: CurrentUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let rules = state.rules.clone();
    let report = state
        .db
        .run(move |conn| {
            let edition = editions::find(conn, id)?.ok_or(ApiError::NotFound)?;
            Ok::<_, ApiError>(readiness(conn, &rules, &edition)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(report))
}

/// Publish the edition: its latest revision (texts, cover, stories) and every approved
/// translation of its stories go live, in one transaction. This is the review of edition
/// changes. Refused with the full list of what is not ready.
#[utoipa::path(
    post, path = "/api/v1/editions/{id}/publish", tag = "editions", security(("bearer" = ["reviewer"])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = EditionView),
        (status = 403, description = "Not a reviewer (`forbidden`), or the author of a change not yet live (`own-revision`)"),
        (status = 409, description = "Not ready (`edition-not-ready`, with `not_ready`)"),
        (status = 412, description = "One of its translations changed at the same moment (`precondition-failed`); retry"),
    )
)]
pub async fn publish_edition(
    reviewer: Reviewer,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let rules = state.rules.clone();
    let actor = reviewer.0 .0;
    let view = state
        .db
        .run(move |conn| {
            let edition = publish(conn, &rules, id, &actor)?;
            view(conn, edition)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

fn load_view(conn: &mut DbConn, id: i64) -> Result<EditionView, ApiError> {
    let edition = editions::find(conn, id)?.ok_or(ApiError::NotFound)?;
    view(conn, edition)
}

fn text_view(t: RevisionText) -> EditionTextView {
    EditionTextView {
        groups: group_text_views(&t.group_texts),
        locale: t.locale,
        title: t.title,
        foreword: t.foreword,
        signature: Signature { name: t.signature_name, role: t.signature_role },
        cover_alt: t.cover_alt,
    }
}

fn group_text_views(stored: &str) -> BTreeMap<String, GroupTextView> {
    decode_group_texts(stored)
        .into_iter()
        .map(|(key, t)| (key, GroupTextView { heading: t.heading, intro: t.intro }))
        .collect()
}

fn group_views(layout: &Layout) -> Vec<GroupView> {
    layout
        .groups()
        .iter()
        .map(|g| GroupView { key: g.key.clone(), lettered: g.lettered, story_ids: g.story_ids.clone() })
        .collect()
}

fn view(conn: &mut DbConn, edition: Edition) -> Result<EditionView, ApiError> {
    let texts = editions::texts(conn, edition.id)?;
    let members = stories::in_edition(conn, edition.id)?;
    let groups = editions::groups(conn, edition.id)?.into_iter().map(|g| (g.group_key, g.lettered)).collect();
    let layout = Layout::assemble(groups, members.iter().map(|s| (s.id, s.group_key.clone())).collect());
    let revision = match edition.latest_revision_id {
        Some(id) => edition_revisions::number(conn, id)?,
        None => None,
    };
    let live = match edition.live_revision_id {
        Some(id) => edition_revisions::find(conn, id)?.map(|live| LiveEditionView {
            revision: live.revision.number,
            cover_media_id: live.revision.cover_media_id,
            story_ids: live.layout.story_ids(),
            groups: group_views(&live.layout),
            translations: live.texts.into_iter().map(text_view).collect(),
        }),
        None => None,
    };
    Ok(EditionView {
        revision,
        live_revision: live.as_ref().map(|l| l.revision),
        pending_changes: edition.latest_revision_id.is_some() && edition.latest_revision_id != edition.live_revision_id,
        live,
        required_locales: edition.required_locales(),
        id: edition.id,
        number: edition.number,
        slug: edition.slug,
        cover_media_id: edition.cover_media_id,
        refuse_outdated: edition.refuse_outdated,
        published_at: edition.published_at.map(|at| at.and_utc()),
        created_at: edition.created_at.and_utc(),
        updated_at: edition.updated_at.and_utc(),
        translations: texts
            .into_iter()
            .map(|t| EditionTextView {
                groups: group_text_views(&t.group_texts),
                locale: t.locale,
                title: t.title,
                foreword: t.foreword,
                signature: Signature { name: t.signature_name, role: t.signature_role },
                cover_alt: t.cover_alt,
            })
            .collect(),
        stories: members
            .into_iter()
            .map(|s| EditionStory {
                id: s.id,
                slug: s.slug,
                section: s.section,
                position: s.position,
                group: s.group_key,
            })
            .collect(),
        groups: group_views(&layout),
    })
}
