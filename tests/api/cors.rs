//! Cross-origin access: the public JSON API is open to every page; the private API only to
//! the origins an operator configured, and never with credentials.

use crate::common;

use common::fixture::publish_newsletter;
use common::{Backend, TestApp};
use reqwest::blocking::Response;
use reqwest::Method;

on_both_backends!(public_api_is_open_to_every_origin, private_api_admits_only_configured_origins);

const NEWSROOM: &str = "https://newsroom.example.org";
const STRANGER: &str = "https://attacker.example.net";

fn header(response: &Response, name: &str) -> Option<String> {
    response.headers().get(name).map(|v| v.to_str().unwrap().to_owned())
}

fn preflight(app: &TestApp, path: &str, origin: &str, method: &str, headers: &str) -> Response {
    app.client
        .request(Method::OPTIONS, app.url(path))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", method)
        .header("Access-Control-Request-Headers", headers)
        .send()
        .unwrap()
}

fn public_api_is_open_to_every_origin(backend: Backend) {
    let app = TestApp::spawn(backend);
    publish_newsletter(&app);
    let story =
        app.client.get(app.url("/api/v1/public/ar/stories/new-well")).header("Origin", STRANGER).send().unwrap();
    assert_eq!(story.status(), 200);
    assert_eq!(header(&story, "access-control-allow-origin").as_deref(), Some("*"));
    assert_eq!(header(&story, "access-control-allow-credentials"), None);
    let exposed = header(&story, "access-control-expose-headers").unwrap().to_lowercase();
    assert!(exposed.contains("etag") && exposed.contains("content-language"), "{exposed}");

    // Errors can be read cross-origin too, so a front end can show them.
    let missing =
        app.client.get(app.url("/api/v1/public/en/stories/no-such")).header("Origin", STRANGER).send().unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(header(&missing, "access-control-allow-origin").as_deref(), Some("*"));

    let asked = preflight(&app, "/api/v1/public/en/editions", STRANGER, "GET", "accept-language");
    assert!(asked.status().is_success(), "{}", asked.status());
    assert_eq!(header(&asked, "access-control-allow-origin").as_deref(), Some("*"));
    // Reading only: a page may not even ask to write.
    let write = preflight(&app, "/api/v1/public/en/editions", STRANGER, "DELETE", "");
    assert!(header(&write, "access-control-allow-methods").is_none_or(|m| !m.contains("DELETE")));
}

fn private_api_admits_only_configured_origins(backend: Backend) {
    let origins = format!("{NEWSROOM},http://localhost:5173");
    let app = TestApp::spawn_with(backend, &[("NASHRA_HTTP__CORS_ORIGINS", origins.as_str())]);
    let token = app.admin_token();

    let asked = preflight(&app, "/api/v1/stories", NEWSROOM, "POST", "authorization,content-type");
    assert!(asked.status().is_success(), "{}", asked.status());
    assert_eq!(header(&asked, "access-control-allow-origin").as_deref(), Some(NEWSROOM));
    let methods = header(&asked, "access-control-allow-methods").unwrap();
    assert!(methods.contains("POST") && methods.contains("PATCH"), "{methods}");
    let allowed = header(&asked, "access-control-allow-headers").unwrap().to_lowercase();
    assert!(allowed.contains("authorization") && allowed.contains("if-match"), "{allowed}");
    assert_eq!(header(&asked, "access-control-allow-credentials"), None);

    let me = app.client.get(app.url("/api/v1/me")).bearer_auth(&token).header("Origin", NEWSROOM).send().unwrap();
    assert_eq!(me.status(), 200);
    assert_eq!(header(&me, "access-control-allow-origin").as_deref(), Some(NEWSROOM));

    // Another origin gets no permission: the browser keeps the answer from its page.
    let stranger = preflight(&app, "/api/v1/stories", STRANGER, "POST", "authorization,content-type");
    assert_eq!(header(&stranger, "access-control-allow-origin"), None);
    let read = app.client.get(app.url("/api/v1/me")).bearer_auth(&token).header("Origin", STRANGER).send().unwrap();
    assert_eq!(header(&read, "access-control-allow-origin"), None);

    // With nothing configured, no origin is admitted.
    let closed = TestApp::spawn(Backend::Sqlite);
    let asked = preflight(&closed, "/api/v1/stories", NEWSROOM, "POST", "authorization,content-type");
    assert_eq!(header(&asked, "access-control-allow-origin"), None);
}
