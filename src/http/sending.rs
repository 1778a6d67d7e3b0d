//! Sending an edition by email: queueing it now or scheduling it, cancelling a scheduled
//! send, watching the delivery, previewing the message, and a test send to one address.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::{Admin, CurrentUser};
use crate::db::deliveries::{self, ErrorCount, Progress};
use crate::db::editions;
use crate::db::scheduled_sends::ScheduledSend;
use crate::delivery::compose::{Composed, PersonalLinks};
use crate::delivery::load::edition_email;
use crate::delivery::message::{build, Addressing};
use crate::domain::{EmailAddress, Invalid};
use crate::http::json::{Json, OptionalJson};
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::service::sending;
use crate::service::Conflict;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PreviewQuery {
    /// The locale to render (default: the default locale).
    pub locale: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TestSendRequest {
    pub email: String,
    pub locale: Option<String>,
}

/// What `POST …/send` may carry; no body at all sends now too.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendRequest {
    /// When to send, in RFC 3339 with an offset (`2026-06-01T08:00:00+03:00`): later than now
    /// and at most 90 days ahead. Left out or `null`: now.
    #[schema(format = DateTime, example = "2026-06-01T08:00:00+03:00")]
    pub send_at: Option<String>,
}

/// A send set for a later time that has not started yet.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduledSendView {
    pub send_at: DateTime<Utc>,
    /// The admin who scheduled it (the send is recorded as theirs).
    pub scheduled_by: Option<i64>,
    /// When it was scheduled.
    pub scheduled_at: DateTime<Utc>,
}

impl From<ScheduledSend> for ScheduledSendView {
    fn from(scheduled: ScheduledSend) -> Self {
        Self {
            send_at: scheduled.send_at.and_utc(),
            scheduled_by: scheduled.scheduled_by,
            scheduled_at: scheduled.created_at.and_utc(),
        }
    }
}

/// What sending did: deliveries queued now, or the send scheduled for later.
#[derive(Debug, Serialize, ToSchema)]
pub struct SendAnswer {
    /// Deliveries added now (0 when the edition was already queued for everyone, or when the
    /// send is scheduled for later).
    pub queued: usize,
    pub progress: Progress,
    /// The scheduled send, when `send_at` was given; `null` when sent now.
    pub scheduled: Option<ScheduledSendView>,
}

/// Queue the published edition for every confirmed subscriber who has not had it, now or,
/// with `send_at`, at that time (once, whatever restarts or other servers come in between;
/// cancel it with `DELETE` until it starts). Sending again queues only subscribers who
/// confirmed since. While a send is scheduled, sending now or scheduling another is refused.
#[utoipa::path(
    post, path = "/api/v1/editions/{id}/send", tag = "sending", security(("bearer" = ["admin"])),
    params(("id" = i64, Path)),
    request_body = Option<SendRequest>,
    responses(
        (status = 202, body = SendAnswer),
        (status = 409, description = "Edition not published (`edition-not-published`), or a send already scheduled (`send-already-scheduled`)"),
        (status = 422, description = "`send_at` not RFC 3339, past, or more than 90 days ahead"),
    )
)]
pub async fn send_edition(
    admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: OptionalJson<SendRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let send_at = match body.0.and_then(|body| body.send_at) {
        None => None,
        Some(typed) => Some(
            DateTime::parse_from_rfc3339(typed.trim())
                .map_err(|_| Invalid::new("send_at", "invalid-rfc3339"))?
                .naive_utc(),
        ),
    };
    let default = state.l10n.default_locale().to_owned();
    let actor = admin.id;
    let answer = state
        .db
        .run(move |conn| {
            let answer = match send_at {
                None => sending::send_edition(conn, id, Some(actor), &default).map(|queued| SendAnswer {
                    queued: queued.queued,
                    progress: queued.progress,
                    scheduled: None,
                }),
                Some(send_at) => sending::schedule_send(conn, id, send_at, actor).and_then(|scheduled| {
                    let progress = deliveries::progress(conn, id)?;
                    Ok(SendAnswer { queued: 0, progress, scheduled: Some(scheduled.into()) })
                }),
            };
            answer.map_err(ApiError::from)
        })
        .await?;
    Ok(HttpResponse::Accepted().json(answer))
}

