//! The desk: the media library (upload, list, texts per language, where each image is used)
//! and the subscribers (search, counts, CSV import and export), through the real server.

use crate::common;

use common::desk::{Answer, DeskBrowser};
use common::fixture::png;
use common::newsroom::{create_story, translation_path};
use common::{is_arabic, Backend, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD};
use reqwest::blocking::multipart::{Form, Part};
use serde_json::{json, Value};

on_both_backends!(
    an_upload_through_the_desk_is_listed_and_served_to_the_signed_in,
    refused_uploads_say_why_and_store_nothing,
    an_upload_needs_the_token_first,
    an_editor_changes_an_images_credit,
    the_library_shows_where_each_image_is_used,
    subscribers_are_for_admins_only,
    subscribers_search_filters_and_counts,
    a_csv_import_reports_bad_rows_and_imports_the_rest,
    the_export_downloads_every_subscriber_as_csv,
    an_admin_changes_a_subscribers_language_or_unsubscribes_them,
);

const EDITOR: (&str, &str) = ("rana@example.test", "rana-password-1234");
const REVIEWER: (&str, &str) = ("omar@example.test", "omar-password-1234");

fn editor(app: &TestApp) -> DeskBrowser {
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    DeskBrowser::signed_in(app, EDITOR.0, EDITOR.1)
}

/// Posts a multipart form as the desk's page would: `csrf` (if given) first, then the
/// English credit `credit-en`, then the file.
fn post_multipart(
    browser: &DeskBrowser,
    path: &str,
    csrf: Option<&str>,
    credit: Option<&str>,
    file: Option<(Vec<u8>, &str, &str)>,
) -> Answer {
    let mut form = Form::new();
    if let Some(token) = csrf {
        form = form.text("csrf", token.to_owned());
    }
    if let Some(credit) = credit {
        form = form.text("credit-en", credit.to_owned());
    }
    if let Some((bytes, name, kind)) = file {
        form = form.part("file", Part::bytes(bytes).file_name(name.to_owned()).mime_str(kind).unwrap());
    }
    let response = browser.client.post(format!("{}{path}", browser.base)).multipart(form).send().unwrap();
    answer(response)
}

fn answer(response: reqwest::blocking::Response) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let location = headers.get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
    Answer { status, location, headers, body: response.text().unwrap_or_default() }
}

fn upload(browser: &mut DeskBrowser, bytes: Vec<u8>, name: &str, credit: &str) -> Answer {
    let page = browser.get("/desk/media");
    assert_eq!(page.status, 200, "{}", page.text());
    let csrf = browser.csrf.clone();
    post_multipart(browser, "/desk/media", Some(&csrf), Some(credit), Some((bytes, name, "image/png")))
}

/// The value of the input with this `id` on the page.
fn input_value(page: &Answer, id: &str) -> Option<String> {
    let at = page.body.find(&format!("id=\"{id}\""))?;
    let tag = &page.body[at..at + page.body[at..].find('>')?];
    let start = tag.find(" value=\"")? + " value=\"".len();
    Some(tag[start..start + tag[start..].find('"')?].to_owned())
}

fn files_in(app: &TestApp) -> usize {
    std::fs::read_dir(app.media_dir.path()).unwrap().count()
}

/// The ids of the images a library page links to, in order.
fn image_ids(page: &Answer) -> Vec<i64> {
    let mut ids: Vec<i64> = page
        .body
        .match_indices("<img src=\"/desk/media/")
        .filter_map(|(at, found)| page.body[at + found.len()..].split('/').next()?.parse().ok())
        .collect();
    ids.dedup();
    ids
}

