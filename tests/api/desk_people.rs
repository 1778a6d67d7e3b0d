//! The desk: users and roles (admins), each person's own account, and the second factor
//! (TOTP) at sign-in, desk and API alike.

use crate::common;

use common::desk::{Answer, DeskBrowser};
use common::{assert_problem, Backend, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::{json, Value};
use totp_rs::{Algorithm, Secret, TOTP};

on_both_backends!(
    an_admin_adds_a_user_who_can_sign_in,
    a_refused_add_keeps_the_form_and_says_why,
    roles_change_a_user_is_disabled_and_the_last_admin_stays,
    an_editor_gets_the_403_page_and_a_forged_post_changes_nothing,
    the_own_account_keeps_name_language_and_time_zone,
    a_new_password_needs_the_old_one_and_ends_sessions,
    a_second_factor_is_enrolled_and_then_required,
    admins_can_be_required_to_have_a_second_factor,
    wrong_codes_count_towards_the_login_limits,
    people_forms_need_their_token,
);

const EDITOR: (&str, &str) = ("rana@example.test", "rana-password-1234");

fn user(app: &TestApp, email: &str) -> Value {
    let users: Value = app.get("/api/v1/users?per_page=100", Some(&app.admin_token())).json().unwrap();
    users["items"].as_array().unwrap().iter().find(|u| u["email"] == email).cloned().unwrap_or(Value::Null)
}

fn an_admin_adds_a_user_who_can_sign_in(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut admin = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let list = admin.get("/desk/users");
    assert_eq!(list.status, 200);
    assert!(list.text().contains(ADMIN_EMAIL), "{}", list.text());
    let answer = admin.post(
        "/desk/users",
        &[
            ("email", EDITOR.0),
            ("display_name", "Rana Haddad"),
            ("password", EDITOR.1),
            ("roles", "editor"),
            ("roles", "reviewer"),
            ("preferred_locale", "ar"),
        ],
    );
    assert_eq!(answer.status, 303, "{}", answer.text());
    assert_eq!(answer.location.as_deref(), Some("/desk/users"));
    let list = admin.get("/desk/users");
    assert!(list.text().contains("The user was added"), "{}", list.text());
    assert!(list.text().contains("Rana Haddad"));

    let created = user(&app, EDITOR.0);
    assert_eq!(created["display_name"], "Rana Haddad");
    assert_eq!(created["roles"], json!(["editor", "reviewer"]));
    assert_eq!(created["preferred_locale"], "ar");
    let mut rana = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let start = rana.get("/desk/");
    assert_eq!(start.status, 200);
    assert!(start.body.contains("<html lang=\"ar\" dir=\"rtl\" data-script=\"Arab\" data-digits=\"arab\">"));

    // The list in Arabic.
    admin.post("/desk/language", &[("lang", "ar"), ("back", "/desk/users")]);
    let arabic = admin.get("/desk/users");
    assert_eq!(arabic.status, 200);
    assert!(arabic.body.contains("<html lang=\"ar\" dir=\"rtl\" data-script=\"Arab\" data-digits=\"arab\">"));
    assert!(arabic.text().contains("المستخدمون"), "{}", arabic.text());
    let id = created["id"].as_i64().unwrap();
    let edit = admin.get(&format!("/desk/users/{id}"));
    assert_eq!(edit.status, 200);
    assert!(edit.body.contains("<html lang=\"ar\" dir=\"rtl\" data-script=\"Arab\" data-digits=\"arab\">"));
    assert!(edit.text().contains("احفظ التغييرات"), "{}", edit.text());
}

fn a_refused_add_keeps_the_form_and_says_why(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut admin = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    admin.get("/desk/users");
    let answer = admin.post(
        "/desk/users",
        &[("email", "not-an-address"), ("display_name", "Someone"), ("password", "short"), ("preferred_locale", "en")],
    );
    assert_eq!(answer.status, 422, "{}", answer.text());
    let text = answer.text();
    assert!(text.contains("Enter a valid email address"), "{text}");
    assert!(text.contains("The password needs at least 12 characters"), "{text}");
    assert!(text.contains("Give at least one role"), "{text}");
    assert_eq!(answer.field("email").as_deref(), Some("not-an-address"));
    assert_eq!(answer.field("display_name").as_deref(), Some("Someone"));
    assert!(answer.body.contains("aria-describedby=\"err-email\""));
    assert_eq!(answer.field("password").as_deref(), Some(""), "the password is not sent back");

    // A taken address: 409, said next to the form.
    let answer = admin.post(
        "/desk/users",
        &[
            ("email", ADMIN_EMAIL),
            ("display_name", "Twin"),
            ("password", "long-enough-password"),
            ("roles", "editor"),
            ("preferred_locale", "en"),
        ],
    );
    assert_eq!(answer.status, 409, "{}", answer.text());
    assert!(answer.text().contains("already"), "{}", answer.text());
    let users: Value = app.get("/api/v1/users", Some(&app.admin_token())).json().unwrap();
    assert_eq!(users["total"], 1, "nothing was added");
}

fn roles_change_a_user_is_disabled_and_the_last_admin_stays(backend: Backend) {
    let app = TestApp::spawn(backend);
    let id = app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    let admin_id = user(&app, ADMIN_EMAIL)["id"].as_i64().unwrap();
    let mut admin = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let mut rana = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    assert_eq!(rana.get("/desk/").status, 200);

    let edit = admin.get(&format!("/desk/users/{id}"));
    assert_eq!(edit.status, 200);
    let path = format!("/desk/users/{id}");
    let answer = admin.post(
        &path,
        &[
            ("display_name", "Rana"),
            ("roles", "reviewer"),
            ("preferred_locale", "en"),
            ("time_zone", "Asia/Amman"),
            ("access", "enabled"),
        ],
    );
    assert_eq!(answer.status, 303, "{}", answer.text());
    let changed = user(&app, EDITOR.0);
    assert_eq!(changed["roles"], json!(["reviewer"]));
    assert_eq!(changed["time_zone"], "Asia/Amman");

    // A bad zone is refused, and changes nothing.
    let answer = admin.post(
        &path,
        &[("display_name", "Rana"), ("roles", "editor"), ("preferred_locale", "en"), ("time_zone", "Mars/Olympus")],
    );
    assert_eq!(answer.status, 422);
    assert!(answer.text().contains("Choose a time zone"), "{}", answer.text());
    assert_eq!(answer.field("time_zone").as_deref(), Some("Mars/Olympus"));
    assert_eq!(user(&app, EDITOR.0)["roles"], json!(["reviewer"]));

    // Disabling ends her sessions.
    let answer = admin.post(
        &path,
        &[
            ("display_name", "Rana"),
            ("roles", "reviewer"),
            ("preferred_locale", "en"),
            ("time_zone", "Asia/Amman"),
            ("access", "disabled"),
        ],
    );
    assert_eq!(answer.status, 303);
    assert_eq!(user(&app, EDITOR.0)["disabled"], true);
    assert_eq!(rana.get("/desk/").status, 303, "signed out");
    assert!(admin.get("/desk/users").text().contains("Disabled"));

    // The last admin cannot disable themself: a sentence, not an error page.
    admin.get(&format!("/desk/users/{admin_id}"));
    let answer = admin.post(
        &format!("/desk/users/{admin_id}"),
        &[
            ("display_name", "Admin"),
            ("roles", "admin"),
            ("preferred_locale", "en"),
            ("time_zone", "UTC"),
            ("access", "disabled"),
        ],
    );
    assert_eq!(answer.status, 409, "{}", answer.text());
    assert!(answer.text().contains("This change would leave no enabled administrator"), "{}", answer.text());
    assert_eq!(user(&app, ADMIN_EMAIL)["disabled"], false);

    // The API's PATCH takes the same time zone rule.
    let response =
        app.patch(&format!("/api/v1/users/{id}"), &json!({"time_zone": "Nowhere/City"}), Some(&app.admin_token()));
    assert_eq!(response.status(), 422);
    let response =
        app.patch(&format!("/api/v1/users/{id}"), &json!({"time_zone": "Europe/London"}), Some(&app.admin_token()));
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<Value>().unwrap()["time_zone"], "Europe/London");
}

