//! A real SMTP server, over TCP on 127.0.0.1, for tests of email delivery.
//!
//! Mocking the mail transport would not show whether nashra's SMTP client really connects,
//! pools its connections, and copes with a server that refuses or vanishes; so the tests start
//! this small server instead, point nashra at [`SmtpServer::url`], and afterwards look at what
//! it [`received`](SmtpServer::received). It speaks plain SMTP only (no TLS, no STARTTLS), with
//! one thread per connection and nothing beyond the standard library. It offers `AUTH` (and
//! accepts any credentials), and keeps every command line it was sent
//! ([`commands`](SmtpServer::commands)), so a test can see whether a password crossed the
//! unencrypted connection.
//!
//! Faults are injected from the test while the server runs: reject a recipient
//! ([`fail_recipient`](SmtpServer::fail_recipient)), reject the next few transactions
//! ([`fail_next`](SmtpServer::fail_next)), or take the whole service down
//! ([`set_down`](SmtpServer::set_down)).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Long enough for any honest client, short enough that a test stuck on a silent peer fails
/// instead of hanging the whole run.
const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// One accepted message, as the server saw it, so tests can check both who it went to
/// (the envelope, which may differ from the headers) and exactly what was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The reverse path of `MAIL FROM`, without the angle brackets (empty for a bounce).
    pub from: String,
    /// The accepted `RCPT TO` addresses, in the order given; rejected ones are left out, as a
    /// real server would never deliver to them.
    pub to: Vec<String>,
    /// The message after dot-unstuffing, lines ending in CRLF, without the final ".\r\n";
    /// bytes rather than a string so that a wrong encoding shows up in the test, not here.
    pub data: Vec<u8>,
}

/// The ways a real mail server lets a sender down, so tests can check that nashra retries
/// the temporary ones, gives up on the permanent ones, and survives a lost connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// "451 4.3.0 try again later": the message should be retried later.
    TempReject,
    /// "550 5.1.1 no such user": retrying is pointless, the address is bad.
    PermReject,
    /// Close the socket without any reply, as a crashed server or a broken network would.
    Drop,
}

impl Fault {
    /// The reply line for a rejection, or `None` when the fault is to say nothing at all.
    fn reply(self) -> Option<&'static str> {
        match self {
            Fault::TempReject => Some("451 4.3.0 try again later"),
            Fault::PermReject => Some("550 5.1.1 no such user"),
            Fault::Drop => None,
        }
    }
}

/// Everything the test and the connection threads share; one lock keeps it simple, and SMTP
/// traffic in tests is far too light for contention to matter.
#[derive(Default)]
struct State {
    received: Vec<Received>,
    /// Keyed by the lower-cased address, since mailbox matching should not depend on case.
    recipient_faults: HashMap<String, Fault>,
    /// How many more transactions get `next_fault`.
    next_count: usize,
    next_fault: Option<Fault>,
    down: bool,
    connections: usize,
    /// Every command line, as sent (message data excluded).
    commands: Vec<String>,
}

struct Shared {
    state: Mutex<State>,
    /// Signalled whenever a message is recorded, so `wait_for` wakes at once instead of
    /// polling.
    arrived: Condvar,
    stopping: AtomicBool,
}

