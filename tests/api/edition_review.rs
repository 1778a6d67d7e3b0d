//! A published edition's texts, cover and story list change for readers only once a reviewer
//! publishes the change; edits, publishes, sends and role changes leave an audit trail.

use crate::common;

use common::fixture::{png, publish_newsletter, Newsletter};
use common::smtp::SmtpServer;
use common::{assert_problem, nashra_command, run_cli, Backend, TestApp};
use reqwest::blocking::multipart::{Form, Part};
use serde_json::{json, Value};

on_both_backends!(
    an_edit_of_a_published_edition_waits_for_a_reviewer,
    the_author_of_a_change_cannot_publish_it,
    edits_publishes_sends_and_role_changes_are_recorded,
    published_addresses_and_sections_change_only_by_a_reviewer,
);

const NEW_TITLE: &str = "Summer 2026 (rewritten)";
const NEW_FOREWORD: &str = "A rewritten foreword nobody reviewed.";
const NEW_SIGNER: &str = "Unreviewed Signer";

fn upload(app: &TestApp, token: &str) -> Value {
    let part = Part::bytes(png(32, 32)).file_name("new-cover.png").mime_str("image/png").unwrap();
    let form = Form::new().part("file", part).text("credit", "Someone");
    let response = app.client.post(app.url("/api/v1/media")).bearer_auth(token).multipart(form).send().unwrap();
    assert_eq!(response.status(), 201);
    response.json().unwrap()
}

fn file_name(media: &Value) -> String {
    media["url"].as_str().unwrap().rsplit('/').next().unwrap().to_owned()
}

/// The editor rewrites the English text, sets a new cover and drops a story.
fn edit_published(app: &TestApp, newsletter: &Newsletter, cover: i64) {
    let edition = newsletter.edition;
    let text = json!({"title": NEW_TITLE, "foreword": NEW_FOREWORD,
                      "signature": {"name": NEW_SIGNER, "role": "Nobody"}, "cover_alt": "new alt"});
    let saved = app.put(&format!("/api/v1/editions/{edition}/translations/en"), &text, &newsletter.editor, None);
    assert_eq!(saved.status(), 200);
    let changes = json!({"cover_media_id": cover, "story_ids": [newsletter.stories[1]]});
    let patched = app.patch(&format!("/api/v1/editions/{edition}"), &changes, Some(&newsletter.editor));
    assert_eq!(patched.status(), 200);
}

/// Everything readers get of the edition in English: pages, public JSON, feed, email.
fn reader_view(app: &TestApp, newsletter: &Newsletter) -> String {
    let edition = newsletter.edition;
    let mut seen = String::new();
    for path in ["/en/", "/en/editions/spring-2026/", "/en/archive/", "/en/stories/schools-reopen/", "/en/feed.atom"] {
        let response = app.get(path, None);
        assert_eq!(response.status(), 200, "{path}");
        seen.push_str(&response.text().unwrap());
    }
    let public = app.get("/api/v1/public/en/editions/spring-2026", None);
    assert_eq!(public.status(), 200);
    seen.push_str(&public.text().unwrap());
    let email = app.get(&format!("/api/v1/editions/{edition}/email?locale=en"), Some(&newsletter.editor));
    assert_eq!(email.status(), 200);
    seen.push_str(&email.text().unwrap());
    seen
}

