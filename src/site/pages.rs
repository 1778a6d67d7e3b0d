//! Rendering each kind of page from the view structs a loader filled (`site::view`), through
//! the theme's templates. Pure: no database here, so the web pages and the static export
//! render the same bytes from the same structs.

use minijinja::value::Serde;
use minijinja::{context, Value};
use serde::Serialize;

use super::cache::Rendered;
use super::paths::PagePath;
use super::view::{ArchiveEntry, Content, Edition, ErrorPage, Publication, Sitemap, Story};
use super::{feed, Site, SiteError};
use crate::l10n::Direction;
use crate::render::markdown::to_safe_html;

pub use super::image::ImageContext;

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
    subscribe: SubscribeForm,
}

/// What the subscribe form needs: where it posts (the server's public address, so that it
/// works from a copy of the site hosted elsewhere) and the languages to choose from.
#[derive(Serialize)]
pub(crate) struct SubscribeForm {
    action: String,
    locales: Vec<LocaleChoice>,
    /// What was typed, on the form's own page after a mistake.
    email: String,
    /// Whether `email` was refused.
    invalid: bool,
}

/// A configured locale, named in its own language.
#[derive(Serialize)]
pub(crate) struct LocaleChoice {
    pub(crate) code: String,
    pub(crate) name: String,
}

impl SubscribeForm {
    pub(crate) fn new(site: &Site) -> Self {
        Self {
            action: site.forms.absolute("/subscribe"),
            locales: locale_choices(site),
            email: String::new(),
            invalid: false,
        }
    }

    /// The form again with what was typed, refused or not, on a page of its own.
    /// On the server's own page of the form it posts to the same host, whichever name the
    /// reader reached it by.
    pub(crate) fn refilled(site: &Site, email: &str, invalid: bool) -> Self {
        Self { action: site.base.link("/subscribe"), email: email.to_owned(), invalid, ..Self::new(site) }
    }
}

