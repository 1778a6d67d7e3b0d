//! The public read-only JSON API: what the web site shows, for headless front ends. No
//! authentication; any origin may read it.

use actix_web::{web, HttpRequest, HttpResponse};

use super::site::{cached, conditional};
use crate::domain::Slug;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::site::api::{PublicEdition, PublicEditionSummary, PublicStory};

/// Published editions in a locale, newest first.
#[utoipa::path(
    get, path = "/api/v1/public/{locale}/editions", tag = "public",
    params(("locale" = String, Path)),
    responses(
        (status = 200, body = Vec<PublicEditionSummary>),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 404, description = "Unknown locale"),
    )
)]
pub async fn list_public_editions(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let locale = known(&state, locale.into_inner())?;
    let key = format!("api:/{locale}/editions");
    respond(&req, cached(&state, key, move |site, conn| site.public_editions(conn, &locale).map(Some)).await?)
}

/// A published edition in a locale, with its stories.
#[utoipa::path(
    get, path = "/api/v1/public/{locale}/editions/{slug}", tag = "public",
    params(("locale" = String, Path), ("slug" = String, Path)),
    responses(
        (status = 200, body = PublicEdition),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 404, description = "Unknown locale, or no such published edition"),
    )
)]
pub async fn get_public_edition(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (locale, slug) = path.into_inner();
    let (locale, slug) = (known(&state, locale)?, published_slug(slug)?);
    let key = format!("api:/{locale}/editions/{slug}");
    respond(&req, cached(&state, key, move |site, conn| site.public_edition(conn, &locale, &slug)).await?)
}

/// A published story in a locale.
#[utoipa::path(
    get, path = "/api/v1/public/{locale}/stories/{slug}", tag = "public",
    params(("locale" = String, Path), ("slug" = String, Path)),
    responses(
        (status = 200, body = PublicStory),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 404, description = "Unknown locale, or no such published story"),
    )
)]
pub async fn get_public_story(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (locale, slug) = path.into_inner();
    let (locale, slug) = (known(&state, locale)?, published_slug(slug)?);
    let key = format!("api:/{locale}/stories/{slug}");
    respond(&req, cached(&state, key, move |site, conn| site.public_story(conn, &locale, &slug)).await?)
}

/// Anything that is not a slug names nothing, and need not reach the database.
fn published_slug(slug: String) -> Result<String, ApiError> {
    Slug::parse(&slug).map(|_| slug).map_err(|_| ApiError::NotFound)
}

fn known(state: &AppState, locale: String) -> Result<String, ApiError> {
    if state.l10n.is_supported(&locale) {
        Ok(locale)
    } else {
        Err(ApiError::UnknownLocale)
    }
}

fn respond(
    req: &HttpRequest,
    (page, version): (Option<std::sync::Arc<crate::site::Rendered>>, Option<chrono::NaiveDateTime>),
) -> Result<HttpResponse, ApiError> {
    let page = page.ok_or(ApiError::NotFound)?;
    Ok(conditional(req, &page, version))
}
