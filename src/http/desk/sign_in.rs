//! Signing in and out of the desk, and switching its language.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::page::{self, DeskError};
use super::session::{self, Desk, DeskForm, NoFields, SESSION_COOKIE, SIGN_IN_COOKIE};
use crate::auth::csrf::Binding;
use crate::auth::refresh;
use crate::auth::session as auth_session;
use crate::http::accounts::{sign_in, SignedIn};
use crate::http::problem;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::l10n::Style;
use crate::service::accounts::{self, AccountChange};

#[derive(Deserialize)]
pub struct SignInQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf: String,
}

#[derive(Serialize)]
struct SignInPage {
    email: String,
    next: String,
    /// The refusal of the last attempt, as a sentence.
    problem: Option<String>,
}

/// Where to go after signing in: a desk path, never another site (`//host`, `https://…`).
pub(super) fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with("/desk/")
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.contains("/..") =>
        {
            path.to_owned()
        }
        _ => "/desk/".to_owned(),
    }
}

/// The sign-in form; someone already signed in goes straight on.
pub async fn sign_in_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<SignInQuery>,
) -> Result<HttpResponse, DeskError> {
    let next = safe_next(query.next.as_deref());
    if actix_web::HttpMessage::extensions(&req).contains::<Desk>() {
        return Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, next)).finish());
    }
    form(&req, &state, StatusCode::OK, SignInPage { email: String::new(), next, problem: None }).await
}

/// Checks the form under the API's login limits; on success the session cookie is set.
pub async fn sign_in_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, DeskError> {
    let SignInForm { email, password, next, csrf } =
        serde_html_form::from_bytes(&body).map_err(|_| DeskError::BadRequest)?;
    let nonce = req.cookie(SIGN_IN_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
    if nonce.is_empty() || !state.csrf.verify(Binding::SignIn(&nonce), &csrf) {
        return Err(DeskError::Csrf);
    }
    let next = safe_next(Some(&next));
    match sign_in(&req, &state, email.clone(), password, None).await {
        Ok(SignedIn::NeedsSecondFactor { user_id }) => {
            super::people::ask_for_second_factor(&state, &nonce, user_id, &next)
        }
        Ok(SignedIn::Session(issued)) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, next))
            .cookie(session::cookie(&state, SESSION_COOKIE, issued.refresh_token))
            .cookie(session::removal(&state, SIGN_IN_COOKIE))
            .finish()),
        Err(error @ (ApiError::Internal | ApiError::Unavailable)) => Err(error.into()),
        Err(error) => {
            let locale = crate::http::locale::request_locale(&req, &state.l10n);
            let sentence = problem::build(&error, &state.l10n, locale, req.path(), Style::Display).detail;
            let status = actix_web::ResponseError::status_code(&error);
            form(&req, &state, status, SignInPage { email, next, problem: Some(sentence) }).await
        }
    }
}

async fn form(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    status: StatusCode,
    page: SignInPage,
) -> Result<HttpResponse, DeskError> {
    // The form's token is bound to a nonce this browser keeps, so another site cannot sign
    // someone in to an account of its choosing.
    let nonce = req.cookie(SIGN_IN_COOKIE).map(|c| c.value().to_owned()).unwrap_or_else(refresh::generate);
    let mut chrome = page::chrome(req, state, None, None).await?;
    chrome.csrf = state.csrf.token(Binding::SignIn(&nonce));
    let mut response = page::html(state, status, &chrome, "login", page)?;
    response.add_cookie(&session::cookie(state, SIGN_IN_COOKIE, nonce)).map_err(|_| DeskError::Internal)?;
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Ends this desk session (its session family) and clears the cookie.
pub async fn sign_out(
    req: HttpRequest,
    state: web::Data<AppState>,
    _form: DeskForm<NoFields>,
) -> Result<HttpResponse, DeskError> {
    if let Some(token) = req.cookie(SESSION_COOKIE).map(|c| c.value().to_owned()) {
        state.db.run(move |conn| auth_session::logout(conn, &token)).await.map_err(ApiError::from)?;
    }
    let mut response = page::see_other(&state, "/desk/login", "signed-out");
    response.add_cookie(&session::removal(&state, SESSION_COOKIE)).map_err(|_| DeskError::Internal)?;
    Ok(response)
}

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    back: String,
}

/// The language switch: the person's own preference, kept for every later page and email.
pub async fn switch_language(
    state: web::Data<AppState>,
    form: DeskForm<LanguageForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    let change = AccountChange { preferred_locale: Some(form.lang), ..AccountChange::default() }.check(&state.l10n)?;
    let id = desk.user.id;
    state.db.run(move |conn| accounts::update(conn, id, id, change)).await?;
    Ok(page::see_other(&state, &safe_next(Some(&form.back)), "language-changed"))
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_desk_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/desk/stories?page=2")), "/desk/stories?page=2");
        for bad in ["https://evil.example/desk/", "//evil.example/desk/", "/desk/..\\x", "/api/v1/me", "/desk/../x", ""]
        {
            assert_eq!(safe_next(Some(bad)), "/desk/", "{bad}");
        }
        assert_eq!(safe_next(None), "/desk/");
    }
}
