//! The desk in a real browser (Debian's Chromium, driven by `tests/browser/desk.mjs`): every
//! screen in English and Arabic at phone and desktop width, with axe-core finding nothing
//! serious or critical, nothing overflowing sideways, and every control reachable by keyboard;
//! then the editorial chain through the desk's forms, with scripts on and off. Screenshots land
//! in `target/desk-screenshots/` (CI keeps them as artifacts).

use crate::common;

use std::io::Write;
use std::process::Command;

use common::fixture::{publish_newsletter, Newsletter};
use common::newsroom::{create_story, write};
use common::{Backend, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::{json, Value};

const EDITOR: (&str, &str) = ("rana@example.test", "rana-password-1234");
const REVIEWER: (&str, &str) = ("omar@example.test", "omar-password-1234");

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

fn skipped(repo: &std::path::Path) -> bool {
    let Some(missing) = browser_missing(repo) else { return false };
    assert!(std::env::var("NASHRA_TEST_REQUIRE_BROWSER").is_err(), "browser check required but {missing}");
    let _ = std::io::stderr().write_all(format!("\n*** Desk browser check SKIPPED: {missing} ***\n\n").as_bytes());
    true
}

fn run(command: &str, config: &Value) -> Value {
    let repo = common::repo_dir();
    let output = Command::new("node")
        .arg(repo.join("tests/browser/desk.mjs"))
        .arg(command)
        .arg(config.to_string())
        .output()
        .expect("run node");
    assert!(output.status.success(), "desk.mjs {command} failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON from desk.mjs")
}

fn accounts() -> Value {
    json!({
        "admin": [ADMIN_EMAIL, ADMIN_PASSWORD],
        "editor": [EDITOR.0, EDITOR.1],
        "reviewer": [REVIEWER.0, REVIEWER.1],
    })
}

/// A second edition with its stories in two groups, the first lettered, each with its heading
/// in both languages; returns its id and its stories.
fn grouped_edition(app: &TestApp, newsletter: &Newsletter) -> (i64, Vec<i64>) {
    let token = &newsletter.editor;
    let created: Value =
        app.post("/api/v1/editions", &json!({"number": 13, "slug": "summer-2026"}), Some(token)).json().unwrap();
    let id = created["id"].as_i64().unwrap();
    let mut stories = Vec::new();
    for (slug, english, arabic) in [
        ("training", "Training for water committees", "تدريب لجان المياه"),
        ("pumps", "Solar pumps installed", "تركيب مضخات شمسية"),
        ("visit", "A visit from the donors", "زيارة من المانحين"),
    ] {
        let story = create_story(app, token, slug);
        write(app, token, story, "en", english);
        write(app, token, story, "ar", arabic);
        stories.push(story);
    }
    let layout = json!({"groups": [
        {"key": "programme", "lettered": true, "story_ids": [stories[0], stories[1]]},
        {"key": "news", "story_ids": [stories[2]]},
    ]});
    assert_eq!(app.patch(&format!("/api/v1/editions/{id}"), &layout, Some(token)).status(), 200);
    for (locale, title, programme, news) in
        [("en", "Summer 2026", "Our programme", "News"), ("ar", "صيف ٢٠٢٦", "برنامجنا", "أخبار")]
    {
        let text = json!({"title": title, "foreword": "…", "signature": {"name": "", "role": ""}, "groups": {
            "programme": {"heading": programme, "intro": if locale == "en" { "**Two** pieces of work." } else { "**عملان** من أعمالنا." }},
            "news": {"heading": news, "intro": ""},
        }});
        assert_eq!(app.put(&format!("/api/v1/editions/{id}/translations/{locale}"), &text, token, None).status(), 200);
    }
    (id, stories)
}

#[test]
fn every_desk_screen_is_accessible_in_both_languages() {
    let repo = common::repo_dir();
    if skipped(&repo) {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite);
    let newsletter = publish_newsletter(&app);
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    app.create_user(REVIEWER.0, REVIEWER.1, &["reviewer"]);
    let edition = format!("/desk/editions/{}", newsletter.edition);
    let grouped = format!("/desk/editions/{}", grouped_edition(&app, &newsletter).0);
    let draft = format!("/desk/stories/{}", newsletter.draft);
    let published = format!("/desk/stories/{}", newsletter.stories[0]);
    let screens = json!([
        {"name": "login", "path": "/desk/login"},
        {"name": "start-editor", "path": "/desk/", "as": "editor"},
        {"name": "start-reviewer", "path": "/desk/", "as": "reviewer"},
        {"name": "start-admin", "path": "/desk/", "as": "admin"},
        {"name": "not-found", "path": "/desk/no-such-screen", "as": "editor"},
        {"name": "forbidden", "path": "/desk/subscribers", "as": "reviewer"},
        {"name": "editions", "path": "/desk/editions", "as": "editor"},
        {"name": "edition-editor", "path": edition, "as": "editor"},
        {"name": "edition-reviewer", "path": edition, "as": "reviewer"},
        {"name": "edition-groups", "path": grouped, "as": "editor"},
        {"name": "edition-groups-reviewer", "path": grouped, "as": "reviewer"},
        {"name": "sending", "path": format!("{edition}/sending"), "as": "admin"},
        {"name": "send-confirm", "path": format!("{edition}/send"), "as": "admin"},
        {"name": "media", "path": "/desk/media", "as": "editor"},
        {"name": "subscribers", "path": "/desk/subscribers", "as": "admin"},
        {"name": "stories", "path": "/desk/stories", "as": "editor"},
        {"name": "story-editor", "path": draft, "as": "editor"},
        {"name": "story-reviewer", "path": published, "as": "reviewer"},
        {"name": "story-compare", "path": format!("{published}/translations/en/compare?from=1&to=2"), "as": "reviewer"},
        {"name": "users", "path": "/desk/users", "as": "admin"},
        {"name": "user", "path": "/desk/users/1", "as": "admin"},
        {"name": "account", "path": "/desk/account", "as": "editor"},
    ]);
    let out = repo.join("target/desk-screenshots");
    let config = json!({"base": app.base, "out": out, "accounts": accounts(), "screens": screens});
    let results = run("screens", &config);
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), screens.as_array().unwrap().len() * 4);
    let mut problems = Vec::new();
    for page in results {
        let context = format!("{} in {} at {}", page["name"], page["lang"], page["width"]);
        let arabic = page["lang"] == "ar";
        if page["direction"] != if arabic { "rtl" } else { "ltr" } {
            problems.push(format!("{context}: direction {}", page["direction"]));
        }
        if page["overflow"].as_f64().unwrap() > 0.0 {
            problems.push(format!("{context}: overflows sideways by {}px", page["overflow"]));
        }
        for finding in page["findings"].as_array().unwrap() {
            problems.push(format!("{context}: axe {finding}"));
        }
        for control in page["unreachable"].as_array().unwrap() {
            problems.push(format!("{context}: the keyboard never reaches {control}"));
        }
        assert!(out.join(page["screenshot"].as_str().unwrap()).is_file());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Dragging stories on an edition's page, with our own small script: into another group
/// (onto a story there, or onto the group, even an empty one) and within a group. Each drop
/// posts the form the buttons post; the API sees the groups kept.
#[test]
fn stories_are_dragged_within_and_between_groups() {
    let repo = common::repo_dir();
    if skipped(&repo) {
        return;
    }
    let app = TestApp::spawn(Backend::Sqlite);
    let newsletter = publish_newsletter(&app);
    app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
    let (id, stories) = grouped_edition(&app, &newsletter);
    let [training, pumps, visit] = [stories[0], stories[1], stories[2]];
    let config = json!({
        "base": app.base,
        "out": repo.join("target/desk-screenshots"),
        "accounts": accounts(),
        "path": format!("/desk/editions/{id}"),
        "moves": [
            [visit, format!("li[data-story=\"{training}\"]")],
            [pumps, "section[data-group=\"news\"]"],
            [training, format!("li[data-story=\"{visit}\"]")],
        ],
    });
    let seen = run("drag", &config);
    let after: Vec<Value> = seen.as_array().unwrap().iter().map(|step| step["groups"].clone()).collect();
    assert_eq!(
        after,
        [
            json!([{"key": "programme", "stories": [visit, training, pumps]}, {"key": "news", "stories": []}]),
            json!([{"key": "programme", "stories": [visit, training]}, {"key": "news", "stories": [pumps]}]),
            json!([{"key": "programme", "stories": [training, visit]}, {"key": "news", "stories": [pumps]}]),
        ],
        "{seen}"
    );
    assert!(seen[0]["flash"].to_string().contains("The story moved"), "{seen}");
    let edition: Value = app.get(&format!("/api/v1/editions/{id}"), Some(&newsletter.editor)).json().unwrap();
    assert_eq!(edition["groups"][0]["story_ids"], json!([training, visit]));
    assert_eq!(edition["groups"][1]["story_ids"], json!([pumps]));
    let en = edition["translations"].as_array().unwrap().iter().find(|t| t["locale"] == "en").unwrap().clone();
    assert_eq!(en["groups"]["programme"]["heading"], "Our programme", "dragging keeps the group texts");
}

/// The chain of SPEC §11 through the desk's own forms, as people click them: an editor writes
/// a story in English and Arabic and submits it; a reviewer asks for changes with a comment;
/// the editor fixes it and submits again; the reviewer approves and publishes; an edition is
/// built and published; readers see it; the Arabic email shows it. Scripts on, then off.
#[test]
fn the_editorial_chain_works_through_the_desk_with_and_without_scripts() {
    let repo = common::repo_dir();
    if skipped(&repo) {
        return;
    }
    for (scripts, number) in [(true, 41), (false, 42)] {
        let app = TestApp::spawn(Backend::Sqlite);
        app.create_user(EDITOR.0, EDITOR.1, &["editor"]);
        app.create_user(REVIEWER.0, REVIEWER.1, &["reviewer"]);
        let config = json!({
            "base": app.base,
            "out": repo.join("target/desk-screenshots"),
            "accounts": accounts(),
            "scripts": scripts,
            "slug": "well-repairs",
            "texts": [
                ["en", "Wells repaired in three villages", "Three wells were repaired this month.\n\nThe work took two weeks."],
                ["ar", "إصلاح آبار في ثلاث قرى", "أُصلحت ثلاث آبار هذا الشهر.\n\nاستغرق العمل أسبوعين."],
            ],
            "comment": "Please name the villages in the title.",
            "fixedTitle": "Wells repaired in Tal Abyad, Suluk and Ain Issa",
            "edition": {
                "number": number,
                "slug": format!("issue-{number}"),
                "titles": [["en", "Water, first"], ["ar", "الماء أولًا"]],
                "foreword": "A month of repairs.",
            },
        });
        let steps = run("chain", &config);
        let failed: Vec<&Value> = steps.as_array().unwrap().iter().filter(|s| s["ok"] != true).collect();
        assert!(failed.is_empty(), "scripts {scripts}: steps that did not happen: {failed:?}\nall: {steps}");
        assert_eq!(steps.as_array().unwrap().len(), 15, "{steps}");
    }
}
