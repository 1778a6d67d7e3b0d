//! Hostile input on every operation the OpenAPI document lists. Whatever arrives — broken or
//! oversize bodies, wrong types, unknown fields, bad ids and locales, path tricks, forged
//! tokens, a role reaching for what it may not do — the answer is a 4xx problem in the
//! language the request asked for, never a 5xx, and the stored data is exactly as before.
//!
//! The walk is driven by `/api/openapi.json`, so an endpoint added to the API is walked too.

use crate::common;

use std::collections::BTreeMap;

use common::fixture::publish_newsletter;
use common::newsroom::{create_story, must, translation_path};
use common::{is_arabic, nashra_command, run_cli, tokens, Backend, TestApp};
use reqwest::blocking::Response;
use reqwest::Method;
use serde_json::{json, Map, Value};

on_both_backends!(
    every_operation_refuses_bad_input_and_changes_nothing,
    every_role_is_refused_what_it_may_not_do,
    hostile_edition_texts_stay_text_in_the_email,
);

/// The largest body the server under test accepts; small, so oversize bodies are cheap to send.
const BODY_LIMIT: usize = 16 * 1024;

/// The fixture's editor; the walk makes Arabic their language.
const EDITOR_EMAIL: &str = "editor@example.test";
/// A second admin, who reads Arabic.
const ADMIN_AR_EMAIL: &str = "admin-ar@example.test";
const PASSWORD: &str = "a-password-for-tests";

/// One operation of the OpenAPI document.
struct Operation {
    method: Method,
    /// The path template, e.g. `/api/v1/stories/{id}`.
    template: String,
    spec: Value,
}

impl Operation {
    /// The role the operation declares in its security requirement: `Some("")` for any
    /// signed-in user, `None` for a public operation.
    fn role(&self) -> Option<String> {
        let requirement = self.spec["security"].as_array()?.first()?;
        let roles = requirement["bearer"].as_array()?;
        Some(roles.first().and_then(Value::as_str).unwrap_or("").to_owned())
    }

    fn body_content_type(&self) -> Option<&str> {
        self.spec["requestBody"]["content"].as_object()?.keys().next().map(String::as_str)
    }

    fn parameters(&self, location: &str) -> Vec<&Value> {
        let all = self.spec["parameters"].as_array().map(Vec::as_slice).unwrap_or_default();
        all.iter().filter(|p| p["in"] == location).collect()
    }
}

fn operations(document: &Value) -> Vec<Operation> {
    let mut found = Vec::new();
    for (template, item) in document["paths"].as_object().expect("paths") {
        for (method, spec) in item.as_object().expect("path item") {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            found.push(Operation { method, template: template.clone(), spec: spec.clone() });
        }
    }
    found
}

/// A running server with a small published newsletter, and what the walk needs to know of it.
struct World {
    app: TestApp,
    document: Value,
    admin: String,
    admin_ar: String,
    /// Prefers Arabic.
    editor: String,
    reviewer: String,
    /// Good values for each path parameter, by the collection the path names.
    known: BTreeMap<&'static str, String>,
}

impl World {
    fn new(backend: Backend) -> World {
        let limit = BODY_LIMIT.to_string();
        let app = TestApp::spawn_with(backend, &[("NASHRA_HTTP__JSON_LIMIT_BYTES", limit.as_str())]);
        let newsletter = publish_newsletter(&app);
        let admin = app.admin_token();
        // Imported as confirmed, so no confirmation mail is queued to change the database
        // behind the walk's back.
        let subscribed = app
            .client
            .post(app.url("/api/v1/subscribers/import"))
            .bearer_auth(&admin)
            .header("Content-Type", "text/csv")
            .body("email,locale,status\nreader@example.test,ar,confirmed\n")
            .send()
            .unwrap();
        assert_eq!(subscribed.status(), 200, "importing a subscriber failed");
        app.create_user(ADMIN_AR_EMAIL, PASSWORD, &["admin"]);
        let list = |path: &str| -> Vec<Value> {
            let list: Value = app.get(path, Some(&admin)).json().expect("list JSON");
            list["items"].as_array().expect("items").clone()
        };
        let users = list("/api/v1/users?per_page=100");
        for email in [EDITOR_EMAIL, ADMIN_AR_EMAIL] {
            let user = users.iter().find(|u| u["email"] == email).expect("user");
            let path = format!("/api/v1/users/{}", user["id"]);
            let changed = app.patch(&path, &json!({"preferred_locale": "ar"}), Some(&admin));
            assert_eq!(changed.status(), 200, "setting a preferred locale");
        }
        let admin_ar = app.login(ADMIN_AR_EMAIL, PASSWORD).access;
        let document: Value = app.get("/api/openapi.json", None).json().expect("OpenAPI document");
        let known = BTreeMap::from([
            ("stories", newsletter.stories[0].to_string()),
            ("editions", newsletter.edition.to_string()),
            ("users", users[0]["id"].to_string()),
            ("subscribers", list("/api/v1/subscribers")[0]["id"].to_string()),
            ("media", "1".to_owned()),
            ("locale", "en".to_owned()),
            ("rev", "1".to_owned()),
            ("edition-slug", "spring-2026".to_owned()),
            ("story-slug", "new-well".to_owned()),
            ("file_name", newsletter.image_url.rsplit('/').next().unwrap().to_owned()),
        ]);
        World { document, admin, admin_ar, editor: newsletter.editor, reviewer: newsletter.reviewer, known, app }
    }

