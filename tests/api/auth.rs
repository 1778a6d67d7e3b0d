//! Logging in, tokens and sessions, through the real server.

use crate::common;

use common::{assert_problem, tokens, Backend, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::{json, Value};

on_both_backends!(
    login_returns_tokens_that_open_the_api,
    unknown_account_and_wrong_password_look_the_same,
    refresh_rotates_and_reuse_revokes_the_family,
    logout_ends_the_session,
    forged_and_stale_access_tokens_are_refused,
    failed_logins_per_account_are_limited,
    attempts_per_address_are_limited,
    disabled_users_are_refused_everywhere,
);

fn login_returns_tokens_that_open_the_api(backend: Backend) {
    let app = TestApp::spawn(backend);
    let response =
        app.post("/api/v1/auth/login", &json!({"email": "ADMIN@example.test ", "password": ADMIN_PASSWORD}), None);
    assert_eq!(response.status(), 200);
    let body: Value = response.json().unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    let me: Value = app.get("/api/v1/me", body["access_token"].as_str()).json().unwrap();
    assert_eq!(me["email"], ADMIN_EMAIL);
    assert_eq!(me["roles"], json!(["admin"]));
    assert!(me.get("password_hash").is_none());

    assert_problem(app.get("/api/v1/me", None), 401, "unauthorized", "en");
}

fn unknown_account_and_wrong_password_look_the_same(backend: Backend) {
    let app = TestApp::spawn(backend);
    let wrong = app.post("/api/v1/auth/login", &json!({"email": ADMIN_EMAIL, "password": "not-the-password"}), None);
    let unknown =
        app.post("/api/v1/auth/login", &json!({"email": "nobody@example.test", "password": "not-the-password"}), None);
    assert_eq!(wrong.headers()["www-authenticate"], "Bearer");
    let wrong = assert_problem(wrong, 401, "invalid-credentials", "en");
    let unknown = assert_problem(unknown, 401, "invalid-credentials", "en");
    assert_eq!(wrong, unknown);
}

fn refresh_rotates_and_reuse_revokes_the_family(backend: Backend) {
    let app = TestApp::spawn(backend);
    let first = app.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    let rotated = app.post("/api/v1/auth/refresh", &json!({"refresh_token": first.refresh}), None);
    assert_eq!(rotated.status(), 200);
    let rotated: Value = rotated.json().unwrap();
    let second = rotated["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(second, first.refresh);
    assert_eq!(app.get("/api/v1/me", rotated["access_token"].as_str()).status(), 200);

    // Presenting the spent token again: refused, and the token that replaced it dies too.
    let reused = app.post("/api/v1/auth/refresh", &json!({"refresh_token": first.refresh}), None);
    assert_problem(reused, 401, "invalid-refresh-token", "en");
    let after_reuse = app.post("/api/v1/auth/refresh", &json!({"refresh_token": second}), None);
    assert_problem(after_reuse, 401, "invalid-refresh-token", "en");

    // Another login is another family and is unaffected.
    let other = app.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    assert_eq!(app.post("/api/v1/auth/refresh", &json!({"refresh_token": other.refresh}), None).status(), 200);
    assert_problem(
        app.post("/api/v1/auth/refresh", &json!({"refresh_token": "made-up"}), None),
        401,
        "invalid-refresh-token",
        "en",
    );
}

fn logout_ends_the_session(backend: Backend) {
    let app = TestApp::spawn(backend);
    let session = app.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    let kept = app.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    assert_eq!(app.post("/api/v1/auth/logout", &json!({"refresh_token": session.refresh}), None).status(), 204);
    assert_problem(
        app.post("/api/v1/auth/refresh", &json!({"refresh_token": session.refresh}), None),
        401,
        "invalid-refresh-token",
        "en",
    );
    // Logging out is idempotent and does not reveal whether a token existed.
    assert_eq!(app.post("/api/v1/auth/logout", &json!({"refresh_token": session.refresh}), None).status(), 204);
    assert_eq!(app.post("/api/v1/auth/logout", &json!({"refresh_token": "never-issued"}), None).status(), 204);
    assert_eq!(app.post("/api/v1/auth/refresh", &json!({"refresh_token": kept.refresh}), None).status(), 200);
}

fn forged_and_stale_access_tokens_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend);
    let valid = app.admin_token();
    // The harness's own signature over good claims works, so the refusals below are about
    // the one thing each token gets wrong.
    let good = tokens::sign(&app.secret, tokens::admin_claims("nashra-api", tokens::now(), tokens::now() + 60));
    assert_eq!(app.get("/api/v1/me", Some(&good)).status(), 200);
    for (name, token) in tokens::forged(&app.secret, &valid) {
        let response = app.get("/api/v1/me", Some(&token));
        assert_eq!(response.status(), 401, "{name} token was accepted");
        assert_problem(response, 401, "unauthorized", "en");
    }
}

fn failed_logins_per_account_are_limited(backend: Backend) {
    let app = TestApp::spawn_with(backend, &[("NASHRA_LOGIN_LIMITS__ACCOUNT_FAILURES", "3")]);
    app.create_user("editor@example.test", "editor-password-1", &["editor"]);
    for _ in 0..3 {
        let response =
            app.post("/api/v1/auth/login", &json!({"email": ADMIN_EMAIL, "password": "guess-guess-guess"}), None);
        assert_eq!(response.status(), 401);
    }
    // Even the right password waits now, so guessing cannot go on.
    let limited = app.post("/api/v1/auth/login", &json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}), None);
    let retry_after: u64 = limited.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry_after), "Retry-After {retry_after}");
    let body = assert_problem(limited, 429, "rate-limited", "en");
    assert!(body["detail"].as_str().unwrap().contains("seconds"));
    // Other accounts are not locked out by it.
    app.login("editor@example.test", "editor-password-1");
}

fn attempts_per_address_are_limited(backend: Backend) {
    let app = TestApp::spawn_with(backend, &[("NASHRA_LOGIN_LIMITS__ADDRESS_ATTEMPTS", "4")]);
    for attempt in 0..4 {
        let email = format!("user{attempt}@example.test");
        let response = app.post("/api/v1/auth/login", &json!({"email": email, "password": "whatever-whatever"}), None);
        assert_eq!(response.status(), 401);
    }
    let limited = app.post("/api/v1/auth/login", &json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}), None);
    assert!(limited.headers().contains_key("retry-after"));
    assert_problem(limited, 429, "rate-limited", "en");
}

fn disabled_users_are_refused_everywhere(backend: Backend) {
    let app = TestApp::spawn(backend);
    let id = app.create_user("leaving@example.test", "leaving-password", &["editor"]);
    let session = app.login("leaving@example.test", "leaving-password");
    let admin = app.admin_token();
    let disabled = app.patch(&format!("/api/v1/users/{id}"), &json!({"disabled": true}), Some(&admin));
    assert_eq!(disabled.status(), 200);

    assert_problem(app.get("/api/v1/me", Some(&session.access)), 403, "account-disabled", "en");
    let refresh = app.post("/api/v1/auth/refresh", &json!({"refresh_token": session.refresh}), None);
    assert_problem(refresh, 401, "invalid-refresh-token", "en");
    let login =
        app.post("/api/v1/auth/login", &json!({"email": "leaving@example.test", "password": "leaving-password"}), None);
    assert_problem(login, 403, "account-disabled", "en");

    // Enabled again, the account works; the sessions ended by disabling stay ended.
    app.patch(&format!("/api/v1/users/{id}"), &json!({"disabled": false}), Some(&admin));
    app.login("leaving@example.test", "leaving-password");
}
