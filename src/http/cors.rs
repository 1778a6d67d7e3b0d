//! Cross-origin rules. The public JSON API is for headless front ends anywhere, so any page
//! may read it; the private API admits only the origins an operator lists in
//! `http.cors_origins`. Tokens travel in `Authorization`, never in cookies, so no origin is
//! ever sent `Access-Control-Allow-Credentials`.

use actix_cors::Cors;
use actix_web::http::{header, Method};

/// How long a browser may cache a preflight answer.
const PREFLIGHT_MAX_AGE_SECS: usize = 3600;

/// For `/api/v1/public`: reading only, from any origin.
pub fn public() -> Cors {
    Cors::default()
        .allow_any_origin()
        .send_wildcard()
        .allowed_methods([Method::GET, Method::HEAD])
        .allowed_headers([header::ACCEPT, header::ACCEPT_LANGUAGE, header::IF_NONE_MATCH])
        .expose_headers([header::ETAG, header::CONTENT_LANGUAGE, header::LAST_MODIFIED])
        .max_age(PREFLIGHT_MAX_AGE_SECS)
}

/// For the rest of `/api/v1`: the configured origins, with the methods and headers the API
/// uses. A request from any other origin is answered as usual but without CORS headers, so
/// the browser keeps the answer from the page.
pub fn private(origins: &[String]) -> Cors {
    let cors = origins.iter().fold(Cors::default(), |cors, origin| cors.allowed_origin(origin));
    cors.block_on_origin_mismatch(false)
        .allowed_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
        ])
        .expose_headers([header::ETAG, header::LOCATION, header::CONTENT_LANGUAGE, header::RETRY_AFTER])
        .max_age(PREFLIGHT_MAX_AGE_SECS)
}
