//! Several servers and a worker on one PostgreSQL, as docs/operations.md describes (SPEC §9,
//! §13): two `nashra serve` with the same secret and one `nashra worker`, nginx in front as a
//! round-robin load balancer, a real SMTP server behind them. Through nginx and each server
//! directly: the login limit is shared, a publish through one server is served by the
//! other on the next request after `site.recheck_ms`, a scheduled publish and a scheduled
//! send happen once, a send survives a server killed mid-send, and an upload through one
//! server is served by the other.
//!
//! PostgreSQL only (SQLite is one process): skipped with a note without it, a failure with
//! `NASHRA_TEST_REQUIRE_POSTGRES=1`. Needs nginx (`/usr/sbin/nginx` or on `PATH`): skipped
//! with a note without it, a failure with `NASHRA_TEST_REQUIRE_TOOLS=1` (CI).

use crate::common;

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::fixture::{png, publish_newsletter};
use common::newsroom::{create_story, must, translation_path, write};
use common::smtp::SmtpServer;
use common::{assert_problem, Backend, TestApp};
use reqwest::blocking::multipart::{Form, Part};
use reqwest::blocking::Response;
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(30);
/// `site.recheck_ms` of both servers: how long a server trusts the content version it read.
const RECHECK_MS: u64 = 200;
const READERS: usize = 150;
const BATCH: usize = 20;

