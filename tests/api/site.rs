//! The public web site in both languages: pages and their metadata, feeds, the sitemap,
//! conditional GET, publishing showing on the next request, the static export, and the
//! public JSON API.

use crate::common;

use std::collections::BTreeMap;

use common::fixture::publish_newsletter;
use common::newsroom::must;
use common::{assert_problem, Backend, TestApp};
use serde_json::Value;

on_both_backends!(
    pages_speak_each_language,
    unpublished_content_never_shows,
    feeds_and_sitemap_are_valid_and_complete,
    pages_revalidate_and_follow_publishing,
    the_export_is_byte_identical_to_live_pages,
    the_public_api_serves_published_content,
);

fn page(app: &TestApp, path: &str) -> String {
    let response = app.get(path, None);
    assert_eq!(response.status(), 200, "{path}");
    response.text().unwrap()
}

fn pages_speak_each_language(backend: Backend) {
    let app = TestApp::spawn(backend);
    let newsletter = publish_newsletter(&app);

    let home = app.get("/en/", None);
    assert_eq!(home.headers()["content-type"], "text/html; charset=utf-8");
    let csp = home.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(home.headers()["x-content-type-options"], "nosniff");
    assert_eq!(home.headers()["x-frame-options"], "DENY");
    let english = home.text().unwrap();
    assert!(english.contains(r#"<html lang="en" dir="ltr" data-script="Latn">"#));
    assert!(english.contains("<h1>Spring 2026</h1>"));
    assert!(english.contains("Issue \u{2068}12\u{2069}"), "edition number");
    assert!(english.contains("(two stories)") || english.contains("(\u{2068}2\u{2069} stories)"), "plural count");
    let today = chrono::Utc::now().date_naive();
    assert!(english.contains(&today.format("%-d %B %Y").to_string()), "CLDR date in en-GB form");
    assert!(english.contains(r#"<link rel="alternate" hreflang="ar" href="http://"#));
    assert!(english.contains(
        r#"<a href="/ar/" hreflang="ar" lang="ar" dir="rtl" data-script="Arab" rel="alternate">العربية</a>"#
    ));
    assert!(english.contains("Funded by the Example Fund") && english.contains("12 River Road, Erbil"));
    assert!(english.contains("Layla Haddad") && english.contains("Head of Office"));
    assert!(english.contains(r#"<meta property="og:locale" content="en">"#));

    let arabic = page(&app, "/ar/");
    assert!(arabic.contains(r#"<html lang="ar" dir="rtl" data-script="Arab">"#));
    assert!(arabic.contains("العدد \u{2068}١٢\u{2069}"), "Arabic-Indic digits in the edition number");
    assert!(arabic.contains("قصتان"), "Arabic dual for two stories");
    let arabic_date = common::arabic_indic(&today.format("%-d").to_string());
    assert!(
        arabic.contains(&format!("<time datetime=\"{today}\">{arabic_date} ")),
        "Arabic date with Arabic-Indic digits"
    );
    assert!(arabic.contains("بتمويل من صندوق المثال"));
    assert!(arabic.contains(
        r#"<a href="/en/" hreflang="en" lang="en" dir="ltr" data-script="Latn" rel="alternate">English</a>"#
    ));

    let story = page(&app, "/ar/stories/new-well/");
    assert!(story.contains("<h1>بئر جديدة في الحمدانية</h1>"));
    assert!(story.contains(&format!(
        r#"<img src="{}" width="64" height="48" alt="بئر جديدة في الحمدانية (alt)""#,
        newsletter.image_url
    )));
    assert!(story.contains(r#"<span class="caption">بئر جديدة في الحمدانية (caption)</span>"#));
    assert!(story.contains("تصوير: \u{2068}Sara Ali\u{2069}"), "credit in Arabic chrome");
    assert!(story.contains(r#"<meta property="og:type" content="article">"#));
    assert!(story.contains(&format!(r#"<meta property="og:image" content="{}{}">"#, app.base, newsletter.image_url)));
    assert!(story.contains(r#"<link rel="canonical" href=""#));
    assert!(story.contains("<strong>Bold</strong> text."));
    assert!(!story.contains("<script"), "story HTML is sanitised");
    assert!(story.contains(r#"href="/ar/editions/spring-2026/""#), "links its edition");
    assert!(story.contains(r#"<a href="/en/stories/new-well/" hreflang="en""#), "links its English version");

    let archive = page(&app, "/en/archive/");
    assert!(archive.contains(r#"<a href="/en/editions/spring-2026/">Spring 2026</a>"#));
    let edition = page(&app, "/ar/editions/spring-2026/");
    assert!(edition.contains("<h1>ربيع ٢٠٢٦</h1>"));
    assert!(!edition.contains("تقرير على الموقع فقط"), "a story outside the edition is not listed in it");
    let _ = newsletter.edition;
}

fn unpublished_content_never_shows(backend: Backend) {
    let app = TestApp::spawn(backend);
    let newsletter = publish_newsletter(&app);
    assert_problem(app.get("/en/stories/secret-draft/", None), 404, "not-found", "en");
    assert_problem(app.get("/fr/", None), 404, "route-not-found", "en");
    for path in ["/en/", "/en/archive/", "/en/feed.atom", "/sitemap.xml", "/api/v1/public/en/editions"] {
        assert!(!page(&app, path).contains("secret-draft"), "{path} shows a draft");
        assert!(!page(&app, path).contains("Secret draft"), "{path} shows a draft");
    }
    // An edited published story shows its live text, not the new draft.
    let edited = serde_json::json!({"title": "Unapproved new title", "summary": "", "body": "Draft text."});
    let path = common::newsroom::translation_path(newsletter.stories[0], "en");
    let tag = app.get(&path, Some(&newsletter.editor)).headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(app.put(&path, &edited, &newsletter.editor, Some(&tag)).status(), 200);
    let story = page(&app, "/en/stories/new-well/");
    assert!(story.contains("A new well for Hamdaniya") && !story.contains("Unapproved new title"));
    // A trailing slash is added to page addresses.
    let redirect = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/ar/stories/new-well"))
        .send()
        .unwrap();
    assert_eq!(redirect.status(), 301);
    assert_eq!(redirect.headers()["location"], "/ar/stories/new-well/");
}

fn feeds_and_sitemap_are_valid_and_complete(backend: Backend) {
    let app = TestApp::spawn(backend);
    publish_newsletter(&app);
    let feed = app.get("/ar/feed.atom", None);
    assert_eq!(feed.headers()["content-type"], "application/atom+xml; charset=utf-8");
    let feed = atom_syndication::Feed::read_from(feed.text().unwrap().as_bytes()).expect("valid Atom");
    assert_eq!(feed.title().as_str(), "النشرة الإقليمية");
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(titles.len(), 3);
    assert!(titles.contains(&"بئر جديدة في الحمدانية") && titles.contains(&"تقرير على الموقع فقط"));
    for entry in feed.entries() {
        assert!(entry.id().starts_with(&format!("{}/ar/stories/", app.base)));
        let html = entry.content().and_then(|c| c.value()).unwrap();
        assert!(!html.contains("<script"));
    }

    let sitemap = page(&app, "/sitemap.xml");
    let document = roxmltree::Document::parse(&sitemap).expect("valid XML");
    let mut alternates: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for url in document.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url.children().find(|n| n.has_tag_name("loc")).and_then(|n| n.text()).unwrap().to_owned();
        let langs = url
            .children()
            .filter(|n| n.has_tag_name("link"))
            .filter_map(|n| n.attribute("hreflang"))
            .map(str::to_owned)
            .collect();
        alternates.insert(loc.trim_start_matches(&app.base).to_owned(), langs);
    }
    let mut expected: Vec<String> = ["en", "ar"]
        .iter()
        .flat_map(|l| {
            [
                "/",
                "/archive/",
                "/editions/spring-2026/",
                "/stories/new-well/",
                "/stories/schools-reopen/",
                "/stories/standalone/",
            ]
            .map(|p| format!("/{l}{p}"))
        })
        .collect();
    expected.sort();
    assert_eq!(alternates.keys().cloned().collect::<Vec<_>>(), expected);
    let mut story_alternates = alternates["/ar/stories/new-well/"].clone();
    story_alternates.sort();
    assert_eq!(story_alternates, ["ar", "en"]);

    let robots = page(&app, "/robots.txt");
    assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", app.base)));
}

fn pages_revalidate_and_follow_publishing(backend: Backend) {
    let app = TestApp::spawn(backend);
    let newsletter = publish_newsletter(&app);
    let first = app.get("/en/stories/standalone/", None);
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let last_modified = first.headers()["last-modified"].to_str().unwrap().to_owned();
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let again = app.client.get(app.url("/en/stories/standalone/")).header("If-None-Match", &etag).send().unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.bytes().unwrap().is_empty());
    let since =
        app.client.get(app.url("/en/stories/standalone/")).header("If-Modified-Since", &last_modified).send().unwrap();
    assert_eq!(since.status(), 304);

    // Unpublishing shows on the very next request…
    must(&app, &newsletter.reviewer, newsletter.stories[2], "en", "unpublish");
    assert_problem(app.get("/en/stories/standalone/", None), 410, "gone", "en");
    assert!(!page(&app, "/en/feed.atom").contains("A web-only report"));
    // …and so does publishing again, with a new ETag.
    must(&app, &newsletter.editor, newsletter.stories[2], "en", "submit");
    must(&app, &newsletter.reviewer, newsletter.stories[2], "en", "approve");
    must(&app, &newsletter.reviewer, newsletter.stories[2], "en", "publish");
    assert!(page(&app, "/en/stories/standalone/").contains("A web-only report"));
    let css = app.get("/assets/site.css", None);
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    assert!(css.text().unwrap().contains("margin-inline"));
}

fn the_export_is_byte_identical_to_live_pages(backend: Backend) {
    let app = TestApp::spawn(backend);
    publish_newsletter(&app);
    let out = tempfile::tempdir().unwrap();
    let mut command = common::nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_MEDIA__DIR", app.media_dir.path());
    let exported = common::run_cli(
        command,
        &["export", "web", "--out", out.path().to_str().unwrap(), "--base-url", &app.base],
        "",
    );
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    assert!(String::from_utf8_lossy(&exported.stdout).contains("Wrote"));

    let mut compared = 0;
    let mut stack = vec![out.path().to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(out.path()).unwrap().to_string_lossy().replace('\\', "/");
            if relative == "index.html" {
                continue; // the live root redirects to a language instead
            }
            if relative.ends_with("404.html") {
                continue; // what a browser gets for a missing page: see tests/api/readers.rs
            }
            let url = format!("/{}", relative.trim_end_matches("index.html"));
            let live = app.get(&url, None);
            assert_eq!(live.status(), 200, "{url}");
            assert_eq!(live.bytes().unwrap().to_vec(), std::fs::read(&path).unwrap(), "{url} differs from {relative}");
            compared += 1;
        }
    }
    // 2 locales × (home, archive, feed, edition, 3 stories) + sitemap, robots, css, 1 image.
    assert_eq!(compared, 2 * 7 + 4);
    assert!(out.path().join("ar/stories/new-well/index.html").is_file());
    assert!(out.path().join("ar/feed.atom").is_file());
    let root = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(root.contains(r#"url=/en/"#) && root.contains("العربية"));
    assert!(!out.path().join("en/stories/secret-draft").exists());
}

fn the_public_api_serves_published_content(backend: Backend) {
    let app = TestApp::spawn(backend);
    let newsletter = publish_newsletter(&app);
    let story = app
        .client
        .get(app.url("/api/v1/public/ar/stories/new-well"))
        .header("Origin", "https://elsewhere.example")
        .send();
    let story = story.unwrap();
    assert_eq!(story.headers()["access-control-allow-origin"], "*", "any page may read it (see tests/api/cors.rs)");
    let etag = story.headers()["etag"].to_str().unwrap().to_owned();
    let story: Value = story.json().unwrap();
    assert_eq!(story["title"], "بئر جديدة في الحمدانية");
    let mut locales: Vec<&str> = story["locales"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    locales.sort();
    assert_eq!(locales, ["ar", "en"]);
    assert!(story["body_markdown"].as_str().unwrap().contains("<script>"), "Markdown is as written");
    assert!(!story["body_html"].as_str().unwrap().contains("<script"), "HTML is sanitised");
    assert_eq!(story["images"][0]["credit"], "Sara Ali");
    assert_eq!(story["edition"], "spring-2026");
    let cached =
        app.client.get(app.url("/api/v1/public/ar/stories/new-well")).header("If-None-Match", etag).send().unwrap();
    assert_eq!(cached.status(), 304);

    let editions: Value = app.get("/api/v1/public/en/editions", None).json().unwrap();
    assert_eq!(editions[0]["slug"], "spring-2026");
    let edition: Value = app.get("/api/v1/public/en/editions/spring-2026", None).json().unwrap();
    let slugs: Vec<&str> = edition["stories"].as_array().unwrap().iter().map(|s| s["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["new-well", "schools-reopen"]);
    assert_eq!(edition["signature_role"], "Head of Office");
    assert_problem(app.get("/api/v1/public/en/stories/secret-draft", None), 404, "not-found", "en");
    assert_problem(app.get("/api/v1/public/xx/editions", None), 404, "unknown-locale", "en");
    let _ = newsletter.draft;
}