impl Shared {
    /// Locks the state even if a connection thread panicked while holding it: a poisoned lock
    /// would otherwise hide the real failure behind a second, confusing one.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A running SMTP server on a free port of 127.0.0.1; it stops accepting when dropped, so each
/// test owns one and tests never see each other's mail.
pub struct SmtpServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl SmtpServer {
    /// Binds port 0 so that parallel tests never collide, and accepts in a background thread
    /// so that the test itself stays free to drive nashra.
    pub fn start() -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the test SMTP server");
        let addr = listener.local_addr().expect("local address of the test SMTP server");
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            arrived: Condvar::new(),
            stopping: AtomicBool::new(false),
        });
        let acceptor = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name(format!("smtp-accept-{}", addr.port()))
                .spawn(move || accept_loop(listener, shared))
                .expect("spawn the test SMTP server")
        };
        SmtpServer { addr, shared, acceptor: Some(acceptor) }
    }

    /// The port to put into nashra's configuration.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The whole address in the form nashra's SMTP settings take, so tests need not build it.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port())
    }

    /// A copy, so that a test can inspect it at leisure while more mail keeps arriving.
    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().received.clone()
    }

    /// Cheaper than `received().len()` when only the number matters.
    pub fn count(&self) -> usize {
        self.shared.lock().received.len()
    }

    /// Delivery is asynchronous in nashra, so a test must wait for mail rather than expect it
    /// at once; returns whether at least `count` messages arrived before `timeout`, leaving the
    /// assertion (and its message) to the caller.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.lock();
        while state.received.len() < count {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            state = match self.shared.arrived.wait_timeout(state, deadline - now) {
                Ok((state, _)) => state,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        true
    }

    /// Makes one mailbox misbehave while the others work, to check that one bad address
    /// neither blocks nor duplicates the rest; lasts until [`clear_faults`](Self::clear_faults).
    pub fn fail_recipient(&self, address: &str, fault: Fault) {
        self.shared.lock().recipient_faults.insert(address.to_lowercase(), fault);
    }

    /// Simulates a passing hiccup: the next `n` transactions (counted at their first
    /// `RCPT TO`) get `fault` for every recipient, and service is normal afterwards, so a test
    /// can check that nashra retries and then succeeds. Replaces any earlier `fail_next`.
    pub fn fail_next(&self, n: usize, fault: Fault) {
        let mut state = self.shared.lock();
        state.next_count = n;
        state.next_fault = Some(fault);
    }

    /// Simulates an outage: new connections are accepted but answered "421" and closed, and
    /// connections already open (say, in nashra's pool) answer their next command the same
    /// way, as a server shutting down does.
    pub fn set_down(&self, down: bool) {
        self.shared.lock().down = down;
    }

    /// Back to normal service, so one test can check recovery after a fault.
    pub fn clear_faults(&self) {
        let mut state = self.shared.lock();
        state.recipient_faults.clear();
        state.next_count = 0;
        state.next_fault = None;
        state.down = false;
    }

    /// Every command line received so far, in order (not the message data), e.g. to check
    /// that no `AUTH` was sent over this unencrypted server.
    pub fn commands(&self) -> Vec<String> {
        self.shared.lock().commands.clone()
    }

    /// How many TCP connections were accepted, so tests can check that the client reuses
    /// pooled connections instead of opening one per message.
    pub fn connections(&self) -> usize {
        self.shared.lock().connections
    }
}

impl Drop for SmtpServer {
    /// Frees the port promptly; `accept` cannot be interrupted, so the server connects to
    /// itself to wake the acceptor up. Connection threads may linger until their client
    /// leaves or the read timeout passes, which is harmless.
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        let woken = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1)).is_ok();
        if let Some(acceptor) = self.acceptor.take() {
            if woken {
                let _ = acceptor.join();
            }
        }
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let down = {
            let mut state = shared.lock();
            state.connections += 1;
            state.down
        };
        let shared = Arc::clone(&shared);
        let _ = std::thread::Builder::new().name("smtp-connection".into()).spawn(move || {
            // Any I/O error just ends this connection; the client sees a closed socket.
            let _ = serve(stream, down, &shared);
        });
    }
}

/// The transaction in progress on one connection, between `MAIL` and the end of `DATA`.
#[derive(Default)]
struct Transaction {
    from: Option<String>,
    to: Vec<String>,
    /// Whether this transaction has already been counted against `fail_next`, and the fault
    /// it drew if so, so that all its recipients are treated alike.
    counted: bool,
    fault: Option<Fault>,
}

