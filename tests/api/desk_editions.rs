//! The desk: editions: the list, creating one, picking and ordering its stories, its texts
//! per language, the readiness checklist, publishing; and sending it: preview per language,
//! test send, send, progress. Every change is checked through the JSON API.

use std::time::{Duration, Instant};

use crate::common;

use common::desk::{Answer, DeskBrowser};
use common::fixture::publish_newsletter;
use common::newsroom::{create_story, must, write};
use common::smtp::SmtpServer;
use common::{Backend, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::{json, Value};

on_both_backends!(
    the_list_shows_editions_and_creates_one,
    a_refused_edition_keeps_the_form,
    stories_are_added_ordered_and_removed,
    texts_are_saved_per_language,
    readiness_lists_what_is_missing_and_a_reviewer_publishes,
    editors_cannot_publish,
    sending_is_for_admins_and_previews_each_language,
    a_test_send_goes_through_smtp,
    sending_queues_deliveries_after_a_confirmation,
);

const EDITOR: (&str, &str) = ("rana@example.test", "rana-password-1234");
const REVIEWER: (&str, &str) = ("omar@example.test", "omar-password-1234");
/// What `publish_newsletter` gives its editor and reviewer.
const FIXTURE_PASSWORD: &str = "a-password-for-tests";

fn newsroom(app: &TestApp) -> (DeskBrowser, DeskBrowser) {
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    app.create_user(REVIEWER.0, REVIEWER.1, &["reviewer"]);
    (DeskBrowser::signed_in(app, EDITOR.0, EDITOR.1), DeskBrowser::signed_in(app, REVIEWER.0, REVIEWER.1))
}

fn api_edition(app: &TestApp, id: i64) -> Value {
    let admin = app.admin_token();
    let response = app.get(&format!("/api/v1/editions/{id}"), Some(&admin));
    assert_eq!(response.status(), 200);
    response.json().unwrap()
}

fn api_editions(app: &TestApp) -> Vec<Value> {
    let admin = app.admin_token();
    let page: Value = app.get("/api/v1/editions", Some(&admin)).json().unwrap();
    page["items"].as_array().unwrap().clone()
}

fn story_order(app: &TestApp, id: i64) -> Vec<i64> {
    api_edition(app, id)["stories"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect()
}

/// Switches the signed-in person's desk language.
fn speak(browser: &mut DeskBrowser, lang: &str, back: &str) {
    browser.get(back);
    let answer = browser.post("/desk/language", &[("lang", lang), ("back", back)]);
    assert_eq!(answer.status, 303, "{}", answer.text());
}

/// Creates an edition through the API as `token`; returns its id.
fn edition(app: &TestApp, token: &str, number: i64, slug: &str) -> i64 {
    let response = app.post("/api/v1/editions", &json!({"number": number, "slug": slug}), Some(token));
    assert_eq!(response.status(), 201);
    response.json::<Value>().unwrap()["id"].as_i64().unwrap()
}

fn the_list_shows_editions_and_creates_one(backend: Backend) {
    let app = TestApp::spawn(backend);
    let (mut editor, _) = newsroom(&app);
    let page = editor.get("/desk/editions");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("There are no editions yet"), "{}", page.text());

    let created = editor.post(
        "/desk/editions",
        &[("number", "7"), ("slug", "summer-2026"), ("required_locales", "en"), ("required_locales", "ar")],
    );
    assert_eq!(created.status, 303, "{}", created.text());
    let location = created.location.unwrap();
    let all = api_editions(&app);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["number"], 7);
    assert_eq!(all[0]["slug"], "summer-2026");
    assert_eq!(all[0]["required_locales"], json!(["en", "ar"]));
    assert_eq!(location, format!("/desk/editions/{}", all[0]["id"]));
    let page = editor.get(&location);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("The edition is created"), "{}", page.text());

    // An Arabic title shows in the list in its own direction; the list is right in Arabic too.
    let id = all[0]["id"].as_i64().unwrap();
    let text = json!({"title": "صيف ٢٠٢٦", "foreword": "", "signature": {"name": "", "role": ""}});
    let token = app.login(EDITOR.0, EDITOR.1).access;
    assert_eq!(app.put(&format!("/api/v1/editions/{id}/translations/ar"), &text, &token, None).status(), 200);
    let list = editor.get("/desk/editions");
    assert!(list.text().contains("Edition 7") && list.text().contains("Draft"), "{}", list.text());
    assert!(list.body.contains("<bdi lang=\"ar\" dir=\"rtl\" data-script=\"Arab\">صيف ٢٠٢٦</bdi>"), "{}", list.body);
    speak(&mut editor, "ar", "/desk/editions");
    let arabic = editor.get("/desk/editions");
    assert_eq!(arabic.status, 200);
    assert!(arabic.body.contains("<html lang=\"ar\" dir=\"rtl\" data-script=\"Arab\" data-digits=\"arab\">"));
    assert!(arabic.text().contains("الأعداد") && arabic.text().contains("مسودة"), "{}", arabic.text());

    // Without the form's token nothing is created.
    let forged = editor.post_raw("/desk/editions", &[("number", "8"), ("slug", "forged"), ("required_locales", "en")]);
    assert_eq!(forged.status, 403);
    assert_eq!(api_editions(&app).len(), 1);
}

