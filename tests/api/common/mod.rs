//! Test harness: every test starts the real `nashra` binary on a free port with a database
//! of its own, and talks HTTP to it.
//!
//! SQLite always; PostgreSQL when `NASHRA_TEST_POSTGRES_URL` names a server (a fresh database
//! is created per test and dropped afterwards). With `NASHRA_TEST_REQUIRE_POSTGRES=1`, as CI
//! sets, a missing PostgreSQL fails the tests instead of skipping them.

#![allow(dead_code)]

pub mod desk;
pub mod smtp;
pub mod tokens;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::sync::Once;
use std::time::Duration;

use diesel::{Connection, PgConnection, RunQueryDsl};
use reqwest::blocking::{Client, Response};
use serde_json::{json, Value};

pub const ADMIN_EMAIL: &str = "admin@example.test";
pub const ADMIN_PASSWORD: &str = "admin-password-1234";

/// Runs each named test function once per backend, as `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { super::$name($crate::common::Backend::Sqlite) } )*
        }
        mod postgres {
            $( #[test] fn $name() {
                if let Some(backend) = $crate::common::Backend::postgres() { super::$name(backend) }
            } )*
        }
    };
}

#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    Postgres { admin_url: String },
}

impl Backend {
    /// The PostgreSQL backend if one is configured; otherwise says once, loudly, that the
    /// PostgreSQL half is skipped (or fails when CI requires it).
    pub fn postgres() -> Option<Backend> {
        match std::env::var("NASHRA_TEST_POSTGRES_URL") {
            Ok(url) if !url.is_empty() => Some(Backend::Postgres { admin_url: url }),
            _ => {
                if std::env::var("NASHRA_TEST_REQUIRE_POSTGRES").as_deref() == Ok("1") {
                    panic!("NASHRA_TEST_REQUIRE_POSTGRES=1 but NASHRA_TEST_POSTGRES_URL is not set");
                }
                static NOTE: Once = Once::new();
                NOTE.call_once(|| {
                    // Written straight to the process's stderr so the test harness does not
                    // swallow it as captured output of a passing test.
                    let _ = std::io::stderr().write_all(
                        b"\n*** PostgreSQL tests SKIPPED: set NASHRA_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres to run them ***\n\n",
                    );
                });
                None
            }
        }
    }
}

/// A database that exists for one test.
pub struct TestDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    pub fn create(backend: &Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("nashra.db").display());
                Self { url, _dir: Some(dir), postgres: None }
            }
            Backend::Postgres { admin_url } => {
                let name = format!("nashra_test_{}", random_hex(8));
                let mut admin = PgConnection::establish(admin_url).expect("connect to PostgreSQL");
                diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin).expect("create database");
                let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base);
                let url = format!("{base}/{name}");
                Self { url, _dir: None, postgres: Some((admin_url.clone(), name)) }
            }
        }
    }
}

impl TestDatabase {
    /// Runs SQL directly against the test's database (for fault injection).
    pub fn execute(&self, sql: &str) {
        use diesel::connection::SimpleConnection;
        match self.url.strip_prefix("sqlite://") {
            Some(path) => {
                let mut conn = diesel::SqliteConnection::establish(path).expect("open SQLite");
                // The running server may hold the write lock a moment (its worker, its
                // scheduler): wait for it as the server's own connections do, not fail at once.
                conn.batch_execute("PRAGMA busy_timeout = 10000;").expect("set busy timeout");
                conn.batch_execute(sql).expect("run SQL");
            }
            None => {
                let mut conn = PgConnection::establish(&self.url).expect("connect to PostgreSQL");
                conn.batch_execute(sql).expect("run SQL");
            }
        }
    }

    pub fn is_sqlite(&self) -> bool {
        self.url.starts_with("sqlite://")
    }

