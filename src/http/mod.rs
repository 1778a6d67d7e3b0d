//! The HTTP interface: the route table, request limits, and the problem responses every
//! error turns into. One file per resource; handlers are named `verb_noun`.

mod accounts;
mod health;
pub mod locale;
pub mod openapi;
mod pagination;
pub mod problem;
pub(crate) mod users;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Logger};
use actix_web::{error, web, App, HttpRequest};

use crate::app::AppState;
use crate::error::ApiError;

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
    App::new()
        .app_data(state)
        .app_data(
            web::JsonConfig::default()
                .limit(json_limit)
                .error_handler(json_error),
        )
        .app_data(web::PayloadConfig::default().limit(json_limit))
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into()))
        .service(
            web::scope("/api/v1")
                .service(resource("/auth/login").route(web::post().to(accounts::login)))
                .service(resource("/auth/refresh").route(web::post().to(accounts::refresh)))
                .service(resource("/auth/logout").route(web::post().to(accounts::logout)))
                .service(resource("/me").route(web::get().to(accounts::get_me)))
                .service(
                    resource("/users")
                        .route(web::get().to(users::list_users))
                        .route(web::post().to(users::create_user)),
                )
                .service(resource("/users/{id}").route(web::patch().to(users::update_user))),
        )
        .service(resource("/health").route(web::get().to(health::health)))
        .service(resource("/ready").route(web::get().to(health::ready)))
        .configure(openapi::configure)
        .default_service(web::to(|| async {
            Err::<&str, _>(ApiError::RouteNotFound)
        }))
        .wrap(from_fn(problem::render_problems))
        .wrap(Logger::new("%r %s %Dms"))
}

/// A resource that answers 405 to methods it has no route for (instead of inheriting the
/// app's 404).
fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(|| async {
        Err::<&str, _>(ApiError::MethodNotAllowed)
    }))
}

fn json_error(error: error::JsonPayloadError, req: &HttpRequest) -> actix_web::Error {
    use error::JsonPayloadError as E;
    let configured_limit = || {
        req.app_data::<web::Data<AppState>>()
            .map_or(0, |s| s.settings.http.json_limit_bytes)
    };
    let api_error = match error {
        E::OverflowKnownLength { limit, .. } | E::Overflow { limit } => {
            ApiError::PayloadTooLarge { limit }
        }
        E::ContentType => ApiError::UnsupportedMediaType,
        E::Deserialize(error) if error.is_data() => ApiError::InvalidBody(error.to_string()),
        E::Deserialize(error) => ApiError::MalformedJson(error.to_string()),
        E::Payload(error::PayloadError::Overflow) => ApiError::PayloadTooLarge {
            limit: configured_limit(),
        },
        other => ApiError::MalformedJson(other.to_string()),
    };
    api_error.into()
}

fn query_error(error: error::QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    ApiError::InvalidQuery(error.to_string()).into()
}
