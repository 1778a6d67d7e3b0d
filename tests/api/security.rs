//! Secure by default (SPEC §7): no shared signing secret, login limits with bounded memory,
//! the client behind a proxy found one way for every limit, and the headers and logs a
//! deployment relies on. Each test here failed on the code before these rules existed.

use crate::common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::tokens::{access_token_key, admin_claims, now, sign, sign_with_key};
use common::{binary, repo_dir, run_cli, start_server, Backend, TestApp, ADMIN_EMAIL, ADMIN_PASSWORD};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};

/// Every string in the repository that could have been someone's idea of a signing secret:
/// the quoted and assigned values on lines that mention a secret.
fn secrets_in_the_repository() -> Vec<String> {
    let mut files = Vec::new();
    collect_files(&repo_dir(), &mut files);
    let mut found: Vec<String> = files
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .flat_map(|text| {
            text.lines()
                .filter(|line| line.to_ascii_lowercase().contains("secret"))
                .flat_map(|line| {
                    line.split(['"', '\'', '`', '=', ' ', '(', ')', ',']).map(str::to_owned).collect::<Vec<_>>()
                })
                .filter(|word| word.len() >= 8 && !word.contains("SECRET") && !word.starts_with('$'))
                .collect::<Vec<_>>()
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if ["target", ".git", "node_modules", "data", ".mail"].contains(&name.as_str()) {
            continue;
        }
        if path.is_dir() {
            collect_files(&path, files);
        } else if ["rs", "toml", "md", "sh", "py", "ftl", "json", "html", "run", "mjs"]
            .iter()
            .any(|ext| name.ends_with(&format!(".{ext}")) || name == *ext)
        {
            files.push(path);
        }
    }
}

/// `nashra` run as the README runs it: default settings and mode, the repository's config
/// folder, a fresh working directory for its `data/`.
fn unconfigured(workdir: &Path) -> Command {
    let mut command = Command::new(binary());
    command.current_dir(workdir);
    for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("NASHRA_")) {
        command.env_remove(name);
    }
    command
        .arg("--config")
        .arg(repo_dir().join("config"))
        .env("NASHRA_LOCALES_DIR", repo_dir().join("locales"))
        .env("LANG", "C")
        .env("RUST_LOG", "warn");
    command
}

fn link_key(secret: &str) -> Vec<u8> {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(b"nashra subscriber links v1");
    mac.finalize().into_bytes().to_vec()
}

fn unsubscribe_token(key: &[u8], subscriber: i64) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(format!("unsubscribe:{subscriber}").as_bytes());
    format!("{subscriber}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
}

#[test]
fn a_server_started_as_the_readme_says_refuses_every_secret_in_the_repository() {
    let workdir = tempfile::tempdir().unwrap();
    let created = run_cli(
        unconfigured(workdir.path()),
        &["user", "add", "--email", ADMIN_EMAIL, "--name", "Admin", "--role", "admin", "--password-stdin"],
        ADMIN_PASSWORD,
    );
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let mut serve = unconfigured(workdir.path());
    serve.args(["serve", "--bind", "127.0.0.1:0"]);
    let (mut child, address) = start_server(serve);
    let base = format!("http://{address}");
    let client = reqwest::blocking::Client::new();

    // The generated secret is kept beside the database, for its owner's eyes only.
    let kept = workdir.path().join("data/nashra.db.secret");
    let metadata = std::fs::metadata(&kept).expect("a secret kept beside the database");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(metadata.permissions().mode() & 0o777, 0o600);
    }
    let _ = metadata;

    let login: Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let token = login["access_token"].as_str().unwrap().to_owned();
    let me = |token: &str| client.get(format!("{base}/api/v1/me")).bearer_auth(token).send().unwrap().status();
    assert_eq!(me(&token), 200);
    let subscribed = client
        .post(format!("{base}/api/v1/subscribe"))
        .json(&json!({"email": "reader@example.test", "locale": "en"}))
        .send()
        .unwrap();
    assert_eq!(subscribed.status(), 202);

    let candidates = secrets_in_the_repository();
    assert!(
        candidates.iter().any(|c| c == "insecure-development-secret-change-me-before-production"),
        "the scan finds the placeholder earlier versions shipped"
    );
    for candidate in &candidates {
        let claims = admin_claims("nashra-api", now(), now() + 60);
        for forged in [sign(candidate, claims.clone()), sign_with_key(candidate.as_bytes(), claims)] {
            assert_eq!(me(&forged), 401, "a token signed with {candidate:?} was accepted");
        }
        for key in [link_key(candidate), candidate.as_bytes().to_vec()] {
            let link = format!("{base}/unsubscribe?token={}", unsubscribe_token(&key, 1));
            assert_eq!(client.post(link).send().unwrap().status(), 400, "a link signed with {candidate:?} worked");
        }
    }

    // The secret outlives a restart: the token issued before still works.
    child.kill().unwrap();
    let _ = child.wait();
    let mut serve = unconfigured(workdir.path());
    serve.args(["serve", "--bind", &address]);
    let (mut child, _) = start_server(serve);
    assert_eq!(me(&token), 200);
    child.kill().unwrap();
    let _ = child.wait();
}

