//! What every request handler can reach: the settings, the database, the localizer, the
//! keys and limits, the site, the mailer. Built once per server by `app::Application`.

use std::sync::Arc;
use std::time::Duration;

use crate::auth::csrf::CsrfKeys;
use crate::auth::password::Hashing;
use crate::auth::rate_limit::{Limit, LoginLimiter};
use crate::auth::secret::Keyring;
use crate::auth::session::Lifetimes;
use crate::auth::TokenKeys;
use crate::config::Settings;
use crate::db::Database;
use crate::delivery::links::LinkTokens;
use crate::delivery::smtp::{self, Transport};
use crate::l10n::Localizer;
use crate::render::theme::ThemeError;
use crate::service::Rules;
use crate::site::freshness::Freshness;
use crate::site::Site;

use super::client::TrustedProxies;

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
    pub subscribe_limits: Limit,
    pub hashing: Hashing,
    pub freshness: Arc<Freshness>,
    pub proxies: TrustedProxies,
    /// The desk's anti-forgery tokens.
    pub csrf: CsrfKeys,
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
            csrf: CsrfKeys::new(keyring),
            subscribe_limits: Limit::for_backend(
                &db,
                "subscribe",
                settings.subscriptions.per_address_per_minute,
                Duration::from_secs(60),
            ),
            keys: TokenKeys::new(&settings.auth, keyring)?,
            login_limits: LoginLimiter::new(&settings.login_limits, &db),
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
