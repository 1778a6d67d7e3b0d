//! The HTTP interface: the application (`app`: its scopes and their middleware; the route
//! table itself is `routes`), request limits, and the problem responses every
//! error turns into. One file per resource; handlers are named `verb_noun`.

pub(crate) mod accounts;
mod audit;
pub mod auth;
pub mod client;
mod cors;
pub mod desk;
mod editions;
mod error;
mod error_pages;
mod health;
mod json;
pub mod locale;
mod media;
pub mod openapi;
mod pagination;
mod preferences;
pub mod problem;
mod public;
mod publication;
mod routes;
mod sending;
mod site;
pub mod state;
mod stories;
mod subscribers;
mod subscriptions;
mod translations;
pub(crate) mod users;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::{from_fn, DefaultHeaders, Logger, Next};
use actix_web::{web, App, HttpRequest};

use crate::http::state::AppState;

pub use error::ApiError;
pub use pagination::{Page, PageQuery};

/// The whole application for one worker thread.
pub fn app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let json_limit = state.settings.http.json_limit_bytes;
    let private_cors = cors::private(&state.settings.http.cors_origins);
    let headers = default_headers(&state.settings.public_url);
    // The API's resources by scope, in the order of `routes::SCOPES`.
    let [public, private, root] = routes::resources();
    App::new()
        .app_data(state)
        .app_data(web::PayloadConfig::default().limit(json_limit))
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into()))
        // Published content: open to every origin, no token.
        .service(web::scope(routes::SCOPES[0]).service(public).wrap(cors::public()))
        // The rest of the API: tokens read before any handler runs.
        .service(
            web::scope(routes::SCOPES[1])
                .service(private)
                .wrap(from_fn(note_changes))
                .wrap(from_fn(auth::authenticate))
                .wrap(private_cors),
        )
        .service(root)
        .service(routes::pages())
        .service(desk::scope().wrap(from_fn(note_changes)))
        .configure(openapi::configure)
        // Everything else is the public site (or 404).
        .default_service(web::to(site::serve_site))
        .wrap(from_fn(refuse_nul_in_query))
        .wrap(from_fn(problem::render_problems))
        .wrap(headers)
        // The path without its query: confirm and unsubscribe links carry their token there.
        .wrap(
            Logger::new("%{request}xi %s %Dms")
                .custom_request_replace("request", |req| format!("{} {}", req.method(), req.path())),
        )
}

/// Headers every response carries (a handler's own win): no content sniffing anywhere, and
/// HSTS when readers reach the site over https.
fn default_headers(public_url: &str) -> DefaultHeaders {
    let headers = DefaultHeaders::new().add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    if public_url.starts_with("https://") {
        headers.add((header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"))
    } else {
        headers
    }
}

/// No query parameter may carry NUL: PostgreSQL refuses it in text, SQLite cuts text at it,
/// and no legitimate request holds one.
async fn refuse_nul_in_query(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if req.query_string().contains("%00") || req.query_string().contains('\0') {
        let error = ApiError::InvalidQuery("the query string contains NUL (%00)".into());
        return Ok(req.error_response(error).map_into_right_body());
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

/// After a successful write to what public pages show, they must show it on the next
/// request: the content version is read again (see `site::freshness`). Logins, subscribers
/// and the like change no page, and must not cost every reader a database round trip. The
/// desk's forms answer a write that worked with a redirect (303), the API with a 2xx.
async fn note_changes(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    const CONTENT: [&str; 7] = [
        "/api/v1/stories",
        "/api/v1/editions",
        "/api/v1/publication",
        "/api/v1/media",
        "/desk/stories",
        "/desk/editions",
        "/desk/media",
    ];
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let content = CONTENT.iter().any(|prefix| req.path().starts_with(prefix));
    let response = next.call(req).await?;
    let worked = response.status().is_success() || response.status().is_redirection();
    if writes && content && worked {
        if let Some(state) = response.request().app_data::<web::Data<AppState>>() {
            state.freshness.changed();
        }
    }
    Ok(response)
}

fn query_error(error: actix_web::error::QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    ApiError::InvalidQuery(error.to_string()).into()
}

/// For `Option<Option<T>>` fields: absent stays `None` (keep), `null` becomes `Some(None)`
/// (clear), a value `Some(Some(v))`.
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde::Deserialize::deserialize(deserializer).map(Some)
}