/// Several servers on one PostgreSQL database, none configured with a secret, agree on the
/// one the first of them generated.
#[test]
fn servers_sharing_a_postgresql_database_share_the_generated_secret() {
    let Some(backend) = Backend::postgres() else { return };
    let first = TestApp::spawn_with_secret(backend, "", &[]);
    let token = first.admin_token();
    let mut serve = common::nashra_command(&first.database.url, "");
    serve.args(["serve", "--bind", "127.0.0.1:0"]);
    let (mut second, address) = start_server(serve);
    let me =
        reqwest::blocking::Client::new().get(format!("http://{address}/api/v1/me")).bearer_auth(&token).send().unwrap();
    assert_eq!(me.status(), 200, "the second server does not accept the first one's token");
    second.kill().unwrap();
    let _ = second.wait();
}

fn rotating_the_secret_keeps_what_was_signed_before(backend: Backend) {
    let old = common::random_hex(32);
    let mut app = TestApp::spawn_with_secret(backend, &old, &[]);
    let before = app.admin_token();
    let subscribed = app.post("/api/v1/subscribe", &json!({"email": "reader@example.test", "locale": "en"}), None);
    assert_eq!(subscribed.status(), 202, "subscriber 1, whose links are checked below");
    let old_link = unsubscribe_token(&link_key(&old), 1);
    let new = common::random_hex(32);
    app.restart_with_secret(&new, &[("NASHRA_AUTH__PREVIOUS_SECRETS", old.as_str())]);
    assert_eq!(app.get("/api/v1/me", Some(&before)).status(), 200, "a token from before the rotation");
    let after = app.admin_token();
    assert!(signed_with(&after, &access_token_key(&new)), "new tokens are signed with the new key");
    assert!(!signed_with(&after, &access_token_key(&old)));
    let forged = unsubscribe_token(&link_key(&common::random_hex(32)), 1);
    let page = |token: &str| app.get(&format!("/unsubscribe?token={token}"), None).status();
    assert_eq!(page(&old_link), 200, "a link from before the rotation");
    assert_eq!(page(&unsubscribe_token(&link_key(&new), 1)), 200);
    assert_eq!(page(&forged), 400);
    // Once the old secret is dropped, what it signed is refused.
    app.restart_with_secret(&new, &[("NASHRA_AUTH__PREVIOUS_SECRETS", "")]);
    assert_eq!(app.get("/api/v1/me", Some(&before)).status(), 401);
    assert_eq!(app.get("/api/v1/me", Some(&after)).status(), 200);
}

/// Whether a JWT's HS256 signature was made with `key`.
fn signed_with(token: &str, key: &[u8]) -> bool {
    let (signed, signature) = token.rsplit_once('.').unwrap();
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(signed.as_bytes());
    mac.verify_slice(&URL_SAFE_NO_PAD.decode(signature).unwrap()).is_ok()
}

fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn oversized_emails_leave_memory_flat(backend: Backend) {
    let app = TestApp::spawn_with(backend, &[("NASHRA_LOGIN_LIMITS__ADDRESS_ATTEMPTS", "40")]);
    let body = |n: usize| json!({"email": format!("{n}{}", "a".repeat(1_000_000)), "password": "x"});
    let login = |n: usize| app.post("/api/v1/auth/login", &body(n), None);
    // Warm up, so the allocator has what it keeps for request bodies anyway.
    for n in 0..5 {
        assert_eq!(login(n).status(), 422);
    }
    let before = resident_kib(app.pid());
    for n in 5..36 {
        let response = login(n);
        assert_eq!(response.status(), 422, "an address no mailbox can have");
        assert_eq!(response.json::<Value>().unwrap()["errors"][0]["field"], "email");
    }
    let grown = resident_kib(app.pid()).saturating_sub(before);
    assert!(grown < 8 * 1024, "31 one-megabyte emails kept {grown} KiB");
}

