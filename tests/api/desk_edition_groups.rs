//! The desk: an edition's stories in groups (SPEC §11, §12): arranging a plain list in groups
//! and back, adding, moving, lettering and removing groups, moving stories within and between
//! them, each group's heading and introduction per language, and the readiness checklist.
//! Every change is checked through the JSON API.

use crate::common;

use common::desk::DeskBrowser;
use common::newsroom::{create_story, write};
use common::{Backend, TestApp};
use serde_json::{json, Value};

on_both_backends!(
    a_plain_list_is_arranged_in_groups_and_back,
    every_button_keeps_the_groups_and_their_texts,
    group_texts_are_saved_per_language_and_checked,
);

const EDITOR: (&str, &str) = ("rana@example.test", "rana-password-1234");
const REVIEWER: (&str, &str) = ("omar@example.test", "omar-password-1234");

/// An edition (number 1) holding five stories in one plain list, and the editor signed in
/// to the desk; returns the edition and the stories.
fn edition_with_stories(app: &TestApp) -> (DeskBrowser, String, i64, Vec<i64>) {
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    let token = app.login(EDITOR.0, EDITOR.1).access;
    let created: Value =
        app.post("/api/v1/editions", &json!({"number": 1, "slug": "first"}), Some(&token)).json().unwrap();
    let id = created["id"].as_i64().unwrap();
    let stories: Vec<i64> = ["well", "school", "market", "clinic", "bridge"]
        .into_iter()
        .map(|slug| {
            let story = create_story(app, &token, slug);
            write(app, &token, story, "en", &format!("The {slug}"));
            story
        })
        .collect();
    let path = format!("/api/v1/editions/{id}");
    assert_eq!(app.patch(&path, &json!({"story_ids": stories[..4]}), Some(&token)).status(), 200);
    (DeskBrowser::signed_in(app, EDITOR.0, EDITOR.1), token, id, stories)
}

fn api_edition(app: &TestApp, id: i64) -> Value {
    let response = app.get(&format!("/api/v1/editions/{id}"), Some(&app.admin_token()));
    assert_eq!(response.status(), 200);
    response.json().unwrap()
}

/// The edition's groups as (key, lettered, story ids).
fn groups(app: &TestApp, id: i64) -> Vec<(String, bool, Vec<i64>)> {
    let edition = api_edition(app, id);
    edition["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let ids = g["story_ids"].as_array().unwrap().iter().map(|s| s.as_i64().unwrap()).collect();
            (g["key"].as_str().unwrap().to_owned(), g["lettered"].as_bool().unwrap(), ids)
        })
        .collect()
}

fn group(key: &str, lettered: bool, ids: &[i64]) -> (String, bool, Vec<i64>) {
    (key.to_owned(), lettered, ids.to_vec())
}

fn post(editor: &mut DeskBrowser, id: i64, action: &str, fields: &[(&str, &str)]) -> common::desk::Answer {
    editor.get(&format!("/desk/editions/{id}"));
    editor.post(&format!("/desk/editions/{id}/{action}"), fields)
}

