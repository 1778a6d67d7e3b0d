//! The test SMTP server in `tests/api/common/smtp.rs`, driven by a raw TCP client, so that tests of
//! email delivery can trust what it records and the faults it injects; and, against it,
//! nashra's rule that an SMTP password never crosses a connection without TLS.

use crate::common;

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use std::process::{Command, Stdio};

use common::fixture::{publish_newsletter, Newsletter};
use common::smtp::{Fault, Received, SmtpServer};
use common::{nashra_command, Backend, TestApp, TestDatabase};
use serde_json::json;

/// A bare SMTP client: one command, one complete (possibly multi-line) reply.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    /// Connects and returns the client with the server's greeting.
    fn connect(server: &SmtpServer) -> (Client, String) {
        Client::connect_port(server.port())
    }

    /// For threads that cannot borrow the server.
    fn connect_port(port: u16) -> (Client, String) {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the SMTP server");
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        stream.set_nodelay(true).unwrap();
        let writer = stream.try_clone().unwrap();
        let mut client = Client { reader: BufReader::new(stream), writer };
        let greeting = client.read_reply();
        (client, greeting)
    }

    /// Sends one line and returns the whole reply.
    fn cmd(&mut self, line: &str) -> String {
        self.send(line);
        self.read_reply()
    }

    fn send(&mut self, text: &str) {
        self.writer.write_all(format!("{text}\r\n").as_bytes()).unwrap();
    }

    /// Reads reply lines until one whose fourth character is a space (the last of a
    /// multi-line reply); the lines are joined with "\n".
    fn read_reply(&mut self) -> String {
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).expect("read an SMTP reply");
            assert!(n > 0, "connection closed; reply so far: {lines:?}");
            let line = line.trim_end_matches(['\r', '\n']).to_string();
            let last = line.as_bytes().get(3) != Some(&b'-');
            lines.push(line);
            if last {
                return lines.join("\n");
            }
        }
    }

    /// A whole transaction that is expected to succeed.
    fn deliver(&mut self, from: &str, to: &[&str], body: &str) {
        assert_code(&self.cmd(&format!("MAIL FROM:<{from}>")), "250");
        for rcpt in to {
            assert_code(&self.cmd(&format!("RCPT TO:<{rcpt}>")), "250");
        }
        assert_code(&self.cmd("DATA"), "354");
        self.writer.write_all(body.as_bytes()).unwrap();
        assert_code(&self.cmd("."), "250");
    }

    /// Whether the server closed the connection: a read gives end of file or a reset, not a
    /// timeout (which would mean the server is still there, silent).
    fn closed_by_server(&mut self) -> bool {
        let mut buf = [0u8; 64];
        match self.reader.read(&mut buf) {
            Ok(0) => true,
            Ok(n) => panic!("expected the connection to close, got {:?}", String::from_utf8_lossy(&buf[..n])),
            Err(e) => !matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
        }
    }
}

fn assert_code(reply: &str, code: &str) {
    assert!(reply.starts_with(code), "expected {code}, got {reply:?}");
}

#[test]
fn records_a_transaction_with_envelope_and_unstuffed_data() {
    let server = SmtpServer::start();
    let (mut client, greeting) = Client::connect(&server);
    assert_eq!(greeting, "220 nashra-test ESMTP");
    let ehlo = client.cmd("EHLO client.test");
    assert_eq!(
        ehlo,
        "250-nashra-test\n250-PIPELINING\n250-8BITMIME\n250-SMTPUTF8\n250-AUTH PLAIN LOGIN\n250 SIZE 52428800"
    );
    assert!(!ehlo.contains("STARTTLS"));

    let body = "Subject: نشرة\r\n\r\n..leading dot\r\nplain\r\n";
    client.deliver("news@example.test", &["a@example.test", "B@example.test"], body);
    assert_code(&client.cmd("QUIT"), "221");

    assert_eq!(
        server.received(),
        vec![Received {
            from: "news@example.test".into(),
            to: vec!["a@example.test".into(), "B@example.test".into()],
            data: "Subject: نشرة\r\n\r\n.leading dot\r\nplain\r\n".as_bytes().to_vec(),
        }]
    );
    assert_eq!(server.count(), 1);
    assert_eq!(server.url(), format!("smtp://127.0.0.1:{}", server.port()));
}

#[test]
fn accepts_bare_line_feeds_and_mail_parameters() {
    let server = SmtpServer::start();
    let (mut client, _) = Client::connect(&server);
    client
        .writer
        .write_all(b"HELO x\nMAIL FROM:<f@example.test> SIZE=20 SMTPUTF8\nRCPT TO:<t@example.test>\n")
        .unwrap();
    assert_code(&client.read_reply(), "250");
    assert_code(&client.read_reply(), "250");
    assert_code(&client.read_reply(), "250");
    assert_code(&client.cmd("DATA"), "354");
    client.writer.write_all(b"one\n..two\n.\n").unwrap();
    assert_code(&client.read_reply(), "250");
    let received = server.received();
    assert_eq!(received[0].from, "f@example.test");
    assert_eq!(received[0].to, vec!["t@example.test".to_string()]);
    assert_eq!(received[0].data, b"one\r\n.two\r\n");
}

