//! Every error is an RFC 9457 problem in the request's language; the API describes itself.

use crate::common;

use common::{assert_problem, is_arabic, Backend, TestApp, ADMIN_EMAIL};
use serde_json::{json, Value};

on_both_backends!(
    problems_follow_the_request_language,
    bodies_the_api_cannot_read_are_problems,
    health_ready_and_the_api_reference,
);

fn problems_follow_the_request_language(backend: Backend) {
    let app = TestApp::spawn(backend);
    let client = &app.client;
    let login = app.url("/api/v1/auth/login");
    let wrong = json!({"email": ADMIN_EMAIL, "password": "not-the-password"});

    let english = client.post(&login).json(&wrong).send().unwrap();
    let english = assert_problem(english, 401, "invalid-credentials", "en");
    assert!(!is_arabic(english["title"].as_str().unwrap()));

    // Accept-Language with a regional tag and weights: ar-IQ matches ar.
    let arabic = client.post(&login).header("Accept-Language", "fr;q=0.9, ar-IQ;q=0.8").json(&wrong).send().unwrap();
    let arabic = assert_problem(arabic, 401, "invalid-credentials", "ar");
    assert!(is_arabic(arabic["title"].as_str().unwrap()));
    assert!(is_arabic(arabic["detail"].as_str().unwrap()));
    assert_eq!(arabic["code"], english["code"]);

    // ?lang= beats the header.
    let query = client.post(format!("{login}?lang=en")).header("Accept-Language", "ar").json(&wrong).send().unwrap();
    assert_problem(query, 401, "invalid-credentials", "en");

    // The signed-in user's preference beats the header.
    let admin = app.admin_token();
    let me: Value = app.get("/api/v1/me", Some(&admin)).json().unwrap();
    app.patch(&format!("/api/v1/users/{}", me["id"]), &json!({"preferred_locale": "ar"}), Some(&admin));
    let preferred = client
        .patch(app.url("/api/v1/users/424242"))
        .bearer_auth(&admin)
        .header("Accept-Language", "en")
        .json(&json!({"disabled": true}))
        .send()
        .unwrap();
    assert_problem(preferred, 404, "not-found", "ar");

    // Unknown routes and methods are problems too; a 405 says which methods there are.
    let wrong_method = client.delete(app.url("/api/v1/users")).send().unwrap();
    assert_eq!(wrong_method.headers()["allow"], "GET, POST");
    assert_problem(wrong_method, 405, "method-not-allowed", "en");
    let wrong_method = client.put(app.url("/health")).header("Accept-Language", "ar").send().unwrap();
    assert_eq!(wrong_method.headers()["allow"], "GET");
    assert_problem(wrong_method, 405, "method-not-allowed", "ar");
    assert_problem(client.get(app.url("/no/such/page")).send().unwrap(), 404, "route-not-found", "en");
    let arabic_route = client.get(app.url("/ar/no-such-page")).send().unwrap();
    assert_problem(arabic_route, 404, "route-not-found", "ar");
}

