//! Editions: texts, ordered stories, readiness, and publishing all at once.

use crate::common;

use common::newsroom::{create_story, must, status, write};
use common::{assert_problem, Backend, TestApp};
use serde_json::{json, Value};

on_both_backends!(
    an_edition_goes_from_nothing_to_published,
    publishing_is_atomic,
    stories_are_ordered_and_belong_to_one_edition,
    outdated_translations_can_block_publishing,
);

struct Newsroom {
    app: TestApp,
    editor: String,
    reviewer: String,
}

fn newsroom(backend: Backend) -> Newsroom {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    Newsroom { app, editor, reviewer }
}

fn create_edition(room: &Newsroom, number: i64, slug: &str) -> i64 {
    let created = room.app.post("/api/v1/editions", &json!({"number": number, "slug": slug}), Some(&room.editor));
    assert_eq!(created.status(), 201);
    created.json::<Value>().unwrap()["id"].as_i64().unwrap()
}

fn set_text(room: &Newsroom, edition: i64, locale: &str, title: &str) {
    let body = json!({"title": title, "foreword": "Dear readers,\n\nThis quarter…",
                      "signature": {"name": "Layla Haddad", "role": "Head of Office"}});
    let response =
        room.app.put(&format!("/api/v1/editions/{edition}/translations/{locale}"), &body, &room.editor, None);
    assert_eq!(response.status(), 200);
}

fn approve(room: &Newsroom, story: i64, locale: &str) {
    must(&room.app, &room.editor, story, locale, "submit");
    must(&room.app, &room.reviewer, story, locale, "approve");
}

fn an_edition_goes_from_nothing_to_published(backend: Backend) {
    let room = newsroom(backend);
    let app = &room.app;
    let edition = create_edition(&room, 12, "spring-2026");
    let floods = create_story(app, &room.editor, "floods");
    let schools = create_story(app, &room.editor, "schools");
    let patch =
        app.patch(&format!("/api/v1/editions/{edition}"), &json!({"story_ids": [schools, floods]}), Some(&room.editor));
    assert_eq!(patch.status(), 200);
    write(app, &room.editor, floods, "en", "Floods");
    write(app, &room.editor, floods, "ar", "فيضانات");
    write(app, &room.editor, schools, "en", "Schools reopen");
    approve(&room, floods, "en");
    set_text(&room, edition, "en", "Spring bulletin");

    let refused = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&room.reviewer));
    let body = assert_problem(refused, 409, "edition-not-ready", "en");
    let mut report: Vec<(Value, Value, Value, Value)> = body["not_ready"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["slug"].clone(), n["locale"].clone(), n["reason"].clone(), n["status"].clone()))
        .collect();
    report.sort_by_key(|r| format!("{r:?}"));
    let mut expected = vec![
        (Value::Null, json!("ar"), json!("missing_edition_text"), Value::Null),
        (json!("floods"), json!("ar"), json!("not_approved"), json!("draft")),
        (json!("schools"), json!("ar"), json!("missing_translation"), Value::Null),
        (json!("schools"), json!("en"), json!("not_approved"), json!("draft")),
    ];
    expected.sort_by_key(|r| format!("{r:?}"));
    assert_eq!(report, expected);
    assert!(body["detail"].as_str().unwrap().contains('4'));
    let readiness: Vec<Value> =
        app.get(&format!("/api/v1/editions/{edition}/readiness"), Some(&room.editor)).json().unwrap();
    assert_eq!(readiness.len(), 4);
    assert_eq!(status(app, &room.editor, floods, "en")["status"], "approved", "a refused publish changes nothing");

    write(app, &room.editor, schools, "ar", "عودة المدارس");
    approve(&room, floods, "ar");
    approve(&room, schools, "en");
    approve(&room, schools, "ar");
    set_text(&room, edition, "ar", "نشرة الربيع");
    assert_problem(
        app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&room.editor)),
        403,
        "forbidden",
        "en",
    );
    let published = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&room.reviewer));
    assert_eq!(published.status(), 200);
    let published: Value = published.json().unwrap();
    assert!(published["published_at"].is_string());
    let order: Vec<&str> =
        published["stories"].as_array().unwrap().iter().map(|s| s["slug"].as_str().unwrap()).collect();
    assert_eq!(order, ["schools", "floods"]);
    assert_eq!(published["translations"][0]["signature"]["role"], "Head of Office");
    for story in [floods, schools] {
        for locale in ["en", "ar"] {
            let translation = status(app, &room.editor, story, locale);
            assert_eq!(translation["status"], "published");
            assert_eq!(translation["live_revision"], 1);
        }
    }
    let events: Vec<Value> =
        app.get(&format!("/api/v1/stories/{floods}/translations/ar/events"), Some(&room.editor)).json().unwrap();
    assert_eq!(events.last().unwrap()["comment"], "edition 12");
}

