//! `/desk/editions`: every edition, newest number first, a page at a time.

use serde::Serialize;

use super::{local_date, status, Lang};
use crate::db::deliveries::{self, Progress};
use crate::db::editions;
use crate::db::DbConn;
use crate::service::Error;

/// Editions per page.
pub const PER_PAGE: i64 = 20;

#[derive(Debug, Serialize)]
pub struct Title {
    pub locale: String,
    pub dir: &'static str,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub id: i64,
    pub number: i32,
    pub slug: String,
    /// The edition's title in each language it has one.
    pub titles: Vec<Title>,
    /// `draft`, `under_review` or `live`.
    pub status: &'static str,
    /// First published, as a date in the person's time zone.
    pub published_on: Option<String>,
    pub delivery: Progress,
}

#[derive(Debug, Serialize)]
pub struct Listing {
    pub rows: Vec<Row>,
    /// 1-based.
    pub page: i64,
    pub pages: i64,
    pub total: i64,
}

/// Page `page` (1-based; past the end shows the last) of the editions.
pub fn load(conn: &mut DbConn, langs: &[Lang], time_zone: chrono_tz::Tz, page: i64) -> Result<Listing, Error> {
    let (_, total) = editions::list(conn, 0, 0)?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let (found, total) = editions::list(conn, PER_PAGE, (page - 1) * PER_PAGE)?;
    let mut rows = Vec::with_capacity(found.len());
    for edition in found {
        let texts = editions::texts(conn, edition.id)?;
        let titles = langs
            .iter()
            .filter_map(|lang| {
                let text = texts.iter().find(|t| t.locale == lang.code && !t.title.is_empty())?;
                Some(Title { locale: lang.code.clone(), dir: lang.dir, text: text.title.clone() })
            })
            .collect();
        rows.push(Row {
            id: edition.id,
            number: edition.number,
            status: status(&edition),
            published_on: edition.published_at.map(|at| local_date(at, time_zone)),
            delivery: deliveries::progress(conn, edition.id)?,
            slug: edition.slug,
            titles,
        });
    }
    Ok(Listing { rows, page, pages, total })
}
