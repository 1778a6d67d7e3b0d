//! The public web site: which addresses exist, rendering each from published content, the
//! page cache, and the static export. Live serving and `nashra export web` call the same
//! [`Site::render`], which is why an exported page and the same page served live are
//! byte-identical.

pub mod api;
pub mod cache;
pub mod export;
mod feed;
pub mod freshness;
pub(crate) mod pages;
pub mod paths;

use std::ops::Not;
use std::sync::Arc;

pub use cache::{Page, PageCache};
pub use pages::Lookups;
pub use paths::PagePath;

use crate::config::Settings;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::l10n::Localizer;
use crate::render::dates::DateFormats;
use crate::render::theme::{Theme, ThemeError};

/// Where the site lives: its absolute address (for feeds, sitemap, alternates, OpenGraph)
/// and the path part of it (prefix of every internal link).
#[derive(Debug, Clone)]
pub struct BaseUrl {
    /// Without a trailing slash, e.g. `https://example.org/bulletin`.
    absolute: String,
    /// Without a trailing slash, e.g. `/bulletin`, or empty.
    path: String,
}

impl BaseUrl {
    pub fn new(url: &str) -> Self {
        let absolute = url.trim_end_matches('/').to_owned();
        let after_scheme = absolute.split_once("://").map_or(absolute.as_str(), |(_, rest)| rest);
        let path = after_scheme.find('/').map_or(String::new(), |i| after_scheme[i..].to_owned());
        Self { absolute, path }
    }

    /// A site path (starting with `/`) as a link inside the site.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.path)
    }

    /// `scheme://host[:port]`, as in a Content-Security-Policy source.
    pub fn origin(&self) -> String {
        let Some((scheme, rest)) = self.absolute.split_once("://") else { return String::new() };
        let authority = rest.split('/').next().unwrap_or_default();
        let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
        format!("{scheme}://{host}")
    }

    /// The host name (without port), e.g. for `Message-ID`s.
    pub fn host(&self) -> String {
        let after_scheme = self.absolute.split_once("://").map_or(self.absolute.as_str(), |(_, rest)| rest);
        let authority = after_scheme.split('/').next().unwrap_or_default();
        let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
        host.split(':').next().unwrap_or_default().to_owned()
    }

    /// A site path as an absolute URL.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.absolute)
    }
}

/// Everything needed to render the site; shared by the server's workers.
pub struct Site {
    pub theme: Theme,
    pub l10n: Arc<Localizer>,
    pub dates: Arc<DateFormats>,
    pub base: BaseUrl,
    pub feed_entries: usize,
    pub cache: PageCache,
}

impl Site {
    /// The site as configured, at `public_url` (an absolute URL).
    pub fn new(settings: &Settings, l10n: Arc<Localizer>, public_url: &str) -> Result<Self, ThemeError> {
        let dates = Arc::new(DateFormats::new(&settings.locales));
        let theme_dir =
            settings.site.theme_dir.as_os_str().is_empty().not().then_some(settings.site.theme_dir.as_path());
        Ok(Self {
            theme: Theme::load(theme_dir, l10n.clone(), dates.clone())?,
            l10n,
            dates,
            base: BaseUrl::new(public_url),
            feed_entries: settings.site.feed_entries,
            cache: PageCache::new(settings.site.page_cache_bytes),
        })
    }

    /// Renders the page at `path` from what is published now; `None` if there is no such page.
    pub fn render(&self, conn: &mut DbConn, path: &PagePath) -> Result<Option<Page>, ApiError> {
        pages::render(self, conn, &Lookups::default(), path)
    }

    /// [`Site::render`], taking what pages share from `lookups` (read once for many pages)
    /// instead of the database.
    pub fn render_with(&self, conn: &mut DbConn, lookups: &Lookups, path: &PagePath) -> Result<Option<Page>, ApiError> {
        pages::render(self, conn, lookups, path)
    }
}
