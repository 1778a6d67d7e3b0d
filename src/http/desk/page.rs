//! Answering with a desk page: the chrome around it, the message left by the last action,
//! redirect after POST, and [`DeskError`], which [`render_errors`] turns into a page in the
//! person's language (or, for someone not signed in, a trip to the sign-in form and back).

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse, HttpResponseBuilder, ResponseError};
use serde::Serialize;

use super::session::{self, Desk};
use crate::auth::csrf::Binding;
use crate::desk::chrome::{Flash, Language, Person, Section};
use crate::desk::{self, Chrome};
use crate::http::locale::request_locale;
use crate::http::problem;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::l10n::Style;

/// The cookie that carries the last action's message to the next page, once.
const FLASH_COOKIE: &str = "nashra_desk_flash";

/// Why a desk request was not answered with its page.
#[derive(Debug, Clone, thiserror::Error)]
pub enum DeskError {
    /// Not signed in: off to the sign-in form, then back to `next`.
    #[error("sign in first")]
    SignIn { next: String },
    #[error("the person's roles do not allow this")]
    Forbidden,
    /// An admin who must set up a second factor first: off to their account page.
    #[error("set up a second factor first")]
    Enrol,
    #[error("no such page")]
    NotFound,
    #[error("a form that cannot be read")]
    BadRequest,
    /// A POST without this session's anti-forgery token.
    #[error("missing or wrong anti-forgery token")]
    Csrf,
    #[error("internal error")]
    Internal,
    /// A refusal from the use cases, shown as the API's localized problem sentence.
    #[error(transparent)]
    Api(#[from] ApiError),
}

impl DeskError {
    /// Sign in, then come back to where `req` was going (a GET) or to the start page.
    pub fn sign_in(req: &HttpRequest) -> Self {
        let next = if req.method() == actix_web::http::Method::GET {
            match req.query_string() {
                "" => req.path().to_owned(),
                query => format!("{}?{query}", req.path()),
            }
        } else {
            "/desk/".to_owned()
        };
        DeskError::SignIn { next }
    }
}

impl From<crate::service::Error> for DeskError {
    fn from(error: crate::service::Error) -> Self {
        DeskError::Api(error.into())
    }
}

impl From<crate::db::DbError> for DeskError {
    fn from(error: crate::db::DbError) -> Self {
        DeskError::Api(error.into())
    }
}

impl ResponseError for DeskError {
    fn status_code(&self) -> StatusCode {
        match self {
            DeskError::SignIn { .. } | DeskError::Enrol => StatusCode::SEE_OTHER,
            DeskError::Forbidden | DeskError::Csrf => StatusCode::FORBIDDEN,
            DeskError::NotFound => StatusCode::NOT_FOUND,
            DeskError::BadRequest => StatusCode::BAD_REQUEST,
            DeskError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            DeskError::Api(error) => error.status_code(),
        }
    }
}

/// The chrome of a page for `desk` (or for someone not signed in), with `section` marked.
pub async fn chrome(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: Option<&Desk>,
    section: Option<Section>,
) -> Result<Chrome, DeskError> {
    let lang = language(req, state, desk.map(|d| d.user.preferred_locale.as_str()));
    let site = state.site.clone();
    let locale = lang.clone();
    let site_name = state.db.run(move |conn| site.current_name(conn, &locale)).await.map_err(|error| {
        tracing::error!(%error, "reading the newsletter's name");
        DeskError::Internal
    })?;
    let flash = req.cookie(FLASH_COOKIE).map(|c| c.value().to_owned()).and_then(|key| {
        let (tone, key) = key.split_once(':').unwrap_or(("done", key.as_str()));
        let message = format!("desk-flash-{key}");
        let tone = if tone == "problem" { "problem" } else { "done" };
        state.l10n.has_message(&lang, &message).then_some(Flash { message, tone })
    });
    Ok(Chrome {
        dir: state.l10n.direction(&lang).as_str(),
        site_name,
        person: desk.map(|d| Person::of(&d.user)),
        nav: Chrome::nav(desk.map(|d| &d.user), section),
        languages: state
            .l10n
            .settings()
            .map(|l| Language { code: l.code.clone(), name: l.name.clone(), current: l.code == lang })
            .collect(),
        csrf: desk.map(|d| state.csrf.token(Binding::Session(&d.family))).unwrap_or_default(),
        flash,
        path: match req.query_string() {
            "" => req.path().to_owned(),
            query => format!("{}?{query}", req.path()),
        },
        lang,
    })
}

/// The language a desk page is in: the person's own, when it is one of ours; otherwise what
/// the request asks for (`?lang=`, `Accept-Language`).
pub fn language(req: &HttpRequest, state: &AppState, preferred: Option<&str>) -> String {
    match preferred {
        Some(locale) if state.l10n.is_supported(locale) => locale.to_owned(),
        _ => request_locale(req, &state.l10n).to_owned(),
    }
}

/// A refused request in the person's words: the API's problem, localized, as a form shows it.
pub struct Refusal {
    pub status: StatusCode,
    /// The API's problem code (`slug-taken`…).
    pub code: &'static str,
    /// Each field's sentences, in the order the problem lists them.
    pub fields: Vec<(&'static str, String)>,
    /// The sentence for the whole.
    pub detail: String,
}

impl Refusal {
    pub fn of(state: &AppState, lang: &str, path: &str, error: &ApiError) -> Self {
        let problem = problem::build(error, &state.l10n, lang, path, Style::Display);
        Self {
            status: error.status_code(),
            code: problem.code,
            fields: problem.errors.into_iter().map(|e| (e.field, e.message)).collect(),
            detail: problem.detail,
        }
    }
}

/// `template` with `page` in `chrome`, answered with `status`. A message shown now is
/// cleared, so a reload does not show it again.
pub fn html(
    state: &AppState,
    status: StatusCode,
    chrome: &Chrome,
    template: &str,
    page: impl Serialize,
) -> Result<HttpResponse, DeskError> {
    let body = desk::render(&state.site.theme, template, chrome, page).map_err(|error| {
        tracing::error!(%error, template, "rendering a desk page");
        DeskError::Internal
    })?;
    let mut response = HttpResponseBuilder::new(status);
    response.content_type("text/html; charset=utf-8");
    if chrome.flash.is_some() {
        response.cookie(flash_removal(state));
    }
    Ok(response.body(body))
}

/// A page for the signed-in person: [`chrome`], then [`html`] with 200.
pub async fn show(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    desk: &Desk,
    section: Section,
    template: &str,
    page: impl Serialize,
) -> Result<HttpResponse, DeskError> {
    let chrome = chrome(req, state, Some(desk), Some(section)).await?;
    html(state, StatusCode::OK, &chrome, template, page)
}

/// Redirect after POST, to `location` (a desk path), leaving the sentence
/// `desk-flash-<flash>` for the next page.
pub fn see_other(state: &AppState, location: &str, flash: &str) -> HttpResponse {
    let mut cookie = session::cookie(state, FLASH_COOKIE, format!("done:{flash}"));
    cookie.set_max_age(actix_web::cookie::time::Duration::seconds(60));
    HttpResponse::SeeOther().insert_header((header::LOCATION, location)).cookie(cookie).finish()
}

fn flash_removal(state: &AppState) -> actix_web::cookie::Cookie<'static> {
    session::removal(state, FLASH_COOKIE)
}

/// What an error page shows.
#[derive(Serialize)]
struct ErrorPage {
    status: u16,
    title: String,
    detail: String,
    signed_in: bool,
}

/// Middleware around the desk: a [`DeskError`] (or an API error from an extractor) becomes a
/// page in the person's language, and "sign in first" a redirect to the sign-in form.
pub async fn render_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody, BoxBody>>, actix_web::Error> {
    let response = next.call(req).await?;
    let error = match response.response().error() {
        Some(error) => match (error.as_error::<DeskError>(), error.as_error::<ApiError>()) {
            (Some(desk), _) => desk.clone(),
            (None, Some(api)) => DeskError::Api(api.clone()),
            (None, None) => DeskError::Api(ApiError::from_status(response.status())),
        },
        None if response.status().is_client_error() && !response.headers().contains_key(header::CONTENT_TYPE) => {
            DeskError::Api(ApiError::from_status(response.status()))
        }
        None => return Ok(response.map_into_left_body()),
    };
    let (request, _) = response.into_parts();
    let answer = error_response(&request, &error).await;
    Ok(ServiceResponse::new(request, answer).map_into_right_body())
}

async fn error_response(req: &HttpRequest, error: &DeskError) -> HttpResponse {
    if let DeskError::SignIn { next } = error {
        let target = format!("/desk/login?next={}", percent_encoding::utf8_percent_encode(next, QUERY));
        return HttpResponse::SeeOther().insert_header((header::LOCATION, target)).finish();
    }
    let status = error.status_code();
    let Some(state) = req.app_data::<web::Data<AppState>>() else {
        return HttpResponse::build(status).finish();
    };
    if let DeskError::Enrol = error {
        let mut flash = session::cookie(state, FLASH_COOKIE, "problem:totp-required".to_owned());
        flash.set_max_age(actix_web::cookie::time::Duration::seconds(60));
        return HttpResponse::SeeOther().insert_header((header::LOCATION, "/desk/account")).cookie(flash).finish();
    }
    let desk = req.extensions().get::<Desk>().cloned();
    let chrome = match chrome(req, state, desk.as_ref(), None).await {
        Ok(chrome) => chrome,
        Err(_) => {
            return HttpResponse::build(status).content_type("text/plain; charset=utf-8").body(status.to_string())
        }
    };
    let (title, detail) = match error {
        DeskError::Api(api) => {
            let problem = problem::build(api, &state.l10n, &chrome.lang, req.path(), Style::Display);
            (problem.title, problem.detail)
        }
        other => {
            let key = match other {
                DeskError::Forbidden => "forbidden",
                DeskError::NotFound => "not-found",
                DeskError::Csrf => "csrf",
                DeskError::BadRequest => "bad-request",
                _ => "internal",
            };
            let args = crate::l10n::Args::new();
            let id = format!("desk-error-{key}");
            (
                state.l10n.text(&chrome.lang, &id, &args),
                state.l10n.format(&chrome.lang, &id, Some("detail"), &args, Style::Display),
            )
        }
    };
    let page = ErrorPage { status: status.as_u16(), title, detail, signed_in: desk.is_some() };
    html(state, status, &chrome, "error", page).unwrap_or_else(|_| {
        HttpResponse::build(status).content_type("text/plain; charset=utf-8").body(status.to_string())
    })
}

/// What a query value must escape.
const QUERY: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'/').remove(b'-').remove(b'_').remove(b'.');