fn a_plain_list_is_arranged_in_groups_and_back(backend: Backend) {
    let app = TestApp::spawn(backend);
    let (mut editor, _, id, s) = edition_with_stories(&app);
    let page = editor.get(&format!("/desk/editions/{id}"));
    assert!(page.text().contains("Arrange in groups"), "{}", page.text());
    assert!(!page.body.contains("class=\"group\""));

    // A wrong key is refused at its field, as typed; nothing changes.
    let refused = post(&mut editor, id, "groups/add", &[("key", "Our Programme"), ("lettered", "true")]);
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.body.contains("aria-describedby=\"g-key-err g-key-hint\""), "{}", refused.body);
    assert!(refused.text().contains("Use lower-case letters, digits and single hyphens"), "{}", refused.text());
    assert_eq!(refused.field("key").as_deref(), Some("Our Programme"));
    assert!(refused.body.contains("name=\"lettered\" value=\"true\" checked"), "{}", refused.body);
    assert!(groups(&app, id).is_empty());

    // The first group holds every story.
    let grouped = post(&mut editor, id, "groups/add", &[("key", "programme"), ("lettered", "true")]);
    assert_eq!(grouped.status, 303, "{}", grouped.text());
    assert_eq!(grouped.location.as_deref(), Some(format!("/desk/editions/{id}#group-programme").as_str()));
    assert_eq!(groups(&app, id), [group("programme", true, &s[..4])]);
    let page = editor.get(&format!("/desk/editions/{id}"));
    assert!(page.text().contains("The stories are arranged in one group"), "{}", page.text());
    assert!(page.text().contains("4 stories, in one group"), "{}", page.text());
    // Each story shows its label as readers will see it.
    for (label, story) in ["a", "b", "c", "d"].iter().zip(&s) {
        let card = format!("data-story=\"{story}\"><span class=\"story-label\">{label}</span>");
        assert!(page.body.contains(&card), "{card} in {}", page.body);
    }

    // A second group starts empty; the same key twice is refused.
    let added = post(&mut editor, id, "groups/add", &[("key", "news")]);
    assert_eq!(added.status, 303, "{}", added.text());
    assert_eq!(groups(&app, id), [group("programme", true, &s[..4]), group("news", false, &[])]);
    let page = editor.get(&format!("/desk/editions/{id}"));
    assert!(page.text().contains("No stories in this group yet"), "{}", page.text());
    assert!(page.text().contains("they join the end of the group before it"), "{}", page.text());
    let twice = post(&mut editor, id, "groups/add", &[("key", "news")]);
    assert_eq!(twice.status, 422, "{}", twice.text());
    assert!(twice.text().contains("Two groups cannot have the same key"), "{}", twice.text());
    assert_eq!(groups(&app, id).len(), 2);

    // In Arabic, the labels are Arabic letters.
    editor.post("/desk/language", &[("lang", "ar"), ("back", "/desk/")]);
    let arabic = editor.get(&format!("/desk/editions/{id}"));
    for (label, story) in ["أ", "ب", "ج", "د"].iter().zip(&s) {
        let card = format!("data-story=\"{story}\"><span class=\"story-label\">{label}</span>");
        assert!(arabic.body.contains(&card), "{card} in {}", arabic.body);
    }
    assert!(arabic.text().contains("٤ قصص في مجموعتين"), "{}", arabic.text());
    editor.post("/desk/language", &[("lang", "en"), ("back", "/desk/")]);

    // Back to one list: the stories in reading order, no groups.
    let moved = post(
        &mut editor,
        id,
        "stories/move",
        &[("story_id", &s[0].to_string()), ("direction", "to"), ("group", "news")],
    );
    assert_eq!(moved.status, 303);
    let back = post(&mut editor, id, "groups/ungroup", &[]);
    assert_eq!(back.status, 303, "{}", back.text());
    let edition = api_edition(&app, id);
    assert_eq!(edition["groups"], json!([]));
    let order: Vec<i64> = edition["stories"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    assert_eq!(order, [s[1], s[2], s[3], s[0]]);
    assert!(editor.get(&format!("/desk/editions/{id}")).text().contains("The stories are one list again"));

    // Without the form's token, or as a reviewer, nothing is grouped.
    let forged = editor.post_raw(&format!("/desk/editions/{id}/groups/add"), &[("key", "forged")]);
    assert_eq!(forged.status, 403);
    app.create_user(REVIEWER.0, REVIEWER.1, &["reviewer"]);
    let mut reviewer = DeskBrowser::signed_in(&app, REVIEWER.0, REVIEWER.1);
    let page = reviewer.get(&format!("/desk/editions/{id}"));
    assert!(!page.body.contains("/groups/add"), "no group forms for reviewers");
    assert_eq!(reviewer.post(&format!("/desk/editions/{id}/groups/add"), &[("key", "mine")]).status, 403);
    assert!(groups(&app, id).is_empty());
}

