//! `nashra export web` run from another shell, without the server's settings, links to where
//! the server serves the site, and says which address it used and why.

use crate::common;

use common::fixture::publish_newsletter;
use common::{Backend, TestApp};

on_both_backends!(the_export_links_where_the_server_serves);

/// Runs `export web` into a fresh folder with extra environment; returns what it printed
/// and the sitemap it wrote.
fn export(app: &TestApp, env: &[(&str, &str)], args: &[&str]) -> (String, String, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let mut command = common::nashra_command(&app.database.url, &app.secret);
    command.env("NASHRA_MEDIA__DIR", app.media_dir.path()).envs(env.iter().copied());
    let mut all = vec!["export", "web", "--out", out.path().to_str().unwrap()];
    all.extend_from_slice(args);
    let output = common::run_cli(command, &all, "");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let sitemap = std::fs::read_to_string(out.path().join("sitemap.xml")).unwrap();
    (stdout, sitemap, out)
}

fn the_export_links_where_the_server_serves(backend: Backend) {
    let mut app = TestApp::spawn(backend);
    publish_newsletter(&app);

    // Nothing configured for the command: the address the running server serves at.
    let (said, sitemap, out) = export(&app, &[], &[]);
    let expected = format!("Links point to {} (the address the server on this database serves the site at).", app.base);
    assert!(said.lines().any(|l| l == expected), "{said}");
    assert!(sitemap.contains(&format!("<loc>{}/en/</loc>", app.base)), "{sitemap}");
    assert!(!sitemap.contains("127.0.0.1:8080"), "not the bind address: {sitemap}");
    // Links between pages are root-relative: the export belongs at a web root.
    let home = std::fs::read_to_string(out.path().join("en/index.html")).unwrap();
    assert!(home.contains("href=\"/en/archive/\""), "{home}");

    // The command's own public_url wins over the server's; --base-url over both.
    let (said, sitemap, _) = export(&app, &[("NASHRA_PUBLIC_URL", "https://bulletin.example.org")], &[]);
    assert!(said.contains("Links point to https://bulletin.example.org (public_url in this command's settings)."));
    assert!(sitemap.contains("<loc>https://bulletin.example.org/en/</loc>"), "{sitemap}");
    let (said, sitemap, _) = export(&app, &[], &["--base-url", "https://static.example.net"]);
    assert!(said.contains("Links point to https://static.example.net (--base-url)."), "{said}");
    assert!(sitemap.contains("<loc>https://static.example.net/en/</loc>"), "{sitemap}");

    // A server started with a public_url of its own: the export follows it, without being
    // told, once the server has started.
    let secret = app.secret.clone();
    app.restart_with_secret(&secret, &[("NASHRA_PUBLIC_URL", "https://news.example.org")]);
    let (said, sitemap, _) = export(&app, &[], &[]);
    assert!(said.contains("Links point to https://news.example.org (the address the server"), "{said}");
    assert!(sitemap.contains("<loc>https://news.example.org/en/</loc>"), "{sitemap}");
}
