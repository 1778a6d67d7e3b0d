//! The address the site's links name when a command renders it away from the server (`export
//! web`, `send`, `worker`, `export email`): the one the server uses, and where it came from.

use super::{Context, Failure};
use crate::db::{server_state, Database};
use crate::l10n::Args;

/// Where [`SiteAddress::url`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--base-url`.
    Flag,
    /// This command's own `public_url` (`NASHRA_PUBLIC_URL`, the config files).
    Settings,
    /// What the last server started on this database serves the site at.
    Server,
    /// None of those: `http://` and the configured bind address.
    Bind,
}

pub struct SiteAddress {
    pub url: String,
    pub source: Source,
}

impl SiteAddress {
    /// `--base-url` if given; else this command's `public_url`; else the address the last
    /// server started on this database recorded (so a command run from another shell, without
    /// the server's settings, still links where the server serves); else the bind address.
    pub fn resolve(context: &Context, db: &Database, flag: Option<String>) -> Result<Self, Failure> {
        let given = |url: Option<String>| url.filter(|u| !u.trim().is_empty());
        if let Some(url) = given(flag) {
            return Ok(Self { url, source: Source::Flag });
        }
        if let Some(url) = given(Some(context.settings.public_url.clone())) {
            return Ok(Self { url, source: Source::Settings });
        }
        let mut conn = db.connection().map_err(|e| Failure::Technical(e.to_string()))?;
        if let Some(url) = given(server_state::public_url(&mut conn).map_err(|e| Failure::Technical(e.to_string()))?) {
            return Ok(Self { url, source: Source::Server });
        }
        Ok(Self { url: format!("http://{}", context.settings.bind), source: Source::Bind })
    }

    /// "Links name {url} ({where it came from})", for the terminal.
    pub fn describe(&self, context: &Context) -> String {
        let source = match self.source {
            Source::Flag => "cli-address-from-flag",
            Source::Settings => "cli-address-from-settings",
            Source::Server => "cli-address-from-server",
            Source::Bind => "cli-address-from-bind",
        };
        let args = Args::new().with("url", self.url.clone()).with("source", context.say(source, &Args::new()));
        context.say("cli-address-used", &args)
    }
}