fn publishing_is_atomic(backend: Backend) {
    let room = newsroom(backend);
    let app = &room.app;
    let edition = create_edition(&room, 1, "first");
    let stories: Vec<i64> = (0..3).map(|n| create_story(app, &room.editor, &format!("story-{n}"))).collect();
    app.patch(&format!("/api/v1/editions/{edition}"), &json!({"story_ids": stories}), Some(&room.editor));
    for &story in &stories {
        for locale in ["en", "ar"] {
            write(app, &room.editor, story, locale, &format!("Story {story} {locale}"));
            approve(&room, story, locale);
        }
    }
    set_text(&room, edition, "en", "First");
    set_text(&room, edition, "ar", "الأول");

    // Make the database refuse to publish the last story, after the others were updated.
    let last = stories[2];
    if app.database.is_sqlite() {
        app.database.execute(&format!(
            "CREATE TRIGGER fail_publish BEFORE UPDATE ON story_translations \
             WHEN NEW.status = 'published' AND OLD.story_id = {last} \
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
        ));
    } else {
        app.database.execute(&format!(
            "CREATE FUNCTION fail_publish() RETURNS trigger AS $$ BEGIN \
               IF NEW.status = 'published' AND OLD.story_id = {last} THEN RAISE EXCEPTION 'injected failure'; END IF; \
               RETURN NEW; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER fail_publish BEFORE UPDATE ON story_translations \
               FOR EACH ROW EXECUTE FUNCTION fail_publish();"
        ));
    }
    let failed = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&room.reviewer));
    assert_eq!(failed.status(), 500);
    for &story in &stories {
        for locale in ["en", "ar"] {
            let translation = status(app, &room.editor, story, locale);
            assert_eq!(
                translation["status"], "approved",
                "story {story} {locale} was published by a failed edition publish"
            );
            assert_eq!(translation["live_revision"], Value::Null);
        }
    }
    let edition_now: Value = app.get(&format!("/api/v1/editions/{edition}"), Some(&room.editor)).json().unwrap();
    assert_eq!(edition_now["published_at"], Value::Null);

    app.database.execute(if app.database.is_sqlite() {
        "DROP TRIGGER fail_publish;"
    } else {
        "DROP TRIGGER fail_publish ON story_translations; DROP FUNCTION fail_publish();"
    });
    let published = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&room.reviewer));
    assert_eq!(published.status(), 200);
    assert_eq!(status(app, &room.editor, last, "ar")["status"], "published");
}

fn stories_are_ordered_and_belong_to_one_edition(backend: Backend) {
    let room = newsroom(backend);
    let app = &room.app;
    let first = create_edition(&room, 1, "one");
    let second = create_edition(&room, 2, "two");
    let [a, b, c] = ["a", "b", "c"].map(|slug| create_story(app, &room.editor, slug));
    let path = format!("/api/v1/editions/{first}");
    let set = |ids: Value| app.patch(&path, &json!({"story_ids": ids}), Some(&room.editor));
    let order = |response: reqwest::blocking::Response| -> Vec<String> {
        let body: Value = response.json().unwrap();
        body["stories"].as_array().unwrap().iter().map(|s| s["slug"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(order(set(json!([c, a, b]))), ["c", "a", "b"]);
    assert_eq!(order(set(json!([b, c]))), ["b", "c"]);
    let story_a: Value = app.get(&format!("/api/v1/stories/{a}"), Some(&room.editor)).json().unwrap();
    assert_eq!(story_a["edition_id"], Value::Null, "a story left out leaves the edition");

    let taken = app.patch(&format!("/api/v1/editions/{second}"), &json!({"story_ids": [b]}), Some(&room.editor));
    assert_problem(taken, 409, "story-in-other-edition", "en");
    assert_problem(set(json!([a, a])), 422, "validation-failed", "en");
    assert_problem(set(json!([a, 9999])), 422, "validation-failed", "en");
    assert_eq!(order(app.get(&path, Some(&room.editor))), ["b", "c"], "refused changes change nothing");

    let duplicate = app.post("/api/v1/editions", &json!({"number": 1, "slug": "other"}), Some(&room.editor));
    assert_problem(duplicate, 409, "edition-number-taken", "en");
    let duplicate = app.post("/api/v1/editions", &json!({"number": 3, "slug": "one"}), Some(&room.editor));
    assert_problem(duplicate, 409, "slug-taken", "en");
    let invalid = app.post(
        "/api/v1/editions",
        &json!({"number": 0, "slug": "x", "required_locales": ["fr"]}),
        Some(&room.editor),
    );
    let body = assert_problem(invalid, 422, "validation-failed", "en");
    assert_eq!(body["errors"].as_array().unwrap().len(), 2);
    let list: Value = app.get("/api/v1/editions", Some(&room.reviewer)).json().unwrap();
    assert_eq!(list["items"][0]["number"], 2, "newest first");
    let by_reviewer = app.post("/api/v1/editions", &json!({"number": 5, "slug": "five"}), Some(&room.reviewer));
    assert_problem(by_reviewer, 403, "forbidden", "en");
}

fn outdated_translations_can_block_publishing(backend: Backend) {
    let room = newsroom(backend);
    let app = &room.app;
    let edition = create_edition(&room, 1, "strict");
    let story = create_story(app, &room.editor, "changing");
    app.patch(
        &format!("/api/v1/editions/{edition}"),
        &json!({"story_ids": [story], "refuse_outdated": true}),
        Some(&room.editor),
    );
    write(app, &room.editor, story, "en", "Version one");
    write(app, &room.editor, story, "ar", "النسخة الأولى");
    write(app, &room.editor, story, "en", "Version two");
    approve(&room, story, "en");
    approve(&room, story, "ar");
    set_text(&room, edition, "en", "Strict");
    set_text(&room, edition, "ar", "صارم");
    let refused = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&room.reviewer));
    let body = assert_problem(refused, 409, "edition-not-ready", "en");
    assert_eq!(
        body["not_ready"],
        json!([{"story_id": story, "slug": "changing", "locale": "ar", "reason": "outdated"}])
    );
    app.patch(&format!("/api/v1/editions/{edition}"), &json!({"refuse_outdated": false}), Some(&room.editor));
    let published = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&room.reviewer));
    assert_eq!(published.status(), 200);
}