fn an_upload_through_the_desk_is_listed_and_served_to_the_signed_in(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = editor(&app);
    let empty = browser.get("/desk/media");
    assert!(empty.text().contains("Nothing has been uploaded yet."), "{}", empty.text());

    let answer = upload(&mut browser, png(32, 16), "well.png", "Photo: Sara Ali");
    assert_eq!(answer.status, 303, "{}", answer.text());
    assert_eq!(answer.location.as_deref(), Some("/desk/media"));
    let page = browser.get("/desk/media");
    let text = page.text();
    assert!(text.contains("The image is uploaded."), "{text}");
    assert!(text.contains("well.png") && text.contains("Photo: Sara Ali"), "{text}");
    assert!(text.contains("32 × 16 pixels"), "{text}");
    assert!(text.contains("Not used in any story or edition yet."), "{text}");
    let ids = image_ids(&page);
    assert_eq!(ids.len(), 1, "{}", page.body);
    assert_eq!(files_in(&app), 1);

    // The API sees the same image.
    let token = app.login(EDITOR.0, EDITOR.1).access;
    let metadata: Value = app.get(&format!("/api/v1/media/{}", ids[0]), Some(&token)).json().unwrap();
    assert_eq!(metadata["credit"], "Photo: Sara Ali");
    assert_eq!(metadata["original_name"], "well.png");

    // The thumbnail: for the signed-in (a reviewer too), not for anyone else.
    let file = format!("/desk/media/{}/file", ids[0]);
    let served = browser.client.get(format!("{}{file}", browser.base)).send().unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.bytes().unwrap().to_vec(), png(32, 16));
    app.create_user(REVIEWER.0, REVIEWER.1, &["reviewer"]);
    let mut reviewer = DeskBrowser::signed_in(&app, REVIEWER.0, REVIEWER.1);
    let look = reviewer.get("/desk/media");
    assert_eq!(look.status, 200);
    assert!(!look.body.contains("enctype=\"multipart/form-data\""), "a reviewer gets no upload form");
    assert_eq!(reviewer.get(&file).status, 200);
    let mut stranger = DeskBrowser::new(&app);
    let refused = stranger.get(&file);
    assert_eq!(refused.status, 303);
    assert!(refused.location.unwrap().starts_with("/desk/login?next="));
    assert_eq!(browser.get("/desk/media/999999/file").status, 404);
    assert_eq!(browser.get("/desk/media/nope/file").status, 404);

    // A reviewer's upload is refused and stores nothing.
    let csrf = reviewer.csrf.clone();
    let answer = post_multipart(&reviewer, "/desk/media", Some(&csrf), None, Some((png(8, 8), "r.png", "image/png")));
    assert_eq!(answer.status, 403);
    assert_eq!(files_in(&app), 1);

    // In Arabic.
    let switched = browser.post("/desk/language", &[("lang", "ar"), ("back", "/desk/media")]);
    assert_eq!(switched.status, 303);
    let arabic = browser.get("/desk/media");
    assert!(arabic.body.contains("<html lang=\"ar\" dir=\"rtl\" data-script=\"Arab\" data-digits=\"arab\">"));
    assert!(arabic.text().contains("مكتبة الوسائط"), "{}", arabic.text());
    assert!(arabic.text().contains("صورة واحدة"), "{}", arabic.text());
}

fn refused_uploads_say_why_and_store_nothing(backend: Backend) {
    let app = TestApp::spawn_with(backend, &[("NASHRA_MEDIA__MAX_BYTES", "20000")]);
    let mut browser = editor(&app);

    let mut big = png(20, 20);
    big.resize(40_000, 0);
    let answer = upload(&mut browser, big, "big.png", "Too big");
    assert_eq!(answer.status, 422, "{}", answer.text());
    assert!(answer.text().contains("The body may be at most 20000 bytes."), "{}", answer.text());
    assert!(answer.body.contains("aria-describedby=\"err-file"), "the sentence is tied to the field");

    let answer = upload(&mut browser, b"just some text".to_vec(), "notes.png", "Mine");
    assert_eq!(answer.status, 422, "{}", answer.text());
    assert!(answer.text().contains("Upload a JPEG, PNG or WebP image."), "{}", answer.text());
    assert_eq!(answer.field("credit-en").as_deref(), Some("Mine"), "what was typed is kept");

    let long_credit = "x".repeat(301);
    let answer = upload(&mut browser, png(8, 8), "fine.png", &long_credit);
    assert_eq!(answer.status, 422, "{}", answer.text());
    assert!(answer.text().contains("At most 300 characters."), "{}", answer.text());

    let csrf = browser.csrf.clone();
    let answer = post_multipart(&browser, "/desk/media", Some(&csrf), Some("no file"), None);
    assert_eq!(answer.status, 422);
    assert!(answer.text().contains("This field cannot be empty."), "{}", answer.text());

    assert_eq!(files_in(&app), 0, "refused uploads leave no files");
    assert!(browser.get("/desk/media").text().contains("Nothing has been uploaded yet."));
}

