//! A story's text in one locale: saving with optimistic concurrency, the workflow, revisions
//! and the event trail.

use actix_web::http::header;
use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::{CurrentUser, Editor};
use crate::db::translations::{self, FullRevision, Translation};
use crate::db::{media, DbConn};
use crate::domain::revision::{self, FieldChange, ImageRef, Snapshot};
use crate::domain::workflow::{Action, Status};
use crate::http::json::Json;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::service::outdated::{self, Outdated, Stale};
use crate::service::translations::{self as editing, TransitionRequest};
use crate::service::{self, etag, IfMatch, Rules};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveTranslationRequest {
    pub title: String,
    pub summary: String,
    /// Markdown, stored exactly as sent.
    pub body: String,
    /// The "read more" link to a longer web story.
    pub link: Option<String>,
    #[serde(default)]
    pub images: Vec<ImageInput>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImageInput {
    /// An uploaded image (`POST /api/v1/media`).
    pub media_id: i64,
    /// Alternative text in this translation's language.
    pub alt: String,
    #[serde(default)]
    pub caption: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionBody {
    pub action: Action,
    /// Required for `request_changes`.
    pub comment: Option<String>,
    /// With `publish`: publish at this time instead of now.
    pub publish_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TranslationView {
    pub story_id: i64,
    pub locale: String,
    pub status: Status,
    /// Also sent as the `ETag`; send it back as `If-Match` when saving.
    pub version: i64,
    /// Number of the revision shown here.
    pub revision: i32,
    pub latest_revision: i32,
    /// Number of the revision readers see, if any.
    pub live_revision: Option<i32>,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub link: Option<String>,
    pub images: Vec<ImageView>,
    /// When a scheduled publication will happen.
    pub publish_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    /// Set when the source-locale text changed since this translation was made.
    pub outdated: Option<Outdated>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImageView {
    pub media_id: i64,
    pub alt: String,
    pub caption: String,
    /// The image's photo credit in this translation's language (the library's).
    pub credit: String,
    pub width: i32,
    pub height: i32,
    /// Where readers will find the file once the text is published.
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionSummary {
    pub number: i32,
    pub author_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    /// Set when this revision restored an older one.
    pub restored_from: Option<i32>,
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Comparison {
    pub from: i32,
    pub to: i32,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    pub id: i64,
    /// `null` for the scheduler.
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    /// `create`, `edit`, `restore`, `confirm`, `schedule`, `import`, or a workflow action.
    pub action: String,
    pub from: String,
    pub to: String,
    pub comment: Option<String>,
    pub revision: i32,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RevisionChoice {
    /// `live` for what readers see, or a revision number; default the latest.
    pub revision: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompareQuery {
    pub from: i32,
    pub to: i32,
}

/// The `{id}` and `{locale}` of a translation path, checked before anything else is read:
/// an unknown locale is 404 `unknown-locale` whatever the body holds.
pub struct TranslationTarget {
    pub story_id: i64,
    pub locale: String,
}

impl FromRequest for TranslationTarget {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>();
        let story_id = req.match_info().get("id").and_then(|id| id.parse().ok());
        let locale = req.match_info().get("locale").unwrap_or_default();
        ready(match (state, story_id) {
            (Some(state), Some(story_id)) if state.l10n.is_supported(locale) => {
                Ok(TranslationTarget { story_id, locale: locale.to_owned() })
            }
            (Some(_), Some(_)) => Err(ApiError::UnknownLocale),
            _ => Err(ApiError::NotFound),
        })
    }
}

/// The translation's text (latest revision unless asked otherwise), status and freshness.
#[utoipa::path(
    get, path = "/api/v1/stories/{id}/translations/{locale}", tag = "translations", security(("bearer" = [])),
    params(("id" = i64, Path), ("locale" = String, Path), RevisionChoice),
    responses(
        (status = 200, body = TranslationView, headers(("ETag" = String, description = "The version"))),
        (status = 404, description = "No such story, locale or translation"),
    )
)]
pub async fn get_translation(
    _user: CurrentUser,
    state: web::Data<AppState>,
    target: TranslationTarget,
    choice: web::Query<RevisionChoice>,
) -> Result<HttpResponse, ApiError> {
    let TranslationTarget { story_id, locale } = target;
    let rules = state.rules.clone();
    let choice = choice.into_inner().revision;
    let (loaded, version) = state
        .db
        .run(move |conn| {
            let translation = editing::find(conn, story_id, &locale)?;
            let revision_id = match choice.as_deref() {
                None | Some("latest") => translation.latest_revision_id,
                Some("live") => translation.live_revision_id.ok_or(ApiError::NotFound)?,
                Some(number) => {
                    let number = number.parse().map_err(|_| ApiError::NotFound)?;
                    let found = translations::revision_by_number(conn, translation.id, number)?;
                    found.ok_or(ApiError::NotFound)?.revision.id
                }
            };
            Ok::<_, ApiError>((view(conn, &rules, &translation, revision_id)?, translation.version))
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), version, &loaded.finish().await?))
}

/// Save a new revision. Creating needs no `If-Match`; changing an existing translation needs
/// the `ETag` it was read with (412 when someone saved in between, 428 when missing).
#[utoipa::path(
    put, path = "/api/v1/stories/{id}/translations/{locale}", tag = "translations", security(("bearer" = ["editor"])),
    params(("id" = i64, Path), ("locale" = String, Path), ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body = SaveTranslationRequest,
    responses(
        (status = 200, description = "Saved", body = TranslationView),
        (status = 201, description = "Created", body = TranslationView),
        (status = 409, description = "In review: withdraw first"),
        (status = 412, description = "Stale If-Match"),
        (status = 422, description = "Invalid fields"),
        (status = 428, description = "If-Match missing"),
    )
)]
pub async fn put_translation(
    editor: Editor,
    req: HttpRequest,
    state: web::Data<AppState>,
    target: TranslationTarget,
    body: Json<SaveTranslationRequest>,
) -> Result<HttpResponse, ApiError> {
    let TranslationTarget { story_id, locale } = target;
    let body = body.into_inner();
    let snapshot = Snapshot {
        title: body.title,
        summary: body.summary,
        body: body.body,
        link: body.link,
        images: body
            .images
            .into_iter()
            .map(|i| ImageRef { media_id: i.media_id, alt: i.alt, caption: i.caption })
            .collect(),
    }
    .validate()
    .map_err(ApiError::Validation)?;
    let if_match = if_match(&req);
    let rules = state.rules.clone();
    let actor = editor.0 .0;
    let (saved, loaded) = state
        .db
        .run(move |conn| {
            let saved = editing::save(conn, &rules, story_id, &locale, snapshot, if_match, &actor)?;
            let loaded = view(conn, &rules, &saved.translation, saved.translation.latest_revision_id)?;
            Ok::<_, ApiError>((saved, loaded))
        })
        .await?;
    let status = if saved.created { HttpResponse::Created() } else { HttpResponse::Ok() };
    Ok(with_etag(status, saved.translation.version, &loaded.finish().await?))
}

/// Move the translation through the workflow: `submit`, `withdraw`, `approve`,
/// `request_changes` (with a comment), `publish` (now, or at `publish_at`), `unpublish`.
#[utoipa::path(
    post, path = "/api/v1/stories/{id}/translations/{locale}/transitions", tag = "translations", security(("bearer" = [])),
    params(("id" = i64, Path), ("locale" = String, Path), ("If-Match" = Option<String>, Header, description = "Optional: refuse if changed since")),
    request_body = TransitionBody,
    responses(
        (status = 200, body = TranslationView),
        (status = 403, description = "Role missing, or approving one's own revision (`own-revision`)"),
        (status = 409, description = "Not possible from the current status (`transition-not-allowed`)"),
        (status = 412, description = "Stale If-Match"),
        (status = 422, description = "Comment missing for request_changes"),
    )
)]
pub async fn transition_translation(
    user: CurrentUser,
    req: HttpRequest,
    state: web::Data<AppState>,
    target: TranslationTarget,
    body: Json<TransitionBody>,
) -> Result<HttpResponse, ApiError> {
    let TranslationTarget { story_id, locale } = target;
    let body = body.into_inner();
    let if_match = if_match(&req);
    changed(&state, move |conn, rules| {
        let request = TransitionRequest {
            action: body.action,
            comment: body.comment.as_deref(),
            publish_at: body.publish_at.map(|at| at.naive_utc()),
            if_match,
        };
        editing::transition(conn, rules, story_id, &locale, request, &user)
    })
    .await
}

/// Mark the translation current with its source without editing it (after checking that
/// the source's changes need no change here).
#[utoipa::path(
    post, path = "/api/v1/stories/{id}/translations/{locale}/confirm", tag = "translations", security(("bearer" = ["editor"])),
    params(("id" = i64, Path), ("locale" = String, Path)),
    responses(
        (status = 200, body = TranslationView),
        (status = 409, description = "The source locale itself, or no source text"),
        (status = 412, description = "Stale If-Match, or another change to this translation was saved at the same moment (read it again and retry)"),
    )
)]
pub async fn confirm_translation(
    editor: Editor,
    req: HttpRequest,
    state: web::Data<AppState>,
    target: TranslationTarget,
) -> Result<HttpResponse, ApiError> {
    let TranslationTarget { story_id, locale } = target;
    let if_match = if_match(&req);
    let actor = editor.0 .0;
    changed(&state, move |conn, rules| editing::confirm(conn, rules, story_id, &locale, if_match, &actor)).await
}

