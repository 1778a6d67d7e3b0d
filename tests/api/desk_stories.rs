//! The desk: stories: the list with filters and search, the side-by-side editor, preview,
//! save conflicts, outdated translations, workflow buttons, the timeline, revisions and
//! their comparison. Through the real server, checked through the API (SPEC §11).

use crate::common;

use common::desk::{Answer, DeskBrowser};
use common::newsroom as workflow;
use common::{Backend, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::Value;

on_both_backends!(
    the_list_filters_searches_and_pages,
    the_list_stays_fast_with_ten_thousand_stories,
    a_story_is_created_from_the_list,
    the_editor_shows_both_languages_and_saves,
    a_stale_save_shows_the_conflict_and_keeps_the_text,
    images_are_added_edited_and_removed_per_language,
    an_outdated_translation_is_flagged_and_confirmed,
    the_preview_shows_a_draft_in_the_public_theme,
    a_story_goes_through_the_workflow_at_the_desk,
    an_editor_cannot_approve_even_by_forging_the_form,
    approving_ones_own_revision_is_refused_in_words,
    publish_at_is_read_in_the_persons_time_zone,
    revisions_compare_and_restore,
    posts_without_the_token_change_nothing,
    the_story_pages_speak_arabic,
);

const EDITOR: (&str, &str) = ("rana@example.test", "rana-password-1234");
const REVIEWER: (&str, &str) = ("omar@example.test", "omar-password-1234");

/// An app with an editor and a reviewer; returns the editor's API token.
fn newsroom(backend: Backend) -> (TestApp, String) {
    let app = TestApp::spawn(backend);
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    app.create_user(REVIEWER.0, REVIEWER.1, &["reviewer"]);
    let token = app.login(EDITOR.0, EDITOR.1).access;
    (app, token)
}

/// The part of a page inside the column of `locale`, as an answer of its own (to read the
/// fields of that column's forms).
fn column(page: &Answer, locale: &str) -> Answer {
    let start = page.body.find(&format!("id=\"lang-{locale}\"")).expect("the column");
    let rest = &page.body[start..];
    let end = rest[1..].find("class=\"column story-column\"").map_or(rest.len(), |i| i + 1);
    Answer { status: page.status, location: None, headers: page.headers.clone(), body: rest[..end].to_owned() }
}

fn translation(app: &TestApp, token: &str, story: i64, locale: &str) -> Value {
    workflow::status(app, token, story, locale)
}

fn text_fields<'a>(version: &'a str, title: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("version", version), ("title", title), ("summary", "A summary"), ("body", body), ("link", "")]
}