fn a_refused_edition_keeps_the_form(backend: Backend) {
    let app = TestApp::spawn(backend);
    let (mut editor, mut reviewer) = newsroom(&app);
    editor.get("/desk/editions");
    let refused =
        editor.post("/desk/editions", &[("number", "zero"), ("slug", "Not A Slug"), ("required_locales", "en")]);
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert_eq!(refused.field("slug").as_deref(), Some("Not A Slug"));
    assert_eq!(refused.field("number").as_deref(), Some("zero"));
    assert!(refused.body.contains("aria-describedby=\"new-err-slug\""), "{}", refused.body);
    assert!(refused.body.contains("id=\"new-err-number\""), "{}", refused.body);
    assert!(api_editions(&app).is_empty());

    let token = app.login(EDITOR.0, EDITOR.1).access;
    edition(&app, &token, 3, "taken");
    let taken = editor.post("/desk/editions", &[("number", "3"), ("slug", "fresh"), ("required_locales", "en")]);
    assert_eq!(taken.status, 409, "{}", taken.text());
    assert!(taken.text().contains("Another edition already has this number"), "{}", taken.text());
    assert_eq!(taken.field("slug").as_deref(), Some("fresh"));
    assert_eq!(api_editions(&app).len(), 1);

    // Reviewers see the list but build nothing.
    let list = reviewer.get("/desk/editions");
    assert_eq!(list.status, 200);
    assert!(!list.body.contains("action=\"/desk/editions\""));
    let forged =
        reviewer.post("/desk/editions", &[("number", "9"), ("slug", "by-reviewer"), ("required_locales", "en")]);
    assert_eq!(forged.status, 403);
    assert_eq!(api_editions(&app).len(), 1);
}