fn an_editor_gets_the_403_page_and_a_forged_post_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    let admin_id = user(&app, ADMIN_EMAIL)["id"].as_i64().unwrap();
    let mut rana = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    for path in ["/desk/users".to_owned(), format!("/desk/users/{admin_id}")] {
        let answer = rana.get(&path);
        assert_eq!(answer.status, 403, "{path}");
        assert!(answer.text().contains("Not for your role"), "{}", answer.text());
    }
    let start = rana.get("/desk/");
    assert!(!start.body.contains("href=\"/desk/users\""), "no link to a page she cannot open");
    // Her own valid token, on admin forms: refused by role.
    let answer = rana.post(
        "/desk/users",
        &[
            ("email", "new@example.test"),
            ("display_name", "New"),
            ("password", "long-enough-password"),
            ("roles", "admin"),
        ],
    );
    assert_eq!(answer.status, 403);
    let answer = rana.post(
        &format!("/desk/users/{admin_id}"),
        &[
            ("display_name", "Taken"),
            ("roles", "editor"),
            ("preferred_locale", "en"),
            ("time_zone", "UTC"),
            ("access", "disabled"),
        ],
    );
    assert_eq!(answer.status, 403);
    let answer = rana.post("/desk/users/settings", &[("admins_need_totp", "on")]);
    assert_eq!(answer.status, 403);
    assert_eq!(user(&app, "new@example.test"), Value::Null);
    let admin = user(&app, ADMIN_EMAIL);
    assert_eq!(admin["disabled"], false);
    assert_eq!(admin["roles"], json!(["admin"]));
    assert_eq!(DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).get("/desk/").status, 200);
}