    /// The operation's path with every parameter set to a value that exists, except
    /// `bad`, which replaces the parameter it names.
    fn path(&self, operation: &Operation, bad: Option<(&str, &str)>) -> String {
        let template = &operation.template;
        let collection = template.split('/').nth(3).unwrap_or("");
        let mut path = template.clone();
        for parameter in operation.parameters("path") {
            let name = parameter["name"].as_str().unwrap();
            let key = match name {
                "id" => collection,
                "slug" if collection == "public" && template.contains("/editions/") => "edition-slug",
                "slug" => "story-slug",
                other => other,
            };
            let value = match bad {
                Some((bad_name, value)) if bad_name == name => value.to_owned(),
                _ => self.known.get(key).unwrap_or_else(|| panic!("no known value for {name} in {template}")).clone(),
            };
            path = path.replace(&format!("{{{name}}}"), &value);
        }
        path
    }

    /// The current `ETag` of what `path` names, for requests that must not fail on `If-Match`.
    fn current_tag(&self, path: &str) -> Option<String> {
        let response = self.app.get(path, Some(&self.admin));
        response.headers().get("etag").map(|tag| tag.to_str().unwrap().to_owned())
    }
}

/// Who sends a probe.
#[derive(Clone, Copy)]
enum Caller<'a> {
    Anonymous,
    /// An admin whose preferred language is the one the probe is sent in.
    Admin,
    /// A user whose preferred language is `language`: the answer must be in it, whatever the
    /// request's `Accept-Language` says.
    User {
        token: &'a str,
        language: &'static str,
    },
    /// A token that opens nothing.
    Forged(&'a str),
}

/// A request of the corpus and what it is meant to provoke.
struct Probe<'a> {
    what: String,
    method: Method,
    path: String,
    caller: Caller<'a>,
    content_type: Option<&'a str>,
    body: Vec<u8>,
    if_match: Option<String>,
}

impl Probe<'_> {
    /// A probe of `operation` at `path` with no token, no body and no `If-Match`.
    fn new(operation: &Operation, what: &str, path: &str) -> Self {
        Probe {
            what: what.to_owned(),
            method: operation.method.clone(),
            path: path.to_owned(),
            caller: Caller::Anonymous,
            content_type: None,
            body: Vec::new(),
            if_match: None,
        }
    }
}

/// Sends probes alternately in English and Arabic and records every answer that is not a
/// localized 4xx problem.
struct Checker<'a> {
    app: &'a TestApp,
    /// Admin tokens of an English-speaking and an Arabic-speaking admin.
    admins: [&'a str; 2],
    sent: usize,
    failures: Vec<String>,
}

impl<'a> Checker<'a> {
    fn new(world: &'a World) -> Self {
        Checker { app: &world.app, admins: [&world.admin, &world.admin_ar], sent: 0, failures: Vec::new() }
    }

