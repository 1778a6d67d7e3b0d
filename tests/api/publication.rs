//! The publication's own details: contacts, and per-locale names, addresses and funders.

use crate::common;

use common::{assert_problem, Backend, TestApp};
use serde_json::{json, Value};

on_both_backends!(admins_set_the_publication_details_in_each_language);

fn admins_set_the_publication_details_in_each_language(backend: Backend) {
    let app = TestApp::spawn(backend);
    let admin = app.admin_token();
    let editor = app.user_with("editor@example.test", &["editor"]);
    let empty: Value = app.get("/api/v1/publication", Some(&editor)).json().unwrap();
    assert_eq!(empty["texts"], json!({}));

    let settings = json!({
        "website_url": "https://example.org",
        "social_account": "@office",
        "contact_email": "office@example.org",
        "sender_address": "bulletin@example.org",
        "texts": {
            "en": {"newsletter_name": "Regional Bulletin", "postal_address": "12 River Road, Erbil",
                   "funders_line": "Funded by the Example Fund", "sender_name": "Regional Bulletin"},
            "ar": {"newsletter_name": "النشرة الإقليمية", "postal_address": "١٢ طريق النهر، أربيل",
                   "funders_line": "بتمويل من صندوق المثال", "sender_name": "النشرة الإقليمية"}
        }
    });
    assert_problem(app.put("/api/v1/publication", &settings, &editor, None), 403, "forbidden", "en");
    let saved = app.put("/api/v1/publication", &settings, &admin, None);
    assert_eq!(saved.status(), 200);
    let read: Value = app.get("/api/v1/publication", Some(&editor)).json().unwrap();
    assert_eq!(read, settings);

    // Texts of locales left out stay; bad values change nothing.
    let english_only = json!({"website_url": "https://example.org/news",
                              "texts": {"en": {"newsletter_name": "Regional News"}}});
    assert_eq!(app.put("/api/v1/publication", &english_only, &admin, None).status(), 200);
    let read: Value = app.get("/api/v1/publication", Some(&editor)).json().unwrap();
    assert_eq!(read["texts"]["ar"]["newsletter_name"], "النشرة الإقليمية");
    assert_eq!(read["texts"]["en"]["newsletter_name"], "Regional News");
    let bad =
        json!({"contact_email": "not-an-email", "website_url": "ftp://x", "texts": {"en": {"newsletter_name": " "}}});
    let problem = assert_problem(app.put("/api/v1/publication", &bad, &admin, None), 422, "validation-failed", "en");
    assert_eq!(problem["errors"].as_array().unwrap().len(), 3);
    let unknown = json!({"texts": {"fr": {"newsletter_name": "Bulletin"}}});
    assert_problem(app.put("/api/v1/publication", &unknown, &admin, None), 404, "unknown-locale", "en");
    let after: Value = app.get("/api/v1/publication", Some(&editor)).json().unwrap();
    assert_eq!(after, read);
}
