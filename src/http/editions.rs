//! Editions: numbered issues with per-locale title, foreword and signature, an ordered list
//! of stories, and publishing them all at once.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::pagination::{Page, PageQuery};
use super::problem::Problem;
use super::translations::known_locale;
use crate::app::AppState;
use crate::auth::{CurrentUser, Editor, Reviewer};
use crate::db::editions::{self, Edition, EditionChanges, EditionText};
use crate::db::{self, media, stories, DbConn};
use crate::domain::edition::{self, EditionTexts};
use crate::domain::{Invalid, Slug};
use crate::editorial::editions::{publish, readiness};
use crate::editorial::NotReady;
use crate::error::ApiError;
use crate::http::json::Json;

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
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EditionStory {
    pub id: i64,
    pub slug: String,
    pub section: String,
    pub position: Option<i32>,
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
    /// The edition's stories, in order; stories not listed leave the edition.
    pub story_ids: Option<Vec<i64>>,
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
}

/// List editions, newest number first.
#[utoipa::path(
    get, path = "/api/v1/editions", tag = "editions", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = Page<EditionView>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Page out of range", body = Problem, content_type = "application/problem+json"),
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
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Number or slug taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_edition(
    editor: Editor,
    state: web::Data<AppState>,
    body: Json<CreateEditionRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut problems = Vec::new();
    if let Err(invalid) = edition::number(body.number) {
        problems.push(invalid);
    }
    let slug = Slug::parse(&body.slug).map_err(|invalid| problems.push(invalid)).ok();
    let required = body.required_locales.unwrap_or_else(|| state.l10n.codes().map(str::to_owned).collect());
    check_locales(&state, &required, &mut problems);
    let (Some(slug), true) = (slug, problems.is_empty()) else {
        return Err(ApiError::Validation(problems));
    };
    let author = editor.id;
    let view = state
        .db
        .run(move |conn| {
            let id = db::write_transaction(conn, |conn| {
                check_cover(conn, body.cover_media_id)?;
                check_unique(conn, None, Some(body.number), Some(slug.as_str()))?;
                let id = editions::insert(conn, body.number, slug.as_str(), &required, author)?;
                if body.cover_media_id.is_some() {
                    let changes = EditionChanges { cover_media_id: Some(body.cover_media_id), ..Default::default() };
                    editions::update(conn, id, changes)?;
                }
                Ok::<_, ApiError>(id)
            })?;
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
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
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

/// Change an edition: number, slug, cover, required locales, and its stories in order.
#[utoipa::path(
    patch, path = "/api/v1/editions/{id}", tag = "editions", security(("bearer" = ["editor"])),
    params(("id" = i64, Path)),
    request_body = UpdateEditionRequest,
    responses(
        (status = 200, body = EditionView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Number or slug taken, or a story is in another edition", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, unknown stories or media", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_edition(
    _editor: Editor,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Json<UpdateEditionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let mut problems = Vec::new();
    if let Some(Err(invalid)) = body.number.map(edition::number) {
        problems.push(invalid);
    }
    let slug =
        body.slug.as_deref().map(Slug::parse).transpose().map_err(|invalid| problems.push(invalid)).ok().flatten();
    if let Some(required) = &body.required_locales {
        check_locales(&state, required, &mut problems);
    }
    if let Some(ids) = &body.story_ids {
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        if unique.len() != ids.len() {
            problems.push(Invalid::new("story_ids", "duplicate-story"));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let view = state
        .db
        .run(move |conn| {
            db::write_transaction(conn, |conn| {
                editions::find(conn, id)?.ok_or(ApiError::NotFound)?;
                if let Some(cover) = body.cover_media_id {
                    check_cover(conn, cover)?;
                }
                check_unique(conn, Some(id), body.number, slug.as_ref().map(Slug::as_str))?;
                if let Some(story_ids) = &body.story_ids {
                    set_stories(conn, id, story_ids)?;
                }
                let changes = EditionChanges {
                    number: body.number,
                    slug: slug.map(|s| s.as_str().to_owned()),
                    cover_media_id: body.cover_media_id,
                    required_locales: body.required_locales.map(|l| l.join(",")),
                    refuse_outdated: body.refuse_outdated,
                    ..Default::default()
                };
                editions::update(conn, id, changes)?;
                Ok::<_, ApiError>(())
            })?;
            load_view(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Set the edition's title, foreword and signature in one locale.
#[utoipa::path(
    put, path = "/api/v1/editions/{id}/translations/{locale}", tag = "editions", security(("bearer" = ["editor"])),
    params(("id" = i64, Path), ("locale" = String, Path)),
    request_body = EditionTextRequest,
    responses(
        (status = 200, body = EditionView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_edition_translation(
    _editor: Editor,
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
    let view = state
        .db
        .run(move |conn| {
            db::write_transaction(conn, |conn| {
                editions::find(conn, id)?.ok_or(ApiError::NotFound)?;
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
                editions::put_text(conn, &text)?;
                editions::update(conn, id, EditionChanges::default())?;
                Ok::<_, ApiError>(())
            })?;
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
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
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
            readiness(conn, &rules, &edition)
        })
        .await?;
    Ok(HttpResponse::Ok().json(report))
}

/// Publish the edition: every approved translation of its stories goes live, in one
/// transaction. Refused with the full list of what is not ready.
#[utoipa::path(
    post, path = "/api/v1/editions/{id}/publish", tag = "editions", security(("bearer" = ["reviewer"])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = EditionView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not ready (`edition-not-ready`, with `not_ready`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "One of its translations changed at the same moment (`precondition-failed`); retry", body = Problem, content_type = "application/problem+json"),
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

fn check_locales(state: &AppState, required: &[String], problems: &mut Vec<Invalid>) {
    if required.is_empty() || required.iter().any(|l| !state.l10n.is_supported(l)) {
        problems.push(Invalid::new("required_locales", "unknown-locale"));
    }
}

fn check_cover(conn: &mut DbConn, cover: Option<i64>) -> Result<(), ApiError> {
    match cover {
        Some(id) if media::find(conn, id)?.is_none() => Err(Invalid::new("cover_media_id", "unknown-media").into()),
        _ => Ok(()),
    }
}

/// Numbers and slugs identify editions; another edition (not `own`) may not have them.
fn check_unique(conn: &mut DbConn, own: Option<i64>, number: Option<i32>, slug: Option<&str>) -> Result<(), ApiError> {
    let taken_by_other = |found: Option<Edition>| found.is_some_and(|e| Some(e.id) != own);
    if let Some(number) = number {
        if taken_by_other(editions::find_by_number(conn, number)?) {
            return Err(ApiError::Conflict("edition-number-taken"));
        }
    }
    if let Some(slug) = slug {
        if taken_by_other(editions::find_by_slug(conn, slug)?) {
            return Err(ApiError::Conflict("slug-taken"));
        }
    }
    Ok(())
}

fn set_stories(conn: &mut DbConn, edition_id: i64, story_ids: &[i64]) -> Result<(), ApiError> {
    for story_id in story_ids {
        let story = stories::find(conn, *story_id)?
            .ok_or_else(|| ApiError::from(Invalid::new("story_ids", "unknown-story")))?;
        if story.edition_id.is_some_and(|other| other != edition_id) {
            return Err(ApiError::Conflict("story-in-other-edition"));
        }
    }
    stories::set_edition_stories(conn, edition_id, story_ids)?;
    Ok(())
}

fn load_view(conn: &mut DbConn, id: i64) -> Result<EditionView, ApiError> {
    let edition = editions::find(conn, id)?.ok_or(ApiError::NotFound)?;
    view(conn, edition)
}

fn view(conn: &mut DbConn, edition: Edition) -> Result<EditionView, ApiError> {
    let texts = editions::texts(conn, edition.id)?;
    let members = stories::in_edition(conn, edition.id)?;
    Ok(EditionView {
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
                locale: t.locale,
                title: t.title,
                foreword: t.foreword,
                signature: Signature { name: t.signature_name, role: t.signature_role },
                cover_alt: t.cover_alt,
            })
            .collect(),
        stories: members
            .into_iter()
            .map(|s| EditionStory { id: s.id, slug: s.slug, section: s.section, position: s.position })
            .collect(),
    })
}