/// Every revision, newest first.
#[utoipa::path(
    get, path = "/api/v1/stories/{id}/translations/{locale}/revisions", tag = "translations", security(("bearer" = [])),
    params(("id" = i64, Path), ("locale" = String, Path)),
    responses(
        (status = 200, body = Vec<RevisionSummary>),
    )
)]
pub async fn list_revisions(
    _user: CurrentUser,
    state: web::Data<AppState>,
    target: TranslationTarget,
) -> Result<HttpResponse, ApiError> {
    let TranslationTarget { story_id, locale } = target;
    let list = state
        .db
        .run(move |conn| {
            let translation = editing::find(conn, story_id, &locale)?;
            let found = translations::revisions(conn, translation.id)?;
            Ok::<_, ApiError>(
                found
                    .into_iter()
                    .map(|r| RevisionSummary {
                        number: r.number,
                        author_id: r.author_id,
                        created_at: r.created_at.and_utc(),
                        restored_from: r.restored_from,
                        title: r.title,
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// One revision in full.
#[utoipa::path(
    get, path = "/api/v1/stories/{id}/translations/{locale}/revisions/{rev}", tag = "translations", security(("bearer" = [])),
    params(("id" = i64, Path), ("locale" = String, Path), ("rev" = i32, Path)),
    responses(
        (status = 200, body = TranslationView),
    )
)]
pub async fn get_revision(
    _user: CurrentUser,
    state: web::Data<AppState>,
    target: TranslationTarget,
    number: web::Path<(i64, String, i32)>,
) -> Result<HttpResponse, ApiError> {
    let TranslationTarget { story_id, locale } = target;
    let number = number.into_inner().2;
    let rules = state.rules.clone();
    let loaded = state
        .db
        .run(move |conn| {
            let translation = editing::find(conn, story_id, &locale)?;
            let found = translations::revision_by_number(conn, translation.id, number)?.ok_or(ApiError::NotFound)?;
            view(conn, &rules, &translation, found.revision.id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(loaded.finish().await?))
}

/// What changed between two revisions, field by field (the body as a line diff).
#[utoipa::path(
    get, path = "/api/v1/stories/{id}/translations/{locale}/revisions/compare", tag = "translations", security(("bearer" = [])),
    params(("id" = i64, Path), ("locale" = String, Path), CompareQuery),
    responses(
        (status = 200, body = Comparison),
        (status = 400, description = "from/to missing"),
    )
)]
pub async fn compare_revisions(
    _user: CurrentUser,
    state: web::Data<AppState>,
    target: TranslationTarget,
    query: web::Query<CompareQuery>,
) -> Result<HttpResponse, ApiError> {
    let TranslationTarget { story_id, locale } = target;
    let CompareQuery { from, to } = query.into_inner();
    let (a, b) = state
        .db
        .run(move |conn| {
            let translation = editing::find(conn, story_id, &locale)?;
            let mut load = |n| -> Result<FullRevision, ApiError> {
                translations::revision_by_number(conn, translation.id, n)?.ok_or(ApiError::NotFound)
            };
            Ok::<_, ApiError>((load(from)?.snapshot, load(to)?.snapshot))
        })
        .await?;
    // The connection is back in the pool; the diff (bounded) runs on the blocking pool.
    let changes = web::block(move || revision::changes(&a, &b)).await.map_err(|_| ApiError::Internal)?;
    Ok(HttpResponse::Ok().json(Comparison { from, to, changes }))
}

/// Make an old revision current again. This adds a new revision (history is never
/// rewritten) and an event.
#[utoipa::path(
    post, path = "/api/v1/stories/{id}/translations/{locale}/revisions/{rev}/restore", tag = "translations", security(("bearer" = ["editor"])),
    params(("id" = i64, Path), ("locale" = String, Path), ("rev" = i32, Path), ("If-Match" = Option<String>, Header, description = "Optional: refuse if changed since")),
    responses(
        (status = 200, body = TranslationView),
        (status = 409, description = "In review: withdraw first"),
        (status = 412, description = "Stale If-Match"),
    )
)]
pub async fn restore_revision(
    editor: Editor,
    req: HttpRequest,
    state: web::Data<AppState>,
    target: TranslationTarget,
    number: web::Path<(i64, String, i32)>,
) -> Result<HttpResponse, ApiError> {
    let TranslationTarget { story_id, locale } = target;
    let number = number.into_inner().2;
    let if_match = if_match(&req);
    let actor = editor.0 .0;
    changed(&state, move |conn, rules| editing::restore(conn, rules, story_id, &locale, number, if_match, &actor)).await
}

/// The audit trail: every save, transition, restore and confirmation, oldest first.
#[utoipa::path(
    get, path = "/api/v1/stories/{id}/translations/{locale}/events", tag = "translations", security(("bearer" = [])),
    params(("id" = i64, Path), ("locale" = String, Path)),
    responses(
        (status = 200, body = Vec<EventView>),
    )
)]
pub async fn list_events(
    _user: CurrentUser,
    state: web::Data<AppState>,
    target: TranslationTarget,
) -> Result<HttpResponse, ApiError> {
    let TranslationTarget { story_id, locale } = target;
    let list = state
        .db
        .run(move |conn| {
            let translation = editing::find(conn, story_id, &locale)?;
            let found = translations::events(conn, translation.id)?;
            Ok::<_, ApiError>(
                found
                    .into_iter()
                    .map(|e| EventView {
                        id: e.id,
                        actor_id: e.actor_id,
                        actor_name: e.actor_name,
                        action: e.action,
                        from: e.from_status,
                        to: e.to_status,
                        comment: e.comment,
                        revision: e.revision_number,
                        at: e.created_at.and_utc(),
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// A locale in a path must be configured; anything else is 404 `unknown-locale`.
pub(crate) fn known_locale(state: &AppState, locale: &str) -> Result<(), ApiError> {
    if state.l10n.is_supported(locale) {
        Ok(())
    } else {
        Err(ApiError::UnknownLocale)
    }
}

pub(crate) fn if_match(req: &HttpRequest) -> Option<IfMatch> {
    req.headers().get(header::IF_MATCH).and_then(|v| v.to_str().ok()).map(IfMatch::parse)
}

/// Runs a change to a translation and answers 200 with the translation's new view and ETag.
async fn changed<F>(state: &web::Data<AppState>, change: F) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(&mut DbConn, &Rules) -> Result<Translation, service::Error> + Send + 'static,
{
    let rules = state.rules.clone();
    let (translation, loaded) = state
        .db
        .run(move |conn| {
            let translation = change(conn, &rules)?;
            let loaded = view(conn, &rules, &translation, translation.latest_revision_id)?;
            Ok::<_, ApiError>((translation, loaded))
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), translation.version, &loaded.finish().await?))
}

fn with_etag(mut response: actix_web::HttpResponseBuilder, version: i64, body: &impl Serialize) -> HttpResponse {
    response.insert_header((header::ETAG, etag(version))).json(body)
}

/// A translation's view as loaded from the database, before the source's changes (if it is
/// outdated) are compared: that takes CPU time, so it is done after the connection is back
/// in the pool, on the blocking pool.
struct Loaded {
    view: TranslationView,
    stale: Option<Stale>,
}

impl Loaded {
    async fn finish(self) -> Result<TranslationView, ApiError> {
        let Loaded { mut view, stale } = self;
        if let Some(stale) = stale {
            view.outdated = Some(web::block(move || stale.compare()).await.map_err(|_| ApiError::Internal)?);
        }
        Ok(view)
    }
}

/// The view of `translation` showing revision `revision_id`.
fn view(conn: &mut DbConn, rules: &Rules, translation: &Translation, revision_id: i64) -> Result<Loaded, ApiError> {
    let shown = translations::revision(conn, revision_id)?.ok_or(ApiError::Internal)?;
    let number_of = |conn: &mut DbConn, id: i64| -> Result<i32, ApiError> {
        Ok(translations::revision(conn, id)?.map_or(0, |r| r.revision.number))
    };
    let latest_revision = number_of(conn, translation.latest_revision_id)?;
    let live_revision = translation.live_revision_id.map(|id| number_of(conn, id)).transpose()?;
    let mut images = Vec::with_capacity(shown.snapshot.images.len());
    for image in &shown.snapshot.images {
        let Some(file) = media::find(conn, image.media_id)? else {
            continue;
        };
        images.push(ImageView {
            media_id: image.media_id,
            alt: image.alt.clone(),
            caption: image.caption.clone(),
            credit: media::credit_in(conn, file.id, &translation.locale)?.unwrap_or(file.credit),
            width: file.width,
            height: file.height,
            url: format!("/media/{}", file.file_name),
        });
    }
    let stale = outdated::outdated(conn, rules, translation)?;
    let view = TranslationView {
        story_id: translation.story_id,
        locale: translation.locale.clone(),
        status: translation.status(),
        version: translation.version,
        revision: shown.revision.number,
        latest_revision,
        live_revision,
        title: shown.snapshot.title,
        summary: shown.snapshot.summary,
        body: shown.snapshot.body,
        link: shown.snapshot.link,
        images,
        publish_at: translation.publish_at.map(|at| at.and_utc()),
        published_at: translation.published_at.map(|at| at.and_utc()),
        updated_at: translation.updated_at.and_utc(),
        outdated: None,
    };
    Ok(Loaded { view, stale })
}