fn bodies_the_api_cannot_read_are_problems(backend: Backend) {
    let app = TestApp::spawn_with(backend, &[("NASHRA_HTTP__JSON_LIMIT_BYTES", "2048")]);
    let client = &app.client;
    let login = app.url("/api/v1/auth/login");
    let post_raw = |body: Vec<u8>, content_type: &str| {
        client.post(&login).header("Content-Type", content_type).body(body).send().unwrap()
    };

    let truncated = assert_problem(
        post_raw(br#"{"email": "a@b.c", "pass"#.to_vec(), "application/json"),
        400,
        "malformed-json",
        "en",
    );
    assert!(truncated["reason"].as_str().is_some());
    assert_problem(post_raw(b"\xff\xfe{}".to_vec(), "application/json"), 400, "malformed-json", "en");
    assert_problem(
        post_raw(br#"{"email": 5, "password": []}"#.to_vec(), "application/json"),
        422,
        "invalid-body",
        "en",
    );
    assert_problem(post_raw(br#"{"email": "a@b.c"}"#.to_vec(), "application/json"), 422, "invalid-body", "en");
    assert_problem(
        post_raw(b"email=a&password=b".to_vec(), "application/x-www-form-urlencoded"),
        415,
        "unsupported-media-type",
        "en",
    );

    let huge = json!({"email": "a@example.test", "password": "x".repeat(4096)}).to_string().into_bytes();
    let too_large = assert_problem(post_raw(huge, "application/json"), 413, "payload-too-large", "en");
    assert!(too_large["detail"].as_str().unwrap().contains("2048"), "{too_large}");

    let admin = app.admin_token();
    let bad_query = client.get(app.url("/api/v1/users?page=minus-one")).bearer_auth(&admin).send().unwrap();
    assert_problem(bad_query, 400, "invalid-query", "en");
    let out_of_range = client.get(app.url("/api/v1/users?per_page=1000")).bearer_auth(&admin).send().unwrap();
    let body = assert_problem(out_of_range, 422, "validation-failed", "en");
    assert_eq!(body["errors"][0]["field"], "per_page");
}

fn health_ready_and_the_api_reference(backend: Backend) {
    let app = TestApp::spawn(backend);
    assert_eq!(app.get("/health", None).json::<Value>().unwrap()["status"], "ok");
    let ready: Value = app.get("/ready", None).json().unwrap();
    assert_eq!(ready["status"], "ready");

    let document: Value = app.get("/api/openapi.json", None).json().unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = document["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/auth/login", "post"),
        ("/api/v1/auth/refresh", "post"),
        ("/api/v1/auth/logout", "post"),
        ("/api/v1/me", "get"),
        ("/api/v1/users", "get"),
        ("/api/v1/users", "post"),
        ("/api/v1/users/{id}", "patch"),
        ("/health", "get"),
        ("/ready", "get"),
        ("/api/v1/publication", "get"),
        ("/api/v1/publication", "put"),
        ("/api/v1/stories", "get"),
        ("/api/v1/stories", "post"),
        ("/api/v1/stories/{id}", "get"),
        ("/api/v1/stories/{id}", "patch"),
        ("/api/v1/stories/{id}", "delete"),
        ("/api/v1/stories/{id}/translations/{locale}", "get"),
        ("/api/v1/stories/{id}/translations/{locale}", "put"),
        ("/api/v1/stories/{id}/translations/{locale}/transitions", "post"),
        ("/api/v1/stories/{id}/translations/{locale}/confirm", "post"),
        ("/api/v1/stories/{id}/translations/{locale}/revisions", "get"),
        ("/api/v1/stories/{id}/translations/{locale}/revisions/{rev}", "get"),
        ("/api/v1/stories/{id}/translations/{locale}/revisions/compare", "get"),
        ("/api/v1/stories/{id}/translations/{locale}/revisions/{rev}/restore", "post"),
        ("/api/v1/stories/{id}/translations/{locale}/events", "get"),
        ("/api/v1/editions", "get"),
        ("/api/v1/editions", "post"),
        ("/api/v1/editions/{id}", "get"),
        ("/api/v1/editions/{id}", "patch"),
        ("/api/v1/editions/{id}/translations/{locale}", "put"),
        ("/api/v1/editions/{id}/readiness", "get"),
        ("/api/v1/editions/{id}/publish", "post"),
        ("/api/v1/media", "post"),
        ("/api/v1/media/{id}", "get"),
        ("/api/v1/media/{id}/file", "get"),
        ("/media/{file_name}", "get"),
        ("/api/v1/public/{locale}/editions", "get"),
        ("/api/v1/public/{locale}/editions/{slug}", "get"),
        ("/api/v1/public/{locale}/stories/{slug}", "get"),
        ("/api/v1/editions/{id}/send", "post"),
        ("/api/v1/editions/{id}/delivery", "get"),
        ("/api/v1/editions/{id}/email", "get"),
        ("/api/v1/editions/{id}/test-send", "post"),
        ("/api/v1/subscribe", "post"),
        ("/api/v1/subscribers", "get"),
        ("/api/v1/subscribers/{id}", "patch"),
        ("/api/v1/subscribers/import", "post"),
        ("/api/v1/subscribers/export", "get"),
        ("/api/v1/editions/{id}/events", "get"),
        ("/api/v1/users/{id}/events", "get"),
        ("/api/v1/audit", "get"),
    ] {
        let operation = &paths[path][method];
        assert!(operation.is_object(), "{method} {path} missing from the OpenAPI document");
        let responses = operation["responses"].as_object().unwrap();
        if path.starts_with("/api/") || path.starts_with("/media/") {
            assert!(responses.keys().any(|status| status.starts_with('4')), "{method} {path} lists no error responses");
        }
    }
    assert!(document["components"]["schemas"]["Problem"].is_object());

    // Without the slash too: it redirects to the reference.
    let docs = app.get("/api/docs", None);
    assert_eq!(docs.status(), 200);
    assert!(docs.text().unwrap().contains("swagger"));
}