/// Cancel the edition's scheduled send, before its time comes.
#[utoipa::path(
    delete, path = "/api/v1/editions/{id}/send", tag = "sending", security(("bearer" = ["admin"])),
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "Cancelled: nothing will be sent"),
        (status = 409, description = "No send scheduled (`send-not-scheduled`), or it has started (`send-already-started`)"),
    )
)]
pub async fn cancel_send(
    admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let (id, actor) = (id.into_inner(), admin.id);
    state.db.run(move |conn| sending::cancel_scheduled_send(conn, id, actor).map_err(ApiError::from)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// An edition's delivery: the counts, what went wrong, and the send scheduled for later, if
/// any.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryView {
    #[serde(flatten)]
    pub progress: Progress,
    /// Deliveries waiting for another attempt after a temporary failure (4xx, the SMTP
    /// server unreachable or silent); part of `remaining`.
    pub retrying: i64,
    /// The deliveries waiting for another attempt, grouped by their last error, most
    /// frequent first; at most 10 distinct errors.
    pub waiting_by_error: Vec<ErrorCount>,
    /// The deliveries that failed for good, grouped by their error, likewise.
    pub failed_by_error: Vec<ErrorCount>,
    /// The scheduled send that has not started yet; `null` when none.
    pub scheduled: Option<ScheduledSendView>,
}

/// How the edition's delivery is going: the counts by status, and the errors that hold
/// deliveries back (`waiting_by_error`) or made them fail (`failed_by_error`).
#[utoipa::path(
    get, path = "/api/v1/editions/{id}/delivery", tag = "sending", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = DeliveryView),
    )
)]
pub async fn get_delivery(
    _user: CurrentUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let progress = state
        .db
        .run(move |conn| {
            editions::find(conn, id)?.ok_or(ApiError::NotFound)?;
            let progress = deliveries::progress(conn, id)?;
            let troubles = deliveries::troubles(conn, id)?;
            let scheduled = sending::pending_send(conn, id)?.map(ScheduledSendView::from);
            Ok::<_, ApiError>(DeliveryView {
                progress,
                retrying: troubles.retrying,
                waiting_by_error: troubles.waiting_by_error,
                failed_by_error: troubles.failed_by_error,
                scheduled,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(progress))
}

/// The edition's email in one locale, as HTML, as subscribers will see it.
#[utoipa::path(
    get, path = "/api/v1/editions/{id}/email", tag = "sending", security(("bearer" = [])),
    params(("id" = i64, Path), PreviewQuery),
    responses(
        (status = 200, description = "The HTML part", content_type = "text/html"),
        (status = 404, description = "No such edition or locale"),
        (status = 409, description = "Edition not published in that locale"),
    )
)]
pub async fn preview_email(
    _user: CurrentUser,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<PreviewQuery>,
) -> Result<HttpResponse, ApiError> {
    let locale = query.into_inner().locale.unwrap_or_else(|| state.l10n.default_locale().to_owned());
    let html = email_html(&state, id.into_inner(), locale).await?;
    let mut response = HttpResponse::Ok().content_type("text/html; charset=utf-8").body(html);
    // The edition's own HTML, shown in an editor's browser on the API's origin.
    super::site::secure_email_preview(&mut response, &state.site.base.origin());
    Ok(response)
}

/// Send the edition to one address now (not recorded as a delivery).
#[utoipa::path(
    post, path = "/api/v1/editions/{id}/test-send", tag = "sending", security(("bearer" = ["admin"])),
    params(("id" = i64, Path)),
    request_body = TestSendRequest,
    responses(
        (status = 204, description = "Accepted by the SMTP server"),
        (status = 409, description = "Edition not published in that locale"),
        (status = 422, description = "Invalid address"),
        (status = 502, description = "The SMTP server refused or could not be reached (`smtp-failed`)"),
    )
)]
pub async fn test_send(
    admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Json<TestSendRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    send_test(&state, id.into_inner(), admin.id, &body.email, body.locale).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The edition's email in `locale` as HTML, as a subscriber will see it (with a dummy
/// unsubscribe link): the API's preview and the desk's.
pub(crate) async fn email_html(state: &web::Data<AppState>, id: i64, locale: String) -> Result<String, ApiError> {
    let composed = compose(state, id, locale).await?;
    let (link, preferences) = example_links(state, "preview");
    Ok(composed.html(PersonalLinks { link: &link, preferences: &preferences }))
}

/// A personal link and preferences link with the token `token`, which opens nothing.
fn example_links(state: &web::Data<AppState>, token: &str) -> (String, String) {
    let base = &state.site.base;
    (base.absolute(&format!("/unsubscribe?token={token}")), base.absolute(&format!("/preferences?token={token}")))
}

/// Sends the edition in `locale` (default: the default locale) to `to` now, by `actor`, and
/// records it (not as a delivery): the API's test send and the desk's.
pub(crate) async fn send_test(
    state: &web::Data<AppState>,
    id: i64,
    actor: i64,
    to: &str,
    locale: Option<String>,
) -> Result<(), ApiError> {
    let email = EmailAddress::parse(to).map_err(ApiError::from)?;
    let locale = locale.unwrap_or_else(|| state.l10n.default_locale().to_owned());
    let composed = compose(state, id, locale).await?;
    let (link, preferences) = example_links(state, "test");
    let addressing = Addressing {
        to: email.as_str(),
        links: PersonalLinks { link: &link, preferences: &preferences },
        unsubscribe: Some(&link),
        message_id: format!("<test-{id}-{:08x}@{}>", rand::random::<u32>(), composed.host),
    };
    let message = build(&composed, &addressing).map_err(|_| ApiError::from(Invalid::new("email", "invalid-email")))?;
    state.mailer.send(&message).await.map_err(|error| {
        tracing::warn!(%error, "test send failed");
        ApiError::Upstream
    })?;
    let (to, locale) = (email.into_string(), composed.locale.clone());
    state.db.run(move |conn| sending::record_test_send(conn, id, actor, &to, &locale).map_err(ApiError::from)).await
}

async fn compose(state: &web::Data<AppState>, id: i64, locale: String) -> Result<Composed, ApiError> {
    if !state.l10n.is_supported(&locale) {
        return Err(ApiError::UnknownLocale);
    }
    let (site, from) = (state.site.clone(), state.settings.email.from_address.clone());
    state
        .db
        .run(move |conn| {
            let edition = editions::find(conn, id)?.ok_or(ApiError::NotFound)?;
            edition_email(&site, conn, &from, edition.id, &locale)?
                .ok_or(ApiError::Conflict(Conflict::EditionNotPublished))
        })
        .await
}
