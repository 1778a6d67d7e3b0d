//! Loaders: read published content into the view structs of `site::view`, for the pages,
//! the public JSON, the static export and emails alike. They only read, never render, and
//! pass every database error on; "no text in this locale" is a `None`, never an error.
//!
//! [`edition`] is the one place an edition is put together from its live revision.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::paths::PagePath;
use super::view::{
    ArchiveEntry, Content, Edition, EditionPart, EditionRef, EditionStory, EditionSummary, FeedEntry, GroupRef, Image,
    ImageVariant, Publication, PublicationText, Sitemap, SitemapEdition, SitemapStory, Story,
};
use crate::db::editions::{Edition as EditionRow, EditionText};
use crate::db::published;
use crate::db::{media, publication, DbConn, DbError};
use crate::domain::groups::{self, Layout};
use crate::domain::revision::ImageRef;

/// What many pages repeat, read at most once. Live, every render gets a fresh one (a page
/// shows the site name and footer in several places), so pages stay as fresh as the
/// database. An export preloads one for all its pages: the publication's texts and the
/// editions are the same for each of its thousands of story pages.
#[derive(Default)]
pub struct Lookups {
    publication: OnceLock<Publication>,
    /// Published editions with their texts, when preloaded; otherwise each is queried.
    editions: Option<EditionIndex>,
}

struct EditionIndex {
    by_id: HashMap<i64, EditionRow>,
    /// The newest published edition each story is listed in.
    by_story: HashMap<i64, i64>,
    /// Each edition's texts, one per locale it has.
    texts: HashMap<i64, Vec<EditionText>>,
    /// Each edition's stories and groups.
    layouts: HashMap<i64, Layout>,
}

impl Lookups {
    /// Reads now what every page of an export needs, so pages only query their own content.
    pub fn preload(conn: &mut DbConn) -> Result<Self, DbError> {
        let by_id: HashMap<i64, EditionRow> =
            published::published_editions(conn)?.into_iter().map(|e| (e.id, e)).collect();
        let mut layouts = HashMap::new();
        for id in by_id.keys() {
            layouts.insert(*id, published::live_layout(conn, *id)?);
        }
        let mut by_story = HashMap::new();
        // Newest edition first, so the first listing of a story wins.
        for (story, edition) in published::published_memberships(conn)? {
            by_story.entry(story).or_insert(edition);
        }
        let mut texts: HashMap<i64, Vec<EditionText>> = HashMap::new();
        for text in published::published_edition_texts(conn)? {
            texts.entry(text.edition_id).or_default().push(text);
        }
        Ok(Self {
            publication: OnceLock::from(publication_of(conn)?),
            editions: Some(EditionIndex { by_id, by_story, texts, layouts }),
        })
    }

    /// The publication's settings, read on first use.
    pub fn publication(&self, conn: &mut DbConn) -> Result<&Publication, DbError> {
        if let Some(publication) = self.publication.get() {
            return Ok(publication);
        }
        let loaded = publication_of(conn)?;
        Ok(self.publication.get_or_init(|| loaded))
    }

    /// The newest published edition whose live revision lists the story.
    fn edition_of_story(&self, conn: &mut DbConn, story_id: i64) -> Result<Option<EditionRow>, DbError> {
        Ok(match &self.editions {
            Some(index) => index.by_story.get(&story_id).and_then(|id| index.by_id.get(id)).cloned(),
            None => published::published_edition_of_story(conn, story_id)?,
        })
    }

    /// A published edition's text in `locale`.
    fn edition_text(&self, conn: &mut DbConn, id: i64, locale: &str) -> Result<Option<EditionText>, DbError> {
        Ok(match &self.editions {
            Some(index) => index.texts.get(&id).and_then(|texts| texts.iter().find(|t| t.locale == locale)).cloned(),
            None => published::edition_text(conn, id, locale)?,
        })
    }

    /// A published edition's stories and groups.
    fn edition_layout(&self, conn: &mut DbConn, id: i64) -> Result<Layout, DbError> {
        Ok(match self.editions.as_ref().and_then(|index| index.layouts.get(&id)) {
            Some(layout) => layout.clone(),
            None => published::live_layout(conn, id)?,
        })
    }