    /// The language the next probe is sent in and must be answered in.
    fn language(&self, caller: Caller) -> &'static str {
        match caller {
            Caller::User { language, .. } => language,
            _ if self.sent % 2 == 0 => "en",
            _ => "ar",
        }
    }

    fn send(&mut self, probe: Probe) -> Option<Response> {
        let language = self.language(probe.caller);
        let (token, header_language) = match probe.caller {
            Caller::Anonymous => (None, language),
            Caller::Admin => (Some(self.admins[self.sent % 2]), language),
            Caller::Forged(token) => (Some(token), language),
            // The header asks for the other language; the user's own choice must win.
            Caller::User { token, language } => (Some(token), if language == "ar" { "en" } else { "ar" }),
        };
        self.sent += 1;
        let mut request = self
            .app
            .client
            .request(probe.method.clone(), self.app.url(&probe.path))
            .header("Accept-Language", header_language)
            .body(probe.body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(content_type) = probe.content_type {
            request = request.header("Content-Type", content_type);
        }
        if let Some(tag) = probe.if_match {
            request = request.header("If-Match", tag);
        }
        let label = format!("{} {} ({})", probe.method, probe.path, probe.what);
        let response = match request.send() {
            Ok(response) => response,
            Err(error) => {
                self.failures.push(format!("{label}: no answer: {error}"));
                return None;
            }
        };
        let status = response.status().as_u16();
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let (content_type, content_language) = (header("content-type"), header("content-language"));
        if !(400..500).contains(&status) {
            self.failures.push(format!("{label}: status {status}: {}", excerpt(response)));
            return None;
        }
        if content_type != "application/problem+json" || content_language != language {
            self.failures
                .push(format!("{label}: {status} as {content_type:?} in {content_language:?}, asked {language}"));
            return None;
        }
        Some(response)
    }

    /// Sends a probe that must come back as a problem with `status`.
    fn expect(&mut self, probe: Probe, status: u16) {
        let label = format!("{} {} ({})", probe.method, probe.path, probe.what);
        let arabic = self.language(probe.caller) == "ar";
        let Some(response) = self.send(probe) else { return };
        if response.status().as_u16() != status {
            let got = response.status().as_u16();
            self.failures.push(format!("{label}: status {got}, expected {status}: {}", excerpt(response)));
            return;
        }
        let body: Value = response.json().unwrap_or(Value::Null);
        let title = body["title"].as_str().unwrap_or("");
        if body["code"].as_str().is_none() || title.is_empty() || is_arabic(title) != arabic {
            self.failures.push(format!("{label}: problem body {body}"));
        }
    }

    /// Sends a probe that must come back as some 4xx problem.
    fn refused(&mut self, probe: Probe) {
        self.send(probe);
    }
}

/// The start of a response's body, for failure messages.
fn excerpt(response: Response) -> String {
    response.text().unwrap_or_default().chars().take(160).collect()
}

fn every_operation_refuses_bad_input_and_changes_nothing(backend: Backend) {
    let world = World::new(backend);
    let operations = operations(&world.document);
    assert!(operations.len() >= 45, "the OpenAPI document lists only {} operations", operations.len());
    let mut forged = tokens::forged(&world.app.secret, &world.admin);
    // A refresh token is no access token, whatever header it comes in.
    forged.push(("refresh token as bearer", world.app.login(common::ADMIN_EMAIL, common::ADMIN_PASSWORD).refresh));
    let before = world.app.database.snapshot();
    let mut checker = Checker::new(&world);

    for operation in &operations {
        let good_path = world.path(operation, None);
        let probe = |what: &str, path: &str| Probe::new(operation, what, path);

        // Without a valid token, a protected operation answers 401 before anything else.
        if operation.role().is_some() {
            checker.expect(probe("no token", &good_path), 401);
            for (name, token) in &forged {
                checker.expect(Probe { caller: Caller::Forged(token), ..probe(name, &good_path) }, 401);
            }
        }

        let caller = Caller::Admin;
        // Ids, slugs, locales and file names that name nothing, or try to climb out.
        for parameter in operation.parameters("path") {
            let name = parameter["name"].as_str().unwrap();
            for bad in bad_path_values(name) {
                let path = world.path(operation, Some((name, &bad)));
                let what = format!("{name} = {bad:.40}");
                let body = if operation.body_content_type().is_some() { b"{}".to_vec() } else { Vec::new() };
                let content_type = operation.body_content_type();
                checker.refused(Probe { caller, content_type, body, ..probe(&what, &path) });
            }
        }

        // Query parameters with values of the wrong kind.
        for parameter in operation.parameters("query") {
            let name = parameter["name"].as_str().unwrap();
            for bad in bad_query_values(&parameter["schema"], &world.document) {
                let path = format!("{good_path}?{name}={bad}");
                checker.refused(Probe { caller, ..probe(&format!("{name}={bad}"), &path) });
            }
        }

        // Bodies that cannot be what the operation reads.
        let if_match = if operation.method == Method::PUT { world.current_tag(&good_path) } else { None };
        let bodies = match operation.body_content_type() {
            Some("application/json") => {
                let schema =
                    resolve(&operation.spec["requestBody"]["content"]["application/json"]["schema"], &world.document);
                json_corpus(&schema, &world.document)
            }
            Some(other) => other_corpus(other),
            None => Vec::new(),
        };
        for (what, content_type, body, status) in bodies {
            let probe = Probe {
                caller,
                content_type: Some(content_type),
                body,
                if_match: if_match.clone(),
                ..probe(&what, &good_path)
            };
            match status {
                Some(status) => checker.expect(probe, status),
                None => checker.refused(probe),
            }
        }
    }

    let failures = checker.failures;
    assert!(failures.is_empty(), "{} of {} probes failed:\n{}", failures.len(), checker.sent, failures.join("\n"));
    let after = world.app.database.snapshot();
    for (table, rows) in &before {
        assert_eq!(rows, &after[table], "bad input changed table {table}");
    }
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    assert!(checker.sent > 1000, "only {} probes were sent", checker.sent);
}

