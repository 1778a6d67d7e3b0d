//! The OpenAPI 3.1 document, generated from the annotations of the handlers that
//! `routes::operations` lists, and its browsable reference (Swagger UI, served from the binary
//! so it works offline).

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
    StandardProblems.modify(&mut document);
    OptionalBodies.modify(&mut document);
    document
}

/// A request body an operation may go without (`request_body = Option<T>`) is left out, not
/// sent as `null` (which `http::json` refuses): its schema is `T` alone, and the body is not
/// `required`.
struct OptionalBodies;

impl Modify for OptionalBodies {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::schema::Schema;
        use utoipa::openapi::RefOr;
        for item in openapi.paths.paths.values_mut() {
            let operations = [&mut item.put, &mut item.post, &mut item.patch];
            for body in operations.into_iter().flatten().filter_map(|operation| operation.request_body.as_mut()) {
                for content in body.content.values_mut() {
                    let Some(RefOr::T(Schema::OneOf(one_of))) = &content.schema else { continue };
                    let null = |schema: &RefOr<Schema>| {
                        serde_json::to_value(schema).is_ok_and(|value| value == serde_json::json!({"type": "null"}))
                    };
                    if let [a, b] = one_of.items.as_slice() {
                        let other = if null(a) {
                            b
                        } else if null(b) {
                            a
                        } else {
                            continue;
                        };
                        content.schema = Some(other.clone());
                    }
                }
            }
        }
    }
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

/// The problems an operation answers because of what it is, added to every operation next to
/// what its own annotation lists (which wins for the same status), so that an annotation lists
/// only what is particular to its operation:
/// - every error is a problem, so an error response an annotation gives only a status and a
///   description gets the `Problem` body;
/// - an operation with a security requirement answers 401 without a valid access token, and
///   403 to a disabled account or one without the role the requirement names;
/// - an operation with path parameters answers 404 when they name nothing (the `PathConfig`
///   of `http::app` makes unreadable ones not found too);
/// - every JSON body and query string is parsed before the handler runs, and refused there
///   (`http::json`, `query_error` and the JSON limit in `http/mod.rs`).
struct StandardProblems;

impl Modify for StandardProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
        let problem = || ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build();
        for item in openapi.paths.paths.values_mut() {
            let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.patch, &mut item.delete];
            for operation in operations.into_iter().flatten() {
                let json_body =
                    operation.request_body.as_ref().is_some_and(|body| body.content.contains_key("application/json"));
                let parameters = operation.parameters.iter().flatten();
                let query = parameters.clone().any(|parameter| parameter.parameter_in == ParameterIn::Query);
                let path = parameters.clone().any(|parameter| parameter.parameter_in == ParameterIn::Path);
                // The role of the first requirement (`bearer`), if there is one: `Some(None)`
                // when any signed-in user may call the operation.
                let security = serde_json::to_value(&operation.security).unwrap_or_default();
                let role = security[0].get("bearer").map(|roles| roles[0].as_str().map(str::to_owned));

                let responses = &mut operation.responses.responses;
                let mut add = |status: &str, description: &str| {
                    let response = ResponseBuilder::new()
                        .description(description)
                        .content("application/problem+json", problem())
                        .build();
                    responses.entry(status.to_owned()).or_insert(response.into());
                };
                if let Some(role) = &role {
                    add("401", "No valid access token (`unauthorized`)");
                    match role {
                        Some(role) => add(
                            "403",
                            &format!("Needs the `{role}` role (`forbidden`), or the account is disabled (`account-disabled`)"),
                        ),
                        None => add("403", "The account is disabled (`account-disabled`)"),
                    }
                }
                if path {
                    add("404", "Nothing at this address (`not-found`)");
                }
                if json_body {
                    add("400", "Malformed JSON (`malformed-json`)");
                    add("413", "Body larger than the JSON limit (`payload-too-large`)");
                    add("415", "Body not sent as `application/json` (`unsupported-media-type`)");
                    add("422", "Body does not match the schema (`invalid-body`)");
                }
                if query {
                    add("400", "Malformed query parameters (`invalid-query`)");
                }
                for (status, response) in responses.iter_mut() {
                    let error = status.starts_with('4') || status.starts_with('5');
                    if let (true, RefOr::T(response)) = (error, response) {
                        if response.content.is_empty() {
                            response.content.insert("application/problem+json".to_owned(), problem());
                        }
                    }
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