fn the_list_filters_searches_and_pages(backend: Backend) {
    let (app, token) = newsroom(backend);
    let well = workflow::create_story(&app, &token, "new-well");
    workflow::write(&app, &token, well, "en", "A New Well for Hamdaniya");
    workflow::write(&app, &token, well, "ar", "بئر جديدة في الحمدانية");
    workflow::must(&app, &token, well, "en", "submit");
    let school = workflow::create_story(&app, &token, "schools");
    workflow::write(&app, &token, school, "en", "Schools reopen");
    let section_b = app.post("/api/v1/stories", &serde_json::json!({"slug": "market", "section": "b"}), Some(&token));
    assert_eq!(section_b.status(), 201);
    for n in 0..50 {
        workflow::create_story(&app, &token, &format!("filler-{n}"));
    }

    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let first = browser.get("/desk/stories");
    assert_eq!(first.status, 200);
    let text = first.text();
    assert!(text.contains("53 stories"), "{text}");
    assert!(text.contains("Page 1 of 2"), "{text}");
    assert!(first.body.contains("rel=\"next\""));
    assert!(first.body.contains("<table class=\"list story-list\">"));
    assert!(first.body.contains("data-label=\"Languages\""));
    let second = browser.get("/desk/stories?page=2");
    assert!(second.text().contains("Page 2 of 2"), "{}", second.text());
    assert_eq!(second.body.matches("<tr>").count(), 1 + 3, "a header and three rows");
    assert!(second.body.contains("rel=\"prev\""));

    // Search: any case, any language, one filter for the desk and the API.
    let found = browser.get("/desk/stories?q=new+WELL");
    let text = found.text();
    assert!(text.contains("One story") && text.contains("A New Well for Hamdaniya"), "{text}");
    assert!(!text.contains("Schools reopen"), "{text}");
    assert!(browser
        .get("/desk/stories?q=%D8%A7%D9%84%D8%AD%D9%85%D8%AF%D8%A7%D9%86%D9%8A%D8%A9")
        .text()
        .contains("One story"));
    let api: Value = app.get("/api/v1/stories?q=well", Some(&token)).json().unwrap();
    assert_eq!(api["total"], 1, "{api}");
    let api: Value = app.get("/api/v1/stories?q=100%25", Some(&token)).json().unwrap();
    assert_eq!(api["total"], 0, "a wildcard is a character: {api}");

    let in_review = browser.get("/desk/stories?status=in_review&locale=en").text();
    assert!(in_review.contains("One story") && in_review.contains("A New Well"), "{in_review}");
    let drafts_ar = browser.get("/desk/stories?status=draft&locale=ar").text();
    assert!(drafts_ar.contains("One story"), "{drafts_ar}");
    let section = browser.get("/desk/stories?section=b").text();
    assert!(section.contains("One story") && section.contains("market"), "{section}");
    let none = browser.get("/desk/stories?q=nothing-like-this");
    assert!(none.text().contains("No story matches these filters"), "{}", none.text());
    // Strange values are ignored, never an error.
    assert_eq!(browser.get("/desk/stories?status=bogus&edition=x&page=999").status, 200);
    // Search reads the latest title: a renamed story is found by its new title only.
    let renamed = workflow::create_story(&app, &token, "renamed");
    workflow::write(&app, &token, renamed, "en", "A provisional headline");
    assert!(browser.get("/desk/stories?q=provisional").text().contains("One story"));
    workflow::write(&app, &token, renamed, "en", "The final headline");
    assert!(browser.get("/desk/stories?q=final+HEADLINE").text().contains("One story"));
    assert!(browser.get("/desk/stories?q=provisional").text().contains("No story matches these filters"));
    // Quotes and wildcards are characters, in the indexed search (three characters or more)
    // and in the short one alike; a deleted story is no longer found.
    let quoted = workflow::create_story(&app, &token, "quoted");
    workflow::write(&app, &token, quoted, "en", "Water \"for all\" at 100% of wells");
    for (q, expected) in [("%22for+all%22", 1), ("100%25+of", 1), ("0%25", 1), ("%22for+some%22", 0), ("l%22", 1)] {
        let api: Value = app.get(&format!("/api/v1/stories?q={q}"), Some(&token)).json().unwrap();
        assert_eq!(api["total"], expected, "q={q}: {api}");
    }
    assert_eq!(app.delete(&format!("/api/v1/stories/{quoted}"), &token).status(), 204);
    let api: Value = app.get("/api/v1/stories?q=%22for+all%22", Some(&token)).json().unwrap();
    assert_eq!(api["total"], 0, "{api}");

    let mut reviewer = DeskBrowser::signed_in(&app, REVIEWER.0, REVIEWER.1);
    let waiting = reviewer.get("/desk/stories?waiting=1").text();
    assert!(waiting.contains("One story") && waiting.contains("A New Well"), "{waiting}");
    let mine = browser.get("/desk/stories?waiting=1").text();
    assert!(mine.contains("No stories"), "the author's own text does not wait for them: {mine}");
}

fn the_list_stays_fast_with_ten_thousand_stories(backend: Backend) {
    let (app, token) = newsroom(backend);
    // Inserted in one statement (the same SQL on both databases); the list pages in SQL.
    app.database.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) \
         INSERT INTO stories (slug, section, created_at, updated_at) \
         SELECT 'bulk-' || i, 'z', '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM n",
    );
    let story = workflow::create_story(&app, &token, "needle");
    workflow::write(&app, &token, story, "en", "The needle in the haystack");
    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    for path in
        ["/desk/stories", "/desk/stories?page=150", "/desk/stories?q=NEEDLE", "/desk/stories?section=z&page=200"]
    {
        let started = std::time::Instant::now();
        let page = browser.get(path);
        let took = started.elapsed();
        assert_eq!(page.status, 200, "{path}");
        assert!(took < std::time::Duration::from_secs(3), "{path} took {took:?}");
    }
    let first = browser.get("/desk/stories").text();
    assert!(first.contains("Page 1 of 201") && first.contains("The needle in the haystack"), "{first}");
    assert_eq!(browser.get("/desk/stories?page=150").body.matches("<tr>").count(), 51);
    assert!(browser.get("/desk/stories?q=NEEDLE").text().contains("One story"));

    // The edition menu offers the newest thirty editions, and an older one a list is
    // filtered by; that edition's screen links to the filtered list.
    app.database.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40) \
         INSERT INTO editions (number, slug, required_locales, created_at, updated_at) \
         SELECT i, 'old-' || i, 'en', '2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM n",
    );
    let menu = browser.get("/desk/stories").body;
    assert_eq!(menu.matches(" · old-").count(), 30, "{menu}");
    assert!(menu.contains("40 · old-40<") && !menu.contains("1 · old-1<"));
    let edition: Value = app.get("/api/v1/editions?per_page=100", Some(&token)).json().unwrap();
    let oldest = edition["items"].as_array().unwrap().iter().find(|e| e["number"] == 1).unwrap()["id"].clone();
    let filtered = browser.get(&format!("/desk/stories?edition={oldest}")).body;
    assert!(filtered.contains(&format!("<option value=\"{oldest}\" selected>1 · old-1</option>")), "{filtered}");
}

