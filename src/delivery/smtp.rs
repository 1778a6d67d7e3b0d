//! Sending mail over SMTP through a few persistent connections.
//!
//! lettre's pooled `AsyncSmtpTransport` sent ~100 messages/s to a local sink that takes
//! thousands: its sockets keep Nagle's algorithm on while it writes a message's final
//! "\r\n.\r\n" on its own, so every message waited for the server's delayed ACK (~40 ms); it
//! sent a NOOP before every message; and it opened and closed extra connections whenever none
//! was idle. So this module keeps lettre's SMTP client (commands and replies, STARTTLS, AUTH,
//! the 4xx/5xx classification) and replaces the socket and the pool: TCP_NODELAY sockets, at
//! most `email.concurrency` connections, each kept open and used for message after message.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{ready, Context, Poll};
use std::time::{Duration, Instant};

use futures_util::io::{AsyncRead as _, AsyncWrite as _};
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
#[allow(deprecated)]
use lettre::transport::smtp::client::AsyncNetworkStream;
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::Message;
use secrecy::ExposeSecret;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use url::Url;

use crate::config::Settings;

type SmtpError = lettre::transport::smtp::Error;

/// How long opening a session (TLS and AUTH included) or sending one message may take: a
/// silent server must fail the attempt, not stall the worker past its lease.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Servers close sessions left unused. A connection idle longer than this is checked with a
/// NOOP before it carries a message, so that a closed one costs a reconnection rather than a
/// retry of the message; connections busy with a send never wait this long.
const PROBE_AFTER: Duration = Duration::from_secs(1);

/// How long a polite QUIT may take when idle connections are closed.
const QUIT_TIMEOUT: Duration = Duration::from_secs(5);

/// Why `smtp_url` is unusable.
#[derive(Debug, thiserror::Error)]
pub enum UrlError {
    #[error("{0}")]
    Syntax(#[from] css_inline::ParseError),
    #[error("no host")]
    NoHost,
    #[error("unknown scheme {scheme:?} or tls parameter {tls:?}")]
    Scheme { scheme: String, tls: Option<String> },
    #[error("the user name or password is not UTF-8")]
    Credentials,
    /// A password would travel unencrypted: the URL has credentials, no TLS, and no
    /// `insecure_auth=true`.
    #[error(
        "the URL has a user name and password but no TLS; use smtps:// or ?tls=required, or add insecure_auth=true"
    )]
    PlaintextCredentials,
    #[error(transparent)]
    Tls(#[from] SmtpError),
}

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The address is in the message: "refused" means little until one sees it was port 25.
    #[error("cannot connect to the SMTP server at {address}: {source}")]
    Connect { address: String, source: io::Error },
    /// Greeting, EHLO, TLS or AUTH failed: whatever the reply, it says nothing about the
    /// recipient.
    #[error("cannot open an SMTP session: {0}")]
    Session(SmtpError),
    #[error(transparent)]
    Send(SmtpError),
    #[error("the SMTP server did not answer within {} s", TIMEOUT.as_secs())]
    Timeout,
    /// The server offered no STARTTLS (`tls=opportunistic`), and the password is not sent in
    /// the clear without `insecure_auth=true`.
    #[error("the SMTP server offers no STARTTLS; the password was not sent unencrypted")]
    Unencrypted,
}

impl Error {
    /// The server refused this message for good (5xx): sending it again is pointless.
    pub fn is_permanent(&self) -> bool {
        matches!(self, Error::Send(error) if error.is_permanent())
    }
}

/// The connections shared by everything that sends mail in a process; clones share them.
/// Dropping the last clone just closes the sockets, so it is safe anywhere, also after the
/// runtime has gone.
#[derive(Clone)]
pub struct Transport(Arc<Pool>);

struct Pool {
    server: Server,
    /// One permit per connection that may be open at once.
    permits: Semaphore,
    /// Open connections between messages, with when each was last used; the last one
    /// returned is taken first, being the least likely to have been closed by the server.
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
}

impl Transport {
    /// Whether `smtp_url` can be used, without connecting: what [`Transport::new`] refuses.
    pub fn check(settings: &Settings) -> Result<(), UrlError> {
        Server::from_url(settings.smtp_url.expose_secret()).map(drop)
    }

    /// The transport for `smtp_url`, with at most `email.concurrency` connections. Connects
    /// lazily, so it can be built outside a runtime and with the server down.
    pub fn new(settings: &Settings) -> Result<Self, UrlError> {
        let server = Server::from_url(settings.smtp_url.expose_secret())?;
        let size = settings.email.concurrency.max(1);
        let idle = Mutex::new(Vec::with_capacity(size));
        Ok(Self(Arc::new(Pool { server, permits: Semaphore::new(size), idle })))
    }

    /// The server's `host:port` (never its credentials), for telling people where mail goes.
    pub fn address(&self) -> String {
        self.0.server.address()
    }

