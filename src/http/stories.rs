//! Stories: create, list and filter, read, rename, delete.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::auth::{CurrentUser, Editor};
use super::pagination::{Page, PageQuery};
use crate::db::stories::{self, AwaitingReview, Outdated, StoryFilter};
use crate::db::users::User;
use crate::domain::workflow::Status;
use crate::http::json::Json;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::service;
use crate::service::stories::StoryFields;
use crate::service::story_views::{one_view, views, StoryView};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateStoryRequest {
    pub slug: String,
    #[serde(default)]
    pub section: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateStoryRequest {
    pub slug: Option<String>,
    pub section: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StoryListQuery {
    /// Translation status (`draft`, `in_review`, `changes_requested`, `approved`,
    /// `published`); with `locale`, that locale's.
    pub status: Option<Status>,
    /// Stories translated into this locale.
    pub locale: Option<String>,
    /// Stories in this edition.
    pub edition: Option<i64>,
    /// Stories with a revision by this user id.
    pub author: Option<i64>,
    /// `true`: stories in review that the caller may review (not their own revision).
    pub waiting_for_me: Option<bool>,
    /// `true`: stories with a translation behind its source (in `locale` if given).
    pub outdated: Option<bool>,
    /// Stories in this section.
    pub section: Option<String>,
    /// Case-insensitive search in the latest titles of every language.
    pub q: Option<String>,
}

/// List stories, most recently changed first.
#[utoipa::path(
    get, path = "/api/v1/stories", tag = "stories", security(("bearer" = [])),
    params(PageQuery, StoryListQuery),
    responses(
        (status = 200, body = Page<StoryView>),
        (status = 404, description = "Unknown locale (`unknown-locale`)"),
        (status = 422, description = "Page out of range"),
    )
)]
pub async fn list_stories(
    user: CurrentUser,
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
    query: web::Query<StoryListQuery>,
) -> Result<HttpResponse, ApiError> {
    let request = page.checked()?;
    let query = query.into_inner();
    if let Some(locale) = &query.locale {
        super::translations::known_locale(&state, locale)?;
    }
    let rules = state.rules.clone();
    let self_approval = rules.allow_self_approval;
    let (items, total) = state
        .db
        .run(move |conn| {
            let outdated = (query.outdated == Some(true))
                .then(|| Outdated { source_locale: rules.source_locale.clone(), locale: query.locale.clone() });
            let filter = StoryFilter {
                status: query.status.map(|s| s.as_str().to_owned()),
                locale: query.locale,
                edition_id: query.edition,
                author_id: query.author,
                awaiting_review: match query.waiting_for_me {
                    Some(true) if self_approval => Some(AwaitingReview::Anyone),
                    Some(true) => Some(AwaitingReview::NotWrittenBy(user.id)),
                    _ => None,
                },
                only_ids: None,
                outdated,
                section: query.section,
                q: query.q,
            };
            let (found, total) = stories::list(conn, &filter, request.limit(), request.offset())?;
            Ok::<_, ApiError>((views(conn, &rules, found)?, total))
        })
        .await?;
    Ok(HttpResponse::Ok().json(Page::new(items, request, total)))
}

/// Create a story; its texts are added per locale with PUT on its translations.
#[utoipa::path(
    post, path = "/api/v1/stories", tag = "stories", security(("bearer" = ["editor"])),
    request_body = CreateStoryRequest,
    responses(
        (status = 201, body = StoryView),
        (status = 409, description = "Slug taken (`slug-taken`)"),
        (status = 422, description = "Invalid fields"),
    )
)]
pub async fn create_story(
    editor: Editor,
    state: web::Data<AppState>,
    body: Json<CreateStoryRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let fields = StoryFields::check(Some(&body.slug), Some(&body.section))?;
    let author = editor.id;
    let rules = state.rules.clone();
    let view = state
        .db
        .run(move |conn| {
            let id = service::stories::create(conn, fields, author)?;
            one_view(conn, &rules, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// A story with a summary of each translation.
#[utoipa::path(
    get, path = "/api/v1/stories/{id}", tag = "stories", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Story id")),
    responses(
        (status = 200, body = StoryView),
    )
)]
pub async fn get_story(
    _user: CurrentUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let rules = state.rules.clone();
    let view = state.db.run(move |conn| one_view(conn, &rules, id)).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Change a story's slug or section.
#[utoipa::path(
    patch, path = "/api/v1/stories/{id}", tag = "stories", security(("bearer" = ["editor"])),
    params(("id" = i64, Path, description = "Story id")),
    request_body = UpdateStoryRequest,
    responses(
        (status = 200, body = StoryView),
        (status = 409, description = "Slug taken (`slug-taken`), or the story is published and the caller no reviewer (`published-needs-reviewer`)"),
        (status = 422, description = "Invalid fields"),
    )
)]
pub async fn update_story(
    editor: Editor,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Json<UpdateStoryRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let fields = StoryFields::check(body.slug.as_deref(), body.section.as_deref())?;
    let rules = state.rules.clone();
    let actor = User::clone(&editor);
    let view = state
        .db
        .run(move |conn| {
            service::stories::update(conn, id, fields, &actor)?;
            one_view(conn, &rules, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Delete a story that was never published. A published one must be unpublished first, so
/// that no reader's link breaks by accident.
#[utoipa::path(
    delete, path = "/api/v1/stories/{id}", tag = "stories", security(("bearer" = ["editor"])),
    params(("id" = i64, Path, description = "Story id")),
    responses(
        (status = 204, description = "Deleted with its translations, revisions and events"),
        (status = 409, description = "A translation is live (`story-published`)"),
    )
)]
pub async fn delete_story(
    _editor: Editor,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state.db.run(move |conn| service::stories::delete(conn, id).map_err(ApiError::from)).await?;
    Ok(HttpResponse::NoContent().finish())
}