fn a_story_is_created_from_the_list(backend: Backend) {
    let (app, token) = newsroom(backend);
    workflow::create_story(&app, &token, "taken");
    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let list = browser.get("/desk/stories");
    assert!(list.body.contains("id=\"new-story\""));

    let created = browser.post("/desk/stories", &[("slug", "harvest-2026"), ("section", "b")]);
    assert_eq!(created.status, 303, "{}", created.text());
    let location = created.location.unwrap();
    let id: i64 = location.trim_start_matches("/desk/stories/").parse().unwrap();
    let story: Value = app.get(&format!("/api/v1/stories/{id}"), Some(&token)).json().unwrap();
    assert_eq!(story["slug"], "harvest-2026");
    assert_eq!(story["section"], "b");
    let editor = browser.get(&location);
    assert_eq!(editor.status, 200);
    assert!(editor.text().contains("The story is created"), "{}", editor.text());

    let before: Value = app.get("/api/v1/stories", Some(&token)).json().unwrap();
    browser.get("/desk/stories");
    let refused = browser.post("/desk/stories", &[("slug", "Not A Slug!"), ("section", "c")]);
    assert_eq!(refused.status, 422);
    assert_eq!(refused.field("slug").as_deref(), Some("Not A Slug!"));
    assert!(refused.body.contains("aria-describedby=\"err-slug hint-slug\""));
    assert!(refused.text().contains("Use lower-case letters"), "{}", refused.text());
    let taken = browser.post("/desk/stories", &[("slug", "taken"), ("section", "c")]);
    assert_eq!(taken.status, 409);
    assert_eq!(taken.field("slug").as_deref(), Some("taken"));
    assert!(taken.text().contains("Another item already uses this slug"), "{}", taken.text());
    let after: Value = app.get("/api/v1/stories", Some(&token)).json().unwrap();
    assert_eq!(before["total"], after["total"]);

    let mut reviewer = DeskBrowser::signed_in(&app, REVIEWER.0, REVIEWER.1);
    assert!(!reviewer.get("/desk/stories").body.contains("id=\"new-story\""));
    assert_eq!(reviewer.post("/desk/stories", &[("slug", "by-reviewer"), ("section", "")]).status, 403);
    assert!(app.get("/api/v1/stories?q=by-reviewer", Some(&token)).json::<Value>().unwrap()["total"] == 0);
}

