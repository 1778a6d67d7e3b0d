//! A reader's pages in a real browser (Debian's Chromium, driven by `tests/browser/readers.mjs`):
//! the home page with its subscribe form, the 404 page, the form's own page and the
//! preferences page, in English and Arabic at phone (390 px) and desktop (1280 px) width, with
//! axe-core finding nothing serious or critical, nothing overflowing sideways, and the form
//! fitting the screen with the page's language preset. Then readers with scripts off
//! subscribe from the home page. Screenshots land in `target/reader-screenshots/`.

use crate::common;

use std::io::Write;
use std::process::Command;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::fixture::publish_newsletter;
use common::{Backend, TestApp};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};

/// Why the browser cannot run here, if it cannot. CI requires it (`NASHRA_TEST_REQUIRE_BROWSER`).
fn browser_missing(repo: &std::path::Path) -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !std::path::Path::new(&chromium).exists() {
        return Some(format!("{chromium} not found (apt-get install chromium)"));
    }
    if !repo.join("tests/browser/node_modules/@axe-core/playwright").exists() {
        return Some("@axe-core/playwright not installed (npm ci --prefix tests/browser)".into());
    }
    Command::new("node").arg("--version").output().err().map(|_| "node not found".into())
}

/// A subscriber's preferences token, made as the server makes it (`delivery::links`), from
/// the key it derives from its secret for links.
fn preferences_token(secret: &str, subscriber: i64) -> String {
    let mut key = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    key.update(b"nashra subscriber links v1");
    let key = key.finalize().into_bytes();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("preferences:{subscriber}").as_bytes());
    format!("{subscriber}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
}

#[test]
fn a_readers_pages_are_accessible_in_both_languages_and_the_form_works_without_scripts() {
    let repo = common::repo_dir();
    if let Some(missing) = browser_missing(&repo) {
        assert!(std::env::var("NASHRA_TEST_REQUIRE_BROWSER").is_err(), "browser check required but {missing}");
        let _ =
            std::io::stderr().write_all(format!("\n*** Readers' browser check SKIPPED: {missing} ***\n\n").as_bytes());
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite);
    publish_newsletter(&app);
    for (email, locale) in [("reader@example.test", "en"), ("qari@example.test", "ar")] {
        let subscribed = app.post("/api/v1/subscribe", &json!({"email": email, "locale": locale}), None);
        assert_eq!(subscribed.status(), 202);
    }
    let mut screens = Vec::new();
    for (lang, subscriber) in [("en", 1), ("ar", 2)] {
        let token = preferences_token(&app.secret, subscriber);
        screens.extend([
            json!({"name": "home", "lang": lang, "path": format!("/{lang}/")}),
            json!({"name": "story", "lang": lang, "path": format!("/{lang}/stories/new-well/")}),
            json!({"name": "not-found", "lang": lang, "path": format!("/{lang}/no-such-page/")}),
            json!({"name": "subscribe", "lang": lang, "path": format!("/subscribe?lang={lang}")}),
            json!({"name": "preferences", "lang": lang, "path": format!("/preferences?token={token}")}),
        ]);
    }
    let out = repo.join("target/reader-screenshots");
    let config = json!({
        "base": app.base,
        "out": out,
        "screens": screens,
        "subscribe": [{"lang": "en", "email": "new@example.test"}, {"lang": "ar", "email": "jadid@example.test"}],
    });
    let output = Command::new("node")
        .arg(repo.join("tests/browser/readers.mjs"))
        .arg(config.to_string())
        .output()
        .expect("run node");
    assert!(output.status.success(), "readers.mjs failed: {}", String::from_utf8_lossy(&output.stderr));
    let results: Value = serde_json::from_slice(&output.stdout).expect("JSON from readers.mjs");

    let pages = results["screens"].as_array().unwrap();
    assert_eq!(pages.len(), screens.len() * 2);
    let mut problems = Vec::new();
    for page in pages {
        let context = format!("{} in {} at {}", page["name"], page["want"], page["width"]);
        let arabic = page["want"] == "ar";
        let status = if page["name"] == "not-found" { 404 } else { 200 };
        if page["status"] != status {
            problems.push(format!("{context}: status {}", page["status"]));
        }
        if page["lang"] != page["want"] || page["direction"] != if arabic { "rtl" } else { "ltr" } {
            problems.push(format!("{context}: lang {} direction {}", page["lang"], page["direction"]));
        }
        if page["overflow"].as_f64().unwrap() > 0.0 {
            problems.push(format!("{context}: overflows sideways by {}px", page["overflow"]));
        }
        for finding in page["findings"].as_array().unwrap() {
            problems.push(format!("{context}: axe {finding}"));
        }
        if page["name"] != "preferences" {
            let form = &page["form"];
            if form.is_null() {
                problems.push(format!("{context}: no subscribe form"));
                continue;
            }
            if form["fits"] != true || form["width"].as_f64().unwrap() < 150.0 {
                problems.push(format!("{context}: the email field does not fit: {form}"));
            }
            if form["language"] != page["want"] {
                problems.push(format!("{context}: the language is not preset: {form}"));
            }
            if form["trapShown"] != false {
                problems.push(format!("{context}: the robots' trap shows"));
            }
        }
        assert!(out.join(page["screenshot"].as_str().unwrap()).is_file());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    for (reader, (email, heading)) in results["subscribed"]
        .as_array()
        .unwrap()
        .iter()
        .zip([("new@example.test", "Check your inbox"), ("jadid@example.test", "تفقّد بريدك")])
    {
        assert_eq!(reader["path"], "/subscribe", "{reader}");
        assert_eq!(reader["pageLang"], reader["lang"], "{reader}");
        assert_eq!(reader["heading"], heading, "{reader}");
        let admin = app.admin_token();
        let list: Value = app.get(&format!("/api/v1/subscribers?q={email}"), Some(&admin)).json().unwrap();
        assert_eq!(list["items"][0]["status"], "pending", "{email} did not subscribe");
        assert_eq!(list["items"][0]["locale"], reader["lang"], "{email}");
    }
}
