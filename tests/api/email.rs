//! Subscribers and email delivery over real SMTP: a server the tests start records what it
//! receives and can be told to answer 4xx, 5xx, or to be down.

use crate::common;

use std::collections::HashMap;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::fixture::{publish_newsletter, Newsletter};
use common::newsroom::{create_story, must, translation_path};
use common::smtp::{Fault, Received, SmtpServer};
use common::{assert_problem, Backend, TestApp};
use mailparse::{MailHeaderMap, ParsedMail};
use serde_json::{json, Value};

on_both_backends!(
    subscribe_confirm_receive_unsubscribe,
    the_email_is_right_in_both_languages,
    temporary_failures_retry_and_permanent_ones_bounce,
    a_killed_sender_loses_nothing,
    two_workers_never_send_one_delivery_twice,
    the_send_command_sends_only_its_edition,
    subscribers_are_imported_exported_and_managed,
);

const WAIT: Duration = Duration::from_secs(30);

fn mail_app(backend: Backend, smtp: &SmtpServer, extra: &[(&str, &str)]) -> (TestApp, Newsletter) {
    let url = smtp.url();
    let mut env = vec![
        ("NASHRA_SMTP_URL", url.as_str()),
        ("NASHRA_EMAIL__RETRY_BASE_SECS", "1"),
        ("NASHRA_EMAIL__POLL_INTERVAL_MS", "100"),
        ("NASHRA_EMAIL__FROM_ADDRESS", "bulletin@example.org"),
    ];
    env.extend_from_slice(extra);
    let app = TestApp::spawn_with(backend, &env);
    let newsletter = publish_newsletter(&app);
    (app, newsletter)
}

fn parse(message: &Received) -> ParsedMail<'_> {
    mailparse::parse_mail(&message.data).expect("a MIME message")
}

fn header(mail: &ParsedMail, name: &str) -> String {
    mail.headers.get_first_value(name).unwrap_or_default()
}

fn part<'a>(mail: &'a ParsedMail<'a>, mime: &str) -> String {
    mail.subparts.iter().find(|p| p.ctype.mimetype == mime).and_then(|p| p.get_body().ok()).unwrap_or_default()
}

/// The first URL in `text` that contains `needle`.
fn link(text: &str, needle: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        .find(|word| word.starts_with("http") && word.contains(needle))
        .unwrap_or_else(|| panic!("no link with {needle} in:\n{text}"))
        .to_owned()
}

fn subscribe(app: &TestApp, email: &str, locale: &str) -> Value {
    let response = app.post("/api/v1/subscribe", &json!({"email": email, "locale": locale}), None);
    assert_eq!(response.status(), 202);
    response.json().unwrap()
}

/// Subscribes, confirms through the emailed link, and returns the confirmation message.
fn subscribed(app: &TestApp, smtp: &SmtpServer, email: &str, locale: &str) {
    let before = smtp.count();
    subscribe(app, email, locale);
    assert!(smtp.wait_for(before + 1, WAIT), "no confirmation email");
    let confirmation = smtp.received().into_iter().rfind(|m| m.to == [email]).unwrap();
    let text = part(&parse(&confirmation), "text/plain");
    let confirmed = app.client.post(link(&text, "/subscribe/confirm?token=")).send().unwrap();
    assert_eq!(confirmed.status(), 200);
}

fn send(app: &TestApp, edition: i64) -> Value {
    let admin = app.admin_token();
    let response = app.post(&format!("/api/v1/editions/{edition}/send"), &json!({}), Some(&admin));
    assert_eq!(response.status(), 202);
    response.json().unwrap()
}

