//! Photos for readers: a credit per language (pages, emails, the export and the APIs show
//! the one of their language), resized variants made at upload (served like the original,
//! offered in `srcset`, the 600-pixel one in email, written by the export, made later by
//! `nashra media variants` for images uploaded before), and decompression bombs refused
//! before anything decodes them.

use crate::common;

use std::collections::BTreeSet;

use common::fixture::{png, png_declaring};
use common::newsroom::{create_story, must, translation_path};
use common::{assert_problem, nashra_command, run_cli, Backend, TestApp};
use image::{ImageEncoder, Rgb, RgbImage};
use reqwest::blocking::multipart::{Form, Part};
use serde_json::{json, Value};

on_both_backends!(
    credits_per_language_show_on_pages_in_email_and_in_the_apis,
    credit_changes_are_checked_and_refusals_are_localized,
    a_camera_photo_gets_variants_that_pages_and_email_use,
    decompression_bombs_are_refused_before_decoding,
    the_export_writes_the_variants,
    images_uploaded_before_variants_get_them_from_the_cli,
);

/// A photo as a camera writes one: gradients with sensor grain, at quality 92.
pub(crate) fn camera_photo(width: u32, height: u32) -> Vec<u8> {
    let mut state = 0x9e37_79b9_u32;
    let picture = RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % 40) as u8;
        Rgb([(x * 180 / width) as u8 + grain, (y * 160 / height) as u8 + grain, 90 + grain])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92)
        .write_image(picture.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    bytes
}

/// Uploads `bytes` with the shared `credit` and `credits[<locale>]` parts.
pub(crate) fn upload(app: &TestApp, token: &str, bytes: Vec<u8>, credit: &str, credits: &[(&str, &str)]) -> Value {
    let mut form =
        Form::new().part("file", Part::bytes(bytes).file_name("photo.jpg")).text("credit", credit.to_owned());
    for (locale, credit) in credits {
        form = form.text(format!("credits[{locale}]"), credit.to_string());
    }
    let response = app.client.post(app.url("/api/v1/media")).bearer_auth(token).multipart(form).send().unwrap();
    assert_eq!(response.status(), 201);
    response.json().unwrap()
}

/// Publishes story `olive-press` (English and Arabic) placing image `media`, and edition 3
/// (`autumn`) with it as cover listing the story. Returns the story's and the edition's ids.
pub(crate) fn publish(app: &TestApp, media: i64) -> (i64, i64) {
    let editor = app.user_with("editor@example.test", &["editor"]);
    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    let story = create_story(app, &editor, "olive-press");
    for (locale, title, alt) in
        [("en", "The olive press", "Women at the press"), ("ar", "معصرة الزيتون", "نساء في المعصرة")]
    {
        let text = json!({"title": title, "summary": "", "body": "Oil.",
                          "images": [{"media_id": media, "alt": alt, "caption": ""}]});
        assert_eq!(app.put(&translation_path(story, locale), &text, &editor, None).status(), 201);
        must(app, &editor, story, locale, "submit");
        must(app, &reviewer, story, locale, "approve");
        must(app, &reviewer, story, locale, "publish");
    }
    let edition =
        app.post("/api/v1/editions", &json!({"number": 3, "slug": "autumn", "cover_media_id": media}), Some(&editor));
    assert_eq!(edition.status(), 201);
    let edition = edition.json::<Value>().unwrap()["id"].as_i64().unwrap();
    app.patch(&format!("/api/v1/editions/{edition}"), &json!({"story_ids": [story]}), Some(&editor));
    for (locale, title) in [("en", "Autumn"), ("ar", "الخريف")] {
        let text = json!({"title": title, "foreword": "", "signature": {"name": "", "role": ""}, "cover_alt": title});
        let put = app.put(&format!("/api/v1/editions/{edition}/translations/{locale}"), &text, &editor, None);
        assert_eq!(put.status(), 200);
    }
    assert_eq!(app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&reviewer)).status(), 200);
    (story, edition)
}

fn page(app: &TestApp, path: &str) -> String {
    let response = app.get(path, None);
    assert_eq!(response.status(), 200, "{path}");
    response.text().unwrap().replace(['\u{2068}', '\u{2069}'], "")
}

fn email(app: &TestApp, edition: i64, locale: &str) -> String {
    let token = app.admin_token();
    let response = app.get(&format!("/api/v1/editions/{edition}/email?locale={locale}"), Some(&token));
    assert_eq!(response.status(), 200);
    response.text().unwrap().replace(['\u{2068}', '\u{2069}'], "")
}

