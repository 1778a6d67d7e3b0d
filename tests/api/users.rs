//! Managing users through the API: what admins can do, and what everyone else cannot.

use crate::common;

use common::{assert_problem, Backend, TestApp, ADMIN_EMAIL};
use serde_json::{json, Value};

on_both_backends!(
    admins_create_list_and_filter_users,
    every_other_role_is_refused_user_management,
    invalid_users_are_refused_with_every_reason_and_nothing_changes,
    admins_change_roles_names_locales,
    the_last_admin_cannot_be_removed,
);

fn user_count(app: &TestApp, token: &str) -> i64 {
    app.get("/api/v1/users", Some(token)).json::<Value>().unwrap()["total"].as_i64().unwrap()
}

fn admins_create_list_and_filter_users(backend: Backend) {
    let app = TestApp::spawn(backend);
    let admin = app.admin_token();
    let created = app.post(
        "/api/v1/users",
        &json!({"email": "Salma@Example.test", "display_name": "سلمى", "password": "a-long-password",
                "roles": ["reviewer", "editor", "editor"], "preferred_locale": "ar"}),
        Some(&admin),
    );
    assert_eq!(created.status(), 201);
    let created: Value = created.json().unwrap();
    assert!(created["id"].as_i64().is_some());
    assert_eq!(created["email"], "salma@example.test");
    assert_eq!(created["roles"], json!(["editor", "reviewer"]));
    assert_eq!(created["preferred_locale"], "ar");
    for n in 0..3 {
        app.create_user(&format!("writer{n}@example.test"), "writer-password", &["editor"]);
    }

    let all: Value = app.get("/api/v1/users?per_page=2&page=2", Some(&admin)).json().unwrap();
    assert_eq!(all["total"], 5);
    assert_eq!(all["page"], 2);
    let emails: Vec<&str> = all["items"].as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap()).collect();
    assert_eq!(emails, ["writer0@example.test", "writer1@example.test"]);

    let reviewers: Value = app.get("/api/v1/users?role=reviewer", Some(&admin)).json().unwrap();
    assert_eq!(reviewers["total"], 1);
    assert_eq!(reviewers["items"][0]["display_name"], "سلمى");

    // The new user can log in, and sees Arabic problems by their own preference.
    let salma = app.login("salma@example.test", "a-long-password");
    assert_problem(app.get("/api/v1/users", Some(&salma.access)), 403, "forbidden", "ar");
}

fn every_other_role_is_refused_user_management(backend: Backend) {
    let app = TestApp::spawn(backend);
    let target = app.create_user("target@example.test", "target-password", &["editor"]);
    for role in ["editor", "reviewer"] {
        let email = format!("{role}@example.test");
        app.create_user(&email, "role-password-1", &[role]);
        let token = app.login(&email, "role-password-1").access;
        assert_problem(app.get("/api/v1/users", Some(&token)), 403, "forbidden", "en");
        let create =
            json!({"email": "x@example.test", "display_name": "X", "password": "x-password-long", "roles": ["admin"]});
        assert_problem(app.post("/api/v1/users", &create, Some(&token)), 403, "forbidden", "en");
        // Not even to make themselves admin.
        let me: Value = app.get("/api/v1/me", Some(&token)).json().unwrap();
        let own = format!("/api/v1/users/{}", me["id"]);
        assert_problem(app.patch(&own, &json!({"roles": ["admin"]}), Some(&token)), 403, "forbidden", "en");
        let other = format!("/api/v1/users/{target}");
        assert_problem(app.patch(&other, &json!({"disabled": true}), Some(&token)), 403, "forbidden", "en");
    }
    assert_problem(app.get("/api/v1/users", None), 401, "unauthorized", "en");
    let admin = app.admin_token();
    let users: Value = app.get("/api/v1/users", Some(&admin)).json().unwrap();
    assert_eq!(users["total"], 4, "a refused request created a user");
    assert!(users["items"].as_array().unwrap().iter().all(|u| u["disabled"] == false));
    assert!(users["items"].as_array().unwrap().iter().filter(|u| u["roles"] == json!(["admin"])).count() == 1);
}

