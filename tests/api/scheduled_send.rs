//! Scheduled sending: `POST /api/v1/editions/{id}/send` with `send_at`, cancelling with
//! `DELETE`, and the desk's form for both. The mail is watched at a real SMTP server; the
//! send must start at its time, once, across restarts and across two servers.

use crate::common;

use std::process::Child;
use std::time::{Duration, Instant};

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use common::desk::DeskBrowser;
use common::fixture::{publish_newsletter, Newsletter};
use common::newsroom::{create_story, must, translation_path};
use common::smtp::SmtpServer;
use common::{assert_problem, Backend, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::{json, Value};

on_both_backends!(
    a_scheduled_send_arrives_only_after_its_time,
    a_cancelled_send_sends_nothing,
    a_restart_before_the_time_still_sends_once,
    two_servers_send_it_once,
    bad_times_and_states_are_refused_and_change_nothing,
    the_desk_schedules_and_cancels,
);

const WAIT: Duration = Duration::from_secs(30);
const READERS: usize = 4;

fn mail_app(backend: Backend, smtp: &SmtpServer) -> (TestApp, Newsletter) {
    let url = smtp.url();
    let env = [
        ("NASHRA_SMTP_URL", url.as_str()),
        ("NASHRA_EMAIL__POLL_INTERVAL_MS", "100"),
        ("NASHRA_EMAIL__FROM_ADDRESS", "bulletin@example.org"),
    ];
    let app = TestApp::spawn_with(backend, &env);
    let newsletter = publish_newsletter(&app);
    import_readers(&app);
    (app, newsletter)
}

/// Confirmed readers, imported so that no confirmation mail reaches the SMTP server: every
/// message it receives is the edition.
fn import_readers(app: &TestApp) {
    let mut csv = String::from("email,locale,status\n");
    for n in 0..READERS {
        csv.push_str(&format!("reader{n}@example.test,{},confirmed\n", if n % 2 == 0 { "ar" } else { "en" }));
    }
    let response = app
        .client
        .post(app.url("/api/v1/subscribers/import"))
        .bearer_auth(app.admin_token())
        .header("Content-Type", "text/csv")
        .body(csv)
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
}

fn in_seconds(seconds: i64) -> DateTime<Utc> {
    Utc::now() + chrono::Duration::seconds(seconds)
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn send_path(edition: i64) -> String {
    format!("/api/v1/editions/{edition}/send")
}

/// Schedules the edition's send at `send_at` as the admin (with `token`); returns the answer.
fn schedule(app: &TestApp, token: &str, edition: i64, send_at: &str) -> reqwest::blocking::Response {
    app.post(&send_path(edition), &json!({"send_at": send_at}), Some(token))
}

fn scheduled(app: &TestApp, edition: i64, send_at: DateTime<Utc>) -> Value {
    let response = schedule(app, &app.admin_token(), edition, &rfc3339(send_at));
    assert_eq!(response.status(), 202);
    response.json().unwrap()
}

fn delivery(app: &TestApp, edition: i64) -> Value {
    app.get(&format!("/api/v1/editions/{edition}/delivery"), Some(&app.admin_token())).json().unwrap()
}

/// The edition's audit trail, as `(action, detail)`.
fn events(app: &TestApp, edition: i64) -> Vec<(String, Value)> {
    let page: Value =
        app.get(&format!("/api/v1/editions/{edition}/events?per_page=100"), Some(&app.admin_token())).json().unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| (event["action"].as_str().unwrap().to_owned(), event["detail"].clone()))
        .collect()
}

fn sends(app: &TestApp, edition: i64) -> Vec<Value> {
    events(app, edition).into_iter().filter(|(action, _)| action == "send").map(|(_, detail)| detail).collect()
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < WAIT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Checks every reader got exactly one message.
fn each_reader_once(smtp: &SmtpServer) {
    let mut to: Vec<String> = smtp.received().into_iter().flat_map(|m| m.to).collect();
    to.sort();
    let expected: Vec<String> = {
        let mut all: Vec<String> = (0..READERS).map(|n| format!("reader{n}@example.test")).collect();
        all.sort();
        all
    };
    assert_eq!(to, expected, "every reader once, nobody twice");
}

fn a_scheduled_send_arrives_only_after_its_time(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, newsletter) = mail_app(backend, &smtp);
    let edition = newsletter.edition;
    // Written with an offset: the server keeps the instant.
    let send_at = in_seconds(3);
    let typed = send_at.with_timezone(&chrono::FixedOffset::east_opt(3 * 3600).unwrap()).to_rfc3339();
    let answer = schedule(&app, &app.admin_token(), edition, &typed);
    assert_eq!(answer.status(), 202);
    let answer: Value = answer.json().unwrap();
    assert_eq!(answer["queued"], 0);
    let stored: DateTime<Utc> = answer["scheduled"]["send_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(stored, send_at.trunc_subsecs(6));
    assert_eq!(delivery(&app, edition)["scheduled"]["send_at"], answer["scheduled"]["send_at"]);
    assert_eq!(delivery(&app, edition)["total"], 0);

    // Nothing before the time (watched until 50 ms before it), everything after.
    while Utc::now() < send_at - chrono::Duration::milliseconds(50) {
        assert_eq!(smtp.count(), 0, "mail arrived before its time");
        std::thread::sleep(Duration::from_millis(25));
    }
    assert!(smtp.wait_for(READERS, WAIT), "the scheduled send never arrived");
    let arrived = Utc::now();
    assert!(arrived >= send_at, "arrived at {arrived}, scheduled for {send_at}");
    for message in smtp.received() {
        let mail = mailparse::parse_mail(&message.data).unwrap();
        let date = mailparse::MailHeaderMap::get_first_value(mail.headers.as_slice(), "Date").unwrap();
        let written = mailparse::dateparse(&date).unwrap();
        assert!(written >= send_at.timestamp(), "the message was written at {date}, before {send_at}");
    }
    wait_until("the delivery to settle", || delivery(&app, edition)["sent"] == READERS);
    each_reader_once(&smtp);

    let progress = delivery(&app, edition);
    assert_eq!(progress["scheduled"], Value::Null, "no longer pending once started");
    let sent = sends(&app, edition);
    assert_eq!(sent.len(), 1, "one send in the audit trail");
    assert_eq!(sent[0]["queued"], READERS);
    assert_eq!(sent[0]["scheduled_for"].as_str().unwrap().parse::<DateTime<Utc>>().unwrap(), stored);
    let admin = app.get("/api/v1/me", Some(&app.admin_token())).json::<Value>().unwrap()["id"].clone();
    let trail: Value = app.get(&format!("/api/v1/editions/{edition}/events"), Some(&app.admin_token())).json().unwrap();
    let last = trail["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["action"].as_str(), &last["actor_id"]), (Some("send"), &admin), "the send is the scheduler's");

    // Too late to cancel; nothing to cancel a second time either way.
    assert_problem(app.delete(&send_path(edition), &app.admin_token()), 409, "send-already-started", "en");
}

fn a_cancelled_send_sends_nothing(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, newsletter) = mail_app(backend, &smtp);
    let edition = newsletter.edition;
    let admin = app.admin_token();
    let send_at = in_seconds(2);
    scheduled(&app, edition, send_at);
    let cancelled = app.delete(&send_path(edition), &admin);
    assert_eq!(cancelled.status(), 204);
    assert_eq!(delivery(&app, edition)["scheduled"], Value::Null);

    // Past the time and several scheduler rounds: still nothing.
    while Utc::now() < send_at + chrono::Duration::milliseconds(1500) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(smtp.count(), 0, "a cancelled send sent mail");
    assert_eq!(delivery(&app, edition)["total"], 0);
    let actions: Vec<String> = events(&app, edition).into_iter().map(|(action, _)| action).collect();
    assert!(actions.ends_with(&["schedule_send".to_owned(), "cancel_send".to_owned()]), "{actions:?}");
    assert!(!actions.contains(&"send".to_owned()));
    assert_problem(app.delete(&send_path(edition), &admin), 409, "send-not-scheduled", "en");

    // Cancelled, the edition can be sent now as before, with no body at all.
    let now = app.client.post(app.url(&send_path(edition))).bearer_auth(&admin).send().unwrap();
    assert_eq!(now.status(), 202);
    assert_eq!(now.json::<Value>().unwrap()["queued"], READERS);
    assert!(smtp.wait_for(READERS, WAIT));
}

fn a_restart_before_the_time_still_sends_once(backend: Backend) {
    let smtp = SmtpServer::start();
    let (mut app, newsletter) = mail_app(backend, &smtp);
    let edition = newsletter.edition;
    let send_at = in_seconds(2);
    scheduled(&app, edition, send_at);
    // Down when the time comes (killed, no chance to tidy up), back a second later.
    app.restart_after(Duration::from_secs(3));
    assert!(Utc::now() > send_at, "the server was down at the time");
    assert!(smtp.wait_for(READERS, WAIT), "the send was lost in the restart");
    wait_until("the delivery to settle", || delivery(&app, edition)["sent"] == READERS);

    // Started once: another restart and a few scheduler rounds later, nothing more.
    app.restart();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(smtp.count(), READERS);
    each_reader_once(&smtp);
    assert_eq!(sends(&app, edition).len(), 1);
}

/// Ends a server process started by the test.
struct Sibling(Child);

impl Drop for Sibling {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Another published edition (one new bilingual story).
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
    let published = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&newsletter.reviewer));
    assert_eq!(published.status(), 200);
    edition
}