fn credits_per_language_show_on_pages_in_email_and_in_the_apis(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("photo-desk@example.test", &["editor"]);
    let uploaded = upload(&app, &editor, png(64, 48), "Photo: Sara Ali", &[("ar", "تصوير: سارة علي")]);
    assert_eq!(uploaded["credit"], "Photo: Sara Ali");
    assert_eq!(uploaded["credits"], json!({"ar": "تصوير: سارة علي"}));
    let id = uploaded["id"].as_i64().unwrap();
    let (story, edition) = publish(&app, id);

    // Each language's story page, edition page (the cover and the story's card) and email
    // credit the photo in that language.
    for (locale, own, other) in [("en", "Photo: Sara Ali", "سارة علي"), ("ar", "تصوير: سارة علي", "Sara Ali")]
    {
        for path in [format!("/{locale}/stories/olive-press/"), format!("/{locale}/editions/autumn/")] {
            let html = page(&app, &path);
            assert!(html.contains(own), "{path}: {html}");
            assert!(!html.contains(other), "{path} shows the other language's credit");
        }
        let mail = email(&app, edition, locale);
        assert!(mail.contains(own) && !mail.contains(other), "{locale} email: {mail}");
        let public: Value = app.get(&format!("/api/v1/public/{locale}/stories/olive-press"), None).json().unwrap();
        assert!(own.ends_with(public["images"][0]["credit"].as_str().unwrap()), "{public}");
    }
    let arabic: Value = app.get(&translation_path(story, "ar"), Some(&editor)).json().unwrap();
    assert_eq!(arabic["images"][0]["credit"], "تصوير: سارة علي", "{arabic}");

    // No credit in Arabic at all; then the shared one again.
    let media = format!("/api/v1/media/{id}");
    let none = app.patch(&media, &json!({"credits": {"ar": ""}}), Some(&editor));
    assert_eq!(none.status(), 200);
    assert_eq!(none.json::<Value>().unwrap()["credits"], json!({"ar": ""}));
    let html = page(&app, "/ar/stories/olive-press/");
    assert!(!html.contains("سارة علي") && !html.contains("Sara Ali") && !html.contains("class=\"credit\""), "{html}");
    let shared = app.patch(&media, &json!({"credits": {"ar": null}, "credit": "Sara Ali/Agency"}), Some(&editor));
    assert_eq!(shared.json::<Value>().unwrap()["credits"], json!({}));
    assert!(page(&app, "/ar/stories/olive-press/").contains("تصوير: Sara Ali/Agency"));
    assert!(page(&app, "/en/stories/olive-press/").contains("Photo: Sara Ali/Agency"));
}

fn credit_changes_are_checked_and_refusals_are_localized(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let id = upload(&app, &editor, png(16, 16), "Sara Ali", &[])["id"].as_i64().unwrap();
    let media = format!("/api/v1/media/{id}");
    let patch = |body: Value, lang: &str| {
        app.client.patch(app.url(&format!("{media}?lang={lang}"))).bearer_auth(&editor).json(&body).send().unwrap()
    };
    let code = |refused: &Value| refused["errors"][0]["code"].as_str().unwrap_or_default().to_owned();

    let refused = assert_problem(patch(json!({}), "en"), 422, "validation-failed", "en");
    assert_eq!(code(&refused), "value-required");
    let refused = assert_problem(patch(json!({"credits": {"ku": "x"}}), "en"), 422, "validation-failed", "en");
    assert_eq!((refused["errors"][0]["field"].as_str(), code(&refused).as_str()), (Some("credits"), "unknown-locale"));
    let refused = assert_problem(patch(json!({"credit": "Sara\nAli"}), "ar"), 422, "validation-failed", "ar");
    assert_eq!(code(&refused), "control-characters");
    let long = "ب".repeat(301);
    let refused = assert_problem(patch(json!({"credits": {"ar": long}}), "ar"), 422, "validation-failed", "ar");
    assert_eq!(code(&refused), "text-too-long");
    assert_eq!(patch(json!({"credits": {"ar": 5}}), "en").status(), 422);
    assert_eq!(patch(json!({"credit": "x", "caption": "y"}), "en").status(), 422);
    assert_eq!(app.patch("/api/v1/media/999999", &json!({"credit": "x"}), Some(&editor)).status(), 404);
    let unchanged: Value = app.get(&media, Some(&editor)).json().unwrap();
    assert_eq!((unchanged["credit"].as_str(), &unchanged["credits"]), (Some("Sara Ali"), &json!({})));

    // The same rules at upload, where nothing is stored when they refuse.
    let before = std::fs::read_dir(app.media_dir.path()).unwrap().count();
    let form = Form::new().part("file", Part::bytes(png(16, 16)).file_name("a.png")).text("credits[xx]", "Sara");
    let refused = app.client.post(app.url("/api/v1/media")).bearer_auth(&editor).multipart(form).send().unwrap();
    assert_eq!(code(&assert_problem(refused, 422, "validation-failed", "en")), "unknown-locale");
    assert_eq!(std::fs::read_dir(app.media_dir.path()).unwrap().count(), before);
}