    /// Every row of every table (but the migrations' own), as text, sorted: two snapshots are
    /// equal exactly when the stored data is.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<String>> {
        #[derive(diesel::QueryableByName)]
        struct Line {
            #[diesel(sql_type = diesel::sql_types::Text)]
            line: String,
        }
        fn lines<C>(conn: &mut C, sql: &str) -> Vec<String>
        where
            C: diesel::connection::LoadConnection,
            C::Backend: 'static,
            Line: diesel::deserialize::QueryableByName<C::Backend>,
            diesel::query_builder::SqlQuery:
                diesel::query_builder::QueryFragment<C::Backend> + diesel::query_builder::QueryId,
        {
            let mut rows: Vec<String> = diesel::sql_query(sql)
                .load::<Line>(conn)
                .expect("snapshot query")
                .into_iter()
                .map(|l| l.line)
                .collect();
            rows.sort();
            rows
        }
        let mut snapshot = BTreeMap::new();
        match self.url.strip_prefix("sqlite://") {
            Some(path) => {
                let mut conn = diesel::SqliteConnection::establish(path).expect("open SQLite");
                let tables = "SELECT name AS line FROM sqlite_master WHERE type = 'table' \
                              AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'";
                for table in lines(&mut conn, tables) {
                    let columns = lines(&mut conn, &format!("SELECT name AS line FROM pragma_table_info('{table}')"));
                    // quote() spells every value, BLOBs included, unambiguously.
                    let row = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || '|' || ");
                    let rows = lines(&mut conn, &format!("SELECT {row} AS line FROM \"{table}\""));
                    snapshot.insert(table, rows);
                }
            }
            None => {
                let mut conn = PgConnection::establish(&self.url).expect("connect to PostgreSQL");
                let tables = "SELECT tablename::text AS line FROM pg_tables WHERE schemaname = 'public' \
                              AND tablename <> '__diesel_schema_migrations'";
                for table in lines(&mut conn, tables) {
                    let rows = lines(&mut conn, &format!("SELECT t::text AS line FROM \"{table}\" t"));
                    snapshot.insert(table, rows);
                }
            }
        }
        snapshot
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = &self.postgres {
            if let Ok(mut admin) = PgConnection::establish(admin_url) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin);
            }
        }
    }
}

pub fn random_hex(bytes: usize) -> String {
    (0..bytes).map(|_| format!("{:02x}", rand::random::<u8>())).collect()
}

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_nashra")
}

pub fn repo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `nashra` command with the test environment: test mode, the repository as working
/// directory, no inherited `NASHRA_*` settings, and English unless a test says otherwise.
pub fn nashra_command(database_url: &str, secret: &str) -> Command {
    nashra_command_at(&Place::repository(), database_url, secret)
}

/// Which program runs, and in which working directory.
#[derive(Debug, Clone)]
pub struct Place {
    pub program: PathBuf,
    pub dir: PathBuf,
}

impl Place {
    /// The binary cargo built, run from the repository.
    pub fn repository() -> Self {
        Self { program: PathBuf::from(binary()), dir: repo_dir() }
    }
}

/// [`nashra_command`], for another program or working directory.
pub fn nashra_command_at(place: &Place, database_url: &str, secret: &str) -> Command {
    let mut command = Command::new(&place.program);
    command.current_dir(&place.dir);
    for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("NASHRA_")) {
        command.env_remove(name);
    }
    command
        .env("NASHRA_MODE", "test")
        .env("NASHRA_DATABASE_URL", database_url)
        .env("NASHRA_AUTH__SECRET", secret)
        .env("NASHRA_HTTP__WORKERS", "2")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("RUST_LOG", "warn");
    command
}

/// Runs a CLI command to completion, feeding `stdin`.
pub fn run_cli(mut command: Command, args: &[&str], stdin: &str) -> Output {
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nashra");
    // A command refused at parsing exits without reading its input: the pipe is then closed.
    if let Err(error) = child.stdin.take().expect("stdin").write_all(stdin.as_bytes()) {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {error}");
    }
    child.wait_with_output().expect("wait for nashra")
}