fn invalid_users_are_refused_with_every_reason_and_nothing_changes(backend: Backend) {
    let app = TestApp::spawn(backend);
    let admin = app.admin_token();
    let bad = json!({"email": "not-an-email", "display_name": " ", "password": "short", "roles": [], "preferred_locale": "fr"});
    let body = assert_problem(app.post("/api/v1/users?lang=ar", &bad, Some(&admin)), 422, "validation-failed", "ar");
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["email", "display_name", "password", "roles", "preferred_locale"]);
    assert!(body["errors"].as_array().unwrap().iter().all(|e| common::is_arabic(e["message"].as_str().unwrap())));
    // Five fields: Arabic's "few" form (3–10), from PLURAL.
    assert!(body["detail"].as_str().unwrap().contains("حقول"), "{}", body["detail"]);

    let wrong_role =
        json!({"email": "a@example.test", "display_name": "A", "password": "a-long-password", "roles": ["owner"]});
    assert_problem(app.post("/api/v1/users", &wrong_role, Some(&admin)), 422, "invalid-body", "en");
    let extra_field = json!({"email": "a@example.test", "display_name": "A", "password": "a-long-password", "roles": ["editor"], "is_root": true});
    assert_problem(app.post("/api/v1/users", &extra_field, Some(&admin)), 422, "invalid-body", "en");

    let duplicate = json!({"email": ADMIN_EMAIL.to_uppercase(), "display_name": "Twin", "password": "a-long-password", "roles": ["editor"]});
    assert_problem(app.post("/api/v1/users", &duplicate, Some(&admin)), 409, "email-taken", "en");
    assert_eq!(user_count(&app, &admin), 1);
}

fn admins_change_roles_names_locales(backend: Backend) {
    let app = TestApp::spawn(backend);
    let admin = app.admin_token();
    let id = app.create_user("editor@example.test", "editor-password", &["editor"]);
    let path = format!("/api/v1/users/{id}");
    let changed = app.patch(
        &path,
        &json!({"display_name": "Rana Haddad", "roles": ["editor", "reviewer"], "preferred_locale": "ar"}),
        Some(&admin),
    );
    assert_eq!(changed.status(), 200);
    let changed: Value = changed.json().unwrap();
    assert_eq!(changed["display_name"], "Rana Haddad");
    assert_eq!(changed["roles"], json!(["editor", "reviewer"]));
    assert_eq!(changed["preferred_locale"], "ar");

    // Roles count from the next request: the token the editor already holds now sees it.
    let token = app.login("editor@example.test", "editor-password").access;
    app.patch(&path, &json!({"roles": ["admin"]}), Some(&admin));
    assert_eq!(app.get("/api/v1/users", Some(&token)).status(), 200);

    assert_problem(app.patch(&path, &json!({"preferred_locale": "xx"}), Some(&admin)), 422, "validation-failed", "en");
    assert_problem(app.patch(&path, &json!({"roles": []}), Some(&admin)), 422, "validation-failed", "en");
    assert_problem(app.patch("/api/v1/users/9999", &json!({"disabled": true}), Some(&admin)), 404, "not-found", "en");
    assert_problem(app.patch("/api/v1/users/abc", &json!({"disabled": true}), Some(&admin)), 404, "not-found", "en");
}

fn the_last_admin_cannot_be_removed(backend: Backend) {
    let app = TestApp::spawn(backend);
    let admin = app.admin_token();
    let me: Value = app.get("/api/v1/me", Some(&admin)).json().unwrap();
    let path = format!("/api/v1/users/{}", me["id"]);
    assert_problem(app.patch(&path, &json!({"roles": ["editor"]}), Some(&admin)), 409, "last-admin", "en");
    assert_problem(app.patch(&path, &json!({"disabled": true}), Some(&admin)), 409, "last-admin", "en");
    let still: Value = app.get("/api/v1/me", Some(&admin)).json().unwrap();
    assert_eq!(still["roles"], json!(["admin"]));

    // With a second admin, the first may step down.
    app.create_user("second@example.test", "second-password", &["admin"]);
    assert_eq!(app.patch(&path, &json!({"roles": ["editor"]}), Some(&admin)).status(), 200);
}