/// The `srcset` of the first image on a page, as (link, width) pairs, and its `sizes`.
fn srcset(html: &str) -> (Vec<(String, u32)>, String) {
    let at = html.find(" srcset=\"").expect("a srcset") + " srcset=\"".len();
    let set = &html[at..at + html[at..].find('"').unwrap()];
    let pairs = set
        .split(", ")
        .map(|candidate| {
            let (link, width) = candidate.rsplit_once(' ').unwrap();
            (link.to_owned(), width.trim_end_matches('w').parse().unwrap())
        })
        .collect();
    let at = html.find(" sizes=\"").expect("sizes with srcset") + " sizes=\"".len();
    (pairs, html[at..at + html[at..].find('"').unwrap()].to_owned())
}

fn a_camera_photo_gets_variants_that_pages_and_email_use(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("photo-desk@example.test", &["editor"]);
    let photo = camera_photo(1800, 1200);
    let uploaded = upload(&app, &editor, photo.clone(), "Sara Ali", &[]);
    let variants = uploaded["variants"].as_array().unwrap().clone();
    let sizes: Vec<(i64, i64, &str)> = variants
        .iter()
        .map(|v| (v["width"].as_i64().unwrap(), v["height"].as_i64().unwrap(), v["content_type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sizes,
        [(480, 320, "image/jpeg"), (600, 400, "image/jpeg"), (960, 640, "image/jpeg"), (1600, 1067, "image/jpeg")]
    );
    let urls: Vec<String> = variants.iter().map(|v| v["url"].as_str().unwrap().to_owned()).collect();
    for url in &urls {
        assert_eq!(app.get(url, None).status(), 404, "{url} is not public before the story is");
    }

    let (_, edition) = publish(&app, uploaded["id"].as_i64().unwrap());
    for (variant, url) in variants.iter().zip(&urls) {
        let served = app.get(url, None);
        assert_eq!(served.status(), 200, "{url}");
        assert_eq!(served.headers()["content-type"], "image/jpeg");
        assert_eq!(served.headers()["cache-control"], "public, max-age=604800");
        assert_eq!(served.headers()["x-content-type-options"], "nosniff");
        let bytes = served.bytes().unwrap();
        assert_eq!(bytes.len() as i64, variant["size_bytes"].as_i64().unwrap());
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!(
            (decoded.width() as i64, decoded.height() as i64),
            (variant["width"].as_i64().unwrap(), variant["height"].as_i64().unwrap())
        );
    }
    // The original stays there for download, byte for byte.
    let original = app.get(uploaded["url"].as_str().unwrap(), None);
    assert_eq!(original.status(), 200);
    assert_eq!(original.bytes().unwrap().to_vec(), photo);

    // Pages offer the variants (never the camera's original) with the width each is shown at.
    let story = page(&app, "/en/stories/olive-press/");
    let (offered, shown) = srcset(&story);
    let expected: Vec<(String, u32)> = urls.iter().zip([480, 600, 960, 1600]).map(|(u, w)| (u.clone(), w)).collect();
    assert_eq!(offered, expected);
    assert!(shown.ends_with("(min-width: 44.5rem) 42rem, calc(100vw - 2.5rem)"), "{shown}");
    assert!(shown.starts_with("(min-resolution: 2.5dppx) and (min-width: 44.5rem) 28rem, "), "{shown}");
    assert!(story.contains(&format!("<img src=\"{}\"", urls[2])), "the fallback is the 960 one");
    assert!(story.contains(&format!("<meta property=\"og:image\" content=\"{}{}\">", app.base, urls[3])));
    let cards = page(&app, "/ar/editions/autumn/");
    assert_eq!(cards.matches(" srcset=\"").count(), 2, "the cover and the story's card: {cards}");
    assert_eq!(srcset(&cards).0, expected);

    // The email carries the 600-pixel one, as wide as its column, in both languages.
    for locale in ["en", "ar"] {
        let mail = email(&app, edition, locale);
        let tag = format!("<img src=\"{}{}\" width=\"544\"", app.base, urls[1]);
        assert_eq!(mail.matches(&tag).count(), 2, "the cover and the story's photo in {locale}: {mail}");
        assert!(!mail.contains(uploaded["url"].as_str().unwrap()), "never the original");
        assert!(mail.contains("max-width: 544px") && mail.contains("table-layout: fixed"), "{mail}");
    }
}

/// A baseline JPEG of a few bytes whose frame header declares `width`×`height`.
fn jpeg_declaring(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = vec![0xff, 0xd8, 0xff, 0xc0, 0, 17, 8];
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
    bytes
}

fn decompression_bombs_are_refused_before_decoding(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let send = |bytes: Vec<u8>, lang: &str| {
        let form = Form::new().part("file", Part::bytes(bytes).file_name("bomb.jpg"));
        app.client.post(app.url(&format!("/api/v1/media?lang={lang}"))).bearer_auth(&editor).multipart(form).send()
    };
    for (bomb, lang) in [(jpeg_declaring(60_000, 60_000), "en"), (png_declaring(60_000, 60_000), "ar")] {
        assert!(bomb.len() < 100);
        let refused = assert_problem(send(bomb, lang).unwrap(), 422, "validation-failed", lang);
        assert_eq!(refused["errors"][0]["code"], "image-too-many-pixels", "{refused}");
    }
    assert_eq!(std::fs::read_dir(app.media_dir.path()).unwrap().count(), 0, "nothing stored");

    // Declaring as much as the limit allows but holding no such picture: accepted (as before),
    // its variants not made, and the server is fine.
    let hollow = send(png_declaring(5_000, 10_000), "en").unwrap();
    assert_eq!(hollow.status(), 201);
    assert_eq!(hollow.json::<Value>().unwrap()["variants"], json!([]));
    assert_eq!(app.get("/health", None).status(), 200);
}

fn the_export_writes_the_variants(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("photo-desk@example.test", &["editor"]);
    let uploaded = upload(&app, &editor, camera_photo(1700, 1000), "Sara Ali", &[("ar", "سارة علي")]);
    publish(&app, uploaded["id"].as_i64().unwrap());
    let out = tempfile::tempdir().unwrap();
    let mut command = nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_MEDIA__DIR", app.media_dir.path());
    let exported = run_cli(
        command,
        &["export", "web", "--out", out.path().to_str().unwrap(), "--base-url", "https://example.org/bulletin"],
        "",
    );
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));

    let written: BTreeSet<String> = std::fs::read_dir(out.path().join("media"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut wanted: BTreeSet<String> = uploaded["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["url"].as_str().unwrap().trim_start_matches("/media/").to_owned())
        .collect();
    assert_eq!(wanted.len(), 4);
    wanted.insert(uploaded["url"].as_str().unwrap().trim_start_matches("/media/").to_owned());
    assert_eq!(written, wanted, "the original and every variant");

    // Every file an exported page offers is in the export.
    let story = std::fs::read_to_string(out.path().join("ar/stories/olive-press/index.html")).unwrap();
    let (offered, _) = srcset(&story);
    assert_eq!(offered.len(), 4);
    for (link, _) in offered {
        let file = link.strip_prefix("/bulletin/media/").unwrap();
        assert!(out.path().join("media").join(file).is_file(), "{link}");
    }
    assert!(story.replace(['\u{2068}', '\u{2069}'], "").contains("تصوير: سارة علي"));
}

fn images_uploaded_before_variants_get_them_from_the_cli(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let uploaded = upload(&app, &editor, camera_photo(1000, 700), "Sara Ali", &[]);
    let id = uploaded["id"].as_i64().unwrap();
    let widths = |media: &Value| -> Vec<i64> {
        media["variants"].as_array().unwrap().iter().map(|v| v["width"].as_i64().unwrap()).collect()
    };
    assert_eq!(widths(&uploaded), [480, 600, 960, 1000]);
    // As an image uploaded before there were variants: none, and none made.
    for variant in uploaded["variants"].as_array().unwrap() {
        let name = variant["url"].as_str().unwrap().trim_start_matches("/media/");
        std::fs::remove_file(app.media_dir.path().join(name)).unwrap();
    }
    app.database.execute("DELETE FROM media_variants; UPDATE media SET variants_made = FALSE;");
    let media = format!("/api/v1/media/{id}");
    assert_eq!(widths(&app.get(&media, Some(&editor)).json().unwrap()), Vec::<i64>::new());

    let run = |args: &[&str]| {
        let mut command = nashra_command(&app.database.url, &app.secret);
        command.env("NASHRA_MEDIA__DIR", app.media_dir.path());
        let output = run_cli(command, args, "");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let said = run(&["media", "variants"]);
    assert!(said.contains("photo.jpg: 4 variants.") && said.contains("One image done."), "{said}");
    let remade: Value = app.get(&media, Some(&editor)).json().unwrap();
    assert_eq!(widths(&remade), [480, 600, 960, 1000]);
    for variant in remade["variants"].as_array().unwrap() {
        let name = variant["url"].as_str().unwrap().trim_start_matches("/media/");
        assert!(app.media_dir.path().join(name).is_file(), "{name}");
    }
    // Nothing left to do; `--all` does every image again.
    assert!(run(&["media", "variants"]).contains("0 images done."));
    assert!(run(&["media", "variants", "--all"]).contains("One image done."));
    assert_eq!(widths(&app.get(&media, Some(&editor)).json().unwrap()), [480, 600, 960, 1000]);
}
