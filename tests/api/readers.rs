//! A reader's path through the real binary (SPEC §12): the subscribe form on the site, the
//! confirmation page whose button alone confirms, the preferences page every edition email
//! links to (language, leaving, coming back, erasing), the links to the edition in the other
//! language, and the HTML error pages browsers get (with problem documents for API clients),
//! live and in the static export.

use crate::common;

use std::time::Duration;

use common::fixture::{publish_newsletter, Newsletter};
use common::newsroom::must;
use common::smtp::SmtpServer;
use common::{assert_problem, Backend, TestApp};
use mailparse::{MailHeaderMap, ParsedMail};
use reqwest::blocking::{Client, Response};
use reqwest::redirect::Policy;
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(20);
/// What Chromium sends when it opens a page.
const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

fn mail_app(backend: Backend, smtp: &SmtpServer, extra: &[(&str, &str)]) -> TestApp {
    let url = smtp.url();
    let mut env = vec![
        ("NASHRA_SMTP_URL", url.as_str()),
        ("NASHRA_EMAIL__POLL_INTERVAL_MS", "100"),
        ("NASHRA_EMAIL__FROM_ADDRESS", "bulletin@example.org"),
    ];
    env.extend_from_slice(extra);
    TestApp::spawn_with(backend, &env)
}

/// A client that shows each redirect instead of following it.
fn no_redirects() -> Client {
    Client::builder().redirect(Policy::none()).timeout(Duration::from_secs(30)).build().unwrap()
}