fn the_own_account_keeps_name_language_and_time_zone(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    let mut rana = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let page = rana.get("/desk/account");
    assert_eq!(page.status, 200);
    assert_eq!(page.field("time_zone").as_deref(), Some("UTC"));
    assert!(page.body.contains("<option value=\"Asia/Amman\">"), "the zones are offered");

    let answer = rana.post(
        "/desk/account",
        &[("display_name", "Rana H."), ("preferred_locale", "en"), ("time_zone", "Atlantis/Deep")],
    );
    assert_eq!(answer.status, 422);
    assert!(answer.text().contains("Choose a time zone"), "{}", answer.text());
    assert!(answer.body.contains("aria-describedby=\"err-time_zone\""));
    assert_eq!(answer.field("display_name").as_deref(), Some("Rana H."));
    assert_eq!(user(&app, EDITOR.0)["display_name"], EDITOR.0, "nothing saved");

    let answer = rana
        .post("/desk/account", &[("display_name", "Rana H."), ("preferred_locale", "ar"), ("time_zone", "Asia/Amman")]);
    assert_eq!(answer.status, 303, "{}", answer.text());
    let saved = user(&app, EDITOR.0);
    assert_eq!(saved["display_name"], "Rana H.");
    assert_eq!(saved["preferred_locale"], "ar");
    assert_eq!(saved["time_zone"], "Asia/Amman");
    let arabic = rana.get("/desk/account");
    assert!(arabic.body.contains("<html lang=\"ar\" dir=\"rtl\" data-script=\"Arab\" data-digits=\"arab\">"));
    assert!(arabic.text().contains("حُفظ حسابك"), "{}", arabic.text());
    assert!(arabic.text().contains("عامل التحقق الثاني"));
}

