//! Rendering each kind of page from published content through the theme's templates.

use std::collections::HashMap;
use std::sync::OnceLock;

use minijinja::value::Serde;
use minijinja::{context, Value};
use serde::Serialize;

use super::cache::Page;
use super::paths::PagePath;
use super::{feed, Site};
use crate::config::Direction;
use crate::db::editions::{Edition, EditionText};
use crate::db::publication::{Contacts, PublicationText};
use crate::db::site::{self, LiveStory};
use crate::db::{media, publication, DbConn};
use crate::domain::revision::ImageRef;
use crate::error::ApiError;
use crate::render::markdown::to_safe_html;

const HTML: &str = "text/html; charset=utf-8";

#[derive(Serialize)]
struct SiteContext {
    name: String,
    base: String,
    home: String,
    archive: String,
    feed: String,
    feed_href: String,
    footer: Footer,
}

/// The publication's contact lines in one locale, for page and email footers.
#[derive(Serialize, Default)]
pub(crate) struct Footer {
    website_url: String,
    website_label: String,
    contact_email: String,
    social_account: String,
    postal_address: String,
    funders_line: String,
}

#[derive(Serialize)]
struct Meta {
    title: String,
    og_title: String,
    description: String,
    canonical: String,
    og_type: &'static str,
    og_locale: String,
    og_image: Option<String>,
    alternates: Vec<Alternate>,
    x_default: String,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    name: String,
    dir: &'static str,
    href: String,
    path: String,
    og_locale: String,
}

#[derive(Serialize)]
pub struct ImageContext {
    pub src: String,
    /// Absolute, for OpenGraph and the public API.
    pub href: String,
    pub width: i32,
    pub height: i32,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

#[derive(Serialize)]
struct EditionContext {
    number: i32,
    title: String,
    date: String,
    foreword_html: String,
    signature: Signature,
    cover: Option<ImageContext>,
    stories: Vec<StoryCard>,
}

#[derive(Serialize)]
struct Signature {
    name: String,
    role: String,
}

#[derive(Serialize)]
struct StoryCard {
    path: String,
    section: String,
    title: String,
    summary: String,
    image: Option<ImageContext>,
}

#[derive(Serialize)]
struct StoryContext {
    title: String,
    summary: String,
    date: String,
    body_html: String,
    images: Vec<ImageContext>,
    link: Option<String>,
    edition: Option<EditionLink>,
}

#[derive(Serialize)]
struct EditionLink {
    number: i32,
    title: String,
    path: String,
}

#[derive(Serialize)]
struct ArchiveEntry {
    number: i32,
    title: String,
    date: String,
    path: String,
    stories: usize,
}

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

struct Publication {
    contacts: Contacts,
    texts: Vec<PublicationText>,
}

struct EditionIndex {
    by_id: HashMap<i64, Edition>,
    /// The newest published edition each story is listed in.
    by_story: HashMap<i64, i64>,
    /// Each edition's texts, one per locale it has.
    texts: HashMap<i64, Vec<EditionText>>,
}

impl Lookups {
    /// Reads now what every page of an export needs, so pages only query their own content.
    pub fn preload(conn: &mut DbConn) -> Result<Self, ApiError> {
        let by_id = site::published_editions(conn)?.into_iter().map(|e| (e.id, e)).collect();
        let mut by_story = HashMap::new();
        // Newest edition first, so the first listing of a story wins.
        for (story, edition) in site::published_memberships(conn)? {
            by_story.entry(story).or_insert(edition);
        }
        let mut texts: HashMap<i64, Vec<EditionText>> = HashMap::new();
        for text in site::published_edition_texts(conn)? {
            texts.entry(text.edition_id).or_default().push(text);
        }
        Ok(Self {
            publication: OnceLock::from(Publication::load(conn)?),
            editions: Some(EditionIndex { by_id, by_story, texts }),
        })
    }

    fn publication(&self, conn: &mut DbConn) -> Result<&Publication, ApiError> {
        if let Some(publication) = self.publication.get() {
            return Ok(publication);
        }
        let loaded = Publication::load(conn)?;
        Ok(self.publication.get_or_init(|| loaded))
    }

    /// The newest published edition whose live revision lists the story.
    fn edition_of_story(&self, conn: &mut DbConn, story_id: i64) -> Result<Option<Edition>, ApiError> {
        Ok(match &self.editions {
            Some(index) => index.by_story.get(&story_id).and_then(|id| index.by_id.get(id)).cloned(),
            None => site::published_edition_of_story(conn, story_id)?,
        })
    }

