//! The sign-in's second step: after the right password for an account with a second factor,
//! the browser holds a short-lived signed cookie naming the account (never the password),
//! and this form asks for a code from the authenticator app or a recovery code. The code is
//! checked by `http::accounts::second_step`, under the same login limits as a password.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::auth::csrf::Binding;
use crate::desk::people::SecondStepPage;
use crate::http::accounts::second_step;
use crate::http::desk::page::{self, DeskError};
use crate::http::desk::session::{self, SESSION_COOKIE, SIGN_IN_COOKIE};
use crate::http::desk::sign_in::safe_next;
use crate::http::problem;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::l10n::Style;
use crate::service::second_factor::unix_now;

/// The cookie of a sign-in waiting for its code: `<user id>.<deadline>.<mac>`.
const PENDING_COOKIE: &str = "nashra_desk_pending";
/// How long a person has to type the code.
const PENDING_SECONDS: u64 = 300;

fn binding_text(user_id: i64, deadline: u64, nonce: &str) -> String {
    format!("{user_id}.{deadline}.{nonce}")
}

/// After the right password: remember the account for a few minutes, signed and bound to
/// this browser's sign-in nonce, and ask for the code.
pub fn ask_for_second_factor(
    state: &AppState,
    nonce: &str,
    user_id: i64,
    next: &str,
) -> Result<HttpResponse, DeskError> {
    let deadline = unix_now() + PENDING_SECONDS;
    let mac = state.csrf.token(Binding::SecondFactor(&binding_text(user_id, deadline, nonce)));
    let location = format!(
        "/desk/login/code?next={}",
        percent_encoding::utf8_percent_encode(next, percent_encoding::NON_ALPHANUMERIC)
    );
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .cookie(session::cookie(state, PENDING_COOKIE, format!("{user_id}.{deadline}.{mac}")))
        .finish())
}

/// The account a good, unexpired pending cookie names.
fn pending_user(req: &HttpRequest, state: &AppState) -> Option<i64> {
    let nonce = req.cookie(SIGN_IN_COOKIE)?.value().to_owned();
    let value = req.cookie(PENDING_COOKIE)?.value().to_owned();
    let mut parts = value.splitn(3, '.');
    let user_id: i64 = parts.next()?.parse().ok()?;
    let deadline: u64 = parts.next()?.parse().ok()?;
    let mac = parts.next()?;
    let signed = state.csrf.verify(Binding::SecondFactor(&binding_text(user_id, deadline, &nonce)), mac);
    (signed && deadline >= unix_now()).then_some(user_id)
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn form(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, DeskError> {
    let next = safe_next(query.next.as_deref());
    if pending_user(&req, &state).is_none() {
        return Ok(start_again(&state));
    }
    render(&req, &state, StatusCode::OK, SecondStepPage { next, problem: None }).await
}

/// Back to the password form: no sign-in waits (or it took too long).
fn start_again(state: &AppState) -> HttpResponse {
    let mut response = page::see_other(state, "/desk/login", "second-step-expired");
    let _ = response.add_cookie(&session::removal(state, PENDING_COOKIE));
    response
}

async fn render(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    status: StatusCode,
    view: SecondStepPage,
) -> Result<HttpResponse, DeskError> {
    let nonce = req.cookie(SIGN_IN_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
    let mut chrome = page::chrome(req, state, None, None).await?;
    chrome.csrf = state.csrf.token(Binding::SignIn(&nonce));
    page::html(state, status, &chrome, "account_second_step", view)
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf: String,
}

pub async fn submit(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, DeskError> {
    let CodeForm { code, next, csrf } = serde_html_form::from_bytes(&body).map_err(|_| DeskError::BadRequest)?;
    let nonce = req.cookie(SIGN_IN_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
    if nonce.is_empty() || !state.csrf.verify(Binding::SignIn(&nonce), &csrf) {
        return Err(DeskError::Csrf);
    }
    let next = safe_next(Some(&next));
    let Some(user_id) = pending_user(&req, &state) else { return Ok(start_again(&state)) };
    match second_step(&req, &state, user_id, code).await {
        Ok(issued) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, next))
            .cookie(session::cookie(&state, SESSION_COOKIE, issued.refresh_token))
            .cookie(session::removal(&state, PENDING_COOKIE))
            .cookie(session::removal(&state, SIGN_IN_COOKIE))
            .finish()),
        Err(error @ (ApiError::Internal | ApiError::Unavailable)) => Err(error.into()),
        Err(error) => {
            let locale = crate::http::locale::request_locale(&req, &state.l10n);
            let sentence = problem::build(&error, &state.l10n, locale, req.path(), Style::Display).detail;
            let status = actix_web::ResponseError::status_code(&error);
            render(&req, &state, status, SecondStepPage { next, problem: Some(sentence) }).await
        }
    }
}
