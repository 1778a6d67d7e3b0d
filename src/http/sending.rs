//! Sending an edition by email: queueing it, watching the delivery, previewing the message,
//! and a test send to one address.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::auth::{Admin, CurrentUser};
use crate::db::deliveries::{self, Progress};
use crate::db::editions;
use crate::delivery::compose::{Composed, PersonalLinks};
use crate::delivery::load::edition_email;
use crate::delivery::message::{build, Addressing};
use crate::delivery::queue::Queued;
use crate::domain::{EmailAddress, Invalid};
use crate::http::json::Json;
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

/// Queue the published edition for every confirmed subscriber who has not had it. Sending
/// again queues only subscribers who confirmed since.
#[utoipa::path(
    post, path = "/api/v1/editions/{id}/send", tag = "sending", security(("bearer" = ["admin"])),
    params(("id" = i64, Path)),
    responses(
        (status = 202, body = Queued),
        (status = 409, description = "Edition not published (`edition-not-published`)"),
    )
)]
pub async fn send_edition(
    admin: Admin,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let default = state.l10n.default_locale().to_owned();
    let actor = admin.id;
    let queued = state
        .db
        .run(move |conn| sending::send_edition(conn, id, Some(actor), &default).map_err(ApiError::from))
        .await?;
    Ok(HttpResponse::Accepted().json(queued))
}

/// How the edition's delivery is going.
#[utoipa::path(
    get, path = "/api/v1/editions/{id}/delivery", tag = "sending", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Progress),
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
            Ok::<_, ApiError>(deliveries::progress(conn, id)?)
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