fn every_button_keeps_the_groups_and_their_texts(backend: Backend) {
    let app = TestApp::spawn(backend);
    let (mut editor, token, id, s) = edition_with_stories(&app);
    let layout = json!({"groups": [
        {"key": "programme", "lettered": true, "story_ids": [s[0], s[1], s[2]]},
        {"key": "news", "story_ids": [s[3]]},
    ]});
    assert_eq!(app.patch(&format!("/api/v1/editions/{id}"), &layout, Some(&token)).status(), 200);
    let texts = json!({"title": "First", "foreword": "", "signature": {"name": "", "role": ""},
                       "groups": {"programme": {"heading": "Our programme", "intro": "What we did."}}});
    assert_eq!(app.put(&format!("/api/v1/editions/{id}/translations/en"), &texts, &token, None).status(), 200);
    let story = |n: usize| s[n].to_string();

    // Up and down stay within the group: the edition keeps its groups (and their texts).
    let up = post(&mut editor, id, "stories/move", &[("story_id", &story(2)), ("direction", "up")]);
    assert_eq!(up.status, 303, "{}", up.text());
    assert_eq!(groups(&app, id), [group("programme", true, &[s[0], s[2], s[1]]), group("news", false, &[s[3]])]);
    post(&mut editor, id, "stories/move", &[("story_id", &story(0)), ("direction", "down")]);
    assert_eq!(groups(&app, id)[0].2, [s[2], s[0], s[1]]);
    // At the edge of its group a story stays, and no revision is made for nothing.
    let revision = api_edition(&app, id)["revision"].clone();
    post(&mut editor, id, "stories/move", &[("story_id", &story(3)), ("direction", "up")]);
    assert_eq!(groups(&app, id)[1].2, [s[3]]);
    assert_eq!(api_edition(&app, id)["revision"], revision);

    // To another group: the select (its end), and a drop onto a story (its place).
    post(&mut editor, id, "stories/move", &[("story_id", &story(1)), ("direction", "to"), ("group", "news")]);
    assert_eq!(groups(&app, id)[1].2, [s[3], s[1]]);
    let dropped = post(
        &mut editor,
        id,
        "stories/move",
        &[("story_id", &story(0)), ("direction", "to"), ("group", "news"), ("position", "1")],
    );
    assert_eq!(dropped.status, 303);
    assert_eq!(groups(&app, id), [group("programme", true, &[s[2]]), group("news", false, &[s[0], s[3], s[1]])]);

    // Added stories join the last group; removed ones leave it; the groups stay.
    post(&mut editor, id, "stories/add", &[("story_id", &story(4))]);
    assert_eq!(groups(&app, id)[1].2, [s[0], s[3], s[1], s[4]]);
    post(&mut editor, id, "stories/remove", &[("story_id", &story(3))]);
    assert_eq!(groups(&app, id), [group("programme", true, &[s[2]]), group("news", false, &[s[0], s[1], s[4]])]);

    // Groups move with their stories, and change their lettering.
    let moved = post(&mut editor, id, "groups/move", &[("key", "news"), ("direction", "up")]);
    assert_eq!(moved.status, 303);
    assert_eq!(moved.location.as_deref(), Some(format!("/desk/editions/{id}#group-news").as_str()));
    post(&mut editor, id, "groups/lettered", &[("key", "news"), ("lettered", "true")]);
    post(&mut editor, id, "groups/lettered", &[("key", "programme"), ("lettered", "false")]);
    assert_eq!(groups(&app, id), [group("news", true, &[s[0], s[1], s[4]]), group("programme", false, &[s[2]])]);
    let en = api_edition(&app, id)["translations"][0]["groups"].clone();
    assert_eq!(en["programme"]["heading"], "Our programme", "every move kept the group texts");

    // A form no button sends changes nothing, and its key never reaches the redirect.
    let odd = post(&mut editor, id, "groups/move", &[("key", "x\r\nSet-Cookie: a=b"), ("direction", "sideways")]);
    assert_eq!(odd.status, 303);
    assert_eq!(odd.location.as_deref(), Some(format!("/desk/editions/{id}#stories").as_str()));

    // A move the page no longer matches changes nothing and says so.
    let stale =
        post(&mut editor, id, "stories/move", &[("story_id", &story(2)), ("direction", "to"), ("group", "gone")]);
    assert_eq!(stale.status, 409, "{}", stale.text());
    assert!(stale.text().contains("changed after this page was shown"), "{}", stale.text());
    let stale = post(&mut editor, id, "groups/remove", &[("key", "gone")]);
    assert_eq!(stale.status, 409);
    assert_eq!(groups(&app, id).len(), 2);

    // Without the token nothing moves.
    let forged =
        editor.post_raw(&format!("/desk/editions/{id}/stories/move"), &[("story_id", &story(1)), ("direction", "up")]);
    assert_eq!(forged.status, 403);
    let forged = editor.post_raw(&format!("/desk/editions/{id}/groups/remove"), &[("key", "news")]);
    assert_eq!(forged.status, 403);
    assert_eq!(groups(&app, id)[0], group("news", true, &[s[0], s[1], s[4]]));

    // Removing the first group: its stories join the start of the next, in reading order,
    // and its texts go with it.
    let removed = post(&mut editor, id, "groups/remove", &[("key", "news")]);
    assert_eq!(removed.status, 303, "{}", removed.text());
    assert_eq!(groups(&app, id), [group("programme", false, &[s[0], s[1], s[4], s[2]])]);
    let removed = post(&mut editor, id, "groups/remove", &[("key", "programme")]);
    assert_eq!(removed.status, 303);
    let edition = api_edition(&app, id);
    assert_eq!(edition["groups"], json!([]));
    assert_eq!(edition["stories"].as_array().unwrap().len(), 4, "removing groups removes no story");
    assert_eq!(edition["translations"][0]["groups"], json!({}));
}