fn an_edit_of_a_published_edition_waits_for_a_reviewer(backend: Backend) {
    let app = TestApp::spawn(backend);
    let newsletter = publish_newsletter(&app);
    let edition = newsletter.edition;
    let cover = upload(&app, &newsletter.editor);
    let cover_file = file_name(&cover);
    let old_file = newsletter.image_url.rsplit('/').next().unwrap().to_owned();

    // A cover that does not exist is refused, and changes nothing.
    let missing =
        app.patch(&format!("/api/v1/editions/{edition}"), &json!({"cover_media_id": 999999}), Some(&newsletter.editor));
    let body = assert_problem(missing, 422, "validation-failed", "en");
    assert_eq!(body["errors"][0]["field"], "cover_media_id");

    edit_published(&app, &newsletter, cover["id"].as_i64().unwrap());

    let before = reader_view(&app, &newsletter);
    for unreviewed in [NEW_TITLE, NEW_FOREWORD, NEW_SIGNER, cover_file.as_str(), "new alt"] {
        assert!(!before.contains(unreviewed), "readers see {unreviewed:?} before review");
    }
    for reviewed in ["Spring 2026 foreword.", "Layla Haddad", "A new well for Hamdaniya"] {
        assert!(before.contains(reviewed), "readers lost {reviewed:?} before review");
    }
    let public: Value = app.get("/api/v1/public/en/editions/spring-2026", None).json().unwrap();
    assert_eq!(public["title"], "Spring 2026");
    assert_eq!(public["stories"].as_array().unwrap().len(), 2);
    assert_eq!(app.get(&format!("/media/{cover_file}"), None).status(), 404, "the unreviewed cover is served");
    assert_eq!(app.get(&format!("/media/{old_file}"), None).status(), 200);

    // Editors see both: what they work on, and what readers see.
    let shown: Value = app.get(&format!("/api/v1/editions/{edition}"), Some(&newsletter.editor)).json().unwrap();
    assert_eq!(shown["pending_changes"], true, "{shown}");
    assert_eq!(shown["cover_media_id"], cover["id"]);
    assert_eq!(shown["live"]["cover_media_id"], Value::Null);
    let english =
        |texts: &Value| texts.as_array().unwrap().iter().find(|t| t["locale"] == "en").unwrap()["title"].clone();
    assert_eq!(english(&shown["translations"]), NEW_TITLE);
    assert_eq!(english(&shown["live"]["translations"]), "Spring 2026");
    assert_eq!(shown["live"]["story_ids"], json!([newsletter.stories[0], newsletter.stories[1]]));
    assert!(shown["revision"].as_i64().unwrap() > shown["live_revision"].as_i64().unwrap());

    // Editors may not publish it.
    let refused = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&newsletter.editor));
    assert_problem(refused, 403, "forbidden", "en");
    assert!(!reader_view(&app, &newsletter).contains(NEW_TITLE));

    // A reviewer publishes it: now readers see it all.
    let published = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&newsletter.reviewer));
    assert_eq!(published.status(), 200);
    let published: Value = published.json().unwrap();
    assert_eq!(published["pending_changes"], false);
    assert_eq!(published["live_revision"], published["revision"]);
    let after = reader_view(&app, &newsletter);
    for reviewed in [NEW_TITLE, NEW_FOREWORD, NEW_SIGNER, cover_file.as_str()] {
        assert!(after.contains(reviewed), "readers do not see {reviewed:?} after review");
    }
    let public: Value = app.get("/api/v1/public/en/editions/spring-2026", None).json().unwrap();
    assert_eq!(public["title"], NEW_TITLE);
    let slugs: Vec<&str> = public["stories"].as_array().unwrap().iter().map(|s| s["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["schools-reopen"]);
    assert_eq!(app.get(&format!("/media/{cover_file}"), None).status(), 200);

    // Saving the same text again changes nothing readers would see: nothing to review.
    let same = json!({"title": NEW_TITLE, "foreword": NEW_FOREWORD,
                      "signature": {"name": NEW_SIGNER, "role": "Nobody"}, "cover_alt": "new alt"});
    let saved: Value = app
        .put(&format!("/api/v1/editions/{edition}/translations/en"), &same, &newsletter.editor, None)
        .json()
        .unwrap();
    assert_eq!(saved["pending_changes"], false, "{saved}");
}

fn the_author_of_a_change_cannot_publish_it(backend: Backend) {
    for allowed in [false, true] {
        let setting = allowed.to_string();
        let app = TestApp::spawn_with(backend.clone(), &[("NASHRA_WORKFLOW__ALLOW_SELF_APPROVAL", setting.as_str())]);
        let newsletter = publish_newsletter(&app);
        let edition = newsletter.edition;
        let both = app.user_with("both@example.test", &["editor", "reviewer"]);
        let text = json!({"title": NEW_TITLE, "foreword": "x", "signature": {"name": "n", "role": "r"}});
        assert_eq!(app.put(&format!("/api/v1/editions/{edition}/translations/en"), &text, &both, None).status(), 200);

        let own = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&both));
        if allowed {
            assert_eq!(own.status(), 200, "self-approval is allowed");
            continue;
        }
        assert_problem(own, 403, "own-revision", "en");
        assert!(!app.get("/en/", None).text().unwrap().contains(NEW_TITLE));
        let other = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&newsletter.reviewer));
        assert_eq!(other.status(), 200);
        assert!(app.get("/en/", None).text().unwrap().contains(NEW_TITLE));
    }
}

