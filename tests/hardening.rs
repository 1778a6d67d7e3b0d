//! Findings of the security review (issue 13) that have no test file of their own: CSV
//! formula injection in the subscriber export, and the cost of revision diffs.

mod common;

use common::{Backend, TestApp};
use serde_json::Value;

on_both_backends!(exported_csv_cells_never_start_a_formula);

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
