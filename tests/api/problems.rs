//! Every error is an RFC 9457 problem in the request's language; the API describes itself.

use crate::common;

use common::{assert_problem, is_arabic, Backend, TestApp, ADMIN_EMAIL};
use serde_json::{json, Value};

on_both_backends!(
    problems_follow_the_request_language,
    bodies_the_api_cannot_read_are_problems,
    health_ready_and_the_api_reference,
    the_document_and_the_served_routes_agree,
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
    let operations = documented(&document);
    assert!(operations.len() >= 50, "the document lists only {} operations", operations.len());
    for (path, method, operation) in &operations {
        assert!(operation["operationId"].is_string(), "{method} {path} has no operationId");
        let responses = operation["responses"].as_object().unwrap();
        if path.starts_with("/api/") || path.starts_with("/media/") {
            assert!(responses.keys().any(|status| status.starts_with('4')), "{method} {path} lists no error responses");
        }
        for (status, response) in responses.iter().filter(|(status, _)| status.starts_with(['4', '5'])) {
            let problem = &response["content"]["application/problem+json"]["schema"]["$ref"];
            assert_eq!(problem, "#/components/schemas/Problem", "{method} {path} {status} is no problem");
        }
    }
    assert!(document["components"]["schemas"]["Problem"].is_object());

    // Without the slash too: it redirects to the reference.
    let docs = app.get("/api/docs", None);
    assert_eq!(docs.status(), 200);
    assert!(docs.text().unwrap().contains("swagger"));
}

/// Every operation of the OpenAPI document: its path template, its method (upper case) and
/// its description.
fn documented(document: &Value) -> Vec<(String, String, Value)> {
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            operations.push((path.clone(), method.to_uppercase(), operation.clone()));
        }
    }
    operations
}

/// The routes served are the routes documented: each documented operation reaches a handler
/// (whatever it then says of the anonymous, bodiless request, it is not "no such route" or
/// "no such method"), and each documented path refuses the methods the document does not list
/// with 405 and an `Allow` naming exactly those it does.
fn the_document_and_the_served_routes_agree(backend: Backend) {
    let app = TestApp::spawn(backend);
    let document: Value = app.get("/api/openapi.json", None).json().unwrap();
    let operations = documented(&document);
    let mut failures = Vec::new();
    for (template, method, _) in &operations {
        let path = sample_path(template);
        let request = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let response = app.client.request(request, app.url(&path)).send().unwrap();
        let status = response.status().as_u16();
        let body: Value = response.json().unwrap_or(Value::Null);
        if status == 405 || body["code"] == "route-not-found" {
            failures.push(format!("{method} {path} (documented as {template}): {status} {body}"));
        }
    }

    let mut paths: Vec<&String> = operations.iter().map(|(path, _, _)| path).collect();
    paths.dedup();
    for template in paths {
        let documented: Vec<&str> =
            operations.iter().filter(|(path, _, _)| path == template).map(|(_, method, _)| method.as_str()).collect();
        let other = ["GET", "POST", "PUT", "PATCH", "DELETE"].into_iter().find(|m| !documented.contains(m)).unwrap();
        let path = sample_path(template);
        let request = reqwest::Method::from_bytes(other.as_bytes()).unwrap();
        let response = app.client.request(request, app.url(&path)).send().unwrap();
        let allow = response.headers().get("allow").map(|allow| allow.to_str().unwrap().to_owned());
        let mut allowed: Vec<&str> = allow.as_deref().unwrap_or("").split(", ").collect();
        allowed.sort_unstable();
        let mut expected = documented.clone();
        expected.sort_unstable();
        if response.status() != 405 || allowed != expected {
            failures
                .push(format!("{other} {path}: {} with Allow {allow:?}, documented {expected:?}", response.status()));
        }
    }
    assert!(failures.is_empty(), "the served routes and the document disagree:\n{}", failures.join("\n"));
}

/// A concrete path for a template: every parameter set to a value of its kind (that names
/// nothing in particular).
fn sample_path(template: &str) -> String {
    let mut path = String::new();
    for (index, part) in template.split('{').enumerate() {
        match part.split_once('}') {
            Some((name, rest)) if index > 0 => {
                path.push_str(if name == "locale" { "en" } else { "1" });
                path.push_str(rest);
            }
            _ => path.push_str(part),
        }
    }
    path
}
