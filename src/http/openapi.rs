//! The OpenAPI 3.1 document, generated from the handlers' annotations, and its browsable
//! reference (Swagger UI, served from the binary so it works offline).

use actix_web::web;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "nashra",
        description = "Multilingual newsroom API. Errors are `application/problem+json` (RFC 9457) \
            with a stable `code` and a `title`/`detail` in the request's language \
            (`?lang=`, then the user's preference, then `Accept-Language`)."
    ),
    paths(
        super::accounts::login,
        super::accounts::refresh,
        super::accounts::logout,
        super::accounts::get_me,
        super::users::list_users,
        super::users::create_user,
        super::users::update_user,
        super::health::health,
        super::health::ready,
    ),
    components(schemas(super::problem::Problem, super::problem::FieldProblem)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Logging in, tokens, the signed-in user"),
        (name = "users", description = "Accounts and roles (admins)"),
        (name = "operations", description = "Health and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::redirect("/api/docs", "/api/docs/"))
        .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", ApiDoc::openapi()));
}
