//! The public read-only JSON API for headless front ends: published editions and stories
//! per locale, with Markdown and sanitised HTML. Rendered once per content version like the
//! pages, through the same cache.

use serde::Serialize;
use utoipa::ToSchema;

use super::cache::Page;
use super::pages::{date_of, images, ImageContext};
use super::paths::PagePath;
use super::Site;
use crate::db::{site, DbConn};
use crate::error::ApiError;
use crate::render::markdown::to_safe_html;

const JSON: &str = "application/json";

#[derive(Serialize, ToSchema)]
pub struct PublicEditionSummary {
    pub number: i32,
    pub slug: String,
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub published_on: String,
    /// The edition's page.
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct PublicEdition {
    pub number: i32,
    pub slug: String,
    pub locale: String,
    pub title: String,
    pub foreword_markdown: String,
    /// Sanitised: safe to insert into a page.
    pub foreword_html: String,
    pub signature_name: String,
    pub signature_role: String,
    pub published_on: String,
    pub url: String,
    pub stories: Vec<PublicStorySummary>,
}

#[derive(Serialize, ToSchema)]
pub struct PublicStorySummary {
    pub slug: String,
    pub section: String,
    pub title: String,
    pub summary: String,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct PublicStory {
    pub slug: String,
    pub section: String,
    pub locale: String,
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    /// Sanitised: safe to insert into a page.
    pub body_html: String,
    /// The "read more" link.
    pub link: Option<String>,
    pub images: Vec<PublicImage>,
    pub published_on: String,
    pub url: String,
    /// Locales this story is published in.
    pub locales: Vec<String>,
    /// The edition it appeared in, if published.
    pub edition: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PublicImage {
    pub url: String,
    pub width: i32,
    pub height: i32,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

impl From<ImageContext> for PublicImage {
    fn from(image: ImageContext) -> Self {
        Self {
            url: image.href,
            width: image.width,
            height: image.height,
            alt: image.alt,
            caption: image.caption,
            credit: image.credit,
        }
    }
}

pub fn editions(site_: &Site, conn: &mut DbConn, locale: &str) -> Result<Page, ApiError> {
    let mut list = Vec::new();
    for edition in site::published_editions(conn)? {
        let Some(text) = site::edition_text(conn, edition.id, locale)? else { continue };
        list.push(PublicEditionSummary {
            url: site_.base.absolute(&PagePath::Edition(locale.to_owned(), edition.slug.clone()).path()),
            number: edition.number,
            slug: edition.slug,
            title: text.title,
            published_on: edition.published_at.map(|d| d.date().to_string()).unwrap_or_default(),
        });
    }
    json(&list)
}

pub fn edition(site_: &Site, conn: &mut DbConn, locale: &str, slug: &str) -> Result<Option<Page>, ApiError> {
    let Some(edition) = site::published_edition(conn, slug)? else { return Ok(None) };
    let Some(text) = site::edition_text(conn, edition.id, locale)? else { return Ok(None) };
    let stories = site::live_stories_in_edition(conn, edition.id, locale)?
        .into_iter()
        .map(|live| PublicStorySummary {
            url: site_.base.absolute(&PagePath::Story(locale.to_owned(), live.story.slug.clone()).path()),
            slug: live.story.slug,
            section: live.story.section,
            title: live.live.snapshot.title,
            summary: live.live.snapshot.summary,
        })
        .collect();
    let body = PublicEdition {
        url: site_.base.absolute(&PagePath::Edition(locale.to_owned(), edition.slug.clone()).path()),
        number: edition.number,
        slug: edition.slug,
        locale: locale.to_owned(),
        title: text.title,
        foreword_html: to_safe_html(&text.foreword),
        foreword_markdown: text.foreword,
        signature_name: text.signature_name,
        signature_role: text.signature_role,
        published_on: edition.published_at.map(|d| d.date().to_string()).unwrap_or_default(),
        stories,
    };
    json(&body).map(Some)
}

pub fn story(site_: &Site, conn: &mut DbConn, locale: &str, slug: &str) -> Result<Option<Page>, ApiError> {
    let Some(live) = site::live_story(conn, slug, locale)? else { return Ok(None) };
    let edition = site::published_edition_of_story(conn, live.story.id)?.map(|e| e.slug);
    let pictures = images(site_, conn, &live.live.snapshot.images)?.into_iter().map(PublicImage::from).collect();
    let body = PublicStory {
        url: site_.base.absolute(&PagePath::Story(locale.to_owned(), live.story.slug.clone()).path()),
        locales: site::live_locales(conn, live.story.id)?,
        published_on: date_of(&live),
        slug: live.story.slug.clone(),
        section: live.story.section.clone(),
        locale: locale.to_owned(),
        title: live.live.snapshot.title.clone(),
        summary: live.live.snapshot.summary.clone(),
        body_html: to_safe_html(&live.live.snapshot.body),
        body_markdown: live.live.snapshot.body.clone(),
        link: live.live.snapshot.link.clone(),
        images: pictures,
        edition,
    };
    json(&body).map(Some)
}

fn json(body: &impl Serialize) -> Result<Page, ApiError> {
    let bytes = serde_json::to_vec(body).map_err(|_| ApiError::Internal)?;
    Ok(Page::new(bytes, JSON))
}
