//! When mail cannot go out, every place that watches a send says why: `nashra send` prints each
//! distinct temporary failure as it happens (in the terminal's language), and the delivery
//! report and the desk's progress block group the waiting deliveries by their last error.

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::desk::DeskBrowser;
use common::fixture::publish_newsletter;
use common::{Backend, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::Value;

on_both_backends!(send_says_why_mail_waits);

const READERS: usize = 6;

/// A port on which nothing listens (bound, then let go).
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// `nashra send` with `smtp_url` pointing at `port`, its output lines arriving on a channel
/// (standard output and standard error alike) as they are written.
fn start_send(app: &TestApp, port: u16, lang: &str) -> (Child, Receiver<String>) {
    let mut command = common::nashra_command(&app.database.url, &app.secret);
    command
        .env("NASHRA_SMTP_URL", format!("smtp://127.0.0.1:{port}"))
        .env("NASHRA_MEDIA__DIR", app.media_dir.path())
        .env("LANG", lang)
        .args(["send", "--edition", "spring-2026"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let (sender, receiver) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let forward = |stream: Box<dyn std::io::Read + Send>, sender: mpsc::Sender<String>| {
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
    };
    forward(Box::new(stdout), sender.clone());
    forward(Box::new(stderr), sender);
    (child, receiver)
}

/// Every line the command printed within `wait`.
fn lines_within(receiver: &Receiver<String>, wait: Duration) -> Vec<String> {
    let deadline = Instant::now() + wait;
    let mut lines = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match receiver.recv_timeout(left) {
            Ok(line) => lines.push(line),
            Err(_) => break,
        }
    }
    lines
}

/// Waits (at most `wait`) for a line containing `needle`; returns every line read until then.
fn wait_for_line(receiver: &Receiver<String>, needle: &str, wait: Duration) -> Vec<String> {
    let deadline = Instant::now() + wait;
    let mut lines = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match receiver.recv_timeout(left) {
            Ok(line) => {
                let found = line.contains(needle);
                lines.push(line);
                if found {
                    return lines;
                }
            }
            Err(_) => break,
        }
    }
    panic!("no line with {needle:?} within {wait:?}; the command printed:\n{}", lines.join("\n"));
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn send_says_why_mail_waits(backend: Backend) {
    // No worker in the server: only `nashra send` tries the deliveries.
    let app = TestApp::spawn_with(backend, &[("NASHRA_EMAIL__WORKER_IN_SERVER", "false")]);
    let newsletter = publish_newsletter(&app);
    let mut csv = String::from("email,locale\n");
    for n in 0..READERS {
        csv.push_str(&format!("reader{n}@example.test,{}\n", if n % 2 == 0 { "ar" } else { "en" }));
    }
    let imported = app
        .client
        .post(app.url("/api/v1/subscribers/import"))
        .bearer_auth(app.admin_token())
        .header("Content-Type", "text/csv")
        .body(csv)
        .send()
        .unwrap();
    assert_eq!(imported.status(), 200);

    // The SMTP port is closed: the command says so within seconds, once, and names the
    // server it tried; it does not sit silent on "0 failed".
    let port = closed_port();
    let address = format!("127.0.0.1:{port}");
    let started = Instant::now();
    let (child, output) = start_send(&app, port, "C");
    let mut lines = wait_for_line(&output, "Not sent yet, will retry:", Duration::from_secs(15));
    let waited = started.elapsed();
    lines.extend(lines_within(&output, Duration::from_secs(3)));
    stop(child);
    let failures: Vec<&String> = lines.iter().filter(|l| l.starts_with("Not sent yet, will retry:")).collect();
    assert_eq!(failures.len(), 1, "one line per distinct error, not one per message:\n{}", lines.join("\n"));
    assert!(
        failures[0].contains(&format!("cannot connect to the SMTP server at {address}")),
        "the error names the address: {}",
        failures[0]
    );
    assert!(
        lines.iter().any(|l| l.contains(&format!("Mail goes to the SMTP server at {address}"))),
        "{}",
        lines.join("\n")
    );
    // Links in the emails point where the server serves the site, though this command was
    // given no public_url.
    let links = format!("Links point to {} (the address the server on this database serves the site at).", app.base);
    assert!(lines.contains(&links), "{}", lines.join("\n"));
    assert!(waited < Duration::from_secs(15), "took {waited:?}");

    // The delivery report groups the waiting deliveries by their last error.
    let admin = app.admin_token();
    let report: Value =
        app.get(&format!("/api/v1/editions/{}/delivery", newsletter.edition), Some(&admin)).json().unwrap();
    assert_eq!((report["remaining"].as_i64(), report["failed"].as_i64()), (Some(READERS as i64), Some(0)), "{report}");
    assert_eq!(report["retrying"], READERS, "{report}");
    let waiting = report["waiting_by_error"].as_array().unwrap();
    assert_eq!(waiting.len(), 1, "{report}");
    assert_eq!(waiting[0]["count"], READERS, "{report}");
    let error = waiting[0]["error"].as_str().unwrap();
    assert!(error.starts_with(&format!("cannot connect to the SMTP server at {address}: ")), "{error}");
    assert_eq!(report["failed_by_error"], serde_json::json!([]), "{report}");

    // So does the desk's progress block.
    let mut desk = DeskBrowser::signed_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let block = desk.get(&format!("/desk/editions/{}/sending/progress", newsletter.edition)).text();
    assert!(block.contains("Waiting for another try, by last error"), "{block}");
    assert!(block.contains(&format!("cannot connect to the SMTP server at {address}")), "{block}");

    // In Arabic, and from the database at once: the deliveries wait for their next attempt,
    // and what stopped them is said before any new attempt is made.
    let (child, output) = start_send(&app, port, "ar_IQ.UTF-8");
    // (The hint follows the first error.)
    let lines = wait_for_line(&output, "يذهب البريد إلى خادم SMTP", Duration::from_secs(10));
    stop(child);
    let line = lines.iter().find(|l| l.starts_with("لم تُرسل بعد، وستُعاد المحاولة:")).unwrap();
    assert!(line.contains(&format!("cannot connect to the SMTP server at {address}")), "{line}");
}
