//! Findings of the security review (issue 13) that have no test file of their own: CSV
//! formula injection in the subscriber export, and the cost of revision diffs.

use crate::common;

use std::time::{Duration, Instant};

use common::newsroom::{create_story, translation_path};
use common::{Backend, TestApp};
use serde_json::{json, Value};

on_both_backends!(exported_csv_cells_never_start_a_formula, large_bodies_are_compared_quickly_or_not_at_all);

fn import_csv(app: &TestApp, token: &str, csv: &str) -> Value {
    let response = app
        .client
        .post(app.url("/api/v1/subscribers/import"))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().unwrap()
}

fn exported_csv_cells_never_start_a_formula(backend: Backend) {
    let app = TestApp::spawn(backend);
    let admin = app.admin_token();
    // Valid addresses (EmailAddress::parse takes them) that a spreadsheet would run.
    let formula = "=cmd|'/c_calc'!a1@example.org";
    let csv = format!("email,locale\n{formula},en\n+1+1@example.org,ar\n-2+3@example.org,en\namal@example.org,ar\n");
    let report = import_csv(&app, &admin, &csv);
    assert_eq!(report["created"], 4, "{report}");

    let export = app.get("/api/v1/subscribers/export", Some(&admin)).text().unwrap();
    for line in export.lines() {
        let first = line.trim_start_matches('"');
        assert!(!first.starts_with(['=', '+', '-', '@', '\t', '\r']), "a formula cell: {line:?}");
    }
    assert!(export.contains("'=cmd|'/c_calc'!a1@example.org,en,confirmed"), "{export}");
    assert!(export.contains("amal@example.org,ar,confirmed"), "ordinary cells are left alone: {export}");

    // The exported file imports back as the same subscribers.
    let again = import_csv(&app, &admin, &export);
    assert_eq!((again["created"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(4)), "{again}");
    let listed: Value = app.get("/api/v1/subscribers", Some(&admin)).json().unwrap();
    assert_eq!(listed["total"], 4);
}

/// ~`bytes` of one-character lines, from a pseudo-random stream seeded with `seed`: two of
/// them have a long, scattered line diff, the worst case for Myers' algorithm.
fn one_character_lines(seed: u64, bytes: usize) -> String {
    let mut state = seed;
    let mut text = String::with_capacity(bytes);
    while text.len() + 2 <= bytes {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        text.push(if (state >> 33) % 2 == 0 { 'a' } else { 'b' });
        text.push('\n');
    }
    text
}

fn large_bodies_are_compared_quickly_or_not_at_all(backend: Backend) {
    let app = TestApp::spawn(backend);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let story = create_story(&app, &editor, "long-story");
    let path = translation_path(story, "en");
    let mut tag = None;
    for seed in [1, 2] {
        let text = json!({"title": "Long", "summary": "", "body": one_character_lines(seed, 499_000)});
        let saved = app.put(&path, &text, &editor, tag.as_deref());
        assert!(saved.status().is_success(), "{}", saved.text().unwrap());
        tag = Some(saved.headers()["etag"].to_str().unwrap().to_owned());
        if seed == 1 {
            // The Arabic is translated from the first English body, so it is outdated by the
            // second, and its view shows what changed in the English.
            let arabic = json!({"title": "طويلة", "summary": "", "body": "نص\n"});
            assert_eq!(app.put(&translation_path(story, "ar"), &arabic, &editor, None).status(), 201);
        }
    }
    let started = Instant::now();
    let arabic: Value = app.get(&translation_path(story, "ar"), Some(&editor)).json().unwrap();
    assert!(started.elapsed() < Duration::from_secs(5), "the outdated view took {:?}", started.elapsed());
    let changes = arabic["outdated"]["changes"].as_array().unwrap();
    let body = changes.iter().find(|c| c["field"] == "body").unwrap();
    assert_eq!((&body["too_large"], body.get("diff")), (&json!(true), None));

    let started = Instant::now();
    // A patient client, so that a slow compare is measured rather than cut off.
    let patient = reqwest::blocking::Client::builder().timeout(Duration::from_secs(600)).build().unwrap();
    let compared =
        patient.get(app.url(&format!("{path}/revisions/compare?from=1&to=2"))).bearer_auth(&editor).send().unwrap();
    let elapsed = started.elapsed();
    assert_eq!(compared.status(), 200);
    eprintln!("compare of two 499 KB bodies of one-character lines: {elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "the compare took {elapsed:?}");
    let compared: Value = compared.json().unwrap();
    let body = compared["changes"].as_array().unwrap().iter().find(|c| c["field"] == "body").unwrap();
    assert_eq!(body["too_large"], true, "it says it fell back");
    assert!(body.get("diff").is_none(), "no line diff");

    // Small bodies still get their line diff.
    let text = json!({"title": "Long", "summary": "", "body": "one\ntwo\n"});
    let saved = app.put(&path, &text, &editor, tag.as_deref());
    tag = Some(saved.headers()["etag"].to_str().unwrap().to_owned());
    let text = json!({"title": "Long", "summary": "", "body": "one\n2\n"});
    assert!(app.put(&path, &text, &editor, tag.as_deref()).status().is_success());
    let compared: Value = app.get(&format!("{path}/revisions/compare?from=3&to=4"), Some(&editor)).json().unwrap();
    let body = &compared["changes"][0];
    assert!(body["diff"].as_str().unwrap().contains("+2"), "{compared}");
    assert!(body.get("too_large").is_none(), "{compared}");
}
