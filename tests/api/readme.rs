//! The README's shell sections, run as written against a real server, in one shell and in
//! the order a newcomer meets them: the helpers, "First steps with curl", then the walk from
//! nothing to a published edition. So the documentation cannot drift from the product, the
//! sections cannot collide, and a failing step stops the run and says why.

use crate::common;

use std::io::Write;
use std::process::{Command, Output};

use common::{Backend, TestApp};

on_both_backends!(the_readme_walk_works);

/// The mark before each README block this test runs.
const MARK: &str = "<!-- readme-test -->";

fn has(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

/// The README's marked `sh` blocks, in order.
fn marked_blocks() -> Vec<String> {
    let readme = std::fs::read_to_string(common::repo_dir().join("README.md")).unwrap();
    readme
        .split(MARK)
        .skip(1)
        .map(|rest| {
            let block = rest.trim_start().strip_prefix("```sh\n").expect("a marked block is an sh block");
            block.split("\n```").next().unwrap().to_owned()
        })
        .collect()
}

/// Runs `script` in one bash, as a reader's shell would, with `nashra` and `B` defined as the
/// README's setup defines them.
fn run(app: &TestApp, script: &str) -> Output {
    let prelude = format!("nashra() {{ \"{}\" \"$@\"; }}\nB={}\n", common::binary(), app.base);
    Command::new("bash")
        .args(["-c", &format!("{prelude}{script}")])
        .current_dir(common::repo_dir())
        .env("NASHRA_MODE", "test")
        .env("NASHRA_DATABASE_URL", &app.database.url)
        .env("NASHRA_AUTH__SECRET", &app.secret)
        .env("LANG", "C")
        .output()
        .unwrap()
}

fn the_readme_walk_works(backend: Backend) {
    if !(has("bash") && has("curl") && has("jq")) {
        assert!(std::env::var("NASHRA_TEST_REQUIRE_TOOLS").is_err(), "bash, curl and jq are required");
        let _ = std::io::stderr().write_all(b"\n*** README walk SKIPPED: it needs bash, curl and jq ***\n\n");
        return;
    }
    let blocks = marked_blocks();
    // The helpers, three steps of "First steps", the walk, and the email section's subscribing
    // and sending through the API (the server's mail goes nowhere here; the answers count).
    assert_eq!(blocks.len(), 7, "the README's marked blocks changed: {blocks:#?}");
    assert!(blocks[0].contains("login()") && blocks[4].contains("Rana Haddad"), "{blocks:#?}");
    for block in &blocks[1..] {
        assert!(block.starts_with("set -e -o pipefail\n"), "every step block stops at its first failure:\n{block}");
    }
    let script = blocks.join("\n");

    let app = TestApp::spawn(backend);
    let output = run(&app, &script);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the walk failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    // First steps: the admin is who the token says, and the editor is listed.
    assert!(lines.contains(&"[\"access_token\",\"expires_in\",\"refresh_token\",\"token_type\"]"), "{stdout}");
    assert!(lines.contains(&"admin@example.org [\"admin\"]"), "{stdout}");
    assert!(lines.contains(&"huda@example.org"), "{stdout}");
    // The walk.
    assert!(lines.contains(&"\"published\""), "{stdout}");
    assert!(lines.contains(&"\"body\""), "the Arabic was not flagged outdated:\n{stdout}");
    let end = lines.iter().position(|l| *l == "publish by Omar Saleh").expect("the trail ends with publish");
    let trail: Vec<&str> = lines[end - 4..=end].to_vec();
    assert_eq!(
        trail,
        [
            "create by Rana Haddad",
            "edit by Rana Haddad",
            "submit by Rana Haddad",
            "approve by Omar Saleh",
            "publish by Omar Saleh"
        ],
        "{stdout}"
    );
    // The email section: two subscriptions taken, the edition found by its slug and queued
    // for nobody yet (no subscriber has confirmed), and its delivery report.
    assert!(stdout.contains("a message asking you to confirm is on its way"), "{stdout}");
    assert!(stdout.contains("فرسالة تطلب منك التأكيد"), "the Arabic subscriber is answered in Arabic: {stdout}");
    let report = lines[end + 1..].join("\n");
    assert!(report.contains("\"waiting_by_error\": []"), "{report}");
    assert!(lines[end + 1..].contains(&"0"), "{stdout}");

    // The walk again, on the same server: its first step fails, and the run stops there,
    // saying why, instead of going on with empty tokens and ids.
    let again = run(&app, &[blocks[0].as_str(), blocks[4].as_str()].join("\n"));
    let (stdout, stderr) = (String::from_utf8_lossy(&again.stdout), String::from_utf8_lossy(&again.stderr));
    assert!(!again.status.success(), "{stdout}");
    assert!(stderr.contains("Another account already uses this email address."), "{stderr}");
    assert!(stdout.trim().is_empty(), "nothing ran after the failing step: {stdout}");

    // A wrong password: the login helper fails, and says so.
    let refused = run(
        &app,
        &format!(
            "{}\nset -e -o pipefail\nTOKEN=$(login admin@example.org wrong-password-123)\necho \"token: $TOKEN\"",
            blocks[0]
        ),
    );
    let (stdout, stderr) = (String::from_utf8_lossy(&refused.stdout), String::from_utf8_lossy(&refused.stderr));
    assert!(!refused.status.success() && !stdout.contains("token:"), "{stdout}");
    assert!(stderr.contains("login as admin@example.org gave no access token"), "{stderr}");
}