fn delivery(app: &TestApp, edition: i64) -> Value {
    let admin = app.admin_token();
    app.get(&format!("/api/v1/editions/{edition}/delivery"), Some(&admin)).json().unwrap()
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < WAIT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A second published edition (one new bilingual story), to check who receives it.
fn another_edition(app: &TestApp, newsletter: &Newsletter, number: i64) -> i64 {
    let story = create_story(app, &newsletter.editor, &format!("news-{number}"));
    for locale in ["en", "ar"] {
        let body = json!({"title": format!("News {number} {locale}"), "summary": "", "body": "Text."});
        app.put(&translation_path(story, locale), &body, &newsletter.editor, None);
        must(app, &newsletter.editor, story, locale, "submit");
        must(app, &newsletter.reviewer, story, locale, "approve");
    }
    let created: Value = app
        .post(
            "/api/v1/editions",
            &json!({"number": number, "slug": format!("issue-{number}")}),
            Some(&newsletter.editor),
        )
        .json()
        .unwrap();
    let edition = created["id"].as_i64().unwrap();
    app.patch(&format!("/api/v1/editions/{edition}"), &json!({"story_ids": [story]}), Some(&newsletter.editor));
    for locale in ["en", "ar"] {
        let text = json!({"title": format!("Issue {number}"), "foreword": "", "signature": {"name": "", "role": ""}});
        app.put(&format!("/api/v1/editions/{edition}/translations/{locale}"), &text, &newsletter.editor, None);
    }
    assert_eq!(
        app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&newsletter.reviewer)).status(),
        200
    );
    edition
}

fn subscribe_confirm_receive_unsubscribe(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, newsletter) = mail_app(backend, &smtp, &[]);
    let first = subscribe(&app, "Reader@Example.test", "ar");
    assert!(smtp.wait_for(1, WAIT));
    let confirmation = &smtp.received()[0];
    assert_eq!(confirmation.to, ["reader@example.test"]);
    let mail = parse(confirmation);
    assert_eq!(header(&mail, "Subject"), "أكّد اشتراكك في النشرة الإقليمية");
    let confirm_url = link(&part(&mail, "text/plain"), "/subscribe/confirm?token=");

    // Asking again gives the same answer and does not reveal the address's state.
    assert_eq!(subscribe(&app, "reader@example.test", "ar"), first);
    assert_eq!(subscribe(&app, "stranger@example.test", "ar"), first);

    // Forged, garbled and swapped tokens change nothing.
    let token = confirm_url.split("token=").nth(1).unwrap().to_owned();
    let (id, rest) = token.split_once('.').unwrap();
    let forged = format!("{}.{rest}", id.parse::<i64>().unwrap() + 1);
    for bad in [forged.as_str(), "1.AAAA", "nonsense", ""] {
        for method in [reqwest::Method::GET, reqwest::Method::POST] {
            let response =
                app.client.request(method, app.url(&format!("/subscribe/confirm?token={bad}"))).send().unwrap();
            assert_eq!(response.status(), 400, "{bad}");
            assert!(response.text().unwrap().contains("<html"));
        }
    }
    let swapped = app.client.post(app.url(&format!("/unsubscribe?token={token}"))).send().unwrap();
    assert_eq!(swapped.status(), 400, "a confirmation token is no unsubscribe token");
    let page = app.client.get(&confirm_url).send().unwrap().text().unwrap();
    assert!(page.contains("<form method=\"post\"") && page.contains("reader@example.test"), "{page}");
    assert!(app.client.post(&confirm_url).send().unwrap().text().unwrap().contains("تم اشتراكك"));

    let queued = send(&app, newsletter.edition);
    assert_eq!(queued["queued"], 1, "only the confirmed subscriber");
    // One confirmation each (asking again within the cooldown sends none), then the edition.
    assert!(smtp.wait_for(3, WAIT), "the edition did not arrive");
    let edition_mail =
        smtp.received().into_iter().find(|m| parse(m).headers.get_first_value("List-Id").is_some()).unwrap();
    assert_eq!(edition_mail.to, ["reader@example.test"]);
    wait_until("the delivery to be recorded", || delivery(&app, newsletter.edition)["sent"] == 1);
    assert_eq!(send(&app, newsletter.edition)["queued"], 0, "sending twice queues nothing new");

    // One click from the mail client (RFC 8058) unsubscribes.
    let parsed = parse(&edition_mail);
    let unsubscribe = header(&parsed, "List-Unsubscribe").trim_matches(['<', '>']).to_owned();
    let page = app.client.get(&unsubscribe).send().unwrap().text().unwrap();
    assert!(page.contains("<form method=\"post\"") && page.contains("reader@example.test"));
    let clicked = app
        .client
        .post(&unsubscribe)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .unwrap();
    assert_eq!(clicked.status(), 200);
    assert!(clicked.text().unwrap().contains("أُلغي اشتراكك"));

    let count = smtp.count();
    let next = another_edition(&app, &newsletter, 13);
    assert_eq!(send(&app, next)["queued"], 0, "an unsubscribed reader gets nothing more");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(smtp.count(), count);
}