fn concurrent_wrong_passwords_get_at_most_the_limit_through(backend: Backend) {
    let app = Arc::new(TestApp::spawn(backend));
    app.create_user("target@example.test", "the-right-password-1", &["editor"]);
    let start = Arc::new(Barrier::new(50));
    let statuses: Vec<u16> = (0..50)
        .map(|n| {
            let (app, start) = (app.clone(), start.clone());
            std::thread::spawn(move || {
                let body = json!({"email": "Target@Example.test", "password": format!("wrong-guess-{n}")});
                start.wait();
                app.post("/api/v1/auth/login", &body, None).status().as_u16()
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    let tried = statuses.iter().filter(|s| **s == 401).count();
    assert!(tried <= 5, "{tried} guesses were tried: {statuses:?}");
    assert_eq!(tried + statuses.iter().filter(|s| **s == 429).count(), 50, "{statuses:?}");
    let right = json!({"email": "target@example.test", "password": "the-right-password-1"});
    assert_eq!(app.post("/api/v1/auth/login", &right, None).status(), 429, "the account is locked");
}

/// A failed login from `forwarded_for`, for an account of its own (so that only the
/// per-client limit can refuse it).
fn login(app: &TestApp, forwarded_for: &str) -> u16 {
    static ACCOUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = ACCOUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    app.client
        .post(app.url("/api/v1/auth/login"))
        .header("X-Forwarded-For", forwarded_for)
        .json(&json!({"email": format!("nobody{n}@example.test"), "password": "a-wrong-password"}))
        .send()
        .unwrap()
        .status()
        .as_u16()
}

fn behind_a_proxy_the_client_is_the_rightmost_untrusted_address(backend: Backend) {
    let app = TestApp::spawn_with(
        backend,
        &[("NASHRA_HTTP__TRUSTED_PROXIES", "127.0.0.1/32,10.0.0.0/8"), ("NASHRA_LOGIN_LIMITS__ADDRESS_ATTEMPTS", "3")],
    );
    // A client that makes up a new leftmost address each time is still one client.
    let statuses: Vec<u16> = (0..4).map(|n| login(&app, &format!("192.0.2.{n}, 198.51.100.7, 10.0.0.9"))).collect();
    assert_eq!(statuses, [401, 401, 401, 429]);
    // Another client behind the same proxy is not held back by the first one.
    assert_eq!(login(&app, "198.51.100.8, 10.0.0.9"), 401);
    // IPv6 clients count per /64.
    let v6: Vec<u16> = (1..=4).map(|n| login(&app, &format!("2001:db8:1:2::{n}"))).collect();
    assert_eq!(v6, [401, 401, 401, 429]);
    assert_eq!(login(&app, "2001:db8:1:3::1"), 401);

    // Subscribing counts the same client.
    let subscribe = |forwarded_for: &str, n: usize| {
        app.client
            .post(app.url("/api/v1/subscribe"))
            .header("X-Forwarded-For", forwarded_for)
            .json(&json!({"email": format!("reader{n}@example.test"), "locale": "en"}))
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    let statuses: Vec<u16> = (0..11).map(|n| subscribe(&format!("192.0.2.{n}, 198.51.100.20"), n)).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 202).count(), 10, "{statuses:?}");
    assert_eq!(statuses[10], 429);
    assert_eq!(subscribe("198.51.100.21", 99), 202, "one client behind the proxy does not block the others");
}

fn without_trusted_proxies_forwarded_addresses_are_ignored(backend: Backend) {
    let app = TestApp::spawn_with(backend, &[("NASHRA_LOGIN_LIMITS__ADDRESS_ATTEMPTS", "2")]);
    let statuses: Vec<u16> = (0..3).map(|n| login(&app, &format!("198.51.100.{n}"))).collect();
    assert_eq!(statuses, [401, 401, 429]);
}

fn every_response_says_nosniff_and_tokens_are_not_stored(backend: Backend) {
    let app = TestApp::spawn(backend);
    let newsletter = common::fixture::publish_newsletter(&app);
    let admin = app.admin_token();
    let paths = [
        "/health".to_owned(),
        "/api/v1/me".to_owned(),
        "/api/openapi.json".to_owned(),
        "/api/docs/".to_owned(),
        "/en/feed.atom".to_owned(),
        "/sitemap.xml".to_owned(),
        "/robots.txt".to_owned(),
        "/en/".to_owned(),
        "/nowhere".to_owned(),
        newsletter.image_url.trim_start_matches(&app.base).to_owned(),
        "/api/v1/public/en/editions".to_owned(),
    ];
    for path in &paths {
        let response = app.get(path, Some(&admin));
        assert_eq!(
            response.headers().get("x-content-type-options").map(|v| v.to_str().unwrap()),
            Some("nosniff"),
            "{path}"
        );
        assert!(response.headers().get("strict-transport-security").is_none(), "no HSTS over http: {path}");
    }
    let preview = app.get(&format!("/api/v1/editions/{}/email?lang=ar", newsletter.edition), Some(&admin));
    assert_eq!(preview.status(), 200);
    let policy = preview.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(policy.contains("default-src 'none'") && !policy.contains("script"), "{policy}");
    assert_eq!(preview.headers()["x-frame-options"], "DENY");

    let login = app.post("/api/v1/auth/login", &json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}), None);
    assert_eq!(login.headers()["cache-control"], "no-store");
    let refresh = login.json::<Value>().unwrap()["refresh_token"].as_str().unwrap().to_owned();
    let refreshed = app.post("/api/v1/auth/refresh", &json!({"refresh_token": refresh}), None);
    assert_eq!(refreshed.status(), 200);
    assert_eq!(refreshed.headers()["cache-control"], "no-store");

    // `//en` is another host to a browser: no redirect there.
    let no_redirects =
        reqwest::blocking::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    for path in ["//en", "//evil.example/en", "///en"] {
        let response = no_redirects.get(app.url(path)).send().unwrap();
        assert_eq!(response.status(), 404, "{path}");
        assert!(response.headers().get("location").is_none(), "{path}");
    }
    assert_eq!(no_redirects.get(app.url("/en")).send().unwrap().headers()["location"], "/en/");
}

/// The scheme is case-insensitive (RFC 9110 §11.1), so `bearer` works as `Bearer` does, and
/// refuses what `Bearer` refuses.
fn the_bearer_scheme_in_any_case_checks_the_same(backend: Backend) {
    let app = TestApp::spawn(backend);
    let valid = app.admin_token();
    let forged = sign_with_key(b"some-other-key-of-thirty-two-bytes!!", admin_claims("nashra-api", now(), now() + 60));
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let me = |token: &str| {
            app.client.get(app.url("/api/v1/me")).header("Authorization", format!("{scheme} {token}")).send().unwrap()
        };
        assert_eq!(me(&valid).status(), 200, "{scheme}");
        assert_eq!(me(&forged).status(), 401, "{scheme}");
    }
    for malformed in ["Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "Token abc", "bearer\tabc"] {
        let response = app.client.get(app.url("/api/v1/me")).header("Authorization", malformed).send().unwrap();
        assert_eq!(response.status(), 401, "{malformed:?}");
    }
}