fn serve(stream: TcpStream, down: bool, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    stream.set_write_timeout(Some(READ_TIMEOUT))?;
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    if down {
        reply(&mut writer, "421 service not available")?;
        return writer.shutdown(Shutdown::Both);
    }
    reply(&mut writer, "220 nashra-test ESMTP")?;
    let mut transaction = Transaction::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        if shared.lock().down {
            reply(&mut writer, "421 service not available")?;
            return writer.shutdown(Shutdown::Both);
        }
        let command = String::from_utf8_lossy(trim_line_end(&line)).trim().to_string();
        shared.lock().commands.push(command.clone());
        let verb = command.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
        let argument = command.get(verb.len()..).unwrap_or("").trim();
        match verb.as_str() {
            "EHLO" => reply(
                &mut writer,
                "250-nashra-test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 52428800",
            )?,
            "HELO" => reply(&mut writer, "250 nashra-test")?,
            "MAIL" => {
                transaction = Transaction { from: Some(path_argument(argument, "FROM:")), ..Default::default() };
                reply(&mut writer, "250 2.1.0 ok")?;
            }
            "RCPT" => {
                if transaction.from.is_none() {
                    reply(&mut writer, "503 5.5.1 MAIL first")?;
                    continue;
                }
                let address = path_argument(argument, "TO:");
                let fault = {
                    let mut state = shared.lock();
                    if !transaction.counted {
                        transaction.counted = true;
                        if state.next_count > 0 {
                            state.next_count -= 1;
                            transaction.fault = state.next_fault;
                        }
                    }
                    transaction.fault.or_else(|| state.recipient_faults.get(&address.to_lowercase()).copied())
                };
                match fault.map(Fault::reply) {
                    None => {
                        transaction.to.push(address);
                        reply(&mut writer, "250 2.1.5 ok")?;
                    }
                    Some(Some(rejection)) => reply(&mut writer, rejection)?,
                    Some(None) => return writer.shutdown(Shutdown::Both),
                }
            }
            "DATA" => {
                let Some(from) = transaction.from.take().filter(|_| !transaction.to.is_empty()) else {
                    transaction = Transaction::default();
                    reply(&mut writer, "554 5.5.1 no valid recipients")?;
                    continue;
                };
                reply(&mut writer, "354 end data with <CR><LF>.<CR><LF>")?;
                let data = read_data(&mut reader)?;
                let to = std::mem::take(&mut transaction.to);
                transaction = Transaction::default();
                let number = {
                    let mut state = shared.lock();
                    state.received.push(Received { from, to, data });
                    shared.arrived.notify_all();
                    state.received.len()
                };
                reply(&mut writer, &format!("250 2.0.0 queued as {number}"))?;
            }
            "RSET" => {
                transaction = Transaction::default();
                reply(&mut writer, "250 2.0.0 ok")?;
            }
            "NOOP" => reply(&mut writer, "250 2.0.0 ok")?,
            "AUTH" => reply(&mut writer, "235 2.7.0 authentication succeeded")?,
            "QUIT" => {
                reply(&mut writer, "221 2.0.0 bye")?;
                return writer.shutdown(Shutdown::Both);
            }
            _ => reply(&mut writer, "502 5.5.2 command not implemented")?,
        }
    }
}

/// Reads the message body up to the lone "." line, undoing dot-stuffing; lines are kept as
/// bytes so that UTF-8 (or anything else) and long lines pass through untouched.
fn read_data(reader: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "connection closed during DATA"));
        }
        let content = trim_line_end(&line);
        if content == b"." {
            return Ok(data);
        }
        data.extend_from_slice(content.strip_prefix(b".").unwrap_or(content));
        data.extend_from_slice(b"\r\n");
    }
}

/// Strips CRLF, or a bare LF from a lenient client.
fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The address in "FROM:<a@b> SIZE=1" or "TO: a@b", without brackets or parameters.
fn path_argument(argument: &str, keyword: &str) -> String {
    let rest = match argument.get(..keyword.len()) {
        Some(head) if head.eq_ignore_ascii_case(keyword) => &argument[keyword.len()..],
        _ => argument,
    };
    let rest = rest.trim_start();
    match rest.strip_prefix('<') {
        Some(inner) => inner.split('>').next().unwrap_or("").to_string(),
        None => rest.split_whitespace().next().unwrap_or("").to_string(),
    }
}

/// Writes the reply in one piece: split writes meet Nagle's algorithm and delayed ACKs, which
/// cost tens of milliseconds per command.
fn reply(writer: &mut impl Write, text: &str) -> std::io::Result<()> {
    writer.write_all(format!("{text}\r\n").as_bytes())?;
    writer.flush()
}