fn a_new_password_needs_the_old_one_and_ends_sessions(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    let api = app.login(EDITOR.0, EDITOR.1);
    let mut rana = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let mut other = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    rana.get("/desk/account");
    let answer = rana.post(
        "/desk/account/password",
        &[("current_password", "not-my-password"), ("new_password", "a-brand-new-password")],
    );
    assert_eq!(answer.status, 422);
    assert!(answer.text().contains("This is not your current password"), "{}", answer.text());
    let answer = rana.post("/desk/account/password", &[("current_password", EDITOR.1), ("new_password", "short")]);
    assert_eq!(answer.status, 422);
    assert!(answer.text().contains("at least 12 characters"), "{}", answer.text());
    assert_eq!(other.get("/desk/").status, 200, "nothing changed yet");

    let answer = rana
        .post("/desk/account/password", &[("current_password", EDITOR.1), ("new_password", "a-brand-new-password")]);
    assert_eq!(answer.status, 303);
    assert_eq!(answer.location.as_deref(), Some("/desk/login"));
    let login = rana.get("/desk/login");
    assert!(login.text().contains("Sign in with the new password"), "{}", login.text());
    assert_eq!(rana.get("/desk/").status, 303);
    assert_eq!(other.get("/desk/").status, 303, "every session ended");
    let refresh = app.post("/api/v1/auth/refresh", &json!({"refresh_token": api.refresh}), None);
    assert_eq!(refresh.status(), 401);
    assert_eq!(app.post("/api/v1/auth/login", &json!({"email": EDITOR.0, "password": EDITOR.1}), None).status(), 401);
    DeskBrowser::signed_in(&app, EDITOR.0, "a-brand-new-password");
}

/// The code an app would show for `secret` at `offset` seconds from now.
fn code(secret: &str, offset: i64) -> String {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().unwrap();
    let totp = TOTP::new_unchecked(Algorithm::SHA1, 6, 0, 30, bytes);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    totp.generate((now + offset) as u64)
}

fn recovery_codes(page: &Answer) -> Vec<String> {
    let list = page.body.split("class=\"recovery-codes\"").nth(1).unwrap().split("</ol>").next().unwrap();
    list.split("<code>").skip(1).map(|c| c.split("</code>").next().unwrap().to_owned()).collect()
}

/// Enrols `browser`'s person; returns the secret and the recovery codes.
fn enrol(browser: &mut DeskBrowser) -> (String, Vec<String>) {
    browser.get("/desk/account");
    let answer = browser.post("/desk/account/totp", &[]);
    assert_eq!(answer.status, 303, "{}", answer.text());
    let page = browser.get("/desk/account");
    assert!(page.body.contains("<svg"), "a QR code");
    let shown = page.body.split("id=\"totp-secret\">").nth(1).expect("the secret, for typing");
    let secret = shown.split("</code>").next().unwrap().replace(' ', "");
    assert_eq!(secret.len(), 32, "{secret}");
    // A wrong first code is refused.
    let wrong = browser.post("/desk/account/totp/confirm", &[("code", "12345")]);
    assert_eq!(wrong.status, 422);
    assert!(wrong.text().contains("This code is not right"), "{}", wrong.text());
    let codes = browser.post("/desk/account/totp/confirm", &[("code", &code(&secret, 0))]);
    assert_eq!(codes.status, 200, "{}", codes.text());
    let recovery = recovery_codes(&codes);
    assert_eq!(recovery.len(), 10);
    (secret, recovery)
}

