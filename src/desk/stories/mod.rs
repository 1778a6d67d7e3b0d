//! Stories: the list with filters and search, the side-by-side editor, preview, save
//! conflicts, outdated translations, workflow buttons, the timeline, revisions and their
//! comparison. Loaders here read; every write is `service::stories` or
//! `service::translations`, called from `http::desk::stories`.

pub mod compare;
pub mod diff;
pub mod editor;
pub mod list;

use chrono::NaiveDateTime;
use serde::Serialize;

/// This screen's templates, by name (registered with the theme by `desk::templates`).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("desk/story_list.html", include_str!("../../../templates/desk/story_list.html")),
    ("desk/story_editor.html", include_str!("../../../templates/desk/story_editor.html")),
    ("desk/story_compare.html", include_str!("../../../templates/desk/story_compare.html")),
    ("desk/story_macros.html", include_str!("../../../templates/desk/story_macros.html")),
];

/// This screen's own static files (a small script, say), served under `/assets/` and read
/// from `desk/assets/` of the theme: `(name, bytes)`.
pub const ASSETS: &[(&str, &[u8])] =
    &[("story-editor.js", include_bytes!("../../../templates/desk/assets/story-editor.js"))];

/// A moment as the person reads it: in their time zone, with the UTC instant for
/// `<time datetime>`.
#[derive(Debug, Clone, Serialize)]
pub struct When {
    /// RFC 3339, UTC.
    pub iso: String,
    /// `YYYY-MM-DD HH:MM` in the person's zone.
    pub local: String,
    /// The zone's name, e.g. `Asia/Baghdad`.
    pub zone: String,
}

impl When {
    /// `at` (UTC, as stored) in the IANA zone `zone` (UTC if the name is unknown).
    pub fn new(at: NaiveDateTime, zone: &str) -> Self {
        let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
        let utc = at.and_utc();
        Self {
            iso: utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            local: utc.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string(),
            zone: tz.name().to_owned(),
        }
    }
}

/// A language column's identity: its code, direction and own name.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    pub code: String,
    pub dir: &'static str,
    pub name: String,
}

/// A choice in a `<select>`.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_show_in_the_persons_zone() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).and_then(|d| d.and_hms_opt(7, 30, 0));
        let when = When::new(at.expect("a time"), "Asia/Baghdad");
        assert_eq!(when.local, "2026-06-01 10:30");
        assert_eq!(when.iso, "2026-06-01T07:30:00Z");
        assert_eq!(When::new(at.expect("a time"), "Nowhere/Else").local, "2026-06-01 07:30");
    }
}
