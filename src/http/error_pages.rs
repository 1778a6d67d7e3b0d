//! The page a browser gets instead of a problem document. A 404, 410 or 5xx at an address
//! outside the API and the desk, asked for by a request that accepts HTML (a browser's
//! navigation), is answered with the site's own page in the request's language (the path's,
//! else negotiated), with ways home and to the archive. API clients, and every `/api/` path,
//! still get `application/problem+json` from `http::problem`, which calls this.

use std::sync::Arc;

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest};

use super::site::cached;
use crate::http::state::AppState;
use crate::site::view::{ErrorPage, Publication};
use crate::site::{Lookups, Rendered};

/// The page to answer `req` with instead of a problem with `status`, if any.
pub(super) fn page_for(req: &HttpRequest, status: StatusCode) -> Option<ErrorPage> {
    let error = match status {
        StatusCode::NOT_FOUND => ErrorPage::NotFound,
        StatusCode::GONE => ErrorPage::Gone,
        status if status.is_server_error() => ErrorPage::ServerError,
        _ => return None,
    };
    let path = req.path();
    let api = path == "/api" || path.starts_with("/api/");
    let desk = path == "/desk" || path.starts_with("/desk/");
    (!api && !desk && accepts_html(req)).then_some(error)
}

/// Whether `Accept` names `text/html` (and does not refuse it with `q=0`). `*/*` alone is
/// what scripts and API clients send, and gets the problem document.
fn accepts_html(req: &HttpRequest) -> bool {
    let Some(accept) = req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()) else { return false };
    accept.split(',').any(|range| {
        let mut parts = range.split(';').map(str::trim);
        let html = parts.next().is_some_and(|media| media.eq_ignore_ascii_case("text/html"));
        let refused = parts.any(|p| p.strip_prefix("q=").is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0)));
        html && !refused
    })
}

/// The page for `error` in `locale`. A 404 or 410 page is rendered once per content version
/// (with the publication's name and footer) and kept with the pages; a 5xx page never
/// touches the database, which may be what failed, so it shows the newsletter's default
/// name. `None` only if even that cannot be rendered (a broken theme).
pub(super) async fn render(state: &web::Data<AppState>, locale: &str, error: ErrorPage) -> Option<Arc<Rendered>> {
    if error != ErrorPage::ServerError {
        let key = format!("error:{}:{locale}", error.key());
        let lang = locale.to_owned();
        let render = move |site: &crate::site::Site, conn: &mut crate::db::DbConn| {
            site.render_error_with(conn, &Lookups::default(), &lang, error).map(Some)
        };
        if let Ok((Some(page), _)) = cached(state, key, render).await {
            return Some(page);
        }
    }
    match state.site.render_error(&Publication::default(), locale, error) {
        Ok(page) => Some(Arc::new(page)),
        Err(error) => {
            tracing::error!(%error, "the error page cannot be rendered");
            None
        }
    }
}
