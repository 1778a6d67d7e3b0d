//! The media library: every uploaded image, newest first, with what the data model says about
//! it (its credit in each language, the widths it was resized to) and where it is used: the
//! story texts that place it (each with its own alt text and caption, per language) and the
//! editions that have it as their cover.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{local_time, LocalTime, Pager};
use crate::db::media::{self, Media};
use crate::db::DbConn;
use crate::service::Error;

/// Images per page.
pub const PER_PAGE: i64 = 24;

#[derive(Debug, Serialize)]
pub struct MediaPage {
    pub images: Vec<ImageView>,
    pub pager: Pager,
    /// Whether the person may upload (editors and admins; reviewers only look).
    pub can_upload: bool,
    pub form: UploadForm,
    /// The largest file accepted, in whole megabytes (at least 1), for the form's hint.
    pub max_megabytes: usize,
    /// A refused change of one image's credits, shown at that image.
    pub credit_edit: Option<CreditEdit>,
    /// The configured languages, a credit field each.
    pub languages: Vec<Language>,
}

/// A configured language, for a field in it.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    pub code: String,
    pub name: String,
    pub dir: &'static str,
}

/// Credits as typed for image `id` (by locale), and why they were refused (by field name:
/// `credit-<locale>`, or `credit` for what belongs to no one field).
#[derive(Debug, Serialize)]
pub struct CreditEdit {
    pub id: i64,
    pub credits: BTreeMap<String, String>,
    pub errors: BTreeMap<String, String>,
}

/// The upload form as it was sent (credits by locale), and why it was refused: field name →
/// sentence.
#[derive(Debug, Default, Serialize)]
pub struct UploadForm {
    pub credits: BTreeMap<String, String>,
    pub errors: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct ImageView {
    pub id: i64,
    /// The desk's own address of the file (for the signed-in only).
    pub file: String,
    pub width: i32,
    pub height: i32,
    pub kilobytes: i64,
    pub content_type: String,
    /// What readers see in each configured language, in configuration order.
    pub credits: Vec<LocaleCredit>,
    /// The address of its narrowest variant (or the original), for the thumbnail.
    pub thumb: String,
    /// The widths of its variants, narrowest first.
    pub variant_widths: Vec<i32>,
    pub original_name: String,
    pub uploaded: LocalTime,
    pub stories: Vec<StoryUse>,
    pub editions: Vec<EditionUse>,
}

/// A story that places the image, with each of its texts that does.
#[derive(Debug, Serialize)]
pub struct StoryUse {
    pub story_id: i64,
    pub texts: Vec<TextUse>,
}

/// One language's text of a story placing the image: its title, and the alt text and caption
/// it gives the image there.
#[derive(Debug, Serialize)]
pub struct TextUse {
    pub locale: String,
    pub dir: &'static str,
    pub title: String,
    pub alt: String,
    pub caption: String,
    /// Only readers' (live) revision places it; the text editors work on no longer does.
    pub only_live: bool,
}

/// An image's credit in one language: its own there, or the shared one.
#[derive(Debug, Serialize)]
pub struct LocaleCredit {
    pub locale: String,
    pub credit: String,
}

#[derive(Debug, Serialize)]
pub struct EditionUse {
    pub id: i64,
    pub number: i32,
    pub slug: String,
}

/// Page `page` of the library, for a person in `time_zone`; `dir` gives a locale's
/// direction, `locales` are the configured ones.
pub fn load(
    conn: &mut DbConn,
    page: i64,
    time_zone: &str,
    dir: &dyn Fn(&str) -> &'static str,
    locales: &[&str],
) -> Result<(Vec<ImageView>, Pager), Error> {
    let (found, total) = media::list(conn, PER_PAGE, (page - 1) * PER_PAGE)?;
    let ids: Vec<i64> = found.iter().map(|m| m.id).collect();
    let uses = Uses {
        texts: media::text_uses(conn, &ids)?,
        covers: media::cover_uses(conn, &ids)?,
        credits: media::credits_of(conn, &ids)?,
        variants: media::variants_of(conn, &ids)?,
    };
    let images = found.into_iter().map(|m| view(m, &uses, time_zone, dir, locales)).collect();
    Ok((images, Pager::new(page, PER_PAGE, total, |n| format!("/desk/media?page={n}"))))
}

/// What the images of one page have besides their own row.
struct Uses {
    texts: Vec<media::TextUse>,
    covers: Vec<media::CoverUse>,
    credits: Vec<(i64, String, String)>,
    variants: Vec<media::Variant>,
}

fn view(m: Media, uses: &Uses, time_zone: &str, dir: &dyn Fn(&str) -> &'static str, locales: &[&str]) -> ImageView {
    let mut stories: Vec<StoryUse> = Vec::new();
    // Rows come by story and locale, the latest revision first: one text per locale, and
    // the first image placement in it.
    for row in uses.texts.iter().filter(|t| t.media_id == m.id) {
        if stories.last().is_none_or(|s| s.story_id != row.story_id) {
            stories.push(StoryUse { story_id: row.story_id, texts: Vec::new() });
        }
        let Some(story) = stories.last_mut() else { continue };
        if story.texts.iter().any(|t| t.locale == row.locale) {
            continue;
        }
        story.texts.push(TextUse {
            locale: row.locale.clone(),
            dir: dir(&row.locale),
            title: row.title.clone(),
            alt: row.alt.clone(),
            caption: row.caption.clone(),
            only_live: row.revision_id != row.latest_revision_id,
        });
    }
    let editions = uses
        .covers
        .iter()
        .filter(|(media_id, ..)| *media_id == m.id)
        .map(|(_, id, number, slug)| EditionUse { id: *id, number: *number, slug: slug.clone() })
        .collect();
    let own: Vec<(&str, &str)> =
        uses.credits.iter().filter(|(id, ..)| *id == m.id).map(|(_, l, c)| (l.as_str(), c.as_str())).collect();
    let credits = locales
        .iter()
        .map(|locale| LocaleCredit {
            locale: (*locale).to_owned(),
            credit: crate::domain::image::credit_in(&m.credit, own.iter().copied(), locale).to_owned(),
        })
        .collect();
    let variant_widths: Vec<i32> = uses.variants.iter().filter(|v| v.media_id == m.id).map(|v| v.width).collect();
    ImageView {
        file: format!("/desk/media/{}/file", m.id),
        thumb: format!("/desk/media/{}/thumb", m.id),
        id: m.id,
        width: m.width,
        height: m.height,
        kilobytes: (m.size_bytes + 1023) / 1024,
        content_type: m.content_type,
        credits,
        variant_widths,
        original_name: m.original_name,
        uploaded: local_time(m.created_at, time_zone),
        stories,
        editions,
    }
}
