//! The `nashra` command line: users, migrations, the locale check, and start-up rules.

use crate::common;

use std::process::Stdio;
use std::time::Duration;

use common::{nashra_command, random_hex, run_cli, start_server, Backend, TestApp, TestDatabase};
use serde_json::json;

on_both_backends!(
    users_are_added_listed_and_given_new_passwords,
    bad_arguments_fail_clearly,
    migrate_reports_what_it_applied,
    the_server_stops_cleanly_on_sigterm,
);

fn users_are_added_listed_and_given_new_passwords(backend: Backend) {
    let app = TestApp::spawn(backend);
    let cli = || nashra_command(&app.database.url, &app.secret);
    let added = run_cli(
        cli(),
        &[
            "user",
            "add",
            "--email",
            "Nour@Example.test",
            "--name",
            "نور",
            "--role",
            "editor",
            "--role",
            "reviewer",
            "--locale",
            "ar",
            "--password-stdin",
        ],
        "nour-password-1\n",
    );
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    assert!(String::from_utf8_lossy(&added.stdout).contains("Created user nour@example.test"));

    let listed = run_cli(cli(), &["user", "list"], "");
    let listing = String::from_utf8_lossy(&listed.stdout);
    assert!(listing.contains("nour@example.test\tنور\teditor,reviewer\tar"), "{listing}");
    assert!(listing.contains("2 users."), "{listing}");

    // The trailing newline from stdin is not part of the password.
    app.login("nour@example.test", "nour-password-1");

    let mut arabic = cli();
    arabic.env("LANG", "ar_IQ.UTF-8");
    let changed = run_cli(
        arabic,
        &["user", "passwd", "--email", "nour@example.test", "--password-stdin"],
        "a-brand-new-password",
    );
    assert!(changed.status.success());
    assert!(common::is_arabic(&String::from_utf8_lossy(&changed.stdout)));
    let old =
        app.post("/api/v1/auth/login", &json!({"email": "nour@example.test", "password": "nour-password-1"}), None);
    assert_eq!(old.status(), 401);
    app.login("nour@example.test", "a-brand-new-password");

    let missing =
        run_cli(cli(), &["user", "passwd", "--email", "ghost@example.test", "--password-stdin"], "whatever-password");
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("ghost@example.test"));
}

fn bad_arguments_fail_clearly(backend: Backend) {
    let database = TestDatabase::create(&backend);
    let cli = || nashra_command(&database.url, "irrelevant-for-these-commands");

    let no_role = run_cli(
        cli(),
        &["user", "add", "--email", "a@example.test", "--name", "A", "--password-stdin"],
        "a-long-password",
    );
    assert_eq!(no_role.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_role.stderr).contains("--role"));

    let bad_role = run_cli(
        cli(),
        &["user", "add", "--email", "a@example.test", "--name", "A", "--role", "owner", "--password-stdin"],
        "a-long-password",
    );
    assert_eq!(bad_role.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_role.stderr).contains("admin, editor or reviewer"));

    let invalid = run_cli(
        cli(),
        &["user", "add", "--email", "not-an-email", "--name", "A", "--role", "editor", "--password-stdin"],
        "short",
    );
    assert_eq!(invalid.status.code(), Some(1));
    let message = String::from_utf8_lossy(&invalid.stderr);
    assert!(message.contains("email: Enter a valid email address."), "{message}");
    assert!(message.contains("password: The password needs at least 12 characters."), "{message}");

    let empty = run_cli(
        cli(),
        &["user", "add", "--email", "a@example.test", "--name", "A", "--role", "editor", "--password-stdin"],
        "",
    );
    assert_eq!(empty.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("No password on standard input"));

    let listed = run_cli(cli(), &["user", "list"], "");
    assert!(String::from_utf8_lossy(&listed.stdout).contains("0 users."), "a refused add created a user");

    let bad_url = run_cli(cli(), &["--database", "mysql://x", "user", "list"], "");
    assert_eq!(bad_url.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_url.stderr).contains("sqlite:// or postgres://"));

    let missing_config = run_cli(cli(), &["--config", "/nonexistent/nashra", "user", "list"], "");
    assert_eq!(missing_config.status.code(), Some(1));
}

