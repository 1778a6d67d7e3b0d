//! The README's walk from nothing to a published edition, run as written against a real
//! server, so the documentation cannot drift from the product.

use crate::common;

use std::io::Write;
use std::process::Command;

use common::{Backend, TestApp};

on_both_backends!(the_readme_walk_works);

fn has(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

fn the_readme_walk_works(backend: Backend) {
    if !(has("bash") && has("curl") && has("jq")) {
        assert!(std::env::var("NASHRA_TEST_REQUIRE_TOOLS").is_err(), "bash, curl and jq are required");
        let _ = std::io::stderr().write_all(b"\n*** README walk SKIPPED: it needs bash, curl and jq ***\n\n");
        return;
    }
    let readme = std::fs::read_to_string(common::repo_dir().join("README.md")).unwrap();
    let block =
        readme.split("<!-- walk:start -->").nth(1).and_then(|rest| rest.split("<!-- walk:end -->").next()).unwrap();
    let script = block.trim().trim_start_matches("```sh").trim_end_matches("```");

    let app = TestApp::spawn(backend);
    let prelude = format!("set -euo pipefail\nnashra() {{ \"{}\" \"$@\"; }}\nB={}\n", common::binary(), app.base);
    let output = Command::new("bash")
        .args(["-c", &format!("{prelude}{script}")])
        .current_dir(common::repo_dir())
        .env("NASHRA_MODE", "test")
        .env("NASHRA_DATABASE_URL", &app.database.url)
        .env("NASHRA_AUTH__SECRET", &app.secret)
        .env("LANG", "C")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the walk failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.contains(&"\"published\""), "{stdout}");
    assert!(lines.contains(&"\"body\""), "the Arabic was not flagged outdated:\n{stdout}");
    let trail: Vec<&str> = lines.iter().rev().take(5).rev().copied().collect();
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
}
