//! `nashra import` and `nashra demo`.

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::{nashra_command, run_cli, start_server, Backend, TestApp, TestDatabase};
use serde_json::Value;

on_both_backends!(a_well_formed_folder_is_imported, a_broken_file_imports_nothing, imports_obey_the_api_rules);

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "publication.toml", "website_url = \"https://example.org\"\n[texts.en]\nnewsletter_name = \"Imported Bulletin\"\n[texts.ar]\nnewsletter_name = \"النشرة المستوردة\"\n");
    // Both languages in one file.
    write(
        dir.path(),
        "stories/well.md",
        "+++\nslug = \"well\"\nlocale = \"en\"\ntitle = \"A new well\"\nsection = \"a\"\nstatus = \"published\"\npublished_at = \"2026-04-14\"\nedition = \"spring\"\nimages = [{ file = \"well.png\", credit = \"Photo: Sara\", alt = \"The well\", caption = \"In March\" }]\n+++\nThe well was **finished**.\n\n+++\nslug = \"well\"\nlocale = \"ar\"\ntitle = \"بئر جديدة\"\nimages = [{ file = \"well.png\", credit = \"Photo: Sara\", alt = \"البئر\", caption = \"في آذار\" }]\n+++\nاكتمل حفر البئر.\n",
    );
    // One file per language, the Arabic missing.
    write(dir.path(), "stories/school.en.md", "+++\nslug = \"school\"\nlocale = \"en\"\ntitle = \"Schools reopen\"\nstatus = \"in_review\"\n+++\nPupils are back.\n");
    write(
        dir.path(),
        "editions/spring.md",
        "+++\nnumber = 3\nslug = \"spring\"\nlocale = \"en\"\ntitle = \"Spring\"\nsignature_name = \"Layla\"\nstories = [\"well\"]\npublished_at = \"2026-04-14\"\n+++\nDear readers.\n+++\nnumber = 3\nslug = \"spring\"\nlocale = \"ar\"\ntitle = \"الربيع\"\n+++\nقراءنا الأعزاء.\n",
    );
    let png = common::fixture::png(40, 30);
    write(dir.path(), "images/well.png", "");
    std::fs::write(dir.path().join("images/well.png"), png).unwrap();
    dir
}

fn a_well_formed_folder_is_imported(backend: Backend) {
    let app = TestApp::spawn(backend);
    let dir = folder();
    let mut command = nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_MEDIA__DIR", app.media_dir.path());
    let output = run_cli(command, &["import", dir.path().to_str().unwrap()], "");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("Imported 2 stories (3 texts), 1 editions and 1 images."), "{stdout}");
    assert!(stdout.contains("story school has no ar text"), "{stdout}");

    let story = app.get("/ar/stories/well/", None).text().unwrap();
    assert!(story.contains("بئر جديدة") && story.contains("النشرة المستوردة"));
    assert!(story.contains("<figcaption>") && story.contains("في آذار"));
    let edition = app.get("/en/editions/spring/", None).text().unwrap();
    assert!(edition.contains("A new well") && edition.contains("Dear readers."));
    let admin = app.admin_token();
    let school: Value = app.get("/api/v1/stories?status=in_review", Some(&admin)).json().unwrap();
    assert_eq!(school["items"][0]["slug"], "school");
    assert_eq!(school["items"][0]["translations"].as_array().unwrap().len(), 1);
}