fn hsts_when_the_public_url_is_https(backend: Backend) {
    let app = TestApp::spawn_with(backend, &[("NASHRA_PUBLIC_URL", "https://bulletin.example.org")]);
    for path in ["/health", "/en/", "/api/v1/me"] {
        let response = app.get(path, None);
        assert_eq!(response.headers()["strict-transport-security"], "max-age=31536000", "{path}");
    }
}

on_both_backends!(
    rotating_the_secret_keeps_what_was_signed_before,
    oversized_emails_leave_memory_flat,
    concurrent_wrong_passwords_get_at_most_the_limit_through,
    behind_a_proxy_the_client_is_the_rightmost_untrusted_address,
    without_trusted_proxies_forwarded_addresses_are_ignored,
    every_response_says_nosniff_and_tokens_are_not_stored,
    hsts_when_the_public_url_is_https,
    the_bearer_scheme_in_any_case_checks_the_same,
);

#[test]
fn tokens_in_links_never_reach_the_access_log() {
    let database = common::TestDatabase::create(&Backend::Sqlite);
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut serve = common::nashra_command(&database.url, &common::random_hex(32));
    serve.env("RUST_LOG", "info").args(["serve", "--bind", "127.0.0.1:0"]);
    let (mut child, address) = common::start_server_with_stderr(serve, Stdio::from(log.reopen().unwrap()));
    let client = reqwest::blocking::Client::new();
    let secret_part = "LinkTokenThatMustNotBeLogged";
    for path in [
        format!("/unsubscribe?token=1.{secret_part}"),
        format!("/subscribe/confirm?token=1.0.9999999999.{secret_part}"),
    ] {
        client.get(format!("http://{address}{path}")).send().unwrap();
        client.post(format!("http://{address}{path}")).send().unwrap();
    }
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    let _ = child.wait();
    let mut written = String::new();
    log.reopen().unwrap().read_to_string(&mut written).unwrap();
    assert!(written.contains("GET /unsubscribe") && written.contains("POST /subscribe/confirm"), "{written}");
    assert!(!written.contains(secret_part), "{written}");
}