fn id_of(app: &TestApp, token: &str) -> i64 {
    app.get("/api/v1/me", Some(token)).json::<Value>().unwrap()["id"].as_i64().unwrap()
}

fn events(app: &TestApp, path: &str, token: &str) -> Vec<Value> {
    let response = app.get(path, Some(token));
    assert_eq!(response.status(), 200, "{path}");
    response.json::<Value>().unwrap()["items"].as_array().unwrap().clone()
}

fn edits_publishes_sends_and_role_changes_are_recorded(backend: Backend) {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = TestApp::spawn_with(backend, &[("NASHRA_SMTP_URL", url.as_str())]);
    let newsletter = publish_newsletter(&app);
    let edition = newsletter.edition;
    let admin = app.admin_token();
    let (admin_id, editor_id, reviewer_id) =
        (id_of(&app, &admin), id_of(&app, &newsletter.editor), id_of(&app, &newsletter.reviewer));

    let text = json!({"title": NEW_TITLE, "foreword": "Spring 2026 foreword.",
                      "signature": {"name": "Layla Haddad", "role": "Head of Office"}});
    assert_eq!(
        app.put(&format!("/api/v1/editions/{edition}/translations/en"), &text, &newsletter.editor, None).status(),
        200
    );
    assert_eq!(
        app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&newsletter.reviewer)).status(),
        200
    );
    assert_eq!(app.post(&format!("/api/v1/editions/{edition}/send"), &json!({}), Some(&admin)).status(), 202);
    let tested = app.post(
        &format!("/api/v1/editions/{edition}/test-send"),
        &json!({"email": "proof@example.test", "locale": "en"}),
        Some(&admin),
    );
    assert_eq!(tested.status(), 204);

    // Every role may read an edition's trail.
    for token in [&newsletter.editor, &newsletter.reviewer, &admin] {
        events(&app, &format!("/api/v1/editions/{edition}/events"), token);
    }
    let trail = events(&app, &format!("/api/v1/editions/{edition}/events"), &newsletter.editor);
    let find = |action: &str| -> Vec<&Value> { trail.iter().filter(|e| e["action"] == action).collect() };
    assert_eq!(find("create")[0]["actor_id"], editor_id);
    let last_edit = find("edit").last().copied().unwrap().clone();
    assert_eq!(last_edit["actor_id"], editor_id);
    assert_eq!(last_edit["detail"]["locale"], "en");
    assert_eq!(last_edit["detail"]["fields"], json!(["title"]));
    assert!(find("edit").iter().any(|e| e["detail"]["fields"] == json!(["story_ids"])), "{trail:?}");
    let publishes = find("publish");
    assert_eq!(publishes.len(), 2, "{trail:?}");
    assert!(publishes.iter().all(|e| e["actor_id"] == reviewer_id));
    assert_eq!(publishes[1]["detail"]["revision"], last_edit["detail"]["revision"]);
    assert_eq!(find("send")[0]["actor_id"], admin_id);
    assert_eq!(find("test_send")[0]["actor_id"], admin_id);
    assert_eq!(find("test_send")[0]["detail"]["to"], "proof@example.test");
    assert!(trail.windows(2).all(|w| w[0]["id"].as_i64() < w[1]["id"].as_i64()), "oldest first");

    // Role changes and disabling, by an admin through the API and by the operator's shell.
    let path = format!("/api/v1/users/{editor_id}");
    assert_eq!(app.patch(&path, &json!({"roles": ["editor", "reviewer"]}), Some(&admin)).status(), 200);
    assert_eq!(app.patch(&path, &json!({"preferred_locale": "ar"}), Some(&admin)).status(), 200);
    assert_eq!(app.patch(&path, &json!({"disabled": true}), Some(&admin)).status(), 200);
    let user_trail = events(&app, &format!("/api/v1/users/{editor_id}/events"), &admin);
    let actions: Vec<&str> = user_trail.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "roles_changed", "disabled"]);
    assert!(user_trail.iter().all(|e| e["actor_id"] == admin_id), "{user_trail:?}");
    assert_eq!(user_trail[1]["detail"], json!({"from": ["editor"], "to": ["editor", "reviewer"]}));
    assert_problem(
        app.get(&format!("/api/v1/users/{editor_id}/events"), Some(&newsletter.reviewer)),
        403,
        "forbidden",
        "en",
    );
    assert_problem(app.get("/api/v1/users/999999/events", Some(&admin)), 404, "not-found", "en");
    assert_problem(app.get("/api/v1/editions/999999/events", Some(&admin)), 404, "not-found", "en");

    let added = run_cli(
        nashra_command(&app.database.url, &app.secret),
        &["user", "add", "--email", "shell@example.test", "--name", "Shell", "--role", "reviewer", "--password-stdin"],
        "a-password-for-tests",
    );
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let all = events(&app, "/api/v1/audit?per_page=100", &admin);
    let shell = all.iter().find(|e| e["detail"]["email"] == "shell@example.test").expect("the shell's user add");
    assert_eq!(shell["action"], "create");
    assert_eq!(shell["actor_id"], Value::Null);
    assert_eq!(shell["detail"]["roles"], json!(["reviewer"]));
    let editions = events(&app, "/api/v1/audit?subject=edition&per_page=100", &admin);
    assert_eq!(editions.len(), trail.len());
}