/// Values for a path parameter that name nothing that exists, or are not even of its type.
fn bad_path_values(name: &str) -> Vec<String> {
    let values: &[&str] = match name {
        "id" | "rev" => &["0", "999999", "-1", "abc", "1.5", "99999999999999999999999", "%00", "..%2F1"],
        // (A lone `..` or `%2e%2e` never arrives: clients resolve it before sending.)
        "locale" => &["fr", "EN", "xx-invalid", "ar%00", "en%2F..%2Far"],
        "file_name" => &["..%2F..%2FCargo.toml", "%2e%2e%2fCargo.toml", "no-such-file.png", ".hidden", "a%00.png"],
        _ => &["no-such-slug", "..%2F..%2Fetc%2Fpasswd", "%00", "%C0%AE%C0%AE"],
    };
    let mut values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    values.push("a".repeat(3000));
    values
}

/// Values of the wrong kind for a query parameter, where its schema says what the right
/// kind is (free text has no wrong value).
fn bad_query_values(schema: &Value, document: &Value) -> Vec<&'static str> {
    let schema = resolve(schema, document);
    if schema["enum"].is_array() {
        return vec!["no-such-value", "%00", "%FF"];
    }
    match primary_type(&schema) {
        Some("integer") => vec!["abc", "1.5", "99999999999999999999999", "%00"],
        Some("boolean") => vec!["maybe", "2", "%00"],
        Some("string") => vec!["%00", "a%00b"],
        _ => Vec::new(),
    }
}