fn the_editor_shows_both_languages_and_saves(backend: Backend) {
    let (app, token) = newsroom(backend);
    let story = workflow::create_story(&app, &token, "well");
    workflow::write(&app, &token, story, "en", "A new well");
    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let page = browser.get(&format!("/desk/stories/{story}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"lang-en\" lang=\"en\" dir=\"ltr\""), "{}", page.body);
    assert!(page.body.contains("id=\"lang-ar\" lang=\"ar\" dir=\"rtl\""));
    assert!(page.body.contains("<textarea id=\"ar-body\" name=\"body\" rows=\"14\" lang=\"ar\" dir=\"rtl\""));
    assert!(page.text().contains("There is no text in this language yet"), "{}", page.text());
    assert!(page.body.contains("/assets/story-editor.js"));

    // The Arabic text is created from its empty column.
    let ar = column(&page, "ar");
    assert_eq!(ar.field("version").as_deref(), Some(""));
    let saved =
        browser.post(&format!("/desk/stories/{story}/translations/ar"), &text_fields("", "بئر جديدة", "نص **القصة**."));
    assert_eq!(saved.status, 303, "{}", saved.text());
    assert_eq!(saved.location.as_deref(), Some(format!("/desk/stories/{story}#lang-ar").as_str()));
    assert_eq!(translation(&app, &token, story, "ar")["title"], "بئر جديدة");

    // The English one is changed with the version it was read at.
    let page = browser.get(&format!("/desk/stories/{story}"));
    assert!(page.text().contains("Saved."), "{}", page.text());
    let en = column(&page, "en");
    let version = en.field("version").unwrap();
    assert_eq!(en.field("title").as_deref(), Some("A new well"));
    let saved = browser
        .post(&format!("/desk/stories/{story}/translations/en"), &text_fields(&version, "A deeper well", "New body."));
    assert_eq!(saved.status, 303, "{}", saved.text());
    let api = translation(&app, &token, story, "en");
    assert_eq!(api["title"], "A deeper well");
    assert_eq!(api["body"], "New body.");

    // Refused input keeps what was typed, with a sentence by the field, and changes nothing.
    let page = browser.get(&format!("/desk/stories/{story}"));
    let version = column(&page, "en").field("version").unwrap();
    let refused = browser.post(
        &format!("/desk/stories/{story}/translations/en"),
        &[
            ("version", &version),
            ("title", " "),
            ("summary", "kept summary"),
            ("body", "kept body"),
            ("link", "ftp://x"),
        ],
    );
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("kept body") && refused.body.contains("kept summary"));
    assert!(refused.body.contains("id=\"en-err-title\""), "{}", refused.body);
    assert!(refused.body.contains("id=\"en-err-link\""));
    assert!(refused.text().contains("Enter a web address"), "{}", refused.text());
    assert_eq!(translation(&app, &token, story, "en")["title"], "A deeper well");

    assert_eq!(browser.get("/desk/stories/999999").status, 404);
    assert_eq!(browser.get("/desk/stories/abc").status, 404);
    assert_eq!(browser.get(&format!("/desk/stories/{story}/preview/xx")).status, 404);
}

fn images_are_added_edited_and_removed_per_language(backend: Backend) {
    use reqwest::blocking::multipart::{Form, Part};
    let (app, token) = newsroom(backend);
    let part = Part::bytes(common::fixture::png(32, 24)).file_name("well.png").mime_str("image/png").unwrap();
    let form = Form::new().part("file", part).text("credit", "Sara Ali");
    let media: Value =
        app.client.post(app.url("/api/v1/media")).bearer_auth(&token).multipart(form).send().unwrap().json().unwrap();
    let media_id = media["id"].as_i64().unwrap().to_string();
    let story = workflow::create_story(&app, &token, "pictured");
    workflow::write(&app, &token, story, "ar", "بئر");
    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let page = browser.get(&format!("/desk/stories/{story}"));
    assert!(page.body.contains(&format!("<option value=\"{media_id}\" dir=\"ltr\">#{media_id} well.png</option>")));
    let path = format!("/desk/stories/{story}/translations/ar");
    let version = column(&page, "ar").field("version").unwrap();
    let mut fields = text_fields(&version, "بئر", "نص.");
    fields.extend([("add_media", media_id.as_str()), ("add_alt", "صورة البئر"), ("add_caption", "البئر الجديدة")]);
    assert_eq!(browser.post(&path, &fields).status, 303);
    let api = translation(&app, &token, story, "ar");
    assert_eq!(api["images"][0]["alt"], "صورة البئر");
    assert_eq!(api["images"][0]["credit"], "Sara Ali");

    let page = browser.get(&format!("/desk/stories/{story}"));
    let ar = column(&page, "ar");
    assert!(ar.text().contains("Sara Ali"), "{}", ar.text());
    assert_eq!(ar.field("image_alt").as_deref(), Some("صورة البئر"));
    let version = ar.field("version").unwrap();
    let mut fields = text_fields(&version, "بئر", "نص.");
    fields.extend([("image_media", media_id.as_str()), ("image_alt", "بئر في القرية"), ("image_caption", "")]);
    assert_eq!(browser.post(&path, &fields).status, 303);
    assert_eq!(translation(&app, &token, story, "ar")["images"][0]["alt"], "بئر في القرية");

    // An image without alternative text is refused, with the sentence, and nothing changes.
    let page = browser.get(&format!("/desk/stories/{story}"));
    let version = column(&page, "ar").field("version").unwrap();
    let mut fields = text_fields(&version, "بئر", "نص.");
    fields.extend([("image_media", media_id.as_str()), ("image_alt", " "), ("image_caption", "")]);
    let refused = browser.post(&path, &fields);
    assert_eq!(refused.status, 422);
    assert!(refused.text().contains("Every image needs alternative text"), "{}", refused.text());

    let mut fields = text_fields(&version, "بئر", "نص.");
    fields.extend([
        ("image_media", media_id.as_str()),
        ("image_alt", "x"),
        ("image_caption", ""),
        ("image_remove", "0"),
    ]);
    assert_eq!(browser.post(&path, &fields).status, 303);
    assert_eq!(translation(&app, &token, story, "ar")["images"], serde_json::json!([]));
}

