//! Editions: the list, creating one, picking, ordering and grouping its stories (`arrange`),
//! its texts per language, the readiness checklist, publishing; and sending it: preview per
//! language, test send, send, progress. Loaders read the database into the view structs the templates show;
//! every write goes through `service::editions` and `service::sending`.

pub mod arrange;
pub mod edition;
pub mod list;
pub mod sending;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::db::editions::Edition;

/// This screen's templates, by name (registered with the theme by `desk::templates`).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("desk/editions.html", include_str!("../../../templates/desk/editions.html")),
    ("desk/edition.html", include_str!("../../../templates/desk/edition.html")),
    ("desk/sending.html", include_str!("../../../templates/desk/sending.html")),
    ("desk/sending-confirm.html", include_str!("../../../templates/desk/sending-confirm.html")),
    ("desk/sending-progress.html", include_str!("../../../templates/desk/sending-progress.html")),
];

/// This screen's own static files: drag and drop for the story order, and the script that
/// keeps the progress block fresh. Both only enhance pages that work without them.
pub const ASSETS: &[(&str, &[u8])] = &[
    ("desk-edition.js", include_bytes!("../../../templates/desk/assets/desk-edition.js")),
    ("desk-sending.js", include_bytes!("../../../templates/desk/assets/desk-sending.js")),
];

/// A language the newsletter is written in, as columns and labels show it.
#[derive(Debug, Clone, Serialize)]
pub struct Lang {
    pub code: String,
    /// Its own name for itself ("English", "العربية").
    pub name: String,
    pub dir: &'static str,
    /// The letters that label a lettered group's stories, in order (`LocaleSetting::letters`).
    #[serde(skip)]
    pub letters: Vec<String>,
}

/// Where an edition stands for readers.
pub fn status(edition: &Edition) -> &'static str {
    match edition.live_revision_id {
        None => "draft",
        // Published, with changes a reviewer has not published yet.
        Some(live) if edition.latest_revision_id.is_some_and(|latest| latest != live) => "under_review",
        Some(_) => "live",
    }
}

/// A moment as a date (`YYYY-MM-DD`) in the person's time zone, for the `date` filter.
pub fn local_date(at: NaiveDateTime, time_zone: chrono_tz::Tz) -> String {
    at.and_utc().with_timezone(&time_zone).format("%Y-%m-%d").to_string()
}

/// A person's time zone (UTC when the stored name is unknown).
pub fn time_zone(name: &str) -> chrono_tz::Tz {
    name.parse().unwrap_or(chrono_tz::UTC)
}
