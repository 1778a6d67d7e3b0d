//! A real browser looks at the site: headless Chromium (Debian's `chromium`, driven by
//! `tests/browser/check.mjs` through playwright-core) loads an English and an Arabic story
//! and home page at phone and desktop widths. The document direction must match the
//! language, nothing may overflow sideways, images must load and fit, captions must show.
//! Screenshots land in `target/browser-screenshots/` for people to look at.

use crate::common;

use std::io::Write;
use std::process::Command;

use common::fixture::publish_newsletter;
use common::{Backend, TestApp};
use serde_json::Value;

fn browser_available(repo: &std::path::Path) -> Result<(), String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !std::path::Path::new(&chromium).exists() {
        return Err(format!("{chromium} not found (apt-get install chromium)"));
    }
    if !repo.join("tests/browser/node_modules/playwright-core").exists() {
        return Err("playwright-core not installed (npm ci --prefix tests/browser)".into());
    }
    Command::new("node").arg("--version").output().map(|_| ()).map_err(|_| "node not found".into())
}

#[test]
fn pages_look_right_in_a_real_browser() {
    let repo = common::repo_dir();
    if let Err(missing) = browser_available(&repo) {
        assert!(std::env::var("NASHRA_TEST_REQUIRE_BROWSER").is_err(), "browser check required but {missing}");
        let note = format!("\n*** Browser check SKIPPED: {missing} ***\n\n");
        let _ = std::io::stderr().write_all(note.as_bytes());
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite);
    publish_newsletter(&app);
    let screenshots = repo.join("target/browser-screenshots");
    let output = Command::new("node")
        .arg(repo.join("tests/browser/check.mjs"))
        .arg(&app.base)
        .arg(&screenshots)
        .output()
        .expect("run node");
    assert!(output.status.success(), "browser check failed: {}", String::from_utf8_lossy(&output.stderr));
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON from check.mjs");
    assert_eq!(results.len(), 8);
    for page in &results {
        let context = format!("{} at {}", page["name"], page["viewport"]);
        let arabic = page["name"].as_str().unwrap().ends_with("-ar");
        assert_eq!(page["lang"], if arabic { "ar" } else { "en" }, "{context}");
        assert_eq!(page["direction"], if arabic { "rtl" } else { "ltr" }, "{context}");
        assert!(page["overflow"].as_f64().unwrap() <= 0.0, "{context} overflows sideways by {}px", page["overflow"]);
        let images = page["images"].as_array().unwrap();
        assert!(!images.is_empty(), "{context} shows no image");
        for image in images {
            assert_eq!(image["loaded"], true, "{context}: an image did not load");
            assert!(image["width"].as_f64().unwrap() > 100.0, "{context}: an image is too small: {image}");
            assert_eq!(image["withinViewport"], true, "{context}: an image sticks out");
        }
        let captions = page["captions"].as_array().unwrap();
        assert!(!captions.is_empty(), "{context} shows no caption");
        for caption in captions {
            assert!(caption["height"].as_f64().unwrap() > 0.0, "{context}: a caption is hidden");
            let text = caption["text"].as_str().unwrap();
            assert!(text.contains("Sara Ali"), "{context}: caption without credit: {text}");
        }
    }
    for name in ["story-ar-phone.png", "story-en-desktop.png"] {
        assert!(screenshots.join(name).is_file(), "{name} missing");
    }
}