fn a_broken_file_imports_nothing(backend: Backend) {
    let app = TestApp::spawn(backend);
    let dir = folder();
    write(
        dir.path(),
        "stories/zz-broken.md",
        "+++\nslug = \"broken\"\nlocale = \"en\"\ntitle = \"Unclosed\n+++\nText\n",
    );
    let mut command = nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_MEDIA__DIR", app.media_dir.path());
    let output = run_cli(command, &["import", dir.path().to_str().unwrap()], "");
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("Nothing was imported.") && message.contains("zz-broken.md:4:"), "{message}");
    let admin = app.admin_token();
    let listed: Value = app.get("/api/v1/stories", Some(&admin)).json().unwrap();
    assert_eq!(listed["total"], 0);
    assert_eq!(std::fs::read_dir(app.media_dir.path()).map(|d| d.count()).unwrap_or(0), 0, "no images left behind");

    // A reference to a missing story is refused too, naming the edition file.
    let dir = folder();
    write(
        dir.path(),
        "editions/spring.md",
        "+++\nnumber = 3\nslug = \"spring\"\nlocale = \"en\"\ntitle = \"Spring\"\nstories = [\"ghost\"]\n+++\n",
    );
    let mut command = nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_MEDIA__DIR", app.media_dir.path());
    let output = run_cli(command, &["import", dir.path().to_str().unwrap()], "");
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("spring.md:1: story \"ghost\""), "{message}");
}

/// What the JSON API refuses, an import refuses too, whole: nothing is stored, and the
/// message names the file and the line of the offending key, in the terminal's language.
fn imports_obey_the_api_rules(backend: Backend) {
    let app = TestApp::spawn(backend);
    let before = app.database.snapshot();
    let long_title = "t".repeat(301);
    let cases = [
        (
            "link = \"javascript:alert(document.cookie)\"",
            "zz-bad.md:5: link: Enter a web address starting with https://",
        ),
        ("link = \"https://example.org/more\"\nsection = \"a\\nb\"", "zz-bad.md:6: section: At most 100 characters."),
        ("link = \"https://example.org/more\"", "zz-bad.md:4: title: At most 300 characters."),
        ("link = \"https://example.org/more\"", "zz-bad.md:2: slug: Use lower-case letters"),
    ];
    for (index, (extra, expected)) in cases.iter().enumerate() {
        let dir = folder();
        let slug = if index == 3 { "Bad Slug" } else { "fine-slug" };
        let title = if index == 2 { long_title.as_str() } else { "A fine title" };
        write(
            dir.path(),
            "stories/zz-bad.md",
            &format!("+++\nslug = \"{slug}\"\nlocale = \"en\"\ntitle = \"{title}\"\n{extra}\n+++\nText\n"),
        );
        let mut command = nashra_command(&app.database.url, &app.secret);
        command.env("NASHRA_MEDIA__DIR", app.media_dir.path());
        let output = run_cli(command, &["import", dir.path().to_str().unwrap()], "");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "case {index} was imported");
        assert!(message.contains("Nothing was imported.") && message.contains(expected), "{message}");
        assert_eq!(app.database.snapshot(), before, "case {index} changed the database");
        assert_eq!(std::fs::read_dir(app.media_dir.path()).map(|d| d.count()).unwrap_or(0), 0);
    }

    // In Arabic for an Arabic terminal; and the edition's texts obey the same rules.
    let dir = folder();
    write(
        dir.path(),
        "editions/spring.md",
        &format!("+++\nnumber = 3\nslug = \"spring\"\nlocale = \"en\"\ntitle = \"Spring\"\nsignature_name = \"{long_title}\"\n+++\n"),
    );
    let mut command = nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_MEDIA__DIR", app.media_dir.path()).env("LANG", "ar_IQ.UTF-8");
    let output = run_cli(command, &["import", dir.path().to_str().unwrap()], "");
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("spring.md:6: الحقل signature:"), "{message}");
    assert_eq!(app.database.snapshot(), before);

    // An image is held to the uploads' rule on declared pixels.
    let dir = folder();
    std::fs::write(dir.path().join("images/well.png"), common::fixture::png_declaring(60_000, 60_000)).unwrap();
    let mut command = nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_MEDIA__DIR", app.media_dir.path());
    let output = run_cli(command, &["import", dir.path().to_str().unwrap()], "");
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("well.md:1: file: The image may have at most 50000000 pixels"), "{message}");
    assert_eq!(app.database.snapshot(), before);
    assert_eq!(std::fs::read_dir(app.media_dir.path()).map(|d| d.count()).unwrap_or(0), 0);
}