fn stories_are_added_ordered_and_removed(backend: Backend) {
    let app = TestApp::spawn(backend);
    let (mut editor, _) = newsroom(&app);
    let token = app.login(EDITOR.0, EDITOR.1).access;
    let id = edition(&app, &token, 1, "first");
    let mut stories = Vec::new();
    for slug in ["river-road", "market-day", "school-bus"] {
        let story = create_story(&app, &token, slug);
        write(&app, &token, story, "en", &format!("Title of {slug}"));
        stories.push(story);
    }
    let (a, b, c) = (stories[0], stories[1], stories[2]);
    let page = editor.get(&format!("/desk/editions/{id}?q=market"));
    assert_eq!(page.status, 200);
    let picker = page.text();
    let picker = picker.split("Stories in no edition, by title or slug").nth(1).unwrap().to_owned();
    assert!(picker.contains("Title of market-day"), "{picker}");
    assert!(!picker.contains("Title of river-road"), "{picker}");

    for story in [a, b, c] {
        let added = editor.post(&format!("/desk/editions/{id}/stories/add"), &[("story_id", &story.to_string())]);
        assert_eq!(added.status, 303, "{}", added.text());
        assert_eq!(added.location.as_deref(), Some(format!("/desk/editions/{id}#stories").as_str()));
    }
    assert_eq!(story_order(&app, id), [a, b, c]);

    let page = editor.get(&format!("/desk/editions/{id}"));
    assert!(page.text().contains("The story is added"), "{}", page.text());
    // Its stories are one link away in the story list, filtered by the edition.
    assert!(page.body.contains(&format!("href=\"/desk/stories?edition={id}\"")), "{}", page.body);
    let listed = editor.get(&format!("/desk/stories?edition={id}")).text();
    assert!(listed.contains("3 stories"), "{listed}");
    let moved =
        editor.post(&format!("/desk/editions/{id}/stories/move"), &[("story_id", &c.to_string()), ("direction", "up")]);
    assert_eq!(moved.status, 303);
    assert_eq!(story_order(&app, id), [a, c, b]);
    editor.post(&format!("/desk/editions/{id}/stories/move"), &[("story_id", &a.to_string()), ("direction", "down")]);
    assert_eq!(story_order(&app, id), [c, a, b]);
    // The first cannot go higher.
    editor.post(&format!("/desk/editions/{id}/stories/move"), &[("story_id", &c.to_string()), ("direction", "up")]);
    assert_eq!(story_order(&app, id), [c, a, b]);

    // The drag-and-drop script posts the same form with a place instead of a step.
    let page = editor.get(&format!("/desk/editions/{id}"));
    assert!(page.body.contains("/assets/desk-edition.js"));
    let dragged = editor.post(
        &format!("/desk/editions/{id}/stories/move"),
        &[("story_id", &b.to_string()), ("direction", "to"), ("position", "1")],
    );
    assert_eq!(dragged.status, 303);
    assert_eq!(story_order(&app, id), [b, c, a]);
    editor.post(
        &format!("/desk/editions/{id}/stories/move"),
        &[("story_id", &b.to_string()), ("direction", "to"), ("position", "99")],
    );
    assert_eq!(story_order(&app, id), [c, a, b]);

    let removed = editor.post(&format!("/desk/editions/{id}/stories/remove"), &[("story_id", &a.to_string())]);
    assert_eq!(removed.status, 303);
    assert_eq!(story_order(&app, id), [c, b]);
    let page = editor.get(&format!("/desk/editions/{id}"));
    let text = page.text();
    let listed = text.split("Stories in no edition, by title or slug").next().unwrap();
    assert!(listed.find("Title of school-bus").unwrap() < listed.find("Title of market-day").unwrap(), "{listed}");

    // A story of another edition is refused with a sentence, and nothing changes.
    let other = edition(&app, &token, 2, "second");
    assert_eq!(app.patch(&format!("/api/v1/editions/{other}"), &json!({"story_ids": [a]}), Some(&token)).status(), 200);
    let refused = editor.post(&format!("/desk/editions/{id}/stories/add"), &[("story_id", &a.to_string())]);
    assert_eq!(refused.status, 409, "{}", refused.text());
    assert!(refused.text().contains("Remove the story from its edition"), "{}", refused.text());
    assert_eq!(story_order(&app, id), [c, b]);

    // Without the token, nothing moves.
    let forged = editor
        .post_raw(&format!("/desk/editions/{id}/stories/move"), &[("story_id", &b.to_string()), ("direction", "up")]);
    assert_eq!(forged.status, 403);
    assert_eq!(story_order(&app, id), [c, b]);
    assert_eq!(editor.get("/desk/editions/999999").status, 404);
}

