//! The editorial workflow over the API: transitions and roles, live and latest revisions,
//! optimistic concurrency, revisions, scheduling and translation freshness.

use crate::common;

use std::time::{Duration, Instant};

use common::newsroom::{act, create_story, must, save, status, translation_path, write};
use common::{assert_problem, Backend, TestApp};
use serde_json::{json, Value};

on_both_backends!(
    every_transition_for_every_role,
    own_revisions_need_another_reviewer,
    self_approval_can_be_allowed,
    changes_need_a_comment_and_the_trail_keeps_it,
    editing_a_published_text_keeps_the_live_one,
    saves_need_the_current_etag_and_exactly_one_concurrent_save_wins,
    revisions_are_listed_compared_and_restored,
    scheduled_publishing_survives_a_restart,
    outdated_translations_are_flagged_until_updated_or_confirmed,
    stories_are_listed_by_status_locale_author_and_review,
    published_stories_cannot_be_deleted,
    bad_paths_and_bodies_are_refused,
);

/// The allowed moves; everything else must be refused with 409 (or 403 for the wrong role).
const ALLOWED: &[(&str, &str, &str)] = &[
    ("draft", "submit", "in_review"),
    ("changes_requested", "submit", "in_review"),
    ("in_review", "withdraw", "draft"),
    ("in_review", "approve", "approved"),
    ("in_review", "request_changes", "changes_requested"),
    ("approved", "publish", "published"),
    ("published", "unpublish", "draft"),
];
const ACTIONS: [&str; 6] = ["submit", "withdraw", "approve", "request_changes", "publish", "unpublish"];
const STATES: [&str; 5] = ["draft", "in_review", "changes_requested", "approved", "published"];

fn is_reviewer_action(action: &str) -> bool {
    !matches!(action, "submit" | "withdraw")
}

/// A new story whose English text was written by `author` and brought to `state`.
fn story_in(app: &TestApp, author: &str, reviewer: &str, state: &str, n: usize) -> i64 {
    let story = create_story(app, author, &format!("story-{}-{n}", state.replace('_', "-")));
    write(app, author, story, "en", "Floods in the valley");
    let path: &[(&str, &str)] = match state {
        "draft" => &[],
        "in_review" => &[("submit", author)],
        "changes_requested" => &[("submit", author), ("request_changes", reviewer)],
        "approved" => &[("submit", author), ("approve", reviewer)],
        "published" => &[("submit", author), ("approve", reviewer), ("publish", reviewer)],
        _ => unreachable!(),
    };
    for (action, token) in path {
        must(app, token, story, "en", action);
    }
    assert_eq!(status(app, author, story, "en")["status"], state);
    story
}

fn every_transition_for_every_role(backend: Backend) {
    let app = TestApp::spawn(backend);
    let author = app.user_with("author@example.test", &["editor"]);
    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    let other_editor = app.user_with("editor2@example.test", &["editor"]);
    let admin = app.admin_token();
    let mut n = 0;
    for state in STATES {
        for action in ACTIONS {
            for (role, token) in [("editor", &other_editor), ("reviewer", &reviewer), ("admin", &admin)] {
                n += 1;
                let story = story_in(&app, &author, &reviewer, state, n);
                let before = status(&app, &author, story, "en");
                let response = act(&app, token, story, "en", action, Some("a reason"));
                let allowed = ALLOWED.iter().find(|(from, a, _)| *from == state && *a == action);
                let role_ok = role == "admin" || (role == "reviewer") == is_reviewer_action(action);
                let context = format!("{role} {action} from {state}");
                match (allowed, role_ok) {
                    (_, false) => {
                        assert_problem(response, 403, "forbidden", "en");
                    }
                    (Some((_, _, to)), true) => {
                        assert_eq!(response.status(), 200, "{context}");
                        let after: Value = response.json().unwrap();
                        assert_eq!(after["status"], *to, "{context}");
                        assert!(after["version"].as_i64() > before["version"].as_i64(), "{context}");
                        continue;
                    }
                    (None, true) => {
                        let body = assert_problem(response, 409, "transition-not-allowed", "en");
                        assert!(body["detail"].as_str().unwrap().contains("not possible"), "{context}");
                    }
                }
                // Refused: nothing changed.
                let after = status(&app, &author, story, "en");
                assert_eq!(after["status"], before["status"], "{context}");
                assert_eq!(after["version"], before["version"], "{context}");
            }
        }
    }
}

