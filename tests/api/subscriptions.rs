//! Subscriptions that cannot be abused: no mail-bombing a stranger through the subscribe
//! form, no reviving a bounced address, no confirmation by a link scanner, no confirmation
//! link that outlives its week or the subscriber's leaving.

use crate::common;

use std::time::Duration;

use common::fixture::publish_newsletter;
use common::smtp::SmtpServer;
use common::{Backend, TestApp};
use mailparse::MailHeaderMap;
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(20);

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

fn subscribe(app: &TestApp, email: &str) -> Value {
    let response = app.post("/api/v1/subscribe", &json!({"email": email, "locale": "en"}), None);
    assert_eq!(response.status(), 202);
    response.json().unwrap()
}

/// The confirmation link in the latest message to `email`.
fn confirmation_link(smtp: &SmtpServer, email: &str) -> String {
    let message = smtp.received().into_iter().rfind(|m| m.to == [email]).expect("a confirmation email");
    let mail = mailparse::parse_mail(&message.data).unwrap();
    let text = mail.subparts.iter().find(|p| p.ctype.mimetype == "text/plain").unwrap().get_body().unwrap();
    text.split_whitespace().find(|w| w.contains("/subscribe/confirm?token=")).expect("a confirmation link").to_owned()
}

fn mails_to(smtp: &SmtpServer, email: &str) -> usize {
    smtp.received().iter().filter(|m| m.to == [email]).count()
}

fn status_of(app: &TestApp, email: &str) -> String {
    let admin = app.admin_token();
    let list: Value = app.get(&format!("/api/v1/subscribers?q={email}"), Some(&admin)).json().unwrap();
    list["items"][0]["status"].as_str().unwrap_or_default().to_owned()
}

/// Lets the worker run a few rounds, for tests that check nothing more was sent.
fn settle() {
    std::thread::sleep(Duration::from_millis(800));
}

fn confirming_needs_the_button_on_the_page(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = mail_app(backend, &smtp, &[]);
    subscribe(&app, "reader@example.test");
    assert!(smtp.wait_for(1, WAIT));
    let link = confirmation_link(&smtp, "reader@example.test");
    // A mail scanner opens the link: a page with a button, and nobody is subscribed.
    let page = app.client.get(&link).send().unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().unwrap();
    assert!(html.contains("<form method=\"post\"") && html.contains("reader@example.test"), "{html}");
    assert_eq!(status_of(&app, "reader@example.test"), "pending");
    let confirmed = app.client.post(&link).send().unwrap();
    assert_eq!(confirmed.status(), 200);
    assert_eq!(status_of(&app, "reader@example.test"), "confirmed");
}

fn asking_again_and_again_sends_one_confirmation_per_cooldown(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = mail_app(backend, &smtp, &[]);
    let first = subscribe(&app, "stranger@example.test");
    assert!(smtp.wait_for(1, WAIT));
    for _ in 0..5 {
        assert_eq!(subscribe(&app, "stranger@example.test"), first, "the same answer every time");
    }
    settle();
    assert_eq!(mails_to(&smtp, "stranger@example.test"), 1, "within the cooldown, no second email");
}

fn no_address_gets_more_than_the_daily_cap(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = mail_app(
        backend,
        &smtp,
        &[
            ("NASHRA_SUBSCRIPTIONS__CONFIRMATION_COOLDOWN_SECS", "0"),
            ("NASHRA_SUBSCRIPTIONS__CONFIRMATIONS_PER_DAY", "3"),
        ],
    );
    let first = subscribe(&app, "stranger@example.test");
    for _ in 0..7 {
        assert_eq!(subscribe(&app, "stranger@example.test"), first);
    }
    assert!(smtp.wait_for(3, WAIT));
    settle();
    assert_eq!(mails_to(&smtp, "stranger@example.test"), 3);
}

fn a_bounced_address_stays_bounced(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = mail_app(backend, &smtp, &[]);
    subscribe(&app, "gone@example.test");
    assert!(smtp.wait_for(1, WAIT));
    app.database.execute("UPDATE subscribers SET status = 'bounced' WHERE email = 'gone@example.test'");
    let link = confirmation_link(&smtp, "gone@example.test");
    let answer = subscribe(&app, "gone@example.test");
    assert_eq!(answer, subscribe(&app, "new@example.test"), "the answer reveals nothing");
    assert!(smtp.wait_for(2, WAIT), "the new address's confirmation");
    settle();
    assert_eq!(mails_to(&smtp, "gone@example.test"), 1, "no confirmation email for a bounced address");
    assert_eq!(status_of(&app, "gone@example.test"), "bounced");
    assert_eq!(app.client.post(&link).send().unwrap().status(), 400, "nor can its old link revive it");
    assert_eq!(status_of(&app, "gone@example.test"), "bounced");
}

fn confirmation_links_expire(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = mail_app(backend, &smtp, &[("NASHRA_SUBSCRIPTIONS__CONFIRM_LINK_DAYS", "0")]);
    subscribe(&app, "late@example.test");
    assert!(smtp.wait_for(1, WAIT));
    let link = confirmation_link(&smtp, "late@example.test");
    for method in [reqwest::Method::GET, reqwest::Method::POST] {
        let response = app.client.request(method, &link).send().unwrap();
        assert_eq!(response.status(), 400);
        assert!(response.text().unwrap().contains("expired"));
    }
    assert_eq!(status_of(&app, "late@example.test"), "pending");
}

fn an_old_confirmation_link_cannot_bring_back_someone_who_left(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = mail_app(backend, &smtp, &[]);
    let newsletter = publish_newsletter(&app);
    subscribe(&app, "leaver@example.test");
    assert!(smtp.wait_for(1, WAIT));
    let link = confirmation_link(&smtp, "leaver@example.test");
    assert_eq!(app.client.post(&link).send().unwrap().status(), 200);
    let admin = app.admin_token();
    app.post(&format!("/api/v1/editions/{}/send", newsletter.edition), &json!({}), Some(&admin));
    assert!(smtp.wait_for(2, WAIT), "the edition");
    let edition = smtp.received().into_iter().rfind(|m| m.to == ["leaver@example.test"]).unwrap();
    let mail = mailparse::parse_mail(&edition.data).unwrap();
    let unsubscribe = mail.headers.get_first_value("List-Unsubscribe").unwrap();
    let left = app.client.post(unsubscribe.trim_matches(['<', '>'])).send().unwrap();
    assert_eq!(left.status(), 200);
    assert_eq!(status_of(&app, "leaver@example.test"), "unsubscribed");

    for method in [reqwest::Method::GET, reqwest::Method::POST] {
        assert_eq!(app.client.request(method, &link).send().unwrap().status(), 400);
    }
    assert_eq!(status_of(&app, "leaver@example.test"), "unsubscribed", "the old link signed nobody up");
}

on_both_backends!(
    confirming_needs_the_button_on_the_page,
    asking_again_and_again_sends_one_confirmation_per_cooldown,
    no_address_gets_more_than_the_daily_cap,
    a_bounced_address_stays_bounced,
    confirmation_links_expire,
    an_old_confirmation_link_cannot_bring_back_someone_who_left,
);