type BodyProbe = (String, &'static str, Vec<u8>, Option<u16>);

/// Bodies an operation reading JSON must refuse: broken JSON, the wrong shape, wrong types for
/// each field, missing required fields, unknown fields, and more than the limit.
fn json_corpus(schema: &Value, document: &Value) -> Vec<BodyProbe> {
    const JSON: &str = "application/json";
    let mut bodies: Vec<BodyProbe> = vec![
        ("truncated JSON".into(), JSON, br#"{""#.to_vec(), Some(400)),
        ("truncated after a field".into(), JSON, br#"{"title": "A"#.to_vec(), None),
        ("not JSON".into(), JSON, b"title=A&body=B".to_vec(), Some(400)),
        ("invalid UTF-8".into(), JSON, b"\xff\xfe{}".to_vec(), Some(400)),
        ("invalid UTF-8 in a string".into(), JSON, b"{\"title\": \"\xff\xfe\"}".to_vec(), None),
        ("empty body".into(), JSON, Vec::new(), None),
        ("deep nesting".into(), JSON, "[".repeat(5000).into_bytes(), None),
        ("deep nesting in a field".into(), JSON, format!("{{\"title\": {}", "[".repeat(5000)).into_bytes(), None),
        ("an array".into(), JSON, b"[]".to_vec(), Some(422)),
        ("null".into(), JSON, b"null".to_vec(), Some(422)),
        ("a number".into(), JSON, b"42".to_vec(), Some(422)),
        ("a string".into(), JSON, br#""text""#.to_vec(), Some(422)),
        ("form content type".into(), "application/x-www-form-urlencoded", b"a=b".to_vec(), Some(415)),
        ("unknown field".into(), JSON, br#"{"no_such_field": 1}"#.to_vec(), Some(422)),
    ];
    let oversize = json!({"title": "x".repeat(BODY_LIMIT + 1024)}).to_string().into_bytes();
    bodies.push(("oversize body".into(), JSON, oversize, Some(413)));

    let properties = schema["properties"].as_object().cloned().unwrap_or_default();
    let required = schema["required"].as_array().map_or(0, Vec::len);
    if required > 0 {
        bodies.push(("missing fields".into(), JSON, b"{}".to_vec(), Some(422)));
    }
    for (name, property) in &properties {
        for wrong in wrong_values(&resolve(property, document)) {
            let body = Value::Object(Map::from_iter([(name.clone(), wrong.clone())]));
            bodies.push((format!("{name} = {wrong:.40}"), JSON, body.to_string().into_bytes(), Some(422)));
        }
    }
    bodies
}

/// JSON values that no field of this schema's type accepts.
fn wrong_values(schema: &Value) -> Vec<Value> {
    let nested = json!({"nested": [1, 2, 3]});
    match primary_type(schema) {
        Some("string") => vec![json!(12), json!(true), nested, json!(["a"]), json!("NUL \u{0} inside")],
        Some("integer") => vec![json!("seven"), json!(1.5), json!(99999999999999999999.0), json!(true), nested],
        Some("number") => vec![json!("seven"), json!(true), nested],
        Some("boolean") => vec![json!("yes"), json!(1), nested],
        Some("array") => vec![json!("a"), json!(3), nested],
        Some("object") => vec![json!("a"), json!(3), json!([1])],
        _ => Vec::new(),
    }
}

/// Bodies refused by operations that read something other than JSON.
fn other_corpus(content_type: &str) -> Vec<BodyProbe> {
    match content_type {
        "multipart/form-data" => vec![
            ("JSON instead of a form".into(), "application/json", b"{}".to_vec(), None),
            ("form without boundary".into(), "multipart/form-data", b"--x\r\n".to_vec(), None),
            (
                "text named as a PNG".into(),
                "multipart/form-data; boundary=XyZ",
                b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../evil.png\"\r\n\
                  Content-Type: image/png\r\n\r\nnot an image\r\n--XyZ--\r\n"
                    .to_vec(),
                None,
            ),
            (
                "form without a file".into(),
                "multipart/form-data; boundary=XyZ",
                b"--XyZ\r\nContent-Disposition: form-data; name=\"credit\"\r\n\r\nSomeone\r\n--XyZ--\r\n".to_vec(),
                None,
            ),
        ],
        "text/csv" => vec![
            ("JSON instead of CSV".into(), "application/json", b"{}".to_vec(), Some(422)),
            (
                "CSV that is not UTF-8".into(),
                "text/csv",
                b"email,locale\nr\xe9da@example.test,en\n".to_vec(),
                Some(422),
            ),
            // Imports have a limit of their own, 16 MiB.
            ("CSV over the limit".into(), "text/csv", b"email,locale\n".repeat(17 * 1024 * 1024 / 13), Some(413)),
        ],
        other => panic!("no corpus for request bodies of type {other}"),
    }
}

/// Follows a `$ref` into the document's components.
fn resolve(schema: &Value, document: &Value) -> Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            resolve(document.pointer(pointer).unwrap_or_else(|| panic!("dangling {reference}")), document)
        }
        None => schema.clone(),
    }
}

/// The schema's type, ignoring `null` (optional fields are `["string", "null"]` in 3.1).
fn primary_type(schema: &Value) -> Option<&str> {
    match &schema["type"] {
        Value::String(kind) => Some(kind),
        Value::Array(kinds) => kinds.iter().filter_map(Value::as_str).find(|k| *k != "null"),
        _ => schema["oneOf"]
            .as_array()
            .and_then(|variants| variants.iter().find_map(|v| primary_type(v).filter(|k| *k != "null"))),
    }
}

fn every_role_is_refused_what_it_may_not_do(backend: Backend) {
    let world = World::new(backend);
    let before = world.app.database.snapshot();
    let mut checker = Checker::new(&world);
    let mut refusals = 0;
    for operation in operations(&world.document) {
        let Some(role) = operation.role() else { continue };
        let path = world.path(&operation, None);
        let users = [("editor", &world.editor, "ar"), ("reviewer", &world.reviewer, "en")];
        for (holder, token, language) in users {
            if role.is_empty() || role == holder {
                continue;
            }
            let content_type = operation.body_content_type();
            let body = match content_type {
                Some("application/json") => b"{}".to_vec(),
                _ => Vec::new(),
            };
            let what = format!("as {holder}, needs {role}");
            let caller = Caller::User { token, language };
            let probe = Probe { caller, content_type, body, ..Probe::new(&operation, &what, &path) };
            checker.expect(probe, 403);
            refusals += 1;
        }
    }
    let failures = checker.failures;
    assert!(failures.is_empty(), "{} refusals failed:\n{}", failures.len(), failures.join("\n"));
    assert!(refusals >= 30, "only {refusals} role refusals were checked");
    assert_eq!(before, world.app.database.snapshot(), "a refused request changed stored data");
}

/// An editor's edition texts reach subscribers' inboxes: a line break in the title (or the
/// newsletter's name) is refused before it can become a header of its own, a script in the
/// signature stays text, and an image from another site in the foreword (a tracking pixel)
/// is not in the message at all.
fn hostile_edition_texts_stay_text_in_the_email(backend: Backend) {
    let app = TestApp::spawn(backend);
    let newsletter = publish_newsletter(&app);
    let (editor, reviewer) = (&newsletter.editor, &newsletter.reviewer);
    let story = create_story(&app, editor, "hostile-texts");
    for locale in ["en", "ar"] {
        let text = json!({"title": format!("Story {locale}"), "summary": "", "body": "Text."});
        assert_eq!(app.put(&translation_path(story, locale), &text, editor, None).status(), 201);
        must(&app, editor, story, locale, "submit");
        must(&app, reviewer, story, locale, "approve");
    }
    let edition: Value =
        app.post("/api/v1/editions", &json!({"number": 66, "slug": "hostile"}), Some(editor)).json().unwrap();
    let edition = edition["id"].as_i64().unwrap();
    app.patch(&format!("/api/v1/editions/{edition}"), &json!({"story_ids": [story]}), Some(editor));
    // A line break in a one-line text that ends up in a header is refused outright…
    let broken =
        json!({"title": "Autumn\r\nBcc: victim@example.org", "foreword": "", "signature": {"name": "", "role": ""}});
    let refused = app.put(&format!("/api/v1/editions/{edition}/translations/en"), &broken, editor, None);
    assert_eq!(refused.status(), 422);
    assert_eq!(refused.json::<Value>().unwrap()["errors"][0]["code"], "control-characters");
    let admin = app.admin_token();
    let publication = json!({"texts": {"en": {"newsletter_name": "Bulletin\nBcc: victim@example.org"}}});
    let refused = app.put("/api/v1/publication", &publication, &admin, None);
    assert_eq!(refused.status(), 422);
    assert_eq!(refused.json::<Value>().unwrap()["errors"][0]["code"], "control-characters");
    // …and markup in the texts stays text.
    for locale in ["en", "ar"] {
        let text = json!({
            "title": "Autumn <b>issue</b>",
            "foreword": "Welcome <img src=\"https://tracker.example/open.gif\"> ![pixel](https://tracker.example/md.gif)",
            "signature": {"name": "<script>alert(1)</script>Amal", "role": "<img src=x onerror=alert(2)>Head"},
        });
        let saved = app.put(&format!("/api/v1/editions/{edition}/translations/{locale}"), &text, editor, None);
        assert!(saved.status().is_success(), "{}", saved.text().unwrap());
    }
    let published = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(reviewer));
    assert_eq!(published.status(), 200, "{}", published.text().unwrap());

    let out = tempfile::tempdir().unwrap();
    for locale in ["en", "ar"] {
        let file = out.path().join(format!("{locale}.eml"));
        let exported = run_cli(
            nashra_command(&app.database.url, &app.secret),
            &["export", "email", "--edition", "hostile", "--lang", locale, "--out", file.to_str().unwrap()],
            "",
        );
        assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
        let raw = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&raw);
        let head = &text[..text.find("\r\n\r\n").expect("headers end")];
        for line in head.split("\r\n") {
            assert!(!line.to_ascii_lowercase().starts_with("bcc:"), "a header was injected: {line}");
        }
        let mail = mailparse::parse_mail(&raw).unwrap();
        let subject = mailparse::MailHeaderMap::get_first_value(mail.headers.as_slice(), "Subject").unwrap();
        assert!(subject.contains("Autumn <b>issue</b>"), "the title is the subject, as text: {subject}");
        let html = mail.subparts.iter().find(|p| p.ctype.mimetype == "text/html").unwrap().get_body().unwrap();
        assert!(!html.contains("tracker.example"), "a remote image reached the email");
        assert!(!html.contains("<script") && !html.contains("<img src=x"), "markup from the signature survived");
        assert!(html.contains("&lt;script&gt;alert(1)"), "the signature is shown as text");
    }
    let page = app.get("/en/editions/hostile/", None).text().unwrap();
    assert!(!page.contains("tracker.example") && !page.contains("<script>alert"), "the page is as clean");
}