fn migrate_reports_what_it_applied(backend: Backend) {
    let database = TestDatabase::create(&backend);
    let first = run_cli(nashra_command(&database.url, "x"), &["migrate"], "");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let report = String::from_utf8_lossy(&first.stdout);
    assert!(report.contains("accounts"), "{report}");
    let again = run_cli(nashra_command(&database.url, "x"), &["migrate"], "");
    assert!(String::from_utf8_lossy(&again.stdout).contains("Applied 0 migrations."));
}

fn the_server_stops_cleanly_on_sigterm(backend: Backend) {
    let app = TestApp::spawn(backend);
    assert_eq!(app.get("/health", None).status(), 200);
    assert!(app.terminate(), "the server did not exit cleanly on SIGTERM");
}

#[test]
fn the_shipped_locales_pass_the_check() {
    let output = run_cli(nashra_command("sqlite://unused.db", "x"), &["check-locales"], "");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn a_broken_locale_folder_fails_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = common::repo_dir().join("locales");
    for locale in ["en", "ar"] {
        std::fs::create_dir_all(dir.path().join(locale)).unwrap();
        for entry in std::fs::read_dir(shipped.join(locale)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(locale).join(path.file_name().unwrap())).unwrap();
        }
    }
    // Break Arabic twice: drop one message, and rename a variable in another.
    let fields = dir.path().join("ar/fields.ftl");
    let text = std::fs::read_to_string(&fields).unwrap();
    let text = text
        .lines()
        .filter(|line| !line.starts_with("field-invalid-email"))
        .map(|line| {
            if line.starts_with("field-password-too-short") {
                line.replace("$limit", "$minimum")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&fields, text).unwrap();

    let output = run_cli(
        nashra_command("sqlite://unused.db", "x"),
        &["check-locales", "--locales", dir.path().to_str().unwrap()],
        "",
    );
    assert!(!output.status.success());
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("[ar] missing message field-invalid-email"), "{report}");
    assert!(report.contains("[ar] field-password-too-short uses variables {minimum} but en uses {limit}"), "{report}");
}

/// Every command that signs refuses a weak secret, in every mode: `serve`, `worker`, `send`
/// and `export email`, and a weak previous secret as much as a weak current one.
#[test]
fn every_signing_command_refuses_weak_secrets_in_every_mode() {
    let database = TestDatabase::create(&Backend::Sqlite);
    let out = tempfile::tempdir().unwrap();
    let eml = out.path().join("x.eml");
    let commands: [&[&str]; 4] = [
        &["serve", "--bind", "127.0.0.1:0"],
        &["worker"],
        &["send", "--edition", "spring-2026"],
        &["export", "email", "--edition", "spring-2026", "--lang", "en", "--out", eml.to_str().unwrap()],
    ];
    let (pattern, strong) = ("x".repeat(64), random_hex(32));
    let weak = [
        ("insecure-development-secret-change-me-before-production", "", "placeholder"),
        ("too-short", "", "shorter than 32 bytes"),
        (pattern.as_str(), "", "placeholder"),
        (strong.as_str(), "too-short", "shorter than 32 bytes"),
    ];
    for mode in ["development", "production"] {
        for (secret, previous, expected) in &weak {
            for args in commands {
                let mut command = nashra_command(&database.url, secret);
                command.env("NASHRA_MODE", mode).env("NASHRA_AUTH__PREVIOUS_SECRETS", previous).args(args);
                let output = run_with_deadline(command, Duration::from_secs(30));
                assert_eq!(output.status.code(), Some(1), "{args:?} ran in {mode} with secret {secret:?}");
                let message = String::from_utf8_lossy(&output.stderr);
                assert!(message.contains(expected) && message.contains("NASHRA_AUTH__SECRET"), "{args:?}: {message}");
            }
        }
    }
    // A strong secret starts.
    let mut command = nashra_command(&database.url, &random_hex(32));
    command.env("NASHRA_MODE", "production").args(["serve", "--bind", "127.0.0.1:0"]);
    let (mut child, _) = start_server(command);
    child.kill().unwrap();
    let _ = child.wait();
}

/// Runs a command; kills it (and fails) if it is still running after `deadline`.
fn run_with_deadline(mut command: std::process::Command, deadline: Duration) -> std::process::Output {
    let mut child =
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn nashra");
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > deadline {
            let _ = child.kill();
            panic!("the command was still running after {deadline:?}: it accepted the secret");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}