/// A running server with its own database, media folder and an admin account.
pub struct TestApp {
    pub base: String,
    pub client: Client,
    pub secret: String,
    pub database: TestDatabase,
    pub media_dir: tempfile::TempDir,
    env: Vec<(String, String)>,
    place: Place,
    child: Child,
}

impl TestApp {
    pub fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, &[])
    }

    /// Starts a server with extra environment variables (`NASHRA_...` settings).
    pub fn spawn_with(backend: Backend, env: &[(&str, &str)]) -> Self {
        Self::spawn_with_secret(backend, &random_hex(32), env)
    }

    /// Starts a server with `secret` configured (empty: none, so the server keeps its own).
    pub fn spawn_with_secret(backend: Backend, secret: &str, env: &[(&str, &str)]) -> Self {
        Self::spawn_at(Place::repository(), backend, secret, env)
    }

    /// Starts a server from `place`: another copy of the binary, another working directory.
    pub fn spawn_at(place: Place, backend: Backend, secret: &str, env: &[(&str, &str)]) -> Self {
        let database = TestDatabase::create(&backend);
        let secret = secret.to_owned();
        let created = run_cli(
            nashra_command_at(&place, &database.url, &secret),
            &["user", "add", "--email", ADMIN_EMAIL, "--name", "Test Admin", "--role", "admin", "--password-stdin"],
            ADMIN_PASSWORD,
        );
        assert!(created.status.success(), "creating the admin failed: {}", String::from_utf8_lossy(&created.stderr));

        let media_dir = tempfile::tempdir().expect("media dir");
        let mut env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        env.push(("NASHRA_MEDIA__DIR".into(), media_dir.path().display().to_string()));
        env.push(("NASHRA_WORKFLOW__SCHEDULER_INTERVAL_MS".into(), "200".into()));
        let (child, address) = start_server(Self::serve_command(&place, &database.url, &secret, &env));
        let client = Client::builder().timeout(Duration::from_secs(30)).build().expect("HTTP client");
        Self { base: format!("http://{address}"), client, secret, database, media_dir, env, place, child }
    }

    fn serve_command(place: &Place, database_url: &str, secret: &str, env: &[(String, String)]) -> Command {
        let mut command = nashra_command_at(place, database_url, secret);
        // Tests log in far more often than people; tests of the limit set their own.
        command.env("NASHRA_LOGIN_LIMITS__ADDRESS_ATTEMPTS", "10000");
        command.args(["serve", "--bind", "127.0.0.1:0"]).envs(env.iter().map(|(k, v)| (k, v)));
        command
    }

    /// Kills the server without warning (SIGKILL) and starts a new one on the same
    /// database, as after a crash.
    pub fn restart(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let (child, address) =
            start_server(Self::serve_command(&self.place, &self.database.url, &self.secret, &self.env));
        self.child = child;
        self.base = format!("http://{address}");
    }

    /// Kills the server (SIGKILL), leaves the database alone for `pause`, as in an outage,
    /// then starts a new server on it.
    pub fn restart_after(&mut self, pause: Duration) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::thread::sleep(pause);
        self.restart();
    }

    /// Another server process on the same database, with the same secret and settings, as
    /// behind a load balancer; returns it and its address. The caller ends it.
    pub fn spawn_sibling(&self) -> (Child, String) {
        start_server(Self::serve_command(&self.place, &self.database.url, &self.secret, &self.env))
    }

    /// Stops the server and starts it again with another secret and extra settings.
    pub fn restart_with_secret(&mut self, secret: &str, env: &[(&str, &str)]) {
        self.secret = secret.to_owned();
        self.env.extend(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        self.restart();
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Response {
        with_token(self.client.get(self.url(path)), token).send().expect("GET")
    }

    pub fn post(&self, path: &str, body: &Value, token: Option<&str>) -> Response {
        with_token(self.client.post(self.url(path)).json(body), token).send().expect("POST")
    }

    pub fn patch(&self, path: &str, body: &Value, token: Option<&str>) -> Response {
        with_token(self.client.patch(self.url(path)).json(body), token).send().expect("PATCH")
    }

    /// PUT with an optional `If-Match`.
    pub fn put(&self, path: &str, body: &Value, token: &str, if_match: Option<&str>) -> Response {
        let mut request = self.client.put(self.url(path)).bearer_auth(token).json(body);
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        request.send().expect("PUT")
    }

    pub fn delete(&self, path: &str, token: &str) -> Response {
        self.client.delete(self.url(path)).bearer_auth(token).send().expect("DELETE")
    }

    /// A user with `roles` and a fresh access token.
    pub fn user_with(&self, email: &str, roles: &[&str]) -> String {
        self.create_user(email, "a-password-for-tests", roles);
        self.login(email, "a-password-for-tests").access
    }

    /// Logs in and returns the token response; panics unless it succeeds.
    pub fn login(&self, email: &str, password: &str) -> Tokens {
        let response = self.post("/api/v1/auth/login", &json!({"email": email, "password": password}), None);
        assert_eq!(response.status(), 200, "login of {email} failed");
        let body: Value = response.json().expect("token JSON");
        Tokens {
            access: body["access_token"].as_str().expect("access_token").to_owned(),
            refresh: body["refresh_token"].as_str().expect("refresh_token").to_owned(),
        }
    }

    pub fn admin_token(&self) -> String {
        self.login(ADMIN_EMAIL, ADMIN_PASSWORD).access
    }

    /// Creates a user through the API as the admin; returns its id.
    pub fn create_user(&self, email: &str, password: &str, roles: &[&str]) -> i64 {
        let admin = self.admin_token();
        let response = self.post(
            "/api/v1/users",
            &json!({"email": email, "display_name": email, "password": password, "roles": roles}),
            Some(&admin),
        );
        assert_eq!(response.status(), 201, "creating {email} failed");
        response.json::<Value>().expect("user JSON")["id"].as_i64().expect("id")
    }

    /// A CLI command against this server's database, from the server's place.
    pub fn command(&self) -> Command {
        let mut command = nashra_command_at(&self.place, &self.database.url, &self.secret);
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        command
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGTERM and waits for the process to exit; returns whether it exited cleanly.
    pub fn terminate(mut self) -> bool {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        for _ in 0..100 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

fn with_token(builder: reqwest::blocking::RequestBuilder, token: Option<&str>) -> reqwest::blocking::RequestBuilder {
    match token {
        Some(token) => builder.bearer_auth(token),
        None => builder,
    }
}

/// Spawns `serve` and waits for its `listening on http://ADDR:PORT` line.
pub fn start_server(command: Command) -> (Child, String) {
    start_server_with_stderr(command, Stdio::inherit())
}

/// [`start_server`], with the server's log going to `stderr`.
pub fn start_server_with_stderr(mut command: Command, stderr: Stdio) -> (Child, String) {
    let mut child = command.stdout(Stdio::piped()).stderr(stderr).spawn().expect("spawn server");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        // Commands like `demo` print a report first; the address line is the one that counts.
        let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
        if let Some(line) = lines.by_ref().find(|l| l.starts_with("listening on ")) {
            let _ = sender.send(line);
        }
        // Keep draining so the server never blocks on a full pipe.
        for _ in lines {}
    });
    let line = match receiver.recv_timeout(Duration::from_secs(60)) {
        Ok(line) => line,
        Err(_) => {
            let _ = child.kill();
            panic!("server did not print its address: {:?}", child.wait());
        }
    };
    let address = line.strip_prefix("listening on http://").unwrap_or_else(|| panic!("unexpected first line {line:?}"));
    (child, address.to_owned())
}

/// Checks a problem response: status, problem content type, code, and language.
pub fn assert_problem(response: Response, status: u16, code: &str, language: &str) -> Value {
    assert_eq!(response.status().as_u16(), status, "status");
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(headers["content-language"], language);
    let body: Value = response.json().expect("problem JSON");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["type"], format!("urn:nashra:problem:{code}"));
    assert_eq!(body["status"], status);
    assert!(body["title"].as_str().is_some_and(|t| !t.is_empty() && !t.starts_with("problem-")), "{body}");
    assert!(body["detail"].as_str().is_some_and(|t| !t.is_empty() && !t.starts_with("problem-")), "{body}");
    body
}

pub fn is_arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// Helpers for the editorial API.
pub mod newsroom {
    use reqwest::blocking::Response;
    use serde_json::{json, Value};

    use super::TestApp;

    pub fn create_story(app: &TestApp, token: &str, slug: &str) -> i64 {
        let response = app.post("/api/v1/stories", &json!({"slug": slug, "section": "a"}), Some(token));
        assert_eq!(response.status(), 201, "creating story {slug}");
        response.json::<Value>().unwrap()["id"].as_i64().unwrap()
    }

    pub fn translation_path(story: i64, locale: &str) -> String {
        format!("/api/v1/stories/{story}/translations/{locale}")
    }

    pub fn text(title: &str) -> Value {
        json!({"title": title, "summary": format!("Summary of {title}"), "body": format!("# {title}\n\nBody of {title}.\n")})
    }

    /// Saves a text; returns the response.
    pub fn save(app: &TestApp, token: &str, story: i64, locale: &str, title: &str, if_match: Option<&str>) -> Response {
        app.put(&translation_path(story, locale), &text(title), token, if_match)
    }

    /// Saves a text, creating or updating with the current ETag; returns the new ETag.
    pub fn write(app: &TestApp, token: &str, story: i64, locale: &str, title: &str) -> String {
        let current = app.get(&translation_path(story, locale), Some(token));
        let tag = (current.status() == 200).then(|| current.headers()["etag"].to_str().unwrap().to_owned());
        let saved = save(app, token, story, locale, title, tag.as_deref());
        assert!(saved.status().is_success(), "saving {story}/{locale}: {}", saved.text().unwrap());
        saved.headers()["etag"].to_str().unwrap().to_owned()
    }

    pub fn act(app: &TestApp, token: &str, story: i64, locale: &str, action: &str, comment: Option<&str>) -> Response {
        let mut body = json!({"action": action});
        if let Some(comment) = comment {
            body["comment"] = json!(comment);
        }
        app.post(&format!("{}/transitions", translation_path(story, locale)), &body, Some(token))
    }

    /// Performs a transition that must succeed.
    pub fn must(app: &TestApp, token: &str, story: i64, locale: &str, action: &str) -> Value {
        let response = act(app, token, story, locale, action, Some("looks good"));
        assert_eq!(response.status(), 200, "{action} on {story}/{locale}");
        response.json().unwrap()
    }

    pub fn status(app: &TestApp, token: &str, story: i64, locale: &str) -> Value {
        app.get(&translation_path(story, locale), Some(token)).json().unwrap()
    }
}

/// A small published newsletter for site tests: publication details, an image, an edition
/// with two bilingual stories, a story published alone, and a draft that must never show.
pub mod fixture {
    use reqwest::blocking::multipart::{Form, Part};
    use serde_json::{json, Value};

    use super::newsroom::{create_story, must, translation_path};
    use super::TestApp;

    pub struct Newsletter {
        pub editor: String,
        pub reviewer: String,
        pub stories: Vec<i64>,
        pub draft: i64,
        pub edition: i64,
        pub image_url: String,
    }

    pub fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&vec![90; (width * height * 3) as usize]).unwrap();
        writer.finish().unwrap();
        bytes
    }

    /// A tiny, well-formed PNG whose header declares `width`×`height` (its pixel data is for
    /// 1×1, and the header's CRC is right): a "decompression bomb" for size checks.
    pub fn png_declaring(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = png(1, 1);
        // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), 5 more bytes, CRC.
        bytes[16..20].copy_from_slice(&width.to_be_bytes());
        bytes[20..24].copy_from_slice(&height.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        bytes
    }

    /// CRC-32 (ISO-HDLC), as PNG chunks carry it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    pub fn publish_newsletter(app: &TestApp) -> Newsletter {
        let admin = app.admin_token();
        let settings = json!({
            "website_url": "https://example.org", "contact_email": "office@example.org", "social_account": "@office",
            "texts": {
                "en": {"newsletter_name": "Regional Bulletin", "postal_address": "12 River Road, Erbil", "funders_line": "Funded by the Example Fund"},
                "ar": {"newsletter_name": "النشرة الإقليمية", "postal_address": "١٢ طريق النهر، أربيل", "funders_line": "بتمويل من صندوق المثال"}
            }
        });
        assert_eq!(app.put("/api/v1/publication", &settings, &admin, None).status(), 200);
        let editor = app.user_with("editor@example.test", &["editor"]);
        let reviewer = app.user_with("reviewer@example.test", &["reviewer"]);
        let part = Part::bytes(png(64, 48)).file_name("well.png").mime_str("image/png").unwrap();
        let form = Form::new().part("file", part).text("credit", "Sara Ali");
        let media: Value = app
            .client
            .post(app.url("/api/v1/media"))
            .bearer_auth(&editor)
            .multipart(form)
            .send()
            .unwrap()
            .json()
            .unwrap();

        let texts = [
            ("new-well", "A new well for Hamdaniya", "بئر جديدة في الحمدانية"),
            ("schools-reopen", "Schools reopen in Sinjar", "عودة المدارس في سنجار"),
            ("standalone", "A web-only report", "تقرير على الموقع فقط"),
        ];
        let mut stories = Vec::new();
        for (slug, english, arabic) in texts {
            let story = create_story(app, &editor, slug);
            for (locale, title) in [("en", english), ("ar", arabic)] {
                let mut body = json!({"title": title, "summary": format!("{title}: summary"),
                                      "body": format!("{title}.\n\n<script>alert(1)</script>\n\n**Bold** text."),
                                      "link": "https://example.org/long"});
                if slug == "new-well" {
                    body["images"] = json!([{"media_id": media["id"], "alt": format!("{title} (alt)"), "caption": format!("{title} (caption)")}]);
                }
                assert_eq!(app.put(&translation_path(story, locale), &body, &editor, None).status(), 201);
                must(app, &editor, story, locale, "submit");
                must(app, &reviewer, story, locale, "approve");
            }
            stories.push(story);
        }
        let draft = create_story(app, &editor, "secret-draft");
        let body = json!({"title": "Secret draft", "summary": "", "body": "Not for readers."});
        app.put(&translation_path(draft, "en"), &body, &editor, None);

        let edition: Value =
            app.post("/api/v1/editions", &json!({"number": 12, "slug": "spring-2026"}), Some(&editor)).json().unwrap();
        let edition = edition["id"].as_i64().unwrap();
        app.patch(
            &format!("/api/v1/editions/{edition}"),
            &json!({"story_ids": [stories[0], stories[1]]}),
            Some(&editor),
        );
        for (locale, title, name, role) in
            [("en", "Spring 2026", "Layla Haddad", "Head of Office"), ("ar", "ربيع ٢٠٢٦", "ليلى حداد", "رئيسة المكتب")]
        {
            let text = json!({"title": title, "foreword": format!("{title} foreword."), "signature": {"name": name, "role": role}});
            assert_eq!(
                app.put(&format!("/api/v1/editions/{edition}/translations/{locale}"), &text, &editor, None).status(),
                200
            );
        }
        let published = app.post(&format!("/api/v1/editions/{edition}/publish"), &json!({}), Some(&reviewer));
        assert_eq!(published.status(), 200);
        for locale in ["en", "ar"] {
            must(app, &reviewer, stories[2], locale, "publish");
        }
        Newsletter { editor, reviewer, stories, draft, edition, image_url: media["url"].as_str().unwrap().to_owned() }
    }
}

/// ASCII digits as Arabic-Indic ones.
pub fn arabic_indic(text: &str) -> String {
    text.chars().map(|c| c.to_digit(10).and_then(|d| char::from_u32(0x0660 + d)).unwrap_or(c)).collect()
}
