//! `nashra export web`: the whole site as files any static host can serve. Every page is
//! rendered by [`Site::render`], the function that serves it live, so the files are
//! byte-identical to the live pages; their paths mirror the URLs.

use std::path::{Path, PathBuf};

use super::paths::PagePath;
use super::Site;
use crate::db::{site as published, DbConn};
use crate::error::ApiError;

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
    Render(#[from] ApiError),
}

/// Every page of the published site.
pub fn all_pages(site: &Site, conn: &mut DbConn) -> Result<Vec<PagePath>, ApiError> {
    let mut pages = vec![PagePath::Root, PagePath::Sitemap, PagePath::Robots];
    for code in site.l10n.codes() {
        pages.extend([PagePath::Home(code.into()), PagePath::Archive(code.into()), PagePath::Feed(code.into())]);
    }
    for edition in published::published_editions(conn)? {
        for locale in published::edition_locales(conn, edition.id)? {
            pages.push(PagePath::Edition(locale, edition.slug.clone()));
        }
    }
    for (slug, locale, _) in published::all_live(conn)? {
        pages.push(PagePath::Story(locale, slug));
    }
    Ok(pages)
}

/// Writes the site into `out`; `on_page` is called after each page (for a progress bar).
pub fn export(
    site: &Site,
    conn: &mut DbConn,
    media_dir: &Path,
    out: &Path,
    pages: &[PagePath],
    mut on_page: impl FnMut(),
) -> Result<ExportReport, ExportError> {
    let mut report = ExportReport::default();
    for page in pages {
        if let Some(rendered) = site.render(conn, page)? {
            write(&out.join(page.export_file()), &rendered.body)?;
            report.pages += 1;
            report.bytes += rendered.body.len() as u64;
        }
        on_page();
    }
    for name in site.theme.asset_names() {
        if let Some(asset) = site.theme.asset(name) {
            write(&out.join("assets").join(name), &asset.bytes)?;
            report.assets += 1;
        }
    }
    for file_name in published::public_media(conn).map_err(ApiError::from)? {
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

fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| ExportError::Write(parent.to_owned(), e))?;
    }
    std::fs::write(path, bytes).map_err(|e| ExportError::Write(path.to_owned(), e))
}