#[test]
fn two_transactions_on_one_connection() {
    let server = SmtpServer::start();
    let (mut client, _) = Client::connect(&server);
    client.cmd("EHLO client.test");
    client.deliver("news@example.test", &["one@example.test"], "first\r\n");
    assert_code(&client.cmd("RSET"), "250");
    assert_code(&client.cmd("NOOP"), "250");
    client.deliver("news@example.test", &["two@example.test"], "second\r\n");

    let received = server.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].to, vec!["one@example.test".to_string()]);
    assert_eq!(received[0].data, b"first\r\n");
    assert_eq!(received[1].to, vec!["two@example.test".to_string()]);
    assert_eq!(received[1].data, b"second\r\n");
    assert_eq!(server.connections(), 1);
}

#[test]
fn unknown_commands_and_auth() {
    let server = SmtpServer::start();
    let (mut client, _) = Client::connect(&server);
    assert_code(&client.cmd("STARTTLS"), "502");
    assert_code(&client.cmd("AUTH PLAIN AHVzZXIAcGFzcw=="), "235");
    assert_eq!(server.commands(), ["STARTTLS", "AUTH PLAIN AHVzZXIAcGFzcw=="]);
}

#[test]
fn failed_recipient_gets_550_and_nothing_is_recorded() {
    let server = SmtpServer::start();
    server.fail_recipient("Gone@Example.test", Fault::PermReject);
    let (mut client, _) = Client::connect(&server);
    client.cmd("EHLO client.test");
    assert_code(&client.cmd("MAIL FROM:<news@example.test>"), "250");
    assert_eq!(client.cmd("RCPT TO:<gone@example.TEST>"), "550 5.1.1 no such user");
    assert_code(&client.cmd("DATA"), "554");
    assert_eq!(server.count(), 0);

    // Other recipients are unaffected, and the rejected one is left out of the envelope.
    assert_code(&client.cmd("MAIL FROM:<news@example.test>"), "250");
    assert_code(&client.cmd("RCPT TO:<gone@example.test>"), "550");
    assert_code(&client.cmd("RCPT TO:<here@example.test>"), "250");
    assert_code(&client.cmd("DATA"), "354");
    assert_code(&client.cmd("hello\r\n."), "250");
    assert_eq!(server.received()[0].to, vec!["here@example.test".to_string()]);

    server.clear_faults();
    client.deliver("news@example.test", &["gone@example.test"], "back\r\n");
    assert_eq!(server.count(), 2);
}

#[test]
fn fail_next_rejects_once_then_serves() {
    let server = SmtpServer::start();
    server.fail_next(1, Fault::TempReject);
    let (mut client, _) = Client::connect(&server);
    client.cmd("EHLO client.test");
    assert_code(&client.cmd("MAIL FROM:<news@example.test>"), "250");
    assert_eq!(client.cmd("RCPT TO:<a@example.test>"), "451 4.3.0 try again later");
    assert_code(&client.cmd("RCPT TO:<b@example.test>"), "451");
    assert_code(&client.cmd("DATA"), "554");
    assert_code(&client.cmd("RSET"), "250");

    client.deliver("news@example.test", &["a@example.test"], "retried\r\n");
    assert_eq!(server.count(), 1);
    assert_eq!(server.received()[0].data, b"retried\r\n");
}

#[test]
fn drop_fault_closes_the_connection_without_reply() {
    let server = SmtpServer::start();
    server.fail_recipient("drop@example.test", Fault::Drop);
    let (mut client, _) = Client::connect(&server);
    client.cmd("EHLO client.test");
    assert_code(&client.cmd("MAIL FROM:<news@example.test>"), "250");
    client.send("RCPT TO:<drop@example.test>");
    assert!(client.closed_by_server(), "the server should have closed the connection");
    assert_eq!(server.count(), 0);

    // fail_next with Drop behaves the same for any recipient, once.
    server.fail_next(1, Fault::Drop);
    let (mut client, _) = Client::connect(&server);
    assert_code(&client.cmd("MAIL FROM:<news@example.test>"), "250");
    client.send("RCPT TO:<anyone@example.test>");
    assert!(client.closed_by_server(), "the server should have closed the connection");
    let (mut client, _) = Client::connect(&server);
    client.deliver("news@example.test", &["anyone@example.test"], "ok\r\n");
    assert_eq!(server.count(), 1);
    assert_eq!(server.connections(), 3);
}

#[test]
fn down_server_answers_421() {
    let server = SmtpServer::start();
    let (mut pooled, _) = Client::connect(&server);
    server.set_down(true);
    let (mut client, greeting) = Client::connect(&server);
    assert_eq!(greeting, "421 service not available");
    assert!(client.closed_by_server());
    // A connection opened before the outage fails at its next command.
    assert_code(&pooled.cmd("NOOP"), "421");
    assert!(pooled.closed_by_server());

    server.set_down(false);
    let (_, greeting) = Client::connect(&server);
    assert_code(&greeting, "220");
    assert_eq!(server.connections(), 3);
}