fn group_texts_are_saved_per_language_and_checked(backend: Backend) {
    let app = TestApp::spawn(backend);
    let (mut editor, token, id, s) = edition_with_stories(&app);
    let layout = json!({"groups": [
        {"key": "programme", "lettered": true, "story_ids": [s[0], s[1]]},
        {"key": "news", "story_ids": [s[2], s[3]]},
    ]});
    assert_eq!(app.patch(&format!("/api/v1/editions/{id}"), &layout, Some(&token)).status(), 200);
    let page = editor.get(&format!("/desk/editions/{id}"));
    // Each group's fields sit in each language's column, in its language and direction.
    assert!(
        page.body.contains("<label for=\"t-ar-group-news-heading\" lang=\"en\" dir=\"ltr\" data-script=\"Latn\">"),
        "{}",
        page.body
    );
    assert!(page.text().contains("Heading of the group news"), "{}", page.text());
    let column = page.body.split("id=\"texts-ar\"").nth(1).unwrap();
    assert!(column.starts_with(" lang=\"ar\" dir=\"rtl\""), "{column}");
    assert!(column.contains("id=\"t-ar-group-programme-intro\" name=\"group_intro\""), "{column}");

    let base =
        [("title", "Spring"), ("foreword", "Dear readers."), ("signature_name", "Layla"), ("signature_role", "Head")];
    let with_groups = |groups: &[(&'static str, &'static str, &'static str)]| {
        let mut fields: Vec<(&str, &str)> = base.to_vec();
        for (key, heading, intro) in groups {
            fields.extend([("group_key", *key), ("group_heading", *heading), ("group_intro", *intro)]);
        }
        fields
    };
    let saved = post(
        &mut editor,
        id,
        "texts/en",
        &with_groups(&[("programme", " Our programme ", "What **we** did."), ("news", "News", "")]),
    );
    assert_eq!(saved.status, 303, "{}", saved.text());
    let en = &api_edition(&app, id)["translations"][0];
    assert_eq!(en["groups"]["programme"], json!({"heading": "Our programme", "intro": "What **we** did."}));
    assert_eq!(en["groups"]["news"]["heading"], "News");

    // Readiness: a heading written in English but not in Arabic is not ready, in the API and
    // on the checklist, with a link to the field.
    let report: Value = app.get(&format!("/api/v1/editions/{id}/readiness"), Some(&token)).json().unwrap();
    let gaps: Vec<(&str, &str, &str)> = report
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["group"].is_string())
        .map(|item| {
            (item["reason"].as_str().unwrap(), item["group"].as_str().unwrap(), item["locale"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        gaps,
        [
            ("missing_group_heading", "programme", "ar"),
            ("missing_group_intro", "programme", "ar"),
            ("missing_group_heading", "news", "ar")
        ]
    );
    let page = editor.get(&format!("/desk/editions/{id}"));
    let text = page.text();
    assert!(
        text.contains("The group “Our programme” has a heading in another language but none in العربية yet"),
        "{text}"
    );
    assert!(page.body.contains("href=\"#t-ar-group-programme-heading\""), "{}", page.body);
    assert!(page.body.contains("<bdi>Our programme</bdi>"), "the group shows its heading: {}", page.body);

    let arabic = with_groups(&[("programme", "برنامجنا", "ما **أنجزناه**."), ("news", "أخبار", "")]);
    let arabic: Vec<(&str, &str)> =
        arabic.into_iter().map(|(k, v)| if k == "title" { (k, "ربيع") } else { (k, v) }).collect();
    let saved = post(&mut editor, id, "texts/ar", &arabic);
    assert_eq!(saved.status, 303, "{}", saved.text());
    let edition = api_edition(&app, id);
    let ar = edition["translations"].as_array().unwrap().iter().find(|t| t["locale"] == "ar").unwrap().clone();
    assert_eq!(ar["groups"]["programme"]["heading"], "برنامجنا");
    let report: Value = app.get(&format!("/api/v1/editions/{id}/readiness"), Some(&token)).json().unwrap();
    assert!(report.as_array().unwrap().iter().all(|item| item["group"].is_null()), "{report}");
    let page = editor.get(&format!("/desk/editions/{id}"));
    assert!(page.body.contains("value=\"برنامجنا\""), "{}", page.body);

    // Refusals come back at their field, with the form as typed; nothing changes.
    let long_intro = "x".repeat(20_001);
    let refused = post(
        &mut editor,
        id,
        "texts/en",
        &[
            ("title", "Spring, typed again"),
            ("foreword", "Dear readers."),
            ("group_key", "programme"),
            ("group_heading", "Two\tcolumns"),
            ("group_intro", "Kept as typed."),
            ("group_key", "news"),
            ("group_heading", "News"),
            ("group_intro", &long_intro),
        ],
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.body.contains("aria-describedby=\"t-en-group-programme-heading-err\""), "{}", refused.body);
    assert!(refused.body.contains("id=\"t-en-group-news-intro-err\""), "{}", refused.body);
    assert!(refused.text().contains("Control characters (tabs, line breaks) are not allowed here"));
    assert!(refused.text().contains("At most 20000 bytes"), "{}", refused.text());
    assert!(refused.body.contains("Kept as typed.") && refused.body.contains("Spring, typed again"));
    assert_eq!(api_edition(&app, id)["translations"], edition["translations"]);

    // A story moved within its group keeps every group text; without the token, nothing saves.
    post(&mut editor, id, "stories/move", &[("story_id", &s[1].to_string()), ("direction", "up")]);
    let after = api_edition(&app, id);
    assert_eq!(after["groups"][0]["story_ids"], json!([s[1], s[0]]));
    assert_eq!(after["translations"], edition["translations"]);
    let forged = editor.post_raw(
        &format!("/desk/editions/{id}/texts/en"),
        &with_groups(&[("programme", "Forged", ""), ("news", "News", "")]),
    );
    assert_eq!(forged.status, 403);
    assert_eq!(api_edition(&app, id)["translations"], edition["translations"]);
}