    /// Where a story stands in a published edition's groups, in `locale`.
    fn group_of_story(
        &self,
        conn: &mut DbConn,
        edition_id: i64,
        story_id: i64,
        locale: &str,
    ) -> Result<Option<GroupRef>, DbError> {
        let layout = self.edition_layout(conn, edition_id)?;
        let Some(group) = layout.groups().iter().find(|g| g.story_ids.contains(&story_id)) else { return Ok(None) };
        let texts = self.edition_text(conn, edition_id, locale)?.map(|t| groups::decode_texts(&t.group_texts));
        Ok(Some(GroupRef {
            heading: texts.and_then(|mut t| t.remove(&group.key)).map(|t| t.heading).unwrap_or_default(),
            letter: group.lettered.then(|| group.story_ids.iter().position(|id| *id == story_id)).flatten(),
        }))
    }

    /// The locales a published edition has a text in.
    fn edition_locales(&self, conn: &mut DbConn, id: i64) -> Result<Vec<String>, DbError> {
        Ok(match &self.editions {
            Some(index) => index.texts.get(&id).map(|texts| texts.iter().map(|t| t.locale.clone()).collect()),
            None => None,
        }
        .map_or_else(|| published::edition_locales(conn, id), Ok)?)
    }
}

/// The publication's settings.
pub fn publication_of(conn: &mut DbConn) -> Result<Publication, DbError> {
    let contacts = publication::contacts(conn)?;
    let texts = publication::texts(conn)?
        .into_iter()
        .map(|t| PublicationText {
            locale: t.locale,
            newsletter_name: t.newsletter_name,
            postal_address: t.postal_address,
            funders_line: t.funders_line,
            sender_name: t.sender_name,
        })
        .collect();
    Ok(Publication {
        website_url: contacts.website_url,
        contact_email: contacts.contact_email,
        social_account: contacts.social_account,
        sender_address: contacts.sender_address,
        texts,
    })
}

/// What the page at `path` shows; `None` if there is no such page. `feed_entries` is the
/// length of a feed.
pub fn content(
    conn: &mut DbConn,
    lookups: &Lookups,
    path: &PagePath,
    feed_entries: usize,
) -> Result<Option<Content>, DbError> {
    Ok(match path {
        PagePath::Root => Some(Content::Root),
        PagePath::Robots => Some(Content::Robots),
        PagePath::Home(locale) => Some(Content::Home(latest_edition(conn, lookups, locale)?)),
        PagePath::Archive(locale) => Some(Content::Archive(archive(conn, lookups, locale)?)),
        PagePath::Edition(locale, slug) => edition_by_slug(conn, lookups, slug, locale)?.map(Content::Edition),
        PagePath::Story(locale, slug) => story(conn, lookups, slug, locale)?.map(Content::Story),
        PagePath::Feed(locale) => Some(Content::Feed(feed(conn, locale, feed_entries)?)),
        PagePath::Sitemap => Some(Content::Sitemap(sitemap(conn)?)),
    })
}

/// The published edition `row` in `locale`, from its live revision; `None` if it has no
/// live text in that locale. `row` must come from `db::site`, so its cover is the live one.
pub fn edition(
    conn: &mut DbConn,
    lookups: &Lookups,
    row: &EditionRow,
    locale: &str,
) -> Result<Option<Edition>, DbError> {
    let Some(text) = lookups.edition_text(conn, row.id, locale)? else { return Ok(None) };
    let cover = match row.cover_media_id {
        Some(id) => {
            let image = ImageRef { media_id: id, alt: text.cover_alt.clone(), caption: String::new() };
            images(conn, std::slice::from_ref(&image), locale)?.into_iter().next()
        }
        None => None,
    };
    let mut stories = Vec::new();
    for live in published::live_stories_in_edition(conn, row.id, locale)? {
        let snapshot = live.live.snapshot;
        let story = EditionStory {
            image: images(conn, &snapshot.images[..snapshot.images.len().min(1)], locale)?.into_iter().next(),
            slug: live.story.slug,
            section: live.story.section,
            title: snapshot.title,
            summary: snapshot.summary,
            letter: None,
        };
        stories.push((live.story.id, story));
    }
    let layout = lookups.edition_layout(conn, row.id)?;
    let parts = parts(&layout, groups::decode_texts(&text.group_texts), stories);
    Ok(Some(Edition {
        id: row.id,
        number: row.number,
        slug: row.slug.clone(),
        locale: locale.to_owned(),
        published_on: row.published_at.map(|d| d.date()),
        title: text.title,
        foreword: text.foreword,
        signature_name: text.signature_name,
        signature_role: text.signature_role,
        cover,
        parts,
        locales: lookups.edition_locales(conn, row.id)?,
    }))
}

