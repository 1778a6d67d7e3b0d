//! The media library (upload, list, texts per language, where each image is used) and the
//! subscribers (search, counts, CSV import and export): loaders into view structs, no HTTP.

pub mod media;
pub mod subscribers;

use chrono::NaiveDateTime;
use serde::Serialize;

/// This screen's templates, by name (registered with the theme by `desk::templates`).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("desk/media.html", include_str!("../../../templates/desk/media.html")),
    ("desk/subscribers.html", include_str!("../../../templates/desk/subscribers.html")),
];

/// This screen's own static files, served under `/assets/` and read from `desk/assets/` of
/// the theme: the media form's drag and drop.
pub const ASSETS: &[(&str, &[u8])] = &[("media.js", include_bytes!("../../../templates/desk/assets/media.js"))];

/// A language as the filters and forms offer it.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageOption {
    pub code: String,
    /// Its own name for itself.
    pub name: String,
    pub dir: &'static str,
}

/// Where a paged list is: page numbers from 1, and the addresses of its neighbours.
#[derive(Debug, Serialize)]
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// Page `page` of `total` items, `per_page` a page; `href(n)` is page n's address.
    pub fn new(page: i64, per_page: i64, total: i64, href: impl Fn(i64) -> String) -> Self {
        let pages = ((total + per_page - 1) / per_page).max(1);
        Self {
            page,
            pages,
            total,
            previous: (page > 1).then(|| href(page - 1)),
            next: (page < pages).then(|| href(page + 1)),
        }
    }
}

/// The page a query asks for, from 1; anything unreadable or below 1 is the first.
pub fn page_number(raw: Option<&str>) -> i64 {
    raw.and_then(|p| p.trim().parse::<i64>().ok()).filter(|p| (1..=1_000_000).contains(p)).unwrap_or(1)
}

/// A moment as the person reads it: in their time zone (`time_zone`, an IANA name; UTC
/// when unknown), as `YYYY-MM-DDTHH:MM` for the template's `date` filter and a `<time>`.
pub fn local_time(at: NaiveDateTime, time_zone: &str) -> LocalTime {
    let zone: chrono_tz::Tz = time_zone.parse().unwrap_or(chrono_tz::UTC);
    let local = at.and_utc().with_timezone(&zone);
    LocalTime { iso: local.format("%Y-%m-%dT%H:%M").to_string(), time: local.format("%H:%M").to_string() }
}

#[derive(Debug, Clone, Serialize)]
pub struct LocalTime {
    /// Date and time in the person's zone, ISO 8601 without the offset.
    pub iso: String,
    /// Hours and minutes, for beside the long date.
    pub time: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_times() {
        let pager = Pager::new(2, 10, 25, |n| format!("?page={n}"));
        assert_eq!(
            (pager.pages, pager.previous.as_deref(), pager.next.as_deref()),
            (3, Some("?page=1"), Some("?page=3"))
        );
        assert_eq!(Pager::new(1, 10, 0, |n| n.to_string()).pages, 1);
        assert_eq!(page_number(Some("x")), 1);
        assert_eq!(page_number(Some("-3")), 1);
        assert_eq!(page_number(Some("4")), 4);
        let at = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).and_then(|d| d.and_hms_opt(22, 30, 0)).expect("a date");
        assert_eq!(local_time(at, "Asia/Baghdad").iso, "2026-01-02T01:30");
        assert_eq!(local_time(at, "nowhere").iso, "2026-01-01T22:30");
    }
}
