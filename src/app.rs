//! Building and running the server: the listener, the worker threads, and the background
//! work that belongs to a server (the scheduler, a delivery worker).

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{web, HttpServer};

use crate::auth::secret::Keyring;
use crate::config::Settings;
use crate::db::Database;
use crate::delivery::worker::Worker;
use crate::http;
use crate::http::state::{AppState, StartError};
use crate::l10n::Localizer;

/// A bound, not yet running, server. Binding first lets `--bind 127.0.0.1:0` report the
/// port it got before any request can arrive.
pub struct Application {
    server: Server,
    address: SocketAddr,
}

impl Application {
    /// Binds the listener, then builds the shared state (the site's address defaults to the
    /// bound one) and starts the background work that belongs to a server (the scheduler,
    /// which publishes and starts sends at their time). Must be called inside an actix system.
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
        // For `nashra export web` and `nashra send` run from another shell, which may not
        // have this server's settings: they link to where this server serves the site.
        let recorded = db.connection().map_err(|e| e.to_string()).and_then(|mut conn| {
            crate::db::server_state::record_public_url(&mut conn, &settings.public_url).map_err(|e| e.to_string())
        });
        if let Err(error) = recorded {
            tracing::warn!(%error, "could not record the public address for other commands");
        }
        let state = AppState::new(settings, db, l10n, keyring)?;
        let workers = match state.settings.http.workers {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        let interval = std::time::Duration::from_millis(state.settings.workflow.scheduler_interval_ms.max(50));
        let (freshness, default_locale) = (state.freshness.clone(), state.l10n.default_locale().to_owned());
        let scheduler = crate::service::scheduler::run(state.db.clone(), interval, default_locale, move || {
            freshness.changed();
        });
        actix_web::rt::spawn(scheduler);
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