/// The edition's live stories (with their ids, in its order) arranged as its `layout` groups
/// them, with each group's texts; one part when it has no groups.
fn parts(layout: &Layout, mut texts: groups::GroupTexts, stories: Vec<(i64, EditionStory)>) -> Vec<EditionPart> {
    if layout.groups().is_empty() {
        return vec![EditionPart {
            stories: stories.into_iter().map(|(_, story)| story).collect(),
            ..Default::default()
        }];
    }
    let mut stories: HashMap<i64, EditionStory> = stories.into_iter().collect();
    layout
        .groups()
        .iter()
        .filter_map(|group| {
            let members: Vec<EditionStory> = group
                .story_ids
                .iter()
                .enumerate()
                .filter_map(|(place, id)| {
                    stories.remove(id).map(|story| EditionStory { letter: group.lettered.then_some(place), ..story })
                })
                .collect();
            if members.is_empty() {
                return None;
            }
            let text = texts.remove(&group.key).unwrap_or_default();
            Some(EditionPart {
                key: Some(group.key.clone()),
                heading: text.heading,
                intro: text.intro,
                stories: members,
            })
        })
        .collect()
}

/// The published edition with this slug, in `locale`.
pub fn edition_by_slug(
    conn: &mut DbConn,
    lookups: &Lookups,
    slug: &str,
    locale: &str,
) -> Result<Option<Edition>, DbError> {
    let Some(row) = published::published_edition(conn, slug)? else { return Ok(None) };
    edition(conn, lookups, &row, locale)
}

/// The published edition with this id, in `locale`.
pub fn edition_by_id(conn: &mut DbConn, lookups: &Lookups, id: i64, locale: &str) -> Result<Option<Edition>, DbError> {
    let Some(row) = published::published_edition_by_id(conn, id)? else { return Ok(None) };
    edition(conn, lookups, &row, locale)
}

