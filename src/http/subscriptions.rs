//! What subscribers do: subscribe (public, rate-limited, revealing nothing), confirm from
//! the page the confirmation email's link opens, and unsubscribe by link or by one click in
//! the mail client (RFC 8058). The pages these links open are localized HTML, and a link
//! only ever shows a button: mail scanners open every link in a message, and must not
//! subscribe or unsubscribe anyone by doing so. The rules are `service::subscriptions`'.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::client::client_key;
use super::locale::request_locale;
use super::site::secure_html;
use crate::auth::rate_limit::LimitError;
use crate::db::subscribers;
use crate::domain::{EmailAddress, Invalid};
use crate::http::json::Json;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::l10n::Args;
use crate::service::subscriptions::{self as subscription, ConfirmationPolicy};
use crate::site::readers::{self, Frame, Notice};
use crate::site::{Site, SiteError};

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
    state.subscribe_limits.check_and_record(&address).await?;
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

/// What the subscribe form posts. Every field may be missing: a form is answered with a page,
/// never with a parser's complaint.
#[derive(Deserialize, Default)]
pub struct SubscribeForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    locale: String,
    /// The trap: hidden from people, filled in by robots.
    #[serde(default)]
    website: String,
}

/// The subscribe form as a page of its own, in the request's language.
pub async fn subscribe_form_page(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let locale = request_locale(&req, &state.l10n).to_owned();
    subscribe_page(&state, &locale, StatusCode::OK, String::new(), false).await
}

/// The subscribe form on every public page posts here, as a plain HTML form (from the live
/// site or a copy hosted elsewhere). It asks `service::subscriptions::request`, as the JSON
/// API does, and answers with the same page whatever happened: subscribed, already
/// subscribed, limited, or a robot caught by the trap. Only an address that is no address
/// is answered otherwise: the form again with a sentence (422), and nothing stored.
pub async fn subscribe_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let form: SubscribeForm = serde_html_form::from_bytes(&body).unwrap_or_default();
    let locale =
        if state.l10n.is_supported(&form.locale) { form.locale } else { request_locale(&req, &state.l10n).to_owned() };
    if !form.website.is_empty() {
        return subscribe_sent(&state, &locale).await;
    }
    let Ok(email) = EmailAddress::parse(&form.email) else {
        let typed: String = form.email.chars().take(320).collect();
        return subscribe_page(&state, &locale, StatusCode::UNPROCESSABLE_ENTITY, typed, true).await;
    };
    let client = client_key(&req, &state.proxies);
    let counted = match state.subscribe_limits.check_and_record(&client).await {
        Ok(()) => true,
        Err(LimitError::Limited(_)) => false,
        Err(LimitError::Db(error)) => return Err(error.into()),
    };
    if counted {
        let policy = ConfirmationPolicy::new(&state.settings.subscriptions);
        let wanted = locale.clone();
        state
            .db
            .run(move |conn| subscription::request(conn, email.as_str(), &wanted, policy).map_err(ApiError::from))
            .await?;
    }
    subscribe_sent(&state, &locale).await
}

async fn subscribe_page(
    state: &web::Data<AppState>,
    locale: &str,
    status: StatusCode,
    typed: String,
    invalid: bool,
) -> Result<HttpResponse, ApiError> {
    reader_page(state, locale, status, move |site, frame| readers::subscribe_page(site, frame, &typed, invalid)).await
}

/// What the form answers, whoever asked: what happens next if the address was new.
async fn subscribe_sent(state: &web::Data<AppState>, locale: &str) -> Result<HttpResponse, ApiError> {
    let l10n = &state.l10n;
    let notice = Notice {
        title: l10n.text(locale, "subscribe-sent-title", &Args::new()),
        message: l10n.text(locale, "subscribe-accepted", &Args::new()),
        button: None,
        home_link: Some(l10n.text(locale, "subscribe-sent-home", &Args::new())),
    };
    show_notice(state, locale, StatusCode::OK, notice).await
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

pub(super) async fn invalid_link(req: &HttpRequest, state: &web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let locale = request_locale(req, &state.l10n).to_owned();
    notice(state, &locale, StatusCode::BAD_REQUEST, "subscription-invalid", Args::new(), None).await
}

/// A small localized page: `<prefix>-title` and `<prefix>-body`, and a button posting to
/// `action` (labelled `<prefix>-button`) if given.
pub(super) async fn notice(
    state: &web::Data<AppState>,
    locale: &str,
    status: StatusCode,
    prefix: &'static str,
    args: Args<'static>,
    action: Option<String>,
) -> Result<HttpResponse, ApiError> {
    let l10n = &state.l10n;
    let notice = Notice {
        title: l10n.text(locale, &format!("{prefix}-title"), &Args::new()),
        message: l10n.text(locale, &format!("{prefix}-body"), &args),
        button: action.map(|action| (action, l10n.text(locale, &format!("{prefix}-button"), &Args::new()))),
        home_link: None,
    };
    show_notice(state, locale, status, notice).await
}

/// `notice` as a page in `locale`.
pub(super) async fn show_notice(
    state: &web::Data<AppState>,
    locale: &str,
    status: StatusCode,
    notice: Notice,
) -> Result<HttpResponse, ApiError> {
    reader_page(state, locale, status, move |site, frame| readers::notice(site, frame, &notice)).await
}

/// A reader's page in `locale`, rendered by `render` with the newsletter's name, answered
/// with `status`: never stored by caches, never sending its address (which may hold a
/// subscriber's token) to another page as a referrer.
pub(super) async fn reader_page<F>(
    state: &web::Data<AppState>,
    locale: &str,
    status: StatusCode,
    render: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(&Site, Frame) -> Result<String, SiteError> + Send + 'static,
{
    let site = state.site.clone();
    let lang = locale.to_owned();
    let html = state
        .db
        .run(move |conn| {
            let name = site.current_name(conn, &lang)?;
            render(&site, Frame { locale: &lang, name: &name }).map_err(ApiError::from)
        })
        .await?;
    let mut response = HttpResponse::build(status).content_type("text/html; charset=utf-8").body(html);
    secure_html(&mut response);
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if let Ok(language) = HeaderValue::from_str(locale) {
        headers.insert(header::CONTENT_LANGUAGE, language);
    }
    Ok(response)
}
