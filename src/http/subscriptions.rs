//! What subscribers do: subscribe (public, rate-limited, revealing nothing), confirm from
//! the page the confirmation email's link opens, and unsubscribe by link or by one click in
//! the mail client (RFC 8058). The pages these links open are localized HTML, and a link
//! only ever shows a button: mail scanners open every link in a message, and must not
//! subscribe or unsubscribe anyone by doing so. The rules are `service::subscriptions`'.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use minijinja::context;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::client::client_key;
use super::locale::request_locale;
use super::site::secure_html;
use crate::db::subscribers;
use crate::domain::{EmailAddress, Invalid};
use crate::http::json::Json;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::l10n::Args;
use crate::service::subscriptions::{self as subscription, ConfirmationPolicy};
use crate::site::PagePath;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubscribeRequest {
    pub email: String,
    /// The language the subscriber wants the newsletter in.
    pub locale: String,
}

#[derive(Serialize, ToSchema)]
pub struct SubscribeResponse {
    /// Localized: what happens next.
    pub message: String,
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

/// Subscribe an address. The answer is the same whether the address is new, waiting for
/// confirmation, or already subscribed, so nobody can learn who reads the newsletter.
#[utoipa::path(
    post, path = "/api/v1/subscribe", tag = "subscribers",
    request_body = SubscribeRequest,
    responses(
        (status = 202, description = "A confirmation email is on its way (if needed)", body = SubscribeResponse),
        (status = 422, description = "Invalid address or unknown locale"),
        (status = 429, description = "Too many requests from this address"),
    )
)]
pub async fn subscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<SubscribeRequest>,
) -> Result<HttpResponse, ApiError> {
    let address = client_key(&req, &state.proxies);
    state.subscribe_limits.check_and_record(&address).map_err(|retry_after| ApiError::RateLimited { retry_after })?;
    let body = body.into_inner();
    let email = EmailAddress::parse(&body.email);
    let mut problems: Vec<Invalid> = email.as_ref().err().cloned().into_iter().collect();
    if !state.l10n.is_supported(&body.locale) {
        problems.push(Invalid::new("locale", "unknown-locale"));
    }
    let (Ok(email), true) = (email, problems.is_empty()) else {
        return Err(ApiError::Validation(problems));
    };
    let locale = body.locale;
    let reply_locale = locale.clone();
    let policy = ConfirmationPolicy::new(&state.settings.subscriptions);
    state
        .db
        .run(move |conn| subscription::request(conn, email.as_str(), &locale, policy).map_err(ApiError::from))
        .await?;
    let message = state.l10n.text(&reply_locale, "subscribe-accepted", &Args::new());
    Ok(HttpResponse::Accepted().json(SubscribeResponse { message }))
}

/// The confirmation link's page: who is about to be subscribed, and a button.
pub async fn confirm_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, ApiError> {
    let token = query.into_inner().token.unwrap_or_default();
    let Some(link) = state.link_tokens.verify_confirm(&token, chrono::Utc::now().timestamp()) else {
        return invalid_link(&req, &state).await;
    };
    let found = state.db.run(move |conn| subscribers::find(conn, link.subscriber_id).map_err(ApiError::from)).await?;
    let Some(subscriber) = found.filter(|s| s.link_epoch == link.epoch) else {
        return invalid_link(&req, &state).await;
    };
    let action = state.site.base.link(&format!("/subscribe/confirm?token={token}"));
    let args = Args::new().with("email", subscriber.email);
    notice(&state, &subscriber.locale, StatusCode::OK, "subscription-confirm", args, Some(action)).await
}

/// Confirming: the confirmation page's button.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, ApiError> {
    let now = chrono::Utc::now().timestamp();
    let Some(link) = query.token.as_deref().and_then(|t| state.link_tokens.verify_confirm(t, now)) else {
        return invalid_link(&req, &state).await;
    };
    match state.db.run(move |conn| subscription::confirm(conn, link).map_err(ApiError::from)).await? {
        Some(locale) => notice(&state, &locale, StatusCode::OK, "subscription-confirmed", Args::new(), None).await,
        None => invalid_link(&req, &state).await,
    }
}

/// The unsubscribe link's page: a button, so that link scanners that open every URL in a
/// message do not unsubscribe anyone.
pub async fn unsubscribe_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, ApiError> {
    let token = query.into_inner().token.unwrap_or_default();
    let Some(id) = state.link_tokens.verify_unsubscribe(&token) else {
        return invalid_link(&req, &state).await;
    };
    let Some(subscriber) = state.db.run(move |conn| subscribers::find(conn, id).map_err(ApiError::from)).await? else {
        return invalid_link(&req, &state).await;
    };
    let action = state.site.base.link(&format!("/unsubscribe?token={token}"));
    let args = Args::new().with("email", subscriber.email);
    notice(&state, &subscriber.locale, StatusCode::OK, "unsubscribe", args, Some(action)).await
}

/// Unsubscribing: the page's button, or the mail client's one-click POST (RFC 8058).
pub async fn unsubscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, ApiError> {
    let Some(id) = query.token.as_deref().and_then(|t| state.link_tokens.verify_unsubscribe(t)) else {
        return invalid_link(&req, &state).await;
    };
    let left = state.db.run(move |conn| subscription::unsubscribe(conn, id).map_err(ApiError::from)).await?;
    match left {
        Some(locale) => notice(&state, &locale, StatusCode::OK, "unsubscribe-done", Args::new(), None).await,
        None => invalid_link(&req, &state).await,
    }
}

async fn invalid_link(req: &HttpRequest, state: &web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let locale = request_locale(req, &state.l10n).to_owned();
    notice(state, &locale, StatusCode::BAD_REQUEST, "subscription-invalid", Args::new(), None).await
}

/// A small localized page: `<prefix>-title` and `<prefix>-body`, and a button posting to
/// `action` (labelled `<prefix>-button`) if given.
async fn notice(
    state: &web::Data<AppState>,
    locale: &str,
    status: StatusCode,
    prefix: &'static str,
    args: Args<'static>,
    action: Option<String>,
) -> Result<HttpResponse, ApiError> {
    let site = state.site.clone();
    let lang = locale.to_owned();
    let name = state.db.run(move |conn| site.current_name(conn, &lang).map_err(ApiError::from)).await?;
    let l10n = &state.l10n;
    let dir = match l10n.direction(locale) {
        crate::l10n::Direction::Rtl => "rtl",
        crate::l10n::Direction::Ltr => "ltr",
    };
    let html = state
        .site
        .theme
        .render(
            "site/notice.html",
            context! {
                lang => locale,
                dir,
                name,
                base => state.site.base.link(""),
                home => state.site.base.link(&PagePath::Home(locale.to_owned()).path()),
                title => l10n.text(locale, &format!("{prefix}-title"), &Args::new()),
                message => l10n.text(locale, &format!("{prefix}-body"), &args),
                button => action.as_ref().map(|_| l10n.text(locale, &format!("{prefix}-button"), &Args::new())),
                action,
            },
        )
        .map_err(|error| {
            tracing::error!(%error, "notice template failed");
            ApiError::Internal
        })?;
    let mut response = HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html);
    secure_html(&mut response);
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