/// The newest published edition with a text in `locale`.
pub fn latest_edition(conn: &mut DbConn, lookups: &Lookups, locale: &str) -> Result<Option<Edition>, DbError> {
    for row in published::published_editions(conn)? {
        if let Some(found) = edition(conn, lookups, &row, locale)? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// Published editions with a text in `locale`, newest first.
pub fn editions(conn: &mut DbConn, lookups: &Lookups, locale: &str) -> Result<Vec<EditionSummary>, DbError> {
    let mut list = Vec::new();
    for row in published::published_editions(conn)? {
        let Some(text) = lookups.edition_text(conn, row.id, locale)? else { continue };
        list.push(EditionSummary {
            number: row.number,
            slug: row.slug,
            title: text.title,
            published_on: row.published_at.map(|d| d.date()),
        });
    }
    Ok(list)
}

/// [`editions`], each with how many of its stories are live in `locale`.
pub fn archive(conn: &mut DbConn, lookups: &Lookups, locale: &str) -> Result<Vec<ArchiveEntry>, DbError> {
    let mut entries = Vec::new();
    for row in published::published_editions(conn)? {
        let Some(text) = lookups.edition_text(conn, row.id, locale)? else { continue };
        let stories = published::live_story_count_in_edition(conn, row.id, locale)? as usize;
        let edition = EditionSummary {
            number: row.number,
            slug: row.slug,
            title: text.title,
            published_on: row.published_at.map(|d| d.date()),
        };
        entries.push(ArchiveEntry { edition, stories });
    }
    Ok(entries)
}

/// The published story with this slug, in `locale`.
pub fn story(conn: &mut DbConn, lookups: &Lookups, slug: &str, locale: &str) -> Result<Option<Story>, DbError> {
    let Some(live) = published::live_story(conn, slug, locale)? else { return Ok(None) };
    let edition = edition_ref(conn, lookups, live.story.id, locale)?;
    let published_on = live.translation.published_at.unwrap_or(live.live.revision.created_at).date();
    let snapshot = live.live.snapshot;
    Ok(Some(Story {
        locales: published::live_locales(conn, live.story.id)?,
        images: images(conn, &snapshot.images, locale)?,
        slug: live.story.slug,
        section: live.story.section,
        locale: locale.to_owned(),
        title: snapshot.title,
        summary: snapshot.summary,
        body: snapshot.body,
        link: snapshot.link,
        published_on,
        edition,
    }))
}

/// The newest published edition that lists the story, as the story's page in `locale`
/// names it.
fn edition_ref(
    conn: &mut DbConn,
    lookups: &Lookups,
    story_id: i64,
    locale: &str,
) -> Result<Option<EditionRef>, DbError> {
    let Some(row) = lookups.edition_of_story(conn, story_id)? else { return Ok(None) };
    Ok(Some(EditionRef {
        title: lookups.edition_text(conn, row.id, locale)?.map(|text| text.title),
        group: lookups.group_of_story(conn, row.id, story_id, locale)?,
        number: row.number,
        slug: row.slug,
    }))
}

/// Whether the story with this slug was published in `locale` and has been unpublished.
pub fn withdrawn_story(conn: &mut DbConn, slug: &str, locale: &str) -> Result<bool, DbError> {
    Ok(published::withdrawn_story(conn, slug, locale)?)
}

/// The story with id `story_id` in `locale` as its latest revision reads (a draft too), for
/// the desk's preview: the same view [`story`] builds from the live revision, so the
/// preview renders exactly as the published page will. `None` if it has no text in `locale`.
pub fn latest_story(
    conn: &mut DbConn,
    lookups: &Lookups,
    story_id: i64,
    locale: &str,
) -> Result<Option<Story>, DbError> {
    let Some(row) = crate::db::stories::find(conn, story_id)? else { return Ok(None) };
    let Some(translation) = crate::db::translations::find(conn, story_id, locale)? else { return Ok(None) };
    let Some(latest) = crate::db::translations::revision(conn, translation.latest_revision_id)? else {
        return Ok(None);
    };
    let edition = edition_ref(conn, lookups, story_id, locale)?;
    // A draft has no publication date yet: it shows the day it would have if published now.
    let published_on = translation.published_at.unwrap_or_else(crate::db::now).date();
    let mut locales = published::live_locales(conn, story_id)?;
    if !locales.iter().any(|l| l == locale) {
        locales.push(locale.to_owned());
    }
    let snapshot = latest.snapshot;
    Ok(Some(Story {
        locales,
        images: images(conn, &snapshot.images, locale)?,
        slug: row.slug,
        section: row.section,
        locale: locale.to_owned(),
        title: snapshot.title,
        summary: snapshot.summary,
        body: snapshot.body,
        link: snapshot.link,
        published_on,
        edition,
    }))
}

/// The `limit` most recently published stories in `locale`.
pub fn feed(conn: &mut DbConn, locale: &str, limit: usize) -> Result<Vec<FeedEntry>, DbError> {
    Ok(published::recent_live(conn, locale, limit as i64)?
        .into_iter()
        .map(|live| FeedEntry {
            slug: live.story.slug,
            published_at: live.translation.published_at,
            revised_at: live.live.revision.created_at,
            title: live.live.snapshot.title,
            summary: live.live.snapshot.summary,
            body: live.live.snapshot.body,
        })
        .collect())
}

/// Every published edition and story, with their locales.
pub fn sitemap(conn: &mut DbConn) -> Result<Sitemap, DbError> {
    let mut editions = Vec::new();
    for row in published::published_editions(conn)? {
        editions.push(SitemapEdition {
            locales: published::edition_locales(conn, row.id)?,
            published_on: row.published_at.map(|d| d.date()),
            slug: row.slug,
        });
    }
    let stories = published::all_live(conn)?
        .into_iter()
        .map(|(slug, locale, published_at)| SitemapStory { slug, locale, published_on: published_at.map(|d| d.date()) })
        .collect();
    Ok(Sitemap { editions, stories })
}

/// The images `refs` place in a text in `locale`, with their credits in that locale and their
/// variants, skipping any whose file is gone.
pub fn images(conn: &mut DbConn, refs: &[ImageRef], locale: &str) -> Result<Vec<Image>, DbError> {
    let mut found = Vec::with_capacity(refs.len());
    for image in refs {
        let Some(file) = media::find(conn, image.media_id)? else { continue };
        let own = media::credit_in(conn, file.id, locale)?;
        let variants = media::variants_of(conn, &[file.id])?
            .into_iter()
            .map(|v| ImageVariant { file_name: v.file_name, width: v.width, height: v.height })
            .collect();
        found.push(Image {
            file_name: file.file_name,
            width: file.width,
            height: file.height,
            alt: image.alt.clone(),
            caption: image.caption.clone(),
            credit: own.unwrap_or(file.credit),
            variants,
        });
    }
    Ok(found)
}
