//! The OpenAPI 3.1 document, generated from the handlers' annotations (of the operations
//! `routes::operations` lists), and its browsable
//! reference (Swagger UI, served from the binary so it works offline).

use std::sync::OnceLock;

use actix_web::http::header::ContentType;
use actix_web::{web, HttpResponse};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::{Config, SwaggerUi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "nashra",
        description = "Multilingual newsroom API. Errors are `application/problem+json` (RFC 9457) \
            with a stable `code` and a `title`/`detail` in the request's language \
            (`?lang=`, then the user's preference, then `Accept-Language`)."
    ),
    components(schemas(super::problem::Problem, super::problem::FieldProblem)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Logging in, tokens, the signed-in user"),
        (name = "users", description = "Accounts and roles (admins)"),
        (name = "stories", description = "Stories and their language-independent details"),
        (name = "translations", description = "A story in one locale: saving, workflow, revisions, events"),
        (name = "editions", description = "Numbered issues and publishing them"),
        (name = "media", description = "Images"),
        (name = "publication", description = "The newsletter's name, contacts and footer"),
        (name = "public", description = "Published content for headless front ends (no authentication)"),
        (name = "subscribers", description = "Email subscribers: subscribing (public) and managing them (admins)"),
        (name = "sending", description = "Sending editions by email"),
        (name = "operations", description = "Health and readiness"),
    )
)]
struct ApiDoc;

/// The whole document: what `ApiDoc` says of the API, every operation of `routes::operations`
/// as its handler's attribute describes it, and the problems that every operation of its kind
/// may answer.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut document = ApiDoc::openapi();
    for operation in super::routes::operations() {
        document.merge(operation.document());
    }
    ExtractorProblems.modify(&mut document);
    document
}

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
                    .description(Some(
                        "An access token from POST /api/v1/auth/login. An operation that lists a role \
                         (admin, editor or reviewer) admits users holding it, and admins always.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every JSON body and query string is parsed before the handler runs, and refused there
/// (`json_error`, `query_error` and the JSON limit in `http/mod.rs`). Those answers are the
/// same for every operation, so they are added here to each operation that takes a JSON body
/// or query parameters, next to what its own annotation lists.
struct ExtractorProblems;

impl Modify for ExtractorProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        for item in openapi.paths.paths.values_mut() {
            let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.patch, &mut item.delete];
            for operation in operations.into_iter().flatten() {
                let json_body =
                    operation.request_body.as_ref().is_some_and(|body| body.content.contains_key("application/json"));
                let query =
                    operation.parameters.iter().flatten().any(|parameter| parameter.parameter_in == ParameterIn::Query);
                let mut add = |status: &str, description: &str| {
                    let problem = utoipa::openapi::ContentBuilder::new()
                        .schema(Some(utoipa::openapi::Ref::from_schema_name("Problem")))
                        .build();
                    let response = utoipa::openapi::ResponseBuilder::new()
                        .description(description)
                        .content("application/problem+json", problem)
                        .build();
                    operation.responses.responses.entry(status.to_owned()).or_insert(response.into());
                };
                if json_body {
                    add("400", "Malformed JSON (`malformed-json`)");
                    add("413", "Body larger than the JSON limit (`payload-too-large`)");
                    add("415", "Body not sent as `application/json` (`unsupported-media-type`)");
                    add("422", "Body does not match the schema (`invalid-body`)");
                }
                if query {
                    add("400", "Malformed query parameters (`invalid-query`)");
                }
            }
        }
    }
}

/// Where the document is served.
const DOCUMENT_PATH: &str = "/api/openapi.json";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::redirect("/api/docs", "/api/docs/"))
        .service(SwaggerUi::new("/api/docs/{_:.*}").config(Config::from(DOCUMENT_PATH)))
        .service(web::resource(DOCUMENT_PATH).route(web::get().to(serve_document)));
}

/// The document as JSON, built once per process. (Handing it to `SwaggerUi::url` would keep
/// a copy per worker thread, some megabytes each, and serialize it on every request.)
async fn serve_document() -> HttpResponse {
    static DOCUMENT: OnceLock<web::Bytes> = OnceLock::new();
    let json = DOCUMENT.get_or_init(|| serde_json::to_vec(&document()).unwrap_or_default().into());
    HttpResponse::Ok().content_type(ContentType::json()).body(json.clone())
}