#[test]
fn wait_for_times_out_then_sees_mail() {
    let server = SmtpServer::start();
    let started = Instant::now();
    assert!(!server.wait_for(1, Duration::from_millis(200)));
    assert!(started.elapsed() >= Duration::from_millis(200));

    let port = server.port();
    let sender = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        let (mut client, _) = Client::connect_port(port);
        client.deliver("news@example.test", &["a@example.test"], "late\r\n");
    });
    assert!(server.wait_for(1, Duration::from_secs(10)));
    sender.join().unwrap();
    assert!(!server.wait_for(2, Duration::from_millis(50)));
}

#[test]
fn dropping_the_server_frees_it() {
    let server = SmtpServer::start();
    let port = server.port();
    drop(server);
    // Nothing accepts any more: either the connection is refused or, if the OS still
    // completes the handshake on the closed listener's backlog, no greeting ever comes.
    if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
        stream.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
        let mut buf = [0u8; 16];
        assert!(!matches!(stream.read(&mut buf), Ok(n) if n > 0), "a dropped server still greets");
    }
}

/// Waits for `command` to exit on its own; it must fail, and its standard error is returned.
fn refuses_to_start(mut command: Command) -> String {
    let mut child = command.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("start nashra");
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nashra started with a password for an unencrypted SMTP connection");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    assert!(!output.status.success());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A server with a published edition, mailing through `smtp_url`.
fn app_mailing_to(smtp_url: &str) -> (TestApp, Newsletter) {
    let app = TestApp::spawn_with(
        Backend::Sqlite,
        &[("NASHRA_SMTP_URL", smtp_url), ("NASHRA_EMAIL__FROM_ADDRESS", "bulletin@example.org")],
    );
    let newsletter = publish_newsletter(&app);
    (app, newsletter)
}

fn test_send(app: &TestApp, newsletter: &Newsletter) -> u16 {
    let admin = app.admin_token();
    let path = format!("/api/v1/editions/{}/test-send", newsletter.edition);
    app.post(&path, &json!({"email": "proof@example.test", "locale": "en"}), Some(&admin)).status().as_u16()
}

fn auth_lines(server: &SmtpServer) -> Vec<String> {
    server.commands().into_iter().filter(|c| c.to_ascii_uppercase().starts_with("AUTH")).collect()
}

#[test]
fn smtp_passwords_need_tls_or_an_explicit_opt_in() {
    let server = SmtpServer::start();
    let port = server.port();

    // A password and no TLS: neither the server nor the worker starts, and says why.
    let database = TestDatabase::create(&Backend::Sqlite);
    let plain = format!("smtp://bulletin:secret@127.0.0.1:{port}");
    for args in [&["serve", "--bind", "127.0.0.1:0"][..], &["worker"]] {
        let mut command = nashra_command(&database.url, &common::random_hex(32));
        command.env("NASHRA_SMTP_URL", &plain).args(args);
        let said = refuses_to_start(command);
        assert!(said.contains("smtp_url has a user name and password but no TLS"), "{args:?}: {said}");
    }
    let mut command = nashra_command(&database.url, &common::random_hex(32));
    command.env("NASHRA_SMTP_URL", &plain).env("LANG", "ar_IQ.UTF-8").args(["worker"]);
    assert!(refuses_to_start(command).contains("رفض التشغيل"), "in the terminal's language");
    assert_eq!(server.connections(), 0);

    // Opportunistic TLS against a server without STARTTLS: no password, and no mail either.
    let (app, newsletter) = app_mailing_to(&format!("{plain}?tls=opportunistic"));
    assert_eq!(test_send(&app, &newsletter), 502);
    assert_eq!(auth_lines(&server), Vec::<String>::new());
    assert_eq!(server.count(), 0, "{:?}", server.commands());
    drop(app);

    // Asked for explicitly, a password over plain SMTP is sent (a relay on a trusted network).
    let (app, newsletter) = app_mailing_to(&format!("{plain}?insecure_auth=true"));
    assert_eq!(test_send(&app, &newsletter), 204);
    assert_eq!(auth_lines(&server).len(), 1);
    assert_eq!(server.count(), 1);
}

#[test]
fn required_starttls_is_never_skipped() {
    let server = SmtpServer::start();
    let (app, newsletter) = app_mailing_to(&format!("smtp://bulletin:secret@127.0.0.1:{}?tls=required", server.port()));
    assert_eq!(test_send(&app, &newsletter), 502);
    let commands = server.commands();
    assert!(commands.iter().any(|c| c.starts_with("EHLO")), "it did connect: {commands:?}");
    assert!(
        commands.iter().all(|c| c.starts_with("EHLO") || c == "QUIT"),
        "nothing but EHLO and QUIT without TLS: {commands:?}"
    );
    assert_eq!(server.count(), 0);
}