fn texts_are_saved_per_language(backend: Backend) {
    let app = TestApp::spawn(backend);
    let (mut editor, _) = newsroom(&app);
    let token = app.login(EDITOR.0, EDITOR.1).access;
    let id = edition(&app, &token, 4, "autumn");
    let page = editor.get(&format!("/desk/editions/{id}"));
    // Each column is in its language; the interface's words in it are in the page's.
    assert!(page.body.contains("id=\"texts-ar\" lang=\"ar\" dir=\"rtl\""), "{}", page.body);
    assert!(page.body.contains("id=\"texts-en\" lang=\"en\" dir=\"ltr\""), "{}", page.body);
    assert!(
        page.body.contains("<label for=\"t-ar-title\" lang=\"en\" dir=\"ltr\" data-script=\"Latn\">"),
        "{}",
        page.body
    );

    let saved = editor.post(
        &format!("/desk/editions/{id}/texts/ar"),
        &[
            ("title", "خريف ٢٠٢٦"),
            ("foreword", "تقديم العدد."),
            ("signature_name", "ليلى حداد"),
            ("signature_role", "رئيسة المكتب"),
            ("cover_alt", ""),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.text());
    assert_eq!(saved.location.as_deref(), Some(format!("/desk/editions/{id}#texts-ar").as_str()));
    editor.post(
        &format!("/desk/editions/{id}/texts/en"),
        &[
            ("title", "Autumn 2026"),
            ("foreword", "The foreword."),
            ("signature_name", "Layla"),
            ("signature_role", "Head"),
        ],
    );
    let shown = api_edition(&app, id);
    let texts = shown["translations"].as_array().unwrap();
    let arabic = texts.iter().find(|t| t["locale"] == "ar").unwrap();
    assert_eq!(arabic["title"], "خريف ٢٠٢٦");
    assert_eq!(arabic["signature"]["name"], "ليلى حداد");
    assert_eq!(texts.iter().find(|t| t["locale"] == "en").unwrap()["foreword"], "The foreword.");
    let page = editor.get(&format!("/desk/editions/{id}"));
    assert!(page.body.contains("value=\"خريف ٢٠٢٦\""), "{}", page.body);

    // An empty title is refused next to the field; what was typed stays; nothing changes.
    let refused = editor.post(
        &format!("/desk/editions/{id}/texts/en"),
        &[("title", " "), ("foreword", "A new foreword, typed."), ("signature_name", "Layla")],
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.body.contains("id=\"t-en-err-title\""), "{}", refused.body);
    assert!(refused.body.contains("A new foreword, typed."));
    let again = api_edition(&app, id);
    assert_eq!(again["translations"], shown["translations"]);

    // The settings: a new slug, through the same service as the API.
    let settings = editor.post(
        &format!("/desk/editions/{id}/settings"),
        &[("number", "4"), ("slug", "autumn-2026"), ("cover_media_id", "")],
    );
    assert_eq!(settings.status, 303, "{}", settings.text());
    assert_eq!(api_edition(&app, id)["slug"], "autumn-2026");
    let refused = editor.post(
        &format!("/desk/editions/{id}/settings"),
        &[("number", "4"), ("slug", "autumn-2026"), ("cover_media_id", "424242")],
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.body.contains("id=\"s-err-cover\""), "{}", refused.body);

    let forged = editor.post_raw(&format!("/desk/editions/{id}/texts/en"), &[("title", "Forged")]);
    assert_eq!(forged.status, 403);
    assert_eq!(api_edition(&app, id)["translations"], shown["translations"]);
}

fn readiness_lists_what_is_missing_and_a_reviewer_publishes(backend: Backend) {
    let app = TestApp::spawn(backend);
    let (mut editor, mut reviewer) = newsroom(&app);
    let token = app.login(EDITOR.0, EDITOR.1).access;
    let review = app.login(REVIEWER.0, REVIEWER.1).access;
    let id = edition(&app, &token, 5, "winter-2026");

    let empty = reviewer.get(&format!("/desk/editions/{id}"));
    let text = empty.text();
    assert!(text.contains("The edition has no stories yet"), "{text}");
    assert!(text.contains("no title and foreword in English") && text.contains("العربية"), "{text}");
    assert!(empty.body.contains("href=\"#texts-en\""), "{}", empty.body);
    assert!(empty.body.contains("disabled aria-describedby=\"publish-why\""), "{}", empty.body);

    let story = create_story(&app, &token, "river-road");
    for (locale, title) in [("en", "The river road"), ("ar", "طريق النهر")] {
        write(&app, &token, story, locale, title);
    }
    must(&app, &token, story, "en", "submit");
    must(&app, &review, story, "en", "approve");
    editor.get(&format!("/desk/editions/{id}"));
    editor.post(&format!("/desk/editions/{id}/stories/add"), &[("story_id", &story.to_string())]);
    let page = reviewer.get(&format!("/desk/editions/{id}"));
    let text = page.text();
    assert!(text.contains("“طريق النهر” in العربية is not approved yet (it is: Draft)"), "{text}");
    assert!(page.body.contains(&format!("href=\"/desk/stories/{story}\"")), "{}", page.body);

    // A forced publish is refused with the sentence, and nothing is published.
    let refused = reviewer.post(&format!("/desk/editions/{id}/publish"), &[]);
    assert_eq!(refused.status, 409, "{}", refused.text());
    assert!(refused.text().contains("The edition cannot be published yet: 3 items"), "{}", refused.text());
    assert!(refused.body.contains("id=\"problem-publish\""), "{}", refused.body);
    assert!(api_edition(&app, id)["published_at"].is_null());

    must(&app, &token, story, "ar", "submit");
    must(&app, &review, story, "ar", "approve");
    for (locale, title) in [("en", "Winter 2026"), ("ar", "شتاء ٢٠٢٦")] {
        editor.get(&format!("/desk/editions/{id}"));
        let saved = editor.post(
            &format!("/desk/editions/{id}/texts/{locale}"),
            &[("title", title), ("foreword", "…"), ("signature_name", "Layla"), ("signature_role", "Head")],
        );
        assert_eq!(saved.status, 303);
    }
    let ready = reviewer.get(&format!("/desk/editions/{id}"));
    assert!(ready.text().contains("Everything is ready"), "{}", ready.text());
    let published = reviewer.post(&format!("/desk/editions/{id}/publish"), &[]);
    assert_eq!(published.status, 303, "{}", published.text());
    assert!(reviewer.get(&format!("/desk/editions/{id}")).text().contains("The edition is published"));
    let shown = api_edition(&app, id);
    assert!(!shown["published_at"].is_null());
    let site = app.get("/en/editions/winter-2026/", None);
    assert_eq!(site.status(), 200);
    assert!(site.text().unwrap().contains("The river road"));
    let list = reviewer.get("/desk/editions");
    assert!(list.text().contains("Live"), "{}", list.text());

    // In Arabic, the checklist and the page speak Arabic.
    speak(&mut reviewer, "ar", &format!("/desk/editions/{id}"));
    let arabic = reviewer.get(&format!("/desk/editions/{id}"));
    assert!(arabic.text().contains("كل شيء جاهز"), "{}", arabic.text());
}

fn editors_cannot_publish(backend: Backend) {
    // Content changed by another process shows after a minute; a desk publish, at once.
    let app = TestApp::spawn_with(backend, &[("NASHRA_SITE__RECHECK_MS", "60000")]);
    let newsletter = publish_newsletter(&app);
    let mut editor = DeskBrowser::signed_in(&app, "editor@example.test", FIXTURE_PASSWORD);
    let id = newsletter.edition;
    // A change waiting for review: the editor rewrites the English title.
    editor.get(&format!("/desk/editions/{id}"));
    let saved = editor.post(
        &format!("/desk/editions/{id}/texts/en"),
        &[("title", "Rewritten"), ("foreword", "x"), ("signature_name", "a"), ("signature_role", "b")],
    );
    assert_eq!(saved.status, 303);
    let page = editor.get(&format!("/desk/editions/{id}"));
    assert!(page.text().contains("Changes under review"), "{}", page.text());
    assert!(!page.body.contains("/publish\""), "no publish form for editors");
    let forged = editor.post(&format!("/desk/editions/{id}/publish"), &[]);
    assert_eq!(forged.status, 403);
    let shown = api_edition(&app, id);
    assert_eq!(shown["pending_changes"], true);
    assert!(!app.get("/en/editions/spring-2026/", None).text().unwrap().contains("Rewritten"));

    // A reviewer who wrote the change may not publish it (edition review).
    let mut author = DeskBrowser::signed_in(&app, "reviewer@example.test", FIXTURE_PASSWORD);
    app.create_user("both@example.test", "both-password-1234", &["editor", "reviewer"]);
    let mut both = DeskBrowser::signed_in(&app, "both@example.test", "both-password-1234");
    both.get(&format!("/desk/editions/{id}"));
    both.post(
        &format!("/desk/editions/{id}/texts/en"),
        &[("title", "Rewritten again"), ("foreword", "x"), ("signature_name", "a"), ("signature_role", "b")],
    );
    let own = both.post(&format!("/desk/editions/{id}/publish"), &[]);
    assert_eq!(own.status, 403, "{}", own.text());
    assert!(own.body.contains("id=\"problem-publish\""), "{}", own.body);
    assert_eq!(api_edition(&app, id)["pending_changes"], true);
    author.get(&format!("/desk/editions/{id}"));
    assert!(!app.get("/en/editions/spring-2026/", None).text().unwrap().contains("Rewritten again"));
    assert_eq!(author.post(&format!("/desk/editions/{id}/publish"), &[]).status, 303);
    assert!(app.get("/en/editions/spring-2026/", None).text().unwrap().contains("Rewritten again"));
}

fn mail_app(backend: Backend, smtp: &SmtpServer) -> (TestApp, i64) {
    let url = smtp.url();
    let env = [
        ("NASHRA_SMTP_URL", url.as_str()),
        ("NASHRA_EMAIL__RETRY_BASE_SECS", "1"),
        ("NASHRA_EMAIL__POLL_INTERVAL_MS", "100"),
        ("NASHRA_EMAIL__FROM_ADDRESS", "bulletin@example.org"),
    ];
    let app = TestApp::spawn_with(backend, &env);
    let newsletter = publish_newsletter(&app);
    (app, newsletter.edition)
}

fn sending_is_for_admins_and_previews_each_language(backend: Backend) {
    let app = TestApp::spawn(backend);
    let newsletter = publish_newsletter(&app);
    let id = newsletter.edition;
    let mut reviewer = DeskBrowser::signed_in(&app, "reviewer@example.test", FIXTURE_PASSWORD);
    let refused = reviewer.get(&format!("/desk/editions/{id}/sending"));
    assert_eq!(refused.status, 403);
    assert!(refused.text().contains("Not for your role"), "{}", refused.text());
    assert_eq!(reviewer.get(&format!("/desk/editions/{id}/email/ar")).status, 403);
    assert!(!reviewer.get(&format!("/desk/editions/{id}")).body.contains("/sending\""));

    let mut admin = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let page = admin.get(&format!("/desk/editions/{id}/sending"));
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page
        .body
        .contains(&format!("<iframe class=\"email-preview\" sandbox src=\"/desk/editions/{id}/email/ar\"")));
    assert!(page.body.contains("role=\"status\""));
    assert!(page.body.contains("/assets/desk-sending.js"));
    assert!(page.text().contains("Nothing has been sent yet"), "{}", page.text());

    let email = admin.get(&format!("/desk/editions/{id}/email/ar"));
    assert_eq!(email.status, 200);
    assert!(email.body.contains("dir=\"rtl\""), "{}", email.body);
    assert!(email.body.contains("ربيع ٢٠٢٦") && email.body.contains("بئر جديدة في الحمدانية"));
    assert!(!email.body.contains("<script"), "no script in the email");
    let policy = email.headers["content-security-policy"].to_str().unwrap();
    assert!(policy.starts_with("sandbox"), "{policy}");
    assert!(policy.contains("frame-ancestors 'self'"), "{policy}");
    assert_eq!(email.headers["x-frame-options"], "SAMEORIGIN");
    // Every other desk page still refuses to be framed.
    assert_eq!(page.headers["x-frame-options"], "DENY");
    assert_eq!(admin.get(&format!("/desk/editions/{id}/email/fr")).status, 404);

    speak(&mut admin, "ar", &format!("/desk/editions/{id}/sending"));
    let arabic = admin.get(&format!("/desk/editions/{id}/sending"));
    assert!(arabic.text().contains("الإرسال") && arabic.text().contains("لم يُرسل شيء بعد"), "{}", arabic.text());
    assert!(arabic.text().contains("افتحها وحدها") && !arabic.text().contains("Open on its own"), "{}", arabic.text());

    // An edition never published has nothing to send.
    let token = app.login("editor@example.test", FIXTURE_PASSWORD).access;
    let draft = edition(&app, &token, 40, "draft-one");
    let page = admin.get(&format!("/desk/editions/{draft}/sending"));
    assert!(!page.body.contains("<iframe"));
    assert_eq!(admin.get(&format!("/desk/editions/{draft}/email/en")).status, 409);
}