/// What readers already see and link to, a published story's slug and section and a
/// published edition's number and slug, an editor alone cannot change; a draft's they can.
fn published_addresses_and_sections_change_only_by_a_reviewer(backend: Backend) {
    let app = TestApp::spawn(backend);
    let newsletter = publish_newsletter(&app);
    let (editor, admin) = (&newsletter.editor, app.admin_token());
    let story = format!("/api/v1/stories/{}", newsletter.stories[0]);
    for change in [json!({"section": "z"}), json!({"slug": "renamed-well"})] {
        assert_problem(app.patch(&story, &change, Some(editor)), 409, "published-needs-reviewer", "en");
    }
    let edition = format!("/api/v1/editions/{}", newsletter.edition);
    for change in [json!({"slug": "renamed-edition"}), json!({"number": 99})] {
        assert_problem(app.patch(&edition, &change, Some(editor)), 409, "published-needs-reviewer", "en");
    }
    assert_eq!(app.get("/en/stories/new-well/", None).status(), 200, "nothing changed for readers");
    assert_eq!(app.get("/en/editions/spring-2026/", None).status(), 200);
    // The same values, sent again, change nothing and are fine; so is a draft's section.
    assert_eq!(app.patch(&story, &json!({"slug": "new-well"}), Some(editor)).status(), 200);
    let draft = format!("/api/v1/stories/{}", newsletter.draft);
    assert_eq!(app.patch(&draft, &json!({"section": "z"}), Some(editor)).status(), 200);
    // An admin may.
    assert_eq!(app.patch(&story, &json!({"slug": "renamed-well"}), Some(&admin)).status(), 200);
    assert_eq!(app.patch(&edition, &json!({"slug": "renamed-edition"}), Some(&admin)).status(), 200);
    assert_eq!(app.get("/en/stories/renamed-well/", None).status(), 200);
    assert_eq!(app.get("/en/editions/renamed-edition/", None).status(), 200);
}