    /// A published edition's text in `locale`.
    fn edition_text(&self, conn: &mut DbConn, id: i64, locale: &str) -> Result<Option<EditionText>, ApiError> {
        Ok(match &self.editions {
            Some(index) => index.texts.get(&id).and_then(|texts| texts.iter().find(|t| t.locale == locale)).cloned(),
            None => site::edition_text(conn, id, locale)?,
        })
    }
}

impl Publication {
    fn load(conn: &mut DbConn) -> Result<Self, ApiError> {
        Ok(Self { contacts: publication::contacts(conn)?, texts: publication::texts(conn)? })
    }

    fn name(&self, site: &Site, locale: &str) -> String {
        newsletter_name(&self.texts, site, locale)
    }

    fn footer(&self, locale: &str) -> Footer {
        let contacts = &self.contacts;
        let texts = self.texts.iter().find(|t| t.locale == locale);
        let website_label =
            contacts.website_url.split_once("://").map_or(contacts.website_url.as_str(), |(_, rest)| rest);
        Footer {
            website_label: website_label.trim_end_matches('/').to_owned(),
            website_url: contacts.website_url.clone(),
            contact_email: contacts.contact_email.clone(),
            social_account: contacts.social_account.clone(),
            postal_address: texts.map(|t| t.postal_address.clone()).unwrap_or_default(),
            funders_line: texts.map(|t| t.funders_line.clone()).unwrap_or_default(),
        }
    }
}

pub(super) fn render(
    site: &Site,
    conn: &mut DbConn,
    lookups: &Lookups,
    page: &PagePath,
) -> Result<Option<Page>, ApiError> {
    match page {
        PagePath::Root => root(site, conn, lookups).map(Some),
        PagePath::Home(locale) => home(site, conn, lookups, locale).map(Some),
        PagePath::Archive(locale) => archive(site, conn, lookups, locale).map(Some),
        PagePath::Edition(locale, slug) => edition(site, conn, lookups, locale, slug),
        PagePath::Story(locale, slug) => story(site, conn, lookups, locale, slug),
        PagePath::Feed(locale) => feed::atom(site, conn, locale).map(Some),
        PagePath::Sitemap => sitemap(site, conn).map(Some),
        PagePath::Robots => {
            let text = site.theme.render("site/robots.txt", context! { sitemap => site.base.absolute("/sitemap.xml") });
            Ok(Some(Page::new(template(text)?.into_bytes(), "text/plain; charset=utf-8")))
        }
    }
}

fn root(site: &Site, conn: &mut DbConn, lookups: &Lookups) -> Result<Page, ApiError> {
    let default = site.l10n.default_locale().to_owned();
    let choices: Vec<Alternate> = site.l10n.codes().map(|code| alternate(site, &PagePath::Home(code.into()))).collect();
    let html = site.theme.render(
        "site/index.html",
        context! {
            lang => default.clone(),
            dir => direction(site, &default),
            site => Value::from(Serde(site_context(site, conn, lookups, &default)?)),
            default_path => site.base.link(&PagePath::Home(default.clone()).path()),
            choices => Value::from(Serde(&choices)),
        },
    );
    Ok(Page::new(template(html)?.into_bytes(), HTML))
}

fn home(site: &Site, conn: &mut DbConn, lookups: &Lookups, locale: &str) -> Result<Page, ApiError> {
    let latest = site::published_editions(conn)?
        .into_iter()
        .find_map(|edition| lookups.edition_text(conn, edition.id, locale).ok().flatten().map(|_| edition));
    let page = PagePath::Home(locale.to_owned());
    let all_locales: Vec<String> = site.l10n.codes().map(str::to_owned).collect();
    let edition = latest.map(|e| edition_context(site, conn, lookups, &e, locale)).transpose()?.flatten();
    let name = lookups.publication(conn)?.name(site, locale);
    let description = edition.as_ref().map_or_else(|| name.clone(), |e| e.title.clone());
    let og_image = edition.as_ref().and_then(|e| e.cover.as_ref().map(|c| c.href.clone()));
    let meta = meta(site, &page, &all_locales, name.clone(), name, description, "website", og_image);
    render_html(
        site,
        conn,
        lookups,
        "site/edition.html",
        locale,
        meta,
        context! { edition => Value::from(Serde(&edition)) },
    )
}

fn edition(
    site: &Site,
    conn: &mut DbConn,
    lookups: &Lookups,
    locale: &str,
    slug: &str,
) -> Result<Option<Page>, ApiError> {
    let Some(found) = site::published_edition(conn, slug)? else { return Ok(None) };
    let Some(edition) = edition_context(site, conn, lookups, &found, locale)? else { return Ok(None) };
    let locales = site::edition_locales(conn, found.id)?;
    let page = PagePath::Edition(locale.to_owned(), slug.to_owned());
    let name = lookups.publication(conn)?.name(site, locale);
    let title = format!("{} — {}", edition.title, name);
    let og_image = edition.cover.as_ref().map(|c| c.href.clone());
    let meta = meta(site, &page, &locales, title, edition.title.clone(), edition.title.clone(), "website", og_image);
    render_html(
        site,
        conn,
        lookups,
        "site/edition.html",
        locale,
        meta,
        context! { edition => Value::from(Serde(&edition)) },
    )
    .map(Some)
}

fn story(
    site: &Site,
    conn: &mut DbConn,
    lookups: &Lookups,
    locale: &str,
    slug: &str,
) -> Result<Option<Page>, ApiError> {
    let Some(live) = site::live_story(conn, slug, locale)? else { return Ok(None) };
    let locales = site::live_locales(conn, live.story.id)?;
    let images = images(site, conn, &live.live.snapshot.images)?;
    let edition = lookups.edition_of_story(conn, live.story.id)?.and_then(|e| {
        let text = lookups.edition_text(conn, e.id, locale).ok().flatten()?;
        let path = site.base.link(&PagePath::Edition(locale.to_owned(), e.slug.clone()).path());
        Some(EditionLink { number: e.number, title: text.title, path })
    });
    let snapshot = &live.live.snapshot;
    let page = PagePath::Story(locale.to_owned(), slug.to_owned());
    let name = lookups.publication(conn)?.name(site, locale);
    let description = if snapshot.summary.is_empty() { excerpt(&snapshot.body) } else { snapshot.summary.clone() };
    let og_image = images.first().map(|i| i.href.clone());
    let title = format!("{} — {}", snapshot.title, name);
    let meta = meta(site, &page, &locales, title, snapshot.title.clone(), description, "article", og_image);
    let story = StoryContext {
        title: snapshot.title.clone(),
        summary: snapshot.summary.clone(),
        date: date_of(&live),
        body_html: to_safe_html(&snapshot.body),
        images,
        link: snapshot.link.clone(),
        edition,
    };
    render_html(site, conn, lookups, "site/story.html", locale, meta, context! { story => Value::from(Serde(&story)) })
        .map(Some)
}

fn archive(site: &Site, conn: &mut DbConn, lookups: &Lookups, locale: &str) -> Result<Page, ApiError> {
    let mut editions = Vec::new();
    for edition in site::published_editions(conn)? {
        let Some(text) = lookups.edition_text(conn, edition.id, locale)? else { continue };
        editions.push(ArchiveEntry {
            number: edition.number,
            title: text.title,
            date: edition.published_at.map(|d| d.date().to_string()).unwrap_or_default(),
            path: site.base.link(&PagePath::Edition(locale.to_owned(), edition.slug.clone()).path()),
            stories: site::live_story_count_in_edition(conn, edition.id, locale)? as usize,
        });
    }
    let page = PagePath::Archive(locale.to_owned());
    let all_locales: Vec<String> = site.l10n.codes().map(str::to_owned).collect();
    let title = site.l10n.text(locale, "site-archive-title", &crate::l10n::Args::new());
    let name = lookups.publication(conn)?.name(site, locale);
    let meta = meta(site, &page, &all_locales, format!("{title} — {name}"), title.clone(), title, "website", None);
    render_html(
        site,
        conn,
        lookups,
        "site/archive.html",
        locale,
        meta,
        context! { editions => Value::from(Serde(&editions)) },
    )
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
    alternates: Vec<SitemapAlternate>,
}

#[derive(Serialize, Clone)]
struct SitemapAlternate {
    lang: String,
    href: String,
}

fn sitemap(site: &Site, conn: &mut DbConn) -> Result<Page, ApiError> {
    let codes: Vec<String> = site.l10n.codes().map(str::to_owned).collect();
    let mut entries = Vec::new();
    let mut add = |pages: Vec<(PagePath, Option<String>)>| {
        let alternates: Vec<SitemapAlternate> = pages
            .iter()
            .filter_map(|(page, _)| {
                let lang = page_locale(page)?;
                Some(SitemapAlternate { lang, href: site.base.absolute(&page.path()) })
            })
            .collect();
        for (page, lastmod) in &pages {
            let alternates = if pages.len() > 1 { alternates.clone() } else { Vec::new() };
            entries.push(SitemapEntry { loc: site.base.absolute(&page.path()), lastmod: lastmod.clone(), alternates });
        }
    };
    add(codes.iter().map(|c| (PagePath::Home(c.clone()), None)).collect());
    add(codes.iter().map(|c| (PagePath::Archive(c.clone()), None)).collect());
    for edition in site::published_editions(conn)? {
        let locales = site::edition_locales(conn, edition.id)?;
        let lastmod = edition.published_at.map(|d| d.date().to_string());
        add(locales.into_iter().map(|l| (PagePath::Edition(l, edition.slug.clone()), lastmod.clone())).collect());
    }
    let mut live = site::all_live(conn)?.into_iter().peekable();
    while let Some((slug, locale, published)) = live.next() {
        let mut group = vec![(PagePath::Story(locale, slug.clone()), published.map(|d| d.date().to_string()))];
        while let Some((_, locale, published)) = live.next_if(|(next, _, _)| *next == slug) {
            group.push((PagePath::Story(locale, slug.clone()), published.map(|d| d.date().to_string())));
        }
        add(group);
    }
    let xml = site.theme.render("site/sitemap.xml", context! { entries => Value::from(Serde(&entries)) });
    Ok(Page::new(template(xml)?.into_bytes(), "application/xml; charset=utf-8"))
}

fn page_locale(page: &PagePath) -> Option<String> {
    match page {
        PagePath::Home(l)
        | PagePath::Archive(l)
        | PagePath::Feed(l)
        | PagePath::Edition(l, _)
        | PagePath::Story(l, _) => Some(l.clone()),
        _ => None,
    }
}

/// The edition as a page shows it in `locale`; `None` if it has no text in that locale.
fn edition_context(
    site: &Site,
    conn: &mut DbConn,
    lookups: &Lookups,
    edition: &Edition,
    locale: &str,
) -> Result<Option<EditionContext>, ApiError> {
    let Some(text) = lookups.edition_text(conn, edition.id, locale)? else { return Ok(None) };
    let cover = match edition.cover_media_id {
        Some(id) => {
            let image = ImageRef { media_id: id, alt: text.cover_alt.clone(), caption: String::new() };
            images(site, conn, std::slice::from_ref(&image))?.into_iter().next()
        }
        None => None,
    };
    let mut stories = Vec::new();
    for live in site::live_stories_in_edition(conn, edition.id, locale)? {
        let snapshot = &live.live.snapshot;
        stories.push(StoryCard {
            path: site.base.link(&PagePath::Story(locale.to_owned(), live.story.slug.clone()).path()),
            section: live.story.section.clone(),
            title: snapshot.title.clone(),
            summary: snapshot.summary.clone(),
            image: images(site, conn, &snapshot.images[..snapshot.images.len().min(1)])?.into_iter().next(),
        });
    }
    Ok(Some(EditionContext {
        number: edition.number,
        title: text.title,
        date: edition.published_at.map(|d| d.date().to_string()).unwrap_or_default(),
        foreword_html: to_safe_html(&text.foreword),
        signature: Signature { name: text.signature_name, role: text.signature_role },
        cover,
        stories,
    }))
}

pub(crate) fn images(site: &Site, conn: &mut DbConn, refs: &[ImageRef]) -> Result<Vec<ImageContext>, ApiError> {
    let mut found = Vec::with_capacity(refs.len());
    for image in refs {
        let Some(file) = media::find(conn, image.media_id)? else { continue };
        let path = format!("/media/{}", file.file_name);
        found.push(ImageContext {
            src: site.base.link(&path),
            href: site.base.absolute(&path),
            width: file.width,
            height: file.height,
            alt: image.alt.clone(),
            caption: image.caption.clone(),
            credit: file.credit,
        });
    }
    Ok(found)
}

pub(crate) fn date_of(live: &LiveStory) -> String {
    live.translation.published_at.unwrap_or(live.live.revision.created_at).date().to_string()
}

/// About the first 160 characters of a Markdown text, as plain words.
fn excerpt(markdown: &str) -> String {
    let plain: String = markdown.chars().filter(|c| !matches!(c, '#' | '*' | '_' | '`' | '>' | '[' | ']')).collect();
    let words = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    match words.char_indices().nth(160) {
        Some((cut, _)) => format!("{}…", &words[..cut]),
        None => words,
    }
}

#[allow(clippy::too_many_arguments)]
fn meta(
    site: &Site,
    page: &PagePath,
    locales: &[String],
    title: String,
    og_title: String,
    description: String,
    og_type: &'static str,
    og_image: Option<String>,
) -> Meta {
    // Alternates in configuration order, only for locales the page exists in.
    let alternates: Vec<Alternate> = site
        .l10n
        .codes()
        .filter(|code| locales.iter().any(|l| l == code))
        .filter_map(|code| page.in_locale(code))
        .map(|other| alternate(site, &other))
        .collect();
    let x_default = alternates
        .iter()
        .find(|a| a.lang == site.l10n.default_locale())
        .or(alternates.first())
        .map_or_else(|| site.base.absolute(&page.path()), |a| a.href.clone());
    let lang = page_locale(page).unwrap_or_default();
    Meta {
        title,
        og_title,
        description,
        canonical: site.base.absolute(&page.path()),
        og_type,
        og_locale: lang.replace('-', "_"),
        og_image,
        alternates,
        x_default,
    }
}

fn alternate(site: &Site, page: &PagePath) -> Alternate {
    let lang = page_locale(page).unwrap_or_default();
    let name = site.l10n.settings().find(|s| s.code == lang).map(|s| s.name.clone()).unwrap_or_else(|| lang.clone());
    Alternate {
        dir: direction(site, &lang),
        href: site.base.absolute(&page.path()),
        path: site.base.link(&page.path()),
        og_locale: lang.replace('-', "_"),
        name,
        lang,
    }
}

fn render_html(
    site: &Site,
    conn: &mut DbConn,
    lookups: &Lookups,
    template_name: &str,
    locale: &str,
    meta: Meta,
    page: Value,
) -> Result<Page, ApiError> {
    let html = site.theme.render(
        template_name,
        context! {
            lang => locale,
            dir => direction(site, locale),
            site => Value::from(Serde(site_context(site, conn, lookups, locale)?)),
            meta => Value::from(Serde(&meta)),
            ..page
        },
    );
    Ok(Page::new(template(html)?.into_bytes(), HTML))
}

fn site_context(site: &Site, conn: &mut DbConn, lookups: &Lookups, locale: &str) -> Result<SiteContext, ApiError> {
    let feed = PagePath::Feed(locale.to_owned()).path();
    let publication = lookups.publication(conn)?;
    Ok(SiteContext {
        name: publication.name(site, locale),
        base: site.base.link(""),
        home: site.base.link(&PagePath::Home(locale.to_owned()).path()),
        archive: site.base.link(&PagePath::Archive(locale.to_owned()).path()),
        feed: site.base.link(&feed),
        feed_href: site.base.absolute(&feed),
        footer: publication.footer(locale),
    })
}

pub(crate) fn footer(conn: &mut DbConn, locale: &str) -> Result<Footer, ApiError> {
    Ok(Publication::load(conn)?.footer(locale))
}

/// The newsletter's name in `locale`, or the localized default name when none is set.
pub(crate) fn site_name(conn: &mut DbConn, site: &Site, locale: &str) -> Result<String, ApiError> {
    Ok(newsletter_name(&publication::texts(conn)?, site, locale))
}

fn newsletter_name(texts: &[PublicationText], site: &Site, locale: &str) -> String {
    texts
        .iter()
        .find(|t| t.locale == locale && !t.newsletter_name.is_empty())
        .map(|t| t.newsletter_name.clone())
        .unwrap_or_else(|| site.l10n.plain(locale, "site-default-name", &crate::l10n::Args::new()))
}

fn direction(site: &Site, locale: &str) -> &'static str {
    match site.l10n.direction(locale) {
        Direction::Rtl => "rtl",
        Direction::Ltr => "ltr",
    }
}

fn template(result: Result<String, minijinja::Error>) -> Result<String, ApiError> {
    result.map_err(|error| {
        tracing::error!(%error, "template failed");
        ApiError::Internal
    })
}