fn a_test_send_goes_through_smtp(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, id) = mail_app(backend, &smtp);
    let mut admin = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    admin.get(&format!("/desk/editions/{id}/sending"));
    let before = smtp.count();
    let sent =
        admin.post(&format!("/desk/editions/{id}/test-send"), &[("email", "proof@example.test"), ("locale", "ar")]);
    assert_eq!(sent.status, 303, "{}", sent.text());
    assert!(smtp.wait_for(before + 1, Duration::from_secs(30)));
    let message = smtp.received().into_iter().rfind(|m| m.to == ["proof@example.test"]).expect("the test email");
    let data = String::from_utf8_lossy(&message.data).into_owned();
    assert!(data.contains("Subject:"), "{data}");
    assert!(admin.get(&format!("/desk/editions/{id}/sending")).text().contains("The test email was sent"));

    let invalid =
        admin.post(&format!("/desk/editions/{id}/test-send"), &[("email", "not-an-address"), ("locale", "en")]);
    assert_eq!(invalid.status, 422, "{}", invalid.text());
    assert_eq!(invalid.field("email").as_deref(), Some("not-an-address"));
    assert!(invalid.body.contains("id=\"err-test\""));

    smtp.set_down(true);
    let failed =
        admin.post(&format!("/desk/editions/{id}/test-send"), &[("email", "proof@example.test"), ("locale", "en")]);
    assert_eq!(failed.status, 502, "{}", failed.text());
    assert!(failed.body.contains("id=\"err-test\""), "{}", failed.body);
    smtp.set_down(false);

    let forged = admin.post_raw(&format!("/desk/editions/{id}/test-send"), &[("email", "x@example.test")]);
    assert_eq!(forged.status, 403);
}

