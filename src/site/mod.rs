//! The public web site: which addresses exist, rendering each from published content, the
//! page cache, and the static export. Live serving and `nashra export web` call the same
//! [`Site::render_with`], which is why an exported page and the same page served live are
//! byte-identical.
//!
//! A page is made in two steps: a loader (`load`) reads what it shows into view structs
//! (`view`), then a renderer (`pages`, `api`, `feed`) turns those into bytes without ever
//! seeing the database. Emails (`delivery::compose`) render from the same structs. Errors
//! are [`SiteError`]; only `http` turns them into responses.

pub mod api;
pub mod cache;
pub mod export;
mod feed;
pub mod freshness;
pub mod image;
pub mod load;
#[cfg(test)]
mod load_tests;
pub(crate) mod pages;
pub mod paths;
pub mod readers;
#[cfg(test)]
pub(crate) mod render_tests;
pub mod view;

use std::ops::Not;
use std::sync::Arc;

pub use cache::{PageCache, Rendered};
pub use load::Lookups;
pub use paths::PagePath;

use crate::config::Settings;
use crate::db::{DbConn, DbError};
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
    /// Where readers' forms post: the server's public address. The same as `base` when the
    /// server renders; an export for another host still posts its subscribe form here.
    pub forms: BaseUrl,
    pub feed_entries: usize,
    pub cache: PageCache,
}

impl Site {
    /// The site as configured, at `public_url` (an absolute URL). Its forms post to the
    /// configured `public_url`, or to `public_url` itself when none is configured.
    pub fn new(settings: &Settings, l10n: Arc<Localizer>, public_url: &str) -> Result<Self, ThemeError> {
        let server = Some(settings.public_url.as_str()).filter(|u| !u.trim().is_empty()).unwrap_or(public_url);
        let dates = Arc::new(DateFormats::new(&settings.locales));
        let theme_dir =
            settings.site.theme_dir.as_os_str().is_empty().not().then_some(settings.site.theme_dir.as_path());
        Ok(Self {
            theme: Theme::load(theme_dir, l10n.clone(), dates.clone())?,
            l10n,
            dates,
            base: BaseUrl::new(public_url),
            forms: BaseUrl::new(server),
            feed_entries: settings.site.feed_entries,
            cache: PageCache::new(settings.site.page_cache_bytes),
        })
    }

    /// Renders the page at `path` from what is published now; `None` if there is no such page.
    pub fn render(&self, conn: &mut DbConn, path: &PagePath) -> Result<Option<Rendered>, SiteError> {
        self.render_with(conn, &Lookups::default(), path)
    }

    /// [`Site::render`], taking what pages share from `lookups` (read once for many pages)
    /// instead of the database.
    pub fn render_with(
        &self,
        conn: &mut DbConn,
        lookups: &Lookups,
        path: &PagePath,
    ) -> Result<Option<Rendered>, SiteError> {
        let Some(content) = load::content(conn, lookups, path, self.feed_entries)? else { return Ok(None) };
        let none = view::Publication::default();
        let publication = match path {
            PagePath::Sitemap | PagePath::Robots => &none,
            _ => lookups.publication(conn)?,
        };
        self.render_content(publication, path, &content).map(Some)
    }

    /// The page at `path` showing `content`: no database involved.
    pub fn render_content(
        &self,
        publication: &view::Publication,
        path: &PagePath,
        content: &view::Content,
    ) -> Result<Rendered, SiteError> {
        pages::render(self, publication, path, content)
    }

    /// The page a browser gets in `locale` for an address that shows nothing (`error`), with
    /// the publication's name and footer from `lookups`: what a live 404 shows and what the
    /// export writes as `404.html`.
    pub fn render_error_with(
        &self,
        conn: &mut DbConn,
        lookups: &Lookups,
        locale: &str,
        error: view::ErrorPage,
    ) -> Result<Rendered, SiteError> {
        self.render_error(lookups.publication(conn)?, locale, error)
    }

    /// [`Site::render_error_with`] without the database (when it is what failed, say).
    pub fn render_error(
        &self,
        publication: &view::Publication,
        locale: &str,
        error: view::ErrorPage,
    ) -> Result<Rendered, SiteError> {
        pages::error_page(self, publication, locale, error)
    }

    /// Whether `path`, which names no page now, is a story that was published and has been
    /// taken off the site since (an answer of 410 rather than 404).
    pub fn withdrawn(&self, conn: &mut DbConn, path: &PagePath) -> Result<bool, SiteError> {
        match path {
            PagePath::Story(locale, slug) => Ok(load::withdrawn_story(conn, slug, locale)?),
            _ => Ok(false),
        }
    }

    /// Every page of the published site.
    pub fn all_pages(&self, conn: &mut DbConn) -> Result<Vec<PagePath>, SiteError> {
        Ok(pages::all_pages(self, &load::sitemap(conn)?))
    }

    /// The public JSON list of editions in `locale`.
    pub fn public_editions(&self, conn: &mut DbConn, locale: &str) -> Result<Rendered, SiteError> {
        api::editions(self, locale, &load::editions(conn, &Lookups::default(), locale)?)
    }

    /// The public JSON of an edition in `locale`; `None` if there is none.
    pub fn public_edition(&self, conn: &mut DbConn, locale: &str, slug: &str) -> Result<Option<Rendered>, SiteError> {
        let Some(edition) = load::edition_by_slug(conn, &Lookups::default(), slug, locale)? else { return Ok(None) };
        api::edition(self, &edition).map(Some)
    }

    /// The public JSON of a story in `locale`; `None` if there is none.
    pub fn public_story(&self, conn: &mut DbConn, locale: &str, slug: &str) -> Result<Option<Rendered>, SiteError> {
        let Some(story) = load::story(conn, &Lookups::default(), slug, locale)? else { return Ok(None) };
        api::story(self, &story).map(Some)
    }

    /// [`Site::name`] as the database has it now.
    pub fn current_name(&self, conn: &mut DbConn, locale: &str) -> Result<String, SiteError> {
        Ok(self.name(&load::publication_of(conn)?, locale))
    }

    /// The newsletter's name in `locale`, or the localized default name when none is set.
    pub fn name(&self, publication: &view::Publication, locale: &str) -> String {
        publication
            .name(locale)
            .map(str::to_owned)
            .unwrap_or_else(|| self.l10n.plain(locale, "site-default-name", &crate::l10n::Args::new()))
    }
}

/// Why a page could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("template {template} failed: {source}")]
    Template { template: String, source: minijinja::Error },
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}
