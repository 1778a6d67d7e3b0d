//! Building and running the HTTP server: shared state, the listener and the worker threads.

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{web, HttpServer};

use std::time::Duration;

use crate::auth::password::Hashing;
use crate::auth::rate_limit::{LoginLimiter, SlidingWindow};
use crate::auth::secret::Keyring;
use crate::auth::session::Lifetimes;
use crate::auth::TokenKeys;
use crate::config::Settings;
use crate::db::Database;
use crate::delivery::links::LinkTokens;
use crate::delivery::smtp::{self, Transport};
use crate::delivery::worker::Worker;
use crate::http;
use crate::http::client::TrustedProxies;
use crate::l10n::Localizer;
use crate::render::theme::ThemeError;
use crate::service::Rules;
use crate::site::freshness::Freshness;
use crate::site::Site;

/// What every request handler can reach.
pub struct AppState {
    pub settings: Settings,
    pub db: Database,
    pub l10n: Arc<Localizer>,
    pub keys: TokenKeys,
    pub login_limits: LoginLimiter,
    pub lifetimes: Lifetimes,
    pub rules: Rules,
    pub site: Arc<Site>,
    pub mailer: Transport,
    pub link_tokens: LinkTokens,
    pub subscribe_limits: SlidingWindow,
    pub hashing: Hashing,
    pub freshness: Arc<Freshness>,
    pub proxies: TrustedProxies,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot listen on the configured address: {0}")]
    Bind(#[from] std::io::Error),
    #[error("signing key: {0}")]
    Keys(#[from] jsonwebtoken::errors::Error),
    #[error("theme: {0}")]
    Theme(#[from] ThemeError),
    #[error("SMTP URL: {0}")]
    Smtp(#[from] smtp::UrlError),
}

impl AppState {
    /// `settings.public_url` must be set (the server fills it in from the bound address).
    pub fn new(settings: Settings, db: Database, l10n: Arc<Localizer>, keyring: &Keyring) -> Result<Self, StartError> {
        Ok(Self {
            site: Arc::new(Site::new(&settings, l10n.clone(), &settings.public_url)?),
            mailer: Transport::new(&settings)?,
            link_tokens: LinkTokens::new(keyring),
            subscribe_limits: SlidingWindow::new(
                settings.subscriptions.per_address_per_minute,
                Duration::from_secs(60),
            ),
            keys: TokenKeys::new(&settings.auth, keyring)?,
            login_limits: LoginLimiter::new(&settings.login_limits),
            hashing: Hashing::new(),
            freshness: Arc::new(Freshness::new(Duration::from_millis(settings.site.recheck_ms))),
            proxies: TrustedProxies::new(&settings.http.trusted_proxies),
            lifetimes: Lifetimes { refresh: chrono::Duration::seconds(settings.auth.refresh_token_ttl_secs as i64) },
            rules: Rules {
                source_locale: settings.default_locale.clone(),
                allow_self_approval: settings.workflow.allow_self_approval,
            },
            settings,
            db,
            l10n,
        })
    }
}

/// A bound, not yet running, server. Binding first lets `--bind 127.0.0.1:0` report the
/// port it got before any request can arrive.
pub struct Application {
    server: Server,
    address: SocketAddr,
}

impl Application {
    /// Binds the listener, then builds the shared state (the site's address defaults to the
    /// bound one) and starts the background work that belongs to a server (the
    /// scheduled-publishing loop). Must be called inside an actix system.
    pub fn build(
        mut settings: Settings,
        db: Database,
        l10n: Arc<Localizer>,
        keyring: &Keyring,
    ) -> Result<Self, StartError> {
        let listener = TcpListener::bind(&settings.bind)?;
        let address = listener.local_addr()?;
        if settings.public_url.trim().is_empty() {
            settings.public_url = format!("http://{address}");
        }
        let state = AppState::new(settings, db, l10n, keyring)?;
        let workers = match state.settings.http.workers {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let interval = std::time::Duration::from_millis(state.settings.workflow.scheduler_interval_ms.max(50));
        let freshness = state.freshness.clone();
        actix_web::rt::spawn(crate::service::scheduler::run(state.db.clone(), interval, move || freshness.changed()));
        if state.settings.email.worker_in_server {
            let worker = Worker::new(
                state.db.clone(),
                state.site.clone(),
                &state.settings,
                state.mailer.clone(),
                state.link_tokens.clone(),
            );
            actix_web::rt::spawn(Arc::new(worker).run());
        }
        let state = web::Data::new(state);
        let server = HttpServer::new(move || http::app(state.clone())).workers(workers).listen(listener)?.run();
        Ok(Self { server, address })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight and returns.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