fn an_upload_needs_the_token_first(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = editor(&app);
    browser.get("/desk/media");
    let csrf = browser.csrf.clone();
    let file = || Some((png(8, 8), "x.png", "image/png"));

    // No token; a wrong one; the right one after the file.
    assert_eq!(post_multipart(&browser, "/desk/media", None, Some("c"), file()).status, 403);
    assert_eq!(post_multipart(&browser, "/desk/media", Some("forged"), Some("c"), file()).status, 403);
    let late = Form::new()
        .part("file", Part::bytes(png(8, 8)).file_name("x.png").mime_str("image/png").unwrap())
        .text("csrf", csrf.clone());
    let late = answer(browser.client.post(format!("{}/desk/media", browser.base)).multipart(late).send().unwrap());
    assert_eq!(late.status, 403);
    // Not multipart at all.
    assert_eq!(browser.post_raw("/desk/media", &[("credit-en", "c")]).status, 403);
    // Another session's token.
    let mut other = DeskBrowser::signed_in(&app, EDITOR.0, EDITOR.1);
    other.get("/desk/media");
    let refused = post_multipart(&browser, "/desk/media", Some(&other.csrf), None, file());
    assert_eq!(refused.status, 403);
    assert!(refused.text().contains("This form has expired"), "{}", refused.text());
    assert_eq!(files_in(&app), 0);
    // The same form with its token goes through.
    assert_eq!(post_multipart(&browser, "/desk/media", Some(&csrf), None, file()).status, 303);
    assert_eq!(files_in(&app), 1);
}

fn an_editor_changes_an_images_credit(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = editor(&app);
    upload(&mut browser, png(8, 8), "x.png", "Old credit");
    let page = browser.get("/desk/media");
    let id = image_ids(&page)[0];
    let path = format!("/desk/media/{id}");
    let token = app.login(EDITOR.0, EDITOR.1).access;
    let metadata = || app.get(&format!("/api/v1/media/{id}"), Some(&token)).json::<Value>().unwrap();
    let credit = || metadata()["credit"].clone();

    // One field per language, each in its language and direction.
    for (code, dir, script) in [("en", "ltr", "Latn"), ("ar", "rtl", "Arab")] {
        let input = format!("id=\"credit-{id}-{code}\" name=\"credit-{code}\"");
        let at = page.body.find(&input).unwrap_or_else(|| panic!("no {code} field: {}", page.body));
        let tag = &page.body[at..at + page.body[at..].find('>').unwrap()];
        assert!(tag.contains(&format!("lang=\"{code}\" dir=\"{dir}\"")), "{tag}");
        assert!(page.body.contains(&format!(
            "<label for=\"credit-{id}-{code}\" lang=\"{code}\" dir=\"{dir}\" data-script=\"{script}\">"
        )));
    }

    assert_eq!(browser.post_raw(&path, &[("credit-en", "Forged")]).status, 403);
    assert_eq!(credit(), "Old credit");
    let answer =
        browser.post(&path, &[("credit-en", "  Photo: Hana Saleh "), ("credit-ar", "تصوير: هناء صالح"), ("page", "1")]);
    assert_eq!(answer.status, 303, "{}", answer.text());
    assert_eq!(answer.location, Some(format!("/desk/media?page=1#image-{id}")));
    // The first language's is the shared credit; the other's differs, so it is its own.
    assert_eq!(credit(), "Photo: Hana Saleh");
    assert_eq!(metadata()["credits"], json!({"ar": "تصوير: هناء صالح"}));
    let page = browser.get("/desk/media");
    assert!(page.text().contains("The credits are changed."));
    assert_eq!(input_value(&page, &format!("credit-{id}-ar")).as_deref(), Some("تصوير: هناء صالح"));

    // Too long in Arabic, or two lines in English: the page again, each sentence at its
    // field, what was typed kept, nothing changed.
    let long = "ي".repeat(301);
    let refused = browser.post(&path, &[("credit-en", "Photo: Hana\nSaleh"), ("credit-ar", &long)]);
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains(&format!("aria-describedby=\"credit-{id}-ar-err\"")), "{}", refused.body);
    assert!(refused.body.contains(&format!("aria-describedby=\"credit-{id}-en-err\"")), "{}", refused.body);
    assert!(refused.text().contains("At most 300 characters."), "{}", refused.text());
    assert!(refused.text().contains("Control characters"), "{}", refused.text());
    assert_eq!(input_value(&refused, &format!("credit-{id}-ar")).as_deref(), Some(long.as_str()));
    assert_eq!(credit(), "Photo: Hana Saleh");
    assert_eq!(browser.post("/desk/media/999999", &[("credit-en", "x")]).status, 404);

    // The API changes them through the same use case; a reviewer may not.
    let changed = app.patch(&format!("/api/v1/media/{id}"), &json!({"credit": "Via API"}), Some(&token));
    assert_eq!(changed.status(), 200);
    assert_eq!(credit(), "Via API");
    let page = browser.get("/desk/media");
    assert_eq!(input_value(&page, &format!("credit-{id}-en")).as_deref(), Some("Via API"));
    assert_eq!(input_value(&page, &format!("credit-{id}-ar")).as_deref(), Some("تصوير: هناء صالح"), "its own stays");
    let removed = app.patch(&format!("/api/v1/media/{id}"), &json!({"credits": {"ar": null}}), Some(&token));
    assert_eq!(removed.status(), 200);
    let page = browser.get("/desk/media");
    assert_eq!(input_value(&page, &format!("credit-{id}-ar")).as_deref(), Some("Via API"), "the shared one shows");
    let too_long = app.patch(&format!("/api/v1/media/{id}"), &json!({"credit": long}), Some(&token));
    assert_eq!(too_long.status(), 422);
    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    assert_eq!(app.patch(&format!("/api/v1/media/{id}"), &json!({"credit": "No"}), Some(&reviewer)).status(), 403);
    assert_eq!(credit(), "Via API");
    app.create_user(REVIEWER.0, REVIEWER.1, &["reviewer"]);
    let mut looker = DeskBrowser::signed_in(&app, REVIEWER.0, REVIEWER.1);
    let page = looker.get("/desk/media");
    assert!(page.text().contains("Via API") && !page.body.contains(&format!("action=\"{path}\"")));
    assert_eq!(looker.post(&path, &[("credit-en", "No")]).status, 403);
    assert_eq!(credit(), "Via API");
}

