//! The route table, and the one list it comes from. Every operation of the API is written once,
//! in `operations` below, next to its handler's `#[utoipa::path]` (which says its path, method
//! and responses): from that one entry it is both served, on a resource that answers its
//! path's other methods with 405 and `Allow`, and documented (`openapi::document`). So no
//! operation can be served undocumented, or documented and not served. Besides the API, only
//! the readers' pages and forms (`pages`) are routed here, and they are not in the document.

use actix_web::http::{header, Method};
use actix_web::{web, HttpResponse, Resource, Route};
use utoipa::openapi::path::PathItem;
use utoipa::OpenApi as _;

use super::{
    accounts, audit, editions, health, media, preferences, public, publication, sending, site, stories, subscribers,
    subscriptions, translations, users,
};

/// Largest subscriber CSV accepted (about 300,000 rows).
pub(crate) const IMPORT_LIMIT_BYTES: usize = 16 * 1024 * 1024;

/// The scopes operations are served in, most specific first, each under middleware of its own
/// (see `http::app`): an operation belongs to the first whose prefix is a whole-segment prefix
/// of its path.
pub(super) const SCOPES: [&str; 3] = ["/api/v1/public", "/api/v1", ""];

/// One operation of the API, from one entry of `operations`.
#[derive(Clone, Copy)]
pub(super) struct Operation {
    /// Its part of the OpenAPI document (its path and method, from the handler's attribute).
    document: fn() -> utoipa::openapi::OpenApi,
    /// Its handler, as a route for any method.
    handler: fn() -> Route,
    /// Settings of the resource it is served on, such as a body limit of its own.
    resource: fn(Resource) -> Resource,
}

impl Operation {
    /// Its part of the OpenAPI document.
    pub(super) fn document(&self) -> utoipa::openapi::OpenApi {
        (self.document)()
    }

    /// The path and methods it is served at: those its attribute documents.
    fn served_at(&self) -> Vec<(String, Method)> {
        let document = self.document();
        let mut served = Vec::new();
        for (path, item) in &document.paths.paths {
            served.extend(methods(item).into_iter().map(|method| (path.clone(), method)));
        }
        served
    }
}

/// `operations![module::handler, ...]`: an entry per handler annotated with `#[utoipa::path]`,
/// optionally `with` a function that configures its resource.
macro_rules! operations {
    (@resource) => { |resource| resource };
    (@resource $resource:expr) => { $resource };
    ($($module:ident :: $handler:ident $(with $resource:expr)?),+ $(,)?) => {
        vec![$({
            #[derive(utoipa::OpenApi)]
            #[openapi(paths($module::$handler))]
            struct Document;
            Operation {
                document: Document::openapi,
                handler: || web::to($module::$handler),
                resource: operations!(@resource $($resource)?),
            }
        }),+]
    };
}

/// Every operation of the API. Adding an endpoint means writing its handler with its
/// `#[utoipa::path]` and naming it here. Resources are matched in this order, so a path with a
/// word where another has a parameter comes first (`revisions/compare` before
/// `revisions/{rev}`); a test checks that no path hides a later one. A path's methods are listed
/// in `Allow` in this order too.
pub(super) fn operations() -> Vec<Operation> {
    operations![
        public::list_public_editions,
        public::get_public_edition,
        public::get_public_story,
        accounts::login,
        accounts::refresh,
        accounts::logout,
        accounts::get_me,
        users::list_users,
        users::create_user,
        users::update_user,
        publication::get_publication,
        publication::put_publication,
        stories::list_stories,
        stories::create_story,
        stories::get_story,
        stories::update_story,
        stories::delete_story,
        translations::get_translation,
        translations::put_translation,
        translations::transition_translation,
        translations::confirm_translation,
        translations::list_revisions,
        translations::compare_revisions,
        translations::get_revision,
        translations::restore_revision,
        translations::list_events,
        editions::list_editions,
        editions::create_edition,
        editions::get_edition,
        editions::update_edition,
        editions::put_edition_translation,
        editions::get_readiness,
        editions::publish_edition,
        media::upload_media,
        media::get_media,
        media::update_media,
        media::get_media_file,
        sending::send_edition,
        sending::cancel_send,
        sending::get_delivery,
        sending::preview_email,
        sending::test_send,
        subscriptions::subscribe,
        subscribers::list_subscribers,
        subscribers::import_subscribers with |resource| resource.app_data(web::PayloadConfig::new(IMPORT_LIMIT_BYTES)),
        subscribers::export_subscribers,
        subscribers::update_subscriber,
        audit::list_edition_events,
        audit::list_user_events,
        audit::list_audit,
        media::get_public_media,
        health::health,
        health::ready,
    ]
}

/// A path (inside its scope) and the operations at its methods, in the order of `operations`.
type Paths = Vec<(String, Vec<(Method, Operation)>)>;

