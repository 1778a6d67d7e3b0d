//! The README's email walk with its three terminals: `scripts/mail-catcher.py` catching mail,
//! the server sending confirmations through it, and `nashra send` in another shell. The links
//! the catcher prints work as printed (no stray carriage return).

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::fixture::publish_newsletter;
use common::{Backend, TestApp};
use serde_json::json;

on_both_backends!(the_catcher_prints_links_that_work);

struct Catcher {
    child: Child,
    port: u16,
    lines: Receiver<String>,
    folder: tempfile::TempDir,
}

impl Drop for Catcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the catcher on a free port; `None` (said on standard error) without python3.
fn start_catcher() -> Option<Catcher> {
    let python = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    if !python {
        assert!(std::env::var("NASHRA_TEST_REQUIRE_TOOLS").is_err(), "python3 is required");
        let _ = std::io::stderr().write_all(b"\n*** mail catcher test SKIPPED: it needs python3 ***\n\n");
        return None;
    }
    let folder = tempfile::tempdir().unwrap();
    let mut child = Command::new("python3")
        .arg(common::repo_dir().join("scripts/mail-catcher.py"))
        .arg(folder.path())
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let (sender, lines) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        // Raw lines, split on "\n" only, so that a "\r" left in a line is seen.
        for line in BufReader::new(stdout).split(b'\n').map_while(Result::ok) {
            let _ = sender.send(String::from_utf8_lossy(&line).into_owned());
        }
    });
    let first = lines.recv_timeout(Duration::from_secs(20)).expect("the catcher started");
    let port = first
        .strip_prefix("catching mail on smtp://127.0.0.1:")
        .and_then(|rest| rest.split(',').next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"));
    Some(Catcher { child, port, lines, folder })
}

/// Lines the catcher prints until one contains `needle` (at most 30 s).
fn until(catcher: &Catcher, needle: &str) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut lines = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(line) = catcher.lines.recv_timeout(left) else { break };
        let found = line.contains(needle);
        lines.push(line);
        if found {
            return lines;
        }
    }
    panic!("the catcher printed no {needle:?}:\n{}", lines.join("\n"));
}

fn the_catcher_prints_links_that_work(backend: Backend) {
    let Some(catcher) = start_catcher() else { return };
    let smtp = format!("smtp://127.0.0.1:{}", catcher.port);
    let app = TestApp::spawn_with(backend, &[("NASHRA_SMTP_URL", smtp.as_str())]);
    let newsletter = publish_newsletter(&app);

    // Subscribing: the confirmation arrives at the catcher, which prints its link.
    let subscribed = app.post("/api/v1/subscribe", &json!({"email": "reader@example.org", "locale": "en"}), None);
    assert_eq!(subscribed.status(), 202);
    let lines = until(&catcher, "/subscribe/confirm?token=");
    assert!(lines.iter().any(|l| l.starts_with("--- to reader@example.org: ")), "{lines:?}");
    let line = lines.last().unwrap();
    assert!(!line.contains('\r'), "a carriage return in the printed link: {line:?}");
    let link = line.split_whitespace().find(|word| word.contains("/subscribe/confirm?token=")).unwrap();
    assert!(link.starts_with(&app.base), "{link}");
    let confirmed = app.client.post(link).send().unwrap();
    assert_eq!(confirmed.status(), 200, "the link as printed confirms");

    // `nashra send` from another shell, with only the SMTP address given.
    let mut command = common::nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_SMTP_URL", &smtp).env("NASHRA_MEDIA__DIR", app.media_dir.path());
    let sent = common::run_cli(command, &["send", "--edition", "spring-2026"], "");
    let stdout = String::from_utf8_lossy(&sent.stdout);
    assert!(sent.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&sent.stderr));
    assert!(stdout.contains("1 sent, 0 failed"), "{stdout}");
    let lines = until(&catcher, "/unsubscribe?token=");
    assert!(lines.iter().any(|l| l.starts_with("--- to reader@example.org: ")), "{lines:?}");
    assert!(lines.iter().all(|l| !l.contains('\r')), "{lines:?}");
    let unsubscribe = lines.last().unwrap().split_whitespace().find(|w| w.contains("/unsubscribe?token=")).unwrap();
    assert!(unsubscribe.starts_with(&app.base), "the emailed links name the server: {unsubscribe}");
    let saved = std::fs::read_dir(catcher.folder.path()).unwrap().count();
    assert_eq!(saved, 2, "the confirmation and the edition, saved as .eml files");
    let progress: serde_json::Value =
        app.get(&format!("/api/v1/editions/{}/delivery", newsletter.edition), Some(&app.admin_token())).json().unwrap();
    assert_eq!(progress["sent"], 1, "{progress}");
}
