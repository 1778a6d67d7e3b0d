//! A third locale by configuration alone: Sorani Kurdish (`ckb`: Arabic script, right to
//! left, Arabic-Indic digits, its own letters for lettered groups) added with a `[[locales]]`
//! entry in a config folder and a `locales/ckb/` folder beside the binary, no code changed.
//! Its pages, feed, sitemap, problems, emails, command line and locale check all follow.
//! This test is the proof docs/locales.md points to.

use crate::common;

use std::path::Path;

use common::newsroom::{create_story, must, translation_path};
use common::{assert_problem, run_cli, Backend, Place, TestApp};
use serde_json::{json, Value};

on_both_backends!(sorani_is_added_by_configuration_alone);

const SORANI: &str = r#"
[[locales]]
code = "ckb"
name = "کوردی"
direction = "rtl"
script = "Arab"
digits = "arab"
lettering = "ا ب پ ت ج چ ح خ د ر ڕ ز ژ س ش ع غ ف ڤ ق ک گ ل ڵ م ن ه ە و ۆ ی ێ"
"#;

/// Messages of the Arabic files that are rewritten in Sorani; the rest stay as copied (a
/// translator's first draft), which the locale check accepts since ids and variables agree.
const REWRITTEN: &[(&str, &str, &str)] = &[
    ("problems.ftl", "problem-unauthorized = يلزم تسجيل الدخول", "problem-unauthorized = پێویستە بچیتە ژوورەوە"),
    ("site.ftl", "site-archive = الأرشيف", "site-archive = ئەرشیف"),
    ("email.ftl", "email-unsubscribe = إلغاء الاشتراك", "email-unsubscribe = هەڵوەشاندنەوەی بەشداری"),
    ("cli.ftl", "cli-heading-usage = الاستخدام:", "cli-heading-usage = بەکارهێنان:"),
];

/// A folder with the repository's config/ plus ckb, and its locales/ plus a ckb/ made from ar/.
fn folder_with_sorani() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let repo = common::repo_dir();
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    for entry in std::fs::read_dir(repo.join("config")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, home.path().join("config").join(path.file_name().unwrap())).unwrap();
    }
    let default = home.path().join("config/default.toml");
    let text = std::fs::read_to_string(&default).unwrap();
    std::fs::write(&default, format!("{text}\n{SORANI}")).unwrap();

    for locale in ["en", "ar"] {
        copy_folder(&repo.join("locales").join(locale), &home.path().join("locales").join(locale), |t| t);
    }
    copy_folder(&repo.join("locales/ar"), &home.path().join("locales/ckb"), |mut text| {
        for (_, arabic, sorani) in REWRITTEN {
            text = text.replace(arabic, sorani);
        }
        text
    });
    for (file, _, sorani) in REWRITTEN {
        let written = std::fs::read_to_string(home.path().join("locales/ckb").join(file)).unwrap();
        assert!(written.contains(sorani), "{file} was not rewritten");
    }
    home
}

fn copy_folder(from: &Path, to: &Path, change: impl Fn(String) -> String) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(to.join(path.file_name().unwrap()), change(text)).unwrap();
    }
}

/// A published edition with one lettered group of two stories, in all three languages.
fn publish_trilingual(app: &TestApp) {
    let admin = app.admin_token();
    let settings = json!({"website_url": "https://example.org", "contact_email": "office@example.org", "texts": {
        "en": {"newsletter_name": "Regional Bulletin"},
        "ar": {"newsletter_name": "النشرة الإقليمية"},
        "ckb": {"newsletter_name": "بڵاوکراوەی ناوچەیی"},
    }});
    assert_eq!(app.put("/api/v1/publication", &settings, &admin, None).status(), 200);
    let editor = app.user_with("editor@example.test", &["editor"]);
    let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
    let texts = [
        ("new-well", [("en", "A new well"), ("ar", "بئر جديدة"), ("ckb", "بیرێکی نوێ")]),
        ("schools", [("en", "Schools reopen"), ("ar", "عودة المدارس"), ("ckb", "قوتابخانەکان دەکرێنەوە")]),
    ];
    let mut ids = Vec::new();
    for (slug, titles) in texts {
        let story = create_story(app, &editor, slug);
        for (locale, title) in titles {
            let body = json!({"title": title, "summary": format!("{title}."), "body": format!("{title}.\n")});
            assert_eq!(app.put(&translation_path(story, locale), &body, &editor, None).status(), 201, "{locale}");
            must(app, &editor, story, locale, "submit");
            must(app, &reviewer, story, locale, "approve");
        }
        ids.push(story);
    }
    let edition: Value =
        app.post("/api/v1/editions", &json!({"number": 3, "slug": "spring"}), Some(&editor)).json().unwrap();
    let edition = edition["id"].as_i64().unwrap();
    let groups = json!({"groups": [{"key": "programme", "lettered": true, "story_ids": ids}]});
    assert_eq!(app.patch(&format!("/api/v1/editions/{edition}"), &groups, Some(&editor)).status(), 200);
    for (locale, title, heading) in
        [("en", "Spring", "Our programme"), ("ar", "الربيع", "برنامجنا"), ("ckb", "بەهار", "بەرنامەکەمان")]
    {
        let text = json!({"title": title, "foreword": format!("{title}."), "signature": {"name": "Layla", "role": "Head"},
                          "groups": {"programme": {"heading": heading}}});
        let saved = app.put(&format!("/api/v1/editions/{edition}/translations/{locale}"), &text, &editor, None);
        assert_eq!(saved.status(), 200, "{locale}");
    }
    let published = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&reviewer));
    assert_eq!(published.status(), 200, "{}", published.text().unwrap());
}