fn the_email_is_right_in_both_languages(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, newsletter) = mail_app(backend, &smtp, &[]);
    subscribed(&app, &smtp, "amira@example.test", "ar");
    subscribed(&app, &smtp, "john@example.test", "en");
    let before = smtp.count();
    send(&app, newsletter.edition);
    assert!(smtp.wait_for(before + 2, WAIT));
    let messages: Vec<Received> = smtp.received().into_iter().skip(before).collect();
    let mut message_ids = Vec::new();
    for message in &messages {
        let mail = parse(message);
        let arabic = message.to == ["amira@example.test"];
        assert_eq!(mail.ctype.mimetype, "multipart/alternative");
        let types: Vec<&str> = mail.subparts.iter().map(|p| p.ctype.mimetype.as_str()).collect();
        assert_eq!(types, ["text/plain", "text/html"]);
        let (subject, from, language) = if arabic {
            ("النشرة الإقليمية · العدد ١٢: ربيع ٢٠٢٦", "النشرة الإقليمية", "ar")
        } else {
            ("Regional Bulletin · Issue 12: Spring 2026", "Regional Bulletin", "en")
        };
        assert_eq!(header(&mail, "Subject"), subject);
        let from_header = header(&mail, "From");
        assert!(from_header.contains(from) && from_header.contains("<bulletin@example.org>"), "{from_header}");
        assert_eq!(header(&mail, "Content-Language"), language);
        assert_eq!(header(&mail, "List-Id"), "<newsletter.127.0.0.1>");
        assert_eq!(header(&mail, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
        assert!(header(&mail, "List-Unsubscribe").starts_with(&format!("<{}/unsubscribe?token=", app.base)));
        let message_id = header(&mail, "Message-ID");
        assert!(message_id.starts_with(&format!("<edition-{}.subscriber-", newsletter.edition)), "{message_id}");
        message_ids.push(message_id);

        let html = part(&mail, "text/html");
        let text = part(&mail, "text/plain");
        if arabic {
            assert!(html.contains(r#"<html lang="ar" dir="rtl" data-script="Arab">"#));
            assert!(html.contains("text-align: right"), "right alignment inlined");
            assert!(html.contains("بئر جديدة في الحمدانية") && text.contains("بئر جديدة في الحمدانية"));
            assert!(text.contains("اعرض هذا العدد في المتصفح"));
            assert!(!text.contains('\u{2068}'), "no bidi isolation marks in the text part");
        } else {
            assert!(html.contains(r#"<html lang="en" dir="ltr" data-script="Latn">"#));
            assert!(text.contains("Read more: ") && text.contains("/en/stories/new-well/"));
        }
        assert!(!html.contains("<style"), "CSS is inlined");
        assert!(html.contains(" style=\""));
        let image = format!("{}{}", app.base, newsletter.image_url);
        assert!(html.contains(&format!("src=\"{image}\"")), "images by absolute URL");
        assert!(html.contains(&format!("{}/{language}/editions/spring-2026/", app.base)), "view in browser");
        // Each body carries this subscriber's own link, spliced into bodies encoded once.
        let own_link = header(&mail, "List-Unsubscribe").trim_matches(['<', '>']).to_owned();
        assert!(html.contains(&own_link) && text.contains(&own_link), "{own_link} in both bodies");
        assert!(
            !html.contains("nashra.invalid") && !text.contains("nashra.invalid"),
            "the personal link was filled in"
        );
        assert!(!html.contains("<script"));
    }
    message_ids.sort();
    message_ids.dedup();
    assert_eq!(message_ids.len(), 2, "one Message-ID per subscriber");

    // Preview, export and test send show the same message.
    let admin = app.admin_token();
    let preview = app.get(&format!("/api/v1/editions/{}/email?locale=ar", newsletter.edition), Some(&admin));
    assert_eq!(preview.status(), 200);
    assert!(preview.text().unwrap().contains(r#"dir="rtl""#));
    let eml = app.media_dir.path().join("edition.eml");
    let mut command = common::nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_PUBLIC_URL", &app.base);
    let exported = common::run_cli(
        command,
        &["export", "email", "--edition", "spring-2026", "--lang", "ar", "--out", eml.to_str().unwrap()],
        "",
    );
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    let bytes = std::fs::read(&eml).unwrap();
    let exported = mailparse::parse_mail(&bytes).unwrap();
    assert_eq!(header(&exported, "Subject"), "النشرة الإقليمية · العدد ١٢: ربيع ٢٠٢٦");
    let before = smtp.count();
    let tested = app.post(
        &format!("/api/v1/editions/{}/test-send", newsletter.edition),
        &json!({"email": "proof@example.test", "locale": "en"}),
        Some(&admin),
    );
    assert_eq!(tested.status(), 204);
    assert_eq!(smtp.count(), before + 1);
    assert_eq!(smtp.received().last().unwrap().to, ["proof@example.test"]);

    // A subscriber whose language the edition lacks gets the default one, and is counted.
    let edition = app.post(
        "/api/v1/editions",
        &json!({"number": 20, "slug": "english-only", "required_locales": ["en"]}),
        Some(&newsletter.editor),
    );
    let edition = edition.json::<Value>().unwrap()["id"].as_i64().unwrap();
    app.patch(
        &format!("/api/v1/editions/{edition}"),
        &json!({"story_ids": [newsletter.stories[2]]}),
        Some(&newsletter.editor),
    );
    let text = json!({"title": "English only", "foreword": "", "signature": {"name": "", "role": ""}});
    app.put(&format!("/api/v1/editions/{edition}/translations/en"), &text, &newsletter.editor, None);
    assert_eq!(
        app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&newsletter.reviewer)).status(),
        200
    );
    send(&app, edition);
    wait_until("the fallback delivery", || delivery(&app, edition)["sent"] == 2);
    assert_eq!(delivery(&app, edition)["fallbacks"], 1);
    let fallback = smtp.received().into_iter().rfind(|m| m.to == ["amira@example.test"]).unwrap();
    assert_eq!(header(&parse(&fallback), "Content-Language"), "en");
}

fn temporary_failures_retry_and_permanent_ones_bounce(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, newsletter) = mail_app(backend, &smtp, &[("NASHRA_EMAIL__BOUNCE_AFTER", "2")]);
    subscribed(&app, &smtp, "flaky@example.test", "en");
    subscribed(&app, &smtp, "gone@example.test", "en");
    let before = smtp.count();
    smtp.fail_next(1, Fault::TempReject);
    smtp.fail_recipient("gone@example.test", Fault::PermReject);
    send(&app, newsletter.edition);
    wait_until("delivery to settle", || {
        let progress = delivery(&app, newsletter.edition);
        progress["remaining"] == 0 && progress["total"] == 2
    });
    let progress = delivery(&app, newsletter.edition);
    assert_eq!((progress["sent"].as_i64(), progress["failed"].as_i64()), (Some(1), Some(1)));
    let got: Vec<Vec<String>> = smtp.received().into_iter().skip(before).map(|m| m.to).collect();
    assert_eq!(got, [["flaky@example.test"]], "delivered once after the 4xx, never to the 5xx address");
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(delivery(&app, newsletter.edition)["failed"], 1, "a 5xx is not retried");

    // A second hard failure in a row marks the subscriber bounced.
    let admin = app.admin_token();
    let listed: Value = app.get("/api/v1/subscribers?q=gone", Some(&admin)).json().unwrap();
    assert_eq!(listed["items"][0]["status"], "confirmed");
    let next = another_edition(&app, &newsletter, 14);
    send(&app, next);
    wait_until("the second failure", || delivery(&app, next)["failed"] == 1);
    let listed: Value = app.get("/api/v1/subscribers?q=gone", Some(&admin)).json().unwrap();
    assert_eq!(listed["items"][0]["status"], "bounced");

    // The SMTP server down, then back: nothing is lost.
    smtp.clear_faults();
    smtp.set_down(true);
    let third = another_edition(&app, &newsletter, 15);
    send(&app, third);
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(delivery(&app, third)["sent"], 0);
    smtp.set_down(false);
    wait_until("delivery after the outage", || delivery(&app, third)["sent"] == 1);
}

/// Subscribers, confirmed, imported in one CSV.
fn import_readers(app: &TestApp, count: usize) {
    let mut csv = String::from("email,locale\n");
    for n in 0..count {
        csv.push_str(&format!("reader{n}@example.test,{}\n", if n % 2 == 0 { "ar" } else { "en" }));
    }
    let admin = app.admin_token();
    let response = app
        .client
        .post(app.url("/api/v1/subscribers/import"))
        .bearer_auth(admin)
        .header("Content-Type", "text/csv")
        .body(csv)
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<Value>().unwrap()["created"], count);
}

fn cli_command(app: &TestApp, smtp: &SmtpServer, args: &[&str], rate: &str) -> Child {
    let mut command = common::nashra_command(&app.database.url, &app.secret);
    command
        .env("NASHRA_SMTP_URL", smtp.url())
        .env("NASHRA_PUBLIC_URL", &app.base)
        .env("NASHRA_EMAIL__RATE_PER_SECOND", rate)
        .env("NASHRA_EMAIL__BATCH_SIZE", "20")
        .env("NASHRA_EMAIL__LEASE_SECS", "2")
        .env("NASHRA_EMAIL__POLL_INTERVAL_MS", "100")
        .env("NASHRA_MEDIA__DIR", app.media_dir.path())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn per_recipient(smtp: &SmtpServer, skip: usize) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for message in smtp.received().into_iter().skip(skip) {
        *counts.entry(message.to[0].clone()).or_insert(0) += 1;
    }
    counts
}

fn a_killed_sender_loses_nothing(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, newsletter) = mail_app(backend, &smtp, &[("NASHRA_EMAIL__WORKER_IN_SERVER", "false")]);
    import_readers(&app, 200);
    let before = smtp.count();
    let mut sender = cli_command(&app, &smtp, &["send", "--edition", "spring-2026"], "100");
    wait_until("the send to get going", || smtp.count() >= before + 40);
    sender.kill().unwrap(); // SIGKILL: no chance to tidy up
    sender.wait().unwrap();
    let at_kill = smtp.count() - before;
    assert!(at_kill < 200, "the sender finished before it could be killed");

    let mut again = cli_command(&app, &smtp, &["send", "--edition", "spring-2026"], "0");
    assert!(again.wait().unwrap().success());
    let counts = per_recipient(&smtp, before);
    assert_eq!(counts.len(), 200, "every subscriber received the edition");
    let duplicates: usize = counts.values().map(|n| n - 1).sum();
    assert!(duplicates <= 20, "{duplicates} duplicates; at most one batch may be in flight");
    let progress = delivery(&app, newsletter.edition);
    assert_eq!((progress["sent"].as_i64(), progress["remaining"].as_i64()), (Some(200), Some(0)));
}

fn two_workers_never_send_one_delivery_twice(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, newsletter) = mail_app(backend, &smtp, &[("NASHRA_EMAIL__WORKER_IN_SERVER", "false")]);
    import_readers(&app, 300);
    let before = smtp.count();
    let mut workers = [cli_command(&app, &smtp, &["worker"], "0"), cli_command(&app, &smtp, &["worker"], "0")];
    send(&app, newsletter.edition);
    wait_until("all deliveries", || delivery(&app, newsletter.edition)["sent"] == 300);
    for worker in &mut workers {
        worker.kill().unwrap();
        worker.wait().unwrap();
    }
    let counts = per_recipient(&smtp, before);
    assert_eq!(counts.len(), 300);
    assert!(counts.values().all(|&n| n == 1), "a delivery was sent twice");
}

fn the_send_command_sends_only_its_edition(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, newsletter) = mail_app(backend, &smtp, &[("NASHRA_EMAIL__WORKER_IN_SERVER", "false")]);
    import_readers(&app, 30);
    // Another edition queued with no worker running: `nashra send` for the first leaves it.
    let other = another_edition(&app, &newsletter, 13);
    assert_eq!(send(&app, other)["queued"], 30);
    let before = smtp.count();
    let mut sender = cli_command(&app, &smtp, &["send", "--edition", "spring-2026"], "0");
    assert!(sender.wait().unwrap().success());

    let sent: Vec<String> = smtp.received().iter().skip(before).map(|m| header(&parse(m), "Message-ID")).collect();
    assert_eq!(sent.len(), 30);
    let ours = format!("<edition-{}.", newsletter.edition);
    assert!(sent.iter().all(|id| id.starts_with(&ours)), "only the named edition went out: {sent:?}");
    assert_eq!(delivery(&app, newsletter.edition)["remaining"], 0);
    let waiting = delivery(&app, other);
    assert_eq!((waiting["sent"].as_i64(), waiting["remaining"].as_i64()), (Some(0), Some(30)));
}