fn the_library_shows_where_each_image_is_used(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = editor(&app);
    let token = app.login(EDITOR.0, EDITOR.1).access;
    upload(&mut browser, png(40, 30), "used.png", "");
    upload(&mut browser, png(20, 10), "unused.png", "");
    let page = browser.get("/desk/media");
    let ids = image_ids(&page);
    assert_eq!(ids.len(), 2);
    // Newest first.
    let (unused, used) = (ids[0], ids[1]);
    assert!(unused > used, "{ids:?}");

    let story = create_story(&app, &token, "the-well");
    for (locale, title, alt) in [("en", "The new well", "A concrete well"), ("ar", "البئر الجديدة", "بئر من الإسمنت")]
    {
        let text = json!({"title": title, "summary": "", "body": "Water.",
                          "images": [{"media_id": used, "alt": alt, "caption": format!("{title} caption")}]});
        assert_eq!(app.put(&translation_path(story, locale), &text, &token, None).status(), 201);
    }
    let edition =
        app.post("/api/v1/editions", &json!({"number": 7, "slug": "spring", "cover_media_id": used}), Some(&token));
    assert_eq!(edition.status(), 201);
    let edition = edition.json::<Value>().unwrap()["id"].as_i64().unwrap();

    let page = browser.get("/desk/media");
    let body = &page.body;
    let item = |id: i64| {
        let start = body.find(&format!("id=\"image-{id}\"")).unwrap();
        let end = body[start..].find("</li>\n    <li class=\"media-item\"").map_or(body.len(), |e| start + e);
        body[start..end].replace(['\u{2068}', '\u{2069}'], "")
    };
    let used_item = item(used);
    assert!(used_item.contains(">The new well</bdi></a>"), "the link reads as the story's title: {used_item}");
    assert!(used_item.contains(&format!("href=\"/desk/stories/{story}\"")), "{used_item}");
    assert!(used_item.contains(&format!("href=\"/desk/editions/{edition}\"")), "{used_item}");
    assert!(used_item.contains("A concrete well") && used_item.contains("بئر من الإسمنت"), "{used_item}");
    assert!(used_item.contains("<li lang=\"ar\" dir=\"rtl\" data-script=\"Arab\">"), "{used_item}");
    assert!(used_item.contains("Cover of edition 7"), "{used_item}");
    let unused_item = item(unused);
    assert!(unused_item.contains("Not used in any story or edition yet."), "{unused_item}");
}

fn import(app: &TestApp, csv: &str) -> Value {
    let response = app
        .client
        .post(app.url("/api/v1/subscribers/import"))
        .bearer_auth(app.admin_token())
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().unwrap()
}

fn subscribers(app: &TestApp) -> Vec<Value> {
    let list: Value = app.get("/api/v1/subscribers?per_page=100", Some(&app.admin_token())).json().unwrap();
    list["items"].as_array().unwrap().clone()
}