fn a_second_factor_is_enrolled_and_then_required(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    let mut rana = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let (secret, recovery) = enrol(&mut rana);
    assert_eq!(user(&app, EDITOR.0)["second_factor"], true);
    let account = rana.get("/desk/account");
    assert!(account.text().contains("10 recovery codes are left"), "{}", account.text());
    assert!(!account.body.contains("totp-secret") && !account.body.contains("<svg"), "the secret is not shown again");

    // Desk: the password alone starts no session.
    let mut desk = DeskBrowser::new(&app);
    let answer = desk.sign_in(EDITOR.0, EDITOR.1);
    assert_eq!(answer.status, 303);
    let step = answer.location.unwrap();
    assert!(step.starts_with("/desk/login/code"), "{step}");
    assert!(!desk.cookies().contains("nashra_desk="), "{}", desk.cookies());
    assert_eq!(desk.get("/desk/").status, 303);
    let form = desk.get(&step);
    assert_eq!(form.status, 200);
    let wrong = desk.post("/desk/login/code", &[("code", "abc"), ("next", "/desk/")]);
    assert_eq!(wrong.status, 401);
    assert!(wrong.text().contains("This code is not right"), "{}", wrong.text());
    let later = code(&secret, 30);
    let answer = desk.post("/desk/login/code", &[("code", &later), ("next", "/desk/stories")]);
    assert_eq!(answer.status, 303, "{}", answer.text());
    assert_eq!(answer.location.as_deref(), Some("/desk/stories"));
    assert_eq!(desk.get("/desk/").status, 200);

    // API: without the code, a problem of its own; a used code is refused.
    let login = |totp: Option<&str>| {
        let mut body = json!({"email": EDITOR.0, "password": EDITOR.1});
        if let Some(totp) = totp {
            body["totp"] = json!(totp);
        }
        app.post("/api/v1/auth/login", &body, None)
    };
    assert_problem(login(None), 401, "second-factor-required", "en");
    assert_problem(login(Some(&later)), 401, "invalid-second-factor", "en");
    // A recovery code works once.
    assert_eq!(login(Some(&recovery[0])).status(), 200);
    assert_problem(login(Some(&recovery[0])), 401, "invalid-second-factor", "en");
    // A wrong password with a right code is still a wrong password.
    let wrong_password = app.post(
        "/api/v1/auth/login",
        &json!({"email": EDITOR.0, "password": "not-the-password", "totp": recovery[1]}),
        None,
    );
    assert_problem(wrong_password, 401, "invalid-credentials", "en");
    assert!(rana.get("/desk/account").text().contains("9 recovery codes are left"));

    // Turned off with the password: the password alone is enough again.
    rana.get("/desk/account");
    let answer = rana.post("/desk/account/totp/disable", &[("code", ""), ("password", "wrong-password-here")]);
    assert_eq!(answer.status, 422);
    let answer = rana.post("/desk/account/totp/disable", &[("code", ""), ("password", EDITOR.1)]);
    assert_eq!(answer.status, 303, "{}", answer.text());
    assert_eq!(login(None).status(), 200);
    assert_eq!(user(&app, EDITOR.0)["second_factor"], false);
}

fn admins_can_be_required_to_have_a_second_factor(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    // Taken now: once the admin has a second factor, the password alone gets no token.
    let token = app.admin_token();
    let mut admin = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    admin.get("/desk/users");
    let answer = admin.post("/desk/users/settings", &[("admins_need_totp", "on")]);
    assert_eq!(answer.status, 303);

    // An admin without a factor is sent to the account page, for pages and forms alike.
    for path in ["/desk/", "/desk/users", "/desk/stories"] {
        let answer = admin.get(path);
        assert_eq!(answer.status, 303, "{path}");
        assert_eq!(answer.location.as_deref(), Some("/desk/account"), "{path}");
    }
    let page = admin.get("/desk/account");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Set up a second factor first"), "{}", page.text());
    assert!(page.text().contains("requires a second factor of every admin"), "{}", page.text());
    let answer = admin.post("/desk/users/settings", &[]);
    assert_eq!(answer.location.as_deref(), Some("/desk/account"), "cannot lift the rule for itself");
    // Others are not concerned.
    let mut rana = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    assert_eq!(rana.get("/desk/").status, 200);

    enrol(&mut admin);
    assert_eq!(admin.get("/desk/").status, 200);
    let users = admin.get("/desk/users");
    assert_eq!(users.status, 200);
    assert!(users.body.contains("name=\"admins_need_totp\" value=\"on\" checked"));
    // The rule survives the publication's details being saved.
    let details = json!({"website_url": "https://example.org", "texts": {"en": {"newsletter_name": "Bulletin"}}});
    assert_eq!(app.put("/api/v1/publication", &details, &token, None).status(), 200);
    assert!(admin.get("/desk/users").body.contains("name=\"admins_need_totp\" value=\"on\" checked"));
    let answer = admin.post("/desk/users/settings", &[]);
    assert_eq!(answer.status, 303);
    assert!(!admin.get("/desk/users").body.contains("value=\"on\" checked"));
}

