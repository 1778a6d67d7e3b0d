//! `nashra export web`: the whole site as files any static host can serve. Every page is
//! rendered by [`Site::render_with`], the code that serves it live, so the files are
//! byte-identical to the live pages; their paths mirror the URLs. `404.html` (per locale and
//! at the root) is what a browser gets live for a missing address.
//!
//! Pages are rendered on several threads, each with its own database connection, and share
//! one [`Lookups`] read at the start, so that each page queries only its own content.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::paths::PagePath;
use super::view::ErrorPage;
use super::{Lookups, Site, SiteError};
use crate::db::{published, Database, DbConn, DbError};

/// What an export wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExportReport {
    pub pages: usize,
    pub assets: usize,
    pub media: usize,
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, std::io::Error),
    #[error("cannot copy image {0}: {1}")]
    Media(PathBuf, std::io::Error),
    #[error("rendering failed: {0}")]
    Render(#[from] SiteError),
    #[error("{0}")]
    Database(#[from] DbError),
}

/// Writes the site into `out` on `threads` threads (each holds one of `db`'s connections);
/// `on_page` is called after each page, from any of them (for a progress bar).
pub fn export(
    site: &Site,
    db: &Database,
    threads: NonZeroUsize,
    media_dir: &Path,
    out: &Path,
    pages: &[PagePath],
    on_page: impl Fn() + Sync,
) -> Result<ExportReport, ExportError> {
    let lookups = Lookups::preload(&mut *db.connection()?)?;
    // Threads take the next page from a shared counter rather than a fixed share, so a few
    // slow pages (the archive, editions) do not leave the other threads idle at the end.
    let next = AtomicUsize::new(0);
    let work = || -> Result<ExportReport, ExportError> {
        let mut conn = db.connection()?;
        let mut report = ExportReport::default();
        while let Some(page) = pages.get(next.fetch_add(1, Ordering::Relaxed)) {
            match export_page(site, &mut conn, &lookups, out, page) {
                Ok(Some(bytes)) => {
                    report.pages += 1;
                    report.bytes += bytes;
                }
                Ok(None) => {}
                Err(error) => {
                    // The other threads stop after their current page.
                    next.store(pages.len(), Ordering::Relaxed);
                    return Err(error);
                }
            }
            on_page();
        }
        Ok(report)
    };
    // This thread is one of the workers.
    let (mine, others) = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads.get().min(pages.len())).map(|_| scope.spawn(work)).collect();
        let mine = work();
        let others: Vec<_> =
            others.into_iter().map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect();
        (mine, others)
    });
    let mut report = ExportReport::default();
    for part in others.into_iter().chain([mine]) {
        let part = part?;
        report.pages += part.pages;
        report.bytes += part.bytes;
    }
    let conn = &mut db.connection()?;
    for (file, bytes) in not_found_pages(site, conn, &lookups)? {
        write(&out.join(&file), &bytes)?;
        report.pages += 1;
        report.bytes += bytes.len() as u64;
    }
    for name in site.theme.site_asset_names() {
        if let Some(asset) = site.theme.asset(name) {
            write(&out.join("assets").join(name), &asset.bytes)?;
            report.assets += 1;
        }
    }
    for file_name in published::public_media(conn).map_err(DbError::from)? {
        let Some(source) = crate::media::path_of(media_dir, &file_name) else { continue };
        let target = out.join("media").join(&file_name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| ExportError::Write(parent.to_owned(), e))?;
        }
        report.bytes += std::fs::copy(&source, &target).map_err(|e| ExportError::Media(source.clone(), e))?;
        report.media += 1;
    }
    Ok(report)
}

/// The "not found" page a static host serves for a missing address: `<locale>/404.html` per
/// locale and `404.html` in the default locale, the same bytes as a browser gets live.
fn not_found_pages(site: &Site, conn: &mut DbConn, lookups: &Lookups) -> Result<Vec<(PathBuf, Vec<u8>)>, ExportError> {
    let default = site.l10n.default_locale().to_owned();
    let mut pages = Vec::new();
    for locale in site.l10n.codes() {
        let page = site.render_error_with(conn, lookups, locale, ErrorPage::NotFound)?;
        if locale == default {
            pages.push((PathBuf::from("404.html"), page.body.to_vec()));
        }
        pages.push((PathBuf::from(locale).join("404.html"), page.body.to_vec()));
    }
    Ok(pages)
}

/// Renders one page and writes it; its size, or `None` if there is no such page.
fn export_page(
    site: &Site,
    conn: &mut DbConn,
    lookups: &Lookups,
    out: &Path,
    page: &PagePath,
) -> Result<Option<u64>, ExportError> {
    let Some(rendered) = site.render_with(conn, lookups, page)? else { return Ok(None) };
    write(&out.join(page.export_file()), &rendered.body)?;
    Ok(Some(rendered.body.len() as u64))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| ExportError::Write(parent.to_owned(), e))?;
    }
    std::fs::write(path, bytes).map_err(|e| ExportError::Write(path.to_owned(), e))
}