/// Posts a form as a browser does (`application/x-www-form-urlencoded`).
fn post_form(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Response {
    no_redirects().post(app.url(path)).header("Accept", BROWSER_ACCEPT).form(fields).send().unwrap()
}

/// A page as a browser opens it, optionally asking for a language.
fn browse(app: &TestApp, path: &str, language: Option<&str>) -> Response {
    let mut request = app.client.get(app.url(path)).header("Accept", BROWSER_ACCEPT);
    if let Some(language) = language {
        request = request.header("Accept-Language", language);
    }
    request.send().unwrap()
}

fn html_of(response: Response, status: u16) -> String {
    assert_eq!(response.status().as_u16(), status, "status");
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert_eq!(content_type, "text/html; charset=utf-8");
    response.text().unwrap()
}

/// The subscriber with this address, as the admin API lists them (`Null` when there is none).
fn subscriber(app: &TestApp, email: &str) -> Value {
    let admin = app.admin_token();
    let list: Value = app.get(&format!("/api/v1/subscribers?q={email}"), Some(&admin)).json().unwrap();
    list["items"].as_array().unwrap().iter().find(|s| s["email"] == email).cloned().unwrap_or(Value::Null)
}

fn mails_to(smtp: &SmtpServer, email: &str) -> Vec<common::smtp::Received> {
    smtp.received().into_iter().filter(|m| m.to == [email]).collect()
}

fn part(mail: &ParsedMail, mime: &str) -> String {
    mail.subparts.iter().find(|p| p.ctype.mimetype == mime).unwrap().get_body().unwrap()
}

/// The first word of `text` holding `marker`, as a link in an email's text part.
fn link_in(text: &str, marker: &str) -> String {
    text.split_whitespace().find(|w| w.contains(marker)).unwrap_or_else(|| panic!("no {marker} in {text}")).to_owned()
}

/// The `action` of the first form on a page, as an absolute URL.
fn form_action(app: &TestApp, html: &str) -> String {
    let at = html.find("<form method=\"post\" action=\"").expect("a form") + "<form method=\"post\" action=\"".len();
    let action = &html[at..at + html[at..].find('"').unwrap()];
    if action.starts_with("http") {
        action.to_owned()
    } else {
        app.url(action)
    }
}

/// Subscribes through the form, confirms through the page's button; returns nothing, but
/// leaves the confirmation mail at the sink.
fn subscribe_and_confirm(app: &TestApp, smtp: &SmtpServer, email: &str, locale: &str) {
    let before = smtp.received().len();
    html_of(post_form(app, "/subscribe", &[("email", email), ("locale", locale), ("website", "")]), 200);
    assert!(smtp.wait_for(before + 1, WAIT), "no confirmation email to {email}");
    let mail = mails_to(smtp, email).pop().expect("a confirmation email");
    let parsed = mailparse::parse_mail(&mail.data).unwrap();
    let link = link_in(&part(&parsed, "text/plain"), "/subscribe/confirm?token=");
    let page = html_of(app.client.get(&link).send().unwrap(), 200);
    html_of(app.client.post(form_action(app, &page)).send().unwrap(), 200);
    assert_eq!(subscriber(app, email)["status"], "confirmed");
}

/// Sends the newsletter's edition and waits until `count` messages in all reached the sink.
fn send_edition(app: &TestApp, smtp: &SmtpServer, newsletter: &Newsletter, count: usize) {
    let admin = app.admin_token();
    let sent = app.post(&format!("/api/v1/editions/{}/send", newsletter.edition), &json!({}), Some(&admin));
    assert!(sent.status().is_success(), "{}", sent.text().unwrap());
    assert!(smtp.wait_for(count, WAIT), "the edition did not arrive");
}

/// The edition message `email` received last, parsed.
fn edition_mail(smtp: &SmtpServer, email: &str) -> Vec<u8> {
    mails_to(smtp, email)
        .into_iter()
        .rfind(|m| String::from_utf8_lossy(&m.data).contains("List-Unsubscribe"))
        .expect("an edition email")
        .data
}

fn delivery(app: &TestApp, edition: i64) -> Value {
    let admin = app.admin_token();
    app.get(&format!("/api/v1/editions/{edition}/delivery"), Some(&admin)).json().unwrap()
}

fn the_form_subscribes_and_only_the_button_confirms(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = mail_app(backend, &smtp, &[]);
    publish_newsletter(&app);
    // Every public page carries the form: prominently on the home page, in the footer
    // elsewhere. It posts to the server's public address, its language preset to the page's.
    let home = html_of(browse(&app, "/ar/", None), 200);
    let action = format!("<form method=\"post\" action=\"{}/subscribe\">", app.base);
    assert!(home.contains("subscribe-prominent") && home.contains(&action), "{home}");
    assert!(home.contains(r#"<option value="ar" lang="ar" data-script="Arab" selected>العربية</option>"#), "{home}");
    for path in ["/en/stories/new-well/", "/en/archive/", "/en/editions/spring-2026/"] {
        let page = html_of(browse(&app, path, None), 200);
        assert!(page.contains(&action) && page.contains(r#"name="website""#), "{path} has no subscribe form");
        assert!(
            page.contains(r#"<option value="en" lang="en" data-script="Latn" selected>English</option>"#),
            "{path}"
        );
    }

    // The reader posts it from a copy of the site hosted elsewhere: no script, another origin.
    let answer = no_redirects()
        .post(app.url("/subscribe"))
        .header("Accept", BROWSER_ACCEPT)
        .header("Origin", "https://static.example")
        .form(&[("email", "Reader@Example.test"), ("locale", "ar"), ("website", "")])
        .send()
        .unwrap();
    let page = html_of(answer, 200);
    assert!(page.contains(r#"<html lang="ar" dir="rtl" data-script="Arab">"#) && page.contains("تفقّد بريدك"), "{page}");
    assert!(smtp.wait_for(1, WAIT), "the confirmation email");
    let mail = mails_to(&smtp, "reader@example.test").pop().expect("a confirmation to the address");
    let parsed = mailparse::parse_mail(&mail.data).unwrap();
    assert_eq!(parsed.headers.get_first_value("Content-Language").unwrap(), "ar");
    let link = link_in(&part(&parsed, "text/plain"), "/subscribe/confirm?token=");

    // A mail scanner follows the link, twice: a page with a button, and still pending.
    for _ in 0..2 {
        let page = html_of(app.client.get(&link).send().unwrap(), 200);
        assert!(page.contains("reader@example.test") && page.contains("<form method=\"post\""), "{page}");
    }
    assert_eq!(subscriber(&app, "reader@example.test")["status"], "pending");
    let page = html_of(app.client.get(&link).send().unwrap(), 200);
    let confirmed = html_of(app.client.post(form_action(&app, &page)).send().unwrap(), 200);
    assert!(confirmed.contains("تم اشتراكك"), "{confirmed}");
    let reader = subscriber(&app, "reader@example.test");
    assert_eq!((reader["status"].as_str(), reader["locale"].as_str()), (Some("confirmed"), Some("ar")));

    // The form also has a page of its own, in the request's language.
    let own = html_of(browse(&app, "/subscribe", Some("ar-IQ")), 200);
    assert!(own.contains(r#"<html lang="ar" dir="rtl" data-script="Arab">"#), "{own}");
    assert!(own.contains(r#"<form method="post" action="/subscribe">"#), "the server's own page posts to itself");
}

fn the_trap_and_the_limits_answer_with_the_same_page(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = mail_app(backend, &smtp, &[("NASHRA_SUBSCRIPTIONS__PER_ADDRESS_PER_MINUTE", "3")]);
    let genuine = html_of(post_form(&app, "/subscribe", &[("email", "one@example.test"), ("locale", "en")]), 200);
    assert!(smtp.wait_for(1, WAIT));
    // A robot fills in every field, the trap too: the same page, and nobody subscribed.
    let trapped = [("email", "robot@example.test"), ("locale", "en"), ("website", "https://spam.example")];
    assert_eq!(html_of(post_form(&app, "/subscribe", &trapped), 200), genuine);
    // The same address again, and a third: the same page (the third uses up the limit).
    assert_eq!(
        html_of(post_form(&app, "/subscribe", &[("email", "one@example.test"), ("locale", "en")]), 200),
        genuine
    );
    assert_eq!(
        html_of(post_form(&app, "/subscribe", &[("email", "two@example.test"), ("locale", "en")]), 200),
        genuine
    );
    // Over the limit for this client: the same page again, and nothing stored.
    assert_eq!(
        html_of(post_form(&app, "/subscribe", &[("email", "three@example.test"), ("locale", "en")]), 200),
        genuine
    );
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(subscriber(&app, "robot@example.test"), Value::Null, "the trap subscribed a robot");
    assert_eq!(subscriber(&app, "three@example.test"), Value::Null, "the limit let a request through");
    assert_eq!(subscriber(&app, "two@example.test")["status"], "pending");
    assert!(mails_to(&smtp, "robot@example.test").is_empty() && mails_to(&smtp, "three@example.test").is_empty());
    assert_eq!(mails_to(&smtp, "one@example.test").len(), 1, "the cooldown holds through the form too");
}

fn an_address_that_is_no_address_gets_the_form_again(backend: Backend) {
    let app = TestApp::spawn(backend);
    let before = app.database.snapshot();
    let page = html_of(post_form(&app, "/subscribe", &[("email", "not an address"), ("locale", "ar")]), 422);
    assert!(page.contains(r#"<html lang="ar" dir="rtl" data-script="Arab">"#), "{page}");
    assert!(page.contains("هذا ليس عنوان بريد يمكننا الكتابة إليه"), "{page}");
    assert!(page.contains(r#"value="not an address""#) && page.contains(r#"aria-invalid="true""#), "{page}");
    assert!(page.contains(r#"<form method="post" action="/subscribe">"#), "the form again");
    // Nothing at all, and a body that is not even a form: the form again, never a problem.
    for body in ["", "%%%", "email=&locale=xx"] {
        let response = no_redirects()
            .post(app.url("/subscribe"))
            .header("Accept", BROWSER_ACCEPT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .unwrap();
        let page = html_of(response, 422);
        assert!(
            page.contains(r#"<html lang="en" dir="ltr" data-script="Latn">"#) && page.contains("not an email address"),
            "{body}"
        );
    }
    assert_eq!(app.database.snapshot(), before, "nothing was stored");
}

fn the_preferences_page_changes_the_language_and_erases_the_data(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = mail_app(backend, &smtp, &[]);
    let newsletter = publish_newsletter(&app);
    subscribe_and_confirm(&app, &smtp, "reader@example.test", "en");
    subscribe_and_confirm(&app, &smtp, "qari@example.test", "ar");
    send_edition(&app, &smtp, &newsletter, 4);

    // Every edition email links to the preferences page beside the unsubscribe link, and to
    // the edition in the other language, named in that language.
    for (email, other, label) in [
        ("reader@example.test", "ar", "اقرأ هذا العدد بالعربية"),
        ("qari@example.test", "en", "Read this edition in English"),
    ] {
        let data = edition_mail(&smtp, email);
        let mail = mailparse::parse_mail(&data).unwrap();
        let unsubscribe = mail.headers.get_first_value("List-Unsubscribe").unwrap();
        assert!(unsubscribe.starts_with(&format!("<{}/unsubscribe?token=", app.base)), "{unsubscribe}");
        assert_eq!(mail.headers.get_first_value("List-Unsubscribe-Post").unwrap(), "List-Unsubscribe=One-Click");
        let other_url = format!("{}/{other}/editions/spring-2026/", app.base);
        let text = part(&mail, "text/plain");
        assert!(text.contains(&format!("{label}: {other_url}")), "{email}: {text}");
        let html = part(&mail, "text/html");
        let dir = if other == "ar" { "rtl" } else { "ltr" };
        let anchor = format!(r#"<a href="{other_url}" hreflang="{other}" lang="{other}" dir="{dir}""#);
        let at = html.find(&anchor).unwrap_or_else(|| panic!("{email}: no link to {other_url} in {html}"));
        assert!(html[at..].split("</a>").next().unwrap().ends_with(&format!(">{label}")), "{email}: {html}");
        let preferences = link_in(&text, "/preferences?token=");
        assert!(html.contains(&format!("href=\"{preferences}\"")), "{email}: the HTML part links to the same page");
        let page = html_of(app.client.get(&preferences).send().unwrap(), 200);
        assert!(page.contains(email), "the link opens {email}'s own page");
    }

    let data = edition_mail(&smtp, "reader@example.test");
    let preferences = link_in(&part(&mailparse::parse_mail(&data).unwrap(), "text/plain"), "/preferences?token=");
    let token = preferences.split("token=").nth(1).unwrap().to_owned();
    let page = html_of(app.client.get(&preferences).send().unwrap(), 200);
    assert!(
        page.contains(r#"<html lang="en" dir="ltr" data-script="Latn">"#)
            && page.contains("You receive \u{2068}Regional Bulletin\u{2069} by email"),
        "{page}"
    );

    // The language: a confirmed subscriber changes it, and the page now speaks it.
    let changed = post_form(&app, "/preferences/language", &[("token", &token), ("locale", "ar")]);
    assert_eq!(changed.status(), 303);
    let location = changed.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, format!("/preferences?token={token}&done=language"));
    let page = html_of(app.client.get(app.url(&location)).send().unwrap(), 200);
    assert!(page.contains(r#"<html lang="ar" dir="rtl" data-script="Arab">"#) && page.contains("حُفظت"), "{page}");
    assert_eq!(subscriber(&app, "reader@example.test")["locale"], "ar");
    let refused = post_form(&app, "/preferences/language", &[("token", &token), ("locale", "fr")]);
    assert!(html_of(refused, 422).contains("اختر إحدى اللغات"));
    assert_eq!(subscriber(&app, "reader@example.test")["locale"], "ar", "an unknown language changes nothing");
    let forged = post_form(&app, "/preferences/language", &[("token", "1.forged"), ("locale", "en")]);
    assert_eq!(forged.status(), 400);
    assert_eq!(subscriber(&app, "reader@example.test")["locale"], "ar");

    // Erasing: only with its box ticked; then the address and its deliveries are gone, and
    // the send report still counts them.
    assert_eq!(
        (delivery(&app, newsletter.edition)["sent"].as_i64(), delivery(&app, newsletter.edition)["total"].as_i64()),
        (Some(2), Some(2))
    );
    let unticked = post_form(&app, "/preferences/erase", &[("token", &token)]);
    assert!(html_of(unticked, 422).contains("ضع علامة في المربع"));
    assert_eq!(subscriber(&app, "reader@example.test")["status"], "confirmed");
    let deliveries_before = app.database.snapshot()["deliveries"].len();
    let erased = html_of(post_form(&app, "/preferences/erase", &[("token", &token), ("confirm", "yes")]), 200);
    assert!(erased.contains("حُذفت بياناتك"), "{erased}");
    assert_eq!(subscriber(&app, "reader@example.test"), Value::Null);
    let after = app.database.snapshot();
    assert_eq!(after["deliveries"].len(), deliveries_before - 2, "their confirmation and edition deliveries are gone");
    assert_eq!(after["erased_deliveries"].len(), 1, "one count: one edition, sent, in their own language");
    let stored = format!("{after:?}");
    assert!(!stored.contains("reader@example.test"), "the address is still stored somewhere");
    let report = delivery(&app, newsletter.edition);
    assert_eq!(
        (report["total"].as_i64(), report["sent"].as_i64(), report["remaining"].as_i64()),
        (Some(2), Some(2), Some(0)),
        "{report}"
    );
    // The links in their emails now name nobody.
    assert_eq!(app.client.get(&preferences).send().unwrap().status(), 400);
    assert_eq!(post_form(&app, "/preferences/erase", &[("token", &token), ("confirm", "yes")]).status(), 400);
    assert_eq!(subscriber(&app, "qari@example.test")["status"], "confirmed", "only their own data");
}

fn leaving_and_coming_back_from_the_preferences_page(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = mail_app(backend, &smtp, &[]);
    let newsletter = publish_newsletter(&app);
    subscribe_and_confirm(&app, &smtp, "reader@example.test", "en");
    send_edition(&app, &smtp, &newsletter, 2);
    let data = edition_mail(&smtp, "reader@example.test");
    let preferences = link_in(&part(&mailparse::parse_mail(&data).unwrap(), "text/plain"), "/preferences?token=");
    let token = preferences.split("token=").nth(1).unwrap().to_owned();

    let left = post_form(&app, "/preferences/unsubscribe", &[("token", &token)]);
    assert_eq!(left.status(), 303);
    assert_eq!(subscriber(&app, "reader@example.test")["status"], "unsubscribed");
    let page = html_of(app.client.get(&preferences).send().unwrap(), 200);
    assert!(page.contains("You are unsubscribed") && page.contains("/preferences/resubscribe"), "{page}");
    // Opening the page again and again changes nothing.
    html_of(app.client.get(&preferences).send().unwrap(), 200);
    assert_eq!(subscriber(&app, "reader@example.test")["status"], "unsubscribed");

    // Coming back: the link reached this address, so it proves it; no confirmation email.
    let mails = smtp.received().len();
    let back = post_form(&app, "/preferences/resubscribe", &[("token", &token)]);
    assert_eq!(back.status(), 303);
    let page = html_of(app.client.get(app.url(back.headers()["location"].to_str().unwrap())).send().unwrap(), 200);
    assert!(page.contains("Welcome back"), "{page}");
    assert_eq!(subscriber(&app, "reader@example.test")["status"], "confirmed");
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(smtp.received().len(), mails, "no confirmation email");

    // A bounced address stays bounced: only an admin brings it back.
    app.database.execute("UPDATE subscribers SET status = 'bounced' WHERE email = 'reader@example.test'");
    post_form(&app, "/preferences/resubscribe", &[("token", &token)]);
    assert_eq!(subscriber(&app, "reader@example.test")["status"], "bounced");
    let page = html_of(app.client.get(&preferences).send().unwrap(), 200);
    assert!(page.contains("could not be delivered") && !page.contains("/preferences/resubscribe"), "{page}");
}

fn browsers_get_error_pages_and_api_clients_problems(backend: Backend) {
    let app = TestApp::spawn(backend);
    let newsletter = publish_newsletter(&app);
    // A missing page in the path's language, in the site's look, with ways back in.
    let english = browse(&app, "/en/no-such-page/", Some("ar"));
    assert_eq!(english.headers()["content-language"], "en");
    let english = html_of(english, 404);
    assert!(
        english.contains(r#"<html lang="en" dir="ltr" data-script="Latn">"#) && english.contains("Page not found"),
        "{english}"
    );
    assert!(english.contains(r#"href="/en/">Read the latest edition"#) && english.contains(r#"href="/en/archive/""#));
    assert!(english.contains("/assets/site.css") && english.contains("Regional Bulletin"), "the site's look");
    assert!(english.contains(r#"<meta name="robots" content="noindex">"#));
    let arabic = html_of(browse(&app, "/ar/stories/no-such-story/", None), 404);
    assert!(
        arabic.contains(r#"<html lang="ar" dir="rtl" data-script="Arab">"#) && arabic.contains("الصفحة غير موجودة"),
        "{arabic}"
    );
    assert!(arabic.contains(r#"href="/ar/archive/""#) && arabic.contains("النشرة الإقليمية"));
    // No language in the path: negotiated.
    assert!(html_of(browse(&app, "/nothing/here", Some("ar-IQ,en;q=0.5")), 404).contains(r#"<html lang="ar""#));
    assert!(html_of(browse(&app, "/nothing/here", None), 404).contains(r#"<html lang="en""#));

    // API clients get problems, at the same addresses; and any /api/ path does, browser or not.
    assert_problem(app.get("/en/no-such-page/", None), 404, "route-not-found", "en");
    let json = app.client.get(app.url("/ar/stories/no-such-story/")).header("Accept", "application/json").send();
    assert_problem(json.unwrap(), 404, "not-found", "ar");
    assert_problem(browse(&app, "/api/v1/nothing", None), 404, "route-not-found", "en");
    assert_problem(browse(&app, "/api/v1/public/en/stories/no-such-story", None), 404, "not-found", "en");

    // A story taken off the site is gone (410), not missing; in its other language it stays.
    must(&app, &newsletter.reviewer, newsletter.stories[2], "en", "unpublish");
    let gone = html_of(browse(&app, "/en/stories/standalone/", None), 410);
    assert!(gone.contains("No longer published") && gone.contains(r#"href="/en/archive/""#), "{gone}");
    assert_problem(app.get("/en/stories/standalone/", None), 410, "gone", "en");
    html_of(browse(&app, "/ar/stories/standalone/", None), 200);
    assert_problem(app.get("/en/stories/secret-draft/", None), 404, "not-found", "en");

    // Our fault: the page still comes in the site's look and the path's language.
    app.database.execute("ALTER TABLE story_translations RENAME TO story_translations_gone");
    let broken = browse(&app, "/ar/stories/schools-reopen/", None);
    let broken = html_of(broken, 500);
    assert!(
        broken.contains(r#"<html lang="ar" dir="rtl" data-script="Arab">"#) && broken.contains("حدث خطأ من جهتنا"),
        "{broken}"
    );
    assert!(broken.contains("/assets/site.css"));
    assert_problem(app.get("/en/stories/schools-reopen/", None), 500, "internal-error", "en");
}

fn the_export_writes_not_found_pages(backend: Backend) {
    let app = TestApp::spawn(backend);
    publish_newsletter(&app);
    let out = tempfile::tempdir().unwrap();
    let mut command = common::nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_MEDIA__DIR", app.media_dir.path());
    let exported = common::run_cli(
        command,
        &["export", "web", "--out", out.path().to_str().unwrap(), "--base-url", &app.base],
        "",
    );
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    // Each the page a browser gets live, byte for byte.
    for (file, missing, language) in [
        ("404.html", "/nothing/here", None),
        ("en/404.html", "/en/nothing/", Some("ar")),
        ("ar/404.html", "/ar/nothing/", None),
    ] {
        let written = std::fs::read(out.path().join(file)).unwrap_or_else(|_| panic!("{file} is missing"));
        let live = browse(&app, missing, language);
        assert_eq!(live.status(), 404);
        assert_eq!(live.bytes().unwrap().to_vec(), written, "{file}");
    }
    let arabic = std::fs::read_to_string(out.path().join("ar/404.html")).unwrap();
    assert!(
        arabic.contains(r#"<html lang="ar" dir="rtl" data-script="Arab">"#) && arabic.contains("الصفحة غير موجودة")
    );
    assert!(std::fs::read_to_string(out.path().join("404.html")).unwrap().contains(r#"<html lang="en""#));
    // The exported pages' form posts to the server, wherever the copy is hosted.
    let home = std::fs::read_to_string(out.path().join("en/index.html")).unwrap();
    assert!(home.contains(&format!("<form method=\"post\" action=\"{}/subscribe\">", app.base)));
    // Also from a copy made for another host: its links are the host's, its form the server's.
    let elsewhere = tempfile::tempdir().unwrap();
    let mut command = common::nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_MEDIA__DIR", app.media_dir.path()).env("NASHRA_PUBLIC_URL", &app.base);
    let args = ["export", "web", "--out", elsewhere.path().to_str().unwrap(), "--base-url", "https://static.example"];
    assert!(common::run_cli(command, &args, "").status.success());
    let home = std::fs::read_to_string(elsewhere.path().join("en/index.html")).unwrap();
    assert!(home.contains(r#"<link rel="canonical" href="https://static.example/en/">"#), "{home}");
    assert!(home.contains(&format!("<form method=\"post\" action=\"{}/subscribe\">", app.base)), "{home}");
}

on_both_backends!(
    the_form_subscribes_and_only_the_button_confirms,
    the_trap_and_the_limits_answer_with_the_same_page,
    an_address_that_is_no_address_gets_the_form_again,
    the_preferences_page_changes_the_language_and_erases_the_data,
    leaving_and_coming_back_from_the_preferences_page,
    browsers_get_error_pages_and_api_clients_problems,
    the_export_writes_not_found_pages,
);
