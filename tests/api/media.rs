//! Image uploads: checked by content, size-limited, stored under server-chosen names, and
//! public only once published content uses them.

use crate::common;

use common::fixture::{png, png_declaring};
use common::newsroom::{create_story, must, translation_path};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{assert_problem, Backend, TestApp};
use reqwest::blocking::multipart::{Form, Part};
use reqwest::blocking::Response;
use serde_json::{json, Value};

on_both_backends!(
    images_are_checked_by_content_not_name,
    uploads_are_size_limited,
    path_like_names_stay_inside_the_media_folder,
    images_become_public_with_published_content,
    images_declaring_too_many_pixels_are_refused,
    forms_with_too_many_fields_are_refused,
);

fn upload(app: &TestApp, token: &str, bytes: Vec<u8>, file_name: &str, claimed_type: &str) -> Response {
    let part = Part::bytes(bytes).file_name(file_name.to_owned()).mime_str(claimed_type).unwrap();
    let form = Form::new().part("file", part).text("credit", "Photo: Sara Ali");
    app.client.post(app.url("/api/v1/media")).bearer_auth(token).multipart(form).send().unwrap()
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn images_are_checked_by_content_not_name(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);

    // A PNG calling itself a JPEG is accepted as what it is.
    let renamed = upload(&app, &editor, png(640, 480), "photo.jpg", "image/jpeg");
    assert_eq!(renamed.status(), 201);
    let renamed: Value = renamed.json().unwrap();
    assert_eq!(renamed["content_type"], "image/png");
    assert_eq!((renamed["width"].as_i64(), renamed["height"].as_i64()), (Some(640), Some(480)));
    assert_eq!(renamed["credit"], "Photo: Sara Ali");
    assert!(renamed["url"].as_str().unwrap().ends_with(".png"));
    let metadata: Value = app.get(&format!("/api/v1/media/{}", renamed["id"]), Some(&editor)).json().unwrap();
    assert_eq!(metadata["original_name"], "photo.jpg");

    // Text named .png, and SVG (scriptable) named .png, are refused.
    let stored = files_in(app.media_dir.path());
    for bytes in [
        b"just some text".to_vec(),
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
    ] {
        assert_problem(upload(&app, &editor, bytes, "image.png", "image/png"), 415, "unsupported-image", "en");
    }
    assert_eq!(files_in(app.media_dir.path()), stored, "refused uploads leave no files");

    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    assert_problem(upload(&app, &reviewer, png(10, 10), "x.png", "image/png"), 403, "forbidden", "en");
    let not_multipart = app.post("/api/v1/media", &json!({"file": "x"}), Some(&editor));
    assert_eq!(not_multipart.status(), 400);
    assert_eq!(not_multipart.headers()["content-type"], "application/problem+json");
    let no_file = Form::new().text("credit", "nobody");
    let no_file = app.client.post(app.url("/api/v1/media")).bearer_auth(&editor).multipart(no_file).send().unwrap();
    assert_problem(no_file, 422, "validation-failed", "en");
}

fn uploads_are_size_limited(backend: Backend) {
    let app = TestApp::spawn_with(backend, &[("NASHRA_MEDIA__MAX_BYTES", "20000")]);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let small = png(20, 20);
    assert!(small.len() < 20_000);
    assert_eq!(upload(&app, &editor, small, "small.png", "image/png").status(), 201);
    let mut big = png(20, 20);
    big.resize(40_000, 0);
    assert_problem(upload(&app, &editor, big, "big.png", "image/png"), 413, "payload-too-large", "en");
    assert_eq!(files_in(app.media_dir.path()).len(), 1);
}

fn path_like_names_stay_inside_the_media_folder(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let outside = app.media_dir.path().parent().unwrap().join("escaped.png");
    let sneaky = format!("../../{}", outside.display());
    let response = upload(&app, &editor, png(8, 8), &sneaky, "image/png");
    assert_eq!(response.status(), 201);
    let body: Value = response.json().unwrap();
    assert_eq!(body["original_name"], "escaped.png");
    assert!(!outside.exists(), "an upload escaped the media folder");
    let stored = files_in(app.media_dir.path());
    assert_eq!(stored.len(), 1);
    assert!(body["url"].as_str().unwrap().ends_with(&stored[0]));
    // Paths that try to leave the folder are not files.
    for path in ["/media/..%2F..%2Fetc%2Fpasswd", "/media/../Cargo.toml", "/media/%2e%2e%2fCargo.toml"] {
        let response = app.get(path, None);
        assert_eq!(response.status(), 404, "{path}");
    }
}

