//! The desk's routes (SPEC §11): server-rendered pages at `/desk/…` for editors, reviewers
//! and admins. Each handler reads through `desk` loaders, writes through the same `service`
//! use cases as the JSON API, and answers a POST with a redirect and a message
//! (`page::see_other`) or, when the input was refused, the same form again with what was
//! typed and why. The session cookie and the anti-forgery check are `session`; error pages
//! are `page`.

mod editions;
mod library;
pub mod page;
mod people;
pub mod session;
mod sign_in;
mod start;
mod stories;

use actix_web::http::header;
use actix_web::middleware::{from_fn, DefaultHeaders};
use actix_web::{web, HttpResponse, Scope};

/// What every desk response carries: no caching of personal pages, no framing by other sites,
/// and no script, style or form target from anywhere but this server.
fn headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((header::CACHE_CONTROL, "no-store"))
        .add((header::REFERRER_POLICY, "same-origin"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'",
        ))
}

/// The desk, to be served at `/desk`.
pub fn scope() -> Scope<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    web::scope("/desk")
        .route(
            "",
            web::get().to(|| async {
                HttpResponse::PermanentRedirect().insert_header((header::LOCATION, "/desk/")).finish()
            }),
        )
        .route("/", web::get().to(start::start_page))
        .route("/login", web::get().to(sign_in::sign_in_page))
        .route("/login", web::post().to(sign_in::sign_in_submit))
        .route("/logout", web::post().to(sign_in::sign_out))
        .route("/language", web::post().to(sign_in::switch_language))
        .configure(stories::routes)
        .configure(editions::routes)
        .configure(library::routes)
        .configure(people::routes)
        // Unknown addresses: "not found" for the signed-in, the sign-in form for others.
        .default_service(web::to(|_: session::Desk| async { Err::<HttpResponse, _>(page::DeskError::NotFound) }))
        .wrap(from_fn(page::render_errors))
        .wrap(from_fn(session::identify))
        .wrap(headers())
}