fn sorani_is_added_by_configuration_alone(backend: Backend) {
    let home = folder_with_sorani();
    let place = Place { program: common::binary().into(), dir: home.path().to_owned() };
    let app = TestApp::spawn_at(place, backend, &common::random_hex(32), &[]);

    let checked = run_cli(app.command(), &["check-locales"], "");
    assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stdout));
    assert!(String::from_utf8_lossy(&checked.stdout).contains("en, ar, ckb"));

    publish_trilingual(&app);

    // Pages: right to left, the Arabic script's fonts, its own words, letters and digits.
    let home_page = app.get("/ckb/", None).text().unwrap();
    assert!(home_page.contains(r#"<html lang="ckb" dir="rtl" data-script="Arab">"#), "{home_page}");
    assert!(home_page.contains("بەهار") && home_page.contains("بەرنامەکەمان"), "{home_page}");
    assert!(home_page.contains("ئەرشیف"), "the Sorani site words: {home_page}");
    let first = home_page.find(r#"<span class="label">ا</span>"#);
    let second = home_page.find(r#"<span class="label">ب</span>"#);
    assert!(first.is_some() && first < second, "lettered with the configured Sorani letters: {home_page}");
    assert!(!home_page.contains(r#"<span class="label">أ</span>"#), "not the Arabic abjad");
    assert!(home_page.contains("٣"), "Arabic-Indic digits: {home_page}");
    let stylesheet = app.get("/assets/site.css", None).text().unwrap();
    assert!(stylesheet.contains(r#"html[data-script="Arab"] body"#), "{stylesheet}");
    let english = app.get("/en/", None).text().unwrap();
    assert!(english.contains(r#"hreflang="ckb" lang="ckb" dir="rtl" data-script="Arab""#), "{english}");

    // Sitemap and feed.
    let sitemap = app.get("/sitemap.xml", None).text().unwrap();
    assert!(sitemap.contains(r#"hreflang="ckb""#) && sitemap.contains("/ckb/stories/new-well/"), "{sitemap}");
    let feed = app.get("/ckb/feed.atom", None);
    assert_eq!(feed.status(), 200);
    let feed = feed.text().unwrap();
    assert!(feed.contains("بیرێکی نوێ") && feed.contains(r#"xml:lang="ckb""#), "{feed}");

    // A problem.
    let refused = app.client.get(app.url("/api/v1/me")).header("Accept-Language", "ckb").send().unwrap();
    assert_eq!(assert_problem(refused, 401, "unauthorized", "ckb")["title"], "پێویستە بچیتە ژوورەوە");

    // The desk.
    let desk = app.get("/desk/login?lang=ckb", None).text().unwrap();
    assert!(desk.contains(r#"<html lang="ckb" dir="rtl" data-script="Arab" data-digits="arab">"#), "{desk}");

    // The command line.
    let mut command = app.command();
    command.env("LANG", "ckb_IQ.UTF-8");
    let help = run_cli(command, &["--help"], "");
    assert!(String::from_utf8_lossy(&help.stdout).contains("بەکارهێنان: nashra"), "{help:?}");

    // An email.
    let eml = home.path().join("ckb.eml");
    let mut command = app.command();
    command.env("NASHRA_PUBLIC_URL", &app.base);
    let args = ["export", "email", "--edition", "spring", "--lang", "ckb", "--out", eml.to_str().unwrap()];
    let exported = run_cli(command, &args, "");
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    let bytes = std::fs::read(&eml).unwrap();
    let mail = mailparse::parse_mail(&bytes).unwrap();
    let html = mail
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "text/html")
        .and_then(|p| p.get_body().ok())
        .unwrap_or_default();
    assert!(html.contains(r#"<html lang="ckb" dir="rtl" data-script="Arab">"#), "{html}");
    assert!(html.contains("بیرێکی نوێ") && html.contains("هەڵوەشاندنەوەی بەشداری"), "{html}");
}