    /// Sends `message` to its envelope's recipients, over an idle connection or a new one.
    pub async fn send(&self, message: &Message) -> Result<(), Error> {
        let _permit = self.0.permits.acquire().await.expect("the semaphore is never closed");
        let mut connection = self.checkout().await?;
        match tokio::time::timeout(TIMEOUT, transfer(&mut connection, message)).await {
            Ok(Ok(_)) => {
                self.checkin(connection);
                Ok(())
            }
            Ok(Err(error)) => {
                // `transfer` ends the session (QUIT) on any error reply; a refusal of lettre's
                // own before MAIL (say, an address the server cannot take) leaves it usable.
                if !connection.has_broken() {
                    self.checkin(connection);
                }
                Err(Error::Send(error))
            }
            // Cut off mid-conversation: the session's state is unknown, so it is dropped.
            Err(_) => Err(Error::Timeout),
        }
    }

    /// Ends the idle sessions with a QUIT, for when there is nothing to send: servers need
    /// not keep them, and sessions closed by a server meanwhile need no probing later.
    pub async fn close_idle(&self) {
        let idle = std::mem::take(&mut *self.idle());
        let quits = idle.into_iter().map(|(mut connection, _)| async move {
            let _ = tokio::time::timeout(QUIT_TIMEOUT, connection.quit()).await;
        });
        futures_util::future::join_all(quits).await;
    }

    /// A session ready for a message: an idle one that still answers, or a new one.
    async fn checkout(&self) -> Result<AsyncSmtpConnection, Error> {
        loop {
            let Some((mut connection, since)) = self.idle().pop() else { break };
            if since.elapsed() < PROBE_AFTER
                || matches!(tokio::time::timeout(TIMEOUT, connection.test_connected()).await, Ok(true))
            {
                return Ok(connection);
            }
        }
        tokio::time::timeout(TIMEOUT, self.0.server.connect()).await.map_err(|_| Error::Timeout)?
    }

    fn checkin(&self, connection: AsyncSmtpConnection) {
        self.idle().push((connection, Instant::now()));
    }

    fn idle(&self) -> MutexGuard<'_, Vec<(AsyncSmtpConnection, Instant)>> {
        self.0.idle.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// One mail transaction, by lettre (MAIL, RCPT, DATA, and QUIT on an error reply).
async fn transfer(connection: &mut AsyncSmtpConnection, message: &Message) -> Result<(), SmtpError> {
    connection.send(message.envelope(), &message.formatted()).await.map(drop)
}

/// Where and how to connect: what lettre's `AsyncSmtpTransport::from_url` reads from the
/// same URL (see docs/email.md).
struct Server {
    host: String,
    port: u16,
    tls: Tls,
    hello: ClientId,
    credentials: Option<Credentials>,
    /// `insecure_auth=true`: credentials may be sent over a connection without TLS (a relay
    /// on the same machine or a private network, say). Off unless the URL says so.
    insecure_auth: bool,
}

impl Server {
    fn from_url(url: &str) -> Result<Self, UrlError> {
        let url = Url::parse(url)?;
        let host = url.host_str().ok_or(UrlError::NoHost)?.to_owned();
        let query = |name: &str| url.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned());
        let tls = query("tls");
        let insecure_auth = query("insecure_auth").is_some_and(|value| value == "true");
        let parameters = || TlsParameters::new(host.clone());
        let (default_port, tls) = match (url.scheme(), tls.as_deref()) {
            ("smtp", None) => (25, Tls::None),
            ("smtp", Some("required")) => (587, Tls::Required(parameters()?)),
            ("smtp", Some("opportunistic")) => (587, Tls::Opportunistic(parameters()?)),
            ("smtps", _) => (465, Tls::Wrapper(parameters()?)),
            (scheme, _) => return Err(UrlError::Scheme { scheme: scheme.to_owned(), tls }),
        };
        let hello = match url.path().trim_matches('/') {
            "" => ClientId::default(),
            name => ClientId::Domain(name.to_owned()),
        };
        let credentials = match url.password() {
            Some(password) => Some(Credentials::new(percent_decode(url.username())?, percent_decode(password)?)),
            None => None,
        };
        if credentials.is_some() && matches!(tls, Tls::None) && !insecure_auth {
            return Err(UrlError::PlaintextCredentials);
        }
        Ok(Self { port: url.port().unwrap_or(default_port), host, tls, hello, credentials, insecure_auth })
    }

    /// `host:port`, as an operator would look for it.
    fn address(&self) -> String {
        // An IPv6 host keeps the brackets the URL gave it.
        format!("{}:{}", self.host, self.port)
    }

    /// A new session, greeted, encrypted and authenticated as the URL asks.
    async fn connect(&self) -> Result<AsyncSmtpConnection, Error> {
        let failed = |source| Error::Connect { address: self.address(), source };
        let tcp = TcpStream::connect((self.host.as_str(), self.port)).await.map_err(failed)?;
        // The point of this module: a message's last bytes go out at once instead of
        // waiting for the ACK of the bytes before them.
        tcp.set_nodelay(true).map_err(failed)?;
        let (mut connection, encrypted) = self.open(tcp).await.map_err(Error::Session)?;
        if let Some(credentials) = &self.credentials {
            // `tls=opportunistic` against a server without STARTTLS: better no mail than a
            // password anyone on the path can read.
            if !encrypted && !self.insecure_auth {
                let _ = tokio::time::timeout(QUIT_TIMEOUT, connection.quit()).await;
                return Err(Error::Unencrypted);
            }
            connection.auth(DEFAULT_MECHANISMS, credentials).await.map_err(Error::Session)?;
        }
        Ok(connection)
    }