fn a_stale_save_shows_the_conflict_and_keeps_the_text(backend: Backend) {
    let (app, token) = newsroom(backend);
    let story = workflow::create_story(&app, &token, "conflict");
    let tag = workflow::write(&app, &token, story, "en", "First title");
    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let page = browser.get(&format!("/desk/stories/{story}"));
    let version = column(&page, "en").field("version").unwrap();
    assert_eq!(format!("\"{version}\""), tag);

    // Someone else saves meanwhile.
    let theirs = workflow::save(&app, &token, story, "en", "Their title", Some(&tag));
    assert_eq!(theirs.status(), 200);
    let new_tag = theirs.headers()["etag"].to_str().unwrap().trim_matches('"').to_owned();

    let path = format!("/desk/stories/{story}/translations/en");
    let conflict = browser.post(&path, &text_fields(&version, "My title", "My own paragraph.\n\nAnother one."));
    assert_eq!(conflict.status, 409);
    let en = column(&conflict, "en");
    assert_eq!(en.field("title").as_deref(), Some("My title"), "the typed text is kept");
    assert!(en.body.contains("My own paragraph."));
    assert!(conflict.text().contains("Their title"), "{}", conflict.text());
    assert!(conflict.body.contains("<del class=\"diff\">") && conflict.body.contains("<ins class=\"diff\">"));
    assert_eq!(en.field("version").as_deref(), Some(new_tag.as_str()), "the form now carries the new version");
    assert_eq!(translation(&app, &token, story, "en")["title"], "Their title");

    let over = browser.post(&path, &text_fields(&new_tag, "My title", "My own paragraph.\n\nAnother one."));
    assert_eq!(over.status, 303, "{}", over.text());
    assert_eq!(translation(&app, &token, story, "en")["title"], "My title");
}

fn an_outdated_translation_is_flagged_and_confirmed(backend: Backend) {
    let (app, token) = newsroom(backend);
    let story = workflow::create_story(&app, &token, "outdated");
    workflow::write(&app, &token, story, "en", "Source title");
    workflow::write(&app, &token, story, "ar", "عنوان الترجمة");
    workflow::write(&app, &token, story, "en", "Source title changed");
    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let page = browser.get(&format!("/desk/stories/{story}"));
    let ar = column(&page, "ar");
    assert!(ar.text().contains("Outdated: the EN text changed"), "{}", ar.text());
    assert!(ar.body.contains("<ins class=\"diff\">"), "{}", ar.body);
    let version = ar.field("version").unwrap();
    let confirmed = browser.post(&format!("/desk/stories/{story}/translations/ar/confirm"), &[("version", &version)]);
    assert_eq!(confirmed.status, 303, "{}", confirmed.text());
    assert!(translation(&app, &token, story, "ar")["outdated"].is_null());
    let page = browser.get(&format!("/desk/stories/{story}"));
    assert!(!column(&page, "ar").text().contains("Outdated:"));
}

