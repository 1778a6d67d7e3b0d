//! The desk's sessions, anti-forgery tokens, error pages and start page, through the real
//! server (SPEC §11). Screens have their own areas (`desk_*`).

use crate::common;

use common::desk::DeskBrowser;
use common::newsroom as workflow;
use common::{nashra_command, run_cli, Backend, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::{json, Value};

on_both_backends!(
    an_unsigned_visitor_signs_in_and_comes_back,
    a_wrong_password_keeps_the_form_and_says_why,
    the_session_cookie_is_http_only_and_lax,
    the_cookie_is_secure_behind_https,
    a_post_without_the_right_token_changes_nothing,
    the_sign_in_form_needs_its_own_token,
    signing_out_ends_the_session_for_the_cookie_too,
    disabling_or_a_new_password_ends_desk_sessions,
    the_language_switch_keeps_the_choice,
    the_start_page_shows_what_waits_per_role,
    desk_pages_are_html_with_safe_headers,
    the_login_limits_apply_to_the_form,
);

const EDITOR: (&str, &str) = ("rana@example.test", "rana-password-1234");
const REVIEWER: (&str, &str) = ("omar@example.test", "omar-password-1234");

fn an_unsigned_visitor_signs_in_and_comes_back(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = DeskBrowser::new(&app);
    let answer = browser.get("/desk/stories?status=draft");
    assert_eq!(answer.status, 303);
    let location = answer.location.unwrap();
    assert_eq!(location, "/desk/login?next=/desk/stories%3Fstatus%3Ddraft");

    let form = browser.get(&location);
    assert_eq!(form.status, 200);
    assert_eq!(form.field("next").as_deref(), Some("/desk/stories?status=draft"));
    let answer = browser.post(
        "/desk/login",
        &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD), ("next", "/desk/stories?status=draft")],
    );
    assert_eq!(answer.status, 303, "{}", answer.text());
    assert_eq!(answer.location.as_deref(), Some("/desk/stories?status=draft"));

    // A next address elsewhere is not followed.
    let mut other = DeskBrowser::new(&app);
    other.get("/desk/login");
    let answer = other
        .post("/desk/login", &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD), ("next", "//evil.example/desk/")]);
    assert_eq!(answer.location.as_deref(), Some("/desk/"));
    assert_eq!(other.get("/desk/").status, 200);
}

fn a_wrong_password_keeps_the_form_and_says_why(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = DeskBrowser::new(&app);
    let answer = browser.sign_in(ADMIN_EMAIL, "not-the-password");
    assert_eq!(answer.status, 401);
    assert!(answer.text().contains("The email address or the password is not right"), "{}", answer.text());
    assert_eq!(answer.field("email").as_deref(), Some(ADMIN_EMAIL));
    assert!(browser.cookies().find("nashra_desk=").is_none(), "no session: {}", browser.cookies());
    assert_eq!(browser.get("/desk/").status, 303);

    let mut arabic = DeskBrowser::new(&app);
    arabic.get("/desk/login?lang=ar");
    let answer = arabic.post("/desk/login?lang=ar", &[("email", ADMIN_EMAIL), ("password", "nope-nope-nope")]);
    assert_eq!(answer.status, 401);
    assert!(answer.body.contains("<html lang=\"ar\" dir=\"rtl\" data-script=\"Arab\" data-digits=\"arab\">"));
    assert!(common::is_arabic(&answer.text()), "{}", answer.text());
}

fn the_session_cookie_is_http_only_and_lax(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = DeskBrowser::new(&app);
    let answer = browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD);
    let cookie = session_cookie(&answer);
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/desk"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http cannot keep a Secure cookie: {cookie}");
}

fn the_cookie_is_secure_behind_https(backend: Backend) {
    let app = TestApp::spawn_with(backend, &[("NASHRA_PUBLIC_URL", "https://bulletin.example.org")]);
    let mut browser = DeskBrowser::new(&app);
    let answer = browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD);
    assert!(session_cookie(&answer).contains("Secure"));
}

fn session_cookie(answer: &common::desk::Answer) -> String {
    answer
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("nashra_desk="))
        .unwrap_or_else(|| panic!("no session cookie in {:?}", answer.headers))
        .to_owned()
}

fn a_post_without_the_right_token_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    browser.get("/desk/");
    for fields in [vec![("lang", "ar")], vec![("lang", "ar"), ("csrf", "forged")]] {
        let answer = browser.post_raw("/desk/language", &fields);
        assert_eq!(answer.status, 403);
        assert!(answer.text().contains("This form has expired"), "{}", answer.text());
    }
    // Another session's token is no good either.
    let mut other = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    other.get("/desk/");
    let answer = browser.post_raw("/desk/language", &[("lang", "ar"), ("csrf", &other.csrf)]);
    assert_eq!(answer.status, 403);
    let answer = browser.post_raw("/desk/logout", &[("csrf", "")]);
    assert_eq!(answer.status, 403);

    // Nothing changed: still English, still signed in.
    let me: Value = app.get("/api/v1/me", Some(&app.admin_token())).json().unwrap();
    assert_eq!(me["preferred_locale"], "en");
    let start = browser.get("/desk/");
    assert_eq!(start.status, 200);
    assert!(start.body.contains("<html lang=\"en\" dir=\"ltr\" data-script=\"Latn\" data-digits=\"latn\">"));
}