fn sending_queues_deliveries_after_a_confirmation(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, id) = mail_app(backend, &smtp);
    let admin_token = app.admin_token();
    let csv = "email,locale\nreader1@example.test,ar\nreader2@example.test,ar\nreader3@example.test,en\n";
    let imported = app
        .client
        .post(app.url("/api/v1/subscribers/import"))
        .bearer_auth(&admin_token)
        .header("Content-Type", "text/csv")
        .body(csv)
        .send()
        .unwrap();
    assert_eq!(imported.status(), 200);

    let mut admin = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let confirm = admin.get(&format!("/desk/editions/{id}/send"));
    assert_eq!(confirm.status, 200);
    let text = confirm.text();
    assert!(text.contains("العربية : 2 subscribers") && text.contains("English : one subscriber"), "{text}");
    assert!(text.contains("Yes, send to 3 subscribers"), "{text}");

    let forged = admin.post_raw(&format!("/desk/editions/{id}/send"), &[]);
    assert_eq!(forged.status, 403);
    let delivery = |app: &TestApp| -> Value {
        app.get(&format!("/api/v1/editions/{id}/delivery"), Some(&admin_token)).json().unwrap()
    };
    assert_eq!(delivery(&app)["total"], 0);

    let sent = admin.post(&format!("/desk/editions/{id}/send"), &[]);
    assert_eq!(sent.status, 303, "{}", sent.text());
    assert_eq!(delivery(&app)["total"], 3);
    let page = admin.get(sent.location.as_deref().unwrap());
    assert!(page.text().contains("Out of 3 emails in all"), "{}", page.text());

    // The progress block alone, as the script fetches it, catches up with the workers.
    let started = Instant::now();
    loop {
        let block: Answer = admin.get(&format!("/desk/editions/{id}/sending/progress"));
        assert_eq!(block.status, 200);
        assert!(block.body.contains("role=\"status\""));
        let api = delivery(&app);
        if api["sent"] == 3 && block.body.contains("<dt>Sent</dt><dd>3</dd>") {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{}", block.body);
        std::thread::sleep(Duration::from_millis(200));
    }
    let again = admin.get(&format!("/desk/editions/{id}/send"));
    assert!(again.text().contains("Every confirmed subscriber already has this edition"), "{}", again.text());
}
