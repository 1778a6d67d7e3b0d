//! Serving the public site: pages from the page cache (rendered once per content version),
//! conditional GET with `ETag`/`Last-Modified`, theme assets, and security headers.

use std::sync::Arc;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;

use super::locale::request_locale;
use crate::db::{published, DbConn};
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::site::paths::Resolved;
use crate::site::{PagePath, Rendered, Site, SiteError};

/// Pages carry no script at all; styles and images come from the site itself.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Every address that is not an API route: a page, a redirect to the canonical address of
/// one, or 404.
pub async fn serve_site(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let resolved = PagePath::resolve(req.path(), &state.l10n).ok_or(ApiError::RouteNotFound)?;
    if !matches!(*req.method(), actix_web::http::Method::GET | actix_web::http::Method::HEAD) {
        return Err(ApiError::MethodNotAllowed);
    }
    let page = match resolved {
        Resolved::AddSlash(path) => return Ok(redirect(&state.site.base.link(&path), true)),
        Resolved::Page(PagePath::Root) => {
            // Live, the root sends readers to their language; the export writes a chooser page.
            let locale = request_locale(&req, &state.l10n).to_owned();
            let mut response = redirect(&state.site.base.link(&PagePath::Home(locale).path()), false);
            response.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Language"));
            return Ok(response);
        }
        Resolved::Page(page) => page,
    };
    let key = page.path();
    let (found, version) = cached(&state, key, move |site, conn| site.render(conn, &page)).await?;
    let Some(page) = found else { return Err(missing(&req, &state).await) };
    let mut response = conditional(&req, &page, version);
    if page.content_type.starts_with("text/html") {
        secure_html(&mut response);
    }
    Ok(response)
}

/// Why the page `req` asks for shows nothing: 410 for a story that was published and has
/// been unpublished (readers' links to it were good once), 404 otherwise. (The path is
/// resolved again here rather than kept from before: a page served from the cache should
/// not pay for a copy of it.)
async fn missing(req: &HttpRequest, state: &web::Data<AppState>) -> ApiError {
    let Some(Resolved::Page(page @ PagePath::Story(..))) = PagePath::resolve(req.path(), &state.l10n) else {
        return ApiError::NotFound;
    };
    let site = state.site.clone();
    match state.db.run(move |conn| site.withdrawn(conn, &page).map_err(ApiError::from)).await {
        Ok(true) => ApiError::Gone,
        Ok(false) => ApiError::NotFound,
        Err(error) => error,
    }
}

/// A theme asset, e.g. `/assets/site.css`.
pub async fn serve_asset(
    req: HttpRequest,
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let asset = state.site.theme.asset(&name).ok_or(ApiError::NotFound)?;
    if if_none_match(&req).is_some_and(|tags| tags.split(',').any(|t| t.trim() == asset.etag)) {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, asset.etag.clone())).finish());
    }
    Ok(HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header((header::ETAG, asset.etag.clone()))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(asset.bytes.clone()))
}

/// The page under `key` for the current content version, rendered by `render` only when
/// the cache does not have it. Returns the page (if any) and the version.
pub(crate) async fn cached<F>(
    state: &web::Data<AppState>,
    key: String,
    render: F,
) -> Result<(Option<Arc<Rendered>>, Option<NaiveDateTime>), ApiError>
where
    F: FnOnce(&Site, &mut DbConn) -> Result<Option<Rendered>, SiteError> + Send + 'static,
{
    // The common case touches no database: the version is known and the page cached.
    if let Some(version) = state.freshness.known() {
        if let Some(hit) = state.site.cache.get(&key, version) {
            return Ok((Some(hit), version));
        }
    }
    let state = state.clone();
    state
        .clone()
        .db
        .run(move |conn| {
            let ticket = state.freshness.ticket();
            let version = published::content_version(conn)?;
            state.freshness.record(ticket, version);
            if let Some(hit) = state.site.cache.get(&key, version) {
                return Ok::<_, ApiError>((Some(hit), version));
            }
            let rendered = render(&state.site, conn)?.map(Arc::new);
            if let Some(page) = &rendered {
                state.site.cache.put(&key, version, page.clone());
            }
            Ok((rendered, version))
        })
        .await
}

/// 304 when the client's copy is current, else the page with its validators. Clients must
/// revalidate (`no-cache`) so a publish or unpublish is seen on the next request.
pub(crate) fn conditional(req: &HttpRequest, page: &Rendered, version: Option<NaiveDateTime>) -> HttpResponse {
    // HTTP dates have whole seconds; so must the comparison with If-Modified-Since.
    let last_modified = version
        .and_then(|v| chrono::DateTime::from_timestamp(v.and_utc().timestamp(), 0))
        .map(|v| header::HttpDate::from(std::time::SystemTime::from(v)));
    let fresh = match if_none_match(req) {
        Some(tags) => tags.split(',').any(|tag| tag.trim() == page.etag || tag.trim() == "*"),
        None => match (req.headers().get(header::IF_MODIFIED_SINCE), &last_modified) {
            (Some(since), Some(modified)) => since
                .to_str()
                .ok()
                .and_then(|s| s.parse::<header::HttpDate>().ok())
                .is_some_and(|since| std::time::SystemTime::from(since) >= std::time::SystemTime::from(*modified)),
            _ => false,
        },
    };
    let mut response = if fresh { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    response.insert_header((header::ETAG, page.etag.clone())).insert_header((header::CACHE_CONTROL, "no-cache"));
    if let Some(modified) = last_modified {
        response.insert_header((header::LAST_MODIFIED, modified));
    }
    if fresh {
        return response.finish();
    }
    response.content_type(page.content_type).body(page.body.clone())
}

fn if_none_match(req: &HttpRequest) -> Option<&str> {
    req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok())
}

pub(crate) fn secure_html(response: &mut HttpResponse) {
    secure_html_with(response, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
}

/// For an email shown in the browser: its styles are inline (as mail clients need them)
/// and its images are the site's; still no script, no form, no frame.
pub(crate) fn secure_email_preview(response: &mut HttpResponse, site_origin: &str) {
    let policy = format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' {site_origin}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    );
    match HeaderValue::from_str(&policy) {
        Ok(policy) => secure_html_with(response, policy),
        Err(_) => secure_html(response),
    }
}

fn secure_html_with(response: &mut HttpResponse, policy: HeaderValue) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
}

fn redirect(location: &str, permanent: bool) -> HttpResponse {
    let mut response = if permanent { HttpResponse::MovedPermanently() } else { HttpResponse::Found() };
    response.insert_header((header::LOCATION, location.to_owned())).finish()
}