fn own_revisions_need_another_reviewer(backend: Backend) {
    let app = TestApp::spawn(backend);
    let both = app.user_with("both@example.test", &["editor", "reviewer"]);
    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    let story = create_story(&app, &both, "own-work");
    write(&app, &both, story, "en", "My own story");
    must(&app, &both, story, "en", "submit");
    assert_problem(act(&app, &both, story, "en", "approve", None), 403, "own-revision", "en");
    assert_eq!(status(&app, &both, story, "en")["status"], "in_review");
    must(&app, &reviewer, story, "en", "approve");
}

fn self_approval_can_be_allowed(backend: Backend) {
    let app = TestApp::spawn_with(backend, &[("NASHRA_WORKFLOW__ALLOW_SELF_APPROVAL", "true")]);
    let both = app.user_with("both@example.test", &["editor", "reviewer"]);
    let story = create_story(&app, &both, "own-work");
    write(&app, &both, story, "en", "My own story");
    must(&app, &both, story, "en", "submit");
    must(&app, &both, story, "en", "approve");
}

fn changes_need_a_comment_and_the_trail_keeps_it(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    let story = create_story(&app, &editor, "needs-work");
    write(&app, &editor, story, "en", "Draft");
    must(&app, &editor, story, "en", "submit");
    for comment in [None, Some("   ")] {
        let body = assert_problem(
            act(&app, &reviewer, story, "en", "request_changes", comment),
            422,
            "validation-failed",
            "en",
        );
        assert_eq!(body["errors"][0]["field"], "comment");
    }
    assert_eq!(status(&app, &editor, story, "en")["status"], "in_review");
    let changed = act(&app, &reviewer, story, "en", "request_changes", Some("Add the date of the distribution."));
    assert_eq!(changed.status(), 200);
    // Editing while changes are requested keeps that status until resubmitted.
    write(&app, &editor, story, "en", "Draft with the date");
    assert_eq!(status(&app, &editor, story, "en")["status"], "changes_requested");
    must(&app, &editor, story, "en", "submit");

    let events: Vec<Value> =
        app.get(&format!("{}/events", translation_path(story, "en")), Some(&editor)).json().unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "submit", "request_changes", "edit", "submit"]);
    let request = &events[2];
    assert_eq!(request["comment"], "Add the date of the distribution.");
    assert_eq!(request["from"], "in_review");
    assert_eq!(request["to"], "changes_requested");
    assert_eq!(request["actor_name"], "reviewer@example.test");
}

fn editing_a_published_text_keeps_the_live_one(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    let story = create_story(&app, &editor, "live-story");
    write(&app, &editor, story, "en", "First version");
    for (token, action) in [(&editor, "submit"), (&reviewer, "approve"), (&reviewer, "publish")] {
        must(&app, token, story, "en", action);
    }
    write(&app, &editor, story, "en", "Second version");
    let latest = status(&app, &editor, story, "en");
    assert_eq!(latest["status"], "draft");
    assert_eq!(latest["title"], "Second version");
    assert_eq!(latest["latest_revision"], 2);
    assert_eq!(latest["live_revision"], 1);
    let live: Value =
        app.get(&format!("{}?revision=live", translation_path(story, "en")), Some(&editor)).json().unwrap();
    assert_eq!(live["title"], "First version");

    for (token, action) in [(&editor, "submit"), (&reviewer, "approve"), (&reviewer, "publish")] {
        must(&app, token, story, "en", action);
    }
    let live: Value =
        app.get(&format!("{}?revision=live", translation_path(story, "en")), Some(&editor)).json().unwrap();
    assert_eq!(live["title"], "Second version");

    let unpublished = must(&app, &reviewer, story, "en", "unpublish");
    assert_eq!(unpublished["status"], "draft");
    assert_eq!(unpublished["live_revision"], Value::Null);
    let gone = app.get(&format!("{}?revision=live", translation_path(story, "en")), Some(&editor));
    assert_problem(gone, 404, "not-found", "en");
}