/// Two servers on one database, several editions due at the same moment: both schedulers
/// find them due and race to claim each; every edition starts once, and every reader gets
/// each edition once.
fn two_servers_send_it_once(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, newsletter) = mail_app(backend, &smtp);
    let mut editions = vec![newsletter.edition];
    editions.extend((20..25).map(|number| another_edition(&app, &newsletter, number)));
    let (sibling, address) = app.spawn_sibling();
    let _sibling = Sibling(sibling);
    let send_at = in_seconds(2);
    for &edition in &editions {
        scheduled(&app, edition, send_at);
    }
    // The second server sees what the first scheduled.
    let other: Value = app
        .client
        .get(format!("http://{address}/api/v1/editions/{}/delivery", editions[0]))
        .bearer_auth(app.admin_token())
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert!(other["scheduled"]["send_at"].is_string(), "{other}");

    let all = READERS * editions.len();
    assert!(smtp.wait_for(all, WAIT), "{} of {all} messages arrived", smtp.count());
    for &edition in &editions {
        wait_until("the delivery to settle", || delivery(&app, edition)["sent"] == READERS);
    }
    std::thread::sleep(Duration::from_millis(1500));
    let mut received: Vec<(String, String)> = smtp
        .received()
        .iter()
        .map(|message| {
            let mail = mailparse::parse_mail(&message.data).unwrap();
            let id = mailparse::MailHeaderMap::get_first_value(mail.headers.as_slice(), "Message-ID").unwrap();
            (message.to[0].clone(), id.split('.').next().unwrap().to_owned())
        })
        .collect();
    received.sort();
    let before = received.len();
    received.dedup();
    assert_eq!((before, received.len()), (all, all), "a reader got an edition twice");
    for &edition in &editions {
        assert_eq!(sends(&app, edition).len(), 1, "edition {edition} was started more than once");
    }
}

