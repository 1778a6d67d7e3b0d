//! An edition's stories in ordered groups (SPEC §12): the API's contract, the rules it
//! checks, and the review rule for published editions.

use crate::common;

use common::fixture::publish_newsletter;
use common::newsroom::create_story;
use common::{assert_problem, Backend, TestApp};
use serde_json::{json, Value};

on_both_backends!(
    groups_are_set_read_and_checked,
    group_texts_of_a_published_edition_wait_for_review,
    a_grouped_edition_reads_as_a_bulletin_everywhere,
);

fn text_with_groups(title: &str, groups: Value) -> Value {
    json!({"title": title, "foreword": "Dear readers.", "signature": {"name": "Layla", "role": "Head"}, "groups": groups})
}

fn groups_are_set_read_and_checked(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let created: Value =
        app.post("/api/v1/editions", &json!({"number": 3, "slug": "summer"}), Some(&editor)).json().unwrap();
    let id = created["id"].as_i64().unwrap();
    let path = format!("/api/v1/editions/{id}");
    let [a, b, c] = ["a", "b", "c"].map(|slug| create_story(&app, &editor, slug));
    let grouped = json!({"groups": [
        {"key": "programme", "lettered": true, "story_ids": [b, a]},
        {"key": "news", "story_ids": [c]},
    ]});
    let response = app.patch(&path, &grouped, Some(&editor));
    assert_eq!(response.status(), 200);
    let body: Value = response.json().unwrap();
    assert_eq!(body["groups"][0], json!({"key": "programme", "lettered": true, "story_ids": [b, a]}));
    assert_eq!(body["groups"][1], json!({"key": "news", "lettered": false, "story_ids": [c]}));
    let order: Vec<(&str, &str)> = body["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["slug"].as_str().unwrap(), s["group"].as_str().unwrap()))
        .collect();
    assert_eq!(order, [("b", "programme"), ("a", "programme"), ("c", "news")]);

    let texts =
        json!({"programme": {"heading": " Our programme ", "intro": "What we did."}, "news": {"heading": "News"}});
    let saved = app.put(&format!("{path}/translations/en"), &text_with_groups("Summer", texts), &editor, None);
    assert_eq!(saved.status(), 200);
    let body: Value = saved.json().unwrap();
    let en = &body["translations"][0]["groups"];
    assert_eq!(en["programme"], json!({"heading": "Our programme", "intro": "What we did."}));
    assert_eq!(en["news"]["intro"], "");

    // Refusals change nothing.
    let unknown = json!({"elsewhere": {"heading": "Nowhere"}});
    let refused = app.put(&format!("{path}/translations/en"), &text_with_groups("Summer", unknown), &editor, None);
    let problem = assert_problem(refused, 422, "validation-failed", "en");
    assert_eq!(problem["errors"][0]["field"], "groups");
    for bad in [
        json!({"groups": [{"key": "news", "story_ids": [a]}, {"key": "news", "story_ids": [b]}]}),
        json!({"groups": [{"key": "one", "story_ids": [a]}, {"key": "two", "story_ids": [a]}]}),
        json!({"groups": [{"key": "Not A Key", "story_ids": [a]}]}),
        json!({"groups": [{"key": "one", "story_ids": [a]}], "story_ids": [a]}),
        json!({"groups": [{"key": "one", "story_ids": [99999]}]}),
    ] {
        assert_problem(app.patch(&path, &bad, Some(&editor)), 422, "validation-failed", "en");
    }
    let now: Value = app.get(&path, Some(&editor)).json().unwrap();
    assert_eq!(now["groups"].as_array().unwrap().len(), 2, "refused layouts change nothing");
    assert_eq!(now["translations"][0]["groups"]["programme"]["heading"], "Our programme");

    // Dropping a group drops its texts; a plain list drops them all.
    let fewer = json!({"groups": [{"key": "news", "story_ids": [c, a]}]});
    let body: Value = app.patch(&path, &fewer, Some(&editor)).json().unwrap();
    assert_eq!(body["translations"][0]["groups"], json!({"news": {"heading": "News", "intro": ""}}));
    assert_eq!(body["stories"].as_array().unwrap().len(), 2, "a story in no group leaves the edition");
    let body: Value = app.patch(&path, &json!({"story_ids": [a, b]}), Some(&editor)).json().unwrap();
    assert_eq!(body["groups"], json!([]));
    assert_eq!(body["stories"][0]["group"], Value::Null);
    assert_eq!(body["translations"][0]["groups"], json!({}));
}

fn group_texts_of_a_published_edition_wait_for_review(backend: Backend) {
    let app = TestApp::spawn(backend);
    let newsletter = publish_newsletter(&app);
    let path = format!("/api/v1/editions/{}", newsletter.edition);
    let [well, schools] = [newsletter.stories[0], newsletter.stories[1]];
    let layout = json!({"groups": [{"key": "programme", "lettered": true, "story_ids": [schools, well]}]});
    assert_eq!(app.patch(&path, &layout, Some(&newsletter.editor)).status(), 200);
    let texts = json!({"programme": {"heading": "Programme", "intro": "Our work."}});
    let saved =
        app.put(&format!("{path}/translations/en"), &text_with_groups("Spring 2026", texts), &newsletter.editor, None);
    assert_eq!(saved.status(), 200);

    // A group heading written in English only would reach Arabic readers without one.
    let refused = app.post(&format!("{path}/publish"), &json!({}), Some(&newsletter.reviewer));
    let problem = assert_problem(refused, 409, "edition-not-ready", "en");
    let gaps: Vec<&Value> =
        problem["not_ready"].as_array().unwrap().iter().filter(|p| p["group"].is_string()).collect();
    assert_eq!(gaps.len(), 2, "{problem}");
    assert_eq!(gaps[0]["reason"], "missing_group_heading");
    assert_eq!((gaps[0]["group"].as_str(), gaps[0]["locale"].as_str()), (Some("programme"), Some("ar")));
    assert_eq!(gaps[1]["reason"], "missing_group_intro");
    let texts = json!({"programme": {"heading": "البرنامج", "intro": "عملنا."}});
    let saved =
        app.put(&format!("{path}/translations/ar"), &text_with_groups("ربيع ٢٠٢٦", texts), &newsletter.editor, None);
    assert_eq!(saved.status(), 200);
    let body: Value = saved.json().unwrap();
    assert_eq!(body["pending_changes"], true);
    assert_eq!(body["live"]["groups"], json!([]), "readers still see the plain list");
    assert_eq!(body["live"]["story_ids"], json!([well, schools]));

    let published = app.post(&format!("{path}/publish"), &json!({}), Some(&newsletter.reviewer));
    assert_eq!(published.status(), 200);
    let body: Value = published.json().unwrap();
    assert_eq!(body["live"]["groups"][0]["story_ids"], json!([schools, well]));
    let en = body["live"]["translations"].as_array().unwrap().iter().find(|t| t["locale"] == "en").unwrap().clone();
    assert_eq!(en["groups"]["programme"]["heading"], "Programme");
}

/// The fixture newsletter rearranged as a bulletin: a lettered programme part with an
/// introduction holding both stories, texts in both languages, published.
fn publish_as_bulletin(app: &TestApp) -> common::fixture::Newsletter {
    let newsletter = publish_newsletter(app);
    let path = format!("/api/v1/editions/{}", newsletter.edition);
    let [well, schools] = [newsletter.stories[0], newsletter.stories[1]];
    let layout = json!({"groups": [{"key": "programme", "lettered": true, "story_ids": [schools, well]}]});
    assert_eq!(app.patch(&path, &layout, Some(&newsletter.editor)).status(), 200);
    for (locale, title, heading, intro) in [
        ("en", "Spring 2026", "Our programme", "What we did this *spring*."),
        ("ar", "ربيع ٢٠٢٦", "برنامجنا", "ما أنجزناه هذا *الربيع*."),
    ] {
        let texts = json!({"programme": {"heading": heading, "intro": intro}});
        let saved = app.put(
            &format!("{path}/translations/{locale}"),
            &text_with_groups(title, texts),
            &newsletter.editor,
            None,
        );
        assert_eq!(saved.status(), 200);
    }
    assert_eq!(app.post(&format!("{path}/publish"), &json!({}), Some(&newsletter.reviewer)).status(), 200);
    newsletter
}

fn a_grouped_edition_reads_as_a_bulletin_everywhere(backend: Backend) {
    let app = TestApp::spawn(backend);
    publish_as_bulletin(&app);
    for (locale, heading, intro, first, second) in [
        ("en", "Our programme", "What we did this <em>spring</em>.", "a", "b"),
        ("ar", "برنامجنا", "ما أنجزناه هذا <em>الربيع</em>.", "أ", "ب"),
    ] {
        let page = app.get(&format!("/{locale}/editions/spring-2026/"), None).text().unwrap();
        assert!(page.contains(&format!(r#"<h3 id="group-programme-title">{heading}</h3>"#)), "{page}");
        assert!(page.contains(intro), "{locale}: the intro");
        let schools =
            page.find(&format!(r#"<span class="label">{first}</span> <a href="/{locale}/stories/schools-reopen/""#));
        let well = page.find(&format!(r#"<span class="label">{second}</span> <a href="/{locale}/stories/new-well/""#));
        assert!(schools.is_some() && well.is_some() && schools < well, "{locale}: lettered in the group's order");

        let story = app.get(&format!("/{locale}/stories/new-well/"), None).text().unwrap();
        let place = story.split(r#"<p class="place">"#).nth(1).unwrap().split("</p>").next().unwrap().to_owned();
        assert!(place.contains(heading) && place.contains(second), "{locale}: the story page names its place: {place}");

        let public: Value = app.get(&format!("/api/v1/public/{locale}/editions/spring-2026"), None).json().unwrap();
        assert_eq!(public["groups"][0]["key"], "programme");
        assert_eq!(public["groups"][0]["heading"], heading);
        assert_eq!(public["groups"][0]["story_slugs"], json!(["schools-reopen", "new-well"]));
        assert_eq!(public["stories"][1]["label"], second);
    }

    // The email, both parts, as `export email` writes it.
    let eml = app.media_dir.path().join("bulletin.eml");
    let mut command = common::nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_PUBLIC_URL", &app.base);
    let args = ["export", "email", "--edition", "spring-2026", "--lang", "ar", "--out", eml.to_str().unwrap()];
    let exported = common::run_cli(command, &args, "");
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    let bytes = std::fs::read(&eml).unwrap();
    let mail = mailparse::parse_mail(&bytes).unwrap();
    let body = |mime: &str| {
        mail.subparts.iter().find(|p| p.ctype.mimetype == mime).and_then(|p| p.get_body().ok()).unwrap_or_default()
    };
    let html = body("text/html");
    assert!(html.contains("برنامجنا") && html.contains("<em>الربيع</em>"), "{html}");
    let labelled = html.find(r#"<span class="label" style"#).and_then(|at| html[at..].find(">أ</span>"));
    assert!(labelled.is_some(), "the HTML part letters the stories in Arabic: {html}");
    let text = body("text/plain").replace("\r\n", "\n");
    let (schools, well) = (text.find("أ) عودة المدارس في سنجار"), text.find("ب) بئر جديدة في الحمدانية"));
    assert!(text.contains("برنامجنا\n========") && schools.is_some() && schools < well, "{text}");

    // The export writes the same pages the server serves.
    let out = tempfile::tempdir().unwrap();
    let mut command = common::nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_MEDIA__DIR", app.media_dir.path());
    let args = ["export", "web", "--out", out.path().to_str().unwrap(), "--base-url", &app.base];
    let exported = common::run_cli(command, &args, "");
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    for page in ["ar/editions/spring-2026/", "en/stories/new-well/", "ar/stories/schools-reopen/"] {
        let written = std::fs::read(out.path().join(page).join("index.html")).unwrap();
        let live = app.get(&format!("/{page}"), None).bytes().unwrap().to_vec();
        assert_eq!(written, live, "{page}");
        assert!(String::from_utf8(written).unwrap().contains("برنامجنا") == page.starts_with("ar"));
    }
}
