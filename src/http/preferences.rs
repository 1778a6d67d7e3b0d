//! The preferences page every edition email links to, opened by a signed token
//! (`delivery::links`) that never expires, like the unsubscribe link: the address and its
//! state, and forms to change the language, leave, come back, or erase everything. Each form
//! posts the token back; a GET never changes anything. After a change the browser is sent
//! back to the page (303), which says what was done. The rules are
//! `service::subscriptions`'.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::subscriptions::{invalid_link, reader_page, show_notice};
use crate::db::subscribers::Subscriber;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::l10n::Args;
use crate::service::subscriptions::{self as subscription, Resubscribed};
use crate::site::readers::{self, Notice, Preferences};

#[derive(Deserialize)]
pub struct PageQuery {
    token: Option<String>,
    /// What the last action did: `language`, `unsubscribed` or `resubscribed`.
    done: Option<String>,
}

/// What the page's forms post. Missing fields are empty: a form is answered with a page.
#[derive(Deserialize, Default)]
pub struct PreferencesForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    locale: String,
    /// The erase form's checkbox: `yes` when ticked.
    #[serde(default)]
    confirm: String,
}

/// What a refused form shows next to itself.
#[derive(Default, Clone, Copy)]
struct Refused {
    language: bool,
    erase: bool,
}

pub async fn preferences_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let PageQuery { token, done } = query.into_inner();
    let token = token.unwrap_or_default();
    let Some(subscriber) = subscriber_of(&state, &token).await? else { return invalid_link(&req, &state).await };
    let done = done.as_deref().and_then(|done| done_sentence(&state, &subscriber, done));
    show(&state, subscriber, token, done, StatusCode::OK, Refused::default()).await
}

pub async fn change_language(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let form = parse(&body);
    let Some(id) = state.link_tokens.verify_preferences(&form.token) else { return invalid_link(&req, &state).await };
    let locales: Vec<String> = state.l10n.codes().map(str::to_owned).collect();
    let locale = form.locale.clone();
    let changed = state
        .db
        .run(move |conn| {
            let known: Vec<&str> = locales.iter().map(String::as_str).collect();
            subscription::change_language(conn, id, &locale, &known).map_err(ApiError::from)
        })
        .await;
    match changed {
        Ok(Some(_)) => Ok(back_to_page(&state, &form.token, "language")),
        Ok(None) => invalid_link(&req, &state).await,
        Err(ApiError::Validation(_)) => {
            refuse(&req, &state, form.token, Refused { language: true, erase: false }).await
        }
        Err(error) => Err(error),
    }
}

pub async fn unsubscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let form = parse(&body);
    let Some(id) = state.link_tokens.verify_preferences(&form.token) else { return invalid_link(&req, &state).await };
    match state.db.run(move |conn| subscription::unsubscribe(conn, id).map_err(ApiError::from)).await? {
        Some(_) => Ok(back_to_page(&state, &form.token, "unsubscribed")),
        None => invalid_link(&req, &state).await,
    }
}

pub async fn resubscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let form = parse(&body);
    let Some(id) = state.link_tokens.verify_preferences(&form.token) else { return invalid_link(&req, &state).await };
    match state.db.run(move |conn| subscription::resubscribe(conn, id).map_err(ApiError::from)).await? {
        Some(Resubscribed::Confirmed | Resubscribed::Already) => Ok(back_to_page(&state, &form.token, "resubscribed")),
        // The page says why nothing changed.
        Some(Resubscribed::Bounced) => Ok(back_to_page(&state, &form.token, "")),
        None => invalid_link(&req, &state).await,
    }
}

/// "Erase my data", once its box is ticked; then a page that says it is done, as the
/// preferences page no longer exists.
pub async fn erase(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, ApiError> {
    let form = parse(&body);
    let Some(id) = state.link_tokens.verify_preferences(&form.token) else { return invalid_link(&req, &state).await };
    if form.confirm != "yes" {
        return refuse(&req, &state, form.token, Refused { language: false, erase: true }).await;
    }
    let Some(locale) = state.db.run(move |conn| subscription::erase(conn, id).map_err(ApiError::from)).await? else {
        return invalid_link(&req, &state).await;
    };
    let l10n = &state.l10n;
    let notice = Notice {
        title: l10n.text(&locale, "preferences-erased-title", &Args::new()),
        message: l10n.text(&locale, "preferences-erased-body", &Args::new()),
        button: None,
        home_link: Some(l10n.text(&locale, "subscribe-sent-home", &Args::new())),
    };
    show_notice(&state, &locale, StatusCode::OK, notice).await
}

fn parse(body: &[u8]) -> PreferencesForm {
    let mut form: PreferencesForm = serde_html_form::from_bytes(body).unwrap_or_default();
    form.token = form.token.trim().to_owned();
    form
}

async fn subscriber_of(state: &web::Data<AppState>, token: &str) -> Result<Option<Subscriber>, ApiError> {
    let Some(id) = state.link_tokens.verify_preferences(token) else { return Ok(None) };
    state.db.run(move |conn| subscription::preferences(conn, id).map_err(ApiError::from)).await
}

/// The page again, with a sentence by the form that was refused (422); nothing changed.
async fn refuse(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    token: String,
    refused: Refused,
) -> Result<HttpResponse, ApiError> {
    let Some(subscriber) = subscriber_of(state, &token).await? else { return invalid_link(req, state).await };
    show(state, subscriber, token, None, StatusCode::UNPROCESSABLE_ENTITY, refused).await
}

async fn show(
    state: &web::Data<AppState>,
    subscriber: Subscriber,
    token: String,
    done: Option<String>,
    status: StatusCode,
    refused: Refused,
) -> Result<HttpResponse, ApiError> {
    let locale = subscriber.locale.clone();
    let page = Preferences {
        subscriber: readers::Subscriber {
            email: subscriber.email,
            status: subscriber.status,
            locale: subscriber.locale,
        },
        token,
        done,
        language_error: refused.language,
        erase_error: refused.erase,
    };
    reader_page(state, &locale, status, move |site, frame| readers::preferences(site, frame, &page)).await
}

/// What the page says after `done`, in the subscriber's language.
fn done_sentence(state: &AppState, subscriber: &Subscriber, done: &str) -> Option<String> {
    let l10n = &state.l10n;
    let locale = subscriber.locale.as_str();
    match done {
        "language" => {
            let name = l10n.settings().find(|s| s.code == locale).map_or_else(|| locale.to_owned(), |s| s.name.clone());
            Some(l10n.text(locale, "preferences-language-saved", &Args::new().with("language", name)))
        }
        "unsubscribed" => Some(l10n.text(locale, "preferences-unsubscribed", &Args::new())),
        "resubscribed" => Some(l10n.text(locale, "preferences-resubscribed", &Args::new())),
        _ => None,
    }
}

/// Redirect after POST, back to the page (the token is a signed one, so only URL-safe
/// characters): reloading it changes nothing.
fn back_to_page(state: &AppState, token: &str, done: &str) -> HttpResponse {
    let done = if done.is_empty() { String::new() } else { format!("&done={done}") };
    let location = state.site.base.link(&format!("/preferences?token={token}{done}"));
    HttpResponse::SeeOther().insert_header((header::LOCATION, location)).finish()
}