fn subscribers_are_imported_exported_and_managed(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, _) = mail_app(backend, &smtp, &[]);
    let admin = app.admin_token();
    let csv = "email,locale,status\nlayla@example.test,ar,\nnot-an-email,en,\nomar@example.test,fr,\nsara@example.test,en,pending\nLAYLA@example.test,en,\n";
    let response = app
        .client
        .post(app.url("/api/v1/subscribers/import"))
        .bearer_auth(&admin)
        .header("Content-Type", "text/csv")
        .body(csv)
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    let report: Value = response.json().unwrap();
    assert_eq!((report["created"].as_i64(), report["updated"].as_i64()), (Some(2), Some(1)));
    assert_eq!(report["errors"], json!([{"line": 3, "code": "invalid-email"}, {"line": 4, "code": "unknown-locale"}]));
    assert!(smtp.wait_for(1, WAIT), "the pending import gets a confirmation email");
    assert_eq!(smtp.received()[0].to, ["sara@example.test"]);

    let listed: Value = app.get("/api/v1/subscribers?status=confirmed", Some(&admin)).json().unwrap();
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["items"][0]["locale"], "en", "the second row for layla changed her language");
    let id = listed["items"][0]["id"].as_i64().unwrap();
    let changed = app.patch(&format!("/api/v1/subscribers/{id}"), &json!({"locale": "ar"}), Some(&admin));
    assert_eq!(changed.json::<Value>().unwrap()["locale"], "ar");
    assert_problem(
        app.patch(&format!("/api/v1/subscribers/{id}"), &json!({"status": "confirmed"}), Some(&admin)),
        422,
        "validation-failed",
        "en",
    );
    let export = app.get("/api/v1/subscribers/export", Some(&admin));
    assert_eq!(export.headers()["content-type"], "text/csv; charset=utf-8");
    let export = export.text().unwrap();
    assert!(export.starts_with("email,locale,status,created_at,confirmed_at\n"));
    assert!(export.contains("layla@example.test,ar,confirmed,") && export.contains("sara@example.test,en,pending,"));

    let editor = app.user_with("editor2@example.test", &["editor"]);
    assert_problem(app.get("/api/v1/subscribers", Some(&editor)), 403, "forbidden", "en");
    assert_problem(
        app.post("/api/v1/subscribe", &json!({"email": "x", "locale": "xx"}), None),
        422,
        "validation-failed",
        "en",
    );
}
