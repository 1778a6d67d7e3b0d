//! The edition email on a phone, in a real browser (Debian's Chromium, driven by
//! `tests/browser/email.mjs`): in English and Arabic, 375 pixels wide, with images blocked
//! (as many mail clients start) and loaded, nothing may push the text sideways. A photo
//! wider than the screen is the test: a blocked image used to keep the width its attribute
//! gives and push the text 225 pixels off the screen. Screenshots land in
//! `target/email-screenshots/`.

use crate::common;
use crate::media_variants::{camera_photo, publish, upload};

use std::io::Write;
use std::process::Command;

use common::{Backend, TestApp};
use serde_json::{json, Value};

/// Why the browser cannot run here, if it cannot. CI requires it (`NASHRA_TEST_REQUIRE_BROWSER`).
fn browser_missing(repo: &std::path::Path) -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !std::path::Path::new(&chromium).exists() {
        return Some(format!("{chromium} not found (apt-get install chromium)"));
    }
    if !repo.join("tests/browser/node_modules/playwright-core").exists() {
        return Some("playwright-core not installed (npm ci --prefix tests/browser)".into());
    }
    Command::new("node").arg("--version").output().err().map(|_| "node not found".into())
}

#[test]
fn the_email_fits_a_phone_with_images_blocked_and_loaded() {
    let repo = common::repo_dir();
    if let Some(missing) = browser_missing(&repo) {
        assert!(std::env::var("NASHRA_TEST_REQUIRE_BROWSER").is_err(), "browser check required but {missing}");
        let _ = std::io::stderr().write_all(format!("\n*** Email browser check SKIPPED: {missing} ***\n\n").as_bytes());
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite);
    let editor = app.user_with("photo-desk@example.test", &["editor"]);
    let photo = upload(&app, &editor, camera_photo(1800, 1200), "Sara Ali", &[("ar", "سارة علي")]);
    let (_, edition) = publish(&app, photo["id"].as_i64().unwrap());

    let out = repo.join("target/email-screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let admin = app.admin_token();
    let mut emails = Vec::new();
    for locale in ["en", "ar"] {
        let html = app.get(&format!("/api/v1/editions/{edition}/email?locale={locale}"), Some(&admin));
        assert_eq!(html.status(), 200);
        let file = out.join(format!("edition-{locale}.html"));
        std::fs::write(&file, html.text().unwrap()).unwrap();
        emails.push(json!({"name": format!("edition-{locale}"), "file": file}));
    }
    let config = json!({"out": out, "width": 375, "emails": emails});
    let output = Command::new("node")
        .arg(repo.join("tests/browser/email.mjs"))
        .arg(config.to_string())
        .output()
        .expect("run node");
    assert!(output.status.success(), "email.mjs failed: {}", String::from_utf8_lossy(&output.stderr));
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON from email.mjs");
    assert_eq!(results.len(), 4);
    for seen in &results {
        let context = format!("{} with images {}", seen["name"], seen["mode"]);
        let arabic = seen["name"] == "edition-ar";
        assert_eq!(seen["lang"], if arabic { "ar" } else { "en" }, "{context}");
        assert_eq!(seen["direction"], if arabic { "rtl" } else { "ltr" }, "{context}");
        assert_eq!(seen["overflow"].as_f64(), Some(0.0), "{context} overflows sideways by {}px", seen["overflow"]);
        let images = seen["images"].as_array().unwrap();
        assert_eq!(images.len(), 2, "the cover and the story's photo: {context}");
        let loaded = seen["mode"] == "loaded";
        for image in images {
            assert_eq!(image["loaded"], loaded, "{context}: {image}");
            assert_eq!(image["withinViewport"], true, "{context}: {image}");
            assert!(image["src"].as_str().unwrap().ends_with("-600.jpg"), "{context}: {image}");
            assert!(image["width"].as_f64().unwrap() <= 375.0 - 2.0 * 28.0, "{context}: {image}");
        }
    }
}