fn the_sign_in_form_needs_its_own_token(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = DeskBrowser::new(&app);
    browser.get("/desk/login");
    let answer = browser.post_raw("/desk/login", &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)]);
    assert_eq!(answer.status, 403);
    // A token from another browser's form is bound to that browser's nonce.
    let mut other = DeskBrowser::new(&app);
    other.get("/desk/login");
    let answer =
        browser.post_raw("/desk/login", &[("csrf", &other.csrf), ("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)]);
    assert_eq!(answer.status, 403);
    assert_eq!(browser.get("/desk/").status, 303, "not signed in");
}

fn signing_out_ends_the_session_for_the_cookie_too(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    browser.get("/desk/");
    let cookie = browser.cookies();
    let answer = browser.post("/desk/logout", &[]);
    assert_eq!(answer.status, 303);
    assert_eq!(answer.location.as_deref(), Some("/desk/login"));
    let page = browser.get("/desk/login");
    assert!(page.text().contains("You are signed out."), "{}", page.text());

    // The old cookie, replayed, opens nothing.
    let replay = app.client.get(app.url("/desk/")).header("cookie", cookie).send().unwrap();
    assert_eq!(replay.status(), 200, "redirects are followed by this client");
    assert!(replay.url().path().starts_with("/desk/login"), "{}", replay.url());
}

fn disabling_or_a_new_password_ends_desk_sessions(backend: Backend) {
    let app = TestApp::spawn(backend);
    let id = app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    assert_eq!(browser.get("/desk/").status, 200);
    let admin = app.admin_token();
    app.patch(&format!("/api/v1/users/{id}"), &json!({"disabled": true}), Some(&admin));
    assert_eq!(browser.get("/desk/").status, 303, "a disabled person's session ends at once");
    app.patch(&format!("/api/v1/users/{id}"), &json!({"disabled": false}), Some(&admin));
    assert_eq!(browser.get("/desk/").status, 303, "and stays ended");

    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    assert_eq!(browser.get("/desk/").status, 200);
    let changed = run_cli(
        nashra_command(&app.database.url, &app.secret),
        &["user", "passwd", "--email", EDITOR.0, "--password-stdin"],
        "a-brand-new-password-5678",
    );
    assert!(changed.status.success(), "{}", String::from_utf8_lossy(&changed.stderr));
    assert_eq!(browser.get("/desk/").status, 303, "a new password ends the session");
}

fn the_language_switch_keeps_the_choice(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    browser.get("/desk/");
    let answer = browser.post("/desk/language", &[("lang", "ar"), ("back", "/desk/")]);
    assert_eq!(answer.status, 303);
    let page = browser.get("/desk/");
    assert!(page.body.contains("<html lang=\"ar\" dir=\"rtl\" data-script=\"Arab\" data-digits=\"arab\">"));
    assert!(page.text().contains("صار المكتب يخاطبك بالعربية"), "{}", page.text());
    let me: Value = app.get("/api/v1/me", Some(&app.admin_token())).json().unwrap();
    assert_eq!(me["preferred_locale"], "ar");
    // An unknown language is refused, and changes nothing.
    let answer = browser.post("/desk/language", &[("lang", "xx"), ("back", "/desk/")]);
    assert_eq!(answer.status, 422);
    let me: Value = app.get("/api/v1/me", Some(&app.admin_token())).json().unwrap();
    assert_eq!(me["preferred_locale"], "ar");
}

fn the_start_page_shows_what_waits_per_role(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    app.create_user(REVIEWER.0, REVIEWER.1, &["reviewer"]);
    let editor = app.login(EDITOR.0, EDITOR.1).access;
    let story = workflow::create_story(&app, &editor, "harvest");
    workflow::write(&app, &editor, story, "en", "The harvest is in");
    workflow::must(&app, &editor, story, "en", "submit");

    let mut reviewer = DeskBrowser::signed_in(&app, REVIEWER.0, REVIEWER.1);
    let page = reviewer.get("/desk/").text();
    assert!(page.contains("One story waits for your review"), "{page}");
    assert!(page.contains("The harvest is in"), "{page}");
    assert!(!page.contains("drafts of yours") && !page.contains("Your drafts"), "{page}");

    let mut author = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let page = author.get("/desk/").text();
    assert!(!page.contains("waits for your review"), "{page}");
    assert!(page.contains("No reviewer has asked you for changes."), "{page}");

    workflow::act(&app, &app.login(REVIEWER.0, REVIEWER.1).access, story, "en", "request_changes", Some("Add a date"));
    let page = author.get("/desk/").text();
    assert!(page.contains("Changes requested in one of your stories"), "{page}");
    let page = reviewer.get("/desk/").text();
    assert!(page.contains("Nothing waits for your review."), "{page}");
}

fn desk_pages_are_html_with_safe_headers(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let page = browser.get("/desk/");
    assert_eq!(page.headers["cache-control"], "no-store");
    assert_eq!(page.headers["x-frame-options"], "DENY");
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");

    let missing = browser.get("/desk/no-such-screen");
    assert_eq!(missing.status, 404);
    assert!(missing.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(missing.text().contains("No such page"), "{}", missing.text());
}

fn the_login_limits_apply_to_the_form(backend: Backend) {
    let app = TestApp::spawn_with(backend, &[("NASHRA_LOGIN_LIMITS__ACCOUNT_FAILURES", "2")]);
    let mut browser = DeskBrowser::new(&app);
    assert_eq!(browser.sign_in(ADMIN_EMAIL, "wrong-one").status, 401);
    assert_eq!(browser.sign_in(ADMIN_EMAIL, "wrong-two").status, 401);
    let answer = browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD);
    assert_eq!(answer.status, 429, "{}", answer.text());
    assert!(browser.get("/desk/").status == 303);
}