fn bad_times_and_states_are_refused_and_change_nothing(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, newsletter) = mail_app(backend, &smtp);
    let edition = newsletter.edition;
    let admin = app.admin_token();
    let before = app.database.snapshot();

    let refused = |send_at: Value, language: &str| {
        let response = app
            .client
            .post(app.url(&format!("{}?lang={language}", send_path(edition))))
            .bearer_auth(&admin)
            .json(&json!({ "send_at": send_at }))
            .send()
            .unwrap();
        let body = assert_problem(response, 422, "validation-failed", language);
        assert_eq!(body["errors"][0]["field"], "send_at", "{body}");
        body["errors"][0].clone()
    };
    let past = refused(json!(rfc3339(in_seconds(-60))), "en");
    assert_eq!(past["code"], "send-at-past");
    assert!(past["message"].as_str().unwrap().contains("already passed"), "{past}");
    let far = refused(json!(rfc3339(in_seconds(91 * 24 * 3600))), "ar");
    assert_eq!(far["code"], "send-at-too-far");
    assert!(common::is_arabic(far["message"].as_str().unwrap()), "{far}");
    assert!(far["message"].as_str().unwrap().replace(['\u{2068}', '\u{2069}'], "").contains("٩٠ يومًا"), "{far}");
    for unreadable in ["2026-06-01T08:00:00", "tomorrow", "2026-02-30T08:00:00Z", ""] {
        assert_eq!(refused(json!(unreadable), "en")["code"], "invalid-rfc3339", "{unreadable:?}");
    }
    let wrong_type = app.post(&send_path(edition), &json!({"send_at": 1767225600}), Some(&admin));
    assert_problem(wrong_type, 422, "invalid-body", "en");
    let empty_json = app
        .client
        .post(app.url(&send_path(edition)))
        .bearer_auth(&admin)
        .header("Content-Type", "application/json")
        .send()
        .unwrap();
    assert_problem(empty_json, 400, "malformed-json", "en");

    assert_eq!(app.database.snapshot(), before, "a refused time changed stored data");

    // An edition never published is refused as sending it is; so are unknown editions and
    // people who are not admins.
    let draft: Value = app
        .post("/api/v1/editions", &json!({"number": 40, "slug": "draft-one"}), Some(&newsletter.editor))
        .json()
        .unwrap();
    let draft = draft["id"].as_i64().unwrap();
    let before = app.database.snapshot();
    assert_problem(schedule(&app, &admin, draft, &rfc3339(in_seconds(600))), 409, "edition-not-published", "en");
    assert_problem(schedule(&app, &admin, 999_999, &rfc3339(in_seconds(600))), 404, "not-found", "en");
    assert_problem(app.delete(&send_path(999_999), &admin), 404, "not-found", "en");
    let as_editor =
        app.post(&send_path(edition), &json!({"send_at": rfc3339(in_seconds(600))}), Some(&newsletter.editor));
    assert_problem(as_editor, 403, "forbidden", "en");
    assert_problem(app.delete(&send_path(edition), &newsletter.editor), 403, "forbidden", "en");
    assert_eq!(app.database.snapshot(), before, "a refused schedule changed stored data");

    // One pending send per edition; sending now waits for it to be cancelled.
    let first = scheduled(&app, edition, in_seconds(600));
    let pending = app.database.snapshot();
    assert_problem(schedule(&app, &admin, edition, &rfc3339(in_seconds(1200))), 409, "send-already-scheduled", "en");
    assert_problem(app.post(&send_path(edition), &json!({}), Some(&admin)), 409, "send-already-scheduled", "en");
    // `nashra send` refuses too, in words.
    let mut cli = common::nashra_command(&app.database.url, &app.secret);
    cli.env("NASHRA_SMTP_URL", smtp.url()).env("NASHRA_MEDIA__DIR", app.media_dir.path());
    let refused = common::run_cli(cli, &["send", "--edition", "spring-2026"], "");
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("spring-2026 is scheduled to be sent later"), "{said}");
    assert_eq!(app.database.snapshot(), pending);
    assert_eq!(delivery(&app, edition)["scheduled"], first["scheduled"]);
    assert_eq!(smtp.count(), 0);
}