fn images_become_public_with_published_content(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    let uploaded: Value = upload(&app, &editor, png(32, 16), "well.png", "image/png").json().unwrap();
    let url = uploaded["url"].as_str().unwrap().to_owned();
    let id = uploaded["id"].as_i64().unwrap();
    assert_problem(app.get(&url, None), 404, "not-found", "en");
    // Staff can preview it.
    let preview = app.get(&format!("/api/v1/media/{id}/file"), Some(&editor));
    assert_eq!(preview.status(), 200);
    assert_eq!(preview.headers()["content-type"], "image/png");

    let story = create_story(&app, &editor, "the-well");
    let text = json!({"title": "The new well", "summary": "", "body": "Water for 300 families.",
                      "images": [{"media_id": id, "alt": "A concrete well", "caption": "The well in Hamdaniya"}]});
    assert_eq!(app.put(&translation_path(story, "en"), &text, &editor, None).status(), 201);
    let saved: Value = app.get(&translation_path(story, "en"), Some(&editor)).json().unwrap();
    assert_eq!(saved["images"][0]["credit"], "Photo: Sara Ali");
    assert_eq!(saved["images"][0]["width"], 32);
    assert_problem(app.get(&url, None), 404, "not-found", "en");

    must(&app, &editor, story, "en", "submit");
    must(&app, &reviewer, story, "en", "approve");
    must(&app, &reviewer, story, "en", "publish");
    let public = app.get(&url, None);
    assert_eq!(public.status(), 200);
    assert_eq!(public.headers()["content-type"], "image/png");
    assert_eq!(public.headers()["x-content-type-options"], "nosniff");
    assert_eq!(public.bytes().unwrap().to_vec(), png(32, 16));

    must(&app, &reviewer, story, "en", "unpublish");
    assert_problem(app.get(&url, None), 404, "not-found", "en");
}

fn images_declaring_too_many_pixels_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let bomb = png_declaring(60_000, 60_000);
    assert!(bomb.len() < 200, "a few bytes that declare 3.6 gigapixels");
    let refused = assert_problem(upload(&app, &editor, bomb, "bomb.png", "image/png"), 422, "validation-failed", "en");
    assert_eq!(refused["errors"][0]["code"], "image-too-many-pixels", "{refused}");
    assert!(refused["errors"][0]["message"].as_str().unwrap().contains("50000000"), "{refused}");
    let arabic = app
        .client
        .post(app.url("/api/v1/media?lang=ar"))
        .bearer_auth(&editor)
        .multipart(Form::new().part("file", Part::bytes(png_declaring(60_000, 60_000)).file_name("b.png")))
        .send()
        .unwrap();
    assert_problem(arabic, 422, "validation-failed", "ar");
    assert!(files_in(app.media_dir.path()).is_empty());
    // Under the limit (50 megapixels by default), the same kind of file is accepted.
    assert_eq!(upload(&app, &editor, png_declaring(5_000, 10_000), "big.png", "image/png").status(), 201);
}

fn forms_with_too_many_fields_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let mut form = Form::new().part("file", Part::bytes(png(8, 8)).file_name("x.png"));
    for i in 0..1000 {
        form = form.text(format!("f{i}"), "x");
    }
    let response = app.client.post(app.url("/api/v1/media")).bearer_auth(&editor).multipart(form).send().unwrap();
    let refused = assert_problem(response, 422, "validation-failed", "en");
    assert_eq!(refused["errors"][0]["code"], "too-many-fields", "{refused}");
    assert!(files_in(app.media_dir.path()).is_empty());
}

/// A client that sends an upload's headers and half its body, then nothing: the server cuts
/// it off after `media.read_timeout_secs` and keeps serving everyone else meanwhile.
#[test]
fn a_stalled_upload_is_cut_off() {
    let app = TestApp::spawn_with(Backend::Sqlite, &[("NASHRA_MEDIA__READ_TIMEOUT_SECS", "1")]);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let mut body = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n".to_vec();
    body.extend_from_slice(b"Content-Type: image/png\r\n\r\n");
    body.extend_from_slice(&png(64, 64));
    body.extend_from_slice(b"\r\n--XyZ--\r\n");
    let head = format!(
        "POST /api/v1/media HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {editor}\r\n\
         Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut stream = TcpStream::connect(app.base.trim_start_matches("http://")).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body[..body.len() / 2]).unwrap();
    let started = Instant::now();

    assert_eq!(app.get("/health", None).status(), 200, "others are served meanwhile");
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&buffer[..n]),
            Err(error) => {
                assert!(!answer.is_empty(), "no answer, connection still open after {:?}: {error}", started.elapsed());
                break;
            }
        }
        if answer.windows(4).any(|w| w == b"\r\n\r\n") && started.elapsed() > Duration::from_secs(1) {
            break;
        }
    }
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(10), "cut off after {elapsed:?}");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(files_in(app.media_dir.path()).is_empty());
}
