//! The media library: every uploaded image, newest first, with what the data model says about
//! it (its credit, the same in every language) and where it is used: the story texts that
//! place it (each with its own alt text and caption, per language) and the editions that
//! have it as their cover.

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
    /// A refused change of one image's credit, shown at that image.
    pub credit_edit: Option<CreditEdit>,
}

/// A credit as typed for image `id`, and why it was refused.
#[derive(Debug, Serialize)]
pub struct CreditEdit {
    pub id: i64,
    pub credit: String,
    pub error: String,
}

/// The upload form as it was sent, and why it was refused: field name → sentence.
#[derive(Debug, Default, Serialize)]
pub struct UploadForm {
    pub credit: String,
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
    pub credit: String,
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

#[derive(Debug, Serialize)]
pub struct EditionUse {
    pub id: i64,
    pub number: i32,
    pub slug: String,
}

/// Page `page` of the library, for a person in `time_zone`; `dir` gives a locale's
/// direction.
pub fn load(
    conn: &mut DbConn,
    page: i64,
    time_zone: &str,
    dir: &dyn Fn(&str) -> &'static str,
) -> Result<(Vec<ImageView>, Pager), Error> {
    let (found, total) = media::list(conn, PER_PAGE, (page - 1) * PER_PAGE)?;
    let ids: Vec<i64> = found.iter().map(|m| m.id).collect();
    let texts = media::text_uses(conn, &ids)?;
    let covers = media::cover_uses(conn, &ids)?;
    let images = found.into_iter().map(|m| view(m, &texts, &covers, time_zone, dir)).collect();
    Ok((images, Pager::new(page, PER_PAGE, total, |n| format!("/desk/media?page={n}"))))
}

fn view(
    m: Media,
    texts: &[media::TextUse],
    covers: &[media::CoverUse],
    time_zone: &str,
    dir: &dyn Fn(&str) -> &'static str,
) -> ImageView {
    let mut stories: Vec<StoryUse> = Vec::new();
    // Rows come by story and locale, the latest revision first: one text per locale, and
    // the first image placement in it.
    for row in texts.iter().filter(|t| t.media_id == m.id) {
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
    let editions = covers
        .iter()
        .filter(|(media_id, ..)| *media_id == m.id)
        .map(|(_, id, number, slug)| EditionUse { id: *id, number: *number, slug: slug.clone() })
        .collect();
    ImageView {
        file: format!("/desk/media/{}/file", m.id),
        id: m.id,
        width: m.width,
        height: m.height,
        kilobytes: (m.size_bytes + 1023) / 1024,
        content_type: m.content_type,
        credit: m.credit,
        original_name: m.original_name,
        uploaded: local_time(m.created_at, time_zone),
        stories,
        editions,
    }
}