const THREE: &str =
    "email,locale,status\namal@example.org,ar,confirmed\nbob@example.org,en,confirmed\ncarla@example.org,en,pending\n";

fn subscribers_are_for_admins_only(backend: Backend) {
    let app = TestApp::spawn(backend);
    import(&app, THREE);
    let mut browser = editor(&app);
    let page = browser.get("/desk/subscribers");
    assert_eq!(page.status, 403);
    assert!(page.text().contains("Not for your role"), "{}", page.text());
    assert!(!browser.get("/desk/").body.contains("href=\"/desk/subscribers\""), "no link for an editor");
    assert_eq!(browser.get("/desk/subscribers/export").status, 403);
    let id = subscribers(&app)[0]["id"].as_i64().unwrap();
    browser.get("/desk/media");
    assert_eq!(browser.post(&format!("/desk/subscribers/{id}"), &[("unsubscribe", "1")]).status, 403);
    let csrf = browser.csrf.clone();
    let csv = Some((b"email,locale\nnew@example.org,en\n".to_vec(), "s.csv", "text/csv"));
    assert_eq!(post_multipart(&browser, "/desk/subscribers/import", Some(&csrf), None, csv).status, 403);
    assert!(subscribers(&app).iter().all(|s| s["status"] != "unsubscribed"));
    assert_eq!(subscribers(&app).len(), 3);
    let mut stranger = DeskBrowser::new(&app);
    assert_eq!(stranger.get("/desk/subscribers").status, 303);
}

fn subscribers_search_filters_and_counts(backend: Backend) {
    let app = TestApp::spawn(backend);
    import(&app, THREE);
    let mut browser = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let all = browser.get("/desk/subscribers");
    assert_eq!(all.status, 200);
    let text = all.text();
    assert!(text.contains("3 subscribers"), "{text}");
    // Rows: language, then pending, confirmed, unsubscribed, bounced, total.
    assert!(text.contains("English 1 1 0 0 2"), "{text}");
    assert!(text.contains("العربية 0 1 0 0 1"), "{text}");
    assert!(text.contains("Total 1 2 0 0 3"), "{text}");
    assert!(text.contains("3 subscribers match"), "{text}");

    let found = browser.get("/desk/subscribers?q=amal");
    let text = found.text();
    assert!(text.contains("One subscriber matches") && text.contains("amal@example.org"), "{text}");
    assert!(!text.contains("bob@example.org"), "{text}");
    assert_eq!(found.field("q").as_deref(), Some("amal"), "the search is kept in its field");
    let text = browser.get("/desk/subscribers?q=AMAL").text();
    assert!(text.contains("One subscriber matches") && text.contains("amal@example.org"), "{text}");
    let text = browser.get("/desk/subscribers?locale=en&status=pending").text();
    assert!(text.contains("carla@example.org") && !text.contains("bob@example.org"), "{text}");
    let text = browser.get("/desk/subscribers?q=example.org&locale=en").text();
    assert!(text.contains("2 subscribers match"), "{text}");
    // Unknown filters are no filters; nothing breaks.
    assert_eq!(browser.get("/desk/subscribers?status=nope&locale=xx&page=-1").status, 200);
    let text = browser.get("/desk/subscribers?q=nobody").text();
    assert!(text.contains("No subscriber matches this search."), "{text}");

    browser.post("/desk/language", &[("lang", "ar"), ("back", "/desk/subscribers")]);
    let arabic = browser.get("/desk/subscribers");
    assert!(arabic.body.contains("<html lang=\"ar\" dir=\"rtl\" data-script=\"Arab\" data-digits=\"arab\">"));
    assert!(is_arabic(&arabic.text()) && arabic.text().contains("المشتركون"), "{}", arabic.text());
}

