//! The public read-only JSON API for headless front ends: published editions and stories
//! per locale, with Markdown and sanitised HTML. Rendered once per content version like the
//! pages, through the same cache, from the same view structs; pure, like the pages.

use serde::Serialize;
use utoipa::ToSchema;

use super::cache::Rendered;
use super::image::ImageSource;
use super::pages::ImageContext;
use super::paths::PagePath;
use super::view::{Edition, EditionSummary, Story};
use super::{Site, SiteError};
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
    /// Every story live in this locale, in reading order.
    pub stories: Vec<PublicStorySummary>,
    /// The edition's groups with a story live in this locale, in order; empty when its
    /// stories are one list.
    pub groups: Vec<PublicGroup>,
}

#[derive(Serialize, ToSchema)]
pub struct PublicStorySummary {
    pub slug: String,
    pub section: String,
    pub title: String,
    pub summary: String,
    pub url: String,
    /// The key of its group, when the edition has groups.
    pub group: Option<String>,
    /// Its letter in a lettered group, in this locale's letters.
    pub label: Option<String>,
}

/// A group of an edition's stories in one locale.
#[derive(Serialize, ToSchema)]
pub struct PublicGroup {
    pub key: String,
    pub heading: String,
    pub intro_markdown: String,
    /// Sanitised: safe to insert into a page.
    pub intro_html: String,
    /// Its stories live in this locale, in order.
    pub story_slugs: Vec<String>,
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
    /// The original, as uploaded.
    pub url: String,
    pub width: i32,
    pub height: i32,
    pub alt: String,
    pub caption: String,
    /// The photo credit in this text's language (empty: none).
    pub credit: String,
    /// Resized files for a `srcset`, narrowest first; empty when the original is the only one.
    pub srcset: Vec<ImageSource>,
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
            srcset: image.sources,
        }
    }
}

/// Published editions in `locale`, newest first.
pub fn editions(site_: &Site, locale: &str, editions: &[EditionSummary]) -> Result<Rendered, SiteError> {
    let list: Vec<PublicEditionSummary> = editions
        .iter()
        .map(|edition| PublicEditionSummary {
            url: site_.base.absolute(&PagePath::Edition(locale.to_owned(), edition.slug.clone()).path()),
            number: edition.number,
            slug: edition.slug.clone(),
            title: edition.title.clone(),
            published_on: edition.published_on.map(|d| d.to_string()).unwrap_or_default(),
        })
        .collect();
    json(&list)
}

/// A published edition with its stories.
pub fn edition(site_: &Site, edition: &Edition) -> Result<Rendered, SiteError> {
    let locale = edition.locale.as_str();
    let stories = edition
        .parts
        .iter()
        .flat_map(|part| part.stories.iter().map(move |story| (part, story)))
        .map(|(part, story)| PublicStorySummary {
            url: site_.base.absolute(&PagePath::Story(locale.to_owned(), story.slug.clone()).path()),
            slug: story.slug.clone(),
            section: story.section.clone(),
            title: story.title.clone(),
            summary: story.summary.clone(),
            group: part.key.clone(),
            label: story.letter.map(|place| site_.l10n.letter(locale, place)),
        })
        .collect();
    let groups = edition
        .parts
        .iter()
        .filter_map(|part| {
            Some(PublicGroup {
                key: part.key.clone()?,
                heading: part.heading.clone(),
                intro_markdown: part.intro.clone(),
                intro_html: to_safe_html(&part.intro),
                story_slugs: part.stories.iter().map(|s| s.slug.clone()).collect(),
            })
        })
        .collect();
    let body = PublicEdition {
        url: site_.base.absolute(&PagePath::Edition(locale.to_owned(), edition.slug.clone()).path()),
        number: edition.number,
        slug: edition.slug.clone(),
        locale: locale.to_owned(),
        title: edition.title.clone(),
        foreword_html: to_safe_html(&edition.foreword),
        foreword_markdown: edition.foreword.clone(),
        signature_name: edition.signature_name.clone(),
        signature_role: edition.signature_role.clone(),
        published_on: edition.published_on.map(|d| d.to_string()).unwrap_or_default(),
        stories,
        groups,
    };
    json(&body)
}

/// A published story.
pub fn story(site_: &Site, story: &Story) -> Result<Rendered, SiteError> {
    let body = PublicStory {
        url: site_.base.absolute(&PagePath::Story(story.locale.clone(), story.slug.clone()).path()),
        locales: story.locales.clone(),
        published_on: story.published_on.to_string(),
        slug: story.slug.clone(),
        section: story.section.clone(),
        locale: story.locale.clone(),
        title: story.title.clone(),
        summary: story.summary.clone(),
        body_html: to_safe_html(&story.body),
        body_markdown: story.body.clone(),
        link: story.link.clone(),
        images: story.images.iter().map(|image| ImageContext::new(site_, image).into()).collect(),
        edition: story.edition.as_ref().map(|e| e.slug.clone()),
    };
    json(&body)
}

fn json(body: &impl Serialize) -> Result<Rendered, SiteError> {
    Ok(Rendered::new(serde_json::to_vec(body)?, JSON))
}
