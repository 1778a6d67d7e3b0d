//! What readers are shown, as plain data: the loaders (`site::load`) fill these from the
//! database, and every renderer (pages, the public JSON, the feed, emails) takes them. They
//! hold no database types and no addresses: renderers make links from the site's base URL,
//! so a test can build any of them by hand.

use chrono::{NaiveDate, NaiveDateTime};

/// The publication's contact lines and its texts in every locale.
#[derive(Debug, Clone, Default)]
pub struct Publication {
    pub website_url: String,
    pub contact_email: String,
    pub social_account: String,
    /// The From address of emails; empty for the configured default.
    pub sender_address: String,
    pub texts: Vec<PublicationText>,
}

/// The publication's texts in one locale.
#[derive(Debug, Clone, Default)]
pub struct PublicationText {
    pub locale: String,
    pub newsletter_name: String,
    pub postal_address: String,
    pub funders_line: String,
    pub sender_name: String,
}

impl Publication {
    pub fn text(&self, locale: &str) -> Option<&PublicationText> {
        self.texts.iter().find(|t| t.locale == locale)
    }

    /// The newsletter's name in `locale`, if one is set.
    pub fn name(&self, locale: &str) -> Option<&str> {
        self.text(locale).map(|t| t.newsletter_name.as_str()).filter(|name| !name.is_empty())
    }
}

/// A published image as placed in a text, in the text's locale.
#[derive(Debug, Clone)]
pub struct Image {
    /// Under the media folder (`/media/<file_name>`).
    pub file_name: String,
    /// As shown.
    pub width: i32,
    pub height: i32,
    pub alt: String,
    pub caption: String,
    /// Its credit in the text's locale (empty: none).
    pub credit: String,
    /// Its resized copies, narrowest first.
    pub variants: Vec<ImageVariant>,
}

/// A resized copy of an image, in the media folder too.
#[derive(Debug, Clone)]
pub struct ImageVariant {
    pub file_name: String,
    pub width: i32,
    pub height: i32,
}

/// A published edition in one locale, from its live revision: what its page, the public
/// JSON and its email all show.
#[derive(Debug, Clone)]
pub struct Edition {
    pub id: i64,
    pub number: i32,
    pub slug: String,
    pub locale: String,
    pub published_on: Option<NaiveDate>,
    pub title: String,
    /// Markdown, as written.
    pub foreword: String,
    pub signature_name: String,
    pub signature_role: String,
    pub cover: Option<Image>,
    /// The stories it lists that are live in this locale, in its order: in its groups (SPEC
    /// §12), or in one part without a heading when it has none. A group with no story live
    /// in this locale is left out.
    pub parts: Vec<EditionPart>,
    /// Every locale it has a live text in.
    pub locales: Vec<String>,
}

impl Edition {
    /// Every story, in reading order.
    pub fn stories(&self) -> impl Iterator<Item = &EditionStory> {
        self.parts.iter().flat_map(|part| &part.stories)
    }
}

/// A group of an edition's stories, or all of them when it has no groups.
#[derive(Debug, Clone, Default)]
pub struct EditionPart {
    /// The group's key; `None` for the one part of an edition without groups.
    pub key: Option<String>,
    /// In the edition's locale; may be empty.
    pub heading: String,
    /// Markdown, as written; may be empty.
    pub intro: String,
    pub stories: Vec<EditionStory>,
}

/// A story as an edition lists it.
#[derive(Debug, Clone)]
pub struct EditionStory {
    pub slug: String,
    pub section: String,
    pub title: String,
    pub summary: String,
    /// Its first image.
    pub image: Option<Image>,
    /// Its place (from 0) in a lettered group, whatever the locale: renderers write it in
    /// the locale's letters (`Localizer::letter`). Counted over the group's stories in every
    /// locale, so a story has the same label in each.
    pub letter: Option<usize>,
}

/// A published story in one locale, from its live revision.
#[derive(Debug, Clone)]
pub struct Story {
    pub slug: String,
    pub section: String,
    pub locale: String,
    pub title: String,
    pub summary: String,
    /// Markdown, as written.
    pub body: String,
    /// The "read more" link.
    pub link: Option<String>,
    pub images: Vec<Image>,
    pub published_on: NaiveDate,
    /// Every locale it is live in.
    pub locales: Vec<String>,
    /// The newest published edition that lists it.
    pub edition: Option<EditionRef>,
}

/// The edition a story appeared in.
#[derive(Debug, Clone)]
pub struct EditionRef {
    pub number: i32,
    pub slug: String,
    /// Its title in the story's locale; `None` when it has no text in that locale.
    pub title: Option<String>,
    /// The story's group there, when the edition has groups.
    pub group: Option<GroupRef>,
}

/// Where a story stands in its edition's groups.
#[derive(Debug, Clone)]
pub struct GroupRef {
    /// In the story's locale; may be empty.
    pub heading: String,
    /// As `EditionStory::letter`.
    pub letter: Option<usize>,
}

/// A published edition in a list.
#[derive(Debug, Clone)]
pub struct EditionSummary {
    pub number: i32,
    pub slug: String,
    pub title: String,
    pub published_on: Option<NaiveDate>,
}

/// An edition on the archive page.
#[derive(Debug, Clone)]
pub struct ArchiveEntry {
    pub edition: EditionSummary,
    /// How many of its stories are live in the page's locale.
    pub stories: usize,
}

/// A story in a locale's feed.
#[derive(Debug, Clone)]
pub struct FeedEntry {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Markdown, as written.
    pub body: String,
    pub published_at: Option<NaiveDateTime>,
    /// When its live revision was written (the date of a text published without a date).
    pub revised_at: NaiveDateTime,
}

/// Every published page with a language, for the sitemap and the export.
#[derive(Debug, Clone, Default)]
pub struct Sitemap {
    pub editions: Vec<SitemapEdition>,
    /// Grouped by story, as the sitemap lists each story's locales together.
    pub stories: Vec<SitemapStory>,
}

#[derive(Debug, Clone)]
pub struct SitemapEdition {
    pub slug: String,
    pub locales: Vec<String>,
    pub published_on: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct SitemapStory {
    pub slug: String,
    pub locale: String,
    pub published_on: Option<NaiveDate>,
}

/// What one page shows, besides the publication's name and footer.
#[derive(Debug, Clone)]
pub enum Content {
    /// The language chooser.
    Root,
    /// The newest edition with a text in the page's locale, if any.
    Home(Option<Edition>),
    Archive(Vec<ArchiveEntry>),
    Edition(Edition),
    Story(Story),
    Feed(Vec<FeedEntry>),
    Sitemap(Sitemap),
    Robots,
}

/// Why an address shows a reader nothing, as the page a browser gets says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorPage {
    /// No such page (404).
    NotFound,
    /// A story that was published once and has been taken off the site (410).
    Gone,
    /// Our fault (5xx): the database is down, or a bug.
    ServerError,
}

impl ErrorPage {
    /// Its part of the Fluent message ids `error-<key>-title` and `error-<key>-body`.
    pub fn key(self) -> &'static str {
        match self {
            ErrorPage::NotFound => "not-found",
            ErrorPage::Gone => "gone",
            ErrorPage::ServerError => "server",
        }
    }
}