fn the_preview_shows_a_draft_in_the_public_theme(backend: Backend) {
    let (app, token) = newsroom(backend);
    let story = workflow::create_story(&app, &token, "draft-preview");
    workflow::write(&app, &token, story, "en", "Only a draft so far");
    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let editor = browser.get(&format!("/desk/stories/{story}"));
    assert!(editor.body.contains(&format!("href=\"/desk/stories/{story}/preview/en\"")));
    let preview = browser.get(&format!("/desk/stories/{story}/preview/en"));
    assert_eq!(preview.status, 200);
    assert!(preview.body.contains("Only a draft so far"));
    assert!(preview.body.contains("/assets/site.css"), "the public theme: {}", preview.body);
    assert!(!preview.body.contains("/assets/desk.css"));
    assert_eq!(browser.get(&format!("/desk/stories/{story}/preview/ar")).status, 404);
    // Readers do not see it.
    assert_eq!(app.get("/en/stories/draft-preview/", None).status(), 404);
    // Nor does anyone not signed in at the desk.
    assert_eq!(DeskBrowser::new(&app).get(&format!("/desk/stories/{story}/preview/en")).status, 303);
}

fn transition(browser: &mut DeskBrowser, story: i64, locale: &str, fields: &[(&str, &str)]) -> Answer {
    let page = browser.get(&format!("/desk/stories/{story}"));
    let version = column(&page, locale).field("version").unwrap();
    let mut all = vec![("version", version.as_str())];
    all.extend_from_slice(fields);
    browser.post(&format!("/desk/stories/{story}/translations/{locale}/transition"), &all)
}

fn a_story_goes_through_the_workflow_at_the_desk(backend: Backend) {
    let (app, token) = newsroom(backend);
    let story = workflow::create_story(&app, &token, "harvest");
    workflow::write(&app, &token, story, "en", "The harvest is in");
    let mut editor = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let page = editor.get(&format!("/desk/stories/{story}"));
    assert!(page.body.contains("class=\"primary\">Submit for review"), "submit is the primary button");
    assert_eq!(transition(&mut editor, story, "en", &[("action", "submit")]).status, 303);
    assert_eq!(translation(&app, &token, story, "en")["status"], "in_review");
    let page = editor.get(&format!("/desk/stories/{story}"));
    assert!(page.text().contains("Waiting for a reviewer since"), "{}", page.text());

    let mut reviewer = DeskBrowser::signed_in(&app, REVIEWER.0, REVIEWER.1);
    let missing = transition(&mut reviewer, story, "en", &[("action", "request_changes"), ("comment", "  ")]);
    assert_eq!(missing.status, 422);
    assert!(missing.body.contains("id=\"en-err-comment\""), "{}", missing.body);
    assert_eq!(translation(&app, &token, story, "en")["status"], "in_review");
    let asked =
        transition(&mut reviewer, story, "en", &[("action", "request_changes"), ("comment", "Name the village")]);
    assert_eq!(asked.status, 303, "{}", asked.text());
    assert_eq!(translation(&app, &token, story, "en")["status"], "changes_requested");

    let page = editor.get(&format!("/desk/stories/{story}"));
    let text = page.text();
    assert!(
        text.contains("Omar asked for changes: Name the village")
            || text.contains("asked for changes: Name the village"),
        "{text}"
    );
    assert!(text.contains("Name the village"), "the timeline carries the comment: {text}");
    assert_eq!(transition(&mut editor, story, "en", &[("action", "submit")]).status, 303);

    let page = reviewer.get(&format!("/desk/stories/{story}"));
    assert!(page.body.contains("class=\"primary\">Approve"), "approve is the reviewer's primary button");
    assert_eq!(transition(&mut reviewer, story, "en", &[("action", "approve")]).status, 303);
    assert_eq!(transition(&mut reviewer, story, "en", &[("action", "publish")]).status, 303);
    assert_eq!(translation(&app, &token, story, "en")["status"], "published");
    let public = app.get("/en/stories/harvest/", None);
    assert_eq!(public.status(), 200);
    assert!(public.text().unwrap().contains("The harvest is in"));

    // The timeline: who, what, in order.
    let text = reviewer.get(&format!("/desk/stories/{story}")).text();
    let submitted = text.find("submitted it for review").unwrap();
    let asked = text.find("asked for changes.").unwrap();
    let published = text.find("published it.").unwrap();
    assert!(submitted < asked && asked < published, "{text}");

    // A reviewer sees what changed against the live text once it is edited again.
    workflow::write(&app, &token, story, "en", "The harvest is in, and sold");
    workflow::must(&app, &token, story, "en", "submit");
    let page = reviewer.get(&format!("/desk/stories/{story}"));
    assert!(page.text().contains("Changes since the published version"), "{}", page.text());
    assert!(page.body.contains("<ins class=\"diff\">"));
}