    /// A greeted session, encrypted as the URL asks, and whether it is encrypted. (lettre's
    /// own `is_encrypted` cannot see the implicit TLS of `Implicit`.)
    async fn open(&self, tcp: TcpStream) -> Result<(AsyncSmtpConnection, bool), SmtpError> {
        let mut connection = match &self.tls {
            Tls::Wrapper(parameters) => {
                let stream = Implicit::handshake(tcp, parameters.clone()).await?;
                AsyncSmtpConnection::connect_with_transport(Box::new(stream), &self.hello).await?
            }
            _ => AsyncSmtpConnection::connect_with_transport(Box::new(tcp), &self.hello).await?,
        };
        // `Required` fails here, before any mail or password, when the server offers no
        // STARTTLS.
        let encrypted = match &self.tls {
            Tls::Required(parameters) => connection.starttls(parameters.clone(), &self.hello).await.map(|_| true)?,
            Tls::Opportunistic(parameters) if connection.can_starttls() => {
                connection.starttls(parameters.clone(), &self.hello).await.map(|_| true)?
            }
            Tls::Wrapper(_) => true,
            _ => false,
        };
        Ok((connection, encrypted))
    }
}

/// Undoes `%XX` escapes, as lettre does for the URL's user name and password.
fn percent_decode(text: &str) -> Result<String, UrlError> {
    let decoded = percent_encoding::percent_decode_str(text).decode_utf8().map_err(|_| UrlError::Credentials)?;
    Ok(decoded.into_owned())
}

/// An implicitly encrypted (smtps) stream that lettre takes for a plain one.
///
/// lettre encrypts a stream it is given only by STARTTLS, after the greeting, whereas
/// implicit TLS shakes hands first. So the handshake is made here, on our socket, with
/// lettre's own TLS code (`AsyncNetworkStream`: public, but deprecated as internal), and the
/// encrypted stream is handed to lettre as the transport.
#[allow(deprecated)]
#[derive(Debug)]
struct Implicit(AsyncNetworkStream);

#[allow(deprecated)]
impl Implicit {
    async fn handshake(tcp: TcpStream, parameters: TlsParameters) -> Result<Self, SmtpError> {
        let mut stream = AsyncNetworkStream::use_existing_tokio1(Box::new(tcp));
        stream.upgrade_tls(parameters).await?;
        Ok(Self(stream))
    }
}

// lettre's stream speaks the `futures` I/O traits; the transport it takes speaks tokio's.
impl AsyncRead for Implicit {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let read = ready!(Pin::new(&mut self.0).poll_read(cx, buf.initialize_unfilled()))?;
        buf.advance(read);
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for Implicit {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_close(cx)
    }
}

impl AsyncTokioStream for Implicit {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.0.peer_addr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_lettre_reads_from_the_url() {
        let server = Server::from_url("smtp://127.0.0.1:1025").unwrap();
        assert_eq!((server.host.as_str(), server.port), ("127.0.0.1", 1025));
        assert!(matches!(server.tls, Tls::None) && server.credentials.is_none());

        let server = Server::from_url("smtp://mail.example.org?tls=required").unwrap();
        assert!(matches!(server.tls, Tls::Required(_)) && server.port == 587);

        let server = Server::from_url("smtps://bulletin:p%40ss%2Fw0rd@mail.example.org/news.example.org").unwrap();
        assert!(matches!(server.tls, Tls::Wrapper(_)) && server.port == 465);
        assert_eq!(server.hello, ClientId::Domain("news.example.org".into()));
        let expected = Credentials::new("bulletin".into(), "p@ss/w0rd".into());
        assert_eq!(server.credentials, Some(expected));

        assert!(matches!(Server::from_url("smtp://host?tls=maybe"), Err(UrlError::Scheme { .. })));

        // A password needs TLS, or an explicit opt-in.
        assert!(matches!(Server::from_url("smtp://user:pass@host"), Err(UrlError::PlaintextCredentials)));
        let server = Server::from_url("smtp://user:pass@host?insecure_auth=true").unwrap();
        assert!(server.insecure_auth && server.credentials.is_some());
        let server = Server::from_url("smtp://user:pass@host?tls=opportunistic").unwrap();
        assert!(!server.insecure_auth, "opportunistic TLS is allowed, and checked per session");
        assert!(Server::from_url("smtp://user:pass@host?tls=required").is_ok());
        assert!(matches!(Server::from_url("http://host"), Err(UrlError::Scheme { .. })));
        assert!(Server::from_url("not a url").is_err());
    }

    #[test]
    fn percent_decoding_leaves_stray_percents() {
        assert_eq!(percent_decode("a%20b%zz%4").unwrap(), "a b%zz%4");
        assert!(percent_decode("%ff").is_err());
    }
}
