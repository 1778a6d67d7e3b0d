//! Settings: layered from the built-in defaults, the config folder, `NASHRA_*` environment
//! variables and command-line flags, then checked once so the rest of the program can trust them.

use std::path::{Path, PathBuf};

use config::{Config, Environment, File, FileFormat};
use secrecy::SecretString;
use serde::Deserialize;

use crate::l10n::LocaleSetting;

/// The defaults every other layer overrides; compiled in so the binary runs from any folder.
const BUILT_IN_DEFAULTS: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Development,
    Test,
    Production,
}

impl Mode {
    fn from_env() -> Result<Self, ConfigError> {
        match std::env::var("NASHRA_MODE").as_deref() {
            Err(_) | Ok("development") => Ok(Mode::Development),
            Ok("test") => Ok(Mode::Test),
            Ok("production") => Ok(Mode::Production),
            Ok(other) => Err(ConfigError::UnknownMode(other.to_owned())),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Development => "development",
            Mode::Test => "test",
            Mode::Production => "production",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub mode: Mode,
    pub bind: String,
    pub database_url: String,
    pub migrate_on_start: bool,
    pub locales_dir: PathBuf,
    pub default_locale: String,
    pub locales: Vec<LocaleSetting>,
    pub database: DatabaseSettings,
    pub http: HttpSettings,
    pub auth: AuthSettings,
    pub login_limits: LoginLimitSettings,
    pub workflow: WorkflowSettings,
    pub media: MediaSettings,
    /// The site's absolute address (feeds, sitemap, alternates, OpenGraph); empty means
    /// the address the server is bound to.
    pub public_url: String,
    pub site: SiteSettings,
    pub smtp_url: SecretString,
    pub email: EmailSettings,
    pub subscriptions: SubscriptionSettings,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EmailSettings {
    pub from_address: String,
    pub worker_in_server: bool,
    pub concurrency: usize,
    pub rate_per_second: u32,
    pub batch_size: i64,
    pub lease_secs: u64,
    pub retry_base_secs: u64,
    pub max_attempts: i32,
    pub bounce_after: i32,
    pub poll_interval_ms: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SubscriptionSettings {
    pub per_address_per_minute: u32,
    /// Shortest time between two confirmation emails to one address.
    pub confirmation_cooldown_secs: u64,
    /// Confirmation emails one address gets in 24 hours at most.
    pub confirmations_per_day: u32,
    /// How long a confirmation link works.
    pub confirm_link_days: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SiteSettings {
    /// A folder whose templates and assets replace the built-in theme's; empty for none.
    pub theme_dir: PathBuf,
    /// Entries in each locale's Atom feed.
    pub feed_entries: usize,
    /// Rendered pages kept in memory, in bytes.
    pub page_cache_bytes: usize,
    /// How long a server trusts the content version it last read (see `site::freshness`).
    pub recheck_ms: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WorkflowSettings {
    pub allow_self_approval: bool,
    pub scheduler_interval_ms: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MediaSettings {
    pub dir: PathBuf,
    pub max_bytes: usize,
    /// Largest image by its declared width × height, checked before anything decodes it:
    /// a small file may declare a huge image (a "decompression bomb").
    pub max_pixels: u64,
    /// How long a whole upload's body may take to arrive; a client that stalls or trickles
    /// is cut off with 408 instead of holding a connection and a buffer.
    pub read_timeout_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    pub pool_size: u32,
    pub connection_timeout_secs: u64,
    pub sqlite_busy_timeout_ms: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct HttpSettings {
    pub json_limit_bytes: usize,
    pub workers: usize,
    /// Proxies (CIDR blocks) whose `X-Forwarded-For` is believed; see `http::client`.
    pub trusted_proxies: Vec<String>,
    pub cors_origins: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    /// The server's signing secret; empty means the one generated and kept beside the data
    /// (see `auth::secret`).
    pub secret: SecretString,
    /// Secrets used before a rotation: still accepted when verifying, never used to sign.
    pub previous_secrets: Vec<SecretString>,
    pub issuer: String,
    pub audience: String,
    pub access_token_ttl_secs: u64,
    pub refresh_token_ttl_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LoginLimitSettings {
    pub account_failures: u32,
    pub account_window_secs: u64,
    pub address_attempts: u32,
    pub address_window_secs: u64,
}

/// Values given on the command line; they beat every other layer.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub database_url: Option<String>,
    pub bind: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("NASHRA_MODE must be development, test or production, not {0:?}")]
    UnknownMode(String),
    #[error("the config folder {0} does not exist")]
    MissingDir(PathBuf),
    #[error("invalid configuration: {0}")]
    Invalid(#[from] config::ConfigError),
    #[error("invalid configuration: {0}")]
    Rule(String),
}

/// `scheme://host[:port]` and nothing more, as browsers send it in `Origin`.
fn is_web_origin(origin: &str) -> bool {
    let Some((scheme, rest)) = origin.split_once("://") else { return false };
    let host = rest.rsplit_once(':').map_or(rest, |(host, port)| if port.parse::<u16>().is_ok() { host } else { "" });
    matches!(scheme, "http" | "https")
        && !host.is_empty()
        && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'))
}

/// A CIDR block (`10.0.0.0/8`, `2001:db8::/32`) or a single address.
pub fn parse_network(text: &str) -> Option<ipnet::IpNet> {
    let text = text.trim();
    text.parse().ok().or_else(|| text.parse::<std::net::IpAddr>().ok().map(ipnet::IpNet::from))
}

/// The locales of the built-in defaults and the default among them: what the command line
/// speaks when the configured ones cannot be read.
pub fn built_in_locales() -> (Vec<LocaleSetting>, String) {
    #[derive(Deserialize)]
    struct Locales {
        locales: Vec<LocaleSetting>,
        default_locale: String,
    }
    let parsed = Config::builder()
        .add_source(File::from_str(BUILT_IN_DEFAULTS, FileFormat::Toml))
        .build()
        .and_then(|config| config.try_deserialize::<Locales>());
    match parsed {
        Ok(Locales { locales, default_locale }) if !locales.is_empty() => (locales, default_locale),
        // A unit test proves the built-in file parses; this keeps start-up from panicking.
        _ => (vec![LocaleSetting::new("en", crate::l10n::Direction::Ltr)], "en".to_owned()),
    }
}

impl Settings {
    /// Reads every layer. `config_dir` is `--config DIR`; when it was not given explicitly a
    /// missing `./config` is fine and the built-in defaults apply.
    pub fn load(config_dir: &Path, dir_is_explicit: bool, overrides: &Overrides) -> Result<Self, ConfigError> {
        if dir_is_explicit && !config_dir.is_dir() {
            return Err(ConfigError::MissingDir(config_dir.to_owned()));
        }
        let mode = Mode::from_env()?;
        let mut builder = Config::builder()
            .add_source(File::from_str(BUILT_IN_DEFAULTS, FileFormat::Toml))
            .add_source(File::from(config_dir.join("default.toml")).required(false))
            .add_source(File::from(config_dir.join(format!("{}.toml", mode.as_str()))).required(false))
            .add_source(
                Environment::with_prefix("NASHRA")
                    .prefix_separator("_")
                    .separator("__")
                    .try_parsing(true)
                    .list_separator(",")
                    .with_list_parse_key("http.cors_origins")
                    .with_list_parse_key("http.trusted_proxies")
                    .with_list_parse_key("auth.previous_secrets"),
            )
            .set_override("mode", mode.as_str())?;
        if let Some(url) = &overrides.database_url {
            builder = builder.set_override("database_url", url.as_str())?;
        }
        if let Some(bind) = &overrides.bind {
            builder = builder.set_override("bind", bind.as_str())?;
        }
        let settings: Settings = builder.build()?.try_deserialize()?;
        settings.check_consistency()?;
        Ok(settings)
    }

    fn check_consistency(&self) -> Result<(), ConfigError> {
        if !self.locales.iter().any(|l| l.code == self.default_locale) {
            return Err(ConfigError::Rule(format!(
                "default_locale {:?} is not one of the configured locales",
                self.default_locale
            )));
        }
        if let Some(locale) = self.locales.iter().find(|l| !l.script_is_valid()) {
            return Err(ConfigError::Rule(format!(
                "locales: the script of {:?} must be an ISO 15924 code such as \"Arab\" or \"Latn\", not {:?}",
                locale.code,
                locale.script()
            )));
        }
        if self.database.pool_size == 0 {
            return Err(ConfigError::Rule("database.pool_size must be at least 1".into()));
        }
        if let Some(origin) = self.http.cors_origins.iter().find(|o| !is_web_origin(o)) {
            return Err(ConfigError::Rule(format!(
                "http.cors_origins: {origin:?} is not an origin like https://newsroom.example.org"
            )));
        }
        if let Some(proxy) = self.http.trusted_proxies.iter().find(|p| parse_network(p).is_none()) {
            return Err(ConfigError::Rule(format!(
                "http.trusted_proxies: {proxy:?} is not a CIDR block like 10.0.0.0/8 or 2001:db8::/32"
            )));
        }
        Ok(())
    }

    pub fn locale_codes(&self) -> impl Iterator<Item = &str> {
        self.locales.iter().map(|l| l.code.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::{built_in_locales, is_web_origin};

    #[test]
    fn the_built_in_locales_are_read_from_the_built_in_defaults() {
        let (locales, default) = built_in_locales();
        let codes: Vec<&str> = locales.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["en", "ar"]);
        assert_eq!(default, "en");
        assert!(crate::l10n::Localizer::built_in(&locales, &default).is_ok());
    }

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        for good in ["https://newsroom.example.org", "http://localhost:5173", "http://[::1]:8080"] {
            assert!(is_web_origin(good), "{good}");
        }
        for bad in ["newsroom.example.org", "https://", "https://a.org/", "https://a.org/path", "ftp://a.org", "*"] {
            assert!(!is_web_origin(bad), "{bad}");
        }
    }
}
