//! One file to deploy: the binary alone, copied into an empty folder and run from there, with
//! no config/, locales/ or templates/ beside it, migrates, adds a user, serves pages and
//! problems in both languages, and exports the site and an email; a `locales/` folder put
//! beside it later replaces the built-in messages of the files it holds, and no others.
//!
//! The copy is the debug binary this test build produced, not a release build: both read
//! their configuration, messages and templates through the same code, compiled in.

use crate::common;

use std::path::Path;

use common::{fixture, is_arabic, nashra_command_at, run_cli, Backend, Place, TestApp, TestDatabase};

on_both_backends!(the_binary_alone_runs_from_an_empty_folder, a_locales_folder_beside_it_replaces_messages);

/// An empty folder holding nothing but a copy of the binary.
fn lone_binary() -> (tempfile::TempDir, Place) {
    let home = tempfile::tempdir().unwrap();
    let program = home.path().join("nashra");
    std::fs::copy(common::binary(), &program).unwrap();
    let listed: Vec<_> = std::fs::read_dir(home.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(listed, ["nashra"], "the folder holds the binary alone");
    let place = Place { program, dir: home.path().to_owned() };
    (home, place)
}

fn text_of(output: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn the_binary_alone_runs_from_an_empty_folder(backend: Backend) {
    let (home, place) = lone_binary();

    let database = TestDatabase::create(&backend);
    let migrated = run_cli(nashra_command_at(&place, &database.url, "x"), &["migrate"], "");
    assert!(migrated.status.success(), "{}", text_of(&migrated));
    assert!(String::from_utf8_lossy(&migrated.stdout).contains("accounts"), "{}", text_of(&migrated));

    // `user add` (inside spawn_at) and `serve`, from the folder.
    let app = TestApp::spawn_at(place.clone(), backend, &common::random_hex(32), &[]);
    fixture::publish_newsletter(&app);
    let english = app.get("/en/", None).text().unwrap();
    assert!(english.contains(r#"<html lang="en" dir="ltr""#) && english.contains("Spring 2026"), "{english}");
    let arabic = app.get("/ar/", None).text().unwrap();
    assert!(arabic.contains(r#"<html lang="ar" dir="rtl""#) && arabic.contains("ربيع ٢٠٢٦"), "{arabic}");
    assert!(arabic.contains("النشرة الإقليمية"), "{arabic}");
    let stylesheet = app.get("/assets/site.css", None);
    assert_eq!(stylesheet.status(), 200);

    let refused = app.client.get(app.url("/api/v1/me")).header("Accept-Language", "ar").send().unwrap();
    let problem = common::assert_problem(refused, 401, "unauthorized", "ar");
    assert_eq!(problem["title"], "يلزم تسجيل الدخول");

    let site = home.path().join("site");
    let mut export = app.command();
    export.env("NASHRA_MEDIA__DIR", app.media_dir.path());
    let args = ["export", "web", "--out", "site", "--base-url", &app.base];
    let exported = run_cli(export, &args, "");
    assert!(exported.status.success(), "{}", text_of(&exported));
    for (page, says) in [("en/index.html", "Spring 2026"), ("ar/index.html", "ربيع ٢٠٢٦")] {
        let written = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(written.contains(says), "{page}: {written}");
    }
    assert!(site.join("assets/site.css").is_file());

    let mut export = app.command();
    export.env("NASHRA_PUBLIC_URL", &app.base);
    let args = ["export", "email", "--edition", "spring-2026", "--lang", "ar", "--out", "mail.eml"];
    let exported = run_cli(export, &args, "");
    assert!(exported.status.success(), "{}", text_of(&exported));
    let bytes = std::fs::read(home.path().join("mail.eml")).unwrap();
    let mail = mailparse::parse_mail(&bytes).unwrap();
    let html = mail
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "text/html")
        .and_then(|p| p.get_body().ok())
        .unwrap_or_default();
    assert!(html.contains("بئر جديدة في الحمدانية") && html.contains(r#"dir="rtl""#), "{html}");

    // Nothing was written beside the binary but what was asked for (SQLite's file lives in
    // the test's own temp folder).
    let mut listed: Vec<String> = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    assert_eq!(listed, ["mail.eml", "nashra", "site"]);
}

fn a_locales_folder_beside_it_replaces_messages(backend: Backend) {
    let (home, place) = lone_binary();
    let mut app = TestApp::spawn_at(place, backend, &common::random_hex(32), &[]);
    let title = |app: &TestApp| {
        let refused = app.client.get(app.url("/api/v1/me")).header("Accept-Language", "ar").send().unwrap();
        common::assert_problem(refused, 401, "unauthorized", "ar")["title"].as_str().unwrap().to_owned()
    };
    assert_eq!(title(&app), "يلزم تسجيل الدخول");

    // One Arabic file, one message changed; every other file stays built in.
    let shipped = std::fs::read_to_string(common::repo_dir().join("locales/ar/problems.ftl")).unwrap();
    let changed = shipped.replace("problem-unauthorized = يلزم تسجيل الدخول", "problem-unauthorized = سجّل دخولك أولًا");
    assert_ne!(changed, shipped);
    write(&home.path().join("locales/ar/problems.ftl"), &changed);
    app.restart();
    assert_eq!(title(&app), "سجّل دخولك أولًا");
    let english = app.client.get(app.url("/api/v1/me")).send().unwrap();
    assert_eq!(common::assert_problem(english, 401, "unauthorized", "en")["title"], "Authentication required");
    let page = app.get("/ar/", None).text().unwrap();
    assert!(is_arabic(&page) && page.contains(r#"<html lang="ar""#), "the other Arabic files are built in: {page}");

    // The check reads the same merged messages, and catches a broken override.
    let checked = run_cli(app.command(), &["check-locales"], "");
    assert!(checked.status.success(), "{}", text_of(&checked));
    write(&home.path().join("locales/ar/problems.ftl"), &changed.replace("problem-not-found =", "problem-gone ="));
    let checked = run_cli(app.command(), &["check-locales"], "");
    assert_eq!(checked.status.code(), Some(1), "{}", text_of(&checked));
    assert!(text_of(&checked).contains("problem-not-found"), "{}", text_of(&checked));
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}