/// The admin's time zone for the desk test: UTC+3 all year.
const ZONE: &str = "Asia/Baghdad";

fn local(at: DateTime<Utc>) -> String {
    let zone: chrono_tz::Tz = ZONE.parse().unwrap();
    at.with_timezone(&zone).format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn the_desk_schedules_and_cancels(backend: Backend) {
    let smtp = SmtpServer::start();
    let (app, newsletter) = mail_app(backend, &smtp);
    let edition = newsletter.edition;
    let admin_id = app.get("/api/v1/me", Some(&app.admin_token())).json::<Value>().unwrap()["id"].as_i64().unwrap();
    let zone = app.patch(&format!("/api/v1/users/{admin_id}"), &json!({"time_zone": ZONE}), Some(&app.admin_token()));
    assert_eq!(zone.status(), 200);
    let mut desk = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let sending = format!("/desk/editions/{edition}/sending");
    let page = desk.get(&sending);
    assert!(page.body.contains("type=\"datetime-local\""), "{}", page.body);
    assert!(page.text().contains(&format!("Send at (date and time, {ZONE})")), "{}", page.text());

    // Refused times keep the form as typed, with the reason beside it, and change nothing.
    let before = app.database.snapshot();
    let past = desk.post(&format!("/desk/editions/{edition}/schedule"), &[("send_at", &local(in_seconds(-3600)))]);
    assert_eq!(past.status, 422, "{}", past.text());
    assert!(past.text().contains("This time has already passed"), "{}", past.text());
    assert!(past.body.contains("aria-describedby=\"err-schedule\""));
    let garbage = desk.post(&format!("/desk/editions/{edition}/schedule"), &[("send_at", "next week")]);
    assert_eq!(garbage.status, 422);
    assert_eq!(garbage.field("send_at").as_deref(), Some("next week"));
    assert_eq!(app.database.snapshot(), before);

    // Scheduled in the admin's zone: the API shows the same instant in UTC.
    let send_at = in_seconds(3600);
    let done = desk.post(&format!("/desk/editions/{edition}/schedule"), &[("send_at", &local(send_at))]);
    assert_eq!(done.status, 303, "{}", done.text());
    let stored: DateTime<Utc> =
        delivery(&app, edition)["scheduled"]["send_at"].as_str().expect("scheduled").parse().unwrap();
    assert_eq!(stored.timestamp(), send_at.timestamp());
    let page = desk.get(done.location.as_deref().unwrap());
    let shown = send_at.with_timezone(&ZONE.parse::<chrono_tz::Tz>().unwrap()).format("%Y-%m-%d %H:%M").to_string();
    let text = page.text();
    assert!(text.contains("The send is scheduled"), "{text}");
    assert!(text.contains(&format!("Scheduled to be sent on {shown} ({ZONE}), by Test Admin")), "{text}");
    assert!(!page.body.contains(&format!("/desk/editions/{edition}/send\"")), "no sending now while scheduled");

    // In Arabic too.
    desk.post("/desk/language", &[("lang", "ar"), ("back", &sending)]);
    let arabic = desk.get(&sending).text();
    assert!(arabic.contains("الإرسال مجدول في") && arabic.contains("ألغِ الإرسال المجدول"), "{arabic}");

    // Cancelled from the page: nothing pending, nothing sent.
    let forged = desk.post_raw(&format!("/desk/editions/{edition}/send/cancel"), &[]);
    assert_eq!(forged.status, 403);
    assert!(delivery(&app, edition)["scheduled"].is_object());
    let cancelled = desk.post(&format!("/desk/editions/{edition}/send/cancel"), &[]);
    assert_eq!(cancelled.status, 303, "{}", cancelled.text());
    assert_eq!(delivery(&app, edition)["scheduled"], Value::Null);
    let page = desk.get(cancelled.location.as_deref().unwrap());
    assert!(page.text().contains("أُلغي الإرسال المجدول"), "{}", page.text());
    let again = desk.post(&format!("/desk/editions/{edition}/send/cancel"), &[]);
    assert_eq!(again.status, 409);
    assert!(again.text().contains("ليس لهذا العدد إرسال مجدول"), "{}", again.text());

    // Scheduled a few seconds ahead from the form, it goes out.
    let soon = in_seconds(3).trunc_subsecs(0);
    let done = desk.post(&format!("/desk/editions/{edition}/schedule"), &[("send_at", &local(soon))]);
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(smtp.count(), 0);
    assert!(smtp.wait_for(READERS, WAIT));
    assert!(Utc::now() >= soon);
    wait_until("the delivery to settle", || delivery(&app, edition)["sent"] == READERS);
    each_reader_once(&smtp);
}
