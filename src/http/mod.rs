//! The HTTP interface: the route table, request limits, and the problem responses every
//! error turns into. One file per resource; handlers are named `verb_noun`.

mod accounts;
mod cors;
mod editions;
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
use actix_web::middleware::{from_fn, Logger, Next};
use actix_web::{error, web, App, HttpRequest};

use crate::app::AppState;
use crate::error::ApiError;

pub use pagination::{Page, PageQuery};

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
    App::new()
        .app_data(state)
        .app_data(web::PayloadConfig::default().limit(json_limit))
        .app_data(web::QueryConfig::default().error_handler(query_error))
        .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into()))
        .service(
            web::scope("/api/v1/public")
                .service(resource("/{locale}/editions").route(web::get().to(public::list_public_editions)))
                .service(resource("/{locale}/editions/{slug}").route(web::get().to(public::get_public_edition)))
                .service(resource("/{locale}/stories/{slug}").route(web::get().to(public::get_public_story)))
                .wrap(cors::public()),
        )
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
                .service(resource("/users/{id}").route(web::patch().to(users::update_user)))
                .service(
                    resource("/publication")
                        .route(web::get().to(publication::get_publication))
                        .route(web::put().to(publication::put_publication)),
                )
                .service(
                    resource("/stories")
                        .route(web::get().to(stories::list_stories))
                        .route(web::post().to(stories::create_story)),
                )
                .service(
                    resource("/stories/{id}")
                        .route(web::get().to(stories::get_story))
                        .route(web::patch().to(stories::update_story))
                        .route(web::delete().to(stories::delete_story)),
                )
                .service(
                    web::scope("/stories/{id}/translations/{locale}")
                        .service(
                            resource("")
                                .route(web::get().to(translations::get_translation))
                                .route(web::put().to(translations::put_translation)),
                        )
                        .service(resource("/transitions").route(web::post().to(translations::transition_translation)))
                        .service(resource("/confirm").route(web::post().to(translations::confirm_translation)))
                        .service(resource("/revisions").route(web::get().to(translations::list_revisions)))
                        // Before `/revisions/{rev}`, which would otherwise take "compare".
                        .service(resource("/revisions/compare").route(web::get().to(translations::compare_revisions)))
                        .service(resource("/revisions/{rev}").route(web::get().to(translations::get_revision)))
                        .service(
                            resource("/revisions/{rev}/restore").route(web::post().to(translations::restore_revision)),
                        )
                        .service(resource("/events").route(web::get().to(translations::list_events))),
                )
                .service(
                    resource("/editions")
                        .route(web::get().to(editions::list_editions))
                        .route(web::post().to(editions::create_edition)),
                )
                .service(
                    resource("/editions/{id}")
                        .route(web::get().to(editions::get_edition))
                        .route(web::patch().to(editions::update_edition)),
                )
                .service(
                    resource("/editions/{id}/translations/{locale}")
                        .route(web::put().to(editions::put_edition_translation)),
                )
                .service(resource("/editions/{id}/readiness").route(web::get().to(editions::get_readiness)))
                .service(resource("/editions/{id}/publish").route(web::post().to(editions::publish_edition)))
                .service(resource("/media").route(web::post().to(media::upload_media)))
                .service(resource("/media/{id}").route(web::get().to(media::get_media)))
                .service(resource("/media/{id}/file").route(web::get().to(media::get_media_file)))
                .service(resource("/editions/{id}/send").route(web::post().to(sending::send_edition)))
                .service(resource("/editions/{id}/delivery").route(web::get().to(sending::get_delivery)))
                .service(resource("/editions/{id}/email").route(web::get().to(sending::preview_email)))
                .service(resource("/editions/{id}/test-send").route(web::post().to(sending::test_send)))
                .service(resource("/subscribe").route(web::post().to(subscriptions::subscribe)))
                .service(resource("/subscribers").route(web::get().to(subscribers::list_subscribers)))
                .service(
                    resource("/subscribers/import")
                        .app_data(web::PayloadConfig::new(IMPORT_LIMIT_BYTES))
                        .route(web::post().to(subscribers::import_subscribers)),
                )
                .service(resource("/subscribers/export").route(web::get().to(subscribers::export_subscribers)))
                .service(resource("/subscribers/{id}").route(web::patch().to(subscribers::update_subscriber)))
                .wrap(from_fn(crate::auth::authenticate))
                .wrap(private_cors),
        )
        .service(resource("/media/{file_name}").route(web::get().to(media::get_public_media)))
        .service(resource("/assets/{name}").route(web::get().to(site::serve_asset)))
        .service(resource("/subscribe/confirm").route(web::get().to(subscriptions::confirm)))
        .service(
            resource("/unsubscribe")
                .route(web::get().to(subscriptions::unsubscribe_page))
                .route(web::post().to(subscriptions::unsubscribe)),
        )
        .service(resource("/health").route(web::get().to(health::health)))
        .service(resource("/ready").route(web::get().to(health::ready)))
        .configure(openapi::configure)
        // Everything else is the public site (or 404).
        .default_service(web::to(site::serve_site))
        .wrap(from_fn(refuse_nul_in_query))
        .wrap(from_fn(problem::render_problems))
        .wrap(Logger::new("%r %s %Dms"))
}

/// A resource that answers 405 to methods it has no route for (instead of inheriting the
/// app's 404).
fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(|| async { Err::<&str, _>(ApiError::MethodNotAllowed) }))
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