fn an_editor_cannot_approve_even_by_forging_the_form(backend: Backend) {
    let (app, token) = newsroom(backend);
    let admin = app.admin_token();
    let story = workflow::create_story(&app, &admin, "forged");
    workflow::write(&app, &admin, story, "en", "Written by the admin");
    workflow::must(&app, &admin, story, "en", "submit");
    let mut editor = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let page = editor.get(&format!("/desk/stories/{story}"));
    assert!(!page.body.contains("value=\"approve\"") && !page.body.contains("value=\"publish\""));
    assert!(page.body.contains("value=\"withdraw\""));
    let forged = transition(&mut editor, story, "en", &[("action", "approve")]);
    assert_eq!(forged.status, 403);
    assert!(forged.text().contains("Withdraw") || forged.body.contains("flash-problem"), "{}", forged.text());
    assert_eq!(translation(&app, &token, story, "en")["status"], "in_review");
}

fn approving_ones_own_revision_is_refused_in_words(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut admin = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let token = app.admin_token();
    let story = workflow::create_story(&app, &token, "own");
    admin.get(&format!("/desk/stories/{story}"));
    let saved = admin.post(&format!("/desk/stories/{story}/translations/en"), &text_fields("", "Mine", "Body."));
    assert_eq!(saved.status, 303);
    assert_eq!(transition(&mut admin, story, "en", &[("action", "submit")]).status, 303);
    let page = admin.get(&format!("/desk/stories/{story}"));
    assert!(!page.body.contains("value=\"approve\""));
    assert!(page.text().contains("another reviewer approves it"), "{}", page.text());
    let refused = transition(&mut admin, story, "en", &[("action", "approve")]);
    assert_eq!(refused.status, 403);
    assert!(refused.text().contains("Another reviewer must approve a revision you wrote"), "{}", refused.text());
    assert_eq!(translation(&app, &token, story, "en")["status"], "in_review");
}

fn publish_at_is_read_in_the_persons_time_zone(backend: Backend) {
    let (app, token) = newsroom(backend);
    app.database.execute(&format!("UPDATE users SET time_zone = 'Asia/Baghdad' WHERE email = '{}'", REVIEWER.0));
    let story = workflow::create_story(&app, &token, "later");
    workflow::write(&app, &token, story, "en", "Later");
    workflow::must(&app, &token, story, "en", "submit");
    let mut reviewer = DeskBrowser::signed_in(&app, REVIEWER.0, REVIEWER.1);
    assert_eq!(transition(&mut reviewer, story, "en", &[("action", "approve")]).status, 303);
    let page = reviewer.get(&format!("/desk/stories/{story}"));
    assert!(page.text().contains("Asia/Baghdad"), "{}", page.text());
    let bad = transition(&mut reviewer, story, "en", &[("action", "publish"), ("publish_at", "next tuesday")]);
    assert_eq!(bad.status, 422);
    assert!(bad.text().contains("Enter a date and time"), "{}", bad.text());
    let scheduled =
        transition(&mut reviewer, story, "en", &[("action", "publish"), ("publish_at", "2030-06-01T10:30")]);
    assert_eq!(scheduled.status, 303, "{}", scheduled.text());
    let api = translation(&app, &token, story, "en");
    assert_eq!(api["status"], "approved");
    assert_eq!(api["publish_at"], "2030-06-01T07:30:00Z");
    let page = reviewer.get(&format!("/desk/stories/{story}"));
    assert!(page.text().contains("scheduled to publish on 2030-06-01 10:30"), "{}", page.text());
}