fn people_forms_need_their_token(backend: Backend) {
    let app = TestApp::spawn(backend);
    let id = app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    let name = user(&app, ADMIN_EMAIL)["display_name"].clone();
    let mut admin = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    admin.get("/desk/users");
    let attempts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            "/desk/users".into(),
            vec![
                ("email", "x@example.test"),
                ("display_name", "X"),
                ("password", "long-enough-password"),
                ("roles", "admin"),
            ],
        ),
        (format!("/desk/users/{id}"), vec![("display_name", "X"), ("roles", "admin"), ("access", "disabled")]),
        ("/desk/users/settings".into(), vec![("admins_need_totp", "on")]),
        ("/desk/account".into(), vec![("display_name", "Forged"), ("preferred_locale", "ar"), ("time_zone", "UTC")]),
        (
            "/desk/account/password".into(),
            vec![("current_password", ADMIN_PASSWORD), ("new_password", "forged-password-123")],
        ),
        ("/desk/account/totp".into(), vec![]),
    ];
    for (path, fields) in attempts {
        let answer = admin.post_raw(&path, &fields);
        assert_eq!(answer.status, 403, "{path}");
        assert!(answer.text().contains("This form has expired"), "{path}");
    }
    assert_eq!(user(&app, "x@example.test"), Value::Null);
    assert_eq!(user(&app, EDITOR.0)["disabled"], false);
    let me = user(&app, ADMIN_EMAIL);
    assert_eq!(me["display_name"], name);
    assert_eq!(me["second_factor"], false);
    assert_eq!(admin.get("/desk/").status, 200, "no rule was set, the password is unchanged");
    app.login(ADMIN_EMAIL, ADMIN_PASSWORD);
}

fn wrong_codes_count_towards_the_login_limits(backend: Backend) {
    let app = TestApp::spawn(backend);
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    let mut rana = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let (secret, _) = enrol(&mut rana);

    // The second step's form needs its token, and a pending sign-in.
    let mut desk = DeskBrowser::new(&app);
    let step = desk.sign_in(EDITOR.0, EDITOR.1).location.unwrap();
    desk.get(&step);
    let answer = desk.post_raw("/desk/login/code", &[("code", &code(&secret, 30)), ("next", "/desk/")]);
    assert_eq!(answer.status, 403);
    let mut stranger = DeskBrowser::new(&app);
    stranger.get("/desk/login");
    let answer = stranger.post("/desk/login/code", &[("code", &code(&secret, 30)), ("next", "/desk/")]);
    assert_eq!(answer.status, 303, "no pending sign-in: back to the password");
    assert_eq!(answer.location.as_deref(), Some("/desk/login"));
    assert_eq!(stranger.get("/desk/").status, 303);

    // Password and wrong code: each attempt counts (the allowance is 5; the desk's password
    // step above was one).
    let body = json!({"email": EDITOR.0, "password": EDITOR.1, "totp": "000000 "});
    let mut refused = 0;
    for _ in 0..3 {
        let response = app.post("/api/v1/auth/login", &body, None);
        if response.status() == 401 {
            refused += 1;
        }
    }
    assert_eq!(refused, 3);
    // The desk's second step counts on the same account: one more wrong code, then 429.
    let wrong = desk.post("/desk/login/code", &[("code", "999999"), ("next", "/desk/")]);
    assert_eq!(wrong.status, 401, "{}", wrong.text());
    let right = desk.post("/desk/login/code", &[("code", &code(&secret, 30)), ("next", "/desk/")]);
    assert_eq!(right.status, 429, "{}", right.text());
    let body = json!({"email": EDITOR.0, "password": EDITOR.1, "totp": code(&secret, 30)});
    assert_problem(app.post("/api/v1/auth/login", &body, None), 429, "rate-limited", "en");
}