fn a_csv_import_reports_bad_rows_and_imports_the_rest(backend: Backend) {
    let app = TestApp::spawn(backend);
    let mut browser = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    browser.get("/desk/subscribers");
    let csrf = browser.csrf.clone();
    let csv = "email,locale\nfirst@example.org,en\nnot-an-address,en\nthird@example.org,ar\n";
    let file = || Some((csv.as_bytes().to_vec(), "list.csv", "text/csv"));

    // Without the token: refused, nothing imported.
    assert_eq!(post_multipart(&browser, "/desk/subscribers/import", None, None, file()).status, 403);
    assert!(subscribers(&app).is_empty());

    let answer = post_multipart(&browser, "/desk/subscribers/import", Some(&csrf), None, file());
    assert_eq!(answer.status, 200, "{}", answer.text());
    let text = answer.text();
    assert!(text.contains("Imported: 2 new"), "{text}");
    assert!(text.contains("One row was not imported"), "{text}");
    assert!(text.contains("Row 3: the email address is not valid."), "{text}");
    let emails: Vec<String> = subscribers(&app).iter().map(|s| s["email"].as_str().unwrap().to_owned()).collect();
    assert_eq!(emails, ["first@example.org", "third@example.org"]);

    // A file that is not a list is refused whole, with why.
    let bad = Some((b"name,city\nx,y\n".to_vec(), "other.csv", "text/csv"));
    let answer = post_multipart(&browser, "/desk/subscribers/import", Some(&csrf), None, bad);
    assert_eq!(answer.status, 422, "{}", answer.text());
    assert!(answer.text().contains("email and locale"), "{}", answer.text());
    assert_eq!(subscribers(&app).len(), 2);

    // In Arabic, the report too.
    browser.post("/desk/language", &[("lang", "ar"), ("back", "/desk/subscribers")]);
    let csv = "email,locale\nfourth@example.org,en\nfifth@example.org,xx\n";
    let answer = post_multipart(
        &browser,
        "/desk/subscribers/import",
        Some(&csrf),
        None,
        Some((csv.as_bytes().to_vec(), "l.csv", "text/csv")),
    );
    assert_eq!(answer.status, 200);
    assert!(answer.text().contains("اللغة ليست من لغات هذه النشرة"), "{}", answer.text());
}

fn the_export_downloads_every_subscriber_as_csv(backend: Backend) {
    let app = TestApp::spawn(backend);
    import(&app, THREE);
    let mut browser = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let page = browser.get("/desk/subscribers");
    assert!(page.body.contains("href=\"/desk/subscribers/export\""));
    let csv = browser.get("/desk/subscribers/export");
    assert_eq!(csv.status, 200);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(csv.headers["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], "email,locale,status,created_at,confirmed_at");
    assert_eq!(lines.len(), 4);
    for email in ["amal@example.org,ar,confirmed", "bob@example.org,en,confirmed", "carla@example.org,en,pending"] {
        assert!(csv.body.contains(email), "{}", csv.body);
    }
    let mut stranger = DeskBrowser::new(&app);
    assert_eq!(stranger.get("/desk/subscribers/export").status, 303);
}

fn an_admin_changes_a_subscribers_language_or_unsubscribes_them(backend: Backend) {
    let app = TestApp::spawn(backend);
    import(&app, THREE);
    let bob = subscribers(&app).into_iter().find(|s| s["email"] == "bob@example.org").unwrap();
    let id = bob["id"].as_i64().unwrap();
    let path = format!("/desk/subscribers/{id}");
    let mut browser = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let page = browser.get("/desk/subscribers?q=bob");
    assert_eq!(page.field("back").as_deref(), Some("/desk/subscribers?q=bob"));

    // Without the token, nothing changes.
    assert_eq!(browser.post_raw(&path, &[("locale", "ar")]).status, 403);
    let find = || subscribers(&app).into_iter().find(|s| s["id"] == id).unwrap();
    assert_eq!(find()["locale"], "en");

    let answer = browser.post(&path, &[("locale", "ar"), ("back", "/desk/subscribers?q=bob")]);
    assert_eq!(answer.status, 303, "{}", answer.text());
    assert_eq!(answer.location.as_deref(), Some("/desk/subscribers?q=bob"));
    assert_eq!(find()["locale"], "ar");
    let after = browser.get("/desk/subscribers?q=bob");
    assert!(after.text().contains("The subscriber’s language is changed."), "{}", after.text());

    // A language that is not configured is refused; a redirect elsewhere is not followed.
    let refused = browser.post(&path, &[("locale", "xx")]);
    assert_eq!(refused.status, 422);
    assert_eq!(find()["locale"], "ar");
    let answer = browser.post(&path, &[("locale", "en"), ("back", "https://evil.example/")]);
    assert_eq!(answer.location.as_deref(), Some("/desk/subscribers"));

    let answer = browser.post(&path, &[("unsubscribe", "1"), ("back", "/desk/subscribers")]);
    assert_eq!(answer.status, 303);
    assert_eq!(find()["status"], "unsubscribed");
    assert_eq!(browser.post("/desk/subscribers/999999", &[("locale", "en")]).status, 404);
}