fn revisions_compare_and_restore(backend: Backend) {
    let (app, token) = newsroom(backend);
    let story = workflow::create_story(&app, &token, "revised");
    let path = workflow::translation_path(story, "en");
    let first = serde_json::json!({"title": "First", "summary": "", "body": "Kept paragraph.\n\nOld words here."});
    assert_eq!(app.put(&path, &first, &token, None).status(), 201);
    let second = serde_json::json!({"title": "Second", "summary": "", "body": "Kept paragraph.\n\nNew words here."});
    let tag = app.get(&path, Some(&token)).headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(app.put(&path, &second, &token, Some(&tag)).status(), 200);
    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let page = browser.get(&format!("/desk/stories/{story}"));
    assert!(page.text().contains("Revision 2") && page.text().contains("Revision 1"), "{}", page.text());

    let compared = browser.get(&format!("/desk/stories/{story}/translations/en/compare?from=1&to=2"));
    assert_eq!(compared.status, 200);
    assert!(compared.body.contains("<del class=\"diff\">First</del>"), "{}", compared.body);
    assert!(compared.body.contains("<ins class=\"diff\">Second</ins>"));
    let body = browser.get(&format!("/desk/stories/{story}/translations/en/compare?from=2&to=1"));
    assert!(body.body.contains("<details"), "unchanged paragraphs fold: {}", body.body);
    assert_eq!(browser.get(&format!("/desk/stories/{story}/translations/en/compare?from=1&to=9")).status, 404);
    assert_eq!(browser.get(&format!("/desk/stories/{story}/translations/en/compare?from=x")).status, 200);

    let page = browser.get(&format!("/desk/stories/{story}"));
    let version = column(&page, "en").field("version").unwrap();
    let restored = browser
        .post(&format!("/desk/stories/{story}/translations/en/restore"), &[("version", &version), ("number", "1")]);
    assert_eq!(restored.status, 303, "{}", restored.text());
    let api = translation(&app, &token, story, "en");
    assert_eq!(api["title"], "First");
    assert_eq!(api["latest_revision"], 3);
    // A stale restore changes nothing and says why.
    let stale = browser
        .post(&format!("/desk/stories/{story}/translations/en/restore"), &[("version", &version), ("number", "2")]);
    assert_eq!(stale.status, 409);
    assert!(stale.text().contains("nothing was done"), "{}", stale.text());
    assert_eq!(translation(&app, &token, story, "en")["latest_revision"], 3);
}

fn posts_without_the_token_change_nothing(backend: Backend) {
    let (app, token) = newsroom(backend);
    let story = workflow::create_story(&app, &token, "guarded");
    workflow::write(&app, &token, story, "en", "Guarded");
    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    let page = browser.get(&format!("/desk/stories/{story}"));
    let version = column(&page, "en").field("version").unwrap();
    let before = app.database.snapshot();
    let attempts: Vec<(String, Vec<(&str, &str)>)> = vec![
        ("/desk/stories".into(), vec![("slug", "forged"), ("section", "")]),
        (format!("/desk/stories/{story}/translations/en"), text_fields(&version, "Forged", "Forged")),
        (
            format!("/desk/stories/{story}/translations/en/transition"),
            vec![("version", &version), ("action", "submit")],
        ),
        (format!("/desk/stories/{story}/translations/en/restore"), vec![("version", &version), ("number", "1")]),
        (format!("/desk/stories/{story}/translations/en/confirm"), vec![("version", &version)]),
    ];
    for (path, fields) in &attempts {
        assert_eq!(browser.post_raw(path, fields).status, 403, "{path}");
        let mut wrong = fields.clone();
        wrong.push(("csrf", "not-the-token"));
        assert_eq!(browser.post_raw(path, &wrong).status, 403, "{path}");
    }
    assert_eq!(app.database.snapshot(), before);
    assert_eq!(translation(&app, &token, story, "en")["title"], "Guarded");
}

fn the_story_pages_speak_arabic(backend: Backend) {
    let (app, token) = newsroom(backend);
    let story = workflow::create_story(&app, &token, "arabic");
    workflow::write(&app, &token, story, "en", "Title");
    workflow::write(&app, &token, story, "en", "Title two");
    let mut browser = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    browser.get("/desk/stories");
    assert_eq!(browser.post("/desk/language", &[("lang", "ar"), ("back", "/desk/stories")]).status, 303);
    for path in [
        "/desk/stories".to_owned(),
        format!("/desk/stories/{story}"),
        format!("/desk/stories/{story}/translations/en/compare?from=1&to=2"),
    ] {
        let page = browser.get(&path);
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.body.contains("<html lang=\"ar\" dir=\"rtl\" data-script=\"Arab\" data-digits=\"arab\">"),
            "{path}"
        );
        assert!(common::is_arabic(&page.text()), "{path}: {}", page.text());
    }
    let editor = browser.get(&format!("/desk/stories/{story}"));
    assert!(editor.text().contains("المراجعات"), "{}", editor.text());
    assert!(editor.body.contains("id=\"lang-en\" lang=\"en\" dir=\"ltr\""), "the English column keeps its direction");
    let refused = browser.post("/desk/stories", &[("slug", "Bad Slug"), ("section", "")]);
    assert_eq!(refused.status, 422);
    assert!(common::is_arabic(&refused.text()));
}