/// The demo builds from scratch and shows a complete newsletter in both languages, with
/// stories in every workflow state.
#[test]
fn the_demo_builds_a_complete_newsletter() {
    let data = tempfile::tempdir().unwrap();
    let database = TestDatabase::create(&Backend::Sqlite);
    // No secret and the default mode: the demo needs no setup at all.
    let mut command = nashra_command(&database.url, "");
    command.env("NASHRA_MODE", "development").env("NASHRA_EMAIL__WORKER_IN_SERVER", "false").args([
        "demo",
        "--dir",
        data.path().to_str().unwrap(),
        "--bind",
        "127.0.0.1:0",
    ]);
    let (mut child, address) = start_server(command);
    assert!(data.path().join("nashra.db.secret").is_file(), "the demo generated its own secret");
    let base = format!("http://{address}");
    let client = reqwest::blocking::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
    let get = |path: &str| client.get(format!("{base}{path}")).send().unwrap();
    let marker = regex_free_marker;

    for locale in ["en", "ar"] {
        let home = get(&format!("/{locale}/"));
        assert_eq!(home.status(), 200);
        let home = home.text().unwrap();
        assert!(home.contains(&format!("<html lang=\"{locale}\"")));
        assert!(home.contains("<figure>") && home.contains("class=\"signature\""), "foreword signed, figures shown");
        assert!(home.matches("class=\"story-card\"").count() >= 4, "the latest edition has its stories");
        let (heading, first_letter) = if locale == "ar" {
            ("برنامجنا هذا الخريف", "أ")
        } else {
            ("Our programme this autumn", "a")
        };
        assert!(home.contains(heading), "the latest edition is laid out in groups");
        assert!(home.contains(&format!("<span class=\"label\">{first_letter}</span>")), "its programme is lettered");
        assert!(marker(&home).is_none(), "missing message {:?} on /{locale}/", marker(&home));
        let archive = get(&format!("/{locale}/archive/")).text().unwrap();
        assert!(archive.matches("<li>").count() >= 3, "past editions in the archive");
        for page in published_pages(&home) {
            let html = get(&page).text().unwrap();
            assert!(marker(&html).is_none(), "missing message {:?} on {page}", marker(&html));
            assert!(html.contains("<figcaption>"), "{page} has no captioned photo");
        }
    }

    let login = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({"email": "admin@plains.example", "password": "demo-admin-password"}))
        .send()
        .unwrap();
    assert_eq!(login.status(), 200, "the printed demo account works");
    let token = login.json::<Value>().unwrap()["access_token"].as_str().unwrap().to_owned();
    let stories: Value =
        client.get(format!("{base}/api/v1/stories?per_page=100")).bearer_auth(&token).send().unwrap().json().unwrap();
    let mut states: Vec<String> = stories["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["translations"].as_array().unwrap().iter())
        .map(|t| {
            if t["publish_at"].is_string() {
                "scheduled".to_owned()
            } else {
                t["status"].as_str().unwrap().to_owned()
            }
        })
        .collect();
    states.sort();
    states.dedup();
    assert_eq!(states, ["approved", "changes_requested", "draft", "in_review", "published", "scheduled"]);
    let subscribers: Value =
        client.get(format!("{base}/api/v1/subscribers")).bearer_auth(&token).send().unwrap().json().unwrap();
    let locales: Vec<&str> =
        subscribers["items"].as_array().unwrap().iter().map(|s| s["locale"].as_str().unwrap()).collect();
    assert!(locales.contains(&"en") && locales.contains(&"ar"));
    child.kill().unwrap();
    let _ = child.wait();
}

/// A Fluent message id where text should be (what the localizer shows for a missing message).
fn regex_free_marker(html: &str) -> Option<String> {
    html.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .find(|word| {
            ["site-", "email-", "problem-", "field-", "cli-"].iter().any(|p| word.starts_with(p)) && word.len() > 6
        })
        .map(str::to_owned)
}

/// Links to story pages on a home page.
fn published_pages(home: &str) -> Vec<String> {
    home.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.contains("/stories/"))
        .map(str::to_owned)
        .collect()
}