/// Every configured locale, in the configuration's order.
pub(crate) fn locale_choices(site: &Site) -> Vec<LocaleChoice> {
    site.l10n.settings().map(|s| LocaleChoice { code: s.code.clone(), name: s.name.clone() }).collect()
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

impl Footer {
    pub(crate) fn new(publication: &Publication, locale: &str) -> Self {
        let text = publication.text(locale);
        let website_label =
            publication.website_url.split_once("://").map_or(publication.website_url.as_str(), |(_, rest)| rest);
        Footer {
            website_label: website_label.trim_end_matches('/').to_owned(),
            website_url: publication.website_url.clone(),
            contact_email: publication.contact_email.clone(),
            social_account: publication.social_account.clone(),
            postal_address: text.map(|t| t.postal_address.clone()).unwrap_or_default(),
            funders_line: text.map(|t| t.funders_line.clone()).unwrap_or_default(),
        }
    }
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
struct EditionContext {
    number: i32,
    title: String,
    date: String,
    foreword_html: String,
    signature: Signature,
    cover: Option<ImageContext>,
    parts: Vec<PartContext>,
    story_count: usize,
}

/// A group of stories on the edition page (or all of them, without a heading).
#[derive(Serialize)]
struct PartContext {
    /// For the group's anchor; empty for an edition without groups.
    key: String,
    heading: String,
    intro_html: String,
    stories: Vec<StoryCard>,
}

/// Who signs an edition's foreword, in pages and emails.
#[derive(Serialize)]
pub(crate) struct Signature {
    name: String,
    role: String,
}

impl Signature {
    pub(crate) fn of(edition: &Edition) -> Self {
        Self { name: edition.signature_name.clone(), role: edition.signature_role.clone() }
    }
}

#[derive(Serialize)]
struct StoryCard {
    path: String,
    /// Its letter in a lettered group, in the page's locale.
    label: Option<String>,
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
    /// The story's group heading there, if it has one.
    group: Option<String>,
    /// The story's letter in its group, in the page's locale.
    label: Option<String>,
}

#[derive(Serialize)]
struct ArchiveContext {
    number: i32,
    title: String,
    date: String,
    path: String,
    stories: usize,
}

/// The page at `page`, showing `content`, with the publication's name and footer.
pub(super) fn render(
    site: &Site,
    publication: &Publication,
    page: &PagePath,
    content: &Content,
) -> Result<Rendered, SiteError> {
    let locale = page_locale(page).unwrap_or_default();
    match content {
        Content::Root => root(site, publication),
        Content::Home(edition) => home(site, publication, &locale, edition.as_ref()),
        Content::Archive(editions) => archive(site, publication, &locale, editions),
        Content::Edition(edition) => edition_page(site, publication, edition),
        Content::Story(story) => story_page(site, publication, story),
        Content::Feed(entries) => Ok(feed::atom(site, &locale, &site.name(publication, &locale), entries)),
        Content::Sitemap(sitemap) => render_sitemap(site, sitemap),
        Content::Robots => {
            let name = "site/robots.txt";
            let text = site.theme.render(name, context! { sitemap => site.base.absolute("/sitemap.xml") });
            Ok(Rendered::new(template(name, text)?.into_bytes(), "text/plain; charset=utf-8"))
        }
    }
}

fn root(site: &Site, publication: &Publication) -> Result<Rendered, SiteError> {
    let default = site.l10n.default_locale().to_owned();
    let choices: Vec<Alternate> = site.l10n.codes().map(|code| alternate(site, &PagePath::Home(code.into()))).collect();
    let name = "site/index.html";
    let html = site.theme.render(
        name,
        context! {
            lang => default.clone(),
            dir => direction(site, &default),
            site => Value::from(Serde(site_context(site, publication, &default))),
            default_path => site.base.link(&PagePath::Home(default.clone()).path()),
            choices => Value::from(Serde(&choices)),
        },
    );
    Ok(Rendered::new(template(name, html)?.into_bytes(), HTML))
}

fn home(site: &Site, publication: &Publication, locale: &str, latest: Option<&Edition>) -> Result<Rendered, SiteError> {
    let page = PagePath::Home(locale.to_owned());
    let all_locales: Vec<String> = site.l10n.codes().map(str::to_owned).collect();
    let edition = latest.map(|e| edition_context(site, e));
    let name = site.name(publication, locale);
    let description = edition.as_ref().map_or_else(|| name.clone(), |e| e.title.clone());
    let og_image = edition.as_ref().and_then(|e| e.cover.as_ref().map(|c| c.share_href.clone()));
    let meta = meta(site, &page, &all_locales, name.clone(), name, description, "website", og_image);
    render_html(
        site,
        publication,
        "site/edition.html",
        locale,
        meta,
        context! { edition => Value::from(Serde(&edition)), is_home => true },
    )
}

/// The page a browser gets, in `locale`, for an address that shows nothing: the site's
/// frame (its name, navigation and footer) around a sentence and the ways back in. It has
/// no address of its own, so no canonical link and no alternates, and asks not to be indexed.
pub(super) fn error_page(
    site: &Site,
    publication: &Publication,
    locale: &str,
    error: ErrorPage,
) -> Result<Rendered, SiteError> {
    let key = error.key();
    let title = site.l10n.plain(locale, &format!("error-{key}-title"), &crate::l10n::Args::new());
    let meta = Meta {
        title: format!("{title} — {}", site.name(publication, locale)),
        og_title: title,
        description: String::new(),
        canonical: String::new(),
        og_type: "website",
        og_locale: locale.replace('-', "_"),
        og_image: None,
        alternates: Vec::new(),
        x_default: String::new(),
    };
    render_html(site, publication, "site/error.html", locale, meta, context! { error => key })
}

fn edition_page(site: &Site, publication: &Publication, found: &Edition) -> Result<Rendered, SiteError> {
    let locale = found.locale.as_str();
    let edition = edition_context(site, found);
    let page = PagePath::Edition(locale.to_owned(), found.slug.clone());
    let title = format!("{} — {}", edition.title, site.name(publication, locale));
    let og_image = edition.cover.as_ref().map(|c| c.share_href.clone());
    let meta =
        meta(site, &page, &found.locales, title, edition.title.clone(), edition.title.clone(), "website", og_image);
    render_html(
        site,
        publication,
        "site/edition.html",
        locale,
        meta,
        context! { edition => Value::from(Serde(&edition)) },
    )
}

fn story_page(site: &Site, publication: &Publication, live: &Story) -> Result<Rendered, SiteError> {
    let locale = live.locale.as_str();
    let images: Vec<ImageContext> = live.images.iter().map(|image| ImageContext::new(site, image)).collect();
    let edition = live.edition.as_ref().and_then(|e| {
        let path = site.base.link(&PagePath::Edition(locale.to_owned(), e.slug.clone()).path());
        let group = e.group.as_ref();
        Some(EditionLink {
            number: e.number,
            title: e.title.clone()?,
            path,
            group: group.map(|g| g.heading.clone()).filter(|h| !h.is_empty()),
            label: group.and_then(|g| g.letter).map(|place| site.l10n.letter(locale, place)),
        })
    });
    let page = PagePath::Story(locale.to_owned(), live.slug.clone());
    let description = if live.summary.is_empty() { excerpt(&live.body) } else { live.summary.clone() };
    let og_image = images.first().map(|i| i.share_href.clone());
    let title = format!("{} — {}", live.title, site.name(publication, locale));
    let meta = meta(site, &page, &live.locales, title, live.title.clone(), description, "article", og_image);
    let story = StoryContext {
        title: live.title.clone(),
        summary: live.summary.clone(),
        date: live.published_on.to_string(),
        body_html: to_safe_html(&live.body),
        images,
        link: live.link.clone(),
        edition,
    };
    render_html(site, publication, "site/story.html", locale, meta, context! { story => Value::from(Serde(&story)) })
}

fn archive(
    site: &Site,
    publication: &Publication,
    locale: &str,
    entries: &[ArchiveEntry],
) -> Result<Rendered, SiteError> {
    let editions: Vec<ArchiveContext> = entries
        .iter()
        .map(|entry| ArchiveContext {
            number: entry.edition.number,
            title: entry.edition.title.clone(),
            date: entry.edition.published_on.map(|d| d.to_string()).unwrap_or_default(),
            path: site.base.link(&PagePath::Edition(locale.to_owned(), entry.edition.slug.clone()).path()),
            stories: entry.stories,
        })
        .collect();
    let page = PagePath::Archive(locale.to_owned());
    let all_locales: Vec<String> = site.l10n.codes().map(str::to_owned).collect();
    let title = site.l10n.text(locale, "site-archive-title", &crate::l10n::Args::new());
    let name = site.name(publication, locale);
    let meta = meta(site, &page, &all_locales, format!("{title} — {name}"), title.clone(), title, "website", None);
    render_html(
        site,
        publication,
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

fn render_sitemap(site: &Site, sitemap: &Sitemap) -> Result<Rendered, SiteError> {
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
    for edition in &sitemap.editions {
        let lastmod = edition.published_on.map(|d| d.to_string());
        add(edition
            .locales
            .iter()
            .map(|l| (PagePath::Edition(l.clone(), edition.slug.clone()), lastmod.clone()))
            .collect());
    }
    let mut live = sitemap.stories.iter().peekable();
    while let Some(first) = live.next() {
        let mut group = vec![first];
        while let Some(next) = live.next_if(|next| next.slug == first.slug) {
            group.push(next);
        }
        add(group
            .into_iter()
            .map(|s| (PagePath::Story(s.locale.clone(), s.slug.clone()), s.published_on.map(|d| d.to_string())))
            .collect());
    }
    let name = "site/sitemap.xml";
    let xml = site.theme.render(name, context! { entries => Value::from(Serde(&entries)) });
    Ok(Rendered::new(template(name, xml)?.into_bytes(), "application/xml; charset=utf-8"))
}

/// Every page of the published site that `sitemap` describes, and those every site has.
pub(super) fn all_pages(site: &Site, sitemap: &Sitemap) -> Vec<PagePath> {
    let mut pages = vec![PagePath::Root, PagePath::Sitemap, PagePath::Robots];
    for code in site.l10n.codes() {
        pages.extend([PagePath::Home(code.into()), PagePath::Archive(code.into()), PagePath::Feed(code.into())]);
    }
    for edition in &sitemap.editions {
        pages.extend(edition.locales.iter().map(|locale| PagePath::Edition(locale.clone(), edition.slug.clone())));
    }
    pages.extend(sitemap.stories.iter().map(|s| PagePath::Story(s.locale.clone(), s.slug.clone())));
    pages
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

/// The edition as a page shows it.
fn edition_context(site: &Site, edition: &Edition) -> EditionContext {
    let locale = edition.locale.as_str();
    EditionContext {
        number: edition.number,
        title: edition.title.clone(),
        date: edition.published_on.map(|d| d.to_string()).unwrap_or_default(),
        foreword_html: to_safe_html(&edition.foreword),
        signature: Signature::of(edition),
        cover: edition.cover.as_ref().map(|image| ImageContext::new(site, image)),
        parts: edition
            .parts
            .iter()
            .map(|part| PartContext {
                key: part.key.clone().unwrap_or_default(),
                heading: part.heading.clone(),
                intro_html: to_safe_html(&part.intro),
                stories: part
                    .stories
                    .iter()
                    .map(|story| StoryCard {
                        path: site.base.link(&PagePath::Story(locale.to_owned(), story.slug.clone()).path()),
                        label: story.letter.map(|place| site.l10n.letter(locale, place)),
                        title: story.title.clone(),
                        summary: story.summary.clone(),
                        image: story.image.as_ref().map(|image| ImageContext::new(site, image)),
                    })
                    .collect(),
            })
            .collect(),
        story_count: edition.stories().count(),
    }
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
    publication: &Publication,
    template_name: &str,
    locale: &str,
    meta: Meta,
    page: Value,
) -> Result<Rendered, SiteError> {
    let html = site.theme.render(
        template_name,
        context! {
            lang => locale,
            dir => direction(site, locale),
            site => Value::from(Serde(site_context(site, publication, locale))),
            meta => Value::from(Serde(&meta)),
            ..page
        },
    );
    Ok(Rendered::new(template(template_name, html)?.into_bytes(), HTML))
}

fn site_context(site: &Site, publication: &Publication, locale: &str) -> SiteContext {
    let feed = PagePath::Feed(locale.to_owned()).path();
    SiteContext {
        name: site.name(publication, locale),
        base: site.base.link(""),
        home: site.base.link(&PagePath::Home(locale.to_owned()).path()),
        archive: site.base.link(&PagePath::Archive(locale.to_owned()).path()),
        feed: site.base.link(&feed),
        feed_href: site.base.absolute(&feed),
        footer: Footer::new(publication, locale),
        subscribe: SubscribeForm::new(site),
    }
}

pub(crate) fn direction(site: &Site, locale: &str) -> &'static str {
    match site.l10n.direction(locale) {
        Direction::Rtl => "rtl",
        Direction::Ltr => "ltr",
    }
}

fn template(name: &str, result: Result<String, minijinja::Error>) -> Result<String, SiteError> {
    result.map_err(|source| SiteError::Template { template: name.to_owned(), source })
}