#[test]
fn two_servers_and_a_worker_behind_nginx() {
    let Some(backend) = Backend::postgres() else { return };
    let Some(nginx_binary) = nginx() else {
        assert!(
            std::env::var("NASHRA_TEST_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "NASHRA_TEST_REQUIRE_TOOLS=1 but nginx is not installed"
        );
        let _ = std::io::stderr().write_all(b"\n*** scale test SKIPPED: nginx is not installed ***\n\n");
        return;
    };
    let started = Instant::now();
    let smtp = SmtpServer::start();
    let balancer_port = free_port();
    let public_url = format!("http://127.0.0.1:{balancer_port}");
    let smtp_url = smtp.url();
    let recheck = RECHECK_MS.to_string();
    let batch = BATCH.to_string();
    let env = [
        ("NASHRA_PUBLIC_URL", public_url.as_str()),
        ("NASHRA_SMTP_URL", smtp_url.as_str()),
        ("NASHRA_EMAIL__FROM_ADDRESS", "bulletin@example.org"),
        ("NASHRA_EMAIL__POLL_INTERVAL_MS", "100"),
        ("NASHRA_EMAIL__RATE_PER_SECOND", "30"),
        ("NASHRA_EMAIL__BATCH_SIZE", batch.as_str()),
        ("NASHRA_EMAIL__LEASE_SECS", "2"),
        ("NASHRA_EMAIL__RETRY_BASE_SECS", "1"),
        ("NASHRA_SITE__RECHECK_MS", recheck.as_str()),
    ];
    // Server A (with the admin), server B on the same database, secret and settings.
    let app = TestApp::spawn_with(backend, &env);
    let (b_child, b_address) = app.spawn_sibling();
    let mut server_b = Killed(b_child);
    let a = app.base.clone();
    let b = format!("http://{b_address}");
    let worker = Killed(
        common::nashra_command(&app.database.url, &app.secret)
            .envs(env)
            .env("NASHRA_MEDIA__DIR", app.media_dir.path())
            .arg("worker")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap(),
    );
    let nginx = Nginx::start(&nginx_binary, balancer_port, &[&a, &b]);
    let lb = public_url.clone();
    let http = Http { client: app.client.clone() };

    // Logins spread over both servers share one limit: five failures, then 429 whichever
    // server answers, and on each server asked directly.
    app.create_user("target@example.test", "the-right-password-1", &["editor"]);
    let wrong = json!({"email": "target@example.test", "password": "a-wrong-password"});
    let mut answered = BTreeSet::new();
    for attempt in 1..=5 {
        let response = http.post(&lb, "/api/v1/auth/login", &wrong, None);
        answered.insert(upstream(&response));
        assert_eq!(response.status(), 401, "wrong password {attempt}");
    }
    assert_eq!(answered.len(), 2, "nginx sent the attempts to both servers: {answered:?}");
    let sixth = http.post(&lb, "/api/v1/auth/login", &wrong, None);
    let sixth_server = upstream(&sixth);
    assert!(sixth.headers().contains_key("retry-after"));
    assert_problem(sixth, 429, "rate-limited", "en");
    let seventh = http.post(&lb, "/api/v1/auth/login", &wrong, None);
    assert_ne!(upstream(&seventh), sixth_server, "the seventh went to the other server");
    assert_eq!(seventh.status(), 429);
    let right = json!({"email": "target@example.test", "password": "the-right-password-1"});
    for server in [&a, &b] {
        assert_eq!(http.post(server, "/api/v1/auth/login", &right, None).status(), 429, "locked on {server}");
    }

    // A newsletter published (through A), then a story scheduled for publication: both
    // servers' schedulers poll, it is published once, and both servers serve it.
    let newsletter = publish_newsletter(&app);
    let (editor, reviewer) = (&newsletter.editor, &newsletter.reviewer);
    let story = create_story(&app, editor, "embargoed");
    write(&app, editor, story, "en", "Embargoed report");
    must(&app, editor, story, "en", "submit");
    must(&app, reviewer, story, "en", "approve");
    let page = "/en/stories/embargoed/";
    for server in [&a, &b] {
        assert_eq!(http.get(server, page).status(), 404, "not published yet");
    }
    let at = chrono::Utc::now() + chrono::Duration::seconds(1);
    let schedule = json!({"action": "publish", "publish_at": at.to_rfc3339()});
    let path = format!("{}/transitions", translation_path(story, "en"));
    assert_eq!(http.post(&lb, &path, &schedule, Some(reviewer)).status(), 200);
    wait_until("the scheduled publication", || http.get(&b, page).status() == 200);
    assert!(http.get(&a, page).text().unwrap().contains("Embargoed report"));
    std::thread::sleep(Duration::from_millis(1000)); // several more scheduler rounds on each server
    let events: Vec<Value> =
        http.get_with(&lb, &format!("{}/events", translation_path(story, "en")), editor).json().unwrap();
    let publishes: Vec<&Value> = events.iter().filter(|e| e["action"] == "publish").collect();
    assert_eq!(publishes.len(), 1, "published once by one scheduler: {events:?}");
    assert_eq!(publishes[0]["actor_id"], Value::Null);

    // A change published through A is on B's next request after recheck_ms, though B had
    // the old page cached.
    assert!(http.get(&b, page).text().unwrap().contains("Embargoed report"));
    write(&app, editor, story, "en", "Embargo lifted: the full report");
    must(&app, editor, story, "en", "submit");
    must(&app, reviewer, story, "en", "approve");
    must(&app, reviewer, story, "en", "publish");
    std::thread::sleep(Duration::from_millis(RECHECK_MS + 50));
    let seen = http.get(&b, page).text().unwrap();
    assert!(seen.contains("Embargo lifted"), "server B still serves the old page");
    let json_path = "/api/v1/public/en/stories/embargoed";
    let public: Value = http.get(&b, json_path).json().unwrap();
    assert!(public.to_string().contains("Embargo lifted"), "{public}");

    // An upload through A is served by B (and through nginx): one media folder. The desk's
    // copy at once; the public address once published content uses it (the newsletter's
    // photo, uploaded through A too).
    let bytes = png(40, 30);
    let form = Form::new().part("file", Part::bytes(bytes.clone()).file_name("map.png").mime_str("image/png").unwrap());
    let uploaded = app.client.post(format!("{a}/api/v1/media")).bearer_auth(editor).multipart(form).send().unwrap();
    assert_eq!(uploaded.status(), 201);
    let media: Value = uploaded.json().unwrap();
    let file = format!("/api/v1/media/{}/file", media["id"]);
    for server in [&b, &lb] {
        let served = http.get_with(server, &file, editor);
        assert_eq!(served.status(), 200, "{file} on {server}");
        assert_eq!(served.bytes().unwrap().as_ref(), bytes.as_slice());
    }
    let photo = http.get(&a, &newsletter.image_url).bytes().unwrap();
    assert!(!photo.is_empty());
    for server in [&b, &lb] {
        let served = http.get(server, &newsletter.image_url);
        assert_eq!(served.status(), 200, "{} on {server}", newsletter.image_url);
        assert_eq!(served.bytes().unwrap(), photo);
    }

    // A scheduled send, started once by one of two schedulers, with server B killed
    // mid-send: every reader gets the edition, duplicates bounded by the batch in flight.
    import_readers(&http, &lb, &app.admin_token());
    let before = smtp.count();
    let send_at = (chrono::Utc::now() + chrono::Duration::seconds(1)).to_rfc3339();
    let send_path = format!("/api/v1/editions/{}/send", newsletter.edition);
    let scheduled = http.post(&lb, &send_path, &json!({"send_at": send_at}), Some(&app.admin_token()));
    assert_eq!(scheduled.status(), 202);
    wait_until("the send to get going", || smtp.count() >= before + 30);
    server_b.kill();
    let at_kill = smtp.count() - before;
    assert!(at_kill < READERS, "the send finished before server B could be killed");
    let delivery_path = format!("/api/v1/editions/{}/delivery", newsletter.edition);
    let admin = app.admin_token();
    wait_until("every delivery", || {
        http.get_with(&a, &delivery_path, &admin).json::<Value>().unwrap()["sent"] == READERS
    });
    let mut per_reader: HashMap<String, usize> = HashMap::new();
    for message in smtp.received().into_iter().skip(before) {
        *per_reader.entry(message.to[0].clone()).or_default() += 1;
    }
    assert_eq!(per_reader.len(), READERS, "every reader received the edition");
    let duplicates: usize = per_reader.values().map(|n| n - 1).sum();
    assert!(duplicates <= BATCH, "{duplicates} duplicates; at most the killed server's batch may repeat");
    let audit: Value = http
        .get_with(&a, &format!("/api/v1/editions/{}/events?per_page=100", newsletter.edition), &admin)
        .json()
        .unwrap();
    let sends = audit["items"].as_array().unwrap().iter().filter(|e| e["action"] == "send").count();
    assert_eq!(sends, 1, "the scheduled send started once: {audit}");

    drop((worker, nginx));
    let _ = std::io::stderr().write_all(
        format!(
            "scale: {} duplicate(s) after killing server B at {at_kill} of {READERS} messages; {:.1} s in all\n",
            duplicates,
            started.elapsed().as_secs_f64()
        )
        .as_bytes(),
    );
}

/// Confirmed readers (half Arabic) through the CSV import, so no confirmation mail is sent.
fn import_readers(http: &Http, base: &str, admin: &str) {
    let mut csv = String::from("email,locale,status\n");
    for n in 0..READERS {
        csv.push_str(&format!("reader{n}@example.test,{},confirmed\n", if n % 2 == 0 { "ar" } else { "en" }));
    }
    let response = http
        .client
        .post(format!("{base}/api/v1/subscribers/import"))
        .bearer_auth(admin)
        .header("Content-Type", "text/csv")
        .body(csv)
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
}

/// Requests to a server or the balancer by base URL.
struct Http {
    client: reqwest::blocking::Client,
}

impl Http {
    fn get(&self, base: &str, path: &str) -> Response {
        self.client.get(format!("{base}{path}")).send().unwrap()
    }

    fn get_with(&self, base: &str, path: &str, token: &str) -> Response {
        self.client.get(format!("{base}{path}")).bearer_auth(token).send().unwrap()
    }

    fn post(&self, base: &str, path: &str, body: &Value, token: Option<&str>) -> Response {
        let request = self.client.post(format!("{base}{path}")).json(body);
        match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
        .send()
        .unwrap()
    }
}

/// Which server nginx passed the request to.
fn upstream(response: &Response) -> String {
    response.headers().get("x-upstream").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < WAIT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// nginx's path, if it is installed.
fn nginx() -> Option<PathBuf> {
    let installed = PathBuf::from("/usr/sbin/nginx");
    if installed.exists() {
        return Some(installed);
    }
    let found = Command::new("sh").args(["-c", "command -v nginx"]).output().ok()?;
    let path = String::from_utf8_lossy(&found.stdout).trim().to_owned();
    (found.status.success() && !path.is_empty()).then(|| PathBuf::from(path))
}

/// A child process killed (SIGKILL) when dropped, or on purpose before.
struct Killed(Child);

impl Killed {
    fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Killed {
    fn drop(&mut self) {
        self.kill();
    }
}

/// nginx in the foreground with its own prefix in a temporary folder, balancing round-robin
/// over `servers`: the configuration docs/operations.md gives, plus a header naming the
/// server that answered.
struct Nginx {
    _process: Killed,
    _dir: tempfile::TempDir,
}

impl Nginx {
    fn start(binary: &Path, port: u16, servers: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let prefix = dir.path().display().to_string();
        let built = Command::new(binary).arg("-V").output().unwrap();
        let built = String::from_utf8_lossy(&built.stderr).into_owned();
        // The compiled-in temporary folders are under /var/lib/nginx; keep every one here.
        let temps: String = [
            ("client_body", "client-body"),
            ("proxy", "proxy"),
            ("fastcgi", "fastcgi"),
            ("uwsgi", "uwsgi"),
            ("scgi", "scgi"),
        ]
        .iter()
        .filter(|(_, flag)| built.contains(&format!("--http-{flag}-temp-path")))
        .map(|(name, _)| format!("  {name}_temp_path {prefix}/{name}_temp;\n"))
        .collect();
        let upstreams: String =
            servers.iter().map(|s| format!("    server {};\n", s.trim_start_matches("http://"))).collect();
        let conf = format!(
            // One process, no workers (`master_process off`), so that killing it leaves
            // nothing behind; a production nginx keeps its defaults (docs/operations.md).
            "master_process off;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
  access_log off;
{temps}  upstream nashra {{
{upstreams}    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 25m;
    location / {{
      proxy_pass http://nashra;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
"
        );
        let path = dir.path().join("nginx.conf");
        std::fs::write(&path, conf).unwrap();
        let child = Command::new(binary)
            .arg("-p")
            .arg(dir.path())
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .arg("-c")
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut process = Killed(child);
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = process.0.try_wait() {
                let log = std::fs::read_to_string(dir.path().join("error.log")).unwrap_or_default();
                panic!("nginx exited with {status}: {log}");
            }
            assert!(started.elapsed() < Duration::from_secs(10), "nginx did not listen on {port}");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { _process: process, _dir: dir }
    }
}