/// The resources of every operation, one per path, by scope (in the order of `SCOPES`).
pub(super) fn resources() -> [Vec<Resource>; SCOPES.len()] {
    let mut paths: [Paths; SCOPES.len()] = Default::default();
    for operation in operations() {
        for (path, method) in operation.served_at() {
            let (scope, relative) = scope_of(&path);
            match paths[scope].iter_mut().find(|(known, _)| known == relative) {
                Some((_, methods)) => methods.push((method, operation)),
                None => paths[scope].push((relative.to_owned(), vec![(method, operation)])),
            }
        }
    }
    paths.map(|paths| paths.into_iter().map(|(path, operations)| resource(&path, operations)).collect())
}

/// The resource serving `operations` at `path`, each at its method, and 405 for other methods.
fn resource(path: &str, operations: Vec<(Method, Operation)>) -> Resource {
    let allowed = operations.iter().map(|(method, _)| method.clone()).collect::<Vec<_>>();
    let resource = operations.into_iter().fold(web::resource(path), |resource, (method, operation)| {
        (operation.resource)(resource.route((operation.handler)().method(method)))
    });
    resource.default_service(method_not_allowed(&allowed))
}

/// Which of `SCOPES` serves `path` (its index), and the path inside that scope.
fn scope_of(path: &str) -> (usize, &str) {
    SCOPES
        .iter()
        .enumerate()
        .find_map(|(index, scope)| {
            let relative = path.strip_prefix(scope)?;
            (relative.is_empty() || relative.starts_with('/')).then_some((index, relative))
        })
        .unwrap_or((SCOPES.len() - 1, path))
}

/// A path's methods, in the order `PathItem` holds them.
fn methods(item: &PathItem) -> Vec<Method> {
    let operations = [
        (Method::GET, &item.get),
        (Method::PUT, &item.put),
        (Method::POST, &item.post),
        (Method::DELETE, &item.delete),
        (Method::OPTIONS, &item.options),
        (Method::HEAD, &item.head),
        (Method::PATCH, &item.patch),
        (Method::TRACE, &item.trace),
    ];
    operations.into_iter().filter(|(_, operation)| operation.is_some()).map(|(method, _)| method).collect()
}

/// A resource with a handler per method; any other method gets 405 with `Allow` (rather than
/// falling through to the site's 404).
macro_rules! page {
    ($path:expr, $($method:ident => $handler:expr),+ $(,)?) => {
        web::resource($path)
            $(.route(web::method(Method::$method).to($handler)))+
            .default_service(method_not_allowed(&[$(Method::$method),+]))
    };
}

/// The readers' pages and forms outside the API: served here, not in the API's document.
pub(super) fn pages() -> Vec<Resource> {
    vec![
        page!("/assets/{name}", GET => site::serve_asset),
        page!("/subscribe", GET => subscriptions::subscribe_form_page, POST => subscriptions::subscribe_form),
        page!("/subscribe/confirm", GET => subscriptions::confirm_page, POST => subscriptions::confirm),
        page!("/unsubscribe", GET => subscriptions::unsubscribe_page, POST => subscriptions::unsubscribe),
        page!("/preferences", GET => preferences::preferences_page),
        page!("/preferences/language", POST => preferences::change_language),
        page!("/preferences/unsubscribe", POST => preferences::unsubscribe),
        page!("/preferences/resubscribe", POST => preferences::resubscribe),
        page!("/preferences/erase", POST => preferences::erase),
    ]
}

/// The 405 answer of a resource whose methods are `allowed`: a problem (rendered by
/// `problem::render_problems`) with the `Allow` header RFC 9110 asks for.
fn method_not_allowed(allowed: &[Method]) -> Route {
    let allow = allowed.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
    web::to(move || {
        let allow = allow.clone();
        async move { HttpResponse::MethodNotAllowed().insert_header((header::ALLOW, allow)).finish() }
    })
}

#[cfg(test)]
mod tests {
    use actix_web::dev::ResourceDef;

    use super::*;

    /// Every operation's path and method, in the order they are matched.
    fn served() -> Vec<(String, Method)> {
        operations().iter().flat_map(Operation::served_at).collect()
    }

    #[test]
    fn every_operation_is_served_once() {
        let served = served();
        assert!(served.len() >= 50, "only {} operations", served.len());
        for (index, (path, method)) in served.iter().enumerate() {
            let twice = served[..index].iter().any(|(earlier, other)| earlier == path && other == method);
            assert!(!twice, "{method} {path} is listed twice");
        }
    }

    #[test]
    fn no_path_hides_a_later_one() {
        // Resources in the order they are registered: where each path first appears.
        let mut paths: Vec<String> = Vec::new();
        for (path, _) in served() {
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
        for (index, path) in paths.iter().enumerate() {
            for earlier in &paths[..index] {
                let hides = ResourceDef::new(earlier.as_str()).is_match(path);
                assert!(!hides, "{earlier} comes first and takes requests for {path}: list {path} before it");
            }
        }
    }

    #[test]
    fn operations_fall_in_the_scope_that_starts_their_path() {
        assert_eq!(scope_of("/api/v1/public/en/editions"), (0, "/en/editions"));
        assert_eq!(scope_of("/api/v1/publication"), (1, "/publication"));
        assert_eq!(scope_of("/api/v1"), (1, ""));
        assert_eq!(scope_of("/health"), (2, "/health"));
    }
}