fn saves_need_the_current_etag_and_exactly_one_concurrent_save_wins(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let story = create_story(&app, &editor, "contested");
    let created = save(&app, &editor, story, "en", "Original", None);
    assert_eq!(created.status(), 201);
    let tag = created.headers()["etag"].to_str().unwrap().to_owned();

    assert_problem(save(&app, &editor, story, "en", "No precondition", None), 428, "precondition-required", "en");
    assert_problem(save(&app, &editor, story, "en", "Made up", Some("\"999\"")), 412, "precondition-failed", "en");
    let unchanged = status(&app, &editor, story, "en");
    assert_eq!(unchanged["title"], "Original");

    for round in 0..5 {
        let current = app.get(&translation_path(story, "en"), Some(&editor));
        let tag = current.headers()["etag"].to_str().unwrap().to_owned();
        let revisions_before = app
            .get(&format!("{}/revisions", translation_path(story, "en")), Some(&editor))
            .json::<Vec<Value>>()
            .unwrap()
            .len();
        let outcomes: Vec<(u16, String)> = std::thread::scope(|scope| {
            let handles: Vec<_> = ["Alice's edit", "Bassam's edit"]
                .into_iter()
                .map(|title| {
                    let (app, editor, tag) = (&app, &editor, &tag);
                    let title = format!("{title} {round}");
                    scope.spawn(move || (save(app, editor, story, "en", &title, Some(tag)).status().as_u16(), title))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut codes: Vec<u16> = outcomes.iter().map(|(code, _)| *code).collect();
        codes.sort_unstable();
        assert_eq!(codes, [200, 412], "round {round}");
        let winner = &outcomes.iter().find(|(code, _)| *code == 200).unwrap().1;
        assert_eq!(status(&app, &editor, story, "en")["title"], winner.as_str());
        let revisions: Vec<Value> =
            app.get(&format!("{}/revisions", translation_path(story, "en")), Some(&editor)).json().unwrap();
        assert_eq!(
            revisions.len(),
            revisions_before + 1,
            "round {round}: the winner's revision is kept, the loser wrote none"
        );
        assert_eq!(revisions[0]["title"], winner.as_str());
    }
    let _ = tag;
}

fn revisions_are_listed_compared_and_restored(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let story = create_story(&app, &editor, "history");
    let path = translation_path(story, "en");
    write(&app, &editor, story, "en", "Version one");
    let tag = write(&app, &editor, story, "en", "Version two");
    // Saving the same text again makes no new revision.
    let same = save(&app, &editor, story, "en", "Version two", Some(&tag));
    assert_eq!(same.status(), 200);
    let revisions: Vec<Value> = app.get(&format!("{path}/revisions"), Some(&editor)).json().unwrap();
    let numbers: Vec<i64> = revisions.iter().map(|r| r["number"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [2, 1]);

    let first: Value = app.get(&format!("{path}/revisions/1"), Some(&editor)).json().unwrap();
    assert_eq!(first["title"], "Version one");
    let comparison: Value = app.get(&format!("{path}/revisions/compare?from=1&to=2"), Some(&editor)).json().unwrap();
    let fields: Vec<&str> =
        comparison["changes"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["title", "summary", "body"]);
    assert!(comparison["changes"][2]["diff"].as_str().unwrap().contains("+# Version two"));

    let restored = app.post(&format!("{path}/revisions/1/restore"), &json!({}), Some(&editor));
    assert_eq!(restored.status(), 200);
    let restored: Value = restored.json().unwrap();
    assert_eq!(restored["title"], "Version one");
    assert_eq!(restored["latest_revision"], 3);
    let revisions: Vec<Value> = app.get(&format!("{path}/revisions"), Some(&editor)).json().unwrap();
    assert_eq!(revisions[0]["restored_from"], 1);
    assert_eq!(revisions.len(), 3, "history is kept, not rewritten");
    let events: Vec<Value> = app.get(&format!("{path}/events"), Some(&editor)).json().unwrap();
    let restore = events.iter().find(|e| e["action"] == "restore").expect("a restore event");
    assert_eq!(restore["revision"], 3);
    assert_problem(app.get(&format!("{path}/revisions/9"), Some(&editor)), 404, "not-found", "en");
}

fn scheduled_publishing_survives_a_restart(backend: Backend) {
    let mut app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    let story = create_story(&app, &editor, "embargoed");
    write(&app, &editor, story, "en", "Embargoed until later");
    must(&app, &editor, story, "en", "submit");
    must(&app, &reviewer, story, "en", "approve");
    let at = chrono::Utc::now() + chrono::Duration::seconds(3);
    let scheduled = app.post(
        &format!("{}/transitions", translation_path(story, "en")),
        &json!({"action": "publish", "publish_at": at.to_rfc3339()}),
        Some(&reviewer),
    );
    assert_eq!(scheduled.status(), 200);
    let scheduled: Value = scheduled.json().unwrap();
    assert_eq!(scheduled["status"], "approved");
    assert!(scheduled["publish_at"].is_string());

    app.restart();
    let editor = app.login("editor@example.test", "a-password-for-tests").access;
    let started = Instant::now();
    loop {
        let now = status(&app, &editor, story, "en");
        if now["status"] == "published" {
            assert_eq!(now["live_revision"], 1);
            assert!(chrono::Utc::now() >= at, "published before its time");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "scheduled publication never happened");
        std::thread::sleep(Duration::from_millis(200));
    }
    let events: Vec<Value> =
        app.get(&format!("{}/events", translation_path(story, "en")), Some(&editor)).json().unwrap();
    let last = events.last().unwrap();
    assert_eq!(last["action"], "publish");
    assert_eq!(last["actor_id"], Value::Null);
    assert!(events.iter().any(|e| e["action"] == "schedule"));
}

fn outdated_translations_are_flagged_until_updated_or_confirmed(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let story = create_story(&app, &editor, "bilingual");
    write(&app, &editor, story, "en", "Water points repaired");
    write(&app, &editor, story, "ar", "إصلاح نقاط المياه");
    assert_eq!(status(&app, &editor, story, "ar")["outdated"], Value::Null);

    write(&app, &editor, story, "en", "Twelve water points repaired");
    let arabic = status(&app, &editor, story, "ar");
    let outdated = &arabic["outdated"];
    assert_eq!(outdated["based_on_revision"], 1);
    assert_eq!(outdated["source_revision"], 2);
    assert_eq!(outdated["changes"][0]["field"], "title");
    assert_eq!(outdated["changes"][0]["before"], "Water points repaired");
    assert_eq!(outdated["changes"][0]["after"], "Twelve water points repaired");
    let listed: Value = app.get("/api/v1/stories?outdated=true&locale=ar", Some(&editor)).json().unwrap();
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["items"][0]["translations"][0]["outdated"], true);
    assert_eq!(status(&app, &editor, story, "en")["outdated"], Value::Null, "the source is never outdated");

    // Confirming clears it without a new revision.
    let confirmed = app.post(&format!("{}/confirm", translation_path(story, "ar")), &json!({}), Some(&editor));
    assert_eq!(confirmed.status(), 200);
    let confirmed: Value = confirmed.json().unwrap();
    assert_eq!(confirmed["outdated"], Value::Null);
    assert_eq!(confirmed["latest_revision"], 1);
    let listed: Value = app.get("/api/v1/stories?outdated=true", Some(&editor)).json().unwrap();
    assert_eq!(listed["total"], 0);

    // The source moves again; updating the Arabic clears it too.
    write(&app, &editor, story, "en", "Twelve water points repaired in March");
    assert!(status(&app, &editor, story, "ar")["outdated"].is_object());
    write(&app, &editor, story, "ar", "إصلاح اثنتي عشرة نقطة مياه في آذار");
    assert_eq!(status(&app, &editor, story, "ar")["outdated"], Value::Null);
    assert_problem(
        app.post(&format!("{}/confirm", translation_path(story, "en")), &json!({}), Some(&editor)),
        409,
        "source-locale",
        "en",
    );
}

fn stories_are_listed_by_status_locale_author_and_review(backend: Backend) {
    let app = TestApp::spawn(backend);
    let amal = app.user_with("amal@example.test", &["editor", "reviewer"]);
    let bassam = app.user_with("bassam@example.test", &["editor", "reviewer"]);
    let amal_id = app.get("/api/v1/me", Some(&amal)).json::<Value>().unwrap()["id"].as_i64().unwrap();
    let a = create_story(&app, &amal, "by-amal");
    write(&app, &amal, a, "en", "Amal's story");
    must(&app, &amal, a, "en", "submit");
    let b = create_story(&app, &bassam, "by-bassam");
    write(&app, &bassam, b, "ar", "قصة بسام");
    must(&app, &bassam, b, "ar", "submit");
    let c = create_story(&app, &bassam, "draft-only");
    write(&app, &bassam, c, "en", "Just a draft");

    let slugs = |query: &str, token: &str| -> Vec<String> {
        let page: Value = app.get(&format!("/api/v1/stories{query}"), Some(token)).json().unwrap();
        let mut slugs: Vec<String> =
            page["items"].as_array().unwrap().iter().map(|s| s["slug"].as_str().unwrap().to_owned()).collect();
        slugs.sort();
        slugs
    };
    assert_eq!(slugs("?status=in_review", &amal), ["by-amal", "by-bassam"]);
    assert_eq!(slugs("?status=in_review&locale=ar", &amal), ["by-bassam"]);
    assert_eq!(slugs("?locale=en", &amal), ["by-amal", "draft-only"]);
    assert_eq!(slugs(&format!("?author={amal_id}"), &bassam), ["by-amal"]);
    // Waiting for my review: in review, and written by someone else.
    assert_eq!(slugs("?waiting_for_me=true", &amal), ["by-bassam"]);
    assert_eq!(slugs("?waiting_for_me=true", &bassam), ["by-amal"]);
    let page: Value = app.get("/api/v1/stories?per_page=2&page=2", Some(&amal)).json().unwrap();
    assert_eq!(page["total"], 3);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_problem(app.get("/api/v1/stories?status=lost", Some(&amal)), 400, "invalid-query", "en");
    assert_problem(app.get("/api/v1/stories?locale=fr", Some(&amal)), 404, "unknown-locale", "en");
}

fn published_stories_cannot_be_deleted(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    let story = create_story(&app, &editor, "short-lived");
    write(&app, &editor, story, "en", "Short-lived");
    for (token, action) in [(&editor, "submit"), (&reviewer, "approve"), (&reviewer, "publish")] {
        must(&app, token, story, "en", action);
    }
    assert_problem(app.delete(&format!("/api/v1/stories/{story}"), &reviewer), 403, "forbidden", "en");
    assert_problem(app.delete(&format!("/api/v1/stories/{story}"), &editor), 409, "story-published", "en");
    must(&app, &reviewer, story, "en", "unpublish");
    assert_eq!(app.delete(&format!("/api/v1/stories/{story}"), &editor).status(), 204);
    assert_problem(app.get(&format!("/api/v1/stories/{story}"), Some(&editor)), 404, "not-found", "en");
}

fn bad_paths_and_bodies_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    let story = create_story(&app, &editor, "guarded");
    assert_problem(save(&app, &editor, story, "fr", "Bonjour", None), 404, "unknown-locale", "en");
    assert_problem(save(&app, &editor, 9999, "en", "Nobody's", None), 404, "not-found", "en");
    assert_problem(save(&app, &reviewer, story, "en", "Not my job", None), 403, "forbidden", "en");
    let missing_body = app.put(&translation_path(story, "en"), &json!({"title": "Only a title"}), &editor, None);
    assert_problem(missing_body, 422, "invalid-body", "en");
    let hostile = json!({"title": "", "summary": "", "body": "", "link": "javascript:alert(1)",
                         "images": [{"media_id": 42, "alt": "x"}]});
    let body = assert_problem(
        app.put(&translation_path(story, "en"), &hostile, &editor, None),
        422,
        "validation-failed",
        "en",
    );
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["title", "link"]);
    let unknown_media = json!({"title": "T", "summary": "", "body": "", "images": [{"media_id": 42, "alt": "x"}]});
    assert_problem(
        app.put(&translation_path(story, "en"), &unknown_media, &editor, None),
        422,
        "validation-failed",
        "en",
    );
    assert_problem(app.get(&translation_path(story, "en"), Some(&editor)), 404, "not-found", "en");

    let taken = app.post("/api/v1/stories", &json!({"slug": "guarded"}), Some(&editor));
    assert_problem(taken, 409, "slug-taken", "en");
    let bad_slug = app.post("/api/v1/stories", &json!({"slug": "Not A Slug"}), Some(&editor));
    assert_problem(bad_slug, 422, "validation-failed", "en");
    let unknown_action = act(&app, &editor, story, "en", "teleport", None);
    assert_problem(unknown_action, 422, "invalid-body", "en");
    let bad_time = app.post(
        &format!("{}/transitions", translation_path(story, "en")),
        &json!({"action": "submit", "publish_at": "2030-01-01T00:00:00Z"}),
        Some(&editor),
    );
    assert_problem(bad_time, 422, "validation-failed", "en");
    // The body is not even read when the path is wrong; ?lang= picks the language.
    let arabic = app.put(&format!("{}?lang=ar", translation_path(story, "xx")), &json!({}), &editor, None);
    assert_problem(arabic, 404, "unknown-locale", "ar");
}
