//! The HTTP interface: the route table, request limits, and the problem responses every
//! error turns into. One file per resource; handlers are named `verb_noun`.

mod accounts;
mod audit;
pub mod client;
mod cors;
mod editions;
mod errors;
mod health;
mod json;
pub mod locale;
mod media;
pub mod openapi;
mod pagination;
pub mod problem;
mod public;
mod publication;
mod sending;
mod site;
mod stories;
mod subscribers;
mod subscriptions;
mod translations;
pub(crate) mod users;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::{from_fn, DefaultHeaders, Logger, Next};
use actix_web::{error, web, App, HttpRequest, HttpResponse};

use crate::app::AppState;
use crate::error::ApiError;

pub use pagination::{Page, PageQuery};

/// A resource with a handler per method; any other method gets 405 with `Allow` (rather than
/// falling through to the site's 404).
macro_rules! resource {
    ($path:expr, $($method:ident => $handler:expr),+ $(,)?) => {
        web::resource($path)
            $(.route(web::method(Method::$method).to($handler)))+
            .default_service(method_not_allowed(&[$(Method::$method),+]))
    };
}

/// Largest subscriber CSV accepted (about 300,000 rows).
const IMPORT_LIMIT_BYTES: usize = 16 * 1024 * 1024;

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
    App::new()
        .app_data(state)
        .app_data(web::PayloadConfig::default().limit(json_limit))
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into()))
        .service(
            web::scope("/api/v1/public")
                .service(resource!("/{locale}/editions", GET => public::list_public_editions))
                .service(resource!("/{locale}/editions/{slug}", GET => public::get_public_edition))
                .service(resource!("/{locale}/stories/{slug}", GET => public::get_public_story))
                .wrap(cors::public()),
        )
        .service(
            web::scope("/api/v1")
                .service(resource!("/auth/login", POST => accounts::login))
                .service(resource!("/auth/refresh", POST => accounts::refresh))
                .service(resource!("/auth/logout", POST => accounts::logout))
                .service(resource!("/me", GET => accounts::get_me))
                .service(
                    resource!("/users", GET => users::list_users, POST => users::create_user),
                )
                .service(resource!("/users/{id}", PATCH => users::update_user))
                .service(
                    resource!("/publication", GET => publication::get_publication, PUT => publication::put_publication),
                )
                .service(
                    resource!("/stories", GET => stories::list_stories, POST => stories::create_story),
                )
                .service(
                    resource!("/stories/{id}", GET => stories::get_story, PATCH => stories::update_story, DELETE => stories::delete_story),
                )
                .service(
                    web::scope("/stories/{id}/translations/{locale}")
                        .service(
                            resource!("", GET => translations::get_translation, PUT => translations::put_translation),
                        )
                        .service(resource!("/transitions", POST => translations::transition_translation))
                        .service(resource!("/confirm", POST => translations::confirm_translation))
                        .service(resource!("/revisions", GET => translations::list_revisions))
                        // Before `/revisions/{rev}`, which would otherwise take "compare".
                        .service(resource!("/revisions/compare", GET => translations::compare_revisions))
                        .service(resource!("/revisions/{rev}", GET => translations::get_revision))
                        .service(
                            resource!("/revisions/{rev}/restore", POST => translations::restore_revision),
                        )
                        .service(resource!("/events", GET => translations::list_events)),
                )
                .service(
                    resource!("/editions", GET => editions::list_editions, POST => editions::create_edition),
                )
                .service(
                    resource!("/editions/{id}", GET => editions::get_edition, PATCH => editions::update_edition),
                )
                .service(
                    resource!("/editions/{id}/translations/{locale}", PUT => editions::put_edition_translation),
                )
                .service(resource!("/editions/{id}/readiness", GET => editions::get_readiness))
                .service(resource!("/editions/{id}/publish", POST => editions::publish_edition))
                .service(resource!("/media", POST => media::upload_media))
                .service(resource!("/media/{id}", GET => media::get_media))
                .service(resource!("/media/{id}/file", GET => media::get_media_file))
                .service(resource!("/editions/{id}/send", POST => sending::send_edition))
                .service(resource!("/editions/{id}/delivery", GET => sending::get_delivery))
                .service(resource!("/editions/{id}/email", GET => sending::preview_email))
                .service(resource!("/editions/{id}/test-send", POST => sending::test_send))
                .service(resource!("/subscribe", POST => subscriptions::subscribe))
                .service(resource!("/subscribers", GET => subscribers::list_subscribers))
                .service(
                    resource!("/subscribers/import", POST => subscribers::import_subscribers)
                        .app_data(web::PayloadConfig::new(IMPORT_LIMIT_BYTES)),
                )
                .service(resource!("/subscribers/export", GET => subscribers::export_subscribers))
                .service(resource!("/subscribers/{id}", PATCH => subscribers::update_subscriber))
                .service(resource!("/editions/{id}/events", GET => audit::list_edition_events))
                .service(resource!("/users/{id}/events", GET => audit::list_user_events))
                .service(resource!("/audit", GET => audit::list_audit))
                .wrap(from_fn(note_changes))
                .wrap(from_fn(crate::auth::authenticate))
                .wrap(private_cors),
        )
        .service(resource!("/media/{file_name}", GET => media::get_public_media))
        .service(resource!("/assets/{name}", GET => site::serve_asset))
        .service(
            resource!("/subscribe/confirm", GET => subscriptions::confirm_page, POST => subscriptions::confirm),
        )
        .service(
            resource!("/unsubscribe", GET => subscriptions::unsubscribe_page, POST => subscriptions::unsubscribe),
        )
        .service(resource!("/health", GET => health::health))
        .service(resource!("/ready", GET => health::ready))
        .configure(openapi::configure)
        // Everything else is the public site (or 404).
        .default_service(web::to(site::serve_site))
        .wrap(from_fn(refuse_nul_in_query))
        .wrap(from_fn(problem::render_problems))
        .wrap(headers)
        // The path without its query: confirm and unsubscribe links carry their token there.
        .wrap(Logger::new("%{request}xi %s %Dms").custom_request_replace("request", |req| {
            format!("{} {}", req.method(), req.path())
        }))
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

/// The 405 answer of a resource whose methods are `allowed`: a problem (rendered by
/// `problem::render_problems`) with the `Allow` header RFC 9110 asks for.
fn method_not_allowed(allowed: &[Method]) -> actix_web::Route {
    let allow = allowed.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
    web::to(move || {
        let allow = allow.clone();
        async move { HttpResponse::MethodNotAllowed().insert_header((header::ALLOW, allow)).finish() }
    })
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
/// and the like change no page, and must not cost every reader a database round trip.
async fn note_changes(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    const CONTENT: [&str; 4] = ["/api/v1/stories", "/api/v1/editions", "/api/v1/publication", "/api/v1/media"];
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let content = CONTENT.iter().any(|prefix| req.path().starts_with(prefix));
    let response = next.call(req).await?;
    if writes && content && response.status().is_success() {
        if let Some(state) = response.request().app_data::<web::Data<AppState>>() {
            state.freshness.changed();
        }
    }
    Ok(response)
}

fn query_error(error: error::QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
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
